//! Reloading the knowledge file: `/kb reload` and the file watcher.
//!
//! [`reload`] reads and validates the file and builds a complete new [`Desk`] before
//! swapping it in with [`DeskHandle::replace`], so a question never meets a half-loaded
//! knowledge base. An invalid file changes nothing: the old desk stays and the error
//! lists every problem with its line ([`reload_reply`] shows them to the moderator).
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
}

/// Validates `path` and, if it is valid, swaps it in; otherwise keeps the old desk.
pub fn reload(
    path: &Path,
    handle: &DeskHandle,
    config: &Config,
) -> Result<ReloadSummary, Problems> {
    let knowledge = Knowledge::load(path)?;
    let previous_version = handle.get().knowledge.version.clone();
    let summary = ReloadSummary {
        file: path.display().to_string(),
        previous_version,
        version: knowledge.version.clone(),
        entries: knowledge.entries.len(),
        sessions: knowledge.sessions.len(),
    };
    handle.replace(Desk::new(knowledge, config.clone()));
    Ok(summary)
}

/// The moderator's view of a reload: a summary, or every problem with its line.
pub fn reload_reply(result: &Result<ReloadSummary, Problems>) -> Reply {
    match result {
        Ok(s) => Reply::new(
            ReplyKind::Info,
            "Knowledge reloaded",
            Rich::text(format!(
                "{}: version {} (was {}), {} entries, {} sessions.",
                s.file, s.version, s.previous_version, s.entries, s.sessions
            )),
        ),
        Err(p) => {
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
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(path).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    Some(h.finish())
}

/// Watches `path` and reloads it when its content changes, calling `on_reload` with
/// each result (successful or not). Ends when `stop` turns true or its sender drops.
pub fn spawn_watcher<F>(
    path: PathBuf,
    handle: DeskHandle,
    config: Config,
    mut stop: watch::Receiver<bool>,
    on_reload: F,
) -> JoinHandle<()>
where
    F: Fn(Result<ReloadSummary, Problems>) + Send + Sync + 'static,
{
    let every = std::time::Duration::from_secs(config.curation.watch_secs.max(1));
    tokio::spawn(async move {
        let mut seen = fingerprint(&path);
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
            let (p, h, c) = (path.clone(), handle.clone(), config.clone());
            let result = tokio::task::spawn_blocking(move || reload(&p, &h, &c))
                .await
                .unwrap_or_else(|e| {
                    Err(Problems(vec![crate::knowledge::Problem {
                        file: path.display().to_string(),
                        line: 0,
                        id: None,
                        message: format!("reload task failed: {e}"),
                    }]))
                });
            on_reload(result);
        }
    })
}
