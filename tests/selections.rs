#![cfg(not(target_arch = "wasm32"))]
//! Vega-Lite `params` (selections and value parameters) as stdviz reads them: the initial
//! state drawn as Vega draws it before any interaction, a changed selection redrawn, value
//! parameters read by expressions — checked on the SVG (each data mark's fill and
//! opacity read back by its `data-label`). The data are SYNTHETIC.

mod common;

use stdviz::layout::{ViewState, Viewport};
use stdviz::spec::{ConstValue, Extent, ParamValue, SelectionValue};
use stdviz::svg::to_svg;
use stdviz::Chart;

use common::drag;

const DATA: &str = r#"[{"level":"A","count":80},{"level":"B","count":37},{"level":"C","count":8},{"level":"D","count":63}]"#;

fn spec(params: &str, encoding_extra: &str, transform: &str) -> String {
    format!(
        r#"{{"data":{{"values":{DATA}}},"params":{params},"transform":{transform},"mark":"bar",
        "encoding":{{"x":{{"field":"level","type":"nominal"}},"y":{{"field":"count","type":"quantitative"}}{encoding_extra}}}}}"#
    )
}

/// Each data mark's label with its fill and fill-opacity, in drawing order.
fn marks(svg: &str) -> Vec<(String, String, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is XML");
    let mut out = Vec::new();
    for g in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("m"))
    {
        let label = g.attribute("data-label").unwrap_or("").to_string();
        if let Some(shape) = g
            .descendants()
            .find(|n| matches!(n.tag_name().name(), "rect" | "polygon"))
        {
            let fill = shape.attribute("fill").unwrap_or("").to_string();
            let opacity = shape
                .attribute("fill-opacity")
                .or(shape.attribute("opacity"))
                .and_then(|o| o.parse().ok())
                .unwrap_or(1.0);
            out.push((label, fill, opacity));
        }
    }
    out
}

fn render(chart: &Chart, view: &ViewState) -> String {
    let scene = chart
        .scene_with(
            Viewport {
                width: 480.0,
                height: None,
            },
            view,
        )
        .expect("layout");
    to_svg(&scene).expect("svg")
}

fn fills(chart: &Chart, view: &ViewState) -> Vec<(String, String)> {
    marks(&render(chart, view))
        .into_iter()
        .map(|(l, f, _)| (l, f))
        .collect()
}

const CLICK: &str = r#"[{"name":"pick","select":{"type":"point","fields":["level"]}}]"#;

