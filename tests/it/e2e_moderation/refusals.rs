//! What moderators cannot do, and what no one can: refused commands and bad input,
//! explained, with nothing half done.

use crate::fake_discord::*;
use hanoi_bot::store::ItemState;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_moderators_are_refused_and_nothing_happens() {
    let (fake, bot) = start_moderated(moderation_config()).await;
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
async fn bad_times_channels_urls_and_permissions_are_explained_and_nothing_is_half_done() {
    let (fake, bot) = start_moderated(moderation_config()).await;
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
