#![cfg(not(target_arch = "wasm32"))]
//! `bind: "legend"`: a point selection on the legend's field, driven by a click (or
//! Enter) on a legend entry — the entry's marks keep their look, the others take the
//! condition's other value, and the other entries fade, as in Vega. A chart without such
//! a selection keeps stdviz's legend, which hides a series. The data are SYNTHETIC.

use stdviz::interact::{step, Event, Key, PointerKind, State};
use stdviz::layout::Viewport;
use stdviz::scene::Scene;
use stdviz::spec::{ConstValue, SelectionValue};
use stdviz::svg::to_svg;
use stdviz::Chart;

const VIEW: Viewport = Viewport {
    width: 480.0,
    height: None,
};

const DATA: &str = r#"[{"year":"2020","level":"A","count":80},{"year":"2020","level":"B","count":37},{"year":"2020","level":"C","count":8},
    {"year":"2021","level":"A","count":70},{"year":"2021","level":"B","count":40},{"year":"2021","level":"C","count":12}]"#;

fn chart(params: &str) -> Chart {
    chart_with(params, "")
}

/// `chart` with more top-level properties (`extra`, each followed by a comma).
fn chart_with(params: &str, extra: &str) -> Chart {
    let s = format!(
        r#"{{{extra}"data":{{"values":{DATA}}},"params":{params},"mark":"bar",
        "encoding":{{"x":{{"field":"year","type":"nominal"}},"y":{{"field":"count","type":"quantitative"}},
        "xOffset":{{"field":"level"}},"color":{{"field":"level","type":"nominal"}},
        "opacity":{{"condition":{{"param":"lvl","value":1}},"value":0.2}}}}}}"#
    );
    Chart::new(&s, None).unwrap()
}

const LEGEND: &str =
    r#"[{"name":"lvl","select":{"type":"point","fields":["level"]},"bind":"legend"}]"#;

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

/// A click on the legend entry of `series`.
fn click_entry(chart: &Chart, series: &str) -> [Event; 2] {
    let scene = chart.scene(VIEW).unwrap();
    let e = scene
        .legend
        .iter()
        .find(|e| e.series == series)
        .unwrap_or_else(|| panic!("no legend entry {series}"));
    let (x, y) = (e.rect.x + 4.0, e.rect.y + e.rect.height / 2.0);
    let kind = PointerKind::Mouse;
    [
        Event::PointerDown { id: 1, x, y, kind },
        Event::PointerUp { id: 1, x, y, kind },
    ]
}

/// The `data-label`s of the bars drawn at full opacity, and the number drawn faded.
fn opaque_bars(chart: &Chart, state: &State) -> (Vec<String>, usize) {
    let scene = chart.scene_with(VIEW, &state.view).unwrap();
    let svg = to_svg(&scene).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let (mut opaque, mut faded) = (Vec::new(), 0);
    for g in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("m"))
    {
        let Some(rect) = g.descendants().find(|n| n.tag_name().name() == "rect") else {
            continue;
        };
        let o: f64 = rect
            .attribute("fill-opacity")
            .or(rect.attribute("opacity"))
            .and_then(|o| o.parse().ok())
            .unwrap_or(1.0);
        if o > 0.9 {
            opaque.push(g.attribute("data-label").unwrap_or("").to_string());
        } else {
            assert!((o - 0.2).abs() < 0.01, "opacity {o}");
            faded += 1;
        }
    }
    (opaque, faded)
}

fn entries(scene: &Scene) -> Vec<(String, Option<bool>, bool)> {
    scene
        .legend
        .iter()
        .map(|e| (e.series.clone(), e.selected, e.hidden))
        .collect()
}

#[test]
fn a_legend_click_selects_its_series_and_fades_the_others() {
    let chart = chart(LEGEND);
    // Before any click the empty selection holds for every bar and entry.
    let (state, scene) = drive(&chart, &[]);
    assert_eq!(opaque_bars(&chart, &state).1, 0);
    assert!(entries(&scene)
        .iter()
        .all(|(_, s, h)| *s == Some(true) && !h));

    let mut events = click_entry(&chart, "B").to_vec();
    let (state, scene) = drive(&chart, &events);
    assert_eq!(
        state.view.selections,
        vec![(
            "lvl".to_string(),
            SelectionValue::Points(vec![vec![ConstValue::Text("B".into())]])
        )]
    );
    assert!(state.view.hidden.is_empty(), "nothing is hidden");
    let (opaque, faded) = opaque_bars(&chart, &state);
    assert_eq!(opaque.len(), 2, "{opaque:?}");
    assert_eq!(faded, 4);
    assert_eq!(
        entries(&scene),
        [
            ("A".to_string(), Some(false), false),
            ("B".to_string(), Some(true), false),
            ("C".to_string(), Some(false), false)
        ]
    );

    // Shift+click adds C; Shift+click on B removes it.
    events.push(Event::Modifiers { shift: true });
    events.extend(click_entry(&chart, "C"));
    let (state, _) = drive(&chart, &events);
    let (opaque, faded) = opaque_bars(&chart, &state);
    assert_eq!(
        (opaque.len(), faded),
        (4, 2),
        "B and C selected: {opaque:?}"
    );
    events.extend(click_entry(&chart, "B"));
    let (state, scene) = drive(&chart, &events);
    assert_eq!(opaque_bars(&chart, &state).1, 4);
    assert_eq!(
        entries(&scene)
            .into_iter()
            .filter(|e| e.1 == Some(true))
            .map(|e| e.0)
            .collect::<Vec<_>>(),
        ["C"]
    );

    // Escape (the first may close a tooltip) clears.
    events.extend([Event::Key(Key::Escape), Event::Key(Key::Escape)]);
    let (state, _) = drive(&chart, &events);
    assert_eq!(opaque_bars(&chart, &state).1, 0);
}

#[test]
fn enter_on_a_focused_legend_entry_selects_it_and_says_so() {
    let chart = chart(LEGEND);
    let scene = chart.scene(VIEW).unwrap();
    // Focus the chart, End: the last target in reading order, the last legend entry.
    let (state, scene2) = drive(&chart, &[Event::Focus, Event::Key(Key::End)]);
    let last = scene.legend.last().unwrap().series.clone();
    let (next, out) = step(&state, Event::Key(Key::Enter), &scene2);
    assert_eq!(
        next.view.selections[0].1,
        SelectionValue::Points(vec![vec![ConstValue::Text(last.clone())]])
    );
    let said = out.announce.unwrap_or_default();
    // A spec with no language and no Chinese anywhere speaks English to its reader.
    assert_eq!(said, format!("{last} selected"));
    // The same chart told to be Chinese says it in Chinese.
    let zh = chart_with(LEGEND, r#""usermeta":{"stdviz":{"locale":"zh"}},"#);
    let zh_scene = zh.scene(VIEW).unwrap();
    let (state, scene2) = drive(&zh, &[Event::Focus, Event::Key(Key::End)]);
    let (_, out) = step(&state, Event::Key(Key::Enter), &scene2);
    let last = zh_scene.legend.last().unwrap().series.clone();
    assert_eq!(out.announce.unwrap_or_default(), format!("已选择 {last}"));
}

#[test]
fn without_a_legend_selection_the_legend_still_hides_a_series() {
    let chart = chart(r#"[{"name":"lvl","select":{"type":"point","fields":["level"]}}]"#);
    let (state, scene) = drive(&chart, &click_entry(&chart, "B"));
    assert_eq!(state.view.hidden, ["B"]);
    assert!(scene.legend.iter().all(|e| e.selected.is_none()));
}
