//! The decisions of community Q&A, pure and tested with fixed instants: whether a
//! message concerns the bot ([`trigger`]), the question in it ([`question_of`]), its
//! language ([`lang_of_text`]), cooldowns ([`Cooldowns`]) and messages already handled
//! ([`Seen`]).

use crate::answers::Lang;
use crate::config::CommunityConfig;
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

/// Messages carry no locale: answer in the question's own language ([`Lang::detect`]:
/// Vietnamese letters, or Vietnamese words typed without them), English when it does
/// not tell.
pub fn lang_of_text(q: &str) -> Lang {
    Lang::of_question(q, Lang::En)
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

    /// Whether the bot may answer `user` in `channel` at `now`, without counting it:
    /// checked before any work is done on a message.
    pub fn ready(&self, user: u64, channel: u64, unprompted: bool, now: Instant) -> bool {
        let cool = |last: Option<&Instant>, span: Duration| {
            last.is_none_or(|t| now.saturating_duration_since(*t) >= span)
        };
        cool(self.last_user.get(&user), self.user)
            && (!unprompted || cool(self.last_channel.get(&channel), self.channel))
    }

    /// Whether the bot may answer `user` in `channel` at `now`; if so the answer is
    /// counted. The channel cooldown applies to unprompted (Q&A channel) answers.
    pub fn try_take(&mut self, user: u64, channel: u64, unprompted: bool, now: Instant) -> bool {
        if !self.ready(user, channel, unprompted, now) {
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

/// At most `limit` uses per user in any window of `window` (sliding): `/ask`.
#[derive(Debug)]
pub struct RateLimit {
    limit: usize,
    window: Duration,
    uses: HashMap<u64, VecDeque<Instant>>,
}

impl RateLimit {
    /// `limit` 0: no limit.
    pub fn new(limit: u32, window: Duration) -> RateLimit {
        RateLimit {
            limit: limit as usize,
            window,
            uses: HashMap::new(),
        }
    }

    /// Counts a use by `user` at `now`, or says how long until they may use it again.
    pub fn try_take(&mut self, user: u64, now: Instant) -> Result<(), Duration> {
        if self.limit == 0 {
            return Ok(());
        }
        let window = self.window;
        let recent = |t: &Instant| now.saturating_duration_since(*t) < window;
        let uses = self.uses.entry(user).or_default();
        while uses.front().is_some_and(|t| !recent(t)) {
            uses.pop_front();
        }
        if uses.len() >= self.limit {
            let oldest = uses.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now.saturating_duration_since(oldest)));
        }
        uses.push_back(now);
        if self.uses.len() > 10_000 {
            self.uses.retain(|_, u| u.back().is_some_and(recent));
        }
        Ok(())
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

/// The mutable state of community Q&A and of `/ask`'s rate limit, behind one lock in
/// [`Data`](crate::discord::Data).
#[derive(Debug)]
pub struct State {
    pub cooldowns: Cooldowns,
    pub seen: Seen,
    pub asks: RateLimit,
}

impl State {
    pub fn new(cfg: &crate::config::Config) -> State {
        State {
            cooldowns: Cooldowns::from_config(&cfg.community),
            seen: Seen::new(10_000),
            asks: RateLimit::new(cfg.discord.ask_per_minute, Duration::from_secs(60)),
        }
    }
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
        assert_eq!(lang_of_text("le ky cong uoc dien ra khi nao"), Lang::Vi);
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
    fn asks_are_limited_per_user_in_a_sliding_minute() {
        let t0 = Instant::now();
        let s = |n| t0 + Duration::from_secs(n);
        let mut r = RateLimit::new(2, Duration::from_secs(60));
        assert!(r.try_take(1, s(0)).is_ok());
        assert!(r.try_take(1, s(10)).is_ok());
        assert_eq!(r.try_take(1, s(20)), Err(Duration::from_secs(40)));
        assert!(r.try_take(2, s(20)).is_ok(), "per user");
        assert!(
            r.try_take(1, s(60)).is_ok(),
            "the first use left the window"
        );
        let mut off = RateLimit::new(0, Duration::from_secs(60));
        assert!((0..100).all(|_| off.try_take(1, t0).is_ok()));
    }

    #[test]
    fn ready_checks_without_counting() {
        let t0 = Instant::now();
        let mut c = Cooldowns::new(Duration::from_secs(10), Duration::from_secs(5));
        assert!(c.ready(1, 100, true, t0));
        assert!(c.ready(1, 100, true, t0), "ready does not count");
        assert!(c.try_take(1, 100, true, t0));
        assert!(!c.ready(1, 100, false, t0 + Duration::from_secs(1)));
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
