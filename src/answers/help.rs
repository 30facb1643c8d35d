//! `/help`: the public commands of the catalogue, and the moderators' ones apart.

use super::Desk;
use crate::catalogue::COMMANDS;
use crate::reply::{Reply, ReplyKind, Rich};

impl Desk {
    /// `/help`: the commands, with `prefix` before each name ("/" on Discord).
    pub fn help(&self, prefix: &str) -> Reply {
        let mut r = Reply::new(
            ReplyKind::Info,
            "What I can do",
            Rich::text(format!(
                "I answer questions about the UN Convention against Cybercrime and its signing ceremony in Hanoi, from a curated knowledge base ({} entries, version {}). Mention me with a question, or use:",
                self.knowledge.entries.len(),
                self.knowledge.version
            )),
        );
        for c in COMMANDS.iter().filter(|c| !c.moderator) {
            let usage = if c.usage.is_empty() {
                String::new()
            } else {
                format!(" {}", c.usage)
            };
            r = r.field(
                format!("{prefix}{}{usage}", c.name),
                Rich::text(c.description),
            );
        }
        let moderators: Vec<String> = COMMANDS
            .iter()
            .filter(|c| c.moderator)
            .map(|c| format!("{prefix}{} {}", c.name, c.usage))
            .collect();
        if !moderators.is_empty() {
            r = r.field("For moderators", Rich::text(moderators.join("\n")));
        }
        r
    }
}
