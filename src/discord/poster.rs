//! The scheduler's [`Poster`] on Discord: announcements and reminders as embeds.
//!
//! What goes out is decided here and nowhere else:
//! - `allowed_mentions` names exactly the role the moderator chose (and `everyone`
//!   only when the item asked for it and the config allowed it); the content holds
//!   only that ping, so text written by users or taken from the knowledge never pings;
//! - the item's nonce is the message nonce with `enforce_nonce`, so Discord itself
//!   drops a resend of the same item within its dedup window;
//! - the embed footer carries [`Outgoing::marker`], which [`Poster::find_posted`] looks
//!   for among the bot's recent messages after a crash (REST never returns nonces);
//! - in an announcement (news) channel the message is crossposted so that servers
//!   following the channel receive it; a failed crosspost is logged, not retried,
//!   because the post itself exists and must not be sent again.

use super::render;
use crate::schedule::FOOTER;
use crate::schedule::{Outgoing, PostError, Poster};
use crate::store::{Item, ItemKind};
use chrono::{DateTime, Utc};
use poise::serenity_prelude as serenity;
use std::sync::Arc;

/// Discord's epoch (2015-01-01) in Unix milliseconds, for snowflakes from instants.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;
/// `find_posted` reads at most this many pages of 100 messages.
const MAX_PAGES: usize = 10;

/// Posts through the bot's REST client.
pub struct DiscordPoster {
    http: Arc<serenity::Http>,
}

impl DiscordPoster {
    /// Posts with the bot's REST client.
    pub fn new(http: Arc<serenity::Http>) -> DiscordPoster {
        DiscordPoster { http }
    }
}

/// The smallest snowflake of an instant: messages with a larger id were sent after it.
pub fn snowflake_at(t: DateTime<Utc>) -> u64 {
    let ms = (t.timestamp_millis() - DISCORD_EPOCH_MS).max(0) as u64;
    ms << 22
}

/// Maps a failed request to what the scheduler can act on.
pub fn post_error(e: &serenity::Error) -> PostError {
    use serenity::{Error, HttpError};
    match e {
        Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            let status = r.status_code.as_u16();
            let (code, msg) = (r.error.code, r.error.message.clone());
            match (status, code) {
                // Unknown Channel.
                (_, 10003) | (404, _) => PostError::ChannelGone,
                // Unknown Role.
                (_, 10011) => PostError::RoleGone,
                // Missing Access, Missing Permissions, cannot send in this channel.
                (403, _) | (_, 50001) | (_, 50013) => PostError::MissingPermissions(msg),
                (429, _) | (500..=599, _) => PostError::Transient(format!("HTTP {status}: {msg}")),
                _ => PostError::Rejected(format!("HTTP {status} (code {code}): {msg}")),
            }
        }
        // Timeouts, refused connections, bodies that did not parse.
        other => PostError::Transient(other.to_string()),
    }
}

/// The embed of a post (and of its preview): the reply's first page, the image, and
/// `marker` appended to the footer.
pub fn embed(
    reply: &crate::reply::Reply,
    image: Option<&str>,
    marker: Option<&str>,
) -> serenity::CreateEmbed {
    let page = render::pages(reply).into_iter().next().unwrap_or_default();
    let footer = match (&page.footer, marker) {
        (Some(f), Some(m)) => Some(format!("{f} · {m}")),
        (Some(f), None) => Some(f.clone()),
        (None, m) => m.map(str::to_string),
    };
    let mut e = render::embed(&page);
    if let Some(f) = footer {
        e = e.footer(serenity::CreateEmbedFooter::new(f));
    }
    if let Some(url) = image {
        e = e.image(url);
    }
    e
}

/// The message for an item: its ping (if any) as content, one embed, the nonce.
pub fn message(out: &Outgoing) -> serenity::CreateMessage {
    let marker = match out.item.kind {
        ItemKind::Announcement => format!("{FOOTER} · {}", out.marker()),
        ItemKind::Reminder => out.marker(),
    };
    let embed = embed(&out.reply, out.item.image_url.as_deref(), Some(&marker));
    let mut mentions = render::no_mentions();
    let mut content = Vec::new();
    if let Some(role) = out.mentions.role {
        mentions = mentions.roles([serenity::RoleId::new(role)]);
        content.push(format!("<@&{role}>"));
    }
    if out.mentions.everyone {
        mentions = mentions.everyone(true);
        content.push("@everyone".to_string());
    }
    let mut m = serenity::CreateMessage::new()
        .embed(embed)
        .allowed_mentions(mentions)
        .nonce(serenity::Nonce::String(out.item.nonce.clone()))
        .enforce_nonce(true);
    if !content.is_empty() {
        m = m.content(content.join(" "));
    }
    m
}

/// A stored id of 0 (written before ids were checked): serenity's `ChannelId::new(0)`
/// and `RoleId::new(0)` panic, so it is refused here for good, before any request.
fn nonzero(id: u64, what: &str) -> Result<u64, PostError> {
    if id == 0 {
        Err(PostError::Rejected(format!("the {what} id is 0")))
    } else {
        Ok(id)
    }
}

