#![cfg(not(target_arch = "wasm32"))]
//! Outlines on filled marks (`stroke`, `strokeWidth`, `strokeOpacity`, `strokeDash` on
//! bars, rects, areas and arcs) drawn to SVG and read back: each data mark's outline
//! follows the same geometry as its fill (rounded corners, slices, area polygons), with
//! the stroke's colour, width, opacity and dash. SYNTHETIC data throughout.

mod common;

use stdviz::Chart;

fn svg_of(spec: &str) -> String {
    common::svg_at(spec, 480.0)
}

/// One data mark (`<g class="m">`): its fill element and its outline element, by tag
/// and attributes.
#[derive(Debug)]
struct Mark {
    fill: Vec<(String, String)>,
    fill_tag: String,
    outline: Option<(String, Vec<(String, String)>)>,
}

impl Mark {
    fn fill_attr(&self, k: &str) -> &str {
        attr(&self.fill, k)
    }
    fn outline_attr(&self, k: &str) -> &str {
        attr(&self.outline.as_ref().expect("an outline").1, k)
    }
}

fn attr<'a>(attrs: &'a [(String, String)], k: &str) -> &'a str {
    attrs
        .iter()
        .find(|(n, _)| n == k)
        .map_or("", |(_, v)| v.as_str())
}

fn marks(svg: &str) -> Vec<Mark> {
    let doc = roxmltree::Document::parse(svg).expect("svg parses");
    let attrs = |n: roxmltree::Node<'_, '_>| -> Vec<(String, String)> {
        n.attributes()
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect()
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
        .map(|g| {
            let shapes: Vec<_> = g
                .children()
                .filter(|n| n.is_element() && !n.has_tag_name("title"))
                .collect();
            Mark {
                fill_tag: shapes[0].tag_name().name().to_string(),
                fill: attrs(shapes[0]),
                outline: shapes
                    .get(1)
                    .map(|n| (n.tag_name().name().to_string(), attrs(*n))),
            }
        })
        .collect()
}

/// An attribute's number, to two decimals.
fn num(v: &str) -> f64 {
    (v.parse::<f64>().expect("a number") * 100.0).round() / 100.0
}

fn points(p: &str) -> Vec<(i32, i32)> {
    p.split_whitespace()
        .filter_map(|xy| {
            let (x, y) = xy.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// SYNTHETIC stacked bars: two categories, two segments each.
fn bars(mark: &str, extra: &str) -> String {
    format!(
        r#"{{"data":{{"values":[{{"k":"a","s":"x","v":3}},{{"k":"a","s":"y","v":5}},
            {{"k":"b","s":"x","v":2}},{{"k":"b","s":"y","v":4}}]}},
          "mark":{mark},
          "encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"v","type":"quantitative"}},
            "color":{{"field":"s","type":"nominal"}}{extra}}}}}"#
    )
}

#[test]
fn square_bars_are_outlined_around_their_own_box() {
    let svg = svg_of(&bars(
        r##"{"type":"bar","stroke":"#000000","strokeWidth":2}"##,
        "",
    ));
    let got = marks(&svg);
    assert_eq!(got.len(), 4);
    for m in &got {
        assert_eq!(m.fill_tag, "rect");
        let (tag, _) = m.outline.as_ref().expect("an outline");
        assert_eq!(tag, "polyline");
        assert_eq!(m.outline_attr("fill"), "none");
        assert_eq!(m.outline_attr("stroke"), "#000000");
        assert_eq!(m.outline_attr("stroke-width"), "2");
        let n = |k: &str| m.fill_attr(k).parse::<i32>().expect(k);
        let (x, y, w, h) = (n("x"), n("y"), n("width"), n("height"));
        // The box's corners clockwise from top-left, closed through the first two again.
        assert_eq!(
            points(m.outline_attr("points")),
            vec![
                (x, y),
                (x + w, y),
                (x + w, y + h),
                (x, y + h),
                (x, y),
                (x + w, y)
            ],
            "{m:?}"
        );
        // The fill keeps the colour scale's colour.
        assert_ne!(m.fill_attr("fill"), "#000000");
    }
}

#[test]
fn rounded_bars_are_outlined_along_their_rounded_corners() {
    let svg = svg_of(&bars(
        r##"{"type":"bar","cornerRadius":6,"stroke":"black"}"##,
        "",
    ));
    let got = marks(&svg);
    assert_eq!(got.len(), 4);
    for m in &got {
        assert_eq!(m.fill_tag, "polygon");
        let (tag, _) = m.outline.as_ref().expect("an outline");
        assert_eq!(tag, "polyline");
        assert_eq!(m.outline_attr("stroke-width"), "1", "Vega's default width");
        let fill = points(m.fill_attr("points"));
        let line = points(m.outline_attr("points"));
        // The same vertices, closed through the first two again.
        assert!(fill.len() > 8, "rounded: {fill:?}");
        assert_eq!(line[..fill.len()], fill[..]);
        assert_eq!(line[fill.len()..], fill[..2]);
    }
}

