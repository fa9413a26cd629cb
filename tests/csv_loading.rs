//! CSV/TSV loading end to end: bytes of real-world shapes → `Table`, and every error with
//! its exact message and position. Fixtures are in `tests/data/csv/` (see its README for
//! which hold cited figures and which are synthetic).

use stdviz::error::{Error, Location};
use stdviz::table::csv::{parse_delimited, DelimitedOptions, Limits, Loaded, ParseAs};
use stdviz::table::date::to_ms;
use stdviz::table::{ColumnData, Table, Value};

fn load_with(bytes: impl AsRef<[u8]>, opts: &DelimitedOptions) -> Loaded {
    match parse_delimited(bytes.as_ref(), opts, "t.csv") {
        Ok(loaded) => loaded,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn load(bytes: impl AsRef<[u8]>) -> Loaded {
    load_with(bytes, &DelimitedOptions::default())
}

fn error_with(bytes: impl AsRef<[u8]>, opts: &DelimitedOptions) -> Error {
    match parse_delimited(bytes.as_ref(), opts, "t.csv") {
        Ok(loaded) => panic!("expected an error, got {:?}", loaded.table),
        Err(e) => e,
    }
}

fn error(bytes: impl AsRef<[u8]>) -> Error {
    error_with(bytes, &DelimitedOptions::default())
}

fn parse(entries: &[(&str, ParseAs)]) -> DelimitedOptions {
    DelimitedOptions {
        parse: entries
            .iter()
            .map(|(f, p)| (f.to_string(), p.clone()))
            .collect(),
        ..DelimitedOptions::default()
    }
}

fn cell(at: &Error) -> (u64, u64) {
    match at {
        Error::Data {
            at: Location::Cell { line, column },
            ..
        } => (*line, *column),
        other => panic!("not a cell error: {other:?}"),
    }
}

fn numbers(table: &Table, name: &str) -> Vec<Option<f64>> {
    let column = table.column(name).expect("column");
    match &column.data {
        ColumnData::Number(_) => (0..column.len())
            .map(|r| column.value(r).as_number())
            .collect(),
        other => panic!("{name} is not numeric: {other:?}"),
    }
}

fn texts(table: &Table, name: &str) -> Vec<Option<String>> {
    let column = table.column(name).expect("column");
    match &column.data {
        ColumnData::Text(t) => (0..column.len())
            .map(|r| t.get(r).map(str::to_string))
            .collect(),
        other => panic!("{name} is not text: {other:?}"),
    }
}

fn dates(table: &Table, name: &str) -> Vec<Option<f64>> {
    let column = table.column(name).expect("column");
    match &column.data {
        ColumnData::Date(v) => v.iter().map(|ms| (!ms.is_nan()).then_some(*ms)).collect(),
        other => panic!("{name} is not a date column: {other:?}"),
    }
}

fn day(y: i64, m: u32, d: u32) -> Option<f64> {
    Some(to_ms(y, m, d, 0, 0, 0))
}

// ---------------------------------------------------------------- encodings

#[test]
fn gbk_file_from_chinese_excel_is_read_as_gb18030() {
    let l = load(include_bytes!("data/csv/gbk.csv"));
    assert_eq!(l.encoding, "gb18030");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!(l.table.field_names(), vec!["level", "count"]);
    assert_eq!(
        texts(&l.table, "level"),
        ["国家标准", "行业标准", "省级地方标准", "市级地方标准"].map(|s| Some(s.to_string()))
    );
    assert_eq!(
        numbers(&l.table, "count"),
        vec![Some(80.0), Some(37.0), Some(8.0), Some(63.0)]
    );
}

#[test]
fn utf8_file_with_bom_has_no_bom_in_its_first_header() {
    let l = load(include_bytes!("data/csv/utf8_bom.csv"));
    assert_eq!(l.encoding, "UTF-8");
    assert_eq!(
        l.table.field_names(),
        vec!["year", "national standards in force"]
    );
    assert_eq!(
        numbers(&l.table, "national standards in force"),
        vec![Some(39_847.0), Some(43_027.0), Some(44_499.0)]
    );
    assert_eq!(
        numbers(&l.table, "year"),
        vec![Some(2020.0), Some(2022.0), Some(2023.0)]
    );
}

#[test]
fn utf16le_file_with_bom_is_excel_unicode_text_tab_delimited() {
    let l = load(include_bytes!("data/csv/utf16le_bom.txt"));
    assert_eq!(l.encoding, "UTF-16LE");
    assert_eq!(l.delimiter, b'\t');
    assert_eq!(l.table.field_names(), vec!["level", "in force (2023)"]);
    assert_eq!(
        numbers(&l.table, "in force (2023)"),
        vec![
            Some(44_499.0),
            Some(80_828.0),
            Some(69_709.0),
            Some(74_240.0),
            Some(3_165_625.0)
        ]
    );
}

#[test]
fn malformed_bytes_are_replaced_with_a_warning() {
    // GBK text whose last character is cut off.
    let mut bytes = "level\n国家标准\n行".encode_gbk();
    bytes.pop();
    let l = load(&bytes);
    assert_eq!(l.encoding, "gb18030");
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(
        l.warnings[0].to_string(),
        "warning at t.csv: some bytes are not valid gb18030 and were replaced by \u{FFFD}"
    );
}

/// GBK bytes for the few characters these tests use (no encoder in dev-dependencies).
trait EncodeGbk {
    fn encode_gbk(&self) -> Vec<u8>;
}

impl EncodeGbk for str {
    fn encode_gbk(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for c in self.chars() {
            match c {
                '国' => out.extend_from_slice(b"\xB9\xFA"),
                '家' => out.extend_from_slice(b"\xBC\xD2"),
                '标' => out.extend_from_slice(b"\xB1\xEA"),
                '准' => out.extend_from_slice(b"\xD7\xBC"),
                '行' => out.extend_from_slice(b"\xD0\xD0"),
                c if c.is_ascii() => out.push(c as u8),
                other => panic!("no GBK bytes for {other} in this test"),
            }
        }
        out
    }
}

// ---------------------------------------------------------------- quoting and lines

#[test]
fn excel_quoting_keeps_commas_doubled_quotes_and_line_breaks_inside_fields() {
    let l = load(include_bytes!("data/csv/excel_quoting.csv"));
    assert_eq!(l.table.row_count(), 2);
    assert_eq!(
        texts(&l.table, "publisher")[1].as_deref(),
        Some("国家市场监督管理总局, 国家标准化管理委员会")
    );
    assert_eq!(
        texts(&l.table, "title")[0].as_deref(),
        Some("《打造标准化赋能高质量发展的\"阳泉样板\"》")
    );
    assert_eq!(
        texts(&l.table, "note"),
        vec![
            Some("80 national, 37 industry standards".to_string()),
            Some("released at a press conference\r\nfigures for 2023 year end".to_string())
        ]
    );
    assert_eq!(
        dates(&l.table, "date"),
        vec![day(2024, 1, 10), day(2024, 3, 27)]
    );
}

#[test]
fn crlf_line_ends_leave_no_carriage_returns_in_names_or_values() {
    let l = load(b"level,count\r\n\xE5\x9B\xBD,80\r\nx,37\r\n");
    assert_eq!(l.table.field_names(), vec!["level", "count"]);
    assert_eq!(texts(&l.table, "level")[1].as_deref(), Some("x"));
    assert_eq!(numbers(&l.table, "count"), vec![Some(80.0), Some(37.0)]);
}

#[test]
fn blank_lines_are_skipped_but_still_counted_in_line_numbers() {
    let text = "\n\nlevel,count\n\n国家标准,80\n   \n,,\n行业标准,37\n\n";
    let l = load(text.as_bytes());
    assert_eq!(l.table.row_count(), 2);
    assert_eq!(numbers(&l.table, "count"), vec![Some(80.0), Some(37.0)]);
    let e = error_with(
        b"\n\nlevel,count\n\n a,80\n\n,\nb,lots\n",
        &parse(&[("count", ParseAs::Number)]),
    );
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 8, column 2: expected a number (format.parse of \"count\"), found \"lots\""
    );
}

#[test]
fn short_rows_become_missing_values_with_one_warning_for_the_file() {
    let l = load("level,count,note\n国家标准,80,x\n行业标准,37\n地方标准\n");
    assert_eq!(l.table.row_count(), 3);
    assert_eq!(
        numbers(&l.table, "count"),
        vec![Some(80.0), Some(37.0), None]
    );
    assert_eq!(
        texts(&l.table, "note"),
        vec![Some("x".to_string()), None, None]
    );
    assert_eq!(l.warnings.len(), 1);
    assert_eq!(
        l.warnings[0].to_string(),
        "warning at t.csv, line 3: 2 rows have fewer fields than the header (3), the first on line 3; their missing fields are empty"
    );
}

#[test]
fn long_row_whose_extra_fields_are_empty_is_fine() {
    let l = load(b"level,count\n\xE5\x9B\xBD,80,,\n");
    assert_eq!(l.table.field_names(), vec!["level", "count"]);
    assert_eq!(numbers(&l.table, "count"), vec![Some(80.0)]);
    assert!(l.warnings.is_empty());
}

#[test]
fn long_row_with_text_in_an_extra_field_is_an_error_at_that_field() {
    let e = error(b"level,count\nnational,80\nindustry,37,,oops\n");
    assert_eq!(cell(&e), (3, 4));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 3, column 4: expected at most 2 fields, as in the header on line 1, found \"oops\""
    );
}

#[test]
fn unclosed_quote_is_an_error_at_the_opening_quote() {
    let e = error(b"level,note\nnational,ok\nindustry,\"never closed\nmore text\n");
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 3, column 2: expected a closing quote (\") for the quoted field that starts here, found the end of the file after \"never closed\\nmore text\\n\""
    );
}

#[test]
fn error_in_a_field_after_a_multi_line_field_names_the_fields_own_line() {
    let e = error_with(
        b"note,count\n\"two\nlines\",x\n",
        &parse(&[("count", ParseAs::Number)]),
    );
    assert_eq!(cell(&e), (3, 2));
}

// ---------------------------------------------------------------- numbers, dates, types

#[test]
fn thousands_separators_and_dash_gaps_in_a_wide_year_table() {
    let l = load(include_bytes!("data/csv/in_force_wide.csv"));
    assert_eq!(l.table.field_names(), vec!["level", "2020", "2022", "2023"]);
    assert_eq!(l.table.row_count(), 7);
    assert_eq!(
        numbers(&l.table, "2020"),
        vec![
            Some(39_847.0),
            Some(2_133.0),
            Some(37_714.0),
            Some(72_620.0),
            Some(49_334.0),
            None,
            None
        ]
    );
    assert_eq!(numbers(&l.table, "2023")[6], Some(3_165_625.0));
    assert_eq!(numbers(&l.table, "2022")[1], None);
}

#[test]
fn wan_and_yi_unit_suffixes_mixed_with_plain_numbers() {
    // Synthetic values.
    let l = load("item,amount\na,3.2万\nb,1.5亿\nc,15000\nd,\"12,000\"\ne,2万亿\n".as_bytes());
    assert_eq!(
        numbers(&l.table, "amount"),
        vec![
            Some(32_000.0),
            Some(150_000_000.0),
            Some(15_000.0),
            Some(12_000.0),
            Some(2e12)
        ]
    );
    // Real: 3,165,625 enterprise standards and 5,271,353 products (2023), written in 万.
    let l = load("what,count\nstandards,316.5625万\nproducts,527.1353万\n".as_bytes());
    assert_eq!(
        numbers(&l.table, "count"),
        vec![Some(3_165_625.0), Some(5_271_353.0)]
    );
}

#[test]
fn per_cent_cells_hold_the_true_fraction() {
    // Synthetic values.
    let l = load(b"item,share\na,12.5%\nb,100%\nc,-0.5%\nd,\n");
    assert_eq!(
        numbers(&l.table, "share"),
        vec![Some(0.125), Some(1.0), Some(-0.005), None]
    );
}

#[test]
fn dates_in_each_form_make_date_columns() {
    let l = load(include_bytes!("data/csv/dates.csv"));
    let expected = vec![day(2024, 1, 10), day(2024, 3, 27), day(2023, 4, 19)];
    for name in ["iso", "slash", "chinese", "datetime"] {
        assert_eq!(dates(&l.table, name), expected, "{name}");
    }
    let months = vec![day(2024, 1, 1), day(2024, 3, 1), day(2023, 4, 1)];
    assert_eq!(dates(&l.table, "month"), months);
    assert_eq!(dates(&l.table, "chinese month"), months);
    assert_eq!(
        texts(&l.table, "what")[0].as_deref(),
        Some("founding article")
    );
}

#[test]
fn date_times_keep_their_time_of_day() {
    let l = load(b"when\n2024-01-10 13:20:06\n2024-01-10T13:20:06Z\n\n");
    assert_eq!(
        dates(&l.table, "when"),
        vec![
            Some(to_ms(2024, 1, 10, 13, 20, 6)),
            Some(to_ms(2024, 1, 10, 13, 20, 6))
        ]
    );
}

#[test]
fn dates_before_1900_are_negative_milliseconds() {
    let l = load(b"event,date\nfirst,1850-03-01\nsecond,1899/12/31\n");
    let d = dates(&l.table, "date");
    assert_eq!(d, vec![day(1850, 3, 1), day(1899, 12, 31)]);
    assert!(d[0].is_some_and(|ms| ms < 0.0));
    assert_eq!(
        l.table.column("date").unwrap().value(0).to_text(),
        "1850-03-01"
    );
}

#[test]
fn year_column_stays_numeric_not_dates() {
    let l = load(include_bytes!("data/csv/issued.tsv"));
    assert_eq!(
        numbers(&l.table, "year"),
        vec![Some(2019.0), Some(2020.0), Some(2022.0), Some(2023.0)]
    );
    assert_eq!(
        numbers(&l.table, "national standards issued"),
        vec![Some(2_021.0), Some(2_252.0), Some(2_266.0), Some(2_902.0)]
    );
}

#[test]
fn mixed_dates_and_years_are_text() {
    let l = load(b"period\n2024-01\n2024\n");
    assert_eq!(
        texts(&l.table, "period"),
        vec![Some("2024-01".to_string()), Some("2024".to_string())]
    );
}

#[test]
fn number_column_with_text_late_is_rebuilt_as_text_keeping_original_spelling() {
    let mut text = String::from("code\n");
    for i in 0..1000 {
        text.push_str(&format!("\"{},{:03}\"\n", 1 + i % 9, i % 1000));
    }
    text.push_str("GB/T 1.1\n");
    let l = load(text.as_bytes());
    let codes = texts(&l.table, "code");
    assert_eq!(codes.len(), 1001);
    assert_eq!(codes[0].as_deref(), Some("1,000"));
    assert_eq!(codes[1000].as_deref(), Some("GB/T 1.1"));
}

#[test]
fn missing_markers_are_missing_in_every_column_type() {
    let l = load("level,count,date\n国家标准,NA,2024-01-10\nN/A,80,—\nnull,-,#N/A\n".as_bytes());
    assert_eq!(
        texts(&l.table, "level"),
        vec![Some("国家标准".to_string()), None, None]
    );
    assert_eq!(numbers(&l.table, "count"), vec![None, Some(80.0), None]);
    assert_eq!(dates(&l.table, "date"), vec![day(2024, 1, 10), None, None]);
}

// ---------------------------------------------------------------- delimiters and headers

#[test]
fn tab_delimiter_is_detected() {
    let l = load(include_bytes!("data/csv/issued.tsv"));
    assert_eq!(l.delimiter, b'\t');
    assert_eq!(l.table.columns().len(), 3);
}

#[test]
fn semicolon_delimiter_is_detected() {
    let l = load(include_bytes!("data/csv/group_by_region.csv"));
    assert_eq!(l.delimiter, b';');
    assert_eq!(
        numbers(&l.table, "group standards"),
        [6419.0, 5640.0, 2941.0, 2808.0, 1820.0, 1669.0].map(Some)
    );
}

#[test]
fn explicit_delimiter_overrides_detection() {
    let opts = DelimitedOptions {
        delimiter: Some(b';'),
        ..DelimitedOptions::default()
    };
    let l = load_with(b"a,b;c\n1,2;3\n", &opts);
    assert_eq!(l.delimiter, b';');
    assert_eq!(l.table.field_names(), vec!["a,b", "c"]);
}

#[test]
fn duplicate_header_names_get_numbered_suffixes_with_warnings() {
    let l = load(b"year,count,count,count\n2023,1,2,3\n");
    assert_eq!(
        l.table.field_names(),
        vec!["year", "count", "count (2)", "count (3)"]
    );
    let warnings: Vec<String> = l.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        vec![
            "warning at t.csv, line 1: column 3 repeats the name \"count\" of column 2; it is named \"count (2)\"",
            "warning at t.csv, line 1: column 4 repeats the name \"count\" of column 2; it is named \"count (3)\"",
        ]
    );
}

