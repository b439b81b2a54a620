//! Parsers for single field values. Each returns what it accepts, or the
//! words for what it expected, so a row error can say
//! `field "placed_at": "2026-13-01" is not an RFC 3339 timestamp ...`.

use forthright_core::Money;
use jiff::Timestamp;

/// What an RFC 3339 field expects.
pub const TIMESTAMP: &str = "an RFC 3339 timestamp like 2026-12-05T14:00:00Z";
/// What a timestamp-or-date field expects.
pub const TIMESTAMP_OR_DATE: &str =
    "an RFC 3339 timestamp like 2026-12-05T14:00:00Z, or a date like 2026-12-05";

/// Parses an RFC 3339 timestamp, truncated to whole seconds (what the stores keep).
///
/// The common `YYYY-MM-DDTHH:MM:SSZ` form is read directly; everything else
/// (offsets, fractions, lower-case separators) goes through jiff. The direct
/// path is measured: at 300,000 order lines it brings the import from 1.56x
/// to 1.25x the insert-only floor (`cargo bench -p forthright-import --bench
/// import -- --sizes 300000`), so keep it unless jiff catches up.
pub fn timestamp(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Some(secs) = fast_utc(s.as_bytes()) {
        return Timestamp::from_second(secs).ok();
    }
    let ts: Timestamp = s.parse().ok()?;
    Timestamp::from_second(ts.as_second()).ok()
}

/// Parses an RFC 3339 timestamp or a plain date. A date means the end of that
/// day in UTC: a promise "by 5 December" is kept until the day is over.
pub fn timestamp_or_date(s: &str) -> Option<Timestamp> {
    let t = s.trim();
    if t.len() == 10 {
        let days = civil_days(t.as_bytes())?;
        return Timestamp::from_second(days * 86_400 + 86_399).ok();
    }
    timestamp(t)
}

/// Two ASCII digits.
fn two(b: &[u8]) -> Option<i64> {
    match b {
        [a @ b'0'..=b'9', c @ b'0'..=b'9'] => Some(i64::from((a - b'0') * 10 + (c - b'0'))),
        _ => None,
    }
}

/// Days since 1970-01-01 of a valid `YYYY-MM-DD` (the proleptic Gregorian calendar).
fn civil_days(b: &[u8]) -> Option<i64> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = two(&b[0..2])? * 100 + two(&b[2..4])?;
    let month = two(&b[5..7])?;
    let day = two(&b[8..10])?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_len = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > month_len {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SSZ`, or `None` for any other shape
/// (which the slow path then reads or rejects).
fn fast_utc(b: &[u8]) -> Option<i64> {
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let days = civil_days(&b[..10])?;
    let (h, m, s) = (two(&b[11..13])?, two(&b[14..16])?, two(&b[17..19])?);
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(days * 86_400 + h * 3_600 + m * 60 + s)
}

/// A whole number.
pub fn integer(s: &str) -> Option<i64> {
    let s = s.trim();
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `true` or `false`, in any case.
pub fn boolean(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An exact decimal amount (see [`Money::parse`]).
pub fn money(s: &str) -> Option<Money> {
    Money::parse(s).ok()
}

/// A plausible email address: one `@` between a local part and a dotted domain, no spaces.
pub fn email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A plausible phone number: digits with the usual separators, at least six digits.
pub fn phone(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
        && s.bytes().filter(u8::is_ascii_digit).count() >= 6
}

/// Features separated by `;`, trimmed, empty ones dropped.
pub fn features(s: &str, into: &mut Vec<String>) {
    into.clear();
    into.extend(
        s.split(';')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> Option<i64> {
        timestamp(s).map(|t| t.as_second())
    }

    #[test]
    fn timestamps_read_the_fast_and_the_general_forms_alike() {
        assert_eq!(secs("2026-12-05T14:00:00Z"), Some(1_796_479_200));
        assert_eq!(secs("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(secs("2024-02-29T23:59:59Z"), Some(1_709_251_199));
        assert_eq!(secs("2026-12-05T15:00:00+01:00"), Some(1_796_479_200));
        assert_eq!(secs("2026-12-05T14:00:00.75Z"), Some(1_796_479_200));
        assert_eq!(secs(" 2026-12-05T14:00:00Z "), Some(1_796_479_200));
        // The fast path agrees with jiff on every day of a few years.
        let mut day = jiff::civil::date(1999, 12, 25);
        for _ in 0..(366 * 30) {
            let text = format!("{day}T07:08:09Z");
            let jiff: Timestamp = text.parse().unwrap();
            assert_eq!(secs(&text), Some(jiff.as_second()), "{text}");
            day = day.tomorrow().unwrap();
        }
    }

    #[test]
    fn timestamps_reject_what_is_not_rfc_3339() {
        for bad in [
            "",
            "2026-13-01",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-12-05T24:00:00Z",
            "2026-12-05T14:60:00Z",
            "2026-12-05 14:00",
            "2026-12-05T14:00:00",
            "05/12/2026",
            "tomorrow",
            "2026-12-05",
        ] {
            assert_eq!(secs(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_date_means_the_end_of_that_day_in_utc() {
        let end = timestamp_or_date("2026-12-05").unwrap();
        assert_eq!(end, timestamp("2026-12-05T23:59:59Z").unwrap());
        assert_eq!(
            timestamp_or_date("2026-12-05T10:00:00Z"),
            timestamp("2026-12-05T10:00:00Z")
        );
        assert_eq!(timestamp_or_date("2026-02-30"), None);
        assert_eq!(timestamp_or_date("2026-1-05"), None);
        assert_eq!(timestamp_or_date("later"), None);
    }

    #[test]
    fn integers_are_whole_numbers_only() {
        assert_eq!(integer("42"), Some(42));
        assert_eq!(integer(" -3 "), Some(-3));
        assert_eq!(integer("+7"), Some(7));
        for bad in ["", "1.5", "1e3", "two", "--1", "99999999999999999999", "-"] {
            assert_eq!(integer(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn booleans_are_true_or_false() {
        assert_eq!(boolean("TRUE"), Some(true));
        assert_eq!(boolean(" false"), Some(false));
        assert_eq!(boolean("yes"), None);
        assert_eq!(boolean("1"), None);
    }

    #[test]
    fn money_is_exact() {
        assert_eq!(money("12.5"), Some(Money::from_minor(1_250)));
        assert_eq!(money("12.345"), None);
        assert_eq!(money("12,50"), None);
    }

    #[test]
    fn contact_details_are_plausible() {
        assert!(email("ana@example.com"));
        for bad in [
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@x.com",
            "a@b@c.de",
        ] {
            assert!(!email(bad), "{bad:?}");
        }
        assert!(phone("+49 30 1234567"));
        assert!(phone("(555) 010-9999"));
        assert!(!phone("call me"));
        assert!(!phone("12"));
    }

    #[test]
    fn features_split_on_semicolons() {
        let mut list = vec!["old".to_string()];
        features(" steel; 1.7 l;;glass ", &mut list);
        assert_eq!(list, ["steel", "1.7 l", "glass"]);
        features("", &mut list);
        assert!(list.is_empty());
    }
}
