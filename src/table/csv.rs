//! Delimited text (CSV, TSV, semicolon-separated) into a [`Table`], for people's real files.
//!
//! What this accepts, because analysts' files contain it:
//!
//! * any encoding [`super::encoding::decode`] detects: UTF-8 with or without a BOM,
//!   UTF-16 with a BOM (Excel's "Unicode text"), GBK/GB18030 (Excel on Chinese Windows);
//! * RFC 4180 and Excel quoting: quoted fields with delimiters, doubled quotes and line
//!   breaks inside, CRLF or LF line ends; Excel's `sep=;` first line;
//! * the delimiter `,`, tab or `;`, detected from the header line unless given;
//! * blank lines (also lines of bare delimiters, as Excel leaves below a table), skipped;
//! * a header row (the first non-blank record): empty names become `column N`, repeated
//!   names get ` (2)`, ` (3)` suffixes, each with a warning;
//! * ragged rows: a short row's missing fields are missing values (one warning for the
//!   file); a long row is fine when its extra fields are empty, an error otherwise;
//! * cells as [`super::infer`] reads them (thousands separators, `万`/`亿`, per-cent,
//!   dates in Chinese and ISO forms, missing-value markers), with per-column type
//!   inference, or as `format.parse` says.
//!
//! Every failure is an [`Error::Data`] naming the source, the 1-based line and field
//! number and the offending value. Text cells are trimmed of surrounding whitespace.
//!
//! Speed: one pass over the records infers each column's type *while* building it (a
//! column is kept as numbers while every present cell is a number); only a column whose
//! guess fails later (say, a number column with text in row 900,000) is rebuilt, as text,
//! in a second pass. Cells are read as `&str` slices of the record; the only per-cell
//! allocation is a new distinct text value.

use super::infer::{self, CellValue, DateFormat};
use super::{Column, ColumnData, Table, TextColumn};
use crate::error::{shorten, Error, Location, Warning};
use crate::limits::Limit;
/// The loader checks bytes, rows, columns and cell length of the chart's own limits while
/// it reads (the other limits are [`crate::check`]'s).
pub use crate::limits::Limits;
use ::csv::{ByteRecord, Position, ReaderBuilder, StringRecord};
use std::collections::HashSet;

pub mod layout;
mod stream;
pub use layout::{Layout, LayoutOptions, Note, NoteKind};
pub use stream::{DelimitedStream, Fed};

/// How to read one column, as Vega-Lite's `format.parse` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseAs {
    /// `"number"`: every present cell must be a number (as [`infer::parse_number`] reads).
    Number,
    /// `"boolean"`: `true`/`false` (also `yes`/`no`, `1`/`0`, `是`/`否`). The table has no
    /// boolean columns, so the values become the text `true` and `false`.
    Boolean,
    /// `"date"`: a date in any form [`infer::parse_date`] reads, or a bare year (1 January).
    Date,
    /// `"date:'%Y-%m'"`: a date in this strftime-style format (see [`DateFormat`]).
    DateFormat(String),
    /// `null`: no parsing; the cells stay text (`NA` stays `NA`; only empty cells are
    /// missing).
    Text,
}

impl ParseAs {
    /// What a cell must look like, for error messages.
    fn expected(&self, field: &str) -> String {
        let what = match self {
            ParseAs::Number => "a number".to_string(),
            ParseAs::Boolean => "true or false".to_string(),
            ParseAs::Date => "a date".to_string(),
            ParseAs::DateFormat(f) => format!("a date in the format \"{f}\""),
            ParseAs::Text => "text".to_string(),
        };
        format!("{what} (format.parse of \"{field}\")")
    }
}

/// Options for [`parse_delimited`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DelimitedOptions {
    /// The field delimiter; `None` detects `,`, tab or `;` from the header line.
    pub delimiter: Option<u8>,
    /// Per-field parsing (`format.parse`); other columns are inferred.
    pub parse: Vec<(String, ParseAs)>,
    /// Size limits.
    pub limits: Limits,
    /// Corrections of the detected yearbook layout (header line, data end line).
    pub layout: LayoutOptions,
}

/// A loaded table and what was learnt on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The rows.
    pub table: Table,
    /// The detected text encoding (see [`super::encoding::Decoded::encoding`]).
    pub encoding: &'static str,
    /// The delimiter used.
    pub delimiter: u8,
    /// Things that did not stop loading but that the user should know.
    pub warnings: Vec<Warning>,
    /// Where the header and rows are, and the title, unit and notes around them.
    pub layout: Layout,
}

