//! A reviewed phrasing written back into the shipped knowledge file (comments, order
//! and layout kept, `check` passes, the diff is the added lines), and `hanoi-bot
//! review` walking the queue in the terminal.

use chrono::Utc;
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use hanoi_bot::curation::{log_questions, write_back, Asking};
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SHIPPED: &str = "knowledge/hanoi-convention.toml";
const FIXTURE: &str = "tests/fixtures/valid.toml";

fn copy_to(dir: &Path, from: &str) -> PathBuf {
    let p = dir.join("knowledge.toml");
    std::fs::copy(from, &p).unwrap();
    p
}

/// The lines of `after` that are not at their place in `before`, when `after` is
/// `before` with lines inserted: (line number in `after`, line).
fn inserted(before: &str, after: &str) -> Vec<(usize, String)> {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let mut out = Vec::new();
    let mut i = 0;
    for (n, line) in a.iter().enumerate() {
        if i < b.len() && b[i] == *line {
            i += 1;
        } else {
            out.push((n + 1, line.to_string()));
        }
    }
    assert_eq!(i, b.len(), "every old line is still there, in order");
    out
}

fn check(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hanoi-bot"))
        .arg("--knowledge")
        .arg(path)
        .arg("check")
        .env_remove("DISCORD_TOKEN")
        .output()
        .expect("binary runs")
}

#[test]
fn phrasings_written_into_the_shipped_file_keep_its_comments_and_order_and_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), SHIPPED);
    let before = std::fs::read_to_string(&path).unwrap();
    let knowledge = Knowledge::load(&path).unwrap();
    let config = Config::embedded();
    let handle = DeskHandle::new(Desk::new(knowledge, config.clone()));
    // One entry of each kind that takes phrasings (all with multi-line arrays).
    let original = Knowledge::load(&path).unwrap();
    let added = [
        (
            "convention-overview",
            "so what is this hanoi treaty, in short",
        ),
        (
            "fact-signatories-final",
            "final tally of the signing states, please",
        ),
        (
            "session-signing",
            "the moment the pens come out in the signing hall",
        ),
        (
            "antonio-guterres",
            "that person the review added a phrasing to",
        ),
    ];
    for (id, phrasing) in &added {
        let done = write_back::add_phrasing(&path, id, phrasing, &handle, &config)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(done.written, "{id}");
        assert!(done.reload.is_some(), "{id}: swapped in");
    }
    let after = std::fs::read_to_string(&path).unwrap();
    // The diff is the added lines, one per phrasing, indented like their neighbours.
    let lines = inserted(&before, &after);
    let want: Vec<String> = added.iter().map(|(_, p)| format!("  \"{p}\",")).collect();
    let got: Vec<String> = lines.iter().map(|(_, l)| l.clone()).collect();
    assert_eq!(got, want);
    // Every comment line is still there, in the same order.
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(String::from)
            .collect()
    };
    assert_eq!(comments(&after), comments(&before));
    // The entries in the same order, each with its new phrasing last.
    let reloaded = Knowledge::load(&path).unwrap();
    let ids = |k: &Knowledge| k.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&reloaded), ids(&original));
    for (id, phrasing) in &added {
        let e = reloaded.entry(id).unwrap();
        assert!(e.questions.iter().any(|q| q == phrasing), "{id}");
    }
    // `check` passes on the written file; the backup is the file before the last write.
    let o = check(&path);
    assert!(
        o.status.success(),
        "check: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().join("knowledge.toml.bak").is_file());
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_phrasing_that_would_break_the_file_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), FIXTURE);
    let before = std::fs::read(&path).unwrap();
    let config = Config::embedded();
    let handle = DeskHandle::new(Desk::new(Knowledge::load(&path).unwrap(), config.clone()));
    // Another entry already has this phrasing: the loader refuses the duplicate.
    let e = write_back::add_phrasing(
        &path,
        "signatories-final",
        "When is the signing ceremony?",
        &handle,
        &config,
    )
    .unwrap_err();
    assert!(matches!(e, write_back::WriteError::Invalid(_)), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("knowledge.toml.bak").exists());
}

/// A database with `questions` logged as the bot logs them.
fn logged(db: &Path, questions: &[&str]) {
    let config = Config::embedded();
    let desk = Desk::new(Knowledge::load(Path::new(FIXTURE)).unwrap(), config.clone());
    let mut store = Store::open(db).unwrap();
    let batch: Vec<Asking> = questions
        .iter()
        .map(|q| Asking {
            asked: desk.ask(q, hanoi_bot::answers::Lang::En).0,
            channel_kind: "slash",
            user_id: None,
            key: None,
            at: Utc::now(),
        })
        .collect();
    log_questions(&mut store, &config.curation, &batch).unwrap();
}

