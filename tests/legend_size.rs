#![cfg(not(target_arch = "wasm32"))]
//! The size legend of a quantitative `size` channel (issue #18): symbols of growing size
//! at d3's five ticks of the field, labelled with their values under the field's title,
//! beside the plot on wide screens and in rows below it on phones, nothing overlapping.
//! Golden SVGs in `tests/golden_parts/` (regenerate with `STDVIZ_UPDATE_GOLDEN=1` and
//! review them). All data here is SYNTHETIC.

mod common;

use common::{overlapping_texts, svg_texts};
use std::path::Path;
use stdviz::layout::Viewport;
use stdviz::scene::{Role, Shapes};
use stdviz::svg::to_svg;
use stdviz::Chart;

/// SYNTHETIC counts on a 4 × 3 grid of categories, sized by the count.
fn bubbles(legend: &str) -> String {
    let mut values = Vec::new();
    for (i, day) in ["Mon", "Tue", "Wed", "Thu"].iter().enumerate() {
        for (j, hour) in ["09", "12", "15"].iter().enumerate() {
            values.push(format!(
                r#"{{"day":"{day}","hour":"{hour}","n":{}}}"#,
                (i * 3 + j) * 15 + 5
            ));
        }
    }
    format!(
        r#"{{"data":{{"values":[{}]}},"mark":"circle",
        "encoding":{{"x":{{"field":"hour","type":"ordinal"}},
                    "y":{{"field":"day","type":"ordinal"}},
                    "size":{{"field":"n","type":"quantitative","title":"Synthetic count"{legend}}}}}}}"#,
        values.join(",")
    )
}

fn scene_at(spec: &str, width: f32) -> stdviz::scene::Scene {
    Chart::new(spec, None)
        .expect("valid chart")
        .scene(Viewport {
            width,
            height: None,
        })
        .expect("layout")
}

/// The radii of the legend's symbols.
fn legend_radii(scene: &stdviz::scene::Scene) -> Vec<f32> {
    scene
        .groups
        .iter()
        .filter(|g| g.role == Role::LegendSymbol)
        .flat_map(|g| match &g.shapes {
            Shapes::Points { radius, .. } => radius.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn a_size_field_gets_a_legend_of_growing_symbols() {
    for width in [640.0, 375.0, 320.0] {
        let scene = scene_at(&bubbles(""), width);
        let texts = svg_texts(&to_svg(&scene).expect("svg"));
        // n runs 5 … 170 with zero: d3's ticks for five are 0, 50, 100, 150.
        for want in ["Synthetic count", "0", "50", "100", "150"] {
            assert!(
                texts.iter().any(|t| t == want),
                "{width}: {want} in {texts:?}"
            );
        }
        let radii = legend_radii(&scene);
        assert_eq!(radii.len(), 4, "{width}");
        assert!(radii.windows(2).all(|w| w[0] < w[1]), "{radii:?}");
        assert!(
            overlapping_texts(&scene).is_empty(),
            "{width}: {:?}",
            overlapping_texts(&scene)
        );
        // Every text inside the chart.
        for (text, r) in scene.text_boxes() {
            assert!(
                r.x >= -0.5 && r.x + r.width <= scene.width + 0.5,
                "{width}: {text} at {r:?}"
            );
        }
    }
}

#[test]
fn legend_null_hides_the_size_legend() {
    let scene = scene_at(&bubbles(r#","legend":null"#), 640.0);
    assert!(legend_radii(&scene).is_empty());
    let texts = svg_texts(&to_svg(&scene).expect("svg"));
    assert!(!texts.iter().any(|t| t == "Synthetic count"), "{texts:?}");
}

#[test]
fn legend_values_choose_the_size_legend_s_entries() {
    let scene = scene_at(&bubbles(r#","legend":{"values":[20,60,120.5]}"#), 640.0);
    let texts = svg_texts(&to_svg(&scene).expect("svg"));
    for want in ["20", "60", "120.5"] {
        assert!(texts.iter().any(|t| t == want), "{want} in {texts:?}");
    }
    // d3's ticks are gone.
    assert!(!texts.iter().any(|t| t == "50" || t == "150"), "{texts:?}");
    let radii = legend_radii(&scene);
    assert_eq!(radii.len(), 3);
    assert!(radii.windows(2).all(|w| w[0] < w[1]), "{radii:?}");
    // On another legend, and of another kind, the values are errors at their path.
    let err = |spec: &str| match Chart::new(spec, None) {
        Ok(_) => panic!("an error expected"),
        Err(e) => e.to_string(),
    };
    let e = err(&bubbles(r#","legend":{"values":["a"]}"#));
    assert!(e.contains("encoding.size.legend.values[0]"), "{e}");
    let colour = bubbles("").replace(
        r#""size":{"#,
        r#""color":{"field":"day","type":"nominal","legend":{"values":[1]}},"size":{"#,
    );
    let e = err(&colour);
    assert!(e.contains("encoding.color.legend.values"), "{e}");
}

#[test]
fn the_size_legend_matches_its_golden_svgs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_parts");
    let update = std::env::var_os("STDVIZ_UPDATE_GOLDEN").is_some();
    for width in [640.0f32, 320.0] {
        let got = to_svg(&scene_at(&bubbles(""), width)).expect("svg");
        let path = dir.join(format!("size-legend-{width}.svg"));
        if update {
            std::fs::create_dir_all(&dir).expect("golden folder");
            std::fs::write(&path, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "no {}; run with STDVIZ_UPDATE_GOLDEN=1 and review it",
                path.display()
            )
        });
        assert!(
            want == got,
            "{} differs (regenerate on purpose)",
            path.display()
        );
    }
}

#[test]
fn facet_cells_share_one_size_scale_and_draw_no_size_legend_each() {
    // SYNTHETIC: cell A's largest count is 50, cell B's 150.
    let spec = r#"{"data":{"values":[{"g":"A","x":1,"n":10},{"g":"A","x":2,"n":50},
        {"g":"B","x":1,"n":100},{"g":"B","x":3,"n":150}]},
        "facet":{"column":{"field":"g","type":"nominal"}},
        "spec":{"mark":"circle","encoding":{"x":{"field":"x","type":"quantitative"},
        "size":{"field":"n","type":"quantitative"}}}}"#;
    let scene = scene_at(spec, 640.0);
    assert!(legend_radii(&scene).is_empty());
    // One scale: the four counts get four sizes (cell-own scales would draw A's 50 as
    // large as B's 150).
    let mut radii: Vec<f32> = scene
        .groups
        .iter()
        .filter(|g| g.role != Role::LegendSymbol)
        .flat_map(|g| match &g.shapes {
            Shapes::Points { radius, .. } => radius.clone(),
            _ => Vec::new(),
        })
        .collect();
    radii.sort_by(f32::total_cmp);
    assert_eq!(radii.len(), 4, "{radii:?}");
    assert!(radii.windows(2).all(|w| w[0] + 0.5 < w[1]), "{radii:?}");
}
