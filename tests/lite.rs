//! The lite and the full chart engine (cargo feature `full`; ARCHITECTURE.md, "lite and
//! full"). Every page spec and example either draws in the lite build exactly as the full
//! build draws it (its reviewed golden SVG in `tests/golden/`, written by the full build)
//! or answers `Error::NeedsFull` naming the part it needs; then stdviz.js draws it with
//! the full wasm. Run both ways:
//!
//! ```text
//! cargo test --test lite                                   # full (default features)
//! cargo test --test lite --no-default-features             # lite, as the chart wasm
//! ```
#![cfg(not(target_arch = "wasm32"))]

mod common;

use stdviz::error::Error;
use stdviz::layout::Viewport;
use stdviz::Chart;

/// The spec's SVG at the golden tests' width, or the core's error.
fn render(spec_text: &str) -> Result<String, Error> {
    let www = common::www();
    let chart = Chart::with_files(spec_text, &|url| std::fs::read(www.join(url)).ok())?;
    let scene = chart.scene(Viewport {
        width: 640.0,
        height: None,
    })?;
    stdviz::svg::to_svg(&scene)
}

#[test]
fn every_spec_draws_as_the_full_build_does_or_names_the_part_it_needs() {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let specs = common::spec_files();
    assert!(specs.len() >= 10, "found only {} specs", specs.len());
    let mut drawn = 0;
    let mut needs_full = Vec::new();
    for spec in &specs {
        let name = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
        let text = std::fs::read_to_string(spec).expect("spec");
        match render(&text) {
            Ok(svg) => {
                let want = std::fs::read_to_string(golden.join(format!("{name}.svg")))
                    .expect("golden SVG (cargo test --test golden writes it)");
                assert!(
                    svg == want,
                    "{name}: the {} build draws it differently from its golden SVG",
                    if cfg!(feature = "full") {
                        "full"
                    } else {
                        "lite"
                    }
                );
                drawn += 1;
            }
            Err(Error::NeedsFull { path, what }) => {
                if cfg!(feature = "full") {
                    panic!("{name}: the full build answered NeedsFull ({what} at {path})");
                }
                assert!(!what.is_empty() && !path.is_empty(), "{name}: unnamed part");
                needs_full.push(format!("{name}: {what} at {path}"));
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    eprintln!(
        "{drawn} of {} specs drawn by this build; needing the full build: {needs_full:?}",
        specs.len()
    );
    // The founding chart is the lite build's reason to be.
    let founding = std::fs::read_to_string(common::www().join("specs/standards-by-level-bar.json"))
        .expect("founding spec");
    assert!(
        render(&founding).is_ok(),
        "the founding bar chart must draw in every build"
    );
}

/// Synthetic rows (labelled so: not real figures) with one transform or expression of
/// the full build's each.
const FULL_ONLY: [(&str, &str); 8] = [
    (r#"{"window": [{"op": "rank", "as": "r"}]}"#, "window"),
    (
        r#"{"extent": "v", "param": "e"}, {"calculate": "datum.v - e[0]", "as": "w"}"#,
        "extent",
    ),
    (
        r#"{"density": "v", "groupby": ["k"], "as": ["v", "d"]}"#,
        "density",
    ),
    (
        r#"{"pivot": "k", "value": "v", "groupby": ["k"]}, {"calculate": "datum.a", "as": "v"}"#,
        "pivot",
    ),
    (r#"{"impute": "v", "key": "k", "value": 0}"#, "impute"),
    (
        r#"{"lookup": "k", "from": {"data": {"values": [{"k": "a", "w": 1}]}, "key": "k", "fields": ["w"]}}"#,
        "lookup",
    ),
    (
        r#"{"calculate": "round(datum.v)", "as": "r"}"#,
        "expression functions",
    ),
    (r#"{"filter": "abs(datum.v) > 1"}"#, "expression functions"),
];

fn synthetic_spec(transform: &str) -> String {
    format!(
        r#"{{"description": "synthetic test data",
            "data": {{"values": [{{"k": "a", "v": 1}}, {{"k": "b", "v": 2}}]}},
            "transform": [{transform}],
            "mark": "bar",
            "encoding": {{"x": {{"field": "k", "type": "nominal"}},
                          "y": {{"field": "v", "type": "quantitative"}}}}}}"#
    )
}

#[test]
fn the_full_builds_parts_answer_needs_full_in_lite_and_draw_in_full() {
    for (transform, part) in FULL_ONLY {
        let spec = synthetic_spec(transform);
        let got = Chart::new(&spec, None);
        if cfg!(feature = "full") {
            assert!(got.is_ok(), "{transform}: {:?}", got.err());
        } else {
            match got {
                Err(Error::NeedsFull { path, what }) => {
                    assert!(what.contains(part), "{transform}: named {what}");
                    assert!(path.starts_with("transform[0]"), "{transform}: at {path}");
                }
                other => panic!("{transform}: expected NeedsFull, got {other:?}"),
            }
            assert!(
                Chart::data_urls(&spec).is_err(),
                "{transform}: data_urls must answer NeedsFull too (stdviz.js asks it first)"
            );
        }
    }
    // `if` and plain arithmetic stay in the lite build.
    let plain = synthetic_spec(r#"{"calculate": "if(datum.v > 1, datum.v * 2, 0)", "as": "r"}"#);
    assert!(Chart::new(&plain, None).is_ok());
}

#[test]
fn impute_on_a_channel_needs_the_full_build() {
    let spec = r#"{"data": {"values": [{"k": "a", "v": 1, "c": "x"}]}, "mark": "line",
        "encoding": {"x": {"field": "k", "type": "nominal"},
                     "y": {"field": "v", "type": "quantitative", "impute": {"value": 0}},
                     "color": {"field": "c", "type": "nominal"}}}"#;
    match Chart::new(spec, None) {
        Ok(_) if !cfg!(feature = "full") => panic!("the lite build drew an impute"),
        Ok(_) => {}
        Err(Error::NeedsFull { what, path }) => {
            if cfg!(feature = "full") {
                panic!("the full build answered NeedsFull");
            }
            assert_eq!(what, "impute on a channel");
            assert_eq!(path, "encoding.y.impute");
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn symbol_dash_and_width_channels_need_the_full_build() {
    // SYNTHETIC rows; each spec uses one part `layout::channels` draws.
    let cases = [
        (
            r#""mark": "point", "encoding": {"x": {"field": "k", "type": "nominal"}, "shape": {"field": "c", "type": "nominal"}}"#,
            "encoding.shape",
            "shape channel",
        ),
        (
            r#""mark": "line", "encoding": {"x": {"field": "k", "type": "nominal"}, "strokeDash": {"field": "c", "type": "nominal"}}"#,
            "encoding.strokeDash",
            "strokeDash channel",
        ),
        (
            r#""mark": "line", "encoding": {"x": {"field": "k", "type": "nominal"}, "strokeWidth": {"field": "v", "type": "quantitative"}}"#,
            "encoding.strokeWidth",
            "strokeWidth channel",
        ),
        (
            r#""mark": {"type": "line", "strokeDash": [4, 2]}, "encoding": {"x": {"field": "k", "type": "nominal"}}"#,
            "mark.strokeDash",
            "strokeDash",
        ),
        (
            r#""mark": {"type": "point", "shape": "diamond"}, "encoding": {"x": {"field": "k", "type": "nominal"}}"#,
            "mark.shape",
            "shape",
        ),
        (
            r#""mark": "trail", "encoding": {"x": {"field": "k", "type": "nominal"}}"#,
            "mark",
            "trail mark",
        ),
    ];
    for (body, at, part) in cases {
        let spec = format!(r#"{{"data": {{"values": [{{"k": "a", "v": 1, "c": "x"}}]}}, {body}}}"#);
        match Chart::new(&spec, None) {
            Ok(_) if !cfg!(feature = "full") => panic!("the lite build drew {part}"),
            Ok(_) => {}
            Err(Error::NeedsFull { what, path }) => {
                if cfg!(feature = "full") {
                    panic!("the full build answered NeedsFull for {part}");
                }
                assert!(what.contains(part), "{at}: named {what}");
                assert_eq!(path, at);
                assert!(
                    Chart::data_urls(&spec).is_err(),
                    "{at}: data_urls answers too"
                );
            }
            Err(e) => panic!("{at}: {e}"),
        }
    }
    // The colour aliases and a square point stay in the lite build.
    let lite = r#"{"data": {"values": [{"k": "a", "v": 1}]}, "mark": "square",
        "encoding": {"x": {"field": "k", "type": "nominal"}, "fill": {"field": "k", "type": "nominal"}}}"#;
    assert!(Chart::new(lite, None).is_ok());
}

/// Synthetic specs (labelled so: not real figures) that use one of the view-level parts
/// of the full build: a composite mark, a repeat, a concat in columns, the table form,
/// params (a selection here), CSV data.
const FULL_ONLY_VIEWS: [(&str, &str, &str); 10] = [
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": ["a", "b"], "v": [1, 3]}]},
            "transform": [{"flatten": ["k", "v"]}],
            "mark": "bar",
            "encoding": {"x": {"field": "k", "type": "nominal"},
                         "y": {"field": "v", "type": "quantitative"}}}"#,
        "flatten",
        "transform[0]",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": "a", "v": 1}, {"k": "a", "v": 3}]},
            "mark": "boxplot",
            "encoding": {"x": {"field": "k", "type": "nominal"},
                         "y": {"field": "v", "type": "quantitative"}}}"#,
        "composite marks",
        "mark",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": "a", "v": 1, "w": 2}]},
            "repeat": ["v", "w"],
            "spec": {"mark": "bar",
                     "encoding": {"x": {"field": "k", "type": "nominal"},
                                  "y": {"field": {"repeat": "repeat"}, "type": "quantitative"}}}}"#,
        "repeat",
        "repeat",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": "a", "v": 1}]},
            "columns": 1,
            "concat": [{"mark": "bar", "encoding": {"x": {"field": "k", "type": "nominal"},
                                                    "y": {"field": "v", "type": "quantitative"}}},
                       {"mark": "point", "encoding": {"x": {"field": "k", "type": "nominal"},
                                                      "y": {"field": "v", "type": "quantitative"}}}]}"#,
        "concat with columns",
        "columns",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": "a", "v": 1}]},
            "mark": "bar",
            "encoding": {"x": {"field": "k", "type": "nominal"},
                         "y": {"field": "v", "type": "quantitative"}},
            "usermeta": {"stdviz": {"form": "table"}}}"#,
        "the table form",
        "usermeta.stdviz.form",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": "a", "v": 1}]},
            "params": [{"name": "pick", "select": "point"}],
            "mark": "bar",
            "encoding": {"x": {"field": "k", "type": "nominal"},
                         "y": {"field": "v", "type": "quantitative"}}}"#,
        "params",
        "params",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": "k,v\na,1\nb,2\n", "format": {"type": "csv"}},
            "mark": "bar",
            "encoding": {"x": {"field": "k", "type": "nominal"},
                         "y": {"field": "v", "type": "quantitative"}}}"#,
        "CSV",
        "data.format",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"k": "a", "v": 1}, {"k": "b", "v": 5}]},
            "mark": "point",
            "encoding": {"x": {"field": "k", "type": "nominal"},
                         "color": {"field": "v", "type": "quantitative",
                                   "scale": {"type": "quantize"}}}}"#,
        "quantize",
        "encoding.color.scale.type",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": {"type": "Feature", "properties": {"k": "a"},
                     "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}},
            "mark": "geoshape"}"#,
        "maps",
        "data.values",
    ),
    (
        r#"{"description": "synthetic test data",
            "data": {"values": [{"lon": 1, "lat": 2}]},
            "projection": {"type": "mercator"},
            "mark": "circle",
            "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                         "latitude": {"field": "lat", "type": "quantitative"}}}"#,
        "maps",
        "projection",
    ),
];

#[test]
fn composite_marks_repeat_the_table_form_params_and_csv_need_the_full_build() {
    for (spec, part, at) in FULL_ONLY_VIEWS {
        let got = Chart::new(spec, None);
        if cfg!(feature = "full") {
            assert!(got.is_ok(), "{part}: {:?}", got.err());
            continue;
        }
        match got {
            Err(Error::NeedsFull { path, what }) => {
                assert!(what.contains(part), "{part}: named {what}");
                assert_eq!(path, at, "{part}");
            }
            other => panic!("{part}: expected NeedsFull, got {other:?}"),
        }
        assert!(
            matches!(Chart::data_urls(spec), Err(Error::NeedsFull { .. })),
            "{part}: data_urls must answer NeedsFull too (stdviz.js asks it first)"
        );
    }
}
