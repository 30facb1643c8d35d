//! Moderator commands: `/announce`, `/reminders`, `/kb`.
//!
//! Who is a moderator is decided twice. Discord hides the commands from members
//! without Manage Messages (`default_member_permissions`, set from the catalogue), but
//! server admins can change that per command, so [`moderator_check`] decides again at
//! run time: a member holding one of `[discord] moderator_roles` (or Administrator);
//! with no roles configured, Manage Messages in the channel as Discord computed it for
//! this interaction. Everyone else gets an ephemeral refusal, recorded in the audit log,
//! and nothing happens. Every moderator action is audited (who, what, when).

use super::commands::Ctx;
use super::compose::{self, Target};
use super::render::{self, no_mentions};
use super::Error;
use crate::curation::{gaps, gaps_reply, reload, reload_reply, stats, stats_reply};
use crate::reply::{Reply, ReplyKind, Rich};
use crate::schedule::{cancel as cancel_item, list_reply, set_reminders, Refs};
use crate::store::ItemKind;
use chrono::Utc;
use poise::serenity_prelude as serenity;
use poise::CreateReply;
use std::time::Instant;

/// Whether a member may use moderator commands (see the module docs).
pub fn may_moderate(
    roles: &[u64],
    permissions: Option<serenity::Permissions>,
    moderator_roles: &[u64],
) -> bool {
    let perms = permissions.unwrap_or_else(serenity::Permissions::empty);
    if perms.administrator() {
        return true;
    }
    if moderator_roles.is_empty() {
        perms.manage_messages()
    } else {
        roles.iter().any(|r| moderator_roles.contains(r))
    }
}

/// How the audit log names a member: name and id (names change, ids do not).
pub fn who(user: &serenity::User) -> String {
    format!("{} ({})", user.name, user.id)
}

/// The run-time check on every moderator command (poise runs a parent's check for its
/// subcommands too). A refusal is audited and answered by `errors::on_error`.
pub async fn moderator_check(ctx: Ctx<'_>) -> Result<bool, Error> {
    let poise::Context::Application(actx) = ctx else {
        return Ok(false);
    };
    let allowed = actx.interaction.member.as_ref().is_some_and(|m| {
        let roles: Vec<u64> = m.roles.iter().map(|r| r.get()).collect();
        may_moderate(
            &roles,
            m.permissions,
            &ctx.data().config.discord.moderator_roles,
        )
    });
    if !allowed {
        let (who, what) = (
            who(ctx.author()),
            format!("/{}", ctx.command().qualified_name),
        );
        tracing::info!(who, what, "moderator command refused");
        let r = ctx
            .data()
            .store
            .call(move |s| s.audit(&who, "denied", &what, Utc::now()))
            .await;
        if let Err(e) = r {
            tracing::error!("could not audit a refusal: {e}");
        }
    }
    Ok(allowed)
}

/// What a non-moderator sees.
pub const REFUSAL: &str = "Only moderators can use this command. Nothing was done.";

/// Sends a moderator-only reply (ephemeral), whatever its kind: a reload's problem list
/// is a user error but must be shown with all its fields.
async fn show(ctx: Ctx<'_>, reply: &Reply) -> Result<(), Error> {
    for page in render::pages(reply) {
        ctx.send(
            CreateReply::default()
                .embed(render::embed(&page))
                .ephemeral(true)
                .allowed_mentions(no_mentions()),
        )
        .await?;
    }
    Ok(())
}

fn db(e: crate::store::StoreError) -> Error {
    Error::Internal(e.to_string())
}

/// Announcements to the server: compose and post, schedule, list, cancel
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "thông-báo"),
    subcommands("post", "schedule", "list", "cancel"),
    subcommand_required,
    check = "moderator_check"
)]
pub async fn announce(_ctx: Ctx<'_>) -> Result<(), Error> {
    Ok(())
}

