#![cfg(not(target_arch = "wasm32"))]
//! SVG render tests: the founding charts drawn natively through plotters' SVGBackend,
//! checked on the SVG text itself (geometry and labels), not on the scene that made it.

mod common;

use common::*;
use stdviz::scene::Role;
use stdviz::svg::to_svg;

const LEVELS: [&str; 4] = ["国家标准", "行业标准", "省级地方标准", "市级地方标准"];
const COUNTS: [f64; 4] = [80.0, 37.0, 8.0, 63.0];
/// plotters-svg writes colours as upper-case hex; Vega-Lite's default bar colour.
const BAR_FILL: &str = "#4C78A8";

fn bar_svg(width: f32) -> String {
    to_svg(&scene_at(&page_chart("standards-by-level-bar.json"), width)).unwrap()
}

#[test]
fn bar_chart_has_exactly_four_bars_in_the_ratio_80_37_8_63() {
    for width in [320.0, 640.0, 1280.0] {
        let svg = bar_svg(width);
        let mut bars: Vec<SvgShape> = filled_shapes(&svg)
            .into_iter()
            .filter(|s| s.fill == BAR_FILL)
            .collect();
        assert_eq!(bars.len(), 4, "at width {width}: {bars:?}");
        bars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let unit = bars[0].height() / COUNTS[0];
        for (bar, count) in bars.iter().zip(COUNTS) {
            let expected = unit * count;
            assert!(
                (bar.height() - expected).abs() <= 1.0,
                "at width {width}: bar for {count} is {} px tall, expected {expected:.1} ± 1",
                bar.height()
            );
        }
        // All bars stand on one baseline.
        for bar in &bars {
            assert!((bar.y1 - bars[0].y1).abs() <= 1.0, "{bar:?}");
        }
    }
}

#[test]
fn bar_labels_are_text_in_the_articles_order() {
    let svg = bar_svg(640.0);
    let texts = svg_texts(&svg);
    let positions: Vec<usize> = LEVELS
        .iter()
        .map(|l| {
            texts
                .iter()
                .position(|t| t == l)
                .unwrap_or_else(|| panic!("{l} missing from {texts:?}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // And left to right on screen: each label is centred over its bar.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let xs: Vec<f64> = LEVELS
        .iter()
        .map(|l| {
            find_text(&doc, l)
                .and_then(|n| n.attribute("x")?.parse().ok())
                .unwrap()
        })
        .collect();
    let mut bars: Vec<SvgShape> = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.fill == BAR_FILL)
        .collect();
    bars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    for (x, bar) in xs.iter().zip(&bars) {
        assert!(
            (x - (bar.x0 + bar.x1) / 2.0).abs() <= 1.0,
            "label at {x}, bar {bar:?}"
        );
    }
}

#[test]
fn bar_chart_shows_title_subtitle_axis_title_ticks_and_source() {
    let texts = svg_texts(&bar_svg(640.0));
    for needle in [
        "阳泉:19家单位主持或参与制定修订的标准",
        "按标准层级,单位:项",
        "标准数量(项)",
        "0",
        "80",
    ] {
        assert!(
            texts.iter().any(|t| t == needle),
            "{needle} missing from {texts:?}"
        );
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("来源:《中国质量报》2024-01-10")),
        "{texts:?}"
    );
}

#[test]
fn tallest_bar_reaches_the_80_tick() {
    let scene = scene_at(&page_chart("standards-by-level-bar.json"), 640.0);
    let svg = to_svg(&scene).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // The y axis's tick label (right-aligned); the bar's own value label is "80" too.
    let tick_y: f64 = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("text")
                && text_of(*n) == "80"
                && n.attribute("text-anchor") == Some("end")
        })
        .and_then(|n| n.attribute("y")?.parse().ok())
        .unwrap();
    let tallest = filled_shapes(&svg)
        .into_iter()
        .filter(|s| s.fill == BAR_FILL)
        .map(|s| s.y0)
        .fold(f64::INFINITY, f64::min);
    assert!(
        (tallest - tick_y).abs() <= 1.0,
        "bar top {tallest}, tick {tick_y}"
    );
}

