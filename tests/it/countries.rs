//! "Did my country sign?" on the shipped knowledge, through the same `ask` the binary
//! runs: a signed state, a reported non-signer, a state not in the list, and the EU,
//! in English and Vietnamese, with and without diacritics; every name of every record.

use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::{EntryKind, Knowledge};
use hanoi_bot::reply::Reply;
use std::sync::OnceLock;

const UNTC: &str =
    "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml";

fn desk() -> &'static Desk {
    static DESK: OnceLock<Desk> = OnceLock::new();
    DESK.get_or_init(|| {
        Desk::new(
            Knowledge::embedded().expect("shipped knowledge"),
            Config::embedded(),
        )
    })
}

fn text(r: &Reply) -> String {
    r.body.render(|t, _| t.to_rfc3339())
}

/// Asks in a language; returns (answered, id, the reply's text).
fn ask(q: &str, lang: Lang) -> (bool, Option<String>, String) {
    let (asked, reply) = desk().ask(q, lang);
    (asked.answered, asked.id, text(&reply))
}

fn assert_id(q: &str, lang: Lang, id: &str) -> String {
    let (answered, got, text) = ask(q, lang);
    assert!(answered, "{q:?} not answered: {text}");
    assert_eq!(got.as_deref(), Some(id), "{q:?}: {text}");
    text
}

#[test]
fn a_signed_state_says_when_and_who_says_so() {
    for q in [
        "Did France sign the convention?",
        "has france signed?",
        "Is France a signatory?",
    ] {
        let t = assert_id(q, Lang::En, "france");
        assert!(t.starts_with("Yes: France signed the convention on 25 October 2025 in Hanoi"));
        assert!(t.contains("UN Treaty Collection"), "{t}");
    }
    for q in ["Pháp đã ký Công ước chưa?", "Phap da ky cong uoc chua"] {
        let t = assert_id(q, Lang::Vi, "france");
        assert!(
            t.starts_with("Có. Pháp đã ký Công ước tại Hà Nội ngày 25/10/2025"),
            "{t}"
        );
    }
    // A signature reported by one outlet only says so.
    let t = assert_id("Did Russia sign?", Lang::En, "russian-federation");
    assert!(
        t.contains("as reported by Newshour, a single secondary source"),
        "{t}"
    );
    assert!(t.contains("confidence: medium"), "{t}");
}

#[test]
fn a_reported_non_signer_did_not_sign_in_hanoi_and_may_still() {
    for q in ["Did Japan sign the convention?", "has japan signed"] {
        let t = assert_id(q, Lang::En, "japan");
        assert!(t.contains("Japan did not sign in Hanoi"), "{t}");
        assert!(t.contains("Newshour, a single secondary source"), "{t}");
        assert!(t.contains("confidence: medium"), "{t}");
        assert!(t.contains("New York until 31 December 2026"), "{t}");
        assert!(t.contains(UNTC), "{t}");
    }
    for q in [
        "Nhật Bản đã ký Công ước chưa?",
        "nhat ban da ky cong uoc chua",
    ] {
        let t = assert_id(q, Lang::Vi, "japan");
        assert!(t.contains("Nhật Bản không ký"), "{t}");
        assert!(t.contains("31/12/2026"), "{t}");
    }
}

#[test]
fn the_us_is_a_country_not_the_pronoun_us() {
    for q in [
        "did the US sign?",
        "Did the U.S. sign the convention?",
        "Has the USA signed?",
        "did the united states sign the treaty",
    ] {
        let t = assert_id(q, Lang::En, "united-states");
        assert!(
            !t.contains("took place on 25-26 October"),
            "not the ceremony dates: {t}"
        );
    }
    for q in [
        "Mỹ đã ký Công ước chưa?",
        "Hoa Kỳ đã ký chưa",
        "nuoc My da ky chua",
    ] {
        assert_id(q, Lang::Vi, "united-states");
    }
    // "us" the pronoun still is one.
    let (answered, id, _) = ask("can you tell us when the signing ceremony is?", Lang::En);
    assert!(answered && id.as_deref() != Some("united-states"));
}

#[test]
fn the_us_in_lower_case_after_the_is_the_country() {
    // "did the us sign in hanoi" read "us" as the pronoun and answered the overview.
    for q in ["did the us sign in hanoi", "so did the Us sign or not"] {
        assert_id(q, Lang::En, "united-states");
    }
}

