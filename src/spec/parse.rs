//! Spec JSON → [`ChartSpec`], with JSON-path errors and warnings.

use super::reader::{join, one_of, spec_error, ObjReader};
use super::*;
use crate::error::{Error, Warning};
use crate::table::json::records_to_table;
use serde_json::Value as Json;

/// A parsed spec and the warnings met on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The resolved spec.
    pub spec: ChartSpec,
    /// Properties that were ignored, with their paths.
    pub warnings: Vec<Warning>,
}

/// Valid Vega-Lite view properties that stdviz does not support yet.
const UNSUPPORTED_VIEW: &[&str] = &[
    "repeat",
    "params",
    "selection",
    "projection",
    "resolve",
    "datasets",
    "view",
    "align",
    "bounds",
    "center",
    "spacing",
];

/// Valid Vega-Lite field-definition properties that stdviz does not support yet.
const UNSUPPORTED_FIELD: &[&str] = &["band", "impute", "condition", "header", "bandPosition"];

type Warnings = Vec<Warning>;

fn missing(path: &str, expected: &str) -> Error {
    Error::Spec {
        path: path.to_string(),
        expected: expected.to_string(),
        found: "nothing".into(),
    }
}

/// Parses spec text. A syntax error reports serde_json's line and column.
pub fn parse(text: &str) -> Result<Parsed, Error> {
    let json: Json = serde_json::from_str(text).map_err(|e| Error::SpecSyntax {
        message: e.to_string(),
    })?;
    parse_value(&json)
}

/// Parses an already-decoded spec.
pub fn parse_value(json: &Json) -> Result<Parsed, Error> {
    let mut w = Vec::new();
    let mut top = ObjReader::new(json, "", "a spec object")?;
    top.get("$schema");
    let title = match top.get("title") {
        None => None,
        Some(v) => Some(parse_title(v, "title", &mut w)?),
    };
    let description = top.opt_str("description")?;
    let width = parse_size(top.get("width"), "width")?;
    let height = parse_size(top.get("height"), "height")?;
    if let Some(a) = top.get("autosize") {
        parse_autosize(a, "autosize", &mut w)?;
    }
    let mut config = match top.get("config") {
        Some(v) => parse_config(v, "config", &mut w)?,
        None => Config::default(),
    };
    if let Some(b) = top.get("background") {
        config.background = Some(parse_color(b, "background")?);
    }
    if let Some(p) = top.get("padding") {
        if !p.is_number() {
            return Err(spec_error("padding", "a number of pixels", p));
        }
        w.push(Warning {
            path: "padding".into(),
            message: "stdviz uses its own padding; \"padding\" is ignored".into(),
        });
    }
    let meta = match top.get("usermeta") {
        Some(v) => parse_usermeta(v, "usermeta", &mut w)?,
        None => StdvizMeta::default(),
    };
    let view = parse_view_body(&mut top, "", &mut w, true)?;
    top.finish(UNSUPPORTED_VIEW, &mut w)?;
    if view.data.is_none() && needs_data(&view) {
        return Err(missing(
            "data",
            "a data object ({\"values\": [...]} or {\"url\": \"...\"})",
        ));
    }
    Ok(Parsed {
        spec: ChartSpec {
            title,
            description,
            width,
            height,
            view,
            config,
            meta,
        },
        warnings: w,
    })
}

/// Whether some unit view below `view` has no data of its own or from an ancestor.
fn needs_data(view: &View) -> bool {
    if view.data.is_some() {
        return false;
    }
    match &view.kind {
        ViewKind::Unit { .. } => true,
        ViewKind::Layer { layers } => layers.iter().any(needs_data),
        ViewKind::Concat { views, .. } => views.iter().any(needs_data),
        ViewKind::Facet { spec, .. } => needs_data(spec),
    }
}

/// Parses a nested view object (a layer, a concatenated view, a facet's spec).
fn parse_view(v: &Json, path: &str, w: &mut Warnings) -> Result<View, Error> {
    parse_view_checked(v, path, w, true)
}

