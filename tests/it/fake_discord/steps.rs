//! The steps end-to-end scenarios are made of: the knowledge and configuration they
//! run on, starting the bot against a fake Discord, interacting, reading what came
//! back, stopping.

use super::{check_callback, command_by, member_with, message_json, user, Fake, Recorded};
use super::{APP_ID, BOT_ID, CHANNEL_ID};
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use hanoi_bot::discord::RunningBot;
use hanoi_bot::knowledge::Knowledge;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a scenario waits for something the bot should do.
pub const WAIT: Duration = Duration::from_secs(10);
/// The bot's token in the scenarios; it must never show in errors or logs.
pub const TOKEN: &str = "fake-token.SECRET-never-logged";
/// Announcement (news) channel, the moderation scenarios' default channel.
pub const NEWS: u64 = 4_100;
/// The moderators' role in [`moderation_config`].
pub const MOD_ROLE: u64 = 6_001;
/// A role moderators may ping.
pub const PING_ROLE: u64 = 6_002;
/// A member holding [`MOD_ROLE`].
pub const MODERATOR: u64 = 5_100;
/// The Manage Messages permission bit.
pub const MANAGE_MESSAGES: u64 = 1 << 13;

/// The test knowledge file.
pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.toml")
}

/// The test knowledge.
pub fn fixture() -> Knowledge {
    Knowledge::load(&fixture_path()).expect("fixture knowledge is valid")
}

/// A database of its own for each test, in a directory that outlives the test's
/// handles (the OS cleans its temporary directory).
pub fn own_db(mut config: Config) -> Config {
    let dir = tempfile::tempdir().unwrap().keep();
    config.storage.path = dir.join("bot.db").display().to_string();
    config
}

/// A configuration with a database of its own, moderators, a default channel and no
/// file watcher (reloads in these tests are explicit).
pub fn moderation_config() -> Config {
    let mut c = own_db(Config::embedded());
    c.discord.moderator_roles = vec![MOD_ROLE];
    c.announcements.channel = Some(NEWS);
    c.curation.watch_knowledge = false;
    c
}

