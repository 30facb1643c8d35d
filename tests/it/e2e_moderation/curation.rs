//! The curation loop end to end: 👍/👎 votes and unanswered questions, seen by
//! moderators with `/kb gaps`.

use crate::fake_discord::*;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_and_unanswered_questions_reach_the_curators() {
    let (fake, bot) = start_moderated(moderation_config()).await;
    let ask = |q: &str| command(fake.id(), "ask", &[("question", 3, json!(q))], "en-US");
    let body = interact(&fake, ask("When is the signing ceremony?")).await;
    let ids = button_ids(&body["data"]);
    let up = ids
        .iter()
        .find(|i| i.starts_with("fb:up:"))
        .expect("a 👍 button")
        .clone();
    let entry = up.trim_start_matches("fb:up:").to_string();
    let answer = message_json(fake.id(), CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    let press = fake.id();
    let body = interact(
        &fake,
        button_by(press, &up, answer.clone(), member_with(USER_ID, &[], 0)),
    )
    .await;
    assert_eq!(body["type"], 4);
    assert!(ephemeral(&body), "the thanks is private");
    // The same user changes their mind: one vote, now 👎.
    let press = fake.id();
    interact(
        &fake,
        button_by(
            press,
            &format!("fb:down:{entry}"),
            answer,
            member_with(USER_ID, &[], 0),
        ),
    )
    .await;
    let unknown = "what colour is the moon above the conference hall";
    interact(&fake, ask(unknown)).await;
    interact(&fake, ask(unknown)).await;
    // Logging runs after the reply: give it a moment.
    let deadline = Instant::now() + WAIT;
    let (feedback, gaps) = loop {
        let (f, g) = bot
            .store
            .call(|s| Ok((s.feedback()?, s.top_questions(10)?)))
            .await
            .unwrap();
        if g.iter().any(|g| g.count == 2) || Instant::now() > deadline {
            break (f, g);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let fb = feedback
        .iter()
        .find(|f| f.entry_id == entry)
        .expect("a vote on the entry");
    assert_eq!((fb.up, fb.down), (0, 1), "{feedback:?}");
    let gap = gaps
        .iter()
        .find(|g| g.text.contains("moon"))
        .expect("the unanswered question is logged");
    assert_eq!(gap.count, 2);
    // `/kb gaps` shows it to moderators.
    let id = fake.id();
    let opts = json!([{"name": "gaps", "type": 1, "options": []}]);
    let body = interact(&fake, command_by(id, "kb", opts, json!({}), moderator())).await;
    assert!(ephemeral(&body));
    assert!(texts(&body["data"]).contains("moon"), "{body}");
    bot.shutdown().await;
}

/// `/kb source`: every source an answer draws on and the curators' notes, for
/// moderators only; users see one short line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_see_the_full_sources_of_an_answer() {
    let (fake, bot) = start_moderated(moderation_config()).await;
    let id = fake.id();
    let opts = json!([{"name": "source", "type": 1, "options": [
        {"name": "question", "type": 3, "value": "When is the signing ceremony?"}
    ]}]);
    let body = interact(&fake, command_by(id, "kb", opts, json!({}), moderator())).await;
    assert!(ephemeral(&body));
    let text = texts(&body["data"]);
    assert!(text.contains("Sources of signing-date"), "{text}");
    assert!(
        text.contains("Every source listed: VNA, 25 Oct 2025"),
        "{text}"
    );
    bot.shutdown().await;
}
