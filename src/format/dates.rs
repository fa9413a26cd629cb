//! Dates as text, in English or Chinese: d3-time-format patterns ([`time_in`]), the
//! default form of each Vega-Lite time unit ([`unit_pattern`]: `Jan`, `Jan 2012`,
//! `Jan 01, 2012`, `1971 W05`, `Mon`; `1月`, `2012年1月`, `周一`), d3's multi-scale form of
//! a temporal axis's ticks ([`axis_label`]), and the order of a time unit's labels
//! ([`unit_label_order`]: `Feb` before `Mar`, which sorting the text would not give).
//!
//! English is d3's default locale (en-US), the one Vega writes with; the Chinese tables
//! are the zh-CN forms of d3's locale, with the number-and-unit forms of Chinese official
//! statistics for the time units (`2024年1月`, `2024年第1季度`).

use crate::spec::{Locale, TimeUnit};
use crate::table::date::{civil_from_days, days_from_civil, DAY_MS};

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

const MONTHS_ZH: [&str; 12] = [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
];

/// Weekdays from Sunday, as d3 counts them (`%w`).
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const WEEKDAYS_ZH: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];

/// A timestamp's calendar and clock parts (UTC).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Parts {
    year: i64,
    /// 1–12.
    month: u32,
    /// 1–31.
    day: u32,
    /// 0 = Sunday.
    weekday: usize,
    /// 0-based day of the year.
    yday: i64,
    hour: i64,
    minute: i64,
    second: i64,
    milli: i64,
}

impl Parts {
    fn of(ms: f64) -> Parts {
        let days = (ms / DAY_MS).floor() as i64;
        let (year, month, day) = civil_from_days(days);
        let into_day = ((ms - days as f64 * DAY_MS).round() as i64).clamp(0, 86_399_999);
        Parts {
            year,
            month,
            day,
            weekday: (days + 4).rem_euclid(7) as usize,
            yday: days - days_from_civil(year, 1, 1),
            hour: into_day / 3_600_000,
            minute: into_day / 60_000 % 60,
            second: into_day / 1_000 % 60,
            milli: into_day % 1_000,
        }
    }

    /// The Sunday-based week of the year (`%U`): days before the first Sunday are week 0.
    fn sunday_week(&self) -> i64 {
        (self.yday + 7 - self.weekday as i64) / 7
    }
}

/// Formats a timestamp with a d3-time-format pattern in English (d3's default locale, as
/// Vega-Lite's `timeFormat` expression writes).
pub fn time(ms: f64, pattern: &str) -> String {
    time_in(ms, pattern, Locale::En)
}

