//! The knowledge loader on broken files: every problem at once, each with its line
//! and entry id; a malformed file is a message, never a panic.

use hanoi_bot::knowledge::{Knowledge, Problems};
use std::path::Path;

fn problems(fixture: &str) -> Problems {
    Knowledge::load(Path::new(&format!("tests/fixtures/{fixture}")))
        .expect_err("fixture is broken on purpose")
}

fn find<'a>(p: &'a Problems, id: &str, needle: &str) -> &'a hanoi_bot::knowledge::Problem {
    p.0.iter()
        .find(|x| x.id.as_deref() == Some(id) && x.message.contains(needle))
        .unwrap_or_else(|| panic!("no problem for [{id}] containing {needle:?} in:\n{p}"))
}

#[test]
fn every_problem_is_reported_with_file_line_and_id() {
    let p = problems("broken_many.toml");
    let dup = find(&p, "dup", "duplicate id");
    assert!(
        dup.message.contains("line 12"),
        "points at the first use: {}",
        dup.message
    );
    assert_eq!(dup.file, "tests/fixtures/broken_many.toml");
    assert!(
        (19..=20).contains(&dup.line),
        "second table's line, got {}",
        dup.line
    );
    assert!((26..=27).contains(&find(&p, "empty-answer", "`answer` is empty").line));
    find(&p, "too-long", "Discord shows at most 1024");
    find(&p, "copycat", "also a phrasing of `dup`");
    find(&p, "copycat", "unknown topic");
    find(&p, "copycat", "related id `nowhere` does not exist");
    find(&p, "ghost-speaker", "unknown speaker `nobody`");
    let outside = find(&p, "outside", "outside the event");
    assert!((67..=68).contains(&outside.line));
    find(&p, "outside", "not HH:MM");
    assert_eq!(p.0.len(), 9, "exactly the planted problems:\n{p}");
    // Reported in file order, rendered one per line as file:line: [id] message.
    assert!(p.0.windows(2).all(|w| w[0].line <= w[1].line));
    let text = p.to_string();
    assert!(text.starts_with("9 problems found:"), "{text}");
    assert!(text.contains("tests/fixtures/broken_many.toml:"), "{text}");
}

#[test]
fn missing_vietnamese_undated_and_contradictory_figures_are_problems() {
    let p = problems("missing_vietnamese.toml");
    let no_vi = find(&p, "no-vi", "`answer_vi` is missing");
    assert_eq!(no_vi.file, "tests/fixtures/missing_vietnamese.toml");
    assert_eq!(no_vi.line, 12, "the entry's own table: {p}");
    find(&p, "no-vi-person", "`title_vi` is missing");
    find(&p, "no-vi-person", "`role_vi` is missing");
    find(&p, "no-vi-session", "`name_vi` is missing");
    find(&p, "no-vi-session", "`description_vi` is empty");
    find(&p, "undated", "needs `as_of`");
    find(
        &p,
        "date-not-said",
        "`answer` does not say the figure is as of 26 October 2025",
    );
    find(
        &p,
        "date-not-said",
        "`answer_vi` does not say the figure is as of 26/10/2025",
    );
    find(
        &p,
        "now-and-dated",
        "`holds_now` is for an answer still true today",
    );
    find(
        &p,
        "now-and-refused",
        "`holds_now` is for an answer still true today",
    );
    assert!(
        p.0.iter().all(|x| x.id.as_deref() != Some("dated")),
        "a figure dated in both languages is fine:\n{p}"
    );
    assert_eq!(p.0.len(), 10, "exactly the planted problems:\n{p}");
}

#[test]
fn the_shipped_changing_figures_are_dated() {
    let k = Knowledge::load(Path::new("knowledge/hanoi-convention.toml"))
        .unwrap_or_else(|p| panic!("{p}"));
    for id in [
        "fact-signatories-final",
        "convention-entry-into-force",
        "convention-status-now",
    ] {
        let e = k
            .entry(id)
            .unwrap_or_else(|| panic!("{id} is in the knowledge"));
        assert!(e.as_of.is_some(), "{id} carries as_of");
        assert!(
            e.answer.contains("as of 26 October 2025")
                || e.answer.contains("As of 26 October 2025"),
            "{id} says the date: {}",
            e.answer
        );
        assert!(
            e.answer.contains("treaties.un.org"),
            "{id} says where the current figure is kept: {}",
            e.answer
        );
    }
}

#[test]
fn malformed_toml_is_a_message_with_its_line() {
    let p = problems("malformed.toml");
    assert_eq!(p.0.len(), 1);
    assert_eq!(p.0[0].line, 6, "{}", p);
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let p = problems("unknown_field.toml");
    assert_eq!(p.0.len(), 1);
    assert!(p.0[0].message.contains("anwser_vi"), "{p}");
    assert!((12..=17).contains(&p.0[0].line), "{p}");
}

#[test]
fn a_missing_file_is_a_problem_not_a_panic() {
    let p = problems("does-not-exist.toml");
    assert!(p.0[0].message.contains("cannot read"), "{p}");
}

#[test]
fn the_shipped_knowledge_is_valid_and_complete() {
    let k = Knowledge::load(Path::new("knowledge/hanoi-convention.toml"))
        .unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(k.chapters.len(), 9);
    assert_eq!(k.articles.len(), 68);
    assert!(
        (1..=68).all(|n| k.article(n).is_some()),
        "every article 1-68 is present"
    );
    for name in [
        "Luong Cuong",
        "Guterres",
        "Ghada Waly",
        "Onidi",
        "Kubrako",
        "Thongloun",
    ] {
        let folded = hanoi_bot::text::fold(name);
        assert!(
            k.people.iter().any(|p| std::iter::once(&p.name)
                .chain(&p.aliases)
                .any(|a| hanoi_bot::text::fold(a).contains(&folded))),
            "{name} is among the people"
        );
    }
    assert!(
        k.entries.iter().all(|e| !e.source.trim().is_empty()),
        "every entry has a source"
    );
    let embedded = Knowledge::embedded().unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(
        embedded.entries.len(),
        k.entries.len(),
        "the binary embeds the shipped file"
    );
}

