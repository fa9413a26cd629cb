//! Data transforms: table in, table out.
//!
//! Vega-Lite's `transform` array runs here, in order: `filter`, `calculate`, `fold`,
//! `aggregate`, `window`, `joinaggregate`. The encoding's own aggregation, binning and
//! time units use the same [`aggregate`] and [`derive`] code (see `crate::encode`).
//! Filters, groups and aggregates run on the [`columnar`] engine whenever a predicate or
//! op is simple, and row by row (expressions) otherwise; both give the same table.
//! This stage knows fields and values, not pixels.

pub mod aggregate;
pub mod columnar;
#[cfg(feature = "full")]
pub mod density;
pub mod derive;
#[cfg(feature = "full")]
pub mod extent;
pub mod filter;
#[cfg(feature = "full")]
pub mod functions;
#[cfg(feature = "full")]
pub mod impute;
#[cfg(feature = "full")]
pub mod loess;
#[cfg(feature = "full")]
pub mod lookup;
#[cfg(feature = "full")]
pub mod pivot;
pub mod quantile;
#[cfg(feature = "full")]
pub mod regression;
pub mod stack;
#[cfg(feature = "full")]
mod window;

use crate::error::Error;
use crate::spec::{BinOp, Expr, Func, Transform};
use crate::table::{column_from_cells, Cell, Table, Value};
use std::cmp::Ordering;

/// Applies `transforms` in order. `path` is the JSON path of the transform array.
pub fn apply(table: &Table, transforms: &[Transform], path: &str) -> Result<Table, Error> {
    apply_with(table, transforms, path, Engine::Columnar)
}

/// How [`apply_with`] evaluates filters, groups and aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The [`columnar`] engine where it applies, row by row elsewhere (what [`apply`]
    /// does).
    Columnar,
    /// Row by row everywhere: the reference the columnar engine is tested against.
    Rows,
}

