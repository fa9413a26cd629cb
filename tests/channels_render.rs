#![cfg(not(target_arch = "wasm32"))]
//! The `shape`, `strokeDash`, `strokeWidth`, `fill`/`stroke` and `fillOpacity` channels
//! drawn to SVG and read back: each point's symbol (circle, rect or polygon of the
//! symbol's corners), each line's `stroke-dasharray` and `stroke-width`, and the legend
//! drawn with the same symbols and dashes. SYNTHETIC data throughout.

mod common;

use stdviz::render::dash_pieces;
use stdviz::Chart;

fn svg_of(spec: &str) -> String {
    common::svg_at(spec, 480.0)
}

/// Each data mark's series (`data-series`) and the first drawn element's tag and the
/// number of corners of a polygon (0 otherwise).
fn mark_symbols(svg: &str) -> Vec<(String, String, usize)> {
    let doc = roxmltree::Document::parse(svg).expect("svg parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
        .filter_map(|g| {
            let shape = g
                .children()
                .find(|n| n.is_element() && !n.has_tag_name("title"))?;
            let corners = shape
                .attribute("points")
                .map_or(0, |p| p.split_whitespace().count());
            Some((
                g.attribute("data-series").unwrap_or("").to_string(),
                shape.tag_name().name().to_string(),
                corners,
            ))
        })
        .collect()
}

/// SYNTHETIC points: three series of two points each.
const POINTS: &str = r#"{"data":{"values":[
    {"x":1,"y":1,"s":"a"},{"x":2,"y":2,"s":"a"},
    {"x":3,"y":1,"s":"b"},{"x":4,"y":2,"s":"b"},
    {"x":5,"y":1,"s":"c"},{"x":6,"y":2,"s":"c"}]},
  "mark":{"type":"point","filled":true},
  "encoding":{"x":{"field":"x","type":"quantitative"},"y":{"field":"y","type":"quantitative"},
    "color":{"field":"s","type":"nominal"},"shape":{"field":"s","type":"nominal"}}}"#;

#[test]
fn shapes_follow_vega_s_symbol_range_in_marks_and_legend() {
    let svg = svg_of(POINTS);
    let got = mark_symbols(&svg);
    assert_eq!(got.len(), 6, "{got:?}");
    // Vega's range: circle, square, triangle-up (three corners).
    for (series, tag, corners) in &got {
        let want = match series.as_str() {
            "a" => ("circle", 0),
            "b" => ("rect", 0),
            _ => ("polygon", 3),
        };
        assert_eq!((tag.as_str(), *corners), want, "series {series}");
    }
    // The legend shows the same symbols: one circle, one square swatch-sized rect and a
    // triangle outside the data marks.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let outside = |tag: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag))
            .filter(|n| !n.ancestors().any(|a| a.attribute("class") == Some("m")))
            .count()
    };
    assert!(outside("polygon") >= 1, "a triangle in the legend");
    assert!(outside("circle") >= 1, "a circle in the legend");
}

#[test]
fn a_shape_scale_range_and_mark_shape_are_read() {
    let ranged = POINTS.replace(
        r#""shape":{"field":"s","type":"nominal"}"#,
        r#""shape":{"field":"s","type":"nominal","scale":{"range":["diamond","cross","triangle-down"]}}"#,
    );
    let corners: Vec<usize> = mark_symbols(&svg_of(&ranged)).iter().map(|m| m.2).collect();
    assert_eq!(corners, vec![4, 4, 12, 12, 3, 3]);
    let marked = POINTS
        .replace(
            r#"{"type":"point","filled":true}"#,
            r#"{"type":"point","filled":true,"shape":"diamond"}"#,
        )
        .replace(r#","shape":{"field":"s","type":"nominal"}"#, "");
    let corners: Vec<usize> = mark_symbols(&svg_of(&marked)).iter().map(|m| m.2).collect();
    assert_eq!(corners, vec![4; 6]);
}

/// SYNTHETIC lines: three series.
fn lines(extra: &str, mark: &str) -> String {
    format!(
        r#"{{"data":{{"values":[
    {{"x":1,"y":1,"s":"a","w":1}},{{"x":2,"y":2,"s":"a","w":1}},
    {{"x":1,"y":2,"s":"b","w":5}},{{"x":2,"y":3,"s":"b","w":5}},
    {{"x":1,"y":3,"s":"c","w":9}},{{"x":2,"y":4,"s":"c","w":9}}]}},
  "mark":{mark},
  "encoding":{{"x":{{"field":"x","type":"quantitative"}},"y":{{"field":"y","type":"quantitative"}}{extra}}}}}"#
    )
}