/// Reads delimited text into a table. `source` names the input in errors and warnings.
pub fn parse_delimited(
    bytes: &[u8],
    opts: &DelimitedOptions,
    source: &str,
) -> Result<Loaded, Error> {
    let limits = &opts.limits;
    if bytes.len() > limits.max_bytes {
        return Err(Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: Limit::Bytes.expected_max(limits.max_bytes, "bytes"),
            found: format!("{} bytes", bytes.len()),
        });
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: "CSV or TSV text".into(),
            found: kind.into(),
        });
    }
    let decoded = super::encoding::decode(bytes);
    let text: &str = &decoded.text;
    let mut warnings = Vec::new();
    if decoded.replaced {
        warnings.push(replaced_warning(source, decoded.encoding));
    }
    if decoded.mixed {
        warnings.push(Warning {
            path: source.to_string(),
            message: super::encoding::MIXED_WARNING.into(),
        });
    }

    // Excel's `sep=;` line names the delimiter and is not data.
    let (body, sep_line_delimiter, line_offset) = split_sep_line(text);
    let delimiter = opts
        .delimiter
        .or(sep_line_delimiter)
        .unwrap_or_else(|| detect_delimiter(body));
    if text.as_bytes().contains(&0) {
        return Err(nul_error(body, delimiter, line_offset, source));
    }

    let parsers = compile_parsers(&opts.parse)?;
    let ctx = Ctx {
        source,
        body: body.as_bytes(),
        delimiter,
        line_offset,
    };
    // The header: the first non-blank record with two non-empty cells (see `layout`).
    let mut layout = Layout::default();
    let Some((header_start, header_line)) = layout::find_header(&ctx, &opts.layout, &mut layout)?
    else {
        if let Some((field, _, _)) = parsers.first() {
            return Err(unknown_field_error(source, field, None, &[]));
        }
        return Ok(Loaded {
            table: Table::default(),
            encoding: decoded.encoding,
            delimiter,
            warnings,
            layout,
        });
    };
    layout.header_rows = 1;
    // From the header on: the preamble is not read again.
    let data_ctx = Ctx {
        body: body.as_bytes().get(header_start..).unwrap_or_default(),
        line_offset: header_line.saturating_sub(1),
        ..ctx
    };
    let mut records = data_ctx.records();
    records.next()?; // the header, found above
    let header = (records.record.clone(), records.text.clone());
    let top = Fields {
        record: &header.0,
        text: &header.1,
    };
    // Only a header with empty cells may have a second row: the next record is read
    // before the header is checked only then (so other files fail exactly as before).
    let header_empty = layout::empty_cells(top);
    let mut names = None;
    let mut peeked = None;
    if layout::has_gap(&header_empty) {
        let next = records.next()?;
        if next.is_some() && layout::is_second_header_row(&header_empty, records.fields()) {
            names = Some(layout::flatten_header(top, records.fields()));
            layout.header_rows = 2;
            peeked = Some(records.next()?);
        } else {
            peeked = Some(next);
        }
    }
    let mut rows = Rows::start(
        &data_ctx,
        &records,
        top,
        names,
        header_line,
        parsers,
        *limits,
        &mut warnings,
    )?;
    let mut next = match peeked {
        Some(next) => next,
        None => records.next()?,
    };
    let mut data_end = data_ctx.body.len();
    while let Some(line) = next {
        if let Some(notes) = layout::notes_from(&data_ctx, &records, line, &opts.layout)? {
            layout.notes = notes;
            data_end = records.start;
            break;
        }
        rows.push(&data_ctx, &records, line, records.end, data_ctx.body.len())?;
        next = records.next()?;
    }
    if data_end == data_ctx.body.len() {
        if let Some(e) = records.open_quote_in_last() {
            return Err(e);
        }
    }
    let data_ctx = Ctx {
        body: data_ctx.body.get(..data_end).unwrap_or_default(),
        ..data_ctx
    };

    // Columns whose type guess failed part-way are text: read them again.
    let failed = rows.failed();
    if !failed.is_empty() {
        let mut texts: Vec<TextColumn> = failed.iter().map(|_| TextColumn::default()).collect();
        let mut again = data_ctx.records();
        for _ in 0..layout.header_rows {
            again.next()?; // the header
        }
        while again.next()?.is_some() {
            for (text, i) in texts.iter_mut().zip(&failed) {
                text.push(present(again.fields().get(*i).unwrap_or("")));
            }
        }
        for (text, i) in texts.into_iter().zip(&failed) {
            rows.set_text(*i, text);
        }
    }
    layout.header_line = header_line;
    layout.data_end_line = rows.last_line;
    let table = rows.finish(source, &mut warnings)?;
    Ok(Loaded {
        table,
        encoding: decoded.encoding,
        delimiter,
        warnings,
        layout,
    })
}

/// A `format.parse` entry ready to use: the field, how to read it, its compiled date
/// format (for `date:'…'`).
type FieldParser = (String, ParseAs, Option<DateFormat>);

/// Compiles `format.parse`: date formats are checked before any data is read.
fn compile_parsers(parse: &[(String, ParseAs)]) -> Result<Vec<FieldParser>, Error> {
    let mut parsers = Vec::with_capacity(parse.len());
    for (field, how) in parse {
        let format = match how {
            ParseAs::DateFormat(f) => Some(DateFormat::compile(f).map_err(|why| Error::Spec {
                path: format!("data.format.parse.{field}"),
                expected: format!(
                    "a date format of %Y %y %m %b %d %e %H %M %S and literal text ({why})"
                ),
                found: format!("\"date:'{}'\"", shorten(f, 40)),
            })?),
            _ => None,
        };
        parsers.push((field.clone(), how.clone(), format));
    }
    Ok(parsers)
}

/// The columns of one load, built a record at a time: the header's names, one builder per
/// column, and what the rows so far were like (shared by [`parse_delimited`] and
/// [`DelimitedStream`]).
#[derive(Debug)]
struct Rows {
    names: Vec<String>,
    builders: Vec<Builder>,
    header_line: u64,
    /// The line the last data record read starts on.
    last_line: u64,
    rows: usize,
    short_rows: usize,
    first_short_line: u64,
    limits: Limits,
}

