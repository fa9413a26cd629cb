//! Titles, and what a channel's field definition says about its scale, axis and legend.

use super::*;

pub(super) fn parse_title(v: &Json, path: &str, w: &mut Warnings) -> Result<Title, Error> {
    if let Some(text) = v.as_str() {
        return Ok(Title {
            text: text.to_string(),
            subtitle: None,
            anchor: Anchor::Middle,
            limit: None,
            font_size: None,
            subtitle_font_size: None,
            color: None,
            subtitle_color: None,
            frame_group: false,
        });
    }
    let mut r = ObjReader::new(v, path, "a title string or {\"text\": …}")?;
    // Vega-Lite allows an array of lines: each starts a line (and may wrap further).
    let mut lines = |key: &str| -> Result<Option<String>, Error> {
        match r.get(key) {
            None => Ok(None),
            Some(Json::String(t)) => Ok(Some(t.clone())),
            Some(Json::Array(lines)) if lines.iter().all(Json::is_string) => Ok(Some(
                lines
                    .iter()
                    .filter_map(Json::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )),
            Some(other) => Err(spec_error(
                &join(path, key),
                "a string or an array of strings",
                other,
            )),
        }
    };
    let text = lines("text")?.ok_or_else(|| missing(&join(path, "text"), "a string"))?;
    let subtitle = lines("subtitle")?;
    let limit = match r.get("limit") {
        None => None,
        Some(Json::Number(n)) if n.as_f64().is_some_and(|v| v > 0.0) => {
            n.as_f64().map(|v| v as f32)
        }
        Some(other) => {
            return Err(spec_error(
                &join(path, "limit"),
                "a positive width in pixels",
                other,
            ))
        }
    };
    // The chart's own title (at the top level) takes its sizes and colours; a view's
    // title inside a composition is drawn as a header, at the header size and colour, so
    // there they stay errors.
    let (mut color, mut subtitle_color) = (None, None);
    if path == "title" {
        if let Some(c) = r.get("color") {
            color = Some(super::parse_color(c, &join(path, "color"))?);
        }
        if let Some(c) = r.get("subtitleColor") {
            subtitle_color = Some(super::parse_color(c, &join(path, "subtitleColor"))?);
        }
    }
    let frame_group = match r.get("frame") {
        None => false,
        Some(f) => one_of(f, &join(path, "frame"), &["bounds", "group"])? == "group",
    };
    let (font_size, subtitle_font_size) = if path == "title" {
        let mut size = |key: &str| -> Result<Option<f32>, Error> {
            match r.opt_num(key)? {
                Some(n) if (6.0..=60.0).contains(&n) => Ok(Some(n as f32)),
                Some(n) => Err(Error::Spec {
                    path: join(path, key),
                    expected: "a font size in pixels from 6 to 60".into(),
                    found: n.to_string(),
                }),
                None => Ok(None),
            }
        };
        (size("fontSize")?, size("subtitleFontSize")?)
    } else {
        (None, None)
    };
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
        limit,
        font_size,
        subtitle_font_size,
        color,
        subtitle_color,
        frame_group,
    })
}

/// What a text in a scale's range or a shape's value must be.
pub(super) const SHAPE_OR_COLOUR: &str = "a CSS colour or a shape name (circle, square, cross, diamond, triangle-up, triangle-down, triangle-right, triangle-left); custom SVG path shapes are not supported yet";

/// What a shape's value must be.
pub(super) const SHAPE_NAME: &str = "a shape name (circle, square, cross, diamond, triangle-up, triangle-down, triangle-right, triangle-left); custom SVG path shapes are not supported yet";

