//! Text helpers: the normalisation shared by the index and the queries, and two
//! helpers for reporting and display ([`line_of`], [`clip_words`]).
//!
//! Both sides of a match go through the same steps, so whatever a step does to a word
//! (stripping a diacritic, stemming) it does to the stored phrasing too:
//!
//! 0. [`expand_acronyms`], on the raw text: "US", "U.S.", "UK", "EU" written in capitals
//!    become the names they stand for, before folding makes "US" the pronoun "us".
//! 1. [`fold`]: Unicode NFKD, combining marks dropped, `đ`/`Đ` → `d`, lower case;
//!    a number's thousands separators dropped ("1,000" → "1000") and negated
//!    contractions written out ("don't" → "do not").
//! 2. [`words`]: split on anything that is not a letter or digit; ordinals lose their
//!    suffix ("26th" → "26").
//! 3. The matcher then joins multi-word synonyms ("ha noi" → "hanoi"), drops filler
//!    words ([`is_filler`]), corrects typos and stems ([`stem`]).

mod acronyms;
mod fillers;

pub use acronyms::expand_acronyms;
use fillers::FILLERS;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;

/// Accent-, case- and diacritic-insensitive form: "Lương Cường" → "luong cuong".
/// A number's thousands separators go too: "1,000" and "2.500" are the numbers 1000 and
/// 2500, not the words "1" and "000" (a question about "day 1" matched "1,000 delegates");
/// and "n't" is " not" ("don't" → "do not").
pub fn fold(text: &str) -> String {
    split_negations(join_digit_groups(fold_marks(text)))
}

/// "don't" → "do not", "couldn’t" → "could not", "can't" → "can not", "won't" → "will
/// not": split at the apostrophe, a contraction left the word "don" (the Vietnamese
/// "đón", to welcome) or an unknown "couldn" that counted against every entry.
fn split_negations(folded: String) -> String {
    const FORMS: [&str; 2] = ["n't", "n\u{2019}t"];
    // Every text of the knowledge is folded at each load: first a vectorised search
    // for an apostrophe, straight or curly (its UTF-8 starts with 0xE2).
    if memchr::memchr2(b'\'', 0xE2, folded.as_bytes()).is_none()
        || !FORMS.iter().any(|f| folded.contains(f))
    {
        return folded;
    }
    let s = folded.as_str();
    let mut out = String::with_capacity(s.len() + 8);
    let mut copied = 0;
    // One pass over the apostrophes: searching for each form from each match would
    // scan the rest of the text again at every contraction.
    for (p, mark) in s.match_indices(['\'', '\u{2019}']) {
        let end = p + mark.len() + 1;
        if !(s[..p].ends_with('n') && s[p + mark.len()..].starts_with('t')) {
            continue;
        }
        let i = p - 1;
        if !is_negation(s, i, end) {
            continue;
        }
        out.push_str(&s[copied..i]);
        match &s[word_start(s, i)..i] {
            "ca" => out.push('n'),
            "wo" => out.replace_range(out.len() - 2.., "will"),
            _ => {}
        }
        out.push_str(" not");
        copied = end;
    }
    out.push_str(&s[copied..]);
    out
}

/// Whether the "n't" at `s[i..end]` ends a word that a letter starts it in, and the word
/// does not follow an apostrophe: "don't", not "n't" alone, "don'ts" or the second half
/// of "on'tn't" (which would leave the first half a word-final "n't").
fn is_negation(s: &str, i: usize, end: usize) -> bool {
    let after_letter = s[..i].chars().next_back().is_some_and(char::is_alphabetic);
    let word_ends = !s[end..].chars().next().is_some_and(char::is_alphanumeric);
    let after_apostrophe = s[..word_start(s, i)]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '\'' | '\u{2019}'));
    after_letter && word_ends && !after_apostrophe
}

/// Where the run of letters and digits that ends at `i` begins.
fn word_start(s: &str, i: usize) -> usize {
    s[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(j, c)| j + c.len_utf8())
}

