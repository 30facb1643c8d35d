//! Questions about the present ("how many have ratified so far?"): the knowledge stops
//! at the end of the Hanoi signing, so the bot gives the last known state with its date
//! and where the current figure is kept, and reports the question as not answered.

use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::reply::ReplyKind;

fn desk() -> Desk {
    Desk::new(
        Knowledge::embedded().unwrap_or_else(|p| panic!("{p}")),
        Config::embedded(),
    )
}

#[test]
fn todays_figures_get_the_dated_last_state_as_an_honest_refusal() {
    let desk = desk();
    for q in [
        "How many countries have ratified the convention so far?",
        "bao nhiêu nước đã phê chuẩn công ước đến nay",
    ] {
        let (asked, reply) = desk.ask(q, Lang::En);
        assert!(!asked.answered, "{q:?} is not answered: {asked:?}");
        assert_eq!(asked.id.as_deref(), Some("convention-status-now"), "{q:?}");
        assert!(
            asked.answer.contains("As of 26 October 2025"),
            "{}",
            asked.answer
        );
        assert!(asked.answer.contains("treaties.un.org"), "{}", asked.answer);
        assert_eq!(reply.kind, ReplyKind::Miss);
        let shown = reply.body.render(|_, _| String::new());
        assert!(
            shown.contains("72 signatories"),
            "the text is shown: {shown}"
        );
    }
    let (_, vi) = desk.ask("công ước đã có hiệu lực chưa", Lang::Vi);
    let shown = vi.body.render(|_, _| String::new());
    assert!(shown.contains("Tính đến ngày 26/10/2025"), "{shown}");
}

#[test]
fn the_rule_itself_is_still_answered_with_its_date() {
    let (asked, _) = desk().ask("when does the convention enter into force", Lang::En);
    assert!(asked.answered, "{asked:?}");
    assert_eq!(asked.id.as_deref(), Some("convention-entry-into-force"));
    assert!(
        asked.answer.contains("As of 26 October 2025"),
        "{}",
        asked.answer
    );
}

/// A period still running (signature is open in New York until 31 December 2026) is
/// the answer to a question about the present, not a reason to say the knowledge is
/// dated: the entry is marked `holds_now`.
#[test]
fn a_period_still_running_answers_questions_about_today() {
    let desk = desk();
    for q in [
        "hw long can ppl still sign it",
        "is there still time for my country to sign, and what is the last possible day?",
    ] {
        let (asked, _) = desk.ask(q, Lang::En);
        assert!(asked.answered, "{q:?}: {asked:?}");
        assert_eq!(
            asked.id.as_deref(),
            Some("convention-signature-period"),
            "{q:?}"
        );
        assert!(
            asked.answer.contains("31 December 2026"),
            "{}",
            asked.answer
        );
    }
}

#[test]
fn since_then_and_this_year_ask_about_the_present_when_asked_not_when_told() {
    let desk = desk();
    // "since then", "this year", "tháng trước" point past the knowledge's last date...
    for q in [
        "did the US end up signing it since then",
        "which countries ratified it this year",
        "tháng trước có nước nào phê chuẩn không",
    ] {
        let (asked, _) = desk.ask(q, Lang::En);
        assert!(!asked.answered, "{q:?}: {asked:?}");
    }
    // ...in the sentence that asks; in the asker's context they only say when they write.
    let q = "My seminar this week is on cross-border evidence. Which article covers extradition?";
    assert!(!desk.matcher.find(q).about_now, "{q:?}");
    let (asked, _) = desk.ask(q, Lang::En);
    assert!(asked.answered, "{q:?}: {asked:?}");
    assert_eq!(asked.id.as_deref(), Some("article-37"));
}
