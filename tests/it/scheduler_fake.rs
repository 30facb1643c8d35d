//! A fake of the platform posts go to, shared by the scheduler tests.
//!
//! It remembers every message with its nonce. With `enforce_nonce` it behaves like
//! Discord's `enforce_nonce: true`: a second create with a nonce already used in that
//! channel returns the first message instead of posting again. Without it, a resend
//! is a second message, so only the scheduler's own reconciliation prevents doubles.

use chrono::{DateTime, TimeZone, Utc};
use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use hanoi_bot::knowledge::Knowledge;
use hanoi_bot::schedule::{Clock, Mentions, Outgoing, PostError, Poster, TokioClock};
use hanoi_bot::store::{Item, ItemId};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Message {
    pub id: u64,
    pub channel: u64,
    pub nonce: String,
    pub item: ItemId,
    pub title: String,
    pub mentions: Mentions,
    pub at: DateTime<Utc>,
}

#[derive(Default)]
struct State {
    messages: Vec<Message>,
    sends: u64,
    failures: HashMap<u64, Vec<PostError>>,
}

pub struct FakeDiscord {
    clock: TokioClock,
    enforce_nonce: bool,
    state: Mutex<State>,
}

impl FakeDiscord {
    pub fn new(clock: TokioClock, enforce_nonce: bool) -> Arc<FakeDiscord> {
        Arc::new(FakeDiscord {
            clock,
            enforce_nonce,
            state: Mutex::new(State::default()),
        })
    }

    /// The next posts to `channel` fail with these errors, in order.
    pub fn fail_next(&self, channel: u64, errors: Vec<PostError>) {
        self.state.lock().unwrap().failures.insert(channel, errors);
    }

    pub fn messages(&self) -> Vec<Message> {
        self.state.lock().unwrap().messages.clone()
    }

    /// Create calls received (including deduplicated ones).
    pub fn sends(&self) -> u64 {
        self.state.lock().unwrap().sends
    }
}

impl Poster for FakeDiscord {
    async fn post(&self, out: &Outgoing) -> Result<u64, PostError> {
        let mut s = self.state.lock().unwrap();
        s.sends += 1;
        if let Some(errors) = s.failures.get_mut(&out.item.channel_id) {
            if !errors.is_empty() {
                return Err(errors.remove(0));
            }
        }
        if self.enforce_nonce {
            if let Some(m) = s
                .messages
                .iter()
                .find(|m| m.channel == out.item.channel_id && m.nonce == out.item.nonce)
            {
                return Ok(m.id);
            }
        }
        let id = 1000 + s.messages.len() as u64;
        s.messages.push(Message {
            id,
            channel: out.item.channel_id,
            nonce: out.item.nonce.clone(),
            item: out.item.id,
            title: out.reply.title.clone(),
            mentions: out.mentions,
            at: self.clock.now(),
        });
        Ok(id)
    }

    async fn find_posted(&self, item: &Item) -> Result<Option<u64>, PostError> {
        let s = self.state.lock().unwrap();
        Ok(s.messages
            .iter()
            .find(|m| m.channel == item.channel_id && m.nonce == item.nonce)
            .map(|m| m.id))
    }
}

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Announcements go to channel 100 by default, reminders to 200.
pub fn config() -> Config {
    let mut c = Config::embedded();
    c.announcements.channel = Some(100);
    c.reminders.channel = Some(200);
    c
}

pub fn desk_from(path: &Path, config: Config) -> Desk {
    let k = Knowledge::load(path).unwrap_or_else(|p| panic!("{p}"));
    Desk::new(k, config)
}

pub fn handle() -> DeskHandle {
    DeskHandle::new(desk_from(Path::new("tests/fixtures/valid.toml"), config()))
}