/// Parses a nested view; `check` is false for layers, which are checked after they
/// inherit the layer's shared encoding.
fn parse_view_checked(v: &Json, path: &str, w: &mut Warnings, check: bool) -> Result<View, Error> {
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
fn parse_view_body(
    r: &mut ObjReader<'_>,
    path: &str,
    w: &mut Warnings,
    check: bool,
) -> Result<View, Error> {
    let data = match r.get("data") {
        Some(Json::Null) | None => None,
        Some(d) => Some(parse_data(d, &join(path, "data"), w)?),
    };
    let transform = match r.get("transform") {
        None => Vec::new(),
        Some(t) => parse_transforms(t, &join(path, "transform"), w)?,
    };
    if let Some(p) = r.get("params") {
        parse_params(p, &join(path, "params"))?;
    }
    // Composition stdviz does not support is named before anything else is missing.
    for key in ["repeat", "selection", "projection"] {
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
    let kind = match kinds.first().copied() {
        Some("mark") => {
            let mark_v = r.get("mark").ok_or_else(|| missing(&join(path, "mark"), "a mark"))?;
            let mark = parse_mark(mark_v, &join(path, "mark"), w)?;
            let (encoding, facet) = match r.get("encoding") {
                Some(e) => parse_encoding(e, &join(path, "encoding"), w)?,
                None => (Encoding::default(), None),
            };
            if check {
                check_unit(&mark, &encoding, path)?;
            }
            let unit = ViewKind::Unit { mark, encoding };
            match facet {
                None => unit,
                Some((row, column, columns)) => ViewKind::Facet {
                    row,
                    column,
                    columns,
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
            let shared = match r.get("encoding") {
                Some(e) => {
                    let (enc, facet) = parse_encoding(e, &join(path, "encoding"), w)?;
                    if facet.is_some() {
                        return Err(missing(&join(path, "encoding"), "row/column/facet on a unit view, not on a layer"));
                    }
                    Some(enc)
                }
                None => None,
            };
            let mut layers = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let mut v = parse_view_checked(item, &format!("{lp}[{i}]"), w, false)?;
                if let ViewKind::Unit { mark, encoding } = &mut v.kind {
                    if let Some(shared) = &shared {
                        encoding.inherit(shared);
                    }
                    check_unit(mark, encoding, &format!("{lp}[{i}]"))?;
                }
                layers.push(v);
            }
            ViewKind::Layer { layers }
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
            }
        }
        Some("facet") => {
            let fp = join(path, "facet");
            let facet = r.get("facet").ok_or_else(|| missing(&fp, "a facet definition"))?;
            let spec_v = r.get("spec").ok_or_else(|| missing(&join(path, "spec"), "the view to repeat in each facet"))?;
            let columns = r.opt_num("columns")?.map(|c| c.max(1.0) as usize);
            let (row, column) = parse_facet(facet, &fp, w)?;
            let spec = parse_view(spec_v, &join(path, "spec"), w)?;
            ViewKind::Facet {
                row,
                column,
                columns,
                spec: Box::new(spec),
            }
        }
        _ => {
            return Err(missing(
                &join(path, "mark"),
                "a mark (e.g. \"bar\", \"line\", \"arc\"), or \"layer\", \"hconcat\", \"vconcat\", \"facet\"",
            ))
        }
    };
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

fn parse_facet(
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

fn parse_facet_field(v: &Json, path: &str, w: &mut Warnings) -> Result<FacetField, Error> {
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
    r.finish(
        &["spacing", "align", "center", "bounds", "timeUnit", "bin"],
        w,
    )?;
    Ok(FacetField {
        field,
        ty,
        title,
        sort,
        path: path.to_string(),
    })
}

fn parse_title(v: &Json, path: &str, w: &mut Warnings) -> Result<Title, Error> {
    if let Some(text) = v.as_str() {
        return Ok(Title {
            text: text.to_string(),
            subtitle: None,
            anchor: Anchor::Middle,
        });
    }
    let mut r = ObjReader::new(v, path, "a title string or {\"text\": …}")?;
    // Vega-Lite allows an array of lines; stdviz sets them on one line.
    let text = match r.get("text") {
        Some(Json::String(t)) => t.clone(),
        Some(Json::Array(lines)) if lines.iter().all(Json::is_string) => lines
            .iter()
            .filter_map(Json::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        Some(other) => {
            return Err(spec_error(
                &join(path, "text"),
                "a string or an array of strings",
                other,
            ))
        }
        None => return Err(missing(&join(path, "text"), "a string")),
    };
    let subtitle = r.opt_str("subtitle")?;
    let anchor = match r.get("anchor") {
        None => Anchor::Middle,
        Some(a) => match one_of(a, &join(path, "anchor"), &["start", "middle", "end"])? {
            "start" => Anchor::Start,
            "end" => Anchor::End,
            _ => Anchor::Middle,
        },
    };
    r.finish(
        &[
            "orient",
            "align",
            "baseline",
            "dx",
            "dy",
            "frame",
            "offset",
            "color",
            "fontSize",
            "font",
            "fontWeight",
            "subtitleColor",
            "subtitleFontSize",
        ],
        w,
    )?;
    Ok(Title {
        text,
        subtitle,
        anchor,
    })
}

fn parse_size(v: Option<&Json>, path: &str) -> Result<Size, Error> {
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

fn parse_autosize(v: &Json, path: &str, w: &mut Warnings) -> Result<(), Error> {
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

fn parse_config(v: &Json, path: &str, w: &mut Warnings) -> Result<Config, Error> {
    let mut r = ObjReader::new(v, path, "a config object")?;
    let mut c = Config {
        font: r.opt_str("font")?,
        ..Config::default()
    };
    if let Some(b) = r.get("background") {
        c.background = Some(parse_color(b, &join(path, "background"))?);
    }
    if let Some(m) = r.get("mark") {
        let mp = join(path, "mark");
        let mut mr = ObjReader::new(m, &mp, "an object")?;
        if let Some(col) = mr.get("color") {
            c.mark_color = Some(parse_color(col, &join(&mp, "color"))?);
        }
        mr.finish(&[], w)?;
    }
    for (key, kind) in [
        ("bar", MarkKind::Bar),
        ("line", MarkKind::Line),
        ("area", MarkKind::Area),
        ("point", MarkKind::Point),
        ("arc", MarkKind::Arc),
        ("text", MarkKind::Text),
        ("rule", MarkKind::Rule),
        ("tick", MarkKind::Tick),
        ("rect", MarkKind::Rect),
    ] {
        if let Some(m) = r.get(key) {
            let mp = join(path, key);
            let mut mr = ObjReader::new(m, &mp, "an object")?;
            if let Some(col) = mr.get("color") {
                c.mark_kind_colors
                    .push((kind, parse_color(col, &join(&mp, "color"))?));
            }
            mr.finish(&[], w)?;
        }
    }
    if let Some(range) = r.get("range") {
        let rp = join(path, "range");
        let mut rr = ObjReader::new(range, &rp, "an object")?;
        if let Some(cat) = rr.get("category") {
            c.category_colors = Some(parse_color_list(cat, &join(&rp, "category"))?);
        }
        rr.finish(&[], w)?;
    }
    if let Some(axis) = r.get("axis") {
        let ap = join(path, "axis");
        let mut ar = ObjReader::new(axis, &ap, "an object")?;
        c.axis_grid = ar.opt_bool("grid")?;
        c.axis_label_size = ar.opt_num("labelFontSize")?.map(|x| x as f32);
        ar.finish(&[], w)?;
    }
    if let Some(title) = r.get("title") {
        let tp = join(path, "title");
        let mut tr = ObjReader::new(title, &tp, "an object")?;
        c.title_size = tr.opt_num("fontSize")?.map(|x| x as f32);
        tr.finish(&[], w)?;
    }
    if let Some(view) = r.get("view") {
        let vp = join(path, "view");
        let mut vr = ObjReader::new(view, &vp, "an object")?;
        match vr.get("stroke") {
            None | Some(Json::Null) => {}
            Some(s) => {
                c.view_stroke = Some(parse_color(s, &join(&vp, "stroke"))?);
                w.push(Warning {
                    path: join(&vp, "stroke"),
                    message: "stdviz draws no frame around the plot; \"stroke\" has no effect"
                        .into(),
                });
            }
        }
        for key in ["continuousWidth", "continuousHeight"] {
            if vr.get(key).is_some() {
                w.push(Warning {
                    path: join(&vp, key),
                    message: format!(
                        "\"{key}\" has no effect: stdviz's default plot size is 300 px"
                    ),
                });
            }
        }
        vr.finish(&[], w)?;
    }
    if let Some(l) = r.get("locale") {
        parse_locale(l, &join(path, "locale"), w)?;
    }
    r.finish(
        &[
            "legend",
            "header",
            "style",
            "scale",
            "concat",
            "facet",
            "numberFormat",
            "timeFormat",
        ],
        w,
    )?;
    Ok(c)
}

/// `config.locale`: a d3 number locale is accepted when its separators are the ones
/// stdviz writes — `.` decimal, `,` thousands in groups of three, as zh-CN and en-US
/// define them — so a spec can state them for Vega; others are errors, not silently
/// different output. (万/亿 are not a d3 locale's: see `usermeta.stdviz.numbers`.)
fn parse_locale(v: &Json, path: &str, w: &mut Warnings) -> Result<(), Error> {
    let mut r = ObjReader::new(v, path, "a locale object with \"number\"")?;
    if let Some(n) = r.get("number") {
        let np = join(path, "number");
        let mut nr = ObjReader::new(n, &np, "a d3 number locale")?;
        for (key, want) in [("decimal", "."), ("thousands", ",")] {
            match nr.get(key) {
                None => {}
                Some(Json::String(s)) if s == want => {}
                Some(other) => {
                    return Err(spec_error(
                        &join(&np, key),
                        format!("\"{want}\" (the only {key} separator stdviz writes yet)"),
                        other,
                    ))
                }
            }
        }
        match nr.get("grouping") {
            None => {}
            Some(Json::Array(g)) if g.iter().all(|x| x.as_f64() == Some(3.0)) && !g.is_empty() => {}
            Some(other) => {
                return Err(spec_error(
                    &join(&np, "grouping"),
                    "[3] (groups of three digits, the only grouping stdviz writes yet)",
                    other,
                ))
            }
        }
        if nr.get("currency").is_some() {
            w.push(Warning {
                path: join(&np, "currency"),
                message: "\"currency\" has no effect: a \"$\" in a format writes \"$\"".into(),
            });
        }
        nr.finish(&["numerals", "percent", "minus", "nan"], w)?;
    }
    r.finish(&["time"], w)
}

fn parse_color_list(v: &Json, path: &str) -> Result<Vec<Color>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of CSS colours", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, c)| parse_color(c, &format!("{path}[{i}]")))
        .collect()
}

fn parse_format(
    v: Option<&Json>,
    path: &str,
    url: Option<&str>,
    w: &mut Warnings,
) -> Result<(DataFormat, Vec<(String, ParseAs)>), Error> {
    let by_extension = || {
        let lower = url.unwrap_or("").to_ascii_lowercase();
        let base = lower.split(['?', '#']).next().unwrap_or("");
        if base.ends_with(".csv") {
            DataFormat::Delimited {
                delimiter: Some(b','),
            }
        } else if base.ends_with(".tsv") {
            DataFormat::Delimited {
                delimiter: Some(b'\t'),
            }
        } else {
            DataFormat::Json { property: None }
        }
    };
    let Some(v) = v else {
        return Ok((by_extension(), Vec::new()));
    };
    let mut r = ObjReader::new(v, path, "a format object")?;
    let property = r.opt_str("property")?;
    let delimiter = r.opt_str("delimiter")?;
    let format = match r.get("type") {
        None => match by_extension() {
            DataFormat::Json { .. } => DataFormat::Json {
                property: property.clone(),
            },
            other => other,
        },
        Some(t) => match one_of(t, &join(path, "type"), &["json", "csv", "tsv", "dsv"])? {
            "csv" => DataFormat::Delimited {
                delimiter: Some(b','),
            },
            "tsv" => DataFormat::Delimited {
                delimiter: Some(b'\t'),
            },
            "dsv" => {
                let d = delimiter.as_deref().unwrap_or("");
                match d.as_bytes() {
                    [b] if d.is_ascii() => DataFormat::Delimited {
                        delimiter: Some(*b),
                    },
                    _ => {
                        return Err(Error::Spec {
                            path: join(path, "delimiter"),
                            expected: "one ASCII character (required with type \"dsv\")".into(),
                            found: format!("\"{d}\""),
                        })
                    }
                }
            }
            _ => DataFormat::Json {
                property: property.clone(),
            },
        },
    };
    let mut parse = Vec::new();
    if let Some(p) = r.get("parse") {
        let pp = join(path, "parse");
        let obj = p
            .as_object()
            .ok_or_else(|| spec_error(&pp, "an object of field: type", p))?;
        for (field, kind) in obj {
            let kp = join(&pp, field);
            let how = match kind {
                Json::Null => ParseAs::Text,
                Json::String(s) if s == "number" => ParseAs::Number,
                Json::String(s) if s == "boolean" => ParseAs::Boolean,
                Json::String(s) if s == "date" => ParseAs::Date,
                Json::String(s) if s.starts_with("date:") || s.starts_with("utc:") => {
                    let pat = s.split_once(':').map(|x| x.1).unwrap_or("").trim();
                    let pat = pat.trim_matches(|c| c == '\'' || c == '"');
                    if let Err(why) = crate::table::infer::DateFormat::compile(pat) {
                        return Err(Error::Spec {
                            path: kp,
                            expected: format!("a supported date format ({why})"),
                            found: format!("\"{pat}\""),
                        });
                    }
                    ParseAs::DateFormat(pat.to_string())
                }
                other => {
                    return Err(spec_error(
                        &kp,
                        "\"number\", \"boolean\", \"date\", \"date:'%Y-%m-%d'\" or null",
                        other,
                    ))
                }
            };
            parse.push((field.clone(), how));
        }
    }
    r.finish(&["feature", "mesh"], w)?;
    Ok((format, parse))
}

fn parse_data(v: &Json, path: &str, w: &mut Warnings) -> Result<DataSource, Error> {
    let mut r = ObjReader::new(v, path, "a data object")?;
    r.get("name");
    let values = r.get("values");
    let url = r.opt_str("url")?;
    let (format, parse) = parse_format(r.get("format"), &join(path, "format"), url.as_deref(), w)?;
    let source = match (values, url) {
        (Some(Json::String(text)), None) => match format {
            DataFormat::Json { .. } if !text.trim_start().starts_with(['[', '{']) => {
                return Err(Error::Spec {
                    path: join(path, "format.type"),
                    expected: "\"csv\" or \"tsv\" for text values".into(),
                    found: "nothing (JSON assumed)".into(),
                })
            }
            format => DataSource::InlineText {
                text: text.clone(),
                format,
                parse,
            },
        },
        (Some(values), None) => {
            let mut node = values;
            let mut node_path = join(path, "values");
            if let DataFormat::Json { property: Some(p) } = &format {
                for key in p.split('.') {
                    node_path = join(&node_path, key);
                    node = node.get(key).ok_or_else(|| {
                        missing(&node_path, "a property named by format.property")
                    })?;
                }
            }
            let node = normalise_values(node);
            if let Some((field, _)) = parse.first() {
                w.push(Warning {
                    path: join(path, &format!("format.parse.{field}")),
                    message: "format.parse applies to CSV/TSV text; inline JSON values keep their JSON types".into(),
                });
            }
            DataSource::Inline(records_to_table(&node, &node_path, "inline data")?)
        }
        (None, Some(url)) => DataSource::Url { url, format, parse },
        (Some(_), Some(_)) => {
            return Err(Error::Spec {
                path: path.into(),
                expected: "either \"values\" or \"url\", not both".into(),
                found: "both".into(),
            })
        }
        (None, None) => {
            return Err(Error::Spec {
                path: path.into(),
                expected: "\"values\" (inline rows) or \"url\"".into(),
                found: "neither".into(),
            })
        }
    };
    r.finish(&["sequence", "sphere", "graticule"], w)?;
    Ok(source)
}

/// Vega-Lite accepts an array of plain values as `{"data": …}` records.
fn normalise_values(node: &Json) -> Json {
    match node.as_array() {
        Some(items)
            if items.iter().any(|i| !i.is_object()) && items.iter().all(|i| !i.is_object()) =>
        {
            Json::Array(
                items
                    .iter()
                    .map(|i| serde_json::json!({ "data": i }))
                    .collect(),
            )
        }
        _ => node.clone(),
    }
}

fn parse_mark(v: &Json, path: &str, w: &mut Warnings) -> Result<Mark, Error> {
    const KINDS: &[&str] = &[
        "bar", "line", "area", "point", "circle", "square", "arc", "text", "rule", "tick", "rect",
    ];
    let mut mark = Mark {
        kind: MarkKind::Bar,
        shape: PointShape::Circle,
        color: None,
        opacity: None,
        filled: None,
        size: None,
        stroke_width: None,
        inner_radius: 0.0,
        outer_radius: None,
        radius: None,
        corner_radius: 0.0,
        pad_angle: 0.0,
        tooltip: false,
        point: false,
        orient: None,
        align: None,
        baseline: None,
        dx: 0.0,
        dy: 0.0,
        text: None,
        thickness: None,
        interpolate: Interpolate::Linear,
    };
    let set_kind = |mark: &mut Mark, name: &str| {
        mark.kind = match name {
            "line" => MarkKind::Line,
            "area" => MarkKind::Area,
            "point" => MarkKind::Point,
            "circle" => {
                mark.filled = Some(true);
                MarkKind::Point
            }
            "square" => {
                mark.filled = Some(true);
                mark.shape = PointShape::Square;
                MarkKind::Point
            }
            "arc" => MarkKind::Arc,
            "text" => MarkKind::Text,
            "rule" => MarkKind::Rule,
            "tick" => MarkKind::Tick,
            "rect" => MarkKind::Rect,
            _ => MarkKind::Bar,
        };
    };
    if v.is_string() {
        let name = one_of(v, path, KINDS)?;
        set_kind(&mut mark, name);
        return Ok(mark);
    }
    let mut r = ObjReader::new(v, path, "a mark name or {\"type\": …}")?;
    let ty = r
        .get("type")
        .ok_or_else(|| missing(&join(path, "type"), &format!("one of {}", KINDS.join(", "))))?;
    set_kind(&mut mark, one_of(ty, &join(path, "type"), KINDS)?);
    for key in ["color", "fill", "stroke"] {
        if let Some(c) = r.get(key) {
            // A stroke is an outline on filled marks, which stdviz does not draw.
            let outline = key == "stroke"
                && matches!(mark.kind, MarkKind::Bar | MarkKind::Area | MarkKind::Arc);
            if outline {
                return Err(Error::Spec {
                    path: join(path, key),
                    expected: "a property stdviz supports (see docs/SPEC.md); outlines (stroke) on bars, areas and arcs are not supported yet".into(),
                    found: crate::table::json::describe(c),
                });
            }
            mark.color = Some(parse_color(c, &join(path, key))?);
        }
    }
    for key in ["opacity", "fillOpacity", "strokeOpacity"] {
        if let Some(o) = r.opt_num(key)? {
            if !(0.0..=1.0).contains(&o) {
                return Err(Error::Spec {
                    path: join(path, key),
                    expected: "a number from 0 to 1".into(),
                    found: o.to_string(),
                });
            }
            mark.opacity = Some(o as f32);
        }
    }
    if let Some(f) = r.opt_bool("filled")? {
        mark.filled = Some(f);
    }
    mark.size = r.opt_non_negative("size")?.map(|x| x as f32);
    mark.stroke_width = r.opt_non_negative("strokeWidth")?.map(|x| x as f32);
    if let Some(x) = r.opt_non_negative("innerRadius")? {
        mark.inner_radius = x as f32;
    }
    mark.outer_radius = r.opt_non_negative("outerRadius")?.map(|x| x as f32);
    mark.radius = r.opt_non_negative("radius")?.map(|x| x as f32);
    if let Some(x) = r.opt_non_negative("cornerRadius")? {
        mark.corner_radius = x as f32;
    }

    if let Some(x) = r.opt_non_negative("padAngle")? {
        mark.pad_angle = x as f32;
    }
    mark.thickness = r.opt_non_negative("thickness")?.map(|x| x as f32);
    if let Some(t) = r.get("tooltip") {
        mark.tooltip = match t {
            Json::Bool(b) => *b,
            Json::Null => false,
            Json::Object(o) => match o.get("content").and_then(Json::as_str) {
                Some("data") | Some("encoding") => true,
                _ => {
                    return Err(spec_error(
                        &join(path, "tooltip"),
                        "true, false, null or {\"content\": \"data\"|\"encoding\"}",
                        t,
                    ))
                }
            },
            other => {
                return Err(spec_error(
                    &join(path, "tooltip"),
                    "true, false or null",
                    other,
                ))
            }
        };
    }
    if let Some(p) = r.get("point") {
        mark.point = match p {
            Json::Bool(b) => *b,
            Json::Object(_) => true,
            Json::String(s) if s == "transparent" => false,
            other => {
                return Err(spec_error(
                    &join(path, "point"),
                    "true, false, \"transparent\" or a point mark object",
                    other,
                ))
            }
        };
    }
    if let Some(o) = r.get("orient") {
        mark.orient = Some(
            match one_of(o, &join(path, "orient"), &["vertical", "horizontal"])? {
                "horizontal" => Orient::Horizontal,
                _ => Orient::Vertical,
            },
        );
    }
    if let Some(a) = r.get("align") {
        mark.align = Some(
            match one_of(a, &join(path, "align"), &["left", "center", "right"])? {
                "left" => TextAlign::Left,
                "right" => TextAlign::Right,
                _ => TextAlign::Center,
            },
        );
    }
    if let Some(b) = r.get("baseline") {
        mark.baseline = Some(
            match one_of(
                b,
                &join(path, "baseline"),
                &[
                    "top",
                    "middle",
                    "bottom",
                    "alphabetic",
                    "line-top",
                    "line-bottom",
                ],
            )? {
                "top" | "line-top" => TextBaseline::Top,
                "middle" => TextBaseline::Middle,
                _ => TextBaseline::Bottom,
            },
        );
    }
    mark.dx = r.opt_num("dx")?.unwrap_or(0.0) as f32;
    mark.dy = r.opt_num("dy")?.unwrap_or(0.0) as f32;
    if let Some(s) = r.opt_num("fontSize")? {
        if s <= 0.0 || s > 200.0 {
            return Err(Error::Spec {
                path: join(path, "fontSize"),
                expected: "a size from 1 to 200".into(),
                found: s.to_string(),
            });
        }
        mark.size = Some(s as f32);
    }
    mark.text = match r.get("text") {
        None => None,
        Some(Json::String(s)) => Some(s.clone()),
        Some(Json::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(spec_error(&join(path, "text"), "a string", other)),
    };
    if let Some(i) = r.get("interpolate") {
        mark.interpolate = match one_of(
            i,
            &join(path, "interpolate"),
            &["linear", "step", "step-after", "step-before", "monotone"],
        )? {
            "step" => Interpolate::Step,
            "step-after" => Interpolate::StepAfter,
            "step-before" => Interpolate::StepBefore,
            "monotone" => {
                w.push(Warning {
                    path: join(path, "interpolate"),
                    message: "\"monotone\" is drawn as \"linear\" by stdviz".into(),
                });
                Interpolate::Linear
            }
            _ => Interpolate::Linear,
        };
    }
    r.get("clip");
    r.finish(
        &[
            "shape",
            "thetaOffset",
            "cornerRadiusEnd",
            "radius2",
            "theta",
            "theta2",
            "binSpacing",
            "width",
            "height",
            "x",
            "y",
            "x2",
            "y2",
            "strokeDash",
            "font",
            "fontWeight",
            "fontStyle",
            "angle",
            "limit",
            "ellipsis",
            "lineBreak",
            "href",
            "cursor",
            "blend",
            "invalid",
            "line",
            "style",
            "strokeCap",
            "strokeJoin",
            "tension",
            "aria",
            "ariaRole",
            "description",
        ],
        w,
    )?;
    Ok(mark)
}

fn parse_color(v: &Json, path: &str) -> Result<Color, Error> {
    v.as_str().and_then(Color::parse).ok_or_else(|| {
        spec_error(
            path,
            "a CSS colour such as \"#4c78a8\" or \"rgb(76,120,168)\"",
            v,
        )
    })
}

fn parse_type(v: &Json, path: &str) -> Result<FieldType, Error> {
    Ok(
        match one_of(v, path, &["nominal", "ordinal", "quantitative", "temporal"])? {
            "nominal" => FieldType::Nominal,
            "ordinal" => FieldType::Ordinal,
            "temporal" => FieldType::Temporal,
            _ => FieldType::Quantitative,
        },
    )
}

type FacetFromEncoding = (Option<FacetField>, Option<FacetField>, Option<usize>);

fn parse_encoding(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<(Encoding, Option<FacetFromEncoding>), Error> {
    let mut r = ObjReader::new(v, path, "an encoding object")?;
    let mut enc = Encoding::default();
    for channel in Channel::ALL {
        if let Some(def) = r.get(channel.name()) {
            let cp = join(path, channel.name());
            // `condition` on colour, opacity and size: the branches apart, the rest is
            // the channel's own definition.
            let emphasis = matches!(channel, Channel::Color | Channel::Opacity | Channel::Size);
            if let (true, Some(Json::Object(obj))) = (emphasis, Some(def)) {
                if let Some(c) = obj.get("condition") {
                    let conds = parse_conditions(c, &join(&cp, "condition"), channel, w)?;
                    enc.conditions.push((channel, conds));
                    let mut rest = obj.clone();
                    rest.remove("condition");
                    let rest = Json::Object(rest);
                    enc.channels
                        .push((channel, parse_channel(&rest, &cp, channel, w)?));
                    continue;
                }
            }
            enc.channels
                .push((channel, parse_channel(def, &cp, channel, w)?));
        }
    }
    for (end, start) in [(Channel::X2, Channel::X), (Channel::Y2, Channel::Y)] {
        let start_ty = enc.field(start).map(|f| f.ty);
        let typed = v.get(end.name()).and_then(|d| d.get("type")).is_some();
        if let (Some(ty), false) = (start_ty, typed) {
            for (c, d) in enc.channels.iter_mut() {
                if let (true, ChannelDef::Field(f)) = (*c == end, d) {
                    f.ty = ty;
                }
            }
        }
    }
    if let Some(d) = r.get("detail") {
        let dp = join(path, "detail");
        enc.detail = match d {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, it)| parse_field_def(it, &format!("{dp}[{i}]"), Channel::Color, w))
                .collect::<Result<_, _>>()?,
            other => vec![parse_field_def(other, &dp, Channel::Color, w)?],
        };
    }
    if let Some(t) = r.get("tooltip") {
        let tp = join(path, "tooltip");
        enc.tooltip = Some(match t {
            Json::Null => Vec::new(),
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, it)| parse_field_def(it, &format!("{tp}[{i}]"), Channel::Text, w))
                .collect::<Result<_, _>>()?,
            other => vec![parse_field_def(other, &tp, Channel::Text, w)?],
        });
    }
    let row = match r.get("row") {
        Some(f) => Some(parse_facet_field(f, &join(path, "row"), w)?),
        None => None,
    };
    let mut column = match r.get("column") {
        Some(f) => Some(parse_facet_field(f, &join(path, "column"), w)?),
        None => None,
    };
    let mut columns = None;
    if let Some(f) = r.get("facet") {
        let fp = join(path, "facet");
        let mut fr = ObjReader::new(f, &fp, "a facet field definition")?;
        columns = fr.opt_num("columns")?.map(|c| c.max(1.0) as usize);
        column = Some(parse_facet_field(f, &fp, &mut Vec::new())?);
    }
    r.finish(
        &[
            "theta2",
            "radius2",
            "fillOpacity",
            "strokeOpacity",
            "shape",
            "key",
            "href",
            "url",
            "description",
            "fill",
            "stroke",
            "strokeWidth",
            "strokeDash",
            "angle",
            "latitude",
            "longitude",
            "xError",
            "yError",
            "xError2",
            "yError2",
        ],
        w,
    )?;
    let facet = (row.is_some() || column.is_some()).then_some((row, column, columns));
    Ok((enc, facet))
}

/// A `condition`: one `{"test": …, "value": …}` or an array of them (the first that
/// holds wins). `param` conditions (selections) are not supported yet.
fn parse_conditions(
    v: &Json,
    path: &str,
    channel: Channel,
    w: &mut Warnings,
) -> Result<Vec<Condition>, Error> {
    let one = |v: &Json, path: &str, w: &mut Warnings| -> Result<Condition, Error> {
        let mut r = ObjReader::new(v, path, "a condition object with \"test\" and \"value\"")?;
        let test = r
            .get("test")
            .map(|t| transforms::parse_predicate(t, &join(path, "test"), w))
            .transpose()?;
        let value = r
            .get("value")
            .map(|x| parse_const(x, &join(path, "value")))
            .transpose()?;
        r.finish(&["param", "empty", "field", "datum"], w)?;
        let test = test.ok_or_else(|| missing(&join(path, "test"), "a predicate"))?;
        let value = value.ok_or_else(|| missing(&join(path, "value"), "a value"))?;
        check_channel_value(channel, &value, &join(path, "value"))?;
        Ok(Condition {
            when: ConditionTest::Test(test),
            value,
        })
    };
    match v {
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, it)| one(it, &format!("{path}[{i}]"), w))
            .collect(),
        other => Ok(vec![one(other, path, w)?]),
    }
}

/// A constant on a channel must mean something there: a CSS colour on colour, a
/// finite non-negative number on opacity and size.
fn check_channel_value(channel: Channel, value: &ConstValue, path: &str) -> Result<(), Error> {
    match (channel, value) {
        (Channel::Color, ConstValue::Text(t)) if Color::parse(t).is_none() => {
            Err(spec_error(path, "a CSS colour", &Json::String(t.clone())))
        }
        (Channel::Opacity | Channel::Size, ConstValue::Number(n)) if *n < 0.0 => Err(spec_error(
            path,
            "a number of at least 0",
            &serde_json::json!(*n),
        )),
        (Channel::Opacity | Channel::Size, ConstValue::Text(t)) => {
            Err(spec_error(path, "a number", &Json::String(t.clone())))
        }
        _ => Ok(()),
    }
}

fn parse_const(v: &Json, path: &str) -> Result<ConstValue, Error> {
    match v {
        Json::Number(n) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .map(ConstValue::Number)
            .ok_or_else(|| spec_error(path, "a finite number", v)),
        Json::String(s) => Ok(ConstValue::Text(s.clone())),
        Json::Bool(b) => Ok(ConstValue::Text(b.to_string())),
        other => Err(spec_error(path, "a number or a string", other)),
    }
}

fn parse_channel(
    v: &Json,
    path: &str,
    channel: Channel,
    w: &mut Warnings,
) -> Result<ChannelDef, Error> {
    let obj = v
        .as_object()
        .ok_or_else(|| spec_error(path, "a channel definition object", v))?;
    if obj.contains_key("value") && !obj.contains_key("field") && !obj.contains_key("aggregate") {
        let mut r = ObjReader::new(v, path, "an object")?;
        let value = r
            .get("value")
            .map(|x| parse_const(x, &join(path, "value")))
            .transpose()?;
        r.finish(&["condition"], w)?;
        let value = value.ok_or_else(|| missing(&join(path, "value"), "a value"))?;
        if channel == Channel::Color {
            if let ConstValue::Text(t) = &value {
                if Color::parse(t).is_none() {
                    return Err(spec_error(
                        &join(path, "value"),
                        "a CSS colour",
                        &Json::String(t.clone()),
                    ));
                }
            }
        }
        return Ok(ChannelDef::Value(value));
    }
    if obj.contains_key("datum") {
        let mut r = ObjReader::new(v, path, "an object")?;
        let datum = r
            .get("datum")
            .map(|x| parse_const(x, &join(path, "datum")))
            .transpose()?;
        r.get("type");
        r.finish(&["scale", "axis"], w)?;
        return datum
            .map(ChannelDef::Datum)
            .ok_or_else(|| missing(path, "a datum"));
    }
    parse_field_def(v, path, channel, w).map(|f| ChannelDef::Field(Box::new(f)))
}

fn parse_field_def(
    v: &Json,
    path: &str,
    channel: Channel,
    w: &mut Warnings,
) -> Result<FieldDef, Error> {
    let mut r = ObjReader::new(v, path, "a field definition object")?;
    let aggregate = match r.get("aggregate") {
        None => None,
        Some(a) => Some(a.as_str().and_then(AggregateOp::from_name).ok_or_else(|| {
            spec_error(
                &join(path, "aggregate"),
                format!("one of {}", AggregateOp::NAMES.join(", ")),
                a,
            )
        })?),
    };
    let field = match (r.opt_str("field")?, aggregate) {
        (Some(f), _) => f,
        (None, Some(AggregateOp::Count)) => String::new(),
        (None, _) => return Err(missing(&join(path, "field"), "a field name")),
    };
    let bin = match r.get("bin") {
        None | Some(Json::Bool(false)) | Some(Json::Null) => None,
        Some(Json::Bool(true)) => Some(Bin {
            maxbins: 10,
            step: None,
        }),
        Some(b) => {
            let bp = join(path, "bin");
            let mut br = ObjReader::new(b, &bp, "true or a bin object")?;
            let maxbins = match br.opt_num("maxbins")? {
                Some(m) if (2.0..=1000.0).contains(&m) => m as usize,
                Some(m) => {
                    return Err(Error::Spec {
                        path: join(&bp, "maxbins"),
                        expected: "a number from 2 to 1000".into(),
                        found: m.to_string(),
                    })
                }
                None => 10,
            };
            let step = match br.opt_num("step")? {
                Some(s) if s > 0.0 => Some(s),
                Some(s) => {
                    return Err(Error::Spec {
                        path: join(&bp, "step"),
                        expected: "a number > 0".into(),
                        found: s.to_string(),
                    })
                }
                None => None,
            };
            br.finish(
                &[
                    "extent", "base", "divide", "nice", "minstep", "steps", "anchor", "binned",
                ],
                w,
            )?;
            Some(Bin { maxbins, step })
        }
    };
    let time_unit = match r.get("timeUnit") {
        None => None,
        Some(t) => Some(
            match one_of(
                t,
                &join(path, "timeUnit"),
                &["year", "quarter", "yearquarter", "yearmonth", "month"],
            )? {
                "year" => TimeUnit::Year,
                "quarter" | "yearquarter" => TimeUnit::Quarter,
                "yearmonth" => TimeUnit::YearMonth,
                _ => TimeUnit::Month,
            },
        ),
    };
    let ty = match r.get("type") {
        Some(t) => parse_type(t, &join(path, "type"))?,
        None if aggregate.is_some() || bin.is_some() => FieldType::Quantitative,
        None if time_unit.is_some() => FieldType::Temporal,
        // x2/y2 share the scale of x/y: Vega-Lite takes their type from there.
        None if matches!(channel, Channel::X2 | Channel::Y2) => FieldType::Quantitative,
        // Vega-Lite's default: nominal, unless a scale type implies a continuous field.
        None => {
            let continuous = v
                .get("scale")
                .and_then(|sc| sc.get("type"))
                .and_then(Json::as_str)
                .is_some_and(|t| matches!(t, "linear" | "log" | "sqrt" | "pow" | "symlog"));
            let ty = if continuous {
                FieldType::Quantitative
            } else {
                FieldType::Nominal
            };
            w.push(Warning {
                path: join(path, "type"),
                message: format!(
                    "no \"type\": {} assumed, as Vega-Lite does; give the type to be sure",
                    if continuous {
                        "quantitative"
                    } else {
                        "nominal"
                    }
                ),
            });
            ty
        }
    };
    let title = parse_optional_title(&mut r)?;
    let sort = match r.get("sort") {
        None => Sort::Ascending,
        Some(s) => parse_sort(s, &join(path, "sort"))?,
    };
    let stack = match r.get("stack") {
        None => None,
        Some(Json::Null) | Some(Json::Bool(false)) => Some(Stack::None),
        Some(Json::Bool(true)) => Some(Stack::Zero),
        Some(s) => Some(
            match one_of(s, &join(path, "stack"), &["zero", "normalize", "center"])? {
                "normalize" => Stack::Normalize,
                "center" => Stack::Center,
                _ => Stack::Zero,
            },
        ),
    };
    let scale = match r.get("scale") {
        None | Some(Json::Null) => ScaleSpec::default(),
        Some(s) => parse_scale(s, &join(path, "scale"), w)?,
    };
    let axis = match r.get("axis") {
        None => Some(Axis::default()),
        Some(Json::Null) => None,
        Some(a) => Some(parse_axis(a, &join(path, "axis"), w)?),
    };
    let legend = match r.get("legend") {
        None => Some(Legend::default()),
        Some(Json::Null) => None,
        Some(l) => Some(parse_legend(l, &join(path, "legend"), w)?),
    };
    let format = r.opt_str("format")?;
    let format_type = parse_format_type(&mut r, path)?;
    r.finish(UNSUPPORTED_FIELD, w)?;
    // Number formats outside the supported d3-format subset are errors, not silent
    // fallbacks; time formats copy what they do not know.
    let number_format = |f: &Option<String>,
                         ft: Option<FormatType>,
                         at: String|
     -> Result<(), Error> {
        let time = ft == Some(FormatType::Time)
            || (ty == FieldType::Temporal && ft != Some(FormatType::Number));
        match f {
            Some(f) if !time && ft != Some(FormatType::Zh) && crate::format::NumberFormat::parse(f).is_none() => Err(Error::Spec {
                path: at,
                expected: "a d3-format specifier of the supported subset: [+][$][,][.precision][~][f|d|%|s|e|r|g] (see docs/SPEC.md)".into(),
                found: format!("\"{f}\""),
            }),
            _ => Ok(()),
        }
    };
    number_format(&format, format_type, join(path, "format"))?;
    if let Some(a) = &axis {
        number_format(
            &a.format,
            a.format_type.or(format_type),
            join(&join(path, "axis"), "format"),
        )?;
    }
    if axis.as_ref().is_some_and(|a| *a != Axis::default())
        && !matches!(channel, Channel::X | Channel::Y)
    {
        w.push(Warning {
            path: join(path, "axis"),
            message: format!("\"axis\" has no effect on the {} channel", channel.name()),
        });
    }
    Ok(FieldDef {
        field,
        ty,
        title,
        aggregate,
        bin,
        time_unit,
        sort,
        stack,
        scale,
        axis,
        legend,
        format,
        format_type,
        path: path.to_string(),
    })
}

fn parse_format_type(r: &mut ObjReader<'_>, path: &str) -> Result<Option<FormatType>, Error> {
    Ok(match r.get("formatType") {
        None => None,
        Some(t) => Some(
            match one_of(
                t,
                &join(path, "formatType"),
                &["number", "time", "utc", "zh"],
            )? {
                "number" => FormatType::Number,
                "zh" => FormatType::Zh,
                _ => FormatType::Time,
            },
        ),
    })
}

fn parse_scale(v: &Json, path: &str, w: &mut Warnings) -> Result<ScaleSpec, Error> {
    let mut r = ObjReader::new(v, path, "a scale object")?;
    let mut s = ScaleSpec::default();
    if let Some(t) = r.get("type") {
        s.ty = Some(
            match one_of(t, &join(path, "type"), &["linear", "log", "sqrt"])? {
                "log" => ScaleType::Log,
                "sqrt" => ScaleType::Sqrt,
                _ => ScaleType::Linear,
            },
        );
    }
    if let Some(d) = r.get("domain") {
        let dp = join(path, "domain");
        let items = d.as_array().ok_or_else(|| spec_error(&dp, "an array", d))?;
        if items.len() == 2 && items.iter().all(Json::is_number) {
            let a = items[0].as_f64().unwrap_or(0.0);
            let b = items[1].as_f64().unwrap_or(0.0);
            s.domain_numbers = Some((a, b));
        } else {
            s.domain_values = Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| match it {
                        Json::String(t) => Ok(t.clone()),
                        Json::Number(n) => Ok(n.to_string()),
                        other => Err(spec_error(&format!("{dp}[{i}]"), "a value", other)),
                    })
                    .collect::<Result<_, _>>()?,
            );
        }
    }
    if let Some(rg) = r.get("range") {
        let rp = join(path, "range");
        let items = rg
            .as_array()
            .ok_or_else(|| spec_error(&rp, "an array of colours or two numbers", rg))?;
        if items.len() == 2 && items.iter().all(Json::is_number) {
            s.range_numbers = Some((
                items[0].as_f64().unwrap_or(0.0),
                items[1].as_f64().unwrap_or(0.0),
            ));
        } else {
            s.range_colors = Some(parse_color_list(rg, &rp)?);
        }
    }
    s.zero = r.opt_bool("zero")?;
    s.nice = match r.get("nice") {
        None => None,
        Some(Json::Bool(b)) => Some(*b),
        Some(Json::Number(_)) => Some(true),
        Some(other) => {
            return Err(spec_error(
                &join(path, "nice"),
                "true, false or a tick count",
                other,
            ))
        }
    };
    if let Some(sc) = r.get("scheme") {
        let name = match sc {
            Json::String(s) => s.clone(),
            Json::Object(o) => o
                .get("name")
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string(),
            other => return Err(spec_error(&join(path, "scheme"), "a scheme name", other)),
        };
        if !crate::theme::scheme_names().contains(&name.as_str()) {
            return Err(Error::Spec {
                path: join(path, "scheme"),
                expected: format!("one of {}", crate::theme::scheme_names().join(", ")),
                found: format!("\"{name}\""),
            });
        }
        s.scheme = Some(name);
    }
    r.finish(
        &[
            "base",
            "exponent",
            "clamp",
            "padding",
            "paddingInner",
            "paddingOuter",
            "reverse",
            "round",
            "interpolate",
            "domainMid",
            "constant",
        ],
        w,
    )?;
    Ok(s)
}

