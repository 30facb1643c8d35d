//! `ask --explain`: how a question was read, and why each candidate was or was not
//! answered, feature by feature, as the decision model saw it; then where the answer
//! comes from in full (every source, the curators' notes), which users do not see.

use crate::answers::{Asked, Desk};
use crate::curation::provenance_reply;
use crate::matcher::Explanation;
use std::fmt::Write;

/// Candidates shown in full.
const SHOWN: usize = 3;

pub fn render(desk: &Desk, e: &Explanation, asked: &Asked) -> String {
    let mut out = scores(desk, e);
    let answered = asked
        .id
        .as_deref()
        .and_then(|id| desk.knowledge.entries.iter().find(|x| x.id == id));
    if let Some(entry) = answered {
        let now = chrono::Utc::now();
        write!(
            out,
            "\n{}",
            super::render_text(&provenance_reply(entry), now)
        )
        .ok();
    }
    out
}

fn scores(desk: &Desk, e: &Explanation) -> String {
    let mut out = String::from("read as:");
    for (word, token, weight, corrected) in &e.words {
        match token {
            Some(t) if t == word => write!(out, " {t}({weight:.2})"),
            Some(t) => write!(
                out,
                " {word}→{t}{}({weight:.2})",
                if *corrected { "~" } else { "" }
            ),
            None => write!(out, " {word}?({weight:.2})"),
        }
        .ok();
    }
    if !e.asks.is_empty() {
        write!(out, "\nasks: {}", e.asks.join(", ")).ok();
    }
    if let Some(f) = &e.focus {
        write!(out, "\nfocus: {f}").ok();
    }
    writeln!(
        out,
        "\ndecision: answer when p ≥ {:.2} and p leads the runner-up by ≥ {:.2}",
        e.threshold, e.margin
    )
    .ok();
    let model = desk.matcher.model();
    for (rank, c) in e.candidates.iter().enumerate() {
        let id = desk
            .knowledge
            .entries
            .get(c.entry)
            .map_or("?", |x| x.id.as_str());
        writeln!(
            out,
            "\n{:>2}. p={:.3}  {id}  (rank score {:.2}, lead {:+.2}, relevance {:.2})",
            rank + 1,
            c.probability,
            c.score,
            c.lead,
            c.relevance
        )
        .ok();
        if rank >= SHOWN {
            continue;
        }
        let line = |parts: Vec<(&str, f32, f32)>| {
            let mut parts: Vec<String> = parts
                .into_iter()
                .filter(|(_, x, w)| *x != 0.0 && w.abs() >= 0.05)
                .map(|(name, x, w)| format!("{name}={x:.2} ({w:+.2})"))
                .collect();
            parts.sort();
            parts.join("  ")
        };
        writeln!(
            out,
            "    rank:   {}",
            line(model.rank_contributions(&c.features))
        )
        .ok();
        writeln!(
            out,
            "    decide: {}",
            line(model.contributions(&c.features, c.lead))
        )
        .ok();
    }
    out
}
