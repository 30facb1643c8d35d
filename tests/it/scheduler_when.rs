//! `/announce schedule` input: times read in the event's zone (UTC+7) at fixed instants,
//! and announcement drafts checked against Discord's limits.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use hanoi_bot::config::AnnouncementsConfig;
use hanoi_bot::schedule::{parse_when, Draft, WhenError};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn hanoi() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

/// 2025-10-24 12:00 UTC = 19:00 in Hanoi.
fn now() -> DateTime<Utc> {
    utc(2025, 10, 24, 12, 0)
}

fn when(s: &str) -> Result<DateTime<Utc>, WhenError> {
    parse_when(s, now(), hanoi())
}

#[test]
fn absolute_times_are_in_the_event_zone() {
    assert_eq!(when("2025-10-25 08:30"), Ok(utc(2025, 10, 25, 1, 30)));
    assert_eq!(when("2025-10-25T8:30"), Ok(utc(2025, 10, 25, 1, 30)));
    assert_eq!(when("  2025-10-25   08:30 "), Ok(utc(2025, 10, 25, 1, 30)));
}

#[test]
fn delays() {
    assert_eq!(when("in 2h"), Ok(utc(2025, 10, 24, 14, 0)));
    assert_eq!(when("in 90m"), Ok(utc(2025, 10, 24, 13, 30)));
    assert_eq!(when("in 1h30m"), Ok(utc(2025, 10, 24, 13, 30)));
    assert_eq!(when("In 1 hour 30 minutes"), Ok(utc(2025, 10, 24, 13, 30)));
    assert_eq!(when("in 1 day"), Ok(utc(2025, 10, 25, 12, 0)));
}

#[test]
fn today_tomorrow_and_bare_clock_times() {
    assert_eq!(when("tomorrow 9:00"), Ok(utc(2025, 10, 25, 2, 0)));
    assert_eq!(when("tomorrow at 9am"), Ok(utc(2025, 10, 25, 2, 0)));
    assert_eq!(when("today 21:00"), Ok(utc(2025, 10, 24, 14, 0)));
    // 19:00 in Hanoi now: 20:00 is still today, 09:30 is tomorrow.
    assert_eq!(when("20:00"), Ok(utc(2025, 10, 24, 13, 0)));
    assert_eq!(when("09:30"), Ok(utc(2025, 10, 25, 2, 30)));
    // "Tomorrow" is the event's tomorrow: 18:00 UTC is already the 25th in Hanoi.
    let late = utc(2025, 10, 24, 18, 0);
    assert_eq!(
        parse_when("tomorrow 9:00", late, hanoi()),
        Ok(utc(2025, 10, 26, 2, 0))
    );
}

#[test]
fn past_unreadable_and_far_times_are_refused_with_a_message() {
    let e = when("today 18:00").unwrap_err();
    assert!(matches!(e, WhenError::InPast { .. }), "{e:?}");
    let e = when("2025-10-20 10:00").unwrap_err().to_string();
    assert!(
        e.contains("2025-10-20 10:00 (UTC+07:00) has already passed"),
        "{e}"
    );
    for bad in [
        "next tuesday",
        "in 0m",
        "in 2 fortnights",
        "25:00",
        "2025-13-01 10:00",
        "",
    ] {
        let e = when(bad).unwrap_err();
        assert!(matches!(e, WhenError::Unparseable { .. }), "{bad}: {e:?}");
        assert!(e.to_string().contains("like “2025-10-25 08:30”"), "{e}");
    }
    assert!(matches!(
        when("2027-01-01 10:00"),
        Err(WhenError::TooFar { .. })
    ));
}

#[test]
fn drafts_are_checked_against_discord_limits_and_the_config() {
    let cfg = AnnouncementsConfig {
        channel: Some(1),
        ..Default::default()
    };
    let ok = Draft {
        title: "Doors open".into(),
        body: "The hall opens at 8:00.".into(),
        image_url: Some("https://example.org/x.png".into()),
        ..Default::default()
    };
    assert_eq!(ok.check(&cfg), Ok(()));
    let bad = Draft {
        title: "t".repeat(257),
        body: "b".repeat(4097),
        image_url: Some("javascript:alert(1)".into()),
        everyone: true,
        ..Default::default()
    };
    let p = bad.check(&cfg).unwrap_err();
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(p[0].contains("257 characters") && p[0].contains("256"));
    assert!(p[1].contains("4097 characters"));
    assert!(p[2].contains("not a web address"));
    assert!(p[3].contains("@everyone"));
    let nowhere = Draft {
        channel_id: None,
        ..ok.clone()
    };
    let p = nowhere.check(&AnnouncementsConfig::default()).unwrap_err();
    assert_eq!(
        p,
        vec!["Pick a channel: no announcements channel is configured."]
    );
    let empty = Draft {
        title: "  ".into(),
        body: String::new(),
        ..ok
    };
    assert_eq!(empty.check(&cfg).unwrap_err().len(), 2);
}
