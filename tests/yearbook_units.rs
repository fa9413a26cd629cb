//! A yearbook's unit line sets the chart's unit and number scale (`单位:万项`: the figures
//! stay as written, the axis says 万项), and regions across the columns are offered as a
//! fold — on the corpus files in `tests/data/yearbook/` (figures cited in its README).

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/yearbook/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The SVG of `spec` over the corpus file `file` at 640 px.
fn svg_of(spec: &str, file: &str) -> (stdviz::Chart, String) {
    let bytes = corpus(file);
    let chart =
        stdviz::Chart::with_files(spec, &|_| Some(bytes.clone())).unwrap_or_else(|e| panic!("{e}"));
    let scene = chart
        .scene(stdviz::layout::Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let svg = stdviz::svg::to_svg(&scene).unwrap_or_else(|e| panic!("{e}"));
    (chart, svg)
}

/// The texts an SVG draws, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.trim().to_string())
        })
        .collect()
}

/// A line chart of the 万项 table, folded, numbers written `numbers` (`plain`/`zh`).
fn wan_spec(numbers: &str) -> String {
    format!(
        r#"{{
      "width": 640,
      "data": {{"url": "standards-in-force-wan-units-utf8.csv"}},
      "transform": [{{"fold": ["2020年", "2022年", "2023年"], "as": ["年份", "数值"]}}],
      "mark": "line",
      "encoding": {{
        "x": {{"field": "年份", "type": "ordinal"}},
        "y": {{"field": "数值", "type": "quantitative", "title": "有效标准"}},
        "color": {{"field": "层级", "type": "nominal"}},
        "tooltip": [{{"field": "数值", "type": "quantitative"}}]
      }},
      "usermeta": {{"stdviz": {{"numbers": "{numbers}"}}}}
    }}"#
    )
}

#[test]
fn a_wan_unit_table_keeps_its_figures_and_the_axis_says_wan() {
    for numbers in ["plain", "zh"] {
        let (chart, svg) = svg_of(&wan_spec(numbers), "standards-in-force-wan-units-utf8.csv");
        assert_eq!(chart.spec.meta.unit.as_deref(), Some("万项"), "{numbers}");
        // The figures are the source's (no rescaling of the data).
        let t = chart.tables.values().next();
        let first = t.and_then(|t| t.column("2020年").map(|c| c.value(0).to_text()));
        assert_eq!(first.as_deref(), Some("3.9847"), "{numbers}");
        assert!(
            svg.contains("有效标准(单位:万项)"),
            "{numbers}: the axis names the unit"
        );
        assert!(!svg.contains("万万"), "{numbers}: never 万万项");
        // The ticks are in 万项 (0 … 8), not in 项 (80,000).

        let ticks = texts(&svg);
        assert!(
            ticks.iter().any(|t| t == "8" || t == "8.0"),
            "{numbers}: {ticks:?}"
        );
    }
}

#[test]
fn figures_reaching_a_larger_unit_move_up_to_it() {
    // Synthetic: 12,345 in 万项 is 1.23 亿项 — the axis goes up a unit, never 万万项.
    let spec = r#"{
      "width": 640,
      "data": {"values": [{"k": "甲", "v": 12345}, {"k": "乙", "v": 6000}]},
      "mark": "bar",
      "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": "v", "type": "quantitative", "title": "数量"}
      },
      "usermeta": {"stdviz": {"numbers": "zh", "unit": "万项"}}
    }"#;
    let (_, svg) = svg_of(spec, "standards-in-force-wan-units-utf8.csv");
    assert!(svg.contains("数量(单位:亿项)"), "{svg}");
    assert!(!svg.contains("万万"), "{svg}");
}

#[test]
fn regions_across_the_columns_are_offered_as_a_fold() {
    let bytes = corpus("group-standards-regions-across-2022-crlf.csv");
    let l = stdviz::explore::load(&bytes, &stdviz::explore::LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let wide = stdviz::explore::wide_columns(&l.table)
        .unwrap_or_else(|| panic!("no wide columns in {:?}", l.table.field_names()));
    assert_eq!(wide.kind, "region");
    assert_eq!(wide.key, "地区");
    assert_eq!(
        wide.fields,
        ["广东", "浙江", "山东", "北京", "上海", "江苏"]
    );
    let long = stdviz::explore::fold(&l.table, &wide).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(long.row_count(), 6);
    let pair = |r: usize| {
        let at = |name: &str| long.column(name).map(|c| c.value(r).to_text());
        (at("地区"), at("数值"))
    };
    assert_eq!(pair(0), (Some("广东".into()), Some("6419".into())));
    assert_eq!(pair(5), (Some("江苏".into()), Some("1669".into())));
    // The unit line came along for the chart.
    assert_eq!(l.layout.unit.as_deref(), Some("项"));
}

#[test]
fn the_unit_goes_on_the_value_axis_not_on_a_quantitative_year_axis() {
    // Synthetic figures in 万项 over quantitative years.
    let spec = r#"{
      "width": 640,
      "data": {"values": [{"year": 2020, "v": 3.9}, {"year": 2023, "v": 4.4}]},
      "mark": "line",
      "encoding": {
        "x": {"field": "year", "type": "quantitative", "title": "年份", "scale": {"zero": false}},
        "y": {"field": "v", "type": "quantitative", "title": "数量"}
      },
      "usermeta": {"stdviz": {"unit": "万项"}}
    }"#;
    for numbers in ["plain", "zh"] {
        let spec = spec.replace(
            r#""unit": "万项""#,
            &format!(r#""unit": "万项", "numbers": "{numbers}""#),
        );
        let (_, svg) = svg_of(&spec, "standards-in-force-wan-units-utf8.csv");
        let texts = texts(&svg);
        assert!(
            texts.iter().any(|t| t == "数量(单位:万项)"),
            "{numbers}: {texts:?}"
        );
        assert!(
            texts.iter().any(|t| t == "年份"),
            "{numbers}: the year axis keeps its title: {texts:?}"
        );
    }
}
