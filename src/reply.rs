//! The platform-neutral answer every front end renders.
//!
//! The core builds a [`Reply`]; the terminal prints it as text and the Discord adapter
//! turns it into an embed. Times stay typed ([`Span::Time`]) until rendering, so the
//! terminal can print the event's clock and UTC while Discord prints `<t:UNIX:t>` and
//! every reader sees their own time zone. Channels and roles stay typed too
//! ([`Span::Channel`], [`Span::Role`]): plain ids in the terminal, links on Discord. So
//! do the commands a reply points to ([`Span::Command`]): `hanoi-bot speaker NAME` in
//! the terminal, `/speaker` on Discord. The core never writes a platform's markup; a
//! front end renders through [`Markup`]. A reply knows its language ([`Reply::lang`]) so
//! the labels a front end adds ("Source", "Confidence") follow it ([`Labels`]).

use crate::catalogue::Hint;
use crate::lang::Lang;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// How a time is to be shown; mirrors Discord's timestamp styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStyle {
    /// 10:00
    Time,
    /// 25 October 2025 10:00
    DateTime,
    /// in 2 hours / 3 days ago
    Relative,
}

/// One piece of a [`Rich`] text.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Text as is.
    Text(String),
    /// A time, written by the front end in a style.
    Time(DateTime<FixedOffset>, TimeStyle),
    /// A channel, by id.
    Channel(u64),
    /// A role, by id (named, never pinged).
    Role(u64),
    /// A command the reader may run next.
    Command(Hint),
}

/// How a front end writes the typed pieces of a [`Rich`] text.
pub trait Markup {
    /// A time in a style.
    fn time(&self, at: &DateTime<FixedOffset>, style: TimeStyle) -> String;
    /// A channel; plain text by default.
    fn channel(&self, id: u64) -> String {
        format!("channel {id}")
    }
    /// A role; plain text by default.
    fn role(&self, id: u64) -> String {
        format!("role {id}")
    }
    /// A command, in the front end's own syntax.
    fn command(&self, hint: Hint) -> String;
}

/// Plain text with times written by a function (logs, tests); a command is its bare
/// catalogue name, since no front end's syntax applies.
struct PlainWith<F>(F);

impl<F: Fn(&DateTime<FixedOffset>, TimeStyle) -> String> Markup for PlainWith<F> {
    fn time(&self, at: &DateTime<FixedOffset>, style: TimeStyle) -> String {
        (self.0)(at, style)
    }

    fn command(&self, hint: Hint) -> String {
        hint.name().to_string()
    }
}

/// Text with typed times, channels and roles in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rich(pub Vec<Span>);

impl Rich {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Rich {
        Rich(vec![Span::Text(s.into())])
    }

    /// Appends text.
    pub fn push(&mut self, s: impl Into<String>) -> &mut Self {
        self.0.push(Span::Text(s.into()));
        self
    }

    /// Appends a time.
    pub fn time(&mut self, at: DateTime<FixedOffset>, style: TimeStyle) -> &mut Self {
        self.0.push(Span::Time(at, style));
        self
    }

    /// Appends a channel.
    pub fn channel(&mut self, id: u64) -> &mut Self {
        self.0.push(Span::Channel(id));
        self
    }

    /// Appends a role (named, never pinged).
    pub fn role(&mut self, id: u64) -> &mut Self {
        self.0.push(Span::Role(id));
        self
    }

    /// Appends a command to suggest.
    pub fn command(&mut self, hint: Hint) -> &mut Self {
        self.0.push(Span::Command(hint));
        self
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.0
            .iter()
            .all(|s| matches!(s, Span::Text(t) if t.is_empty()))
    }

    /// Renders as plain text, with `time` deciding how each time looks.
    pub fn render(&self, time: impl Fn(&DateTime<FixedOffset>, TimeStyle) -> String) -> String {
        self.render_with(&PlainWith(time))
    }

    /// Renders through a front end's [`Markup`].
    pub fn render_with(&self, markup: &impl Markup) -> String {
        let mut out = String::new();
        for s in &self.0 {
            match s {
                Span::Text(t) => out.push_str(t),
                Span::Time(at, style) => out.push_str(&markup.time(at, *style)),
                Span::Channel(id) => out.push_str(&markup.channel(*id)),
                Span::Role(id) => out.push_str(&markup.role(*id)),
                Span::Command(hint) => out.push_str(&markup.command(*hint)),
            }
        }
        out
    }
}

impl From<String> for Rich {
    fn from(s: String) -> Rich {
        Rich::text(s)
    }
}

impl From<&str> for Rich {
    fn from(s: &str) -> Rich {
        Rich::text(s)
    }
}

/// A titled part of a reply (an embed field on Discord).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The heading.
    pub name: String,
    /// The content.
    pub value: Rich,
}

/// An entry offered when the bot is unsure or does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The entry's id (what a button press answers with).
    pub id: String,
    /// The entry's first phrasing, shown on the button.
    pub question: String,
}

/// What was matched, for logs, `--json` and the confidence shown to users.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    /// The entry's id.
    pub id: String,
    /// The matcher's score, 0 to 1.
    pub confidence: f32,
}

