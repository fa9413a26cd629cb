//! Tests of the exploration engine. Expected results come from an independent
//! computation: stdviz's own Vega-Lite transform pipeline (`crate::transform::apply`) run
//! on the transforms the query says it means, or a direct recount of the rows.

use super::*;
use crate::explore_wire::query_from_json;
use crate::spec::{AggregateOp, ConstValue};
use crate::table::{Column, ColumnData, Table, TextColumn, Value};
use crate::transform::{apply_with, Engine};

/// A fixed-seed linear congruential generator (Numerical Recipes constants).
struct Lcg(u32);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from(self.0) / 4_294_967_296.0
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next() * n as f64) as usize).min(n - 1)
    }
}

fn text(name: &str, values: &[Option<&str>]) -> Column {
    let mut t = TextColumn::default();
    for v in values {
        t.push(*v);
    }
    Column {
        name: name.into(),
        data: ColumnData::Text(t),
    }
}

fn numbers(name: &str, values: Vec<f64>) -> Column {
    Column {
        name: name.into(),
        data: ColumnData::Number(values),
    }
}

const LEVELS: [&str; 5] = ["国家标准", "行业标准", "地方标准", "团体标准", "企业标准"];
const STATUS: [&str; 3] = ["现行", "废止", "即将实施"];

/// A SYNTHETIC catalogue-like table: level (text, some missing), status (text), year
/// (numbers, some missing), n (decimals, some missing, some repeated), day (dates).
fn random_table(rows: usize, seed: u32) -> Table {
    let mut g = Lcg(seed);
    let mut level = Vec::new();
    let mut status = Vec::new();
    let mut year = Vec::new();
    let mut n = Vec::new();
    let mut day = Vec::new();
    for _ in 0..rows {
        level.push((g.next() > 0.05).then(|| LEVELS[g.below(LEVELS.len())]));
        status.push(Some(STATUS[g.below(STATUS.len())]));
        year.push(if g.next() < 0.03 {
            f64::NAN
        } else {
            2015.0 + g.below(9) as f64
        });
        n.push(if g.next() < 0.05 {
            f64::NAN
        } else {
            (g.below(400) as f64) / 4.0 - 20.0
        });
        day.push(if g.next() < 0.02 {
            f64::NAN
        } else {
            date::to_ms(
                2020,
                1 + g.below(12) as u32,
                1 + g.below(28) as u32,
                0,
                0,
                0,
            )
        });
    }
    Table::new(vec![
        text("level", &level),
        text("status", &status),
        numbers("year", year),
        numbers("n", n),
        Column {
            name: "day".into(),
            data: ColumnData::Date(day),
        },
    ])
    .unwrap()
}

/// The rows of `t` as values, for exact comparison.
fn rows_of(t: &Table) -> Vec<Vec<Value<'_>>> {
    (0..t.row_count())
        .map(|r| t.columns().map(|c| c.value(r)).collect())
        .collect()
}

/// Runs the query's own Vega-Lite transforms through stdviz's transform stage, row by row
/// (the reference the columnar engine is checked against) and on the columnar engine;
/// the two must agree.
fn through_transforms(t: &Table, q: &Query) -> Table {
    let transforms = q.to_transforms();
    let rows = apply_with(t, &transforms, "transform", Engine::Rows)
        .unwrap_or_else(|e| panic!("{e}\n{transforms:?}"));
    let columns = apply_with(t, &transforms, "transform", Engine::Columnar)
        .unwrap_or_else(|e| panic!("{e}\n{transforms:?}"));
    assert_eq!(rows_of(&rows), rows_of(&columns), "{transforms:?}");
    rows
}

fn text_const(s: &str) -> ConstValue {
    ConstValue::Text(s.to_string())
}