#[test]
fn a_state_not_in_the_list_is_an_honest_refusal_not_a_no() {
    for q in [
        "Did Germany sign the convention?",
        "has germany signed",
        "did the UAE sign?",
    ] {
        let (answered, id, t) = ask(q, Lang::En);
        assert!(!answered && id.is_none(), "{q:?}: {t}");
        assert!(t.starts_with("I have no record of"), "{t}");
        assert!(t.contains("partial") && t.contains("Jamaica"), "{t}");
        assert!(t.contains("26 October 2025") && t.contains(UNTC), "{t}");
        assert!(!t.contains("No,") && !t.contains("did not sign"), "{t}");
    }
    for q in [
        "Nước Đức đã ký Công ước chưa?",
        "nuoc duc da ky cong uoc chua",
    ] {
        let (answered, _, t) = ask(q, Lang::Vi);
        assert!(!answered, "{q:?}: {t}");
        assert!(
            t.contains("Đức (Germany)") && t.contains("chưa đầy đủ"),
            "{t}"
        );
        assert!(t.contains(UNTC), "{t}");
    }
    // The JSON answer (what `ask --json` prints) is the refusal too.
    let (asked, _) = desk().ask("did the UAE sign?", Lang::En);
    assert!(
        asked.answer.contains("the United Arab Emirates"),
        "{}",
        asked.answer
    );
}

#[test]
fn the_eu_signed_as_an_organisation() {
    for q in [
        "Did the EU sign?",
        "Did the European Union sign the convention?",
        "has the E.U. signed",
    ] {
        let (answered, id, t) = ask(q, Lang::En);
        assert!(answered, "{q:?}: {t}");
        assert!(
            matches!(
                id.as_deref(),
                Some("european-union" | "participation-which-signed")
            ),
            "{q:?}: {id:?}"
        );
        assert!(t.contains("European Union signed"), "{t}");
    }
    for q in [
        "EU đã ký Công ước chưa?",
        "Liên minh châu Âu đã ký chưa?",
        "lien minh chau au da ky cong uoc chua",
    ] {
        let t = assert_id(q, Lang::Vi, "european-union");
        assert!(
            t.contains("Liên minh châu Âu đã ký Công ước tại Hà Nội ngày 25/10/2025"),
            "{t}"
        );
        assert!(t.contains("tổ chức hội nhập kinh tế khu vực"), "{t}");
    }
    let eu = desk().knowledge.entry("european-union").expect("EU entry");
    assert!(eu
        .answer
        .contains("regional economic integration organisation"));
    assert!(eu.answer.contains("not 72 countries"), "{}", eu.answer);
}

#[test]
fn which_states_did_not_sign_is_answered_from_the_table() {
    let t = assert_id(
        "Which countries did not sign?",
        Lang::En,
        "countries-not-signed-in-hanoi",
    );
    for name in [
        "the United States",
        "Canada",
        "Japan",
        "and Israel",
        "31 December 2026",
    ] {
        assert!(t.contains(name), "{name} in {t}");
    }
}