#[test]
fn donut_has_four_slices_in_vocabulary_colours_with_angles_in_proportion() {
    let chart = page_chart("standards-by-level-donut.json");
    let scene = scene_at(&chart, 640.0);
    let svg = to_svg(&scene).unwrap();
    // Standard levels keep the vocabulary's colour in every chart.
    let shapes = filled_shapes(&svg);
    for level in LEVELS {
        let term = stdviz::vocab::recognise(level).expect("a standard level");
        let fill = stdviz::vocab::color(term).to_string().to_uppercase();
        // One slice plus one legend swatch per colour.
        assert_eq!(
            shapes.iter().filter(|s| s.fill == fill).count(),
            2,
            "{level} {fill}"
        );
    }
    let data = scene.groups_with(Role::Data).next().unwrap();
    let stdviz::scene::Shapes::Arcs {
        start,
        end,
        inner,
        outer,
        ..
    } = &data.shapes
    else {
        panic!("donut data are arcs")
    };
    assert!(*inner > 0.0 && inner < outer);
    let total: f64 = COUNTS.iter().sum();
    for (i, count) in COUNTS.iter().enumerate() {
        let span = f64::from(end[i] - start[i]);
        assert!(
            (span - count / total * std::f64::consts::TAU).abs() < 1e-3,
            "slice {i}"
        );
    }
    // The spec asks for value labels: each legend entry names its level and its figure.
    let texts = svg_texts(&svg);
    for (l, count) in LEVELS.iter().zip(COUNTS) {
        let entry = format!("{l} {count}项");
        assert!(texts.contains(&entry), "legend lacks {entry}: {texts:?}");
    }
}

#[test]
fn no_text_overlaps_at_phone_tablet_and_desktop_widths() {
    for spec in [
        "standards-by-level-bar.json",
        "standards-by-level-donut.json",
    ] {
        let chart = page_chart(spec);
        for width in [320.0, 768.0, 1280.0] {
            let scene = scene_at(&chart, width);
            assert_eq!(
                overlapping_texts(&scene),
                Vec::<(String, String)>::new(),
                "{spec} at {width}"
            );
            for (text, b) in text_boxes(&scene) {
                assert!(
                    b[0] >= 0.0 && b[2] <= scene.width + 0.5,
                    "{text} leaves the chart at {width}: {b:?}"
                );
            }
        }
    }
}

#[test]
fn svg_is_the_scene_size() {
    let scene = scene_at(&page_chart("standards-by-level-bar.json"), 640.0);
    let svg = to_svg(&scene).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("640"));
    assert_eq!(
        root.attribute("height").and_then(|h| h.parse::<f32>().ok()),
        Some(scene.height.ceil())
    );
}

#[test]
fn svg_font_size_is_the_scenes_css_size() {
    // plotters-svg divides sizes by 1.24; the renderer compensates.
    let svg = bar_svg(640.0);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title = find_text(&doc, "阳泉:19家单位主持或参与制定修订的标准").unwrap();
    let size: f64 = title.attribute("font-size").unwrap().parse().unwrap();
    assert!((size - 17.0).abs() < 0.01, "{size}");
}

fn example(name: &str) -> stdviz::scene::Scene {
    let text = std::fs::read_to_string(www().join("examples").join(name)).unwrap();
    let chart =
        stdviz::Chart::with_files(&text, &|url| std::fs::read(www().join(url)).ok()).unwrap();
    scene_at(&chart, 640.0)
}

#[test]
fn waffle_has_one_square_per_standard_in_the_level_colours() {
    let scene = example("yangquan-standards-waffle.json");
    let data = scene.groups_with(Role::Data).next().unwrap();
    let stdviz::scene::Shapes::Rects { fill, .. } = &data.shapes else {
        panic!("squares are rects")
    };
    assert_eq!(data.shapes.len(), 80 + 37 + 8 + 63);
    for (level, count) in LEVELS.iter().zip(COUNTS) {
        let color = stdviz::vocab::color(stdviz::vocab::recognise(level).unwrap());
        let n = (0..data.shapes.len())
            .filter(|&i| fill.get(i) == color)
            .count();
        assert_eq!(n as f64, count, "{level}");
    }
    // Hit testing a square gives its level's total, not a single square.
    assert_eq!(scene.items.len(), 4);
    assert_eq!(scene.items[0].value, 80.0);
}

#[test]
fn cards_show_each_headline_figure_with_its_unit() {
    let svg = to_svg(&example("yangquan-headline-cards.json")).unwrap();
    let texts = svg_texts(&svg);
    for (value, unit) in [
        ("19", "家"),
        ("29", "个"),
        ("24", "个"),
        ("42", "个"),
        ("9", "条"),
    ] {
        assert!(
            texts.iter().any(|t| t == value),
            "{value} missing: {texts:?}"
        );
        assert!(texts.iter().any(|t| t == unit), "{unit} missing");
    }
    assert!(texts.iter().any(|t| t == "重点产业链"));
}

