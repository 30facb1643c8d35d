//! Turns text into tokens: the same steps for the index and for a query.
//!
//! A token is a canonical stem: the word folded ([`crate::text::fold`]), multi-word
//! synonyms joined ("ha noi" → one word), stemmed, then mapped to the first term of its
//! synonym group (treaty → convention). Queries also get their typos corrected against
//! the words the index has seen (`Vocabulary::correct`).

use crate::text::{fold, is_filler, stem, words};
use rustc_hash::{FxHashMap, FxHashSet};

/// Short forms users type that typo correction cannot reach (too short to edit safely),
/// and negations typed without their apostrophe ("didnt": its auxiliary is a filler).
/// Kept sorted, so a reviewer sees a duplicate.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("abt", "about"),
    ("approx", "approximately"),
    ("arent", "not"),
    ("b4", "before"),
    ("bn", "bao nhiêu"),
    ("bnhieu", "bao nhiêu"),
    ("cant", "not"),
    ("conf", "conference"),
    ("couldnt", "not"),
    ("cp", "chính phủ"),
    ("dept", "department"),
    ("didnt", "not"),
    ("doesnt", "not"),
    ("dont", "not"),
    ("gov", "government"),
    ("govt", "government"),
    ("govts", "governments"),
    ("hadnt", "not"),
    ("hasnt", "not"),
    ("havent", "not"),
    ("hr", "hour"),
    ("hrs", "hours"),
    ("hw", "how"),
    ("info", "information"),
    ("intl", "international"),
    ("isnt", "not"),
    ("lvl", "level"),
    ("mins", "minutes"),
    ("mtg", "meeting"),
    ("nc", "nước"),
    ("ng", "người"),
    ("nr", "number"),
    ("num", "number"),
    ("org", "organisation"),
    ("orgs", "organisations"),
    ("ppl", "people"),
    ("pres", "president"),
    ("prez", "president"),
    ("rn", "now"),
    ("shouldnt", "not"),
    ("tg", "thời gian"),
    ("tq", "trung quốc"),
    ("vn", "vietnam"),
    ("wasnt", "not"),
    ("wat", "what"),
    ("wen", "when"),
    ("werent", "not"),
    ("wouldnt", "not"),
    ("wut", "what"),
    ("yr", "year"),
    ("yrs", "years"),
];

/// One more than the longest short form, in bytes ("shouldnt").
const SHORTEST_LONG: usize = 9;

/// A word's first letter as a bit (0 for a word that starts otherwise).
fn shape_bit(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(&c) if c.is_ascii_lowercase() => 1 << (c - b'a'),
        _ => 0,
    }
}

/// Synonym groups and phrase joins, fixed when the knowledge is loaded.
#[derive(Debug, Default)]
pub struct Analyzer {
    /// "ha noi" → "hanoi": multi-word terms joined into one word before stemming.
    phrases: FxHashMap<String, String>,
    /// First words of the phrases, each with its longest phrase in words: only a word
    /// listed here can start a join, so most words cost no n-gram lookups (and no
    /// string building), and a start tries no phrase longer than its own ("united"
    /// tries 8 words, "ha" 2).
    starts: FxHashMap<String, usize>,
    /// stem → canonical stem of its synonym group.
    canon: FxHashMap<String, String>,
    /// Words of multi-word terms, so a typo in one can be corrected before joining.
    parts: FxHashSet<String>,
    /// Short form → the one folded word it stands for ([`Analyzer::short_form`]).
    shorts: FxHashMap<String, String>,
    /// Bit `first letter` of entry `length` is set when a short form has that shape:
    /// every word of the knowledge is checked at each load, and most need no hashing.
    short_shapes: [u32; SHORTEST_LONG],
    /// Word → stem, for every word of a synonym group: stemmed once here, and the
    /// index meets most of them again (a stem costs some 3,800 instructions).
    stems: FxHashMap<String, String>,
}

