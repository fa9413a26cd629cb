//! The columnar query engine: group keys as dictionary codes, filters compiled to tests on
//! codes and `f64` columns, aggregates and dense ranks over selected rows — no `String` is
//! built per row, so a million rows re-aggregate in milliseconds.
//!
//! [`crate::transform`] runs its `filter`, `aggregate`, `joinaggregate` and `window`
//! groups through this engine whenever a predicate or op is simple (field predicates and
//! their `and`/`or`/`not`; every aggregate op) and keeps its row-by-row path for
//! expressions; the explorer ([`crate::explore`]) asks it directly, keeping the number
//! columns' codes between queries.
//!
//! Meanings are [`crate::transform`]'s: groups in order of first appearance; missing
//! values form their own group; numbers and dates group by their printed form (as the
//! transform's text group keys do); `count` counts rows, the other ops skip missing values,
//! `sum` of nothing is 0 and the others are missing.

use super::filter::field_holds;
use crate::spec::{AggregateOp, ConstValue, FieldTest, Predicate};
use crate::table::{date, format_plain_number, Column, ColumnData, Table, TextColumn, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// A missing value's code in key columns (the same as [`TextColumn::NULL`]).
pub const NULL: u32 = TextColumn::NULL;

/// Dense group slots are used while the product of the group-by cardinalities stays
/// below this; a hash table beyond.
const DENSE_SLOTS: u64 = 1 << 22;

// ---------------------------------------------------------------------------------------
// Keys

/// Group codes of a number or date column: one code per distinct printed value, in order
/// of first appearance (the same grouping as the transform's text keys).
#[derive(Debug, Clone)]
pub struct NumKeys {
    /// Per row: the code, or [`NULL`].
    pub codes: Vec<u32>,
    /// Per code: the value of its first row.
    pub values: Vec<f64>,
}

/// A key column: per-row codes (or [`NULL`]) below `card`.
#[derive(Debug, Clone)]
pub struct KeyCol<'a> {
    /// Per row: the code, or [`NULL`].
    pub codes: Cow<'a, [u32]>,
    /// Number of distinct codes.
    pub card: usize,
}

impl KeyCol<'_> {
    /// The key column of any column: a text column's own dictionary codes, or the codes
    /// of a number or date column's printed forms (computed here).
    pub fn of(c: &Column) -> KeyCol<'_> {
        match &c.data {
            ColumnData::Text(t) => KeyCol {
                codes: Cow::Borrowed(&t.codes),
                card: t.dictionary.len(),
            },
            ColumnData::Number(v) | ColumnData::Date(v) => {
                let keys = number_keys(v, matches!(c.data, ColumnData::Date(_)));
                KeyCol {
                    card: keys.values.len(),
                    codes: Cow::Owned(keys.codes),
                }
            }
        }
    }
}

/// Group codes of numbers or dates, equal printed forms merged (see [`NumKeys`]).
pub fn number_keys(values: &[f64], dates: bool) -> NumKeys {
    let mut exact = CodeMap::with_capacity(64);
    let mut exact_values: Vec<f64> = Vec::new();
    let mut codes: Vec<u32> = Vec::with_capacity(values.len());
    for &v in values {
        if v.is_nan() {
            codes.push(NULL);
            continue;
        }
        let next = exact_values.len() as u32;
        let id = exact.get_or_insert(number_bits(v), next);
        if id == next {
            exact_values.push(v);
        }
        codes.push(id);
    }
    // Merge values that print alike (format_plain_number rounds to 6 decimals; ISO dates
    // to the second), as the transform's text group keys do.
    let mut by_text: HashMap<String, u32> = HashMap::new();
    let mut merged: Vec<u32> = Vec::with_capacity(exact_values.len());
    let mut values_out: Vec<f64> = Vec::new();
    for &v in &exact_values {
        let text = if dates {
            date::format_iso(v)
        } else {
            format_plain_number(v)
        };
        let next = values_out.len() as u32;
        let id = *by_text.entry(text).or_insert(next);
        if id == next {
            values_out.push(v);
        }
        merged.push(id);
    }
    if merged.iter().enumerate().any(|(i, &m)| m as usize != i) {
        for c in codes.iter_mut().filter(|c| **c != NULL) {
            *c = merged[*c as usize];
        }
    }
    NumKeys {
        codes,
        values: values_out,
    }
}

