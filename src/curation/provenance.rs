//! Where an answer comes from, for curators: the entry, every source the curators
//! listed with their links, the date of a figure and the curators' notes. Users see
//! one short source line (see [`crate::knowledge::cite`]); this is the rest, shown by
//! `ask --explain` and `/kb source`.

use crate::answers::{Desk, Lang};
use crate::knowledge::Entry;
use crate::reply::{Reply, ReplyKind, Rich};

/// The entry an id names, else the one `question` is answered with (or would be, when
/// the bot is unsure: its best candidate).
pub fn entry_for<'d>(desk: &'d Desk, question: &str) -> Option<&'d Entry> {
    let q = question.trim();
    let entries = &desk.knowledge.entries;
    if let Some(e) = entries.iter().find(|e| e.id == q) {
        return Some(e);
    }
    let (asked, reply) = desk.ask(q, Lang::En);
    let id = asked
        .id
        .or_else(|| reply.suggestions.first().map(|s| s.id.clone()))?;
    entries.iter().find(|e| e.id == id)
}

/// The provenance of one entry.
pub fn provenance_reply(e: &Entry) -> Reply {
    let mut r = Reply::new(
        ReplyKind::Info,
        format!("Sources of {}", e.id),
        Rich::text(format!(
            "{} entry; the short line users see: {}",
            e.kind.as_str(),
            crate::knowledge::short_source(&e.source, Lang::En)
        )),
    );
    let sources: Vec<&str> = e.source.split("; ").map(str::trim).collect();
    r = r.field("Every source listed", Rich::text(sources.join("\n")));
    if let Some(d) = &e.as_of {
        r = r.field("Figure as of", Rich::text(d.clone()));
    }
    if !e.notes.is_empty() {
        r = r.field("Curators' notes", Rich::text(e.notes.join("\n")));
    }
    r
}

/// `/kb source` and `ask --explain`: the provenance of the entry a question or id
/// names, or why there is none.
pub fn source_reply(desk: &Desk, question: &str) -> Reply {
    match entry_for(desk, question) {
        Some(e) => provenance_reply(e),
        None => Reply::user_error(format!(
            "No entry answers “{}”, so there is no source to show.",
            crate::answers::echo(question.trim())
        )),
    }
}
