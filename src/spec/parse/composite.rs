//! Composite marks — `boxplot`, `errorbar`, `errorband` — expanded as Vega-Lite expands
//! them: into a layer of plain marks (rule, bar, tick, point, area, line, rect) over
//! aggregate, joinaggregate, calculate and filter transforms, which the one transform
//! engine computes (quartiles, median, mean, stdev, stderr, ci0/ci1 are its aggregate
//! ops). The expansion is written as Vega-Lite JSON and read by the ordinary view parser;
//! the user's own encoding is first read at its own paths, so its errors name them.

use super::*;

/// The two position channels of a composite mark: the continuous one (the values
/// summarised) and the other (the groups, if any).
struct Axes {
    /// `"x"` or `"y"`.
    value: &'static str,
    /// The other position channel.
    group: &'static str,
}

/// The composite mark's properties that belong to all of it.
struct Common<'a> {
    /// Its `color`, `opacity` and so on, given to the parts that draw the data's colour.
    shared: Map<String, Json>,
    /// `size` (box and tick width, px).
    size: Option<&'a Json>,
}

type Map<K, V> = serde_json::Map<K, V>;

/// Expands a unit view whose mark is composite (`kind`, from [`composite_kind`]) into the
/// equivalent view JSON: `{"transform": […], "layer": […]}`. `path` is the unit view's.
pub(super) fn expand(
    kind: &str,
    mark: &Json,
    encoding: Option<&Json>,
    path: &str,
    w: &mut Warnings,
) -> Result<Json, Error> {
    let mp = join(path, "mark");
    let ep = join(path, "encoding");
    let rewritten = super::error_channels::rewrite(kind, encoding, &ep)?;
    let (encoding, error_calcs) = match &rewritten {
        Some((enc, calcs)) => (Some(enc), calcs.clone()),
        None => (encoding, Vec::new()),
    };
    let empty = Map::new();
    let enc = match encoding {
        None => &empty,
        Some(Json::Object(o)) => o,
        Some(other) => return Err(spec_error(&ep, "an encoding object", other)),
    };
    let mut props = Map::new();
    if let Json::Object(o) = mark {
        props = o.clone();
        props.remove("type");
    }
    // The user's encoding read at its own paths (without the composite aggregate, which
    // the expansion replaces), so that its mistakes are named where they are.
    let mut plain = enc.clone();
    for ch in ["x", "y"] {
        if let Some(Json::Object(def)) = plain.get_mut(ch) {
            if def.get("aggregate").and_then(Json::as_str) == Some(kind) {
                def.remove("aggregate");
            }
        }
    }
    parse_encoding(&Json::Object(plain.clone()), &ep, w)?;

    let axes = value_axis(kind, &props, enc, &ep)?;

    let value_def = obj(enc.get(axes.value));
    let field = value_def
        .and_then(|d| d.get("field"))
        .and_then(Json::as_str)
        .ok_or_else(|| {
            missing(
                &join(&join(&ep, axes.value), "field"),
                "the field the composite mark summarises",
            )
        })?
        .to_string();
    let value2 = format!("{}2", axes.value);
    let precomputed = obj(enc.get(&value2))
        .and_then(|d| d.get("field"))
        .and_then(Json::as_str);
    if kind == "boxplot" && precomputed.is_some() {
        return Err(spec_error(
            &join(&ep, &value2),
            "no x2/y2 on a boxplot (it computes its own range)",
            &enc[&value2],
        ));
    }

    // Groups: the other position channel and the colour/detail/opacity fields.
    let mut groupby: Vec<String> = Vec::new();
    let mut transform: Vec<Json> = error_calcs;
    let mut passed = Map::new();
    for ch in [
        axes.group, "color", "detail", "opacity", "row", "column", "facet",
    ] {
        let Some(def) = plain.get(ch) else { continue };
        if matches!(ch, "row" | "column" | "facet") {
            return Err(spec_error(
                &join(&ep, ch),
                "no facet channel on a composite mark (facet the view around it)",
                def,
            ));
        }
        if let Some(d) = obj(Some(def)) {
            if d.contains_key("bin") {
                return Err(spec_error(
                    &join(&join(&ep, ch), "bin"),
                    "no bin on a composite mark's group channel",
                    &d["bin"],
                ));
            }
            if let Some(f) = d.get("field").and_then(Json::as_str) {
                if d.contains_key("aggregate") {
                    return Err(spec_error(
                        &join(&join(&ep, ch), "aggregate"),
                        "no aggregate on a composite mark's group channel",
                        &d["aggregate"],
                    ));
                }
                if let Some(unit) = d.get("timeUnit") {
                    transform.push(serde_json::json!({"timeUnit": unit, "field": f, "as": f}));
                }
                if !groupby.iter().any(|g| g == f) {
                    groupby.push(f.to_string());
                }
            }
        }
        passed.insert(ch.to_string(), def.clone());
    }
    for (ch, _) in enc.iter() {
        let known = [
            axes.value,
            axes.group,
            value2.as_str(),
            "color",
            "detail",
            "opacity",
        ];
        if !known.contains(&ch.as_str()) {
            w.push(Warning {
                path: join(&ep, ch),
                message: format!("not used by a {kind} mark (Vega-Lite drops it too)"),
            });
        }
    }
    let title = value_def
        .and_then(|d| d.get("title").cloned())
        .unwrap_or_else(|| Json::String(field.clone()));
    let value_enc = |name: &str| -> Json {
        let mut d = Map::new();
        d.insert("field".into(), Json::String(name.to_string()));
        d.insert("type".into(), Json::String("quantitative".into()));
        d.insert("title".into(), title.clone());
        if let Some(v) = value_def {
            for key in ["scale", "axis"] {
                if let Some(x) = v.get(key) {
                    d.insert(key.into(), x.clone());
                }
            }
        }
        Json::Object(d)
    };
    let props = Json::Object(props);
    let mut r = ObjReader::new(&props, &mp, "a mark definition")?;
    let common = Common {
        shared: ["color", "opacity", "fill", "stroke", "strokeWidth"]
            .into_iter()
            .filter_map(|k| r.get(k).map(|v| (k.to_string(), v.clone())))
            .collect(),
        size: r.get("size"),
    };
    r.get("orient");
    r.get("clip");
    let ctx = Ctx {
        axes: &axes,
        passed: &passed,
        value2: &value2,
        mp: &mp,
    };
    let layers = match kind {
        "boxplot" => boxplot(
            &mut r,
            &ctx,
            &common,
            &field,
            &groupby,
            &mut transform,
            &value_enc,
        )?,
        "errorbar" => errorbar(
            &mut r,
            &ctx,
            &common,
            &field,
            precomputed,
            &groupby,
            &mut transform,
            &value_enc,
            w,
        )?,
        _ => errorband(
            &mut r,
            &ctx,
            &common,
            &field,
            precomputed,
            &groupby,
            &mut transform,
            &value_enc,
            w,
        )?,
    };
    r.finish(&[], w)?;
    let mut view = Map::new();
    if !transform.is_empty() {
        view.insert("transform".into(), Json::Array(transform));
    }
    view.insert("layer".into(), Json::Array(layers));
    Ok(Json::Object(view))
}