/// What kind of reply it is; decides the colour and the buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyKind {
    /// A confident answer to a question.
    Answer,
    /// The bot does not know; `suggestions` holds what it could answer instead.
    Miss,
    /// A listing or a looked-up item (schedule, speaker, article).
    Info,
    /// The user asked for something that cannot exist (article 99, an empty question).
    UserError,
}

/// An answer as every front end receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// What kind of reply.
    pub kind: ReplyKind,
    /// The title.
    pub title: String,
    /// The main text.
    pub body: Rich,
    /// Further sections, in order.
    pub fields: Vec<Field>,
    /// Where the answer comes from; shown as the embed footer.
    pub source: Option<String>,
    /// The entry answered with, for an answer.
    pub matched: Option<Matched>,
    /// Entries offered instead ("Did you mean") or beside it.
    pub suggestions: Vec<Suggestion>,
    /// The language it is written in; the labels a front end adds follow it.
    pub lang: Lang,
}

impl Reply {
    /// A reply with no fields, source or suggestions.
    pub fn new(kind: ReplyKind, title: impl Into<String>, body: Rich) -> Reply {
        Reply {
            kind,
            title: title.into(),
            body,
            fields: Vec::new(),
            source: None,
            matched: None,
            suggestions: Vec::new(),
            lang: Lang::En,
        }
    }

    /// The user asked for something that cannot be done; the message says why.
    pub fn user_error(message: impl Into<Rich>) -> Reply {
        Reply::new(ReplyKind::UserError, "Sorry", message.into())
    }

    /// Marks the reply as written in `lang` (a Vietnamese user error is titled so).
    pub fn in_lang(mut self, lang: Lang) -> Reply {
        self.lang = lang;
        if lang == Lang::Vi && self.kind == ReplyKind::UserError && self.title == "Sorry" {
            self.title = "Xin lỗi".into();
        }
        self
    }

    /// Adds a field.
    pub fn field(mut self, name: impl Into<String>, value: Rich) -> Reply {
        self.fields.push(Field {
            name: name.into(),
            value,
        });
        self
    }

    /// Sets the source.
    pub fn with_source(mut self, source: impl Into<String>) -> Reply {
        self.source = Some(source.into());
        self
    }
}

/// Coarse confidence label shown to users instead of a raw score.
pub fn confidence_label(c: f32) -> &'static str {
    Labels::of(Lang::En).confidence_level(c)
}

/// The words a front end adds around a reply, in the reply's language.
#[derive(Debug)]
pub struct Labels {
    /// "Source".
    pub source: &'static str,
    /// "Confidence".
    pub confidence: &'static str,
    /// "Did you mean:" before the suggestions of a miss.
    pub did_you_mean: &'static str,
    /// "Related:" before the suggestions of an answer.
    pub related: &'static str,
    /// The coarse confidence levels, highest first.
    pub levels: [&'static str; 3],
}

const EN: Labels = Labels {
    source: "Source",
    confidence: "Confidence",
    did_you_mean: "Did you mean:",
    related: "Related:",
    levels: ["high", "good", "fair"],
};

const VI: Labels = Labels {
    source: "Nguồn",
    confidence: "Độ tin cậy",
    did_you_mean: "Có phải bạn muốn hỏi:",
    related: "Liên quan:",
    levels: ["cao", "khá", "vừa"],
};

impl Labels {
    /// The labels of a language.
    pub fn of(lang: Lang) -> &'static Labels {
        match lang {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }

    /// The coarse level of a score.
    pub fn confidence_level(&self, c: f32) -> &'static str {
        match c {
            c if c >= 0.85 => self.levels[0],
            c if c >= 0.7 => self.levels[1],
            _ => self.levels[2],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_renders_times_through_the_callback() {
        let at = DateTime::parse_from_rfc3339("2025-10-25T10:00:00+07:00").unwrap();
        let mut r = Rich::text("Signing at ");
        r.time(at, TimeStyle::Time);
        assert_eq!(
            r.render(|t, _| format!("<t:{}:t>", t.timestamp())),
            "Signing at <t:1761361200:t>"
        );
    }

    #[test]
    fn channels_and_roles_are_plain_unless_the_markup_says_otherwise() {
        struct Links;
        impl Markup for Links {
            fn time(&self, _: &DateTime<FixedOffset>, _: TimeStyle) -> String {
                String::new()
            }
            fn channel(&self, id: u64) -> String {
                format!("<#{id}>")
            }
            fn command(&self, hint: Hint) -> String {
                format!("!{}", hint.name())
            }
        }
        let mut r = Rich::text("In ");
        r.channel(7).push(", pings ").role(9);
        assert_eq!(r.render(|_, _| String::new()), "In channel 7, pings role 9");
        assert_eq!(r.render_with(&Links), "In <#7>, pings role 9");
    }

    #[test]
    fn commands_are_written_by_the_front_end() {
        struct Bang;
        impl Markup for Bang {
            fn time(&self, _: &DateTime<FixedOffset>, _: TimeStyle) -> String {
                String::new()
            }
            fn command(&self, hint: Hint) -> String {
                format!("!{}", hint.name())
            }
        }
        let mut r = Rich::text("Try ");
        r.command(Hint::Speakers).push(" for the list.");
        assert_eq!(r.render_with(&Bang), "Try !speakers for the list.");
        assert_eq!(r.render(|_, _| String::new()), "Try speakers for the list.");
    }
}