/// [`fold`] without its two rewrites: NFKD, marks dropped, lower case.
fn fold_marks(text: &str) -> String {
    // ASCII is its own NFKD form with no combining marks: only the case changes.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    // NFKD is each char's compatibility decomposition followed by a reordering of
    // combining marks among themselves; the marks are dropped, so decomposing char by
    // char gives the same text without buffering, and ASCII needs no lookup at all.
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        unicode_normalization::char::decompose_compatible(c, |c| {
            if is_combining_mark(c) {
                return;
            }
            match c {
                // đ does not decompose under NFKD; ð is a look-alike some keyboards produce.
                'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
                _ => out.extend(c.to_lowercase()),
            }
        });
    }
    out
}

/// Drops each "," or "." that stands between a digit and a group of exactly three
/// digits: "1,000,000" → "1000000", "2.500" → "2500". A date ("25.10.2025"), a decimal
/// ("1.5") or a list ("25, 26") keeps its separator.
fn join_digit_groups(folded: String) -> String {
    let b = folded.as_bytes();
    let is_group_mark = |i: usize| {
        matches!(b[i], b',' | b'.')
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    };
    // Every text of the knowledge is folded at each load: visit only its marks.
    let mut marks = memchr::memchr2_iter(b',', b'.', b).filter(|&i| is_group_mark(i));
    let Some(first) = marks.next() else {
        return folded;
    };
    let mut out = String::with_capacity(folded.len());
    let mut from = 0;
    for i in std::iter::once(first).chain(marks) {
        out.push_str(&folded[from..i]);
        from = i + 1;
    }
    out.push_str(&folded[from..]);
    out
}

/// Splits folded text into words of letters and digits. "26th" → "26", "24/7" → "24", "7".
pub fn words(folded: &str) -> Vec<String> {
    word_slices(folded).map(str::to_string).collect()
}

/// [`words`] as slices of `folded`, for callers that keep only some words: no string
/// per word.
pub(crate) fn word_slices(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(ordinal_number)
}

/// The folded words of a text between single spaces: how names and phrasings are
/// compared ("What's the date?" and "what s the DATE" have one key). Built in place:
/// every name of every known state and every phrasing is keyed at each load.
pub fn key(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for w in word_slices(&folded) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// "25th" → "25"; any other word as it is.
fn ordinal_number(word: &str) -> &str {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < word.len() {
        let rest = &word[digits..];
        if matches!(rest, "st" | "nd" | "rd" | "th") {
            return &word[..digits];
        }
    }
    word
}

/// Looks up the words of `ws[..max]` joined by spaces, then one word fewer, down to the
/// first word alone, until `f` finds something: `f` gets the number of words and their
/// joined text. One buffer serves every length (no string per n-gram).
pub(crate) fn find_joined<T, W: AsRef<str>>(
    ws: &[W],
    max: usize,
    mut f: impl FnMut(usize, &str) -> Option<T>,
) -> Option<T> {
    let max = max.min(ws.len());
    let mut buf = String::with_capacity(ws[..max].iter().map(|w| w.as_ref().len() + 1).sum());
    for (k, w) in ws[..max].iter().enumerate() {
        if k > 0 {
            buf.push(' ');
        }
        buf.push_str(w.as_ref());
    }
    for n in (1..=max).rev() {
        if let Some(t) = f(n, &buf) {
            return Some(t);
        }
        if n > 1 {
            buf.truncate(buf.len() - ws[n - 1].as_ref().len() - 1);
        }
    }
    None
}

/// Words whose stems a thread keeps ([`stem_kept`]): some 8,000 words of under 30
/// bytes each, well under a megabyte, and more words than a day of questions repeats.
const STEMS_KEPT: usize = 8192;

/// [`stem`], for the words of questions: each thread keeps the stems it has made (up
/// to `STEMS_KEPT`, then starts over). A stem costs some 4,000 instructions and a
/// lookup a hundred, and the words a question's reading must stem, the ones no entry
/// holds as written ("teacher", "wondering"), are the words people use again and
/// again. Indexing stems each word of the knowledge once: keeping those would only
/// slow loading.
pub fn stem_kept(word: &str) -> String {
    thread_local! {
        static KEPT: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> =
            std::cell::RefCell::default();
    }
    KEPT.with(|kept| {
        if let Some(s) = kept.borrow().get(word) {
            return s.to_string();
        }
        let s = stem(word);
        let mut kept = kept.borrow_mut();
        if kept.len() >= STEMS_KEPT {
            kept.clear();
        }
        kept.insert(word.into(), s.as_str().into());
        s
    })
}

/// English stem of a folded word (Snowball). Vietnamese words pass through nearly
/// unchanged, and identically on both sides of a match, which is all that matters.
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    // British and American spellings meet: organize → organise, criminalization → criminalisation.
    let stemmer = STEMMER.get_or_init(|| Stemmer::create(Algorithm::English));
    // Nouns Snowball folds into an unrelated common word: "even" is not an evening,
    // "build capacity" is not a building, "report a scam" asks no reporter, and the
    // delegates (2,500 people) are not the delegations (110 states), and a person's
    // nationality is not the nation they represent.
    if let Some(noun) = OWN_STEMS
        .iter()
        .find(|n| word.strip_suffix('s').unwrap_or(word) == **n)
    {
        return (*noun).to_string();
    }
    if word.contains("iz") {
        stemmer.stem(&word.replace("iz", "is")).into_owned()
    } else {
        stemmer.stem(word).into_owned()
    }
}

