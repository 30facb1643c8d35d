//! The fuzzy intent engine: which entry a question is about, and how sure we are.
//!
//! Built once per knowledge load ([`Matcher::new`]): every entry's text is tokenised
//! ([`analyzer`]) into weighted fields (names and phrasings weigh most, answer text
//! least) and an inverted index maps each token to the entries holding it, so a query
//! only touches entries sharing a token with it.
//!
//! Scoring ([`scoring`]) is coverage of the *question*: the IDF-weighted share of the
//! user's content words that an entry accounts for. A word the knowledge has never seen
//! counts against every entry, which is what makes "how tall is Ghada Waly" a miss
//! although two of its three words are a name we know. Below the threshold, or when
//! the runner-up is within the ambiguity margin, the result is a miss with suggestions.

pub mod analyzer;
mod scoring;

use crate::knowledge::{Entry, EntryKind, Knowledge};
use analyzer::{Analyzer, Vocabulary};
use serde::Deserialize;
use std::collections::HashMap;

/// Tuning, from `[matcher]` in `config/bot.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatcherConfig {
    /// Minimum confidence to answer.
    #[serde(default = "default_threshold")]
    pub threshold: f32,
    /// Minimum lead of the best entry over the runner-up to answer.
    #[serde(default = "default_margin")]
    pub margin: f32,
    /// How many alternatives to offer.
    #[serde(default = "default_suggestions")]
    pub suggestions: usize,
}

fn default_threshold() -> f32 {
    0.62
}
fn default_margin() -> f32 {
    0.04
}
fn default_suggestions() -> usize {
    3
}

impl Default for MatcherConfig {
    fn default() -> Self {
        MatcherConfig {
            threshold: default_threshold(),
            margin: default_margin(),
            suggestions: default_suggestions(),
        }
    }
}

/// The matcher's verdict on one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index into `Knowledge::entries` of the best entry, answered or not.
    pub best: Option<usize>,
    pub confidence: f32,
    /// Whether the best entry is a confident answer.
    pub answered: bool,
    /// Up to `suggestions` other candidates (or, on a miss, the closest entries).
    pub alternatives: Vec<usize>,
    /// Why a question was refused outright, when the reason is worth telling the user.
    pub note: Option<String>,
}

/// Field weights: how much finding a query word in each part of an entry counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Field {
    Name = 0,
    Question,
    Keyword,
    Attribute,
    Answer,
}

impl Field {
    fn weight(self) -> f32 {
        [1.0, 1.0, 0.9, 0.85, 0.55][self as usize]
    }
}

/// What the index keeps per entry.
#[derive(Debug, Default)]
pub(crate) struct Indexed {
    /// Each phrasing (question or name) as a sorted, deduplicated token list.
    pub phrasings: Vec<Vec<u32>>,
    /// Tokens of proper names that single this entry out.
    pub name_tokens: Vec<u32>,
    /// Best field weight per token, sorted by token.
    pub weights: Vec<(u32, f32)>,
}

impl Indexed {
    pub fn weight(&self, t: u32) -> f32 {
        self.weights
            .binary_search_by_key(&t, |&(k, _)| k)
            .map_or(0.0, |i| self.weights[i].1)
    }
}

pub struct Matcher {
    pub(crate) analyzer: Analyzer,
    pub(crate) vocab: Vocabulary,
    /// Canonical token → id.
    pub(crate) token_ids: HashMap<String, u32>,
    pub(crate) entries: Vec<Indexed>,
    /// Token id → entries holding it, with the token's field weight in that entry.
    pub(crate) postings: Vec<Vec<(u32, f32)>>,
    pub(crate) idf: Vec<f32>,
    /// Weight of a word the knowledge has never seen.
    pub(crate) unknown_weight: f32,
    pub(crate) config: MatcherConfig,
    /// Article and chapter entries by number, for "article 41".
    pub(crate) articles: HashMap<u32, usize>,
    pub(crate) chapters: HashMap<u32, usize>,
    pub(crate) article_word: u32,
    pub(crate) chapter_word: u32,
}