#[test]
fn empty_header_names_become_column_n() {
    let l = load(b",level, \n1,a,2\n");
    assert_eq!(l.table.field_names(), vec!["column 1", "level", "column 3"]);
    assert_eq!(l.warnings.len(), 2);
    assert_eq!(
        l.warnings[0].to_string(),
        "warning at t.csv, line 1: column 1 has no name in the header; it is named \"column 1\""
    );
}

#[test]
fn empty_file_is_an_empty_table_with_no_columns() {
    for input in [&b""[..], b"\n\n", b"\xEF\xBB\xBF", b" \r\n"] {
        let l = load(input);
        assert_eq!(l.table.row_count(), 0);
        assert_eq!(l.table.column_count(), 0);
    }
}

#[test]
fn header_only_file_is_an_empty_table_with_the_headers_columns() {
    let l = load(b"level,count\r\n");
    assert_eq!(l.table.row_count(), 0);
    assert_eq!(l.table.field_names(), vec!["level", "count"]);
}

// ---------------------------------------------------------------- format.parse

#[test]
fn format_parse_number_reads_units_and_separators() {
    let l = load_with(
        "level,count\n国家标准,\"44,499\"\n团体标准,7.424万\n".as_bytes(),
        &parse(&[("count", ParseAs::Number)]),
    );
    assert_eq!(
        numbers(&l.table, "count"),
        vec![Some(44_499.0), Some(74_240.0)]
    );
}