impl Rows {
    /// Starts from the `header` record on `header_line` (the columns' names are `names`
    /// when given: a two-row header's); `records` is the reader.
    #[allow(clippy::too_many_arguments)]
    fn start(
        ctx: &Ctx<'_>,
        records: &Records<'_>,
        header: Fields<'_>,
        names: Option<Vec<String>>,
        header_line: u64,
        parsers: Vec<FieldParser>,
        limits: Limits,
        warnings: &mut Vec<Warning>,
    ) -> Result<Rows, Error> {
        if header.len() > limits.max_columns {
            return Err(records.or_open_quote(ctx.cell_error(
                header_line,
                limits.max_columns as u64 + 1,
                Limit::Columns.expected_max(limits.max_columns, "columns"),
                format!("{} columns in the header", header.len()),
            )));
        }
        for (i, name) in header.iter().enumerate() {
            if let Err(e) = ctx.check_cell_size(header, header_line, i, name, &limits) {
                return Err(records.or_open_quote(e));
            }
        }
        let names = match names {
            Some(names) => column_names(
                names.iter().map(String::as_str),
                header_line,
                ctx.source,
                warnings,
            ),
            None => column_names(header.iter(), header_line, ctx.source, warnings),
        };

        let mut builders: Vec<Builder> =
            names.iter().map(|_| Builder::new(Parser::Infer)).collect();
        for (field, parse, format) in parsers {
            let Some(index) = names.iter().position(|n| *n == field) else {
                return Err(unknown_field_error(
                    ctx.source,
                    &field,
                    Some(header_line),
                    &names,
                ));
            };
            let parser = match (&parse, format) {
                (ParseAs::Number, _) => Parser::Number,
                (ParseAs::Boolean, _) => Parser::Boolean,
                (ParseAs::Date, _) => Parser::Date,
                (ParseAs::DateFormat(_), Some(f)) => Parser::Format(f),
                (ParseAs::DateFormat(_), None) | (ParseAs::Text, _) => Parser::Text,
            };
            if let Some(b) = builders.get_mut(index) {
                *b = Builder::new(parser);
                b.parse = Some(parse);
            }
        }
        Ok(Rows {
            names,
            builders,
            header_line,
            last_line: 0,
            rows: 0,
            short_rows: 0,
            first_short_line: 0,
            limits,
        })
    }

    /// Adds the data record `records` just read (on `line`). `read` and `total` are the
    /// bytes read so far and in all (to size the columns once the first rows are in).
    fn push(
        &mut self,
        ctx: &Ctx<'_>,
        records: &Records<'_>,
        line: u64,
        read: usize,
        total: usize,
    ) -> Result<(), Error> {
        let record = records.fields();
        let limits = &self.limits;
        let ncols = self.names.len();
        if self.rows >= limits.max_rows {
            return Err(ctx.cell_error(
                line,
                1,
                Limit::Rows.expected_max(limits.max_rows, "rows"),
                format!("row {}", self.rows + 1),
            ));
        }
        self.rows += 1;
        self.last_line = line;
        if self.rows == 256 {
            // Size the columns for the whole file from the first rows' bytes per row.
            let per_row = read.max(1) as f64 / self.rows as f64;
            let expected_rows = (total as f64 / per_row * 1.05) as usize;
            let additional = expected_rows.min(limits.max_rows).saturating_sub(self.rows);
            for b in &mut self.builders {
                b.reserve(additional);
            }
        }
        if record.len() < ncols {
            self.short_rows += 1;
            if self.short_rows == 1 {
                self.first_short_line = line;
            }
        } else if record.len() > ncols {
            let extra = record
                .iter()
                .enumerate()
                .skip(ncols)
                .find(|(_, f)| !f.trim().is_empty());
            if let Some((i, value)) = extra {
                return Err(records.or_open_quote(ctx.cell_error(
                    field_line(record.iter(), line, i),
                    i as u64 + 1,
                    format!(
                        "at most {ncols} fields, as in the header on line {}",
                        self.header_line
                    ),
                    quote(value),
                )));
            }
        }
        for (i, builder) in self.builders.iter_mut().enumerate() {
            let cell = record.get(i).unwrap_or("");
            if let Err(e) = ctx.check_cell_size(record, line, i, cell, limits) {
                return Err(records.or_open_quote(e));
            }
            if builder.push(cell).is_err() {
                let field = self.names.get(i).map_or("", String::as_str);
                let expected = builder
                    .parse
                    .as_ref()
                    .map_or_else(|| "a value".to_string(), |p| p.expected(field));
                return Err(records.or_open_quote(ctx.cell_error(
                    field_line(record.iter(), line, i),
                    i as u64 + 1,
                    expected,
                    quote(cell),
                )));
            }
        }
        Ok(())
    }

