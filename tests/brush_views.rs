#![cfg(not(target_arch = "wasm32"))]
//! Interval selections in charts of several plots, as Vega-Lite defines them: the brush
//! belongs to the view whose `params` define it — drawn and dragged in that plot only —
//! and every other view reads its value (`filter`, `condition`, `scale.domain:
//! {"param": …}`, the overview + detail pattern). Driven through `interact::step` and
//! read back from the scene and the SVG. The data are SYNTHETIC.

mod common;

use stdviz::interact::{Event, Key, PointerKind, State, Target};
use stdviz::layout::Viewport;
use stdviz::scene::{Rect, Scene};
use stdviz::spec::{Extent, SelectionValue};
use stdviz::svg::to_svg;
use stdviz::Chart;

use common::{brush_rects, drag};

/// SYNTHETIC: twelve points, t = 1…12.
const DATA: &str = r#"[{"t":1,"v":3},{"t":2,"v":5},{"t":3,"v":4},{"t":4,"v":8},{"t":5,"v":6},{"t":6,"v":9},{"t":7,"v":7},{"t":8,"v":11},{"t":9,"v":10},{"t":10,"v":12},{"t":11,"v":9},{"t":12,"v":13}]"#;

const VIEW: Viewport = Viewport {
    width: 480.0,
    height: None,
};

