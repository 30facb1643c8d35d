//! What the review of logged questions needs: the questions still to review, the
//! moderators' labels, and the questions behind 👎 votes.
//!
//! - `labels`: one row per reviewed question (normalised, as the question log has it):
//!   a phrasing of `entry_id` (with the phrasing written to the file), or out of scope
//!   (`entry_id` NULL). A question labelled again keeps the newer label, under a new
//!   number. Labels numbered above the setting `labels.fitted_through` are *waiting*:
//!   no written model was fitted on them yet.
//! - `recent_questions`: every question of the last [`RECENT_DAYS`] days that a 👎 can
//!   point back to, by key (the slash command's interaction id, or the id of the
//!   message the bot replied to). Text only, never who asked; older rows are deleted
//!   whenever new ones are written.
//! - `question_log.down_votes`: how often answers to a logged question were voted 👎.

use super::{at, secs, Gap, Result, Store};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};

/// How long a question can be traced from a 👎 on its answer.
pub const RECENT_DAYS: i64 = 7;
/// The setting that holds the number of the last label a written model was fitted on.
const FITTED_THROUGH: &str = "labels.fitted_through";

/// A moderator's label on a logged question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Its number (increasing; a relabelled question gets a new one).
    pub id: i64,
    /// The question, normalised.
    pub question: String,
    /// The entry it is a phrasing of; `None`: out of scope.
    pub entry_id: Option<String>,
    /// What was added to the knowledge file, when something was.
    pub phrasing: Option<String>,
    /// Who decided (audit form).
    pub who: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// How many labels there are, and how many no written model was fitted on yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Every label.
    pub total: u64,
    /// Labels newer than the last written fit.
    pub waiting: u64,
}

/// A logged question no moderator has labelled yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreviewed {
    /// The question log's row.
    pub gap: Gap,
    /// 👎 votes on answers to it.
    pub down_votes: u64,
}

/// A question as asked, remembered so a 👎 on its answer can find it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentQuestion {
    /// The interaction id of `/ask`, or the id of the user's message.
    pub key: u64,
    /// The question, normalised.
    pub text: String,
    /// The entry answered (or closest).
    pub entry_id: Option<String>,
    /// Whether it was answered.
    pub answered: bool,
    /// The confidence.
    pub confidence: f32,
    /// "slash", "mention", "qa-channel", "dm".
    pub channel_kind: String,
    /// When it was asked.
    pub at: DateTime<Utc>,
}

