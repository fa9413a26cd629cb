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
        // The chart is 108 px wide: the legend's row is too short for 0, 20, … 100 side
        // by side, so every other label is dropped, as Vega's parity does (the labels
        // overlapped before).
        for want in ["0", "40", "80"] {
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

/// The China tile-grid map example at phone width: squares shaded on the blues ramp with a
/// gradient legend, and the summary and tooltips read the published counts by region,
/// never the squares' grid positions.
#[test]
fn tile_map_reads_counts_by_region_at_320_px() {
    let www = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let spec = std::fs::read_to_string(www.join("examples/group-standards-tile-map.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let url = json["transform"][0]["from"]["data"]["url"]
        .as_str()
        .unwrap();
    let data = std::fs::read_to_string(www.join(url)).unwrap();
    let files = |u: &str| (u == url).then(|| data.clone().into_bytes());
    let chart = Chart::with_files(&spec, &files).expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width: 320.0,
            height: None,
        })
        .expect("layout");
    let svg = to_svg(&scene).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let summary = doc.root_element().attribute("aria-label").unwrap_or("");
    // The six published figures: the largest region and its count, as the data file has them.
    let figures: serde_json::Value = serde_json::from_str(&data).unwrap();
    let rows = figures["group_by_region_2022"].as_array().unwrap();
    let top = rows
        .iter()
        .max_by(|a, b| {
            a["count"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["count"].as_f64().unwrap())
        })
        .unwrap();
    let top_count = top["count"].as_f64().unwrap();
    let top_written = stdviz::format::grouped(top_count, 0);
    assert!(
        summary.contains(&format!("共 {} 项", rows.len())),
        "{summary}"
    );
    assert!(summary.contains(&top_written), "{summary}");
    assert!(!summary.contains("NaN"), "{summary}");
    // Every shaded square's mark names its region and reads its count.
    let marks: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-value").is_some())
        .collect();
    assert_eq!(
        marks.len(),
        rows.len(),
        "one valued mark per published figure"
    );
    for m in &marks {
        let value: f64 = m.attribute("data-value").unwrap().parse().unwrap();
        assert!(
            rows.iter().any(|r| r["count"].as_f64() == Some(value)),
            "value {value} is a grid position?"
        );
        let label = m.attribute("data-label").unwrap_or("");
        assert!(
            label
                .chars()
                .any(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation() && c != ' '),
            "label {label:?} is not a region"
        );
    }
    // Filled squares in blues, not one colour at varying opacity; the gradient legend's title.
    let fills: std::collections::HashSet<&str> = marks
        .iter()
        .filter_map(|m| {
            m.descendants()
                .find(|n| n.has_tag_name("rect"))
                .and_then(|r| r.attribute("fill"))
        })
        .collect();
    assert!(fills.len() >= 4, "{fills:?}");
    assert!(svg.contains("团体标准(项)"), "legend title");
    assert!(
        svg.contains(&format!("{}\n</text>", stdviz::format::grouped(2000.0, 0))),
        "legend tick"
    );
}

#[test]
fn continuous_scheme_on_categories_samples_the_ramp_and_reverse_elsewhere_is_refused() {
    let spec = r#"{"data":{"values":[{"k":"a","v":1},{"k":"b","v":2},{"k":"c","v":3}]},
      "mark":"bar","encoding":{"x":{"field":"k","type":"nominal"},"y":{"field":"v","type":"quantitative"},
      "color":{"field":"k","type":"nominal","scale":{"scheme":"viridis"}}}}"#;
    let fills = mark_fills(&svg_at(spec, 640.0));
    // As Vega samples a continuous scheme for a discrete scale: at i/(n + 1), so three
    // values take viridis at 1/4, 2/4, 3/4 (of its 31 stops: stop 7.5, 15 and 22.5), not
    // its ends (#440154, #FDE725). Stop 15 is #21918D exactly.
    assert_eq!(fill_of(&fills, "b"), "#21918D");
    assert_ne!(fill_of(&fills, "a"), "#440154");
    assert_ne!(fill_of(&fills, "c"), "#FDE725");
    // Reverse runs x and y backwards (tests/scale_reverse_padding.rs); on opacity it is
    // still refused at its path.
    let spec = spec.replace(
        r#""type":"quantitative"}"#,
        r#""type":"quantitative"},"opacity":{"field":"v","type":"quantitative","scale":{"reverse":true}}"#,
    );
    let err = match Chart::new(&spec, None) {
        Ok(_) => panic!("reverse on opacity accepted"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("encoding.opacity.scale.reverse"), "{err}");
}

#[test]
fn legend_format_writes_the_gradient_ticks() {
    // SYNTHETIC values -10, 0, 30: round ticks -10, 0, 10, 20, 30 written as "+.1f"; the
    // legend's row is short, so the parity rule keeps the ends of the wider labels.
    let spec = r#"{"data":{"values":[{"k":"a","v":-10},{"k":"b","v":0},{"k":"c","v":30}]},
        "mark":"circle","encoding":{"x":{"field":"k","type":"nominal"},
        "y":{"field":"v","type":"quantitative"},
        "color":{"field":"v","type":"quantitative","legend":{"format":"+.1f"}}}}"#;
    let svg = svg_at(spec, 640.0);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect())
        .collect();
    for want in ["-10.0", "+30.0"] {
        assert!(
            // Either hyphen-minus or U+2212 for the minus sign.
            texts.iter().any(|t| t
                .replace('\u{2212}', "-")
                .split_whitespace()
                .any(|w| w == want)),
            "{want} missing: {texts:?}"
        );
    }
    // An unsupported specifier is refused at its path.
    let bad = spec.replace("+.1f", "%Y");
    let err = Chart::new(&bad, None).unwrap_err().to_string();
    assert!(err.contains("encoding.color.legend.format"), "{err}");
}

/// Vega's other categorical schemes colour categories in their listed order (SYNTHETIC
/// categories a–c): the first three colours of each, as Vega lists them.
#[test]
fn categorical_schemes_colour_categories_in_order() {
    for (scheme, first3) in [
        ("set1", ["#E41A1C", "#377EB8", "#4DAF4A"]),
        ("set3", ["#8DD3C7", "#FFFFB3", "#BEBADA"]),
        ("paired", ["#A6CEE3", "#1F78B4", "#B2DF8A"]),
        ("accent", ["#7FC97F", "#BEAED4", "#FDC086"]),
        ("pastel1", ["#FBB4AE", "#B3CDE3", "#CCEBC5"]),
        ("pastel2", ["#B3E2CD", "#FDCDAC", "#CBD5E8"]),
        ("tableau20", ["#4C78A8", "#9ECAE9", "#F58518"]),
    ] {
        let spec = format!(
            r#"{{"data":{{"values":[{{"k":"a","v":1}},{{"k":"b","v":2}},{{"k":"c","v":3}}]}},
                "mark":"bar","encoding":{{"x":{{"field":"k","type":"nominal"}},
                "y":{{"field":"v","type":"quantitative"}},
                "color":{{"field":"k","type":"nominal","scale":{{"scheme":"{scheme}"}}}}}}}}"#
        );
        let fills = mark_fills(&svg_at(&spec, 640.0));
        let got: Vec<&str> = fills.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(got, first3, "{scheme}: {fills:?}");
    }
}
