//! The programme: a day, now and next, one session.

use super::{clean_question, echo, too_long, Day, Desk};
use crate::catalogue::Hint;
use crate::knowledge::{long_date, session_when, short_source, EntryKind, Session};
use crate::lang::Lang;
use crate::reply::{Reply, ReplyKind, Rich, TimeStyle};
use chrono::{DateTime, Utc};

impl Desk {
    /// `/schedule`: the programme of a day, or what is on now and next at `now`.
    pub fn schedule(&self, day: Day, now: DateTime<Utc>) -> Reply {
        let k = &self.knowledge;
        match day {
            Day::Date(d) => {
                let sessions: Vec<&Session> =
                    k.sessions.iter().filter(|s| k.day_of(s) == d).collect();
                if sessions.is_empty() {
                    let days: Vec<String> = k.event_days.iter().map(|d| long_date(*d)).collect();
                    return Reply::user_error(format!(
                        "Nothing is on the programme for {}. The ceremony days are {}.",
                        long_date(d),
                        days.join(" and ")
                    ));
                }
                let mut r = Reply::new(
                    ReplyKind::Info,
                    format!("Programme — {}", long_date(d)),
                    Rich::text(format!(
                        "Times are shown in your time zone where the sources give one (event time: UTC{}).",
                        k.offset
                    )),
                );
                for s in sessions {
                    r = r.field(session_heading(s), self.session_line(s));
                }
                r.with_source(short_source(&k.source, Lang::En))
            }
            Day::Now => self.now_next(now),
        }
    }

    fn now_next(&self, now: DateTime<Utc>) -> Reply {
        let k = &self.knowledge;
        let timed: Vec<(&Session, DateTime<Utc>)> = k
            .sessions
            .iter()
            .filter(|s| !s.cancelled)
            .filter_map(|s| Some((s, k.start_of(s)?.with_timezone(&Utc))))
            .collect();
        let current: Vec<&Session> = timed
            .iter()
            .filter(|(s, start)| {
                let end = k.end_of(s).map(|e| e.with_timezone(&Utc));
                *start <= now && end.is_some_and(|e| now < e)
            })
            .map(|(s, _)| *s)
            .collect();
        let next = timed
            .iter()
            .filter(|(_, start)| *start > now)
            .min_by_key(|(_, t)| *t);
        let mut r = Reply::new(ReplyKind::Info, "Now and next", Rich::default());
        if current.is_empty() && next.is_none() {
            let last = k
                .event_days
                .last()
                .map(|d| long_date(*d))
                .unwrap_or_default();
            r.body
                .push(format!(
                    "The ceremony is over (it ended on {last}); nothing with a published time is left. The programme of each day: "
                ))
                .command(Hint::Schedule)
                .push(".");
            return r.with_source(short_source(&k.source, Lang::En));
        }
        for s in &current {
            r = r.field(format!("Now: {}", s.name), self.session_line(s));
        }
        if let Some((s, _)) = next {
            r = r.field(format!("Next: {}", s.name), self.session_line(s));
        }
        r.with_source(short_source(&k.source, Lang::En))
    }

    /// Time (typed, for every reader's own zone), venue and people of a session.
    pub fn session_line(&self, s: &Session) -> Rich {
        let k = &self.knowledge;
        let mut v = Rich::default();
        match k.start_of(s) {
            Some(start) => {
                v.time(start, TimeStyle::DateTime);
                if let Some(end) = k.end_of(s) {
                    v.push("–").time(end, TimeStyle::Time);
                }
                v.push(" (").time(start, TimeStyle::Relative).push(")");
            }
            None => {
                v.push(session_when(k, s))
                    .push(" (no clock time published)");
            }
        }
        v.push(format!(" · {}", s.venue));
        if s.cancelled {
            v.push(" · **cancelled**");
        }
        let people: Vec<&str> = s
            .people
            .iter()
            .filter_map(|id| k.person(id).map(|p| p.name.as_str()))
            .collect();
        if !people.is_empty() {
            v.push(format!("\nWith: {}", people.join(", ")));
        }
        v.push(format!("\n{}", s.description));
        v
    }

    /// `/session NAME`: the closest session's time, venue and people.
    pub fn session(&self, name: &str) -> Reply {
        if let Some(message) = too_long(&clean_question(name), "name") {
            return Reply::user_error(message);
        }
        let Some(e) = self
            .find_named(name, EntryKind::Session, 1)
            .into_iter()
            .next()
        else {
            let mut message = Rich::text(format!(
                "No session matches “{}”. Try ",
                echo(&clean_question(name))
            ));
            message
                .command(Hint::Schedule)
                .push(" for the whole programme.");
            return Reply::user_error(message);
        };
        let s = self
            .knowledge
            .session(&e.id)
            .expect("session entries come from sessions");
        Reply::new(ReplyKind::Info, s.name.clone(), self.session_line(s))
            .with_source(short_source(&s.source, Lang::En))
    }
}

fn session_heading(s: &Session) -> String {
    if s.cancelled {
        format!("{} (cancelled)", s.name)
    } else {
        s.name.clone()
    }
}
