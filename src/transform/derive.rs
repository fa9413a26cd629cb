//! Derived values of the encoding: bins and time units.

use crate::error::Error;
use crate::scale::tick_step;
use crate::spec::{Bin, TimeUnit};
use crate::table::date::{civil_from_days, days_from_civil, DAY_MS};
use crate::table::{column_from_cells, Cell, ColumnData, Table, Value};

/// The `bin` transform: `field`'s bin start and end as the columns `as_names`, bins as the
/// encoding's `bin` makes them ([`Bins::new`] over the finite values' extent).
pub fn bin_columns(
    t: &Table,
    field: &str,
    bin: &Bin,
    as_names: &(String, String),
    path: &str,
) -> Result<Table, Error> {
    let col = t
        .column(field)
        .ok_or_else(|| super::missing_field(t, field, path))?;
    let ColumnData::Number(nums) = &col.data else {
        return Err(Error::Spec {
            path: path.to_string(),
            expected: format!("numbers to bin, but \"{field}\" holds text or dates"),
            found: format!("\"{}\"", crate::error::shorten(&col.value(0).to_text(), 30)),
        });
    };
    let (lo, hi) = nums
        .iter()
        .filter(|x| x.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let bins = Bins::new(lo, hi, bin);
    let inside = |x: f64| bin.extent.is_none_or(|(a, b)| (a..=b).contains(&x));
    let starts: Vec<Cell> = nums
        .iter()
        .map(|&x| {
            if x.is_finite() && inside(x) {
                Cell::Number(bins.bin_start(x))
            } else {
                Cell::Null
            }
        })
        .collect();
    let ends: Vec<Cell> = starts
        .iter()
        .map(|c| match c {
            Cell::Number(s) => Cell::Number(s + bins.step),
            _ => Cell::Null,
        })
        .collect();
    let mut out = t.clone();
    out.set_column(column_from_cells(&as_names.0, starts));
    out.set_column(column_from_cells(&as_names.1, ends));
    Ok(out)
}

/// The `timeUnit` transform: each date of `field` (or text that reads as a date) moved to
/// the start of its unit, as the column `as_name`.
pub fn time_unit_column(
    t: &Table,
    field: &str,
    unit: TimeUnit,
    as_name: &str,
    path: &str,
) -> Result<Table, Error> {
    if t.column(field).is_none() {
        return Err(super::missing_field(t, field, path));
    }
    let cells = (0..t.row_count())
        .map(|r| {
            let ms = match t.value(field, r) {
                Value::Date(ms) | Value::Number(ms) => Some(ms),
                Value::Text(s) => crate::table::infer::parse_date(s),
                Value::Null => None,
            };
            ms.filter(|m| m.is_finite())
                .map_or(Cell::Null, |m| Cell::Date(time_unit_start(m, unit)))
        })
        .collect();
    let mut out = t.clone();
    out.set_column(column_from_cells(as_name, cells));
    Ok(out)
}

/// The point `at` (0 its start, 1 its end) of the time unit's period containing `ms`
/// (`bandPosition`). The period ends where the next one starts: the start of the unit
/// containing a moment one finest-part length later (a month after 31 days, a year after
/// 366); for a unit without a year whose last period wraps to the first (December of
/// `month`), the period before gives the length.
pub fn time_unit_at(ms: f64, unit: TimeUnit, at: f64) -> f64 {
    let start = time_unit_start(ms, unit);
    if at == 0.0 {
        return start;
    }
    const HOUR_MS: f64 = 3_600_000.0;
    let finest = [
        (TimeUnit::MILLISECONDS, 1.0),
        (TimeUnit::SECONDS, 1_000.0),
        (TimeUnit::MINUTES, 60_000.0),
        (TimeUnit::HOURS, HOUR_MS),
        (TimeUnit::DAYOFYEAR, DAY_MS),
        (TimeUnit::DATE, DAY_MS),
        (TimeUnit::DAY, DAY_MS),
        (TimeUnit::WEEK, 7.0 * DAY_MS),
        (TimeUnit::MONTH, 31.0 * DAY_MS),
        (TimeUnit::QUARTER, 92.0 * DAY_MS),
        (TimeUnit::YEAR, 366.0 * DAY_MS),
    ]
    .into_iter()
    .find(|(part, _)| unit.has(*part))
    .map_or(DAY_MS, |(_, len)| len);
    let next = time_unit_start(start + finest, unit);
    let length = if next > start {
        next - start
    } else {
        start - time_unit_start(start - 1.0, unit)
    };
    start + at * length
}

/// Start of the time unit containing `ms`: the parts the unit keeps, the others at
/// Vega-Lite's defaults (the year 2012, January, the 1st, midnight) — so `month` moves
/// every date to the first of its month in 2012, `hours` to its hour on 2012-01-01.
pub fn time_unit_start(ms: f64, unit: TimeUnit) -> f64 {
    let days = (ms / DAY_MS).floor();
    let (y, m, d) = civil_from_days(days as i64);
    let into_day = ms - days * DAY_MS;
    // A step counts the smallest kept part in groups (Vega's timeUnit `step`).
    let step = i64::from(unit.step());
    let stepped = |part: u16, v: i64| {
        if unit.smallest() == part {
            v.div_euclid(step) * step
        } else {
            v
        }
    };
    let year = if unit.has(TimeUnit::YEAR) {
        stepped(TimeUnit::YEAR, y)
    } else {
        2012
    };
    let month = if unit.has(TimeUnit::MONTH) {
        stepped(TimeUnit::MONTH, i64::from(m) - 1) as u32 + 1
    } else if unit.has(TimeUnit::QUARTER) {
        stepped(TimeUnit::QUARTER, i64::from((m - 1) / 3)) as u32 * 3 + 1
    } else {
        1
    };
    // 1970-01-01 was a Thursday: weekday 0 = Sunday.
    let weekday = (days as i64 + 4).rem_euclid(7);
    let mut day_count = days_from_civil(year, month, 1);
    if unit.has(TimeUnit::DATE) {
        day_count += stepped(TimeUnit::DATE, i64::from(d) - 1);
    } else if unit.has(TimeUnit::DAYOFYEAR) {
        day_count = days_from_civil(year, 1, 1) + (days as i64 - days_from_civil(y, 1, 1));
    } else if unit.has(TimeUnit::WEEK) {
        // The Sunday starting the date's week, as Vega's week unit (in 2012 unless the year
        // is kept).
        let sunday = days as i64 - weekday;
        day_count = days_from_civil(year, 1, 1) + (sunday - days_from_civil(y, 1, 1));
        if unit.has(TimeUnit::DAY) {
            day_count += weekday;
        }
    } else if unit.has(TimeUnit::DAY) {
        // 2012-01-01 was a Sunday: the weekday's day in that first week.
        day_count = days_from_civil(2012, 1, 1) + weekday;
    }
    // Each kept part of the time of day: its size and the size of the part above it.
    let mut time = 0.0;
    for (part, size, above) in [
        (TimeUnit::HOURS, 3_600_000.0, DAY_MS),
        (TimeUnit::MINUTES, 60_000.0, 3_600_000.0),
        (TimeUnit::SECONDS, 1_000.0, 60_000.0),
        (TimeUnit::MILLISECONDS, 1.0, 1_000.0),
    ] {
        if unit.has(part) {
            let count = (into_day % above / size).floor();
            time += stepped(part, count as i64) as f64 * size;
        }
    }
    day_count as f64 * DAY_MS + time
}

/// A binning of a numeric extent: start, step, and the number of bins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bins {
    /// Start of the first bin.
    pub start: f64,
    /// Bin width.
    pub step: f64,
    /// Number of bins.
    pub count: usize,
}

