use super::*;
use crate::spec::parse;
use crate::table::json::parse_records;

fn run(data: &str, transforms: &str) -> Result<Table, Error> {
    let t = parse_records(data, None, "t").unwrap();
    let spec = format!(
        r#"{{"data":{{"values":[]}},"transform":{transforms},"mark":"bar","encoding":{{"x":{{"field":"a","type":"nominal"}}}}}}"#
    );
    let p = parse(&spec).unwrap();
    apply(&t, &p.spec.view.transform, "transform")
}

fn col(t: &Table, f: &str) -> Vec<String> {
    (0..t.row_count())
        .map(|r| t.value(f, r).to_text())
        .collect()
}

/// National standards in force at year end, SAMR/SAC annual reports (shared/SOURCES.md §2).
const NATIONAL: &str = r#"[
  {"year": 2020, "level": "national", "n": 39847},
  {"year": 2022, "level": "national", "n": 43027},
  {"year": 2023, "level": "national", "n": 44499},
  {"year": 2020, "level": "industry", "n": 72620},
  {"year": 2022, "level": "industry", "n": 78431},
  {"year": 2023, "level": "industry", "n": 80828},
  {"year": 2020, "level": "local", "n": 49334},
  {"year": 2022, "level": "local", "n": 61969},
  {"year": 2023, "level": "local", "n": 69709}
]"#;

