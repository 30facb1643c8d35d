//! What users see is the answer and one short source line; the curators' notes and
//! their full source lists stay with the curators (`ask --explain`, `/kb source`).

use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::Knowledge;
use std::process::Command;

fn desk() -> Desk {
    Desk::new(
        Knowledge::load(std::path::Path::new("knowledge/hanoi-convention.toml"))
            .unwrap_or_else(|p| panic!("{p}")),
        Config::embedded(),
    )
}

fn links(s: &str) -> usize {
    s.matches("http://").count() + s.matches("https://").count()
}

/// Words that belong to curation, not to an answer.
fn curation_word(s: &str) -> Option<&'static str> {
    let lower = s.to_lowercase();
    ["seed", "curator"].into_iter().find(|w| lower.contains(w))
}

#[test]
fn no_answer_carries_curation_wording_or_more_than_one_link() {
    let desk = desk();
    let mut problems = Vec::new();
    for e in &desk.knowledge.entries {
        let texts = [Some(&e.answer), e.answer_vi.as_ref()];
        for (text, lang) in texts.into_iter().zip(["en", "vi"]) {
            let Some(text) = text else { continue };
            if let Some(w) = curation_word(text) {
                problems.push(format!("{} ({lang}): says {w:?}", e.id));
            }
            if links(text) > 1 {
                problems.push(format!("{} ({lang}): {} links", e.id, links(text)));
            }
        }
        // What a user is shown for it, in both languages: answer, source line, fields.
        for lang in [Lang::En, Lang::Vi] {
            let r = desk.answer_entry(&e.id, lang).expect("entry answers");
            let source = r.source.clone().unwrap_or_default();
            if links(&source) > 1 || curation_word(&source).is_some() {
                problems.push(format!("{} ({lang:?}) source line: {source}", e.id));
            }
            let body = r.body.render(|_, _| String::new());
            if body.contains("has not been checked") {
                problems.push(format!("{} ({lang:?}): a curators' note", e.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_source_line_is_short_and_the_full_list_is_for_curators() {
    let desk = desk();
    let long = desk
        .knowledge
        .entries
        .iter()
        .max_by_key(|e| e.source.len())
        .unwrap();
    assert!(long.source.len() > 300, "the longest list: {}", long.source);
    let shown = desk
        .answer_entry(&long.id, Lang::En)
        .unwrap()
        .source
        .unwrap();
    assert!(shown.chars().count() < 200, "{shown}");
    for r in [
        desk.speakers(),
        desk.convention(),
        desk.signatories(Lang::En),
    ] {
        let s = r.source.unwrap_or_default();
        assert!(links(&s) <= 1 && s.chars().count() < 200, "{s}");
    }
    // `ask --explain` shows every source and the notes.
    let out = Command::new(env!("CARGO_BIN_EXE_hanoi-bot"))
        .args(["ask", "--explain", "what is article 22 about"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Every source listed"), "{text}");
    assert!(text.contains("Curators' notes"), "{text}");
    assert!(
        text.contains("not been checked against the official UN text"),
        "{text}"
    );
    let answer = text.split("read as:").next().unwrap();
    // That remark, which curators also wrote among the sources, is not counted as one.
    assert!(
        answer.contains("\nSource: Heading per the structure of the adopted text\n"),
        "{answer}"
    );
    assert_eq!(
        desk.article(22).source.as_deref(),
        Some("Heading per the structure of the adopted text")
    );
    assert!(!answer.contains("not been checked"), "{answer}");
    // The full list, as curators wrote it.
    let reply = hanoi_bot::curation::source_reply(&desk, &long.id);
    let listed = reply.fields[0].value.render(|_, _| String::new());
    assert_eq!(listed.lines().count(), long.source.split("; ").count());
    assert!(links(&listed) >= 2, "{listed}");
}