impl Store {
    /// Logged questions without a label, most asked first (👎 votes break ties, then
    /// the latest asked). Times are kept to the second: within one second, the question
    /// first logged last comes first, so the order never depends on SQLite's choice.
    pub fn unreviewed(&self, limit: usize) -> Result<Vec<Unreviewed>> {
        let mut st = self.conn.prepare(
            "SELECT text, count, first_seen, last_seen, channel_kind, answered, best_entry,
                best_score, last_user_id, down_votes
             FROM question_log WHERE text NOT IN (SELECT question FROM labels)
             ORDER BY count DESC, down_votes DESC, answered, last_seen DESC, rowid DESC
             LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok(Unreviewed {
                gap: Gap {
                    text: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                    first_seen: at(r.get(2)?),
                    last_seen: at(r.get(3)?),
                    channel_kind: r.get(4)?,
                    answered: r.get(5)?,
                    best_entry: r.get(6)?,
                    best_score: r.get::<_, f64>(7)? as f32,
                    last_user_id: r.get::<_, Option<i64>>(8)?.map(|u| u as u64),
                },
                down_votes: r.get::<_, i64>(9)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Labels `questions` (a phrasing of `entry_id`, or out of scope when `None`) and
    /// audits the decision, in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub fn label(
        &mut self,
        questions: &[String],
        entry_id: Option<&str>,
        phrasing: Option<&str>,
        who: &str,
        action: &str,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for q in questions {
            // REPLACE deletes the old row: the new label gets a new number, so it is
            // waiting again until a model is fitted on it.
            tx.execute(
                "INSERT OR REPLACE INTO labels (question, entry_id, phrasing, who, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![q, entry_id, phrasing, who, secs(now)],
            )?;
        }
        tx.execute(
            "INSERT INTO audit_log (who, action, detail, at) VALUES (?1, ?2, ?3, ?4)",
            params![who, action, detail, secs(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every label, oldest first.
    pub fn labels(&self) -> Result<Vec<Label>> {
        let mut st = self
            .conn
            .prepare("SELECT id, question, entry_id, phrasing, who, at FROM labels ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Label {
                id: r.get(0)?,
                question: r.get(1)?,
                entry_id: r.get(2)?,
                phrasing: r.get(3)?,
                who: r.get(4)?,
                at: at(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many labels there are and how many are waiting for a fit.
    pub fn label_counts(&self) -> Result<LabelCounts> {
        let through: i64 = self
            .setting(FITTED_THROUGH)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let (total, waiting): (i64, i64) = self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(id > ?1), 0) FROM labels",
            [through],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(LabelCounts {
            total: total as u64,
            waiting: waiting as u64,
        })
    }

    /// Notes that a written model was fitted on every label up to number `through`.
    pub fn mark_labels_fitted(&self, through: i64) -> Result<()> {
        self.set_setting(FITTED_THROUGH, &through.to_string())
    }

    /// Remembers questions for [`Store::down_vote`], forgetting those older than
    /// [`RECENT_DAYS`].
    pub fn remember_questions(&mut self, batch: &[RecentQuestion]) -> Result<()> {
        let Some(newest) = batch.iter().map(|q| q.at).max() else {
            return Ok(());
        };
        let tx = self.conn.transaction()?;
        for q in batch {
            // Cached: parsed once, not once per question of a burst.
            tx.prepare_cached(
                "INSERT OR REPLACE INTO recent_questions
                    (key, text, entry_id, answered, confidence, channel_kind, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                q.key as i64,
                q.text,
                q.entry_id,
                q.answered,
                q.confidence as f64,
                q.channel_kind,
                secs(q.at)
            ])?;
        }
        tx.execute(
            "DELETE FROM recent_questions WHERE at < ?1",
            [secs(newest - Duration::days(RECENT_DAYS))],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The question remembered under `key`, if any (what [`Store::down_vote`] finds).
    pub fn recent_question(&self, key: u64) -> Result<Option<RecentQuestion>> {
        Ok(self
            .conn
            .query_row(
                "SELECT key, text, entry_id, answered, confidence, channel_kind, at
                 FROM recent_questions WHERE key = ?1",
                [key as i64],
                |r| {
                    Ok(RecentQuestion {
                        key: r.get::<_, i64>(0)? as u64,
                        text: r.get(1)?,
                        entry_id: r.get(2)?,
                        answered: r.get(3)?,
                        confidence: r.get::<_, f64>(4)? as f32,
                        channel_kind: r.get(5)?,
                        at: at(r.get(6)?),
                    })
                },
            )
            .optional()?)
    }

    /// A 👎 on the answer to question `key` puts that question in the question log
    /// (or counts the vote on it there). False: the question is not known (older than
    /// [`RECENT_DAYS`], or asked before the bot remembered questions).
    pub fn down_vote(&mut self, key: u64, entry_id: &str, now: DateTime<Utc>) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let q: Option<(String, bool, f64, String)> = tx
            .query_row(
                "SELECT text, answered, confidence, channel_kind FROM recent_questions
                 WHERE key = ?1",
                [key as i64],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((text, answered, confidence, kind)) = q else {
            return Ok(false);
        };
        tx.execute(
            "INSERT INTO question_log (text, count, first_seen, last_seen, channel_kind,
                answered, best_entry, best_score, last_user_id, down_votes)
             VALUES (?1, 1, ?2, ?2, ?3, ?4, ?5, ?6, NULL, 1)
             ON CONFLICT (text) DO UPDATE SET down_votes = down_votes + 1",
            params![text, secs(now), kind, answered, entry_id, confidence],
        )?;
        tx.commit()?;
        Ok(true)
    }
}
