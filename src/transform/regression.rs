//! The `regression` transform: a least-squares curve of one numeric field (`regression`,
//! y) on another (`on`, x) per group, as Vega fits it — `linear` (y = a + b·x), `log`
//! (y = a + b·ln x), `exp` (y = a·e^(b·x), least squares of ln y weighted by y), `pow`
//! (y = a·x^b, least squares of ln y on ln x), `quad` and `poly` (a polynomial of
//! `order`, 3 by default, by the normal equations over x centred on its mean).
//!
//! Output: the curve sampled over `extent` (default: the group's x extent) — its two
//! ends for a linear fit, 100 evenly spaced points for the others (Vega samples those
//! adaptively; the curve is the same function) — in fields named by `as` (default: the
//! `on` and `regression` field names); or with `params: true` one row per group with the
//! coefficients `coef` (constant first, written as a JSON array in text: tables hold no
//! arrays) and `rSquared` (1 − SSE/SST about the mean of y). Rows whose x or y is not a
//! finite number, or that the model cannot take (x ≤ 0 for `log` and `pow`, y ≤ 0 for
//! `exp` and `pow`), are left out of the fit.

use super::aggregate::groups;
use super::missing_field;
use crate::error::Error;
use crate::table::{column_from_cells, Cell, Table, Value};

pub use crate::spec::RegressionMethod as Method;

/// What to fit.
#[derive(Debug, Clone, Copy)]
pub struct Regression<'a> {
    /// The dependent field (y).
    pub field: &'a str,
    /// The independent field (x).
    pub on: &'a str,
    /// The grouping fields.
    pub groupby: &'a [String],
    /// The model.
    pub method: Method,
    /// The x extent the curve is sampled over; `None`: each group's own.
    pub extent: Option<(f64, f64)>,
    /// One row of coefficients and R² per group instead of the curve.
    pub params: bool,
    /// Names of the sampled x and y fields.
    pub as_names: (&'a str, &'a str),
}

/// Points sampled on a non-linear curve.
const CURVE_SAMPLES: usize = 100;

/// Slope and intercept of the least-squares line through points with the given means
/// (of x, y, x·y and x²), as Vega's `ols`: (intercept, slope); a vertical spread of
/// nothing gives slope 0.
pub(super) fn ordinary_least_squares(mx: f64, my: f64, mxy: f64, mx2: f64) -> (f64, f64) {
    let delta = mx2 - mx * mx;
    let slope = if delta.abs() < 1e-24 {
        0.0
    } else {
        (mxy - mx * my) / delta
    };
    (my - slope * mx, slope)
}

/// The least-squares line (intercept, slope) through `points`.
fn line(points: &[(f64, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    let mean = |f: &dyn Fn(&(f64, f64)) -> f64| points.iter().map(f).sum::<f64>() / n;
    ordinary_least_squares(
        mean(&|p| p.0),
        mean(&|p| p.1),
        mean(&|p| p.0 * p.1),
        mean(&|p| p.0 * p.0),
    )
}

/// Solves `a · c = b` by Gaussian elimination with partial pivoting; `None` when the
/// system is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (top, below) = a.split_at_mut(col + 1);
        let pivot_row = &top[col];
        for (offset, row) in below.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            for (cell, p) in row.iter_mut().zip(pivot_row).skip(col) {
                *cell -= f * p;
            }
            b[col + 1 + offset] -= f * b[col];
        }
    }
    let mut c = vec![0.0; n];
    for row in (0..n).rev() {
        let rest: f64 = (row + 1..n).map(|k| a[row][k] * c[k]).sum();
        c[row] = (b[row] - rest) / a[row][row];
    }
    Some(c)
}

/// Least-squares polynomial coefficients (constant first) of `order` through `points`,
/// fitted on x centred on its mean and expanded back.
fn polynomial(points: &[(f64, f64)], order: usize) -> Option<Vec<f64>> {
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let k = order + 1;
    let mut a = vec![vec![0.0; k]; k];
    let mut b = vec![0.0; k];
    for &(x, y) in points {
        let d = x - mx;
        let powers: Vec<f64> = (0..2 * k).map(|i| d.powi(i as i32)).collect();
        for i in 0..k {
            for j in 0..k {
                a[i][j] += powers[i + j];
            }
            b[i] += powers[i] * y;
        }
    }
    let centred = solve(a, b)?;
    // Σ cᵢ (x − m)ⁱ = Σⱼ xʲ Σᵢ₌ⱼ cᵢ C(i, j) (−m)^(i−j).
    let mut out = vec![0.0; k];
    for (i, ci) in centred.iter().enumerate() {
        let mut binomial = 1.0;
        for (j, o) in out.iter_mut().enumerate().take(i + 1) {
            if j > 0 {
                binomial = binomial * (i + 1 - j) as f64 / j as f64;
            }
            *o += ci * binomial * (-mx).powi((i - j) as i32);
        }
    }
    Some(out)
}

