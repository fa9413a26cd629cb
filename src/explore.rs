//! Exploration: load a table once, then filter, group, aggregate, rank and decimate it
//! quickly and often — the engine behind the explorer page (`www/explore.html`).
//!
//! The page keeps one loaded [`Table`] in a Web Worker ([`crate::web`]'s `Dataset`) and
//! asks it, on every change of a control, for the small table the chart draws. This
//! module is that engine, natively testable:
//!
//! * [`load`] reads bytes (CSV, TSV, JSON; any encoding [`crate::table::encoding`]
//!   detects) into a [`Table`], picking the array of a JSON document by itself when no
//!   `format.property` is given;
//! * [`Explorer::query`]: a [`Query`] — filters (one of some values, or a numeric/date
//!   range), up to three group-by fields, one aggregate, top-N of the first group-by field
//!   — evaluated on dictionary codes and `f64` vectors: no `String` is built per row, so a
//!   million rows re-aggregate in milliseconds;
//! * [`Query::to_transforms`] and [`Query::from_transforms`]: the same query as Vega-Lite
//!   `transform`s, so the spec the page shows means exactly what the engine computed
//!   (tested against [`crate::transform::apply`] on random tables);
//! * [`decimate_minmax`] and [`decimate_grid`]: visual-preserving decimation of lines and
//!   points, so a million points draw as a few thousand;
//! * [`Explorer::profile`], [`Explorer::distinct`], [`Explorer::extent`],
//!   [`Explorer::retype`]: what the controls need (field types, vocabulary, values with
//!   counts, ranges) and type corrections (Vega-Lite's `format.parse`).
//!
//! Semantics are Vega-Lite's as stdviz implements them in [`crate::transform`]: groups in
//! order of first appearance; missing values form their own group; `count` counts rows;
//! other ops skip missing values; `sum` of nothing is 0, the others are missing; numbers
//! group by their printed form (as `transform`'s group keys do); `oneOf` is strict (the
//! text `"2023"` is not the number 2023).

use crate::error::{shorten, Error, Location, Warning};
use crate::spec::AggregateOp;
use crate::table::encoding::UTF8_BOM;
use crate::table::{
    self, date, format_plain_number, infer, Column, ColumnData, Table, TextColumn, Value,
};
use crate::vocab::{self, Family};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;

mod reshape;
#[cfg(test)]
mod tests;

pub use reshape::{fold, wide_columns, WideColumns};

/// Most group-by fields a query may have (x, colour, facet).
pub const MAX_GROUP_BY: usize = 3;

/// Name of the top-N total in [`Query::to_transforms`].
pub const TOP_TOTAL: &str = "__top";
/// Name of the top-N rank in [`Query::to_transforms`].
pub const TOP_RANK: &str = "__rank";

/// A missing value's code in key columns.
const NULL: u32 = u32::MAX;

/// Dense group slots are used while the product of the group-by cardinalities stays
/// below this; a hash table beyond.
const DENSE_SLOTS: u64 = 1 << 22;

// ---------------------------------------------------------------------------------------
// Loading

/// How to read the bytes of a data file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadOptions {
    /// `"csv"`, `"tsv"`, `"json"`, or `"auto"` (JSON when the text starts with `[` or `{`,
    /// delimited text otherwise, its delimiter detected).
    pub format: String,
    /// For JSON: the dot-separated path to the array of records (`format.property`).
    /// `None` takes the document itself when it is an array, else the first property
    /// holding an array of records.
    pub property: Option<String>,
    /// Per-field parsing of delimited text (`format.parse`).
    pub parse: Vec<(String, table::csv::ParseAs)>,
    /// The file's name, for messages.
    pub source: String,
    /// Corrections of a delimited file's detected layout (header line, data end line).
    pub layout: table::csv::LayoutOptions,
    /// A workbook's sheet to read (its name or 1-based number); `None` takes the first
    /// sheet with cells.
    pub sheet: Option<String>,
}

/// A loaded table and what was learnt on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The rows.
    pub table: Table,
    /// `"csv"`, `"tsv"`, `"dsv"` or `"json"`: the format actually read.
    pub format: &'static str,
    /// The delimiter of delimited text.
    pub delimiter: Option<char>,
    /// The text encoding detected (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `gb18030`).
    pub encoding: &'static str,
    /// The JSON property read, when one was picked or given.
    pub property: Option<String>,
    /// Other properties of a JSON document that hold arrays of records.
    pub properties: Vec<String>,
    /// Warnings from the loader (ragged rows, replaced bytes, …).
    pub warnings: Vec<Warning>,
    /// The citation a JSON document carries beside its rows (its top-level `source`: a
    /// text, or an object whose `publication`, `date` and `title` are joined), as
    /// stdviz's data files do.
    pub citation: Option<String>,
    /// A delimited file's layout: header and data lines, and the title, unit and notes
    /// around them (empty for JSON).
    pub layout: table::csv::Layout,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// Every sheet of a workbook, in order (empty for other formats).
    pub sheets: Vec<String>,
}

/// Reads a data file's bytes into a table (see [`LoadOptions`]).
pub fn load(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, Error> {
    let format = match opts.format.as_str() {
        "csv" | "tsv" | "json" => opts.format.as_str(),
        // Workbooks are told by their bytes; "xlsx" says so in advance.
        "xlsx" => "csv",
        "" | "auto" => sniff(bytes),
        other => {
            return Err(Error::Spec {
                path: "format.type".into(),
                expected: "csv, tsv, json or auto".into(),
                found: format!("\"{}\"", shorten(other, 20)),
            })
        }
    };
    if format == "json" {
        return load_json(bytes, opts);
    }
    #[cfg(any(not(target_arch = "wasm32"), feature = "explore"))]
    if opts.format.as_str() != "tsv" && table::workbook::kind(bytes).is_some() {
        return load_workbook(bytes, opts);
    }
    let loaded =
        table::csv::parse_delimited(bytes, &delimited_options(opts, format), &opts.source)?;
    Ok(from_delimited(loaded))
}

/// The options [`load`] reads delimited text of `format` (`"csv"` or `"tsv"`) with.
pub fn delimited_options(opts: &LoadOptions, format: &str) -> table::csv::DelimitedOptions {
    table::csv::DelimitedOptions {
        delimiter: (format == "tsv").then_some(b'\t'),
        parse: opts.parse.clone(),
        limits: table::csv::Limits::default(),
        layout: opts.layout,
    }
}

/// What [`load`] says of delimited text the CSV loader (or its stream) has read.
pub fn from_delimited(loaded: table::csv::Loaded) -> Loaded {
    Loaded {
        table: loaded.table,
        format: match loaded.delimiter {
            b',' => "csv",
            b'\t' => "tsv",
            _ => "dsv",
        },
        delimiter: Some(char::from(loaded.delimiter)),
        encoding: loaded.encoding,
        property: None,
        properties: Vec::new(),
        warnings: loaded.warnings,
        citation: None,
        layout: loaded.layout,
        sheet: None,
        sheets: Vec::new(),
    }
}

/// A workbook's sheet (see [`table::workbook`]): read by the CSV loader, so with the same
/// layout rules and types.
#[cfg(any(not(target_arch = "wasm32"), feature = "explore"))]
fn load_workbook(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, Error> {
    let book = table::workbook::WorkbookOptions {
        sheet: opts.sheet.clone().filter(|s| !s.is_empty()),
        delimited: delimited_options(opts, "csv"),
    };
    let read = table::workbook::parse_workbook(bytes, &book, &opts.source)?;
    let kind = read.loaded.encoding;
    let mut loaded = from_delimited(read.loaded);
    loaded.format = kind;
    loaded.delimiter = None;
    loaded.sheet = Some(read.sheet);
    loaded.sheets = read.sheets;
    Ok(loaded)
}

/// JSON when the first character that is not whitespace (after a byte-order mark) is
/// `[` or `{`; delimited text otherwise.
fn sniff(bytes: &[u8]) -> &'static str {
    if starts_json(bytes) == Some(true) {
        "json"
    } else {
        "csv"
    }
}

/// Whether the first character that is not whitespace (after a byte-order mark) is `[` or
/// `{` (what `auto` reads as JSON); `None` while there is no such character yet (a stream
/// waits for one).
pub fn starts_json(bytes: &[u8]) -> Option<bool> {
    let body = bytes.strip_prefix(&UTF8_BOM).unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace())?;
    Some(matches!(first, b'[' | b'{'))
}

