//! `hanoi-bot review`: the review queue of `/kb review`, in the terminal, for curators
//! on the host. Same queue, same decisions, same audit log (who: `cli:$USER`), same
//! write-back into the knowledge file named by `--knowledge`.
//!
//! Each question is printed with its group and likely entries, numbered; the curator
//! answers with a number (a phrasing of that entry: the wording is asked next, Enter
//! keeps the question as logged), `o` (out of scope), `s` (skip) or `q` (quit). The end
//! of the input quits too, so answers can be piped in.

use super::render_text;
use crate::answers::{Desk, DeskHandle};
use crate::curation::decide::{decide, Decision};
use crate::curation::review::{item_reply, queue};
use crate::store::AsyncStore;
use anyhow::Context;
use chrono::Utc;
use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::Path;

/// Items counted ahead of the current one.
const LOOKAHEAD: usize = 26;

/// Walks the queue, reading answers from `input`.
pub fn run(
    desk: Desk,
    db: Option<&Path>,
    input: impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let store = AsyncStore::new(super::database::open_store(&desk, db)?);
    let config = desk.config.clone();
    let handle = DeskHandle::new(desk);
    let who = super::database::who();
    let mut skipped: HashSet<String> = HashSet::new();
    let mut lines = input.lines();
    let mut decided = 0;
    loop {
        let desk = handle.get();
        let items = store
            .blocking(|s| queue(s, &desk, &skipped, LOOKAHEAD))
            .context("reading the question log")?;
        let Some(item) = items.first().cloned() else {
            let what = if decided == 0 && skipped.is_empty() {
                "Nothing to review: no logged question is waiting for a decision."
            } else {
                "Nothing left to review."
            };
            writeln!(out, "{what}")?;
            return Ok(());
        };
        writeln!(
            out,
            "{}",
            render_text(&item_reply(&item, items.len() - 1), Utc::now())
        )?;
        let decision = loop {
            write!(
                out,
                "Phrasing of entry [1-{}], o = out of scope, s = skip, q = quit: ",
                item.candidates.len()
            )?;
            out.flush()?;
            let Some(line) = lines.next() else {
                writeln!(out)?;
                return Ok(());
            };
            let line = line.context("reading standard input")?;
            match line.trim() {
                "q" | "quit" => return Ok(()),
                "o" => break Decision::OutOfScope,
                "s" => break Decision::Skip,
                n => {
                    let chosen = n
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| item.candidates.get(n.checked_sub(1)?));
                    match chosen {
                        Some(c) if c.takes_phrasings() => {
                            write!(out, "Phrasing [Enter keeps “{}”]: ", item.text)?;
                            out.flush()?;
                            let typed = match lines.next() {
                                Some(l) => l.context("reading standard input")?,
                                None => String::new(),
                            };
                            let phrasing = match typed.trim() {
                                "" => item.text.clone(),
                                t => t.to_string(),
                            };
                            break Decision::Phrasing {
                                entry: c.id.clone(),
                                phrasing,
                            };
                        }
                        Some(c) => writeln!(
                            out,
                            "`{}` takes no phrasings in the file; pick another, or edit its keywords by hand.",
                            c.id
                        )?,
                        None => writeln!(out, "Type a number from the list, o, s or q.")?,
                    }
                }
            }
        };
        if decision == Decision::Skip {
            skipped.insert(item.text.clone());
        }
        let outcome = decide(&store, &handle, &config, &who, &item, &decision, Utc::now())
            .context("recording the decision")?;
        decided += 1;
        writeln!(out, "{}\n", outcome.message)?;
    }
}
