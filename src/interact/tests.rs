use super::*;
use crate::layout::Viewport;
use crate::Chart;
use std::path::Path;

fn www(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("www").join(path)).unwrap()
}

/// A chart from a file of www/ whose data.url files are read from www/ too.
fn chart(spec_path: &str) -> Chart {
    let spec = String::from_utf8(www(spec_path)).unwrap();
    Chart::with_files(&spec, &|url| Some(www(url))).unwrap()
}

fn chart_text(spec: &str) -> Chart {
    Chart::with_files(spec, &|url| Some(www(url))).unwrap()
}

const VIEW: Viewport = Viewport {
    width: 640.0,
    height: None,
};

/// Drives `events` through the state machine, laying the chart out again whenever the
/// view state changes (as the browser glue does). Returns the last state, scene and
/// outcome.
fn drive(chart: &Chart, events: &[Event]) -> (State, Scene, Outcome) {
    let mut state = State::default();
    let mut scene = chart.scene_with(VIEW, &state.view).unwrap();
    let mut last = Outcome::default();
    for e in events {
        let (next, out) = step(&state, *e, &scene);
        if next.view != state.view {
            scene = chart.scene_with(VIEW, &next.view).unwrap();
            state = next;
            state.after_layout(&scene);
        } else {
            state = next;
        }
        last = out;
    }
    (state, scene, last)
}

fn anchor(scene: &Scene, mark: usize) -> (f32, f32) {
    let (x, y, _) = scene.mark_anchor(mark).unwrap();
    (x, y)
}

fn mouse_move(p: (f32, f32)) -> Event {
    Event::PointerMove {
        id: 1,
        x: p.0,
        y: p.1,
        kind: PointerKind::Mouse,
    }
}

fn tap(p: (f32, f32), kind: PointerKind) -> [Event; 2] {
    [
        Event::PointerDown {
            id: 7,
            x: p.0,
            y: p.1,
            kind,
        },
        Event::PointerUp {
            id: 7,
            x: p.0,
            y: p.1,
            kind,
        },
    ]
}

fn bar_index(scene: &Scene, label: &str) -> usize {
    (0..scene.mark_count())
        .find(|&m| scene.items[scene.mark_item(m).unwrap()].label == label)
        .unwrap()
}

#[test]
fn hovering_a_bar_shows_its_tooltip_with_value_and_unit() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene_with(VIEW, &ViewState::default()).unwrap();
    let national = bar_index(&scene, "国家标准");
    let (s, _, _) = drive(&c, &[mouse_move(anchor(&scene, national))]);
    assert_eq!(s.hover, Some(national));
    assert_eq!(
        s.tooltip,
        Some(Tooltip {
            mark: national,
            pinned: false
        })
    );
    let tip = crate::describe::tooltip(&scene, national);
    assert_eq!(tip.title, "国家标准");
    assert!(tip.rows.iter().any(|(_, v)| v == "80 项"), "{tip:?}");
}

#[test]
fn the_same_event_twice_leaves_the_state_unchanged() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene(VIEW).unwrap();
    let e = mouse_move(anchor(&scene, 1));
    let (s1, _) = step(&State::default(), e, &scene);
    let (s2, _) = step(&s1, e, &scene);
    assert_eq!(s1, s2, "no change, so the glue schedules no redraw");
    // Moving within the same bar changes nothing either.
    let (x, y) = anchor(&scene, 1);
    let (s3, _) = step(&s2, mouse_move((x + 1.0, y + 1.0)), &scene);
    assert_eq!(s2, s3);
}

#[test]
fn leaving_the_chart_clears_hover_and_tooltip() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene(VIEW).unwrap();
    let (s, _, _) = drive(&c, &[mouse_move(anchor(&scene, 0)), Event::PointerLeave]);
    assert_eq!((s.hover, s.tooltip), (None, None));
}

