//! Vietnamese answers composed from fields, for entries whose text is generated
//! (sessions, programme days, chapters): dates as "25/10/2025", weekdays and parts of
//! the day in Vietnamese, and the Vietnamese names curators wrote where they exist.

use super::model::{Chapter, Session};
use super::Knowledge;
use chrono::{Datelike, NaiveDate, Weekday};

/// "25/10/2025".
pub fn date_vi(d: NaiveDate) -> String {
    d.format("%-d/%-m/%Y").to_string()
}

/// "thứ Bảy, 25/10/2025".
pub fn long_date_vi(d: NaiveDate) -> String {
    let day = match d.weekday() {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    };
    format!("{day}, {}", date_vi(d))
}

fn part_of_day_vi(part: &str) -> &str {
    match part {
        "morning" => "buổi sáng",
        "afternoon" => "buổi chiều",
        "evening" => "buổi tối",
        other => other,
    }
}

/// "thứ Bảy, 25/10/2025, 10:00–11:30 (UTC+07:00)" or "…, buổi chiều".
pub fn session_when_vi(k: &Knowledge, s: &Session) -> String {
    let mut when = long_date_vi(k.day_of(s));
    match (&s.start, &s.end, &s.part_of_day) {
        (Some(a), Some(b), _) => when.push_str(&format!(", {a}–{b} (UTC{})", k.offset)),
        (Some(a), None, _) => when.push_str(&format!(", {a} (UTC{})", k.offset)),
        (None, _, Some(part)) => when.push_str(&format!(", {}", part_of_day_vi(part))),
        _ => {}
    }
    when
}

/// The session's Vietnamese answer, when its description has been translated.
pub fn session_answer_vi(k: &Knowledge, s: &Session, people: &[&str]) -> Option<String> {
    let description = s.description_vi.as_ref()?;
    let name = s.name_vi.as_deref().unwrap_or(&s.name);
    let venue = s.venue_vi.as_deref().unwrap_or(&s.venue);
    let mut answer = format!("{name}: {}, {venue}.", session_when_vi(k, s));
    if s.cancelled {
        answer.push_str(" (đã hủy)");
    }
    answer.push(' ');
    answer.push_str(description);
    if !people.is_empty() {
        answer.push_str(&format!(" Người tham gia: {}.", people.join(", ")));
    }
    Some(answer)
}

/// The programme of one event day in Vietnamese.
pub fn day_answer_vi(k: &Knowledge, n: usize, d: NaiveDate) -> String {
    let items: Vec<String> = k
        .sessions
        .iter()
        .filter(|s| k.day_of(s) == d && !s.cancelled)
        .map(|s| {
            let name = s.name_vi.as_deref().unwrap_or(&s.name);
            match (&s.start, &s.part_of_day) {
                (Some(t), _) => format!("{t} {name}"),
                (None, Some(part)) => format!("{name} ({})", part_of_day_vi(part)),
                _ => name.to_string(),
            }
        })
        .collect();
    if items.is_empty() {
        format!(
            "Ngày {n}, {}: chưa có phiên nào được ghi nhận cho ngày này.",
            long_date_vi(d)
        )
    } else {
        format!(
            "Ngày {n}, {}: {}. Giờ địa phương (UTC{}), ở những phiên có nguồn nêu giờ.",
            long_date_vi(d),
            items.join("; "),
            k.offset
        )
    }
}

/// "Chương I — Những quy định chung (Điều 1–6).", when the chapter title is translated.
pub fn chapter_answer_vi(c: &Chapter, roman: &str) -> Option<String> {
    let title = c.title_vi.as_ref()?;
    let [a, b] = c.articles;
    let range = if a == b {
        format!("Điều {a}")
    } else {
        format!("Điều {a}–{b}")
    };
    Some(format!("Chương {roman} — {title} ({range})."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        let d = NaiveDate::from_ymd_opt(2025, 10, 25).expect("date");
        assert_eq!(date_vi(d), "25/10/2025");
        assert_eq!(long_date_vi(d), "thứ Bảy, 25/10/2025");
        let sunday = NaiveDate::from_ymd_opt(2025, 10, 26).expect("date");
        assert_eq!(long_date_vi(sunday), "Chủ nhật, 26/10/2025");
    }
}