impl Bins {
    /// Bins covering `lo..=hi` (or `bin.extent`) with a nice step (at least
    /// `bin.minstep`) and at most `bin.maxbins` bins, the first starting at a multiple of
    /// the step when `bin.nice`, moved so that a boundary falls on `bin.anchor`.
    pub fn new(lo: f64, hi: f64, bin: &Bin) -> Bins {
        let (lo, hi) = bin.extent.unwrap_or((lo, hi));
        if !lo.is_finite() || !hi.is_finite() {
            return Bins {
                start: 0.0,
                step: 1.0,
                count: 1,
            };
        }
        let span = (hi - lo).max(f64::EPSILON);
        let mut step = match bin.step {
            Some(s) => s,
            None => tick_step(span, bin.maxbins).max(bin.minstep),
        };
        while span / step > bin.maxbins as f64 && bin.step.is_none() {
            step *= 2.0;
        }
        let mut start = if bin.nice {
            (lo / step).floor() * step
        } else {
            lo
        };
        if let Some(anchor) = bin.anchor.filter(|a| a.is_finite()) {
            start = anchor - step * ((anchor - start) / step).ceil();
        }
        let mut count = ((hi - start) / step).floor() as usize + 1;
        if start + (count as f64 - 1.0) * step == hi && count > 1 && hi > lo {
            // The maximum closes the last bin instead of opening a new one.
            count -= 1;
        }
        Bins {
            start,
            step,
            count: count.max(1),
        }
    }

