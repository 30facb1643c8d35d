//! A fake Discord on 127.0.0.1 for end-to-end tests: a REST API (HTTP/1.1, JSON) and a
//! gateway (WebSocket, plain-text JSON frames), enough for the real serenity client.
//!
//! Every REST request is recorded ([`Recorded`]) and can be awaited with
//! [`Fake::wait_for`]. Gateway dispatches are sent with [`Fake::dispatch`]; the
//! payload builders check each payload with serenity's own types first, because
//! serenity silently drops events it cannot parse.

#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::Message;

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

pub struct Fake {
    pub base: String,
    pub ws_url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    notify: Arc<Notify>,
    gateway: mpsc::UnboundedSender<(String, Value)>,
    /// The IDENTIFY payload, once received.
    pub identify: Arc<Mutex<Option<Value>>>,
    /// Connections closed by the client with a close frame.
    pub closed: Arc<AtomicU64>,
    next_id: AtomicU64,
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
        {
            let (requests, notify, ws_url) = (requests.clone(), notify.clone(), ws_url.clone());
            tokio::spawn(async move {
                let ids = Arc::new(AtomicU64::new(900_000));
                while let Ok((stream, _)) = http.accept().await {
                    let (requests, notify, ws_url, ids) = (
                        requests.clone(),
                        notify.clone(),
                        ws_url.clone(),
                        ids.clone(),
                    );
                    tokio::spawn(serve_http(stream, requests, notify, ws_url, ids));
                }
            });
        }
        {
            let rx = Arc::new(tokio::sync::Mutex::new(rx));
            let (identify, closed, ws_url) = (identify.clone(), closed.clone(), ws_url.clone());
            tokio::spawn(async move {
                while let Ok((stream, _)) = ws.accept().await {
                    let (rx, identify, closed, ws_url) =
                        (rx.clone(), identify.clone(), closed.clone(), ws_url.clone());
                    tokio::spawn(serve_gateway(stream, rx, identify, closed, ws_url));
                }
            });
        }
        Fake {
            base,
            ws_url,
            requests,
            notify,
            gateway: tx,
            identify,
            closed,
            next_id: AtomicU64::new(10_000),
        }
    }

    /// A fresh snowflake-like id.
    pub fn id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// Waits for a request matching `pred` (already made or coming).
    pub async fn wait_for(
        &self,
        timeout: Duration,
        pred: impl Fn(&Recorded) -> bool,
    ) -> Option<Recorded> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let woken = self.notify.notified();
            if let Some(r) = self.requests.lock().unwrap().iter().find(|r| pred(r)) {
                return Some(r.clone());
            }
            tokio::time::timeout_at(deadline, woken).await.ok()?;
        }
    }

    /// The interaction callback for interaction `id`.
    pub async fn callback(&self, id: u64, timeout: Duration) -> Option<Recorded> {
        let prefix = format!("/api/v10/interactions/{id}/");
        self.wait_for(timeout, |r| {
            r.method == "POST" && r.path.starts_with(&prefix)
        })
        .await
    }

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

pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({"id": id.to_string(), "username": name, "discriminator": "0",
           "global_name": null, "avatar": null, "bot": bot})
}

fn member(user_id: u64) -> Value {
    json!({"user": user(user_id, "asker", false), "roles": [], "joined_at": "2025-01-01T00:00:00+00:00",
           "deaf": false, "mute": false, "flags": 0, "permissions": "2248473465835073"})
}

fn interaction(id: u64, kind: u8, locale: &str, data: Value) -> Value {
    json!({
        "id": id.to_string(), "application_id": APP_ID.to_string(), "type": kind,
        "token": format!("itoken-{id}"), "version": 1,
        "guild_id": GUILD_ID.to_string(), "channel_id": CHANNEL_ID.to_string(),
        "member": member(USER_ID), "locale": locale, "guild_locale": "en-US",
        "app_permissions": "2248473465835073", "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD_ID.to_string()}, "context": 0,
        "attachment_size_limit": 26_214_400,
        "data": data,
    })
}

/// A slash command interaction (type 2); `options` as `[(name, type, value)]`.
pub fn command(id: u64, name: &str, options: &[(&str, u8, Value)], locale: &str) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(n, t, v)| json!({"name": n, "type": t, "value": v}))
        .collect();
    interaction(
        id,
        2,
        locale,
        json!({"id": "7000", "name": name, "type": 1, "options": options}),
    )
}

