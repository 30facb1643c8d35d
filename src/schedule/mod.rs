//! Scheduled posts: moderator announcements and session reminders, posted exactly once.
//!
//! - `when`: [`parse_when`], the times moderators type ("2025-10-25 08:30", "in 2h").
//! - `draft`: [`Draft`], an announcement checked against Discord's limits.
//! - `reminders`: [`sync_reminders`] keeps one reminder per timed session in the store.
//! - `runner`: [`Scheduler`], the tokio task that posts what is due through a [`Poster`].
//! - `actions`: [`add_announcement`], [`cancel`], [`set_reminders`], [`list_reply`]: what
//!   `/announce …`, `/reminders` and `hanoi-bot announce …` do, audit included.
//!
//! # Exactly once
//!
//! Each item has a unique nonce. Posting is: record `attempting` (durable) → send with
//! the nonce as the message nonce and `enforce_nonce: true` → record `posted` and the
//! message id. Whatever step the process dies at, the next start finds the item either
//! `pending` (nothing was sent: send it), or `attempting` (maybe sent): the scheduler
//! then asks [`Poster::find_posted`] whether a message with that nonce exists in the
//! channel, records it as posted if so, and sends again (same nonce, which Discord
//! deduplicates for a few minutes) only if not. An item due while the bot was down is
//! posted late within the grace window (`[announcements] grace_minutes`), otherwise
//! marked `missed` and reported as an [`Event`] for the moderators' log channel.
//!
//! # For the Discord glue
//!
//! Implement [`Poster`] (render `Outgoing::reply` as an embed with the image of
//! `Outgoing::item`, `allowed_mentions` exactly [`Mentions`], nonce + `enforce_nonce`,
//! crosspost in announcement channels, [`Outgoing::marker`] in the footer;
//! `find_posted` reads the bot's recent messages in the channel for that marker), build
//! a [`Scheduler`] with [`SystemClock`], `spawn` it, call [`SchedulerHandle::wake`] after
//! adding an item, and forward [`Event::log_line`]s to the log channel, rendered with the
//! platform's markup. After a knowledge reload call [`sync_reminders`] and `wake`.

mod actions;
mod draft;
mod guarded;
mod reminders;
mod runner;
mod when;

pub use actions::{
    add_announcement, add_announcement_at, cancel, list_reply, set_reminders, AnnounceError,
};
pub use draft::{announcement_reply, item_reply, Draft, FOOTER, MAX_BODY, MAX_EMBED, MAX_TITLE};
pub use reminders::{reminder_reply, reminder_target, sync_reminders, SyncReport};
pub use runner::{Exit, FaultHook, Scheduler, SchedulerHandle, Step};
pub use when::{parse_when, WhenError, MAX_AHEAD_DAYS};

use crate::reply::{Reply, Rich, TimeStyle};
use crate::store::Item;
use chrono::{DateTime, Duration, Utc};
use std::fmt;
use std::future::Future;

/// Who may be pinged by a post: nothing else, whatever the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mentions {
    /// The one role to ping.
    pub role: Option<u64>,
    /// @everyone/@here: only when the item asked for it and the config allows it.
    pub everyone: bool,
}

/// One post to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The stored item: channel, nonce (the message nonce), image URL.
    pub item: Item,
    /// The embed.
    pub reply: Reply,
    /// Whom the post may ping.
    pub mentions: Mentions,
}

impl Outgoing {
    /// A short reference carrying the nonce, for the embed footer, so that
    /// [`Poster::find_posted`] can recognise the message after a crash.
    pub fn marker(&self) -> String {
        format!("ref {}", self.item.nonce)
    }
}

/// Why the platform did not post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostError {
    /// The channel was deleted.
    ChannelGone,
    /// The role to ping was deleted.
    RoleGone,
    /// The bot may not see or post in the channel; Discord's message.
    MissingPermissions(String),
    /// Discord refused the message itself (a 4xx other than the above): resending the
    /// same body cannot help.
    Rejected(String),
    /// Network trouble, rate limits, 5xx: worth retrying.
    Transient(String),
    /// The bot itself failed on this item (a bug, such as a panic): not retried, so one
    /// item cannot stop the posting loop again and again.
    Internal(String),
}

impl PostError {
    /// Retrying cannot help.
    pub fn is_permanent(&self) -> bool {
        !matches!(self, PostError::Transient(_))
    }
}