/// [`apply`] with a choice of engine (see [`Engine`]).
pub fn apply_with(
    table: &Table,
    transforms: &[Transform],
    path: &str,
    engine: Engine,
) -> Result<Table, Error> {
    let columnar = engine == Engine::Columnar;
    let mut t = table.clone();
    #[cfg(feature = "full")]
    let mut extents: extent::Extents = Vec::new();
    for (i, tr) in transforms.iter().enumerate() {
        let p = format!("{path}[{i}]");
        // `name[0]`/`name[1]` of the extents computed so far, as numbers.
        #[cfg(feature = "full")]
        let bound;
        #[cfg(feature = "full")]
        let tr = if extents.is_empty() {
            tr
        } else {
            bound = extent::bind(tr, &extents);
            &bound
        };
        t = match tr {
            Transform::Filter(pred) => {
                filter::check_fields(&t, pred, &format!("{p}.filter"))?;
                let test = columnar
                    .then(|| columnar::RowTest::compile(&t, pred))
                    .flatten();
                let keep: Vec<usize> = match &test {
                    Some(test) => (0..t.row_count()).filter(|&r| test.holds(r)).collect(),
                    None => (0..t.row_count())
                        .filter(|&r| filter::holds(&t, pred, r))
                        .collect(),
                };
                t.select_rows(&keep)
            }
            Transform::Calculate { expr, as_name } => {
                check_expr_fields(&t, expr, &format!("{p}.calculate"))?;
                let cells = (0..t.row_count()).map(|r| eval(&t, expr, r)).collect();
                let mut out = t;
                out.set_column(column_from_cells(as_name, cells));
                out
            }
            Transform::Fold { fields, as_names } => {
                fold(&t, fields, as_names, &format!("{p}.fold"))?
            }
            Transform::Aggregate { ops, groupby } => {
                aggregate::group(&t, groupby, ops, &p, columnar)?
            }
            Transform::JoinAggregate { ops, groupby } => {
                aggregate::join(&t, groupby, ops, &p, columnar)?
            }
            #[cfg(feature = "full")]
            Transform::Window {
                ops,
                groupby,
                sort,
                frame,
                ignore_peers,
            } => {
                let frame = window::Frame {
                    before: frame.0,
                    after: frame.1,
                    ignore_peers: *ignore_peers,
                };
                window::apply(&t, ops, groupby, sort, frame, &p, columnar)?
            }
            Transform::Bin {
                field,
                bin,
                as_names,
            } => derive::bin_columns(&t, field, bin, as_names, &format!("{p}.field"))?,
            Transform::TimeUnit {
                field,
                unit,
                as_name,
            } => derive::time_unit_column(&t, field, *unit, as_name, &format!("{p}.field"))?,
            #[cfg(feature = "full")]
            Transform::Lookup {
                field,
                from,
                as_names,
                default,
            } => {
                let crate::spec::DataSource::Inline(secondary) = &from.data else {
                    return Err(Error::Spec {
                        path: format!("{p}.from.data"),
                        expected: "rows loaded before the transforms run".into(),
                        found: "data that was not loaded".into(),
                    });
                };
                let default = match default {
                    Some(crate::spec::ConstValue::Number(n)) => Cell::Number(*n),
                    Some(crate::spec::ConstValue::Text(s)) => Cell::Text(s.clone()),
                    None => Cell::Null,
                };
                lookup::apply(
                    &t,
                    &lookup::Lookup {
                        field,
                        from: secondary,
                        key: &from.key,
                        fields: &from.fields,
                        as_names,
                        default: &default,
                    },
                    &p,
                )?
            }
            #[cfg(feature = "full")]
            Transform::Impute {
                field,
                key,
                keyvals,
                groupby,
                method,
                value,
                frame,
            } => {
                let how = match method {
                    Some(op) => impute::Method::Aggregate(*op),
                    None => impute::Method::Value(value.as_ref()),
                };
                impute::apply(&t, field, key, keyvals, groupby, how, *frame, &p)?
            }
            #[cfg(feature = "full")]
            Transform::Density {
                field,
                groupby,
                bandwidth,
                extent,
                steps,
                counts,
                cumulative,
                as_names,
            } => density::apply(
                &t,
                &density::Density {
                    field,
                    groupby,
                    bandwidth: *bandwidth,
                    extent: *extent,
                    steps: *steps,
                    counts: *counts,
                    cumulative: *cumulative,
                    as_names: (&as_names.0, &as_names.1),
                },
                &p,
            )?,
            #[cfg(feature = "full")]
            Transform::Regression {
                field,
                on,
                groupby,
                method,
                extent,
                params,
                as_names,
            } => regression::apply(
                &t,
                &regression::Regression {
                    field,
                    on,
                    groupby,
                    method: *method,
                    extent: *extent,
                    params: *params,
                    as_names: (&as_names.0, &as_names.1),
                },
                &p,
            )?,
            #[cfg(feature = "full")]
            Transform::Loess {
                field,
                on,
                groupby,
                bandwidth,
                as_names,
            } => loess::apply(
                &t,
                &loess::Loess {
                    field,
                    on,
                    groupby,
                    bandwidth: *bandwidth,
                    as_names: (&as_names.0, &as_names.1),
                },
                &p,
            )?,
            #[cfg(feature = "full")]
            Transform::Pivot {
                pivot,
                value,
                groupby,
                op,
                limit,
            } => pivot::apply(&t, pivot, value, groupby, *op, *limit, &p)?,
            #[cfg(feature = "full")]
            Transform::Extent { field, param } => {
                extents.push((param.clone(), extent::extent_of(&t, field, &p)?));
                t
            }
            #[cfg(not(feature = "full"))]
            Transform::Extent { .. } => t,
            Transform::Quantile {
                field,
                groupby,
                probs,
                step,
                as_names,
            } => {
                let probs = probs
                    .clone()
                    .unwrap_or_else(|| quantile::probs_of_step(*step));
                quantile::apply(&t, field, groupby, &probs, (&as_names.0, &as_names.1), &p)?
            }
            Transform::Stack {
                field,
                groupby,
                sort,
                offset,
                as_names,
            } => stack::apply(
                &t,
                &stack::StackSpec {
                    field,
                    groupby,
                    sort,
                    offset: *offset,
                    as_names: (&as_names.0, &as_names.1),
                },
                &p,
            )?,
            // The lite build's parser answers NeedsFull for these before any data loads;
            // this arm only keeps a hand-made spec from reaching a missing part.
            #[cfg(not(feature = "full"))]
            _ => {
                return Err(Error::NeedsFull {
                    path: p,
                    what: "a transform of the full build",
                })
            }
        };
    }
    Ok(t)
}

