//! The transforms only the full build parses (feature `full`): window, lookup, impute,
//! density, pivot, regression and loess. The lite chart wasm answers [`Error::NeedsFull`] for them instead
//! (`full_transform` in the parent module).

use super::transform::{parse_impute_params, sort_keys, strings};
use super::*;

/// Reads `r` as one of the full build's transforms, or `None` when it is none of them.
pub(super) fn full_transform(
    r: &mut ObjReader<'_>,
    path: &str,
    w: &mut Warnings,
) -> Result<Option<Transform>, Error> {
    let t = if r.peek("regression").is_some() || r.peek("loess").is_some() {
        super::curve::parse_curve(r, path)?
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
            // `param`: a whole number ≥ `least` (lag/lead: ≥ 0, 1 by default; nth_value and
            // ntile: ≥ 1, required).
            let mut param = |least: f64, default: Option<u32>| -> Result<u32, Error> {
                let pp = join(&p, "param");
                match ir.get("param") {
                    None | Some(Json::Null) => {
                        default.ok_or_else(|| missing(&pp, "a whole number of at least 1"))
                    }
                    Some(v) => v
                        .as_f64()
                        .filter(|x| x.fract() == 0.0 && *x >= least && *x <= 1e6)
                        .map(|x| x as u32)
                        .ok_or_else(|| {
                            spec_error(&pp, format!("a whole number of at least {least}"), v)
                        }),
                }
            };
            let op = match op_v.as_str() {
                Some("row_number") => WindowOp::RowNumber,
                Some("rank") => WindowOp::Rank,
                Some("dense_rank") => WindowOp::DenseRank,
                Some("lag") => WindowOp::Lag(param(0.0, Some(1))?),
                Some("lead") => WindowOp::Lead(param(0.0, Some(1))?),
                Some("first_value") => WindowOp::FirstValue,
                Some("last_value") => WindowOp::LastValue,
                Some("nth_value") => WindowOp::NthValue(param(1.0, None)?),
                Some("percent_rank") => WindowOp::PercentRank,
                Some("cume_dist") => WindowOp::CumeDist,
                Some("ntile") => WindowOp::Ntile(param(1.0, None)?),
                Some(name) if AggregateOp::from_name(name).is_some() => {
                    WindowOp::Aggregate(AggregateOp::from_name(name).unwrap_or(AggregateOp::Count))
                }
                _ => {
                    return Err(spec_error(
                        &join(&p, "op"),
                        format!(
                            "one of row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead, first_value, last_value, nth_value, {}",
                            AggregateOp::NAMES.join(", ")
                        ),
                        op_v,
                    ))
                }
            };
            let field = ir.opt_str("field")?;
            let reads_field = match op {
                WindowOp::Aggregate(a) => a != AggregateOp::Count,
                WindowOp::Lag(_)
                | WindowOp::Lead(_)
                | WindowOp::FirstValue
                | WindowOp::LastValue
                | WindowOp::NthValue(_) => true,
                _ => false,
            };
            if field.is_none() && reads_field {
                return Err(missing(&join(&p, "field"), "the field the op reads"));
            }
            let as_name = ir
                .opt_str("as")?
                .ok_or_else(|| missing(&join(&p, "as"), "the output field's name"))?;
            ir.finish(&[], w)?;
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
        let data = super::data::parse_data(data_v, &join(&fp, "data"), Vec::new(), w)?;
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
        let params = parse_impute_params(&params_object(r), path, w)?;
        Transform::Impute {
            field,
            key,
            keyvals: params.keyvals,
            groupby,
            method: params.method,
            value: params.value,
            frame: params.frame,
        }
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
    } else if r.peek("extent").is_some() {
        // Last: density and regression have an `extent` property of their own.
        super::extent::parse_extent(r, path)?
    } else {
        return Ok(None);
    };
    Ok(Some(t))
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
