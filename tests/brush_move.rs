#![cfg(not(target_arch = "wasm32"))]
//! A drawn brush moved and resized, as Vega-Lite's interval `translate` and `zoom` (both
//! on by default) do: a drag that starts inside the brush moves it and keeps its size, a
//! drag outside draws a new one, the brush stops at the axis ends, the wheel over it
//! scales it about the pointer, Alt+arrows move it by a step. Driven through
//! `interact::step` as the browser glue drives it, and read back from the selection's
//! value and the SVG. The data are SYNTHETIC.

mod common;

use stdviz::interact::{step, Event, Key, PointerKind, State};
use stdviz::layout::Viewport;
use stdviz::scene::{Scene, ZoomAxis};
use stdviz::spec::{ConstValue, Extent, SelectionValue};
use stdviz::svg::to_svg;
use stdviz::Chart;

use common::{brush_rects, drag};

/// SYNTHETIC: twelve points over t = 1..12.
const DATA: &str = r#"[{"t":1,"v":3},{"t":2,"v":5},{"t":3,"v":4},{"t":4,"v":8},{"t":5,"v":6},{"t":6,"v":9},{"t":7,"v":7},{"t":8,"v":11},{"t":9,"v":10},{"t":10,"v":12},{"t":11,"v":9},{"t":12,"v":13}]"#;

const VIEW: Viewport = Viewport {
    width: 480.0,
    height: None,
};

/// Points with the interval selection `select` and its initial `value`.
fn scatter(select: &str, value: &str) -> Chart {
    let s = format!(
        r#"{{"data": {{"values": {DATA}}},
          "params": [{{"name": "brush", "select": {select}, "value": {value}}}],
          "mark": "point",
          "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                        "y": {{"field": "v", "type": "quantitative"}}}}}}"#
    );
    Chart::new(&s, None).expect("valid chart")
}

fn drive_from(chart: &Chart, state: State, events: &[Event]) -> (State, Scene) {
    common::drive_from(chart, VIEW, state, events)
}

fn drive(chart: &Chart, events: &[Event]) -> (State, Scene) {
    drive_from(chart, State::with_params(&chart.spec.params), events)
}

fn axis(scene: &Scene, k: usize, y: bool) -> ZoomAxis {
    let p = &scene.brush_plots[k];
    if y { p.y.as_ref() } else { p.x.as_ref() }
        .and_then(|a| a.continuous())
        .expect("a continuous axis")
}

fn extents(state: &State) -> Vec<(String, Extent)> {
    match state.view.selections.iter().find(|(n, _)| n == "brush") {
        Some((_, SelectionValue::Interval(r))) => r.clone(),
        other => panic!("no interval: {other:?}"),
    }
}

fn range_of(state: &State, field: &str) -> (f64, f64) {
    match extents(state).into_iter().find(|(f, _)| f == field) {
        Some((_, Extent::Range(a, b))) => (a, b),
        other => panic!("no range over {field}: {other:?}"),
    }
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 0.02 && (a.1 - b.1).abs() < 0.02
}

const X: &str = r#"{"type": "interval", "encodings": ["x"]}"#;
const MOUSE: PointerKind = PointerKind::Mouse;