#[test]
fn format_parse_date_with_a_format() {
    let l = load_with(
        b"month,n\n2024/03,1\n1850/3,2\n",
        &parse(&[("month", ParseAs::DateFormat("%Y/%m".into()))]),
    );
    assert_eq!(
        dates(&l.table, "month"),
        vec![day(2024, 3, 1), day(1850, 3, 1)]
    );
}

#[test]
fn format_parse_date_turns_a_year_column_into_dates() {
    let l = load_with(
        include_bytes!("data/csv/issued.tsv"),
        &parse(&[("year", ParseAs::Date)]),
    );
    assert_eq!(dates(&l.table, "year")[0], day(2019, 1, 1));
}

#[test]
fn format_parse_text_keeps_numbers_and_markers_as_text() {
    let l = load_with(
        b"code,n\n2019,1\nNA,2\n,3\n",
        &parse(&[("code", ParseAs::Text)]),
    );
    assert_eq!(
        texts(&l.table, "code"),
        vec![Some("2019".to_string()), Some("NA".to_string()), None]
    );
}

#[test]
fn format_parse_boolean_gives_true_and_false_text() {
    let l = load_with(
        "item,mandatory\na,TRUE\nb,否\nc,\n".as_bytes(),
        &parse(&[("mandatory", ParseAs::Boolean)]),
    );
    assert_eq!(
        texts(&l.table, "mandatory"),
        vec![Some("true".to_string()), Some("false".to_string()), None]
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn format_parse_of_an_unknown_field_lists_the_fields() {
    let e = error_with(
        b"level,count\nnational,80\n",
        &parse(&[("cnt", ParseAs::Number)]),
    );
    assert_eq!(
        e.to_string(),
        "data error in t.csv at (whole input): expected one of the fields in the header on line 1: \"level\", \"count\", found \"cnt\" (named in format.parse)"
    );
    let e = error_with(b"", &parse(&[("cnt", ParseAs::Number)]));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at (whole input): expected a field of the header, but the file is empty, found \"cnt\" (named in format.parse)"
    );
}

#[test]
fn format_parse_number_failure_names_line_column_field_and_cell() {
    let e = error_with(
        b"level,count\nnational,80\nindustry,about 37\n",
        &parse(&[("count", ParseAs::Number)]),
    );
    assert_eq!(cell(&e), (3, 2));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 3, column 2: expected a number (format.parse of \"count\"), found \"about 37\""
    );
}

#[test]
fn format_parse_date_failure_names_the_format() {
    let e = error_with(
        b"month,n\n2024-03,1\n",
        &parse(&[("month", ParseAs::DateFormat("%Y/%m".into()))]),
    );
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 2, column 1: expected a date in the format \"%Y/%m\" (format.parse of \"month\"), found \"2024-03\""
    );
    let e = error_with(b"n,day\n1,soon\n", &parse(&[("day", ParseAs::Date)]));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 2, column 2: expected a date (format.parse of \"day\"), found \"soon\""
    );
}

