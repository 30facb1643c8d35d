//! The public slash commands: a few lines of glue each, from options to [`Desk`] to
//! [`send_reply`]. Descriptions come from [`crate::catalogue::COMMANDS`] (see
//! [`super::bot::commands`]); names and parameters carry Vietnamese localisations.
//!
//! [`Desk`]: crate::answers::Desk

use super::render::{self, no_mentions};
use super::{Ctx, Error};
use crate::answers::{Day, Lang};
use crate::knowledge::EntryKind;
use crate::reply::{Reply, ReplyKind};
use crate::text::clip_words;
use chrono::Utc;
use poise::serenity_prelude as serenity;
use poise::CreateReply;
use std::time::{Duration, Instant};

/// Autocomplete offers at most this many choices (Discord's limit).
pub const CHOICES_MAX: usize = 25;

fn lang(ctx: Ctx<'_>) -> Lang {
    ctx.locale().map_or(Lang::En, Lang::from_locale)
}

/// Runs the core off the async threads; defers the interaction if it is slow.
async fn compute<T: Send + 'static>(
    ctx: Ctx<'_>,
    private: bool,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    // Discord wants a response within 3 seconds: a slower answer is deferred first
    // and sent as a follow-up (`[discord] defer_after_ms`).
    let defer_after = Duration::from_millis(ctx.data().config.discord.defer_after_ms);
    let mut task = tokio::task::spawn_blocking(f);
    let ready = if defer_after.is_zero() {
        Err(()) // 0: always defer first
    } else {
        tokio::time::timeout(defer_after, &mut task)
            .await
            .map_err(|_| ())
    };
    match ready {
        Ok(done) => Ok(done?),
        Err(_) => {
            tracing::debug!(command = %ctx.command().name, "slow answer: deferring");
            if private {
                ctx.defer_ephemeral().await?;
            } else {
                ctx.defer().await?;
            }
            Ok(task.await?)
        }
    }
}

/// Sends a reply as embeds (several messages when long), with "Did you mean" buttons
/// when it has them, and logs the interaction. A user error goes to the user-error
/// lane (shown ephemerally).
pub(super) async fn send_reply(
    ctx: Ctx<'_>,
    reply: &Reply,
    private: bool,
    started: Instant,
) -> Result<(), Error> {
    let matched = reply.matched.as_ref();
    tracing::info!(
        command = %ctx.command().name,
        guild = ?ctx.guild_id().map(|g| g.get()),
        latency_ms = started.elapsed().as_secs_f64() * 1e3,
        matched = matched.map_or("-", |m| m.id.as_str()),
        score = matched.map_or(0.0, |m| m.confidence),
        kind = ?reply.kind,
        "interaction handled"
    );
    if reply.kind == ReplyKind::UserError {
        return Err(Error::User(reply.body.render_with(&render::DiscordMarkup)));
    }
    let pages = render::pages(reply);
    let buttons = super::buttons::buttons(reply);
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let mut r = CreateReply::default()
            .embed(render::embed(page))
            .ephemeral(private)
            .allowed_mentions(no_mentions());
        if i + 1 == n && !buttons.is_empty() {
            r = r.components(buttons.clone());
        }
        ctx.send(r).await?;
    }
    Ok(())
}

/// Answers with a reply computed from the desk, public.
async fn answer(
    ctx: Ctx<'_>,
    f: impl FnOnce(&crate::answers::Desk) -> Reply + Send + 'static,
) -> Result<(), Error> {
    let started = Instant::now();
    let desk = ctx.data().desk.get();
    let reply = compute(ctx, false, move || f(&desk)).await?;
    send_reply(ctx, &reply, false, started).await
}

