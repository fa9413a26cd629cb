#![cfg(not(target_arch = "wasm32"))]
//! Dual axes (`resolve` on a layer of two views) and axis `orient`, drawn to SVG and read
//! back: the right axis's ticks at the plot's right edge mapping the second layer's
//! values, both axes' labels in full and apart at phone widths, x labels above the plot
//! for `orient: "top"`, and the errors for what stays unsupported. The data in the
//! synthetic specs is SYNTHETIC (small tables written for these tests); the example
//! reads the cited `www/data/samr-annual-reports.json`.

mod common;

use common::{overlapping_texts, scene_at, text_of};
use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// The chart's SVG at `width` px.
fn svg_at(chart: &Chart, width: f32) -> String {
    let scene = chart
        .scene(Viewport {
            width,
            height: None,
        })
        .expect("layout");
    to_svg(&scene).expect("svg")
}

fn num(n: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    n.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// A `<text>` read back: its text, anchor point and `text-anchor`.
#[derive(Debug, Clone)]
struct Text {
    text: String,
    x: f64,
    y: f64,
    anchor: String,
}

fn texts(svg: &str) -> Vec<Text> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| Text {
            text: text_of(n),
            x: num(n, "x"),
            y: num(n, "y"),
            anchor: n.attribute("text-anchor").unwrap_or("start").to_string(),
        })
        .collect()
}

/// Every data mark's value (`data-value`) with its shape's bounds: (value, x0, y0, x1,
/// y1); circles by their centre.
fn marks(svg: &str) -> Vec<(f64, [f64; 4])> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let mut out = Vec::new();
    for g in doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
    {
        let value = num(g, "data-value");
        for s in g.children().filter(|c| c.is_element()) {
            match s.tag_name().name() {
                "rect" => {
                    let (x, y) = (num(s, "x"), num(s, "y"));
                    out.push((value, [x, y, x + num(s, "width"), y + num(s, "height")]));
                }
                "circle" => {
                    let (x, y) = (num(s, "cx"), num(s, "cy"));
                    out.push((value, [x, y, x, y]));
                }
                _ => {}
            }
        }
    }
    out
}

/// The number a tick label writes (`1,500`, `0.4`, `12%` as 0.12).
fn label_number(t: &str) -> Option<f64> {
    let t = t.replace(',', "").replace('\u{2212}', "-");
    match t.strip_suffix('%') {
        Some(p) => p.parse::<f64>().ok().map(|v| v / 100.0),
        None => t.parse().ok(),
    }
}

/// The numeric tick labels of the y axis whose labels are anchored `anchor` (`end`:
/// left of the plot, `start`: right of it), as (value, pixel y).
fn y_ticks(svg: &str, anchor: &str) -> Vec<(f64, f64)> {
    texts(svg)
        .into_iter()
        .filter(|t| t.anchor == anchor)
        .filter_map(|t| Some((label_number(&t.text)?, t.y)))
        .collect()
}

/// The pixel of `v` on an axis read from its tick labels (a straight line through the
/// first and last).
fn map(ticks: &[(f64, f64)], v: f64) -> f64 {
    let (a, b) = (ticks[0], ticks[ticks.len() - 1]);
    a.1 + (v - a.0) * (b.1 - a.1) / (b.0 - a.0)
}

/// SYNTHETIC: counts as bars (tens) and a rate as a line with points (fractions) over
/// three years; `resolve` as given.
fn counts_and_rate(resolve: &str, rate_axis: &str) -> String {
    format!(
        r##"{{
      "width": "container", "height": 240,
      "data": {{"values": [
        {{"year": "2021", "n": 12, "rate": 0.55}},
        {{"year": "2022", "n": 30, "rate": 0.2}},
        {{"year": "2023", "n": 21, "rate": 0.85}}]}},
      "encoding": {{"x": {{"field": "year", "type": "ordinal"}}}},
      "layer": [
        {{"mark": "bar", "encoding": {{"y": {{"field": "n", "type": "quantitative", "title": "Standards"}}}}}},
        {{"mark": {{"type": "line", "point": true, "color": "#d55e00"}},
          "encoding": {{"y": {{"field": "rate", "type": "quantitative", "title": "Rate"{rate_axis}}}}}}}],
      "resolve": {resolve}
    }}"##
    )
}

