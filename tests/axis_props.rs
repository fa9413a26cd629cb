#![cfg(not(target_arch = "wasm32"))]
//! The axis properties people write (issue #18): `values` (explicit ticks or
//! categories), `tickSize`, `labelPadding`, `offset` and `titlePadding`, drawn to SVG and
//! read back — label texts and positions, tick and grid lines — and their errors. All
//! data here is SYNTHETIC (small tables written for these tests).

mod common;

use common::{overlapping_texts, scene_at, svg_texts, text_of};
use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// The chart's SVG and scene at `width` px.
fn render(spec: &str, width: f32) -> (String, stdviz::scene::Scene) {
    let chart = Chart::new(spec, None).expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width,
            height: None,
        })
        .expect("layout");
    (to_svg(&scene).expect("svg"), scene)
}

fn attr(n: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    n.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Every `<text>` as (text, x, y).
fn texts(svg: &str) -> Vec<(String, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (text_of(n), attr(n, "x"), attr(n, "y")))
        .collect()
}

/// The (x, y) of the text `wanted`.
fn at(svg: &str, wanted: &str) -> (f64, f64) {
    texts(svg)
        .into_iter()
        .find(|t| t.0 == wanted)
        .map(|t| (t.1, t.2))
        .unwrap_or_else(|| panic!("no text {wanted:?} in {:?}", texts(svg)))
}

/// Every `<line>` of colour `stroke` as [x1, y1, x2, y2].
fn lines(svg: &str, stroke: &str) -> Vec<[f64; 4]> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("line") && n.attribute("stroke") == Some(stroke))
        .map(|n| [attr(n, "x1"), attr(n, "y1"), attr(n, "x2"), attr(n, "y2")])
        .collect()
}

const GRID: &str = "#E3E6EA";
const AXIS: &str = "#8C959F";

/// SYNTHETIC points on a quantitative x over [0, 10] and a nominal y, with the given x
/// and y axis objects.
fn points(x_axis: &str, y_axis: &str) -> String {
    format!(
        r#"{{"data": {{"values": [{{"k": "a", "v": 1.2}}, {{"k": "b", "v": 4.7}}, {{"k": "c", "v": 9.1}}]}},
        "mark": "point",
        "encoding": {{
          "x": {{"field": "v", "type": "quantitative", "scale": {{"domain": [0, 10]}}, "axis": {x_axis}}},
          "y": {{"field": "k", "type": "nominal", "axis": {y_axis}}}}}}}"#
    )
}

