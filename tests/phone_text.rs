#![cfg(not(target_arch = "wasm32"))]
//! A reader's rule, checked for every page spec and example at every width from a small
//! phone to a desktop: every category, series, title and legend entry is readable in
//! full without hovering — no text cut with "…" unless the spec asked for a limit, no two
//! texts overlapping, no text outside the chart — and every line of text fits the width
//! it was set in. Checked on the scene (the one geometry every backend draws) and on the
//! SVG that the CLI writes from it.

mod common;

use common::{overlapping_texts, svg_texts};
use std::path::{Path, PathBuf};
use stdviz::layout::Viewport;
use stdviz::scene::{ChartKind, Role, Scene, Shapes};
use stdviz::Chart;

/// The widths a reader meets: small and common phones, a tablet, a desktop.
const WIDTHS: [f32; 7] = [280.0, 320.0, 360.0, 375.0, 414.0, 768.0, 1280.0];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every page spec and example, with its text.
fn specs() -> Vec<(PathBuf, String)> {
    let out: Vec<(PathBuf, String)> = common::spec_files()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("spec");
            (p, text)
        })
        .collect();
    assert!(out.len() >= 10, "expected the specs and examples");
    out
}

fn chart(text: &str) -> Chart {
    let www = root().join("www");
    Chart::with_files(text, &|url| std::fs::read(www.join(url)).ok()).expect("valid chart")
}

fn scene(chart: &Chart, width: f32) -> Scene {
    chart
        .scene(Viewport {
            width,
            height: None,
        })
        .expect("layout")
}

/// Every text item of the scene as the reader reads it: its lines joined.
fn read_texts(scene: &Scene) -> Vec<String> {
    scene.texts().iter().map(|t| t.replace('\n', "")).collect()
}

/// A data value as the chart shows it: vocabulary terms in the chart's language
/// (English charts translate the levels), everything else as it is.
fn shown(scene: &Scene, value: &str) -> String {
    match (scene.locale, stdviz::vocab::recognise(value)) {
        (stdviz::spec::Locale::En, Some(term)) => stdviz::vocab::name(term, scene.locale).into(),
        _ => value.to_string(),
    }
}

