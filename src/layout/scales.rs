//! Scales of a plot, resolved from the encoded views it draws: position (x, y),
//! colour, size and opacity, shared by all layers.

use super::context::Ctx;
use crate::color::Color;
use crate::encode::{Bound, Encoded};
use crate::format::NumberFormat;
use crate::scale::{log_ticks, nice_domain, time_ticks, BandScale, LinearScale};
use crate::spec::{Channel, ConstValue, FieldDef, FieldType, MarkKind, ScaleType, Sort};
use crate::table::Value;
use crate::transform::aggregate::compute;
use std::collections::HashMap;

/// How axis labels are written.
#[derive(Debug, Clone, PartialEq)]
pub enum LabelFormat {
    /// Numbers with separators; dates by their granularity.
    Default,
    /// A d3-format specifier.
    Number(NumberFormat),
    /// A d3-time-format pattern, its names (`%b`, `%a`) in the language given: an axis's
    /// `format`, or a temporal field's time unit's form (`crate::format::unit_pattern`).
    Time(String, crate::spec::Locale),
    /// A temporal axis without a format or time unit: d3's multi-scale form in English,
    /// the coarsest form every tick fits in Chinese (`crate::format::axis_label`).
    Calendar(crate::spec::Locale),
    /// The Chinese way (`usermeta.stdviz.numbers: "zh"` or `formatType: "zh"`): one unit
    /// (万, 亿, 万亿) for every tick, chosen from the axis's largest value and span, stated in its
    /// title; see [`crate::format::ZhAxis`].
    Zh {
        /// The data extent on this axis (after zero).
        lo: f64,
        /// The data extent on this axis (after zero).
        hi: f64,
        /// How many of the unit's base one figure counts (10⁴ for `万项`; see
        /// [`crate::format::Unit`]).
        factor: f64,
    },
}

/// A position scale before it knows its pixel range.
#[derive(Debug, Clone, PartialEq)]
pub enum PosKind {
    /// Categories: bands (bars) or points (lines).
    Band {
        /// Categories in order.
        domain: Vec<String>,
        /// Bands for bars; points otherwise.
        bars: bool,
    },
    /// Numbers or dates.
    Continuous {
        /// Linear, log or sqrt.
        ty: ScaleType,
        /// Data extent (after zero).
        lo: f64,
        /// Data extent (after zero).
        hi: f64,
        /// Dates.
        temporal: bool,
        /// Round the domain out to ticks.
        nice: bool,
        /// Explicit domain: used as is.
        fixed: bool,
    },
}

/// A position channel's scale and axis settings.
#[derive(Debug, Clone, PartialEq)]
pub struct PosScale {
    /// X or Y.
    pub channel: Channel,
    /// The scale.
    pub kind: PosKind,
    /// Axis title, if shown.
    pub title: Option<String>,
    /// Whether an axis is drawn (`axis: null` hides it).
    pub show_axis: bool,
    /// Grid lines.
    pub grid: bool,
    /// Label format.
    pub format: LabelFormat,
    /// Label angle (degrees), if set.
    pub label_angle: Option<f32>,
    /// `labelLimit` (px), if set: labels cut to it.
    pub label_limit: Option<f32>,
    /// `labelOverlap` set: band labels may be sampled instead of wrapped or turned.
    pub label_overlap: bool,
    /// `labelExpr`, if set.
    pub label_expr: Option<crate::spec::Expr>,
    /// Approximate tick count, if set.
    pub tick_count: Option<usize>,
    /// The axis's explicit `values`, if set: the only ticks or categories labelled.
    pub values: Option<Vec<crate::spec::AxisValue>>,
    /// The axis's room: ticks, label and title padding, offset.
    pub spacing: super::axis::AxisSpacing,
    /// `labelAlign` of an x axis's flat labels against their ticks.
    pub label_align: Option<crate::spec::TextAlign>,
    /// The axis's `orient`, when the spec gives one.
    pub orient: Option<crate::spec::AxisOrient>,
    /// The side of the plot the axis stands on: `orient`, else below for x and left for
    /// y (a dual axis's second y: the side its first leaves free).
    pub side: super::axis::Side,
    /// Sub-band domain of xOffset/yOffset (grouped bars).
    pub offset: Option<Vec<String>>,
    /// A band axis of a discrete time unit: its categories are the unit's labels, which an
    /// axis `format` rewrites (Vega-Lite formats a time unit's values as times whatever
    /// the field's type).
    pub band_time_unit: Option<crate::spec::TimeUnit>,
    /// Largest first (continuous `sort: "descending"`, or `scale.reverse`).
    pub reversed: bool,
    /// Bands' `paddingInner` and `paddingOuter` when the spec or `config.scale` sets
    /// them (else Vega-Lite's defaults for bars or points).
    pub band_padding: (Option<f32>, Option<f32>),
    /// `scale.clamp` on a continuous axis.
    pub clamp: bool,
    /// A binned field's bin width: its axis is ticked at the bin boundaries (Vega-Lite's
    /// `values` of a bin axis), written with d3's precision for `ceil(length / 10)` ticks.
    pub bin_step: Option<f64>,
}

/// A position scale placed on its pixel range.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// Bands.
    Band {
        /// Band geometry.
        band: BandScale,
        /// Index of each category.
        index: HashMap<String, usize>,
        /// Sub-bands for offsets.
        sub: Option<(Vec<String>, f32)>,
    },
    /// A continuous scale with its ticks.
    Continuous {
        /// The mapping.
        scale: LinearScale,
        /// Tick values.
        ticks: Vec<f64>,
        /// Dates.
        temporal: bool,
        /// `scale.clamp`: values beyond the domain are placed at its ends.
        clamp: bool,
        /// Decimals every label is written with, where the axis fixes them (a binned
        /// axis); `None`: from the tick step.
        decimals: Option<usize>,
    },
}

