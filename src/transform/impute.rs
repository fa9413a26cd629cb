//! The `impute` transform: within each group (`groupby`), a row for every key value
//! (`key`'s values over the whole table, then `keyvals`) that the group lacks, with the
//! imputed `field` — a given `value`, or the `mean`, `median`, `min` or `max` of the
//! group's values of `field`, or of those in a `frame` of rows around the missing one
//! (the group's rows in their order, the missing ones after them, as Vega-Lite's window
//! over the imputed rows sees them). As in Vega, only missing rows are added (appended
//! after the original rows, other fields null); existing rows are kept as they are.

use super::aggregate::{compute, groups};
use super::{group_key, missing_field};
use crate::error::Error;
use crate::spec::{AggregateOp, ConstValue};
use crate::table::{column_from_cells, Cell, Table};
use std::collections::HashSet;

/// How missing values are filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method<'a> {
    /// A constant (`value`; null when absent).
    Value(Option<&'a ConstValue>),
    /// An aggregate of the group's values (`mean`, `median`, `min`, `max`).
    Aggregate(AggregateOp),
}

fn cell_of(c: &ConstValue) -> Cell {
    match c {
        ConstValue::Number(n) => Cell::Number(*n),
        ConstValue::Text(s) => Cell::Text(s.clone()),
    }
}

/// A window frame: how many rows before and after (`None`: unbounded).
pub type Frame = (Option<u32>, Option<u32>);

