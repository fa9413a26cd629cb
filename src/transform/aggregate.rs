//! Grouping and aggregate operations (count, sum, mean, median, min, max, distinct).

use super::{group_key, missing_field};
use crate::error::Error;
use crate::spec::{AggregateField, AggregateOp};
use crate::table::{column_from_cells, Cell, Table, Value};
use std::collections::{HashMap, HashSet};

/// Rows of each group, groups in order of first appearance.
pub fn groups(t: &Table, groupby: &[String]) -> Vec<Vec<usize>> {
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
pub fn compute(t: &Table, op: AggregateOp, field: Option<&str>, rows: &[usize]) -> Cell {
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
        AggregateOp::Count | AggregateOp::Distinct => 0.0,
    };
    if is_date
        && matches!(
            op,
            AggregateOp::Min | AggregateOp::Max | AggregateOp::Median
        )
    {
        Cell::Date(v)
    } else {
        Cell::Number(v)
    }
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

/// The `aggregate` transform: one row per group with the groupby fields and the results.
pub fn group(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    path: &str,
) -> Result<Table, Error> {
    check(t, groupby, ops, path, "aggregate")?;
    let gs = groups(t, groupby);
    let firsts: Vec<usize> = gs.iter().map(|g| g[0]).collect();
    let base = t.select_rows(&firsts);
    let mut out = Table::default();
    for name in groupby {
        if let Some(c) = base.column(name) {
            out.set_column(c.clone());
        }
    }
    for op in ops {
        let cells = gs
            .iter()
            .map(|rows| compute(t, op.op, op.field.as_deref(), rows))
            .collect();
        out.set_column(column_from_cells(&op.as_name, cells));
    }
    Ok(out)
}

/// The `joinaggregate` transform: every row keeps its fields and gains its group's results.
pub fn join(
    t: &Table,
    groupby: &[String],
    ops: &[AggregateField],
    path: &str,
) -> Result<Table, Error> {
    check(t, groupby, ops, path, "joinaggregate")?;
    let gs = groups(t, groupby);
    let mut out = t.clone();
    for op in ops {
        let mut cells = vec![Cell::Null; t.row_count()];
        for rows in &gs {
            let v = compute(t, op.op, op.field.as_deref(), rows);
            for &r in rows {
                cells[r] = v.clone();
            }
        }
        out.set_column(column_from_cells(&op.as_name, cells));
    }
    Ok(out)
}
