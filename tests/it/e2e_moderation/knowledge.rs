//! The knowledge file changing under the bot: `/kb reload` (a broken file refused),
//! the file watcher, and reminders that follow a moved or cancelled session.

use crate::fake_discord::*;
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::store::ItemState;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_refuses_a_broken_file_and_reminders_follow_a_moved_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = future_knowledge(dir.path(), |t| t);
    let mut cfg = moderation_config();
    cfg.reminders.channel = Some(NEWS);
    let (fake, bot) = start_moderated_with(cfg, Knowledge::load(&path).unwrap()).await;
    // 10:00 in Hanoi (UTC+7) on 25 October 2027, reminded 10 minutes before.
    let at = |h: u32, m: u32| {
        chrono::NaiveDate::from_ymd_opt(2027, 10, 25)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
            .and_utc()
    };
    let r = signing_reminders(&bot).await;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].due_at, at(2, 50));
    assert!(
        r[0].body
            .starts_with("2027-10-25 10:00 (UTC+07:00)–11:30 · National Convention Centre"),
        "the stored summary has times in the event's zone: {}",
        r[0].body
    );
    // A broken file: refused with its problems and lines; the old knowledge stays.
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("start = \"10:00\"", "start = \"25:00\"\nspeaker = 1"),
    )
    .unwrap();
    let body = reload(&fake).await;
    let text = texts(&body);
    assert!(text.contains("Knowledge not reloaded"), "{text}");
    assert!(
        text.contains("Line "),
        "problems come with their line: {text}"
    );
    assert_eq!(
        signing_reminders(&bot).await[0].due_at,
        at(2, 50),
        "nothing moved"
    );
    // The session moves to 11:00: its pending reminder follows.
    future_knowledge(dir.path(), |t| {
        t.replace("start = \"10:00\"", "start = \"11:00\"")
    });
    let text = texts(&reload(&fake).await);
    assert!(text.contains("Knowledge reloaded"), "{text}");
    let r = signing_reminders(&bot).await;
    let open: Vec<_> = r.iter().filter(|i| i.state == ItemState::Pending).collect();
    assert_eq!(open.len(), 1, "{r:?}");
    assert_eq!(open[0].due_at, at(3, 50));
    // Cancelled: its reminder is dropped.
    future_knowledge(dir.path(), |t| {
        t.replace(
            "id = \"signing-session\"",
            "id = \"signing-session\"\ncancelled = true",
        )
    });
    assert!(texts(&reload(&fake).await).contains("Knowledge reloaded"));
    let r = signing_reminders(&bot).await;
    assert!(r.iter().all(|i| i.state != ItemState::Pending), "{r:?}");
    // `/reminders off` is remembered.
    let id = fake.id();
    let opts = json!([{"name": "off", "type": 1, "options": []}]);
    let body = interact(
        &fake,
        command_by(id, "reminders", opts, json!({}), moderator()),
    )
    .await;
    assert!(texts(&body["data"]).contains("off"), "{body}");
    let (on, audit) = bot
        .store
        .call(|s| Ok((s.reminders_enabled(true)?, s.audit_list(20)?)))
        .await
        .unwrap();
    assert!(!on);
    assert_eq!(
        audit.iter().filter(|a| a.action == "kb.reload").count(),
        3,
        "{audit:?}"
    );
    assert!(audit.iter().any(|a| a.action == "reminders"));
    bot.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_watcher_reloads_an_edited_file_and_reports_in_the_log_channel() {
    const LOG: u64 = 4_400;
    let dir = tempfile::tempdir().unwrap();
    let path = future_knowledge(dir.path(), |t| t);
    let mut cfg = moderation_config();
    cfg.reminders.channel = Some(NEWS);
    cfg.announcements.log_channel = Some(LOG);
    cfg.curation.watch_knowledge = true;
    cfg.curation.watch_secs = 1;
    let (fake, bot) = start_moderated_with(cfg, Knowledge::load(&path).unwrap()).await;
    let log_lines = |fake: &Fake| -> Vec<String> {
        fake.posted(LOG)
            .iter()
            .map(|m| m["content"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // A broken edit: reported with its problems, nothing changes.
    std::fs::write(&path, "version = \"broken\"\n[[qa]]\nid = 5\n").unwrap();
    let deadline = Instant::now() + WAIT;
    while !log_lines(&fake).iter().any(|l| l.contains("NOT loaded")) {
        assert!(
            Instant::now() < deadline,
            "no log line: {:?}",
            log_lines(&fake)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A good edit moving the signing session: loaded, and its reminder follows.
    future_knowledge(dir.path(), |t| {
        t.replace("start = \"10:00\"", "start = \"11:00\"")
    });
    let deadline = Instant::now() + WAIT;
    let moved = loop {
        let r = signing_reminders(&bot).await;
        if let Some(open) = r.iter().find(|i| i.state == ItemState::Pending) {
            if open.due_at.format("%H:%M").to_string() == "03:50" {
                break true;
            }
        }
        if Instant::now() > deadline {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(moved, "{:?}", signing_reminders(&bot).await);
    // The log lines go out after the reminders moved, through the log forwarder: wait
    // for them rather than read at once (reading at once failed now and then).
    let deadline = Instant::now() + WAIT;
    while !log_lines(&fake).iter().any(|l| l.contains("1 moved")) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let lines = log_lines(&fake);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Knowledge file changed on disk: ")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("1 moved")), "{lines:?}");
    bot.shutdown().await;
}

/// `/kb reload`, with `force: true` when `force`: the follow-up with the result.
async fn reload_with(fake: &Fake, force: bool) -> serde_json::Value {
    let id = fake.id();
    let opts = json!([{"name": "reload", "type": 1,
                       "options": [{"name": "force", "type": 5, "value": force}]}]);
    let deferred = interact(fake, command_by(id, "kb", opts, json!({}), moderator())).await;
    assert_eq!(deferred["type"], 5, "{deferred}");
    let r = fake
        .wait_for(WAIT, |r| {
            r.method == "POST" && r.path.contains(&format!("/webhooks/{APP_ID}/itoken-{id}"))
        })
        .await
        .expect("the reload's result");
    check_message(&r.body);
    r.body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_would_cancel_reminders_is_refused_until_a_moderator_forces_it() {
    const LOG: u64 = 4_400;
    let dir = tempfile::tempdir().unwrap();
    let path = future_knowledge(dir.path(), |t| t);
    let mut cfg = moderation_config();
    cfg.reminders.channel = Some(NEWS);
    cfg.announcements.log_channel = Some(LOG);
    let (fake, bot) = start_moderated_with(cfg, Knowledge::load(&path).unwrap()).await;
    assert_eq!(signing_reminders(&bot).await.len(), 1);
    // Saved half-way: the signing session (and all after it) are gone.
    future_knowledge(dir.path(), |t| {
        let cut = t.find("[[session]]\nid = \"signing-session\"").unwrap();
        let rest = t.find("[[chapter]]").unwrap();
        format!("{}{}", &t[..cut], &t[rest..])
    });
    let text = texts(&reload_with(&fake, false).await);
    assert!(
        text.contains("Knowledge not reloaded") && text.contains("cut short"),
        "{text}"
    );
    assert!(text.contains("signing-session"), "{text}");
    assert!(text.contains("/kb reload force"), "{text}");
    let r = signing_reminders(&bot).await;
    assert_eq!(r[0].state, ItemState::Pending, "nothing cancelled: {r:?}");
    // The moderator means it: forced, audited, and the reminder follows.
    let text = texts(&reload_with(&fake, true).await);
    assert!(
        text.contains("Knowledge reloaded") && text.contains("(forced)"),
        "{text}"
    );
    let r = signing_reminders(&bot).await;
    assert!(r.iter().all(|i| i.state != ItemState::Pending), "{r:?}");
    let audit = bot.store.call(|s| s.audit_list(10)).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.contains(&"kb.reload.force"), "{audit:?}");
    assert!(
        audit
            .iter()
            .any(|a| a.action == "kb.reload" && a.detail.contains("refused")),
        "{audit:?}"
    );
    // Both outcomes are in the moderators' log.
    let deadline = Instant::now() + WAIT;
    let lines = loop {
        let lines: Vec<String> = fake
            .posted(LOG)
            .iter()
            .map(|m| m["content"].as_str().unwrap_or_default().to_string())
            .collect();
        if lines.iter().any(|l| l.contains("(forced)")) || Instant::now() > deadline {
            break lines;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(lines.iter().any(|l| l.contains("cut short")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("(forced)")), "{lines:?}");
    bot.shutdown().await;
}
