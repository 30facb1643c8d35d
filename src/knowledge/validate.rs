//! Checks a parsed knowledge file and reports every problem at once.
//!
//! Serde has already rejected unknown keys and wrong types; what is left are the rules
//! that span entries (unique ids, known speakers, one owner per question phrasing) and
//! the limits Discord puts on what we send (an embed field holds 1,024 characters).
//! What a reader needs besides (Vietnamese, dated figures) is in `completeness`.

use super::model::{RawKnowledge, Session};
use super::model::{MAX_ANSWER, MAX_DESCRIPTION, PARTS_OF_DAY, SESSION_KINDS, TOPICS};
use super::report::{date, Report};
use super::Problems;
use crate::text::{fold, words, Lines};
use chrono::{FixedOffset, NaiveDate, NaiveTime};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// What validation learned that building entries needs.
pub struct Checked {
    pub offset: FixedOffset,
    pub event_days: Vec<NaiveDate>,
    /// The line of each written entry's table, by id (for problems found after build).
    pub lines: HashMap<String, usize>,
    /// The line of `[meta]`.
    pub meta_line: usize,
}

fn time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

pub fn validate(raw: &RawKnowledge, text: &str, file: &str) -> Result<Checked, Problems> {
    let mut r = Report {
        text,
        lines: Lines::new(text),
        file,
        problems: Vec::new(),
    };
    let meta = &raw.meta;
    let meta_span = r.meta_span();
    let offset = meta.utc_offset.parse::<FixedOffset>().ok();
    if offset.is_none() {
        r.at(
            meta_span.clone(),
            "meta",
            format!("utc_offset {:?} is not like \"+07:00\"", meta.utc_offset),
        );
    }
    let (first, last) = match super::structure::meta(&mut r, raw) {
        Some((f, l)) => (Some(f), Some(l)),
        None => (None, None),
    };
    let mut event_days = Vec::new();
    for d in &meta.event_days {
        match date(d) {
            Some(d) => event_days.push(d),
            None => r.at(
                meta_span.clone(),
                "meta",
                format!("event day {d:?} is not YYYY-MM-DD"),
            ),
        }
    }

    // Ids are shared by every kind of entry: `ask` returns them and `related` names them.
    // Id → byte offset of its first use; the line is counted only for a duplicate (it
    // costs a pass over the text).
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut seen_id = |r: &mut Report, span: std::ops::Range<usize>, id: &str| {
        if id.trim().is_empty() {
            r.at(span, "", "entry has an empty `id`".into());
        } else if let Some(prev) = ids.insert(id.to_string(), r.line(span.start)) {
            r.at(
                span,
                id,
                format!("duplicate id (first used on line {prev})"),
            );
        }
    };
    for e in raw.qa.iter().chain(&raw.fact) {
        seen_id(&mut r, e.span(), &e.get_ref().id);
    }
    for s in &raw.session {
        seen_id(&mut r, s.span(), &s.get_ref().id);
    }
    for p in &raw.person {
        seen_id(&mut r, p.span(), &p.get_ref().id);
    }
    for c in &raw.country {
        seen_id(&mut r, c.span(), &c.get_ref().id);
    }
    let people: HashSet<&str> = raw.person.iter().map(|p| p.get_ref().id.as_str()).collect();
    let all_ids: HashSet<&str> = ids.keys().map(String::as_str).collect();

    // A phrasing owned by two entries makes the matcher tie with itself.
    let mut phrasings: HashMap<String, String> = HashMap::new();
    let mut own = |r: &mut Report, span: std::ops::Range<usize>, id: &str, q: &str| {
        let key = words(&fold(q)).join(" ");
        if key.is_empty() {
            r.at(span, id, "a question phrasing is empty".into());
        } else if let Some(other) = phrasings.insert(key, id.to_string()) {
            if other != id {
                r.at(
                    span,
                    id,
                    format!("question {q:?} is also a phrasing of `{other}`"),
                );
            }
        }
    };

    for e in raw.qa.iter().chain(&raw.fact) {
        let (span, e) = (e.span(), e.get_ref());
        let id = e.id.as_str();
        if !TOPICS.contains(&e.topic.as_str()) {
            r.at(
                span.clone(),
                id,
                format!("unknown topic {:?} (one of {})", e.topic, TOPICS.join(", ")),
            );
        }
        if e.questions.is_empty() {
            r.at(span.clone(), id, "has no `questions`".into());
        }
        for q in &e.questions {
            own(&mut r, span.clone(), id, q);
        }
        r.nonempty(span.clone(), id, "answer", &e.answer);
        r.max_len(span.clone(), id, "answer", &e.answer, MAX_ANSWER);
        if let Some(vi) = &e.answer_vi {
            r.max_len(span.clone(), id, "answer_vi", vi, MAX_ANSWER);
        }
        r.nonempty(span.clone(), id, "source", &e.source);
        if let Some(d) = &e.as_of {
            if date(d).is_none() {
                r.at(span.clone(), id, format!("as_of {d:?} is not YYYY-MM-DD"));
            }
        }
        for rel in &e.related {
            if !all_ids.contains(rel.as_str()) {
                r.at(
                    span.clone(),
                    id,
                    format!("related id `{rel}` does not exist"),
                );
            }
        }
    }

    for s in &raw.session {
        check_session(&mut r, s, &people, (first, last));
        let (span, s) = (s.span(), s.get_ref());
        for q in &s.questions {
            own(&mut r, span.clone(), &s.id, q);
        }
    }

    for p in &raw.person {
        let (span, p) = (p.span(), p.get_ref());
        let id = p.id.as_str();
        r.nonempty(span.clone(), id, "name", &p.name);
        r.nonempty(span.clone(), id, "title", &p.title);
        r.nonempty(span.clone(), id, "role", &p.role);
        r.nonempty(span.clone(), id, "source", &p.source);
        r.max_len(span.clone(), id, "role", &p.role, MAX_ANSWER);
        for q in &p.quotes {
            r.nonempty(span.clone(), id, "quotes.text", &q.text);
            r.max_len(span.clone(), id, "quotes.text", &q.text, MAX_ANSWER);
            r.nonempty(span.clone(), id, "quotes.source", &q.source);
        }
        for q in &p.questions {
            own(&mut r, span.clone(), id, q);
        }
    }

    super::completeness::check(&mut r, raw);
    check_not_held(&mut r, raw);
    super::structure::check(&mut r, raw);
    super::countries::check::check(&mut r, raw);

    if r.problems.is_empty() {
        let mut lines = ids;
        for (prefix, table) in [("chapter", &raw.chapter)] {
            for c in table.iter() {
                lines.insert(
                    format!("{prefix}-{}", c.get_ref().number),
                    r.line(c.span().start),
                );
            }
        }
        for a in &raw.article {
            lines.insert(
                format!("article-{}", a.get_ref().number),
                r.line(a.span().start),
            );
        }
        Ok(Checked {
            offset: offset.unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC")),
            event_days,
            meta_line: r.line(meta_span.start),
            lines,
        })
    } else {
        r.problems.sort_by_key(|p| p.line);
        Err(Problems(r.problems))
    }
}

