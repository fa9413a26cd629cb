#![cfg(not(target_arch = "wasm32"))]
//! The chart title's `color`, `subtitleColor` and `frame` read back from the SVG: the
//! title's fill, and where an anchored title starts (the chart's edge, or the plot's for
//! `frame: "group"`). SYNTHETIC data throughout.

use stdviz::layout::Viewport;
use stdviz::svg::to_svg;
use stdviz::Chart;

/// SYNTHETIC bars with a long y axis so that the plot starts well inside the chart.
fn chart(title: &str) -> String {
    format!(
        r#"{{"title":{title},"width":360,
          "data":{{"values":[{{"k":"a","v":1200000}},{{"k":"b","v":3470000}}]}},
          "mark":"bar",
          "encoding":{{"x":{{"field":"k","type":"nominal"}},"y":{{"field":"v","type":"quantitative"}}}}}}"#
    )
}

/// The SVG at 480 px and the plot's left edge and width in the scene it was drawn from.
fn drawn(spec: &str) -> (String, f32, f32) {
    let chart = Chart::new(spec, None).expect("valid chart");
    let scene = chart
        .scene(Viewport {
            width: 480.0,
            height: None,
        })
        .expect("layout");
    (to_svg(&scene).expect("svg"), scene.plot.x, scene.plot.width)
}

/// The `<text>` whose content is `t`: its attributes x, text-anchor and fill.
fn text(svg: &str, t: &str) -> (f32, String, String) {
    let doc = roxmltree::Document::parse(svg).expect("svg parses");
    let n = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(t))
        .unwrap_or_else(|| panic!("no text {t:?}"));
    (
        n.attribute("x").and_then(|x| x.parse().ok()).expect("x"),
        n.attribute("text-anchor").unwrap_or("").to_string(),
        n.attribute("fill").unwrap_or("").to_string(),
    )
}

#[test]
fn title_color_and_subtitle_color_fill_the_chart_s_title() {
    let (svg, _, _) = drawn(&chart(
        r##"{"text":"Head","subtitle":"Sub","color":"#d55e00","subtitleColor":"#0072b2"}"##,
    ));
    assert_eq!(text(&svg, "Head").2, "#D55E00");
    assert_eq!(text(&svg, "Sub").2, "#0072B2");
    // The config's colour gives way to the title's own.
    let (svg, _, _) = drawn(&chart(r##"{"text":"Head","color":"#d55e00"}"##).replacen(
        "{",
        r##"{"config":{"title":{"color":"#009e73"}},"##,
        1,
    ));
    assert_eq!(text(&svg, "Head").2, "#D55E00");
}

#[test]
fn frame_group_starts_an_anchored_title_at_the_plot() {
    let (svg, plot_x, _) = drawn(&chart(
        r#"{"text":"Head","subtitle":"Sub","anchor":"start","frame":"group"}"#,
    ));
    assert!(plot_x > 30.0, "the y labels push the plot in: {plot_x}");
    for t in ["Head", "Sub"] {
        let (x, anchor, _) = text(&svg, t);
        assert_eq!(anchor, "start");
        assert!((x - plot_x).abs() <= 1.0, "{t} at {x}, plot at {plot_x}");
    }
    // "bounds" (the default) starts it at the chart's padding.
    let (svg, plot_x, _) = drawn(&chart(
        r#"{"text":"Head","anchor":"start","frame":"bounds"}"#,
    ));
    let (x, _, _) = text(&svg, "Head");
    assert!(x < plot_x - 20.0, "{x} vs {plot_x}");
    // Centred over the plot.
    let (svg, plot_x, plot_w) = drawn(&chart(r#"{"text":"Head","frame":"group"}"#));
    let (x, anchor, _) = text(&svg, "Head");
    assert_eq!(anchor, "middle");
    assert!((x - (plot_x + plot_w / 2.0)).abs() <= 1.0, "{x}");
}

#[test]
fn title_errors_name_their_path() {
    let err = |spec: &str| match Chart::new(spec, None) {
        Ok(_) => panic!("an error expected"),
        Err(e) => e.to_string(),
    };
    let e = err(&chart(r#"{"text":"Head","frame":"plot"}"#));
    assert!(e.contains("title.frame") && e.contains("group"), "{e}");
    let e = err(&chart(r#"{"text":"Head","color":12}"#));
    assert!(e.contains("title.color"), "{e}");
    // A view's title inside a composition is a header: its colour stays an error.
    let e = err(
        r#"{"data":{"values":[{"a":1}]},"hconcat":[{"title":{"text":"x","color":"red"},
          "mark":"point","encoding":{"x":{"field":"a","type":"quantitative"}}}]}"#,
    );
    assert!(e.contains("hconcat[0].title.color"), "{e}");
}
