#![cfg(not(target_arch = "wasm32"))]
//! Render tests for the newsroom additions: numbers written the Chinese way
//! (`usermeta.stdviz.numbers`, `formatType: "zh"`), value labels on bars
//! (`usermeta.stdviz.labels`) and `condition` on colour, opacity and size — read back
//! from the SVG (text and geometry) and the scene, at a phone and a desktop width.

mod common;

use common::*;
use stdviz::scene::{Role, Shapes};
use stdviz::svg::to_svg;

/// Standards in force at the end of 2023 and self-declared enterprise standards
/// (SAMR/SAC, 中国标准化发展年度报告 2023, www/data/samr-annual-reports.json and the
/// figure 3,165,625 cited in tests/svg_render.rs).
const IN_FORCE_2023: &str = r#"[{"k":"国家标准","n":44499},{"k":"行业标准","n":80828},
  {"k":"企业标准","n":3165625}]"#;

fn chart(meta: &str, encoding_extra: &str) -> stdviz::Chart {
    let spec = format!(
        r#"{{"width":"container","height":240,"data":{{"values":{IN_FORCE_2023}}},"mark":"bar",
        "encoding":{{"x":{{"field":"k","type":"nominal","title":null}},
          "y":{{"field":"n","type":"quantitative","title":"数量"}}{encoding_extra}}},
        "usermeta":{{"stdviz":{{"unit":"项"{meta}}}}}}}"#
    );
    stdviz::Chart::new(&spec, None).unwrap()
}

