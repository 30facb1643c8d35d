//! Announcement forms and preview buttons that no flow takes: someone else's (ids
//! travel in the payloads, so anyone can forge a submission or a press) is refused
//! privately and changes nothing; a finished flow's (expired, answered, or the bot
//! restarted) gets a private note instead of Discord's "interaction failed".

use super::preview::PREFIX;
use crate::discord::render;
use crate::discord::{Data, Error};
use poise::serenity_prelude as serenity;
use std::time::Duration;

/// How long a preview press may wait for its flow before it is answered as stale
/// (well within the 3 s Discord allows for a response).
const STALE_AFTER: Duration = Duration::from_millis(500);

/// The key of a flow from a form or button id, `ann:<key>:…`.
fn flow_key(custom_id: &str) -> Option<&str> {
    custom_id.strip_prefix(PREFIX)?.split(':').next()
}

/// Someone other than the moderator who opened the flow: a private refusal, and the
/// preview and the flow stay as they are.
async fn refuse_other(
    ctx: &serenity::Context,
    interaction: &serenity::Interaction,
    who: &serenity::User,
) -> Result<(), Error> {
    tracing::info!(
        user = who.id.get(),
        "announcement form or button of another moderator refused"
    );
    let response = render::private_note(
        "Only the moderator who opened this announcement can use its form and buttons.",
    );
    match interaction {
        serenity::Interaction::Component(c) => c.create_response(&ctx.http, response).await?,
        serenity::Interaction::Modal(m) => m.create_response(&ctx.http, response).await?,
        _ => {}
    }
    Ok(())
}

/// A submission of an announcement form: the flow's own moderator is answered by the
/// flow; anyone else is refused; a form whose flow is over gets a note.
pub async fn handle_form(
    ctx: &serenity::Context,
    data: &Data,
    interaction: &serenity::Interaction,
) -> Result<(), Error> {
    let serenity::Interaction::Modal(submit) = interaction else {
        return Ok(());
    };
    match flow_key(&submit.data.custom_id).and_then(|k| data.flow_author(k)) {
        Some(author) if author == submit.user.id.get() => Ok(()),
        Some(_) => refuse_other(ctx, interaction, &submit.user).await,
        None => {
            submit
                .create_response(
                    &ctx.http,
                    render::private_note(
                        "This form is no longer active (it expired or the bot restarted); nothing was posted. Run /announce again.",
                    ),
                )
                .await?;
            Ok(())
        }
    }
}

/// A press on a preview button. Someone other than the flow's moderator is refused at
/// once; a press no flow took (the preview expired or was answered, or the bot
/// restarted) gets a private note instead of Discord's "interaction failed".
pub async fn handle_stale(
    ctx: &serenity::Context,
    data: &Data,
    interaction: &serenity::Interaction,
) -> Result<(), Error> {
    let serenity::Interaction::Component(press) = interaction else {
        return Ok(());
    };
    let author = flow_key(&press.data.custom_id).and_then(|k| data.flow_author(k));
    if author.is_some_and(|a| a != press.user.id.get()) {
        return refuse_other(ctx, interaction, &press.user).await;
    }
    // The flow's collector sees the same press at the same time; give it a moment
    // to take it. Not taken: its flow is over (or busy with an earlier press).
    tokio::time::sleep(STALE_AFTER).await;
    if data.press_was_taken(press.id.get()) {
        return Ok(());
    }
    // A new private message, not an update: with the flow over, who opened the
    // preview is unknown, and a press by someone else must change nothing.
    press
        .create_response(
            &ctx.http,
            render::private_note(
                "This preview is no longer active (it expired or the bot restarted); nothing was posted. Run /announce again.",
            ),
        )
        .await?;
    Ok(())
}
