//! `params` of every view (value parameters and selections, `spec::params`), read before
//! the rest of the spec: value parameters become variables of every expression parsed
//! afterwards, and `{"expr": "…"}` objects that fold to a constant are replaced by it.

use super::*;
use crate::spec::params::{Param, ParamKind, ParamValue};

thread_local! {
    /// The names of the params of the spec being parsed (for `{"param": …}` predicates).
    static NAMES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with `names` as the params a `{"param": …}` may name.
pub(super) fn with_names<T>(names: Vec<String>, f: impl FnOnce() -> T) -> T {
    let before = NAMES.with(|s| std::mem::replace(&mut *s.borrow_mut(), names));
    let out = f();
    NAMES.with(|s| *s.borrow_mut() = before);
    out
}

/// `{"param": name, "empty": …}` (a predicate, or a condition's test) as
/// [`Predicate::Param`]; the name must be one of the spec's params.
pub(super) fn param_predicate(
    name: &Json,
    empty: Option<&Json>,
    path: &str,
) -> Result<Predicate, Error> {
    let np = join(path, "param");
    let Json::String(n) = name else {
        return Err(spec_error(&np, "a param name", name));
    };
    if !NAMES.with(|s| s.borrow().iter().any(|x| x == n)) {
        return Err(spec_error(
            &np,
            "the name of one of the spec's params",
            name,
        ));
    }
    let empty = match empty {
        None => true,
        Some(Json::Bool(b)) => *b,
        Some(other) => return Err(spec_error(&join(path, "empty"), "true or false", other)),
    };
    Ok(Predicate::Param {
        name: n.clone(),
        empty,
    })
}

/// `scale.domain: {"param": name, "encoding": …, "field": …}` (at `path`): the extent
/// of an interval selection; the name must be one of the spec's params.
pub(super) fn domain_param(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<crate::spec::DomainParam, Error> {
    let mut r = ObjReader::new(v, path, "{\"param\": …}")?;
    let name = r.get("param").unwrap_or(&Json::Null);
    let Predicate::Param { name, .. } = param_predicate(name, None, path)? else {
        return Err(spec_error(path, "{\"param\": …}", v));
    };
    let encoding = match r.get("encoding") {
        None => None,
        Some(e) => Some(
            e.as_str()
                .and_then(|n| Channel::ALL.into_iter().find(|c| c.name() == n))
                .ok_or_else(|| spec_error(&join(path, "encoding"), "an encoding channel", e))?,
        ),
    };
    let field = r.opt_str("field")?;
    r.finish(&[], w)?;
    Ok(crate::spec::DomainParam {
        name,
        encoding,
        field,
    })
}

/// `{"param": name}` (at `path`) where a value takes an interval selection's extent
/// (`bin.extent`): the index of that param in the spec's `params`.
pub(super) fn param_index(v: &Json, path: &str, w: &mut Warnings) -> Result<usize, Error> {
    let d = domain_param(v, path, w)?;
    // `domain_param` checked the name against the spec's params, in their order.
    NAMES
        .with(|s| s.borrow().iter().position(|x| *x == d.name))
        .ok_or_else(|| {
            spec_error(
                &join(path, "param"),
                "the name of one of the spec's params",
                v,
            )
        })
}

/// The view keys under which nested views sit.
const NESTED: &[&str] = &["layer", "hconcat", "vconcat", "concat"];

/// Reads the `params` of the spec's views (the top level, `layer`, `hconcat`, `vconcat`,
/// `concat` and a facet's `spec`, nested), in spec order. `overrides` replace value
/// parameters' values (an input element changed). Each value parameter is pushed into
/// the expression scope as it is read, so later params' `expr` may use earlier ones.
pub(super) fn collect_params(
    json: &Json,
    overrides: &[(String, ParamValue)],
    w: &mut Warnings,
) -> Result<Vec<Param>, Error> {
    let mut out = Vec::new();
    collect(json, "", None, overrides, &mut out, w)?;
    // A selection defined in several views of a concatenation is one selection (its
    // value shared, as Vega-Lite's default `resolve: global` has it): the first
    // definition stands, and the others add their views (where a repeated view's
    // channels may show other fields). A value parameter may be defined once.
    let mut kept: Vec<Param> = Vec::new();
    for p in out {
        let same = kept.iter().position(|q| q.name == p.name);
        match (same.and_then(|i| kept.get_mut(i)), &p.kind) {
            (
                Some(Param {
                    kind: ParamKind::Select(first),
                    ..
                }),
                ParamKind::Select(again),
            ) => first.views.extend(again.views.iter().cloned()),
            _ => kept.push(p),
        }
    }
    let out = kept;
    for (i, p) in out.iter().enumerate() {
        if out[..i].iter().any(|q| q.name == p.name) {
            return Err(spec_error(
                &join(&p.path, "name"),
                "a name no other param has",
                &Json::String(p.name.clone()),
            ));
        }
    }
    Ok(out)
}

#[cfg_attr(
    not(feature = "full"),
    allow(unused_variables, clippy::only_used_in_recursion)
)]
fn collect(
    view: &Json,
    path: &str,
    parent_encoding: Option<&Json>,
    overrides: &[(String, ParamValue)],
    out: &mut Vec<Param>,
    w: &mut Warnings,
) -> Result<(), Error> {
    let Json::Object(obj) = view else {
        return Ok(());
    };
    let encoding = obj.get("encoding");
    if let Some(params) = obj.get("params") {
        let pp = join(path, "params");
        // Reading params (and with them selections, input bindings and `{"expr": …}`
        // values) is the full build's.
        #[cfg(not(feature = "full"))]
        return Err(Error::NeedsFull {
            path: pp,
            what: "params (selections and value parameters)",
        });
        #[cfg(feature = "full")]
        reading::read_params(
            params,
            &pp,
            path,
            [encoding, parent_encoding],
            overrides,
            out,
            w,
        )?;
    }
    for key in NESTED {
        if let Some(Json::Array(views)) = obj.get(*key) {
            for (i, v) in views.iter().enumerate() {
                let inherit = encoding.or(parent_encoding);
                collect(
                    v,
                    &format!("{}[{i}]", join(path, key)),
                    inherit,
                    overrides,
                    out,
                    w,
                )?;
            }
        }
    }
    if let Some(spec) = obj.get("spec") {
        collect(spec, &join(path, "spec"), None, overrides, out, w)?;
    }
    Ok(())
}
/// The params themselves (full build only: the lite build answers NeedsFull at the first
/// `params`).
#[cfg(feature = "full")]
mod reading {
    use super::*;
    use crate::spec::expr::{fold_constant, parse_expr};
    use crate::spec::params::{
        Clear, Extent, Gesture, InputBinding, InputKind, Resolve, Selection, SelectionBind,
        SelectionKind, SelectionValue, SelectionView,
    };

