//! `ask --json` over standard input, and `export --json`.
//!
//! Batch mode reads raw bytes so one line of invalid UTF-8 or a 100 KB line is refused
//! on its own line of output instead of ending the batch. Every answer is flushed at
//! once, so a caller can converse with the process line by line.

use crate::answers::{Asked, Desk, Lang};
use serde::Serialize;
use std::io::{self, BufRead, Write};

/// Answers each line of `input`: in `lang` when given, else in the line's own language
/// (English when it does not tell).
pub fn answer_lines(
    desk: &Desk,
    lang: Option<Lang>,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let asked = match std::str::from_utf8(&line) {
            Ok(q) => {
                let lang = lang.unwrap_or_else(|| Lang::of_question(q, Lang::En));
                desk.ask(q, lang).0
            }
            Err(_) => Asked {
                query: String::from_utf8_lossy(&line).into_owned(),
                answered: false,
                id: None,
                confidence: 0.0,
                answer: "That line is not valid UTF-8 text, so it was not read as a question."
                    .into(),
                suggestions: Vec::new(),
            },
        };
        serde_json::to_writer(&mut *out, &asked)?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
}

#[derive(Serialize)]
struct Export<'a> {
    entries: Vec<ExportEntry<'a>>,
}

#[derive(Serialize)]
struct ExportEntry<'a> {
    id: &'a str,
    kind: &'static str,
    questions: &'a [String],
    answer: &'a str,
}

pub fn export(desk: &Desk) -> serde_json::Result<String> {
    let entries = desk
        .knowledge
        .entries
        .iter()
        .map(|e| ExportEntry {
            id: &e.id,
            kind: e.kind.as_str(),
            questions: &e.questions,
            answer: &e.answer,
        })
        .collect();
    serde_json::to_string_pretty(&Export { entries })
}
