//! The announcement preview: what stops a draft ([`problems`]), the ephemeral preview
//! message ([`view`]), and Confirm ([`confirm`]: store, wake the scheduler, and for
//! "post now" wait for the outcome). The flow itself is in [`super::compose`].

use crate::discord::poster::{embed, post_error};
use crate::discord::render::{self, no_mentions};
use crate::discord::{AppCtx, Data, Error};
use crate::schedule::WhenError;
use crate::schedule::{add_announcement_at, announcement_reply, AnnounceError, Draft, PostError};
use crate::store::{Item, ItemState};
use chrono::{DateTime, Utc};
use poise::serenity_prelude as serenity;
use std::time::Duration;

/// Prefix of every preview button id: `ann:<key>:<action>` (see [`super::compose`]).
pub const PREFIX: &str = "ann:";
/// How long "post now" waits for the scheduler's outcome before saying it is pending.
const OUTCOME_WAIT: Duration = Duration::from_secs(20);

/// Who is composing, for the checks that depend on them.
pub(super) struct Composer {
    /// The server the command was run in.
    pub guild: Option<serenity::GuildId>,
    /// The moderator's permissions in the channel, as Discord computed them.
    pub permissions: Option<serenity::Permissions>,
}

/// Everything that stops the draft from going out, as sentences.
pub(super) async fn problems(
    data: &Data,
    http: &serenity::Http,
    draft: &Draft,
    due: &Result<Option<DateTime<Utc>>, WhenError>,
    who: &Composer,
) -> Vec<String> {
    let cfg = &data.config.announcements;
    let mut p = draft.check(cfg).err().unwrap_or_default();
    if let Err(e) = due {
        p.push(e.to_string());
    }
    if let Some(role) = draft.role_id.filter(|&r| r != 0) {
        p.extend(role_problem(http, role, who).await);
    }
    // A 0 is already a problem of the draft (and would panic in `ChannelId::new`).
    if let Some(c) = draft.channel(cfg).filter(|&c| c != 0) {
        match http.get_channel(serenity::ChannelId::new(c)).await {
            Ok(serenity::Channel::Guild(g))
                if matches!(g.kind, serenity::ChannelType::Text | serenity::ChannelType::News) => {}
            Ok(_) => p.push(format!("<#{c}> is not a text or announcement channel.")),
            Err(e) => p.push(match post_error(&e) {
                PostError::ChannelGone => {
                    format!("The channel {c} no longer exists (deleted?); pick another one.")
                }
                PostError::MissingPermissions(_) => format!(
                    "The bot cannot see <#{c}>: give it View Channel, Send Messages and Embed Links there."
                ),
                other => format!("Could not check the channel <#{c}>: {other}."),
            }),
        }
    }
    p
}

/// Why the moderator may not ping `role`: it must be a role of this server other than
/// @everyone (whose id is the server's), and one they could mention themselves
/// (mentionable, or they hold Mention Everyone or Administrator). A role listed in
/// `announcements.ping_roles` was allowed by the operator (`Draft::check` holds the
/// list); it must still exist here.
async fn role_problem(http: &serenity::Http, role: u64, who: &Composer) -> Option<String> {
    let Some(guild) = who.guild else {
        return Some("Roles can only be pinged in a server.".into());
    };
    if role == guild.get() {
        return Some(
            "That is the @everyone role: use the “everyone” option instead (if the configuration allows it).".into(),
        );
    }
    let roles = match http.get_guild_roles(guild).await {
        Ok(r) => r,
        Err(e) => {
            return Some(format!(
                "Could not check the role {role}: {}.",
                post_error(&e)
            ))
        }
    };
    let Some(r) = roles.iter().find(|r| r.id.get() == role) else {
        return Some(format!("The role {role} is not a role of this server."));
    };
    let perms = who.permissions.unwrap_or_else(serenity::Permissions::empty);
    if !r.mentionable && !perms.mention_everyone() && !perms.administrator() {
        return Some(format!(
            "You cannot mention the role “{}” yourself (it is not mentionable and you lack Mention Everyone), so the bot will not ping it for you.",
            r.name
        ));
    }
    None
}

