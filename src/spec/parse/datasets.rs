//! The top-level `datasets` (Vega-Lite's named inline data, which Altair writes for every
//! chart: `"datasets": {"data-…": [...]}` with `"data": {"name": "data-…"}`) and the
//! `sequence` generator: both read as inline values by `data::parse_data`.

use super::*;

thread_local! {
    /// The `datasets` of the spec being parsed, by name.
    static DATASETS: std::cell::RefCell<Vec<(String, Json)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with the top-level `datasets` of `spec` as the tables a `{"name": …}` data
/// object may name; `datasets` must be an object of inline datasets.
pub(super) fn with_datasets<T>(
    spec: &Json,
    f: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let sets = match spec.get("datasets") {
        None => Vec::new(),
        Some(Json::Object(o)) => o.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Some(other) => {
            return Err(spec_error(
                "datasets",
                "an object of named inline datasets",
                other,
            ))
        }
    };
    let before = DATASETS.with(|d| std::mem::replace(&mut *d.borrow_mut(), sets));
    let out = f();
    DATASETS.with(|d| *d.borrow_mut() = before);
    out
}

/// The inline values of the dataset `name` (a copy), if `datasets` has it.
pub(super) fn named(name: &str) -> Option<Json> {
    DATASETS.with(|d| {
        d.borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    })
}

/// The names `datasets` holds, for an error message.
pub(super) fn names() -> Vec<String> {
    DATASETS.with(|d| d.borrow().iter().map(|(n, _)| n.clone()).collect())
}

/// The most rows a `sequence` may generate (more is surely a mistake, and would exhaust
/// memory before any row limit is checked).
const MAX_SEQUENCE: f64 = 2_000_000.0;

/// `{"sequence": {"start", "stop", "step", "as"}}`: records of one numeric field (`as`,
/// default `"data"`) from `start` up to but not including `stop`, by `step` (default 1),
/// as Vega's sequence.
pub(super) fn sequence(v: &Json, path: &str, w: &mut Warnings) -> Result<Json, Error> {
    let mut r = ObjReader::new(v, path, "a sequence object")?;
    let start = r
        .opt_num("start")?
        .ok_or_else(|| missing(&join(path, "start"), "a number"))?;
    let stop = r
        .opt_num("stop")?
        .ok_or_else(|| missing(&join(path, "stop"), "a number"))?;
    let step = r.opt_num("step")?.unwrap_or(1.0);
    let field = r.opt_str("as")?.unwrap_or_else(|| "data".to_string());
    r.finish(&[], w)?;
    if step == 0.0 || !step.is_finite() || !start.is_finite() || !stop.is_finite() {
        return Err(spec_error(
            &join(path, "step"),
            "a step other than zero, with finite start and stop",
            &Json::from(step),
        ));
    }
    let count = ((stop - start) / step).ceil().max(0.0);
    if count > MAX_SEQUENCE {
        return Err(Error::Spec {
            path: path.into(),
            expected: format!("at most {MAX_SEQUENCE} values"),
            found: format!("{count} values from {start} to {stop} by {step}"),
        });
    }
    let rows = (0..count as usize)
        .map(|i| {
            let mut o = serde_json::Map::new();
            o.insert(field.clone(), Json::from(start + step * i as f64));
            Json::Object(o)
        })
        .collect();
    Ok(Json::Array(rows))
}
