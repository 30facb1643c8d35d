//! What the moderator commands do, the same for `/announce` and `hanoi-bot announce`:
//! check, store, audit, and a message to show. All synchronous on a [`Store`]; the
//! bot runs them through [`crate::store::AsyncStore::call`] and then wakes the
//! scheduler.

use super::{parse_when, Draft};
use crate::config::Config;
use crate::reply::{Reply, ReplyKind, Rich, TimeStyle};
use crate::store::{Item, ItemId, ItemKind, Store, StoreError};
use chrono::{DateTime, FixedOffset, Utc};

/// Why an announcement was not scheduled; nothing was stored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnnounceError {
    /// What the moderator must fix: every problem, each a sentence.
    #[error("{}", .0.join(" "))]
    Refused(Vec<String>),
    /// The database failed.
    #[error("nothing was scheduled")]
    Store(#[from] StoreError),
}

/// Checks a draft and a typed time, stores the announcement and audits it.
/// [`AnnounceError::Refused`] holds every problem, as messages for the moderator.
/// `when`: `None` posts at once (the preview's Confirm); `Some` is read by
/// [`parse_when`] in the event's zone `offset`.
pub fn add_announcement(
    store: &Store,
    config: &Config,
    draft: Draft,
    when: Option<&str>,
    offset: FixedOffset,
    who: &str,
    now: DateTime<Utc>,
) -> Result<Item, AnnounceError> {
    let due = match when.map(|w| parse_when(w, now, offset)) {
        None => Ok(now),
        Some(Ok(t)) => Ok(t),
        Some(Err(e)) => Err(e.to_string()),
    };
    let checked = draft.check(&config.announcements);
    let mut problems = checked.err().unwrap_or_default();
    if let Err(e) = &due {
        problems.push(e.clone());
    }
    if !problems.is_empty() {
        return Err(AnnounceError::Refused(problems));
    }
    add_announcement_at(store, config, draft, due.unwrap_or(now), who, now)
}

/// Stores a draft due at an instant already decided (the Discord preview reads the
/// typed time once, so that "in 2h" means two hours from the preview, not from the
/// click on Confirm). An instant more than a minute in the past is refused.
pub fn add_announcement_at(
    store: &Store,
    config: &Config,
    draft: Draft,
    due: DateTime<Utc>,
    who: &str,
    now: DateTime<Utc>,
) -> Result<Item, AnnounceError> {
    if due < now - chrono::Duration::minutes(1) {
        return Err(AnnounceError::Refused(vec![format!(
            "That time ({} UTC) has already passed; choose a later one.",
            due.format("%Y-%m-%d %H:%M")
        )]));
    }
    let new = draft
        .into_item(&config.announcements, due.max(now))
        .map_err(AnnounceError::Refused)?;
    // The item and its audit entry, or neither: "nothing was scheduled" must be true.
    store.atomically(|store| {
        let item = store.insert_item(&new, who, now)?;
        let detail = format!(
            "#{} to channel {} at {} (role {:?}, everyone {}): {}",
            item.id,
            item.channel_id,
            item.due_at.to_rfc3339(),
            item.role_id,
            item.allow_everyone,
            item.title
        );
        store.audit(who, "announce.schedule", &detail, now)?;
        Ok(item)
    })
}

/// Cancels a pending item and audits the attempt; the message says what happened.
pub fn cancel(
    store: &Store,
    id: ItemId,
    who: &str,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    // The cancel and its audit entry, or neither.
    store.atomically(|store| {
        let outcome = store.cancel_item(id, &format!("cancelled by {who}"))?;
        store.audit(who, "announce.cancel", &format!("#{id}: {outcome:?}"), now)?;
        Ok(outcome.message(id))
    })
}

/// `/reminders on|off`: stores the switch and audits it. Run
/// [`super::sync_reminders`] afterwards so pending reminders follow.
pub fn set_reminders(
    store: &Store,
    on: bool,
    who: &str,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let word = if on { "on" } else { "off" };
    store.atomically(|store| {
        store.set_reminders_enabled(on)?;
        store.audit(who, "reminders", word, now)
    })?;
    Ok(format!("Session reminders are {word}."))
}

/// `/announce list`: what is scheduled, with typed times, channels and roles (each
/// front end writes them its own way: timestamps and links on Discord).
pub fn list_reply(items: &[Item], offset: FixedOffset) -> Reply {
    if items.is_empty() {
        return Reply::new(
            ReplyKind::Info,
            "Scheduled posts",
            Rich::text("Nothing is scheduled."),
        );
    }
    let mut r = Reply::new(
        ReplyKind::Info,
        "Scheduled posts",
        Rich::text(format!(
            "{} scheduled. Cancel one with its number.",
            items.len()
        )),
    );
    for i in items.iter().take(25) {
        let mut v = Rich::default();
        v.time(i.due_at.with_timezone(&offset), TimeStyle::DateTime)
            .push(" (")
            .time(i.due_at.with_timezone(&offset), TimeStyle::Relative)
            .push(") · ")
            .channel(i.channel_id)
            .push(format!(" · {}", i.state.as_str()));
        if let Some(r) = i.role_id {
            v.push(" · pings ").role(r);
        }
        let kind = match i.kind {
            ItemKind::Announcement => "",
            ItemKind::Reminder => " (reminder)",
        };
        r = r.field(format!("#{}{kind} {}", i.id, i.title), v);
    }
    r
}