#[test]
fn every_name_of_every_record_finds_its_country() {
    let k = &desk().knowledge;
    assert!(k.countries.len() >= 50, "{} records", k.countries.len());
    let mut misses = Vec::new();
    let mut names = 0;
    for e in k.entries.iter().filter(|e| e.kind == EntryKind::Country) {
        let c = k
            .country(&e.id)
            .expect("a record behind each country entry");
        for name in &e.names {
            names += 1;
            // The gazetteer (what the refusal path uses) knows the name...
            let place = k.gazetteer.find(&format!("did {name} sign?"));
            if place.and_then(|p| p.record.as_deref()) != Some(c.id.as_str()) {
                misses.push(format!("gazetteer: {name:?} → {place:?}"));
            }
            // ...and asking about it answers with the record, or with a curated entry
            // that names the country ("Did Viet Nam sign?" → who signed first).
            for (q, lang) in [
                (format!("Did {name} sign the convention?"), Lang::En),
                (format!("{name} đã ký Công ước chưa?"), Lang::Vi),
            ] {
                let (asked, reply) = desk().ask(&q, lang);
                let names_it = asked.answer.contains(&c.name) || text(&reply).contains(&c.name_vi);
                if !asked.answered || (asked.id.as_deref() != Some(c.id.as_str()) && !names_it) {
                    misses.push(format!("ask {q:?} → {:?} {:?}", asked.answered, asked.id));
                }
            }
        }
    }
    println!("{} records, {names} names", k.countries.len());
    assert!(names > 4 * k.countries.len(), "the country data adds names");
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn signatories_give_count_date_source_regions_names_and_the_full_list() {
    let r = desk().signatories(Lang::En);
    let all = format!(
        "{}\n{}",
        text(&r),
        r.fields
            .iter()
            .map(|f| format!("{}: {}", f.name, f.value.render(|t, _| t.to_rfc3339())))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for needle in [
        "72 signatories as of 26 October 2025",
        "UN Treaty Collection",
        "European Union",
        "New York until 31 December 2026",
        "confidence: low",
        "add up to 71, not 72",
        "Algeria",
        "Jamaica",
        "Reported as not signed in Hanoi — Newshour, a single secondary source: United States",
        UNTC,
    ] {
        assert!(all.contains(needle), "{needle:?} in:\n{all}");
    }
    let vi = desk().signatories(Lang::Vi);
    assert!(
        text(&vi).starts_with("72 bên ký tính đến 26/10/2025"),
        "{}",
        text(&vi)
    );
    assert!(vi
        .fields
        .iter()
        .any(|f| f.name.contains("độ tin cậy: thấp")));
}

/// A question about the signature of a state with no record is not answered by an entry
/// that never names it (article 64's signature period, the "first city" entry), and the
/// names Vietnamese readers type today ("Hàn Quốc", not the data's "Cộng hoà Nam Hàn")
/// name the state.
#[test]
fn an_unrecorded_state_is_never_answered_by_an_entry_that_does_not_name_it() {
    for (q, name) in [
        ("Thái Lan có ký công ước không", "Thái Lan"),
        ("Hàn Quốc có ký Công ước Hà Nội không?", "Hàn Quốc"),
        ("han quoc co ky khong", "Hàn Quốc"),
        ("did thailand sign the hanoi convention", "Thailand"),
    ] {
        let lang = Lang::of_question(q, Lang::En);
        let (answered, id, text) = ask(q, lang);
        assert!(!answered, "{q:?} answered with {id:?}: {text}");
        assert!(text.contains(name), "{q:?} names the state: {text}");
        assert!(text.contains(UNTC), "{q:?} points to the full list: {text}");
    }
    // A question that names an unrecorded state but is not about its signature keeps
    // its ordinary answer.
    let (answered, id, text) = ask("who chaired the ceremony? asking from Thailand", Lang::En);
    assert!(answered, "{text}");
    assert_eq!(id.as_deref(), Some("ceremony-chair"), "{text}");
}

#[test]
fn a_common_english_word_is_not_a_state_named_in_another_language() {
    // German and Danish call Iceland "Island": a question about small island states
    // asked about entry into force, not about Iceland's signature.
    let (_, _, text) = ask(
        "As a small island state, how long after the 40th ratification does it enter into force?",
        Lang::En,
    );
    assert!(!text.contains("Iceland"), "{text}");
    let (_, _, text) = ask("did iceland sign", Lang::En);
    assert!(text.contains("Iceland"), "{text}");
}

#[test]
fn a_capital_named_for_its_government_is_that_state() {
    // Journalists write "Moscow" and "Washington" for governments: "did Moscow sign?"
    // was refused with "Moscow" an unknown name.
    assert_id("did Moscow sign the treaty", Lang::En, "russian-federation");
    assert_id("Did Washington sign in Hanoi?", Lang::En, "united-states");
    assert_id("Bắc Kinh có ký công ước không", Lang::Vi, "china");
    assert_id("did Brussels sign", Lang::En, "european-union");
    // The knowledge's own places are not the states whose capitals they are: Hanoi is
    // where it was signed, Vienna where it was negotiated.
    for q in [
        "what happened in Hanoi",
        "where was the treaty negotiated, Vienna?",
    ] {
        let (_, id, _) = ask(q, Lang::En);
        assert!(
            !matches!(id.as_deref(), Some("viet-nam" | "austria")),
            "{q}: {id:?}"
        );
    }
}

#[test]
fn phap_in_a_vietnamese_legal_word_is_not_france() {
    // Folded, "biện pháp" (measures), "pháp lý" (legal), "tư pháp" (judicial) and "pháp
    // luật" (law) each held "pháp", France's Vietnamese name: the chapters full of them
    // shared France's name, so "france in?" named no single entry and was refused.
    for q in [
        "france in?",
        "france",
        "Pháp có ký không",
        "phap co ky cong uoc khong",
    ] {
        assert_id(q, Lang::En, "france");
    }
}
