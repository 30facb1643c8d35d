//! The command line of `hanoi-bot`, as clap reads it: the subcommands and their flags.

use super::database;
use crate::answers::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The command line of `hanoi-bot`.
#[derive(Parser, Debug)]
#[command(
    name = "hanoi-bot",
    version,
    about = "Answers questions about the UN Convention against Cybercrime (the Hanoi Convention) and its signing ceremony",
    long_about = None
)]
pub(crate) struct Cli {
    /// Knowledge file [default: knowledge/hanoi-convention.toml, else the built-in copy]
    #[arg(long, global = true, value_name = "PATH")]
    pub knowledge: Option<PathBuf>,
    /// Configuration file [default: config/bot.toml, else the built-in copy]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands; each mirrors a slash command or is an operator's tool.
#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Ask a question; with --json and no question, answer each line of standard input
    Ask {
        /// Print one JSON object per question
        #[arg(long)]
        json: bool,
        /// Also show how the question was read and scored (for curators)
        #[arg(long, conflicts_with = "json")]
        explain: bool,
        /// Answer language where the knowledge has a translation [default: the
        /// question's own language, else English]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// The question (several words are joined)
        question: Vec<String>,
    },
    /// The ceremony programme of a day: 1, 2, a date (2025-10-25) or "now"
    Schedule {
        /// 1 or 2 (event days), a date like 2025-10-25, the day of the month, or now
        #[arg(long, default_value = "1")]
        day: String,
    },
    /// One session of the programme (fuzzy name)
    Session {
        /// The session's name (several words are joined)
        name: Vec<String>,
    },
    /// Everyone named at the ceremony
    Speakers,
    /// One person (fuzzy name, with or without Vietnamese diacritics)
    Speaker {
        /// Answer language where the knowledge has a translation
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// The person's name (several words are joined)
        name: Vec<String>,
    },
    /// The convention at a glance
    Convention,
    /// One article of the convention
    Article {
        /// Article number, 1 to 68
        number: i64,
    },
    /// One chapter of the convention
    Chapter {
        /// Chapter number, 1 to 9
        number: i64,
    },
    /// Who signed: the count, by region, the names known here, where the full list is
    Signatories {
        /// Answer language
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Every answerable entry as JSON
    Export {
        /// Print JSON (the only format)
        #[arg(long, required = true)]
        json: bool,
    },
    /// Validate a knowledge file (default: the shipped one) and the configuration
    Check {
        /// The knowledge file [default: the one --knowledge names, else the shipped one]
        file: Option<PathBuf>,
    },
    /// Run the Discord bot (token from DISCORD_TOKEN)
    Run,
    /// Scheduled announcements in the bot's database (operators on the host)
    Announce {
        /// Database [default: storage.path of the configuration]
        #[arg(long, global = true, value_name = "PATH")]
        db: Option<PathBuf>,
        /// What to do with them
        #[command(subcommand)]
        action: database::AnnounceCmd,
    },
    /// The most frequent questions the bot could not answer, with the closest entries
    Gaps {
        /// How many questions to show
        #[arg(long, default_value = "20")]
        limit: usize,
        /// Database [default: storage.path of the configuration]
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
    },
    /// Questions per day, answered rate, top entries and feedback
    Stats {
        /// How many days back
        #[arg(long, default_value = "7")]
        days: u32,
        /// Database [default: storage.path of the configuration]
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
    },
    /// Review logged questions one at a time: add each as a phrasing of an entry
    /// (written into the knowledge file), mark it out of scope, or skip it
    Review {
        /// Database [default: storage.path of the configuration]
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
    },
    /// Refit the answer-or-refuse model from labelled questions and print its
    /// cross-validated figures; --write saves it beside the knowledge file
    Refit {
        /// Case files (q, expect or scope = "out") [default: tests/blind/train.toml]
        #[arg(long = "cases", value_name = "PATH")]
        cases: Vec<PathBuf>,
        /// Database whose review labels are added to the cases [default: storage.path
        /// of the configuration, when it exists]
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
        /// Leave the review labels out
        #[arg(long, conflicts_with = "db")]
        no_labels: bool,
        /// L2 penalty of the logistic regression
        #[arg(long, default_value = "1.0")]
        l2: f32,
        /// Cross-validation folds
        #[arg(long, default_value = "5")]
        folds: usize,
        /// Write the model [default path: decision.toml beside the knowledge file]
        #[arg(long)]
        write: bool,
        /// Where to write it instead
        #[arg(long, value_name = "PATH", requires = "write")]
        out: Option<PathBuf>,
    },
    /// The moderators' audit log, newest first (who, what, when)
    Audit {
        /// How many entries to show
        #[arg(long, default_value = "50")]
        limit: usize,
        /// Database [default: storage.path of the configuration]
        #[arg(long, value_name = "PATH")]
        db: Option<PathBuf>,
    },
}

/// `--lang`: the answer's language.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum LangArg {
    En,
    Vi,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Vi => Lang::Vi,
        }
    }
}
