//! Retrieves and decides (see the module docs of [`super`]).

use super::engine::{Candidate, Explanation, Match, Matcher};
use super::features::{self, Hit, Retrieved};
use super::index::Indexed;
use super::query::{self, Query};
use crate::decision::{Features, LEAD_CAP};
use crate::knowledge::EntryKind;
use crate::text::fold;

/// Candidates the model looks at, best by relevance first.
const CANDIDATES: usize = 12;
/// Confidence of an entry named outright by number ("article 41").
const NAMED: f32 = 0.99;

enum Numbered {
    Article(u32),
    Chapter(u32),
}

pub(super) fn find(m: &Matcher, question: &str) -> Match {
    let mut reading = query::Reading::new(question);
    if let Some(r) = numbered(m, &reading.folded, &mut reading.memo) {
        return by_number(m, r);
    }
    let q = reading.query(m);
    let ranked = rank_candidates(m, &q);
    let miss = |best, confidence, alternatives| Match {
        best,
        confidence,
        answered: false,
        alternatives,
        note: None,
        about_now: q.now,
        not_held: q.not_held.map(|(g, _)| g),
    };
    let Some(&(best, ref f, lead)) = ranked.first() else {
        return miss(None, 0.0, Vec::new());
    };
    let p = probability(m, &q, best, f, lead);
    // The best-ranked entry is the answer; a margin > 0 also asks that no other entry
    // be nearly as likely right (else "did you mean"). Only then are the other
    // candidates' probabilities needed: their order is the rank's.
    let clear = m.config.margin <= 0.0 || {
        let runner_up = ranked
            .iter()
            .skip(1)
            .map(|(i, f, lead)| probability(m, &q, *i, f, *lead))
            .fold(0.0, f32::max);
        p - runner_up >= m.config.margin
    };
    let mut scored: Vec<usize> = ranked.iter().map(|&(i, _, _)| i).collect();
    if p >= m.config.threshold && clear && !topic_only(m, &q, question) {
        scored.remove(0);
        Match {
            best: Some(best),
            confidence: p,
            answered: true,
            alternatives: scored.into_iter().take(m.config.suggestions).collect(),
            note: None,
            about_now: q.now,
            not_held: None,
        }
    } else {
        // On a miss the best entry is a suggestion too.
        let all = scored.into_iter().take(m.config.suggestions).collect();
        miss(Some(best), p, all)
    }
}

/// An entry shares a word this often and more (as a share of all entries), and the
/// word alone names a topic rather than a question.
const TOPIC_SHARE: f32 = 0.05;

/// A question reduced to one word that many entries share ("articles", "sign") names a
/// topic, not a question: it gets suggestions, never a confident answer. A word that
/// names one entry ("Guterres"), a question word ("how many articles") or a sentence
/// around the word ("was there a press conference") makes it a question. A bare number
/// ("2", "2+2") names no topic at all: article 2, chapter 2 and day 2 are suggestions.
fn topic_only(m: &Matcher, q: &Query, question: &str) -> bool {
    let [w] = q.words.as_slice() else {
        return false;
    };
    if crate::text::words(&fold(question)).len() > 2 {
        return false;
    }
    if q.asks == Default::default() && w.word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let Some(t) = w.token else {
        return false;
    };
    let shared = m.postings.get(t as usize).map_or(0, Vec::len);
    q.asks == Default::default()
        && !m.name_owner.contains_key(&t)
        && shared as f32 >= (TOPIC_SHARE * m.entries.len() as f32).max(3.0)
}

/// The candidates in rank order, each with its features and its lead in rank score
/// ([`probability`] turns them into the probability of being right).
fn rank_candidates(m: &Matcher, q: &Query) -> Vec<(usize, Features, f32)> {
    let mut ranked: Vec<(usize, Features, f32)> = featured(m, q)
        .into_iter()
        .map(|(i, f)| (i, f, m.model.score(&f)))
        .collect();
    // Stable: equal scores keep retrieval order.
    ranked.sort_by(|a, b| b.2.total_cmp(&a.2));
    let leads = leads(&ranked);
    for (r, lead) in ranked.iter_mut().zip(leads) {
        r.2 = lead;
    }
    ranked
}

