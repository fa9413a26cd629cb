#![cfg(not(target_arch = "wasm32"))]
//! Composition drawn natively: `repeat` and `resolve`, checked on the SVG's geometry.
//! All data here is SYNTHETIC (small labelled tables written for these tests).

mod common;

use common::*;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// plotters-svg writes colours as upper-case hex; Vega-Lite's default bar colour.
const BAR_FILL: &str = "#4C78A8";

fn bars(spec: &str) -> Vec<SvgShape> {
    let chart = Chart::new(spec, None).expect("valid chart");
    let svg = to_svg(&scene_at(&chart, 640.0)).expect("svg");
    let mut bars: Vec<SvgShape> = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.fill == BAR_FILL)
        .collect();
    bars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    bars
}

#[test]
fn column_repeat_draws_one_plot_per_field_side_by_side() {
    // SYNTHETIC: categories p, q with two measures a (1, 2) and b (4, 1).
    let spec = r#"{
      "data": {"values": [{"k": "p", "a": 1, "b": 4}, {"k": "q", "a": 2, "b": 1}]},
      "repeat": {"column": ["a", "b"]},
      "spec": {"mark": "bar", "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": {"repeat": "column"}, "type": "quantitative"}}}
    }"#;
    let bars = bars(spec);
    assert_eq!(bars.len(), 4, "{bars:?}");
    // The left plot reads a: q's bar twice p's; the right one reads b: p's four times q's.
    let ratio = |tall: &SvgShape, short: &SvgShape| tall.height() / short.height();
    assert!((ratio(&bars[1], &bars[0]) - 2.0).abs() < 0.05, "{bars:?}");
    assert!((ratio(&bars[2], &bars[3]) - 4.0).abs() < 0.1, "{bars:?}");
    // Side by side: the second plot starts right of the first plot's bars.
    assert!(bars[2].x0 > bars[1].x1 + 10.0, "{bars:?}");
}

#[test]
fn array_repeat_with_columns_wraps_into_rows() {
    // SYNTHETIC: three measures of one category.
    let spec = r#"{
      "data": {"values": [{"k": "p", "a": 1, "b": 2, "c": 3}]},
      "repeat": ["a", "b", "c"], "columns": 2,
      "spec": {"mark": "bar", "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": {"repeat": "repeat"}, "type": "quantitative"}}}
    }"#;
    let mut bars = bars(spec);
    assert_eq!(bars.len(), 3, "{bars:?}");
    bars.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    // Two plots in the first row, the third below them.
    let bottom = bars.iter().map(|b| b.y1).fold(f64::MIN, f64::max);
    let first_row: Vec<_> = bars.iter().filter(|b| b.y1 < bottom - 20.0).collect();
    assert_eq!(first_row.len(), 2, "{bars:?}");
}

fn facet_spec(resolve: &str) -> String {
    // SYNTHETIC: two groups whose measures differ a hundredfold.
    format!(
        r#"{{
      "data": {{"values": [
        {{"g": "small", "k": "p", "v": 5}}, {{"g": "small", "k": "q", "v": 10}},
        {{"g": "large", "k": "p", "v": 500}}, {{"g": "large", "k": "q", "v": 1000}}]}},
      "facet": {{"column": {{"field": "g", "type": "nominal", "sort": ["small", "large"]}}}},
      "spec": {{"mark": "bar", "encoding": {{
        "y": {{"field": "k", "type": "nominal"}},
        "x": {{"field": "v", "type": "quantitative"}}}}}}
      {resolve}
    }}"#
    )
}

#[test]
fn facet_with_independent_x_gives_each_cell_its_own_scale() {
    let widest = |bars: &[SvgShape]| -> (f64, f64) {
        // Cells side by side: the left half of the bars (by x) is the first cell.
        let (left, right) = bars.split_at(bars.len() / 2);
        let w = |s: &[SvgShape]| s.iter().map(SvgShape::width).fold(0.0, f64::max);
        (w(left), w(right))
    };
    let shared = bars(&facet_spec(""));
    assert_eq!(shared.len(), 4, "{shared:?}");
    let (small, large) = widest(&shared);
    assert!(small * 50.0 < large, "shared scale: {small} vs {large}");

    let independent = bars(&facet_spec(
        r#", "resolve": {"scale": {"x": "independent"}}"#,
    ));
    assert_eq!(independent.len(), 4, "{independent:?}");
    let (small, large) = widest(&independent);
    // Each cell's largest bar spans its own plot (the plots differ by a few px of tick
    // labels overhanging the end: "10" and "1,000").
    assert!(
        (small / large - 1.0).abs() < 0.05,
        "independent scales: {small} vs {large}"
    );
}