#[test]
fn a_drag_inside_the_brush_moves_it_and_keeps_its_width() {
    let chart = scatter(X, r#"{"x": [3, 5]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let x = axis(&scene, 0, false);
    let mid = scene.brush_plots[0].rect.y + 20.0;
    for kind in [MOUSE, PointerKind::Touch] {
        let (state, _) = drive(
            &chart,
            &drag((x.pixel_of(4.0), mid), (x.pixel_of(6.0), mid), kind),
        );
        let r = range_of(&state, "t");
        assert!(close(r, (5.0, 7.0)), "{kind:?}: {r:?}");
        assert!(((r.1 - r.0) - 2.0).abs() < 1e-9, "the width is kept: {r:?}");
    }
}

#[test]
fn a_drag_outside_the_brush_draws_a_new_one() {
    let chart = scatter(X, r#"{"x": [3, 5]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let x = axis(&scene, 0, false);
    let mid = scene.brush_plots[0].rect.y + 20.0;
    let (state, _) = drive(
        &chart,
        &drag((x.pixel_of(8.0), mid), (x.pixel_of(10.0), mid), MOUSE),
    );
    assert!(close(range_of(&state, "t"), (8.0, 10.0)));
}

#[test]
fn the_moved_brush_stops_at_the_axis_ends() {
    let chart = scatter(X, r#"{"x": [3, 5]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let x = axis(&scene, 0, false);
    let (lo, hi) = (x.domain.0.min(x.domain.1), x.domain.0.max(x.domain.1));
    let r = scene.brush_plots[0].rect;
    let mid = r.y + 20.0;
    let far_right = r.x + r.width * 3.0;
    let (state, _) = drive(
        &chart,
        &drag((x.pixel_of(4.0), mid), (far_right, mid), MOUSE),
    );
    let got = range_of(&state, "t");
    assert!(
        (got.1 - hi).abs() < 1e-9 && (got.0 - (hi - 2.0)).abs() < 1e-9,
        "{got:?} in {lo}..{hi}"
    );
    let (state, _) = drive(
        &chart,
        &drag((x.pixel_of(4.0), mid), (r.x - 500.0, mid), MOUSE),
    );
    let got = range_of(&state, "t");
    assert!(
        (got.0 - lo).abs() < 1e-9 && (got.1 - (lo + 2.0)).abs() < 1e-9,
        "{got:?}"
    );
}

#[test]
fn translate_false_makes_a_drag_inside_draw_a_new_brush() {
    let chart = scatter(
        r#"{"type": "interval", "encodings": ["x"], "translate": false}"#,
        r#"{"x": [3, 5]}"#,
    );
    let scene = chart.scene(VIEW).unwrap();
    let x = axis(&scene, 0, false);
    let mid = scene.brush_plots[0].rect.y + 20.0;
    let (state, _) = drive(
        &chart,
        &drag((x.pixel_of(4.0), mid), (x.pixel_of(6.0), mid), MOUSE),
    );
    assert!(
        close(range_of(&state, "t"), (4.0, 6.0)),
        "{:?}",
        extents(&state)
    );
}

#[test]
fn an_xy_brush_moves_over_both_axes_and_a_y_brush_over_y() {
    let chart = scatter(r#""interval""#, r#"{"x": [3, 5], "y": [6, 9]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let (x, y) = (axis(&scene, 0, false), axis(&scene, 0, true));
    let from = (x.pixel_of(4.0), y.pixel_of(7.5));
    let to = (x.pixel_of(5.0), y.pixel_of(8.5));
    let (state, _) = drive(&chart, &drag(from, to, MOUSE));
    assert!(
        close(range_of(&state, "t"), (4.0, 6.0)),
        "{:?}",
        extents(&state)
    );
    assert!(
        close(range_of(&state, "v"), (7.0, 10.0)),
        "{:?}",
        extents(&state)
    );

    let chart = scatter(
        r#"{"type": "interval", "encodings": ["y"]}"#,
        r#"{"y": [6, 9]}"#,
    );
    let scene = chart.scene(VIEW).unwrap();
    let (x, y) = (axis(&scene, 0, false), axis(&scene, 0, true));
    let from = (x.pixel_of(6.0), y.pixel_of(7.5));
    let to = (x.pixel_of(9.0), y.pixel_of(5.5));
    let (state, _) = drive(&chart, &drag(from, to, PointerKind::Touch));
    assert!(
        close(range_of(&state, "v"), (4.0, 7.0)),
        "{:?}",
        extents(&state)
    );
}

#[test]
fn a_brush_in_a_concatenation_moves_in_its_own_plot_and_the_detail_follows() {
    let s = format!(
        r#"{{"data": {{"values": {DATA}}}, "vconcat": [
          {{"mark": "point", "encoding": {{
            "x": {{"field": "t", "type": "quantitative", "scale": {{"domain": {{"param": "brush"}}}}}},
            "y": {{"field": "v", "type": "quantitative"}}}}}},
          {{"height": 60, "mark": "point",
            "params": [{{"name": "brush", "select": {{"type": "interval", "encodings": ["x"]}}, "value": {{"x": [3, 5]}}}}],
            "encoding": {{"x": {{"field": "t", "type": "quantitative"}},
                          "y": {{"field": "v", "type": "quantitative"}}}}}}]}}"#
    );
    let chart = Chart::new(&s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    assert_eq!(scene.brush_plots.len(), 2);
    let x = axis(&scene, 1, false);
    let mid = scene.brush_plots[1].rect.y + 10.0;
    let (state, scene) = drive(
        &chart,
        &drag((x.pixel_of(4.0), mid), (x.pixel_of(7.0), mid), MOUSE),
    );
    assert!(
        close(range_of(&state, "t"), (6.0, 8.0)),
        "{:?}",
        extents(&state)
    );
    let detail = axis(&scene, 0, false).domain;
    assert!(
        close(detail, (6.0, 8.0)),
        "the detail view's domain follows: {detail:?}"
    );
    // A drag inside the brush's rectangle as seen in the detail plot does not move it:
    // the brush is the overview's.
    let d = axis(&scene, 0, false);
    let top = scene.brush_plots[0].rect.y + 20.0;
    let (again, _) = drive_from(
        &chart,
        state.clone(),
        &drag((d.pixel_of(7.0), top), (d.pixel_of(7.5), top), MOUSE),
    );
    assert_eq!(extents(&again), extents(&state));
}

/// Bars over a band axis with the selection `select`.
fn bars(select: &str) -> Chart {
    let s = r#"{"data": {"values": [{"level":"A","count":80},{"level":"B","count":37},{"level":"C","count":8},{"level":"D","count":63}]},
          "params": [{"name": "brush", "select": SELECT}],
          "mark": "bar",
          "encoding": {"x": {"field": "level", "type": "nominal"},
                       "y": {"field": "count", "type": "quantitative"}}}"#
        .replace("SELECT", select);
    Chart::new(&s, None).expect("valid chart")
}

fn band_values(state: &State) -> Vec<String> {
    match extents(state).into_iter().find(|(f, _)| f == "level") {
        Some((_, Extent::Values(v))) => v
            .iter()
            .map(|c| match c {
                ConstValue::Text(t) => t.clone(),
                other => format!("{other:?}"),
            })
            .collect(),
        other => panic!("no band values: {other:?}"),
    }
}

#[test]
fn a_band_brush_moves_by_whole_bands_and_stops_at_the_last() {
    let chart = bars(X);
    let scene = chart.scene(VIEW).unwrap();
    let plot = &scene.brush_plots[0];
    let Some(stdviz::scene::BrushAxis::Band(spans)) = &plot.x else {
        panic!("a band x");
    };
    let c = |i: usize| (spans[i].from + spans[i].to) / 2.0;
    let step = spans[1].from - spans[0].from;
    let y = plot.rect.y + plot.rect.height / 2.0;
    let (state, _) = drive(&chart, &drag((c(0), y), (c(1), y), MOUSE));
    assert_eq!(band_values(&state), ["A", "B"]);
    // From the middle of the brush, one band and a little to the right.
    let from = spans[1].from;
    let (moved, _) = drive_from(
        &chart,
        state.clone(),
        &drag((from, y), (from + step * 1.2, y), MOUSE),
    );
    assert_eq!(band_values(&moved), ["B", "C"]);
    let (far, _) = drive_from(
        &chart,
        state,
        &drag((from, y), (from + step * 9.0, y), MOUSE),
    );
    assert_eq!(band_values(&far), ["C", "D"]);
    // Alt+← moves it back by one band.
    let (back, _) = drive_from(&chart, far, &[Event::Focus, Event::AltKey(Key::Left)]);
    assert_eq!(band_values(&back), ["B", "C"]);
}

#[test]
fn the_wheel_over_the_brush_scales_it_about_the_pointer() {
    let chart = scatter(X, r#"{"x": [3, 7]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let x = axis(&scene, 0, false);
    let mid = scene.brush_plots[0].rect.y + 20.0;
    let at = x.pixel_of(4.0);
    let c = x.value_at(at).unwrap();
    let (grown, _) = drive(
        &chart,
        &[Event::Wheel {
            x: at,
            y: mid,
            delta: 100.0,
        }],
    );
    let (lo, hi) = range_of(&grown, "t");
    let factor = 1.0015f64.powf(100.0);
    assert!(((hi - lo) - 4.0 * factor).abs() < 1e-6, "{lo}..{hi}");
    assert!(
        ((c - lo) / (hi - lo) - (c - 3.0) / 4.0).abs() < 1e-9,
        "about the pointer: {lo}..{hi}"
    );
    assert_eq!(grown.view.zoom, None, "the chart's own zoom stays");
    let (shrunk, _) = drive(
        &chart,
        &[Event::Wheel {
            x: at,
            y: mid,
            delta: -100.0,
        }],
    );
    let (lo, hi) = range_of(&shrunk, "t");
    assert!(hi - lo < 4.0 && lo > 3.0 && hi < 7.0, "{lo}..{hi}");
    // Outside the brush, the wheel zooms the chart as before.
    let (outside, _) = drive(
        &chart,
        &[Event::Wheel {
            x: x.pixel_of(10.0),
            y: mid,
            delta: -100.0,
        }],
    );
    assert!(outside.view.zoom.is_some());
    assert!(
        outside.view.selections.is_empty(),
        "{:?}",
        outside.view.selections
    );
    // `zoom: false`: the wheel over the brush zooms the chart, not the brush.
    let off = scatter(
        r#"{"type": "interval", "encodings": ["x"], "zoom": false}"#,
        r#"{"x": [3, 7]}"#,
    );
    let (state, _) = drive(
        &off,
        &[Event::Wheel {
            x: at,
            y: mid,
            delta: -100.0,
        }],
    );
    assert!(
        state.view.selections.is_empty(),
        "{:?}",
        state.view.selections
    );
    assert!(state.view.zoom.is_some());
}

#[test]
fn alt_arrows_move_the_brush_by_a_tenth_of_its_width() {
    let chart = scatter(r#""interval""#, r#"{"x": [3, 7], "y": [6, 9]}"#);
    let (state, _) = drive(&chart, &[Event::Focus, Event::AltKey(Key::Right)]);
    assert!(
        close(range_of(&state, "t"), (3.4, 7.4)),
        "{:?}",
        extents(&state)
    );
    let scene = chart.scene_with(VIEW, &state.view).unwrap();
    let (_, out) = step(&state, Event::AltKey(Key::Right), &scene);
    assert_eq!(out.announce.as_deref(), Some("Selection moved"));
    assert!(close(range_of(&state, "v"), (6.0, 9.0)));
    let (state, _) = drive_from(
        &chart,
        state,
        &[Event::AltKey(Key::Up), Event::AltKey(Key::Left)],
    );
    assert!(
        close(range_of(&state, "t"), (3.0, 7.0)),
        "{:?}",
        extents(&state)
    );
    assert!(
        close(range_of(&state, "v"), (6.3, 9.3)),
        "{:?}",
        extents(&state)
    );
    // With translate off, Alt+arrows move nothing.
    let off = scatter(
        r#"{"type": "interval", "translate": false}"#,
        r#"{"x": [3, 7], "y": [6, 9]}"#,
    );
    let (state, _) = drive(&off, &[Event::Focus, Event::AltKey(Key::Right)]);
    assert!(
        state.view.selections.is_empty(),
        "{:?}",
        state.view.selections
    );
    let scene = off.scene_with(VIEW, &state.view).unwrap();
    assert!(!stdviz::interact::moves_brush(&state, &scene));
    let (_, out) = step(&state, Event::AltKey(Key::Right), &scene);
    assert_eq!(out.announce, None);
}

#[test]
fn the_svg_draws_the_moved_brush_where_it_was_dragged() {
    let chart = scatter(X, r#"{"x": [3, 5]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let before = brush_rects(&to_svg(&scene).unwrap());
    assert_eq!(before.len(), 1, "{before:?}");
    let x = axis(&scene, 0, false);
    let mid = scene.brush_plots[0].rect.y + 20.0;
    let dx = x.pixel_of(8.0) - x.pixel_of(4.0);
    let (_, scene) = drive(
        &chart,
        &drag((x.pixel_of(4.0), mid), (x.pixel_of(8.0), mid), MOUSE),
    );
    let after = brush_rects(&to_svg(&scene).unwrap());
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(
        (after[0].x - (before[0].x + dx)).abs() <= 1.0,
        "{before:?} → {after:?}"
    );
    assert!(
        (after[0].width - before[0].width).abs() <= 1.0,
        "{before:?} → {after:?}"
    );
}

#[test]
fn translate_and_zoom_take_a_boolean_or_their_gestures_stream() {
    for ok in [
        r#"{"type": "interval", "translate": "[pointerdown, window:pointerup] > window:pointermove!", "zoom": "wheel!"}"#,
        r#"{"type": "interval", "translate": false, "zoom": false}"#,
    ] {
        assert!(stdviz::spec::parse(&format!(r#"{{"data": {{"values": {DATA}}}, "params": [{{"name": "b", "select": {ok}}}], "mark": "point", "encoding": {{"x": {{"field": "t", "type": "quantitative"}}}}}}"#)).is_ok(), "{ok}");
    }
    for (bad, path) in [
        (
            r#"{"type": "interval", "translate": "wheel!"}"#,
            "params[0].select.translate",
        ),
        (
            r#"{"type": "interval", "zoom": "click"}"#,
            "params[0].select.zoom",
        ),
        (
            r#"{"type": "interval", "zoom": 2}"#,
            "params[0].select.zoom",
        ),
    ] {
        let e = stdviz::spec::parse(&format!(r#"{{"data": {{"values": {DATA}}}, "params": [{{"name": "b", "select": {bad}}}], "mark": "point", "encoding": {{"x": {{"field": "t", "type": "quantitative"}}}}}}"#))
            .err()
            .unwrap_or_else(|| panic!("{bad} parsed"));
        assert!(e.to_string().contains(path), "{bad}: {e}");
    }
}

#[test]
fn the_wheel_over_a_y_brush_is_the_brushs_and_elsewhere_the_pages() {
    // Bars over a band x: the chart has no zoom of its own, only the brush takes the wheel.
    let s = r#"{"data": {"values": [{"level":"A","count":80},{"level":"B","count":37},{"level":"C","count":8},{"level":"D","count":63}]},
          "params": [{"name": "brush", "select": {"type": "interval", "encodings": ["y"]}, "value": {"y": [20, 60]}}],
          "mark": "bar",
          "encoding": {"x": {"field": "level", "type": "nominal"},
                       "y": {"field": "count", "type": "quantitative"}}}"#;
    let chart = Chart::new(s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    assert!(scene.zoom.is_none());
    let state = State::with_params(&chart.spec.params);
    let y = axis(&scene, 0, true);
    let r = scene.brush_plots[0].rect;
    let inside = (r.x + r.width / 2.0, y.pixel_of(30.0));
    let outside = (r.x + r.width / 2.0, y.pixel_of(70.0));
    assert!(stdviz::interact::takes_wheel(&state, &scene, inside));
    assert!(!stdviz::interact::takes_wheel(&state, &scene, outside));
    let (shrunk, _) = drive(
        &chart,
        &[Event::Wheel {
            x: inside.0,
            y: inside.1,
            delta: -200.0,
        }],
    );
    let (lo, hi) = range_of(&shrunk, "count");
    let c = y.value_at(inside.1).unwrap();
    let factor = 1.0015f64.powf(-200.0);
    assert!(((hi - lo) - 40.0 * factor).abs() < 1e-6, "{lo}..{hi}");
    assert!(
        ((c - lo) / (hi - lo) - (c - 20.0) / 40.0).abs() < 1e-9,
        "{lo}..{hi}"
    );
}
