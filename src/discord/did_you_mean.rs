//! A press on a "Did you mean" or "None of these" button (see [`super::buttons`]):
//! the asker's message is updated in place with the chosen answer; anyone else gets it
//! privately and the shared message stays as the asker left it.

use super::buttons::{self, NONE_ID, PICK_PREFIX};
use super::render::{self, no_mentions};
use super::{Data, Error};
use crate::answers::Lang;
use crate::reply::{Reply, ReplyKind, Rich};
use poise::serenity_prelude as serenity;
use std::time::Instant;

/// A "Did you mean" or "None of these" button press: the message is updated in place
/// (response type 7) with the chosen answer, buttons removed.
pub async fn handle_press(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let started = Instant::now();
    let id = press.data.custom_id.as_str();
    let lang = Lang::from_locale(&press.locale);
    // Someone else pressing the asker's suggestions gets the answer privately; the
    // shared message stays as the asker left it.
    let own = asker_of(&press.message).is_none_or(|a| a == press.user.id);
    if !own && id == NONE_ID {
        press
            .create_response(
                &ctx.http,
                render::private_note(
                    "Only the person who asked can dismiss these suggestions. Ask your own question with /ask.",
                ),
            )
            .await?;
        return Ok(());
    }
    let reply = if id == NONE_ID {
        Some(Reply::new(
            ReplyKind::Miss,
            "Not sure",
            Rich::text(
                "Thanks — none of those fit, so I'll leave that one to the humans here. Try rephrasing the question, or `/help` for what I know.",
            ),
        ))
    } else if let Some(entry) = id.strip_prefix(PICK_PREFIX) {
        let desk = data.desk.get();
        let entry = entry.to_string();
        tokio::task::spawn_blocking(move || desk.answer_entry(&entry, lang)).await?
    } else {
        // Not one of ours.
        return Ok(());
    };
    let Some(reply) = reply else {
        // The knowledge was reloaded and the entry is gone.
        press
            .create_response(
                &ctx.http,
                render::private_note("That answer is no longer in my knowledge; please ask again."),
            )
            .await?;
        return Ok(());
    };
    let pages = render::pages(&reply);
    let first = serenity::CreateInteractionResponseMessage::new()
        .embed(render::embed(&pages[0]))
        .components(if pages.len() == 1 {
            buttons::buttons(&reply)
        } else {
            Vec::new()
        })
        .allowed_mentions(no_mentions());
    let response = if own {
        serenity::CreateInteractionResponse::UpdateMessage(first)
    } else {
        serenity::CreateInteractionResponse::Message(first.ephemeral(true))
    };
    press.create_response(&ctx.http, response).await?;
    for (i, page) in pages.iter().enumerate().skip(1) {
        let mut f = serenity::CreateInteractionResponseFollowup::new()
            .embed(render::embed(page))
            .ephemeral(!own)
            .allowed_mentions(no_mentions());
        if i + 1 == pages.len() {
            f = f.components(buttons::buttons(&reply));
        }
        press.create_followup(&ctx.http, f).await?;
    }
    let matched = reply.matched.as_ref();
    tracing::info!(
        command = "ask:button",
        guild = ?press.guild_id.map(|g| g.get()),
        latency_ms = started.elapsed().as_secs_f64() * 1e3,
        matched = matched.map_or("-", |m| m.id.as_str()),
        score = matched.map_or(0.0, |m| m.confidence),
        "interaction handled"
    );
    Ok(())
}

/// Who asked the question a bot message answers: the user of the slash command, or
/// the author of the message the bot replied to. `None`: unknown (anyone may press).
fn asker_of(message: &serenity::Message) -> Option<serenity::UserId> {
    match message.interaction_metadata.as_deref() {
        Some(serenity::MessageInteractionMetadata::Command(c)) => Some(c.user.id),
        _ => message.referenced_message.as_ref().map(|m| m.author.id),
    }
}
