#![cfg(not(target_arch = "wasm32"))]
//! Interval selections over band (nominal or ordinal) axes, as Vega-Lite defines them:
//! the selection holds the values whose bands the brushed pixels reach (Vega's band
//! `invertRange`), and every predicate tests membership — conditions, filters, in this
//! view and in others. Driven through `interact::step` (mouse, finger, keyboard) and
//! read back from the SVG. The data are SYNTHETIC.

mod common;

use stdviz::interact::{Event, Key, PointerKind, State, Target};
use stdviz::layout::{ViewState, Viewport};
use stdviz::scene::{BrushAxis, Rect, Scene};
use stdviz::spec::{ConstValue, Extent, SelectionValue};
use stdviz::svg::to_svg;
use stdviz::Chart;

use common::{brush_rects, drag};

/// SYNTHETIC: four categories.
const BARS: &str = r#"[{"level":"A","count":80},{"level":"B","count":37},{"level":"C","count":8},{"level":"D","count":63}]"#;

const VIEW: Viewport = Viewport {
    width: 480.0,
    height: None,
};

const ORANGE: &str = "#D55E00";

fn bars(select: &str) -> Chart {
    let s = format!(
        r##"{{"data": {{"values": {BARS}}},
          "params": [{{"name": "brush", "select": {select}}}],
          "mark": "bar",
          "encoding": {{"x": {{"field": "level", "type": "nominal"}},
                        "y": {{"field": "count", "type": "quantitative"}},
                        "color": {{"condition": {{"param": "brush", "value": "#d55e00", "empty": false}},
                                  "value": "#bbbbbb"}}}}}}"##
    );
    Chart::new(&s, None).expect("valid chart")
}

fn drive_from(chart: &Chart, state: State, events: &[Event]) -> (State, Scene) {
    common::drive_from(chart, VIEW, state, events)
}

fn drive(chart: &Chart, events: &[Event]) -> (State, Scene) {
    drive_from(chart, State::with_params(&chart.spec.params), events)
}

/// The bands of plot `k`'s x (or y) axis: value, from, to.
fn bands(scene: &Scene, k: usize, y: bool) -> Vec<(ConstValue, f32, f32)> {
    let p = &scene.brush_plots[k];
    match if y { &p.y } else { &p.x } {
        Some(BrushAxis::Band(spans)) => spans
            .iter()
            .map(|s| (s.value.clone(), s.from, s.to))
            .collect(),
        other => panic!("not a band axis: {other:?}"),
    }
}

fn text(t: &str) -> ConstValue {
    ConstValue::Text(t.into())
}

fn values(state: &State, field: &str) -> Vec<ConstValue> {
    let Some((_, SelectionValue::Interval(r))) = state.view.selections.first() else {
        panic!("no interval: {:?}", state.view.selections);
    };
    match r.iter().find(|(f, _)| f == field) {
        Some((_, Extent::Values(v))) => v.clone(),
        other => panic!("no values over {field}: {other:?}"),
    }
}

/// Each data mark's label, fill, and shape box, from the SVG.
fn marks(svg: &str) -> Vec<(String, String, Rect)> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is XML");
    let num = |n: &roxmltree::Node, a: &str| -> f32 {
        n.attribute(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f32::NAN)
    };
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("m"))
        .filter_map(|g| {
            let r = g.descendants().find(|n| n.tag_name().name() == "rect")?;
            Some((
                g.attribute("data-label")?.to_string(),
                r.attribute("fill")?.to_string(),
                Rect {
                    x: num(&r, "x"),
                    y: num(&r, "y"),
                    width: num(&r, "width"),
                    height: num(&r, "height"),
                },
            ))
        })
        .collect()
}

fn highlighted(svg: &str) -> Vec<String> {
    marks(svg)
        .into_iter()
        .filter(|(_, f, _)| f == ORANGE)
        .map(|(l, _, _)| l)
        .collect()
}

