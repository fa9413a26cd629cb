//! The `pivot` transform: one new column per distinct value of `pivot`, holding the
//! aggregate (sum by default) of `value` over the rows of each group (`groupby`) with that
//! value — a long table made wide. Columns come in the sorted order of the pivot values,
//! as Vega does; `limit` keeps the first few.

use super::aggregate::{compute, groups};
use super::missing_field;
use crate::error::Error;
use crate::spec::AggregateOp;
use crate::table::{column_from_cells, Cell, Table, Value};
use std::collections::HashMap;

/// Applies a pivot; `path` is the transform's JSON path.
pub fn apply(
    t: &Table,
    pivot: &str,
    value: &str,
    groupby: &[String],
    op: AggregateOp,
    limit: usize,
    path: &str,
) -> Result<Table, Error> {
    for (field, at) in [(pivot, "pivot"), (value, "value")] {
        if t.column(field).is_none() {
            return Err(missing_field(t, field, &format!("{path}.{at}")));
        }
    }
    for (i, g) in groupby.iter().enumerate() {
        if t.column(g).is_none() {
            return Err(missing_field(t, g, &format!("{path}.groupby[{i}]")));
        }
    }
    let mut names: Vec<String> = Vec::new();
    for r in 0..t.row_count() {
        let v = t.value(pivot, r);
        if !matches!(v, Value::Null) {
            let text = v.to_text();
            if !names.contains(&text) {
                names.push(text);
            }
        }
    }
    let numeric = t.column(pivot).is_some_and(|c| c.is_numeric());
    names.sort_by(|a, b| match (numeric, a.parse::<f64>(), b.parse::<f64>()) {
        (true, Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.cmp(b),
    });
    if limit > 0 {
        names.truncate(limit);
    }
    let column_of: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let gs = groups(t, groupby);
    let firsts: Vec<usize> = gs.iter().map(|g| g[0]).collect();
    let base = t.select_rows(&firsts);
    let mut out = Table::default();
    for g in groupby {
        if let Some(c) = base.column(g) {
            out.set_column(c.clone());
        }
    }
    let mut cells: Vec<Vec<Cell>> = vec![Vec::with_capacity(gs.len()); names.len()];
    for rows in &gs {
        let mut split: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
        for &r in rows {
            if let Some(&i) = column_of.get(t.value(pivot, r).to_text().as_str()) {
                split[i].push(r);
            }
        }
        for (i, part) in split.iter().enumerate() {
            cells[i].push(if part.is_empty() {
                Cell::Null
            } else {
                compute(t, op, Some(value), part)
            });
        }
    }
    for (name, column) in names.iter().zip(cells) {
        out.set_column(column_from_cells(name, column));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::json::parse_records;

    #[test]
    fn long_rows_become_one_column_per_value_summed() {
        let t = parse_records(
            r#"[{"year":2020,"kind":"national","n":2252},{"year":2020,"kind":"local","n":8387},
                {"year":2023,"kind":"national","n":2902},{"year":2023,"kind":"national","n":1}]"#,
            None,
            "t",
        )
        .unwrap();
        let out = apply(
            &t,
            "kind",
            "n",
            &["year".to_string()],
            AggregateOp::Sum,
            0,
            "p",
        )
        .unwrap();
        assert_eq!(out.field_names(), ["year", "local", "national"]);
        assert_eq!(out.row_count(), 2);
        assert_eq!(out.value("national", 1).as_number(), Some(2903.0));
        assert_eq!(out.value("local", 0).as_number(), Some(8387.0));
        assert_eq!(out.value("local", 1).as_number(), None);
        let limited = apply(&t, "kind", "n", &[], AggregateOp::Sum, 1, "p").unwrap();
        assert_eq!(limited.field_names(), ["local"]);
        let err = apply(&t, "nope", "n", &[], AggregateOp::Sum, 0, "p").unwrap_err();
        assert!(err.to_string().contains("p.pivot"), "{err}");
    }
}
