//! Yearbook layouts end to end: the corpus in `tests/data/yearbook/` (real figures, see its
//! README) loaded by the one CSV loader, each with its expected header line, title, unit,
//! notes, column types and first row; the stream makes the same table or hands the file
//! back; corrections (header line, data end line) and their positioned errors.

use stdviz::error::{Error, Location};
use stdviz::table::csv::{
    parse_delimited, DelimitedOptions, DelimitedStream, Fed, LayoutOptions, Loaded, NoteKind,
};
use stdviz::table::{ColumnData, Table, Value};

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/yearbook/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_with(bytes: &[u8], opts: &DelimitedOptions) -> Loaded {
    parse_delimited(bytes, opts, "t.csv").unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

fn load(bytes: &[u8]) -> Loaded {
    load_with(bytes, &DelimitedOptions::default())
}

/// Each column's type: `n` number, `d` date, `t` text.
fn types(t: &Table) -> String {
    t.columns()
        .map(|c| match c.data {
            ColumnData::Number(_) => 'n',
            ColumnData::Date(_) => 'd',
            ColumnData::Text(_) => 't',
        })
        .collect()
}

fn row(t: &Table, i: usize) -> Vec<String> {
    t.columns().map(|c| c.value(i).to_text()).collect()
}

/// What one corpus file must load as.
struct Expected {
    file: &'static str,
    encoding: &'static str,
    title: Option<&'static str>,
    chart_title: Option<&'static str>,
    unit: Option<&'static str>,
    header_line: u64,
    header_rows: u64,
    data_end_line: u64,
    names: &'static [&'static str],
    types: &'static str,
    first_row: &'static [&'static str],
    rows: usize,
    /// (line, kind, start of the text)
    notes: &'static [(u64, NoteKind, &'static str)],
}

const CORPUS: &[Expected] = &[
    Expected {
        file: "standards-new-2019-2023-gbk-crlf.csv",
        encoding: "gb18030",
        title: Some("表1 2019—2023年全国标准制修订情况"),
        chart_title: Some("2019—2023年全国标准制修订情况"),
        unit: Some("项"),
        header_line: 3,
        header_rows: 1,
        data_end_line: 7,
        names: &["指标", "2019年", "2020年", "2022年", "2023年"],
        types: "tnnnn",
        first_row: &["发布国家标准", "2021", "2252", "2266", "2902"],
        rows: 4,
        notes: &[
            (9, NoteKind::Note, "注：2021年未列出;—表示所引报道未给出该数。"),
            (9, NoteKind::Source, "资料来源：国家市场监督管理总局、国家标准化管理委员会《中国标准化发展年度报告》(2019、2020、2022、2023年度),据中国新闻网"),
        ],
    },
    Expected {
        file: "standards-in-force-utf8-bom.csv",
        encoding: "UTF-8",
        title: Some("表2 年末有效标准数量"),
        chart_title: Some("年末有效标准数量"),
        unit: Some("项"),
        header_line: 3,
        header_rows: 1,
        data_end_line: 6,
        names: &["层级", "2020年", "2022年", "2023年"],
        types: "tnnn",
        first_row: &["国家标准", "39847", "43027", "44499"],
        rows: 3,
        notes: &[(8, NoteKind::Source, "资料来源:《中国标准化发展年度报告》")],
    },
    Expected {
        file: "national-issued-merged-header-crlf.csv",
        encoding: "UTF-8",
        title: Some("表3 国家标准发布数量"),
        chart_title: Some("国家标准发布数量"),
        unit: Some("项"),
        header_line: 2,
        header_rows: 2,
        data_end_line: 6,
        names: &[
            "年份",
            "发布国家标准·合计",
            "发布国家标准·强制性",
            "发布国家标准·推荐性",
            "发布国家标准·指导性技术文件",
        ],
        types: "tnnnn",
        first_row: &["2020年", "2252", "99", "2153", ""],
        rows: 3,
        notes: &[
            (7, NoteKind::Note, "注:2020年指导性技术文件数未见于所引报道。"),
            (8, NoteKind::Source, "数据来源:《中国标准化发展年度报告》"),
        ],
    },
    Expected {
        file: "group-standards-top6-regions-2022-gbk.tsv",
        encoding: "gb18030",
        title: Some("2022年底公布团体标准数量前六位的地区"),
        chart_title: Some("2022年底公布团体标准数量前六位的地区"),
        unit: None,
        header_line: 3,
        header_rows: 1,
        data_end_line: 9,
        names: &["地区", "团体标准(项)"],
        types: "tn",
        first_row: &["广东", "6419"],
        rows: 6,
        notes: &[(10, NoteKind::Source, "来源：《中国标准化发展年度报告(2022年)》")],
    },
    Expected {
        file: "yangquan-2024-utf8.csv",
        encoding: "UTF-8",
        title: Some("阳泉市19家企事业单位主持或参与制定修订的标准"),
        chart_title: Some("阳泉市19家企事业单位主持或参与制定修订的标准"),
        unit: Some("项"),
        header_line: 4,
        header_rows: 1,
        data_end_line: 8,
        names: &["层级", "数量"],
        types: "tn",
        first_row: &["国家标准", "80"],
        rows: 4,
        notes: &[(11, NoteKind::Source, "资料来源:王建华《打造标准化赋能高质量发展的“阳泉样板”》")],
    },
    Expected {
        file: "standards-in-force-wan-units-utf8.csv",
        encoding: "UTF-8",
        title: Some("表4 2020—2023年年末有效标准数量(以万项计)"),
        chart_title: Some("2020—2023年年末有效标准数量(以万项计)"),
        unit: Some("万项"),
        header_line: 3,
        header_rows: 1,
        data_end_line: 6,
        names: &["层级", "2020年", "2022年", "2023年"],
        types: "tnnn",
        first_row: &["国家标准", "3.9847", "4.3027", "4.4499"],
        rows: 3,
        notes: &[
            (8, NoteKind::Note, "注:原表以项计"),
            (9, NoteKind::Source, "资料来源:国家市场监督管理总局"),
        ],
    },
    Expected {
        file: "group-standards-regions-across-2022-crlf.csv",
        encoding: "UTF-8",
        title: Some("2022年底团体标准数量前六位的地区"),
        chart_title: Some("2022年底团体标准数量前六位的地区"),
        unit: Some("项"),
        header_line: 3,
        header_rows: 1,
        data_end_line: 4,
        names: &["指标", "广东", "浙江", "山东", "北京", "上海", "江苏"],
        types: "tnnnnnn",
        first_row: &["团体标准", "6419", "5640", "2941", "2808", "1820", "1669"],
        rows: 1,
        notes: &[(5, NoteKind::Source, "来源:《中国标准化发展年度报告(2022年)》")],
    },
];

