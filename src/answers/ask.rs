//! Free-text questions, "Did you mean" answers, autocomplete and name lookup.

use super::{clean_question, too_long, Asked, Desk, Lang, MAX_QUESTION};
use crate::catalogue::Hint;
use crate::knowledge::{short_source, Entry, EntryKind};
use crate::matcher::Match;
use crate::reply::{Matched, Reply, ReplyKind, Rich, Suggestion};

impl Desk {
    /// Answers a free-text question in `lang` (the front end decides it: the question's
    /// own language, see [`Lang::detect`], else what it knows of the reader). A question
    /// the bot cannot answer is a reply too.
    pub fn ask(&self, question: &str, lang: Lang) -> (Asked, Reply) {
        let clean = clean_question(question);
        let vi = lang == Lang::Vi;
        let refuse = |message: String| {
            let asked = Asked {
                query: question.to_string(),
                answered: false,
                id: None,
                confidence: 0.0,
                answer: message.clone(),
                suggestions: Vec::new(),
            };
            (asked, Reply::user_error(message).in_lang(lang))
        };
        if clean.is_empty() {
            return refuse(if vi {
                "Hãy nhập một câu hỏi, ví dụ “Khi nào lễ ký diễn ra?”".into()
            } else {
                "Please type a question, for example “When is the signing ceremony?”".into()
            });
        }
        if clean.chars().count() > MAX_QUESTION {
            return refuse(if vi {
                format!("Câu hỏi quá dài: xin viết dưới {MAX_QUESTION} ký tự.")
            } else {
                format!(
                    "That question is too long: please keep it under {MAX_QUESTION} characters."
                )
            });
        }
        let m = self.matcher.find(&clean);
        let (asked, reply) = self.render_match(question, &m, lang);
        // A state the knowledge has no record of: say the list is partial, never "no".
        if let Some(refusal) = self.unrecorded_country(question, &m, &reply.suggestions, lang) {
            return refusal;
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
            not_held: None,
        };
        Some(self.render_match(id, &m, lang).1)
    }

    fn render_match(&self, query: &str, m: &Match, lang: Lang) -> (Asked, Reply) {
        let entries = &self.knowledge.entries;
        let suggestions: Vec<Suggestion> = m
            .alternatives
            .iter()
            .map(|&i| self.suggestion(i, lang))
            .collect();
        // A question about today whose best candidate is a refusal entry (the dated last
        // state of a figure that changes) gets that entry's text even below the
        // threshold: it answers nothing, so it cannot be a confident wrong answer, and it
        // says more than "not sure".
        let shown = m
            .best
            .filter(|&i| m.answered || (m.about_now && entries[i].refusal));
        match shown {
            Some(i) => {
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
                    answer: text.clone(),
                    suggestions: suggestions.clone(),
                };
                let kind = if e.refusal {
                    ReplyKind::Miss
                } else {
                    ReplyKind::Answer
                };
                let mut reply = Reply::new(kind, self.title(i, lang), Rich::text(text))
                    .with_source(self.source(i, lang))
                    .in_lang(lang);
                reply.matched = Some(Matched {
                    id: e.id.clone(),
                    confidence: m.confidence,
                });
                reply.suggestions = suggestions;
                (asked, reply)
            }
            _ => {
                let k = &self.knowledge;
                let vi = lang == Lang::Vi;
                let not_held = m.not_held.and_then(|i| k.not_held.get(i));
                let mut body = Rich::default();
                let text = match (&m.note, not_held, suggestions.is_empty(), vi) {
                    (Some(note), _, _, _) => note.clone(),
                    // A kind of detail the sources never give: say so.
                    (None, Some(n), _, true) => n.answer_vi.clone(),
                    (None, Some(n), _, false) => n.answer.clone(),
                    (None, None, true, false) => {
                        body.push("I don't know that one. Try ")
                            .command(Hint::Help)
                            .push(" to see what I can answer, or ask about the convention, the ceremony programme or the people who spoke.");
                        "I don't know that one. Ask about the convention, the ceremony programme or the people who spoke.".to_string()
                    }
                    (None, None, true, true) => {
                        body.push("Tôi chưa biết câu này. Xem ")
                            .command(Hint::Help)
                            .push(" để biết tôi trả lời được gì, hoặc hỏi về Công ước, chương trình buổi lễ hay những người đã phát biểu.");
                        "Tôi chưa biết câu này. Hãy hỏi về Công ước, chương trình buổi lễ hay những người đã phát biểu.".to_string()
                    }
                    (None, None, false, false) => {
                        "I'm not sure I know that. Did you mean one of these?".to_string()
                    }
                    (None, None, false, true) => {
                        "Tôi chưa chắc đã hiểu câu hỏi. Có phải bạn muốn hỏi một trong những câu sau?"
                            .to_string()
                    }
                };
                // A question about today: say how far the knowledge goes and where the
                // current figures are kept.
                let now = match (m.about_now, &k.signatories) {
                    (true, Some(sig)) if vi => format!(" Thông tin ở đây cập nhật đến ngày {}; số liệu hiện tại (chữ ký, phê chuẩn) có tại Bộ sưu tập điều ước của Liên Hợp Quốc: {}", vi_date(&sig.as_of), sig.url),
                    (true, Some(sig)) => format!(" What I know runs to {}; the current figures (signatures, ratifications) are kept by the UN Treaty Collection: {}", en_date(&sig.as_of), sig.url),
                    _ => String::new(),
                };
                let text = format!("{text}{now}");
                if body.is_empty() {
                    body.push(text.clone());
                } else if !now.is_empty() {
                    body.push(now);
                }
                let asked = Asked {
                    query: query.to_string(),
                    answered: false,
                    id: None,
                    confidence: m.confidence,
                    answer: text,
                    suggestions: suggestions.clone(),
                };
                let title = if vi {
                    "Chưa chắc chắn"
                } else {
                    "Not sure"
                };
                let mut reply = Reply::new(ReplyKind::Miss, title, body).in_lang(lang);
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
                .map(|e| Suggestion {
                    id: e.id.clone(),
                    question: title_of(e),
                })
                .collect();
        }
        // Autocomplete sees every keystroke: rank at most a question's length of it.
        let partial: String = clean_question(partial).chars().take(MAX_QUESTION).collect();
        // Someone typing Vietnamese is offered the Vietnamese phrasings.
        let lang = Lang::of_question(&partial, Lang::En);
        self.matcher
            .rank(&partial, limit)
            .into_iter()
            .map(|i| self.suggestion(i, lang))
            .collect()
    }