#[test]
fn a_drag_across_bands_selects_the_bars_it_reaches_by_mouse_and_by_finger() {
    let chart = bars(r#"{"type": "interval", "encodings": ["x"]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let b = bands(&scene, 0, false);
    assert_eq!(b.len(), 4);
    let plot = scene.brush_plots[0].rect;
    let y = plot.y + plot.height / 2.0;
    // From the middle of B's band into the padding between C and D: B and C (a band
    // the brush does not reach is not selected).
    let from = (b[1].1 + b[1].2) / 2.0;
    let to = (b[2].2 + b[3].1) / 2.0;
    assert!(to > b[2].2 && to < b[3].1);
    for kind in [PointerKind::Mouse, PointerKind::Touch] {
        let (state, after) = drive(&chart, &drag((from, y), (to, y), kind));
        assert_eq!(values(&state, "level"), [text("B"), text("C")], "{kind:?}");
        let svg = to_svg(&after).unwrap();
        assert_eq!(highlighted(&svg), ["B", "C"], "{kind:?}");
        // The brush is drawn over the two bands, the plot's height.
        let rects = brush_rects(&svg);
        assert_eq!(rects.len(), 1, "{rects:?}");
        let bars = marks(&svg);
        let (rb, rc) = (bars[1].2, bars[2].2);
        let r = rects[0];
        assert!((r.x - rb.x).abs() < 1.0, "{r:?} {rb:?}");
        assert!(
            (r.x + r.width - rc.x - rc.width).abs() < 1.0,
            "{r:?} {rc:?}"
        );
        assert!((r.height - plot.height).abs() < 1.0);
    }
    // A finger drag over x leaves vertical swipes to the page.
    let state = State::with_params(&chart.spec.params);
    assert_eq!(stdviz::interact::touch_action(&state, &scene), "pan-y");
}

#[test]
fn shift_and_the_arrows_stretch_a_band_brush() {
    let chart = bars(r#"{"type": "interval", "encodings": ["x"]}"#);
    let (state, after) = drive(
        &chart,
        &[
            Event::Focus,
            Event::Modifiers { shift: true },
            Event::Key(Key::Right),
            Event::Key(Key::Right),
        ],
    );
    assert_eq!(values(&state, "level"), [text("A"), text("B"), text("C")]);
    assert_eq!(state.focus, Some(Target::Mark(2)));
    assert_eq!(highlighted(&to_svg(&after).unwrap()), ["A", "B", "C"]);
    // Escape clears.
    let (state, after) = drive_from(
        &chart,
        state,
        &[Event::Key(Key::Escape), Event::Key(Key::Escape)],
    );
    assert_eq!(state.view.selections[0].1, SelectionValue::Empty);
    assert!(brush_rects(&to_svg(&after).unwrap()).is_empty());
}

#[test]
fn an_initial_band_value_is_drawn_and_selects_its_values() {
    let s = format!(
        r##"{{"data": {{"values": {BARS}}},
          "params": [{{"name": "brush", "select": {{"type": "interval", "encodings": ["x"]}},
                      "value": {{"x": ["C", "D"]}}}}],
          "mark": "bar",
          "encoding": {{"x": {{"field": "level", "type": "nominal"}},
                        "y": {{"field": "count", "type": "quantitative"}},
                        "color": {{"condition": {{"param": "brush", "value": "#d55e00", "empty": false}},
                                  "value": "#bbbbbb"}}}}}}"##
    );
    let chart = Chart::new(&s, None).unwrap();
    let svg = to_svg(&chart.scene(VIEW).unwrap()).unwrap();
    assert_eq!(highlighted(&svg), ["C", "D"]);
    let rects = brush_rects(&svg);
    assert_eq!(rects.len(), 1);
    let bars = marks(&svg);
    assert!((rects[0].x - bars[2].2.x).abs() < 1.0);
}

