//! The `density` transform: a kernel density estimate (Gaussian kernel) of a numeric field
//! per group, sampled at evenly spaced points of its extent — what Vega-Lite draws as a
//! smooth histogram. The bandwidth, when not given, follows Scott's rule as Vega estimates
//! it: `1.06 · min(σ, IQR / 1.34) · n^(-1/5)`. Vega samples the curve adaptively (between
//! `minsteps` and `maxsteps` points); stdviz samples `steps` evenly spaced points
//! (default 100), so the drawn curve is the same function at other points.

use super::aggregate::groups;
use super::missing_field;
use crate::error::Error;
use crate::table::{column_from_cells, Cell, Table, Value};

/// What to estimate.
#[derive(Debug, Clone, Copy)]
pub struct Density<'a> {
    /// The numeric field.
    pub field: &'a str,
    /// The grouping fields.
    pub groupby: &'a [String],
    /// The kernel bandwidth; `None` or 0 estimates it per group.
    pub bandwidth: Option<f64>,
    /// The sampled extent; `None`: the field's extent over all rows.
    pub extent: Option<(f64, f64)>,
    /// The number of sample points (at least 2).
    pub steps: usize,
    /// Probability (false) or the density scaled by the group's count (true).
    pub counts: bool,
    /// The cumulative distribution instead of the density.
    pub cumulative: bool,
    /// Names of the sample point and estimate fields (default `value`, `density`).
    pub as_names: (&'a str, &'a str),
}

/// The standard normal distribution function, by Abramowitz and Stegun 7.1.26 (absolute
/// error below 1.5e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    if z >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// Scott's rule as Vega's `estimateBandwidth`.
fn bandwidth(sorted: &[f64]) -> f64 {
    let n = sorted.len() as f64;
    let mean = sorted.iter().sum::<f64>() / n;
    let variance = if sorted.len() > 1 {
        sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    let quantile = |p: f64| super::quantile::quantile_sorted(sorted, p);
    let (q1, q3) = (quantile(0.25), quantile(0.75));
    let sd = variance.sqrt();
    let iqr = (q3 - q1) / 1.34;
    let mut v = sd.min(iqr);
    if v == 0.0 || !v.is_finite() {
        v = if sd > 0.0 { sd } else { q1.abs() };
    }
    if v == 0.0 || !v.is_finite() {
        v = 1.0;
    }
    1.06 * v * n.powf(-0.2)
}

/// Applies the transform; `path` is its JSON path.
pub fn apply(t: &Table, d: &Density<'_>, path: &str) -> Result<Table, Error> {
    if t.column(d.field).is_none() {
        return Err(missing_field(t, d.field, &format!("{path}.density")));
    }
    for (i, g) in d.groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    let number = |r: usize| match t.value(d.field, r) {
        Value::Number(x) | Value::Date(x) if x.is_finite() => Some(x),
        _ => None,
    };
    let (lo, hi) = d.extent.unwrap_or_else(|| {
        (0..t.row_count())
            .filter_map(number)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            })
    });
    let mut out_groups: Vec<Vec<Cell>> = vec![Vec::new(); d.groupby.len()];
    let (mut values, mut densities) = (Vec::new(), Vec::new());
    if lo.is_finite() && hi.is_finite() {
        let steps = d.steps.max(2);
        for rows in groups(t, d.groupby) {
            let mut xs: Vec<f64> = rows.iter().filter_map(|&r| number(r)).collect();
            if xs.is_empty() {
                continue;
            }
            xs.sort_by(f64::total_cmp);
            let h = match d.bandwidth {
                Some(b) if b > 0.0 => b,
                _ => bandwidth(&xs),
            };
            let n = xs.len() as f64;
            let scale = if d.counts { n } else { 1.0 };
            for i in 0..steps {
                let x = lo + (hi - lo) * i as f64 / (steps - 1) as f64;
                let estimate = if d.cumulative {
                    xs.iter().map(|xi| normal_cdf((x - xi) / h)).sum::<f64>() / n
                } else {
                    let norm = 1.0 / (h * (2.0 * std::f64::consts::PI).sqrt());
                    xs.iter()
                        .map(|xi| norm * (-0.5 * ((x - xi) / h).powi(2)).exp())
                        .sum::<f64>()
                        / n
                };
                for (g, column) in d.groupby.iter().zip(out_groups.iter_mut()) {
                    column.push(Cell::from(t.value(g, rows[0])));
                }
                values.push(Cell::Number(x));
                densities.push(Cell::Number(estimate * scale));
            }
        }
    }
    let mut columns: Vec<_> = d
        .groupby
        .iter()
        .zip(out_groups)
        .map(|(g, cells)| column_from_cells(g, cells))
        .collect();
    columns.push(column_from_cells(d.as_names.0, values));
    columns.push(column_from_cells(d.as_names.1, densities));
    Ok(Table::new(columns).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::json::parse_records;

    fn density(t: &Table, counts: bool, cumulative: bool) -> Table {
        apply(
            t,
            &Density {
                field: "v",
                groupby: &[],
                bandwidth: Some(1.0),
                extent: Some((-10.0, 10.0)),
                steps: 201,
                counts,
                cumulative,
                as_names: ("value", "density"),
            },
            "p",
        )
        .unwrap()
    }

    #[test]
    fn a_single_point_gives_the_normal_curve_and_its_integral_is_one() {
        // SYNTHETIC: one value at 0, bandwidth 1: the standard normal density.
        let t = parse_records(r#"[{"v":0}]"#, None, "t").unwrap();
        let d = density(&t, false, false);
        assert_eq!(d.row_count(), 201);
        let at = |r: usize| d.value("density", r).as_number().unwrap();
        assert!((at(100) - 1.0 / (2.0 * std::f64::consts::PI).sqrt()).abs() < 1e-12);
        let integral: f64 = (0..201).map(|r| at(r) * 0.1).sum();
        assert!((integral - 1.0).abs() < 1e-3, "{integral}");
        let c = density(&t, false, true);
        assert!((c.value("density", 100).as_number().unwrap() - 0.5).abs() < 1e-6);
        assert!(c.value("density", 200).as_number().unwrap() > 0.999_999);
    }

    #[test]
    fn groups_each_get_a_curve_and_counts_scale_it() {
        let t = parse_records(
            r#"[{"g":"a","v":1},{"g":"a","v":2},{"g":"b","v":5}]"#,
            None,
            "t",
        )
        .unwrap();
        let out = apply(
            &t,
            &Density {
                field: "v",
                groupby: &["g".to_string()],
                bandwidth: None,
                extent: None,
                steps: 5,
                counts: true,
                cumulative: false,
                as_names: ("x", "y"),
            },
            "p",
        )
        .unwrap();
        assert_eq!(out.field_names(), ["g", "x", "y"]);
        assert_eq!(out.row_count(), 10);
        assert_eq!(out.value("x", 0).as_number(), Some(1.0));
        assert_eq!(out.value("x", 4).as_number(), Some(5.0));
        assert_eq!(out.value("g", 9).to_text(), "b");
        assert!(
            (bandwidth(&[1.0, 2.0]) - 1.06 * (0.5f64).sqrt().min(0.5 / 1.34) * 2f64.powf(-0.2))
                .abs()
                < 1e-12
        );
    }
}
