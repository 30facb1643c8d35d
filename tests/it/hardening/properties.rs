//! Property tests (proptest): the `when` parser, the knowledge loader and the matcher
//! never panic on arbitrary input and stay within a (generous) time bound; mutations of
//! the shipped knowledge file are refused with a line number or load the same answers.
//!
//! Case counts are modest so `cargo test` stays fast on two cores; raise them with
//! `PROPTEST_CASES=2000 cargo test --test it properties` when hunting.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::{Knowledge, Problems};
use hanoi_bot::schedule::parse_when;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SHIPPED: &str = include_str!("../../../knowledge/hanoi-convention.toml");

/// Far above what any of these calls takes, even in a debug build on a loaded
/// machine: it catches hangs and blow-ups, never a slow moment.
const BOUND: Duration = Duration::from_secs(20);

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(n),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text built from the pieces times are written with, and anything else.
fn time_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("in ".to_string()),
        Just("tomorrow ".to_string()),
        Just("today at ".to_string()),
        Just("and ".to_string()),
        Just("999999d".to_string()),
        "[0-9]{1,7}".prop_map(|s| s),
        "(d|h|m|day|days|hours|min|am|pm|:|h|T| |-)".prop_map(|s| s),
        "2025-1[0-2]-[0-3][0-9]".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn the_when_parser_never_panics(input in prop_oneof![time_like(), any::<String>()],
                                    secs in prop_oneof![
                                        DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp(),
                                        Just(DateTime::<Utc>::MAX_UTC.timestamp()),
                                        Just(DateTime::<Utc>::MIN_UTC.timestamp()),
                                        1_700_000_000i64..1_800_000_000,
                                    ],
                                    offset_h in -23i32..=23) {
        let now = Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
        let offset = FixedOffset::east_opt(offset_h * 3600).unwrap();
        let t = Instant::now();
        if let Ok(at) = parse_when(&input, now, offset) {
            prop_assert!(at > now);
        }
        prop_assert!(t.elapsed() < BOUND);
    }
}

/// The shipped desk, built once.
fn desk() -> &'static Desk {
    static DESK: OnceLock<Desk> = OnceLock::new();
    DESK.get_or_init(|| {
        Desk::new(
            Knowledge::parse(SHIPPED, "k.toml").unwrap(),
            Config::embedded(),
        )
    })
}

/// Words of the knowledge, typos of them, and anything else.
fn question() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "(when|who|what|signing|ceremony|article|chapter|guterres|hanoi|convention|how|many|signed|the|is|did|sign|vietnam|us|eu|day|2|68)",
        "[a-zđăâêôơư]{1,12}",
        "[0-9]{1,20}",
        any::<String>(),
    ];
    prop::collection::vec(word, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn the_matcher_never_panics_on_any_question(q in prop_oneof![question(), any::<String>()]) {
        let d = desk();
        let t = Instant::now();
        let m = d.matcher.find(&q);
        if let Some(i) = m.best {
            prop_assert!(i < d.knowledge.entries.len());
        }
        prop_assert!(m.confidence.is_finite());
        d.matcher.rank(&q, 25);
        d.matcher.explain(&q);
        d.ask(&q, Lang::Vi);
        d.speaker(&q, Lang::En);
        d.session(&q);
        prop_assert!(t.elapsed() < BOUND, "{q:?} took {:?}", t.elapsed());
    }

    #[test]
    fn the_loader_never_panics_on_any_text(text in prop_oneof![
        any::<String>(),
        "(\\[\\[qa\\]\\]|\\[meta\\]|id = \"x\"|questions = \\[\\]|\n|=|\"|number = 9999999999)*",
    ]) {
        let t = Instant::now();
        let _ = Knowledge::parse(&text, "k.toml");
        prop_assert!(t.elapsed() < BOUND);
    }
}

/// Every entry's id and answers, to compare loads.
fn answers(k: &Knowledge) -> BTreeMap<String, (String, Option<String>)> {
    k.entries
        .iter()
        .map(|e| (e.id.clone(), (e.answer.clone(), e.answer_vi.clone())))
        .collect()
}

fn original() -> &'static BTreeMap<String, (String, Option<String>)> {
    static A: OnceLock<BTreeMap<String, (String, Option<String>)>> = OnceLock::new();
    A.get_or_init(|| answers(&Knowledge::parse(SHIPPED, "k.toml").unwrap()))
}

fn with_lines(p: &Problems) -> bool {
    !p.0.is_empty() && p.0.iter().all(|x| x.line > 0)
}

fn lines() -> Vec<&'static str> {
    SHIPPED.split_inclusive('\n').collect()
}

/// Where the tables start, by line.
fn table_starts() -> Vec<usize> {
    lines()
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with('['))
        .map(|(i, _)| i)
        .collect()
}

