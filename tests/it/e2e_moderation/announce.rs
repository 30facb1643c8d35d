//! Announcements end to end: the form, the preview and Confirm, Edit and Cancel, a
//! scheduled post, and a post missed while the bot was down.

use crate::fake_discord::*;
use chrono::{Duration as Span, Utc};
use hanoi_bot::store::{ItemKind, ItemState, NewItem};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preview_then_confirm_posts_once_pinging_only_the_chosen_role() {
    let (fake, bot) = start_moderated(moderation_config()).await;
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
async fn edit_reopens_the_form_with_the_text_and_cancel_posts_nothing() {
    let (fake, bot) = start_moderated(moderation_config()).await;
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
async fn scheduled_posts_wait_for_their_time_and_can_be_cancelled() {
    let (fake, bot) = start_moderated(moderation_config()).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_missed_while_down_is_reported_in_the_log_channel_not_posted() {
    const LOG: u64 = 4_400;
    let mut cfg = moderation_config();
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
    let (fake, bot) = start_moderated(cfg).await;
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