/// Applies an impute transform; `path` is its JSON path.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    t: &Table,
    field: &str,
    key: &str,
    keyvals: &[ConstValue],
    groupby: &[String],
    method: Method<'_>,
    frame: Frame,
    path: &str,
) -> Result<Table, Error> {
    for (f, at) in [(field, "impute"), (key, "key")] {
        if t.column(f).is_none() {
            return Err(missing_field(t, f, &format!("{path}.{at}")));
        }
    }
    for (i, g) in groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    // Every key value, by its text, in order of first appearance, then the keyvals.
    let mut keys: Vec<Cell> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let data_keys = (0..t.row_count()).map(|r| Cell::from(t.value(key, r)));
    for k in data_keys.chain(keyvals.iter().map(cell_of)) {
        if matches!(k, Cell::Null) {
            continue;
        }
        if seen.insert(k.as_value().to_text()) {
            keys.push(k);
        }
    }
    let key_list = [key.to_string()];
    let mut added: Vec<(usize, Cell, Cell)> = Vec::new(); // (group's first row, key, value)
    for rows in groups(t, groupby) {
        let present: HashSet<String> = rows.iter().map(|&r| group_key(t, &key_list, r)).collect();
        let missing: Vec<&Cell> = keys
            .iter()
            .filter(|k| !present.contains(&format!("{}\u{1f}", k.as_value().to_text())))
            .collect();
        for (j, k) in missing.iter().enumerate() {
            let fill = match method {
                Method::Value(v) => v.map_or(Cell::Null, cell_of),
                Method::Aggregate(op) if frame == (None, None) => {
                    compute(t, op, Some(field), &rows)
                }
                Method::Aggregate(op) => {
                    // The missing row stands at `rows.len() + j`; the frame's original
                    // rows around it give the value (the added ones are null).
                    let at = rows.len() + j;
                    let lo = frame.0.map_or(0, |b| at.saturating_sub(b as usize));
                    let hi = frame
                        .1
                        .map_or(usize::MAX, |a| at.saturating_add(a as usize));
                    let near: Vec<usize> = rows
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i >= lo && *i <= hi)
                        .map(|(_, &r)| r)
                        .collect();
                    if near.is_empty() {
                        Cell::Null
                    } else {
                        compute(t, op, Some(field), &near)
                    }
                }
            };
            added.push((rows[0], (*k).clone(), fill));
        }
    }
    if added.is_empty() {
        return Ok(t.clone());
    }
    let n = t.row_count();
    let rows: Vec<usize> = (0..n)
        .chain(std::iter::repeat_n(usize::MAX, added.len()))
        .collect();
    let mut out = t.select_rows(&rows);
    let originals =
        |name: &str| -> Vec<Cell> { (0..n).map(|r| Cell::from(t.value(name, r))).collect() };
    for g in groupby {
        let cells = originals(g)
            .into_iter()
            .chain(
                added
                    .iter()
                    .map(|(first, ..)| Cell::from(t.value(g, *first))),
            )
            .collect();
        out.set_column(column_from_cells(g, cells));
    }
    let keys_column = originals(key)
        .into_iter()
        .chain(added.iter().map(|(_, k, _)| k.clone()))
        .collect();
    out.set_column(column_from_cells(key, keys_column));
    let values = originals(field)
        .into_iter()
        .chain(added.iter().map(|(.., v)| v.clone()))
        .collect();
    out.set_column(column_from_cells(field, values));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::json::parse_records;

    /// SYNTHETIC rows: series b lacks x = 2.
    const ROWS: &str = r#"[{"x":1,"s":"a","y":10},{"x":2,"s":"a","y":30},{"x":1,"s":"b","y":5},{"x":3,"s":"b","y":7}]"#;

    fn column(t: &Table, f: &str) -> Vec<String> {
        (0..t.row_count())
            .map(|r| t.value(f, r).to_text())
            .collect()
    }

    #[test]
    fn a_row_for_every_missing_key_of_every_group() {
        let t = parse_records(ROWS, None, "t").unwrap();
        let zero = ConstValue::Number(0.0);
        let out = apply(
            &t,
            "y",
            "x",
            &[],
            &["s".to_string()],
            Method::Value(Some(&zero)),
            (None, None),
            "p",
        )
        .unwrap();
        assert_eq!(column(&out, "x"), ["1", "2", "1", "3", "3", "2"]);
        assert_eq!(column(&out, "s"), ["a", "a", "b", "b", "a", "b"]);
        assert_eq!(column(&out, "y"), ["10", "30", "5", "7", "0", "0"]);
        let mean = apply(
            &t,
            "y",
            "x",
            &[ConstValue::Number(4.0)],
            &["s".to_string()],
            Method::Aggregate(AggregateOp::Mean),
            (None, None),
            "p",
        )
        .unwrap();
        // a lacks 3 and 4 (mean 20), b lacks 2 and 4 (mean 6).
        assert_eq!(column(&mean, "y")[4..], ["20", "20", "6", "6"]);
        assert_eq!(column(&mean, "x")[4..], ["3", "4", "2", "4"]);
        let err = apply(
            &t,
            "y",
            "nope",
            &[],
            &[],
            Method::Value(Some(&zero)),
            (None, None),
            "p",
        )
        .unwrap_err();
        assert!(err.to_string().contains("p.key"), "{err}");
    }

    /// SYNTHETIC: a frame of one row before and after a missing row's place (after the
    /// group's rows) averages only those rows.
    #[test]
    fn a_frame_averages_the_rows_around_the_missing_one() {
        let rows = r#"[{"x":1,"y":10},{"x":2,"y":20},{"x":4,"y":40}]"#;
        let t = parse_records(rows, None, "t").unwrap();
        let keys = [ConstValue::Number(3.0)];
        let framed = apply(
            &t,
            "y",
            "x",
            &keys,
            &[],
            Method::Aggregate(AggregateOp::Mean),
            (Some(1), Some(1)),
            "p",
        )
        .unwrap();
        // The missing x = 3 stands fourth: the row before it is x = 4 (y = 40).
        assert_eq!(column(&framed, "y"), ["10", "20", "40", "40"]);
        let whole = apply(
            &t,
            "y",
            "x",
            &keys,
            &[],
            Method::Aggregate(AggregateOp::Mean),
            (None, None),
            "p",
        )
        .unwrap();
        assert_eq!(column(&whole, "y")[3], "23.333333");
    }
}
