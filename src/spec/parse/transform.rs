//! `transform` entries and filter predicates.

#[cfg(feature = "full")]
use super::transform_full::full_transform;
use super::*;
use crate::spec::expr;

/// The lite build's stand-in for the full build's transforms (`transform_full.rs`):
/// names the part the spec needs, so that the host draws it with the full wasm.
#[cfg(not(feature = "full"))]
fn full_transform(
    r: &mut ObjReader<'_>,
    path: &str,
    _w: &mut Warnings,
) -> Result<Option<Transform>, Error> {
    // `extent` last: density and regression have an `extent` property of their own.
    const FULL_ONLY: [(&str, &str); 8] = [
        ("window", "the window transform"),
        ("regression", "the regression transform"),
        ("loess", "the loess transform"),
        ("lookup", "the lookup transform"),
        ("impute", "the impute transform"),
        ("density", "the density transform"),
        ("pivot", "the pivot transform"),
        ("extent", "the extent transform"),
    ];
    match FULL_ONLY.iter().find(|(key, _)| r.has(key)) {
        Some((key, what)) => Err(Error::NeedsFull {
            path: join(path, key),
            what,
        }),
        None => Ok(None),
    }
}
pub(in crate::spec) fn parse_transforms(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<Vec<Transform>, Error> {
    parse_transforms_from(v, path, 0, w)
}

/// The transforms from index `start` on (the ones before it were read otherwise: a data
/// view's leading `flatten`s, [`leading_flatten`]).
pub(super) fn parse_transforms_from(
    v: &Json,
    path: &str,
    start: usize,
    w: &mut Warnings,
) -> Result<Vec<Transform>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of transforms", v))?;
    expr::keep_scope(|| {
        items
            .iter()
            .enumerate()
            .skip(start)
            .map(|(i, t)| parse_transform(t, &format!("{path}[{i}]"), w))
            .collect()
    })
}

/// The error for a `flatten` (at `path`, holding `f`) that is not among the leading
/// transforms of a view with data.
pub(super) fn misplaced_flatten(path: &str, f: &Json) -> Error {
    Error::Spec {
        path: join(path, "flatten"),
        expected: "flatten only at the start of the transforms of the view that holds the \
                   data (stdviz expands the arrays as it reads the JSON records; a table \
                   holds no arrays)"
            .into(),
        found: crate::table::json::describe(f),
    }
}

/// Each leading `flatten` transform's `(field, as)` pairs.
type FlattenPairs = Vec<Vec<(String, String)>>;