/// The fitted coefficients of `method` (constant first), `None` without enough points.
fn fit(method: Method, points: &[(f64, f64)]) -> Option<Vec<f64>> {
    match method {
        Method::Linear => {
            let (a, b) = line(points);
            Some(vec![a, b])
        }
        Method::Log => {
            let logs: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x.ln(), y)).collect();
            let (a, b) = line(&logs);
            Some(vec![a, b])
        }
        Method::Pow => {
            let logs: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x.ln(), y.ln())).collect();
            let (a, b) = line(&logs);
            Some(vec![a.exp(), b])
        }
        Method::Exp => {
            // Least squares of ln y weighted by y: means of x, ln y, x·ln y and x² in
            // the weights y.
            let w: f64 = points.iter().map(|p| p.1).sum();
            let mean = |f: &dyn Fn(f64, f64) -> f64| {
                points.iter().map(|&(x, y)| y * f(x, y)).sum::<f64>() / w
            };
            let (a, b) = ordinary_least_squares(
                mean(&|x, _| x),
                mean(&|_, y| y.ln()),
                mean(&|x, y| x * y.ln()),
                mean(&|x, _| x * x),
            );
            Some(vec![a.exp(), b])
        }
        Method::Poly(order) => polynomial(points, order),
    }
}

/// The fitted curve's value at `x`.
fn predict(method: Method, coef: &[f64], x: f64) -> f64 {
    let c = |i: usize| coef.get(i).copied().unwrap_or(f64::NAN);
    match method {
        Method::Linear => c(0) + c(1) * x,
        Method::Log => c(0) + c(1) * x.ln(),
        Method::Exp => c(0) * (c(1) * x).exp(),
        Method::Pow => c(0) * x.powf(c(1)),
        Method::Poly(_) => coef.iter().rev().fold(0.0, |acc, ci| acc * x + ci),
    }
}

/// 1 − SSE/SST of the curve over `points`.
fn r_squared(method: Method, coef: &[f64], points: &[(f64, f64)]) -> f64 {
    let my = points.iter().map(|p| p.1).sum::<f64>() / points.len() as f64;
    let (sse, sst) = points.iter().fold((0.0, 0.0), |(sse, sst), &(x, y)| {
        let e = y - predict(method, coef, x);
        (sse + e * e, sst + (y - my) * (y - my))
    });
    1.0 - sse / sst
}

/// Whether the model can take a point.
fn usable(method: Method, x: f64, y: f64) -> bool {
    match method {
        Method::Log => x > 0.0,
        Method::Exp => y > 0.0,
        Method::Pow => x > 0.0 && y > 0.0,
        Method::Linear | Method::Poly(_) => true,
    }
}

/// The finite (x, y) points of `rows`.
pub(super) fn points(t: &Table, x: &str, y: &str, rows: &[usize]) -> Vec<(f64, f64)> {
    let number = |f: &str, r: usize| match t.value(f, r) {
        Value::Number(v) | Value::Date(v) if v.is_finite() => Some(v),
        _ => None,
    };
    rows.iter()
        .filter_map(|&r| number(x, r).zip(number(y, r)))
        .collect()
}

/// Checks that the fields a curve transform reads exist: `(field, its key)` pairs.
pub(super) fn check_fields(t: &Table, fields: &[(&str, String)], path: &str) -> Result<(), Error> {
    for (f, key) in fields {
        if t.column(f).is_none() {
            return Err(missing_field(t, f, &format!("{path}.{key}")));
        }
    }
    Ok(())
}