fn axis_labels(scene: &stdviz::scene::Scene, role: Role) -> Vec<String> {
    scene
        .groups_with(role)
        .flat_map(|g| match &g.shapes {
            Shapes::Texts { text, .. } => text.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn chinese_numbers_on_the_axis_labels_tooltips_and_summary() {
    for width in [320.0, 960.0] {
        let scene = scene_at(&chart(r#","numbers":"zh","labels":true"#, ""), width);
        // One unit for the whole axis, stated once in its title; ticks without it.
        let titles = axis_labels(&scene, Role::AxisTitle);
        assert!(titles.iter().any(|t| t == "数量(单位:万项)"), "{titles:?}");
        let ticks = axis_labels(&scene, Role::AxisLabel);
        let numeric: Vec<&String> = ticks
            .iter()
            .filter(|t| {
                t.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            })
            .collect();
        assert!(numeric.len() >= 3, "{ticks:?}");
        assert!(!ticks.iter().any(|t| t.contains('万')), "{ticks:?}");
        // The same decimals on every tick.
        let decimals: Vec<usize> = numeric
            .iter()
            .map(|t| t.split_once('.').map_or(0, |(_, f)| f.len()))
            .collect();
        assert!(decimals.windows(2).all(|w| w[0] == w[1]), "{numeric:?}");
        // Value labels: one decimal with 万.
        let labels = axis_labels(&scene, Role::DataLabel);
        for want in ["4.4万", "8.1万", "316.6万"] {
            assert!(
                labels.iter().any(|l| l == want),
                "{want} at {width}: {labels:?}"
            );
        }
        // Tooltip: the rounded figure and the exact one.
        let big = scene
            .items
            .iter()
            .position(|i| i.value == 3_165_625.0)
            .unwrap();
        let tip = stdviz::describe::tooltip(&scene, big);
        assert!(
            tip.rows.iter().any(|(_, v)| v == "316.6万项(3,165,625)"),
            "{:?}",
            tip.rows
        );
        let summary = stdviz::describe::summary(&scene, stdviz::spec::Locale::Zh);
        assert!(summary.contains("316.6万项"), "{summary}");
        assert!(!summary.contains("3,165,625"), "{summary}");
        // And the SVG carries the same text.
        let texts = svg_texts(&to_svg(&scene).unwrap());
        assert!(texts.iter().any(|t| t == "316.6万"), "{texts:?}");
    }
}

#[test]
fn format_type_zh_on_one_field_and_plain_numbers_by_default() {
    let scene = scene_at(
        &chart(
            "",
            r#","tooltip":[{"field":"n","type":"quantitative","formatType":"zh"}]"#,
        ),
        640.0,
    );
    let tip = stdviz::describe::tooltip(&scene, 2);
    assert_eq!(tip.rows[0].1, "316.6万(3,165,625)");
    // The axis of a plain chart keeps grouped digits and no labels are drawn.
    let ticks = axis_labels(&scene, Role::AxisLabel);
    assert!(ticks.iter().any(|t| t.ends_with(",000,000")), "{ticks:?}");
    assert!(scene.groups_with(Role::DataLabel).next().is_none());
}

/// The bars (x0, y0, x1, y1) of the scene's first data group.
fn bars(scene: &stdviz::scene::Scene) -> Vec<[f32; 4]> {
    let g = scene.groups_with(Role::Data).next().unwrap();
    let Shapes::Rects {
        x,
        y,
        width,
        height,
        ..
    } = &g.shapes
    else {
        panic!("bars are rects")
    };
    (0..x.len())
        .map(|i| [x[i], y[i], x[i] + width[i], y[i] + height[i]])
        .collect()
}

#[test]
fn value_labels_sit_inside_or_just_above_their_bar() {
    for how in ["true", "\"inside\"", "\"outside\""] {
        for width in [320.0, 960.0] {
            let meta = format!(r#","numbers":"zh","labels":{how}"#);
            let scene = scene_at(&chart(&meta, ""), width);
            let bars = bars(&scene);
            let boxes = text_boxes(&scene);
            for (bar, want) in bars.iter().zip(["4.4万", "8.1万", "316.6万"]) {
                let (_, b) = boxes
                    .iter()
                    .find(|(t, _)| t == want)
                    .unwrap_or_else(|| panic!("{want} missing at {width} ({how})"));
                // Centred on its bar.
                let cx = (b[0] + b[2]) / 2.0;
                assert!(
                    (cx - (bar[0] + bar[2]) / 2.0).abs() < 1.0,
                    "{want} {b:?} {bar:?}"
                );
                let inside = b[1] >= bar[1] - 0.5 && b[3] <= bar[3] + 0.5;
                let above = b[3] <= bar[1] + 0.5 && bar[1] - b[3] <= 6.0;
                assert!(inside || above, "{want} {b:?} on {bar:?} ({how}, {width})");
                if how == "\"outside\"" {
                    assert!(above, "{want} outside");
                }
                // Never above the plot's top edge into the title.
                assert!(b[1] >= scene.plot.y - 20.0, "{b:?}");
            }
            assert_eq!(
                overlapping_texts(&scene),
                Vec::<(String, String)>::new(),
                "{how} at {width}"
            );
        }
    }
}

#[test]
fn horizontal_bars_put_labels_after_the_bar_end() {
    let spec = format!(
        r#"{{"width":"container","data":{{"values":{IN_FORCE_2023}}},"mark":"bar",
        "encoding":{{"y":{{"field":"k","type":"nominal"}},"x":{{"field":"n","type":"quantitative"}}}},
        "usermeta":{{"stdviz":{{"labels":"outside","numbers":"zh"}}}}}}"#
    );
    for width in [320.0, 960.0] {
        let scene = scene_at(&stdviz::Chart::new(&spec, None).unwrap(), width);
        let boxes = text_boxes(&scene);
        for (bar, want) in bars(&scene).iter().zip(["4.4万", "8.1万", "316.6万"]) {
            let (_, b) = boxes.iter().find(|(t, _)| t == want).unwrap();
            assert!(
                b[0] >= bar[2] && b[0] - bar[2] <= 6.0,
                "{want} {b:?} {bar:?}"
            );
            // Inside the chart: the longest bar left room for its label.
            assert!(b[2] <= width + 0.5, "{want} {b:?} at {width}");
        }
    }
}

#[test]
fn condition_highlights_one_level_in_colour_opacity_and_size() {
    let enc = r##","color":{"condition":{"test":"datum.k === '企业标准'","value":"#e45756"},"value":"#bbbbbb"},
      "opacity":{"condition":{"test":{"field":"k","equal":"国家标准"},"value":0.5},"value":1}"##;
    for width in [320.0, 960.0] {
        let scene = scene_at(&chart("", enc), width);
        let svg = to_svg(&scene).unwrap();
        let fills: Vec<String> = filled_shapes(&svg)
            .into_iter()
            .filter(|s| s.fill == "#E45756" || s.fill == "#BBBBBB")
            .map(|s| s.fill)
            .collect();
        assert_eq!(
            fills.iter().filter(|f| *f == "#E45756").count(),
            1,
            "{fills:?}"
        );
        assert_eq!(
            fills.iter().filter(|f| *f == "#BBBBBB").count(),
            2,
            "{fills:?}"
        );
        let g = scene.groups_with(Role::Data).next().unwrap();
        let Shapes::Rects { fill, .. } = &g.shapes else {
            panic!()
        };
        // 国家标准 at half opacity, the others opaque.
        assert!((fill.get(0).a - 0.5).abs() < 0.01, "{:?}", fill.get(0));
        assert!((fill.get(1).a - 1.0).abs() < 0.01);
        assert_eq!(
            fill.get(2).with_opacity(1.0),
            stdviz::color::Color::parse("#e45756").unwrap()
        );
    }
    // Size on points: the highlighted year is larger.
    let spec = r#"{"data":{"values":[{"y":2020,"n":39847},{"y":2022,"n":43027},{"y":2023,"n":44499}]},
      "mark":"point","encoding":{"x":{"field":"y","type":"ordinal"},"y":{"field":"n","type":"quantitative"},
      "size":{"condition":{"test":"datum.y == 2023","value":200},"value":30}}}"#;
    let scene = scene_at(&stdviz::Chart::new(spec, None).unwrap(), 400.0);
    let g = scene.groups_with(Role::Data).next().unwrap();
    let Shapes::Points { radius, .. } = &g.shapes else {
        panic!()
    };
    assert!(
        radius[2] > radius[0] * 2.0 && (radius[0] - radius[1]).abs() < 1e-3,
        "{radius:?}"
    );
}

#[test]
fn condition_errors_name_their_path() {
    let bad_field = r##","color":{"condition":{"test":{"field":"nope","equal":1},"value":"red"},"value":"grey"}"##;
    let spec = format!(
        r#"{{"data":{{"values":{IN_FORCE_2023}}},"mark":"bar","encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"n","type":"quantitative"}}{bad_field}}}}}"#
    );
    let err = stdviz::Chart::new(&spec, None).and_then(|c| {
        c.scene(stdviz::layout::Viewport {
            width: 300.0,
            height: None,
        })
        .map(|_| c)
    });
    let text = match err {
        Ok(_) => panic!("an error expected"),
        Err(e) => format!("{e:?}"),
    };
    assert!(text.contains("condition"), "{text}");
    let bad_colour =
        r##","color":{"condition":{"test":"datum.n > 1","value":"not-a-colour"},"value":"grey"}"##;
    let spec = format!(
        r#"{{"data":{{"values":{IN_FORCE_2023}}},"mark":"bar","encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"n","type":"quantitative"}}{bad_colour}}}}}"#
    );
    let text = match stdviz::Chart::new(&spec, None) {
        Ok(_) => panic!("an error expected"),
        Err(e) => format!("{e:?}"),
    };
    assert!(text.contains("encoding.color.condition.value"), "{text}");
}

/// National standards in force by year (SAMR/SAC annual reports as quoted in
/// www/data/samr-annual-reports.json; no 2021 figure).
const NATIONAL: &str =
    r#"[{"year":2020,"n":39847},{"year":2022,"n":43027},{"year":2023,"n":44499}]"#;

#[test]
fn rect_with_datum_shades_a_range_behind_a_line() {
    let spec = format!(
        r##"{{"width":"container","data":{{"values":{NATIONAL}}},
        "layer":[
          {{"mark":{{"type":"rect","color":"#eeeeee"}},
            "encoding":{{"x":{{"datum":2022}},"x2":{{"datum":2023}}}}}},
          {{"mark":"line","encoding":{{"x":{{"field":"year","type":"quantitative","scale":{{"zero":false}}}},
            "y":{{"field":"n","type":"quantitative"}}}}}}
        ]}}"##
    );
    for width in [320.0, 960.0] {
        let scene = scene_at(&stdviz::Chart::new(&spec, None).unwrap(), width);
        let range = scene
            .groups_with(Role::Rule)
            .find_map(|g| match &g.shapes {
                Shapes::Rects {
                    x,
                    width,
                    height,
                    fill,
                    ..
                } => Some((x[0], x[0] + width[0], height[0], fill.get(0))),
                _ => None,
            })
            .expect("the shaded range");
        // It spans the line's 2022 and 2023 points, over the plot's full height.
        let pts = scene
            .groups_with(Role::Data)
            .find_map(|g| match &g.shapes {
                Shapes::Points { x, .. } => Some(x.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(pts.len(), 3);
        assert!(
            (range.0 - pts[1]).abs() < 0.5 && (range.1 - pts[2]).abs() < 0.5,
            "{range:?} {pts:?}"
        );
        assert!((range.2 - scene.plot.height).abs() < 0.5);
        assert_eq!(range.3, stdviz::color::Color::parse("#eeeeee").unwrap());
        // Drawn before (under) the line, and not a data mark: the items are the 3 points.
        assert_eq!(scene.items.len(), 3);
        let svg = to_svg(&scene).unwrap();
        assert!(filled_shapes(&svg).iter().any(|s| s.fill == "#EEEEEE"));
    }
}

#[test]
fn rect_heatmap_fills_each_band_cell_in_its_colour() {
    // Standards in force by level and year (same source as NATIONAL).
    let spec = r#"{"width":"container","data":{"values":[
      {"year":"2022","level":"国家标准","n":43027},{"year":"2023","level":"国家标准","n":44499},
      {"year":"2022","level":"行业标准","n":78431},{"year":"2023","level":"行业标准","n":80828}]},
      "mark":"rect","encoding":{"x":{"field":"year","type":"ordinal"},"y":{"field":"level","type":"nominal"},
      "color":{"field":"level","type":"nominal","legend":null}}}"#;
    for width in [320.0, 960.0] {
        let scene = scene_at(&stdviz::Chart::new(spec, None).unwrap(), width);
        let rects = bars(&scene);
        assert_eq!(rects.len(), 4);
        // Two columns of equal width side by side, two rows of equal height.
        let xs: Vec<f32> = rects.iter().map(|r| r[0]).collect();
        assert!(
            (xs[0] - xs[2]).abs() < 0.5 && xs[1] > xs[0] + 1.0,
            "{rects:?}"
        );
        let w0 = rects[0][2] - rects[0][0];
        assert!(rects.iter().all(|r| ((r[2] - r[0]) - w0).abs() < 0.5));
        assert!(rects[2][1] >= rects[0][3] - 0.5 || rects[0][1] >= rects[2][3] - 0.5);
        let g = scene.groups_with(Role::Data).next().unwrap();
        let Shapes::Rects { fill, .. } = &g.shapes else {
            panic!()
        };
        assert_eq!(fill.get(0), fill.get(1));
        assert_ne!(fill.get(0), fill.get(2));
        assert_eq!(scene.items.len(), 4);
    }
}

/// The annotation texts (lines of each note's group joined) and their boxes.
fn notes(scene: &stdviz::scene::Scene) -> Vec<(String, [f32; 4])> {
    scene
        .groups_with(Role::Annotation)
        .filter_map(|g| match &g.shapes {
            Shapes::Texts { x, y, text, style } => {
                let b = stdviz::scene::text_box(x[0], y[0], &text[0], style);
                Some((
                    text[0].replace('\n', ""),
                    [b.x, b.y, b.x + b.width, b.y + b.height],
                ))
            }
            _ => None,
        })
        .collect()
}

fn connector_segments(scene: &stdviz::scene::Scene) -> Vec<[f32; 4]> {
    scene
        .groups_with(Role::Annotation)
        .flat_map(|g| match &g.shapes {
            Shapes::Lines { x1, y1, x2, y2, .. } => (0..x1.len())
                .map(|i| [x1[i], y1[i], x2[i], y2[i]])
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn overlaps(a: [f32; 4], b: [f32; 4]) -> bool {
    a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5
}

#[test]
fn an_annotation_points_at_its_bar_clear_of_marks_and_text_at_every_width() {
    let note = "企业自我声明公开的标准超过三百万项";
    let meta = format!(
        r#","numbers":"zh","labels":true,"annotations":[{{"text":"{note}","at":{{"k":"企业标准"}},"connector":"arrow"}}]"#
    );
    for width in [280.0, 320.0, 375.0, 960.0, 1280.0] {
        let scene = scene_at(&chart(&meta, ""), width);
        let found = notes(&scene);
        assert_eq!(found.len(), 1, "at {width}");
        let (text, b) = &found[0];
        // Every character is there, wrapped onto lines but not cut.
        assert_eq!(text, note, "at {width}");
        // Inside the plot.
        let p = scene.plot;
        assert!(
            b[0] >= p.x - 0.5
                && b[2] <= p.x + p.width + 0.5
                && b[1] >= p.y - 0.5
                && b[3] <= p.y + p.height + 0.5,
            "{b:?} outside {p:?} at {width}"
        );
        // Clear of the bars and of every other text.
        for bar in bars(&scene) {
            assert!(!overlaps(*b, bar), "{b:?} covers {bar:?} at {width}");
        }
        for (t, tb) in text_boxes(&scene) {
            if note.contains(t.replace('\n', "").as_str()) {
                continue;
            }
            assert!(!overlaps(*b, tb), "{b:?} covers {t} {tb:?} at {width}");
        }
        // The arrow starts at the bar's top centre: a line and a two-stroke head.
        let big = bars(&scene)[2];
        let segs = connector_segments(&scene);
        assert_eq!(segs.len(), 3, "{segs:?}");
        let (tx, ty) = ((big[0] + big[2]) / 2.0, big[1]);
        assert!(
            (segs[0][0] - tx).abs() <= 3.0 && (segs[0][1] - ty).abs() <= 3.0,
            "{segs:?} vs {tx},{ty}"
        );
    }
}

#[test]
fn annotations_on_a_line_by_datum_avoid_the_line_and_each_other() {
    let spec = format!(
        r#"{{"width":"container","height":220,"data":{{"values":{NATIONAL}}},
        "mark":{{"type":"line","point":true}},
        "encoding":{{"x":{{"field":"year","type":"ordinal"}},"y":{{"field":"n","type":"quantitative","scale":{{"zero":false}}}}}},
        "usermeta":{{"stdviz":{{"annotations":[
          {{"text":"2021年数据未列入所引报告","x":"2020","y":39847}},
          {{"text":"2023年末:44,499项","at":{{"year":2023}}}},
          {{"text":"no such point","at":{{"year":1999}}}}]}}}}}}"#
    );
    for width in [280.0, 320.0, 960.0, 1280.0] {
        let scene = scene_at(&stdviz::Chart::new(&spec, None).unwrap(), width);
        let found = notes(&scene);
        // The note at a year the data does not have is not drawn.
        assert_eq!(found.len(), 2, "{found:?} at {width}");
        assert!(!overlaps(found[0].1, found[1].1), "{found:?}");
        let line: Vec<(f32, f32)> = scene
            .groups_with(Role::DataShape)
            .flat_map(|g| match &g.shapes {
                Shapes::Paths { paths, .. } => paths.concat(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(line.len(), 3);
        for (t, b) in &found {
            for w in line.windows(2) {
                // Sample the segment: no point of the line inside the note.
                for k in 0..=20 {
                    let f = k as f32 / 20.0;
                    let (x, y) = (
                        w[0].0 + (w[1].0 - w[0].0) * f,
                        w[0].1 + (w[1].1 - w[0].1) * f,
                    );
                    assert!(
                        !(x > b[0] + 0.5 && x < b[2] - 0.5 && y > b[1] + 0.5 && y < b[3] - 0.5),
                        "{t} {b:?} on the line at {width}"
                    );
                }
            }
        }
        assert_eq!(connector_segments(&scene).len(), 2);
        let svg = to_svg(&scene).unwrap();
        let texts = svg_texts(&svg).concat();
        assert!(texts.contains("44,499项"), "{texts}");
        // Screen readers hear the notes after the figures.
        let summary = stdviz::describe::summary(&scene, stdviz::spec::Locale::Zh);
        assert!(summary.ends_with("注:2023年末:44,499项。"), "{summary}");
    }
}

#[test]
fn annotation_errors_name_their_path() {
    for (ann, path) in [
        (r#"[{"text":"x"}]"#, "usermeta.stdviz.annotations[0].at"),
        (
            r#"[{"at":{"k":"国家标准"}}]"#,
            "usermeta.stdviz.annotations[0].text",
        ),
        (
            r#"[{"text":"x","x":1,"connector":"zigzag"}]"#,
            "usermeta.stdviz.annotations[0].connector",
        ),
        (r#"{"text":"x"}"#, "usermeta.stdviz.annotations"),
    ] {
        let spec = format!(
            r#"{{"data":{{"values":{IN_FORCE_2023}}},"mark":"bar","encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"n","type":"quantitative"}}}},"usermeta":{{"stdviz":{{"annotations":{ann}}}}}}}"#
        );
        let text = match stdviz::Chart::new(&spec, None) {
            Ok(_) => panic!("an error expected for {ann}"),
            Err(e) => e.to_string(),
        };
        assert!(text.contains(path), "{text}");
    }
}

#[test]
fn the_example_notes_point_at_the_line_not_at_the_shaded_range() {
    // The rect layer has the same rows (year 2023) but no y: the note is the line's.
    let text =
        std::fs::read_to_string(www().join("examples/national-in-force-annotated.json")).unwrap();
    let chart =
        stdviz::Chart::with_files(&text, &|url| std::fs::read(www().join(url)).ok()).unwrap();
    for width in [280.0, 320.0, 960.0, 1280.0] {
        let scene = scene_at(&chart, width);
        let points: Vec<(f32, f32)> = scene
            .groups_with(Role::Data)
            .flat_map(|g| match &g.shapes {
                Shapes::Points { x, y, .. } => x.iter().copied().zip(y.iter().copied()).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(points.len(), 3);
        let segs = connector_segments(&scene);
        // 2023 with an arrow (three strokes from its point), 2020 with a line.
        for (year_point, strokes) in [(points[2], 3), (points[0], 1)] {
            let from_point = segs
                .iter()
                .filter(|s| {
                    (s[0] - year_point.0).abs() <= 3.0 && (s[1] - year_point.1).abs() <= 3.0
                })
                .count();
            assert_eq!(from_point, strokes, "{year_point:?} {segs:?} at {width}");
        }
        assert_eq!(notes(&scene).len(), 2);
    }
}

#[test]
fn the_issues_table_of_values_through_the_whole_chart() {
    // SYNTHETIC values (the issue's table), one bar each: value label, tooltip, summary,
    // and the axis title's unit.
    let table: [(f64, &str, &str, &str, Option<&str>); 8] = [
        (0.0, "0", "0 项", "合成 0 项", None),
        (9_999.0, "9,999", "9,999 项", "合成 9,999 项", None),
        (
            10_000.0,
            "1.0万",
            "1.0万项(10,000)",
            "合成 1.0万项",
            Some("数量(万项)"),
        ),
        (
            12_345.0,
            "1.2万",
            "1.2万项(12,345)",
            "合成 1.2万项",
            Some("数量(万项)"),
        ),
        (
            3_165_625.0,
            "316.6万",
            "316.6万项(3,165,625)",
            "合成 316.6万项",
            Some("数量(万项)"),
        ),
        (
            1.2e8,
            "1.2亿",
            "1.2亿项(120,000,000)",
            "合成 1.2亿项",
            Some("数量(亿项)"),
        ),
        (
            -5e4,
            // Shown numbers take the minus sign U+2212, as d3-format writes them.
            "\u{2212}5.0万",
            "\u{2212}5.0万项(\u{2212}50,000)",
            "合成 \u{2212}5.0万项",
            Some("数量(万项)"),
        ),
        (0.5, "0.5", "0.5 项", "合成 0.5 项", None),
    ];
    for (v, label, tooltip, summary, title) in table {
        let spec = format!(
            r#"{{"width":320,"data":{{"values":[{{"k":"合成","n":{v}}}]}},"mark":"bar",
            "encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"n","type":"quantitative","title":"数量(项)"}}}},
            "usermeta":{{"stdviz":{{"unit":"项","numbers":"zh","labels":true}}}}}}"#
        );
        let scene = scene_at(&stdviz::Chart::new(&spec, None).unwrap(), 320.0);
        let labels = axis_labels(&scene, Role::DataLabel);
        assert_eq!(labels, [label], "label of {v}");
        let tip = stdviz::describe::tooltip(&scene, 0);
        assert_eq!(tip.rows[0].1, tooltip, "tooltip of {v}");
        let said = stdviz::describe::summary(&scene, stdviz::spec::Locale::Zh);
        assert!(said.contains(summary), "summary of {v}: {said}");
        let titles = axis_labels(&scene, Role::AxisTitle);
        assert_eq!(
            titles.first().map(String::as_str),
            Some(title.unwrap_or("数量(项)")),
            "axis title of {v}"
        );
        // Ticks never carry a unit of their own.
        let ticks = axis_labels(&scene, Role::AxisLabel);
        assert!(!ticks.iter().any(|t| t.contains(['万', '亿'])), "{ticks:?}");
    }
}
