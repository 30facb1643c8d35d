//! The buttons under a reply, and their ids: "Did you mean" choices with "None of
//! these" when the bot was unsure (pressed: [`super::did_you_mean`]), "Was this
//! helpful? 👍 / 👎" under an answer (pressed: [`super::feedback`]).

use super::render::{BUTTON_LABEL_MAX, CUSTOM_ID_MAX};
use crate::reply::{Reply, ReplyKind};
use crate::text::clip_words;
use poise::serenity_prelude as serenity;

/// Button ids of the "Did you mean" row.
pub const PICK_PREFIX: &str = "ask:pick:";
pub const NONE_ID: &str = "ask:none";
/// Button ids of the "Was this helpful?" row: `fb:up:<entry>`, `fb:down:<entry>`.
pub const VOTE_UP: &str = "fb:up:";
pub const VOTE_DOWN: &str = "fb:down:";

/// The buttons under a reply: "Did you mean" choices plus "None of these" when the
/// bot was unsure, "Was this helpful? 👍 / 👎" under an answer, else none.
pub fn buttons(r: &Reply) -> Vec<serenity::CreateActionRow> {
    match (r.kind, &r.matched) {
        (ReplyKind::Miss, _) if !r.suggestions.is_empty() => choice_buttons(r),
        (ReplyKind::Answer, Some(m)) if VOTE_DOWN.len() + m.id.len() <= CUSTOM_ID_MAX => {
            vec![serenity::CreateActionRow::Buttons(vec![
                serenity::CreateButton::new(format!("{VOTE_UP}{}", m.id))
                    .label("Helpful")
                    .emoji('👍')
                    .style(serenity::ButtonStyle::Secondary),
                serenity::CreateButton::new(format!("{VOTE_DOWN}{}", m.id))
                    .label("Not helpful")
                    .emoji('👎')
                    .style(serenity::ButtonStyle::Secondary),
            ])]
        }
        _ => Vec::new(),
    }
}

fn choice_buttons(r: &Reply) -> Vec<serenity::CreateActionRow> {
    let mut all: Vec<serenity::CreateButton> = r
        .suggestions
        .iter()
        .filter(|s| PICK_PREFIX.len() + s.id.len() <= CUSTOM_ID_MAX)
        .map(|s| {
            serenity::CreateButton::new(format!("{PICK_PREFIX}{}", s.id))
                .label(clip_words(&s.question, BUTTON_LABEL_MAX))
                .style(serenity::ButtonStyle::Primary)
        })
        .collect();
    all.push(
        serenity::CreateButton::new(NONE_ID)
            .label("None of these")
            .style(serenity::ButtonStyle::Secondary),
    );
    all.chunks(5)
        .map(|row| serenity::CreateActionRow::Buttons(row.to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Rich, Suggestion};

    fn chars(s: &str) -> usize {
        s.chars().count()
    }

    #[test]
    fn buttons_only_for_misses_with_suggestions() {
        let mut r = Reply::new(ReplyKind::Miss, "Not sure", Rich::text("?"));
        assert!(buttons(&r).is_empty());
        r.suggestions = (0..5)
            .map(|i| Suggestion {
                id: format!("e{i}"),
                question: format!("Question {i} {}", "long ".repeat(40)),
            })
            .collect();
        let rows = serde_json::to_value(buttons(&r)).unwrap();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 2, "six buttons need two rows of at most five");
        let all: Vec<&serde_json::Value> = rows
            .iter()
            .flat_map(|row| row["components"].as_array().unwrap())
            .collect();
        assert_eq!(all.len(), 6);
        assert_eq!(all[0]["custom_id"], "ask:pick:e0");
        assert_eq!(all[5]["custom_id"], "ask:none");
        for b in all {
            assert!(chars(b["label"].as_str().unwrap()) <= BUTTON_LABEL_MAX);
        }
    }

    #[test]
    fn answers_carry_a_feedback_row_naming_the_entry() {
        let mut r = Reply::new(ReplyKind::Answer, "Q", Rich::text("A"));
        assert!(buttons(&r).is_empty(), "no entry, nothing to vote on");
        r.matched = Some(crate::reply::Matched {
            id: "qa-when-signing".into(),
            confidence: 0.9,
        });
        let rows = serde_json::to_value(buttons(&r)).unwrap();
        let ids: Vec<&str> = rows[0]["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["custom_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["fb:up:qa-when-signing", "fb:down:qa-when-signing"]);
        r.kind = ReplyKind::Info;
        assert!(buttons(&r).is_empty(), "listings are not voted on");
    }
}