impl Analyzer {
    pub fn new(groups: &[Vec<String>]) -> Analyzer {
        let mut a = Analyzer::default();
        for group in groups {
            let Some(first) = group.first() else { continue };
            let canonical = a.word_of(first);
            let canonical = a.stem(&canonical);
            for term in group {
                let w = a.word_of(term);
                let s = a.stem(&w);
                a.canon.insert(s, canonical.clone());
            }
        }
        for (short, long) in ABBREVIATIONS {
            match words(&fold(long)).as_slice() {
                // One word: written out before joining, so it can take part in a join.
                [one] => {
                    // A form too long for the filter is never found: the tests say so.
                    if let Some(bits) = a.short_shapes.get_mut(short.len()) {
                        *bits |= shape_bit(short);
                    }
                    a.shorts.insert((*short).to_string(), one.clone());
                }
                // Several: a phrase of its own ("bn" is "bao nhiêu").
                _ => {
                    let w = a.word_of(long);
                    let n = a.starts.entry((*short).to_string()).or_insert(1);
                    *n = (*n).max(1);
                    a.phrases.entry((*short).to_string()).or_insert(w);
                }
            }
        }
        a
    }

    /// The single word a (possibly multi-word) term stands for, registering the join.
    fn word_of(&mut self, term: &str) -> String {
        let ws = words(&fold(term));
        if ws.len() > 1 {
            let joined = ws.concat();
            let n = self.starts.entry(ws[0].clone()).or_insert(0);
            *n = (*n).max(ws.len());
            self.parts.extend(ws.iter().cloned());
            self.phrases.insert(ws.join(" "), joined.clone());
            joined
        } else {
            ws.into_iter().next().unwrap_or_default()
        }
    }

    /// The folded word a short form stands for ("hw" → "how", "nc" → "nuoc"), written
    /// out before joining so that it can take part in a join ("hw long" is "how long").
    /// Forms of several words ("bn", "bao nhiêu") are phrases of their own.
    pub fn short_form(&self, word: &str) -> Option<&str> {
        let shaped = self
            .short_shapes
            .get(word.len())
            .is_some_and(|&bits| bits & shape_bit(word) != 0);
        if !shaped {
            return None;
        }
        self.shorts.get(word).map(String::as_str)
    }

    /// Folded words with phrases joined and abbreviations expanded; fillers kept.
    pub fn words(&self, text: &str) -> Vec<String> {
        self.join(words(&fold(&crate::text::expand_acronyms(text))))
    }

    /// [`Analyzer::words`] one at a time, as slices: joined phrases are borrowed from
    /// the analyzer and other words from one folded copy of `text`, so indexing a
    /// knowledge file builds no string per word. Gives the same words as `words`.
    pub fn each_word(&self, text: &str, mut f: impl FnMut(&str)) {
        let folded = fold(&crate::text::expand_acronyms(text));
        let ws: Vec<&str> = crate::text::word_slices(&folded)
            .map(|w| self.short_form(w).unwrap_or(w))
            .collect();
        self.walk(&ws, |i, joined| f(joined.unwrap_or(ws[i])));
    }

    /// The join rule, in one place for [`Analyzer::join`] and [`Analyzer::each_word`]:
    /// walks `ws` and calls `f` with the index of each word that starts a step, and the
    /// phrase it joins into, if any (the words the phrase took are skipped).
    fn walk<'s, W: AsRef<str>>(&'s self, ws: &[W], mut f: impl FnMut(usize, Option<&'s str>)) {
        let mut i = 0;
        while i < ws.len() {
            if let Some(&longest) = self.starts.get(ws[i].as_ref()) {
                let max = longest.min(ws.len() - i);
                let found = crate::text::find_joined(&ws[i..], max, |n, key| {
                    self.phrases.get(key).map(|joined| (n, joined.as_str()))
                });
                if let Some((n, joined)) = found {
                    f(i, Some(joined));
                    i += n;
                    continue;
                }
            }
            f(i, None);
            i += 1;
        }
    }

