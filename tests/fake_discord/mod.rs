//! A fake Discord on 127.0.0.1 for end-to-end tests: a REST API (HTTP/1.1, JSON) and a
//! gateway (WebSocket, plain-text JSON frames), enough for the real serenity client.
//!
//! Every REST request is recorded ([`Recorded`]) and can be awaited with
//! [`Fake::wait_for`]. Gateway dispatches are sent with [`Fake::dispatch`]; the
//! payload builders check each payload with serenity's own types first, because
//! serenity silently drops events it cannot parse.

#![allow(dead_code)]

pub mod openapi;

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
    shared: Arc<Shared>,
}

/// What the REST side knows beyond the requests: channels, roles, messages posted.
pub struct Shared {
    ids: AtomicU64,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Channel id → (news, deleted, send denied). Unknown ids behave as text channels.
    channels: std::collections::HashMap<u64, (bool, bool, bool)>,
    roles: Vec<(u64, String)>,
    /// Messages created per channel, oldest first, as the fake answered them.
    messages: std::collections::HashMap<u64, Vec<Value>>,
    /// The next this many message posts answer 500.
    fail_posts: usize,
    /// Answer message posts / channel reads only after this long.
    hold_posts: Option<Duration>,
    hold_channel_gets: Option<Duration>,
    /// Request bodies that break Discord's OpenAPI schema ([`openapi::validate`]).
    violations: Vec<String>,
}

/// Every test that used the fake ends by checking that everything the bot sent fits
/// Discord's schema (unless the test failed already).
impl Drop for Fake {
    fn drop(&mut self) {
        let v = self.violations();
        if !std::thread::panicking() && !v.is_empty() {
            panic!(
                "{} request(s) broke Discord's OpenAPI schema:\n{}",
                v.len(),
                v.join("\n")
            );
        }
    }
}

