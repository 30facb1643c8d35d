//! A question as the matcher reads it: its content words, what it asks for, and the
//! signs that it asks about something the knowledge may not hold.
//!
//! Besides the words themselves ([`QWord`]), a [`Query`] records what the question
//! asks for ([`Asks`]: a person, a time, a place, a count), its *focus* (the first content
//! word after the question word: "how many **arrests**", "who is the **head** of"), time
//! words that point past the knowledge's last date ("now", "so far"), and capitalised
//! names the knowledge has never seen ("Geneva", "Interpol").
//!
//! Long messages carry context about the asker ("I'm a student and my teacher said…").
//! The sentence that holds the question is the *core*; words outside it weigh less, and
//! words that describe the asker rather than the topic
//! ([`CONTEXT`](super::wordlists::CONTEXT)) weigh almost nothing.

use super::asks::{asks, Asks};
use super::engine::Matcher;
use super::general;
use super::wordlists::{is_context, is_question_word, NOW, YET};
use crate::text::{fold, is_filler};

/// One content word of the question.
#[derive(Debug, Clone)]
pub(crate) struct QWord {
    /// The folded word as typed.
    pub word: String,
    /// Token id, or `None` for a word the knowledge has never seen.
    pub token: Option<u32>,
    /// The token's inverse document frequency (the unknown weight for unknown words).
    pub idf: f32,
    /// Ranking weight: `idf` scaled down outside the core sentence and for context words.
    pub weight: f32,
    /// How telling the word is in general language (0 = says nothing, 1 = rare).
    pub info: f32,
    /// In the sentence that asks the question.
    pub core: bool,
    /// Reached only through typo correction.
    pub corrected: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub words: Vec<QWord>,
    pub asks: Asks,
    /// Index into `words` of the question's focus.
    pub focus: Option<usize>,
    /// "now", "currently", "so far", "hiện nay": the state after the knowledge's date.
    pub now: bool,
    /// "yet", "still", "chưa": often about the present, sometimes not.
    pub yet: bool,
    /// Capitalised words (not opening a sentence) the knowledge does not know.
    pub unknown_names: u32,
    /// A core word asking for a detail the knowledge does not hold: its group in
    /// `Knowledge::not_held` and its token, if the index knows the word at all.
    pub not_held: Option<(usize, Option<u32>)>,
}

/// Words resolved while reading one question, kept for the question: a word the index
/// has not seen as written is stemmed to be looked up ([`Matcher::resolve_unseen`]), and
/// the typo step, the reading and the count of unknown names each ask about it. Words
/// the index has seen cost a hash lookup and are not kept.
#[derive(Debug, Default)]
pub(crate) struct Resolved(Vec<(Box<str>, Option<u32>, Box<str>)>);

impl Resolved {
    /// The token of a folded word the index knows, as written or under another
    /// inflection or synonym, and the word's canonical token; each unseen word is
    /// stemmed once per question.
    pub fn resolve<'a>(&'a mut self, m: &'a Matcher, word: &str) -> (Option<u32>, &'a str) {
        if let Some(&t) = m.vocab.words.get(word) {
            return (Some(t), &m.token_names[t as usize]);
        }
        let i = match self.0.iter().position(|(w, _, _)| **w == *word) {
            Some(i) => i,
            None => {
                let (t, canonical) = m.resolve_unseen(word);
                self.0.push((word.into(), t, canonical.into()));
                self.0.len() - 1
            }
        };
        let (_, t, canonical) = &self.0[i];
        (*t, canonical)
    }

    /// The token of [`Resolved::resolve`].
    pub fn lookup(&mut self, m: &Matcher, word: &str) -> Option<u32> {
        self.resolve(m, word).0
    }
}

/// A question being read: as typed, folded once (acronyms expanded) for every step
/// that reads it, and the stems looked up so far.
pub(crate) struct Reading<'q> {
    pub raw: &'q str,
    pub folded: String,
    pub memo: Resolved,
}

