//! Every word the index has seen, and typo correction against it: a symmetric-delete
//! index finds the candidates of a misspelled word in constant time per word; the
//! exact distance and the first-letter and length rules then choose among them.

use super::deletes::{each_delete, Deletes};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Every word the index has seen, for typo correction.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Folded word → token id.
    pub words: FxHashMap<String, u32>,
    /// Correction targets (every word, and the parts of multi-word terms), in the order
    /// they were registered, with their tokens.
    targets: Vec<(Box<str>, u32)>,
    /// Indices into `targets`, bucketed by length in chars (autocomplete's order).
    by_len: Vec<Vec<u32>>,
    /// Words that are parts of proper names: short typos may only be corrected to these.
    names: FxHashMap<String, u32>,
    /// Words of multi-word terms registered with [`Vocabulary::insert_part`].
    parts: FxHashSet<String>,
    /// The lookup structures of [`Vocabulary::correct`], built on first use after the
    /// last insertion ([`Vocabulary::prepare`] builds them at load).
    lookup: OnceLock<Lookup>,
}

/// What makes a correction cost the same whatever the vocabulary's size.
#[derive(Debug, Default)]
struct Lookup {
    /// Symmetric deletes of the targets.
    deletes: Deletes,
    /// Names of three to five letters, sorted by first letter: the targets of four-letter
    /// words.
    short_names: Vec<(char, Box<str>, u32)>,
}

/// The token a correction to a word of a multi-word term returns: it has none until
/// the term is joined.
pub const PART: u32 = u32::MAX;

