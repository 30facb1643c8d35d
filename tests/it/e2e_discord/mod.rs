//! End to end: the real serenity/poise client of `hanoi_bot::discord` against a fake
//! Discord on 127.0.0.1 (`tests/it/fake_discord`), asserting on what goes over the wire.
//!
//! Each file is a set of scenarios; the steps they are made of are in
//! [`crate::fake_discord`].

mod abuse;
mod buttons;
mod commands;
mod community;
mod language;
mod load;
mod process;
mod robustness;
