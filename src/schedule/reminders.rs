//! Session reminders, derived from the knowledge file's programme.
//!
//! [`sync_reminders`] makes the store agree with the programme: one open reminder per
//! session that has a start time and is not cancelled, due `lead_minutes` before the
//! start. Run it at start-up, after every knowledge reload and after `/reminders on|off`:
//!
//! - a new timed session gets a reminder;
//! - a session whose time changed has its pending reminder moved (a reminder already
//!   posted for the old time stays posted, and the new time gets its own);
//! - a cancelled, removed or untimed session has its pending reminder cancelled;
//! - with reminders off (or no channel configured), every pending reminder is cancelled.
//!
//! Reminders in flight (`attempting`) are never touched. The text is rebuilt from the
//! current knowledge when the reminder is posted ([`reminder_reply`]); what is stored is
//! a plain summary for listings.

use crate::answers::Desk;
use crate::knowledge::Session;
use crate::reply::{Reply, ReplyKind, TimeStyle};
use crate::store::{ItemKind, ItemState, NewItem, Result, Store};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// What a sync changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Session ids that got a new reminder.
    pub created: Vec<String>,
    /// Session ids whose pending reminder moved to a new time.
    pub moved: Vec<String>,
    /// Session ids whose pending reminder was cancelled.
    pub cancelled: Vec<String>,
    /// Reminders already right.
    pub unchanged: usize,
}

impl SyncReport {
    /// Nothing was created, moved or cancelled.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.moved.is_empty() && self.cancelled.is_empty()
    }
}

/// When the reminder of a session is due, if it gets one.
pub fn reminder_target(desk: &Desk, s: &Session) -> Option<DateTime<Utc>> {
    if s.cancelled {
        return None;
    }
    let start = desk.knowledge.start_of(s)?.with_timezone(&Utc);
    // Checked: validation keeps dates in sane years, but time arithmetic must not panic.
    start.checked_sub_signed(Duration::minutes(desk.config.reminders.lead_minutes as i64))
}

/// The reminder embed: the session's name, time (typed, shown in each reader's zone),
/// venue, people and description.
pub fn reminder_reply(desk: &Desk, s: &Session) -> Reply {
    Reply::new(
        ReplyKind::Info,
        format!("Starting soon: {}", s.name),
        desk.session_line(s),
    )
    .with_source(s.source.clone())
}

/// Plain text of the reminder, with times in the event's zone (for listings).
fn summary(desk: &Desk, s: &Session) -> String {
    let offset = desk.knowledge.offset;
    let text = desk.session_line(s).render(|t, style| {
        let t = t.with_timezone(&offset);
        match style {
            TimeStyle::DateTime => format!("{} (UTC{offset})", t.format("%Y-%m-%d %H:%M")),
            TimeStyle::Time => t.format("%H:%M").to_string(),
            // Relative times mean nothing once stored.
            TimeStyle::Relative => String::new(),
        }
    });
    text.replace(" ()", "")
}

/// Brings the stored reminders in line with `desk`'s programme (see the module docs).
pub fn sync_reminders(store: &Store, desk: &Desk, now: DateTime<Utc>) -> Result<SyncReport> {
    let cfg = &desk.config;
    let enabled = store.reminders_enabled(cfg.reminders.enabled)?;
    let channel = cfg.reminders.channel.or(cfg.announcements.channel);
    let mut report = SyncReport::default();
    let mut wanted: HashMap<&str, (&Session, DateTime<Utc>)> = HashMap::new();
    if let (true, Some(_)) = (enabled, channel) {
        for s in &desk.knowledge.sessions {
            if let Some(t) = reminder_target(desk, s) {
                wanted.insert(s.id.as_str(), (s, t));
            }
        }
    }
    let channel = channel.unwrap_or_default();
    for s in &desk.knowledge.sessions {
        let Some(&(s, due)) = wanted.get(s.id.as_str()) else {
            continue;
        };
        let title = format!("Starting soon: {}", s.name);
        let body = summary(desk, s);
        let rows = store.reminders_for(&s.id)?;
        let open: Vec<_> = rows.iter().filter(|r| r.state.is_open()).collect();
        if let Some(first) = open.first() {
            for extra in &open[1..] {
                store.cancel_item(extra.id, "duplicate reminder")?;
            }
            let same = first.due_at == due && first.channel_id == channel;
            if first.state == ItemState::Pending && !same {
                store.reschedule_item(first.id, due, &title, &body, channel)?;
                report.moved.push(s.id.clone());
            } else {
                report.unchanged += 1;
            }
            continue;
        }
        // Done for this very time already (posted, missed or failed): leave it.
        let done = rows
            .iter()
            .any(|r| r.due_at == due && r.state != ItemState::Cancelled);
        // A session whose start has passed gets no new reminder.
        let started = due
            .checked_add_signed(Duration::minutes(cfg.reminders.lead_minutes as i64))
            .is_none_or(|start| start <= now);
        if done || started {
            report.unchanged += 1;
            continue;
        }
        let new = NewItem {
            kind: ItemKind::Reminder,
            channel_id: channel,
            role_id: None,
            allow_everyone: false,
            title,
            body,
            image_url: None,
            due_at: due,
            session_id: Some(s.id.clone()),
        };
        store.insert_item(&new, "reminders", now)?;
        report.created.push(s.id.clone());
    }
    for r in store.open_reminders()? {
        let sid = r.session_id.clone().unwrap_or_default();
        if wanted.contains_key(sid.as_str()) || r.state != ItemState::Pending {
            continue;
        }
        let reason = match desk.knowledge.session(&sid) {
            _ if !enabled => "reminders are off",
            None => "the session was removed from the programme",
            Some(s) if s.cancelled => "the session was cancelled",
            Some(_) if channel == 0 => "no reminders channel is configured",
            Some(_) => "the session has no start time any more",
        };
        if store.cancel_item(r.id, reason)? == crate::store::CancelOutcome::Cancelled {
            report.cancelled.push(sid);
        }
    }
    Ok(report)
}
