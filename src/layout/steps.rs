//! Discretizing scales (`quantize`, `quantile`, `threshold`; feature `full`): a continuous
//! domain cut into steps, each step one colour, size or opacity, and the legend that
//! names each step by its bounds ("< 37", "37 – 55", "≥ 73") as Vega labels them.
//!
//! The cut points: `quantize` cuts the domain (data extent, or `scale.domain`; with
//! `zero`, widened to 0) into equal steps; `quantile` cuts at the data's quantiles
//! (`transform::quantile::quantile_sorted`, the crate's one quantile); `threshold` cuts
//! at its `domain`'s values. A value equal to a cut point belongs to the step above it.

use super::scales::{number_of, scheme_samples, ColorScale, ColorSteps, MagnitudeScale};
use crate::color::Color;
use crate::encode::Encoded;
use crate::spec::{Channel, FieldDef, Steps};
use crate::transform::quantile::quantile_sorted;

/// Vega's number of colours taken from a scheme for a quantize or quantile scale.
const SCHEME_STEPS: usize = 5;
/// Vega-Lite's `config.scale.quantizeCount` and `quantileCount`: the steps of a size or
/// opacity range given as two ends (or not at all).
const RANGE_STEPS: usize = 4;
/// Vega's label format of a step legend: the precision of ticks 30 to the label span.
const LABEL_TICKS: usize = 30;

/// The cut points of a scale of `steps` with `count` steps over the data `values`
/// (any order; non-finite ones ignored); `domain` is `scale.domain` and `zero` the
/// scale's `zero` (quantize only).
pub fn cuts(
    steps: &Steps,
    values: &[f64],
    domain: Option<(f64, f64)>,
    zero: bool,
    count: usize,
) -> Vec<f64> {
    let count = count.max(1);
    match steps {
        Steps::Threshold(cuts) => cuts.clone(),
        Steps::Quantize => {
            let (lo, hi) = quantize_domain(values, domain, zero);
            (1..count)
                .map(|i| lo + (hi - lo) * i as f64 / count as f64)
                .collect()
        }
        Steps::Quantile => {
            let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
            if sorted.is_empty() {
                return Vec::new();
            }
            sorted.sort_by(f64::total_cmp);
            (1..count)
                .map(|i| quantile_sorted(&sorted, i as f64 / count as f64))
                .collect()
        }
    }
}

