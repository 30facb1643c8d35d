//! Vietnamese answers: every answerable entry of the shipped knowledge has one, and the
//! answers composed from fields (sessions, programme days, chapters) read the Vietnamese
//! way, with dates as "25/10/2025".

use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::{EntryKind, Knowledge};
use std::path::Path;

fn shipped() -> Knowledge {
    Knowledge::load(Path::new("knowledge/hanoi-convention.toml")).unwrap_or_else(|p| panic!("{p}"))
}

fn vi(desk: &Desk, id: &str) -> String {
    desk.answer_entry(id, Lang::Vi)
        .unwrap_or_else(|| panic!("{id} exists"))
        .body
        .render(|_, _| String::new())
}

#[test]
fn every_shipped_answer_except_articles_has_its_vietnamese() {
    let k = shipped();
    let missing: Vec<&str> = k
        .entries
        .iter()
        .filter(|e| e.kind != EntryKind::Article && e.answer_vi.is_none())
        .map(|e| e.id.as_str())
        .collect();
    assert!(missing.is_empty(), "no Vietnamese answer: {missing:?}");
}

#[test]
fn sessions_days_and_chapters_are_composed_in_vietnamese() {
    let desk = Desk::new(shipped(), Config::embedded());
    let signing = vi(&desk, "session-signing");
    for part in [
        "Phiên ký",
        "thứ Bảy, 25/10/2025, 10:00 (UTC+07:00)",
        "Trung tâm Hội nghị Quốc gia",
    ] {
        assert!(signing.contains(part), "{part:?} in {signing}");
    }
    assert!(!signing.contains("2025-10-25"), "no ISO date: {signing}");
    let banquet = vi(&desk, "session-banquet");
    assert!(banquet.contains("25/10/2025, buổi tối"), "{banquet}");
    let day = vi(&desk, "programme-2025-10-26");
    assert!(day.starts_with("Ngày 2, Chủ nhật, 26/10/2025:"), "{day}");
    assert!(day.contains("Phiên bế mạc"), "{day}");
    let chapter = vi(&desk, "chapter-5");
    assert!(
        chapter.starts_with("Chương V — Hợp tác quốc tế (Điều 35–52)"),
        "{chapter}"
    );
}

#[test]
fn a_session_without_vietnamese_venue_keeps_the_english_one() {
    let k = Knowledge::load(Path::new("tests/fixtures/valid.toml")).expect("fixture");
    let desk = Desk::new(k, Config::default());
    let banquet = vi(&desk, "banquet");
    assert!(
        banquet.starts_with("Tiệc chiêu đãi: thứ Bảy, 25/10/2025, buổi tối, Hanoi."),
        "{banquet}"
    );
    assert!(
        banquet.contains("Người tham gia: Lương Cường."),
        "{banquet}"
    );
}

#[test]
fn answers_carry_no_curation_wording() {
    let k = shipped();
    for e in &k.entries {
        for text in std::iter::once(&e.answer).chain(e.answer_vi.as_ref()) {
            let lower = text.to_lowercase();
            for word in ["seed", "curator", "curation"] {
                assert!(!lower.contains(word), "{} says {word:?}: {text}", e.id);
            }
        }
    }
}

#[test]
fn the_source_line_is_in_the_language_asked_each_time() {
    // One desk answers in both languages: the source line is kept per entry and per
    // language, and a line found for one language must not be shown in the other.
    let desk = Desk::new(shipped(), Config::embedded());
    let q = "How many countries signed in Hanoi?";
    let source = |lang| desk.ask(q, lang).1.source.expect("a source line");
    let en = source(Lang::En);
    let vi = source(Lang::Vi);
    assert!(en.contains("other sources"), "{en}");
    assert!(vi.contains("nguồn khác"), "{vi}");
    assert_eq!(source(Lang::En), en, "asked again in English");
    assert_eq!(source(Lang::Vi), vi, "asked again in Vietnamese");
}
