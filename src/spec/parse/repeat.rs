//! `repeat`: Vega-Lite's shorthand for concatenations and layers of one view, expanded in
//! the JSON before any view is read.
//!
//! `{"repeat": [f, g], "columns": 2, "spec": S}` becomes a concatenation of `S` with every
//! `{"repeat": "repeat"}` replaced by `"f"`, `"g"`; `{"repeat": {"row": [..], "column":
//! [..], "layer": [..]}}` a `vconcat` of rows, each an `hconcat` of columns, each cell a
//! `layer` of the spec once per layer value. A `concat` with `columns` is wrapped in rows
//! the same way (stdviz's concatenation is one direction at a time). Everything else on the
//! repeating view (data, transform, resolve, title…) stays on the expanded one.

use serde_json::Value as Json;

use super::reader::join;
use crate::error::Error;

/// The deepest views expanded: a guard against hostile nesting.
const MAX_DEPTH: usize = 64;

/// `json` with every repeat (and every `concat` with `columns`) expanded, or `None` when
/// there is none (the common case: nothing is copied). The expansion is the full build's
/// (ARCHITECTURE.md, "lite and full"): the lite build answers [`Error::NeedsFull`] at the
/// first repeat.
pub(super) fn expand(json: &Json) -> Result<Option<Json>, Error> {
    let Some(at) = repeat_at(json, "", 0) else {
        return Ok(None);
    };
    #[cfg(not(feature = "full"))]
    return Err(Error::NeedsFull {
        path: at,
        what: "repeat (or concat with columns)",
    });
    #[cfg(feature = "full")]
    {
        let _ = at;
        expansion::expand_view(json, "", 0).map(Some)
    }
}

/// The path of the first view below `v` that repeats or wraps a concatenation in columns
/// (`path` is `v`'s own), if any.
fn repeat_at(v: &Json, path: &str, depth: usize) -> Option<String> {
    let Json::Object(o) = v else {
        return None;
    };
    if depth > MAX_DEPTH {
        // expand_view reports the depth
        return Some(if path.is_empty() {
            "spec".into()
        } else {
            path.into()
        });
    }
    if o.contains_key("repeat") && o.contains_key("spec") {
        return Some(join(path, "repeat"));
    }
    if o.contains_key("concat") && o.contains_key("columns") {
        return Some(join(path, "columns"));
    }
    for key in ["layer", "hconcat", "vconcat", "concat"] {
        if let Some(items) = o.get(key).and_then(Json::as_array) {
            let kp = join(path, key);
            let found = items
                .iter()
                .enumerate()
                .find_map(|(i, c)| repeat_at(c, &format!("{kp}[{i}]"), depth + 1));
            if found.is_some() {
                return found;
            }
        }
    }
    o.get("spec")
        .and_then(|s| repeat_at(s, &join(path, "spec"), depth + 1))
}

/// The expansion itself (full build only).
#[cfg(feature = "full")]
mod expansion {
    use super::*;
    use crate::spec::reader::spec_error;
    use serde_json::Map;

    /// The keys of a repeat object, in the order they nest (rows outside columns outside
    /// layers), with the reference each one is read by.
    const REPEAT_KEYS: [&str; 3] = ["row", "column", "layer"];

