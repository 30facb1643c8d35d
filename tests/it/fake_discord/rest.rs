//! The fake's REST API: HTTP/1.1 with JSON bodies, the routes the bot uses, and every
//! request recorded for a test to wait for.

use super::state::Shared;
use super::{message_json, openapi, user, Fake, Recorded, BOT_ID, CHANNEL_ID, GUILD_ID};
use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Notify;

impl Fake {
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// How many requests so far match `pred` (without copying them).
    pub fn count(&self, pred: impl Fn(&Recorded) -> bool) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| pred(r))
            .count()
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
}

pub(super) async fn serve_http(
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
            .all(|(k, v)| k != "content-type" || v.starts_with("application/json"))
            && !shared.state.lock().unwrap().schema_unchecked;
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
                .map(|(id, name, mentionable)| role_json_with(*id, name, *mentionable))
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

pub(super) fn role_json(id: u64, name: &str) -> Value {
    role_json_with(id, name, true)
}

pub(super) fn role_json_with(id: u64, name: &str, mentionable: bool) -> Value {
    let r = json!({"id": id.to_string(), "name": name, "color": 0, "hoist": false,
                   "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
                   "position": 1, "permissions": "0", "managed": false,
                   "mentionable": mentionable, "flags": 0});
    serde_json::from_value::<serenity::Role>(r.clone()).expect("serenity reads our role");
    r
}