/// What every part of an expansion reads.
struct Ctx<'a> {
    axes: &'a Axes,
    /// The group channels passed on to the parts, as the user wrote them.
    passed: &'a Map<String, Json>,
    /// `"x2"` or `"y2"`.
    value2: &'a str,
    /// The mark's path.
    mp: &'a str,
}

impl Ctx<'_> {
    /// One layer: `mark` (its type and properties) over `transform`, the value channel at
    /// `lo` (and `hi` on the second channel, if given), the group channels passed on
    /// (colour only when `coloured`).
    fn layer(
        &self,
        mark: Map<String, Json>,
        transform: Vec<Json>,
        lo: Json,
        hi: Option<&str>,
        coloured: bool,
    ) -> Json {
        let mut enc = Map::new();
        for (ch, def) in self.passed {
            if coloured || ch != "color" {
                enc.insert(ch.clone(), def.clone());
            }
        }
        enc.insert(self.axes.value.to_string(), lo);
        if let Some(hi) = hi {
            enc.insert(self.value2.to_string(), serde_json::json!({ "field": hi }));
        }
        let mut layer = Map::new();
        if !transform.is_empty() {
            layer.insert("transform".into(), Json::Array(transform));
        }
        layer.insert("mark".into(), Json::Object(mark));
        layer.insert("encoding".into(), Json::Object(enc));
        Json::Object(layer)
    }

    /// A mark of `kind` with `base` properties, then the sub-mark's own properties (`part`:
    /// `true`, or an object merged over them); `None` when the part is `false` (or absent
    /// and `on_by_default` is false).
    fn part(
        &self,
        r: &mut ObjReader<'_>,
        name: &str,
        kind: &str,
        base: Map<String, Json>,
        on_by_default: bool,
    ) -> Result<Option<Map<String, Json>>, Error> {
        let given = r.get(name);
        let on = match given {
            None => on_by_default,
            Some(Json::Bool(b)) => *b,
            Some(Json::Object(_)) => true,
            Some(other) => {
                return Err(spec_error(
                    &join(self.mp, name),
                    "true, false or a mark properties object",
                    other,
                ))
            }
        };
        if !on {
            return Ok(None);
        }
        let mut mark = base;
        mark.insert("type".into(), Json::String(kind.into()));
        if let Some(Json::Object(o)) = given {
            for (k, v) in o {
                mark.insert(k.clone(), v.clone());
            }
        }
        if self.axes.value == "x" && matches!(kind, "tick" | "bar" | "area") {
            mark.entry("orient")
                .or_insert(Json::String("horizontal".into()));
        }
        Ok(Some(mark))
    }
}

