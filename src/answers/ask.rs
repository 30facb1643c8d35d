//! Free-text questions, "Did you mean" answers, autocomplete and name lookup.

use super::{clean_question, too_long, Asked, Desk, Lang, MAX_QUESTION};
use crate::knowledge::{Entry, EntryKind};
use crate::matcher::Match;
use crate::reply::{Matched, Reply, ReplyKind, Rich, Suggestion};

impl Desk {
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
        if let Some(message) = too_long(&clean, "question") {
            return refuse(message);
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
        // Autocomplete sees every keystroke: rank at most a question's length of it.
        let partial: String = clean_question(partial).chars().take(MAX_QUESTION).collect();
        self.matcher
            .rank(&partial, limit)
            .into_iter()
            .map(|i| suggestion(&entries[i]))
            .collect()
    }

    /// Entries of one kind whose names best match `name` (speaker and session lookup).
    pub fn find_named(&self, name: &str, kind: EntryKind, limit: usize) -> Vec<&Entry> {
        let entries = &self.knowledge.entries;
        let clean = clean_question(name);
        if too_long(&clean, "name").is_some() {
            return Vec::new();
        }
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
}

fn suggestion(e: &Entry) -> Suggestion {
    Suggestion {
        id: e.id.clone(),
        question: e.questions.first().cloned().unwrap_or_else(|| e.id.clone()),
    }
}

pub(super) fn title_of(e: &Entry) -> String {
    e.questions.first().cloned().unwrap_or_else(|| e.id.clone())
}

fn source_of(e: &Entry) -> String {
    match &e.as_of {
        Some(d) => format!("{} (figure as of {d})", e.source),
        None => e.source.clone(),
    }
}
