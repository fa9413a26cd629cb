#![cfg(all(not(target_arch = "wasm32"), feature = "full"))]
//! Discretizing scales (`quantize`, `quantile`, `threshold`) drawn to SVG and read back:
//! each mark's colour is its step's, and the legend names the steps by their bounds as
//! Vega does ("< 37", "37 – 55", …, "≥ 73"). SYNTHETIC data: the nine values of
//! Vega-Lite's circle_scale_* examples; the expected colours are those Vega draws for
//! them (its `blues` and `viridis` schemes sampled at i/(n + 1)), to ±2 per channel.

mod common;

use common::svg_texts;
use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

const VALUES: &str = r#"[{"a":"A","b":28},{"a":"B","b":55},{"a":"C","b":43},
    {"a":"D","b":91},{"a":"E","b":81},{"a":"F","b":53},{"a":"G","b":19},
    {"a":"H","b":87},{"a":"I","b":52}]"#;

fn svg_of(encoding: &str) -> String {
    let spec = format!(
        r#"{{"description":"synthetic test data","data":{{"values":{VALUES}}},"mark":"circle",
        "encoding":{{"y":{{"field":"b","type":"nominal","sort":null}},{encoding}}}}}"#
    );
    let chart = Chart::new(&spec, None).expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width: 400.0,
            height: None,
        })
        .expect("layout");
    to_svg(&scene).expect("svg")
}

/// The fill of each data mark, by its `data-label` (the y value, b).
fn mark_fill(svg: &str, label: &str) -> (u8, u8, u8) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let fill = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
        .find(|g| g.attribute("data-label") == Some(label))
        .and_then(|g| {
            g.descendants()
                .find_map(|n| n.attribute("fill").filter(|f| *f != "none"))
        })
        .unwrap_or_else(|| panic!("no mark {label}"));
    let hex = u32::from_str_radix(fill.trim_start_matches('#'), 16).expect("hex fill");
    ((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

fn near(got: (u8, u8, u8), want: (u8, u8, u8)) -> bool {
    let d = |a: u8, b: u8| (a as i32 - b as i32).abs() <= 2;
    d(got.0, want.0) && d(got.1, want.1) && d(got.2, want.2)
}

#[test]
fn quantize_colours_equal_steps_of_the_extent_and_the_legend_names_sizes_steps() {
    let svg = svg_of(
        r#""size":{"field":"b","type":"quantitative","scale":{"type":"quantize"}},
        "color":{"field":"b","type":"quantitative","scale":{"type":"quantize","zero":true},
                 "legend":{"title":"Quantize"}}"#,
    );
    // Colour: 0…91 (zero) in 5 steps of 18.2; blues at 2/6 for 18.2–36.4 (19, 28), at
    // 3/6 for 36.4–54.6 (43, 52, 53), at 5/6 above 72.8 (81, 87, 91).
    for (label, want) in [
        ("19", (134, 188, 220)),
        ("28", (134, 188, 220)),
        ("43", (91, 163, 207)),
        ("55", (56, 135, 192)),
        ("91", (27, 105, 173)),
    ] {
        let got = mark_fill(&svg, label);
        assert!(near(got, want), "{label}: {got:?}, Vega draws {want:?}");
    }
    // The legend: size's steps (19…91 in 4 steps of 18), as Vega merges the two.
    let texts = svg_texts(&svg);
    for want in ["Quantize", "< 37", "37 – 55", "55 – 73", "≥ 73"] {
        assert!(texts.iter().any(|t| t == want), "{want} missing: {texts:?}");
    }
}

#[test]
fn quantile_colours_by_the_datas_quantiles() {
    let svg = svg_of(
        r#""color":{"field":"b","type":"quantitative","scale":{"type":"quantile"},
                 "legend":{"title":"Quantile"}}"#,
    );
    // 5 steps: cuts at ranks 1.6, 3.2, 4.8, 6.4 of the sorted values = 37, 52.2, 54.6,
    // 83.4. 52 is below 52.2 (second step), 53 above it (third).
    for (label, want) in [
        ("28", (175, 209, 231)),
        ("52", (134, 188, 220)),
        ("53", (91, 163, 207)),
        ("81", (56, 135, 192)),
        ("87", (27, 105, 173)),
    ] {
        let got = mark_fill(&svg, label);
        assert!(near(got, want), "{label}: {got:?}, Vega draws {want:?}");
    }
    // Closest cuts 52.2 and 54.6 are 2.4 apart: 2.4 / 30 → step 0.1, one decimal.
    let texts = svg_texts(&svg);
    for want in ["< 37.0", "37.0 – 52.2", "≥ 83.4"] {
        assert!(texts.iter().any(|t| t == want), "{want} missing: {texts:?}");
    }
}

#[test]
fn threshold_colours_by_the_domains_cut_points() {
    let svg = svg_of(
        r#""color":{"field":"b","type":"quantitative",
                 "scale":{"type":"threshold","domain":[30,70],"scheme":"viridis"}}"#,
    );
    // 3 steps: viridis at 1/4, 2/4, 3/4.
    for (label, want) in [
        ("28", (59, 82, 139)),
        ("43", (33, 145, 141)),
        ("91", (93, 201, 99)),
    ] {
        let got = mark_fill(&svg, label);
        assert!(near(got, want), "{label}: {got:?}, Vega draws {want:?}");
    }
    let texts = svg_texts(&svg);
    for want in ["< 30", "30 – 70", "≥ 70"] {
        assert!(texts.iter().any(|t| t == want), "{want} missing: {texts:?}");
    }
}