fn random_query(g: &mut Lcg) -> Query {
    let fields = ["level", "status", "year", "day"];
    let mut q = Query::default();
    let groups = g.below(4);
    let mut pool: Vec<&str> = fields.to_vec();
    for _ in 0..groups {
        let f = pool.remove(g.below(pool.len()));
        q.group_by.push(f.to_string());
    }
    let ops = [
        AggregateOp::Count,
        AggregateOp::Sum,
        AggregateOp::Mean,
        AggregateOp::Median,
        AggregateOp::Min,
        AggregateOp::Max,
        AggregateOp::Distinct,
    ];
    let op = ops[g.below(ops.len())];
    let field = ["n", "year", "level", "day"][g.below(4)];
    q.aggregate = Some(Aggregate {
        op,
        field: (op != AggregateOp::Count).then(|| field.to_string()),
        as_name: "value".into(),
    });
    for _ in 0..g.below(3) {
        let f = match g.below(5) {
            0 => Filter {
                field: "level".into(),
                one_of: Some(vec![
                    text_const(LEVELS[g.below(5)]),
                    text_const(LEVELS[g.below(5)]),
                ]),
                range: None,
                exclude: g.next() < 0.4,
            },
            1 => Filter {
                field: "year".into(),
                one_of: None,
                range: Some([
                    (g.next() < 0.8).then(|| 2015.0 + g.below(5) as f64),
                    (g.next() < 0.8).then(|| 2018.0 + g.below(6) as f64),
                ]),
                exclude: false,
            },
            2 => Filter {
                field: "year".into(),
                one_of: Some(vec![
                    ConstValue::Number(2016.0),
                    ConstValue::Number(2020.0),
                    text_const("2021"),
                ]),
                range: None,
                exclude: g.next() < 0.5,
            },
            3 => Filter {
                field: "n".into(),
                one_of: None,
                range: Some([Some(-10.0), Some(40.5)]),
                exclude: false,
            },
            _ => Filter {
                field: "day".into(),
                one_of: None,
                range: Some([
                    Some(date::to_ms(2020, 3, 1, 0, 0, 0)),
                    Some(date::to_ms(2020, 9, 15, 0, 0, 0)),
                ]),
                exclude: false,
            },
        };
        q.filters.push(f);
    }
    if !q.group_by.is_empty() && g.next() < 0.5 {
        q.top = Some(1 + g.below(4));
    }
    q
}

#[test]
fn random_queries_agree_with_the_transform_pipeline() {
    let t = random_table(3000, 20240110);
    let mut e = Explorer::new(t.clone());
    let mut g = Lcg(7);
    for i in 0..300 {
        let q = random_query(&mut g);
        let want = through_transforms(&t, &q);
        let got = e
            .query(&q)
            .unwrap_or_else(|err| panic!("query {i}: {err}\n{q:?}"));
        assert_eq!(
            got.table.field_names(),
            want.field_names(),
            "query {i}: {q:?}"
        );
        assert_eq!(rows_of(&got.table), rows_of(&want), "query {i}: {q:?}");
    }
}

#[test]
fn counts_match_a_direct_recount() {
    let t = random_table(5000, 99);
    let mut e = Explorer::new(t.clone());
    let q = Query {
        group_by: vec!["level".into(), "status".into()],
        aggregate: Some(Aggregate {
            op: AggregateOp::Count,
            field: None,
            as_name: "count".into(),
        }),
        filters: vec![Filter {
            field: "year".into(),
            one_of: None,
            range: Some([Some(2017.0), Some(2019.0)]),
            exclude: false,
        }],
        ..Query::default()
    };
    let got = e.query(&q).unwrap();
    let mut want: HashMap<(String, String), f64> = HashMap::new();
    let mut matched = 0;
    for r in 0..t.row_count() {
        let y = t.value("year", r).as_number();
        if !y.is_some_and(|y| (2017.0..=2019.0).contains(&y)) {
            continue;
        }
        matched += 1;
        let key = (
            t.value("level", r).to_text(),
            t.value("status", r).to_text(),
        );
        *want.entry(key).or_default() += 1.0;
    }
    assert_eq!(got.matched, matched);
    assert_eq!(got.table.row_count(), want.len());
    for r in 0..got.table.row_count() {
        let key = (
            got.table.value("level", r).to_text(),
            got.table.value("status", r).to_text(),
        );
        assert_eq!(
            got.table.value("count", r).as_number(),
            want.get(&key).copied()
        );
    }
}

