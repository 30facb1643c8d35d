//! The knowledge file as written by curators: plain serde structs, one per TOML table.
//!
//! Every table denies unknown fields so a misspelt key is reported instead of silently
//! ignored. Entries are wrapped in [`toml::Spanned`] by the loader so each problem can
//! name the line it comes from. Nothing here is validated: see `validate.rs`, which
//! checks values against the lists and limits below.

use serde::Deserialize;
use toml::Spanned;

/// Discord's limit on an embed field value; answers are shown in one.
pub const MAX_ANSWER: usize = 1024;
/// Discord's limit on an embed description; session descriptions may use one.
pub const MAX_DESCRIPTION: usize = 4096;

pub const TOPICS: &[&str] = &[
    "convention",
    "ceremony",
    "schedule",
    "participation",
    "people",
    "vietnam",
];
pub const SESSION_KINDS: &[&str] = &[
    "welcome",
    "photo",
    "exhibition",
    "opening",
    "signing",
    "plenary",
    "discussion",
    "roundtable",
    "press",
    "side-event",
    "art",
    "banquet",
    "closing",
    "meeting",
];
pub const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening"];

/// The whole file, as parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKnowledge {
    pub meta: Meta,
    #[serde(default)]
    pub synonym: Vec<Spanned<Synonym>>,
    #[serde(default)]
    pub qa: Vec<Spanned<QaEntry>>,
    #[serde(default)]
    pub fact: Vec<Spanned<QaEntry>>,
    #[serde(default)]
    pub session: Vec<Spanned<Session>>,
    #[serde(default)]
    pub person: Vec<Spanned<Person>>,
    #[serde(default)]
    pub chapter: Vec<Spanned<Chapter>>,
    #[serde(default)]
    pub article: Vec<Spanned<Article>>,
}

/// What the file is about and the frame every time in it lives in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Human title of the knowledge base.
    pub title: String,
    /// Curator's version string, shown by `/kb stats` and `check`.
    pub version: String,
    /// IANA name of the event's time zone (informational; the offset below is what is used).
    pub timezone: String,
    /// The event's fixed UTC offset, e.g. "+07:00" (Viet Nam has no daylight saving).
    pub utc_offset: String,
    /// First and last day a session may fall on, inclusive ("YYYY-MM-DD").
    pub first_day: String,
    pub last_day: String,
    /// The main days of the event, for `schedule --day 1|2`.
    pub event_days: Vec<String>,
    /// Default source cited for generated answers (overview, chapters).
    pub source: String,
}

/// Words that mean the same thing to a user, e.g. treaty = convention.
/// The first term is canonical; multi-word terms ("ha noi") are joined before matching.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    pub terms: Vec<String>,
}

/// A question-and-answer entry (`[[qa]]`) or a dated fact (`[[fact]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaEntry {
    pub id: String,
    /// Topic used for grouping in `/kb stats` and suggestions: convention, ceremony,
    /// schedule, participation, people, vietnam.
    pub topic: String,
    /// Several phrasings of the question; the first is the one shown in suggestions.
    pub questions: Vec<String>,
    /// Extra words that signal this entry without forming a question (weighted lower).
    #[serde(default)]
    pub keywords: Vec<String>,
    pub answer: String,
    /// Vietnamese answer for users whose locale is `vi`.
    #[serde(default)]
    pub answer_vi: Option<String>,
    /// Outlet and date, or URL.
    pub source: String,
    /// For figures that changed over time: the date the figure is from ("YYYY-MM-DD").
    #[serde(default)]
    pub as_of: Option<String>,
    /// Ids of entries worth suggesting next to this one.
    #[serde(default)]
    pub related: Vec<String>,
}

/// One item of the ceremony programme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_vi: Option<String>,
    /// Other names users give it ("gala dinner" for the banquet).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// "YYYY-MM-DD" in the event's time zone.
    pub day: String,
    /// "HH:MM" local time, only where a source gives one.
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    /// Coarse time of day where no clock time is sourced: morning, afternoon, evening.
    #[serde(default)]
    pub part_of_day: Option<String>,
    pub venue: String,
    /// welcome, photo, exhibition, opening, signing, plenary, discussion, roundtable,
    /// press, side-event, art, banquet, closing, meeting.
    pub kind: String,
    /// Person ids who host, chair, moderate or speak.
    #[serde(default)]
    pub people: Vec<String>,
    pub description: String,
    #[serde(default)]
    pub description_vi: Option<String>,
    /// Extra phrasings users ask about this session.
    #[serde(default)]
    pub questions: Vec<String>,
    /// A cancelled session stays listed (marked) but gets no reminder.
    #[serde(default)]
    pub cancelled: bool,
    pub source: String,
}

/// A person named in the sources.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// Display name, with diacritics where the person's language has them.
    pub name: String,
    /// Spellings users type: without diacritics, surname only, common misspellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Official title, e.g. "Secretary-General of the United Nations".
    pub title: String,
    #[serde(default)]
    pub title_vi: Option<String>,
    pub organisation: String,
    #[serde(default)]
    pub country: Option<String>,
    /// What they did at the event.
    pub role: String,
    #[serde(default)]
    pub role_vi: Option<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Extra phrasings users ask about this person ("who is the UN chief").
    #[serde(default)]
    pub questions: Vec<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub number: u32,
    pub title: String,
    #[serde(default)]
    pub title_vi: Option<String>,
    /// First and last article, inclusive.
    pub articles: [u32; 2],
    #[serde(default)]
    pub summary: Option<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub number: u32,
    pub title: String,
    /// "sourced": heading read in a source; "structure": heading from the text's
    /// structure, not checked against the UN text by the curators.
    pub basis: String,
    /// What the article does, where a source says so.
    #[serde(default)]
    pub summary: Option<String>,
    /// Words users search the article by ("extradition", "24/7 network").
    #[serde(default)]
    pub keywords: Vec<String>,
    pub source: String,
}
