//! From table rows to the values a chart shows: group by category (and series), aggregate,
//! and order the categories as the spec's `sort` says.
//!
//! This stage knows fields and numbers, not pixels.

use crate::error::Error;
use crate::spec::{Aggregate, FieldDef, Sort};
use crate::table::{ColumnData, Table, Value};
use std::collections::HashMap;

/// One value to draw: a bar segment or a slice.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Index into [`Summary::categories`].
    pub category: usize,
    /// Index into [`Summary::series`], if the chart has a series field.
    pub series: Option<usize>,
    /// The (aggregated) value.
    pub value: f64,
}

/// Categories in display order, series in display order, and the cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Category labels in display order.
    pub categories: Vec<String>,
    /// Series labels in display order (empty without a series field).
    pub series: Vec<String>,
    /// Values, in stacking order: by category, then series order, then row order.
    pub cells: Vec<Cell>,
}

impl Summary {
    /// Sum of the values of category `i`.
    pub fn category_total(&self, i: usize) -> f64 {
        self.cells
            .iter()
            .filter(|c| c.category == i)
            .map(|c| c.value)
            .sum()
    }
}

/// Reads a field as display strings, one per row (`None` for missing).
fn labels(table: &Table, def: &FieldDef) -> Result<Vec<Option<String>>, Error> {
    let col = table
        .column(&def.field)
        .ok_or_else(|| missing(table, def))?;
    Ok((0..col.len())
        .map(|r| match col.value(r) {
            Value::Null => None,
            v => Some(v.to_text()),
        })
        .collect())
}

fn missing(table: &Table, def: &FieldDef) -> Error {
    Error::MissingField {
        path: format!("{}.field", def.path),
        field: def.field.clone(),
        available: table.field_names(),
    }
}

/// Reads a quantitative field (or 1 per row for `count`).
fn numbers(table: &Table, def: &FieldDef) -> Result<Vec<f64>, Error> {
    if def.aggregate == Some(Aggregate::Count) {
        return Ok(vec![1.0; table.row_count()]);
    }
    let col = table
        .column(&def.field)
        .ok_or_else(|| missing(table, def))?;
    match &col.data {
        // Dates are numbers (ms since the epoch) on a quantitative scale, as in Vega-Lite.
        ColumnData::Number(v) | ColumnData::Date(v) => Ok(v.clone()),
        ColumnData::Text(t) => {
            let example = t.dictionary.first().cloned().unwrap_or_default();
            Err(Error::Spec {
                path: format!("{}.field", def.path),
                expected: format!(
                    "a field of numbers for a quantitative channel, but \"{}\" holds text",
                    def.field
                ),
                found: format!("\"{}\"", crate::error::shorten(&example, 30)),
            })
        }
    }
}

/// Orders distinct `values` (given in order of first appearance) by `sort`, using
/// `totals` (sum per value) for sorts by another channel.
fn order(values: Vec<String>, sort: &Sort, totals: &HashMap<String, f64>) -> Vec<String> {
    let natural = |a: &String, b: &String| match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.cmp(b),
    };
    let mut v = values;
    match sort {
        Sort::DataOrder => {}
        Sort::Ascending => v.sort_by(natural),
        Sort::Descending => v.sort_by(|a, b| natural(b, a)),
        Sort::Explicit(list) => {
            let pos = |s: &String| list.iter().position(|x| x == s);
            v.sort_by(|a, b| match (pos(a), pos(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => natural(a, b),
            });
        }
        Sort::ByChannel { descending, .. } => {
            let t = |s: &String| totals.get(s).copied().unwrap_or(0.0);
            v.sort_by(|a, b| {
                let o = t(a).total_cmp(&t(b));
                if *descending {
                    o.reverse()
                } else {
                    o
                }
            });
        }
    }
    v
}

