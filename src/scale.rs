//! Scales: data values to CSS-pixel positions, sizes and colours.
//!
//! Continuous scales (linear, log, sqrt, time) with "nice" round ticks as Vega-Lite's
//! defaults give, band scales for bars over categories, point scales for lines and
//! points over categories, and the ordering of discrete domains (`sort`).

use crate::spec::{ScaleSpec, ScaleType, Sort};
use crate::table::date::{civil_from_days, days_from_civil, DAY_MS};
use std::collections::HashMap;

/// d3's thresholds between tick-step factors (√50, √10, √2): a raw step whose mantissa
/// reaches √50 rounds up to 10, √10 to 5, √2 to 2, else 1 (d3-array `tickIncrement`).
const FACTOR_10: f64 = 7.0710678118654755;
const FACTOR_5: f64 = 3.1622776601683795;
const FACTOR_2: f64 = std::f64::consts::SQRT_2;

/// A tick step as d3 chooses it (`tickIncrement`): 1, 2 or 5 times a power of ten,
/// giving about `count` ticks over `span`. The one step rule of axes, gradient legends
/// and bins.
pub fn tick_step(span: f64, count: usize) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / count.max(1) as f64;
    let power = raw.log10().floor();
    let err = raw / 10f64.powf(power);
    let factor = if err >= FACTOR_10 {
        10.0
    } else if err >= FACTOR_5 {
        5.0
    } else if err >= FACTOR_2 {
        2.0
    } else {
        1.0
    };
    if power < 0.0 {
        // As d3: a step below one is 1 / (10^-power / factor), which keeps 0.1 exact.
        1.0 / (10f64.powf(-power) / factor)
    } else {
        factor * 10f64.powf(power)
    }
}

/// The multiples of `step` within `lo..=hi`, each computed from its index as d3 does
/// (`i / (1/step)` below one) so that no float dust such as 0.30000000000000004 is left.
pub fn ticks_of_step(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    if step.is_nan() || step <= 0.0 || !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let inverse = if step < 1.0 {
        (1.0 / step).round()
    } else {
        0.0
    };
    let at = |i: f64| if inverse > 0.0 { i / inverse } else { i * step };
    let (mut i0, mut i1) = if inverse > 0.0 {
        ((lo * inverse).round(), (hi * inverse).round())
    } else {
        ((lo / step).round(), (hi / step).round())
    };
    let slack = step * 1e-9;
    if at(i0) < lo - slack {
        i0 += 1.0;
    }
    if at(i1) > hi + slack {
        i1 -= 1.0;
    }
    let mut ticks = Vec::new();
    let mut i = i0;
    while i <= i1 && ticks.len() <= 1000 {
        let t = at(i);
        ticks.push(if t == 0.0 { 0.0 } else { t });
        i += 1.0;
    }
    ticks
}

/// d3's ticks over `lo..=hi` for about `count` of them (`d3.ticks`).
pub fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    ticks_of_step(lo, hi, tick_step(hi - lo, count))
}

/// Extends `(lo, hi)` to include zero and round out to whole tick steps; returns the nice
/// domain and its ticks. An empty or all-zero domain becomes `0..1`.
pub fn nice_zero_domain(lo: f64, hi: f64, count: usize) -> ((f64, f64), Vec<f64>) {
    nice_domain(lo.min(0.0), hi.max(0.0), count, true)
}

