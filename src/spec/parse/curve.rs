//! The curve-fitting transforms `regression` and `loess`: a y field fitted on an x field
//! (`on`) per group.

use super::transform::strings;
use super::*;

/// `[min, max]` with min < max, at `path`.
fn parse_extent(v: &Json, path: &str) -> Result<(f64, f64), Error> {
    match v.as_array().map(Vec::as_slice) {
        Some([a, b]) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) if a < b && (b - a).is_finite() => Ok((a, b)),
            _ => Err(spec_error(path, "[min, max] with min < max", v)),
        },
        _ => Err(spec_error(path, "[min, max] with min < max", v)),
    }
}

/// Reads a `regression` or `loess` transform from `r` (which holds one of the keys).
pub(super) fn parse_curve(r: &mut ObjReader<'_>, path: &str) -> Result<Transform, Error> {
    let key = if r.peek("regression").is_some() {
        "regression"
    } else {
        "loess"
    };
    let kp = join(path, key);
    let field = r
        .get(key)
        .and_then(Json::as_str)
        .ok_or_else(|| {
            spec_error(
                &kp,
                "the name of the field to fit (y)",
                r.peek(key).unwrap_or(&Json::Null),
            )
        })?
        .to_string();
    let on = r
        .opt_str("on")?
        .ok_or_else(|| missing(&join(path, "on"), "the field it is fitted on (x)"))?;
    let groupby = match r.get("groupby") {
        Some(g) => strings(g, &join(path, "groupby"))?,
        None => Vec::new(),
    };
    let ap = join(path, "as");
    let as_names = match r.get("as") {
        None => (on.clone(), field.clone()),
        Some(a) => match strings(a, &ap)?.as_slice() {
            [x, y] => (x.clone(), y.clone()),
            _ => return Err(spec_error(&ap, "two names [x, y]", a)),
        },
    };
    if key == "loess" {
        let bandwidth = match r.opt_num("bandwidth")? {
            None => 0.3,
            Some(b) if b > 0.0 && b <= 1.0 => b,
            Some(b) => {
                return Err(Error::Spec {
                    path: join(path, "bandwidth"),
                    expected: "a share of the points above 0 and at most 1".into(),
                    found: b.to_string(),
                })
            }
        };
        return Ok(Transform::Loess {
            field,
            on,
            groupby,
            bandwidth,
            as_names,
        });
    }
    let order = match r.opt_num("order")? {
        None => 3,
        Some(o) if o.fract() == 0.0 && (1.0..=10.0).contains(&o) => o as usize,
        Some(o) => {
            return Err(Error::Spec {
                path: join(path, "order"),
                expected: "a whole number from 1 to 10".into(),
                found: o.to_string(),
            })
        }
    };
    let method = match r.opt_str("method")?.as_deref() {
        None | Some("linear") => RegressionMethod::Linear,
        Some("log") => RegressionMethod::Log,
        Some("exp") => RegressionMethod::Exp,
        Some("pow") => RegressionMethod::Pow,
        Some("quad") => RegressionMethod::Poly(2),
        Some("poly") => RegressionMethod::Poly(order),
        Some(other) => {
            return Err(Error::Spec {
                path: join(path, "method"),
                expected: "one of linear, log, exp, pow, quad, poly".into(),
                found: format!("\"{other}\""),
            })
        }
    };
    let extent = match r.get("extent") {
        None => None,
        Some(e) => Some(parse_extent(e, &join(path, "extent"))?),
    };
    let params = r.opt_bool("params")?.unwrap_or(false);
    Ok(Transform::Regression {
        field,
        on,
        groupby,
        method,
        extent,
        params,
        as_names,
    })
}
