//! The `window` transform: `row_number`, `rank`, `dense_rank`, `percent_rank`,
//! `cume_dist` and `ntile` within groups (top-N), `lag` and `lead` (a value rows before or
//! after), `first_value`, `last_value` and `nth_value` of the frame, and aggregate ops over
//! a frame of rows around each row (running totals, moving averages):
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
            // Ranks only: the columnar engine ranks one number key.
            let ranks_only = matches!(
                op,
                WindowOp::RowNumber | WindowOp::Rank | WindowOp::DenseRank
            );
            if let Some((values, descending)) = numbers.filter(|_| ranks_only) {
                let ranked = columnar::ranks(values, &mut rows, descending);
                for (i, (&r, [rank, dense])) in rows.iter().zip(ranked).enumerate() {
                    let v = match op {
                        WindowOp::Rank => rank,
                        WindowOp::DenseRank => dense,
                        _ => i + 1,
                    };
                    cells[r] = Cell::Number(v as f64);
                }
                continue;
            }
            crate::sort::indices(&mut rows, &mut |a, b| cmp(a, b));
            let n = rows.len();
            let tied = |a: usize, b: usize| !sort.is_empty() && cmp(rows[a], rows[b]).is_eq();
            // The frame around position i, [lo, hi]; unless `ignorePeers`, it ends after
            // the last tie of its end.
            let frame_of = |i: usize| {
                let lo = frame.before.map_or(0, |b| i.saturating_sub(b as usize));
                let mut hi = frame.after.map_or(n - 1, |a| (i + a as usize).min(n - 1));
                if !frame.ignore_peers {
                    while hi + 1 < n && tied(hi, hi + 1) {
                        hi += 1;
                    }
                }
                (lo, hi)
            };
            let value = |i: usize| match field {
                Some(f) => Cell::from(t.value(f, rows[i])),
                None => Cell::Null,
            };
            let (mut rank, mut dense, mut last_tie) = (0usize, 0usize, 0usize);
            for i in 0..n {
                if i == 0 || !tied(i - 1, i) {
                    rank = i + 1;
                    dense += 1;
                    last_tie = i;
                    while last_tie + 1 < n && tied(last_tie, last_tie + 1) {
                        last_tie += 1;
                    }
                }
                let cume = (last_tie + 1) as f64 / n as f64;
                let number = |v: f64| Cell::Number(v);
                cells[rows[i]] = match op {
                    WindowOp::RowNumber => number((i + 1) as f64),
                    WindowOp::Rank => number(rank as f64),
                    WindowOp::DenseRank => number(dense as f64),
                    WindowOp::PercentRank if n > 1 => number((rank - 1) as f64 / (n - 1) as f64),
                    WindowOp::PercentRank => Cell::Null,
                    WindowOp::CumeDist => number(cume),
                    WindowOp::Ntile(k) => number((f64::from(*k) * cume).ceil()),
                    WindowOp::Lag(k) => i.checked_sub(*k as usize).map_or(Cell::Null, value),
                    WindowOp::Lead(k) => match i + *k as usize {
                        j if j < n => value(j),
                        _ => Cell::Null,
                    },
                    WindowOp::FirstValue => value(frame_of(i).0),
                    WindowOp::LastValue => value(frame_of(i).1),
                    WindowOp::NthValue(k) => {
                        let (lo, hi) = frame_of(i);
                        match lo + *k as usize - 1 {
                            j if j <= hi => value(j),
                            _ => Cell::Null,
                        }
                    }
                    WindowOp::Aggregate(agg) => {
                        let (lo, hi) = frame_of(i);
                        compute(t, *agg, field.as_deref(), &rows[lo..=hi])
                    }
                };
            }
        }
        out.set_column(column_from_cells(name, cells));
    }
    Ok(out)
}
