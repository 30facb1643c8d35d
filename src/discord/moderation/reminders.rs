//! `/reminders on|off|status`: session reminders before each timed session.

use super::{moderator_check, send_moderator_reply, who};
use crate::discord::{Ctx, Error};
use crate::reply::Rich;
use crate::schedule::{list_reply, set_reminders};
use crate::store::ItemKind;
use chrono::Utc;

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
        .await?;
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
        .call(move |s| set_reminders(s, on, &who, Utc::now()))
        .await?;
    let data = ctx.data();
    crate::discord::services::resync_reminders(&data.store, &data.desk, &data.waker).await?;
    reminders_reply(ctx, message).await
}

/// `message` and the pending reminders, soonest first.
async fn reminders_reply(ctx: Ctx<'_>, message: String) -> Result<(), Error> {
    let items = ctx.data().store.call(|s| s.list_items(false)).await?;
    let pending: Vec<_> = items
        .into_iter()
        .filter(|i| i.kind == ItemKind::Reminder)
        .collect();
    let lead = ctx.data().config.reminders.lead_minutes;
    let offset = ctx.data().desk.get().knowledge.offset;
    let mut r = list_reply(&pending, offset);
    r.title = "Session reminders".into();
    r.body = Rich::text(format!(
        "{message} {} pending, each {lead} minutes before its session.",
        pending.len()
    ));
    send_moderator_reply(ctx, &r).await
}