impl Placed {
    /// The centre position of a value.
    pub fn pos(&self, v: &Value<'_>) -> Option<f32> {
        match self {
            Placed::Band { band, index, .. } => index.get(&v.to_text()).map(|&i| band.center(i)),
            Placed::Continuous { scale, clamp, .. } => match v {
                Value::Number(n) | Value::Date(n) => {
                    let (lo, hi) = (
                        scale.domain.0.min(scale.domain.1),
                        scale.domain.0.max(scale.domain.1),
                    );
                    // (`lo <= hi` is false for a NaN domain, which `f64::clamp` refuses.)
                    let clamped = *clamp && lo <= hi;
                    Some(scale.map(if clamped { n.clamp(lo, hi) } else { *n }))
                }
                _ => None,
            },
        }
    }

    /// The position of a unit's value on channel `ch`: [`Placed::pos`], except for an
    /// invalid value (null, NaN, ±∞) on a continuous scale of a channel that shows them
    /// ([`crate::spec::Mark::shows_invalid`]: `"show"`, or `config.scale.invalid`): placed
    /// where zero is, or at the domain's minimum when the domain leaves zero out
    /// (Vega-Lite's `"zero-or-min"`), or at the configured pixel from the plot's top left.
    pub fn pos_of(&self, u: &Encoded, ch: Channel, v: &Value<'_>) -> Option<f32> {
        let ch = ch.position_base();
        match (
            self,
            invalid_value(v).then(|| u.mark.shows_invalid(ch)).flatten(),
        ) {
            (Placed::Continuous { scale, .. }, Some(out)) => Some(match out {
                crate::spec::InvalidOutput::Value(ConstValue::Number(n)) => {
                    scale.range.0.min(scale.range.1) + *n as f32
                }
                _ => scale.map(zero_or_min(scale.domain, scale.kind == ScaleType::Log)),
            }),
            _ => self.pos(v),
        }
    }

    /// The band (start, width) of a value, for discrete scales.
    pub fn band(&self, v: &Value<'_>) -> Option<(f32, f32)> {
        match self {
            Placed::Band { band, index, .. } => index
                .get(&v.to_text())
                .map(|&i| (band.start(i), band.bandwidth())),
            Placed::Continuous { .. } => None,
        }
    }

    /// The sub-band (start, width) inside `band_start` for an offset value.
    pub fn sub_band(&self, band_start: f32, v: &Value<'_>) -> Option<(f32, f32)> {
        match self {
            Placed::Band {
                sub: Some((domain, width)),
                ..
            } => {
                let i = domain.iter().position(|d| *d == v.to_text())?;
                let inner = BandScale::bars(domain.len(), (band_start, band_start + width));
                Some((inner.start(i), inner.bandwidth()))
            }
            _ => None,
        }
    }

    /// The pixel of the value zero (or the range start when zero is outside).
    pub fn baseline(&self) -> f32 {
        match self {
            Placed::Continuous { scale, .. } => {
                let (a, b) = scale.domain;
                let z = if scale.kind == ScaleType::Log {
                    a.min(b)
                } else {
                    0.0f64.clamp(a.min(b), a.max(b))
                };
                scale.map(z)
            }
            Placed::Band { band, .. } => band.range.0,
        }
    }
}

impl PosScale {
    /// Whether the scale is discrete.
    pub fn is_band(&self) -> bool {
        matches!(self.kind, PosKind::Band { .. })
    }

    /// Number of categories (discrete) or 0.
    pub fn count(&self) -> usize {
        match &self.kind {
            PosKind::Band { domain, .. } => domain.len(),
            PosKind::Continuous { .. } => 0,
        }
    }

