#![cfg(not(target_arch = "wasm32"))]
//! `config.numberFormat`, `numberFormatType`, `normalizedNumberFormat`, `timeFormat` and
//! `tooltipFormat` read back from the SVG: the axis labels, text marks, legends and
//! tooltips of fields without a format of their own; a field's own format wins, and the
//! config wins over `usermeta.stdviz.numbers`. SYNTHETIC data throughout.

mod common;

use stdviz::Chart;

fn svg_of(spec: &str) -> String {
    common::svg_at(spec, 480.0)
}

/// Every `<text>` of the SVG, trimmed.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("svg parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// Each data mark's tooltip (`<title>` of `<g class="m">`).
fn tooltips(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("svg parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("m"))
        .filter_map(|g| g.children().find(|n| n.has_tag_name("title")))
        .map(|t| t.text().unwrap_or("").to_string())
        .collect()
}

/// SYNTHETIC bars with text labels: `config` and the y field's extra properties given.
fn bars(config: &str, y_extra: &str, meta: &str) -> String {
    format!(
        r#"{{"data":{{"values":[{{"k":"a","v":12000}},{{"k":"b","v":34700}},{{"k":"c","v":7270}}]}},
          "layer":[{{"mark":{{"type":"bar","tooltip":true}}}},
                   {{"mark":{{"type":"text","dy":-6}},"encoding":{{"text":{{"field":"v","type":"quantitative"{y_extra}}}}}}}],
          "encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"v","type":"quantitative"{y_extra}}}}},
          "config":{config}{meta}}}"#
    )
}

#[test]
fn number_format_is_the_default_of_axes_and_text_marks() {
    let svg = svg_of(&bars(r#"{"numberFormat":".2s"}"#, "", ""));
    let t = texts(&svg);
    // Axis ticks in one SI prefix with the precision as fixed decimals, as d3's
    // `tickFormat` writes ".2s" …
    assert!(
        t.iter().any(|s| s == "20.00k") && t.iter().any(|s| s == "0.00k"),
        "{t:?}"
    );
    // … and the text marks too.
    for label in ["12k", "35k", "7.3k"] {
        assert!(t.iter().any(|s| s == label), "{label} in {t:?}");
    }
    // Without it: separators.
    let plain = texts(&svg_of(&bars("{}", "", "")));
    assert!(plain.iter().any(|s| s == "34,700"), "{plain:?}");
}

#[test]
fn a_field_s_own_format_wins_over_the_config() {
    let svg = svg_of(&bars(
        r#"{"numberFormat":".2s"}"#,
        r#","format":",.1f""#,
        "",
    ));
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "34,700.0"), "{t:?}");
    assert!(!t.iter().any(|s| s == "35k"), "{t:?}");
}

#[test]
fn number_format_type_zh_writes_the_chinese_way_and_config_wins_over_usermeta() {
    let svg = svg_of(&bars(r#"{"numberFormatType":"zh"}"#, "", ""));
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "3.5万"), "{t:?}");
    // usermeta's Chinese way gives way to a config's d3 format.
    let meta = r#","usermeta":{"stdviz":{"numbers":"zh"}}"#;
    let t = texts(&svg_of(&bars(r#"{"numberFormat":",d"}"#, "", meta)));
    assert!(t.iter().any(|s| s == "34,700"), "{t:?}");
    assert!(!t.iter().any(|s| s.contains('万')), "{t:?}");
}

#[test]
fn tooltip_format_writes_tooltips_and_number_format_the_rest() {
    let svg = svg_of(&bars(
        r#"{"numberFormat":",d","tooltipFormat":{"numberFormat":".1f"}}"#,
        "",
        "",
    ));
    let tips = tooltips(&svg);
    assert!(tips.iter().any(|t| t.contains("v: 34700.0")), "{tips:?}");
    assert!(texts(&svg).iter().any(|s| s == "34,700"));
}

#[test]
fn time_format_writes_dates_in_text_marks_and_tooltips_but_not_axes() {
    let spec = r#"{"data":{"values":[{"d":"2024-03-05","v":1},{"d":"2024-07-20","v":3}]},
      "layer":[{"mark":{"type":"point","tooltip":true}},
               {"mark":"text","encoding":{"text":{"field":"d","type":"temporal"}}}],
      "encoding":{"x":{"field":"d","type":"temporal"},"y":{"field":"v","type":"quantitative"}},
      "config":{"timeFormat":"%d/%m/%Y"}}"#;
    let svg = svg_of(spec);
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "05/03/2024"), "{t:?}");
    assert!(t.iter().any(|s| s == "20/07/2024"), "{t:?}");
    // The axis keeps its calendar form (months), as in Vega-Lite.
    assert!(t.iter().any(|s| s == "April" || s == "Apr"), "{t:?}");
    assert!(
        tooltips(&svg).iter().any(|t| t.contains("05/03/2024")),
        "{:?}",
        tooltips(&svg)
    );
}

#[test]
fn normalized_number_format_writes_a_normalized_stack() {
    let spec = r#"{"data":{"values":[{"k":"a","s":"x","v":1},{"k":"a","s":"y","v":3}]},
      "mark":"bar",
      "encoding":{"x":{"field":"k","type":"nominal"},
        "y":{"field":"v","type":"quantitative","stack":"normalize"},
        "color":{"field":"s","type":"nominal"}},
      "config":{"normalizedNumberFormat":".0%","numberFormat":".3f"}}"#;
    let t = texts(&svg_of(spec));
    assert!(t.iter().any(|s| s == "50%"), "{t:?}");
    assert!(!t.iter().any(|s| s == "0.500"), "{t:?}");
}

#[test]
fn format_config_errors_name_their_path() {
    let err = |config: &str| match Chart::new(&bars(config, "", ""), None) {
        Ok(_) => panic!("an error expected for {config}"),
        Err(e) => e.to_string(),
    };
    let e = err(r#"{"numberFormat":"1.0"}"#);
    assert!(
        e.contains("config.numberFormat") && e.contains("d3-format"),
        "{e}"
    );
    let e = err(r#"{"numberFormatType":"pow","numberFormat":"1.0"}"#);
    assert!(
        e.contains("config.numberFormatType") && e.contains("\"zh\""),
        "{e}"
    );
    let e = err(r#"{"timeFormat":3}"#);
    assert!(e.contains("config.timeFormat"), "{e}");
    let e = err(r#"{"tooltipFormat":{"numberFormat":"x"}}"#);
    assert!(e.contains("config.tooltipFormat.numberFormat"), "{e}");
}