#[test]
fn filter_field_predicates() {
    let t = run(NATIONAL, r#"[{"filter":{"field":"level","oneOf":["national","local"]}},{"filter":{"field":"year","gte":2022}}]"#).unwrap();
    assert_eq!(col(&t, "n"), vec!["43027", "44499", "61969", "69709"]);
    let t = run(
        NATIONAL,
        r#"[{"filter":{"or":[{"field":"n","lt":40000},{"not":{"field":"n","range":[0,80000]}}]}}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "n"), vec!["39847", "80828"]);
    let t = run(
        NATIONAL,
        r#"[{"filter":{"field":"level","equal":"industry"}}]"#,
    )
    .unwrap();
    assert_eq!(t.row_count(), 3);
}

#[test]
fn filter_valid_drops_missing() {
    let t = run(
        r#"[{"a":1},{"a":null},{"a":3}]"#,
        r#"[{"filter":{"field":"a","valid":true}}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "a"), vec!["1", "3"]);
}

#[test]
fn calculate_arithmetic_with_precedence_and_missing_values() {
    let t = run(
        r#"[{"a":80,"b":188},{"a":null,"b":1}]"#,
        r#"[{"calculate":"datum.a / datum.b * 100 + 1 - -1","as":"pct"}]"#,
    )
    .unwrap();
    let first = t.value("pct", 0).as_number().unwrap();
    assert!((first - (80.0 / 188.0 * 100.0 + 2.0)).abs() < 1e-9);
    assert_eq!(t.value("pct", 1), Value::Null);
}

#[test]
fn calculate_concatenates_text() {
    let t = run(
        r#"[{"a":"国家","b":"标准"}]"#,
        r#"[{"calculate":"datum.a + datum['b']","as":"c"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "c"), vec!["国家标准"]);
}

#[test]
fn fold_turns_columns_into_rows() {
    let t = run(
        r#"[{"y":2023,"national":2902,"local":10751}]"#,
        r#"[{"fold":["national","local"],"as":["kind","issued"]}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "kind"), vec!["national", "local"]);
    assert_eq!(col(&t, "issued"), vec!["2902", "10751"]);
    assert_eq!(col(&t, "y"), vec!["2023", "2023"]);
}

#[test]
fn aggregate_every_op_equals_an_independent_computation() {
    let t = run(NATIONAL, r#"[{"aggregate":[
      {"op":"sum","field":"n","as":"sum"},{"op":"mean","field":"n","as":"mean"},{"op":"median","field":"n","as":"median"},
      {"op":"min","field":"n","as":"min"},{"op":"max","field":"n","as":"max"},{"op":"count","as":"count"},
      {"op":"distinct","field":"level","as":"levels"}],"groupby":["year"]}]"#).unwrap();
    assert_eq!(col(&t, "year"), vec!["2020", "2022", "2023"]);
    let y2023 = [44499.0, 80828.0, 69709.0];
    let sum: f64 = y2023.iter().sum();
    assert_eq!(t.value("sum", 2).as_number(), Some(sum));
    assert!((t.value("mean", 2).as_number().unwrap() - sum / 3.0).abs() < 1e-9);
    assert_eq!(t.value("median", 2).as_number(), Some(69709.0));
    assert_eq!(t.value("min", 2).as_number(), Some(44499.0));
    assert_eq!(t.value("max", 2).as_number(), Some(80828.0));
    assert_eq!(t.value("count", 2).as_number(), Some(3.0));
    assert_eq!(t.value("levels", 2).as_number(), Some(3.0));
}

#[test]
fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
    let t = run(
        r#"[{"a":1},{"a":4},{"a":2},{"a":10}]"#,
        r#"[{"aggregate":[{"op":"median","field":"a","as":"m"}]}]"#,
    )
    .unwrap();
    assert_eq!(t.value("m", 0).as_number(), Some(3.0));
}

#[test]
fn window_rank_gives_top_n() {
    let t = run(NATIONAL, r#"[{"filter":{"field":"year","equal":2023}},{"window":[{"op":"rank","as":"r"}],"sort":[{"field":"n","order":"descending"}]},{"filter":{"field":"r","lte":2}}]"#).unwrap();
    assert_eq!(col(&t, "level"), vec!["industry", "local"]);
}

#[test]
fn window_ties_share_rank_and_dense_rank() {
    let t = run(r#"[{"a":5},{"a":7},{"a":5},{"a":1}]"#, r#"[{"window":[{"op":"rank","as":"r"},{"op":"dense_rank","as":"d"},{"op":"row_number","as":"n"}],"sort":[{"field":"a"}]}]"#).unwrap();
    assert_eq!(col(&t, "r"), vec!["2", "4", "2", "1"]);
    assert_eq!(col(&t, "d"), vec!["2", "3", "2", "1"]);
    assert_eq!(col(&t, "n"), vec!["2", "4", "3", "1"]);
}

#[test]
fn joinaggregate_attaches_group_totals_for_shares() {
    let t = run(NATIONAL, r#"[{"joinaggregate":[{"op":"sum","field":"n","as":"total"}],"groupby":["year"]},{"calculate":"datum.n / datum.total","as":"share"}]"#).unwrap();
    assert_eq!(t.row_count(), 9);
    let total_2020 = 39847.0 + 72620.0 + 49334.0;
    assert_eq!(t.value("total", 0).as_number(), Some(total_2020));
    let shares: f64 = (0..9)
        .filter(|&r| t.value("year", r).as_number() == Some(2020.0))
        .map(|r| t.value("share", r).as_number().unwrap())
        .sum();
    assert!((shares - 1.0).abs() < 1e-12);
}

#[test]
fn missing_fields_name_the_transform_path() {
    let e = run(NATIONAL, r#"[{"filter":{"field":"lvl","equal":"x"}}]"#).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "spec error at transform[0].filter.field: field \"lvl\" is not in the data"
        ),
        "{e}"
    );
    let e = run(
        NATIONAL,
        r#"[{"aggregate":[{"op":"sum","field":"m","as":"s"}],"groupby":["year"]}]"#,
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("transform[0].aggregate[0].field"),
        "{e}"
    );
    let e = run(NATIONAL, r#"[{"calculate":"datum.zz * 2","as":"q"}]"#).unwrap_err();
    assert!(e.to_string().contains("transform[0].calculate"), "{e}");
}

#[test]
fn expression_filters_compare_and_combine_like_javascript() {
    let t = run(
        NATIONAL,
        r#"[{"filter":"datum.year >= 2022 && datum.level !== 'local'"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "n"), vec!["43027", "44499", "78431", "80828"]);
    let t = run(
        NATIONAL,
        r#"[{"filter":"!(datum.n < 50000) || datum.year == 2020"}]"#,
    )
    .unwrap();
    // n ≥ 50,000: three industry rows and local 2022, 2023; plus the 2020 rows below it
    // (national 2020, local 2020).
    assert_eq!(t.row_count(), 5 + 2);
    let t = run(
        r#"[{"a":1},{"a":null},{"a":0}]"#,
        r#"[{"filter":"datum.a != null"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "a"), vec!["1", "0"]);
    let t = run(
        r#"[{"a":1},{"a":null},{"a":0}]"#,
        r#"[{"filter":"datum.a"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "a"), vec!["1"]);
}

#[test]
fn expression_errors_name_their_position() {
    let spec = r#"{"data":{"values":[]},"transform":[{"filter":"yaer(datum.d) > 2020"}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#;
    let e = parse(spec).unwrap_err().to_string();
    assert!(
        e.starts_with("spec error at transform[0].filter: expected"),
        "{e}"
    );
    assert!(e.contains("a function stdviz evaluates"), "{e}");
    assert!(e.contains("not \"yaer\""), "{e}");
    for (bad, says) in [
        ("round(datum.n, 2)", "1 argument(s) to round(), found 2"),
        ("datum.n > 1 ? 'a'", "\":\" of a conditional"),
        ("random()", "not \"random\""),
        ("pow(datum.n 2)", "\",\" or \")\""),
    ] {
        let spec = format!(
            r#"{{"data":{{"values":[]}},"transform":[{{"calculate":"{bad}","as":"x"}}],"mark":"bar","encoding":{{"x":{{"field":"a","type":"nominal"}}}}}}"#
        );
        let e = parse(&spec).unwrap_err().to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
    let e = run(NATIONAL, r#"[{"filter":"datum.zz > 1"}]"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"zz\" is not in the data"), "{e}");
}

#[test]
fn equal_is_strict_like_vega_lite() {
    let t = run(NATIONAL, r#"[{"filter":{"field":"year","equal":"2023"}}]"#).unwrap();
    assert_eq!(t.row_count(), 0, "the text \"2023\" is not the number 2023");
    let t = run(NATIONAL, r#"[{"filter":{"field":"year","oneOf":[2023]}}]"#).unwrap();
    assert_eq!(t.row_count(), 3);
}

#[test]
fn conditionals_are_lowest_precedence_right_associative_and_lazy() {
    let t = run(
        NATIONAL,
        r#"[{"calculate":"datum.n > 60000 ? 'big' : datum.n > 44000 ? 'mid' : 'small'","as":"size"},
            {"calculate":"(datum.year == 2020 ? 1 : 2) * 10","as":"k"},
            {"calculate":"if(datum.level == 'local', upper(datum.level), datum.n / 0)","as":"lazy"}]"#,
    )
    .unwrap();
    assert_eq!(
        col(&t, "size"),
        ["small", "small", "mid", "big", "big", "big", "mid", "big", "big"]
    );
    assert_eq!(col(&t, "k")[..3], ["10", "20", "20"]);
    assert_eq!(col(&t, "lazy")[6], "LOCAL");
    assert_eq!(col(&t, "lazy")[0], "", "n / 0 has no value");
}

#[test]
fn math_text_and_conversion_functions_as_javascript_computes_them() {
    let t = run(
        r#"[{"a":"x","s":"标准化 Report","n":-2.5,"m":"12","z":null}]"#,
        r#"[{"calculate":"round(datum.n)","as":"r"},{"calculate":"abs(datum.n) + floor(2.7) + ceil(0.1)","as":"f"},
            {"calculate":"pow(2, 10) + sqrt(16) + max(1, 7, 3) - min(4, 2)","as":"p"},
            {"calculate":"round(log(E) * 100) + round(sin(PI / 2))","as":"l"},
            {"calculate":"length(datum.s) + ':' + substring(datum.s, 0, 3) + ':' + indexof(datum.s, 'Re') + ':' + lower(datum.s)","as":"t"},
            {"calculate":"toNumber(datum.m) + 1","as":"num"},{"calculate":"toString(datum.n) + '!'","as":"str"},
            {"calculate":"isValid(datum.z) + ',' + isValid(datum.n)","as":"v"},
            {"calculate":"format(1234.5, ',.1f')","as":"fmt"},{"calculate":"clamp(datum.n, 0, 1)","as":"c"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "r"), ["-2"], "Math.round(-2.5) is -2");
    assert_eq!(col(&t, "f"), ["5.5"]);
    assert_eq!(col(&t, "p"), [(1024 + 4 + 7 - 2).to_string()]);
    assert_eq!(col(&t, "l"), ["101"]);
    assert_eq!(col(&t, "t"), ["10:标准化:4:标准化 report"]);
    assert_eq!(col(&t, "num"), ["13"]);
    assert_eq!(col(&t, "str"), ["-2.5!"]);
    assert_eq!(col(&t, "v"), ["false,true"]);
    assert_eq!(col(&t, "fmt"), ["1,234.5"]);
    assert_eq!(col(&t, "c"), ["0"]);
}

#[test]
fn date_functions_read_utc_fields() {
    let t = run(
        r#"[{"a":"x","d":"2023-08-19T10:42:07"}]"#,
        r#"[{"calculate":"year(datum.d) + '-' + month(datum.d) + '-' + date(datum.d) + ' ' + hours(datum.d) + ':' + minutes(datum.d) + ':' + seconds(datum.d)","as":"parts"},
            {"calculate":"day(datum.d) + ' ' + quarter(datum.d) + ' ' + utcyear(datum.d) + ' ' + dayofyear(datum.d)","as":"more"},
            {"calculate":"timeFormat(datum.d, '%Y年%m月')","as":"tf"},
            {"calculate":"datetime(2024, 0, 31 + 1)","as":"dt"}]"#,
    )
    .unwrap();
    assert_eq!(
        col(&t, "parts"),
        ["2023-7-19 10:42:7"],
        "month() counts from 0"
    );
    assert_eq!(
        col(&t, "more"),
        ["6 3 2023 231"],
        "2023-08-19 was a Saturday"
    );
    assert_eq!(col(&t, "tf"), ["2023年08月"]);
    assert_eq!(
        col(&t, "dt"),
        ["2024-02-01"],
        "days overflow into the next month"
    );
}

/// `toDate` and the date functions read a date text or a bare year as JavaScript's
/// `new Date(…)` does ("2019" is 1 January 2019).
#[test]
fn to_date_reads_dates_and_bare_years() {
    let t = run(
        r#"[{"y":"2019","d":"Sun, 01 Jan 2012 00:05:00 GMT"}]"#,
        r#"[{"calculate":"toDate(datum.y)","as":"a"},
            {"calculate":"year(datum.y) + ' ' + minutes(toDate(datum.d))","as":"b"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "a"), ["2019-01-01"]);
    assert_eq!(col(&t, "b"), ["2019 5"]);
}

#[test]
fn window_aggregates_over_frames_give_running_and_moving_values() {
    let t = run(
        NATIONAL,
        r#"[{"filter":{"field":"level","equal":"national"}},
            {"window":[{"op":"sum","field":"n","as":"running"},{"op":"count","as":"k"}],"sort":[{"field":"year"}]},
            {"window":[{"op":"mean","field":"n","as":"moving"}],"sort":[{"field":"year"}],"frame":[-1,1]},
            {"window":[{"op":"max","field":"n","as":"all"}],"frame":[null,null],"groupby":["level"]}]"#,
    )
    .unwrap();
    assert_eq!(
        col(&t, "running"),
        [
            "39847",
            (39847 + 43027).to_string().as_str(),
            (39847 + 43027 + 44499).to_string().as_str()
        ]
    );
    assert_eq!(col(&t, "k"), ["1", "2", "3"]);
    let moving: Vec<f64> = (0..3)
        .map(|r| t.value("moving", r).as_number().unwrap())
        .collect();
    assert_eq!(moving[0], (39847.0 + 43027.0) / 2.0);
    assert_eq!(moving[1], (39847.0 + 43027.0 + 44499.0) / 3.0);
    assert_eq!(moving[2], (43027.0 + 44499.0) / 2.0);
    assert_eq!(col(&t, "all"), ["44499", "44499", "44499"]);
    let e = parse(r#"{"data":{"values":[]},"transform":[{"window":[{"op":"sum","as":"s"}]}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
        .unwrap_err();
    assert!(
        e.to_string().contains("transform[0].window[0].field"),
        "{e}"
    );
}

#[test]
fn bin_and_time_unit_transforms_add_fields_as_the_encoding_would() {
    let t = run(
        r#"[{"a":"x","v":3,"d":"2023-08-19"},{"a":"y","v":97,"d":"2024-02-01"}]"#,
        r#"[{"bin":true,"field":"v","as":"b"},{"bin":{"step":25},"field":"v","as":["lo","hi"]},
            {"timeUnit":"yearmonth","field":"d","as":"ym"},{"timeUnit":"year","field":"d","as":"y"}]"#,
    )
    .unwrap();
    assert_eq!(col(&t, "b"), ["0", "90"]);
    assert_eq!(col(&t, "b_end"), ["10", "100"]);
    assert_eq!(col(&t, "lo"), ["0", "75"]);
    assert_eq!(col(&t, "hi"), ["25", "100"]);
    assert_eq!(col(&t, "ym"), ["2023-08-01", "2024-02-01"]);
    assert_eq!(col(&t, "y"), ["2023-01-01", "2024-01-01"]);
    let e = run(r#"[{"a":"x"}]"#, r#"[{"bin":true,"field":"a","as":"b"}]"#).unwrap_err();
    assert!(e.to_string().contains("transform[0].field"), "{e}");
}

#[test]
fn lookup_joins_inline_and_built_in_tables_and_pivot_widens() {
    // Group standards published by region as of 2022 year end, top six (SOURCES.md §2).
    let t = run(
        r#"[{"a":"x","region":"广东","n":6419},{"a":"x","region":"浙江省","n":5640},{"a":"x","region":"北京","n":2808}]"#,
        r#"[{"lookup":"region","from":{"data":{"name":"stdviz:cn-provinces-grid"},"key":"name","fields":["x","y","english"]}},
            {"lookup":"region","from":{"data":{"values":[{"k":"北京","rank":4}]},"key":"k","fields":["rank"]},"default":0}]"#,
    )
    .unwrap();
    assert_eq!(
        col(&t, "english"),
        ["Guangdong", "", "Beijing"],
        "浙江省 is not the key 浙江"
    );
    assert_eq!(col(&t, "x"), ["7", "", "8"]);
    assert_eq!(col(&t, "rank"), ["0", "0", "4"]);
    let wide = run(
        NATIONAL,
        r#"[{"pivot":"level","value":"n","groupby":["year"]}]"#,
    )
    .unwrap();
    assert_eq!(
        wide.field_names(),
        ["year", "industry", "local", "national"]
    );
    assert_eq!(col(&wide, "local"), ["49334", "61969", "69709"]);
    let e = parse(r#"{"data":{"name":"stdviz:nope"},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("data.name") && e.contains("stdviz:cn-provinces-grid"),
        "{e}"
    );
}

/// A fixed-seed linear congruential generator (Numerical Recipes constants).
struct Lcg(u32);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        ((f64::from(self.0) / 4_294_967_296.0 * n as f64) as usize).min(n - 1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// SYNTHETIC records: a text level (some missing, some numeric-looking), a year (some
/// missing), a decimal value with repeats, a date as ISO text.
fn random_records(g: &mut Lcg, rows: usize) -> String {
    let levels = ["national", "industry", "local", "2023", ""];
    let records: Vec<String> = (0..rows)
        .map(|_| {
            let level = match g.below(8) {
                0 => "null".to_string(),
                _ => format!("\"{}\"", g.pick(&levels)),
            };
            let year = match g.below(12) {
                0 => "null".to_string(),
                _ => (2018 + g.below(7)).to_string(),
            };
            let n = match g.below(10) {
                0 => "null".to_string(),
                _ => format!("{}", g.below(60) as f64 / 4.0 - 3.0),
            };
            let day = format!("\"2021-{:02}-{:02}\"", 1 + g.below(12), 1 + g.below(28));
            format!(r#"{{"level":{level},"year":{year},"n":{n},"day":{day}}}"#)
        })
        .collect();
    format!("[{}]", records.join(","))
}

fn random_predicate(g: &mut Lcg, depth: usize) -> String {
    let field = g.pick(&["level", "year", "n", "day"]);
    match g.below(if depth > 1 { 9 } else { 12 }) {
        0 => format!(
            r#"{{"field":"{field}","equal":{}}}"#,
            g.pick(&["2023", "\"2023\"", "\"local\"", "4.5", "\"2021-03-04\""])
        ),
        1 => format!(
            r#"{{"field":"{field}","oneOf":[{},{}]}}"#,
            g.pick(&["2019", "\"national\"", "-1"]),
            g.pick(&["2022", "\"\"", "2.25"])
        ),
        2 => format!(
            r#"{{"field":"{field}","range":[{},{}]}}"#,
            g.pick(&["null", "0", "2020", "-2.5"]),
            g.pick(&["null", "5", "2022"])
        ),
        3 => format!(
            r#"{{"field":"{field}","lt":{}}}"#,
            g.pick(&["2021", "3", "0"])
        ),
        4 => format!(
            r#"{{"field":"{field}","gte":{}}}"#,
            g.pick(&["2021", "3", "0"])
        ),
        5 => format!(
            r#"{{"field":"{field}","valid":{}}}"#,
            g.pick(&["true", "false"])
        ),
        6 => format!(
            r#"{{"field":"{field}","gt":{},"timeUnit":"{}"}}"#,
            g.pick(&["2020", "4", "2"]),
            g.pick(&["year", "month", "quarter", "yearmonth", "monthdate"])
        ),
        7 => format!(r#""datum.{field} > 2 && datum.level != 'local'""#),
        8 => format!(
            r#"{{"field":"{field}","lte":{}}}"#,
            g.pick(&["2021", "3.5", "0"])
        ),
        9 => format!(r#"{{"not":{}}}"#, random_predicate(g, depth + 1)),
        10 => format!(
            r#"{{"and":[{},{}]}}"#,
            random_predicate(g, depth + 1),
            random_predicate(g, depth + 1)
        ),
        _ => format!(
            r#"{{"or":[{},{}]}}"#,
            random_predicate(g, depth + 1),
            random_predicate(g, depth + 1)
        ),
    }
}

fn random_transforms(g: &mut Lcg) -> String {
    let mut out = Vec::new();
    for _ in 0..g.below(3) {
        out.push(format!(r#"{{"filter":{}}}"#, random_predicate(g, 0)));
    }
    let mut groupby: Vec<&str> = Vec::new();
    for _ in 0..g.below(3) {
        let f = g.pick(&["level", "year", "day", "n"]);
        if !groupby.contains(&f) {
            groupby.push(f);
        }
    }
    let groupby = groupby
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(",");
    let op = g.pick(&["count", "sum", "mean", "median", "min", "max", "distinct"]);
    let field = g.pick(&["n", "year", "level", "day"]);
    let agg = format!(r#"{{"op":"{op}","field":"{field}","as":"v"}}"#);
    match g.below(3) {
        0 => out.push(format!(r#"{{"aggregate":[{agg}],"groupby":[{groupby}]}}"#)),
        1 => {
            out.push(format!(
                r#"{{"joinaggregate":[{agg}],"groupby":[{groupby}]}}"#
            ));
            // Ranks (columnar where the key is one number column) and aggregates over
            // frames (row by row in both engines, over the engines' own groups).
            let op = match g.pick(&["rank", "dense_rank", "row_number", "sum", "mean", "count"]) {
                rank @ ("rank" | "dense_rank" | "row_number") => format!(r#""op":"{rank}""#),
                agg => format!(r#""op":"{agg}","field":"n""#),
            };
            let frame = g.pick(&[
                "",
                r#","frame":[-1,1]"#,
                r#","frame":[null,0],"ignorePeers":true"#,
            ]);
            out.push(format!(
                r#"{{"window":[{{{op},"as":"r"}}],"groupby":[{groupby}],"sort":[{{"field":"{}","order":"{}"}}]{frame}}}"#,
                g.pick(&["v", "v", "level", "day"]),
                g.pick(&["descending", "ascending"])
            ));
        }
        _ => {}
    }
    format!("[{}]", out.join(","))
}

#[test]
fn the_columnar_engine_agrees_with_the_row_by_row_path() {
    let mut g = Lcg(20240110);
    let mut columnar_filters = 0;
    for i in 0..400 {
        let rows = 1 + g.below(60);
        let data = random_records(&mut g, rows);
        let transforms = random_transforms(&mut g);
        let t = parse_records(&data, None, "t").unwrap();
        let spec = format!(
            r#"{{"data":{{"values":[]}},"transform":{transforms},"mark":"bar","encoding":{{"x":{{"field":"a","type":"nominal"}}}}}}"#
        );
        let p = parse(&spec).unwrap_or_else(|e| panic!("{e}\n{spec}"));
        let trs = &p.spec.view.transform;
        for tr in trs {
            if let Transform::Filter(pred) = tr {
                columnar_filters += usize::from(columnar::RowTest::compile(&t, pred).is_some());
            }
        }
        let rows = apply_with(&t, trs, "transform", Engine::Rows);
        let columns = apply_with(&t, trs, "transform", Engine::Columnar);
        match (rows, columns) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.field_names(), b.field_names(), "case {i}: {transforms}");
                for f in a.field_names() {
                    assert_eq!(
                        col(&a, &f),
                        col(&b, &f),
                        "case {i}, field {f}: {transforms}\n{data}"
                    );
                }
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("case {i}: {a:?} vs {b:?}: {transforms}"),
        }
    }
    assert!(
        columnar_filters > 200,
        "{columnar_filters} filters took the columnar path"
    );
}

#[test]
fn argmax_and_argmin_give_the_first_extreme_row_in_both_engines() {
    // Ties keep the first row; missing values are skipped; text fields ride along.
    let data = r#"[
      {"g": "a", "s": 3, "t": "a-first", "d": "2020-01-01"},
      {"g": "a", "s": 3, "t": "a-tie", "d": "2021-01-01"},
      {"g": "a", "s": null, "t": "a-null", "d": "2022-01-01"},
      {"g": "a", "s": 1, "t": "a-least", "d": "2019-01-01"},
      {"g": "b", "s": 5, "t": "b-only", "d": "2018-01-01"}
    ]"#;
    let transforms = r#"[{"aggregate": [{"op": "argmax", "field": "s", "as": "hi"},
                                        {"op": "argmin", "field": "d", "as": "lo"}],
                          "groupby": ["g"]}]"#;
    let t = parse_records(data, None, "t").unwrap();
    let spec = format!(
        r#"{{"data":{{"values":[]}},"transform":{transforms},"mark":"bar","encoding":{{"x":{{"field":"g","type":"nominal"}}}}}}"#
    );
    let p = parse(&spec).unwrap();
    for engine in [Engine::Columnar, Engine::Rows] {
        let out = apply_with(&t, &p.spec.view.transform, "transform", engine).unwrap();
        assert_eq!(col(&out, "g"), vec!["a", "b"]);
        assert_eq!(col(&out, "hi.t"), vec!["a-first", "b-only"], "{engine:?}");
        assert_eq!(col(&out, "hi.s"), vec!["3", "5"]);
        assert_eq!(col(&out, "lo.t"), vec!["a-least", "b-only"]);
    }
    // joinaggregate: every row gets its group's row.
    let joined = run(
        data.replace("\"g\"", "\"a\"").as_str(),
        r#"[{"joinaggregate": [{"op": "argmax", "field": "s", "as": "hi"}], "groupby": ["a"]}]"#,
    )
    .unwrap();
    assert_eq!(
        col(&joined, "hi.t"),
        vec!["a-first", "a-first", "a-first", "a-first", "b-only"]
    );
}

#[test]
fn window_value_and_distribution_ops_follow_vega() {
    // SYNTHETIC scores in two groups; `b` has a tie.
    let data = r#"[
      {"g": "a", "s": 10, "t": "a1"}, {"g": "a", "s": 20, "t": "a2"},
      {"g": "a", "s": 30, "t": "a3"}, {"g": "a", "s": 40, "t": "a4"},
      {"g": "b", "s": 5, "t": "b1"}, {"g": "b", "s": 5, "t": "b2"}, {"g": "b", "s": 9, "t": "b3"}
    ]"#;
    let t = parse_records(data, None, "t").unwrap();
    let spec = r#"{"data":{"values":[]},"transform":[{"window":[
        {"op": "lag", "field": "t", "as": "lag"},
        {"op": "lead", "field": "t", "param": 2, "as": "lead2"},
        {"op": "first_value", "field": "t", "as": "first"},
        {"op": "last_value", "field": "t", "as": "last"},
        {"op": "nth_value", "field": "t", "param": 2, "as": "second"},
        {"op": "percent_rank", "as": "pr"},
        {"op": "cume_dist", "as": "cd"},
        {"op": "ntile", "param": 2, "as": "half"}],
      "groupby": ["g"], "sort": [{"field": "s"}], "frame": [null, null]}],
      "mark":"bar","encoding":{"x":{"field":"g","type":"nominal"}}}"#;
    let p = parse(spec).unwrap();
    for engine in [Engine::Columnar, Engine::Rows] {
        let out = apply_with(&t, &p.spec.view.transform, "transform", engine).unwrap();
        assert_eq!(col(&out, "lag"), vec!["", "a1", "a2", "a3", "", "b1", "b2"]);
        assert_eq!(col(&out, "lead2"), vec!["a3", "a4", "", "", "b3", "", ""]);
        assert_eq!(
            col(&out, "first"),
            vec!["a1", "a1", "a1", "a1", "b1", "b1", "b1"]
        );
        assert_eq!(
            col(&out, "last"),
            vec!["a4", "a4", "a4", "a4", "b3", "b3", "b3"]
        );
        assert_eq!(
            col(&out, "second"),
            vec!["a2", "a2", "a2", "a2", "b2", "b2", "b2"]
        );
        // Ranks 1, 2, 3, 4 of 4; the tie in b shares rank 1 and its cumulative share.
        assert_eq!(col(&out, "pr")[..4], ["0", "0.333333", "0.666667", "1"]);
        assert_eq!(col(&out, "pr")[4..], ["0", "0", "1"]);
        assert_eq!(
            col(&out, "cd"),
            vec!["0.25", "0.5", "0.75", "1", "0.666667", "0.666667", "1"]
        );
        assert_eq!(col(&out, "half"), vec!["1", "1", "2", "2", "2", "2", "2"]);
    }
    // The default frame [null, 0]: last_value is the row itself (and its ties).
    let spec = r#"{"data":{"values":[]},"transform":[{"window":[
        {"op": "last_value", "field": "t", "as": "last"}], "sort": [{"field": "s"}]}],
      "mark":"bar","encoding":{"x":{"field":"g","type":"nominal"}}}"#;
    let out = apply(&t, &parse(spec).unwrap().spec.view.transform, "transform").unwrap();
    assert_eq!(col(&out, "last")[4..6], ["b2", "b2"]);
}

#[test]
fn window_params_are_checked_at_their_path() {
    let bad = |op: &str| {
        let spec = format!(
            r#"{{"data":{{"values":[]}},"transform":[{{"window":[{op}]}}],"mark":"bar","encoding":{{"x":{{"field":"g","type":"nominal"}}}}}}"#
        );
        parse(&spec)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let e = bad(r#"{"op": "ntile", "as": "n"}"#);
    assert!(e.contains("transform[0].window[0].param"), "{e}");
    let e = bad(r#"{"op": "lag", "field": "t", "param": -1, "as": "n"}"#);
    assert!(
        e.contains("window[0].param") && e.contains("found -1"),
        "{e}"
    );
    let e = bad(r#"{"op": "nth_value", "field": "t", "param": 0, "as": "n"}"#);
    assert!(e.contains("a whole number of at least 1"), "{e}");
    let e = bad(r#"{"op": "lead", "as": "n"}"#);
    assert!(e.contains("window[0].field"), "{e}");
    let e = bad(r#"{"op": "lagg", "field": "t", "as": "n"}"#);
    assert!(e.contains("lag, lead"), "{e}");
}
