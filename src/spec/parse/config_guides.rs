//! `config.view` (default plot sizes, the plot's frame), the axis configs (`axis`,
//! `axisX`, `axisY`, `axisBand`, `axisPoint`, `axisDiscrete`, `axisQuantitative`,
//! `axisTemporal`), `config.title` and `config.legend`; and their application to the
//! field definitions once the views are read (resolve early: layout sees only the
//! definitions).

use super::guides::parse_axis;
use super::view::parse_size;
use super::*;

/// The axis config keys stdviz applies, with the field of [`AxisConfig`] each fills.
const AXIS_KEYS: [&str; 8] = [
    "axis",
    "axisX",
    "axisY",
    "axisBand",
    "axisPoint",
    "axisDiscrete",
    "axisQuantitative",
    "axisTemporal",
];

/// Reads `config.view` at `path`.
pub(super) fn parse_view_config(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<ViewConfig, Error> {
    let mut r = ObjReader::new(v, path, "an object")?;
    let mut out = ViewConfig::default();
    let pixels = |v: &Json, p: &str| -> Result<f32, Error> {
        match v.as_f64() {
            Some(x) if x > 0.0 && x <= 10_000.0 => Ok(x as f32),
            _ => Err(spec_error(p, "a size in pixels from 1 to 10000", v)),
        }
    };
    if let Some(s) = r.get("step") {
        let step = parse_size(Some(&serde_json::json!({ "step": s })), &join(path, "step"))?;
        out.discrete_width = Some(step);
        out.discrete_height = Some(step);
    }
    if let Some(x) = r.get("width") {
        let width = pixels(x, &join(path, "width"))?;
        out.continuous_width = Some(width);
        out.discrete_width = Some(Size::Fixed(width));
    }
    if let Some(x) = r.get("height") {
        let height = pixels(x, &join(path, "height"))?;
        out.continuous_height = Some(height);
        out.discrete_height = Some(Size::Fixed(height));
    }
    if let Some(x) = r.get("continuousWidth") {
        out.continuous_width = Some(pixels(x, &join(path, "continuousWidth"))?);
    }
    if let Some(x) = r.get("continuousHeight") {
        out.continuous_height = Some(pixels(x, &join(path, "continuousHeight"))?);
    }
    for (key, slot) in [
        ("discreteWidth", &mut out.discrete_width),
        ("discreteHeight", &mut out.discrete_height),
    ] {
        if let Some(x) = r.get(key) {
            match parse_size(Some(x), &join(path, key))? {
                Size::Container | Size::Default => {
                    return Err(spec_error(
                        &join(path, key),
                        "a size in pixels or {\"step\": n}",
                        x,
                    ))
                }
                size => *slot = Some(size),
            }
        }
    }
    for (key, slot) in [("stroke", &mut out.stroke), ("fill", &mut out.fill)] {
        match r.get(key) {
            // "" and "transparent" draw nothing, as stdviz does by default.
            None | Some(Json::Null) => {}
            Some(Json::String(s)) if s.is_empty() || s == "transparent" => {}
            Some(c) => match parse_color(c, &join(path, key)) {
                Ok(color) => *slot = Some(color),
                // A config sets a default: a colour stdviz cannot read is left out.
                Err(e) => w.push(Warning {
                    path: join(path, key),
                    message: format!("ignored: {e}"),
                }),
            },
        }
    }
    if let Some(x) = r.get("strokeWidth") {
        match x.as_f64() {
            Some(sw) if (0.0..=50.0).contains(&sw) => out.stroke_width = Some(sw as f32),
            _ => {
                return Err(spec_error(
                    &join(path, "strokeWidth"),
                    "a width in pixels from 0 to 50",
                    x,
                ))
            }
        }
    }
    r.finish(&[], w)?;
    Ok(out)
}

/// Reads the axis configs of `config` into `out` (and `config.axis.labelFontSize` into
/// `label_size`). Properties stdviz's axes do not have are warnings, as in an
/// encoding's axis; a value an axis would refuse (e.g. a `labelAngle` of 45) makes the
/// whole config a warning, since a config only sets defaults.
pub(super) fn parse_axis_configs(
    r: &mut ObjReader<'_>,
    path: &str,
    w: &mut Warnings,
    out: &mut AxisConfig,
    label_size: &mut Option<f32>,
) -> Result<(), Error> {
    for key in AXIS_KEYS {
        let Some(v) = r.get(key) else {
            continue;
        };
        let kp = join(path, key);
        let Json::Object(o) = v else {
            return Err(spec_error(&kp, "an axis config object", v));
        };
        let mut o = o.clone();
        if let Some(size) = o.remove("labelFontSize") {
            match (key, size.as_f64()) {
                ("axis", Some(s)) => *label_size = Some(s as f32),
                ("axis", None) => {
                    return Err(spec_error(
                        &join(&kp, "labelFontSize"),
                        "a font size in pixels",
                        &size,
                    ))
                }
                _ => w.push(Warning {
                    path: join(&kp, "labelFontSize"),
                    message: "\"labelFontSize\" has an effect only in config.axis (one label size for every axis)".into(),
                }),
            }
        }
        // What an encoding's axis refuses, a config only lacks: warnings.
        // `orient` has a meaning in axisX (top/bottom) and axisY (left/right) only.
        let orient_keeps = matches!(
            (key, o.get("orient").and_then(Json::as_str)),
            ("axisX", Some("top" | "bottom")) | ("axisY", Some("left" | "right"))
        );
        for unsupported in ["title", "orient", "titleAngle", "labelBaseline", "zindex"] {
            if unsupported == "orient" && orient_keeps {
                continue;
            }
            if o.remove(unsupported).is_some() {
                w.push(Warning {
                    path: join(&kp, unsupported),
                    message: format!("\"{unsupported}\" in an axis config has no effect"),
                });
            }
        }
        let axis = match parse_axis(&Json::Object(o), &kp, w) {
            Ok(a) => a,
            Err(e) => {
                w.push(Warning {
                    path: kp.clone(),
                    message: format!("this axis config is ignored: {e}"),
                });
                continue;
            }
        };
        let slot = match key {
            "axis" => &mut out.all,
            "axisX" => &mut out.x,
            "axisY" => &mut out.y,
            "axisBand" => &mut out.band,
            "axisPoint" => &mut out.point,
            "axisDiscrete" => &mut out.discrete,
            "axisQuantitative" => &mut out.quantitative,
            _ => &mut out.temporal,
        };
        *slot = Some(axis);
    }
    Ok(())
}

/// `axis` with each property it leaves unset taken from `defaults`, first to last.
fn fill_axis(axis: &mut Axis, defaults: &[&Axis]) {
    for d in defaults {
        axis.grid = axis.grid.or(d.grid);
        if axis.format.is_none() {
            axis.format.clone_from(&d.format);
            axis.format_type = axis.format_type.or(d.format_type);
        }
        axis.label_angle = axis.label_angle.or(d.label_angle);
        axis.label_limit = axis.label_limit.or(d.label_limit);
        axis.label_overlap = axis.label_overlap.or(d.label_overlap);
        if axis.label_expr.is_none() {
            axis.label_expr.clone_from(&d.label_expr);
        }
        axis.tick_count = axis.tick_count.or(d.tick_count);
        if axis.values.is_none() {
            axis.values.clone_from(&d.values);
        }
        axis.tick_size = axis.tick_size.or(d.tick_size);
        axis.label_padding = axis.label_padding.or(d.label_padding);
        axis.offset = axis.offset.or(d.offset);
        axis.title_padding = axis.title_padding.or(d.title_padding);
        axis.label_align = axis.label_align.or(d.label_align);
        axis.orient = axis.orient.or(d.orient);
    }
}

/// Applies the axis configs to the x and y field definitions below `view`, and the
/// legend config (`orient`, `disable`) to the colour field definitions.
pub(super) fn apply_guide_config(view: &mut View, config: &Config) {
    match &mut view.kind {
        ViewKind::Unit { mark, encoding } => {
            let band_mark = matches!(mark.kind, MarkKind::Bar | MarkKind::Rect);
            let axes = &config.axes;
            for (channel, def) in &mut encoding.channels {
                let ChannelDef::Field(f) = def else {
                    continue;
                };
                match channel {
                    Channel::X | Channel::Y => {
                        let Some(axis) = f.axis.as_mut() else {
                            continue;
                        };
                        let by_side = if *channel == Channel::X {
                            &axes.x
                        } else {
                            &axes.y
                        };
                        let by_kind = match f.ty {
                            FieldType::Quantitative => [&axes.quantitative, &None],
                            FieldType::Temporal => [&axes.temporal, &None],
                            _ if band_mark => [&axes.band, &axes.discrete],
                            _ => [&axes.point, &axes.discrete],
                        };
                        let defaults: Vec<&Axis> = [by_side, by_kind[0], by_kind[1], &axes.all]
                            .into_iter()
                            .flatten()
                            .collect();
                        fill_axis(axis, &defaults);
                        // A config's labelAlign sets x axes' only, as an axis's own does.
                        if *channel == Channel::Y {
                            axis.label_align = None;
                        }
                    }
                    Channel::Color => {
                        if config.legend_disable {
                            f.legend = None;
                        } else if let Some(l) = f.legend.as_mut() {
                            l.orient = l.orient.or(config.legend_orient);
                        }
                    }
                    _ => {}
                }
            }
        }
        ViewKind::Layer { layers: views, .. } | ViewKind::Concat { views, .. } => {
            views.iter_mut().for_each(|v| apply_guide_config(v, config));
        }
        ViewKind::Facet { spec, .. } => apply_guide_config(spec, config),
    }
}