#[test]
fn format_parse_boolean_failure() {
    let e = error_with(b"flag\nmaybe\n", &parse(&[("flag", ParseAs::Boolean)]));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 2, column 1: expected true or false (format.parse of \"flag\"), found \"maybe\""
    );
}

#[test]
fn unsupported_date_format_is_a_spec_error_at_its_parse_entry() {
    let e = error_with(
        b"month\n2024-03\n",
        &parse(&[("month", ParseAs::DateFormat("%Y-%j".into()))]),
    );
    assert_eq!(
        e.to_string(),
        "spec error at data.format.parse.month: expected a date format of %Y %y %m %b %d %e %H %M %S and literal text (%j is not supported), found \"date:'%Y-%j'\""
    );
}

#[test]
fn nul_byte_is_an_error_at_its_line_and_column() {
    let e = error(b"level,count\nnational,8\x000\n");
    assert_eq!(cell(&e), (2, 2));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 2, column 2: expected text without NUL bytes (a UTF-16 file needs its byte-order mark; save spreadsheets as CSV), found a NUL byte in \"8\\00\""
    );
}

#[test]
fn utf16_without_bom_is_caught_by_its_nul_bytes() {
    let bytes: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let e = error(&bytes);
    assert_eq!(cell(&e), (1, 1));
}

