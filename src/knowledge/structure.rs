//! The file as a whole: what `[meta]` says the event and a complete file are, and the
//! convention's chapters and articles, each there once and each article in one chapter.
//!
//! These rules catch a file saved half-way (a crash, an editor writing in place, a
//! copy cut short): its last tables are missing, which the declared chapters, articles
//! and tables of `[meta]` reveal, and a problem names the line where the file now ends.

use super::model::{RawKnowledge, MAX_ANSWER, TABLES};
use super::report::{date, Report};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// `[meta]`: filled in, and its days an event's: in order, distinct, between its first
/// and last day, in years where time arithmetic cannot overflow. Returns the event's
/// first and last day when they are sound.
pub(super) fn meta(r: &mut Report, raw: &RawKnowledge) -> Option<(NaiveDate, NaiveDate)> {
    let m = &raw.meta;
    let at = r.meta_span();
    for (field, v) in [
        ("title", &m.title),
        ("version", &m.version),
        ("timezone", &m.timezone),
        ("source", &m.source),
    ] {
        r.nonempty(at.clone(), "meta", field, v);
    }
    let sane = |d: NaiveDate| (1970..=9999).contains(&chrono::Datelike::year(&d));
    let (first, last) = (date(&m.first_day), date(&m.last_day));
    let span = match (first, last) {
        (Some(f), Some(l)) if !sane(f) || !sane(l) => Err(format!(
            "first_day {f} and last_day {l} must be in the years 1970 to 9999"
        )),
        (Some(f), Some(l)) if l < f => Err(format!("first_day {f} is after last_day {l}")),
        (Some(f), Some(l)) => Ok((f, l)),
        _ => Err("first_day and last_day must be YYYY-MM-DD".into()),
    };
    let span = span.map_err(|e| r.at(at.clone(), "meta", e)).ok();
    let mut previous: Option<NaiveDate> = None;
    for d in m.event_days.iter().filter_map(|d| date(d)) {
        if let Some((f, l)) = span.filter(|(f, l)| d < *f || d > *l) {
            r.at(
                at.clone(),
                "meta",
                format!("event day {d} is outside the event ({f} to {l})"),
            );
        }
        match previous {
            Some(p) if p == d => r.at(at.clone(), "meta", format!("event day {d} is listed twice")),
            Some(p) if p > d => r.at(
                at.clone(),
                "meta",
                format!("event day {d} comes after {p}: list the days in order"),
            ),
            _ => {}
        }
        previous = Some(d);
    }
    for t in &m.tables {
        if !TABLES.contains(&t.as_str()) {
            r.at(
                at.clone(),
                "meta",
                format!("tables: unknown table {t:?} (one of {})", TABLES.join(", ")),
            );
        }
    }
    span
}

/// Declared tables present; chapters and articles numbered without gaps (up to the
/// declared counts), each article in exactly one chapter's range.
pub(super) fn check(r: &mut Report, raw: &RawKnowledge) {
    let counts: HashMap<&str, usize> = [
        ("synonym", raw.synonym.len()),
        ("qa", raw.qa.len()),
        ("fact", raw.fact.len()),
        ("session", raw.session.len()),
        ("person", raw.person.len()),
        ("chapter", raw.chapter.len()),
        ("article", raw.article.len()),
        ("country", raw.country.len()),
        ("signatories", usize::from(raw.signatories.is_some())),
        ("not_held", raw.not_held.len()),
    ]
    .into();
    let end = r.end_span();
    // A file with no table at all holds nothing to answer from: cut short before its
    // first table, perhaps before the declarations above that would have said so.
    if counts.values().all(|&n| n == 0) {
        r.at(
            end.clone(),
            "",
            "the file ends here without a single table (no [[qa]], [[fact]], [[synonym]], …): was it saved half-way?".into(),
        );
    }
    for t in &raw.meta.tables {
        if counts.get(t.as_str()) == Some(&0) {
            let brackets = if t == "signatories" { "[]" } else { "[[]]" };
            let (open, close) = brackets.split_at(brackets.len() / 2);
            r.at(
                end.clone(),
                "",
                format!(
                    "the file ends here without any {open}{t}{close} table: was it saved half-way?"
                ),
            );
        }
    }
    chapters(r, raw);
    articles(r, raw);
}

