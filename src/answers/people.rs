//! The people named at the ceremony.

use super::{clean_question, echo, too_long, Desk, Lang};
use crate::knowledge::EntryKind;
use crate::reply::{Reply, ReplyKind, Rich};

impl Desk {
    /// `/speakers`: everyone named at the ceremony.
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
            return Reply::user_error(format!(
                "No one named “{}” is in the knowledge. Try `/speakers` for the list.",
                echo(&clean_question(name))
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
}
