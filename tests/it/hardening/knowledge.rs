//! Knowledge files a careless edit or a crash produces: cut short, colliding with the
//! generated entries, dated outside the event, and very large.

use hanoi_bot::knowledge::{Knowledge, Problems};

const SHIPPED: &str = include_str!("../../../knowledge/hanoi-convention.toml");
const FIXTURE: &str = include_str!("../../fixtures/valid.toml");

fn refused(text: &str) -> Problems {
    match Knowledge::parse(text, "k.toml") {
        Ok(k) => panic!("accepted ({} entries)", k.entries.len()),
        Err(p) => p,
    }
}

fn says(p: &Problems, what: &str) -> bool {
    p.0.iter().any(|x| x.message.contains(what))
}

/// Byte offsets where a table starts (`[meta]`, `[[qa]]`, ...).
fn boundaries(text: &str) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') {
            out.push(at);
        }
        at += line.len();
    }
    out
}

#[test]
fn a_file_cut_at_any_entry_boundary_before_its_last_article_is_refused_with_a_line() {
    let cuts = boundaries(SHIPPED);
    let last_article = SHIPPED.rfind("\n[[article]]").unwrap() + 1;
    let mut passed = Vec::new();
    for &cut in cuts.iter().filter(|&&c| c > 0 && c <= last_article) {
        match Knowledge::parse(&SHIPPED[..cut], "k.toml") {
            Ok(k) => passed.push((cut, k.entries.len())),
            Err(p) => assert!(p.0.iter().all(|x| x.line > 0), "cut at {cut}: {p}"),
        }
    }
    assert!(passed.is_empty(), "cuts that loaded: {passed:?}");
    // Cut before the first [[qa]]: meta and synonyms only.
    let p = refused(&SHIPPED[..SHIPPED.find("\n[[qa]]").unwrap() + 1]);
    assert!(says(&p, "chapter") && says(&p, "session"), "{p}");
}

#[test]
fn a_file_that_lost_its_not_held_tables_is_refused() {
    // The shipped file declares `not_held` among its tables: without them every
    // question about a kind of detail the sources never give would be guessed at.
    let start = SHIPPED.find("\n[[not_held]]").unwrap() + 1;
    let end = start + SHIPPED[start..].find("\n[[qa]]").unwrap() + 1;
    let without = format!("{}{}", &SHIPPED[..start], &SHIPPED[end..]);
    assert!(!without.contains("[[not_held]]"));
    let p = refused(&without);
    assert!(says(&p, "[[not_held]]"), "{p}");
}

#[test]
fn every_chapter_and_article_the_file_declares_must_be_there_and_covered_once() {
    // The shipped file declares the convention's 9 chapters and 68 articles.
    let k = Knowledge::parse(SHIPPED, "k.toml").unwrap();
    assert_eq!((k.chapters.len(), k.articles.len()), (9, 68));
    let without_41 = {
        let at = SHIPPED.find("[[article]]\nnumber = 41\n").unwrap();
        let end = at + SHIPPED[at + 1..].find("\n[[").unwrap() + 2;
        format!("{}{}", &SHIPPED[..at], &SHIPPED[end..])
    };
    let p = refused(&without_41);
    assert!(says(&p, "article 41 is missing"), "{p}");
    // Ranges with a gap, an overlap, and a range of three numbers.
    let gap = FIXTURE.replace("articles = [3, 3]", "articles = [4, 4]");
    let p = refused(&gap);
    assert!(says(&p, "article 3 is in no chapter"), "{p}");
    let overlap = FIXTURE.replace("articles = [3, 3]", "articles = [2, 3]");
    let p = refused(&overlap);
    assert!(says(&p, "article 2 is in chapter 1 and chapter 2"), "{p}");
    let three = FIXTURE.replace("articles = [3, 3]", "articles = [1, 6, 7]");
    let p = refused(&three);
    assert!(p.0[0].line > 0, "{p}");
    // No sessions, no people, where [meta] says a complete file has them.
    let declared = FIXTURE.replace(
        "source = \"Test sources\"",
        "source = \"Test sources\"\ntables = [\"session\", \"person\"]",
    );
    let cut = &declared[..declared.find("[[person]]").unwrap()];
    let p = refused(&format!(
        "{cut}{}",
        &declared[declared.find("[[chapter]]").unwrap()..]
    ));
    assert!(says(&p, "[[person]]") && says(&p, "[[session]]"), "{p}");
    assert!(p.0.iter().all(|x| x.line > 0), "{p}");
}