#[test]
fn an_empty_point_selection_selects_every_mark_unless_empty_is_false() {
    let all = spec(
        CLICK,
        r##","color":{"condition":{"param":"pick","value":"#d55e00"},"value":"#bbbbbb"}"##,
        "[]",
    );
    let chart = Chart::new(&all, None).unwrap();
    let f = fills(&chart, &ViewState::default());
    assert_eq!(f.len(), 4, "{f:?}");
    assert!(f.iter().all(|(_, c)| c == "#D55E00"), "{f:?}");

    let none = all.replace(r#""param":"pick","#, r#""param":"pick","empty":false,"#);
    let chart = Chart::new(&none, None).unwrap();
    let f = fills(&chart, &ViewState::default());
    assert!(f.iter().all(|(_, c)| c == "#BBBBBB"), "{f:?}");
}

#[test]
fn a_selection_value_colours_only_its_marks() {
    let s = spec(
        CLICK,
        r##","color":{"condition":{"param":"pick","value":"#d55e00"},"value":"#bbbbbb"}"##,
        "[]",
    );
    let chart = Chart::new(&s, None).unwrap();
    let view = ViewState {
        selections: vec![(
            "pick".into(),
            SelectionValue::Points(vec![
                vec![ConstValue::Text("B".into())],
                vec![ConstValue::Text("D".into())],
            ]),
        )],
        ..ViewState::default()
    };
    let f = fills(&chart, &view);
    let orange: Vec<&str> = f
        .iter()
        .filter(|(_, c)| c == "#D55E00")
        .map(|(l, _)| l.as_str())
        .collect();
    assert_eq!(orange, ["B", "D"], "{f:?}");
    assert_eq!(f.iter().filter(|(_, c)| c == "#BBBBBB").count(), 2);
}

#[test]
fn an_initial_point_value_is_drawn_before_any_interaction() {
    let params =
        r#"[{"name":"pick","select":{"type":"point","fields":["level"]},"value":[{"level":"C"}]}]"#;
    let s = spec(
        params,
        r#","opacity":{"condition":{"param":"pick","value":1},"value":0.25}"#,
        "[]",
    );
    let chart = Chart::new(&s, None).unwrap();
    let m = marks(&render(&chart, &ViewState::default()));
    for (label, _, opacity) in &m {
        let expected = if label == "C" { 1.0 } else { 0.25 };
        assert!((opacity - expected).abs() < 1e-6, "{m:?}");
    }
}

#[test]
fn a_field_condition_shows_the_field_where_selected_and_the_value_elsewhere() {
    let s = spec(
        CLICK,
        r##","color":{"condition":{"param":"pick","field":"level","type":"nominal"},"value":"#bbbbbb"}"##,
        "[]",
    );
    let chart = Chart::new(&s, None).unwrap();
    let before = fills(&chart, &ViewState::default());
    // Empty selection: every bar in its category colour, four different ones.
    let mut distinct: Vec<&str> = before.iter().map(|(_, c)| c.as_str()).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{before:?}");
    assert!(!distinct.contains(&"#BBBBBB"));
    let view = ViewState {
        selections: vec![(
            "pick".into(),
            SelectionValue::Points(vec![vec![ConstValue::Text("A".into())]]),
        )],
        ..ViewState::default()
    };
    let after = fills(&chart, &view);
    for ((label, c0), (_, c1)) in before.iter().zip(&after) {
        if label == "A" {
            assert_eq!(c0, c1, "the selected bar keeps its colour");
        } else {
            assert_eq!(c1, "#BBBBBB", "{after:?}");
        }
    }
}

#[test]
fn filter_by_an_interval_selection_keeps_the_rows_in_its_range() {
    let params = r#"[{"name":"brush","select":{"type":"interval","encodings":["y"]},"value":{"y":[30,70]}}]"#;
    let s = spec(params, "", r#"[{"filter":{"param":"brush"}}]"#);
    let chart = Chart::new(&s, None).unwrap();
    let labels: Vec<String> = fills(&chart, &ViewState::default())
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, ["B", "D"]);
    // Cleared by the reader: an empty selection keeps every row.
    let view = ViewState {
        selections: vec![("brush".into(), SelectionValue::Empty)],
        ..ViewState::default()
    };
    assert_eq!(fills(&chart, &view).len(), 4);
}

#[test]
fn value_parameters_are_variables_of_expressions_and_expr_objects() {
    let params = r#"[{"name":"cutoff","value":50,"bind":{"input":"range","min":0,"max":100,"step":1,"name":"At least "}},
                     {"name":"fade","expr":"cutoff > 40 ? 0.5 : 1"}]"#;
    let s = spec(params, "", r#"[{"filter":"datum.count >= cutoff"}]"#).replace(
        r#""mark":"bar""#,
        r#""mark":{"type":"bar","opacity":{"expr":"fade"}}"#,
    );
    let chart = Chart::new(&s, None).unwrap();
    let m = marks(&render(&chart, &ViewState::default()));
    let labels: Vec<&str> = m.iter().map(|(l, _, _)| l.as_str()).collect();
    assert_eq!(labels, ["A", "D"]);
    assert!(m.iter().all(|(_, _, o)| (o - 0.5).abs() < 1e-6), "{m:?}");
    // The slider moved to 5: parsed again with the new value.
    let json: serde_json::Value = serde_json::from_str(&s).unwrap();
    let parsed =
        stdviz::spec::parse_value_with(&json, &[("cutoff".into(), ParamValue::Number(5.0))])
            .unwrap();
    let chart = Chart {
        spec: parsed.spec,
        ..chart
    };
    let m = marks(&render(&chart, &ViewState::default()));
    assert_eq!(m.len(), 4);
    assert!(m.iter().all(|(_, _, o)| (o - 1.0).abs() < 1e-6), "{m:?}");
}

#[test]
fn every_gallery_form_of_params_parses() {
    let forms = [
        r#"[{"name":"p","select":{"type":"point","on":"pointerover","nearest":true,"clear":"pointerout","toggle":false}}]"#,
        r#"[{"name":"b","select":{"type":"interval","encodings":["y"],"on":"[pointerdown[event.shiftKey], pointerup] > pointermove","translate":"[pointerdown[event.shiftKey], pointerup] > pointermove!","zoom":false,"resolve":"global"}}]"#,
        r#"[{"name":"grid","select":"interval","bind":"scales"}]"#,
        r#"[{"name":"lv","select":{"type":"point","fields":["level"]},"bind":{"input":"select","options":[null,"A","B"],"labels":["All","A","B"],"name":"Level "}}]"#,
        r#"[{"name":"lv","select":{"type":"point","fields":["level"]},"bind":"legend"}]"#,
        r#"[{"name":"lv","select":{"type":"point","fields":["level"]},"bind":{"legend":"dblclick"}}]"#,
        r#"[{"name":"on","value":true,"bind":{"input":"checkbox"}},{"name":"r","value":"a","bind":{"input":"radio","options":["a","b"]}},{"name":"t","value":"","bind":{"input":"search","placeholder":"name","name":"Find "}}]"#,
        r#"[{"name":"tick","select":{"type":"point","on":"timer"}}]"#,
    ];
    for params in forms {
        let s = spec(params, "", "[]");
        let parsed = stdviz::spec::parse(&s).unwrap_or_else(|e| panic!("{params}: {e}"));
        assert!(!parsed.spec.params.is_empty());
    }
}

