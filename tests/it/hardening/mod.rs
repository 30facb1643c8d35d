//! Issue 9: the bot attacked as a hostile user, a careless operator and a crash would.
//! One file per surface; each test failed on the code before its fix, except the
//! property tests that guard what already held (the loader's mutations, the matcher).
//!
//! - `input`: typed times, drafts, configuration values and ids (zero, empty, no host);
//! - `loop_survives`: one item that cannot be posted does not stop the posting loop;
//! - `store`: concurrent writers on a new database, and stored-with-its-audit writes;
//! - `knowledge`: truncated, colliding and oversized knowledge files;
//! - `reload`: a reload that would drop much of the knowledge or cancel reminders;
//! - `cli`: closed pipes, endless lines, long names, absurd arguments;
//! - `properties`: property tests (proptest) over the parser, the loader, the matcher.

mod cli;
mod input;
mod knowledge;
mod loop_survives;
mod properties;
mod reload;
mod store;
