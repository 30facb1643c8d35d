//! A reload that would drop much of the knowledge or cancel reminders looks like a
//! file saved half-way: refused, with the reason, unless forced.

use hanoi_bot::answers::{Desk, DeskHandle};
use hanoi_bot::config::Config;
use hanoi_bot::curation::{reload, reload_reply, Guard, ReloadError};
use hanoi_bot::knowledge::Knowledge;
use std::path::Path;

const SHIPPED: &str = include_str!("../../../knowledge/hanoi-convention.toml");
const FIXTURE: &str = include_str!("../../fixtures/valid.toml");

fn handle_on(text: &str) -> DeskHandle {
    let k = Knowledge::parse(text, "k.toml").unwrap();
    DeskHandle::new(Desk::new(k, Config::embedded()))
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("k.toml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_file_cut_in_the_middle_of_its_last_section_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let h = handle_on(SHIPPED);
    let before = h.get();
    // Cut at the 10th [[country]]: valid on its own, but 43 countries fewer.
    let cut = SHIPPED.match_indices("\n[[country]]").nth(9).unwrap().0 + 1;
    let path = write(dir.path(), &SHIPPED[..cut]);
    assert!(Knowledge::load(&path).is_ok(), "valid on its own");
    let e = reload(&path, &h, &Config::embedded(), &Guard::default()).unwrap_err();
    let ReloadError::Suspicious(why) = &e else {
        panic!("{e}")
    };
    assert!(why.iter().any(|w| w.contains("drops")), "{why:?}");
    assert!(
        std::sync::Arc::ptr_eq(&before, &h.get()),
        "old knowledge kept"
    );
    let text = reload_reply(&Err(e)).body.render(|t, _| t.to_rfc3339());
    assert!(text.contains("/kb reload force"), "{text}");
    let forced = Guard {
        force: true,
        ..Guard::default()
    };
    let s = reload(&path, &h, &Config::embedded(), &forced).unwrap();
    assert!(s.entries < before.knowledge.entries.len());
    // Cut before the first [[qa]]: not even valid.
    let path = write(
        dir.path(),
        &SHIPPED[..SHIPPED.find("\n[[qa]]").unwrap() + 1],
    );
    let e = reload(&path, &h, &Config::embedded(), &forced).unwrap_err();
    assert!(matches!(e, ReloadError::Invalid(_)), "{e}");
}

#[test]
fn a_reload_that_would_cancel_reminders_of_vanished_sessions_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let h = handle_on(FIXTURE);
    let guard = Guard {
        force: false,
        reminded: vec!["signing-session".into()],
    };
    // The signing session is gone (its reminder would be cancelled).
    let at = FIXTURE
        .find("[[session]]\nid = \"signing-session\"")
        .unwrap();
    let end = at + FIXTURE[at + 1..].find("\n[[").unwrap() + 2;
    let gone = format!("{}{}", &FIXTURE[..at], &FIXTURE[end..]);
    let path = write(dir.path(), &gone);
    let e = reload(&path, &h, &Config::embedded(), &guard).unwrap_err();
    let ReloadError::Suspicious(why) = &e else {
        panic!("{e}")
    };
    assert!(why.iter().any(|w| w.contains("signing-session")), "{why:?}");
    // Marked cancelled on purpose: a deliberate edit, loaded.
    let cancelled = FIXTURE.replace(
        "id = \"signing-session\"",
        "id = \"signing-session\"\ncancelled = true",
    );
    let path = write(dir.path(), &cancelled);
    reload(&path, &h, &Config::embedded(), &guard).unwrap();
}
