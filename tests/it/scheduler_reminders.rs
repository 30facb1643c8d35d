//! Session reminders follow the knowledge file: created for timed sessions, moved when
//! a session's time changes, dropped when it is cancelled or reminders are turned off,
//! and posted `lead_minutes` before the start with the session's time, venue, people.

use crate::scheduler_fake::{config, desk_from, utc, FakeDiscord};
use chrono::Duration;
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::reply::Span;
use hanoi_bot::schedule::{set_reminders, sync_reminders, Event, Scheduler, TokioClock};
use hanoi_bot::store::{AsyncStore, ItemState, Store};
use std::path::Path;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::time::sleep;

const VALID: &str = "tests/fixtures/valid.toml";

/// The valid fixture with `from` replaced by `to`, loaded from a temporary file.
fn variant(dir: &Path, name: &str, from: &str, to: &str) -> Desk {
    let text = std::fs::read_to_string(VALID).unwrap();
    assert!(text.contains(from), "fixture changed: {from:?} not found");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    desk_from(&path, config())
}

fn moved(dir: &Path) -> Desk {
    variant(
        dir,
        "moved.toml",
        "start = \"10:00\"\nend = \"11:30\"",
        "start = \"11:00\"\nend = \"12:30\"",
    )
}

fn cancelled(dir: &Path) -> Desk {
    variant(
        dir,
        "cancelled.toml",
        "description = \"States sign the convention.\"",
        "description = \"States sign the convention.\"\ncancelled = true",
    )
}

fn mins(n: u64) -> std::time::Duration {
    std::time::Duration::from_secs(60 * n)
}

// The signing session starts 2025-10-25 10:00 in Hanoi = 03:00 UTC; reminder at 02:50.

#[tokio::test(start_paused = true)]
async fn a_reminder_follows_a_moved_session() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = utc(2025, 10, 25, 2, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let handle = DeskHandle::new(desk_from(Path::new(VALID), config()));
    let store = AsyncStore::new(Store::in_memory().unwrap());
    let r = store
        .blocking(|s| sync_reminders(s, &handle.get(), t0))
        .unwrap();
    assert_eq!(
        r.created,
        vec!["signing-session"],
        "closing is cancelled, the banquet untimed"
    );
    let again = store
        .blocking(|s| sync_reminders(s, &handle.get(), t0))
        .unwrap();
    assert!(again.is_empty() && again.unchanged == 1, "{again:?}");

    handle.replace(moved(dir.path()));
    let r = store
        .blocking(|s| sync_reminders(s, &handle.get(), t0))
        .unwrap();
    assert_eq!(r.moved, vec!["signing-session"]);
    let items = store.blocking(|s| s.list_items(false)).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].due_at, utc(2025, 10, 25, 3, 50));
    assert_eq!(items[0].channel_id, 200);

    let sched = Scheduler::new(
        store.clone(),
        discord.clone(),
        Arc::new(clock),
        handle.clone(),
    )
    .spawn();
    sleep(mins(55)).await; // 02:55: the old time has passed
    assert!(discord.messages().is_empty(), "posted at the old time");
    sleep(mins(56)).await; // 03:51
    let m = discord.messages();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].at, utc(2025, 10, 25, 3, 50));
    assert_eq!(m[0].title, "Starting soon: Signing session");
    assert_eq!(m[0].channel, 200);
    assert_eq!(m[0].mentions.role, None);
    sched.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_session_loses_its_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = utc(2025, 10, 25, 2, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let handle = DeskHandle::new(desk_from(Path::new(VALID), config()));
    let store = AsyncStore::new(Store::in_memory().unwrap());
    store
        .blocking(|s| sync_reminders(s, &handle.get(), t0))
        .unwrap();
    handle.replace(cancelled(dir.path()));
    let r = store
        .blocking(|s| sync_reminders(s, &handle.get(), t0))
        .unwrap();
    assert_eq!(r.cancelled, vec!["signing-session"]);
    let all = store.blocking(|s| s.list_items(true)).unwrap();
    assert_eq!(all[0].state, ItemState::Cancelled);
    assert_eq!(
        all[0].last_error.as_deref(),
        Some("the session was cancelled")
    );
    let sched = Scheduler::new(store.clone(), discord.clone(), Arc::new(clock), handle).spawn();
    sleep(mins(120)).await;
    assert!(discord.messages().is_empty());
    sched.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_reload_racing_the_sync_never_posts_at_the_old_time() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = utc(2025, 10, 25, 2, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let handle = DeskHandle::new(desk_from(Path::new(VALID), config()));
    let store = AsyncStore::new(Store::in_memory().unwrap());
    store
        .blocking(|s| sync_reminders(s, &handle.get(), t0))
        .unwrap();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sched = Scheduler::new(
        store.clone(),
        discord.clone(),
        Arc::new(clock),
        handle.clone(),
    )
    .events(tx)
    .spawn();
    // The knowledge moves the session but the sync has not run when 02:50 comes.
    handle.replace(moved(dir.path()));
    sleep(mins(51)).await;
    assert!(discord.messages().is_empty());
    assert!(matches!(rx.try_recv(), Ok(Event::Dropped { .. })));
    let now = t0 + Duration::minutes(51);
    let r = store
        .blocking(|s| sync_reminders(s, &handle.get(), now))
        .unwrap();
    assert_eq!(r.created, vec!["signing-session"]);
    sched.wake();
    sleep(mins(60)).await;
    let m = discord.messages();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].at, utc(2025, 10, 25, 3, 50));
    sched.stop().await;
}

