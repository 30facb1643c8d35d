//! What users see when something fails, and the framework's error hook.
//!
//! [`on_error`] handles the two lanes of [`Error`]: a user error is shown as is,
//! ephemerally; an internal one is logged and the user gets [`APOLOGY`]. A refused
//! moderator check gets [`REFUSAL`]. poise's default is used only for the framework's
//! own user-facing conditions (cooldowns, permissions).

use super::render::{self, no_mentions};
use super::{Ctx, Data, Error};
use poise::CreateReply;

/// What the user sees when something broke on our side.
pub const APOLOGY: &str =
    "Sorry, something went wrong on my side while answering. Please try again in a moment.";

/// What a non-moderator sees when they try a moderator command.
pub const REFUSAL: &str = "Only moderators can use this command. Nothing was done.";

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
                Error::Internal { .. } => {
                    tracing::error!(command, ?guild, "command failed: {}", chain(&error));
                    APOLOGY.to_string()
                }
            };
            send_error_notice(ctx, &message).await;
        }
        poise::FrameworkError::CommandPanic { payload, ctx, .. } => {
            tracing::error!(
                command = %ctx.command().name,
                "command panicked: {}",
                payload.as_deref().unwrap_or("(no message)")
            );
            send_error_notice(ctx, APOLOGY).await;
        }
        poise::FrameworkError::ArgumentParse { ctx, input, .. } => {
            tracing::debug!(command = %ctx.command().name, ?input, "could not read an option");
            send_error_notice(
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
            send_error_notice(
                poise::Context::Application(ctx),
                "This command changed since Discord showed it to you; please try again in a minute.",
            )
            .await;
        }
        poise::FrameworkError::CommandCheckFailed { error, ctx, .. } => {
            if let Some(e) = error {
                tracing::error!(
                    command = %ctx.command().name,
                    "moderator check failed: {}",
                    chain(&e)
                );
                send_error_notice(ctx, APOLOGY).await;
            } else {
                send_error_notice(ctx, REFUSAL).await;
            }
        }
        poise::FrameworkError::GuildOnly { ctx, .. } => {
            send_error_notice(
                ctx,
                "This command works in a server, not in direct messages.",
            )
            .await;
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(
                event = event.snake_case_name(),
                "event handler failed: {}",
                chain(&error)
            );
        }
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!("start-up (command registration) failed: {}", chain(&error));
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
async fn send_error_notice(ctx: Ctx<'_>, message: &str) {
    let reply = CreateReply::default()
        .embed(render::notice(message))
        .ephemeral(true)
        .allowed_mentions(no_mentions());
    if let Err(e) = ctx.send(reply).await {
        tracing::error!(command = %ctx.command().name, "could not send the error message: {e}");
    }
}

/// An error and its sources, "what was done: why: why that", for the log.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        out.push_str(": ");
        out.push_str(&e.to_string());
        source = e.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_is_logged_with_its_whole_source_chain() {
        let io = std::io::Error::other("disk full");
        let store = crate::store::StoreError::CreateDir {
            path: "data".into(),
            source: io,
        };
        let e = Error::from(store);
        assert_eq!(e.to_string(), "database request failed");
        assert_eq!(
            chain(&e),
            "database request failed: cannot create the directory data: disk full"
        );
        assert_eq!(chain(&Error::User("no".into())), "no");
    }
}
