//! The review queue: logged questions a moderator has not labelled yet, near-identical
//! ones grouped, each with the entries it most likely belongs to. `/kb review` and
//! `hanoi-bot review` walk it one [`Item`] at a time; [`super::decide`] applies what
//! the moderator chose.
//!
//! What is in it: every question in the question log (refused, answered below
//! `[curation] low_confidence`, or answered and voted 👎) without a label. A refused or
//! weak question the current knowledge now answers confidently (a phrasing added since)
//! is left out; one voted 👎 stays until a moderator decides, since the confident
//! answer is what was wrong.
//!
//! Grouping ([`group`]): the log already merges questions that normalise the same; two
//! more are near-identical when their word sets overlap by [`SAME_WORDS`] (Jaccard),
//! a word of [`TYPO_FROM`] letters or more matching one a letter away (a typo). Short
//! words must be equal: "when" and "where" ask different things. The most asked
//! question of a group stands for it.

use crate::answers::{Desk, Lang};
use crate::knowledge::EntryKind;
use crate::reply::{Reply, ReplyKind, Rich};
use crate::store::{Result, Store, Unreviewed};
use std::collections::HashSet;

/// Word-set overlap at which two questions are the same question.
pub const SAME_WORDS: f64 = 0.8;
/// Words this long may differ by one letter (insertion, deletion, swap) and still match.
pub const TYPO_FROM: usize = 5;
/// Entries offered per question (one button each).
pub const CANDIDATES: usize = 4;
/// Logged questions looked at per queue.
const SCAN: usize = 300;

/// One question to review, standing for its group.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The most asked question of the group (normalised, as logged).
    pub text: String,
    /// Every question of the group and how often it was asked, most asked first.
    pub questions: Vec<(String, u64)>,
    /// How often the group was asked.
    pub count: u64,
    /// Whether the standing question was answered (with low confidence) or refused.
    pub answered: bool,
    /// Its best score when logged.
    pub best_score: f32,
    /// 👎 votes on answers to the group.
    pub down_votes: u64,
    /// The entries it most likely belongs to, best first.
    pub candidates: Vec<Candidate>,
}

/// An entry a reviewed question may be a phrasing of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The entry's id.
    pub id: String,
    /// Its first phrasing (or name).
    pub question: String,
    /// What it was made from.
    pub kind: EntryKind,
}

impl Candidate {
    /// Whether the knowledge file gives this kind of entry `questions` to add to.
    pub fn takes_phrasings(&self) -> bool {
        takes_phrasings(self.kind)
    }
}

/// Q&A, facts, sessions and people have `questions` in the file; chapters, articles,
/// countries and programme days do not.
pub fn takes_phrasings(kind: EntryKind) -> bool {
    matches!(
        kind,
        EntryKind::Qa | EntryKind::Fact | EntryKind::Session | EntryKind::Person
    )
}

impl Item {
    /// Every question of the group (what a decision labels).
    pub fn texts(&self) -> Vec<String> {
        self.questions.iter().map(|(q, _)| q.clone()).collect()
    }

    /// The candidate `id`, if it is offered for this item.
    pub fn candidate(&self, id: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.id == id)
    }

    /// Why it is in the queue, in words.
    pub fn why(&self) -> String {
        let mut why = if self.answered {
            format!("answered with low confidence ({:.2})", self.best_score)
        } else {
            "refused".to_string()
        };
        if self.down_votes > 0 {
            why = format!("{why}, voted 👎 {}×", self.down_votes);
        }
        why
    }
}

fn word_set(q: &str) -> HashSet<&str> {
    q.split_whitespace().collect()
}

fn same_word(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count() >= TYPO_FROM
            && b.chars().count() >= TYPO_FROM
            && strsim::damerau_levenshtein(a, b) <= 1)
}

/// Whether two normalised questions are near-identical (see the module docs).
pub fn near_identical(a: &str, b: &str) -> bool {
    let (wa, wb) = (word_set(a), word_set(b));
    let shared = wa
        .iter()
        .filter(|w| wb.iter().any(|v| same_word(w, v)))
        .count();
    let union = wa.len() + wb.len() - shared.min(wb.len());
    union == 0 || shared as f64 / union as f64 >= SAME_WORDS
}

/// Groups logged questions, keeping their order: each joins the first group whose
/// standing (first) question is near-identical to it.
pub fn group(rows: Vec<Unreviewed>) -> Vec<Vec<Unreviewed>> {
    let mut groups: Vec<Vec<Unreviewed>> = Vec::new();
    for row in rows {
        match groups
            .iter_mut()
            .find(|g| near_identical(&g[0].gap.text, &row.gap.text))
        {
            Some(g) => g.push(row),
            None => groups.push(vec![row]),
        }
    }
    groups
}