pub(super) fn parse_scale(v: &Json, path: &str, w: &mut Warnings) -> Result<ScaleSpec, Error> {
    let mut r = ObjReader::new(v, path, "a scale object")?;
    let mut s = ScaleSpec::default();
    let mut discretizing = None;
    if let Some(t) = r.get("type") {
        let tp = join(path, "type");
        // `time` and `utc` are a temporal field's own continuous scale: stdviz's dates are
        // milliseconds since the epoch in UTC, so both mean the scale it draws anyway.
        let name = one_of(
            t,
            &tp,
            &[
                "linear",
                "log",
                "sqrt",
                "time",
                "utc",
                "quantize",
                "quantile",
                "threshold",
            ],
        )?;
        match name {
            "quantize" | "quantile" | "threshold" => discretizing = Some((name, tp)),
            "log" => s.ty = Some(ScaleType::Log),
            "sqrt" => s.ty = Some(ScaleType::Sqrt),
            _ => s.ty = Some(ScaleType::Linear),
        }
    }
    if let Some((name, tp)) = &discretizing {
        #[cfg(not(feature = "full"))]
        {
            let _ = name;
            return Err(Error::NeedsFull {
                path: tp.clone(),
                what: "a quantize, quantile or threshold scale",
            });
        }
        #[cfg(feature = "full")]
        {
            let _ = tp;
            s.steps = Some(super::scale_steps::parse_steps(name, &mut r, path)?);
        }
    }
    if let Some(d) = r
        .get("domain")
        .filter(|_| !matches!(s.steps, Some(Steps::Threshold(_))))
    {
        let dp = join(path, "domain");
        let items: &[Json] = match d {
            Json::Object(o) if o.contains_key("param") => {
                s.domain_param = Some(super::params::domain_param(d, &dp, w)?);
                &[]
            }
            _ => d.as_array().ok_or_else(|| {
                spec_error(
                    &dp,
                    "an array, or {\"param\": …} (an interval selection)",
                    d,
                )
            })?,
        };
        if s.domain_param.is_some() {
            // Filled from the selection before each layout (`params::resolve`).
        } else if items.len() == 2 && items.iter().all(Json::is_number) {
            let a = items[0].as_f64().unwrap_or(0.0);
            let b = items[1].as_f64().unwrap_or(0.0);
            s.domain_numbers = Some((a, b));
        } else if items.len() == 2 && items.iter().all(Json::is_object) {
            // Two date-time objects: a temporal domain, in ms.
            s.domain_numbers = Some((
                super::transform::datetime(&items[0], &format!("{dp}[0]"), w)?,
                super::transform::datetime(&items[1], &format!("{dp}[1]"), w)?,
            ));
        } else {
            s.domain_values = Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| match it {
                        Json::String(t) => Ok(t.clone()),
                        Json::Number(n) => Ok(n.to_string()),
                        Json::Bool(b) => Ok(b.to_string()),
                        // A null category (its colour is kept for the rows without one).
                        Json::Null => Ok(String::new()),
                        other => Err(spec_error(
                            &format!("{dp}[{i}]"),
                            "a number, a text, true, false or null (or two date-time objects)",
                            other,
                        )),
                    })
                    .collect::<Result<_, _>>()?,
            );
        }
    }
    #[cfg(feature = "full")]
    if s.steps.is_some() {
        s.range_steps = super::scale_steps::parse_range_steps(&mut r, path)?;
    }
    if let Some(rg) = r.get("range").filter(|_| s.range_steps.is_none()) {
        let rp = join(path, "range");
        let items = rg
            .as_array()
            .ok_or_else(|| spec_error(&rp, "an array of colours or two numbers", rg))?;
        let shapes: Option<Vec<PointShape>> = items
            .iter()
            .map(|i| i.as_str().and_then(PointShape::from_name))
            .collect();
        let dashes: Option<Vec<Vec<f32>>> = items
            .iter()
            .map(|i| {
                i.as_array()?
                    .iter()
                    .map(|d| d.as_f64().filter(|d| d.is_finite() && *d >= 0.0))
                    .map(|d| d.map(|d| d as f32))
                    .collect()
            })
            .collect();
        let strange = items.iter().enumerate().find(|(_, i)| {
            i.as_str().is_some_and(|t| {
                PointShape::from_name(t).is_none() && crate::color::Color::parse(t).is_none()
            })
        });
        if let (Some((i, item)), true) = (strange, shapes.is_none()) {
            return Err(spec_error(&format!("{rp}[{i}]"), SHAPE_OR_COLOUR, item));
        }
        if let (Some(shapes), false) = (shapes, items.is_empty()) {
            s.range_shapes = Some(shapes);
        } else if let (Some(dashes), false) = (dashes, items.is_empty()) {
            s.range_dashes = Some(dashes);
        } else if items.len() == 2 && items.iter().all(Json::is_number) {
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
        if !crate::theme::scheme_names().contains(&name.as_str())
            && crate::theme::ramps::ramp(&name).is_none()
        {
            let names: Vec<&str> = crate::theme::scheme_names()
                .iter()
                .copied()
                .chain(crate::theme::ramps::ramp_names())
                .collect();
            return Err(Error::Spec {
                path: join(path, "scheme"),
                expected: format!("one of {}", names.join(", ")),
                found: format!("\"{name}\""),
            });
        }
        s.scheme = Some(name);
        // `{"name": …, "count": n}`: the colours a quantize or quantile scale takes (Vega
        // reads the count for those two types only).
        if let Some(c) = sc.get("count") {
            let cp = join(&join(path, "scheme"), "count");
            s.scheme_count = Some(
                c.as_u64()
                    .filter(|n| (1..=256).contains(n))
                    .ok_or_else(|| spec_error(&cp, "a whole number from 1 to 256", c))?
                    as usize,
            );
        }
    }
    s.domain_mid = r.opt_num("domainMid")?;
    s.reverse = r.opt_bool("reverse")?;
    s.clamp = r.opt_bool("clamp")?;
    // `padding` is a fraction of the step on band scales, pixels on continuous ones
    // (which stdviz does not pad: ignored with a warning).
    let padding = match r.opt_non_negative("padding")? {
        Some(p) if p <= 1.0 => Some(p as f32),
        Some(_) => {
            w.push(Warning {
                path: join(path, "padding"),
                message: "a continuous scale's padding (pixels) is not drawn by stdviz; ignored"
                    .into(),
            });
            None
        }
        None => None,
    };
    s.padding_inner = padding_fraction(&mut r, path, "paddingInner")?.or(padding);
    s.padding_outer = padding_fraction(&mut r, path, "paddingOuter")?.or(padding);
    r.finish(&["base", "exponent", "round", "interpolate", "constant"], w)?;
    Ok(s)
}

