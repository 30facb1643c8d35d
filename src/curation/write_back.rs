//! Writing a reviewed phrasing back into the knowledge file, safely.
//!
//! [`add_phrasing_text`] edits the TOML text with `toml_edit`, which keeps every
//! comment, blank line, key order and array layout: the new phrasing is appended to the
//! entry's `questions` with the spacing of the phrasing before it, so in the shipped
//! file's multi-line arrays the whole diff is the one added line.
//!
//! [`add_phrasing`] does the rest, in this order:
//!
//! 1. Writers are serialised by one process-wide lock, and the file is re-read under
//!    it: two moderators accepting at the same moment both land, the second on top of
//!    the first.
//! 2. The edited text is validated by the knowledge loader ([`Knowledge::parse`]); an
//!    edit that breaks the file (a phrasing another entry owns) is refused with the
//!    loader's problems and nothing is written.
//! 3. It is written to a temporary file beside the original and synced. If the file on
//!    disk changed since it was read (a curator's editor, `hanoi-bot review` on the
//!    host), the edit is redone on the new text rather than overwriting it.
//! 4. The old file is copied to `<name>.bak`, and the temporary file renamed over the
//!    original (atomic on one file system: a reader sees the old file or the new one).
//! 5. The new knowledge is swapped in like `/kb reload` does ([`reload`]).
//!
//! The in-process lock cannot stop another process; the re-read in step 3 narrows that
//! race to the instant between the comparison and the rename.

use super::reload::{reload, Guard, ReloadError, ReloadSummary};
use crate::answers::{clean_question, DeskHandle, MAX_QUESTION};
use crate::config::Config;
use crate::knowledge::{Knowledge, Problems};
use crate::text::key;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The tables whose entries carry `questions`, with the id as their key.
pub const PHRASED_TABLES: [&str; 4] = ["qa", "fact", "session", "person"];
/// How often an edit is redone when the file keeps changing under it.
const ATTEMPTS: usize = 5;

/// One writer at a time in this process (see the module docs).
static WRITERS: Mutex<()> = Mutex::new(());

/// Why a phrasing could not be added to the TOML text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The text is not TOML.
    #[error("the knowledge file is not valid TOML: {0}")]
    Toml(String),
    /// No `[[qa]]`, `[[fact]]`, `[[session]]` or `[[person]]` has this id.
    #[error("no [[qa]], [[fact]], [[session]] or [[person]] in the file has the id `{0}` (chapters, articles, countries and programme days take no phrasings)")]
    NoEntry(String),
    /// The entry's `questions` is not an array.
    #[error("the `questions` of `{0}` is not an array")]
    NotAnArray(String),
    /// Nothing left after cleaning.
    #[error("the phrasing is empty")]
    Empty,
    /// Over [`MAX_QUESTION`] characters.
    #[error("the phrasing is longer than {MAX_QUESTION} characters")]
    TooLong,
}

/// Why a phrasing was not written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The bot answers from its built-in copy: there is no file to write.
    #[error("there is no knowledge file at {} to write to (the bot answers from its built-in copy)", .0.display())]
    NoFile(PathBuf),
    /// The file could not be read, written or renamed.
    #[error("{what} {}", .path.display())]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The edit itself.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The edited file would not load; nothing was written.
    #[error("the edited file would not load, so nothing was written: {0}")]
    Invalid(Problems),
    /// The file kept changing under the edit.
    #[error("the knowledge file kept changing while the phrasing was added; nothing was written, try again")]
    Busy,
    /// Written, but the reload failed (the model file beside it, say): the old
    /// knowledge stays in use until the file is fixed and reloaded.
    #[error("the phrasing was written but the knowledge was not reloaded: {0}")]
    NotReloaded(ReloadError),
}

/// What [`add_phrasing`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The phrasing as written (cleaned).
    pub phrasing: String,
    /// False: the entry already had it (same words); nothing was written.
    pub written: bool,
    /// The copy of the previous file.
    pub backup: Option<PathBuf>,
    /// The reload that followed the write.
    pub reload: Option<ReloadSummary>,
}

