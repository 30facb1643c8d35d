//! What the answer-or-refuse model sees of one candidate entry for one question.
//!
//! Each feature is a number a curator can read in `ask --explain`: how much of the
//! question the entry covers, how much of its closest phrasing was asked, how far it
//! leads the runner-up, how telling the words it leaves unexplained are, whether it
//! answers the kind of question asked (who → a person, how many → a figure), whether the
//! question names this entry or another one. The model ([`crate::decision`]) weighs them.

use super::engine::Matcher;
use super::index::Indexed;
use super::query::{QWord, Query};
use crate::decision::Features;
use crate::knowledge::EntryKind;

/// What retrieval found for a candidate, before features.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub entry: usize,
    /// BM25F relevance of the entry to the question.
    pub relevance: f32,
    /// BM25 over the entry's names, phrasings and keywords only.
    pub asked: f32,
    /// BM25 over its answer text only.
    pub answer: f32,
}

/// What retrieval found for a question ([`super::scoring`]'s `retrieve`).
pub(crate) struct Retrieved {
    /// The best hits by relevance, best first.
    pub best: Vec<Hit>,
    /// Hits of entries the question names, beyond the best.
    pub named: Vec<Hit>,
    /// The best "asked" and "answer" scores of every entry sharing a word (at least
    /// 1e-6).
    pub top_asked: f32,
    pub top_answer: f32,
}

/// What every candidate of one question shares: computed once per question, not once
/// per candidate.
pub(crate) struct Shared {
    /// Sum of the question's word weights.
    total: f32,
    /// Sum of the core words' IDF.
    core_total: f32,
    /// Sum of the weights of the words the index knows.
    known: f32,
    /// Best "asked" and best "answer" score among the hits.
    top_asked: f32,
    top_answer: f32,
    /// Some word of the question names an entry.
    names_any: bool,
    /// The entry of the best hit, and the best and second-best relevance (0 if none).
    best_entry: Option<usize>,
    first: f32,
    second: f32,
    /// Features that are the same for every candidate: how telling the unknown words
    /// are, the share of words reached by typo correction, the question's length and
    /// the weight of its known words (each as [`compute`] puts it).
    unknown: f32,
    corrected: f32,
    length: f32,
    known_weight: f32,
}

impl Shared {
    pub(crate) fn new(m: &Matcher, q: &Query, retrieved: &Retrieved) -> Shared {
        let hits = &retrieved.best;
        Shared {
            total: q.words.iter().map(|w| w.weight).sum::<f32>().max(1e-6),
            core_total: q.words.iter().filter(|w| w.core).map(|w| w.idf).sum(),
            known: q
                .words
                .iter()
                .filter(|w| w.token.is_some())
                .map(|w| w.weight)
                .sum::<f32>()
                .max(1e-6),
            top_asked: retrieved.top_asked,
            top_answer: retrieved.top_answer,
            best_entry: hits.first().map(|h| h.entry),
            first: hits.first().map_or(0.0, |h| h.relevance.max(0.0)),
            second: hits.get(1).map_or(0.0, |h| h.relevance.max(0.0)),
            names_any: q
                .words
                .iter()
                .any(|w| w.token.is_some_and(|t| m.name_owner.contains_key(&t))),
            unknown: (1.0
                + q.words
                    .iter()
                    .filter(|w| w.token.is_none())
                    .fold(0.0f32, |sum, w| sum + w.info))
            .ln(),
            corrected: q.words.iter().filter(|w| w.corrected).count() as f32
                / q.words.len().max(1) as f32,
            length: (1.0 + q.words.len() as f32).ln(),
            known_weight: (1.0
                + q.words
                    .iter()
                    .filter(|w| w.token.is_some())
                    .map(|w| w.weight)
                    .sum::<f32>())
            .ln(),
        }
    }
}

