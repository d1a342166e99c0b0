//! Dates and spans for `trend --since`/`--every`: `6.months`, `1.week`, `30.days`, `2024-01-31`.
//!
//! Times are Unix seconds, shown as UTC. Months and years step by the calendar (the day is clamped
//! to the month's length), days and weeks by fixed seconds.

use std::fmt;

/// A span of time: calendar months plus fixed seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) months: i64,
    pub(crate) seconds: i64,
    text_n: i64,
    text_unit: &'static str,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.text_n, self.text_unit)
    }
}

const UNITS: &[(&str, &str, i64, i64)] = &[
    // (singular, plural, months, seconds) per unit
    ("second", "seconds", 0, 1),
    ("minute", "minutes", 0, 60),
    ("hour", "hours", 0, 3600),
    ("day", "days", 0, 86_400),
    ("week", "weeks", 0, 7 * 86_400),
    ("month", "months", 1, 0),
    ("year", "years", 12, 0),
];

/// Parses `N.unit` (also `N unit`, `Nunit`, plural or singular): `6.months`, `1.week`, `2 weeks`.
pub(crate) fn parse_span(s: &str) -> Result<Span, String> {
    let t = s.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..].trim_start_matches(['.', ' ', '_']).trim();
    let bad = || {
        format!(
            "`{s}` is not a span of time; write N.unit, e.g. 6.months, 2.weeks, 30.days, 1.year"
        )
    };
    let n: i64 = digits.parse().map_err(|_| bad())?;
    if n == 0 || n > 100_000 {
        return Err(format!("`{s}`: the number must be between 1 and 100000"));
    }
    let unit = rest.to_ascii_lowercase();
    let &(singular, plural, months, seconds) = UNITS
        .iter()
        .find(|(one, many, _, _)| unit == *one || unit == *many)
        .ok_or_else(bad)?;
    Ok(Span {
        months: months * n,
        seconds: seconds * n,
        text_n: n,
        text_unit: if n == 1 { singular } else { plural },
    })
}

/// `t` moved back by `k` spans.
pub(crate) fn back(t: i64, span: Span, k: i64) -> i64 {
    let t = t - span.seconds * k;
    if span.months == 0 {
        return t;
    }
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let total = y * 12 + (m as i64 - 1) - span.months * k;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let nd = d.min(days_in_month(ny, nm));
    days_from_civil(ny, nm, nd) * 86_400 + secs
}

/// `--since`: a span back from `anchor`, or an absolute date `YYYY-MM-DD[THH:MM[:SS]][Z]` (UTC).
pub(crate) fn parse_since(s: &str, anchor: i64) -> Result<i64, String> {
    if let Some(t) = parse_date(s) {
        return Ok(t);
    }
    parse_span(s)
        .map(|span| back(anchor, span, 1))
        .map_err(|_| format!("`{s}` is neither a span (6.months, 2.weeks) nor a date (2024-01-31)"))
}

/// `YYYY-MM-DD`, optionally followed by `THH:MM`, `:SS` and `Z` (all UTC).
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim().trim_end_matches('Z');
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut it = date.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let mut secs = 0;
    if let Some(t) = time {
        let parts: Vec<&str> = t.split(':').collect();
        if parts.len() < 2 || parts.len() > 3 {
            return None;
        }
        let h: i64 = parts[0].parse().ok()?;
        let mi: i64 = parts[1].parse().ok()?;
        let se: i64 = parts.get(2).map_or(Some(0), |p| p.parse().ok())?;
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        secs = h * 3600 + mi * 60 + se;
    }
    Some(days_from_civil(y, m, d) * 86_400 + secs)
}

/// `2024-01-31T12:00:00Z`.
pub(crate) fn iso(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// `2024-01-31`.
pub(crate) fn day(t: i64) -> String {
    iso(t)[..10].to_string()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert_eq!(parse_span("1.week").unwrap().seconds, 7 * 86_400);
        assert_eq!(parse_span("6.months").unwrap().months, 6);
        assert_eq!(parse_span("2 weeks").unwrap().seconds, 14 * 86_400);
        assert_eq!(parse_span("1.year").unwrap().months, 12);
        assert_eq!(parse_span("3.days").unwrap().to_string(), "3.days");
        assert_eq!(parse_span("1.weeks").unwrap().to_string(), "1.week");
        for bad in ["", "week", "0.days", "1.fortnight", "-1.day", "1.5.days"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_round_trip() {
        let t = parse_date("2024-02-29T13:45:10Z").unwrap();
        assert_eq!(iso(t), "2024-02-29T13:45:10Z");
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(day(parse_date("2023-12-31T23:59").unwrap()), "2023-12-31");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-01-01T25:00",
            "yesterday",
            "2024-1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn calendar_months_clamp_the_day() {
        let t = parse_date("2024-03-31T10:00").unwrap();
        let m = parse_span("1.month").unwrap();
        assert_eq!(iso(back(t, m, 1)), "2024-02-29T10:00:00Z");
        assert_eq!(iso(back(t, m, 13)), "2023-02-28T10:00:00Z");
        let w = parse_span("1.week").unwrap();
        assert_eq!(iso(back(t, w, 2)), "2024-03-17T10:00:00Z");
        assert_eq!(
            parse_since("6.months", t).unwrap(),
            parse_date("2023-09-30T10:00").unwrap()
        );
        assert_eq!(
            parse_since("2024-01-01", t).unwrap(),
            parse_date("2024-01-01").unwrap()
        );
        assert!(parse_since("soon", t).is_err());
    }
}
