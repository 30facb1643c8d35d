//! The terminal under hostile use: a closed standard output, endless lines, very long
//! names, absurd numbers, ids of 0, and many writers at once.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = "tests/fixtures/valid.toml";

fn bot(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
    c.args(["--knowledge", FIXTURE])
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .env_remove("RUST_LOG")
        .env("USER", "ops");
    c
}

fn run(args: &[&str]) -> Output {
    bot(args).output().expect("binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs with a standard output whose reader is already gone, as in `cmd | head -0`.
#[cfg(unix)]
fn with_closed_stdout(args: &[&str], stdin: &[u8]) -> Output {
    let (ours, theirs) = std::os::unix::net::UnixStream::pair().unwrap();
    drop(ours);
    let mut child = bot(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::from(std::os::fd::OwnedFd::from(theirs)))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn every_command_ends_quietly_when_standard_output_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let db = db.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", FIXTURE],
        vec!["check", "tests/fixtures/broken_many.toml"],
        vec!["schedule", "--day", "1"],
        vec!["ask", "When is the signing ceremony?"],
        vec!["ask", "--json", "When is the signing ceremony?"],
        vec!["ask", "--explain", "When is the signing ceremony?"],
        vec!["ask", "--json"],
        vec!["session", "opening"],
        vec!["speakers"],
        vec!["speaker", "guterres"],
        vec!["convention"],
        vec!["article", "1"],
        vec!["chapter", "1"],
        vec!["signatories"],
        vec!["export", "--json"],
        vec!["announce", "list", "--db", db],
        vec!["gaps", "--db", db],
        vec!["stats", "--db", db],
        vec!["audit", "--db", db],
    ];
    for args in commands {
        let o = with_closed_stdout(&args, b"When is the signing ceremony?\nwho is guterres\n");
        let err = text(&o.stderr);
        assert!(err.is_empty(), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?} panicked");
    }
}

#[test]
fn absurd_numbers_and_ids_of_zero_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let db = db.to_str().unwrap();
    let o = run(&["stats", "--days", "100000000", "--db", db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&["stats", "--days", "4294967295", "--db", db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    for (flag, what) in [("--channel", "channel id 0"), ("--role", "role id 0")] {
        let mut args = vec!["announce", "add", "--db", db, "--title", "T", "--body", "B"];
        if flag == "--role" {
            args.extend(["--channel", "5"]);
        }
        args.extend([flag, "0"]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{flag} 0: {}", text(&o.stdout));
        assert!(text(&o.stderr).contains(what), "{}", text(&o.stderr));
    }
    let o = run(&[
        "announce",
        "add",
        "--db",
        db,
        "--channel",
        "5",
        "--title",
        "T",
        "--body",
        "B",
        "--at",
        &format!("in {}", "999999d".repeat(20)),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(!text(&o.stderr).contains("panicked"), "{}", text(&o.stderr));
    let o = run(&["announce", "list", "--all", "--db", db]);
    assert!(
        text(&o.stdout).contains("Nothing is scheduled"),
        "{}",
        text(&o.stdout)
    );
    // An empty database path: refused, not a temporary database that forgets.
    let o = run(&[
        "announce",
        "add",
        "--db",
        "",
        "--channel",
        "5",
        "--title",
        "T",
        "--body",
        "B",
    ]);
    assert!(!o.status.success(), "{}", text(&o.stdout));
    let cfg = dir.path().join("bot.toml");
    std::fs::write(&cfg, "[storage]\npath = \"\"\n").unwrap();
    let o = run(&["--config", cfg.to_str().unwrap(), "check", FIXTURE]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("storage.path"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn twenty_announce_adds_at_once_on_a_new_database_are_all_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let db = db.to_str().unwrap();
    let children: Vec<_> = (0..20)
        .map(|i| {
            bot(&[
                "announce",
                "add",
                "--db",
                db,
                "--channel",
                "5",
                "--at",
                "in 2h",
                "--title",
                &format!("post {i}"),
                "--body",
                "B",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let o = run(&["announce", "list", "--db", db]);
    assert!(
        text(&o.stdout).contains("20 scheduled"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn names_and_explanations_of_a_megabyte_are_refused_as_too_long() {
    // Distinct words, one argument each (one argument may hold at most 128 KiB).
    let words: Vec<String> = (0..120_000).map(|i| format!("w{i}")).collect();
    for command in [&["speaker"][..], &["session"], &["ask", "--explain"]] {
        let mut args: Vec<&str> = command.to_vec();
        args.extend(words.iter().map(String::as_str));
        let o = run(&args);
        let out = text(&o.stdout) + &text(&o.stderr);
        assert!(
            out.contains("too long"),
            "{command:?}: {}",
            &out[..out.len().min(300)]
        );
        assert!(out.len() < 2_000, "{command:?}: the input is echoed back");
    }
}

/// Peak resident memory of a live process, in kB (Linux).
#[cfg(target_os = "linux")]
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_line_of_200_megabytes_is_refused_in_bounded_memory_and_not_echoed() {
    let mut child = bot(&["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let pid = child.id();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..200 {
            input.write_all(&chunk).unwrap();
        }
        input
            .write_all(b"\nWhen is the signing ceremony?\n")
            .unwrap();
        input
    });
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let second: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let peak = peak_kb(pid);
    drop(writer.join().unwrap());
    assert!(child.wait().unwrap().success());
    assert_eq!(first["answered"], false);
    assert!(
        first["answer"].as_str().unwrap().contains("too long"),
        "{first}"
    );
    assert!(
        first["query"].as_str().unwrap().chars().count() <= 120,
        "a short prefix is echoed"
    );
    assert_eq!(second["id"], "signing-date", "the batch goes on");
    assert!(peak < 120 * 1024, "peak memory {peak} kB for a 200 MB line");
}
