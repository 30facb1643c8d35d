//! `/kb review`: the review queue ([`crate::curation::review`]) one question at a time,
//! private to the moderator who opened it.
//!
//! Each view shows a logged question, the questions grouped with it and the entries it
//! most likely belongs to, with buttons: *Add as a phrasing of `<entry>`* (one per
//! candidate that can take phrasings), *Out of scope*, *Skip* and *End review*. A
//! phrasing button opens a form with the question to edit before it is added; submitting it writes the
//! phrasing into the knowledge file and swaps the knowledge in
//! ([`crate::curation::decide`]). The next view says what was done.
//!
//! Component and form ids are `rv:<key>:<round>:<action>`, with the command
//! interaction's id as key and the number of the view (one question each) as round:
//! `add:<entry>`, `out`, `skip`, `stop`, and `form:<entry>` for the form. All of it is
//! user input: a press or form from anyone but the moderator who opened the review is
//! refused (and audited), one from an earlier view (a double click) does nothing, and
//! an entry id is acted on only if it is one of the current question's candidates and
//! still in the knowledge. Every press the
//! flow takes is noted in [`Data`], so [`handle_stale`] answers only presses no review
//! took (the review ended or the bot restarted).

pub use super::review_view::PREFIX;
use super::review_view::{banner, buttons, form, typed};
use crate::curation::decide::{decide, Decision, Outcome};
use crate::curation::review::{item_reply, queue, Item};
use crate::discord::render::private_note as note;
use crate::discord::render::{self, no_mentions};
use crate::discord::{AppCtx, Data, Error};
use chrono::Utc;
use poise::futures_util::StreamExt;
use poise::serenity_prelude as serenity;
use std::collections::HashSet;
use std::time::Duration;

/// How long a view waits for the moderator (below the 15 minutes a token lives, so
/// the expired view can still be edited to say so).
const VIEW_TIMEOUT: Duration = Duration::from_secs(14 * 60);
/// How long a press may wait for its review before it is answered as stale.
const STALE_AFTER: Duration = Duration::from_millis(500);
/// Items counted ahead of the current one ("12 more after this one").
const LOOKAHEAD: usize = 26;

/// The interaction whose message shows the review (what the next view answers).
enum Holder {
    Command(Box<serenity::CommandInteraction>),
    /// A press already answered (deferred): its message is edited.
    Press(Box<serenity::ComponentInteraction>),
    /// A form submission already answered (deferred): its message is edited.
    Form(Box<serenity::ModalInteraction>),
}

impl Holder {
    async fn show(
        &self,
        http: &serenity::Http,
        embeds: Vec<serenity::CreateEmbed>,
        rows: Vec<serenity::CreateActionRow>,
    ) -> Result<(), Error> {
        let edit = || {
            serenity::EditInteractionResponse::new()
                .embeds(embeds.clone())
                .components(rows.clone())
                .allowed_mentions(no_mentions())
        };
        match self {
            Holder::Command(c) => {
                let msg = serenity::CreateInteractionResponseMessage::new()
                    .embeds(embeds.clone())
                    .components(rows.clone())
                    .ephemeral(true)
                    .allowed_mentions(no_mentions());
                let r = serenity::CreateInteractionResponse::Message(msg);
                if c.create_response(http, r).await.is_err() {
                    // Answered already (an earlier view): edit it instead.
                    c.edit_response(http, edit()).await?;
                }
            }
            Holder::Press(p) => {
                p.edit_response(http, edit()).await?;
            }
            Holder::Form(f) => {
                f.edit_response(http, edit()).await?;
            }
        }
        Ok(())
    }
}

/// What the moderator did on a view.
enum Action {
    Decided(Decision, Holder),
    Stop(Box<serenity::ComponentInteraction>),
    Expired,
}

