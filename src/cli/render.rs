//! Renders a [`Reply`] as plain text for the terminal.
//!
//! Times are printed in the event's own clock with UTC beside it (a terminal has no
//! reader time zone to adapt to), and relative times against the `now` passed in.

use crate::reply::{confidence_label, Reply, ReplyKind, TimeStyle};
use chrono::{DateTime, FixedOffset, Utc};
use std::fmt::Write;

/// The reply as terminal text; relative times are counted from `now`.
pub fn render_text(r: &Reply, now: DateTime<Utc>) -> String {
    let time = |t: &DateTime<FixedOffset>, style: TimeStyle| match style {
        TimeStyle::Time => t.format("%H:%M").to_string(),
        TimeStyle::DateTime => format!(
            "{} UTC{} ({} UTC)",
            t.format("%a %-d %b %Y %H:%M"),
            t.offset(),
            t.with_timezone(&Utc).format("%H:%M")
        ),
        TimeStyle::Relative => relative(t.with_timezone(&Utc), now),
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", r.title);
    let body = r.body.render(time);
    if !body.is_empty() {
        let _ = writeln!(out, "{body}");
    }
    for f in &r.fields {
        let _ = writeln!(out, "\n  {}", f.name);
        for line in f.value.render(time).lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
    if let Some(s) = &r.source {
        let _ = writeln!(out, "\nSource: {s}");
    }
    if let (ReplyKind::Answer, Some(m)) = (r.kind, &r.matched) {
        let _ = writeln!(
            out,
            "Confidence: {:.2} ({}) [{}]",
            m.confidence,
            confidence_label(m.confidence),
            m.id
        );
    }
    if !r.suggestions.is_empty() {
        let head = if r.kind == ReplyKind::Miss {
            "Did you mean:"
        } else {
            "Related:"
        };
        let _ = writeln!(out, "\n{head}");
        for s in &r.suggestions {
            let _ = writeln!(out, "  - {} [{}]", s.question, s.id);
        }
    }
    out.trim_end().to_string()
}

/// "in 3 hours", "2 days ago".
pub fn relative(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (t - now).num_seconds();
    let (n, unit) = match secs.unsigned_abs() {
        s if s < 60 => return "now".into(),
        s if s < 3_600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3_600, "hour"),
        s if s < 86_400 * 45 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    let plural = if n == 1 { "" } else { "s" };
    if secs > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_read_naturally() {
        let now = DateTime::parse_from_rfc3339("2025-10-25T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(relative(at("2025-10-25T03:00:00Z"), now), "in 3 hours");
        assert_eq!(relative(at("2025-10-24T23:59:00Z"), now), "1 minute ago");
        assert_eq!(relative(at("2026-11-22T00:00:00Z"), now), "in 1 year");
    }
}
