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

/// The topics a `[[qa]]` or `[[fact]]` may have.
pub const TOPICS: &[&str] = &[
    "convention",
    "ceremony",
    "schedule",
    "participation",
    "people",
    "vietnam",
];
/// The kinds a session may have.
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
/// Where no clock time is sourced, the part of the day a session may name.
pub const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening"];

/// The whole file, as parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKnowledge {
    /// `[meta]`.
    pub meta: Meta,
    /// `[[synonym]]` tables.
    #[serde(default)]
    pub synonym: Vec<Spanned<Synonym>>,
    /// `[[qa]]` tables.
    #[serde(default)]
    pub qa: Vec<Spanned<QaEntry>>,
    /// `[[fact]]` tables.
    #[serde(default)]
    pub fact: Vec<Spanned<QaEntry>>,
    /// `[[session]]` tables.
    #[serde(default)]
    pub session: Vec<Spanned<Session>>,
    /// `[[person]]` tables.
    #[serde(default)]
    pub person: Vec<Spanned<Person>>,
    /// `[[chapter]]` tables.
    #[serde(default)]
    pub chapter: Vec<Spanned<Chapter>>,
    /// `[[article]]` tables.
    #[serde(default)]
    pub article: Vec<Spanned<Article>>,
    /// States and organisations and whether they signed (`[[country]]`).
    #[serde(default)]
    pub country: Vec<Spanned<Country>>,
    /// What is known of the signatories as a whole (`[signatories]`).
    #[serde(default)]
    pub signatories: Option<Spanned<Signatories>>,
    /// Kinds of detail the knowledge does not hold (`[[not_held]]`).
    #[serde(default)]
    pub not_held: Vec<Spanned<NotHeld>>,
}

/// A kind of detail users ask for that the sources never give (a person's age, the
/// banquet's menu): the words that ask for it, and what the bot says instead. The
/// matcher treats a question asking for one, unanswered by its best entry, as likely
/// out of scope, and a refusal then says why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotHeld {
    /// Unique among `[[not_held]]` tables.
    pub id: String,
    /// Words and short phrases (English and Vietnamese) that ask for this detail.
    pub words: Vec<String>,
    /// What the bot says when it refuses such a question.
    pub answer: String,
    /// The same in Vietnamese.
    pub answer_vi: String,
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
    /// See `first_day`.
    pub last_day: String,
    /// The main days of the event, for `schedule --day 1|2`.
    pub event_days: Vec<String>,
    /// Default source cited for generated answers (overview, chapters).
    pub source: String,
    /// How many chapters the convention has: every one from 1 on must be in the file,
    /// so a file cut short is refused.
    #[serde(default)]
    pub chapters: Option<u32>,
    /// How many articles the convention has: every one from 1 on must be in the file.
    #[serde(default)]
    pub articles: Option<u32>,
    /// Tables a complete file holds at least one of ("qa", "session", "person",
    /// "country", "signatories", ...): a file without one was cut short.
    #[serde(default)]
    pub tables: Vec<String>,
}

/// The table names [`Meta::tables`] may list.
pub const TABLES: &[&str] = &[
    "synonym",
    "qa",
    "fact",
    "session",
    "person",
    "chapter",
    "article",
    "country",
    "signatories",
    "not_held",
];

/// Words that mean the same thing to a user, e.g. treaty = convention.
/// The first term is canonical; multi-word terms ("ha noi") are joined before matching.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// The words; the first is canonical.
    pub terms: Vec<String>,
}

/// A question-and-answer entry (`[[qa]]`) or a dated fact (`[[fact]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaEntry {
    /// Unique, kebab-case; what `ask --json` returns.
    pub id: String,
    /// Topic used for grouping in `/kb stats` and suggestions: convention, ceremony,
    /// schedule, participation, people, vietnam.
    pub topic: String,
    /// Several phrasings of the question; the first is the one shown in suggestions.
    pub questions: Vec<String>,
    /// Extra words that signal this entry without forming a question (weighted lower).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// At most 1,024 characters (one Discord embed field).
    pub answer: String,
    /// Vietnamese answer for users whose locale is `vi`.
    #[serde(default)]
    pub answer_vi: Option<String>,
    /// Outlet and date, or URL.
    pub source: String,
    /// For figures that changed over time: the date the figure is from ("YYYY-MM-DD").
    #[serde(default)]
    pub as_of: Option<String>,
    /// The figure can still change after the event (signatures, ratifications, entry into
    /// force): `as_of` is then required, and both answers must state that date, so a
    /// reader knows how old the figure is.
    #[serde(default)]
    pub changes: bool,
    /// An honest refusal: the entry gives what is known (the last figure, its date, where
    /// the current one is kept) for a question about the present that the knowledge cannot
    /// answer ("how many have ratified today"); `ask` shows it but reports "not answered".
    #[serde(default)]
    pub refusal: bool,
    /// The answer still holds after the knowledge's date (a period still running, a rule
    /// of the text), so a question about the present ("where can states sign now?") is
    /// answered from it rather than told the knowledge is dated. Not with `changes` or
    /// `refusal`.
    #[serde(default)]
    pub holds_now: bool,
    /// Ids of entries worth suggesting next to this one.
    #[serde(default)]
    pub related: Vec<String>,
}