#[test]
fn stroke_opacity_is_the_outline_s_and_fill_opacity_the_fill_s() {
    let svg = svg_of(&bars(
        r##"{"type":"bar","stroke":"#ffffff","strokeOpacity":0.5,"fillOpacity":0.8}"##,
        "",
    ));
    for m in marks(&svg) {
        assert_eq!(m.outline_attr("stroke"), "#FFFFFF");
        assert_eq!(num(m.outline_attr("opacity")), 0.5);
        assert_eq!(num(m.fill_attr("opacity")), 0.8);
    }
    // `opacity` is both.
    let svg = svg_of(&bars(
        r##"{"type":"bar","stroke":"#ffffff","opacity":0.6}"##,
        "",
    ));
    for m in marks(&svg) {
        assert_eq!(num(m.outline_attr("opacity")), 0.6);
        assert_eq!(num(m.fill_attr("opacity")), 0.6);
    }
}

#[test]
fn no_stroke_no_zero_width_and_null_draw_no_outline() {
    for mark in [
        r#""bar""#,
        r#"{"type":"bar","strokeWidth":3}"#,
        r#"{"type":"bar","stroke":"black","strokeWidth":0}"#,
        r#"{"type":"bar","stroke":null}"#,
    ] {
        let svg = svg_of(&bars(mark, ""));
        assert!(marks(&svg).iter().all(|m| m.outline.is_none()), "{mark}");
    }
}