/// Ticks of about `count` steps over `(lo, hi)`; with `nice`, the domain is first widened
/// to whole steps as d3's `linear.nice(count)` does (rounded out, the step taken again
/// over the wider domain, until it stays the same). A degenerate domain is widened
/// around its value.
pub fn nice_domain(lo: f64, hi: f64, count: usize, nice: bool) -> ((f64, f64), Vec<f64>) {
    let (mut lo, mut hi) = (lo, hi);
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    if lo == hi {
        if lo == 0.0 {
            hi = 1.0;
        } else {
            let pad = lo.abs() * 0.1;
            lo -= pad;
            hi += pad;
        }
    }
    if lo > hi {
        std::mem::swap(&mut lo, &mut hi);
    }
    if !(hi - lo).is_finite() {
        // A span beyond f64 (-1e308 to 1e308): halve the ends so steps stay finite.
        lo = lo.max(-f64::MAX / 2.0);
        hi = hi.min(f64::MAX / 2.0);
    }
    let (mut dlo, mut dhi) = (lo, hi);
    if nice {
        let mut previous = f64::NAN;
        for _ in 0..10 {
            let step = tick_step(dhi - dlo, count);
            if step == previous {
                break;
            }
            // Below one, through the step's inverse as d3 does: no float dust at the ends.
            let (a, b) = if step < 1.0 {
                let inverse = (1.0 / step).round();
                (
                    (dlo * inverse).floor() / inverse,
                    (dhi * inverse).ceil() / inverse,
                )
            } else {
                ((dlo / step).floor() * step, (dhi / step).ceil() * step)
            };
            if !a.is_finite() || !b.is_finite() {
                break;
            }
            (dlo, dhi) = (a, b);
            previous = step;
        }
    }
    let ticks = ticks_of_step(dlo, dhi, tick_step(dhi - dlo, count));
    ((dlo, dhi), ticks)
}

/// A continuous map from a numeric domain onto a pixel range.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearScale {
    /// Domain start and end (data units).
    pub domain: (f64, f64),
    /// Range start and end (CSS px). May run backwards (e.g. bottom to top).
    pub range: (f32, f32),
    /// Linear, log or sqrt.
    pub kind: ScaleType,
}

impl LinearScale {
    /// A linear scale.
    pub fn linear(domain: (f64, f64), range: (f32, f32)) -> LinearScale {
        LinearScale {
            domain,
            range,
            kind: ScaleType::Linear,
        }
    }

    fn fwd(&self, v: f64) -> f64 {
        match self.kind {
            ScaleType::Linear => v,
            ScaleType::Log => v.max(f64::MIN_POSITIVE).log10(),
            ScaleType::Sqrt => v.signum() * v.abs().sqrt(),
        }
    }

    /// Maps a value to a position.
    pub fn map(&self, v: f64) -> f32 {
        let (d0, d1) = (self.fwd(self.domain.0), self.fwd(self.domain.1));
        let t = if d1 == d0 {
            0.0
        } else {
            (self.fwd(v) - d0) / (d1 - d0)
        };
        self.range.0 + (t as f32) * (self.range.1 - self.range.0)
    }

    /// Maps a position back to a value.
    pub fn invert(&self, p: f32) -> f64 {
        let (r0, r1) = self.range;
        let t = if r1 == r0 {
            0.0
        } else {
            f64::from((p - r0) / (r1 - r0))
        };
        let (d0, d1) = (self.fwd(self.domain.0), self.fwd(self.domain.1));
        let x = d0 + t * (d1 - d0);
        match self.kind {
            ScaleType::Linear => x,
            ScaleType::Log => 10f64.powf(x),
            ScaleType::Sqrt => x.signum() * x * x,
        }
    }
}

/// Ticks of a log scale: the powers of ten within the domain (and 2×, 5× when few).
pub fn log_ticks(lo: f64, hi: f64) -> ((f64, f64), Vec<f64>) {
    let lo = lo.max(f64::MIN_POSITIVE);
    let hi = hi.max(lo * 10.0);
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let mut ticks = Vec::new();
    for e in a..=b {
        let p = 10f64.powi(e);
        ticks.push(p);
        if b - a <= 2 {
            ticks.push(2.0 * p);
            ticks.push(5.0 * p);
        }
    }
    let (dlo, dhi) = (10f64.powi(a), 10f64.powi(b));
    ticks.retain(|t| *t >= dlo && *t <= dhi);
    ((dlo, dhi), ticks)
}

