//! Turns the validated file into a [`Knowledge`] and its flat list of answerable
//! [`Entry`] values.
//!
//! Q&A and facts are taken as written. People, sessions, chapters and articles get their
//! answer composed from their fields and a few generated phrasings ("who is NAME",
//! "article 41"), so curators write each fact once and `ask`, `export` and the Discord
//! commands all say the same thing.

use super::entry::clip;
use super::entry::{Entry, EntryKind, ARTICLE_WORDS, CHAPTER_WORDS, PERSON_WORDS, SESSION_WORDS};
use super::model::{Article, Chapter, Country, Person, RawKnowledge, Session, MAX_ANSWER};
use super::validate::Checked;
use super::Knowledge;
use chrono::NaiveDate;
use std::path::PathBuf;

pub(super) fn build(raw: RawKnowledge, checked: Checked, origin: PathBuf) -> Knowledge {
    let people: Vec<Person> = unwrap(raw.person);
    let sessions: Vec<Session> = unwrap(raw.session);
    let chapters: Vec<Chapter> = unwrap(raw.chapter);
    let articles: Vec<Article> = unwrap(raw.article);
    let countries: Vec<Country> = unwrap(raw.country);
    let mut synonyms: Vec<Vec<String>> = raw
        .synonym
        .into_iter()
        .map(|s| s.into_inner().terms)
        .collect();
    super::countries::entries::add_synonyms(&countries, &mut synonyms);
    let mut k = Knowledge {
        title: raw.meta.title,
        version: raw.meta.version,
        source: raw.meta.source,
        origin,
        digest: None,
        offset: checked.offset,
        timezone: raw.meta.timezone,
        event_days: checked.event_days,
        synonyms,
        people,
        sessions,
        chapters,
        articles,
        gazetteer: super::countries::Gazetteer::build(&countries),
        countries,
        signatories: raw.signatories.map(toml::Spanned::into_inner),
        not_held: unwrap(raw.not_held),
        entries: Vec::new(),
        decision: std::sync::Arc::new(crate::decision::Model::embedded()),
    };
    let mut entries = Vec::new();
    for (kind, list) in [(EntryKind::Qa, raw.qa), (EntryKind::Fact, raw.fact)] {
        for e in list.into_iter().map(toml::Spanned::into_inner) {
            entries.push(Entry {
                id: e.id,
                kind,
                topic: e.topic,
                questions: e.questions,
                keywords: e.keywords,
                names: Vec::new(),
                attributes: &[],
                answer: e.answer,
                answer_vi: e.answer_vi,
                source: e.source,
                as_of: e.as_of,
                refusal: e.refusal,
                holds_now: e.holds_now,
                related: e.related,
                number: None,
                notes: Vec::new(),
            });
        }
    }
    entries.extend(k.people.iter().map(|p| person_entry(&k, p)));
    entries.extend(k.sessions.iter().map(|s| session_entry(&k, s)));
    entries.extend(
        k.event_days
            .iter()
            .enumerate()
            .map(|(i, d)| day_entry(&k, i + 1, *d)),
    );
    entries.extend(k.chapters.iter().map(|c| chapter_entry(&k, c)));
    entries.extend(k.articles.iter().map(|a| article_entry(&k, a)));
    entries.extend(
        k.countries
            .iter()
            .map(|c| super::countries::entries::country_entry(&k, c)),
    );
    entries.extend(super::countries::entries::not_signed_entry(&k));
    entries.extend(super::countries::entries::by_region_entry(&k));
    k.entries = entries;
    k
}

/// "Title, Organisation", without the organisation when the title already names it
/// ("Director of the Treaty Affairs Division, UNODC", not "…, UNODC, UNODC").
pub fn with_organisation(title: &str, organisation: &str) -> String {
    use crate::text::{fold, words};
    let (t, o) = (words(&fold(title)), words(&fold(organisation)));
    // Whole words: "UN" is not named by "Union".
    let named = o.is_empty() || t.windows(o.len()).any(|w| w == o.as_slice());
    if named {
        title.to_string()
    } else {
        format!("{title}, {organisation}")
    }
}

