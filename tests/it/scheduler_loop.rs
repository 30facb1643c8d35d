//! The posting loop on tokio's paused clock with a fake Discord: posts at the right
//! instant and not before, role-only pings, cancel, wake on new items, restart after
//! downtime (late within grace, missed past it), failures.

use crate::scheduler_fake::{config, handle, utc, FakeDiscord};
use chrono::Duration;
use hanoi_bot::schedule::{
    add_announcement, cancel, Draft, Event, Exit, PostError, Scheduler, TokioClock,
};
use hanoi_bot::store::{AsyncStore, ItemState, Store};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::time::sleep;

fn hanoi() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).unwrap()
}

fn draft(title: &str) -> Draft {
    Draft {
        role_id: Some(55),
        title: title.into(),
        body: "Body text mentioning @everyone, which must not ping.".into(),
        ..Default::default()
    }
}

fn secs(n: u64) -> std::time::Duration {
    std::time::Duration::from_secs(n)
}

#[tokio::test(start_paused = true)]
async fn posts_at_the_due_instant_not_before_and_pings_only_the_role() {
    let t0 = utc(2025, 10, 24, 12, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let store = AsyncStore::new(Store::in_memory().unwrap());
    let item = store
        .blocking(|s| {
            add_announcement(
                s,
                &config(),
                draft("Doors"),
                Some("in 1h"),
                hanoi(),
                "mod#1",
                t0,
            )
        })
        .unwrap();
    assert_eq!(item.due_at, t0 + Duration::hours(1));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sched = Scheduler::new(store.clone(), discord.clone(), Arc::new(clock), handle())
        .events(tx)
        .spawn();
    sleep(secs(3599)).await;
    assert!(discord.messages().is_empty(), "posted before its time");
    sleep(secs(2)).await;
    let m = discord.messages();
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].at,
        t0 + Duration::hours(1),
        "posted at the due instant"
    );
    assert_eq!(m[0].mentions.role, Some(55));
    assert!(!m[0].mentions.everyone, "text never pings @everyone");
    assert_eq!(m[0].nonce, item.nonce);
    let posted = store.blocking(|s| s.item(item.id)).unwrap().unwrap();
    assert_eq!(posted.state, ItemState::Posted);
    assert_eq!(posted.posted_message_id, Some(m[0].id));
    match rx.recv().await.unwrap() {
        Event::Posted { late, .. } => assert_eq!(late, Duration::zero()),
        e => panic!("{e:?}"),
    }
    assert_eq!(sched.stop().await, Exit::Stopped);
    let audit = store.blocking(|s| s.audit_list(5)).unwrap();
    assert_eq!(audit[0].who, "mod#1");
    assert_eq!(audit[0].action, "announce.schedule");
}

#[tokio::test(start_paused = true)]
async fn a_new_item_wakes_the_loop_and_a_cancelled_one_is_never_posted() {
    let t0 = utc(2025, 10, 24, 12, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let store = AsyncStore::new(Store::in_memory().unwrap());
    let sched = Scheduler::new(store.clone(), discord.clone(), Arc::new(clock), handle()).spawn();
    sleep(secs(1)).await;
    let now = t0 + Duration::seconds(1);
    let (a, b) = store.blocking(|s| {
        let a =
            add_announcement(s, &config(), draft("A"), Some("in 10m"), hanoi(), "m", now).unwrap();
        let b =
            add_announcement(s, &config(), draft("B"), Some("in 20m"), hanoi(), "m", now).unwrap();
        (a, b)
    });
    sched.wake();
    let msg = store.blocking(|s| cancel(s, b.id, "mod#2", now)).unwrap();
    assert_eq!(msg, format!("Scheduled post #{} is cancelled.", b.id));
    sched.wake();
    sleep(secs(3600)).await;
    let m = discord.messages();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].item, a.id);
    assert_eq!(m[0].at, a.due_at);
    let again = store.blocking(|s| cancel(s, a.id, "mod#2", now)).unwrap();
    assert!(again.contains("already posted"), "{again}");
    sched.stop().await;
}

#[tokio::test(start_paused = true)]
async fn after_downtime_late_items_post_within_grace_and_older_ones_are_missed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    let t0 = utc(2025, 10, 24, 12, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let (soon, later) = {
        let s = Store::open(&path).unwrap();
        let soon = add_announcement(
            &s,
            &config(),
            draft("Soon"),
            Some("in 5m"),
            hanoi(),
            "m",
            t0,
        )
        .unwrap();
        let later = add_announcement(
            &s,
            &config(),
            draft("Later"),
            Some("in 50m"),
            hanoi(),
            "m",
            t0,
        )
        .unwrap();
        (soon, later)
    };
    // The bot is down from t0 to t0 + 60 min: "Soon" is 55 min late (grace: 30), "Later" 10.
    sleep(secs(3600)).await;
    let store = AsyncStore::new(Store::open(&path).unwrap());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sched = Scheduler::new(store.clone(), discord.clone(), Arc::new(clock), handle())
        .events(tx)
        .spawn();
    sleep(secs(1)).await;
    let m = discord.messages();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].item, later.id);
    let s = store.blocking(|s| s.item(soon.id)).unwrap().unwrap();
    assert_eq!(s.state, ItemState::Missed);
    let mut lines = Vec::new();
    while let Ok(e) = rx.try_recv() {
        lines.extend(e.log_line().map(|l| l.render(|t, _| t.to_rfc3339())));
    }
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Missed announcement") && l.contains("“Soon”")));
    assert!(lines
        .iter()
        .any(|l| l.contains("“Later”") && l.contains("10 minutes late")));
    sched.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_gone_channel_fails_once_and_a_transient_error_is_retried() {
    let t0 = utc(2025, 10, 24, 12, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, false);
    discord.fail_next(100, vec![PostError::Transient("502".into())]);
    discord.fail_next(300, vec![PostError::ChannelGone]);
    let store = AsyncStore::new(Store::in_memory().unwrap());
    let (ok, gone) = store.blocking(|s| {
        let ok = add_announcement(
            s,
            &config(),
            draft("Retry"),
            Some("in 1m"),
            hanoi(),
            "m",
            t0,
        )
        .unwrap();
        let mut d = draft("Gone");
        d.channel_id = Some(300);
        let gone = add_announcement(s, &config(), d, Some("in 1m"), hanoi(), "m", t0).unwrap();
        (ok, gone)
    });
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sched = Scheduler::new(store.clone(), discord.clone(), Arc::new(clock), handle())
        .events(tx)
        .spawn();
    sleep(secs(600)).await;
    let m = discord.messages();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].item, ok.id);
    assert_eq!(
        m[0].at,
        ok.due_at + Duration::seconds(60),
        "retried after 60 s"
    );
    let g = store.blocking(|s| s.item(gone.id)).unwrap().unwrap();
    assert_eq!(g.state, ItemState::Failed);
    assert_eq!(
        g.last_error.as_deref(),
        Some("the channel no longer exists")
    );
    let mut lines = Vec::new();
    while let Ok(e) = rx.try_recv() {
        lines.extend(e.log_line().map(|l| l.render(|t, _| t.to_rfc3339())));
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Could not post") && l.contains("no longer exists")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Posting") && l.contains("retrying")),
        "{lines:?}"
    );
    sched.stop().await;
}
