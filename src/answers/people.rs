//! The people named at the ceremony.

use super::{clean_question, echo, too_long, Desk, Lang};
use crate::catalogue::Hint;
use crate::knowledge::{short_source, with_organisation, EntryKind};
use crate::reply::{Reply, ReplyKind, Rich};

impl Desk {
    /// `/speakers`: everyone named at the ceremony.
    pub fn speakers(&self) -> Reply {
        let k = &self.knowledge;
        let mut body = Rich::text(format!(
            "{} people are named in the sources. Use ",
            k.people.len()
        ));
        body.command(Hint::Speaker).push(" for one of them.");
        let mut r = Reply::new(ReplyKind::Info, "People at the ceremony", body);
        for p in &k.people {
            r = r.field(
                p.name.clone(),
                Rich::text(with_organisation(&p.title, &p.organisation)),
            );
        }
        r.with_source(short_source(&k.source, Lang::En))
    }

    /// `/speaker NAME`: title, role, quotes and sessions of the closest match.
    pub fn speaker(&self, name: &str, lang: Lang) -> Reply {
        if let Some(message) = too_long(&clean_question(name), "name") {
            return Reply::user_error(message);
        }
        let Some(e) = self
            .find_named(name, EntryKind::Person, 1)
            .into_iter()
            .next()
        else {
            let mut message = Rich::default();
            match lang {
                Lang::En => message
                    .push(format!(
                        "No one named “{}” is in the knowledge. Try ",
                        echo(&clean_question(name))
                    ))
                    .command(Hint::Speakers)
                    .push(" for the list."),
                Lang::Vi => message
                    .push(format!(
                        "Không có ai tên “{}” trong dữ liệu. Xem danh sách bằng ",
                        echo(&clean_question(name))
                    ))
                    .command(Hint::Speakers)
                    .push("."),
            };
            return Reply::user_error(message).in_lang(lang);
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
        let vi = lang == Lang::Vi;
        let mut r = Reply::new(
            ReplyKind::Info,
            p.name.clone(),
            Rich::text(with_organisation(&title, &p.organisation)),
        )
        .field(
            if vi {
                "Vai trò tại buổi lễ"
            } else {
                "Role at the ceremony"
            },
            Rich::text(role),
        );
        for q in p.quotes.iter().take(3) {
            r = r.field(
                if vi { "Phát biểu" } else { "Said" },
                Rich::text(format!("“{}” — {}", q.text, q.source)),
            );
        }
        let sessions: Vec<&str> = k
            .sessions_of(&p.id)
            .map(|s| match (lang, &s.name_vi) {
                (Lang::Vi, Some(n)) => n.as_str(),
                _ => s.name.as_str(),
            })
            .collect();
        if !sessions.is_empty() {
            r = r.field(
                if vi { "Các phiên" } else { "Sessions" },
                Rich::text(sessions.join(", ")),
            );
        }
        r.with_source(short_source(&p.source, lang)).in_lang(lang)
    }
}
