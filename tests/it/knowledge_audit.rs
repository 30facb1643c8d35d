//! The audit of the shipped knowledge against the sources (issue 10): answers say what
//! the sources say and no more. Each assertion pins one corrected over-statement.

use hanoi_bot::knowledge::Knowledge;
use std::path::Path;

fn answer(k: &Knowledge, id: &str) -> String {
    let e = k
        .entry(id)
        .unwrap_or_else(|| panic!("{id} is in the knowledge"));
    format!("{} {}", e.answer, e.answer_vi.as_deref().unwrap_or(""))
}

#[test]
fn answers_say_what_the_sources_say() {
    let k = Knowledge::load(Path::new("knowledge/hanoi-convention.toml"))
        .unwrap_or_else(|p| panic!("{p}"));
    // Mayer, Kubrako and Onidi commented to the news agency; no source has them speak.
    let speakers = answer(&k, "people-speakers");
    assert!(
        speakers.contains("comments reported by VNA/VLLF"),
        "{speakers}"
    );
    // UN agencies etc. are among the 100+ organisations, not added to them.
    assert!(!answer(&k, "fact-international-organisations").contains("besides"));
    // Hanoi is mentioned in the text (article 64), not in the official title.
    for id in ["convention-names", "vietnam-contribution"] {
        let a = answer(&k, id);
        assert!(a.contains("article 64") && a.contains("title"), "{id}: {a}");
    }
    assert!(answer(&k, "convention-names").contains("in a field of international importance"));
    // The idea dates from 2019; formal negotiations ran February 2022 to August 2024.
    let overview = answer(&k, "convention-overview");
    assert!(
        !overview.contains("negotiations that began in 2019"),
        "{overview}"
    );
    assert!(
        overview.contains("February 2022 to August 2024"),
        "{overview}"
    );
    // The 72 signatories include the EU, which is not a UN member state.
    assert!(answer(&k, "do-hung-viet").contains("European Union"));
    // Planned slots, an inferred gala dinner, and no depositary claim without a source.
    assert!(answer(&k, "session-side-events-day2").contains("planned"));
    assert!(answer(&k, "session-banquet").contains("no source says so outright"));
    assert!(!answer(&k, "ceremony-ola").contains("depositary"));
    // Sessions no source places at the National Convention Centre say it is the event's venue.
    let signing = k.session("session-signing").expect("signing session");
    assert!(
        signing.venue.contains("the event's venue"),
        "{}",
        signing.venue
    );
}