/// SYNTHETIC: a grid of cells over two ordinal axes, one of numbers (as Vega-Lite's
/// `selection_project_interval` over Cylinders and Origin).
#[test]
fn a_rectangle_over_two_band_axes_selects_the_cells_in_both() {
    let mut rows = Vec::new();
    for c in [4, 6, 8] {
        for o in ["EU", "JP", "US"] {
            rows.push(format!(r#"{{"cyl":{c},"origin":"{o}"}}"#));
        }
    }
    let s = format!(
        r##"{{"data": {{"values": [{}]}},
          "params": [{{"name": "pts", "select": "interval"}}],
          "mark": "rect",
          "encoding": {{"x": {{"field": "cyl", "type": "ordinal"}},
                        "y": {{"field": "origin", "type": "ordinal"}},
                        "color": {{"condition": {{"param": "pts", "value": "#d55e00", "empty": false}},
                                  "value": "#bbbbbb"}}}}}}"##,
        rows.join(",")
    );
    let chart = Chart::new(&s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    let (bx, by) = (bands(&scene, 0, false), bands(&scene, 0, true));
    assert_eq!(bx[0].0, ConstValue::Number(4.0));
    // Cells (6 or 8) × (JP or US).
    let a = ((bx[1].1 + bx[1].2) / 2.0, (by[1].1 + by[1].2) / 2.0);
    let b = (bx[2].2 - 1.0, by[2].2 - 1.0);
    let (state, after) = drive(&chart, &drag(a, b, PointerKind::Mouse));
    assert_eq!(
        values(&state, "cyl"),
        [ConstValue::Number(6.0), ConstValue::Number(8.0)]
    );
    assert_eq!(values(&state, "origin"), [text("JP"), text("US")]);
    let svg = to_svg(&after).unwrap();
    let picked: Vec<(f32, f32)> = marks(&svg)
        .into_iter()
        .filter(|(_, f, _)| f == ORANGE)
        .map(|(_, _, r)| (r.x + r.width / 2.0, r.y + r.height / 2.0))
        .collect();
    assert_eq!(picked.len(), 4, "{picked:?}");
    for (x, y) in picked {
        assert!(x > bx[1].1 && y > by[1].1, "{x} {y}");
    }
}

/// SYNTHETIC: Vega-Lite's `bar_count_minimap` pattern — a band brush over y in a
/// minimap filters the bars of the main view.
#[test]
fn a_band_brush_in_a_minimap_filters_the_other_view() {
    let s = format!(
        r#"{{"data": {{"values": {BARS}}}, "hconcat": [
          {{"height": 100, "mark": "bar", "transform": [{{"filter": {{"param": "brush"}}}}],
            "encoding": {{"y": {{"field": "level", "type": "nominal"}},
                          "x": {{"field": "count", "type": "quantitative"}}}}}},
          {{"width": 60, "height": 100, "mark": "bar",
            "params": [{{"name": "brush", "select": {{"type": "interval", "encodings": ["y"]}}}}],
            "encoding": {{"y": {{"field": "level", "type": "nominal", "axis": null}},
                          "x": {{"field": "count", "type": "quantitative", "axis": null}}}}}}]}}"#
    );
    let chart = Chart::new(&s, None).unwrap();
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let scene = chart.scene(VIEW).unwrap();
    let by = bands(&scene, 1, true);
    let mini = scene.brush_plots[1].rect;
    let x = mini.x + mini.width / 2.0;
    let (state, after) = drive(
        &chart,
        &drag(
            (x, (by[0].1 + by[0].2) / 2.0),
            (x, (by[1].1 + by[1].2) / 2.0),
            PointerKind::Touch,
        ),
    );
    assert_eq!(values(&state, "level"), [text("A"), text("B")]);
    assert_eq!(state.view.brushes, [("brush".to_string(), 1)]);
    let svg = to_svg(&after).unwrap();
    let main = after.brush_plots[0].rect;
    let shown: Vec<String> = marks(&svg)
        .into_iter()
        .filter(|(_, _, r)| r.x < main.x + main.width)
        .map(|(l, _, _)| l)
        .collect();
    assert_eq!(shown, ["A", "B"]);
    // The brush across the minimap, from A's band to B's.
    let rects = brush_rects(&svg);
    assert_eq!(rects.len(), 1);
    assert!((rects[0].y - by[0].1).abs() < 1.0 && (rects[0].width - mini.width).abs() < 1.0);
    // Over y a finger drag is the chart's in every direction.
    assert_eq!(stdviz::interact::touch_action(&state, &after), "none");
}

