//! `/announce post` and `/announce schedule`: the modal, the preview, Confirm.
//!
//! 1. Options are checked first (time, channel configured, @everyone allowed): an error
//!    is shown before any form opens.
//! 2. A modal asks for title, text and an optional image URL.
//! 3. The bot answers the submission with an ephemeral **preview**: the embed exactly as
//!    it will be posted, where, whom it pings and when; with Confirm / Edit / Cancel
//!    (or only Edit / Cancel and the list of problems, when the draft cannot go out).
//! 4. Confirm stores the item and wakes the scheduler, which posts it (exactly once,
//!    like every scheduled item); for "post now" the preview then waits briefly for the
//!    outcome and shows the link, or why Discord refused. Edit reopens the form with
//!    what was typed; Cancel ends with nothing stored.
//!
//! Button ids are `ann:<key>:<action>` with the command interaction's id as key. Each
//! press a flow takes is noted in [`Data`](crate::discord::Data); a press no flow took within half a second
//! (the preview expired or was answered, or the bot restarted) gets a note from
//! `stray::handle_stale` instead of Discord's "interaction failed".
//!
//! Ids travel in the payloads, so anyone can forge a submission or a press with them:
//! the flow answers only the moderator who opened it (the form's submitter and every
//! presser are checked), and `stray` refuses anyone else privately, changing nothing.

use super::preview::{confirm, problems, view, Composer, PREFIX};
use crate::discord::render::{self, no_mentions};
use crate::discord::{AppCtx, Error};
use crate::schedule::{parse_when, Draft};
use chrono::Utc;
use poise::futures_util::StreamExt;
use poise::serenity_prelude as serenity;
use poise::Modal;
use std::time::Duration;

/// How long the form may stay open.
const FORM_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// How long a preview waits for a button; below the 15 minutes an interaction token
/// lives, so the expired preview can still be edited to say so.
const PREVIEW_TIMEOUT: Duration = Duration::from_secs(14 * 60);

/// The announcement form.
#[derive(Debug, Clone, Default, Modal)]
#[name = "Announcement"]
pub struct Form {
    #[name = "Title"]
    #[placeholder = "Doors open for the signing ceremony"]
    #[max_length = 256]
    pub title: String,
    #[name = "Text"]
    #[paragraph]
    #[placeholder = "What the server should know. Mentions in the text do not ping."]
    #[max_length = 4000]
    pub body: String,
    #[name = "Image URL (optional)"]
    #[placeholder = "https://…"]
    #[max_length = 2000]
    pub image: Option<String>,
}

/// The command's options.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub channel: Option<u64>,
    pub role: Option<u64>,
    pub everyone: bool,
    /// As typed; `None`: post now.
    pub when: Option<String>,
}

impl Target {
    pub fn new(
        channel: Option<serenity::PartialChannel>,
        role: Option<serenity::Role>,
        everyone: Option<bool>,
        when: Option<String>,
    ) -> Target {
        Target {
            channel: channel.map(|c| c.id.get()),
            role: role.map(|r| r.id.get()),
            everyone: everyone.unwrap_or(false),
            when,
        }
    }

    fn draft(&self, form: &Form) -> Draft {
        Draft {
            channel_id: self.channel,
            role_id: self.role,
            everyone: self.everyone,
            title: form.title.clone(),
            body: form.body.clone(),
            image_url: form.image.clone(),
        }
    }
}

/// Who answers the next modal submission: the command, or the Edit button.
enum Opener {
    Command(Box<serenity::CommandInteraction>),
    Button(Box<serenity::ComponentInteraction>),
}

