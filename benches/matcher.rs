//! Query latency by register on the shipped knowledge and on a generated
//! 10,000-entry base, autocomplete on partial input, and the cost of loading
//! (parse + validate + index) the shipped file.
//!
//! The questions are the blind test half (`tests/blind/test.toml`), grouped by the way
//! users write: short, typo, verbose, Vietnamese (in scope), and every out-of-scope
//! question. One iteration answers one question, cycling through the register, so the
//! median is a per-question figure.
//!
//! Targets (2-core machine): every register under 10 µs median on the shipped
//! knowledge and under 100 µs at 10,000 entries; loading under 20 ms.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use hanoi_bot::answers::Desk;
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::{Knowledge, EMBEDDED};
use hanoi_bot::matcher::{Matcher, MatcherConfig};
use std::fmt::Write;
use std::time::Duration;

/// The allocator the binary ships with (`src/main.rs`), so the figures are the bot's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The registers benchmarked, as `register` names them; out of scope is `scope = "out"`.
const REGISTERS: &[&str] = &["short", "typo", "verbose", "vietnamese", "out-of-scope"];

/// The blind test half's questions of one register.
fn questions(register: &str) -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/blind/test.toml");
    let text = std::fs::read_to_string(path).expect("tests/blind/test.toml");
    let doc: toml::Table = text.parse().expect("valid TOML");
    let cases = doc["case"].as_array().expect("[[case]]");
    let field = |c: &toml::Value, k: &str| c.get(k).and_then(|v| v.as_str()).map(str::to_string);
    cases
        .iter()
        .filter(|c| {
            let out = field(c, "scope").as_deref() == Some("out");
            if register == "out-of-scope" {
                out
            } else {
                !out && field(c, "register").as_deref() == Some(register)
            }
        })
        .filter_map(|c| field(c, "q"))
        .collect()
}

/// Partly typed questions: the first half of each blind question, cut at a char.
fn partials() -> Vec<String> {
    REGISTERS
        .iter()
        .flat_map(|r| questions(r))
        .map(|q| {
            let n = q.chars().count();
            q.chars().take(n.div_ceil(2)).collect()
        })
        .collect()
}

/// A synthetic knowledge file of `n` Q&A entries drawn from a fixed vocabulary.
fn generated(n: usize) -> String {
    const WORDS: &[&str] = &[
        "convention",
        "signing",
        "ceremony",
        "delegation",
        "article",
        "chapter",
        "cooperation",
        "evidence",
        "extradition",
        "victim",
        "witness",
        "plenary",
        "roundtable",
        "exhibition",
        "banquet",
        "minister",
        "president",
        "secretary",
        "ratification",
        "entry",
        "force",
        "venue",
        "hanoi",
        "theme",
        "message",
        "negotiation",
        "session",
        "speaker",
        "press",
        "technology",
        "security",
        "assistance",
        "jurisdiction",
        "prevention",
        "capacity",
        "network",
        "data",
        "crime",
        "cyber",
        "state",
        "party",
        "treaty",
        "united",
        "nations",
    ];
    let mut s = String::from(
        "[meta]\ntitle = \"gen\"\nversion = \"1\"\ntimezone = \"Asia/Ho_Chi_Minh\"\nutc_offset = \"+07:00\"\nfirst_day = \"2025-10-15\"\nlast_day = \"2025-10-26\"\nevent_days = [\"2025-10-25\", \"2025-10-26\"]\nsource = \"generated\"\n",
    );
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    for i in 0..n {
        let mut q = |k: usize| {
            (0..k)
                .map(|_| WORDS[next(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (a, b, c) = (q(5), q(4), q(12));
        let _ = write!(
            s,
            "\n[[qa]]\nid = \"e{i}\"\ntopic = \"convention\"\nquestions = [\"what about {a} {i}\", \"{b} q{i}\"]\nanswer = \"{c}.\"\nanswer_vi = \"{c}.\"\nsource = \"gen\"\n"
        );
    }
    s
}

/// One iteration answers the next question of `qs`.
fn per_question(c: &mut Criterion, group: &str, m: &Matcher) {
    let mut g = c.benchmark_group(group);
    g.measurement_time(Duration::from_secs(3));
    for register in REGISTERS {
        let qs = questions(register);
        assert!(!qs.is_empty(), "no {register} questions");
        g.bench_with_input(BenchmarkId::from_parameter(register), &qs, |b, qs| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % qs.len();
                black_box(m.find(black_box(&qs[i])))
            })
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let shipped = Desk::new(
        Knowledge::embedded().expect("shipped knowledge"),
        Config::default(),
    );
    per_question(c, "query/shipped", &shipped.matcher);

    let partial = partials();
    c.bench_function("autocomplete/shipped", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % partial.len();
            black_box(shipped.complete_question(black_box(&partial[i]), 25))
        })
    });

    let big = Knowledge::parse(&generated(10_000), "generated.toml").expect("generated knowledge");
    let big = Matcher::new(&big, MatcherConfig::default());
    per_question(c, "query/10k entries", &big);
    c.bench_function("autocomplete/10k entries", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % partial.len();
            black_box(big.rank(black_box(&partial[i]), 25))
        })
    });

    c.bench_function("load/shipped (parse+validate+index)", |b| {
        b.iter(|| {
            let k = Knowledge::parse(black_box(EMBEDDED), "shipped").expect("valid");
            black_box(Matcher::new(&k, MatcherConfig::default()))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