/// Formats a timestamp with a d3-time-format pattern in `locale`: `%Y %y %q %m %b %B %d
/// %e %j %U %a %A %w %u %H %I %p %M %S %L %%`, each number directive optionally padded
/// the d3 way (`%-d` none, `%_d` spaces, `%0e` zeros). Names follow the locale: `%b` is
/// `Jan` or `1月`, `%B` `January` or `一月`, `%a` `Mon` or `周一`, `%A` `Monday` or `星期一`,
/// `%p` `AM` or `上午`. Other characters are copied; so are unknown directives.
pub fn time_in(ms: f64, pattern: &str, locale: Locale) -> String {
    let p = Parts::of(ms);
    let zh = locale == Locale::Zh;
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let pad = match chars.peek() {
            Some(&m @ ('-' | '_' | '0')) => {
                chars.next();
                Some(m)
            }
            _ => None,
        };
        let number = |out: &mut String, v: i64, width: usize, default: char| {
            let digits = v.abs().to_string();
            if v < 0 {
                out.push('-');
            }
            let fill = match pad.unwrap_or(default) {
                '-' => None,
                '_' => Some(' '),
                _ => Some('0'),
            };
            if let Some(fill) = fill {
                for _ in digits.len()..width {
                    out.push(fill);
                }
            }
            out.push_str(&digits);
        };
        let month = (p.month - 1) as usize;
        match chars.next() {
            Some('Y') => out.push_str(&p.year.to_string()),
            Some('y') => number(&mut out, p.year.rem_euclid(100), 2, '0'),
            Some('q') => out.push_str(&((p.month - 1) / 3 + 1).to_string()),
            Some('m') => number(&mut out, i64::from(p.month), 2, '0'),
            Some('b') if zh => out.push_str(&format!("{}月", p.month)),
            Some('b') => out.push_str(&MONTHS[month][..3]),
            Some('B') if zh => out.push_str(MONTHS_ZH[month]),
            Some('B') => out.push_str(MONTHS[month]),
            Some('d') => number(&mut out, i64::from(p.day), 2, '0'),
            Some('e') => number(&mut out, i64::from(p.day), 2, '_'),
            Some('j') => number(&mut out, p.yday + 1, 3, '0'),
            Some('U') => number(&mut out, p.sunday_week(), 2, '0'),
            Some('a') if zh => out.push_str(&format!("周{}", WEEKDAYS_ZH[p.weekday])),
            Some('a') => out.push_str(&WEEKDAYS[p.weekday][..3]),
            Some('A') if zh => out.push_str(&format!("星期{}", WEEKDAYS_ZH[p.weekday])),
            Some('A') => out.push_str(WEEKDAYS[p.weekday]),
            Some('w') => out.push_str(&p.weekday.to_string()),
            Some('u') => out.push_str(&(if p.weekday == 0 { 7 } else { p.weekday }).to_string()),
            Some('H') => number(&mut out, p.hour, 2, '0'),
            Some('I') => number(&mut out, (p.hour + 11) % 12 + 1, 2, '0'),
            Some('p') => out.push_str(match (zh, p.hour < 12) {
                (true, true) => "上午",
                (true, false) => "下午",
                (false, true) => "AM",
                (false, false) => "PM",
            }),
            Some('M') => number(&mut out, p.minute, 2, '0'),
            Some('S') => number(&mut out, p.second, 2, '0'),
            Some('L') => number(&mut out, p.milli, 3, '0'),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                if let Some(m) = pad {
                    out.push(m);
                }
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// The parts of a time unit in the order Vega writes them (`date` before `day`), with
/// their English specifiers (a date part's ends in a space, a clock part's does not) and
/// their Chinese ones.
const UNIT_PARTS: [(u16, &str, &str); 11] = [
    (TimeUnit::YEAR, "%Y ", "%Y年"),
    (TimeUnit::QUARTER, "Q%q ", "第%q季度"),
    (TimeUnit::MONTH, "%b ", "%-m月"),
    (TimeUnit::WEEK, "W%U ", "第%U周"),
    (TimeUnit::DATE, "%d ", "%-d日"),
    (TimeUnit::DAY, "%a ", "%a"),
    (TimeUnit::DAYOFYEAR, "%j ", "第%j天"),
    (TimeUnit::HOURS, "%H:00", "%H:00"),
    (TimeUnit::MINUTES, "00:%M", "00:%M"),
    (TimeUnit::SECONDS, ":%S", ":%S"),
    (TimeUnit::MILLISECONDS, ".%L", ".%L"),
];

/// Runs of parts written as one: Vega-Lite's `year-month` and `year-month-date`, Vega's
/// `hours-minutes`.
const UNIT_RUNS: [(u16, &str); 3] = [
    (
        TimeUnit::YEAR | TimeUnit::MONTH | TimeUnit::DATE,
        "%b %d, %Y ",
    ),
    (TimeUnit::YEAR | TimeUnit::MONTH, "%b %Y "),
    (TimeUnit::HOURS | TimeUnit::MINUTES, "%H:%M"),
];

/// The default label pattern of a time unit, as Vega-Lite writes it in English: from the
/// first kept part on, the longest run of parts with a specifier of its own (`month`
/// `%b`, `yearmonth` `%b %Y`, `yearmonthdate` `%b %d, %Y`, `yearweek` `%Y W%U`,
/// `yearquarter` `%Y Q%q`, `day` `%a`, `hours` `%H:00`, `hoursminutes` `%H:%M`,
/// `monthdate` `%b %d`, `hoursminutesseconds` `%H:%M:%S`). In Chinese the date parts join
/// without spaces (`%Y年%-m月%-d日`, `%Y年第%q季度`, `第%U周`, `周一`) and the time of day,
/// written as in English, follows after a space.
pub fn unit_pattern(unit: TimeUnit, locale: Locale) -> String {
    let kept: Vec<(u16, &str, &str)> = UNIT_PARTS
        .iter()
        .copied()
        .filter(|(bit, _, _)| unit.has(*bit))
        .collect();
    if locale == Locale::Zh {
        let date: String = kept
            .iter()
            .filter(|(bit, _, _)| *bit < TimeUnit::HOURS)
            .map(|(_, _, zh)| *zh)
            .collect();
        let clock: Vec<(u16, &str, &str)> = kept
            .iter()
            .copied()
            .filter(|(bit, _, _)| *bit >= TimeUnit::HOURS)
            .collect();
        let clock = english_pattern(&clock);
        return [date, clock]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    english_pattern(&kept)
}

/// The English specifiers of `parts` (in order), runs written as one, joined.
fn english_pattern(parts: &[(u16, &str, &str)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < parts.len() {
        // The longest run starting here that has a specifier of its own.
        let run = (i + 2..=parts.len()).rev().find_map(|end| {
            let bits = parts[i..end].iter().fold(0, |acc, (bit, _, _)| acc | bit);
            UNIT_RUNS
                .iter()
                .find(|(run, _)| *run == bits)
                .map(|(_, spec)| (end, *spec))
        });
        let (end, spec) = run.unwrap_or((i + 1, parts[i].1));
        out.push_str(spec);
        i = end;
    }
    out.trim().to_string()
}

/// The rough length in ms of the finest part of a date `pattern` writes (a year for
/// `%Y`, a month for `%b %Y`, a day for `%d`, an hour for `%H:00` …; 0 when it writes
/// none): ticks finer than that would repeat a label (`2023 2023 2023` under `%Y`).
pub fn pattern_resolution(pattern: &str) -> f64 {
    let mut finest = f64::INFINITY;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let mut d = chars.next();
        if matches!(d, Some('-' | '_' | '0')) {
            d = chars.next();
        }
        let len = match d {
            Some('Y' | 'y') => 365.0 * DAY_MS,
            Some('q') => 90.0 * DAY_MS,
            Some('m' | 'b' | 'B') => 28.0 * DAY_MS,
            Some('U') => 7.0 * DAY_MS,
            Some('d' | 'e' | 'j' | 'a' | 'A' | 'w' | 'u') => DAY_MS,
            Some('H' | 'I') => 3_600_000.0,
            Some('M') => 60_000.0,
            Some('S') => 1_000.0,
            Some('L') => 1.0,
            _ => continue,
        };
        finest = finest.min(len);
    }
    if finest.is_finite() {
        finest
    } else {
        0.0
    }
}

/// The label of a time unit's value in `locale` (see [`unit_pattern`]).
pub fn unit_label(ms: f64, unit: TimeUnit, locale: Locale) -> String {
    time_in(ms, &unit_pattern(unit, locale), locale)
}

/// Where the label of a time unit's value sorts: its time (ms since the epoch, the parts
/// the unit drops at Vega-Lite's defaults: 2012, January, the 1st), read back from a label
/// written by [`unit_label`] in either locale; `None` for any other text. Discrete time
/// units are ordered by it, so that `Feb` comes before `Mar` and `Mon` before `Tue`.
pub fn unit_label_order(label: &str, unit: TimeUnit) -> Option<f64> {
    [Locale::En, Locale::Zh]
        .into_iter()
        .find_map(|locale| read_back(label, &unit_pattern(unit, locale), locale))
}

/// Where the label of a time unit's value stands in an explicit `sort` list: at the entry
/// equal to it, or at the month or weekday name (`"mon"`, `"Monday"`, `"Jan"`,
/// `"january"`: full or three letters, any case, as Vega-Lite reads them) that names its
/// month or weekday — the weekday for units with `day`, else the month.
pub fn sort_position(label: &str, unit: TimeUnit, list: &[String]) -> Option<usize> {
    if let Some(i) = list.iter().position(|s| s == label) {
        return Some(i);
    }
    let at = Parts::of(unit_label_order(label, unit)?);
    let (names, index): (&[&str], usize) = if unit.has(TimeUnit::DAY) {
        (&WEEKDAYS, at.weekday)
    } else if unit.has(TimeUnit::MONTH) {
        (&MONTHS, (at.month - 1) as usize)
    } else {
        return None;
    };
    list.iter().position(|entry| {
        let entry = entry.to_ascii_lowercase();
        let name = names[index].to_ascii_lowercase();
        entry == name || (entry.len() == 3 && name.starts_with(&entry))
    })
}

/// Reads `text` written with `pattern` (the directives [`unit_pattern`] uses) back into a
/// time; `None` when it does not fit.
fn read_back(text: &str, pattern: &str, locale: Locale) -> Option<f64> {
    let zh = locale == Locale::Zh;
    let (mut year, mut month, mut day) = (2012i64, 1u32, 1u32);
    let (mut quarter, mut week, mut weekday, mut yday) = (None, None, None, None);
    let mut clock = [0i64; 4];
    let mut rest = text;
    let mut chars = pattern.chars().peekable();
    // Reads leading ASCII digits (at most `max`).
    let digits = |s: &mut &str, max: usize| -> Option<i64> {
        let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
        let (head, tail) = s.split_at(n);
        *s = tail;
        head.parse().ok()
    };
    while let Some(c) = chars.next() {
        if c != '%' {
            rest = rest.strip_prefix(c)?;
            continue;
        }
        if matches!(chars.peek(), Some('-' | '_' | '0')) {
            chars.next();
        }
        match chars.next()? {
            'Y' => year = digits(&mut rest, 6)?,
            'q' => quarter = Some(digits(&mut rest, 1)?),
            'm' => month = u32::try_from(digits(&mut rest, 2)?).ok()?,
            'b' if zh => {
                month = u32::try_from(digits(&mut rest, 2)?).ok()?;
                rest = rest.strip_prefix('月')?;
            }
            'b' => {
                let i = MONTHS.iter().position(|m| rest.starts_with(&m[..3]))?;
                month = i as u32 + 1;
                rest = &rest[3..];
            }
            'd' => day = u32::try_from(digits(&mut rest, 2)?).ok()?,
            'j' => yday = Some(digits(&mut rest, 3)?),
            'U' => week = Some(digits(&mut rest, 2)?),
            'a' => {
                let i = if zh {
                    let tail = rest.strip_prefix('周')?;
                    let i = WEEKDAYS_ZH.iter().position(|d| tail.starts_with(d))?;
                    rest = &tail[WEEKDAYS_ZH[i].len()..];
                    i
                } else {
                    let i = WEEKDAYS.iter().position(|d| rest.starts_with(&d[..3]))?;
                    rest = &rest[3..];
                    i
                };
                weekday = Some(i as i64);
            }
            'H' => clock[0] = digits(&mut rest, 2)?,
            'M' => clock[1] = digits(&mut rest, 2)?,
            'S' => clock[2] = digits(&mut rest, 2)?,
            'L' => clock[3] = digits(&mut rest, 3)?,
            _ => return None,
        }
    }
    if !rest.is_empty() || !(1..=12).contains(&month) {
        return None;
    }
    if let Some(q) = quarter.filter(|_| month == 1) {
        month = u32::try_from(q.clamp(1, 4) * 3 - 2).ok()?;
    }
    let mut days = days_from_civil(year, month, day.max(1));
    if let Some(d) = yday {
        days = days_from_civil(year, 1, 1) + d - 1;
    }
    if let Some(w) = week {
        days = days_from_civil(year, 1, 1) + 7 * w;
    }
    if let Some(w) = weekday {
        days += w;
    }
    let time = clock[0] * 3_600_000 + clock[1] * 60_000 + clock[2] * 1_000 + clock[3];
    Some(days as f64 * DAY_MS + time as f64)
}

/// The label of a temporal axis's tick in English, d3's multi-scale form as Vega writes
/// it: the year (`%Y`) on the first of January, the month (`%B`) on the first of a month,
/// `%b %d` on a Sunday and `%a %d` on another day at midnight, then `%I %p`, `%I:%M`,
/// `:%S`, `.%L`. In Chinese the ticks share one form, the coarsest all of them fit:
/// `%Y`, `%Y-%m` or `%Y-%m-%d`, as Chinese charts have always been labelled.
pub fn axis_label(v: f64, ticks: &[f64], locale: Locale) -> String {
    if locale == Locale::Zh {
        let all = |f: &dyn Fn(&Parts) -> bool| ticks.iter().all(|t| f(&Parts::of(*t)));
        let pattern = if all(&|p| p.month == 1 && p.day == 1) {
            "%Y"
        } else if all(&|p| p.day == 1) {
            "%Y-%m"
        } else {
            "%Y-%m-%d"
        };
        return time_in(v, pattern, locale);
    }
    let p = Parts::of(v);
    let pattern = if p.milli != 0 {
        ".%L"
    } else if p.second != 0 {
        ":%S"
    } else if p.minute != 0 {
        "%I:%M"
    } else if p.hour != 0 {
        "%I %p"
    } else if p.day != 1 {
        if p.weekday == 0 {
            "%b %d"
        } else {
            "%a %d"
        }
    } else if p.month != 1 {
        "%B"
    } else {
        "%Y"
    };
    time_in(v, pattern, locale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::date::to_ms;

    fn unit(name: &str) -> TimeUnit {
        TimeUnit::from_name(name).unwrap()
    }

    #[test]
    fn patterns_in_both_locales() {
        let t = to_ms(2024, 1, 10, 13, 20, 6);
        assert_eq!(time(t, "%Y-%m-%d"), "2024-01-10");
        assert_eq!(
            time(t, "%a %A %b %B %-d %e|%j %U %w %u"),
            "Wed Wednesday Jan January 10 10|010 01 3 3"
        );
        assert_eq!(time(t, "%I:%M %p .%L %_m"), "01:20 PM .000  1");
        let zh = |p: &str| time_in(t, p, Locale::Zh);
        assert_eq!(zh("%b %B %a %A %p"), "1月 一月 周三 星期三 下午");
        assert_eq!(zh("%Y年%-m月%-d日"), "2024年1月10日");
        assert_eq!(time(t, "%Q"), "%Q");
        assert_eq!(time(t, "%-Q"), "%-Q");
    }

    #[test]
    fn sunday_weeks_as_d3_counts_them() {
        // 2012-01-01 was a Sunday: week 1; 2011-01-01 a Saturday: week 0.
        assert_eq!(time(to_ms(2012, 1, 1, 0, 0, 0), "%U"), "01");
        assert_eq!(time(to_ms(2011, 1, 1, 0, 0, 0), "%U"), "00");
        assert_eq!(time(to_ms(2011, 1, 2, 0, 0, 0), "%U"), "01");
        assert_eq!(time(to_ms(1971, 2, 1, 0, 0, 0), "%Y W%U"), "1971 W05");
    }

    #[test]
    fn english_unit_forms_as_vega_lite_writes_them() {
        let cases = [
            ("year", "%Y"),
            ("quarter", "%Y Q%q"),
            ("yearquarter", "%Y Q%q"),
            ("yearquartermonth", "%Y Q%q %b"),
            ("month", "%b"),
            ("yearmonth", "%b %Y"),
            ("yearmonthdate", "%b %d, %Y"),
            ("yearmonthdatehours", "%b %d, %Y %H:00"),
            ("yearmonthdatehoursminutes", "%b %d, %Y %H:%M"),
            ("monthdate", "%b %d"),
            ("date", "%d"),
            ("day", "%a"),
            ("dayofyear", "%j"),
            ("yearweek", "%Y W%U"),
            ("week", "W%U"),
            ("hours", "%H:00"),
            ("hoursminutes", "%H:%M"),
            ("hoursminutesseconds", "%H:%M:%S"),
            ("minutes", "00:%M"),
            ("minutesseconds", "00:%M:%S"),
            ("secondsmilliseconds", ":%S.%L"),
        ];
        for (name, pattern) in cases {
            assert_eq!(unit_pattern(unit(name), Locale::En), pattern, "{name}");
        }
        let t = to_ms(2012, 7, 1, 9, 30, 0);
        assert_eq!(
            unit_label(t, unit("yearmonthdate"), Locale::En),
            "Jul 01, 2012"
        );
        assert_eq!(unit_label(t, unit("day"), Locale::En), "Sun");
        assert_eq!(unit_label(t, unit("yearquarter"), Locale::En), "2012 Q3");
    }

    #[test]
    fn chinese_unit_forms() {
        let t = to_ms(2024, 3, 5, 9, 30, 0);
        let zh = |name: &str| unit_label(t, unit(name), Locale::Zh);
        assert_eq!(zh("year"), "2024年");
        assert_eq!(zh("yearquarter"), "2024年第1季度");
        assert_eq!(zh("month"), "3月");
        assert_eq!(zh("yearmonth"), "2024年3月");
        assert_eq!(zh("yearmonthdate"), "2024年3月5日");
        assert_eq!(zh("monthdate"), "3月5日");
        assert_eq!(zh("day"), "周二");
        assert_eq!(zh("yearweek"), "2024年第09周");
        assert_eq!(zh("hours"), "09:00");
        assert_eq!(zh("yearmonthdatehoursminutes"), "2024年3月5日 09:30");
    }

    #[test]
    fn labels_read_back_in_time_order() {
        let names = [
            "year",
            "yearquarter",
            "month",
            "yearmonth",
            "yearmonthdate",
            "monthdate",
            "day",
            "date",
            "yearweek",
            "hours",
            "hoursminutes",
            "dayofyear",
        ];
        let times: Vec<f64> = (0..400)
            .map(|i| to_ms(2011, 1, 1, 0, 0, 0) + f64::from(i) * 0.77 * DAY_MS * 1.3)
            .collect();
        for name in names {
            let u = unit(name);
            for locale in [Locale::En, Locale::Zh] {
                let mut starts: Vec<f64> = times
                    .iter()
                    .map(|t| crate::transform::derive::time_unit_start(*t, u))
                    .collect();
                starts.sort_by(f64::total_cmp);
                let keys: Vec<f64> = starts
                    .iter()
                    .map(|s| {
                        let label = unit_label(*s, u, locale);
                        unit_label_order(&label, u)
                            .unwrap_or_else(|| panic!("{name} {locale:?}: {label}"))
                    })
                    .collect();
                assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{name} {locale:?}");
            }
        }
        assert_eq!(unit_label_order("Smarch", unit("month")), None);
        let week: Vec<String> = ["mon", "Tuesday", "SUN"].map(String::from).to_vec();
        let day = unit("day");
        let sunday = unit_label(to_ms(2012, 1, 1, 0, 0, 0), day, Locale::En);
        assert_eq!(sort_position(&sunday, day, &week), Some(2));
        assert_eq!(sort_position("周二", day, &week), Some(1));
        assert_eq!(sort_position("Wed", day, &week), None);
        let months: Vec<String> = ["feb", "January"].map(String::from).to_vec();
        assert_eq!(sort_position("Jan", unit("month"), &months), Some(1));
        assert_eq!(sort_position("2月", unit("month"), &months), Some(0));
        assert_eq!(
            unit_label_order("Jan 2012 and more", unit("yearmonth")),
            None
        );
    }

    #[test]
    fn patterns_resolve_to_their_finest_part() {
        assert_eq!(pattern_resolution("%Y"), 365.0 * DAY_MS);
        assert_eq!(pattern_resolution("%b %Y"), 28.0 * DAY_MS);
        assert_eq!(pattern_resolution("%Y年%-m月%-d日"), DAY_MS);
        assert_eq!(pattern_resolution("%H:00"), 3_600_000.0);
        assert_eq!(pattern_resolution("Q%q"), 90.0 * DAY_MS);
        assert_eq!(pattern_resolution("no date"), 0.0);
    }

    #[test]
    fn axis_ticks_in_the_multi_scale_form() {
        let en = |t: f64| axis_label(t, &[t], Locale::En);
        assert_eq!(en(to_ms(2012, 1, 1, 0, 0, 0)), "2012");
        assert_eq!(en(to_ms(2012, 4, 1, 0, 0, 0)), "April");
        assert_eq!(en(to_ms(2012, 4, 8, 0, 0, 0)), "Apr 08");
        assert_eq!(en(to_ms(2012, 4, 9, 0, 0, 0)), "Mon 09");
        assert_eq!(en(to_ms(2012, 4, 9, 15, 0, 0)), "03 PM");
        assert_eq!(en(to_ms(2012, 4, 9, 15, 30, 0)), "03:30");
        assert_eq!(en(to_ms(2012, 4, 9, 15, 30, 5)), ":05");
        let ticks = [to_ms(2012, 1, 1, 0, 0, 0), to_ms(2012, 4, 1, 0, 0, 0)];
        assert_eq!(axis_label(ticks[1], &ticks, Locale::Zh), "2012-04");
        assert_eq!(axis_label(ticks[0], &ticks[..1], Locale::Zh), "2012");
    }
}
