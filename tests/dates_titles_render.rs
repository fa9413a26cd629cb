#![cfg(not(target_arch = "wasm32"))]
//! Dates, default titles and facet headers as the SVG shows them: the texts are read
//! back from the SVG that `stdviz::svg::to_svg` writes. All data here is SYNTHETIC.

mod common;

use common::*;
use stdviz::svg::to_svg;
use stdviz::Chart;

fn texts_at(spec: &str, width: f32) -> Vec<String> {
    let chart = Chart::new(spec, None).expect("valid chart");
    svg_texts(&to_svg(&scene_at(&chart, width)).expect("SVG"))
}

fn position(texts: &[String], t: &str) -> usize {
    texts
        .iter()
        .position(|x| x == t)
        .unwrap_or_else(|| panic!("{t:?} missing from {texts:?}"))
}

/// Synthetic dates on the 10th of three months in two years.
const DATES: &str = r#"[{"d": "2012-03-10", "v": 1}, {"d": "2012-01-10", "v": 2},
    {"d": "2012-02-10", "v": 3}, {"d": "2013-01-10", "v": 4}]"#;

fn month_chart(unit: &str, extra: &str) -> String {
    format!(
        r#"{{"data": {{"values": {DATES}}}, "mark": "bar", {extra}
        "encoding": {{"x": {{"field": "d", "timeUnit": "{unit}", "type": "ordinal"}},
                     "y": {{"field": "v", "type": "quantitative", "aggregate": "sum"}}}}}}"#
    )
}

#[test]
fn months_are_named_in_time_order_in_english_and_chinese() {
    let en = texts_at(&month_chart("month", ""), 640.0);
    let at: Vec<usize> = ["Jan", "Feb", "Mar"]
        .iter()
        .map(|m| position(&en, m))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{en:?}");
    assert!(!en.iter().any(|t| t == "01"), "{en:?}");
    // A spec with Chinese text writes its dates the Chinese way …
    let zh = texts_at(&month_chart("month", r#""title": "每月发布","#), 640.0);
    let at: Vec<usize> = ["1月", "2月", "3月"]
        .iter()
        .map(|m| position(&zh, m))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{zh:?}");
    // … unless it names its locale.
    let named = month_chart(
        "yearmonth",
        r#""title": "每月发布", "usermeta": {"stdviz": {"locale": "en"}},"#,
    );
    let texts = texts_at(&named, 640.0);
    let at: Vec<usize> = ["Jan 2012", "Feb 2012", "Mar 2012", "Jan 2013"]
        .iter()
        .map(|m| position(&texts, m))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{texts:?}");
    let zh = texts_at(&month_chart("yearmonth", r#""title": "每月","#), 640.0);
    position(&zh, "2012年1月");
}

#[test]
fn weekdays_follow_an_explicit_sort_by_name() {
    let spec = format!(
        r#"{{"data": {{"values": {DATES}}}, "mark": "bar",
        "encoding": {{"y": {{"field": "d", "timeUnit": "day", "type": "ordinal",
                            "sort": ["sat", "Thursday", "tue"]}},
                     "x": {{"aggregate": "count", "type": "quantitative"}}}}}}"#
    );
    // 2012-03-10 was a Saturday, 2012-01-10 a Tuesday, 2012-02-10 a Friday, 2013-01-10 a
    // Thursday: listed days first in the list's order, then the others.
    let texts = texts_at(&spec, 640.0);
    let at: Vec<usize> = ["Sat", "Thu", "Tue", "Fri"]
        .iter()
        .map(|d| position(&texts, d))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{texts:?}");
    position(&texts, "Count of Records");
    position(&texts, "d (day)");
}

#[test]
fn temporal_axes_use_the_time_units_form_or_the_multi_scale_form() {
    let with_unit = format!(
        r#"{{"data": {{"values": {DATES}}}, "mark": "point",
        "encoding": {{"x": {{"field": "d", "timeUnit": "yearmonthdate", "type": "temporal"}},
                     "y": {{"field": "v", "type": "quantitative"}}}}}}"#
    );
    let texts = texts_at(&with_unit, 640.0);
    assert!(
        texts.iter().any(|t| t.ends_with(", 2012") && t.len() == 12),
        "{texts:?}"
    );
    position(&texts, "d (year-month-date)");
    let plain = r#"{"data": {"values": [{"d": "2012-01-01", "v": 1}, {"d": "2012-06-30", "v": 2}]},
        "mark": "point",
        "encoding": {"x": {"field": "d", "type": "temporal"},
                     "y": {"field": "v", "type": "quantitative"}}}"#;
    let texts = texts_at(plain, 640.0);
    position(&texts, "2012");
    assert!(
        ["February", "March", "April", "May", "June"]
            .iter()
            .any(|m| texts.iter().any(|t| t == m)),
        "{texts:?}"
    );
}