/// The preview message: the post as it will look, what happens, and the buttons.
pub(super) fn view(
    key: &str,
    draft: &Draft,
    due: Option<DateTime<Utc>>,
    problems: &[String],
) -> serenity::CreateInteractionResponseMessage {
    let button = |action: &str, label: &str, style| {
        serenity::CreateButton::new(format!("{PREFIX}{key}:{action}"))
            .label(label)
            .style(style)
    };
    let mut buttons = Vec::new();
    let header = if problems.is_empty() {
        buttons.push(button("confirm", "Confirm", serenity::ButtonStyle::Success));
        let pings = match (draft.role_id, draft.everyone) {
            (Some(r), true) => format!("<@&{r}> and @everyone"),
            (Some(r), false) => format!("<@&{r}> only"),
            (None, true) => "@everyone".to_string(),
            (None, false) => "nobody".to_string(),
        };
        let when = match due {
            Some(t) => format!("<t:{0}:F> (<t:{0}:R>)", t.timestamp()),
            None => "as soon as you confirm".to_string(),
        };
        let channel = draft
            .channel_id
            .map_or("the announcements channel".into(), |c| format!("<#{c}>"));
        serenity::CreateEmbed::new()
            .title("Preview: only you can see this")
            .description(format!(
                "Channel: {channel}\nPings: {pings}\nWhen: {when}\n\nNothing is posted until you press Confirm."
            ))
    } else {
        let list: Vec<String> = problems.iter().map(|p| format!("• {p}")).collect();
        render::notice(&format!(
            "This announcement cannot go out yet:\n{}\n\nPress Edit to fix the text, or Cancel (run the command again to change the channel, role or time).",
            list.join("\n")
        ))
    };
    buttons.push(button("edit", "Edit", serenity::ButtonStyle::Secondary));
    buttons.push(button("cancel", "Cancel", serenity::ButtonStyle::Danger));
    let reply = announcement_reply(draft.title.trim(), draft.body.trim());
    let mut embeds = vec![header];
    if !draft.title.trim().is_empty() && !draft.body.trim().is_empty() {
        let image = draft
            .image_url
            .as_deref()
            .map(str::trim)
            .filter(|u| problems.is_empty() && !u.is_empty());
        embeds.push(embed(&reply, image, Some(crate::schedule::FOOTER)));
    }
    serenity::CreateInteractionResponseMessage::new()
        .embeds(embeds)
        .components(vec![serenity::CreateActionRow::Buttons(buttons)])
        .allowed_mentions(no_mentions())
}

/// Confirm: store the item and wake the scheduler. True when the flow is over; false
/// when the store refused it (the preview now says why).
pub(super) async fn confirm(
    ctx: AppCtx<'_>,
    press: &serenity::ComponentInteraction,
    draft: Draft,
    due: Option<DateTime<Utc>>,
) -> Result<bool, Error> {
    let data = ctx.data();
    let http = &ctx.serenity_context().http;
    let who = super::who(&press.user);
    let config = data.config.clone();
    let now = Utc::now();
    let stored = data
        .store
        .call(move |s| {
            Ok(add_announcement_at(
                s,
                &config,
                draft,
                due.unwrap_or(now),
                &who,
                now,
            ))
        })
        .await?;
    let item = match stored {
        Ok(item) => item,
        Err(AnnounceError::Store(e)) => return Err(e.into()),
        Err(AnnounceError::Refused(problems)) => {
            let msg = serenity::CreateInteractionResponseMessage::new()
                .embed(render::notice(&format!(
                    "Not scheduled: {}\nPress Edit or Cancel.",
                    problems.join(" ")
                )))
                .allowed_mentions(no_mentions());
            press
                .create_response(
                    http,
                    serenity::CreateInteractionResponse::UpdateMessage(msg),
                )
                .await?;
            return Ok(false);
        }
    };
    data.waker.notify_one();
    let text = match due {
        Some(t) => format!(
            "Scheduled as #{0}: “{1}” in <#{2}> at <t:{3}:F> (<t:{3}:R>). `/announce cancel id:{0}` cancels it.",
            item.id,
            item.title,
            item.channel_id,
            t.timestamp()
        ),
        None => format!("Posting #{} in <#{}>…", item.id, item.channel_id),
    };
    let msg = serenity::CreateInteractionResponseMessage::new()
        .embeds(vec![serenity::CreateEmbed::new().description(text)])
        .components(Vec::new())
        .allowed_mentions(no_mentions());
    press
        .create_response(
            http,
            serenity::CreateInteractionResponse::UpdateMessage(msg),
        )
        .await?;
    if due.is_none() {
        let outcome = outcome(data, item.id, ctx.interaction.guild_id).await;
        let edit = serenity::EditInteractionResponse::new()
            .embeds(vec![serenity::CreateEmbed::new().description(outcome)]);
        press.edit_response(http, edit).await?;
    }
    Ok(true)
}

/// Waits for the scheduler to post (or give up on) item `id`; a sentence for the preview.
async fn outcome(data: &Data, id: i64, guild: Option<serenity::GuildId>) -> String {
    let started = tokio::time::Instant::now();
    let mut last: Option<Item> = None;
    while started.elapsed() < OUTCOME_WAIT {
        tokio::time::sleep(Duration::from_millis(200)).await;
        match data.store.call(move |s| s.item(id)).await {
            Ok(Some(item)) if !item.state.is_open() => {
                last = Some(item);
                break;
            }
            Ok(item) => last = item,
            Err(e) => return format!("#{id} is stored, but its state could not be read: {e}"),
        }
    }
    let Some(item) = last else {
        return format!("#{id} is stored; see `/announce list`.");
    };
    match item.state {
        ItemState::Posted => {
            let link = match (guild, item.posted_message_id) {
                (Some(g), Some(m)) => format!(
                    ": https://discord.com/channels/{g}/{}/{m}",
                    item.channel_id
                ),
                _ => ".".into(),
            };
            format!("Posted #{} in <#{}>{link}", item.id, item.channel_id)
        }
        ItemState::Failed | ItemState::Missed | ItemState::Cancelled => format!(
            "Not posted: {}. Nothing was sent.",
            item.last_error.as_deref().unwrap_or("unknown reason")
        ),
        ItemState::Pending | ItemState::Attempting => format!(
            "#{} is not posted yet{}; the bot keeps trying and reports the result in the moderators' log. `/announce list` shows it.",
            item.id,
            item.last_error
                .as_deref()
                .map(|e| format!(" ({e})"))
                .unwrap_or_default()
        ),
    }
}
