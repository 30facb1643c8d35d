//! Builds the index at load time: every entry's text tokenised into weighted fields,
//! BM25F term weights, the inverted index, and the facts about each entry the decision
//! uses (does its answer name a person, a date, a figure).

mod weigh;

use super::analyzer::Analyzer;
use super::beside::beside;
use super::vocabulary::Vocabulary;
use crate::knowledge::{Entry, EntryKind, Knowledge};
use rustc_hash::{FxHashMap, FxHashSet};
use weigh::weigh;

/// The parts of an entry, and how much finding a question word in each counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Field {
    Name = 0,
    Question,
    Keyword,
    Attribute,
    Answer,
}

const FIELDS: usize = 5;

impl Field {
    /// Weight of a word found in this field (coverage and BM25F alike).
    fn weight(self) -> f32 {
        [1.0, 1.0, 0.9, 0.85, 0.55][self as usize]
    }

    /// BM25F length normalisation: long answers and many phrasings should not win by
    /// sheer size; names, keywords and attribute lists are short by nature.
    fn b(self) -> f32 {
        [0.0, 0.3, 0.0, 0.0, 0.6][self as usize]
    }
}

/// What the index keeps per entry.
#[derive(Debug, Default)]
pub(crate) struct Indexed {
    pub kind: Option<EntryKind>,
    /// Each phrasing (question or name) as a sorted, deduplicated token list.
    pub phrasings: Vec<Vec<u32>>,
    /// The summed IDF of each phrasing's tokens (filled once IDF is known).
    pub phrasing_idf: Vec<f32>,
    /// Tokens of proper names that single this entry out.
    pub name_tokens: Vec<u32>,
    /// Best field weight per token, sorted by token.
    pub weights: Vec<(u32, f32)>,
    /// For each token of `weights` (same order), which of the first 64 phrasings hold
    /// it, one bit each: the features find a question's best phrasing from the words it
    /// shares with the entry instead of searching every phrasing for every word.
    pub in_phrasings: Vec<u64>,
    /// The answer names a person (or the entry is one): it can answer "who".
    pub mentions_person: bool,
    /// The answer holds a date or a clock time: it can answer "when".
    pub has_date: bool,
    /// The answer holds a number: it can answer "how many".
    pub has_figure: bool,
    /// The answer holds a clock time ("10:00", "8h30"): it can answer "what time".
    pub has_clock: bool,
    /// The answer still holds today (`Entry::holds_now`): a question about the present
    /// does not count against it.
    pub holds_now: bool,
    /// An article's or chapter's number.
    pub number: Option<u32>,
}

impl Indexed {
    pub fn weight(&self, t: u32) -> f32 {
        self.slot(t).map_or(0.0, |i| self.weights[i].1)
    }

    /// Where `t` is in `weights` (and `in_phrasings`), if the entry has it.
    pub fn slot(&self, t: u32) -> Option<usize> {
        self.weights.binary_search_by_key(&t, |&(k, _)| k).ok()
    }
}

/// Bit `p` of a token's mask: phrasing `p` holds it (first 64 phrasings only).
fn phrasing_masks(e: &Indexed) -> Vec<u64> {
    let mut masks = vec![0u64; e.weights.len()];
    for (p, ts) in e.phrasings.iter().enumerate().take(64) {
        for i in ts.iter().filter_map(|&t| e.slot(t)) {
            masks[i] |= 1 << p;
        }
    }
    masks
}

/// One entry holding a token, with the token's saturated BM25F weight in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    pub entry: u32,
    /// Over every field.
    pub bm25: f32,
    /// Over what the entry is called and asked as (names, phrasings, keywords).
    pub asked: f32,
    /// Over its answer text.
    pub answer: f32,
}

/// Everything [`super::Matcher`] is built from.
pub(crate) struct Built {
    pub analyzer: Analyzer,
    pub vocab: Vocabulary,
    pub token_ids: FxHashMap<String, u32>,
    pub entries: Vec<Indexed>,
    pub postings: Vec<Vec<Posting>>,
    pub idf: Vec<f32>,
    pub unknown_weight: f32,
    /// Name token → the one entry it names.
    pub name_owner: FxHashMap<u32, usize>,
    /// Own stem ([`Analyzer::own_stem`]) of a word asking for a detail the knowledge
    /// does not hold → its `[[not_held]]` group.
    pub not_held: FxHashMap<String, usize>,
    /// The canonical tokens of those words: only a word with one of these tokens
    /// needs its own stem looked up.
    pub not_held_tokens: FxHashSet<String>,
}