#[test]
fn the_right_axis_stands_at_the_right_edge_and_maps_the_second_layers_values() {
    let spec = counts_and_rate(r#"{"scale": {"y": "independent"}}"#, "");
    let chart = Chart::new(&spec, None).expect("a dual axis draws");
    for width in [280.0, 375.0, 640.0] {
        let svg = svg_at(&chart, width);
        let all = marks(&svg);
        let bars: Vec<_> = all.iter().filter(|m| m.1[0] != m.1[2]).collect();
        let points: Vec<_> = all.iter().filter(|m| m.1[0] == m.1[2]).collect();
        assert_eq!((bars.len(), points.len()), (3, 3), "{all:?}");
        let plot_right = bars.iter().map(|b| b.1[2]).fold(f64::MIN, f64::max);
        let (left, right) = (y_ticks(&svg, "end"), y_ticks(&svg, "start"));
        assert!(left.len() >= 3 && right.len() >= 3, "{left:?} {right:?}");
        // The right axis's labels start beyond the plot's right edge.
        for t in texts(&svg).iter().filter(|t| t.anchor == "start") {
            if label_number(&t.text).is_some() {
                assert!(
                    t.x > plot_right,
                    "{t:?} left of the plot's edge {plot_right}"
                );
            }
        }
        // Its ticks read fractions (the rate's domain), the left's tens.
        assert!(right.iter().all(|t| t.0 <= 1.0), "{right:?}");
        assert!(left.iter().any(|t| t.0 >= 10.0), "{left:?}");
        // A value's pixel on the right axis's scale is the mark's, and the bars' tops
        // are their values on the left axis's.
        for (v, [_, y, _, _]) in &points {
            let want = map(&right, *v);
            assert!(
                (want - y).abs() < 1.5,
                "rate {v} at {y}, its axis says {want}"
            );
        }
        for (v, [_, y, _, _]) in &bars {
            let want = map(&left, *v);
            assert!(
                (want - y).abs() < 1.5,
                "count {v} at {y}, its axis says {want}"
            );
        }
    }
}

#[test]
fn each_axis_is_titled_by_its_layer_and_read_apart_for_screen_readers() {
    let spec = counts_and_rate(
        r#"{"scale": {"y": "independent"}}"#,
        r#", "axis": {"format": ".0%"}"#,
    );
    let chart = Chart::new(&spec, None).expect("a dual axis draws");
    let scene = scene_at(&chart, 320.0);
    let svg = to_svg(&scene).expect("svg");
    let all = texts(&svg);
    let title = |t: &str| all.iter().find(|x| x.text == t).cloned();
    let (first, second) = (
        title("Standards").expect("left title"),
        title("Rate").expect("right title"),
    );
    assert_eq!(
        (first.anchor.as_str(), second.anchor.as_str()),
        ("start", "end")
    );
    assert!(first.x < second.x);
    // The summary reads each measure under its axis's title, the rate in its format.
    let summary = stdviz::describe::summary(&scene, stdviz::spec::Locale::En);
    assert!(summary.contains("Standards: 3 items"), "{summary}");
    assert!(
        summary.contains("Rate: 3 items. Largest: 2023 85%"),
        "{summary}"
    );
    assert!(!summary.contains("total 64.6"), "{summary}");
    // A point's tooltip names the right axis's measure.
    let point = (0..scene.mark_count())
        .find(|&m| {
            let i = scene.mark_item(m).expect("item");
            scene.items[i].value < 1.0
        })
        .expect("a point of the rate");
    let tip = stdviz::describe::tooltip(&scene, point);
    assert_eq!(tip.rows[0].0, "Rate", "{tip:?}");
}

#[test]
fn both_axes_labels_fit_apart_in_full_at_phone_widths() {
    let path = common::www().join("examples/issued-national-share-dual-axis.json");
    let text = std::fs::read_to_string(&path).expect("example");
    let www = common::www();
    let chart =
        Chart::with_files(&text, &|url| std::fs::read(www.join(url)).ok()).expect("example");
    for width in [280.0, 320.0, 375.0] {
        let scene = scene_at(&chart, width);
        assert_eq!(
            overlapping_texts(&scene),
            Vec::<(String, String)>::new(),
            "{width}"
        );
        let svg = to_svg(&scene).expect("svg");
        let (left, right) = (y_ticks(&svg, "end"), y_ticks(&svg, "start"));
        assert!(
            left.len() >= 3 && right.len() >= 3,
            "{width}: {left:?} {right:?}"
        );
        assert!(right.iter().all(|t| t.0 < 1.0), "{width}: {right:?}");
        for (t, b) in common::text_boxes(&scene) {
            assert!(!t.contains('…'), "{width}: cut {t}");
            assert!(b[0] >= -0.5 && b[2] <= width + 0.5, "{width}: {t} at {b:?}");
        }
        let all: Vec<String> = texts(&svg).into_iter().map(|t| t.text).collect();
        for title in ["柱:国家标准发布(项)", "线:占当年新增比例"] {
            assert!(
                all.iter().any(|t| t == title),
                "{width}: {title} in {all:?}"
            );
        }
    }
}

#[test]
fn an_independent_axis_alone_draws_the_shared_scale_on_both_sides() {
    let spec = counts_and_rate(r#"{"axis": {"y": "independent"}}"#, "");
    let chart = Chart::new(&spec, None).expect("two axes of one scale draw");
    let svg = svg_at(&chart, 375.0);
    let (left, right) = (y_ticks(&svg, "end"), y_ticks(&svg, "start"));
    assert!(left.len() >= 3, "{left:?}");
    assert_eq!(
        left, right,
        "the same ticks at the same heights on both sides"
    );
    let all: Vec<String> = texts(&svg).into_iter().map(|t| t.text).collect();
    assert!(all.iter().any(|t| t == "Standards") && all.iter().any(|t| t == "Rate"));
    // The rate's points lie on the shared scale: near its zero.
    let points: Vec<_> = marks(&svg)
        .into_iter()
        .filter(|m| m.1[0] == m.1[2])
        .collect();
    for (v, [_, y, _, _]) in points {
        assert!((map(&left, v) - y).abs() < 1.5, "{v} at {y}");
    }
}

#[test]
fn an_orient_moves_the_axis_to_its_side() {
    // SYNTHETIC bars.
    let spec = |x: &str, y: &str| {
        format!(
            r#"{{"width": "container", "height": 200,
          "data": {{"values": [{{"k": "alpha", "v": 3}}, {{"k": "beta", "v": 9}}, {{"k": "gamma", "v": 6}}]}},
          "mark": "bar",
          "encoding": {{
            "x": {{"field": "k", "type": "nominal", "title": "Kind", "axis": {{"orient": "{x}"}}}},
            "y": {{"field": "v", "type": "quantitative", "title": "Value", "axis": {{"orient": "{y}"}}}}}}}}"#
        )
    };
    for width in [280.0, 320.0, 375.0] {
        let below = Chart::new(&spec("bottom", "left"), None).expect("bars");
        let above = Chart::new(&spec("top", "right"), None).expect("bars");
        for (chart, top) in [(below, false), (above, true)] {
            let scene = scene_at(&chart, width);
            assert_eq!(overlapping_texts(&scene), Vec::<(String, String)>::new());
            let svg = to_svg(&scene).expect("svg");
            let bars = marks(&svg);
            let plot_top = bars.iter().map(|b| b.1[1]).fold(f64::MAX, f64::min);
            let plot_bottom = bars.iter().map(|b| b.1[3]).fold(f64::MIN, f64::max);
            let plot_right = bars.iter().map(|b| b.1[2]).fold(f64::MIN, f64::max);
            let all = texts(&svg);
            let at = |t: &str| all.iter().find(|x| x.text == t).cloned().expect(t);
            for k in ["alpha", "beta", "gamma", "Kind"] {
                let label = at(k);
                match top {
                    true => assert!(
                        label.y < plot_top,
                        "{width}: {k} at {} above {plot_top}",
                        label.y
                    ),
                    false => assert!(label.y > plot_bottom, "{width}: {k} below {plot_bottom}"),
                }
            }
            // The x title above its labels on top, below them at the bottom.
            assert_eq!(at("Kind").y < at("alpha").y, top);
            let ticks = y_ticks(&svg, if top { "start" } else { "end" });
            assert!(ticks.len() >= 3, "{width}: {ticks:?}");
            if top {
                let nine = all.iter().filter(|t| label_number(&t.text).is_some());
                assert!(nine.into_iter().all(|t| t.x > plot_right));
                assert_eq!(at("Value").anchor, "end");
            }
        }
    }
}

