#![cfg(not(target_arch = "wasm32"))]
//! Quantitative colour drawn to SVG and read back: marks coloured on a scheme's ramp
//! (the ends and, with `domainMid`, the middle stop), `reverse`, `scale.range` stops, and
//! the gradient legend's title and tick labels. SYNTHETIC data.

use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

fn svg_at(spec: &str, width: f32) -> String {
    let chart = Chart::new(spec, None).expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width,
            height: None,
        })
        .expect("layout");
    to_svg(&scene).expect("svg")
}

/// The fill of each data mark, by its `data-label` (the x value).
fn mark_fills(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
        .filter_map(|g| {
            let shape = g
                .descendants()
                .find(|n| n.attribute("fill").is_some_and(|f| f != "none"))?;
            Some((
                g.attribute("data-label")?.to_string(),
                shape.attribute("fill")?.to_string(),
            ))
        })
        .collect()
}

fn points(scale: &str) -> String {
    format!(
        r#"{{"data":{{"values":[{{"k":"a","v":-10}},{{"k":"b","v":0}},{{"k":"c","v":30}}]}},
        "mark":"circle","encoding":{{"x":{{"field":"k","type":"nominal"}},
        "y":{{"field":"v","type":"quantitative"}},
        "color":{{"field":"v","type":"quantitative","scale":{scale}}}}}}}"#
    )
}

fn fill_of<'a>(fills: &'a [(String, String)], label: &str) -> &'a str {
    fills
        .iter()
        .find(|(l, _)| l == label)
        .map(|(_, f)| f.as_str())
        .unwrap_or_else(|| panic!("no mark {label} in {fills:?}"))
}

#[test]
fn diverging_scheme_puts_domain_mid_at_the_middle_stop() {
    // Vega's redBlue has 11 stops: the first 8c0d25, the middle f2efee, the last 134b85.
    let fills = mark_fills(&svg_at(
        &points(r#"{"scheme":"redBlue","domainMid":0}"#),
        640.0,
    ));
    assert_eq!(fill_of(&fills, "a"), "#8C0D25");
    assert_eq!(fill_of(&fills, "b"), "#F2EFEE");
    assert_eq!(fill_of(&fills, "c"), "#134B85");
    // Without domainMid, 0 sits a quarter of the way: no longer the middle stop.
    let fills = mark_fills(&svg_at(&points(r#"{"scheme":"redBlue"}"#), 640.0));
    assert_ne!(fill_of(&fills, "b"), "#F2EFEE");
}

#[test]
fn reverse_and_range_colours_set_the_ramp() {
    let fills = mark_fills(&svg_at(
        &points(r#"{"scheme":"redBlue","reverse":true}"#),
        640.0,
    ));
    assert_eq!(fill_of(&fills, "a"), "#134B85");
    assert_eq!(fill_of(&fills, "c"), "#8C0D25");
    // Two range colours: the middle of the domain is their RGB mean.
    let fills = mark_fills(&svg_at(
        &points(r##"{"range":["#000000","#ffffff"],"domain":[-10,10]}"##),
        640.0,
    ));
    assert_eq!(fill_of(&fills, "a"), "#000000");
    assert_eq!(fill_of(&fills, "b"), "#808080");
    assert_eq!(fill_of(&fills, "c"), "#FFFFFF", "clamped beyond the domain");
}

#[test]
fn gradient_legend_shows_the_title_and_round_ticks_at_every_width() {
    for width in [320.0, 640.0] {
        let svg = svg_at(&points(r#"{"domain":[0,100]}"#), width);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect();
        for want in ["0", "20", "100"] {
            assert!(
                texts.iter().any(|t| t == want),
                "{want} missing at {width}: {texts:?}"
            );
        }
        assert!(
            texts.iter().filter(|t| *t == "v").count() >= 2,
            "legend title v at {width}: {texts:?}"
        );
        // The bar: many thin rects from the first stop of blues (cfe1f2) to its last (0a4a90).
        assert!(
            svg.contains("#CFE1F2") || svg.contains("#CEE0F1"),
            "light end of the bar"
        );
        assert!(
            svg.contains("#0A4A90") || svg.contains("#0B4B91"),
            "dark end of the bar"
        );
    }
}

#[test]
fn unknown_scheme_is_refused_with_the_names() {
    let err = match Chart::new(&points(r#"{"scheme":"nosuch"}"#), None) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("color.scale.scheme") && err.contains("viridis"),
        "{err}"
    );
}
