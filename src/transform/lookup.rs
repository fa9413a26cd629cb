//! The `lookup` transform: for each row, the first row of a secondary table whose key equals
//! the row's field, and the fields of that row copied in (a left join). Keys compare as
//! their display text, as everywhere in grouping ([`super::group_key`]); so `44` and `"44"`
//! match. Rows without a match get the `default` value (null unless given).

use super::missing_field;
use crate::error::Error;
use crate::table::{column_from_cells, Cell, Table, Value};
use std::collections::HashMap;

/// What to look up: the row's field, the secondary table's key and which of its fields to
/// copy, under which names.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    /// The field of the primary table holding the key.
    pub field: &'a str,
    /// The secondary table.
    pub from: &'a Table,
    /// Its key field.
    pub key: &'a str,
    /// The fields to copy (all of the secondary table's fields when empty).
    pub fields: &'a [String],
    /// New names for the copied fields, in order (the fields' own names when empty).
    pub as_names: &'a [String],
    /// The value for rows without a match.
    pub default: &'a Cell,
}

/// Applies a lookup; `path` is the transform's JSON path.
pub fn apply(t: &Table, l: &Lookup<'_>, path: &str) -> Result<Table, Error> {
    if t.column(l.field).is_none() {
        return Err(missing_field(t, l.field, &format!("{path}.lookup")));
    }
    if l.from.column(l.key).is_none() {
        return Err(missing_field(l.from, l.key, &format!("{path}.from.key")));
    }
    let fields: Vec<String> = if l.fields.is_empty() {
        l.from.field_names()
    } else {
        l.fields.to_vec()
    };
    for (i, f) in fields.iter().enumerate() {
        if l.from.column(f).is_none() {
            return Err(missing_field(
                l.from,
                f,
                &format!("{path}.from.fields[{i}]"),
            ));
        }
    }
    if !l.as_names.is_empty() && l.as_names.len() != fields.len() {
        return Err(Error::Spec {
            path: format!("{path}.as"),
            expected: format!("one name per looked-up field ({})", fields.len()),
            found: format!("{} names", l.as_names.len()),
        });
    }
    // The first row of each key wins, as in Vega.
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in 0..l.from.row_count() {
        if let Some(key) = key_text(l.from.value(l.key, r)) {
            index.entry(key).or_insert(r);
        }
    }
    let matches: Vec<Option<usize>> = (0..t.row_count())
        .map(|r| key_text(t.value(l.field, r)).and_then(|k| index.get(&k).copied()))
        .collect();
    let mut out = t.clone();
    for (i, f) in fields.iter().enumerate() {
        let name = l.as_names.get(i).unwrap_or(f);
        let cells = matches
            .iter()
            .map(|m| match m {
                Some(r) => Cell::from(l.from.value(f, *r)),
                None => l.default.clone(),
            })
            .collect();
        out.set_column(column_from_cells(name, cells));
    }
    Ok(out)
}

/// A key's text; a missing key matches nothing.
fn key_text(v: Value<'_>) -> Option<String> {
    match v {
        Value::Null => None,
        v => Some(v.to_text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::json::parse_records;

    fn table(json: &str) -> Table {
        parse_records(json, None, "t").unwrap()
    }

    #[test]
    fn copies_the_first_matching_row_and_the_default_elsewhere() {
        let people =
            table(r#"[{"name":"A","group":1},{"name":"B","group":2},{"name":"C","group":9}]"#);
        let groups =
            table(r#"[{"id":1,"label":"one"},{"id":2,"label":"two"},{"id":1,"label":"later"}]"#);
        let out = apply(
            &people,
            &Lookup {
                field: "group",
                from: &groups,
                key: "id",
                fields: &["label".to_string()],
                as_names: &[],
                default: &Cell::Text("none".into()),
            },
            "transform[0]",
        )
        .unwrap();
        let labels: Vec<String> = (0..3).map(|r| out.value("label", r).to_text()).collect();
        assert_eq!(labels, ["one", "two", "none"]);
    }

    #[test]
    fn all_fields_under_new_names_and_missing_fields_named() {
        let a = table(r#"[{"k":"x"}]"#);
        let b = table(r#"[{"k":"x","v":3,"w":"s"}]"#);
        let out = apply(
            &a,
            &Lookup {
                field: "k",
                from: &b,
                key: "k",
                fields: &["v".to_string(), "w".to_string()],
                as_names: &["v2".to_string(), "w2".to_string()],
                default: &Cell::Null,
            },
            "t",
        )
        .unwrap();
        assert_eq!(out.value("v2", 0).as_number(), Some(3.0));
        assert_eq!(out.value("w2", 0).to_text(), "s");
        let err = apply(
            &a,
            &Lookup {
                field: "k",
                from: &b,
                key: "nope",
                fields: &[],
                as_names: &[],
                default: &Cell::Null,
            },
            "t",
        )
        .unwrap_err();
        assert!(err.to_string().contains("t.from.key"), "{err}");
    }
}
