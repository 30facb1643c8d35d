//! The curation loop on Discord: every question asked is counted (and logged for
//! curators when unanswered or weakly answered), and "Was this helpful? 👍 / 👎"
//! presses are stored per answer. Both write to the database off the gateway task and
//! never delay an answer: logging happens after the reply went out.

use super::render::{self, no_mentions};
use super::{Data, Error};
use crate::answers::Asked;
use crate::curation::{log_question, vote};
use chrono::Utc;
use poise::serenity_prelude as serenity;

/// Records one question in the background. `channel_kind`: "slash", "mention",
/// "qa-channel", "dm". The user id is kept only if `[curation] log_user_ids` allows it
/// (`log_question` checks).
pub fn log_asked(data: &Data, asked: Asked, channel_kind: &'static str, user: u64) {
    let store = data.store.clone();
    let cfg = data.config.curation.clone();
    tokio::spawn(async move {
        let r = store
            .call(move |s| log_question(s, &cfg, &asked, channel_kind, Some(user), Utc::now()))
            .await;
        if let Err(e) = r {
            tracing::error!(channel_kind, "could not log a question: {e}");
        }
    });
}

/// A 👍 or 👎 press: stored against the answer's entry, acknowledged privately; a
/// second press by the same user on the same message replaces their vote.
pub async fn handle_vote(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let id = press.data.custom_id.as_str();
    let (up, entry) = match (
        id.strip_prefix(render::VOTE_UP),
        id.strip_prefix(render::VOTE_DOWN),
    ) {
        (Some(e), _) => (true, e.to_string()),
        (_, Some(e)) => (false, e.to_string()),
        _ => return Ok(()),
    };
    let (message, user) = (press.message.id.get(), press.user.id.get());
    let e2 = entry.clone();
    let stored = data
        .store
        .call(move |s| vote(s, message, user, &e2, up, Utc::now()))
        .await;
    let text = match &stored {
        Ok(()) if up => "Thanks! Glad it helped.",
        Ok(()) => "Thanks for telling us. The moderators review answers marked unhelpful.",
        Err(_) => crate::discord::errors::APOLOGY,
    };
    if let Err(e) = &stored {
        tracing::error!(entry, "could not store a vote: {e}");
    }
    let msg = serenity::CreateInteractionResponseMessage::new()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(no_mentions());
    press
        .create_response(&ctx.http, serenity::CreateInteractionResponse::Message(msg))
        .await?;
    tracing::info!(command = "vote", entry, up, "interaction handled");
    Ok(())
}