/// The phrasing as it will be written: control characters gone, spaces single.
pub fn clean_phrasing(phrasing: &str) -> Result<String, EditError> {
    let p = clean_question(phrasing);
    if key(&p).is_empty() {
        return Err(EditError::Empty);
    }
    if p.chars().count() > MAX_QUESTION {
        return Err(EditError::TooLong);
    }
    Ok(p)
}

/// `text` with `phrasing` appended to the `questions` of entry `id`, formatted like the
/// phrasing before it; `None` when the entry already has it.
pub fn add_phrasing_text(
    text: &str,
    id: &str,
    phrasing: &str,
) -> Result<Option<String>, EditError> {
    let phrasing = clean_phrasing(phrasing)?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Toml(e.message().to_string()))?;
    let table = doc
        .as_table_mut()
        .iter_mut()
        .filter(|(k, _)| PHRASED_TABLES.contains(&k.get()))
        .filter_map(|(_, v)| v.as_array_of_tables_mut())
        .flat_map(|a| a.iter_mut())
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
        .ok_or_else(|| EditError::NoEntry(id.to_string()))?;
    let Some(item) = table.get_mut("questions") else {
        // A person or session without phrasings yet: the key goes after the others.
        let mut array = toml_edit::Array::new();
        array.push(phrasing);
        table.insert("questions", toml_edit::value(array));
        return Ok(Some(doc.to_string()));
    };
    let array = item
        .as_array_mut()
        .ok_or_else(|| EditError::NotAnArray(id.to_string()))?;
    let new = key(&phrasing);
    if array
        .iter()
        .any(|v| v.as_str().is_some_and(|q| key(q) == new))
    {
        return Ok(None);
    }
    append_like_the_last(array, phrasing);
    Ok(Some(doc.to_string()))
}

/// Appends `phrasing` to `array` laid out like the values before it. In a multi-line
/// array the new value goes on a line of its own with the last value's indentation,
/// below whatever followed the last value (a comment after its comma stays on its
/// line); a one-line array stays on one line.
fn append_like_the_last(array: &mut toml_edit::Array, phrasing: String) {
    let raw = |d: Option<&toml_edit::RawString>| {
        d.and_then(|r| r.as_str()).unwrap_or_default().to_string()
    };
    let Some(last) = array.iter().last() else {
        array.push(phrasing);
        return;
    };
    let last_prefix = raw(last.decor().prefix());
    let trailing = raw(Some(array.trailing()));
    let (prefix, rest) = match trailing.rfind('\n') {
        // Multi-line: what followed the last value stays after it; the new value starts
        // on the next line, indented like the last one; the closing bracket keeps its
        // own line.
        Some(nl) => {
            let indent = last_prefix.rsplit('\n').next().unwrap_or_default();
            (
                format!("{}\n{indent}", &trailing[..nl]),
                trailing[nl..].to_string(),
            )
        }
        None if array.len() == 1 && !last_prefix.contains('\n') => (" ".to_string(), trailing),
        None => (last_prefix, trailing),
    };
    let mut v = toml_edit::Value::from(phrasing);
    v.decor_mut().set_prefix(prefix);
    v.decor_mut().set_suffix("");
    array.push_formatted(v);
    array.set_trailing(rest);
}