/// A detail view over an overview that defines the brush (Vega-Lite's
/// `interactive_overview_detail`, with points).
fn overview_detail() -> Chart {
    let s = format!(
        r#"{{"data": {{"values": {DATA}}}, "vconcat": [
          {{"mark": "point", "encoding": {{
            "x": {{"field": "t", "type": "quantitative", "scale": {{"domain": {{"param": "brush"}}}}}},
            "y": {{"field": "v", "type": "quantitative"}}}}}},
          {{"height": 60, "mark": "point",
            "params": [{{"name": "brush", "select": {{"type": "interval", "encodings": ["x"]}}}}],
            "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}}}}}}]}}"#
    );
    Chart::new(&s, None).expect("valid chart")
}

/// Runs `events` from `state` as the browser glue does: a new layout whenever the view
/// changed.
fn drive_from(chart: &Chart, state: State, events: &[Event]) -> (State, Scene) {
    common::drive_from(chart, VIEW, state, events)
}

fn drive(chart: &Chart, events: &[Event]) -> (State, Scene) {
    drive_from(chart, State::with_params(&chart.spec.params), events)
}

/// The continuous x domain and pixel of value `t` in plot `k`.
fn x_of(scene: &Scene, k: usize) -> stdviz::scene::ZoomAxis {
    scene.brush_plots[k]
        .x
        .as_ref()
        .and_then(|a| a.continuous())
        .expect("a continuous x")
}

/// The selection `name`'s extents by field.
fn extents(state: &State, name: &str) -> Vec<(String, Extent)> {
    match state.view.selections.iter().find(|(n, _)| n == name) {
        Some((_, SelectionValue::Interval(r))) => r.clone(),
        other => panic!("no interval {name}: {other:?}"),
    }
}

fn range_of(state: &State, name: &str, field: &str) -> (f64, f64) {
    match extents(state, name).into_iter().find(|(f, _)| f == field) {
        Some((_, Extent::Range(a, b))) => (a, b),
        other => panic!("no range over {field}: {other:?}"),
    }
}

fn svg_doc(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("SVG is XML")
}

/// The point marks of the SVG: label and centre.
fn points(svg: &str) -> Vec<(String, f32, f32)> {
    let doc = svg_doc(svg);
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("m"))
        .filter_map(|g| {
            let c = g.descendants().find(|n| n.tag_name().name() == "circle")?;
            let num = |a: &str| c.attribute(a)?.parse::<f32>().ok();
            Some((
                g.attribute("data-label")?.to_string(),
                num("cx")?,
                num("cy")?,
            ))
        })
        .collect()
}

fn inside(r: &Rect, x: f32, y: f32) -> bool {
    x >= r.x - 1.0 && x <= r.x + r.width + 1.0 && y >= r.y - 1.0 && y <= r.y + r.height + 1.0
}

#[test]
fn a_drag_in_the_overview_brushes_it_and_the_detail_view_takes_its_domain() {
    let chart = overview_detail();
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let scene = chart.scene(VIEW).unwrap();
    assert_eq!(scene.brush_plots.len(), 2);
    let (detail, overview) = (scene.brush_plots[0].rect, scene.brush_plots[1].rect);
    assert!(
        overview.y > detail.y + detail.height,
        "{detail:?} {overview:?}"
    );
    let full = x_of(&scene, 0).domain;
    let ax = x_of(&scene, 1);
    let y = overview.y + overview.height / 2.0;
    for kind in [PointerKind::Mouse, PointerKind::Touch] {
        let (state, after) = drive(
            &chart,
            &drag((ax.pixel_of(4.0), y), (ax.pixel_of(8.0), y), kind),
        );
        let (lo, hi) = range_of(&state, "brush", "t");
        assert!(
            (lo - 4.0).abs() < 0.05 && (hi - 8.0).abs() < 0.05,
            "{kind:?}: {lo} {hi}"
        );
        assert_eq!(state.view.brushes, [("brush".to_string(), 1)]);
        // The detail view's x domain is the brush's range; the overview keeps its own.
        let d = x_of(&after, 0).domain;
        assert!((d.0 - lo).abs() < 1e-9 && (d.1 - hi).abs() < 1e-9, "{d:?}");
        assert_eq!(x_of(&after, 1).domain, ax.domain);
        assert_ne!(d, full);
        // Read back from the SVG: one brush, in the overview only.
        let svg = to_svg(&after).unwrap();
        let rects = brush_rects(&svg);
        assert_eq!(rects.len(), 1, "{rects:?}");
        let b = rects[0];
        let o = after.brush_plots[1].rect;
        assert!(inside(&o, b.x, b.y) && inside(&o, b.x + b.width, b.y + b.height));
        assert!((b.x - ax.pixel_of(4.0)).abs() < 1.5, "{b:?}");
        // The detail view draws t = 4…8 across its whole width, nothing beyond.
        let dr = after.brush_plots[0].rect;
        let shown: Vec<(String, f32, f32)> = points(&svg)
            .into_iter()
            .filter(|(_, x, y)| inside(&dr, *x, *y))
            .collect();
        let labels: Vec<&str> = shown.iter().map(|(l, _, _)| l.as_str()).collect();
        assert_eq!(labels, ["4", "5", "6", "7", "8"], "{kind:?}");
        let x4 = shown[0].1;
        let x8 = shown[4].1;
        assert!((x4 - dr.x).abs() < 1.5 && (x8 - dr.x - dr.width).abs() < 1.5);
    }
}

#[test]
fn a_drag_in_the_view_without_the_param_does_not_brush() {
    let chart = overview_detail();
    let scene = chart.scene(VIEW).unwrap();
    let detail = scene.brush_plots[0].rect;
    let ax = x_of(&scene, 0);
    let y = detail.y + detail.height / 2.0;
    let (state, after) = drive(
        &chart,
        &drag(
            (ax.pixel_of(3.0), y),
            (ax.pixel_of(9.0), y),
            PointerKind::Mouse,
        ),
    );
    assert!(state.view.selections.is_empty(), "{:?}", state.view);
    assert!(brush_rects(&to_svg(&after).unwrap()).is_empty());
    // In a concatenation a finger drag over x is the chart's: vertical swipes scroll.
    assert_eq!(stdviz::interact::touch_action(&state, &after), "pan-y");
}

#[test]
fn shift_and_the_arrows_brush_in_the_plot_of_the_focused_mark() {
    let chart = overview_detail();
    let scene = chart.scene(VIEW).unwrap();
    let overview = scene.brush_plots[1].rect;
    // The overview's mark t = 5.
    let m = (0..scene.mark_count())
        .find(|&m| {
            let (x, y, _) = scene.mark_anchor(m).unwrap();
            inside(&overview, x, y) && scene.items[scene.mark_item(m).unwrap()].label == "5"
        })
        .expect("the overview's t = 5");
    let mut start = State::with_params(&chart.spec.params);
    start.focus = Some(Target::Mark(m));
    let (state, after) = drive_from(
        &chart,
        start,
        &[
            Event::Modifiers { shift: true },
            Event::Key(Key::Right),
            Event::Key(Key::Right),
        ],
    );
    let (lo, hi) = range_of(&state, "brush", "t");
    assert!(lo > 4.5 && lo < 5.0 && hi > 7.0 && hi < 7.5, "{lo} {hi}");
    assert_eq!(state.view.brushes, [("brush".to_string(), 1)]);
    // The focus stayed in the overview while the detail view's marks changed.
    let Some(Target::Mark(f)) = state.focus else {
        panic!("{:?}", state.focus);
    };
    let (x, y, _) = after.mark_anchor(f).unwrap();
    assert!(inside(&after.brush_plots[1].rect, x, y));
    assert_eq!(after.items[after.mark_item(f).unwrap()].label, "7");
    let d = x_of(&after, 0).domain;
    assert!((d.0 - lo).abs() < 1e-9 && (d.1 - hi).abs() < 1e-9, "{d:?}");
}

/// SYNTHETIC: a brush in the left view filters and recolours the right one.
#[test]
fn other_views_read_the_brush_through_filters_and_conditions() {
    let s = format!(
        r##"{{"data": {{"values": {DATA}}}, "hconcat": [
          {{"mark": "point", "params": [{{"name": "b", "select": "interval"}}],
            "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}}}}}},
          {{"mark": "point", "transform": [{{"filter": {{"param": "b"}}}}],
            "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}}}}}},
          {{"mark": "point",
            "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}},
                          "color": {{"condition": {{"param": "b", "value": "#d55e00", "empty": false}},
                                    "value": "#bbbbbb"}}}}}}]}}"##
    );
    let chart = Chart::new(&s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    assert_eq!(scene.brush_plots.len(), 3);
    let left = &scene.brush_plots[0];
    let ax = left.x.as_ref().and_then(|a| a.continuous()).unwrap();
    let ay = left.y.as_ref().and_then(|a| a.continuous()).unwrap();
    // A rectangle around t = 2…6, v = 4.5…9.5 (t = 2, 4, 5, 6).
    let (state, after) = drive(
        &chart,
        &drag(
            (ax.pixel_of(1.5), ay.pixel_of(9.5)),
            (ax.pixel_of(6.5), ay.pixel_of(4.5)),
            PointerKind::Mouse,
        ),
    );
    assert_eq!(state.view.brushes, [("b".to_string(), 0)]);
    let svg = to_svg(&after).unwrap();
    let rects = brush_rects(&svg);
    assert_eq!(rects.len(), 1);
    assert!(inside(&after.brush_plots[0].rect, rects[0].x, rects[0].y));
    let in_plot = |k: usize| -> Vec<String> {
        let r = after.brush_plots[k].rect;
        points(&svg)
            .into_iter()
            .filter(|(_, x, y)| inside(&r, *x, *y))
            .map(|(l, _, _)| l)
            .collect()
    };
    assert_eq!(in_plot(0).len(), 12);
    assert_eq!(in_plot(1), ["2", "4", "5", "6"]);
    // The third view recolours the same four.
    let doc = svg_doc(&svg);
    let r = after.brush_plots[2].rect;
    let mut orange: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("m"))
        .filter_map(|g| {
            let c = g.descendants().find(|n| n.tag_name().name() == "circle")?;
            let x: f32 = c.attribute("cx")?.parse().ok()?;
            let y: f32 = c.attribute("cy")?.parse().ok()?;
            let colour = c.attribute("stroke").or(c.attribute("fill"))?;
            (inside(&r, x, y) && colour == "#D55E00").then(|| g.attribute("data-label"))?
        })
        .map(str::to_string)
        .collect();
    orange.sort_by_key(|l| l.parse::<u32>().unwrap_or(0));
    assert_eq!(orange, ["2", "4", "5", "6"]);
    // A drag in the second view (no params there) changes nothing.
    let right = after.brush_plots[1].rect;
    let (again, _) = drive_from(
        &chart,
        state.clone(),
        &drag(
            (right.x + 10.0, right.y + 10.0),
            (right.x + 80.0, right.y + 60.0),
            PointerKind::Mouse,
        ),
    );
    assert_eq!(again.view, state.view);
}