/// The probability that entry `i` is right: the model's, except that a state's record
/// never answers "who" or "why": it names no signer ("Who signed for the UK?") and
/// gives no reason ("Why didn't the US sign?"), and naming the state is not enough;
/// and that a count of something no entry names is never answered.
fn probability(m: &Matcher, q: &Query, i: usize, f: &Features, lead: f32) -> f32 {
    let e = &m.entries[i];
    if e.kind == Some(EntryKind::Country) && (q.asks.why || q.asks.who && !e.mentions_person) {
        return 0.0;
    }
    // "How many arrests": no entry counts a thing the knowledge has no word for.
    if q.asks.count && q.focus.is_some_and(|i| q.words[i].token.is_none()) {
        return 0.0;
    }
    if e.number.is_some_and(|n| number_alone(m, q, n)) {
        return 0.0;
    }
    let p = m.model.probability(f, lead);
    if e.kind == Some(EntryKind::Country) && asks_whether_signed(m, q, e) {
        return p.max(SIGNED_OR_NOT);
    }
    p
}

/// "can we play 20 questions", "rate the treaty 1-10": the number of an article or
/// chapter, with no word for either in the question, is some other number. (A number
/// next to the word, "article 20", never gets here: [`numbered`] answers it.)
fn number_alone(m: &Matcher, q: &Query, n: u32) -> bool {
    let names_a_kind = |t: Option<u32>| t.is_some() && (t == m.article_word || t == m.chapter_word);
    !q.words.iter().any(|w| names_a_kind(w.token))
        && q.words.iter().any(|w| w.word.parse() == Ok(n))
}

/// The probability given to a state's record when the question asks whether it signed.
const SIGNED_OR_NOT: f32 = 0.9;

/// "Did Brazil sign?", even inside a long message: the question names the state and
/// signing, and asks no who, why, how many, today or a detail the sources never give.
fn asks_whether_signed(m: &Matcher, q: &Query, e: &Indexed) -> bool {
    let a = q.asks;
    if a.who || a.why || a.count || q.now || q.not_held.is_some() || m.sign_word.is_none() {
        return false;
    }
    let has = |t: Option<u32>| q.words.iter().any(|w| w.token == t);
    has(m.sign_word)
        && q.words.iter().any(|w| {
            w.token
                .is_some_and(|t| e.name_tokens.binary_search(&t).is_ok())
        })
}

/// Each ranked candidate's lead in rank score over the best other one.
fn leads(ranked: &[(usize, Features, f32)]) -> Vec<f32> {
    let first = ranked.first().map_or(0.0, |r| r.2);
    let second = ranked.get(1).map_or(first - LEAD_CAP, |r| r.2);
    ranked
        .iter()
        .enumerate()
        .map(|(k, r)| if k == 0 { first - second } else { r.2 - first })
        .collect()
}

/// The best candidates by relevance, with their features.
fn featured(m: &Matcher, q: &Query) -> Vec<(usize, Features)> {
    let hits = retrieve(m, q, CANDIDATES, &named(m, q));
    // An entry the question names outright is always looked at.
    let shortlist = hits.best.iter().chain(&hits.named);
    let shared = features::Shared::new(m, q, &hits);
    let mut explained = Vec::with_capacity(q.words.len());
    shortlist
        .map(|&h| {
            let f = features::compute(m, q, &shared, h, &mut explained);
            (h.entry, f)
        })
        .collect()
}

/// The entries the question's words name outright, each once, in the order named.
fn named(m: &Matcher, q: &Query) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for w in &q.words {
        if let Some(&owner) = w.token.and_then(|t| m.name_owner.get(&t)) {
            if !out.contains(&owner) {
                out.push(owner);
            }
        }
    }
    out
}

