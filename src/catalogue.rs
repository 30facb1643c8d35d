//! The list of commands, shared by `/help`, the terminal's help and the Discord
//! registration test, so the three cannot drift apart.

/// One user-facing command.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// The slash command's name (and the terminal subcommand's).
    pub name: &'static str,
    /// Arguments as shown in help: `<question>`, `[day]`.
    pub usage: &'static str,
    /// What it does, in English (Discord's description, `/help`).
    pub description: &'static str,
    /// The same in Vietnamese (Discord's `vi` localisation).
    pub description_vi: &'static str,
    /// Only moderators may run it.
    pub moderator: bool,
}

/// Every command, in the order `/help` lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "ask",
        usage: "<question>",
        description: "Ask anything about the Hanoi Convention and its signing ceremony",
        description_vi: "Hỏi về Công ước Hà Nội và lễ mở ký",
        moderator: false,
    },
    Command {
        name: "schedule",
        usage: "[day]",
        description: "The ceremony programme for a day, in your own time zone",
        description_vi: "Chương trình buổi lễ theo ngày, theo múi giờ của bạn",
        moderator: false,
    },
    Command {
        name: "session",
        usage: "<name>",
        description: "One session of the programme: time, venue, people",
        description_vi: "Một phiên của chương trình: giờ, địa điểm, người tham dự",
        moderator: false,
    },
    Command {
        name: "speakers",
        usage: "",
        description: "Everyone named at the ceremony and their role",
        description_vi: "Những người được nêu tên tại buổi lễ và vai trò của họ",
        moderator: false,
    },
    Command {
        name: "speaker",
        usage: "<name>",
        description: "One person: title, role, what they said, their sessions",
        description_vi: "Một người: chức danh, vai trò, phát biểu, các phiên",
        moderator: false,
    },
    Command {
        name: "convention",
        usage: "",
        description: "The convention at a glance: names, adoption, structure, signature",
        description_vi: "Tổng quan về Công ước: tên gọi, thông qua, cấu trúc, mở ký",
        moderator: false,
    },
    Command {
        name: "article",
        usage: "<number>",
        description: "One article of the convention (1-68)",
        description_vi: "Một điều của Công ước (1-68)",
        moderator: false,
    },
    Command {
        name: "chapter",
        usage: "<number>",
        description: "One chapter of the convention (1-9) and its articles",
        description_vi: "Một chương của Công ước (1-9) và các điều",
        moderator: false,
    },
    Command {
        name: "signatories",
        usage: "",
        description:
            "Who signed: the count, by region, the names known here, where the full list is",
        description_vi:
            "Các bên đã ký: số lượng, theo khu vực, tên đã biết, nơi lưu danh sách đầy đủ",
        moderator: false,
    },
    Command {
        name: "help",
        usage: "",
        description: "What this bot can do",
        description_vi: "Bot này làm được gì",
        moderator: false,
    },
    Command {
        name: "announce",
        usage: "post | schedule <when> | list | cancel <id>",
        description: "Moderators: compose, preview, post or schedule an announcement",
        description_vi: "Điều hành viên: soạn, xem trước, đăng hoặc hẹn giờ thông báo",
        moderator: true,
    },
    Command {
        name: "reminders",
        usage: "on | off | status",
        description: "Moderators: session reminders before each timed session",
        description_vi: "Điều hành viên: nhắc lịch trước mỗi phiên có giờ",
        moderator: true,
    },
    Command {
        name: "kb",
        usage: "gaps | stats | reload | review | source <question>",
        description:
            "Moderators: unanswered questions, review them, statistics, reload the knowledge, an answer's sources",
        description_vi:
            "Điều hành viên: câu hỏi chưa trả lời, duyệt, thống kê, nạp lại dữ liệu, nguồn của câu trả lời",
        moderator: true,
    },
];

/// A command a reply points the reader to ("try the speaker command"), as a value: each
/// front end names it in its own syntax (`/speaker` on Discord, `hanoi-bot speaker NAME`
/// in the terminal), so the core never writes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `ask`: a free-text question.
    Ask,
    /// `schedule`: a day of the programme.
    Schedule,
    /// `session`: one session.
    Session,
    /// `speakers`: everyone named.
    Speakers,
    /// `speaker`: one person.
    Speaker,
    /// `convention`: the overview.
    Convention,
    /// `article`: one article.
    Article,
    /// `chapter`: one chapter.
    Chapter,
    /// `signatories`: who signed.
    Signatories,
    /// `help`: what the bot can do.
    Help,
}

impl Hint {
    /// Every hint, for the tests that keep the front ends complete.
    pub const ALL: [Hint; 10] = [
        Hint::Ask,
        Hint::Schedule,
        Hint::Session,
        Hint::Speakers,
        Hint::Speaker,
        Hint::Convention,
        Hint::Article,
        Hint::Chapter,
        Hint::Signatories,
        Hint::Help,
    ];

    /// The command's name in the catalogue.
    pub fn name(self) -> &'static str {
        match self {
            Hint::Ask => "ask",
            Hint::Schedule => "schedule",
            Hint::Session => "session",
            Hint::Speakers => "speakers",
            Hint::Speaker => "speaker",
            Hint::Convention => "convention",
            Hint::Article => "article",
            Hint::Chapter => "chapter",
            Hint::Signatories => "signatories",
            Hint::Help => "help",
        }
    }

    /// The catalogue's entry for it.
    pub fn command(self) -> &'static Command {
        COMMANDS
            .iter()
            .find(|c| c.name == self.name())
            .expect("every hint names a catalogued command (tested)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_is_a_public_command_of_the_catalogue() {
        for h in Hint::ALL {
            let c = COMMANDS.iter().find(|c| c.name == h.name());
            assert!(c.is_some_and(|c| !c.moderator), "{h:?}");
        }
    }
}
