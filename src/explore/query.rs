//! Queries: what the controls ask of the table — filters, up to three group-by fields, one
//! aggregate, top-N, a row limit, decimation — evaluated on the
//! [`crate::transform::columnar`] engine, and the same query as typed Vega-Lite
//! [`Transform`]s and back.

use super::decimate::decimate_rows;
use super::{missing_field, numbers_of, pick, Explorer};
use crate::error::Error;
use crate::spec::{
    AggregateField, AggregateOp, ConstValue, FieldTest, Predicate, SortKey, Transform, WindowField,
    WindowOp,
};
use crate::table::{Column, ColumnData, Table};
use crate::transform::columnar::{self, number_keys, Input, KeyCol, RowTest, NULL};

/// Most group-by fields a query may have (x, colour, facet).
pub const MAX_GROUP_BY: usize = 3;

/// Name of the top-N total in [`Query::to_transforms`].
pub const TOP_TOTAL: &str = "__top";
/// Name of the top-N rank in [`Query::to_transforms`].
pub const TOP_RANK: &str = "__rank";

/// One filter: keeps the rows whose `field` is one of `one_of`, or lies in `range`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// The field tested.
    pub field: String,
    /// Values to keep: strings and numbers (strict: `"2023"` is not `2023`).
    pub one_of: Option<Vec<ConstValue>>,
    /// `[min, max]`, both included, either `None` (open); numbers, dates as milliseconds.
    pub range: Option<[Option<f64>; 2]>,
    /// Keep the rows the test does *not* hold for (Vega-Lite's `not`); with `oneOf`, this
    /// keeps missing values too.
    pub exclude: bool,
}

impl Filter {
    /// The filter as a Vega-Lite predicate (`None` without a test, which
    /// [`Explorer::query`] refuses).
    pub fn predicate(&self) -> Option<Predicate> {
        let test = match (&self.one_of, &self.range) {
            (Some(values), _) => FieldTest::OneOf(values.clone()),
            (None, Some([lo, hi])) => FieldTest::Range(*lo, *hi),
            (None, None) => return None,
        };
        let p = Predicate::Field {
            field: self.field.clone(),
            time_unit: None,
            test,
        };
        Some(if self.exclude {
            Predicate::Not(Box::new(p))
        } else {
            p
        })
    }

    /// The filter a predicate means, if it is one the explorer's controls show: a field's
    /// `oneOf` or `equal` (as a one-value `oneOf`), its `range`, or `not` of a `oneOf`.
    pub fn from_predicate(p: &Predicate) -> Option<Filter> {
        match p {
            Predicate::Not(inner) => {
                let inner = Filter::from_predicate(inner)?;
                (inner.one_of.is_some() && !inner.exclude).then_some(Filter {
                    exclude: true,
                    ..inner
                })
            }
            Predicate::Field {
                field,
                time_unit: None,
                test,
            } => {
                let (one_of, range) = match test {
                    FieldTest::Equal(c) => (Some(vec![c.clone()]), None),
                    FieldTest::OneOf(cs) => (Some(cs.clone()), None),
                    FieldTest::Range(lo, hi) => (None, Some([*lo, *hi])),
                    _ => return None,
                };
                Some(Filter {
                    field: field.clone(),
                    one_of,
                    range,
                    exclude: false,
                })
            }
            _ => None,
        }
    }
}

/// The aggregate of a query: one op over one field (none for `count`).
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// The op.
    pub op: AggregateOp,
    /// The field aggregated (ignored by `count`).
    pub field: Option<String>,
    /// The output field's name.
    pub as_name: String,
}

impl Aggregate {
    /// As a Vega-Lite aggregate op named `as_name` (`count` without a field).
    fn field_op(&self, as_name: &str) -> AggregateField {
        AggregateField {
            op: self.op,
            field: self.field.clone().filter(|_| self.op != AggregateOp::Count),
            as_name: as_name.to_string(),
        }
    }
}