/// Computes the features of `hit` for `q`; `shared` was made from all of its hits.
pub(crate) fn compute(
    m: &Matcher,
    q: &Query,
    shared: &Shared,
    hit: Hit,
    explained: &mut Vec<f32>,
) -> Features {
    let e = &m.entries[hit.entry];
    // How much of each question word the entry explains, looked up once.
    explained.clear();
    explained.extend(q.words.iter().map(|w| w.token.map_or(0.0, |t| e.weight(t))));
    let explained = explained.as_slice();
    let total = shared.total;
    let core_total = shared.core_total;
    let is_name = |w: &QWord| {
        w.token
            .is_some_and(|t| e.name_tokens.binary_search(&t).is_ok())
    };
    // One pass over the words for every sum, each added in question order (as the
    // separate sums it replaces were, so the figures are the same to the last bit).
    // Sums start at -0.0, as `Iterator::sum` does.
    let mut covered = -0.0f32;
    let mut core_covered = -0.0f32;
    let mut unexplained = 0.0f32;
    let mut unexplained_max = 0.0f32;
    let mut names_entry = false;
    // The weight of the words that do not name the entry, and how much of it it covers.
    let mut rest = -0.0f32;
    let mut rest_hit = -0.0f32;
    let has_names = !e.name_tokens.is_empty();
    for (w, &x) in q.words.iter().zip(explained) {
        covered += w.weight * x;
        if w.core {
            core_covered += w.idf * x;
        }
        let left = w.info * (1.0 - x) * if w.core { 1.0 } else { 0.5 };
        unexplained += left;
        unexplained_max = unexplained_max.max(left);
        if has_names && is_name(w) {
            names_entry = true;
        } else {
            rest += w.weight;
            rest_hit += w.weight * x;
        }
    }
    let (recall, precision) = best_phrasing(m, e, q, explained, shared.known);
    let top = shared.first.max(1e-6);
    let top_asked = shared.top_asked;
    let top_answer = shared.top_answer;
    // The best relevance of any other hit.
    let other = if Some(hit.entry) == shared.best_entry {
        shared.second
    } else {
        shared.first
    };
    let lead = ((hit.relevance - other) / hit.relevance.max(1e-6)).clamp(-1.0, 1.0);
    let names_other = !names_entry && shared.names_any;
    // A question naming this entry asks about it; what else it asks must be something
    // the entry knows ("role" yes, "height" no).
    let rest_covered = if names_entry && rest > 0.0 {
        rest_hit / rest
    } else {
        1.0
    };
    let (focus_covered, focus_unknown) = match q.focus {
        Some(i) if q.words[i].token.is_none() => (0.0, 1.0),
        Some(i) => (explained[i], 0.0),
        None => (1.0, 0.0),
    };
    let weight_in = |t: Option<u32>| t.map_or(0.0, |t| e.weight(t));
    let kind = |k: EntryKind| f32::from(u8::from(e.kind == Some(k)));
    let flag = |b: bool| f32::from(u8::from(b));
    Features([
        (covered / total).min(1.0),
        if core_total > 0.0 {
            (core_covered / core_total).min(1.0)
        } else {
            0.0
        },
        recall,
        precision,
        hit.relevance / top,
        hit.asked / top_asked,
        hit.answer / top_answer,
        lead,
        (1.0 + unexplained).ln(),
        unexplained_max,
        shared.unknown,
        (q.unknown_names.min(3)) as f32,
        flag(names_entry),
        rest_covered,
        flag(names_other),
        focus_covered,
        focus_unknown,
        flag(q.asks.who && !e.mentions_person),
        flag(q.asks.when && !e.has_date),
        flag(q.asks.time && !e.has_clock),
        flag(q.asks.count && !e.has_figure),
        // Asks for a detail the knowledge does not hold, which this entry does not cover.
        flag(q.not_held.is_some_and(|(_, t)| weight_in(t) == 0.0)),
        // A period still running answers "now" and "still" as well as any date.
        flag(q.now && !e.holds_now),
        flag(q.yet && !e.holds_now),
        shared.corrected,
        shared.length,
        shared.known_weight,
        kind(EntryKind::Person),
        kind(EntryKind::Session),
        kind(EntryKind::Day),
        kind(EntryKind::Chapter),
        kind(EntryKind::Article),
    ])
}

