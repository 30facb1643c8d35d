//! The terminal front end: subcommands mirroring the slash commands, printing the same
//! [`Reply`](crate::reply::Reply) as text, plus `check`, `export` and `run`.

mod args;
mod batch;
mod database;
mod explain;
mod files;
mod refit;
mod render;
mod review;
mod run;

use crate::answers::{Day, Desk, Lang};
use crate::knowledge::Knowledge;
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

use args::{Cli, Command};
pub use files::{load_config, load_knowledge};
pub use render::{render_styled, render_text, terminal_command, Style};

/// `hanoi-bot`: parses the command line, runs the subcommand, and reports an error with
/// its causes on standard error (exit 1).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        // The reader of standard output went away (`hanoi-bot check | head -1`): end
        // quietly, with the status a shell reports for a tool that SIGPIPE stopped.
        Err(e) if closed_output(&e) => ExitCode::from(CLOSED_OUTPUT),
        Err(e) => {
            // `{:#}`: the error and every cause after it, "what: why: why that".
            eprintln!("hanoi-bot: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// 128 + SIGPIPE: what `yes | head -1` reports for `yes`.
const CLOSED_OUTPUT: u8 = 141;

/// Whether an error comes from writing to a closed pipe or socket. Every command writes
/// through `dispatch`'s locked standard output and returns write errors (never
/// `println!`, which panics on them), so this one check covers every command.
fn closed_output(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs one subcommand.
fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Check { file } = &cli.command {
        let out = std::io::stdout();
        return Ok(files::check(
            file.as_deref().or(cli.knowledge.as_deref()),
            cli.config.as_deref(),
            &mut out.lock(),
        )?);
    }
    let config = load_config(cli.config.as_deref())?;
    let knowledge = load_knowledge(cli.knowledge.as_deref())?;
    let desk = Desk::new(knowledge, config);
    if let Command::Run = cli.command {
        // Before the stdout lock below is taken: the bot logs for as long as it runs.
        return Ok(run::run_bot(desk));
    }
    if let Command::Review { db } = &cli.command {
        let (input, out) = (std::io::stdin().lock(), std::io::stdout());
        review::run(desk, db.as_deref(), input, &mut out.lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    let now = Utc::now();
    let style = Style::for_stdout();
    let out = std::io::stdout();
    let mut out = out.lock();
    let print = |out: &mut dyn Write, r: &crate::reply::Reply| {
        writeln!(out, "{}", render_styled(r, now, style))
    };
    match cli.command {
        Command::Ask {
            json,
            explain,
            lang,
            question,
        } => {
            // --lang, else the language the question is written in, else English.
            let lang: Option<Lang> = lang.map(Lang::from);
            if question.is_empty() {
                if json {
                    batch::answer_lines(
                        &desk,
                        lang,
                        std::io::BufReader::new(std::io::stdin()),
                        &mut out,
                    )
                    .context("reading standard input")?;
                    return Ok(ExitCode::SUCCESS);
                }
                anyhow::bail!("give a question, e.g. hanoi-bot ask \"When is the signing ceremony?\" (or --json to read lines from standard input)");
            }
            let question = question.join(" ");
            let lang = lang.unwrap_or_else(|| Lang::of_question(&question, Lang::En));
            let (mut asked, reply) = desk.ask(&question, lang);
            // Only a question refused as too long is echoed cut to its start.
            if asked.query.chars().count() > crate::answers::MAX_QUESTION {
                asked.query = crate::answers::echo(&asked.query);
            }
            if json {
                let line = serde_json::to_string(&asked)?;
                writeln!(out, "{line}")?;
            } else {
                print(&mut out, &reply)?;
                // A question `ask` refused as too long is not explained: the matcher's
                // work grows with its words (the reply already says why).
                let short =
                    crate::answers::too_long(&crate::answers::clean_question(&question), "")
                        .is_none();
                if explain && short {
                    let e = desk.matcher.explain(&question);
                    writeln!(out, "\n{}", explain::render(&desk, &e, &asked))?;
                }
            }
        }
        Command::Schedule { day } => {
            let day = parse_day(&desk.knowledge, &day).map_err(anyhow::Error::msg)?;
            print(&mut out, &desk.schedule(day, now))?;
        }
        Command::Session { name } => print(&mut out, &desk.session(&name.join(" ")))?,
        Command::Speakers => print(&mut out, &desk.speakers())?,
        Command::Speaker { lang, name } => {
            print(&mut out, &desk.speaker(&name.join(" "), lang.into()))?
        }
        Command::Convention => print(&mut out, &desk.convention())?,
        Command::Article { number } => print(&mut out, &desk.article(number))?,
        Command::Chapter { number } => print(&mut out, &desk.chapter(number))?,
        Command::Signatories { lang } => print(&mut out, &desk.signatories(lang.into()))?,
        Command::Export { .. } => {
            let json = batch::export(&desk)?;
            writeln!(out, "{json}")?;
        }
        Command::Run | Command::Review { .. } => {
            unreachable!("handled before stdout is locked")
        }
        Command::Announce { db, action } => {
            return database::announce(&desk, db.as_deref(), action, &mut out)
        }
        Command::Gaps { limit, db } => database::gaps(&desk, db.as_deref(), limit, &mut out)?,
        Command::Stats { days, db } => database::stats(&desk, db.as_deref(), days, &mut out)?,
        Command::Audit { limit, db } => database::audit(&desk, db.as_deref(), limit, &mut out)?,
        Command::Refit {
            cases,
            db,
            no_labels,
            l2,
            folds,
            write,
            out: path,
        } => {
            let path = write.then(|| {
                path.unwrap_or_else(|| {
                    let k = cli
                        .knowledge
                        .as_deref()
                        .unwrap_or(std::path::Path::new(files::DEFAULT_KNOWLEDGE));
                    k.with_file_name(crate::knowledge::MODEL_FILE)
                })
            });
            let labels = if no_labels {
                None
            } else {
                refit::Labels::read(&desk, db.as_deref())?
            };
            refit::run(&desk, &cases, labels, l2, folds, path.as_deref(), &mut out)?
        }
        Command::Check { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `--day`: "1", "2" (event days), "2025-10-25", "25", or "now".
pub fn parse_day(k: &Knowledge, s: &str) -> Result<Day, String> {
    let s = s.trim().to_lowercase();
    if s == "now" || s == "next" {
        return Ok(Day::Now);
    }
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Ok(Day::Date(d));
    }
    if let Ok(n) = s.parse::<usize>() {
        if (1..=k.event_days.len()).contains(&n) {
            return Ok(Day::Date(k.event_days[n - 1]));
        }
        if let Some(d) = k
            .event_days
            .iter()
            .find(|d| chrono::Datelike::day(*d) as usize == n)
        {
            return Ok(Day::Date(*d));
        }
    }
    Err(format!(
        "unknown day {s:?}: use 1 to {}, a date like {}, or now",
        k.event_days.len(),
        k.event_days
            .first()
            .map(|d| d.to_string())
            .unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Hint;

    #[test]
    fn every_suggested_command_is_one_the_terminal_accepts() {
        for hint in Hint::ALL {
            let typed = terminal_command(hint)
                .replace("\"QUESTION\"", "when")
                .replace("NAME", "guterres")
                .replace("DAY", "1")
                .replace(" N", " 3");
            let words: Vec<&str> = typed.split_whitespace().collect();
            assert_eq!(words[0], "hanoi-bot");
            match Cli::try_parse_from(&words) {
                Ok(_) => {}
                // `--help` is clap's own: it "fails" by printing the help.
                Err(e) => assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{typed}"),
            }
        }
    }
}
