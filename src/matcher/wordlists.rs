//! The word lists a question is read with: words about the asker, present-time words,
//! and question words (English, Vietnamese folded, and the spellings users type).

/// Words about the asker and their reasons, in any language the bot is asked in. They
/// rarely name what is asked for, so they neither find entries nor count against them.
pub(super) const CONTEXT: &[&str] = &[
    "ambassador",
    "analyst",
    "asked",
    "asking",
    "assignment",
    "aunt",
    "blog",
    "boss",
    "brother",
    "class",
    "classmate",
    "colleague",
    "colleagues",
    "confused",
    "course",
    "cousin",
    "curious",
    "dad",
    "essay",
    "exam",
    "explain",
    "father",
    "footnote",
    "footnotes",
    "friend",
    "friends",
    "grandma",
    "grandmother",
    "guess",
    "heard",
    "homework",
    "husband",
    "lecture",
    "lesson",
    "manager",
    "master",
    "mom",
    "mother",
    "mum",
    "neighbor",
    "neighbour",
    "newsletter",
    "note",
    "notes",
    "parent",
    "pls",
    "podcast",
    "professor",
    "quiz",
    "remember",
    "seminar",
    "sister",
    "slide",
    "slides",
    "student",
    "students",
    "teacher",
    "thesis",
    "think",
    "thought",
    "told",
    "uncle",
    "wife",
    "wonder",
    "wondering",
    "writing",
];

/// Whether a folded word describes the asker rather than the topic ([`CONTEXT`]): one
/// hash lookup (a binary search cost seven string comparisons, twice per word).
pub(super) fn is_context(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| CONTEXT.iter().copied().collect())
        .contains(w)
}

/// Present-state words (folded; multi-word ones are matched as joined pairs).
pub(super) const NOW: &[&str] = &[
    "now",
    "today",
    "currently",
    "current",
    "nowadays",
    "latest",
    "recently",
    "recent",
    "sofar",
    "todate",
    "sincethen",
    "thisyear",
    "thismonth",
    "lastmonth",
    "thisweek",
    "lastweek",
    "hiennay",
    "hientai",
    "baygio",
    "dennay",
    "homnay",
    "namnay",
    "thangnay",
    "thangtruoc",
    "ganday",
];
/// Words that often, not always, ask about the present.
pub(super) const YET: &[&str] = &["yet", "still", "chua", "van"];

/// Question words, English and Vietnamese (folded), and phrases the analyzer joined.
pub(super) fn is_question_word(w: &str) -> bool {
    matches!(
        w,
        "what"
            | "whats"
            | "which"
            | "who"
            | "whos"
            | "whom"
            | "whose"
            | "when"
            | "whens"
            | "where"
            | "wheres"
            | "how"
            | "hows"
            | "why"
            | "ai"
            | "gi"
            | "nao"
            | "dau"
            | "sao"
            | "bao"
            | "may"
            | "wat"
            | "wut"
            | "wen"
            | "hw"
            // Question phrases the analyzer joins into one word.
            | "howmany"
            | "howmuch"
            | "baonhieu"
            | "whattime"
            | "maygio"
            | "khinao"
            | "baogio"
            | "lucnao"
            | "homnao"
            | "ngaynao"
            | "odau"
            | "taidau"
            | "whichcity"
            | "nguoinao"
    )
}
