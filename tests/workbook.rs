//! Excel workbooks end to end: .xlsx files written here with rust_xlsxwriter (a title
//! merged across the table, a unit line, a two-row header of merged cells, numbers, dates,
//! a source line; two sheets), read by `table::workbook` through the one CSV loader: the
//! chosen sheet, the flattened header, numbers as numbers, dates as dates, the layout, and
//! errors that name the sheet, row and column. Figures: 中国标准化发展年度报告 (SOURCES.md
//! §2): national standards issued in 2020, 2022, 2023 and of them mandatory/recommended;
//! the release dates of the 2022 and 2023 reports.
#![cfg(not(target_arch = "wasm32"))]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use stdviz::error::{Error, Location};
use stdviz::table::csv::{DelimitedOptions, NoteKind, ParseAs};
use stdviz::table::workbook::{parse_workbook, WorkbookOptions};
use stdviz::table::{ColumnData, Value};

const SOURCE: &str = "资料来源：国家市场监督管理总局、国家标准化管理委员会《中国标准化发展年度报告》(2020、2022、2023年度)";

/// Sheet "国家标准" (the table starts in column B, row 2) and sheet "报告发布" (dates).
fn yearbook_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let plain = Format::new();
    let ws = book.add_worksheet();
    ws.set_name("国家标准")?;
    // Row 2 (index 1): the title merged across the table's width; row 3 the unit.
    ws.merge_range(1, 1, 1, 4, "表3 国家标准发布数量", &plain)?;
    ws.write_string(2, 1, "单位：项")?;
    // Rows 4–5: "年份" merged down, "发布国家标准" merged across three columns.
    ws.merge_range(3, 1, 4, 1, "年份", &plain)?;
    ws.merge_range(3, 2, 3, 4, "发布国家标准", &plain)?;
    ws.write_string(4, 2, "合计")?;
    ws.write_string(4, 3, "其中：强制性")?;
    ws.write_string(4, 4, "其中：推荐性")?;
    let rows = [
        ("2020年", 2252.0, 99.0, 2153.0),
        ("2022年", 2266.0, 82.0, 2099.0),
        ("2023年", 2902.0, 75.0, 2756.0),
    ];
    for (i, (year, total, mandatory, recommended)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        ws.write_string(r, 1, *year)?;
        ws.write_number(r, 2, *total)?;
        ws.write_number(r, 3, *mandatory)?;
        ws.write_number(r, 4, *recommended)?;
    }
    ws.write_string(9, 1, SOURCE)?;

    let dates = book.add_worksheet();
    dates.set_name("报告发布")?;
    let day = Format::new().set_num_format("yyyy-mm-dd");
    dates.write_string(0, 0, "报告")?;
    dates.write_string(0, 1, "发布日期")?;
    dates.write_string(1, 0, "2022年度报告")?;
    dates.write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2023, 4, 19)?, &day)?;
    dates.write_string(2, 0, "2023年度报告")?;
    dates.write_datetime_with_format(2, 1, ExcelDateTime::from_ymd(2024, 3, 27)?, &day)?;
    book.save_to_buffer()
}

fn workbook() -> Vec<u8> {
    yearbook_workbook().unwrap_or_else(|e| panic!("writing the test workbook: {e}"))
}

#[test]
fn the_first_sheet_reads_as_a_yearbook_table_with_a_flattened_header() {
    let read = parse_workbook(&workbook(), &WorkbookOptions::default(), "book.xlsx")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.sheet, "国家标准");
    assert_eq!(read.sheets, ["国家标准", "报告发布"]);
    let l = &read.loaded;
    assert_eq!(l.encoding, "xlsx");
    assert_eq!(
        l.table.field_names(),
        [
            "年份",
            "发布国家标准·合计",
            "发布国家标准·强制性",
            "发布国家标准·推荐性"
        ]
    );
    assert_eq!(l.table.row_count(), 3);
    let total = l.table.column("发布国家标准·合计").map(|c| &c.data);
    assert!(matches!(total, Some(ColumnData::Number(v)) if v == &[2252.0, 2266.0, 2902.0]));
    assert_eq!(l.layout.title.as_deref(), Some("表3 国家标准发布数量"));
    assert_eq!(l.layout.unit.as_deref(), Some("项"));
    // Excel's rows: the header on rows 4–5, the data on rows 6–8, the source on row 10.
    assert_eq!((l.layout.header_line, l.layout.header_rows), (4, 2));
    assert_eq!(l.layout.data_end_line, 8);
    assert_eq!(l.layout.notes.len(), 1);
    assert_eq!(l.layout.notes[0].line, 10);
    assert_eq!(l.layout.notes[0].kind, NoteKind::Source);
    assert_eq!(l.layout.notes[0].text, SOURCE);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn a_sheet_chosen_by_name_or_number_reads_dates_as_dates() {
    for sheet in ["报告发布", "2"] {
        let opts = WorkbookOptions {
            sheet: Some(sheet.into()),
            ..WorkbookOptions::default()
        };
        let read =
            parse_workbook(&workbook(), &opts, "book.xlsx").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.sheet, "报告发布");
        let t = &read.loaded.table;
        let date = t.column("发布日期").map(|c| c.value(1));
        let expected = stdviz::table::date::to_ms(2024, 3, 27, 0, 0, 0);
        assert_eq!(date, Some(Value::Date(expected)));
        assert!(read.loaded.layout.is_plain());
    }
}

#[test]
fn an_unknown_sheet_is_an_error_listing_the_sheets() {
    let opts = WorkbookOptions {
        sheet: Some("表9".into()),
        ..WorkbookOptions::default()
    };
    let e = parse_workbook(&workbook(), &opts, "book.xlsx")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("data error in book.xlsx at (whole input): expected one of the sheets \"国家标准\", \"报告发布\" (or its number), found the sheet \"表9\"")
    );
}