#[test]
fn xlsx_workbook_is_named_rather_than_parsed() {
    let e = error(b"PK\x03\x04\x14\x00\x06\x00");
    assert_eq!(
        e.to_string(),
        "data error in t.csv at (whole input): expected CSV or TSV text, found a ZIP archive, such as an Excel .xlsx workbook (save it as CSV first)"
    );
}

fn limits(f: impl FnOnce(&mut Limits)) -> DelimitedOptions {
    let mut opts = DelimitedOptions::default();
    f(&mut opts.limits);
    opts
}

#[test]
fn limit_max_bytes() {
    let e = error_with(b"a\n1\n2\n", &limits(|l| l.max_bytes = 5));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at (whole input): expected at most 5 bytes (limit max_bytes; the host can raise it: Limits::max_bytes natively, --limit maxBytes=N with the CLI, limits.maxBytes in the browser), found 6 bytes"
    );
}

#[test]
fn limit_max_rows_names_the_first_line_beyond_it() {
    let e = error_with(b"a\n1\n\n2\n3\n", &limits(|l| l.max_rows = 2));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 5, column 1: expected at most 2 rows (limit max_rows; the host can raise it: Limits::max_rows natively, --limit maxRows=N with the CLI, limits.maxRows in the browser), found row 3"
    );
    let l = load_with(b"a\n1\n\n2\n", &limits(|l| l.max_rows = 2));
    assert_eq!(l.table.row_count(), 2);
}

