//! The rules that keep the file complete for its readers, on top of `validate`'s
//! structural checks: every answer also in Vietnamese, and every figure that can still
//! change (signatures, ratifications, entry into force) dated in both languages.
//!
//! A missing translation is a problem like any other, so `check` and `/kb reload`
//! refuse a file where a Vietnamese reader would silently get English.

use super::model::{QaEntry, RawKnowledge};
use super::report::Report;
use chrono::NaiveDate;
use std::ops::Range;

pub(super) fn check(r: &mut Report, raw: &RawKnowledge) {
    for e in raw.qa.iter().chain(&raw.fact) {
        let (span, e) = (e.span(), e.get_ref());
        vietnamese(r, span.clone(), &e.id, "answer_vi", e.answer_vi.as_deref());
        if e.holds_now && (e.changes || e.refusal) {
            r.at(
                span.clone(),
                &e.id,
                "`holds_now` is for an answer still true today: not with `changes` or `refusal`"
                    .into(),
            );
        }
        if e.changes {
            dated(r, span, e);
        }
    }
    for s in &raw.session {
        let (span, s) = (s.span(), s.get_ref());
        vietnamese(r, span.clone(), &s.id, "name_vi", s.name_vi.as_deref());
        vietnamese(
            r,
            span,
            &s.id,
            "description_vi",
            s.description_vi.as_deref(),
        );
    }
    for p in &raw.person {
        let (span, p) = (p.span(), p.get_ref());
        vietnamese(r, span.clone(), &p.id, "title_vi", p.title_vi.as_deref());
        vietnamese(r, span, &p.id, "role_vi", p.role_vi.as_deref());
    }
}

fn vietnamese(r: &mut Report, span: Range<usize>, id: &str, field: &str, value: Option<&str>) {
    match value {
        None => r.at(
            span,
            id,
            format!("`{field}` is missing: every answer is also given in Vietnamese"),
        ),
        Some(v) if v.trim().is_empty() => r.at(span, id, format!("`{field}` is empty")),
        Some(_) => {}
    }
}

/// A changeable figure without its date reads as today's figure; the date must be in the
/// entry (`as_of`) and in the text itself, where the reader sees it.
fn dated(r: &mut Report, span: Range<usize>, e: &QaEntry) {
    let Some(as_of) = e.as_of.as_deref() else {
        r.at(
            span,
            &e.id,
            "`changes = true` needs `as_of`, the date the figure is from".into(),
        );
        return;
    };
    // A malformed date is reported by `validate`.
    let Ok(d) = NaiveDate::parse_from_str(as_of, "%Y-%m-%d") else {
        return;
    };
    let en = d.format("%-d %B %Y").to_string();
    if !e.answer.contains(&en) {
        r.at(
            span.clone(),
            &e.id,
            format!("`answer` does not say the figure is as of {en}"),
        );
    }
    let vi = [
        d.format("%-d/%-m/%Y").to_string(),
        d.format("%d/%m/%Y").to_string(),
    ];
    if let Some(text) = &e.answer_vi {
        if !vi.iter().any(|v| text.contains(v.as_str())) {
            r.at(
                span,
                &e.id,
                format!("`answer_vi` does not say the figure is as of {}", vi[0]),
            );
        }
    }
}