    /// Places the scale on `range` (pixels, start to end).
    pub fn place(&self, range: (f32, f32)) -> Placed {
        match &self.kind {
            PosKind::Band { domain, bars } => {
                let mut band = if *bars {
                    BandScale::bars(domain.len(), range)
                } else {
                    BandScale::points(domain.len(), range)
                };
                if *bars {
                    let (inner, outer) = self.band_padding;
                    band.padding_inner = inner.unwrap_or(band.padding_inner);
                    band.padding_outer = outer.unwrap_or(band.padding_outer);
                }
                let index = domain
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.clone(), i))
                    .collect();
                Placed::Band {
                    band,
                    index,
                    sub: self.offset.clone().map(|d| (d, band.bandwidth())),
                }
            }
            PosKind::Continuous {
                ty,
                lo,
                hi,
                temporal,
                nice,
                fixed,
            } => {
                let len = (range.1 - range.0).abs();
                let count = self.tick_count.unwrap_or_else(|| default_tick_count(len));
                // A binned axis ticks at its bin boundaries, unless a zoom window or an
                // explicit domain fixed it.
                let bin_step = self.bin_step.filter(|s| *s > 0.0 && hi > lo && !*fixed);
                let (domain, ticks) = if *temporal {
                    // Never finer than the labels' format writes.
                    let finest = match &self.format {
                        LabelFormat::Time(pattern, _) => crate::format::pattern_resolution(pattern),
                        _ => 0.0,
                    };
                    let ticks = time_ticks(*lo, *hi, count, finest);
                    (
                        (
                            *lo,
                            if hi > lo {
                                *hi
                            } else {
                                lo + crate::table::date::DAY_MS
                            },
                        ),
                        ticks,
                    )
                } else if *ty == ScaleType::Log {
                    if *fixed {
                        (
                            (*lo, *hi),
                            log_ticks(*lo, *hi)
                                .1
                                .into_iter()
                                .filter(|t| t >= lo && t <= hi)
                                .collect(),
                        )
                    } else {
                        log_ticks(*lo, *hi)
                    }
                } else if let Some(step) = bin_step {
                    ((*lo, *hi), bin_boundaries(*lo, *hi, step))
                } else {
                    nice_domain(*lo, *hi, count, *nice && !fixed)
                };
                // d3's tickFormat precision over Vega-Lite's bin tick count, ceil(len / 10):
                // a bin axis from 1 to 10 on 300 px has 30 ticks of 0.2, so "1.0", "2.0".
                let decimals = bin_step
                    .filter(|_| !*temporal && *ty != ScaleType::Log)
                    .map(|_| {
                        let count = ((len / 10.0).ceil() as usize).max(1);
                        crate::format::decimals_for_step(crate::scale::tick_step(hi - lo, count))
                    });
                let domain = if *fixed { (*lo, *hi) } else { domain };
                let ticks = match &self.values {
                    Some(values) => explicit_ticks(values, domain, *temporal),
                    None => ticks,
                };
                let (d0, d1) = if self.reversed {
                    (domain.1, domain.0)
                } else {
                    domain
                };
                Placed::Continuous {
                    scale: LinearScale {
                        domain: (d0, d1),
                        range,
                        kind: *ty,
                    },
                    ticks,
                    temporal: *temporal,
                    clamp: self.clamp,
                    decimals,
                }
            }
        }
    }

    /// The label of a tick of `placed` (its ticks, and the decimals the axis fixes).
    pub fn tick_label(&self, v: f64, placed: &Placed) -> String {
        match placed {
            Placed::Continuous {
                ticks,
                decimals: Some(d),
                ..
            } if self.format == LabelFormat::Default => crate::format::grouped(v, *d),
            Placed::Continuous { ticks, .. } => self.label(v, ticks),
            Placed::Band { .. } => self.label(v, &[]),
        }
    }

    /// The label of a tick or category.
    pub fn label(&self, v: f64, ticks: &[f64]) -> String {
        match (&self.format, &self.kind) {
            (LabelFormat::Number(f), PosKind::Continuous { .. }) => f.for_ticks(ticks).format(v),
            (LabelFormat::Number(f), _) => f.format(v),
            (LabelFormat::Time(p, locale), _) => crate::format::time_in(v, p, *locale),
            (LabelFormat::Calendar(locale), _) => crate::format::axis_label(v, ticks, *locale),
            (LabelFormat::Zh { lo, hi, factor }, _) => crate::format::Unit {
                factor: *factor,
                magnitude: "",
                base: "",
            }
            .zh_axis(*lo, *hi, ticks)
            .label(v),
            (LabelFormat::Default, PosKind::Continuous { temporal: true, .. }) => {
                crate::format::axis_label(v, ticks, crate::spec::Locale::Zh)
            }
            (LabelFormat::Default, _) => {
                let step = if ticks.len() > 1 {
                    (ticks[1] - ticks[0]).abs()
                } else {
                    1.0
                };
                crate::format::grouped(v, crate::format::decimals_for_step(step))
            }
        }
    }
}

/// An axis's explicit `values` as the ticks of a continuous scale over `domain`: numbers
/// (timestamps on a temporal axis), date-time objects, texts read as numbers (dates on a
/// temporal axis); those outside the domain or unreadable are left out, as Vega's
/// `validTicks` leaves out ticks beyond the range; ascending, each once.
fn explicit_ticks(
    values: &[crate::spec::AxisValue],
    domain: (f64, f64),
    temporal: bool,
) -> Vec<f64> {
    use crate::spec::AxisValue;
    let (lo, hi) = (domain.0.min(domain.1), domain.0.max(domain.1));
    let slack = (hi - lo).abs() * 1e-9;
    let mut ticks: Vec<f64> = values
        .iter()
        .filter_map(|v| match v {
            AxisValue::Number(n) | AxisValue::Date(n) => Some(*n),
            AxisValue::Text(t) if temporal => crate::table::infer::parse_temporal(t),
            AxisValue::Text(t) => crate::decimal::parse_f64(t.trim()),
        })
        .filter(|t| t.is_finite() && *t >= lo - slack && *t <= hi + slack)
        .collect();
    ticks.sort_by(f64::total_cmp);
    ticks.dedup();
    ticks
}

/// Length along an axis per default tick, px: Vega-Lite's `ceil(length / 40)` on x and y
/// alike (the axis then drops every other label where ours, at 12 px, would overlap).
pub const PX_PER_TICK: f32 = 40.0;

/// Vega-Lite's default tick count of a continuous axis `len` px long: `ceil(len / 40)`,
/// at least 2 (and at most 200, a bound on absurd sizes).
pub fn default_tick_count(len: f32) -> usize {
    ((len / PX_PER_TICK).ceil() as usize).clamp(2, 200)
}

/// The bin boundaries from `lo` (a boundary) to `hi`, `step` apart (at most 1,000).
fn bin_boundaries(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let n = (((hi - lo) / step + 1e-9).floor() as usize).min(1000);
    let decimals = crate::format::decimals_for_step(step) as i32;
    let scale = 10f64.powi(decimals.max(0));
    (0..=n)
        .map(|i| {
            let t = lo + i as f64 * step;
            // Boundaries read as the step writes them (0.30000000000000004 → 0.3).
            let t = if decimals < 6 {
                (t * scale).round() / scale
            } else {
                t
            };
            if t == 0.0 {
                0.0
            } else {
                t
            }
        })
        .collect()
}

/// The bin width of a binned field on channel `ch`, and whether the marks read the bins'
/// ends (bars and rects bound to `end`, so the domain already reaches the last end):
/// the end minus the start in the first row with both (the end channel, or the derived
/// `<bin>_end` column), else the least gap between bin starts, else the spec's `bin.step`.
fn bin_step_of(units: &[Encoded], ch: Channel, end: Channel) -> Option<(f64, bool)> {
    units.iter().find_map(|u| {
        let (start, def) = u.field(ch)?;
        let bin = def.bin.as_ref()?;
        let width = |end_col: &str| {
            u.table.column(end_col)?;
            (0..u.rows()).find_map(|r| {
                let a = u.table.value(start, r).as_number()?;
                let b = u.table.value(end_col, r).as_number()?;
                Some(b - a).filter(|w| w.is_finite() && *w > 0.0)
            })
        };
        if let Some(w) = u.field(end).and_then(|(end_col, _)| width(end_col)) {
            return Some((w, true));
        }
        let mut starts: Vec<f64> = (0..u.rows())
            .filter_map(|r| u.table.value(start, r).as_number())
            .filter(|v| v.is_finite())
            .collect();
        starts.sort_by(f64::total_cmp);
        let least_gap = starts
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|g| *g > 1e-12)
            .fold(f64::INFINITY, f64::min);
        width(&format!("{start}_end"))
            .or(Some(least_gap).filter(|g| g.is_finite()))
            .or(bin.step)
            .map(|w| (w, false))
    })
}

