//! `stdviz publish`: the pre-rendered fragment's SVG at each width is `stdviz render
//! --width W`'s output, every data mark carries a `<title>` with its figure and `data-`
//! attributes naming its row, and text from data never becomes markup.
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use stdviz::layout::Viewport;
use stdviz::limits::Options;
use stdviz::publish::{fragment, publish_page, SpecFiles, WIDTHS};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stdviz-publish-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

fn bar_spec() -> PathBuf {
    common::www()
        .join("specs")
        .join("standards-by-level-bar.json")
}

/// The `<svg>…</svg>` documents of a fragment, in order.
fn svgs_of(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg ") {
        let end = rest[start..].find("</svg>\n").expect("closed svg") + start + "</svg>\n".len();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn fragment_svg_at_each_width_equals_render_at_that_width() {
    let dir = temp_dir("widths");
    let spec = bar_spec();
    let status = Command::new(env!("CARGO_BIN_EXE_stdviz"))
        .args(["publish", spec.to_str().expect("utf-8 path"), "-o"])
        .arg(&dir)
        .status()
        .expect("run stdviz publish");
    assert!(status.success());
    let html = std::fs::read_to_string(dir.join("standards-by-level-bar.html")).expect("fragment");
    let svgs = svgs_of(&html);
    assert_eq!(svgs.len(), WIDTHS.len());
    for (w, svg) in WIDTHS.iter().zip(&svgs) {
        let out = dir.join(format!("render-{w}.svg"));
        let status = Command::new(env!("CARGO_BIN_EXE_stdviz"))
            .args([
                "render",
                spec.to_str().expect("utf-8 path"),
                "--width",
                &w.to_string(),
                "-o",
            ])
            .arg(&out)
            .status()
            .expect("run stdviz render");
        assert!(status.success());
        let rendered = std::fs::read_to_string(&out).expect("rendered svg");
        assert_eq!(&rendered, svg, "width {w}");
        assert!(
            svg.starts_with(&format!("<svg width=\"{w}\" ")),
            "width {w}"
        );
        assert!(html.contains(&format!("<div class=\"stdviz-w w{w}\" data-width=\"{w}\">")));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_mark_has_a_title_with_its_figure_and_its_row() {
    let spec = SpecFiles::read(&bar_spec(), None).expect("spec and data");
    let chart = spec.chart(&Options::default()).expect("chart");
    let published = fragment(&spec, "bar", None, &Options::default()).expect("fragment");
    assert!(published.data_inline);
    for (w, svg) in &published.svgs {
        let scene = chart
            .scene(Viewport {
                width: *w as f32,
                height: None,
            })
            .expect("scene");
        let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let summary = stdviz::describe::summary(&scene, scene.locale);
        assert_eq!(root.attribute("aria-label"), Some(summary.as_str()));
        let desc = root
            .children()
            .find(|n| n.has_tag_name("desc"))
            .expect("desc");
        assert_eq!(desc.text(), Some(summary.as_str()));
        let marks: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
            .collect();
        assert_eq!(marks.len(), scene.mark_count(), "width {w}");
        assert_eq!(marks.len(), 4, "the founding chart's four levels");
        for (m, g) in marks.iter().enumerate() {
            assert_eq!(g.attribute("data-mark"), Some(m.to_string().as_str()));
            let item = &scene.items[scene.mark_item(m).expect("item")];
            assert_eq!(g.attribute("data-label"), Some(item.label.as_str()));
            let value: f64 = g
                .attribute("data-value")
                .expect("value")
                .parse()
                .expect("number");
            assert_eq!(value, item.value);
            let title = g.first_element_child().expect("title first");
            assert!(title.has_tag_name("title"));
            let text = title.text().expect("title text");
            // The figure as the chart writes it: grouped digits and the unit (`80 项`).
            let figure = format!("{} 项", stdviz::format::value(item.value));
            assert!(text.starts_with(&item.label), "{text}");
            assert!(text.contains(&figure), "{text} lacks {figure}");
            // And something to hover: the bar's own shape inside the group.
            assert!(g
                .children()
                .any(|n| n.has_tag_name("polygon") || n.has_tag_name("rect")));
        }
        // National standards, 80 items, as the founding article reports them.
        assert!(marks
            .iter()
            .any(|g| g.attribute("data-label") == Some("国家标准")
                && g.attribute("data-value") == Some("80")));
    }
}

#[test]
fn a_line_chart_gets_hover_targets_for_its_invisible_points() {
    let spec = common::www().join("examples").join("issued-lines.json");
    let spec = SpecFiles::read(&spec, None).expect("spec and data");
    let published = fragment(&spec, "lines", None, &Options::default()).expect("fragment");
    let doc = roxmltree::Document::parse(&published.svgs[0].1).expect("well-formed SVG");
    let marks: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("m"))
        .collect();
    assert!(!marks.is_empty());
    for g in marks {
        assert!(
            g.children().any(|n| n.has_tag_name("circle")),
            "a point to hover"
        );
        assert!(g
            .first_element_child()
            .is_some_and(|t| t.has_tag_name("title")));
    }
}

const HOSTILE: &str = r#"<script>alert(1)</script>"#;

#[test]
fn hostile_text_from_data_is_escaped() {
    let dir = temp_dir("hostile");
    let label = format!("{HOSTILE}\"' onload=\"x()\" &amp; </svg></div></title>");
    let spec_text = serde_json::json!({
        "title": format!("T {HOSTILE} </title>"),
        "data": {"values": [{"k": label, "v": 3}, {"k": "b", "v": 5}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "k", "type": "nominal"},
            "y": {"field": "v", "type": "quantitative"}
        }
    })
    .to_string();
    let spec_path = dir.join("hostile.json");
    std::fs::write(&spec_path, &spec_text).expect("write spec");
    let spec = SpecFiles::read(&spec_path, None).expect("spec");
    let published = fragment(&spec, "hostile", None, &Options::default()).expect("fragment");
    // One script element only: the JSON block, which holds no `<` at all.
    assert_eq!(published.html.matches("<script").count(), 1);
    assert_eq!(published.html.matches("</script>").count(), 1);
    let block_start = published.html.find("stdviz-pub-spec\">").expect("block") + 17;
    let block_end = published.html.find("</script>").expect("end");
    let block = &published.html[block_start..block_end];
    assert!(!block.contains('<'));
    let read: serde_json::Value = serde_json::from_str(block).expect("JSON block");
    assert_eq!(read["spec"].as_str(), Some(spec_text.as_str()));
    assert!(!published.html.contains("<script>alert"));
    for (_, svg) in &published.svgs {
        let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
        assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
        let g = doc
            .descendants()
            .find(|n| n.attribute("data-mark") == Some("0"))
            .expect("first mark");
        // The label reads back as the very text of the data, as text.
        assert_eq!(g.attribute("data-label"), Some(label.as_str()));
        assert!(g
            .first_element_child()
            .and_then(|t| t.text())
            .is_some_and(|t| t.starts_with(&label)));
        assert_eq!(
            g.attributes().count(),
            4,
            "class, mark, label, value: nothing injected"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_page_gets_fragments_in_place_of_its_empty_chart_boxes() {
    let page_path = common::www().join("gallery.html");
    let page = std::fs::read_to_string(&page_path).expect("gallery");
    let (html, report) =
        publish_page(&page, Path::new(&page_path), &Options::default()).expect("publish");
    assert_eq!(
        report.published,
        [
            "specs/standards-by-level-bar.json",
            "specs/standards-by-level-donut.json"
        ]
    );
    assert!(!html.contains("data-stdviz=\"specs/"));
    assert_eq!(html.matches("data-stdviz-pub=\"1\"").count(), 2);
    // Everything else stays: the figures box and the examples section.
    assert!(html.contains("data-stdviz-figures=\"data/yangquan-2024.json\""));
    assert!(html.contains("data-stdviz-examples=\"examples/index.json\""));
    // Inline JSON specs are left to the live embed.
    let inline = r#"<p><div data-stdviz="{&quot;mark&quot;:&quot;bar&quot;}"></div></p>"#;
    let (same, report) =
        publish_page(inline, Path::new("x.html"), &Options::default()).expect("publish");
    assert_eq!(same, inline);
    assert!(report.published.is_empty());
}

#[test]
fn a_waffle_carries_each_figure_once_per_category() {
    let spec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples/yangquan-standards-waffle.json");
    let files = SpecFiles::read(&spec, None).expect("spec");
    let chart = files.chart(&Options::default()).expect("chart");
    let scene = chart
        .scene(Viewport {
            width: 375.0,
            height: None,
        })
        .expect("scene");
    let svg = stdviz::svg::to_svg(&scene).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let groups: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
        .collect();
    // One group per category, each with its one title and all of its cells.
    let mut labels: Vec<&str> = groups
        .iter()
        .filter_map(|g| g.attribute("data-label"))
        .collect();
    let cells: usize = groups
        .iter()
        .map(|g| {
            g.children()
                .filter(|n| n.has_tag_name("rect") || n.has_tag_name("polygon"))
                .count()
        })
        .sum();
    assert_eq!(
        cells,
        scene.mark_count(),
        "every cell drawn, inside a group"
    );
    assert!(
        groups.len() < scene.mark_count() / 10,
        "{} groups for {} cells",
        groups.len(),
        scene.mark_count()
    );
    for g in &groups {
        assert_eq!(g.children().filter(|n| n.has_tag_name("title")).count(), 1);
    }
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(
        labels.len(),
        groups.len(),
        "each category is one group: {labels:?}"
    );
    // The reading order names exactly the groups' marks.
    let order: Vec<&str> = doc
        .root_element()
        .attribute("data-order")
        .expect("order")
        .split(' ')
        .collect();
    assert_eq!(order.len(), groups.len());
    for g in &groups {
        assert!(order.contains(&g.attribute("data-mark").expect("mark")));
    }
}

/// A table-form spec publishes as a real `<table>` (caption, `scope`d headers, every row),
/// no SVG and no script, with data text escaped.
#[test]
fn table_form_publishes_a_static_escaped_table() {
    let dir = temp_dir("table");
    let spec = dir.join("table.json");
    // SYNTHETIC rows, hostile text in a category and in the title.
    std::fs::write(
        &spec,
        r#"{"title": "表 <b>1</b> & \"x\"",
          "data": {"values": [
            {"k": "<script>alert(1)</script>", "v": 31656250},
            {"k": "a & b", "v": 7}]},
          "mark": "bar",
          "encoding": {"x": {"field": "k", "type": "nominal", "sort": null},
            "y": {"field": "v", "type": "quantitative", "title": "数量"}},
          "usermeta": {"stdviz": {"form": "table", "numbers": "zh",
            "table": {"heat": ["v"], "bars": ["v"]}}}}"#,
    )
    .expect("write spec");
    let files = SpecFiles::read(&spec, None).expect("read spec");
    let f = fragment(&files, "t", None, &Options::default()).expect("publish");
    let html = &f.html;
    assert!(f.svgs.is_empty());
    assert!(!html.contains("<svg"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("<table>"));
    assert!(
        html.contains("<caption>表 &lt;b&gt;1&lt;/b&gt; &amp; &quot;x&quot;</caption>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"col\">k</th>"));
    assert!(html.contains("<th scope=\"col\" class=\"num\">数量</th>"));
    assert!(html.contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th>"));
    assert!(html.contains("<th scope=\"row\">a &amp; b</th>"));
    // The Chinese writing, the exact figure as the cell's title, a heat class.
    assert!(html.contains("title=\"31,656,250\">3,165.6万"), "{html}");
    assert_eq!(html.matches("<tr").count(), 3);
    // Each row's place in every sorted order (k ascending, descending; v ascending,
    // descending) for stdviz-lite.js's sort buttons: "<script>…" sorts before "a & b";
    // 31,656,250 after 7.
    assert!(
        html.contains("<tr data-sort=\"0 1 1 0\"><th scope=\"row\">&lt;script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<tr data-sort=\"1 0 0 1\"><th scope=\"row\">a &amp; b"),
        "{html}"
    );
    assert!(html.contains("第 1–2 行,共 2 行"));
    // Checked as XML: every tag closed, nothing the escaping let through.
    let start = html
        .find("<div class=\"stdviz-scroll\"")
        .expect("table box");
    let end = html.rfind("</div>\n<p").expect("end of box") + "</div>".len();
    roxmltree::Document::parse(&html[start..end]).expect("well-formed table");
}