/// Ask anything about the Hanoi Convention and its signing ceremony
#[poise::command(slash_command, name_localized("vi", "hỏi"))]
pub async fn ask(
    ctx: Ctx<'_>,
    #[description = "Your question, e.g. “When is the signing ceremony?”"]
    #[name_localized("vi", "câu-hỏi")]
    #[description_localized("vi", "Câu hỏi của bạn, ví dụ “Khi nào lễ ký diễn ra?”")]
    #[autocomplete = "complete_question"]
    #[max_length = 500]
    question: String,
    #[description = "Show the answer only to you"]
    #[name_localized("vi", "riêng-tư")]
    #[description_localized("vi", "Chỉ mình bạn thấy câu trả lời")]
    private: Option<bool>,
) -> Result<(), Error> {
    let started = Instant::now();
    // Before any work: past the per-user limit, a private note and nothing else (no
    // public reply, nothing logged).
    let user = ctx.author().id.get();
    if let Err(wait) = ctx.data().lock_community().asks.try_take(user, started) {
        tracing::debug!(user, "/ask rate limit");
        return Err(Error::User(format!(
            "You are asking quickly: please wait {} seconds before your next question.",
            wait.as_secs().max(1)
        )));
    }
    let private = private.unwrap_or(ctx.data().config.discord.private_by_default);
    // The question's language wins; the client's locale decides only when it does not
    // tell (a bare name, a number).
    let lang = Lang::of_question(&question, lang(ctx));
    let desk = ctx.data().desk.get();
    let (asked, reply) = compute(ctx, private, move || desk.ask(&question, lang)).await?;
    let sent = send_reply(ctx, &reply, private, started).await;
    let (user, key) = (ctx.author().id.get(), ctx.id());
    super::feedback::log_asked(ctx.data(), asked, "slash", user, key);
    sent
}

