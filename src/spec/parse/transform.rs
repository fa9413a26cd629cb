//! `transform` entries and filter predicates.

use super::*;
use crate::spec::expr;
pub(in crate::spec) fn parse_transforms(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<Vec<Transform>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of transforms", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, t)| parse_transform(t, &format!("{path}[{i}]"), w))
        .collect()
}

fn strings(v: &Json, path: &str) -> Result<Vec<String>, Error> {
    match v {
        Json::String(s) => Ok(vec![s.clone()]),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                it.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| spec_error(&format!("{path}[{i}]"), "a field name", it))
            })
            .collect(),
        other => Err(spec_error(
            path,
            "a field name or an array of field names",
            other,
        )),
    }
}

fn aggregate_fields(v: &Json, path: &str, w: &mut Warnings) -> Result<Vec<AggregateField>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of {op, field, as}", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let p = format!("{path}[{i}]");
            let mut r = ObjReader::new(it, &p, "an {op, field, as} object")?;
            let op_v = r
                .get("op")
                .ok_or_else(|| missing(&join(&p, "op"), "an aggregate op"))?;
            let op = op_v
                .as_str()
                .and_then(AggregateOp::from_name)
                .ok_or_else(|| {
                    spec_error(
                        &join(&p, "op"),
                        format!("one of {}", AggregateOp::NAMES.join(", ")),
                        op_v,
                    )
                })?;
            let field = r.opt_str("field")?;
            if field.is_none() && op != AggregateOp::Count {
                return Err(missing(&join(&p, "field"), "a field name"));
            }
            // Vega-Lite requires the output name.
            let as_name = r
                .opt_str("as")?
                .ok_or_else(|| missing(&join(&p, "as"), "the output field's name"))?;
            r.finish(&[], w)?;
            Ok(AggregateField { op, field, as_name })
        })
        .collect()
}

fn parse_transform(v: &Json, path: &str, w: &mut Warnings) -> Result<Transform, Error> {
    let mut r = ObjReader::new(v, path, "a transform object")?;
    let t = if let Some(f) = r.get("filter") {
        Transform::Filter(parse_predicate(f, &join(path, "filter"), w)?)
    } else if let Some(c) = r.get("calculate") {
        let cp = join(path, "calculate");
        let text = c
            .as_str()
            .ok_or_else(|| spec_error(&cp, "an expression string", c))?;
        let expr = expr::parse_expr(text, &cp)?;
        let as_name = r
            .opt_str("as")?
            .ok_or_else(|| missing(&join(path, "as"), "the new field's name"))?;
        Transform::Calculate { expr, as_name }
    } else if let Some(f) = r.get("fold") {
        let fields = strings(f, &join(path, "fold"))?;
        let as_names = match r.get("as") {
            None => ("key".to_string(), "value".to_string()),
            Some(a) => {
                let names = strings(a, &join(path, "as"))?;
                match names.as_slice() {
                    [k, v] => (k.clone(), v.clone()),
                    _ => return Err(spec_error(&join(path, "as"), "two names [key, value]", a)),
                }
            }
        };
        Transform::Fold { fields, as_names }
    } else if let Some(a) = r.get("aggregate") {
        let ops = aggregate_fields(a, &join(path, "aggregate"), w)?;
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        Transform::Aggregate { ops, groupby }
    } else if let Some(a) = r.get("joinaggregate") {
        let ops = aggregate_fields(a, &join(path, "joinaggregate"), w)?;
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        Transform::JoinAggregate { ops, groupby }
    } else if let Some(win) = r.get("window") {
        let wp = join(path, "window");
        let items = win
            .as_array()
            .ok_or_else(|| spec_error(&wp, "an array of {op, as}", win))?;
        let mut ops = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let p = format!("{wp}[{i}]");
            let mut ir = ObjReader::new(it, &p, "an {op, as} object")?;
            let op_v = ir
                .get("op")
                .ok_or_else(|| missing(&join(&p, "op"), "a window op"))?;
            let op = match one_of(op_v, &join(&p, "op"), &["row_number", "rank", "dense_rank"])? {
                "rank" => WindowOp::Rank,
                "dense_rank" => WindowOp::DenseRank,
                _ => WindowOp::RowNumber,
            };
            let as_name = ir
                .opt_str("as")?
                .ok_or_else(|| missing(&join(&p, "as"), "the output field's name"))?;
            ir.finish(&["param", "field"], w)?;
            ops.push((op, as_name));
        }
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        let mut sort = Vec::new();
        if let Some(s) = r.get("sort") {
            let sp = join(path, "sort");
            let items = s
                .as_array()
                .ok_or_else(|| spec_error(&sp, "an array of {field, order}", s))?;
            for (i, it) in items.iter().enumerate() {
                let p = format!("{sp}[{i}]");
                let mut sr = ObjReader::new(it, &p, "a {field, order} object")?;
                let field = sr
                    .opt_str("field")?
                    .ok_or_else(|| missing(&join(&p, "field"), "a field name"))?;
                let descending = match sr.get("order") {
                    None => false,
                    Some(o) => {
                        one_of(o, &join(&p, "order"), &["ascending", "descending"])? == "descending"
                    }
                };
                sr.finish(&[], w)?;
                sort.push(SortKey { field, descending });
            }
        }
        r.get("frame");
        r.get("ignorePeers");
        Transform::Window { ops, groupby, sort }
    } else {
        let keys: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        return Err(Error::Spec {
            path: path.into(),
            expected: "one of filter, calculate, fold, aggregate, joinaggregate, window".into(),
            found: if keys.is_empty() {
                "an empty object".into()
            } else {
                keys.join(", ")
            },
        });
    };
    r.finish(
        &[
            "bin",
            "timeUnit",
            "lookup",
            "flatten",
            "pivot",
            "stack",
            "impute",
            "density",
            "loess",
            "regression",
            "quantile",
            "sample",
            "extent",
        ],
        w,
    )?;
    Ok(t)
}

