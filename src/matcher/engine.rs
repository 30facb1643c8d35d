//! The matcher's state and its public types: what [`Matcher::new`] builds from the
//! knowledge, the configuration it decides with, and the verdicts it returns. The
//! steps that use them ([`super::scoring`] and the modules it calls) import them from
//! here, so no step depends on the module that wires them together.

use super::analyzer::Analyzer;
use super::beside::beside;
use super::index::{self, Indexed};
use super::vocabulary::Vocabulary;
use crate::decision::{Features, Model};
use crate::knowledge::{EntryKind, Knowledge};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::Arc;

/// Tuning, from `[matcher]` in `config/bot.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatcherConfig {
    /// Minimum probability (from the decision model) to answer.
    #[serde(default = "default_threshold")]
    pub threshold: f32,
    /// Minimum lead in probability of the best entry over the runner-up to answer.
    #[serde(default = "default_margin")]
    pub margin: f32,
    /// How many alternatives to offer.
    #[serde(default = "default_suggestions")]
    pub suggestions: usize,
}

fn default_threshold() -> f32 {
    0.45
}
fn default_margin() -> f32 {
    0.0
}
fn default_suggestions() -> usize {
    4
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
    /// The model's probability that `best` is a right answer.
    pub confidence: f32,
    /// Whether the best entry is a confident answer.
    pub answered: bool,
    /// Up to `suggestions` other candidates (or, on a miss, the closest entries).
    pub alternatives: Vec<usize>,
    /// Why a question was refused outright, when the reason is worth telling the user.
    pub note: Option<String>,
    /// The question asks about the present ("now", "so far", "hiện nay"), which the
    /// knowledge, dated, may not know.
    pub about_now: bool,
    /// The question asks for a kind of detail the knowledge does not hold: index into
    /// `Knowledge::not_held`, for the refusal to say so.
    pub not_held: Option<usize>,
}

/// How a question was read and scored, for curators (`hanoi-bot ask --explain`).
#[derive(Debug, Clone)]
pub struct Explanation {
    /// Each content word: as typed, the token it was read as (`None`: unknown), its
    /// ranking weight, and whether typo correction was needed.
    pub words: Vec<(String, Option<String>, f32, bool)>,
    /// What the question asks for: "who", "when", "where", "how many".
    pub asks: Vec<&'static str>,
    /// The focus word, when found.
    pub focus: Option<String>,
    /// The candidates in rank order.
    pub candidates: Vec<Candidate>,
    pub threshold: f32,
    pub margin: f32,
}

/// One candidate entry of a question, as the decision saw it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index into `Knowledge::entries`.
    pub entry: usize,
    /// BM25F relevance (retrieval).
    pub relevance: f32,
    /// The model's rank score.
    pub score: f32,
    /// Lead in rank score over the best other candidate.
    pub lead: f32,
    pub features: Features,
    /// Probability that this entry is a right answer.
    pub probability: f32,
}

pub struct Matcher {
    pub(crate) analyzer: Analyzer,
    pub(crate) vocab: Vocabulary,
    /// Canonical token → id.
    pub(crate) token_ids: FxHashMap<String, u32>,
    /// Id → canonical token (the inverse of `token_ids`).
    pub(crate) token_names: Vec<Box<str>>,
    pub(crate) entries: Vec<Indexed>,
    /// Token id → entries holding it, with its BM25F weight there.
    pub(crate) postings: Vec<Vec<index::Posting>>,
    pub(crate) idf: Vec<f32>,
    /// Weight of a word the knowledge has never seen.
    pub(crate) unknown_weight: f32,
    /// Name token → the single entry it names.
    pub(crate) name_owner: FxHashMap<u32, usize>,
    /// Every token that is part of some entry's name, shared or not.
    pub(crate) name_tokens: FxHashSet<u32>,
    /// Own stem of a word asking for a detail not held → its `[[not_held]]`.
    pub(crate) not_held: FxHashMap<String, usize>,
    /// Canonical tokens of those words ([`Matcher::not_held_group`]).
    pub(crate) not_held_tokens: FxHashSet<String>,
    /// Filler words whose token asks for a detail not held: the only fillers a
    /// question's reading must look up (stemming the others was a fifth of reading a
    /// long question).
    pub(crate) not_held_fillers: FxHashSet<&'static str>,
    pub(crate) model: Arc<Model>,
    pub(crate) config: MatcherConfig,
    /// Article and chapter entries by number, for "article 41".
    pub(crate) articles: FxHashMap<u32, usize>,
    pub(crate) chapters: FxHashMap<u32, usize>,
    pub(crate) article_word: Option<u32>,
    pub(crate) chapter_word: Option<u32>,
    /// The token of "ratify" (and its synonyms): a state's ratification happens after
    /// the knowledge's last date.
    pub(crate) ratify_word: Option<u32>,
    /// The token of "sign": whether a state signed is what its entry records.
    pub(crate) sign_word: Option<u32>,
    /// The tokens naming a state or organisation in the country entries.
    pub(crate) state_tokens: FxHashSet<u32>,
}