impl Shared {
    /// A snowflake of the current wall-clock time, strictly increasing.
    fn snowflake(&self) -> u64 {
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
        let shared = Arc::new(Shared {
            ids: AtomicU64::new(0),
            state: Mutex::new(State::default()),
        });
        {
            let (requests, notify, ws_url) = (requests.clone(), notify.clone(), ws_url.clone());
            let shared = shared.clone();
            tokio::spawn(async move {
                while let Ok((stream, _)) = http.accept().await {
                    let (requests, notify, ws_url, shared) = (
                        requests.clone(),
                        notify.clone(),
                        ws_url.clone(),
                        shared.clone(),
                    );
                    tokio::spawn(serve_http(stream, requests, notify, ws_url, shared));
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
            shared,
        }
    }

    /// Request bodies so far that break Discord's OpenAPI schema.
    pub fn violations(&self) -> Vec<String> {
        self.state().violations.clone()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
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
        self.state().roles.push((id, name.to_string()));
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

/// A guild member with `roles` and the channel `permissions` Discord computed.
pub fn member_with(user_id: u64, roles: &[u64], permissions: u64) -> Value {
    let roles: Vec<String> = roles.iter().map(u64::to_string).collect();
    json!({"user": user(user_id, &format!("member{user_id}"), false), "roles": roles,
           "joined_at": "2025-01-01T00:00:00+00:00", "deaf": false, "mute": false,
           "flags": 0, "permissions": permissions.to_string()})
}

/// A slash command (type 2) with raw `options` (subcommands nest) and `resolved` data,
/// run by `member`.
pub fn command_by(id: u64, name: &str, options: Value, resolved: Value, member: Value) -> Value {
    let mut i = interaction(
        id,
        2,
        "en-US",
        json!({"id": "7000", "name": name, "type": 1, "options": options, "resolved": resolved}),
    );
    i["member"] = member;
    i
}

/// `data.resolved.channels[id]` as Discord sends it (a partial channel).
pub fn resolved_channel(id: u64, news: bool) -> Value {
    json!({"id": id.to_string(), "name": format!("channel-{id}"),
           "type": if news { 5 } else { 0 }, "permissions": "2248473465835073"})
}

/// `data.resolved.roles[id]`.
pub fn resolved_role(id: u64, name: &str) -> Value {
    role_json(id, name)
}

/// A modal submission (type 5): one text input per row; `message` when the modal
/// was opened from a button on that message.
pub fn modal_submit(
    id: u64,
    custom_id: &str,
    fields: &[(&str, &str)],
    member: Value,
    message: Option<Value>,
) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(k, v)| json!({"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}))
        .collect();
    let mut i = interaction(
        id,
        5,
        "en-US",
        json!({"custom_id": custom_id, "components": rows}),
    );
    i["member"] = member;
    if let Some(m) = message {
        i["message"] = m;
    }
    i
}

/// A button press (type 3) on `message` by `member`.
pub fn button_by(id: u64, custom_id: &str, message: Value, member: Value) -> Value {
    let mut i = interaction(
        id,
        3,
        "en-US",
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    i["message"] = message;
    i["member"] = member;
    i
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
    shared: Arc<Shared>,
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
        // When the request arrived, before the fake's own work (schema checks).
        let at = Instant::now();
        let json = headers
            .iter()
            .all(|(k, v)| k != "content-type" || v.starts_with("application/json"));
        if json {
            if let Err(e) = openapi::validate(&method, &path, &body) {
                shared.state.lock().unwrap().violations.extend(e);
            }
        }
        let (status, reply) = route(&method, &path, &body, &ws_url, &shared);
        let hold = {
            let st = shared.state.lock().unwrap();
            let under_channels = path.starts_with("/api/v10/channels/");
            if method == "POST" && under_channels && path.ends_with("/messages") {
                st.hold_posts
            } else if method == "GET" && under_channels && path.matches('/').count() == 4 {
                st.hold_channel_gets
            } else {
                None
            }
        };
        requests.lock().unwrap().push(Recorded {
            method,
            path,
            headers,
            body,
            at,
        });
        notify.notify_waiters();
        if let Some(d) = hold {
            // Done (and recorded) but not answered yet: a client killed now never
            // learns the outcome.
            tokio::time::sleep(d).await;
        }
        let text = reply.map(|v| v.to_string()).unwrap_or_default();
        let reason = match status {
            200 => "OK",
            204 => "No Content",
            403 => "Forbidden",
            500 => "Internal Server Error",
            _ => "Not Found",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            text.len()
        );
        // One write: head and body in two small segments meet Nagle's algorithm and
        // the client's delayed ACK, a 40 ms stall per request.
        let reply = head + &text;
        if stream.get_mut().write_all(reply.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn route(
    method: &str,
    path: &str,
    body: &Value,
    ws_url: &str,
    shared: &Shared,
) -> (u16, Option<Value>) {
    let p: Vec<&str> = path
        .trim_start_matches("/api/v10/")
        .split('?')
        .next()
        .unwrap_or_default()
        .split('/')
        .collect();
    let query = |k: &str| -> Option<u64> {
        let q = path.split_once('?')?.1;
        q.split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
            .and_then(|v| v.parse().ok())
    };
    let bot = || user(BOT_ID, "hanoi-bot", true);
    let new_message = |channel: &str| {
        let id = shared.snowflake();
        let content = body["content"].as_str().unwrap_or_default();
        let mut m = message_json(id, channel.parse().unwrap_or(CHANNEL_ID), bot(), content);
        if let Some(e) = body.get("embeds") {
            m["embeds"] = e.clone();
        }
        if let Some(n) = body.get("nonce") {
            m["nonce"] = n.clone();
        }
        m["guild_id"] = json!(GUILD_ID.to_string());
        m["flags"] = json!(0);
        serde_json::from_value::<serenity::Message>(m.clone()).expect("serenity reads our message");
        m
    };
    let error = |status: u16, code: u32, message: &str| {
        (status, Some(json!({"code": code, "message": message})))
    };
    let mut state = shared.state.lock().unwrap();
    if let ["channels", c, ..] = p.as_slice() {
        let c: u64 = c.parse().unwrap_or(0);
        if state.channels.get(&c).is_some_and(|ch| ch.1) {
            return error(404, 10003, "Unknown Channel");
        }
    }
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
        ("GET", ["channels", c]) => {
            let id: u64 = c.parse().unwrap_or(0);
            let news = state.channels.get(&id).is_some_and(|ch| ch.0);
            let ch = json!({"id": c, "type": if news { 5 } else { 0 }, "guild_id": GUILD_ID.to_string(),
                            "name": format!("channel-{c}"), "position": 0,
                            "permission_overwrites": [], "nsfw": false});
            serde_json::from_value::<serenity::GuildChannel>(ch.clone())
                .expect("serenity reads our channel");
            (200, Some(ch))
        }
        ("POST", ["channels", c, "messages"]) => {
            let id: u64 = c.parse().unwrap_or(0);
            if state.fail_posts > 0 {
                state.fail_posts -= 1;
                return error(500, 0, "Internal Server Error");
            }
            if state.channels.get(&id).is_some_and(|ch| ch.2) {
                return error(403, 50013, "Missing Permissions");
            }
            let m = new_message(c);
            state.messages.entry(id).or_default().push(m.clone());
            (200, Some(m))
        }
        ("GET", ["channels", c, "messages"]) => {
            let id: u64 = c.parse().unwrap_or(0);
            let after = query("after").unwrap_or(0);
            let limit = query("limit").unwrap_or(50).min(100) as usize;
            // Like Discord: with `after`, the `limit` messages right after it,
            // newest first.
            let mut list: Vec<Value> = state
                .messages
                .get(&id)
                .into_iter()
                .flatten()
                .filter(|m| m["id"].as_str().unwrap().parse::<u64>().unwrap() > after)
                .take(limit)
                .cloned()
                .collect();
            list.reverse();
            (200, Some(Value::Array(list)))
        }
        ("POST", ["channels", c, "messages", m, "crosspost"]) => {
            let id: u64 = c.parse().unwrap_or(0);
            let found = state
                .messages
                .get_mut(&id)
                .into_iter()
                .flatten()
                .find(|x| x["id"] == json!(m));
            match found {
                Some(x) => {
                    x["flags"] = json!(1);
                    (200, Some(x.clone()))
                }
                None => error(404, 10008, "Unknown Message"),
            }
        }
        ("GET", ["guilds", _, "roles"]) => {
            let roles: Vec<Value> = state
                .roles
                .iter()
                .map(|(id, name)| role_json(*id, name))
                .collect();
            (200, Some(Value::Array(roles)))
        }
        ("POST", ["channels", c, "messages", _, "threads"]) => {
            let id = shared.snowflake();
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

fn role_json(id: u64, name: &str) -> Value {
    let r = json!({"id": id.to_string(), "name": name, "color": 0, "hoist": false,
                   "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
                   "position": 1, "permissions": "0", "managed": false,
                   "mentionable": true, "flags": 0});
    serde_json::from_value::<serenity::Role>(r.clone()).expect("serenity reads our role");
    r
}

// ---- checks of what the bot sends ----

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Checks a message body (create message, interaction response data, follow-up)
/// against Discord's limits and the bot's rule of mentioning nobody.
pub fn check_message(m: &Value) {
    check_message_allowing(m, &[], false);
}

/// [`check_message`] for a post that may ping exactly `roles` (and @everyone).
pub fn check_message_allowing(m: &Value, roles: &[u64], everyone: bool) {
    assert!(chars(&m["content"]) <= 2000, "content over 2,000: {m}");
    let am = &m["allowed_mentions"];
    let parse = if everyone {
        json!(["everyone"])
    } else {
        json!([])
    };
    assert_eq!(am["parse"], parse, "allowed_mentions.parse: {m}");
    let roles: Vec<String> = roles.iter().map(u64::to_string).collect();
    let named: Vec<String> = am["roles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert!(
        am["users"].as_array().is_none_or(|a| a.is_empty()) && named == roles,
        "only {roles:?} may be pinged: {m}"
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
        Some(9) => {
            let d = &body["data"];
            assert!((1..=100).contains(&chars(&d["custom_id"])), "{body}");
            assert!((1..=45).contains(&chars(&d["title"])), "{body}");
            let rows = d["components"].as_array().expect("modal rows");
            assert!((1..=5).contains(&rows.len()));
            for row in rows {
                let cs = row["components"].as_array().unwrap();
                assert_eq!(cs.len(), 1, "one text input per row: {row}");
                let t = &cs[0];
                assert_eq!(t["type"], 4);
                assert!((1..=45).contains(&chars(&t["label"])), "{t}");
                assert!(chars(&t["custom_id"]) <= 100);
                assert!(t["max_length"].as_u64().is_none_or(|n| n <= 4000), "{t}");
                assert!(chars(&t["value"]) <= 4000);
            }
        }
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