#[test]
fn params_errors_name_their_path() {
    let cases = [
        (
            r#"[{"name":"p","select":{"type":"point","on":"wheel!"}}]"#,
            "params[0].select.on",
        ),
        (
            r#"[{"name":"p","select":"interval","bind":"legend"}]"#,
            "params[0].bind",
        ),
        (
            r#"[{"name":"p","value":1,"bind":{"input":"slider"}}]"#,
            "params[0].bind.input",
        ),
        (
            r#"[{"name":"p","value":1},{"name":"p","value":2}]"#,
            "params[1].name",
        ),
    ];
    for (params, path) in cases {
        let e = stdviz::spec::parse(&spec(params, "", "[]"))
            .err()
            .unwrap_or_else(|| panic!("{params} was accepted"))
            .to_string();
        assert!(e.contains(&format!("at {path}:")), "{path}: {e}");
    }
    // A condition naming a param the spec does not have.
    let s = spec(
        CLICK,
        r#","color":{"condition":{"param":"nope","value":"red"},"value":"grey"}"#,
        "[]",
    );
    let e = stdviz::spec::parse(&s).err().unwrap().to_string();
    assert!(e.contains("encoding.color.condition.param"), "{e}");
}

// ---- The reader drives the selections through `interact::step` ----

use stdviz::interact::{step, Event, Key, PointerKind, State};
use stdviz::scene::Scene;

const VIEW: Viewport = Viewport {
    width: 480.0,
    height: None,
};

/// Runs `events` as the browser glue does: a new layout whenever the view changed.
fn drive(chart: &Chart, events: &[Event]) -> (State, Scene) {
    let mut state = State::with_params(&chart.spec.params);
    let mut scene = chart.scene_with(VIEW, &state.view).unwrap();
    for e in events {
        let (next, _) = step(&state, *e, &scene);
        if next.view != state.view {
            scene = chart.scene_with(VIEW, &next.view).unwrap();
            state = next;
            state.after_layout(&scene);
        } else {
            state = next;
        }
    }
    (state, scene)
}

/// The centre of the mark labelled `label`.
fn centre(chart: &Chart, label: &str) -> (f32, f32) {
    let scene = chart.scene(VIEW).unwrap();
    (0..scene.mark_count())
        .find(|&m| {
            scene
                .mark_item(m)
                .is_some_and(|i| scene.items[i].label == label)
        })
        .and_then(|m| scene.mark_anchor(m))
        .map(|(x, y, _)| (x, y))
        .unwrap_or_else(|| panic!("no mark {label}"))
}

fn click(chart: &Chart, label: &str, kind: PointerKind) -> [Event; 2] {
    let (x, y) = centre(chart, label);
    [
        Event::PointerDown { id: 1, x, y, kind },
        Event::PointerUp { id: 1, x, y, kind },
    ]
}

/// The labels of the marks drawn in the condition's colour.
fn highlighted(chart: &Chart, state: &State) -> Vec<String> {
    fills(chart, &state.view)
        .into_iter()
        .filter(|(_, c)| c == "#D55E00")
        .map(|(l, _)| l)
        .collect()
}