fn parse_sort(v: &Json, path: &str) -> Result<Sort, Error> {
    const EXPECTED: &str = "\"ascending\", \"descending\", null, an array of values, a channel such as \"-y\", or {\"field\", \"op\", \"order\"}";
    match v {
        Json::Null => Ok(Sort::DataOrder),
        Json::String(s) => {
            let (descending, name) = match s.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, s.as_str()),
            };
            match (s.as_str(), name) {
                ("ascending", _) => Ok(Sort::Ascending),
                ("descending", _) => Ok(Sort::Descending),
                _ => match Channel::ALL.iter().find(|c| c.name() == name) {
                    Some(c) => Ok(Sort::ByChannel {
                        channel: *c,
                        descending,
                    }),
                    None => Err(spec_error(path, EXPECTED, v)),
                },
            }
        }
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Json::String(s) => Ok(s.clone()),
                Json::Number(n) => Ok(n.to_string()),
                other => Err(spec_error(
                    &format!("{path}[{i}]"),
                    "a value (text or number)",
                    other,
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Sort::Explicit),
        Json::Object(_) => {
            let mut r = ObjReader::new(v, path, "a sort object")?;
            let field = r.opt_str("field")?;
            let op = match r.get("op") {
                None => AggregateOp::Sum,
                Some(o) => o.as_str().and_then(AggregateOp::from_name).ok_or_else(|| {
                    spec_error(
                        &join(path, "op"),
                        format!("one of {}", AggregateOp::NAMES.join(", ")),
                        o,
                    )
                })?,
            };
            let descending = match r.get("order") {
                None | Some(Json::Null) => false,
                Some(o) => {
                    one_of(o, &join(path, "order"), &["ascending", "descending"])? == "descending"
                }
            };
            r.finish(&["encoding"], &mut Vec::new())?;
            if field.is_none() && op != AggregateOp::Count {
                return Err(missing(
                    &join(path, "field"),
                    "a field to sort by (or op \"count\")",
                ));
            }
            Ok(Sort::ByField {
                field,
                op,
                descending,
            })
        }
        other => Err(spec_error(path, EXPECTED, other)),
    }
}