impl Matcher {
    /// Indexes `k` and takes its decision model (`k.decision`).
    pub fn new(k: &Knowledge, config: MatcherConfig) -> Matcher {
        // The general word-frequency table (40,000 words) is read by the first question,
        // not by indexing: it is hashed on a second core meanwhile (once per process; a
        // question arriving first waits for it).
        let b = if super::general::is_loaded() {
            index::build(k)
        } else {
            let thread = std::thread::Builder::new().name("word-table".into());
            beside(thread, &super::general::load, || index::build(k)).1
        };
        let by_number = |kind: EntryKind| {
            k.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .filter_map(|(i, e)| Some((e.number?, i)))
                .collect::<FxHashMap<_, _>>()
        };
        let article_word = b.token_ids.get(&b.analyzer.token("article")).copied();
        let chapter_word = b.token_ids.get(&b.analyzer.token("chapter")).copied();
        let ratify_word = b.token_ids.get(&b.analyzer.token("ratify")).copied();
        let sign_word = b.token_ids.get(&b.analyzer.token("sign")).copied();
        let state_tokens = k
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Country)
            .flat_map(|e| &e.names)
            .flat_map(|n| b.analyzer.tokens(n))
            .filter_map(|t| b.token_ids.get(&t).copied())
            .collect();
        let name_tokens = b
            .entries
            .iter()
            .flat_map(|e| e.name_tokens.iter().copied())
            .collect();
        let mut token_names = vec![Box::<str>::default(); b.token_ids.len()];
        for (name, &id) in &b.token_ids {
            token_names[id as usize] = name.as_str().into();
        }
        let not_held_fillers = crate::text::fillers()
            .iter()
            .copied()
            .filter(|f| b.not_held.contains_key(&b.analyzer.own_stem(f)))
            .collect();
        Matcher {
            not_held_fillers,
            token_names,
            articles: by_number(EntryKind::Article),
            chapters: by_number(EntryKind::Chapter),
            analyzer: b.analyzer,
            vocab: b.vocab,
            token_ids: b.token_ids,
            entries: b.entries,
            postings: b.postings,
            idf: b.idf,
            unknown_weight: b.unknown_weight,
            name_tokens,
            name_owner: b.name_owner,
            not_held: b.not_held,
            not_held_tokens: b.not_held_tokens,
            model: k.decision.clone(),
            config,
            article_word,
            chapter_word,
            ratify_word,
            sign_word,
            state_tokens,
        }
    }

    pub fn config(&self) -> &MatcherConfig {
        &self.config
    }

    /// The decision model in use.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The `[[not_held]]` group a folded, joined word asks for, given its canonical
    /// token: matched on the word's own stem, so a synonym of a listed word is not
    /// listed with it. Most words are ruled out by their token, without stemming.
    /// (Matching the listed forms alone, not their stems, was tried: blind train out
    /// 89.2 -> 89.0%, test 84.0 -> 83.6%, in-scope unchanged.)
    pub(crate) fn not_held_group(&self, word: &str, canonical: &str) -> Option<usize> {
        if !self.not_held_tokens.contains(canonical) {
            return None;
        }
        self.not_held
            .get(&self.analyzer.own_stem_kept(word))
            .copied()
    }

    /// A folded word the index has not seen as written, stemmed: its canonical token
    /// (`Analyzer::token`) and that token's id if the index holds the word under another
    /// inflection or synonym ("signatories", "điều"; no typo correction). A word the
    /// index has seen as written needs no stemming: it was registered under the token
    /// of its canonical form (see `query::Resolved`, the one caller).
    pub(crate) fn resolve_unseen(&self, word: &str) -> (Option<u32>, String) {
        let canonical = self.analyzer.token_kept(word);
        (self.token_ids.get(&canonical).copied(), canonical)
    }
}