#[test]
fn corpus_files_load_with_their_title_unit_header_and_notes() {
    for e in CORPUS {
        let bytes = corpus(e.file);
        let l = load(&bytes);
        let f = e.file;
        assert_eq!(l.encoding, e.encoding, "{f}");
        assert_eq!(l.layout.title.as_deref(), e.title, "{f}");
        assert_eq!(l.layout.chart_title().as_deref(), e.chart_title, "{f}");
        assert_eq!(l.layout.unit.as_deref(), e.unit, "{f}");
        assert_eq!(l.layout.header_line, e.header_line, "{f}");
        assert_eq!(l.layout.header_rows, e.header_rows, "{f}");
        assert_eq!(l.layout.data_end_line, e.data_end_line, "{f}");
        assert_eq!(l.table.field_names(), e.names, "{f}");
        assert_eq!(types(&l.table), e.types, "{f}");
        assert_eq!(row(&l.table, 0), e.first_row, "{f}");
        assert_eq!(l.table.row_count(), e.rows, "{f}");
        assert_eq!(
            l.layout.notes.len(),
            e.notes.len(),
            "{f}: {:?}",
            l.layout.notes
        );
        for (note, (line, kind, start)) in l.layout.notes.iter().zip(e.notes) {
            assert_eq!(note.line, *line, "{f}: {note:?}");
            assert_eq!(note.kind, *kind, "{f}: {note:?}");
            assert!(
                note.text.starts_with(start),
                "{f}: {note:?} should start with {start}"
            );
        }
        assert!(l.warnings.is_empty(), "{f}: {:?}", l.warnings);
        assert!(!l.layout.is_plain(), "{f}");
    }
}

#[test]
fn streaming_the_corpus_makes_the_same_table_or_hands_it_back() {
    for e in CORPUS {
        let bytes = corpus(e.file);
        let whole = load(&bytes);
        for size in [1, 7, 64, 4096] {
            match DelimitedStream::in_chunks(&bytes, size, DelimitedOptions::default(), "t.csv") {
                Ok(streamed) => assert_eq!(
                    format!("{streamed:?}"),
                    format!("{whole:?}"),
                    "{} in chunks of {size}",
                    e.file
                ),
                Err(Fed::Whole | Fed::Again) => {}
                Err(Fed::More) => panic!("{}: the stream ended wanting more", e.file),
            }
        }
    }
}

#[test]
fn a_plain_file_keeps_its_first_line_as_header_and_a_plain_layout() {
    let l = load("层级,数量\n国家标准,80\n行业标准,37\n".as_bytes());
    assert!(l.layout.is_plain());
    assert_eq!(l.layout.header_line, 1);
    assert_eq!(l.layout.data_end_line, 3);
    assert_eq!(l.table.field_names(), ["层级", "数量"]);
}

