//! The answer-or-refuse decision: what the model sees of a candidate ([`Features`]), the
//! fitted model ([`Model`]) whose probability is the confidence the bot reports, and how
//! it is fitted ([`fit`]).
//!
//! This module knows nothing of the knowledge or the matcher: the matcher computes the
//! features (`matcher::features`), the knowledge loader finds the model file beside the
//! knowledge file, and `hanoi-bot refit` fits a new one from labelled questions.

pub mod fit;
mod model;

pub use model::{FitInfo, Model, ModelError, EMBEDDED, LEAD_CAP};

/// Feature names, in the order of [`Features::values`] and of the model file's weights.
pub const NAMES: [&str; 32] = [
    "coverage",
    "core_coverage",
    "phrasing_recall",
    "phrasing_precision",
    "relevance",
    "relevance_asked",
    "relevance_answer",
    "lead",
    "unexplained",
    "unexplained_max",
    "unknown",
    "unknown_names",
    "names_entry",
    "named_rest_covered",
    "names_other",
    "focus_covered",
    "focus_unknown",
    "who_not_person",
    "when_no_date",
    "time_no_clock",
    "count_no_figure",
    "asks_not_held",
    "now",
    "yet",
    "corrected",
    "words",
    "known_information",
    "kind_person",
    "kind_session",
    "kind_day",
    "kind_chapter",
    "kind_article",
];

/// One candidate's features, named by [`NAMES`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features(pub [f32; NAMES.len()]);

impl Features {
    /// The values in [`NAMES`] order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The value of a feature by name (for explanations and tests).
    pub fn get(&self, name: &str) -> Option<f32> {
        NAMES.iter().position(|&n| n == name).map(|i| self.0[i])
    }
}