#[test]
fn threshold_sizes_take_the_ranges_values() {
    let svg = svg_of(
        r#""size":{"field":"b","type":"quantitative",
                "scale":{"type":"threshold","domain":[30,70],"range":[80,200,320]}}"#,
    );
    let chart_texts = svg_texts(&svg);
    assert!(!chart_texts.is_empty());
    // Circles of area 80, 200, 320 px²: radius √(area/π).
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let radius = |label: &str| -> f64 {
        let g = doc
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
            .find(|g| g.attribute("data-label") == Some(label))
            .unwrap_or_else(|| panic!("no mark {label}"));
        let c = g
            .descendants()
            .find(|n| n.has_tag_name("circle"))
            .unwrap_or_else(|| panic!("no circle for {label}"));
        c.attribute("r").and_then(|r| r.parse().ok()).unwrap_or(0.0)
    };
    let (small, mid, big) = (radius("28"), radius("43"), radius("91"));
    assert!(small < mid && mid < big, "{small} {mid} {big}");
    // Areas in the ratio 80 : 200 : 320 (radii as their square roots), to a pixel.
    assert!(
        (mid * mid / (small * small) - 2.5).abs() < 0.5,
        "{small} {mid}"
    );
    assert!(
        (big * big / (small * small) - 4.0).abs() < 0.7,
        "{small} {big}"
    );
}

#[test]
fn legend_format_writes_the_step_bounds() {
    let svg = svg_of(
        r#""color":{"field":"b","type":"quantitative","scale":{"type":"quantile"},
                 "legend":{"format":"d","title":"Quantile"}}"#,
    );
    // Cuts 37, 52.2, 54.6, 83.4 written by d3's "d": rounded to whole numbers.
    let texts = svg_texts(&svg);
    for want in ["< 37", "37 – 52", "52 – 55", "55 – 83", "≥ 83"] {
        assert!(texts.iter().any(|t| t == want), "{want} missing: {texts:?}");
    }
}

#[test]
fn a_schemes_count_sets_the_quantize_steps() {
    // Three colours: 19…91 in steps of 24 (cuts 43 and 67); blues at 1/4, 2/4, 3/4.
    let svg = svg_of(
        r#""color":{"field":"b","type":"quantitative",
                 "scale":{"type":"quantize","scheme":{"name":"blues","count":3}}}"#,
    );
    let texts = svg_texts(&svg);
    for want in ["< 43", "43 – 67", "≥ 67"] {
        assert!(texts.iter().any(|t| t == want), "{want} missing: {texts:?}");
    }
    assert_ne!(mark_fill(&svg, "28"), mark_fill(&svg, "55"));
    assert_eq!(mark_fill(&svg, "81"), mark_fill(&svg, "91"));
}

#[test]
fn a_step_legend_is_a_key_without_entries_to_hide() {
    let chart = Chart::new(
        &format!(
            r#"{{"description":"synthetic test data","data":{{"values":{VALUES}}},
            "mark":"circle","encoding":{{"y":{{"field":"b","type":"nominal","sort":null}},
            "color":{{"field":"b","type":"quantitative","scale":{{"type":"quantize"}}}}}}}}"#
        ),
        None,
    )
    .expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width: 400.0,
            height: None,
        })
        .expect("layout");
    // Drawn (5 step labels), but no legend entries a click or key could hide.
    assert!(scene.legend.is_empty(), "{:?}", scene.legend);
    let texts = svg_texts(&to_svg(&scene).expect("svg"));
    assert!(texts.iter().any(|t| t.starts_with("< ")), "{texts:?}");
}

#[test]
fn opacity_by_threshold_takes_the_ranges_values() {
    let svg = svg_of(
        r#""opacity":{"field":"b","type":"quantitative",
                   "scale":{"type":"threshold","domain":[50],"range":[0.25,1]}}"#,
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let opacity = |label: &str| -> f64 {
        doc.descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
            .find(|g| g.attribute("data-label") == Some(label))
            .and_then(|g| {
                g.descendants()
                    .find_map(|n| n.attribute("fill-opacity").or(n.attribute("opacity")))
            })
            .and_then(|o| o.parse().ok())
            .unwrap_or(1.0)
    };
    // Below 50: 0.25; from 50 up: 1.
    assert!((opacity("43") - 0.25).abs() < 0.01, "{}", opacity("43"));
    assert!((opacity("53") - 1.0).abs() < 0.01, "{}", opacity("53"));
}