    /// The columns whose inferred type a later cell contradicted (to be read again as
    /// text and given with [`Rows::set_text`]).
    fn failed(&self) -> Vec<usize> {
        self.builders
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.data, Data::Failed))
            .map(|(i, _)| i)
            .collect()
    }

    /// Column `i` as the given text.
    fn set_text(&mut self, i: usize, text: TextColumn) {
        if let Some(b) = self.builders.get_mut(i) {
            b.data = Data::Text(text);
        }
    }

    /// The table, and the warning about short rows if there were any.
    fn finish(self, source: &str, warnings: &mut Vec<Warning>) -> Result<Table, Error> {
        let (short_rows, line, ncols) = (self.short_rows, self.first_short_line, self.names.len());
        if short_rows > 0 {
            warnings.push(Warning {
                path: format!("{source}, line {line}"),
                message: if short_rows == 1 {
                    format!(
                        "1 row has fewer fields than the header ({ncols}), on line {line}; its missing fields are empty"
                    )
                } else {
                    format!(
                        "{short_rows} rows have fewer fields than the header ({ncols}), the first on line {line}; their missing fields are empty"
                    )
                },
            });
        }
        let columns: Vec<Column> = self
            .names
            .into_iter()
            .zip(self.builders)
            .map(|(name, b)| Column {
                name,
                data: b.finish(),
            })
            .collect();
        Table::new(columns).ok_or_else(|| Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: "columns of equal length".into(),
            found: "columns of unequal length (a bug in the CSV loader)".into(),
        })
    }
}

/// The warning for bytes that are not valid in the file's encoding.
fn replaced_warning(source: &str, encoding: &str) -> Warning {
    Warning {
        path: source.to_string(),
        message: format!("some bytes are not valid {encoding} and were replaced by \u{FFFD}"),
    }
}

/// The trimmed cell, or `None` when it is missing.
fn present(cell: &str) -> Option<&str> {
    let t = infer::trim(cell);
    (!infer::is_missing_trimmed(t)).then_some(t)
}

/// What the input is, when it is a known binary format rather than text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("a ZIP archive, such as an Excel .xlsx workbook (save it as CSV first)")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("an Excel 97-2003 .xls workbook (save it as CSV first)")
    } else {
        None
    }
}

/// Splits off Excel's `sep=X` first line: (rest of the text, X, lines skipped).
fn split_sep_line(text: &str) -> (&str, Option<u8>, u64) {
    let Some(rest) = text.strip_prefix("sep=") else {
        return (text, None, 0);
    };
    let mut bytes = rest.bytes();
    let Some(d) = bytes.next() else {
        return (text, None, 0);
    };
    let after = rest.get(1..).unwrap_or_default();
    let after = match after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
    {
        Some(a) => a,
        None if after.is_empty() => after,
        None => return (text, None, 0),
    };
    if d.is_ascii() && d != b'"' && d != b'\n' && d != b'\r' {
        (after, Some(d), 1)
    } else {
        (text, None, 0)
    }
}

/// The delimiter among `,`, tab and `;` that occurs most often (outside quotes) in the
/// first non-blank line; `,` on ties and when none occurs.
fn detect_delimiter(text: &str) -> u8 {
    first_line_delimiter(text.as_bytes()).0
}

/// [`detect_delimiter`], and whether the first non-blank line ended within `bytes` (a
/// stream waits for more bytes when it did not).
fn first_line_delimiter(bytes: &[u8]) -> (u8, bool) {
    const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut has_content = false;
    let mut ended = false;
    for &b in bytes {
        if b == b'"' {
            in_quotes = !in_quotes;
            has_content = true;
        } else if in_quotes {
            continue;
        } else if b == b'\n' {
            if has_content {
                ended = true;
                break;
            }
            counts = [0; 3];
        } else if let Some(k) = CANDIDATES.iter().position(|c| *c == b) {
            if let Some(count) = counts.get_mut(k) {
                *count += 1;
            }
        } else if !b.is_ascii_whitespace() {
            has_content = true;
        }
    }
    let mut best = 0;
    for k in 1..CANDIDATES.len() {
        if counts.get(k) > counts.get(best) {
            best = k;
        }
    }
    let delimiter = if counts.get(best).copied().unwrap_or(0) == 0 {
        b','
    } else {
        CANDIDATES.get(best).copied().unwrap_or(b',')
    };
    (delimiter, ended)
}

