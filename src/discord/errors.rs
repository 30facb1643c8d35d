//! Two error lanes.
//!
//! - [`Error::User`]: the user asked for something that cannot be done (article 99, an
//!   empty question). Shown to them ephemerally, logged at debug level only.
//! - [`Error::Internal`]: something broke (Discord refused a request, a task panicked).
//!   Logged with context through `tracing`; the user gets a short apology, never the
//!   details (which could carry URLs or ids).
//!
//! [`on_error`] is the framework's error hook; poise's default is used only for the
//! framework's own user-facing conditions (cooldowns, permissions).

use super::render::{self, no_mentions};
use super::Data;
use poise::serenity_prelude as serenity;
use poise::CreateReply;

/// What every command and handler returns on failure.
#[derive(Debug)]
pub enum Error {
    /// Shown to the user as is, ephemerally.
    User(String),
    /// Logged; the user sees [`APOLOGY`].
    Internal(String),
}

/// What the user sees when something broke on our side.
pub const APOLOGY: &str =
    "Sorry, something went wrong on my side while answering. Please try again in a moment.";

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::User(m) => write!(f, "{m}"),
            Error::Internal(m) => write!(f, "internal error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<serenity::Error> for Error {
    fn from(e: serenity::Error) -> Self {
        // serenity's errors name the route and status, never the token.
        Error::Internal(format!("Discord request failed: {e}"))
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Internal(format!("answer task failed: {e}"))
    }
}

type FrameworkError<'a> = poise::FrameworkError<'a, Data, Error>;

/// The framework's error hook (see the module documentation).
pub async fn on_error(error: FrameworkError<'_>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            let command = ctx.command().name.to_string();
            let guild = ctx.guild_id().map(|g| g.get());
            let message = match &error {
                Error::User(m) => {
                    tracing::debug!(command, ?guild, "user error: {m}");
                    m.clone()
                }
                Error::Internal(m) => {
                    tracing::error!(command, ?guild, "command failed: {m}");
                    APOLOGY.to_string()
                }
            };
            tell(ctx, &message).await;
        }
        poise::FrameworkError::CommandPanic { payload, ctx, .. } => {
            tracing::error!(
                command = %ctx.command().name,
                "command panicked: {}",
                payload.as_deref().unwrap_or("(no message)")
            );
            tell(ctx, APOLOGY).await;
        }
        poise::FrameworkError::ArgumentParse { ctx, input, .. } => {
            tracing::debug!(command = %ctx.command().name, ?input, "could not read an option");
            tell(
                ctx,
                "I could not read one of the options; please pick a value from the list or check the number.",
            )
            .await;
        }
        poise::FrameworkError::CommandStructureMismatch {
            ctx, description, ..
        } => {
            tracing::warn!(
                command = %ctx.command().name,
                "interaction does not match the registered command: {description}"
            );
            tell(
                poise::Context::Application(ctx),
                "This command changed since Discord showed it to you; please try again in a minute.",
            )
            .await;
        }
        poise::FrameworkError::CommandCheckFailed { error, ctx, .. } => {
            if let Some(e) = error {
                tracing::error!(command = %ctx.command().name, "moderator check failed: {e}");
                tell(ctx, APOLOGY).await;
            } else {
                tell(ctx, super::moderation::REFUSAL).await;
            }
        }
        poise::FrameworkError::GuildOnly { ctx, .. } => {
            tell(
                ctx,
                "This command works in a server, not in direct messages.",
            )
            .await;
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(
                event = event.snake_case_name(),
                "event handler failed: {error}"
            );
        }
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!("start-up (command registration) failed: {error}");
        }
        poise::FrameworkError::UnknownInteraction { interaction, .. } => {
            tracing::warn!(
                command = %interaction.data.name,
                "interaction for a command this bot does not have; ignored"
            );
        }
        other => {
            // Cooldowns, permissions and the like: poise's own user-facing messages.
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!("could not report an error to the user: {e}");
            }
        }
    }
}

/// Sends `message` to the user ephemerally; a failure to do so is only logged.
async fn tell(ctx: poise::Context<'_, Data, Error>, message: &str) {
    let reply = CreateReply::default()
        .embed(render::notice(message))
        .ephemeral(true)
        .allowed_mentions(no_mentions());
    if let Err(e) = ctx.send(reply).await {
        tracing::error!(command = %ctx.command().name, "could not send the error message: {e}");
    }
}
