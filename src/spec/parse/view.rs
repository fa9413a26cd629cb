//! View objects: what makes a view a unit, layer, concatenation or facet; sizes, `autosize`.

use super::*;

/// Parses a nested view object (a layer, a concatenated view, a facet's spec).
pub(super) fn parse_view(v: &Json, path: &str, w: &mut Warnings) -> Result<View, Error> {
    parse_view_checked(v, path, w, true)
}

/// Parses a nested view; `check` is false for layers, which are checked after they
/// inherit the layer's shared encoding.
pub(super) fn parse_view_checked(
    v: &Json,
    path: &str,
    w: &mut Warnings,
    check: bool,
) -> Result<View, Error> {
    let mut r = ObjReader::new(v, path, "a view object (with \"mark\", \"layer\", …)")?;
    r.get("name");
    r.get("description");
    let mut view = parse_view_body(&mut r, path, w, check)?;
    view.width = match r.get("width") {
        Some(s) => Some(parse_size(Some(s), &join(path, "width"))?),
        None => None,
    };
    view.height = match r.get("height") {
        Some(s) => Some(parse_size(Some(s), &join(path, "height"))?),
        None => None,
    };
    view.title = match r.get("title") {
        Some(t) => Some(parse_title(t, &join(path, "title"), w)?),
        None => None,
    };
    r.finish(
        &[
            UNSUPPORTED_VIEW,
            &["usermeta", "config", "autosize", "background", "padding"],
        ]
        .concat(),
        w,
    )?;
    Ok(view)
}

