#![cfg(not(target_arch = "wasm32"))]
//! `mark.cornerRadiusEnd` (issue #18): a bar rounded at its value end only — the top of
//! a positive column, the bottom of a negative one, the right end of a horizontal bar —
//! read back from the SVG's polygons. All data here is SYNTHETIC.

use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// Every `<polygon>`'s points.
fn polygons(svg: &str) -> Vec<Vec<(f64, f64)>> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .map(|n| {
            n.attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|p| p.split_once(','))
                .filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                .collect()
        })
        .collect()
}

/// Which corners of a polygon's bounding box are points of it (square corners):
/// [top-left, top-right, bottom-right, bottom-left].
fn square_corners(pts: &[(f64, f64)]) -> [bool; 4] {
    let x0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let x1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let y0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let y1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let has = |x: f64, y: f64| {
        pts.iter()
            .any(|p| (p.0 - x).abs() < 0.6 && (p.1 - y).abs() < 0.6)
    };
    [has(x0, y0), has(x1, y0), has(x1, y1), has(x0, y1)]
}

fn bars(mark: &str, horizontal: bool) -> Vec<Vec<(f64, f64)>> {
    let (cat, val) = if horizontal { ("y", "x") } else { ("x", "y") };
    let spec = format!(
        r#"{{"data": {{"values": [{{"k": "a", "v": 30}}, {{"k": "b", "v": -20}}]}},
        "mark": {mark},
        "encoding": {{"{cat}": {{"field": "k", "type": "nominal"}},
                     "{val}": {{"field": "v", "type": "quantitative"}}}}}}"#
    );
    let chart = Chart::new(&spec, None).expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width: 400.0,
            height: None,
        })
        .expect("layout");
    polygons(&to_svg(&scene).expect("svg"))
}

#[test]
fn corner_radius_end_rounds_the_value_end_only() {
    let p = bars(r#"{"type": "bar", "cornerRadiusEnd": 6}"#, false);
    assert_eq!(p.len(), 2, "{p:?}");
    // The positive column: top corners round, bottom square; the negative one: reverse.
    assert_eq!(square_corners(&p[0]), [false, false, true, true]);
    assert_eq!(square_corners(&p[1]), [true, true, false, false]);
    let p = bars(r#"{"type": "bar", "cornerRadiusEnd": 6}"#, true);
    assert_eq!(square_corners(&p[0]), [true, false, false, true]);
    assert_eq!(square_corners(&p[1]), [false, true, true, false]);
}

#[test]
fn corner_radius_rounds_every_corner_and_end_overrides_it() {
    let p = bars(r#"{"type": "bar", "cornerRadius": 5}"#, false);
    assert_eq!(square_corners(&p[0]), [false; 4]);
    // cornerRadiusEnd 0 squares the value end of an all-round bar.
    let p = bars(
        r#"{"type": "bar", "cornerRadius": 5, "cornerRadiusEnd": 0}"#,
        false,
    );
    assert_eq!(square_corners(&p[0]), [true, true, false, false]);
}

#[test]
fn a_negative_corner_radius_end_is_an_error_at_its_path() {
    let spec = r#"{"data": {"values": [{"k": "a", "v": 1}]}, "mark": {"type": "bar", "cornerRadiusEnd": -2},
      "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}}"#;
    let e = Chart::new(spec, None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("mark.cornerRadiusEnd"), "{e}");
}