/// Write an announcement, preview it, and post it now
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "đăng"),
    description_localized("vi", "Soạn thông báo, xem trước và đăng ngay")
)]
pub async fn post(
    ctx: Ctx<'_>,
    #[description = "Channel to post in (default: the announcements channel)"]
    #[channel_types("Text", "News")]
    #[name_localized("vi", "kênh")]
    #[description_localized("vi", "Kênh để đăng (mặc định: kênh thông báo)")]
    channel: Option<serenity::PartialChannel>,
    #[description = "The only role to ping (none: nobody is pinged)"]
    #[name_localized("vi", "vai-trò")]
    #[description_localized("vi", "Vai trò duy nhất được nhắc (không chọn: không nhắc ai)")]
    role: Option<serenity::Role>,
    #[description = "Also ping @everyone (only if the bot's configuration allows it)"]
    #[name_localized("vi", "mọi-người")]
    #[description_localized("vi", "Nhắc cả @everyone (chỉ khi cấu hình cho phép)")]
    everyone: Option<bool>,
) -> Result<(), Error> {
    let target = Target::new(channel, role, everyone, None);
    compose_in(ctx, target).await
}

/// Write an announcement and schedule it, e.g. “2025-10-25 08:30”, “in 2h”, “tomorrow 9:00”
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "hẹn-giờ"),
    description_localized(
        "vi",
        "Soạn thông báo và hẹn giờ đăng, ví dụ “2025-10-25 08:30”, “in 2h”"
    )
)]
pub async fn schedule(
    ctx: Ctx<'_>,
    #[description = "When, in the event's time zone: 2025-10-25 08:30, in 2h, tomorrow 9:00"]
    #[max_length = 100]
    #[name_localized("vi", "khi-nào")]
    #[description_localized(
        "vi",
        "Thời điểm theo múi giờ sự kiện: 2025-10-25 08:30, in 2h, tomorrow 9:00"
    )]
    when: String,
    #[description = "Channel to post in (default: the announcements channel)"]
    #[channel_types("Text", "News")]
    #[name_localized("vi", "kênh")]
    #[description_localized("vi", "Kênh để đăng (mặc định: kênh thông báo)")]
    channel: Option<serenity::PartialChannel>,
    #[description = "The only role to ping (none: nobody is pinged)"]
    #[name_localized("vi", "vai-trò")]
    #[description_localized("vi", "Vai trò duy nhất được nhắc (không chọn: không nhắc ai)")]
    role: Option<serenity::Role>,
    #[description = "Also ping @everyone (only if the bot's configuration allows it)"]
    #[name_localized("vi", "mọi-người")]
    #[description_localized("vi", "Nhắc cả @everyone (chỉ khi cấu hình cho phép)")]
    everyone: Option<bool>,
) -> Result<(), Error> {
    let target = Target::new(channel, role, everyone, Some(when));
    compose_in(ctx, target).await
}

async fn compose_in(ctx: Ctx<'_>, target: Target) -> Result<(), Error> {
    match ctx {
        poise::Context::Application(actx) => compose::compose(actx, target).await,
        poise::Context::Prefix(_) => Err(Error::User("Use the slash command.".into())),
    }
}

/// What is scheduled: announcements and session reminders
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "danh-sách"),
    description_localized("vi", "Những gì đã hẹn giờ: thông báo và nhắc lịch")
)]
pub async fn list(ctx: Ctx<'_>) -> Result<(), Error> {
    let items = ctx
        .data()
        .store
        .call(|s| s.list_items(false))
        .await
        .map_err(db)?;
    let offset = ctx.data().desk.get().knowledge.offset;
    show(ctx, &list_reply(&items, offset, Refs::Discord)).await
}