#[test]
fn a_one_column_file_is_not_all_preamble() {
    let l = load("数量\n80\n37\n8\n".as_bytes());
    assert_eq!(l.table.field_names(), ["数量"]);
    assert_eq!(l.table.row_count(), 3);
    assert!(l.layout.title.is_none());
}

#[test]
fn a_row_that_starts_like_a_note_but_is_followed_by_data_stays_data() {
    let l = load("名称,数量\n注册标准,1\n*示例,2\n乙,3\n".as_bytes());
    assert_eq!(l.table.row_count(), 3, "{:?}", l.layout);
    assert!(l.layout.notes.is_empty());
    assert_eq!(
        l.table.column("名称").map(|c| c.value(1)),
        Some(Value::Text("*示例"))
    );
}

#[test]
fn the_header_line_can_be_given() {
    // Synthetic: a preamble of two cells that the rules would take for the header.
    let text = "说明,示例\n甲,乙\n年份,数量\n2020,1\n2021,2\n";
    let opts = DelimitedOptions {
        layout: LayoutOptions {
            header_line: Some(3),
            data_end_line: None,
        },
        ..DelimitedOptions::default()
    };
    let l = load_with(text.as_bytes(), &opts);
    assert_eq!(l.layout.header_line, 3);
    assert_eq!(l.table.field_names(), ["年份", "数量"]);
    assert_eq!(l.table.row_count(), 2);
    assert_eq!(l.layout.title.as_deref(), Some("说明 示例"));
    // The stream leaves corrected layouts to the whole loader.
    assert!(DelimitedStream::in_chunks(text.as_bytes(), 8, opts, "t.csv").is_err());
}

#[test]
fn the_data_end_line_can_be_given_and_what_follows_is_notes() {
    // Synthetic figures: the last two lines are remarks without a marker.
    let text = "年份,数量\n2020,1\n2021,2\n2021年为初步数\n另见附表\n";
    let opts = DelimitedOptions {
        layout: LayoutOptions {
            header_line: None,
            data_end_line: Some(3),
        },
        ..DelimitedOptions::default()
    };
    let l = load_with(text.as_bytes(), &opts);
    assert_eq!(l.table.row_count(), 2);
    assert_eq!(l.layout.data_end_line, 3);
    let notes: Vec<&str> = l.layout.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes, ["2021年为初步数", "另见附表"]);
    assert_eq!(l.layout.note().as_deref(), Some("2021年为初步数 另见附表"));
}

fn error_with(text: &str, layout: LayoutOptions) -> Error {
    let opts = DelimitedOptions {
        layout,
        ..DelimitedOptions::default()
    };
    match parse_delimited(text.as_bytes(), &opts, "t.csv") {
        Ok(l) => panic!("expected an error, got {:?}", l.table),
        Err(e) => e,
    }
}

#[test]
fn a_header_line_on_which_no_record_starts_is_an_error_at_that_line() {
    let blank = error_with(
        "标题\n\n年份,数量\n2020,1\n",
        LayoutOptions {
            header_line: Some(2),
            data_end_line: None,
        },
    );
    assert!(
        matches!(&blank, Error::Data { at: Location::Cell { line: 2, column: 1 }, found, .. } if found.contains("blank line")),
        "{blank}"
    );
    let past = error_with(
        "年份,数量\n2020,1\n",
        LayoutOptions {
            header_line: Some(9),
            data_end_line: None,
        },
    );
    assert_eq!(
        past.to_string(),
        "data error in t.csv at line 9, column 1: expected a record starting on this line, the header line given (usermeta.stdviz.header), found the end of the data (the last record starts on line 2)"
    );
    let inside = error_with(
        "a,b\n\"x\ny\",1\n",
        LayoutOptions {
            header_line: Some(3),
            data_end_line: None,
        },
    );
    assert!(
        inside
            .to_string()
            .contains("inside the record that starts on line 2"),
        "{inside}"
    );
}

