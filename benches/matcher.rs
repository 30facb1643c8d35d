//! Query latency on the shipped knowledge and on a generated 10,000-entry base, and
//! the cost of loading (parse + validate + index) the shipped file.
//!
//! Targets (2-core machine): median < 20 µs per query shipped, < 200 µs at 10,000
//! entries, loading < 50 ms.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hanoi_bot::answers::Desk;
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::{Knowledge, EMBEDDED};
use hanoi_bot::matcher::{Matcher, MatcherConfig};
use std::fmt::Write;

/// Questions of every shape: paraphrase, typo, Vietnamese, entity, out of scope.
const QUERIES: &[&str] = &[
    "When is the signing ceremony?",
    "how many artikles does the treaty have",
    "who is guteres",
    "Công ước được ký ở đâu",
    "what is article 41",
    "how tall is ghada waly",
    "Could you walk me through the order of things on day one, from the welcome to the signing?",
    "will it rain in hanoi this weekend",
];

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

fn bench(c: &mut Criterion) {
    let shipped = Desk::new(
        Knowledge::embedded().expect("shipped knowledge"),
        Config::default(),
    );
    c.bench_function("query/shipped (mix of 8)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % QUERIES.len();
            black_box(shipped.matcher.find(black_box(QUERIES[i])))
        })
    });
    c.bench_function("autocomplete/shipped", |b| {
        b.iter(|| black_box(shipped.complete_question(black_box("when is the sig"), 25)))
    });

    let big = Knowledge::parse(&generated(10_000), "generated.toml").expect("generated knowledge");
    let big = Matcher::new(&big, MatcherConfig::default());
    c.bench_function("query/10k entries (mix of 8)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % QUERIES.len();
            black_box(big.find(black_box(QUERIES[i])))
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