/// An autocomplete interaction (type 4) with the string option `option` focused.
pub fn autocomplete(id: u64, name: &str, option: &str, partial: &str) -> Value {
    interaction(
        id,
        4,
        "en-US",
        json!({"id": "7000", "name": name, "type": 1,
               "options": [{"name": option, "type": 3, "value": partial, "focused": true}]}),
    )
}

/// A button press (type 3) on a message of the bot.
pub fn button(id: u64, custom_id: &str, locale: &str) -> Value {
    let mut i = interaction(
        id,
        3,
        locale,
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    i["message"] = message_json(id - 1, CHANNEL_ID, user(BOT_ID, "hanoi-bot", true), "");
    i
}

pub fn message_json(id: u64, channel: u64, author: Value, content: &str) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel.to_string(), "author": author,
        "content": content, "timestamp": "2025-10-25T03:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [],
        "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
    })
}

/// A user's message in a guild channel, mentioning the bot if `mention`.
pub fn guild_message(id: u64, channel: u64, author: u64, content: &str, mention: bool) -> Value {
    let mut m = message_json(id, channel, user(author, "asker", false), content);
    m["guild_id"] = json!(GUILD_ID.to_string());
    m["member"] = json!({"roles": [], "joined_at": "2025-01-01T00:00:00+00:00",
                         "deaf": false, "mute": false, "flags": 0});
    if mention {
        m["mentions"] = json!([user(BOT_ID, "hanoi-bot", true)]);
    }
    m
}

fn ready(ws_url: &str) -> Value {
    json!({
        "v": 10, "user": user(BOT_ID, "hanoi-bot", true), "guilds": [],
        "session_id": "fake-session", "resume_gateway_url": ws_url, "shard": [0, 1],
        "application": {"id": APP_ID.to_string(), "flags": 0},
    })
}

async fn serve_gateway(
    stream: TcpStream,
    rx: Arc<tokio::sync::Mutex<mpsc::UnboundedReceiver<(String, Value)>>>,
    identify: Arc<Mutex<Option<Value>>>,
    closed: Arc<AtomicU64>,
    ws_url: String,
) {
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
                    if ws.send(send(json!({"op": 0, "t": t, "s": seq, "d": d}))).await.is_err() {
                        return;
                    }
                }
                None => return,
            },
        }
    }
}

