//! `mark` (a type name or a mark definition object) and the per-mark channel checks.

use super::*;

pub(super) fn parse_mark(v: &Json, path: &str, w: &mut Warnings) -> Result<Mark, Error> {
    const KINDS: &[&str] = &[
        "bar", "line", "area", "point", "circle", "square", "arc", "text", "rule", "tick", "rect",
        "trail", "geoshape",
    ];
    let mut mark = Mark {
        kind: MarkKind::Bar,
        shape: PointShape::Circle,
        color: None,
        opacity: None,
        filled: None,
        size: None,
        stroke_width: None,
        stroke_dash: Vec::new(),
        inner_radius: 0.0,
        outer_radius: None,
        radius: None,
        corner_radius: 0.0,
        corner_radius_end: None,
        line: None,
        bin_spacing: 1.0,
        pad_angle: 0.0,
        tooltip: false,
        point: false,
        trail: false,
        orient: None,
        align: None,
        baseline: None,
        dx: 0.0,
        dy: 0.0,
        text: None,
        thickness: None,
        interpolate: Interpolate::Linear,
        invalid: None,
        invalid_outputs: Vec::new(),
        positions: Vec::new(),
        projection: None,
        outline: None,
    };
    let set_kind = |mark: &mut Mark, name: &str| {
        mark.kind = match name {
            "line" => MarkKind::Line,
            "trail" => {
                // The full build's (`layout::trail`); the lite one answers NeedsFull.
                mark.trail = true;
                MarkKind::Line
            }
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
            "geoshape" => MarkKind::Geoshape,
            _ => MarkKind::Bar,
        };
    };
    if v.is_string() {
        let name = one_of(v, path, KINDS)?;
        set_kind(&mut mark, name);
        trail_needs_full(&mark, path)?;
        return Ok(mark);
    }
    let mut r = ObjReader::new(v, path, "a mark name or {\"type\": …}")?;
    let ty = r
        .get("type")
        .ok_or_else(|| missing(&join(path, "type"), &format!("one of {}", KINDS.join(", "))))?;
    set_kind(&mut mark, one_of(ty, &join(path, "type"), KINDS)?);
    trail_needs_full(&mark, &join(path, "type"))?;
    // A stroke on a filled mark (bar, rect, area, arc, geoshape) is its outline; on the
    // others it is the mark's one colour.
    let outlined = mark.kind.is_filled();
    for key in ["color", "fill", "stroke"] {
        if let Some(c) = r.get(key) {
            if key == "stroke" && outlined {
                mark.outline = match c {
                    Json::Null => None,
                    c => Some(parse_color(c, &join(path, key))?),
                };
                continue;
            }
            mark.color = Some(parse_color(c, &join(path, key))?);
        }
    }
    let mut stroke_opacity = None;
    for key in ["opacity", "fillOpacity", "strokeOpacity"] {
        if let Some(o) = r.opt_num(key)? {
            if !(0.0..=1.0).contains(&o) {
                return Err(Error::Spec {
                    path: join(path, key),
                    expected: "a number from 0 to 1".into(),
                    found: o.to_string(),
                });
            }
            // `opacity` is the outline's too, unless `strokeOpacity` is its own.
            if outlined && key != "fillOpacity" {
                stroke_opacity = Some(o as f32);
                if key == "strokeOpacity" {
                    continue;
                }
            }
            mark.opacity = Some(o as f32);
        }
    }
    if let (Some(c), Some(o)) = (mark.outline, stroke_opacity) {
        mark.outline = Some(c.with_opacity(o));
    }
    if let Some(f) = r.opt_bool("filled")? {
        mark.filled = Some(f);
    }
    mark.size = r.opt_non_negative("size")?.map(|x| x as f32);
    mark.stroke_width = r.opt_non_negative("strokeWidth")?.map(|x| x as f32);
    if let Some(d) = r.get("strokeDash") {
        mark.stroke_dash = parse_dash(d, &join(path, "strokeDash"))?;
        #[cfg(not(feature = "full"))]
        return Err(Error::NeedsFull {
            path: join(path, "strokeDash"),
            what: "a dashed stroke (strokeDash)",
        });
    }
    if let Some(sh) = r.get("shape") {
        let names: Vec<&str> = PointShape::NAMED.iter().map(|(n, _)| *n).collect();
        mark.shape = PointShape::from_name(one_of(sh, &join(path, "shape"), &names)?)
            .unwrap_or(PointShape::Circle);
        #[cfg(not(feature = "full"))]
        if !matches!(mark.shape, PointShape::Circle | PointShape::Square) {
            return Err(Error::NeedsFull {
                path: join(path, "shape"),
                what: "a point symbol other than circle and square (shape)",
            });
        }
    }
    if let Some(x) = r.opt_non_negative("innerRadius")? {
        mark.inner_radius = x as f32;
    }
    mark.outer_radius = r.opt_non_negative("outerRadius")?.map(|x| x as f32);
    mark.radius = r.opt_non_negative("radius")?.map(|x| x as f32);
    if let Some(x) = r.opt_non_negative("cornerRadius")? {
        mark.corner_radius = x as f32;
    }
    mark.corner_radius_end = r.opt_non_negative("cornerRadiusEnd")?.map(|x| x as f32);
    if let Some(x) = r.opt_non_negative("binSpacing")? {
        mark.bin_spacing = x as f32;
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
    if let Some(l) = r.get("line") {
        mark.line = parse_line_overlay(l, &join(path, "line"), w)?;
        if mark.line.is_some() && mark.kind != MarkKind::Area {
            w.push(Warning {
                path: join(path, "line"),
                message: "a line overlay is drawn on areas only; ignored".into(),
            });
            mark.line = None;
        }
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
    if let Some(i) = r.get("invalid") {
        mark.invalid = Some(parse_invalid(i, &join(path, "invalid"))?);
    }
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
    for (key, ch) in [
        ("x", Channel::X),
        ("y", Channel::Y),
        ("x2", Channel::X2),
        ("y2", Channel::Y2),
    ] {
        if let Some(v) = r.get(key) {
            let kp = join(path, key);
            let value = parse_const(v, &kp)?;
            super::encoding::check_position_value(ch, &value, &kp)?;
            mark.positions.push((ch, value));
        }
    }
    r.get("clip");
    r.finish(
        &[
            "thetaOffset",
            "radius2",
            "theta",
            "theta2",
            "width",
            "height",
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

/// Checks that a unit's channels fit its mark.
pub(super) fn check_unit(
    mark: &mut Mark,
    enc: &mut Encoding,
    path: &str,
    w: &mut Warnings,
) -> Result<(), Error> {
    let ep = join(path, "encoding");
    // The mark's own x/y/x2/y2 (pixels, "width", "height") where the encoding has none.
    for (ch, value) in &mark.positions {
        if enc.get(*ch).is_none() {
            enc.channels.push((*ch, ChannelDef::Value(value.clone())));
        }
    }
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
            let placed_on_map =
                enc.get(Channel::Longitude).is_some() && enc.get(Channel::Latitude).is_some();
            if enc.get(Channel::X).is_none() && enc.get(Channel::Y).is_none() && !placed_on_map {
                return Err(missing(
                    &join(&ep, "x"),
                    &format!("x and/or y for a {} mark", mark.kind.name()),
                ));
            }
        }
        MarkKind::Text | MarkKind::Rule | MarkKind::Geoshape => {}
    }
    // A `stroke` value on a filled mark is its outline; a stroke field (outlines coloured
    // by a scale) stdviz does not draw.
    let stroke = match enc.stroke_beside.take() {
        Some((sp, def)) if mark.kind.is_filled() => Some((sp, def, false)),
        Some((sp, _)) => {
            w.push(Warning {
                path: sp,
                message: "stdviz draws one colour per mark: \"color\" is used, \"stroke\" ignored"
                    .into(),
            });
            None
        }
        None if enc.color_from_stroke && mark.kind.is_filled() => {
            enc.color_from_stroke = false;
            let conditioned = enc.conditions.iter().any(|(k, _)| *k == Channel::Color);
            let i = enc.channels.iter().position(|(k, _)| *k == Channel::Color);
            i.map(|i| (join(&ep, "stroke"), enc.channels.remove(i).1, conditioned))
        }
        None => None,
    };
    if let Some((sp, def, conditioned)) = stroke {
        let color = match &def {
            ChannelDef::Value(ConstValue::Text(t)) => Color::parse(t),
            _ => None,
        };
        if color.is_none() || conditioned {
            return Err(Error::Spec {
                path: sp,
                expected: "a stroke value (an outline of one colour); outlines coloured by a field are not supported yet".into(),
                found: "a field or condition".into(),
            });
        }
        mark.outline = color;
    }
    // The channels that draw only on some marks (symbols on points, dashes and widths on
    // strokes, widths on the outlines of bars and rects) are dropped elsewhere with a
    // warning, as Vega-Lite drops them.
    let stroked = matches!(mark.kind, MarkKind::Line | MarkKind::Rule | MarkKind::Tick);
    let outlined = mark.outline.is_some() && matches!(mark.kind, MarkKind::Bar | MarkKind::Rect);
    for (c, fits) in [
        (Channel::Shape, mark.kind == MarkKind::Point || mark.point),
        (Channel::StrokeDash, stroked),
        (Channel::StrokeWidth, stroked || outlined),
    ] {
        if enc.get(c).is_some() && !fits {
            enc.channels.retain(|(k, _)| *k != c);
            enc.conditions.retain(|(k, _)| *k != c);
            w.push(Warning {
                path: join(&ep, c.name()),
                message: format!(
                    "{} dropped: a {} mark does not draw it (as Vega-Lite drops it)",
                    c.name(),
                    mark.kind.name()
                ),
            });
        }
    }
    // `reverse` is read for colour and position, `domainMid` for continuous colour only.
    for c in [
        Channel::X,
        Channel::Y,
        Channel::Theta,
        Channel::Radius,
        Channel::Opacity,
        Channel::Size,
    ] {
        let Some(f) = enc.field(c) else { continue };
        for (key, given) in [
            (
                "reverse",
                f.scale.reverse.is_some() && !matches!(c, Channel::X | Channel::Y),
            ),
            ("domainMid", f.scale.domain_mid.is_some()),
        ] {
            if given {
                return Err(Error::Spec {
                    path: join(&join(&join(&ep, c.name()), "scale"), key),
                    expected: "no scale.reverse or scale.domainMid here (stdviz reads reverse on color, x and y, domainMid on a quantitative color)".into(),
                    found: "a value".into(),
                });
            }
        }
    }
    Ok(())
}

/// The lite build answers [`Error::NeedsFull`] for a trail (`layout::trail`).
fn trail_needs_full(mark: &Mark, path: &str) -> Result<(), Error> {
    #[cfg(not(feature = "full"))]
    if mark.trail {
        return Err(Error::NeedsFull {
            path: path.to_string(),
            what: "the trail mark",
        });
    }
    let _ = (mark, path);
    Ok(())
}

/// A dash array (`strokeDash`): finite non-negative numbers, dash and gap lengths in px.
pub(super) fn parse_dash(v: &Json, path: &str) -> Result<Vec<f32>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of dash and gap lengths", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, d)| {
            d.as_f64()
                .filter(|d| d.is_finite() && *d >= 0.0)
                .map(|d| d as f32)
                .ok_or_else(|| spec_error(&format!("{path}[{i}]"), "a number of at least 0", d))
        })
        .collect()
}