    /// Start of the bin holding `v`.
    pub fn bin_start(&self, v: f64) -> f64 {
        let i = (((v - self.start) / self.step).floor() as usize).min(self.count - 1);
        self.start + i as f64 * self.step
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::date::to_ms;

    fn unit(name: &str) -> TimeUnit {
        TimeUnit::from_name(name).unwrap()
    }

    #[test]
    fn every_vega_lite_unit_keeps_its_parts_and_defaults_the_rest() {
        let d = to_ms(2023, 8, 19, 10, 42, 7) + 250.0; // a Saturday
        let cases = [
            ("yearmonthdate", to_ms(2023, 8, 19, 0, 0, 0)),
            ("utcyearmonthdate", to_ms(2023, 8, 19, 0, 0, 0)),
            ("binnedyearmonth", to_ms(2023, 8, 1, 0, 0, 0)),
            ("monthdate", to_ms(2012, 8, 19, 0, 0, 0)),
            ("date", to_ms(2012, 1, 19, 0, 0, 0)),
            ("hours", to_ms(2012, 1, 1, 10, 0, 0)),
            ("hoursminutes", to_ms(2012, 1, 1, 10, 42, 0)),
            (
                "yearmonthdatehoursminutesseconds",
                to_ms(2023, 8, 19, 10, 42, 7),
            ),
            ("minutes", to_ms(2012, 1, 1, 0, 42, 0)),
            ("day", to_ms(2012, 1, 7, 0, 0, 0)),
            ("yearweek", to_ms(2023, 8, 13, 0, 0, 0)),
            ("dayofyear", to_ms(2012, 1, 1, 0, 0, 0) + 230.0 * DAY_MS),
            ("quarter", to_ms(2023, 7, 1, 0, 0, 0)),
        ];
        for (name, want) in cases {
            assert_eq!(time_unit_start(d, unit(name)), want, "{name}");
        }
        assert_eq!(
            time_unit_start(d, unit("milliseconds")),
            to_ms(2012, 1, 1, 0, 0, 0) + 250.0
        );
        for bad in ["", "monthyear", "yearyear", "decade", "utc", "binned"] {
            assert_eq!(TimeUnit::from_name(bad), None, "{bad}");
        }
        assert_eq!(unit("utcyearmonthdate").name(), "yearmonthdate");
    }

    #[test]
    fn band_positions_fall_within_the_period() {
        let ms = |y, m, d| crate::table::date::to_ms(y, m, d, 0, 0, 0);
        // February 2024 (29 days): its middle is 14.5 days in.
        let feb = ms(2024, 2, 10);
        let ym = unit("yearmonth");
        assert_eq!(time_unit_at(feb, ym, 0.0), ms(2024, 2, 1));
        assert_eq!(time_unit_at(feb, ym, 0.5), ms(2024, 2, 1) + 14.5 * DAY_MS);
        assert_eq!(time_unit_at(feb, ym, 1.0), ms(2024, 3, 1));
        // A year; and December of "month" alone (2012), whose next period wraps.
        assert_eq!(time_unit_at(feb, unit("year"), 1.0), ms(2025, 1, 1));
        let dec = time_unit_at(ms(2020, 12, 5), unit("month"), 0.5);
        assert_eq!(dec, ms(2012, 12, 1) + 15.0 * DAY_MS);
    }

    #[test]
    fn time_units_start_at_their_period() {
        let d = to_ms(2023, 8, 19, 10, 0, 0);
        assert_eq!(time_unit_start(d, unit("year")), to_ms(2023, 1, 1, 0, 0, 0));
        assert_eq!(
            time_unit_start(d, unit("yearquarter")),
            to_ms(2023, 7, 1, 0, 0, 0)
        );
        assert_eq!(
            time_unit_start(d, unit("yearmonth")),
            to_ms(2023, 8, 1, 0, 0, 0)
        );
        assert_eq!(
            time_unit_start(d, unit("month")),
            to_ms(2012, 8, 1, 0, 0, 0)
        );
    }

    #[test]
    fn a_step_groups_the_smallest_kept_part() {
        let d = to_ms(2023, 8, 19, 10, 42, 7);
        let cases = [
            ("year", 2, to_ms(2022, 1, 1, 0, 0, 0)),
            ("year", 5, to_ms(2020, 1, 1, 0, 0, 0)),
            // August is month 7 counted from 0: in the group of months 6, 7, 8 (July).
            ("yearmonth", 3, to_ms(2023, 7, 1, 0, 0, 0)),
            // The third quarter (2, from 0) in groups of two quarters: from July.
            ("yearquarter", 2, to_ms(2023, 7, 1, 0, 0, 0)),
            // The 19th is day 18 from 0: in the group of days 15–19 (from the 16th).
            ("yearmonthdate", 5, to_ms(2023, 8, 16, 0, 0, 0)),
            ("hoursminutes", 15, to_ms(2012, 1, 1, 10, 30, 0)),
            ("hours", 6, to_ms(2012, 1, 1, 6, 0, 0)),
        ];
        for (name, step, want) in cases {
            let u = unit(name).with_step(step);
            assert_eq!(time_unit_start(d, u), want, "{name} step {step}");
        }
    }

    #[test]
    fn bins_are_nice_and_cover_the_extent() {
        let b = Bins::new(3.0, 97.0, &Bin::default());
        assert_eq!((b.start, b.step), (0.0, 10.0));
        assert_eq!(b.count, 10);
        assert_eq!(b.bin_start(97.0), 90.0);
        assert_eq!(b.bin_start(3.0), 0.0);
        let exact = Bins::new(
            0.0,
            100.0,
            &Bin {
                step: Some(25.0),
                ..Bin::default()
            },
        );
        assert_eq!((exact.step, exact.count), (25.0, 4));
        assert_eq!(exact.bin_start(100.0), 75.0);
    }

    #[test]
    fn bin_extent_minstep_nice_and_anchor() {
        // SYNTHETIC extents. Over 0..=100 at most 10 bins, but an extent of 20..=60:
        // nice step 5, 8 bins from 20.
        let b = Bins::new(
            0.0,
            100.0,
            &Bin {
                extent: Some((20.0, 60.0)),
                ..Bin::default()
            },
        );
        assert_eq!((b.start, b.step, b.count), (20.0, 5.0, 8));
        // 0..=3 at 100 bins would step 0.05; minstep 1 keeps whole numbers.
        let whole = Bins::new(
            0.0,
            3.0,
            &Bin {
                maxbins: 100,
                minstep: 1.0,
                ..Bin::default()
            },
        );
        assert_eq!((whole.start, whole.step, whole.count), (0.0, 1.0, 3));
        // Not nice: the first bin starts at the minimum.
        let raw = Bins::new(
            3.0,
            97.0,
            &Bin {
                nice: false,
                ..Bin::default()
            },
        );
        assert_eq!((raw.start, raw.step), (3.0, 10.0));
        // Anchored at 5: boundaries at …, −5, 5, 15, …; the first bin holds 3.
        let anchored = Bins::new(
            3.0,
            97.0,
            &Bin {
                anchor: Some(5.0),
                ..Bin::default()
            },
        );
        assert_eq!((anchored.start, anchored.step), (-5.0, 10.0));
        assert_eq!(anchored.bin_start(97.0), 95.0);
        // Values outside an extent are missing.
        let t =
            crate::table::json::parse_records(r#"[{"v":1},{"v":30},{"v":99}]"#, None, "t").unwrap();
        let out = bin_columns(
            &t,
            "v",
            &Bin {
                extent: Some((20.0, 60.0)),
                ..Bin::default()
            },
            &("b".to_string(), "b_end".to_string()),
            "p",
        )
        .unwrap();
        assert_eq!(out.value("b", 0).to_text(), "");
        assert_eq!(out.value("b", 1).as_number(), Some(30.0));
        assert!(matches!(out.value("b", 2), crate::table::Value::Null));
    }
}
