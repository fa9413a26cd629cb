//! `xError`/`xError2` and `yError`/`yError2` of an `errorbar` or `errorband`: pre-computed
//! errors around the value channel's centre, rewritten as Vega-Lite reads them into a
//! range the composite expansion draws as it draws `x`/`x2` — `x − xError` to
//! `x + xError`, or with `xError2` from `x + xError2` to `x + xError` (errors signed).

use super::*;

type Map = serde_json::Map<String, Json>;

/// The composite mark's encoding with its error channels turned into the value channel
/// and its second channel (computed columns), and the `calculate` transforms computing
/// them; `None` when the encoding has no error channel. `ep` is the encoding's path.
pub(super) fn rewrite(
    kind: &str,
    encoding: Option<&Json>,
    ep: &str,
) -> Result<Option<(Json, Vec<Json>)>, Error> {
    let Some(Json::Object(enc)) = encoding else {
        return Ok(None);
    };
    let Some(value) = ["x", "y"]
        .into_iter()
        .find(|ch| enc.contains_key(&format!("{ch}Error")))
    else {
        for ch in ["xError2", "yError2"] {
            if let Some(v) = enc.get(ch) {
                return Err(spec_error(
                    &join(ep, ch),
                    "an error channel only beside its xError/yError",
                    v,
                ));
            }
        }
        return Ok(None);
    };
    let (error, error2, second) = (
        format!("{value}Error"),
        format!("{value}Error2"),
        format!("{value}2"),
    );
    if kind == "boxplot" {
        return Err(spec_error(
            &join(ep, &error),
            "no error channel on a boxplot (it computes its own range)",
            &enc[&error],
        ));
    }
    if let Some(v) = enc.get(&second) {
        return Err(spec_error(
            &join(ep, &second),
            format!("either {second} or {error}, not both"),
            v,
        ));
    }
    let field_of = |ch: &str| -> Result<Option<String>, Error> {
        let Some(def) = enc.get(ch) else {
            return Ok(None);
        };
        def.get("field")
            .and_then(Json::as_str)
            .map(|f| Some(f.to_string()))
            .ok_or_else(|| missing(&join(&join(ep, ch), "field"), "the field holding the error"))
    };
    let centre = field_of(value)?
        .ok_or_else(|| missing(&join(&join(ep, value), "field"), "the centre of the errors"))?;
    let err = field_of(&error)?.unwrap_or_default();
    let at = |f: &str, ch: &str| composite::datum(f, &join(&join(ep, ch), "field"));
    let (c, e) = (at(&centre, value)?, at(&err, &error)?);
    let (lo_expr, hi_expr) = match field_of(&error2)? {
        Some(err2) => (
            format!("{c} + {}", at(&err2, &error2)?),
            format!("{c} + {e}"),
        ),
        None => (format!("{c} - {e}"), format!("{c} + {e}")),
    };
    let (lo, hi) = (
        format!("__stdviz_lower_{centre}"),
        format!("__stdviz_upper_{centre}"),
    );
    let mut out: Map = enc.clone();
    out.remove(&error);
    out.remove(&error2);
    if let Some(Json::Object(def)) = out.get_mut(value) {
        def.insert("field".into(), Json::String(lo.clone()));
        def.entry("title")
            .or_insert_with(|| Json::String(centre.clone()));
    }
    out.insert(second, serde_json::json!({ "field": hi }));
    let calcs = vec![
        serde_json::json!({"calculate": lo_expr, "as": lo}),
        serde_json::json!({"calculate": hi_expr, "as": hi}),
    ];
    Ok(Some((Json::Object(out), calcs)))
}
