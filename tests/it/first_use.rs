//! A newcomer's first use of the terminal bot on the shipped knowledge: it speaks
//! terminal (the commands it suggests are `hanoi-bot ...`, never slash commands), says
//! which time zones its times are in, names what `check` checked, and its listings read
//! cleanly (chapter ranges, organisations, session names).

use hanoi_bot::answers::Desk;
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::{EntryKind, Knowledge};
use std::process::{Command, Output};

fn bot(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
    c.args(args)
        .env_remove("DISCORD_TOKEN")
        .env_remove("RUST_LOG");
    c
}

fn text(o: Output) -> String {
    String::from_utf8(o.stdout).expect("utf-8")
}

fn run(args: &[&str]) -> String {
    text(bot(args).output().expect("runs"))
}

#[test]
fn suggested_commands_are_terminal_commands() {
    let cases: [(&[&str], &str); 6] = [
        (&["speakers"], "Use hanoi-bot speaker NAME for one of them."),
        (
            &["speaker", "nobody", "at", "all"],
            "Try hanoi-bot speakers for the list.",
        ),
        (
            &["convention"],
            "Ask hanoi-bot article N or hanoi-bot chapter N for one of them.",
        ),
        (
            &["session", "zzzz", "qqqq"],
            "Try hanoi-bot schedule --day DAY for the whole programme.",
        ),
        (
            &["ask", "xyzzy"],
            "Try hanoi-bot --help to see what I can answer",
        ),
        (
            &["schedule", "--day", "now"],
            "The programme of each day: hanoi-bot schedule --day DAY.",
        ),
    ];
    for (args, want) in cases {
        let out = run(args);
        assert!(out.contains(want), "{args:?}: {want:?} in\n{out}");
        assert!(!out.contains("`/"), "{args:?}: a slash command in\n{out}");
    }
}

#[test]
fn schedule_times_show_the_readers_own_zone_too() {
    // POSIX TZ strings need no time zone database on the machine.
    let tokyo = text(
        bot(&["schedule", "--day", "1"])
            .env("TZ", "JST-9")
            .output()
            .unwrap(),
    );
    assert!(
        tokyo.contains("Sat 25 Oct 2025 10:00 UTC+07:00 (03:00 UTC) · 12:00 your time"),
        "{tokyo}"
    );
    let utc = text(
        bot(&["schedule", "--day", "1"])
            .env("TZ", "UTC0")
            .output()
            .unwrap(),
    );
    assert!(utc.contains("(03:00 UTC) · 03:00 your time"), "{utc}");
    // A reader whose day is another: the date is shown.
    let hawaii = text(
        bot(&["schedule", "--day", "1"])
            .env("TZ", "HST10")
            .output()
            .unwrap(),
    );
    assert!(hawaii.contains("· Fri 24 Oct 17:00 your time"), "{hawaii}");
}

#[test]
fn check_outside_the_repository_names_the_built_in_copies() {
    let dir = tempfile::tempdir().unwrap();
    let o = bot(&["check"]).current_dir(dir.path()).output().unwrap();
    assert!(o.status.success());
    let out = text(o);
    assert!(out.contains("built-in knowledge (version "), "{out}");
    assert!(out.contains("built-in configuration: ok"), "{out}");
    assert!(!out.contains("knowledge/hanoi-convention.toml"), "{out}");
    assert!(!out.contains("config/bot.toml"), "{out}");
    // In the repository the files are named.
    let out = run(&["check"]);
    assert!(out.contains("knowledge/hanoi-convention.toml: ok"), "{out}");
}

#[test]
fn piped_output_is_plain_text() {
    for args in [
        &["speakers"][..],
        &["schedule", "--day", "1"],
        &["convention"],
    ] {
        let out = text(bot(args).env_remove("NO_COLOR").output().unwrap());
        assert!(!out.contains('\x1b'), "{args:?}: escape codes when piped");
        // Unwrapped: each person's line is whole.
        assert!(out.lines().all(|l| !l.ends_with(' ')), "{args:?}");
    }
}

#[test]
fn a_one_article_chapter_reads_article_n() {
    let out = run(&["convention"]);
    assert!(out.contains("III. Jurisdiction (article 22)"), "{out}");
    assert!(
        out.contains("VI. Preventive measures (article 53)"),
        "{out}"
    );
    assert!(out.contains("II. Criminalization (articles 7–21)"), "{out}");
    assert!(
        !out.contains("(22–22)") && !out.contains("(53–53)"),
        "{out}"
    );
}

/// "a, b, b": a name repeated next to itself.
fn repeats(line: &str) -> bool {
    let parts: Vec<&str> = line.split(", ").map(str::trim).collect();
    parts.windows(2).any(|w| w[0] == w[1])
}

#[test]
fn an_organisation_is_not_repeated_after_a_title_that_names_it() {
    let out = run(&["speakers"]);
    for line in out.lines() {
        assert!(!repeats(line), "{line}");
    }
    assert!(
        out.contains("Director of the Treaty Affairs Division, UNODC\n"),
        "{out}"
    );
    let desk = Desk::new(Knowledge::embedded().unwrap(), Config::embedded());
    for e in desk
        .knowledge
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Person)
    {
        let head = e.answer.split(". ").next().unwrap();
        assert!(!repeats(head), "{}: {head}", e.id);
        let reply = desk.speaker(&e.id, hanoi_bot::answers::Lang::En);
        let body = reply.body.render(|_, _| String::new());
        assert!(!repeats(&body), "{}: {body}", e.id);
    }
}

#[test]
fn sessions_are_found_by_their_own_name_in_any_order() {
    for (typed, want) in [
        ("session signing", "Signing session"),
        ("signing session", "Signing session"),
        ("the signing", "Signing session"),
        ("session opening", "Opening session"),
        ("closing session", "Closing session"),
        ("gala dinner", "State banquet"),
        ("phien ky", "Signing session"),
    ] {
        let out = run(&["session", typed]);
        assert_eq!(out.lines().next(), Some(want), "{typed}:\n{out}");
    }
}

/// Every name and alias of every session and person, in either word order, finds its
/// entry: "treaty signing" (an alias of the signing session) found nothing and "family
/// photo" gave the photo exhibition while the lookup went only through the matcher's
/// general ranking.
#[test]
fn every_name_and_alias_finds_its_entry_in_either_word_order() {
    let desk = Desk::new(Knowledge::embedded().unwrap(), Config::embedded());
    let mut wrong = Vec::new();
    for e in desk
        .knowledge
        .entries
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::Session | EntryKind::Person))
    {
        for name in &e.names {
            let mut words: Vec<&str> = name.split_whitespace().collect();
            let forward = words.join(" ");
            words.reverse();
            for typed in [forward, words.join(" ")] {
                let found = desk.find_named(&typed, e.kind, 1);
                let id = found.first().map(|f| f.id.as_str());
                if id != Some(e.id.as_str()) {
                    wrong.push(format!("{typed:?} -> {id:?}, not {}", e.id));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(desk.session("treaty signing").title, "Signing session");
}
