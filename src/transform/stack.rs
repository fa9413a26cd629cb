//! Stacking: where each value starts and ends when the values of a group are laid end to
//! end. [`offsets`] is the one stacking arithmetic of the crate (the encoding's stacked
//! bars and areas and the `stack` transform both call it); [`apply`] is the `stack`
//! transform.

use super::aggregate::groups;
use super::compare;
use super::missing_field;
use crate::error::Error;
use crate::spec::{SortKey, Stack};
use crate::table::{column_from_cells, Cell, Table};
use std::cmp::Ordering;

/// The start and end of each of a group's `values` (in stacking order) for `offset`:
/// `Zero` stacks positive values up from zero and negative ones down from it; `Normalize`
/// lays their magnitudes end to end as shares of the group's total (0 to 1); `Center`
/// lays the magnitudes end to end centred on zero. Missing values count as 0.
pub fn offsets(values: &[f64], offset: Stack) -> Vec<(f64, f64)> {
    let total: f64 = values.iter().map(|v| v.abs()).sum();
    let shift = if offset == Stack::Center {
        -total / 2.0
    } else {
        0.0
    };
    let (mut pos, mut neg) = (0.0f64, 0.0f64);
    values
        .iter()
        .map(|&v| {
            let (a, b) = if v >= 0.0 || offset != Stack::Zero {
                let a = pos;
                pos += if offset == Stack::Zero { v } else { v.abs() };
                (a, pos)
            } else {
                let a = neg;
                neg += v;
                (a, neg)
            };
            match offset {
                Stack::Normalize if total > 0.0 => (a / total, b / total),
                Stack::Center => (a + shift, b + shift),
                _ => (a, b),
            }
        })
        .collect()
}

/// The `stack` transform's parameters.
#[derive(Debug, Clone, Copy)]
pub struct StackSpec<'a> {
    /// The numeric field stacked.
    pub field: &'a str,
    /// The grouping fields (one stack per group).
    pub groupby: &'a [String],
    /// The order within a stack (input order when empty).
    pub sort: &'a [SortKey],
    /// `offset`.
    pub offset: Stack,
    /// `as`: the start and end fields.
    pub as_names: (&'a str, &'a str),
}