/// The phrasing closest to the question: the share of it that was asked (recall), and
/// the share of the question it accounts for (precision), both IDF-weighted. Only the
/// words the entry explains at all can be in one of its phrasings.
fn best_phrasing(m: &Matcher, e: &Indexed, q: &Query, explained: &[f32], known: f32) -> (f32, f32) {
    if e.phrasings.len() > 64 {
        return best_phrasing_by_search(m, e, q, explained, known);
    }
    // Each phrasing's IDF and weight asked, summed word by word in question order (as
    // the search below sums them, so the figures are the same to the last bit), over
    // the phrasings each explained word is in.
    let mut hit = [0.0f32; 64];
    let mut asked = [0.0f32; 64];
    // The phrasings some word is in: any other has recall 0 and cannot be the best.
    let mut touched = 0u64;
    for (w, &x) in q.words.iter().zip(explained) {
        if x == 0.0 {
            continue;
        }
        let Some((t, slot)) = w.token.and_then(|t| Some((t, e.slot(t)?))) else {
            continue;
        };
        let idf = m.idf[t as usize];
        let mut mask = e.in_phrasings[slot];
        touched |= mask;
        while mask != 0 {
            let p = mask.trailing_zeros() as usize;
            hit[p] += idf;
            asked[p] += w.weight;
            mask &= mask - 1;
        }
    }
    let mut best = (0.0f32, 0.0f32);
    while touched != 0 {
        let p = touched.trailing_zeros() as usize;
        touched &= touched - 1;
        let all = e.phrasing_idf[p];
        if all <= 0.0 {
            continue;
        }
        let recall = hit[p] / all;
        if recall > best.0 || (recall == best.0 && asked[p] / known > best.1) {
            best = (recall, (asked[p] / known).min(1.0));
        }
    }
    best
}

/// [`best_phrasing`] by searching every phrasing for every word: for entries of more
/// than 64 phrasings, and the definition the masks must agree with.
fn best_phrasing_by_search(
    m: &Matcher,
    e: &Indexed,
    q: &Query,
    explained: &[f32],
    known: f32,
) -> (f32, f32) {
    // The explained words' tokens, IDF and weight, in question order, found once.
    let words: Vec<(u32, f32, f32)> = q
        .words
        .iter()
        .zip(explained)
        .filter(|(_, &x)| x != 0.0)
        .filter_map(|(w, _)| w.token.map(|t| (t, m.idf[t as usize], w.weight)))
        .collect();
    let mut best = (0.0f32, 0.0f32);
    for (p, &all) in e.phrasings.iter().zip(&e.phrasing_idf) {
        if all <= 0.0 {
            continue;
        }
        let mut hit = 0.0;
        let mut asked = 0.0;
        for &(t, idf, weight) in &words {
            if p.binary_search(&t).is_ok() {
                hit += idf;
                asked += weight;
            }
        }
        let recall = hit / all;
        if recall > best.0 || (recall == best.0 && asked / known > best.1) {
            best = (recall, (asked / known).min(1.0));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::query::Reading;

    #[test]
    fn the_phrasing_masks_find_the_phrasing_the_search_finds() {
        let k = crate::knowledge::Knowledge::embedded().expect("shipped knowledge");
        let m = Matcher::new(&k, Default::default());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/blind/train.toml");
        let text = std::fs::read_to_string(path).expect("tests/blind/train.toml");
        let doc: toml::Table = text.parse().expect("valid TOML");
        let questions: Vec<&str> = doc["case"]
            .as_array()
            .expect("[[case]]")
            .iter()
            .filter_map(|c| c.get("q")?.as_str())
            .collect();
        assert!(questions.len() > 1000, "{} questions", questions.len());
        let mut compared = 0;
        for question in questions {
            let q = Reading::new(question).query(&m);
            let known = q.words.iter().map(|w| w.weight).sum::<f32>().max(1e-6);
            for e in m.entries.iter().filter(|e| e.phrasings.len() <= 64) {
                let explained: Vec<f32> = q
                    .words
                    .iter()
                    .map(|w| w.token.map_or(0.0, |t| e.weight(t)))
                    .collect();
                if explained.iter().all(|&x| x == 0.0) {
                    continue;
                }
                let fast = best_phrasing(&m, e, &q, &explained, known);
                let slow = best_phrasing_by_search(&m, e, &q, &explained, known);
                assert_eq!(fast.0.to_bits(), slow.0.to_bits(), "{question:?}");
                assert_eq!(fast.1.to_bits(), slow.1.to_bits(), "{question:?}");
                compared += 1;
            }
        }
        assert!(compared > 10_000, "{compared} compared");
    }
}