fn load_json(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, Error> {
    let source = opts.source.as_str();
    let limits = table::csv::Limits::default();
    if bytes.len() > limits.max_bytes {
        return Err(Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: format!("at most {} bytes (the input limit)", limits.max_bytes),
            found: format!("{} bytes", bytes.len()),
        });
    }
    let decoded = table::encoding::decode(bytes);
    let mut warnings = Vec::new();
    if decoded.replaced {
        warnings.push(Warning {
            path: source.to_string(),
            message: format!("malformed {} bytes were replaced", decoded.encoding),
        });
    }
    let doc = crate::table::json::parse_document(&decoded.text, source)?;
    let properties: Vec<String> = match &doc {
        Json::Object(m) => m
            .iter()
            .filter(|(_, v)| {
                v.as_array()
                    .is_some_and(|a| !a.is_empty() && a.iter().all(Json::is_object))
            })
            .map(|(k, _)| k.clone())
            .collect(),
        _ => Vec::new(),
    };
    let property = match (&opts.property, &doc) {
        (Some(p), _) if !p.is_empty() => Some(p.clone()),
        (_, Json::Object(_)) => Some(properties.first().cloned().ok_or_else(|| Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: "an array of records, or an object with one (format.property)".into(),
            found: table::json::describe(&doc),
        })?),
        _ => None,
    };
    let (node, path) = table::json::select_property(&doc, property.as_deref(), source)?;
    let t = table::json::records_to_table(node, &path, source)?;
    if t.row_count() > limits.max_rows || t.columns().len() > limits.max_columns {
        return Err(Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: format!(
                "at most {} records of at most {} fields (the input limits)",
                limits.max_rows, limits.max_columns
            ),
            found: format!("{} records of {} fields", t.row_count(), t.columns().len()),
        });
    }
    Ok(Loaded {
        table: t,
        format: "json",
        delimiter: None,
        encoding: decoded.encoding,
        properties: properties
            .into_iter()
            .filter(|p| Some(p) != property.as_ref())
            .collect(),
        property,
        warnings,
        citation: citation(&doc),
        layout: table::csv::Layout::default(),
        sheet: None,
        sheets: Vec::new(),
    })
}

/// A document's citation: its top-level `source`, as text.
fn citation(doc: &Json) -> Option<String> {
    match doc.get("source")? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Json::Object(m) => {
            let part = |k: &str| m.get(k).and_then(Json::as_str).map(str::trim);
            let mut parts: Vec<String> = Vec::new();
            parts.extend(part("publication").map(str::to_string));
            parts.extend(part("date").map(str::to_string));
            parts.extend(part("title").map(|t| format!("《{t}》")));
            parts.extend(part("author").map(str::to_string));
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Queries

/// One filter: keeps the rows whose `field` is one of `one_of`, or lies in `range`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filter {
    /// The field tested.
    pub field: String,
    /// Values to keep: strings and numbers (strict: `"2023"` is not `2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<Json>>,
    /// `[min, max]`, both included, either `null` (open); numbers, dates as milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[Option<f64>; 2]>,
    /// Keep the rows the test does *not* hold for (Vega-Lite's `not`); with `oneOf`, this
    /// keeps missing values too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclude: bool,
}

/// The aggregate of a query: one op over one field (none for `count`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Aggregate {
    /// `count`, `sum`, `mean`, `median`, `min`, `max` or `distinct`.
    pub op: String,
    /// The field aggregated (ignored by `count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The output field's name.
    #[serde(rename = "as")]
    pub as_name: String,
}

/// Decimation of a line or point chart's points (see [`decimate_minmax`],
/// [`decimate_grid`]).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decimate {
    /// The x field (numbers or dates; text is never decimated).
    pub x: String,
    /// The y field.
    pub y: String,
    /// A series field (colour): each series is decimated on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Pixel columns of the plot.
    pub columns: usize,
    /// Pixel rows of the plot: given for points (one point per occupied pixel cell);
    /// absent for lines (first, last, lowest and highest point per pixel column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<usize>,
}

/// A question to the explorer's table, as the page asks it (JSON, camelCase).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Query {
    /// Filters, all of which must hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<Filter>,
    /// Group-by fields, at most [`MAX_GROUP_BY`]; the first is the one top-N ranks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_by: Vec<String>,
    /// The aggregate; `None` returns the filtered rows themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    /// Without an aggregate: the fields to return (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Keep the groups of the first group-by field whose aggregate over all their rows has
    /// a dense rank ≤ `top` in descending order (ties share a rank, so more may stay).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<usize>,
    /// At most this many rows out (the largest values are kept; `truncated` says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// Visual-preserving decimation of the rows out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimate: Option<Decimate>,
}

impl Query {
    /// Reads a query from its JSON text.
    pub fn from_json(text: &str) -> Result<Query, Error> {
        serde_json::from_str(text).map_err(|e| Error::Spec {
            path: "query".into(),
            expected: "a query: {filters, groupBy, aggregate, fields, top, limit, decimate}".into(),
            found: e.to_string(),
        })
    }

    /// The query's meaning as Vega-Lite transforms: filters; for top-N a `joinaggregate`
    /// of the op by the first group-by field, a `window` `dense_rank` by that total
    /// (descending) and a filter on the rank; then the `aggregate`. `limit` and
    /// `decimate` are presentation and have no transform.
    pub fn to_transforms(&self) -> Vec<Json> {
        let mut out = Vec::new();
        for f in &self.filters {
            let test = match (&f.one_of, &f.range) {
                (Some(values), _) => json!({"field": f.field, "oneOf": values}),
                (None, Some([lo, hi])) => json!({"field": f.field, "range": [lo, hi]}),
                (None, None) => continue,
            };
            out.push(if f.exclude {
                json!({"filter": {"not": test}})
            } else {
                json!({ "filter": test })
            });
        }
        if let Some(a) = &self.aggregate {
            let op = |as_name: &str| {
                let mut m = Map::new();
                m.insert("op".into(), json!(a.op));
                if a.op != "count" {
                    if let Some(f) = &a.field {
                        m.insert("field".into(), json!(f));
                    }
                }
                m.insert("as".into(), json!(as_name));
                Json::Object(m)
            };
            if let (Some(n), Some(first)) = (self.top, self.group_by.first()) {
                out.push(json!({"joinaggregate": [op(TOP_TOTAL)], "groupby": [first]}));
                out.push(json!({
                    "window": [{"op": "dense_rank", "as": TOP_RANK}],
                    "sort": [{"field": TOP_TOTAL, "order": "descending"}]
                }));
                out.push(json!({"filter": {"field": TOP_RANK, "lte": n}}));
            }
            out.push(json!({"aggregate": [op(&a.as_name)], "groupby": self.group_by}));
        }
        out
    }

    /// Reads back what [`Query::to_transforms`] writes (also `equal` as a one-value
    /// `oneOf`). Anything else is an error naming the transform, so that an edited spec
    /// either maps onto the explorer's controls or says why not.
    pub fn from_transforms(transforms: &[Json]) -> Result<Query, Error> {
        let mut q = Query::default();
        let mut i = 0;
        let path = |i: usize| format!("transform[{i}]");
        let unsupported = |i: usize, what: &str, found: &Json| Error::Spec {
            path: path(i),
            expected: what.to_string(),
            found: shorten(&found.to_string(), 80),
        };
        // Filters first.
        while let Some(t) = transforms.get(i) {
            let Some(f) = t.get("filter") else { break };
            if f.get("field").and_then(Json::as_str) == Some(TOP_RANK) {
                break;
            }
            q.filters.push(filter_from_json(f).ok_or_else(|| {
                unsupported(
                    i,
                    "a filter {field, oneOf | equal | range}, or {not: {field, oneOf}}",
                    t,
                )
            })?);
            i += 1;
        }
        // Top-N: joinaggregate, window, filter on the rank.
        let mut top_op: Option<(String, Option<String>, String)> = None;
        if let Some(t) = transforms
            .get(i)
            .filter(|t| t.get("joinaggregate").is_some())
        {
            let at = i;
            let err = move || unsupported(at, "the top-N joinaggregate of one op by one field", t);
            let ops = t["joinaggregate"].as_array().ok_or_else(err)?;
            let [op] = ops.as_slice() else {
                return Err(err());
            };
            let groupby = string_list(&t["groupby"]).ok_or_else(err)?;
            let [first] = groupby.as_slice() else {
                return Err(err());
            };
            let (name, field, as_name) = op_from_json(op).ok_or_else(err)?;
            top_op = Some((name, field, first.clone()));
            i += 1;
            let w = transforms.get(i).ok_or_else(err)?;
            let at = i;
            let as_name = as_name.as_str();
            let werr = move || {
                unsupported(
                    at,
                    &format!(
                        "{{\"window\": [{{\"op\": \"dense_rank\", \"as\": …}}], \"sort\": [{{\"field\": \"{as_name}\", \"order\": \"descending\"}}]}}"
                    ),
                    w,
                )
            };
            let wops = w.get("window").and_then(Json::as_array).ok_or_else(werr)?;
            let [wop] = wops.as_slice() else {
                return Err(werr());
            };
            let rank = wop.get("as").and_then(Json::as_str).ok_or_else(werr)?;
            let sort = w.get("sort").and_then(Json::as_array).ok_or_else(werr)?;
            let ok = wop.get("op").and_then(Json::as_str) == Some("dense_rank")
                && w.get("groupby").is_none()
                && matches!(sort.as_slice(), [s] if s.get("field").and_then(Json::as_str) == Some(as_name)
                    && s.get("order").and_then(Json::as_str) == Some("descending"));
            if !ok {
                return Err(werr());
            }
            i += 1;
            let f = transforms.get(i).ok_or_else(werr)?;
            let n = f
                .get("filter")
                .filter(|p| p.get("field").and_then(Json::as_str) == Some(rank))
                .and_then(|p| p.get("lte"))
                .and_then(Json::as_u64)
                .ok_or_else(|| {
                    unsupported(
                        i,
                        &format!("{{\"filter\": {{\"field\": \"{rank}\", \"lte\": n}}}}"),
                        f,
                    )
                })?;
            q.top = Some(n as usize);
            i += 1;
        }
        if let Some(t) = transforms.get(i) {
            let err = || unsupported(i, "one aggregate op with up to three groupby fields", t);
            let ops = t
                .get("aggregate")
                .and_then(Json::as_array)
                .ok_or_else(err)?;
            let [op] = ops.as_slice() else {
                return Err(err());
            };
            let (name, field, as_name) = op_from_json(op).ok_or_else(err)?;
            q.group_by = match t.get("groupby") {
                None => Vec::new(),
                Some(g) => string_list(g).ok_or_else(err)?,
            };
            if q.group_by.len() > MAX_GROUP_BY {
                return Err(err());
            }
            if let Some((top_name, top_field, first)) = &top_op {
                if *top_name != name
                    || (name != "count" && *top_field != field)
                    || q.group_by.first() != Some(first)
                {
                    return Err(unsupported(
                        i,
                        "the same op and field as the top-N joinaggregate, grouped first by its field",
                        t,
                    ));
                }
            }
            q.aggregate = Some(Aggregate {
                op: name,
                field,
                as_name,
            });
            i += 1;
        } else if top_op.is_some() {
            return Err(Error::Spec {
                path: path(i),
                expected: "an aggregate after the top-N transforms".into(),
                found: "nothing".into(),
            });
        }
        if let Some(t) = transforms.get(i) {
            return Err(unsupported(
                i,
                "nothing after the aggregate (the explorer's transforms are filters, top-N, aggregate)",
                t,
            ));
        }
        Ok(q)
    }
}

