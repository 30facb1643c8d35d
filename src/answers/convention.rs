//! The convention at a glance, one article, one chapter.

use super::ask::title_of;
use super::Desk;
use crate::catalogue::Hint;
use crate::knowledge::{roman, short_source};
use crate::lang::Lang;
use crate::reply::{Reply, ReplyKind, Rich};

impl Desk {
    /// `/convention`: names, adoption, structure, signature, entry into force, chapters.
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
            .map(|c| match c.articles {
                [a, b] if a == b => format!("{}. {} (article {a})", roman(c.number), c.title),
                [a, b] => format!("{}. {} (articles {a}–{b})", roman(c.number), c.title),
            })
            .collect();
        if !chapters.is_empty() {
            r = r.field("Chapters", Rich::text(chapters.join("\n")));
        }
        r.body
            .push(format!(
                "{} chapters, {} articles. Ask ",
                k.chapters.len(),
                k.articles.len()
            ))
            .command(Hint::Article)
            .push(" or ")
            .command(Hint::Chapter)
            .push(" for one of them.");
        r.with_source(short_source(&k.source, Lang::En))
    }

    /// `/article N`, or why there is no such article.
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
        .with_source(short_source(&e.source, Lang::En))
    }

    /// `/chapter N`, or why there is no such chapter.
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
        .with_source(short_source(&c.source, Lang::En))
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
