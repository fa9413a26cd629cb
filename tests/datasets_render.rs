#![cfg(not(target_arch = "wasm32"))]
//! The top-level `datasets` (named inline data, as Altair writes every chart) and the
//! `sequence` generator, read back from the SVG; errors name the dataset.

mod common;

use common::*;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// The Yangquan figures (China Quality News, 2024-01-10) as Altair writes them: the rows
/// in `datasets`, the view naming them. `lookup` (an extra field) may name a dataset too.
const ALTAIR_STYLE: &str = r#"{
  "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
  "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
  "datasets": {
    "data-8f3a": [
      {"level": "国家标准", "count": 80}, {"level": "行业标准", "count": 37},
      {"level": "省级地方标准", "count": 8}, {"level": "市级地方标准", "count": 63}],
    "data-names": [
      {"level": "国家标准", "en": "national"}, {"level": "行业标准", "en": "industry"},
      {"level": "省级地方标准", "en": "provincial"}, {"level": "市级地方标准", "en": "municipal"}]
  },
  "data": {"name": "data-8f3a"},
  "transform": [{"lookup": "level", "from": {"data": {"name": "data-names"}, "key": "level", "fields": ["en"]}}],
  "mark": "bar",
  "encoding": {
    "x": {"field": "en", "type": "nominal", "sort": null},
    "y": {"field": "count", "type": "quantitative"}
  }
}"#;

#[test]
fn a_named_dataset_draws_as_inline_values_would() {
    let chart = Chart::new(ALTAIR_STYLE, None).expect("valid chart");
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let svg = to_svg(&scene_at(&chart, 375.0)).expect("svg");
    let mut bars: Vec<SvgShape> = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.fill == "#4C78A8" && s.height() > 0.5)
        .collect();
    bars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let heights: Vec<f64> = bars.iter().map(SvgShape::height).collect();
    assert_eq!(heights.len(), 4, "{heights:?}");
    // 80 : 37 : 8 : 63, in the data's order.
    for (h, v) in heights.iter().zip([80.0, 37.0, 8.0, 63.0]) {
        assert!((h / heights[0] - v / 80.0).abs() < 0.02, "{heights:?}");
    }
    // The looked-up English names label the bars.
    let texts = svg_texts(&svg);
    for name in ["national", "industry", "provincial", "municipal"] {
        assert!(texts.iter().any(|t| t == name), "{name}: {texts:?}");
    }
}

#[test]
fn errors_name_the_dataset_and_the_names_there_are() {
    let bad_row = ALTAIR_STYLE.replace(
        r#"{"level": "行业标准", "count": 37}"#,
        r#"{"level": "行业标准", "count": [37]}"#,
    );
    let err = Chart::new(&bad_row, None).expect_err("an array is refused");
    assert!(
        err.to_string().contains("datasets.data-8f3a[1].count"),
        "{err}"
    );
    let unknown = ALTAIR_STYLE.replace(
        r#""data": {"name": "data-8f3a"}"#,
        r#""data": {"name": "data-9999"}"#,
    );
    let err = Chart::new(&unknown, None).expect_err("an unknown name is refused");
    let message = err.to_string();
    assert!(message.contains("data.name"), "{message}");
    assert!(
        message.contains("\"data-8f3a\", \"data-names\""),
        "{message}"
    );
    assert!(message.contains("data-9999"), "{message}");
    let not_object = ALTAIR_STYLE.replacen(
        r#""datasets": {"#,
        r#""datasets": [{"x": 1}], "unused": {"#,
        1,
    );
    let err = Chart::new(&not_object, None).expect_err("datasets must be an object");
    assert!(err.to_string().contains("at datasets"), "{err}");
}

/// SYNTHETIC: a generated sequence, not data.
#[test]
fn a_sequence_generates_numbers_up_to_its_stop() {
    let spec = |seq: &str| {
        format!(
            r#"{{"data": {{"sequence": {seq}}}, "mark": "point",
                "encoding": {{"x": {{"field": "n", "type": "quantitative"}}}}}}"#
        )
    };
    let chart = Chart::new(
        &spec(r#"{"start": 0, "stop": 10, "step": 2, "as": "n"}"#),
        None,
    )
    .expect("valid chart");
    let scene = scene_at(&chart, 320.0);
    // 0, 2, 4, 6, 8: five marks; 10 is the stop, left out.
    assert_eq!(scene.mark_count(), 5);
    for (seq, path) in [
        (
            r#"{"start": 0, "stop": 10, "step": 0, "as": "n"}"#,
            "data.sequence.step",
        ),
        (r#"{"start": 0, "as": "n"}"#, "data.sequence.stop"),
        (r#"{"start": 0, "stop": 1e12, "as": "n"}"#, "data.sequence"),
    ] {
        let err = Chart::new(&spec(seq), None).expect_err("refused");
        assert!(err.to_string().contains(path), "{seq}: {err}");
    }
}

/// SYNTHETIC: numbers written as JSON texts (`"80"`) in a quantitative field are numbers,
/// as Vega-Lite's implicit parse reads them; a text that is no number keeps the error that
/// names it.
#[test]
fn numbers_written_as_text_are_numbers_in_a_quantitative_field() {
    let spec = |third: &str| {
        format!(
            r#"{{"data": {{"values": [{{"k": "a", "v": "80"}}, {{"k": "b", "v": "37"}}, {{"k": "c", "v": {third}}}]}},
              "mark": "bar",
              "encoding": {{"x": {{"field": "k", "type": "nominal"}},
                           "y": {{"field": "v", "type": "quantitative"}}}}}}"#
        )
    };
    let chart = Chart::new(&spec(r#""8""#), None).expect("valid chart");
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let svg = to_svg(&scene_at(&chart, 320.0)).expect("svg");
    let mut bars: Vec<SvgShape> = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.fill == "#4C78A8" && s.height() > 0.5)
        .collect();
    bars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let h: Vec<f64> = bars.iter().map(SvgShape::height).collect();
    assert_eq!(h.len(), 3, "{h:?}");
    assert!((h[1] / h[0] - 37.0 / 80.0).abs() < 0.02, "{h:?}");
    // A null stays missing (left out with the invalid-value warning), not an error.
    let chart = Chart::new(&spec("null"), None).expect("valid chart");
    assert_eq!(scene_at(&chart, 320.0).mark_count(), 2);
    let err = Chart::new(&spec(r#""8*""#), None).expect_err("a footnoted figure is named");
    assert!(err.to_string().contains("8*"), "{err}");
}
