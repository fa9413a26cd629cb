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

/// Valid Vega-Lite top-level properties that stdviz does not draw yet.
const UNSUPPORTED_TOP: &[&str] = &[
    "transform",
    "layer",
    "facet",
    "repeat",
    "spec",
    "concat",
    "hconcat",
    "vconcat",
    "params",
    "selection",
    "projection",
    "resolve",
    "autosize",
    "config",
    "background",
    "padding",
    "datasets",
    "view",
    "align",
    "bounds",
    "center",
    "spacing",
];

/// Valid Vega-Lite channel properties that stdviz does not support yet.
const UNSUPPORTED_FIELD: &[&str] = &[
    "bin",
    "timeUnit",
    "scale",
    "stack",
    "format",
    "formatType",
    "band",
    "impute",
    "condition",
    "value",
    "datum",
    "header",
    "bandPosition",
];

/// Parses spec text. A syntax error reports serde_json's line and column.
pub fn parse(text: &str) -> Result<Parsed, Error> {
    let json: Json = serde_json::from_str(text).map_err(|e| Error::SpecSyntax {
        message: e.to_string(),
    })?;
    parse_value(&json)
}

/// Parses an already-decoded spec.
pub fn parse_value(json: &Json) -> Result<Parsed, Error> {
    let mut warnings = Vec::new();
    let mut top = ObjReader::new(json, "", "a spec object")?;
    top.get("$schema");
    top.get("name");

    let title = match top.get("title") {
        None => None,
        Some(v) => Some(parse_title(v, "title", &mut warnings)?),
    };
    let description = top.opt_str("description")?;
    let width = parse_size(top.get("width"), "width")?;
    let height = parse_size(top.get("height"), "height")?;
    let data = match top.get("data") {
        Some(v) => parse_data(v, "data", &mut warnings)?,
        None => {
            return Err(Error::Spec {
                path: "data".into(),
                expected: "a data object ({\"values\": [...]} or {\"url\": \"...\"})".into(),
                found: "nothing".into(),
            })
        }
    };
    let mark = match top.get("mark") {
        Some(v) => parse_mark(v, "mark", &mut warnings)?,
        None => {
            return Err(Error::Spec {
                path: "mark".into(),
                expected: "a mark (\"bar\" or \"arc\", or {\"type\": …})".into(),
                found: "nothing".into(),
            })
        }
    };
    let encoding = match top.get("encoding") {
        Some(v) => parse_encoding(v, "encoding", &mut warnings)?,
        None => Encoding::default(),
    };
    let meta = match top.get("usermeta") {
        Some(v) => parse_usermeta(v, "usermeta", &mut warnings)?,
        None => StdvizMeta::default(),
    };
    top.finish(UNSUPPORTED_TOP, &mut warnings)?;

    let spec = ChartSpec {
        title,
        description,
        width,
        height,
        data,
        mark,
        encoding,
        meta,
    };
    check_channels(&spec)?;
    Ok(Parsed { spec, warnings })
}

fn parse_title(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<Title, Error> {
    if let Some(text) = v.as_str() {
        return Ok(Title {
            text: text.to_string(),
            subtitle: None,
            anchor: Anchor::Middle,
        });
    }
    let mut r = ObjReader::new(v, path, "a title string or {\"text\": …}")?;
    let text = r.opt_str("text")?.ok_or_else(|| Error::Spec {
        path: join(path, "text"),
        expected: "a string".into(),
        found: "nothing".into(),
    })?;
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
            "orient", "align", "baseline", "dx", "dy", "frame", "offset", "color", "fontSize",
        ],
        warnings,
    )?;
    Ok(Title {
        text,
        subtitle,
        anchor,
    })
}

fn parse_size(v: Option<&Json>, path: &str) -> Result<Size, Error> {
    match v {
        None => Ok(Size::Default),
        Some(Json::String(s)) if s == "container" => Ok(Size::Container),
        Some(Json::Number(n)) => match n.as_f64() {
            Some(x) if x > 0.0 && x <= 10_000.0 => Ok(Size::Fixed(x as f32)),
            _ => Err(Error::Spec {
                path: path.into(),
                expected: "a size in pixels from 1 to 10000, or \"container\"".into(),
                found: n.to_string(),
            }),
        },
        Some(other) => Err(spec_error(path, "a size in pixels or \"container\"", other)),
    }
}

