//! An announcement as a moderator wrote it, checked against Discord's limits and the
//! configuration before anything is stored or shown as a preview.
//!
//! [`Draft::check`] returns *every* problem, each a sentence for the moderator; a draft
//! that passes becomes a [`NewItem`] with [`Draft::into_item`]. [`announcement_reply`]
//! is what the preview shows and what is posted, so the two cannot differ.

use crate::config::AnnouncementsConfig;
use crate::reply::{Reply, ReplyKind, Rich};
use crate::store::{Item, ItemKind, NewItem};
use chrono::{DateTime, Utc};

/// Discord's limit on an embed title.
pub const MAX_TITLE: usize = 256;
/// Discord's limit on an embed description.
pub const MAX_BODY: usize = 4096;
/// Discord's limit on all the text of one embed together.
pub const MAX_EMBED: usize = 6000;
/// Longest image URL accepted.
pub const MAX_URL: usize = 2048;
/// Footer put on announcements (counted in the embed total).
pub const FOOTER: &str = "Announcement from the moderators";

/// What the `/announce` modal and options (or `announce add`) produce.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// The channel picked; `None`: the configured announcements channel.
    pub channel_id: Option<u64>,
    /// The only role to ping.
    pub role_id: Option<u64>,
    /// The moderator ticked "ping @everyone/@here".
    pub everyone: bool,
    /// The embed's title (at most 256 characters).
    pub title: String,
    /// The text (at most 4,096 characters).
    pub body: String,
    /// An image shown under the text (https only).
    pub image_url: Option<String>,
}

impl Draft {
    /// The channel the draft goes to.
    pub fn channel(&self, cfg: &AnnouncementsConfig) -> Option<u64> {
        self.channel_id.or(cfg.channel)
    }

    /// Every problem with the draft, as messages for the moderator.
    pub fn check(&self, cfg: &AnnouncementsConfig) -> Result<(), Vec<String>> {
        let mut p = Vec::new();
        let title = self.title.trim();
        let body = self.body.trim();
        let (tn, bn) = (title.chars().count(), body.chars().count());
        if tn == 0 {
            p.push("The title is empty.".to_string());
        } else if tn > MAX_TITLE {
            p.push(format!(
                "The title has {tn} characters; Discord allows {MAX_TITLE}."
            ));
        }
        if bn == 0 {
            p.push("The text is empty.".to_string());
        } else if bn > MAX_BODY {
            p.push(format!(
                "The text has {bn} characters; Discord allows {MAX_BODY} in an announcement."
            ));
        }
        let total = tn + bn + FOOTER.chars().count();
        if total > MAX_EMBED {
            p.push(format!(
                "Title and text together have {total} characters; Discord allows {MAX_EMBED}."
            ));
        }
        if let Some(url) = self
            .image_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            // Discord fetches the image itself, and moderators were told https://.
            let scheme_ok = url.starts_with("https://");
            let host_ok = url
                .split_once("://")
                .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
            if !scheme_ok || !host_ok || url.chars().any(char::is_whitespace) {
                p.push(format!(
                    "The image URL “{url}” is not a web address (it must start with https://)."
                ));
            } else if url.len() > MAX_URL {
                p.push(format!(
                    "The image URL is longer than {MAX_URL} characters."
                ));
            }
        }
        // Discord ids are never 0: `ChannelId::new(0)` panics, so a 0 must not be stored.
        if self.channel_id == Some(0) {
            p.push("The channel id 0 is not a Discord channel.".to_string());
        }
        match self.role_id {
            Some(0) => p.push("The role id 0 is not a Discord role.".to_string()),
            Some(r) if !cfg.ping_roles.is_empty() && !cfg.ping_roles.contains(&r) => p.push(
                format!("The role {r} is not one of the roles announcements may ping (announcements.ping_roles)."),
            ),
            _ => {}
        }
        if self.channel(cfg).is_none() {
            p.push("Pick a channel: no announcements channel is configured.".to_string());
        }
        if self.everyone && !cfg.allow_everyone {
            p.push(
                "Pinging @everyone or @here is turned off in the bot's configuration.".to_string(),
            );
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(p)
        }
    }

    /// The checked draft as an item due at `due_at`.
    pub fn into_item(
        self,
        cfg: &AnnouncementsConfig,
        due_at: DateTime<Utc>,
    ) -> Result<NewItem, Vec<String>> {
        self.check(cfg)?;
        Ok(NewItem {
            kind: ItemKind::Announcement,
            channel_id: self.channel(cfg).unwrap_or_default(),
            role_id: self.role_id,
            allow_everyone: self.everyone,
            title: self.title.trim().to_string(),
            body: self.body.trim().to_string(),
            image_url: self
                .image_url
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty()),
            due_at,
            session_id: None,
        })
    }
}

/// The embed of an announcement (preview and post alike). The image is in
/// `item.image_url`; pings are in [`super::Mentions`], never in the text; the footer
/// is [`FOOTER`] (not a "Source:"), added by the platform with its own reference.
pub fn announcement_reply(title: &str, body: &str) -> Reply {
    Reply::new(ReplyKind::Info, title, Rich::text(body))
}

/// [`announcement_reply`] of a stored item.
pub fn item_reply(item: &Item) -> Reply {
    announcement_reply(&item.title, &item.body)
}
