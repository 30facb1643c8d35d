//! Reloading the knowledge file: `/kb reload` and the file watcher.
//!
//! [`reload`] reads and validates the file and builds a complete new [`Desk`] before
//! swapping it in with [`DeskHandle::replace`], so a question never meets a half-loaded
//! knowledge base. A file that changes nothing for the worse is swapped in; otherwise the
//! old desk stays and [`ReloadError`] says why ([`reload_reply`] shows it):
//!
//! - **invalid**: every problem with its line;
//! - **suspicious**: valid, but it looks like a file saved half-way: it drops more than
//!   a tenth of the entries in use, or removes (or un-times) sessions that have a
//!   pending reminder, which would be cancelled. A moderator who means it runs
//!   `/kb reload force` (audited); the watcher never forces.
//!
//! [`spawn_watcher`] polls the file every `[curation] watch_secs` seconds and reloads
//! when its content changed. Polling (a hash of the bytes, not the mtime) is used
//! instead of inotify: it needs no extra dependency, survives editors that replace the
//! file by renaming, and a file of a few hundred kilobytes costs nothing to read.
//! After a successful reload the caller should run
//! [`sync_reminders`](crate::schedule::sync_reminders) and wake the scheduler.

use crate::answers::{Desk, DeskHandle};
use crate::config::Config;
use crate::knowledge::{Knowledge, Problems};
use crate::reply::{Reply, ReplyKind, Rich};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// What a successful reload put in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadSummary {
    /// The file reloaded.
    pub file: String,
    /// The version it replaced.
    pub previous_version: String,
    /// The version now in use.
    pub version: String,
    /// Answerable entries in it.
    pub entries: usize,
    /// Sessions in its programme.
    pub sessions: usize,
    /// Loaded with `force` although it looked cut short.
    pub forced: bool,
}

/// What a reload may not do on its own.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    /// `/kb reload force`: load a valid file even if it looks cut short.
    pub force: bool,
    /// Ids of the sessions that have a pending reminder (from the store).
    pub reminded: Vec<String>,
}

/// Why a reload changed nothing; the old knowledge stays.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReloadError {
    /// The file fails validation: every problem, with its line.
    #[error("{0}")]
    Invalid(#[from] Problems),
    /// Valid, but it looks like a file saved half-way: the reasons.
    #[error("the file looks cut short (saved half-way?): {}", .0.join("; "))]
    Suspicious(Vec<String>),
}

/// A reload may drop at most a tenth of the entries in use without `force`.
const MAX_DROPPED_PERCENT: usize = 10;

