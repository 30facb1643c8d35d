//! The integration tests: one test crate (one link of the library instead of one per
//! file), a module per subject. Shared harnesses: `fake_discord` (a fake Discord on
//! 127.0.0.1 and the steps of end-to-end scenarios) and `scheduler_fake` (a fake
//! platform on tokio's paused clock).
//!
//! Run one subject with a filter: `cargo test --test it e2e_moderation::`.

mod fake_discord;
mod scheduler_fake;

mod accuracy;
mod blind_split;
mod chapter_keywords;
mod clean_answers;
mod cli;
mod countries;
mod curation_loop;
mod curation_reload;
mod discord_poster;
#[cfg(unix)]
mod e2e_crash;
mod e2e_discord;
mod e2e_moderation;
mod first_use;
mod hardening;
mod knowledge_audit;
mod knowledge_check;
mod language;
mod matcher;
mod openapi_check;
mod present_figures;
mod review_write_back;
mod scheduler_crash;
mod scheduler_loop;
mod scheduler_reminders;
mod scheduler_when;
mod store_cli;
mod store_roundtrip;
mod vietnamese;