#[test]
fn a_stroke_value_in_the_encoding_is_the_outline() {
    let svg = svg_of(&bars(r#""bar""#, r##","stroke":{"value":"#d55e00"}"##));
    let got = marks(&svg);
    assert_eq!(got.len(), 4);
    for m in &got {
        assert_eq!(m.outline_attr("stroke"), "#D55E00");
        assert_ne!(m.fill_attr("fill"), "#D55E00");
    }
}

#[test]
fn stroke_errors_name_their_path() {
    let err = |spec: &str| match Chart::new(spec, None) {
        Ok(_) => panic!("an error expected"),
        Err(e) => e.to_string(),
    };
    let e = err(&bars(r#"{"type":"bar","stroke":2}"#, ""));
    assert!(e.contains("mark.stroke") && e.contains("CSS colour"), "{e}");
    let e = err(&bars(
        r#""bar""#,
        r#","stroke":{"field":"s","type":"nominal"}"#,
    ));
    assert!(e.contains("encoding.stroke"), "{e}");
    let e = err(&bars(
        r#"{"type":"bar","stroke":"red","strokeOpacity":2}"#,
        "",
    ));
    assert!(e.contains("mark.strokeOpacity"), "{e}");
}

#[test]
fn stroke_width_by_condition_outlines_only_the_marks_it_picks() {
    let svg = svg_of(&bars(
        r#"{"type":"bar","stroke":"black"}"#,
        r#","strokeWidth":{"condition":{"test":"datum.v > 4","value":3},"value":0}"#,
    ));
    let got = marks(&svg);
    assert_eq!(got.len(), 4);
    let outlined: Vec<&str> = got
        .iter()
        .filter(|m| m.outline.is_some())
        .map(|m| m.outline_attr("stroke-width"))
        .collect();
    // Only the segment of 5 is over 4.
    assert_eq!(outlined, vec!["3"]);
}

#[test]
fn stroke_width_by_a_selection_outlines_the_selected_bar() {
    let spec = r##"{"data":{"values":[{"a":"A","b":28},{"a":"B","b":55},{"a":"C","b":43}]},
      "params":[{"name":"pick","select":{"type":"point","fields":["a"]},"value":[{"a":"B"}]}],
      "mark":{"type":"bar","fill":"#4C78A8","stroke":"black"},
      "encoding":{"x":{"field":"a","type":"ordinal"},"y":{"field":"b","type":"quantitative"},
        "strokeWidth":{"condition":{"param":"pick","empty":false,"value":2},"value":0}}}"##;
    let got = marks(&svg_of(spec));
    assert_eq!(got.len(), 3);
    let widths: Vec<Option<&str>> = got
        .iter()
        .map(|m| m.outline.as_ref().map(|_| m.outline_attr("stroke-width")))
        .collect();
    assert_eq!(widths, vec![None, Some("2"), None]);
}

/// SYNTHETIC slices.
fn pie(mark: &str) -> String {
    format!(
        r#"{{"data":{{"values":[{{"k":"a","v":3}},{{"k":"b","v":5}},{{"k":"c","v":2}}]}},
          "mark":{mark},
          "encoding":{{"theta":{{"field":"v","type":"quantitative"}},"color":{{"field":"k","type":"nominal"}}}}}}"#
    )
}

#[test]
fn slices_are_outlined_on_their_whole_edge_instead_of_separators() {
    let svg = svg_of(&pie(
        r##"{"type":"arc","innerRadius":40,"stroke":"#ffffff","strokeWidth":3}"##,
    ));
    let got = marks(&svg);
    assert_eq!(got.len(), 3);
    for m in &got {
        assert_eq!(m.fill_tag, "polygon");
        assert_eq!(m.outline_attr("stroke"), "#FFFFFF");
        assert_eq!(m.outline_attr("stroke-width"), "3");
        let fill = points(m.fill_attr("points"));
        let line = points(m.outline_attr("points"));
        assert_eq!(line[..fill.len()], fill[..]);
    }
    // The separators (white lines from the inner to the outer radius) are not drawn too.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("line") && n.attribute("stroke") == Some("#FFFFFF"))
        .count();
    assert_eq!(lines, 0);
    // Without a stroke the separators stay.
    let plain = svg_of(&pie(r#"{"type":"arc","innerRadius":40}"#));
    assert!(marks(&plain).iter().all(|m| m.outline.is_none()));
    let doc = roxmltree::Document::parse(&plain).unwrap();
    assert!(doc.descendants().any(|n| n.has_tag_name("line")));
}

#[test]
fn an_area_is_outlined_around_its_polygon_with_its_dash() {
    let spec = r##"{"data":{"values":[{"x":1,"y":2},{"x":2,"y":4},{"x":3,"y":3}]},
      "mark":{"type":"area","stroke":"#333333","strokeWidth":2,"strokeDash":[4,2]},
      "encoding":{"x":{"field":"x","type":"quantitative"},"y":{"field":"y","type":"quantitative"}}}"##;
    let svg = svg_of(spec);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let poly = doc
        .descendants()
        .find(|n| n.has_tag_name("polygon"))
        .expect("the area");
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#333333"))
        .expect("its outline");
    assert_eq!(line.attribute("stroke-dasharray"), Some("4 2"));
    assert_eq!(line.attribute("stroke-width"), Some("2"));
    let (fill, outline) = (
        points(poly.attribute("points").unwrap()),
        points(line.attribute("points").unwrap()),
    );
    assert_eq!(outline[..fill.len()], fill[..]);
    assert_eq!(outline[fill.len()], fill[0], "closed");
}

#[test]
fn a_heatmap_cell_is_outlined_and_a_width_channel_on_arcs_is_dropped() {
    let spec = r##"{"data":{"values":[{"a":"p","b":"q","v":1},{"a":"r","b":"q","v":2}]},
      "mark":{"type":"rect","stroke":"#ffffff","strokeWidth":2},
      "encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"b","type":"nominal"},
        "color":{"field":"v","type":"quantitative"}}}"##;
    let got = marks(&svg_of(spec));
    assert_eq!(got.len(), 2);
    for m in &got {
        assert_eq!(m.outline_attr("stroke-width"), "2");
        assert_eq!(m.outline_attr("stroke"), "#FFFFFF");
        assert_eq!(points(m.outline_attr("points")).len(), 6);
    }
    // strokeWidth on an arc (no per-slice width) is dropped with a warning.
    let chart = Chart::new(
        &pie(r#"{"type":"arc","stroke":"white"}"#)
            .replace(r#""theta":"#, r#""strokeWidth":{"value":3},"theta":"#),
        None,
    )
    .unwrap();
    assert!(
        chart
            .warnings
            .iter()
            .any(|w| w.path == "encoding.strokeWidth" && w.message.contains("dropped")),
        "{:?}",
        chart.warnings
    );
}

#[test]
fn config_bar_gives_every_bar_its_outline_unless_the_mark_sets_it() {
    let with = |mark: &str| {
        bars(mark, "").replacen(
            "{",
            r##"{"config":{"bar":{"stroke":"#111111","strokeWidth":2}},"##,
            1,
        )
    };
    for m in marks(&svg_of(&with(r#""bar""#))) {
        assert_eq!(m.outline_attr("stroke"), "#111111");
        assert_eq!(m.outline_attr("stroke-width"), "2");
    }
    // The mark's own width wins.
    for m in marks(&svg_of(&with(r#"{"type":"bar","strokeWidth":3}"#))) {
        assert_eq!(m.outline_attr("stroke-width"), "3");
    }
    let e = match Chart::new(
        &bars(r#""bar""#, "").replacen("{", r#"{"config":{"bar":{"strokeWidth":-1}},"#, 1),
        None,
    ) {
        Ok(_) => panic!("an error expected"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("config.bar.strokeWidth"), "{e}");
}
