//! Payloads as Discord sends them: users, members, interactions (commands,
//! autocomplete, buttons, modal submissions) and messages.

use super::rest::role_json;
use super::{APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, USER_ID};
use serde_json::{json, Value};

/// A user object.
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
