//! Checks every request body the bot sends against Discord's own OpenAPI schema
//! (the subset in `tests/fixtures/discord-openapi/subset.json`, extracted from
//! discord/discord-api-spec by `extract.py` there).
//!
//! A small JSON Schema (2020-12, as OpenAPI 3.1 uses it) validator covering the
//! keywords that subset uses: `$ref`, `type` (also as a list), `allOf`, `anyOf`,
//! `oneOf`, `enum`, `const`, `properties`, `required`, `additionalProperties`,
//! `min/maxProperties`, `items`, `min/maxItems`, `uniqueItems`, `min/maxLength`,
//! `minimum`, `maximum`, the snowflake and colour `pattern`s. `format` and
//! `contentEncoding` are annotations and not checked.

use serde_json::Value;
use std::sync::OnceLock;

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/discord-openapi/subset.json"
        );
        serde_json::from_str(&std::fs::read_to_string(p).expect("the OpenAPI subset"))
            .expect("the OpenAPI subset is JSON")
    })
}

/// The spec's path template for a concrete request path: the template matching
/// segment by segment, preferring literal segments ("@original") over parameters.
fn template(path: &str) -> Option<&'static str> {
    let path = path.split('?').next().unwrap_or_default();
    let path = path.strip_prefix("/api/v10").unwrap_or(path);
    let segs: Vec<&str> = path.split('/').collect();
    let mut best: Option<(&str, usize)> = None;
    for t in spec()["paths"].as_object()?.keys() {
        let ts: Vec<&str> = t.split('/').collect();
        if ts.len() != segs.len() {
            continue;
        }
        let mut literal = 0;
        let fits = ts.iter().zip(&segs).all(|(t, s)| {
            if t.starts_with('{') {
                true
            } else {
                literal += 1;
                t == s
            }
        });
        if fits && best.is_none_or(|(_, l)| literal > l) {
            best = Some((t.as_str(), literal));
        }
    }
    best.map(|(t, _)| t)
}

/// Every way `body` breaks the schema of `method path`, with JSON pointers.
pub fn validate(method: &str, path: &str, body: &Value) -> Result<(), Vec<String>> {
    let Some(t) = template(path) else {
        return Err(vec![format!(
            "{method} {path}: route not in the spec subset"
        )]);
    };
    let op = &spec()["paths"][t][method.to_ascii_lowercase()];
    if op.is_null() {
        return Err(vec![format!("{method} {t}: method not in the spec subset")]);
    }
    let schema = &op["schema"];
    if schema.is_null() {
        return if body.is_null() {
            Ok(())
        } else {
            Err(vec![format!("{method} {t}: takes no JSON body")])
        };
    }
    // The same body on the same route is checked once (1,000 identical /ask answers
    // in the latency test).
    static PASSED: OnceLock<std::sync::Mutex<std::collections::HashSet<String>>> = OnceLock::new();
    let passed = PASSED.get_or_init(Default::default);
    let key = format!("{method} {t} {body}");
    if passed.lock().unwrap().contains(&key) {
        return Ok(());
    }
    let mut errors = Vec::new();
    check(schema, body, "", &mut errors);
    if errors.is_empty() {
        passed.lock().unwrap().insert(key);
        Ok(())
    } else {
        Err(errors
            .into_iter()
            .map(|e| format!("{method} {t}: {e}"))
            .collect())
    }
}

fn resolve(schema: &Value) -> &Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            let s = &spec()["schemas"][name];
            assert!(!s.is_null(), "schema {name} missing from the subset");
            resolve(s)
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => true,
    }
}

fn errors_of(schema: &Value, v: &Value, at: &str) -> Vec<String> {
    let mut e = Vec::new();
    check(schema, v, at, &mut e);
    e
}

