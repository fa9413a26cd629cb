//! The JSON forms that cross the explorer worker's boundary: a query as the page writes
//! it, results, field profiles, distinct values and rows as the page reads them, and a
//! query as Vega-Lite `transform` JSON both ways (read through the spec parser's own
//! transform reader, written for the transforms a query means).
//!
//! Plain Rust (serde, no wasm-bindgen), so that it is also compiled natively for the tests.

use crate::error::{shorten, Error};
use crate::explore::{Aggregate, Decimate, Distinct, FieldInfo, Filter, Query, QueryResult};
use crate::spec::{AggregateOp, ConstValue, FieldTest, Predicate, Transform};
use crate::table::{date, Table, Value};
use crate::vocab::Family;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value as Json};

/// One filter as the page writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FilterJson {
    field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    one_of: Option<Vec<Json>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range: Option<[Option<f64>; 2]>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    exclude: bool,
}

/// The aggregate as the page writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AggregateJson {
    op: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(rename = "as")]
    as_name: String,
}

/// Decimation as the page writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DecimateJson {
    x: String,
    y: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    series: Option<String>,
    columns: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rows: Option<usize>,
}

/// A query as the page writes it (camelCase).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct QueryJson {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    filters: Vec<FilterJson>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    group_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    aggregate: Option<AggregateJson>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    top: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decimate: Option<DecimateJson>,
}