/// SYNTHETIC: `repeat` defines the brush in every repeated view, each over its own
/// field; the brush is drawn where the reader drew it, and moves with the next drag.
#[test]
fn a_repeated_brush_is_over_the_field_of_the_view_it_is_drawn_in() {
    let s = format!(
        r##"{{"data": {{"values": {DATA}}},
          "repeat": {{"column": ["t", "v"]}},
          "spec": {{"mark": "point", "params": [{{"name": "b", "select": {{"type": "interval", "encodings": ["x"]}}}}],
            "encoding": {{"x": {{"field": {{"repeat": "column"}}, "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}},
                          "color": {{"condition": {{"param": "b", "value": "#d55e00", "empty": false}},
                                    "value": "#bbbbbb"}}}}}}}}"##
    );
    let chart = Chart::new(&s, None).unwrap();
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let scene = chart.scene(VIEW).unwrap();
    assert_eq!(scene.brush_plots.len(), 2);
    let second = scene.brush_plots[1].rect;
    let ax = x_of(&scene, 1);
    let y = second.y + second.height / 2.0;
    let (state, after) = drive(
        &chart,
        &drag(
            (ax.pixel_of(8.5), y),
            (ax.pixel_of(12.5), y),
            PointerKind::Mouse,
        ),
    );
    let (lo, hi) = range_of(&state, "b", "v");
    assert!((lo - 8.5).abs() < 0.05 && (hi - 12.5).abs() < 0.05);
    assert_eq!(extents(&state, "b").len(), 1);
    assert_eq!(state.view.brushes, [("b".to_string(), 1)]);
    let rects = brush_rects(&to_svg(&after).unwrap());
    assert_eq!(rects.len(), 1);
    assert!(inside(&after.brush_plots[1].rect, rects[0].x, rects[0].y));
    // A drag in the first view takes the brush there, over t.
    let first = after.brush_plots[0].rect;
    let ax0 = x_of(&after, 0);
    let y0 = first.y + first.height / 2.0;
    let (moved, last) = drive_from(
        &chart,
        state,
        &drag(
            (ax0.pixel_of(2.5), y0),
            (ax0.pixel_of(5.5), y0),
            PointerKind::Mouse,
        ),
    );
    assert_eq!(extents(&moved, "b")[0].0, "t");
    assert_eq!(moved.view.brushes, [("b".to_string(), 0)]);
    let rects = brush_rects(&to_svg(&last).unwrap());
    assert_eq!(rects.len(), 1);
    assert!(inside(&last.brush_plots[0].rect, rects[0].x, rects[0].y));
}