fn click_chart(select: &str) -> Chart {
    let params = format!(r#"[{{"name":"pick","select":{select}}}]"#);
    let s = spec(
        &params,
        r##","color":{"condition":{"param":"pick","value":"#d55e00","empty":false},"value":"#bbbbbb"}"##,
        "[]",
    );
    Chart::new(&s, None).unwrap()
}

#[test]
fn a_click_selects_its_mark_shift_click_toggles_and_escape_clears() {
    let chart = click_chart(r#"{"type":"point","fields":["level"]}"#);
    let mut events: Vec<Event> = click(&chart, "B", PointerKind::Mouse).to_vec();
    let (state, _) = drive(&chart, &events);
    assert_eq!(highlighted(&chart, &state), ["B"]);
    // Shift-click D adds it; shift-click B removes B.
    events.push(Event::Modifiers { shift: true });
    events.extend(click(&chart, "D", PointerKind::Mouse));
    let (state, _) = drive(&chart, &events);
    assert_eq!(highlighted(&chart, &state), ["B", "D"]);
    events.extend(click(&chart, "B", PointerKind::Mouse));
    let (state, _) = drive(&chart, &events);
    assert_eq!(highlighted(&chart, &state), ["D"]);
    // A plain click replaces.
    events.push(Event::Modifiers { shift: false });
    events.extend(click(&chart, "A", PointerKind::Mouse));
    let (state, _) = drive(&chart, &events);
    assert_eq!(highlighted(&chart, &state), ["A"]);
    // Escape (the first may close a tooltip) empties it; so does a double click.
    let mut esc = events.clone();
    esc.extend([Event::Key(Key::Escape), Event::Key(Key::Escape)]);
    let (state, _) = drive(&chart, &esc);
    assert!(highlighted(&chart, &state).is_empty());
    events.push(Event::DoubleClick);
    let (state, _) = drive(&chart, &events);
    assert!(highlighted(&chart, &state).is_empty());
}

#[test]
fn toggle_false_ignores_shift() {
    let chart = click_chart(r#"{"type":"point","fields":["level"],"toggle":false}"#);
    let mut events: Vec<Event> = click(&chart, "B", PointerKind::Mouse).to_vec();
    events.push(Event::Modifiers { shift: true });
    events.extend(click(&chart, "D", PointerKind::Mouse));
    let (state, _) = drive(&chart, &events);
    assert_eq!(highlighted(&chart, &state), ["D"]);
}

#[test]
fn a_tap_and_the_keyboard_select_as_a_click_does() {
    let chart = click_chart(r#""point""#);
    let (state, _) = drive(&chart, &click(&chart, "C", PointerKind::Touch));
    assert_eq!(highlighted(&chart, &state), ["C"]);
    // Tab to the chart (focus on the first mark in reading order), → to the second,
    // Enter (Space is sent as Enter by the glue).
    let (state, _) = drive(
        &chart,
        &[Event::Focus, Event::Key(Key::Right), Event::Key(Key::Enter)],
    );
    assert_eq!(highlighted(&chart, &state), ["B"]);
}

#[test]
fn a_hover_selection_follows_the_pointer_and_clears_on_leaving() {
    let chart = click_chart(
        r#"{"type":"point","fields":["level"],"on":"pointerover","clear":"pointerout"}"#,
    );
    let (x, y) = centre(&chart, "D");
    let over = Event::PointerMove {
        id: 1,
        x,
        y,
        kind: PointerKind::Mouse,
    };
    let (state, _) = drive(&chart, &[over]);
    assert_eq!(highlighted(&chart, &state), ["D"]);
    // A click does not select a hover selection's mark; leaving clears it.
    let (state, _) = drive(&chart, &[over, Event::PointerLeave]);
    assert!(highlighted(&chart, &state).is_empty());
}

#[test]
fn dragging_over_the_plot_draws_an_interval_brush_and_selects_the_points_inside() {
    let s = r##"{"data":{"values":[{"t":1,"v":5,"n":"a"},{"t":2,"v":7,"n":"b"},{"t":3,"v":4,"n":"c"},{"t":4,"v":9,"n":"d"},{"t":5,"v":6,"n":"e"}]},
        "params":[{"name":"brush","select":{"type":"interval","encodings":["x"]}}],
        "mark":"square",
        "encoding":{"x":{"field":"t","type":"quantitative"},"y":{"field":"v","type":"quantitative"},
                    "color":{"condition":{"param":"brush","value":"#d55e00","empty":false},"value":"#bbbbbb"}}}"##;
    let chart = Chart::new(s, None).unwrap();
    let scene = chart.scene(VIEW).unwrap();
    let zoom = scene.zoom.expect("a continuous x axis");
    let px = |t: f64| {
        zoom.range.0
            + ((t - zoom.domain.0) / (zoom.domain.1 - zoom.domain.0)) as f32
                * (zoom.range.1 - zoom.range.0)
    };
    let y = scene.plot.y + scene.plot.height / 2.0;
    let (x0, x1) = (px(1.5), px(3.5));
    let mouse = PointerKind::Mouse;
    let events = [
        Event::PointerDown {
            id: 1,
            x: x0,
            y,
            kind: mouse,
        },
        Event::PointerMove {
            id: 1,
            x: (x0 + x1) / 2.0,
            y,
            kind: mouse,
        },
        Event::PointerMove {
            id: 1,
            x: x1,
            y,
            kind: mouse,
        },
        Event::PointerUp {
            id: 1,
            x: x1,
            y,
            kind: mouse,
        },
    ];
    let (state, _) = drive(&chart, &events);
    let SelectionValue::Interval(ranges) = &state.view.selections[0].1 else {
        panic!("{:?}", state.view.selections);
    };
    assert_eq!(ranges[0].0, "t");
    let Extent::Range(lo, hi) = ranges[0].1 else {
        panic!("{ranges:?}");
    };
    assert!(
        (lo - 1.5).abs() < 0.05 && (hi - 3.5).abs() < 0.05,
        "{ranges:?}"
    );
    let svg = render(&chart, &state.view);
    assert_eq!(highlighted(&chart, &state), ["2", "3"]);
    // The band is in the picture: a translucent rect as wide as the drag.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let band = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "rect")
        .find(|n| {
            let w: f32 = n
                .attribute("width")
                .and_then(|w| w.parse().ok())
                .unwrap_or(0.0);
            let o: f32 = n
                .attribute("opacity")
                .and_then(|o| o.parse().ok())
                .unwrap_or(1.0);
            (w - (x1 - x0)).abs() <= 1.5 && o < 0.5
        });
    assert!(band.is_some(), "no brush band in {svg}");
    // The zoom did not move: a drag on a brushable plot brushes, it does not pan.
    assert_eq!(state.view.zoom, None);
}

#[test]
fn an_input_element_changes_a_value_parameter_or_a_bound_selection() {
    let params = r#"[{"name":"cutoff","value":50,"bind":{"input":"range","min":0,"max":100}},
                     {"name":"lv","select":{"type":"point","fields":["level"]},"bind":{"input":"select","options":[null,"A","C"]}}]"#;
    let s = spec(
        params,
        r##","color":{"condition":{"param":"lv","value":"#d55e00","empty":false},"value":"#bbbbbb"}"##,
        r#"[{"filter":"datum.count >= cutoff"}]"#,
    );
    let chart = Chart::new(&s, None).unwrap();
    let labels = |state: &State| -> Vec<String> {
        fills(&chart, &state.view)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    };
    let (state, _) = drive(&chart, &[]);
    assert_eq!(labels(&state), ["A", "D"]);
    // The slider to 5: every bar but none highlighted; then the drop-down to "C".
    let (state, _) = drive(
        &chart,
        &[Event::Input {
            param: 0,
            number: 5.0,
        }],
    );
    assert_eq!(labels(&state), ["A", "B", "C", "D"]);
    assert!(highlighted(&chart, &state).is_empty());
    let (state, _) = drive(
        &chart,
        &[
            Event::Input {
                param: 0,
                number: 5.0,
            },
            Event::Input {
                param: 1,
                number: 2.0,
            },
        ],
    );
    assert_eq!(highlighted(&chart, &state), ["C"]);
    // Back to the first option (null): nothing selected.
    let (state, _) = drive(
        &chart,
        &[
            Event::Input {
                param: 1,
                number: 2.0,
            },
            Event::Input {
                param: 1,
                number: 0.0,
            },
        ],
    );
    assert!(highlighted(&chart, &state).is_empty());
}

#[test]
fn a_point_selection_without_fields_picks_an_aggregated_bar_by_its_group() {
    let s = r##"{"data":{"values":[{"level":"A","count":30},{"level":"A","count":50},{"level":"B","count":37}]},
        "params":[{"name":"pick","select":"point"}],
        "mark":"bar",
        "encoding":{"x":{"field":"level","type":"nominal"},"y":{"aggregate":"sum","field":"count","type":"quantitative"},
                    "color":{"condition":{"param":"pick","value":"#d55e00","empty":false},"value":"#bbbbbb"}}}"##;
    let chart = Chart::new(s, None).unwrap();
    let (state, _) = drive(&chart, &click(&chart, "A", PointerKind::Mouse));
    assert_eq!(highlighted(&chart, &state), ["A"]);
}

#[test]
fn shift_and_the_arrows_stretch_a_brush_from_the_focused_mark() {
    let s = r##"{"data":{"values":[{"t":1,"v":5},{"t":2,"v":7},{"t":3,"v":4},{"t":4,"v":9},{"t":5,"v":6}]},
        "params":[{"name":"brush","select":{"type":"interval","encodings":["x"]}}],
        "mark":"square",
        "encoding":{"x":{"field":"t","type":"quantitative"},"y":{"field":"v","type":"quantitative"},
                    "color":{"condition":{"param":"brush","value":"#d55e00","empty":false},"value":"#bbbbbb"}}}"##;
    let chart = Chart::new(s, None).unwrap();
    // Focus lands on the first mark (t = 1); → to t = 2; Shift+→ twice: t = 2‥4.
    let (state, _) = drive(
        &chart,
        &[
            Event::Focus,
            Event::Key(Key::Right),
            Event::Modifiers { shift: true },
            Event::Key(Key::Right),
            Event::Key(Key::Right),
        ],
    );
    assert_eq!(highlighted(&chart, &state), ["2", "3", "4"]);
    let (state, _) = drive(
        &chart,
        &[
            Event::Focus,
            Event::Modifiers { shift: true },
            Event::Key(Key::Right),
            Event::Modifiers { shift: false },
            Event::Key(Key::Escape),
            Event::Key(Key::Escape),
        ],
    );
    assert!(highlighted(&chart, &state).is_empty());
}

