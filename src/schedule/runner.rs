//! The posting loop: a tokio task that sleeps until the next item is due, posts it
//! through the [`Poster`] following the exactly-once protocol of the module docs, and
//! reports what moderators should know as [`Event`]s.
//!
//! It wakes when the next item is due, when [`SchedulerHandle::wake`] is called (a new
//! or cancelled item) and at least every 15 seconds (items added from another process
//! by `hanoi-bot announce`, wall-clock changes). It stops between two items when asked ([`SchedulerHandle::stop`]), never in the middle of a post.
//! Start-up needs no separate step: items left `attempting` by a crash are ready at once
//! and go through [`Poster::find_posted`] before anything is sent again.

use super::guarded::Guarded;
use super::{item_reply, reminder_reply, reminder_target, Clock, Event, Mentions, Outgoing};
use super::{DropReason, PostError, Poster};
use crate::answers::{Desk, DeskHandle};
use crate::store::{AsyncStore, Item, ItemKind, ItemState, StoreError};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use tokio::sync::{mpsc, watch, Notify};
use tokio::task::JoinHandle;

/// Longest sleep between two looks at the store.
const MAX_SLEEP: std::time::Duration = std::time::Duration::from_secs(15);
/// Transient failures are retried after 30 s, 60 s, 120 s, … at most this many times.
const MAX_ATTEMPTS: u32 = 5;

/// The durable boundaries of posting one item, for crash tests ([`FaultHook`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// About to record the attempt.
    BeforeAttempt,
    /// Attempt recorded, nothing sent yet.
    AfterAttempt,
    /// The platform accepted the message; `posted` not recorded yet.
    AfterSend,
    /// `posted` recorded.
    AfterPosted,
}

/// Called at each [`Step`]; returning true makes the scheduler stop dead right there,
/// without another write, as if the process had been killed.
pub type FaultHook = Arc<dyn Fn(Step, &Item) -> bool + Send + Sync>;

/// How the task ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Stopped on request.
    Stopped,
    /// A [`FaultHook`] simulated a kill.
    Killed,
}

/// Posts what is due through a [`Poster`], exactly once (see the module docs);
/// build it, then [`Scheduler::spawn`].
pub struct Scheduler<P, C> {
    store: AsyncStore,
    poster: Arc<P>,
    clock: Arc<C>,
    desk: DeskHandle,
    events: Option<mpsc::UnboundedSender<Event>>,
    fault: Option<FaultHook>,
    notify: Arc<Notify>,
}

/// Controls a spawned [`Scheduler`].
pub struct SchedulerHandle {
    notify: Arc<Notify>,
    stop: watch::Sender<bool>,
    task: JoinHandle<Exit>,
}

impl SchedulerHandle {
    /// Look at the store again now (call after adding or cancelling an item).
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// A waker to keep elsewhere (command handlers): `notify_one()` on it = [`Self::wake`].
    pub fn waker(&self) -> Arc<Notify> {
        self.notify.clone()
    }

    /// Stops after the item in hand, if any, and waits for the task.
    pub async fn stop(self) -> Exit {
        let _ = self.stop.send(true);
        self.task.await.unwrap_or(Exit::Killed)
    }

    /// Waits for the task to end on its own (a simulated kill). Call at most once to
    /// completion, and not [`Self::stop`] after it has returned.
    pub async fn join(&mut self) -> Exit {
        (&mut self.task).await.unwrap_or(Exit::Killed)
    }
}

enum Halt {
    Killed,
    Store(StoreError),
}

impl From<StoreError> for Halt {
    fn from(e: StoreError) -> Self {
        Halt::Store(e)
    }
}

impl<P: Poster, C: Clock> Scheduler<P, C> {
    /// A scheduler over `store`, posting with `poster`, at `clock`'s time.
    pub fn new(store: AsyncStore, poster: Arc<P>, clock: Arc<C>, desk: DeskHandle) -> Self {
        Scheduler {
            store,
            poster,
            clock,
            desk,
            events: None,
            fault: None,
            notify: Arc::new(Notify::new()),
        }
    }