pub(crate) fn build(k: &Knowledge) -> Built {
    // Multi-word `[[not_held]]` phrases ("dress code") are joined like synonyms. Only
    // those: a single word made a group of its own would take the word out of its
    // synonym group ("kids" would no longer be "child").
    let mut groups = k.synonyms.clone();
    groups.extend(
        k.not_held
            .iter()
            .flat_map(|n| &n.words)
            .filter(|w| crate::text::words(&crate::text::fold(w)).len() > 1)
            .map(|w| vec![w.clone()]),
    );
    let mut b = Builder {
        analyzer: Analyzer::new(&groups),
        ids: FxHashMap::default(),
        vocab: Vocabulary::default(),
        seen: FxHashMap::default(),
    };
    let mut tfs: Vec<[FxHashMap<u32, f32>; FIELDS]> = Vec::with_capacity(k.entries.len());
    let mut lens: Vec<[f32; FIELDS]> = Vec::with_capacity(k.entries.len());
    let mut answers: Vec<Vec<u32>> = Vec::with_capacity(k.entries.len());
    let mut entries = Vec::with_capacity(k.entries.len());
    for e in &k.entries {
        let (indexed, tf, answer) = b.index(e);
        let mut len = [0.0; FIELDS];
        for (l, t) in len.iter_mut().zip(&tf) {
            *l = t.values().sum();
        }
        entries.push(indexed);
        tfs.push(tf);
        lens.push(len);
        answers.push(answer);
    }
    for p in b.analyzer.parts() {
        b.vocab.insert_part(p);
    }
    let Builder {
        analyzer,
        ids,
        vocab,
        ..
    } = b;
    // The typo index (SymSpell deletes) needs only the vocabulary,
    // complete now: it is built on another core while the postings are computed.
    let thread = std::thread::Builder::new().name("typo-index".into());
    let ((), w) = beside(thread, &|| vocab.prepare(), || {
        weigh(k, &analyzer, ids.len(), entries, &tfs, &lens, &answers)
    });
    Built {
        not_held: w.not_held,
        not_held_tokens: w.not_held_tokens,
        analyzer,
        vocab,
        token_ids: ids,
        entries: w.entries,
        postings: w.postings,
        idf: w.idf,
        unknown_weight: w.unknown_weight,
        name_owner: w.name_owner,
    }
}

struct Builder {
    analyzer: Analyzer,
    ids: FxHashMap<String, u32>,
    vocab: Vocabulary,
    /// Folded word → token id: answers repeat their words, and stemming each one
    /// again was most of the time spent loading.
    seen: FxHashMap<String, u32>,
}

impl Builder {
    /// Tokens of a text, registering every word in the vocabulary.
    fn tokens(&mut self, text: &str, is_name: bool) -> Vec<u32> {
        let mut out = Vec::new();
        // The walk borrows the analyzer, so the fields it registers words in are
        // borrowed one by one.
        let (analyzer, seen, ids, vocab) = (
            &self.analyzer,
            &mut self.seen,
            &mut self.ids,
            &mut self.vocab,
        );
        analyzer.each_word(text, |w| {
            if crate::text::is_filler(w) {
                return;
            }
            let id = match seen.get(w) {
                Some(&id) => {
                    if is_name {
                        vocab.insert(w, id, true);
                    }
                    id
                }
                None => {
                    let next = ids.len() as u32;
                    let id = *ids.entry(analyzer.token(w)).or_insert(next);
                    vocab.insert(w, id, is_name);
                    seen.insert(w.to_string(), id);
                    id
                }
            };
            out.push(id);
        });
        out
    }

    /// The entry's index record, its term counts per field, and its answer's tokens.
    fn index(&mut self, e: &Entry) -> (Indexed, [FxHashMap<u32, f32>; FIELDS], Vec<u32>) {
        let mut tf: [FxHashMap<u32, f32>; FIELDS] = Default::default();
        let mut weights: FxHashMap<u32, f32> = FxHashMap::default();
        let mut add = |ts: &[u32], f: Field| {
            for &t in ts {
                let w = weights.entry(t).or_insert(0.0);
                *w = w.max(f.weight());
                *tf[f as usize].entry(t).or_insert(0.0) += 1.0;
            }
        };
        let mut phrasings = Vec::new();
        let mut name_tokens = Vec::new();
        for n in &e.names {
            let ts = self.tokens(n, true);
            add(&ts, Field::Name);
            name_tokens.extend(&ts);
            phrasings.push(ts);
        }
        for q in &e.questions {
            let ts = self.tokens(q, false);
            add(&ts, Field::Question);
            phrasings.push(ts);
        }
        for kw in &e.keywords {
            let ts = self.tokens(kw, false);
            add(&ts, Field::Keyword);
        }
        for a in e.attributes {
            let ts = self.tokens(a, false);
            add(&ts, Field::Attribute);
        }
        let mut answer = self.tokens(&e.answer, false);
        add(&answer, Field::Answer);
        if let Some(vi) = &e.answer_vi {
            let ts = self.tokens(vi, false);
            add(&ts, Field::Answer);
            answer.extend(ts);
        }
        for p in &mut phrasings {
            p.sort_unstable();
            p.dedup();
        }
        phrasings.retain(|p| !p.is_empty());
        name_tokens.sort_unstable();
        name_tokens.dedup();
        let mut weights: Vec<(u32, f32)> = weights.into_iter().collect();
        weights.sort_unstable_by_key(|&(t, _)| t);
        let mut indexed = Indexed {
            kind: Some(e.kind),
            in_phrasings: Vec::new(),
            phrasings,
            phrasing_idf: Vec::new(),
            name_tokens,
            weights,
            mentions_person: e.kind == EntryKind::Person,
            has_date: has_date(&e.answer),
            has_figure: e.answer.bytes().any(|b| b.is_ascii_digit()),
            has_clock: has_clock(&e.answer),
            holds_now: e.holds_now,
            number: e.number,
        };
        indexed.in_phrasings = phrasing_masks(&indexed);
        (indexed, tf, answer)
    }
}

/// A month, a year or a clock time in an answer.
fn has_date(answer: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let folded = crate::text::fold(answer);
    crate::text::words(&folded).iter().any(|w| {
        MONTHS.contains(&w.as_str())
            || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
            || w == "thang"
    }) || answer.contains(':') && answer.bytes().any(|b| b.is_ascii_digit())
}

/// "10:00", "8.30 am", "8h30": a clock time in an answer.
fn has_clock(answer: &str) -> bool {
    let b = answer.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b':' | b'h')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    }) || b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && matches!(w[2], b':' | b'h')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}
