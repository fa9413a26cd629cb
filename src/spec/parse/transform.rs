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

pub(super) fn strings(v: &Json, path: &str) -> Result<Vec<String>, Error> {
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
            let op = aggregate_op(op_v, &join(&p, "op"))?;
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
            let op = match op_v.as_str() {
                Some("row_number") => WindowOp::RowNumber,
                Some("rank") => WindowOp::Rank,
                Some("dense_rank") => WindowOp::DenseRank,
                Some(name) if AggregateOp::from_name(name).is_some() => {
                    WindowOp::Aggregate(AggregateOp::from_name(name).unwrap_or(AggregateOp::Count))
                }
                _ => {
                    return Err(spec_error(
                        &join(&p, "op"),
                        format!(
                            "one of row_number, rank, dense_rank, {}",
                            AggregateOp::NAMES.join(", ")
                        ),
                        op_v,
                    ))
                }
            };
            let field = ir.opt_str("field")?;
            if field.is_none() && matches!(op, WindowOp::Aggregate(a) if a != AggregateOp::Count) {
                return Err(missing(&join(&p, "field"), "the field the op aggregates"));
            }
            let as_name = ir
                .opt_str("as")?
                .ok_or_else(|| missing(&join(&p, "as"), "the output field's name"))?;
            ir.finish(&["param"], w)?;
            ops.push(WindowField { op, field, as_name });
        }
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        let sort = match r.get("sort") {
            Some(s) => sort_keys(s, &join(path, "sort"), w)?,
            None => Vec::new(),
        };
        let frame = match r.get("frame") {
            None => (None, Some(0)),
            Some(f) => {
                let fp = join(path, "frame");
                let bound = |v: &Json, i: usize| -> Result<Option<u32>, Error> {
                    match v {
                        Json::Null => Ok(None),
                        v => v
                            .as_f64()
                            .filter(|x| x.fract() == 0.0 && x.abs() <= 1e6)
                            .map(|x| Some(x.abs() as u32))
                            .ok_or_else(|| {
                                spec_error(&format!("{fp}[{i}]"), "a whole number or null", v)
                            }),
                    }
                };
                match f.as_array().map(Vec::as_slice) {
                    Some([a, b]) => {
                        if a.as_f64().is_some_and(|x| x > 0.0)
                            || b.as_f64().is_some_and(|x| x < 0.0)
                        {
                            return Err(spec_error(
                                &fp,
                                "[before, after] with before ≤ 0 ≤ after (or null)",
                                f,
                            ));
                        }
                        (bound(a, 0)?, bound(b, 1)?)
                    }
                    _ => return Err(spec_error(&fp, "[before, after]", f)),
                }
            }
        };
        let ignore_peers = match r.get("ignorePeers") {
            None => false,
            Some(Json::Bool(b)) => *b,
            Some(v) => return Err(spec_error(&join(path, "ignorePeers"), "true or false", v)),
        };
        Transform::Window {
            ops,
            groupby,
            sort,
            frame,
            ignore_peers,
        }
    } else if let Some(b) = r.get("bin") {
        let bin = super::encoding::parse_bin(Some(b), path, w)?
            .ok_or_else(|| spec_error(&join(path, "bin"), "true or a bin object", b))?;
        let field = r
            .opt_str("field")?
            .ok_or_else(|| missing(&join(path, "field"), "the field to bin"))?;
        let as_names = match r.get("as") {
            Some(Json::String(s)) => (s.clone(), format!("{s}_end")),
            Some(a) => match strings(a, &join(path, "as"))?.as_slice() {
                [start, end] => (start.clone(), end.clone()),
                _ => return Err(spec_error(&join(path, "as"), "a name or [start, end]", a)),
            },
            None => return Err(missing(&join(path, "as"), "the bin field's name")),
        };
        Transform::Bin {
            field,
            bin,
            as_names,
        }
    } else if r.has("timeUnit") {
        let unit = parse_time_unit(r.get("timeUnit"), path)?
            .ok_or_else(|| missing(&join(path, "timeUnit"), "a time unit"))?;
        let field = r
            .opt_str("field")?
            .ok_or_else(|| missing(&join(path, "field"), "the date field"))?;
        let as_name = r
            .opt_str("as")?
            .ok_or_else(|| missing(&join(path, "as"), "the new field's name"))?;
        Transform::TimeUnit {
            field,
            unit,
            as_name,
        }
    } else if let Some(l) = r.get("lookup") {
        let field = l
            .as_str()
            .ok_or_else(|| spec_error(&join(path, "lookup"), "the key field's name", l))?
            .to_string();
        let fp = join(path, "from");
        let from_v = r
            .get("from")
            .ok_or_else(|| missing(&fp, "{data, key, fields}"))?;
        let mut fr = ObjReader::new(from_v, &fp, "a {data, key, fields} object")?;
        let data_v = fr.get("data").ok_or_else(|| {
            missing(
                &join(&fp, "data"),
                "the secondary data (values, url or name)",
            )
        })?;
        let data = super::data::parse_data(data_v, &join(&fp, "data"), w)?;
        let key = fr
            .opt_str("key")?
            .ok_or_else(|| missing(&join(&fp, "key"), "the secondary data's key field"))?;
        let fields = match fr.get("fields") {
            Some(f) => strings(f, &join(&fp, "fields"))?,
            None => Vec::new(),
        };
        fr.finish(&["param"], w)?;
        let as_names = match r.get("as") {
            Some(a) => strings(a, &join(path, "as"))?,
            None => Vec::new(),
        };
        let default = match r.get("default") {
            None | Some(Json::Null) => None,
            Some(d) => Some(parse_const(d, &join(path, "default"))?),
        };
        Transform::Lookup {
            field,
            from: Box::new(LookupFrom { data, key, fields }),
            as_names,
            default,
        }
    } else if let Some(f) = r.get("impute") {
        let field = f
            .as_str()
            .ok_or_else(|| spec_error(&join(path, "impute"), "the field to fill in", f))?
            .to_string();
        let key = r
            .opt_str("key")?
            .ok_or_else(|| missing(&join(path, "key"), "the key field"))?;
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        let params = parse_impute_params(&params_object(&mut r), path, w)?;
        Transform::Impute {
            field,
            key,
            keyvals: params.keyvals,
            groupby,
            method: params.method,
            value: params.value,
        }
    } else if let Some(f) = r.get("quantile") {
        let field = f
            .as_str()
            .ok_or_else(|| spec_error(&join(path, "quantile"), "the numeric field", f))?
            .to_string();
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        let probs = match r.get("probs") {
            Some(p) => {
                let pp = join(path, "probs");
                let items = p
                    .as_array()
                    .ok_or_else(|| spec_error(&pp, "an array of probabilities", p))?;
                Some(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, x)| {
                            x.as_f64()
                                .filter(|x| (0.0..=1.0).contains(x))
                                .ok_or_else(|| {
                                    spec_error(
                                        &format!("{pp}[{i}]"),
                                        "a probability from 0 to 1",
                                        x,
                                    )
                                })
                        })
                        .collect::<Result<Vec<f64>, Error>>()?,
                )
            }
            None => None,
        };
        let step = match r.opt_num("step")? {
            None => 0.01,
            // At most 10,000 probabilities.
            Some(step) if (1e-4..1.0).contains(&step) => step,
            Some(step) => {
                return Err(Error::Spec {
                    path: join(path, "step"),
                    expected: "a number from 0.0001 to below 1".into(),
                    found: step.to_string(),
                })
            }
        };
        let as_names = match r.get("as") {
            None => ("prob".to_string(), "value".to_string()),
            Some(a) => match strings(a, &join(path, "as"))?.as_slice() {
                [p, v] => (p.clone(), v.clone()),
                _ => return Err(spec_error(&join(path, "as"), "two names [prob, value]", a)),
            },
        };
        Transform::Quantile {
            field,
            groupby,
            probs,
            step,
            as_names,
        }
    } else if let Some(f) = r.get("stack") {
        let field = f
            .as_str()
            .ok_or_else(|| spec_error(&join(path, "stack"), "the numeric field to stack", f))?
            .to_string();
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => {
                return Err(missing(
                    &join(path, "groupby"),
                    "the grouping fields (an array, [] for one stack)",
                ))
            }
        };
        let sort = match r.get("sort") {
            Some(s) => sort_keys(s, &join(path, "sort"), w)?,
            None => Vec::new(),
        };
        let offset = match r.get("offset") {
            None => Stack::Zero,
            Some(o) => match one_of(o, &join(path, "offset"), &["zero", "center", "normalize"])? {
                "center" => Stack::Center,
                "normalize" => Stack::Normalize,
                _ => Stack::Zero,
            },
        };
        let ap = join(path, "as");
        let as_names = match r.get("as") {
            None => return Err(missing(&ap, "the names of the start and end fields")),
            Some(Json::String(one)) => (one.clone(), format!("{one}_end")),
            Some(a) => match strings(a, &ap)?.as_slice() {
                [start, end] => (start.clone(), end.clone()),
                _ => return Err(spec_error(&ap, "two names [start, end] or one name", a)),
            },
        };
        Transform::Stack {
            field,
            groupby,
            sort,
            offset,
            as_names,
        }
    } else if r.peek("regression").is_some() || r.peek("loess").is_some() {
        super::curve::parse_curve(&mut r, path)?
    } else if let Some(f) = r.get("density") {
        let field = f
            .as_str()
            .ok_or_else(|| spec_error(&join(path, "density"), "the field to estimate", f))?
            .to_string();
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        let bandwidth = r.opt_num("bandwidth")?.filter(|b| *b > 0.0);
        let extent = match r.get("extent") {
            None => None,
            Some(e) => match e.as_array().map(Vec::as_slice) {
                Some([a, b])
                    if a.as_f64()
                        .zip(b.as_f64())
                        .is_some_and(|(a, b)| a < b && (b - a).is_finite()) =>
                {
                    a.as_f64().zip(b.as_f64())
                }
                _ => {
                    return Err(spec_error(
                        &join(path, "extent"),
                        "[min, max] with min < max",
                        e,
                    ))
                }
            },
        };
        let steps = match r.opt_num("steps")? {
            None => 100,
            Some(s) if s.fract() == 0.0 && (2.0..=10_000.0).contains(&s) => s as usize,
            Some(s) => {
                return Err(Error::Spec {
                    path: join(path, "steps"),
                    expected: "a whole number from 2 to 10000".into(),
                    found: s.to_string(),
                })
            }
        };
        for key in ["minsteps", "maxsteps"] {
            if let Some(v) = r.get(key) {
                if !v.is_number() {
                    return Err(spec_error(&join(path, key), "a number", v));
                }
            }
        }
        let counts = r.opt_bool("counts")?.unwrap_or(false);
        let cumulative = r.opt_bool("cumulative")?.unwrap_or(false);
        let as_names = match r.get("as") {
            None => ("value".to_string(), "density".to_string()),
            Some(a) => match strings(a, &join(path, "as"))?.as_slice() {
                [x, y] => (x.clone(), y.clone()),
                _ => {
                    return Err(spec_error(
                        &join(path, "as"),
                        "two names [value, density]",
                        a,
                    ))
                }
            },
        };
        Transform::Density {
            field,
            groupby,
            bandwidth,
            extent,
            steps,
            counts,
            cumulative,
            as_names,
        }
    } else if let Some(pv) = r.get("pivot") {
        let pivot = pv
            .as_str()
            .ok_or_else(|| {
                spec_error(
                    &join(path, "pivot"),
                    "the field whose values become columns",
                    pv,
                )
            })?
            .to_string();
        let value = r
            .opt_str("value")?
            .ok_or_else(|| missing(&join(path, "value"), "the field to aggregate"))?;
        let groupby = match r.get("groupby") {
            Some(g) => strings(g, &join(path, "groupby"))?,
            None => Vec::new(),
        };
        let op = match r.get("op") {
            None => AggregateOp::Sum,
            Some(o) => aggregate_op(o, &join(path, "op"))?,
        };
        let limit = match r.opt_num("limit")? {
            None => 0,
            Some(n) if n >= 0.0 && n.fract() == 0.0 => n.min(1e6) as usize,
            Some(n) => {
                return Err(Error::Spec {
                    path: join(path, "limit"),
                    expected: "a whole number ≥ 0".into(),
                    found: n.to_string(),
                })
            }
        };
        Transform::Pivot {
            pivot,
            value,
            groupby,
            op,
            limit,
        }
    } else {
        let keys: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        return Err(Error::Spec {
            path: path.into(),
            expected: "one of filter, calculate, fold, aggregate, joinaggregate, window, bin, timeUnit, lookup, impute, density, regression, loess, pivot, stack, quantile".into(),
            found: if keys.is_empty() {
                "an empty object".into()
            } else {
                keys.join(", ")
            },
        });
    };
    r.finish(&["flatten", "sample", "extent"], w)?;
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
        let mut end = |j: usize| -> Result<Option<f64>, Error> {
            match &items[j] {
                Json::Null => Ok(None),
                Json::Number(n) => Ok(n.as_f64()),
                Json::Object(_) => datetime(&items[j], &format!("{rp}[{j}]"), w).map(Some),
                other => Err(spec_error(
                    &format!("{rp}[{j}]"),
                    "a number, a date-time object or null",
                    other,
                )),
            }
        };
        let lo = end(0)?;
        FieldTest::Range(lo, end(1)?)
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

