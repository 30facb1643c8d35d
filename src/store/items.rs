//! Scheduled posts: moderator announcements and session reminders.
//!
//! States: `pending` → `attempting` → `posted`, or `cancelled` (by a moderator or a
//! programme change), `missed` (due while the bot was down, past the grace window) or
//! `failed` (the platform refused for good: channel gone, missing permissions).
//! The changes themselves are in `transitions.rs`.

use super::{at, secs, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};

/// A scheduled item's number (what `/announce cancel` takes).
pub type ItemId = i64;

/// What a scheduled item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A moderator's announcement.
    Announcement,
    /// A reminder before a session.
    Reminder,
}

/// Where an item is in the posting protocol (see [`crate::schedule`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Waiting for its time.
    Pending,
    /// Being sent (recorded before the send: maybe sent).
    Attempting,
    /// Sent; the message id is stored.
    Posted,
    /// Cancelled by a moderator or the reminder sync.
    Cancelled,
    /// Its time passed beyond the grace window while the bot was down.
    Missed,
    /// Discord refused it for good, or it failed too often.
    Failed,
}

impl ItemKind {
    /// The name stored in the database and shown in listings.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Announcement => "announcement",
            ItemKind::Reminder => "reminder",
        }
    }
}

impl ItemState {
    /// The name stored in the database and shown in listings.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Pending => "pending",
            ItemState::Attempting => "attempting",
            ItemState::Posted => "posted",
            ItemState::Cancelled => "cancelled",
            ItemState::Missed => "missed",
            ItemState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> ItemState {
        match s {
            "attempting" => ItemState::Attempting,
            "posted" => ItemState::Posted,
            "cancelled" => ItemState::Cancelled,
            "missed" => ItemState::Missed,
            "failed" => ItemState::Failed,
            _ => ItemState::Pending,
        }
    }

    /// Still to be posted (or in flight).
    pub fn is_open(self) -> bool {
        matches!(self, ItemState::Pending | ItemState::Attempting)
    }
}

/// What a moderator (or the reminder sync) asks to post.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    /// Announcement or reminder.
    pub kind: ItemKind,
    /// Where it is posted.
    pub channel_id: u64,
    /// The only role pinged; `None`: nobody is.
    pub role_id: Option<u64>,
    /// Ping @everyone/@here too (only when the config allows it).
    pub allow_everyone: bool,
    /// The embed's title.
    pub title: String,
    /// The embed's text.
    pub body: String,
    /// An image under the text.
    pub image_url: Option<String>,
    /// When it is due.
    pub due_at: DateTime<Utc>,
    /// The session a reminder is for.
    pub session_id: Option<String>,
}

/// A stored scheduled post.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its number.
    pub id: ItemId,
    /// Announcement or reminder.
    pub kind: ItemKind,
    /// Where it is posted.
    pub channel_id: u64,
    /// The only role pinged; `None`: nobody is.
    pub role_id: Option<u64>,
    /// Ping @everyone/@here too.
    pub allow_everyone: bool,
    /// The embed's title.
    pub title: String,
    /// The embed's text.
    pub body: String,
    /// An image under the text.
    pub image_url: Option<String>,
    /// When it is due.
    pub due_at: DateTime<Utc>,
    /// Where it is in the posting protocol.
    pub state: ItemState,
    /// Sends attempted so far.
    pub attempts: u32,
    /// When the current attempt began (bounds the search after a crash).
    pub attempt_started_at: Option<DateTime<Utc>>,
    /// After a transient failure: not retried before this.
    pub not_before: Option<DateTime<Utc>>,
    /// The message, once posted.
    pub posted_message_id: Option<u64>,
    /// When it was posted.
    pub posted_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, or why it was cancelled or missed.
    pub last_error: Option<String>,
    /// Who scheduled it (audit form: name and id, or `cli:$USER`).
    pub created_by: String,
    /// When it was scheduled.
    pub created_at: DateTime<Utc>,
    /// The session a reminder is for.
    pub session_id: Option<String>,
    /// Unique per item; sent as the message nonce (with `enforce_nonce`) and used to
    /// find out after a crash whether the post went out.
    pub nonce: String,
}

const COLUMNS: &str = "id, kind, channel_id, role_id, allow_everyone, title, body, image_url,
    due_at, state, attempts, attempt_started_at, not_before, posted_message_id, posted_at,
    last_error, created_by, created_at, session_id, nonce";