/// Names for the header's fields: trimmed, `column N` when empty, ` (2)` for repeats.
fn column_names<'h>(
    header: impl ExactSizeIterator<Item = &'h str>,
    line: u64,
    source: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    let mut taken: HashSet<String> = HashSet::with_capacity(header.len());
    for (i, raw) in header.enumerate() {
        let col = i + 1;
        // A second byte-order mark (a tool that added one to a file that had one) is
        // invisible in every editor: not part of the name.
        let trimmed = raw.trim_start_matches('\u{feff}').trim();
        let base = if trimmed.is_empty() {
            format!("column {col}")
        } else {
            trimmed.to_string()
        };
        let mut name = base.clone();
        let mut k = 2;
        while taken.contains(&name) {
            name = format!("{base} ({k})");
            k += 1;
        }
        let path = format!("{source}, line {line}");
        if trimmed.is_empty() {
            warnings.push(Warning {
                path,
                message: format!("column {col} has no name in the header; it is named \"{name}\""),
            });
        } else if name != base {
            let first = names.iter().position(|n| *n == base).map_or(0, |p| p + 1);
            warnings.push(Warning {
                path,
                message: format!(
                    "column {col} repeats the name \"{base}\" of column {first}; it is named \"{name}\""
                ),
            });
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

/// The error for a `format.parse` entry naming a field the header does not have.
fn unknown_field_error(
    source: &str,
    field: &str,
    header_line: Option<u64>,
    names: &[String],
) -> Error {
    let expected = match header_line {
        None => "a field of the header, but the file is empty".to_string(),
        Some(line) => {
            let list: Vec<String> = names
                .iter()
                .map(|n| format!("\"{}\"", shorten(n, 40)))
                .collect();
            format!(
                "one of the fields in the header on line {line}: {}",
                list.join(", ")
            )
        }
    };
    Error::Data {
        source: source.to_string(),
        at: Location::Whole,
        expected,
        found: format!("\"{}\" (named in format.parse)", shorten(field, 40)),
    }
}

/// A value for an error message: quoted, shortened, control characters escaped.
fn quote(value: &str) -> String {
    let mut out = String::new();
    for (n, c) in value.chars().enumerate() {
        if n == 41 {
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c => out.push(c),
        }
    }
    let short = if value.chars().nth(40).is_some() {
        let mut cut: String = out.chars().take(39).collect();
        cut.push('…');
        cut
    } else {
        out
    };
    format!("\"{short}\"")
}

/// The line on which field `i` of a record starting on `line` starts (fields before it
/// may hold line breaks).
fn field_line<'a>(fields: impl Iterator<Item = &'a str>, line: u64, i: usize) -> u64 {
    let breaks: usize = fields
        .take(i)
        .map(|f| f.bytes().filter(|b| *b == b'\n').count())
        .sum();
    line + breaks as u64
}

/// Byte offset and line where a record really starts. The csv crate's position of a
/// record includes the blank lines it skipped before it (and the `\n` of a previous CRLF);
/// step over those, counting their line breaks.
fn record_start(text: &[u8], position: Option<&Position>) -> (usize, u64) {
    let (byte, line) = position.map_or((0, 1), |p| (p.byte() as usize, p.line()));
    let rest = text.get(byte..).unwrap_or_default();
    let skipped = rest
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let breaks = rest.iter().take(skipped).filter(|b| **b == b'\n').count();
    (byte + skipped, line + breaks as u64)
}

/// Whether every field of a record is empty or whitespace.
fn is_blank(record: Fields<'_>) -> bool {
    record.iter().all(|f| infer::trim(f).is_empty())
}

/// The error for a NUL byte: found by reading the records up to it.
fn nul_error(text: &str, delimiter: u8, line_offset: u64, source: &str) -> Error {
    let expected = "text without NUL bytes (a UTF-16 file needs its byte-order mark; save spreadsheets as CSV)";
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    while let Ok(true) = reader.read_record(&mut record) {
        let line = record_start(text.as_bytes(), record.position()).1 + line_offset;
        for (i, field) in record.iter().enumerate() {
            if let Some(at) = field.find('\0') {
                let within = field.get(..at).map_or(0, |f| f.matches('\n').count());
                return Error::Data {
                    source: source.to_string(),
                    at: Location::Cell {
                        line: field_line(record.iter(), line, i) + within as u64,
                        column: i as u64 + 1,
                    },
                    expected: expected.into(),
                    found: format!("a NUL byte in {}", quote(field)),
                };
            }
        }
    }
    Error::Data {
        source: source.to_string(),
        at: Location::Whole,
        expected: expected.into(),
        found: "a NUL byte".into(),
    }
}

/// The shared context of one load.
#[derive(Clone, Copy)]
struct Ctx<'t> {
    source: &'t str,
    /// The text after any `sep=` line (UTF-8, checked record by record as it is read: a
    /// stream hands over bytes it has not checked itself).
    body: &'t [u8],
    delimiter: u8,
    /// Lines before `body` (the `sep=` line).
    line_offset: u64,
}

impl<'t> Ctx<'t> {
    fn records(&self) -> Records<'t> {
        Records {
            reader: ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(self.delimiter)
                .from_reader(self.body),
            record: ByteRecord::new(),
            text: String::new(),
            body: self.body,
            delimiter: self.delimiter,
            line_offset: self.line_offset,
            source: self.source,
            start: 0,
            end: 0,
            line: 0,
        }
    }

    fn cell_error(&self, line: u64, column: u64, expected: String, found: String) -> Error {
        Error::Data {
            source: self.source.to_string(),
            at: Location::Cell { line, column },
            expected,
            found,
        }
    }

    /// Checks `max_cell_chars` for field `i` (bytes first: chars never exceed bytes).
    fn check_cell_size(
        &self,
        record: Fields<'_>,
        line: u64,
        i: usize,
        cell: &str,
        limits: &Limits,
    ) -> Result<(), Error> {
        if cell.len() <= limits.max_cell_chars {
            return Ok(());
        }
        let chars = cell.chars().count();
        if chars <= limits.max_cell_chars {
            return Ok(());
        }
        Err(self.cell_error(
            field_line(record.iter(), line, i),
            i as u64 + 1,
            Limit::CellChars.expected_max(limits.max_cell_chars, "characters in a cell"),
            format!("{chars} characters: {}", quote(cell)),
        ))
    }
}

/// The fields of a record as text: the reader's record and its bytes checked as UTF-8
/// (every field boundary on a character boundary).
#[derive(Clone, Copy)]
struct Fields<'r> {
    text: &'r str,
    record: &'r ByteRecord,
}

impl<'r> Fields<'r> {
    /// Number of fields.
    fn len(self) -> usize {
        self.record.len()
    }

    /// Field `i`.
    fn get(self, i: usize) -> Option<&'r str> {
        self.text.get(self.record.range(i)?)
    }

    /// The fields in order.
    fn iter(self) -> impl ExactSizeIterator<Item = &'r str> {
        (0..self.len()).map(move |i| self.get(i).unwrap_or_default())
    }
}