/// The calendar intervals a time axis ticks at, as d3's time scale chooses them: a part
/// of a date and how many of it, with the interval's rough length in ms.
const TIME_INTERVALS: [(TimePart, i64, f64); 17] = {
    const S: f64 = 1_000.0;
    const M: f64 = 60.0 * S;
    const H: f64 = 60.0 * M;
    [
        (TimePart::Second, 1, S),
        (TimePart::Second, 5, 5.0 * S),
        (TimePart::Second, 15, 15.0 * S),
        (TimePart::Second, 30, 30.0 * S),
        (TimePart::Minute, 1, M),
        (TimePart::Minute, 5, 5.0 * M),
        (TimePart::Minute, 15, 15.0 * M),
        (TimePart::Minute, 30, 30.0 * M),
        (TimePart::Hour, 1, H),
        (TimePart::Hour, 3, 3.0 * H),
        (TimePart::Hour, 6, 6.0 * H),
        (TimePart::Hour, 12, 12.0 * H),
        (TimePart::Day, 1, DAY_MS),
        (TimePart::Day, 2, 2.0 * DAY_MS),
        (TimePart::Week, 1, 7.0 * DAY_MS),
        (TimePart::Month, 1, 30.0 * DAY_MS),
        (TimePart::Month, 3, 90.0 * DAY_MS),
    ]
};

/// A part of a date that time ticks fall on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TimePart {
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// Calendar ticks for a time domain (ms since the epoch), about `count` of them, as d3's
/// time scale places them: the interval nearest to the span over `count` among 1, 5, 15
/// and 30 seconds and minutes, 1, 3, 6 and 12 hours, 1 and 2 days, a week (Sundays), 1 and
/// 3 months, else a nice number of years (milliseconds below a second); each at the
/// multiples of its step within its parent (hours 0, 3, 6…; days 1, 3, 5…; months
/// January, April…; years 2000, 2005…). No interval is shorter than `finest` ms (the
/// finest part the labels write, `crate::format::pattern_resolution`; 0 for any).
pub fn time_ticks(lo: f64, hi: f64, count: usize, finest: f64) -> Vec<f64> {
    const YEAR_MS: f64 = 365.0 * DAY_MS;
    if !(lo.is_finite() && hi.is_finite()) || hi < lo {
        return Vec::new();
    }
    let target = ((hi - lo) / count.max(1) as f64).max(finest * 0.999);
    let after = TIME_INTERVALS.partition_point(|(_, _, len)| *len <= target);
    let (part, step) = if after == TIME_INTERVALS.len() {
        let years = tick_step((hi - lo) / YEAR_MS, count).max(1.0);
        (TimePart::Year, years as i64)
    } else if after == 0 {
        (
            TimePart::Millisecond,
            tick_step(hi - lo, count).max(1.0) as i64,
        )
    } else {
        let (below, above) = (TIME_INTERVALS[after - 1], TIME_INTERVALS[after]);
        let (part, step, _) = if target / below.2 < above.2 / target {
            below
        } else {
            above
        };
        (part, step)
    };
    calendar_ticks(lo, hi, part, step.max(1))
}