fn obj(v: Option<&Json>) -> Option<&Map<String, Json>> {
    v.and_then(Json::as_object)
}

/// Which position channel holds the values: `orient` when given, else the one with x2/y2,
/// else the one aggregated by the composite mark, else the quantitative one (y when both).
fn value_axis(
    kind: &str,
    props: &Map<String, Json>,
    enc: &Map<String, Json>,
    ep: &str,
) -> Result<Axes, Error> {
    let vertical = Axes {
        value: "y",
        group: "x",
    };
    let horizontal = Axes {
        value: "x",
        group: "y",
    };
    match props.get("orient").and_then(Json::as_str) {
        Some("vertical") => return Ok(vertical),
        Some("horizontal") => return Ok(horizontal),
        _ => {}
    }
    if enc.contains_key("x2") && !enc.contains_key("y2") {
        return Ok(horizontal);
    }
    if enc.contains_key("y2") {
        return Ok(vertical);
    }
    let def = |ch: &str| obj(enc.get(ch));
    let aggregated = |ch: &str| {
        def(ch)
            .and_then(|d| d.get("aggregate"))
            .and_then(Json::as_str)
            == Some(kind)
    };
    let quantitative = |ch: &str| {
        def(ch).and_then(|d| d.get("type")).and_then(Json::as_str) == Some("quantitative")
    };
    if aggregated("y") {
        return Ok(vertical);
    }
    if aggregated("x") {
        return Ok(horizontal);
    }
    match (quantitative("x"), quantitative("y")) {
        (_, true) => Ok(vertical),
        (true, false) => Ok(horizontal),
        _ => Err(missing(
            &join(ep, "y"),
            &format!("a quantitative x or y field for the {kind} to summarise"),
        )),
    }
}

