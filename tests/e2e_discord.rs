//! End to end: the real serenity/poise client of `hanoi_bot::discord` against a fake
//! Discord on 127.0.0.1 (tests/fake_discord), asserting on what goes over the wire.

mod fake_discord;

use fake_discord::*;
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use hanoi_bot::discord::RunningBot;
use hanoi_bot::knowledge::Knowledge;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);
const TOKEN: &str = "fake-token.SECRET-never-logged";

fn fixture() -> Knowledge {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.toml");
    Knowledge::load(&p).expect("fixture knowledge is valid")
}

/// A database of its own for each test, in a directory that outlives the test's
/// handles (the OS cleans its temporary directory).
fn own_db(mut config: Config) -> Config {
    let dir = tempfile::tempdir().unwrap().keep();
    config.storage.path = dir.join("bot.db").display().to_string();
    config
}

/// Starts a fake Discord and the bot against it; returns once commands are registered.
async fn start(config: Config) -> (Fake, RunningBot, Recorded) {
    let config = own_db(config);
    let fake = Fake::start().await;
    let desk = DeskHandle::new(Desk::new(fixture(), config.clone()));
    let bot = hanoi_bot::discord::start(desk, config, TOKEN.into(), Some(fake.base.clone()))
        .await
        .expect("the bot starts against the fake");
    let registration = fake
        .wait_for(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("commands registered");
    (fake, bot, registration)
}

/// Sends an interaction and returns its checked callback body.
async fn interact(fake: &Fake, d: Value) -> Value {
    let id: u64 = d["id"].as_str().unwrap().parse().unwrap();
    fake.dispatch_interaction(d);
    let cb = fake
        .callback(id, WAIT)
        .await
        .unwrap_or_else(|| panic!("no callback for interaction {id}"));
    check_callback(&cb.body);
    cb.body
}

fn embed_text(data: &Value) -> String {
    let e = &data["embeds"][0];
    let mut s = format!(
        "{}\n{}",
        e["title"].as_str().unwrap_or(""),
        e["description"].as_str().unwrap_or("")
    );
    for f in e["fields"].as_array().into_iter().flatten() {
        s += &format!(
            "\n{}: {}",
            f["name"].as_str().unwrap(),
            f["value"].as_str().unwrap()
        );
    }
    s
}

async fn stop(fake: &Fake, bot: RunningBot) {
    bot.shutdown().await;
    // The shard closed the gateway connection with a close frame.
    let deadline = Instant::now() + WAIT;
    while fake.closed.load(std::sync::atomic::Ordering::SeqCst) == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        fake.closed.load(std::sync::atomic::Ordering::SeqCst) >= 1,
        "gateway closed on shutdown"
    );
}

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
        command(id, "ask", &[("question", 3, json!("articles"))], "en-US"),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_and_qa_channels_get_replies_once_and_within_cooldowns() {
    let qa_channel = 4_100;
    let mut config = Config::embedded();
    config.community.qa_channels = vec![qa_channel];
    let (fake, bot, _) = start(config).await;
    let replies = |channel: u64| {
        let path = format!("/api/v10/channels/{channel}/messages");
        fake.requests()
            .into_iter()
            .filter(move |r| r.method == "POST" && r.path == path)
            .collect::<Vec<_>>()
    };

    // A mention with a question: a reply to that message.
    let m1 = fake.id();
    fake.dispatch_message(guild_message(
        m1,
        CHANNEL_ID,
        6_001,
        &format!("<@{BOT_ID}> When is the signing ceremony? @everyone"),
        true,
    ));
    let path = format!("/api/v10/channels/{CHANNEL_ID}/messages");
    let r = fake
        .wait_for(WAIT, |r| r.method == "POST" && r.path == path)
        .await
        .expect("reply to a mention");
    check_message(&r.body);
    assert_eq!(r.body["message_reference"]["message_id"], m1.to_string());
    assert_eq!(r.body["allowed_mentions"]["replied_user"], false);
    assert!(embed_text(&r.body).contains("25-26 October 2025"));

    // A message that does not mention the bot, outside Q&A channels: ignored.
    fake.dispatch_message(guild_message(
        fake.id(),
        CHANNEL_ID,
        6_002,
        "When is the signing ceremony?",
        false,
    ));
    // Q&A channel: confident → answered; the same message again → not answered twice;
    // unsure → not answered; the same user again at once → cooldown.
    let q1 = fake.id();
    fake.dispatch_message(guild_message(
        q1,
        qa_channel,
        6_003,
        "How many countries signed?",
        false,
    ));
    fake.dispatch_message(guild_message(
        q1,
        qa_channel,
        6_003,
        "How many countries signed?",
        false,
    ));
    fake.dispatch_message(guild_message(
        fake.id(),
        qa_channel,
        6_004,
        "articles",
        false,
    ));
    fake.dispatch_message(guild_message(
        fake.id(),
        qa_channel,
        6_003,
        "When is the signing ceremony?",
        false,
    ));
    // A mention by another user in another channel is the sentinel: once it is
    // answered, all the earlier events have been looked at.
    let sentinel = fake.id();
    fake.dispatch_message(guild_message(
        sentinel,
        4_200,
        6_005,
        &format!("<@!{BOT_ID}> How many countries signed?"),
        true,
    ));
    fake.wait_for(WAIT, |r| r.path == "/api/v10/channels/4200/messages")
        .await
        .expect("sentinel answered");
    // Events are handled concurrently: the sentinel can overtake the Q&A answer.
    let qa_path = format!("/api/v10/channels/{qa_channel}/messages");
    fake.wait_for(WAIT, |r| r.path == qa_path)
        .await
        .expect("the confident Q&A question answered");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        replies(CHANNEL_ID).len(),
        1,
        "only the mention was answered there"
    );
    let qa = replies(qa_channel);
    assert_eq!(
        qa.len(),
        1,
        "one confident answer in the Q&A channel: {qa:?}"
    );
    assert_eq!(
        qa[0].body["message_reference"]["message_id"],
        q1.to_string()
    );
    assert!(embed_text(&qa[0].body).contains("72 states"));
    check_message(&qa[0].body);
    stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn qa_channel_answers_in_a_thread_when_configured() {
    let qa_channel = 4_100;
    let mut config = Config::embedded();
    config.community.qa_channels = vec![qa_channel];
    config.community.use_threads = true;
    config.discord.guilds = vec![GUILD_ID];
    let (fake, bot, reg) = start(config).await;
    assert_eq!(
        reg.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    );
    let q = fake.id();
    fake.dispatch_message(guild_message(
        q,
        qa_channel,
        6_010,
        "How many countries signed?",
        false,
    ));
    let t = fake
        .wait_for(WAIT, |r| {
            r.path == format!("/api/v10/channels/{qa_channel}/messages/{q}/threads")
        })
        .await
        .expect("a thread from the question");
    assert_eq!(t.body["name"], "How many countries signed?");
    let posted = fake
        .wait_for(WAIT, |r| {
            r.method == "POST"
                && r.path.ends_with("/messages")
                && !r.path.contains(&qa_channel.to_string())
        })
        .await
        .expect("the answer in the thread");
    check_message(&posted.body);
    assert!(embed_text(&posted.body).contains("72 states"));
    stop(&fake, bot).await;
}

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
/// to callback received. For figures: `cargo test --release --test e2e_discord -- --nocapture latency`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_of_1000_asks() {
    let (fake, bot, _) = start(Config::embedded()).await;
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