fn person_entry(k: &Knowledge, p: &Person) -> Entry {
    let mut answer = format!(
        "{} — {}. {}",
        p.name,
        with_organisation(&p.title, &p.organisation),
        p.role
    );
    let sessions: Vec<&str> = k.sessions_of(&p.id).map(|s| s.name.as_str()).collect();
    if !sessions.is_empty() {
        answer.push_str(&format!(" Sessions: {}.", sessions.join(", ")));
    }
    if let Some(q) = p.quotes.first() {
        let quoted = format!(" They said: “{}” ({})", q.text.trim(), q.source);
        if answer.chars().count() + quoted.chars().count() <= MAX_ANSWER {
            answer.push_str(&quoted);
        }
    }
    let answer_vi = p.title_vi.as_ref().map(|t| {
        let role = p.role_vi.as_deref().unwrap_or("");
        format!("{} — {}. {}", p.name, t, role).trim().to_string()
    });
    let mut questions = vec![format!("Who is {}?", p.name)];
    questions.push(format!("What is {}'s role?", p.name));
    questions.push(format!("What did {} say?", p.name));
    questions.extend(p.questions.iter().cloned());
    let mut keywords = vec![p.title.clone(), p.organisation.clone()];
    keywords.extend(p.title_vi.iter().cloned());
    keywords.extend(p.country.iter().cloned());
    let mut names = vec![p.name.clone()];
    names.extend(p.aliases.iter().cloned());
    Entry {
        id: p.id.clone(),
        kind: EntryKind::Person,
        topic: "people".into(),
        questions,
        keywords,
        names,
        attributes: PERSON_WORDS,
        answer: clip(answer),
        answer_vi,
        source: p.source.clone(),
        as_of: None,
        refusal: false,
        holds_now: false,
        related: Vec::new(),
        number: None,
        notes: Vec::new(),
    }
}

fn unwrap<T>(v: Vec<toml::Spanned<T>>) -> Vec<T> {
    v.into_iter().map(toml::Spanned::into_inner).collect()
}

/// "Saturday 25 October 2025".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// When a session happens, in the event's own clock: "Saturday 25 October 2025, 10:00 (UTC+07:00)".
pub fn session_when(k: &Knowledge, s: &Session) -> String {
    let mut when = long_date(k.day_of(s));
    match (&s.start, &s.end, &s.part_of_day) {
        (Some(a), Some(b), _) => when.push_str(&format!(", {a}–{b} (UTC{})", k.offset)),
        (Some(a), None, _) => when.push_str(&format!(", {a} (UTC{})", k.offset)),
        (None, _, Some(part)) => when.push_str(&format!(", {part}")),
        _ => {}
    }
    when
}

fn session_entry(k: &Knowledge, s: &Session) -> Entry {
    let people: Vec<&str> = s
        .people
        .iter()
        .filter_map(|id| k.person(id).map(|p| p.name.as_str()))
        .collect();
    let mut answer = format!("{}: {}, {}.", s.name, session_when(k, s), s.venue);
    if s.cancelled {
        answer.push_str(" (cancelled)");
    }
    answer.push(' ');
    answer.push_str(&s.description);
    if !people.is_empty() {
        answer.push_str(&format!(" With: {}.", people.join(", ")));
    }
    let answer_vi = super::vietnamese::session_answer_vi(k, s, &people);
    let mut questions = vec![
        format!("When is the {}?", s.name),
        format!("Where is the {}?", s.name),
    ];
    questions.extend(s.questions.iter().cloned());
    let mut names = vec![s.name.clone()];
    names.extend(s.name_vi.iter().cloned());
    names.extend(s.aliases.iter().cloned());
    let mut keywords = vec![s.kind.clone(), s.venue.clone()];
    // People number the programme's days ("side events on day 2"), as its day entries do.
    let day = k.day_of(s);
    if let Some(n) = k.event_days.iter().position(|d| *d == day) {
        keywords.push(format!("day {}", n + 1));
    }
    Entry {
        id: s.id.clone(),
        kind: EntryKind::Session,
        topic: "schedule".into(),
        questions,
        keywords,
        names,
        attributes: SESSION_WORDS,
        answer: clip(answer),
        answer_vi: answer_vi.map(clip),
        source: s.source.clone(),
        as_of: None,
        refusal: false,
        holds_now: false,
        related: Vec::new(),
        number: None,
        notes: Vec::new(),
    }
}

