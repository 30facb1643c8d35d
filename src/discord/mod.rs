//! The Discord front end (poise 0.7 on serenity 0.12). Being written: see issue 3.

use crate::answers::Desk;
use std::process::ExitCode;

/// `hanoi-bot run`: needs DISCORD_TOKEN; exits 2 without it, before any network use.
pub fn run_from_cli(_desk: Desk) -> ExitCode {
    if std::env::var("DISCORD_TOKEN").map_or(true, |t| t.trim().is_empty()) {
        eprintln!("hanoi-bot: DISCORD_TOKEN is not set: export the bot token from the Discord developer portal to run the bot");
        return ExitCode::from(2);
    }
    eprintln!("hanoi-bot: the Discord front end is not built yet");
    ExitCode::from(1)
}
