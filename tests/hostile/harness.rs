//! The fuzzing entry points, shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`
//! include this file) and the regression tests (`tests/hostile.rs` runs every input that
//! ever failed through the same functions). Each takes raw bytes, runs one stage of
//! stdviz on them and checks invariants; a panic, a hang or unbounded memory is a finding.
//!
//! The first byte of the CSV and JSON inputs chooses options (delimiter, encoding,
//! limits, `format.parse`), so one corpus explores all of them.
#![allow(dead_code)]

use stdviz::layout::Viewport;
use stdviz::spec::{DataFormat, ParseAs};
use stdviz::table::csv::{parse_delimited, DelimitedOptions, DelimitedStream};
use stdviz::table::{Table, Value};
use stdviz::{Chart, Limits, Options};

/// Small limits, so that the fuzzer reaches every limit's error path quickly.
fn small_limits() -> Limits {
    Limits {
        max_bytes: 4096,
        max_rows: 50,
        max_columns: 8,
        max_cell_chars: 64,
        max_label_chars: 64,
        max_categories: 20,
        max_marks: 100,
    }
}

/// Limits that bound the work of one fuzz run (the defaults allow far bigger inputs
/// than a fuzzer makes; these keep a single run well under a second).
fn run_limits() -> Limits {
    Limits {
        max_categories: 2_000,
        max_marks: 5_000,
        ..Limits::default()
    }
}

/// The input re-encoded as the loader meets it in the wild: as is, UTF-16LE or UTF-16BE
/// with a byte-order mark, UTF-8 with a BOM, or GBK (GB18030).
fn encode_as(kind: u8, body: &[u8]) -> Vec<u8> {
    let text = || String::from_utf8_lossy(body).into_owned();
    match kind % 5 {
        1 => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text().encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        2 => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text().encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
        3 => {
            let mut out = vec![0xEF, 0xBB, 0xBF];
            out.extend_from_slice(body);
            out
        }
        4 => encoding_rs::GB18030.encode(&text()).0.into_owned(),
        _ => body.to_vec(),
    }
}

/// Invariants of any loaded table: equal column lengths, no NUL in text, every cell
/// readable.
fn check_table(t: &Table) {
    let rows = t.row_count();
    for c in t.columns() {
        assert_eq!(
            c.len(),
            rows,
            "column {} has {} of {rows} rows",
            c.name,
            c.len()
        );
        for r in 0..rows {
            match c.value(r) {
                Value::Text(s) => assert!(!s.contains('\0'), "NUL in a text cell"),
                Value::Number(n) | Value::Date(n) => assert!(!n.is_nan(), "NaN not missing"),
                Value::Null => {}
            }
        }
    }
}