/// `datum['f']`: the field in an expression.
pub(super) fn datum(field: &str, path: &str) -> Result<String, Error> {
    if !field.contains('\'') {
        Ok(format!("datum['{field}']"))
    } else if !field.contains('"') {
        Ok(format!("datum[\"{field}\"]"))
    } else {
        Err(spec_error(
            path,
            "a field name without both kinds of quote",
            &Json::String(field.into()),
        ))
    }
}

fn agg(op: &str, field: &str, name: &str) -> Json {
    serde_json::json!({"op": op, "field": field, "as": name})
}

/// `boxplot`: whiskers (rules), optional ticks at their ends, the box (a bar from q1 to
/// q3), the median (a white tick) and, with a numeric `extent` (default 1.5), outliers
/// beyond `extent` × IQR as points.
fn boxplot(
    r: &mut ObjReader<'_>,
    ctx: &Ctx<'_>,
    common: &Common<'_>,
    field: &str,
    groupby: &[String],
    transform: &mut Vec<Json>,
    value_enc: &dyn Fn(&str) -> Json,
) -> Result<Vec<Json>, Error> {
    let extent = match r.get("extent") {
        None => Some(1.5),
        Some(Json::String(s)) if s == "min-max" => None,
        Some(v) => match v.as_f64() {
            Some(k) if k.is_finite() && k >= 0.0 => Some(k),
            _ => {
                return Err(spec_error(
                    &join(ctx.mp, "extent"),
                    "\"min-max\" or a non-negative number",
                    v,
                ))
            }
        },
    };
    let names = |p: &str| format!("{p}_{field}");
    let (lower_box, upper_box, mid_box) =
        (names("lower_box"), names("upper_box"), names("mid_box"));
    let (lower_whisker, upper_whisker) = (names("lower_whisker"), names("upper_whisker"));
    let stats: Vec<Json>;
    let mut outliers_transform = Vec::new();
    match extent {
        None => {
            stats = vec![serde_json::json!({"aggregate": [
                agg("q1", field, &lower_box), agg("q3", field, &upper_box), agg("median", field, &mid_box),
                agg("min", field, &lower_whisker), agg("max", field, &upper_whisker)], "groupby": groupby})];
        }
        Some(k) => {
            let (q1, q3, mid) = ("__stdviz_q1", "__stdviz_q3", "__stdviz_median");
            transform.push(serde_json::json!({"joinaggregate": [
                agg("q1", field, q1), agg("q3", field, q3), agg("median", field, mid)], "groupby": groupby}));
            let v = datum(field, &join(ctx.mp, "type"))?;
            let (lo, hi) = (
                format!("datum.{q1} - {k} * (datum.{q3} - datum.{q1})"),
                format!("datum.{q3} + {k} * (datum.{q3} - datum.{q1})"),
            );
            stats = vec![
                serde_json::json!({"filter": format!("{v} >= {lo} && {v} <= {hi}")}),
                serde_json::json!({"aggregate": [
                    agg("min", field, &lower_whisker), agg("max", field, &upper_whisker),
                    agg("min", q1, &lower_box), agg("min", q3, &upper_box), agg("min", mid, &mid_box)],
                    "groupby": groupby}),
            ];
            outliers_transform
                .push(serde_json::json!({"filter": format!("{v} < {lo} || {v} > {hi}")}));
        }
    }
    let size = common.size.cloned().unwrap_or(Json::from(14));
    let mut layers = Vec::new();
    if let Some(m) = ctx.part(r, "rule", "rule", Map::new(), true)? {
        layers.push(ctx.layer(
            m.clone(),
            stats.clone(),
            value_enc(&lower_whisker),
            Some(&lower_box),
            false,
        ));
        layers.push(ctx.layer(
            m,
            stats.clone(),
            value_enc(&upper_box),
            Some(&upper_whisker),
            false,
        ));
    }
    let mut tick_base = Map::new();
    tick_base.insert("size".into(), size.clone());
    if let Some(m) = ctx.part(r, "ticks", "tick", tick_base.clone(), false)? {
        layers.push(ctx.layer(
            m.clone(),
            stats.clone(),
            value_enc(&lower_whisker),
            None,
            false,
        ));
        layers.push(ctx.layer(m, stats.clone(), value_enc(&upper_whisker), None, false));
    }
    let mut box_base = common.shared.clone();
    box_base.insert("size".into(), size.clone());
    if let Some(m) = ctx.part(r, "box", "bar", box_base, true)? {
        let mut layer = ctx.layer(
            m,
            stats.clone(),
            value_enc(&lower_box),
            Some(&upper_box),
            true,
        );
        // The box's tooltip reads every figure of the summary, as Vega-Lite's does.
        let whisker = if extent.is_some() {
            ["Upper Whisker", "Lower Whisker"]
        } else {
            ["Max", "Min"]
        };
        let mut tip: Vec<Json> = ctx
            .passed
            .values()
            .filter_map(|d| d.get("field").map(|f| serde_json::json!({ "field": f, "type": d.get("type").cloned().unwrap_or(Json::from("nominal")) })))
            .collect();
        for (name, title) in [
            (&upper_whisker, whisker[0]),
            (&upper_box, "Q3"),
            (&mid_box, "Median"),
            (&lower_box, "Q1"),
            (&lower_whisker, whisker[1]),
        ] {
            tip.push(serde_json::json!({ "field": name, "type": "quantitative", "title": format!("{title} of {field}") }));
        }
        if let Json::Object(l) = &mut layer {
            if let Some(Json::Object(e)) = l.get_mut("encoding") {
                e.insert("tooltip".into(), Json::Array(tip));
            }
        }
        layers.push(layer);
    }
    let mut median_base = tick_base;
    median_base.insert("color".into(), Json::String("white".into()));
    if let Some(m) = ctx.part(r, "median", "tick", median_base, true)? {
        layers.push(ctx.layer(m, stats, value_enc(&mid_box), None, false));
    }
    let outliers = ctx.part(
        r,
        "outliers",
        "point",
        common.shared.clone(),
        extent.is_some(),
    )?;
    if let (Some(m), Some(_)) = (outliers, extent) {
        layers.push(ctx.layer(m, outliers_transform, value_enc(field), None, true));
    }
    Ok(layers)
}