fn review(knowledge: &Path, db: &Path, input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hanoi-bot"))
        .arg("--knowledge")
        .arg(knowledge)
        .arg("review")
        .arg("--db")
        .arg(db)
        .env_remove("DISCORD_TOKEN")
        .env("USER", "curator")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn hanoi_bot_review_walks_the_queue_in_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), FIXTURE);
    let db = dir.path().join("bot.db");
    logged(
        &db,
        &[
            "Count of parties that signed?",
            "Count of parties that signed?",
            "What colour is the moon above the conference hall?",
        ],
    );
    // First a look, then quit: nothing is decided.
    let o = review(&path, &db, "q\n");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("count of parties that signed"), "{out}");
    let n = out
        .lines()
        .find_map(|l| {
            let (n, rest) = l.trim().split_once(". `signatories-final`")?;
            let _ = rest;
            n.parse::<usize>().ok()
        })
        .unwrap_or_else(|| panic!("signatories-final is offered: {out}"));
    assert!(Store::open(&db).unwrap().labels().unwrap().is_empty());

    // The phrasing as logged (Enter), then the moon out of scope.
    let o = review(&path, &db, &format!("{n}\n\no\n"));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        out.contains("added to knowledge.toml as a phrasing of `signatories-final`"),
        "{out}"
    );
    assert!(out.contains("labelled out of scope"), "{out}");
    assert!(out.contains("Nothing left to review."), "{out}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"count of parties that signed\"]"), "{text}");
    let store = Store::open(&db).unwrap();
    let labels = store.labels().unwrap();
    let got: Vec<(&str, Option<&str>)> = labels
        .iter()
        .map(|l| (l.question.as_str(), l.entry_id.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("count of parties that signed", Some("signatories-final")),
            ("what colour is the moon above the conference hall", None)
        ]
    );
    let audit = store.audit_list(10).unwrap();
    assert!(
        audit
            .iter()
            .all(|a| a.who == "cli:curator" && a.action.starts_with("kb.review.")),
        "{audit:?}"
    );
    assert_eq!(audit.len(), 2);
    // The queue is empty now.
    let o = review(&path, &db, "");
    assert!(String::from_utf8_lossy(&o.stdout).contains("Nothing to review"));
}

#[test]
fn refit_takes_the_review_labels_and_a_written_fit_leaves_none_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), FIXTURE);
    let cases = dir.path().join("cases.toml");
    std::fs::write(
        &cases,
        r#"[[case]]
q = "When is the signing ceremony?"
expect = ["25-26 October"]
[[case]]
q = "how many countries signed"
expect = ["72 states"]
[[case]]
q = "number of articles"
expect = ["68 articles"]
[[case]]
q = "who is guterres"
expect = ["Secretary-General"]
[[case]]
q = "what colour is the moon"
scope = "out"
[[case]]
q = "best pho in hanoi"
scope = "out"
"#,
    )
    .unwrap();
    let db = dir.path().join("bot.db");
    {
        let mut store = Store::open(&db).unwrap();
        let now = Utc::now();
        let q = |s: &str| vec![s.to_string()];
        store
            .label(
                &q("count of parties that signed"),
                Some("signatories-final"),
                None,
                "m",
                "kb.review.phrasing",
                "",
                now,
            )
            .unwrap();
        store
            .label(
                &q("what colour is the sky above the hall"),
                None,
                None,
                "m",
                "kb.review.out_of_scope",
                "",
                now,
            )
            .unwrap();
        let counts = store.label_counts().unwrap();
        assert_eq!((counts.total, counts.waiting), (2, 2));
    }
    let refit = |extra: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_hanoi-bot"))
            .arg("--knowledge")
            .arg(&path)
            .arg("refit")
            .arg("--cases")
            .arg(&cases)
            .args(["--folds", "2"])
            .args(extra)
            .env_remove("DISCORD_TOKEN")
            .output()
            .expect("binary runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let db_arg = db.to_str().unwrap();
    let out = refit(&["--db", db_arg]);
    assert!(
        out.contains("2 review labels from")
            && out.contains("(1 a phrasing of an entry, 1 out of scope)"),
        "{out}"
    );
    let waiting = || Store::open(&db).unwrap().label_counts().unwrap().waiting;
    assert_eq!(
        waiting(),
        2,
        "a fit that is not written leaves them waiting"
    );
    let out = refit(&["--no-labels"]);
    assert!(!out.contains("review label"), "{out}");
    let out = refit(&["--db", db_arg, "--write"]);
    assert!(out.contains("wrote "), "{out}");
    assert_eq!(waiting(), 0);
    let model = std::fs::read_to_string(dir.path().join("decision.toml")).unwrap();
    assert!(model.contains("review labels in"), "{model}");
}

#[test]
fn a_phrasing_written_but_not_reloaded_is_reported_as_written_and_stays_in_the_queue() {
    use hanoi_bot::curation::decide::{decide, Decision};
    use hanoi_bot::curation::review::queue;
    let dir = tempfile::tempdir().unwrap();
    let path = copy_to(dir.path(), FIXTURE);
    let db = dir.path().join("bot.db");
    logged(&db, &["Count of parties that signed?"]);
    let config = Config::embedded();
    let handle = DeskHandle::new(Desk::new(Knowledge::load(&path).unwrap(), config.clone()));
    let store = hanoi_bot::store::AsyncStore::new(Store::open(&db).unwrap());
    let item = store
        .blocking(|s| queue(s, &handle.get(), &Default::default(), 5))
        .unwrap()
        .remove(0);
    // The model file beside the knowledge is broken: the reload after the write fails.
    std::fs::write(dir.path().join("decision.toml"), "not a model").unwrap();
    let decision = Decision::Phrasing {
        entry: "signatories-final".into(),
        phrasing: item.text.clone(),
    };
    let o = decide(&store, &handle, &config, "m", &item, &decision, Utc::now()).unwrap();
    assert!(!o.done);
    assert!(
        o.message
            .starts_with("The phrasing was written but the knowledge was not reloaded"),
        "{}",
        o.message
    );
    assert!(!o.message.contains("Nothing was added"), "{}", o.message);
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("\"count of parties that signed\"]"));
    // Not labelled: it stays in the queue until the file is fixed and it is decided.
    assert!(store.blocking(|s| s.labels()).unwrap().is_empty());
    let audit = store.blocking(|s| s.audit_list(5)).unwrap();
    assert!(
        audit[0].detail.contains("was not reloaded"),
        "{:?}",
        audit[0]
    );
}
