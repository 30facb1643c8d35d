//! The terminal front end, run as users run it: the real binary, real pipes.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = "tests/fixtures/valid.toml";

fn bot(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
    c.args(args)
        .env_remove("DISCORD_TOKEN")
        .env_remove("RUST_LOG");
    c
}

fn run(args: &[&str]) -> Output {
    bot(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn batch(args: &[&str], input: &[u8]) -> Vec<Value> {
    let mut child = bot(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "batch exits 0: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn ask_prints_answer_source_and_confidence() {
    let o = run(&[
        "--knowledge",
        FIXTURE,
        "ask",
        "When is the signing ceremony?",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("25-26 October 2025"), "{text}");
    assert!(text.contains("Source: VNA, 25 Oct 2025"), "{text}");
    assert!(text.contains("Confidence:"), "{text}");
}

#[test]
fn ask_json_follows_the_contract() {
    let o = run(&["--knowledge", FIXTURE, "ask", "--json", "who is guteres"]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["query"], "who is guteres");
    assert_eq!(v["answered"], true);
    assert_eq!(v["id"], "antonio-guterres");
    let c = v["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&c));
    assert!(v["suggestions"].is_array());
}

#[test]
fn batch_answers_each_line_before_the_next_is_written() {
    use std::io::{BufRead, BufReader};
    let mut child = bot(&["--knowledge", FIXTURE, "ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines() {
            let _ = tx.send(line.expect("utf-8 output"));
        }
    });
    // The input stays open: an answer held back until it closes never comes.
    for (q, id) in [
        ("who is guteres", "antonio-guterres"),
        ("When is the signing ceremony?", "signing-date"),
    ] {
        writeln!(stdin, "{q}").unwrap();
        stdin.flush().unwrap();
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no answer to {q:?} while the input is open"));
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["query"], q);
        assert_eq!(v["id"], id, "{line}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn batch_survives_bad_lines_and_keeps_order() {
    let mut input = Vec::new();
    input.extend_from_slice(b"When is the signing ceremony?\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"bad \xff\xfe utf8\n");
    input.extend_from_slice("x".repeat(100_000).as_bytes());
    input.extend_from_slice(b"\nwho\x07 is\x1b guterres\r\n");
    input.extend_from_slice(b"how tall is guterres");
    let out = batch(&["--knowledge", FIXTURE, "ask", "--json"], &input);
    assert_eq!(out.len(), 6, "one line out per line in");
    assert_eq!(out[0]["id"], "signing-date");
    assert_eq!(out[1]["answered"], false, "empty line is refused");
    assert_eq!(out[2]["answered"], false);
    assert!(out[2]["answer"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(out[3]["answered"], false);
    assert!(out[3]["answer"].as_str().unwrap().contains("too long"));
    assert_eq!(
        out[4]["id"], "antonio-guterres",
        "control characters are ignored"
    );
    assert_eq!(
        out[5]["answered"], false,
        "unknown attribute of a known person"
    );
    assert_eq!(out[5]["suggestions"][0]["id"], "antonio-guterres");
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let o = run(&["check", "tests/fixtures/broken_many.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("9 problems found"), "{text}");
    assert!(
        text.contains(
            "tests/fixtures/broken_many.toml:56: [ghost-speaker] names unknown speaker `nobody`"
        ),
        "{text}"
    );
    let ok = run(&["check", FIXTURE]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
}

#[test]
fn a_bad_config_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.toml");
    std::fs::write(&path, "[matcher]\nthreshold = 7\n").unwrap();
    let o = run(&[
        "--config",
        path.to_str().unwrap(),
        "--knowledge",
        FIXTURE,
        "ask",
        "hi",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not in 0..1"));
}

#[test]
fn a_config_asking_more_suggestions_than_one_button_row_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.toml");
    let ask = |suggestions: u32| {
        std::fs::write(&path, format!("[matcher]\nsuggestions = {suggestions}\n")).unwrap();
        run(&[
            "--config",
            path.to_str().unwrap(),
            "--knowledge",
            FIXTURE,
            "ask",
            "--json",
            "when is the signing ceremony",
        ])
    };
    let refused = ask(6);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("matcher.suggestions is at most 5"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let most = ask(5);
    assert_eq!(most.status.code(), Some(0), "{}", stdout(&most));
}

#[test]
fn schedule_article_speaker_and_export() {
    let o = run(&["--knowledge", FIXTURE, "schedule", "--day", "1"]);
    let text = stdout(&o);
    assert!(
        text.contains("Signing session") && text.contains("10:00 UTC+07:00 (03:00 UTC)"),
        "{text}"
    );
    assert!(text.contains("evening (no clock time published)"), "{text}");
    let o = run(&["--knowledge", FIXTURE, "schedule", "--day", "9"]);
    assert!(!o.status.success(), "unknown day is an error");

    let text = stdout(&run(&["--knowledge", FIXTURE, "article", "3"]));
    assert!(text.contains("Laundering of proceeds of crime"), "{text}");
    let text = stdout(&run(&["--knowledge", FIXTURE, "article", "99"]));
    assert!(text.contains("There is no article 99"), "{text}");

    let text = stdout(&run(&["--knowledge", FIXTURE, "speaker", "luong", "cuong"]));
    assert!(
        text.contains("President of Viet Nam") && text.contains("Signing session"),
        "{text}"
    );

    let o = run(&["--knowledge", FIXTURE, "export", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert!(entries
        .iter()
        .any(|e| e["id"] == "article-3" && e["kind"] == "article"));
    assert!(entries
        .iter()
        .all(|e| e["questions"].as_array().is_some_and(|q| !q.is_empty())));
}

#[test]
fn run_without_a_token_exits_2_with_a_message() {
    let o = run(&["run"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("DISCORD_TOKEN"));
}

#[test]
fn signatories_and_did_my_country_sign_on_the_shipped_knowledge() {
    let text = stdout(&run(&["signatories"]));
    for needle in [
        "72 signatories as of 26 October 2025",
        "By region",
        "confidence: low",
        "Algeria",
        "Reported as not signed in Hanoi",
        "The full list",
        "https://treaties.un.org/",
    ] {
        assert!(text.contains(needle), "{needle:?} in:\n{text}");
    }
    let text = stdout(&run(&["signatories", "--lang", "vi"]));
    assert!(text.contains("Các bên ký Công ước"), "{text}");

    let input = "did the US sign?\nDid Germany sign?\nPháp đã ký Công ước chưa?\n";
    let out = batch(&["ask", "--json"], input.as_bytes());
    assert_eq!(out[0]["id"], "united-states", "not the ceremony dates");
    assert_eq!(out[1]["answered"], false);
    assert!(out[1]["answer"].as_str().unwrap().contains("partial"));
    assert_eq!(out[2]["id"], "france");
    let o = run(&["export", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "japan" && e["kind"] == "country"));
}
