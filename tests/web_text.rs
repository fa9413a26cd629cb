#![cfg(target_arch = "wasm32")]
//! Text measured as the browser measures it: the layout decides where lines break and
//! whether labels fit from `stdviz::text::width`, so that table must never under-estimate
//! what the canvas draws. Every text of every page spec and example, laid out at a phone
//! and a desktop width, is measured with `measureText` in the chart's own font (the
//! page's: Noto Sans CJK from `fonts-noto-cjk`) and compared.

use stdviz::layout::Viewport;
use stdviz::scene::Shapes;
use stdviz::Chart;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Every page spec and example (tests/phone_text.rs checks that none is missing).
pub const SPECS: &[(&str, &str)] = &[
    (
        "specs/standards-by-level-bar.json",
        include_str!("../www/specs/standards-by-level-bar.json"),
    ),
    (
        "specs/standards-by-level-donut.json",
        include_str!("../www/specs/standards-by-level-donut.json"),
    ),
    (
        "specs/standards-in-force-table.json",
        include_str!("../www/specs/standards-in-force-table.json"),
    ),
    (
        "examples/group-standards-csv-gbk.json",
        include_str!("../www/examples/group-standards-csv-gbk.json"),
    ),
    (
        "examples/group-standards-tile-map.json",
        include_str!("../www/examples/group-standards-tile-map.json"),
    ),
    (
        "examples/group-standards-top-regions.json",
        include_str!("../www/examples/group-standards-top-regions.json"),
    ),
    (
        "examples/in-force-bars-english.json",
        include_str!("../www/examples/in-force-bars-english.json"),
    ),
    (
        "examples/in-force-drill-down.json",
        include_str!("../www/examples/in-force-drill-down.json"),
    ),
    (
        "examples/in-force-grouped-bars.json",
        include_str!("../www/examples/in-force-grouped-bars.json"),
    ),
    (
        "examples/in-force-share-2023.json",
        include_str!("../www/examples/in-force-share-2023.json"),
    ),
    (
        "examples/in-force-small-multiples.json",
        include_str!("../www/examples/in-force-small-multiples.json"),
    ),
    (
        "examples/issued-2023-radial.json",
        include_str!("../www/examples/issued-2023-radial.json"),
    ),
    (
        "examples/issued-lines.json",
        include_str!("../www/examples/issued-lines.json"),
    ),
    (
        "examples/issued-national-share-dual-axis.json",
        include_str!("../www/examples/issued-national-share-dual-axis.json"),
    ),
    (
        "examples/issued-stacked-area.json",
        include_str!("../www/examples/issued-stacked-area.json"),
    ),
    (
        "examples/national-2023-by-type-donut.json",
        include_str!("../www/examples/national-2023-by-type-donut.json"),
    ),
    (
        "examples/yangquan-bars-with-labels.json",
        include_str!("../www/examples/yangquan-bars-with-labels.json"),
    ),
    (
        "examples/yangquan-headline-cards.json",
        include_str!("../www/examples/yangquan-headline-cards.json"),
    ),
    (
        "examples/yangquan-standards-waffle.json",
        include_str!("../www/examples/yangquan-standards-waffle.json"),
    ),
    (
        "examples/in-force-2023-labels-zh.json",
        include_str!("../www/examples/in-force-2023-labels-zh.json"),
    ),
    (
        "examples/in-force-heatmap.json",
        include_str!("../www/examples/in-force-heatmap.json"),
    ),
    (
        "examples/in-force-highlight.json",
        include_str!("../www/examples/in-force-highlight.json"),
    ),
    (
        "examples/in-force-brush-levels.json",
        include_str!("../www/examples/in-force-brush-levels.json"),
    ),
    (
        "examples/national-in-force-annotated.json",
        include_str!("../www/examples/national-in-force-annotated.json"),
    ),
    (
        "examples/in-force-table.json",
        include_str!("../www/examples/in-force-table.json"),
    ),
];

/// The data files the specs name by URL.
fn file(url: &str) -> Option<Vec<u8>> {
    let bytes: &[u8] = match url {
        "data/group-standards-by-region-2022-gbk.csv" => {
            include_bytes!("../www/data/group-standards-by-region-2022-gbk.csv").as_slice()
        }
        "data/samr-annual-reports.json" => {
            include_bytes!("../www/data/samr-annual-reports.json").as_slice()
        }
        "data/yangquan-2024.json" => include_bytes!("../www/data/yangquan-2024.json").as_slice(),
        _ => return None,
    };
    // A chart page decodes GBK with the browser's TextDecoder before the core reads it
    // (the chart wasm carries no GBK tables); so does this test.
    if url.ends_with("-gbk.csv") {
        let decoder = web_sys::TextDecoder::new_with_label("gbk").ok()?;
        return decoder
            .decode_with_u8_array(bytes)
            .ok()
            .map(String::into_bytes);
    }
    Some(bytes.to_vec())
}

fn context() -> CanvasRenderingContext2d {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_layout_never_under_estimates_a_text_width_by_more_than_two_per_cent() {
    let ctx = context();
    let mut worst = (0.0f64, String::new());
    let mut measured_lines = 0;
    let mut failures = Vec::new();
    for (name, spec) in SPECS {
        let chart = Chart::with_files(spec, &file).unwrap_or_else(|e| panic!("{name}: {e}"));
        for width in [320.0, 1280.0] {
            let scene = chart
                .scene(Viewport {
                    width,
                    height: None,
                })
                .unwrap();
            for g in &scene.groups {
                let Shapes::Texts { text, style, .. } = &g.shapes else {
                    continue;
                };
                // As the canvas backend sets it (plotters-canvas: style, size, family).
                let font = format!(
                    "{}{}px {}",
                    if style.bold { "bold " } else { "" },
                    style.size,
                    scene.font_family
                );
                ctx.set_font(&font);
                for t in text {
                    for line in t.split('\n').filter(|l| !l.is_empty()) {
                        let drawn = ctx.measure_text(line).unwrap().width();
                        let laid = f64::from(stdviz::text::width(line, style.size, style.bold));
                        measured_lines += 1;
                        let over = drawn / laid.max(0.01) - 1.0;
                        if over > worst.0 {
                            worst = (
                                over,
                                format!("{name} at {width}: {line:?} {drawn:.1} vs {laid:.1}"),
                            );
                        }
                        if drawn > laid * 1.02 {
                            failures.push(format!(
                                "{name} at {width}: {line:?} ({font}) draws {drawn:.1} px, laid out as {laid:.1}"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(measured_lines > 200, "measured only {measured_lines} lines");
    web_sys::console::log_1(
        &format!(
            "{measured_lines} lines measured; largest over-run {:.2}%: {}",
            worst.0 * 100.0,
            worst.1
        )
        .into(),
    );
    assert!(
        failures.is_empty(),
        "under-estimated widths:\n{}",
        failures.join("\n")
    );
}