/// Cancel a scheduled announcement or reminder by its number
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "hủy"),
    description_localized("vi", "Hủy một thông báo hoặc nhắc lịch đã hẹn theo số")
)]
pub async fn cancel(
    ctx: Ctx<'_>,
    #[description = "The number shown by /announce list"]
    #[min = 1]
    #[name_localized("vi", "số")]
    #[description_localized("vi", "Số hiển thị trong /announce list")]
    id: i64,
) -> Result<(), Error> {
    let who = who(ctx.author());
    let message = ctx
        .data()
        .store
        .call(move |s| Ok(cancel_item(s, id, &who, Utc::now())))
        .await
        .map_err(db)?
        .map_err(Error::Internal)?;
    ctx.data().waker.notify_one();
    show(
        ctx,
        &Reply::new(ReplyKind::Info, "Cancel", Rich::text(message)),
    )
    .await
}

/// Session reminders before each timed session
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "nhắc-lịch"),
    subcommands("on", "off", "status"),
    subcommand_required,
    check = "moderator_check"
)]
pub async fn reminders(_ctx: Ctx<'_>) -> Result<(), Error> {
    Ok(())
}

/// Turn session reminders on
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "bật"),
    description_localized("vi", "Bật nhắc lịch trước các phiên")
)]
pub async fn on(ctx: Ctx<'_>) -> Result<(), Error> {
    switch_reminders(ctx, true).await
}

/// Turn session reminders off (pending ones are cancelled)
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "tắt"),
    description_localized("vi", "Tắt nhắc lịch (các nhắc lịch đang chờ bị hủy)")
)]
pub async fn off(ctx: Ctx<'_>) -> Result<(), Error> {
    switch_reminders(ctx, false).await
}

/// Whether reminders are on, and the next ones
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "trạng-thái"),
    description_localized("vi", "Nhắc lịch đang bật hay tắt, và các nhắc lịch sắp tới")
)]
pub async fn status(ctx: Ctx<'_>) -> Result<(), Error> {
    let default = ctx.data().config.reminders.enabled;
    let on = ctx
        .data()
        .store
        .call(move |s| s.reminders_enabled(default))
        .await
        .map_err(db)?;
    reminders_reply(
        ctx,
        if on {
            "Session reminders are on."
        } else {
            "Session reminders are off."
        }
        .into(),
    )
    .await
}

async fn switch_reminders(ctx: Ctx<'_>, on: bool) -> Result<(), Error> {
    let who = who(ctx.author());
    let message = ctx
        .data()
        .store
        .call(move |s| Ok(set_reminders(s, on, &who, Utc::now())))
        .await
        .map_err(db)?
        .map_err(Error::Internal)?;
    let data = ctx.data();
    super::services::resync_reminders(&data.store, &data.desk, &data.waker)
        .await
        .map_err(Error::Internal)?;
    reminders_reply(ctx, message).await
}

/// `message` and the pending reminders, soonest first.
async fn reminders_reply(ctx: Ctx<'_>, message: String) -> Result<(), Error> {
    let items = ctx
        .data()
        .store
        .call(|s| s.list_items(false))
        .await
        .map_err(db)?;
    let pending: Vec<_> = items
        .into_iter()
        .filter(|i| i.kind == ItemKind::Reminder)
        .collect();
    let lead = ctx.data().config.reminders.lead_minutes;
    let offset = ctx.data().desk.get().knowledge.offset;
    let mut r = list_reply(&pending, offset, Refs::Discord);
    r.title = "Session reminders".into();
    r.body = Rich::text(format!(
        "{message} {} pending, each {lead} minutes before its session.",
        pending.len()
    ));
    show(ctx, &r).await
}

/// The knowledge base: unanswered questions, statistics, reload
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "kiến-thức"),
    subcommands("gaps_cmd", "stats_cmd", "reload_cmd"),
    subcommand_required,
    check = "moderator_check"
)]
pub async fn kb(_ctx: Ctx<'_>) -> Result<(), Error> {
    Ok(())
}

