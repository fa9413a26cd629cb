//! Spec JSON → [`ChartSpec`], with JSON-path errors and warnings.
//!
//! One file per idea, as the spec reads: [`view`] (unit, layer, concat, facet), [`mark`],
//! [`encoding`] (channels and field definitions), [`guides`] (titles, scales, axes,
//! legends), [`config`], [`data`], [`usermeta`] and [`transform`]; [`repeat`] expands
//! `repeat` views into concatenations and layers and [`style`] applies `config.style` to
//! marks before anything is read; the expression language
//! of `calculate` and filter strings is [`crate::spec::expr`]. Composite marks (`boxplot`,
//! `errorbar`, `errorband`) are expanded into layers of plain marks by `composite` (full build
//! only: the lite build answers [`Error::NeedsFull`] for them).

#[cfg(feature = "full")]
mod composite;
mod config;
mod config_formats;
mod config_guides;
#[cfg(feature = "full")]
mod curve;
mod data;
mod datasets;
mod encoding;
#[cfg(feature = "full")]
mod error_channels;
#[cfg(feature = "full")]
mod extent;
mod guides;
mod layer_encoding;
mod mark;
mod params;
mod projection;
mod repeat;
mod resolve;
#[cfg(feature = "full")]
mod scale_steps;
mod style;
mod transform;
#[cfg(feature = "full")]
mod transform_full;
mod usermeta;
mod view;

use super::reader::{join, one_of, spec_error, ObjReader};
use super::*;
use crate::error::{Error, Warning};
use crate::table::json::records_to_table;
use serde_json::Value as Json;

#[cfg(feature = "full")]
use composite::expand as expand_composite;
use config::{parse_color, parse_color_list, parse_config};
use data::parse_data;
use encoding::{parse_const, parse_encoding, parse_format_type, parse_sort, parse_type};
use guides::{parse_axis, parse_legend, parse_optional_title, parse_scale, parse_title};
use mark::{check_unit, parse_mark};
pub(super) use transform::parse_transforms;
use usermeta::parse_usermeta;
use view::{parse_autosize, parse_facet_field, parse_size, parse_view_body};

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
    "resolve",
    "datasets",
    "align",
    "bounds",
    "center",
    "spacing",
];

/// Valid Vega-Lite field-definition properties that stdviz does not support yet.
const UNSUPPORTED_FIELD: &[&str] = &["band", "condition", "header"];

type Warnings = Vec<Warning>;

/// An aggregate op named by `v` (`"sum"`, `"mean"`, …) at `path`, or an error listing the
/// ops: the one reader of op names for field definitions, sorts and transforms.
fn aggregate_op(v: &Json, path: &str) -> Result<AggregateOp, Error> {
    v.as_str()
        .and_then(AggregateOp::from_name)
        .ok_or_else(|| spec_error(path, format!("one of {}", AggregateOp::NAMES.join(", ")), v))
}

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
    parse_value_with(json, &[])
}

/// [`parse_value`] with value parameters set to `overrides` (by name) instead of their
/// spec values: how an input element bound to a parameter changes the chart.
pub fn parse_value_with(json: &Json, overrides: &[(String, ParamValue)]) -> Result<Parsed, Error> {
    datasets::with_datasets(json, || parse_datasets_read(json, overrides))
}

/// [`parse_value_with`] once the top-level `datasets` are in scope.
fn parse_datasets_read(json: &Json, overrides: &[(String, ParamValue)]) -> Result<Parsed, Error> {
    let expanded = repeat::expand(json)?;
    let json = expanded.as_ref().unwrap_or(json);
    let styled = style::apply(json);
    let json = styled.as_ref().unwrap_or(json);
    let mut w = Vec::new();
    expr::with_scope(Vec::new(), || {
        let params = params::collect_params(json, overrides, &mut w)?;
        let names = params.iter().map(|p| p.name.clone()).collect();
        params::with_names(names, || {
            #[cfg(feature = "full")]
            if !params.is_empty() {
                let mut folded = json.clone();
                params::fold_expr_objects(&mut folded, "");
                return parse_spec_object(&folded, params, w);
            }
            parse_spec_object(json, params, w)
        })
    })
}

fn parse_spec_object(json: &Json, params: Vec<Param>, mut w: Warnings) -> Result<Parsed, Error> {
    let mut top = ObjReader::new(json, "", "a spec object")?;
    top.get("$schema");
    // Read by `datasets::with_datasets`, and used where a data object names one.
    top.get("datasets");
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
    let mut meta = match top.get("usermeta") {
        Some(v) => parse_usermeta(v, "usermeta", &mut w)?,
        None => StdvizMeta::default(),
    };
    let locale_given = json
        .pointer("/usermeta/stdviz/locale")
        .is_some_and(|l| !l.is_null());
    if !locale_given {
        meta.time_locale = if has_chinese(json) {
            Locale::Zh
        } else {
            Locale::En
        };
    }
    let mut view = parse_view_body(&mut top, "", &mut w, true)?;
    top.finish(UNSUPPORTED_VIEW, &mut w)?;
    if let Some(zero) = config.scale_zero {
        apply_scale_zero(&mut view, zero);
    }
    if config.mark_invalid.is_some() || !config.scale_invalid.is_empty() {
        apply_mark_invalid(&mut view, config.mark_invalid, &config.scale_invalid);
    }
    config_guides::apply_guide_config(&mut view, &config);
    if config.formats != FormatConfig::default() {
        config_formats::apply_format_config(&mut view, &config.formats);
    }
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
            params,
        },
        warnings: w,
    })
}

