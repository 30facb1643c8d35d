//! The `hanoi-bot` binary as a child process, for the scenarios of `hanoi-bot run`.

use super::{fixture_path, Fake};
use hanoi_bot::store::{ItemState, Store};
use std::path::Path;

/// `hanoi-bot` on the fixture and the shipped configuration with a database of its own,
/// in the repository, with no token and no API base in its environment.
pub fn bot_command() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = shipped_config_in(&tempfile::tempdir().unwrap().keep());
    c.current_dir(root)
        .arg("--knowledge")
        .arg(fixture_path())
        .arg("--config")
        .arg(config)
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_API_BASE");
    c
}

/// `hanoi-bot run` against `fake`, in `dir` with the configuration `dir/bot.toml`,
/// logging to `dir/bot.log`; killed if dropped.
pub fn spawn_bot(fake: &Fake, dir: &Path) -> tokio::process::Child {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_hanoi-bot"));
    c.current_dir(dir)
        .arg("--knowledge")
        .arg(fixture_path())
        .arg("--config")
        .arg(dir.join("bot.toml"))
        .arg("run");
    spawn_against(c, fake, "fake-token", "info", &dir.join("bot.log"))
}

/// The shipped configuration with a database in `dir`, written to `dir/bot.toml`;
/// its path.
pub fn shipped_config_in(dir: &Path) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = std::fs::read_to_string(root.join("config/bot.toml")).unwrap();
    let db = dir.join("bot.db");
    let config = shipped.replace(
        "path = \"data/bot.db\"",
        &format!("path = {:?}", db.display().to_string()),
    );
    assert_ne!(config, shipped, "the shipped config names data/bot.db");
    let path = dir.join("bot.toml");
    std::fs::write(&path, config).unwrap();
    path
}

/// `c` started as a bot against `fake`: `token` and the fake's base in its
/// environment, `rust_log` as `RUST_LOG`, no input, its output appended to `log`;
/// killed if dropped.
pub fn spawn_against(
    mut c: std::process::Command,
    fake: &Fake,
    token: &str,
    rust_log: &str,
    log: &Path,
) -> tokio::process::Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    c.env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", &fake.base)
        .env("RUST_LOG", rust_log)
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    tokio::process::Command::from(c)
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// SIGKILL: no shutdown code runs.
pub async fn kill(child: &mut tokio::process::Child) {
    child.start_kill().unwrap();
    child.wait().await.unwrap();
}

/// Every item in the database at `db`: state, posted message, nonce (the binary may be
/// running: SQLite's WAL lets the test read beside it).
pub fn item_states(db: &Path) -> Vec<(ItemState, Option<u64>, String)> {
    let s = Store::open(db).unwrap();
    s.list_items(true)
        .unwrap()
        .into_iter()
        .map(|i| (i.state, i.posted_message_id, i.nonce))
        .collect()
}
