#![cfg(not(target_arch = "wasm32"))]
//! `mark.invalid` / `config.mark.invalid`: rows with null values left out, kept with lines
//! broken at them (Vega-Lite's default for lines), or drawn at zero (`"show"`), read back
//! from the SVG. All data is SYNTHETIC.

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
    let (lines, warnings) = polylines(&line_spec(r#"{"type": "line", "invalid": "filter"}"#, ""));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].len(), 4, "{lines:?}");
    assert!(
        warnings.iter().any(|w| w.contains("2 rows left out")),
        "{warnings:?}"
    );
}

/// Vega-Lite 6's default (`"break-paths-show-path-domains"`) and the explicit break-paths
/// modes break a line at its nulls, as Vega draws `line_skip_invalid_mid` of the gallery
/// (`M0,225L50,75M150,187.5ZM250,0L300,150`): no segment bridges a missing value.
#[test]
fn the_default_and_break_paths_modes_break_the_line_at_the_nulls() {
    for (mark, config) in [
        (r#""line""#, ""),
        (
            r#"{"type": "line", "invalid": "break-paths-show-domains"}"#,
            "",
        ),
        (
            r#"{"type": "line", "invalid": "break-paths-filter-domains"}"#,
            "",
        ),
        (
            r#""line""#,
            r#""config": {"mark": {"invalid": "break-paths-show-path-domains"}},"#,
        ),
    ] {
        let (lines, warnings) = polylines(&line_spec(mark, config));
        // Points 1, 2 | 4, 5: two pieces; the null at x = 10 ends the second.
        assert_eq!(lines.len(), 2, "{mark} {config}: {lines:?}");
        assert_eq!((lines[0].len(), lines[1].len()), (2, 2), "{lines:?}");
        assert!(lines[0][1].0 < lines[1][0].0, "{lines:?}");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("2 rows with null") && w.contains("breaks at them")),
            "{warnings:?}"
        );
    }
}

/// `"show"` and `null` draw every row: an invalid y where zero is (Vega-Lite's
/// "zero-or-min"), so the line does not break; with zero left out of the domain, at its
/// minimum.
#[test]
fn show_and_null_draw_invalid_values_at_zero_or_the_minimum() {
    // SYNTHETIC: a negative value puts zero inside the plot, above its bottom edge.
    let spec = |mark: &str, zero: &str| {
        format!(
            r#"{{"data": {{"values": [
                {{"x": 1, "y": 10}}, {{"x": 2, "y": -20}}, {{"x": 3, "y": null}},
                {{"x": 4, "y": 15}}, {{"x": 5, "y": 30}}]}},
              "mark": {mark},
              "encoding": {{"x": {{"field": "x", "type": "quantitative"}},
                           "y": {{"field": "y", "type": "quantitative"{zero}}}}}}}"#
        )
    };
    for mark in [
        r#"{"type": "line", "invalid": null}"#,
        r#"{"type": "line", "invalid": "show"}"#,
    ] {
        let (lines, warnings) = polylines(&spec(mark, ""));
        assert_eq!(lines.len(), 1, "{mark}: {lines:?}");
        let pts = &lines[0];
        assert_eq!(pts.len(), 5, "{pts:?}");
        // y = 0 lies between y = 10 and y = -20, in proportion.
        let (ten, minus20, null) = (pts[0].1, pts[1].1, pts[2].1);
        let expected = ten + (minus20 - ten) * 10.0 / 30.0;
        assert!(
            (null - expected).abs() < 1.0,
            "{null} vs {expected}: {pts:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("drawn at zero")),
            "{warnings:?}"
        );
    }
    // A domain that leaves zero out ([-30, -10]): at its minimum, the plot's bottom edge.
    let (lines, _) = polylines(&spec(
        r#"{"type": "line", "invalid": "show"}"#,
        r#", "scale": {"zero": false, "domain": [-30, -10]}"#,
    ));
    let pts = &lines[0];
    let bottom = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    assert_eq!(pts.len(), 5, "{pts:?}");
    assert!(
        (pts[2].1 - bottom).abs() < 0.5 && pts[2].1 > pts[0].1,
        "{pts:?}"
    );
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

/// SYNTHETIC bars coloured by a quantitative `c` that is null for the third.
fn coloured_bars(config: &str) -> String {
    format!(
        r#"{{"data": {{"values": [
            {{"a": "p", "b": 15, "c": 1}}, {{"a": "q", "b": 25, "c": 2}},
            {{"a": "r", "b": 20, "c": null}}, {{"a": "s", "b": null, "c": 2}}]}},
          {config}
          "mark": "bar",
          "encoding": {{"x": {{"field": "a", "type": "nominal"}},
                       "y": {{"field": "b", "type": "quantitative"}},
                       "color": {{"field": "c", "type": "quantitative"}}}}}}"#
    )
}