/// Reads what every view may have (data, transform) and what makes it a unit, layer,
/// concatenation or facet.
pub(super) fn parse_view_body(
    r: &mut ObjReader<'_>,
    path: &str,
    w: &mut Warnings,
    check: bool,
) -> Result<View, Error> {
    // A data view's leading `flatten`s are applied as its JSON records are read.
    let tp = join(path, "transform");
    let (flatten, flattened) = match (r.peek("data"), r.peek("transform")) {
        (Some(d), Some(Json::Array(items))) if !d.is_null() => {
            super::transform::leading_flatten(items, &tp, w)?
        }
        _ => (Vec::new(), 0),
    };
    let data = match r.get("data") {
        Some(Json::Null) | None => None,
        Some(d) => Some(parse_data(d, &join(path, "data"), flatten, w)?),
    };
    if let Some(v) = r.get("view") {
        // A view's own frame: `stroke: null` (no frame) is what stdviz draws; anything
        // else is a warning (config.view sets frames and sizes for every plot).
        let vp = join(path, "view");
        if super::config_guides::parse_view_config(v, &vp, w)? != ViewConfig::default() {
            w.push(Warning {
                path: vp,
                message: "a view's own \"view\" has no effect yet: use config.view".into(),
            });
        }
    }
    let transform = match r.get("transform") {
        None => Vec::new(),
        Some(t) => super::transform::parse_transforms_from(t, &tp, flattened, w)?,
    };
    // Read before the rest of the spec, with every view's (`params::collect_params`).
    r.get("params");
    // Composition stdviz does not support is named before anything else is missing.
    let projection = match r.get("projection") {
        Some(p) => Some(super::projection::parse_projection(
            p,
            &join(path, "projection"),
            w,
        )?),
        None => None,
    };
    for key in ["repeat", "selection"] {
        if let Some(v) = r.peek(key) {
            return Err(Error::Spec {
                path: join(path, key),
                expected: "a property stdviz supports (see docs/SPEC.md); this Vega-Lite property is not supported yet".into(),
                found: crate::table::json::describe(v),
            });
        }
    }
    let has = |k: &str, r: &ObjReader<'_>| r.has(k);
    let kinds: Vec<&str> = ["mark", "layer", "hconcat", "vconcat", "concat", "facet"]
        .into_iter()
        .filter(|k| has(k, r))
        .collect();
    if kinds.len() > 1 && kinds != ["mark", "facet"] {
        return Err(Error::Spec {
            path: if path.is_empty() {
                "(top level)".into()
            } else {
                path.into()
            },
            expected: "one of \"mark\", \"layer\", \"hconcat\", \"vconcat\", \"concat\", \"facet\""
                .into(),
            found: kinds.join(" and "),
        });
    }
    #[cfg_attr(not(feature = "full"), allow(unused_mut))]
    let mut transform = transform;
    let kind = match kinds.first().copied() {
        Some("mark") if r.peek("mark").and_then(composite_kind).is_some() => {
            // Composite marks are expanded by the full build only.
            #[cfg(not(feature = "full"))]
            return Err(Error::NeedsFull {
                path: join(path, "mark"),
                what: "composite marks (boxplot, errorbar, errorband)",
            });
            #[cfg(feature = "full")]
            {
                let mark_v = r.get("mark").unwrap_or(&Json::Null);
                let kind = composite_kind(mark_v).unwrap_or("boxplot");
                let expanded = expand_composite(kind, mark_v, r.get("encoding"), path, w)?;
                let layer = parse_view(&expanded, path, w)?;
                transform.extend(layer.transform);
                layer.kind
            }
        }
        Some("mark") => {
            let mark_v = r.get("mark").ok_or_else(|| missing(&join(path, "mark"), "a mark"))?;
            let mut mark = parse_mark(mark_v, &join(path, "mark"), w)?;
            #[cfg(not(feature = "full"))]
            if mark.kind == MarkKind::Geoshape {
                return Err(Error::NeedsFull {
                    path: join(path, "mark"),
                    what: "maps (projection, geoshape, GeoJSON/TopoJSON)",
                });
            }
            let (mut encoding, facet) = match r.get("encoding") {
                Some(e) => parse_encoding(e, &join(path, "encoding"), w)?,
                None => (Encoding::default(), None),
            };
            if check {
                check_unit(&mut mark, &mut encoding, path, w)?;
            }
            let unit = ViewKind::Unit { mark, encoding };
            match facet {
                None => unit,
                Some((row, column, columns)) => ViewKind::Facet {
                    row,
                    column,
                    columns,
                    resolve: Resolve::default(),
                    spec: Box::new(View {
                        data: None,
                        transform: Vec::new(),
                        width: None,
                        height: None,
                        title: None,
                        kind: unit,
                        path: path.to_string(),
                    }),
                },
            }
        }
        Some("layer") => {
            let lp = join(path, "layer");
            let items = r.get("layer").and_then(Json::as_array).ok_or_else(|| {
                spec_error(&lp, "an array of views", r.peek("layer").unwrap_or(&Json::Null))
            })?;
            if items.is_empty() {
                return Err(spec_error(&lp, "at least one layer", &Json::Array(Vec::new())));
            }
            let ep = join(path, "encoding");
            let shared = r.get("encoding");
            if let Some(e) = shared {
                // The shared encoding is read once at its own path (its channels may lack
                // the field their layers give them), then merged into each layer.
                let (_, facet) = parse_encoding(&super::layer_encoding::completed(e), &ep, w)?;
                if facet.is_some() {
                    return Err(missing(&ep, "row/column/facet on a unit view, not on a layer"));
                }
            }
            let mut layers = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let ip = format!("{lp}[{i}]");
                let merged = shared.map(|e| super::layer_encoding::merge(e, item));
                let mut lw = Vec::new();
                let mut v = parse_view_checked(merged.as_ref().unwrap_or(item), &ip, &mut lw, false)?;
                if let ViewKind::Unit { mark, encoding } = &mut v.kind {
                    check_unit(mark, encoding, &ip, &mut lw)?;
                }
                // A warning about a property the shared encoding gave names it there, once.
                for mut x in lw {
                    if let Some(e) = shared {
                        x.path = super::layer_encoding::warning_path(&x.path, e, item, &ip, &ep);
                    }
                    if !w.iter().any(|y| y.path == x.path && y.message == x.message) {
                        w.push(x);
                    }
                }
                layers.push(v);
            }
            ViewKind::Layer { layers, resolve: Resolve::default() }
        }
        Some(k @ ("hconcat" | "vconcat" | "concat")) => {
            let cp = join(path, k);
            let items = r.get(k).and_then(Json::as_array).ok_or_else(|| {
                spec_error(&cp, "an array of views", r.peek(k).unwrap_or(&Json::Null))
            })?;
            if k == "concat" && r.get("columns").is_some() {
                w.push(Warning { path: join(path, "columns"), message: "\"columns\" has no effect yet: concatenated views are placed in one row".into() });
            }
            let views = items
                .iter()
                .enumerate()
                .map(|(i, item)| parse_view(item, &format!("{cp}[{i}]"), w))
                .collect::<Result<Vec<_>, _>>()?;
            ViewKind::Concat {
                direction: if k == "vconcat" { Direction::Vertical } else { Direction::Horizontal },
                views,
                resolve: Resolve::default(),
            }
        }
        Some("facet") => {
            let fp = join(path, "facet");
            let facet = r.get("facet").ok_or_else(|| missing(&fp, "a facet definition"))?;
            let spec_v = r.get("spec").ok_or_else(|| missing(&join(path, "spec"), "the view to repeat in each facet"))?;
            let columns = r.opt_num("columns")?.map(|c| c.max(1.0) as usize);
            let (row, column) = parse_facet(facet, &fp, w)?;
            let spec = parse_view(spec_v, &join(path, "spec"), w)?;
            if let ViewKind::Layer { resolve, .. } = &spec.kind {
                if resolve.y_independent || resolve.y_axis_independent {
                    return Err(Error::Spec {
                        path: join(&join(path, "spec"), "resolve"),
                        expected: "a layer with shared y scales and axes inside a facet (dual axes in facet cells are not supported yet)".into(),
                        found: "independent y".into(),
                    });
                }
            }
            ViewKind::Facet {
                row,
                column,
                columns,
                spec: Box::new(spec),
                resolve: Resolve::default(),
            }
        }
        _ => {
            return Err(missing(
                &join(path, "mark"),
                "a mark (e.g. \"bar\", \"line\", \"arc\"), or \"layer\", \"hconcat\", \"vconcat\", \"facet\"",
            ))
        }
    };
    let mut kind = kind;
    if let Some(p) = &projection {
        super::projection::inherit(&mut kind, p, &join(path, "projection"))?;
    }
    let parsed_resolve = super::resolve::parse_composition(r, &kind, path, w)?;
    if let ViewKind::Facet { resolve, .. }
    | ViewKind::Concat { resolve, .. }
    | ViewKind::Layer { resolve, .. } = &mut kind
    {
        *resolve = parsed_resolve;
    }
    Ok(View {
        data,
        transform,
        width: None,
        height: None,
        title: None,
        kind,
        path: path.to_string(),
    })
}

