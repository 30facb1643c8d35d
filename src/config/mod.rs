//! `config/bot.toml`: tuning and deployment settings (never the token).
//!
//! Every section has defaults, so a missing file section means "the shipped behaviour".
//! Unknown keys are refused so a typo in a setting is an error, not a silent default.
//! This file holds the sections and their defaults; `load` reads and checks a file
//! ([`Config::load`], [`Config::parse`], [`ConfigError`]).

mod load;

pub use load::ConfigError;

use crate::matcher::MatcherConfig;
use serde::Deserialize;

/// The shipped configuration, embedded for runs with no files around.
pub const EMBEDDED: &str = include_str!("../../config/bot.toml");

/// The whole settings file; every section is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// How confident an answer must be, and how many suggestions.
    #[serde(default)]
    pub matcher: MatcherConfig,
    /// Connection and registration.
    #[serde(default)]
    pub discord: DiscordConfig,
    /// Answering mentions and Q&A channels.
    #[serde(default)]
    pub community: CommunityConfig,
    /// Where the bot keeps its state.
    #[serde(default)]
    pub storage: StorageConfig,
    /// Moderator announcements.
    #[serde(default)]
    pub announcements: AnnouncementsConfig,
    /// Session reminders.
    #[serde(default)]
    pub reminders: RemindersConfig,
    /// Question log, feedback, knowledge reloads.
    #[serde(default)]
    pub curation: CurationConfig,
}

/// Connection and registration settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordConfig {
    /// Guild ids to register commands in (instant, for development). Empty: global.
    #[serde(default)]
    pub guilds: Vec<u64>,
    /// REST base URL other than Discord's (a rate-limit proxy). `DISCORD_API_BASE` wins.
    #[serde(default)]
    pub api_base: Option<String>,
    /// Whether `/ask` answers are ephemeral unless the user says otherwise.
    #[serde(default)]
    pub private_by_default: bool,
    /// Roles whose members may use moderator commands (checked at run time).
    #[serde(default)]
    pub moderator_roles: Vec<u64>,
    /// An answer not ready after this many milliseconds is deferred ("thinking…") and
    /// sent as a follow-up; Discord drops a response later than 3 s.
    #[serde(default = "default_defer_after_ms")]
    pub defer_after_ms: u64,
    /// `/ask` questions one user may ask per minute; past it they get a private note
    /// (no public reply, nothing logged). 0: no limit.
    #[serde(default = "default_ask_per_minute")]
    pub ask_per_minute: u32,
}

fn default_defer_after_ms() -> u64 {
    1500
}
fn default_ask_per_minute() -> u32 {
    10
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            guilds: Vec::new(),
            api_base: None,
            private_by_default: false,
            moderator_roles: Vec::new(),
            defer_after_ms: default_defer_after_ms(),
            ask_per_minute: default_ask_per_minute(),
        }
    }
}

/// Community Q&A: answering mentions and questions in designated channels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityConfig {
    /// Channels where the bot answers questions on its own (when confident).
    #[serde(default)]
    pub qa_channels: Vec<u64>,
    /// Confidence needed to answer unprompted in a Q&A channel (higher than `/ask`'s).
    #[serde(default = "default_qa_threshold")]
    pub qa_threshold: f32,
    /// Answer in a thread (true) or as a reply (false) in Q&A channels.
    #[serde(default)]
    pub use_threads: bool,
    /// Seconds between two answers to one user.
    #[serde(default = "default_user_cooldown")]
    pub user_cooldown_secs: u64,
    /// Seconds between two unprompted answers in one channel.
    #[serde(default = "default_channel_cooldown")]
    pub channel_cooldown_secs: u64,
}

fn default_qa_threshold() -> f32 {
    0.8
}
fn default_user_cooldown() -> u64 {
    10
}
fn default_channel_cooldown() -> u64 {
    5
}

