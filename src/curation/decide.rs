//! What a moderator decides about a reviewed question, applied: the same for
//! `/kb review` and `hanoi-bot review`.
//!
//! - A phrasing of an entry: written into the knowledge file and swapped in
//!   ([`super::write_back::add_phrasing`]), then every question of the group is
//!   labelled "phrasing of `<entry>`" for the answer-or-refuse model.
//! - Out of scope: the group is labelled out of scope; the file is not touched.
//! - Skip: nothing is stored; the caller leaves the item for later.
//!
//! Every decision is audited (`kb.review.phrasing`, `kb.review.out_of_scope`,
//! `kb.review.skip`), a phrasing that could not be written included. Labels and their
//! audit entry are one transaction.

use super::review::Item;
use super::write_back::{add_phrasing, WriteError};
use crate::answers::DeskHandle;
use crate::config::Config;
use crate::store::{AsyncStore, Result};
use chrono::{DateTime, Utc};

/// A moderator's choice for one [`Item`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Add `phrasing` to entry `entry`.
    Phrasing {
        /// The entry's id.
        entry: String,
        /// The wording to add (the moderator may have edited it).
        phrasing: String,
    },
    /// The bot was right to refuse.
    OutOfScope,
    /// Leave it for later.
    Skip,
}

/// What came of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// False: nothing was changed (the phrasing could not be written).
    pub done: bool,
    /// What to tell the moderator.
    pub message: String,
    /// The knowledge version in use after it, when the file was written and reloaded.
    pub version: Option<String>,
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn quoted(item: &Item) -> String {
    let n = item.questions.len();
    let more = if n > 1 {
        format!(" and {} like it", n - 1)
    } else {
        String::new()
    };
    format!("“{}”{more}", crate::text::clip_words(&item.text, 120))
}

/// Applies `decision` to `item` (see the module docs). Blocking: file I/O, a reload
/// and database writes; run it off the async threads.
pub fn decide(
    store: &AsyncStore,
    handle: &DeskHandle,
    config: &Config,
    who: &str,
    item: &Item,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let texts = item.texts();
    match decision {
        Decision::Skip => {
            let detail = format!("skipped {}", quoted(item));
            store.blocking(|s| s.audit(who, "kb.review.skip", &detail, now))?;
            Ok(Outcome {
                done: true,
                message: format!("Skipped {}.", quoted(item)),
                version: None,
            })
        }
        Decision::OutOfScope => {
            let detail = format!("{} labelled out of scope", quoted(item));
            store.blocking(|s| {
                s.label(
                    &texts,
                    None,
                    None,
                    who,
                    "kb.review.out_of_scope",
                    &detail,
                    now,
                )
            })?;
            Ok(Outcome {
                done: true,
                message: format!(
                    "{} labelled out of scope ({} question{}); the knowledge file is unchanged.",
                    quoted(item),
                    texts.len(),
                    if texts.len() == 1 { "" } else { "s" }
                ),
                version: None,
            })
        }
        Decision::Phrasing { entry, phrasing } => {
            let path = handle.get().knowledge.origin.clone();
            let result =
                match handle.get().knowledge.entry(entry) {
                    None => Err(format!(
                        "nothing was added: `{entry}` is no longer in the knowledge"
                    )),
                    Some(e) if !super::review::takes_phrasings(e.kind) => Err(format!(
                    "nothing was added: `{entry}` is a {} entry: its phrasings are not in the file",
                    e.kind.as_str()
                )),
                    // Written but not reloaded counts as not done: the moderator must fix the
                    // file (the message says so) and the question stays in the queue.
                    Some(_) => add_phrasing(&path, entry, phrasing, handle, config).map_err(
                        |e: WriteError| match e {
                            // The file has it: saying "nothing was added" would be wrong.
                            WriteError::NotReloaded(_) => {
                                format!("{e}; fix the file and run /kb reload")
                            }
                            e => format!("nothing was added: {e}"),
                        },
                    ),
                };
            match result {
                Ok(added) => {
                    let how = match (&added.written, &added.reload) {
                        (false, _) => "was already a phrasing of".to_string(),
                        (true, Some(r)) => format!(
                            "added to {} as a phrasing of",
                            std::path::Path::new(&r.file)
                                .file_name()
                                .map_or(r.file.clone(), |f| f.to_string_lossy().into_owned())
                        ),
                        (true, None) => "added as a phrasing of".to_string(),
                    };
                    let detail = format!(
                        "“{}” {how} {entry} (for {}, asked {}×)",
                        added.phrasing,
                        quoted(item),
                        item.count
                    );
                    store.blocking(|s| {
                        s.label(
                            &texts,
                            Some(entry),
                            Some(&added.phrasing),
                            who,
                            "kb.review.phrasing",
                            &detail,
                            now,
                        )
                    })?;
                    let reloaded = added
                        .reload
                        .as_ref()
                        .map(|r| {
                            format!(
                                " Knowledge reloaded: version {}, {} entries.",
                                r.version, r.entries
                            )
                        })
                        .unwrap_or_default();
                    Ok(Outcome {
                        done: true,
                        message: format!("“{}” {how} `{entry}`.{reloaded}", added.phrasing),
                        version: added.reload.map(|r| r.version),
                    })
                }
                Err(why) => {
                    let detail = format!("“{phrasing}” as a phrasing of {entry}: {why}");
                    store.blocking(|s| s.audit(who, "kb.review.phrasing", &detail, now))?;
                    Ok(Outcome {
                        done: false,
                        message: format!("{}.", capitalised(&why)),
                        version: None,
                    })
                }
            }
        }
    }
}