#[test]
fn default_titles_as_vega_lite_writes_them() {
    let ranged = r#"{"data": {"values": [{"task": "A", "start": 1, "end": 3}]},
        "mark": "bar",
        "encoding": {"y": {"field": "task", "type": "ordinal"},
                     "x": {"field": "start", "type": "quantitative"},
                     "x2": {"field": "end"}}}"#;
    position(&texts_at(ranged, 640.0), "start, end");
    // A field's own title wins over the pair.
    let titled = ranged.replace(
        r#""x": {"field": "start", "type": "quantitative"}"#,
        r#""x": {"field": "start", "type": "quantitative", "title": "Days"}"#,
    );
    let texts = texts_at(&titled, 640.0);
    position(&texts, "Days");
    assert!(!texts.iter().any(|t| t.contains("end")), "{texts:?}");
    let binned = format!(
        r#"{{"data": {{"values": {DATES}}}, "mark": "bar",
        "encoding": {{"x": {{"field": "d", "timeUnit": "binnedyearmonth", "type": "temporal"}},
                     "y": {{"field": "v", "type": "quantitative", "aggregate": "mean"}}}}}}"#
    );
    let texts = texts_at(&binned, 640.0);
    position(&texts, "d");
    position(&texts, "Mean of v");
}

/// Synthetic cars: origin and cylinders with a measure.
const CARS: &str = r#"[{"o": "Europe", "c": 4, "h": 70, "a": 15},
    {"o": "Japan", "c": 4, "h": 80, "a": 16}, {"o": "USA", "c": 8, "h": 150, "a": 11},
    {"o": "USA", "c": 4, "h": 90, "a": 17}]"#;

fn nested(outer: &str, inner: &str) -> String {
    format!(
        r#"{{"data": {{"values": {CARS}}},
        "facet": {{"{outer}": {{"field": "o", "title": "Origin"}}}},
        "spec": {{"facet": {{"{inner}": {{"field": "c", "title": "Cylinders"}}}},
          "spec": {{"mark": "point", "encoding": {{
            "x": {{"field": "h", "type": "quantitative"}},
            "y": {{"field": "a", "type": "quantitative"}}}}}}}}}}"#
    )
}

#[test]
fn nested_facets_head_each_value_and_title_the_fields() {
    for width in [280.0, 320.0, 375.0, 640.0] {
        // Columns by origin, rows by cylinders: the titles and each value stand alone.
        let texts = texts_at(&nested("column", "row"), width);
        position(&texts, "Cylinders");
        position(&texts, "Origin");
        for v in ["Europe", "Japan", "USA", "4", "8"] {
            position(&texts, v);
        }
        assert!(
            !texts.iter().any(|t| t.contains(" · ") || t.contains('…')),
            "at {width}: {texts:?}"
        );
        // Two fields in one direction: one title naming both, as Vega-Lite writes it.
        let texts = texts_at(&nested("row", "row"), width);
        position(&texts, "Origin / Cylinders");
        for v in ["Europe", "Japan", "USA", "4", "8"] {
            position(&texts, v);
        }
    }
}

#[test]
fn a_null_facet_title_leaves_the_header_title_out() {
    let spec = format!(
        r#"{{"data": {{"values": {CARS}}}, "mark": "point",
        "encoding": {{"column": {{"field": "o", "title": null}},
                     "x": {{"field": "h", "type": "quantitative"}}}}}}"#
    );
    let texts = texts_at(&spec, 640.0);
    assert!(!texts.iter().any(|t| t == "o"), "{texts:?}");
    position(&texts, "Europe");
    let titled = spec.replace(r#""title": null"#, r#""title": "Origin""#);
    position(&texts_at(&titled, 640.0), "Origin");
}

#[test]
fn a_narrow_chart_widens_for_its_title_where_the_viewport_allows() {
    let spec = r#"{"title": "A Simple Bar Chart With A Long Title",
        "width": {"step": 20},
        "data": {"values": [{"a": "A", "b": 1}, {"a": "B", "b": 2}]},
        "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"},
                     "y": {"field": "b", "type": "quantitative"}}}"#;
    let chart = Chart::new(spec, None).expect("valid chart");
    let wide = scene_at(&chart, 640.0);
    position(
        &svg_texts(&to_svg(&wide).expect("SVG")),
        "A Simple Bar Chart With A Long Title",
    );
    // The bars keep their step: the picture is wider than the plot.
    assert!(
        wide.plot.width < wide.width - 60.0,
        "{} {}",
        wide.plot.width,
        wide.width
    );
    // On a phone the title wraps instead, every word kept.
    let narrow = scene_at(&chart, 200.0);
    let texts = svg_texts(&to_svg(&narrow).expect("SVG")).join(" ");
    assert!(texts.contains("Long Title"), "{texts}");
    assert!(narrow.width <= 200.0, "{}", narrow.width);
}

