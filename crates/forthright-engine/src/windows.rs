//! Receptive contact windows in a person's own time zone (P3).
//!
//! Windows are local wall-clock times; each local day is turned into instants
//! with the zone's rules for that day, so daylight-saving changes move the
//! instants and never the local hours. A local time that does not exist (the
//! spring-forward gap) moves forward to the first instant that does; a time
//! that happens twice (the autumn fold) takes the earlier one.

use crate::config::{ClockTime, QuietHours, Window};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

/// A half-open interval of instants `[start, end)`.
pub type Interval = (Timestamp, Timestamp);

/// A calendar of receptive hours for one channel: windows minus quiet hours,
/// with closed days (holidays).
#[derive(Debug, Clone, Copy)]
pub struct Receptive<'a> {
    /// The local windows.
    pub windows: &'a [Window],
    /// Local hours that are never receptive.
    pub quiet: Option<QuietHours>,
    /// Local dates that are closed.
    pub holidays: &'a [Date],
}

impl Receptive<'_> {
    /// The receptive local minute ranges of one local date, sorted and merged.
    fn local_ranges(&self, date: Date) -> Vec<(u16, u16)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        let mut ranges: Vec<(u16, u16)> = self
            .windows
            .iter()
            .filter(|w| w.days.contains(date.weekday()) && w.from < w.to)
            .map(|w| (w.from.0, w.to.0.min(1440)))
            .collect();
        if let Some(q) = self.quiet {
            let quiet: Vec<(u16, u16)> = if q.from <= q.to {
                vec![(q.from.0, q.to.0)]
            } else {
                vec![(0, q.to.0), (q.from.0, 1440)]
            };
            for (qa, qb) in quiet {
                ranges = ranges
                    .into_iter()
                    .flat_map(|(a, b)| {
                        let mut out = Vec::with_capacity(2);
                        if a < qa.min(b) {
                            out.push((a, qa.min(b)));
                        }
                        if qb.max(a) < b {
                            out.push((qb.max(a), b));
                        }
                        out
                    })
                    .collect();
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(u16, u16)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }

    /// Receptive intervals in `tz` that end after `from` and start before `until`,
    /// clipped to `[from, until)`, in order.
    pub fn intervals(&self, tz: &TimeZone, from: Timestamp, until: Timestamp) -> Vec<Interval> {
        let mut out = Vec::new();
        if from >= until {
            return out;
        }
        let mut date = tz.to_datetime(from).date();
        let last = tz.to_datetime(until).date();
        while date <= last {
            for (a, b) in self.local_ranges(date) {
                let (Some(s), Some(e)) = (local_instant(tz, date, a), local_instant(tz, date, b))
                else {
                    continue;
                };
                let (s, e) = (s.max(from), e.min(until));
                if s < e {
                    out.push((s, e));
                }
            }
            match date.tomorrow() {
                Ok(d) => date = d,
                Err(_) => break,
            }
        }
        out
    }

    /// The first receptive instant at or after `from`, looking `horizon_days` ahead.
    pub fn next_open(
        &self,
        tz: &TimeZone,
        from: Timestamp,
        horizon_days: u32,
    ) -> Option<Timestamp> {
        let until = from.checked_add(SignedDuration::from_hours(24 * i64::from(horizon_days)));
        let until = until.ok()?;
        // Scan a week at a time so the common case converts few days.
        let mut start = from;
        while start < until {
            let end = start
                .checked_add(SignedDuration::from_hours(24 * 7))
                .unwrap_or(until)
                .min(until);
            if let Some((s, _)) = self.intervals(tz, start, end).first() {
                return Some(*s);
            }
            start = end;
        }
        None
    }

    /// Whether `at` is receptive.
    pub fn is_open(&self, tz: &TimeZone, at: Timestamp) -> bool {
        let date = tz.to_datetime(at).date();
        // Compare instants rather than local minutes so gaps and folds are exact.
        self.local_ranges(date).iter().any(|&(a, b)| {
            match (local_instant(tz, date, a), local_instant(tz, date, b)) {
                (Some(s), Some(e)) => s <= at && at < e,
                _ => false,
            }
        })
    }
}

/// The instant of a local date and minute-of-day in `tz` (1440 = next midnight).
/// Gap times move forward (the "compatible" rule), fold times take the earlier.
pub fn local_instant(tz: &TimeZone, date: Date, minute: u16) -> Option<Timestamp> {
    let dt = if minute >= 1440 {
        DateTime::from_parts(date.tomorrow().ok()?, Time::midnight())
    } else {
        let t = ClockTime(minute);
        DateTime::from_parts(date, Time::new(t.hour(), t.minute(), 0, 0).ok()?)
    };
    tz.to_ambiguous_timestamp(dt).compatible().ok()
}