/// The lower and upper ends (field names) of an error bar or band, with the transforms
/// that compute them from `extent` (default `stderr`), or the pre-computed fields.
#[allow(clippy::too_many_arguments)]
fn error_range(
    r: &mut ObjReader<'_>,
    ctx: &Ctx<'_>,
    kind: &str,
    field: &str,
    precomputed: Option<&str>,
    groupby: &[String],
    transform: &mut Vec<Json>,
    w: &mut Warnings,
) -> Result<(String, String), Error> {
    let extent = r.get("extent");
    if let Some(hi) = precomputed {
        if extent.is_some() {
            w.push(Warning {
                path: join(ctx.mp, "extent"),
                message: format!(
                    "has no effect on a {kind} with pre-computed {}/{}",
                    ctx.axes.value, ctx.value2
                ),
            });
        }
        return Ok((field.to_string(), hi.to_string()));
    }
    let extent = match extent {
        None => "stderr",
        Some(v) => one_of(
            v,
            &join(ctx.mp, "extent"),
            &["stderr", "stdev", "ci", "iqr"],
        )?,
    };
    let (lower, upper) = (format!("lower_{field}"), format!("upper_{field}"));
    let aggregate = match extent {
        "ci" => vec![agg("ci0", field, &lower), agg("ci1", field, &upper)],
        "iqr" => vec![agg("q1", field, &lower), agg("q3", field, &upper)],
        spread => {
            let (center, spread_name) = ("__stdviz_center", "__stdviz_spread");
            transform.push(serde_json::json!({"aggregate": [agg("mean", field, center), agg(spread, field, spread_name)], "groupby": groupby}));
            transform.push(serde_json::json!({"calculate": format!("datum.{center} - datum.{spread_name}"), "as": lower}));
            transform.push(serde_json::json!({"calculate": format!("datum.{center} + datum.{spread_name}"), "as": upper}));
            return Ok((lower, upper));
        }
    };
    transform.push(serde_json::json!({"aggregate": aggregate, "groupby": groupby}));
    Ok((lower, upper))
}