#[test]
fn a_cell_error_names_the_sheet_and_the_excel_row_and_column() {
    // "年份" read as a number fails on its first cell: sheet row 6, column B (2).
    let opts = WorkbookOptions {
        sheet: None,
        delimited: DelimitedOptions {
            parse: vec![("年份".into(), ParseAs::Number)],
            ..DelimitedOptions::default()
        },
    };
    let e = parse_workbook(&workbook(), &opts, "book.xlsx").err();
    match &e {
        Some(Error::Data {
            source,
            at: Location::Cell { line, column },
            found,
            ..
        }) => {
            assert_eq!(source, "book.xlsx, sheet \"国家标准\"");
            assert_eq!((*line, *column), (6, 2));
            assert_eq!(found, "\"2020年\"");
        }
        other => panic!("expected a cell error, got {other:?}"),
    }
}

#[test]
fn a_chart_of_a_workbook_takes_its_title_unit_and_source() {
    let spec = r#"{
      "width": "container",
      "data": {"url": "book.xlsx"},
      "mark": "bar",
      "encoding": {
        "x": {"field": "年份", "type": "ordinal"},
        "y": {"field": "发布国家标准·合计", "type": "quantitative"}
      }
    }"#;
    let bytes = workbook();
    let chart =
        stdviz::Chart::with_files(spec, &|_| Some(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        chart.spec.title.as_ref().map(|t| t.text.as_str()),
        Some("国家标准发布数量")
    );
    assert_eq!(chart.spec.meta.unit.as_deref(), Some("项"));
    assert_eq!(chart.spec.meta.source.as_deref(), Some(SOURCE));
}

#[test]
fn the_explorer_reads_a_workbook_by_its_bytes_and_names_its_sheets() {
    let l = stdviz::explore::load(&workbook(), &stdviz::explore::LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.format, "xlsx");
    assert_eq!(l.sheet.as_deref(), Some("国家标准"));
    assert_eq!(l.sheets, ["国家标准", "报告发布"]);
    assert_eq!(l.table.row_count(), 3);
    // The stream leaves workbooks to the whole loader.
    let fed = stdviz::table::csv::DelimitedStream::in_chunks(
        &workbook(),
        4096,
        DelimitedOptions::default(),
        "book.xlsx",
    );
    assert!(matches!(fed, Err(stdviz::table::csv::Fed::Whole)));
}

/// The committed `tests/data/yearbook/national-issued-2020-2023.xlsx` (the explorer's
/// end-to-end test drops it on the page) is this workbook; run with `--ignored` to write it
/// again.
#[test]
#[ignore]
fn write_the_corpus_workbook() {
    let path = format!(
        "{}/tests/data/yearbook/national-issued-2020-2023.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::write(&path, workbook()).unwrap_or_else(|e| panic!("{path}: {e}"));
}

#[test]
fn the_committed_workbook_reads_as_the_one_written_here() {
    let path = format!(
        "{}/tests/data/yearbook/national-issued-2020-2023.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let read = |bytes: &[u8]| {
        parse_workbook(bytes, &WorkbookOptions::default(), "book.xlsx")
            .map(|r| format!("{:?}", r.loaded))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(read(&committed), read(&workbook()));
}

#[test]
fn usermeta_picks_the_sheet_of_a_chart() {
    let spec = r#"{
      "data": {"url": "book.xlsx"},
      "mark": "point",
      "encoding": {"x": {"field": "发布日期", "type": "temporal"}, "y": {"field": "报告", "type": "nominal"}},
      "usermeta": {"stdviz": {"sheet": "报告发布"}}
    }"#;
    let bytes = workbook();
    let chart =
        stdviz::Chart::with_files(spec, &|_| Some(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
    let t = chart.tables.values().next().map(|t| t.field_names());
    assert_eq!(t, Some(vec!["报告".to_string(), "发布日期".to_string()]));
}

/// Writes the SYNTHETIC 100,000-row workbook `bench/explore/xlsx.mjs` times (not a test:
/// run with `cargo test --test workbook -- --ignored synthetic`; the path is
/// `$STDVIZ_XLSX_OUT` or `bench/out/explore/synthetic-catalogue-100000.xlsx`). Made-up
/// rows from a fixed-seed LCG, labelled SYNTHETIC in the title line and the file name.
#[test]
#[ignore]
fn write_the_synthetic_benchmark_workbook() {
    let path = std::env::var("STDVIZ_XLSX_OUT").unwrap_or_else(|_| {
        format!(
            "{}/bench/out/explore/synthetic-catalogue-100000.xlsx",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let write = || -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "SYNTHETIC 合成数据:100,000 行标准目录(非公布数字)")?;
        for (c, name) in ["编号", "层级", "年份", "状态", "起草单位数"]
            .iter()
            .enumerate()
        {
            ws.write_string(1, c as u16, *name)?;
        }
        let levels = ["国家标准", "行业标准", "地方标准", "团体标准", "企业标准"];
        let states = ["现行", "废止", "即将实施"];
        let mut seed: u64 = 20_240_110;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for i in 0..100_000u32 {
            let r = i + 2;
            ws.write_string(r, 0, format!("SYN-{i:06}"))?;
            ws.write_string(r, 1, levels[next() % levels.len()])?;
            ws.write_number(r, 2, (2015 + next() % 10) as f64)?;
            ws.write_string(r, 3, states[next() % states.len()])?;
            ws.write_number(r, 4, (1 + next() % 12) as f64)?;
        }
        book.save_to_buffer()
    };
    let bytes = write().unwrap_or_else(|e| panic!("{e}"));
    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
}