/// An `invalid` mode (`mark.invalid`, `config.mark.invalid`); `null` is `"show"`.
pub(super) fn parse_invalid(v: &Json, path: &str) -> Result<Invalid, Error> {
    if v.is_null() {
        return Ok(Invalid::Show);
    }
    Ok(
        match one_of(
            v,
            path,
            &[
                "filter",
                "break-paths-filter-domains",
                "break-paths-show-domains",
                "break-paths-show-path-domains",
                "show",
            ],
        )? {
            "filter" => Invalid::Filter,
            "show" => Invalid::Show,
            "break-paths-show-path-domains" => Invalid::PathsBreak,
            _ => Invalid::BreakPaths,
        },
    )
}

/// An area's `line` overlay: `true`, or an object whose `color`/`stroke` colours the line
/// (its other properties are ignored with a warning); `false` or `"transparent"` none.
fn parse_line_overlay(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<Option<Option<crate::color::Color>>, Error> {
    match v {
        Json::Bool(b) => Ok(b.then_some(None)),
        Json::String(s) if s == "transparent" => Ok(None),
        Json::Object(o) => {
            let mut color = None;
            for (k, value) in o {
                match k.as_str() {
                    "color" | "stroke" => color = Some(parse_color(value, &join(path, k))?),
                    _ => w.push(Warning {
                        path: join(path, k),
                        message: "stdviz reads only color/stroke of a line overlay; ignored".into(),
                    }),
                }
            }
            Ok(Some(color))
        }
        other => Err(spec_error(
            path,
            "true, false, \"transparent\" or a mark properties object",
            other,
        )),
    }
}