#[test]
fn resolve_asking_for_what_stdviz_cannot_draw_is_an_error_at_its_path() {
    let spec = r#"{
      "data": {"values": [{"k": "p", "a": 1, "b": 4}]},
      "layer": [
        {"mark": "bar", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "a", "type": "quantitative"}}},
        {"mark": "line", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}],
      "resolve": {"scale": {"x": "independent"}}
    }"#;
    // A layer's views may keep their own y (a dual axis: tests/dual_axis.rs), never x.
    let Err(err) = Chart::new(spec, None) else {
        panic!("independent x in a layer is refused");
    };
    assert!(err.to_string().contains("resolve.scale.x"), "{err}");
}

fn repeat_coloured(resolve: &str) -> String {
    // SYNTHETIC: two measures of three rows; the left plot's rows are groups u and v,
    // the right plot's (after its own filter) v and w.
    format!(
        r#"{{
      "data": {{"values": [
        {{"k": "p", "g": "u", "a": 1, "b": 4}}, {{"k": "q", "g": "v", "a": 2, "b": 1}},
        {{"k": "r", "g": "w", "a": 3, "b": 2}}]}},
      "hconcat": [
        {{"transform": [{{"filter": "datum.g != 'w'"}}], "mark": "bar", "encoding": {{
          "x": {{"field": "k", "type": "nominal"}},
          "y": {{"field": "a", "type": "quantitative"}},
          "color": {{"field": "g", "type": "nominal"}}}}}},
        {{"transform": [{{"filter": "datum.g != 'u'"}}], "mark": "bar", "encoding": {{
          "x": {{"field": "k", "type": "nominal"}},
          "y": {{"field": "b", "type": "quantitative"}},
          "color": {{"field": "g", "type": "nominal"}}}}}}]
      {resolve}
    }}"#
    )
}

fn legend_series(spec: &str) -> Vec<String> {
    let chart = Chart::new(spec, None).expect("valid chart");
    scene_at(&chart, 640.0)
        .legend
        .iter()
        .map(|e| e.series.clone())
        .collect()
}

fn bar_fills(spec: &str) -> Vec<String> {
    let chart = Chart::new(spec, None).expect("valid chart");
    let svg = to_svg(&scene_at(&chart, 640.0)).expect("svg");
    let mut shapes: Vec<SvgShape> = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.width() > 2.0 * 11.0 && s.width() < 200.0)
        .collect();
    shapes.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    shapes.into_iter().map(|s| s.fill).collect()
}

#[test]
fn concatenated_views_share_one_colour_scale_and_one_legend_by_default() {
    // One legend of the united domain u, v, w (not one per view).
    assert_eq!(legend_series(&repeat_coloured("")), ["u", "v", "w"]);
    // Bars left to right: u, v | v, w; v is the same colour in both views, and w the
    // third colour of the scheme (not the first, as the right view alone would give it).
    let fills = bar_fills(&repeat_coloured(""));
    assert_eq!(fills, ["#4C78A8", "#F58518", "#F58518", "#E45756"]);
    let own = bar_fills(&repeat_coloured(
        r#", "resolve": {"scale": {"color": "independent"}}"#,
    ));
    assert_eq!(own, ["#4C78A8", "#F58518", "#4C78A8", "#F58518"]);
}

