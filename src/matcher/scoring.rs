//! Scores a question against the index (see the module docs of [`super`]).

use super::{Match, Matcher};
use crate::text::is_filler;

/// One content word of the question.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Token id, or `None` for a word the knowledge has never seen.
    token: Option<u32>,
    weight: f32,
}

/// How much the best single phrasing counts next to coverage of the whole entry.
const PHRASING_SHARE: f32 = 0.3;
/// Entries scored in full after the coverage pass.
const SHORTLIST: usize = 24;
/// Confidence of an entry named outright ("who is Guterres", "article 41").
const NAMED: f32 = 0.95;

enum Numbered {
    Article(u32),
    Chapter(u32),
}

pub(super) fn find(m: &Matcher, question: &str) -> Match {
    let words = m.analyzer.words(question);
    if let Some(r) = numbered(m, &words) {
        return by_number(m, r);
    }
    let query = analyse(m, &words, false);
    let miss = |best, confidence, alternatives| Match {
        best,
        confidence,
        answered: false,
        alternatives,
        note: None,
    };
    if query.is_empty() {
        return miss(None, 0.0, Vec::new());
    }
    let ranked = score(m, &query);
    let Some(&(best, top)) = ranked.first() else {
        return miss(None, 0.0, Vec::new());
    };
    let runner_up = ranked.get(1).map_or(0.0, |&(_, s)| s);
    let alternatives: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(m.config.suggestions)
        .map(|&(i, _)| i)
        .collect();
    let confident = top >= m.config.threshold && top - runner_up >= m.config.margin;
    if confident {
        Match {
            best: Some(best),
            confidence: top,
            answered: true,
            alternatives,
            note: None,
        }
    } else {
        // On a miss the best entry is a suggestion too.
        let mut all = vec![best];
        all.extend(
            alternatives
                .into_iter()
                .take(m.config.suggestions.saturating_sub(1)),
        );
        miss(Some(best), top, all)
    }
}

pub(super) fn rank(m: &Matcher, partial: &str, limit: usize) -> Vec<usize> {
    let words = m.analyzer.words(partial);
    if let Some(Numbered::Article(n) | Numbered::Chapter(n)) = numbered(m, &words) {
        let hit = m.articles.get(&n).or_else(|| m.chapters.get(&n));
        if let Some(&i) = hit {
            return vec![i];
        }
    }
    let query = analyse(m, &words, true);
    score(m, &query)
        .into_iter()
        .take(limit)
        .map(|(i, _)| i)
        .collect()
}

/// The question as the matcher saw it and its best candidates, for curators tuning
/// phrasings (`hanoi-bot ask --explain`).
pub(super) fn explain(m: &Matcher, question: &str) -> String {
    let words = m.analyzer.words(question);
    let query = analyse(m, &words, false);
    let names: std::collections::HashMap<u32, &str> =
        m.token_ids.iter().map(|(k, &v)| (v, k.as_str())).collect();
    let mut out = String::from("words:");
    for w in &query {
        match w.token {
            Some(t) => out.push_str(&format!(" {}({:.2})", names[&t], w.weight)),
            None => out.push_str(&format!(" ?({:.2})", w.weight)),
        }
    }
    out.push('\n');
    for (e, s) in score(m, &query).into_iter().take(5) {
        out.push_str(&format!("  {s:.3}  #{e}\n"));
    }
    out
}

/// "article 41", "điều 41", "chapter 9": a reference by number, which needs no guessing.
fn numbered(m: &Matcher, words: &[String]) -> Option<Numbered> {
    words.windows(2).find_map(|w| {
        let n: u32 = w[1].parse().ok().or_else(|| number_word(&w[1]))?;
        let t = *m.token_ids.get(&m.analyzer.token(&w[0]))?;
        if t == m.article_word {
            Some(Numbered::Article(n))
        } else if t == m.chapter_word {
            Some(Numbered::Chapter(n))
        } else {
            None
        }
    })
}

/// "chapter two": small numbers written out, in English and Vietnamese (folded).
fn number_word(w: &str) -> Option<u32> {
    const EN: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    const VI: [&str; 10] = [
        "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi",
    ];
    EN.iter()
        .position(|&x| x == w)
        .or_else(|| VI.iter().position(|&x| x == w))
        .map(|i| i as u32 + 1)
}

