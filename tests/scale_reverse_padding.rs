#![cfg(not(target_arch = "wasm32"))]
//! `scale.reverse` on x/y and band paddings (`padding`, `paddingInner`, `paddingOuter`,
//! `config.scale.bandPaddingInner`/`bandPaddingOuter`), drawn to SVG and read back. The
//! data is SYNTHETIC.

mod common;

use stdviz::Chart;

fn svg_of(spec: &str) -> String {
    common::svg_at(spec, 640.0)
}

/// Each data bar as (its category, x, width), in drawing order.
fn bars(svg: &str) -> Vec<(String, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let num = |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-label").is_some())
        .filter_map(|g| {
            let rect = g.children().find(|c| c.has_tag_name("rect"))?;
            Some((
                g.attribute("data-label").unwrap().to_string(),
                num(rect, "x"),
                num(rect, "width"),
            ))
        })
        .collect()
}

/// Three SYNTHETIC columns a, b, c with `scale` on x and `config` at the top.
fn columns(scale: &str, config: &str) -> String {
    format!(
        r#"{{"data":{{"values":[{{"k":"a","v":1}},{{"k":"b","v":2}},{{"k":"c","v":3}}]}},
        "mark":"bar"{config},
        "encoding":{{"x":{{"field":"k","type":"nominal","scale":{{{scale}}}}},
                     "y":{{"field":"v","type":"quantitative"}}}}}}"#
    )
}

fn left_to_right(svg: &str) -> Vec<String> {
    let mut bs = bars(svg);
    bs.sort_by(|a, b| a.1.total_cmp(&b.1));
    bs.into_iter().map(|b| b.0).collect()
}

#[test]
fn reverse_runs_a_band_axis_from_its_last_category() {
    assert_eq!(left_to_right(&svg_of(&columns("", ""))), ["a", "b", "c"]);
    assert_eq!(
        left_to_right(&svg_of(&columns(r#""reverse":true"#, ""))),
        ["c", "b", "a"]
    );
}

#[test]
fn reverse_runs_a_continuous_axis_from_its_largest_value() {
    let spec = |scale: &str| {
        format!(
            r#"{{"data":{{"values":[{{"k":"a","v":1}},{{"k":"b","v":9}}]}},"mark":"point",
            "encoding":{{"x":{{"field":"v","type":"quantitative","scale":{{{scale}}}}},
                         "y":{{"field":"k","type":"nominal"}}}}}}"#
        )
    };
    let cx = |svg: &str| -> Vec<f64> {
        roxmltree::Document::parse(svg)
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .map(|n| n.attribute("cx").unwrap().parse().unwrap())
            .collect()
    };
    let plain = cx(&svg_of(&spec("")));
    let reversed = cx(&svg_of(&spec(r#""reverse":true"#)));
    assert!(plain[0] < plain[1], "{plain:?}");
    assert!(reversed[0] > reversed[1], "{reversed:?}");
    // `sort: "descending"` and `reverse` cancel out.
    let both = cx(&svg_of(&spec(r#""reverse":true"#).replace(
        r#""type":"quantitative","#,
        r#""type":"quantitative","sort":"descending","#,
    )));
    assert_eq!(both, plain);
}

/// The gaps between neighbouring bars and the bars' width.
fn gaps_and_width(svg: &str) -> (Vec<f64>, f64) {
    let mut bs = bars(svg);
    bs.sort_by(|a, b| a.1.total_cmp(&b.1));
    let gaps = bs.windows(2).map(|p| p[1].1 - (p[0].1 + p[0].2)).collect();
    (gaps, bs[0].2)
}

#[test]
fn band_paddings_from_the_scale_and_from_config() {
    let (gaps, _) = gaps_and_width(&svg_of(&columns(r#""paddingInner":0"#, "")));
    assert!(gaps.iter().all(|g| g.abs() <= 1.0), "touching: {gaps:?}");
    // Half the step is padding: a gap as wide as a bar.
    for spec in [
        columns(r#""padding":0.5"#, ""),
        columns("", r#","config":{"scale":{"bandPaddingInner":0.5}}"#),
    ] {
        let (gaps, width) = gaps_and_width(&svg_of(&spec));
        assert!(
            gaps.iter().all(|g| (g - width).abs() <= 1.0),
            "{gaps:?} against {width}"
        );
    }
    // The spec's own padding wins over config's.
    let (gaps, _) = gaps_and_width(&svg_of(&columns(
        r#""paddingInner":0"#,
        r#","config":{"scale":{"bandPaddingInner":0.5}}"#,
    )));
    assert!(gaps.iter().all(|g| g.abs() <= 1.0), "{gaps:?}");
    let Err(err) = Chart::new(&columns(r#""paddingInner":2"#, ""), None) else {
        panic!("a padding beyond the step");
    };
    assert!(
        err.to_string().contains("encoding.x.scale.paddingInner"),
        "{err}"
    );
}

#[test]
fn clamp_draws_values_beyond_the_domain_at_its_ends() {
    let spec = |clamp: &str| {
        format!(
            r#"{{"data":{{"values":[{{"k":"a","v":5}},{{"k":"b","v":50}}]}},"mark":"point",
            "encoding":{{"x":{{"field":"v","type":"quantitative",
                             "scale":{{"domain":[0,10]{clamp}}}}},
                         "y":{{"field":"k","type":"nominal"}}}}}}"#
        )
    };
    let cx = |svg: &str| -> Vec<f64> {
        roxmltree::Document::parse(svg)
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .map(|n| n.attribute("cx").unwrap().parse().unwrap())
            .collect()
    };
    let tick = |svg: &str, label: &str| -> f64 {
        roxmltree::Document::parse(svg)
            .unwrap()
            .descendants()
            .find(|n| n.has_tag_name("text") && n.text().unwrap_or("").trim() == label)
            .and_then(|n| n.attribute("x"))
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("no tick {label}"))
    };
    let clamped = svg_of(&spec(r#","clamp":true"#));
    let points = cx(&clamped);
    assert_eq!(points.len(), 2, "{clamped}");
    assert!(
        (points[1] - tick(&clamped, "10")).abs() <= 1.0,
        "{points:?}"
    );
    let five = (tick(&clamped, "0") + tick(&clamped, "10")) / 2.0;
    assert!((points[0] - five).abs() <= 1.0, "{points:?}");
    // Without clamp the point at 50 lies beyond the domain's end (clipped or further out).
    let free = cx(&svg_of(&spec("")));
    assert!(
        free.len() < 2 || free[1] > tick(&clamped, "10") + 1.0,
        "{free:?}"
    );
}