/// The bits of a number as a set key: `0.0` and `-0.0` are one key (they are equal).
fn number_bits(v: f64) -> u64 {
    if v == 0.0 {
        0
    } else {
        v.to_bits()
    }
}

/// Selected rows and their groups (see [`group_rows`]).
#[derive(Debug, Clone, Default)]
pub struct Grouped {
    /// The selected rows, ascending.
    pub rows: Vec<u32>,
    /// Per selected row: its group.
    pub group: Vec<u32>,
    /// Per group: its first row (groups are numbered in order of first appearance).
    pub first_rows: Vec<u32>,
}

/// Groups the rows `0..row_count` for which `selected` holds by the combined codes of
/// `keys` (missing values form their own group). `None` when the product of the
/// cardinalities does not fit in 64 bits. `capacity` sizes the row vectors once (the row
/// count when nothing is filtered out).
pub fn group_rows(
    keys: &[KeyCol<'_>],
    row_count: usize,
    capacity: usize,
    mut selected: impl FnMut(usize) -> bool,
) -> Option<Grouped> {
    let cards: Vec<u64> = keys.iter().map(|k| k.card as u64 + 1).collect();
    let product = cards.iter().try_fold(1u64, |a, &c| a.checked_mul(c))?;
    let mut slots = Slots::new(product);
    let mut out = Grouped {
        rows: Vec::with_capacity(capacity),
        group: Vec::with_capacity(capacity),
        first_rows: Vec::new(),
    };
    let codes: Vec<&[u32]> = keys.iter().map(|k| &*k.codes).collect();
    for r in 0..row_count {
        if !selected(r) {
            continue;
        }
        let mut k = 0u64;
        for (codes, &card) in codes.iter().zip(&cards) {
            let code = codes[r];
            let code = if code == NULL {
                card - 1
            } else {
                u64::from(code)
            };
            k = k * card + code;
        }
        let next = out.first_rows.len() as u32;
        let g = slots.get_or_insert(k, next);
        if g == next {
            out.first_rows.push(r as u32);
        }
        out.rows.push(r as u32);
        out.group.push(g);
    }
    Some(out)
}

/// The rows of each group of `fields` in `t`, groups in order of first appearance;
/// `None` when a field is missing or the key space does not fit in 64 bits.
pub fn groups(t: &Table, fields: &[String]) -> Option<Vec<Vec<usize>>> {
    let keys = fields
        .iter()
        .map(|f| t.column(f).map(KeyCol::of))
        .collect::<Option<Vec<_>>>()?;
    let n = t.row_count();
    let g = group_rows(&keys, n, n, |_| true)?;
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); g.first_rows.len()];
    for (&r, &k) in g.rows.iter().zip(&g.group) {
        out[k as usize].push(r as usize);
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------
// Filters

/// A compiled filter: a lookup by key code, a numeric range, a set of numbers, or their
/// combinations.
#[derive(Debug, Clone)]
pub enum RowTest<'a> {
    /// Text: pass iff `allowed[code]`; missing → `missing`.
    Codes {
        /// The column's codes.
        codes: &'a [u32],
        /// Per dictionary entry: whether it passes.
        allowed: Vec<bool>,
        /// Whether a missing value passes.
        missing: bool,
    },
    /// Numbers or dates in `[lo, hi]` (NaN fails), inverted by `exclude`.
    Range {
        /// The column.
        values: &'a [f64],
        /// Smallest value in.
        lo: f64,
        /// Largest value in.
        hi: f64,
        /// Keep the rows outside instead (and the missing ones).
        exclude: bool,
    },
    /// Numbers or dates equal to one of a set (by value), inverted by `exclude`.
    Set {
        /// The column.
        values: &'a [f64],
        /// The set, by [`number_bits`].
        set: CodeMap,
        /// Keep the rows not in the set instead (and the missing ones).
        exclude: bool,
    },
    /// Dates compared with text constants (their ISO form) too: the rare, slow path.
    DateText {
        /// The column.
        values: &'a [f64],
        /// Constants compared by value.
        numbers: Vec<f64>,
        /// Constants compared with the ISO text of the date.
        texts: Vec<String>,
        /// Keep the rows that match none instead (and the missing ones).
        exclude: bool,
    },
    /// All must hold.
    All(Vec<RowTest<'a>>),
    /// Any must hold.
    Any(Vec<RowTest<'a>>),
}

impl<'a> RowTest<'a> {
    /// The test of a predicate over `t`, with the meaning of the transform's row-by-row
    /// filter; `None` when it is not simple (an expression, a time unit on a date field)
    /// or names a field `t` lacks.
    pub fn compile(t: &'a Table, p: &Predicate) -> Option<RowTest<'a>> {
        match p {
            Predicate::Expr(_) | Predicate::Param { .. } => None,
            Predicate::And(ps) => ps
                .iter()
                .map(|q| RowTest::compile(t, q))
                .collect::<Option<_>>()
                .map(RowTest::All),
            Predicate::Or(ps) => ps
                .iter()
                .map(|q| RowTest::compile(t, q))
                .collect::<Option<_>>()
                .map(RowTest::Any),
            Predicate::Not(q) => RowTest::compile(t, q).map(RowTest::negate),
            Predicate::Field {
                field,
                time_unit,
                test,
            } => {
                let c = t.column(field)?;
                match &c.data {
                    // Each dictionary entry tested once, as the row-by-row filter would.
                    ColumnData::Text(tc) => Some(RowTest::Codes {
                        codes: &tc.codes,
                        allowed: tc
                            .dictionary
                            .iter()
                            .map(|s| field_holds(Value::Text(s), *time_unit, test))
                            .collect(),
                        missing: field_holds(Value::Null, *time_unit, test),
                    }),
                    ColumnData::Date(_) if time_unit.is_some() => None,
                    // A number column has no time unit to apply.
                    ColumnData::Number(v) | ColumnData::Date(v) => {
                        Some(number_test(v, matches!(c.data, ColumnData::Date(_)), test))
                    }
                }
            }
        }
    }

    /// The test that holds exactly where this one does not.
    pub fn negate(self) -> RowTest<'a> {
        match self {
            RowTest::Codes {
                codes,
                allowed,
                missing,
            } => RowTest::Codes {
                codes,
                allowed: allowed.into_iter().map(|a| !a).collect(),
                missing: !missing,
            },
            RowTest::Range {
                values,
                lo,
                hi,
                exclude,
            } => RowTest::Range {
                values,
                lo,
                hi,
                exclude: !exclude,
            },
            RowTest::Set {
                values,
                set,
                exclude,
            } => RowTest::Set {
                values,
                set,
                exclude: !exclude,
            },
            RowTest::DateText {
                values,
                numbers,
                texts,
                exclude,
            } => RowTest::DateText {
                values,
                numbers,
                texts,
                exclude: !exclude,
            },
            RowTest::All(ts) => RowTest::Any(ts.into_iter().map(RowTest::negate).collect()),
            RowTest::Any(ts) => RowTest::All(ts.into_iter().map(RowTest::negate).collect()),
        }
    }

    /// Whether the test holds for row `r`.
    #[inline]
    pub fn holds(&self, r: usize) -> bool {
        match self {
            RowTest::Codes {
                codes,
                allowed,
                missing,
            } => match codes[r] {
                NULL => *missing,
                c => allowed[c as usize],
            },
            RowTest::Range {
                values,
                lo,
                hi,
                exclude,
            } => {
                let v = values[r];
                (v >= *lo && v <= *hi) != *exclude
            }
            RowTest::Set {
                values,
                set,
                exclude,
            } => {
                let v = values[r];
                let hit = !v.is_nan() && set.contains(number_bits(v));
                hit != *exclude
            }
            RowTest::DateText {
                values,
                numbers,
                texts,
                exclude,
            } => {
                let v = values[r];
                let hit = !v.is_nan()
                    && (numbers.contains(&v) || {
                        let iso = date::format_iso(v);
                        texts.contains(&iso)
                    });
                hit != *exclude
            }
            RowTest::All(_) | RowTest::Any(_) => self.holds_combined(r),
        }
    }

    /// [`RowTest::holds`] of `All` and `Any`: out of line, so that `holds` itself is not
    /// recursive and inlines into the per-row loops.
    #[inline(never)]
    fn holds_combined(&self, r: usize) -> bool {
        match self {
            RowTest::All(ts) => ts.iter().all(|t| t.holds(r)),
            RowTest::Any(ts) => ts.iter().any(|t| t.holds(r)),
            leaf => leaf.holds(r),
        }
    }
}

/// The test of a field test over a number or date column (no time unit).
fn number_test<'a>(values: &'a [f64], dates: bool, test: &FieldTest) -> RowTest<'a> {
    let range = |lo: f64, hi: f64| RowTest::Range {
        values,
        lo,
        hi,
        exclude: false,
    };
    let consts: &[ConstValue] = match test {
        FieldTest::Valid(want) => {
            return RowTest::Range {
                values,
                lo: f64::NEG_INFINITY,
                hi: f64::INFINITY,
                exclude: !want,
            }
        }
        FieldTest::Range(lo, hi) => {
            return range(lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY))
        }
        FieldTest::Lt(x) => return range(f64::NEG_INFINITY, x.next_down()),
        FieldTest::Lte(x) => return range(f64::NEG_INFINITY, *x),
        FieldTest::Gt(x) => return range(x.next_up(), f64::INFINITY),
        FieldTest::Gte(x) => return range(*x, f64::INFINITY),
        FieldTest::Equal(c) => std::slice::from_ref(c),
        FieldTest::OneOf(cs) => cs,
    };
    let mut numbers = Vec::new();
    let mut texts = Vec::new();
    for c in consts {
        match c {
            ConstValue::Number(n) => numbers.push(*n),
            ConstValue::Text(s) => texts.push(s.clone()),
        }
    }
    // Text never equals a number (strict, as Vega-Lite's `===`); a date equals its ISO text.
    if dates && !texts.is_empty() {
        return RowTest::DateText {
            values,
            numbers,
            texts,
            exclude: false,
        };
    }
    let mut set = CodeMap::with_capacity(numbers.len());
    for n in numbers.iter().filter(|n| !n.is_nan()) {
        set.get_or_insert(number_bits(*n), 0);
    }
    RowTest::Set {
        values,
        set,
        exclude: false,
    }
}

