//! The explorer's data, held in a Web Worker: one loaded table and its query engine
//! ([`crate::explore`]). The page's worker (`www/explore-worker.js`) says what is coming
//! with [`Dataset::begin`], writes a file's bytes in chunk by chunk ([`Dataset::grow`]),
//! each followed by [`Dataset::feed`], makes the table with [`Dataset::load`], then
//! answers the controls' questions ([`Dataset::query`], [`Dataset::distinct`], …) with
//! small JSON texts, so neither the million rows nor any per-row work ever reach the
//! page's thread.
//!
//! Delimited text is parsed while it arrives ([`crate::table::csv::DelimitedStream`]): each
//! chunk's complete records go into the columns and their bytes are freed, so a 100 MB file
//! is never held whole and parsing overlaps reading. Input the stream does not handle
//! (JSON, GBK, UTF-16, Excel's `sep=` line, a column whose type guess fails late, any error)
//! is parsed whole, as before: when the stream finds out before it freed any bytes it just
//! keeps them; after, [`Dataset::feed`] answers `false` and the worker reads the input
//! again into a new dataset begun with `stream` off.
//!
//! Everything that crosses the boundary is JSON text (cheap to post between threads), in
//! the forms [`wire`] reads and writes (only this boundary knows them); every error is a
//! JS `Error` whose message names the field, JSON path or line.

pub mod wire;

use super::js_err;
use crate::explore::{self, Explorer, LoadOptions};
use crate::table::csv::{DelimitedStream, Fed};
use serde_json::{json, Value as Json};
use wasm_bindgen::prelude::*;

/// One data file: its bytes while it arrives, then its table.
#[wasm_bindgen]
#[derive(Default)]
pub struct Dataset {
    /// The bytes not yet parsed: all of them when parsed whole, a record still arriving
    /// when streamed.
    bytes: Vec<u8>,
    /// How to read the input, from [`Dataset::begin`].
    opts: Option<LoadOptions>,
    /// Corrections of a delimited file's layout, from [`Dataset::set_layout`].
    layout: crate::table::csv::LayoutOptions,
    /// A workbook's sheet, from [`Dataset::set_sheet`].
    sheet: Option<String>,
    /// The table before [`Dataset::fold`] made it long, and the columns folded.
    wide: Option<(crate::table::Table, explore::WideColumns)>,
    /// The table before [`Dataset::pivot`] made it wide.
    long: Option<crate::table::Table>,
    /// The input's expected size (0 when unknown).
    total: usize,
    /// The stream parsing delimited text as it arrives, until it hands the input back.
    stream: Option<DelimitedStream>,
    /// With format `auto`, whether the stream still waits for the first character that
    /// says JSON or not.
    sniffing: bool,
    /// The table the stream made, until [`Dataset::load`].
    streamed: Option<crate::table::csv::Loaded>,
    explorer: Option<Explorer>,
}