#[test]
fn ids_and_phrasings_may_not_collide_with_generated_ones() {
    let qa = |id: &str, question: &str| {
        format!(
            "\n[[qa]]\nid = \"{id}\"\ntopic = \"convention\"\nquestions = [\"{question}\"]\nanswer = \"An overview.\"\nanswer_vi = \"Tổng quan.\"\nsource = \"UNODC\"\n"
        )
    };
    let p = refused(&format!(
        "{FIXTURE}{}",
        qa("article-3", "Overview of the text?")
    ));
    assert!(
        p.0.iter()
            .any(|x| x.message.contains("article-3") && x.line > 0),
        "{p}"
    );
    let p = refused(&format!(
        "{FIXTURE}{}",
        qa("overview", "What is article 3 about?")
    ));
    assert!(
        p.0.iter()
            .any(|x| x.message.contains("What is article 3 about?") && x.line > 0),
        "{p}"
    );
    let p = refused(&format!(
        "{FIXTURE}{}",
        qa("programme-2025-10-25", "Overview?")
    ));
    assert!(says(&p, "programme-2025-10-25"), "{p}");
}

#[test]
fn meta_must_be_filled_in_and_its_days_must_be_distinct_and_inside_the_event() {
    let p = refused(&FIXTURE.replace("title = \"Test knowledge\"", "title = \"\""));
    assert!(says(&p, "`title` is empty"), "{p}");
    let p = refused(&FIXTURE.replace("version = \"test-1\"", "version = \" \""));
    assert!(says(&p, "`version` is empty"), "{p}");
    let p = refused(&FIXTURE.replace(
        "event_days = [\"2025-10-25\", \"2025-10-26\"]",
        "event_days = [\"2025-10-25\", \"2025-10-25\"]",
    ));
    assert!(says(&p, "event day 2025-10-25 is listed twice"), "{p}");
    let p = refused(&FIXTURE.replace(
        "event_days = [\"2025-10-25\", \"2025-10-26\"]",
        "event_days = [\"2025-10-25\", \"2031-10-26\"]",
    ));
    assert!(says(&p, "outside"), "{p}");
    assert!(p.0.iter().all(|x| x.line > 0), "{p}");
}

#[test]
fn dates_at_the_ends_of_the_calendar_are_refused_not_a_panic_later() {
    // The whole event moved to year -262143, meta included: `check` passed it and
    // `run` panicked computing the reminder.
    let far = FIXTURE.replace("2025-10-", "-262143-10-");
    let p = refused(&far);
    assert!(says(&p, "first_day"), "{p}");
    let late = FIXTURE.replace("2025-10-", "+262142-10-");
    assert!(Knowledge::parse(&late, "k.toml").is_err());
    let backwards = FIXTURE.replace("first_day = \"2025-10-15\"", "first_day = \"2025-10-30\"");
    assert!(says(&refused(&backwards), "first_day"));
}

/// 10,000 [[qa]] entries more than the shipped file.
fn big_file() -> String {
    let mut text = SHIPPED.to_string();
    for i in 0..10_000 {
        text += &format!(
            "\n[[qa]]\nid = \"extra-{i}\"\ntopic = \"convention\"\nquestions = [\"Synthetic question number {i} about item{i}?\"]\nanswer = \"Answer {i}.\"\nanswer_vi = \"Trả lời {i}.\"\nsource = \"test\"\n"
        );
    }
    text
}

#[test]
fn a_file_ten_thousand_entries_larger_is_checked_whole() {
    // Linear, not quadratic (the old per-id line lookup took over 5 s in release and
    // over a minute in a debug build): measured with `hanoi-bot check`, not timed here,
    // so the test cannot fail on a busy machine.
    let text = big_file();
    let k = Knowledge::parse(&text, "big.toml").unwrap_or_else(|p| panic!("{p}"));
    assert!(k.entries.len() > 10_000);
    // A problem in the last of them is still found, at its own line.
    let bad = text.replace("answer = \"Answer 9999.\"", "answer = \"\"");
    let p = refused(&bad);
    let line = bad[..bad.find("id = \"extra-9999\"").unwrap()]
        .lines()
        .count();
    assert!(
        p.0.iter()
            .any(|x| x.line.abs_diff(line) <= 2 && x.message.contains("answer")),
        "{p}"
    );
}