#[test]
fn a_data_end_before_the_header_is_an_error_at_that_line() {
    let e = error_with(
        "标题\n年份,数量\n2020,1\n",
        LayoutOptions {
            header_line: None,
            data_end_line: Some(1),
        },
    );
    assert!(
        matches!(
            &e,
            Error::Data {
                at: Location::Cell { line: 1, .. },
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("the header on line 2"), "{e}");
}

#[test]
fn the_issue_example_loads_instead_of_failing_at_line_3() {
    // The issue's report: a yearbook table saved from Excel on Chinese Windows was refused
    // with "expected at most 1 fields, as in the header on line 1". Same shape, UTF-8.
    let l = load(corpus("standards-new-2019-2023-gbk-crlf.csv").as_slice());
    assert_eq!(l.layout.header_line, 3);
    assert_eq!(
        l.table.column("2023年").map(|c| c.value(3)),
        Some(Value::Number(23162.0))
    );
    assert_eq!(
        l.table.column("2022年").map(|c| c.value(3)),
        Some(Value::Null)
    );
}

#[test]
fn a_chart_of_a_yearbook_file_takes_its_title_unit_and_source_from_the_file() {
    let spec = r#"{
      "width": "container",
      "data": {"url": "yangquan-2024-utf8.csv"},
      "mark": "bar",
      "encoding": {
        "x": {"field": "层级", "type": "nominal", "sort": null},
        "y": {"field": "数量", "type": "quantitative"}
      }
    }"#;
    let bytes = corpus("yangquan-2024-utf8.csv");
    let chart =
        stdviz::Chart::with_files(spec, &|_| Some(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
    let title = chart.spec.title.as_ref().map(|t| t.text.as_str());
    assert_eq!(title, Some("阳泉市19家企事业单位主持或参与制定修订的标准"));
    assert_eq!(chart.spec.meta.unit.as_deref(), Some("项"));
    let source = chart.spec.meta.source.as_deref().unwrap_or_default();
    assert!(source.starts_with("资料来源:王建华"), "{source}");
    let scene = chart
        .scene(stdviz::layout::Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let svg = stdviz::svg::to_svg(&scene).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.contains("阳泉市19家企事业单位"), "the title is drawn");
    assert!(svg.contains("资料来源"), "the source line is drawn");
    assert_eq!(chart.tables.values().next().map(Table::row_count), Some(4));
}

#[test]
fn a_spec_title_and_source_win_over_the_files() {
    let spec = r#"{
      "title": "我的标题",
      "data": {"url": "t.csv"},
      "mark": "bar",
      "encoding": {"x": {"field": "层级", "type": "nominal"}, "y": {"field": "数量", "type": "quantitative"}},
      "usermeta": {"stdviz": {"source": "来源:我的", "unit": "个"}}
    }"#;
    let bytes = corpus("yangquan-2024-utf8.csv");
    let chart =
        stdviz::Chart::with_files(spec, &|_| Some(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        chart.spec.title.map(|t| t.text).as_deref(),
        Some("我的标题")
    );
    assert_eq!(chart.spec.meta.source.as_deref(), Some("来源:我的"));
    assert_eq!(chart.spec.meta.unit.as_deref(), Some("个"));
}

#[test]
fn the_explorer_loads_a_yearbook_file_with_its_layout_as_json() {
    let bytes = corpus("national-issued-merged-header-crlf.csv");
    let l = stdviz::explore::load(&bytes, &stdviz::explore::LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.format, "csv");
    let j = l.layout.to_json();
    assert_eq!(j["plain"], false);
    assert_eq!(j["chartTitle"], "国家标准发布数量");
    assert_eq!(j["unit"], "项");
    assert_eq!(j["headerLine"], 2);
    assert_eq!(j["headerRows"], 2);
    assert_eq!(j["dataEndLine"], 6);
    assert_eq!(j["notes"][1]["kind"], "source");
    assert_eq!(j["notes"][1]["line"], 8);
    assert!(j["source"]
        .as_str()
        .is_some_and(|s| s.starts_with("数据来源")));
    // A corrected data end: the 2023 row becomes a note line.
    let opts = stdviz::explore::LoadOptions {
        layout: LayoutOptions {
            header_line: Some(2),
            data_end_line: Some(5),
        },
        ..stdviz::explore::LoadOptions::default()
    };
    let l = stdviz::explore::load(&bytes, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(l.table.row_count(), 2);
    assert_eq!(l.layout.notes.first().map(|n| n.line), Some(6));
}

#[test]
fn usermeta_corrects_the_layout_and_names_a_bad_line_number() {
    // The data end corrected to line 6: the 公布团体标准 row (line 7) becomes a note line.
    let spec = r#"{
      "data": {"url": "t.csv"},
      "mark": "bar",
      "encoding": {"x": {"field": "指标", "type": "nominal"}, "y": {"field": "2023年", "type": "quantitative"}},
      "usermeta": {"stdviz": {"header": 3, "dataEnd": 6}}
    }"#;
    let bytes = corpus("standards-new-2019-2023-gbk-crlf.csv");
    let chart =
        stdviz::Chart::with_files(spec, &|_| Some(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(chart.tables.values().next().map(Table::row_count), Some(3));
    let layout = chart.data_layout.unwrap_or_default();
    assert_eq!((layout.header_line, layout.data_end_line), (3, 6));
    assert_eq!(layout.notes.first().map(|n| n.line), Some(7));
    let bad = spec.replace("\"dataEnd\": 6", "\"dataEnd\": 0");
    let e = stdviz::Chart::with_files(&bad, &|_| Some(bytes.clone())).err();
    assert!(
        e.as_ref()
            .is_some_and(|e| e.to_string().contains("usermeta.stdviz.dataEnd")),
        "{e:?}"
    );
}
