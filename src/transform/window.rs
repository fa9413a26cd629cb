//! The `window` transform: `row_number`, `rank` and `dense_rank` within groups, for top-N.

use super::aggregate::{groups, groups_by_text};
use super::columnar;
use super::missing_field;
use crate::error::Error;
use crate::spec::{SortKey, WindowOp};
use crate::table::{column_from_cells, Cell, ColumnData, Table, Value};
use std::cmp::Ordering;

fn compare(a: &Value<'_>, b: &Value<'_>) -> Ordering {
    match (a, b) {
        (Value::Number(x) | Value::Date(x), Value::Number(y) | Value::Date(y)) => x.total_cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        _ => a.to_text().cmp(&b.to_text()),
    }
}

/// Adds one column per op, computed within each group in `sort` order.
pub fn apply(
    t: &Table,
    ops: &[(WindowOp, String)],
    groupby: &[String],
    sort: &[SortKey],
    path: &str,
    columnar: bool,
) -> Result<Table, Error> {
    for (i, g) in groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    for (i, k) in sort.iter().enumerate() {
        if t.column(&k.field).is_none() {
            return Err(missing_field(
                t,
                &k.field,
                &format!("{path}.sort[{i}].field"),
            ));
        }
    }
    let cmp = |a: usize, b: usize| {
        for k in sort {
            let o = compare(&t.value(&k.field, a), &t.value(&k.field, b));
            let o = if k.descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    };
    // One number or date key: sorted and ranked by the columnar engine.
    let numbers = match sort {
        [k] if columnar => t.column(&k.field).and_then(|c| match &c.data {
            ColumnData::Number(v) | ColumnData::Date(v) => Some((v.as_slice(), k.descending)),
            ColumnData::Text(_) => None,
        }),
        _ => None,
    };
    let mut out = t.clone();
    for (op, name) in ops {
        let mut cells = vec![Cell::Null; t.row_count()];
        let gs = if columnar {
            groups(t, groupby)
        } else {
            groups_by_text(t, groupby)
        };
        for mut rows in gs {
            if let Some((values, descending)) = numbers {
                let ranked = columnar::ranks(values, &mut rows, descending);
                for (i, (&r, [rank, dense])) in rows.iter().zip(ranked).enumerate() {
                    let v = match op {
                        WindowOp::RowNumber => i + 1,
                        WindowOp::Rank => rank,
                        WindowOp::DenseRank => dense,
                    };
                    cells[r] = Cell::Number(v as f64);
                }
                continue;
            }
            crate::sort::indices(&mut rows, &mut |a, b| cmp(a, b));
            let (mut rank, mut dense) = (0usize, 0usize);
            for (i, &r) in rows.iter().enumerate() {
                let tie = i > 0 && !sort.is_empty() && cmp(rows[i - 1], r) == Ordering::Equal;
                if !tie {
                    rank = i + 1;
                    dense += 1;
                }
                let v = match op {
                    WindowOp::RowNumber => i + 1,
                    WindowOp::Rank => rank,
                    WindowOp::DenseRank => dense,
                };
                cells[r] = Cell::Number(v as f64);
            }
        }
        out.set_column(column_from_cells(name, cells));
    }
    Ok(out)
}
