//! The Discord [`Poster`] alone against the fake Discord: what a reminder looks like on
//! the wire, crossposting, error mapping, and finding a post again after a crash among
//! more messages than one page holds.

use crate::fake_discord::*;
use chrono::{Duration as Span, Utc};
use hanoi_bot::answers::Desk;
use hanoi_bot::config::Config;
use hanoi_bot::discord::{build_http, poster::DiscordPoster};
use hanoi_bot::schedule::{reminder_reply, Mentions, Outgoing, PostError, Poster};
use hanoi_bot::store::{Item, ItemKind, ItemState};
use std::sync::Arc;

const TEXT: u64 = 4_200;

fn poster(fake: &Fake) -> DiscordPoster {
    DiscordPoster::new(Arc::new(
        build_http("fake-token", Some(&fake.base)).unwrap(),
    ))
}

fn item(channel: u64, kind: ItemKind, nonce: &str) -> Item {
    let now = Utc::now();
    Item {
        id: 1,
        kind,
        channel_id: channel,
        role_id: None,
        allow_everyone: false,
        title: "t".into(),
        body: "b".into(),
        image_url: None,
        due_at: now,
        state: ItemState::Attempting,
        attempts: 0,
        attempt_started_at: Some(now),
        not_before: None,
        posted_message_id: None,
        posted_at: None,
        last_error: None,
        created_by: "test".into(),
        created_at: now,
        session_id: Some("signing-session".into()),
        nonce: nonce.into(),
    }
}

fn desk() -> Desk {
    Desk::new(fixture(), Config::embedded())
}

#[tokio::test]
async fn a_reminder_is_an_embed_with_a_timestamp_venue_and_no_pings() {
    let fake = Fake::start().await;
    fake.add_channel(TEXT, false);
    let desk = desk();
    let session = desk.knowledge.session("signing-session").unwrap();
    let out = Outgoing {
        reply: reminder_reply(&desk, session),
        mentions: Mentions::default(),
        item: item(TEXT, ItemKind::Reminder, "hb-00000000000000aa"),
    };
    let id = poster(&fake).post(&out).await.expect("posted");
    let sent = fake.posted(TEXT);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["id"], id.to_string());
    let req = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path.ends_with(&format!("/channels/{TEXT}/messages")))
        .unwrap();
    check_message(&req.body);
    let e = &req.body["embeds"][0];
    assert_eq!(e["title"], "Starting soon: Signing session");
    let text = e["description"].as_str().unwrap();
    assert!(text.contains("<t:"), "times are Discord timestamps: {text}");
    assert!(text.contains("National Convention Centre"), "{text}");
    assert!(
        e["footer"]["text"]
            .as_str()
            .unwrap()
            .ends_with("ref hb-00000000000000aa"),
        "{e}"
    );
    assert!(req.body["content"].is_null(), "a reminder pings nobody");
    assert!(
        !fake
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/crosspost")),
        "a text channel is not crossposted"
    );
}

#[tokio::test]
async fn failures_map_to_what_the_scheduler_can_act_on() {
    let fake = Fake::start().await;
    let p = poster(&fake);
    let out = |c: u64| Outgoing {
        reply: hanoi_bot::schedule::announcement_reply("t", "b"),
        mentions: Mentions::default(),
        item: item(c, ItemKind::Announcement, "hb-00000000000000bb"),
    };
    fake.add_channel(4_300, false);
    fake.delete_channel(4_300);
    assert_eq!(p.post(&out(4_300)).await, Err(PostError::ChannelGone));
    fake.add_channel(4_400, false);
    fake.deny_send(4_400);
    assert!(matches!(
        p.post(&out(4_400)).await,
        Err(PostError::MissingPermissions(_))
    ));
    fake.fail_posts(1);
    assert!(matches!(
        p.post(&out(TEXT)).await,
        Err(PostError::Transient(_))
    ));
    assert!(
        p.post(&out(TEXT)).await.is_ok(),
        "the next try goes through"
    );
}

#[tokio::test]
async fn a_post_is_found_again_among_many_later_messages() {
    let fake = Fake::start().await;
    fake.add_channel(NEWS, true);
    let p = poster(&fake);
    let mut it = item(NEWS, ItemKind::Announcement, "hb-feedfacefeedface");
    it.attempt_started_at = Some(Utc::now() - Span::seconds(1));
    assert_eq!(p.find_posted(&it).await, Ok(None), "nothing yet");
    let filler = |n: u64| Outgoing {
        reply: hanoi_bot::schedule::announcement_reply("other", "b"),
        mentions: Mentions::default(),
        item: item(NEWS, ItemKind::Announcement, &format!("hb-{n:016x}")),
    };
    for n in 0..130 {
        p.post(&filler(n)).await.unwrap();
    }
    let ours = Outgoing {
        reply: hanoi_bot::schedule::announcement_reply("ours", "b"),
        mentions: Mentions::default(),
        item: it.clone(),
    };
    let id = p.post(&ours).await.unwrap();
    for n in 200..230 {
        p.post(&filler(n)).await.unwrap();
    }
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.path.ends_with("/crosspost")),
        "an announcement channel's posts are published"
    );
    assert_eq!(
        p.find_posted(&it).await,
        Ok(Some(id)),
        "found on the second page"
    );
}