/// The valid fixture plus `extra` tables, parsed; the problems, or none.
fn with(extra: &str) -> Result<Knowledge, Problems> {
    let base = std::fs::read_to_string("tests/fixtures/valid.toml").expect("fixture");
    Knowledge::parse(&format!("{base}\n{extra}"), "countries.toml")
}

const SIGNATORIES: &str = r#"
[signatories]
total = 72
as_of = "2025-10-26"
source = "UN Treaty Collection"
url = "https://treaties.un.org/"
includes = "The 72 include the EU."
includes_vi = "72 bên ký gồm cả EU."
list_note = "Partial."
list_note_vi = "Chưa đầy đủ."
open_until = "2026-12-31"
open_at = "UN Headquarters in New York"
open_at_vi = "Trụ sở Liên Hợp Quốc ở New York"
"#;

#[test]
fn country_records_are_checked_with_their_line_and_id() {
    let bad = format!(
        r#"{SIGNATORIES}
[[country]]
id = "ruritania"
name = "Ruritania"
name_vi = "Ruritania"
iso = "XX"
status = "maybe"
date = "25 Oct 2025"
source = "Nobody"
confidence = "certain"

[[country]]
id = "france"
name = "France"
name_vi = "Pháp"
iso = "FR"
aliases = ["Mỹ", "Guterres"]
status = "reported-not-signed"
date = "2025-10-25"
source = "UN Treaty Collection"
confidence = "high"
note = "Only in English."

[[country]]
id = "france-again"
name = "French Republic"
name_vi = "Cộng hòa Pháp"
iso = "FR"
aliases = ["pháp"]
status = "attended"
source = "Somebody"
confidence = "low"

[[country]]
id = "france"
kind = "organisation"
name = "Stateless"
name_vi = "Không quốc gia"
status = "signed"
source = "x"
confidence = "high"
"#
    );
    let p = with(&bad).expect_err("broken on purpose");
    for (id, needle) in [
        ("ruritania", "iso \"XX\" is not the ISO 3166-1 alpha-2 code"),
        ("ruritania", "unknown status \"maybe\""),
        ("ruritania", "date \"25 Oct 2025\" is not YYYY-MM-DD"),
        ("ruritania", "unknown confidence \"certain\""),
        ("france", "name \"Mỹ\" folds to a filler word"),
        (
            "france",
            "name \"Guterres\" is also the name of the person `antonio-guterres`",
        ),
        ("france", "reported as not signed has no date of signature"),
        ("france", "has a `note` but no `note_vi`"),
        ("france-again", "iso \"FR\" is also the code of `france`"),
        ("france-again", "name \"pháp\" is also a name of `france`"),
        ("france-again", "status \"attended\" needs a `note`"),
        ("france", "duplicate id"),
        ("france", "unknown kind \"organisation\""),
    ] {
        let found = find(&p, id, needle);
        assert!(found.line > 0, "{found}");
    }
    // Each problem points at its own table: the second `france` is further down.
    let dup = find(&p, "france", "duplicate id");
    assert!(dup.line > find(&p, "france-again", "iso").line, "{p}");
}

#[test]
fn countries_need_the_signatories_table_and_a_valid_one() {
    let record = r#"
[[country]]
id = "france"
name = "France"
name_vi = "Pháp"
iso = "FR"
status = "signed"
date = "2025-10-25"
source = "UN Treaty Collection"
confidence = "high"
"#;
    let p = with(record).expect_err("no [signatories]");
    find(&p, "france", "need a [signatories] table");
    let broken = SIGNATORIES
        .replace("2026-12-31", "end of 2026")
        .replace("https://treaties.un.org/", "treaties.un.org");
    let p = with(&format!("{broken}\n{record}")).expect_err("bad [signatories]");
    find(
        &p,
        "signatories",
        "open_until \"end of 2026\" is not YYYY-MM-DD",
    );
    find(&p, "signatories", "is not a web address");
    let k = with(&format!("{SIGNATORIES}\n{record}")).unwrap_or_else(|p| panic!("{p}"));
    let e = k
        .entry("france")
        .expect("the record is an answerable entry");
    assert!(e
        .answer
        .starts_with("Yes: France signed the convention on 25 October 2025"));
    assert!(e.names.iter().any(|n| n == "FRA"), "the ISO code is a name");
}

#[test]
fn phrasings_are_compared_word_by_word() {
    // Case and punctuation do not make two phrasings differ, but where the words break
    // does: "the signing ceremony" and "the signingce remony" are different questions.
    let base = std::fs::read_to_string("tests/fixtures/valid.toml").unwrap();
    let with = |question: &str| {
        format!(
            "{base}\n[[qa]]\nid = \"echo\"\ntopic = \"ceremony\"\nquestions = [{question:?}]\n\
             answer = \"Echo.\"\nanswer_vi = \"Echo.\"\nsource = \"VNA\"\n"
        )
    };
    let apart = Knowledge::parse(&with("When is the signingce remony?"), "echo.toml");
    assert!(
        apart.is_ok(),
        "{}",
        apart.err().map(|p| p.to_string()).unwrap_or_default()
    );
    let same = Knowledge::parse(&with("WHEN is the signing ceremony!"), "echo.toml")
        .err()
        .map(|p| p.to_string())
        .unwrap_or_default();
    assert!(same.contains("also a phrasing of `signing-date`"), "{same}");
}
