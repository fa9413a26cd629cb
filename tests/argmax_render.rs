#![cfg(not(target_arch = "wasm32"))]
//! `argmin`/`argmax` (issue #18) in an encoding (`{"argmax": "field"}`) and in the
//! aggregate and joinaggregate transforms (the whole row, read back as `as['field']`),
//! and Vega-Lite's default titles of aggregates (`average` stays "Average of"). Drawn to
//! SVG and read back. All data here is SYNTHETIC (a small table written for these tests).

mod common;

use common::{filled_shapes, svg_texts};
use stdviz::Chart;

/// SYNTHETIC rows: per group g, a score and the budget of that row. Group p's highest
/// score (9) has budget 30 and its lowest (1) budget 50; group q's highest (7) budget 80,
/// lowest (2) budget 10.
const ROWS: &str = r#"{"values": [
  {"g": "p", "score": 1, "budget": 50, "name": "p-low"},
  {"g": "p", "score": 9, "budget": 30, "name": "p-high"},
  {"g": "p", "score": 4, "budget": 90, "name": "p-mid"},
  {"g": "q", "score": 7, "budget": 80, "name": "q-high"},
  {"g": "q", "score": 2, "budget": 10, "name": "q-low"}
]}"#;

fn svg(spec: &str) -> String {
    common::svg_at(spec, 480.0)
}

/// The widths of the bars (filled shapes of the default bar colour), top to bottom.
fn bar_widths(svg: &str) -> Vec<f64> {
    let mut bars: Vec<_> = filled_shapes(svg)
        .into_iter()
        .filter(|s| s.fill.eq_ignore_ascii_case("#4C78A8"))
        .collect();
    bars.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    bars.iter().map(|b| b.width()).collect()
}

fn bars_spec(x: &str, transform: &str) -> String {
    format!(
        r#"{{"data": {ROWS}, "transform": [{transform}], "mark": "bar",
        "encoding": {{"x": {x}, "y": {{"field": "g", "type": "nominal"}}}}}}"#
    )
}

#[test]
fn encoding_argmax_draws_the_field_of_the_row_where_the_other_is_greatest() {
    let out = svg(&bars_spec(
        r#"{"aggregate": {"argmax": "score"}, "field": "budget", "type": "quantitative"}"#,
        "",
    ));
    let w = bar_widths(&out);
    assert_eq!(w.len(), 2, "{w:?}");
    // p: budget 30 (score 9); q: budget 80 (score 7).
    assert!((w[1] / w[0] - 80.0 / 30.0).abs() < 0.02, "{w:?}");
    // Vega-Lite's default title.
    let texts = svg_texts(&out).join(" ");
    assert!(texts.contains("budget for max score"), "{texts}");

    let out = svg(&bars_spec(
        r#"{"aggregate": {"argmin": "score"}, "field": "budget", "type": "quantitative"}"#,
        "",
    ));
    let w = bar_widths(&out);
    // p: budget 50 (score 1); q: budget 10 (score 2).
    assert!((w[0] / w[1] - 5.0).abs() < 0.05, "{w:?}");
    assert!(svg_texts(&out).join(" ").contains("budget for min score"));
}

#[test]
fn the_aggregate_transforms_argmax_gives_the_whole_row() {
    let out = svg(&bars_spec(
        r#"{"field": "best['budget']", "type": "quantitative"}"#,
        r#"{"aggregate": [{"op": "argmax", "field": "score", "as": "best"}], "groupby": ["g"]}"#,
    ));
    let w = bar_widths(&out);
    assert!((w[1] / w[0] - 80.0 / 30.0).abs() < 0.02, "{w:?}");
    // Titled by the field as written, as Vega-Lite titles it.
    assert!(svg_texts(&out).iter().any(|t| t == "best['budget']"));
    // joinaggregate: every row gains its group's picked row; text fields too.
    let spec = format!(
        r#"{{"data": {ROWS}, "transform": [
          {{"joinaggregate": [{{"op": "argmin", "field": "score", "as": "worst"}}], "groupby": ["g"]}},
          {{"filter": "datum.name == datum['worst.name']"}}],
        "mark": "bar",
        "encoding": {{"x": {{"field": "worst.budget", "type": "quantitative"}},
                     "y": {{"field": "worst.name", "type": "nominal"}}}}}}"#
    );
    let out = svg(&spec);
    let texts = svg_texts(&out);
    assert!(texts.iter().any(|t| t == "p-low") && texts.iter().any(|t| t == "q-low"));
    assert!(!texts.iter().any(|t| t == "p-high"), "{texts:?}");
}

#[test]
fn average_is_titled_average_and_mean_is_titled_mean() {
    for (op, title) in [("average", "Average of budget"), ("mean", "Mean of budget")] {
        let out = svg(&bars_spec(
            &format!(r#"{{"aggregate": "{op}", "field": "budget", "type": "quantitative"}}"#),
            "",
        ));
        let texts = svg_texts(&out).join(" ");
        assert!(texts.contains(title), "{op}: {texts}");
        // Both compute the mean: p (50 + 30 + 90) / 3, q (80 + 10) / 2.
        let w = bar_widths(&out);
        assert!((w[0] / w[1] - (170.0 / 3.0) / 45.0).abs() < 0.02, "{w:?}");
    }
}

#[test]
fn bad_arg_aggregates_are_errors_at_their_path() {
    let err = |spec: &str| match Chart::new(spec, None) {
        Ok(_) => panic!("accepted: {spec}"),
        Err(e) => e.to_string(),
    };
    let e = err(&bars_spec(
        r#"{"aggregate": {"argmax": 3}, "field": "budget", "type": "quantitative"}"#,
        "",
    ));
    assert!(e.contains("encoding.x.aggregate.argmax"), "{e}");
    let e = err(&bars_spec(
        r#"{"aggregate": {"argbest": "score"}, "field": "budget", "type": "quantitative"}"#,
        "",
    ));
    assert!(
        e.contains("encoding.x.aggregate") && e.contains("argmax"),
        "{e}"
    );
    let e = err(&bars_spec(
        r#"{"aggregate": {"argmax": "nope"}, "field": "budget", "type": "quantitative"}"#,
        "",
    ));
    assert!(e.contains("encoding.x.aggregate.argmax"), "{e}");
    let e = err(&bars_spec(
        r#"{"field": "best", "type": "quantitative"}"#,
        r#"{"aggregate": [{"op": "argbest", "field": "score", "as": "best"}], "groupby": ["g"]}"#,
    ));
    assert!(
        e.contains("transform[0].aggregate[0].op") && e.contains("argmin, argmax"),
        "{e}"
    );
}
