//! Concurrent writers on a new database, and writes that go with their audit entry.

use chrono::{TimeZone, Utc};
use hanoi_bot::schedule::{add_announcement, cancel, AnnounceError, Draft};
use hanoi_bot::store::{ItemState, Store};
use std::path::Path;

fn draft(title: &str) -> Draft {
    Draft {
        channel_id: Some(5),
        title: title.into(),
        body: "text".into(),
        ..Default::default()
    }
}

fn hanoi() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).unwrap()
}

#[test]
fn twenty_writers_on_a_new_database_all_store_their_item() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let config = hanoi_bot::config::Config::embedded();
    let start = std::sync::Arc::new(std::sync::Barrier::new(20));
    let handles: Vec<_> = (0..20)
        .map(|i| {
            let (db, config, start) = (db.clone(), config.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let store = Store::open(&db).map_err(|e| format!("{i}: open: {e:#?}"))?;
                add_announcement(
                    &store,
                    &config,
                    draft(&format!("post {i}")),
                    Some("in 2h"),
                    hanoi(),
                    "test",
                    Utc::now(),
                )
                .map(|_| ())
                .map_err(|e| format!("{i}: add: {e:#?}"))
            })
        })
        .collect();
    let errors: Vec<String> = handles
        .into_iter()
        .filter_map(|h| h.join().unwrap().err())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.list_items(true).unwrap().len(), 20);
    assert_eq!(store.audit_list(100).unwrap().len(), 20);
}

/// A database whose audit log refuses every write (a full disk, a broken table).
fn audit_refuses(db: &Path) -> Store {
    let store = Store::open(db).unwrap();
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log
         BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END;",
    )
    .unwrap();
    store
}

#[test]
fn when_the_audit_write_fails_nothing_is_scheduled_or_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bot.db");
    let t0 = Utc.with_ymd_and_hms(2025, 10, 24, 12, 0, 0).unwrap();
    // An item scheduled while the audit log still worked, to cancel later.
    let pending = {
        let store = Store::open(&db).unwrap();
        let config = hanoi_bot::config::Config::embedded();
        add_announcement(
            &store,
            &config,
            draft("kept"),
            Some("in 2h"),
            hanoi(),
            "t",
            t0,
        )
        .unwrap()
    };
    let store = audit_refuses(&db);
    let config = hanoi_bot::config::Config::embedded();
    let r = add_announcement(
        &store,
        &config,
        draft("lost"),
        Some("in 2h"),
        hanoi(),
        "t",
        t0,
    );
    assert!(matches!(r, Err(AnnounceError::Store(_))), "{r:?}");
    let items = store.list_items(true).unwrap();
    assert_eq!(
        items.len(),
        1,
        "the user was told nothing was scheduled: {items:?}"
    );
    assert!(cancel(&store, pending.id, "t", t0).is_err());
    let kept = store.item(pending.id).unwrap().unwrap();
    assert_eq!(
        kept.state,
        ItemState::Pending,
        "an unaudited cancel is undone"
    );
}

#[test]
fn the_question_log_is_pruned_by_age_and_size() {
    use hanoi_bot::answers::Asked;
    use hanoi_bot::config::CurationConfig;
    use hanoi_bot::curation::{log_questions, Asking};
    let mut store = Store::in_memory().unwrap();
    let cfg = CurationConfig {
        log_keep_days: 30,
        log_max_questions: 50,
        ..CurationConfig::default()
    };
    let t0 = Utc.with_ymd_and_hms(2025, 10, 24, 12, 0, 0).unwrap();
    let asking = |i: i64, days_ago: i64| Asking {
        asked: Asked {
            query: format!("unanswerable question number {i}"),
            answered: false,
            id: None,
            confidence: 0.1,
            answer: String::new(),
            suggestions: Vec::new(),
        },
        channel_kind: "slash",
        user_id: None,
        key: None,
        at: t0 - chrono::Duration::days(days_ago) + chrono::Duration::seconds(i),
    };
    // 10 old questions, then 200 recent ones from one user.
    let old: Vec<Asking> = (0..10).map(|i| asking(i, 40)).collect();
    log_questions(&mut store, &cfg, &old).unwrap();
    assert_eq!(store.top_questions(1000).unwrap().len(), 10);
    let recent: Vec<Asking> = (100..300).map(|i| asking(i, 0)).collect();
    log_questions(&mut store, &cfg, &recent).unwrap();
    let kept = store.top_questions(1000).unwrap();
    assert_eq!(kept.len(), 50, "at most log_max_questions rows");
    assert!(
        kept.iter()
            .all(|g| g.last_seen > t0 - chrono::Duration::days(30)),
        "older than log_keep_days: pruned"
    );
    assert!(
        kept.iter().any(|g| g.text.ends_with("299")),
        "the most recent are kept"
    );
}

#[test]
fn opening_waits_for_a_writer_holding_a_new_file_in_rollback_mode() {
    // The first open of a file switches it to WAL, which needs the file to itself.
    // While another connection is writing to a file still in rollback mode, SQLite
    // refuses the switch at once with "database is locked", without calling the busy
    // handler (waiting could deadlock). Twenty processes opening a new database
    // together hit it about one run in five.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rollback.db");
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute_batch("CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        writer.execute_batch("COMMIT;").unwrap();
    });
    let opened = Store::open(&db);
    release.join().unwrap();
    let store = opened.expect("the open waits for the writer instead of failing");
    assert!(store.list_items(true).unwrap().is_empty());
}
