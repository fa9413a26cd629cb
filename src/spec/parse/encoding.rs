//! `encoding`: channels, field definitions (field, type, aggregate, bin, timeUnit), constants, `sort`.

use super::*;

pub(super) fn parse_type(v: &Json, path: &str) -> Result<FieldType, Error> {
    Ok(
        match one_of(v, path, &["nominal", "ordinal", "quantitative", "temporal"])? {
            "nominal" => FieldType::Nominal,
            "ordinal" => FieldType::Ordinal,
            "temporal" => FieldType::Temporal,
            _ => FieldType::Quantitative,
        },
    )
}

pub(super) type FacetFromEncoding = (Option<FacetField>, Option<FacetField>, Option<usize>);

pub(super) fn parse_encoding(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<(Encoding, Option<FacetFromEncoding>), Error> {
    let mut r = ObjReader::new(v, path, "an encoding object")?;
    let mut enc = Encoding::default();
    for channel in Channel::ALL {
        if let Some(def) = r.get(channel.name()) {
            let cp = join(path, channel.name());
            // The symbol, dash and width channels are the full build's
            // (`layout::channels`' scales).
            #[cfg(not(feature = "full"))]
            if let Some(what) = full_only_channel(channel) {
                return Err(Error::NeedsFull { path: cp, what });
            }
            read_channel(&mut enc, channel, def, &cp, w)?;
        }
    }
    // `fill` and `stroke` colour only the fill or the stroke; stdviz's marks have one
    // colour, so either is the colour channel (a stroke value on a filled mark becomes
    // its outline in the mark's checks). `fillOpacity`/`strokeOpacity` likewise are the opacity.
    for (alias, channel) in [
        ("fill", Channel::Color),
        ("stroke", Channel::Color),
        ("fillOpacity", Channel::Opacity),
        ("strokeOpacity", Channel::Opacity),
    ] {
        let Some(def) = r.get(alias) else { continue };
        if alias == "stroke" && enc.get(channel).is_some() {
            // An outline on filled marks; the mark's checks decide.
            let sp = join(path, alias);
            enc.stroke_beside = Some((sp.clone(), parse_channel(def, &sp, channel, w)?));
            continue;
        }
        if enc.get(channel).is_some() {
            w.push(Warning {
                path: join(path, alias),
                message: format!(
                    "stdviz draws one {} per mark: \"{}\" is used, \"{alias}\" ignored",
                    if channel == Channel::Color {
                        "colour"
                    } else {
                        "opacity"
                    },
                    channel.name()
                ),
            });
            continue;
        }
        read_channel(&mut enc, channel, def, &join(path, alias), w)?;
        enc.color_from_stroke |= alias == "stroke";
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
            "key",
            "href",
            "url",
            "description",
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

/// What the lite build answers [`Error::NeedsFull`] for on `channel`, if anything.
#[cfg(not(feature = "full"))]
fn full_only_channel(channel: Channel) -> Option<&'static str> {
    match channel {
        Channel::Shape => Some("the shape channel"),
        Channel::StrokeDash => Some("the strokeDash channel"),
        Channel::StrokeWidth => Some("the strokeWidth channel"),
        _ => None,
    }
}

/// Reads channel `channel`'s definition `def` (at `cp`) into `enc`, with its conditions.
fn read_channel(
    enc: &mut Encoding,
    channel: Channel,
    def: &Json,
    cp: &str,
    w: &mut Warnings,
) -> Result<(), Error> {
    // `condition` on colour, opacity, size and an outline's width: the branches
    // apart, the rest is the channel's own definition.
    let emphasis = matches!(
        channel,
        Channel::Color | Channel::Opacity | Channel::Size | Channel::StrokeWidth
    );
    if let (true, Some(Json::Object(obj))) = (emphasis, Some(def)) {
        if let Some(c) = obj.get("condition") {
            let condp = join(cp, "condition");
            let mut rest = obj.clone();
            rest.remove("condition");
            let field_branch = c
                .as_object()
                .filter(|o| o.contains_key("field") || o.contains_key("aggregate"));
            if let Some(branch) = field_branch {
                // `{"condition": {"param": "s", "field": …}, "value": v}`: the
                // field where the predicate holds, `v` elsewhere — the field
                // definition with the condition turned round.
                let when = condition_predicate(branch, &condp, w)?;
                let Some(otherwise) = rest.get("value") else {
                    return Err(missing(
                        &join(cp, "value"),
                        "the value of the marks the condition leaves out",
                    ));
                };
                let value = parse_const(otherwise, &join(cp, "value"))?;
                check_channel_value(channel, &value, &join(cp, "value"))?;
                let mut def = branch.clone();
                for k in ["param", "empty", "test"] {
                    def.remove(k);
                }
                enc.conditions.push((
                    channel,
                    vec![Condition {
                        when: ConditionTest::Test(Predicate::Not(Box::new(when))),
                        value,
                    }],
                ));
                enc.channels.push((
                    channel,
                    parse_channel(&Json::Object(def), &condp, channel, w)?,
                ));
                return Ok(());
            }
            let conds = parse_conditions(c, &condp, channel, w)?;
            enc.conditions.push((channel, conds));
            if !rest.is_empty() {
                let rest = Json::Object(rest);
                enc.channels
                    .push((channel, parse_channel(&rest, cp, channel, w)?));
            }
            return Ok(());
        }
    }
    enc.channels
        .push((channel, parse_channel(def, cp, channel, w)?));
    Ok(())
}

/// A `condition`: one `{"test": …, "value": …}` or an array of them (the first that
/// holds wins), each tested by `test` or by a selection (`param`, `empty`).
fn parse_conditions(
    v: &Json,
    path: &str,
    channel: Channel,
    w: &mut Warnings,
) -> Result<Vec<Condition>, Error> {
    let one = |v: &Json, path: &str, w: &mut Warnings| -> Result<Condition, Error> {
        let obj = v.as_object().ok_or_else(|| {
            spec_error(
                path,
                "a condition object with \"test\" or \"param\", and \"value\"",
                v,
            )
        })?;
        let test = condition_predicate(obj, path, w)?;
        let mut r = ObjReader::new(v, path, "a condition object")?;
        for k in ["param", "empty", "test"] {
            r.get(k);
        }
        let value = r
            .get("value")
            .map(|x| parse_const(x, &join(path, "value")))
            .transpose()?;
        r.finish(&["field", "datum"], w)?;
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

/// What a condition branch tests: `{"param": …, "empty": …}` or `{"test": …}`.
fn condition_predicate(
    branch: &serde_json::Map<String, Json>,
    path: &str,
    w: &mut Warnings,
) -> Result<Predicate, Error> {
    match (branch.get("param"), branch.get("test")) {
        (Some(name), None) => super::params::param_predicate(name, branch.get("empty"), path),
        (None, Some(t)) => super::transform::parse_predicate(t, &join(path, "test"), w),
        (Some(_), Some(t)) => Err(spec_error(
            &join(path, "test"),
            "either \"param\" or \"test\", not both",
            t,
        )),
        (None, None) => Err(missing(
            &join(path, "test"),
            "a predicate (\"test\") or a selection (\"param\")",
        )),
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

pub(super) fn parse_const(v: &Json, path: &str) -> Result<ConstValue, Error> {
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

pub(super) fn parse_channel(
    v: &Json,
    path: &str,
    channel: Channel,
    w: &mut Warnings,
) -> Result<ChannelDef, Error> {
    let obj = v
        .as_object()
        .ok_or_else(|| spec_error(path, "a channel definition object", v))?;
    if obj.contains_key("value") && !obj.contains_key("field") && !obj.contains_key("aggregate") {
        // (The lite build answers NeedsFull for the channel before this.)
        #[cfg(feature = "full")]
        if let (Channel::StrokeDash, Some(value @ Json::Array(_))) = (channel, obj.get("value")) {
            // A dash array constant, kept as its numbers separated by commas.
            let dash = super::mark::parse_dash(value, &join(path, "value"))?;
            let text: Vec<String> = dash.iter().map(|d| d.to_string()).collect();
            return Ok(ChannelDef::Value(ConstValue::Text(text.join(","))));
        }
        let mut r = ObjReader::new(v, path, "an object")?;
        let value = r
            .get("value")
            .map(|x| parse_const(x, &join(path, "value")))
            .transpose()?;
        r.finish(&["condition"], w)?;
        let value = value.ok_or_else(|| missing(&join(path, "value"), "a value"))?;
        check_position_value(channel, &value, &join(path, "value"))?;
        if let (Channel::Shape, ConstValue::Text(t)) = (channel, &value) {
            if PointShape::from_name(t).is_none() {
                return Err(spec_error(
                    &join(path, "value"),
                    super::guides::SHAPE_NAME,
                    &Json::String(t.clone()),
                ));
            }
        }
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

/// An encoding's `{"argmin": "field"}` or `{"argmax": "field"}` at `path`: the op and the
/// field whose least or greatest value picks the row.
fn arg_aggregate(v: &Json, path: &str) -> Result<(AggregateOp, String), Error> {
    let expected = "an aggregate op name, or {\"argmin\": field} or {\"argmax\": field}";
    let Some(o) = v.as_object().filter(|o| o.len() == 1) else {
        return Err(spec_error(path, expected, v));
    };
    let (key, by) = o
        .iter()
        .next()
        .ok_or_else(|| spec_error(path, expected, v))?;
    let op = match key.as_str() {
        "argmin" => AggregateOp::ArgMin,
        "argmax" => AggregateOp::ArgMax,
        _ => return Err(spec_error(path, expected, v)),
    };
    match by.as_str() {
        Some(f) if !f.is_empty() => Ok((op, unescape_field(f))),
        _ => Err(spec_error(&join(path, key), "a field name", by)),
    }
}

pub(super) fn parse_field_def(
    v: &Json,
    path: &str,
    channel: Channel,
    w: &mut Warnings,
) -> Result<FieldDef, Error> {
    let mut r = ObjReader::new(v, path, "a field definition object")?;
    let (aggregate, arg_field) = match r.get("aggregate") {
        None => (None, None),
        Some(a @ Json::Object(_)) => {
            let (op, by) = arg_aggregate(a, &join(path, "aggregate"))?;
            (Some(op), Some(by))
        }
        Some(a) => (Some(aggregate_op(a, &join(path, "aggregate"))?), None),
    };
    let field = match (r.opt_str("field")?, aggregate) {
        (Some(f), _) => unescape_field(&f),
        (None, Some(AggregateOp::Count)) => String::new(),
        (None, _) => return Err(missing(&join(path, "field"), "a field name")),
    };
    let binned = v
        .get("bin")
        .is_some_and(|b| b.as_bool() != Some(false) && !b.is_null());
    let bin = parse_bin(r.get("bin"), path, w)?;
    let time_unit = parse_time_unit(r.get("timeUnit"), path)?;
    let ty = match r.get("type") {
        Some(t) => parse_type(t, &join(path, "type"))?,
        None if aggregate.is_some() || binned => FieldType::Quantitative,
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
    // `bandPosition`: within a time unit's period for temporal fields; a band scale's
    // marks stand at its middle (0.5); other continuous fields have no band.
    let band_position = match r.opt_num("bandPosition")? {
        Some(p) if !(0.0..=1.0).contains(&p) => {
            return Err(Error::Spec {
                path: join(path, "bandPosition"),
                expected: "a number from 0 to 1".into(),
                found: p.to_string(),
            })
        }
        Some(p) if ty.is_discrete() && p != 0.5 => {
            return Err(Error::Spec {
                path: join(path, "bandPosition"),
                expected: "0.5 on a discrete field (marks stand in the middle of their band; other positions are not supported yet)".into(),
                found: p.to_string(),
            })
        }
        Some(p) if time_unit.is_some() && !ty.is_discrete() => Some(p),
        _ => None,
    };
    let mut title = parse_optional_title(&mut r)?;
    // A plain field read by bracket access (`best['count']`, an argmax's row) is titled
    // as written, as Vega-Lite titles it.
    if let (None, None, None, None, Some(raw)) = (
        &title,
        aggregate,
        &bin,
        time_unit,
        v.get("field").and_then(Json::as_str),
    ) {
        if raw != field && (raw.contains("['") || raw.contains("[\"")) {
            title = Some(Some(raw.to_string()));
        }
    }
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
    // Steps are the full build's (the lite parser answered NeedsFull at scale.type).
    #[cfg(feature = "full")]
    if scale.steps.is_some()
        && !matches!(channel, Channel::Color | Channel::Size | Channel::Opacity)
    {
        return Err(Error::Spec {
            path: join(path, "scale.type"),
            expected: "a quantize, quantile or threshold scale on color, size or opacity only"
                .into(),
            found: format!("one on {}", channel.name()),
        });
    }
    let axis = match r.get("axis") {
        None => Some(Axis::default()),
        Some(Json::Null) => None,
        Some(a) => Some(parse_axis(a, &join(path, "axis"), w)?),
    };
    // `orient` names a side the channel's axis can stand on.
    if let Some(o) = axis.as_ref().and_then(|a| a.orient) {
        let horizontal = matches!(o, AxisOrient::Top | AxisOrient::Bottom);
        let fits = match channel {
            Channel::X => horizontal,
            Channel::Y => !horizontal,
            _ => true,
        };
        if !fits {
            return Err(Error::Spec {
                path: join(&join(path, "axis"), "orient"),
                expected: if channel == Channel::X {
                    "\"top\" or \"bottom\" (an x axis stands above or below the plot)"
                } else {
                    "\"left\" or \"right\" (a y axis stands beside the plot)"
                }
                .into(),
                found: format!("{o:?}").to_lowercase(),
            });
        }
    }
    if let (Channel::Y, Some(Some(_))) = (channel, axis.as_ref().map(|a| a.label_align)) {
        return Err(Error::Spec {
            path: join(&join(path, "axis"), "labelAlign"),
            expected: "labelAlign on the x axis only (the y axis's labels stay right-aligned beside the plot)".into(),
            found: "one on y".into(),
        });
    }
    let legend = match r.get("legend") {
        None => Some(Legend::default()),
        Some(Json::Null) => None,
        Some(l) => {
            let legend = parse_legend(l, &join(path, "legend"), w)?;
            if !legend.values.is_empty() && channel != Channel::Size {
                return Err(Error::Spec {
                    path: join(&join(path, "legend"), "values"),
                    expected: "no values here: stdviz reads legend.values on a size legend only"
                        .into(),
                    found: "values".into(),
                });
            }
            Some(legend)
        }
    };
    let format = r.opt_str("format")?;
    let format_type = parse_format_type(&mut r, path)?;
    let impute = match r.get("impute") {
        None | Some(Json::Null) => None,
        Some(v) => {
            let ip = join(path, "impute");
            if !matches!(channel, Channel::X | Channel::Y) {
                return Err(spec_error(&ip, "impute on x or y only", v));
            }
            #[cfg(not(feature = "full"))]
            return Err(Error::NeedsFull {
                path: ip,
                what: "impute on a channel",
            });
            #[cfg(feature = "full")]
            Some(super::transform::parse_impute_params(v, &ip, w)?)
        }
    };
    r.finish(UNSUPPORTED_FIELD, w)?;
    // Number formats outside the supported d3-format subset are errors, not silent
    // fallbacks; time formats copy what they do not know.
    let number_format = |f: &Option<String>,
                         ft: Option<FormatType>,
                         at: String|
     -> Result<(), Error> {
        // A temporal field, or a field with a time unit (Vega-Lite formats those as times
        // whatever their type).
        let time = ft == Some(FormatType::Time)
            || ((ty == FieldType::Temporal || time_unit.is_some())
                && ft != Some(FormatType::Number));
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
        arg_field,
        band_position,
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
        tooltip_format: None,
        time_format: None,
        path: path.to_string(),
        impute,
    })
}

pub(super) fn parse_format_type(
    r: &mut ObjReader<'_>,
    path: &str,
) -> Result<Option<FormatType>, Error> {
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

pub(super) fn parse_sort(v: &Json, path: &str) -> Result<Sort, Error> {
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
                Some(o) => aggregate_op(o, &join(path, "op"))?,
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

/// `bin` (of a field definition or a bin transform at `path`): `true`, `false`/`null`
/// or a bin object. Already binned data (`"binned"`, `{"binned": true}`) is read as it
/// is: the field holds the bins' starts (and `x2`/`y2` their ends), so no binning.
pub(super) fn parse_bin(
    v: Option<&Json>,
    path: &str,
    w: &mut Warnings,
) -> Result<Option<Bin>, Error> {
    Ok(match v {
        None | Some(Json::Bool(false)) | Some(Json::Null) => None,
        Some(Json::Bool(true)) => Some(Bin::default()),
        Some(Json::String(s)) if s == "binned" => None,
        Some(b) if b.get("binned").and_then(Json::as_bool) == Some(true) => {
            let bp = join(path, "bin");
            let mut br = ObjReader::new(b, &bp, "true or a bin object")?;
            // The other parameters describe how the data was binned (the axis's ticks in
            // Vega); stdviz reads the bins as given.
            for key in [
                "binned", "step", "steps", "extent", "maxbins", "base", "divide", "nice",
                "minstep", "anchor",
            ] {
                br.get(key);
            }
            br.finish(&[], w)?;
            None
        }
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
            let mut extent_param = None;
            let extent = match br.get("extent") {
                None => None,
                Some(e) if e.get("param").is_some() => {
                    let ep = join(&bp, "extent");
                    extent_param = Some(super::params::param_index(e, &ep, w)?);
                    None
                }
                Some(e) => match e.as_array().map(Vec::as_slice) {
                    Some([a, b]) => match (a.as_f64(), b.as_f64()) {
                        (Some(a), Some(b)) if a < b && (b - a).is_finite() => Some((a, b)),
                        _ => {
                            return Err(spec_error(
                                &join(&bp, "extent"),
                                "[min, max] with min < max",
                                e,
                            ))
                        }
                    },
                    _ => {
                        return Err(spec_error(
                            &join(&bp, "extent"),
                            "[min, max], or {\"param\": …} (an interval selection)",
                            e,
                        ))
                    }
                },
            };
            let nice = br.opt_bool("nice")?.unwrap_or(true);
            let minstep = match br.opt_num("minstep")? {
                None => 0.0,
                Some(m) if m >= 0.0 && m.is_finite() => m,
                Some(m) => {
                    return Err(Error::Spec {
                        path: join(&bp, "minstep"),
                        expected: "a number ≥ 0".into(),
                        found: m.to_string(),
                    })
                }
            };
            let anchor = br.opt_num("anchor")?;
            br.finish(&["base", "divide", "steps", "binned"], w)?;
            Some(Bin {
                maxbins,
                step,
                extent,
                extent_param,
                nice,
                minstep,
                anchor,
            })
        }
    })
}

/// A field name with Vega-Lite's escapes removed: `a\\.b` names the field `a.b` (without
/// the backslash Vega-Lite would read nested data; stdviz's records are flat, so both name
/// the field `a.b`), likewise `\\[`, `\\]` and `\\\\`. A quoted bracket access, `a['b']` or
/// `a["b"]` (how an `argmax` transform's row is read), names the nested field `a.b` too.
pub(super) fn unescape_field(name: &str) -> String {
    if !name.contains(['\\', '[']) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
                continue;
            }
        }
        if let (true, Some(&quote @ ('\'' | '"'))) = (c == '[', chars.peek()) {
            let rest: String = chars.clone().skip(1).collect();
            if let Some(end) = rest.find(quote).filter(|&e| rest[e + 1..].starts_with(']')) {
                out.push('.');
                out.push_str(&rest[..end]);
                // The quote, the name, the closing quote and bracket.
                for _ in 0..rest[..end].chars().count() + 3 {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A position `value` (of `x`, `y`, `x2`, `y2`, in an encoding or on the mark): pixels from
/// the plot's top left, or `"width"` (x) / `"height"` (y), the plot's far edge.
pub(super) fn check_position_value(
    channel: Channel,
    value: &ConstValue,
    path: &str,
) -> Result<(), Error> {
    let edge = match channel {
        Channel::X | Channel::X2 => "width",
        Channel::Y | Channel::Y2 => "height",
        _ => return Ok(()),
    };
    match value {
        ConstValue::Number(n) if n.is_finite() => Ok(()),
        ConstValue::Text(t) if t == edge => Ok(()),
        ConstValue::Text(t) => Err(spec_error(
            path,
            format!("a number of pixels or \"{edge}\""),
            &Json::String(t.clone()),
        )),
        ConstValue::Number(n) => Err(spec_error(
            path,
            "a finite number of pixels",
            &Json::from(*n),
        )),
    }
}
