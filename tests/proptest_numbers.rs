//! Numbers stay true: for random tables (categories in Chinese and Latin script, values
//! negative and positive, some missing), the scene's mark values equal aggregates computed
//! here independently (sum, count, mean by category), a stacked bar's segments are
//! contiguous and its top sits at the category's total on the value scale, and a view
//! filtered by another view's point selection sums exactly the picked rows.
//!
//! The data is synthetic (random). 64 cases per property keep `cargo test` fast.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::BTreeMap;
use stdviz::layout::Viewport;
use stdviz::scene::{Role, Scene, Shapes};
use stdviz::Chart;

/// A category: a fixed name (some are vocabulary terms) or 1–3 random CJK characters.
fn category() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "国家标准",
            "行业标准",
            "团体标准",
            "a",
            "B c",
            "标准·化"
        ])
        .prop_map(str::to_string),
        prop::collection::vec(prop::char::range('\u{4e00}', '\u{4e30}'), 1..=3)
            .prop_map(|cs| cs.into_iter().collect()),
    ]
}

/// A value with two decimals, negative or positive, or missing (one in six).
fn value(min: i64) -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        1 => Just(None),
        5 => (min..100_000i64).prop_map(|v| Some(v as f64 / 100.0)),
    ]
}

fn rows(min: i64) -> impl Strategy<Value = Vec<(String, String, Option<f64>)>> {
    prop::collection::vec(
        (
            category(),
            prop::sample::select(vec!["甲", "乙", "丙"]).prop_map(str::to_string),
            value(min),
        ),
        1..40,
    )
}

/// Inline JSON records of the rows: `cat`, `series`, `v` (null when missing).
fn values_json(rows: &[(String, String, Option<f64>)]) -> String {
    let records: Vec<serde_json::Value> = rows
        .iter()
        .map(|(c, s, v)| serde_json::json!({"cat": c, "series": s, "v": v}))
        .collect();
    serde_json::Value::Array(records).to_string()
}

