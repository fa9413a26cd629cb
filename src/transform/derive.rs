//! Derived values of the encoding: bins and time units.

use crate::scale::tick_step;
use crate::spec::{Bin, TimeUnit};
use crate::table::date::{civil_from_days, days_from_civil, DAY_MS};

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