impl Default for CommunityConfig {
    fn default() -> Self {
        CommunityConfig {
            qa_channels: Vec::new(),
            qa_threshold: default_qa_threshold(),
            use_threads: false,
            user_cooldown_secs: default_user_cooldown(),
            channel_cooldown_secs: default_channel_cooldown(),
        }
    }
}

/// Where the bot keeps its state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageConfig {
    /// SQLite database for state.
    #[serde(default = "default_db")]
    pub path: String,
}

fn default_db() -> String {
    "data/bot.db".into()
}

impl Default for StorageConfig {
    fn default() -> Self {
        StorageConfig { path: default_db() }
    }
}

/// Moderator announcements (`/announce`, `hanoi-bot announce`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementsConfig {
    /// Channel `/announce` posts to unless the moderator picks another.
    #[serde(default)]
    pub channel: Option<u64>,
    /// Whether a moderator may tick "ping @everyone/@here" at all.
    #[serde(default)]
    pub allow_everyone: bool,
    /// An item whose time passed while the bot was down is still posted this many
    /// minutes late; later than that it is marked missed and reported.
    #[serde(default = "default_grace")]
    pub grace_minutes: u32,
    /// Moderators' log channel: missed and failed posts, reloads.
    #[serde(default)]
    pub log_channel: Option<u64>,
    /// The only roles announcements may ping. Empty: on Discord, any role of the server
    /// that the moderator could mention themselves (mentionable, or they hold Mention
    /// Everyone); never the @everyone role itself.
    #[serde(default)]
    pub ping_roles: Vec<u64>,
}

fn default_grace() -> u32 {
    30
}

impl Default for AnnouncementsConfig {
    fn default() -> Self {
        AnnouncementsConfig {
            channel: None,
            allow_everyone: false,
            grace_minutes: default_grace(),
            log_channel: None,
            ping_roles: Vec::new(),
        }
    }
}

/// Session reminders derived from the knowledge file's programme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemindersConfig {
    /// Default of the switch `/reminders on|off` (which is kept in the database).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Minutes before a session's start the reminder is posted.
    #[serde(default = "default_lead")]
    pub lead_minutes: u32,
    /// Channel for reminders; unset: the announcements channel.
    #[serde(default)]
    pub channel: Option<u64>,
}

fn default_true() -> bool {
    true
}
fn default_lead() -> u32 {
    10
}

impl Default for RemindersConfig {
    fn default() -> Self {
        RemindersConfig {
            enabled: true,
            lead_minutes: default_lead(),
            channel: None,
        }
    }
}

/// The curation loop: question log, feedback, knowledge reloads.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurationConfig {
    /// Keep the id of the last user who asked a logged question (off: never stored).
    #[serde(default)]
    pub log_user_ids: bool,
    /// Answered questions below this confidence are logged as well as unanswered ones.
    #[serde(default = "default_low_confidence")]
    pub low_confidence: f32,
    /// Reload the knowledge file when it changes on disk.
    #[serde(default = "default_true")]
    pub watch_knowledge: bool,
    /// Seconds between two checks of the knowledge file's modification time.
    #[serde(default = "default_watch_secs")]
    pub watch_secs: u64,
    /// Logged questions not asked again for this many days are deleted.
    #[serde(default = "default_log_keep_days")]
    pub log_keep_days: u32,
    /// At most this many questions are kept in the log (the least recently asked go).
    #[serde(default = "default_log_max_questions")]
    pub log_max_questions: usize,
}

fn default_low_confidence() -> f32 {
    0.75
}
fn default_watch_secs() -> u64 {
    5
}
fn default_log_keep_days() -> u32 {
    90
}
fn default_log_max_questions() -> usize {
    10_000
}

impl Default for CurationConfig {
    fn default() -> Self {
        CurationConfig {
            log_user_ids: false,
            low_confidence: default_low_confidence(),
            watch_knowledge: true,
            watch_secs: default_watch_secs(),
            log_keep_days: default_log_keep_days(),
            log_max_questions: default_log_max_questions(),
        }
    }
}