fn bot_command() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The shipped configuration with a database of the test's own.
    let dir = tempfile::tempdir().unwrap().keep();
    let shipped = std::fs::read_to_string(root.join("config/bot.toml")).unwrap();
    let db = dir.join("bot.db");
    let config = shipped.replace(
        "path = \"data/bot.db\"",
        &format!("path = {:?}", db.display().to_string()),
    );
    assert_ne!(config, shipped, "the shipped config names data/bot.db");
    std::fs::write(dir.join("bot.toml"), config).unwrap();
    c.current_dir(root)
        .arg("--knowledge")
        .arg(root.join("tests/fixtures/valid.toml"))
        .arg("--config")
        .arg(dir.join("bot.toml"))
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_API_BASE");
    c
}

#[test]
fn run_without_a_token_exits_2_with_a_message() {
    for token in [None, Some(""), Some("   ")] {
        let mut c = bot_command();
        c.arg("run");
        if let Some(t) = token {
            c.env("DISCORD_TOKEN", t);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("DISCORD_TOKEN is not set"), "{err}");
        assert!(!err.contains("panicked"));
    }
}

/// `hanoi-bot run` with DISCORD_API_BASE: talks only to the fake, answers, logs one
/// line per interaction without the token, and stops cleanly on SIGTERM.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_uses_the_api_base_and_stops_on_sigterm() {
    let fake = Fake::start().await;
    // Logs to a file: a pipe nobody reads while the test waits could fill and block.
    let log = tempfile::NamedTempFile::new().unwrap();
    // One open file for both streams, so they append rather than overwrite.
    let out = log.reopen().unwrap();
    let mut c = bot_command();
    c.arg("run")
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &fake.base)
        .env("RUST_LOG", "info")
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    let mut child = tokio::process::Command::from(c).spawn().unwrap();
    let registered = fake
        .wait_for(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await;
    if registered.is_none() {
        let status = child.try_wait();
        let _ = child.kill().await;
        eprintln!("bot process status: {status:?}");
        panic!(
            "not registered through DISCORD_API_BASE: {}\nrequests: {:?}",
            std::fs::read_to_string(log.path()).unwrap_or_default(),
            fake.requests()
        );
    }
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
    let pid = child.id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("stops within 10 s of SIGTERM")
        .unwrap();
    let logs = std::fs::read_to_string(log.path()).unwrap();
    assert_eq!(status.code(), Some(0), "{logs}");
    assert!(
        fake.closed.load(std::sync::atomic::Ordering::SeqCst) >= 1,
        "gateway closed"
    );
    let line = logs
        .lines()
        .find(|l| l.contains("interaction handled"))
        .unwrap_or_else(|| panic!("no interaction log line: {logs}"));
    for key in [
        "command=ask",
        "guild=Some(3000)",
        "latency_ms=",
        "matched=\"signing-date\"",
        "score=",
    ] {
        assert!(line.contains(key), "{key} missing in {line}");
    }
    assert!(!logs.contains("SECRET"), "the token leaked into the logs");
}
