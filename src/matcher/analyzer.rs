//! Turns text into tokens: the same steps for the index and for a query.
//!
//! A token is a canonical stem: the word folded ([`crate::text::fold`]), multi-word
//! synonyms joined ("ha noi" → one word), stemmed, then mapped to the first term of its
//! synonym group (treaty → convention). Queries also get their typos corrected against
//! the words the index has seen ([`Vocabulary::correct`]).

use crate::text::{fold, is_filler, stem, words};
use std::collections::HashMap;

/// Short forms users type that typo correction cannot reach (too short to edit safely).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("abt", "about"),
    ("approx", "approximately"),
    ("b4", "before"),
    ("bn", "bao nhiêu"),
    ("bnhieu", "bao nhiêu"),
    ("cp", "chính phủ"),
    ("gov", "government"),
    ("govt", "government"),
    ("govts", "governments"),
    ("hr", "hour"),
    ("hrs", "hours"),
    ("hw", "how"),
    ("info", "information"),
    ("intl", "international"),
    ("lvl", "level"),
    ("mins", "minutes"),
    ("nc", "nước"),
    ("ng", "người"),
    ("nr", "number"),
    ("num", "number"),
    ("org", "organisation"),
    ("orgs", "organisations"),
    ("ppl", "people"),
    ("pres", "president"),
    ("rn", "now"),
    ("tg", "thời gian"),
    ("tq", "trung quốc"),
    ("vn", "vietnam"),
    ("wat", "what"),
    ("wen", "when"),
    ("wut", "what"),
    ("yr", "year"),
    ("yrs", "years"),
];

/// Synonym groups and phrase joins, fixed when the knowledge is loaded.
#[derive(Debug, Default)]
pub struct Analyzer {
    /// "ha noi" → "hanoi": multi-word terms joined into one word before stemming.
    phrases: HashMap<String, String>,
    /// Longest phrase, in words.
    longest: usize,
    /// First words of the phrases: only a word listed here can start a join, so most
    /// words cost no n-gram lookups (and no string building).
    starts: std::collections::HashSet<String>,
    /// stem → canonical stem of its synonym group.
    canon: HashMap<String, String>,
    /// Words of multi-word terms, so a typo in one can be corrected before joining.
    parts: std::collections::HashSet<String>,
}

impl Analyzer {
    pub fn new(groups: &[Vec<String>]) -> Analyzer {
        let mut a = Analyzer::default();
        for group in groups {
            let Some(first) = group.first() else { continue };
            let canonical = a.word_of(first);
            let canonical = stem(&canonical);
            for term in group {
                let w = a.word_of(term);
                a.canon.insert(stem(&w), canonical.clone());
            }
        }
        for (short, long) in ABBREVIATIONS {
            let w = a.word_of(long);
            a.starts.insert((*short).to_string());
            a.phrases.entry((*short).to_string()).or_insert(w);
        }
        a
    }

    /// The single word a (possibly multi-word) term stands for, registering the join.
    fn word_of(&mut self, term: &str) -> String {
        let ws = words(&fold(term));
        if ws.len() > 1 {
            let joined = ws.concat();
            self.longest = self.longest.max(ws.len());
            self.starts.insert(ws[0].clone());
            self.parts.extend(ws.iter().cloned());
            self.phrases.insert(ws.join(" "), joined.clone());
            joined
        } else {
            ws.into_iter().next().unwrap_or_default()
        }
    }

    /// Folded words with phrases joined and abbreviations expanded; fillers kept.
    pub fn words(&self, text: &str) -> Vec<String> {
        self.join(words(&fold(&crate::text::expand_acronyms(text))))
    }

    /// Every word of a multi-word term ("minister" of "prime minister").
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(String::as_str)
    }

    /// Whether a folded word begins a multi-word term or is an abbreviation.
    pub fn is_start(&self, word: &str) -> bool {
        self.starts.contains(word)
    }

    /// Whether a folded word is part of a multi-word term.
    pub fn is_part(&self, word: &str) -> bool {
        self.parts.contains(word)
    }

    /// Joins multi-word terms in folded words and expands abbreviations.
    pub fn join(&self, ws: Vec<String>) -> Vec<String> {
        let mut out = Vec::with_capacity(ws.len());
        let mut i = 0;
        'outer: while i < ws.len() {
            if !self.starts.contains(&ws[i]) {
                out.push(ws[i].clone());
                i += 1;
                continue;
            }
            for n in (1..=self.longest.max(1).min(ws.len() - i)).rev() {
                let key = ws[i..i + n].join(" ");
                if let Some(joined) = self.phrases.get(&key) {
                    out.push(joined.clone());
                    i += n;
                    continue 'outer;
                }
            }
            out.push(ws[i].clone());
            i += 1;
        }
        out
    }

    /// The canonical token of one folded, joined word.
    pub fn token(&self, word: &str) -> String {
        let s = stem(word);
        self.canon.get(&s).cloned().unwrap_or(s)
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

/// Every word the index has seen, for typo correction.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Folded word → token id.
    pub words: HashMap<String, u32>,
    /// Words bucketed by length in chars, for the correction scan.
    by_len: Vec<Vec<(Box<str>, u32)>>,
    /// Words that are parts of proper names: short typos may only be corrected to these.
    names: HashMap<String, u32>,
    /// Words of multi-word terms registered with [`Vocabulary::insert_part`].
    parts: std::collections::HashSet<String>,
}