/// An error for a field the data does not have.
pub fn missing_field(table: &Table, field: &str, path: &str) -> Error {
    Error::MissingField {
        path: path.to_string(),
        field: field.to_string(),
        available: table.field_names(),
    }
}

/// Checks that every field an expression reads exists.
pub fn check_expr_fields(t: &Table, e: &Expr, path: &str) -> Result<(), Error> {
    match e {
        Expr::Field(f) if t.column(f).is_none() => Err(missing_field(t, f, path)),
        Expr::Neg(a) | Expr::Not(a) => check_expr_fields(t, a, path),
        Expr::Binary(a, _, b) => {
            check_expr_fields(t, a, path)?;
            check_expr_fields(t, b, path)
        }
        Expr::Cond(a, b, c) => [a, b, c]
            .into_iter()
            .try_for_each(|e| check_expr_fields(t, e, path)),
        Expr::Call(_, args) => args.iter().try_for_each(|e| check_expr_fields(t, e, path)),
        _ => Ok(()),
    }
}

/// JavaScript truthiness of a value: false for null, NaN, 0, "" and "false".
pub fn truthy(c: &Cell) -> bool {
    match c {
        Cell::Null => false,
        Cell::Number(n) => *n != 0.0 && !n.is_nan(),
        Cell::Date(d) => !d.is_nan(),
        Cell::Text(s) => !s.is_empty() && s != "false",
    }
}

fn boolean(b: bool) -> Cell {
    Cell::Text(if b { "true" } else { "false" }.to_string())
}