fn string_list(v: &Json) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn op_from_json(op: &Json) -> Option<(String, Option<String>, String)> {
    let name = op.get("op")?.as_str()?;
    AggregateOp::from_name(name)?;
    let name = if name == "average" { "mean" } else { name };
    let field = match op.get("field") {
        None => None,
        Some(f) => Some(f.as_str()?.to_string()),
    };
    if name != "count" && field.is_none() {
        return None;
    }
    let as_name = op.get("as")?.as_str()?.to_string();
    Some((name.to_string(), field, as_name))
}

fn filter_from_json(f: &Json) -> Option<Filter> {
    if let Some(inner) = f.get("not") {
        let mut inner = filter_from_json(inner)?;
        if inner.exclude || inner.one_of.is_none() || f.as_object()?.len() != 1 {
            return None;
        }
        inner.exclude = true;
        return Some(inner);
    }
    let obj = f.as_object()?;
    let field = obj.get("field")?.as_str()?.to_string();
    if obj.len() != 2 {
        return None;
    }
    let scalar = |v: &Json| v.is_string() || v.is_number();
    if let Some(v) = obj.get("equal") {
        return scalar(v).then(|| Filter {
            field,
            one_of: Some(vec![v.clone()]),
            range: None,
            exclude: false,
        });
    }
    if let Some(vs) = obj.get("oneOf") {
        let vs = vs.as_array()?;
        return vs.iter().all(scalar).then(|| Filter {
            field,
            one_of: Some(vs.clone()),
            range: None,
            exclude: false,
        });
    }
    let r = obj.get("range")?.as_array()?;
    let end = |v: &Json| match v {
        Json::Null => Some(None),
        v => v.as_f64().map(Some),
    };
    let [lo, hi] = r.as_slice() else { return None };
    Some(Filter {
        field,
        one_of: None,
        range: Some([end(lo)?, end(hi)?]),
        exclude: false,
    })
}

/// What [`Explorer::query`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    /// The rows out: group-by fields then the aggregate, or the requested fields.
    pub table: Table,
    /// Rows that passed the filters.
    pub matched: usize,
    /// Groups before top-N and `limit` (rows matched, without an aggregate).
    pub groups: usize,
    /// Whether `limit` cut rows off.
    pub truncated: bool,
    /// Rows before decimation, when decimation removed some.
    pub decimated_from: Option<usize>,
}

impl QueryResult {
    /// The result as JSON: `{rows: [{field: value}], matched, groups, truncated,
    /// decimatedFrom}`; dates as ISO text, missing values as `null`.
    pub fn to_json(&self) -> Json {
        json!({
            "rows": records(&self.table, 0..self.table.row_count()),
            "matched": self.matched,
            "groups": self.groups,
            "truncated": self.truncated,
            "decimatedFrom": self.decimated_from,
        })
    }
}

/// Rows `range` of `t` as JSON records (dates as ISO text, missing as `null`).
pub fn records(t: &Table, range: std::ops::Range<usize>) -> Json {
    let rows = range
        .filter(|&r| r < t.row_count())
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

// ---------------------------------------------------------------------------------------
// The engine

/// Group codes of a number or date column: one code per distinct printed value, in order
/// of first appearance (the same grouping as [`crate::transform`]'s text keys).
#[derive(Debug, Clone)]
struct NumKeys {
    /// Per row: the code, or [`NULL`].
    codes: Vec<u32>,
    /// Per code: the value of its first row.
    values: Vec<f64>,
}

/// A key column: per-row codes (or [`NULL`]) below `card`.
#[derive(Clone, Copy)]
struct KeyCol<'a> {
    codes: &'a [u32],
    card: usize,
}

/// A table ready for many queries: the table and the group codes of its number and date
/// columns, computed once per column on first use.
#[derive(Debug, Clone, Default)]
pub struct Explorer {
    table: Table,
    keys: HashMap<String, NumKeys>,
}

/// The type of a column, as the explorer shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Numbers.
    Number,
    /// Dates (milliseconds since the epoch).
    Date,
    /// Text.
    Text,
}

impl FieldKind {
    /// `"number"`, `"date"` or `"text"`.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Text => "text",
        }
    }

    fn of(c: &Column) -> FieldKind {
        match c.data {
            ColumnData::Number(_) => FieldKind::Number,
            ColumnData::Date(_) => FieldKind::Date,
            ColumnData::Text(_) => FieldKind::Text,
        }
    }
}

/// What the controls need to know about a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldInfo {
    /// The field's name.
    pub name: String,
    /// Its type.
    pub kind: FieldKind,
    /// Distinct present values (by printed form).
    pub distinct: usize,
    /// Missing values.
    pub missing: usize,
    /// The standardization vocabulary family of a text field whose values are all terms
    /// of one ([`vocab::vocabulary_of`]); only checked up to 64 distinct values.
    pub vocabulary: Option<Family>,
    /// Numbers that are all whole years 1000–2999 (a year column).
    pub year_like: bool,
    /// Smallest and largest present value of a number or date field.
    pub extent: Option<(f64, f64)>,
}

impl FieldInfo {
    /// As JSON: `{name, type, distinct, missing, vocabulary, yearLike, min, max}`.
    pub fn to_json(&self) -> Json {
        json!({
            "name": self.name,
            "type": self.kind.name(),
            "distinct": self.distinct,
            "missing": self.missing,
            "vocabulary": self.vocabulary.map(family_name),
            "yearLike": self.year_like,
            "min": self.extent.map(|e| e.0),
            "max": self.extent.map(|e| e.1),
        })
    }
}

/// `"level"`, `"kind"`, `"project"` or `"role"`.
pub fn family_name(f: Family) -> &'static str {
    match f {
        Family::Level => "level",
        Family::Kind => "kind",
        Family::Project => "project",
        Family::Role => "role",
    }
}

/// Distinct values of a field with their counts (see [`Explorer::distinct`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Distinct {
    /// Values (as JSON: text, number, or ISO date text) and their row counts, most
    /// frequent first, ties in order of first appearance.
    pub values: Vec<(Json, usize)>,
    /// Distinct present values in the field (not only the ones listed).
    pub total: usize,
    /// Rows where the field is missing.
    pub missing: usize,
    /// Whether more values matched than were listed.
    pub more: bool,
}

impl Distinct {
    /// As JSON: `{values: [{value, count}], total, missing, more}`.
    pub fn to_json(&self) -> Json {
        json!({
            "values": self.values.iter().map(|(v, n)| json!({"value": v, "count": n})).collect::<Vec<_>>(),
            "total": self.total,
            "missing": self.missing,
            "more": self.more,
        })
    }
}

