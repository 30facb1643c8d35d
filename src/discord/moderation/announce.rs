//! `/announce`: compose and post now, schedule, list, cancel.

use super::compose::{self, Target};
use super::{moderator_check, send_moderator_reply, who};
use crate::discord::{Ctx, Error};
use crate::reply::{Reply, ReplyKind, Rich};
use crate::schedule::{cancel as cancel_item, list_reply};
use chrono::Utc;
use poise::serenity_prelude as serenity;

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
    let items = ctx.data().store.call(|s| s.list_items(false)).await?;
    let offset = ctx.data().desk.get().knowledge.offset;
    send_moderator_reply(ctx, &list_reply(&items, offset)).await
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
        .call(move |s| cancel_item(s, id, &who, Utc::now()))
        .await?;
    ctx.data().waker.notify_one();
    send_moderator_reply(
        ctx,
        &Reply::new(ReplyKind::Info, "Cancel", Rich::text(message)),
    )
    .await
}