/// Decimation of a line or point chart's points (see [`super::decimate_minmax`],
/// [`super::decimate_grid`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Decimate {
    /// The x field (numbers or dates; text is never decimated).
    pub x: String,
    /// The y field.
    pub y: String,
    /// A series field (colour): each series is decimated on its own.
    pub series: Option<String>,
    /// Pixel columns of the plot.
    pub columns: usize,
    /// Pixel rows of the plot: given for points (one point per occupied pixel cell);
    /// absent for lines (first, last, lowest and highest point per pixel column).
    pub rows: Option<usize>,
}

/// A question to the explorer's table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Filters, all of which must hold.
    pub filters: Vec<Filter>,
    /// Group-by fields, at most [`MAX_GROUP_BY`]; the first is the one top-N ranks.
    pub group_by: Vec<String>,
    /// The aggregate; `None` returns the filtered rows themselves.
    pub aggregate: Option<Aggregate>,
    /// Without an aggregate: the fields to return (empty: all).
    pub fields: Vec<String>,
    /// Keep the groups of the first group-by field whose aggregate over all their rows has
    /// a dense rank ≤ `top` in descending order (ties share a rank, so more may stay).
    pub top: Option<usize>,
    /// At most this many rows out (the largest values are kept; `truncated` says so).
    pub limit: Option<usize>,
    /// Visual-preserving decimation of the rows out.
    pub decimate: Option<Decimate>,
}

/// A short description of a transform, for messages.
fn describe(t: &Transform) -> String {
    match t {
        Transform::Filter(Predicate::Expr(_)) => "a filter expression".into(),
        Transform::Filter(Predicate::Field { field, .. }) => format!("a filter on \"{field}\""),
        Transform::Filter(_) => "a combined filter (and, or, not)".into(),
        Transform::Calculate { as_name, .. } => format!("a calculate of \"{as_name}\""),
        Transform::Fold { .. } => "a fold".into(),
        Transform::Aggregate { ops, groupby } => {
            format!(
                "an aggregate of {} ops by {} fields",
                ops.len(),
                groupby.len()
            )
        }
        Transform::Window { .. } => "a window".into(),
        Transform::JoinAggregate { .. } => "a joinaggregate".into(),
        Transform::Bin { field, .. } => format!("a bin of \"{field}\""),
        Transform::TimeUnit { field, .. } => format!("a timeUnit of \"{field}\""),
        Transform::Lookup { .. } => "a lookup".into(),
        Transform::Pivot { .. } => "a pivot".into(),
        Transform::Impute { .. } => "an impute".into(),
        Transform::Density { .. } => "a density".into(),
        Transform::Regression { .. } => "a regression".into(),
        Transform::Loess { .. } => "a loess".into(),
        Transform::Stack { .. } => "a stack".into(),
        Transform::Quantile { .. } => "a quantile".into(),
        Transform::Extent { .. } => "an extent".into(),
    }
}

impl Query {
    /// The query's meaning as Vega-Lite transforms: filters; for top-N a `joinaggregate`
    /// of the op by the first group-by field, a `window` `dense_rank` by that total
    /// (descending) and a filter on the rank; then the `aggregate`. `limit` and
    /// `decimate` are presentation and have no transform.
    pub fn to_transforms(&self) -> Vec<Transform> {
        let mut out: Vec<Transform> = self
            .filters
            .iter()
            .filter_map(Filter::predicate)
            .map(Transform::Filter)
            .collect();
        if let Some(a) = &self.aggregate {
            if let (Some(n), Some(first)) = (self.top, self.group_by.first()) {
                out.push(Transform::JoinAggregate {
                    ops: vec![a.field_op(TOP_TOTAL)],
                    groupby: vec![first.clone()],
                });
                out.push(Transform::Window {
                    ops: vec![WindowField {
                        op: WindowOp::DenseRank,
                        field: None,
                        as_name: TOP_RANK.to_string(),
                    }],
                    groupby: Vec::new(),
                    sort: vec![SortKey {
                        field: TOP_TOTAL.to_string(),
                        descending: true,
                    }],
                    // Vega-Lite's default frame; ranks do not read it.
                    frame: (None, Some(0)),
                    ignore_peers: false,
                });
                out.push(Transform::Filter(Predicate::Field {
                    field: TOP_RANK.to_string(),
                    time_unit: None,
                    test: FieldTest::Lte(n as f64),
                }));
            }
            out.push(Transform::Aggregate {
                ops: vec![a.field_op(&a.as_name)],
                groupby: self.group_by.clone(),
            });
        }
        out
    }

