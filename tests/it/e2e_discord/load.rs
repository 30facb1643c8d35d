//! Load: `/ask` at a steady rate through the fake Discord, to the real `hanoi-bot`
//! binary and to a trivial poise bot, measured in the same run. Ignored (timing is for
//! people to read, never a reason to fail); run with
//!
//! ```text
//! cargo build --release --example trivial_bot
//! cargo test --release --test it e2e_discord::load -- --ignored --nocapture --test-threads 1
//! ```
//!
//! How the comparison is made: each round starts a fresh fake Discord and one bot as a
//! child process (`hanoi-bot run` on the shipped knowledge and configuration, with a
//! database of its own; or `examples/trivial_bot.rs`, one `/ask` answering a fixed
//! text, whose client is built by the same `hanoi_bot::discord::build_http` and
//! `intents`). Both log at `info` to a file. After 50 warm-up asks (not counted), `n`
//! interactions are written to the gateway at `rate` per second, each from a user of
//! its own (so `/ask`'s per-user limit never answers instead), with questions taken in
//! turn from `tests/blind/test.toml`. A latency runs from the moment the fake has
//! written the INTERACTION_CREATE to the gateway socket to the moment the interaction
//! callback POST has been read by the fake's REST side. The rounds alternate, trivial
//! then hanoi, `LOAD_ROUNDS` times (default 2), so a change of the machine's load hits
//! both; the figures are printed per round and pooled, with the ratio of the p99s.
//!
//! `LOAD_RUST_LOG` sets both bots' `RUST_LOG` (default `info`, as deployed): with
//! `info,serenity=info` the real bot formats serenity's spans again, as it did before
//! its log filter left serenity at warn.
//!
//! The only assertions are on correctness: every interaction got exactly one callback,
//! of the right shape (the real bot: a message with an embed, within Discord's limits
//! and schema; the trivial bot: its fixed text).

use crate::fake_discord::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The trivial bot's answer (see `examples/trivial_bot.rs`).
const FIXED: &str = "The signing ceremony is on 25-26 October 2025 in Hanoi.";
/// Asks sent before the measured ones, to open connections and warm caches.
const WARM_UP: usize = 50;

/// 3,000 `/ask` at 1,000 per second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load figures: run by hand with --ignored --nocapture"]
async fn ask_3000_at_1000_per_second() {
    compare(3_000, 1_000).await;
}