/// Whether a value is invalid for a continuous scale: null, NaN or ±∞.
pub(super) fn invalid_value(v: &Value<'_>) -> bool {
    match v {
        Value::Null => true,
        Value::Number(n) | Value::Date(n) => !n.is_finite(),
        _ => false,
    }
}

/// Vega-Lite's `"zero-or-min"` in data units: zero where the domain holds it (never on a
/// log scale), else the domain's minimum.
fn zero_or_min(domain: (f64, f64), log: bool) -> f64 {
    let (lo, hi) = (domain.0.min(domain.1), domain.0.max(domain.1));
    if !log && lo <= 0.0 && 0.0 <= hi {
        0.0
    } else {
        lo
    }
}

/// A position value as a number (dates as ms since the epoch).
pub(crate) fn number_of(v: &Value<'_>) -> Option<f64> {
    match v {
        Value::Number(n) | Value::Date(n) => Some(*n),
        _ => None,
    }
}

/// The definition of a position channel in the first unit that has one.
fn first_def(units: &[Encoded], ch: Channel) -> Option<&FieldDef> {
    units.iter().find_map(|u| u.field(ch).map(|(_, d)| d))
}

/// Sort keys per category for sorts by another channel or field.
fn sort_keys(units: &[Encoded], ch: Channel, sort: &Sort) -> HashMap<String, f64> {
    let mut keys: HashMap<String, f64> = HashMap::new();
    for u in units {
        let Some((col, _)) = u.field(ch) else {
            continue;
        };
        match sort {
            Sort::ByChannel { channel, .. } => {
                for r in 0..u.rows() {
                    let k = u.table.value(col, r).to_text();
                    let v = match u.stack.as_ref().filter(|s| s.channel == *channel) {
                        Some(_) => u.value(*channel, r),
                        None => u.value(*channel, r),
                    };
                    *keys.entry(k).or_insert(0.0) += number_of(&v).unwrap_or(0.0);
                }
            }
            Sort::ByField { field, op, .. } => {
                // After aggregation the field may live on under its aggregate's column.
                let field = match field {
                    Some(f) if u.table.column(f).is_none() => u
                        .channels
                        .iter()
                        .find_map(|(_, b)| match b {
                            Bound::Column { column, def } if def.field == *f => {
                                Some(column.clone())
                            }
                            _ => None,
                        })
                        .or(Some(f.clone())),
                    other => other.clone(),
                };
                let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
                for r in 0..u.rows() {
                    rows.entry(u.table.value(col, r).to_text())
                        .or_default()
                        .push(r);
                }
                for (k, rs) in rows {
                    let v = compute(&u.table, *op, field.as_deref(), &rs)
                        .as_value()
                        .as_number()
                        .unwrap_or(0.0);
                    keys.insert(k, v);
                }
            }
            _ => {}
        }
    }
    keys
}

/// Orders discrete values (see [`crate::scale::ordered`]) by a field definition's sort.
/// A discrete time unit's labels are in time order (`crate::scale::time_unit_order`).
pub fn ordered(values: Vec<String>, def: &FieldDef, keys: &HashMap<String, f64>) -> Vec<String> {
    let by_time = def
        .time_unit
        .filter(|_| def.ty.is_discrete())
        .and_then(|unit| crate::scale::time_unit_order(&values, unit, &def.sort, &def.scale));
    by_time.unwrap_or_else(|| crate::scale::ordered(values, &def.sort, &def.scale, keys))
}

