#![cfg(not(target_arch = "wasm32"))]
//! Position values in pixels (`"x": {"value": 5}`, `"width"`, `"height"`, and the mark's
//! own `x`/`y`), and records with no fields (`"values": [{}]`) that carry an annotation.
//! All data is SYNTHETIC.

mod common;

use common::*;
use stdviz::scene::{Role, Shapes};
use stdviz::Chart;

/// Bars with a reference rule at 300 and its label at the plot's right edge, as Vega-Lite's
/// gallery annotates a threshold (`layer_bar_annotations`). SYNTHETIC values.
fn annotated(label_mark: &str) -> String {
    format!(
        r#"{{"layer": [
          {{"data": {{"values": [{{"d": 1, "v": 120}}, {{"d": 2, "v": 340}}, {{"d": 3, "v": 90}}]}},
            "mark": "bar",
            "encoding": {{"x": {{"field": "d", "type": "ordinal"}}, "y": {{"field": "v", "type": "quantitative"}}}}}},
          {{"data": {{"values": [{{}}]}},
            "encoding": {{"y": {{"datum": 300}}}},
            "layer": [{{"mark": "rule"}}, {{"mark": {label_mark}}}]}}
        ]}}"#
    )
}

/// The box [left, top, right, bottom] of the first text whose content is `content`.
fn text_box(scene: &stdviz::scene::Scene, content: &str) -> Option<[f32; 4]> {
    text_boxes(scene)
        .into_iter()
        .find(|(t, _)| t == content)
        .map(|(_, b)| b)
}

#[test]
fn a_blank_record_carries_a_rule_and_a_label_at_the_plots_edge() {
    let spec = annotated(
        r#"{"type": "text", "align": "right", "baseline": "bottom", "x": "width", "text": "threshold"}"#,
    );
    let chart = Chart::new(&spec, None).expect("valid chart");
    let scene = scene_at(&chart, 375.0);
    let plot = scene.plot;
    let b = text_box(&scene, "threshold").expect("the label is drawn");
    assert!(
        (b[2] - (plot.x + plot.width)).abs() < 1.0,
        "{b:?} vs {plot:?}"
    );
    // The rule is drawn across the plot at 300, where the label sits.
    let rule_y = scene
        .groups
        .iter()
        .filter(|g| g.role == Role::Rule)
        .find_map(|g| match &g.shapes {
            Shapes::Lines { y1, .. } if !y1.is_empty() => Some(y1[0]),
            _ => None,
        })
        .expect("a rule");
    // The label's baseline is at the rule: its box ends just below it.
    assert!(
        b[1] < rule_y && (b[3] - rule_y).abs() < 6.0,
        "{rule_y} vs {b:?}"
    );
    // A number is pixels from the plot's left, not a data value on x.
    let spec = annotated(r#"{"type": "text", "align": "left", "x": 5, "text": "threshold"}"#);
    let scene = scene_at(&Chart::new(&spec, None).expect("valid chart"), 375.0);
    let b = text_box(&scene, "threshold").expect("the label is drawn");
    assert!(
        (b[0] - (scene.plot.x + 5.0)).abs() < 1.0,
        "{b:?} vs {:?}",
        scene.plot
    );
}

#[test]
fn a_value_in_a_layer_with_a_scale_is_pixels_and_bad_values_are_errors() {
    // The text layer's x value shares the bars' band scale, yet stays pixels.
    let spec = annotated(r#"{"type": "text", "text": "threshold"}"#).replace(
        r#""encoding": {"y": {"datum": 300}}"#,
        r#""encoding": {"y": {"datum": 300}, "x": {"value": "width"}}"#,
    );
    let scene = scene_at(&Chart::new(&spec, None).expect("valid chart"), 320.0);
    let b = text_box(&scene, "threshold").expect("the label is drawn");
    let centre = (b[0] + b[2]) / 2.0;
    assert!(
        (centre - (scene.plot.x + scene.plot.width)).abs() < 1.0,
        "{b:?}"
    );
    for (mark, path) in [
        (
            r#"{"type": "text", "x": "height", "text": "t"}"#,
            "layer[1].layer[1].mark.x",
        ),
        (
            r#"{"type": "text", "y": "middle", "text": "t"}"#,
            "layer[1].layer[1].mark.y",
        ),
    ] {
        let err = Chart::new(&annotated(mark), None).expect_err("refused");
        assert!(err.to_string().contains(path), "{err}");
    }
    let bad = annotated(r#"{"type": "text", "text": "t"}"#).replace(
        r#""encoding": {"y": {"datum": 300}}"#,
        r#""encoding": {"y": {"datum": 300}, "x": {"value": "height"}}"#,
    );
    let err = Chart::new(&bad, None).expect_err("refused");
    assert!(err.to_string().contains("encoding.x.value"), "{err}");
}