/// The instants in `lo..=hi` that start a `part`, at multiples of `step` (at most 1,000).
fn calendar_ticks(lo: f64, hi: f64, part: TimePart, step: i64) -> Vec<f64> {
    const LIMIT: usize = 1_000;
    let mut ticks = Vec::new();
    let fixed = match part {
        TimePart::Millisecond => Some(1.0),
        TimePart::Second => Some(1_000.0),
        TimePart::Minute => Some(60_000.0),
        TimePart::Hour => Some(3_600_000.0),
        _ => None,
    };
    if let Some(len) = fixed {
        // Seconds, minutes and hours are whole multiples of themselves since the epoch
        // (UTC has no leap seconds in ms): the multiples of the step are the ticks.
        let every = len * step as f64;
        let mut t = (lo / every).ceil() * every;
        while t <= hi && ticks.len() < LIMIT {
            ticks.push(t);
            t += every;
        }
        return ticks;
    }
    let first_day = (lo / DAY_MS).ceil() as i64;
    let last_day = (hi / DAY_MS).floor() as i64;
    match part {
        TimePart::Day | TimePart::Week => {
            let mut day = first_day;
            while day <= last_day && ticks.len() < LIMIT {
                let (_, _, date) = civil_from_days(day);
                // 1970-01-01 was a Thursday: weekday 0 is Sunday.
                let keep = match part {
                    TimePart::Week => (day + 4).rem_euclid(7) == 0,
                    _ => (i64::from(date) - 1) % step == 0,
                };
                if keep {
                    ticks.push(day as f64 * DAY_MS);
                }
                day += 1;
            }
        }
        TimePart::Year => {
            let (y0, _, _) = civil_from_days((lo / DAY_MS).floor() as i64);
            let mut y = y0.div_euclid(step) * step;
            while ticks.len() < LIMIT {
                let t = days_from_civil(y, 1, 1) as f64 * DAY_MS;
                if t > hi {
                    break;
                }
                if t >= lo {
                    ticks.push(t);
                }
                y += step;
            }
        }
        _ => {
            let (y0, m0, _) = civil_from_days((lo / DAY_MS).floor() as i64);
            let mut month = y0 * 12 + i64::from(m0) - 1;
            month -= month.rem_euclid(step);
            while ticks.len() < LIMIT {
                let (y, m) = (month.div_euclid(12), month.rem_euclid(12));
                let t = days_from_civil(y, (m + 1) as u32, 1) as f64 * DAY_MS;
                if t > hi {
                    break;
                }
                if t >= lo {
                    ticks.push(t);
                }
                month += step;
            }
        }
    }
    ticks
}

/// Evenly spaced bands for categories (bars), with Vega-Lite's padding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandScale {
    /// Number of categories.
    pub count: usize,
    /// Pixel range start and end.
    pub range: (f32, f32),
    /// Inner padding as a fraction of the step (Vega-Lite bars: 0.1).
    pub padding_inner: f32,
    /// Outer padding as a fraction of the step.
    pub padding_outer: f32,
}

impl BandScale {
    /// Bands for bars: Vega-Lite's `paddingInner` 0.1 and `paddingOuter` 0.05.
    pub fn bars(count: usize, range: (f32, f32)) -> BandScale {
        BandScale {
            count,
            range,
            padding_inner: 0.1,
            padding_outer: 0.05,
        }
    }

    /// Points for lines and points: no bands, half a step at each end.
    pub fn points(count: usize, range: (f32, f32)) -> BandScale {
        BandScale {
            count,
            range,
            padding_inner: 1.0,
            padding_outer: 0.5,
        }
    }

    /// Distance from one band's start to the next.
    pub fn step(&self) -> f32 {
        let n = self.count.max(1) as f32;
        let span = self.range.1 - self.range.0;
        span / (n - self.padding_inner + 2.0 * self.padding_outer).max(f32::EPSILON)
    }

    /// Width of each band.
    pub fn bandwidth(&self) -> f32 {
        self.step() * (1.0 - self.padding_inner)
    }

    /// Start of band `i`.
    pub fn start(&self, i: usize) -> f32 {
        self.range.0 + self.step() * (self.padding_outer + i as f32)
    }

    /// Centre of band `i`.
    pub fn center(&self, i: usize) -> f32 {
        self.start(i) + self.bandwidth() / 2.0
    }
}

