//! Values that enter from outside: typed times, announcement drafts, configuration.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use hanoi_bot::config::{AnnouncementsConfig, Config};
use hanoi_bot::schedule::{parse_when, Draft, WhenError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 10, 24, 12, 0, 0).unwrap()
}

fn hanoi() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

#[test]
fn huge_delays_are_refused_not_a_panic() {
    for input in [
        "in 999999d999999d999999d999999d999999d999999d999999d999999d999999d999999d".to_string(),
        format!("in {}", "999999d".repeat(2_000)),
        format!("in {}", "999999m ".repeat(50_000)),
        "in 999999d".to_string(),
    ] {
        match parse_when(&input, now(), hanoi()) {
            Err(WhenError::TooFar { .. } | WhenError::Unparseable { .. }) => {}
            other => panic!("{}…: {other:?}", &input[..30]),
        }
    }
    // The extremes of the calendar: read, then refused as too far or past.
    let far = Utc.with_ymd_and_hms(262_000, 1, 1, 0, 0, 0).unwrap();
    assert!(parse_when("in 999999d", far, hanoi()).is_err());
    assert!(parse_when("tomorrow 9:00", DateTime::<Utc>::MAX_UTC, hanoi()).is_err());
    assert!(parse_when("23:59", DateTime::<Utc>::MAX_UTC, hanoi()).is_err());
    assert!(parse_when("in 1m", DateTime::<Utc>::MAX_UTC, hanoi()).is_err());
}

fn channel_cfg() -> AnnouncementsConfig {
    AnnouncementsConfig {
        channel: Some(100),
        ..AnnouncementsConfig::default()
    }
}

#[test]
fn zero_ids_and_plain_http_images_are_refused_in_drafts() {
    let base = Draft {
        title: "Doors".into(),
        body: "Open at 8.".into(),
        ..Default::default()
    };
    let problems = |d: Draft| d.check(&channel_cfg()).err().unwrap_or_default().join(" ");
    let p = problems(Draft {
        channel_id: Some(0),
        ..base.clone()
    });
    assert!(p.contains("channel id 0"), "{p}");
    let p = problems(Draft {
        role_id: Some(0),
        ..base.clone()
    });
    assert!(p.contains("role id 0"), "{p}");
    let p = problems(Draft {
        image_url: Some("http://example.org/a.png".into()),
        ..base.clone()
    });
    assert!(p.contains("https://"), "{p}");
    assert!(base.check(&channel_cfg()).is_ok());
    let ok = Draft {
        image_url: Some("https://example.org/a.png".into()),
        ..base
    };
    assert!(ok.check(&channel_cfg()).is_ok());
}

fn refused(toml: &str) -> String {
    match Config::parse(toml, "bot.toml") {
        Ok(_) => panic!("accepted: {toml}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn zero_ids_empty_paths_and_hostless_urls_are_refused_in_the_configuration() {
    for (toml, key) in [
        ("[announcements]\nchannel = 0\n", "announcements.channel"),
        (
            "[announcements]\nlog_channel = 0\n",
            "announcements.log_channel",
        ),
        ("[reminders]\nchannel = 0\n", "reminders.channel"),
        ("[discord]\nguilds = [0]\n", "discord.guilds"),
        (
            "[discord]\nmoderator_roles = [1, 0]\n",
            "discord.moderator_roles",
        ),
        ("[community]\nqa_channels = [0]\n", "community.qa_channels"),
        ("[storage]\npath = \"\"\n", "storage.path"),
        ("[storage]\npath = \"  \"\n", "storage.path"),
        ("[discord]\napi_base = \"http://\"\n", "discord.api_base"),
        (
            "[discord]\napi_base = \"http://:8080\"\n",
            "discord.api_base",
        ),
    ] {
        let e = refused(toml);
        assert!(e.contains(key), "{toml}: {e}");
    }
    assert!(Config::parse("[discord]\napi_base = \"http://127.0.0.1:8080\"\n", "b").is_ok());
    let e = Config::embedded()
        .with_api_base(Some("http://".into()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("DISCORD_API_BASE"), "{e}");
}

#[test]
fn an_empty_database_path_is_refused_not_a_temporary_database() {
    let e = match hanoi_bot::store::Store::open(std::path::Path::new("")) {
        Ok(_) => panic!("an empty path opened a database"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("path"), "{e}");
}

#[test]
fn a_configured_list_of_ping_roles_is_the_only_one_drafts_may_ping() {
    let cfg = AnnouncementsConfig {
        channel: Some(100),
        ping_roles: vec![7],
        ..AnnouncementsConfig::default()
    };
    let draft = |role| Draft {
        title: "Doors".into(),
        body: "Open at 8.".into(),
        role_id: Some(role),
        ..Default::default()
    };
    assert!(draft(7).check(&cfg).is_ok());
    let p = draft(8).check(&cfg).unwrap_err().join(" ");
    assert!(p.contains("ping_roles"), "{p}");
    let e = refused("[announcements]\nping_roles = [0]\n");
    assert!(e.contains("announcements.ping_roles"), "{e}");
}

#[test]
fn a_long_question_to_kb_source_is_echoed_as_its_start_only() {
    let k =
        hanoi_bot::knowledge::Knowledge::load(std::path::Path::new("tests/fixtures/valid.toml"))
            .unwrap();
    let desk = hanoi_bot::answers::Desk::new(k, Config::embedded());
    let question = "zzz ".repeat(1_500);
    let reply = hanoi_bot::curation::source_reply(&desk, &question);
    let text = format!("{reply:?}");
    assert!(text.contains("no source to show"), "{}", &text[..300]);
    assert!(text.len() < 2_000, "the whole question is echoed back");
}