fn chapters(r: &mut Report, raw: &RawKnowledge) {
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, c) in raw.chapter.iter().enumerate() {
        let (span, c) = (c.span(), c.get_ref());
        let id = format!("chapter {}", c.number);
        if seen.insert(c.number, i).is_some() {
            r.at(span.clone(), &id, "duplicate chapter number".into());
        }
        r.nonempty(span.clone(), &id, "title", &c.title);
        if c.articles[0] > c.articles[1] {
            r.at(span.clone(), &id, "article range runs backwards".into());
        }
    }
    let declared = raw.meta.chapters;
    let top = declared.unwrap_or_else(|| seen.keys().next_back().copied().unwrap_or(0));
    let end = r.end_span();
    for (a, b) in missing(seen.keys().copied(), top) {
        r.at(end.clone(), "", numbered("chapter", a, b, "missing"));
    }
    for (&n, &i) in seen.range(top.saturating_add(1)..) {
        let span = raw.chapter[i].span();
        r.at(
            span,
            "",
            format!("chapter {n} is beyond the {top} chapters of [meta]"),
        );
    }
}

fn articles(r: &mut Report, raw: &RawKnowledge) {
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, a) in raw.article.iter().enumerate() {
        let (span, a) = (a.span(), a.get_ref());
        let id = format!("article {}", a.number);
        if seen.insert(a.number, i).is_some() {
            r.at(span.clone(), &id, "duplicate article number".into());
        }
        r.nonempty(span.clone(), &id, "title", &a.title);
        r.nonempty(span.clone(), &id, "source", &a.source);
        if !matches!(a.basis.as_str(), "sourced" | "structure") {
            r.at(
                span.clone(),
                &id,
                format!("basis {:?} is not \"sourced\" or \"structure\"", a.basis),
            );
        }
        if let Some(s) = &a.summary {
            r.max_len(span.clone(), &id, "summary", s, MAX_ANSWER);
        }
    }
    // The last article there should be: the declared count, else the highest present.
    let declared = raw.meta.articles;
    let top = declared.unwrap_or_else(|| seen.keys().next_back().copied().unwrap_or(0));
    let chapters: Vec<(u32, [u32; 2], std::ops::Range<usize>)> = raw
        .chapter
        .iter()
        .map(|c| (c.get_ref().number, c.get_ref().articles, c.span()))
        .collect();
    for (number, [_, b], span) in &chapters {
        if *b > top && top > 0 {
            let id = format!("chapter {number}");
            r.at(
                span.clone(),
                &id,
                format!("its articles run to {b}, past the last article, {top}"),
            );
        }
    }
    // Missing runs are reported at the chapter that covers them (or where the file ends).
    let end = r.end_span();
    for (a, b) in missing(seen.keys().copied(), top) {
        let home = chapters
            .iter()
            .find(|(_, [x, y], _)| (*x..=*y).contains(&a));
        let (span, note) = match home {
            Some((c, _, span)) => (span.clone(), format!(" (chapter {c} covers it)")),
            None => (end.clone(), String::new()),
        };
        r.at(span, "", numbered("article", a, b, "missing") + &note);
    }
    for (&n, &i) in &seen {
        let span = raw.article[i].span();
        let id = format!("article {n}");
        if n > top {
            r.at(
                span,
                "",
                format!("article {n} is beyond the {top} articles of [meta]"),
            );
            continue;
        }
        let homes: Vec<u32> = chapters
            .iter()
            .filter(|(_, [x, y], _)| (*x..=*y).contains(&n))
            .map(|(c, _, _)| *c)
            .collect();
        match homes.as_slice() {
            [] if !chapters.is_empty() => r.at(
                span,
                &id,
                format!("article {n} is in no chapter's article range"),
            ),
            [a, b, ..] => r.at(
                span,
                &id,
                format!("article {n} is in chapter {a} and chapter {b}"),
            ),
            _ => {}
        }
    }
}

/// The runs of numbers from 1 to `top` that `present` (ascending) lacks.
fn missing(present: impl Iterator<Item = u32>, top: u32) -> Vec<(u32, u32)> {
    let mut runs = Vec::new();
    let mut next = 1u32;
    for n in present.take_while(|&n| n <= top) {
        if n > next {
            runs.push((next, n - 1));
        }
        next = next.max(n.saturating_add(1));
    }
    if next <= top {
        runs.push((next, top));
    }
    runs
}

/// "article 41 is missing", "articles 41 to 68 are missing".
fn numbered(what: &str, a: u32, b: u32, state: &str) -> String {
    if a == b {
        format!("{what} {a} is {state}")
    } else {
        format!("{what}s {a} to {b} are {state}")
    }
}
