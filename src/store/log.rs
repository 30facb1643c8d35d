//! What users asked and thought of the answers, and what moderators did.
//!
//! - `question_log`: one row per normalised question the bot could not answer, or
//!   answered with low confidence: how often, first and last seen, the channel kind
//!   and the closest entry. A user id is kept only when the config allows it.
//! - `question_days` and `entry_hits`: counters over *every* question, for stats.
//! - `feedback_votes`: one 👍/👎 per voter per answer message; a second click changes
//!   the vote instead of adding one. The voter key is a hash used only for that.
//! - `audit_log`: every moderator action.

use super::{at, secs, Result, Store};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

/// One question as the curation log receives it (text already normalised).
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionEvent {
    /// The question, normalised.
    pub text: String,
    /// Whether it was answered.
    pub answered: bool,
    /// The matcher's score.
    pub confidence: f32,
    /// The best entry, answered or not.
    pub best_entry: Option<String>,
    /// "slash", "mention", "qa-channel", "dm", "cli".
    pub channel_kind: String,
    /// Stored only when `[curation] log_user_ids` is on.
    pub user_id: Option<u64>,
}

/// A logged question, most frequent first in [`Store::top_questions`].
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The question, normalised.
    pub text: String,
    /// How often it was asked.
    pub count: u64,
    /// When it was first asked.
    pub first_seen: DateTime<Utc>,
    /// When it was last asked.
    pub last_seen: DateTime<Utc>,
    /// Where it was last asked.
    pub channel_kind: String,
    /// False: unanswered; true: answered with low confidence.
    pub answered: bool,
    /// The entry closest to it.
    pub best_entry: Option<String>,
    /// The best score it got.
    pub best_score: f32,
    /// The last asker, if user ids are logged.
    pub last_user_id: Option<u64>,
}

/// Questions on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    /// The day (UTC).
    pub day: NaiveDate,
    /// Questions asked.
    pub asked: u64,
    /// Of which answered.
    pub answered: u64,
}

/// Feedback on one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackCount {
    /// The entry.
    pub entry_id: String,
    /// 👍 votes.
    pub up: u64,
    /// 👎 votes.
    pub down: u64,
}