#[test]
fn limit_max_columns() {
    let e = error_with(b"\na,b,c,d\n1,2,3,4\n", &limits(|l| l.max_columns = 3));
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 2, column 4: expected at most 3 columns (limit max_columns; the host can raise it: Limits::max_columns natively, --limit maxColumns=N with the CLI, limits.maxColumns in the browser), found 4 columns in the header"
    );
}

#[test]
fn limit_max_cell_chars_counts_characters_not_bytes() {
    let opts = limits(|l| l.max_cell_chars = 4);
    let l = load_with("lv\n国家标准\n", &opts);
    assert_eq!(l.table.row_count(), 1);
    let e = error_with("lv,n\n市级地方标准,1\n", &opts);
    assert_eq!(
        e.to_string(),
        "data error in t.csv at line 2, column 1: expected at most 4 characters in a cell (limit max_cell_chars; the host can raise it: Limits::max_cell_chars natively, --limit maxCellChars=N with the CLI, limits.maxCellChars in the browser), found 6 characters: \"市级地方标准\""
    );
}

#[test]
fn default_limits() {
    let l = Limits::default();
    assert_eq!(
        (l.max_bytes, l.max_rows, l.max_columns, l.max_cell_chars),
        (256 * 1024 * 1024, 2_000_000, 1_000, 100_000)
    );
}