#[test]
fn a_tap_pins_the_tooltip_and_a_tap_elsewhere_closes_it() {
    let c = chart("specs/standards-by-level-donut.json");
    let scene = c.scene(VIEW).unwrap();
    let mut events = tap(anchor(&scene, 2), PointerKind::Touch).to_vec();
    let (s, _, out) = drive(&c, &events);
    assert_eq!(
        s.tooltip,
        Some(Tooltip {
            mark: 2,
            pinned: true
        })
    );
    assert!(out.announce.is_some());
    // The slice's share is in its tooltip.
    let tip = crate::describe::tooltip(&scene, 2);
    assert!(
        tip.rows
            .iter()
            .any(|(k, v)| k == "占比" && v.ends_with('%')),
        "{tip:?}"
    );
    events.extend(tap((1.0, 1.0), PointerKind::Touch));
    let (s, _, _) = drive(&c, &events);
    assert_eq!(s.tooltip, None);
    // A tap on the page outside the chart closes it too.
    let mut events = tap(anchor(&scene, 2), PointerKind::Touch).to_vec();
    events.push(Event::Outside);
    let (s, _, _) = drive(&c, &events);
    assert_eq!(s.tooltip, None);
}

#[test]
fn a_mouse_click_on_a_mark_selects_its_item() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene(VIEW).unwrap();
    let (_, _, out) = drive(&c, &tap(anchor(&scene, 3), PointerKind::Mouse));
    assert_eq!(out.selected, scene.mark_item(3));
}

#[test]
fn keyboard_walks_the_bars_in_reading_order_and_announces_each() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene(VIEW).unwrap();
    let order = scene.reading_order();
    let labels: Vec<&str> = order
        .iter()
        .map(|&m| scene.items[scene.mark_item(m).unwrap()].label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["国家标准", "行业标准", "省级地方标准", "市级地方标准"]
    );
    let (s, _, out) = drive(&c, &[Event::Focus]);
    assert_eq!(s.focus, Some(Target::Mark(order[0])));
    let said = out.announce.unwrap();
    assert!(
        said.starts_with("国家标准:")
            && said.contains("80 项")
            && said.ends_with("第 1 项,共 4 项"),
        "{said}"
    );
    let (s, _, out) = drive(
        &c,
        &[Event::Focus, Event::Key(Key::Right), Event::Key(Key::Right)],
    );
    assert_eq!(s.focus, Some(Target::Mark(order[2])));
    assert!(out.announce.unwrap().contains("第 3 项"));
    let (s, _, _) = drive(
        &c,
        &[Event::Focus, Event::Key(Key::End), Event::Key(Key::Right)],
    );
    assert_eq!(
        s.focus,
        Some(Target::Mark(order[3])),
        "End, then no further"
    );
    let (s, _, _) = drive(
        &c,
        &[Event::Focus, Event::Key(Key::End), Event::Key(Key::Home)],
    );
    assert_eq!(s.focus, Some(Target::Mark(order[0])));
    let (s, _, _) = drive(&c, &[Event::Focus, Event::Key(Key::Escape)]);
    assert_eq!(s.tooltip, None, "Escape closes the tooltip");
    let (s, _, _) = drive(&c, &[Event::Focus, Event::Blur]);
    assert_eq!((s.focus, s.tooltip), (None, None));
}

#[test]
fn legend_click_hides_a_series_rescales_and_the_last_one_stays() {
    let c = chart("examples/in-force-grouped-bars.json");
    let scene = c.scene(VIEW).unwrap();
    assert!(scene.legend.len() >= 2);
    let y_max = |s: &Scene| {
        (0..s.mark_count())
            .map(|m| s.items[s.mark_item(m).unwrap()].value)
            .fold(0.0, f64::max)
    };
    let before = scene.mark_count();
    // Hide the series with the largest values: the rest must rescale upwards.
    let biggest = scene.items[scene
        .mark_item(
            (0..before)
                .max_by(|&a, &b| {
                    let v = |m: usize| scene.items[scene.mark_item(m).unwrap()].value;
                    v(a).total_cmp(&v(b))
                })
                .unwrap(),
        )
        .unwrap()]
    .series
    .clone()
    .unwrap();
    let entry = scene
        .legend
        .iter()
        .position(|e| e.series == biggest)
        .unwrap();
    let r = scene.legend[entry].rect;
    let (s, after, out) = drive(
        &c,
        &tap((r.x + 3.0, r.y + r.height / 2.0), PointerKind::Mouse),
    );
    assert_eq!(s.view.hidden, vec![biggest.clone()]);
    assert!(out.announce.unwrap().contains("已隐藏"));
    assert!(after.mark_count() < before);
    assert!(y_max(&after) < y_max(&scene));
    assert_eq!(
        after.legend.len(),
        scene.legend.len(),
        "the legend keeps every series"
    );
    assert!(after.legend[entry].hidden);
    // The bars left have the same colours as before.
    let colour_of = |s: &Scene, series: &str| {
        (0..s.mark_count())
            .find(|&m| s.items[s.mark_item(m).unwrap()].series.as_deref() == Some(series))
            .map(|m| s.mark_anchor(m).unwrap().2)
    };
    let other = &scene.legend[(entry + 1) % scene.legend.len()].series;
    assert_eq!(colour_of(&scene, other), colour_of(&after, other));
    // The tallest bars of the other series sit higher on the rescaled axis.
    // Hide all but one, then the last one cannot be hidden.
    let mut state = s;
    let mut scene2 = after;
    for i in 0..scene2.legend.len() {
        let r = scene2.legend[i].rect;
        for e in tap((r.x + 3.0, r.y + r.height / 2.0), PointerKind::Mouse) {
            let (next, _) = step(&state, e, &scene2);
            if next.view != state.view {
                scene2 = c.scene_with(VIEW, &next.view).unwrap();
            }
            state = next;
        }
    }
    let visible = scene2.legend.iter().filter(|e| !e.hidden).count();
    assert_eq!(visible, 1, "the last visible series cannot be hidden");
    assert!(scene2.mark_count() > 0);
}

