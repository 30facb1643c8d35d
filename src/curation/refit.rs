//! Refitting the answer-or-refuse model from labelled questions (`hanoi-bot refit`).
//!
//! A labelled question is a case as `../shared/eval/score.py` reads them: `q`, and
//! either `expect` (strings a right answer contains) or `scope = "out"`. For each case
//! the matcher's candidates are labelled right when their answer contains an expected
//! string, folded exactly as the scorer folds; an out-of-scope case has no right one.
//! A moderator's review label ([`label_cases`]) names its right entry instead (`entry`):
//! only that entry is right.
//! The model is fitted on those rows ([`crate::decision::fit`]) and cross-validated by
//! question, so the figures printed are for questions the fit has not seen.

use crate::answers::Desk;
use crate::decision::fit::{self, Example, Figures};
use crate::decision::Model;
use serde::Deserialize;
use std::path::Path;

/// One labelled question.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// The question as a user wrote it.
    pub q: String,
    #[serde(default)]
    /// Strings a right answer contains (any one suffices).
    pub expect: Vec<String>,
    /// The id of the right entry (a moderator's label); when given, it decides
    /// instead of `expect`.
    #[serde(default)]
    pub entry: Option<String>,
    #[serde(default)]
    /// "out" for a question the knowledge cannot answer; absent or "in" otherwise.
    pub scope: Option<String>,
    /// How the user wrote it (short, verbose, casual, typo, paraphrase, vietnamese).
    #[serde(default)]
    pub register: Option<String>,
    #[serde(default)]
    /// The public set's name for the register.
    pub variant: Option<String>,
}

impl Case {
    /// Whether the knowledge can answer the question.
    pub fn in_scope(&self) -> bool {
        self.scope.as_deref() != Some("out")
    }

    /// The register, or the scorer's variant when no register is given.
    pub fn register(&self) -> &str {
        self.register
            .as_deref()
            .or(self.variant.as_deref())
            .unwrap_or("?")
    }

    /// Whether entry `id` with `answer` is a right answer: the named `entry` if the
    /// case has one, else as [`Case::accepts`] judges the answer.
    pub fn accepts_entry(&self, id: &str, answer: &str) -> bool {
        match &self.entry {
            Some(e) => self.in_scope() && e == id,
            None => self.accepts(answer),
        }
    }

    /// Whether `answer` is a right answer to this case, as the scorer judges it.
    pub fn accepts(&self, answer: &str) -> bool {
        let got = fold_like_scorer(answer);
        self.in_scope()
            && self
                .expect
                .iter()
                .any(|e| got.contains(&fold_like_scorer(e)))
    }
}

#[derive(Deserialize)]
struct CaseFile {
    case: Vec<Case>,
}

/// Why labelled questions could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CasesError {
    #[error("{file}: {source}")]
    /// The file could not be read.
    Read {
        /// The file, as given.
        file: String,
        /// Why it could not be read.
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    /// The file is not a valid case file.
    Parse {
        /// The file, as given.
        file: String,
        /// What is wrong, with its place.
        message: String,
    },
}

/// Reads a case file.
pub fn load_cases(path: &Path) -> Result<Vec<Case>, CasesError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| CasesError::Read {
        file: file.clone(),
        source,
    })?;
    let cases: CaseFile = toml::from_str(&text).map_err(|e| CasesError::Parse {
        file,
        message: e.to_string(),
    })?;
    Ok(cases.case)
}

/// The moderators' review labels as cases: a phrasing of an entry is an in-scope case
/// whose right answer is that entry; the rest are out of scope. Register "review".
pub fn label_cases(labels: &[crate::store::Label]) -> Vec<Case> {
    labels
        .iter()
        .map(|l| Case {
            q: l.question.clone(),
            expect: Vec::new(),
            entry: l.entry_id.clone(),
            scope: l.entry_id.is_none().then(|| "out".to_string()),
            register: Some("review".into()),
            variant: None,
        })
        .collect()
}