#[wasm_bindgen]
impl Dataset {
    /// An empty dataset.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Dataset {
        Dataset::default()
    }

    /// Says what is coming: `format` is `"auto"`, `"csv"`, `"tsv"` or `"json"`; `property`
    /// the JSON array's path (`format.property`, empty for automatic); `parse` a JSON
    /// object of `format.parse` (`{"year": "number"}`, `{}`); `source` the file's name for
    /// messages; `total` the input's size in bytes (0 when unknown). With `stream` (and
    /// delimited text, or `auto`), records are parsed as the bytes arrive; otherwise the
    /// bytes are kept, in a buffer of `total` bytes, for [`Dataset::load`].
    pub fn begin(
        &mut self,
        format: &str,
        property: &str,
        parse: &str,
        source: &str,
        total: usize,
        stream: bool,
    ) -> Result<(), JsValue> {
        self.total = total;
        let opts = LoadOptions {
            format: format.to_string(),
            property: (!property.is_empty()).then(|| property.to_string()),
            parse: parse_map(parse).map_err(js_err)?,
            source: source.to_string(),
            layout: self.layout,
            sheet: self.sheet.clone(),
        };
        let delimited = matches!(format, "csv" | "tsv" | "auto" | "") && property.is_empty();
        if stream && delimited {
            let delimited = explore::delimited_options(&opts, format);
            self.stream = Some(DelimitedStream::new(delimited, source, total));
            self.sniffing = !matches!(format, "csv" | "tsv");
        } else {
            self.bytes.reserve_exact(total);
        }
        self.opts = Some(opts);
        Ok(())
    }

    /// Corrects the detected layout of the delimited file to come (call it before
    /// [`Dataset::begin`]): the header is line `header`, the data ends at line `data_end`
    /// (1-based; 0 leaves either to the detection rules).
    #[wasm_bindgen(js_name = setLayout)]
    pub fn set_layout(&mut self, header: u32, data_end: u32) {
        self.layout = crate::table::csv::LayoutOptions {
            header_line: (header > 0).then_some(u64::from(header)),
            data_end_line: (data_end > 0).then_some(u64::from(data_end)),
        };
    }

    /// Chooses the sheet of the workbook to come, by name or 1-based number (call it before
    /// [`Dataset::begin`]; empty takes the first sheet with cells).
    #[wasm_bindgen(js_name = setSheet)]
    pub fn set_sheet(&mut self, sheet: &str) {
        self.sheet = (!sheet.is_empty()).then(|| sheet.to_string());
    }

    /// Parses the complete records of the bytes written so far, when streaming (see
    /// [`Dataset::begin`]); with `last`, the rest too, making the table. `false` when the
    /// input must be read again from its start into a new dataset begun without `stream`
    /// (the stream had freed bytes when it met something only the whole loader handles).
    pub fn feed(&mut self, last: bool) -> bool {
        if self.sniffing {
            match explore::starts_json(&self.bytes) {
                None if !last => return true,
                Some(true) => self.stop_streaming(),
                _ => {}
            }
            self.sniffing = false;
        }
        let fed = match self.stream.take() {
            None => return true,
            Some(stream) if last => match stream.finish(&mut self.bytes) {
                Ok(loaded) => {
                    self.streamed = Some(loaded);
                    Fed::More
                }
                Err(fed) => fed,
            },
            Some(mut stream) => {
                let fed = stream.feed(&mut self.bytes);
                self.stream = Some(stream);
                fed
            }
        };
        match fed {
            Fed::More => true,
            Fed::Whole => {
                self.stop_streaming();
                true
            }
            Fed::Again => {
                self.stream = None;
                false
            }
        }
    }

    /// From now on the bytes are kept, for [`Dataset::load`] to parse whole.
    fn stop_streaming(&mut self) {
        self.stream = None;
        let more = self.total.saturating_sub(self.bytes.len());
        self.bytes.reserve_exact(more);
    }

    /// Makes room for `len` more bytes at the end (zeroed) and returns their address in
    /// the wasm memory, so that the worker writes a chunk straight there
    /// (`new Uint8Array(memory.buffer, address, len).set(chunk)`, taking `memory.buffer`
    /// after this call) instead of having it copied in.
    pub fn grow(&mut self, len: usize) -> usize {
        let at = self.bytes.len();
        self.bytes.resize(at.saturating_add(len), 0);
        self.bytes.as_ptr() as usize + at
    }

    /// Bytes written and not yet parsed (or freed by the stream).
    #[wasm_bindgen(getter, js_name = byteLength)]
    pub fn byte_length(&self) -> usize {
        self.bytes.len()
    }

    /// Makes the table: the one the stream made (after [`Dataset::feed`] with `last`), or
    /// the bytes written parsed whole (and freed) as [`Dataset::begin`] said. Returns JSON
    /// text: `{rows, format,
    /// delimiter, encoding, property, properties, warnings, citation, layout (see
    /// [`crate::table::csv::Layout::to_json`]), sheet and sheets (a workbook's), streamed,
    /// fields:
    /// [{name, type, distinct, missing, vocabulary, yearLike, min, max}]}`.
    pub fn load(&mut self) -> Result<String, JsValue> {
        let streamed = self.streamed.is_some();
        let loaded = match self.streamed.take() {
            Some(loaded) => explore::from_delimited(loaded),
            None => {
                let opts = self
                    .opts
                    .as_ref()
                    .ok_or_else(|| js_err("nothing to load: Dataset.begin was not called"))?;
                let bytes = std::mem::take(&mut self.bytes);
                explore::load(&bytes, opts).map_err(js_err)?
            }
        };
        let mut explorer = Explorer::new(loaded.table);
        let fields: Vec<Json> = explorer.profile().iter().map(wire::field_json).collect();
        let info = json!({
            "rows": explorer.table().row_count(),
            "format": loaded.format,
            "delimiter": loaded.delimiter.map(String::from),
            "encoding": loaded.encoding,
            "property": loaded.property,
            "properties": loaded.properties,
            "warnings": loaded.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "citation": loaded.citation,
            "layout": loaded.layout.to_json(),
            // Columns that look like one variable: the explorer offers to fold them.
            "wide": explore::wide_columns(explorer.table()),
            "sheet": loaded.sheet,
            "sheets": loaded.sheets,
            "streamed": streamed,
            "fields": fields,
        });
        self.explorer = Some(explorer);
        Ok(info.to_string())
    }

    fn explorer(&mut self) -> Result<&mut Explorer, JsValue> {
        self.explorer
            .as_mut()
            .ok_or_else(|| js_err("no data loaded yet"))
    }

    /// Rows in the loaded table.
    #[wasm_bindgen(js_name = rowCount)]
    pub fn row_count(&self) -> usize {
        self.explorer.as_ref().map_or(0, |e| e.table().row_count())
    }

    /// Every field's `{name, type, distinct, missing, vocabulary, yearLike, min, max}`, as
    /// JSON text.
    pub fn fields(&mut self) -> Result<String, JsValue> {
        let fields: Vec<Json> = self
            .explorer()?
            .profile()
            .iter()
            .map(wire::field_json)
            .collect();
        Ok(Json::Array(fields).to_string())
    }

    /// Rows `start .. start + count` as JSON records (dates as ISO text).
    pub fn preview(&mut self, start: usize, count: usize) -> Result<String, JsValue> {
        let e = self.explorer()?;
        Ok(wire::records(&e.preview(start..start.saturating_add(count))).to_string())
    }

    /// The distinct values of `field` with their row counts, most frequent first:
    /// `{values: [{value, count}], total, missing, more}` as JSON text; with `search`,
    /// only values containing it (ignoring case).
    pub fn distinct(
        &mut self,
        field: &str,
        limit: usize,
        search: Option<String>,
    ) -> Result<String, JsValue> {
        let d = self
            .explorer()?
            .distinct(field, limit, search.as_deref())
            .map_err(js_err)?;
        Ok(wire::distinct_json(&d).to_string())
    }

    /// `[min, max]` of a number or date field (`null` when it has no values), as JSON text.
    pub fn extent(&mut self, field: &str) -> Result<String, JsValue> {
        let e = self.explorer()?.extent(field).map_err(js_err)?;
        Ok(match e {
            Some((lo, hi)) => json!([lo, hi]),
            None => Json::Null,
        }
        .to_string())
    }

    /// Runs a query (JSON text, [`wire::query_from_json`]); returns `{rows, matched,
    /// groups, truncated, decimatedFrom}` as JSON text.
    pub fn query(&mut self, query: &str) -> Result<String, JsValue> {
        let q = wire::query_from_json(query).map_err(js_err)?;
        let r = self.explorer()?.query(&q).map_err(js_err)?;
        Ok(wire::result_json(&r).to_string())
    }

    /// Folds the columns that look like one variable ([`explore::wide_columns`]) into
    /// key/value rows (Vega-Lite's `fold`): the table becomes the long one. Returns
    /// `{fold: {fields, kind, key, value}, fields}` (fields as [`Dataset::fields`]).
    pub fn fold(&mut self) -> Result<String, JsValue> {
        let table = self.explorer()?.table();
        let wide = explore::wide_columns(table)
            .ok_or_else(|| js_err("no columns that look like one variable (years, levels)"))?;
        let long = explore::fold(table, &wide).map_err(js_err)?;
        let wide_table = table.clone();
        self.explorer = Some(Explorer::new(long));
        let fields: Json = serde_json::from_str(&self.fields()?).unwrap_or(Json::Null);
        let out = json!({"fold": &wide, "fields": fields});
        self.wide = Some((wide_table, wide));
        Ok(out.to_string())
    }

    /// Undoes [`Dataset::fold`] (the wide table back, as a `pivot` would make it);
    /// returns the fields as [`Dataset::fields`].
    pub fn unfold(&mut self) -> Result<String, JsValue> {
        let (table, _) = self
            .wide
            .take()
            .ok_or_else(|| js_err("the table was not folded"))?;
        self.explorer = Some(Explorer::new(table));
        self.fields()
    }

    /// Pivots the table wide (Vega-Lite's `pivot`, [`explore::pivot`]): one column per
    /// value of `pivot` holding `op` (sum, mean, median, min, max or count) of `value`, a
    /// row per group of the other columns. Returns `{pivot: {pivot, value, groupby, op},
    /// fields, rows}` (fields as [`Dataset::fields`]).
    pub fn pivot(&mut self, pivot: &str, value: &str, op: &str) -> Result<String, JsValue> {
        let table = self.explorer()?.table();
        let p = explore::Pivot {
            op: op.to_string(),
            ..explore::Pivot::by_the_rest(table, pivot, value)
        };
        let wide = explore::pivot(table, &p).map_err(js_err)?;
        let long = table.clone();
        self.explorer = Some(Explorer::new(wide));
        let fields: Json = serde_json::from_str(&self.fields()?).unwrap_or(Json::Null);
        self.long = Some(long);
        let rows = self.explorer()?.table().row_count();
        Ok(json!({"pivot": &p, "fields": fields, "rows": rows}).to_string())
    }

    /// Undoes [`Dataset::pivot`] (the long table back); returns the fields as
    /// [`Dataset::fields`].
    pub fn unpivot(&mut self) -> Result<String, JsValue> {
        let table = self
            .long
            .take()
            .ok_or_else(|| js_err("the table was not pivoted"))?;
        self.explorer = Some(Explorer::new(table));
        self.fields()
    }

    /// Changes a field's type as `format.parse` would read it (`"number"`, `"date"`,
    /// `"date:'%Y'"`, `"boolean"`, `"text"`); returns the fields as [`Dataset::fields`].
    /// On error the column is unchanged.
    pub fn retype(&mut self, field: &str, to: &str) -> Result<String, JsValue> {
        self.explorer()?.retype(field, to).map_err(js_err)?;
        self.fields()
    }
}