/// A band padding `key` of `r`: a fraction of the step from 0 to 1.
pub(super) fn padding_fraction(
    r: &mut ObjReader<'_>,
    path: &str,
    key: &str,
) -> Result<Option<f32>, Error> {
    match r.opt_num(key)? {
        None => Ok(None),
        Some(p) if (0.0..=1.0).contains(&p) => Ok(Some(p as f32)),
        Some(p) => Err(Error::Spec {
            path: join(path, key),
            expected: "a fraction of the band step from 0 to 1".into(),
            found: p.to_string(),
        }),
    }
}

pub(super) fn parse_axis(v: &Json, path: &str, w: &mut Warnings) -> Result<Axis, Error> {
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
    // labelExpr: the expression language of `calculate` over `datum.label` (the label as
    // stdviz writes it) and `datum.value` (the tick's number or the category).
    let label_expr = match r.opt_str("labelExpr")? {
        Some(text) => Some(crate::spec::expr::parse_expr(
            &text,
            &join(path, "labelExpr"),
        )?),
        None => None,
    };
    let label_limit = match r.opt_num("labelLimit")? {
        Some(n) if n > 0.0 => Some(n as f32),
        // Vega-Lite: 0 means no limit.
        Some(0.0) => None,
        Some(n) => {
            return Err(Error::Spec {
                path: join(path, "labelLimit"),
                expected: "a width in pixels (0 for none)".into(),
                found: n.to_string(),
            })
        }
        None => None,
    };
    let label_overlap = match r.get("labelOverlap") {
        None => None,
        Some(Json::Bool(b)) => Some(*b),
        Some(v) => {
            Some(one_of(v, &join(path, "labelOverlap"), &["parity", "greedy"]).map(|_| true)?)
        }
    };
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
    let values = match r.get("values") {
        None => None,
        Some(v) => Some(parse_axis_values(v, &join(path, "values"), w)?),
    };
    let pixels = |r: &mut ObjReader<'_>, key: &str| -> Result<Option<f32>, Error> {
        match r.opt_num(key)? {
            Some(n) if (0.0..=MAX_AXIS_PADDING).contains(&n) => Ok(Some(n as f32)),
            Some(n) => Err(Error::Spec {
                path: join(path, key),
                expected: format!("a length in pixels from 0 to {MAX_AXIS_PADDING}"),
                found: n.to_string(),
            }),
            None => Ok(None),
        }
    };
    let tick_size = pixels(&mut r, "tickSize")?;
    let label_padding = pixels(&mut r, "labelPadding")?;
    let offset = pixels(&mut r, "offset")?;
    let title_padding = pixels(&mut r, "titlePadding")?;
    let label_align = match r.get("labelAlign") {
        None => None,
        Some(a) => Some(
            match one_of(a, &join(path, "labelAlign"), &["left", "center", "right"])? {
                "left" => TextAlign::Left,
                "right" => TextAlign::Right,
                _ => TextAlign::Center,
            },
        ),
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
    let orient = match r.get("orient") {
        None => None,
        Some(o) => Some(
            match one_of(
                o,
                &join(path, "orient"),
                &["top", "bottom", "left", "right"],
            )? {
                "top" => AxisOrient::Top,
                "bottom" => AxisOrient::Bottom,
                "left" => AxisOrient::Left,
                _ => AxisOrient::Right,
            },
        ),
    };
    r.finish(&["titleAngle", "labelBaseline", "zindex"], w)?;
    Ok(Axis {
        title,
        grid,
        format,
        format_type,
        label_angle,
        label_limit,
        label_overlap,
        label_expr,
        tick_count,
        values,
        tick_size,
        label_padding,
        offset,
        title_padding,
        label_align,
        orient,
    })
}