/// Known questions ranked by the matcher for what has been typed so far.
async fn complete_question<'a>(
    ctx: Ctx<'a>,
    partial: &'a str,
) -> serenity::CreateAutocompleteResponse {
    let desk = ctx.data().desk.get();
    let mut seen = std::collections::HashSet::new();
    let choices = desk
        .complete_question(partial, CHOICES_MAX)
        .into_iter()
        .map(|s| clip_words(&s.question, render::CHOICE_MAX))
        .filter(|q| seen.insert(q.clone()))
        .map(|q| serenity::AutocompleteChoice::new(q.clone(), q))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Entries of one kind (sessions, people) for a partly typed name; the value is the
/// entry id, which `find_named` takes as an exact match.
fn complete_named(
    ctx: Ctx<'_>,
    partial: &str,
    kind: EntryKind,
) -> serenity::CreateAutocompleteResponse {
    let desk = ctx.data().desk.get();
    let k = &desk.knowledge;
    let choices = desk
        .find_named(partial, kind, CHOICES_MAX)
        .into_iter()
        .filter(|e| e.id.chars().count() <= render::CHOICE_MAX)
        .map(|e| {
            let name = match kind {
                EntryKind::Person => k.person(&e.id).map(|p| p.name.clone()),
                EntryKind::Session => k.session(&e.id).map(|s| s.name.clone()),
                _ => None,
            }
            .unwrap_or_else(|| e.id.clone());
            serenity::AutocompleteChoice::new(clip_words(&name, render::CHOICE_MAX), e.id.clone())
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

async fn complete_session<'a>(
    ctx: Ctx<'a>,
    partial: &'a str,
) -> serenity::CreateAutocompleteResponse {
    complete_named(ctx, partial, EntryKind::Session)
}

async fn complete_speaker<'a>(
    ctx: Ctx<'a>,
    partial: &'a str,
) -> serenity::CreateAutocompleteResponse {
    complete_named(ctx, partial, EntryKind::Person)
}

/// The days `/schedule` offers.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum DayChoice {
    #[name = "25 October"]
    #[name_localized("vi", "25 tháng 10")]
    First,
    #[name = "26 October"]
    #[name_localized("vi", "26 tháng 10")]
    Second,
    #[name = "Now / next"]
    #[name_localized("vi", "Đang diễn ra / sắp tới")]
    Now,
}

/// The ceremony programme for a day, in your own time zone
#[poise::command(slash_command, name_localized("vi", "lịch"))]
pub async fn schedule(
    ctx: Ctx<'_>,
    #[description = "Which day (default: today during the event, else the first day)"]
    #[name_localized("vi", "ngày")]
    #[description_localized("vi", "Ngày nào (mặc định: hôm nay trong thời gian sự kiện)")]
    day: Option<DayChoice>,
) -> Result<(), Error> {
    answer(ctx, move |desk| {
        let now = Utc::now();
        let days = &desk.knowledge.event_days;
        let today = now.with_timezone(&desk.knowledge.offset).date_naive();
        let pick = |i: usize| days.get(i).copied().map(Day::Date);
        let day = match day {
            Some(DayChoice::First) => pick(0),
            Some(DayChoice::Second) => pick(1),
            Some(DayChoice::Now) => Some(Day::Now),
            None if days.contains(&today) => Some(Day::Date(today)),
            None => pick(0),
        };
        match day {
            Some(d) => desk.schedule(d, now),
            None => Reply::user_error("The knowledge has no such event day."),
        }
    })
    .await
}

/// One session of the programme: time, venue, people
#[poise::command(slash_command, name_localized("vi", "phiên"))]
pub async fn session(
    ctx: Ctx<'_>,
    #[description = "The session's name"]
    #[name_localized("vi", "tên")]
    #[description_localized("vi", "Tên phiên")]
    #[autocomplete = "complete_session"]
    #[max_length = 200]
    name: String,
) -> Result<(), Error> {
    answer(ctx, move |desk| desk.session(&name)).await
}

/// Everyone named at the ceremony and their role
#[poise::command(slash_command, name_localized("vi", "diễn-giả"))]
pub async fn speakers(ctx: Ctx<'_>) -> Result<(), Error> {
    answer(ctx, |desk| desk.speakers()).await
}

/// One person: title, role, what they said, their sessions
#[poise::command(slash_command, name_localized("vi", "người"))]
pub async fn speaker(
    ctx: Ctx<'_>,
    #[description = "The person's name (with or without diacritics)"]
    #[name_localized("vi", "tên")]
    #[description_localized("vi", "Tên người (có hoặc không dấu)")]
    #[autocomplete = "complete_speaker"]
    #[max_length = 200]
    name: String,
) -> Result<(), Error> {
    let lang = lang(ctx);
    answer(ctx, move |desk| desk.speaker(&name, lang)).await
}

/// The convention at a glance: names, adoption, structure, signature
#[poise::command(slash_command, name_localized("vi", "công-ước"))]
pub async fn convention(ctx: Ctx<'_>) -> Result<(), Error> {
    answer(ctx, |desk| desk.convention()).await
}

/// One article of the convention (1-68)
#[poise::command(slash_command, name_localized("vi", "điều"))]
pub async fn article(
    ctx: Ctx<'_>,
    #[description = "Article number, 1 to 68"]
    #[name_localized("vi", "số")]
    #[description_localized("vi", "Số điều, từ 1 đến 68")]
    #[min = 1]
    #[max = 68]
    number: i64,
) -> Result<(), Error> {
    answer(ctx, move |desk| desk.article(number)).await
}

/// One chapter of the convention (1-9) and its articles
#[poise::command(slash_command, name_localized("vi", "chương"))]
pub async fn chapter(
    ctx: Ctx<'_>,
    #[description = "Chapter number, 1 to 9"]
    #[name_localized("vi", "số")]
    #[description_localized("vi", "Số chương, từ 1 đến 9")]
    #[min = 1]
    #[max = 9]
    number: i64,
) -> Result<(), Error> {
    answer(ctx, move |desk| desk.chapter(number)).await
}

/// Who signed: the count, by region, the names known here, where the full list is
#[poise::command(slash_command, name_localized("vi", "bên-ký"))]
pub async fn signatories(ctx: Ctx<'_>) -> Result<(), Error> {
    let lang = lang(ctx);
    answer(ctx, move |desk| desk.signatories(lang)).await
}

/// What this bot can do
#[poise::command(slash_command, name_localized("vi", "trợ-giúp"))]
pub async fn help(ctx: Ctx<'_>) -> Result<(), Error> {
    answer(ctx, |desk| desk.help("/")).await
}
