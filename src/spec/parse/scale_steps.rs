//! The discretizing scale types `quantize`, `quantile` and `threshold` (feature `full`; the
//! lite build answers [`Error::NeedsFull`] at `scale.type`): which one, a threshold
//! scale's cut points (`domain`), and a numeric `range` of any length (sizes, opacities).

use serde_json::Value as Json;

use crate::error::Error;
use crate::spec::reader::{join, spec_error, ObjReader};
use crate::spec::Steps;

/// The steps of a scale whose `type` is `name` (one of `quantize`, `quantile`,
/// `threshold`); a threshold scale's `domain` is read here: its cut points, ascending.
pub(super) fn parse_steps(name: &str, r: &mut ObjReader<'_>, path: &str) -> Result<Steps, Error> {
    match name {
        "quantize" => Ok(Steps::Quantize),
        "quantile" => Ok(Steps::Quantile),
        _ => {
            let dp = join(path, "domain");
            let Some(d) = r.get("domain") else {
                return Err(Error::Spec {
                    path: dp,
                    expected: "the threshold scale's cut points, e.g. [30, 70]".into(),
                    found: "nothing".into(),
                });
            };
            let cuts = numbers(d, &dp, "the threshold scale's cut points, e.g. [30, 70]")?;
            if cuts.is_empty() || cuts.windows(2).any(|w| w[1] < w[0]) {
                return Err(spec_error(
                    &dp,
                    "one or more cut points in ascending order",
                    d,
                ));
            }
            Ok(Steps::Threshold(cuts))
        }
    }
}

/// A discretizing scale's `range` when it is an array of numbers (one per step), else
/// `None` (colours and scheme names are read by the ordinary `range`).
pub(super) fn parse_range_steps(
    r: &mut ObjReader<'_>,
    path: &str,
) -> Result<Option<Vec<f64>>, Error> {
    match r.peek("range") {
        Some(Json::Array(items)) if !items.is_empty() && items.iter().all(Json::is_number) => {
            let rp = join(path, "range");
            let d = r.get("range").unwrap_or(&Json::Null);
            numbers(d, &rp, "an array of numbers").map(Some)
        }
        _ => Ok(None),
    }
}

/// An array of finite numbers at `path`.
fn numbers(v: &Json, path: &str, expected: &str) -> Result<Vec<f64>, Error> {
    let items = v.as_array().ok_or_else(|| spec_error(path, expected, v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            it.as_f64()
                .filter(|x| x.is_finite())
                .ok_or_else(|| spec_error(&format!("{path}[{i}]"), "a number", it))
        })
        .collect()
}