/// The token a correction to a word of a multi-word term returns: it has none until
/// the term is joined.
pub const PART: u32 = u32::MAX;

impl Vocabulary {
    pub fn insert(&mut self, word: &str, token: u32, is_name: bool) {
        if is_name {
            self.names.insert(word.to_string(), token);
        }
        if self.words.insert(word.to_string(), token).is_none() {
            let n = word.chars().count();
            if self.by_len.len() <= n {
                self.by_len.resize_with(n + 1, Vec::new);
            }
            self.by_len[n].push((word.into(), token));
        }
    }

    /// Registers a word of a multi-word term as a correction target; it has no token of
    /// its own ([`PART`]).
    pub fn insert_part(&mut self, word: &str) {
        if self.words.contains_key(word) || self.parts.contains(word) {
            return;
        }
        self.parts.insert(word.to_string());
        let n = word.chars().count();
        if self.by_len.len() <= n {
            self.by_len.resize_with(n + 1, Vec::new);
        }
        self.by_len[n].push((word.into(), PART));
    }

    /// Tokens of up to `limit` known words that begin with `prefix` (autocomplete).
    pub fn completions(&self, prefix: &str, limit: usize) -> Vec<u32> {
        let n = prefix.chars().count();
        let mut out = Vec::new();
        for bucket in self.by_len.iter().skip(n + 1) {
            for (w, t) in bucket {
                if *t != PART && w.starts_with(prefix) && !out.contains(t) {
                    out.push(*t);
                    if out.len() == limit {
                        return out;
                    }
                }
            }
        }
        out
    }

    /// The closest known word to an unknown one, if close enough to be a typo.
    ///
    /// Edit budget grows with length (1 edit from 5 letters, 2 from 7); the first letter
    /// must agree (people rarely mistype it). Four-letter words are only corrected to
    /// parts of names ("wali" → "waly"): among common short words a one-letter change is
    /// usually another word ("tall" is not a typo of "talk").
    pub fn correct(&self, word: &str) -> Option<(&str, u32)> {
        let n = word.chars().count();
        if n < 4 || word.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let first = word.chars().next()?;
        if n == 4 {
            return self
                .names
                .iter()
                .filter(|(w, _)| w.starts_with(first) && w.chars().count().abs_diff(4) <= 1)
                .filter(|(w, _)| strsim::osa_distance(word, w) == 1)
                .map(|(w, &t)| (w.as_str(), t))
                .min_by(|a, b| a.0.cmp(b.0));
        }
        // A word of general English or Vietnamese ("interpol", "tallest") is more likely
        // meant than mistyped: at most one edit away from what it is corrected to.
        let budget = if n >= 7 && super::general::zipf(word).is_none() {
            2
        } else {
            1
        };
        let mut best: Option<(usize, f64, &str, u32)> = None;
        for len in n.saturating_sub(budget)..=n + budget {
            for (w, t) in self.by_len.get(len).into_iter().flatten() {
                if !w.starts_with(first) {
                    continue;
                }
                let d = strsim::osa_distance(word, w);
                if d > budget {
                    continue;
                }
                let jw = strsim::jaro_winkler(word, w);
                let better = match best {
                    None => true,
                    Some((bd, bjw, bw, _)) => (d, -jw, &**w) < (bd, -bjw, bw),
                };
                if better {
                    best = Some((d, jw, w, *t));
                }
            }
        }
        best.map(|(_, _, w, t)| (w, t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn abbreviations_expand() {
        let a = analyzer();
        assert_eq!(a.tokens("high lvl"), a.tokens("high level"));
    }

    #[test]
    fn corrections_respect_length_and_first_letter() {
        let mut v = Vocabulary::default();
        v.insert("negotiation", 1, false);
        v.insert("talk", 2, false);
        v.insert("waly", 3, true);
        v.insert("signing", 4, false);
        assert_eq!(v.correct("negotation").map(|c| c.1), Some(1));
        assert_eq!(v.correct("singing").map(|c| c.1), Some(4));
        assert_eq!(v.correct("wali").map(|c| c.1), Some(3));
        assert_eq!(v.correct("tall"), None, "short common words are not typos");
        assert_eq!(v.correct("xegotiation"), None, "first letter must agree");
        assert_eq!(v.correct("2030"), None);
    }
}
