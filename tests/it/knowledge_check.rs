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
