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
    let starts: Vec<Cell> = nums
        .iter()
        .map(|&x| {
            if x.is_finite() {
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

/// Start of the time unit containing `ms` (year, quarter, month); for `Month` (month of
/// any year) the date is moved to the year 2012, as Vega-Lite does for "month".
pub fn time_unit_start(ms: f64, unit: TimeUnit) -> f64 {
    let (y, m, _) = civil_from_days((ms / DAY_MS).floor() as i64);
    let day = |y: i64, m: u32| days_from_civil(y, m, 1) as f64 * DAY_MS;
    match unit {
        TimeUnit::Year => day(y, 1),
        TimeUnit::Quarter => day(y, (m - 1) / 3 * 3 + 1),
        TimeUnit::YearMonth => day(y, m),
        TimeUnit::Month => day(2012, m),
    }
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
    /// Bins covering `lo..=hi` with a nice step and at most `bin.maxbins` bins.
    pub fn new(lo: f64, hi: f64, bin: &Bin) -> Bins {
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
            None => tick_step(span, bin.maxbins),
        };
        while span / step > bin.maxbins as f64 && bin.step.is_none() {
            step *= 2.0;
        }
        let start = (lo / step).floor() * step;
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

    #[test]
    fn time_units_start_at_their_period() {
        let d = to_ms(2023, 8, 19, 10, 0, 0);
        assert_eq!(
            time_unit_start(d, TimeUnit::Year),
            to_ms(2023, 1, 1, 0, 0, 0)
        );
        assert_eq!(
            time_unit_start(d, TimeUnit::Quarter),
            to_ms(2023, 7, 1, 0, 0, 0)
        );
        assert_eq!(
            time_unit_start(d, TimeUnit::YearMonth),
            to_ms(2023, 8, 1, 0, 0, 0)
        );
        assert_eq!(
            time_unit_start(d, TimeUnit::Month),
            to_ms(2012, 8, 1, 0, 0, 0)
        );
    }

    #[test]
    fn bins_are_nice_and_cover_the_extent() {
        let b = Bins::new(
            3.0,
            97.0,
            &Bin {
                maxbins: 10,
                step: None,
            },
        );
        assert_eq!((b.start, b.step), (0.0, 10.0));
        assert_eq!(b.count, 10);
        assert_eq!(b.bin_start(97.0), 90.0);
        assert_eq!(b.bin_start(3.0), 0.0);
        let exact = Bins::new(
            0.0,
            100.0,
            &Bin {
                maxbins: 10,
                step: Some(25.0),
            },
        );
        assert_eq!((exact.step, exact.count), (25.0, 4));
        assert_eq!(exact.bin_start(100.0), 75.0);
    }
}
