//! One item that cannot be posted (an id of 0 stored before ids were checked, a
//! platform that panics) is marked failed and reported; the loop goes on.

use crate::scheduler_fake::{handle, utc, FakeDiscord};
use chrono::Duration;
use hanoi_bot::schedule::{Event, Outgoing, PostError, Poster, Scheduler, TokioClock};
use hanoi_bot::store::{AsyncStore, Item, ItemKind, ItemState, NewItem, Store};
use std::sync::Arc;
use tokio::sync::mpsc;

/// Panics on every post to channel 0, as `ChannelId::new(0)` did; posts the rest.
struct Panicky(Arc<FakeDiscord>);

impl Poster for Panicky {
    async fn post(&self, out: &Outgoing) -> Result<u64, PostError> {
        assert!(out.item.channel_id != 0, "ChannelId::new(0)");
        self.0.post(out).await
    }

    async fn find_posted(&self, item: &Item) -> Result<Option<u64>, PostError> {
        assert!(item.channel_id != 0, "ChannelId::new(0)");
        self.0.find_posted(item).await
    }
}

fn item(channel: u64, title: &str, due: chrono::DateTime<chrono::Utc>) -> NewItem {
    NewItem {
        kind: ItemKind::Announcement,
        channel_id: channel,
        role_id: None,
        allow_everyone: false,
        title: title.into(),
        body: "text".into(),
        image_url: None,
        due_at: due,
        session_id: None,
    }
}

#[tokio::test(start_paused = true)]
async fn a_panicking_post_is_failed_and_reported_and_later_items_still_go_out() {
    let t0 = utc(2025, 10, 24, 12, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let store = AsyncStore::new(Store::in_memory().unwrap());
    let (bad, stuck, good) = store
        .blocking(|s| {
            let bad = s.insert_item(&item(0, "zero", t0 + Duration::minutes(1)), "t", t0)?;
            // Left `attempting` by an earlier run that died on it.
            let stuck = s.insert_item(&item(0, "stuck", t0), "t", t0)?;
            s.mark_attempting(stuck.id, t0)?;
            let good = s.insert_item(&item(100, "later", t0 + Duration::minutes(2)), "t", t0)?;
            Ok::<_, hanoi_bot::store::StoreError>((bad, stuck, good))
        })
        .unwrap();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sched = Scheduler::new(
        store.clone(),
        Arc::new(Panicky(discord.clone())),
        Arc::new(clock),
        handle(),
    )
    .events(tx)
    .spawn();
    tokio::time::sleep(std::time::Duration::from_secs(180)).await;
    let state = |id| store.blocking(|s| s.item(id)).unwrap().unwrap();
    assert_eq!(state(bad.id).state, ItemState::Failed);
    assert_eq!(state(stuck.id).state, ItemState::Failed);
    assert_eq!(state(good.id).state, ItemState::Posted, "the loop went on");
    assert_eq!(discord.messages().len(), 1);
    let mut failed = Vec::new();
    while let Ok(e) = rx.try_recv() {
        if let Event::Failed { item, error } = &e {
            assert!(e.log_line().is_some(), "reported in the log channel");
            failed.push((item.id, error.to_string()));
        }
    }
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed.iter().all(|(_, e)| e.contains("ChannelId::new(0)")),
        "{failed:?}"
    );
    sched.stop().await;
}

#[tokio::test]
async fn the_discord_poster_refuses_an_id_of_zero_without_a_request() {
    // Nothing listens there: a request would fail as transient, not as refused.
    let http = hanoi_bot::discord::build_http("token", Some("http://127.0.0.1:9")).unwrap();
    let poster = hanoi_bot::discord::poster::DiscordPoster::new(Arc::new(http));
    let t0 = utc(2025, 10, 24, 12, 0);
    let store = Store::in_memory().unwrap();
    let mut it = store.insert_item(&item(0, "zero", t0), "t", t0).unwrap();
    let out = Outgoing {
        reply: hanoi_bot::schedule::item_reply(&it),
        mentions: Default::default(),
        item: it.clone(),
    };
    let e = poster.post(&out).await.unwrap_err();
    assert!(e.is_permanent(), "{e:?}");
    assert!(poster.find_posted(&it).await.unwrap_err().is_permanent());
    // A role of 0 in an item stored before roles were checked: refused too.
    it.channel_id = 100;
    it.role_id = Some(0);
    let out = Outgoing {
        reply: hanoi_bot::schedule::item_reply(&it),
        mentions: hanoi_bot::schedule::Mentions {
            role: Some(0),
            everyone: false,
        },
        item: it,
    };
    assert!(poster.post(&out).await.unwrap_err().is_permanent());
}