/// The programme of one event day, so "what happens on the 26th" has one answer.
fn day_entry(k: &Knowledge, n: usize, d: NaiveDate) -> Entry {
    let items: Vec<String> = k
        .sessions
        .iter()
        .filter(|s| k.day_of(s) == d && !s.cancelled)
        .map(|s| match (&s.start, &s.part_of_day) {
            (Some(t), _) => format!("{t} {}", s.name),
            (None, Some(part)) => format!("{} ({part})", s.name),
            _ => s.name.clone(),
        })
        .collect();
    let answer = if items.is_empty() {
        format!(
            "Day {n}, {}: no sessions are listed for this day.",
            long_date(d)
        )
    } else {
        format!(
            "Day {n}, {}: {}. Times are local (UTC{}) where a source gives one.",
            long_date(d),
            items.join("; "),
            k.offset
        )
    };
    let date = d.format("%-d %B").to_string();
    let ordinal = ["first", "second", "third", "fourth"]
        .get(n - 1)
        .copied()
        .unwrap_or("next");
    Entry {
        id: format!("programme-{d}"),
        kind: EntryKind::Day,
        topic: "schedule".into(),
        questions: vec![
            format!("What happens on {date}?"),
            format!("What is the programme of day {n}?"),
            format!("Schedule for the {ordinal} day"),
        ],
        keywords: vec![date, format!("day {n}")],
        names: Vec::new(),
        attributes: SESSION_WORDS,
        answer: clip(answer),
        answer_vi: Some(clip(super::vietnamese::day_answer_vi(k, n, d))),
        source: k.source.clone(),
        as_of: None,
        refusal: false,
        holds_now: false,
        related: Vec::new(),
        number: None,
        notes: Vec::new(),
    }
}

/// Roman numeral of a chapter number (the convention has nine chapters).
pub fn roman(n: u32) -> String {
    const R: [&str; 13] = [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n as usize)
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

fn chapter_entry(k: &Knowledge, c: &Chapter) -> Entry {
    let [a, b] = c.articles;
    let range = if a == b {
        format!("article {a}")
    } else {
        format!("articles {a}–{b}")
    };
    let mut answer = format!("Chapter {} — {} ({range}).", roman(c.number), c.title);
    if let Some(s) = &c.summary {
        answer.push(' ');
        answer.push_str(s);
    }
    let titles: Vec<String> = k
        .articles
        .iter()
        .filter(|x| (a..=b).contains(&x.number))
        .map(|x| format!("{} {}", x.number, x.title))
        .collect();
    let listing = format!(" Articles: {}.", titles.join("; "));
    if answer.chars().count() + listing.chars().count() <= MAX_ANSWER {
        answer.push_str(&listing);
    }
    Entry {
        id: format!("chapter-{}", c.number),
        kind: EntryKind::Chapter,
        topic: "convention".into(),
        questions: vec![
            format!("What is chapter {} about?", c.number),
            format!("Which chapter covers {}?", c.title),
        ],
        keywords: c.title_vi.iter().chain(&c.keywords).cloned().collect(),
        names: Vec::new(),
        attributes: CHAPTER_WORDS,
        answer: clip(answer),
        answer_vi: super::vietnamese::chapter_answer_vi(c, &roman(c.number)),
        source: c.source.clone(),
        as_of: None,
        refusal: false,
        holds_now: false,
        related: Vec::new(),
        number: Some(c.number),
        notes: Vec::new(),
    }
}

fn article_entry(k: &Knowledge, a: &Article) -> Entry {
    let chapter = k
        .chapter_of(a.number)
        .map(|c| format!(" (Chapter {}: {})", roman(c.number), c.title))
        .unwrap_or_default();
    let mut answer = format!("Article {} — {}{chapter}.", a.number, a.title);
    if let Some(s) = &a.summary {
        answer.push(' ');
        answer.push_str(s);
    }
    // For curators, not users: shown by `ask --explain` and `/kb source`.
    let mut notes = if a.basis == "structure" {
        vec!["The heading follows the convention's published structure; its exact wording has not been checked against the official UN text.".to_string()]
    } else {
        Vec::new()
    };
    // Curators also wrote that remark among the sources ("…; wording not checked
    // against the official UN text; …"): it is a note, not a source to count.
    let (remarks, sources): (Vec<&str>, Vec<&str>) = a
        .source
        .split("; ")
        .partition(|s| s.contains("not checked"));
    notes.extend(
        remarks
            .into_iter()
            .filter(|_| a.basis != "structure")
            .map(str::to_string),
    );
    Entry {
        id: format!("article-{}", a.number),
        kind: EntryKind::Article,
        topic: "convention".into(),
        questions: vec![
            format!("What is article {} about?", a.number),
            format!("Which article is about {}?", a.title),
        ],
        keywords: a.keywords.clone(),
        names: Vec::new(),
        attributes: ARTICLE_WORDS,
        answer: clip(answer),
        answer_vi: None,
        source: sources.join("; "),
        as_of: None,
        refusal: false,
        holds_now: false,
        related: Vec::new(),
        number: Some(a.number),
        notes,
    }
}