#[test]
fn top_n_keeps_the_largest_groups_and_all_their_subgroups() {
    let t = Table::new(vec![
        text(
            "region",
            &[
                Some("A"),
                Some("B"),
                Some("B"),
                Some("C"),
                Some("C"),
                Some("C"),
                Some("D"),
            ],
        ),
        text(
            "level",
            &[
                Some("x"),
                Some("x"),
                Some("y"),
                Some("x"),
                Some("y"),
                Some("y"),
                Some("x"),
            ],
        ),
    ])
    .unwrap();
    let mut e = Explorer::new(t);
    let q = Query {
        group_by: vec!["region".into(), "level".into()],
        aggregate: Some(Aggregate {
            op: AggregateOp::Count,
            field: None,
            as_name: "n".into(),
        }),
        top: Some(2),
        ..Query::default()
    };
    let got = e.query(&q).unwrap();
    let rows: Vec<(String, String, f64)> = (0..got.table.row_count())
        .map(|r| {
            (
                got.table.value("region", r).to_text(),
                got.table.value("level", r).to_text(),
                got.table.value("n", r).as_number().unwrap(),
            )
        })
        .collect();
    // C has 3 rows, B 2; A and D (1 each) share rank 3.
    assert_eq!(
        rows,
        vec![
            ("B".into(), "x".into(), 1.0),
            ("B".into(), "y".into(), 1.0),
            ("C".into(), "x".into(), 1.0),
            ("C".into(), "y".into(), 2.0),
        ]
    );
    assert_eq!(got.groups, 6);
}

#[test]
fn limit_keeps_the_largest_groups_in_first_appearance_order() {
    let t = Table::new(vec![text(
        "k",
        &[
            Some("a"),
            Some("b"),
            Some("b"),
            Some("c"),
            Some("c"),
            Some("c"),
        ],
    )])
    .unwrap();
    let mut e = Explorer::new(t);
    let q = Query {
        group_by: vec!["k".into()],
        aggregate: Some(Aggregate {
            op: AggregateOp::Count,
            field: None,
            as_name: "n".into(),
        }),
        limit: Some(2),
        ..Query::default()
    };
    let got = e.query(&q).unwrap();
    assert!(got.truncated);
    let keys: Vec<String> = (0..2).map(|r| got.table.value("k", r).to_text()).collect();
    assert_eq!(keys, ["b", "c"]);
}

