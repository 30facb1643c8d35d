//! A trivial poise bot, the yardstick of the load test (`tests/it/e2e_discord/load.rs`):
//! one `/ask` command answering a fixed text, with the client built as `hanoi-bot
//! run` builds it (`hanoi_bot::discord::build_http`: the `DISCORD_API_BASE` proxy with
//! serenity's rate limiter disabled; the same gateway intents; no mentions; the default
//! tokio runtime; `info` logging to standard error). What it costs to answer is then
//! poise, serenity, the runtime and the machine, and nothing of the bot's own.
//!
//! ```text
//! DISCORD_TOKEN=… DISCORD_API_BASE=http://127.0.0.1:8080 cargo run --release --example trivial_bot
//! ```

use hanoi_bot::discord::{build_http, intents};
use poise::serenity_prelude as serenity;
use std::process::ExitCode;

/// What every command may fail with.
type Error = Box<dyn std::error::Error + Send + Sync>;

/// The fixed answer (the load test checks it).
const ANSWER: &str = "The signing ceremony is on 25-26 October 2025 in Hanoi.";

/// Ask anything (a fixed answer)
#[poise::command(slash_command)]
async fn ask(
    ctx: poise::Context<'_, (), Error>,
    #[description = "Your question"] question: String,
) -> Result<(), Error> {
    // The question is not read: the answer is the same for all.
    let _ = question;
    ctx.say(ANSWER).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(token) = std::env::var("DISCORD_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
    else {
        eprintln!("trivial_bot: DISCORD_TOKEN is not set");
        return ExitCode::from(2);
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let api_base = std::env::var("DISCORD_API_BASE").ok();
    let http = match build_http(token.trim(), api_base.as_deref()) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("trivial_bot: {e}");
            return ExitCode::from(1);
        }
    };
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: vec![ask()],
            allowed_mentions: Some(serenity::CreateAllowedMentions::new()),
            initialize_owners: false,
            ..Default::default()
        })
        .initialize_owners(false)
        .setup(|ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                Ok(())
            })
        })
        .build();
    let client = serenity::ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .await;
    match client {
        Ok(mut c) => match c.start().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("trivial_bot: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("trivial_bot: {e}");
            ExitCode::from(1)
        }
    }
}
