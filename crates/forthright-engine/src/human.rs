//! Dates and times written for a person, in their own time zone (P3, P5):
//! "Friday 5 December", "Friday 5 December, before noon".

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The local date of an instant. A plain date ("by 5 December") is stored as the
/// last second of that day in UTC; it stays that date in every zone.
pub fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    let utc = TimeZone::UTC.to_datetime(at);
    if (utc.hour(), utc.minute(), utc.second()) == (23, 59, 59) {
        return utc.date();
    }
    tz.to_datetime(at).date()
}

/// "Friday 5 December", with the year when it is not the year of `today`.
pub fn day(date: Date, today: Date) -> String {
    let weekday = WEEKDAYS[date.weekday().to_monday_zero_offset() as usize];
    let month = MONTHS[(date.month() - 1) as usize];
    if date.year() == today.year() {
        format!("{weekday} {} {month}", date.day())
    } else {
        format!("{weekday} {} {month} {}", date.day(), date.year())
    }
}

/// "2:30 pm", "9 am", "noon".
pub fn time_of_day(hour: i8, minute: i8) -> String {
    let (h12, half) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    match (hour, minute) {
        (12, 0) => "noon".into(),
        (_, 0) => format!("{h12} {half}"),
        _ => format!("{h12}:{minute:02} {half}"),
    }
}

/// A deadline: "Friday 5 December, before noon" in the morning, "Friday 5 December, by 4 pm" later.
pub fn by(at: Timestamp, tz: &TimeZone, today: Date) -> String {
    let dt = tz.to_datetime(at);
    let date = day(dt.date(), today);
    if dt.hour() < 12 {
        format!("{date}, before noon")
    } else {
        // Round up to the next full hour so "by" is honest.
        let (h, m) = (dt.hour(), dt.minute());
        let hour = if m == 0 { h } else { (h + 1).min(23) };
        format!("{date}, by {}", time_of_day(hour, 0))
    }
}

/// "Friday 5 December at 2:30 pm".
pub fn day_at(at: Timestamp, tz: &TimeZone, today: Date) -> String {
    let dt = tz.to_datetime(at);
    format!(
        "{} at {}",
        day(dt.date(), today),
        time_of_day(dt.hour(), dt.minute())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn dates_read_like_a_person_wrote_them() {
        let today = date(2025, 12, 1);
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        assert_eq!(day(date(2025, 12, 5), today), "Friday 5 December");
        assert_eq!(day(date(2026, 1, 2), today), "Friday 2 January 2026");
        assert_eq!(
            by(ts("2025-12-05T10:00Z"), &berlin, today),
            "Friday 5 December, before noon"
        );
        assert_eq!(
            by(ts("2025-12-05T14:10Z"), &berlin, today),
            "Friday 5 December, by 4 pm"
        );
        assert_eq!(
            day_at(ts("2025-12-05T13:30Z"), &berlin, today),
            "Friday 5 December at 2:30 pm"
        );
        assert_eq!(time_of_day(12, 0), "noon");
        assert_eq!(time_of_day(0, 15), "12:15 am");
    }

    #[test]
    fn instants_are_shown_in_the_customers_zone_and_plain_dates_stay_put() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let la = TimeZone::get("America/Los_Angeles").unwrap();
        // 20:00 UTC on 4 December is already 5 December in Tokyo.
        assert_eq!(
            local_date(ts("2025-12-04T20:00Z"), &tokyo),
            date(2025, 12, 5)
        );
        assert_eq!(local_date(ts("2025-12-04T20:00Z"), &la), date(2025, 12, 4));
        // "by 5 December" (stored as 23:59:59 UTC) is 5 December everywhere.
        assert_eq!(
            local_date(ts("2025-12-05T23:59:59Z"), &tokyo),
            date(2025, 12, 5)
        );
        assert_eq!(
            local_date(ts("2025-12-05T23:59:59Z"), &la),
            date(2025, 12, 5)
        );
    }
}