#[test]
fn values_read_back_as_typed_values() {
    let l = load(include_bytes!("data/csv/gbk.csv"));
    let level = l.table.column("level").unwrap();
    assert_eq!(level.value(0), Value::Text("国家标准"));
}

// ---------------------------------------------------------------- speed (not a pass/fail test)

/// Synthetic rows (fixed-seed LCG), 6 columns: an identifier, a level, a year, a count
/// (plain, `"44,499"` or `3.2万`), a per-cent share and a publication date. With
/// `unique_codes` the identifier is a text code unique to each row, as in a real register
/// (1,000,000 distinct texts: the text dictionary's worst case); otherwise a number.
fn synthetic_csv(rows: u32, unique_codes: bool) -> String {
    let mut seed: u64 = 0x5EED_CAFE;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as u32
    };
    let levels = [
        "国家标准",
        "行业标准",
        "地方标准",
        "团体标准",
        "企业标准",
        "其他",
    ];
    let mut text = String::with_capacity(64 * rows as usize);
    text.push_str("id,level,year,count,share,published\n");
    for id in 0..rows {
        let level = levels[(next() % 6) as usize];
        let year = 1990 + next() % 34;
        let count = next() % 1_000_000;
        let count = match next() % 10 {
            0 => format!("{}.{}万", count / 10_000, count % 10),
            _ if count >= 1000 => format!("\"{},{:03}\"", count / 1000, count % 1000),
            _ => count.to_string(),
        };
        let share = format!("{}.{}%", next() % 100, next() % 10);
        let published = format!("{}-{:02}-{:02}", year, 1 + next() % 12, 1 + next() % 28);
        let id = if unique_codes {
            format!("Q/SYN {id:07}-{year}")
        } else {
            format!("{}", 10_000_000 + id)
        };
        text.push_str(&format!(
            "{id},{level},{year},{count},{share},{published}\n"
        ));
    }
    text
}

/// CPU time of this thread so far, in ms (Linux; `None` elsewhere).
fn thread_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after_name = stat.rsplit(')').next()?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime), in clock ticks (100 per second on Linux).
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

fn time_load(label: &str, text: &str) -> Loaded {
    // Best of three: the machine may be shared.
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let cpu_start = thread_cpu_ms();
        let start = std::time::Instant::now();
        let loaded = parse_delimited(text.as_bytes(), &DelimitedOptions::default(), "synthetic")
            .expect("loads");
        wall.push(start.elapsed().as_secs_f64() * 1e3);
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu_ms()) {
            cpu.push(b - a);
        }
        last = Some(loaded);
    }
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "synthetic CSV ({label}), 1,000,000 rows x 6 columns, {:.1} MB: loaded in {:.0} ms wall, {:.0} ms CPU (best of 3; wall {wall:.0?} ms)",
        text.len() as f64 / 1e6,
        best(&wall),
        best(&cpu),
    );
    last.expect("three runs")
}

/// Prints how long synthetic 1,000,000-row, 6-column CSVs take to load. Run with
/// `cargo test --release --test csv_loading -- --ignored --nocapture`. The data is
/// synthetic (fixed-seed LCG); nothing is asserted about time.
#[test]
#[ignore]
fn timing_synthetic_one_million_rows() {
    let text = synthetic_csv(1_000_000, false);
    let loaded = time_load("numeric ids", &text);
    assert_eq!(loaded.table.row_count(), 1_000_000);
    for name in ["id", "year", "count", "share"] {
        assert!(loaded.table.column(name).unwrap().is_numeric(), "{name}");
    }
    assert!(matches!(
        loaded.table.column("published").unwrap().data,
        ColumnData::Date(_)
    ));
    assert!(matches!(
        loaded.table.column("level").unwrap().data,
        ColumnData::Text(_)
    ));
    drop(loaded);
    drop(text);

    let text = synthetic_csv(1_000_000, true);
    let loaded = time_load("a unique text code per row", &text);
    match &loaded.table.column("id").unwrap().data {
        ColumnData::Text(t) => assert_eq!(t.dictionary.len(), 1_000_000),
        other => panic!("id is not text: {other:?}"),
    }
}
