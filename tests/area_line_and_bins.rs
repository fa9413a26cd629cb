#![cfg(not(target_arch = "wasm32"))]
//! `mark.line` on areas (the top edge drawn as a line, stacked with the area) and
//! `mark.binSpacing` on histograms, drawn to SVG and read back. The data is SYNTHETIC.

use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// The chart's SVG at 640 px and its warnings.
fn svg_of(spec: &str) -> (String, Vec<String>) {
    let chart = Chart::new(spec, None).expect("valid chart");
    let warnings = chart.warnings.iter().map(|w| w.to_string()).collect();
    let scene = chart
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .expect("layout");
    (to_svg(&scene).expect("svg"), warnings)
}

/// The points of an SVG `points` attribute.
fn points(text: &str) -> Vec<(f64, f64)> {
    text.split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// Two stacked SYNTHETIC series over x = 1, 2: a = 1, 2 and b = 10, 20.
fn stacked_area(line: &str) -> String {
    format!(
        r#"{{"data":{{"values":[{{"x":1,"s":"a","v":1}},{{"x":2,"s":"a","v":2}},
        {{"x":1,"s":"b","v":10}},{{"x":2,"s":"b","v":20}}]}},
        "mark":{{"type":"area"{line}}},
        "encoding":{{"x":{{"field":"x","type":"quantitative"}},
                     "y":{{"field":"v","type":"quantitative"}},
                     "color":{{"field":"s","type":"nominal"}}}}}}"#
    )
}

#[test]
fn area_line_overlay_follows_each_stacked_top_in_its_colour() {
    let (svg, _) = svg_of(&stacked_area(r#","line":true"#));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let polygons: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .collect();
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .collect();
    // The two areas come first; the legend's rounded swatches follow.
    assert_eq!(polygons.len(), 4, "{svg}");
    assert_eq!(lines.len(), 2, "one line per area: {svg}");
    for (poly, line) in polygons.iter().zip(&lines) {
        let area_pts = points(poly.attribute("points").unwrap());
        let line_pts = points(line.attribute("points").unwrap());
        // The polygon runs along the top first, then back along the base.
        assert_eq!(line_pts, area_pts[..line_pts.len()].to_vec(), "{svg}");
        assert_eq!(line.attribute("stroke"), poly.attribute("fill"));
    }
    // The second series' line is the stack's top (a + b), not b alone: at x = 2 it is
    // higher up than the first series' top by b's 20 against a's 2.
    let top = |i: usize| points(lines[i].attribute("points").unwrap())[1].1;
    assert!(top(1) < top(0), "{svg}");
    // The overlay adds no data marks: four items, as without it.
    let (plain, _) = svg_of(&stacked_area(""));
    let label = |s: &str| {
        roxmltree::Document::parse(s)
            .unwrap()
            .root_element()
            .attribute("aria-label")
            .unwrap()
            .to_string()
    };
    assert_eq!(label(&svg), label(&plain));
    assert!(!plain.contains("<polyline"), "{plain}");
}

#[test]
fn area_line_overlay_takes_its_own_colour_and_warns_on_the_rest() {
    let (svg, warnings) = svg_of(&stacked_area(
        r##","line":{"color":"#ff0000","strokeCap":"round"}"##,
    ));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let strokes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| n.attribute("stroke").unwrap_or(""))
        .collect();
    assert_eq!(strokes, ["#FF0000", "#FF0000"], "{svg}");
    assert!(
        warnings.iter().any(|w| w.contains("mark.line.strokeCap")),
        "{warnings:?}"
    );
    let Err(err) = Chart::new(&stacked_area(r#","line":3"#), None) else {
        panic!("a number is no overlay");
    };
    assert!(err.to_string().contains("mark.line"), "{err}");
}

/// A SYNTHETIC histogram: 10 values in bins of width 10 over 0–50.
fn histogram(spacing: &str) -> String {
    let values: Vec<String> = [1, 5, 12, 14, 18, 25, 33, 37, 41, 49]
        .iter()
        .map(|v| format!(r#"{{"v":{v}}}"#))
        .collect();
    format!(
        r#"{{"data":{{"values":[{}]}},"mark":{{"type":"bar"{spacing}}},
        "encoding":{{"x":{{"field":"v","bin":{{"step":10}},"type":"quantitative"}},
                     "y":{{"aggregate":"count","type":"quantitative"}}}}}}"#,
        values.join(",")
    )
}

/// The bars (filled with the default colour) as (x, width), left to right.
fn bars(svg: &str) -> Vec<(f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let num = |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let mut out: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#4C78A8"))
        .map(|n| (num(n, "x"), num(n, "width")))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

#[test]
fn bin_spacing_is_the_gap_between_adjacent_bins() {
    for spacing in [0.0, 1.0, 6.0] {
        let spec = if spacing == 1.0 {
            histogram("")
        } else {
            histogram(&format!(r#","binSpacing":{spacing}"#))
        };
        let (svg, _) = svg_of(&spec);
        let bs = bars(&svg);
        assert_eq!(bs.len(), 5, "{svg}");
        for pair in bs.windows(2) {
            let gap = pair[1].0 - (pair[0].0 + pair[0].1);
            assert!(
                (gap - spacing).abs() <= 1.0,
                "binSpacing {spacing}: gap {gap} in {bs:?}"
            );
        }
    }
}
