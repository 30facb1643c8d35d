//! The operator commands against the database, as run on the host: `announce add`,
//! `list`, `cancel`, and `gaps`/`stats`, with `--db` (parent directory created).

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hanoi-bot"))
        .args(["--knowledge", "tests/fixtures/valid.toml"])
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .env("USER", "ops")
        .output()
        .expect("binary runs")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn announce_add_list_cancel_through_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/dir/bot.db");
    let db = db.to_str().unwrap();
    let o = run(&[
        "announce",
        "add",
        "--db",
        db,
        "--channel",
        "5",
        "--at",
        "in 2h",
        "--title",
        "Doors open",
        "--body",
        "The hall opens at 8:00.",
        "--role",
        "9",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("Scheduled #1 for "),
        "{}",
        text(&o.stdout)
    );

    let o = run(&["announce", "list", "--db", db]);
    let out = text(&o.stdout);
    assert!(
        out.contains("#1 Doors open") && out.contains("pending · pings role 9"),
        "{out}"
    );

    let o = run(&[
        "announce",
        "add",
        "--db",
        db,
        "--at",
        "yesterday",
        "--title",
        "",
        "--body",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("The title is empty."), "{err}");
    assert!(err.contains("Pick a channel"), "{err}");
    assert!(err.contains("can't read “yesterday”"), "{err}");

    let o = run(&["announce", "cancel", "1", "--db", db]);
    assert!(o.status.success());
    assert_eq!(text(&o.stdout).trim(), "Scheduled post #1 is cancelled.");
    let o = run(&["announce", "cancel", "1", "--db", db]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("already cancelled"));

    let store = hanoi_bot::store::Store::open(std::path::Path::new(db)).unwrap();
    let audit = store.audit_list(10).unwrap();
    assert_eq!(audit.len(), 3);
    assert!(audit.iter().all(|a| a.who == "cli:ops"));
    drop(store);

    // `hanoi-bot audit` prints them, newest first.
    let o = run(&["audit", "--db", db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines: Vec<String> = text(&o.stdout).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].contains("cli:ops  announce.cancel"), "{lines:?}");
    assert!(
        lines[2].contains("announce.schedule  #1 to channel 5"),
        "{lines:?}"
    );
}

#[test]
fn gaps_and_stats_read_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    {
        let mut s = hanoi_bot::store::Store::open(&db).unwrap();
        let q = hanoi_bot::store::QuestionEvent {
            text: "signing dress code".into(),
            answered: false,
            confidence: 0.2,
            best_entry: None,
            channel_kind: "slash".into(),
            user_id: None,
        };
        s.record_question(&q, true, chrono::Utc::now()).unwrap();
    }
    let db = db.to_str().unwrap();
    let o = run(&["gaps", "--db", db]);
    let out = text(&o.stdout);
    assert!(
        o.status.success() && out.contains("signing dress code"),
        "{out}"
    );
    assert!(
        out.contains("1× · unanswered") && out.contains("Closest: `signing"),
        "{out}"
    );
    let o = run(&["stats", "--db", db]);
    let out = text(&o.stdout);
    assert!(out.contains("1 question, 0% answered"), "{out}");
}