/// The date `n` business days after `from` (weekends and holidays skipped).
pub fn add_business_days(from: Date, n: u32, holidays: &[Date]) -> Date {
    let mut date = from;
    let mut left = n;
    while left > 0 {
        date = date.saturating_add(1.day());
        let weekend = date.weekday().to_monday_zero_offset() >= 5;
        if !weekend && !holidays.contains(&date) {
            left -= 1;
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DaySet, WindowConfig};
    use jiff::civil::date;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn phone(cfg: &WindowConfig) -> Receptive<'_> {
        Receptive {
            windows: &cfg.phone,
            quiet: cfg.quiet,
            holidays: &[],
        }
    }

    #[test]
    fn berlin_call_window_keeps_local_hours_across_spring_forward() {
        // Europe/Berlin moves from CET (+01) to CEST (+02) on Sunday 30 March 2025.
        let cfg = WindowConfig::default();
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let got = phone(&cfg).intervals(&tz, ts("2025-03-28T00:00Z"), ts("2025-04-01T00:00Z"));
        assert_eq!(
            got,
            vec![
                (ts("2025-03-28T08:30Z"), ts("2025-03-28T10:30Z")),
                (ts("2025-03-28T13:00Z"), ts("2025-03-28T16:00Z")),
                // the weekend has no call window; Monday is an hour earlier in UTC
                (ts("2025-03-31T07:30Z"), ts("2025-03-31T09:30Z")),
                (ts("2025-03-31T12:00Z"), ts("2025-03-31T15:00Z")),
            ]
        );
    }

    #[test]
    fn new_york_call_window_keeps_local_hours_across_both_changes() {
        // America/New_York: EST (-05) -> EDT (-04) on 9 March 2025, back on 2 November 2025.
        let cfg = WindowConfig::default();
        let tz = TimeZone::get("America/New_York").unwrap();
        let r = phone(&cfg);
        assert_eq!(
            r.next_open(&tz, ts("2025-03-07T23:00Z"), 30),
            Some(ts("2025-03-10T13:30Z")),
            "Friday evening -> Monday 09:30 EDT"
        );
        assert_eq!(
            r.next_open(&tz, ts("2025-03-07T12:00Z"), 30),
            Some(ts("2025-03-07T14:30Z")),
            "Friday morning -> Friday 09:30 EST"
        );
        assert_eq!(
            r.next_open(&tz, ts("2025-10-31T22:00Z"), 30),
            Some(ts("2025-11-03T14:30Z")),
            "after fall back, Monday 09:30 EST"
        );
    }

    #[test]
    fn windows_inside_a_dst_gap_move_forward_and_folds_are_not_doubled() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        // 02:30 does not exist on 30 March 2025 in Berlin: it becomes 03:30 CEST.
        assert_eq!(
            local_instant(&tz, date(2025, 3, 30), 150),
            Some(ts("2025-03-30T01:30Z"))
        );
        // 02:30 happens twice on 26 October 2025: the earlier (CEST) is used.
        assert_eq!(
            local_instant(&tz, date(2025, 10, 26), 150),
            Some(ts("2025-10-26T00:30Z"))
        );
        // A 01:00-04:00 Sunday window lasts 2 hours in spring and 4 in autumn.
        let windows = [Window::new(
            DaySet::parse("sun").unwrap(),
            ClockTime(60),
            ClockTime(240),
        )];
        let r = Receptive {
            windows: &windows,
            quiet: None,
            holidays: &[],
        };
        let len = |from: &str, to: &str| {
            let got = r.intervals(&tz, ts(from), ts(to));
            assert_eq!(got.len(), 1, "{got:?}");
            got[0].1.duration_since(got[0].0).as_hours()
        };
        assert_eq!(len("2025-03-29T12:00Z", "2025-03-30T12:00Z"), 2);
        assert_eq!(len("2025-10-25T12:00Z", "2025-10-26T12:00Z"), 4);
    }

    #[test]
    fn quiet_hours_and_holidays_close_windows() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let windows = [Window::new(
            DaySet::ALL,
            ClockTime(7 * 60),
            ClockTime(23 * 60),
        )];
        let holidays = [date(2025, 12, 25)];
        let r = Receptive {
            windows: &windows,
            quiet: Some(QuietHours {
                from: ClockTime(21 * 60),
                to: ClockTime(8 * 60),
            }),
            holidays: &holidays,
        };
        let got = r.intervals(&tz, ts("2025-12-24T00:00Z"), ts("2025-12-27T00:00Z"));
        assert_eq!(
            got,
            vec![
                (ts("2025-12-24T07:00Z"), ts("2025-12-24T20:00Z")),
                (ts("2025-12-26T07:00Z"), ts("2025-12-26T20:00Z")),
            ]
        );
        assert!(r.is_open(&tz, ts("2025-12-24T12:00Z")));
        assert!(
            !r.is_open(&tz, ts("2025-12-24T20:30Z")),
            "21:30 local is quiet"
        );
        assert!(!r.is_open(&tz, ts("2025-12-25T12:00Z")), "holiday");
    }

    #[test]
    fn clipping_starts_inside_an_open_window() {
        let cfg = WindowConfig::default();
        let tz = TimeZone::get("UTC").unwrap();
        let r = phone(&cfg);
        // Wednesday 10:00 UTC is inside 09:30-11:30.
        assert_eq!(
            r.next_open(&tz, ts("2025-06-04T10:00Z"), 7),
            Some(ts("2025-06-04T10:00Z"))
        );
        assert_eq!(r.next_open(&tz, ts("2025-06-04T10:00Z"), 0), None);
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let fri = date(2025, 12, 19);
        assert_eq!(add_business_days(fri, 3, &[]), date(2025, 12, 24));
        assert_eq!(
            add_business_days(
                date(2025, 12, 23),
                3,
                &[date(2025, 12, 25), date(2025, 12, 26)]
            ),
            date(2025, 12, 30)
        );
    }
}
