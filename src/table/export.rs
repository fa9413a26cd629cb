//! Tables out: the rows behind a chart as CSV, for the export menu and the CLI.
//!
//! CSV is written by the `csv` crate (RFC 4180 quoting: fields holding the delimiter, a
//! quote, CR or LF are quoted, quotes doubled). Numbers are written in full precision
//! (shortest round-trip form, `80` not `80.0`), dates as ISO 8601 text, missing values as
//! empty fields. [`to_csv`] can start the text with a UTF-8 byte-order mark, which is
//! what makes Excel on Chinese Windows read the file as UTF-8 instead of GBK.

use super::{date, Table, Value};

/// The UTF-8 byte-order mark, U+FEFF.
pub const BOM: char = '\u{feff}';

/// A cell as CSV text: numbers in shortest round-trip form, dates in ISO 8601, missing
/// values empty.
pub fn cell_text(value: Value<'_>) -> String {
    match value {
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
        Value::Number(n) => format!("{n}"),
        Value::Text(t) => t.to_string(),
        Value::Date(ms) => date::format_iso(ms),
        Value::Null => String::new(),
    }
}

/// Why a table could not be written as CSV.
#[derive(Debug)]
pub struct CsvError(csv::Error);

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write the table as CSV: {}", self.0)
    }
}

impl std::error::Error for CsvError {}

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        CsvError(e)
    }
}

/// The table as CSV text: a header row of field names, then one record per row, lines
/// ended by CRLF (RFC 4180). With `bom`, the text starts with [`BOM`]. A table without
/// columns is an empty text. Never fails today; the `Result` stays for writers that can.
pub fn to_csv(table: &Table, bom: bool) -> Result<String, CsvError> {
    let mut out = String::new();
    if table.column_count() == 0 {
        return Ok(if bom { BOM.to_string() } else { out });
    }
    if bom {
        out.push(BOM);
    }
    write_record(&mut out, table.columns().map(|c| c.name.clone()));
    for row in 0..table.row_count() {
        write_record(&mut out, table.columns().map(|c| cell_text(c.value(row))));
    }
    Ok(out)
}

/// Appends one CSV record and CRLF, quoting as the `csv` crate's writer does with its
/// default `QuoteStyle::Necessary` (the tests compare the two): a field holding a comma,
/// a quote, CR or LF is quoted with its quotes doubled, and a record that is one empty
/// field is written `""` so that it is not an empty line. Written here rather than through
/// `csv::Writer`, whose quoting code links the standard library's float parser (for
/// `QuoteStyle::NonNumeric`) into the wasm: about 14 KB of gzip.
fn write_record(out: &mut String, fields: impl Iterator<Item = String>) {
    let start = out.len();
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    if out.len() == start {
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
}

/// The tables of a chart's views in a stable order: by the view's JSON path, the root
/// view (empty path) first.
pub fn tables_in_order<'a>(
    tables: impl IntoIterator<Item = (&'a String, &'a Table)>,
) -> Vec<(&'a str, &'a Table)> {
    let out: Vec<(&str, &Table)> = tables
        .into_iter()
        .map(|(path, table)| (path.as_str(), table))
        .collect();
    crate::sort::order(out.len(), &mut |a, b| out[a].0.cmp(out[b].0))
        .into_iter()
        .map(|i| out[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{column_from_cells, Cell};

    fn table(columns: Vec<(&str, Vec<Cell>)>) -> Table {
        Table::new(
            columns
                .into_iter()
                .map(|(name, cells)| column_from_cells(name, cells))
                .collect(),
        )
        .expect("columns of equal length")
    }

    #[test]
    fn header_then_rows_with_crlf_and_bom() {
        let t = table(vec![
            (
                "level",
                vec![Cell::Text("国家标准".into()), Cell::Text("行业标准".into())],
            ),
            ("count", vec![Cell::Number(80.0), Cell::Number(37.0)]),
        ]);
        let csv = to_csv(&t, true).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.as_bytes()[..3], [0xef, 0xbb, 0xbf]);
        assert_eq!(&csv[3..], "level,count\r\n国家标准,80\r\n行业标准,37\r\n");
        assert!(!to_csv(&t, false).unwrap().starts_with('\u{feff}'));
    }

    #[test]
    fn quotes_delimiters_quotes_and_newlines() {
        let t = table(vec![(
            "note, with comma",
            vec![
                Cell::Text("a,b".into()),
                Cell::Text("say \"hi\"".into()),
                Cell::Text("two\nlines".into()),
                Cell::Text("plain".into()),
            ],
        )]);
        let csv = to_csv(&t, false).unwrap();
        assert_eq!(
            csv,
            "\"note, with comma\"\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\nplain\r\n"
        );
        // The csv crate reads back exactly what went in.
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<String> = reader
            .records()
            .map(|r| r.unwrap().get(0).unwrap().to_string())
            .collect();
        assert_eq!(rows, ["a,b", "say \"hi\"", "two\nlines", "plain"]);
    }

    #[test]
    fn numbers_dates_and_missing_values() {
        let t = table(vec![
            (
                "n",
                vec![
                    Cell::Number(0.1 + 0.2),
                    Cell::Number(-3.0),
                    Cell::Null,
                    Cell::Number(1234567.125),
                ],
            ),
            (
                "d",
                vec![
                    Cell::Date(date::to_ms(2024, 1, 10, 0, 0, 0)),
                    Cell::Null,
                    Cell::Date(date::to_ms(2023, 12, 31, 8, 30, 0)),
                    Cell::Null,
                ],
            ),
        ]);
        let csv = to_csv(&t, false).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "n,d");
        // Full precision: the value reads back as the same f64.
        assert_eq!(lines[1], "0.30000000000000004,2024-01-10");
        assert_eq!(lines[2], "-3,");
        assert_eq!(lines[3], ",2023-12-31T08:30:00");
        assert_eq!(lines[4], "1234567.125,");
    }

    #[test]
    fn records_are_quoted_as_the_csv_crate_quotes_them() {
        // A fixed-seed LCG picks fields from pieces that need quoting and pieces that do not.
        let pieces = [
            "",
            "a",
            "国家标准",
            ",",
            "\"",
            "\r",
            "\n",
            " ",
            "'",
            "#",
            "1.5",
            "-0",
            "\\",
        ];
        let mut state: u64 = 42;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for _ in 0..300 {
            let width = 1 + next(4) as usize;
            let rows: Vec<Vec<String>> = (0..1 + next(4))
                .map(|_| {
                    (0..width)
                        .map(|_| {
                            (0..next(4))
                                .map(|_| pieces[next(pieces.len() as u64) as usize])
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let mut ours = String::new();
            let mut theirs = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            for row in &rows {
                write_record(&mut ours, row.iter().cloned());
                theirs.write_record(row).unwrap();
            }
            let theirs = String::from_utf8(theirs.into_inner().unwrap()).unwrap();
            assert_eq!(ours, theirs, "{rows:?}");
        }
    }

    #[test]
    fn an_empty_table_is_an_empty_file() {
        assert_eq!(to_csv(&Table::default(), false).unwrap(), "");
    }

    #[test]
    fn tables_sort_by_view_path_root_first() {
        let mut m = std::collections::HashMap::new();
        m.insert("vconcat[1]".to_string(), Table::default());
        m.insert(String::new(), Table::default());
        m.insert("vconcat[0]".to_string(), Table::default());
        let order: Vec<&str> = tables_in_order(&m).into_iter().map(|(p, _)| p).collect();
        assert_eq!(order, ["", "vconcat[0]", "vconcat[1]"]);
    }
}
