//! End to end: moderator commands through the real serenity/poise client against the
//! fake Discord: the announcement modal, preview and Confirm; who may use them; what is
//! pinged; bad input; scheduled posts; `/kb reload` with a broken file; reminders that
//! follow the knowledge; 👍/👎 votes and the question log.

mod fake_discord;

use chrono::{Duration as Span, Utc};
use fake_discord::*;
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use hanoi_bot::discord::RunningBot;
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::store::{ItemKind, ItemState, NewItem};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);
const TOKEN: &str = "fake-token.SECRET-never-logged";
const MOD_ROLE: u64 = 6_001;
const PING_ROLE: u64 = 6_002;
const MODERATOR: u64 = 5_100;
/// Announcement (news) channel configured as the default.
const NEWS: u64 = 4_100;
const MANAGE_MESSAGES: u64 = 1 << 13;

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.toml")
}

/// A configuration with a database of its own, moderators, a default channel and no
/// file watcher (reloads in these tests are explicit).
fn config() -> Config {
    let mut c = Config::embedded();
    let dir = tempfile::tempdir().unwrap().keep();
    c.storage.path = dir.join("bot.db").display().to_string();
    c.discord.moderator_roles = vec![MOD_ROLE];
    c.announcements.channel = Some(NEWS);
    c.curation.watch_knowledge = false;
    c
}

