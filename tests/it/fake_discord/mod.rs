//! A fake Discord on 127.0.0.1 for end-to-end tests: a REST API (HTTP/1.1, JSON) and a
//! gateway (WebSocket, plain-text JSON frames), enough for the real serenity client,
//! and the steps every end-to-end scenario is made of.
//!
//! - `state`: what the fake knows beyond the requests (channels, roles, messages, held
//!   or failing answers) and how a test sets it up;
//! - `gateway`: the WebSocket side and the dispatches a test sends;
//! - `rest`: the HTTP side, its routes, and the recorded requests a test waits for;
//! - `builders`: payloads (interactions, messages, members) checked with serenity's own
//!   types first, because serenity silently drops events it cannot parse;
//! - `checks`: Discord's limits and the bot's no-mention rule on what it sends, and
//!   `openapi`: every request body against Discord's OpenAPI schema;
//! - `steps`: starting the bot against the fake, interacting, reading replies, stopping;
//!   `process`: the `hanoi-bot` binary as a child process.

mod builders;
mod checks;
mod gateway;
pub mod openapi;
mod process;
mod rest;
mod state;
mod steps;

pub use builders::*;
pub use checks::*;
pub use process::*;
pub use steps::*;

use serde_json::Value;
use state::Shared;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Notify};

pub const BOT_ID: u64 = 1_000;
pub const APP_ID: u64 = 2_000;
pub const GUILD_ID: u64 = 3_000;
pub const CHANNEL_ID: u64 = 4_000;
pub const USER_ID: u64 = 5_000;

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    pub at: Instant,
}

/// The fake: its addresses, and handles on both sides.
pub struct Fake {
    /// The REST base URL (what `DISCORD_API_BASE` would be).
    pub base: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    notify: Arc<Notify>,
    gateway: mpsc::UnboundedSender<(String, Value)>,
    /// The IDENTIFY payload, once received.
    pub identify: Arc<Mutex<Option<Value>>>,
    /// Connections closed by the client with a close frame.
    pub closed: Arc<AtomicU64>,
    /// When each dispatch with an `id` (interactions, messages) was written to the
    /// gateway socket, by that id: where the load test's latencies start.
    pub dispatched: Arc<Mutex<HashMap<u64, Instant>>>,
    next_id: AtomicU64,
    shared: Arc<Shared>,
}

impl Fake {
    pub async fn start() -> Fake {
        let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let ws = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", http.local_addr().unwrap());
        let ws_url = format!("ws://{}", ws.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let notify = Arc::new(Notify::new());
        let (tx, rx) = mpsc::unbounded_channel();
        let identify = Arc::new(Mutex::new(None));
        let closed = Arc::new(AtomicU64::new(0));
        let dispatched = Arc::new(Mutex::new(HashMap::new()));
        let shared = Arc::new(Shared::default());
        {
            let (requests, notify, ws_url) = (requests.clone(), notify.clone(), ws_url.clone());
            let shared = shared.clone();
            tokio::spawn(async move {
                while let Ok((stream, _)) = http.accept().await {
                    // Replies go out at once, not held by Nagle's algorithm for the
                    // client's delayed ACK (40 ms on Linux).
                    let _ = stream.set_nodelay(true);
                    let (requests, notify, ws_url, shared) = (
                        requests.clone(),
                        notify.clone(),
                        ws_url.clone(),
                        shared.clone(),
                    );
                    tokio::spawn(rest::serve_http(stream, requests, notify, ws_url, shared));
                }
            });
        }
        {
            let rx = Arc::new(tokio::sync::Mutex::new(rx));
            let (identify, closed, ws_url) = (identify.clone(), closed.clone(), ws_url.clone());
            let dispatched = dispatched.clone();
            tokio::spawn(async move {
                while let Ok((stream, _)) = ws.accept().await {
                    // Each dispatch leaves at once: with Nagle's algorithm a frame
                    // written while the previous one is unacknowledged waits for the
                    // bot's delayed ACK (40 ms), a stall of the fake's, not the bot's.
                    let _ = stream.set_nodelay(true);
                    let side = gateway::Side {
                        rx: rx.clone(),
                        identify: identify.clone(),
                        closed: closed.clone(),
                        dispatched: dispatched.clone(),
                        ws_url: ws_url.clone(),
                    };
                    tokio::spawn(gateway::serve_gateway(stream, side));
                }
            });
        }
        Fake {
            base,
            requests,
            notify,
            gateway: tx,
            identify,
            closed,
            dispatched,
            next_id: AtomicU64::new(10_000),
            shared,
        }
    }

    /// A fresh snowflake-like id.
    pub fn id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}