thread_local! {
    /// A word's chars and its candidate targets: reused by every correction.
    static SCRATCH: std::cell::RefCell<(Vec<char>, Vec<u32>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

impl Vocabulary {
    /// Registers a word seen in the knowledge under its token.
    pub fn insert(&mut self, word: &str, token: u32, is_name: bool) {
        if is_name {
            self.names.insert(word.to_string(), token);
            self.lookup = OnceLock::new();
        }
        if self.words.insert(word.to_string(), token).is_none() {
            self.push_target(word, token);
        }
    }

    fn push_target(&mut self, word: &str, token: u32) {
        let n = word.chars().count();
        if self.by_len.len() <= n {
            self.by_len.resize_with(n + 1, Vec::new);
        }
        self.by_len[n].push(self.targets.len() as u32);
        self.targets.push((word.into(), token));
        self.lookup = OnceLock::new();
    }

    /// Registers a word of a multi-word term as a correction target; it has no token of
    /// its own ([`PART`]).
    pub fn insert_part(&mut self, word: &str) {
        if self.words.contains_key(word) || self.parts.contains(word) {
            return;
        }
        self.parts.insert(word.to_string());
        self.push_target(word, PART);
    }

    /// Builds the correction index now rather than at the first correction.
    pub fn prepare(&self) {
        self.lookup();
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| {
            let mut short_names: Vec<(char, Box<str>, u32)> = self
                .names
                .iter()
                .filter(|(w, _)| (3..=5).contains(&w.chars().count()))
                .filter_map(|(w, &t)| Some((w.chars().next()?, w.as_str().into(), t)))
                .collect();
            short_names.sort_unstable();
            Lookup {
                deletes: Deletes::build(&self.targets),
                short_names,
            }
        })
    }

    /// Tokens of up to `limit` known words that begin with `prefix` (autocomplete).
    pub fn completions(&self, prefix: &str, limit: usize) -> Vec<u32> {
        let n = prefix.chars().count();
        let mut out = Vec::new();
        for bucket in self.by_len.iter().skip(n + 1) {
            for &i in bucket {
                let (w, t) = &self.targets[i as usize];
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
    /// usually another word ("tall" is not a typo of "talk"). Among words as close, the
    /// most similar by Jaro-Winkler wins, then the first in byte order.
    ///
    /// The candidates come from a symmetric-delete index ([`Deletes`]), so the cost
    /// does not grow with the vocabulary.
    pub fn correct(&self, word: &str) -> Option<(&str, u32)> {
        let n = word.chars().count();
        if n < 4 || word.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let first = word.chars().next()?;
        let lookup = self.lookup();
        if n == 4 {
            let names = &lookup.short_names;
            let start = names.partition_point(|(c, _, _)| *c < first);
            return names[start..]
                .iter()
                .take_while(|(c, _, _)| *c == first)
                .filter(|(_, w, _)| strsim::osa_distance(word, w) == 1)
                .map(|(_, w, t)| (&**w, *t))
                .min_by(|a, b| a.0.cmp(b.0));
        }
        // A word of general English or Vietnamese ("interpol", "tallest") is more likely
        // meant than mistyped: at most one edit away from what it is corrected to.
        let budget = if n >= 7 && super::general::zipf(word).is_none() {
            2
        } else {
            1
        };
        SCRATCH.with(|s| {
            let (chars, found) = &mut *s.borrow_mut();
            chars.clear();
            chars.extend(word.chars());
            found.clear();
            each_delete(chars, budget, |h| {
                found.extend(lookup.deletes.get(h));
            });
            found.sort_unstable();
            found.dedup();
            let mut best: Option<(usize, f64, &str, u32)> = None;
            for &i in found.iter() {
                let (w, t) = &self.targets[i as usize];
                let len = w.chars().count();
                if len + budget < n || len > n + budget || !w.starts_with(first) {
                    continue;
                }
                let Some(d) = osa_within(chars, w, budget) else {
                    continue;
                };
                let jw = strsim::jaro_winkler(word, w);
                let better = match best {
                    None => true,
                    Some((bd, bjw, bw, _)) => (d, -jw, &**w) < (bd, -bjw, bw),
                };
                if better {
                    best = Some((d, jw, w, *t));
                }
            }
            best.map(|(_, _, w, t)| (w, t))
        })
    }

    /// Whether swapping two adjacent letters of `word` gives a correction target: the
    /// only correction a common word can take ("singing" → "signing"), so a common word
    /// without one needs no search ([`Vocabulary::correct`] finds the same or nothing).
    pub fn has_transposed(&self, word: &str) -> bool {
        SCRATCH.with(|s| {
            let (chars, _) = &mut *s.borrow_mut();
            chars.clear();
            chars.extend(word.chars());
            let mut swapped = String::with_capacity(word.len());
            (1..chars.len()).any(|i| {
                if chars[i - 1] == chars[i] {
                    return false;
                }
                chars.swap(i - 1, i);
                swapped.clear();
                swapped.extend(chars.iter());
                chars.swap(i - 1, i);
                self.words.contains_key(&swapped) || self.parts.contains(&swapped)
            })
        })
    }

    /// [`Vocabulary::correct`] by comparing the word with every target: the definition
    /// the index must agree with.
    #[cfg(test)]
    fn correct_by_scan(&self, word: &str) -> Option<(&str, u32)> {
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
        let budget = if n >= 7 && super::general::zipf(word).is_none() {
            2
        } else {
            1
        };
        let mut best: Option<(usize, f64, &str, u32)> = None;
        for len in n.saturating_sub(budget)..=n + budget {
            for &i in self.by_len.get(len).into_iter().flatten() {
                let (w, t) = &self.targets[i as usize];
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

/// Two adjacent letters swapped: the one slip that turns a word into another real
/// word ("singing" for "signing") often enough to correct anyway.
pub(crate) fn is_transposition(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// The optimal string alignment distance of `a` (as chars) and `b`, as
/// `strsim::osa_distance` computes it, if at most `budget`: rows on the stack and a
/// stop as soon as a whole row exceeds the budget (no row's minimum is below the one
/// before it), where strsim allocates three rows per pair. Words of 64 chars and more
/// go to strsim.
fn osa_within(a: &[char], b: &str, budget: usize) -> Option<usize> {
    const MAX: usize = 64;
    let by_strsim = || {
        let a: String = a.iter().collect();
        Some(strsim::osa_distance(&a, b)).filter(|&d| d <= budget)
    };
    let mut bc = [0 as char; MAX];
    let mut m = 0;
    for c in b.chars() {
        if m == MAX {
            return by_strsim();
        }
        bc[m] = c;
        m += 1;
    }
    if a.len() >= MAX {
        return by_strsim();
    }
    let b = &bc[..m];
    // Three rows, turned by index: two back, the last, the one being filled.
    let mut rows = [[0u16; MAX + 1]; 3];
    let first: [u16; MAX + 1] = std::array::from_fn(|j| j as u16);
    rows[0] = first;
    rows[1] = first;
    let (mut two, mut prev, mut curr) = (0, 1, 2);
    let budget16 = budget as u16;
    for (i, &x) in a.iter().enumerate() {
        rows[curr][0] = i as u16 + 1;
        let mut low = rows[curr][0];
        for (j, &y) in b.iter().enumerate() {
            let cost = u16::from(x != y);
            let mut d = (rows[curr][j] + 1)
                .min(rows[prev][j + 1] + 1)
                .min(rows[prev][j] + cost);
            if i > 0 && j > 0 && x != y && x == b[j - 1] && y == a[i - 1] {
                d = d.min(rows[two][j - 1] + 1);
            }
            rows[curr][j + 1] = d;
            low = low.min(d);
        }
        if low > budget16 {
            return None;
        }
        (two, prev, curr) = (prev, curr, two);
    }
    Some(usize::from(rows[prev][m])).filter(|&d| d <= budget)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn osa_within_is_strsims_distance_within_the_budget(
            a in "[abcé]{0,9}",
            b in "[abcé]{0,9}",
            budget in 0usize..4,
        ) {
            let chars: Vec<char> = a.chars().collect();
            let d = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(
                super::osa_within(&chars, &b, budget),
                (d <= budget).then_some(d)
            );
        }
    }

    #[test]
    fn osa_within_handles_words_past_its_rows() {
        let long = "a".repeat(70);
        let chars: Vec<char> = long.chars().collect();
        assert_eq!(super::osa_within(&chars, &long, 0), Some(0));
        assert_eq!(super::osa_within(&chars[..1], &long, 2), None);
        assert_eq!(super::osa_within(&chars, "a", 2), None);
    }

    use super::*;

    /// Words one or two edits from `w` (deletions, insertions, substitutions, adjacent
    /// swaps after the first letter, and first-letter slips too), a fixed sample.
    fn typos_of(w: &str, seed: &mut u64) -> Vec<String> {
        let mut next = |m: usize| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            (*seed % m.max(1) as u64) as usize
        };
        const LETTERS: &[char] = &['a', 'e', 'i', 'n', 'o', 'r', 's', 't', 'u', 'y', 'h', 'g'];
        let mut edit = |c: &mut Vec<char>| match next(4) {
            0 if c.len() > 1 => {
                c.remove(next(c.len()));
            }
            1 => {
                let at = next(c.len() + 1);
                c.insert(at, LETTERS[next(LETTERS.len())]);
            }
            2 if !c.is_empty() => {
                let at = next(c.len());
                c[at] = LETTERS[next(LETTERS.len())];
            }
            _ if c.len() > 1 => {
                let at = next(c.len() - 1);
                c.swap(at, at + 1);
            }
            _ => {}
        };
        let chars: Vec<char> = w.chars().collect();
        let mut out = Vec::new();
        for edits in [1, 1, 1, 2, 2, 2] {
            let mut c = chars.clone();
            for _ in 0..edits {
                edit(&mut c);
            }
            out.push(c.into_iter().collect());
        }
        out
    }

    #[test]
    fn the_delete_index_corrects_as_the_full_scan_does() {
        let k = crate::knowledge::Knowledge::embedded().expect("shipped knowledge");
        let m = crate::matcher::Matcher::new(&k, Default::default());
        let v = &m.vocab;
        let mut seed = 0x2545_F491_4F6C_DD1D;
        let mut checked = 0;
        let mut corrected = 0;
        for (w, _) in &v.targets {
            for typo in std::iter::once(w.to_string()).chain(typos_of(w, &mut seed)) {
                let fast = v.correct(&typo);
                assert_eq!(fast, v.correct_by_scan(&typo), "{typo:?} (from {w:?})");
                checked += 1;
                corrected += usize::from(fast.is_some());
            }
        }
        println!("{checked} words checked, {corrected} corrected");
        assert!(checked > 10_000, "{checked} words checked");
        assert!(
            corrected > checked / 4,
            "{corrected} of {checked} corrected"
        );
    }

    #[test]
    fn a_word_corrected_to_its_transposition_has_one() {
        let k = crate::knowledge::Knowledge::embedded().expect("shipped knowledge");
        let m = crate::matcher::Matcher::new(&k, Default::default());
        let v = &m.vocab;
        let mut seed = 0x9E37_79B9_7F4A_7C15;
        let mut swapped = 0;
        for (w, _) in &v.targets {
            for typo in std::iter::once(w.to_string()).chain(typos_of(w, &mut seed)) {
                let fixed = v.correct(&typo);
                let transposed = fixed.is_some_and(|(c, _)| is_transposition(&typo, c));
                if transposed {
                    assert!(v.has_transposed(&typo), "{typo:?} (from {w:?})");
                    swapped += 1;
                }
            }
        }
        assert!(swapped > 100, "{swapped} transpositions");
        assert!(v.has_transposed("singing") || v.correct("singing").is_none());
        assert!(!v.has_transposed("qqqqqq"));
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