// ---------------------------------------------------------------------------------------
// Aggregation

/// The aggregated field as the ops read it.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// No field (count) or a text field (no numbers to aggregate).
    Nothing,
    /// Numbers, or dates (`true`).
    Numbers(&'a [f64], bool),
    /// Key codes, for `distinct`.
    Keys(&'a [u32]),
}

impl<'a> Input<'a> {
    /// What `op` reads of column `c`; `keys` are its key codes (only `distinct` reads
    /// them).
    pub fn of(op: AggregateOp, c: &'a Column, keys: Option<&'a [u32]>) -> Input<'a> {
        if op == AggregateOp::Distinct {
            return keys.map_or(Input::Nothing, Input::Keys);
        }
        match &c.data {
            ColumnData::Number(v) => Input::Numbers(v, false),
            ColumnData::Date(v) => Input::Numbers(v, true),
            ColumnData::Text(_) => Input::Nothing,
        }
    }
}

/// Per-group results of [`aggregate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregated {
    /// Per group: the value (NaN = missing).
    pub values: Vec<f64>,
    /// Whether the values are dates (min, max and median of a date field).
    pub dates: bool,
}

/// Computes `op` per group; `rows[i]` is a selected row and `group[i]` its group.
pub fn aggregate(
    op: AggregateOp,
    input: &Input<'_>,
    rows: &[u32],
    group: &[u32],
    groups: usize,
) -> Aggregated {
    let op = op.computed();
    let mut out = vec![f64::NAN; groups];
    let mut dates = false;
    match (op, input) {
        (AggregateOp::Count, _) => {
            out.iter_mut().for_each(|v| *v = 0.0);
            for &g in group {
                out[g as usize] += 1.0;
            }
        }
        (AggregateOp::Distinct, Input::Keys(codes)) => {
            out.iter_mut().for_each(|v| *v = 0.0);
            let mut seen = CodeMap::with_capacity(groups * 4);
            for (&r, &g) in rows.iter().zip(group) {
                let c = codes[r as usize];
                if c != NULL {
                    seen.get_or_insert((u64::from(g) << 32) | u64::from(c), 0);
                    if !seen.last_was_found {
                        out[g as usize] += 1.0;
                    }
                }
            }
        }
        (AggregateOp::Distinct, _) => out.iter_mut().for_each(|v| *v = 0.0),
        (AggregateOp::Sum, Input::Numbers(xs, _)) => {
            out.iter_mut().for_each(|v| *v = 0.0);
            for (&r, &g) in rows.iter().zip(group) {
                let x = xs[r as usize];
                if !x.is_nan() {
                    out[g as usize] += x;
                }
            }
        }
        (AggregateOp::Sum, _) => out.iter_mut().for_each(|v| *v = 0.0),
        (AggregateOp::Mean, Input::Numbers(xs, _)) => {
            let mut sums = vec![0.0; groups];
            let mut ns = vec![0u32; groups];
            for (&r, &g) in rows.iter().zip(group) {
                let x = xs[r as usize];
                if !x.is_nan() {
                    sums[g as usize] += x;
                    ns[g as usize] += 1;
                }
            }
            for g in 0..groups {
                if ns[g] > 0 {
                    out[g] = sums[g] / f64::from(ns[g]);
                }
            }
        }
        (AggregateOp::Min | AggregateOp::Max, Input::Numbers(xs, is_date)) => {
            dates = *is_date;
            let min = op == AggregateOp::Min;
            for (&r, &g) in rows.iter().zip(group) {
                let x = xs[r as usize];
                if x.is_nan() {
                    continue;
                }
                let slot = &mut out[g as usize];
                *slot = if slot.is_nan() {
                    x
                } else if min {
                    slot.min(x)
                } else {
                    slot.max(x)
                };
            }
        }
        (AggregateOp::Median, Input::Numbers(xs, is_date)) => {
            dates = *is_date;
            median(xs, rows, group, &mut out);
        }
        (
            AggregateOp::Q1
            | AggregateOp::Q3
            | AggregateOp::Variance
            | AggregateOp::Stdev
            | AggregateOp::Stderr
            | AggregateOp::Ci0
            | AggregateOp::Ci1,
            Input::Numbers(xs, is_date),
        ) => {
            dates = *is_date && matches!(op, AggregateOp::Q1 | AggregateOp::Q3);
            let mut values: Vec<Vec<f64>> = vec![Vec::new(); groups];
            for (&r, &g) in rows.iter().zip(group) {
                let x = xs[r as usize];
                if !x.is_nan() {
                    values[g as usize].push(x);
                }
            }
            for (slot, xs) in out.iter_mut().zip(&mut values) {
                *slot = of_values(op, xs);
            }
        }
        // Mean, min, max, median of text: nothing to aggregate.
        _ => {}
    }
    Aggregated { values: out, dates }
}

