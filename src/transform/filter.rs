//! Filter predicates on rows.

use super::derive::time_unit_start;
use super::missing_field;
use crate::error::Error;
use crate::spec::{ConstValue, FieldTest, Predicate, TimeUnit};
use crate::table::{Table, Value};

/// Checks that every field a predicate tests exists.
pub fn check_fields(t: &Table, p: &Predicate, path: &str) -> Result<(), Error> {
    match p {
        Predicate::Field { field, .. } if t.column(field).is_none() => {
            Err(missing_field(t, field, &format!("{path}.field")))
        }
        Predicate::Field { .. } => Ok(()),
        Predicate::And(ps) | Predicate::Or(ps) => {
            ps.iter().try_for_each(|q| check_fields(t, q, path))
        }
        Predicate::Not(q) => check_fields(t, q, path),
        Predicate::Expr(e) => super::check_expr_fields(t, e, path),
        Predicate::Param { .. } => Ok(()),
    }
}

fn equals(v: &Value<'_>, c: &ConstValue) -> bool {
    match (v, c) {
        (Value::Number(n), ConstValue::Number(m)) => n == m,
        (Value::Date(d), ConstValue::Number(m)) => d == m,
        // Strict, as Vega-Lite's `===`: the text "2023" is not the number 2023.
        (Value::Text(t), ConstValue::Text(s)) => t == s,
        (Value::Date(d), ConstValue::Text(s)) => crate::table::date::format_iso(*d) == *s,
        _ => false,
    }
}

fn number(v: &Value<'_>) -> Option<f64> {
    match v {
        Value::Number(n) | Value::Date(n) => Some(*n),
        Value::Text(t) => crate::decimal::parse_f64(t.trim()),
        Value::Null => None,
    }
}

/// What a field predicate with time unit `u` compares of the date `d` (ms): as
/// Vega-Lite, the year 2023, the month 1–12, the quarter 1–4; another unit (year-month…)
/// the start of its period. An interval over a band of time-unit labels holds these
/// values too (`layout::brush`).
pub fn time_unit_value(d: f64, u: TimeUnit) -> Value<'static> {
    let (y, m, _) =
        crate::table::date::civil_from_days((d / crate::table::date::DAY_MS).floor() as i64);
    match u.parts() {
        TimeUnit::YEAR => Value::Number(y as f64),
        TimeUnit::MONTH => Value::Number(f64::from(m)),
        // `quarter` reads as `yearquarter` but compares the quarter 1–4.
        q if q == TimeUnit::YEAR | TimeUnit::QUARTER => Value::Number(f64::from((m - 1) / 3 + 1)),
        _ => Value::Date(time_unit_start(d, u)),
    }
}

/// Whether `p` holds for `row`.
pub fn holds(t: &Table, p: &Predicate, row: usize) -> bool {
    match p {
        Predicate::And(ps) => ps.iter().all(|q| holds(t, q, row)),
        Predicate::Or(ps) => ps.iter().any(|q| holds(t, q, row)),
        Predicate::Not(q) => !holds(t, q, row),
        Predicate::Expr(e) => super::truthy(&super::eval(t, e, row)),
        // Resolved before any layout (`spec::params::resolve`); an unresolved one is
        // an empty selection, which holds.
        Predicate::Param { .. } => true,
        Predicate::Field {
            field,
            time_unit,
            test,
        } => field_holds(t.value(field, row), *time_unit, test),
    }
}

/// Whether a field test (through its time unit, if any) holds for the value `raw`.
pub fn field_holds(raw: Value<'_>, time_unit: Option<TimeUnit>, test: &FieldTest) -> bool {
    // With a time unit, Vega-Lite compares the unit's number: the year 2023, the
    // month 1–12, the quarter 1–4; year-month compares the first of the month.
    let date = match (raw, time_unit) {
        (Value::Date(d), _) => Some(d),
        // A date in text, or the label of a discrete time unit ("Feb", "2024年3月") that
        // an aggregated mark's derived column holds.
        (Value::Text(t), Some(u)) => {
            crate::table::infer::parse_date(t).or_else(|| crate::format::unit_label_order(t, u))
        }
        _ => None,
    };
    let v = match (time_unit, date) {
        (Some(u), Some(d)) => time_unit_value(d, u),
        _ => raw,
    };
    match test {
        FieldTest::Valid(want) => {
            let valid = !matches!(v, Value::Null);
            valid == *want
        }
        FieldTest::Equal(c) => equals(&v, c),
        FieldTest::OneOf(cs) => cs.iter().any(|c| equals(&v, c)),
        FieldTest::Range(lo, hi) => {
            number(&v).is_some_and(|x| lo.is_none_or(|l| x >= l) && hi.is_none_or(|h| x <= h))
        }
        FieldTest::Lt(x) => number(&v).is_some_and(|n| n < *x),
        FieldTest::Lte(x) => number(&v).is_some_and(|n| n <= *x),
        FieldTest::Gt(x) => number(&v).is_some_and(|n| n > *x),
        FieldTest::Gte(x) => number(&v).is_some_and(|n| n >= *x),
    }
}
