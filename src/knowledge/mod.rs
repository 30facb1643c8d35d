//! The knowledge base: the curated TOML file, checked and turned into answerable entries.
//!
//! - `model`: the file's tables as serde structs (what curators write), and the lists
//!   and limits values are checked against.
//! - `load`: [`Knowledge::load`], [`Knowledge::parse`], [`Knowledge::embedded`].
//! - `validate`: every problem in a file at once, each with file, line and entry id;
//!   `completeness`: Vietnamese for every answer, dates on figures that can change;
//!   `structure`: `[meta]`'s event days and what a complete file holds, chapters and
//!   articles each once; `collisions`: ids and phrasings unique across the written and
//!   the generated entries.
//! - `entries`: the answerable [`Entry`] list (Q&A, facts, people, sessions, chapters,
//!   articles, countries), with the phrasings generated for people, sessions and
//!   articles; `entry`: the [`Entry`] type itself.
//! - `vietnamese`: the Vietnamese answers composed for sessions, programme days and
//!   chapters (dates as "25/10/2025").
//! - [`cite`]: the short source line users see ([`short_source`]), from the curators'
//!   full list.
//! - [`countries`]: states and organisations, the country data behind their names, and
//!   the [`Gazetteer`] that finds the one a question names.
//!
//! [`Knowledge::load`] is the only way in: a file that fails any check is an error
//! listing every [`Problem`], so a bad file can never replace a good one.

pub mod cite;
mod collisions;
mod completeness;
pub mod countries;
mod entries;
mod entry;
mod load;
pub mod model;
mod report;
mod signatures;
mod structure;
mod validate;
pub mod vietnamese;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::decision::Model;

pub use cite::short_source;
pub use countries::{Gazetteer, Place};
pub use entries::{long_date, roman, session_when, with_organisation};
pub use entry::{Entry, EntryKind};
pub use model::{Article, Chapter, Country, NotHeld, Person, Quote, Session, Signatories};

/// The shipped knowledge file, embedded so the binary answers with no files around it.
pub const EMBEDDED: &str = include_str!("../../knowledge/hanoi-convention.toml");
/// The name the embedded file is reported under.
pub const EMBEDDED_NAME: &str = "knowledge/hanoi-convention.toml";
/// The decision model's file name, beside the knowledge file.
pub const MODEL_FILE: &str = "decision.toml";

/// One thing wrong with a knowledge file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (a path, or [`EMBEDDED_NAME`]).
    pub file: String,
    /// 1-based line of the table or value at fault; 0 when the file as a whole is at fault.
    pub line: usize,
    /// The id (or "article 12", "chapter 3") of the entry at fault, when there is one.
    pub id: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(id) = &self.id {
            write!(f, "[{id}] ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem found in a file; never empty.
#[derive(Debug, Clone)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(f, "{n} problem{} found:", if n == 1 { "" } else { "s" })?;
        for p in &self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A validated knowledge base.
#[derive(Debug)]
pub struct Knowledge {
    /// The file's title.
    pub title: String,
    /// The curators' version string.
    pub version: String,
    /// Default source of generated answers.
    pub source: String,
    /// Where the knowledge came from (a path, or [`EMBEDDED_NAME`]).
    pub origin: PathBuf,
    /// [`digest`] of the file's bytes as they were read, when it came from a file: a
    /// watcher starts from what was loaded, not from the file as it is later.
    pub digest: Option<u64>,
    /// The event's UTC offset; every time in the file is in it.
    pub offset: FixedOffset,
    /// The event's time zone name (informational).
    pub timezone: String,
    /// The main days of the event.
    pub event_days: Vec<NaiveDate>,
    /// Words that mean the same; the first of each group is canonical.
    pub synonyms: Vec<Vec<String>>,
    /// Everyone named in the sources.
    pub people: Vec<Person>,
    /// The programme, in file order.
    pub sessions: Vec<Session>,
    /// The convention's chapters.
    pub chapters: Vec<Chapter>,
    /// The convention's articles.
    pub articles: Vec<Article>,
    /// States and organisations with what the sources say about their signature.
    pub countries: Vec<Country>,
    /// The signatory count, its breakdown and where the full list is kept.
    pub signatories: Option<Signatories>,
    /// Kinds of detail the sources never give, and what to say instead.
    pub not_held: Vec<NotHeld>,
    /// Finds the state a question names, recorded or not.
    pub gazetteer: Gazetteer,
    /// Everything `ask` can answer, in file order.
    pub entries: Vec<Entry>,
    /// The answer-or-refuse model fitted for this knowledge: `decision.toml` beside the
    /// knowledge file when there is one, else the shipped model.
    pub decision: Arc<Model>,
}

impl Knowledge {
    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The recorded state or organisation with this id.
    pub fn country(&self, id: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.id == id)
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Article `number`.
    pub fn article(&self, number: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }

    /// Chapter `number`.
    pub fn chapter(&self, number: u32) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.number == number)
    }

    /// The chapter an article belongs to.
    pub fn chapter_of(&self, article: u32) -> Option<&Chapter> {
        self.chapters
            .iter()
            .find(|c| (c.articles[0]..=c.articles[1]).contains(&article))
    }

    /// Sessions that name this person, in programme order.
    pub fn sessions_of<'a>(&'a self, person_id: &'a str) -> impl Iterator<Item = &'a Session> {
        self.sessions
            .iter()
            .filter(move |s| s.people.iter().any(|p| p == person_id))
    }

    /// Start instant of a session, if the sources give its clock time.
    pub fn start_of(&self, s: &Session) -> Option<DateTime<FixedOffset>> {
        self.instant(&s.day, s.start.as_deref()?)
    }

    /// End instant of a session, if the sources give it.
    pub fn end_of(&self, s: &Session) -> Option<DateTime<FixedOffset>> {
        self.instant(&s.day, s.end.as_deref()?)
    }

    fn instant(&self, day: &str, time: &str) -> Option<DateTime<FixedOffset>> {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        let time = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
        // Checked: `from_local_datetime` panics past the ends of the calendar.
        let utc = day.and_time(time).checked_sub_offset(self.offset)?;
        Some(self.offset.from_utc_datetime(&utc))
    }

    /// The day of a session as a date.
    pub fn day_of(&self, s: &Session) -> NaiveDate {
        // Validation guarantees the format.
        NaiveDate::parse_from_str(&s.day, "%Y-%m-%d").unwrap_or_default()
    }
}

/// A hash of a knowledge file's bytes, to tell whether the file changed since it was read.
pub fn digest(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}