    pub(super) fn expand_view(v: &Json, path: &str, depth: usize) -> Result<Json, Error> {
        let Json::Object(o) = v else {
            return Ok(v.clone());
        };
        if depth > MAX_DEPTH {
            return Err(spec_error(
                path,
                format!("views nested at most {MAX_DEPTH} deep"),
                v,
            ));
        }
        let mut out = Map::new();
        for (k, child) in o {
            let cp = join(path, k);
            let expanded = match (k.as_str(), child) {
                ("layer" | "hconcat" | "vconcat" | "concat", Json::Array(items)) => Json::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, c)| expand_view(c, &format!("{cp}[{i}]"), depth + 1))
                        .collect::<Result<_, _>>()?,
                ),
                ("spec", c) => expand_view(c, &cp, depth + 1)?,
                _ => child.clone(),
            };
            out.insert(k.clone(), expanded);
        }
        if out.contains_key("repeat") && out.contains_key("spec") {
            return repeat_view(out, path);
        }
        if out.contains_key("concat") && out.contains_key("columns") {
            let columns = columns_of(&mut out, path)?;
            if let Some(Json::Array(views)) = out.remove("concat") {
                place_in_columns(&mut out, views, columns);
            }
        }
        Ok(Json::Object(out))
    }

    /// Removes `columns` from a view and reads it (at least 1).
    fn columns_of(out: &mut Map<String, Json>, path: &str) -> Result<Option<usize>, Error> {
        match out.remove("columns") {
            None | Some(Json::Null) => Ok(None),
            Some(c) => match c.as_f64() {
                Some(n) if n >= 1.0 && n.is_finite() => Ok(Some(n as usize)),
                _ => Err(spec_error(
                    &join(path, "columns"),
                    "a whole number of columns, at least 1",
                    &c,
                )),
            },
        }
    }

    /// Puts `views` on `out` as one `hconcat` (no column count) or a `vconcat` of rows of
    /// `columns` views.
    fn place_in_columns(out: &mut Map<String, Json>, views: Vec<Json>, columns: Option<usize>) {
        match columns {
            Some(c) if c < views.len() => {
                let rows: Vec<Json> = views
                    .chunks(c)
                    .map(|row| {
                        let mut m = Map::new();
                        m.insert("hconcat".into(), Json::Array(row.to_vec()));
                        Json::Object(m)
                    })
                    .collect();
                out.insert("vconcat".into(), Json::Array(rows));
            }
            _ => {
                out.insert("hconcat".into(), Json::Array(views));
            }
        }
    }

    fn repeat_view(mut out: Map<String, Json>, path: &str) -> Result<Json, Error> {
        let rp = join(path, "repeat");
        let repeat = out.remove("repeat").unwrap_or(Json::Null);
        let spec = out.remove("spec").unwrap_or(Json::Null);
        match &repeat {
            Json::Array(values) => {
                let columns = columns_of(&mut out, path)?;
                let views = values
                    .iter()
                    .map(|value| substitute(&spec, &[("repeat", value)]))
                    .collect();
                place_in_columns(&mut out, views, columns);
            }
            Json::Object(o) => {
                if let Some(k) = o.keys().find(|k| !REPEAT_KEYS.contains(&k.as_str())) {
                    return Err(spec_error(
                        &join(&rp, k),
                        "\"row\", \"column\" or \"layer\"",
                        &o[k],
                    ));
                }
                let list = |key: &str| -> Result<Option<&Vec<Json>>, Error> {
                    match o.get(key) {
                        None => Ok(None),
                        Some(Json::Array(a)) if !a.is_empty() => Ok(Some(a)),
                        Some(other) => Err(spec_error(
                            &join(&rp, key),
                            "a non-empty array of field names",
                            other,
                        )),
                    }
                };
                let (rows, cols, layers) = (list("row")?, list("column")?, list("layer")?);
                if rows.is_none() && cols.is_none() && layers.is_none() {
                    return Err(spec_error(&rp, "\"row\", \"column\" or \"layer\"", &repeat));
                }
                if out.remove("columns").is_some() && (rows.is_some() || cols.is_some()) {
                    return Err(spec_error(
                    &join(path, "columns"),
                    "no \"columns\" with a row or column repeat (Vega-Lite allows it only with an array)",
                    &repeat,
                ));
                }
                let cell = |bound: &[(&str, &Json)]| -> Json {
                    match layers {
                        None => substitute(&spec, bound),
                        Some(ls) => {
                            let views = ls
                                .iter()
                                .map(|l| {
                                    let mut b = bound.to_vec();
                                    b.push(("layer", l));
                                    substitute(&spec, &b)
                                })
                                .collect();
                            let mut m = Map::new();
                            m.insert("layer".into(), Json::Array(views));
                            Json::Object(m)
                        }
                    }
                };
                let row_of = |bound: &[(&str, &Json)]| -> Json {
                    match cols {
                        None => cell(bound),
                        Some(cs) => {
                            let views = cs
                                .iter()
                                .map(|c| {
                                    let mut b = bound.to_vec();
                                    b.push(("column", c));
                                    cell(&b)
                                })
                                .collect();
                            let mut m = Map::new();
                            m.insert("hconcat".into(), Json::Array(views));
                            Json::Object(m)
                        }
                    }
                };
                match rows {
                    Some(rs) => {
                        let views = rs.iter().map(|r| row_of(&[("row", r)])).collect();
                        out.insert("vconcat".into(), Json::Array(views));
                    }
                    None => match row_of(&[]) {
                        Json::Object(inner) => {
                            // A column or layer repeat: the expanded view is this one.
                            for (k, v) in inner {
                                out.insert(k, v);
                            }
                        }
                        other => {
                            out.insert("layer".into(), Json::Array(vec![other]));
                        }
                    },
                }
            }
            other => {
                return Err(spec_error(
                    &rp,
                    "an array of field names or {\"row\", \"column\", \"layer\"}",
                    other,
                ))
            }
        }
        Ok(Json::Object(out))
    }

    /// `spec` with every `{"repeat": name}` whose name is bound replaced by its value; a
    /// nested repeating view keeps its own references.
    fn substitute(spec: &Json, bound: &[(&str, &Json)]) -> Json {
        match spec {
            Json::Object(o) => {
                if o.len() == 1 {
                    if let Some(Json::String(name)) = o.get("repeat") {
                        if let Some((_, value)) = bound.iter().find(|(k, _)| k == name) {
                            return (*value).clone();
                        }
                    }
                }
                if o.contains_key("repeat") && o.contains_key("spec") {
                    return spec.clone();
                }
                Json::Object(
                    o.iter()
                        .map(|(k, v)| {
                            let keep = matches!(k.as_str(), "data" | "datasets");
                            (
                                k.clone(),
                                if keep {
                                    v.clone()
                                } else {
                                    substitute(v, bound)
                                },
                            )
                        })
                        .collect(),
                )
            }
            Json::Array(items) => Json::Array(items.iter().map(|v| substitute(v, bound)).collect()),
            other => other.clone(),
        }
    }
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn array_repeat_wraps_in_columns() {
        let v = json!({"data": {"values": []}, "repeat": ["a", "b", "c"], "columns": 2,
            "spec": {"mark": "bar", "encoding": {"x": {"field": {"repeat": "repeat"}}}}});
        let e = expand(&v).unwrap().unwrap();
        assert_eq!(e["vconcat"].as_array().unwrap().len(), 2);
        assert_eq!(e["vconcat"][0]["hconcat"][1]["encoding"]["x"]["field"], "b");
        assert_eq!(e["vconcat"][1]["hconcat"][0]["encoding"]["x"]["field"], "c");
        assert!(e.get("repeat").is_none() && e.get("columns").is_none());
        assert_eq!(e["data"], json!({"values": []}));
    }

    #[test]
    fn row_column_layer_nest_in_that_order() {
        let v = json!({"repeat": {"row": ["r1", "r2"], "column": ["c1"], "layer": ["l1", "l2"]},
            "spec": {"mark": "point", "encoding": {
                "x": {"field": {"repeat": "column"}}, "y": {"field": {"repeat": "row"}},
                "color": {"datum": {"repeat": "layer"}}}}});
        let e = expand(&v).unwrap().unwrap();
        let cell = &e["vconcat"][1]["hconcat"][0]["layer"][1]["encoding"];
        assert_eq!(cell["x"]["field"], "c1");
        assert_eq!(cell["y"]["field"], "r2");
        assert_eq!(cell["color"]["datum"], "l2");
    }

    #[test]
    fn layer_only_repeat_is_a_layer_and_inner_repeats_stay() {
        let v = json!({"repeat": {"layer": ["a", "b"]},
            "spec": {"mark": "line", "encoding": {"y": {"field": {"repeat": "layer"}}}}});
        let e = expand(&v).unwrap().unwrap();
        assert_eq!(e["layer"][0]["encoding"]["y"]["field"], "a");
        assert_eq!(e["layer"][1]["encoding"]["y"]["field"], "b");
        // Nothing to expand: no copy.
        assert!(expand(&json!({"mark": "bar"})).unwrap().is_none());
    }

    #[test]
    fn bad_repeats_name_their_path() {
        let err = expand(&json!({"repeat": {"rows": ["a"]}, "spec": {}})).unwrap_err();
        assert!(err.to_string().contains("repeat.rows"), "{err}");
        let err = expand(&json!({"repeat": 3, "spec": {}})).unwrap_err();
        assert!(err.to_string().contains("repeat"), "{err}");
        let err =
            expand(&json!({"hconcat": [{"repeat": ["a"], "columns": 0, "spec": {}}]})).unwrap_err();
        assert!(err.to_string().contains("hconcat[0].columns"), "{err}");
    }
}
