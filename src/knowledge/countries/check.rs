//! The rules of `[[country]]` and `[signatories]`, reported like every other problem:
//! with the line of the table and the record's id.
//!
//! Beyond field formats: a name can belong to one record only, cannot be a person's
//! name, and must survive folding (an alias that folds to one filler word, like
//! "Mỹ" → "my", could never be matched); a state is tied to the country data by its ISO code.

use super::super::model::RawKnowledge;
use super::super::report::{date, Report};
use super::entries::{CONFIDENCES, KINDS, NOT_SIGNED_ID, STATUSES};
use super::{key, known_by_iso};
use crate::text::is_filler;
use std::collections::HashMap;

pub(in crate::knowledge) fn check(r: &mut Report, raw: &RawKnowledge) {
    // Folded person names: a country alias equal to one would send questions astray.
    let mut people: HashMap<String, String> = HashMap::new();
    for p in &raw.person {
        let p = p.get_ref();
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            people.insert(key(n), p.id.clone());
        }
    }
    let mut owners: HashMap<String, String> = HashMap::new();
    let mut isos: HashMap<String, String> = HashMap::new();
    for c in &raw.country {
        let (span, c) = (c.span(), c.get_ref());
        let id = c.id.as_str();
        let at = |r: &mut Report, m: String| r.at(span.clone(), id, m);
        r.nonempty(span.clone(), id, "name", &c.name);
        r.nonempty(span.clone(), id, "name_vi", &c.name_vi);
        r.nonempty(span.clone(), id, "source", &c.source);
        let one_of = |field: &str, v: &str, allowed: &[&str]| {
            (!allowed.contains(&v))
                .then(|| format!("unknown {field} {v:?} (one of {})", allowed.join(", ")))
        };
        for problem in [
            one_of("kind", &c.kind, KINDS),
            one_of("status", &c.status, STATUSES),
            one_of("confidence", &c.confidence, CONFIDENCES),
        ]
        .into_iter()
        .flatten()
        {
            at(r, problem);
        }
        for (field, v) in [("date", &c.date), ("as_of", &c.as_of)] {
            if let Some(d) = v.as_deref().filter(|d| date(d).is_none()) {
                at(r, format!("{field} {d:?} is not YYYY-MM-DD"));
            }
        }
        if c.status == "reported-not-signed" && c.date.is_some() {
            at(
                r,
                "a state reported as not signed has no date of signature".into(),
            );
        }
        if c.status == "attended" && c.note.is_none() {
            at(
                r,
                "status \"attended\" needs a `note` saying who attended".into(),
            );
        }
        if c.note.is_some() && c.note_vi.is_none() {
            at(r, "has a `note` but no `note_vi`".into());
        }
        if let Some(u) = c.url.as_deref().filter(|u| !u.starts_with("http")) {
            at(r, format!("url {u:?} is not a web address"));
        }
        match c.iso.as_deref() {
            Some(iso) if known_by_iso(iso).is_none() => at(
                r,
                format!("iso {iso:?} is not the ISO 3166-1 alpha-2 code of a UN member or observer state"),
            ),
            Some(iso) => {
                if let Some(other) = isos.insert(iso.to_ascii_uppercase(), id.to_string()) {
                    at(r, format!("iso {iso:?} is also the code of `{other}`"));
                }
            }
            None if c.kind == "state" => at(r, "a state needs its `iso` code".into()),
            None => {}
        }
        let curated = std::iter::once(&c.name)
            .chain(std::iter::once(&c.name_vi))
            .chain(&c.aliases);
        for n in curated {
            let k = key(n);
            // Several words are joined before fillers are dropped ("Ấn Độ" → "an do"),
            // but a single filler word is dropped.
            if k.is_empty() || is_filler(&k) {
                at(
                    r,
                    format!("name {n:?} folds to a filler word, so no question can name it"),
                );
                continue;
            }
            if let Some(person) = people.get(&k) {
                at(
                    r,
                    format!("name {n:?} is also the name of the person `{person}`"),
                );
            }
            match owners.get(&k) {
                Some(other) if other != id => {
                    at(r, format!("name {n:?} is also a name of `{other}`"))
                }
                _ => {
                    owners.insert(k, id.to_string());
                }
            }
        }
    }
    if let Some(c) = raw
        .country
        .iter()
        .find(|c| c.get_ref().status == "reported-not-signed")
    {
        let taken = raw
            .qa
            .iter()
            .chain(&raw.fact)
            .any(|e| e.get_ref().id == NOT_SIGNED_ID)
            || raw.country.iter().any(|c| c.get_ref().id == NOT_SIGNED_ID);
        if taken {
            r.at(
                c.span(),
                &c.get_ref().id,
                format!("id `{NOT_SIGNED_ID}` is kept for the generated list of states not signed"),
            );
        }
    }
    check_signatories(r, raw);
}

fn check_signatories(r: &mut Report, raw: &RawKnowledge) {
    let Some(s) = &raw.signatories else {
        if let Some(first) = raw.country.first() {
            r.at(
                first.span(),
                &first.get_ref().id,
                "[[country]] records need a [signatories] table (url, open_until, ...)".into(),
            );
        }
        return;
    };
    let (span, s) = (s.span(), s.get_ref());
    let id = "signatories";
    for (field, v) in [
        ("source", &s.source),
        ("includes", &s.includes),
        ("includes_vi", &s.includes_vi),
        ("list_note", &s.list_note),
        ("list_note_vi", &s.list_note_vi),
        ("open_at", &s.open_at),
        ("open_at_vi", &s.open_at_vi),
    ] {
        r.nonempty(span.clone(), id, field, v);
    }
    if s.total == 0 {
        r.at(span.clone(), id, "total is 0".into());
    }
    for (field, v) in [("as_of", &s.as_of), ("open_until", &s.open_until)] {
        if date(v).is_none() {
            r.at(span.clone(), id, format!("{field} {v:?} is not YYYY-MM-DD"));
        }
    }
    if !s.url.starts_with("http") {
        r.at(
            span.clone(),
            id,
            format!("url {:?} is not a web address", s.url),
        );
    }
    if let Some(c) = s
        .regions_confidence
        .as_deref()
        .filter(|c| !CONFIDENCES.contains(c))
    {
        r.at(
            span.clone(),
            id,
            format!(
                "unknown regions_confidence {c:?} (one of {})",
                CONFIDENCES.join(", ")
            ),
        );
    }
    if !s.regions.is_empty() && (s.regions_source.is_none() || s.regions_caveat.is_none()) {
        r.at(
            span.clone(),
            id,
            "regions need their regions_source and regions_caveat".into(),
        );
    }
}
