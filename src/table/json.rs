//! JSON records (`[{"level": "国家标准", "count": 80}, …]`) into a [`Table`].
//!
//! Used for Vega-Lite's inline `data.values` and for `format.type: "json"` files,
//! including `format.property` to pick the array out of a larger document (how the
//! default dataset keeps its citation beside its rows). Column types are inferred:
//! a column whose present values are all numbers is numeric, otherwise text.
//!
//! A nested object becomes one column per leaf, named by its dotted path (`{"lc":
//! {"time": 1}}` → `lc.time`), which is how a Vega-Lite field `"lc.time"` reads it.
//! Arrays are errors unless a leading `flatten` transform expands them first
//! ([`flatten_records`]): a table holds no arrays.

use super::{Column, ColumnData, Table, TextColumn};
use crate::error::{shorten, Error, Location};
use serde_json::{Map, Value as Json};
use std::borrow::Cow;

/// Parses JSON text; a syntax error names its line and column in `source`.
pub fn parse_document(text: &str, source: &str) -> Result<Json, Error> {
    serde_json::from_str(text).map_err(|e| Error::Data {
        source: source.to_string(),
        at: Location::Cell {
            line: e.line() as u64,
            column: e.column() as u64,
        },
        expected: "valid JSON".into(),
        found: e.to_string(),
    })
}

/// Reads a table from JSON text. `property` is a dot-separated path to the array
/// inside the document (Vega-Lite's `format.property`); `source` names the input in errors.
pub fn parse_records(text: &str, property: Option<&str>, source: &str) -> Result<Table, Error> {
    let doc = parse_document(text, source)?;
    let (node, path) = select_property(&doc, property, source)?;
    records_to_table(node, &path, source)
}

/// The node at `property` (Vega-Lite's `format.property`, dot-separated) inside `doc`,
/// and its path; the whole document without a property. A missing key is an error at
/// its path.
pub fn select_property<'a>(
    doc: &'a Json,
    property: Option<&str>,
    source: &str,
) -> Result<(&'a Json, String), Error> {
    let mut node = doc;
    let mut path = String::new();
    for key in property.into_iter().flat_map(|p| p.split('.')) {
        path = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        node = node.get(key).ok_or_else(|| Error::Data {
            source: source.to_string(),
            at: Location::Json(path.clone()),
            expected: format!("a property \"{key}\" (from format.property)"),
            found: "nothing".into(),
        })?;
    }
    Ok((node, path))
}

/// Turns a JSON array of flat objects into a table. `path` is where the array sits.
pub fn records_to_table(node: &Json, path: &str, source: &str) -> Result<Table, Error> {
    let rows = node.as_array().ok_or_else(|| Error::Data {
        source: source.to_string(),
        at: Location::Json(path.to_string()),
        expected: "an array of records".into(),
        found: describe(node),
    })?;
    let mut names: Vec<String> = Vec::new();
    let mut objects: Vec<Cow<'_, Map<String, Json>>> = Vec::with_capacity(rows.len());
    // Keys that hold an object somewhere (with the first record that does so): such a
    // key holding a plain value in another record is an error, not two columns.
    let mut nested_roots: Vec<(String, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let obj = row.as_object().ok_or_else(|| Error::Data {
            source: source.to_string(),
            at: Location::Json(format!("{path}[{i}]")),
            expected: "a record (an object of field: value)".into(),
            found: describe(row),
        })?;
        let obj = if obj.values().any(Json::is_object) {
            for (key, value) in obj {
                if value.is_object() && !nested_roots.iter().any(|(k, _)| k == key) {
                    nested_roots.push((key.clone(), i));
                }
            }
            let mut leaves = Map::new();
            nested_leaves(obj, "", &mut leaves);
            Cow::Owned(leaves)
        } else {
            Cow::Borrowed(obj)
        };
        for (key, value) in obj.iter() {
            if value.is_array() {
                return Err(Error::Data {
                    source: source.to_string(),
                    at: Location::Json(format!("{path}[{i}].{key}")),
                    expected: "a number, text, true/false or null (an array only with a \
                               leading flatten transform)"
                        .into(),
                    found: describe(value),
                });
            }
            if !names.iter().any(|n| n == key) {
                names.push(key.clone());
            }
        }
        objects.push(obj);
    }
    if let Some((key, i)) = nested_roots
        .iter()
        .find(|(key, _)| names.iter().any(|n| n == key))
    {
        return Err(Error::Data {
            source: source.to_string(),
            at: Location::Json(format!("{path}[{i}].{key}")),
            expected: "a number, text, true/false or null".into(),
            found: "an object".into(),
        });
    }
    let columns = names
        .into_iter()
        .map(|name| {
            let cells: Vec<Option<&Json>> = objects
                .iter()
                .map(|o| o.get(&name).filter(|v| !v.is_null()))
                .collect();
            let numeric = cells.iter().flatten().all(|v| v.is_number());
            let data = if numeric {
                ColumnData::Number(
                    cells
                        .iter()
                        .map(|c| c.and_then(Json::as_f64).unwrap_or(f64::NAN))
                        .collect(),
                )
            } else {
                let mut text = TextColumn::default();
                for cell in &cells {
                    match cell {
                        None => text.push(None),
                        Some(Json::String(s)) => text.push(Some(s)),
                        // Only numbers and booleans are left here (arrays and objects were
                        // rejected above); `describe` writes them as JSON does, without
                        // linking serde_json's serializer into the wasm.
                        Some(other) => text.push(Some(&describe(other))),
                    }
                }
                ColumnData::Text(text)
            };
            Column { name, data }
        })
        .collect::<Vec<Column>>();
    if columns.is_empty() {
        return Ok(Table::blank(objects.len()));
    }
    Table::new(columns).ok_or_else(|| Error::Data {
        source: source.to_string(),
        at: Location::Json(path.to_string()),
        expected: "records".into(),
        found: "columns of unequal length".into(),
    })
}