impl<'q> Reading<'q> {
    pub fn new(raw: &'q str) -> Reading<'q> {
        Reading {
            raw,
            folded: fold(&crate::text::expand_acronyms(raw)),
            memo: Resolved::default(),
        }
    }

    /// The whole question read: typos corrected, terms joined ([`words`]), then [`read`].
    pub fn query(&mut self, m: &Matcher) -> Query {
        let (words, corrected, core) = words(m, &self.folded, &mut self.memo);
        read(m, self.raw, &words, core, &corrected, false, &mut self.memo)
    }
}

/// Weight of a word outside the core sentence of a long message.
const CONTEXT_SENTENCE: f32 = 0.5;
/// Weight of a word that describes the asker, not the topic.
const CONTEXT_WORD: f32 = 0.15;

/// The folded words of a question with typos corrected and multi-word terms joined,
/// the words reached by correction, and which words are in the core sentence
/// ([`core_words`]). Correcting before joining lets "prime minster" become one term.
/// `folded` is the question after `expand_acronyms` and `fold`.
pub(crate) fn words(
    m: &Matcher,
    folded: &str,
    memo: &mut Resolved,
) -> (Vec<String>, Vec<String>, Option<Vec<bool>>) {
    let mut corrected = Vec::new();
    let mut fixed: Vec<String> = crate::text::words(folded)
        .into_iter()
        .map(|w| {
            // A word listed as asking for a detail not held means itself: "singers"
            // is not a slip for "signers".
            let known = is_filler(&w)
                || {
                    let (t, canonical) = memo.resolve(m, &w);
                    t.is_some() || m.not_held_group(&w, canonical).is_some()
                }
                || m.analyzer.is_part(&w)
                || m.analyzer.is_start(&w)
                || m.analyzer.short_form(&w).is_some();
            if known {
                return w;
            }
            if let Some(q) = question_word_typo(&w) {
                return q.to_string();
            }
            // A common word is meant, unless it is a known word with two letters swapped.
            let common = general::is_common(&w);
            if common && !m.vocab.has_transposed(&w) {
                return w;
            }
            match m.vocab.correct(&w) {
                Some((c, _)) if !common || super::vocabulary::is_transposition(&w, c) => {
                    corrected.push(c.to_string());
                    c.to_string()
                }
                _ => w,
            }
        })
        .collect();
    were_as_where(&mut fixed);
    let (words, core) = joined(m, fixed, folded);
    (words, corrected, core)
}

/// `ws` (the words of `folded`, one for one) with multi-word terms joined, and which
/// joined words are in the core sentence: a term is where its first word is.
pub(crate) fn joined(
    m: &Matcher,
    ws: Vec<String>,
    folded: &str,
) -> (Vec<String>, Option<Vec<bool>>) {
    let n = ws.len();
    let (words, starts) = m.analyzer.join_at(ws);
    let core = core_words(folded, n).map(|mask| starts.iter().map(|&i| mask[i]).collect());
    (words, core)
}

/// "were did the sessions take place": "were" before an auxiliary is "where" mistyped
/// (a real "were" is followed by its subject or a participle, never by "did" or "is").
fn were_as_where(words: &mut [String]) {
    const AUX: &[&str] = &[
        "are", "can", "could", "did", "do", "does", "is", "should", "was", "will", "would",
    ];
    for i in 1..words.len() {
        if words[i - 1] == "were" && AUX.contains(&words[i].as_str()) {
            words[i - 1] = "where".to_string();
        }
    }
}

/// A question word as users mistype it ("wich", "whn", "waht", "wher"): too short for
/// the typo index, which corrects words of 4 letters only to names, yet it says what is
/// asked. One edit from exactly one question word with the same first letter, or, when
/// two are that close, the one the typed letters are a subsequence of ("whn" is "when"
/// with a letter dropped, not "who" mistyped). A common word ("wheat") is meant.
fn question_word_typo(w: &str) -> Option<&'static str> {
    const TARGETS: &[&str] = &[
        "how", "what", "whats", "when", "where", "which", "who", "why",
    ];
    if !(3..=6).contains(&w.len())
        || !w.bytes().all(|b| b.is_ascii_lowercase())
        || is_question_word(w)
        || general::is_common(w)
    {
        return None;
    }
    let near: Vec<&'static str> = TARGETS
        .iter()
        .copied()
        .filter(|t| t.as_bytes()[0] == w.as_bytes()[0] && strsim::osa_distance(w, t) == 1)
        .collect();
    let only = |v: &[&'static str]| (v.len() == 1).then(|| v[0]);
    only(&near).or_else(|| {
        let dropped: Vec<&'static str> = near
            .iter()
            .copied()
            .filter(|t| is_subsequence(w, t))
            .collect();
        only(&dropped)
    })
}

/// Whether the letters of `a` appear in `b` in order.
fn is_subsequence(a: &str, b: &str) -> bool {
    let mut rest = b.chars();
    a.chars().all(|c| rest.any(|d| d == c))
}

/// Reads a question: `words` and `corrected` are what [`words`] made of `raw`.
pub(crate) fn read(
    m: &Matcher,
    raw: &str,
    words: &[String],
    core: Option<Vec<bool>>,
    corrected: &[String],
    prefix: bool,
    memo: &mut Resolved,
) -> Query {
    let mut q = Query {
        asks: asks(words),
        ..Query::default()
    };
    // Time words of the sentence that asks: "my seminar this week" tells when the
    // asker writes, not what they ask about.
    let is_core = |i: usize| core.as_ref().is_none_or(|c| c[i]);
    for (i, w) in words.iter().enumerate() {
        if !is_core(i) {
            continue;
        }
        q.now |= NOW.contains(&w.as_str());
        q.yet |= YET.contains(&w.as_str());
    }
    // Two-word forms ("so far") as their joined word, without building it.
    let joins = |list: &[&str], a: &str, b: &str| {
        list.iter()
            .any(|x| x.len() == a.len() + b.len() && x.starts_with(a) && x.ends_with(b))
    };
    for (i, w) in words.windows(2).enumerate() {
        if !is_core(i) {
            continue;
        }
        q.now |= joins(NOW, &w[0], &w[1]);
        q.yet |= joins(YET, &w[0], &w[1]);
    }
    let last = words.len().saturating_sub(1);
    let mut after_question_word = false;
    for (i, w) in words.iter().enumerate() {
        if is_question_word(w) {
            after_question_word = true;
        }
        let in_core = is_core(i);
        let filler = is_filler(w);
        // The word's token, looked up (and stemmed) at most once.
        let mut token = None;
        if q.not_held.is_none() && in_core && (!filler || m.not_held_fillers.contains(w.as_str())) {
            // A word that names someone is their name, not the detail it also spells
            // once folded ("Lương" the surname, "lương" the salary).
            let (t, canonical) = memo.resolve(m, w);
            token = Some(t);
            let names = t.is_some_and(|t| m.name_tokens.contains(&t));
            if let Some(g) = m.not_held_group(w, canonical).filter(|_| !names) {
                q.not_held = Some((g, t));
            }
        }
        if filler {
            continue;
        }
        let context = is_context(w);
        let scale = if context {
            CONTEXT_WORD
        } else if in_core {
            1.0
        } else {
            CONTEXT_SENTENCE
        };
        let token = token.unwrap_or_else(|| memo.lookup(m, w));
        let was_corrected = corrected.iter().any(|c| c == w);
        if token.is_none() && prefix && i == last {
            for t in m.vocab.completions(w, 4) {
                push(&mut q.words, m, w, Some(t), (0.5, context), in_core, false);
            }
            continue;
        }
        let before = q.words.len();
        push(
            &mut q.words,
            m,
            w,
            token,
            (scale, context),
            in_core,
            was_corrected,
        );
        let may_focus = after_question_word && in_core && !is_question_word(w);
        if q.focus.is_none() && may_focus && q.words.len() > before {
            q.focus = Some(before);
        }
        if q.focus.is_none() && may_focus && q.words.len() == before {
            // A repeated word: the focus is the earlier occurrence.
            q.focus = q
                .words
                .iter()
                .position(|x| x.word == *w || x.token == token);
        }
    }
    q.now |= ratified_by_a_state(m, &q, words);
    q.unknown_names = unknown_names(m, raw, memo);
    q
}

/// "Has Russia ratified?", "did the UK ratify": a state's ratification is after the
/// knowledge's last date (the signing), so the question is about today. A question on
/// the rule for entry into force names no state ("how many states must ratify") or
/// asks what counts ("would the EU's ratification count").
fn ratified_by_a_state(m: &Matcher, q: &Query, words: &[String]) -> bool {
    const RULE: &[&str] = &["count", "counts", "need", "needed", "needs", "required"];
    if q.asks.count || words.iter().any(|w| RULE.contains(&w.as_str())) {
        return false;
    }
    m.ratify_word.is_some()
        && q.words.iter().any(|w| w.token == m.ratify_word)
        && q.words
            .iter()
            .any(|w| w.token.is_some_and(|t| m.state_tokens.contains(&t)))
}

fn push(
    out: &mut Vec<QWord>,
    m: &Matcher,
    word: &str,
    token: Option<u32>,
    (scale, context): (f32, bool),
    core: bool,
    corrected: bool,
) {
    if token.is_some() && out.iter().any(|x| x.token == token) {
        return;
    }
    let idf = token.map_or(m.unknown_weight, |t| m.idf[t as usize]);
    let info = if context {
        0.0
    } else {
        general::informativeness(word)
    };
    out.push(QWord {
        word: word.to_string(),
        token,
        idf,
        weight: idf * scale,
        info,
        core,
        corrected,
    });
}

/// Which words of `folded` ([`crate::text::words`], before any join) lie in the
/// question's core sentence, for messages of several sentences: the sentences with a
/// question mark, else the last one. `None`: all core. Sentences are cut in the folded
/// text the words come from, so the mask fits them one for one: acronyms are already
/// written out ("U.S." has no full stops left) and numbers joined ("2.500").
fn core_words(folded: &str, n_words: usize) -> Option<Vec<bool>> {
    let sentences: Vec<&str> = folded
        .split_inclusive(['.', '?', '!', ';', '\n'])
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    if sentences.len() < 2 {
        return None;
    }
    let asking: Vec<bool> = sentences.iter().map(|s| s.contains('?')).collect();
    let any = asking.iter().any(|&a| a);
    let mut out = Vec::with_capacity(n_words);
    for (i, s) in sentences.iter().enumerate() {
        let core = if any {
            asking[i]
        } else {
            i + 1 == sentences.len()
        };
        out.extend(std::iter::repeat_n(
            core,
            crate::text::word_slices(s).count(),
        ));
    }
    // Words never span a sentence mark, so the counts add up; a mismatch would be a
    // bug, and then the whole question counts as core, as a single sentence does.
    (out.len() == n_words).then_some(out)
}

/// Capitalised words that do not open a sentence and that the knowledge does not know:
/// names of places, bodies or documents it holds nothing about.
fn unknown_names(m: &Matcher, raw: &str, memo: &mut Resolved) -> u32 {
    let mut n = 0;
    let mut sentence_start = true;
    for w in raw.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '?' && c != '!') {
        if w.is_empty() {
            continue;
        }
        let ends = w.ends_with(['.', '?', '!']);
        let w = w.trim_end_matches(['.', '?', '!']);
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital && !sentence_start && w.chars().count() > 1 {
            let f = fold(w);
            if !is_filler(&f) && memo.lookup(m, &f).is_none() && m.vocab.correct(&f).is_none() {
                n += 1;
            }
        }
        sentence_start = ends;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_list_is_sorted() {
        use super::super::wordlists::CONTEXT;
        assert!(CONTEXT.windows(2).all(|w| w[0] < w[1]));
        assert!(CONTEXT.iter().all(|w| is_context(w)));
        assert!(!is_context("convention"));
    }

    #[test]
    fn were_before_an_auxiliary_is_where() {
        let w = |s: &str| {
            let mut ws = crate::text::words(&fold(s));
            were_as_where(&mut ws);
            ws.join(" ")
        };
        assert_eq!(
            w("were did the sessions take place"),
            "where did the sessions take place"
        );
        assert_eq!(w("were is the venue"), "where is the venue");
        assert_eq!(
            w("how many states were there"),
            "how many states were there"
        );
        assert_eq!(w("were the talks in vienna"), "were the talks in vienna");
    }

    #[test]
    fn mistyped_question_words_are_read_as_question_words() {
        for (typed, meant) in [
            ("wich", "which"),
            ("whn", "when"),
            ("waht", "what"),
            ("wher", "where"),
            ("whcih", "which"),
            ("wats", "whats"),
        ] {
            assert_eq!(question_word_typo(typed), Some(meant), "{typed}");
        }
        // A common word, a known question word.
        for typed in ["wheat", "what", "wen", "whom"] {
            assert_eq!(question_word_typo(typed), None, "{typed}");
        }
    }

    #[test]
    fn the_core_sentence_survives_joined_terms_and_written_out_acronyms() {
        let k = crate::knowledge::Knowledge::embedded().expect("shipped knowledge");
        let m = Matcher::new(&k, crate::matcher::MatcherConfig::default());
        let ask = "How many countries signed the Hanoi Convention by the end of the ceremony?";
        let raw = format!("I study in the U.S. and my prime minister told us so. {ask}");
        let mut r = Reading::new(&raw);
        let (all, _, core) = words(&m, &r.folded, &mut r.memo);
        let core = core.expect("two sentences");
        let asked: Vec<&str> = all
            .iter()
            .zip(&core)
            .filter(|(_, &c)| c)
            .map(|(w, _)| w.as_str())
            .collect();
        let mut alone = Reading::new(ask);
        let (expected, _, none) = words(&m, &alone.folded, &mut alone.memo);
        assert!(none.is_none());
        assert_eq!(asked, expected);
    }

    #[test]
    fn short_forms_take_part_in_joins() {
        let k = crate::knowledge::Knowledge::embedded().expect("shipped knowledge");
        let m = Matcher::new(&k, crate::matcher::MatcherConfig::default());
        let read = |q: &str| {
            let mut r = Reading::new(q);
            words(&m, &r.folded, &mut r.memo).0
        };
        assert_eq!(
            read("hw long can ppl still sign"),
            read("how long can people still sign")
        );
        assert_eq!(read("why didnt they sign"), read("why not they sign"));
        assert_eq!(
            read("what did the prez say"),
            read("what did the president say")
        );
    }

    #[test]
    fn the_core_sentence_is_the_one_that_asks() {
        let raw = fold("I'm a student. My teacher said it was signed. When was it signed?");
        let n = crate::text::words(&raw).len();
        let core = core_words(&raw, n).unwrap();
        assert_eq!(core.iter().filter(|&&c| c).count(), 4);
        assert!(core_words("just one sentence here", 4).is_none());
    }
}