#[test]
fn utc_and_time_scale_types_draw_the_temporal_scale_stdviz_draws_anyway() {
    // SYNTHETIC hourly prices. stdviz's dates are UTC, so `"type": "utc"` (and `"time"`)
    // name the scale a temporal field gets without them: the same SVG.
    let spec = |scale: &str| {
        format!(
            r#"{{"data":{{"values":[{{"d":"2012-01-01T23:00:00Z","p":150}},
            {{"d":"2012-01-02T00:00:00Z","p":100}},{{"d":"2012-01-02T03:00:00Z","p":200}}]}},
            "mark":"line","encoding":{{"x":{{"field":"d","type":"temporal"{scale}}},
            "y":{{"field":"p","type":"quantitative"}}}}}}"#
        )
    };
    let svg = |s: &str| to_svg(&scene_at(&Chart::new(s, None).expect("valid"), 640.0)).unwrap();
    let plain = svg(&spec(""));
    assert_eq!(svg(&spec(r#","scale":{"type":"utc"}"#)), plain);
    assert_eq!(svg(&spec(r#","scale":{"type":"time"}"#)), plain);
}

/// SYNTHETIC: three days in 2012, on a line with a day unit and in a tooltip.
fn days_spec(extra: &str, unit: &str) -> String {
    format!(
        r#"{{{extra}"data": {{"values": [{{"d": "2012-01-15", "v": 3}}, {{"d": "2012-02-10", "v": 5}},
            {{"d": "2012-03-03", "v": 2}}]}},
          "mark": "line",
          "encoding": {{"x": {{"field": "d", "timeUnit": "{unit}", "type": "temporal"}},
                       "y": {{"field": "v", "type": "quantitative"}},
                       "tooltip": [{{"field": "d", "timeUnit": "{unit}", "type": "temporal"}},
                                   {{"field": "v", "type": "quantitative"}}]}}}}"#
    )
}

#[test]
fn time_unit_values_read_in_their_unit_form_in_tooltips_labels_and_the_summary() {
    let chart = Chart::new(&days_spec("", "yearmonthdate"), None).unwrap();
    let scene = scene_at(&chart, 640.0);
    let labels: Vec<&str> = scene.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["Jan 15, 2012", "Feb 10, 2012", "Mar 03, 2012"]);
    assert_eq!(scene.items[0].fields[0].1, "Jan 15, 2012");
    let summary = chart.summary(&scene);
    assert!(summary.contains("Feb 10, 2012 5"), "{summary}");
    // A month unit is a month, not the first day of 2012.
    let chart = Chart::new(&days_spec("", "month"), None).unwrap();
    let scene = scene_at(&chart, 640.0);
    assert_eq!(scene.items[1].fields[0].1, "Feb");
    // In a Chinese chart, the Chinese forms.
    let chart = Chart::new(&days_spec(r#""title": "合成数据","#, "yearmonth"), None).unwrap();
    let scene = scene_at(&chart, 640.0);
    assert_eq!(scene.items[0].fields[0].1, "2012年1月");
}

#[test]
fn a_spec_in_english_is_described_in_english_and_chinese_data_keeps_chinese() {
    // No language given, nothing Chinese: English.
    let chart = Chart::new(&days_spec("", "yearmonthdate"), None).unwrap();
    let summary = chart.summary(&scene_at(&chart, 640.0));
    assert!(summary.starts_with("Line chart."), "{summary}");
    // The same spec text over Chinese rows fetched from a URL: Chinese.
    let spec = r#"{"data": {"url": "levels.json"}, "mark": "bar",
        "encoding": {"x": {"field": "level", "type": "nominal"},
                     "y": {"field": "count", "type": "quantitative"}}}"#;
    let rows = r#"[{"level": "国家标准", "count": 80}, {"level": "行业标准", "count": 37}]"#;
    let chart = Chart::new(spec, Some(rows)).unwrap();
    let summary = chart.summary(&scene_at(&chart, 640.0));
    assert!(summary.starts_with("柱状图"), "{summary}");
    // A language given is kept.
    let chart = Chart::new(
        &days_spec(
            r#""usermeta": {"stdviz": {"locale": "zh"}},"#,
            "yearmonthdate",
        ),
        None,
    )
    .unwrap();
    let summary = chart.summary(&scene_at(&chart, 640.0));
    assert!(summary.starts_with("折线图"), "{summary}");
}