/// The most frequent questions the bot could not answer, with the closest entries
#[poise::command(
    slash_command,
    guild_only,
    rename = "gaps",
    name_localized("vi", "thiếu"),
    description_localized("vi", "Câu hỏi chưa trả lời được nhiều nhất, kèm mục gần nhất")
)]
pub async fn gaps_cmd(ctx: Ctx<'_>) -> Result<(), Error> {
    let desk = ctx.data().desk.get();
    let report = ctx
        .data()
        .store
        .call(move |s| gaps(s, &desk, 15))
        .await
        .map_err(db)?;
    show(ctx, &gaps_reply(&report)).await
}

/// Questions per day, answered rate, most used entries and feedback (last 7 days)
#[poise::command(
    slash_command,
    guild_only,
    rename = "stats",
    name_localized("vi", "thống-kê"),
    description_localized(
        "vi",
        "Số câu hỏi mỗi ngày, tỉ lệ trả lời, mục dùng nhiều, phản hồi (7 ngày)"
    )
)]
pub async fn stats_cmd(ctx: Ctx<'_>) -> Result<(), Error> {
    let s = ctx
        .data()
        .store
        .call(|s| stats(s, Utc::now(), 7))
        .await
        .map_err(db)?;
    show(ctx, &stats_reply(&s, &ctx.data().desk.get())).await
}

/// Re-read the knowledge file; an invalid file is not loaded and every problem is shown
#[poise::command(
    slash_command,
    guild_only,
    rename = "reload",
    name_localized("vi", "nạp-lại"),
    description_localized(
        "vi",
        "Đọc lại tệp dữ liệu; tệp lỗi không được nạp và mọi lỗi được liệt kê"
    )
)]
pub async fn reload_cmd(ctx: Ctx<'_>) -> Result<(), Error> {
    let started = Instant::now();
    let data = ctx.data();
    let path = data.desk.get().knowledge.origin.clone();
    if !path.is_file() {
        return Err(Error::User(format!(
            "The bot answers from its built-in knowledge ({} was not found when it started); there is no file to reload. Start it where the file is, or with --knowledge FILE.",
            path.display()
        )));
    }
    ctx.defer_ephemeral().await?;
    let (p, h, c) = (path.clone(), data.desk.clone(), data.config.clone());
    let result = tokio::task::spawn_blocking(move || reload(&p, &h, &c)).await?;
    let detail = match &result {
        Ok(s) => format!("{}: version {} → {}", s.file, s.previous_version, s.version),
        Err(p) => format!("{}: refused, {} problems", path.display(), p.0.len()),
    };
    let who = who(ctx.author());
    let (w, d) = (who.clone(), detail.clone());
    data.store
        .call(move |s| s.audit(&w, "kb.reload", &d, Utc::now()))
        .await
        .map_err(db)?;
    let _ = data
        .log
        .send(format!("Knowledge reload by {who}: {detail}"));
    if result.is_ok() {
        if let Some(line) = super::services::resync_reminders(&data.store, &data.desk, &data.waker)
            .await
            .map_err(Error::Internal)?
        {
            let _ = data.log.send(line);
        }
    }
    tracing::info!(
        command = "kb reload",
        ok = result.is_ok(),
        latency_ms = started.elapsed().as_secs_f64() * 1e3,
        "interaction handled"
    );
    show(ctx, &reload_reply(&result)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use poise::serenity_prelude::Permissions as P;

    #[test]
    fn configured_roles_decide_and_manage_messages_alone_is_not_enough() {
        let mods = [10, 11];
        assert!(may_moderate(&[5, 11], Some(P::empty()), &mods));
        assert!(!may_moderate(&[5], Some(P::MANAGE_MESSAGES), &mods));
        assert!(may_moderate(&[], Some(P::ADMINISTRATOR), &mods));
        assert!(!may_moderate(&[], None, &mods));
    }

    #[test]
    fn without_configured_roles_manage_messages_is_required() {
        assert!(may_moderate(&[], Some(P::MANAGE_MESSAGES), &[]));
        assert!(!may_moderate(&[1], Some(P::SEND_MESSAGES), &[]));
        assert!(!may_moderate(&[1], None, &[]));
    }
}
