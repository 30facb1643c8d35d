//! Accuracy over our own question set (tests/questions.toml), through the same `ask`
//! the binary runs. The bot must answer in-scope questions with the expected content
//! and refuse out-of-scope ones; the floor is below the public-set target so a small
//! knowledge edit does not break the build, but a matcher regression does.

use hanoi_bot::answers::{Desk, Lang};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::text::fold;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    q: String,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    scope: Option<String>,
}

/// The scorer's folding: accents, case and dashes do not matter.
fn norm(s: &str) -> String {
    fold(s)
        .replace(['-', '–', '—'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn own_question_set_meets_the_floor() {
    let text = std::fs::read_to_string("tests/questions.toml").expect("question set");
    let cases: Cases = toml::from_str(&text).expect("valid question set");
    let desk = Desk::new(
        Knowledge::embedded().expect("shipped knowledge"),
        Config::embedded(),
    );
    let (mut in_n, mut in_ok, mut out_n, mut out_ok) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for c in &cases.case {
        let (asked, _) = desk.ask(&c.q, Lang::En);
        if c.scope.as_deref() == Some("out") {
            out_n += 1;
            if asked.answered {
                failures.push(format!(
                    "answered out-of-scope {:?} with {:?}",
                    c.q, asked.id
                ));
            } else {
                out_ok += 1;
            }
        } else {
            in_n += 1;
            let got = norm(&asked.answer);
            if asked.answered && c.expect.iter().any(|e| got.contains(&norm(e))) {
                in_ok += 1;
            } else {
                failures.push(format!(
                    "{:?}: answered={} id={:?} conf={:.2}",
                    c.q, asked.answered, asked.id, asked.confidence
                ));
            }
        }
    }
    let (pin, pout) = (
        100.0 * in_ok as f64 / in_n as f64,
        100.0 * out_ok as f64 / out_n as f64,
    );
    println!("in-scope {in_ok}/{in_n} = {pin:.1}%, out-of-scope {out_ok}/{out_n} = {pout:.1}%");
    for f in &failures {
        println!("  {f}");
    }
    assert!(
        pin >= 85.0 && pout >= 90.0,
        "accuracy below the floor:\n{}",
        failures.join("\n")
    );
}
