//! What the fake's REST side knows beyond the requests (channels, roles, the messages
//! posted, answers to hold or fail), and how a test sets it up.

use super::Fake;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// What the REST side knows beyond the requests: channels, roles, messages posted.
#[derive(Default)]
pub struct Shared {
    ids: AtomicU64,
    pub(super) state: Mutex<State>,
}

#[derive(Default)]
pub(super) struct State {
    /// Channel id → (news, deleted, send denied). Unknown ids behave as text channels.
    pub(super) channels: HashMap<u64, (bool, bool, bool)>,
    /// Role id → (name, mentionable by everyone).
    pub(super) roles: Vec<(u64, String, bool)>,
    /// Messages created per channel, oldest first, as the fake answered them.
    pub(super) messages: HashMap<u64, Vec<Value>>,
    /// The next this many message posts answer 500.
    pub(super) fail_posts: usize,
    /// Answer message posts / channel reads only after this long.
    pub(super) hold_posts: Option<Duration>,
    pub(super) hold_channel_gets: Option<Duration>,
    /// Request bodies that break Discord's OpenAPI schema ([`super::openapi::validate`]).
    pub(super) violations: Vec<String>,
    /// Skip the schema check while serving (the load test checks the bodies after
    /// its run, so the fake's own work stays out of the latencies).
    pub(super) schema_unchecked: bool,
}

impl Shared {
    /// A snowflake of the current wall-clock time, strictly increasing.
    pub(super) fn snowflake(&self) -> u64 {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let fresh = (ms - 1_420_070_400_000) << 22;
        let mut cur = self.ids.load(Ordering::SeqCst);
        loop {
            let next = fresh.max(cur + 1);
            match self
                .ids
                .compare_exchange(cur, next, Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => return next,
                Err(seen) => cur = seen,
            }
        }
    }
}

impl Fake {
    /// Request bodies so far that break Discord's OpenAPI schema.
    pub fn violations(&self) -> Vec<String> {
        self.state().violations.clone()
    }

    /// Whether requests are checked against the OpenAPI schema as they arrive (the
    /// default).
    pub fn check_schema(&self, on: bool) {
        self.state().schema_unchecked = !on;
    }

    pub(super) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.state.lock().unwrap()
    }

    /// A guild channel: an announcement (news) channel or a text channel.
    pub fn add_channel(&self, id: u64, news: bool) {
        self.state().channels.insert(id, (news, false, false));
    }

    /// Every route under the channel answers 404 Unknown Channel from now on.
    pub fn delete_channel(&self, id: u64) {
        self.state().channels.entry(id).or_default().1 = true;
    }

    /// Creating a message there answers 403 Missing Permissions.
    pub fn deny_send(&self, id: u64) {
        self.state().channels.entry(id).or_default().2 = true;
    }

    /// The next `n` message posts answer 500.
    pub fn fail_posts(&self, n: usize) {
        self.state().fail_posts = n;
    }

    /// Message posts are carried out at once but answered only after `d` (None: at
    /// once again): a client killed meanwhile has sent the message without knowing it.
    pub fn hold_posts(&self, d: Option<Duration>) {
        self.state().hold_posts = d;
    }

    /// `GET /channels/{id}` is answered only after `d`.
    pub fn hold_channel_gets(&self, d: Option<Duration>) {
        self.state().hold_channel_gets = d;
    }

    pub fn add_role(&self, id: u64, name: &str) {
        self.add_role_with(id, name, true);
    }

    /// A role that only members with Mention Everyone may ping when not `mentionable`.
    pub fn add_role_with(&self, id: u64, name: &str, mentionable: bool) {
        self.state().roles.push((id, name.to_string(), mentionable));
    }

    /// The messages created in `channel` (as the fake answered them: the request's
    /// content, embeds and nonce echoed), oldest first.
    pub fn posted(&self, channel: u64) -> Vec<Value> {
        self.state()
            .messages
            .get(&channel)
            .cloned()
            .unwrap_or_default()
    }
}