/// Why `new` looks like a cut-short version of `old`; empty when it does not.
fn suspicious(old: &Knowledge, new: &Knowledge, reminded: &[String]) -> Vec<String> {
    let mut why = Vec::new();
    let kept: HashSet<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
    let dropped: Vec<&str> = old
        .entries
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| !kept.contains(id))
        .collect();
    if dropped.len() * 100 > old.entries.len() * MAX_DROPPED_PERCENT {
        let some: Vec<&str> = dropped.iter().take(5).copied().collect();
        why.push(format!(
            "it drops {} of the {} entries in use ({}{})",
            dropped.len(),
            old.entries.len(),
            some.join(", "),
            if dropped.len() > some.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    // A session marked `cancelled` is a deliberate edit; one that vanished or lost
    // its start time is what a file cut short looks like.
    let lost: Vec<&str> = reminded
        .iter()
        .filter(|id| {
            new.session(id)
                .is_none_or(|s| !s.cancelled && new.start_of(s).is_none())
        })
        .map(String::as_str)
        .collect();
    if !lost.is_empty() {
        why.push(format!(
            "it would cancel the pending reminders of {} (removed from the programme or without a start time)",
            lost.join(", ")
        ));
    }
    why
}

/// Validates `path` and, if it is valid and not suspicious (or forced), swaps it in;
/// otherwise keeps the old desk.
pub fn reload(
    path: &Path,
    handle: &DeskHandle,
    config: &Config,
    guard: &Guard,
) -> Result<ReloadSummary, ReloadError> {
    let knowledge = Knowledge::load(path)?;
    let old = handle.get();
    let why = suspicious(&old.knowledge, &knowledge, &guard.reminded);
    if !why.is_empty() && !guard.force {
        return Err(ReloadError::Suspicious(why));
    }
    let summary = ReloadSummary {
        file: path.display().to_string(),
        previous_version: old.knowledge.version.clone(),
        version: knowledge.version.clone(),
        entries: knowledge.entries.len(),
        sessions: knowledge.sessions.len(),
        forced: !why.is_empty(),
    };
    handle.replace(Desk::new(knowledge, config.clone()));
    Ok(summary)
}

/// The moderator's view of a reload: a summary, or why nothing changed.
pub fn reload_reply(result: &Result<ReloadSummary, ReloadError>) -> Reply {
    match result {
        Ok(s) => Reply::new(
            ReplyKind::Info,
            "Knowledge reloaded",
            Rich::text(format!(
                "{}: version {} (was {}), {} entries, {} sessions{}.",
                s.file,
                s.version,
                s.previous_version,
                s.entries,
                s.sessions,
                if s.forced { " (forced)" } else { "" }
            )),
        ),
        Err(ReloadError::Suspicious(why)) => {
            let mut r = Reply::new(
                ReplyKind::UserError,
                "Knowledge not reloaded",
                Rich::text(
                    "The new file is valid but looks cut short (saved half-way?); the bot keeps answering from the previous version. If the change is meant, load it with `/kb reload force`.",
                ),
            );
            for w in why {
                r = r.field("Why", Rich::text(crate::text::clip_words(w, 1000)));
            }
            r
        }
        Err(ReloadError::Invalid(p)) => {
            let n = p.0.len();
            let mut r = Reply::new(
                ReplyKind::UserError,
                "Knowledge not reloaded",
                Rich::text(format!(
                    "The file has {n} problem{}; the bot keeps answering from the previous version.",
                    if n == 1 { "" } else { "s" }
                )),
            );
            // Embeds hold 25 fields; the rest are counted.
            for prob in p.0.iter().take(24) {
                let at = match &prob.id {
                    Some(id) => format!("Line {} [{id}]", prob.line),
                    None => format!("Line {}", prob.line),
                };
                r = r.field(at, Rich::text(crate::text::clip_words(&prob.message, 1000)));
            }
            if n > 24 {
                r = r.field("…", Rich::text(format!("and {} more", n - 24)));
            }
            r
        }
    }
}

fn fingerprint(path: &Path) -> Option<u64> {
    Some(crate::knowledge::digest(&std::fs::read(path).ok()?))
}

/// Watches `path` and reloads it when its content changes (never forcing: a file that
/// looks cut short is refused), calling `on_reload` with each result. `reminded` gives
/// the sessions with a pending reminder at that moment. Ends when `stop` turns true or
/// its sender drops.
pub fn spawn_watcher<F, R>(
    path: PathBuf,
    handle: DeskHandle,
    config: Config,
    mut stop: watch::Receiver<bool>,
    reminded: R,
    on_reload: F,
) -> JoinHandle<()>
where
    F: Fn(Result<ReloadSummary, ReloadError>) + Send + Sync + 'static,
    R: Fn() -> Vec<String> + Send + Sync + 'static,
{
    let every = std::time::Duration::from_secs(config.curation.watch_secs.max(1));
    let reminded = std::sync::Arc::new(reminded);
    // Start from the file as it was loaded: an edit made between the load and the
    // watcher's start must be seen as an edit, not taken as the starting point.
    let loaded = handle.get().knowledge.digest;
    let mut seen = loaded.or_else(|| fingerprint(&path));
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                r = stop.changed() => if r.is_err() || *stop.borrow() { return },
            }
            let now = fingerprint(&path);
            if now.is_none() || now == seen {
                continue; // missing for a moment (an editor's rename) or unchanged
            }
            seen = now;
            let (p, h, c, rem) = (
                path.clone(),
                handle.clone(),
                config.clone(),
                reminded.clone(),
            );
            let result = tokio::task::spawn_blocking(move || {
                let guard = Guard {
                    force: false,
                    reminded: rem(),
                };
                reload(&p, &h, &c, &guard)
            })
            .await
            .unwrap_or_else(|e| {
                Err(ReloadError::Invalid(Problems(vec![
                    crate::knowledge::Problem {
                        file: path.display().to_string(),
                        line: 0,
                        id: None,
                        message: format!("reload task failed: {e}"),
                    },
                ])))
            });
            on_reload(result);
        }
    })
}
