//! The words of the generated answers: "did X sign?" in English and Vietnamese from a
//! record's status, date, source and confidence, and "which countries did not sign?".

use super::super::entry::clip;
use super::super::model::{Country, Signatories};
use super::super::{Entry, EntryKind, Knowledge};
use super::confidence_vi;
use chrono::NaiveDate;

/// Id of the generated "which countries did not sign?" entry.
pub(in crate::knowledge) const NOT_SIGNED_ID: &str = "countries-not-signed-in-hanoi";

/// "Which countries did not sign?": the states reported as not signed in Hanoi, with
/// who reported it, and the pointer to the current list. `None` when there are none.
pub(in crate::knowledge) fn not_signed_entry(k: &Knowledge) -> Option<Entry> {
    let list: Vec<&Country> = k
        .countries
        .iter()
        .filter(|c| c.status == "reported-not-signed")
        .collect();
    let first = list.first()?;
    let and = |names: Vec<String>, word: &str| match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {word} {last}", rest.join(", ")),
        _ => names.join(""),
    };
    let names_en = and(
        list.iter()
            .map(|c| format!("{}{}", if c.definite { "the " } else { "" }, c.name))
            .collect(),
        "and",
    );
    let names_vi = and(list.iter().map(|c| c.name_vi.clone()).collect(), "và");
    let single = list.iter().all(|c| c.single_source);
    let sig = k.signatories.as_ref();
    let (days_en, days_vi) = hanoi_days(k);
    let answer = format!(
        "The states reported as not having signed in Hanoi ({days_en}) are {names_en}, as reported by {}{} (confidence: {}). That is not a final list: {}",
        first.source,
        if single { ", a single secondary source" } else { "" },
        first.confidence,
        still_open_en(sig)
    );
    let answer_vi = format!(
        "Theo {} ({}độ tin cậy: {}), các nước không ký trong đợt mở ký tại Hà Nội ({days_vi}) là {names_vi}. Đây chưa phải danh sách cuối cùng: Công ước vẫn để ngỏ cho việc ký{}; danh sách cập nhật do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ{}",
        first.source,
        if single { "một nguồn thứ cấp duy nhất; " } else { "" },
        confidence_vi(&first.confidence),
        sig.map(|s| format!(" tại {} đến hết ngày {}", s.open_at_vi, vi_day(&s.open_until)))
            .unwrap_or_default(),
        sig.map(|s| format!(": {}", s.url)).unwrap_or_default()
    );
    Some(Entry {
        id: NOT_SIGNED_ID.into(),
        kind: EntryKind::Fact,
        topic: "participation".into(),
        questions: vec![
            "Which countries did not sign the convention?".into(),
            "Which states have not signed yet?".into(),
            "Những nước nào chưa ký Công ước tại Hà Nội?".into(),
        ],
        keywords: vec![
            "did not sign".into(),
            "not signed".into(),
            "non-signatories".into(),
        ],
        names: Vec::new(),
        attributes: &[],
        answer: clip(answer),
        answer_vi: Some(clip(answer_vi)),
        source: match &first.url {
            Some(u) => format!("{} {u}", first.source),
            None => first.source.clone(),
        },
        as_of: first.as_of.clone(),
        related: Vec::new(),
        number: None,
        notes: Vec::new(),
        refusal: false,
        holds_now: false,
    })
}

fn vi_day(d: &str) -> String {
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|d| d.format("%-d/%-m/%Y").to_string())
        .unwrap_or_else(|_| d.to_string())
}

