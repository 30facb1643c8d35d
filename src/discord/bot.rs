//! The framework set-up: the command list (descriptions from the shared catalogue),
//! command registration, the dispatch of events other than commands, and [`start`],
//! which builds the client against a given API base and starts it with the services
//! beside it (see [`super::services`]).

use super::moderation::{self, preview};
use super::{buttons, commands as slash, community, did_you_mean, errors, feedback, render};
use super::{services, Data, Error};
use crate::answers::DeskHandle;
use crate::catalogue::COMMANDS;
use crate::config::Config;
use crate::store::{AsyncStore, Store, StoreError};
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// The gateway intents the bot asks for. MESSAGE_CONTENT is privileged (switch it on in
/// the developer portal): without it the bot cannot read questions in Q&A channels.
pub fn intents() -> serenity::GatewayIntents {
    serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::DIRECT_MESSAGES
        | serenity::GatewayIntents::MESSAGE_CONTENT
}

/// Every slash command, with descriptions and Vietnamese descriptions from the shared
/// catalogue and `default_member_permissions` on the moderator ones.
pub fn commands() -> Vec<poise::Command<Data, Error>> {
    let mut all = vec![
        slash::ask(),
        slash::schedule(),
        slash::session(),
        slash::speakers(),
        slash::speaker(),
        slash::convention(),
        slash::article(),
        slash::chapter(),
        slash::signatories(),
        slash::help(),
        moderation::announce(),
        moderation::reminders(),
        moderation::kb(),
    ];
    for cmd in &mut all {
        if let Some(c) = COMMANDS.iter().find(|c| c.name == cmd.name) {
            cmd.description = Some(c.description.into());
            cmd.description_localizations = vec![("vi".into(), c.description_vi.into())].into();
            if c.moderator {
                cmd.default_member_permissions = serenity::Permissions::MANAGE_MESSAGES;
            }
        }
    }
    all
}

/// A started bot: handles for the tests and for shutdown.
pub struct RunningBot {
    /// Closes the gateway connections.
    pub shard_manager: Arc<serenity::ShardManager>,
    /// The REST client (tests read and post with it).
    pub http: Arc<serenity::Http>,
    /// The bot's database (tests look at what was stored).
    pub store: AsyncStore,
    background: services::Background,
    client: tokio::task::JoinHandle<Result<(), serenity::Error>>,
    question_log: feedback::QuestionLog,
}

impl RunningBot {
    /// Whether the client has stopped on its own (an invalid token, a fatal close code).
    pub fn has_stopped(&self) -> bool {
        self.client.is_finished()
    }

    /// Makes the scheduler look at the database now (tests insert items directly).
    pub fn wake_scheduler(&self) {
        self.background.wake();
    }

    /// Stops the scheduler and the watcher (a post in hand is finished and recorded),
    /// then closes the shards and waits (bounded) for the client to stop.
    pub async fn shutdown(self) {
        self.background.stop().await;
        self.shard_manager.shutdown_all().await;
        match tokio::time::timeout(Duration::from_secs(10), self.client).await {
            Ok(Ok(Ok(()))) => tracing::info!("Discord client stopped"),
            Ok(Ok(Err(e))) => tracing::warn!("Discord client stopped with an error: {e}"),
            Ok(Err(e)) => tracing::warn!("Discord client task failed: {e}"),
            Err(_) => tracing::warn!("Discord client did not stop within 10 s"),
        }
        self.question_log.flush_and_stop().await;
    }
}