/// One item of the ceremony programme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Unique, kebab-case.
    pub id: String,
    /// The session's name as the programme gives it.
    pub name: String,
    /// The name in Vietnamese.
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
    /// "HH:MM" local time, only where a source gives one; needs `start`.
    #[serde(default)]
    pub end: Option<String>,
    /// Coarse time of day where no clock time is sourced: morning, afternoon, evening.
    #[serde(default)]
    pub part_of_day: Option<String>,
    /// Where it takes place.
    pub venue: String,
    /// The venue in Vietnamese; the English `venue` is used where it is missing.
    #[serde(default)]
    pub venue_vi: Option<String>,
    /// welcome, photo, exhibition, opening, signing, plenary, discussion, roundtable,
    /// press, side-event, art, banquet, closing, meeting.
    pub kind: String,
    /// Person ids who host, chair, moderate or speak.
    #[serde(default)]
    pub people: Vec<String>,
    /// What happens, shown under the time and venue.
    pub description: String,
    /// The description in Vietnamese.
    #[serde(default)]
    pub description_vi: Option<String>,
    /// Extra phrasings users ask about this session.
    #[serde(default)]
    pub questions: Vec<String>,
    /// A cancelled session stays listed (marked) but gets no reminder.
    #[serde(default)]
    pub cancelled: bool,
    /// Outlet and date, or URL.
    pub source: String,
}

/// A person named in the sources.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Unique, kebab-case.
    pub id: String,
    /// Display name, with diacritics where the person's language has them.
    pub name: String,
    /// Spellings users type: without diacritics, surname only, common misspellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Official title, e.g. "Secretary-General of the United Nations".
    pub title: String,
    /// The title in Vietnamese.
    #[serde(default)]
    pub title_vi: Option<String>,
    /// The organisation they represent.
    pub organisation: String,
    /// The country, where it matters (delegates).
    #[serde(default)]
    pub country: Option<String>,
    /// What they did at the event.
    pub role: String,
    /// The role in Vietnamese.
    #[serde(default)]
    pub role_vi: Option<String>,
    /// What they said, with its source; the first appears in generated answers.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Extra phrasings users ask about this person ("who is the UN chief").
    #[serde(default)]
    pub questions: Vec<String>,
    /// Outlet and date, or URL.
    pub source: String,
}

/// Something a person said, as a source reports it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The words, as reported.
    pub text: String,
    /// Outlet and date, or URL.
    pub source: String,
}

/// A chapter of the convention (`[[chapter]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// 1 to 9.
    pub number: u32,
    /// The chapter's heading.
    pub title: String,
    /// The heading in Vietnamese.
    #[serde(default)]
    pub title_vi: Option<String>,
    /// First and last article, inclusive: exactly two numbers.
    #[serde(deserialize_with = "two_numbers")]
    pub articles: [u32; 2],
    /// What the chapter covers, where a source says so.
    #[serde(default)]
    pub summary: Option<String>,
    /// Words users search the chapter by ("list of offences", "police powers").
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Outlet and date, or URL.
    pub source: String,
}

/// An article of the convention (`[[article]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// 1 to 68.
    pub number: u32,
    /// The article's heading.
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
    /// Outlet and date, or URL.
    pub source: String,
}

/// `[first, last]`: a list of any other length is an error with its line (serde's
/// array reading took the first two of `[1, 6, 7]` and dropped the rest).
fn two_numbers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<[u32; 2], D::Error> {
    let v = Vec::<u32>::deserialize(d)?;
    <[u32; 2]>::try_from(v.as_slice()).map_err(|_| {
        serde::de::Error::custom(format!(
            "`articles` must be [first, last], two numbers, not {} of them",
            v.len()
        ))
    })
}

pub use super::signatures::{Country, Region, Signatories};