/// The `stroke-dasharray` (or "" when solid) and `stroke-width` of every polyline.
fn polylines(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("svg parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| {
            (
                n.attribute("stroke-dasharray").unwrap_or("").to_string(),
                n.attribute("stroke-width").unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn stroke_dash_follows_vega_lite_s_dash_range_in_lines_and_legend() {
    let svg = svg_of(&lines(
        r#","strokeDash":{"field":"s","type":"nominal"}"#,
        r#""line""#,
    ));
    let dashes: Vec<String> = polylines(&svg).into_iter().map(|p| p.0).collect();
    // Three lines, then the legend's dashed entries: [1, 0] is solid (the legend's solid
    // entry is a plain `<line>`), then [4, 2], [2, 1].
    assert_eq!(dashes, vec!["", "4 2", "2 1", "4 2", "2 1"], "{svg}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter_map(|t| t.text())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect();
    for label in ["s", "a", "b", "c"] {
        assert!(
            texts.iter().any(|t| t.lines().next() == Some(label)),
            "legend text {label}: {texts:?}"
        );
    }
}

#[test]
fn mark_stroke_dash_and_a_constant_dash_draw_dashed() {
    let svg = svg_of(&lines("", r#"{"type":"line","strokeDash":[6,3]}"#));
    let dashes: Vec<String> = polylines(&svg).into_iter().map(|p| p.0).collect();
    assert_eq!(dashes, vec!["6 3"], "one line through every row");
    let svg = svg_of(&lines(
        r#","detail":{"field":"s"},"strokeDash":{"value":[2,2]}"#,
        r#""line""#,
    ));
    let dashes: Vec<String> = polylines(&svg).into_iter().map(|p| p.0).collect();
    assert_eq!(dashes, vec!["2 2"; 3]);
    // A dashed rule.
    let rule = r#"{"data":{"values":[{"v":2}]},"mark":{"type":"rule","strokeDash":[4,4]},
        "encoding":{"y":{"field":"v","type":"quantitative"}}}"#;
    assert!(polylines(&svg_of(rule)).iter().any(|p| p.0 == "4 4"));
}

#[test]
fn stroke_width_maps_a_quantitative_field_from_one_to_four_px() {
    let svg = svg_of(&lines(
        r#","detail":{"field":"s"},"strokeWidth":{"field":"w","type":"quantitative","legend":null}"#,
        r#""line""#,
    ));
    let widths: Vec<f64> = polylines(&svg)
        .iter()
        .map(|p| p.1.parse().expect("a width"))
        .collect();
    // Domain [0, 9] (zero included) onto [1, 4] px: 1 → 1.33, 5 → 2.67, 9 → 4.
    assert_eq!(widths.len(), 3);
    assert!(widths[0] < widths[1] && widths[1] < widths[2], "{widths:?}");
    assert_eq!(widths[2], 4.0);
}

#[test]
fn fill_and_stroke_channels_colour_the_marks() {
    // SYNTHETIC bars coloured by `fill`.
    let bars = r##"{"data":{"values":[{"k":"a","v":1},{"k":"b","v":2}]},"mark":"bar",
        "encoding":{"x":{"field":"k","type":"nominal"},"y":{"field":"v","type":"quantitative"},
        "fill":{"field":"k","type":"nominal","scale":{"range":["#ff0000","#0000ff"]}}}}"##;
    let svg = svg_of(bars);
    assert!(
        svg.contains("#FF0000") || svg.contains("#ff0000"),
        "first bar red"
    );
    assert!(
        svg.contains("#0000FF") || svg.contains("#0000ff"),
        "second bar blue"
    );
    // `stroke` colours lines; on bars it is an outline, which stdviz refuses.
    let line = lines(
        r##","stroke":{"field":"s","type":"nominal","scale":{"range":["#ff0000","#00ff00","#0000ff"]}}"##,
        r#""line""#,
    );
    assert!(svg_of(&line).to_lowercase().contains("stroke=\"#00ff00\""));
    let outlined = bars.replace("\"fill\"", "\"stroke\"");
    let err = match Chart::new(&outlined, None) {
        Ok(_) => panic!("an error expected"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("encoding.stroke"), "{err}");
}

#[test]
fn shapes_on_marks_without_symbols_are_dropped_with_a_warning() {
    let spec = lines(r#","shape":{"value":"square"}"#, r#""line""#);
    let chart = Chart::new(&spec, None).expect("drawn");
    assert!(chart
        .warnings
        .iter()
        .any(|w| w.path == "encoding.shape" && w.message.contains("dropped")));
    let custom = POINTS.replace(
        r#""shape":{"field":"s","type":"nominal"}"#,
        r#""shape":{"value":"M0,0L1,1Z"}"#,
    );
    let err = match Chart::new(&custom, None) {
        Ok(_) => panic!("an error expected"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("encoding.shape.value") && err.contains("shape name"),
        "{err}"
    );
}

#[test]
fn dashes_are_cut_along_the_path_as_svg_cuts_them() {
    // A 20 px line with [4, 2]: dashes at 0–4, 6–10, 12–16, 18–20.
    let pieces = dash_pieces(&[(0, 0), (20, 0)], &[4.0, 2.0]);
    let spans: Vec<(i32, i32)> = pieces.iter().map(|p| (p[0].0, p[p.len() - 1].0)).collect();
    assert_eq!(spans, vec![(0, 4), (6, 10), (12, 16), (18, 20)]);
    // Around a corner the dash bends with the path.
    let bent = dash_pieces(&[(0, 0), (3, 0), (3, 10)], &[5.0, 5.0]);
    assert_eq!(bent[0], vec![(0, 0), (3, 0), (3, 2)]);
    // An odd pattern repeats twice; no positive length draws the whole path.
    assert_eq!(dash_pieces(&[(0, 0), (9, 0)], &[3.0]).len(), 2);
    assert_eq!(
        dash_pieces(&[(0, 0), (9, 0)], &[0.0, 0.0]),
        vec![vec![(0, 0), (9, 0)]]
    );
}

#[test]
fn a_trail_is_a_filled_outline_as_wide_as_its_size() {
    // SYNTHETIC: one series whose size grows from 0 to 10, on a size range of 2–10 px.
    let spec = r#"{"data":{"values":[{"x":0,"y":5,"v":0},{"x":10,"y":5,"v":10}]},
      "mark":"trail",
      "encoding":{"x":{"field":"x","type":"quantitative"},"y":{"field":"y","type":"quantitative"},
        "size":{"field":"v","type":"quantitative","scale":{"range":[2,10]},"legend":null}}}"#;
    let svg = svg_of(spec);
    let doc = roxmltree::Document::parse(&svg).expect("svg parses");
    let outline: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .filter_map(|n| n.attribute("points"))
        .flat_map(|p| {
            p.split_whitespace()
                .filter_map(|xy| xy.split_once(','))
                .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
                .collect::<Vec<(f64, f64)>>()
        })
        .collect();
    assert_eq!(outline.len(), 4, "one four-cornered outline: {outline:?}");
    // Left end 2 px tall, right end 10 px tall (± rounding to device pixels).
    let height_at = |x: f64| {
        let ys: Vec<f64> = outline
            .iter()
            .filter(|p| (p.0 - x).abs() < 0.5)
            .map(|p| p.1)
            .collect();
        ys.iter().cloned().fold(f64::MIN, f64::max) - ys.iter().cloned().fold(f64::MAX, f64::min)
    };
    let (left, right) = (
        outline.iter().map(|p| p.0).fold(f64::MAX, f64::min),
        outline.iter().map(|p| p.0).fold(f64::MIN, f64::max),
    );
    assert!((height_at(left) - 2.0).abs() <= 1.0, "{outline:?}");
    assert!((height_at(right) - 10.0).abs() <= 1.0, "{outline:?}");
}
