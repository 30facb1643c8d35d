//! What the bot says: each command of the catalogue as a function from a request to a
//! [`Reply`](crate::reply::Reply). Pure: no I/O, and the current time is an argument.
//!
//! [`Desk`] owns one knowledge base and its matcher; reloading builds a new `Desk` and
//! swaps it whole, so a reader never sees a half-loaded state.
//!
//! The commands are spread by concern: [`ask`](Desk::ask) and lookups in `ask.rs`, the
//! programme in `schedule.rs`, people in `people.rs`, the convention's text in
//! `convention.rs`, `/help` in `help.rs`.

mod ask;
mod convention;
mod countries;
mod help;
mod people;
mod schedule;

pub use crate::lang::Lang;

use crate::config::Config;
use crate::knowledge::Knowledge;
use crate::matcher::Matcher;
use crate::reply::Suggestion;
use chrono::NaiveDate;
use serde::Serialize;

/// Longest question accepted, in characters (Discord's own option limit is 6,000).
/// Names (`speaker`, `session`) and autocomplete input are held to it too: the matcher's
/// work grows with the words it is given.
pub const MAX_QUESTION: usize = 500;
/// How much of a refused over-long input is echoed back ("query", error messages).
pub const ECHO: usize = 100;

/// At most [`ECHO`] characters of `s`, with "…" when cut.
pub fn echo(s: &str) -> String {
    crate::text::clip_words(s, ECHO)
}

/// The refusal of an over-long question or name, `None` when `clean` is short enough.
pub fn too_long(clean: &str, what: &str) -> Option<String> {
    (clean.chars().count() > MAX_QUESTION).then(|| {
        format!("That {what} is too long: please keep it under {MAX_QUESTION} characters.")
    })
}

/// The outcome of `ask`, as `ask --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Asked {
    /// The question as asked.
    pub query: String,
    /// Whether it was answered (a miss still carries suggestions).
    pub answered: bool,
    /// The entry answered with.
    pub id: Option<String>,
    /// The matcher's score, 0 to 1.
    pub confidence: f32,
    /// The answer, or what the bot says instead.
    pub answer: String,
    /// Entries offered instead or beside it.
    pub suggestions: Vec<Suggestion>,
}

/// Which day `schedule` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// One day of the programme.
    Date(NaiveDate),
    /// What is on now and next.
    Now,
}

/// What the bot says: one knowledge base, its matcher and the configuration.
pub struct Desk {
    /// The knowledge answered from.
    pub knowledge: Knowledge,
    /// The index over it.
    pub matcher: Matcher,
    /// The configuration (matcher thresholds, reminders, curation).
    pub config: Config,
    /// Each entry's title in Vietnamese, found on first use: finding it reads the
    /// language of every phrasing, too slow to redo for each suggestion shown.
    titles_vi: Vec<std::sync::OnceLock<String>>,
    /// Each entry's short source line, English then Vietnamese, found on first use:
    /// parsing the source list took more instructions than matching the question.
    sources: Vec<[std::sync::OnceLock<String>; 2]>,
}

impl Desk {
    /// Builds the matcher over `knowledge`.
    pub fn new(knowledge: Knowledge, config: Config) -> Desk {
        let matcher = Matcher::new(&knowledge, config.matcher.clone());
        Desk {
            titles_vi: (0..knowledge.entries.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            sources: (0..knowledge.entries.len())
                .map(|_| Default::default())
                .collect(),
            knowledge,
            matcher,
            config,
        }
    }
}

/// Control characters become spaces and whitespace runs collapse; the text is trimmed.
pub fn clean_question(q: &str) -> String {
    q.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The desk in use, shared by every handler; a reload swaps in a new one whole.
#[derive(Clone)]
pub struct DeskHandle(std::sync::Arc<std::sync::RwLock<std::sync::Arc<Desk>>>);

impl DeskHandle {
    /// Shares `desk`.
    pub fn new(desk: Desk) -> DeskHandle {
        DeskHandle(std::sync::Arc::new(std::sync::RwLock::new(
            std::sync::Arc::new(desk),
        )))
    }

    /// The current desk; holding it keeps it alive across a reload.
    pub fn get(&self) -> std::sync::Arc<Desk> {
        // A poisoned lock still holds a complete desk: swaps are a single assignment.
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts a new desk in place for every later `get`.
    pub fn replace(&self, desk: Desk) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::new(desk);
    }
}