#[test]
fn enter_on_a_focused_legend_entry_toggles_it() {
    let c = chart("examples/in-force-grouped-bars.json");
    let scene = c.scene(VIEW).unwrap();
    let (s, _, _) = drive(&c, &[Event::Focus, Event::Key(Key::End)]);
    let last = scene.legend.len() - 1;
    assert_eq!(s.focus, Some(Target::Legend(last)));
    let (s, _, _) = drive(
        &c,
        &[Event::Focus, Event::Key(Key::End), Event::Key(Key::Enter)],
    );
    assert_eq!(s.view.hidden, vec![scene.legend[last].series.clone()]);
    let (s, _, _) = drive(
        &c,
        &[
            Event::Focus,
            Event::Key(Key::End),
            Event::Key(Key::Enter),
            Event::Key(Key::Enter),
        ],
    );
    assert!(s.view.hidden.is_empty(), "Enter again shows it");
}

const DRILL: &str = r#"{
  "data": {"url": "data/samr-annual-reports.json", "format": {"type": "json", "property": "in_force"}},
  "mark": "bar",
  "encoding": {
    "x": {"field": "year", "type": "ordinal", "title": "年份"},
    "y": {"aggregate": "sum", "field": "count", "type": "quantitative"}
  },
  "usermeta": {"stdviz": {"unit": "项", "drill": ["year", {"field": "level", "title": "层级"}]}}
}"#;