/// `op` over one group's values (none missing; reordered in place): the quartiles by
/// R-7 interpolation (`x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])`, `h = (n − 1)p`, as
/// d3-array's `quantile`, which Vega uses), sample variance and standard deviation
/// (divisor n − 1), standard error, and the normal 95 % interval of the mean. NaN when
/// the group has too few values (none; one for the dispersion ops). The one definition,
/// used by the row-by-row engine too.
pub fn of_values(op: AggregateOp, xs: &mut [f64]) -> f64 {
    let n = xs.len();
    if n == 0 {
        return f64::NAN;
    }
    let quantile = |xs: &mut [f64], p: f64| -> f64 {
        xs.sort_unstable_by(f64::total_cmp);
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        match xs.get(lo + 1) {
            Some(&hi) => xs[lo] + (h - lo as f64) * (hi - xs[lo]),
            None => xs[lo],
        }
    };
    let mean = xs.iter().sum::<f64>() / n as f64;
    let variance = || {
        if n < 2 {
            f64::NAN
        } else {
            xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
        }
    };
    // 97.5th percentile of the standard normal distribution.
    const Z_975: f64 = 1.959_963_984_540_054;
    match op {
        AggregateOp::Q1 => quantile(xs, 0.25),
        AggregateOp::Q3 => quantile(xs, 0.75),
        AggregateOp::Median => quantile(xs, 0.5),
        AggregateOp::Variance => variance(),
        AggregateOp::Stdev => variance().sqrt(),
        AggregateOp::Stderr => (variance() / n as f64).sqrt(),
        AggregateOp::Ci0 => mean - Z_975 * (variance() / n as f64).sqrt(),
        AggregateOp::Ci1 => mean + Z_975 * (variance() / n as f64).sqrt(),
        AggregateOp::Mean | AggregateOp::Average => mean,
        AggregateOp::Sum => xs.iter().sum(),
        AggregateOp::Min => xs.iter().copied().fold(f64::INFINITY, f64::min),
        AggregateOp::Max => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        AggregateOp::Count => n as f64,
        AggregateOp::Distinct | AggregateOp::ArgMin | AggregateOp::ArgMax => f64::NAN,
    }
}