/// The categories and series of the data marks: what the reader must be able to tell
/// apart without hovering. Categories of continuous and temporal axes are samples by
/// nature (their ticks are), so only charts of categories name them all.
fn names(scene: &Scene) -> Vec<String> {
    let categorical = matches!(
        scene.kind,
        ChartKind::ColumnBars | ChartKind::HorizontalBars | ChartKind::Pie | ChartKind::Donut
    );
    let mut out: Vec<String> = Vec::new();
    for item in &scene.items {
        if categorical && !item.label.is_empty() {
            out.push(shown(scene, &item.label));
        }
        if let Some(s) = item.series.as_ref().filter(|s| !s.is_empty()) {
            out.push(shown(scene, s));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_text_is_cut_with_an_ellipsis_unless_the_spec_set_a_limit() {
    let mut cut = Vec::new();
    for (path, text) in specs() {
        if text.contains("\"labelLimit\"") || text.contains("\"limit\"") {
            continue;
        }
        let c = chart(&text);
        for w in WIDTHS {
            let s = scene(&c, w);
            for t in s.texts() {
                if t.lines().any(|l| l.trim_end().ends_with('…')) {
                    cut.push(format!("{} at {w}: {t:?}", path.display()));
                }
            }
            // And in the SVG the CLI writes, line by line.
            let svg = stdviz::svg::to_svg(&s).expect("svg");
            for t in svg_texts(&svg) {
                if t.trim_end().ends_with('…') {
                    cut.push(format!("{} at {w} (SVG): {t:?}", path.display()));
                }
            }
        }
    }
    assert!(cut.is_empty(), "texts cut:\n{}", cut.join("\n"));
}

#[test]
fn every_category_and_series_is_shown_in_full_as_text() {
    let mut missing = Vec::new();
    for (path, text) in specs() {
        let c = chart(&text);
        for w in WIDTHS {
            let s = scene(&c, w);
            let texts = read_texts(&s);
            for name in names(&s) {
                if !texts.iter().any(|t| *t == name || t.contains(&name)) {
                    missing.push(format!("{} at {w}: {name:?}", path.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "categories without their full text:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_two_texts_overlap() {
    let mut hits = Vec::new();
    for (path, text) in specs() {
        let c = chart(&text);
        for w in WIDTHS {
            for (a, b) in overlapping_texts(&scene(&c, w)) {
                hits.push(format!("{} at {w}: {a:?} / {b:?}", path.display()));
            }
        }
    }
    assert!(hits.is_empty(), "overlapping texts:\n{}", hits.join("\n"));
}

#[test]
fn no_text_lies_outside_the_chart() {
    let mut out = Vec::new();
    for (path, text) in specs() {
        let c = chart(&text);
        for w in WIDTHS {
            let s = scene(&c, w);
            for (t, r) in s.text_boxes() {
                if r.x < -0.5
                    || r.y < -0.5
                    || r.x + r.width > s.width + 0.5
                    || r.y + r.height > s.height + 0.5
                {
                    out.push(format!(
                        "{} at {w} ({} × {}): {t:?} at {r:?}",
                        path.display(),
                        s.width,
                        s.height
                    ));
                }
            }
        }
    }
    assert!(
        out.is_empty(),
        "texts outside the chart:\n{}",
        out.join("\n")
    );
}

#[test]
fn category_labels_are_never_sampled_on_a_bar_chart() {
    // Every bar's category is an axis label of its own (a sample, every n-th label, is
    // only for continuous axes).
    for (path, text) in specs() {
        let c = chart(&text);
        for w in WIDTHS {
            let s = scene(&c, w);
            if !matches!(s.kind, ChartKind::ColumnBars | ChartKind::HorizontalBars) {
                continue;
            }
            let axis: Vec<String> = s
                .groups_with(Role::AxisLabel)
                .flat_map(|g| match &g.shapes {
                    Shapes::Texts { text, .. } => text.clone(),
                    _ => Vec::new(),
                })
                .map(|t| t.replace('\n', ""))
                .collect();
            let labels: Vec<String> = s
                .items
                .iter()
                .map(|i| shown(&s, &i.label))
                .filter(|l| !l.is_empty())
                .collect();
            for l in labels {
                assert!(
                    axis.contains(&l),
                    "{} at {w}: {l:?} has no axis label of its own in {axis:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_founding_bar_chart_turns_horizontal_only_where_its_labels_cannot_stand_flat() {
    let text = std::fs::read_to_string(root().join("www/specs/standards-by-level-bar.json"))
        .expect("spec");
    let c = chart(&text);
    // Wide: columns with the four levels flat under them.
    assert_eq!(scene(&c, 640.0).kind, ChartKind::ColumnBars);
    // Turned off by the spec: columns at every width, labels still all there in full.
    let kept = text.replace("\"stdviz\": {", "\"stdviz\": {\"turnBars\": false, ");
    let k = chart(&kept);
    for w in WIDTHS {
        let s = scene(&k, w);
        assert_eq!(s.kind, ChartKind::ColumnBars, "at {w}");
        let texts = read_texts(&s);
        for level in ["国家标准", "行业标准", "省级地方标准", "市级地方标准"] {
            assert!(
                texts.iter().any(|t| t == level),
                "{level} at {w}: {texts:?}"
            );
        }
    }
}

#[test]
fn long_category_names_turn_columns_into_horizontal_bars_on_a_phone() {
    // Standards in force at the end of 2023, by level (中国标准化发展年度报告 2023,
    // SAMR/SAC, released 2024-03-27; ../shared/SOURCES.md §2).
    let spec = r#"{
      "data": {"values": [
        {"level": "国家标准", "n": 44499},
        {"level": "备案行业标准", "n": 80828},
        {"level": "备案地方标准", "n": 69709},
        {"level": "团体标准(全国团体标准信息平台)", "n": 74240},
        {"level": "企业标准(自我声明公开)", "n": 3165625}
      ]},
      "mark": "bar",
      "encoding": {
        "x": {"field": "level", "type": "nominal", "sort": null},
        "y": {"field": "n", "type": "quantitative", "scale": {"type": "log"}}
      }
    }"#;
    let c = chart(spec);
    let levels = [
        "国家标准",
        "备案行业标准",
        "备案地方标准",
        "团体标准(全国团体标准信息平台)",
        "企业标准(自我声明公开)",
    ];
    for (w, kind) in [
        (280.0, ChartKind::HorizontalBars),
        (320.0, ChartKind::HorizontalBars),
        (1280.0, ChartKind::ColumnBars),
    ] {
        let s = scene(&c, w);
        assert_eq!(s.kind, kind, "at {w}");
        let texts = read_texts(&s);
        for l in levels {
            assert!(texts.iter().any(|t| t == l), "{l} at {w}: {texts:?}");
        }
        assert!(overlapping_texts(&s).is_empty(), "at {w}");
    }
    // With the rule turned off the columns stay and their labels turn instead — still
    // whole.
    let kept = spec.replace(
        "\"mark\": \"bar\",",
        "\"mark\": \"bar\", \"usermeta\": {\"stdviz\": {\"turnBars\": false}},",
    );
    let s = scene(&chart(&kept), 320.0);
    assert_eq!(s.kind, ChartKind::ColumnBars);
    let texts = read_texts(&s);
    for l in levels {
        assert!(texts.iter().any(|t| t == l), "{l}: {texts:?}");
    }
}

#[test]
fn the_browser_measurement_test_reads_every_spec_and_data_file() {
    // tests/web_text.rs embeds the specs at compile time (a wasm test reads no files):
    // a new example must be added there too.
    let list = std::fs::read_to_string(root().join("tests/web_text.rs")).expect("web_text.rs");
    for (path, _) in specs() {
        let rel = path
            .strip_prefix(root().join("www"))
            .expect("under www")
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            list.contains(&format!("include_str!(\"../www/{rel}\")")),
            "tests/web_text.rs does not measure {rel}"
        );
    }
    for e in std::fs::read_dir(root().join("www/data"))
        .expect("data folder")
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if name != "README.md" {
            assert!(
                list.contains(&format!("\"data/{name}\"")),
                "tests/web_text.rs cannot load data/{name}"
            );
        }
    }
}

#[test]
fn a_specs_label_expr_limit_and_angle_are_honoured() {
    // The founding figures (中国质量报, 2024-01-10).
    let spec = |axis: &str| {
        format!(
            r#"{{"data": {{"values": [
              {{"level": "国家标准", "n": 80}}, {{"level": "行业标准", "n": 37}},
              {{"level": "省级地方标准", "n": 8}}, {{"level": "市级地方标准", "n": 63}}]}},
              "mark": "bar",
              "encoding": {{
                "x": {{"field": "level", "type": "nominal", "sort": null, "axis": {axis}}},
                "y": {{"field": "n", "type": "quantitative", "axis": {{"labelExpr": "datum.label + '项'"}}}}
              }}}}"#
        )
    };
    // labelExpr on both axes: categories and ticks rewritten.
    let s = scene(
        &chart(&spec(r#"{"labelExpr": "'【' + datum.value + '】'"}"#)),
        640.0,
    );
    let texts = read_texts(&s);
    assert!(texts.iter().any(|t| t == "【省级地方标准】"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "80项"), "{texts:?}");
    // labelLimit: cut with … at that width (the only place stdviz cuts a label).
    let s = scene(&chart(&spec(r#"{"labelLimit": 30}"#)), 640.0);
    let texts = read_texts(&s);
    assert!(texts.iter().any(|t| t.ends_with('…')), "{texts:?}");
    // labelAngle 90: rotated whole, never cut.
    let s = scene(&chart(&spec(r#"{"labelAngle": -90}"#)), 320.0);
    let rotated: Vec<String> = s
        .groups_with(Role::AxisLabel)
        .filter_map(|g| match &g.shapes {
            Shapes::Texts { text, style, .. } if style.angle == 270 => Some(text.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(rotated.contains(&"市级地方标准".to_string()), "{rotated:?}");
}

#[test]
fn titles_leave_the_top_right_corner_to_the_charts_menu() {
    // stdviz.js puts a 28 px menu button 4 px from the chart's top-right corner.
    for (path, text) in specs() {
        let c = chart(&text);
        for w in WIDTHS {
            let s = scene(&c, w);
            for role in [Role::Title, Role::Subtitle] {
                for g in s.groups_with(role) {
                    if let Shapes::Texts { x, y, text, style } = &g.shapes {
                        for i in 0..x.len() {
                            let r = stdviz::scene::text_box(x[i], y[i], &text[i], style);
                            assert!(
                                r.x + r.width <= s.width - 32.0 + 0.5,
                                "{} at {w}: {:?} reaches {} of {}",
                                path.display(),
                                text[i],
                                r.x + r.width,
                                s.width
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_labelled_donut_names_each_slices_figure_in_its_legend() {
    // The founding figures (中国质量报, 2024-01-10); usermeta.stdviz.labels is on.
    let text = std::fs::read_to_string(root().join("www/specs/standards-by-level-donut.json"))
        .expect("spec");
    for w in [280.0, 375.0, 1280.0] {
        let s = scene(&chart(&text), w);
        let legend: Vec<String> = s
            .groups_with(Role::LegendLabel)
            .flat_map(|g| match &g.shapes {
                Shapes::Texts { text, .. } => text.clone(),
                _ => Vec::new(),
            })
            .map(|t| t.replace('\n', ""))
            .collect();
        for want in [
            "国家标准 80项",
            "行业标准 37项",
            "省级地方标准 8项",
            "市级地方标准 63项",
        ] {
            assert!(
                legend.iter().any(|l| l == want),
                "{want} at {w}: {legend:?}"
            );
        }
    }
    // Without labels the legend names the levels only.
    let plain = text.replace("\"labels\": true", "\"labels\": false");
    let s = scene(&chart(&plain), 375.0);
    assert!(read_texts(&s).iter().any(|t| t == "国家标准"));
}
