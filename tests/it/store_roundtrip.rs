//! The SQLite store: schema migrations, scheduled items through their states, the
//! question log, feedback votes and the audit log, surviving a reopen of the file.

use chrono::{DateTime, Duration, TimeZone, Utc};
use hanoi_bot::store::{
    CancelOutcome, ItemKind, ItemState, NewItem, QuestionEvent, Store, SCHEMA_VERSION,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 10, 24, 12, 0, 0).unwrap()
}

fn announcement(due: DateTime<Utc>) -> NewItem {
    NewItem {
        kind: ItemKind::Announcement,
        channel_id: 42,
        role_id: Some(7),
        allow_everyone: false,
        title: "Doors open".into(),
        body: "The hall opens at 8:00.".into(),
        image_url: Some("https://example.org/a.png".into()),
        due_at: due,
        session_id: None,
    }
}

#[test]
fn a_new_database_is_migrated_and_a_reopen_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/bot.db");
    let id = {
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.insert_item(&announcement(t0() + Duration::hours(1)), "mod#1", t0())
            .unwrap()
            .id
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let item = s.item(id).unwrap().unwrap();
    assert_eq!(item.state, ItemState::Pending);
    assert_eq!(item.role_id, Some(7));
    assert_eq!(item.due_at, t0() + Duration::hours(1));
    assert_eq!(item.created_by, "mod#1");
    assert!(item.nonce.starts_with("hb-") && item.nonce.len() <= 25);
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_database_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let e = Store::open(&path).err().unwrap().to_string();
    assert!(e.contains("newer than this build"), "{e}");
}

#[test]
fn items_go_through_their_states() {
    let s = Store::in_memory().unwrap();
    let a = s
        .insert_item(&announcement(t0() + Duration::minutes(5)), "m", t0())
        .unwrap();
    let b = s
        .insert_item(&announcement(t0() + Duration::minutes(10)), "m", t0())
        .unwrap();
    assert_ne!(a.nonce, b.nonce);
    assert_eq!(s.next_wake().unwrap(), Some(a.due_at));
    assert!(s.ready_items(t0()).unwrap().is_empty());
    let ready = s.ready_items(t0() + Duration::minutes(5)).unwrap();
    assert_eq!(ready.iter().map(|i| i.id).collect::<Vec<_>>(), vec![a.id]);

    assert!(s.mark_attempting(a.id, t0()).unwrap());
    assert_eq!(
        s.cancel_item(a.id, "x").unwrap(),
        CancelOutcome::NotPending(ItemState::Attempting)
    );
    s.mark_posted(a.id, 999, t0()).unwrap();
    let a = s.item(a.id).unwrap().unwrap();
    assert_eq!(
        (a.state, a.posted_message_id, a.attempts),
        (ItemState::Posted, Some(999), 1)
    );

    assert_eq!(
        s.cancel_item(b.id, "by m").unwrap(),
        CancelOutcome::Cancelled
    );
    assert!(
        !s.mark_attempting(b.id, t0()).unwrap(),
        "a cancelled item is never attempted"
    );
    assert_eq!(s.cancel_item(12345, "x").unwrap(), CancelOutcome::NotFound);
    assert!(s.list_items(false).unwrap().is_empty());
    assert_eq!(s.list_items(true).unwrap().len(), 2);
    assert_eq!(s.next_wake().unwrap(), None);

    let c = s.insert_item(&announcement(t0()), "m", t0()).unwrap();
    s.mark_attempting(c.id, t0()).unwrap();
    s.defer_item(c.id, t0() + Duration::seconds(30), "timeout")
        .unwrap();
    assert!(s.ready_items(t0()).unwrap().is_empty(), "deferred");
    assert_eq!(
        s.ready_items(t0() + Duration::seconds(30)).unwrap().len(),
        1
    );
    assert!(s.close_item(c.id, ItemState::Missed, "late").unwrap());
    assert_eq!(
        s.item(c.id).unwrap().unwrap().last_error.as_deref(),
        Some("late")
    );
}

#[test]
fn questions_feedback_audit_and_settings() {
    let mut s = Store::in_memory().unwrap();
    let q = |text: &str, answered: bool| QuestionEvent {
        text: text.into(),
        answered,
        confidence: if answered { 0.9 } else { 0.3 },
        best_entry: Some("signing-date".into()),
        channel_kind: "slash".into(),
        user_id: None,
    };
    s.record_question(&q("how tall is the hall", false), true, t0())
        .unwrap();
    s.record_question(
        &q("how tall is the hall", false),
        true,
        t0() + Duration::hours(1),
    )
    .unwrap();
    s.record_question(&q("parking", false), true, t0()).unwrap();
    s.record_question(&q("when is the signing", true), false, t0())
        .unwrap();
    let gaps = s.top_questions(10).unwrap();
    assert_eq!(gaps.len(), 2);
    assert_eq!(
        (gaps[0].text.as_str(), gaps[0].count),
        ("how tall is the hall", 2)
    );
    assert_eq!(gaps[0].last_seen, t0() + Duration::hours(1));
    assert_eq!(gaps[0].last_user_id, None);
    let days = s.question_days(t0().date_naive()).unwrap();
    assert_eq!((days[0].asked, days[0].answered), (4, 1));
    assert_eq!(
        s.top_entries(5).unwrap(),
        vec![("signing-date".to_string(), 1)]
    );

    s.vote(1, 10, "signing-date", true, t0()).unwrap();
    s.vote(1, 10, "signing-date", false, t0()).unwrap(); // changed mind
    s.vote(1, 11, "signing-date", true, t0()).unwrap();
    let f = s.feedback().unwrap();
    assert_eq!((f[0].up, f[0].down), (1, 1));

    s.audit(
        "mod#1",
        "announce.schedule",
        "#3 at 2025-10-25T01:30Z",
        t0(),
    )
    .unwrap();
    s.audit("mod#2", "kb.reload", "ok", t0()).unwrap();
    let log = s.audit_list(10).unwrap();
    assert_eq!(log[0].who, "mod#2");
    assert_eq!(log.len(), 2);

    assert!(s.reminders_enabled(true).unwrap());
    s.set_reminders_enabled(false).unwrap();
    assert!(!s.reminders_enabled(true).unwrap());
}

#[test]
fn unreviewed_questions_asked_in_the_same_second_come_latest_first() {
    // Times are kept to the second, so two questions asked within one second tied and
    // came back in whatever order SQLite chose: the review's head (whose likely entries
    // are shown) changed from run to run.
    let mut s = Store::in_memory().unwrap();
    let q = |text: &str| QuestionEvent {
        text: text.into(),
        answered: false,
        confidence: 0.1,
        best_entry: None,
        channel_kind: "slash".into(),
        user_id: None,
    };
    for text in [
        "first of the second",
        "second of the second",
        "third of the second",
    ] {
        s.record_question(&q(text), true, t0() + Duration::milliseconds(300))
            .unwrap();
    }
    let order: Vec<String> = s
        .unreviewed(10)
        .unwrap()
        .into_iter()
        .map(|u| u.gap.text)
        .collect();
    assert_eq!(
        order,
        [
            "third of the second",
            "second of the second",
            "first of the second"
        ]
    );
}
