//! The platform-neutral answer every front end renders.
//!
//! The core builds a [`Reply`]; the terminal prints it as text and the Discord adapter
//! turns it into an embed. Times stay typed ([`Span::Time`]) until rendering, so the
//! terminal can print the event's clock and UTC while Discord prints `<t:UNIX:t>` and
//! every reader sees their own time zone. Channels and roles stay typed too
//! ([`Span::Channel`], [`Span::Role`]): plain ids in the terminal, links on Discord.
//! The core never writes a platform's markup; a front end renders through [`Markup`].

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
}

/// Plain text with times written by a function (the terminal, logs, tests).
struct PlainWith<F>(F);

impl<F: Fn(&DateTime<FixedOffset>, TimeStyle) -> String> Markup for PlainWith<F> {
    fn time(&self, at: &DateTime<FixedOffset>, style: TimeStyle) -> String {
        (self.0)(at, style)
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
            }
        }
        out
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
        }
    }

    /// The user asked for something that cannot be done; the message says why.
    pub fn user_error(message: impl Into<String>) -> Reply {
        Reply::new(ReplyKind::UserError, "Sorry", Rich::text(message))
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
    match c {
        c if c >= 0.85 => "high",
        c if c >= 0.7 => "good",
        _ => "fair",
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
        }
        let mut r = Rich::text("In ");
        r.channel(7).push(", pings ").role(9);
        assert_eq!(r.render(|_, _| String::new()), "In channel 7, pings role 9");
        assert_eq!(r.render_with(&Links), "In <#7>, pings role 9");
    }
}
