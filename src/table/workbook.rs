//! Spreadsheet workbooks (Excel .xlsx and .xls, OpenDocument .ods) into a [`Table`],
//! through the `calamine` crate.
//!
//! A sheet is read by the one CSV loader ([`super::csv::parse_delimited`]), so a workbook
//! gets exactly the rules a CSV file gets — the yearbook layout (title, unit, a header of
//! merged cells flattened to `top·bottom`, footnotes; see [`super::csv::layout`]), type
//! inference, limits and messages: the sheet's cells are written as CSV records, row `n`
//! of the sheet on line `n`, numbers in full precision (so they stay numbers), dates and
//! date-times in ISO form (so they become dates), text as it is, error values (`#DIV/0!`)
//! as missing with one warning. Errors name the file and sheet in their source, and the
//! sheet's row and column (1-based, as Excel counts them) as line and column.
//!
//! Compiled natively (CLI, tests) and into the explorer's wasm (feature `explore`); the
//! chart pages' wasm leaves it out, and refuses workbook bytes with a message.

use super::csv::{self, DelimitedOptions};
use crate::error::{shorten, Error, Location, Warning};
use calamine::{Data, Range, Reader};
use std::io::Cursor;

/// How to read a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkbookOptions {
    /// The sheet: its name, or its 1-based position as text (`"2"`); `None` takes the
    /// first sheet that has cells.
    pub sheet: Option<String>,
    /// How the sheet's cells are read (`format.parse`, limits, layout corrections); the
    /// delimiter is ignored.
    pub delimited: DelimitedOptions,
}

/// A sheet read into a table.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedSheet {
    /// The table and its layout, as the CSV loader made them (`encoding` is the workbook
    /// kind: `"xlsx"`, `"xls"` or `"ods"`).
    pub loaded: csv::Loaded,
    /// The sheet read.
    pub sheet: String,
    /// Every sheet of the workbook, in order.
    pub sheets: Vec<String>,
}

pub use super::workbook_kind as kind;

/// Reads one sheet of a workbook into a table. `source` names the file in errors.
pub fn parse_workbook(
    bytes: &[u8],
    opts: &WorkbookOptions,
    source: &str,
) -> Result<LoadedSheet, Error> {
    let limits = &opts.delimited.limits;
    if bytes.len() > limits.max_bytes {
        return Err(Error::Data {
            source: source.to_string(),
            at: Location::Whole,
            expected: crate::limits::Limit::Bytes.expected_max(limits.max_bytes, "bytes"),
            found: format!("{} bytes", bytes.len()),
        });
    }
    let whole_error = |expected: &str, found: String| Error::Data {
        source: source.to_string(),
        at: Location::Whole,
        expected: expected.to_string(),
        found,
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let what = match kind(bytes) {
            Some("xls") => "an Excel 97-2003 .xls workbook",
            Some(_) => "a ZIP archive, such as an Excel .xlsx workbook,",
            None => "bytes",
        };
        whole_error(
            "an Excel workbook (.xlsx, .xls) or an OpenDocument spreadsheet (.ods)",
            format!(
                "{what} that cannot be read ({})",
                shorten(&e.to_string(), 200)
            ),
        )
    })?;
    let kind = match &book {
        calamine::Sheets::Xls(_) => "xls",
        calamine::Sheets::Ods(_) => "ods",
        _ => "xlsx",
    };
    let sheets = book.sheet_names();
    let (sheet, range) = match &opts.sheet {
        Some(wanted) => {
            let name = sheets
                .iter()
                .find(|n| *n == wanted)
                .or_else(|| {
                    let i: usize = wanted.trim().parse().ok()?;
                    sheets.get(i.checked_sub(1)?)
                })
                .cloned()
                .ok_or_else(|| {
                    let list: Vec<String> = sheets
                        .iter()
                        .map(|n| format!("\"{}\"", shorten(n, 40)))
                        .collect();
                    whole_error(
                        &format!("one of the sheets {} (or its number)", list.join(", ")),
                        format!("the sheet \"{}\"", shorten(wanted, 40)),
                    )
                })?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| sheet_error(source, &name, &e.to_string()))?;
            (name, range)
        }
        None => {
            let mut first = None;
            for name in &sheets {
                let range = book
                    .worksheet_range(name)
                    .map_err(|e| sheet_error(source, name, &e.to_string()))?;
                if !range.is_empty() {
                    first = Some((name.clone(), range));
                    break;
                }
                if first.is_none() {
                    first = Some((name.clone(), range));
                }
            }
            first.ok_or_else(|| whole_error("a workbook with a sheet", "no sheets".into()))?
        }
    };
    let sheet_source = format!("{source}, sheet \"{}\"", shorten(&sheet, 40));
    let (rows, cols) = range.get_size();
    if rows > limits.max_rows.saturating_add(64) || cols > limits.max_columns {
        return Err(Error::Data {
            source: sheet_source,
            at: Location::Whole,
            expected: format!(
                "at most {} rows of at most {} columns (the input limits)",
                limits.max_rows, limits.max_columns
            ),
            found: format!("{rows} rows of {cols} columns"),
        });
    }
    let (text, first_column, errors) = sheet_text(&range);
    let delimited = DelimitedOptions {
        delimiter: Some(b','),
        ..opts.delimited.clone()
    };
    let mut loaded = csv::parse_delimited(text.as_bytes(), &delimited, &sheet_source)
        .map_err(|e| with_sheet_column(e, first_column))?;
    if let Some((count, row, column)) = errors {
        loaded.warnings.push(Warning {
            path: format!("{sheet_source}, row {row}, column {column}"),
            message: format!(
                "{count} cell{} hold{} an Excel error value (such as #DIV/0!), read as missing",
                if count == 1 { "" } else { "s" },
                if count == 1 { "s" } else { "" },
            ),
        });
    }
    loaded.encoding = kind;
    Ok(LoadedSheet {
        loaded,
        sheet,
        sheets,
    })
}