/// One moderator action, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its number.
    pub id: i64,
    /// Who: name and id, or `cli:$USER`.
    pub who: String,
    /// What: "announce.schedule", "announce.cancel", "reminders", "kb.reload", "denied".
    pub action: String,
    /// The particulars.
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl Store {
    /// Counts a question for stats and, when `log` is set, adds it to the question log.
    pub fn record_question(
        &mut self,
        q: &QuestionEvent,
        log: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.record_questions(&[(q.clone(), log, now)])
    }

    /// [`Store::record_question`] for several questions in one transaction (one disk
    /// sync for a burst of questions instead of one each).
    pub fn record_questions(
        &mut self,
        batch: &[(QuestionEvent, bool, DateTime<Utc>)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        // Cached statements: under load the bot writes a batch every few tenths of a
        // second, and parsing the SQL again for each row was a good part of its cost.
        for (q, log, now) in batch {
            let day = now.date_naive().to_string();
            tx.prepare_cached(
                "INSERT INTO question_days (day, asked, answered) VALUES (?1, 1, ?2)
                 ON CONFLICT (day) DO UPDATE SET asked = asked + 1, answered = answered + ?2",
            )?
            .execute(params![day, q.answered as i64])?;
            if let (true, Some(e)) = (q.answered, &q.best_entry) {
                tx.prepare_cached(
                    "INSERT INTO entry_hits (entry_id, count) VALUES (?1, 1)
                     ON CONFLICT (entry_id) DO UPDATE SET count = count + 1",
                )?
                .execute([e])?;
            }
            if *log && !q.text.is_empty() {
                tx.prepare_cached(
                    "INSERT INTO question_log (text, count, first_seen, last_seen, channel_kind,
                        answered, best_entry, best_score, last_user_id)
                     VALUES (?1, 1, ?2, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (text) DO UPDATE SET count = count + 1, last_seen = ?2,
                        channel_kind = ?3, answered = ?4, best_entry = ?5, best_score = ?6,
                        last_user_id = ?7",
                )?
                .execute(params![
                    q.text,
                    secs(*now),
                    q.channel_kind,
                    q.answered,
                    q.best_entry,
                    q.confidence as f64,
                    q.user_id.map(|u| u as i64),
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes logged questions last asked before `before`, then the least recently
    /// asked beyond `keep`; returns how many went. Counters for stats are untouched.
    pub fn prune_questions(&self, before: DateTime<Utc>, keep: usize) -> Result<usize> {
        let mut n = self.conn.execute(
            "DELETE FROM question_log WHERE last_seen < ?1",
            [secs(before)],
        )?;
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM question_log", [], |r| r.get(0))?;
        if count as usize > keep {
            n += self.conn.execute(
                "DELETE FROM question_log WHERE rowid IN (
                    SELECT rowid FROM question_log ORDER BY last_seen DESC, rowid DESC
                    LIMIT -1 OFFSET ?1)",
                [keep as i64],
            )?;
        }
        Ok(n)
    }

    /// The most frequent logged questions (unanswered first among equals).
    pub fn top_questions(&self, limit: usize) -> Result<Vec<Gap>> {
        let mut st = self.conn.prepare(
            "SELECT text, count, first_seen, last_seen, channel_kind, answered, best_entry,
                best_score, last_user_id
             FROM question_log ORDER BY count DESC, answered, last_seen DESC LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok(Gap {
                text: r.get(0)?,
                count: r.get::<_, i64>(1)? as u64,
                first_seen: at(r.get(2)?),
                last_seen: at(r.get(3)?),
                channel_kind: r.get(4)?,
                answered: r.get(5)?,
                best_entry: r.get(6)?,
                best_score: r.get::<_, f64>(7)? as f32,
                last_user_id: r.get::<_, Option<i64>>(8)?.map(|u| u as u64),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Questions per day from `since` on, oldest first.
    pub fn question_days(&self, since: NaiveDate) -> Result<Vec<DayCount>> {
        let mut st = self.conn.prepare(
            "SELECT day, asked, answered FROM question_days WHERE day >= ?1 ORDER BY day",
        )?;
        let rows = st.query_map([since.to_string()], |r| {
            let day: String = r.get(0)?;
            Ok(DayCount {
                day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap_or_default(),
                asked: r.get::<_, i64>(1)? as u64,
                answered: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Entries answered most often.
    pub fn top_entries(&self, limit: usize) -> Result<Vec<(String, u64)>> {
        let mut st = self.conn.prepare(
            "SELECT entry_id, count FROM entry_hits ORDER BY count DESC, entry_id LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a 👍 (`up`) or 👎 on the answer in `message_id`; the voter's earlier
    /// vote on that message is replaced.
    pub fn vote(
        &self,
        message_id: u64,
        voter_key: u64,
        entry_id: &str,
        up: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO feedback_votes (message_id, voter_key, entry_id, up, at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (message_id, voter_key) DO UPDATE SET up = ?4, at = ?5",
            params![message_id as i64, voter_key as i64, entry_id, up, secs(now)],
        )?;
        Ok(())
    }

    /// Votes per entry, most voted first.
    pub fn feedback(&self) -> Result<Vec<FeedbackCount>> {
        let mut st = self.conn.prepare(
            "SELECT entry_id, SUM(up), SUM(1 - up) FROM feedback_votes
             GROUP BY entry_id ORDER BY COUNT(*) DESC, entry_id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(FeedbackCount {
                entry_id: r.get(0)?,
                up: r.get::<_, i64>(1)? as u64,
                down: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Appends to the audit log.
    pub fn audit(&self, who: &str, action: &str, detail: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audit_log (who, action, detail, at) VALUES (?1, ?2, ?3, ?4)",
            params![who, action, detail, secs(now)],
        )?;
        Ok(())
    }

    /// The latest audit entries, newest first.
    pub fn audit_list(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn.prepare(
            "SELECT id, who, action, detail, at FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                who: r.get(1)?,
                action: r.get(2)?,
                detail: r.get(3)?,
                at: at(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
