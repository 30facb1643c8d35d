//! [`Reply`] → Discord embeds and buttons, within Discord's limits.
//!
//! Times stay typed until here and become Discord timestamps (`<t:UNIX:f>`,
//! `<t:UNIX:t>`, `<t:UNIX:R>`), which every reader's client shows in their own zone;
//! channels and roles become `<#id>` and `<@&id>`, and a suggested command its slash
//! command, `/speaker` ([`DiscordMarkup`]).
//! Long replies are split into several pages (one embed each, sent as follow-up
//! messages) at line or word boundaries; nothing is cut mid-word, and a title that has
//! to be shortened ends with "…".

use crate::catalogue::Hint;
use crate::reply::{Labels, Markup, Reply, ReplyKind, TimeStyle};
use crate::text::clip_words;
use chrono::{DateTime, FixedOffset};
use poise::serenity_prelude as serenity;

/// Discord's limits (<https://discord.com/developers/docs/resources/message#embed-object-embed-limits>).
pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4096;
pub const FIELDS_MAX: usize = 25;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1024;
pub const FOOTER_MAX: usize = 2048;
pub const EMBED_TOTAL_MAX: usize = 6000;
pub const CONTENT_MAX: usize = 2000;
pub const BUTTON_LABEL_MAX: usize = 80;
pub const CUSTOM_ID_MAX: usize = 100;
pub const CHOICE_MAX: usize = 100;

/// Room kept in titles for a " (12/12)" page marker.
const PAGE_MARK: usize = 10;

/// One embed's worth of a reply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub footer: Option<String>,
    pub colour: u32,
}

