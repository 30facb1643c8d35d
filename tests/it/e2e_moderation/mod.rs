//! End to end: moderator commands through the real serenity/poise client against the
//! fake Discord: the announcement modal, preview and Confirm; who may use them; what is
//! pinged; bad input; scheduled posts; `/kb reload` with a broken file; reminders that
//! follow the knowledge; 👍/👎 votes and the question log.
//!
//! Each file is a set of scenarios; the steps they are made of are in
//! [`crate::fake_discord`].

mod announce;
mod curation;
mod forged;
mod knowledge;
mod refusals;
mod review;