/// Reads a query from its JSON text: `{filters: [{field, oneOf | range, exclude}],
/// groupBy, aggregate: {op, field, as}, fields, top, limit, decimate: {x, y, series,
/// columns, rows}}`.
pub fn query_from_json(text: &str) -> Result<Query, Error> {
    let q: QueryJson = serde_json::from_str(text).map_err(|e| Error::Spec {
        path: "query".into(),
        expected: "a query: {filters, groupBy, aggregate, fields, top, limit, decimate}".into(),
        found: e.to_string(),
    })?;
    let filters = q
        .filters
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let one_of = f
                .one_of
                .map(|values| {
                    values
                        .iter()
                        .enumerate()
                        .map(|(k, v)| const_from_json(v, &format!("query.filters[{i}].oneOf[{k}]")))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?;
            Ok(Filter {
                field: f.field,
                one_of,
                range: f.range,
                exclude: f.exclude,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let aggregate = q
        .aggregate
        .map(|a| {
            let op = AggregateOp::from_name(&a.op).ok_or_else(|| Error::Spec {
                path: "query.aggregate.op".into(),
                expected: format!("one of {}", AggregateOp::NAMES.join(", ")),
                found: format!("\"{}\"", shorten(&a.op, 20)),
            })?;
            Ok::<_, Error>(Aggregate {
                op,
                field: a.field,
                as_name: a.as_name,
            })
        })
        .transpose()?;
    Ok(Query {
        filters,
        group_by: q.group_by,
        aggregate,
        fields: q.fields,
        top: q.top,
        limit: q.limit,
        decimate: q.decimate.map(|d| Decimate {
            x: d.x,
            y: d.y,
            series: d.series,
            columns: d.columns,
            rows: d.rows,
        }),
    })
}

/// A `oneOf` value: a string or a number (`true`/`false` as their text, as the spec
/// parser reads them).
fn const_from_json(v: &Json, path: &str) -> Result<ConstValue, Error> {
    match v {
        Json::Number(n) => n
            .as_f64()
            .map(ConstValue::Number)
            .ok_or_else(|| const_error(v, path)),
        Json::String(s) => Ok(ConstValue::Text(s.clone())),
        Json::Bool(b) => Ok(ConstValue::Text(b.to_string())),
        other => Err(const_error(other, path)),
    }
}

fn const_error(v: &Json, path: &str) -> Error {
    Error::Spec {
        path: path.to_string(),
        expected: "a string or a number".into(),
        found: shorten(&v.to_string(), 30),
    }
}

/// A number as JSON: whole numbers as integers (`2023`, not `2023.0`); NaN and infinities
/// as `null`.
fn number_json(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        Json::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Json::Null, Json::Number)
    }
}

fn const_json(c: &ConstValue) -> Json {
    match c {
        ConstValue::Number(n) => number_json(*n),
        ConstValue::Text(s) => Json::String(s.clone()),
    }
}

/// The query as the JSON the page reads back (the form [`query_from_json`] reads).
pub fn query_json(q: &Query) -> Json {
    let wire = QueryJson {
        filters: q
            .filters
            .iter()
            .map(|f| FilterJson {
                field: f.field.clone(),
                one_of: f
                    .one_of
                    .as_ref()
                    .map(|v| v.iter().map(const_json).collect()),
                range: f.range,
                exclude: f.exclude,
            })
            .collect(),
        group_by: q.group_by.clone(),
        aggregate: q.aggregate.as_ref().map(|a| AggregateJson {
            op: a.op.name().to_string(),
            field: a.field.clone(),
            as_name: a.as_name.clone(),
        }),
        fields: q.fields.clone(),
        top: q.top,
        limit: q.limit,
        decimate: q.decimate.as_ref().map(|d| DecimateJson {
            x: d.x.clone(),
            y: d.y.clone(),
            series: d.series.clone(),
            columns: d.columns,
            rows: d.rows,
        }),
    };
    serde_json::to_value(wire).unwrap_or(Json::Null)
}

/// A predicate as Vega-Lite JSON (`None` for an expression or a time unit, which have no
/// writer).
fn predicate_json(p: &Predicate) -> Option<Json> {
    Some(match p {
        Predicate::Expr(_) | Predicate::Param { .. } => return None,
        Predicate::Not(q) => json!({ "not": predicate_json(q)? }),
        Predicate::And(ps) => {
            json!({ "and": ps.iter().map(predicate_json).collect::<Option<Vec<_>>>()? })
        }
        Predicate::Or(ps) => {
            json!({ "or": ps.iter().map(predicate_json).collect::<Option<Vec<_>>>()? })
        }
        Predicate::Field {
            field,
            time_unit,
            test,
        } => {
            // A time unit has no writer (the explorer's filters have none).
            if time_unit.is_some() {
                return None;
            }
            let mut m = Map::new();
            m.insert("field".into(), json!(field));
            let end = |x: &Option<f64>| x.map_or(Json::Null, number_json);
            let (key, value) = match test {
                FieldTest::Equal(c) => ("equal", const_json(c)),
                FieldTest::OneOf(cs) => ("oneOf", Json::Array(cs.iter().map(const_json).collect())),
                FieldTest::Range(lo, hi) => ("range", json!([end(lo), end(hi)])),
                FieldTest::Lt(x) => ("lt", number_json(*x)),
                FieldTest::Lte(x) => ("lte", number_json(*x)),
                FieldTest::Gt(x) => ("gt", number_json(*x)),
                FieldTest::Gte(x) => ("gte", number_json(*x)),
                FieldTest::Valid(v) => ("valid", json!(v)),
            };
            m.insert(key.into(), value);
            Json::Object(m)
        }
    })
}

/// Aggregate ops as Vega-Lite JSON (`{op, field, as}`, no field for `count`).
fn ops_json(ops: &[crate::spec::AggregateField]) -> Json {
    Json::Array(
        ops.iter()
            .map(|op| {
                let mut m = Map::new();
                m.insert("op".into(), json!(op.op.name()));
                if let Some(f) = op.field.as_ref().filter(|_| op.op != AggregateOp::Count) {
                    m.insert("field".into(), json!(f));
                }
                m.insert("as".into(), json!(op.as_name));
                Json::Object(m)
            })
            .collect(),
    )
}

/// A transform as Vega-Lite JSON: filters on fields, `aggregate`, `joinaggregate` and
/// `window` (what [`Query::to_transforms`] writes); `None` for expressions, time units,
/// `calculate`, `fold` and the other transforms, which have no writer.
pub fn transform_json(t: &Transform) -> Option<Json> {
    Some(match t {
        Transform::Filter(p) => json!({ "filter": predicate_json(p)? }),
        Transform::Aggregate { ops, groupby } => {
            json!({"aggregate": ops_json(ops), "groupby": groupby})
        }
        Transform::JoinAggregate { ops, groupby } => {
            json!({"joinaggregate": ops_json(ops), "groupby": groupby})
        }
        Transform::Window {
            ops,
            groupby,
            sort,
            frame,
            ignore_peers,
        } => {
            let ops: Vec<Json> = ops
                .iter()
                .map(|w| {
                    let mut m = Map::new();
                    m.insert("op".into(), json!(w.op.name()));
                    if let Some(p) = w.op.param() {
                        m.insert("param".into(), json!(p));
                    }
                    if let Some(f) = &w.field {
                        m.insert("field".into(), json!(f));
                    }
                    m.insert("as".into(), json!(w.as_name));
                    Json::Object(m)
                })
                .collect();
            let sort: Vec<Json> = sort
                .iter()
                .map(|k| {
                    let order = if k.descending {
                        "descending"
                    } else {
                        "ascending"
                    };
                    json!({"field": k.field, "order": order})
                })
                .collect();
            let mut m = Map::new();
            m.insert("window".into(), Json::Array(ops));
            if !groupby.is_empty() {
                m.insert("groupby".into(), json!(groupby));
            }
            m.insert("sort".into(), Json::Array(sort));
            // Vega-Lite's default frame, [null, 0], is left out; `before` counts back.
            if *frame != (None, Some(0)) {
                let bound = |b: Option<u32>, sign: i64| b.map(|n| i64::from(n) * sign);
                m.insert(
                    "frame".into(),
                    json!([bound(frame.0, -1), bound(frame.1, 1)]),
                );
            }
            if *ignore_peers {
                m.insert("ignorePeers".into(), json!(true));
            }
            Json::Object(m)
        }
        Transform::Calculate { .. }
        | Transform::Fold { .. }
        | Transform::Bin { .. }
        | Transform::TimeUnit { .. }
        | Transform::Lookup { .. }
        | Transform::Pivot { .. }
        | Transform::Impute { .. }
        | Transform::Density { .. }
        | Transform::Stack { .. }
        | Transform::Regression { .. }
        | Transform::Loess { .. }
        | Transform::Quantile { .. }
        | Transform::Extent { .. } => return None,
    })
}

/// The Vega-Lite `transform` array a query means (see [`Query::to_transforms`]).
pub fn query_transforms_json(q: &Query) -> Result<Json, Error> {
    q.to_transforms()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            transform_json(t).ok_or_else(|| Error::Spec {
                path: format!("transform[{i}]"),
                expected: "a transform the explorer writes".into(),
                found: "an expression".into(),
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Json::Array)
}

/// The query a spec's `transform` JSON means, read by the spec parser's own transform
/// reader (`null` is no transforms); an error names the first transform the explorer's
/// controls cannot show.
pub fn transforms_query(transforms: &Json) -> Result<Query, Error> {
    if transforms.is_null() {
        return Ok(Query::default());
    }
    let (typed, _warnings) = crate::spec::parse_transforms(transforms, "transform")?;
    Query::from_transforms(&typed)
}

/// A query's result as JSON: `{rows: [{field: value}], matched, groups, truncated,
/// decimatedFrom}`; dates as ISO text, missing values as `null`.
pub fn result_json(r: &QueryResult) -> Json {
    json!({
        "rows": records(&r.table),
        "matched": r.matched,
        "groups": r.groups,
        "truncated": r.truncated,
        "decimatedFrom": r.decimated_from,
    })
}

/// The rows of `t` as JSON records (dates as ISO text, missing as `null`).
pub fn records(t: &Table) -> Json {
    let rows = (0..t.row_count())
        .map(|r| {
            let mut m = Map::new();
            for c in t.columns() {
                m.insert(c.name.clone(), value_json(c.value(r)));
            }
            Json::Object(m)
        })
        .collect();
    Json::Array(rows)
}

fn value_json(v: Value<'_>) -> Json {
    match v {
        Value::Number(n) => serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number),
        Value::Text(t) => Json::String(t.to_string()),
        Value::Date(d) => Json::String(date::format_iso(d)),
        Value::Null => Json::Null,
    }
}

/// `"level"`, `"kind"`, `"project"` or `"role"`.
fn family_name(f: Family) -> &'static str {
    match f {
        Family::Level => "level",
        Family::Kind => "kind",
        Family::Project => "project",
        Family::Role => "role",
    }
}

/// A field's profile as JSON: `{name, type, distinct, missing, vocabulary, yearLike, min,
/// max}`.
pub fn field_json(f: &FieldInfo) -> Json {
    json!({
        "name": f.name,
        "type": f.kind.name(),
        "distinct": f.distinct,
        "missing": f.missing,
        "vocabulary": f.vocabulary.map(family_name),
        "yearLike": f.year_like,
        "min": f.extent.map(|e| e.0),
        "max": f.extent.map(|e| e.1),
    })
}

/// Distinct values as JSON: `{values: [{value, count}], total, missing, more}` (numbers
/// as numbers, dates as ISO text).
pub fn distinct_json(d: &Distinct) -> Json {
    let values: Vec<Json> = d
        .values
        .iter()
        .map(|(v, n)| json!({"value": value_json(v.as_value()), "count": n}))
        .collect();
    json!({
        "values": values,
        "total": d.total,
        "missing": d.missing,
        "more": d.more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::Explorer;
    use crate::table::{Column, ColumnData, TextColumn};

    #[test]
    fn queries_round_trip_through_json_and_name_bad_values() {
        let text = r#"{"filters":[{"field":"k","oneOf":["a",2023,true]},{"field":"d","range":[null,5.5],"exclude":true}],"groupBy":["k"],"aggregate":{"op":"average","field":"d","as":"m"},"top":2,"limit":9,"decimate":{"x":"d","y":"m","columns":10}}"#;
        let q = query_from_json(text).unwrap();
        assert_eq!(
            q.filters[0].one_of,
            Some(vec![
                ConstValue::Text("a".into()),
                ConstValue::Number(2023.0),
                ConstValue::Text("true".into())
            ])
        );
        assert_eq!(
            q.aggregate.as_ref().map(|a| a.op),
            Some(AggregateOp::Average)
        );
        let back = query_from_json(&query_json(&q).to_string()).unwrap();
        assert_eq!(back, q);
        let err = query_from_json(r#"{"filters":[{"field":"k","oneOf":[null]}]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("query.filters[0].oneOf[0]"), "{err}");
        let err = query_from_json(r#"{"aggregate":{"op":"avg","as":"n"}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("query.aggregate.op"), "{err}");
        let err = query_from_json(r#"{"groupby": []}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("groupby"), "{err}");
    }

    #[test]
    fn transforms_json_round_trips_through_the_spec_parser() {
        let q = query_from_json(
            r#"{"filters":[{"field":"k","oneOf":["a"],"exclude":true},{"field":"y","range":[2015,null]}],"groupBy":["k","y"],"aggregate":{"op":"sum","field":"n","as":"total"},"top":3}"#,
        )
        .unwrap();
        let transforms = query_transforms_json(&q).unwrap();
        assert_eq!(
            transforms[2],
            json!({"joinaggregate": [{"op": "sum", "field": "n", "as": "__top"}], "groupby": ["k"]})
        );
        assert_eq!(
            transforms[4],
            json!({"filter": {"field": "__rank", "lte": 3}})
        );
        assert_eq!(transforms_query(&transforms).unwrap(), q);
        let equal = json!([{"filter": {"field": "year", "equal": 2023}}]);
        let q = transforms_query(&equal).unwrap();
        assert_eq!(q.filters[0].one_of, Some(vec![ConstValue::Number(2023.0)]));
        let bad = json!([{"filter": {"field": "a", "oneOf": ["x"]}}, {"calculate": "datum.a", "as": "b"}]);
        let err = transforms_query(&bad).unwrap_err().to_string();
        assert!(err.contains("transform[1]"), "{err}");
        let err = transforms_query(&json!({"filter": 1}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("transform"), "{err}");
        assert_eq!(transforms_query(&Json::Null).unwrap(), Query::default());
    }

    #[test]
    fn transforms_written_back_read_the_same() {
        let text = json!([
            {"filter": {"and": [{"field": "a", "lt": 1.5}, {"or": [{"field": "b", "gte": 2}, {"not": {"field": "c", "valid": true}}]}]}},
            {"filter": {"field": "d", "gt": -1, "timeUnit": "year"}},
            {"window": [{"op": "rank", "as": "r"}, {"op": "row_number", "as": "n"}], "groupby": ["a"], "sort": [{"field": "b", "order": "ascending"}]},
            {"calculate": "datum.a * 2", "as": "twice"}
        ]);
        let (typed, _) = crate::spec::parse_transforms(&text, "transform").unwrap();
        let back: Vec<Option<Json>> = typed.iter().map(transform_json).collect();
        assert_eq!(back[0].as_ref(), Some(&text[0]));
        assert_eq!(back[1], None, "time units have no writer");
        assert_eq!(back[2].as_ref(), Some(&text[2]));
        assert_eq!(back[3], None, "expressions have no writer");
    }

    #[test]
    fn json_of_a_result_has_iso_dates_and_nulls() {
        let mut k = TextColumn::default();
        k.push(Some("a"));
        k.push(None);
        let t = Table::new(vec![
            Column {
                name: "k".into(),
                data: ColumnData::Text(k),
            },
            Column {
                name: "d".into(),
                data: ColumnData::Date(vec![date::to_ms(2024, 1, 10, 0, 0, 0), f64::NAN]),
            },
        ])
        .unwrap();
        let mut e = Explorer::new(t);
        let got = e
            .query(
                &query_from_json(
                    r#"{"groupBy": ["k"], "aggregate": {"op": "max", "field": "d", "as": "last"}}"#,
                )
                .unwrap(),
            )
            .unwrap();
        assert_eq!(
            result_json(&got)["rows"],
            json!([{"k": "a", "last": "2024-01-10"}, {"k": null, "last": null}])
        );
        let d = e.distinct("d", 5, None).unwrap();
        assert_eq!(
            distinct_json(&d)["values"],
            json!([{"value": "2024-01-10", "count": 1}])
        );
        assert_eq!(records(&e.preview(1..9)), json!([{"k": null, "d": null}]));
        let fields: Vec<Json> = e.profile().iter().map(field_json).collect();
        assert_eq!(
            fields[1],
            json!({"name": "d", "type": "date", "distinct": 1, "missing": 1, "vocabulary": null,
                   "yearLike": false, "min": date::to_ms(2024, 1, 10, 0, 0, 0), "max": date::to_ms(2024, 1, 10, 0, 0, 0)})
        );
    }
}