#[test]
fn clicking_a_bar_drills_into_it_and_escape_comes_back() {
    let c = chart_text(DRILL);
    let scene = c.scene(VIEW).unwrap();
    assert_eq!(
        scene.drill.as_ref().map(|d| (d.depth, d.levels)),
        Some((0, 2))
    );
    let y2023 = bar_index(&scene, "2023");
    let (s, drilled, out) = drive(&c, &tap(anchor(&scene, y2023), PointerKind::Mouse));
    assert_eq!(s.view.drill, vec!["2023".to_string()]);
    assert_eq!(out.selected, scene.mark_item(y2023));
    assert_eq!(
        drilled.drill.as_ref().unwrap().path,
        vec!["2023".to_string()]
    );
    // The level below: one bar per level, the 2023 figures from the SAMR report data.
    let raw: serde_json::Value =
        serde_json::from_slice(&www("data/samr-annual-reports.json")).unwrap();
    let want: Vec<(String, f64)> = raw["in_force"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["year"] == 2023)
        .map(|r| {
            (
                r["level"].as_str().unwrap().to_string(),
                r["count"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(drilled.mark_count(), want.len());
    for (level, count) in &want {
        let m = bar_index(&drilled, level);
        assert_eq!(drilled.items[drilled.mark_item(m).unwrap()].value, *count);
    }
    // The top level's bar is the sum of the level below.
    let total: f64 = want.iter().map(|w| w.1).sum();
    assert_eq!(scene.items[scene.mark_item(y2023).unwrap()].value, total);
    // Clicking at the deepest level selects without drilling further.
    let mut events = tap(anchor(&scene, y2023), PointerKind::Mouse).to_vec();
    events.extend(tap(anchor(&drilled, 0), PointerKind::Mouse));
    let (s, _, out) = drive(&c, &events);
    assert_eq!(s.view.drill.len(), 1);
    assert!(out.selected.is_some());
    // Escape (with no tooltip) goes back up; so does the breadcrumb.
    events.push(Event::Key(Key::Escape));
    let (s, _, _) = drive(&c, &events);
    assert!(s.view.drill.is_empty());
    let mut crumbs = tap(anchor(&scene, y2023), PointerKind::Mouse).to_vec();
    crumbs.push(Event::DrillTo(0));
    let (s, top, _) = drive(&c, &crumbs);
    assert!(s.view.drill.is_empty());
    assert_eq!(top.mark_count(), scene.mark_count());
}

fn line_chart() -> Chart {
    chart("examples/issued-lines.json")
}

#[test]
fn wheel_zooms_the_x_axis_around_the_pointer_and_double_click_resets() {
    let c = line_chart();
    let scene = c.scene(VIEW).unwrap();
    let z = scene.zoom.expect("a line chart on a time axis is zoomable");
    let mid = (
        (z.range.0 + z.range.1) / 2.0,
        scene.plot.y + scene.plot.height / 2.0,
    );
    let wheel_in = Event::Wheel {
        x: mid.0,
        y: mid.1,
        delta: -300.0,
    };
    let (s, zoomed, _) = drive(&c, &[wheel_in]);
    let (lo, hi) = s.view.zoom.expect("zoomed in");
    assert!(lo > z.domain.0 && hi < z.domain.1, "inside the full domain");
    assert_eq!(
        zoomed.zoom.unwrap().domain,
        (lo, hi),
        "the new scene shows the window"
    );
    // The point under the pointer stays put.
    let before = z.domain.0 + (z.domain.1 - z.domain.0) * 0.5;
    let after = lo + (hi - lo) * 0.5;
    assert!((before - after).abs() < (z.domain.1 - z.domain.0) * 1e-6);
    // Every line point drawn lies inside the plot; the clipped lines too.
    for g in &zoomed.groups {
        if let Shapes::Paths { paths, .. } = &g.shapes {
            for p in paths.iter().flatten() {
                assert!(
                    p.0 >= zoomed.plot.x - 0.5 && p.0 <= zoomed.plot.x + zoomed.plot.width + 0.5
                );
            }
        }
    }
    for m in 0..zoomed.mark_count() {
        let (x, _) = anchor(&zoomed, m);
        assert!(x >= zoomed.plot.x - 0.5 && x <= zoomed.plot.x + zoomed.plot.width + 0.5);
    }
    let (s, back, _) = drive(&c, &[wheel_in, Event::DoubleClick]);
    assert_eq!(s.view.zoom, None);
    assert_eq!(back.zoom.unwrap().domain, z.domain);
    // Zooming out past everything is no zoom.
    let (s, _, _) = drive(
        &c,
        &[
            wheel_in,
            Event::Wheel {
                x: mid.0,
                y: mid.1,
                delta: 500.0,
            },
            Event::Wheel {
                x: mid.0,
                y: mid.1,
                delta: 500.0,
            },
        ],
    );
    assert_eq!(s.view.zoom, None);
}

#[test]
fn dragging_pans_a_zoomed_axis_within_the_data() {
    let c = line_chart();
    let scene = c.scene(VIEW).unwrap();
    let z = scene.zoom.unwrap();
    let y = scene.plot.y + scene.plot.height / 2.0;
    let x = (z.range.0 + z.range.1) / 2.0;
    let wheel_in = Event::Wheel {
        x,
        y,
        delta: -400.0,
    };
    let (s0, zoomed, _) = drive(&c, &[wheel_in]);
    let w0 = s0.view.zoom.unwrap();
    let drag = |dx: f32| {
        vec![
            wheel_in,
            Event::PointerDown {
                id: 1,
                x,
                y,
                kind: PointerKind::Mouse,
            },
            Event::PointerMove {
                id: 1,
                x: x + dx,
                y,
                kind: PointerKind::Mouse,
            },
            Event::PointerUp {
                id: 1,
                x: x + dx,
                y,
                kind: PointerKind::Mouse,
            },
        ]
    };
    let (s, _, out) = drive(&c, &drag(-40.0));
    let w = s.view.zoom.unwrap();
    assert!(w.0 > w0.0, "dragging left shows later years");
    assert!(
        ((w.1 - w.0) - (w0.1 - w0.0)).abs() < 1e-6 * (w0.1 - w0.0),
        "same width"
    );
    assert_eq!(out.selected, None, "a drag is not a click");
    let (s, _, _) = drive(&c, &drag(-100_000.0));
    assert!(
        s.view.zoom.unwrap().1 <= z.domain.1 + 1e-6,
        "never past the data"
    );
    let _ = zoomed;
}

#[test]
fn two_fingers_pinch_to_zoom() {
    let c = line_chart();
    let scene = c.scene(VIEW).unwrap();
    let z = scene.zoom.unwrap();
    let y = scene.plot.y + scene.plot.height / 2.0;
    let cx = (z.range.0 + z.range.1) / 2.0;
    let t = PointerKind::Touch;
    let events = [
        Event::PointerDown {
            id: 1,
            x: cx - 20.0,
            y,
            kind: t,
        },
        Event::PointerDown {
            id: 2,
            x: cx + 20.0,
            y,
            kind: t,
        },
        Event::PointerMove {
            id: 1,
            x: cx - 80.0,
            y,
            kind: t,
        },
        Event::PointerMove {
            id: 2,
            x: cx + 80.0,
            y,
            kind: t,
        },
    ];
    let (s, _, _) = drive(&c, &events);
    let (lo, hi) = s.view.zoom.expect("spreading fingers zooms in");
    assert!((hi - lo) < (z.domain.1 - z.domain.0) * 0.5);
}

#[test]
fn bars_and_slices_do_not_zoom() {
    for spec in [
        "specs/standards-by-level-bar.json",
        "specs/standards-by-level-donut.json",
    ] {
        let c = chart(spec);
        let scene = c.scene(VIEW).unwrap();
        assert!(scene.zoom.is_none(), "{spec}");
        let (x, y) = anchor(&scene, 0);
        let (s, _) = step(
            &State::default(),
            Event::Wheel {
                x,
                y,
                delta: -300.0,
            },
            &scene,
        );
        assert_eq!(s, State::default(), "{spec}");
    }
}

#[test]
fn emphasis_dims_the_other_marks_and_rings_the_focused_one() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene(VIEW).unwrap();
    let (s, _, _) = drive(&c, &[Event::Focus]);
    let focused = match s.focus {
        Some(Target::Mark(m)) => m,
        other => panic!("{other:?}"),
    };
    let drawn = emphasise(&scene, &s);
    let alpha = |sc: &Scene, m: usize| sc.mark_anchor(m).unwrap().2.a;
    assert_eq!(alpha(&drawn, focused), alpha(&scene, focused));
    for m in (0..scene.mark_count()).filter(|&m| m != focused) {
        assert!(alpha(&drawn, m) < alpha(&scene, m) * 0.5, "mark {m} dimmed");
    }
    let ring = drawn.groups.last().unwrap();
    assert!(matches!(ring.shapes, Shapes::Lines { stroke, .. } if stroke == FOCUS_RING));
    // The ring surrounds the bar.
    let b = scene.mark_bounds(focused).unwrap();
    if let Shapes::Lines { x1, y1, .. } = &ring.shapes {
        assert!(x1
            .iter()
            .all(|&x| x <= b.x - 2.0 || x >= b.x + b.width + 2.0));
        assert!(y1
            .iter()
            .all(|&y| y <= b.y - 2.0 || y >= b.y + b.height + 2.0));
    }
    // Nothing emphasised: the scene is drawn as laid out.
    assert_eq!(emphasise(&scene, &State::default()), scene);
}

#[test]
fn hovering_a_legend_entry_emphasises_its_series() {
    let c = chart("examples/issued-lines.json");
    let scene = c.scene(VIEW).unwrap();
    let e = &scene.legend[0];
    let (s, _, _) = drive(
        &c,
        &[mouse_move((e.rect.x + 3.0, e.rect.y + e.rect.height / 2.0))],
    );
    assert_eq!(s.hover_legend, Some(0));
    let drawn = emphasise(&scene, &s);
    for (g0, g1) in scene.groups.iter().zip(&drawn.groups) {
        if let (Shapes::Paths { stroke: a, .. }, Shapes::Paths { stroke: b, .. }) =
            (&g0.shapes, &g1.shapes)
        {
            for (k, &item) in g0.items.iter().enumerate() {
                let mine = scene.items[item as usize].series.as_deref() == Some(e.series.as_str());
                assert_eq!(a.get(k).a == b.get(k).a, mine, "line {k}");
            }
        }
    }
}

#[test]
fn state_survives_a_new_layout_within_bounds() {
    let c = chart("specs/standards-by-level-bar.json");
    let scene = c.scene(VIEW).unwrap();
    let (mut s, _, _) = drive(&c, &[Event::Focus, Event::Key(Key::End)]);
    s.hover = Some(1);
    let narrow = c
        .scene(Viewport {
            width: 320.0,
            height: None,
        })
        .unwrap();
    s.after_layout(&narrow);
    assert_eq!(s.hover, None);
    assert!(matches!(s.focus, Some(Target::Mark(m)) if m < narrow.mark_count()));
    assert_eq!(scene.mark_count(), narrow.mark_count());
}

#[test]
fn tooltips_stay_inside_the_viewport() {
    // Room above: centred over the anchor.
    assert_eq!(
        place_tooltip((200.0, 200.0), (100.0, 40.0), (800.0, 600.0)),
        (150.0, 150.0)
    );
    // Near the top: below the anchor.
    let (_, y) = place_tooltip((200.0, 20.0), (100.0, 40.0), (800.0, 600.0));
    assert!(y > 20.0);
    // Near the right and left edges: shifted inside.
    let (x, _) = place_tooltip((795.0, 300.0), (100.0, 40.0), (800.0, 600.0));
    assert!(x + 100.0 <= 800.0);
    let (x, _) = place_tooltip((2.0, 300.0), (100.0, 40.0), (320.0, 600.0));
    assert!(x >= 0.0);
}

#[test]
fn readers_text_follows_the_charts_formats_and_language() {
    let share = chart("examples/in-force-share-2023.json");
    let scene = share.scene(VIEW).unwrap();
    let tip = crate::describe::tooltip(&scene, 0);
    assert!(
        tip.rows
            .iter()
            .any(|(_, v)| v.ends_with('%') && !v.contains(" %")),
        "{tip:?}"
    );
    let lines = chart("examples/issued-lines.json");
    let scene = lines.scene(VIEW).unwrap();
    let tip = crate::describe::tooltip(&scene, 0);
    assert!(
        tip.title.starts_with("20") && !tip.title.contains("-01-01"),
        "{tip:?}"
    );
    let en = chart("examples/in-force-bars-english.json");
    let scene = en.scene(VIEW).unwrap();
    let tip = crate::describe::tooltip(&scene, 0);
    assert!(tip.title.is_ascii(), "{tip:?}");
}

#[test]
fn large_charts_ring_the_hovered_mark_over_the_unchanged_picture() {
    // Synthetic points on a grid (test data, not published figures).
    let values: Vec<String> = (0..DIM_MAX_MARKS + 1)
        .map(|i| format!(r#"{{"x":{},"y":{}}}"#, i % 100, i / 100))
        .collect();
    let spec = format!(
        r#"{{"data":{{"values":[{}]}},"mark":"point",
        "encoding":{{"x":{{"field":"x","type":"quantitative"}},"y":{{"field":"y","type":"quantitative"}}}}}}"#,
        values.join(",")
    );
    let c = chart_text(&spec);
    let scene = c.scene(VIEW).unwrap();
    assert_eq!(scene.mark_count(), DIM_MAX_MARKS + 1);
    let (x, y, _) = scene.mark_anchor(1234).unwrap();
    let (s, _, _) = drive(&c, &[mouse_move((x, y))]);
    let hovered = s.hover.expect("a point under the pointer");
    let groups = emphasised_groups(&scene, &s);
    // The picture as it was, plus one ring around the hovered point.
    assert_eq!(groups.len(), scene.groups.len() + 1);
    assert_eq!(groups[..scene.groups.len()], scene.groups[..]);
    let b = scene.mark_bounds(hovered).unwrap();
    match &groups.last().unwrap().shapes {
        Shapes::Lines { x1, y1, .. } => {
            assert!(x1.iter().all(|&v| v < b.x || v > b.x + b.width));
            assert!(y1.iter().all(|&v| v < b.y || v > b.y + b.height));
        }
        other => panic!("{other:?}"),
    }
    // One mark fewer, and hover dims the others as usual.
    let small: Vec<String> = values[..DIM_MAX_MARKS].to_vec();
    let c = chart_text(&spec.replace(&values.join(","), &small.join(",")));
    let scene = c.scene(VIEW).unwrap();
    let (x, y, _) = scene.mark_anchor(1234).unwrap();
    let (s, _, _) = drive(&c, &[mouse_move((x, y))]);
    assert!(s.hover.is_some());
    assert_eq!(emphasised_groups(&scene, &s).len(), scene.groups.len());
    assert_ne!(emphasised_groups(&scene, &s), scene.groups);
}
