//! A layer's shared `encoding`, merged into each of its layers as Vega-Lite merges it
//! (`normalize/core.ts`'s `mergeEncoding`): a layer's field or datum definition takes the
//! shared definition's other properties (`{...shared, ...own}`: a shared `title`, `axis`,
//! `scale` or `type` reaches a layer that names only its `field`); any other own definition
//! (a value) replaces the shared one, and `null` removes it; a channel the layer leaves out is the shared
//! one, unless the shared one lacks a field, datum or value (then the layer has none, as
//! Vega-Lite drops a definition without data). The merge is done on the JSON, before the
//! layer is read.

use super::*;

/// Whether a channel definition is a field or datum definition (Vega-Lite's
/// `isFieldOrDatumDef`): it has a `field` or a `datum`, or counts (`aggregate: "count"`).
fn field_or_datum(def: &Json) -> bool {
    def.get("field").is_some()
        || def.get("datum").is_some()
        || def.get("aggregate").and_then(Json::as_str) == Some("count")
}

/// `item` (a layer's view object) with the shared encoding `shared` merged into its own.
pub(super) fn merge(shared: &Json, item: &Json) -> Json {
    let (Some(parent), Some(obj)) = (shared.as_object(), item.as_object()) else {
        return item.clone();
    };
    let own = obj.get("encoding").and_then(Json::as_object);
    let mut merged = serde_json::Map::new();
    for (ch, p) in parent {
        let def = match own.and_then(|o| o.get(ch)) {
            Some(c) if field_or_datum(c) && p.is_object() => {
                let mut m = p.as_object().cloned().unwrap_or_default();
                if let Some(co) = c.as_object() {
                    for (k, v) in co {
                        m.insert(k.clone(), v.clone());
                    }
                }
                Json::Object(m)
            }
            // `null` removes the shared channel from this layer.
            Some(Json::Null) => continue,
            Some(c) => c.clone(),
            // A shared definition its layers must complete (no field, datum or value):
            // a layer that gives none draws without the channel, as Vega-Lite drops a
            // channel definition without data.
            None if p.is_object() && !complete(p) => continue,
            None => p.clone(),
        };
        merged.insert(ch.clone(), def);
    }
    for (ch, c) in own.into_iter().flatten() {
        if !(merged.contains_key(ch) || c.is_null() && parent.contains_key(ch)) {
            merged.insert(ch.clone(), c.clone());
        }
    }
    let mut out = obj.clone();
    out.insert("encoding".into(), Json::Object(merged));
    Json::Object(out)
}

/// The shared encoding with a placeholder `field` in every channel definition that has no
/// field, datum or value of its own (a definition its layers complete), so that it can be
/// read, and its properties checked, at its own path.
pub(super) fn completed(shared: &Json) -> Json {
    let Some(parent) = shared.as_object() else {
        return shared.clone();
    };
    let mut out = parent.clone();
    for def in out.values_mut() {
        if def.is_object() && !complete(def) {
            if let Some(o) = def.as_object_mut() {
                o.insert("field".into(), Json::String("stdviz:layer-field".into()));
            }
        }
    }
    Json::Object(out)
}

/// Whether a channel definition stands on its own: it has a field, a datum, a value or a
/// condition, or counts.
fn complete(def: &Json) -> bool {
    ["field", "datum", "value", "condition"]
        .iter()
        .any(|k| def.get(*k).is_some())
        || def.get("aggregate").and_then(Json::as_str) == Some("count")
}

/// The path a warning about a merged layer should name: the shared encoding's (`ep`) when
/// the property came from it (the layer `ip` = `item` does not have it itself), else the
/// layer's own.
pub(super) fn warning_path(path: &str, shared: &Json, item: &Json, ip: &str, ep: &str) -> String {
    let prefix = format!("{ip}.encoding.");
    let Some(rest) = path.strip_prefix(&prefix) else {
        return path.to_string();
    };
    let mut parts = rest.splitn(3, '.');
    let (Some(ch), key) = (parts.next(), parts.next()) else {
        return path.to_string();
    };
    if shared.get(ch).is_none() {
        return path.to_string();
    }
    let own = item.get("encoding").and_then(|e| e.get(ch));
    let from_shared = match (own, key) {
        (None, _) => true,
        (Some(o), Some(k)) => o.get(k).is_none() && shared[ch].get(k).is_some(),
        (Some(_), None) => false,
    };
    if from_shared {
        format!("{ep}.{rest}")
    } else {
        path.to_string()
    }
}