#[test]
fn transforms_round_trip_and_unknown_ones_are_refused() {
    let mut g = Lcg(3);
    for _ in 0..100 {
        let q = random_query(&mut g);
        let back = Query::from_transforms(&q.to_transforms()).unwrap();
        let mut want = q.clone();
        // Only the op's own field survives: count has none.
        if let Some(a) = &mut want.aggregate {
            if a.op == AggregateOp::Count {
                a.field = None;
            }
        }
        assert_eq!(back, want);
    }
    let parse = |json: &str| {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        crate::spec::parse_transforms(&v, "transform").unwrap().0
    };
    let bad = parse(
        r#"[{"filter": {"field": "a", "oneOf": ["x"]}}, {"calculate": "datum.a", "as": "b"}]"#,
    );
    let err = Query::from_transforms(&bad).unwrap_err().to_string();
    assert!(err.contains("transform[1]"), "{err}");
    let q = Query::from_transforms(&parse(r#"[{"filter": {"field": "year", "equal": 2023}}]"#))
        .unwrap();
    assert_eq!(q.filters[0].one_of, Some(vec![ConstValue::Number(2023.0)]));
    let lt = parse(r#"[{"filter": {"field": "year", "lt": 2023}}]"#);
    assert!(Query::from_transforms(&lt).is_err());
    let other_window = parse(
        r#"[{"joinaggregate": [{"op": "count", "as": "t"}], "groupby": ["a"]}, {"window": [{"op": "rank", "as": "r"}], "sort": [{"field": "t", "order": "descending"}]}, {"filter": {"field": "r", "lte": 2}}, {"aggregate": [{"op": "count", "as": "n"}], "groupby": ["a"]}]"#,
    );
    let err = Query::from_transforms(&other_window)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("transform[1]") && err.contains("dense_rank"),
        "{err}"
    );
    assert!(matches!(
        Query::from_transforms(&other_window[..1]),
        Err(Error::Spec { .. })
    ));
}

#[test]
fn queries_name_what_is_wrong() {
    let mut e = Explorer::new(random_table(10, 1));
    let err = e
        .query(
            &query_from_json(r#"{"groupBy": ["nope"], "aggregate": {"op": "count", "as": "n"}}"#)
                .unwrap(),
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("query.groupBy[0]") && err.contains("nope"),
        "{err}"
    );
    let err = e
        .query(
            &query_from_json(r#"{"groupBy": ["level"], "aggregate": {"op": "sum", "as": "s"}}"#)
                .unwrap(),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("query.aggregate.field"), "{err}");
    let err = e
        .query(&query_from_json(r#"{"groupBy": ["level","status","year","day"], "aggregate": {"op": "count", "as": "n"}}"#).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains("at most 3"), "{err}");
}

#[test]
fn raw_rows_are_filtered_and_limited() {
    let t = random_table(1000, 5);
    let mut e = Explorer::new(t.clone());
    let q = query_from_json(
        r#"{"filters": [{"field": "status", "oneOf": ["现行"]}], "fields": ["year", "status"], "limit": 10}"#,
    )
    .unwrap();
    let got = e.query(&q).unwrap();
    let want = (0..t.row_count())
        .filter(|&r| t.value("status", r) == Value::Text("现行"))
        .count();
    assert_eq!(got.matched, want);
    assert!(got.truncated);
    assert_eq!(got.table.field_names(), ["year", "status"]);
    assert_eq!(got.table.row_count(), 10);
}

// ---------------------------------------------------------------------------------------
// Decimation

fn column_of(x: f64, x0: f64, x1: f64, columns: usize) -> usize {
    (((x - x0) / (x1 - x0) * columns as f64) as usize).min(columns - 1)
}

#[test]
fn minmax_keeps_every_columns_extremes() {
    let mut g = Lcg(11);
    let n = 100_000;
    // A random walk, x shuffled in blocks so the input is not sorted.
    let mut xs: Vec<f64> = (0..n).map(|i| i as f64 * 0.37).collect();
    for i in (1..n).step_by(7) {
        xs.swap(i, i - 1);
    }
    let mut y = 0.0;
    let ys: Vec<f64> = (0..n)
        .map(|_| {
            y += g.next() - 0.5;
            y
        })
        .collect();
    let columns = 640;
    let kept = decimate_minmax(&xs, &ys, columns);
    assert!(kept.len() <= 2 * columns + 2, "{} points kept", kept.len());
    assert!(
        kept.windows(2).all(|w| w[0] < w[1]),
        "ascending, no repeats"
    );
    let (x0, x1) = (0.0, (n - 1) as f64 * 0.37);
    let extremes = |points: &mut dyn Iterator<Item = usize>| {
        let mut per = vec![(f64::INFINITY, f64::NEG_INFINITY); columns];
        for i in points {
            let c = column_of(xs[i], x0, x1, columns);
            per[c] = (per[c].0.min(ys[i]), per[c].1.max(ys[i]));
        }
        per
    };
    assert_eq!(
        extremes(&mut kept.iter().copied()),
        extremes(&mut (0..n)),
        "per pixel column: the lowest and the highest y"
    );
    let ends = |points: &[usize]| {
        let xs_kept = points.iter().map(|&i| xs[i]);
        (
            xs_kept.clone().fold(f64::INFINITY, f64::min),
            xs_kept.fold(f64::NEG_INFINITY, f64::max),
        )
    };
    assert_eq!(
        ends(&kept),
        (x0, x1),
        "the line starts and ends where it did"
    );
}

#[test]
fn minmax_drops_missing_points_and_handles_one_x() {
    let kept = decimate_minmax(&[1.0, f64::NAN, 1.0, 1.0], &[5.0, 9.0, f64::NAN, 2.0], 10);
    assert_eq!(kept, vec![0, 3]);
    // Three columns of three points: the lowest and highest of each, first and last.
    let xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0];
    let ys = [5.0, 1.0, 9.0, 4.0, 4.0, 4.0, 0.0, 8.0, 3.0];
    assert_eq!(decimate_minmax(&xs, &ys, 3), vec![0, 1, 2, 3, 6, 7, 8]);
    assert!(decimate_minmax(&[], &[], 10).is_empty());
}

#[test]
fn grid_keeps_one_point_per_occupied_cell() {
    let mut g = Lcg(5);
    let n = 50_000;
    let xs: Vec<f64> = (0..n).map(|_| g.next() * 100.0).collect();
    let ys: Vec<f64> = (0..n).map(|_| (g.next() * g.next()) * 10.0).collect();
    let (cols, rows) = (200, 100);
    let kept = decimate_grid(&xs, &ys, cols, rows);
    let (x0, x1) = extent_of(&xs).unwrap();
    let (y0, y1) = extent_of(&ys).unwrap();
    let cell = |i: usize| {
        (
            column_of(xs[i], x0, x1, cols),
            column_of(ys[i], y0, y1, rows),
        )
    };
    let all: std::collections::HashSet<_> = (0..n).map(cell).collect();
    let got: Vec<_> = kept.iter().map(|&i| cell(i)).collect();
    let got_set: std::collections::HashSet<_> = got.iter().copied().collect();
    assert_eq!(got.len(), got_set.len(), "one point per cell");
    assert_eq!(got_set, all, "every occupied cell keeps a point");
}

#[test]
fn raw_line_query_is_decimated_per_series() {
    let n = 20_000;
    let mut g = Lcg(9);
    let xs: Vec<f64> = (0..n).map(|i| (i / 2) as f64).collect();
    let ys: Vec<f64> = (0..n).map(|_| g.next()).collect();
    let series: Vec<Option<&str>> = (0..n)
        .map(|i| Some(if i % 2 == 0 { "a" } else { "b" }))
        .collect();
    let t = Table::new(vec![
        numbers("x", xs),
        numbers("y", ys.clone()),
        text("s", &series),
    ])
    .unwrap();
    let mut e = Explorer::new(t);
    let q = query_from_json(r#"{"fields": ["x", "y", "s"], "decimate": {"x": "x", "y": "y", "series": "s", "columns": 100}}"#).unwrap();
    let got = e.query(&q).unwrap();
    assert_eq!(got.decimated_from, Some(n));
    assert!(got.table.row_count() <= 2 * (2 * 100 + 2));
    for s in ["a", "b"] {
        let max_all = (0..n)
            .filter(|i| (i % 2 == 0) == (s == "a"))
            .map(|i| ys[i])
            .fold(f64::NEG_INFINITY, f64::max);
        let max_kept = (0..got.table.row_count())
            .filter(|&r| got.table.value("s", r) == Value::Text(s))
            .filter_map(|r| got.table.value("y", r).as_number())
            .fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(max_kept, max_all, "series {s}");
    }
}

// ---------------------------------------------------------------------------------------
// Fields, values, types

#[test]
fn profile_recognises_vocabulary_and_years() {
    let t = random_table(200, 2);
    let mut e = Explorer::new(t);
    let p = e.profile();
    let level = p.iter().find(|f| f.name == "level").unwrap();
    assert_eq!(level.kind, FieldKind::Text);
    assert_eq!(level.vocabulary, Some(Family::Level));
    assert!(level.missing > 0);
    let year = p.iter().find(|f| f.name == "year").unwrap();
    assert!(year.year_like);
    assert_eq!(year.distinct, 9);
    assert_eq!(year.extent, Some((2015.0, 2023.0)));
    let n = p.iter().find(|f| f.name == "n").unwrap();
    assert!(!n.year_like);
    let status = p.iter().find(|f| f.name == "status").unwrap();
    assert_eq!(status.vocabulary, None);
}

#[test]
fn distinct_lists_values_by_count_with_search() {
    let t = Table::new(vec![text(
        "k",
        &[
            Some("Beta"),
            Some("alpha"),
            Some("beta"),
            Some("beta"),
            None,
            Some("gamma"),
            Some("alpha"),
        ],
    )])
    .unwrap();
    let mut e = Explorer::new(t);
    let d = e.distinct("k", 10, None).unwrap();
    // Ties in order of first appearance: alpha (second value seen) before beta (third).
    assert_eq!(
        d.values,
        vec![
            (Cell::Text("alpha".into()), 2),
            (Cell::Text("beta".into()), 2),
            (Cell::Text("Beta".into()), 1),
            (Cell::Text("gamma".into()), 1)
        ]
    );
    assert_eq!((d.total, d.missing, d.more), (4, 1, false));
    let d = e.distinct("k", 1, Some("BET")).unwrap();
    assert_eq!(d.values, vec![(Cell::Text("beta".into()), 2)]);
    assert!(d.more);
    let mut years =
        Explorer::new(Table::new(vec![numbers("y", vec![2020.0, 2021.0, 2020.0])]).unwrap());
    assert_eq!(
        years.distinct("y", 5, None).unwrap().values[0],
        (Cell::Number(2020.0), 2)
    );
}

#[test]
fn retype_reads_printed_forms_like_format_parse() {
    let t = Table::new(vec![
        text(
            "year",
            &[Some("2021"), Some("2022"), Some("-"), Some("2021")],
        ),
        text(
            "when",
            &[Some("2021-03"), Some("2022-01"), None, Some("2021-03")],
        ),
        numbers("code", vec![1.0, 2.0, 1.0, f64::NAN]),
        text("bad", &[Some("1"), Some("x"), Some("2"), Some("3")]),
    ])
    .unwrap();
    let mut e = Explorer::new(t);
    e.retype("year", "number").unwrap();
    let year: Vec<Value<'_>> = (0..4).map(|r| e.table().value("year", r)).collect();
    assert!(e.table().column("year").unwrap().is_numeric());
    assert_eq!(
        year,
        [
            Value::Number(2021.0),
            Value::Number(2022.0),
            Value::Null,
            Value::Number(2021.0)
        ]
    );
    e.retype("when", "date:'%Y-%m'").unwrap();
    assert_eq!(
        e.table().value("when", 0),
        Value::Date(date::to_ms(2021, 3, 1, 0, 0, 0))
    );
    assert_eq!(e.table().value("when", 2), Value::Null);
    e.retype("code", "text").unwrap();
    let c = e.table().column("code").unwrap();
    assert!(
        matches!(&c.data, ColumnData::Text(t) if t.dictionary == ["1", "2"] && t.codes == [0, 1, 0, TextColumn::NULL])
    );
    let err = e.retype("bad", "number").unwrap_err().to_string();
    assert!(err.contains("[1].bad") && err.contains("\"x\""), "{err}");
    assert!(matches!(
        e.table().column("bad").unwrap().data,
        ColumnData::Text(_)
    ));
    let err = e.retype("bad", "color").unwrap_err().to_string();
    assert!(err.contains("format.parse.bad"), "{err}");
    // A retyped column groups by its new values.
    let got = e
        .query(
            &query_from_json(r#"{"groupBy": ["code"], "aggregate": {"op": "count", "as": "n"}}"#)
                .unwrap(),
        )
        .unwrap();
    assert_eq!(got.table.row_count(), 3);
}

#[test]
fn numbers_group_by_their_printed_form() {
    // 0.1 + 0.2 and 0.3 print alike, as transform's group keys see them.
    let t = Table::new(vec![numbers("x", vec![0.1 + 0.2, 0.3, -0.0, 0.0])]).unwrap();
    let mut e = Explorer::new(t.clone());
    let q =
        query_from_json(r#"{"groupBy": ["x"], "aggregate": {"op": "count", "as": "n"}}"#).unwrap();
    let got = e.query(&q).unwrap();
    assert_eq!(rows_of(&got.table), rows_of(&through_transforms(&t, &q)));
    assert_eq!(got.table.row_count(), 2);
}

// ---------------------------------------------------------------------------------------
// Loading

#[test]
fn json_documents_pick_their_array_of_records() {
    let doc = r#"{"source": {"title": "x"}, "standards": [{"level": "国家标准", "count": 80}], "chains": [{"chain": "a"}]}"#.as_bytes();
    let l = load(
        doc,
        &LoadOptions {
            format: "auto".into(),
            source: "d.json".into(),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(l.format, "json");
    assert_eq!(l.property.as_deref(), Some("standards"));
    assert_eq!(l.properties, vec!["chains".to_string()]);
    assert_eq!(l.table.field_names(), ["level", "count"]);
    assert_eq!(l.citation.as_deref(), Some("《x》"));
    let cited = r#"{"source": {"publication": "中国质量报", "date": "2024-01-10", "title": "阳泉样板"}, "rows": [{"a": 1}]}"#;
    let l = load(cited.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(
        l.citation.as_deref(),
        Some("中国质量报, 2024-01-10, 《阳泉样板》")
    );
    let l = load(
        doc,
        &LoadOptions {
            format: "json".into(),
            property: Some("chains".into()),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(l.table.field_names(), ["chain"]);
    let err = load(br#"{"a": 1}"#, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("array of records"), "{err}");
}

#[test]
fn gbk_and_utf8_csv_load_with_chinese_headers() {
    let gbk = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/data/group-standards-by-region-2022-gbk.csv"
    ))
    .unwrap();
    let l = load(
        &gbk,
        &LoadOptions {
            format: "auto".into(),
            source: "gbk.csv".into(),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(l.encoding, "gb18030");
    assert_eq!(l.format, "csv");
    assert!(
        l.table.field_names().iter().any(|n| n.contains("地区")),
        "{:?}",
        l.table.field_names()
    );
    let tsv = "层级\t数量\n国家标准\t80\n".as_bytes();
    let l = load(
        tsv,
        &LoadOptions {
            format: "auto".into(),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!((l.format, l.encoding), ("tsv", "UTF-8"));
    assert_eq!(l.table.field_names(), ["层级", "数量"]);
}

/// Timing of a million-row re-aggregation (a benchmark, not a test: run with
/// `cargo test --release --lib explore::tests::million -- --ignored --nocapture`).
/// CPU time of this thread (Linux), so that timings on a shared, loaded machine can be
/// read next to wall time.
fn thread_cpu() -> std::time::Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0);
    std::time::Duration::from_millis(ticks * 10)
}

#[test]
#[ignore]
fn million_rows_timing() {
    // A catalogue file (bench/grammar/gen-catalogue.mjs) to load first, if given.
    if let Ok(path) = std::env::var("STDVIZ_CATALOGUE") {
        let bytes = std::fs::read(&path).unwrap();
        let (t0, c0) = (std::time::Instant::now(), thread_cpu());
        let l = load(&bytes, &LoadOptions::default()).unwrap();
        println!(
            "load {path}: {:?} wall, {:?} CPU for {} rows",
            t0.elapsed(),
            thread_cpu() - c0,
            l.table.row_count()
        );
        let mut e = Explorer::new(l.table);
        let (t0, c0) = (std::time::Instant::now(), thread_cpu());
        e.profile();
        println!(
            "profile: {:?} wall, {:?} CPU",
            t0.elapsed(),
            thread_cpu() - c0
        );
        let q =
            query_from_json(r#"{"groupBy": ["层级"], "aggregate": {"op": "count", "as": "n"}}"#)
                .unwrap();
        let (t0, c0) = (std::time::Instant::now(), thread_cpu());
        e.query(&q).unwrap();
        println!(
            "first query: {:?} wall, {:?} CPU",
            t0.elapsed(),
            thread_cpu() - c0
        );
    }
    let t0 = std::time::Instant::now();
    let t = random_table(1_000_000, 1);
    println!("build: {:?}", t0.elapsed());
    let mut e = Explorer::new(t);
    let t0 = std::time::Instant::now();
    e.profile();
    println!("profile (keys of every column): {:?}", t0.elapsed());
    for text in [
        r#"{"groupBy": ["level"], "aggregate": {"op": "count", "as": "n"}}"#,
        r#"{"filters": [{"field": "year", "range": [2017, 2021]}, {"field": "status", "oneOf": ["现行"]}], "groupBy": ["level", "year"], "aggregate": {"op": "count", "as": "n"}}"#,
        r#"{"filters": [{"field": "level", "oneOf": ["国家标准", "团体标准"], "exclude": true}], "groupBy": ["year", "level", "status"], "aggregate": {"op": "mean", "field": "n", "as": "m"}, "top": 3}"#,
        r#"{"groupBy": ["level"], "aggregate": {"op": "median", "field": "n", "as": "m"}}"#,
        r#"{"fields": ["day", "n"], "decimate": {"x": "day", "y": "n", "columns": 800}}"#,
    ] {
        let q = query_from_json(text).unwrap();
        let mut best = std::time::Duration::MAX;
        let mut r = None;
        for _ in 0..5 {
            let t0 = std::time::Instant::now();
            r = Some(e.query(&q).unwrap());
            best = best.min(t0.elapsed());
        }
        let r = r.unwrap();
        println!(
            "{best:?} (best of 5) for {} rows out, {} matched: {text}",
            r.table.row_count(),
            r.matched
        );
    }
}