/// `format.parse` JSON (`{"year": "number", "code": null}`) → per-field parsing.
fn parse_map(text: &str) -> Result<Vec<(String, crate::table::csv::ParseAs)>, crate::Error> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let v: Json = serde_json::from_str(text).map_err(|e| crate::Error::Spec {
        path: "format.parse".into(),
        expected: "an object of field: type".into(),
        found: e.to_string(),
    })?;
    let Json::Object(m) = v else {
        return Err(crate::Error::Spec {
            path: "format.parse".into(),
            expected: "an object of field: type".into(),
            found: crate::error::shorten(&v.to_string(), 40),
        });
    };
    m.into_iter()
        .map(|(field, to)| {
            let text = to.as_str().unwrap_or("text");
            explore::parse_as(text)
                .map(|p| (field.clone(), p))
                .ok_or_else(|| crate::Error::Spec {
                    path: format!("format.parse.{field}"),
                    expected: "\"number\", \"date\", \"date:'…'\", \"boolean\" or null".into(),
                    found: crate::error::shorten(&to.to_string(), 30),
                })
        })
        .collect()
}

/// The Vega-Lite transforms that mean what a query computes (JSON text of an array).
#[wasm_bindgen(js_name = queryTransforms)]
pub fn query_transforms(query: &str) -> Result<String, JsValue> {
    let q = wire::query_from_json(query).map_err(js_err)?;
    Ok(wire::query_transforms_json(&q).map_err(js_err)?.to_string())
}

/// The query a spec's `transform` array means (JSON text, as [`wire::query_json`]
/// writes it), read through the spec parser's transform reader, or an error naming the
/// first transform the explorer's controls cannot show.
#[wasm_bindgen(js_name = transformsQuery)]
pub fn transforms_query(transforms: &str) -> Result<String, JsValue> {
    let v: Json = serde_json::from_str(transforms).map_err(js_err)?;
    let q = wire::transforms_query(&v).map_err(js_err)?;
    Ok(wire::query_json(&q).to_string())
}
