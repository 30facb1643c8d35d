//! The Discord front end (poise 0.7 on serenity 0.12): slash commands with
//! autocomplete, "Did you mean" buttons, community Q&A (mentions and Q&A channels) and
//! the moderators' commands. The only module of the crate that knows Discord exists.
//!
//! This file holds the framework's types, as poise's examples do: [`Data`] (what every
//! handler shares), [`Error`], [`Ctx`] and [`AppCtx`]. The rest, by concern:
//!
//! - `bot`: the set-up: the command list, event dispatch, [`start`] against a given
//!   API base (the end-to-end tests call it with a local fake Discord), [`RunningBot`].
//! - `errors`: the framework's error hook and what users see when something fails
//!   (the apology, the moderators' refusal).
//! - `commands`: the public slash commands; `did_you_mean`: presses on the suggestion
//!   buttons; `community`: mentions, Q&A channels, cooldowns; `feedback`: 👍/👎 votes
//!   and the question log.
//! - `render`: Reply → embeds within Discord's limits; `buttons`: the rows under a reply.
//! - `moderation`: who is a moderator, `/announce` (with its form, `compose`, and its
//!   preview, `preview`), `/reminders`, `/kb`.
//! - `poster`: the scheduler's [`Poster`](crate::schedule::Poster) on Discord;
//!   `services`: database, scheduler, file watcher and log channel beside the gateway.
//!
//! Process start-up (token, logging, runtime, signals) is the binary's: `hanoi-bot run`
//! in [`crate::cli`].

// The front end's public face is what `bot` exports below and the poster; the rest is
// glue the framework calls.
mod bot;
mod buttons;
mod commands;
mod community;
mod did_you_mean;
mod errors;
mod feedback;
mod moderation;
pub mod poster;
mod render;
mod services;

pub use bot::{build_http, commands, intents, start, RunningBot, StartError};

use crate::answers::DeskHandle;
use crate::config::Config;
use crate::curation::Asking;
use crate::store::AsyncStore;
use community::rules::State as CommunityState;
use poise::serenity_prelude as serenity;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, Notify};

/// A command's context.
pub type Ctx<'a> = poise::Context<'a, Data, Error>;
/// A slash command's context (modals need the interaction itself).
pub type AppCtx<'a> = poise::ApplicationContext<'a, Data, Error>;

/// Lines for the moderators' log channel (missed or failed posts, reloads).
pub type LogSink = mpsc::UnboundedSender<String>;

/// What every handler shares.
pub struct Data {
    /// The knowledge and matcher in use; a reload swaps it.
    pub desk: DeskHandle,
    /// The configuration the bot started with.
    pub config: Config,
    /// Scheduled posts, question log, votes, audit.
    pub store: AsyncStore,
    /// Wakes the scheduler after an item was added or cancelled.
    pub waker: Arc<Notify>,
    /// The moderators' log channel.
    pub log: LogSink,
    /// The question log's writer ([`feedback::spawn_question_log`]).
    questions: mpsc::UnboundedSender<Asking>,
    community: Mutex<CommunityState>,
    /// Preview button presses taken by an announcement flow (interaction ids).
    taken: Mutex<HashSet<u64>>,
    /// Announcement flows in progress: their key and the moderator who opened them.
    flows: Mutex<HashMap<String, u64>>,
}

/// An announcement flow in progress, forgotten when dropped (see [`Data::open_flow`]).
pub(crate) struct Flow<'a> {
    flows: &'a Mutex<HashMap<String, u64>>,
    key: String,
}

impl Drop for Flow<'_> {
    fn drop(&mut self) {
        self.flows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.key);
    }
}

impl Data {
    /// What [`start`] builds before the client connects.
    pub fn new(
        desk: DeskHandle,
        config: Config,
        store: AsyncStore,
        waker: Arc<Notify>,
        log: LogSink,
        questions: mpsc::UnboundedSender<Asking>,
    ) -> Data {
        let community = Mutex::new(CommunityState::new(&config));
        Data {
            desk,
            config,
            store,
            waker,
            log,
            questions,
            community,
            taken: Mutex::new(HashSet::new()),
            flows: Mutex::new(HashMap::new()),
        }
    }

    /// Records that moderator `author` opened the announcement flow `key`, until the
    /// returned guard is dropped: its form and buttons answer no one else.
    pub(crate) fn open_flow(&self, key: &str, author: u64) -> Flow<'_> {
        self.lock_flows().insert(key.to_string(), author);
        Flow {
            flows: &self.flows,
            key: key.to_string(),
        }
    }

    /// The moderator who opened flow `key`, while it is in progress.
    pub(crate) fn flow_author(&self, key: &str) -> Option<u64> {
        self.lock_flows().get(key).copied()
    }

    fn lock_flows(&self) -> std::sync::MutexGuard<'_, HashMap<String, u64>> {
        self.flows.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes that an announcement flow took preview press `id`.
    fn take_press(&self, id: u64) {
        self.lock_taken().insert(id);
    }

    /// Whether a flow took press `id` (forgetting it: each is asked about once).
    fn press_was_taken(&self, id: u64) -> bool {
        self.lock_taken().remove(&id)
    }

    /// A poisoned lock is still usable (plain ids).
    fn lock_taken(&self) -> std::sync::MutexGuard<'_, HashSet<u64>> {
        self.taken.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_community(&self) -> std::sync::MutexGuard<'_, CommunityState> {
        // The state is a cache of recent ids and instants: a poisoned lock is still usable.
        self.community.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What every command and handler returns on failure: two lanes, handled by
/// `errors::on_error`.
///
/// - [`Error::User`]: the user asked for something that cannot be done (article 99, an
///   empty question). Shown to them ephemerally, logged at debug level only.
/// - [`Error::Internal`]: something broke (Discord refused a request, the database
///   failed, a task panicked). Logged with its whole source chain; the user gets
///   `errors::APOLOGY`, never the details (which could carry URLs or ids).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Shown to the user as is, ephemerally.
    #[error("{0}")]
    User(String),
    /// Logged with its sources; the user sees `errors::APOLOGY`.
    #[error("{context}")]
    Internal {
        /// What was being done.
        context: String,
        /// Why.
        #[source]
        source: BoxError,
    },
}

/// Any error, as the source of an [`Error::Internal`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

impl Error {
    /// Something broke while doing `context`.
    pub fn internal(context: impl Into<String>, source: impl Into<BoxError>) -> Error {
        Error::Internal {
            context: context.into(),
            source: source.into(),
        }
    }
}

impl From<serenity::Error> for Error {
    fn from(e: serenity::Error) -> Self {
        // serenity's errors name the route and status, never the token.
        Error::internal("Discord request failed", e)
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::internal("answer task failed", e)
    }
}

impl From<crate::store::StoreError> for Error {
    fn from(e: crate::store::StoreError) -> Self {
        Error::internal("database request failed", e)
    }
}