/// The `font-size` the SVG gives the text `wanted`, in CSS px.
fn svg_font_size(svg: &str, wanted: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let node = find_text(&doc, wanted).unwrap_or_else(|| panic!("no {wanted:?}"));
    node.attribute("font-size")
        .and_then(|v| v.trim_end_matches("px").parse().ok())
        .unwrap_or(f64::NAN)
}

#[test]
fn the_charts_title_sets_its_own_font_sizes() {
    let spec = |title: &str| {
        month_chart(
            "month",
            &format!(r#""title": {title}, "config": {{"title": {{"fontSize": 14}}}},"#),
        )
    };
    let svg_of = |title: &str| {
        let chart = Chart::new(&spec(title), None).expect("valid chart");
        to_svg(&scene_at(&chart, 640.0)).expect("SVG")
    };
    let plain = svg_of(r#"{"text": "Sales", "subtitle": "by month"}"#);
    let sized = svg_of(
        r#"{"text": "Sales", "subtitle": "by month", "fontSize": 28, "subtitleFontSize": 16}"#,
    );
    // The title's own size wins over config.title's, in proportion on every backend.
    let ratio = svg_font_size(&sized, "Sales") / svg_font_size(&plain, "Sales");
    assert!((ratio - 2.0).abs() < 0.05, "{ratio}");
    assert!(svg_font_size(&sized, "by month") > svg_font_size(&plain, "by month"));
    // A bad size is an error at its path; a view's title inside a composition is a
    // header, so its fontSize stays unsupported.
    let e = Chart::new(&spec(r#"{"text": "Sales", "fontSize": 0}"#), None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("title.fontSize") && e.contains("from 6 to 60"),
        "{e}"
    );
    let nested = r#"{"vconcat": [{"title": {"text": "a", "fontSize": 20}, "data": {"values": [{"v": 1}]},
        "mark": "point", "encoding": {"x": {"field": "v", "type": "quantitative"}}}]}"#;
    let e = Chart::new(nested, None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("vconcat[0].title.fontSize"), "{e}");
}

/// SYNTHETIC: years written as texts in a temporal field are dates (1 January, as
/// JavaScript reads "2019"; they drew nothing), and a temporal domain may be two date texts
/// or two date-time objects (it was ignored).
#[test]
fn year_texts_are_dates_and_temporal_domains_take_texts_and_date_time_objects() {
    let spec = |scale: &str| {
        format!(
            r#"{{"data": {{"values": [{{"y": "2019", "v": 3}}, {{"y": "2021", "v": 5}}, {{"y": "2023", "v": 4}}]}},
              "mark": "line",
              "encoding": {{"x": {{"field": "y", "type": "temporal"{scale}}},
                           "y": {{"field": "v", "type": "quantitative"}}}}}}"#
        )
    };
    let chart = Chart::new(&spec(""), None).expect("valid chart");
    assert!(chart.warnings.is_empty(), "{:?}", chart.warnings);
    assert_eq!(scene_at(&chart, 320.0).mark_count(), 3);
    for scale in [
        r#", "scale": {"domain": ["2015", "2025"]}"#,
        r#", "scale": {"domain": [{"year": 2015}, {"year": 2025}]}"#,
    ] {
        let texts = texts_at(&spec(scale), 375.0);
        for year in ["2015", "2025"] {
            assert!(texts.iter().any(|t| t == year), "{scale}: {texts:?}");
        }
    }
    // `hours: 24` is the next midnight, as JavaScript's Date reads it; 25 is an error.
    Chart::new(
        &spec(
            r#", "scale": {"domain": [{"year": 2019, "hours": 0}, {"year": 2023, "hours": 24}]}"#,
        ),
        None,
    )
    .expect("hours 24");
    let err = Chart::new(
        &spec(r#", "scale": {"domain": [{"year": 2019}, {"year": 2023, "hours": 25}]}"#),
        None,
    )
    .expect_err("hours 25");
    assert!(err.to_string().contains("scale.domain[1].hours"), "{err}");
    let bad = spec(r#", "scale": {"domain": [{"year": 2015}, {"year": "x"}]}"#);
    let err = Chart::new(&bad, None).expect_err("refused");
    assert!(err.to_string().contains("scale.domain[1]"), "{err}");
}