/// A Vega-Lite date-time object (`{"year": 2005, "month": "mar", "date": 1}`) as
/// milliseconds since the epoch (UTC, as every date in stdviz): `month` is 1–12 or an
/// English name, `quarter` 1–4; missing parts take Vega-Lite's defaults (the year 2012,
/// January, the 1st, midnight). `utc` is accepted; `day` (a weekday) is not supported.
pub(super) fn datetime(v: &Json, path: &str, w: &mut Warnings) -> Result<f64, Error> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut r = ObjReader::new(v, path, "a date-time object")?;
    let whole =
        |r: &mut ObjReader<'_>, key: &str, lo: f64, hi: f64| -> Result<Option<f64>, Error> {
            match r.opt_num(key)? {
                Some(x) if x.fract() == 0.0 && (lo..=hi).contains(&x) => Ok(Some(x)),
                Some(x) => Err(Error::Spec {
                    path: join(path, key),
                    expected: format!("a whole number from {lo} to {hi}"),
                    found: x.to_string(),
                }),
                None => Ok(None),
            }
        };
    let year = whole(&mut r, "year", -9999.0, 9999.0)?.unwrap_or(2012.0) as i64;
    let quarter = whole(&mut r, "quarter", 1.0, 4.0)?;
    let month = match r.get("month") {
        None => quarter.map_or(1, |q| (q as u32 - 1) * 3 + 1),
        Some(Json::String(name)) => {
            let lower = name.to_ascii_lowercase();
            MONTHS
                .iter()
                .position(|m| lower.len() >= 3 && lower.starts_with(m))
                .map(|i| i as u32 + 1)
                .ok_or_else(|| {
                    spec_error(
                        &join(path, "month"),
                        "a month 1–12 or its English name",
                        &Json::String(name.clone()),
                    )
                })?
        }
        Some(m) => match m.as_f64() {
            Some(x) if x.fract() == 0.0 && (1.0..=12.0).contains(&x) => x as u32,
            _ => {
                return Err(spec_error(
                    &join(path, "month"),
                    "a month 1–12 or its English name",
                    m,
                ))
            }
        },
    };
    let date = whole(&mut r, "date", 1.0, 31.0)?.unwrap_or(1.0) as u32;
    let hours = whole(&mut r, "hours", 0.0, 23.0)?.unwrap_or(0.0);
    let minutes = whole(&mut r, "minutes", 0.0, 59.0)?.unwrap_or(0.0);
    let seconds = whole(&mut r, "seconds", 0.0, 59.0)?.unwrap_or(0.0);
    let millis = whole(&mut r, "milliseconds", 0.0, 999.0)?.unwrap_or(0.0);
    if let Some(u) = r.get("utc") {
        if !u.is_boolean() {
            return Err(spec_error(&join(path, "utc"), "true or false", u));
        }
    }
    r.finish(&["day"], w)?;
    if !crate::table::date::is_valid(year, month, date) {
        return Err(spec_error(path, "a date that exists", v));
    }
    let day = crate::table::date::days_from_civil(year, month, date) as f64;
    Ok(day * crate::table::date::DAY_MS
        + hours * 3_600_000.0
        + minutes * 60_000.0
        + seconds * 1_000.0
        + millis)
}

