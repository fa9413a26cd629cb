//! The `loess` transform: a locally weighted regression of one numeric field (`loess`, y)
//! on another (`on`, x) per group, as Vega smooths it: for each point, a straight line
//! fitted by least squares to its `bandwidth` share of nearest neighbours (at least
//! two) weighted by the tricube of their distance, then two robustness passes that
//! weigh points down by the bisquare of their residual over six median residuals.
//! Output: one row per distinct x of the group (points of equal x averaged), in fields
//! named by `as` (default: the `on` and `loess` field names).

use super::aggregate::groups;
use super::regression::{check_fields, curve_table, ordinary_least_squares, points};
use crate::error::Error;
use crate::table::Table;

/// What to smooth.
#[derive(Debug, Clone, Copy)]
pub struct Loess<'a> {
    /// The dependent field (y).
    pub field: &'a str,
    /// The independent field (x).
    pub on: &'a str,
    /// The grouping fields.
    pub groupby: &'a [String],
    /// The share of points each local fit reads (0 to 1; Vega's default 0.3).
    pub bandwidth: f64,
    /// Names of the x and smoothed y fields.
    pub as_names: (&'a str, &'a str),
}

/// Robustness passes after the first fit.
const ROBUSTNESS_PASSES: usize = 2;
/// Below this a weight or median residual counts as zero.
const EPSILON: f64 = 1e-12;

fn tricube(d: f64) -> f64 {
    let t = 1.0 - d * d * d;
    t * t * t
}

/// The smoothed y of each point of `pts` sorted by x (both centred on their means).
fn smooth(xs: &[f64], ys: &[f64], bandwidth: f64) -> Vec<f64> {
    let n = xs.len();
    let span = ((bandwidth * n as f64) as usize).max(2).min(n);
    let mut fitted = vec![0.0; n];
    let mut residuals = vec![0.0; n];
    let mut robust = vec![1.0; n];
    for pass in 0..=ROBUSTNESS_PASSES {
        // The window [lo, lo + span) of nearest neighbours, slid along as x grows.
        let mut lo = 0;
        for i in 0..n {
            let x = xs[i];
            while lo + span < n && xs[lo + span] - x <= x - xs[lo] {
                lo += 1;
            }
            let hi = lo + span - 1;
            let farthest = (x - xs[lo]).max(xs[hi] - x);
            let scale = 1.0 / if farthest == 0.0 { 1.0 } else { farthest };
            let (mut w, mut mx, mut my, mut mxy, mut mx2) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for k in lo..=hi {
                let wk = tricube((x - xs[k]).abs() * scale) * robust[k];
                w += wk;
                mx += wk * xs[k];
                my += wk * ys[k];
                mxy += wk * xs[k] * ys[k];
                mx2 += wk * xs[k] * xs[k];
            }
            let (a, b) = if w > 0.0 {
                ordinary_least_squares(mx / w, my / w, mxy / w, mx2 / w)
            } else {
                (ys[i], 0.0)
            };
            fitted[i] = a + b * x;
            residuals[i] = (ys[i] - fitted[i]).abs();
        }
        if pass == ROBUSTNESS_PASSES {
            break;
        }
        let mut sorted = residuals.clone();
        sorted.sort_by(f64::total_cmp);
        let median = super::quantile::quantile_sorted(&sorted, 0.5);
        if median.abs() < EPSILON {
            break;
        }
        for (r, res) in robust.iter_mut().zip(&residuals) {
            let u = res / (6.0 * median);
            *r = if u >= 1.0 {
                EPSILON
            } else {
                (1.0 - u * u).powi(2).max(EPSILON)
            };
        }
    }
    fitted
}

