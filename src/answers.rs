//! What the bot says: each command of the catalogue as a function from a request to a
//! [`Reply`]. Pure: no I/O, and the current time is an argument.
//!
//! [`Desk`] owns one knowledge base and its matcher; reloading builds a new `Desk` and
//! swaps it whole, so a reader never sees a half-loaded state.

mod countries;

use crate::catalogue::COMMANDS;
use crate::config::Config;
use crate::knowledge::{long_date, roman, session_when, Entry, EntryKind, Knowledge, Session};
use crate::matcher::{Match, Matcher};
use crate::reply::{Matched, Reply, ReplyKind, Rich, Suggestion, TimeStyle};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Longest question accepted, in characters (Discord's own option limit is 6,000).
pub const MAX_QUESTION: usize = 500;

/// The language to answer in, from the Discord locale or `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// Discord locales: "vi" is Vietnamese; everything else gets English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

/// The outcome of `ask`, as `ask --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Asked {
    pub query: String,
    pub answered: bool,
    pub id: Option<String>,
    pub confidence: f32,
    pub answer: String,
    pub suggestions: Vec<Suggestion>,
}

/// Which day `schedule` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    Date(NaiveDate),
    /// What is on now and next.
    Now,
}

pub struct Desk {
    pub knowledge: Knowledge,
    pub matcher: Matcher,
    pub config: Config,
}

impl Desk {
    pub fn new(knowledge: Knowledge, config: Config) -> Desk {
        let matcher = Matcher::new(&knowledge, config.matcher.clone());
        Desk {
            knowledge,
            matcher,
            config,
        }
    }

    /// Answers a free-text question. A question the bot cannot answer is a reply too.
    pub fn ask(&self, question: &str, lang: Lang) -> (Asked, Reply) {
        let clean = clean_question(question);
        let refuse = |message: String| {
            let asked = Asked {
                query: question.to_string(),
                answered: false,
                id: None,
                confidence: 0.0,
                answer: message.clone(),
                suggestions: Vec::new(),
            };
            (asked, Reply::user_error(message))
        };
        if clean.is_empty() {
            return refuse(
                "Please type a question, for example “When is the signing ceremony?”".into(),
            );
        }
        if clean.chars().count() > MAX_QUESTION {
            return refuse(format!(
                "That question is too long: please keep it under {MAX_QUESTION} characters."
            ));
        }
        let m = self.matcher.find(&clean);
        let (asked, reply) = self.render_match(question, &m, lang);
        if !asked.answered {
            // A state the knowledge has no record of: say the list is partial, never "no".
            let suggestions = reply.suggestions.clone();
            if let Some(refusal) = self.unrecorded_country(question, &m, suggestions, lang) {
                return refusal;
            }
        }
        (asked, reply)
    }

    /// Answers with a given entry, as when a user presses a "Did you mean" button.
    pub fn answer_entry(&self, id: &str, lang: Lang) -> Option<Reply> {
        let i = self.knowledge.entries.iter().position(|e| e.id == id)?;
        let m = Match {
            best: Some(i),
            confidence: 1.0,
            answered: true,
            alternatives: Vec::new(),
            note: None,
            about_now: false,
        };
        Some(self.render_match(id, &m, lang).1)
    }

    fn render_match(&self, query: &str, m: &Match, lang: Lang) -> (Asked, Reply) {
        let entries = &self.knowledge.entries;
        let suggestions: Vec<Suggestion> = m
            .alternatives
            .iter()
            .map(|&i| suggestion(&entries[i]))
            .collect();
        match (m.answered, m.best) {
            (true, Some(i)) => {
                let e = &entries[i];
                let text = match (lang, &e.answer_vi) {
                    (Lang::Vi, Some(vi)) => vi.clone(),
                    _ => e.answer.clone(),
                };
                // A refusal entry says what is known, but the question stays unanswered.
                let asked = Asked {
                    query: query.to_string(),
                    answered: !e.refusal,
                    id: Some(e.id.clone()),
                    confidence: m.confidence,
                    answer: e.answer.clone(),
                    suggestions: suggestions.clone(),
                };
                let kind = if e.refusal {
                    ReplyKind::Miss
                } else {
                    ReplyKind::Answer
                };
                let mut reply =
                    Reply::new(kind, title_of(e), Rich::text(text)).with_source(source_of(e));
                reply.matched = Some(Matched {
                    id: e.id.clone(),
                    confidence: m.confidence,
                });
                reply.suggestions = suggestions;
                (asked, reply)
            }
            _ => {
                let text = match (&m.note, suggestions.is_empty()) {
                    (Some(note), _) => note.clone(),
                    (None, true) => "I don't know that one. Try `/help` to see what I can answer, or ask about the convention, the ceremony programme or the people who spoke.".to_string(),
                    (None, false) => "I'm not sure I know that. Did you mean one of these?".to_string(),
                };
                let asked = Asked {
                    query: query.to_string(),
                    answered: false,
                    id: None,
                    confidence: m.confidence,
                    answer: text.clone(),
                    suggestions: suggestions.clone(),
                };
                let mut reply = Reply::new(ReplyKind::Miss, "Not sure", Rich::text(text));
                reply.suggestions = suggestions;
                (asked, reply)
            }
        }
    }