#[test]
fn config_axis_x_orient_sets_the_default_side() {
    // SYNTHETIC bars; the encoding's own orient wins over the config's.
    let spec = |own: &str| {
        format!(
            r#"{{"data": {{"values": [{{"k": "a", "v": 3}}, {{"k": "b", "v": 9}}]}},
          "mark": "bar", "config": {{"axisX": {{"orient": "top"}}}},
          "encoding": {{"x": {{"field": "k", "type": "nominal"{own}}}, "y": {{"field": "v", "type": "quantitative"}}}}}}"#
        )
    };
    let y_of = |own: &str| {
        let chart = Chart::new(&spec(own), None).expect("bars");
        assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
        let svg = svg_at(&chart, 320.0);
        let top = marks(&svg).iter().map(|b| b.1[1]).fold(f64::MAX, f64::min);
        let a = texts(&svg)
            .into_iter()
            .find(|t| t.text == "a")
            .expect("label a");
        a.y < top
    };
    assert!(y_of(""), "config.axisX.orient top puts x above");
    assert!(
        !y_of(r#", "axis": {"orient": "bottom"}"#),
        "the axis's own orient wins"
    );
}

#[test]
fn config_axis_y_orient_puts_a_dual_axiss_first_axis_there_and_the_second_opposite() {
    let spec = counts_and_rate(r#"{"scale": {"y": "independent"}}"#, "").replacen(
        "\"width\": \"container\",",
        "\"width\": \"container\", \"config\": {\"axisY\": {\"orient\": \"right\"}},",
        1,
    );
    let chart = Chart::new(&spec, None).expect("a dual axis draws");
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    let svg = svg_at(&chart, 320.0);
    // The counts (tens) stand on the right now, the rate (fractions) on the left.
    let (left, right) = (y_ticks(&svg, "end"), y_ticks(&svg, "start"));
    assert!(right.iter().any(|t| t.0 >= 10.0), "{right:?}");
    assert!(
        left.len() >= 3 && left.iter().all(|t| t.0 <= 1.0),
        "{left:?}"
    );
}