/// Per group, the median of `xs` over its rows (missing values skipped) into `out`.
fn median(xs: &[f64], rows: &[u32], group: &[u32], out: &mut [f64]) {
    let groups = out.len();
    // Values grouped by a counting sort, then the middle of each group.
    let mut starts = vec![0usize; groups + 1];
    for (&r, &g) in rows.iter().zip(group) {
        if !xs[r as usize].is_nan() {
            starts[g as usize + 1] += 1;
        }
    }
    for g in 0..groups {
        starts[g + 1] += starts[g];
    }
    let mut fill = starts.clone();
    let mut flat = vec![0.0; starts[groups]];
    for (&r, &g) in rows.iter().zip(group) {
        let x = xs[r as usize];
        if !x.is_nan() {
            flat[fill[g as usize]] = x;
            fill[g as usize] += 1;
        }
    }
    for g in 0..groups {
        let xs = &mut flat[starts[g]..starts[g + 1]];
        let n = xs.len();
        if n == 0 {
            continue;
        }
        // The same values a full sort would put in the middle, in linear time.
        let (lower, mid, _) = xs.select_nth_unstable_by(n / 2, f64::total_cmp);
        let mid = *mid;
        out[g] = if n % 2 == 1 {
            mid
        } else {
            let below = lower.iter().copied().fold(f64::NEG_INFINITY, |a, b| {
                if a.total_cmp(&b).is_lt() {
                    b
                } else {
                    a
                }
            });
            (below + mid) / 2.0
        };
    }
}

