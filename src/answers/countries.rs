//! Countries in the answers layer: `/signatories`, and the honest refusal for a question
//! that names a state the knowledge holds no record of.
//!
//! The refusal never says "no": the list of signatories held is partial, so the bot says
//! so, gives the count and its date, and points to the UN Treaty Collection, which keeps
//! the full list.

use super::{Asked, Desk, Lang};
use crate::knowledge::countries::confidence_vi;
use crate::knowledge::{short_source, Country, Signatories};
use crate::matcher::Match;
use crate::reply::{Reply, ReplyKind, Rich, Suggestion};
use crate::text::fold;
use chrono::NaiveDate;

/// Words of a question about a state's signature or ratification, folded.
const SIGNATURE_WORDS: &[&str] = &[
    "sign",
    "signs",
    "signed",
    "signing",
    "signatory",
    "signatories",
    "signature",
    "ratify",
    "ratified",
    "ratification",
    "join",
    "joined",
    "ky",
    "phe chuan",
    "tham gia",
];

fn asks_about_signature(query: &str) -> bool {
    // The folded words between single spaces (a name's key), searched for each phrase
    // between spaces: one string per question, where a list of words per phrase cost
    // 14,000 instructions a question.
    let text = format!(" {} ", crate::text::key(query));
    SIGNATURE_WORDS.iter().any(|s| {
        text.match_indices(s).any(|(i, _)| {
            text.as_bytes()[i - 1] == b' ' && text.as_bytes().get(i + s.len()) == Some(&b' ')
        })
    })
}

fn day(d: &str, lang: Lang) -> String {
    match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        Ok(d) if lang == Lang::Vi => d.format("%-d/%-m/%Y").to_string(),
        Ok(d) => d.format("%-d %B %Y").to_string(),
        Err(_) => d.to_string(),
    }
}

impl Desk {
    /// When the matcher refused a question that names a state with no record, or
    /// answered a question about that state's signature with an entry that never names
    /// it ("Did Thailand sign the convention?" is not about article 64): the refusal that
    /// says why, or `None` to let the match stand.
    pub(super) fn unrecorded_country(
        &self,
        query: &str,
        m: &Match,
        suggestions: &[Suggestion],
        lang: Lang,
    ) -> Option<(Asked, Reply)> {
        // Most answered questions are not about a signature: decide that before looking
        // for a state's name.
        if m.note.is_some() || (m.answered && !asks_about_signature(query)) {
            return None;
        }
        let k = &self.knowledge;
        let place = k.gazetteer.find(query).filter(|p| p.record.is_none())?;
        if m.answered {
            let e = &k.entries[m.best?];
            let text = fold(&format!(
                "{} {}",
                e.answer,
                e.answer_vi.as_deref().unwrap_or("")
            ));
            let named = std::iter::once(&place.name)
                .chain(&place.name_vi)
                .any(|n| text.contains(&fold(n)));
            if named {
                return None;
            }
        }
        let name = match (lang, &place.name_vi) {
            (Lang::Vi, Some(vi)) if *vi != place.name => format!("{vi} ({})", place.name),
            (Lang::Vi, _) => place.name.clone(),
            (Lang::En, _) if place.definite => format!("the {}", place.name),
            (Lang::En, _) => place.name.clone(),
        };
        // A match set aside is still the likeliest entry: offer it first.
        let mut suggestions = suggestions.to_vec();
        if let Some(best) = m.best.filter(|_| m.answered) {
            suggestions.insert(0, self.suggestion(best, lang));
            suggestions.truncate(self.matcher.config().suggestions.max(1));
        }
        let text = unrecorded_text(k.signatories.as_ref(), &name, lang);
        let asked = Asked {
            query: query.to_string(),
            answered: false,
            id: None,
            confidence: m.confidence,
            answer: text.clone(),
            suggestions: suggestions.clone(),
        };
        let title = match lang {
            Lang::Vi => "Không có trong danh sách của tôi",
            Lang::En => "Not in my list",
        };
        let mut reply = Reply::new(ReplyKind::Miss, title, Rich::text(text)).in_lang(lang);
        reply.suggestions = suggestions;
        Some((asked, reply))
    }

    /// `/signatories`: the count with its date and source, the region breakdown with its
    /// caveat, the names the knowledge holds by status and source, and where the full
    /// list is kept.
    pub fn signatories(&self, lang: Lang) -> Reply {
        let k = &self.knowledge;
        let vi = lang == Lang::Vi;
        let Some(s) = &k.signatories else {
            return Reply::new(
                ReplyKind::Info,
                if vi { "Các bên ký" } else { "Signatories" },
                Rich::text(if vi {
                    "Dữ liệu này không có danh sách các bên ký."
                } else {
                    "This knowledge holds no list of signatories."
                }),
            )
            .in_lang(lang);
        };
        let (title, body) = if vi {
            (
                "Các bên ký Công ước",
                format!(
                    "{} bên ký tính đến {} ({}). {} Công ước vẫn để ngỏ cho việc ký tại {} đến hết ngày {}.",
                    s.total,
                    day(&s.as_of, lang),
                    s.source,
                    s.includes_vi,
                    s.open_at_vi,
                    day(&s.open_until, lang)
                ),
            )
        } else {
            (
                "Signatories of the convention",
                format!(
                    "{} signatories as of {} ({}). {} Signature stays open at {} until {}.",
                    s.total,
                    day(&s.as_of, lang),
                    s.source,
                    s.includes,
                    s.open_at,
                    day(&s.open_until, lang)
                ),
            )
        };
        let mut r = Reply::new(ReplyKind::Info, title, Rich::text(body));
        let progress = if vi { &s.progress_vi } else { &s.progress };
        if let Some(p) = progress {
            r = r.field(
                if vi {
                    "Qua hai ngày"
                } else {
                    "Over the two days"
                },
                Rich::text(p.clone()),
            );
        }
        if let Some(field) = regions(s, lang) {
            r = r.field(field.0, Rich::text(field.1));
        }
        for (heading, names) in groups(&k.countries, lang) {
            r = r.field(heading, Rich::text(names));
        }
        let (partial, full) = if vi {
            ("Danh sách chưa đầy đủ", "Danh sách đầy đủ")
        } else {
            ("A partial list", "The full list")
        };
        let note = if vi { &s.list_note_vi } else { &s.list_note };
        r = r.field(partial, Rich::text(note.clone()));
        r = r.field(full, Rich::text(s.url.clone()));
        r.with_source(short_source(&format!("{} {}", s.source, s.url), lang))
            .in_lang(lang)
    }
}

