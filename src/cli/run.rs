//! `hanoi-bot run`: the process around the Discord bot. The token (only from
//! `DISCORD_TOKEN`), logging, the async runtime and the stop signals are the binary's
//! concerns; [`crate::discord::start`] gets a token and an API base and does the rest.

use crate::answers::{Desk, DeskHandle};
use crate::discord::{start, RunningBot};
use std::process::ExitCode;
use std::time::Duration;

/// `hanoi-bot run`: needs DISCORD_TOKEN; exits 2 without it, before any network use.
pub fn run_bot(desk: Desk) -> ExitCode {
    let token = match std::env::var("DISCORD_TOKEN") {
        Ok(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => {
            eprintln!("hanoi-bot: DISCORD_TOKEN is not set: export the bot token from the Discord developer portal to run the bot");
            return ExitCode::from(2);
        }
    };
    init_logging();
    let config = match desk
        .config
        .clone()
        .with_api_base(std::env::var("DISCORD_API_BASE").ok())
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("hanoi-bot: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("hanoi-bot: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let api_base = config.discord.api_base.clone();
        let bot = match start(DeskHandle::new(desk), config, token, api_base).await {
            Ok(b) => b,
            Err(e) => {
                eprintln!("hanoi-bot: {:#}", anyhow::Error::new(e));
                return ExitCode::from(1);
            }
        };
        tracing::info!("hanoi-bot running; Ctrl-C or SIGTERM stops it");
        let code = tokio::select! {
            _ = shutdown_signal() => {
                tracing::info!("shutting down");
                ExitCode::SUCCESS
            }
            // The client stopping on its own (an invalid token, a fatal close code).
            _ = wait_stopped(&bot) => ExitCode::from(1),
        };
        bot.shutdown().await;
        code
    })
}

/// Logs go to standard error: the CLI holds the standard output lock while a command
/// runs, and journald collects both streams anyway. `RUST_LOG` filters (default info).
fn init_logging() {
    let rust_log = std::env::var("RUST_LOG").unwrap_or_default();
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(filter(&rust_log))
        .try_init();
}

/// `RUST_LOG` (default info), with serenity at warn unless it names serenity.
///
/// serenity opens an info-level span around every REST request and gateway event, and
/// the subscriber formats a span's fields when it opens: the request's body as a list
/// of byte values, thousands of numbers for an answer's embeds, on the async threads.
/// Under load that was a sixth of the bot's CPU and most of its p99.
fn filter(rust_log: &str) -> tracing_subscriber::EnvFilter {
    let f = tracing_subscriber::EnvFilter::try_new(rust_log)
        .ok()
        .filter(|_| !rust_log.trim().is_empty())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new("info"));
    if rust_log.contains("serenity") {
        return f;
    }
    match "serenity=warn".parse() {
        Ok(d) => f.add_directive(d),
        Err(_) => f,
    }
}

/// Resolves when the client task has ended.
async fn wait_stopped(bot: &RunningBot) {
    while !bot.has_stopped() {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tracing::error!("the Discord client stopped; see the errors above");
}

/// Ctrl-C or SIGTERM (systemd's stop).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!("cannot listen for SIGTERM: {e}");
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::filter;

    #[test]
    fn serenity_is_at_warn_unless_named() {
        for (rust_log, serenity_info) in [
            ("", false),
            ("info", false),
            ("debug,hanoi_bot=trace", false),
            ("info,serenity=info", true),
            ("serenity::http=debug", true),
        ] {
            let shown = filter(rust_log).to_string();
            assert_eq!(
                !shown.contains("serenity=warn"),
                serenity_info,
                "{rust_log}: {shown}"
            );
        }
    }
}