/// How the `window` transform orders numbers: ascending by value, missing values last
/// (reversed when `descending`).
fn compare_numbers(a: f64, b: f64, descending: bool) -> std::cmp::Ordering {
    let o = match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        (false, false) => a.total_cmp(&b),
    };
    if descending {
        o.reverse()
    } else {
        o
    }
}

/// Sorts `rows` by `values` as the `window` transform orders one number or date key
/// (stable: ties keep their order) and returns, per position, the rank and the dense rank
/// (ties share both).
pub fn ranks(values: &[f64], rows: &mut [usize], descending: bool) -> Vec<[usize; 2]> {
    crate::sort::indices(rows, &mut |a, b| {
        compare_numbers(values[a], values[b], descending)
    });
    let (mut rank, mut dense) = (0usize, 0usize);
    rows.iter()
        .enumerate()
        .map(|(i, &r)| {
            let tie = i > 0 && compare_numbers(values[rows[i - 1]], values[r], false).is_eq();
            if !tie {
                rank = i + 1;
                dense += 1;
            }
            [rank, dense]
        })
        .collect()
}

/// Dense ranks (1 = largest) of `values` in descending order with missing values first,
/// as the `window` transform ranks numbers sorted descending.
pub fn dense_ranks_descending(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let ranked = ranks(values, &mut order, true);
    let mut out = vec![0usize; values.len()];
    for (&i, [_, dense]) in order.iter().zip(ranked) {
        out[i] = dense;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Group slots: dense when the key space is small, open addressing otherwise

/// Group index by combined key.
enum Slots {
    Dense(Vec<u32>),
    Hash(CodeMap),
}

impl Slots {
    fn new(product: u64) -> Slots {
        if product <= DENSE_SLOTS {
            Slots::Dense(vec![u32::MAX; product as usize])
        } else {
            Slots::Hash(CodeMap::with_capacity(1024))
        }
    }

    /// The group of `key`, inserting `next` for a new key.
    #[inline]
    fn get_or_insert(&mut self, key: u64, next: u32) -> u32 {
        match self {
            Slots::Dense(v) => {
                let slot = &mut v[key as usize];
                if *slot == u32::MAX {
                    *slot = next;
                }
                *slot
            }
            Slots::Hash(m) => m.get_or_insert(key, next),
        }
    }
}

/// A small open-addressing map from `u64` keys to `u32` values (Fibonacci hashing,
/// linear probing), for per-row lookups without hashing strings.
#[derive(Debug, Clone)]
pub struct CodeMap {
    keys: Vec<u64>,
    vals: Vec<u32>,
    used: Vec<bool>,
    len: usize,
    shift: u32,
    /// Whether the last [`CodeMap::get_or_insert`] found the key already there.
    last_was_found: bool,
}

impl CodeMap {
    /// An empty map with room for about `n` keys before it grows.
    pub fn with_capacity(n: usize) -> CodeMap {
        let cap = (n.max(8) * 2).next_power_of_two();
        CodeMap {
            keys: vec![0; cap],
            vals: vec![0; cap],
            used: vec![false; cap],
            len: 0,
            shift: 64 - cap.trailing_zeros(),
            last_was_found: false,
        }
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Whether `key` is in the map.
    pub fn contains(&self, key: u64) -> bool {
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        while self.used[i] {
            if self.keys[i] == key {
                return true;
            }
            i = (i + 1) & mask;
        }
        false
    }

    /// The value of `key`, inserting `value` when the key is new.
    pub fn get_or_insert(&mut self, key: u64, value: u32) -> u32 {
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        while self.used[i] {
            if self.keys[i] == key {
                self.last_was_found = true;
                return self.vals[i];
            }
            i = (i + 1) & mask;
        }
        self.used[i] = true;
        self.keys[i] = key;
        self.vals[i] = value;
        self.len += 1;
        self.last_was_found = false;
        value
    }

    fn grow(&mut self) {
        let mut bigger = CodeMap::with_capacity(self.keys.len());
        for i in 0..self.keys.len() {
            if self.used[i] {
                bigger.get_or_insert(self.keys[i], self.vals[i]);
            }
        }
        *self = bigger;
    }
}