/// The `flatten` transforms at the start of a view's transform list (`items`), for the
/// view's own data to apply as its JSON records are read: each transform's `(field, as)`
/// pairs, and how many transforms they were.
pub(super) fn leading_flatten(
    items: &[Json],
    path: &str,
    w: &mut Warnings,
) -> Result<(FlattenPairs, usize), Error> {
    // The lite chart wasm leaves flatten to the full one.
    #[cfg(not(feature = "full"))]
    if let Some(i) = items.iter().position(|t| t.get("flatten").is_some()) {
        return Err(Error::NeedsFull {
            path: format!("{path}[{i}]"),
            what: "the flatten transform",
        });
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(f) = item.get("flatten") else { break };
        let tp = format!("{path}[{i}]");
        let mut r = ObjReader::new(item, &tp, "a transform object")?;
        r.get("flatten");
        let fields = strings(f, &join(&tp, "flatten"))?;
        let names = match r.get("as") {
            Some(a) => strings(a, &join(&tp, "as"))?,
            None => Vec::new(),
        };
        if names.len() > fields.len() {
            return Err(Error::Spec {
                path: join(&tp, "as"),
                expected: format!("at most one name per flattened field ({})", fields.len()),
                found: format!("{} names", names.len()),
            });
        }
        let pairs = fields
            .iter()
            .enumerate()
            .map(|(k, field)| (field.clone(), names.get(k).unwrap_or(field).clone()))
            .collect();
        r.finish(&[], w)?;
        out.push(pairs);
    }
    let count = out.len();
    // A later flatten is named before the data's arrays are.
    if let Some((i, f)) = items
        .iter()
        .enumerate()
        .skip(count)
        .find_map(|(i, t)| Some((i, t.get("flatten")?)))
    {
        return Err(misplaced_flatten(&format!("{path}[{i}]"), f));
    }
    Ok((out, count))
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
            // The transforms' ops also pick rows: `argmin`/`argmax` give the whole row.
            let op = match op_v.as_str() {
                Some("argmin") => AggregateOp::ArgMin,
                Some("argmax") => AggregateOp::ArgMax,
                _ => aggregate_op(op_v, &join(&p, "op")).map_err(|_| {
                    let names = [AggregateOp::NAMES, &["argmin", "argmax"]].concat();
                    spec_error(
                        &join(&p, "op"),
                        format!("one of {}", names.join(", ")),
                        op_v,
                    )
                })?,
            };
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
    if let Some(f) = r.peek("flatten") {
        return Err(misplaced_flatten(path, f));
    }
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
    } else if let Some(t) = full_transform(&mut r, path, w)? {
        t
    } else {
        let keys: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        return Err(Error::Spec {
            path: path.into(),
            expected: "one of filter, calculate, fold, aggregate, joinaggregate, window, bin, timeUnit, lookup, impute, density, regression, loess, pivot, stack, quantile, extent".into(),
            found: if keys.is_empty() {
                "an empty object".into()
            } else {
                keys.join(", ")
            },
        });
    };
    r.finish(&["sample", "extent"], w)?;
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
    if let Some(name) = r.get("param") {
        let p = super::params::param_predicate(name, r.get("empty"), path)?;
        r.finish(&[], w)?;
        return Ok(p);
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
    // 24 is the next midnight, as JavaScript's `Date` rolls it over (`{"hours": 24}`
    // closes a day's domain).
    let hours = whole(&mut r, "hours", 0.0, 24.0)?.unwrap_or(0.0);
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

#[cfg(feature = "full")]
/// The parameters of an `impute` object (an encoding's, or a transform's gathered by
/// [`params_object`]): `value`, `method`, `keyvals` (an array or a sequence), `frame`
/// (`[before, after]`, each a whole number or null).
pub(super) fn parse_impute_params(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<EncodingImpute, Error> {
    let mut r = ObjReader::new(v, path, "an impute object")?;
    let kp = join(path, "keyvals");
    let keyvals = match r.get("keyvals") {
        None => Vec::new(),
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, k)| parse_const(k, &format!("{kp}[{i}]")))
            .collect::<Result<_, _>>()?,
        Some(seq @ Json::Object(_)) => keyval_sequence(seq, &kp, w)?,
        Some(other) => {
            return Err(spec_error(
                &kp,
                "an array of key values or a {start, stop, step} sequence",
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
    let frame = match r.get("frame") {
        None => (None, None),
        Some(f) => {
            let fp = join(path, "frame");
            let bound = |v: &Json, i: usize, sign: f64| -> Result<Option<u32>, Error> {
                match v {
                    Json::Null => Ok(None),
                    v => v
                        .as_f64()
                        .filter(|x| x.fract() == 0.0 && x * sign >= 0.0 && x.abs() <= 1e6)
                        .map(|x| Some(x.abs() as u32))
                        .ok_or_else(|| {
                            spec_error(
                                &format!("{fp}[{i}]"),
                                if sign < 0.0 {
                                    "a whole number ≤ 0 or null"
                                } else {
                                    "a whole number ≥ 0 or null"
                                },
                                v,
                            )
                        }),
                }
            };
            match f.as_array().map(Vec::as_slice) {
                Some([a, b]) => (bound(a, 0, -1.0)?, bound(b, 1, 1.0)?),
                _ => return Err(spec_error(&fp, "[before, after]", f)),
            }
        }
    };
    r.finish(&[], w)?;
    Ok(EncodingImpute {
        method,
        value,
        keyvals,
        frame,
    })
}

#[cfg(feature = "full")]
/// The most key values a `keyvals` sequence may hold.
const MAX_KEYVALS: f64 = 100_000.0;

#[cfg(feature = "full")]
/// A `keyvals` sequence `{"start", "stop", "step"}`: numbers from `start` up to, not
/// including, `stop` (`step` 1 by default), as Vega-Lite's `ImputeSequence`.
fn keyval_sequence(v: &Json, path: &str, w: &mut Warnings) -> Result<Vec<ConstValue>, Error> {
    let mut r = ObjReader::new(v, path, "a {start, stop, step} sequence")?;
    let start = r.opt_num("start")?.unwrap_or(0.0);
    let stop = r
        .opt_num("stop")?
        .ok_or_else(|| missing(&join(path, "stop"), "a number"))?;
    let step = r.opt_num("step")?.unwrap_or(1.0);
    r.finish(&[], w)?;
    let count = ((stop - start) / step).ceil();
    if step == 0.0 || !count.is_finite() || count > MAX_KEYVALS {
        return Err(spec_error(
            &join(path, "step"),
            "a step other than zero giving at most 100,000 values",
            &Json::from(step),
        ));
    }
    Ok((0..count.max(0.0) as usize)
        .map(|i| ConstValue::Number(start + step * i as f64))
        .collect())
}

/// A `sort` array of `{field, order}` (window and stack transforms).
pub(super) fn sort_keys(s: &Json, sp: &str, w: &mut Warnings) -> Result<Vec<SortKey>, Error> {
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
