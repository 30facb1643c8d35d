//! One user asking as fast as they can: `/ask` is limited per user (a private note, no
//! public reply, nothing logged), and the question log stays bounded.

use crate::fake_discord::*;
use hanoi_bot::config::Config;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_asking_200_times_gets_a_few_answers_and_private_notes() {
    let mut config = Config::embedded();
    config.discord.ask_per_minute = 5;
    let (fake, bot, _) = start(config).await;
    let mut public = 0;
    let mut notes = 0;
    for i in 0..200 {
        let id = fake.id();
        let q = format!("what colour is the moon number {i}");
        let body = interact(
            &fake,
            command(id, "ask", &[("question", 3, json!(q))], "en-US"),
        )
        .await;
        if ephemeral(&body) {
            assert!(texts(&body["data"]).contains("wait"), "{body}");
            notes += 1;
        } else {
            public += 1;
        }
    }
    assert_eq!(public, 5, "five questions a minute");
    assert_eq!(notes, 195);
    // Another user is not held by the first one's limit.
    let id = fake.id();
    let mut other = command(
        id,
        "ask",
        &[("question", 3, json!("When is the signing ceremony?"))],
        "en-US",
    );
    other["member"] = member_with(6_123, &[], 0);
    let body = interact(&fake, other).await;
    assert!(!ephemeral(&body), "{body}");
    // Only the answered ones reached the question log.
    let deadline = Instant::now() + WAIT;
    let logged = loop {
        let n = bot
            .store
            .call(|s| s.top_questions(1000))
            .await
            .unwrap()
            .len();
        if n >= 5 || Instant::now() > deadline {
            break n;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let n = bot
        .store
        .call(|s| s.top_questions(1000))
        .await
        .unwrap()
        .len();
    assert_eq!((logged, n), (5, 5));
    stop(&fake, bot).await;
}