fn item_of(r: &Row<'_>) -> rusqlite::Result<Item> {
    let kind: String = r.get(1)?;
    let state: String = r.get(9)?;
    let opt_at = |v: Option<i64>| v.map(at);
    Ok(Item {
        id: r.get(0)?,
        kind: if kind == "reminder" {
            ItemKind::Reminder
        } else {
            ItemKind::Announcement
        },
        channel_id: r.get::<_, i64>(2)? as u64,
        role_id: r.get::<_, Option<i64>>(3)?.map(|v| v as u64),
        allow_everyone: r.get(4)?,
        title: r.get(5)?,
        body: r.get(6)?,
        image_url: r.get(7)?,
        due_at: at(r.get(8)?),
        state: ItemState::parse(&state),
        attempts: r.get(10)?,
        attempt_started_at: opt_at(r.get(11)?),
        not_before: opt_at(r.get(12)?),
        posted_message_id: r.get::<_, Option<i64>>(13)?.map(|v| v as u64),
        posted_at: opt_at(r.get(14)?),
        last_error: r.get(15)?,
        created_by: r.get(16)?,
        created_at: at(r.get(17)?),
        session_id: r.get(18)?,
        nonce: r.get(19)?,
    })
}

/// A fresh nonce: "hb-" and 16 hex digits (Discord accepts up to 25 characters).
fn new_nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("hb-{:016x}", h.finish())
}

impl Store {
    /// Schedules a post; returns it as stored.
    pub fn insert_item(&self, new: &NewItem, created_by: &str, now: DateTime<Utc>) -> Result<Item> {
        self.conn.execute(
            "INSERT INTO items (kind, channel_id, role_id, allow_everyone, title, body,
                image_url, due_at, state, created_by, created_at, session_id, nonce)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?10, ?11, ?12)",
            params![
                new.kind.as_str(),
                new.channel_id as i64,
                new.role_id.map(|r| r as i64),
                new.allow_everyone,
                new.title,
                new.body,
                new.image_url,
                secs(new.due_at),
                created_by,
                secs(now),
                new.session_id,
                new_nonce(),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.item(id)?.ok_or(StoreError::Vanished(id))
    }

    /// The item numbered `id`.
    pub fn item(&self, id: ItemId) -> Result<Option<Item>> {
        let sql = format!("SELECT {COLUMNS} FROM items WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], item_of).optional()?)
    }

    fn items_where(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Item>> {
        let sql = format!("SELECT {COLUMNS} FROM items WHERE {filter}");
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(args, item_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Items still to post, soonest first; with `all`, every item, newest due first.
    pub fn list_items(&self, all: bool) -> Result<Vec<Item>> {
        if all {
            self.items_where("1 ORDER BY due_at DESC, id DESC", [])
        } else {
            self.items_where("state IN ('pending', 'attempting') ORDER BY due_at, id", [])
        }
    }

    /// Items the scheduler should handle now: open, due, and not deferred past `now`.
    pub fn ready_items(&self, now: DateTime<Utc>) -> Result<Vec<Item>> {
        self.items_where(
            "state IN ('pending', 'attempting') AND COALESCE(not_before, due_at) <= ?1
             ORDER BY due_at, id",
            [secs(now)],
        )
    }

    /// When the scheduler next has something to do.
    pub fn next_wake(&self) -> Result<Option<DateTime<Utc>>> {
        let t: Option<i64> = self.conn.query_row(
            "SELECT MIN(COALESCE(not_before, due_at)) FROM items
             WHERE state IN ('pending', 'attempting')",
            [],
            |r| r.get(0),
        )?;
        Ok(t.map(at))
    }

    /// Every reminder row of a session, any state.
    pub fn reminders_for(&self, session_id: &str) -> Result<Vec<Item>> {
        self.items_where(
            "kind = 'reminder' AND session_id = ?1 ORDER BY id",
            [session_id],
        )
    }

    /// Open reminders, for the sync to cancel those of vanished sessions.
    pub fn open_reminders(&self) -> Result<Vec<Item>> {
        self.items_where(
            "kind = 'reminder' AND state IN ('pending', 'attempting') ORDER BY id",
            [],
        )
    }
}
