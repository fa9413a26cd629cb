//! Grouping and aggregate operations (count, sum, mean, median, min, max, distinct,
//! quartiles, variance, stdev, stderr, ci0/ci1).

use super::columnar::{self, Input, KeyCol};
use super::{group_key, missing_field};
use crate::error::Error;
use crate::spec::{AggregateField, AggregateOp};
use crate::table::{column_from_cells, Cell, Table, Value};
use std::collections::{HashMap, HashSet};

/// Rows of each group, groups in order of first appearance (through the columnar engine's
/// group codes).
pub fn groups(t: &Table, groupby: &[String]) -> Vec<Vec<usize>> {
    columnar::groups(t, groupby).unwrap_or_else(|| groups_by_text(t, groupby))
}

/// [`groups`] by each row's text key: the row-by-row reference.
pub fn groups_by_text(t: &Table, groupby: &[String]) -> Vec<Vec<usize>> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for r in 0..t.row_count() {
        let key = group_key(t, groupby, r);
        match index.get(&key) {
            Some(&g) => out[g].push(r),
            None => {
                index.insert(key, out.len());
                out.push(vec![r]);
            }
        }
    }
    out
}

/// Computes `op` over `field` in `rows`. Missing values are skipped (count counts rows).
/// `argmin`/`argmax` pick a row, not a value: null here (see [`arg_row`]).
pub fn compute(t: &Table, op: AggregateOp, field: Option<&str>, rows: &[usize]) -> Cell {
    let op = op.computed();
    if op.is_arg() {
        return Cell::Null;
    }
    if op == AggregateOp::Count {
        return Cell::Number(rows.len() as f64);
    }
    let Some(field) = field else {
        return Cell::Null;
    };
    if op == AggregateOp::Distinct {
        let set: HashSet<String> = rows
            .iter()
            .filter_map(|&r| match t.value(field, r) {
                Value::Null => None,
                v => Some(v.to_text()),
            })
            .collect();
        return Cell::Number(set.len() as f64);
    }
    let is_date = t
        .column(field)
        .is_some_and(|c| matches!(c.data, crate::table::ColumnData::Date(_)));
    let xs: Vec<f64> = rows
        .iter()
        .filter_map(|&r| match t.value(field, r) {
            Value::Number(n) | Value::Date(n) => Some(n),
            _ => None,
        })
        .collect();
    if xs.is_empty() {
        return if op == AggregateOp::Sum {
            Cell::Number(0.0)
        } else {
            Cell::Null
        };
    }
    let v = match op {
        AggregateOp::Sum => xs.iter().sum(),
        AggregateOp::Mean => xs.iter().sum::<f64>() / xs.len() as f64,
        AggregateOp::Min => xs.iter().copied().fold(f64::INFINITY, f64::min),
        AggregateOp::Max => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        AggregateOp::Median => {
            let order = crate::sort::order(xs.len(), &mut |a, b| xs[a].total_cmp(&xs[b]));
            let n = order.len();
            if n % 2 == 1 {
                xs[order[n / 2]]
            } else {
                (xs[order[n / 2 - 1]] + xs[order[n / 2]]) / 2.0
            }
        }
        AggregateOp::Count
        | AggregateOp::Distinct
        | AggregateOp::Average
        | AggregateOp::ArgMin
        | AggregateOp::ArgMax => 0.0,
        AggregateOp::Q1
        | AggregateOp::Q3
        | AggregateOp::Variance
        | AggregateOp::Stdev
        | AggregateOp::Stderr
        | AggregateOp::Ci0
        | AggregateOp::Ci1 => {
            let mut xs = xs;
            let v = columnar::of_values(op, &mut xs);
            if v.is_nan() {
                return Cell::Null;
            }
            v
        }
    };
    if is_date
        && matches!(
            op,
            AggregateOp::Min
                | AggregateOp::Max
                | AggregateOp::Median
                | AggregateOp::Q1
                | AggregateOp::Q3
        )
    {
        Cell::Date(v)
    } else {
        Cell::Number(v)
    }
}

