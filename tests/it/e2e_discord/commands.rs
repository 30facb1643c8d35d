//! The public slash commands end to end: what is registered, `/ask` in its variants,
//! autocomplete, a slow answer deferred, and the other commands.

use crate::fake_discord::*;
use hanoi_bot::config::Config;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_payload_covers_the_catalogue() {
    let (fake, bot, reg) = start(Config::embedded()).await;
    // Shipped config: no guild listed, so global registration.
    assert_eq!(reg.path, format!("/api/v10/applications/{APP_ID}/commands"));
    assert!(reg
        .headers
        .iter()
        .any(|(k, v)| k == "authorization" && v == &format!("Bot {TOKEN}")));
    let cmds = reg.body.as_array().expect("a list of commands");
    assert_eq!(cmds.len(), hanoi_bot::catalogue::COMMANDS.len());
    for c in hanoi_bot::catalogue::COMMANDS {
        let cmd = cmds
            .iter()
            .find(|x| x["name"] == c.name)
            .unwrap_or_else(|| panic!("{} registered", c.name));
        assert!(
            cmd["type"].is_null() || cmd["type"] == 1,
            "{} is a chat-input (slash) command",
            c.name
        );
        assert_eq!(cmd["description"], c.description);
        assert_eq!(cmd["description_localizations"]["vi"], c.description_vi);
        assert!(
            cmd["name_localizations"]["vi"].is_string(),
            "{} has a vi name",
            c.name
        );
        if c.moderator {
            assert!(
                cmd["default_member_permissions"].is_string(),
                "{} is for moderators",
                c.name
            );
        } else {
            assert!(
                cmd["default_member_permissions"].is_null(),
                "{} is for everyone",
                c.name
            );
        }
        for o in cmd["options"].as_array().into_iter().flatten() {
            assert!(o["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty() && d.chars().count() <= 100));
            assert!(
                o["description_localizations"]["vi"].is_string(),
                "{}.{}",
                c.name,
                o["name"]
            );
            assert!(
                o["name_localizations"]["vi"].is_string(),
                "{}.{}",
                c.name,
                o["name"]
            );
        }
    }
    let option = |cmd: &str, name: &str| -> Value {
        let c = cmds.iter().find(|x| x["name"] == cmd).unwrap();
        c["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .cloned()
            .unwrap()
    };
    let q = option("ask", "question");
    assert_eq!(
        (
            q["type"].clone(),
            q["required"].clone(),
            q["autocomplete"].clone()
        ),
        (json!(3), json!(true), json!(true))
    );
    let p = option("ask", "private");
    assert_eq!(
        (p["type"].clone(), p["required"].clone()),
        (json!(5), json!(false))
    );
    assert_eq!(option("session", "name")["autocomplete"], true);
    assert_eq!(option("speaker", "name")["autocomplete"], true);
    let day = option("schedule", "day");
    assert_eq!(day["choices"].as_array().unwrap().len(), 3);
    assert!(day["choices"][0]["name_localizations"]["vi"].is_string());
    let a = option("article", "number");
    assert_eq!(a["type"], 4);
    assert_eq!(
        (a["min_value"].as_f64(), a["max_value"].as_f64()),
        (Some(1.0), Some(68.0))
    );
    // The gateway identify asked for the intents the docs list.
    let ident = fake.identify.lock().unwrap().clone().expect("identified");
    assert_eq!(
        ident["intents"].as_u64(),
        Some(hanoi_bot::discord::intents().bits())
    );
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_with_an_embed_and_mentions_nobody() {
    let (fake, bot, _) = start(Config::embedded()).await;
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
    assert_eq!(body["type"], 4);
    let data = &body["data"];
    assert!(embed_text(data).contains("25-26 October 2025"), "{data}");
    assert_eq!(data["allowed_mentions"]["parse"], json!([]));
    let footer = data["embeds"][0]["footer"]["text"].as_str().unwrap();
    assert!(
        footer.contains("VNA, 25 Oct 2025") && footer.contains("confidence: high"),
        "{footer}"
    );
    assert!(
        data["flags"].is_null() || data["flags"] == 0,
        "public by default"
    );

    // private: true → ephemeral (flag 64).
    let id = fake.id();
    let body = interact(
        &fake,
        command(
            id,
            "ask",
            &[
                ("question", 3, json!("How many countries signed?")),
                ("private", 5, json!(true)),
            ],
            "en-US",
        ),
    )
    .await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(embed_text(&body["data"]).contains("72 states"));

    // A Vietnamese client gets the Vietnamese answer.
    let id = fake.id();
    let body = interact(
        &fake,
        command(
            id,
            "ask",
            &[("question", 3, json!("Khi nào lễ ký diễn ra?"))],
            "vi",
        ),
    )
    .await;
    assert!(
        embed_text(&body["data"]).contains("25-26/10/2025"),
        "{}",
        body["data"]
    );
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_ranked_questions_within_limits() {
    let (fake, bot, _) = start(Config::embedded()).await;
    let id = fake.id();
    let body = interact(&fake, autocomplete(id, "ask", "question", "signing cer")).await;
    assert_eq!(body["type"], 8);
    let choices = body["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert_eq!(
        choices[0]["name"], "When is the signing ceremony?",
        "{choices:?}"
    );
    // Empty input: some known questions, still within 25.
    let id = fake.id();
    let body = interact(&fake, autocomplete(id, "ask", "question", "")).await;
    assert!(!body["data"]["choices"].as_array().unwrap().is_empty());
    // Speaker names without diacritics; the value is the entry id.
    let id = fake.id();
    let body = interact(&fake, autocomplete(id, "speaker", "name", "luong cuong")).await;
    assert_eq!(body["data"]["choices"][0]["value"], "luong-cuong", "{body}");
    assert_eq!(body["data"]["choices"][0]["name"], "Lương Cường");
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_is_deferred_then_sent_as_a_follow_up() {
    let mut config = Config::embedded();
    // Every answer counts as slow.
    config.discord.defer_after_ms = 0;
    let (fake, bot, _) = start(config).await;
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
    assert_eq!(body["type"], 5, "deferred first: {body}");
    let follow = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path == format!("/api/v10/webhooks/{APP_ID}/itoken-{id}")
        })
        .await
        .expect("the answer follows");
    check_message(&follow.body);
    assert!(
        embed_text(&follow.body).contains("25-26 October 2025"),
        "{}",
        follow.body
    );
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_commands_answer_with_discord_timestamps_and_user_errors_privately() {
    let (fake, bot, _) = start(Config::embedded()).await;
    let id = fake.id();
    let body = interact(
        &fake,
        command(id, "schedule", &[("day", 4, json!(0))], "en-US"),
    )
    .await;
    let text = embed_text(&body["data"]);
    // Signing session, 25 Oct 2025 10:00 +07:00 = 03:00 UTC.
    assert!(
        text.contains("<t:1761361200:f>") && text.contains("<t:1761361200:R>"),
        "{text}"
    );
    assert!(text.contains("National Convention Centre"));
    let id = fake.id();
    let body = interact(
        &fake,
        command(
            id,
            "session",
            &[("name", 3, json!("signing-session"))],
            "en-US",
        ),
    )
    .await;
    assert!(
        embed_text(&body["data"]).contains("<t:1761366600:t>"),
        "ends 11:30: {body}"
    );
    let id = fake.id();
    let body = interact(
        &fake,
        command(id, "speaker", &[("name", 3, json!("Luong Cuong"))], "vi"),
    )
    .await;
    assert!(
        embed_text(&body["data"]).contains("Chủ tịch nước"),
        "{body}"
    );
    let id = fake.id();
    let body = interact(&fake, command(id, "help", &[], "en-US")).await;
    let text = embed_text(&body["data"]);
    for c in hanoi_bot::catalogue::COMMANDS {
        assert!(text.contains(&format!("/{}", c.name)), "{text}");
    }
    for (name, n) in [("article", 1), ("chapter", 2)] {
        let id = fake.id();
        let body = interact(
            &fake,
            command(id, name, &[("number", 4, json!(n))], "en-US"),
        )
        .await;
        assert_eq!(body["type"], 4);
    }
    let id = fake.id();
    let body = interact(&fake, command(id, "convention", &[], "en-US")).await;
    assert!(embed_text(&body["data"]).contains("Chapters"));
    let id = fake.id();
    let body = interact(&fake, command(id, "speakers", &[], "en-US")).await;
    assert!(embed_text(&body["data"]).contains("António Guterres"));
    // The fixture holds no [[country]] records: /signatories says so, in the reader's language.
    let id = fake.id();
    let body = interact(&fake, command(id, "signatories", &[], "vi")).await;
    assert_eq!(body["type"], 4);
    assert!(embed_text(&body["data"]).contains("Các bên ký"), "{body}");
    // Article 60 is not in the fixture: a user error, shown only to the asker.
    let id = fake.id();
    let body = interact(
        &fake,
        command(id, "article", &[("number", 4, json!(60))], "en-US"),
    )
    .await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(
        embed_text(&body["data"]).contains("There is no article 60"),
        "{body}"
    );
    stop(&fake, bot).await;
}