/// `errorbar`: a rule from the lower to the upper end, ticks at both ends with `ticks`.
#[allow(clippy::too_many_arguments)]
fn errorbar(
    r: &mut ObjReader<'_>,
    ctx: &Ctx<'_>,
    common: &Common<'_>,
    field: &str,
    precomputed: Option<&str>,
    groupby: &[String],
    transform: &mut Vec<Json>,
    value_enc: &dyn Fn(&str) -> Json,
    w: &mut Warnings,
) -> Result<Vec<Json>, Error> {
    let (lower, upper) = error_range(
        r,
        ctx,
        "errorbar",
        field,
        precomputed,
        groupby,
        transform,
        w,
    )?;
    let mut rule = common.shared.clone();
    if let Some(t) = r.get("thickness") {
        rule.insert("strokeWidth".into(), t.clone());
    }
    let mut layers = Vec::new();
    if let Some(m) = ctx.part(r, "rule", "rule", rule.clone(), true)? {
        layers.push(ctx.layer(m, Vec::new(), value_enc(&lower), Some(&upper), true));
    }
    let mut tick = rule;
    if let Some(s) = common.size {
        tick.insert("size".into(), s.clone());
    }
    if let Some(m) = ctx.part(r, "ticks", "tick", tick, false)? {
        layers.push(ctx.layer(m.clone(), Vec::new(), value_enc(&lower), None, true));
        layers.push(ctx.layer(m, Vec::new(), value_enc(&upper), None, true));
    }
    Ok(layers)
}

/// `errorband`: an area (a rect without a group channel) from the lower to the upper end,
/// at opacity 0.3, with lines along both borders when `borders` is set.
#[allow(clippy::too_many_arguments)]
fn errorband(
    r: &mut ObjReader<'_>,
    ctx: &Ctx<'_>,
    common: &Common<'_>,
    field: &str,
    precomputed: Option<&str>,
    groupby: &[String],
    transform: &mut Vec<Json>,
    value_enc: &dyn Fn(&str) -> Json,
    w: &mut Warnings,
) -> Result<Vec<Json>, Error> {
    let (lower, upper) = error_range(
        r,
        ctx,
        "errorband",
        field,
        precomputed,
        groupby,
        transform,
        w,
    )?;
    let mut band = common.shared.clone();
    band.entry("opacity").or_insert(Json::from(0.3));
    let mut line = common.shared.clone();
    for key in ["interpolate", "tension"] {
        if let Some(v) = r.get(key) {
            band.insert(key.into(), v.clone());
            line.insert(key.into(), v.clone());
        }
    }
    let one_d = !ctx.passed.contains_key(ctx.axes.group);
    let mut layers = Vec::new();
    if one_d {
        band.remove("interpolate");
        band.remove("tension");
    }
    if let Some(m) = ctx.part(r, "band", if one_d { "rect" } else { "area" }, band, true)? {
        layers.push(ctx.layer(m, Vec::new(), value_enc(&lower), Some(&upper), true));
    }
    if let Some(m) = ctx.part(
        r,
        "borders",
        if one_d { "rule" } else { "line" },
        line,
        false,
    )? {
        layers.push(ctx.layer(m.clone(), Vec::new(), value_enc(&lower), None, true));
        layers.push(ctx.layer(m, Vec::new(), value_enc(&upper), None, true));
    }
    Ok(layers)
}