    /// Where [`Event`]s go (the moderators' log channel, in the bot).
    pub fn events(mut self, tx: mpsc::UnboundedSender<Event>) -> Self {
        self.events = Some(tx);
        self
    }

    /// Shares a waker created before the scheduler (command handlers built first keep it):
    /// `notify_one()` on it = [`SchedulerHandle::wake`].
    pub fn with_notify(mut self, notify: Arc<Notify>) -> Self {
        self.notify = notify;
        self
    }

    /// Simulated kills, for crash tests.
    pub fn fault_hook(mut self, hook: FaultHook) -> Self {
        self.fault = Some(hook);
        self
    }

    /// Starts the scheduler's task.
    pub fn spawn(self) -> SchedulerHandle {
        let (stop, rx) = watch::channel(false);
        let notify = self.notify.clone();
        let task = tokio::spawn(self.run(rx));
        SchedulerHandle { notify, stop, task }
    }

    async fn run(self, mut stop: watch::Receiver<bool>) -> Exit {
        loop {
            if *stop.borrow() {
                return Exit::Stopped;
            }
            let wait = match self.tick(&stop).await {
                Ok(()) => {
                    let now = self.clock.now();
                    match self.store.call(|s| s.next_wake()).await {
                        Ok(Some(t)) => (t - now).to_std().unwrap_or_default().min(MAX_SLEEP),
                        Ok(None) => MAX_SLEEP,
                        Err(e) => {
                            tracing::error!("scheduler: {e}");
                            std::time::Duration::from_secs(5)
                        }
                    }
                }
                Err(Halt::Killed) => return Exit::Killed,
                Err(Halt::Store(e)) => {
                    tracing::error!("scheduler: {e}");
                    std::time::Duration::from_secs(5)
                }
            };
            if wait.is_zero() {
                tokio::task::yield_now().await;
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.notify.notified() => {}
                r = stop.changed() => if r.is_err() { return Exit::Stopped },
            }
        }
    }

    /// Handles every ready item.
    async fn tick(&self, stop: &watch::Receiver<bool>) -> Result<(), Halt> {
        let now = self.clock.now();
        let ready = self.store.call(move |s| s.ready_items(now)).await?;
        for item in ready {
            if *stop.borrow() {
                break;
            }
            // One item must not kill the loop: a panic while handling it (a platform
            // refusing an id, a bug) fails that item, is reported, and the loop goes on.
            match Guarded(Box::pin(self.handle(item.clone()))).await {
                Ok(result) => result?,
                Err(panic) => self.crashed(item, panic).await?,
            }
        }
        Ok(())
    }

    /// After a panic on `item`: mark it failed and report it.
    async fn crashed(&self, item: Item, panic: Box<dyn std::any::Any + Send>) -> Result<(), Halt> {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        let error = PostError::Internal(what);
        tracing::error!(item = item.id, "scheduler: {error}");
        self.set(&item, ItemState::Failed, error.to_string())
            .await?;
        self.report(Event::Failed { item, error });
        Ok(())
    }

    fn crash(&self, step: Step, item: &Item) -> Result<(), Halt> {
        match &self.fault {
            Some(f) if f(step, item) => Err(Halt::Killed),
            _ => Ok(()),
        }
    }

    fn report(&self, e: Event) {
        if let Some(line) = e.log_line() {
            tracing::warn!("{}", line.render(|t, _| t.to_rfc3339()));
        }
        if let Some(tx) = &self.events {
            let _ = tx.send(e);
        }
    }

    async fn set(&self, item: &Item, state: ItemState, why: String) -> Result<(), Halt> {
        let id = item.id;
        self.store
            .call(move |s| s.close_item(id, state, &why))
            .await?;
        Ok(())
    }

