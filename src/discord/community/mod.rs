//! Community Q&A: questions asked by mentioning the bot, and questions in the Q&A
//! channels of `[community]`, which the bot answers on its own only when confident.
//!
//! The decisions are pure and in `rules`; [`handle_message`] is the glue that sends
//! the answer.

pub mod rules;

use super::render::{self, no_mentions};
use super::{Data, Error};
use crate::text::clip_words;
use poise::serenity_prelude as serenity;
use rules::{lang_of_text, question_of, trigger, Trigger};
use std::time::Instant;

/// Answers a message if it is addressed to the bot or a confident Q&A-channel question.
pub async fn handle_message(
    ctx: &serenity::Context,
    data: &Data,
    bot_id: serenity::UserId,
    msg: &serenity::Message,
) -> Result<(), Error> {
    let started = Instant::now();
    if msg.author.bot || msg.author.id == bot_id || msg.webhook_id.is_some() {
        return Ok(());
    }
    let cfg = &data.config.community;
    let mentions_bot = msg.mentions.iter().any(|u| u.id == bot_id);
    let Some(trigger) = trigger(
        cfg,
        msg.channel_id.get(),
        msg.guild_id.is_none(),
        mentions_bot,
    ) else {
        return Ok(());
    };
    let question = question_of(&msg.content, bot_id.get());
    if trigger == Trigger::QaChannel && question.is_empty() {
        return Ok(());
    }
    let (user, channel) = (msg.author.id.get(), msg.channel_id.get());
    let unprompted = trigger == Trigger::QaChannel;
    // Cooldowns before any work: a message that will not be answered costs nothing. A
    // mention takes its cooldown now; a Q&A-channel question only once it is known to
    // be answered (most are not).
    let allowed = {
        let mut state = data.lock_community();
        if !state.seen.first_time(msg.id.get()) {
            return Ok(());
        }
        if unprompted {
            state.cooldowns.ready(user, channel, true, Instant::now())
        } else {
            state
                .cooldowns
                .try_take(user, channel, false, Instant::now())
        }
    };
    if !allowed {
        tracing::debug!(user, channel, "cooldown: not answering");
        return Ok(());
    }
    let lang = lang_of_text(&question);
    let desk = data.desk.get();
    let q = question.clone();
    let (asked, reply) = tokio::task::spawn_blocking(move || desk.ask(&q, lang)).await?;
    if unprompted {
        if !(asked.answered && asked.confidence >= cfg.qa_threshold) {
            tracing::debug!(
                channel,
                confidence = asked.confidence,
                "Q&A channel question below the threshold; not answered"
            );
            return Ok(());
        }
        // Taken now; another message of the same user may have taken it meanwhile.
        let taken = data
            .lock_community()
            .cooldowns
            .try_take(user, channel, true, Instant::now());
        if !taken {
            tracing::debug!(user, channel, "cooldown: not answering");
            return Ok(());
        }
    }
    let pages = render::pages(&reply);
    let buttons = super::buttons::buttons(&reply);
    let in_thread = unprompted && cfg.use_threads && msg.guild_id.is_some();
    let target = if in_thread {
        let name = clip_words(&question, 100);
        let thread = msg
            .channel_id
            .create_thread_from_message(
                &ctx.http,
                msg.id,
                serenity::CreateThread::new(name)
                    .auto_archive_duration(serenity::AutoArchiveDuration::OneDay),
            )
            .await?;
        thread.id
    } else {
        msg.channel_id
    };
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let mut m = serenity::CreateMessage::new()
            .embed(render::embed(page))
            .allowed_mentions(no_mentions());
        if i == 0 && !in_thread {
            m = m.reference_message(msg);
        }
        if i + 1 == n && !buttons.is_empty() {
            m = m.components(buttons.clone());
        }
        target.send_message(&ctx.http, m).await?;
    }
    let kind = match (unprompted, msg.guild_id) {
        (true, _) => "qa-channel",
        (false, None) => "dm",
        (false, Some(_)) => "mention",
    };
    tracing::info!(
        command = kind,
        guild = ?msg.guild_id.map(|g| g.get()),
        latency_ms = started.elapsed().as_secs_f64() * 1e3,
        matched = asked.id.as_deref().unwrap_or("-"),
        score = asked.confidence,
        "message answered"
    );
    super::feedback::log_asked(data, asked, kind, msg.author.id.get(), msg.id.get());
    Ok(())
}