fn parse_axis(v: &Json, path: &str, w: &mut Warnings) -> Result<Axis, Error> {
    let mut r = ObjReader::new(v, path, "an axis object or null")?;
    let title = parse_optional_title(&mut r)?;
    let grid = r.opt_bool("grid")?;
    let format = r.opt_str("format")?;
    let format_type = parse_format_type(&mut r, path)?;
    let label_angle = r.opt_num("labelAngle")?.map(|a| a as f32);
    if let Some(a) = label_angle {
        // plotters' backends turn text in quarter turns only.
        if a.rem_euclid(90.0) != 0.0 {
            return Err(Error::Spec {
                path: join(path, "labelAngle"),
                expected: "0, 90, -90 or 270 (stdviz turns labels in quarter turns only)".into(),
                found: a.to_string(),
            });
        }
    }
    let tick_count = match r.opt_num("tickCount")? {
        Some(n) if (1.0..=100.0).contains(&n) => Some(n as usize),
        Some(n) => {
            return Err(Error::Spec {
                path: join(path, "tickCount"),
                expected: "a number from 1 to 100".into(),
                found: n.to_string(),
            })
        }
        None => None,
    };
    for key in ["labels", "ticks", "domain"] {
        if r.get(key).is_some() {
            w.push(Warning {
                path: join(path, key),
                message: format!(
                    "\"{key}\" has no effect: stdviz draws labels, no ticks, and a baseline"
                ),
            });
        }
    }
    r.finish(
        &[
            "orient",
            "values",
            "labelLimit",
            "labelOverlap",
            "titleAngle",
            "offset",
            "labelExpr",
            "labelAlign",
            "labelBaseline",
            "labelPadding",
            "titlePadding",
            "tickSize",
            "zindex",
        ],
        w,
    )?;
    Ok(Axis {
        title,
        grid,
        format,
        format_type,
        label_angle,
        tick_count,
    })
}