/// 1,000 `/ask` at 200 per second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load figures: run by hand with --ignored --nocapture"]
async fn ask_1000_at_200_per_second() {
    compare(1_000, 200).await;
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Subject {
    Trivial,
    Hanoi,
}

async fn compare(n: usize, rate: u32) {
    let rounds: usize = std::env::var("LOAD_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let questions = blind_questions();
    let (mut trivial, mut hanoi) = (Vec::new(), Vec::new());
    println!("{n} /ask at {rate}/s, {rounds} round(s); latencies in ms");
    for round in 1..=rounds {
        for subject in [Subject::Trivial, Subject::Hanoi] {
            let l = run(subject, n, rate, &questions).await;
            println!("round {round} {:<8} {}", name(subject), Figures::of(&l));
            match subject {
                Subject::Trivial => trivial.extend(l),
                Subject::Hanoi => hanoi.extend(l),
            }
        }
    }
    let (t, h) = (Figures::of(&trivial), Figures::of(&hanoi));
    println!("pooled  {:<8} {t}", name(Subject::Trivial));
    println!("pooled  {:<8} {h}", name(Subject::Hanoi));
    println!("p99 hanoi / trivial = {:.2}", h.p99 / t.p99);
}

fn name(s: Subject) -> &'static str {
    match s {
        Subject::Trivial => "trivial",
        Subject::Hanoi => "hanoi",
    }
}

/// Median, p90, p99 and maximum of a set of latencies (nearest rank), in ms.
struct Figures {
    n: usize,
    median: f64,
    p90: f64,
    p99: f64,
    max: f64,
}

impl Figures {
    fn of(latencies: &[Duration]) -> Figures {
        let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |q: f64| ms[((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
        Figures {
            n: ms.len(),
            median: rank(0.5),
            p90: rank(0.9),
            p99: rank(0.99),
            max: ms[ms.len() - 1],
        }
    }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "n {:>5}  median {:>6.2}  p90 {:>6.2}  p99 {:>6.2}  max {:>6.2}",
            self.n, self.median, self.p90, self.p99, self.max
        )
    }
}

/// The `q` of every case of the blind test half.
fn blind_questions() -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }
    #[derive(serde::Deserialize)]
    struct Case {
        q: String,
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/blind/test.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    assert!(!cases.case.is_empty());
    cases.case.into_iter().map(|c| c.q).collect()
}

/// One round: a fresh fake, `subject` started against it, warm-up, `n` asks at `rate`;
/// the latencies of the measured asks.
async fn run(subject: Subject, n: usize, rate: u32, questions: &[String]) -> Vec<Duration> {
    let fake = Fake::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn(subject, &fake, dir.path());
    let registered = fake
        .wait_for(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await;
    assert!(
        registered.is_some(),
        "{subject:?} did not register its commands: {}",
        std::fs::read_to_string(dir.path().join("bot.log")).unwrap_or_default()
    );
    let mut user = 100_000;
    let mut batch = |fake: &Fake, k: usize| -> Vec<(u64, Value)> {
        (0..k)
            .map(|i| {
                let id = fake.id();
                let q = &questions[(id as usize + i) % questions.len()];
                user += 1;
                (id, ask(id, q, user))
            })
            .collect()
    };
    let warm = batch(&fake, WARM_UP);
    send(&fake, &warm, 100).await;
    answered(&fake, &warm).await;
    let measured = batch(&fake, n);
    fake.check_schema(false);
    send(&fake, &measured, rate).await;
    answered(&fake, &measured).await;
    kill(&mut child).await;
    fake.check_schema(true);
    check(subject, &fake, &measured)
}

/// `/ask question` by a user of its own (checked with serenity's types here, before
/// the clock runs).
fn ask(id: u64, question: &str, user: u64) -> Value {
    let mut d = command(id, "ask", &[("question", 3, json!(question))], "en-US");
    d["member"]["user"]["id"] = json!(user.to_string());
    serde_json::from_value::<poise::serenity_prelude::Interaction>(d.clone())
        .unwrap_or_else(|e| panic!("serenity cannot read this interaction: {e}\n{d:#}"));
    d
}

/// Writes the interactions to the gateway at `rate` per second, on a fixed schedule
/// (a late one does not push the later ones back).
async fn send(fake: &Fake, interactions: &[(u64, Value)], rate: u32) {
    let start = tokio::time::Instant::now();
    let gap = Duration::from_secs(1) / rate;
    for (i, (_, d)) in interactions.iter().enumerate() {
        tokio::time::sleep_until(start + gap * i as u32).await;
        fake.dispatch_raw("INTERACTION_CREATE", d.clone());
    }
}

/// The interaction id of a callback request (`/api/v10/interactions/{id}/…`).
fn callback_of(r: &Recorded) -> Option<u64> {
    if r.method != "POST" || !r.path.starts_with("/api/v10/interactions/") {
        return None;
    }
    r.path.split('/').nth(4)?.parse().ok()
}

/// Waits until every interaction of `sent` has a callback (30 s at most).
async fn answered(fake: &Fake, sent: &[(u64, Value)]) {
    let ids: std::collections::HashSet<u64> = sent.iter().map(|(id, _)| *id).collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    while fake.count(|r| callback_of(r).is_some_and(|id| ids.contains(&id))) < sent.len()
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Each interaction's latency, after checking it got exactly one callback of the
/// subject's shape.
fn check(subject: Subject, fake: &Fake, sent: &[(u64, Value)]) -> Vec<Duration> {
    let requests = fake.requests();
    let dispatched = fake.dispatched.lock().unwrap().clone();
    let mut by_id: std::collections::HashMap<u64, Vec<&Recorded>> = Default::default();
    for r in &requests {
        if let Some(id) = callback_of(r) {
            by_id.entry(id).or_default().push(r);
        }
    }
    sent.iter()
        .map(|(id, _)| {
            let cbs = by_id.get(id).map(Vec::as_slice).unwrap_or_default();
            assert_eq!(cbs.len(), 1, "{subject:?}: interaction {id}: {cbs:?}");
            let body = &cbs[0].body;
            assert_eq!(body["type"], 4, "{subject:?}: {body}");
            match subject {
                Subject::Trivial => assert_eq!(body["data"]["content"], FIXED, "{body}"),
                Subject::Hanoi => {
                    check_callback(body);
                    if let Err(e) = openapi::validate(&cbs[0].method, &cbs[0].path, body) {
                        panic!("the callback breaks Discord's schema: {e:?}");
                    }
                    let e = &body["data"]["embeds"][0];
                    assert!(
                        e["title"].is_string() || e["description"].is_string(),
                        "an answer is an embed: {body}"
                    );
                }
            }
            cbs[0].at - dispatched[id]
        })
        .collect()
}

/// The subject as a child process against `fake`, in `dir`, logging to `dir/bot.log`;
/// killed if dropped.
fn spawn(subject: Subject, fake: &Fake, dir: &Path) -> tokio::process::Child {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut c = match subject {
        Subject::Hanoi => {
            // The shipped knowledge and configuration, with a database of its own.
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
            c.arg("--config").arg(shipped_config_in(dir)).arg("run");
            c
        }
        Subject::Trivial => std::process::Command::new(trivial_bot()),
    };
    c.current_dir(root);
    let rust_log = std::env::var("LOAD_RUST_LOG").unwrap_or_else(|_| "info".into());
    spawn_against(c, fake, TOKEN, &rust_log, &dir.join("bot.log"))
}

/// `examples/trivial_bot`, built beside this test binary (same profile).
fn trivial_bot() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/it-… → target/<profile>/examples/trivial_bot
    let p = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("examples").join("trivial_bot"))
        .unwrap();
    assert!(
        p.is_file(),
        "{} is missing: build it first with `cargo build --release --example trivial_bot`",
        p.display()
    );
    p
}