/// The whole flow (see the module docs).
pub async fn compose(ctx: AppCtx<'_>, target: Target) -> Result<(), Error> {
    let data = ctx.data();
    let cfg = &data.config.announcements;
    let offset = data.desk.get().knowledge.offset;
    // Problems the options alone reveal, before a form is opened.
    let mut early = Vec::new();
    if let Some(w) = &target.when {
        if let Err(e) = parse_when(w, Utc::now(), offset) {
            early.push(e.to_string());
        }
    }
    if target.channel.or(cfg.channel).is_none() {
        early.push("Pick a channel: no announcements channel is configured.".into());
    }
    if target.everyone && !cfg.allow_everyone {
        early.push("Pinging @everyone or @here is turned off in the bot's configuration.".into());
    }
    if !early.is_empty() {
        return Err(Error::User(early.join("\n")));
    }
    let key = ctx.interaction.id.to_string();
    let sctx = ctx.serenity_context();
    let author = ctx.interaction.user.id;
    // The form and the buttons answer this moderator only (others: `stray`).
    let _flow = data.open_flow(&key, author.get());
    let mut opener = Opener::Command(Box::new(ctx.interaction.clone()));
    let mut form: Option<Form> = None;
    for round in 0.. {
        // 2. The form (again, with what was typed, after Edit).
        let modal_id = format!("{PREFIX}{key}:form:{round}");
        let modal = Form::create(form.clone(), modal_id.clone());
        // Listen before answering: a quick submission must not slip past.
        let mut submits = serenity::ModalInteractionCollector::new(&sctx.shard)
            .filter(move |m| m.data.custom_id == modal_id && m.user.id == author)
            .timeout(FORM_TIMEOUT)
            .stream();
        match &opener {
            Opener::Command(i) => i.create_response(&sctx.http, modal).await?,
            Opener::Button(b) => b.create_response(&sctx.http, modal).await?,
        }
        ctx.has_sent_initial_response
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let Some(submit) = submits.next().await else {
            return Ok(()); // the form was closed: nothing to do
        };
        let typed = Form::parse(submit.data.clone())
            .map_err(|e| Error::internal("the announcement form did not parse", e))?;
        form = Some(typed.clone());
        let draft = target.draft(&typed);
        // 3. The preview, or the problems.
        let now = Utc::now();
        let due = match &target.when {
            Some(w) => parse_when(w, now, offset).map(Some),
            None => Ok(None),
        };
        let composer = Composer {
            guild: ctx.interaction.guild_id,
            permissions: ctx.interaction.member.as_ref().and_then(|m| m.permissions),
        };
        let problems = problems(data, &sctx.http, &draft, &due, &composer).await;
        let view = view(&key, &draft, due.clone().ok().flatten(), &problems);
        let first = matches!(opener, Opener::Command(_));
        let response = if first {
            serenity::CreateInteractionResponse::Message(view.ephemeral(true))
        } else {
            serenity::CreateInteractionResponse::UpdateMessage(view)
        };
        // 4. Wait for Confirm / Edit / Cancel (listening before the preview is sent).
        let prefix = format!("{PREFIX}{key}:");
        let mut presses = serenity::ComponentInteractionCollector::new(&sctx.shard)
            .author_id(author)
            .filter(move |c| c.data.custom_id.starts_with(&prefix))
            .timeout(PREVIEW_TIMEOUT)
            .stream();
        submit.create_response(&sctx.http, response).await?;
        loop {
            let press = presses.next().await;
            if let Some(p) = &press {
                data.take_press(p.id.get());
            }
            let Some(press) = press else {
                let gone = serenity::EditInteractionResponse::new()
                    .embed(render::notice(
                        "This preview expired; nothing was posted. Run /announce again.",
                    ))
                    .components(Vec::new());
                if let Err(e) = submit.edit_response(&sctx.http, gone).await {
                    tracing::debug!("could not mark an expired preview: {e}");
                }
                return Ok(());
            };
            let action = press.data.custom_id.rsplit(':').next().unwrap_or_default();
            match action {
                "edit" => {
                    opener = Opener::Button(Box::new(press));
                    break;
                }
                "cancel" => {
                    let msg = serenity::CreateInteractionResponseMessage::new()
                        .embed(render::notice(
                            "Cancelled: nothing was posted or scheduled.",
                        ))
                        .components(Vec::new())
                        .allowed_mentions(no_mentions());
                    press
                        .create_response(
                            &sctx.http,
                            serenity::CreateInteractionResponse::UpdateMessage(msg),
                        )
                        .await?;
                    return Ok(());
                }
                "confirm" if problems.is_empty() => {
                    let due = due.clone().ok().flatten();
                    if confirm(ctx, &press, draft.clone(), due).await? {
                        return Ok(());
                    }
                    // Refused at the last moment (the time passed): the press updated
                    // the preview with the reason; wait for Edit or Cancel.
                }
                _ => {
                    // A Confirm left on a preview that has problems: ignore quietly.
                    press
                        .create_response(
                            &sctx.http,
                            serenity::CreateInteractionResponse::Acknowledge,
                        )
                        .await?;
                }
            }
        }
    }
    Ok(())
}
