//! What runs beside the gateway: the database, the scheduler that posts announcements
//! and reminders, the knowledge file watcher, and the moderators' log channel.
//!
//! The database is opened before the client connects (a database that cannot be
//! opened stops the start, with the reason: [`super::start`]). [`Background::spawn`]
//! starts the tasks once the REST client exists; [`Background::stop`] stops them
//! before the shards close, so a post in hand is finished and recorded, never cut in
//! the middle.

use super::poster::DiscordPoster;
use super::render::{no_mentions, DiscordMarkup};
use super::LogSink;
use crate::answers::DeskHandle;
use crate::config::Config;
use crate::curation::{reload_reply, spawn_watcher};
use crate::schedule::{sync_reminders, Event, Scheduler, SchedulerHandle, SystemClock};
use crate::store::{AsyncStore, StoreError};
use chrono::Utc;
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use tokio::sync::{mpsc, watch, Notify};
use tokio::task::JoinHandle;

/// Brings the stored reminders in line with the knowledge and wakes the scheduler;
/// a summary for the log when something changed.
pub async fn resync_reminders(
    store: &AsyncStore,
    desk: &DeskHandle,
    waker: &Notify,
) -> Result<Option<String>, StoreError> {
    let desk = desk.get();
    let report = store
        .call(move |s| sync_reminders(s, &desk, Utc::now()))
        .await?;
    waker.notify_one();
    if report.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "Session reminders updated: {} new, {} moved, {} cancelled.",
        report.created.len(),
        report.moved.len(),
        report.cancelled.len()
    )))
}

/// The sessions that have a pending reminder (what a reload must not silently cancel).
pub async fn reminded_sessions(store: &AsyncStore) -> Result<Vec<String>, StoreError> {
    store.call(|s| Ok(pending_reminders(s))).await
}

fn pending_reminders(s: &mut crate::store::Store) -> Vec<String> {
    match s.open_reminders() {
        Ok(items) => items.into_iter().filter_map(|i| i.session_id).collect(),
        Err(e) => {
            tracing::error!(
                error = &e as &dyn std::error::Error,
                "reading the reminders"
            );
            Vec::new()
        }
    }
}

/// The background tasks of a running bot.
pub struct Background {
    scheduler: SchedulerHandle,
    watcher_stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Background {
    /// Starts the scheduler, the log forwarder and (for a knowledge file on disk, when
    /// `[curation] watch_knowledge`) the file watcher.
    pub fn spawn(
        http: Arc<serenity::Http>,
        desk: DeskHandle,
        store: AsyncStore,
        waker: Arc<Notify>,
        log: LogSink,
        log_rx: mpsc::UnboundedReceiver<String>,
        config: &Config,
    ) -> Background {
        let mut tasks = Vec::new();
        tasks.push(tokio::spawn(forward_log(
            http.clone(),
            config.announcements.log_channel,
            log_rx,
        )));
        let (events, mut event_rx) = mpsc::unbounded_channel::<Event>();
        let log2 = log.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(e) = event_rx.recv().await {
                if let Some(line) = e.log_line() {
                    let _ = log2.send(line.render_with(&DiscordMarkup));
                }
            }
        }));
        let scheduler = Scheduler::new(
            store.clone(),
            Arc::new(DiscordPoster::new(http)),
            Arc::new(SystemClock),
            desk.clone(),
        )
        .with_notify(waker.clone())
        .events(events)
        .spawn();
        let (watcher_stop, stop_rx) = watch::channel(false);
        let origin = desk.get().knowledge.origin.clone();
        // The embedded knowledge has no file to watch (its name is the default path,
        // so existence on disk is what tells them apart).
        if config.curation.watch_knowledge && origin.is_file() {
            let (reloaded, mut reload_rx) = mpsc::unbounded_channel();
            tasks.push(spawn_watcher(
                origin,
                desk.clone(),
                config.clone(),
                stop_rx,
                {
                    let store = store.clone();
                    move || store.blocking(pending_reminders)
                },
                move |r| {
                    let _ = reloaded.send(r);
                },
            ));
            tasks.push(tokio::spawn(async move {
                while let Some(result) = reload_rx.recv().await {
                    let ok = result.is_ok();
                    let text = reload_reply(&result).body.render(|t, _| t.to_rfc3339());
                    let line = match &result {
                        Ok(_) => format!("Knowledge file changed on disk: {text}"),
                        Err(e) => format!(
                            "Knowledge file changed on disk but was NOT loaded: {text}\n{}",
                            crate::text::clip_words(&e.to_string(), 1500)
                        ),
                    };
                    let _ = log.send(line);
                    if ok {
                        match resync_reminders(&store, &desk, &waker).await {
                            Ok(Some(l)) => {
                                let _ = log.send(l);
                            }
                            Ok(None) => {}
                            Err(e) => tracing::error!(
                                error = &e as &dyn std::error::Error,
                                "reminders after a reload"
                            ),
                        }
                    }
                }
            }));
        }
        Background {
            scheduler,
            watcher_stop,
            tasks,
        }
    }

    /// Wakes the scheduler.
    pub fn wake(&self) {
        self.scheduler.wake();
    }

    /// Stops the watcher and the scheduler (after the post in hand, if any).
    pub async fn stop(self) {
        let _ = self.watcher_stop.send(true);
        let exit = self.scheduler.stop().await;
        tracing::info!(?exit, "scheduler stopped");
        for t in self.tasks {
            t.abort();
        }
    }
}

/// Sends each line to the log channel (when one is configured) and to the log.
async fn forward_log(
    http: Arc<serenity::Http>,
    channel: Option<u64>,
    mut rx: mpsc::UnboundedReceiver<String>,
) {
    while let Some(line) = rx.recv().await {
        tracing::info!(target: "hanoi_bot::modlog", "{line}");
        // The configuration refuses 0; serenity would panic on it.
        let Some(c) = channel.filter(|&c| c != 0) else {
            continue;
        };
        let text = crate::text::clip_words(&line, super::render::CONTENT_MAX);
        let m = serenity::CreateMessage::new()
            .content(text)
            .allowed_mentions(no_mentions());
        if let Err(e) = serenity::ChannelId::new(c).send_message(&http, m).await {
            tracing::warn!(
                channel = c,
                "could not write to the moderators' log channel: {e}"
            );
        }
    }
}
