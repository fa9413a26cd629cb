//! Dates as Vega-Lite holds them: milliseconds since 1970-01-01T00:00:00 UTC, as `f64`.
//!
//! Civil-date arithmetic on the proleptic Gregorian calendar (days from civil and back,
//! after Howard Hinnant's algorithms), valid for years far before 1900 and after 2100.

/// Milliseconds in a day.
pub const DAY_MS: f64 = 86_400_000.0;

/// Days since 1970-01-01 of the civil date `year-month-day` (month 1–12, day 1–31).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Whether `day` exists in `year-month`.
pub fn is_valid(year: i64, month: u32, day: u32) -> bool {
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let len = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= len
}

/// Milliseconds since the epoch of a UTC date and time.
pub fn to_ms(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> f64 {
    days_from_civil(year, month, day) as f64 * DAY_MS
        + f64::from(hour * 3_600 + minute * 60 + second) * 1_000.0
}

/// ISO 8601 text of a timestamp: `2024-01-10`, or `2024-01-10T13:20:06` when not midnight.
pub fn format_iso(ms: f64) -> String {
    let days = (ms / DAY_MS).floor() as i64;
    let (y, m, d) = civil_from_days(days);
    let secs = ((ms - days as f64 * DAY_MS) / 1_000.0).round() as u32;
    let date = if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y}-{m:02}-{d:02}")
    };
    if secs == 0 {
        date
    } else {
        format!(
            "{date}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2024, 1, 10), 19_732);
        assert_eq!(civil_from_days(19_732), (2024, 1, 10));
    }

    #[test]
    fn round_trips_across_centuries_including_before_1900() {
        for days in (-200_000..200_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert!(is_valid(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_valid(2000, 2, 29));
        assert!(!is_valid(1900, 2, 29));
        assert!(is_valid(2024, 2, 29));
        assert!(!is_valid(2023, 2, 29));
        assert!(!is_valid(2023, 13, 1));
    }

    #[test]
    fn iso_text() {
        assert_eq!(format_iso(to_ms(2024, 1, 10, 0, 0, 0)), "2024-01-10");
        assert_eq!(
            format_iso(to_ms(2024, 1, 10, 13, 20, 6)),
            "2024-01-10T13:20:06"
        );
        assert_eq!(format_iso(to_ms(1850, 3, 1, 0, 0, 0)), "1850-03-01");
    }
}
