#![cfg(not(target_arch = "wasm32"))]
//! `flatten` and nested objects in JSON data: records expanded as Vega expands them, read
//! back from the SVG, through inline values and a `data.url` file alike. The figures are
//! Yangquan's four levels of standards (China Quality News, 2024-01-10); the nested
//! `source` object is SYNTHETIC structure around them.

mod common;

use common::*;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// The founding figures as two arrays in one record, and one nested object.
const RECORDS: &str = r#"[{"city": "阳泉", "source": {"paper": "中国质量报", "date": "2024-01-10"},
    "level": ["国家标准", "行业标准", "省级地方标准", "市级地方标准"],
    "count": [80, 37, 8, 63]}]"#;

fn spec(data: &str) -> String {
    format!(
        r#"{{"data": {data},
            "transform": [{{"flatten": ["level", "count"]}}],
            "mark": "bar",
            "encoding": {{"x": {{"field": "level", "type": "nominal", "sort": null}},
                         "y": {{"field": "count", "type": "quantitative"}},
                         "tooltip": [{{"field": "source.paper", "type": "nominal"}}]}}}}"#
    )
}

/// Bar heights, left to right, and the SVG's texts.
fn bars(chart: &Chart) -> (Vec<f64>, Vec<String>) {
    let svg = to_svg(&scene_at(chart, 640.0)).expect("svg");
    let mut shapes: Vec<SvgShape> = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.fill == "#4C78A8")
        .collect();
    shapes.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    (
        shapes.iter().map(SvgShape::height).collect(),
        svg_texts(&svg),
    )
}

#[test]
fn flatten_gives_one_bar_per_element_inline_and_by_url() {
    let inline = Chart::new(&spec(&format!(r#"{{"values": {RECORDS}}}"#)), None).expect("inline");
    let by_url = Chart::new(&spec(r#"{"url": "yangquan.json"}"#), Some(RECORDS)).expect("url");
    for chart in [&inline, &by_url] {
        let (heights, texts) = bars(chart);
        assert_eq!(heights.len(), 4, "{heights:?}");
        // 80 : 37 : 8 : 63, in the order of the arrays.
        let unit = heights[0] / 80.0;
        for (h, v) in heights.iter().zip([80.0, 37.0, 8.0, 63.0]) {
            assert!((h - v * unit).abs() < 1.0, "{heights:?}");
        }
        for level in ["国家标准", "行业标准"] {
            assert!(texts.iter().any(|t| t.contains(level)), "{texts:?}");
        }
    }
}

#[test]
fn nested_fields_are_read_by_their_dotted_names() {
    let chart = Chart::new(&spec(&format!(r#"{{"values": {RECORDS}}}"#)), None).unwrap();
    let scene = scene_at(&chart, 640.0);
    let tips: Vec<String> = scene
        .items
        .iter()
        .map(|i| format!("{:?}", i.fields))
        .collect();
    assert_eq!(tips.len(), 4, "{tips:?}");
    assert!(tips.iter().all(|t| t.contains("中国质量报")), "{tips:?}");
}

#[test]
fn flatten_where_it_cannot_apply_is_an_error_at_its_path() {
    let values = format!(r#"{{"values": {RECORDS}}}"#);
    let cases = [
        // After another transform: the table already holds no arrays.
        (
            format!(
                r#"{{"data": {values}, "transform": [{{"filter": "true"}}, {{"flatten": ["level"]}}],
                    "mark": "bar", "encoding": {{"x": {{"field": "level", "type": "nominal"}}}}}}"#
            ),
            "transform[1].flatten",
        ),
        // In a layer whose data is its parent's.
        (
            r#"{"data": {"values": [{"level": "国家标准"}]}, "layer": [{"transform": [{"flatten": ["level"]}],
                    "mark": "bar", "encoding": {"x": {"field": "level", "type": "nominal"}}}]}"#
                .to_string(),
            "layer[0].transform[0].flatten",
        ),
        // More names than fields.
        (
            format!(
                r#"{{"data": {values}, "transform": [{{"flatten": ["level"], "as": ["a", "b"]}}],
                    "mark": "bar", "encoding": {{"x": {{"field": "a", "type": "nominal"}}}}}}"#
            ),
            "transform[0].as",
        ),
        // CSV has no arrays.
        (
            r#"{"data": {"url": "t.csv"}, "transform": [{"flatten": ["level"]}],
                "mark": "bar", "encoding": {"x": {"field": "level", "type": "nominal"}}}"#
                .to_string(),
            "data.format.type",
        ),
        // Without flatten, an array is an error naming its record and field.
        (
            format!(
                r#"{{"data": {values}, "mark": "bar",
                    "encoding": {{"x": {{"field": "city", "type": "nominal"}}}}}}"#
            ),
            "data.values[0].level",
        ),
    ];
    for (spec, at) in cases {
        let err = Chart::new(&spec, Some("level\n国家标准\n"))
            .err()
            .unwrap_or_else(|| panic!("{at}: expected an error"))
            .to_string();
        assert!(err.contains(&format!("at {at}:")), "{at}: {err}");
    }
}
