//! Quantiles: [`quantile_sorted`], the one quantile of the crate (linear interpolation
//! between closest ranks, as d3's `quantileSorted` and R's type 7; the density
//! transform's bandwidth reads it), and the `quantile` transform.

use super::aggregate::groups;
use super::missing_field;
use crate::error::Error;
use crate::table::{column_from_cells, Cell, Table, Value};

/// The `p` quantile (0 ≤ p ≤ 1) of ascending, non-empty `sorted` values: the value at
/// rank (n − 1)·p, interpolated linearly between its neighbours.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let Some(&last) = sorted.last() else {
        return f64::NAN;
    };
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let (i, f) = (h.floor() as usize, h - h.floor());
    let a = sorted[i.min(sorted.len() - 1)];
    let b = sorted.get(i + 1).copied().unwrap_or(last);
    a + f * (b - a)
}

/// The probabilities of a `quantile` transform with `step` and no `probs`: as in Vega,
/// step/2, 3·step/2, … below 1.
pub fn probs_of_step(step: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut i = 0u32;
    loop {
        let p = step / 2.0 + f64::from(i) * step;
        if p >= 1.0 || out.len() >= 10_000 {
            return out;
        }
        out.push(p);
        i += 1;
    }
}

/// The `quantile` transform: per group (`groupby`), one row per probability with the
/// group's fields, the probability and the quantile of `field`'s valid numbers (as
/// `as_names`); groups without a valid number give no rows.
pub fn apply(
    t: &Table,
    field: &str,
    groupby: &[String],
    probs: &[f64],
    as_names: (&str, &str),
    path: &str,
) -> Result<Table, Error> {
    if t.column(field).is_none() {
        return Err(missing_field(t, field, &format!("{path}.quantile")));
    }
    for (i, g) in groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    let mut out_groups: Vec<Vec<Cell>> = vec![Vec::new(); groupby.len()];
    let (mut ps, mut values) = (Vec::new(), Vec::new());
    for rows in groups(t, groupby) {
        let mut xs: Vec<f64> = rows
            .iter()
            .filter_map(|&r| match t.value(field, r) {
                Value::Number(x) | Value::Date(x) if x.is_finite() => Some(x),
                _ => None,
            })
            .collect();
        if xs.is_empty() {
            continue;
        }
        xs.sort_by(f64::total_cmp);
        for &p in probs {
            for (g, column) in groupby.iter().zip(out_groups.iter_mut()) {
                column.push(Cell::from(t.value(g, rows[0])));
            }
            ps.push(Cell::Number(p));
            values.push(Cell::Number(quantile_sorted(&xs, p)));
        }
    }
    let mut columns: Vec<_> = groupby
        .iter()
        .zip(out_groups)
        .map(|(g, cells)| column_from_cells(g, cells))
        .collect();
    columns.push(column_from_cells(as_names.0, ps));
    columns.push(column_from_cells(as_names.1, values));
    Ok(Table::new(columns).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_closest_ranks() {
        // 1, 2, 4, 8: rank (n-1)p = 3p.
        let xs = [1.0, 2.0, 4.0, 8.0];
        assert_eq!(quantile_sorted(&xs, 0.0), 1.0);
        assert_eq!(quantile_sorted(&xs, 0.5), 3.0); // between 2 and 4
        assert_eq!(quantile_sorted(&xs, 0.25), 1.75); // rank 0.75: 1 + 0.75·1
        assert_eq!(quantile_sorted(&xs, 1.0), 8.0);
        assert!(quantile_sorted(&[], 0.5).is_nan());
    }

    #[test]
    fn step_gives_vegas_midpoints() {
        let p = probs_of_step(0.25);
        assert_eq!(p, vec![0.125, 0.375, 0.625, 0.875]);
        assert_eq!(probs_of_step(0.01).len(), 100);
    }

    #[test]
    fn one_row_per_group_and_probability() {
        // SYNTHETIC: group a holds 1, 3 (and a missing value); group b holds 10.
        let t = crate::table::json::records_to_table(
            &serde_json::json!([
                {"g": "a", "v": 1}, {"g": "b", "v": 10}, {"g": "a", "v": 3}, {"g": "a", "v": null}
            ]),
            "values",
            "inline data",
        )
        .unwrap();
        let out = apply(&t, "v", &["g".into()], &[0.5, 1.0], ("prob", "value"), "t").unwrap();
        let rows: Vec<(String, f64, f64)> = (0..out.row_count())
            .map(|r| {
                (
                    out.value("g", r).to_text(),
                    out.value("prob", r).as_number().unwrap(),
                    out.value("value", r).as_number().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("a".into(), 0.5, 2.0),
                ("a".into(), 1.0, 3.0),
                ("b".into(), 0.5, 10.0),
                ("b".into(), 1.0, 10.0)
            ]
        );
        let err = apply(&t, "w", &[], &[0.5], ("p", "v"), "transform[1]").unwrap_err();
        assert!(err.to_string().contains("transform[1].quantile"), "{err}");
    }
}
