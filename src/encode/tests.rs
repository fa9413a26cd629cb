use super::*;
use crate::spec::{parse, ViewKind};
use crate::table::json::parse_records;

fn encoded(data: &str, spec: &str) -> Encoded {
    let t = parse_records(data, None, "t").unwrap();
    let p = parse(spec).unwrap();
    let ViewKind::Unit { mark, encoding } = &p.spec.view.kind else {
        panic!("unit")
    };
    encode(&t, mark, encoding, "", crate::spec::Locale::En).unwrap()
}

/// Standards issued per year by kind, SAMR/SAC annual reports (shared/SOURCES.md §2).
const ISSUED: &str = r#"[
  {"year": 2020, "kind": "national", "n": 2252}, {"year": 2020, "kind": "industry", "n": 8105}, {"year": 2020, "kind": "local", "n": 8387},
  {"year": 2023, "kind": "national", "n": 2902}, {"year": 2023, "kind": "industry", "n": 4141}, {"year": 2023, "kind": "local", "n": 10751}
]"#;

#[test]
fn aggregate_sum_groups_by_the_other_channels() {
    let e = encoded(
        ISSUED,
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"year","type":"ordinal"},"y":{"field":"n","type":"quantitative","aggregate":"sum"}}}"#,
    );
    assert_eq!(e.rows(), 2);
    let (col, _) = e.field(Channel::Y).unwrap();
    assert_eq!(col, "sum_n");
    assert_eq!(
        e.table.value(col, 0).as_number(),
        Some(2252.0 + 8105.0 + 8387.0)
    );
    assert_eq!(
        e.table.value(col, 1).as_number(),
        Some(2902.0 + 4141.0 + 10751.0)
    );
    // An aggregated chart without a series is not stacked.
    assert!(e.stack.is_none());
}

#[test]
fn stacked_bars_start_where_the_previous_series_ended_and_totals_hold() {
    let e = encoded(
        ISSUED,
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"year","type":"ordinal"},"y":{"field":"n","type":"quantitative"},"color":{"field":"kind","type":"nominal","sort":["national","industry","local"]}}}"#,
    );
    let s = e.stack.clone().unwrap();
    assert_eq!(s.channel, Channel::Y);
    for year in [2020.0, 2023.0] {
        let rows: Vec<usize> = (0..e.rows())
            .filter(|&r| e.table.value("year", r).as_number() == Some(year))
            .collect();
        let top = rows
            .iter()
            .map(|&r| e.table.value(&s.end, r).as_number().unwrap())
            .fold(0.0, f64::max);
        let sum: f64 = rows
            .iter()
            .map(|&r| e.table.value("n", r).as_number().unwrap())
            .sum();
        assert_eq!(top, sum, "stack total for {year}");
        let national = rows
            .iter()
            .find(|&&r| e.table.value("kind", r).to_text() == "national")
            .unwrap();
        assert_eq!(
            e.table.value(&s.start, *national).as_number(),
            Some(0.0),
            "the first series in colour order starts at zero"
        );
    }
}

#[test]
fn normalized_stacks_end_at_one() {
    let e = encoded(
        ISSUED,
        r#"{"data":{"values":[]},"mark":"area","encoding":{"x":{"field":"year","type":"ordinal"},"y":{"field":"n","type":"quantitative","stack":"normalize"},"color":{"field":"kind","type":"nominal"}}}"#,
    );
    let s = e.stack.clone().unwrap();
    let max = (0..e.rows())
        .map(|r| e.table.value(&s.end, r).as_number().unwrap())
        .fold(0.0, f64::max);
    assert!((max - 1.0).abs() < 1e-12);
}

#[test]
fn stack_null_turns_stacking_off_and_lines_do_not_stack() {
    let e = encoded(
        ISSUED,
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"year","type":"ordinal"},"y":{"field":"n","type":"quantitative","stack":null},"color":{"field":"kind","type":"nominal"}}}"#,
    );
    assert!(e.stack.is_none());
    let e = encoded(
        ISSUED,
        r#"{"data":{"values":[]},"mark":"line","encoding":{"x":{"field":"year","type":"ordinal"},"y":{"field":"n","type":"quantitative"},"color":{"field":"kind","type":"nominal"}}}"#,
    );
    assert!(e.stack.is_none());
}

#[test]
fn arcs_stack_theta_in_colour_order() {
    let e = encoded(
        r#"[{"level":"行业标准","count":37},{"level":"国家标准","count":80}]"#,
        r#"{"data":{"values":[]},"mark":"arc","encoding":{"theta":{"field":"count","type":"quantitative"},"color":{"field":"level","type":"nominal","sort":["国家标准","行业标准"]}}}"#,
    );
    let s = e.stack.clone().unwrap();
    assert_eq!(s.channel, Channel::Theta);
    // 国家标准 comes first in the colour sort, so it starts at zero.
    assert_eq!(e.table.value(&s.start, 1).as_number(), Some(0.0));
    assert_eq!(e.table.value(&s.start, 0).as_number(), Some(80.0));
}

