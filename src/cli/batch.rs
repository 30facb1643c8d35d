//! `ask --json` over standard input, and `export --json`.
//!
//! Batch mode reads raw bytes so one line of invalid UTF-8 or an over-long line is
//! refused on its own line of output instead of ending the batch. A line is read up to
//! [`MAX_LINE`] bytes and the rest of it is skipped unread into memory, so a line of
//! 100 MB (or `< /dev/zero`) costs no more memory than a short one; a refused line is
//! echoed as its first [`ECHO`](crate::answers::ECHO) characters. Answers are written
//! out whenever no further line is waiting in the input buffer, so a caller can
//! converse with the process line by line, while a file of questions is answered
//! without a write per line.

use crate::answers::{echo, Asked, Desk, Lang, MAX_QUESTION};
use serde::Serialize;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

/// Longest line read as a question, in bytes: a question's 500 characters of up to
/// four bytes each, with room for spacing.
pub const MAX_LINE: usize = 8 * 1024;

/// Answers each line of `input`: in `lang` when given, else in the line's own language
/// (English when it does not tell).
pub fn answer_lines(
    desk: &Desk,
    lang: Option<Lang>,
    mut input: BufReader<impl Read>,
    out: &mut impl Write,
) -> io::Result<()> {
    // Standard output writes through at each newline: 20,000 answers were 20,000
    // writes (3,942 now; about 4% of a batch's time on a 2-core VM).
    let mut out = BufWriter::new(out);
    let mut line = Vec::new();
    while let Some(cut) = read_line(&mut input, &mut line)? {
        while !cut && matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let refusal = |answer: String| Asked {
            query: echo(&String::from_utf8_lossy(&line)),
            answered: false,
            id: None,
            confidence: 0.0,
            answer,
            suggestions: Vec::new(),
        };
        let mut asked = match std::str::from_utf8(&line) {
            _ if cut => refusal(format!(
                "That question is too long: please keep it under {MAX_QUESTION} characters."
            )),
            Ok(q) => {
                let lang = lang.unwrap_or_else(|| Lang::of_question(q, Lang::En));
                desk.ask(q, lang).0
            }
            Err(_) => refusal(
                "That line is not valid UTF-8 text, so it was not read as a question.".into(),
            ),
        };
        // A question of accepted length is echoed whole (the contract); only one
        // refused as too long is cut to its start.
        if asked.query.chars().count() > MAX_QUESTION {
            asked.query = echo(&asked.query);
        }
        serde_json::to_writer(&mut out, &asked)?;
        out.write_all(b"\n")?;
        // Nothing more read yet: the next read may wait for the caller, who may be
        // waiting for this answer.
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}

/// Reads the next line (without its `\n`) into `line`, keeping at most [`MAX_LINE`]
/// bytes and consuming the rest. `None` at the end of input; `Some(true)` when the line
/// was cut.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<bool>> {
    line.clear();
    let (mut any, mut cut) = (false, false);
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(any.then_some(cut));
        }
        any = true;
        let (chunk, used, end) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        let room = MAX_LINE.saturating_sub(line.len());
        cut |= chunk.len() > room;
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        input.consume(used);
        if end {
            return Ok(Some(cut));
        }
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