    /// The known questions that best complete a partly typed one (autocomplete).
    pub fn complete_question(&self, partial: &str, limit: usize) -> Vec<Suggestion> {
        let entries = &self.knowledge.entries;
        if partial.trim().is_empty() {
            return entries
                .iter()
                .filter(|e| matches!(e.kind, EntryKind::Qa))
                .take(limit)
                .map(suggestion)
                .collect();
        }
        self.matcher
            .rank(&clean_question(partial), limit)
            .into_iter()
            .map(|i| suggestion(&entries[i]))
            .collect()
    }

    /// Entries of one kind whose names best match `name` (speaker and session lookup).
    pub fn find_named(&self, name: &str, kind: EntryKind, limit: usize) -> Vec<&Entry> {
        let entries = &self.knowledge.entries;
        let clean = clean_question(name);
        if let Some(e) = entries.iter().find(|e| e.kind == kind && e.id == clean) {
            return vec![e];
        }
        if clean.is_empty() {
            return entries
                .iter()
                .filter(|e| e.kind == kind)
                .take(limit)
                .collect();
        }
        self.matcher
            .rank(&clean, 64)
            .into_iter()
            .map(|i| &entries[i])
            .filter(|e| e.kind == kind)
            .take(limit)
            .collect()
    }

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
                r.with_source(k.source.clone())
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
            r.body.push(format!(
                "The ceremony is over (it ended on {last}); nothing with a published time is left. Use `/schedule` with a day to see what happened."
            ));
            return r.with_source(k.source.clone());
        }
        for s in &current {
            r = r.field(format!("Now: {}", s.name), self.session_line(s));
        }
        if let Some((s, _)) = next {
            r = r.field(format!("Next: {}", s.name), self.session_line(s));
        }
        r.with_source(k.source.clone())
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

    pub fn session(&self, name: &str) -> Reply {
        let Some(e) = self
            .find_named(name, EntryKind::Session, 1)
            .into_iter()
            .next()
        else {
            return Reply::user_error(format!(
                "No session matches “{}”. Try `/schedule` for the whole programme.",
                clean_question(name)
            ));
        };
        let s = self
            .knowledge
            .session(&e.id)
            .expect("session entries come from sessions");
        Reply::new(ReplyKind::Info, s.name.clone(), self.session_line(s))
            .with_source(s.source.clone())
    }

    pub fn speakers(&self) -> Reply {
        let k = &self.knowledge;
        let mut r = Reply::new(
            ReplyKind::Info,
            "People at the ceremony",
            Rich::text(format!(
                "{} people are named in the sources. Use `/speaker` for one of them.",
                k.people.len()
            )),
        );
        for p in &k.people {
            r = r.field(
                p.name.clone(),
                Rich::text(format!("{}, {}", p.title, p.organisation)),
            );
        }
        r.with_source(k.source.clone())
    }

    pub fn speaker(&self, name: &str, lang: Lang) -> Reply {
        let Some(e) = self
            .find_named(name, EntryKind::Person, 1)
            .into_iter()
            .next()
        else {
            return Reply::user_error(format!(
                "No one named “{}” is in the knowledge. Try `/speakers` for the list.",
                clean_question(name)
            ));
        };
        let k = &self.knowledge;
        let p = k.person(&e.id).expect("person entries come from people");
        let (title, role) = match lang {
            Lang::Vi => (
                p.title_vi.clone().unwrap_or_else(|| p.title.clone()),
                p.role_vi.clone().unwrap_or_else(|| p.role.clone()),
            ),
            Lang::En => (p.title.clone(), p.role.clone()),
        };
        let mut r = Reply::new(
            ReplyKind::Info,
            p.name.clone(),
            Rich::text(format!("{title}, {}", p.organisation)),
        )
        .field("Role at the ceremony", Rich::text(role));
        for q in p.quotes.iter().take(3) {
            r = r.field("Said", Rich::text(format!("“{}” — {}", q.text, q.source)));
        }
        let sessions: Vec<&str> = k.sessions_of(&p.id).map(|s| s.name.as_str()).collect();
        if !sessions.is_empty() {
            r = r.field("Sessions", Rich::text(sessions.join(", ")));
        }
        r.with_source(p.source.clone())
    }

    pub fn convention(&self) -> Reply {
        let k = &self.knowledge;
        let mut r = Reply::new(
            ReplyKind::Info,
            "UN Convention against Cybercrime (the Hanoi Convention)",
            Rich::default(),
        );
        for id in OVERVIEW {
            if let Some(e) = k.entry(id) {
                r = r.field(title_of(e), Rich::text(e.answer.clone()));
            }
        }
        let chapters: Vec<String> = k
            .chapters
            .iter()
            .map(|c| {
                format!(
                    "{}. {} ({}–{})",
                    roman(c.number),
                    c.title,
                    c.articles[0],
                    c.articles[1]
                )
            })
            .collect();
        if !chapters.is_empty() {
            r = r.field("Chapters", Rich::text(chapters.join("\n")));
        }
        r.body.push(format!(
            "{} chapters, {} articles. Ask `/article` or `/chapter` for one of them.",
            k.chapters.len(),
            k.articles.len()
        ));
        r.with_source(k.source.clone())
    }

    pub fn article(&self, number: i64) -> Reply {
        let k = &self.knowledge;
        let Some(a) = u32::try_from(number).ok().and_then(|n| k.article(n)) else {
            return Reply::user_error(format!(
                "There is no article {number}: the convention has articles 1 to {}.",
                k.articles.len()
            ));
        };
        let e = k
            .entry(&format!("article-{}", a.number))
            .expect("article entries exist");
        Reply::new(
            ReplyKind::Info,
            format!("Article {}", a.number),
            Rich::text(e.answer.clone()),
        )
        .with_source(a.source.clone())
    }

    pub fn chapter(&self, number: i64) -> Reply {
        let k = &self.knowledge;
        let Some(c) = u32::try_from(number).ok().and_then(|n| k.chapter(n)) else {
            return Reply::user_error(format!(
                "There is no chapter {number}: the convention has chapters 1 to {}.",
                k.chapters.len()
            ));
        };
        let e = k
            .entry(&format!("chapter-{}", c.number))
            .expect("chapter entries exist");
        Reply::new(
            ReplyKind::Info,
            format!("Chapter {}", roman(c.number)),
            Rich::text(e.answer.clone()),
        )
        .with_source(c.source.clone())
    }

    pub fn help(&self, prefix: &str) -> Reply {
        let mut r = Reply::new(
            ReplyKind::Info,
            "What I can do",
            Rich::text(format!(
                "I answer questions about the UN Convention against Cybercrime and its signing ceremony in Hanoi, from a curated knowledge base ({} entries, version {}). Mention me with a question, or use:",
                self.knowledge.entries.len(),
                self.knowledge.version
            )),
        );
        for c in COMMANDS.iter().filter(|c| !c.moderator) {
            let usage = if c.usage.is_empty() {
                String::new()
            } else {
                format!(" {}", c.usage)
            };
            r = r.field(
                format!("{prefix}{}{usage}", c.name),
                Rich::text(c.description),
            );
        }
        let moderators: Vec<String> = COMMANDS
            .iter()
            .filter(|c| c.moderator)
            .map(|c| format!("{prefix}{} {}", c.name, c.usage))
            .collect();
        if !moderators.is_empty() {
            r = r.field("For moderators", Rich::text(moderators.join("\n")));
        }
        r
    }
}