/// Non-blank records, one at a time, with their line numbers.
struct Records<'t> {
    reader: ::csv::Reader<&'t [u8]>,
    /// The last record read.
    record: ByteRecord,
    /// Its fields' bytes, checked as UTF-8 (see [`Records::fields`]).
    text: String,
    body: &'t [u8],
    delimiter: u8,
    line_offset: u64,
    source: &'t str,
    /// Byte range and line of the last record read (blank or not).
    start: usize,
    end: usize,
    line: u64,
}

impl Records<'_> {
    /// Reads the next non-blank record into `self.record`; returns its line.
    fn next(&mut self) -> Result<Option<u64>, Error> {
        loop {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line()) + self.line_offset;
                    Error::Data {
                        source: self.source.to_string(),
                        at: Location::Cell { line, column: 1 },
                        expected: "delimited text".into(),
                        found: e.to_string(),
                    }
                })?;
            if !more {
                return Ok(None);
            }
            let (start, line) = record_start(self.body, self.record.position());
            self.start = start;
            self.end = self.reader.position().byte() as usize;
            self.line = line + self.line_offset;
            // The fields as text: checked as UTF-8 once, with SIMD where the build has it
            // (simdutf8; the explorer's wasm is built with simd128), then kept in `text`.
            let record = &self.record;
            let text = simdutf8::basic::from_utf8(record.as_slice())
                .ok()
                .filter(|t| {
                    (0..record.len()).all(|i| {
                        record.range(i).is_some_and(|r| {
                            t.is_char_boundary(r.start) && t.is_char_boundary(r.end)
                        })
                    })
                });
            let Some(text) = text else {
                return Err(Error::Data {
                    source: self.source.to_string(),
                    at: Location::Cell {
                        line: self.line,
                        column: 1,
                    },
                    expected: "UTF-8 text".into(),
                    found: "bytes that are not UTF-8".into(),
                });
            };
            self.text.clear();
            self.text.push_str(text);
            if !is_blank(self.fields()) {
                return Ok(Some(self.line));
            }
        }
    }

    /// The fields of the last record read.
    fn fields(&self) -> Fields<'_> {
        Fields {
            text: &self.text,
            record: &self.record,
        }
    }

    /// `e`, unless the current record runs into the end of the input inside a quoted
    /// field: then the unclosed quote is the real problem.
    fn or_open_quote(&self, e: Error) -> Error {
        self.open_quote_in_last().unwrap_or(e)
    }

    /// An error for a quoted field, in the last record read, that is never closed.
    fn open_quote_in_last(&self) -> Option<Error> {
        if self.end < self.body.len() {
            return None;
        }
        let raw = self.body.get(self.start..self.end)?;
        let (lines, column, offset) = open_quote(raw, self.delimiter)?;
        let rest = String::from_utf8_lossy(raw.get(offset + 1..).unwrap_or_default());
        Some(Error::Data {
            source: self.source.to_string(),
            at: Location::Cell {
                line: self.line + lines,
                column,
            },
            expected: "a closing quote (\") for the quoted field that starts here".into(),
            found: format!("the end of the file after {}", quote(&rest)),
        })
    }
}

/// If `raw` (the bytes of one record) ends inside a quoted field: the lines before that
/// field's opening quote, its 1-based field number, and the quote's byte offset.
fn open_quote(bytes: &[u8], delimiter: u8) -> Option<(u64, u64, usize)> {
    let mut lines = 0u64;
    let mut column = 1u64;
    let mut field_start = true;
    let mut open: Option<(u64, u64, usize)> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            } else if b == b'\n' {
                lines += 1;
            }
        } else if b == b'"' && field_start {
            open = Some((lines, column, i));
            field_start = false;
        } else if b == delimiter {
            column += 1;
            field_start = true;
        } else if b == b'\n' {
            lines += 1;
            column = 1;
            field_start = true;
        } else if b != b'\r' {
            field_start = false;
        }
        i += 1;
    }
    open
}

/// How a column's cells are read.
#[derive(Debug)]
enum Parser {
    Infer,
    Number,
    Boolean,
    Date,
    Format(DateFormat),
    Text,
}

/// A column being built.
#[derive(Debug)]
enum Data {
    /// Only missing cells so far (how many).
    Pending(usize),
    Number(Vec<f64>),
    Date(Vec<f64>),
    Text(TextColumn),
    /// An inferred type that a later cell contradicted; rebuilt as text.
    Failed,
}

#[derive(Debug)]
struct Builder {
    parser: Parser,
    parse: Option<ParseAs>,
    data: Data,
}

impl Builder {
    fn new(parser: Parser) -> Builder {
        let data = match parser {
            Parser::Infer => Data::Pending(0),
            Parser::Number => Data::Number(Vec::new()),
            Parser::Date | Parser::Format(_) => Data::Date(Vec::new()),
            Parser::Boolean | Parser::Text => Data::Text(TextColumn::default()),
        };
        Builder {
            parser,
            parse: None,
            data,
        }
    }