/// The scorer's folding: accents, case, dashes, curly quotes, thousands separators and
/// runs of spaces do not matter.
pub fn fold_like_scorer(s: &str) -> String {
    let folded: String = crate::text::fold(s)
        .chars()
        .map(|c| match c {
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
                ' '
            }
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            c => c,
        })
        .collect();
    // "1,000" == "1000": a separator between a digit and exactly three more digits.
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        let sep = (c == ',' || c == '.')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.len() > i + 3
            && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if !sep {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The matcher's candidates for each case, labelled.
pub fn examples(desk: &Desk, cases: &[Case]) -> Vec<Example> {
    cases
        .iter()
        .map(|c| Example {
            in_scope: c.in_scope(),
            candidates: desk
                .matcher
                .candidates(&c.q)
                .into_iter()
                .map(|(i, f)| {
                    let e = &desk.knowledge.entries[i];
                    (f, c.accepts_entry(&e.id, &e.answer))
                })
                .collect(),
        })
        .collect()
}

/// A refit: the model on all cases, and its cross-validated figures.
pub struct Refit {
    /// The model fitted on every case.
    pub model: Model,
    /// In-scope questions with a right entry among the candidates (the ceiling).
    pub reachable: usize,
    /// Cross-validated figures at the configured threshold.
    pub cross_validated: Figures,
    /// Cross-validated figures at other thresholds, to choose `matcher.threshold`.
    pub by_threshold: Vec<(f32, Figures)>,
}

/// Thresholds `refit` reports figures at.
const THRESHOLDS: [f32; 9] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

/// Fits the model on `cases` and cross-validates it (`folds` folds, by question).
pub fn refit(desk: &Desk, cases: &[Case], l2: f32, folds: usize) -> Refit {
    let examples = examples(desk, cases);
    let threshold = desk.config.matcher.threshold;
    let mut thresholds = THRESHOLDS.to_vec();
    thresholds.push(threshold);
    let mut figures = fit::cross_validate(&examples, folds, l2, &thresholds);
    let cv = figures.pop().unwrap_or_default();
    let mut model = fit::fit(&examples, l2);
    model.fit.cv_in_scope = cv.in_scope();
    model.fit.cv_out_of_scope = cv.out_of_scope();
    model.fit.threshold = threshold;
    Refit {
        model,
        reachable: examples
            .iter()
            .filter(|e| e.in_scope && e.candidates.iter().any(|c| c.1))
            .count(),
        cross_validated: cv,
        by_threshold: THRESHOLDS.into_iter().zip(figures).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_the_scorer() {
        assert_eq!(fold_like_scorer("Lương  Cường — 1,000"), "luong cuong 1000");
        assert_eq!(fold_like_scorer("25–26 “Oct”"), "25 26 \"oct\"");
        assert_eq!(fold_like_scorer("1,5"), "1,5");
        let c = Case {
            q: "x".into(),
            expect: vec!["Secretary-General".into()],
            entry: None,
            scope: None,
            register: None,
            variant: None,
        };
        assert!(c.accepts("the UN secretary general said"));
        assert!(!c.accepts("the president said"));
        assert!(c.accepts_entry("any-id", "the UN secretary general said"));
    }

    #[test]
    fn review_labels_name_their_entry_or_are_out_of_scope() {
        let label = |entry: Option<&str>| crate::store::Label {
            id: 1,
            question: "when do they sign".into(),
            entry_id: entry.map(String::from),
            phrasing: None,
            who: "m".into(),
            at: Default::default(),
        };
        let cases = label_cases(&[label(Some("signing-date")), label(None)]);
        assert!(cases[0].in_scope());
        assert!(cases[0].accepts_entry("signing-date", "anything"));
        assert!(!cases[0].accepts_entry("other", "signing-date"));
        assert!(!cases[1].in_scope());
        assert!(!cases[1].accepts_entry("signing-date", "x"));
    }
}
