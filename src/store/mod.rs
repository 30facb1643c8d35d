//! The bot's state in SQLite: scheduled posts, the question log, feedback, the audit
//! log and settings. Nothing a moderator scheduled or a user asked lives only in memory.
//!
//! - [`Store`]: one connection, synchronous (the terminal uses it directly).
//! - [`AsyncStore`]: the same behind a mutex, each call run on tokio's blocking pool
//!   so a slow disk never stalls the Discord gateway.
//! - `items`, `transitions`: scheduled announcements and reminders ([`Item`]) and
//!   their state changes.
//! - `log`: questions, feedback votes, moderator audit entries.
//! - `labels`: the review of logged questions (labels for the answer-or-refuse model)
//!   and the recent questions a 👎 vote points back to.
//!
//! The database is opened in WAL mode with `synchronous=FULL`, so a transaction that
//! returned is on disk even if the process is killed the next instant; that is what the
//! exactly-once posting protocol ([`crate::schedule`]) builds on. The schema version is
//! `PRAGMA user_version`; [`Store::open`] applies every missing migration in order.
//! Times are stored as Unix seconds (UTC).

mod items;
mod labels;
mod log;
mod transitions;

pub use items::{Item, ItemId, ItemKind, ItemState, NewItem};
pub use labels::{Label, LabelCounts, RecentQuestion, Unreviewed, RECENT_DAYS};
pub use log::{AuditEntry, DayCount, FeedbackCount, Gap, QuestionEvent};
pub use transitions::CancelOutcome;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A database error: what was being done, with the SQLite or I/O error beneath as its
/// source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A statement failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The database's directory cannot be created.
    #[error("cannot create the directory {}", .path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The database file cannot be opened.
    #[error("cannot open the database {}", .path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer build.
    #[error("the database has schema version {found}, newer than this build's {SCHEMA_VERSION}: upgrade hanoi-bot")]
    NewerSchema {
        /// Its schema version.
        found: u32,
    },
    /// A migration failed (the database is left at the version before it).
    #[error("database migration {version} failed")]
    Migration {
        /// The version it was to bring the schema to.
        version: usize,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// No file was named (SQLite would silently use a temporary database).
    #[error("no database path given (an empty path would be a temporary database that forgets everything)")]
    EmptyPath,
    /// The blocking task running a call panicked or was cancelled.
    #[error("database task failed")]
    Task(#[from] tokio::task::JoinError),
    /// An item just inserted could not be read back.
    #[error("item {0} vanished after insert")]
    Vanished(ItemId),
}

/// What every store operation returns.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Each migration brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: scheduled items, questions, feedback, audit, settings.
    "CREATE TABLE items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('announcement', 'reminder')),
        channel_id INTEGER NOT NULL,
        role_id INTEGER,
        allow_everyone INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        image_url TEXT,
        due_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN
            ('pending', 'attempting', 'posted', 'cancelled', 'missed', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        attempt_started_at INTEGER,
        not_before INTEGER,
        posted_message_id INTEGER,
        posted_at INTEGER,
        last_error TEXT,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        session_id TEXT,
        nonce TEXT NOT NULL UNIQUE
    );
    CREATE INDEX items_ready ON items (state, due_at);
    CREATE INDEX items_session ON items (session_id) WHERE session_id IS NOT NULL;
    CREATE TABLE question_log (
        text TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        channel_kind TEXT NOT NULL,
        answered INTEGER NOT NULL,
        best_entry TEXT,
        best_score REAL NOT NULL,
        last_user_id INTEGER
    );
    CREATE TABLE question_days (
        day TEXT PRIMARY KEY,
        asked INTEGER NOT NULL,
        answered INTEGER NOT NULL
    );
    CREATE TABLE entry_hits (entry_id TEXT PRIMARY KEY, count INTEGER NOT NULL);
    CREATE TABLE feedback_votes (
        message_id INTEGER NOT NULL,
        voter_key INTEGER NOT NULL,
        entry_id TEXT NOT NULL,
        up INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (message_id, voter_key)
    );
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 2: review labels, recent questions for 👎 votes, 👎 counts in the question log.
    "CREATE TABLE labels (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        question TEXT NOT NULL UNIQUE,
        entry_id TEXT,
        phrasing TEXT,
        who TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE TABLE recent_questions (
        key INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        entry_id TEXT,
        answered INTEGER NOT NULL,
        confidence REAL NOT NULL,
        channel_kind TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX recent_questions_at ON recent_questions (at);
    ALTER TABLE question_log ADD COLUMN down_votes INTEGER NOT NULL DEFAULT 0;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a statement waits for another process's write lock before "database is
/// locked". Writers queue behind each other (each transaction is short, but with
/// `synchronous=FULL` each commit waits for the disk): twenty `announce add` at once on
/// a loaded machine took more than 5 s to get through.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// One open database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating it and its parent directory if needed) and migrates a database.
    pub fn open(path: &Path) -> Result<Store> {
        if path.as_os_str().is_empty() || path.to_string_lossy().trim().is_empty() {
            return Err(StoreError::EmptyPath);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::init(conn)
    }

    /// A private in-memory database (tests, dry runs).
    pub fn in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        enable_wal(&conn)?;
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Applies the missing migrations in one immediate transaction: the version is read
    /// under the write lock, so of several processes opening a new file at once one
    /// migrates and the others wait for it and then find nothing left to do.
    fn migrate(&mut self) -> Result<()> {
        if self.schema_version()? == SCHEMA_VERSION {
            return Ok(()); // the common case, without taking the write lock
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let have: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if have > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found: have });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(have as usize) {
            tx.execute_batch(sql)
                .map_err(|source| StoreError::Migration {
                    version: i + 1,
                    source,
                })?;
            tx.pragma_update(None, "user_version", i as u32 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` in one immediate transaction: everything it wrote is kept if it returns
    /// `Ok`, nothing if it returns an error (or panics).
    pub fn atomically<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(StoreError::from)?;
        let value = f(self)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// A stored setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Whether session reminders are on: the stored switch, else the config default.
    pub fn reminders_enabled(&self, default: bool) -> Result<bool> {
        Ok(self.setting(REMINDERS_KEY)?.map_or(default, |v| v == "on"))
    }

    /// Stores the `/reminders on|off` switch.
    pub fn set_reminders_enabled(&self, on: bool) -> Result<()> {
        self.set_setting(REMINDERS_KEY, if on { "on" } else { "off" })
    }
}

const REMINDERS_KEY: &str = "reminders";

/// Unix seconds of an instant.
pub(crate) fn secs(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// The instant of Unix seconds (out of range: the epoch).
pub(crate) fn at(s: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(s, 0).single().unwrap_or_default()
}

/// The store shared by async tasks; every call runs on the blocking pool.
#[derive(Clone)]
pub struct AsyncStore(Arc<Mutex<Store>>);

impl AsyncStore {
    /// Shares a store between tasks.
    pub fn new(store: Store) -> AsyncStore {
        AsyncStore(Arc::new(Mutex::new(store)))
    }

    /// Runs `f` with the store on tokio's blocking pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // A panic inside `f` cannot leave a half transaction: rusqlite rolls back on drop.
            let mut store = inner.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut store)
        })
        .await?
    }

    /// Runs `f` on the calling thread (for code already off the async runtime).
    pub fn blocking<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let mut store = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut store)
    }
}

/// Switches a database to WAL, waiting up to [`BUSY_TIMEOUT`] for other connections.
///
/// The switch needs the file to itself, and while another connection writes to a file
/// still in rollback mode SQLite refuses it at once, without calling the busy handler
/// (waiting could deadlock): processes opening a new database together failed with
/// "database is locked". The refusal is retried after a short pause instead. In-memory
/// databases answer "memory"; both are fine.
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = std::time::Duration::from_millis(1);
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(50));
            }
            r => return r.map(|_| ()),
        }
    }
}
