//! "Did you mean" buttons end to end: the chosen answer, "None of these", and presses
//! by someone other than the asker.

use crate::fake_discord::*;
use hanoi_bot::config::Config;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_suggestions_answer_privately_and_stay_for_the_asker() {
    let (fake, bot, _) = start(Config::embedded()).await;
    // The bot's "did you mean" message, answering USER_ID's /ask.
    let mut msg = message_json(fake.id(), CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    msg["interaction_metadata"] = json!({"id": "77", "type": 2, "user": user(USER_ID, "asker", false),
                                         "authorizing_integration_owners": {"0": GUILD_ID.to_string()}});
    let other = member_with(USER_ID + 1, &[], 0);
    let press = fake.id();
    let body = interact(
        &fake,
        button_by(
            press,
            "ask:pick:convention-structure",
            msg.clone(),
            other.clone(),
        ),
    )
    .await;
    assert_eq!(
        body["type"], 4,
        "a new private message, not an update: {body}"
    );
    assert_eq!(body["data"]["flags"], 64);
    assert!(embed_text(&body["data"]).contains("9 chapters and 68 articles"));
    let press = fake.id();
    let body = interact(&fake, button_by(press, "ask:none", msg.clone(), other)).await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64);
    assert!(embed_text(&body["data"]).contains("Only the person who asked"));
    // The asker's own press still updates the message.
    let press = fake.id();
    let body = interact(
        &fake,
        button_by(
            press,
            "ask:pick:convention-structure",
            msg,
            member_with(USER_ID, &[], 0),
        ),
    )
    .await;
    assert_eq!(body["type"], 7);
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn did_you_mean_buttons_answer_the_chosen_entry() {
    let (fake, bot, _) = start(Config::embedded()).await;
    let id = fake.id();
    let body = interact(
        &fake,
        command(id, "ask", &[("question", 3, json!("chapters"))], "en-US"),
    )
    .await;
    assert_eq!(body["type"], 4);
    let rows = body["data"]["components"].as_array().expect("buttons");
    let buttons: Vec<&Value> = rows
        .iter()
        .flat_map(|r| r["components"].as_array().unwrap())
        .collect();
    let ids: Vec<&str> = buttons
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"ask:pick:convention-structure"), "{ids:?}");
    assert_eq!(ids.last(), Some(&"ask:none"));
    // Press "How many articles does the convention have?".
    let press = fake.id();
    let body = interact(
        &fake,
        button(press, "ask:pick:convention-structure", "en-US"),
    )
    .await;
    assert_eq!(body["type"], 7, "the message is updated in place");
    assert!(
        embed_text(&body["data"]).contains("9 chapters and 68 articles"),
        "{body}"
    );
    let ids: Vec<&str> = body["data"]["components"][0]["components"]
        .as_array()
        .expect("a feedback row replaces the choices")
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["fb:up:convention-structure", "fb:down:convention-structure"],
        "the choices are gone; 👍/👎 ask about the chosen answer"
    );
    // "None of these".
    let press = fake.id();
    let body = interact(&fake, button(press, "ask:none", "en-US")).await;
    assert_eq!(body["type"], 7);
    assert!(embed_text(&body["data"]).contains("none of those fit"));
    stop(&fake, bot).await;
}