/// Orders the distinct `values` (in order of first appearance) of a discrete channel:
/// an explicit `scale.domain` wins; otherwise `sort` decides, using `key` (e.g. the sum of
/// another channel per value) for sorts by a channel or field.
pub fn discrete_domain<'a>(
    values: impl Iterator<Item = &'a str>,
    sort: &Sort,
    scale: &ScaleSpec,
    key: impl Fn(&str) -> f64,
) -> Vec<String> {
    if let Some(d) = &scale.domain_values {
        return d.clone();
    }
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let mut v: Vec<String> = Vec::new();
    for x in values {
        if seen.insert(x, ()).is_none() {
            v.push(x.to_string());
        }
    }
    let natural =
        |a: &String, b: &String| match (crate::decimal::parse_f64(a), crate::decimal::parse_f64(b))
        {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => a.cmp(b),
        };
    match sort {
        Sort::DataOrder => {}
        Sort::Ascending => crate::sort::by(&mut v, &mut |a, b| natural(a, b)),
        Sort::Descending => crate::sort::by(&mut v, &mut |a, b| natural(b, a)),
        Sort::Explicit(list) => {
            let pos = |s: &String| list.iter().position(|x| x == s);
            crate::sort::by(&mut v, &mut |a, b| match (pos(a), pos(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => natural(a, b),
            });
        }
        Sort::ByChannel { descending, .. } | Sort::ByField { descending, .. } => {
            crate::sort::by(&mut v, &mut |a, b| {
                let o = key(a).total_cmp(&key(b));
                if *descending {
                    o.reverse()
                } else {
                    o
                }
            });
        }
    }
    v
}

/// The labels of a discrete time unit in time order (`Jan`, `Feb`, … rather than the
/// text's order), reversed for `Descending`, or in an explicit sort's order (which may
/// name months and weekdays: `"mon"`, see `crate::format::sort_position`; the others
/// follow in time order); `None` when `sort` or `scale` order them otherwise or a label
/// is not the unit's (see `crate::format::unit_label_order`).
pub fn time_unit_order(
    values: &[String],
    unit: crate::spec::TimeUnit,
    sort: &Sort,
    scale: &ScaleSpec,
) -> Option<Vec<String>> {
    if scale.domain_values.is_some() {
        return None;
    }
    let key = |v: &str| match sort {
        Sort::Ascending | Sort::Descending => crate::format::unit_label_order(v, unit),
        // Listed values (or month and weekday names) first, in the list's order.
        Sort::Explicit(list) => {
            let at = crate::format::sort_position(v, unit, list).map_or(list.len(), |i| i);
            let time = crate::format::unit_label_order(v, unit)?;
            Some(at as f64 * 1e15 + time)
        }
        _ => None,
    };
    let mut seen = std::collections::HashSet::new();
    let mut keyed: Vec<(f64, String)> = Vec::new();
    for v in values {
        if seen.insert(v.as_str()) {
            keyed.push((key(v)?, v.clone()));
        }
    }
    crate::sort::by(&mut keyed, &mut |a, b| a.0.total_cmp(&b.0));
    if *sort == Sort::Descending {
        keyed.reverse();
    }
    Some(keyed.into_iter().map(|(_, v)| v).collect())
}

/// Orders the values of a discrete channel: by the standardization vocabulary's hierarchy
/// when the sort is the default and every value is a term of one family (national before
/// industry before local…); otherwise as `sort` says (see [`discrete_domain`]).
pub fn ordered(
    values: Vec<String>,
    sort: &Sort,
    scale: &ScaleSpec,
    keys: &HashMap<String, f64>,
) -> Vec<String> {
    if *sort == Sort::Ascending && scale.domain_values.is_none() {
        let mut distinct: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for v in &values {
            if seen.insert(v.as_str()) {
                distinct.push(v);
            }
        }
        if let Some(vocab) = crate::vocab::vocabulary_of(&distinct) {
            return vocab
                .order(&distinct)
                .into_iter()
                .map(|i| distinct[i].to_string())
                .collect();
        }
    }
    discrete_domain(values.iter().map(String::as_str), sort, scale, |v| {
        keys.get(v).copied().unwrap_or(0.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Channel;
    use crate::table::date::to_ms;

    #[test]
    fn linear_maps_and_inverts() {
        let s = LinearScale::linear((0.0, 100.0), (200.0, 0.0));
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(80.0), 40.0);
        assert!((s.invert(40.0) - 80.0).abs() < 1e-4);
    }

    #[test]
    fn log_and_sqrt_scales() {
        let s = LinearScale {
            domain: (1.0, 1000.0),
            range: (0.0, 300.0),
            kind: ScaleType::Log,
        };
        assert!((s.map(10.0) - 100.0).abs() < 1e-3);
        assert!((s.invert(200.0) - 100.0).abs() < 1e-3);
        let q = LinearScale {
            domain: (0.0, 100.0),
            range: (0.0, 10.0),
            kind: ScaleType::Sqrt,
        };
        assert!((q.map(25.0) - 5.0).abs() < 1e-4);
        assert_eq!(log_ticks(3.0, 800.0).1, vec![1.0, 10.0, 100.0, 1000.0]);
    }

    #[test]
    fn nice_domain_for_the_founding_figures_is_0_to_80() {
        let ((lo, hi), ticks) = nice_zero_domain(8.0, 80.0, 5);
        assert_eq!((lo, hi), (0.0, 80.0));
        assert_eq!(ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0]);
    }

    #[test]
    fn nice_domain_without_zero_and_degenerate_domains() {
        assert_eq!(nice_domain(39847.0, 44499.0, 5, true).0, (39000.0, 45000.0));
        assert_eq!(nice_zero_domain(0.0, 0.0, 5).0, (0.0, 1.0));
        let ((lo, hi), _) = nice_domain(5.0, 5.0, 5, true);
        assert!(lo < 5.0 && hi > 5.0);
        assert_eq!(nice_domain(0.0, 0.3, 3, true).1, vec![0.0, 0.1, 0.2, 0.3]);
    }

    #[test]
    fn tick_steps_are_1_2_5_times_powers_of_ten() {
        assert_eq!(tick_step(100.0, 5), 20.0);
        assert_eq!(tick_step(3_165_625.0, 5), 500_000.0);
        assert_eq!(tick_step(0.9, 10), 0.1);
    }

    #[test]
    fn time_ticks_fall_on_years_months_or_days() {
        let t = time_ticks(
            to_ms(2019, 1, 1, 0, 0, 0),
            to_ms(2023, 12, 31, 0, 0, 0),
            5,
            0.0,
        );
        assert_eq!(
            t,
            (2019..=2023)
                .map(|y| to_ms(y, 1, 1, 0, 0, 0))
                .collect::<Vec<_>>()
        );
        let m = time_ticks(
            to_ms(2023, 1, 1, 0, 0, 0),
            to_ms(2023, 12, 1, 0, 0, 0),
            6,
            0.0,
        );
        assert_eq!(m.first(), Some(&to_ms(2023, 1, 1, 0, 0, 0)));
        assert!(m.len() >= 4 && m.len() <= 12, "{}", m.len());
    }

    #[test]
    fn ticks_are_d3s() {
        // d3.ticks(0, 240, 8): 30 is below √10 × 10, so the step is 20.
        assert_eq!(
            ticks(0.0, 240.0, 8),
            (0..=12).map(|i| f64::from(i) * 20.0).collect::<Vec<_>>()
        );
        // d3.ticks(0, 1, 10): exact tenths, no float dust.
        assert_eq!(
            ticks(0.0, 1.0, 10),
            vec![0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        );
        // d3.ticks(0, 10, 3) → 0, 5, 10 (3.33 reaches √10); d3.ticks(-10, 10, 5) → step 5.
        assert_eq!(ticks(0.0, 10.0, 3), vec![0.0, 5.0, 10.0]);
        assert_eq!(ticks(-10.0, 10.0, 5), vec![-10.0, -5.0, 0.0, 5.0, 10.0]);
        // d3.ticks(1, 9.5, 4): 2.125 reaches √2, step 2 from 2.
        assert_eq!(ticks(1.0, 9.5, 4), vec![2.0, 4.0, 6.0, 8.0]);
        // The thresholds: 1.42 reaches √2 (step 2), 1.41 does not (step 1).
        assert_eq!(tick_step(14.2, 10), 2.0);
        assert_eq!(tick_step(14.1, 10), 1.0);
        assert_eq!(tick_step(70.8, 10), 10.0);
        assert_eq!(tick_step(70.7, 10), 5.0);
    }

    #[test]
    fn nice_domains_are_d3s() {
        // d3.scaleLinear().domain([0, 97]).nice(10) → [0, 100]; [1.1, 10.9] → [1, 11].
        assert_eq!(nice_domain(0.0, 97.0, 10, true).0, (0.0, 100.0));
        assert_eq!(nice_domain(1.1, 10.9, 10, true).0, (1.0, 11.0));
        // d3 takes the step again over the widened domain: [0, 0.96] with 5 ticks is
        // stepped by 0.2 to [0, 1].
        assert_eq!(nice_domain(0.0, 0.96, 5, true).0, (0.0, 1.0));
        assert_eq!(
            nice_domain(0.0, 0.96, 5, true).1,
            vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        );
    }

    #[test]
    fn time_ticks_use_d3s_intervals() {
        // Ten years for ten ticks: every year (d3.scaleUtc().ticks(10)).
        let years = time_ticks(
            to_ms(2000, 1, 1, 0, 0, 0),
            to_ms(2010, 1, 1, 0, 0, 0),
            10,
            0.0,
        );
        assert_eq!(years.len(), 11);
        // A year for five ticks: every quarter (73 days is nearer 90 than 30 by ratio).
        let quarters = time_ticks(
            to_ms(2023, 1, 1, 0, 0, 0),
            to_ms(2024, 1, 1, 0, 0, 0),
            5,
            0.0,
        );
        assert_eq!(
            quarters,
            [(2023, 1), (2023, 4), (2023, 7), (2023, 10), (2024, 1)]
                .iter()
                .map(|(y, m)| to_ms(*y, *m, 1, 0, 0, 0))
                .collect::<Vec<_>>()
        );
        // Two weeks for seven ticks: every other day of the month (1st, 3rd, …).
        let days = time_ticks(
            to_ms(2023, 1, 30, 0, 0, 0),
            to_ms(2023, 2, 4, 0, 0, 0),
            3,
            0.0,
        );
        assert_eq!(
            days,
            vec![
                to_ms(2023, 1, 31, 0, 0, 0),
                to_ms(2023, 2, 1, 0, 0, 0),
                to_ms(2023, 2, 3, 0, 0, 0)
            ]
        );
        // Six hours for six ticks: on the hour.
        let hours = time_ticks(
            to_ms(2023, 1, 1, 0, 30, 0),
            to_ms(2023, 1, 1, 6, 30, 0),
            6,
            0.0,
        );
        assert_eq!(hours.first(), Some(&to_ms(2023, 1, 1, 1, 0, 0)));
        assert_eq!(hours.len(), 6);
        // A century for five ticks: every 20 years, on multiples of 20.
        let decades = time_ticks(
            to_ms(1905, 1, 1, 0, 0, 0),
            to_ms(2005, 1, 1, 0, 0, 0),
            5,
            0.0,
        );
        assert_eq!(decades.first(), Some(&to_ms(1920, 1, 1, 0, 0, 0)));
        assert_eq!(decades.len(), 5);
    }

    #[test]
    fn time_ticks_take_the_nearest_calendar_interval() {
        let ms = |y, mo, d, h, mi| to_ms(y, mo, d, h, mi, 0);
        // A year in about 12 ticks: every month.
        let months = time_ticks(ms(2012, 1, 1, 0, 0), ms(2012, 12, 31, 0, 0), 12, 0.0);
        assert_eq!(months.len(), 12);
        assert_eq!(months[1], ms(2012, 2, 1, 0, 0));
        // 13 years in about 10 ticks: every year (not every 2), from 1970.
        let years = time_ticks(ms(1970, 1, 1, 0, 0), ms(1982, 1, 1, 0, 0), 10, 0.0);
        assert_eq!(years.len(), 13);
        // 120 years in 12: every ten years, on the decades.
        let decades = time_ticks(ms(1900, 1, 1, 0, 0), ms(2017, 1, 1, 0, 0), 12, 0.0);
        assert_eq!(decades[1], ms(1910, 1, 1, 0, 0));
        // A day in 8: every 3 hours; a month in 5: Sundays.
        let hours = time_ticks(ms(2012, 1, 1, 0, 0), ms(2012, 1, 2, 0, 0), 8, 0.0);
        assert_eq!(hours[1], ms(2012, 1, 1, 3, 0));
        let weeks = time_ticks(ms(2012, 1, 1, 0, 0), ms(2012, 1, 31, 0, 0), 5, 0.0);
        assert_eq!(weeks, [1, 8, 15, 22, 29].map(|d| ms(2012, 1, d, 0, 0)));
        // Two days every other day from the 1st; minutes; nothing for a reversed span.
        let days = time_ticks(ms(2012, 1, 2, 0, 0), ms(2012, 1, 12, 0, 0), 5, 0.0);
        assert_eq!(days[0], ms(2012, 1, 3, 0, 0));
        let minutes = time_ticks(ms(2012, 1, 1, 0, 0), ms(2012, 1, 1, 1, 0), 4, 0.0);
        assert_eq!(minutes[1], ms(2012, 1, 1, 0, 15));
        assert!(time_ticks(2.0, 1.0, 5, 0.0).is_empty());
        // Labels that write only the year: never finer than a year.
        let yearly = time_ticks(
            ms(2019, 1, 1, 0, 0),
            ms(2023, 6, 1, 0, 0),
            12,
            365.0 * DAY_MS,
        );
        assert_eq!(
            yearly,
            (2019..=2023).map(|y| ms(y, 1, 1, 0, 0)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn bands_fill_the_range_with_padding() {
        let b = BandScale::bars(4, (0.0, 390.0));
        assert!((b.start(0) - b.step() * 0.05).abs() < 1e-4);
        let end = b.start(3) + b.bandwidth();
        assert!((390.0 - end - b.step() * 0.05).abs() < 1e-3);
        let p = BandScale::points(3, (0.0, 300.0));
        assert_eq!((p.center(0), p.center(2)), (50.0, 250.0));
    }

    #[test]
    fn discrete_domains_follow_every_sort_form() {
        let vals = ["b", "c", "a", "b"];
        let none = ScaleSpec::default();
        let d = |s: &Sort| {
            discrete_domain(vals.iter().copied(), s, &none, |v| match v {
                "a" => 3.0,
                "b" => 1.0,
                _ => 2.0,
            })
        };
        assert_eq!(d(&Sort::Ascending), vec!["a", "b", "c"]);
        assert_eq!(d(&Sort::Descending), vec!["c", "b", "a"]);
        assert_eq!(d(&Sort::DataOrder), vec!["b", "c", "a"]);
        assert_eq!(d(&Sort::Explicit(vec!["c".into()])), vec!["c", "a", "b"]);
        assert_eq!(
            d(&Sort::ByChannel {
                channel: Channel::Y,
                descending: true
            }),
            vec!["a", "c", "b"]
        );
        let fixed = ScaleSpec {
            domain_values: Some(vec!["z".into()]),
            ..ScaleSpec::default()
        };
        assert_eq!(
            discrete_domain(vals.iter().copied(), &Sort::Ascending, &fixed, |_| 0.0),
            vec!["z"]
        );
        let nums = ["10", "9", "100"];
        assert_eq!(
            discrete_domain(nums.iter().copied(), &Sort::Ascending, &none, |_| 0.0),
            vec!["9", "10", "100"]
        );
    }
}