fn error(spec: &str) -> String {
    match Chart::new(spec, None) {
        Ok(_) => panic!("accepted: {spec}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn axis_values_label_only_the_given_ticks_inside_the_domain() {
    let (svg, scene) = render(&points(r#"{"values": [0, 2.5, 10, 12]}"#, "{}"), 640.0);
    let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    for wanted in ["0.0", "2.5", "10.0"] {
        assert!(shown.iter().any(|t| t == wanted), "{wanted}: {shown:?}");
    }
    // 12 is beyond the domain (Vega leaves out ticks beyond the range); the scale's own
    // ticks (2, 4, …) are not drawn.
    for absent in ["12.0", "12", "4", "4.0", "5.0"] {
        assert!(!shown.iter().any(|t| t == absent), "{absent}: {shown:?}");
    }
    // The grid follows the ticks: three vertical lines, at 0, 2.5 and 10.
    let plot = scene.plot;
    let grid: Vec<f64> = lines(&svg, GRID)
        .into_iter()
        .filter(|l| l[0] == l[2])
        .map(|l| l[0])
        .collect();
    assert_eq!(grid.len(), 3, "{grid:?}");
    let x_of = |v: f64| f64::from(plot.x) + v / 10.0 * f64::from(plot.width);
    for (g, v) in grid.iter().zip([0.0, 2.5, 10.0]) {
        assert!((g - x_of(v)).abs() <= 1.0, "{g} vs {v}");
    }
    // The label of 2.5 stands at its tick.
    assert!((at(&svg, "2.5").0 - x_of(2.5)).abs() <= 1.0);
}

#[test]
fn axis_values_on_a_band_axis_label_those_categories_only() {
    let (svg, _) = render(&points("{}", r#"{"values": ["a", "c"]}"#), 640.0);
    let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    assert!(shown.iter().any(|t| t == "a") && shown.iter().any(|t| t == "c"));
    assert!(!shown.iter().any(|t| t == "b"), "{shown:?}");
}

#[test]
fn axis_values_on_a_temporal_axis_take_date_time_objects_and_dates() {
    let rows: Vec<String> = (0..36)
        .map(|m| {
            format!(
                r#"{{"d": "{}-{:02}-01", "v": {}}}"#,
                2020 + m / 12,
                m % 12 + 1,
                m % 7
            )
        })
        .collect();
    let spec = format!(
        r#"{{"data": {{"values": [{}]}}, "mark": "line",
        "encoding": {{"x": {{"field": "d", "type": "temporal",
                           "axis": {{"values": [{{"year": 2021}}, "2022-01-01", {{"year": 2030}}]}}}},
                     "y": {{"field": "v", "type": "quantitative"}}}}}}"#,
        rows.join(",")
    );
    let (svg, _) = render(&spec, 640.0);
    let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    assert!(shown.iter().any(|t| t == "2021"), "{shown:?}");
    assert!(shown.iter().any(|t| t == "2022"), "{shown:?}");
    assert!(
        !shown.iter().any(|t| t == "2030" || t == "2020"),
        "{shown:?}"
    );
}

#[test]
fn tick_size_label_padding_offset_and_title_padding_place_the_axis() {
    // Without the properties: labels 6 px below the plot, no ticks.
    let (svg, scene) = render(&points("{}", "{}"), 640.0);
    let bottom = f64::from(scene.plot.y + scene.plot.height);
    assert!((at(&svg, "0").1 - (bottom + 6.0)).abs() <= 1.0);
    assert!(lines(&svg, AXIS)
        .iter()
        .all(|l| l[1] == l[3] || l[0] == l[2]));
    let plain_title = at(&svg, "v").1 - at(&svg, "0").1;

    let (svg, scene) = render(
        &points(
            r#"{"tickSize": 8, "labelPadding": 3, "offset": 5, "titlePadding": 10}"#,
            r#"{"tickSize": 4}"#,
        ),
        640.0,
    );
    let plot = scene.plot;
    let bottom = f64::from(plot.y + plot.height);
    // The axis line moves down with the offset; ticks 8 px long hang from it.
    let axis = lines(&svg, AXIS);
    assert!(
        axis.iter()
            .any(|l| l[1] == l[3] && (l[1] - (bottom + 5.0)).abs() <= 1.0),
        "{axis:?}"
    );
    let x_ticks: Vec<&[f64; 4]> = axis
        .iter()
        .filter(|l| l[0] == l[2] && (l[1] - (bottom + 5.0)).abs() <= 1.0)
        .collect();
    assert!(x_ticks.len() >= 2, "{axis:?}");
    assert!(x_ticks.iter().all(|l| (l[3] - l[1] - 8.0).abs() <= 1.0));
    // Labels beyond offset + tick + padding = 16 px; the title 10 px below them.
    assert!((at(&svg, "0").1 - (bottom + 16.0)).abs() <= 1.0);
    let titled = at(&svg, "v").1 - at(&svg, "0").1;
    assert!(
        (titled - plain_title - 6.0).abs() <= 1.0,
        "{titled} vs {plain_title}"
    );
    // y: ticks 4 px left of the plot, labels 2 px (Vega's padding) beyond them.
    let left = f64::from(plot.x);
    assert!(axis
        .iter()
        .any(|l| l[1] == l[3] && (l[0] - (left - 4.0)).abs() <= 1.0 && (l[2] - left).abs() <= 1.0));
    assert!((at(&svg, "a").0 - (left - 6.0)).abs() <= 1.0);
    // With `values` on the band axis, ticks stand at those categories only.
    let (svg, scene) = render(
        &points("{}", r#"{"tickSize": 4, "values": ["a", "c"]}"#),
        640.0,
    );
    let left = f64::from(scene.plot.x);
    let y_ticks: Vec<f64> = lines(&svg, AXIS)
        .into_iter()
        .filter(|l| l[1] == l[3] && (l[0] - (left - 4.0)).abs() <= 1.0)
        .map(|l| l[1])
        .collect();
    assert_eq!(y_ticks.len(), 2, "{y_ticks:?}");
    assert!((y_ticks[0] - at(&svg, "a").1).abs() <= 1.0);
    assert!((y_ticks[1] - at(&svg, "c").1).abs() <= 1.0);
}

#[test]
fn tick_size_zero_draws_no_ticks_and_sets_the_labels_close() {
    let (svg, scene) = render(&points(r#"{"tickSize": 0}"#, "{}"), 640.0);
    let bottom = f64::from(scene.plot.y + scene.plot.height);
    assert!((at(&svg, "0").1 - (bottom + 2.0)).abs() <= 1.0);
    assert!(lines(&svg, AXIS)
        .iter()
        .all(|l| !(l[0] == l[2] && l[1] >= bottom - 0.5)));
}

#[test]
fn padded_axes_still_fit_a_phone() {
    let spec = points(
        r#"{"tickSize": 10, "labelPadding": 8, "offset": 12, "titlePadding": 12, "values": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}"#,
        r#"{"tickSize": 10, "labelPadding": 8, "offset": 12}"#,
    );
    for width in [280.0, 320.0, 375.0] {
        let (svg, scene) = render(&spec, width);
        assert!(overlapping_texts(&scene).is_empty(), "{width}");
        assert!(scene.plot.width > 100.0, "{width}: {:?}", scene.plot);
        for (t, x, _) in texts(&svg) {
            assert!(x >= 0.0 && x <= f64::from(width), "{width}: {t} at {x}");
        }
    }
}

#[test]
fn config_axis_sets_values_and_spacing_for_every_axis() {
    let spec = points("{}", "{}").replace(
        r#""mark": "point","#,
        r#""mark": "point", "config": {"axisX": {"values": [0, 10], "tickSize": 6}},"#,
    );
    let (svg, scene) = render(&spec, 640.0);
    let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    assert!(shown.iter().any(|t| t == "10") && !shown.iter().any(|t| t == "4"));
    let bottom = f64::from(scene.plot.y + scene.plot.height);
    assert!((at(&svg, "0").1 - (bottom + 8.0)).abs() <= 1.0);
}

#[test]
fn bad_axis_values_and_paddings_are_errors_at_their_path() {
    let e = error(&points(r#"{"values": 5}"#, "{}"));
    assert!(e.contains("encoding.x.axis.values"), "{e}");
    assert!(e.contains("expected an array"), "{e}");
    let e = error(&points(r#"{"values": [0, true]}"#, "{}"));
    assert!(e.contains("encoding.x.axis.values[1]"), "{e}");
    let e = error(&points(
        r#"{"values": [{"year": 2020, "month": 13}]}"#,
        "{}",
    ));
    assert!(e.contains("encoding.x.axis.values[0].month"), "{e}");
    for key in ["tickSize", "labelPadding", "offset", "titlePadding"] {
        let e = error(&points(&format!(r#"{{"{key}": -3}}"#), "{}"));
        assert!(e.contains(&format!("encoding.x.axis.{key}")), "{e}");
        assert!(
            e.contains("expected a length in pixels from 0 to 100"),
            "{e}"
        );
        assert!(e.contains("found -3"), "{e}");
    }
}

/// SYNTHETIC monthly bars on a band axis of month names, with the given x axis.
fn months(x_axis: &str) -> String {
    let rows: Vec<String> = ["January", "February", "March", "April"]
        .iter()
        .enumerate()
        .map(|(i, m)| format!(r#"{{"m": "{m}", "v": {}}}"#, i + 1))
        .collect();
    format!(
        r#"{{"data": {{"values": [{}]}}, "mark": "bar",
        "encoding": {{"x": {{"field": "m", "type": "nominal", "sort": null, "axis": {x_axis}}},
                     "y": {{"field": "v", "type": "quantitative"}}}}}}"#,
        rows.join(",")
    )
}

/// The `text-anchor` of the text `wanted`.
fn anchor(svg: &str, wanted: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .find(|n| n.has_tag_name("text") && text_of(*n) == wanted)
        .and_then(|n| n.attribute("text-anchor"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn label_expr_indexes_a_label_and_label_align_sets_it_against_its_tick() {
    let (svg, scene) = render(
        &months(r#"{"labelExpr": "datum.label[0] + datum.label[1]", "labelAlign": "left"}"#),
        320.0,
    );
    let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    for initials in ["Ja", "Fe", "Ma", "Ap"] {
        assert!(shown.iter().any(|t| t == initials), "{initials}: {shown:?}");
    }
    assert!(!shown.iter().any(|t| t == "January"), "{shown:?}");
    // Left-aligned: the label starts at its band's centre (the tick), not centred on it.
    assert_eq!(anchor(&svg, "Fe"), "start");
    let plot = scene.plot;
    let band = f64::from(plot.width) / 4.0;
    let (x, _) = at(&svg, "Fe");
    assert!(
        x > f64::from(plot.x) + band && x < f64::from(plot.x) + 2.0 * band,
        "{x}"
    );
    // Centred by default; an index past the end writes nothing.
    let (svg, _) = render(&months(r#"{"labelExpr": "datum.label[7]"}"#), 320.0);
    let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    // "February"[7] is "y"; the other names are shorter.
    assert_eq!(shown.iter().filter(|t| *t == "y").count(), 1, "{shown:?}");
    assert!(!shown.iter().any(|t| t == "M" || t == "A"), "{shown:?}");
}

#[test]
fn label_align_is_an_x_axis_property() {
    let e = error(&points("{}", r#"{"labelAlign": "left"}"#));
    assert!(e.contains("encoding.y.axis.labelAlign"), "{e}");
    let e = error(&points(r#"{"labelAlign": "start"}"#, "{}"));
    assert!(
        e.contains("encoding.x.axis.labelAlign") && e.contains("left, center, right"),
        "{e}"
    );
}

/// SYNTHETIC: an ordinal time unit's categories take the axis's time `format` (Vega-Lite
/// formats a time unit's values as times whatever the field's type), in time order.
#[test]
fn an_ordinal_time_units_axis_format_is_a_time_format() {
    let spec = r#"{"data": {"values": [
        {"date": "2024-03-15", "v": 2}, {"date": "2024-01-05", "v": 3}, {"date": "2024-02-10", "v": 5}]},
      "mark": "bar",
      "encoding": {
        "x": {"field": "date", "timeUnit": "yearmonth", "type": "ordinal", "axis": {"format": "%Y-%m"}},
        "y": {"field": "v", "type": "quantitative"}}}"#;
    let chart = stdviz::Chart::new(spec, None).expect("valid chart");
    let svg = stdviz::svg::to_svg(&scene_at(&chart, 320.0)).expect("svg");
    let texts = svg_texts(&svg);
    let months: Vec<&String> = texts.iter().filter(|t| t.starts_with("2024-")).collect();
    assert_eq!(months, ["2024-01", "2024-02", "2024-03"], "{texts:?}");
    // A number format asked for explicitly is still checked as one.
    let number = spec.replace(
        r#""format": "%Y-%m""#,
        r#""format": "%Y-%m", "formatType": "number""#,
    );
    let err = stdviz::Chart::new(&number, None).expect_err("not a number format");
    assert!(err.to_string().contains("axis.format"), "{err}");
}

/// SYNTHETIC: a spec's flat `labelAngle: 0` over bands too narrow for a label's one word
/// ("00:00") turns the labels rather than breaking the word across lines ("00 / :0 / 0").
#[test]
fn a_forced_flat_angle_never_breaks_a_word() {
    let values: Vec<String> = (0..24)
        .map(|h| format!(r#"{{"t": "{h:02}:00", "v": {}}}"#, h % 5 + 1))
        .collect();
    let spec = format!(
        r#"{{"data": {{"values": [{}]}}, "mark": "bar",
          "encoding": {{"x": {{"field": "t", "type": "ordinal", "axis": {{"labelAngle": 0}}}},
                       "y": {{"field": "v", "type": "quantitative"}}}}}}"#,
        values.join(",")
    );
    let chart = stdviz::Chart::new(&spec, None).expect("valid chart");
    for width in [320.0, 640.0] {
        let svg = stdviz::svg::to_svg(&scene_at(&chart, width)).expect("svg");
        let texts = svg_texts(&svg);
        for h in [0, 12, 23] {
            let label = format!("{h:02}:00");
            assert!(texts.contains(&label), "{width}: {label} in {texts:?}");
        }
        assert!(
            !texts.iter().any(|t| t == ":0" || t == "00"),
            "{width}: {texts:?}"
        );
    }
}

/// SYNTHETIC: a stack normalised to 1 is labelled in shares, as Vega-Lite's default
/// `normalizedNumberFormat` (`.0%`) writes them.
#[test]
fn a_normalized_stack_axis_reads_in_percent() {
    let spec = r#"{"data": {"values": [
        {"k": "a", "s": "x", "v": 3}, {"k": "a", "s": "y", "v": 1},
        {"k": "b", "s": "x", "v": 2}, {"k": "b", "s": "y", "v": 2}]},
      "mark": "bar",
      "encoding": {"x": {"field": "k", "type": "nominal"},
                   "y": {"field": "v", "type": "quantitative", "aggregate": "sum", "stack": "normalize"},
                   "color": {"field": "s", "type": "nominal"}}}"#;
    let chart = stdviz::Chart::new(spec, None).expect("valid chart");
    let texts = svg_texts(&stdviz::svg::to_svg(&scene_at(&chart, 320.0)).expect("svg"));
    for t in ["0%", "50%", "100%"] {
        assert!(texts.iter().any(|x| x == t), "{t}: {texts:?}");
    }
    assert!(!texts.iter().any(|x| x == "0.5"), "{texts:?}");
}
