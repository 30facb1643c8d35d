//! The answer-or-refuse model: a logistic regression over [`Features`], whose
//! probability is the confidence the bot reports.
//!
//! Its weights live in `knowledge/decision.toml`, next to the knowledge they were fitted
//! on, so a curator reviews them like any other change; `hanoi-bot refit` writes the
//! file ([`super::fit`]). The binary embeds the shipped copy for runs with no files.

use super::{Features, NAMES};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The rank lead counts up to this much: a candidate alone in the field is not
/// infinitely sure.
pub const LEAD_CAP: f32 = 6.0;

/// The shipped model, fitted on the development questions' train half.
pub const EMBEDDED: &str = include_str!("../../knowledge/decision.toml");

/// Two fitted linear models over the features of [`NAMES`]: `rank` orders the
/// candidates of a question; `weights` and `bias` (a logistic regression over the best
/// candidate's features and its lead in rank score over the runner-up) give the
/// probability that it is a right answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Feature names in weight order; must equal the code's list.
    pub features: Vec<String>,
    /// Ranking weights, one per feature.
    pub rank: Vec<f32>,
    /// Decision weights, one per feature, then one for the rank lead.
    pub weights: Vec<f32>,
    /// Decision intercept.
    pub bias: f32,
    /// How and on what the model was fitted (shown by `refit` and `/kb stats`).
    #[serde(default)]
    pub fit: FitInfo,
}

/// Provenance and cross-validated figures of a fit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitInfo {
    #[serde(default)]
    /// Day of the fit, "YYYY-MM-DD".
    pub date: String,
    /// Question files the model was fitted on.
    #[serde(default)]
    pub cases: Vec<String>,
    #[serde(default)]
    /// Labelled questions in the fit.
    pub questions: usize,
    /// Candidate rows (question × entry) in the fit.
    #[serde(default)]
    pub rows: usize,
    #[serde(default)]
    /// L2 penalty of both regressions.
    pub l2: f32,
    /// Cross-validated share of in-scope questions answered right at the shipped threshold.
    #[serde(default)]
    pub cv_in_scope: f32,
    /// Cross-validated share of out-of-scope questions refused.
    #[serde(default)]
    pub cv_out_of_scope: f32,
    #[serde(default)]
    /// Confidence threshold the cross-validated figures were taken at.
    pub threshold: f32,
}

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("{file}: cannot read the model: {source}")]
    /// The file could not be read.
    Read {
        /// The file, as given.
        file: String,
        /// Why it could not be read.
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    /// The file is not valid TOML for a model.
    Parse {
        /// The file, as given.
        file: String,
        /// Line of the problem (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    #[error("{file}: the model was fitted for other features ({found}); run `hanoi-bot refit`")]
    /// The model's feature list is not the code's.
    Features {
        /// The file, as given.
        file: String,
        /// The feature names the file lists.
        found: String,
    },
    #[error("{file}: a weight is not a finite number")]
    /// A weight is infinite or NaN.
    NotFinite {
        /// The file, as given.
        file: String,
    },
}

impl Model {
    /// The model shipped inside the binary.
    pub fn embedded() -> Model {
        Model::parse(EMBEDDED, "knowledge/decision.toml").expect("the shipped model is valid")
    }

    /// Reads and checks a model file.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ModelError::Read {
            file: file.clone(),
            source,
        })?;
        Model::parse(&text, &file)
    }

    /// Parses and checks a model; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Model, ModelError> {
        let m: Model = toml::from_str(text).map_err(|e| ModelError::Parse {
            file: file.to_string(),
            line: e.span().map_or(0, |s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        if m.features
            .iter()
            .map(String::as_str)
            .ne(NAMES.iter().copied())
            || m.rank.len() != NAMES.len()
            || m.weights.len() != NAMES.len() + 1
        {
            return Err(ModelError::Features {
                file: file.to_string(),
                found: m.features.join(", "),
            });
        }
        if !m.bias.is_finite() || m.weights.iter().chain(&m.rank).any(|w| !w.is_finite()) {
            return Err(ModelError::NotFinite {
                file: file.to_string(),
            });
        }
        Ok(m)
    }

    /// The ranking score of a candidate: higher is more likely the entry asked for.
    pub fn score(&self, f: &Features) -> f32 {
        self.rank.iter().zip(f.values()).map(|(w, x)| w * x).sum()
    }

    /// The probability that a candidate is a right answer, given its features and its
    /// lead in [`Model::score`] over the best other candidate.
    pub fn probability(&self, f: &Features, lead: f32) -> f32 {
        let lead = lead.clamp(-LEAD_CAP, LEAD_CAP);
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(f.values().iter().copied().chain([lead]))
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Each feature's value and contribution to [`Model::score`].
    pub fn rank_contributions(&self, f: &Features) -> Vec<(&'static str, f32, f32)> {
        NAMES
            .iter()
            .zip(f.values())
            .zip(&self.rank)
            .map(|((&n, &x), &w)| (n, x, w * x))
            .collect()
    }

    /// Each feature's value and contribution to the log-odds of [`Model::probability`].
    pub fn contributions(&self, f: &Features, lead: f32) -> Vec<(&'static str, f32, f32)> {
        NAMES
            .iter()
            .copied()
            .chain(["rank_lead"])
            .zip(
                f.values()
                    .iter()
                    .copied()
                    .chain([lead.clamp(-LEAD_CAP, LEAD_CAP)]),
            )
            .zip(&self.weights)
            .map(|((n, x), &w)| (n, x, w * x))
            .collect()
    }

    /// The model as the reviewed TOML file, with a header saying how it was made.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Answer-or-refuse model of hanoi-bot: a logistic regression over the features\n\
             # listed below (see src/matcher/features.rs). Written by `hanoi-bot refit`; review\n\
             # a refit like any knowledge change. The bot answers when the probability of its\n\
             # best entry reaches `matcher.threshold` in config/bot.toml.\n\n",
        );
        out.push_str(&toml::to_string(self).expect("a model serialises"));
        out
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
