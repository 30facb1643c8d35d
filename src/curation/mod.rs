//! The curation loop: what users asked that the bot could not answer well, what they
//! thought of the answers, and keeping the knowledge file fresh.
//!
//! - [`log_question`]: after every `ask` (slash command, mention, Q&A channel), counts
//!   it for [`stats`] and logs it for [`gaps`] when unanswered or below
//!   `[curation] low_confidence`. The user id is stored only with `log_user_ids = true`.
//! - [`vote`]: the 👍/👎 buttons under an answer.
//! - [`gaps`] / [`gaps_reply`]: `/kb gaps` and `hanoi-bot gaps`.
//! - [`stats`] / [`stats_reply`]: `/kb stats` and `hanoi-bot stats`.
//! - `reload`: [`reload()`] (`/kb reload`) and [`spawn_watcher`] (the file watcher).
//! - [`refit`]: fitting the answer-or-refuse model from labelled questions.
//! - [`source_reply`]: where an answer comes from, in full (`/kb source`,
//!   `ask --explain`); users see only the short line.
//! - [`review`]: the review queue of `/kb review` and `hanoi-bot review` (logged
//!   questions without a label, near-identical ones grouped, with likely entries);
//!   [`decide`]: a moderator's decision applied (phrasing, out of scope, skip), labelled
//!   and audited; [`write_back`]: adding a phrasing to the knowledge file (format kept,
//!   validated, written atomically, swapped in).
//!
//! Moderator actions are recorded with [`Store::audit`](crate::store::Store::audit)
//! (who, action, detail); the glue calls it for `/kb reload` like `schedule`'s
//! operations do for announcements.

pub mod decide;
mod provenance;
pub mod refit;
mod reload;
pub mod review;
pub mod write_back;

pub use provenance::{entry_for, provenance_reply, source_reply};
pub use reload::{reload, reload_reply, spawn_watcher, Guard, ReloadError, ReloadSummary};

use crate::answers::{clean_question, Asked, Desk, MAX_QUESTION};
use crate::config::CurationConfig;
use crate::reply::{Reply, ReplyKind, Rich, Suggestion};
use crate::store::{
    DayCount, FeedbackCount, Gap, LabelCounts, QuestionEvent, RecentQuestion, Result, Store,
};
use chrono::{DateTime, Utc};

/// The form questions are counted under: folded, punctuation gone, words single-spaced.
pub fn normalise_question(q: &str) -> String {
    crate::text::words(&crate::text::fold(&clean_question(q))).join(" ")
}

/// Records one `ask`. `channel_kind`: "slash", "mention", "qa-channel", "dm", "cli".
/// Returns whether it went into the question log.
pub fn log_question(
    store: &mut Store,
    cfg: &CurationConfig,
    asked: &Asked,
    channel_kind: &str,
    user_id: Option<u64>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some((event, weak)) = question_event(cfg, asked, channel_kind, user_id) else {
        return Ok(false);
    };
    store.record_question(&event, weak, now)?;
    prune(store, cfg, now)?;
    Ok(weak)
}

/// Keeps the question log within `[curation] log_keep_days` and `log_max_questions`.
fn prune(store: &Store, cfg: &CurationConfig, now: DateTime<Utc>) -> Result<usize> {
    let before = now
        .checked_sub_signed(chrono::Duration::days(cfg.log_keep_days as i64))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    store.prune_questions(before, cfg.log_max_questions)
}

/// One asked question, as the bot hands it to [`log_questions`].
#[derive(Debug, Clone)]
pub struct Asking {
    /// What `ask` answered.
    pub asked: Asked,
    /// Where it was asked: "slash", "mention", "qa-channel", "dm", "cli".
    pub channel_kind: &'static str,
    /// The asker (kept only if `[curation] log_user_ids` allows it).
    pub user_id: Option<u64>,
    /// What a 👎 on the answer can find the question by: the `/ask` interaction's id,
    /// or the id of the message the bot answered (see [`Store::down_vote`]).
    pub key: Option<u64>,
    /// When.
    pub at: DateTime<Utc>,
}