// ---- Interval selections over x and y (Vega-Lite's default), and `nearest` ----

/// A scatter of SYNTHETIC points (t, v), coloured where the selection `b` holds.
fn scatter(select: &str) -> Chart {
    let s = format!(
        r##"{{"data":{{"values":[{{"t":1,"v":5}},{{"t":2,"v":7}},{{"t":3,"v":4}},{{"t":4,"v":9}},{{"t":5,"v":6}}]}},
        "params":[{{"name":"b","select":{select}}}],
        "mark":"square",
        "encoding":{{"x":{{"field":"t","type":"quantitative"}},"y":{{"field":"v","type":"quantitative"}},
                    "color":{{"condition":{{"param":"b","value":"#d55e00","empty":false}},"value":"#bbbbbb"}}}}}}"##
    );
    Chart::new(&s, None).unwrap()
}

/// The pixel of data point (t, v) on the chart's brush axes.
fn pixel(scene: &Scene, t: f64, v: f64) -> (f32, f32) {
    (
        x_axis(scene).pixel_of(t),
        y_axis(scene).expect("a continuous y").pixel_of(v),
    )
}

/// The continuous x axis of the chart's one plot.
fn x_axis(scene: &Scene) -> stdviz::scene::ZoomAxis {
    scene.brush_plots[0]
        .x
        .as_ref()
        .and_then(|a| a.continuous())
        .expect("a continuous x")
}

