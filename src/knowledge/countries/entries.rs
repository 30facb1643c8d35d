//! A `[[country]]` record as an answerable entry: its names (the record's own, the
//! country data's, its ISO alpha-3 code), two generated phrasings, and an answer in
//! English and Vietnamese composed from status, date, source and confidence, so every
//! record says the same thing the same way.

use super::super::entry::clip;
use super::super::model::Country;
use super::super::{Entry, EntryKind, Knowledge};
use super::compose::{answer_en, answer_vi};
use super::{key, known_by_iso, usable};
use crate::text::{expand_acronyms, is_filler};
use std::collections::{HashMap, HashSet};

pub(in crate::knowledge) use super::compose::{by_region_entry, not_signed_entry, NOT_SIGNED_ID};

pub(in crate::knowledge) const STATUSES: &[&str] = &["signed", "reported-not-signed", "attended"];
pub(in crate::knowledge) const KINDS: &[&str] = &["state", "regional-organisation"];
pub(in crate::knowledge) const CONFIDENCES: &[&str] = &["high", "medium", "low"];

/// ISO alpha-3 codes that are also English words ("ago", "can", "jam"): a question
/// using the word does not name the state.
const WORD_CODES: &[&str] = &[
    "AGO", "AND", "ARE", "BEN", "BRA", "CAN", "COD", "COM", "CUB", "DOM", "FIN", "GIN", "GUY",
    "IND", "JAM", "MAR", "PAN", "PER", "TON",
];

/// What can be asked about a state's signature (the synonyms bring "signed", "ký kết").
/// Few words on purpose: each is added to every record, which makes it rarer-weighted
/// everywhere. Not ratification or joining: the knowledge holds no state's
/// ratification, and "has X ratified?" must not be answered "yes: X signed".
const COUNTRY_WORDS: &[&str] = &["country", "sign", "signatory", "ky", "not"];

/// The names a record is known by, in order: its own name, its Vietnamese name (unless
/// it is one short word Vietnamese uses otherwise, like "Bỉ" = "bị"), its aliases, the
/// country data's names for its ISO code, and the code itself.
pub(in crate::knowledge) fn names_of(c: &Country) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut push = |n: &str| {
        let k = key(n);
        // "nước Mỹ" would reach the matcher as "nước Hoa Kỳ": "nước" alone (country)
        // would become a name. The name the acronym pass produces is listed anyway.
        let rewritten = k.contains(' ') && expand_acronyms(n) != n;
        if !k.is_empty() && !rewritten && !keys.contains(&k) {
            out.push(n.to_string());
            keys.push(k);
        }
    };
    push(&c.name);
    if vi_is_a_name(&c.name_vi) {
        push(&c.name_vi);
    }
    for a in &c.aliases {
        push(a);
    }
    if let Some(k) = c.iso.as_deref().and_then(known_by_iso) {
        for n in &k.names {
            push(n);
        }
        if !WORD_CODES.contains(&k.alpha3.as_str()) {
            push(&k.alpha3);
        }
    }
    out
}

/// A Vietnamese name is a name on its own if it has two words, or one of three letters
/// or more that is not a filler ("Pháp", "Nga" yes; "Bỉ", "Áo", "Mỹ" no).
fn vi_is_a_name(name: &str) -> bool {
    let k = key(name);
    usable(name, 2) || (!k.contains(' ') && k.chars().count() >= 3 && !is_filler(&k))
}

/// Adds each record's names as a synonym group, so "United States" is one word to the
/// matcher (not "united" + "states" = countries) and "Hoa Kỳ" one name. A record whose
/// names a group of the file already holds ("Viet Nam", "EU") joins that group.
pub(in crate::knowledge) fn add_synonyms(records: &[Country], groups: &mut Vec<Vec<String>>) {
    // Each term's key, computed once: key → the first group holding it, and each
    // group's keys (folding every term again for every record was most of the load).
    let mut first_group: HashMap<String, usize> = HashMap::new();
    let mut group_keys: Vec<HashSet<String>> = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let keys: HashSet<String> = g.iter().map(|t| key(t)).collect();
        for k in &keys {
            first_group.entry(k.clone()).or_insert(i);
        }
        group_keys.push(keys);
    }
    for c in records {
        let terms: Vec<String> = names_of(c)
            .into_iter()
            .filter(|n| {
                let k = key(n);
                k.contains(' ') || !is_filler(&k)
            })
            .collect();
        let keys: Vec<String> = terms.iter().map(|t| key(t)).collect();
        let i = match keys.iter().filter_map(|k| first_group.get(k)).min() {
            Some(&i) => {
                for (t, k) in terms.into_iter().zip(keys) {
                    if group_keys[i].insert(k.clone()) {
                        let first = first_group.entry(k).or_insert(i);
                        *first = (*first).min(i);
                        groups[i].push(t);
                    }
                }
                continue;
            }
            None => groups.len(),
        };
        let mut own = HashSet::new();
        for k in keys {
            first_group.entry(k.clone()).or_insert(i);
            own.insert(k);
        }
        group_keys.push(own);
        groups.push(terms);
    }
}

pub(in crate::knowledge) fn country_entry(k: &Knowledge, c: &Country) -> Entry {
    let the = if c.definite { "the " } else { "" };
    let questions = vec![
        format!("Did {the}{} sign the convention?", c.name),
        format!("{} đã ký Công ước chưa?", c.name_vi),
    ];
    let source = match &c.url {
        Some(u) => format!("{} {u}", c.source),
        None => c.source.clone(),
    };
    Entry {
        id: c.id.clone(),
        kind: EntryKind::Country,
        topic: "participation".into(),
        questions,
        keywords: Vec::new(),
        names: names_of(c),
        attributes: COUNTRY_WORDS,
        answer: clip(answer_en(k, c)),
        answer_vi: Some(clip(answer_vi(k, c))),
        source,
        as_of: c.as_of.clone(),
        related: Vec::new(),
        number: None,
        notes: Vec::new(),
        refusal: false,
        holds_now: false,
    }
}
