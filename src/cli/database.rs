//! Operator commands on the bot's database, for the host's terminal:
//! `hanoi-bot announce list|add|cancel`, `hanoi-bot gaps`, `hanoi-bot stats`.
//!
//! They use the same database as the running bot (`--db`, default `[storage] path`,
//! its directory created if needed) and the same operations as the slash commands
//! ([`crate::schedule`], [`crate::curation`]), audit entries included (who:
//! `cli:$USER`). SQLite's WAL mode lets them run while the bot is up; the bot sees an
//! item added here at its next look at the store (within 15 seconds).

use super::render_text;
use crate::answers::Desk;
use crate::schedule::{add_announcement, cancel, list_reply, AnnounceError, Draft};
use crate::store::{Store, StoreError};
use anyhow::Context;
use chrono::Utc;
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum AnnounceCmd {
    /// Scheduled posts still to go out (--all: every post, newest first)
    List {
        #[arg(long)]
        all: bool,
    },
    /// Schedule an announcement
    Add {
        /// Channel id [default: announcements.channel of the configuration]
        #[arg(long)]
        channel: Option<u64>,
        /// When, in the event's time zone: "2025-10-25 08:30", "in 2h", "tomorrow 9:00"
        /// [default: at once, when the bot next looks]
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        title: String,
        #[arg(long)]
        body: String,
        /// The one role id to ping
        #[arg(long)]
        role: Option<u64>,
        /// Image URL (https)
        #[arg(long)]
        image: Option<String>,
        /// Also ping @everyone (only if the config allows it)
        #[arg(long)]
        everyone: bool,
    },
    /// Cancel a scheduled post by its number
    Cancel { id: i64 },
}

/// How the audit log names the operator.
pub(super) fn who() -> String {
    format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "operator".into())
    )
}

/// Opens `--db`, or the configured database.
pub(super) fn open_store(desk: &Desk, db: Option<&Path>) -> Result<Store, StoreError> {
    let default = PathBuf::from(&desk.config.storage.path);
    Store::open(db.unwrap_or(&default))
}

pub fn announce(
    desk: &Desk,
    db: Option<&Path>,
    cmd: AnnounceCmd,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let store = open_store(desk, db)?;
    let now = Utc::now();
    let offset = desk.knowledge.offset;
    let w = |out: &mut dyn Write, s: &str| writeln!(out, "{s}");
    match cmd {
        AnnounceCmd::List { all } => {
            let items = store.list_items(all).context("listing scheduled posts")?;
            w(out, &render_text(&list_reply(&items, offset), now))?;
        }
        AnnounceCmd::Add {
            channel,
            at,
            title,
            body,
            role,
            image,
            everyone,
        } => {
            let draft = Draft {
                channel_id: channel,
                role_id: role,
                everyone,
                title,
                body,
                image_url: image,
            };
            match add_announcement(
                &store,
                &desk.config,
                draft,
                at.as_deref(),
                offset,
                &who(),
                now,
            ) {
                Ok(item) => w(
                    out,
                    &format!(
                        "Scheduled #{} for {} (UTC{offset}) = {} UTC in channel {}.",
                        item.id,
                        item.due_at.with_timezone(&offset).format("%Y-%m-%d %H:%M"),
                        item.due_at.format("%Y-%m-%d %H:%M"),
                        item.channel_id
                    ),
                )?,
                Err(AnnounceError::Refused(problems)) => {
                    for p in problems {
                        eprintln!("hanoi-bot: {p}");
                    }
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            }
        }
        AnnounceCmd::Cancel { id } => {
            let msg = cancel(&store, id, &who(), now).context("cancelling a scheduled post")?;
            let ok = msg.ends_with("is cancelled.");
            w(out, &msg)?;
            if !ok {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn gaps(
    desk: &Desk,
    db: Option<&Path>,
    limit: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let store = open_store(desk, db)?;
    let g = crate::curation::gaps(&store, desk, limit).context("reading the question log")?;
    let text = render_text(&crate::curation::gaps_reply(&g), Utc::now());
    Ok(writeln!(out, "{text}")?)
}

pub fn stats(desk: &Desk, db: Option<&Path>, days: u32, out: &mut dyn Write) -> anyhow::Result<()> {
    let store = open_store(desk, db)?;
    let s = crate::curation::stats(&store, Utc::now(), days).context("reading the statistics")?;
    let text = render_text(&crate::curation::stats_reply(&s, desk), Utc::now());
    Ok(writeln!(out, "{text}")?)
}

/// `hanoi-bot audit`: one line per moderator action, newest first.
pub fn audit(
    desk: &Desk,
    db: Option<&Path>,
    limit: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let store = open_store(desk, db)?;
    let entries = store.audit_list(limit).context("reading the audit log")?;
    if entries.is_empty() {
        return Ok(writeln!(out, "No moderator actions recorded.")?);
    }
    for a in entries {
        writeln!(
            out,
            "{}  {}  {}  {}",
            a.at.format("%Y-%m-%d %H:%M:%S UTC"),
            a.who,
            a.action,
            a.detail
        )?;
    }
    Ok(())
}