fn by_number(m: &Matcher, r: Numbered) -> Match {
    let (hit, note) = match r {
        Numbered::Article(n) => (
            m.articles.get(&n),
            format!(
                "The convention has {} articles; there is no article {n}.",
                m.articles.len()
            ),
        ),
        Numbered::Chapter(n) => (
            m.chapters.get(&n),
            format!(
                "The convention has {} chapters; there is no chapter {n}.",
                m.chapters.len()
            ),
        ),
    };
    match hit {
        Some(&i) => Match {
            best: Some(i),
            confidence: NAMED,
            answered: true,
            alternatives: Vec::new(),
            note: None,
        },
        None => Match {
            best: None,
            confidence: 0.0,
            answered: false,
            alternatives: Vec::new(),
            note: Some(note),
        },
    }
}

/// Content words of the question with their weights; typos corrected.
/// With `prefix`, an unknown last word stands for the known words it begins.
fn analyse(m: &Matcher, words: &[String], prefix: bool) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let last = words.len().saturating_sub(1);
    for (i, w) in words.iter().enumerate() {
        if is_filler(w) {
            continue;
        }
        // Known as a word, or under another inflection or synonym ("signatories",
        // "điều"), or else as a typo of a known word.
        let token = m
            .vocab
            .words
            .get(w)
            .or_else(|| m.token_ids.get(&m.analyzer.token(w)))
            .copied()
            .or_else(|| m.vocab.correct(w).map(|(_, t)| t));
        match token {
            Some(t) => {
                if !out.iter().any(|x| x.token == Some(t)) {
                    out.push(Word {
                        token: Some(t),
                        weight: m.idf[t as usize],
                    });
                }
            }
            None if prefix && i == last => {
                for t in m.vocab.completions(w, 4) {
                    out.push(Word {
                        token: Some(t),
                        weight: m.idf[t as usize] * 0.5,
                    });
                }
            }
            None => out.push(Word {
                token: None,
                weight: m.unknown_weight,
            }),
        }
    }
    out
}

/// Entries sharing a word with the query, best first, with their scores.
fn score(m: &Matcher, query: &[Word]) -> Vec<(usize, f32)> {
    let total: f32 = query.iter().map(|w| w.weight).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut acc = vec![0.0f32; m.entries.len()];
    let mut touched = Vec::new();
    for w in query {
        let Some(t) = w.token else { continue };
        for &(e, f) in &m.postings[t as usize] {
            let slot = &mut acc[e as usize];
            if *slot == 0.0 {
                touched.push(e as usize);
            }
            *slot += w.weight * f;
        }
    }
    let mut shortlist: Vec<(usize, f32)> =
        touched.into_iter().map(|e| (e, acc[e] / total)).collect();
    shortlist.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    shortlist.truncate(SHORTLIST);
    let mut scored: Vec<(usize, f32)> = shortlist
        .into_iter()
        .map(|(e, coverage)| (e, full_score(m, e, coverage, query)))
        .collect();
    scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
}

fn full_score(m: &Matcher, e: usize, coverage: f32, query: &[Word]) -> f32 {
    let entry = &m.entries[e];
    let in_query = |t: u32| query.iter().any(|w| w.token == Some(t));
    // The phrasing the question resembles most, judged by how much of it was asked.
    let phrasing = entry
        .phrasings
        .iter()
        .map(|p| {
            let all: f32 = p.iter().map(|&t| m.idf[t as usize]).sum();
            let hit: f32 = p
                .iter()
                .filter(|&&t| in_query(t))
                .map(|&t| m.idf[t as usize])
                .sum();
            if all > 0.0 {
                hit / all
            } else {
                0.0
            }
        })
        .fold(0.0, f32::max);
    let score = (1.0 - PHRASING_SHARE) * coverage + PHRASING_SHARE * phrasing;

    // A question naming a person or session is about that entry; what else it asks
    // must be something the entry knows ("role" yes, "height" no).
    let named = query.iter().any(|w| {
        w.token
            .is_some_and(|t| entry.name_tokens.binary_search(&t).is_ok())
    });
    if !named {
        return score.min(1.0);
    }
    let rest: Vec<&Word> = query
        .iter()
        .filter(|w| {
            w.token
                .is_none_or(|t| entry.name_tokens.binary_search(&t).is_err())
        })
        .collect();
    let rest_total: f32 = rest.iter().map(|w| w.weight).sum();
    if rest_total <= 0.0 {
        return NAMED;
    }
    let rest_hit: f32 = rest
        .iter()
        .filter_map(|w| Some(w.weight * entry.weight(w.token?)))
        .sum();
    (0.45 + 0.5 * rest_hit / rest_total).min(NAMED)
}
