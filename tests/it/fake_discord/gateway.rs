//! The fake's gateway: HELLO, IDENTIFY, READY, heartbeats, and the dispatches a test
//! sends (checked with serenity's own types first).

use super::{user, Fake, APP_ID, BOT_ID};
use futures_util::{SinkExt, StreamExt};
use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

impl Fake {
    /// Sends a gateway dispatch as is (no checks: for malformed payloads).
    pub fn dispatch_raw(&self, t: &str, d: Value) {
        self.gateway.send((t.to_string(), d)).unwrap();
    }

    /// Sends an INTERACTION_CREATE after checking serenity can read it.
    pub fn dispatch_interaction(&self, d: Value) {
        serde_json::from_value::<serenity::Interaction>(d.clone())
            .unwrap_or_else(|e| panic!("serenity cannot read this interaction: {e}\n{d:#}"));
        self.dispatch_raw("INTERACTION_CREATE", d);
    }

    /// Sends a MESSAGE_CREATE after checking serenity can read it.
    pub fn dispatch_message(&self, d: Value) {
        serde_json::from_value::<serenity::Message>(d.clone())
            .unwrap_or_else(|e| panic!("serenity cannot read this message: {e}\n{d:#}"));
        self.dispatch_raw("MESSAGE_CREATE", d);
    }
}

fn ready(ws_url: &str) -> Value {
    json!({
        "v": 10, "user": user(BOT_ID, "hanoi-bot", true), "guilds": [],
        "session_id": "fake-session", "resume_gateway_url": ws_url, "shard": [0, 1],
        "application": {"id": APP_ID.to_string(), "flags": 0},
    })
}

/// What one gateway connection shares with the [`Fake`].
pub(super) struct Side {
    /// The dispatches a test sends.
    pub rx: Arc<tokio::sync::Mutex<mpsc::UnboundedReceiver<(String, Value)>>>,
    pub identify: Arc<Mutex<Option<Value>>>,
    pub closed: Arc<AtomicU64>,
    /// When each dispatch with an id went out ([`Fake::dispatched`]).
    pub dispatched: Arc<Mutex<HashMap<u64, Instant>>>,
    pub ws_url: String,
}

pub(super) async fn serve_gateway(stream: TcpStream, side: Side) {
    let Side {
        rx,
        identify,
        closed,
        dispatched,
        ws_url,
    } = side;
    let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let send = |v: Value| Message::Text(v.to_string());
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 2_000}});
    if ws.send(send(hello)).await.is_err() {
        return;
    }
    // IDENTIFY, then READY.
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) => {
                let v: Value = serde_json::from_str(&t).unwrap_or_default();
                match v["op"].as_u64() {
                    Some(2) => {
                        *identify.lock().unwrap() = Some(v["d"].clone());
                        break;
                    }
                    Some(1) => {
                        let _ = ws.send(send(json!({"op": 11}))).await;
                    }
                    _ => {}
                }
            }
            Some(Ok(_)) => {}
            _ => return,
        }
    }
    let r = ready(&ws_url);
    serde_json::from_value::<serenity::Ready>(r.clone()).expect("serenity reads our READY");
    let mut seq = 1u64;
    if ws
        .send(send(json!({"op": 0, "t": "READY", "s": seq, "d": r})))
        .await
        .is_err()
    {
        return;
    }
    let mut rx = rx.lock().await;
    loop {
        tokio::select! {
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Text(t))) => {
                    let v: Value = serde_json::from_str(&t).unwrap_or_default();
                    if v["op"].as_u64() == Some(1) {
                        let _ = ws.send(send(json!({"op": 11}))).await;
                    }
                }
                Some(Ok(Message::Close(_))) => {
                    closed.fetch_add(1, Ordering::SeqCst);
                    let _ = ws.close(None).await;
                    return;
                }
                Some(Ok(_)) => {}
                _ => return,
            },
            out = rx.recv() => match out {
                Some((t, d)) => {
                    seq += 1;
                    let id = d["id"].as_str().and_then(|s| s.parse::<u64>().ok());
                    if ws.send(send(json!({"op": 0, "t": t, "s": seq, "d": d}))).await.is_err() {
                        return;
                    }
                    // Written (and flushed) to the socket: the bot can read it now.
                    if let Some(id) = id {
                        dispatched.lock().unwrap().insert(id, Instant::now());
                    }
                }
                None => return,
            },
        }
    }
}