impl fmt::Display for PostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PostError::ChannelGone => f.write_str("the channel no longer exists"),
            PostError::RoleGone => f.write_str("the role to ping no longer exists"),
            PostError::MissingPermissions(p) => {
                write!(f, "the bot lacks permissions in the channel: {p}")
            }
            PostError::Rejected(e) => write!(f, "Discord refused the message: {e}"),
            PostError::Transient(e) => write!(f, "temporary failure: {e}"),
            PostError::Internal(e) => write!(f, "the bot failed while posting it: {e}"),
        }
    }
}

/// Where posts go: Discord in the bot, a fake in tests.
pub trait Poster: Send + Sync + 'static {
    /// Sends a post; the message id on success. Must use `out.item.nonce` as the
    /// message nonce so a resend of the same item is recognised.
    fn post(&self, out: &Outgoing) -> impl Future<Output = Result<u64, PostError>> + Send;

    /// The id of a message already posted for `item` (in `item.channel_id`, carrying
    /// `item.nonce`), if any. Discord's REST API does not return nonces when reading
    /// messages, so the Discord side looks among the bot's own messages since
    /// `item.attempt_started_at` for [`Outgoing::marker`] (put in the embed footer).
    fn find_posted(
        &self,
        item: &Item,
    ) -> impl Future<Output = Result<Option<u64>, PostError>> + Send;
}

/// The current time; injectable so tests run on tokio's paused clock.
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that follows tokio's (pausable) time from a fixed starting instant.
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    base: DateTime<Utc>,
    start: tokio::time::Instant,
}

impl TokioClock {
    /// Reads `base` now and moves on with `tokio::time`.
    pub fn starting_at(base: DateTime<Utc>) -> TokioClock {
        TokioClock {
            base,
            start: tokio::time::Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    fn now(&self) -> DateTime<Utc> {
        let d = tokio::time::Instant::now() - self.start;
        self.base + Duration::from_std(d).unwrap_or_default()
    }
}

/// Why a stored reminder is not posted any more (it is cancelled instead; a later sync
/// recreates it if its session merely moved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DropReason {
    /// `/reminders off`.
    #[error("reminders are off")]
    RemindersOff,
    /// The session is no longer in the knowledge.
    #[error("the session was removed from the programme")]
    SessionRemoved,
    /// The session is marked cancelled.
    #[error("the session was cancelled")]
    SessionCancelled,
    /// The session moved or lost its time; the sync made a new reminder.
    #[error("the session's time changed")]
    TimeChanged,
}

/// What the scheduler did that someone should know about.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `late`: how long after its time it went out (after downtime).
    Posted {
        /// What was posted.
        item: Item,
        /// The message.
        message_id: u64,
        /// How long after its time it went out.
        late: Duration,
    },
    /// Found already posted after a restart (the earlier attempt had gone out).
    Recovered {
        /// What was posted.
        item: Item,
        /// The message found.
        message_id: u64,
    },
    /// Its time passed more than the grace window ago.
    Missed {
        /// What was missed.
        item: Item,
    },
    /// It failed for good: a permanent error, or too many attempts.
    Failed {
        /// What failed.
        item: Item,
        /// Why.
        error: PostError,
    },
    /// It failed and will be tried again.
    Retrying {
        /// What failed.
        item: Item,
        /// Why.
        error: PostError,
        /// When it is tried again.
        at: DateTime<Utc>,
    },
    /// A reminder whose session was cancelled, removed or untimed, or reminders are off.
    Dropped {
        /// The reminder.
        item: Item,
        /// Why it is not posted.
        reason: DropReason,
    },
}

impl Event {
    /// The line for the moderators' log channel, with typed times (each front end
    /// writes them its own way); `None`: nothing worth a message.
    pub fn log_line(&self) -> Option<Rich> {
        let what = |i: &Item| format!("{} #{} “{}”", i.kind.as_str(), i.id, i.title);
        let mut line = Rich::default();
        match self {
            Event::Posted { item, late, .. } if *late > Duration::minutes(1) => {
                line.push(format!(
                    "Posted {} {} minutes late (the bot was down at its time).",
                    what(item),
                    late.num_minutes()
                ));
            }
            Event::Posted { .. } | Event::Recovered { .. } | Event::Dropped { .. } => return None,
            Event::Missed { item } => {
                line.push(format!("Missed {}: it was due at ", what(item)))
                    .time(item.due_at.fixed_offset(), TimeStyle::DateTime)
                    .push(" while the bot was down, past the grace window; it was not posted.");
            }
            Event::Failed { item, error } => {
                line.push(format!("Could not post {}: {error}.", what(item)));
            }
            Event::Retrying { item, error, at } => {
                line.push(format!(
                    "Posting {} failed ({error}); retrying ",
                    what(item)
                ))
                .time(at.fixed_offset(), TimeStyle::Relative)
                .push(".");
            }
        }
        Some(line)
    }
}