async fn start_with(config: Config, knowledge: Knowledge) -> (Fake, RunningBot) {
    let fake = Fake::start().await;
    fake.add_channel(NEWS, true);
    fake.add_role(PING_ROLE, "delegates");
    let desk = DeskHandle::new(Desk::new(knowledge, config.clone()));
    let bot = hanoi_bot::discord::start(desk, config, TOKEN.into(), Some(fake.base.clone()))
        .await
        .expect("the bot starts against the fake");
    fake.wait_for(WAIT, |r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await
        .expect("commands registered");
    (fake, bot)
}

async fn start(config: Config) -> (Fake, RunningBot) {
    start_with(config, Knowledge::load(&fixture_path()).unwrap()).await
}

fn moderator() -> Value {
    member_with(MODERATOR, &[MOD_ROLE], 0)
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

/// `/announce <sub>` with `options` of the subcommand and `resolved` data.
fn announce(
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

fn ephemeral(body: &Value) -> bool {
    body["data"]["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

fn texts(data: &Value) -> String {
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

fn button_ids(data: &Value) -> Vec<String> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect()
}

/// The ephemeral preview message the buttons are pressed on.
fn preview_message(fake: &Fake) -> Value {
    let mut m = message_json(fake.id(), CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    m["flags"] = json!(64);
    m
}

/// Opens the form with `/announce <sub>` and submits `fields`; the preview callback.
async fn preview(
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
        modal_submit(submit, &modal_id, fields, moderator(), None),
    )
    .await;
    (cmd, body)
}

fn posts_to(fake: &Fake, channel: u64) -> Vec<Recorded> {
    let path = format!("/api/v10/channels/{channel}/messages");
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .collect()
}

const DOORS: &[(&str, &str)] = &[
    ("title", "Doors open"),
    (
        "body",
        "Doors open at 07:30; bring your badge. @everyone <@&6003> <@5000>",
    ),
    ("image", ""),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preview_then_confirm_posts_once_pinging_only_the_chosen_role() {
    let (fake, bot) = start(config()).await;
    let resolved = json!({"roles": {PING_ROLE.to_string(): resolved_role(PING_ROLE, "delegates")}});
    let options = json!([{"name": "role", "type": 8, "value": PING_ROLE.to_string()}]);
    let (cmd, body) = preview(&fake, "post", options, resolved, DOORS).await;
    assert_eq!(body["type"], 4);
    assert!(ephemeral(&body), "the preview is private: {body}");
    let text = texts(&body["data"]);
    assert!(
        text.contains(&format!("Pings: <@&{PING_ROLE}> only")),
        "{text}"
    );
    assert!(text.contains("Doors open at 07:30"), "{text}");
    let ids = button_ids(&body["data"]);
    assert_eq!(
        ids,
        [
            format!("ann:{cmd}:confirm"),
            format!("ann:{cmd}:edit"),
            format!("ann:{cmd}:cancel")
        ]
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        posts_to(&fake, NEWS).is_empty(),
        "nothing is posted before Confirm"
    );

    let press = fake.id();
    let body = interact(
        &fake,
        button_by(press, &ids[0], preview_message(&fake), moderator()),
    )
    .await;
    assert_eq!(body["type"], 7, "Confirm updates the preview: {body}");
    assert!(texts(&body["data"]).contains("Posting #1"), "{body}");
    assert!(
        button_ids(&body["data"]).is_empty(),
        "buttons gone after Confirm"
    );

    let post = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path == format!("/api/v10/channels/{NEWS}/messages")
        })
        .await
        .expect("the announcement is posted");
    let m = &post.body;
    check_message_allowing(m, &[PING_ROLE], false);
    assert_eq!(m["content"], format!("<@&{PING_ROLE}>"));
    assert_eq!(m["allowed_mentions"]["parse"], json!([]));
    assert_eq!(
        m["allowed_mentions"]["roles"],
        json!([PING_ROLE.to_string()])
    );
    let nonce = m["nonce"].as_str().expect("a nonce").to_string();
    assert_eq!(m["enforce_nonce"], true);
    assert_eq!(m["embeds"][0]["title"], "Doors open");
    let footer = m["embeds"][0]["footer"]["text"].as_str().unwrap();
    assert!(footer.ends_with(&format!("ref {nonce}")), "{footer}");
    // An announcement channel: published to following servers.
    fake.wait_for(WAIT, |r| {
        r.method == "POST" && r.path.ends_with("/crosspost")
    })
    .await
    .expect("crossposted");
    // The preview ends with the link.
    let done = fake
        .wait_for(WAIT, |r| {
            r.method == "PATCH"
                && r.path.contains(&format!("itoken-{press}"))
                && texts(&r.body).contains("Posted #1")
        })
        .await
        .expect("the preview shows the outcome");
    assert!(
        texts(&done.body).contains("https://discord.com/channels/"),
        "{}",
        done.body
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(posts_to(&fake, NEWS).len(), 1, "posted exactly once");
    let (item, audit) = bot
        .store
        .call(|s| Ok((s.item(1)?, s.audit_list(10)?)))
        .await
        .unwrap();
    let item = item.unwrap();
    assert_eq!(item.state, ItemState::Posted);
    assert_eq!(item.nonce, nonce);
    assert!(
        audit
            .iter()
            .any(|a| a.action == "announce.schedule" && a.who.contains(&MODERATOR.to_string())),
        "{audit:?}"
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_moderators_are_refused_and_nothing_happens() {
    let (fake, bot) = start(config()).await;
    // Manage Messages is not enough when moderator roles are configured.
    let member = member_with(USER_ID, &[PING_ROLE], MANAGE_MESSAGES);
    for (name, sub) in [
        ("announce", "post"),
        ("reminders", "off"),
        ("kb", "reload"),
        ("kb", "gaps"),
    ] {
        let id = fake.id();
        let opts = json!([{"name": sub, "type": 1, "options": []}]);
        let body = interact(&fake, command_by(id, name, opts, json!({}), member.clone())).await;
        assert_eq!(body["type"], 4, "/{name} {sub}: {body}");
        assert!(ephemeral(&body), "/{name} {sub}: refusal is private");
        assert!(texts(&body["data"]).contains("Only moderators"), "{body}");
    }
    let (items, audit, reminders_on) = bot
        .store
        .call(|s| {
            Ok((
                s.list_items(true)?,
                s.audit_list(10)?,
                s.reminders_enabled(true)?,
            ))
        })
        .await
        .unwrap();
    assert!(items.is_empty());
    assert!(reminders_on, "/reminders off was refused");
    assert_eq!(
        audit.iter().filter(|a| a.action == "denied").count(),
        4,
        "{audit:?}"
    );
    assert!(posts_to(&fake, NEWS).is_empty());
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_reopens_the_form_with_the_text_and_cancel_posts_nothing() {
    let (fake, bot) = start(config()).await;
    let (cmd, _) = preview(&fake, "post", json!([]), json!({}), DOORS).await;
    let edit = fake.id();
    let msg = preview_message(&fake);
    let form = interact(
        &fake,
        button_by(edit, &format!("ann:{cmd}:edit"), msg.clone(), moderator()),
    )
    .await;
    assert_eq!(form["type"], 9, "Edit reopens the form: {form}");
    let values: Vec<&str> = form["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row["components"][0]["value"].as_str())
        .collect();
    assert!(
        values.contains(&"Doors open"),
        "typed text kept: {values:?}"
    );
    let modal_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    let fields = [
        ("title", "Doors open at 07:00"),
        ("body", "Earlier than planned."),
        ("image", ""),
    ];
    let submit = fake.id();
    let body = interact(
        &fake,
        modal_submit(submit, &modal_id, &fields, moderator(), Some(msg.clone())),
    )
    .await;
    assert_eq!(body["type"], 7, "the same preview is updated: {body}");
    assert!(texts(&body["data"]).contains("Doors open at 07:00"));
    let cancel = fake.id();
    let body = interact(
        &fake,
        button_by(
            cancel,
            &format!("ann:{cmd}:cancel"),
            msg.clone(),
            moderator(),
        ),
    )
    .await;
    assert_eq!(body["type"], 7);
    assert!(texts(&body["data"]).contains("Cancelled"), "{body}");
    // A later press on the finished preview is answered, not left to fail.
    let late = fake.id();
    let body = interact(
        &fake,
        button_by(late, &format!("ann:{cmd}:confirm"), msg, moderator()),
    )
    .await;
    assert!(texts(&body["data"]).contains("no longer active"), "{body}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(posts_to(&fake, NEWS).is_empty());
    let items = bot.store.call(|s| s.list_items(true)).await.unwrap();
    assert!(items.is_empty(), "nothing stored: {items:?}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_times_channels_urls_and_permissions_are_explained_and_nothing_is_half_done() {
    let (fake, bot) = start(config()).await;
    // Unreadable and past times: refused before any form opens.
    for when in ["someday soonish", "2020-01-01 10:00"] {
        let (_, d) = announce(
            &fake,
            "schedule",
            json!([{"name": "when", "type": 3, "value": when}]),
            json!({}),
            moderator(),
        );
        let body = interact(&fake, d).await;
        assert_eq!(body["type"], 4, "{when}: {body}");
        assert!(ephemeral(&body));
    }
    // @everyone while the configuration does not allow it: refused at once.
    let (_, d) = announce(
        &fake,
        "post",
        json!([{"name": "everyone", "type": 5, "value": true}]),
        json!({}),
        moderator(),
    );
    let body = interact(&fake, d).await;
    assert_eq!(body["type"], 4, "no form opens: {body}");
    assert!(texts(&body["data"]).contains("@everyone"), "{body}");
    // A deleted channel and a bad image URL: the preview lists both, without Confirm.
    const GONE: u64 = 4_200;
    fake.add_channel(GONE, false);
    let resolved = json!({"channels": {GONE.to_string(): resolved_channel(GONE, false)}});
    fake.delete_channel(GONE);
    let fields = [
        ("title", "Hello"),
        ("body", "World"),
        ("image", "ftp:/not-a-url"),
    ];
    let options = json!([{"name": "channel", "type": 7, "value": GONE.to_string()}]);
    let (cmd, body) = preview(&fake, "post", options, resolved, &fields).await;
    let text = texts(&body["data"]);
    assert!(text.contains("no longer exists"), "{text}");
    assert!(text.contains("not a web address"), "{text}");
    let ids = button_ids(&body["data"]);
    assert!(!ids.contains(&format!("ann:{cmd}:confirm")), "{ids:?}");
    // No permission to send: Confirm reports it; the item is failed, nothing posted.
    const LOCKED: u64 = 4_300;
    fake.add_channel(LOCKED, false);
    fake.deny_send(LOCKED);
    let resolved = json!({"channels": {LOCKED.to_string(): resolved_channel(LOCKED, false)}});
    let options = json!([{"name": "channel", "type": 7, "value": LOCKED.to_string()}]);
    let (cmd, _) = preview(&fake, "post", options, resolved, DOORS).await;
    let press = fake.id();
    interact(
        &fake,
        button_by(
            press,
            &format!("ann:{cmd}:confirm"),
            preview_message(&fake),
            moderator(),
        ),
    )
    .await;
    let done = fake
        .wait_for(WAIT, |r| {
            r.method == "PATCH" && r.path.contains(&format!("itoken-{press}"))
        })
        .await
        .expect("the outcome is shown");
    let text = texts(&done.body);
    assert!(
        text.contains("Not posted") && text.contains("permissions"),
        "{text}"
    );
    assert!(fake.posted(LOCKED).is_empty());
    let items = bot.store.call(|s| s.list_items(true)).await.unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].state, ItemState::Failed);
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_posts_wait_for_their_time_and_can_be_cancelled() {
    let (fake, bot) = start(config()).await;
    let options = json!([{"name": "when", "type": 3, "value": "in 2h"}]);
    let before = Utc::now();
    let (cmd, body) = preview(&fake, "schedule", options, json!({}), DOORS).await;
    let text = texts(&body["data"]);
    assert!(
        text.contains("<t:"),
        "the time is shown as a Discord timestamp: {text}"
    );
    let press = fake.id();
    let body = interact(
        &fake,
        button_by(
            press,
            &format!("ann:{cmd}:confirm"),
            preview_message(&fake),
            moderator(),
        ),
    )
    .await;
    assert!(texts(&body["data"]).contains("Scheduled as #1"), "{body}");
    let item = bot.store.call(|s| s.item(1)).await.unwrap().unwrap();
    let lead = item.due_at - before;
    assert!(
        lead >= Span::minutes(119) && lead <= Span::minutes(121),
        "{lead}"
    );
    assert_eq!(item.state, ItemState::Pending);
    // `/announce list` shows it; `/announce cancel` cancels it.
    let (_, d) = announce(&fake, "list", json!([]), json!({}), moderator());
    let body = interact(&fake, d).await;
    let listed = texts(&body["data"]);
    assert!(
        listed.contains("#1") && listed.contains(&format!("<#{NEWS}>")),
        "{listed}"
    );
    let (_, d) = announce(
        &fake,
        "cancel",
        json!([{"name": "id", "type": 4, "value": 1}]),
        json!({}),
        moderator(),
    );
    let body = interact(&fake, d).await;
    assert!(ephemeral(&body));
    let item = bot.store.call(|s| s.item(1)).await.unwrap().unwrap();
    assert_eq!(item.state, ItemState::Cancelled);

    // An item due in 1.5 s goes out at its time, not before.
    let due = Utc::now() + Span::milliseconds(1500);
    let new = NewItem {
        kind: ItemKind::Announcement,
        channel_id: NEWS,
        role_id: None,
        allow_everyone: false,
        title: "Soon".into(),
        body: "In a moment.".into(),
        image_url: None,
        due_at: due,
        session_id: None,
    };
    let t0 = Instant::now();
    bot.store
        .call(move |s| s.insert_item(&new, "test", Utc::now()))
        .await
        .unwrap();
    bot.wake_scheduler();
    let post = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path == format!("/api/v10/channels/{NEWS}/messages")
        })
        .await
        .expect("posted at its time");
    let after = post.at.duration_since(t0);
    // Stored times have whole seconds: due is within [1.5 s - 1 s, 1.5 s].
    assert!(after >= Duration::from_millis(450), "too early: {after:?}");
    assert!(after <= Duration::from_millis(3000), "too late: {after:?}");
    check_message(&post.body);
    assert_eq!(
        posts_to(&fake, NEWS).len(),
        1,
        "the cancelled one never went out"
    );
    bot.shutdown().await;
}

/// The fixture with its event moved two years ahead (so sessions are in the future),
/// written where `/kb reload` can read it.
fn future_knowledge(dir: &Path, tweak: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(fixture_path())
        .unwrap()
        .replace("2025-10-2", "2027-10-2");
    let p = dir.join("knowledge.toml");
    std::fs::write(&p, tweak(text)).unwrap();
    p
}

async fn reload(fake: &Fake) -> Value {
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
    check_message(&r.body);
    r.body
}

async fn signing_reminders(bot: &RunningBot) -> Vec<hanoi_bot::store::Item> {
    bot.store
        .call(|s| s.reminders_for("signing-session"))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_refuses_a_broken_file_and_reminders_follow_a_moved_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = future_knowledge(dir.path(), |t| t);
    let mut cfg = config();
    cfg.reminders.channel = Some(NEWS);
    let (fake, bot) = start_with(cfg, Knowledge::load(&path).unwrap()).await;
    // 10:00 in Hanoi (UTC+7) on 25 October 2027, reminded 10 minutes before.
    let at = |h: u32, m: u32| {
        chrono::NaiveDate::from_ymd_opt(2027, 10, 25)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
            .and_utc()
    };
    let r = signing_reminders(&bot).await;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].due_at, at(2, 50));
    assert!(
        r[0].body
            .starts_with("2027-10-25 10:00 (UTC+07:00)–11:30 · National Convention Centre"),
        "the stored summary has times in the event's zone: {}",
        r[0].body
    );
    // A broken file: refused with its problems and lines; the old knowledge stays.
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("start = \"10:00\"", "start = \"25:00\"\nspeaker = 1"),
    )
    .unwrap();
    let body = reload(&fake).await;
    let text = texts(&body);
    assert!(text.contains("Knowledge not reloaded"), "{text}");
    assert!(
        text.contains("Line "),
        "problems come with their line: {text}"
    );
    assert_eq!(
        signing_reminders(&bot).await[0].due_at,
        at(2, 50),
        "nothing moved"
    );
    // The session moves to 11:00: its pending reminder follows.
    future_knowledge(dir.path(), |t| {
        t.replace("start = \"10:00\"", "start = \"11:00\"")
    });
    let text = texts(&reload(&fake).await);
    assert!(text.contains("Knowledge reloaded"), "{text}");
    let r = signing_reminders(&bot).await;
    let open: Vec<_> = r.iter().filter(|i| i.state == ItemState::Pending).collect();
    assert_eq!(open.len(), 1, "{r:?}");
    assert_eq!(open[0].due_at, at(3, 50));
    // Cancelled: its reminder is dropped.
    future_knowledge(dir.path(), |t| {
        t.replace(
            "id = \"signing-session\"",
            "id = \"signing-session\"\ncancelled = true",
        )
    });
    assert!(texts(&reload(&fake).await).contains("Knowledge reloaded"));
    let r = signing_reminders(&bot).await;
    assert!(r.iter().all(|i| i.state != ItemState::Pending), "{r:?}");
    // `/reminders off` is remembered.
    let id = fake.id();
    let opts = json!([{"name": "off", "type": 1, "options": []}]);
    let body = interact(
        &fake,
        command_by(id, "reminders", opts, json!({}), moderator()),
    )
    .await;
    assert!(texts(&body["data"]).contains("off"), "{body}");
    let (on, audit) = bot
        .store
        .call(|s| Ok((s.reminders_enabled(true)?, s.audit_list(20)?)))
        .await
        .unwrap();
    assert!(!on);
    assert_eq!(
        audit.iter().filter(|a| a.action == "kb.reload").count(),
        3,
        "{audit:?}"
    );
    assert!(audit.iter().any(|a| a.action == "reminders"));
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_and_unanswered_questions_reach_the_curators() {
    let (fake, bot) = start(config()).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_missed_while_down_is_reported_in_the_log_channel_not_posted() {
    const LOG: u64 = 4_400;
    let mut cfg = config();
    cfg.announcements.log_channel = Some(LOG);
    // Due two hours ago, while the bot was "down"; the grace window is 30 minutes.
    {
        let store = hanoi_bot::store::Store::open(Path::new(&cfg.storage.path)).unwrap();
        let new = NewItem {
            kind: ItemKind::Announcement,
            channel_id: NEWS,
            role_id: Some(PING_ROLE),
            allow_everyone: false,
            title: "Yesterday's news".into(),
            body: "Too late.".into(),
            image_url: None,
            due_at: Utc::now() - Span::hours(2),
            session_id: None,
        };
        store.insert_item(&new, "test", Utc::now()).unwrap();
    }
    let (fake, bot) = start(cfg).await;
    let line = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path == format!("/api/v10/channels/{LOG}/messages")
        })
        .await
        .expect("a line in the moderators' log channel");
    check_message(&line.body);
    let text = line.body["content"].as_str().unwrap();
    assert!(text.starts_with("Missed announcement #1"), "{text}");
    let item = bot.store.call(|s| s.item(1)).await.unwrap().unwrap();
    assert_eq!(item.state, ItemState::Missed);
    assert!(
        posts_to(&fake, NEWS).is_empty(),
        "a missed post is not sent"
    );
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_watcher_reloads_an_edited_file_and_reports_in_the_log_channel() {
    const LOG: u64 = 4_400;
    let dir = tempfile::tempdir().unwrap();
    let path = future_knowledge(dir.path(), |t| t);
    let mut cfg = config();
    cfg.reminders.channel = Some(NEWS);
    cfg.announcements.log_channel = Some(LOG);
    cfg.curation.watch_knowledge = true;
    cfg.curation.watch_secs = 1;
    let (fake, bot) = start_with(cfg, Knowledge::load(&path).unwrap()).await;
    let log_lines = |fake: &Fake| -> Vec<String> {
        fake.posted(LOG)
            .iter()
            .map(|m| m["content"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // A broken edit: reported with its problems, nothing changes.
    std::fs::write(&path, "version = \"broken\"\n[[qa]]\nid = 5\n").unwrap();
    let deadline = Instant::now() + WAIT;
    while !log_lines(&fake).iter().any(|l| l.contains("NOT loaded")) {
        assert!(
            Instant::now() < deadline,
            "no log line: {:?}",
            log_lines(&fake)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A good edit moving the signing session: loaded, and its reminder follows.
    future_knowledge(dir.path(), |t| {
        t.replace("start = \"10:00\"", "start = \"11:00\"")
    });
    let deadline = Instant::now() + WAIT;
    let moved = loop {
        let r = signing_reminders(&bot).await;
        if let Some(open) = r.iter().find(|i| i.state == ItemState::Pending) {
            if open.due_at.format("%H:%M").to_string() == "03:50" {
                break true;
            }
        }
        if Instant::now() > deadline {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(moved, "{:?}", signing_reminders(&bot).await);
    let lines = log_lines(&fake);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Knowledge file changed on disk: ")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("1 moved")), "{lines:?}");
    bot.shutdown().await;
}
