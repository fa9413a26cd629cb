#![cfg(not(target_arch = "wasm32"))]
//! Axis ticks as Vega-Lite draws them (issue #18): `ceil(length / 40)` ticks on x and y
//! with d3's steps, every other label dropped only where ours would overlap, bin axes
//! labelled at the bin boundaries with d3's precision, the minus sign U+2212 on
//! shown numbers, and a gradient legend's labels thinned by the same parity rule. Drawn to SVG and read back. All data here is SYNTHETIC.

mod common;

use common::{overlapping_texts, svg_texts};
use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

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

fn has(texts: &[String], wanted: &[&str]) -> bool {
    wanted.iter().all(|w| texts.iter().any(|t| t == w))
}

/// SYNTHETIC points over x 0..240 and y −10..10 in a plot of the given size.
fn scatter(width: u32, height: u32) -> String {
    format!(
        r#"{{"width":{width},"height":{height},
        "data":{{"values":[{{"x":0,"y":-10}},{{"x":120,"y":3}},{{"x":240,"y":10}}]}},
        "mark":"point",
        "encoding":{{"x":{{"field":"x","type":"quantitative"}},
                    "y":{{"field":"y","type":"quantitative"}}}}}}"#
    )
}

#[test]
fn a_320_px_axis_has_vegas_8_ticks_of_d3s_step() {
    // ceil(320 / 40) = 8 ticks over 0..240: d3's step is 20 (30 is below √10 × 10);
    // at 12 px the labels "0" … "240" fit every other one, as Vega's parity keeps them.
    let (svg, scene) = render(&scatter(320, 200), 640.0);
    let texts = svg_texts(&svg);
    assert!(
        has(&texts, &["0", "40", "80", "120", "160", "200", "240"]),
        "{texts:?}"
    );
    assert!(overlapping_texts(&scene).is_empty());
    // y: ceil(200 / 40) = 5 ticks over −10..10: a step of 5, negative ticks with U+2212.
    assert!(
        has(&texts, &["\u{2212}10", "\u{2212}5", "0", "5", "10"]),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.starts_with('-')), "{texts:?}");
}

#[test]
fn a_wide_axis_shows_every_tick_and_a_narrow_one_thins_without_overlap() {
    let (svg, _) = render(&scatter(640, 200), 800.0);
    let texts = svg_texts(&svg);
    // 16 ticks over 0..240: a step of 20, every label kept.
    assert!(
        has(&texts, &["20", "60", "100", "140", "180", "220"]),
        "{texts:?}"
    );
    for width in [280.0, 320.0, 375.0] {
        let (_, scene) = render(&scatter(1000, 200).replace("\"width\":1000,", ""), width);
        assert!(
            overlapping_texts(&scene).is_empty(),
            "{width}: {:?}",
            overlapping_texts(&scene)
        );
    }
}

#[test]
fn a_bin_axis_is_labelled_at_the_bin_boundaries() {
    // SYNTHETIC ratings 1.2 … 9.8 in bins of 1 (maxbins 10), counted: Vega labels the
    // boundaries 1.0 … 10.0, with d3's precision for ceil(300 / 10) ticks (0.2: one decimal).
    let values: Vec<String> = (0..30)
        .map(|i| format!(r#"{{"r":{:.1}}}"#, 1.2 + f64::from(i) * 0.29))
        .collect();
    let spec = format!(
        r#"{{"width":300,"height":200,"data":{{"values":[{}]}},"mark":"bar",
        "encoding":{{"x":{{"field":"r","type":"quantitative","bin":true}},
                    "y":{{"aggregate":"count","type":"quantitative"}}}}}}"#,
        values.join(",")
    );
    let (svg, _) = render(&spec, 640.0);
    let texts = svg_texts(&svg);
    assert!(
        has(&texts, &["1.0", "2.0", "5.0", "9.0", "10.0"]),
        "{texts:?}"
    );
}

#[test]
fn gradient_legend_labels_are_thinned_until_none_overlap() {
    // SYNTHETIC heat map of values up to 3,000,000: d3's five legend ticks step by
    // 500,000; below a 320 px chart the row of labels cannot hold seven of them.
    let values: Vec<String> = (0..6)
        .map(|i| format!(r#"{{"a":"a{i}","b":"b{}","v":{}}}"#, i % 2, i * 600_000))
        .collect();
    let spec = format!(
        r#"{{"data":{{"values":[{}]}},"mark":"rect",
        "encoding":{{"x":{{"field":"a","type":"nominal"}},"y":{{"field":"b","type":"nominal"}},
                    "color":{{"field":"v","type":"quantitative"}}}}}}"#,
        values.join(",")
    );
    let (svg, scene) = render(&spec, 320.0);
    let texts = svg_texts(&svg);
    assert!(has(&texts, &["0", "2,000,000"]), "{texts:?}");
    assert!(!has(&texts, &["500,000"]), "{texts:?}");
    assert!(
        overlapping_texts(&scene).is_empty(),
        "{:?}",
        overlapping_texts(&scene)
    );
    // Beside a wide plot, the legend's column holds every label.
    let (wide, _) = render(&spec.replacen('{', r#"{"width":600,"#, 1), 800.0);
    assert!(
        has(
            &svg_texts(&wide),
            &["0", "500,000", "1,000,000", "3,000,000"]
        ),
        "{:?}",
        svg_texts(&wide)
    );
}
