//! `hanoi-bot run`, the binary: no token, and a run against the fake stopped by SIGTERM.

use crate::fake_discord::*;
use serde_json::json;

#[test]
fn run_without_a_token_exits_2_with_a_message() {
    for token in [None, Some(""), Some("   ")] {
        let mut c = bot_command();
        c.arg("run");
        if let Some(t) = token {
            c.env("DISCORD_TOKEN", t);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("DISCORD_TOKEN is not set"), "{err}");
        assert!(!err.contains("panicked"));
    }
}

/// `hanoi-bot run` with DISCORD_API_BASE: talks only to the fake, answers, logs one
/// line per interaction without the token, and stops cleanly on SIGTERM.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_uses_the_api_base_and_stops_on_sigterm() {
    let fake = Fake::start().await;
    // Logs to a file: a pipe nobody reads while the test waits could fill and block.
    let log = tempfile::NamedTempFile::new().unwrap();
    // One open file for both streams, so they append rather than overwrite.
    let out = log.reopen().unwrap();
    let mut c = bot_command();
    c.arg("run")
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &fake.base)
        .env("RUST_LOG", "info")
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    let mut child = tokio::process::Command::from(c).spawn().unwrap();
    let registered = fake
        .wait_for(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await;
    if registered.is_none() {
        let status = child.try_wait();
        let _ = child.kill().await;
        eprintln!("bot process status: {status:?}");
        panic!(
            "not registered through DISCORD_API_BASE: {}\nrequests: {:?}",
            std::fs::read_to_string(log.path()).unwrap_or_default(),
            fake.requests()
        );
    }
    let id = fake.id();
    let body = interact(
        &fake,
        command(
            id,
            "ask",
            &[("question", 3, json!("When is the signing ceremony?"))],
            "en-US",
        ),
    )
    .await;
    assert!(embed_text(&body["data"]).contains("25-26 October 2025"));
    let pid = child.id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("stops within 10 s of SIGTERM")
        .unwrap();
    let logs = std::fs::read_to_string(log.path()).unwrap();
    assert_eq!(status.code(), Some(0), "{logs}");
    assert!(
        fake.closed.load(std::sync::atomic::Ordering::SeqCst) >= 1,
        "gateway closed"
    );
    let line = logs
        .lines()
        .find(|l| l.contains("interaction handled"))
        .unwrap_or_else(|| panic!("no interaction log line: {logs}"));
    for key in [
        "command=ask",
        "guild=Some(3000)",
        "latency_ms=",
        "matched=\"signing-date\"",
        "score=",
    ] {
        assert!(line.contains(key), "{key} missing in {line}");
    }
    assert!(!logs.contains("SECRET"), "the token leaked into the logs");
}