fn check_session(
    r: &mut Report,
    s: &Spanned<Session>,
    people: &HashSet<&str>,
    (first, last): (Option<NaiveDate>, Option<NaiveDate>),
) {
    let (span, s) = (s.span(), s.get_ref());
    let id = s.id.as_str();
    r.nonempty(span.clone(), id, "name", &s.name);
    r.nonempty(span.clone(), id, "venue", &s.venue);
    r.nonempty(span.clone(), id, "description", &s.description);
    r.nonempty(span.clone(), id, "source", &s.source);
    r.max_len(
        span.clone(),
        id,
        "description",
        &s.description,
        MAX_DESCRIPTION,
    );
    if !SESSION_KINDS.contains(&s.kind.as_str()) {
        r.at(
            span.clone(),
            id,
            format!(
                "unknown kind {:?} (one of {})",
                s.kind,
                SESSION_KINDS.join(", ")
            ),
        );
    }
    match (date(&s.day), first, last) {
        (None, _, _) => r.at(
            span.clone(),
            id,
            format!("day {:?} is not YYYY-MM-DD", s.day),
        ),
        (Some(d), Some(f), Some(l)) if d < f || d > l => r.at(
            span.clone(),
            id,
            format!("day {} is outside the event ({f} to {l})", s.day),
        ),
        _ => {}
    }
    let start = s.start.as_deref().map(|t| (t, time(t)));
    let end = s.end.as_deref().map(|t| (t, time(t)));
    for (field, t) in [("start", start), ("end", end)] {
        if let Some((text, None)) = t {
            r.at(
                span.clone(),
                id,
                format!("{field} time {text:?} is not HH:MM (24-hour)"),
            );
        }
    }
    match (start, end) {
        (Some((_, Some(a))), Some((_, Some(b)))) if b <= a => {
            r.at(span.clone(), id, "end time is not after start time".into())
        }
        (None, Some(_)) => r.at(span.clone(), id, "has an end time but no start time".into()),
        _ => {}
    }
    if let Some(p) = &s.part_of_day {
        if !PARTS_OF_DAY.contains(&p.as_str()) {
            r.at(
                span.clone(),
                id,
                format!("part_of_day {p:?} is not morning, afternoon or evening"),
            );
        }
    }
    for p in &s.people {
        if !people.contains(p.as_str()) {
            r.at(span.clone(), id, format!("names unknown speaker `{p}`"));
        }
    }
}

/// `[[not_held]]`: unique ids, words to match, both refusal texts.
fn check_not_held(r: &mut Report, raw: &RawKnowledge) {
    let mut ids = HashSet::new();
    for n in &raw.not_held {
        let (span, n) = (n.span(), n.get_ref());
        if !ids.insert(n.id.as_str()) {
            r.at(span.clone(), &n.id, "duplicate `[[not_held]]` id".into());
        }
        if n.words.iter().all(|w| words(&fold(w)).is_empty()) {
            r.at(span.clone(), &n.id, "`words` is empty".into());
        }
        r.nonempty(span.clone(), &n.id, "answer", &n.answer);
        r.nonempty(span.clone(), &n.id, "answer_vi", &n.answer_vi);
        r.max_len(span.clone(), &n.id, "answer", &n.answer, MAX_ANSWER);
        r.max_len(span, &n.id, "answer_vi", &n.answer_vi, MAX_ANSWER);
    }
}