fn parse_legend(v: &Json, path: &str, w: &mut Warnings) -> Result<Legend, Error> {
    let mut r = ObjReader::new(v, path, "a legend object or null")?;
    let title = parse_optional_title(&mut r)?;
    let orient = match r.get("orient") {
        None => None,
        Some(o) => Some(
            match one_of(o, &join(path, "orient"), &["right", "bottom"])? {
                "bottom" => LegendOrient::Bottom,
                _ => LegendOrient::Right,
            },
        ),
    };
    if r.get("direction").is_some() {
        w.push(Warning {
            path: join(path, "direction"),
            message:
                "\"direction\" has no effect: legends are a column beside the plot or rows below it"
                    .into(),
        });
    }
    r.finish(
        &[
            "columns",
            "format",
            "values",
            "symbolType",
            "labelLimit",
            "legendX",
            "legendY",
        ],
        w,
    )?;
    Ok(Legend { title, orient })
}

fn parse_optional_title(r: &mut ObjReader<'_>) -> Result<Option<Option<String>>, Error> {
    let path = r.path_of("title");
    match r.get("title") {
        None => Ok(None),
        Some(Json::Null) => Ok(Some(None)),
        Some(Json::String(s)) => Ok(Some(Some(s.clone()))),
        Some(other) => Err(spec_error(&path, "a string or null", other)),
    }
}