/// The fills of the SVG's bars (rects 10 to 100 px wide that are not the white
/// background; the gradient legend's stops are a pixel or two wide), left to right.
fn bar_fills(spec: &str) -> Vec<String> {
    let chart = Chart::new(spec, None).expect("valid chart");
    let svg = to_svg(&scene_at(&chart, 640.0)).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("svg parses");
    let mut bars: Vec<(f64, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| {
            let x: f64 = n.attribute("x")?.parse().ok()?;
            let w: f64 = n.attribute("width")?.parse().ok()?;
            let h: f64 = n.attribute("height")?.parse().ok()?;
            let fill = n.attribute("fill").unwrap_or_default().to_string();
            (w > 10.0 && w < 100.0 && h >= 0.0 && fill != "#FFFFFF").then_some((x, fill))
        })
        .collect();
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    bars.into_iter().map(|(_, f)| f).collect()
}

#[test]
fn config_scale_invalid_gives_a_channel_an_output_and_keeps_its_rows() {
    // Under the default mode the null colour would leave bar "r" out; with an output for
    // colour it is drawn, in that colour. The null height still leaves "s" out.
    let fills = bar_fills(&coloured_bars(
        r#""config": {"scale": {"invalid": {"color": {"value": "red"}}}},"#,
    ));
    assert_eq!(fills.len(), 3, "{fills:?}");
    assert_eq!(fills[2], "#FF0000", "{fills:?}");
    assert_ne!(fills[0], fills[1], "{fills:?}");
    let default = bar_fills(&coloured_bars(""));
    assert_eq!(default.len(), 2, "{default:?}");
    // Under "show" with no output, the null colour is the colour of the domain's minimum
    // (1: the domain [1, 2] leaves zero out), as Vega draws bar_invalid_color_show.
    let shown = bar_fills(&coloured_bars(
        r#""config": {"mark": {"invalid": "show"}},"#,
    ));
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert_eq!(shown[2], shown[0], "{shown:?}");
    for (config, path) in [
        (
            r#""config": {"scale": {"invalid": {"strokeWidth": {"value": 4}}}},"#,
            "config.scale.invalid.strokeWidth",
        ),
        (
            r#""config": {"scale": {"invalid": {"color": {"value": 3}}}},"#,
            "config.scale.invalid.color.value",
        ),
        (
            r#""config": {"scale": {"invalid": {"y": "zero"}}},"#,
            "config.scale.invalid.y",
        ),
    ] {
        let Err(err) = Chart::new(&coloured_bars(config), None) else {
            panic!("{config} is refused");
        };
        assert!(err.to_string().contains(path), "{err}");
    }
}

/// SYNTHETIC: a bar whose category is null has no band. It is not drawn, and a warning at
/// the channel says so (Vega-Lite draws a category named "null" instead).
#[test]
fn a_null_category_is_not_drawn_silently() {
    let spec = r#"{"data": {"values": [{"a": "x", "b": 3}, {"a": null, "b": 5}, {"a": "y", "b": 2}]},
        "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}"#;
    let chart = Chart::new(spec, None).expect("valid chart");
    let warnings: Vec<String> = chart.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("encoding.x") && w.contains("1 row with no value (null) in \"a\"")),
        "{warnings:?}"
    );
    assert_eq!(scene_at(&chart, 320.0).mark_count(), 2);
    let named = spec.replace(r#"{"a": null, "b": 5}"#, r#"{"a": "z", "b": 5}"#);
    let chart = Chart::new(&named, None).expect("valid chart");
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
}

/// The radii of the scene's data points, left to right.
fn point_radii(spec: &str) -> Vec<f32> {
    let chart = Chart::new(spec, None).expect("valid chart");
    let scene = scene_at(&chart, 375.0);
    let mut pts: Vec<(f32, f32)> = scene
        .groups
        .iter()
        .filter(|g| g.role == stdviz::scene::Role::Data)
        .flat_map(|g| match &g.shapes {
            stdviz::scene::Shapes::Points { x, radius, .. } => {
                x.iter().copied().zip(radius.iter().copied()).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    pts.into_iter().map(|(_, r)| r).collect()
}

/// SYNTHETIC points sized by `s`, null for the third: `config.scale.invalid.size` gives it
/// the configured area; under `"show"` it takes the size of the domain's minimum.
#[test]
fn size_shows_invalid_values_at_its_output() {
    let spec = |config: &str| {
        format!(
            r#"{{"data": {{"values": [{{"a": 1, "s": 10}}, {{"a": 2, "s": 40}}, {{"a": 3, "s": null}}]}},
              {config}
              "mark": "point",
              "encoding": {{"x": {{"field": "a", "type": "quantitative"}},
                           "size": {{"field": "s", "type": "quantitative", "scale": {{"zero": false}}}}}}}}"#
        )
    };
    assert_eq!(point_radii(&spec("")).len(), 2);
    let configured = point_radii(&spec(
        r#""config": {"scale": {"invalid": {"size": {"value": 900}}}},"#,
    ));
    assert_eq!(configured.len(), 3, "{configured:?}");
    assert!(configured[2] > configured[1], "{configured:?}");
    let shown = point_radii(&spec(r#""config": {"mark": {"invalid": "show"}},"#));
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!((shown[2] - shown[0]).abs() < 0.01, "{shown:?}");
    let err = Chart::new(
        &spec(r#""config": {"scale": {"invalid": {"size": {"value": -1}}}},"#),
        None,
    )
    .expect_err("refused");
    assert!(
        err.to_string().contains("config.scale.invalid.size.value"),
        "{err}"
    );
}