pub(super) fn candidates(m: &Matcher, question: &str) -> Vec<(usize, Features)> {
    featured(m, &query::Reading::new(question).query(m))
}

/// Entries sharing a word with the question, by BM25F relevance: the first `best` of
/// them in order (best first, ties by entry), then those of `named` that share a word
/// but are not among them. Only those become hits: a short question's common word
/// ("convention") is shared by most entries, and sorting them all, then making a hit
/// of each, was most of its cost.
fn retrieve(m: &Matcher, q: &Query, best: usize, named: &[usize]) -> Retrieved {
    // Taken out of their cell for the question and put back (the sums all zeros): a
    // panic in between drops them, and the next question starts from fresh ones.
    let (mut acc, mut touched) = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    if acc.len() < m.entries.len() {
        acc.resize(m.entries.len(), [0.0; 3]);
    }
    touched.clear();
    for w in &q.words {
        let Some(t) = w.token else { continue };
        for p in &m.postings[t as usize] {
            let slot = &mut acc[p.entry as usize];
            if slot[0] == 0.0 {
                touched.push(u64::from(p.entry));
            }
            slot[0] += w.weight * p.bm25;
            slot[1] += w.weight * p.asked;
            slot[2] += w.weight * p.answer;
        }
    }
    let (mut top_asked, mut top_answer) = (1e-6f32, 1e-6f32);
    // Each touched entry becomes its sort key in place: best relevance first, ties by
    // entry, as one integer (comparing floats, then entries, on whole hits cost three
    // times as much).
    for k in touched.iter_mut() {
        let [relevance, asked, answer] = acc[*k as usize];
        top_asked = top_asked.max(asked);
        top_answer = top_answer.max(answer);
        *k |= u64::from(!order_bits(relevance)) << 32;
    }
    let entry_of = |key: u64| (key & u64::from(u32::MAX)) as usize;
    let first = best.min(touched.len());
    if best < touched.len() {
        touched.select_nth_unstable(best);
    }
    touched[..first].sort_unstable();
    let hit = |entry: usize| {
        let [relevance, asked, answer] = acc[entry];
        Hit {
            entry,
            relevance,
            asked,
            answer,
        }
    };
    let best_hits: Vec<Hit> = touched[..first].iter().map(|&k| hit(entry_of(k))).collect();
    let named = named
        .iter()
        .filter(|&&e| touched[first..].iter().any(|&k| entry_of(k) == e))
        .map(|&e| hit(e))
        .collect();
    for &k in touched.iter() {
        acc[entry_of(k)] = [0.0; 3];
    }
    SCRATCH.with(|s| *s.borrow_mut() = (acc, touched));
    Retrieved {
        best: best_hits,
        named,
        top_asked,
        top_answer,
    }
}

/// `x`'s bits as an integer in [`f32::total_cmp`]'s order: the sign flips the others.
fn order_bits(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | (1 << 31)
    }
}