/// The largest `tickSize`, `labelPadding`, `offset` or `titlePadding` stdviz draws, px:
/// more would leave a phone's chart no room for its plot.
const MAX_AXIS_PADDING: f64 = 100.0;

/// An axis's `values`: an array of numbers, texts or date-time objects.
fn parse_axis_values(v: &Json, path: &str, w: &mut Warnings) -> Result<Vec<AxisValue>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of numbers, texts or date-time objects", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let ip = format!("{path}[{i}]");
            match item {
                Json::Number(n) => n
                    .as_f64()
                    .map(AxisValue::Number)
                    .ok_or_else(|| spec_error(&ip, "a finite number", item)),
                Json::String(t) => Ok(AxisValue::Text(t.clone())),
                Json::Object(_) => super::transform::datetime(item, &ip, w).map(AxisValue::Date),
                other => Err(spec_error(
                    &ip,
                    "a number, a text or a date-time object",
                    other,
                )),
            }
        })
        .collect()
}

pub(super) fn parse_legend(v: &Json, path: &str, w: &mut Warnings) -> Result<Legend, Error> {
    let mut r = ObjReader::new(v, path, "a legend object or null")?;
    let title = parse_optional_title(&mut r)?;
    let orient = match r.get("orient") {
        None => None,
        Some(o) => Some(
            match one_of(
                o,
                &join(path, "orient"),
                &[
                    "right",
                    "bottom",
                    "left",
                    "top",
                    "top-left",
                    "top-right",
                    "bottom-left",
                    "bottom-right",
                    "none",
                ],
            )? {
                "bottom" => LegendOrient::Bottom,
                "right" => LegendOrient::Right,
                // stdviz places a legend in a column at the right or in rows below: the
                // other placements become the nearer of the two, said in a warning.
                other => {
                    let near = if other == "top" { "bottom" } else { "right" };
                    w.push(Warning {
                        path: join(path, "orient"),
                        message: format!("\"{other}\" is drawn as \"{near}\": stdviz places legends at the right or below the chart"),
                    });
                    if near == "bottom" {
                        LegendOrient::Bottom
                    } else {
                        LegendOrient::Right
                    }
                }
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
    let format = r.opt_str("format")?;
    if let Some(f) = &format {
        if crate::format::NumberFormat::parse(f).is_none() {
            return Err(Error::Spec {
                path: join(path, "format"),
                expected: "a d3-format specifier stdviz supports (docs/SPEC.md, \"Numbers\")"
                    .into(),
                found: format!("\"{f}\""),
            });
        }
    }
    let values = match r.get("values") {
        None => Vec::new(),
        Some(v) => {
            let vp = join(path, "values");
            let items = v
                .as_array()
                .filter(|a| !a.is_empty())
                .ok_or_else(|| spec_error(&vp, "an array of numbers", v))?;
            items
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    x.as_f64()
                        .filter(|x| x.is_finite())
                        .ok_or_else(|| spec_error(&format!("{vp}[{i}]"), "a number", x))
                })
                .collect::<Result<_, _>>()?
        }
    };
    r.finish(
        &["columns", "symbolType", "labelLimit", "legendX", "legendY"],
        w,
    )?;
    Ok(Legend {
        title,
        orient,
        format,
        values,
    })
}

pub(super) fn parse_optional_title(r: &mut ObjReader<'_>) -> Result<Option<Option<String>>, Error> {
    let path = r.path_of("title");
    match r.get("title") {
        None => Ok(None),
        Some(Json::Null) => Ok(Some(None)),
        Some(Json::String(s)) => Ok(Some(Some(s.clone()))),
        Some(other) => Err(spec_error(&path, "a string or null", other)),
    }
}