pub(super) fn parse_facet(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<(Option<FacetField>, Option<FacetField>), Error> {
    let r = ObjReader::new(v, path, "a facet object")?;
    if r.has("field") {
        // `facet: {field}` wraps panels in rows of `columns`.
        return Ok((None, Some(parse_facet_field(v, path, w)?)));
    }
    let mut r = r;
    let row = match r.get("row") {
        Some(f) => Some(parse_facet_field(f, &join(path, "row"), w)?),
        None => None,
    };
    let column = match r.get("column") {
        Some(f) => Some(parse_facet_field(f, &join(path, "column"), w)?),
        None => None,
    };
    r.finish(&[], w)?;
    if row.is_none() && column.is_none() {
        return Err(missing(path, "\"row\" or \"column\" (or a \"field\")"));
    }
    Ok((row, column))
}

pub(super) fn parse_facet_field(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<FacetField, Error> {
    let mut r = ObjReader::new(v, path, "a facet field definition")?;
    let field = r
        .opt_str("field")?
        .ok_or_else(|| missing(&join(path, "field"), "a field name"))?;
    let ty = match r.get("type") {
        Some(t) => parse_type(t, &join(path, "type"))?,
        None => FieldType::Nominal,
    };
    let title = parse_optional_title(&mut r)?;
    if let Some(Some(_)) = &title {
        w.push(Warning {
            path: join(path, "title"),
            message: "a facet title has no effect yet: panels are headed by their values".into(),
        });
    }
    let sort = match r.get("sort") {
        None => Sort::Ascending,
        Some(s) => parse_sort(s, &join(path, "sort"))?,
    };
    if r.get("header").is_some() {
        w.push(Warning {
            path: join(path, "header"),
            message: "\"header\" has no effect: panel headers use stdviz's style".into(),
        });
    }
    let time_unit = parse_time_unit(r.get("timeUnit"), path)?;
    let bin = super::encoding::parse_bin(r.get("bin"), path, w)?;
    r.finish(&["spacing", "align", "center", "bounds"], w)?;
    Ok(FacetField {
        field,
        ty,
        title,
        sort,
        path: path.to_string(),
        time_unit,
        bin,
    })
}

pub(super) fn parse_size(v: Option<&Json>, path: &str) -> Result<Size, Error> {
    const EXPECTED: &str = "a size in pixels from 1 to 10000, \"container\" or {\"step\": n}";
    match v {
        None => Ok(Size::Default),
        Some(Json::String(s)) if s == "container" => Ok(Size::Container),
        Some(Json::Number(n)) => match n.as_f64() {
            Some(x) if x > 0.0 && x <= 10_000.0 => Ok(Size::Fixed(x as f32)),
            _ => Err(Error::Spec {
                path: path.into(),
                expected: EXPECTED.into(),
                found: n.to_string(),
            }),
        },
        Some(obj @ Json::Object(_)) => {
            let mut r = ObjReader::new(obj, path, EXPECTED)?;
            match r.opt_num("step")? {
                Some(s) if s > 0.0 && s <= 1_000.0 => {
                    r.finish(&["for"], &mut Vec::new())?;
                    Ok(Size::Step(s as f32))
                }
                _ => Err(spec_error(path, EXPECTED, obj)),
            }
        }
        Some(other) => Err(spec_error(path, EXPECTED, other)),
    }
}

pub(super) fn parse_autosize(v: &Json, path: &str, w: &mut Warnings) -> Result<(), Error> {
    const TYPES: &[&str] = &["fit", "fit-x", "fit-y", "pad", "none"];
    match v {
        Json::String(_) => {
            one_of(v, path, TYPES)?;
        }
        _ => {
            let mut r = ObjReader::new(v, path, "an autosize type or object")?;
            if let Some(t) = r.get("type") {
                one_of(t, &join(path, "type"), TYPES)?;
            }
            if let Some(c) = r.get("contains") {
                one_of(c, &join(path, "contains"), &["content", "padding"])?;
            }
            r.get("resize");
            r.finish(&[], w)?;
        }
    }
    Ok(())
}
