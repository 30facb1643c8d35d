//! The curation loop on Discord: every question asked is counted (and logged for
//! curators when unanswered or weakly answered), and "Was this helpful? 👍 / 👎"
//! presses are stored per answer. Both write to the database off the gateway task and
//! never delay an answer: logging happens after the reply went out.

use super::buttons;
use super::errors::{chain, APOLOGY};
use super::render::no_mentions;
use super::{Data, Error};
use crate::answers::Asked;
use crate::config::CurationConfig;
use crate::curation::{log_questions, vote, Asking};
use crate::store::AsyncStore;
use chrono::Utc;
use poise::serenity_prelude as serenity;
use tokio::sync::mpsc;

/// Records one question in the background (see [`spawn_question_log`]).
/// `channel_kind`: "slash", "mention", "qa-channel", "dm". The user id is kept only
/// if `[curation] log_user_ids` allows it. `key`: the `/ask` interaction's id or the
/// question message's id, what a 👎 on the answer finds it by ([`question_keys`]).
pub fn log_asked(data: &Data, asked: Asked, channel_kind: &'static str, user: u64, key: u64) {
    let _ = data.questions.send(Asking {
        asked,
        channel_kind,
        user_id: Some(user),
        key: Some(key),
        at: Utc::now(),
    });
}

/// The question log's writer: takes what is waiting (up to 200) and writes it in one
/// transaction, so a burst of questions costs one disk sync, not one each; between two
/// writes it waits [`WRITE_EVERY`], so under load the batches are large.
pub struct QuestionLog {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl QuestionLog {
    /// Writes what is still waiting, then ends.
    pub async fn flush_and_stop(self) {
        let _ = self.stop.send(());
        if tokio::time::timeout(std::time::Duration::from_secs(5), self.task)
            .await
            .is_err()
        {
            tracing::warn!("the question log was not written out within 5 s");
        }
    }
}

/// The shortest time between two writes of the question log. Writing as soon as a
/// question came meant, at 1,000 questions a second, hundreds of small transactions a
/// second (each a disk sync under `synchronous=FULL`), whose CPU the answers then
/// waited for; a tenth of a second costs nothing to the curators.
pub const WRITE_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Starts the question log's writer ([`QuestionLog`]); questions go in by the sender.
pub fn spawn_question_log(
    store: AsyncStore,
    cfg: CurationConfig,
) -> (mpsc::UnboundedSender<Asking>, QuestionLog) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Asking>();
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut last_write: Option<tokio::time::Instant> = None;
        loop {
            let first = tokio::select! {
                m = rx.recv() => m,
                _ = &mut stopped => {
                    // No more questions; what is buffered is still written below.
                    rx.close();
                    rx.recv().await
                }
            };
            let Some(first) = first else { return };
            // Let a burst gather (shutdown waits at most this long more).
            if let Some(t) = last_write {
                tokio::time::sleep_until(t + WRITE_EVERY).await;
            }
            let mut batch = vec![first];
            while batch.len() < 200 {
                match rx.try_recv() {
                    Ok(a) => batch.push(a),
                    Err(_) => break,
                }
            }
            let (n, cfg) = (batch.len(), cfg.clone());
            last_write = Some(tokio::time::Instant::now());
            if let Err(e) = store.call(move |s| log_questions(s, &cfg, &batch)).await {
                tracing::error!(questions = n, "could not log questions: {}", chain(&e));
            }
        }
    });
    (tx, QuestionLog { stop, task })
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
        id.strip_prefix(buttons::VOTE_UP),
        id.strip_prefix(buttons::VOTE_DOWN),
    ) {
        (Some(e), _) => (true, e.to_string()),
        (_, Some(e)) => (false, e.to_string()),
        _ => return Ok(()),
    };
    // The id comes from the button, which anyone can forge: only entries of the
    // knowledge in use are voted on.
    if data.desk.get().knowledge.entry(&entry).is_none() {
        tracing::info!(entry, "vote on an unknown entry refused");
        let msg = serenity::CreateInteractionResponseMessage::new()
            .content("That answer is not in the knowledge any more; the vote was not recorded.")
            .ephemeral(true)
            .allowed_mentions(no_mentions());
        press
            .create_response(&ctx.http, serenity::CreateInteractionResponse::Message(msg))
            .await?;
        return Ok(());
    }
    let (message, user) = (press.message.id.get(), press.user.id.get());
    let e2 = entry.clone();
    let stored = data
        .store
        .call(move |s| vote(s, message, user, &e2, up, Utc::now()))
        .await;
    let text = match &stored {
        Ok(()) if up => "Thanks! Glad it helped.",
        Ok(()) => "Thanks for telling us. The moderators review answers marked unhelpful.",
        Err(_) => APOLOGY,
    };
    if let Err(e) = &stored {
        tracing::error!(entry, "could not store a vote: {}", chain(e));
    } else if !up {
        note_down_vote(data, press, &entry).await;
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

/// What the question behind an answer message can be found by, most likely first: the
/// `/ask` interaction it answers, the message it replies to, or the thread it is in (a
/// thread started from a question has the question's id).
pub fn question_keys(message: &serenity::Message) -> Vec<u64> {
    let mut keys = Vec::new();
    if let Some(serenity::MessageInteractionMetadata::Command(c)) =
        message.interaction_metadata.as_deref()
    {
        keys.push(c.id.get());
    }
    if let Some(m) = message
        .message_reference
        .as_ref()
        .and_then(|r| r.message_id)
    {
        keys.push(m.get());
    }
    keys.push(message.channel_id.get());
    keys
}

/// A 👎: the question it was an answer to goes to the review queue (when it was asked
/// within `store::RECENT_DAYS`). Failing to find or store it never fails the vote.
async fn note_down_vote(data: &Data, press: &serenity::ComponentInteraction, entry: &str) {
    let (keys, entry) = (question_keys(&press.message), entry.to_string());
    let found = data
        .store
        .call(move |s| {
            for k in keys {
                if s.down_vote(k, &entry, Utc::now())? {
                    return Ok(true);
                }
            }
            Ok(false)
        })
        .await;
    match found {
        Ok(found) => tracing::debug!(found, "👎 traced to its question"),
        Err(e) => tracing::error!("could not note a 👎 for review: {}", chain(&e)),
    }
}