/// [`log_question`] for a burst of questions, in one transaction; those with a key
/// are also remembered for a while, so a 👎 on their answer finds them.
pub fn log_questions(store: &mut Store, cfg: &CurationConfig, batch: &[Asking]) -> Result<()> {
    let mut recent = Vec::new();
    let events: Vec<_> = batch
        .iter()
        .filter_map(|a| {
            let (e, weak) = question_event(cfg, &a.asked, a.channel_kind, a.user_id)?;
            if let Some(key) = a.key {
                recent.push(RecentQuestion {
                    key,
                    text: e.text.clone(),
                    entry_id: e.best_entry.clone(),
                    answered: e.answered,
                    confidence: e.confidence,
                    channel_kind: e.channel_kind.clone(),
                    at: a.at,
                });
            }
            Some((e, weak, a.at))
        })
        .collect();
    store.record_questions(&events)?;
    store.remember_questions(&recent)?;
    let latest = batch.iter().map(|a| a.at).max();
    if let Some(now) = latest {
        prune(store, cfg, now)?;
    }
    Ok(())
}

/// The stored form of a question and whether it is weak (unanswered or below
/// `low_confidence`); `None` for one not worth counting (empty, over-long).
fn question_event(
    cfg: &CurationConfig,
    asked: &Asked,
    channel_kind: &str,
    user_id: Option<u64>,
) -> Option<(QuestionEvent, bool)> {
    let text = normalise_question(&asked.query);
    if text.is_empty() || asked.query.chars().count() > MAX_QUESTION {
        return None;
    }
    let weak = !asked.answered || asked.confidence < cfg.low_confidence;
    let event = QuestionEvent {
        text,
        answered: asked.answered,
        confidence: asked.confidence,
        best_entry: asked
            .id
            .clone()
            .or_else(|| asked.suggestions.first().map(|s| s.id.clone())),
        channel_kind: channel_kind.to_string(),
        user_id: user_id.filter(|_| cfg.log_user_ids),
    };
    Some((event, weak))
}

/// Records a 👍 (`up`) or 👎 on the answer `entry_id` in message `message_id`. A user
/// voting again on the same message changes their vote. The user id itself is not
/// stored: only a hash of (message, user), to recognise the second click.
pub fn vote(
    store: &Store,
    message_id: u64,
    user_id: u64,
    entry_id: &str,
    up: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    // FNV-1a: stable across builds, unlike std's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in message_id
        .to_le_bytes()
        .iter()
        .chain(&user_id.to_le_bytes())
    {
        h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    store.vote(message_id, h >> 1, entry_id, up, now)
}

/// A frequent unanswered (or weakly answered) question and the entries closest to it.
#[derive(Debug, Clone, PartialEq)]
pub struct GapReport {
    /// The logged question.
    pub gap: Gap,
    /// The entries closest to it, best first (what a curator may extend).
    pub closest: Vec<Suggestion>,
}

/// The `limit` most frequent logged questions, each with up to 3 closest entries.
pub fn gaps(store: &Store, desk: &Desk, limit: usize) -> Result<Vec<GapReport>> {
    Ok(store
        .top_questions(limit)?
        .into_iter()
        .map(|gap| GapReport {
            closest: desk.complete_question(&gap.text, 3),
            gap,
        })
        .collect())
}

/// `/kb gaps` and `hanoi-bot gaps`: the questions and their closest entries.
pub fn gaps_reply(gaps: &[GapReport]) -> Reply {
    if gaps.is_empty() {
        return Reply::new(
            ReplyKind::Info,
            "Knowledge gaps",
            Rich::text("No unanswered questions have been logged yet."),
        );
    }
    let mut r = Reply::new(
        ReplyKind::Info,
        "Knowledge gaps",
        Rich::text("Most frequent questions the bot could not answer (or answered with low confidence), with the closest entries."),
    );
    for g in gaps.iter().take(25) {
        let how = if g.gap.answered {
            format!("answered with low confidence ({:.2})", g.gap.best_score)
        } else {
            "unanswered".to_string()
        };
        let closest: Vec<String> = g.closest.iter().map(|s| format!("`{}`", s.id)).collect();
        let mut v = Rich::text(format!("{}× · {how} · last ", g.gap.count));
        v.time(
            g.gap.last_seen.fixed_offset(),
            crate::reply::TimeStyle::Relative,
        );
        v.push(format!(
            "\nClosest: {}",
            if closest.is_empty() {
                "none".to_string()
            } else {
                closest.join(", ")
            }
        ));
        r = r.field(crate::text::clip_words(&g.gap.text, 250), v);
    }
    r
}

/// `/kb stats`: the last `days` days of questions, answers and feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Questions asked per day, oldest first.
    pub days: Vec<DayCount>,
    /// Questions asked in the period.
    pub asked: u64,
    /// Of which answered.
    pub answered: u64,
    /// The most used entries and how often each answered.
    pub top_entries: Vec<(String, u64)>,
    /// 👍/👎 per entry.
    pub feedback: Vec<FeedbackCount>,
    /// Review labels, and how many no written model was fitted on yet.
    pub labels: LabelCounts,
}