/// SYNTHETIC: a band of months (`timeUnit` on an ordinal x, as Vega-Lite's
/// `selection_layer_bar_month`): the brush holds months, tested through the unit.
#[test]
fn a_band_brush_over_a_time_unit_selects_by_the_unit() {
    let rows: Vec<String> = (1..=6)
        .flat_map(|m| {
            [3, 17].map(|d| format!(r#"{{"date":"2024-{m:02}-{d:02}","rain":{}}}"#, m * 10))
        })
        .collect();
    let s = format!(
        r##"{{"data": {{"values": [{}]}}, "vconcat": [
          {{"params": [{{"name": "brush", "select": {{"type": "interval", "encodings": ["x"]}}}}],
            "mark": "bar",
            "encoding": {{"x": {{"timeUnit": "month", "field": "date", "type": "ordinal"}},
                          "y": {{"aggregate": "mean", "field": "rain", "type": "quantitative"}},
                          "color": {{"condition": {{"param": "brush", "value": "#d55e00", "empty": false}},
                                    "value": "#bbbbbb"}}}}}},
          {{"transform": [{{"filter": {{"param": "brush"}}}}],
            "mark": "bar",
            "encoding": {{"x": {{"field": "date", "type": "nominal"}},
                          "y": {{"field": "rain", "type": "quantitative"}}}}}}]}}"##,
        rows.join(",")
    );
    let chart = Chart::new(&s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    let bx = bands(&scene, 0, false);
    assert_eq!(bx.len(), 6);
    // Months compare as 1–12.
    assert_eq!(bx[1].0, ConstValue::Number(2.0));
    let plot = scene.brush_plots[0].rect;
    let y = plot.y + plot.height / 2.0;
    let (state, after) = drive(
        &chart,
        &drag(
            ((bx[1].1 + bx[1].2) / 2.0, y),
            ((bx[2].1 + bx[2].2) / 2.0, y),
            PointerKind::Mouse,
        ),
    );
    assert_eq!(
        values(&state, "date"),
        [ConstValue::Number(2.0), ConstValue::Number(3.0)]
    );
    let svg = to_svg(&after).unwrap();
    let all = marks(&svg);
    let lower = after.brush_plots[1].rect;
    let top: Vec<(String, String)> = all
        .iter()
        .filter(|(_, _, r)| r.y < lower.y)
        .map(|(l, f, _)| (l.clone(), f.clone()))
        .collect();
    let orange: Vec<&str> = top
        .iter()
        .filter(|(_, f)| f == ORANGE)
        .map(|(l, _)| l.as_str())
        .collect();
    assert_eq!(orange.len(), 2, "{top:?}");
    // The lower view keeps the four days of February and March.
    let days: Vec<&str> = all
        .iter()
        .filter(|(_, _, r)| r.y >= lower.y - 1.0)
        .map(|(l, _, _)| l.as_str())
        .collect();
    assert_eq!(days.len(), 4, "{days:?}");
    assert!(
        days.iter()
            .all(|d| d.contains("-02-") || d.contains("-03-")),
        "{days:?}"
    );
    // The same selection given as a view state (no drag) draws the same.
    let view = ViewState {
        selections: state.view.selections.clone(),
        ..ViewState::default()
    };
    let again = to_svg(&chart.scene_with(VIEW, &view).unwrap()).unwrap();
    assert_eq!(marks(&again).len(), all.len());
}