#[test]
fn binning_gives_start_and_end_columns() {
    let e = encoded(
        r#"[{"v":3},{"v":17},{"v":95}]"#,
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"v","bin":true},"y":{"aggregate":"count"}}}"#,
    );
    let (col, _) = e.field(Channel::X).unwrap();
    assert_eq!(col, "bin_v");
    assert!(e.get(Channel::X2).is_some());
    let starts: Vec<f64> = (0..e.rows())
        .map(|r| e.table.value(col, r).as_number().unwrap())
        .collect();
    assert_eq!(starts, vec![0.0, 10.0, 90.0]);
}

#[test]
fn time_units_and_temporal_years() {
    let e = encoded(
        r#"[{"d":"2023-04-19"},{"d":"2023-05-02"},{"d":"2024-03-27"}]"#,
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"d","type":"temporal","timeUnit":"year"},"y":{"aggregate":"count"}}}"#,
    );
    assert_eq!(e.rows(), 2);
    let e = encoded(
        r#"[{"year":2019,"n":1},{"year":2023,"n":2}]"#,
        r#"{"data":{"values":[]},"mark":"line","encoding":{"x":{"field":"year","type":"temporal"},"y":{"field":"n","type":"quantitative"}}}"#,
    );
    assert_eq!(
        e.value(Channel::X, 1),
        Value::Date(crate::table::date::to_ms(2023, 1, 1, 0, 0, 0))
    );
}

#[test]
fn text_on_a_quantitative_channel_names_the_field() {
    let t = parse_records(r#"[{"a":"x"}]"#, None, "t").unwrap();
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{"y":{"field":"a","type":"quantitative"}}}"#).unwrap();
    let ViewKind::Unit { mark, encoding } = &p.spec.view.kind else {
        panic!()
    };
    let err = encode(&t, mark, encoding, "", crate::spec::Locale::En)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("spec error at encoding.y.field: expected numbers"),
        "{err}"
    );
}

#[test]
fn discrete_time_units_are_labelled_by_the_unit() {
    let e = encoded(
        r#"[{"d":"2023-04-19","n":1},{"d":"2024-03-27","n":2}]"#,
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"d","type":"ordinal","timeUnit":"year"},"y":{"field":"n","type":"quantitative"}}}"#,
    );
    assert_eq!(e.value(Channel::X, 0).to_text(), "2023");
    assert_eq!(e.value(Channel::X, 1).to_text(), "2024");
}

/// SYNTHETIC rows: series b has no row at x = 2.
#[test]
fn encoding_impute_adds_the_missing_key_of_each_series() {
    let e = encoded(
        r#"[{"x":1,"s":"a","y":10},{"x":2,"s":"a","y":30},{"x":1,"s":"b","y":5},{"x":3,"s":"b","y":7}]"#,
        r#"{"data":{"values":[]},"mark":"line","encoding":{"x":{"field":"x","type":"quantitative"},
            "y":{"field":"y","type":"quantitative","impute":{"value":0}},"color":{"field":"s","type":"nominal"}}}"#,
    );
    assert_eq!(e.rows(), 6);
    let rows: Vec<(String, String, String)> = (0..e.rows())
        .map(|r| {
            (
                e.table.value("s", r).to_text(),
                e.table.value("x", r).to_text(),
                e.table.value("y", r).to_text(),
            )
        })
        .collect();
    assert!(
        rows.contains(&("b".into(), "2".into(), "0".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("a".into(), "3".into(), "0".into())),
        "{rows:?}"
    );
    let mean = encoded(
        r#"[{"x":1,"s":"a","y":10},{"x":2,"s":"a","y":30},{"x":1,"s":"b","y":5},{"x":3,"s":"b","y":7}]"#,
        r#"{"data":{"values":[]},"mark":"line","encoding":{"x":{"field":"x","type":"quantitative"},
            "y":{"field":"y","type":"quantitative","impute":{"method":"mean"}},"color":{"field":"s","type":"nominal"}}}"#,
    );
    let b_at_2 = (0..mean.rows())
        .find(|&r| {
            mean.table.value("s", r).to_text() == "b" && mean.table.value("x", r).to_text() == "2"
        })
        .expect("imputed row");
    assert_eq!(mean.table.value("y", b_at_2).as_number(), Some(6.0));
}
