//! The `extent` transform (feature `full`): a field's [min, max] as a parameter that later
//! `calculate` and filter expressions of the same transform list read as `name[0]` and
//! `name[1]` (`spec::Expr::ParamItem`); the rows pass through unchanged.

use super::missing_field;
use crate::error::Error;
use crate::spec::{Expr, Predicate, Transform};
use crate::table::{Table, Value};

/// The extents computed so far: each parameter's name with its [min, max] (`None` when
/// the field has no number).
pub type Extents = Vec<(String, Option<[f64; 2]>)>;

/// The [min, max] of `field`'s numbers and dates in `t` (missing values skipped).
pub fn extent_of(t: &Table, field: &str, path: &str) -> Result<Option<[f64; 2]>, Error> {
    if t.column(field).is_none() {
        return Err(missing_field(t, field, path));
    }
    let mut out: Option<[f64; 2]> = None;
    for r in 0..t.row_count() {
        let v = match t.value(field, r) {
            Value::Number(n) | Value::Date(n) if !n.is_nan() => n,
            _ => continue,
        };
        out = Some(match out {
            None => [v, v],
            Some([lo, hi]) => [lo.min(v), hi.max(v)],
        });
    }
    Ok(out)
}

/// `tr` with every `name[i]` of a computed extent replaced by its number (null for an
/// extent without numbers); transforms without expressions are returned as they are.
pub fn bind(tr: &Transform, extents: &Extents) -> Transform {
    match tr {
        Transform::Calculate { expr, as_name } => Transform::Calculate {
            expr: bind_expr(expr, extents),
            as_name: as_name.clone(),
        },
        Transform::Filter(p) => Transform::Filter(bind_predicate(p, extents)),
        other => other.clone(),
    }
}

fn bind_predicate(p: &Predicate, extents: &Extents) -> Predicate {
    match p {
        Predicate::Expr(e) => Predicate::Expr(bind_expr(e, extents)),
        Predicate::And(ps) => {
            Predicate::And(ps.iter().map(|p| bind_predicate(p, extents)).collect())
        }
        Predicate::Or(ps) => Predicate::Or(ps.iter().map(|p| bind_predicate(p, extents)).collect()),
        Predicate::Not(p) => Predicate::Not(Box::new(bind_predicate(p, extents))),
        other => other.clone(),
    }
}

fn bind_expr(e: &Expr, extents: &Extents) -> Expr {
    let b = |x: &Expr| Box::new(bind_expr(x, extents));
    match e {
        Expr::ParamItem(name, i) => match extents.iter().rev().find(|(n, _)| n == name) {
            Some((_, Some(pair))) if *i < 2 => Expr::Number(pair[*i]),
            Some(_) => Expr::Null,
            None => e.clone(),
        },
        Expr::Neg(a) => Expr::Neg(b(a)),
        Expr::Not(a) => Expr::Not(b(a)),
        Expr::Binary(x, op, y) => Expr::Binary(b(x), *op, b(y)),
        Expr::Cond(x, y, z) => Expr::Cond(b(x), b(y), b(z)),
        Expr::Call(f, args) => Expr::Call(*f, args.iter().map(|a| bind_expr(a, extents)).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::BinOp;
    use crate::table::{column_from_cells, Cell};

    #[test]
    fn extent_is_the_min_and_max_and_binds_into_later_expressions() {
        // SYNTHETIC column b: 28, null, 91, 19.
        let mut t = Table::default();
        t.set_column(column_from_cells(
            "b",
            vec![
                Cell::Number(28.0),
                Cell::Null,
                Cell::Number(91.0),
                Cell::Number(19.0),
            ],
        ));
        let ext = extent_of(&t, "b", "transform[0]").unwrap();
        assert_eq!(ext, Some([19.0, 91.0]));
        let extents: Extents = vec![("e".into(), ext)];
        // datum.b - e[0] → datum.b - 19
        let calc = Transform::Calculate {
            expr: Expr::Binary(
                Box::new(Expr::Field("b".into())),
                BinOp::Sub,
                Box::new(Expr::ParamItem("e".into(), 0)),
            ),
            as_name: "d".into(),
        };
        match bind(&calc, &extents) {
            Transform::Calculate {
                expr: Expr::Binary(_, _, y),
                ..
            } => {
                assert_eq!(*y, Expr::Number(19.0))
            }
            other => panic!("{other:?}"),
        }
        assert!(extent_of(&t, "nope", "transform[0]").is_err());
    }

    #[test]
    fn a_transform_list_computes_the_extent_and_reads_it() {
        // SYNTHETIC column b: 28, 91, 19 → extent [19, 91]; share = (b − 19) / 72.
        let mut t = Table::default();
        t.set_column(column_from_cells(
            "b",
            vec![Cell::Number(28.0), Cell::Number(91.0), Cell::Number(19.0)],
        ));
        let json: serde_json::Value = serde_json::from_str(
            r#"[{"extent":"b","param":"e"},
                {"calculate":"(datum.b - e[0]) / (e[1] - e[0])","as":"share"},
                {"filter":"datum.b > e[0]"}]"#,
        )
        .unwrap();
        let (transforms, _) = crate::spec::parse_transforms(&json, "transform").unwrap();
        let out = crate::transform::apply(&t, &transforms, "transform").unwrap();
        // 19 is filtered out (not above the min); 28 → 9/72 = 0.125, 91 → 1.
        assert_eq!(out.row_count(), 2);
        let shares: Vec<String> = (0..2).map(|r| out.value("share", r).to_text()).collect();
        assert_eq!(shares, ["0.125", "1"]);
    }
}