fn parse_usermeta(v: &Json, path: &str, w: &mut Warnings) -> Result<StdvizMeta, Error> {
    // usermeta belongs to the spec's author; only the "stdviz" key is ours to read.
    let Some(ours) = v.get("stdviz") else {
        ObjReader::new(v, path, "an object")?;
        return Ok(StdvizMeta::default());
    };
    let p = join(path, "stdviz");
    let mut r = ObjReader::new(ours, &p, "an object of stdviz options")?;
    let source = r.opt_str("source")?;
    let note = r.opt_str("note")?;
    let unit = r.opt_str("unit")?;
    let locale = match r.get("locale") {
        None => Locale::Zh,
        Some(l) => match one_of(l, &join(&p, "locale"), &["zh", "en"])? {
            "en" => Locale::En,
            _ => Locale::Zh,
        },
    };
    let form = match r.get("form") {
        None => None,
        Some(f) => Some(parse_form(f, &join(&p, "form"), w)?),
    };
    let drill = match r.get("drill") {
        None => Vec::new(),
        Some(d) => parse_drill(d, &join(&p, "drill"))?,
    };
    let numbers = match r.get("numbers") {
        None => crate::format::Numbers::Plain,
        Some(n) => match one_of(n, &join(&p, "numbers"), &["zh", "plain"])? {
            "zh" => crate::format::Numbers::Zh,
            _ => crate::format::Numbers::Plain,
        },
    };
    let labels = match r.get("labels") {
        None | Some(Json::Bool(false)) => None,
        Some(Json::Bool(true)) => Some(ValueLabels::Auto),
        Some(l) => match one_of(l, &join(&p, "labels"), &["inside", "outside"])? {
            "inside" => Some(ValueLabels::Inside),
            _ => Some(ValueLabels::Outside),
        },
    };
    let annotations = match r.get("annotations") {
        None => Vec::new(),
        Some(a) => parse_annotations(a, &join(&p, "annotations"), w)?,
    };
    r.finish(&[], w)?;
    Ok(StdvizMeta {
        annotations,
        source,
        note,
        unit,
        locale,
        form,
        drill,
        numbers,
        labels,
    })
}

/// `usermeta.stdviz.annotations`: an array of notes, each `{"text", "at": {field: value}}`
/// or `{"text", "x", "y"}`, with an optional `"connector"` (`"line"`, `"arrow"`, `"none"`).
fn parse_annotations(v: &Json, path: &str, w: &mut Warnings) -> Result<Vec<Annotation>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of annotations", v))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let mut r = ObjReader::new(item, &ip, "an annotation object")?;
        let text = r
            .opt_str("text")?
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| missing(&join(&ip, "text"), "the note's text"))?;
        let connector = match r.get("connector") {
            None => Connector::Line,
            Some(c) => match one_of(c, &join(&ip, "connector"), &["line", "arrow", "none"])? {
                "arrow" => Connector::Arrow,
                "none" => Connector::None,
                _ => Connector::Line,
            },
        };
        let at = r.get("at");
        let x = r.get("x");
        let y = r.get("y");
        let target =
            match (at, x, y) {
                (Some(at), None, None) => {
                    let ap = join(&ip, "at");
                    let obj = at
                        .as_object()
                        .filter(|o| !o.is_empty())
                        .ok_or_else(|| spec_error(&ap, "an object of field values", at))?;
                    let fields = obj
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), parse_const(v, &join(&ap, k))?)))
                        .collect::<Result<Vec<_>, Error>>()?;
                    AnnotationTarget::Row(fields)
                }
                (None, x, y) if x.is_some() || y.is_some() => AnnotationTarget::Datum {
                    x: x.map(|v| parse_const(v, &join(&ip, "x"))).transpose()?,
                    y: y.map(|v| parse_const(v, &join(&ip, "y"))).transpose()?,
                },
                _ => return Err(missing(
                    &join(&ip, "at"),
                    "either \"at\" (field values of a data point) or \"x\"/\"y\" (data positions)",
                )),
            };
        r.finish(&[], w)?;
        out.push(Annotation {
            text,
            target,
            connector,
        });
    }
    Ok(out)
}

/// `usermeta.stdviz.drill`: at least two levels, each a field name or
/// `{"field": …, "title": …}`.
fn parse_drill(v: &Json, path: &str) -> Result<Vec<DrillLevel>, Error> {
    let expected =
        "an array of at least two fields (names or {\"field\", \"title\"}), top level first";
    let Json::Array(levels) = v else {
        return Err(spec_error(path, expected, v));
    };
    if levels.len() < 2 {
        return Err(spec_error(path, expected, v));
    }
    let mut out = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        let lp = format!("{path}[{i}]");
        out.push(match l {
            Json::String(f) if !f.is_empty() => DrillLevel {
                field: f.clone(),
                title: None,
            },
            Json::Object(_) => {
                let mut r = ObjReader::new(l, &lp, "a drill level object")?;
                let field = r
                    .opt_str("field")?
                    .filter(|f| !f.is_empty())
                    .ok_or_else(|| missing(&join(&lp, "field"), "a field name"))?;
                let title = r.opt_str("title")?;
                r.finish(&[], &mut Vec::new())?;
                DrillLevel { field, title }
            }
            other => {
                return Err(spec_error(
                    &lp,
                    "a field name or {\"field\", \"title\"}",
                    other,
                ))
            }
        });
    }
    Ok(out)
}

