//! State changes of scheduled items. Every change is one conditional `UPDATE`, so a
//! cancel racing the scheduler either wins (nothing is posted) or loses (the moderator
//! is told the post is already going out).

use super::{secs, ItemId, ItemState, Result, Store};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Store {
    /// Records the start of a posting attempt. False if the item is no longer open
    /// (cancelled meanwhile): then nothing must be sent.
    pub fn mark_attempting(&self, id: ItemId, now: DateTime<Utc>) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE items SET state = 'attempting', attempts = attempts + 1,
                attempt_started_at = ?2, not_before = NULL
             WHERE id = ?1 AND state IN ('pending', 'attempting')",
            params![id, secs(now)],
        )?;
        Ok(n == 1)
    }

    /// Records that item `id` went out as message `message_id`.
    pub fn mark_posted(&self, id: ItemId, message_id: u64, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE items SET state = 'posted', posted_message_id = ?2, posted_at = ?3,
                last_error = NULL, not_before = NULL
             WHERE id = ?1",
            params![id, message_id as i64, secs(now)],
        )?;
        Ok(())
    }

    /// Ends an open item as missed, failed or cancelled, with the reason.
    pub fn close_item(&self, id: ItemId, state: ItemState, reason: &str) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE items SET state = ?2, last_error = ?3, not_before = NULL
             WHERE id = ?1 AND state IN ('pending', 'attempting')",
            params![id, state.as_str(), reason],
        )?;
        Ok(n == 1)
    }

    /// After a transient failure: try again at `retry_at`, staying `attempting` so the
    /// next try first asks the platform whether the post went out after all.
    pub fn defer_item(&self, id: ItemId, retry_at: DateTime<Utc>, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE items SET not_before = ?2, last_error = ?3
             WHERE id = ?1 AND state IN ('pending', 'attempting')",
            params![id, secs(retry_at), error],
        )?;
        Ok(())
    }

    /// Moves a pending item (a reminder whose session moved); in-flight items stay.
    pub fn reschedule_item(
        &self,
        id: ItemId,
        due_at: DateTime<Utc>,
        title: &str,
        body: &str,
        channel_id: u64,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE items SET due_at = ?2, title = ?3, body = ?4, channel_id = ?5
             WHERE id = ?1 AND state = 'pending'",
            params![id, secs(due_at), title, body, channel_id as i64],
        )?;
        Ok(n == 1)
    }

    /// Cancels a pending item. An item being posted right now cannot be cancelled.
    pub fn cancel_item(&self, id: ItemId, reason: &str) -> Result<CancelOutcome> {
        let n = self.conn.execute(
            "UPDATE items SET state = 'cancelled', last_error = ?2
             WHERE id = ?1 AND state = 'pending'",
            params![id, reason],
        )?;
        if n == 1 {
            return Ok(CancelOutcome::Cancelled);
        }
        Ok(match self.item(id)? {
            None => CancelOutcome::NotFound,
            Some(i) => CancelOutcome::NotPending(i.state),
        })
    }
}

/// What [`Store::cancel_item`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    /// It was pending and is now cancelled.
    Cancelled,
    /// No item has that number.
    NotFound,
    /// Already posted, missed, cancelled, or being posted right now.
    NotPending(ItemState),
}

impl CancelOutcome {
    /// What to tell the moderator.
    pub fn message(self, id: ItemId) -> String {
        match self {
            CancelOutcome::Cancelled => format!("Scheduled post #{id} is cancelled."),
            CancelOutcome::NotFound => format!("There is no scheduled post #{id}."),
            CancelOutcome::NotPending(ItemState::Attempting) => {
                format!("Post #{id} is being sent right now and can no longer be cancelled.")
            }
            CancelOutcome::NotPending(s) => {
                format!("Post #{id} is already {}; nothing to cancel.", s.as_str())
            }
        }
    }
}