/// Groups rows by `category` (and `series`), taking values from `value`.
///
/// With an aggregate on `value`, rows with the same category and series are combined (sum
/// or count); without one, every row is its own cell and cells of one category stack, as
/// in Vega-Lite. Rows with a missing category or a missing value are left out, as
/// Vega-Lite filters invalid values. `category` of `None` gives one category per row.
pub fn summarise(
    table: &Table,
    category: Option<&FieldDef>,
    series: Option<&FieldDef>,
    value: &FieldDef,
) -> Result<Summary, Error> {
    let rows = table.row_count();
    let cat_labels = match category {
        Some(def) => labels(table, def)?,
        None => (1..=rows).map(|i| Some(i.to_string())).collect(),
    };
    let series_labels = match series {
        Some(def) => Some(labels(table, def)?),
        None => None,
    };
    let vals = numbers(table, value)?;

    let mut cat_seen: Vec<String> = Vec::new();
    let mut ser_seen: Vec<String> = Vec::new();
    let mut cat_totals: HashMap<String, f64> = HashMap::new();
    let mut ser_totals: HashMap<String, f64> = HashMap::new();
    // (category, series, value) in row order, for rows that are valid.
    let mut raw: Vec<(String, Option<String>, f64)> = Vec::new();
    for r in 0..rows {
        let Some(cat) = cat_labels[r].clone() else {
            continue;
        };
        let v = vals[r];
        if v.is_nan() || !v.is_finite() {
            continue;
        }
        let ser = match &series_labels {
            Some(s) => match s[r].clone() {
                Some(x) => Some(x),
                None => continue,
            },
            None => None,
        };
        if !cat_totals.contains_key(&cat) {
            cat_seen.push(cat.clone());
        }
        *cat_totals.entry(cat.clone()).or_insert(0.0) += v;
        if let Some(s) = &ser {
            if !ser_totals.contains_key(s) {
                ser_seen.push(s.clone());
            }
            *ser_totals.entry(s.clone()).or_insert(0.0) += v;
        }
        raw.push((cat, ser, v));
    }

    let categories = match category {
        Some(def) => order(cat_seen, &def.sort, &cat_totals),
        None => cat_seen,
    };
    let series_order = match series {
        Some(def) => order(ser_seen, &def.sort, &ser_totals),
        None => Vec::new(),
    };
    let cat_index: HashMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let ser_index: HashMap<&str, usize> = series_order
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();

    let mut cells: Vec<Cell> = Vec::new();
    if value.aggregate.is_some() {
        let mut at: HashMap<(usize, Option<usize>), usize> = HashMap::new();
        for (cat, ser, v) in &raw {
            let key = (
                cat_index[cat.as_str()],
                ser.as_ref().map(|s| ser_index[s.as_str()]),
            );
            match at.get(&key) {
                Some(&i) => cells[i].value += v,
                None => {
                    at.insert(key, cells.len());
                    cells.push(Cell {
                        category: key.0,
                        series: key.1,
                        value: *v,
                    });
                }
            }
        }
    } else {
        cells = raw
            .iter()
            .map(|(cat, ser, v)| Cell {
                category: cat_index[cat.as_str()],
                series: ser.as_ref().map(|s| ser_index[s.as_str()]),
                value: *v,
            })
            .collect();
    }
    // Stable: keeps row order within one category and series.
    cells.sort_by_key(|c| (c.category, c.series));
    Ok(Summary {
        categories,
        series: series_order,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Channel, FieldType};
    use crate::table::json::parse_records;

    fn def(field: &str, ty: FieldType, sort: Sort, aggregate: Option<Aggregate>) -> FieldDef {
        FieldDef {
            field: field.into(),
            ty,
            title: None,
            aggregate,
            sort,
            axis: None,
            legend: None,
            path: "encoding.x".into(),
        }
    }

    fn table() -> Table {
        parse_records(
            r#"[{"level":"国家标准","count":80},{"level":"行业标准","count":37},
                {"level":"省级地方标准","count":8},{"level":"市级地方标准","count":63}]"#,
            None,
            "t",
        )
        .unwrap()
    }

    #[test]
    fn data_order_keeps_the_article_order() {
        let s = summarise(
            &table(),
            Some(&def("level", FieldType::Nominal, Sort::DataOrder, None)),
            None,
            &def("count", FieldType::Quantitative, Sort::Ascending, None),
        )
        .unwrap();
        assert_eq!(
            s.categories,
            vec!["国家标准", "行业标准", "省级地方标准", "市级地方标准"]
        );
        let values: Vec<f64> = s.cells.iter().map(|c| c.value).collect();
        assert_eq!(values, vec![80.0, 37.0, 8.0, 63.0]);
    }

    #[test]
    fn sort_by_descending_value() {
        let s = summarise(
            &table(),
            Some(&def(
                "level",
                FieldType::Nominal,
                Sort::ByChannel {
                    channel: Channel::Y,
                    descending: true,
                },
                None,
            )),
            None,
            &def("count", FieldType::Quantitative, Sort::Ascending, None),
        )
        .unwrap();
        assert_eq!(s.categories[0], "国家标准");
        assert_eq!(s.categories[3], "省级地方标准");
    }

    #[test]
    fn explicit_sort_puts_listed_values_first() {
        let s = summarise(
            &table(),
            Some(&def(
                "level",
                FieldType::Nominal,
                Sort::Explicit(vec!["市级地方标准".into()]),
                None,
            )),
            None,
            &def("count", FieldType::Quantitative, Sort::Ascending, None),
        )
        .unwrap();
        assert_eq!(s.categories[0], "市级地方标准");
    }

    #[test]
    fn sum_and_count_aggregate_per_category() {
        let t = parse_records(
            r#"[{"k":"a","v":1},{"k":"b","v":2},{"k":"a","v":3}]"#,
            None,
            "t",
        )
        .unwrap();
        let k = def("k", FieldType::Nominal, Sort::Ascending, None);
        let sum = summarise(
            &t,
            Some(&k),
            None,
            &def(
                "v",
                FieldType::Quantitative,
                Sort::Ascending,
                Some(Aggregate::Sum),
            ),
        )
        .unwrap();
        assert_eq!(
            sum.cells.iter().map(|c| c.value).collect::<Vec<_>>(),
            vec![4.0, 2.0]
        );
        let count = summarise(
            &t,
            Some(&k),
            None,
            &def(
                "",
                FieldType::Quantitative,
                Sort::Ascending,
                Some(Aggregate::Count),
            ),
        )
        .unwrap();
        assert_eq!(
            count.cells.iter().map(|c| c.value).collect::<Vec<_>>(),
            vec![2.0, 1.0]
        );
    }

    #[test]
    fn rows_with_missing_values_are_left_out() {
        let t = parse_records(
            r#"[{"k":"a","v":null},{"k":null,"v":2},{"k":"b","v":3}]"#,
            None,
            "t",
        )
        .unwrap();
        let s = summarise(
            &t,
            Some(&def("k", FieldType::Nominal, Sort::Ascending, None)),
            None,
            &def("v", FieldType::Quantitative, Sort::Ascending, None),
        )
        .unwrap();
        assert_eq!(s.categories, vec!["b"]);
    }

    #[test]
    fn missing_field_lists_available_fields() {
        let e = summarise(
            &table(),
            Some(&def("lvl", FieldType::Nominal, Sort::Ascending, None)),
            None,
            &def("count", FieldType::Quantitative, Sort::Ascending, None),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "spec error at encoding.x.field: field \"lvl\" is not in the data (fields: level, count)");
    }

    #[test]
    fn text_field_on_a_quantitative_channel_is_an_error() {
        let e = summarise(
            &table(),
            None,
            None,
            &def("level", FieldType::Quantitative, Sort::Ascending, None),
        )
        .unwrap_err();
        assert!(e.to_string().contains("holds text"), "{e}");
    }
}