/// The continuous y axis of the chart's one plot.
fn y_axis(scene: &Scene) -> Option<stdviz::scene::ZoomAxis> {
    scene.brush_plots.first()?.y.as_ref()?.continuous()
}

/// The interval's ranges by field, rounded to a tenth.
fn ranges(state: &State) -> Vec<(String, f64, f64)> {
    let Some((_, SelectionValue::Interval(r))) = state.view.selections.first() else {
        panic!("no interval: {:?}", state.view.selections);
    };
    r.iter()
        .map(|(f, e)| {
            let Extent::Range(a, b) = e else {
                panic!("not a range: {r:?}");
            };
            (
                f.clone(),
                (a * 10.0).round() / 10.0,
                (b * 10.0).round() / 10.0,
            )
        })
        .collect()
}

/// The translucent brush rects of the SVG: (x, y, width, height).
fn brush_rects(svg: &str) -> Vec<(f32, f32, f32, f32)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let num = |n: &roxmltree::Node, a: &str| -> f32 {
        n.attribute(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f32::NAN)
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "rect")
        .filter(|n| {
            n.attribute("opacity")
                .and_then(|o| o.parse::<f32>().ok())
                .is_some_and(|o| o < 0.5)
        })
        .map(|n| {
            (
                num(&n, "x"),
                num(&n, "y"),
                num(&n, "width"),
                num(&n, "height"),
            )
        })
        .collect()
}