impl Matcher {
    pub fn new(k: &Knowledge, config: MatcherConfig) -> Matcher {
        let analyzer = Analyzer::new(&k.synonyms);
        let mut b = Builder {
            analyzer,
            ids: HashMap::new(),
            vocab: Vocabulary::default(),
            seen: HashMap::new(),
        };
        let mut entries = Vec::with_capacity(k.entries.len());
        for e in &k.entries {
            entries.push(b.index(e));
        }
        let n_tokens = b.ids.len();
        let mut postings = vec![Vec::new(); n_tokens];
        for (i, e) in entries.iter().enumerate() {
            for &(t, w) in &e.weights {
                postings[t as usize].push((i as u32, w));
            }
        }
        let n = entries.len().max(1) as f32;
        let idf: Vec<f32> = postings
            .iter()
            .map(|p| (1.0 + n / p.len().max(1) as f32).ln())
            .collect();
        // A word nobody wrote is as telling as the rarest word we have: it names
        // something the knowledge does not cover.
        let unknown_weight = (1.0 + n).ln();
        // Names shared by several entries ("Viet Nam", "Luong") do not single one out.
        let mut name_df = vec![0u32; n_tokens];
        for e in &entries {
            for &t in &e.name_tokens {
                name_df[t as usize] += 1;
            }
        }
        for e in &mut entries {
            e.name_tokens.retain(|&t| name_df[t as usize] <= 2);
        }
        let by_number = |kind: EntryKind| {
            k.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .filter_map(|(i, e)| Some((e.number?, i)))
                .collect::<HashMap<_, _>>()
        };
        let article_word = b.id(&b.analyzer.token("article"));
        let chapter_word = b.id(&b.analyzer.token("chapter"));
        Matcher {
            articles: by_number(EntryKind::Article),
            chapters: by_number(EntryKind::Chapter),
            analyzer: b.analyzer,
            vocab: b.vocab,
            token_ids: b.ids,
            entries,
            postings,
            idf,
            unknown_weight,
            config,
            article_word,
            chapter_word,
        }
    }

    pub fn config(&self) -> &MatcherConfig {
        &self.config
    }

    /// Matches a question. Never fails: an unknown question is a miss.
    pub fn find(&self, question: &str) -> Match {
        scoring::find(self, question)
    }

    /// A readable trace of how a question was scored (for curators).
    pub fn explain(&self, question: &str) -> String {
        scoring::explain(self, question)
    }

    /// Up to `limit` entries for autocompletion of a partly typed question, best first.
    /// Unlike [`Matcher::find`] this never refuses: it ranks whatever shares words.
    pub fn rank(&self, partial: &str, limit: usize) -> Vec<usize> {
        scoring::rank(self, partial, limit)
    }
}

struct Builder {
    analyzer: Analyzer,
    ids: HashMap<String, u32>,
    vocab: Vocabulary,
    /// Folded word → token id: answers repeat their words, and stemming each one
    /// again was most of the time spent loading.
    seen: HashMap<String, u32>,
}

impl Builder {
    fn id(&mut self, token: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(token.to_string()).or_insert(next)
    }

    /// Tokens of a text, registering every word in the vocabulary.
    fn tokens(&mut self, text: &str, is_name: bool) -> Vec<u32> {
        let mut out = Vec::new();
        for w in self.analyzer.words(text) {
            if crate::text::is_filler(&w) {
                continue;
            }
            let id = match self.seen.get(&w) {
                Some(&id) => {
                    if is_name {
                        self.vocab.insert(&w, id, true);
                    }
                    id
                }
                None => {
                    let token = self.analyzer.token(&w);
                    let id = self.id(&token);
                    self.vocab.insert(&w, id, is_name);
                    self.seen.insert(w, id);
                    id
                }
            };
            out.push(id);
        }
        out
    }

    fn index(&mut self, e: &Entry) -> Indexed {
        let mut weights: HashMap<u32, f32> = HashMap::new();
        let mut add = |ts: &[u32], f: Field| {
            for &t in ts {
                let w = weights.entry(t).or_insert(0.0);
                *w = w.max(f.weight());
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
        let ts = self.tokens(&e.answer, false);
        add(&ts, Field::Answer);
        if let Some(vi) = &e.answer_vi {
            let ts = self.tokens(vi, false);
            add(&ts, Field::Answer);
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
        Indexed {
            phrasings,
            name_tokens,
            weights,
        }
    }
}
