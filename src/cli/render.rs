//! Renders a [`Reply`] as text for the terminal.
//!
//! A terminal has no reader time zone to adapt to, so a time is printed in the event's
//! own clock, in UTC, and in the reader's own zone (the system's: `TZ`, else
//! `/etc/localtime`); relative times are counted from the `now` passed in. Commands a
//! reply suggests are written as terminal commands (`hanoi-bot speaker NAME`), and the
//! labels ("Source", "Confidence") follow the reply's language.
//!
//! On a terminal, lines wrap at its width and headings are in bold ([`Style`]); piped,
//! the text is plain and unwrapped, so scripts and `grep` see whole lines. `NO_COLOR`
//! turns colour off (<https://no-color.org>).

use crate::catalogue::Hint;
use crate::reply::{Labels, Markup, Reply, ReplyKind, TimeStyle};
use chrono::{DateTime, FixedOffset, Local, Utc};

/// How the text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Wrap lines at this many characters.
    pub width: Option<usize>,
    /// Headings in bold.
    pub colour: bool,
}

impl Style {
    /// Plain text, unwrapped (pipes, files, tests).
    pub fn plain() -> Style {
        Style::default()
    }

    /// The style for standard output: wrapped and coloured on a terminal, plain when
    /// piped; no colour when `NO_COLOR` is set to anything but an empty string.
    pub fn for_stdout() -> Style {
        use std::io::IsTerminal;
        let tty = std::io::stdout().is_terminal();
        let width = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
        Style::decide(tty, std::env::var_os("NO_COLOR").as_deref(), width)
    }

    /// [`Style::for_stdout`]'s rule, given what it reads.
    pub fn decide(tty: bool, no_color: Option<&std::ffi::OsStr>, width: Option<usize>) -> Style {
        if !tty {
            return Style::plain();
        }
        Style {
            // Too narrow to be worth wrapping: leave it to the terminal.
            width: width.filter(|&w| w >= 20),
            colour: no_color.is_none_or(|v| v.is_empty()),
        }
    }
}

/// The terminal's way of writing times and commands.
struct Terminal {
    now: DateTime<Utc>,
}

impl Markup for Terminal {
    fn time(&self, t: &DateTime<FixedOffset>, style: TimeStyle) -> String {
        match style {
            TimeStyle::Time => t.format("%H:%M").to_string(),
            TimeStyle::DateTime => {
                let utc = t.with_timezone(&Utc);
                let local = t.with_timezone(&Local);
                // The reader's own clock; with its date when that is another day.
                let yours = if local.date_naive() == t.date_naive() {
                    local.format("%H:%M")
                } else {
                    local.format("%a %-d %b %H:%M")
                };
                format!(
                    "{} UTC{} ({} UTC) · {yours} your time",
                    t.format("%a %-d %b %Y %H:%M"),
                    t.offset(),
                    utc.format("%H:%M"),
                )
            }
            TimeStyle::Relative => relative(t.with_timezone(&Utc), self.now),
        }
    }

    fn command(&self, hint: Hint) -> String {
        terminal_command(hint).to_string()
    }
}

/// How a suggested command is typed in the terminal.
pub fn terminal_command(hint: Hint) -> &'static str {
    match hint {
        Hint::Ask => "hanoi-bot ask \"QUESTION\"",
        Hint::Schedule => "hanoi-bot schedule --day DAY",
        Hint::Session => "hanoi-bot session NAME",
        Hint::Speakers => "hanoi-bot speakers",
        Hint::Speaker => "hanoi-bot speaker NAME",
        Hint::Convention => "hanoi-bot convention",
        Hint::Article => "hanoi-bot article N",
        Hint::Chapter => "hanoi-bot chapter N",
        Hint::Signatories => "hanoi-bot signatories",
        Hint::Help => "hanoi-bot --help",
    }
}

/// What a line is, for colouring.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Heading,
    Text,
}

/// The reply as plain terminal text; relative times are counted from `now`.
pub fn render_text(r: &Reply, now: DateTime<Utc>) -> String {
    render_styled(r, now, Style::plain())
}