/// Applies the transform; `path` is its JSON path.
pub fn apply(t: &Table, l: &Loess<'_>, path: &str) -> Result<Table, Error> {
    let mut fields = vec![(l.field, "loess".to_string()), (l.on, "on".to_string())];
    fields.extend(
        l.groupby
            .iter()
            .enumerate()
            .map(|(i, g)| (g.as_str(), format!("groupby[{i}]"))),
    );
    check_fields(t, &fields, path)?;
    let mut curves = Vec::new();
    for rows in groups(t, l.groupby) {
        let mut pts = points(t, l.on, l.field, &rows);
        if pts.is_empty() {
            continue;
        }
        crate::sort::by(&mut pts, &mut |a, b| a.0.total_cmp(&b.0));
        let n = pts.len() as f64;
        let (ux, uy) = pts
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.0 / n, b + p.1 / n));
        let xs: Vec<f64> = pts.iter().map(|p| p.0 - ux).collect();
        let ys: Vec<f64> = pts.iter().map(|p| p.1 - uy).collect();
        let fitted = smooth(&xs, &ys, l.bandwidth);
        // Points of equal x become one, their fitted values averaged.
        let mut curve: Vec<(f64, f64, usize)> = Vec::new();
        for (p, f) in pts.iter().zip(fitted) {
            match curve.last_mut() {
                Some(last) if last.0 == p.0 => {
                    last.1 += f;
                    last.2 += 1;
                }
                _ => curve.push((p.0, f, 1)),
            }
        }
        curves.push((
            rows[0],
            curve
                .into_iter()
                .map(|(x, sum, count)| (x, sum / count as f64 + uy))
                .collect(),
        ));
    }
    Ok(curve_table(t, l.groupby, curves, l.as_names))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::json::parse_records;

    fn run(json: &str, bandwidth: f64) -> Vec<(f64, f64)> {
        let t = parse_records(json, None, "t").unwrap();
        let out = apply(
            &t,
            &Loess {
                field: "y",
                on: "x",
                groupby: &[],
                bandwidth,
                as_names: ("x", "y"),
            },
            "p",
        )
        .unwrap();
        (0..out.row_count())
            .map(|r| {
                (
                    out.value("x", r).as_number().unwrap(),
                    out.value("y", r).as_number().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn points_on_a_line_stay_on_it() {
        // SYNTHETIC: y = 2x + 1 at x = 0..9 (given out of order, x = 4 twice).
        let rows: Vec<String> = [3, 0, 9, 4, 1, 8, 2, 7, 6, 5, 4]
            .iter()
            .map(|x| format!(r#"{{"x":{x},"y":{}}}"#, 2 * x + 1))
            .collect();
        let out = run(&format!("[{}]", rows.join(",")), 0.3);
        assert_eq!(out.len(), 10);
        for (i, (x, y)) in out.iter().enumerate() {
            assert_eq!(*x, i as f64);
            assert!((y - (2.0 * x + 1.0)).abs() < 1e-9, "{out:?}");
        }
    }

    #[test]
    fn a_peak_is_followed_where_the_window_holds_it_alone() {
        // SYNTHETIC: (0,0) (1,1) (2,0), bandwidth 1 (all three points). At x = 0 the
        // farthest neighbour (x = 2) has weight 0 and x = 1 weight (1 − 0.5³)³: the
        // line through (0,0) and (1,1) gives 0. At x = 1 both neighbours are 1 away
        // (weight 0): 1. Residuals are all 0, so no robustness pass changes them.
        let out = run(r#"[{"x":0,"y":0},{"x":1,"y":1},{"x":2,"y":0}]"#, 1.0);
        let want = [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)];
        for ((x, y), (wx, wy)) in out.iter().zip(want) {
            assert_eq!(*x, wx);
            assert!((y - wy).abs() < 1e-12, "{out:?}");
        }
    }

    #[test]
    fn an_outlier_is_weighed_down_by_the_robustness_passes() {
        // SYNTHETIC: y = x ± 0.1 (alternating) at x = 0..19 but y = 100 at x = 10. The
        // plain local fits around x = 10 are pulled up (to about 25); the outlier's
        // residual is far beyond six median residuals, so the robustness passes give it
        // almost no weight and the fitted value at x = 10 is back near 10.
        let rows: Vec<String> = (0..20)
            .map(|x| {
                let y = if x == 10 {
                    100.0
                } else {
                    f64::from(x) + if x % 2 == 0 { 0.1 } else { -0.1 }
                };
                format!(r#"{{"x":{x},"y":{y}}}"#)
            })
            .collect();
        let out = run(&format!("[{}]", rows.join(",")), 0.5);
        assert!((out[10].1 - 10.0).abs() < 0.5, "{out:?}");
        assert!((out[3].1 - 3.0).abs() < 0.5, "{out:?}");
    }
}