/// The parameters of an `impute` object (an encoding's, or a transform's gathered by
/// [`params_object`]): `value`, `method`, `keyvals` (an array), `frame` (only
/// `[null, null]`).
pub(super) fn parse_impute_params(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<EncodingImpute, Error> {
    let mut r = ObjReader::new(v, path, "an impute object")?;
    let keyvals = match r.get("keyvals") {
        None => Vec::new(),
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, k)| parse_const(k, &format!("{}[{i}]", join(path, "keyvals"))))
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(spec_error(
                &join(path, "keyvals"),
                "an array of key values (a {start, stop, step} sequence is not supported yet)",
                other,
            ))
        }
    };
    let method = match r.get("method") {
        None => None,
        Some(m) => match one_of(
            m,
            &join(path, "method"),
            &["value", "mean", "median", "max", "min"],
        )? {
            "value" => None,
            name => AggregateOp::from_name(name),
        },
    };
    let value = match r.get("value") {
        None | Some(Json::Null) => None,
        Some(v) => Some(parse_const(v, &join(path, "value"))?),
    };
    if let Some(f) = r.get("frame") {
        if f.as_array().is_none_or(|a| a.iter().any(|x| !x.is_null())) {
            return Err(spec_error(
                &join(path, "frame"),
                "[null, null] (the whole group; other frames are not supported yet)",
                f,
            ));
        }
    }
    r.finish(&[], w)?;
    Ok(EncodingImpute {
        method,
        value,
        keyvals,
    })
}

