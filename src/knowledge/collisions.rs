//! Ids and phrasings must be unique across *all* entries, the generated ones included:
//! a `[[qa]]` with the id `article-5` made `article 5` print that entry, and a written
//! phrasing equal to a generated one ("What is article 5 about?") makes the matcher tie
//! with itself. Checked after the entries are built, so every generated id and phrasing
//! is seen exactly as `ask` will see it.

use super::{Entry, Problem};
use crate::text::key;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Every id or phrasing two entries share, reported at the line of the entry written
/// in the file (a generated entry's line is its table's).
pub(super) fn check(
    entries: &[Entry],
    lines: &HashMap<String, usize>,
    meta_line: usize,
    file: &str,
) -> Vec<Problem> {
    let line = |id: &str| lines.get(id).copied().unwrap_or(meta_line);
    let problem = |id: &str, message: String| Problem {
        file: file.to_string(),
        line: line(id),
        id: Some(id.to_string()),
        message,
    };
    let mut problems = Vec::new();
    let mut ids: FxHashMap<&str, &Entry> = FxHashMap::default();
    for e in entries {
        if let Some(first) = ids.insert(&e.id, e) {
            // The written one is reported; validation has already caught two written.
            problems.push(problem(
                &e.id,
                format!(
                    "id `{}` is also the id of the generated {} entry: choose another",
                    e.id,
                    first.kind.as_str()
                ),
            ));
        }
    }
    let mut phrasings: FxHashMap<String, &str> = FxHashMap::default();
    for e in entries {
        for q in &e.questions {
            let key = key(q);
            match phrasings.get(key.as_str()) {
                Some(&owner) if owner != e.id => problems.push(problem(
                    &e.id,
                    format!("question {q:?} is also a phrasing of `{owner}`"),
                )),
                Some(_) => {}
                None => {
                    phrasings.insert(key, &e.id);
                }
            }
        }
    }
    problems
}