#[test]
fn independent_colour_resolve_keeps_each_views_scale_and_legend() {
    let spec = repeat_coloured(r#", "resolve": {"scale": {"color": "independent"}}"#);
    // Each view's legend of its own two groups.
    assert_eq!(legend_series(&spec), ["u", "v", "v", "w"]);
    let legends = repeat_coloured(r#", "resolve": {"legend": {"color": "independent"}}"#);
    // Shared scale, a legend per view: each lists the whole domain.
    assert_eq!(legend_series(&legends), ["u", "v", "w", "u", "v", "w"]);
}

#[test]
fn a_facet_of_a_facet_is_one_grid_of_value_pairs() {
    // SYNTHETIC: two outer groups (o: x, y), inner groups (i: 1, 2) of which the pair
    // (y, 2) has no rows.
    let spec = r#"{
      "data": {"values": [
        {"o": "x", "i": 1, "v": 1}, {"o": "x", "i": 2, "v": 2},
        {"o": "y", "i": 1, "v": 3}]},
      "facet": {"column": {"field": "o", "type": "nominal"}},
      "spec": {
        "facet": {"row": {"field": "i", "type": "ordinal"}},
        "spec": {"mark": "bar", "encoding": {
          "x": {"field": "o", "type": "nominal"},
          "y": {"field": "v", "type": "quantitative"}}}}
    }"#;
    let chart = Chart::new(spec, None).expect("valid chart");
    let scene = scene_at(&chart, 640.0);
    let headers: Vec<String> = scene
        .groups
        .iter()
        .filter(|g| g.role == stdviz::scene::Role::Header)
        .flat_map(|g| match &g.shapes {
            stdviz::scene::Shapes::Texts { text, .. } => text.clone(),
            _ => Vec::new(),
        })
        .collect();
    // Rows by the inner field, columns by the outer: a 2 × 2 grid, each cell headed by
    // its row value, then its column value, one per line.
    assert_eq!(headers, ["1\nx", "1\ny", "2\nx", "2\ny"]);
    assert_eq!(bars(spec).len(), 3);
}

fn headers(spec: &str) -> Vec<String> {
    let chart = Chart::new(spec, None).expect("valid chart");
    scene_at(&chart, 640.0)
        .groups
        .iter()
        .filter(|g| g.role == stdviz::scene::Role::Header)
        .flat_map(|g| match &g.shapes {
            stdviz::scene::Shapes::Texts { text, .. } => text.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn facets_by_a_time_unit_or_bin_have_a_panel_per_unit_or_bin() {
    // SYNTHETIC dates in two years, and measures in three bins of 10.
    let by_year = r#"{
      "data": {"values": [{"d": "2020-03-01", "v": 1}, {"d": "2020-07-01", "v": 2},
                          {"d": "2021-01-05", "v": 3}]},
      "mark": "point",
      "encoding": {
        "column": {"field": "d", "timeUnit": "year"},
        "x": {"field": "v", "type": "quantitative"}}
    }"#;
    assert_eq!(headers(by_year), ["2020", "2021"]);
    let by_bin = r#"{
      "data": {"values": [{"v": 1}, {"v": 12}, {"v": 25}]},
      "mark": "point",
      "encoding": {
        "row": {"field": "v", "bin": {"step": 10}},
        "x": {"field": "v", "type": "quantitative"}}
    }"#;
    assert_eq!(headers(by_bin), ["0", "10", "20"]);
}

#[test]
fn facet_panels_are_equal_plots_on_one_scale_whatever_the_first_columns_axis() {
    // SYNTHETIC: three panels of three bars; a long y title that wraps differently in a
    // panel with and without the axis; year labels that turn in a narrow plot (at 280 px
    // the grid wraps: the second panel, alone in its column, draws the x axis).
    let spec = r#"{
      "data": {"values": [
        {"p": "A", "k": "2020", "v": 40}, {"p": "A", "k": "2022", "v": 43}, {"p": "A", "k": "2023", "v": 44},
        {"p": "B", "k": "2020", "v": 73}, {"p": "B", "k": "2022", "v": 79}, {"p": "B", "k": "2023", "v": 81},
        {"p": "C", "k": "2020", "v": 49}, {"p": "C", "k": "2022", "v": 62}, {"p": "C", "k": "2023", "v": 70}]},
      "mark": "bar",
      "encoding": {"x": {"field": "k", "type": "nominal"},
                   "y": {"field": "v", "type": "quantitative", "title": "a long title of the value axis"},
                   "column": {"field": "p"}}}"#;
    let chart = Chart::new(spec, None).expect("valid chart");
    for width in [280.0, 320.0, 640.0] {
        let svg = to_svg(&scene_at(&chart, width)).expect("svg");
        let mut bars: Vec<SvgShape> = filled_shapes(&svg)
            .into_iter()
            .filter(|s| s.fill == BAR_FILL)
            .collect();
        // Reading order: by row (baseline), then left to right.
        bars.sort_by(|a, b| a.y1.total_cmp(&b.y1).then(a.x0.total_cmp(&b.x0)));
        assert_eq!(bars.len(), 9, "{width}: {bars:?}");
        let values = [40.0, 43.0, 44.0, 73.0, 79.0, 81.0, 49.0, 62.0, 70.0];
        // One scale: height / value the same for every bar, in every panel and row (bars
        // are snapped to whole pixels: within 2 px).
        let unit = bars[0].height() / values[0];
        for (b, v) in bars.iter().zip(values) {
            assert!(
                (b.height() - v * unit).abs() < 2.0,
                "{width}: {v} drawn {}",
                b.height()
            );
        }
        // The panels of a row share their baseline.
        for row in bars.chunk_by(|a, b| (a.y1 - b.y1).abs() < 1.0) {
            assert!(
                row.len() % 3 == 0,
                "{width}: a row of whole panels {bars:?}"
            );
        }
        // Equal plots: every panel's three bars span the same width (the first panel's
        // axis is extra); bars are snapped to whole pixels.
        let spans: Vec<f64> = bars.chunks(3).map(|p| p[2].x1 - p[0].x0).collect();
        for s in &spans {
            assert!(
                (s - spans[0]).abs() <= 2.0,
                "{width}: panel spans {spans:?}"
            );
        }
    }
}
