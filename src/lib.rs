#![warn(missing_docs)]
//! hanoi-bot: answers questions about the UN Convention against Cybercrime (the
//! "Hanoi Convention") and its signing ceremony, on Discord and in the terminal.
//!
//! The crate is a pure core with thin front ends. The core, which knows nothing of
//! Discord or the terminal:
//!
//! - [`knowledge`]: the curated TOML file (`model`), loading it (`load`), its
//!   validation (`validate`) and the answerable entries (`entry`, `entries`).
//! - [`text`] and [`matcher`]: normalisation (and `clip_words`, `line_of`) and the fuzzy
//!   intent engine.
//! - [`decision`]: the fitted answer-or-refuse model and how it is refitted.
//! - [`answers`]: each command as a pure function to a [`reply::Reply`], on
//!   [`answers::Desk`]: `ask`, `schedule`, `people`, `convention`, `help`.
//! - [`reply`]: the platform-neutral answer every front end renders, with typed times,
//!   channels and roles ([`reply::Markup`]).
//! - [`catalogue`]: the command list shared by help texts and registration, and the
//!   commands a reply can suggest ([`catalogue::Hint`]).
//! - [`lang`]: the answer's language, and the language a question is written in.
//! - [`config`]: the settings file, `config/bot.toml` (sections and defaults; `load`).
//!
//! The state:
//!
//! - [`schedule`]: announcements and session reminders, posted exactly once through a
//!   [`schedule::Poster`]; the moderators' `actions`.
//! - [`store`]: the SQLite state (scheduled posts, question log, feedback, audit).
//! - [`curation`]: question log, feedback, gaps, stats, knowledge reload and watcher.
//!
//! The front ends:
//!
//! - [`cli`]: the terminal (`hanoi-bot ask`, `schedule`, `check`, ...): `files` (the
//!   knowledge and configuration to load, `check`), `batch` (`ask --json`, `export`),
//!   `database` (`announce`, `gaps`, `stats`, `audit`), `render`, and `run` (`hanoi-bot
//!   run`: token, logging, runtime, signals).
//! - [`discord`]: Discord (poise/serenity), the only module that knows Discord exists:
//!   framework types in `discord/mod.rs`, set-up in `bot`, the public commands
//!   (`commands`, `did_you_mean`, `community`, `feedback`), `moderation/` (`/announce`
//!   with its `compose` and `preview`, `/kb`, `/reminders`), `render` and `buttons`,
//!   `errors`, the scheduler's `poster` and the `services` beside the gateway.

pub mod answers;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod curation;
pub mod decision;
pub mod discord;
pub mod knowledge;
pub mod lang;
// Being rewritten in another change; its documentation comes with the rewrite.
#[allow(missing_docs)]
pub mod matcher;
pub mod reply;
pub mod schedule;
pub mod store;
pub mod text;