/// Starts the bot against `fake`; returns once commands are registered, with the
/// registration request.
pub async fn start_bot(
    fake: &Fake,
    config: Config,
    knowledge: Knowledge,
) -> (RunningBot, Recorded) {
    let desk = DeskHandle::new(Desk::new(knowledge, config.clone()));
    let bot = hanoi_bot::discord::start(desk, config, TOKEN.into(), Some(fake.base.clone()))
        .await
        .expect("the bot starts against the fake");
    let registration = fake
        .wait_for(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("commands registered");
    (bot, registration)
}

/// Starts a fake Discord and the bot against it, on the fixture and a database of its
/// own.
pub async fn start(config: Config) -> (Fake, RunningBot, Recorded) {
    let fake = Fake::start().await;
    let (bot, registration) = start_bot(&fake, own_db(config), fixture()).await;
    (fake, bot, registration)
}

/// [`start_moderated_with`] on the fixture.
pub async fn start_moderated(config: Config) -> (Fake, RunningBot) {
    start_moderated_with(config, fixture()).await
}

/// A fake Discord with the [`NEWS`] channel and the [`PING_ROLE`], and the bot on
/// `knowledge`.
pub async fn start_moderated_with(config: Config, knowledge: Knowledge) -> (Fake, RunningBot) {
    let fake = Fake::start().await;
    fake.add_channel(NEWS, true);
    fake.add_role(PING_ROLE, "delegates");
    let (bot, _) = start_bot(&fake, config, knowledge).await;
    (fake, bot)
}

/// Polls `f` until it holds; fails the test with `what` after `within`.
pub async fn until(within: Duration, what: &str, f: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + within;
    while !f() {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Stops the bot and checks that the shard closed the gateway connection with a close
/// frame.
pub async fn stop(fake: &Fake, bot: RunningBot) {
    bot.shutdown().await;
    let deadline = Instant::now() + WAIT;
    while fake.closed.load(std::sync::atomic::Ordering::SeqCst) == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        fake.closed.load(std::sync::atomic::Ordering::SeqCst) >= 1,
        "gateway closed on shutdown"
    );
}

/// Sends an interaction and returns its checked callback body.
pub async fn interact(fake: &Fake, d: Value) -> Value {
    let id: u64 = d["id"].as_str().unwrap().parse().unwrap();
    fake.dispatch_interaction(d);
    let cb = fake
        .callback(id, WAIT)
        .await
        .unwrap_or_else(|| panic!("no callback for interaction {id}"));
    check_callback(&cb.body);
    cb.body
}

/// Title, description and fields of a message's first embed.
pub fn embed_text(data: &Value) -> String {
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

/// A message's content and the text of all its embeds.
pub fn texts(data: &Value) -> String {
    let mut s = data["content"].as_str().unwrap_or_default().to_string();
    for e in data["embeds"].as_array().into_iter().flatten() {
        for k in ["title", "description"] {
            s += "\n";
            s += e[k].as_str().unwrap_or_default();
        }
        for f in e["fields"].as_array().into_iter().flatten() {
            s += &format!(
                "\n{}: {}",
                f["name"].as_str().unwrap(),
                f["value"].as_str().unwrap()
            );
        }
    }
    s
}

/// Whether a callback's message is ephemeral (flag 64).
pub fn ephemeral(body: &Value) -> bool {
    body["data"]["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

/// The custom ids of a message's buttons, row by row.
pub fn button_ids(data: &Value) -> Vec<String> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect()
}

/// The messages the bot posted to `channel`, as requests.
pub fn posts_to(fake: &Fake, channel: u64) -> Vec<Recorded> {
    let path = format!("/api/v10/channels/{channel}/messages");
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .collect()
}

/// Waits for the bot's reply in `channel` to message `message`: events are handled
/// concurrently, so the next reply in a channel may answer another message.
pub async fn reply_to(fake: &Fake, channel: u64, message: u64) -> Option<Recorded> {
    let path = format!("/api/v10/channels/{channel}/messages");
    let id = message.to_string();
    fake.wait_for(WAIT, |r| {
        r.method == "POST" && r.path == path && r.body["message_reference"]["message_id"] == id
    })
    .await
}

/// An announcement form whose text tries to ping (it must not).
pub const DOORS: &[(&str, &str)] = &[
    ("title", "Doors open"),
    (
        "body",
        "Doors open at 07:30; bring your badge. @everyone <@&6003> <@5000>",
    ),
    ("image", ""),
];

/// The member holding [`MOD_ROLE`].
pub fn moderator() -> Value {
    member_with(MODERATOR, &[MOD_ROLE], 0)
}

/// `/announce <sub>` with `options` of the subcommand and `resolved` data.
pub fn announce(
    fake: &Fake,
    sub: &str,
    options: Value,
    resolved: Value,
    member: Value,
) -> (u64, Value) {
    let id = fake.id();
    let opts = json!([{"name": sub, "type": 1, "options": options}]);
    (id, command_by(id, "announce", opts, resolved, member))
}

/// The ephemeral preview message the buttons are pressed on.
pub fn preview_message(fake: &Fake) -> Value {
    let mut m = message_json(fake.id(), CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    m["flags"] = json!(64);
    m
}

/// Opens the form with `/announce <sub>` and submits `fields`; the preview callback.
pub async fn preview(
    fake: &Fake,
    sub: &str,
    options: Value,
    resolved: Value,
    fields: &[(&str, &str)],
) -> (u64, Value) {
    let (cmd, d) = announce(fake, sub, options, resolved, moderator());
    let form = interact(fake, d).await;
    assert_eq!(form["type"], 9, "the command opens a modal: {form}");
    let modal_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    let submit = fake.id();
    let body = interact(
        fake,
        super::modal_submit(submit, &modal_id, fields, moderator(), None),
    )
    .await;
    (cmd, body)
}

/// The fixture with its event moved two years ahead (so sessions are in the future),
/// `tweak`ed and written where `/kb reload` can read it.
pub fn future_knowledge(dir: &Path, tweak: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(fixture_path())
        .unwrap()
        .replace("2025-10-2", "2027-10-2");
    let p = dir.join("knowledge.toml");
    std::fs::write(&p, tweak(text)).unwrap();
    p
}

/// `/kb reload` by a moderator: deferred, then the result as a follow-up (checked).
pub async fn reload(fake: &Fake) -> Value {
    let id = fake.id();
    let opts = json!([{"name": "reload", "type": 1, "options": []}]);
    let deferred = interact(fake, command_by(id, "kb", opts, json!({}), moderator())).await;
    assert_eq!(deferred["type"], 5, "a reload is deferred: {deferred}");
    assert!(ephemeral(&deferred));
    let r = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path.contains(&format!("/webhooks/{APP_ID}/itoken-{id}"))
        })
        .await
        .expect("the reload's result");
    super::check_message(&r.body);
    r.body
}

/// The stored reminders of the fixture's signing session.
pub async fn signing_reminders(bot: &RunningBot) -> Vec<hanoi_bot::store::Item> {
    bot.store
        .call(|s| s.reminders_for("signing-session"))
        .await
        .unwrap()
}