    async fn handle(&self, item: Item) -> Result<(), Halt> {
        let desk = self.desk.get();
        let now = self.clock.now();
        let id = item.id;
        if item.state == ItemState::Attempting {
            // A crash or a failure left it in doubt: did it go out after all?
            match self.poster.find_posted(&item).await {
                Ok(Some(msg)) => {
                    self.store
                        .call(move |s| s.mark_posted(id, msg, now))
                        .await?;
                    self.report(Event::Recovered {
                        item,
                        message_id: msg,
                    });
                    return Ok(());
                }
                Ok(None) => {}
                Err(error) => return self.failed(item, error, now).await,
            }
        }
        let out = match outgoing(&desk, &item, &self.store).await? {
            Ok(out) => out,
            Err(reason) => {
                // A reminder that must not go out any more; a later sync recreates it
                // if its session merely moved.
                self.set(&item, ItemState::Cancelled, reason.to_string())
                    .await?;
                self.report(Event::Dropped { item, reason });
                return Ok(());
            }
        };
        let grace = Duration::minutes(desk.config.announcements.grace_minutes as i64);
        if now - item.due_at > grace {
            self.set(&item, ItemState::Missed, "past the grace window".into())
                .await?;
            self.report(Event::Missed { item });
            return Ok(());
        }
        self.crash(Step::BeforeAttempt, &item)?;
        if !self.store.call(move |s| s.mark_attempting(id, now)).await? {
            return Ok(()); // cancelled meanwhile: nothing is sent
        }
        self.crash(Step::AfterAttempt, &item)?;
        match self.poster.post(&out).await {
            Ok(msg) => {
                self.crash(Step::AfterSend, &item)?;
                let at = self.clock.now();
                self.store.call(move |s| s.mark_posted(id, msg, at)).await?;
                self.crash(Step::AfterPosted, &item)?;
                let late = (now - item.due_at).max(Duration::zero());
                self.report(Event::Posted {
                    item,
                    message_id: msg,
                    late,
                });
                Ok(())
            }
            Err(error) => {
                let mut item = item;
                item.attempts += 1;
                self.failed(item, error, now).await
            }
        }
    }

    async fn failed(&self, item: Item, error: PostError, now: DateTime<Utc>) -> Result<(), Halt> {
        if error.is_permanent() || item.attempts >= MAX_ATTEMPTS {
            self.set(&item, ItemState::Failed, error.to_string())
                .await?;
            self.report(Event::Failed { item, error });
            return Ok(());
        }
        let at = now + Duration::seconds(30 << item.attempts.min(6));
        let (id, why) = (item.id, error.to_string());
        self.store.call(move |s| s.defer_item(id, at, &why)).await?;
        self.report(Event::Retrying { item, error, at });
        Ok(())
    }
}

/// The post for an item, or why a reminder must not go out any more.
async fn outgoing(
    desk: &Desk,
    item: &Item,
    store: &AsyncStore,
) -> Result<Result<Outgoing, DropReason>, StoreError> {
    let cfg = &desk.config;
    let reply = match item.kind {
        ItemKind::Announcement => item_reply(item),
        ItemKind::Reminder => {
            let default = cfg.reminders.enabled;
            if !store.call(move |s| s.reminders_enabled(default)).await? {
                return Ok(Err(DropReason::RemindersOff));
            }
            let sid = item.session_id.as_deref().unwrap_or_default();
            let Some(s) = desk.knowledge.session(sid) else {
                return Ok(Err(DropReason::SessionRemoved));
            };
            if s.cancelled {
                return Ok(Err(DropReason::SessionCancelled));
            }
            if reminder_target(desk, s) != Some(item.due_at) {
                return Ok(Err(DropReason::TimeChanged));
            }
            reminder_reply(desk, s)
        }
    };
    Ok(Ok(Outgoing {
        reply,
        mentions: Mentions {
            role: item.role_id,
            everyone: item.allow_everyone && cfg.announcements.allow_everyone,
        },
        item: item.clone(),
    }))
}