/// `params`: stdviz supports the one form that makes a legend interactive — a point
/// selection over the colour field bound to the legend. Clicking a legend entry then
/// shows or hides that series (stdviz's legends toggle series with or without it).
fn parse_params(v: &Json, path: &str) -> Result<(), Error> {
    let expected = "an array of point selections bound to the legend, e.g. [{\"name\": \"series\", \"select\": {\"type\": \"point\", \"fields\": [\"level\"]}, \"bind\": \"legend\"}]; other params are not supported yet";
    let Json::Array(params) = v else {
        return Err(spec_error(path, expected, v));
    };
    for (i, p) in params.iter().enumerate() {
        let pp = format!("{path}[{i}]");
        let mut r = ObjReader::new(p, &pp, "a param object")?;
        if r.opt_str("name")?.is_none() {
            return Err(missing(&join(&pp, "name"), "the param's name"));
        }
        match r.get("bind") {
            Some(Json::String(b)) if b == "legend" => {}
            Some(b) => return Err(spec_error(&join(&pp, "bind"), "\"legend\"", b)),
            None => {
                return Err(missing(
                    &join(&pp, "bind"),
                    "\"legend\" (the only binding stdviz supports)",
                ))
            }
        }
        match r.get("select") {
            Some(Json::String(t)) if t == "point" => {}
            Some(sel @ Json::Object(_)) => {
                let sp = join(&pp, "select");
                let mut s = ObjReader::new(sel, &sp, "a selection object")?;
                match s.get("type") {
                    Some(Json::String(t)) if t == "point" => {}
                    Some(t) => return Err(spec_error(&join(&sp, "type"), "\"point\"", t)),
                    None => return Err(missing(&join(&sp, "type"), "\"point\"")),
                }
                s.get("fields");
                s.get("encodings");
                s.get("toggle");
                s.finish(&[], &mut Vec::new())?;
            }
            Some(other) => {
                return Err(spec_error(&join(&pp, "select"), "a point selection", other))
            }
            None => return Err(missing(&join(&pp, "select"), "a point selection")),
        }
        r.finish(&[], &mut Vec::new())?;
    }
    Ok(())
}

fn parse_form(v: &Json, path: &str, w: &mut Warnings) -> Result<NewsForm, Error> {
    let mut r = ObjReader::new(v, path, "a form object such as {\"type\": \"cards\"}")?;
    let ty = r
        .get("type")
        .ok_or_else(|| missing(&join(path, "type"), "\"cards\" or \"waffle\""))?;
    let form = match one_of(ty, &join(path, "type"), &["cards", "waffle"])? {
        "cards" => NewsForm::Cards {
            label: r.opt_str("label")?,
            unit: r.opt_str("unit")?,
            delta: r.opt_str("delta")?,
        },
        _ => {
            let columns = match r.opt_num("columns")? {
                None => 20,
                Some(c) if (1.0..=200.0).contains(&c) && c.fract() == 0.0 => c as usize,
                Some(c) => {
                    return Err(Error::Spec {
                        path: join(path, "columns"),
                        expected: "a whole number from 1 to 200".into(),
                        found: c.to_string(),
                    })
                }
            };
            let per_square = match r.opt_num("perSquare")? {
                None => 1.0,
                Some(x) if x > 0.0 => x,
                Some(x) => {
                    return Err(Error::Spec {
                        path: join(path, "perSquare"),
                        expected: "a number > 0".into(),
                        found: x.to_string(),
                    })
                }
            };
            NewsForm::Waffle {
                columns,
                per_square,
            }
        }
    };
    r.finish(&[], w)?;
    Ok(form)
}

/// Checks that a unit's channels fit its mark.
fn check_unit(mark: &Mark, enc: &Encoding, path: &str) -> Result<(), Error> {
    let ep = join(path, "encoding");
    let need = |c: Channel, what: &str| -> Result<(), Error> {
        match enc.get(c) {
            Some(_) => Ok(()),
            None => Err(missing(&join(&ep, c.name()), what)),
        }
    };
    match mark.kind {
        MarkKind::Arc => {
            need(Channel::Theta, "a theta field definition for an arc mark")?;
            if let Some(f) = enc.field(Channel::Theta) {
                if f.ty != FieldType::Quantitative {
                    return Err(Error::Spec {
                        path: join(&ep, "theta.type"),
                        expected: "quantitative".into(),
                        found: "a discrete type".into(),
                    });
                }
            }
        }
        MarkKind::Bar | MarkKind::Tick | MarkKind::Rect => {
            if enc.get(Channel::X).is_none() && enc.get(Channel::Y).is_none() {
                return Err(missing(
                    &join(&ep, "x"),
                    &format!("an x or y field definition for a {} mark", mark.kind.name()),
                ));
            }
        }
        MarkKind::Line | MarkKind::Area | MarkKind::Point => {
            if enc.get(Channel::X).is_none() && enc.get(Channel::Y).is_none() {
                return Err(missing(
                    &join(&ep, "x"),
                    &format!("x and/or y for a {} mark", mark.kind.name()),
                ));
            }
        }
        MarkKind::Text | MarkKind::Rule => {}
    }
    if let Some(c) = enc.field(Channel::Color) {
        if c.ty == FieldType::Quantitative && c.bin.is_none() {
            return Err(Error::Spec {
                path: join(&ep, "color.type"),
                expected: "nominal or ordinal (continuous colour scales are not supported yet)"
                    .into(),
                found: "quantitative".into(),
            });
        }
    }
    Ok(())
}

mod transforms {
    //! `transform` entries.
    use super::*;

    pub fn parse_transforms(
        v: &Json,
        path: &str,
        w: &mut Warnings,
    ) -> Result<Vec<Transform>, Error> {
        let items = v
            .as_array()
            .ok_or_else(|| spec_error(path, "an array of transforms", v))?;
        items
            .iter()
            .enumerate()
            .map(|(i, t)| parse_transform(t, &format!("{path}[{i}]"), w))
            .collect()
    }

    fn strings(v: &Json, path: &str) -> Result<Vec<String>, Error> {
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

    fn aggregate_fields(
        v: &Json,
        path: &str,
        w: &mut Warnings,
    ) -> Result<Vec<AggregateField>, Error> {
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
                let op = op_v
                    .as_str()
                    .and_then(AggregateOp::from_name)
                    .ok_or_else(|| {
                        spec_error(
                            &join(&p, "op"),
                            format!("one of {}", AggregateOp::NAMES.join(", ")),
                            op_v,
                        )
                    })?;
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
        let t = if let Some(f) = r.get("filter") {
            Transform::Filter(parse_predicate(f, &join(path, "filter"), w)?)
        } else if let Some(c) = r.get("calculate") {
            let cp = join(path, "calculate");
            let text = c
                .as_str()
                .ok_or_else(|| spec_error(&cp, "an expression string", c))?;
            let expr = super::expr::parse_expr(text, &cp)?;
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
                        _ => {
                            return Err(spec_error(&join(path, "as"), "two names [key, value]", a))
                        }
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
                let op = match one_of(op_v, &join(&p, "op"), &["row_number", "rank", "dense_rank"])?
                {
                    "rank" => WindowOp::Rank,
                    "dense_rank" => WindowOp::DenseRank,
                    _ => WindowOp::RowNumber,
                };
                let as_name = ir
                    .opt_str("as")?
                    .ok_or_else(|| missing(&join(&p, "as"), "the output field's name"))?;
                ir.finish(&["param", "field"], w)?;
                ops.push((op, as_name));
            }
            let groupby = match r.get("groupby") {
                Some(g) => strings(g, &join(path, "groupby"))?,
                None => Vec::new(),
            };
            let mut sort = Vec::new();
            if let Some(s) = r.get("sort") {
                let sp = join(path, "sort");
                let items = s
                    .as_array()
                    .ok_or_else(|| spec_error(&sp, "an array of {field, order}", s))?;
                for (i, it) in items.iter().enumerate() {
                    let p = format!("{sp}[{i}]");
                    let mut sr = ObjReader::new(it, &p, "a {field, order} object")?;
                    let field = sr
                        .opt_str("field")?
                        .ok_or_else(|| missing(&join(&p, "field"), "a field name"))?;
                    let descending = match sr.get("order") {
                        None => false,
                        Some(o) => {
                            one_of(o, &join(&p, "order"), &["ascending", "descending"])?
                                == "descending"
                        }
                    };
                    sr.finish(&[], w)?;
                    sort.push(SortKey { field, descending });
                }
            }
            r.get("frame");
            r.get("ignorePeers");
            Transform::Window { ops, groupby, sort }
        } else {
            let keys: Vec<String> = v
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            return Err(Error::Spec {
                path: path.into(),
                expected: "one of filter, calculate, fold, aggregate, joinaggregate, window".into(),
                found: if keys.is_empty() {
                    "an empty object".into()
                } else {
                    keys.join(", ")
                },
            });
        };
        r.finish(
            &[
                "bin",
                "timeUnit",
                "lookup",
                "flatten",
                "pivot",
                "stack",
                "impute",
                "density",
                "loess",
                "regression",
                "quantile",
                "sample",
                "extent",
            ],
            w,
        )?;
        Ok(t)
    }