#[tokio::test(start_paused = true)]
async fn reminders_off_and_on_and_posted_ones_stay_posted() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = utc(2025, 10, 25, 2, 0);
    let clock = TokioClock::starting_at(t0);
    let discord = FakeDiscord::new(clock, true);
    let handle = DeskHandle::new(desk_from(Path::new(VALID), config()));
    let store = AsyncStore::new(Store::in_memory().unwrap());
    store.blocking(|s| {
        sync_reminders(s, &handle.get(), t0).unwrap();
        set_reminders(s, false, "mod#1", t0).unwrap();
        let r = sync_reminders(s, &handle.get(), t0).unwrap();
        assert_eq!(r.cancelled, vec!["signing-session"]);
        set_reminders(s, true, "mod#1", t0).unwrap();
        let r = sync_reminders(s, &handle.get(), t0).unwrap();
        assert_eq!(r.created, vec!["signing-session"]);
    });
    let sched = Scheduler::new(
        store.clone(),
        discord.clone(),
        Arc::new(clock),
        handle.clone(),
    )
    .spawn();
    sleep(mins(51)).await;
    assert_eq!(discord.messages().len(), 1, "posted at 02:50");
    // Moved after its reminder went out: the posted one stays, the new time gets one.
    handle.replace(moved(dir.path()));
    let now = t0 + Duration::minutes(51);
    let r = store
        .blocking(|s| sync_reminders(s, &handle.get(), now))
        .unwrap();
    assert_eq!(r.created, vec!["signing-session"]);
    let rows = store
        .blocking(|s| s.reminders_for("signing-session"))
        .unwrap();
    let states: Vec<_> = rows.iter().map(|r| r.state).collect();
    assert!(states.contains(&ItemState::Posted) && states.contains(&ItemState::Pending));
    sched.stop().await;
    let audit = store.blocking(|s| s.audit_list(10)).unwrap();
    assert_eq!(audit.len(), 2);
}

#[test]
fn the_reminder_shows_typed_time_venue_and_people() {
    let desk = desk_from(Path::new(VALID), config());
    let s = desk.knowledge.session("signing-session").unwrap();
    let r = hanoi_bot::schedule::reminder_reply(&desk, s);
    assert!(r.body.0.iter().any(|s| matches!(s, Span::Time(..))));
    let text = r.body.render(|t, _| t.to_rfc3339());
    assert!(text.contains("2025-10-25T10:00:00+07:00"), "{text}");
    assert!(text.contains("National Convention Centre, Hanoi"), "{text}");
    assert!(text.contains("Lương Cường"), "{text}");
}