pub(super) fn parse_predicate(v: &Json, path: &str, w: &mut Warnings) -> Result<Predicate, Error> {
    if let Json::String(text) = v {
        return expr::parse_expr(text, path).map(Predicate::Expr);
    }
    let mut r = ObjReader::new(v, path, "a predicate object")?;
    for (key, combine) in [
        ("and", Predicate::And as fn(Vec<Predicate>) -> Predicate),
        ("or", Predicate::Or),
    ] {
        if let Some(list) = r.get(key) {
            let lp = join(path, key);
            let items = list
                .as_array()
                .ok_or_else(|| spec_error(&lp, "an array of predicates", list))?;
            let preds = items
                .iter()
                .enumerate()
                .map(|(i, p)| parse_predicate(p, &format!("{lp}[{i}]"), w))
                .collect::<Result<_, _>>()?;
            r.finish(&[], w)?;
            return Ok(combine(preds));
        }
    }
    if let Some(not) = r.get("not") {
        let inner = parse_predicate(not, &join(path, "not"), w)?;
        r.finish(&[], w)?;
        return Ok(Predicate::Not(Box::new(inner)));
    }
    let field = r
        .opt_str("field")?
        .ok_or_else(|| missing(&join(path, "field"), "a field name (or and/or/not)"))?;
    let time_unit = parse_time_unit(r.get("timeUnit"), path)?;
    let num = |r: &mut ObjReader<'_>, k: &str| r.opt_num(k);
    let test = if let Some(e) = r.get("equal") {
        FieldTest::Equal(parse_const(e, &join(path, "equal"))?)
    } else if let Some(o) = r.get("oneOf") {
        let op = join(path, "oneOf");
        let items = o
            .as_array()
            .ok_or_else(|| spec_error(&op, "an array of values", o))?;
        FieldTest::OneOf(
            items
                .iter()
                .enumerate()
                .map(|(i, it)| parse_const(it, &format!("{op}[{i}]")))
                .collect::<Result<_, _>>()?,
        )
    } else if let Some(rg) = r.get("range") {
        let rp = join(path, "range");
        let items = rg
            .as_array()
            .filter(|a| a.len() == 2)
            .ok_or_else(|| spec_error(&rp, "[min, max] (either may be null)", rg))?;
        let end = |j: usize| -> Result<Option<f64>, Error> {
            match &items[j] {
                Json::Null => Ok(None),
                Json::Number(n) => Ok(n.as_f64()),
                other => Err(spec_error(&format!("{rp}[{j}]"), "a number or null", other)),
            }
        };
        FieldTest::Range(end(0)?, end(1)?)
    } else if let Some(x) = num(&mut r, "lt")? {
        FieldTest::Lt(x)
    } else if let Some(x) = num(&mut r, "lte")? {
        FieldTest::Lte(x)
    } else if let Some(x) = num(&mut r, "gt")? {
        FieldTest::Gt(x)
    } else if let Some(x) = num(&mut r, "gte")? {
        FieldTest::Gte(x)
    } else if let Some(b) = r.opt_bool("valid")? {
        FieldTest::Valid(b)
    } else {
        return Err(missing(
            path,
            "a test: equal, oneOf, range, lt, lte, gt, gte or valid",
        ));
    };
    r.finish(&["param"], w)?;
    Ok(Predicate::Field {
        field,
        time_unit,
        test,
    })
}