    /// Every word of a multi-word term ("minister" of "prime minister").
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(String::as_str)
    }

    /// Whether a folded word begins a multi-word term or is an abbreviation.
    pub fn is_start(&self, word: &str) -> bool {
        self.starts.contains_key(word)
    }

    /// Whether a folded word is part of a multi-word term.
    pub fn is_part(&self, word: &str) -> bool {
        self.parts.contains(word)
    }

    /// Joins multi-word terms in folded words and expands abbreviations.
    pub fn join(&self, ws: Vec<String>) -> Vec<String> {
        self.join_at(ws).0
    }

    /// [`Analyzer::join`], with the index in `ws` where each joined word starts.
    pub fn join_at(&self, mut ws: Vec<String>) -> (Vec<String>, Vec<usize>) {
        for w in &mut ws {
            if let Some(long) = self.short_form(w) {
                *w = long.to_string();
            }
        }
        let mut steps = Vec::with_capacity(ws.len());
        self.walk(&ws, |i, joined| steps.push((i, joined)));
        let starts = steps.iter().map(|&(i, _)| i).collect();
        let words = steps
            .into_iter()
            .map(|(i, joined)| match joined {
                Some(joined) => joined.to_string(),
                // Moved, not copied: each word is kept at most once.
                None => std::mem::take(&mut ws[i]),
            })
            .collect();
        (words, starts)
    }

    /// The stem of a word of a synonym group, kept.
    fn stem(&mut self, word: &str) -> String {
        if let Some(s) = self.stems.get(word) {
            return s.clone();
        }
        let s = stem(word);
        self.stems.insert(word.to_string(), s.clone());
        s
    }

    /// The canonical token of one folded, joined word.
    pub fn token(&self, word: &str) -> String {
        self.canonical(self.own_stem(word))
    }

    /// [`Analyzer::token`] for a question's word, whose stem the thread keeps
    /// ([`crate::text::stem_kept`]); indexing stems each word of the knowledge once and
    /// keeps nothing.
    pub fn token_kept(&self, word: &str) -> String {
        self.canonical(self.own_stem_kept(word))
    }

    fn canonical(&self, stem: String) -> String {
        self.canon.get(&stem).cloned().unwrap_or(stem)
    }

    /// The stem of one folded, joined word, before its synonym group maps it: what a
    /// `[[not_held]]` word is matched on, so that listing "kids" there does not make
    /// "child", its synonym, a detail not held.
    pub fn own_stem(&self, word: &str) -> String {
        match self.stems.get(word) {
            Some(s) => s.clone(),
            None => stem(word),
        }
    }

    /// [`Analyzer::own_stem`] for a question's word (see [`Analyzer::token_kept`]).
    pub fn own_stem_kept(&self, word: &str) -> String {
        match self.stems.get(word) {
            Some(s) => s.clone(),
            None => crate::text::stem_kept(word),
        }
    }

    /// Content tokens of a text known to the index (no typo correction).
    pub fn tokens(&self, text: &str) -> Vec<String> {
        self.words(text)
            .into_iter()
            .filter(|w| !is_filler(w))
            .map(|w| self.token(&w))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_and_one_word_forms_are_short_forms() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        // The shape filter holds every form: lower-case start, under SHORTEST_LONG bytes.
        let a = analyzer();
        for (short, _) in ABBREVIATIONS {
            let multi = a.short_form(short).is_none() && a.phrases.contains_key(*short);
            assert!(multi || a.short_form(short).is_some(), "{short}");
        }
        assert_eq!(a.short_form("hw"), Some("how"));
        assert_eq!(a.short_form("bn"), None, "two words: a phrase of its own");
        // Folded like every other word: "nước" would be a word no entry has.
        assert_eq!(a.short_form("nc"), Some("nuoc"));
        assert_eq!(a.tokens("nc nao"), a.tokens("nước nào"));
    }

    fn analyzer() -> Analyzer {
        Analyzer::new(&[
            vec!["convention".into(), "treaty".into(), "công ước".into()],
            vec!["hanoi".into(), "ha noi".into()],
        ])
    }

    #[test]
    fn synonyms_and_phrases_meet_on_one_token() {
        let a = analyzer();
        assert_eq!(a.tokens("the treaty"), a.tokens("Convention"));
        assert_eq!(a.tokens("Công ước Hà Nội"), a.tokens("convention hanoi"));
        assert_eq!(a.tokens("cong uoc ha noi"), a.tokens("treaties Hanoi"));
    }

    #[test]
    fn kept_stems_are_the_stems_of_their_words() {
        let k = crate::knowledge::Knowledge::embedded().expect("shipped knowledge");
        let a = Analyzer::new(&k.synonyms);
        assert!(a.stems.len() > 500, "{} words kept", a.stems.len());
        for (word, kept) in &a.stems {
            assert_eq!(*kept, stem(word), "{word}");
        }
    }

    #[test]
    fn abbreviations_expand() {
        let a = analyzer();
        assert_eq!(a.tokens("high lvl"), a.tokens("high level"));
    }
}