    /// Reads back what [`Query::to_transforms`] writes (also `equal` as a one-value
    /// `oneOf`), as the spec parser read it (`spec::parse_transforms`). Anything else is
    /// an error naming the transform, so that an edited spec either maps onto the
    /// explorer's controls or says why not.
    pub fn from_transforms(transforms: &[Transform]) -> Result<Query, Error> {
        let mut q = Query::default();
        let mut i = 0;
        let path = |i: usize| format!("transform[{i}]");
        let unsupported = |i: usize, what: &str, found: &Transform| Error::Spec {
            path: path(i),
            expected: what.to_string(),
            found: describe(found),
        };
        let is_rank_filter =
            |p: &Predicate| matches!(p, Predicate::Field { field, .. } if field == TOP_RANK);
        // Filters first.
        while let Some(t) = transforms.get(i) {
            let Transform::Filter(p) = t else { break };
            if is_rank_filter(p) {
                break;
            }
            q.filters.push(Filter::from_predicate(p).ok_or_else(|| {
                unsupported(
                    i,
                    "a filter {field, oneOf | equal | range}, or {not: {field, oneOf}}",
                    t,
                )
            })?);
            i += 1;
        }
        // Top-N: joinaggregate, window, filter on the rank.
        let mut top_op: Option<(AggregateField, String)> = None;
        if let Some(t @ Transform::JoinAggregate { ops, groupby }) = transforms.get(i) {
            let err = || unsupported(i, "the top-N joinaggregate of one op by one field", t);
            let ([op], [first]) = (ops.as_slice(), groupby.as_slice()) else {
                return Err(err());
            };
            if op.op != AggregateOp::Count && op.field.is_none() {
                return Err(err());
            }
            top_op = Some((op.clone(), first.clone()));
            i += 1;
            let total = op.as_name.as_str();
            let window_expected = format!(
                "{{\"window\": [{{\"op\": \"dense_rank\", \"as\": …}}], \"sort\": [{{\"field\": \"{total}\", \"order\": \"descending\"}}]}}"
            );
            let rank = match transforms.get(i) {
                Some(Transform::Window {
                    ops, groupby, sort, ..
                }) if groupby.is_empty()
                    && matches!(sort.as_slice(), [s] if s.field == total && s.descending) =>
                {
                    match ops.as_slice() {
                        [WindowField {
                            op: WindowOp::DenseRank,
                            as_name: rank,
                            ..
                        }] => rank.clone(),
                        _ => return Err(unsupported(i, &window_expected, &transforms[i])),
                    }
                }
                Some(w) => return Err(unsupported(i, &window_expected, w)),
                None => {
                    return Err(Error::Spec {
                        path: path(i),
                        expected: window_expected,
                        found: "nothing".into(),
                    })
                }
            };
            i += 1;
            let rank_expected = format!("{{\"filter\": {{\"field\": \"{rank}\", \"lte\": n}}}}");
            let n = match transforms.get(i) {
                Some(Transform::Filter(Predicate::Field {
                    field,
                    time_unit: None,
                    test: FieldTest::Lte(n),
                })) if *field == rank && n.fract() == 0.0 && *n >= 0.0 => *n as usize,
                Some(f) => return Err(unsupported(i, &rank_expected, f)),
                None => {
                    return Err(Error::Spec {
                        path: path(i),
                        expected: rank_expected,
                        found: "nothing".into(),
                    })
                }
            };
            q.top = Some(n);
            i += 1;
        }
        if let Some(t) = transforms.get(i) {
            let err = || unsupported(i, "one aggregate op with up to three groupby fields", t);
            let Transform::Aggregate { ops, groupby } = t else {
                return Err(err());
            };
            let [op] = ops.as_slice() else {
                return Err(err());
            };
            if (op.op != AggregateOp::Count && op.field.is_none()) || groupby.len() > MAX_GROUP_BY {
                return Err(err());
            }
            if let Some((top, first)) = &top_op {
                if top.op != op.op
                    || (op.op != AggregateOp::Count && top.field != op.field)
                    || groupby.first() != Some(first)
                {
                    return Err(unsupported(
                        i,
                        "the same op and field as the top-N joinaggregate, grouped first by its field",
                        t,
                    ));
                }
            }
            q.group_by = groupby.clone();
            q.aggregate = Some(Aggregate {
                op: op.op,
                field: op.field.clone(),
                as_name: op.as_name.clone(),
            });
            i += 1;
        } else if top_op.is_some() {
            return Err(Error::Spec {
                path: path(i),
                expected: "an aggregate after the top-N transforms".into(),
                found: "nothing".into(),
            });
        }
        if let Some(t) = transforms.get(i) {
            return Err(unsupported(
                i,
                "nothing after the aggregate (the explorer's transforms are filters, top-N, aggregate)",
                t,
            ));
        }
        Ok(q)
    }
}