    /// Adds a cell. `Err` when a `format.parse` override cannot read it.
    fn push(&mut self, cell: &str) -> Result<(), ()> {
        match (&self.parser, &mut self.data) {
            (_, Data::Failed) => {}
            (Parser::Infer, Data::Pending(n)) => match infer::classify(cell) {
                CellValue::Missing => *n += 1,
                CellValue::Number(v) => {
                    let mut values = vec![f64::NAN; *n];
                    values.push(v);
                    self.data = Data::Number(values);
                }
                CellValue::Date(v) => {
                    let mut values = vec![f64::NAN; *n];
                    values.push(v);
                    self.data = Data::Date(values);
                }
                CellValue::Text => {
                    let mut text = TextColumn::default();
                    for _ in 0..*n {
                        text.push(None);
                    }
                    text.push(Some(cell.trim()));
                    self.data = Data::Text(text);
                }
            },
            (Parser::Infer, Data::Number(values)) => match infer::parse_number(cell) {
                Some(v) => values.push(v),
                None if infer::is_missing(cell) => values.push(f64::NAN),
                None => self.data = Data::Failed,
            },
            (Parser::Infer, Data::Date(values)) => match infer::parse_date(cell) {
                Some(v) => values.push(v),
                None if infer::is_missing(cell) => values.push(f64::NAN),
                None => self.data = Data::Failed,
            },
            (Parser::Infer, Data::Text(text)) => text.push(present(cell)),
            (Parser::Number, Data::Number(values)) => match infer::parse_number(cell) {
                Some(v) => values.push(v),
                None if infer::is_missing(cell) => values.push(f64::NAN),
                None => return Err(()),
            },
            (Parser::Date, Data::Date(values)) => {
                match infer::parse_date(cell).or_else(|| infer::parse_year(cell)) {
                    Some(v) => values.push(v),
                    None if infer::is_missing(cell) => values.push(f64::NAN),
                    None => return Err(()),
                }
            }
            (Parser::Format(format), Data::Date(values)) => match format.parse(cell) {
                Some(v) => values.push(v),
                None if infer::is_missing(cell) => values.push(f64::NAN),
                None => return Err(()),
            },
            (Parser::Boolean, Data::Text(text)) => match infer::parse_boolean(cell) {
                Some(b) => text.push(Some(if b { "true" } else { "false" })),
                None if infer::is_missing(cell) => text.push(None),
                None => return Err(()),
            },
            (Parser::Text, Data::Text(text)) => {
                let t = cell.trim();
                text.push((!t.is_empty()).then_some(t));
            }
            // Other pairs never occur: `new` pairs each parser with its data.
            _ => return Err(()),
        }
        Ok(())
    }

    /// Makes room for `additional` more rows.
    fn reserve(&mut self, additional: usize) {
        match &mut self.data {
            Data::Number(v) | Data::Date(v) => v.reserve(additional),
            Data::Text(t) => t.reserve(additional),
            Data::Pending(_) | Data::Failed => {}
        }
    }

