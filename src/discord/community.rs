//! Community Q&A: questions asked by mentioning the bot, and questions in the Q&A
//! channels of `[community]`, which the bot answers on its own only when confident.
//!
//! The decisions are pure ([`trigger`], [`question_of`], [`Cooldowns`], [`Seen`]) and
//! tested with fixed instants; [`handle_message`] is the glue that sends the answer.

use super::render::{self, no_mentions};
use super::{Data, Error};
use crate::answers::Lang;
use crate::config::CommunityConfig;
use crate::reply::clip_words;
use poise::serenity_prelude as serenity;
use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

/// Why the bot looks at a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The bot was mentioned, or the message is a direct message: always answered
    /// (subject to the user cooldown), unsure answers included.
    Addressed,
    /// A message in a Q&A channel: answered only above `qa_threshold`.
    QaChannel,
}

/// Whether and why a message concerns the bot.
pub fn trigger(
    cfg: &CommunityConfig,
    channel: u64,
    is_dm: bool,
    mentions_bot: bool,
) -> Option<Trigger> {
    if mentions_bot || is_dm {
        Some(Trigger::Addressed)
    } else if cfg.qa_channels.contains(&channel) {
        Some(Trigger::QaChannel)
    } else {
        None
    }
}

/// The question in a message: the bot's own mentions (`<@id>`, `<@!id>`) removed.
pub fn question_of(content: &str, bot_id: u64) -> String {
    let plain = content
        .replace(&format!("<@{bot_id}>"), " ")
        .replace(&format!("<@!{bot_id}>"), " ");
    crate::answers::clean_question(&plain)
}

/// Messages carry no locale: answer in Vietnamese when the question is written with
/// Vietnamese letters (ă â đ ê ô ơ ư or the tone-marked vowels).
pub fn lang_of_text(q: &str) -> Lang {
    let vietnamese = q
        .chars()
        .any(|c| "ăâđêôơưĂÂĐÊÔƠƯ".contains(c) || ('\u{1EA0}'..='\u{1EF9}').contains(&c));
    if vietnamese {
        Lang::Vi
    } else {
        Lang::En
    }
}

/// Per-user and per-channel cooldowns.
#[derive(Debug)]
pub struct Cooldowns {
    user: Duration,
    channel: Duration,
    last_user: HashMap<u64, Instant>,
    last_channel: HashMap<u64, Instant>,
}

impl Cooldowns {
    pub fn new(user: Duration, channel: Duration) -> Cooldowns {
        Cooldowns {
            user,
            channel,
            last_user: HashMap::new(),
            last_channel: HashMap::new(),
        }
    }

    pub fn from_config(cfg: &CommunityConfig) -> Cooldowns {
        Cooldowns::new(
            Duration::from_secs(cfg.user_cooldown_secs),
            Duration::from_secs(cfg.channel_cooldown_secs),
        )
    }

    /// Whether the bot may answer `user` in `channel` at `now`; if so the answer is
    /// counted. The channel cooldown applies to unprompted (Q&A channel) answers.
    pub fn try_take(&mut self, user: u64, channel: u64, unprompted: bool, now: Instant) -> bool {
        let cool = |last: Option<&Instant>, span: Duration| {
            last.is_none_or(|t| now.saturating_duration_since(*t) >= span)
        };
        if !cool(self.last_user.get(&user), self.user) {
            return false;
        }
        if unprompted && !cool(self.last_channel.get(&channel), self.channel) {
            return false;
        }
        self.last_user.insert(user, now);
        if unprompted {
            self.last_channel.insert(channel, now);
        }
        if self.last_user.len() > 10_000 {
            let span = self.user;
            self.last_user
                .retain(|_, t| now.saturating_duration_since(*t) < span);
        }
        if self.last_channel.len() > 10_000 {
            let span = self.channel;
            self.last_channel
                .retain(|_, t| now.saturating_duration_since(*t) < span);
        }
        true
    }
}

/// The message ids already handled, so one message is never answered twice (a
/// re-delivered event after a gateway resume, a mention in a Q&A channel).
#[derive(Debug)]
pub struct Seen {
    ids: HashSet<u64>,
    order: VecDeque<u64>,
    capacity: usize,
}

