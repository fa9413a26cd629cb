//! Loading: a data file's bytes, in any encoding [`crate::table::encoding`] detects, into
//! a [`Table`] — delimited text through the one CSV loader, JSON with its array of records
//! found by itself when no `format.property` is given.

use crate::error::{shorten, Error, Location, Warning};
use crate::table::encoding::UTF8_BOM;
use crate::table::{self, Table};
use serde_json::Value as Json;

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
    #[cfg(any(not(target_arch = "wasm32"), feature = "workbook"))]
    if opts.format.as_str() != "tsv" && table::workbook::kind(bytes).is_some() {
        return load_workbook(bytes, opts);
    }
    // The explorer's CSV engine leaves calamine out: its worker reads the file again with
    // the workbook engine when it sees [`NEEDS_WORKBOOK_ENGINE`].
    #[cfg(all(target_arch = "wasm32", not(feature = "workbook")))]
    if opts.format.as_str() != "tsv" {
        if let Some(kind) = table::workbook_kind(bytes) {
            return Err(Error::Data {
                source: opts.source.clone(),
                at: crate::error::Location::Whole,
                expected: NEEDS_WORKBOOK_ENGINE.into(),
                found: format!("an {kind} workbook"),
            });
        }
    }
    let loaded =
        table::csv::parse_delimited(bytes, &delimited_options(opts, format), &opts.source)?;
    Ok(from_delimited(loaded))
}

/// What [`load`] says, in a build without workbooks (the explorer's CSV engine), of a
/// workbook's bytes; the explorer's worker reads the file again with the workbook engine
/// when an error carries it.
pub const NEEDS_WORKBOOK_ENGINE: &str = "the workbook engine (stdviz's feature `workbook`)";

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
#[cfg(any(not(target_arch = "wasm32"), feature = "workbook"))]
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