/// The whole review (see the module docs).
pub async fn review(ctx: AppCtx<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let sctx = ctx.serenity_context();
    let key = ctx.interaction.id.get();
    let moderator = ctx.interaction.user.id;
    let who = super::who(&ctx.interaction.user);
    let mut holder = Holder::Command(Box::new(ctx.interaction.clone()));
    let mut skipped: HashSet<String> = HashSet::new();
    let mut last: Option<Outcome> = None;
    for round in 0u32.. {
        let desk = data.desk.get();
        let skip = skipped.clone();
        let items = data
            .store
            .call(move |s| queue(s, &desk, &skip, LOOKAHEAD))
            .await?;
        let mut embeds: Vec<serenity::CreateEmbed> = last.iter().map(banner).collect();
        let Some(item) = items.first().cloned() else {
            embeds.push(render::notice(if skipped.is_empty() {
                "Nothing to review: no logged question is waiting for a decision."
            } else {
                "Nothing left to review but the questions you skipped; they stay for the next review."
            }));
            holder.show(&sctx.http, embeds, Vec::new()).await?;
            ctx.has_sent_initial_response
                .store(true, std::sync::atomic::Ordering::SeqCst);
            return Ok(());
        };
        for page in render::pages(&item_reply(&item, items.len() - 1))
            .iter()
            .take(1)
        {
            embeds.push(render::embed(page));
        }
        // Listen before the view is shown: a quick press must not slip past.
        let prefix = format!("{PREFIX}{key}:");
        let p2 = prefix.clone();
        let presses = serenity::ComponentInteractionCollector::new(&sctx.shard)
            .filter(move |c| c.data.custom_id.starts_with(&p2))
            .timeout(VIEW_TIMEOUT)
            .stream();
        let forms = serenity::ModalInteractionCollector::new(&sctx.shard)
            .filter(move |m| m.data.custom_id.starts_with(&prefix))
            .timeout(VIEW_TIMEOUT)
            .stream();
        holder
            .show(&sctx.http, embeds, buttons(key, round, &item))
            .await?;
        ctx.has_sent_initial_response
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let next = wait(ctx, key, round, moderator, &item, presses, forms).await?;
        let (decision, by) = match next {
            Action::Decided(d, by) => (d, by),
            Action::Stop(press) => {
                let msg = serenity::CreateInteractionResponseMessage::new()
                    .embed(render::notice(
                        "Review ended. Run /kb review again to carry on.",
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
            Action::Expired => {
                let gone = vec![render::notice(
                    "This review expired; nothing more was done. Run /kb review again.",
                )];
                if let Err(e) = holder.show(&sctx.http, gone, Vec::new()).await {
                    tracing::debug!("could not mark an expired review: {e}");
                }
                return Ok(());
            }
        };
        holder = by;
        if decision == Decision::Skip {
            skipped.insert(item.text.clone());
        }
        let outcome = apply(ctx, &who, item, decision).await?;
        last = Some(outcome);
    }
    Ok(())
}

/// Applies a decision off the async threads; after a written phrasing, the reminders
/// follow the reloaded knowledge and the log channel hears of it.
async fn apply(
    ctx: AppCtx<'_>,
    who: &str,
    item: Item,
    decision: Decision,
) -> Result<Outcome, Error> {
    let data = ctx.data();
    let (store, desk, config, w) = (
        data.store.clone(),
        data.desk.clone(),
        data.config.clone(),
        who.to_string(),
    );
    let d2 = decision.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        decide(&store, &desk, &config, &w, &item, &d2, Utc::now())
    })
    .await??;
    tracing::info!(
        command = "kb review",
        ?decision,
        done = outcome.done,
        "interaction handled"
    );
    if let (Decision::Phrasing { .. }, true) = (&decision, outcome.done) {
        let _ = data
            .log
            .send(format!("Knowledge review by {who}: {}", outcome.message));
        if outcome.version.is_some() {
            if let Some(line) =
                crate::discord::services::resync_reminders(&data.store, &data.desk, &data.waker)
                    .await?
            {
                let _ = data.log.send(line);
            }
        }
    }
    Ok(outcome)
}

/// Audits a press or form of someone else's review.
async fn refuse(data: &Data, user: &serenity::User, what: String) {
    let who = super::who(user);
    tracing::info!(who, what, "review interaction refused");
    if let Err(e) = data
        .store
        .call(move |s| s.audit(&who, "denied", &what, Utc::now()))
        .await
    {
        tracing::error!(
            "could not audit a refusal: {}",
            crate::discord::errors::chain(&e)
        );
    }
}

const EARLIER: &str =
    "That button belongs to a question already decided; nothing was done to the one shown now.";

const NOT_YOURS: &str =
    "Only the moderator who opened this review can use it. Run /kb review for your own.";

/// Waits for the moderator's decision on `item`: presses and form submissions of this
/// review, checked (see the module docs).
async fn wait(
    ctx: AppCtx<'_>,
    key: u64,
    round: u32,
    moderator: serenity::UserId,
    item: &Item,
    presses: impl poise::futures_util::Stream<Item = serenity::ComponentInteraction>,
    forms: impl poise::futures_util::Stream<Item = serenity::ModalInteraction>,
) -> Result<Action, Error> {
    let data = ctx.data();
    let http = &ctx.serenity_context().http;
    let mut presses = std::pin::pin!(presses);
    let mut forms = std::pin::pin!(forms);
    let (mut presses_open, mut forms_open) = (true, true);
    loop {
        if !presses_open && !forms_open {
            return Ok(Action::Expired);
        }
        tokio::select! {
            press = presses.next(), if presses_open => {
                let Some(press) = press else {
                    presses_open = false;
                    continue;
                };
                data.take_press(press.id.get());
                if press.user.id != moderator {
                    press.create_response(http, note(NOT_YOURS)).await?;
                    refuse(data, &press.user, format!("/kb review buttons of {}", moderator)).await;
                    continue;
                }
                let Some(action) = press
                    .data
                    .custom_id
                    .strip_prefix(&format!("{PREFIX}{key}:{round}:"))
                    .map(str::to_string)
                else {
                    // A view already decided (a double click, an old copy): never applied
                    // to the question shown now.
                    press.create_response(http, note(EARLIER)).await?;
                    continue;
                };
                match action.as_str() {
                    "out" | "skip" => {
                        press
                            .create_response(http, serenity::CreateInteractionResponse::Acknowledge)
                            .await?;
                        let d = if action == "out" { Decision::OutOfScope } else { Decision::Skip };
                        return Ok(Action::Decided(d, Holder::Press(Box::new(press))));
                    }
                    "stop" => return Ok(Action::Stop(Box::new(press))),
                    _ => {}
                }
                let offered = action
                    .strip_prefix("add:")
                    .and_then(|id| item.candidate(id))
                    .filter(|c| c.takes_phrasings());
                let Some(c) = offered else {
                    press
                        .create_response(
                            http,
                            note("That button is not one of this question's choices (an older view?); nothing was done."),
                        )
                        .await?;
                    continue;
                };
                press
                    .create_response(
                        http,
                        serenity::CreateInteractionResponse::Modal(form(key, round, &c.id, &item.text)),
                    )
                    .await?;
            }
            submit = forms.next(), if forms_open => {
                let Some(submit) = submit else {
                    forms_open = false;
                    continue;
                };
                if submit.user.id != moderator {
                    submit.create_response(http, note(NOT_YOURS)).await?;
                    refuse(data, &submit.user, format!("/kb review form of {}", moderator)).await;
                    continue;
                }
                let rest = submit
                    .data
                    .custom_id
                    .strip_prefix(&format!("{PREFIX}{key}:{round}:form:"))
                    .map(str::to_string);
                let entry = rest.filter(|id| item.candidate(id).is_some_and(|c| c.takes_phrasings()));
                let (Some(entry), Some(phrasing)) = (entry, typed(&submit)) else {
                    submit
                        .create_response(
                            http,
                            note("That form belongs to a question already decided; nothing was done."),
                        )
                        .await?;
                    continue;
                };
                submit
                    .create_response(http, serenity::CreateInteractionResponse::Acknowledge)
                    .await?;
                let d = Decision::Phrasing { entry, phrasing };
                return Ok(Action::Decided(d, Holder::Form(Box::new(submit))));
            }
        }
    }
}

/// A press on a review button that no review took (it ended or expired, or the bot
/// restarted): say so instead of letting Discord show "interaction failed".
pub async fn handle_stale(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    tokio::time::sleep(STALE_AFTER).await;
    if data.press_was_taken(press.id.get()) {
        return Ok(());
    }
    press
        .create_response(
            &ctx.http,
            note("This button was not taken: the review had moved on, ended or expired, or the bot restarted. Nothing was done; run /kb review to carry on."),
        )
        .await?;
    Ok(())
}