/// SYNTHETIC: in a facet the brush is drawn in the cell the drag started in, and
/// selects by its range in every cell (Vega-Lite's global resolution).
#[test]
fn a_faceted_brush_is_drawn_in_its_cell_and_selects_in_all() {
    let rows: Vec<String> = (1..=12)
        .map(|t| {
            let g = if t % 2 == 0 { "even" } else { "odd" };
            format!(r#"{{"t":{t},"v":{},"g":"{g}"}}"#, t % 5)
        })
        .collect();
    let s = format!(
        r##"{{"data": {{"values": [{}]}},
          "facet": {{"column": {{"field": "g", "type": "nominal"}}}},
          "spec": {{"mark": "point", "params": [{{"name": "b", "select": {{"type": "interval", "encodings": ["x"]}}}}],
            "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}},
                          "color": {{"condition": {{"param": "b", "value": "#d55e00", "empty": false}},
                                    "value": "#bbbbbb"}}}}}}}}"##,
        rows.join(",")
    );
    let chart = Chart::new(&s, None).unwrap();
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let scene = chart.scene(VIEW).unwrap();
    assert_eq!(scene.brush_plots.len(), 2);
    let cell = scene.brush_plots[1].rect;
    let ax = x_of(&scene, 1);
    let y = cell.y + cell.height / 2.0;
    let (state, after) = drive(
        &chart,
        &drag(
            (ax.pixel_of(3.5), y),
            (ax.pixel_of(6.5), y),
            PointerKind::Mouse,
        ),
    );
    assert_eq!(state.view.brushes, [("b".to_string(), 1)]);
    let svg = to_svg(&after).unwrap();
    let rects = brush_rects(&svg);
    assert_eq!(rects.len(), 1);
    assert!(inside(&after.brush_plots[1].rect, rects[0].x, rects[0].y));
    let doc = svg_doc(&svg);
    let mut orange: Vec<u32> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("m"))
        .filter(|g| {
            g.descendants()
                .any(|n| n.attribute("stroke") == Some("#D55E00"))
        })
        .filter_map(|g| g.attribute("data-label")?.parse().ok())
        .collect();
    orange.sort_unstable();
    // t = 4, 6 in one cell, 5 in the other.
    assert_eq!(orange, [4, 5, 6]);
}

