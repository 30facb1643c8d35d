//! Checks of what the bot sends: Discord's limits and the bot's rule of mentioning
//! nobody ([`check_message`], [`check_callback`]), and every request body against
//! Discord's OpenAPI schema when the fake is dropped.

use super::Fake;
use serde_json::{json, Value};

/// Every test that used the fake ends by checking that everything the bot sent fits
/// Discord's schema (unless the test failed already).
impl Drop for Fake {
    fn drop(&mut self) {
        let v = self.violations();
        if !std::thread::panicking() && !v.is_empty() {
            panic!(
                "{} request(s) broke Discord's OpenAPI schema:\n{}",
                v.len(),
                v.join("\n")
            );
        }
    }
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Checks a message body (create message, interaction response data, follow-up)
/// against Discord's limits and the bot's rule of mentioning nobody.
pub fn check_message(m: &Value) {
    check_message_allowing(m, &[], false);
}

/// [`check_message`] for a post that may ping exactly `roles` (and @everyone).
pub fn check_message_allowing(m: &Value, roles: &[u64], everyone: bool) {
    assert!(chars(&m["content"]) <= 2000, "content over 2,000: {m}");
    let am = &m["allowed_mentions"];
    let parse = if everyone {
        json!(["everyone"])
    } else {
        json!([])
    };
    assert_eq!(am["parse"], parse, "allowed_mentions.parse: {m}");
    let roles: Vec<String> = roles.iter().map(u64::to_string).collect();
    let named: Vec<String> = am["roles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert!(
        am["users"].as_array().is_none_or(|a| a.is_empty()) && named == roles,
        "only {roles:?} may be pinged: {m}"
    );
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    assert!(embeds.len() <= 10);
    let mut total = 0;
    for e in &embeds {
        assert!(chars(&e["title"]) <= 256);
        assert!(chars(&e["description"]) <= 4096);
        assert!(chars(&e["footer"]["text"]) <= 2048);
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        assert!(fields.len() <= 25);
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
        for f in &fields {
            assert!(chars(&f["name"]) <= 256 && chars(&f["value"]) <= 1024);
            assert!(chars(&f["name"]) > 0 && chars(&f["value"]) > 0);
            total += chars(&f["name"]) + chars(&f["value"]);
        }
    }
    assert!(total <= 6000, "embeds over 6,000 characters: {total}");
    let rows = m["components"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() <= 5);
    for row in &rows {
        let cs = row["components"].as_array().unwrap();
        assert!(!cs.is_empty() && cs.len() <= 5);
        for b in cs {
            assert!(chars(&b["label"]) <= 80 && chars(&b["custom_id"]) <= 100);
        }
    }
}

/// Checks an interaction callback body: its type and, by type, its data.
pub fn check_callback(body: &Value) {
    match body["type"].as_u64() {
        Some(4) | Some(7) => check_message(&body["data"]),
        Some(5) | Some(6) => {}
        Some(9) => {
            let d = &body["data"];
            assert!((1..=100).contains(&chars(&d["custom_id"])), "{body}");
            assert!((1..=45).contains(&chars(&d["title"])), "{body}");
            let rows = d["components"].as_array().expect("modal rows");
            assert!((1..=5).contains(&rows.len()));
            for row in rows {
                let cs = row["components"].as_array().unwrap();
                assert_eq!(cs.len(), 1, "one text input per row: {row}");
                let t = &cs[0];
                assert_eq!(t["type"], 4);
                assert!((1..=45).contains(&chars(&t["label"])), "{t}");
                assert!(chars(&t["custom_id"]) <= 100);
                assert!(t["max_length"].as_u64().is_none_or(|n| n <= 4000), "{t}");
                assert!(chars(&t["value"]) <= 4000);
            }
        }
        Some(8) => {
            let choices = body["data"]["choices"].as_array().expect("choices");
            assert!(choices.len() <= 25, "{} choices", choices.len());
            for c in choices {
                assert!((1..=100).contains(&chars(&c["name"])), "{c}");
                if c["value"].is_string() {
                    assert!(chars(&c["value"]) <= 100, "{c}");
                }
            }
        }
        other => panic!("unexpected callback type {other:?}: {body}"),
    }
}
