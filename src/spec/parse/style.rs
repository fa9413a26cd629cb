//! `config.style` and the `style` of marks, applied in the JSON before any view is read:
//! a mark takes the properties of each style it names (later names win; by default the
//! style named after its type, as in Vega-Lite: `config.style.bar` applies to bars), and
//! its own properties win over every style. A style name `config.style` does not define
//! has no effect (as in Vega-Lite, whose built-in styles are Vega's own look).

use serde_json::{Map, Value as Json};

/// The deepest views visited: a guard against hostile nesting.
const MAX_DEPTH: usize = 64;

/// `json` with every mark's styles applied and its `style` removed, or `None` when no
/// mark names a style and `config.style` is empty (nothing is copied).
pub(super) fn apply(json: &Json) -> Option<Json> {
    let config = json.get("config");
    let styles = config
        .and_then(|c| c.get("style"))
        .and_then(Json::as_object);
    let empty = Map::new();
    let mut styles = styles.unwrap_or(&empty).clone();
    // `config.bar` (rect, area, arc) outline properties: under every style of such a
    // mark, over nothing (`parse_config` checks them at their own path).
    let mut kinds = Map::new();
    for kind in ["bar", "rect", "area", "arc"] {
        let Some(Json::Object(c)) = config.and_then(|c| c.get(kind)) else {
            continue;
        };
        let outline: Map<String, Json> = c
            .iter()
            .filter(|(k, _)| OUTLINE_CONFIG.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !outline.is_empty() {
            kinds.insert(kind.to_string(), Json::Object(outline));
        }
    }
    if !kinds.is_empty() {
        styles.insert(KIND_DEFAULTS.to_string(), Json::Object(kinds));
    }
    if styles.is_empty() && !names_a_style(json, 0) {
        return None;
    }
    let mut out = json.clone();
    apply_view(&mut out, &styles, 0);
    Some(out)
}

/// The properties of `config.bar` (and `rect`, `area`, `arc`) that every such mark takes
/// unless it (or a style it names) sets them: its outline.
pub(super) const OUTLINE_CONFIG: [&str; 4] =
    ["stroke", "strokeWidth", "strokeOpacity", "strokeDash"];

/// The key under which `apply` hands the per-kind defaults to `apply_mark` (not a valid
/// style name in a spec: it has a space).
const KIND_DEFAULTS: &str = "config kinds";

/// Whether a mark below `v` has a `style`.
fn names_a_style(v: &Json, depth: usize) -> bool {
    let Json::Object(o) = v else {
        return false;
    };
    if depth > MAX_DEPTH {
        return false;
    }
    if o.get("mark").is_some_and(|m| m.get("style").is_some()) {
        return true;
    }
    child_views(o).any(|c| names_a_style(c, depth + 1))
}

fn child_views(o: &Map<String, Json>) -> impl Iterator<Item = &Json> {
    ["layer", "hconcat", "vconcat", "concat"]
        .into_iter()
        .filter_map(|k| o.get(k).and_then(Json::as_array))
        .flatten()
        .chain(o.get("spec"))
}

fn apply_view(v: &mut Json, styles: &Map<String, Json>, depth: usize) {
    let Json::Object(o) = v else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(mark) = o.get_mut("mark") {
        apply_mark(mark, styles);
    }
    for key in ["layer", "hconcat", "vconcat", "concat"] {
        if let Some(Json::Array(items)) = o.get_mut(key) {
            items
                .iter_mut()
                .for_each(|c| apply_view(c, styles, depth + 1));
        }
    }
    if let Some(spec) = o.get_mut("spec") {
        apply_view(spec, styles, depth + 1);
    }
}

fn apply_mark(mark: &mut Json, styles: &Map<String, Json>) {
    // The styles named, else the mark's type name.
    let (names, own): (Vec<String>, Map<String, Json>) = match mark {
        Json::String(kind) => (vec![kind.clone()], {
            let mut m = Map::new();
            m.insert("type".into(), Json::String(kind.clone()));
            m
        }),
        Json::Object(o) => {
            let mut own = o.clone();
            let names = match own.remove("style") {
                Some(Json::String(s)) => vec![s],
                Some(Json::Array(a)) => a
                    .iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect(),
                Some(other) => {
                    // Not a style name: left for the mark's reader to report.
                    own.insert("style".into(), other);
                    return;
                }
                None => o
                    .get("type")
                    .and_then(Json::as_str)
                    .map(|t| vec![t.to_string()])
                    .unwrap_or_default(),
            };
            (names, own)
        }
        _ => return,
    };
    let mut merged = Map::new();
    let kind = match mark {
        Json::String(k) => Some(k.as_str()),
        Json::Object(o) => o.get("type").and_then(Json::as_str),
        _ => None,
    };
    let defaults = styles
        .get(KIND_DEFAULTS)
        .zip(kind)
        .and_then(|(d, k)| d.get(k));
    if let Some(Json::Object(props)) = defaults {
        merged.extend(props.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    for name in &names {
        if let Some(Json::Object(props)) = styles.get(name) {
            for (k, v) in props {
                merged.insert(k.clone(), v.clone());
            }
        }
    }
    if merged.is_empty() && matches!(mark, Json::String(_)) {
        return;
    }
    merged.extend(own);
    *mark = Json::Object(merged);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn named_styles_then_the_marks_own_properties() {
        let v = json!({"config": {"style": {"label": {"align": "left", "dx": 3}, "big": {"dx": 9}}},
            "layer": [{"mark": {"type": "text", "style": ["label", "big"], "align": "right"}}]});
        let out = apply(&v).unwrap();
        assert_eq!(
            out["layer"][0]["mark"],
            json!({"type": "text", "align": "right", "dx": 9})
        );
    }

    #[test]
    fn a_marks_type_is_its_default_style_and_unknown_styles_do_nothing() {
        let v = json!({"config": {"style": {"bar": {"color": "red"}}},
            "hconcat": [{"mark": "bar"}, {"mark": {"type": "point", "style": "nope"}}]});
        let out = apply(&v).unwrap();
        assert_eq!(
            out["hconcat"][0]["mark"],
            json!({"type": "bar", "color": "red"})
        );
        assert_eq!(out["hconcat"][1]["mark"], json!({"type": "point"}));
        assert!(apply(&json!({"mark": "bar"})).is_none());
    }
}
