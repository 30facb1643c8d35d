//! What does not stop the bot, what stops its start, and how fast it answers.

use crate::fake_discord::*;
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_unknown_interactions_do_not_stop_the_bot() {
    let (fake, bot, _) = start(Config::embedded()).await;
    // Not an interaction serenity can read.
    fake.dispatch_raw(
        "INTERACTION_CREATE",
        json!({"id": "1", "type": 2, "nonsense": true}),
    );
    fake.dispatch_raw("INTERACTION_CREATE", json!("not even an object"));
    // A command this bot does not have.
    let unknown = fake.id();
    fake.dispatch_interaction(command(unknown, "launch-missiles", &[], "en-US"));
    // An option of the wrong type, and a button of someone else.
    let wrong = fake.id();
    fake.dispatch_interaction(command(
        wrong,
        "article",
        &[("number", 3, json!("seven"))],
        "en-US",
    ));
    let foreign = fake.id();
    fake.dispatch_interaction(button(foreign, "other-bot:thing", "en-US"));
    // The next one is still answered.
    let id = fake.id();
    let body = interact(
        &fake,
        command(
            id,
            "ask",
            &[("question", 3, json!("When is the signing ceremony?"))],
            "en-US",
        ),
    )
    .await;
    assert!(embed_text(&body["data"]).contains("25-26 October 2025"));
    assert!(
        fake.callback(unknown, Duration::from_millis(200))
            .await
            .is_none(),
        "unknown command ignored"
    );
    if let Some(cb) = fake.callback(wrong, Duration::from_millis(500)).await {
        // Answered, if at all, with a private explanation.
        check_callback(&cb.body);
        assert_eq!(cb.body["data"]["flags"], 64, "{}", cb.body);
    }
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_api_base_fails_with_a_message_that_never_shows_the_token() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let config = Config::embedded();
    let desk = DeskHandle::new(Desk::new(fixture(), config.clone()));
    let err = match hanoi_bot::discord::start(desk, config, TOKEN.into(), Some(base.clone())).await
    {
        Ok(_) => panic!("started against nothing"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("cannot reach the Discord API") && err.contains(&base),
        "{err}"
    );
    assert!(!err.contains("SECRET"), "the token leaked: {err}");
}

/// 1,000 `/ask` interactions through the fake gateway, one after another: every one
/// answered correctly; prints the median and worst time from INTERACTION_CREATE sent
/// to callback received. For figures: `cargo test --release --test it -- --nocapture latency`;
/// at a steady 200 or 1,000 per second, beside a trivial bot, see `super::load`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_of_1000_asks() {
    // One user asking 1,000 times: the per-user limit of /ask is off for a measure.
    let mut config = Config::embedded();
    config.discord.ask_per_minute = 0;
    let (fake, bot, _) = start(config).await;
    let questions = [
        ("When is the signing ceremony?", "25-26 October 2025"),
        ("How many countries signed?", "72 states"),
        ("How many articles does the convention have?", "68 articles"),
    ];
    let mut times = Vec::with_capacity(1000);
    for i in 0..1000 {
        let (q, expected) = questions[i % questions.len()];
        let id = fake.id();
        let d = command(id, "ask", &[("question", 3, json!(q))], "en-US");
        let sent = Instant::now();
        fake.dispatch_interaction(d);
        let cb = fake
            .callback(id, WAIT)
            .await
            .unwrap_or_else(|| panic!("interaction {i} unanswered"));
        times.push(cb.at.duration_since(sent));
        assert_eq!(cb.body["type"], 4);
        assert!(
            embed_text(&cb.body["data"]).contains(expected),
            "{i}: {}",
            cb.body
        );
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "latency over {} /ask interactions: median {:.2} ms, p99 {:.2} ms, worst {:.2} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 99 / 100]),
        ms(times[times.len() - 1])
    );
    assert!(
        times[times.len() - 1] < Duration::from_secs(3),
        "every answer within Discord's 3 s"
    );
    stop(&fake, bot).await;
}