/// The `keyvals`, `method`, `value` and `frame` of an impute transform as one object for
/// [`parse_impute_params`] (paths stay the transform's own).
fn params_object(r: &mut ObjReader<'_>) -> Json {
    let mut o = serde_json::Map::new();
    for key in ["keyvals", "method", "value", "frame"] {
        if let Some(v) = r.get(key) {
            o.insert(key.to_string(), v.clone());
        }
    }
    Json::Object(o)
}

/// A `sort` array of `{field, order}` (window and stack transforms).
fn sort_keys(s: &Json, sp: &str, w: &mut Warnings) -> Result<Vec<SortKey>, Error> {
    let items = s
        .as_array()
        .ok_or_else(|| spec_error(sp, "an array of {field, order}", s))?;
    let mut sort = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let p = format!("{sp}[{i}]");
        let mut sr = ObjReader::new(it, &p, "a {field, order} object")?;
        let field = sr
            .opt_str("field")?
            .ok_or_else(|| missing(&join(&p, "field"), "a field name"))?;
        let descending = match sr.get("order") {
            None => false,
            Some(o) => one_of(o, &join(&p, "order"), &["ascending", "descending"])? == "descending",
        };
        sr.finish(&[], w)?;
        sort.push(SortKey { field, descending });
    }
    Ok(sort)
}
