#![cfg(not(target_arch = "wasm32"))]
//! Composite marks (`boxplot`, `errorbar`, `errorband`) drawn to SVG and read back: the
//! box's edges at the quartiles of known data, whiskers, median, outliers, error bar ends
//! at mean ± stderr, bands between pre-computed bounds. The data is SYNTHETIC (small
//! hand-written values whose statistics are worked out in the comments).

mod common;

use stdviz::spec::{AggregateField, AggregateOp, Transform};
use stdviz::transform::{apply_with, columnar, Engine};
use stdviz::Chart;

/// The chart's SVG at 640 px.
fn svg_of(spec: &str) -> String {
    common::svg_at(spec, 640.0)
}

fn num(n: roxmltree::Node<'_, '_>, attr: &str) -> f64 {
    n.attribute(attr)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// The y scale read from two axis labels: value → px.
fn y_scale(doc: &roxmltree::Document<'_>, a: f64, b: f64) -> impl Fn(f64) -> f64 {
    let at = |v: f64| -> f64 {
        let label = v.to_string();
        doc.descendants()
            .find(|n| n.has_tag_name("text") && n.text().unwrap_or("").trim() == label)
            .map(|n| num(n, "y"))
            .unwrap_or_else(|| panic!("no axis label {label}"))
    };
    let (ya, yb) = (at(a), at(b));
    move |v| ya + (v - a) * (yb - ya) / (b - a)
}

/// Every `<line>` as (stroke, x1, y1, x2, y2).
fn lines(doc: &roxmltree::Document<'_>) -> Vec<(String, [f64; 4])> {
    doc.descendants()
        .filter(|n| n.has_tag_name("line"))
        .map(|n| {
            (
                n.attribute("stroke").unwrap_or("").to_string(),
                [num(n, "x1"), num(n, "y1"), num(n, "x2"), num(n, "y2")],
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1.0
}

/// Group "a": 1…9 and 30. Sorted, n = 10; R-7 quartiles: q1 at h = 2.25 → 3.25, median
/// at 4.5 → 5.5, q3 at 6.75 → 7.75; IQR 4.5, fences −3.5 and 14.5, so 30 is an outlier
/// and the whiskers end at 1 and 9.
fn boxplot_spec(extent: &str) -> String {
    let values: Vec<String> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
        .iter()
        .map(|v| format!(r#"{{"g":"a","v":{v}}}"#))
        .collect();
    format!(
        r#"{{"data":{{"values":[{}]}},"height":400,
        "mark":{{"type":"boxplot"{extent}}},
        "encoding":{{"x":{{"field":"g","type":"nominal"}},
                     "y":{{"field":"v","type":"quantitative","scale":{{"domain":[0,40]}}}}}}}}"#,
        values.join(",")
    )
}

#[test]
fn boxplot_box_spans_q1_to_q3_with_median_whiskers_and_outlier() {
    let svg = svg_of(&boxplot_spec(""));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let y = y_scale(&doc, 0.0, 40.0);
    let boxes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#4C78A8"))
        .collect();
    assert_eq!(boxes.len(), 1, "{svg}");
    let (top, bottom) = (
        num(boxes[0], "y"),
        num(boxes[0], "y") + num(boxes[0], "height"),
    );
    assert!(
        close(bottom, y(3.25)),
        "box bottom {bottom}, q1 at {}",
        y(3.25)
    );
    assert!(close(top, y(7.75)), "box top {top}, q3 at {}", y(7.75));
    let ls = lines(&doc);
    let median: Vec<_> = ls.iter().filter(|(s, _)| s == "#FFFFFF").collect();
    assert_eq!(median.len(), 1, "{ls:?}");
    assert!(close(median[0].1[1], y(5.5)), "median at {:?}", median[0]);
    let spans: Vec<(f64, f64)> = ls
        .iter()
        .filter(|(s, p)| s == "#4C78A8" && close(p[0], p[2]))
        .map(|(_, p)| (p[1].max(p[3]), p[1].min(p[3])))
        .collect();
    let has = |lo: f64, hi: f64| {
        spans
            .iter()
            .any(|&(a, b)| close(a, y(lo)) && close(b, y(hi)))
    };
    assert!(has(1.0, 3.25), "lower whisker 1 → q1 in {spans:?}");
    assert!(has(7.75, 9.0), "upper whisker q3 → 9 in {spans:?}");
    let outliers: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .collect();
    assert_eq!(outliers.len(), 1);
    assert!(close(num(outliers[0], "cy"), y(30.0)));
    // The box's tooltip names every figure.
    for part in [
        "Q1 of v: 3.25",
        "Median of v: 5.5",
        "Q3 of v: 7.75",
        "Upper Whisker of v: 9",
    ] {
        assert!(svg.contains(part), "{part} missing");
    }
}

#[test]
fn boxplot_min_max_whiskers_reach_the_extremes_without_outliers() {
    let svg = svg_of(&boxplot_spec(
        r##","extent":"min-max","median":{"color":"#000000"}"##,
    ));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let y = y_scale(&doc, 0.0, 40.0);
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count(),
        0
    );
    let ls = lines(&doc);
    assert!(
        ls.iter()
            .any(|(s, p)| s == "#4C78A8" && close(p[1].min(p[3]), y(30.0))),
        "upper whisker to 30 in {ls:?}"
    );
    // The median sub-mark's own colour replaces the default white.
    assert!(
        ls.iter()
            .any(|(s, p)| s == "#000000" && close(p[1], y(5.5))),
        "{ls:?}"
    );
}

#[test]
fn horizontal_boxplot_puts_the_box_along_x() {
    let swapped = boxplot_spec("")
        .replace(r#""x":{"field":"g""#, r#""GROUP":{"field":"g""#)
        .replace(r#""y":{"field":"v""#, r#""x":{"field":"v""#)
        .replace(r#""GROUP":"#, r#""y":"#);
    let svg = svg_of(&swapped);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let boxes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#4C78A8"))
        .collect();
    assert_eq!(boxes.len(), 1, "{svg}");
    // 4.5 of a 40-unit axis 300 px long wide (≈ 34 px), the box size (14 px) tall.
    assert!(
        num(boxes[0], "width") > 2.0 * num(boxes[0], "height"),
        "{svg}"
    );
}

/// Group "a": 2, 4, 6, 8: mean 5, sample variance 20/3, stdev 2.582, stderr 1.291.
#[test]
fn errorbar_ends_at_mean_plus_minus_stderr_with_ticks() {
    let spec = r#"{"data":{"values":[{"g":"a","v":2},{"g":"a","v":4},{"g":"a","v":6},{"g":"a","v":8}]},
      "height":400,"mark":{"type":"errorbar","ticks":true},
      "encoding":{"x":{"field":"g","type":"nominal"},
                  "y":{"field":"v","type":"quantitative","scale":{"domain":[0,10]}}}}"#;
    let svg = svg_of(spec);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let y = y_scale(&doc, 0.0, 10.0);
    let stderr = (20.0f64 / 3.0).sqrt() / 2.0;
    let ls = lines(&doc);
    let rule = ls
        .iter()
        .find(|(s, p)| s == "#4C78A8" && close(p[0], p[2]))
        .unwrap_or_else(|| panic!("no vertical rule in {ls:?}"));
    let (lo, hi) = (rule.1[1].max(rule.1[3]), rule.1[1].min(rule.1[3]));
    assert!(
        close(lo, y(5.0 - stderr)) && close(hi, y(5.0 + stderr)),
        "{rule:?}"
    );
    let ticks = ls
        .iter()
        .filter(|(s, p)| {
            s == "#4C78A8" && close(p[1], p[3]) && (close(p[1], lo) || close(p[1], hi))
        })
        .count();
    assert_eq!(ticks, 2, "{ls:?}");
}

#[test]
fn errorband_fills_between_precomputed_bounds() {
    let spec = r#"{"data":{"values":[{"t":1,"lo":2,"hi":6},{"t":2,"lo":3,"hi":8},{"t":3,"lo":1,"hi":5}]},
      "height":400,"mark":{"type":"errorband","borders":true},
      "encoding":{"x":{"field":"t","type":"quantitative"},
                  "y":{"field":"lo","type":"quantitative","scale":{"domain":[0,10]}},
                  "y2":{"field":"hi"}}}"#;
    let svg = svg_of(spec);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let y = y_scale(&doc, 0.0, 10.0);
    let band: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon") && n.attribute("fill").is_some_and(|f| f != "none"))
        .collect();
    assert_eq!(band.len(), 1, "{svg}");
    let ys: Vec<f64> = band[0]
        .attribute("points")
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|p| p.split_once(',')?.1.parse().ok())
        .collect();
    let (top, bottom) = (
        ys.iter().copied().fold(f64::INFINITY, f64::min),
        ys.iter().copied().fold(0.0, f64::max),
    );
    // The band spans the highest upper bound (8) to the lowest lower bound (1), not the axis.
    assert!(
        close(top, y(8.0)) && close(bottom, y(1.0)),
        "band {top}..{bottom}"
    );
    assert!(
        band[0]
            .attribute("opacity")
            .is_some_and(|o| o.starts_with("0.3")),
        "{svg}"
    );
}

#[test]
fn composite_mark_errors_name_the_users_path() {
    let spec = r#"{"data":{"values":[{"g":"a","v":1}]},"mark":{"type":"boxplot","extent":"all"},
      "encoding":{"x":{"field":"g","type":"nominal"},"y":{"field":"v","type":"quantitative"}}}"#;
    let err = match Chart::new(spec, None) {
        Ok(_) => panic!("an extent of \"all\" was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("mark.extent"), "{err}");
    let spec = r#"{"data":{"values":[{"g":"a","v":1}]},"mark":"errorbar",
      "encoding":{"x":{"field":"g","type":"nominal"},"y":{"field":"v","type":"quantity"}}}"#;
    let err = match Chart::new(spec, None) {
        Ok(_) => panic!("a type \"quantity\" was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("encoding.y.type"), "{err}");
}

#[test]
fn new_aggregate_ops_agree_between_engines_and_with_worked_values() {
    let table = stdviz::table::json::records_to_table(
        &serde_json::json!([
            {"g": "a", "v": 2}, {"g": "a", "v": 4}, {"g": "a", "v": 6}, {"g": "a", "v": 8},
            {"g": "b", "v": 10}, {"g": "b", "v": null}
        ]),
        "values",
        "test",
    )
    .unwrap();
    let ops = [
        AggregateOp::Q1,
        AggregateOp::Q3,
        AggregateOp::Variance,
        AggregateOp::Stdev,
        AggregateOp::Stderr,
        AggregateOp::Ci0,
        AggregateOp::Ci1,
    ];
    let t = Transform::Aggregate {
        ops: ops
            .iter()
            .map(|&op| AggregateField {
                op,
                field: Some("v".into()),
                as_name: op.name().into(),
            })
            .collect(),
        groupby: vec!["g".into()],
    };
    let by_columns = apply_with(&table, std::slice::from_ref(&t), "t", Engine::Columnar).unwrap();
    let by_rows = apply_with(&table, std::slice::from_ref(&t), "t", Engine::Rows).unwrap();
    let stderr = (20.0f64 / 3.0).sqrt() / 2.0;
    // R-7 quartiles of 2, 4, 6, 8: h = 0.75 → 3.5, h = 2.25 → 6.5.
    let expected = [
        3.5,
        6.5,
        20.0 / 3.0,
        (20.0f64 / 3.0).sqrt(),
        stderr,
        5.0 - 1.959964 * stderr,
        5.0 + 1.959964 * stderr,
    ];
    for (op, want) in ops.iter().zip(expected) {
        for t in [&by_columns, &by_rows] {
            let got = t.value(op.name(), 0).as_number().unwrap_or(f64::NAN);
            assert!(
                (got - want).abs() < 1e-5,
                "{} = {got}, expected {want}",
                op.name()
            );
        }
        // One value: quartiles are it, dispersion is missing — in both engines.
        let one = by_columns.value(op.name(), 1).as_number();
        assert_eq!(
            one,
            by_rows.value(op.name(), 1).as_number(),
            "{}",
            op.name()
        );
    }
    assert_eq!(columnar::of_values(AggregateOp::Q3, &mut [10.0]), 10.0);
    assert!(columnar::of_values(AggregateOp::Stdev, &mut [10.0]).is_nan());
}

/// The chart's accessible summary (the SVG root's `aria-label`).
fn summary_of(spec: &str) -> String {
    let svg = svg_of(spec);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.root_element()
        .attribute("aria-label")
        .unwrap_or("")
        .to_string()
}

/// Two SYNTHETIC groups: "a" as in [`boxplot_spec`] (median 5.5, quartiles 3.25 and
/// 7.75, whiskers 1 and 9, outlier 30) and "b" 11…15 (R-7: q1 12, median 13, q3 14,
/// whiskers 11 and 15, no outlier); `vertical` puts the groups on x, else on y.
fn two_boxes_spec(vertical: bool, usermeta: &str) -> String {
    let mut values: Vec<String> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
        .iter()
        .map(|v| format!(r#"{{"g":"a","v":{v}}}"#))
        .collect();
    values.extend((11..=15).map(|v| format!(r#"{{"g":"b","v":{v}}}"#)));
    let (group, value) = if vertical { ("x", "y") } else { ("y", "x") };
    format!(
        r#"{{"data":{{"values":[{}]}},"mark":"boxplot"{usermeta},
        "encoding":{{"{group}":{{"field":"g","type":"nominal"}},
                     "{value}":{{"field":"v","type":"quantitative"}}}}}}"#,
        values.join(",")
    )
}

#[test]
fn boxplot_summary_reads_median_quartiles_and_whiskers_per_group_in_either_orientation() {
    for vertical in [true, false] {
        let en = summary_of(&two_boxes_spec(
            vertical,
            r#","usermeta":{"stdviz":{"locale":"en"}}"#,
        ));
        assert!(en.starts_with("Box plot."), "{en}");
        assert!(en.contains("2 groups."), "{en}");
        assert!(
            en.contains("a: median 5.5, quartiles 3.25 to 7.75, whiskers 1 to 9"),
            "{en}"
        );
        assert!(
            en.contains("b: median 13, quartiles 12 to 14, whiskers 11 to 15"),
            "{en}"
        );
        assert!(en.contains("1 outlier: a 30."), "{en}");
        let zh = summary_of(&two_boxes_spec(
            vertical,
            r#","usermeta":{"stdviz":{"locale":"zh"}}"#,
        ));
        assert!(zh.starts_with("箱线图。共 2 组。"), "{zh}");
        assert!(
            zh.contains("a:中位数 5.5,四分位数 3.25 至 7.75,须线 1 至 9"),
            "{zh}"
        );
        assert!(zh.contains("离群值 1 个:a 30。"), "{zh}");
        for text in [&en, &zh] {
            assert!(!text.contains("NaN"), "{text}");
            assert!(!text.contains("合计") && !text.contains("total"), "{text}");
        }
    }
}

/// SYNTHETIC pre-computed errors: centre 20 with error 5 (and error2 −8 when asked).
fn errorbar_error_spec(error2: bool) -> String {
    let (value2, channel2) = if error2 {
        (r#","e2":-8"#, r#","yError2":{"field":"e2"}"#)
    } else {
        ("", "")
    };
    format!(
        r#"{{"data":{{"values":[{{"g":"a","c":20,"e":5{value2}}}]}},"height":400,
        "mark":"errorbar",
        "encoding":{{"x":{{"field":"g","type":"nominal"}},
                     "y":{{"field":"c","type":"quantitative","scale":{{"domain":[0,40]}}}},
                     "yError":{{"field":"e"}}{channel2}}}}}"#
    )
}

#[test]
fn errorbar_reads_symmetric_and_asymmetric_pre_computed_errors() {
    for (error2, lo, hi) in [(false, 15.0, 25.0), (true, 12.0, 25.0)] {
        let svg = svg_of(&errorbar_error_spec(error2));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let y = y_scale(&doc, 0.0, 40.0);
        let rules: Vec<[f64; 4]> = lines(&doc)
            .into_iter()
            .filter(|(s, p)| s == "#4C78A8" && close(p[0], p[2]))
            .map(|(_, p)| p)
            .collect();
        assert_eq!(rules.len(), 1, "{svg}");
        let (bottom, top) = (rules[0][1].max(rules[0][3]), rules[0][1].min(rules[0][3]));
        assert!(
            close(bottom, y(lo)),
            "error2 {error2}: {bottom} vs {}",
            y(lo)
        );
        assert!(close(top, y(hi)), "error2 {error2}: {top} vs {}", y(hi));
    }
    // An error channel needs its field; yError2 alone is an error at its path.
    let lone = errorbar_error_spec(true).replace(r#""yError":{"field":"e"},"#, "");
    let Err(err) = Chart::new(&lone, None) else {
        panic!("yError2 without yError");
    };
    assert!(err.to_string().contains("encoding.yError2"), "{err}");
}