/// Whether any text of a spec (keys or strings, inline data included) has a Chinese
/// character: such a spec writes its dates the Chinese way unless it names a locale.
fn has_chinese(json: &Json) -> bool {
    let han = crate::text::has_chinese;
    match json {
        Json::String(s) => han(s),
        Json::Array(items) => items.iter().any(has_chinese),
        Json::Object(map) => map.iter().any(|(k, v)| han(k) || has_chinese(v)),
        _ => false,
    }
}

/// `config.scale.zero`: every quantitative field definition without its own `scale.zero`
/// takes it.
fn apply_scale_zero(view: &mut View, zero: bool) {
    match &mut view.kind {
        ViewKind::Unit { encoding, .. } => {
            for (_, def) in &mut encoding.channels {
                if let ChannelDef::Field(f) = def {
                    if f.ty == FieldType::Quantitative && f.scale.zero.is_none() {
                        f.scale.zero = Some(zero);
                    }
                }
            }
        }
        ViewKind::Layer { layers: views, .. } | ViewKind::Concat { views, .. } => {
            views.iter_mut().for_each(|v| apply_scale_zero(v, zero));
        }
        ViewKind::Facet { spec, .. } => apply_scale_zero(spec, zero),
    }
}

/// `config.mark.invalid`: every mark without its own `invalid` takes it; and
/// `config.scale.invalid`'s outputs go to every mark.
fn apply_mark_invalid(
    view: &mut View,
    mode: Option<Invalid>,
    outputs: &[(Channel, InvalidOutput)],
) {
    match &mut view.kind {
        ViewKind::Unit { mark, .. } => {
            if mark.invalid.is_none() {
                mark.invalid = mode;
            }
            mark.invalid_outputs = outputs.to_vec();
        }
        ViewKind::Layer { layers: views, .. } | ViewKind::Concat { views, .. } => {
            views
                .iter_mut()
                .for_each(|v| apply_mark_invalid(v, mode, outputs));
        }
        ViewKind::Facet { spec, .. } => apply_mark_invalid(spec, mode, outputs),
    }
}

/// Whether some unit view below `view` has no data of its own or from an ancestor.
fn needs_data(view: &View) -> bool {
    if view.data.is_some() {
        return false;
    }
    match &view.kind {
        ViewKind::Unit { .. } => true,
        ViewKind::Layer { layers, .. } => layers.iter().any(needs_data),
        ViewKind::Concat { views, .. } => views.iter().any(needs_data),
        ViewKind::Facet { spec, .. } => needs_data(spec),
    }
}

/// Reads an optional `timeUnit` value found at `path`'s `timeUnit` (of a field definition
/// or a field predicate): the units stdviz supports.
/// A `timeUnit` at `path.timeUnit`: a unit name, or `{"unit": name, "utc": bool, "step":
/// n}` (a step of the smallest part; not of weeks or days).
fn parse_time_unit(v: Option<&Json>, path: &str) -> Result<Option<TimeUnit>, Error> {
    let Some(t) = v else {
        return Ok(None);
    };
    let at = join(path, "timeUnit");
    let (name, name_path, step) = match t {
        Json::Object(o) => {
            let step = match o.get("step") {
                None => 1,
                Some(step) => match step.as_f64() {
                    Some(n) if n.fract() == 0.0 && (1.0..=1000.0).contains(&n) => n as u16,
                    _ => {
                        return Err(spec_error(
                            &join(&at, "step"),
                            "a whole number from 1 to 1000",
                            step,
                        ))
                    }
                },
            };
            for key in o.keys() {
                if !matches!(key.as_str(), "unit" | "utc" | "step") {
                    return Err(spec_error(
                        &join(&at, key),
                        "unit, utc or step (other timeUnit parameters are not supported yet)",
                        &o[key],
                    ));
                }
            }
            (o.get("unit"), join(&at, "unit"), step)
        }
        other => (Some(other), at.clone(), 1),
    };
    let unit = name
        .and_then(Json::as_str)
        .and_then(TimeUnit::from_name)
        .map(|u| u.with_step(step));
    if let Some(u) = unit.filter(|u| u.step() > 1) {
        let weekly = TimeUnit::WEEK | TimeUnit::DAY | TimeUnit::DAYOFYEAR;
        if u.smallest() & weekly != 0 {
            return Err(spec_error(
                &join(&at, "step"),
                "1 for a unit ending in week, day or dayofyear (steps of those are not supported yet)",
                &Json::from(step),
            ));
        }
    }
    unit.map(Some).ok_or_else(|| {
        spec_error(
            &name_path,
            "a Vega-Lite time unit: year, quarter, month, week, day, date, dayofyear, hours, minutes, seconds, milliseconds, or several in that order (yearmonthdate, monthdate, hoursminutes…), optionally after utc",
            name.unwrap_or(&Json::Null),
        )
    })
}

/// The composite mark a `mark` value names, if it names one.
fn composite_kind(mark: &Json) -> Option<&'static str> {
    let name = match mark {
        Json::String(s) => s.as_str(),
        Json::Object(o) => o.get("type").and_then(Json::as_str)?,
        _ => return None,
    };
    ["boxplot", "errorbar", "errorband"]
        .into_iter()
        .find(|k| *k == name)
}

#[cfg(test)]
mod tests;