/// The error of `spec`, while reading it (where every one of these is found) or else
/// laying it out.
fn error(spec: &str) -> String {
    let chart = match Chart::new(spec, None) {
        Ok(c) => c,
        Err(e) => return e.to_string(),
    };
    match chart.scene(Viewport {
        width: 320.0,
        height: None,
    }) {
        Ok(_) => panic!("accepted: {spec}"),
        Err(e) => format!("(at layout) {e}"),
    }
}

#[test]
fn what_stays_unsupported_is_an_error_at_its_path() {
    // x has no left or right side.
    let e = error(
        r#"{"data": {"values": [{"k": "a", "v": 1}]}, "mark": "bar",
        "encoding": {"x": {"field": "k", "type": "nominal", "axis": {"orient": "left"}}, "y": {"field": "v", "type": "quantitative"}}}"#,
    );
    assert!(e.contains("encoding.x.axis.orient"), "{e}");
    // Independent x in a layer.
    let e = error(&counts_and_rate(r#"{"scale": {"x": "independent"}}"#, ""));
    assert!(e.contains("resolve.scale.x"), "{e}");
    // Three layers cannot each have an axis.
    let three = counts_and_rate(r#"{"scale": {"y": "independent"}}"#, "").replace(
        "\"layer\": [",
        "\"layer\": [{\"mark\": \"tick\", \"encoding\": {\"y\": {\"field\": \"n\", \"type\": \"quantitative\"}}},",
    );
    let e = error(&three);
    assert!(e.contains("resolve.scale.y"), "{e}");
    // Both axes on one side.
    let e = error(&counts_and_rate(
        r#"{"scale": {"y": "independent"}}"#,
        r#", "axis": {"orient": "left"}"#,
    ));
    assert!(
        e.contains("layer[1].encoding.y.axis.orient") && !e.contains("(at layout)"),
        "{e}"
    );
    // A second layer without a y of its own.
    let e = error(
        r#"{"data": {"values": [{"k": "a", "v": 1}]},
        "layer": [{"mark": "bar", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}},
                  {"mark": "rule", "encoding": {"x": {"field": "k", "type": "nominal"}}}],
        "resolve": {"scale": {"y": "independent"}}}"#,
    );
    assert!(
        e.contains("layer[1].encoding.y") && !e.contains("(at layout)"),
        "{e}"
    );
    // A dual axis in facet cells.
    let e = error(
        r#"{"data": {"values": [{"g": "x", "k": "a", "v": 1, "w": 2}]},
        "facet": {"column": {"field": "g", "type": "nominal"}},
        "spec": {"layer": [{"mark": "bar", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}},
                  {"mark": "line", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "w", "type": "quantitative"}}}],
                 "resolve": {"scale": {"y": "independent"}}}}"#,
    );
    assert!(e.contains("spec.resolve"), "{e}");
    // A discrete y in a dual axis (found at layout).
    let e = error(
        r#"{"data": {"values": [{"k": "a", "v": 1, "w": "p"}]},
        "layer": [{"mark": "bar", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}},
                  {"mark": "point", "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "w", "type": "nominal"}}}],
        "resolve": {"scale": {"y": "independent"}}}"#,
    );
    assert!(e.contains("(at layout)") && e.contains("resolve"), "{e}");
}