fn date_of(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// "25–26 October 2025" / "25-26/10/2025": the days of the signing in Hanoi.
fn hanoi_days(k: &Knowledge) -> (String, String) {
    match (k.event_days.first(), k.event_days.last()) {
        (Some(a), Some(b)) if a != b => (
            format!("{}–{}", a.format("%-d"), b.format("%-d %B %Y")),
            format!("{}-{}", a.format("%-d"), b.format("%-d/%-m/%Y")),
        ),
        (Some(a), _) => (
            a.format("%-d %B %Y").to_string(),
            a.format("%-d/%-m/%Y").to_string(),
        ),
        _ => (String::new(), String::new()),
    }
}

pub(super) fn answer_en(k: &Knowledge, c: &Country) -> String {
    let name = if c.definite {
        format!("the {}", c.name)
    } else {
        c.name.clone()
    };
    let sig = k.signatories.as_ref();
    let url = sig.map(|s| s.url.as_str()).unwrap_or("");
    let single = if c.single_source {
        ", a single secondary source"
    } else {
        ""
    };
    let reported = format!(
        "as reported by {}{single} (confidence: {})",
        c.source, c.confidence
    );
    let note = c
        .note
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let kind = match (c.kind.as_str(), sig) {
        ("regional-organisation", Some(s)) => format!(
            " It signed as a regional economic integration organisation, one of the {} signatories, which are therefore not {} countries.",
            s.total, s.total
        ),
        _ => String::new(),
    };
    let date = date_of(&c.date).map(|d| d.format("%-d %B %Y").to_string());
    match (c.status.as_str(), c.single_source) {
        ("signed", false) => {
            let when = date.map(|d| format!(" on {d}")).unwrap_or_default();
            format!(
                "Yes: {name} signed the convention{when} in Hanoi ({}).{kind}{note}",
                c.source
            )
        }
        ("signed", true) => {
            let when = date.map_or("; the report gives no date".into(), |d| format!(" on {d}"));
            format!(
                "Yes, {reported}: {name} signed the convention in Hanoi{when}.{kind}{note} The full list is kept by the UN Treaty Collection: {url}"
            )
        }
        ("reported-not-signed", _) => format!(
            "Not in Hanoi, {reported}: {name} did not sign in Hanoi ({}).{note} That is not a final “no”: {}",
            hanoi_days(k).0,
            still_open_en(sig)
        ),
        // Attended: the note is the sourced sentence of who was there.
        _ => format!(
            "{} ({}{single}; confidence: {}). The list of signatories we hold does not say whether {name} signed; the full list is kept by the UN Treaty Collection: {url}",
            c.note.as_deref().unwrap_or("").trim_end_matches('.'),
            c.source,
            c.confidence
        ),
    }
}

fn still_open_en(sig: Option<&Signatories>) -> String {
    match sig.and_then(|s| Some((s, date_of(&Some(s.open_until.clone()))?))) {
        Some((s, until)) => format!(
            "the convention stays open for signature at {} until {}, and the current list is kept by the UN Treaty Collection: {}",
            s.open_at,
            until.format("%-d %B %Y"),
            s.url
        ),
        None => "the current list is kept by the UN Treaty Collection.".into(),
    }
}

pub(super) fn answer_vi(k: &Knowledge, c: &Country) -> String {
    let name = &c.name_vi;
    let sig = k.signatories.as_ref();
    let url = sig.map(|s| s.url.as_str()).unwrap_or("");
    let single = if c.single_source {
        "một nguồn thứ cấp duy nhất; "
    } else {
        ""
    };
    let reported = format!(
        "theo {} ({single}độ tin cậy: {})",
        c.source,
        confidence_vi(&c.confidence)
    );
    let note = c
        .note_vi
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let kind = match (c.kind.as_str(), sig) {
        ("regional-organisation", Some(s)) => format!(
            " {name} ký với tư cách tổ chức hội nhập kinh tế khu vực, là một trong {} bên ký, vì vậy không phải {} quốc gia.",
            s.total, s.total
        ),
        _ => String::new(),
    };
    let date = date_of(&c.date).map(|d| d.format("%-d/%-m/%Y").to_string());
    match (c.status.as_str(), c.single_source) {
        ("signed", false) => {
            let when = date.map(|d| format!(" ngày {d}")).unwrap_or_default();
            format!(
                "Có. {name} đã ký Công ước tại Hà Nội{when} ({}).{kind}{note}",
                c.source
            )
        }
        ("signed", true) => {
            let when = date.map_or("; bài báo không nêu ngày ký".into(), |d| format!(" ngày {d}"));
            format!(
                "Có, {reported}: {name} đã ký Công ước tại Hà Nội{when}.{kind}{note} Danh sách đầy đủ do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ: {url}"
            )
        }
        ("reported-not-signed", _) => {
            let open = match sig.and_then(|s| Some((s, date_of(&Some(s.open_until.clone()))?))) {
                Some((s, until)) => format!(
                    "Công ước vẫn để ngỏ cho việc ký tại {} đến hết ngày {}; danh sách cập nhật do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ: {}",
                    s.open_at_vi,
                    until.format("%-d/%-m/%Y"),
                    s.url
                ),
                None => "danh sách cập nhật do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ.".into(),
            };
            format!(
                "Không ký tại Hà Nội, {reported}: {name} không ký trong đợt mở ký tại Hà Nội ({}).{note} Đây chưa phải câu trả lời cuối cùng: {open}",
                hanoi_days(k).1
            )
        }
        _ => format!(
            "{} ({}; {single}độ tin cậy: {}). Danh sách các bên ký mà chúng tôi có không cho biết {name} đã ký hay chưa; danh sách đầy đủ do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ: {url}",
            c.note_vi.as_deref().unwrap_or("").trim_end_matches('.'),
            c.source,
            confidence_vi(&c.confidence)
        ),
    }
}

/// Id of the generated "signatories by region" entry.
pub(in crate::knowledge) const BY_REGION_ID: &str = "signatories-by-region";

/// "How many African states signed?": the region breakdown of `[signatories]`, with its
/// source, confidence and caveat. `None` when the file gives no breakdown.
pub(in crate::knowledge) fn by_region_entry(k: &Knowledge) -> Option<Entry> {
    let sig = k.signatories.as_ref()?;
    if sig.regions.is_empty() {
        return None;
    }
    let list = |f: &dyn Fn(&super::super::model::Region) -> String| {
        sig.regions.iter().map(f).collect::<Vec<_>>().join(", ")
    };
    let source = sig
        .regions_source
        .clone()
        .unwrap_or_else(|| sig.source.clone());
    let confidence = sig.regions_confidence.as_deref().unwrap_or("medium");
    let answer = format!(
        "By region, the {} signatories as of {} were reported as: {} ({source}; confidence: {confidence}). {}",
        sig.total,
        day_en(&sig.as_of),
        list(&|r| format!("{} {}", r.count, r.name)),
        sig.regions_caveat.as_deref().unwrap_or_default()
    );
    let answer_vi = format!(
        "Theo khu vực, {} bên ký tính đến {} được báo cáo gồm: {} ({source}; độ tin cậy: {}). {}",
        sig.total,
        vi_day(&sig.as_of),
        list(&|r| format!("{} {}", r.count, r.name_vi)),
        confidence_vi(confidence),
        sig.regions_caveat_vi.as_deref().unwrap_or_default()
    );
    let mut keywords: Vec<String> = vec![
        "region".into(),
        "regions".into(),
        "by region".into(),
        "breakdown".into(),
        "continent".into(),
        "khu vực".into(),
        "châu lục".into(),
    ];
    keywords.extend(
        sig.regions
            .iter()
            .flat_map(|r| [r.name.clone(), r.name_vi.clone()]),
    );
    Some(Entry {
        id: BY_REGION_ID.into(),
        kind: EntryKind::Fact,
        topic: "participation".into(),
        questions: vec![
            "How many signatories came from each region?".into(),
            "Signatories by region".into(),
            "How many African, Asian, European and Latin American states signed?".into(),
            "Các bên ký theo khu vực là bao nhiêu?".into(),
            "bao nhieu nuoc chau Phi, chau A, Mỹ Latinh da ky".into(),
        ],
        keywords,
        names: Vec::new(),
        attributes: &[],
        answer: clip(answer),
        answer_vi: Some(clip(answer_vi)),
        source,
        as_of: Some(sig.as_of.clone()),
        related: Vec::new(),
        number: None,
        refusal: false,
        holds_now: false,
        notes: Vec::new(),
    })
}

fn day_en(d: &str) -> String {
    date_of(&Some(d.to_string()))
        .map_or_else(|| d.to_string(), |d| d.format("%-d %B %Y").to_string())
}