fn check(schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let s = resolve(schema);
    let here = if at.is_empty() { "/" } else { at };
    if let Some(all) = s["allOf"].as_array() {
        for sub in all {
            check(sub, v, at, errors);
        }
    }
    if let Some(any) = s["anyOf"].as_array() {
        let fails: Vec<Vec<String>> = any.iter().map(|sub| errors_of(sub, v, at)).collect();
        if fails.iter().all(|f| !f.is_empty()) {
            let best = fails
                .iter()
                .min_by_key(|f| f.len())
                .cloned()
                .unwrap_or_default();
            errors.push(format!(
                "{here}: matches none of anyOf; closest: {}",
                best.join("; ")
            ));
        }
    }
    if let Some(one) = s["oneOf"].as_array() {
        let fails: Vec<Vec<String>> = one.iter().map(|sub| errors_of(sub, v, at)).collect();
        let ok = fails.iter().filter(|f| f.is_empty()).count();
        if ok != 1 {
            let best = fails
                .iter()
                .min_by_key(|f| f.len())
                .cloned()
                .unwrap_or_default();
            errors.push(format!(
                "{here}: matches {ok} of oneOf (exactly one needed); closest: {}",
                best.join("; ")
            ));
        }
    }
    // Permission bit sets: the spec says integer (up to 2^54 - 1), Discord's
    // documentation says string, and serenity sends a decimal string, since a JSON
    // number cannot carry 54 bits safely everywhere. Accept the documented form.
    let big = s["maximum"]
        .as_f64()
        .is_some_and(|m| m > 9_007_199_254_740_991.0);
    if let (true, Some(text)) = (big, v.as_str()) {
        match text.parse::<u64>() {
            Ok(n) if s["maximum"].as_u64().is_none_or(|m| n <= m) => {}
            _ => errors.push(format!("{here}: {text:?} is not a permission bit set")),
        }
        return;
    }
    match &s["type"] {
        Value::String(t) if !type_ok(t, v) => {
            errors.push(format!("{here}: {v} is not of type {t}"));
            return;
        }
        Value::Array(ts)
            if !ts
                .iter()
                .any(|t| type_ok(t.as_str().unwrap_or_default(), v)) =>
        {
            errors.push(format!("{here}: {v} is not of type {s}", s = s["type"]));
            return;
        }
        _ => {}
    }
    if let Some(options) = s["enum"].as_array() {
        if !options.contains(v) {
            errors.push(format!("{here}: {v} is not one of {}", s["enum"]));
        }
    }
    if let Some(c) = s.get("const") {
        if c != v {
            errors.push(format!("{here}: {v} is not {c}"));
        }
    }
    match v {
        Value::String(text) => {
            let n = text.chars().count() as u64;
            if s["maxLength"].as_u64().is_some_and(|m| n > m) {
                errors.push(format!(
                    "{here}: {n} characters, more than {}",
                    s["maxLength"]
                ));
            }
            if s["minLength"].as_u64().is_some_and(|m| n < m) {
                errors.push(format!(
                    "{here}: {n} characters, fewer than {}",
                    s["minLength"]
                ));
            }
            match s["pattern"].as_str() {
                Some("^(0|[1-9][0-9]*)$") => {
                    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
                    if !digits || (text.len() > 1 && text.starts_with('0')) {
                        errors.push(format!("{here}: {text:?} is not a snowflake"));
                    }
                }
                Some(p) if p.starts_with("^#") => {
                    let hex = text.strip_prefix('#').unwrap_or("x");
                    if !(hex.len() == 3 || hex.len() == 6)
                        || !hex.bytes().all(|b| b.is_ascii_hexdigit())
                    {
                        errors.push(format!("{here}: {text:?} is not a colour"));
                    }
                }
                Some(p) => panic!("pattern {p} is not supported by this validator"),
                None => {}
            }
        }
        Value::Number(x) => {
            let f = x.as_f64().unwrap_or_default();
            if s["minimum"].as_f64().is_some_and(|m| f < m) {
                errors.push(format!("{here}: {x} is below {}", s["minimum"]));
            }
            if s["maximum"].as_f64().is_some_and(|m| f > m) {
                errors.push(format!("{here}: {x} is above {}", s["maximum"]));
            }
        }
        Value::Array(items) => {
            let n = items.len() as u64;
            if s["maxItems"].as_u64().is_some_and(|m| n > m) {
                errors.push(format!("{here}: {n} items, more than {}", s["maxItems"]));
            }
            if s["minItems"].as_u64().is_some_and(|m| n < m) {
                errors.push(format!("{here}: {n} items, fewer than {}", s["minItems"]));
            }
            if s["uniqueItems"] == Value::Bool(true) {
                for (i, a) in items.iter().enumerate() {
                    if items[..i].contains(a) {
                        errors.push(format!("{here}: item {i} repeats an earlier one"));
                    }
                }
            }
            if !s["items"].is_null() {
                for (i, item) in items.iter().enumerate() {
                    check(&s["items"], item, &format!("{at}/{i}"), errors);
                }
            }
        }
        Value::Object(map) => {
            for r in s["required"].as_array().into_iter().flatten() {
                let key = r.as_str().unwrap_or_default();
                if !map.contains_key(key) {
                    errors.push(format!("{here}: missing required {key:?}"));
                }
            }
            let n = map.len() as u64;
            if s["maxProperties"].as_u64().is_some_and(|m| n > m) {
                errors.push(format!(
                    "{here}: {n} properties, more than {}",
                    s["maxProperties"]
                ));
            }
            if s["minProperties"].as_u64().is_some_and(|m| n < m) {
                errors.push(format!(
                    "{here}: {n} properties, fewer than {}",
                    s["minProperties"]
                ));
            }
            let props = s["properties"].as_object();
            for (k, val) in map {
                let at = format!("{at}/{k}");
                match props.and_then(|p| p.get(k)) {
                    Some(sub) => check(sub, val, &at, errors),
                    None => match &s["additionalProperties"] {
                        Value::Bool(false) => errors.push(format!("{at}: not allowed here")),
                        Value::Object(_) => check(&s["additionalProperties"], val, &at, errors),
                        _ => {}
                    },
                }
            }
        }
        _ => {}
    }
}
