//! Reading the time a moderator typed for `/announce schedule` and `announce add --at`.
//!
//! Clock times are in the event's time zone (the knowledge file's `utc_offset`, UTC+7
//! for Hanoi), whatever the moderator's own zone is; the reply shows the result back as
//! a Discord timestamp so every moderator can check it in their zone. Accepted:
//!
//! - `2025-10-25 08:30` (also `2025-10-25T08:30`, `2025-10-25 8:30`)
//! - `in 2h`, `in 90m`, `in 1h30m`, `in 2 hours`, `in 1 day`
//! - `today 18:00`, `tomorrow 9:00` (also `tomorrow at 9am`)
//! - `09:30`, `9pm`: the next time the event's clock shows it

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use std::fmt;

/// Furthest ahead a post may be scheduled.
pub const MAX_AHEAD_DAYS: i64 = 366;

/// Why a typed time was refused; `Display` is the message for the moderator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenError {
    /// Not a time the parser knows.
    Unparseable {
        /// What was typed.
        input: String,
        /// The event's offset, to show the expected form.
        offset: FixedOffset,
    },
    /// `local` is the time as read, in the event's zone.
    InPast {
        /// The time read, in the event's zone.
        local: String,
        /// The event's offset.
        offset: FixedOffset,
    },
    /// Further ahead than [`MAX_AHEAD_DAYS`].
    TooFar {
        /// The time read, in the event's zone.
        local: String,
    },
}

impl fmt::Display for WhenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WhenError::Unparseable { input, offset } => write!(
                f,
                "I can't read “{input}” as a time. Use a date and time in the event's time zone (UTC{offset}) like “2025-10-25 08:30”, a delay like “in 2h” or “in 1h30m”, or “tomorrow 9:00”."
            ),
            WhenError::InPast { local, offset } => write!(
                f,
                "{local} (UTC{offset}) has already passed: pick a time in the future."
            ),
            WhenError::TooFar { local } => write!(
                f,
                "{local} is more than {MAX_AHEAD_DAYS} days away: pick a nearer time."
            ),
        }
    }
}

impl std::error::Error for WhenError {}

/// The instant `input` names, read at `now` with clock times in `offset`.
pub fn parse_when(
    input: &str,
    now: DateTime<Utc>,
    offset: FixedOffset,
) -> Result<DateTime<Utc>, WhenError> {
    let norm = input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let bad = || WhenError::Unparseable {
        input: input.trim().to_string(),
        offset,
    };
    // The event's clock; none at the very ends of the calendar.
    let today = now
        .naive_utc()
        .checked_add_offset(offset)
        .map(|t| t.date())
        .ok_or_else(bad)?;
    let too_far = || WhenError::TooFar {
        local: input.trim().chars().take(40).collect(),
    };
    let at = if let Some(rest) = norm.strip_prefix("in ") {
        let d = parse_duration(rest).ok_or_else(bad)?;
        if d > Duration::days(MAX_AHEAD_DAYS) {
            return Err(too_far());
        }
        // Near the end of the calendar even a short delay has no instant.
        now.checked_add_signed(d).ok_or_else(too_far)?
    } else if let Some((day, time)) = split_day(&norm, today) {
        let time = parse_clock(time).ok_or_else(bad)?;
        local(offset, day, time).ok_or_else(bad)?
    } else if let Some(dt) = parse_date_time(&norm) {
        local(offset, dt.0, dt.1).ok_or_else(bad)?
    } else {
        let time = parse_clock(&norm).ok_or_else(bad)?;
        let at = local(offset, today, time).ok_or_else(bad)?;
        if at > now {
            at
        } else {
            at.checked_add_signed(Duration::days(1)).ok_or_else(bad)?
        }
    };
    let shown = at
        .naive_utc()
        .checked_add_offset(offset)
        .map_or_else(
            || at.format("%Y-%m-%d %H:%M UTC"),
            |t| t.format("%Y-%m-%d %H:%M"),
        )
        .to_string();
    if at <= now {
        return Err(WhenError::InPast {
            local: shown,
            offset,
        });
    }
    if at.signed_duration_since(now) > Duration::days(MAX_AHEAD_DAYS) {
        return Err(WhenError::TooFar { local: shown });
    }
    Ok(at)
}

fn local(offset: FixedOffset, day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    // `from_local_datetime` would panic past the ends of the calendar.
    let utc = day.and_time(time).checked_sub_offset(offset)?;
    Some(Utc.from_utc_datetime(&utc))
}

/// "today …" / "tomorrow …" (optionally "at"): the day and the rest.
fn split_day(s: &str, today: NaiveDate) -> Option<(NaiveDate, &str)> {
    let (day, rest) = if let Some(r) = s.strip_prefix("today ") {
        (today, r)
    } else if let Some(r) = s.strip_prefix("tomorrow ") {
        (today.succ_opt()?, r)
    } else {
        return None;
    };
    Some((day, rest.strip_prefix("at ").unwrap_or(rest)))
}

fn parse_date_time(s: &str) -> Option<(NaiveDate, NaiveTime)> {
    let (d, t) = s.split_once(['t', ' '])?;
    let d = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()?;
    Some((d, parse_clock(t.trim())?))
}

/// "9:00", "09:30", "9am", "9:30 pm", "21h", "21h30".
fn parse_clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let (s, pm) = match s.strip_suffix("am").or_else(|| s.strip_suffix("a.m.")) {
        Some(r) => (r.trim_end(), Some(false)),
        None => match s.strip_suffix("pm").or_else(|| s.strip_suffix("p.m.")) {
            Some(r) => (r.trim_end(), Some(true)),
            None => (s, None),
        },
    };
    let (h, m) = match s.split_once([':', 'h']) {
        Some((h, "")) => (h, "0"),
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None if pm.is_some() => (s, "0"),
        None => return None,
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (mut h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if let Some(pm) = pm {
        if !(1..=12).contains(&h) {
            return None;
        }
        h = (h % 12) + if pm { 12 } else { 0 };
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// "2h", "90m", "1h30m", "1 h 30 m", "2 hours", "1 day 2 hours". `None` for anything
/// else, and for a sum that overflows (`in 999999d999999d…`).
fn parse_duration(s: &str) -> Option<Duration> {
    let mut total = Duration::zero();
    let mut rest = s.trim();
    let mut any = false;
    while !rest.is_empty() {
        let n_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n_len == 0 || n_len > 6 {
            return None;
        }
        let n: i64 = rest[..n_len].parse().ok()?;
        rest = rest[n_len..].trim_start();
        let u_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = match &rest[..u_len] {
            "d" | "day" | "days" => Duration::days(1),
            "h" | "hr" | "hrs" | "hour" | "hours" => Duration::hours(1),
            "m" | "min" | "mins" | "minute" | "minutes" => Duration::minutes(1),
            _ => return None,
        };
        total = total.checked_add(&unit.checked_mul(n as i32)?)?;
        rest = rest[u_len..].trim_start();
        rest = rest.strip_prefix("and ").unwrap_or(rest).trim_start();
        any = true;
    }
    (any && total > Duration::zero()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_forms() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_clock("9:00"), t(9, 0));
        assert_eq!(parse_clock("21h30"), t(21, 30));
        assert_eq!(parse_clock("9pm"), t(21, 0));
        assert_eq!(parse_clock("12am"), t(0, 0));
        assert_eq!(parse_clock("9:5"), None);
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(parse_clock("13pm"), None);
        assert_eq!(parse_duration("1h30m"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("0m"), None);
        assert_eq!(parse_duration("2 fortnights"), None);
    }
}
