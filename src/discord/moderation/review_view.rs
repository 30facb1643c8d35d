//! What `/kb review` shows: the view's buttons, the phrasing form, the banner saying
//! what the last decision did, and private notes. The flow is in `review`.

use crate::curation::decide::Outcome;
use crate::curation::review::Item;
use crate::discord::render::{self, BUTTON_LABEL_MAX, CUSTOM_ID_MAX};
use crate::text::clip_words;
use poise::serenity_prelude as serenity;

/// Prefix of every review component and form id.
pub const PREFIX: &str = "rv:";
/// The form's text input id.
const FIELD: &str = "phrasing";

/// What the last decision did, above the next question.
pub(super) fn banner(o: &Outcome) -> serenity::CreateEmbed {
    let e = render::notice(&o.message);
    if o.done {
        e.colour(0x2e7d32)
    } else {
        e
    }
}

/// The buttons of a view: one per candidate that can take a phrasing (and whose id
/// fits), then Out of scope, Skip, End review.
pub(super) fn buttons(key: u64, round: u32, item: &Item) -> Vec<serenity::CreateActionRow> {
    let id = |action: &str| format!("{PREFIX}{key}:{round}:{action}");
    let adds: Vec<serenity::CreateButton> = item
        .candidates
        .iter()
        .filter(|c| c.takes_phrasings() && id(&format!("add:{}", c.id)).len() <= CUSTOM_ID_MAX)
        .map(|c| {
            serenity::CreateButton::new(id(&format!("add:{}", c.id)))
                .label(clip_words(
                    &format!("Add as a phrasing of {}", c.id),
                    BUTTON_LABEL_MAX,
                ))
                .style(serenity::ButtonStyle::Primary)
        })
        .collect();
    let mut rows = Vec::new();
    if !adds.is_empty() {
        rows.push(serenity::CreateActionRow::Buttons(adds));
    }
    rows.push(serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(id("out"))
            .label("Out of scope")
            .style(serenity::ButtonStyle::Danger),
        serenity::CreateButton::new(id("skip"))
            .label("Skip")
            .style(serenity::ButtonStyle::Secondary),
        serenity::CreateButton::new(id("stop"))
            .label("End review")
            .style(serenity::ButtonStyle::Secondary),
    ]));
    rows
}

/// The form to edit a phrasing before it is added.
pub(super) fn form(key: u64, round: u32, entry: &str, text: &str) -> serenity::CreateModal {
    let input = serenity::CreateInputText::new(
        serenity::InputTextStyle::Paragraph,
        clip_words(&format!("Phrasing of {entry}"), 45),
        FIELD,
    )
    .value(clip_words(text, crate::answers::MAX_QUESTION))
    .min_length(1)
    .max_length(crate::answers::MAX_QUESTION as u16);
    serenity::CreateModal::new(
        format!("{PREFIX}{key}:{round}:form:{entry}"),
        "Add a phrasing",
    )
    .components(vec![serenity::CreateActionRow::InputText(input)])
}

/// The phrasing typed in a submitted form.
pub(super) fn typed(submit: &serenity::ModalInteraction) -> Option<String> {
    submit
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .find_map(|c| match c {
            serenity::ActionRowComponent::InputText(t) if t.custom_id == FIELD => t.value.clone(),
            _ => None,
        })
}