/// The reply as terminal text in a [`Style`].
pub fn render_styled(r: &Reply, now: DateTime<Utc>, style: Style) -> String {
    let markup = Terminal { now };
    let labels = Labels::of(r.lang);
    let mut lines: Vec<(Kind, String)> = vec![(Kind::Title, r.title.clone())];
    let body = r.body.render_with(&markup);
    lines.extend(body.lines().map(|l| (Kind::Text, l.to_string())));
    for f in &r.fields {
        lines.push((Kind::Text, String::new()));
        lines.push((Kind::Heading, format!("  {}", f.name)));
        for line in f.value.render_with(&markup).lines() {
            lines.push((Kind::Text, format!("    {line}")));
        }
    }
    if let Some(s) = &r.source {
        lines.push((Kind::Text, String::new()));
        lines.push((Kind::Text, format!("{}: {s}", labels.source)));
    }
    if let (ReplyKind::Answer, Some(m)) = (r.kind, &r.matched) {
        lines.push((
            Kind::Text,
            format!(
                "{}: {:.2} ({}) [{}]",
                labels.confidence,
                m.confidence,
                labels.confidence_level(m.confidence),
                m.id
            ),
        ));
    }
    if !r.suggestions.is_empty() {
        let head = if r.kind == ReplyKind::Miss {
            labels.did_you_mean
        } else {
            labels.related
        };
        lines.push((Kind::Text, String::new()));
        lines.push((Kind::Heading, head.to_string()));
        for s in &r.suggestions {
            lines.push((Kind::Text, format!("  - {} [{}]", s.question, s.id)));
        }
    }
    let mut out = String::new();
    for (kind, line) in lines {
        for piece in wrap(&line, style.width) {
            let piece = match (style.colour, kind) {
                (true, Kind::Title) => format!("\x1b[1;4m{piece}\x1b[0m"),
                (true, Kind::Heading) => format!("\x1b[1m{piece}\x1b[0m"),
                _ => piece,
            };
            out.push_str(&piece);
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// A line cut at spaces into pieces of at most `width` characters; continuation lines
/// keep the line's indentation. A word longer than the width stays whole.
fn wrap(line: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![line.to_string()];
    };
    if line.chars().count() <= width {
        return vec![line.to_string()];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut out = Vec::new();
    let mut current = indent.clone();
    for word in line.split_whitespace() {
        let used = current.chars().count();
        if used > indent.len() && used + 1 + word.chars().count() > width {
            out.push(std::mem::replace(&mut current, indent.clone()));
        }
        if current.len() > indent.len() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

/// "in 3 hours", "2 days ago".
pub fn relative(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (t - now).num_seconds();
    let (n, unit) = match secs.unsigned_abs() {
        s if s < 60 => return "now".into(),
        s if s < 3_600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3_600, "hour"),
        s if s < 86_400 * 45 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    let plural = if n == 1 { "" } else { "s" };
    if secs > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Rich;
    use std::ffi::OsStr;

    #[test]
    fn relative_times_read_naturally() {
        let now = DateTime::parse_from_rfc3339("2025-10-25T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(relative(at("2025-10-25T03:00:00Z"), now), "in 3 hours");
        assert_eq!(relative(at("2025-10-24T23:59:00Z"), now), "1 minute ago");
        assert_eq!(relative(at("2026-11-22T00:00:00Z"), now), "in 1 year");
    }

    #[test]
    fn colour_and_wrapping_only_on_a_terminal_and_never_with_no_color() {
        assert_eq!(Style::decide(false, None, Some(80)), Style::plain());
        let tty = Style::decide(true, None, Some(80));
        assert_eq!(
            tty,
            Style {
                width: Some(80),
                colour: true
            }
        );
        assert!(!Style::decide(true, Some(OsStr::new("1")), Some(80)).colour);
        // An empty NO_COLOR does not count (no-color.org).
        assert!(Style::decide(true, Some(OsStr::new("")), Some(80)).colour);
    }

    #[test]
    fn lines_wrap_at_the_width_keeping_their_indentation() {
        let words = "word ".repeat(60);
        let r = Reply::new(ReplyKind::Info, "Title", Rich::text(words.trim()))
            .field("Heading", Rich::text(words.trim()));
        let now = Utc::now();
        let text = render_styled(
            &r,
            now,
            Style {
                width: Some(40),
                colour: false,
            },
        );
        assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
        let field: Vec<&str> = text.lines().skip_while(|l| l.trim() != "Heading").collect();
        assert!(field.len() > 3 && field[1..].iter().all(|l| l.starts_with("    word")));
        // Nothing lost: the words are all there.
        assert_eq!(text.matches("word").count(), 120);
        let plain = render_text(&r, now);
        assert_eq!(plain.lines().count(), 5, "unwrapped when plain: {plain}");
        assert!(!plain.contains('\x1b'));
        let bold = render_styled(
            &r,
            now,
            Style {
                width: None,
                colour: true,
            },
        );
        assert!(bold.starts_with("\x1b[1;4mTitle\x1b[0m"), "{bold:?}");
        assert!(bold.contains("\x1b[1m  Heading\x1b[0m"), "{bold:?}");
    }

    #[test]
    fn suggested_commands_are_terminal_commands() {
        let mut body = Rich::text("Use ");
        body.command(Hint::Speaker).push(" for one of them.");
        let r = Reply::new(ReplyKind::Info, "People", body);
        let text = render_text(&r, Utc::now());
        assert!(
            text.contains("Use hanoi-bot speaker NAME for one of them."),
            "{text}"
        );
        assert!(!text.contains("/speaker"));
    }
}