/// A record's values with nested objects replaced by their leaves, each under its dotted
/// path (`prefix.key`); an empty object leaves nothing.
fn nested_leaves(obj: &Map<String, Json>, prefix: &str, out: &mut Map<String, Json>) {
    for (key, value) in obj {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Json::Object(inner) => nested_leaves(inner, &name, out),
            other => {
                out.insert(name, other.clone());
            }
        }
    }
}

/// Vega-Lite's `flatten` transform on JSON records, before they become a table: for each
/// transform in order, each record becomes as many records as its longest array among
/// the `(field, as)` fields (a record with none becomes none, as in Vega); record k puts
/// element k of each field (null past its end or when it is no array) under `as`. A
/// field may be a dotted path into nested objects. Array fields left in a record are
/// removed (a table holds no arrays). Anything but records is returned as it is, for
/// [`records_to_table`] to name.
#[cfg(feature = "full")]
pub fn flatten_records(node: &Json, transforms: &[Vec<(String, String)>]) -> Json {
    let Some(rows) = node.as_array() else {
        return node.clone();
    };
    let mut rows: Vec<Json> = rows.clone();
    for pairs in transforms {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let Json::Object(obj) = row else {
                out.push(row);
                continue;
            };
            let arrays: Vec<Option<&Vec<Json>>> = pairs
                .iter()
                .map(|(field, _)| {
                    let mut at = obj.get(field.as_str());
                    if at.is_none() && field.contains('.') {
                        let mut parts = field.split('.');
                        at = parts.next().and_then(|p| obj.get(p));
                        for part in parts {
                            at = at.and_then(|v| v.get(part));
                        }
                    }
                    at.and_then(Json::as_array)
                })
                .collect();
            let longest = arrays.iter().flatten().map(|a| a.len()).max().unwrap_or(0);
            for k in 0..longest {
                let mut record = obj.clone();
                record.retain(|_, v| !v.is_array());
                for ((_, name), array) in pairs.iter().zip(&arrays) {
                    let value = array.and_then(|a| a.get(k)).cloned().unwrap_or(Json::Null);
                    record.insert(name.clone(), value);
                }
                out.push(Json::Object(record));
            }
        }
        rows = out;
    }
    Json::Array(rows)
}