/// Nouns that keep their own stem (see [`stem`]).
const OWN_STEMS: &[&str] = &[
    "building",
    "delegation",
    "evening",
    "nationality",
    "reporter",
];

/// Every filler word ([`is_filler`]).
pub(crate) fn fillers() -> &'static [&'static str] {
    FILLERS
}

/// Words that carry no topic: English function words, question words, conversational
/// padding, and their Vietnamese counterparts (folded, without diacritics).
pub fn is_filler(word: &str) -> bool {
    // A hash set: a binary search over the sorted list cost nine string comparisons per
    // word, a twentieth of loading the knowledge.
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| FILLERS.iter().copied().collect())
        .contains(word)
}

/// 1-based line number of a byte offset (for problems in TOML files).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line numbers of one text's byte offsets, each found by a binary search: a file
/// of many entries asks for one per entry, and [`line_of`] scans from the start.
#[derive(Debug, Clone)]
pub struct Lines(Vec<usize>);

impl Lines {
    /// Indexes the line breaks of `text`.
    pub fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i))
                .collect(),
        )
    }

    /// 1-based line of a byte offset, as [`line_of`] counts it.
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }

    /// The number of the last line.
    pub fn last(&self) -> usize {
        self.0.len() + 1
    }
}

/// Cuts `s` to at most `max` characters at a word boundary, ending with "…".
pub fn clip_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(1);
    let cut: String = s.chars().take(budget).collect();
    let end = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > budget / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_vietnamese_diacritics_and_d_stroke() {
        assert_eq!(fold("Lương Cường"), "luong cuong");
        assert_eq!(fold("Đại hội đồng"), "dai hoi dong");
        assert_eq!(fold("António GUTERRES"), "antonio guterres");
    }

    #[test]
    fn fold_joins_the_digit_groups_of_a_number_and_nothing_else() {
        assert_eq!(fold("over 1,000 delegates"), "over 1000 delegates");
        assert_eq!(fold("2.500 đại biểu"), "2500 dai bieu");
        assert_eq!(fold("1,000,000"), "1000000");
        assert_eq!(
            words(&fold("day 1, 1,000 people")),
            ["day", "1", "1000", "people"]
        );
        for kept in [
            "25.10.2025",
            "1.5",
            "25, 26",
            "12,34",
            "1,0000",
            "a,000",
            "1, 000",
        ] {
            assert_eq!(fold(kept), kept);
        }
    }

    #[test]
    fn fold_splits_negated_contractions() {
        assert_eq!(fold("I don't know"), "i do not know");
        assert_eq!(fold("Couldn’t they?"), "could not they?");
        assert_eq!(fold("can't, won't, isn't"), "can not, will not, is not");
        assert_eq!(fold("n't alone"), "n't alone");
        // A second contraction right after a kept one is still after a letter.
        // A contraction glued to another is left alone: splitting the second would
        // leave the first a word-final "n't".
        assert_eq!(fold("on'tn't"), "on'tn't");
        assert_eq!(fold("don'ts"), "don'ts");
        assert_eq!(fold("đón"), "don");
    }

    /// The definition [`fold_marks`] must agree with: NFKD of the whole text, marks dropped.
    fn fold_by_nfkd(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in text.nfkd().filter(|&c| !is_combining_mark(c)) {
            match c {
                'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    proptest::proptest! {
        /// The passes after the marks cut at byte offsets: any text, with the digits,
        /// separators and apostrophes they look for, folds without a panic, and what
        /// they rewrite is gone from the result.
        #[test]
        fn fold_rewrites_numbers_and_negations_anywhere(
            text in proptest::prop_oneof![
                "[0-9a-zA-Zđươ,.'\u{2019} ]{0,40}",
                // Dense in what the passes look for.
                "[0-9nto,.'\u{2019} ]{0,40}",
                // Contractions glued together ("on'tn't").
                "[ont'\u{2019} ]{0,24}",
            ],
        ) {
            let folded = fold(&text);
            let b = folded.as_bytes();
            for (i, _) in folded.match_indices([',', '.']) {
                let group = i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.len() >= i + 4
                    && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                    && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
                proptest::prop_assert!(!group, "{text:?} -> {folded:?}");
            }
            for form in ["n't", "n\u{2019}t"] {
                for (i, _) in folded.match_indices(form) {
                    let left = is_negation(&folded, i, i + form.len());
                    proptest::prop_assert!(!left, "{text:?} -> {folded:?}");
                }
            }
        }

        #[test]
        fn fold_agrees_with_nfkd_of_the_whole_text(
            text in proptest::prop_oneof![
                proptest::prelude::any::<String>(),
                // Vietnamese letters, precomposed and decomposed, and stray marks.
                "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐ\\u{300}-\\u{36f}ﬁ① ]{0,40}",
            ]
        ) {
            proptest::prop_assert_eq!(fold_marks(&text), fold_by_nfkd(&text));
        }
    }

    #[test]
    fn words_split_punctuation_and_ordinals() {
        assert_eq!(
            words("what's on the 26th?"),
            ["what", "s", "on", "the", "26"]
        );
        assert_eq!(words("24/7 network"), ["24", "7", "network"]);
        assert_eq!(words("4th-5th"), ["4", "5"]);
        assert_eq!(words("x1st"), ["x1st"]);
    }

    #[test]
    fn stems_meet_across_inflections_and_spellings() {
        assert_eq!(stem("signing"), stem("signed"));
        assert_eq!(stem("organized"), stem("organised"));
        assert_eq!(stem("articles"), stem("article"));
        assert_eq!(stem("2024"), "2024");
    }

    #[test]
    fn some_nouns_keep_apart_from_the_word_snowball_makes_them() {
        assert_ne!(stem("evening"), stem("even"));
        assert_ne!(stem("building"), stem("build"));
        assert_ne!(stem("reporters"), stem("report"));
        assert_eq!(stem("evenings"), stem("evening"));
        assert_eq!(stem("buildings"), stem("building"));
        // Kept stems are the stems, past the point where the thread starts over.
        for i in 0..STEMS_KEPT + 10 {
            let w = format!("signings{i}");
            assert_eq!(stem_kept(&w), stem(&w));
            assert_eq!(stem_kept(&w), stem(&w), "kept");
        }
        assert_eq!(stem_kept("signing"), stem("signing"));
    }

    #[test]
    fn clip_cuts_at_a_word_boundary() {
        let s = "alpha beta gamma delta";
        assert_eq!(clip_words(s, 100), s);
        let c = clip_words(s, 14);
        assert_eq!(c, "alpha beta…");
        assert!(c.chars().count() <= 14);
    }

    #[test]
    fn lines_count_from_one() {
        let t = "a\nb\nc";
        assert_eq!(line_of(t, 0), 1);
        assert_eq!(line_of(t, 2), 2);
        assert_eq!(line_of(t, 99), 3);
    }

    #[test]
    fn filler_list_is_sorted_and_unique() {
        assert!(
            FILLERS.windows(2).all(|w| w[0] < w[1]),
            "FILLERS must stay sorted"
        );
        assert!(is_filler("the") && is_filler("gi") && !is_filler("signing"));
    }
}
