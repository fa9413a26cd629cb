//! `config.numberFormat`, `numberFormatType`, `normalizedNumberFormat`, `timeFormat`,
//! `customFormatTypes` and `tooltipFormat`: read with their paths, then filled into the
//! field definitions that give no format of their own once the views are read (resolve
//! early: the one format engine then sees only definitions).
//!
//! The order, first that applies: the field's own `format`/`formatType` (an axis's or
//! legend's `format` still wins on its guide), then these, then stdviz's defaults — the
//! Chinese way of `usermeta.stdviz.numbers: "zh"`, else plain figures.

use super::*;

/// Reads the format properties of `config` (at `path`) from `r`.
pub(super) fn parse_format_config(
    r: &mut ObjReader<'_>,
    path: &str,
    w: &mut Warnings,
) -> Result<FormatConfig, Error> {
    // The types first: a custom type's format is not a d3 one.
    let mut f = FormatConfig::default();
    r.opt_bool("customFormatTypes")?;
    for key in ["numberFormatType", "normalizedNumberFormatType"] {
        if let Some(t) = r.get(key) {
            let kp = join(path, key);
            let zh = one_of(t, &kp, &["number", "zh"]).map_err(|_| {
                spec_error(
                    &kp,
                    "\"number\" or \"zh\" (stdviz's Chinese way; format functions a page registers are not supported)",
                    t,
                )
            })? == "zh";
            if key == "numberFormatType" {
                f.zh = zh;
            } else if zh {
                return Err(spec_error(&kp, "\"number\"", t));
            }
        }
    }
    f.number = match f.zh {
        // The Chinese way has no format of its own: `numberFormat` is left out.
        true => r.opt_str("numberFormat")?.and(None),
        false => number_format(r, path, "numberFormat")?,
    };
    f.normalized = number_format(r, path, "normalizedNumberFormat")?;
    f.time = r.opt_str("timeFormat")?;
    if let Some(t) = r.get("timeFormatType") {
        one_of(t, &join(path, "timeFormatType"), &["time"])?;
    }
    if let Some(t) = r.get("tooltipFormat") {
        let tp = join(path, "tooltipFormat");
        let mut tr = ObjReader::new(t, &tp, "an object")?;
        f.tooltip_number = number_format(&mut tr, &tp, "numberFormat")?;
        f.tooltip_time = tr.opt_str("timeFormat")?;
        tr.finish(
            &[
                "numberFormatType",
                "normalizedNumberFormat",
                "normalizedNumberFormatType",
                "timeFormatType",
            ],
            w,
        )?;
    }
    Ok(f)
}

/// A d3-format specifier at `path.key`, of the subset stdviz writes.
fn number_format(r: &mut ObjReader<'_>, path: &str, key: &str) -> Result<Option<String>, Error> {
    let f = r.opt_str(key)?;
    match &f {
        Some(s) if crate::format::NumberFormat::parse(s).is_none() => Err(Error::Spec {
            path: join(path, key),
            expected: "a d3-format specifier of the supported subset: [+][$][,][.precision][~][f|d|%|s|e|r|g] (see docs/SPEC.md)".into(),
            found: format!("\"{s}\""),
        }),
        _ => Ok(f),
    }
}

/// Fills the formats of `formats` into the field definitions below `view` that give none.
pub(super) fn apply_format_config(view: &mut View, formats: &FormatConfig) {
    match &mut view.kind {
        ViewKind::Unit { encoding, .. } => {
            let tips = encoding.tooltip.iter_mut().flatten();
            let fields = encoding.channels.iter_mut().filter_map(|(_, d)| match d {
                ChannelDef::Field(f) => Some(&mut **f),
                _ => None,
            });
            fields.chain(tips).for_each(|f| fill(f, formats));
        }
        ViewKind::Layer { layers: views, .. } | ViewKind::Concat { views, .. } => {
            views
                .iter_mut()
                .for_each(|v| apply_format_config(v, formats));
        }
        ViewKind::Facet { spec, .. } => apply_format_config(spec, formats),
    }
}

fn fill(f: &mut FieldDef, formats: &FormatConfig) {
    if f.format.is_some() || f.format_type.is_some() {
        return;
    }
    match f.ty {
        FieldType::Quantitative if f.time_unit.is_none() => {
            let normalized = f.stack == Some(Stack::Normalize);
            if normalized {
                f.format = formats.normalized.clone();
            } else if formats.zh {
                f.format_type = Some(FormatType::Zh);
            } else {
                f.format = formats.number.clone();
            }
            if let Some(l) = f.legend.as_mut().filter(|l| l.format.is_none()) {
                l.format = f.format.clone();
            }
            f.tooltip_format = formats.tooltip_number.clone();
        }
        FieldType::Temporal if f.time_unit.is_none() => {
            f.time_format = formats.time.clone();
            f.tooltip_format = formats.tooltip_time.clone().or(formats.time.clone());
        }
        _ => {}
    }
}