/// A short description of a JSON value for error messages.
pub fn describe(value: &Json) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => format!("\"{}\"", shorten(s, 40)),
        Json::Array(a) => format!("an array of {} items", a.len()),
        Json::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Value;

    #[test]
    fn nested_objects_become_dotted_columns() {
        let t = parse_records(
            r#"[{"id":"a","lc":{"time":1,"mag":{"v":18.5}}},{"id":"b","lc":{"time":2}}]"#,
            None,
            "inline",
        )
        .unwrap();
        assert_eq!(t.field_names(), vec!["id", "lc.time", "lc.mag.v"]);
        assert_eq!(t.column("lc.mag.v").unwrap().value(0), Value::Number(18.5));
        assert_eq!(t.column("lc.mag.v").unwrap().value(1), Value::Null);
    }

    #[test]
    #[cfg(feature = "full")]
    fn flatten_expands_arrays_as_vega_does() {
        // Vega-Lite's own flatten example: the longer array sets the count, the shorter
        // one is null past its end.
        let node: Json = serde_json::from_str(
            r#"[{"key":"alpha","foo":[1,2],"bar":["A","B"]},
                {"key":"beta","foo":[3,4,5],"bar":["C","D"]},
                {"key":"gamma","foo":[],"bar":"x"}]"#,
        )
        .unwrap();
        let pairs = vec![vec![
            ("foo".to_string(), "foo".to_string()),
            ("bar".to_string(), "b".to_string()),
        ]];
        let flat = flatten_records(&node, &pairs);
        let t = records_to_table(&flat, "values", "inline").unwrap();
        assert_eq!(
            t.row_count(),
            5,
            "2 + 3 rows; a record with no element gives none"
        );
        assert_eq!(t.field_names(), vec!["key", "foo", "b"]);
        let foo: Vec<Value> = (0..5).map(|r| t.column("foo").unwrap().value(r)).collect();
        assert_eq!(foo[4], Value::Number(5.0));
        assert_eq!(t.column("b").unwrap().value(4), Value::Null);
        assert_eq!(t.column("b").unwrap().value(2), Value::Text("C"));
        // Arrays of objects flatten to nested records, read as dotted columns.
        let node: Json =
            serde_json::from_str(r#"[{"id":"1","lc":[{"t":1,"m":18.5},{"t":2,"m":19}]}]"#).unwrap();
        let flat = flatten_records(&node, &[vec![("lc".into(), "lc".into())]]);
        let t = records_to_table(&flat, "values", "inline").unwrap();
        assert_eq!(t.field_names(), vec!["id", "lc.t", "lc.m"]);
        assert_eq!(t.column("lc.m").unwrap().value(1), Value::Number(19.0));
    }

    #[test]
    fn infers_number_and_text_columns_in_first_seen_order() {
        let t = parse_records(
            r#"[{"level":"国家标准","count":80},{"level":"行业标准","count":37}]"#,
            None,
            "inline",
        )
        .unwrap();
        assert_eq!(t.field_names(), vec!["level", "count"]);
        assert_eq!(t.row_count(), 2);
        assert!(t.column("count").unwrap().is_numeric());
        assert_eq!(t.column("level").unwrap().value(1), Value::Text("行业标准"));
    }

    #[test]
    fn missing_keys_become_nulls() {
        let t = parse_records(r#"[{"a":1},{"b":"x"}]"#, None, "inline").unwrap();
        assert_eq!(t.column("a").unwrap().value(1), Value::Null);
        assert_eq!(t.column("b").unwrap().value(0), Value::Null);
    }

    #[test]
    fn mixed_column_is_text() {
        let t = parse_records(r#"[{"a":1},{"a":"二"}]"#, None, "inline").unwrap();
        assert_eq!(t.column("a").unwrap().value(0), Value::Text("1"));
    }

    #[test]
    fn numbers_and_booleans_in_a_text_column_read_as_json_writes_them() {
        let t = parse_records(
            r#"[{"a":true},{"a":-2.5},{"a":1e21},{"a":"x"},{"a":false}]"#,
            None,
            "inline",
        )
        .unwrap();
        let a = t.column("a").unwrap();
        let cells: Vec<Value> = (0..5).map(|r| a.value(r)).collect();
        assert_eq!(
            cells,
            [
                Value::Text("true"),
                Value::Text("-2.5"),
                Value::Text("1e+21"),
                Value::Text("x"),
                Value::Text("false")
            ]
        );
    }

    #[test]
    fn property_picks_the_array_out_of_a_document() {
        let t = parse_records(
            r#"{"source":{"x":1},"tables":{"standards":[{"n":1}]}}"#,
            Some("tables.standards"),
            "d.json",
        )
        .unwrap();
        assert_eq!(t.row_count(), 1);
    }

    #[test]
    fn missing_property_names_its_path() {
        let e = parse_records(r#"{"a":[]}"#, Some("b"), "d.json").unwrap_err();
        assert!(e.to_string().contains("d.json at b"), "{e}");
    }

    #[test]
    fn an_array_value_is_an_error_naming_row_and_field() {
        let e = parse_records(r#"[{"a":1},{"a":{"x":[1]}}]"#, None, "inline").unwrap_err();
        assert_eq!(
            e.to_string(),
            "data error in inline at [1].a.x: expected a number, text, true/false or null (an array only with a leading flatten transform), found an array of 1 items"
        );
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let e = parse_records("[\n{\"a\":1,}\n]", None, "d.json").unwrap_err();
        assert!(e.to_string().contains("at line 2, column"), "{e}");
    }
}