impl Page {
    /// Characters counted against the 6,000 total.
    pub fn total(&self) -> usize {
        chars(&self.title)
            + chars(&self.description)
            + self
                .fields
                .iter()
                .map(|(n, v)| chars(n) + chars(v))
                .sum::<usize>()
            + self.footer.as_deref().map_or(0, chars)
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A typed time as a Discord timestamp.
pub fn discord_time(t: &DateTime<FixedOffset>, style: TimeStyle) -> String {
    let code = match style {
        TimeStyle::Time => 't',
        TimeStyle::DateTime => 'f',
        TimeStyle::Relative => 'R',
    };
    format!("<t:{}:{code}>", t.timestamp())
}

/// Discord's markup for the typed pieces of a [`Rich`](crate::reply::Rich) text:
/// timestamps ([`discord_time`]), channel links `<#id>` and role names `<@&id>` (named,
/// not pinged: every message the bot sends allows no mentions).
pub struct DiscordMarkup;

impl Markup for DiscordMarkup {
    fn time(&self, at: &DateTime<FixedOffset>, style: TimeStyle) -> String {
        discord_time(at, style)
    }

    fn channel(&self, id: u64) -> String {
        format!("<#{id}>")
    }

    fn role(&self, id: u64) -> String {
        format!("<@&{id}>")
    }

    fn command(&self, hint: Hint) -> String {
        format!("`/{}`", hint.name())
    }
}

fn colour(kind: ReplyKind) -> u32 {
    match kind {
        ReplyKind::Answer => 0x2e_a0_43,
        ReplyKind::Miss => 0xd2_99_22,
        ReplyKind::Info => 0x1f_6f_eb,
        ReplyKind::UserError => 0xcf_22_2e,
    }
}

/// The footer: where the answer comes from and, for answers, a coarse confidence, in
/// the reply's language.
pub fn footer(r: &Reply) -> Option<String> {
    let labels = Labels::of(r.lang);
    let confidence = match (r.kind, &r.matched) {
        (ReplyKind::Answer, Some(m)) => Some(format!(
            "{}: {}",
            labels.confidence.to_lowercase(),
            labels.confidence_level(m.confidence)
        )),
        _ => None,
    };
    let parts: Vec<String> = r
        .source
        .iter()
        .map(|s| format!("{}: {s}", labels.source))
        .chain(confidence)
        .collect();
    (!parts.is_empty()).then(|| clip_words(&parts.join(" · "), FOOTER_MAX))
}

/// Splits `s` into pieces of at most `max` characters, at a line break where there is
/// one in the second half of the piece, else at a space; only a single word longer
/// than `max` is cut inside (there is no other way to show it).
pub fn split_words(s: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while chars(rest) > max {
        // Byte offset of the char at index `max` (the first char that does not fit).
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let at_line = head.rfind('\n').filter(|&i| chars(&head[..i]) >= max / 2);
        let at_space = || head.rfind(char::is_whitespace).filter(|&i| i > 0);
        // No break at all: a single word longer than a whole piece.
        let cut = at_line.or_else(at_space).unwrap_or(limit);
        let piece = rest[..cut].trim_end();
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// The reply as pages, each a valid embed: the first carries the body, later ones the
/// rest of a long body and the fields that did not fit.
pub fn pages(r: &Reply) -> Vec<Page> {
    let title = clip_words(&r.title, TITLE_MAX - PAGE_MARK);
    let footer = footer(r);
    let colour = colour(r.kind);
    let body = r.body.render_with(&DiscordMarkup);
    let blank = || Page {
        title: title.clone(),
        description: String::new(),
        fields: Vec::new(),
        footer: footer.clone(),
        colour,
    };
    let mut pages: Vec<Page> = Vec::new();
    // The description shares the 6,000 total with the title and footer.
    let room = EMBED_TOTAL_MAX - chars(&title) - PAGE_MARK - footer.as_deref().map_or(0, chars);
    for chunk in split_words(&body, DESCRIPTION_MAX.min(room)) {
        let mut p = blank();
        p.description = chunk;
        pages.push(p);
    }
    // Room on a page, keeping space for the page marker.
    let fits = |p: &Page, n: usize| {
        p.fields.len() < FIELDS_MAX && p.total() + PAGE_MARK + n <= EMBED_TOTAL_MAX
    };
    for f in &r.fields {
        let name = clip_words(&f.name, FIELD_NAME_MAX - 12);
        let value = f.value.render_with(&DiscordMarkup);
        for (i, piece) in split_words(&value, FIELD_VALUE_MAX).into_iter().enumerate() {
            let name = if i == 0 {
                name.clone()
            } else {
                format!("{name} (continued)")
            };
            // An empty value is refused by Discord.
            let piece = if piece.is_empty() {
                "—".to_string()
            } else {
                piece
            };
            let n = chars(&name) + chars(&piece);
            let last = pages.last_mut().expect("at least one page");
            if fits(last, n) {
                last.fields.push((name, piece));
            } else {
                let mut p = blank();
                p.fields.push((name, piece));
                pages.push(p);
            }
        }
    }
    let n = pages.len();
    if n > 1 {
        for (i, p) in pages.iter_mut().enumerate() {
            p.title = format!("{} ({}/{n})", p.title, i + 1);
        }
    }
    pages
}

/// A short notice (errors) as an embed.
pub fn notice(message: &str) -> serenity::CreateEmbed {
    let description = split_words(message, DESCRIPTION_MAX)
        .into_iter()
        .next()
        .unwrap_or_default();
    serenity::CreateEmbed::new()
        .description(description)
        .colour(colour(ReplyKind::UserError))
}

/// A private note (a [`notice`] only the user sees) in answer to an interaction that
/// is refused or out of date.
pub fn private_note(text: &str) -> serenity::CreateInteractionResponse {
    serenity::CreateInteractionResponse::Message(
        serenity::CreateInteractionResponseMessage::new()
            .embed(notice(text))
            .ephemeral(true)
            .allowed_mentions(no_mentions()),
    )
}

pub fn embed(p: &Page) -> serenity::CreateEmbed {
    let mut e = serenity::CreateEmbed::new()
        .title(p.title.clone())
        .colour(p.colour);
    if !p.description.is_empty() {
        e = e.description(p.description.clone());
    }
    e = e.fields(p.fields.iter().map(|(n, v)| (n.clone(), v.clone(), false)));
    if let Some(f) = &p.footer {
        e = e.footer(serenity::CreateEmbedFooter::new(f.clone()));
    }
    e
}

/// Allowed mentions for everything the bot sends: nobody, not even the replied-to user.
pub fn no_mentions() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new().replied_user(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Rich;

    fn words(n: usize) -> String {
        (0..n)
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn split_keeps_words_whole_and_within_the_limit() {
        let s = words(3000);
        let pieces = split_words(&s, 1024);
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(chars(p) <= 1024, "{}", chars(p));
            assert!(p.starts_with("word") && !p.ends_with(' '));
        }
        // Joining the pieces gives the text back: no word lost or cut.
        assert_eq!(pieces.join(" "), s);
    }

    #[test]
    fn split_prefers_line_breaks_and_cuts_only_overlong_words() {
        let s = format!("{}\n{}", "a ".repeat(300).trim(), "b ".repeat(300).trim());
        let pieces = split_words(&s, 800);
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].ends_with('a') && pieces[1].starts_with('b'));
        let long = "x".repeat(2500);
        let pieces = split_words(&long, 1000);
        assert_eq!(
            pieces.iter().map(|p| chars(p)).collect::<Vec<_>>(),
            [1000, 1000, 500]
        );
        assert_eq!(split_words("", 10), vec![String::new()]);
        let vi = "Lương Cường ".repeat(200);
        for p in split_words(&vi, 100) {
            assert!(chars(&p) <= 100);
            assert!(p.starts_with("Lương") && p.ends_with("Cường"), "{p}");
        }
    }

    #[test]
    fn times_become_discord_timestamps() {
        let at = DateTime::parse_from_rfc3339("2025-10-25T10:00:00+07:00").unwrap();
        let mut body = Rich::text("Opens ");
        body.time(at, TimeStyle::DateTime)
            .push("–")
            .time(at, TimeStyle::Time)
            .push(" (")
            .time(at, TimeStyle::Relative)
            .push(")");
        let r = Reply::new(ReplyKind::Info, "Opening", body);
        let p = &pages(&r)[0];
        assert_eq!(
            p.description,
            "Opens <t:1761361200:f>–<t:1761361200:t> (<t:1761361200:R>)"
        );
    }

    #[test]
    fn long_replies_are_paged_within_every_limit() {
        let mut r = Reply::new(ReplyKind::Info, "T".repeat(300), Rich::text(words(1500)))
            .with_source("S".repeat(3000));
        for i in 0..60 {
            r = r.field(
                format!("Field {i} {}", "n".repeat(300)),
                Rich::text(words(300)),
            );
        }
        let ps = pages(&r);
        assert!(ps.len() > 3);
        let mut fields = 0;
        for p in &ps {
            assert!(chars(&p.title) <= TITLE_MAX);
            assert!(chars(&p.description) <= DESCRIPTION_MAX);
            assert!(p.fields.len() <= FIELDS_MAX);
            assert!(p.footer.as_deref().map_or(0, chars) <= FOOTER_MAX);
            assert!(p.total() <= EMBED_TOTAL_MAX, "{}", p.total());
            for (n, v) in &p.fields {
                assert!(chars(n) <= FIELD_NAME_MAX && chars(v) <= FIELD_VALUE_MAX);
                assert!(!v.is_empty());
            }
            fields += p
                .fields
                .iter()
                .filter(|(n, _)| !n.ends_with("(continued)"))
                .count();
        }
        assert_eq!(fields, 60, "every field is shown");
        assert!(ps[0].title.ends_with(&format!("(1/{})", ps.len())));
    }

    #[test]
    fn footer_has_source_and_coarse_confidence() {
        let mut r = Reply::new(ReplyKind::Answer, "Q", Rich::text("A")).with_source("VNA");
        r.matched = Some(crate::reply::Matched {
            id: "x".into(),
            confidence: 0.9,
        });
        assert_eq!(footer(&r).unwrap(), "Source: VNA · confidence: high");
        assert!(pages(&r).len() == 1 && pages(&r)[0].fields.is_empty());
        let vi = r.in_lang(crate::lang::Lang::Vi);
        assert_eq!(footer(&vi).unwrap(), "Nguồn: VNA · độ tin cậy: cao");
    }

    #[test]
    fn suggested_commands_are_slash_commands() {
        let mut body = Rich::text("Try ");
        body.command(Hint::Speaker).push(" for one of them.");
        let r = Reply::new(ReplyKind::Info, "People", body);
        assert_eq!(pages(&r)[0].description, "Try `/speaker` for one of them.");
    }
}