/// Why the bot could not start. Never contains the token (serenity's errors name the
/// route and status only).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The REST client could not be built (TLS set-up).
    #[error("cannot build the HTTP client")]
    HttpClient(#[source] reqwest::Error),
    /// A bad token, or nothing at the API base.
    #[error("cannot reach the Discord API{}", at(.api_base))]
    Unreachable {
        /// Where the bot looked (`None`: Discord).
        api_base: Option<String>,
        /// What the request returned.
        #[source]
        source: Box<serenity::Error>,
    },
    /// The database of `[storage] path` cannot be opened or migrated.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The stored reminders could not be brought in line with the knowledge.
    #[error("cannot schedule session reminders")]
    Reminders(#[source] StoreError),
    /// serenity refused to build the client.
    #[error("cannot build the Discord client")]
    Client(#[source] Box<serenity::Error>),
}

/// " at BASE" when there is an API base.
fn at(api_base: &Option<String>) -> String {
    api_base
        .as_deref()
        .map(|b| format!(" at {b}"))
        .unwrap_or_default()
}

/// The REST client: Discord itself, or `api_base` (a rate-limit proxy, or the tests'
/// fake) with the rate limiter left to it and no environment proxies.
pub fn build_http(token: &str, api_base: Option<&str>) -> Result<serenity::Http, StartError> {
    let mut b = serenity::HttpBuilder::new(token).default_allowed_mentions(render::no_mentions());
    if let Some(base) = api_base {
        let client = reqwest::Client::builder()
            .no_proxy()
            .use_rustls_tls()
            .build()
            .map_err(StartError::HttpClient)?;
        b = b
            .client(client)
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    Ok(b.build())
}

/// Registers the commands (in the configured guilds, else globally) and builds [`Data`].
async fn setup(
    ctx: &serenity::Context,
    framework: &poise::Framework<Data, Error>,
    data: Data,
) -> Result<Data, Error> {
    let config = &data.config;
    let cmds = &framework.options().commands;
    if config.discord.guilds.is_empty() {
        poise::builtins::register_globally(ctx, cmds).await?;
        tracing::info!(commands = cmds.len(), "slash commands registered globally");
    } else {
        for g in &config.discord.guilds {
            poise::builtins::register_in_guild(ctx, cmds, serenity::GuildId::new(*g)).await?;
            tracing::info!(
                commands = cmds.len(),
                guild = g,
                "slash commands registered in guild"
            );
        }
    }
    Ok(data)
}

/// Events other than commands: button presses and messages.
async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    match event {
        serenity::FullEvent::InteractionCreate {
            interaction: interaction @ serenity::Interaction::Modal(submit),
        } if submit.data.custom_id.starts_with(preview::PREFIX) => {
            moderation::stray::handle_form(ctx, data, interaction).await
        }
        serenity::FullEvent::InteractionCreate {
            interaction: interaction @ serenity::Interaction::Component(press),
        } => {
            let id = press.data.custom_id.as_str();
            if id.starts_with(preview::PREFIX) {
                moderation::stray::handle_stale(ctx, data, interaction).await
            } else if id.starts_with(moderation::review::PREFIX) {
                moderation::review::handle_stale(ctx, data, press).await
            } else if id.starts_with(buttons::VOTE_UP) || id.starts_with(buttons::VOTE_DOWN) {
                feedback::handle_vote(ctx, data, press).await
            } else {
                did_you_mean::handle_press(ctx, data, press).await
            }
        }
        serenity::FullEvent::Message { new_message } => {
            community::handle_message(ctx, data, framework.bot_id(), new_message).await
        }
        serenity::FullEvent::Ready { data_about_bot } => {
            tracing::info!(
                user = %data_about_bot.user.name,
                guilds = data_about_bot.guilds.len(),
                "connected to the Discord gateway"
            );
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Builds the client against `api_base` (None: Discord) and starts it in a task.
///
/// Before anything else it asks the REST API for the gateway URL, so a bad token or an
/// unreachable base fails here, with a message, and serenity never falls back to
/// Discord's default gateway host.
pub async fn start(
    desk: DeskHandle,
    config: Config,
    token: String,
    api_base: Option<String>,
) -> Result<RunningBot, StartError> {
    let http = build_http(&token, api_base.as_deref())?;
    let gateway = http
        .get_gateway()
        .await
        .map_err(|e| StartError::Unreachable {
            api_base: api_base.clone(),
            source: Box::new(e),
        })?;
    tracing::debug!(url = %gateway.url, "gateway URL");
    let store = AsyncStore::new(Store::open(std::path::Path::new(&config.storage.path))?);
    let waker = Arc::new(Notify::new());
    match services::resync_reminders(&store, &desk, &waker).await {
        Ok(Some(line)) => tracing::info!("{line}"),
        Ok(None) => {}
        Err(e) => return Err(StartError::Reminders(e)),
    }
    let (log, log_rx) = tokio::sync::mpsc::unbounded_channel();
    if config.discord.moderator_roles.is_empty() {
        tracing::warn!("no [discord] moderator_roles configured: moderator commands are open to members with Manage Messages in the channel");
    }
    let (questions, question_log) =
        feedback::spawn_question_log(store.clone(), config.curation.clone());
    let data = Data::new(
        desk.clone(),
        config.clone(),
        store.clone(),
        waker.clone(),
        log.clone(),
        questions,
    );
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands(),
            on_error: |e| Box::pin(errors::on_error(e)),
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            allowed_mentions: Some(render::no_mentions()),
            initialize_owners: false,
            ..Default::default()
        })
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| Box::pin(setup(ctx, framework, data)))
        .build();
    let mut client = serenity::ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .await
        .map_err(|e| StartError::Client(Box::new(e)))?;
    let shard_manager = client.shard_manager.clone();
    let http = client.http.clone();
    let background = services::Background::spawn(
        http.clone(),
        desk,
        store.clone(),
        waker,
        log,
        log_rx,
        &config,
    );
    let task = tokio::spawn(async move { client.start().await });
    Ok(RunningBot {
        shard_manager,
        http,
        store,
        background,
        client: task,
        question_log,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_command_is_registered_with_its_descriptions() {
        let cmds = commands();
        assert_eq!(cmds.len(), COMMANDS.len());
        for c in COMMANDS {
            let cmd = cmds.iter().find(|x| x.name == c.name).expect(c.name);
            assert_eq!(cmd.description.as_deref(), Some(c.description));
            assert!(cmd
                .description_localizations
                .iter()
                .any(|(l, d)| l == "vi" && d == c.description_vi));
            assert!(cmd.name_localizations.iter().any(|(l, _)| l == "vi"));
            assert_eq!(
                cmd.default_member_permissions.is_empty(),
                !c.moderator,
                "{}",
                c.name
            );
        }
    }
}
