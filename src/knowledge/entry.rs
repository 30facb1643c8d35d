//! Something `ask` can answer: an [`Entry`], of one [`EntryKind`].

/// What an [`Entry`] was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A `[[qa]]` entry.
    Qa,
    /// A `[[fact]]` entry (a figure with a date).
    Fact,
    /// A person (generated from `[[person]]`).
    Person,
    /// A session (generated from `[[session]]`).
    Session,
    /// The programme of one event day (generated).
    Day,
    /// A chapter of the convention.
    Chapter,
    /// An article of the convention.
    Article,
    /// A state or organisation and its signature (generated from `[[country]]`).
    Country,
}

impl EntryKind {
    /// The name `export --json` gives the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Qa => "qa",
            EntryKind::Fact => "fact",
            EntryKind::Person => "person",
            EntryKind::Session => "session",
            EntryKind::Day => "day",
            EntryKind::Chapter => "chapter",
            EntryKind::Article => "article",
            EntryKind::Country => "country",
        }
    }
}

/// Something `ask` can answer.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Unique across every kind; what `ask --json` returns.
    pub id: String,
    /// What it was made from.
    pub kind: EntryKind,
    /// Topic for grouping (the file's `topic`, or the kind's).
    pub topic: String,
    /// Phrasings; the first is the one offered as a suggestion.
    pub questions: Vec<String>,
    /// Extra words that point to it (weighted lower than phrasings).
    pub keywords: Vec<String>,
    /// Proper names that identify the entry on their own ("Guterres", "gala dinner").
    pub names: Vec<String>,
    /// Words for what can be asked about this kind of entry ("role", "venue").
    pub attributes: &'static [&'static str],
    /// The answer, at most one embed field (1,024 characters).
    pub answer: String,
    /// The Vietnamese answer, where the file has one.
    pub answer_vi: Option<String>,
    /// Where the answer comes from.
    pub source: String,
    /// For figures: the date the figure is from.
    pub as_of: Option<String>,
    /// Shown, but reported as not answered (see `QaEntry::refusal`).
    pub refusal: bool,
    /// Still true after the knowledge's date (`QaEntry::holds_now`).
    pub holds_now: bool,
    /// Ids of entries worth suggesting next to it.
    pub related: Vec<String>,
    /// Article or chapter number.
    pub number: Option<u32>,
    /// What curators should know and users need not ("heading not checked against the
    /// UN text"): shown by `ask --explain` and `/kb source`, never in the answer.
    pub notes: Vec<String>,
}

/// What can be asked about a person, session, article or chapter besides its name
/// ([`Entry::attributes`]): words in English and (folded) Vietnamese.
pub(super) const PERSON_WORDS: &[&str] = &[
    "who",
    "role",
    "title",
    "position",
    "job",
    "head",
    "chief",
    "leader",
    "boss",
    "director",
    "chair",
    "profile",
    "background",
    "biography",
    "bio",
    "post",
    "office",
    "function",
    "responsibility",
    "speech",
    "said",
    "say",
    "remarks",
    "quote",
    "statement",
    "comment",
    "message",
    "view",
    "opinion",
    "speak",
    "talk",
    "address",
    "attend",
    "present",
    "represent",
    "organisation",
    "official",
    "leader",
    "chuc",
    "danh",
    "vu",
    "phat",
    "bieu",
    "noi",
    "gi",
    "ong",
    "ba",
    "la",
];
pub(super) const SESSION_WORDS: &[&str] = &[
    "when",
    "where",
    "time",
    "date",
    "day",
    "venue",
    "location",
    "place",
    "schedule",
    "start",
    "begin",
    "end",
    "happen",
    "held",
    "hold",
    "take",
    "programme",
    "program",
    "agenda",
    "session",
    "event",
    "who",
    "speaker",
    "host",
    "luc",
    "gio",
    "ngay",
    "dien",
    "ra",
    "dau",
    "phien",
];
pub(super) const ARTICLE_WORDS: &[&str] = &[
    "article",
    "about",
    "say",
    "cover",
    "provision",
    "text",
    "content",
    "deal",
    "govern",
    "regulate",
    "address",
    "which",
    "number",
    "dieu",
    "khoan",
    "noi",
    "dung",
    "quy",
    "dinh",
];
pub(super) const CHAPTER_WORDS: &[&str] = &[
    "chapter", "part", "section", "title", "heading", "about", "cover", "articles", "chuong",
];

/// Keeps composed answers inside one embed field, cutting at a word boundary.
pub(super) fn clip(s: String) -> String {
    crate::text::clip_words(&s, super::model::MAX_ANSWER)
}