#[test]
fn a_default_interval_brushes_x_and_y_by_mouse_and_by_touch() {
    let chart = scatter(r#""interval""#);
    let scene = chart.scene(VIEW).unwrap();
    for kind in [PointerKind::Mouse, PointerKind::Touch] {
        let (a, b) = (pixel(&scene, 1.5, 5.5), pixel(&scene, 5.5, 8.0));
        let (state, _) = drive(&chart, &drag(a, b, kind));
        // t from 1.5 to the plot's right edge (the brush stays in the plot).
        let r = ranges(&state);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!((r[0].0.as_str(), r[0].1), ("t", 1.5), "{kind:?} {r:?}");
        assert!(r[0].2 >= 5.0, "{r:?}");
        assert_eq!(r[1], ("v".to_string(), 5.5, 8.0), "{kind:?}");
        // Inside both ranges: (2, 7) and (5, 6); (4, 9) is above, (3, 4) below.
        assert_eq!(highlighted(&chart, &state), ["2", "5"], "{kind:?}");
        assert_eq!(state.view.zoom, None, "a brushing drag does not pan");
        // The grey rectangle spans the drag (its right side at the plot's edge).
        let svg = render(&chart, &state.view);
        let rects = brush_rects(&svg);
        assert_eq!(rects.len(), 1, "{rects:?}");
        let (x, y, w, h) = rects[0];
        let plot = scene.plot;
        assert!((x - a.0).abs() <= 1.0, "{x} vs {}", a.0);
        assert!((x + w - (plot.x + plot.width)).abs() <= 1.0);
        assert!(
            (y - b.1).abs() <= 1.0 && (y + h - a.1).abs() <= 1.0,
            "{rects:?} {a:?} {b:?}"
        );
    }
    // A double click clears it.
    let mut events = drag(
        pixel(&scene, 1.5, 5.5),
        pixel(&scene, 5.5, 8.0),
        PointerKind::Mouse,
    );
    events.push(Event::DoubleClick);
    let (state, _) = drive(&chart, &events);
    assert!(highlighted(&chart, &state).is_empty());
    assert!(brush_rects(&render(&chart, &state.view)).is_empty());
}

#[test]
fn an_interval_over_y_only_is_a_band_across_the_plot() {
    let chart = scatter(r#"{"type":"interval","encodings":["y"]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let (a, b) = (pixel(&scene, 2.0, 4.5), pixel(&scene, 2.5, 6.5));
    let (state, _) = drive(&chart, &drag(a, b, PointerKind::Mouse));
    assert_eq!(ranges(&state), [("v".to_string(), 4.5, 6.5)]);
    assert_eq!(highlighted(&chart, &state), ["1", "5"]);
    let rects = brush_rects(&render(&chart, &state.view));
    let (x, _, w, h) = rects[0];
    assert!((x - scene.plot.x).abs() <= 1.0 && (w - scene.plot.width).abs() <= 1.0);
    assert!((h - (a.1 - b.1)).abs() <= 1.0, "{rects:?}");
    // Bars: the default interval over a nominal x and a quantitative y is over y.
    let bars = spec(
        r#"[{"name":"b","select":"interval"}]"#,
        r##","color":{"condition":{"param":"b","value":"#d55e00","empty":false},"value":"#bbbbbb"}"##,
        "[]",
    );
    let bars = Chart::new(&bars, None).unwrap();
    let scene = bars.scene(VIEW).unwrap();
    let y = |v: f64| y_axis(&scene).unwrap().pixel_of(v);
    let x = scene.plot.x + scene.plot.width / 2.0;
    let (state, _) = drive(&bars, &drag((x, y(30.0)), (x, y(70.0)), PointerKind::Touch));
    assert_eq!(ranges(&state), [("count".to_string(), 30.0, 70.0)]);
    assert_eq!(highlighted(&bars, &state), ["B", "D"]);
}

#[test]
fn an_x_interval_keeps_its_band_and_the_zoom_still_pans_without_one() {
    let chart = scatter(r#"{"type":"interval","encodings":["x"]}"#);
    let scene = chart.scene(VIEW).unwrap();
    let (state, _) = drive(
        &chart,
        &drag(
            pixel(&scene, 1.5, 8.5),
            pixel(&scene, 3.5, 4.5),
            PointerKind::Mouse,
        ),
    );
    assert_eq!(ranges(&state), [("t".to_string(), 1.5, 3.5)]);
    assert_eq!(highlighted(&chart, &state), ["2", "3"]);
    let rects = brush_rects(&render(&chart, &state.view));
    assert!((rects[0].3 - scene.plot.height).abs() <= 1.0, "{rects:?}");
    assert_eq!(
        stdviz::interact::touch_action(&state, &scene),
        "pan-y",
        "an x brush takes horizontal drags"
    );
    let both = scatter(r#""interval""#);
    let state = State::with_params(&both.spec.params);
    assert_eq!(stdviz::interact::touch_action(&state, &scene), "none");
}

#[test]
fn shift_and_the_arrows_stretch_a_brush_in_x_and_y() {
    let chart = scatter(r#""interval""#);
    // Focus lands on (1, 5); Shift+↑ walks up to (5, 6) then (2, 7): v from 5 to 7;
    // Shift+→ walks in reading order to (3, 4): t from 1 to 3.
    let (state, _) = drive(
        &chart,
        &[
            Event::Focus,
            Event::Modifiers { shift: true },
            Event::Key(Key::Up),
            Event::Key(Key::Up),
            Event::Key(Key::Right),
        ],
    );
    assert_eq!(
        ranges(&state),
        [("t".to_string(), 1.0, 3.0), ("v".to_string(), 5.0, 7.0)]
    );
    assert_eq!(highlighted(&chart, &state), ["1", "2"]);
    // Shift+↓ walks back down; the x range stays.
    let (state, _) = drive(
        &chart,
        &[
            Event::Focus,
            Event::Modifiers { shift: true },
            Event::Key(Key::Up),
            Event::Key(Key::Up),
            Event::Key(Key::Right),
            Event::Key(Key::Down),
        ],
    );
    assert_eq!(ranges(&state)[0], ("t".to_string(), 1.0, 3.0));
    // Escape (the tooltip first) clears.
    let (state, _) = drive(
        &chart,
        &[
            Event::Focus,
            Event::Modifiers { shift: true },
            Event::Key(Key::Up),
            Event::Modifiers { shift: false },
            Event::Key(Key::Escape),
            Event::Key(Key::Escape),
        ],
    );
    assert!(highlighted(&chart, &state).is_empty());
}

#[test]
fn nearest_selects_the_mark_nearest_to_a_click_or_tap_anywhere_in_the_plot() {
    let near = scatter(r#"{"type":"point","fields":["t"],"nearest":true}"#);
    let scene = near.scene(VIEW).unwrap();
    // 25 px left of and below (4, 9): on no mark, nearest to it.
    let (x, y) = pixel(&scene, 4.0, 9.0);
    let (x, y) = (x - 25.0, y + 25.0);
    assert!(scene.hit(x, y).is_none());
    assert_eq!(
        scene
            .nearest_mark(x, y)
            .and_then(|m| scene.mark_item(m))
            .map(|i| scene.items[i].label.clone()),
        Some("4".to_string())
    );
    for kind in [PointerKind::Mouse, PointerKind::Touch] {
        let (state, _) = drive(
            &near,
            &[
                Event::PointerDown { id: 1, x, y, kind },
                Event::PointerUp { id: 1, x, y, kind },
            ],
        );
        assert_eq!(highlighted(&near, &state), ["4"], "{kind:?}");
    }
    // Without `nearest`, a click beside the marks selects nothing.
    let plain = scatter(r#"{"type":"point","fields":["t"]}"#);
    let (state, _) = drive(
        &plain,
        &[
            Event::PointerDown {
                id: 1,
                x,
                y,
                kind: PointerKind::Mouse,
            },
            Event::PointerUp {
                id: 1,
                x,
                y,
                kind: PointerKind::Mouse,
            },
        ],
    );
    assert!(highlighted(&plain, &state).is_empty());
    // Hovering with `nearest` follows the pointer.
    let hover = scatter(r#"{"type":"point","fields":["t"],"on":"pointerover","nearest":true}"#);
    let (state, _) = drive(
        &hover,
        &[Event::PointerMove {
            id: 1,
            x,
            y,
            kind: PointerKind::Mouse,
        }],
    );
    assert_eq!(highlighted(&hover, &state), ["4"]);
    // A tap does what the hover does.
    let touch = PointerKind::Touch;
    let (state, _) = drive(
        &hover,
        &[
            Event::PointerDown {
                id: 1,
                x,
                y,
                kind: touch,
            },
            Event::PointerUp {
                id: 1,
                x,
                y,
                kind: touch,
            },
        ],
    );
    assert_eq!(highlighted(&hover, &state), ["4"]);
}

/// SYNTHETIC points (t, v) whose x and y are bound to the scales (`mark`: point or line).
fn scales_chart(mark: &str) -> Chart {
    let s = format!(
        r#"{{"data":{{"values":[{{"t":1,"v":10}},{{"t":2,"v":30}},{{"t":3,"v":50}},{{"t":4,"v":70}},{{"t":5,"v":90}}]}},
        "params":[{{"name":"grid","select":"interval","bind":"scales"}}],
        "mark":"{mark}",
        "encoding":{{"x":{{"field":"t","type":"quantitative"}},"y":{{"field":"v","type":"quantitative"}}}}}}"#
    );
    Chart::new(&s, None).unwrap()
}

#[test]
fn bind_scales_pans_and_zooms_a_continuous_y_under_points() {
    let chart = scales_chart("point");
    let scene = chart.scene(VIEW).unwrap();
    let full = y_axis(&scene).expect("a continuous y").domain;
    assert!(scene.brush_plots[0].y_pans);
    let state = State::with_params(&chart.spec.params);
    assert_eq!(stdviz::interact::touch_action(&state, &scene), "none");
    assert!(stdviz::interact::takes_wheel(&state, &scene, (0.0, 0.0)));
    // The wheel zooms y about the pointer (and x, stdviz's own zoom).
    let (x, y) = pixel(&scene, 3.0, 50.0);
    let (state, zoomed) = drive(
        &chart,
        &[Event::Wheel {
            x,
            y,
            delta: -300.0,
        }],
    );
    let (lo, hi) = state.view.zoom_y.expect("zoomed in on y");
    assert!(
        lo < 50.0 && 50.0 < hi && hi - lo < (full.1 - full.0) * 0.8,
        "{lo}‥{hi} of {full:?}"
    );
    assert!(state.view.zoom.is_some());
    // The y axis shows the window; the points outside it are left out.
    assert_eq!(y_axis(&zoomed).unwrap().domain, (lo, hi));
    let inside = [10.0, 30.0, 50.0, 70.0, 90.0]
        .iter()
        .filter(|v| (lo..=hi).contains(*v))
        .count();
    assert!(inside < 5);
    assert_eq!(zoomed.mark_count(), inside);
    // A drag down moves the window up (the data follow the pointer).
    let mut events = vec![Event::Wheel {
        x,
        y,
        delta: -300.0,
    }];
    events.extend(drag((x, y), (x, y + 40.0), PointerKind::Mouse));
    let (panned, _) = drive(&chart, &events);
    let (lo2, hi2) = panned.view.zoom_y.unwrap();
    assert!(
        lo2 > lo && ((hi2 - lo2) - (hi - lo)).abs() < 1e-6,
        "{lo}‥{hi} → {lo2}‥{hi2}"
    );
    // A double click shows everything again.
    events.push(Event::DoubleClick);
    let (reset, _) = drive(&chart, &events);
    assert_eq!((reset.view.zoom_y, reset.view.zoom), (None, None));
    // Lines would need clipping across the window: their y stays.
    let lines = scales_chart("line");
    let scene = lines.scene(VIEW).unwrap();
    assert!(!scene.brush_plots.iter().any(|p| p.y_pans));
    let plain = State::with_params(&lines.spec.params);
    assert_eq!(stdviz::interact::touch_action(&plain, &scene), "pan-y");
    let (state, _) = drive(
        &lines,
        &[Event::Wheel {
            x,
            y,
            delta: -300.0,
        }],
    );
    assert_eq!(state.view.zoom_y, None);
}