    fn finish(self) -> ColumnData {
        match self.data {
            Data::Pending(n) => ColumnData::Number(vec![f64::NAN; n]),
            Data::Number(v) => ColumnData::Number(v),
            Data::Date(v) => ColumnData::Date(v),
            Data::Text(mut t) => {
                t.shrink();
                ColumnData::Text(t)
            }
            // Replaced by the second pass before `finish`.
            Data::Failed => ColumnData::Text(TextColumn::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Value;

    fn load(text: &str) -> Loaded {
        match parse_delimited(text.as_bytes(), &DelimitedOptions::default(), "t.csv") {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    fn load_err(text: &str) -> String {
        match parse_delimited(text.as_bytes(), &DelimitedOptions::default(), "t.csv") {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn delimiter_detection_counts_outside_quotes() {
        assert_eq!(detect_delimiter("a,b,c\n1;2;3;4\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(detect_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(detect_delimiter("\n\n  \nx;y\n"), b';');
        assert_eq!(detect_delimiter("single\n"), b',');
        assert_eq!(detect_delimiter(""), b',');
        assert_eq!(detect_delimiter(",,,\na;b\n"), b';');
    }

    #[test]
    fn excel_sep_line_names_the_delimiter_and_is_skipped() {
        let l = load("sep=;\r\nlevel;count\r\n国家标准;80\r\n");
        assert_eq!(l.delimiter, b';');
        assert_eq!(l.table.field_names(), vec!["level", "count"]);
        assert_eq!(
            l.table.column("count").unwrap().value(0),
            Value::Number(80.0)
        );
    }

    #[test]
    fn line_numbers_count_the_sep_line() {
        let e = load_err("sep=,\na,b\n1,2,3\n");
        assert_eq!(
            e,
            "data error in t.csv at line 3, column 3: expected at most 2 fields, as in the header on line 2, found \"3\""
        );
    }

    #[test]
    fn record_lines_count_skipped_blank_lines_with_crlf_and_lf() {
        // (A one-field first line is a title line since yearbook layouts: the header has
        // two fields here, the long row three.)
        let e = load_err("\r\n\r\na,b\r\n\r\n1,2,3\r\n");
        assert!(e.contains("at line 5, column 3"), "{e}");
        let e = load_err("\n\n\na,b\n\n\n1,2,3\n");
        assert!(e.contains("at line 7, column 3"), "{e}");
        let e = load_err("a,b\n\"x\ny\",1\n\n1,2,3\n");
        assert!(e.contains("at line 5, column 3"), "{e}");
    }

    #[test]
    fn nul_byte_after_a_sep_line_is_on_its_own_line() {
        let e = load_err("sep=;\na;b\n1;\0\n");
        assert!(
            e.starts_with("data error in t.csv at line 3, column 2:"),
            "{e}"
        );
    }

    #[test]
    fn open_quote_finder() {
        assert_eq!(open_quote(b"a,\"b\nc", b','), Some((0, 2, 2)));
        assert_eq!(open_quote(b"a,\"b\"\"\n", b','), Some((0, 2, 2)));
        assert_eq!(open_quote(b"a,\"b\"\n", b','), None);
        assert_eq!(open_quote(b"a,b\"c\n", b','), None);
    }

    #[test]
    fn quote_escapes_and_shortens() {
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
        let long = "国".repeat(50);
        assert_eq!(quote(&long).chars().count(), 42);
        assert_eq!(quote(&"x".repeat(40)), format!("\"{}\"", "x".repeat(40)));
    }

    #[test]
    fn column_guessed_numeric_then_text_is_rebuilt_as_text() {
        let l = load("code\n010\n020\nGB/T 1.1\n");
        let c = l.table.column("code").unwrap();
        assert_eq!(c.value(0), Value::Text("010"));
        assert_eq!(c.value(2), Value::Text("GB/T 1.1"));
    }

    #[test]
    fn all_missing_column_is_numeric_nan() {
        let l = load("a,b\n1,\n2,NA\n");
        let b = l.table.column("b").unwrap();
        assert!(b.is_numeric());
        assert_eq!(b.value(1), Value::Null);
    }

    #[test]
    fn text_cells_are_trimmed_and_missing_markers_are_null() {
        let l = load("level\n 国家标准 \n-\n国家标准\n");
        let c = l.table.column("level").unwrap();
        assert_eq!(c.value(0), Value::Text("国家标准"));
        assert_eq!(c.value(1), Value::Null);
        match &c.data {
            ColumnData::Text(t) => assert_eq!(t.dictionary, vec!["国家标准"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn xlsx_bytes_are_named_not_parsed() {
        let e = parse_delimited(b"PK\x03\x04\x14\x00", &DelimitedOptions::default(), "d.csv")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "data error in d.csv at (whole input): expected CSV or TSV text, found a ZIP archive, such as an Excel .xlsx workbook (save it as CSV first)"
        );
    }

    #[test]
    fn nothing_panics_on_random_mixtures_of_tricky_pieces() {
        const PIECES: [&[u8]; 30] = [
            b",",
            b";",
            b"\t",
            b"\"",
            b"\"\"",
            b"\n",
            b"\r\n",
            b"\r",
            b" ",
            b"1",
            b"-",
            b"%",
            "万".as_bytes(),
            "亿".as_bytes(),
            b"2024-01-10",
            "2024年1月".as_bytes(),
            b"44,499",
            b"1e999",
            b"\xEF\xBB\xBF",
            b"\xB9\xFA",
            b"\xFF",
            b"NA",
            "—".as_bytes(),
            b"12:30",
            // Yearbook layouts: title, unit, merged header, notes.
            "表1 ".as_bytes(),
            "单位：项".as_bytes(),
            "其中：".as_bytes(),
            "注：".as_bytes(),
            "资料来源:".as_bytes(),
            "2019年".as_bytes(),
        ];
        let mut seed: u64 = 42;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let overrides = [
            DelimitedOptions::default(),
            DelimitedOptions {
                parse: vec![
                    ("column 1".into(), ParseAs::Number),
                    (
                        "column 2".into(),
                        ParseAs::DateFormat("%Y-%m-%d %H:%M".into()),
                    ),
                ],
                limits: Limits {
                    max_rows: 5,
                    max_columns: 6,
                    max_cell_chars: 8,
                    max_bytes: 200,
                    ..Limits::default()
                },
                ..DelimitedOptions::default()
            },
            DelimitedOptions {
                layout: LayoutOptions {
                    header_line: Some(2),
                    data_end_line: Some(4),
                },
                ..DelimitedOptions::default()
            },
        ];
        for _ in 0..3000 {
            let mut input = Vec::new();
            for _ in 0..next() % 40 {
                input.extend_from_slice(PIECES.get(next() % PIECES.len()).copied().unwrap_or(b""));
            }
            for opts in &overrides {
                if let Ok(loaded) = parse_delimited(&input, opts, "x") {
                    for column in loaded.table.columns() {
                        for row in 0..loaded.table.row_count() {
                            if let Value::Text(t) = column.value(row) {
                                assert!(!t.contains('\0'));
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn nothing_panics_on_awkward_inputs() {
        let inputs: [&[u8]; 14] = [
            b"",
            b"\n",
            b"\"",
            b"\"\"\"",
            b",",
            b"a\n\"",
            b"a,b\n\"x",
            b"\xFF\xFE",
            b"\xFE\xFF\x00",
            b"\xEF\xBB\xBF",
            b"sep=",
            b"sep=\n",
            b"a\r\r\r\n1",
            b"\xB9",
        ];
        for input in inputs {
            let _ = parse_delimited(input, &DelimitedOptions::default(), "x");
        }
        // Every byte at every place of a small CSV.
        let base = b"a,b\n\"1,2\",x\n3,4\n".to_vec();
        for i in 0..base.len() {
            for b in [0u8, b'"', b',', b'\n', b'\r', 0xB9, 0xFF, 0xE5] {
                let mut input = base.clone();
                input[i] = b;
                let _ = parse_delimited(&input, &DelimitedOptions::default(), "x");
            }
        }
    }
}
