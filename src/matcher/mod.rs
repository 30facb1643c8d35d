//! The fuzzy intent engine: which entry a question is about, and whether to answer.
//!
//! Built once per knowledge load ([`Matcher::new`]): every entry's text is tokenised
//! ([`analyzer`]) into weighted fields (names and phrasings weigh most, answer text
//! least), and an inverted index (`index`) holds each token's BM25F weight per entry,
//! so a question only touches entries sharing a word with it.
//!
//! Answering a question (`scoring`) takes three steps:
//! 1. **Read** it (`query`): content words, typos corrected, what it asks for (who,
//!    when, how many), its focus, the sentence that asks it, present-time words.
//! 2. **Retrieve** candidates by BM25F: a sum over the question's words, so context a
//!    person adds ("I'm a student and…") cannot outweigh the words that match.
//! 3. **Decide**: for the best candidates, readable features (`features`) go through
//!    the fitted model ([`crate::decision::Model`]); the most probable entry is answered
//!    when its probability reaches the threshold and leads the runner-up by the margin,
//!    and that probability is the confidence reported. Otherwise the candidates become
//!    suggestions.

pub mod analyzer;
mod asks;
mod beside;
mod deletes;
mod engine;
mod features;
pub mod general;
mod index;
mod query;
mod scoring;
mod vocabulary;
mod wordlists;

use crate::decision::Features;

pub use engine::{Candidate, Explanation, Match, Matcher, MatcherConfig};

impl Matcher {
    /// Matches a question. Never fails: an unknown question is a miss.
    pub fn find(&self, question: &str) -> Match {
        scoring::find(self, question)
    }

    /// How a question was read and scored (for curators).
    pub fn explain(&self, question: &str) -> Explanation {
        scoring::explain(self, question)
    }

    /// The best candidates of a question with their features (for fitting the model).
    pub fn candidates(&self, question: &str) -> Vec<(usize, Features)> {
        scoring::candidates(self, question)
    }

    /// Up to `limit` entries for autocompletion of a partly typed question, best first.
    /// Unlike [`Matcher::find`] this never refuses: it ranks whatever shares words.
    pub fn rank(&self, partial: &str, limit: usize) -> Vec<usize> {
        scoring::rank(self, partial, limit)
    }
}
