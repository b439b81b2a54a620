//! Reading instants the way shops write them: RFC 3339 timestamps, or plain dates.

use jiff::Timestamp;
use jiff::civil::Date;

/// Parses an RFC 3339 timestamp (`2026-12-05T14:00:00Z`, `2026-12-05T14:00:00+01:00`)
/// or a plain date (`2026-12-05`), which means the end of that day in UTC: a
/// promise "by 5 December" is kept until the day is over.
pub fn parse_instant(text: &str) -> Result<Timestamp, crate::ParseError> {
    let s = text.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Ok(ts);
    }
    s.parse::<Date>()
        .ok()
        .and_then(|d| d.tomorrow().ok())
        .and_then(|next| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(next.at(0, 0, 0, 0))
                .ok()
        })
        .map(|ts| ts - jiff::SignedDuration::from_secs(1))
        .ok_or_else(|| {
            crate::ParseError::new(
                text,
                "an RFC 3339 timestamp like 2026-12-05T14:00:00Z, or a date like 2026-12-05",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_dates() {
        assert_eq!(
            parse_instant("2026-12-05T14:00:00Z").unwrap().as_second(),
            1_796_479_200
        );
        assert_eq!(
            parse_instant("2026-12-05T15:00:00+01:00").unwrap(),
            parse_instant("2026-12-05T14:00:00Z").unwrap()
        );
        assert_eq!(
            parse_instant("2026-12-05").unwrap(),
            parse_instant("2026-12-05T23:59:59Z").unwrap()
        );
    }

    #[test]
    fn rejects_garbage_with_the_expectation() {
        for bad in ["", "tomorrow", "2026-13-01", "2026-02-30", "05/12/2026"] {
            let err = parse_instant(bad).unwrap_err();
            assert!(err.expected.contains("RFC 3339"), "{bad}");
        }
    }
}
