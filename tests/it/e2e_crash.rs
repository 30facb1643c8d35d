//! Exactly once, with real kills: the `hanoi-bot run` process is killed with SIGKILL
//! at each step of posting in turn, against the fake Discord, and restarted on the same
//! database. The fake holds its answers so the kill lands exactly where wanted:
//!
//! 1. while the bot reads the channel (attempt recorded, nothing sent yet; the other
//!    items still pending, before their attempt);
//! 2. while Discord "answers" the post (the message exists, the bot never learnt it);
//! 3. after everything was recorded as posted.
//!
//! At the end every item was posted exactly once: the restarted bot found the message
//! of step 2 by the `ref` marker in its footer instead of sending it again.

use crate::fake_discord::*;
use chrono::Utc;
use hanoi_bot::store::{ItemKind, ItemState, NewItem, Store};
use std::time::Duration;

/// How long one step of a round may take (a start of the binary included).
const STEP_WAIT: Duration = Duration::from_secs(20);
const HOLD: Option<Duration> = Some(Duration::from_secs(120));
const ROUNDS: usize = 5;
const ITEMS: usize = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_each_posting_step_nothing_is_lost_or_doubled() {
    let fake = Fake::start().await;
    fake.add_channel(NEWS, true);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    std::fs::write(
        dir.path().join("bot.toml"),
        format!(
            "[storage]\npath = {:?}\n[announcements]\nchannel = {NEWS}\n[reminders]\nenabled = false\n[curation]\nwatch_knowledge = false\n",
            db.display().to_string()
        ),
    )
    .unwrap();
    let insert = |round: usize| {
        let store = Store::open(&db).unwrap();
        for n in 1..=ITEMS {
            let new = NewItem {
                kind: ItemKind::Announcement,
                channel_id: NEWS,
                role_id: None,
                allow_everyone: false,
                title: format!("Round {round}, announcement {n}"),
                body: "Exactly once.".into(),
                image_url: None,
                due_at: Utc::now(),
                session_id: None,
            };
            store.insert_item(&new, "test", Utc::now()).unwrap();
        }
    };
    let gets = |f: &Fake| {
        f.requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path == format!("/api/v10/channels/{NEWS}"))
            .count()
    };
    let posts = |f: &Fake| {
        f.requests()
            .iter()
            .filter(|r| {
                r.method == "POST" && r.path == format!("/api/v10/channels/{NEWS}/messages")
            })
            .count()
    };

    let mut kills = 0;
    for round in 0..ROUNDS {
        insert(round);
        let (gets0, posted0) = (gets(&fake), fake.posted(NEWS).len());

        // 1. Killed after recording the attempt, before sending (the other items of
        //    the round are still before their attempt).
        fake.hold_channel_gets(HOLD);
        let mut child = spawn_bot(&fake, dir.path());
        until(STEP_WAIT, "the bot reads the channel", || {
            gets(&fake) > gets0
        })
        .await;
        kill(&mut child).await;
        kills += 1;
        let s = item_states(&db);
        let attempting: Vec<_> = s.iter().filter(|i| i.0 == ItemState::Attempting).collect();
        assert_eq!(attempting.len(), 1, "{s:?}");
        let first = attempting[0].2.clone();
        assert_eq!(
            s.iter().filter(|i| i.0 == ItemState::Pending).count(),
            ITEMS - 1,
            "{s:?}"
        );
        assert_eq!(fake.posted(NEWS).len(), posted0);

        // 2. Killed after Discord created the message, before the bot heard back.
        fake.hold_channel_gets(None);
        fake.hold_posts(HOLD);
        let mut child = spawn_bot(&fake, dir.path());
        until(STEP_WAIT, "the first post reaches Discord", || {
            fake.posted(NEWS).len() == posted0 + 1
        })
        .await;
        kill(&mut child).await;
        kills += 1;
        let s = item_states(&db);
        assert!(
            s.iter()
                .any(|i| i.2 == first && i.0 == ItemState::Attempting),
            "sent but not recorded: {s:?}"
        );

        // 3. Restart: the first is recognised, the others posted; killed once all is
        //    recorded.
        fake.hold_posts(None);
        let mut child = spawn_bot(&fake, dir.path());
        until(STEP_WAIT, "every item posted", || {
            item_states(&db).iter().all(|i| i.0 == ItemState::Posted)
        })
        .await;
        kill(&mut child).await;
        kills += 1;
    }

    // 4. One more start: nothing left to do.
    let mut child = spawn_bot(&fake, dir.path());
    let before = fake.requests().len();
    until(STEP_WAIT, "the restarted bot connects", || {
        fake.requests()[before..]
            .iter()
            .any(|r| r.method == "PUT" && r.path.ends_with("/commands"))
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    kill(&mut child).await;

    let posted = fake.posted(NEWS);
    let s = item_states(&db);
    let lost = s.iter().filter(|i| i.0 != ItemState::Posted).count();
    let mut doubled = 0;
    for (_, message, nonce) in &s {
        let marker = format!("ref {nonce}");
        let copies: Vec<_> = posted
            .iter()
            .filter(|m| {
                m["embeds"][0]["footer"]["text"]
                    .as_str()
                    .is_some_and(|f| f.ends_with(&marker))
            })
            .collect();
        doubled += copies.len().saturating_sub(1);
        assert_eq!(copies.len(), 1, "{nonce}: {copies:?}");
        assert_eq!(
            copies[0]["id"].as_str().unwrap().parse::<u64>().ok(),
            *message,
            "the recorded message is the one Discord has"
        );
    }
    eprintln!(
        "real kills: {} items, {kills} SIGKILLs (after attempt, after send, after posted, {ROUNDS} rounds), {lost} lost, {doubled} doubled, {} POSTs",
        s.len(),
        posts(&fake)
    );
    assert_eq!((lost, doubled), (0, 0));
    assert_eq!(s.len(), ROUNDS * ITEMS);
    assert_eq!(posts(&fake), ROUNDS * ITEMS, "one POST per item");
}