/// A quantize scale's domain: `scale.domain`, else the data's extent (with `zero`,
/// widened to include 0); 0…1 without data.
fn quantize_domain(values: &[f64], domain: Option<(f64, f64)>, zero: bool) -> (f64, f64) {
    if let Some(d) = domain {
        return d;
    }
    let (mut lo, mut hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if zero {
        (lo.min(0.0), hi.max(0.0))
    } else {
        (lo, hi)
    }
}

/// The legend labels of the steps between `cuts`: "< a", "a – b", …, "≥ z"; numbers with
/// thousands separators and the decimals of a tick step 1/30 of `span` (Vega's label
/// format: the domain's extent for quantize, the closest two cuts otherwise).
pub fn labels(cuts: &[f64], span: f64, format: Option<&str>) -> Vec<String> {
    let decimals = crate::format::decimals_for_step(crate::scale::tick_step(span, LABEL_TICKS));
    let given = format.and_then(crate::format::NumberFormat::parse);
    let text = |v: f64| match &given {
        Some(f) => f.format(v),
        None => crate::format::grouped(v, decimals),
    };
    let Some((first, last)) = cuts.first().zip(cuts.last()) else {
        return vec![String::new()];
    };
    let mut out = vec![format!("< {}", text(*first))];
    out.extend(
        cuts.windows(2)
            .map(|w| format!("{} – {}", text(w[0]), text(w[1]))),
    );
    out.push(format!("≥ {}", text(*last)));
    out
}

/// The span the labels' decimals are read from (see [`labels`]).
fn label_span(steps: &Steps, cuts: &[f64], values: &[f64], def: &FieldDef) -> f64 {
    match steps {
        Steps::Quantize => {
            let (lo, hi) = quantize_domain(values, def.scale.domain_numbers, false);
            hi - lo
        }
        _ => match cuts {
            [] => 1.0,
            [one] => one.abs(),
            _ => cuts
                .windows(2)
                .map(|w| w[1] - w[0])
                .fold(f64::INFINITY, f64::min),
        },
    }
}

/// The number values of channel `ch` over all units.
fn values_of(units: &[Encoded], ch: Channel) -> Vec<f64> {
    let mut out = Vec::new();
    for u in units {
        if let Some((col, _)) = u.field(ch) {
            out.extend((0..u.rows()).filter_map(|r| number_of(&u.table.value(col, r))));
        }
    }
    out
}

/// The colour scale of a colour field with a discretizing scale: the marks' colours by
/// step, and a legend entry per step. When size is the same field on a discretizing scale
/// too, the legend (one legend for both, as Vega merges them) names size's steps, each
/// coloured as its lower bound is.
pub fn color(units: &[Encoded], def: &FieldDef, steps: &Steps, stops: Vec<Color>) -> ColorScale {
    let values = values_of(units, Channel::Color);
    let categorical = def.scale.scheme.as_deref().and_then(crate::theme::scheme);
    let count = match (steps, &def.scale.range_colors) {
        (Steps::Threshold(c), _) => c.len() + 1,
        (_, Some(colors)) => colors.len().max(1),
        _ => def.scale.scheme_count.unwrap_or(SCHEME_STEPS),
    };
    let colors: Vec<Color> = match (&def.scale.range_colors, categorical) {
        (Some(colors), _) => colors.clone(),
        (None, Some(scheme)) => scheme.iter().copied().cycle().take(count).collect(),
        (None, None) => scheme_samples(&stops, def.scale.reverse.unwrap_or(false), count),
    };
    let zero = def.scale.zero.unwrap_or(false);
    let own_cuts = cuts(steps, &values, def.scale.domain_numbers, zero, count);
    let marks = ColorSteps {
        cuts: own_cuts.clone(),
        colors,
    };
    // The legend's steps: size's, when size shows the same field by steps.
    let size = units.iter().find_map(|u| {
        u.field(Channel::Size)
            .filter(|(_, d)| d.field == def.field && d.scale.steps.is_some())
            .map(|(_, d)| d.clone())
    });
    let (legend_cuts, span) = match size.as_ref() {
        Some(sd) => {
            let sv = values_of(units, Channel::Size);
            let s_steps = sd.scale.steps.as_ref().unwrap_or(steps);
            let c = cuts(
                s_steps,
                &sv,
                sd.scale.domain_numbers,
                sd.scale.zero.unwrap_or(false),
                size_count(s_steps, sd),
            );
            let span = label_span(s_steps, &c, &sv, sd);
            (c, span)
        }
        None => {
            let span = label_span(steps, &own_cuts, &values, def);
            (own_cuts, span)
        }
    };
    let format = def.legend.as_ref().and_then(|l| l.format.clone());
    let domain = labels(&legend_cuts, span, format.as_deref());
    let legend_colors = std::iter::once(f64::NEG_INFINITY)
        .chain(legend_cuts.iter().copied())
        .map(|v| marks.color(v))
        .collect();
    ColorScale {
        legend: def.legend.is_some(),
        legend_title: super::scales::legend_title(def),
        orient: def.legend.as_ref().and_then(|l| l.orient),
        domain,
        colors: legend_colors,
        ramp: None,
        steps: Some(marks),
        legend_format: format,
    }
}

/// The number of steps of a size or opacity scale: the range's values, a threshold's
/// cuts + 1, else Vega-Lite's default count.
fn size_count(steps: &Steps, def: &FieldDef) -> usize {
    match (steps, &def.scale.range_steps) {
        (_, Some(r)) => r.len().max(1),
        (Steps::Threshold(c), None) => c.len() + 1,
        _ => RANGE_STEPS,
    }
}

/// A size or opacity scale by steps: the range's values (or `count` values evenly from
/// one end of `scale.range` or `default_range` to the other), one per step.
pub fn magnitude(
    units: &[Encoded],
    ch: Channel,
    def: &FieldDef,
    steps: &Steps,
    default_range: (f64, f64),
) -> MagnitudeScale {
    let values = values_of(units, ch);
    let count = size_count(steps, def);
    let outputs = match &def.scale.range_steps {
        Some(r) => r.clone(),
        None => {
            let (a, b) = def.scale.range_numbers.unwrap_or(default_range);
            (0..count)
                .map(|i| {
                    if count == 1 {
                        b
                    } else {
                        a + (b - a) * i as f64 / (count - 1) as f64
                    }
                })
                .collect()
        }
    };
    let cuts = cuts(
        steps,
        &values,
        def.scale.domain_numbers,
        def.scale.zero.unwrap_or(false),
        count,
    );
    MagnitudeScale {
        domain: (0.0, 1.0),
        range: default_range,
        // The steps' legend entries are drawn by the step legend (`layout::legend`), not by
        // the continuous size legend.
        legend: false,
        steps: Some((cuts, outputs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // SYNTHETIC test data: the nine values of Vega-Lite's circle_scale_* examples.
    const B: [f64; 9] = [28.0, 55.0, 43.0, 91.0, 81.0, 53.0, 19.0, 87.0, 52.0];

    #[test]
    fn quantize_cuts_the_extent_into_equal_steps() {
        // Extent 19…91, 4 steps of (91 − 19)/4 = 18: cuts 37, 55, 73.
        assert_eq!(
            cuts(&Steps::Quantize, &B, None, false, 4),
            [37.0, 55.0, 73.0]
        );
        // With zero: 0…91 in 5 steps of 18.2: 18.2, 36.4, 54.6, 72.8.
        let c = cuts(&Steps::Quantize, &B, None, true, 5);
        for (got, want) in c.iter().zip([18.2, 36.4, 54.6, 72.8]) {
            assert!((got - want).abs() < 1e-9, "{c:?}");
        }
    }

    #[test]
    fn quantile_cuts_at_the_datas_quantiles() {
        // Sorted: 19 28 43 52 53 55 81 87 91; rank (n − 1)·p = 8p: p = .25 → rank 2 = 43,
        // .5 → rank 4 = 53, .75 → rank 6 = 81.
        assert_eq!(
            cuts(&Steps::Quantile, &B, None, false, 4),
            [43.0, 53.0, 81.0]
        );
        // p = .2 → rank 1.6: 28 + .6·(43 − 28) = 37.
        let c = cuts(&Steps::Quantile, &B, None, false, 5);
        assert!((c[0] - 37.0).abs() < 1e-9, "{c:?}");
    }

    #[test]
    fn a_value_on_a_cut_belongs_to_the_step_above() {
        let (a, b, c) = (
            Color::rgb(1, 0, 0),
            Color::rgb(2, 0, 0),
            Color::rgb(3, 0, 0),
        );
        let steps = ColorSteps {
            cuts: vec![30.0, 70.0],
            colors: vec![a, b, c],
        };
        assert_eq!(steps.color(29.9), a);
        assert_eq!(steps.color(30.0), b);
        assert_eq!(steps.color(69.0), b);
        assert_eq!(steps.color(70.0), c);
        let sizes = MagnitudeScale {
            domain: (0.0, 1.0),
            range: (0.0, 1.0),
            legend: false,
            steps: Some((vec![30.0, 70.0], vec![80.0, 200.0, 320.0])),
        };
        assert_eq!(sizes.map(30.0), 200.0);
        assert_eq!(sizes.map(91.0), 320.0);
    }

    #[test]
    fn labels_name_each_steps_bounds_with_the_spans_decimals() {
        // Span 72 / 30 = 2.4 → tick step 2: no decimals.
        assert_eq!(
            labels(&[37.0, 55.0, 73.0], 72.0, None),
            ["< 37", "37 – 55", "55 – 73", "≥ 73"]
        );
        // Closest cuts 10 apart: 10 / 30 = 0.33 → tick step 0.2: one decimal.
        assert_eq!(labels(&[43.0, 53.0, 81.0], 10.0, None)[1], "43.0 – 53.0");
        // legend.format "d": whole numbers, d3 rounding 52.2 down and 54.6 up.
        assert_eq!(labels(&[52.2, 54.6], 2.4, Some("d"))[1], "52 – 55");
    }

    #[test]
    fn scheme_samples_leave_out_both_ends() {
        // Stops white … black: 3 samples at 1/4, 2/4, 3/4 → 191, 128 (127.5 rounded), 64.
        let stops = [Color::rgb(255, 255, 255), Color::rgb(0, 0, 0)];
        let got: Vec<u8> = scheme_samples(&stops, false, 3)
            .iter()
            .map(|c| c.r)
            .collect();
        assert_eq!(got.len(), 3);
        assert!(
            (got[0] as i32 - 191).abs() <= 1 && (got[2] as i32 - 64).abs() <= 1,
            "{got:?}"
        );
        // Reversed: the same samples from the other end.
        let back: Vec<u8> = scheme_samples(&stops, true, 3)
            .iter()
            .map(|c| c.r)
            .collect();
        assert_eq!(back, got.iter().rev().copied().collect::<Vec<u8>>());
    }
}