    pub fn parse_predicate(v: &Json, path: &str, w: &mut Warnings) -> Result<Predicate, Error> {
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
        if let Some(not) = r.get("not") {
            let inner = parse_predicate(not, &join(path, "not"), w)?;
            r.finish(&[], w)?;
            return Ok(Predicate::Not(Box::new(inner)));
        }
        let field = r
            .opt_str("field")?
            .ok_or_else(|| missing(&join(path, "field"), "a field name (or and/or/not)"))?;
        let time_unit = match r.get("timeUnit") {
            None => None,
            Some(t) => Some(
                match one_of(
                    t,
                    &join(path, "timeUnit"),
                    &["year", "quarter", "yearquarter", "yearmonth", "month"],
                )? {
                    "year" => TimeUnit::Year,
                    "quarter" | "yearquarter" => TimeUnit::Quarter,
                    "yearmonth" => TimeUnit::YearMonth,
                    _ => TimeUnit::Month,
                },
            ),
        };
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
            let end = |j: usize| -> Result<Option<f64>, Error> {
                match &items[j] {
                    Json::Null => Ok(None),
                    Json::Number(n) => Ok(n.as_f64()),
                    other => Err(spec_error(&format!("{rp}[{j}]"), "a number or null", other)),
                }
            };
            FieldTest::Range(end(0)?, end(1)?)
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
}

pub(crate) mod expr {
    //! The subset of Vega expressions used by `calculate` and filter strings:
    //! `datum.a + datum['b'] * 2`, `datum.year >= 2020 && datum.level != '国家标准'`,
    //! numbers, strings, `true`, `false`, `null`, `+ - * / %`, comparisons, `&& || !`,
    //! parentheses.
    use super::*;

    struct Lexer<'a> {
        chars: Vec<char>,
        pos: usize,
        path: &'a str,
        text: &'a str,
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Tok {
        Num(f64),
        Str(String),
        Ident(String),
        Op(&'static str),
        End,
    }

    const OPS: [&str; 21] = [
        "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "!",
        "(", ")", "[", "]", ".",
    ];

    impl Lexer<'_> {
        fn err(&self, expected: &str) -> Error {
            Error::Spec {
                path: self.path.to_string(),
                expected: format!("{expected} at character {} of the expression", self.pos + 1),
                found: format!("\"{}\"", crate::error::shorten(self.text, 60)),
            }
        }

        fn next(&mut self) -> Result<Tok, Error> {
            while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
                self.pos += 1;
            }
            let Some(&c) = self.chars.get(self.pos) else {
                return Ok(Tok::End);
            };
            if c.is_ascii_digit()
                || (c == '.'
                    && self
                        .chars
                        .get(self.pos + 1)
                        .is_some_and(char::is_ascii_digit))
            {
                let start = self.pos;
                while self
                    .chars
                    .get(self.pos)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == 'e' || *c == 'E')
                {
                    self.pos += 1;
                }
                let s: String = self.chars[start..self.pos].iter().collect();
                return crate::decimal::parse_f64(&s)
                    .map(Tok::Num)
                    .ok_or_else(|| self.err("a number"));
            }
            if c == '\'' || c == '"' {
                self.pos += 1;
                let start = self.pos;
                while self.chars.get(self.pos).is_some_and(|x| *x != c) {
                    self.pos += 1;
                }
                if self.pos >= self.chars.len() {
                    return Err(self.err("a closing quote"));
                }
                let s: String = self.chars[start..self.pos].iter().collect();
                self.pos += 1;
                return Ok(Tok::Str(s));
            }
            if c.is_alphabetic() || c == '_' || c == '$' {
                let start = self.pos;
                while self
                    .chars
                    .get(self.pos)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                {
                    self.pos += 1;
                }
                return Ok(Tok::Ident(self.chars[start..self.pos].iter().collect()));
            }
            for op in OPS {
                let n = op.chars().count();
                if self
                    .chars
                    .get(self.pos..self.pos + n)
                    .is_some_and(|w| w.iter().copied().eq(op.chars()))
                {
                    self.pos += n;
                    return Ok(Tok::Op(op));
                }
            }
            Err(self.err("an operator, a number, a string or datum.field"))
        }
    }

    struct Parser<'a> {
        lex: Lexer<'a>,
        tok: Tok,
        /// Nesting of parentheses and prefix operators so far.
        depth: usize,
        /// Binary operators so far (a chain of them nests the tree as deep).
        operators: usize,
    }

    /// Deepest nesting of parentheses and prefix operators in an expression.
    const MAX_NESTING: usize = 64;
    /// Most binary operators in one expression.
    const MAX_OPERATORS: usize = 256;

    fn binary(op: &str) -> Option<(BinOp, u8)> {
        Some(match op {
            "||" => (BinOp::Or, 1),
            "&&" => (BinOp::And, 2),
            "==" | "===" => (BinOp::Eq, 3),
            "!=" | "!==" => (BinOp::Ne, 3),
            "<" => (BinOp::Lt, 4),
            "<=" => (BinOp::Le, 4),
            ">" => (BinOp::Gt, 4),
            ">=" => (BinOp::Ge, 4),
            "+" => (BinOp::Add, 5),
            "-" => (BinOp::Sub, 5),
            "*" => (BinOp::Mul, 6),
            "/" => (BinOp::Div, 6),
            "%" => (BinOp::Rem, 6),
            _ => return None,
        })
    }

    impl Parser<'_> {
        fn bump(&mut self) -> Result<(), Error> {
            self.tok = self.lex.next()?;
            Ok(())
        }

        fn expr(&mut self, min_prec: u8) -> Result<Expr, Error> {
            let mut lhs = self.atom()?;
            loop {
                let Tok::Op(op) = self.tok else {
                    return Ok(lhs);
                };
                let Some((op, prec)) = binary(op) else {
                    return Ok(lhs);
                };
                if prec < min_prec {
                    return Ok(lhs);
                }
                self.operators += 1;
                if self.operators > MAX_OPERATORS {
                    return Err(self.lex.err(&format!(
                        "at most {MAX_OPERATORS} operators in one expression"
                    )));
                }
                self.bump()?;
                let rhs = self.expr(prec + 1)?;
                lhs = Expr::Binary(Box::new(lhs), op, Box::new(rhs));
            }
        }

        fn atom(&mut self) -> Result<Expr, Error> {
            let nests = matches!(self.tok, Tok::Op("-" | "!" | "("));
            if nests {
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    return Err(self.lex.err(&format!(
                        "at most {MAX_NESTING} nested parentheses and prefix operators"
                    )));
                }
            }
            let e = self.atom_inner();
            if nests {
                self.depth = self.depth.saturating_sub(1);
            }
            e
        }

        fn atom_inner(&mut self) -> Result<Expr, Error> {
            match std::mem::replace(&mut self.tok, Tok::End) {
                Tok::Num(n) => {
                    self.bump()?;
                    Ok(Expr::Number(n))
                }
                Tok::Str(s) => {
                    self.bump()?;
                    Ok(Expr::Text(s))
                }
                Tok::Op("-") => {
                    self.bump()?;
                    Ok(Expr::Neg(Box::new(self.atom()?)))
                }
                Tok::Op("!") => {
                    self.bump()?;
                    Ok(Expr::Not(Box::new(self.atom()?)))
                }
                Tok::Op("(") => {
                    self.bump()?;
                    let e = self.expr(0)?;
                    if self.tok != Tok::Op(")") {
                        return Err(self.lex.err("a closing parenthesis"));
                    }
                    self.bump()?;
                    Ok(e)
                }
                Tok::Ident(id) if id == "true" || id == "false" => {
                    self.bump()?;
                    Ok(Expr::Bool(id == "true"))
                }
                Tok::Ident(id) if id == "null" => {
                    self.bump()?;
                    Ok(Expr::Null)
                }
                Tok::Ident(id) if id == "datum" => {
                    self.bump()?;
                    match std::mem::replace(&mut self.tok, Tok::End) {
                        Tok::Op(".") => {
                            self.bump()?;
                            match std::mem::replace(&mut self.tok, Tok::End) {
                                Tok::Ident(f) => {
                                    self.bump()?;
                                    Ok(Expr::Field(f))
                                }
                                _ => Err(self.lex.err("a field name after \"datum.\"")),
                            }
                        }
                        Tok::Op("[") => {
                            self.bump()?;
                            let Tok::Str(f) = std::mem::replace(&mut self.tok, Tok::End) else {
                                return Err(self.lex.err("a quoted field name in datum[...]"));
                            };
                            self.bump()?;
                            if self.tok != Tok::Op("]") {
                                return Err(self.lex.err("\"]\""));
                            }
                            self.bump()?;
                            Ok(Expr::Field(f))
                        }
                        _ => Err(self.lex.err("\".field\" or \"['field']\" after datum")),
                    }
                }
                _ => Err(self.lex.err("a number, a string, datum.field, true, false, null or \"(\" (functions are not supported)")),
            }
        }
    }

    /// Parses an expression found at `path`.
    pub fn parse_expr(text: &str, path: &str) -> Result<Expr, Error> {
        let mut p = Parser {
            lex: Lexer {
                chars: text.chars().collect(),
                pos: 0,
                path,
                text,
            },
            tok: Tok::End,
            depth: 0,
            operators: 0,
        };
        p.bump()?;
        let e = p.expr(0)?;
        if p.tok != Tok::End {
            return Err(p.lex.err("an operator or the end of the expression"));
        }
        Ok(e)
    }
}

use transforms::parse_transforms;

#[cfg(test)]
mod tests;