/// The entries a question most likely belongs to: the one logged with it, then the
/// matcher's answer and alternatives (typos corrected: the question is whole), then its
/// plain ranking; at most [`CANDIDATES`], those that take phrasings first.
pub fn candidates(desk: &Desk, text: &str, logged: Option<&str>) -> Vec<Candidate> {
    let found = desk.matcher.find(text);
    let ranked = desk.complete_question(text, CANDIDATES * 2);
    let entries = &desk.knowledge.entries;
    let mut ids: Vec<&str> = logged.into_iter().collect();
    ids.extend(
        found
            .best
            .iter()
            .chain(&found.alternatives)
            .filter_map(|&i| entries.get(i))
            .map(|e| e.id.as_str()),
    );
    ids.extend(ranked.iter().map(|s| s.id.as_str()));
    let mut seen = HashSet::new();
    let mut out: Vec<Candidate> = ids
        .into_iter()
        .filter(|id| seen.insert(*id))
        .filter_map(|id| desk.knowledge.entry(id))
        .map(|e| Candidate {
            id: e.id.clone(),
            question: e.questions.first().cloned().unwrap_or_else(|| e.id.clone()),
            kind: e.kind,
        })
        .collect();
    // Stable: the best of those that can take a phrasing come first.
    out.sort_by_key(|c| !c.takes_phrasings());
    out.truncate(CANDIDATES);
    out
}

/// The queue: up to `limit` items, none of whose standing questions is in `skipped`.
pub fn queue(
    store: &Store,
    desk: &Desk,
    skipped: &HashSet<String>,
    limit: usize,
) -> Result<Vec<Item>> {
    let low = desk.config.curation.low_confidence;
    let mut items = Vec::new();
    for g in group(store.unreviewed(SCAN)?) {
        if items.len() >= limit {
            break;
        }
        let head = &g[0].gap;
        let down_votes: u64 = g.iter().map(|r| r.down_votes).sum();
        if skipped.contains(&head.text) {
            continue;
        }
        if down_votes == 0 {
            let (asked, _) = desk.ask(&head.text, Lang::En);
            if asked.answered && asked.confidence >= low {
                continue; // answered well now: nothing left to decide
            }
        }
        items.push(Item {
            text: head.text.clone(),
            questions: g
                .iter()
                .map(|r| (r.gap.text.clone(), r.gap.count))
                .collect(),
            count: g.iter().map(|r| r.gap.count).sum(),
            answered: head.answered,
            best_score: head.best_score,
            down_votes,
            candidates: candidates(desk, &head.text, head.best_entry.as_deref()),
        });
    }
    Ok(items)
}

/// How a moderator sees one item; `left`: items still in the queue after it.
pub fn item_reply(item: &Item, left: usize) -> Reply {
    let mut r = Reply::new(
        ReplyKind::Info,
        format!("Review: “{}”", crate::text::clip_words(&item.text, 200)),
        Rich::text(format!(
            "Asked {}× · {}. Add it as a phrasing of the entry that answers it (you can edit the wording first), mark it out of scope if the bot was right to refuse, or skip it.",
            item.count,
            item.why()
        )),
    );
    if item.questions.len() > 1 {
        let also: Vec<String> = item.questions[1..]
            .iter()
            .take(10)
            .map(|(q, n)| format!("“{}” ({n}×)", crate::text::clip_words(q, 90)))
            .collect();
        r = r.field("Asked the same way", Rich::text(also.join("\n")));
    }
    let lines: Vec<String> = item
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let note = if c.takes_phrasings() {
                ""
            } else {
                " (no phrasings in the file: edit its keywords by hand)"
            };
            format!(
                "{}. `{}`: {}{note}",
                i + 1,
                c.id,
                crate::text::clip_words(&c.question, 120)
            )
        })
        .collect();
    r = r.field(
        "Likely entries",
        Rich::text(if lines.is_empty() {
            "none found".to_string()
        } else {
            lines.join("\n")
        }),
    );
    r.field(
        "Queue",
        Rich::text(match left {
            0 => "This is the last one.".to_string(),
            1 => "1 more after this one.".to_string(),
            n => format!("{n} more after this one."),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Gap;

    fn row(text: &str, count: u64) -> Unreviewed {
        Unreviewed {
            gap: Gap {
                text: text.into(),
                count,
                first_seen: Default::default(),
                last_seen: Default::default(),
                channel_kind: "slash".into(),
                answered: false,
                best_entry: None,
                best_score: 0.0,
                last_user_id: None,
            },
            down_votes: 0,
        }
    }

    #[test]
    fn near_identical_questions_group_under_the_most_asked() {
        let groups = group(vec![
            row("when is the signing ceremony", 5),
            row("who signed first", 3),
            row("when is signing ceremony", 2),
            row("when is the signing ceremmony", 1),
            row("who signed", 1),
        ]);
        let texts: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(|r| r.gap.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec![
                    "when is the signing ceremony",
                    "when is signing ceremony",
                    "when is the signing ceremmony"
                ],
                vec!["who signed first"],
                vec!["who signed"],
            ]
        );
    }

    #[test]
    fn different_questions_sharing_words_stay_apart() {
        assert!(!near_identical(
            "when is the signing ceremony",
            "where is the signing ceremony"
        ));
        assert!(!near_identical("how many articles", "how many chapters"));
        assert!(!near_identical("who signed first", "who signed"));
        assert!(near_identical("who signed frist", "who signed first"));
    }
}