async fn serve_http(
    stream: TcpStream,
    requests: Arc<Mutex<Vec<Recorded>>>,
    notify: Arc<Notify>,
    ws_url: String,
    ids: Arc<AtomicU64>,
) {
    let mut stream = BufReader::new(stream);
    loop {
        // Request line and headers.
        let mut line = String::new();
        match stream.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_string();
        let path = parts.next().unwrap_or_default().to_string();
        let mut headers = Vec::new();
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            if stream.read_line(&mut h).await.unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_string());
                if k == "content-length" {
                    length = v.parse().unwrap_or(0);
                }
                headers.push((k, v));
            }
        }
        let mut body = vec![0u8; length];
        if stream.read_exact(&mut body).await.is_err() {
            return;
        }
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let (status, reply) = route(&method, &path, &body, &ws_url, &ids);
        requests.lock().unwrap().push(Recorded {
            method,
            path,
            headers,
            body,
            at: Instant::now(),
        });
        notify.notify_waiters();
        let text = reply.map(|v| v.to_string()).unwrap_or_default();
        let reason = match status {
            200 => "OK",
            204 => "No Content",
            _ => "Not Found",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            text.len()
        );
        let s = stream.get_mut();
        if s.write_all(head.as_bytes()).await.is_err()
            || s.write_all(text.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

fn route(
    method: &str,
    path: &str,
    body: &Value,
    ws_url: &str,
    ids: &AtomicU64,
) -> (u16, Option<Value>) {
    let p: Vec<&str> = path
        .trim_start_matches("/api/v10/")
        .split('?')
        .next()
        .unwrap_or_default()
        .split('/')
        .collect();
    let bot = || user(BOT_ID, "hanoi-bot", true);
    let new_message = |channel: &str| {
        let id = ids.fetch_add(1, Ordering::Relaxed);
        let content = body["content"].as_str().unwrap_or_default();
        let m = message_json(id, channel.parse().unwrap_or(CHANNEL_ID), bot(), content);
        serde_json::from_value::<serenity::Message>(m.clone()).expect("serenity reads our message");
        m
    };
    match (method, p.as_slice()) {
        ("GET", ["gateway"]) => (200, Some(json!({"url": ws_url}))),
        ("GET", ["gateway", "bot"]) => (
            200,
            Some(json!({"url": ws_url, "shards": 1, "session_start_limit":
                {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})),
        ),
        // Registration: answer an empty list, not the echoed body.
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => (200, Some(json!([]))),
        ("POST", ["interactions", _, _, "callback"]) => (204, None),
        ("POST", ["webhooks", _, _]) | ("PATCH", ["webhooks", _, _, "messages", _]) => {
            (200, Some(new_message(&CHANNEL_ID.to_string())))
        }
        ("POST", ["channels", c, "messages"]) => (200, Some(new_message(c))),
        ("POST", ["channels", c, "messages", _, "threads"]) => {
            let id = ids.fetch_add(1, Ordering::Relaxed);
            let t = json!({"id": id.to_string(), "type": 11, "guild_id": GUILD_ID.to_string(),
                           "name": body["name"], "parent_id": c, "owner_id": BOT_ID.to_string(),
                           "thread_metadata": {"archived": false, "auto_archive_duration": 1440,
                           "archive_timestamp": "2025-10-25T03:00:00.000000+00:00", "locked": false}});
            serde_json::from_value::<serenity::GuildChannel>(t.clone())
                .expect("serenity reads our thread");
            (200, Some(t))
        }
        _ => (404, Some(json!({"message": "404: Not Found", "code": 0}))),
    }
}

// ---- checks of what the bot sends ----

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Checks a message body (create message, interaction response data, follow-up)
/// against Discord's limits and the bot's rule of mentioning nobody.
pub fn check_message(m: &Value) {
    assert!(chars(&m["content"]) <= 2000, "content over 2,000: {m}");
    let am = &m["allowed_mentions"];
    assert_eq!(
        am["parse"],
        json!([]),
        "allowed_mentions.parse must be empty: {m}"
    );
    assert!(
        am["users"].as_array().is_none_or(|a| a.is_empty())
            && am["roles"].as_array().is_none_or(|a| a.is_empty()),
        "no users or roles may be pinged: {m}"
    );
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    assert!(embeds.len() <= 10);
    let mut total = 0;
    for e in &embeds {
        assert!(chars(&e["title"]) <= 256);
        assert!(chars(&e["description"]) <= 4096);
        assert!(chars(&e["footer"]["text"]) <= 2048);
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        assert!(fields.len() <= 25);
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
        for f in &fields {
            assert!(chars(&f["name"]) <= 256 && chars(&f["value"]) <= 1024);
            assert!(chars(&f["name"]) > 0 && chars(&f["value"]) > 0);
            total += chars(&f["name"]) + chars(&f["value"]);
        }
    }
    assert!(total <= 6000, "embeds over 6,000 characters: {total}");
    let rows = m["components"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() <= 5);
    for row in &rows {
        let cs = row["components"].as_array().unwrap();
        assert!(!cs.is_empty() && cs.len() <= 5);
        for b in cs {
            assert!(chars(&b["label"]) <= 80 && chars(&b["custom_id"]) <= 100);
        }
    }
}

/// Checks an interaction callback body: its type and, by type, its data.
pub fn check_callback(body: &Value) {
    match body["type"].as_u64() {
        Some(4) | Some(7) => check_message(&body["data"]),
        Some(5) | Some(6) => {}
        Some(8) => {
            let choices = body["data"]["choices"].as_array().expect("choices");
            assert!(choices.len() <= 25, "{} choices", choices.len());
            for c in choices {
                assert!((1..=100).contains(&chars(&c["name"])), "{c}");
                if c["value"].is_string() {
                    assert!(chars(&c["value"]) <= 100, "{c}");
                }
            }
        }
        other => panic!("unexpected callback type {other:?}: {body}"),
    }
}