fn parse_data(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<DataSource, Error> {
    let mut r = ObjReader::new(v, path, "a data object")?;
    let values = r.get("values");
    let url = r.opt_str("url")?;
    let format = match r.get("format") {
        None => DataFormat::Json { property: None },
        Some(f) => parse_format(f, &join(path, "format"), warnings)?,
    };
    let source = match (values, url) {
        (Some(values), None) => {
            let DataFormat::Json { property } = &format;
            let mut node = values;
            let mut node_path = join(path, "values");
            if let Some(p) = property {
                for key in p.split('.') {
                    node_path = join(&node_path, key);
                    node = node.get(key).ok_or_else(|| {
                        spec_error(
                            &node_path,
                            "a property named by format.property",
                            &Json::Null,
                        )
                    })?;
                }
            }
            DataSource::Inline(records_to_table(node, &node_path, "inline data")?)
        }
        (None, Some(url)) => DataSource::Url { url, format },
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
    r.finish(&["name", "sequence", "sphere", "graticule"], warnings)?;
    Ok(source)
}

fn parse_format(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<DataFormat, Error> {
    let mut r = ObjReader::new(v, path, "a format object")?;
    if let Some(t) = r.get("type") {
        one_of(t, &join(path, "type"), &["json"])?;
    }
    let property = r.opt_str("property")?;
    r.finish(&["parse", "delimiter", "feature", "mesh"], warnings)?;
    Ok(DataFormat::Json { property })
}

fn parse_mark(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<Mark, Error> {
    const KINDS: &[&str] = &["bar", "arc"];
    let kind_of = |s: &str| {
        if s == "arc" {
            MarkKind::Arc
        } else {
            MarkKind::Bar
        }
    };
    let mut mark = Mark {
        kind: MarkKind::Bar,
        color: None,
        opacity: 1.0,
        inner_radius: 0.0,
        outer_radius: None,
        corner_radius: 0.0,
        pad_angle: 0.0,
        tooltip: false,
    };
    if v.is_string() {
        mark.kind = kind_of(one_of(v, path, KINDS)?);
        return Ok(mark);
    }
    let mut r = ObjReader::new(v, path, "a mark name or {\"type\": …}")?;
    let ty = r.get("type").ok_or_else(|| Error::Spec {
        path: join(path, "type"),
        expected: format!("one of {}", KINDS.join(", ")),
        found: "nothing".into(),
    })?;
    mark.kind = kind_of(one_of(ty, &join(path, "type"), KINDS)?);
    for key in ["color", "fill"] {
        if let Some(c) = r.get(key) {
            mark.color = Some(parse_color(c, &join(path, key))?);
        }
    }
    if let Some(o) = r.opt_num("opacity")? {
        if !(0.0..=1.0).contains(&o) {
            return Err(Error::Spec {
                path: join(path, "opacity"),
                expected: "a number from 0 to 1".into(),
                found: o.to_string(),
            });
        }
        mark.opacity = o as f32;
    }
    if let Some(x) = r.opt_non_negative("innerRadius")? {
        mark.inner_radius = x as f32;
    }
    mark.outer_radius = r.opt_non_negative("outerRadius")?.map(|x| x as f32);
    if let Some(x) = r.opt_non_negative("cornerRadius")? {
        mark.corner_radius = x as f32;
    }
    if let Some(x) = r.opt_non_negative("padAngle")? {
        mark.pad_angle = x as f32;
    }
    if let Some(t) = r.get("tooltip") {
        mark.tooltip = match t {
            Json::Bool(b) => *b,
            Json::Null => false,
            other => {
                return Err(spec_error(
                    &join(path, "tooltip"),
                    "true, false or null",
                    other,
                ))
            }
        };
    }
    r.finish(
        &[
            "orient",
            "stroke",
            "strokeWidth",
            "size",
            "thetaOffset",
            "radius",
            "radius2",
            "theta",
            "theta2",
            "align",
            "baseline",
            "binSpacing",
            "cornerRadiusEnd",
            "fillOpacity",
            "strokeOpacity",
            "clip",
            "width",
            "height",
            "x",
            "y",
            "x2",
            "y2",
        ],
        warnings,
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

fn parse_encoding(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<Encoding, Error> {
    let mut r = ObjReader::new(v, path, "an encoding object")?;
    let mut enc = Encoding::default();
    for channel in [Channel::X, Channel::Y, Channel::Color, Channel::Theta] {
        if let Some(def) = r.get(channel.name()) {
            let parsed = parse_field_def(def, &join(path, channel.name()), channel, warnings)?;
            match channel {
                Channel::X => enc.x = Some(parsed),
                Channel::Y => enc.y = Some(parsed),
                Channel::Color => enc.color = Some(parsed),
                Channel::Theta => enc.theta = Some(parsed),
            }
        }
    }
    r.finish(
        &[
            "x2",
            "y2",
            "xOffset",
            "yOffset",
            "theta2",
            "radius",
            "radius2",
            "opacity",
            "fillOpacity",
            "strokeOpacity",
            "size",
            "shape",
            "text",
            "tooltip",
            "order",
            "detail",
            "key",
            "href",
            "url",
            "description",
            "fill",
            "stroke",
            "strokeWidth",
            "strokeDash",
            "angle",
            "row",
            "column",
            "facet",
            "latitude",
            "longitude",
            "xError",
            "yError",
        ],
        warnings,
    )?;
    Ok(enc)
}

fn parse_field_def(
    v: &Json,
    path: &str,
    channel: Channel,
    warnings: &mut Vec<Warning>,
) -> Result<FieldDef, Error> {
    let mut r = ObjReader::new(v, path, "a field definition object")?;
    let aggregate = match r.get("aggregate") {
        None => None,
        Some(a) => Some(
            match one_of(a, &join(path, "aggregate"), &["sum", "count"])? {
                "count" => Aggregate::Count,
                _ => Aggregate::Sum,
            },
        ),
    };
    let field = match (r.opt_str("field")?, aggregate) {
        (Some(f), _) => f,
        (None, Some(Aggregate::Count)) => String::new(),
        (None, _) => {
            return Err(Error::Spec {
                path: join(path, "field"),
                expected: "a field name".into(),
                found: "nothing".into(),
            })
        }
    };
    let ty = match r.get("type") {
        Some(t) => match one_of(
            t,
            &join(path, "type"),
            &["nominal", "ordinal", "quantitative"],
        )? {
            "nominal" => FieldType::Nominal,
            "ordinal" => FieldType::Ordinal,
            _ => FieldType::Quantitative,
        },
        None if aggregate.is_some() => FieldType::Quantitative,
        None => {
            return Err(Error::Spec {
                path: join(path, "type"),
                expected: "one of nominal, ordinal, quantitative (stdviz does not guess types)"
                    .into(),
                found: "nothing".into(),
            })
        }
    };
    let title = r.opt_str("title")?;
    let sort = match r.get("sort") {
        None => Sort::Ascending,
        Some(s) => parse_sort(s, &join(path, "sort"))?,
    };
    let axis = match r.get("axis") {
        None => Some(Axis::default()),
        Some(Json::Null) => None,
        Some(a) => Some(parse_axis(a, &join(path, "axis"), warnings)?),
    };
    let legend = match r.get("legend") {
        None => Some(Legend::default()),
        Some(Json::Null) => None,
        Some(l) => Some(parse_legend(l, &join(path, "legend"), warnings)?),
    };
    r.finish(UNSUPPORTED_FIELD, warnings)?;
    if axis.as_ref().is_some_and(|a| *a != Axis::default())
        && !matches!(channel, Channel::X | Channel::Y)
    {
        warnings.push(Warning {
            path: join(path, "axis"),
            message: format!("\"axis\" has no effect on the {} channel", channel.name()),
        });
    }
    Ok(FieldDef {
        field,
        ty,
        title,
        aggregate,
        sort,
        axis,
        legend,
        path: path.to_string(),
    })
}

fn parse_sort(v: &Json, path: &str) -> Result<Sort, Error> {
    const EXPECTED: &str =
        "\"ascending\", \"descending\", null, an array of values, or a channel such as \"-y\"";
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
                (_, "x") => Ok(Sort::ByChannel {
                    channel: Channel::X,
                    descending,
                }),
                (_, "y") => Ok(Sort::ByChannel {
                    channel: Channel::Y,
                    descending,
                }),
                (_, "theta") => Ok(Sort::ByChannel {
                    channel: Channel::Theta,
                    descending,
                }),
                _ => Err(spec_error(path, EXPECTED, v)),
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
        other => Err(spec_error(path, EXPECTED, other)),
    }
}

fn parse_axis(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<Axis, Error> {
    let mut r = ObjReader::new(v, path, "an axis object or null")?;
    let title = parse_optional_title(&mut r)?;
    let grid = r.opt_bool("grid")?;
    r.finish(
        &[
            "format",
            "formatType",
            "labelAngle",
            "tickCount",
            "labels",
            "ticks",
            "domain",
            "orient",
            "values",
            "labelLimit",
            "labelOverlap",
            "titleAngle",
            "offset",
        ],
        warnings,
    )?;
    Ok(Axis { title, grid })
}

fn parse_legend(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<Legend, Error> {
    let mut r = ObjReader::new(v, path, "a legend object or null")?;
    let title = parse_optional_title(&mut r)?;
    r.finish(
        &[
            "orient",
            "direction",
            "columns",
            "format",
            "values",
            "symbolType",
        ],
        warnings,
    )?;
    Ok(Legend { title })
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

fn parse_usermeta(v: &Json, path: &str, warnings: &mut Vec<Warning>) -> Result<StdvizMeta, Error> {
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
    r.finish(&[], warnings)?;
    Ok(StdvizMeta {
        source,
        note,
        unit,
        locale,
    })
}

/// Checks that the channels fit the mark: what a bar or an arc needs.
fn check_channels(spec: &ChartSpec) -> Result<(), Error> {
    let enc = &spec.encoding;
    let missing = |path: &str, expected: &str| Error::Spec {
        path: path.into(),
        expected: expected.into(),
        found: "nothing".into(),
    };
    match spec.mark.kind {
        MarkKind::Bar => {
            let (x, y) = match (&enc.x, &enc.y) {
                (Some(x), Some(y)) => (x, y),
                (None, _) => {
                    return Err(missing(
                        "encoding.x",
                        "an x field definition for a bar mark",
                    ))
                }
                (_, None) => {
                    return Err(missing("encoding.y", "a y field definition for a bar mark"))
                }
            };
            if x.ty.is_discrete() == y.ty.is_discrete() {
                return Err(Error::Spec {
                    path: "encoding".into(),
                    expected: "one discrete (nominal/ordinal) and one quantitative position channel for a bar mark".into(),
                    found: "two of the same kind".into(),
                });
            }
        }
        MarkKind::Arc => {
            let theta = enc.theta.as_ref().ok_or_else(|| {
                missing(
                    "encoding.theta",
                    "a quantitative theta field definition for an arc mark",
                )
            })?;
            if theta.ty != FieldType::Quantitative {
                return Err(Error::Spec {
                    path: "encoding.theta.type".into(),
                    expected: "quantitative".into(),
                    found: "a discrete type".into(),
                });
            }
            if let Some(c) = &enc.color {
                if !c.ty.is_discrete() {
                    return Err(Error::Spec {
                        path: "encoding.color.type".into(),
                        expected: "nominal or ordinal for slices".into(),
                        found: "quantitative".into(),
                    });
                }
            }
        }
    }
    if let Some(c) = &enc.color {
        if c.ty == FieldType::Quantitative {
            return Err(Error::Spec {
                path: "encoding.color.type".into(),
                expected: "nominal or ordinal (continuous colour scales are not supported yet)"
                    .into(),
                found: "quantitative".into(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAR: &str = r#"{
      "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
      "title": {"text": "阳泉市主持或参与制定的标准", "subtitle": "按标准层级", "anchor": "start"},
      "width": "container", "height": 240,
      "data": {"values": [{"level": "国家标准", "count": 80}, {"level": "行业标准", "count": 37}]},
      "mark": {"type": "bar", "cornerRadius": 2},
      "encoding": {
        "x": {"field": "level", "type": "nominal", "sort": null, "axis": {"title": null}},
        "y": {"field": "count", "type": "quantitative", "title": "项"}
      },
      "usermeta": {"stdviz": {"source": "来源:中国质量报", "unit": "项"}}
    }"#;

    #[test]
    fn parses_a_full_bar_spec_with_defaults_resolved() {
        let p = parse(BAR).unwrap();
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let s = p.spec;
        assert_eq!(s.mark.kind, MarkKind::Bar);
        assert_eq!(s.mark.corner_radius, 2.0);
        assert_eq!(s.width, Size::Container);
        assert_eq!(s.height, Size::Fixed(240.0));
        let t = s.title.unwrap();
        assert_eq!(t.anchor, Anchor::Start);
        assert_eq!(t.subtitle.as_deref(), Some("按标准层级"));
        let x = s.encoding.x.unwrap();
        assert_eq!(x.sort, Sort::DataOrder);
        assert_eq!(x.axis.unwrap().title, Some(None));
        assert_eq!(s.meta.unit.as_deref(), Some("项"));
        match s.data {
            DataSource::Inline(t) => assert_eq!(t.row_count(), 2),
            other => panic!("expected inline data, got {other:?}"),
        }
    }

    #[test]
    fn string_mark_and_string_title_get_vega_lite_defaults() {
        let p = parse(r#"{"title":"T","data":{"values":[]},"mark":"arc","encoding":{"theta":{"field":"n","type":"quantitative"}}}"#).unwrap();
        assert_eq!(p.spec.title.unwrap().anchor, Anchor::Middle);
        assert_eq!(p.spec.mark.inner_radius, 0.0);
        assert_eq!(p.spec.width, Size::Default);
    }

    #[test]
    fn url_data_keeps_format_property() {
        let p = parse(r#"{"data":{"url":"data/y.json","format":{"type":"json","property":"standards"}},"mark":"arc","encoding":{"theta":{"field":"n","type":"quantitative"}}}"#).unwrap();
        assert_eq!(
            p.spec.data,
            DataSource::Url {
                url: "data/y.json".into(),
                format: DataFormat::Json {
                    property: Some("standards".into())
                }
            }
        );
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn unknown_mark_names_path_and_choices() {
        assert_eq!(
            err(r#"{"data":{"values":[]},"mark":"pie"}"#),
            "spec error at mark: expected one of bar, arc, found \"pie\""
        );
    }

    #[test]
    fn bad_type_names_channel_path() {
        assert_eq!(
            err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"banana"}}}"#),
            "spec error at encoding.x.type: expected one of nominal, ordinal, quantitative, found \"banana\""
        );
    }

    #[test]
    fn missing_type_is_an_error_not_a_guess() {
        assert!(
            err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a"}}}"#)
                .starts_with("spec error at encoding.x.type")
        );
    }

    #[test]
    fn unsupported_vega_lite_property_is_an_error_with_path() {
        assert!(err(r#"{"data":{"values":[]},"mark":"bar","transform":[]}"#)
            .starts_with("spec error at transform: expected a property stdviz supports"));
        assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal","bin":true}}}"#)
            .starts_with("spec error at encoding.x.bin"));
    }

    #[test]
    fn unknown_property_is_a_warning_with_path() {
        let p = parse(r#"{"data":{"values":[]},"mark":{"type":"arc","innerRadus":50},"encoding":{"theta":{"field":"n","type":"quantitative"}}}"#).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].path, "mark.innerRadus");
    }

    #[test]
    fn bad_colour_and_opacity_name_their_paths() {
        assert!(
            err(r##"{"data":{"values":[]},"mark":{"type":"bar","color":"#12"}}"##)
                .starts_with("spec error at mark.color")
        );
        assert!(
            err(r#"{"data":{"values":[]},"mark":{"type":"bar","opacity":3}}"#)
                .starts_with("spec error at mark.opacity")
        );
    }

    #[test]
    fn bar_needs_one_discrete_and_one_quantitative_channel() {
        assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"b","type":"nominal"}}}"#)
            .starts_with("spec error at encoding: expected one discrete"));
        assert!(err(
            r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#
        )
        .starts_with("spec error at encoding.y"));
    }

    #[test]
    fn syntax_error_reports_line_and_column() {
        let e = err("{\n  \"mark\": bar\n}");
        assert!(e.contains("line 2 column"), "{e}");
    }

    #[test]
    fn sort_forms() {
        assert_eq!(
            parse_sort(&serde_json::json!("-y"), "s").unwrap(),
            Sort::ByChannel {
                channel: Channel::Y,
                descending: true
            }
        );
        assert_eq!(
            parse_sort(&serde_json::json!(["b", "a"]), "s").unwrap(),
            Sort::Explicit(vec!["b".into(), "a".into()])
        );
        assert!(parse_sort(&serde_json::json!("sideways"), "s").is_err());
        assert!(parse_sort(&serde_json::json!([{}]), "s")
            .unwrap_err()
            .to_string()
            .contains("s[0]"));
    }

    #[test]
    fn data_needs_values_or_url() {
        assert!(err(r#"{"data":{},"mark":"bar"}"#)
            .starts_with("spec error at data: expected \"values\""));
        assert!(err(r#"{"mark":"bar"}"#).starts_with("spec error at data"));
    }

    #[test]
    fn sizes_are_bounded() {
        assert!(err(r#"{"data":{"values":[]},"mark":"bar","height":-1}"#)
            .starts_with("spec error at height"));
        assert!(err(r#"{"data":{"values":[]},"mark":"bar","width":1e9}"#)
            .starts_with("spec error at width"));
    }
}
