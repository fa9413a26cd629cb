//! The `window` transform: `row_number`, `rank` and `dense_rank` within groups (top-N), and
//! aggregate ops over a frame of rows around each row (running totals, moving averages):
//! the frame `[before, after]` counts rows in `sort` order, `null` meaning the group's
//! start or end; unless `ignorePeers`, a frame ending at the row extends over its ties, as
//! in Vega.

use super::aggregate::{compute, groups, groups_by_text};
use super::columnar;
use super::compare;
use super::missing_field;
use crate::error::Error;
use crate::spec::{SortKey, WindowField, WindowOp};
use crate::table::{column_from_cells, Cell, ColumnData, Table};
use std::cmp::Ordering;

/// The frame of a window: rows before and after the current one (`None`: unbounded), and
/// whether ties of the current row are left out of it.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Rows before.
    pub before: Option<u32>,
    /// Rows after.
    pub after: Option<u32>,
    /// `ignorePeers`.
    pub ignore_peers: bool,
}

/// Adds one column per op, computed within each group in `sort` order.
pub fn apply(
    t: &Table,
    ops: &[WindowField],
    groupby: &[String],
    sort: &[SortKey],
    frame: Frame,
    path: &str,
    columnar: bool,
) -> Result<Table, Error> {
    for (i, op) in ops.iter().enumerate() {
        if let Some(f) = &op.field {
            if t.column(f).is_none() {
                return Err(missing_field(t, f, &format!("{path}.window[{i}].field")));
            }
        }
    }
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
    for WindowField {
        op,
        field,
        as_name: name,
    } in ops
    {
        let mut cells = vec![Cell::Null; t.row_count()];
        let gs = if columnar {
            groups(t, groupby)
        } else {
            groups_by_text(t, groupby)
        };
        for mut rows in gs {
            // Ranks only: aggregates over frames run row by row below.
            let ranks_only = !matches!(op, WindowOp::Aggregate(_));
            if let Some((values, descending)) = numbers.filter(|_| ranks_only) {
                let ranked = columnar::ranks(values, &mut rows, descending);
                for (i, (&r, [rank, dense])) in rows.iter().zip(ranked).enumerate() {
                    let v = match op {
                        WindowOp::RowNumber | WindowOp::Aggregate(_) => i + 1,
                        WindowOp::Rank => rank,
                        WindowOp::DenseRank => dense,
                    };
                    cells[r] = Cell::Number(v as f64);
                }
                continue;
            }
            crate::sort::indices(&mut rows, &mut |a, b| cmp(a, b));
            if let WindowOp::Aggregate(agg) = op {
                let n = rows.len();
                for i in 0..n {
                    let lo = frame.before.map_or(0, |b| i.saturating_sub(b as usize));
                    let mut hi = frame.after.map_or(n - 1, |a| (i + a as usize).min(n - 1));
                    if !frame.ignore_peers && !sort.is_empty() {
                        while hi + 1 < n && cmp(rows[hi], rows[hi + 1]) == Ordering::Equal {
                            hi += 1;
                        }
                    }
                    cells[rows[i]] = compute(t, *agg, field.as_deref(), &rows[lo..=hi]);
                }
                continue;
            }
            let (mut rank, mut dense) = (0usize, 0usize);
            for (i, &r) in rows.iter().enumerate() {
                let tie = i > 0 && !sort.is_empty() && cmp(rows[i - 1], r) == Ordering::Equal;
                if !tie {
                    rank = i + 1;
                    dense += 1;
                }
                let v = match op {
                    WindowOp::RowNumber | WindowOp::Aggregate(_) => i + 1,
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