#[test]
fn english_locale_shows_level_names_in_english() {
    let texts = svg_texts(&to_svg(&example("in-force-bars-english.json")).unwrap());
    for l in ["National", "Industry", "Local"] {
        assert!(texts.iter().any(|t| t == l), "{l} missing: {texts:?}");
    }
    assert!(!texts.iter().any(|t| t == "国家标准"));
}

#[test]
fn every_mark_anchor_hit_tests_to_its_own_item() {
    let charts = [
        "standards-by-level-bar.json",
        "standards-by-level-donut.json",
    ]
    .map(page_chart);
    let mut scenes: Vec<stdviz::scene::Scene> = charts.iter().map(|c| scene_at(c, 640.0)).collect();
    scenes.push(example("issued-lines.json"));
    scenes.push(example("yangquan-standards-waffle.json"));
    for scene in &scenes {
        let marks: usize = scene.data_groups().map(|(_, g)| g.items.len()).sum();
        assert!(marks > 0);
        for i in 0..marks {
            let (x, y, _) = scene.mark_anchor(i).expect("an anchor for every data mark");
            let hit = scene.hit(x, y).expect("the anchor is on a mark");
            let want = scene
                .data_groups()
                .flat_map(|(_, g)| g.items.iter())
                .nth(i)
                .copied()
                .unwrap() as usize;
            assert_eq!(hit.item, want, "{:?} mark {i}", scene.title);
        }
    }
}

#[test]
fn bar_size_on_a_band_axis_is_the_bar_thickness() {
    let spec = r#"{"width":400,"data":{"values":[{"k":"国家标准","n":80},{"k":"行业标准","n":37}]},
      "mark":{"type":"bar","size":12},"encoding":{"x":{"field":"k","type":"nominal"},"y":{"field":"n","type":"quantitative"}}}"#;
    let scene = scene_at(&stdviz::Chart::new(spec, None).unwrap(), 400.0);
    let data = scene.groups_with(Role::Data).next().unwrap();
    let stdviz::scene::Shapes::Rects { width, .. } = &data.shapes else {
        panic!()
    };
    assert!(width.iter().all(|w| (w - 12.0).abs() < 1e-3), "{width:?}");
}

#[test]
fn continuous_x_labels_never_overlap_even_when_long() {
    // 3,165,625 self-declared enterprise standards (SAMR/SAC 2023 report): long labels.
    let spec = r#"{"width":"container","data":{"values":[{"k":"企业标准","n":3165625},{"k":"团体标准","n":74240}]},
      "mark":"bar","encoding":{"y":{"field":"k","type":"nominal"},"x":{"field":"n","type":"quantitative","axis":{"tickCount":12}}}}"#;
    for width in [320.0, 640.0] {
        let scene = scene_at(&stdviz::Chart::new(spec, None).unwrap(), width);
        assert_eq!(
            overlapping_texts(&scene),
            Vec::<(String, String)>::new(),
            "at {width}"
        );
    }
}

/// SYNTHETIC data: a numeric CSV column holding `Infinity`, `1e309`, `NaN` and an empty
/// cell stays numeric (Vega-Lite reads it so); the invalid rows are left out of the marks
/// (`invalid: "filter"`, the default) and a warning counts them.
#[test]
fn invalid_numbers_keep_the_column_numeric_and_are_left_out_with_a_warning() {
    let csv = "a,b\nA,1\nB,Infinity\nC,3\nD,1e309\nE,NaN\nF,\nG,-Infinity\n";
    let spec = r#"{"data":{"url":"t.csv"},"mark":"bar","encoding":{
        "x":{"field":"a","type":"nominal"},"y":{"field":"b","type":"quantitative"}}}"#;
    let chart = stdviz::Chart::with_files(spec, &|_| Some(csv.as_bytes().to_vec())).unwrap();
    let left_out: Vec<String> = chart
        .warnings
        .iter()
        .map(|w| w.to_string())
        .filter(|w| w.contains("left out"))
        .collect();
    assert_eq!(left_out.len(), 1, "{:?}", chart.warnings);
    assert!(
        left_out[0].starts_with("warning at encoding: 5 rows left out"),
        "{}",
        left_out[0]
    );
    let scene = scene_at(&chart, 640.0);
    let bars: Vec<&str> = scene.items.iter().map(|item| item.label.as_str()).collect();
    assert_eq!(bars, ["A", "C"]);
}
