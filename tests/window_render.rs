#![cfg(all(not(target_arch = "wasm32"), feature = "full"))]
//! Vega's value window ops (issue #18) drawn: a waterfall's `lead` and a change from the
//! year before by `lag`, read back from the SVG. All data here is SYNTHETIC.

mod common;

use common::{filled_shapes, svg_texts};
use stdviz::Chart;

fn svg(spec: &str) -> String {
    common::svg_at(spec, 400.0)
}

#[test]
fn lag_draws_the_change_from_the_row_before() {
    // SYNTHETIC yearly totals 10, 40, 30, 60: changes +30, −10, +30 (the first has none).
    let spec = r#"{"data": {"values": [{"y": 2020, "n": 10}, {"y": 2021, "n": 40},
                                       {"y": 2022, "n": 30}, {"y": 2023, "n": 60}]},
      "transform": [
        {"window": [{"op": "lag", "field": "n", "as": "before"}], "sort": [{"field": "y"}]},
        {"filter": "datum.before != null"},
        {"calculate": "datum.n - datum.before", "as": "change"}],
      "mark": "bar",
      "encoding": {"x": {"field": "y", "type": "ordinal"}, "y": {"field": "change", "type": "quantitative"}}}"#;
    let out = svg(spec);
    let mut bars: Vec<_> = filled_shapes(&out)
        .into_iter()
        .filter(|s| s.fill.eq_ignore_ascii_case("#4C78A8"))
        .collect();
    bars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    assert_eq!(bars.len(), 3, "{bars:?}");
    let h: Vec<f64> = bars.iter().map(|b| b.height()).collect();
    assert!((h[0] / h[1] - 3.0).abs() < 0.05, "{h:?}");
    assert!((h[0] - h[2]).abs() < 0.5, "{h:?}");
    // The −10 bar hangs below the zero line the +30 bars stand on.
    assert!((bars[1].y0 - bars[0].y1).abs() < 0.5, "{bars:?}");
    let texts = svg_texts(&out);
    assert!(!texts.iter().any(|t| t == "2020"), "{texts:?}");
}

#[test]
fn lead_names_the_next_step_of_a_waterfall() {
    let spec = r#"{"data": {"values": [{"l": "Begin", "a": 5}, {"l": "Jan", "a": 2}, {"l": "End", "a": 0}]},
      "transform": [
        {"window": [{"op": "lead", "field": "l", "as": "next"}]},
        {"calculate": "datum.next === null ? datum.l : datum.l + '→' + datum.next", "as": "step"}],
      "mark": "bar",
      "encoding": {"x": {"field": "step", "type": "nominal", "sort": null},
                   "y": {"field": "a", "type": "quantitative"}}}"#;
    let texts = svg_texts(&svg(spec));
    for step in ["Begin→Jan", "Jan→End", "End"] {
        assert!(texts.iter().any(|t| t == step), "{step}: {texts:?}");
    }
}

/// SYNTHETIC: an encoding's impute with a `keyvals` sequence adds the keys it names, and
/// a `frame` averages the rows around the missing one; bad frames are errors at their path.
#[test]
fn impute_takes_a_keyvals_sequence_and_a_frame() {
    let spec = |impute: &str| {
        format!(
            r#"{{"data": {{"values": [{{"a": 0, "b": 10}}, {{"a": 1, "b": 20}}, {{"a": 3, "b": 40}}]}},
              "mark": "point",
              "encoding": {{"x": {{"field": "a", "type": "quantitative"}},
                           "y": {{"field": "b", "type": "quantitative", "impute": {impute}}}}}}}"#
        )
    };
    // Keys 0..5 by 1: 2 and 4 are added (and 0, 1, 3 kept): five points.
    let chart = Chart::new(
        &spec(r#"{"value": 0, "keyvals": {"start": 0, "stop": 5}}"#),
        None,
    )
    .expect("valid chart");
    assert_eq!(common::scene_at(&chart, 320.0).mark_count(), 5);
    for (impute, path) in [
        (r#"{"method": "mean", "frame": [1, 2]}"#, "impute.frame[0]"),
        (r#"{"method": "mean", "frame": [-1]}"#, "impute.frame"),
        (
            r#"{"keyvals": {"start": 0, "stop": 5, "step": 0}}"#,
            "impute.keyvals.step",
        ),
    ] {
        let err = Chart::new(&spec(impute), None).expect_err("refused");
        assert!(err.to_string().contains(path), "{impute}: {err}");
    }
    Chart::new(&spec(r#"{"method": "mean", "frame": [-1, 1]}"#), None).expect("a frame");
}