    /// Reads one view's `params` array (at `pp`; the view at `path`) into `out`, each
    /// value parameter pushed into the expression scope as it is read.
    pub(super) fn read_params(
        params: &Json,
        pp: &str,
        path: &str,
        encodings: [Option<&Json>; 2],
        overrides: &[(String, ParamValue)],
        out: &mut Vec<Param>,
        w: &mut Warnings,
    ) -> Result<(), Error> {
        let Json::Array(items) = params else {
            return Err(spec_error(pp, "an array of params", params));
        };
        for (i, p) in items.iter().enumerate() {
            let param = parse_param(p, &format!("{pp}[{i}]"), path, encodings, overrides, w)?;
            if let ParamKind::Value { value, .. } = &param.kind {
                crate::spec::expr::scope_push(&param.name, value_expr(value));
            }
            out.push(param);
        }
        Ok(())
    }

    /// A parameter value as an expression literal.
    pub(super) fn value_expr(v: &ParamValue) -> Expr {
        match v {
            ParamValue::Null => Expr::Null,
            ParamValue::Bool(b) => Expr::Bool(*b),
            ParamValue::Number(n) => Expr::Number(*n),
            ParamValue::Text(t) => Expr::Text(t.clone()),
        }
    }

    fn param_value(v: &Json, path: &str) -> Result<ParamValue, Error> {
        Ok(match v {
            Json::Null => ParamValue::Null,
            Json::Bool(b) => ParamValue::Bool(*b),
            Json::String(s) => ParamValue::Text(s.clone()),
            Json::Number(n) => ParamValue::Number(
                n.as_f64()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| spec_error(path, "a finite number", v))?,
            ),
            other => {
                return Err(spec_error(
                    path,
                    "a number, a string, true, false or null",
                    other,
                ))
            }
        })
    }

    pub(super) fn parse_param(
        v: &Json,
        path: &str,
        view_path: &str,
        encodings: [Option<&Json>; 2],
        overrides: &[(String, ParamValue)],
        w: &mut Warnings,
    ) -> Result<Param, Error> {
        let mut r = ObjReader::new(v, path, "a param object with \"name\"")?;
        let name = r
            .opt_str("name")?
            .ok_or_else(|| missing(&join(path, "name"), "the param's name"))?;
        // `react: false` only stops an `expr` from following later changes; stdviz
        // evaluates it once per parse either way.
        r.get("react");
        let kind = match r.get("select") {
            Some(sel) => {
                let selection = parse_selection(&mut r, sel, path, view_path, encodings, w)?;
                if r.has("expr") {
                    return Err(spec_error(
                        &join(path, "expr"),
                        "no \"expr\" on a selection",
                        r.peek("expr").unwrap_or(&Json::Null),
                    ));
                }
                ParamKind::Select(selection)
            }
            None => {
                let mut value = match (r.get("value"), r.get("expr")) {
                    (_, Some(Json::String(text))) => {
                        let ep = join(path, "expr");
                        let e = parse_expr(text, &ep)?;
                        match fold_constant(&e) {
                        Some(Expr::Number(n)) => ParamValue::Number(n),
                        Some(Expr::Text(t)) => ParamValue::Text(t),
                        Some(Expr::Bool(b)) => ParamValue::Bool(b),
                        Some(_) => ParamValue::Null,
                        None => {
                            return Err(spec_error(
                                &ep,
                                "an expression of constants and other params (no datum, no function calls)",
                                &Json::String(text.clone()),
                            ))
                        }
                    }
                    }
                    (_, Some(other)) => {
                        return Err(spec_error(
                            &join(path, "expr"),
                            "an expression string",
                            other,
                        ))
                    }
                    (Some(v), None) => param_value(v, &join(path, "value"))?,
                    (None, None) => ParamValue::Null,
                };
                if let Some((_, v)) = overrides.iter().find(|(n, _)| *n == name) {
                    value = v.clone();
                }
                let bind = match r.get("bind") {
                    None => None,
                    Some(b) => Some(parse_input(b, &join(path, "bind"), w)?),
                };
                ParamKind::Value { value, bind }
            }
        };
        r.finish(&["views"], w)?;
        Ok(Param {
            name,
            path: path.to_string(),
            kind,
        })
    }

    /// `bind: {"input": …}` of a value parameter or a point selection's field.
    fn parse_input(v: &Json, path: &str, w: &mut Warnings) -> Result<InputBinding, Error> {
        let mut r = ObjReader::new(v, path, "an input binding ({\"input\": \"range\", …})")?;
        let input = r.opt_str("input")?.ok_or_else(|| {
            missing(
                &join(path, "input"),
                "an input type (range, select, radio, checkbox, text…)",
            )
        })?;
        let label = r.opt_str("name")?;
        let placeholder = r.opt_str("placeholder")?;
        // Timing and placement of the element: no effect on what it sets.
        r.get("debounce");
        let options = |r: &mut ObjReader<'_>| -> Result<(Vec<ParamValue>, Vec<String>), Error> {
            let op = join(path, "options");
            let options = match r.get("options") {
                Some(Json::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| param_value(it, &format!("{op}[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?,
                Some(other) => return Err(spec_error(&op, "an array of values", other)),
                None => return Err(missing(&op, "the values to choose from")),
            };
            let lp = join(path, "labels");
            let labels = match r.get("labels") {
                Some(Json::Array(items)) if items.len() == options.len() => items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| match it {
                        Json::String(s) => Ok(s.clone()),
                        other => Err(spec_error(&format!("{lp}[{i}]"), "a label text", other)),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                Some(other) => return Err(spec_error(&lp, "one label text per option", other)),
                None => Vec::new(),
            };
            Ok((options, labels))
        };
        let kind = match input.as_str() {
            "range" => InputKind::Range {
                min: r.opt_num("min")?,
                max: r.opt_num("max")?,
                step: r.opt_num("step")?,
            },
            "select" => {
                let (options, labels) = options(&mut r)?;
                InputKind::Select { options, labels }
            }
            "radio" => {
                let (options, labels) = options(&mut r)?;
                InputKind::Radio { options, labels }
            }
            "checkbox" => InputKind::Checkbox,
            "text" | "search" | "number" | "color" | "date" | "datetime-local" | "month"
            | "week" | "time" | "tel" | "url" | "email" => InputKind::Text(input.clone()),
            _ => {
                return Err(spec_error(
                    &join(path, "input"),
                    "range, select, radio, checkbox or an HTML text input type",
                    &Json::String(input),
                ))
            }
        };
        r.finish(&["element"], w)?;
        Ok(InputBinding {
            input: kind,
            label,
            placeholder,
        })
    }

    /// The field a channel of the view's encoding (else its parent's) shows.
    fn channel_field(encodings: [Option<&Json>; 2], channel: &str) -> Option<String> {
        encodings.iter().flatten().find_map(|e| {
            e.get(channel)
                .and_then(|d| d.get("field"))
                .and_then(Json::as_str)
                .map(str::to_string)
        })
    }

    /// The fields of every plain field channel of the view (the identity of a mark for a
    /// point selection with neither `fields` nor `encodings`; Vega uses a hidden row id).
    fn all_fields(encodings: [Option<&Json>; 2]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in encodings.iter().flatten() {
            if let Json::Object(o) = e {
                for ch in Channel::ALL {
                    let def = o.get(ch.name());
                    // Derived values (aggregates, bins, time units) are not a row's own.
                    let derived = def.is_some_and(|d| {
                        ["aggregate", "bin", "timeUnit"].iter().any(|k| {
                            d.get(k)
                                .is_some_and(|v| !v.is_null() && *v != Json::Bool(false))
                        })
                    });
                    if derived {
                        continue;
                    }
                    if let Some(f) = def.and_then(|d| d.get("field")).and_then(Json::as_str) {
                        if !out.iter().any(|x| x == f) {
                            out.push(f.to_string());
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether the view's `channel` (else its parent's) is a band: a `nominal` or
    /// `ordinal` field (an interval over it holds values, not a range).
    fn discrete(encodings: [Option<&Json>; 2], channel: &str) -> bool {
        encodings
            .iter()
            .flatten()
            .find_map(|e| e.get(channel))
            .and_then(|d| d.get("type"))
            .and_then(Json::as_str)
            .is_some_and(|t| matches!(t, "nominal" | "ordinal"))
    }

    /// The time unit a channel of the view (else its parent) shows its field through.
    fn channel_time_unit(encodings: [Option<&Json>; 2], channel: Channel) -> Option<TimeUnit> {
        let def = encodings
            .iter()
            .flatten()
            .find_map(|e| e.get(channel.name()))?;
        // A unit the encoding's own reader refuses is reported there.
        parse_time_unit(def.get("timeUnit"), "").ok().flatten()
    }

    /// Vega's event streams as stdviz's gestures (docs/SPEC.md, "Selections").
    fn gesture(on: &str, kind: SelectionKind) -> Option<Gesture> {
        let on = on.trim();
        if on == "timer" {
            return Some(Gesture::Never);
        }
        if on.contains('>') && on.contains("down") {
            return Some(Gesture::Drag);
        }
        let event = on.split(['[', ':', '!', '{']).find(|s| !s.is_empty())?;
        let event = event.trim_start_matches("window").trim();
        Some(match event {
            "click" | "dblclick" | "pointerdown" | "mousedown" | "pointerup" | "mouseup"
            | "touchstart" | "touchend" => match kind {
                SelectionKind::Point => Gesture::Click,
                SelectionKind::Interval => Gesture::Drag,
            },
            "pointerover" | "mouseover" | "pointermove" | "mousemove" | "touchmove" => {
                Gesture::Hover
            }
            _ => return None,
        })
    }

    fn parse_selection(
        r: &mut ObjReader<'_>,
        sel: &Json,
        path: &str,
        view_path: &str,
        encodings: [Option<&Json>; 2],
        w: &mut Warnings,
    ) -> Result<Selection, Error> {
        let sp = join(path, "select");
        let kind_of = |t: &Json, p: &str| -> Result<SelectionKind, Error> {
            Ok(match one_of(t, p, &["point", "interval"])? {
                "point" => SelectionKind::Point,
                _ => SelectionKind::Interval,
            })
        };
        let mut selection = Selection {
            kind: SelectionKind::Point,
            fields: Vec::new(),
            encodings: Vec::new(),
            channel_fields: Vec::new(),
            on: Gesture::Click,
            clear: Clear::DoubleClick,
            nearest: false,
            toggle: true,
            initial: SelectionValue::Empty,
            bind: SelectionBind::None,
            resolve: Resolve::Global,
            translate: true,
            zoom: true,
            view_path: view_path.to_string(),
            views: Vec::new(),
            time_units: Vec::new(),
        };
        let mut on_given = false;
        match sel {
            Json::String(_) => selection.kind = kind_of(sel, &sp)?,
            Json::Object(_) => {
                let mut s = ObjReader::new(sel, &sp, "a selection object with \"type\"")?;
                let t = s
                    .get("type")
                    .ok_or_else(|| missing(&join(&sp, "type"), "\"point\" or \"interval\""))?;
                selection.kind = kind_of(t, &join(&sp, "type"))?;
                if let Some(f) = s.get("fields") {
                    let fp = join(&sp, "fields");
                    let items = f
                        .as_array()
                        .ok_or_else(|| spec_error(&fp, "an array of field names", f))?;
                    for (i, it) in items.iter().enumerate() {
                        let name = it
                            .as_str()
                            .ok_or_else(|| spec_error(&format!("{fp}[{i}]"), "a field name", it))?;
                        selection.fields.push(name.to_string());
                    }
                }
                if let Some(e) = s.get("encodings") {
                    let ep = join(&sp, "encodings");
                    let items = e
                        .as_array()
                        .ok_or_else(|| spec_error(&ep, "an array of channel names", e))?;
                    for (i, it) in items.iter().enumerate() {
                        let ip = format!("{ep}[{i}]");
                        let ch = it
                            .as_str()
                            .and_then(|n| Channel::ALL.into_iter().find(|c| c.name() == n))
                            .ok_or_else(|| {
                                spec_error(&ip, "an encoding channel (x, y, color…)", it)
                            })?;
                        selection.encodings.push(ch);
                        if let Some(f) = channel_field(encodings, ch.name()) {
                            selection.channel_fields.push((ch, f));
                        }
                        match channel_field(encodings, ch.name()) {
                            Some(f) if !selection.fields.contains(&f) => selection.fields.push(f),
                            Some(_) => {}
                            // A channel without a field name (an aggregate count, a
                            // repeated field): its marks' own values are read when the
                            // reader selects.
                            None if encodings
                                .iter()
                                .flatten()
                                .any(|e| e.get(ch.name()).is_some()) => {}
                            None => {
                                return Err(spec_error(
                                    &ip,
                                    "a channel of this view's encoding",
                                    it,
                                ))
                            }
                        }
                    }
                }
                if let Some(on) = s.get("on") {
                    on_given = true;
                    let op = join(&sp, "on");
                    let text = on.as_str().ok_or_else(|| {
                        spec_error(&op, "an event stream text (click, pointerover…)", on)
                    })?;
                    selection.on = gesture(text, selection.kind).ok_or_else(|| {
                    spec_error(
                        &op,
                        "click, dblclick, pointerover/mouseover, pointermove, a drag stream ([pointerdown, pointerup] > pointermove) or timer",
                        on,
                    )
                })?;
                }
                if let Some(c) = s.get("clear") {
                    let cp = join(&sp, "clear");
                    selection.clear = match c {
                        Json::Bool(false) => Clear::Never,
                        Json::String(t) => match t.split('[').next().unwrap_or("").trim() {
                            "dblclick" | "click" => Clear::DoubleClick,
                            "pointerout" | "mouseout" | "pointerleave" | "mouseleave" => {
                                Clear::PointerOut
                            }
                            "pointerup" | "mouseup" => Clear::PointerUp,
                            _ => {
                                return Err(spec_error(
                                    &cp,
                                    "false, dblclick, pointerout/mouseout or pointerup",
                                    c,
                                ))
                            }
                        },
                        other => {
                            return Err(spec_error(&cp, "false or an event stream text", other))
                        }
                    };
                }
                if let Some(n) = s.opt_bool("nearest")? {
                    selection.nearest = n;
                }
                // `toggle`: true, false, or an expression naming the modifier keys; stdviz
                // toggles with shift (and Ctrl/Cmd), whatever keys the expression names.
                if let Some(t) = s.get("toggle") {
                    selection.toggle = match t {
                        Json::Bool(b) => *b,
                        Json::String(_) => true,
                        other => {
                            return Err(spec_error(
                                &join(&sp, "toggle"),
                                "true, false or an event expression",
                                other,
                            ))
                        }
                    };
                }
                if let Some(res) = s.get("resolve") {
                    selection.resolve = match one_of(
                        res,
                        &join(&sp, "resolve"),
                        &["global", "union", "intersect"],
                    )? {
                        "union" => Resolve::Union,
                        "intersect" => Resolve::Intersect,
                        _ => Resolve::Global,
                    };
                }
                for key in ["translate", "zoom"] {
                    if let Some(v) = s.get(key) {
                        // A stream of the gesture stdviz has for it (a drag; the
                        // wheel) turns it on, its filters ignored as `on`'s are.
                        let on = match v {
                            Json::Bool(b) => *b,
                            Json::String(stream)
                                if (key == "translate"
                                    && gesture(stream, SelectionKind::Interval)
                                        == Some(Gesture::Drag))
                                    || (key == "zoom"
                                        && stream.trim_start().starts_with("wheel")) =>
                            {
                                true
                            }
                            other => {
                                return Err(spec_error(
                                    &join(&sp, key),
                                    if key == "translate" {
                                        "true, false or a drag event stream"
                                    } else {
                                        "true, false or a wheel event stream"
                                    },
                                    other,
                                ))
                            }
                        };
                        if key == "translate" {
                            selection.translate = on;
                        } else {
                            selection.zoom = on;
                        }
                    }
                }
                // The brush's look (`mark`: fill, stroke, opacity) is stdviz's own.
                if s.get("mark").is_some() {
                    w.push(Warning {
                        path: join(&sp, "mark"),
                        message: "the brush is drawn in stdviz's own style; \"mark\" is ignored"
                            .into(),
                    });
                }
                s.finish(&[], w)?;
            }
            other => {
                return Err(spec_error(
                    &sp,
                    "\"point\", \"interval\" or a selection object",
                    other,
                ))
            }
        }
        if selection.kind == SelectionKind::Interval && !on_given {
            selection.on = Gesture::Drag;
        }
        if selection.fields.is_empty() {
            selection.fields = match selection.kind {
                SelectionKind::Point => all_fields(encodings),
                SelectionKind::Interval => ["x", "y"]
                    .iter()
                    .filter_map(|c| channel_field(encodings, c))
                    .collect(),
            };
            if selection.kind == SelectionKind::Interval {
                // Vega-Lite projects over x and y (band axes too).
                selection.encodings = [Channel::X, Channel::Y]
                    .into_iter()
                    .filter(|c| channel_field(encodings, c.name()).is_some())
                    .collect();
                selection.channel_fields = selection
                    .encodings
                    .iter()
                    .filter_map(|c| Some((*c, channel_field(encodings, c.name())?)))
                    .collect();
                selection.fields = selection
                    .channel_fields
                    .iter()
                    .map(|(_, f)| f.clone())
                    .collect();
            }
        }
        if let Some(b) = r.get("bind") {
            selection.bind = parse_selection_bind(b, &join(path, "bind"), &selection, w)?;
        }
        if let Some(v) = r.get("value") {
            selection.initial = parse_initial(v, &join(path, "value"), &selection, encodings)?;
        }
        if selection.kind == SelectionKind::Interval {
            selection.time_units = selection
                .channel_fields
                .iter()
                .filter_map(|(c, f)| Some((f.clone(), channel_time_unit(encodings, *c)?)))
                .collect();
        }
        selection.views = vec![SelectionView {
            path: view_path.to_string(),
            channel_fields: selection.channel_fields.clone(),
        }];
        Ok(selection)
    }

    fn parse_selection_bind(
        b: &Json,
        path: &str,
        selection: &Selection,
        w: &mut Warnings,
    ) -> Result<SelectionBind, Error> {
        Ok(match (b, selection.kind) {
            (Json::String(s), SelectionKind::Interval) if s == "scales" => SelectionBind::Scales,
            (Json::String(s), SelectionKind::Point) if s == "legend" => SelectionBind::Legend,
            (Json::Object(o), SelectionKind::Point) if o.contains_key("legend") => {
                SelectionBind::Legend
            }
            (Json::Object(o), SelectionKind::Point) if o.contains_key("input") => {
                let input = parse_input(b, path, w)?;
                SelectionBind::Inputs(
                    selection
                        .fields
                        .iter()
                        .map(|f| (f.clone(), input.clone()))
                        .collect(),
                )
            }
            (Json::Object(o), SelectionKind::Point) => {
                let mut inputs = Vec::new();
                for (field, def) in o {
                    if !selection.fields.contains(field) {
                        return Err(spec_error(
                            &join(path, field),
                            "a field of the selection's \"fields\"",
                            def,
                        ));
                    }
                    inputs.push((field.clone(), parse_input(def, &join(path, field), w)?));
                }
                SelectionBind::Inputs(inputs)
            }
            (other, SelectionKind::Interval) => {
                return Err(spec_error(
                    path,
                    "\"scales\" (an interval selection's binding)",
                    other,
                ))
            }
            (other, SelectionKind::Point) => {
                return Err(spec_error(
                    path,
                    "\"legend\" or an input binding ({\"input\": …})",
                    other,
                ))
            }
        })
    }

    /// A selection's initial `value`: point — an object of field values, or an array of
    /// them; interval — an object of `[min, max]` by channel (or field), an array of
    /// the values for a band channel.
    fn parse_initial(
        v: &Json,
        path: &str,
        selection: &Selection,
        encodings: [Option<&Json>; 2],
    ) -> Result<SelectionValue, Error> {
        match selection.kind {
            SelectionKind::Point => {
                let items: Vec<&Json> = match v {
                    Json::Array(a) => a.iter().collect(),
                    one => vec![one],
                };
                let mut tuples = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    let ip = if matches!(v, Json::Array(_)) {
                        format!("{path}[{i}]")
                    } else {
                        path.to_string()
                    };
                    let Json::Object(o) = it else {
                        return Err(spec_error(&ip, "an object of field values", it));
                    };
                    let mut tuple = Vec::new();
                    for field in &selection.fields {
                        let Some(x) = o.get(field) else {
                            return Err(missing(
                                &join(&ip, field),
                                "a value of the selection's field",
                            ));
                        };
                        tuple.push(parse_const(x, &join(&ip, field))?);
                    }
                    tuples.push(tuple);
                }
                Ok(SelectionValue::Points(tuples))
            }
            SelectionKind::Interval => {
                let Json::Object(o) = v else {
                    return Err(spec_error(path, "an object of [min, max] by channel", v));
                };
                let mut ranges = Vec::new();
                for (key, range) in o {
                    let rp = join(path, key);
                    let field = channel_field(encodings, key).unwrap_or_else(|| key.clone());
                    if discrete(encodings, key) {
                        // Over a band axis: the values selected (Vega-Lite's array).
                        let items = range.as_array().ok_or_else(|| {
                            spec_error(&rp, "an array of the axis's values", range)
                        })?;
                        let values = items
                            .iter()
                            .enumerate()
                            .map(|(i, v)| parse_const(v, &format!("{rp}[{i}]")))
                            .collect::<Result<Vec<_>, _>>()?;
                        ranges.push((field, Extent::Values(values)));
                        continue;
                    }
                    let ends = range
                        .as_array()
                        .filter(|a| a.len() == 2)
                        .and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)))
                        .ok_or_else(|| spec_error(&rp, "[min, max] as numbers", range))?;
                    ranges.push((field, Extent::Range(ends.0, ends.1)));
                }
                Ok(SelectionValue::Interval(ranges))
            }
        }
    }

    /// Replaces every `{"expr": "…"}` object (outside `params`) whose expression folds to a
    /// constant with that constant, so that a mark property or a value set by a parameter
    /// reads as the value it has now. Others stay, and the property's own reader refuses
    /// them at their path.
    pub(in crate::spec::parse) fn fold_expr_objects(v: &mut Json, path: &str) {
        match v {
            Json::Object(o) => {
                if o.len() == 1 {
                    if let Some(Json::String(text)) = o.get("expr") {
                        let ep = join(path, "expr");
                        let folded = parse_expr(text, &ep).ok().and_then(|e| fold_constant(&e));
                        if let Some(c) = folded {
                            *v = match c {
                                Expr::Number(n) => serde_json::json!(n),
                                Expr::Text(t) => Json::String(t),
                                Expr::Bool(b) => Json::Bool(b),
                                _ => Json::Null,
                            };
                        }
                        return;
                    }
                }
                for (k, x) in o.iter_mut() {
                    if !matches!(k.as_str(), "params" | "data" | "datasets") {
                        fold_expr_objects(x, &join(path, k));
                    }
                }
            }
            Json::Array(items) => {
                for (i, x) in items.iter_mut().enumerate() {
                    fold_expr_objects(x, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
}

#[cfg(feature = "full")]
pub(super) use reading::fold_expr_objects;