impl Stats {
    /// Share of questions answered, 0 when none were asked.
    pub fn answered_rate(&self) -> f32 {
        if self.asked == 0 {
            0.0
        } else {
            self.answered as f32 / self.asked as f32
        }
    }
}

/// Statistics of the `days` days up to `now`.
pub fn stats(store: &Store, now: DateTime<Utc>, days: u32) -> Result<Stats> {
    // `--days 100000000` reaches before the calendar's start: count from its first day.
    let since = now
        .date_naive()
        .checked_sub_days(chrono::Days::new(days.saturating_sub(1) as u64))
        .unwrap_or(chrono::NaiveDate::MIN);
    let days = store.question_days(since)?;
    Ok(Stats {
        asked: days.iter().map(|d| d.asked).sum(),
        answered: days.iter().map(|d| d.answered).sum(),
        days,
        top_entries: store.top_entries(10)?,
        feedback: store.feedback()?,
        labels: store.label_counts()?,
    })
}

/// `/kb stats` and `hanoi-bot stats`.
pub fn stats_reply(s: &Stats, desk: &Desk) -> Reply {
    let mut r = Reply::new(
        ReplyKind::Info,
        "Question statistics",
        Rich::text(format!(
            "{} question{}, {:.0}% answered. Knowledge version {}, {} entries.",
            s.asked,
            if s.asked == 1 { "" } else { "s" },
            s.answered_rate() * 100.0,
            desk.knowledge.version,
            desk.knowledge.entries.len()
        )),
    );
    let per_day: Vec<String> = s
        .days
        .iter()
        .map(|d| format!("{}: {} asked, {} answered", d.day, d.asked, d.answered))
        .collect();
    let or_none = |v: Vec<String>| {
        if v.is_empty() {
            "none yet".to_string()
        } else {
            v.join("\n")
        }
    };
    r = r.field("Per day", Rich::text(or_none(per_day)));
    let top: Vec<String> = s
        .top_entries
        .iter()
        .map(|(id, n)| format!("`{id}`: {n}"))
        .collect();
    r = r.field("Most answered", Rich::text(or_none(top)));
    let fb: Vec<String> = s
        .feedback
        .iter()
        .take(10)
        .map(|f| format!("`{}`: 👍 {} · 👎 {}", f.entry_id, f.up, f.down))
        .collect();
    r = r.field("Feedback", Rich::text(or_none(fb)));
    r = r.field(
        "Review labels",
        Rich::text(format!(
            "{} labelled question{}, {} waiting for the next refit (`hanoi-bot refit --write`).",
            s.labels.total,
            if s.labels.total == 1 { "" } else { "s" },
            s.labels.waiting
        )),
    );
    r.field(
        "Answer-or-refuse model",
        Rich::text(model_figures(&desk.knowledge.decision.fit)),
    )
}

/// The model's figures at its last fit, in a sentence.
pub fn model_figures(f: &crate::decision::FitInfo) -> String {
    if f.questions == 0 {
        return "No fit recorded in the model file.".into();
    }
    let date = if f.date.is_empty() {
        "undated"
    } else {
        f.date.as_str()
    };
    format!(
        "Fitted {date} on {} questions ({} candidate rows). Cross-validated at threshold {:.2}: in-scope answered right {:.1}%, out-of-scope refused {:.1}%.",
        f.questions,
        f.rows,
        f.threshold,
        100.0 * f.cv_in_scope,
        100.0 * f.cv_out_of_scope
    )
}
