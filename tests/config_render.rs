#![cfg(not(target_arch = "wasm32"))]
//! `config.view` drawn natively: default plot sizes and the plot's frame, read from the
//! scene. All data here is SYNTHETIC (small labelled tables written for these tests).

mod common;

use common::*;
use stdviz::scene::{Role, Shapes};
use stdviz::Chart;

const POINTS: &str = r#"{"values": [{"k": "p", "a": 1, "b": 2}, {"k": "q", "a": 3, "b": 4}, {"k": "r", "a": 2, "b": 1}]}"#;

fn scene(config: &str, mark: &str, x_type: &str) -> stdviz::scene::Scene {
    let field = if x_type == "nominal" { "k" } else { "a" };
    let spec = format!(
        r#"{{"data": {POINTS}, "mark": "{mark}", "encoding": {{
          "x": {{"field": "{field}", "type": "{x_type}"}},
          "y": {{"field": "b", "type": "quantitative"}}}},
          "config": {config}}}"#
    );
    let chart = Chart::new(&spec, None).expect("valid chart");
    scene_at(&chart, 1000.0)
}

#[test]
fn view_config_sets_the_default_plot_sizes() {
    let s = scene(
        r#"{"view": {"continuousWidth": 150, "continuousHeight": 90}}"#,
        "point",
        "quantitative",
    );
    // The plot is laid out at the configured size; the width's chrome is measured at
    // a first estimate, so it may differ by the overhang of the last tick label.
    assert!((s.plot.width - 150.0).abs() <= 10.0, "{:?}", s.plot);
    assert_eq!(s.plot.height, 90.0);
    // Three categories at a configured step of 40 px.
    let s = scene(
        r#"{"view": {"discreteWidth": {"step": 40}}}"#,
        "bar",
        "nominal",
    );
    assert_eq!(s.plot.width, 120.0);
    let s = scene(
        r#"{"view": {"width": 210, "height": 70}}"#,
        "bar",
        "nominal",
    );
    assert_eq!((s.plot.width, s.plot.height), (210.0, 70.0));
    // Without config: stdviz's own 300 px.
    let s = scene("{}", "point", "quantitative");
    assert!((s.plot.width - 300.0).abs() <= 10.0, "{:?}", s.plot);
    assert_eq!(s.plot.height, 300.0);
}

#[test]
fn view_fill_and_stroke_frame_the_plot_under_the_marks() {
    let s = scene(
        r##"{"view": {"fill": "#eeeeee", "stroke": "#333333", "strokeWidth": 2}}"##,
        "point",
        "quantitative",
    );
    let first_data = s
        .groups
        .iter()
        .position(|g| g.role == Role::Data)
        .expect("data marks");
    let fill = s.groups.iter().position(|g| {
        matches!(&g.shapes, Shapes::Rects { x, width, .. }
            if x == &vec![s.plot.x] && width == &vec![s.plot.width])
    });
    let stroke = s.groups.iter().position(|g| {
        matches!(&g.shapes, Shapes::Lines { x1, stroke_width, .. }
            if x1.len() == 4 && *stroke_width == 2.0 && x1[0] == s.plot.x)
    });
    assert!(fill.is_some_and(|f| f < first_data), "{fill:?}");
    assert!(stroke.is_some_and(|f| f < first_data), "{stroke:?}");
    // No frame unless asked for.
    let plain = scene("{}", "point", "quantitative");
    assert!(!plain
        .groups
        .iter()
        .any(|g| matches!(&g.shapes, Shapes::Lines { x1, .. } if x1.len() == 4 && x1[0] == plain.plot.x && x1[1] == plain.plot.x + plain.plot.width)));
}