/// A table of the group fields and two number fields, one row per (group, x, y).
pub(super) fn curve_table(
    t: &Table,
    groupby: &[String],
    curves: Vec<(usize, Vec<(f64, f64)>)>,
    as_names: (&str, &str),
) -> Table {
    let mut group_cells: Vec<Vec<Cell>> = vec![Vec::new(); groupby.len()];
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for (first_row, curve) in curves {
        for (x, y) in curve {
            for (g, cells) in groupby.iter().zip(group_cells.iter_mut()) {
                cells.push(Cell::from(t.value(g, first_row)));
            }
            xs.push(Cell::Number(x));
            ys.push(if y.is_finite() {
                Cell::Number(y)
            } else {
                Cell::Null
            });
        }
    }
    let mut columns: Vec<_> = groupby
        .iter()
        .zip(group_cells)
        .map(|(g, cells)| column_from_cells(g, cells))
        .collect();
    columns.push(column_from_cells(as_names.0, xs));
    columns.push(column_from_cells(as_names.1, ys));
    Table::new(columns).unwrap_or_default()
}

/// Applies the transform; `path` is its JSON path.
pub fn apply(t: &Table, r: &Regression<'_>, path: &str) -> Result<Table, Error> {
    let mut fields = vec![
        (r.field, "regression".to_string()),
        (r.on, "on".to_string()),
    ];
    fields.extend(
        r.groupby
            .iter()
            .enumerate()
            .map(|(i, g)| (g.as_str(), format!("groupby[{i}]"))),
    );
    check_fields(t, &fields, path)?;
    let mut curves = Vec::new();
    let mut params: Vec<(usize, Vec<f64>, f64)> = Vec::new();
    for rows in groups(t, r.groupby) {
        let pts: Vec<(f64, f64)> = points(t, r.on, r.field, &rows)
            .into_iter()
            .filter(|&(x, y)| usable(r.method, x, y))
            .collect();
        let Some(coef) = (!pts.is_empty())
            .then(|| fit(r.method, &pts))
            .flatten()
            .filter(|c| c.iter().all(|v| v.is_finite()))
        else {
            continue;
        };
        if r.params {
            params.push((rows[0], coef.clone(), r_squared(r.method, &coef, &pts)));
            continue;
        }
        let (lo, hi) = r.extent.unwrap_or_else(|| {
            pts.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                    (a.min(p.0), b.max(p.0))
                })
        });
        let samples = if r.method == Method::Linear || lo == hi {
            2
        } else {
            CURVE_SAMPLES
        };
        let curve = (0..samples)
            .map(|i| {
                let x = lo + (hi - lo) * i as f64 / (samples - 1) as f64;
                (x, predict(r.method, &coef, x))
            })
            .collect();
        curves.push((rows[0], curve));
    }
    if !r.params {
        return Ok(curve_table(t, r.groupby, curves, r.as_names));
    }
    let mut group_cells: Vec<Vec<Cell>> = vec![Vec::new(); r.groupby.len()];
    let (mut coefs, mut squares) = (Vec::new(), Vec::new());
    for (first_row, coef, rsq) in params {
        for (g, cells) in r.groupby.iter().zip(group_cells.iter_mut()) {
            cells.push(Cell::from(t.value(g, first_row)));
        }
        let written: Vec<String> = coef.iter().map(|c| c.to_string()).collect();
        coefs.push(Cell::Text(format!("[{}]", written.join(","))));
        squares.push(if rsq.is_finite() {
            Cell::Number(rsq)
        } else {
            Cell::Null
        });
    }
    let mut columns: Vec<_> = r
        .groupby
        .iter()
        .zip(group_cells)
        .map(|(g, cells)| column_from_cells(g, cells))
        .collect();
    columns.push(column_from_cells("coef", coefs));
    columns.push(column_from_cells("rSquared", squares));
    Ok(Table::new(columns).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::json::parse_records;

    fn table(rows: &[(f64, f64)]) -> Table {
        let records: Vec<String> = rows
            .iter()
            .map(|(x, y)| format!(r#"{{"g":"a","x":{x},"y":{y}}}"#))
            .collect();
        parse_records(&format!("[{}]", records.join(",")), None, "t").unwrap()
    }

    fn run(t: &Table, method: Method, params: bool) -> Table {
        apply(
            t,
            &Regression {
                field: "y",
                on: "x",
                groupby: &[],
                method,
                extent: None,
                params,
                as_names: ("x", "y"),
            },
            "transform[0]",
        )
        .unwrap()
    }

    fn num(t: &Table, f: &str, r: usize) -> f64 {
        t.value(f, r).as_number().unwrap()
    }

    #[test]
    fn linear_fit_of_noisy_points_matches_the_hand_computed_line() {
        // SYNTHETIC: (0,1) (1,3) (2,2) (3,5). x̄ = 1.5, ȳ = 2.75; Sxy = 5.5, Sxx = 5:
        // slope 1.1, intercept 2.75 − 1.65 = 1.1. Residuals −0.1, 0.8, −1.3, 0.6:
        // SSE = 2.7; SST = 8.75; R² = 1 − 2.7/8.75.
        let t = table(&[(0.0, 1.0), (1.0, 3.0), (2.0, 2.0), (3.0, 5.0)]);
        let curve = run(&t, Method::Linear, false);
        assert_eq!(curve.row_count(), 2);
        assert_eq!((num(&curve, "x", 0), num(&curve, "x", 1)), (0.0, 3.0));
        assert!((num(&curve, "y", 0) - 1.1).abs() < 1e-12);
        assert!((num(&curve, "y", 1) - 4.4).abs() < 1e-12);
        let p = run(&t, Method::Linear, true);
        assert!((num(&p, "rSquared", 0) - (1.0 - 2.7 / 8.75)).abs() < 1e-12);
        let coef: Vec<f64> = serde_json::from_str(&p.value("coef", 0).to_text()).unwrap();
        assert!((coef[0] - 1.1).abs() < 1e-12 && (coef[1] - 1.1).abs() < 1e-12);
    }

    #[test]
    fn exact_models_are_recovered() {
        // SYNTHETIC points lying exactly on each model's curve.
        let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
        type Model<'a> = (Method, &'a dyn Fn(f64) -> f64, Vec<f64>);
        let cases: [Model<'_>; 5] = [
            (Method::Log, &|x: f64| 1.0 + 2.0 * x.ln(), vec![1.0, 2.0]),
            (Method::Pow, &|x: f64| 3.0 * x * x, vec![3.0, 2.0]),
            (Method::Exp, &|x: f64| 2.0 * (0.5 * x).exp(), vec![2.0, 0.5]),
            (
                Method::Poly(2),
                &|x: f64| 1.0 - 2.0 * x + 0.5 * x * x,
                vec![1.0, -2.0, 0.5],
            ),
            (
                Method::Poly(3),
                &|x: f64| x * x * x - x,
                vec![0.0, -1.0, 0.0, 1.0],
            ),
        ];
        for (method, f, want) in cases {
            let pts: Vec<(f64, f64)> = xs.iter().map(|&x| (x, f(x))).collect();
            let coef = fit(method, &pts).unwrap();
            for (c, w) in coef.iter().zip(&want) {
                assert!((c - w).abs() < 1e-9, "{method:?}: {coef:?}");
            }
            assert!((r_squared(method, &coef, &pts) - 1.0).abs() < 1e-9);
            let curve = run(&table(&pts), method, false);
            assert_eq!(curve.row_count(), CURVE_SAMPLES);
            let last = curve.row_count() - 1;
            assert!((num(&curve, "y", last) - f(5.0)).abs() < 1e-6, "{method:?}");
        }
    }

    #[test]
    fn groups_extent_and_unusable_points() {
        // SYNTHETIC: group a on y = 2x, group b on y = −x; a row with x ≤ 0 left out of
        // the log fit.
        let t = parse_records(
            r#"[{"g":"a","x":1,"y":2},{"g":"a","x":2,"y":4},{"g":"b","x":1,"y":-1},
                {"g":"b","x":3,"y":-3},{"g":"b","x":null,"y":5}]"#,
            None,
            "t",
        )
        .unwrap();
        let groupby = ["g".to_string()];
        let out = apply(
            &t,
            &Regression {
                field: "y",
                on: "x",
                groupby: &groupby,
                method: Method::Linear,
                extent: Some((0.0, 10.0)),
                params: false,
                as_names: ("px", "py"),
            },
            "p",
        )
        .unwrap();
        assert_eq!(out.field_names(), ["g", "px", "py"]);
        assert_eq!(out.row_count(), 4);
        assert_eq!(out.value("g", 2).to_text(), "b");
        assert!((num(&out, "py", 1) - 20.0).abs() < 1e-12);
        assert!((num(&out, "py", 3) + 10.0).abs() < 1e-12);
        let logs = table(&[(-1.0, 9.0), (1.0, 1.0), (std::f64::consts::E, 3.0)]);
        let coef = run(&logs, Method::Log, true);
        assert_eq!(coef.value("coef", 0).to_text(), "[1,2]");
        let err = apply(
            &t,
            &Regression {
                field: "nope",
                on: "x",
                groupby: &[],
                method: Method::Linear,
                extent: None,
                params: false,
                as_names: ("x", "y"),
            },
            "transform[1]",
        )
        .unwrap_err();
        assert!(err.to_string().contains("transform[1].regression"), "{err}");
    }
}
