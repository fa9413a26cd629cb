#![cfg(not(target_arch = "wasm32"))]
//! A layer's shared encoding merged into its layers as Vega-Lite merges it: a layer's field
//! definition keeps the shared definition's other properties. Read back from the SVG.

mod common;

use common::*;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// The Yangquan figures (China Quality News, 2024-01-10) as bars with labels, the y title
/// and type given once in the shared encoding: each layer names only its field.
const SHARED: &str = r#"{
  "data": {"values": [
    {"level": "国家标准", "count": 80}, {"level": "行业标准", "count": 37},
    {"level": "省级地方标准", "count": 8}, {"level": "市级地方标准", "count": 63}]},
  "encoding": {
    "x": {"field": "level", "type": "nominal", "sort": null, "title": null},
    "y": {"type": "quantitative", "title": "标准数(项)", "scale": {"domain": [0, 100]}}
  },
  "layer": [
    {"mark": "bar", "encoding": {"y": {"field": "count"}}},
    {"mark": {"type": "text", "dy": -8}, "encoding": {"y": {"field": "count"}, "text": {"field": "count", "type": "quantitative"}}}
  ]
}"#;

#[test]
fn a_layers_field_keeps_the_shared_title_type_and_scale() {
    let chart = Chart::new(SHARED, None).expect("valid chart");
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let svg = to_svg(&scene_at(&chart, 375.0)).expect("svg");
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t == "标准数(项)"), "{texts:?}");
    // The shared domain [0, 100] reaches the bars: ticks up to 100, and the tallest bar
    // (80) is 0.8 of the plot's height, not all of it.
    assert!(texts.iter().any(|t| t == "100"), "{texts:?}");
    for label in ["80", "37", "8", "63"] {
        assert!(texts.iter().any(|t| t == label), "{label}: {texts:?}");
    }
}

#[test]
fn a_layers_value_replaces_the_shared_definition_and_warnings_name_the_shared_path() {
    // The shared colour is a field; the text layer's own colour value replaces it. An
    // unknown property of the shared y is a warning at the shared encoding, once.
    let spec = SHARED
        .replace(
            r#""scale": {"domain": [0, 100]}}"#,
            r#""scale": {"domain": [0, 100]}, "unknownThing": 1}, "color": {"field": "level", "type": "nominal", "legend": null}"#,
        )
        .replace(
            r#""text": {"field": "count", "type": "quantitative"}}"#,
            r#""text": {"field": "count", "type": "quantitative"}, "color": {"value": "black"}}"#,
        );
    let chart = Chart::new(&spec, None).expect("valid chart");
    let paths: Vec<&str> = chart.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["encoding.y.unknownThing"], "{:?}", chart.warnings);
    let svg = to_svg(&scene_at(&chart, 375.0)).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("svg parses");
    let label_fills: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && text_of(*n) == "37")
        .filter_map(|n| n.attribute("fill"))
        .collect();
    assert_eq!(label_fills, ["#000000"], "{label_fills:?}");
    // A bad shared property is an error at the shared path.
    let bad = SHARED.replace(r#""title": "标准数(项)""#, r#""title": 5"#);
    let err = Chart::new(&bad, None).expect_err("a number title is refused");
    assert!(err.to_string().contains("at encoding.y.title"), "{err}");
}

/// A shared definition without a field reaches only the layers that complete it: a layer
/// that names no field for the channel draws without it (Vega-Lite drops a channel
/// definition without data), here a label placed by the mark's own `y` (its `x: null`
/// removes the shared x).
#[test]
fn a_shared_definition_without_a_field_is_left_out_of_a_layer_that_gives_none() {
    let spec = SHARED.replace(
        r#"{"mark": {"type": "text", "dy": -8}, "encoding": {"y": {"field": "count"}, "text": {"field": "count", "type": "quantitative"}}}"#,
        r#"{"mark": {"type": "text", "dy": -8}, "encoding": {"y": {"field": "count"}, "text": {"field": "count", "type": "quantitative"}}},
           {"data": {"values": [{}]}, "encoding": {"x": null}, "mark": {"type": "text", "x": 0, "y": 0, "align": "left", "text": "项"}}"#,
    );
    assert_ne!(spec, SHARED, "the layer was added");
    let chart = Chart::new(&spec, None).expect("valid chart");
    let svg = to_svg(&scene_at(&chart, 375.0)).expect("svg");
    assert!(svg_texts(&svg).iter().any(|t| t == "项"), "{svg}");
}