fn sheet_error(source: &str, sheet: &str, why: &str) -> Error {
    Error::Data {
        source: format!("{source}, sheet \"{}\"", shorten(sheet, 40)),
        at: Location::Whole,
        expected: "a readable sheet".into(),
        found: shorten(why, 200),
    }
}

/// An error of the CSV reading with the sheet's column number (the text starts at the
/// sheet's first used column).
fn with_sheet_column(e: Error, first_column: u32) -> Error {
    match e {
        Error::Data {
            source,
            at: Location::Cell { line, column },
            expected,
            found,
        } => Error::Data {
            source,
            at: Location::Cell {
                line,
                column: column + u64::from(first_column),
            },
            expected,
            found,
        },
        other => other,
    }
}

/// The sheet as CSV text (row `n` on line `n`), the 0-based column of its first cell, and
/// the error cells: how many, and the first one's 1-based row and column.
fn sheet_text(range: &Range<Data>) -> (String, u32, Option<(usize, u32, u32)>) {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut out: Vec<u8> = Vec::with_capacity(range.get_size().0 * 32);
    // Empty lines before the first used row: the CSV loader skips them and counts them.
    out.extend(std::iter::repeat_n(b'\n', first_row as usize));
    let mut errors: Option<(usize, u32, u32)> = None;
    let mut record: Vec<String> = Vec::new();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .flexible(true)
            .from_writer(&mut out);
        for (r, row) in range.rows().enumerate() {
            record.clear();
            for (c, cell) in row.iter().enumerate() {
                let text = match cell {
                    Data::Error(_) => {
                        let at = (first_row + r as u32 + 1, first_column + c as u32 + 1);
                        errors =
                            Some(errors.map_or((1, at.0, at.1), |(n, r0, c0)| (n + 1, r0, c0)));
                        String::new()
                    }
                    other => cell_text(other),
                };
                record.push(text);
            }
            // Writing to a Vec cannot fail; a failure would only lose this record.
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    (
        String::from_utf8(out).unwrap_or_default(),
        first_column,
        errors,
    )
}

/// A cell as the text the CSV loader reads back as the same value.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, hh, mm, ss, _) = d.to_ymd_hms_milli();
            if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{hh:02}:{mm:02}:{ss:02}")
            }
        }
        // A duration: its length in days, a number.
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A number in the shortest text that reads back as the same `f64`.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_to_read_back_the_same() {
        for f in [0.0, 2021.0, -3.5, 0.125, 1e-7, 123_456_789_012.0, 1e300] {
            assert_eq!(number_text(f).parse::<f64>().ok(), Some(f), "{f}");
        }
        assert_eq!(number_text(2021.0), "2021");
    }

    #[test]
    fn kinds_are_told_by_their_first_bytes() {
        assert_eq!(kind(b"PK\x03\x04rest"), Some("xlsx"));
        assert_eq!(kind(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Some("xls"));
        assert_eq!(kind(b"a,b\n"), None);
    }

    #[test]
    fn a_broken_workbook_is_an_error_not_a_panic() {
        let e = parse_workbook(b"PK\x03\x04garbage", &WorkbookOptions::default(), "x.xlsx");
        assert!(matches!(e, Err(Error::Data { .. })), "{e:?}");
    }
}