fn unrecorded_text(s: Option<&Signatories>, name: &str, lang: Lang) -> String {
    match (s, lang) {
        (Some(s), Lang::En) => format!(
            "I have no record of {name} in my knowledge, so I cannot say whether it signed — which does not mean it did not. {} {} signatories had signed by {}; signature stays open at {} until {}. The full, current list is kept by the UN Treaty Collection: {}",
            s.list_note,
            s.total,
            day(&s.as_of, lang),
            s.open_at,
            day(&s.open_until, lang),
            s.url
        ),
        (Some(s), Lang::Vi) => format!(
            "Tôi không có thông tin về {name} trong dữ liệu, nên không thể nói đã ký hay chưa — điều đó không có nghĩa là chưa ký. {} Đến {} có {} bên ký; Công ước vẫn để ngỏ cho việc ký tại {} đến hết ngày {}. Danh sách đầy đủ, cập nhật do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ: {}",
            s.list_note_vi,
            day(&s.as_of, lang),
            s.total,
            s.open_at_vi,
            day(&s.open_until, lang),
            s.url
        ),
        (None, Lang::En) => format!(
            "I have no record of {name} in my knowledge, so I cannot say whether it signed. The full list of signatories is kept by the UN Treaty Collection."
        ),
        (None, Lang::Vi) => format!(
            "Tôi không có thông tin về {name} trong dữ liệu, nên không thể nói đã ký hay chưa. Danh sách đầy đủ các bên ký do Bộ sưu tập điều ước của Liên Hợp Quốc lưu giữ."
        ),
    }
}

/// "By region" with its source, confidence and caveat, where the knowledge has one.
fn regions(s: &Signatories, lang: Lang) -> Option<(String, String)> {
    if s.regions.is_empty() {
        return None;
    }
    let vi = lang == Lang::Vi;
    let list: Vec<String> = s
        .regions
        .iter()
        .map(|g| format!("{} {}", g.count, if vi { &g.name_vi } else { &g.name }))
        .collect();
    let caveat = if vi {
        &s.regions_caveat_vi
    } else {
        &s.regions_caveat
    };
    let source = s.regions_source.as_deref().unwrap_or("");
    let confidence = s.regions_confidence.as_deref().unwrap_or("");
    let confidence = if vi {
        confidence_vi(confidence)
    } else {
        confidence
    };
    let heading = if vi {
        format!("Theo khu vực — {source} (độ tin cậy: {confidence})")
    } else {
        format!("By region — {source} (confidence: {confidence})")
    };
    let mut text = list.join(", ");
    if let Some(c) = caveat {
        text.push_str(&format!(".\n{c}"));
    }
    Some((heading, text))
}

/// Records that share a status, a source and a date are listed together.
type GroupKey<'a> = (&'a str, &'a str, Option<&'a str>);

/// The records grouped by status and source, in file order within a group.
fn groups(countries: &[Country], lang: Lang) -> Vec<(String, String)> {
    let vi = lang == Lang::Vi;
    let mut out: Vec<(GroupKey, Vec<&Country>)> = Vec::new();
    for status in ["signed", "reported-not-signed", "attended"] {
        for c in countries.iter().filter(|c| c.status == status) {
            let key = (status, c.source.as_str(), c.date.as_deref());
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(c),
                None => out.push((key, vec![c])),
            }
        }
    }
    out.into_iter()
        .map(|((status, source, date), list)| {
            let single = list.iter().all(|c| c.single_source);
            let on = |word: &str| {
                date.map(|d| format!(" {word} {}", day(d, lang)))
                    .unwrap_or_default()
            };
            let heading = match (status, single, vi) {
                ("signed", false, false) => format!("Signed{} — {source}", on("on")),
                ("signed", true, false) => {
                    format!("Reported as signed — {source}, a single secondary source")
                }
                ("reported-not-signed", _, false) => format!(
                    "Reported as not signed in Hanoi — {source}{}",
                    if single {
                        ", a single secondary source"
                    } else {
                        ""
                    }
                ),
                (_, _, false) => format!("Took part; signature not in this list — {source}"),
                ("signed", false, true) => format!("Đã ký{} — {source}", on("ngày")),
                ("signed", true, true) => {
                    format!("Báo chí đưa tin đã ký — {source}, một nguồn thứ cấp duy nhất")
                }
                ("reported-not-signed", _, true) => format!(
                    "Báo chí đưa tin không ký tại Hà Nội — {source}{}",
                    if single {
                        ", một nguồn thứ cấp duy nhất"
                    } else {
                        ""
                    }
                ),
                (_, _, true) => format!("Có tham dự; không rõ đã ký chưa — {source}"),
            };
            let names: Vec<&str> = list
                .iter()
                .map(|c| {
                    if vi {
                        c.name_vi.as_str()
                    } else {
                        c.name.as_str()
                    }
                })
                .collect();
            (heading, names.join(", "))
        })
        .collect()
}
