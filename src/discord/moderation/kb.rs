//! `/kb gaps|stats|reload|review|source`: the curation loop for moderators.

use super::{moderator_check, send_moderator_reply, who};
use crate::curation::{
    gaps, gaps_reply, reload, reload_reply, source_reply, stats, stats_reply, Guard, ReloadError,
};
use crate::discord::{AppCtx, Ctx, Error};
use chrono::Utc;
use std::time::Instant;

/// The knowledge base: unanswered questions, statistics, reload
#[poise::command(
    slash_command,
    guild_only,
    name_localized("vi", "kiến-thức"),
    subcommands("kb_gaps", "kb_stats", "kb_reload", "kb_review", "kb_source"),
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
pub async fn kb_gaps(ctx: Ctx<'_>) -> Result<(), Error> {
    let desk = ctx.data().desk.get();
    let report = ctx.data().store.call(move |s| gaps(s, &desk, 15)).await?;
    send_moderator_reply(ctx, &gaps_reply(&report)).await
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
pub async fn kb_stats(ctx: Ctx<'_>) -> Result<(), Error> {
    let s = ctx.data().store.call(|s| stats(s, Utc::now(), 7)).await?;
    send_moderator_reply(ctx, &stats_reply(&s, &ctx.data().desk.get())).await
}

/// Where an answer comes from: every source listed, its links, the curators' notes
#[poise::command(
    slash_command,
    guild_only,
    rename = "source",
    name_localized("vi", "nguồn"),
    description_localized(
        "vi",
        "Nguồn của một câu trả lời: mọi nguồn, đường dẫn, ghi chú của người biên soạn"
    )
)]
pub async fn kb_source(
    ctx: Ctx<'_>,
    #[description = "A question, or an entry id"]
    #[name_localized("vi", "câu-hỏi")]
    #[description_localized("vi", "Một câu hỏi, hoặc mã của mục")]
    #[max_length = 500]
    question: String,
) -> Result<(), Error> {
    let desk = ctx.data().desk.get();
    let reply = tokio::task::spawn_blocking(move || source_reply(&desk, &question)).await?;
    send_moderator_reply(ctx, &reply).await
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
pub async fn kb_reload(
    ctx: Ctx<'_>,
    #[description = "Load a valid file even if it looks cut short (drops many entries, cancels reminders)"]
    #[name_localized("vi", "bắt-buộc")]
    #[description_localized(
        "vi",
        "Nạp tệp hợp lệ kể cả khi có vẻ bị cắt (mất nhiều mục, hủy nhắc lịch)"
    )]
    force: Option<bool>,
) -> Result<(), Error> {
    let started = Instant::now();
    let data = ctx.data();
    let force = force.unwrap_or(false);
    let path = data.desk.get().knowledge.origin.clone();
    if !path.is_file() {
        return Err(Error::User(format!(
            "The bot answers from its built-in knowledge ({} was not found when it started); there is no file to reload. Start it where the file is, or with --knowledge FILE.",
            path.display()
        )));
    }
    ctx.defer_ephemeral().await?;
    let reminded = crate::discord::services::reminded_sessions(&data.store).await?;
    let (p, h, c) = (path.clone(), data.desk.clone(), data.config.clone());
    let guard = Guard { force, reminded };
    let result = tokio::task::spawn_blocking(move || reload(&p, &h, &c, &guard)).await?;
    let detail = match &result {
        Ok(s) => format!(
            "{}: version {} → {}{}",
            s.file,
            s.previous_version,
            s.version,
            if s.forced { " (forced)" } else { "" }
        ),
        Err(ReloadError::Invalid(p)) => {
            format!("{}: refused, {} problems", path.display(), p.0.len())
        }
        Err(e) => format!("{}: refused, {e}", path.display()),
    };
    let who = who(ctx.author());
    let action = if force {
        "kb.reload.force"
    } else {
        "kb.reload"
    };
    let (w, d) = (who.clone(), detail.clone());
    data.store
        .call(move |s| s.audit(&w, action, &d, Utc::now()))
        .await?;
    let _ = data
        .log
        .send(format!("Knowledge reload by {who}: {detail}"));
    if result.is_ok() {
        if let Some(line) =
            crate::discord::services::resync_reminders(&data.store, &data.desk, &data.waker).await?
        {
            let _ = data.log.send(line);
        }
    }
    tracing::info!(
        command = "kb reload",
        ok = result.is_ok(),
        force,
        latency_ms = started.elapsed().as_secs_f64() * 1e3,
        "interaction handled"
    );
    send_moderator_reply(ctx, &reload_reply(&result)).await
}

/// Review unanswered questions one at a time: add as a phrasing, out of scope, or skip
#[poise::command(
    slash_command,
    guild_only,
    rename = "review",
    name_localized("vi", "duyệt"),
    description_localized(
        "vi",
        "Duyệt từng câu hỏi chưa trả lời: thêm làm cách hỏi, ngoài phạm vi, hoặc bỏ qua"
    )
)]
pub async fn kb_review(ctx: AppCtx<'_>) -> Result<(), Error> {
    super::review::review(ctx).await
}