impl Seen {
    pub fn new(capacity: usize) -> Seen {
        Seen {
            ids: HashSet::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// True the first time an id is offered.
    pub fn first_time(&mut self, id: u64) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > self.capacity {
            if let Some(old) = self.order.pop_front() {
                self.ids.remove(&old);
            }
        }
        true
    }
}

/// The mutable state of community Q&A, behind one lock in [`Data`].
#[derive(Debug)]
pub struct State {
    pub cooldowns: Cooldowns,
    pub seen: Seen,
}

impl State {
    pub fn new(cfg: &CommunityConfig) -> State {
        State {
            cooldowns: Cooldowns::from_config(cfg),
            seen: Seen::new(10_000),
        }
    }
}

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
    if !data.lock_community().seen.first_time(msg.id.get()) {
        return Ok(());
    }
    let lang = lang_of_text(&question);
    let desk = data.desk.get();
    let q = question.clone();
    let (asked, reply) = tokio::task::spawn_blocking(move || desk.ask(&q, lang)).await?;
    if trigger == Trigger::QaChannel && !(asked.answered && asked.confidence >= cfg.qa_threshold) {
        tracing::debug!(
            channel = msg.channel_id.get(),
            confidence = asked.confidence,
            "Q&A channel question below the threshold; not answered"
        );
        return Ok(());
    }
    let unprompted = trigger == Trigger::QaChannel;
    let allowed = data.lock_community().cooldowns.try_take(
        msg.author.id.get(),
        msg.channel_id.get(),
        unprompted,
        Instant::now(),
    );
    if !allowed {
        tracing::debug!(
            user = msg.author.id.get(),
            channel = msg.channel_id.get(),
            "cooldown: not answering"
        );
        return Ok(());
    }
    let pages = render::pages(&reply);
    let buttons = render::buttons(&reply);
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
    super::feedback::log_asked(data, asked, kind, msg.author.id.get());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> CommunityConfig {
        CommunityConfig {
            qa_channels: vec![7],
            ..CommunityConfig::default()
        }
    }

    #[test]
    fn triggers() {
        let c = cfg();
        assert_eq!(trigger(&c, 1, false, true), Some(Trigger::Addressed));
        assert_eq!(trigger(&c, 1, true, false), Some(Trigger::Addressed));
        assert_eq!(trigger(&c, 7, false, false), Some(Trigger::QaChannel));
        assert_eq!(trigger(&c, 7, false, true), Some(Trigger::Addressed));
        assert_eq!(trigger(&c, 1, false, false), None);
    }

    #[test]
    fn mentions_are_stripped_from_the_question() {
        assert_eq!(
            question_of("<@42> When is the  signing?", 42),
            "When is the signing?"
        );
        assert_eq!(question_of("hey <@!42>\nwhen?", 42), "hey when?");
        assert_eq!(question_of("<@43> hi", 42), "<@43> hi");
    }

    #[test]
    fn vietnamese_text_gets_vietnamese_answers() {
        assert_eq!(lang_of_text("Khi nào lễ ký diễn ra?"), Lang::Vi);
        assert_eq!(lang_of_text("When is the signing?"), Lang::En);
        assert_eq!(lang_of_text("António Guterres"), Lang::En);
    }

    #[test]
    fn cooldowns_per_user_and_per_channel() {
        let t0 = Instant::now();
        let s = |n| t0 + Duration::from_secs(n);
        let mut c = Cooldowns::new(Duration::from_secs(10), Duration::from_secs(5));
        assert!(c.try_take(1, 100, true, s(0)));
        assert!(!c.try_take(1, 100, true, s(3)), "same user too soon");
        assert!(
            !c.try_take(1, 200, false, s(9)),
            "user cooldown spans channels"
        );
        assert!(
            !c.try_take(2, 100, true, s(4)),
            "channel cooldown for unprompted answers"
        );
        assert!(
            c.try_take(2, 100, false, s(4)),
            "a mention is not held by the channel cooldown"
        );
        assert!(c.try_take(3, 100, true, s(5)));
        assert!(c.try_take(1, 100, false, s(10)), "user cooldown over");
    }

    #[test]
    fn a_message_is_handled_once() {
        let mut seen = Seen::new(2);
        assert!(seen.first_time(1));
        assert!(!seen.first_time(1));
        assert!(seen.first_time(2));
        assert!(seen.first_time(3));
        assert!(!seen.first_time(3));
        assert!(seen.first_time(1), "oldest forgotten beyond the capacity");
    }
}
