//! `config` and the colours it (and marks and the background) name.

use super::*;

pub(super) fn parse_config(v: &Json, path: &str, w: &mut Warnings) -> Result<Config, Error> {
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
        if let Some(i) = mr.get("invalid") {
            c.mark_invalid = Some(super::mark::parse_invalid(i, &join(&mp, "invalid"))?);
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
            if kind.is_filled() {
                // Outlines, merged into the marks by `style::apply`: checked here.
                for key in super::style::OUTLINE_CONFIG {
                    if let Some(v) = mr.get(key) {
                        let kp = join(&mp, key);
                        check_outline_config(key, v, &kp)?;
                    }
                }
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
    if let Some(scale) = r.get("scale") {
        let sp = join(path, "scale");
        let mut sr = ObjReader::new(scale, &sp, "an object")?;
        c.scale_zero = sr.opt_bool("zero")?;
        c.band_padding = (
            super::guides::padding_fraction(&mut sr, &sp, "bandPaddingInner")?,
            super::guides::padding_fraction(&mut sr, &sp, "bandPaddingOuter")?,
        );
        if let Some(inv) = sr.get("invalid") {
            c.scale_invalid = parse_scale_invalid(inv, &join(&sp, "invalid"))?;
        }
        sr.finish(
            &[
                "barBandPaddingInner",
                "rectBandPaddingInner",
                "pointPadding",
                "continuousPadding",
                "clamp",
                "round",
                "useUnaggregatedDomain",
                "minBandSize",
                "maxBandSize",
                "minFontSize",
                "maxFontSize",
                "minOpacity",
                "maxOpacity",
                "minSize",
                "maxSize",
                "minStrokeWidth",
                "maxStrokeWidth",
                "quantileCount",
                "quantizeCount",
                "xReverse",
                "zeroBaseline",
                "offsetBandPaddingInner",
                "offsetBandPaddingOuter",
            ],
            w,
        )?;
    }
    super::config_guides::parse_axis_configs(&mut r, path, w, &mut c.axes, &mut c.axis_label_size)?;
    c.axis_grid = c.axes.all.as_ref().and_then(|a| a.grid);
    if let Some(title) = r.get("title") {
        let tp = join(path, "title");
        let mut tr = ObjReader::new(title, &tp, "an object")?;
        c.title_size = tr.opt_num("fontSize")?.map(|x| x as f32);
        c.subtitle_size = tr.opt_num("subtitleFontSize")?.map(|x| x as f32);
        if let Some(col) = tr.get("color") {
            c.title_color = Some(parse_color(col, &join(&tp, "color"))?);
        }
        if let Some(col) = tr.get("subtitleColor") {
            c.subtitle_color = Some(parse_color(col, &join(&tp, "subtitleColor"))?);
        }
        tr.finish(&[], w)?;
    }
    if let Some(view) = r.get("view") {
        c.view = super::config_guides::parse_view_config(view, &join(path, "view"), w)?;
    }
    for key in ["concat", "facet"] {
        // Composition configs only place views (`spacing`, `columns`): warnings, as the
        // same properties on a view are.
        if let Some(v) = r.get(key) {
            let kp = join(path, key);
            let mut cr = ObjReader::new(v, &kp, "an object")?;
            for prop in ["spacing", "columns"] {
                if let Some(x) = cr.get(prop) {
                    if !x.is_number() {
                        return Err(spec_error(&join(&kp, prop), "a number", x));
                    }
                    w.push(Warning {
                        path: join(&kp, prop),
                        message: format!(
                            "\"{prop}\" has no effect: stdviz places composed views with its own spacing"
                        ),
                    });
                }
            }
            cr.finish(&[], w)?;
        }
    }
    if let Some(legend) = r.get("legend") {
        let lp = join(path, "legend");
        let mut lr = ObjReader::new(legend, &lp, "an object")?;
        c.legend_orient = match lr.get("orient").map(|o| (o, o.as_str())) {
            None => None,
            Some((_, Some("right"))) => Some(LegendOrient::Right),
            Some((_, Some("bottom"))) => Some(LegendOrient::Bottom),
            // A config sets a default: a placement stdviz does not draw is left out.
            Some((o, _)) => {
                w.push(Warning {
                    path: join(&lp, "orient"),
                    message: format!(
                        "ignored: stdviz places legends \"right\" or \"bottom\", found {o}"
                    ),
                });
                None
            }
        };
        c.legend_disable = lr.opt_bool("disable")?.unwrap_or(false);
        lr.finish(&[], w)?;
    }
    if let Some(s) = r.get("style") {
        // Applied to the marks that name them (`style`) before views are read.
        if !s.is_object() {
            return Err(spec_error(
                &join(path, "style"),
                "an object of named styles",
                s,
            ));
        }
    }
    if let Some(l) = r.get("locale") {
        parse_locale(l, &join(path, "locale"), w)?;
    }
    c.formats = super::config_formats::parse_format_config(&mut r, path, w)?;
    r.finish(&["header"], w)?;
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

pub(super) fn parse_color_list(v: &Json, path: &str) -> Result<Vec<Color>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of CSS colours", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, c)| parse_color(c, &format!("{path}[{i}]")))
        .collect()
}

/// A `config.bar` (rect, area, arc) outline property, checked as the mark's reader
/// checks it.
fn check_outline_config(key: &str, v: &Json, path: &str) -> Result<(), Error> {
    match (key, v) {
        ("stroke", Json::Null) => Ok(()),
        ("stroke", c) => parse_color(c, path).map(|_| ()),
        ("strokeDash", d) => super::mark::parse_dash(d, path).map(|_| ()),
        (_, n) => match n.as_f64() {
            Some(x) if x >= 0.0 && (key != "strokeOpacity" || x <= 1.0) => Ok(()),
            _ => Err(spec_error(
                path,
                "a number of at least 0 (an opacity at most 1)",
                n,
            )),
        },
    }
}

pub(super) fn parse_color(v: &Json, path: &str) -> Result<Color, Error> {
    v.as_str().and_then(Color::parse).ok_or_else(|| {
        spec_error(
            path,
            "a CSS colour such as \"#4c78a8\" or \"rgb(76,120,168)\"",
            v,
        )
    })
}

/// `config.scale.invalid`: `{"<channel>": "zero-or-min" | {"value": …}}` for `x`, `y`
/// (pixels), `color` (a colour), `size` and `opacity` (numbers); other channels are
/// errors at their path.
fn parse_scale_invalid(v: &Json, path: &str) -> Result<Vec<(Channel, InvalidOutput)>, Error> {
    let obj = v
        .as_object()
        .ok_or_else(|| spec_error(path, "an object of channels", v))?;
    let mut out = Vec::new();
    for (key, val) in obj {
        let p = join(path, key);
        let ch = match key.as_str() {
            "x" => Channel::X,
            "y" => Channel::Y,
            "color" => Channel::Color,
            "size" => Channel::Size,
            "opacity" => Channel::Opacity,
            _ => {
                return Err(spec_error(
                    &p,
                    "x, y, color, size or opacity (outputs for the invalid values of other channels are not supported yet)",
                    &Json::String(key.clone()),
                ))
            }
        };
        let output =
            match val {
                Json::String(s) if s == "zero-or-min" => InvalidOutput::ZeroOrMin,
                Json::Object(o) if o.len() == 1 && o.contains_key("value") => {
                    let vp = join(&p, "value");
                    let value = &o["value"];
                    InvalidOutput::Value(match ch {
                        Channel::Color => match value.as_str() {
                            Some(t) if crate::color::Color::parse(t).is_some() => {
                                ConstValue::Text(t.to_string())
                            }
                            _ => return Err(spec_error(&vp, "a CSS colour", value)),
                        },
                        _ => match value.as_f64() {
                            Some(n)
                                if n.is_finite()
                                    && (n >= 0.0 || matches!(ch, Channel::X | Channel::Y)) =>
                            {
                                ConstValue::Number(n)
                            }
                            _ => return Err(spec_error(
                                &vp,
                                "a number (pixels for x and y; at least 0 for size and opacity)",
                                value,
                            )),
                        },
                    })
                }
                _ => return Err(spec_error(&p, "\"zero-or-min\" or {\"value\": …}", val)),
            };
        out.push((ch, output));
    }
    Ok(out)
}
