//! Reading and checking a configuration: serde refuses unknown keys and wrong types
//! (with the file and line), `Config::check` the values serde cannot refuse by type.

use super::{Config, EMBEDDED};
use crate::text::line_of;
use std::path::{Path, PathBuf};

/// Why a configuration was refused; every message names the file (and the line, for
/// syntax).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{}: cannot read the file", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Not TOML, an unknown key, a value of the wrong type.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The file (or where the value came from).
        file: String,
        /// 1-based; 0 when the parser gave no position.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A value outside what the bot accepts.
    #[error("{file}: {problem}")]
    Invalid {
        /// The file (or where the value came from).
        file: String,
        /// What is wrong with which key.
        problem: String,
    },
}

impl Config {
    /// Parses and checks a configuration; the error names the file and line.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let c: Config = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
            message: e.message().trim().to_string(),
        })?;
        c.check(file)?;
        Ok(c)
    }

    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// The configuration with `[discord] api_base` replaced by `base` (the
    /// `DISCORD_API_BASE` variable, which wins over the file), checked like the file.
    pub fn with_api_base(mut self, base: Option<String>) -> Result<Config, ConfigError> {
        if let Some(b) = base.filter(|b| !b.trim().is_empty()) {
            self.discord.api_base = Some(b);
            self.check("DISCORD_API_BASE")?;
        }
        Ok(self)
    }

    /// The shipped configuration (built into the binary).
    pub fn embedded() -> Config {
        Config::parse(EMBEDDED, "config/bot.toml").expect("the shipped config is valid")
    }

    /// Values serde cannot refuse by type; `file` names where they came from.
    fn check(&self, file: &str) -> Result<(), ConfigError> {
        let invalid = |problem: String| {
            Err(ConfigError::Invalid {
                file: file.to_string(),
                problem,
            })
        };
        let m = &self.matcher;
        if !(0.0..=1.0).contains(&m.threshold) {
            return invalid(format!("matcher.threshold {} is not in 0..1", m.threshold));
        }
        if !(0.0..=1.0).contains(&m.margin) {
            return invalid(format!("matcher.margin {} is not in 0..1", m.margin));
        }
        if m.suggestions > 5 {
            return invalid("matcher.suggestions is at most 5 (one button row)".into());
        }
        let q = self.community.qa_threshold;
        if !(0.0..=1.0).contains(&q) {
            return invalid(format!("community.qa_threshold {q} is not in 0..1"));
        }
        let low = self.curation.low_confidence;
        if !(0.0..=1.0).contains(&low) {
            return invalid(format!("curation.low_confidence {low} is not in 0..1"));
        }
        if self.curation.log_keep_days == 0 || self.curation.log_max_questions == 0 {
            return invalid(
                "curation.log_keep_days and curation.log_max_questions must be at least 1".into(),
            );
        }
        if self.curation.watch_secs == 0 {
            return invalid("curation.watch_secs must be at least 1".into());
        }
        if self.reminders.lead_minutes > 24 * 60 {
            return invalid("reminders.lead_minutes is at most 1440 (a day)".into());
        }
        if self.announcements.grace_minutes > 7 * 24 * 60 {
            return invalid("announcements.grace_minutes is at most 10080 (a week)".into());
        }
        if self.discord.defer_after_ms > 2500 {
            return invalid("discord.defer_after_ms is at most 2500 (Discord waits 3 s)".into());
        }
        if let Some(base) = &self.discord.api_base {
            let host = reqwest::Url::parse(base)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .and_then(|u| u.host_str().map(|h| !h.is_empty()));
            if host != Some(true) {
                return invalid(format!(
                    "discord.api_base {base:?} is not an http(s) URL with a host"
                ));
            }
        }
        if self.storage.path.trim().is_empty() {
            // SQLite takes "" for a temporary database that forgets everything on close.
            return invalid("storage.path is empty: name the database file".into());
        }
        if let Some(key) = self.zero_id() {
            return invalid(format!(
                "{key} holds the id 0, which no Discord channel, role or guild has"
            ));
        }
        Ok(())
    }

    /// The first key holding the id 0 (Discord ids are never 0; serenity panics on one).
    fn zero_id(&self) -> Option<&'static str> {
        let one = |v: Option<u64>| v == Some(0);
        let any = |v: &[u64]| v.contains(&0);
        [
            ("discord.guilds", any(&self.discord.guilds)),
            (
                "discord.moderator_roles",
                any(&self.discord.moderator_roles),
            ),
            ("community.qa_channels", any(&self.community.qa_channels)),
            (
                "announcements.ping_roles",
                any(&self.announcements.ping_roles),
            ),
            ("announcements.channel", one(self.announcements.channel)),
            (
                "announcements.log_channel",
                one(self.announcements.log_channel),
            ),
            ("reminders.channel", one(self.reminders.channel)),
        ]
        .into_iter()
        .find_map(|(key, zero)| zero.then_some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_parses() {
        let c = Config::embedded();
        assert!(
            c.discord.guilds.is_empty(),
            "shipped config registers globally"
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        let e = Config::parse("[matcher]\nthreshhold = 0.5\n", "bot.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("bot.toml:2:") && e.contains("threshhold"),
            "{e}"
        );
        let e = Config::parse("[matcher]\nthreshold = 1.5\n", "bot.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not in 0..1"), "{e}");
    }
}