thread_local! {
    /// Per-entry score sums of [`retrieve`], all zero between questions, and the
    /// entries it touched: buffers per thread instead of new ones the size of the
    /// knowledge per question.
    static SCRATCH: std::cell::RefCell<(Vec<[f32; 3]>, Vec<u64>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

pub(super) fn rank(m: &Matcher, partial: &str, limit: usize) -> Vec<usize> {
    let mut reading = query::Reading::new(partial);
    let numbered = numbered(m, &reading.folded, &mut reading.memo);
    if let Some(Numbered::Article(n) | Numbered::Chapter(n)) = numbered {
        let hit = m.articles.get(&n).or_else(|| m.chapters.get(&n));
        if let Some(&i) = hit {
            return vec![i];
        }
    }
    // No typo correction while typing: the last word may be half a word.
    let (words, core) = query::joined(m, crate::text::words(&reading.folded), &reading.folded);
    let q = query::read(m, partial, &words, core, &[], true, &mut reading.memo);
    retrieve(m, &q, limit, &[])
        .best
        .into_iter()
        .map(|h| h.entry)
        .collect()
}

pub(super) fn explain(m: &Matcher, question: &str) -> Explanation {
    let q = query::Reading::new(question).query(m);
    let hits = retrieve(m, &q, CANDIDATES, &named(m, &q));
    let mut ranked: Vec<(usize, Features, f32)> = featured(m, &q)
        .into_iter()
        .map(|(i, f)| (i, f, m.model.score(&f)))
        .collect();
    ranked.sort_by(|a, b| b.2.total_cmp(&a.2));
    let candidates = ranked
        .iter()
        .zip(leads(&ranked))
        .map(|(&(i, f, score), lead)| {
            let rel = hits
                .best
                .iter()
                .chain(&hits.named)
                .find(|h| h.entry == i)
                .map_or(0.0, |h| h.relevance);
            Candidate {
                entry: i,
                relevance: rel,
                score,
                lead,
                features: f,
                probability: probability(m, &q, i, &f, lead),
            }
        })
        .collect();
    let a = q.asks;
    let asks = [
        (a.who, "who"),
        (a.when, "when"),
        (a.where_, "where"),
        (a.count, "how many"),
    ]
    .into_iter()
    .filter_map(|(on, s)| on.then_some(s))
    .collect();
    Explanation {
        words: q
            .words
            .iter()
            .map(|w| {
                let token = w.token.map(|t| m.token_names[t as usize].to_string());
                (w.word.clone(), token, w.weight, w.corrected)
            })
            .collect(),
        asks,
        focus: q.focus.map(|i| q.words[i].word.clone()),
        candidates,
        threshold: m.config.threshold,
        margin: m.config.margin,
    }
}

/// "article 41", "điều 41", "art. 41", "chapter 9": a reference by number, which needs
/// no guessing. The number must follow the word with only spaces (or the abbreviation's
/// dot) between: "bao nhiêu điều, 71 hay 68" counts articles, it names none.
/// `folded` is the question after acronyms and folding; `memo` stems a word once per
/// question (the reading asks about the same words).
fn numbered(m: &Matcher, folded: &str, memo: &mut query::Resolved) -> Option<Numbered> {
    // (word, separator before the next); a word takes two bytes at least.
    let mut tokens: Vec<(&str, &str)> = Vec::with_capacity(folded.len() / 2 + 1);
    let mut rest = folded;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let sep_end = after
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(after.len());
        tokens.push((word, &after[..sep_end]));
        rest = &after[sep_end..];
    }
    let found = numbered_in(m, &tokens, memo)?;
    // Looked at only once a number is found: most questions name no article.
    (!names_another_treaty(m, &tokens, memo)).then_some(found)
}

/// The reference by number among the words of a question, as [`numbered`] reads it.
fn numbered_in(
    m: &Matcher,
    tokens: &[(&str, &str)],
    memo: &mut query::Resolved,
) -> Option<Numbered> {
    let mut kind = |word: &str| {
        let t = match word {
            "art" | "arts" => m.article_word,
            "chap" | "ch" => m.chapter_word,
            _ => memo
                .lookup(m, word)
                .or_else(|| m.vocab.correct(word).map(|(_, t)| t)),
        }?;
        if Some(t) == m.article_word {
            Some(Numbered::Article as fn(u32) -> Numbered)
        } else if Some(t) == m.chapter_word {
            Some(Numbered::Chapter as fn(u32) -> Numbered)
        } else {
            None
        }
    };
    for i in 0..tokens.len() {
        let (word, sep) = tokens[i];
        // "the sixth chapter", "the 90th article", "the sixty-eighth article".
        // The ordinal and its noun are one phrase: "first, article 5" is article 5.
        let adjacent = |sep: &str| matches!(sep, " " | "-");
        if let (Some(n), Some(&(next, _)), true) = (ordinal(word), tokens.get(i + 1), adjacent(sep))
        {
            let tens = i
                .checked_sub(1)
                .filter(|&j| adjacent(tokens[j].1))
                .and_then(|j| tens_word(tokens[j].0))
                .filter(|_| n < 10)
                .unwrap_or(0);
            if let Some(numbered) = kind(next) {
                return Some(numbered(tens + n));
            }
        }
        // "article 41", "art. 41", "chapter two", "điều thứ 5" ("thứ" marks an ordinal).
        let Some(mut j) = (i + 1 < tokens.len()).then_some(i + 1) else {
            continue;
        };
        if !matches!(sep.trim(), "" | "." | "#" | "no." | ":") {
            continue;
        }
        if tokens[j].0 == "thu" && j + 1 < tokens.len() {
            j += 1;
        }
        let next = tokens[j].0;
        // `next` is one run of letters and digits: a number only if it starts with a
        // digit ("41", "41st") or is a number word.
        let Some(n) = next
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| crate::text::words(next).first()?.parse().ok())
            .flatten()
            .or_else(|| number_word(next))
        else {
            continue;
        };
        if let Some(numbered) = kind(word) {
            return Some(numbered(n));
        }
    }
    None
}