fn missing_field(t: &Table, field: &str, path: &str) -> Error {
    Error::MissingField {
        path: path.to_string(),
        field: field.to_string(),
        available: t.field_names(),
    }
}

impl Explorer {
    /// Takes a loaded table.
    pub fn new(table: Table) -> Explorer {
        Explorer {
            table,
            keys: HashMap::new(),
        }
    }

    /// The table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    fn column(&self, field: &str, path: &str) -> Result<&Column, Error> {
        self.table
            .column(field)
            .ok_or_else(|| missing_field(&self.table, field, path))
    }

    /// Computes the group codes of a number or date column once.
    fn ensure_keys(&mut self, field: &str) {
        if self.keys.contains_key(field) {
            return;
        }
        let Some(c) = self.table.column(field) else {
            return;
        };
        let keys = match &c.data {
            ColumnData::Number(v) => number_keys(v, false),
            ColumnData::Date(v) => number_keys(v, true),
            ColumnData::Text(_) => return,
        };
        self.keys.insert(field.to_string(), keys);
    }

    fn key_col(&self, field: &str) -> Option<KeyCol<'_>> {
        match &self.table.column(field)?.data {
            ColumnData::Text(t) => Some(KeyCol {
                codes: &t.codes,
                card: t.dictionary.len(),
            }),
            _ => self.keys.get(field).map(|k| KeyCol {
                codes: &k.codes,
                card: k.values.len(),
            }),
        }
    }

    /// Every field's type, distinct count, vocabulary and extent.
    pub fn profile(&mut self) -> Vec<FieldInfo> {
        let names = self.table.field_names();
        for n in &names {
            self.ensure_keys(n);
        }
        names
            .iter()
            .filter_map(|n| {
                let c = self.table.column(n)?;
                let key = self.key_col(n)?;
                let missing = key.codes.iter().filter(|&&c| c == NULL).count();
                let kind = FieldKind::of(c);
                let (vocabulary, year_like, extent) = match &c.data {
                    ColumnData::Text(t) if t.dictionary.len() <= 64 => {
                        let values: Vec<&str> = t.dictionary.iter().map(String::as_str).collect();
                        (
                            vocab::vocabulary_of(&values).map(|v| v.family()),
                            false,
                            None,
                        )
                    }
                    ColumnData::Text(_) => (None, false, None),
                    ColumnData::Number(v) | ColumnData::Date(v) => {
                        let e = extent_of(v);
                        let years = kind == FieldKind::Number
                            && e.is_some()
                            && self.keys.get(n).is_some_and(|k| {
                                k.values
                                    .iter()
                                    .all(|y| y.fract() == 0.0 && (1000.0..3000.0).contains(y))
                            });
                        (None, years, e)
                    }
                };
                Some(FieldInfo {
                    name: n.clone(),
                    kind,
                    distinct: key.card,
                    missing,
                    vocabulary,
                    year_like,
                    extent,
                })
            })
            .collect()
    }

    /// The smallest and largest present value of a number or date field (`None` when it
    /// has none); an error for a text field.
    pub fn extent(&self, field: &str) -> Result<Option<(f64, f64)>, Error> {
        match &self.column(field, "extent.field")?.data {
            ColumnData::Number(v) | ColumnData::Date(v) => Ok(extent_of(v)),
            ColumnData::Text(_) => Err(Error::Spec {
                path: "extent.field".into(),
                expected: "a number or date field".into(),
                found: format!("the text field \"{field}\""),
            }),
        }
    }

    /// The distinct values of `field` with their row counts, most frequent first (ties
    /// in order of first appearance), at most `limit`; with `search`, only values whose
    /// printed form contains it (ignoring case).
    pub fn distinct(
        &mut self,
        field: &str,
        limit: usize,
        search: Option<&str>,
    ) -> Result<Distinct, Error> {
        self.column(field, "distinct.field")?;
        self.ensure_keys(field);
        let key = self
            .key_col(field)
            .ok_or_else(|| missing_field(&self.table, field, "distinct.field"))?;
        let mut counts = vec![0usize; key.card];
        let mut missing = 0;
        for &c in key.codes {
            match counts.get_mut(c as usize) {
                Some(n) => *n += 1,
                None => missing += 1,
            }
        }
        let needle = search.map(str::to_lowercase).filter(|s| !s.is_empty());
        let mut order: Vec<usize> = (0..key.card)
            .filter(|&code| {
                needle.as_ref().is_none_or(|n| {
                    self.key_text(field, code)
                        .is_some_and(|t| t.to_lowercase().contains(n.as_str()))
                })
            })
            .collect();
        order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
        let more = order.len() > limit;
        order.truncate(limit);
        let values = order
            .into_iter()
            .map(|code| (self.key_json(field, code), counts[code]))
            .collect();
        Ok(Distinct {
            values,
            total: key.card,
            missing,
            more,
        })
    }

    /// The printed form of key `code` of `field`.
    fn key_text(&self, field: &str, code: usize) -> Option<String> {
        match &self.table.column(field)?.data {
            ColumnData::Text(t) => t.dictionary.get(code).cloned(),
            ColumnData::Number(_) => self
                .keys
                .get(field)?
                .values
                .get(code)
                .map(|v| format_plain_number(*v)),
            ColumnData::Date(_) => self
                .keys
                .get(field)?
                .values
                .get(code)
                .map(|v| date::format_iso(*v)),
        }
    }

    fn key_json(&self, field: &str, code: usize) -> Json {
        match self.table.column(field).map(|c| &c.data) {
            Some(ColumnData::Number(_)) => self
                .keys
                .get(field)
                .and_then(|k| k.values.get(code))
                .map_or(Json::Null, |v| value_json(Value::Number(*v))),
            _ => self.key_text(field, code).map_or(Json::Null, Json::String),
        }
    }

    /// Changes the type of `field` as Vega-Lite's `format.parse` would have read it:
    /// `"number"`, `"date"`, `"date:'%Y-%m'"`, `"boolean"` (text `true`/`false`), or
    /// `"text"` (`null` in `format.parse`). Every distinct value is read from its printed
    /// form; one that does not fit (and is not a missing-value marker such as `-` or
    /// `NA`) is an error naming it and its first row, and the column stays as it was.
    pub fn retype(&mut self, field: &str, to: &str) -> Result<(), Error> {
        let path = format!("format.parse.{field}");
        let c = self.column(field, &path)?;
        let parse = parse_as(to).ok_or_else(|| Error::Spec {
            path: path.clone(),
            expected: "\"number\", \"date\", \"date:'…'\", \"boolean\" or \"text\"".into(),
            found: format!("\"{}\"", shorten(to, 30)),
        })?;
        let format = match &parse {
            table::csv::ParseAs::DateFormat(f) => {
                Some(infer::DateFormat::compile(f).map_err(|why| Error::Spec {
                    path: path.clone(),
                    expected: format!("a date format ({why})"),
                    found: format!("\"{}\"", shorten(f, 30)),
                })?)
            }
            _ => None,
        };
        let already = matches!(
            (&parse, &c.data),
            (table::csv::ParseAs::Number, ColumnData::Number(_))
                | (table::csv::ParseAs::Text, ColumnData::Text(_))
                | (table::csv::ParseAs::Date, ColumnData::Date(_))
        );
        if already {
            return Ok(());
        }
        self.ensure_keys(field);
        let key = self
            .key_col(field)
            .ok_or_else(|| missing_field(&self.table, field, &path))?;
        let texts: Vec<String> = (0..key.card)
            .map(|code| self.key_text(field, code).unwrap_or_default())
            .collect();
        enum Out {
            Num(Vec<f64>),
            Text(Vec<Option<String>>),
        }
        let fail = |code: usize, expected: &str| {
            let row = key
                .codes
                .iter()
                .position(|&c| c as usize == code)
                .unwrap_or(0);
            Error::Data {
                source: field.to_string(),
                at: Location::Json(format!("[{row}].{field}")),
                expected: format!("{expected} (format.parse of \"{field}\")"),
                found: format!("\"{}\"", shorten(&texts[code], 40)),
            }
        };
        let number = |code: usize, v: Option<f64>, what: &str| match v {
            Some(v) => Ok(v),
            None if infer::is_missing(&texts[code]) => Ok(f64::NAN),
            None => Err(fail(code, what)),
        };
        let out = match &parse {
            table::csv::ParseAs::Number => Out::Num(
                (0..key.card)
                    .map(|i| number(i, infer::parse_number(&texts[i]), "a number"))
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::Date => Out::Num(
                (0..key.card)
                    .map(|i| {
                        let t = &texts[i];
                        number(
                            i,
                            infer::parse_date(t).or_else(|| infer::parse_year(t)),
                            "a date",
                        )
                    })
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::DateFormat(f) => Out::Num(
                (0..key.card)
                    .map(|i| {
                        let v = format.as_ref().and_then(|d| d.parse(&texts[i]));
                        number(i, v, &format!("a date in the format \"{f}\""))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::Boolean => Out::Text(
                (0..key.card)
                    .map(|i| match infer::parse_boolean(&texts[i]) {
                        Some(b) => Ok(Some(b.to_string())),
                        None if infer::is_missing(&texts[i]) => Ok(None),
                        None => Err(fail(i, "true or false")),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::Text => Out::Text(
                texts
                    .iter()
                    .map(|t| (!t.trim().is_empty()).then(|| t.trim().to_string()))
                    .collect(),
            ),
        };
        let data = match out {
            Out::Num(values) => {
                let per_row = key
                    .codes
                    .iter()
                    .map(|&c| values.get(c as usize).copied().unwrap_or(f64::NAN))
                    .collect();
                match parse {
                    table::csv::ParseAs::Number => ColumnData::Number(per_row),
                    _ => ColumnData::Date(per_row),
                }
            }
            Out::Text(values) => {
                // The dictionary in first-appearance order, equal texts merged.
                let mut dictionary: Vec<String> = Vec::new();
                let mut seen: HashMap<&str, u32> = HashMap::new();
                let code_of: Vec<u32> = values
                    .iter()
                    .map(|v| match v {
                        None => TextColumn::NULL,
                        Some(t) => *seen.entry(t.as_str()).or_insert_with(|| {
                            dictionary.push(t.clone());
                            dictionary.len() as u32 - 1
                        }),
                    })
                    .collect();
                let codes = key
                    .codes
                    .iter()
                    .map(|&c| code_of.get(c as usize).copied().unwrap_or(TextColumn::NULL))
                    .collect();
                ColumnData::Text(TextColumn::from_parts(dictionary, codes))
            }
        };
        self.keys.remove(field);
        self.table.set_column(Column {
            name: field.to_string(),
            data,
        });
        Ok(())
    }

    /// Runs a query (see [`Query`]).
    pub fn query(&mut self, q: &Query) -> Result<QueryResult, Error> {
        self.check(q)?;
        let mut key_fields: Vec<&str> = q.group_by.iter().map(String::as_str).collect();
        if let Some(a) = &q.aggregate {
            if a.op == "distinct" {
                key_fields.extend(a.field.as_deref());
            }
        }
        if let Some(s) = q.decimate.as_ref().and_then(|d| d.series.as_deref()) {
            key_fields.push(s);
        }
        for f in key_fields {
            self.ensure_keys(f);
        }
        let this = &*self;
        let t = &this.table;
        let tests = q
            .filters
            .iter()
            .enumerate()
            .map(|(i, f)| RowTest::compile(t, f, i))
            .collect::<Result<Vec<_>, _>>()?;
        let Some(agg) = &q.aggregate else {
            return Ok(this.raw_rows(q, &tests));
        };
        let op = AggregateOp::from_name(&agg.op).unwrap_or(AggregateOp::Count);
        let keys: Vec<KeyCol<'_>> = q.group_by.iter().filter_map(|f| this.key_col(f)).collect();
        let cards: Vec<u64> = keys.iter().map(|k| k.card as u64 + 1).collect();
        let product = cards
            .iter()
            .try_fold(1u64, |a, &c| a.checked_mul(c))
            .ok_or_else(|| Error::Spec {
                path: "query.groupBy".into(),
                expected: "fewer distinct combinations of the group-by fields".into(),
                found: format!("cardinalities {cards:?}"),
            })?;
        let mut slots = Slots::new(product);
        // Without filters every row is selected: sized once, not doubled up to a million.
        let rows = if tests.is_empty() { t.row_count() } else { 0 };
        let mut sel: Vec<u32> = Vec::with_capacity(rows);
        let mut row_group: Vec<u32> = Vec::with_capacity(rows);
        let mut first_rows: Vec<u32> = Vec::new();
        for r in 0..t.row_count() {
            if !tests.iter().all(|test| test.holds(r)) {
                continue;
            }
            let mut k = 0u64;
            for (key, &card) in keys.iter().zip(&cards) {
                let code = key.codes[r];
                let code = if code == NULL {
                    card - 1
                } else {
                    u64::from(code)
                };
                k = k * card + code;
            }
            let next = first_rows.len() as u32;
            let g = slots.get_or_insert(k, next);
            if g == next {
                first_rows.push(r as u32);
            }
            sel.push(r as u32);
            row_group.push(g);
        }
        let input = this.value_input(op, agg.field.as_deref());
        let values = aggregate(op, &input, &sel, &row_group, first_rows.len());
        let groups = first_rows.len();

        // Top-N: dense rank of the first field's groups by the op over all their rows.
        let mut keep: Vec<bool> = vec![true; groups];
        if let (Some(n), Some(first)) = (q.top, keys.first()) {
            let mut dense = vec![u32::MAX; first.card + 1];
            let mut n0 = 0u32;
            let top_group: Vec<u32> = sel
                .iter()
                .map(|&r| {
                    let c = first.codes[r as usize];
                    let slot = if c == NULL { first.card } else { c as usize };
                    if dense[slot] == u32::MAX {
                        dense[slot] = n0;
                        n0 += 1;
                    }
                    dense[slot]
                })
                .collect();
            let totals = aggregate(op, &input, &sel, &top_group, n0 as usize);
            let ranks = dense_ranks_descending(&totals.values);
            for (g, &r) in first_rows.iter().enumerate() {
                let c = first.codes[r as usize];
                let slot = if c == NULL { first.card } else { c as usize };
                let d = dense[slot] as usize;
                keep[g] = ranks.get(d).is_some_and(|&rank| rank <= n);
            }
        }
        let mut out: Vec<usize> = (0..groups).filter(|&g| keep[g]).collect();
        let mut truncated = false;
        if let Some(limit) = q.limit {
            if out.len() > limit {
                truncated = true;
                let mut by_value = out.clone();
                by_value.sort_by(|&a, &b| {
                    compare_desc_nulls_last(values.values[a], values.values[b]).then(a.cmp(&b))
                });
                by_value.truncate(limit);
                by_value.sort_unstable();
                out = by_value;
            }
        }
        let mut columns: Vec<Column> = q
            .group_by
            .iter()
            .filter_map(|f| t.column(f))
            .map(|c| pick(c, out.iter().map(|&g| first_rows[g] as usize)))
            .collect();
        columns.push(Column {
            name: agg.as_name.clone(),
            data: if values.dates {
                ColumnData::Date(out.iter().map(|&g| values.values[g]).collect())
            } else {
                ColumnData::Number(out.iter().map(|&g| values.values[g]).collect())
            },
        });
        let table = Table::new(columns).unwrap_or_default();
        let mut result = QueryResult {
            table,
            matched: sel.len(),
            groups,
            truncated,
            decimated_from: None,
        };
        if let Some(d) = &q.decimate {
            this.decimate_result(&mut result, d);
        }
        Ok(result)
    }

    fn check(&self, q: &Query) -> Result<(), Error> {
        let t = &self.table;
        let field = |f: &str, path: String| {
            t.column(f)
                .map(|_| ())
                .ok_or_else(|| missing_field(t, f, &path))
        };
        for (i, f) in q.filters.iter().enumerate() {
            field(&f.field, format!("query.filters[{i}].field"))?;
            if f.one_of.is_some() == f.range.is_some() {
                return Err(Error::Spec {
                    path: format!("query.filters[{i}]"),
                    expected: "exactly one of oneOf and range".into(),
                    found: if f.one_of.is_some() {
                        "both".into()
                    } else {
                        "neither".into()
                    },
                });
            }
        }
        if q.group_by.len() > MAX_GROUP_BY {
            return Err(Error::Spec {
                path: "query.groupBy".into(),
                expected: format!("at most {MAX_GROUP_BY} fields"),
                found: format!("{} fields", q.group_by.len()),
            });
        }
        for (i, g) in q.group_by.iter().enumerate() {
            field(g, format!("query.groupBy[{i}]"))?;
        }
        match &q.aggregate {
            Some(a) => {
                let op = AggregateOp::from_name(&a.op).ok_or_else(|| Error::Spec {
                    path: "query.aggregate.op".into(),
                    expected: format!("one of {}", AggregateOp::NAMES.join(", ")),
                    found: format!("\"{}\"", shorten(&a.op, 20)),
                })?;
                match (&a.field, op) {
                    (Some(f), _) => field(f, "query.aggregate.field".into())?,
                    (None, AggregateOp::Count) => {}
                    (None, _) => {
                        return Err(Error::Spec {
                            path: "query.aggregate.field".into(),
                            expected: format!("a field for {}", a.op),
                            found: "nothing".into(),
                        })
                    }
                }
            }
            None => {
                if q.top.is_some() || !q.group_by.is_empty() {
                    return Err(Error::Spec {
                        path: "query.aggregate".into(),
                        expected: "an aggregate with groupBy and top".into(),
                        found: "none".into(),
                    });
                }
                for (i, f) in q.fields.iter().enumerate() {
                    field(f, format!("query.fields[{i}]"))?;
                }
            }
        }
        if q.top.is_some() && q.group_by.is_empty() {
            return Err(Error::Spec {
                path: "query.top".into(),
                expected: "a groupBy field to rank".into(),
                found: "no groupBy".into(),
            });
        }
        if let Some(d) = &q.decimate {
            if q.aggregate.is_none() {
                field(&d.x, "query.decimate.x".into())?;
                field(&d.y, "query.decimate.y".into())?;
            }
            if d.columns == 0 || d.rows == Some(0) {
                return Err(Error::Spec {
                    path: "query.decimate.columns".into(),
                    expected: "at least one pixel column and row".into(),
                    found: "0".into(),
                });
            }
        }
        Ok(())
    }

    /// The aggregated field's values, as the ops read them.
    fn value_input(&self, op: AggregateOp, field: Option<&str>) -> Input<'_> {
        let Some(c) = field.and_then(|f| self.table.column(f)) else {
            return Input::Nothing;
        };
        if op == AggregateOp::Distinct {
            return field
                .and_then(|f| self.key_col(f))
                .map_or(Input::Nothing, |k| Input::Keys(k.codes));
        }
        match &c.data {
            ColumnData::Number(v) => Input::Numbers(v, false),
            ColumnData::Date(v) => Input::Numbers(v, true),
            ColumnData::Text(_) => Input::Nothing,
        }
    }

    /// The filtered rows themselves (no aggregate).
    fn raw_rows(&self, q: &Query, tests: &[RowTest<'_>]) -> QueryResult {
        let t = &self.table;
        let sel: Vec<usize> = (0..t.row_count())
            .filter(|&r| tests.iter().all(|test| test.holds(r)))
            .collect();
        let matched = sel.len();
        let fields: Vec<&Column> = if q.fields.is_empty() {
            t.columns().collect()
        } else {
            q.fields.iter().filter_map(|f| t.column(f)).collect()
        };
        let mut rows = sel;
        let mut decimated_from = None;
        if let Some(d) = &q.decimate {
            let xs = t.column(&d.x).and_then(numbers_of);
            let ys = t.column(&d.y).and_then(numbers_of);
            if let (Some(xs), Some(ys)) = (xs, ys) {
                let series = d.series.as_deref().and_then(|s| self.key_col(s));
                let kept = decimate_rows(&rows, xs, ys, series.map(|k| k.codes), d);
                if kept.len() < rows.len() {
                    decimated_from = Some(rows.len());
                    rows = kept;
                }
            }
        }
        let mut truncated = false;
        if let Some(limit) = q.limit {
            if rows.len() > limit {
                rows.truncate(limit);
                truncated = true;
            }
        }
        let columns = fields
            .into_iter()
            .map(|c| pick(c, rows.iter().copied()))
            .collect();
        QueryResult {
            table: Table::new(columns).unwrap_or_default(),
            matched,
            groups: matched,
            truncated,
            decimated_from,
        }
    }

    /// Decimates an aggregated result along its x (a number or date group-by field).
    fn decimate_result(&self, result: &mut QueryResult, d: &Decimate) {
        let t = &result.table;
        let (Some(xs), Some(ys)) = (
            t.column(&d.x).and_then(numbers_of),
            t.column(&d.y).and_then(numbers_of),
        ) else {
            return;
        };
        let series: Option<Vec<u32>> =
            d.series
                .as_deref()
                .and_then(|s| t.column(s))
                .map(|c| match &c.data {
                    ColumnData::Text(tc) => tc.codes.clone(),
                    ColumnData::Number(v) | ColumnData::Date(v) => {
                        number_keys(v, matches!(c.data, ColumnData::Date(_))).codes
                    }
                });
        let all: Vec<usize> = (0..t.row_count()).collect();
        let kept = decimate_rows(&all, xs, ys, series.as_deref(), d);
        if kept.len() < all.len() {
            let columns = t.columns().map(|c| pick(c, kept.iter().copied())).collect();
            result.decimated_from = Some(all.len());
            result.table = Table::new(columns).unwrap_or_default();
        }
    }

    /// Rows `range` of the table as JSON records.
    pub fn preview(&self, range: std::ops::Range<usize>) -> Json {
        records(&self.table, range)
    }
}

/// How to read a column, from its `format.parse` text: `"number"`, `"date"`,
/// `"date:'%Y-%m'"`, `"boolean"`, or `"text"` (also `"null"`, `"string"`).
pub fn parse_as(to: &str) -> Option<table::csv::ParseAs> {
    use table::csv::ParseAs;
    Some(match to {
        "number" => ParseAs::Number,
        "date" => ParseAs::Date,
        "boolean" => ParseAs::Boolean,
        "text" | "null" | "string" => ParseAs::Text,
        other => {
            let f = other.strip_prefix("date:")?;
            let f = f
                .strip_prefix('\'')
                .and_then(|f| f.strip_suffix('\''))
                .or_else(|| f.strip_prefix('"').and_then(|f| f.strip_suffix('"')))?;
            ParseAs::DateFormat(f.to_string())
        }
    })
}

fn numbers_of(c: &Column) -> Option<&[f64]> {
    match &c.data {
        ColumnData::Number(v) | ColumnData::Date(v) => Some(v),
        ColumnData::Text(_) => None,
    }
}

fn extent_of(v: &[f64]) -> Option<(f64, f64)> {
    let mut e: Option<(f64, f64)> = None;
    for &x in v.iter().filter(|x| !x.is_nan()) {
        e = Some(match e {
            None => (x, x),
            Some((lo, hi)) => (lo.min(x), hi.max(x)),
        });
    }
    e
}

/// A column of the given rows, keeping the column's type.
fn pick(c: &Column, rows: impl Iterator<Item = usize>) -> Column {
    let data = match &c.data {
        ColumnData::Number(v) => ColumnData::Number(
            rows.map(|r| v.get(r).copied().unwrap_or(f64::NAN))
                .collect(),
        ),
        ColumnData::Date(v) => ColumnData::Date(
            rows.map(|r| v.get(r).copied().unwrap_or(f64::NAN))
                .collect(),
        ),
        ColumnData::Text(t) => {
            let rows: Vec<usize> = rows.collect();
            ColumnData::Text(t.select(&rows))
        }
    };
    Column {
        name: c.name.clone(),
        data,
    }
}

/// Group codes of numbers or dates, equal printed forms merged (see [`NumKeys`]).
fn number_keys(values: &[f64], dates: bool) -> NumKeys {
    let mut exact = CodeMap::with_capacity(64);
    let mut exact_values: Vec<f64> = Vec::new();
    let mut codes: Vec<u32> = Vec::with_capacity(values.len());
    for &v in values {
        if v.is_nan() {
            codes.push(NULL);
            continue;
        }
        let bits = if v == 0.0 { 0 } else { v.to_bits() };
        let next = exact_values.len() as u32;
        let id = exact.get_or_insert(bits, next);
        if id == next {
            exact_values.push(v);
        }
        codes.push(id);
    }
    // Merge values that print alike (format_plain_number rounds to 6 decimals; ISO dates
    // to the second), as transform's text group keys do.
    let mut by_text: HashMap<String, u32> = HashMap::new();
    let mut merged: Vec<u32> = Vec::with_capacity(exact_values.len());
    let mut values_out: Vec<f64> = Vec::new();
    for &v in &exact_values {
        let text = if dates {
            date::format_iso(v)
        } else {
            format_plain_number(v)
        };
        let next = values_out.len() as u32;
        let id = *by_text.entry(text).or_insert(next);
        if id == next {
            values_out.push(v);
        }
        merged.push(id);
    }
    if merged.iter().enumerate().any(|(i, &m)| m as usize != i) {
        for c in codes.iter_mut().filter(|c| **c != NULL) {
            *c = merged[*c as usize];
        }
    }
    NumKeys {
        codes,
        values: values_out,
    }
}

// ---------------------------------------------------------------------------------------
// Filters

/// A compiled filter: a lookup by key code, or a numeric range.
enum RowTest<'a> {
    /// Text (or text tested by range): pass iff `allowed[code]`; missing → `missing`.
    Codes {
        codes: &'a [u32],
        allowed: Vec<bool>,
        missing: bool,
    },
    /// Numbers or dates in `[lo, hi]` (NaN fails), inverted by `exclude`.
    Range {
        values: &'a [f64],
        lo: f64,
        hi: f64,
        exclude: bool,
    },
    /// Numbers or dates equal to one of a set (by value), inverted by `exclude`.
    Set {
        values: &'a [f64],
        set: CodeMap,
        exclude: bool,
    },
    /// Dates compared with text constants (their ISO form): the rare, slow path.
    DateText {
        values: &'a [f64],
        numbers: Vec<f64>,
        texts: Vec<String>,
        exclude: bool,
    },
}

impl<'a> RowTest<'a> {
    fn compile(t: &'a Table, f: &Filter, i: usize) -> Result<RowTest<'a>, Error> {
        let path = format!("query.filters[{i}]");
        let c = t
            .column(&f.field)
            .ok_or_else(|| missing_field(t, &f.field, &format!("{path}.field")))?;
        if let Some([lo, hi]) = f.range {
            let (lo, hi) = (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY));
            return Ok(match &c.data {
                ColumnData::Number(v) | ColumnData::Date(v) => RowTest::Range {
                    values: v,
                    lo,
                    hi,
                    exclude: f.exclude,
                },
                // As transform does: text that Rust reads as a number is compared.
                ColumnData::Text(tc) => RowTest::Codes {
                    codes: &tc.codes,
                    allowed: tc
                        .dictionary
                        .iter()
                        .map(|s| {
                            let inside = s.trim().parse::<f64>().is_ok_and(|x| x >= lo && x <= hi);
                            inside != f.exclude
                        })
                        .collect(),
                    missing: f.exclude,
                },
            });
        }
        let consts = f.one_of.as_deref().unwrap_or_default();
        let mut numbers = Vec::new();
        let mut texts = Vec::new();
        for (k, v) in consts.iter().enumerate() {
            match v {
                Json::Number(n) => numbers.extend(n.as_f64()),
                Json::String(s) => texts.push(s.clone()),
                Json::Bool(b) => texts.push(b.to_string()),
                other => {
                    return Err(Error::Spec {
                        path: format!("{path}.oneOf[{k}]"),
                        expected: "a string or a number".into(),
                        found: shorten(&other.to_string(), 30),
                    })
                }
            }
        }
        Ok(match &c.data {
            ColumnData::Text(tc) => RowTest::Codes {
                codes: &tc.codes,
                allowed: tc
                    .dictionary
                    .iter()
                    .map(|s| texts.iter().any(|t| t == s) != f.exclude)
                    .collect(),
                missing: f.exclude,
            },
            ColumnData::Date(v) if !texts.is_empty() => RowTest::DateText {
                values: v,
                numbers,
                texts,
                exclude: f.exclude,
            },
            ColumnData::Number(v) | ColumnData::Date(v) => {
                let mut set = CodeMap::with_capacity(numbers.len());
                for n in numbers.iter().filter(|n| !n.is_nan()) {
                    set.get_or_insert(if *n == 0.0 { 0 } else { n.to_bits() }, 0);
                }
                RowTest::Set {
                    values: v,
                    set,
                    exclude: f.exclude,
                }
            }
        })
    }

    #[inline]
    fn holds(&self, r: usize) -> bool {
        match self {
            RowTest::Codes {
                codes,
                allowed,
                missing,
            } => match codes[r] {
                NULL => *missing,
                c => allowed[c as usize],
            },
            RowTest::Range {
                values,
                lo,
                hi,
                exclude,
            } => {
                let v = values[r];
                (v >= *lo && v <= *hi) != *exclude
            }
            RowTest::Set {
                values,
                set,
                exclude,
            } => {
                let v = values[r];
                let hit = !v.is_nan() && set.contains(if v == 0.0 { 0 } else { v.to_bits() });
                hit != *exclude
            }
            RowTest::DateText {
                values,
                numbers,
                texts,
                exclude,
            } => {
                let v = values[r];
                let hit = !v.is_nan()
                    && (numbers.contains(&v) || {
                        let iso = date::format_iso(v);
                        texts.contains(&iso)
                    });
                hit != *exclude
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Aggregation

/// The aggregated field as the ops read it.
enum Input<'a> {
    /// No field (count) or a text field (no numbers to aggregate).
    Nothing,
    /// Numbers, or dates (`true`).
    Numbers(&'a [f64], bool),
    /// Key codes, for `distinct`.
    Keys(&'a [u32]),
}

/// Per-group results: values (NaN = missing) and whether they are dates.
struct Aggregated {
    values: Vec<f64>,
    dates: bool,
}

/// Computes `op` per group; `sel[i]` is a selected row and `group[i]` its group.
fn aggregate(
    op: AggregateOp,
    input: &Input<'_>,
    sel: &[u32],
    group: &[u32],
    groups: usize,
) -> Aggregated {
    let mut out = vec![f64::NAN; groups];
    let mut dates = false;
    match (op, input) {
        (AggregateOp::Count, _) => {
            out.iter_mut().for_each(|v| *v = 0.0);
            for &g in group {
                out[g as usize] += 1.0;
            }
        }
        (AggregateOp::Distinct, Input::Keys(codes)) => {
            out.iter_mut().for_each(|v| *v = 0.0);
            let mut seen = CodeMap::with_capacity(groups * 4);
            for (&r, &g) in sel.iter().zip(group) {
                let c = codes[r as usize];
                if c != NULL {
                    seen.get_or_insert((u64::from(g) << 32) | u64::from(c), 0);
                    if !seen.last_was_found {
                        out[g as usize] += 1.0;
                    }
                }
            }
        }
        (AggregateOp::Distinct, _) => out.iter_mut().for_each(|v| *v = 0.0),
        (AggregateOp::Sum, Input::Numbers(xs, _)) => {
            out.iter_mut().for_each(|v| *v = 0.0);
            for (&r, &g) in sel.iter().zip(group) {
                let x = xs[r as usize];
                if !x.is_nan() {
                    out[g as usize] += x;
                }
            }
        }
        (AggregateOp::Sum, _) => out.iter_mut().for_each(|v| *v = 0.0),
        (AggregateOp::Mean, Input::Numbers(xs, _)) => {
            let mut sums = vec![0.0; groups];
            let mut ns = vec![0u32; groups];
            for (&r, &g) in sel.iter().zip(group) {
                let x = xs[r as usize];
                if !x.is_nan() {
                    sums[g as usize] += x;
                    ns[g as usize] += 1;
                }
            }
            for g in 0..groups {
                if ns[g] > 0 {
                    out[g] = sums[g] / f64::from(ns[g]);
                }
            }
        }
        (AggregateOp::Min | AggregateOp::Max, Input::Numbers(xs, is_date)) => {
            dates = *is_date;
            let min = op == AggregateOp::Min;
            for (&r, &g) in sel.iter().zip(group) {
                let x = xs[r as usize];
                if x.is_nan() {
                    continue;
                }
                let slot = &mut out[g as usize];
                *slot = if slot.is_nan() {
                    x
                } else if min {
                    slot.min(x)
                } else {
                    slot.max(x)
                };
            }
        }
        (AggregateOp::Median, Input::Numbers(xs, is_date)) => {
            dates = *is_date;
            // Values grouped by a counting sort, then the middle of each group.
            let mut starts = vec![0usize; groups + 1];
            for (&r, &g) in sel.iter().zip(group) {
                if !xs[r as usize].is_nan() {
                    starts[g as usize + 1] += 1;
                }
            }
            for g in 0..groups {
                starts[g + 1] += starts[g];
            }
            let mut fill = starts.clone();
            let mut flat = vec![0.0; starts[groups]];
            for (&r, &g) in sel.iter().zip(group) {
                let x = xs[r as usize];
                if !x.is_nan() {
                    flat[fill[g as usize]] = x;
                    fill[g as usize] += 1;
                }
            }
            for g in 0..groups {
                let xs = &mut flat[starts[g]..starts[g + 1]];
                let n = xs.len();
                if n == 0 {
                    continue;
                }
                // The same values a full sort would put in the middle, in linear time.
                let (lower, mid, _) = xs.select_nth_unstable_by(n / 2, f64::total_cmp);
                let mid = *mid;
                out[g] = if n % 2 == 1 {
                    mid
                } else {
                    let below = lower.iter().copied().fold(f64::NEG_INFINITY, |a, b| {
                        if a.total_cmp(&b).is_lt() {
                            b
                        } else {
                            a
                        }
                    });
                    (below + mid) / 2.0
                };
            }
        }
        // Mean, min, max, median of text: nothing to aggregate.
        _ => {}
    }
    Aggregated { values: out, dates }
}

/// Dense ranks (1 = largest) in descending order with missing values first, as
/// `transform`'s window compares them.
fn dense_ranks_descending(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let key = |v: f64| (!v.is_nan(), v);
    order.sort_by(|&a, &b| {
        let (pa, va) = key(values[a]);
        let (pb, vb) = key(values[b]);
        // Missing first, then larger first.
        pa.cmp(&pb).then_with(|| vb.total_cmp(&va))
    });
    let mut ranks = vec![0usize; values.len()];
    let mut dense = 0usize;
    for (i, &g) in order.iter().enumerate() {
        let tie = i > 0 && {
            let p = values[order[i - 1]];
            let v = values[g];
            (p.is_nan() && v.is_nan()) || p.total_cmp(&v).is_eq()
        };
        if !tie {
            dense += 1;
        }
        ranks[g] = dense;
    }
    ranks
}

fn compare_desc_nulls_last(a: f64, b: f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        (false, false) => b.total_cmp(&a),
    }
}

// ---------------------------------------------------------------------------------------
// Group slots: dense when the key space is small, open addressing otherwise

/// Group index by combined key.
enum Slots {
    Dense(Vec<u32>),
    Hash(CodeMap),
}

impl Slots {
    fn new(product: u64) -> Slots {
        if product <= DENSE_SLOTS {
            Slots::Dense(vec![u32::MAX; product as usize])
        } else {
            Slots::Hash(CodeMap::with_capacity(1024))
        }
    }

    /// The group of `key`, inserting `next` for a new key.
    #[inline]
    fn get_or_insert(&mut self, key: u64, next: u32) -> u32 {
        match self {
            Slots::Dense(v) => {
                let slot = &mut v[key as usize];
                if *slot == u32::MAX {
                    *slot = next;
                }
                *slot
            }
            Slots::Hash(m) => m.get_or_insert(key, next),
        }
    }
}

/// A small open-addressing map from `u64` keys to `u32` values (Fibonacci hashing,
/// linear probing), for per-row lookups without hashing strings.
#[derive(Debug, Clone)]
struct CodeMap {
    keys: Vec<u64>,
    vals: Vec<u32>,
    used: Vec<bool>,
    len: usize,
    shift: u32,
    /// Whether the last [`CodeMap::get_or_insert`] found the key already there.
    last_was_found: bool,
}

impl CodeMap {
    fn with_capacity(n: usize) -> CodeMap {
        let cap = (n.max(8) * 2).next_power_of_two();
        CodeMap {
            keys: vec![0; cap],
            vals: vec![0; cap],
            used: vec![false; cap],
            len: 0,
            shift: 64 - cap.trailing_zeros(),
            last_was_found: false,
        }
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn contains(&self, key: u64) -> bool {
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        while self.used[i] {
            if self.keys[i] == key {
                return true;
            }
            i = (i + 1) & mask;
        }
        false
    }

    /// The value of `key`, inserting `value` when the key is new.
    fn get_or_insert(&mut self, key: u64, value: u32) -> u32 {
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        while self.used[i] {
            if self.keys[i] == key {
                self.last_was_found = true;
                return self.vals[i];
            }
            i = (i + 1) & mask;
        }
        self.used[i] = true;
        self.keys[i] = key;
        self.vals[i] = value;
        self.len += 1;
        self.last_was_found = false;
        value
    }

    fn grow(&mut self) {
        let mut bigger = CodeMap::with_capacity(self.keys.len());
        for i in 0..self.keys.len() {
            if self.used[i] {
                bigger.get_or_insert(self.keys[i], self.vals[i]);
            }
        }
        *self = bigger;
    }
}

// ---------------------------------------------------------------------------------------
// Decimation

/// Decimates `rows` (indices into `xs`/`ys`) per series (`series` codes, [`NULL`] for a
/// missing series); returns the kept rows in their original order.
fn decimate_rows(
    rows: &[usize],
    xs: &[f64],
    ys: &[f64],
    series: Option<&[u32]>,
    d: &Decimate,
) -> Vec<usize> {
    if rows.len() <= d.columns.saturating_mul(3) {
        return rows.to_vec();
    }
    let parts: Vec<Vec<usize>> = match series {
        None => vec![rows.to_vec()],
        Some(codes) => {
            let mut slot: Vec<u32> = Vec::new();
            let mut parts: Vec<Vec<usize>> = Vec::new();
            for &r in rows {
                let c = codes[r];
                let c = if c == NULL { 0 } else { c as usize + 1 };
                if c >= slot.len() {
                    slot.resize(c + 1, u32::MAX);
                }
                if slot[c] == u32::MAX {
                    slot[c] = parts.len() as u32;
                    parts.push(Vec::new());
                }
                parts[slot[c] as usize].push(r);
            }
            parts
        }
    };
    let mut kept = Vec::new();
    for part in parts {
        let x = |i: usize| xs[part[i]];
        let y = |i: usize| ys[part[i]];
        let keep = match d.rows {
            Some(rows) => grid_by(part.len(), x, y, d.columns, rows),
            None => minmax_by(part.len(), x, y, d.columns),
        };
        kept.extend(keep.into_iter().map(|i| part[i]));
    }
    kept.sort_unstable();
    kept
}

fn extent_by(n: usize, v: impl Fn(usize) -> f64) -> Option<(f64, f64)> {
    let mut e: Option<(f64, f64)> = None;
    for i in 0..n {
        let x = v(i);
        if x.is_nan() {
            continue;
        }
        e = Some(match e {
            None => (x, x),
            Some((lo, hi)) => (lo.min(x), hi.max(x)),
        });
    }
    e
}

/// Min/max decimation of a line: splits the x extent into `columns` equal pixel columns
/// and keeps, in each, the point with the lowest y and the point with the highest y (the
/// first of equals), plus the line's first and last point (smallest and largest x). The
/// line through the kept points, in x order, spans the same vertical range in every pixel
/// column as the line through all of them, and starts and ends where it did. Points with
/// a missing x or y are dropped. Returns indices into `xs`, ascending; at most
/// `2 × columns + 2`. The input need not be sorted.
pub fn decimate_minmax(xs: &[f64], ys: &[f64], columns: usize) -> Vec<usize> {
    minmax_by(xs.len().min(ys.len()), |i| xs[i], |i| ys[i], columns)
}

fn minmax_by(
    n: usize,
    xs: impl Fn(usize) -> f64,
    ys: impl Fn(usize) -> f64,
    columns: usize,
) -> Vec<usize> {
    let Some((x0, x1)) = extent_by(n, &xs) else {
        return Vec::new();
    };
    let columns = columns.max(1);
    let width = x1 - x0;
    // Per column: the lowest and highest point, as indices and values.
    let mut best: Vec<[usize; 2]> = vec![[usize::MAX; 2]; columns];
    let mut vals: Vec<[f64; 2]> = vec![[0.0; 2]; columns];
    let (mut first, mut last) = (usize::MAX, usize::MAX);
    let (mut first_x, mut last_x) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..n {
        let (x, y) = (xs(i), ys(i));
        if x.is_nan() || y.is_nan() {
            continue;
        }
        if x < first_x {
            (first, first_x) = (i, x);
        }
        if x > last_x {
            (last, last_x) = (i, x);
        }
        let c = if width > 0.0 {
            (((x - x0) / width * columns as f64) as usize).min(columns - 1)
        } else {
            0
        };
        let (b, v) = (&mut best[c], &mut vals[c]);
        if b[0] == usize::MAX {
            *b = [i; 2];
            *v = [y, y];
            continue;
        }
        if y < v[0] {
            (b[0], v[0]) = (i, y);
        }
        if y > v[1] {
            (b[1], v[1]) = (i, y);
        }
    }
    let mut out: Vec<usize> = best
        .iter()
        .flat_map(|b| b.iter().copied())
        .chain([first, last])
        .filter(|&i| i != usize::MAX)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Grid decimation of points: splits the x and y extents into `columns` × `rows` pixel
/// cells and keeps the first point in each occupied cell, so every pixel that had a point
/// still has one. Points with a missing x or y are dropped. Returns indices, ascending.
pub fn decimate_grid(xs: &[f64], ys: &[f64], columns: usize, rows: usize) -> Vec<usize> {
    grid_by(xs.len().min(ys.len()), |i| xs[i], |i| ys[i], columns, rows)
}

fn grid_by(
    n: usize,
    xs: impl Fn(usize) -> f64,
    ys: impl Fn(usize) -> f64,
    columns: usize,
    rows: usize,
) -> Vec<usize> {
    let (Some((x0, x1)), Some((y0, y1))) = (extent_by(n, &xs), extent_by(n, &ys)) else {
        return Vec::new();
    };
    let (columns, rows) = (columns.max(1), rows.max(1));
    let cell = |v: f64, lo: f64, hi: f64, k: usize| -> usize {
        if hi <= lo {
            0
        } else {
            (((v - lo) / (hi - lo) * k as f64) as usize).min(k - 1)
        }
    };
    let mut taken = vec![false; columns * rows];
    let mut out = Vec::new();
    for i in 0..n {
        let (x, y) = (xs(i), ys(i));
        if x.is_nan() || y.is_nan() {
            continue;
        }
        let c = cell(y, y0, y1, rows) * columns + cell(x, x0, x1, columns);
        if !taken[c] {
            taken[c] = true;
            out.push(i);
        }
    }
    out
}