/// Entries the `/convention` overview is made of, in order, where the file has them.
const OVERVIEW: &[&str] = &[
    "convention-names",
    "convention-adoption",
    "convention-structure",
    "convention-signature",
    "convention-entry-into-force",
];

fn suggestion(e: &Entry) -> Suggestion {
    Suggestion {
        id: e.id.clone(),
        question: e.questions.first().cloned().unwrap_or_else(|| e.id.clone()),
    }
}

fn title_of(e: &Entry) -> String {
    e.questions.first().cloned().unwrap_or_else(|| e.id.clone())
}

fn source_of(e: &Entry) -> String {
    match &e.as_of {
        Some(d) => format!("{} (figure as of {d})", e.source),
        None => e.source.clone(),
    }
}

fn session_heading(s: &Session) -> String {
    if s.cancelled {
        format!("{} (cancelled)", s.name)
    } else {
        s.name.clone()
    }
}

/// Control characters become spaces and whitespace runs collapse; the text is trimmed.
pub fn clean_question(q: &str) -> String {
    q.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The desk in use, shared by every handler; a reload swaps in a new one whole.
#[derive(Clone)]
pub struct DeskHandle(std::sync::Arc<std::sync::RwLock<std::sync::Arc<Desk>>>);

impl DeskHandle {
    pub fn new(desk: Desk) -> DeskHandle {
        DeskHandle(std::sync::Arc::new(std::sync::RwLock::new(
            std::sync::Arc::new(desk),
        )))
    }

    /// The current desk; holding it keeps it alive across a reload.
    pub fn get(&self) -> std::sync::Arc<Desk> {
        // A poisoned lock still holds a complete desk: swaps are a single assignment.
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts a new desk in place for every later `get`.
    pub fn replace(&self, desk: Desk) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::new(desk);
    }
}