/// What [`Explorer::query`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    /// The rows out: group-by fields then the aggregate, or the requested fields.
    pub table: Table,
    /// Rows that passed the filters.
    pub matched: usize,
    /// Groups before top-N and `limit` (rows matched, without an aggregate).
    pub groups: usize,
    /// Whether `limit` cut rows off.
    pub truncated: bool,
    /// Rows before decimation, when decimation removed some.
    pub decimated_from: Option<usize>,
}

impl Explorer {
    /// Runs a query (see [`Query`]).
    pub fn query(&mut self, q: &Query) -> Result<QueryResult, Error> {
        self.check(q)?;
        let mut key_fields: Vec<&str> = q.group_by.iter().map(String::as_str).collect();
        if let Some(a) = &q.aggregate {
            if a.op == AggregateOp::Distinct {
                key_fields.extend(a.field.as_deref());
            }
        }
        if let Some(s) = q.decimate.as_ref().and_then(|d| d.series.as_deref()) {
            key_fields.push(s);
        }
        for f in key_fields {
            self.ensure_keys(f);
        }
        let this = &*self;
        let t = &this.table;
        let tests = q
            .filters
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.predicate()
                    .and_then(|p| RowTest::compile(t, &p))
                    .ok_or_else(|| missing_field(t, &f.field, &format!("query.filters[{i}].field")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let Some(agg) = &q.aggregate else {
            return Ok(this.raw_rows(q, &tests));
        };
        let op = agg.op;
        let keys: Vec<KeyCol<'_>> = q.group_by.iter().filter_map(|f| this.key_col(f)).collect();
        // Without filters every row is selected: sized once, not doubled up to a million.
        let rows = if tests.is_empty() { t.row_count() } else { 0 };
        let grouped = columnar::group_rows(&keys, t.row_count(), rows, |r| {
            tests.iter().all(|test| test.holds(r))
        })
        .ok_or_else(|| Error::Spec {
            path: "query.groupBy".into(),
            expected: "fewer distinct combinations of the group-by fields".into(),
            found: format!(
                "cardinalities {:?}",
                keys.iter().map(|k| k.card + 1).collect::<Vec<_>>()
            ),
        })?;
        let (sel, first_rows) = (&grouped.rows, &grouped.first_rows);
        let input = this.value_input(op, agg.field.as_deref());
        let values = columnar::aggregate(op, &input, sel, &grouped.group, first_rows.len());
        let groups = first_rows.len();

        // Top-N: dense rank of the first field's groups by the op over all their rows.
        let mut keep: Vec<bool> = vec![true; groups];
        if let (Some(n), Some(first)) = (q.top, keys.first()) {
            let mut dense = vec![u32::MAX; first.card + 1];
            let mut n0 = 0u32;
            let slot_of = |r: u32| {
                let c = first.codes[r as usize];
                if c == NULL {
                    first.card
                } else {
                    c as usize
                }
            };
            let top_group: Vec<u32> = sel
                .iter()
                .map(|&r| {
                    let slot = slot_of(r);
                    if dense[slot] == u32::MAX {
                        dense[slot] = n0;
                        n0 += 1;
                    }
                    dense[slot]
                })
                .collect();
            let totals = columnar::aggregate(op, &input, sel, &top_group, n0 as usize);
            let ranks = columnar::dense_ranks_descending(&totals.values);
            for (g, &r) in first_rows.iter().enumerate() {
                let d = dense[slot_of(r)] as usize;
                keep[g] = ranks.get(d).is_some_and(|&rank| rank <= n);
            }
        }
        let mut out: Vec<usize> = (0..groups).filter(|&g| keep[g]).collect();
        let mut truncated = false;
        if let Some(limit) = q.limit {
            if out.len() > limit {
                truncated = true;
                let mut by_value = out.clone();
                by_value.sort_by(|&a, &b| {
                    compare_desc_nulls_last(values.values[a], values.values[b]).then(a.cmp(&b))
                });
                by_value.truncate(limit);
                by_value.sort_unstable();
                out = by_value;
            }
        }
        let mut columns: Vec<Column> = q
            .group_by
            .iter()
            .filter_map(|f| t.column(f))
            .map(|c| pick(c, out.iter().map(|&g| first_rows[g] as usize)))
            .collect();
        columns.push(Column {
            name: agg.as_name.clone(),
            data: if values.dates {
                ColumnData::Date(out.iter().map(|&g| values.values[g]).collect())
            } else {
                ColumnData::Number(out.iter().map(|&g| values.values[g]).collect())
            },
        });
        let table = Table::new(columns).unwrap_or_default();
        let mut result = QueryResult {
            table,
            matched: sel.len(),
            groups,
            truncated,
            decimated_from: None,
        };
        if let Some(d) = &q.decimate {
            decimate_result(&mut result, d);
        }
        Ok(result)
    }

    fn check(&self, q: &Query) -> Result<(), Error> {
        let t = &self.table;
        let field = |f: &str, path: String| {
            t.column(f)
                .map(|_| ())
                .ok_or_else(|| missing_field(t, f, &path))
        };
        for (i, f) in q.filters.iter().enumerate() {
            field(&f.field, format!("query.filters[{i}].field"))?;
            if f.one_of.is_some() == f.range.is_some() {
                return Err(Error::Spec {
                    path: format!("query.filters[{i}]"),
                    expected: "exactly one of oneOf and range".into(),
                    found: if f.one_of.is_some() {
                        "both".into()
                    } else {
                        "neither".into()
                    },
                });
            }
        }
        if q.group_by.len() > MAX_GROUP_BY {
            return Err(Error::Spec {
                path: "query.groupBy".into(),
                expected: format!("at most {MAX_GROUP_BY} fields"),
                found: format!("{} fields", q.group_by.len()),
            });
        }
        for (i, g) in q.group_by.iter().enumerate() {
            field(g, format!("query.groupBy[{i}]"))?;
        }
        match &q.aggregate {
            Some(a) => match (&a.field, a.op) {
                (Some(f), _) => field(f, "query.aggregate.field".into())?,
                (None, AggregateOp::Count) => {}
                (None, op) => {
                    return Err(Error::Spec {
                        path: "query.aggregate.field".into(),
                        expected: format!("a field for {}", op.name()),
                        found: "nothing".into(),
                    })
                }
            },
            None => {
                if q.top.is_some() || !q.group_by.is_empty() {
                    return Err(Error::Spec {
                        path: "query.aggregate".into(),
                        expected: "an aggregate with groupBy and top".into(),
                        found: "none".into(),
                    });
                }
                for (i, f) in q.fields.iter().enumerate() {
                    field(f, format!("query.fields[{i}]"))?;
                }
            }
        }
        if q.top.is_some() && q.group_by.is_empty() {
            return Err(Error::Spec {
                path: "query.top".into(),
                expected: "a groupBy field to rank".into(),
                found: "no groupBy".into(),
            });
        }
        if let Some(d) = &q.decimate {
            if q.aggregate.is_none() {
                field(&d.x, "query.decimate.x".into())?;
                field(&d.y, "query.decimate.y".into())?;
            }
            if d.columns == 0 || d.rows == Some(0) {
                return Err(Error::Spec {
                    path: "query.decimate.columns".into(),
                    expected: "at least one pixel column and row".into(),
                    found: "0".into(),
                });
            }
        }
        Ok(())
    }

    /// The aggregated field's values, as the ops read them.
    fn value_input(&self, op: AggregateOp, field: Option<&str>) -> Input<'_> {
        let Some((f, c)) = field.and_then(|f| Some((f, self.table.column(f)?))) else {
            return Input::Nothing;
        };
        Input::of(op, c, self.key_codes(f))
    }

    /// The filtered rows themselves (no aggregate).
    fn raw_rows(&self, q: &Query, tests: &[RowTest<'_>]) -> QueryResult {
        let t = &self.table;
        let sel: Vec<usize> = (0..t.row_count())
            .filter(|&r| tests.iter().all(|test| test.holds(r)))
            .collect();
        let matched = sel.len();
        let fields: Vec<&Column> = if q.fields.is_empty() {
            t.columns().collect()
        } else {
            q.fields.iter().filter_map(|f| t.column(f)).collect()
        };
        let mut rows = sel;
        let mut decimated_from = None;
        if let Some(d) = &q.decimate {
            let xs = t.column(&d.x).and_then(numbers_of);
            let ys = t.column(&d.y).and_then(numbers_of);
            if let (Some(xs), Some(ys)) = (xs, ys) {
                let series = d.series.as_deref().and_then(|s| self.key_col(s));
                let kept = decimate_rows(&rows, xs, ys, series.as_ref().map(|k| &*k.codes), d);
                if kept.len() < rows.len() {
                    decimated_from = Some(rows.len());
                    rows = kept;
                }
            }
        }
        let mut truncated = false;
        if let Some(limit) = q.limit {
            if rows.len() > limit {
                rows.truncate(limit);
                truncated = true;
            }
        }
        let columns = fields
            .into_iter()
            .map(|c| pick(c, rows.iter().copied()))
            .collect();
        QueryResult {
            table: Table::new(columns).unwrap_or_default(),
            matched,
            groups: matched,
            truncated,
            decimated_from,
        }
    }
}

/// Decimates an aggregated result along its x (a number or date group-by field).
fn decimate_result(result: &mut QueryResult, d: &Decimate) {
    let t = &result.table;
    let (Some(xs), Some(ys)) = (
        t.column(&d.x).and_then(numbers_of),
        t.column(&d.y).and_then(numbers_of),
    ) else {
        return;
    };
    let series: Option<Vec<u32>> = d
        .series
        .as_deref()
        .and_then(|s| t.column(s))
        .map(|c| match &c.data {
            ColumnData::Text(tc) => tc.codes.clone(),
            ColumnData::Number(v) | ColumnData::Date(v) => {
                number_keys(v, matches!(c.data, ColumnData::Date(_))).codes
            }
        });
    let all: Vec<usize> = (0..t.row_count()).collect();
    let kept = decimate_rows(&all, xs, ys, series.as_deref(), d);
    if kept.len() < all.len() {
        let columns = t.columns().map(|c| pick(c, kept.iter().copied())).collect();
        result.decimated_from = Some(all.len());
        result.table = Table::new(columns).unwrap_or_default();
    }
}

/// Larger first, missing values last.
fn compare_desc_nulls_last(a: f64, b: f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        (false, false) => b.total_cmp(&a),
    }
}