/// A value of another type than `v` (TOML string, number, boolean or array).
fn other_type(v: &str, pick: usize) -> &'static str {
    let v = v.trim();
    let choices: &[&str] = if v.starts_with('"') {
        &["7", "true", "[1]"]
    } else if v.starts_with('[') {
        &["true", "7", "{ a = 1 }"]
    } else if v == "true" || v == "false" {
        &["\"yes\"", "1", "[]"]
    } else {
        &["\"7\"", "false", "[\"x\"]"]
    };
    choices[pick % choices.len()]
}

proptest! {
    // Each case parses the whole shipped file (a fifth of a second in a debug build).
    #![proptest_config(cases(24))]

    /// One to three lines deleted: refused with a line, or the same entries load; a
    /// blank or comment line changes no answer.
    #[test]
    fn deleted_lines_are_refused_with_a_line_or_change_nothing_silently(
        at in 0usize..3_200, n in 1usize..=3) {
        let ls = lines();
        let at = at % ls.len();
        let end = (at + n).min(ls.len());
        let harmless = ls[at..end].iter().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let text: String = ls[..at].iter().chain(&ls[end..]).copied().collect();
        match Knowledge::parse(&text, "k.toml") {
            Err(p) => prop_assert!(with_lines(&p), "{p}"),
            Ok(k) => {
                let now = answers(&k);
                prop_assert_eq!(now.keys().collect::<Vec<_>>(), original().keys().collect::<Vec<_>>(),
                    "lines {}..{} deleted: {:?}", at + 1, end + 1, &ls[at..end]);
                if harmless {
                    prop_assert!(&now == original());
                }
            }
        }
    }

    /// Cut anywhere: refused with a line, or (a cut in the tail after the last
    /// article, which no structure vouches for) nothing but known entries load.
    #[test]
    fn truncation_is_refused_with_a_line_or_loads_a_subset(cut in 0usize..SHIPPED.len()) {
        let mut cut = cut;
        while !SHIPPED.is_char_boundary(cut) {
            cut -= 1;
        }
        match Knowledge::parse(&SHIPPED[..cut], "k.toml") {
            Err(p) => prop_assert!(with_lines(&p) || cut == 0, "{p}"),
            Ok(k) => {
                prop_assert!(cut > SHIPPED.rfind("\n[[article]]").unwrap(), "cut at {cut} loaded");
                for id in answers(&k).keys() {
                    prop_assert!(original().contains_key(id), "{id}");
                }
            }
        }
    }

    /// A value replaced by one of another type: refused with its line.
    #[test]
    fn swapped_types_are_refused_with_a_line(line in 0usize..3_200, pick in 0usize..3) {
        let ls = lines();
        let values: Vec<usize> = (0..ls.len())
            .filter(|&i| {
                let l = ls[i];
                !l.starts_with('[') && !l.starts_with('#') && l.contains(" = ") && !l.contains("\"\"\"")
                    && l.trim_end().ends_with(['"', ']', 'e', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
            })
            .collect();
        let i = values[line % values.len()];
        let (key, value) = ls[i].split_once(" = ").unwrap();
        let mut text: String = ls[..i].concat();
        text += &format!("{key} = {}\n", other_type(value, pick));
        text += &ls[i + 1..].concat();
        match Knowledge::parse(&text, "k.toml") {
            Err(p) => prop_assert!(with_lines(&p), "{p}"),
            Ok(_) => prop_assert!(false, "line {} accepted as {key} = {}", i + 1, other_type(value, pick)),
        }
    }

    /// An entry copied (same id, same number): refused with a line; a copied synonym
    /// group changes no answer.
    #[test]
    fn duplicated_entries_are_refused_with_a_line(which in 1usize..400) {
        let ls = lines();
        let starts = table_starts();
        let k = which % (starts.len() - 1) + 1;
        let (from, to) = (starts[k], starts.get(k + 1).copied().unwrap_or(ls.len()));
        let block: String = ls[from..to].concat();
        let text = format!("{}\n{block}", SHIPPED);
        match Knowledge::parse(&text, "k.toml") {
            Err(p) => prop_assert!(with_lines(&p), "{p}"),
            Ok(k) => {
                prop_assert!(block.starts_with("[[synonym]]"), "a copy of line {} accepted", from + 1);
                prop_assert!(&answers(&k) == original());
            }
        }
    }
}

/// Found by the truncation property: a file cut after `[meta]`'s own fields, before the
/// declarations of what a complete file holds and before any table, used to load as a
/// knowledge of two generated entries.
#[test]
fn a_file_cut_before_its_first_table_is_refused_with_a_line() {
    let source = SHIPPED.find("\nsource = ").expect("[meta] source");
    for cut in [
        source + SHIPPED[source + 1..].find('\n').expect("a line end") + 2,
        SHIPPED.find("\n[[synonym]]").expect("a synonym table") + 1,
    ] {
        match Knowledge::parse(&SHIPPED[..cut], "k.toml") {
            Err(p) => assert!(with_lines(&p), "cut at {cut}: {p}"),
            Ok(k) => panic!("cut at {cut} loaded {} entries", k.entries.len()),
        }
    }
}