    /// Entry `i` offered as a suggestion, titled in `lang`.
    pub(super) fn suggestion(&self, i: usize, lang: Lang) -> Suggestion {
        Suggestion {
            id: self.knowledge.entries[i].id.clone(),
            question: self.title(i, lang),
        }
    }

    /// Entry `i`'s title in `lang` (see [`phrasing`]).
    fn title(&self, i: usize, lang: Lang) -> String {
        let e = &self.knowledge.entries[i];
        match lang {
            Lang::En => title_of(e),
            // The cache has one slot per entry the desk was built with.
            Lang::Vi => match self.titles_vi.get(i) {
                Some(slot) => slot.get_or_init(|| phrasing(e, Lang::Vi)).clone(),
                None => phrasing(e, Lang::Vi),
            },
        }
    }

    /// Entry `i`'s short source line in `lang` (see [`source_of`]).
    fn source(&self, i: usize, lang: Lang) -> String {
        let e = &self.knowledge.entries[i];
        let slot = self
            .sources
            .get(i)
            .map(|s| &s[usize::from(lang == Lang::Vi)]);
        match slot {
            Some(slot) => slot.get_or_init(|| source_of(e, lang)).clone(),
            None => source_of(e, lang),
        }
    }

    /// Entries of one kind whose names best match `name` (speaker and session lookup):
    /// first those with a name or alias holding every word typed ("session signing" is
    /// the "Signing session"), the closest name first; then the matcher's ranking,
    /// which forgives typos. The names come first because a general ranking of every
    /// entry can bury a session under the questions that share its words.
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
        let mut found = by_name(entries, &clean, kind);
        for i in self.matcher.rank(&clean, 64) {
            let e = &entries[i];
            if e.kind == kind && !found.iter().any(|f| std::ptr::eq(*f, e)) {
                found.push(e);
            }
        }
        found.truncate(limit);
        found
    }
}

/// Entries of `kind` with a name or alias that holds every word of `query` that is not
/// a filler ("the", "be"), folded; the names the query covers most first, counting the
/// fillers too ("Phiên bế mạc" is the closing, not "Phiên khai mạc"), then file order.
fn by_name<'e>(entries: &'e [Entry], query: &str, kind: EntryKind) -> Vec<&'e Entry> {
    use crate::text::{fold, is_filler, words};
    let asked = words(&fold(query));
    let required: Vec<&String> = asked.iter().filter(|w| !is_filler(w)).collect();
    if required.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f32, &Entry)> = entries
        .iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| {
            let best = e
                .names
                .iter()
                .map(|n| words(&fold(n)))
                .filter(|n| required.iter().all(|w| n.contains(w)))
                .map(|n| asked.iter().filter(|w| n.contains(w)).count() as f32 / n.len() as f32)
                .fold(None, |best: Option<f32>, c| {
                    Some(best.map_or(c, |b| b.max(c)))
                })?;
            Some((best, e))
        })
        .collect();
    // Stable: equally close names keep the file's order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, e)| e).collect()
}

/// The entry's first phrasing in `lang` (its title, its suggestion); in Vietnamese,
/// where the entry has no Vietnamese phrasing, its Vietnamese name ("Phiên ký"); else
/// its first phrasing.
fn phrasing(e: &Entry, lang: Lang) -> String {
    let first = || e.questions.first().cloned().unwrap_or_else(|| e.id.clone());
    let vietnamese = |s: &&String| Lang::detect(s) == Some(Lang::Vi);
    match lang {
        Lang::En => first(),
        Lang::Vi => e
            .questions
            .iter()
            .find(vietnamese)
            .or_else(|| e.names.iter().find(vietnamese))
            .cloned()
            .unwrap_or_else(first),
    }
}

pub(super) fn title_of(e: &Entry) -> String {
    e.questions.first().cloned().unwrap_or_else(|| e.id.clone())
}

/// The short source line, with the date of a figure.
fn source_of(e: &Entry, lang: Lang) -> String {
    let cite = short_source(&e.source, lang);
    match (&e.as_of, lang) {
        (Some(d), Lang::En) => format!("{cite} (figure as of {d})"),
        (Some(d), Lang::Vi) => format!("{cite} (số liệu tính đến {d})"),
        (None, _) => cite,
    }
}

/// "2025-10-26" → "26 October 2025" (unchanged if it is not a date).
fn en_date(d: &str) -> String {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map_or_else(|_| d.to_string(), |d| d.format("%-d %B %Y").to_string())
}

/// "2025-10-26" → "26/10/2025" (unchanged if it is not a date).
fn vi_date(d: &str) -> String {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map_or_else(|_| d.to_string(), |d| d.format("%-d/%-m/%Y").to_string())
}
