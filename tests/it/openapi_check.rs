//! The schema check the fake Discord applies to every request can fail: bodies that
//! break Discord's OpenAPI schema are reported with a pointer to the fault.

use crate::fake_discord::openapi::validate;
use serde_json::json;

const MESSAGES: &str = "/api/v10/channels/4000/messages";
const CALLBACK: &str = "/api/v10/interactions/1/itoken-1/callback";

#[test]
fn good_bodies_pass() {
    let m = json!({"content": "hi", "embeds": [{"title": "t", "description": "d"}],
                   "allowed_mentions": {"parse": [], "roles": ["42"]}, "nonce": "hb-1",
                   "enforce_nonce": true});
    assert_eq!(validate("POST", MESSAGES, &m), Ok(()));
    let cb = json!({"type": 4, "data": {"content": "hi", "flags": 64}});
    assert_eq!(validate("POST", CALLBACK, &cb), Ok(()));
    assert_eq!(
        validate(
            "GET",
            "/api/v10/channels/4000/messages?after=5&limit=100",
            &json!(null)
        ),
        Ok(())
    );
}

#[test]
fn broken_bodies_are_reported_with_where() {
    let long = "x".repeat(4001);
    let e = validate("POST", MESSAGES, &json!({"content": long})).unwrap_err();
    assert!(e[0].contains("/content") && e[0].contains("4000"), "{e:?}");
    let e = validate("POST", MESSAGES, &json!({"embeds": [{"title": 5}]})).unwrap_err();
    assert!(e[0].contains("/embeds/0/title"), "{e:?}");
    let e = validate(
        "POST",
        MESSAGES,
        &json!({"allowed_mentions": {"roles": ["@everyone"]}}),
    )
    .unwrap_err();
    assert!(e.iter().any(|x| x.contains("allowed_mentions")), "{e:?}");
    let e = validate("POST", CALLBACK, &json!({"type": 99})).unwrap_err();
    assert!(e[0].contains("anyOf"), "{e:?}");
    let too_many: Vec<_> = (0..26)
        .map(|i| json!({"name": format!("c{i}"), "value": "v"}))
        .collect();
    let e = validate(
        "POST",
        CALLBACK,
        &json!({"type": 8, "data": {"choices": too_many}}),
    )
    .unwrap_err();
    assert!(!e.is_empty());
    assert!(validate("POST", "/api/v10/nowhere", &json!({})).is_err());
}
