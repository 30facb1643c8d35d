//! Forged interactions: a form submitted or a preview button pressed by someone other
//! than the moderator who opened it, pings of roles a moderator may not ping, votes on
//! entries that do not exist. Each is refused privately and nothing changes.

use crate::fake_discord::*;
use serde_json::json;
use std::time::Duration;

/// A member with no moderator role, who knows the ids (they are in the payloads).
fn stranger() -> serde_json::Value {
    member_with(USER_ID, &[], 0)
}

fn refused_privately(body: &serde_json::Value) {
    assert_eq!(
        body["type"], 4,
        "a new private message, not an update: {body}"
    );
    assert!(ephemeral(body), "{body}");
    assert!(
        texts(&body["data"]).contains("Only the moderator who opened"),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_form_and_presses_are_refused_and_change_nothing() {
    let (fake, bot) = start_moderated(moderation_config()).await;
    let (cmd, d) = announce(&fake, "post", json!([]), json!({}), moderator());
    let form = interact(&fake, d).await;
    let modal_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    // Someone else submits the moderator's form first.
    let forged = [
        ("title", "Free crypto"),
        ("body", "Click here."),
        ("image", ""),
    ];
    let body = interact(
        &fake,
        modal_submit(fake.id(), &modal_id, &forged, stranger(), None),
    )
    .await;
    refused_privately(&body);
    // The moderator's own text makes the preview.
    let submit = fake.id();
    let body = interact(
        &fake,
        modal_submit(submit, &modal_id, DOORS, moderator(), None),
    )
    .await;
    let text = texts(&body["data"]);
    assert!(text.contains("Doors open at 07:30"), "{text}");
    assert!(!text.contains("crypto"), "{text}");
    // Someone else presses Confirm, Edit and Cancel on it.
    let msg = preview_message(&fake);
    for action in ["confirm", "edit", "cancel"] {
        let body = interact(
            &fake,
            button_by(
                fake.id(),
                &format!("ann:{cmd}:{action}"),
                msg.clone(),
                stranger(),
            ),
        )
        .await;
        refused_privately(&body);
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    let items = bot.store.call(|s| s.list_items(true)).await.unwrap();
    assert!(items.is_empty(), "{items:?}");
    // The moderator's flow is still theirs: Confirm posts their text.
    let press = fake.id();
    let body = interact(
        &fake,
        button_by(press, &format!("ann:{cmd}:confirm"), msg, moderator()),
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    let post = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path == format!("/api/v10/channels/{NEWS}/messages")
        })
        .await
        .expect("posted");
    assert_eq!(post.body["embeds"][0]["title"], "Doors open");
    let items = bot.store.call(|s| s.list_items(true)).await.unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0].created_by.contains(&MODERATOR.to_string()));
    bot.shutdown().await;
}

/// The preview of `/announce post` pinging `role`, by `member`.
async fn preview_pinging(fake: &Fake, role: u64, member: serde_json::Value) -> String {
    let resolved = json!({"roles": {role.to_string(): resolved_role(role, "some role")}});
    let options = json!([{"name": "role", "type": 8, "value": role.to_string()}]);
    let (_, d) = announce(fake, "post", options, resolved, member.clone());
    let form = interact(fake, d).await;
    assert_eq!(form["type"], 9, "{form}");
    let modal_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    let body = interact(
        fake,
        modal_submit(fake.id(), &modal_id, DOORS, member, None),
    )
    .await;
    let ids = button_ids(&body["data"]);
    let text = texts(&body["data"]);
    if ids.iter().any(|i| i.ends_with(":confirm")) {
        format!("CONFIRMABLE {text}")
    } else {
        text
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_roles_of_the_server_the_moderator_could_mention_may_be_pinged() {
    const HIDDEN: u64 = 6_050;
    const MENTION_EVERYONE: u64 = 1 << 17;
    let (fake, bot) = start_moderated(moderation_config()).await;
    fake.add_role_with(HIDDEN, "staff", false);
    // The guild id is the @everyone role.
    let text = preview_pinging(&fake, GUILD_ID, moderator()).await;
    assert!(
        !text.starts_with("CONFIRMABLE") && text.contains("@everyone"),
        "{text}"
    );
    // A role id that is not one of this server's roles.
    let text = preview_pinging(&fake, 987_654, moderator()).await;
    assert!(
        !text.starts_with("CONFIRMABLE") && text.contains("not a role of this server"),
        "{text}"
    );
    // A role not mentionable, by a moderator without Mention Everyone.
    let text = preview_pinging(&fake, HIDDEN, moderator()).await;
    assert!(
        !text.starts_with("CONFIRMABLE") && text.contains("cannot mention"),
        "{text}"
    );
    // ... and with it: allowed, as Discord would let them ping it themselves.
    let powerful = member_with(MODERATOR, &[MOD_ROLE], MENTION_EVERYONE);
    let text = preview_pinging(&fake, HIDDEN, powerful).await;
    assert!(text.starts_with("CONFIRMABLE"), "{text}");
    // A mentionable role of the server: allowed.
    let text = preview_pinging(&fake, PING_ROLE, moderator()).await;
    assert!(text.starts_with("CONFIRMABLE"), "{text}");
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_on_entries_that_do_not_exist_are_not_stored() {
    let (fake, bot) = start_moderated(moderation_config()).await;
    let answer = message_json(fake.id(), CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    for id in ["fb:up:<anything>", "fb:down:'); DROP TABLE x;--", "fb:up:"] {
        let body = interact(&fake, button_by(fake.id(), id, answer.clone(), stranger())).await;
        assert!(ephemeral(&body), "{body}");
        assert!(
            texts(&body["data"]).contains("not recorded"),
            "{id}: {body}"
        );
    }
    let body = interact(
        &fake,
        button_by(fake.id(), "fb:up:signing-date", answer, stranger()),
    )
    .await;
    assert!(texts(&body["data"]).contains("Thanks"), "{body}");
    let votes = bot.store.call(|s| s.feedback()).await.unwrap();
    assert_eq!(votes.len(), 1, "{votes:?}");
    assert_eq!(votes[0].entry_id, "signing-date");
    bot.shutdown().await;
}
