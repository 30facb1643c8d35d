//! The curation loop on the store: which questions are logged (and without user ids
//! unless allowed), gaps with their closest entries, stats and feedback votes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::{Config, CurationConfig};
use hanoi_bot::curation::{
    gaps, gaps_reply, log_question, normalise_question, stats, stats_reply, vote,
};
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::store::Store;
use std::path::Path;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 10, 25, 3, 0, 0).unwrap()
}

fn desk() -> Desk {
    let k = Knowledge::load(Path::new("tests/fixtures/valid.toml")).unwrap();
    Desk::new(k, Config::embedded())
}

#[test]
fn normalised_text_folds_case_accents_and_punctuation() {
    assert_eq!(
        normalise_question("  Where's   the SIGNING, Hà Nội?? "),
        "where s the signing ha noi"
    );
}

#[test]
fn unanswered_and_weak_questions_are_logged_without_user_ids() {
    let desk = desk();
    let mut s = Store::in_memory().unwrap();
    let cfg = CurationConfig::default();
    let ask = |q: &str| desk.ask(q, Lang::En).0;
    let miss = ask("How tall is the hall?");
    assert!(!miss.answered);
    assert!(log_question(&mut s, &cfg, &miss, "slash", Some(42), t0()).unwrap());
    let miss2 = ask("how TALL is the hall");
    log_question(
        &mut s,
        &cfg,
        &miss2,
        "mention",
        Some(43),
        t0() + Duration::hours(2),
    )
    .unwrap();
    let hit = ask("When is the signing ceremony?");
    assert!(hit.answered && hit.confidence >= cfg.low_confidence);
    assert!(!log_question(&mut s, &cfg, &hit, "slash", Some(42), t0()).unwrap());
    assert!(!log_question(&mut s, &cfg, &ask("   "), "slash", None, t0()).unwrap());

    let logged = s.top_questions(10).unwrap();
    assert_eq!(logged.len(), 1, "{logged:?}");
    let g = &logged[0];
    assert_eq!(g.text, "how tall is the hall");
    assert_eq!(g.count, 2);
    assert_eq!(g.first_seen, t0());
    assert_eq!(g.last_seen, t0() + Duration::hours(2));
    assert_eq!(g.channel_kind, "mention");
    assert_eq!(g.last_user_id, None, "user ids are not stored by default");

    let allow = CurationConfig {
        log_user_ids: true,
        ..cfg
    };
    log_question(&mut s, &allow, &miss, "dm", Some(44), t0()).unwrap();
    assert_eq!(s.top_questions(1).unwrap()[0].last_user_id, Some(44));
}

#[test]
fn gaps_show_the_closest_entries_and_stats_count_everything() {
    let desk = desk();
    let mut s = Store::in_memory().unwrap();
    let cfg = CurationConfig::default();
    for q in [
        "signing dress code?",
        "signing dress code",
        "Signing dress code!",
        "parking near the hall",
        "When is the signing ceremony?",
    ] {
        let asked = desk.ask(q, Lang::En).0;
        log_question(&mut s, &cfg, &asked, "slash", None, t0()).unwrap();
    }
    let g = gaps(&s, &desk, 10).unwrap();
    assert_eq!(g[0].gap.text, "signing dress code");
    assert_eq!(g[0].gap.count, 3);
    assert!(
        g[0].closest.iter().any(|c| c.id.starts_with("signing")),
        "{:?}",
        g[0].closest
    );
    let text = gaps_reply(&g).fields[0].value.render(|_, _| "T".into());
    assert!(text.starts_with("3× · unanswered"), "{text}");

    vote(&s, 900, 1, "signing-date", true, t0()).unwrap();
    vote(&s, 900, 1, "signing-date", true, t0()).unwrap(); // clicked twice: one vote
    vote(&s, 900, 2, "signing-date", false, t0()).unwrap();
    let st = stats(&s, t0(), 7).unwrap();
    assert_eq!((st.asked, st.answered), (5, 1));
    assert!((st.answered_rate() - 0.2).abs() < 1e-6);
    assert_eq!(st.top_entries, vec![("signing-date".to_string(), 1)]);
    assert_eq!((st.feedback[0].up, st.feedback[0].down), (1, 1));
    let r = stats_reply(&st, &desk);
    assert!(r
        .body
        .render(|_, _| String::new())
        .contains("5 questions, 20% answered"));
}

#[test]
fn a_misspelled_question_is_reviewed_with_the_entries_its_correction_finds() {
    // The likely entries came from the autocomplete ranking, which corrects no typo
    // (a word being typed may be half a word): "signedd" matched nothing, and only the
    // entry logged with the question was offered.
    let desk = desk();
    let ids = |text: &str| -> Vec<String> {
        hanoi_bot::curation::review::candidates(&desk, text, Some("signing-session"))
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    let spelled = ids("count of parties that signed");
    assert!(
        spelled.contains(&"signatories-final".to_string()),
        "{spelled:?}"
    );
    let misspelled = ids("count of parties that signedd");
    assert!(
        misspelled.contains(&"signatories-final".to_string()),
        "{misspelled:?}"
    );
}