#[test]
fn a_scale_domain_names_an_interval_selection_with_its_encoding() {
    let with = |domain: &str| {
        format!(
            r#"{{"data": {{"values": {DATA}}}, "vconcat": [
              {{"mark": "line", "encoding": {{
                "x": {{"field": "t", "type": "quantitative", "scale": {{"domain": {domain}}}}},
                "y": {{"field": "v", "type": "quantitative"}}}}}},
              {{"mark": "point", "params": [{{"name": "brush", "select": "interval"}}],
                "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                              "y": {{"field": "v", "type": "quantitative"}}}}}}]}}"#
        )
    };
    let parsed = stdviz::spec::parse(&with(r#"{"param": "brush", "encoding": "x"}"#)).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    // Over x and y, `encoding` says which range is the domain: y's here.
    let chart = Chart::new(&with(r#"{"param": "brush", "encoding": "y"}"#), None).unwrap();
    let view = stdviz::layout::ViewState {
        selections: vec![(
            "brush".into(),
            SelectionValue::Interval(vec![
                ("t".into(), Extent::Range(2.0, 4.0)),
                ("v".into(), Extent::Range(5.0, 9.0)),
            ]),
        )],
        ..Default::default()
    };
    let scene = chart.scene_with(VIEW, &view).unwrap();
    assert_eq!(x_of(&scene, 0).domain, (5.0, 9.0));
    let cases = [
        (
            r#"{"param": "nope"}"#,
            "vconcat[0].encoding.x.scale.domain.param",
        ),
        (
            r#"{"param": "brush", "encoding": "sideways"}"#,
            "vconcat[0].encoding.x.scale.domain.encoding",
        ),
        (r#"{"min": 1}"#, "vconcat[0].encoding.x.scale.domain"),
    ];
    for (domain, path) in cases {
        let e = stdviz::spec::parse(&with(domain))
            .err()
            .unwrap_or_else(|| panic!("{domain} was accepted"))
            .to_string();
        assert!(e.contains(&format!("at {path}:")), "{path}: {e}");
    }
}

/// SYNTHETIC: Vega-Lite's `interactive_bin_extent` — the brush over a binned view is
/// the extent the other view bins.
#[test]
fn a_bin_extent_follows_the_brush() {
    let s = format!(
        r#"{{"data": {{"values": {DATA}}}, "vconcat": [
          {{"mark": "bar", "params": [{{"name": "brush", "select": {{"type": "interval", "encodings": ["x"]}}}}],
            "encoding": {{"x": {{"field": "t", "bin": {{"maxbins": 12}}}}, "y": {{"aggregate": "count"}}}}}},
          {{"mark": "bar",
            "encoding": {{"x": {{"field": "t", "bin": {{"maxbins": 12, "extent": {{"param": "brush"}}}}}},
                          "y": {{"aggregate": "count"}}}}}}]}}"#
    );
    let chart = Chart::new(&s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    let full = x_of(&scene, 1).domain;
    let top = scene.brush_plots[0].rect;
    let ax = x_of(&scene, 0);
    let y = top.y + top.height / 2.0;
    let (state, after) = drive(
        &chart,
        &drag(
            (ax.pixel_of(3.8), y),
            (ax.pixel_of(8.2), y),
            PointerKind::Mouse,
        ),
    );
    let (lo, hi) = range_of(&state, "brush", "t");
    assert!(
        (lo - 3.8).abs() < 0.1 && (hi - 8.2).abs() < 0.1,
        "{lo} {hi}"
    );
    // The second view bins only the brushed extent: its axis spans it, not the data.
    let d = x_of(&after, 1).domain;
    assert_ne!(d, full);
    assert!(d.0 >= lo - 0.5 && d.1 <= hi + 0.5, "{d:?} for {lo}…{hi}");
    // Five rows (t = 4…8) in its bars, read back from the SVG.
    let svg = to_svg(&after).unwrap();
    let doc = svg_doc(&svg);
    let lower = after.brush_plots[1].rect;
    let counts: f64 = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("m"))
        .filter(|g| {
            g.descendants()
                .filter_map(|n| n.attribute("y")?.parse::<f32>().ok())
                .any(|y| y >= lower.y - 1.0)
        })
        .filter_map(|g| g.attribute("data-value")?.parse::<f64>().ok())
        .sum();
    assert_eq!(counts, 5.0);
}