/// "budapest convention art 32", "Công ước Budapest điều 5": a word the knowledge has
/// never seen (nor a slip of one) beside "convention" or "treaty" names another treaty,
/// and the number is that treaty's article, not this one's.
fn names_another_treaty(m: &Matcher, tokens: &[(&str, &str)], memo: &mut query::Resolved) -> bool {
    let mut unknown = |w: &str| {
        !w.starts_with(|c: char| c.is_ascii_digit())
            && !crate::text::is_filler(w)
            && memo.lookup(m, w).is_none()
            && m.vocab.correct(w).is_none()
    };
    tokens.windows(2).any(|p| {
        let (a, b) = (p[0].0, p[1].0);
        (matches!(b, "convention" | "conventions" | "treaty" | "treaties") && unknown(a))
            || (a == "uoc" && unknown(b))
    })
}

/// An ordinal written out ("sixth", "ninetieth") or in digits ("6th", "41st").
fn ordinal(w: &str) -> Option<u32> {
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    // Every ordinal, written out or in digits, ends so: most words are none.
    if !["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)) {
        return None;
    }
    if let Some(i) = UNITS.iter().position(|&x| x == w) {
        return Some(i as u32 + 1);
    }
    if let Some(i) = TENS.iter().position(|&x| x == w) {
        return Some(20 + 10 * i as u32);
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    matches!(suffix, "st" | "nd" | "rd" | "th")
        .then(|| digits.parse().ok())
        .flatten()
}

/// The tens of a compound ordinal ("sixty" in "sixty-eighth").
fn tens_word(w: &str) -> Option<u32> {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|&x| x == w)
        .map(|i| 20 + 10 * i as u32)
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
            about_now: false,
            not_held: None,
        },
        None => Match {
            best: None,
            confidence: 0.0,
            answered: false,
            alternatives: Vec::new(),
            note: Some(note),
            about_now: false,
            not_held: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::order_bits;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn order_bits_orders_as_total_cmp(a in any::<f32>(), b in any::<f32>()) {
            prop_assert_eq!(order_bits(a).cmp(&order_bits(b)), a.total_cmp(&b));
        }
    }

    #[test]
    fn order_bits_orders_the_ends_of_the_line() {
        let xs = [
            f32::NEG_INFINITY,
            -1.0,
            -0.0,
            0.0,
            f32::MIN_POSITIVE,
            1.0,
            f32::INFINITY,
        ];
        assert!(xs.windows(2).all(|w| order_bits(w[0]) < order_bits(w[1])));
    }
}