/// Adds each row's start and end within its group's stack. As in Vega, a `center`ed
/// stack starts at half the difference between the largest group's total and its own (so
/// every stack is centred on the largest one's middle, all values at least 0).
pub fn apply(t: &Table, s: &StackSpec<'_>, path: &str) -> Result<Table, Error> {
    if t.column(s.field).is_none() {
        return Err(missing_field(t, s.field, &format!("{path}.stack")));
    }
    for (i, g) in s.groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    for (i, k) in s.sort.iter().enumerate() {
        if t.column(&k.field).is_none() {
            return Err(missing_field(
                t,
                &k.field,
                &format!("{path}.sort[{i}].field"),
            ));
        }
    }
    let n = t.row_count();
    let mut start = vec![Cell::Null; n];
    let mut end = vec![Cell::Null; n];
    let value = |r: usize| t.value(s.field, r).as_number().unwrap_or(0.0);
    let mut stacks = Vec::new();
    for mut rows in groups(t, s.groupby) {
        crate::sort::indices(&mut rows, &mut |a, b| {
            for k in s.sort {
                let o = compare(&t.value(&k.field, a), &t.value(&k.field, b));
                let o = if k.descending { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            a.cmp(&b)
        });
        let values: Vec<f64> = rows.iter().map(|&r| value(r)).collect();
        stacks.push((rows, values));
    }
    let largest = stacks
        .iter()
        .map(|(_, v)| v.iter().map(|x| x.abs()).sum::<f64>())
        .fold(0.0f64, f64::max);
    for (rows, values) in &stacks {
        let shift = if s.offset == Stack::Center {
            largest / 2.0
        } else {
            0.0
        };
        for (&r, (a, b)) in rows.iter().zip(offsets(values, s.offset)) {
            start[r] = Cell::Number(a + shift);
            end[r] = Cell::Number(b + shift);
        }
    }
    let mut out = t.clone();
    out.set_column(column_from_cells(s.as_names.0, start));
    out.set_column(column_from_cells(s.as_names.1, end));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SYNTHETIC: two groups, g = a (3, -1, 2) and g = b (4, 4).
    fn table() -> Table {
        crate::table::json::records_to_table(
            &serde_json::json!([
                {"g": "a", "k": 2, "v": 3}, {"g": "a", "k": 1, "v": -1}, {"g": "b", "k": 1, "v": 4},
                {"g": "a", "k": 3, "v": 2}, {"g": "b", "k": 2, "v": 4}
            ]),
            "values",
            "inline data",
        )
        .unwrap()
    }

    fn cols(t: &Table) -> Vec<(f64, f64)> {
        (0..t.row_count())
            .map(|r| {
                (
                    t.value("v1", r).as_number().unwrap(),
                    t.value("v2", r).as_number().unwrap(),
                )
            })
            .collect()
    }

    fn run(sort: &[SortKey], offset: Stack) -> Vec<(f64, f64)> {
        let spec = StackSpec {
            field: "v",
            groupby: &["g".to_string()],
            sort,
            offset,
            as_names: ("v1", "v2"),
        };
        cols(&apply(&table(), &spec, "transform[0]").unwrap())
    }

    #[test]
    fn zero_stacks_in_input_order_with_negatives_below_zero() {
        // a: 3 → [0,3], -1 → [0,-1], 2 → [3,5]; b: 4 → [0,4], 4 → [4,8].
        assert_eq!(
            run(&[], Stack::Zero),
            vec![(0.0, 3.0), (0.0, -1.0), (0.0, 4.0), (3.0, 5.0), (4.0, 8.0)]
        );
    }

    #[test]
    fn sort_orders_each_stack() {
        // a by k descending: k3 (2) [0,2], k2 (3) [2,5], k1 (-1) [0,-1].
        let sort = [SortKey {
            field: "k".into(),
            descending: true,
        }];
        assert_eq!(
            run(&sort, Stack::Zero),
            vec![(2.0, 5.0), (0.0, -1.0), (4.0, 8.0), (0.0, 2.0), (0.0, 4.0)]
        );
    }

    #[test]
    fn normalize_gives_shares_of_the_magnitudes() {
        // a's magnitudes 3, 1, 2 (total 6); b's 4, 4 (total 8).
        let got = run(&[], Stack::Normalize);
        let want = [
            (0.0, 0.5),
            (0.5, 4.0 / 6.0),
            (0.0, 0.5),
            (4.0 / 6.0, 1.0),
            (0.5, 1.0),
        ];
        for (g, w) in got.iter().zip(want) {
            assert!(
                (g.0 - w.0).abs() < 1e-12 && (g.1 - w.1).abs() < 1e-12,
                "{got:?}"
            );
        }
    }

    #[test]
    fn center_centres_every_stack_on_the_largest_ones_middle() {
        // Largest total 8 (b); a's magnitudes 3, 1, 2 sum to 6, so a starts at
        // (8 - 6) / 2 = 1, Vega's (max - sum) / 2: [1,4], [4,5], [5,7]; b: [0,4], [4,8].
        assert_eq!(
            run(&[], Stack::Center),
            vec![(1.0, 4.0), (4.0, 5.0), (0.0, 4.0), (5.0, 7.0), (4.0, 8.0)]
        );
    }

    #[test]
    fn a_missing_field_is_an_error_at_its_path() {
        let spec = StackSpec {
            field: "nope",
            groupby: &[],
            sort: &[],
            offset: Stack::Zero,
            as_names: ("v1", "v2"),
        };
        let err = apply(&table(), &spec, "transform[0]").unwrap_err();
        assert!(err.to_string().contains("transform[0].stack"), "{err}");
    }
}