/// CSV/TSV/DSV bytes through [`stdviz::load_bytes`]. Byte 0: bits 0–1 the delimiter
/// (detect, `,`, tab, `;`), bits 2–4 the encoding ([`encode_as`]), bit 5 small limits,
/// bits 6–7 a `format.parse` of the first field (none, number, date, `date:'%Y-%m'`).
pub fn csv(data: &[u8]) {
    let Some((&control, body)) = data.split_first() else {
        return;
    };
    let delimiter = match control & 3 {
        0 => None,
        1 => Some(b','),
        2 => Some(b'\t'),
        _ => Some(b';'),
    };
    let bytes = encode_as((control >> 2) & 7, body);
    let limits = if control & 0x20 != 0 {
        small_limits()
    } else {
        run_limits()
    };
    // The first field's name, as the header spells it, for `format.parse`.
    let first = String::from_utf8_lossy(body)
        .split([',', '\t', ';', '\n'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let parse = match control >> 6 {
        1 => vec![(first, ParseAs::Number)],
        2 => vec![(first, ParseAs::Date)],
        3 => vec![(first, ParseAs::DateFormat("%Y-%m".into()))],
        _ => Vec::new(),
    };
    let format = DataFormat::Delimited { delimiter };
    let mut warnings = Vec::new();
    let opts = DelimitedOptions {
        delimiter,
        parse: parse.clone(),
        limits,
        layout: Default::default(),
    };
    if let Ok(t) = stdviz::load_bytes(&bytes, &format, &parse, "fuzz.csv", &limits, &mut warnings) {
        check_table(&t);
        assert!(t.row_count() <= limits.max_rows);
        assert!(t.columns().len() <= limits.max_columns);
    }
    // The explorer's stream, in chunks of 1 to 64 bytes: the very table (and warnings) of
    // the whole loader, or the input handed back to it.
    let size = usize::from(body.first().copied().unwrap_or(0) % 64) + 1;
    if let Ok(streamed) = DelimitedStream::in_chunks(&bytes, size, opts.clone(), "fuzz.csv") {
        match parse_delimited(&bytes, &opts, "fuzz.csv") {
            Ok(whole) => assert_eq!(
                format!("{streamed:?}"),
                format!("{whole:?}"),
                "chunks of {size}"
            ),
            Err(e) => panic!("streamed, but the whole loader says {e}"),
        }
    }
}

/// JSON data bytes through [`stdviz::load_bytes`]. Byte 0: bit 0 reads
/// `format.property: "data.rows"`, bits 1–3 the encoding ([`encode_as`]), bit 4 small
/// limits.
pub fn json(data: &[u8]) {
    let Some((&control, body)) = data.split_first() else {
        return;
    };
    let property = (control & 1 == 1).then(|| "data.rows".to_string());
    let bytes = encode_as((control >> 1) & 7, body);
    let limits = if control & 0x10 != 0 {
        small_limits()
    } else {
        run_limits()
    };
    let format = DataFormat::Json {
        property,
        flatten: Vec::new(),
    };
    let mut warnings = Vec::new();
    if let Ok(t) = stdviz::load_bytes(&bytes, &format, &[], "fuzz.json", &limits, &mut warnings) {
        check_table(&t);
    }
}

/// Spec text through the parser and validation: [`stdviz::spec::parse`],
/// [`Chart::data_urls`] and [`Chart::with_options`] with no files (inline data is
/// loaded and checked against the limits; nothing is laid out).
pub fn spec(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = stdviz::spec::parse(&text);
    let urls = Chart::data_urls(&text);
    assert_eq!(parsed.is_ok(), urls.is_ok());
    let options = Options {
        limits: run_limits(),
    };
    if let Ok(chart) = Chart::with_options(&text, &|_| None, &options) {
        for t in chart.tables.values() {
            check_table(t);
        }
    }
}

/// The whole pipeline: spec + data → chart → scene → SVG, summary and hit test. The
/// input is the spec text, a NUL byte, then the bytes every `data.url` returns; the
/// viewport width comes from the spec's length.
pub fn pipeline(data: &[u8]) {
    let (spec, files) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], data.get(i + 1..)),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(spec);
    let limits = run_limits();
    let options = Options { limits };
    let Ok(chart) = Chart::with_options(&text, &|_| files.map(<[u8]>::to_vec), &options) else {
        return;
    };
    let width = [200.0, 480.0, 900.0][spec.len() % 3];
    let Ok(scene) = chart.scene(Viewport {
        width,
        height: Some(300.0),
    }) else {
        return;
    };
    assert!(scene.items.len() <= limits.max_marks);
    assert!(scene.width.is_finite() && scene.height.is_finite());
    for t in scene.texts() {
        assert!(t.chars().count() <= limits.max_label_chars);
    }
    let _ = chart.summary(&scene);
    let _ = scene.hit(scene.width / 2.0, scene.height / 2.0);
    for i in 0..scene.items.len().min(4) {
        let _ = scene.mark_anchor(i);
    }
    let _ = stdviz::svg::to_svg(&scene);
}