/// Adds `phrasing` to entry `id` in the knowledge file at `path`, validated, written
/// atomically with a backup, and swapped into `handle` (see the module docs).
pub fn add_phrasing(
    path: &Path,
    id: &str,
    phrasing: &str,
    handle: &DeskHandle,
    config: &Config,
) -> Result<Added, WriteError> {
    if !path.is_file() {
        return Err(WriteError::NoFile(path.to_path_buf()));
    }
    let phrasing = clean_phrasing(phrasing)?;
    let _writer = WRITERS.lock().unwrap_or_else(|e| e.into_inner());
    let read = |what| {
        move |source| WriteError::Io {
            what,
            path: path.to_path_buf(),
            source,
        }
    };
    for _ in 0..ATTEMPTS {
        let before = std::fs::read_to_string(path).map_err(read("cannot read"))?;
        let Some(after) = add_phrasing_text(&before, id, &phrasing)? else {
            return Ok(Added {
                phrasing,
                written: false,
                backup: None,
                reload: None,
            });
        };
        Knowledge::parse(&after, &path.display().to_string()).map_err(WriteError::Invalid)?;
        let tmp = sibling(path, ".", &format!(".{}.tmp", std::process::id()));
        write_synced(&tmp, &after, path).map_err(read("cannot write a temporary file beside"))?;
        // Changed on disk since it was read: redo the edit on what is there now.
        let now = std::fs::read_to_string(path).map_err(read("cannot read"))?;
        if now != before {
            let _ = std::fs::remove_file(&tmp);
            continue;
        }
        let backup = sibling(path, "", ".bak");
        std::fs::copy(path, &backup).map_err(read("cannot back up"))?;
        std::fs::rename(&tmp, path).map_err(read("cannot replace"))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename is durable once the directory is synced (not possible everywhere).
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        // An added phrasing drops no entry and moves no session: the reload guard's
        // defaults (not forced, no reminders to keep) only refuse a file that someone
        // else cut short meanwhile.
        let summary =
            reload(path, handle, config, &Guard::default()).map_err(WriteError::NotReloaded)?;
        return Ok(Added {
            phrasing,
            written: true,
            backup: Some(backup),
            reload: Some(summary),
        });
    }
    Err(WriteError::Busy)
}

/// `dir/<before>name<after>`.
fn sibling(path: &Path, before: &str, after: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{before}{name}{after}"))
}

/// Writes `text` to `tmp` with the permissions of `like`, and syncs it.
fn write_synced(tmp: &Path, text: &str, like: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(tmp)?;
    f.write_all(text.as_bytes())?;
    if let Ok(m) = std::fs::metadata(like) {
        f.set_permissions(m.permissions())?;
    }
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# a comment
[[qa]]
id = "a"
questions = [
  "When is it?",
  "Dates?", # trailing note
]
answer = "x"

# the next one
[[person]]
id = "p"
name = "P"

[[session]]
id = "s"
questions = ["Where?"]
"#;

    #[test]
    fn a_phrasing_is_one_added_line_in_a_multi_line_array() {
        let out = add_phrasing_text(FILE, "a", "  When\tdoes it start? ")
            .unwrap()
            .unwrap();
        let added: Vec<&str> = out
            .lines()
            .filter(|l| !FILE.lines().any(|o| o == *l))
            .collect();
        assert_eq!(added, ["  \"When does it start?\","]);
        assert_eq!(out.lines().count(), FILE.lines().count() + 1);
        assert!(
            out.contains("\"Dates?\", # trailing note\n  \"When does it start?\",\n]"),
            "{out}"
        );
    }

    #[test]
    fn single_line_arrays_stay_on_one_line_and_a_missing_key_is_created() {
        let out = add_phrasing_text(FILE, "s", "Which venue?")
            .unwrap()
            .unwrap();
        assert!(
            out.contains("questions = [\"Where?\", \"Which venue?\"]"),
            "{out}"
        );
        let out = add_phrasing_text(FILE, "p", "Who is P?").unwrap().unwrap();
        assert!(
            out.contains("name = \"P\"\nquestions = [\"Who is P?\"]\n"),
            "{out}"
        );
        assert!(out.starts_with("# a comment\n") && out.contains("# the next one\n"));
    }

    #[test]
    fn a_phrasing_the_entry_has_is_not_added_twice_and_bad_ones_are_refused() {
        assert_eq!(add_phrasing_text(FILE, "a", "when is it").unwrap(), None);
        assert_eq!(
            add_phrasing_text(FILE, "zz", "x"),
            Err(EditError::NoEntry("zz".into()))
        );
        assert_eq!(add_phrasing_text(FILE, "a", " ?! "), Err(EditError::Empty));
        let long = "word ".repeat(120);
        assert_eq!(add_phrasing_text(FILE, "a", &long), Err(EditError::TooLong));
    }
}