fn scene_of(spec: &str) -> Scene {
    let chart = Chart::new(spec, None).unwrap_or_else(|e| panic!("{e}\n{spec}"));
    chart
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap_or_else(|e| panic!("{e}\n{spec}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// sum, count and mean by category, computed here: sum and mean over present values,
/// count over records (Vega-Lite's `count`); a category whose values are all missing
/// has no mean.
fn expected(rows: &[(String, String, Option<f64>)], op: &str) -> BTreeMap<String, f64> {
    let mut groups: BTreeMap<String, Vec<Option<f64>>> = BTreeMap::new();
    for (c, _, v) in rows {
        groups.entry(c.clone()).or_default().push(*v);
    }
    groups
        .into_iter()
        .filter_map(|(c, vs)| {
            let present: Vec<f64> = vs.iter().flatten().copied().collect();
            let x = match op {
                "sum" => Some(present.iter().sum()),
                "count" => Some(vs.len() as f64),
                _ => (!present.is_empty())
                    .then(|| present.iter().sum::<f64>() / present.len() as f64),
            }?;
            Some((c, x))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Each bar's value is the aggregate of its category's rows.
    #[test]
    fn bar_values_equal_independent_aggregates(
        rows in rows(-100_000),
        op in prop::sample::select(vec!["sum", "count", "mean"]),
    ) {
        let spec = format!(
            r#"{{"data":{{"values":{}}},"mark":"bar","encoding":{{"x":{{"field":"cat","type":"nominal"}},"y":{{"field":"v","type":"quantitative","aggregate":"{op}"}}}}}}"#,
            values_json(&rows)
        );
        let scene = scene_of(&spec);
        let want = expected(&rows, op);
        let got: BTreeMap<String, f64> = scene
            .items
            .iter()
            .filter(|i| !i.value.is_nan())
            .map(|i| (i.label.clone(), i.value))
            .collect();
        prop_assert_eq!(got.len(), scene.items.iter().filter(|i| !i.value.is_nan()).count(), "one bar per category");
        prop_assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
        for (c, w) in &want {
            prop_assert!(close(got[c], *w), "{} of {}: scene {} vs {}", op, c, got[c], w);
        }
    }

    /// Stacked bars (sum of `v` by category, stacked by `series`): the segments' values
    /// add up to the category's total, the segments touch, and the stack's top is the
    /// total on the value scale.
    #[test]
    fn stacked_totals_equal_the_sum_of_their_parts(rows in rows(0)) {
        let spec = format!(
            r#"{{"height":300,"data":{{"values":{}}},"mark":"bar","encoding":{{"x":{{"field":"cat","type":"nominal"}},"y":{{"field":"v","type":"quantitative","aggregate":"sum"}},"color":{{"field":"series","type":"nominal"}}}}}}"#,
            values_json(&rows)
        );
        let scene = scene_of(&spec);
        let want = expected(&rows, "sum");

        // Parts by category, from the scene's items.
        let mut parts: BTreeMap<String, f64> = BTreeMap::new();
        for i in &scene.items {
            *parts.entry(i.label.clone()).or_default() += i.value;
        }
        for (c, w) in &want {
            prop_assert!(close(parts.get(c).copied().unwrap_or(0.0), *w), "total of {}: {:?} vs {}", c, parts.get(c), w);
        }

        // Geometry: every data rect with its item, as (top, bottom) along the value axis.
        // On a phone-narrow chart the columns may be turned into horizontal bars; their
        // stacks grow rightwards, so x is read as a mirrored y.
        let turned = scene.kind == stdviz::scene::ChartKind::HorizontalBars;
        let mut rects: Vec<(String, f64, f32, f32)> = Vec::new(); // label, value, top, bottom
        for g in scene.groups.iter().filter(|g| g.role == Role::Data) {
            if let Shapes::Rects { x, y, width, height, .. } = &g.shapes {
                for (k, item) in g.items.iter().enumerate() {
                    let it = &scene.items[*item as usize];
                    let (top, bottom) = if turned {
                        (-(x[k] + width[k]), -x[k])
                    } else {
                        (y[k], y[k] + height[k])
                    };
                    rects.push((it.label.clone(), it.value, top, bottom));
                }
            }
        }
        // Pixels per unit, from the tallest segment (zero-based linear scale).
        let Some(&(_, v0, t0, b0)) = rects.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
            return Ok(());
        };
        if v0 <= 0.0 {
            return Ok(());
        }
        let k = f64::from(b0 - t0) / v0;
        let baseline = rects.iter().map(|r| r.3).fold(f32::MIN, f32::max);
        for (c, total) in &want {
            let mut segs: Vec<&(String, f64, f32, f32)> = rects.iter().filter(|r| &r.0 == c && r.1 > 0.0).collect();
            if segs.is_empty() {
                continue;
            }
            segs.sort_by(|a, b| b.3.total_cmp(&a.3));
            // Contiguous from the baseline up.
            prop_assert!((segs[0].3 - baseline).abs() < 0.01, "{} starts at {} not {}", c, segs[0].3, baseline);
            for w in segs.windows(2) {
                prop_assert!((w[0].2 - w[1].3).abs() < 0.01, "gap in the stack of {}: {:?}", c, segs);
            }
            let top = segs.last().map_or(baseline, |s| s.2);
            let height = f64::from(baseline - top);
            prop_assert!((height - total * k).abs() < 0.05, "stack of {}: {} px, total {} × {} px/unit = {}", c, height, total, k, total * k);
        }
    }
}

/// Sum of `v` by series over the rows whose category is in `picked` (every row when
/// nothing is picked: an empty point selection filters nothing, Vega-Lite's `empty`).
fn expected_by_series(
    rows: &[(String, String, Option<f64>)],
    picked: &[String],
) -> BTreeMap<String, f64> {
    let mut out: BTreeMap<String, f64> = BTreeMap::new();
    for (c, s, v) in rows {
        if picked.is_empty() || picked.contains(c) {
            // A series with only missing values still has a bar (of 0), as sum gives.
            *out.entry(s.clone()).or_default() += v.unwrap_or(0.0);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A point selection of categories in one view filters a second view
    /// (`filter: {param}`): its sums by series equal sums computed here over the picked
    /// rows alone.
    #[test]
    fn selection_filtered_sums_equal_independent_sums(
        rows in rows(-100_000),
        pick in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let cats: Vec<String> = rows.iter().map(|r| r.0.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let mut picked: Vec<String> = pick.iter().map(|i| i.get(&cats).clone()).collect();
        picked.sort();
        picked.dedup();
        let value: Vec<serde_json::Value> = picked.iter().map(|c| serde_json::json!({"cat": c})).collect();
        let spec = format!(
            r#"{{"data":{{"values":{}}},"vconcat":[
              {{"params":[{{"name":"pick","select":{{"type":"point","fields":["cat"]}},"value":{}}}],
                "mark":"bar","encoding":{{"x":{{"field":"cat","type":"nominal"}},"y":{{"field":"v","type":"quantitative","aggregate":"sum"}}}}}},
              {{"transform":[{{"filter":{{"param":"pick"}}}},{{"calculate":"'series ' + datum.series","as":"s"}}],
                "mark":"bar","encoding":{{"x":{{"field":"s","type":"nominal"}},"y":{{"field":"v","type":"quantitative","aggregate":"sum"}}}}}}]}}"#,
            values_json(&rows),
            serde_json::Value::Array(value)
        );
        let scene = scene_of(&spec);
        let want = expected_by_series(&rows, &picked);
        let got: BTreeMap<String, f64> = scene
            .items
            .iter()
            .filter_map(|i| Some((i.label.strip_prefix("series ")?.to_string(), i.value)))
            .collect();
        prop_assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "{}", spec);
        for (s, w) in &want {
            prop_assert!(close(got[s], *w), "{}: scene {} vs {} ({:?})", s, got[s], w, picked);
        }
    }
}