impl Poster for DiscordPoster {
    async fn post(&self, out: &Outgoing) -> Result<u64, PostError> {
        let channel = serenity::ChannelId::new(nonzero(out.item.channel_id, "channel")?);
        if let Some(role) = out.mentions.role {
            nonzero(role, "role")?;
        }
        // The channel's kind decides the crosspost; a deleted one fails here, before
        // anything is sent.
        let news = match self.http.get_channel(channel).await {
            Ok(serenity::Channel::Guild(c)) => c.kind == serenity::ChannelType::News,
            Ok(_) => false,
            Err(e) => return Err(post_error(&e)),
        };
        let sent = channel
            .send_message(&self.http, message(out))
            .await
            .map_err(|e| post_error(&e))?;
        if news {
            if let Err(e) = self.http.crosspost_message(channel, sent.id).await {
                tracing::warn!(
                    item = out.item.id,
                    message = sent.id.get(),
                    "posted but could not publish to following servers: {e}"
                );
            }
        }
        Ok(sent.id.get())
    }

    async fn find_posted(&self, item: &Item) -> Result<Option<u64>, PostError> {
        let channel = serenity::ChannelId::new(nonzero(item.channel_id, "channel")?);
        let since = item.attempt_started_at.unwrap_or(item.due_at) - chrono::Duration::minutes(2);
        let marker = format!("ref {}", item.nonce);
        let mut after = serenity::MessageId::new(snowflake_at(since).max(1));
        for _ in 0..MAX_PAGES {
            let page = self
                .http
                .get_messages(
                    channel,
                    Some(serenity::MessagePagination::After(after)),
                    Some(100),
                )
                .await
                .map_err(|e| post_error(&e))?;
            let found = page.iter().find(|m| {
                m.author.bot
                    && m.embeds
                        .iter()
                        .any(|e| e.footer.as_ref().is_some_and(|f| f.text.ends_with(&marker)))
            });
            if let Some(m) = found {
                return Ok(Some(m.id.get()));
            }
            match page.iter().map(|m| m.id).max() {
                Some(last) if page.len() == 100 => after = last,
                _ => return Ok(None),
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Reply, ReplyKind, Rich};
    use crate::schedule::Mentions;
    use crate::store::ItemState;

    fn item() -> Item {
        let t = DateTime::parse_from_rfc3339("2025-10-25T01:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Item {
            id: 7,
            kind: ItemKind::Announcement,
            channel_id: 42,
            role_id: Some(99),
            allow_everyone: false,
            title: "Doors open".into(),
            body: "Ping @everyone <@&5> <@6>".into(),
            image_url: Some("https://example.org/a.png".into()),
            due_at: t,
            state: ItemState::Pending,
            attempts: 0,
            attempt_started_at: None,
            not_before: None,
            posted_message_id: None,
            posted_at: None,
            last_error: None,
            created_by: "mod".into(),
            created_at: t,
            session_id: None,
            nonce: "hb-0123456789abcdef".into(),
        }
    }

    fn json(m: &serenity::CreateMessage) -> serde_json::Value {
        serde_json::to_value(m).unwrap()
    }

    #[test]
    fn only_the_chosen_role_is_pinged_whatever_the_text_says() {
        let it = item();
        let out = Outgoing {
            reply: Reply::new(ReplyKind::Info, &it.title, Rich::text(&it.body)),
            mentions: Mentions {
                role: Some(99),
                everyone: false,
            },
            item: it,
        };
        let m = json(&message(&out));
        assert_eq!(m["content"], "<@&99>");
        assert_eq!(m["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(m["allowed_mentions"]["roles"], serde_json::json!(["99"]));
        assert_eq!(m["nonce"], "hb-0123456789abcdef");
        assert_eq!(m["enforce_nonce"], true);
        let footer = m["embeds"][0]["footer"]["text"].as_str().unwrap();
        assert_eq!(
            footer,
            "Announcement from the moderators · ref hb-0123456789abcdef"
        );
        assert_eq!(m["embeds"][0]["image"]["url"], "https://example.org/a.png");
    }

    #[test]
    fn everyone_only_when_asked_and_no_content_without_a_ping() {
        let it = item();
        let reply = Reply::new(ReplyKind::Info, "t", Rich::text("b"));
        let mut out = Outgoing {
            reply,
            mentions: Mentions {
                role: None,
                everyone: true,
            },
            item: it,
        };
        let m = json(&message(&out));
        assert_eq!(m["content"], "@everyone");
        assert_eq!(
            m["allowed_mentions"]["parse"],
            serde_json::json!(["everyone"])
        );
        out.mentions.everyone = false;
        let m = json(&message(&out));
        assert!(m.get("content").is_none_or(|c| c.is_null()), "{m}");
        assert_eq!(m["allowed_mentions"]["parse"], serde_json::json!([]));
    }

    #[test]
    fn snowflakes_follow_discord_epoch() {
        let t = DateTime::parse_from_rfc3339("2015-01-01T00:00:01Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(snowflake_at(t), 1000 << 22);
    }
}