/// The row of `rows` where `field` is least (`argmin`) or greatest (`argmax`): the first
/// such row, as Vega's `argmin`/`argmax` keep the first; numbers and dates by value, texts
/// in code-point order, missing values skipped. `None` for other ops or without a value.
pub fn arg_row(t: &Table, op: AggregateOp, field: &str, rows: &[usize]) -> Option<usize> {
    let greatest = match op {
        AggregateOp::ArgMin => false,
        AggregateOp::ArgMax => true,
        _ => return None,
    };
    let mut best: Option<(usize, Value<'_>)> = None;
    for &r in rows {
        let v = t.value(field, r);
        let order = match (&v, best.as_ref().map(|b| &b.1)) {
            (Value::Null, _) => continue,
            (Value::Number(n) | Value::Date(n), _) if n.is_nan() => continue,
            (_, None) => std::cmp::Ordering::Greater,
            (Value::Number(a) | Value::Date(a), Some(Value::Number(b) | Value::Date(b))) => {
                a.total_cmp(b)
            }
            (Value::Text(a), Some(Value::Text(b))) => a.cmp(b),
            _ => continue,
        };
        let better = best.is_none()
            || (greatest && order == std::cmp::Ordering::Greater)
            || (!greatest && order == std::cmp::Ordering::Less);
        if better {
            best = Some((r, v));
        }
    }
    best.map(|b| b.0)
}

/// The columns an `argmin`/`argmax` output `as_name` holds: `as_name.X` for every field
/// X of `t` (a table holds an object's fields as dotted names, as `table::json` reads
/// nested records), the value of X in each group's picked row (null where none).
fn arg_columns(t: &Table, op: &AggregateField, groups: &[Vec<usize>]) -> Vec<crate::table::Column> {
    let field = op.field.as_deref().unwrap_or_default();
    let picked: Vec<Option<usize>> = groups
        .iter()
        .map(|rows| arg_row(t, op.op, field, rows))
        .collect();
    t.columns()
        .map(|c| {
            let cells = picked
                .iter()
                .map(|r| r.map_or(Cell::Null, |r| Cell::from(t.value(&c.name, r))))
                .collect();
            column_from_cells(&format!("{}.{}", op.as_name, c.name), cells)
        })
        .collect()
}

fn check(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    path: &str,
    key: &str,
) -> Result<(), Error> {
    for (i, g) in groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    for (i, op) in ops.iter().enumerate() {
        if let Some(f) = &op.field {
            if t.column(f).is_none() {
                return Err(missing_field(t, f, &format!("{path}.{key}[{i}].field")));
            }
        }
    }
    Ok(())
}

/// Groups and every op's result per group.
struct Results {
    /// Per group: its first row.
    firsts: Vec<usize>,
    /// Per group: its rows (only kept for `joinaggregate`).
    rows: Vec<Vec<usize>>,
    /// Per op, per group: the result.
    cells: Vec<Vec<Cell>>,
}

/// [`Results`] through the columnar engine (`None` when the key space does not fit).
fn by_columns(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    keep_rows: bool,
) -> Option<Results> {
    let keys = groupby
        .iter()
        .map(|f| t.column(f).map(KeyCol::of))
        .collect::<Option<Vec<_>>>()?;
    let n = t.row_count();
    let grouped = columnar::group_rows(&keys, n, n, |_| true)?;
    let count = grouped.first_rows.len();
    let cells = ops
        .iter()
        .map(|op| {
            let column = op.field.as_deref().and_then(|f| t.column(f));
            if op.op != AggregateOp::Count && column.is_none() {
                return vec![Cell::Null; count];
            }
            let keys = column
                .filter(|_| op.op == AggregateOp::Distinct)
                .map(KeyCol::of);
            let input = column.map_or(Input::Nothing, |c| {
                Input::of(op.op, c, keys.as_ref().map(|k| &*k.codes))
            });
            let a = columnar::aggregate(op.op, &input, &grouped.rows, &grouped.group, count);
            a.values
                .iter()
                .map(|&v| match v {
                    v if v.is_nan() => Cell::Null,
                    v if a.dates => Cell::Date(v),
                    v => Cell::Number(v),
                })
                .collect()
        })
        .collect();
    let mut rows = vec![Vec::new(); if keep_rows { count } else { 0 }];
    if keep_rows {
        for (&r, &g) in grouped.rows.iter().zip(&grouped.group) {
            rows[g as usize].push(r as usize);
        }
    }
    Some(Results {
        firsts: grouped.first_rows.iter().map(|&r| r as usize).collect(),
        rows,
        cells,
    })
}

/// [`Results`] row by row, through text keys and [`compute`].
fn by_rows(t: &Table, groupby: &[String], ops: &[AggregateField]) -> Results {
    let rows = groups_by_text(t, groupby);
    let cells = ops
        .iter()
        .map(|op| {
            rows.iter()
                .map(|rs| compute(t, op.op, op.field.as_deref(), rs))
                .collect()
        })
        .collect();
    Results {
        firsts: rows.iter().map(|g| g[0]).collect(),
        rows,
        cells,
    }
}

fn results(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    columnar: bool,
    keep_rows: bool,
) -> Results {
    let keep_rows = keep_rows || ops.iter().any(|op| op.op.is_arg());
    columnar
        .then(|| by_columns(t, groupby, ops, keep_rows))
        .flatten()
        .unwrap_or_else(|| by_rows(t, groupby, ops))
}

/// The `aggregate` transform: one row per group with the groupby fields and the results
/// (through the [`columnar`] engine, or row by row).
pub fn group(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    path: &str,
    columnar: bool,
) -> Result<Table, Error> {
    check(t, groupby, ops, path, "aggregate")?;
    let res = results(t, groupby, ops, columnar, false);
    let base = t.select_rows(&res.firsts);
    let mut out = Table::default();
    for name in groupby {
        if let Some(c) = base.column(name) {
            out.set_column(c.clone());
        }
    }
    for (op, cells) in ops.iter().zip(res.cells) {
        if op.op.is_arg() {
            for c in arg_columns(t, op, &res.rows) {
                out.set_column(c);
            }
        } else {
            out.set_column(column_from_cells(&op.as_name, cells));
        }
    }
    Ok(out)
}

/// The `joinaggregate` transform: every row keeps its fields and gains its group's results.
pub fn join(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    path: &str,
    columnar: bool,
) -> Result<Table, Error> {
    check(t, groupby, ops, path, "joinaggregate")?;
    let res = results(t, groupby, ops, columnar, true);
    let mut out = t.clone();
    for (op, values) in ops.iter().zip(res.cells) {
        if op.op.is_arg() {
            for c in arg_columns(t, op, &res.rows) {
                let mut cells = vec![Cell::Null; t.row_count()];
                for (g, rows) in res.rows.iter().enumerate() {
                    for &r in rows {
                        cells[r] = Cell::from(c.value(g));
                    }
                }
                out.set_column(column_from_cells(&c.name, cells));
            }
            continue;
        }
        let mut cells = vec![Cell::Null; t.row_count()];
        for (rows, v) in res.rows.iter().zip(values) {
            for &r in rows {
                cells[r] = v.clone();
            }
        }
        out.set_column(column_from_cells(&op.as_name, cells));
    }
    Ok(out)
}