/// Evaluates an expression on one row. Arithmetic on a missing value gives a missing value;
/// `+` with text concatenates, as in JavaScript; comparisons and logic give `true`/`false`
/// (as text, the table's way of holding booleans).
pub fn eval(t: &Table, e: &Expr, row: usize) -> Cell {
    let num = |c: &Cell| match c {
        Cell::Number(n) | Cell::Date(n) => Some(*n),
        Cell::Text(s) if s == "true" => Some(1.0),
        Cell::Text(s) if s == "false" => Some(0.0),
        Cell::Text(s) => crate::decimal::parse_f64(s.trim()),
        Cell::Null => None,
    };
    match e {
        Expr::Number(n) => Cell::Number(*n),
        Expr::Text(s) => Cell::Text(s.clone()),
        Expr::Bool(b) => boolean(*b),
        Expr::Null => Cell::Null,
        Expr::Field(f) => t.value(f, row).into(),
        // An extent's item the transforms did not bind (no extent of that name ran yet).
        Expr::ParamItem(..) => Cell::Null,
        Expr::Neg(a) => match eval(t, a, row) {
            Cell::Number(n) => Cell::Number(-n),
            _ => Cell::Null,
        },
        Expr::Not(a) => boolean(!truthy(&eval(t, a, row))),
        Expr::Cond(test, then, otherwise) => {
            if truthy(&eval(t, test, row)) {
                eval(t, then, row)
            } else {
                eval(t, otherwise, row)
            }
        }
        Expr::Call(Func::If, args) => match args.as_slice() {
            [test, then, otherwise] => {
                if truthy(&eval(t, test, row)) {
                    eval(t, then, row)
                } else {
                    eval(t, otherwise, row)
                }
            }
            _ => Cell::Null,
        },
        #[cfg(feature = "full")]
        Expr::Call(func, args) => {
            let values: Vec<Cell> = args.iter().map(|a| eval(t, a, row)).collect();
            functions::call(*func, &values)
        }
        // The lite parser refuses every function but `if` (Error::NeedsFull).
        #[cfg(not(feature = "full"))]
        Expr::Call(..) => Cell::Null,
        Expr::Binary(a, op, b) => {
            if *op == BinOp::And {
                let x = eval(t, a, row);
                return if truthy(&x) { eval(t, b, row) } else { x };
            }
            if *op == BinOp::Or {
                let x = eval(t, a, row);
                return if truthy(&x) { x } else { eval(t, b, row) };
            }
            let (x, y) = (eval(t, a, row), eval(t, b, row));
            match op {
                BinOp::Eq | BinOp::Ne => {
                    let same = match (&x, &y) {
                        (Cell::Null, Cell::Null) => true,
                        (Cell::Null, _) | (_, Cell::Null) => false,
                        (Cell::Text(p), Cell::Text(q)) => p == q,
                        _ => match (num(&x), num(&y)) {
                            (Some(p), Some(q)) => p == q,
                            _ => false,
                        },
                    };
                    return boolean(same == (*op == BinOp::Eq));
                }
                BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                    let ord = match (&x, &y) {
                        (Cell::Text(p), Cell::Text(q))
                            if crate::decimal::parse_f64(p).is_none()
                                || crate::decimal::parse_f64(q).is_none() =>
                        {
                            Some(p.cmp(q))
                        }
                        _ => match (num(&x), num(&y)) {
                            (Some(p), Some(q)) => p.partial_cmp(&q),
                            _ => None,
                        },
                    };
                    let holds = ord.is_some_and(|o| match op {
                        BinOp::Lt => o.is_lt(),
                        BinOp::Le => o.is_le(),
                        BinOp::Gt => o.is_gt(),
                        _ => o.is_ge(),
                    });
                    return boolean(holds);
                }
                _ => {}
            }
            if *op == BinOp::Add && (matches!(x, Cell::Text(_)) || matches!(y, Cell::Text(_))) {
                return Cell::Text(format!(
                    "{}{}",
                    x.as_value().to_text(),
                    y.as_value().to_text()
                ));
            }
            match (num(&x), num(&y)) {
                (Some(p), Some(q)) => {
                    let v = match op {
                        BinOp::Add => p + q,
                        BinOp::Sub => p - q,
                        BinOp::Mul => p * q,
                        BinOp::Div => p / q,
                        _ => p % q,
                    };
                    if v.is_finite() {
                        Cell::Number(v)
                    } else {
                        Cell::Null
                    }
                }
                _ => Cell::Null,
            }
        }
    }
}

/// `fold`: each row becomes one row per folded field, with the field's name as key.
fn fold(
    t: &Table,
    fields: &[String],
    as_names: &(String, String),
    path: &str,
) -> Result<Table, Error> {
    for f in fields {
        if t.column(f).is_none() {
            return Err(missing_field(t, f, path));
        }
    }
    let rows: Vec<usize> = (0..t.row_count())
        .flat_map(|r| std::iter::repeat_n(r, fields.len()))
        .collect();
    let mut out = t.select_rows(&rows);
    let keys: Vec<Cell> = (0..t.row_count())
        .flat_map(|_| fields.iter().map(|f| Cell::Text(f.clone())))
        .collect();
    let values: Vec<Cell> = (0..t.row_count())
        .flat_map(|r| fields.iter().map(move |f| Cell::from(t.value(f, r))))
        .collect();
    out.set_column(column_from_cells(&as_names.0, keys));
    out.set_column(column_from_cells(&as_names.1, values));
    Ok(out)
}

/// A grouping key of a row: the display text of each field, joined.
pub fn group_key(t: &Table, fields: &[String], row: usize) -> String {
    let mut key = String::new();
    for f in fields {
        match t.value(f, row) {
            Value::Null => key.push('\u{0}'),
            v => key.push_str(&v.to_text()),
        }
        key.push('\u{1f}');
    }
    key
}

/// The order of two cells in a `sort` (window and stack transforms): numbers and dates by
/// value, text by text, nulls last.
pub(super) fn compare(a: &Value<'_>, b: &Value<'_>) -> Ordering {
    match (a, b) {
        (Value::Number(x) | Value::Date(x), Value::Number(y) | Value::Date(y)) => x.total_cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        _ => a.to_text().cmp(&b.to_text()),
    }
}

#[cfg(test)]
mod tests;