/// Builds the scale of position channel `ch` (X or Y) over all units.
pub fn position(units: &[Encoded], ch: Channel, ctx: &Ctx) -> Option<PosScale> {
    let ch2 = if ch == Channel::X {
        Channel::X2
    } else {
        Channel::Y2
    };
    // A `value` is in pixels: it needs no scale.
    let scaled =
        |b: Option<&Bound>| matches!(b, Some(Bound::Column { .. }) | Some(Bound::Datum(_)));
    let bound = units
        .iter()
        .any(|u| scaled(u.get(ch)) || scaled(u.get(ch2)));
    if !bound {
        return None;
    }
    let def = first_def(units, ch).or_else(|| first_def(units, ch2));
    let discrete = units.iter().any(|u| {
        u.field(ch)
            .is_some_and(|(_, d)| d.ty.is_discrete() && d.bin.is_none())
    });
    let offset_ch = if ch == Channel::X {
        Channel::XOffset
    } else {
        Channel::YOffset
    };
    let kind = if discrete {
        let mut values = Vec::new();
        for u in units {
            if let Some((col, _)) = u.field(ch) {
                for r in 0..u.rows() {
                    match u.table.value(col, r) {
                        Value::Null => {}
                        v => values.push(v.to_text()),
                    }
                }
            }
        }
        let d = def.cloned().unwrap_or_else(|| placeholder_def(ch));
        let keys = sort_keys(units, ch, &d.sort);
        let mut domain = ordered(values, &d, &keys);
        if d.scale.reverse == Some(true) {
            domain.reverse();
        }
        PosKind::Band {
            domain,
            bars: units.iter().any(|u| {
                matches!(u.mark.kind, MarkKind::Bar | MarkKind::Rect)
                    || (u.mark.kind == MarkKind::Tick && u.get(ch).is_some())
            }),
        }
    } else {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut temporal = false;
        let mut widen = |v: f64| {
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        };
        for u in units {
            for c in [ch, ch2] {
                match u.get(c) {
                    Some(Bound::Column { column, def }) => {
                        temporal |= def.ty == FieldType::Temporal;
                        let stacked = u.stack.as_ref().filter(|s| s.channel == ch && c == ch);
                        for r in 0..u.rows() {
                            if let Some(s) = stacked {
                                u.table.value(&s.start, r).as_number().map(&mut widen);
                                u.table.value(&s.end, r).as_number().map(&mut widen);
                            } else if let Some(v) = number_of(&u.table.value(column, r)) {
                                widen(v);
                            }
                        }
                    }
                    Some(Bound::Datum(ConstValue::Number(n))) => widen(*n),
                    Some(Bound::Datum(ConstValue::Text(t))) => {
                        if let Some(d) = crate::table::infer::parse_date(t) {
                            temporal = true;
                            widen(d);
                        }
                    }
                    _ => {}
                }
            }
        }
        let d = def.cloned().unwrap_or_else(|| placeholder_def(ch));
        let ty = d.scale.ty.unwrap_or(ScaleType::Linear);
        let binned = units
            .iter()
            .any(|u| u.field(ch).is_some_and(|(_, d)| d.bin.is_some()));
        let zero = d
            .scale
            .zero
            .unwrap_or(!temporal && !binned && ty != ScaleType::Log);
        if zero && !temporal {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        // A temporal domain may be given as two date texts (`["2015", "2024-06"]`).
        let fixed = d
            .scale
            .domain_numbers
            .or_else(|| match d.scale.domain_values.as_deref() {
                Some([a, b]) if temporal => Some((
                    crate::table::infer::parse_temporal(a)?,
                    crate::table::infer::parse_temporal(b)?,
                )),
                _ => None,
            });
        if let Some((a, b)) = fixed {
            (lo, hi) = (a, b);
        }
        if ty == ScaleType::Log {
            lo = lo.max(f64::MIN_POSITIVE);
        }
        PosKind::Continuous {
            ty,
            lo,
            hi,
            temporal,
            nice: d.scale.nice.unwrap_or(!binned),
            fixed: fixed.is_some(),
        }
    };
    let axis = def.and_then(|d| d.axis.clone());
    let show_axis = def.is_none_or(|d| d.axis.is_some());
    // With a field on both x and x2 (or y, y2) of one unit and no axis title, the axis is
    // titled as Vega-Lite titles it: by the fields' own titles (both, joined by ", ", when both
    // have one), else by both fields' default titles ("start, end").
    let end_def = units
        .iter()
        .find(|u| u.field(ch).is_some())
        .and_then(|u| u.field(ch2))
        .map(|(_, d)| d);
    let title = def.and_then(|d| match d.axis.as_ref().and_then(|a| a.title.clone()) {
        Some(explicit) => explicit,
        None => {
            let join = |a: String, b: String| if a == b { a } else { format!("{a}, {b}") };
            match (&d.title, end_def.map(|e| (e, &e.title))) {
                (Some(Some(a)), Some((_, Some(Some(b))))) => Some(join(a.clone(), b.clone())),
                (Some(own), _) => own.clone(),
                (None, Some((_, Some(end)))) => end.clone(),
                (None, Some((e, None))) => Some(join(d.display_title(), e.display_title())),
                (None, None) => Some(d.display_title()),
            }
        }
    });
    let format = match def.and_then(|d| {
        d.axis
            .as_ref()
            .and_then(|a| a.format.clone())
            .or_else(|| d.format.clone())
    }) {
        None => match (&kind, def.and_then(|d| d.time_unit)) {
            (PosKind::Continuous { temporal: true, .. }, Some(unit)) => LabelFormat::Time(
                crate::format::unit_pattern(unit, ctx.time_locale),
                ctx.time_locale,
            ),
            (PosKind::Continuous { temporal: true, .. }, None) => {
                LabelFormat::Calendar(ctx.time_locale)
            }
            // A stack normalised to 1: shares, written as Vega-Lite's default
            // `normalizedNumberFormat` writes them (`.0%`: 0%, 20%, …).
            _ if def.is_some_and(|d| d.stack == Some(crate::spec::Stack::Normalize)) => {
                NumberFormat::parse(".0%").map_or(LabelFormat::Default, LabelFormat::Number)
            }
            _ => LabelFormat::Default,
        },
        Some(f) => {
            let format_type = def.and_then(|d| {
                d.axis
                    .as_ref()
                    .and_then(|a| a.format_type)
                    .or(d.format_type)
            });
            let time = matches!(kind, PosKind::Continuous { temporal: true, .. })
                || format_type == Some(crate::spec::FormatType::Time)
                || (def.is_some_and(|d| d.time_unit.is_some())
                    && format_type != Some(crate::spec::FormatType::Number));
            if time {
                LabelFormat::Time(f, ctx.time_locale)
            } else {
                NumberFormat::parse(&f).map_or(LabelFormat::Default, LabelFormat::Number)
            }
        }
    };
    let quantitative = matches!(kind, PosKind::Continuous { .. });
    // Chinese numbers: asked for by the chart, or by the field (`formatType: "zh"`) —
    // a d3 format the field gives still wins over the chart's choice.
    let zh_field = def.is_some_and(|d| {
        d.format_type == Some(crate::spec::FormatType::Zh)
            || d.axis.as_ref().and_then(|a| a.format_type) == Some(crate::spec::FormatType::Zh)
    });
    let zh_chart = ctx.numbers == crate::format::Numbers::Zh && format == LabelFormat::Default;
    // The chart's unit belongs to its value axis: y, or x when y is not quantitative
    // (horizontal bars) — never a quantitative year axis beside a measure.
    let other = if ch == Channel::X {
        Channel::Y
    } else {
        Channel::X
    };
    let other_quantitative = units.iter().any(|u| {
        u.field(other)
            .is_some_and(|(_, d)| d.ty == crate::spec::FieldType::Quantitative)
    });
    let unit = crate::format::Unit::of(ctx.unit.as_deref());
    let unit = if ch == Channel::Y || !other_quantitative {
        unit
    } else {
        crate::format::Unit {
            factor: 1.0,
            magnitude: "",
            base: unit.base,
        }
    };
    let (format, title) = match &kind {
        PosKind::Continuous {
            lo,
            hi,
            temporal: false,
            ty: ScaleType::Linear | ScaleType::Sqrt,
            ..
        } if zh_field || zh_chart => {
            let axis = unit.zh_axis(*lo, *hi, &[]);
            (
                LabelFormat::Zh {
                    lo: *lo,
                    hi: *hi,
                    factor: unit.factor,
                },
                axis.title(title.as_deref(), Some(unit.base).filter(|b| !b.is_empty())),
            )
        }
        // Figures written plainly, as the source states them: the axis names a scaled
        // unit or a percentage (`单位:万项`).
        PosKind::Continuous {
            temporal: false, ..
        } if format == LabelFormat::Default => (format, unit.axis_title(title.as_deref())),
        _ => (format, title),
    };
    let offset = units
        .iter()
        .find_map(|u| {
            u.field(offset_ch)
                .map(|(col, d)| (u, col.to_string(), d.clone()))
        })
        .map(|(u, col, d)| {
            let values: Vec<String> = units
                .iter()
                .flat_map(|x| {
                    (0..x.rows())
                        .filter_map(|r| {
                            x.field(offset_ch)
                                .map(|(c, _)| x.table.value(c, r).to_text())
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let _ = (u, col);
            ordered(values, &d, &HashMap::new())
        });
    let mut kind = kind;
    let bin_step = match &mut kind {
        PosKind::Continuous {
            temporal: false,
            hi,
            fixed: false,
            ..
        } => bin_step_of(units, ch, ch2).map(|(step, ends_read)| {
            // Marks at bin starts: the axis still runs to the last bin's end, as Vega's.
            if !ends_read {
                *hi += step;
            }
            step
        }),
        _ => None,
    };
    let band_time_unit = match kind {
        PosKind::Band { .. } => def.and_then(|d| d.time_unit),
        _ => None,
    };
    Some(PosScale {
        band_time_unit,
        channel: ch,
        reversed: quantitative
            && (def.is_some_and(|d| d.sort == Sort::Descending)
                != def.is_some_and(|d| d.scale.reverse == Some(true))),
        clamp: def.is_some_and(|d| d.scale.clamp == Some(true)),
        band_padding: (
            def.and_then(|d| d.scale.padding_inner)
                .or(ctx.band_padding.0),
            def.and_then(|d| d.scale.padding_outer)
                .or(ctx.band_padding.1),
        ),
        kind,
        title: if show_axis { title } else { None },
        show_axis,
        grid: axis
            .as_ref()
            .and_then(|a| a.grid)
            .or(ctx.axis_grid)
            .unwrap_or(quantitative),
        format,
        label_angle: axis.as_ref().and_then(|a| a.label_angle),
        label_limit: axis.as_ref().and_then(|a| a.label_limit),
        label_overlap: axis.as_ref().and_then(|a| a.label_overlap).unwrap_or(false),
        label_expr: axis.as_ref().and_then(|a| a.label_expr.clone()),
        tick_count: axis.as_ref().and_then(|a| a.tick_count),
        values: axis.as_ref().and_then(|a| a.values.clone()),
        spacing: axis
            .as_ref()
            .map(super::axis::AxisSpacing::of)
            .unwrap_or_default(),
        label_align: axis.as_ref().and_then(|a| a.label_align),
        orient: axis.as_ref().and_then(|a| a.orient),
        side: super::axis::Side::of(
            axis.as_ref().and_then(|a| a.orient),
            if ch == Channel::X {
                super::axis::Side::Bottom
            } else {
                super::axis::Side::Left
            },
        ),
        bin_step,
        offset,
    })
}

fn placeholder_def(ch: Channel) -> FieldDef {
    FieldDef {
        field: String::new(),
        ty: FieldType::Quantitative,
        title: Some(None),
        aggregate: None,
        arg_field: None,
        bin: None,
        time_unit: None,
        sort: Sort::Ascending,
        stack: None,
        scale: Default::default(),
        axis: Some(Default::default()),
        legend: None,
        format: None,
        format_type: None,
        tooltip_format: None,
        time_format: None,
        path: format!("encoding.{}", ch.name()),
        impute: None,
        band_position: None,
    }
}

/// A discrete colour scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorScale {
    /// Values in legend order.
    pub domain: Vec<String>,
    /// One colour per value.
    pub colors: Vec<Color>,
    /// Legend title, if a legend is shown.
    pub legend_title: Option<Option<String>>,
    /// Legend placement.
    pub orient: Option<crate::spec::LegendOrient>,
    /// Whether a legend is shown.
    pub legend: bool,
    /// A continuous scale (quantitative colour): values are numbers on this ramp, and
    /// `domain`/`colors` are empty.
    pub ramp: Option<super::legend_gradient::Ramp>,
    /// A discretizing scale (quantize, quantile, threshold): the marks' colours by step;
    /// `domain`/`colors` are then the legend's entries (the steps' labels).
    pub steps: Option<ColorSteps>,
    /// `legend.format` (a d3-format specifier) for a gradient legend's ticks.
    pub legend_format: Option<String>,
}

/// A discretizing colour scale's steps.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorSteps {
    /// Ascending cut points; a value on a cut belongs to the step above.
    pub cuts: Vec<f64>,
    /// One colour per step (`cuts.len() + 1`; the last repeats if there are fewer).
    pub colors: Vec<Color>,
}

impl ColorSteps {
    /// The colour of the step `v` falls in.
    pub fn color(&self, v: f64) -> Color {
        let i = self.cuts.partition_point(|c| *c <= v);
        self.colors
            .get(i)
            .or(self.colors.last())
            .copied()
            .unwrap_or(Color::rgb(0, 0, 0))
    }
}

impl ColorScale {
    /// The colour of row `r` of a unit coloured by `column`: [`ColorScale::color`] of its
    /// value, except for an invalid number on a continuous or discretizing scale of a
    /// mark that shows them ([`crate::spec::Mark::shows_invalid`]): the configured colour,
    /// or on a ramp the colour of zero, or of the domain's minimum when the domain leaves
    /// zero out (Vega-Lite's `"zero-or-min"`; elsewhere such a value is grey).
    pub fn of_row(&self, u: &Encoded, column: &str, r: usize) -> Color {
        let v = u.table.value(column, r);
        let continuous = self.ramp.is_some() || self.steps.is_some();
        match (continuous && invalid_value(&v))
            .then(|| u.mark.shows_invalid(Channel::Color))
            .flatten()
        {
            Some(crate::spec::InvalidOutput::Value(ConstValue::Text(t))) => {
                Color::parse(t).unwrap_or(Color::rgb(190, 190, 190))
            }
            Some(_) => match &self.ramp {
                Some(ramp) => ramp.color(zero_or_min(ramp.domain, false)),
                None => self.color(&v.to_text()),
            },
            None => self.color(&v.to_text()),
        }
    }

    /// The colour of a value (the first colour for unknown values).
    pub fn color(&self, key: &str) -> Color {
        if let Some(steps) = &self.steps {
            return match crate::decimal::parse_f64(key) {
                Some(v) => steps.color(v),
                None => Color::rgb(190, 190, 190),
            };
        }
        if let Some(ramp) = &self.ramp {
            return match crate::decimal::parse_f64(key) {
                Some(v) => ramp.color(v),
                None => Color::rgb(190, 190, 190),
            };
        }
        let i = self.domain.iter().position(|d| d == key).unwrap_or(0);
        self.colors.get(i).copied().unwrap_or(Color::rgb(0, 0, 0))
    }
}

/// Builds the colour scale over all units' colour fields.
pub fn color(units: &[Encoded], ctx: &Ctx) -> Option<ColorScale> {
    let def = first_def(units, Channel::Color)?.clone();
    #[cfg(feature = "full")]
    if let Some(steps) = &def.scale.steps {
        let stops = ramp_stops(units, &def);
        return Some(super::steps::color(units, &def, steps, stops));
    }
    if def.ty == FieldType::Quantitative && def.bin.is_none() {
        return continuous_color(units, &def);
    }
    let mut values = Vec::new();
    for u in units {
        if let Some((col, _)) = u.field(Channel::Color) {
            for r in 0..u.rows() {
                match u.table.value(col, r) {
                    Value::Null => {}
                    v => values.push(v.to_text()),
                }
            }
        }
    }
    let keys = sort_keys(units, Channel::Color, &def.sort);
    let domain = ordered(values, &def, &keys);
    let distinct: Vec<&str> = domain.iter().map(String::as_str).collect();
    let vocab = crate::vocab::vocabulary_of(&distinct);
    let palette: Vec<Color> = if let Some(r) = &def.scale.range_colors {
        r.clone()
    } else if let Some(s) = def.scale.scheme.as_deref().and_then(crate::theme::scheme) {
        s.to_vec()
    } else if let Some(stops) = def
        .scale
        .scheme
        .as_deref()
        .and_then(crate::theme::ramps::ramp)
    {
        // A continuous scheme on discrete values: samples of the ramp, as Vega takes them.
        scheme_samples(
            &stops.iter().map(|&c| Color::hex(c)).collect::<Vec<_>>(),
            def.scale.reverse.unwrap_or(false),
            domain.len().max(1),
        )
    } else if let Some(c) = &ctx.category_colors {
        c.clone()
    } else {
        ctx.theme.palette.to_vec()
    };
    let custom = def.scale.range_colors.is_some()
        || def.scale.scheme.is_some()
        || ctx.category_colors.is_some();
    let colors = domain
        .iter()
        .enumerate()
        .map(|(i, v)| match (&vocab, custom) {
            (Some(vc), false) => vc.color(v).unwrap_or(palette[i % palette.len().max(1)]),
            _ => palette
                .get(i % palette.len().max(1))
                .copied()
                .unwrap_or(ctx.theme.mark_color),
        })
        .collect();
    Some(ColorScale {
        legend: def.legend.is_some(),
        legend_title: legend_title(&def),
        orient: def.legend.as_ref().and_then(|l| l.orient),
        domain,
        colors,
        ramp: None,
        steps: None,
        legend_format: None,
    })
}

/// A colour legend's title (`None` inside: `title: null`, none drawn) when the field has a
/// legend: the legend's own title, else the field's, else its default title.
pub(super) fn legend_title(def: &FieldDef) -> Option<Option<String>> {
    def.legend.as_ref().map(|l| {
        l.title.clone().unwrap_or_else(|| match &def.title {
            Some(t) => t.clone(),
            None => Some(def.display_title()),
        })
    })
}

/// `count` colours of a continuous scheme for `count` categories or steps, as Vega samples
/// an interpolating scheme for a discrete scale:
/// at i/(count + 1) for i = 1…count (so neither end's palest or darkest colour).
pub fn scheme_samples(stops: &[Color], reverse: bool, count: usize) -> Vec<Color> {
    let ramp = super::legend_gradient::Ramp {
        stops: stops.to_vec(),
        domain: (0.0, 1.0),
        mid: None,
        reverse: false,
    };
    (1..=count)
        .map(|i| {
            let t = i as f64 / (count + 1) as f64;
            ramp.at(if reverse { 1.0 - t } else { t })
        })
        .collect()
}

/// A quantitative colour field's scale: its extent (or `scale.domain`) onto a ramp —
/// `scale.range` colours, a named `scheme`, or Vega-Lite's defaults (`blues`;
/// `yellowGreenBlue` on `rect` marks; `blueOrange` with a `domainMid`).
fn continuous_color(units: &[Encoded], def: &FieldDef) -> Option<ColorScale> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for u in units {
        if let Some((col, _)) = u.field(Channel::Color) {
            for r in 0..u.rows() {
                if let Some(v) = number_of(&u.table.value(col, r)) {
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
        }
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let domain = def.scale.domain_numbers.unwrap_or((lo, hi));
    let stops = ramp_stops(units, def);
    Some(ColorScale {
        legend: def.legend.is_some(),
        legend_title: legend_title(def),
        orient: def.legend.as_ref().and_then(|l| l.orient),
        domain: Vec::new(),
        colors: Vec::new(),
        ramp: Some(super::legend_gradient::Ramp {
            stops,
            domain,
            mid: def.scale.domain_mid,
            reverse: def.scale.reverse.unwrap_or(false),
        }),
        steps: None,
        legend_format: def.legend.as_ref().and_then(|l| l.format.clone()),
    })
}

/// The colour stops of a quantitative colour field's ramp: `scale.range` colours, a
/// named `scheme`, or Vega-Lite's defaults (`blues`; `yellowGreenBlue` on `rect` marks;
/// `blueOrange` with a `domainMid`).
fn ramp_stops(units: &[Encoded], def: &FieldDef) -> Vec<Color> {
    use crate::theme::ramps;
    // Vega-Lite's "heatmap" range serves rect and geoshape marks.
    let rect = units.iter().any(|u| {
        matches!(
            u.mark.kind,
            crate::spec::MarkKind::Rect | crate::spec::MarkKind::Geoshape
        )
    });
    match (&def.scale.range_colors, def.scale.scheme.as_deref()) {
        (Some(colors), _) => colors.clone(),
        (None, Some(name)) => match ramps::ramp(name) {
            Some(stops) => stops.iter().map(|&c| Color::hex(c)).collect(),
            // A categorical scheme named for a quantitative field: its colours as stops.
            None => crate::theme::scheme(name)
                .map(<[Color]>::to_vec)
                .unwrap_or_default(),
        },
        (None, None) => {
            let name = if def.scale.domain_mid.is_some() {
                ramps::DEFAULT_DIVERGING
            } else if rect {
                ramps::DEFAULT_HEATMAP
            } else {
                ramps::DEFAULT_SEQUENTIAL
            };
            ramps::ramp(name)
                .unwrap_or_default()
                .iter()
                .map(|&c| Color::hex(c))
                .collect()
        }
    }
}

/// A continuous scale for size or opacity: data extent onto an output range.
#[derive(Debug, Clone, PartialEq)]
pub struct MagnitudeScale {
    /// Data extent.
    pub domain: (f64, f64),
    /// Output range.
    pub range: (f64, f64),
    /// Whether the plot draws its size legend (false in facet cells, which share one
    /// scale).
    pub legend: bool,
    /// A discretizing scale (quantize, quantile, threshold): ascending cut points and one
    /// output per step; `domain` and `range` are then unused.
    pub steps: Option<(Vec<f64>, Vec<f64>)>,
}

impl MagnitudeScale {
    /// The output for row `r` of a unit whose channel `ch` (size or opacity) reads
    /// `column`: [`MagnitudeScale::map`] of its number; for an invalid value (null, NaN,
    /// ±∞) of a channel that shows them ([`crate::spec::Mark::shows_invalid`]), the
    /// configured output or the output of zero-or-min (Vega-Lite's `"show"`); else `None`.
    pub fn of_row(&self, u: &Encoded, ch: Channel, column: &str, r: usize) -> Option<f64> {
        let v = u.table.value(column, r);
        match v.as_number().filter(|n| n.is_finite()) {
            Some(n) => Some(self.map(n)),
            None if invalid_value(&v) => match u.mark.shows_invalid(ch)? {
                crate::spec::InvalidOutput::Value(ConstValue::Number(n)) => Some(*n),
                crate::spec::InvalidOutput::Value(_) => None,
                crate::spec::InvalidOutput::ZeroOrMin => {
                    Some(self.map(zero_or_min(self.domain, false)))
                }
            },
            None => None,
        }
    }

    /// Output for `v`.
    pub fn map(&self, v: f64) -> f64 {
        if let Some((cuts, outputs)) = &self.steps {
            let i = cuts.partition_point(|c| *c <= v);
            return outputs
                .get(i)
                .or(outputs.last())
                .copied()
                .unwrap_or(self.range.1);
        }
        let (a, b) = self.domain;
        let t = if b > a {
            ((v - a) / (b - a)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        self.range.0 + t * (self.range.1 - self.range.0)
    }
}

/// Builds a size or opacity scale from quantitative fields on `ch`.
pub fn magnitude(
    units: &[Encoded],
    ch: Channel,
    default_range: (f64, f64),
) -> Option<MagnitudeScale> {
    let def = first_def(units, ch)?;
    #[cfg(feature = "full")]
    if let Some(steps) = &def.scale.steps {
        return Some(super::steps::magnitude(
            units,
            ch,
            def,
            steps,
            default_range,
        ));
    }
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for u in units {
        if let Some((col, _)) = u.field(ch) {
            for r in 0..u.rows() {
                if let Some(v) = number_of(&u.table.value(col, r)) {
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
        }
    }
    if !lo.is_finite() {
        return None;
    }
    let zero = def.scale.zero.unwrap_or(true);
    let lo = if zero { lo.min(0.0) } else { lo };
    Some(MagnitudeScale {
        domain: def.scale.domain_numbers.unwrap_or((lo, hi)),
        range: def.scale.range_numbers.unwrap_or(default_range),
        legend: true,
        steps: None,
    })
}
