#![cfg(not(target_arch = "wasm32"))]
//! `mark.invalid` / `config.mark.invalid`: rows with null values left out (the default) or
//! kept with lines broken at them, read back from the SVG. All data is SYNTHETIC.

mod common;

use common::*;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// SYNTHETIC: y is null at x = 3 and x = 10.
fn line_spec(mark: &str, config: &str) -> String {
    format!(
        r#"{{"data": {{"values": [
            {{"x": 1, "y": 10}}, {{"x": 2, "y": 30}}, {{"x": 3, "y": null}},
            {{"x": 4, "y": 15}}, {{"x": 5, "y": 30}}, {{"x": 10, "y": null}}]}},
          "mark": {mark}, {config}
          "encoding": {{"x": {{"field": "x", "type": "quantitative"}},
                       "y": {{"field": "y", "type": "quantitative"}}}}}}"#
    )
}

/// The point lists of the SVG's polylines.
fn polylines(spec: &str) -> (Vec<Vec<(f64, f64)>>, Vec<String>) {
    let chart = Chart::new(spec, None).expect("valid chart");
    let warnings = chart.warnings.iter().map(|w| w.to_string()).collect();
    let svg = to_svg(&scene_at(&chart, 640.0)).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("svg parses");
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#4C78A8"))
        .map(|n| {
            n.attribute("points")
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect()
        })
        .collect();
    (lines, warnings)
}

#[test]
fn filter_joins_the_remaining_points_and_counts_what_was_left_out() {
    let (lines, warnings) = polylines(&line_spec(r#""line""#, ""));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].len(), 4, "{lines:?}");
    assert!(
        warnings.iter().any(|w| w.contains("2 rows left out")),
        "{warnings:?}"
    );
}

#[test]
fn null_and_break_paths_modes_break_the_line_at_the_nulls() {
    for (mark, config) in [
        (r#"{"type": "line", "invalid": null}"#, ""),
        (
            r#"{"type": "line", "invalid": "break-paths-show-domains"}"#,
            "",
        ),
        (r#""line""#, r#""config": {"mark": {"invalid": "show"}},"#),
    ] {
        let (lines, warnings) = polylines(&line_spec(mark, config));
        // Points 1, 2 | 4, 5: two pieces; the null at x = 10 ends the second.
        assert_eq!(lines.len(), 2, "{mark} {config}: {lines:?}");
        assert_eq!((lines[0].len(), lines[1].len()), (2, 2), "{lines:?}");
        assert!(lines[0][1].0 < lines[1][0].0, "{lines:?}");
        assert!(
            warnings.iter().any(|w| w.contains("2 rows with null")),
            "{warnings:?}"
        );
    }
}

#[test]
fn a_mark_keeps_its_own_mode_over_config_and_bad_modes_are_errors() {
    let (lines, _) = polylines(&line_spec(
        r#"{"type": "line", "invalid": "filter"}"#,
        r#""config": {"mark": {"invalid": null}},"#,
    ));
    assert_eq!(lines.len(), 1, "{lines:?}");
    let Err(err) = Chart::new(
        &line_spec(r#"{"type": "line", "invalid": "hide"}"#, ""),
        None,
    ) else {
        panic!("an unknown mode is refused");
    };
    assert!(err.to_string().contains("mark.invalid"), "{err}");
}
