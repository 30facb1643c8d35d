//! The files every subcommand reads: the knowledge and the configuration named on the
//! command line, else the defaults in the working directory, else the copies built
//! into the binary; and `hanoi-bot check`, which validates both.

use crate::config::{Config, ConfigError};
use crate::knowledge::{Knowledge, Problems};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Default knowledge file, used when present; otherwise the copy built into the binary.
pub(super) const DEFAULT_KNOWLEDGE: &str = "knowledge/hanoi-convention.toml";
/// Default configuration file, used when present; otherwise the built-in copy.
const DEFAULT_CONFIG: &str = "config/bot.toml";

/// Loads the configuration named on the command line, or the default one.
pub fn load_config(path: Option<&Path>) -> Result<Config, ConfigError> {
    match path {
        Some(p) => Config::load(p),
        None if Path::new(DEFAULT_CONFIG).exists() => Config::load(Path::new(DEFAULT_CONFIG)),
        None => Ok(Config::embedded()),
    }
}

/// Loads the knowledge named on the command line, or the default one.
pub fn load_knowledge(path: Option<&Path>) -> Result<Knowledge, Problems> {
    match path {
        Some(p) => Knowledge::load(p),
        None if Path::new(DEFAULT_KNOWLEDGE).exists() => {
            Knowledge::load(Path::new(DEFAULT_KNOWLEDGE))
        }
        None => Knowledge::embedded(),
    }
}

/// Whether a file named on the command line, or the default in the working directory,
/// is read; `None`: the copy built into the binary.
fn chosen<'a>(path: Option<&'a Path>, default: &'a str) -> Option<&'a Path> {
    path.or_else(|| Some(Path::new(default)).filter(|p| p.exists()))
}

/// `hanoi-bot check`: every problem of both files on `out`; exit 0 or 1.
/// What was checked is named as it is: a file by its path, else "built-in knowledge".
pub(super) fn check(
    file: Option<&Path>,
    config: Option<&Path>,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let mut ok = true;
    let knowledge_file = chosen(file, DEFAULT_KNOWLEDGE);
    match load_knowledge(file) {
        Ok(k) => {
            let what = match knowledge_file {
                Some(p) => format!("{}: ok", p.display()),
                None => format!("built-in knowledge (version {}): ok", k.version),
            };
            writeln!(
                out,
                "{what} — {} entries ({} people, {} sessions, {} chapters, {} articles, {} countries), version {}",
                k.entries.len(),
                k.people.len(),
                k.sessions.len(),
                k.chapters.len(),
                k.articles.len(),
                k.countries.len(),
                k.version
            )?
        }
        Err(problems) => {
            ok = false;
            write!(out, "{problems}")?;
        }
    }
    match load_config(config) {
        Ok(_) => match chosen(config, DEFAULT_CONFIG) {
            Some(p) => writeln!(out, "{}: ok", p.display())?,
            None => writeln!(out, "built-in configuration: ok")?,
        },
        Err(e) => {
            ok = false;
            writeln!(out, "{:#}", anyhow::Error::new(e))?;
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
