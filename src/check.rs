//! The resource checks of [`crate::Chart`]: spec texts and tables against
//! [`Limits`] before anything is drawn, a dry run of every view's transforms and
//! encodings (categories, label lengths, mark counts) before layout, and the laid-out
//! scene after it. The limits themselves, and their error wording, are [`crate::limits`].

use crate::encode::{Bound, Encoded};
use crate::error::{shorten, Error, Location, Warning};
use crate::layout::ViewTables;
use crate::limits::{Limit, Limits};
use crate::scene::Scene;
use crate::spec::{Channel, ChartSpec, View, ViewKind};
use crate::table::{Column, ColumnData, Table, TextColumn};
use serde_json::Value as Json;
use std::collections::HashSet;

/// Checks every text of the spec JSON outside inline data against
/// [`Limits::max_label_chars`] (inline `data.values` are data: [`check_table`] and the
/// loaders bound them). Object keys count as texts too.
pub fn check_spec_texts(json: &Json, limits: &Limits) -> Result<(), Error> {
    walk_texts(json, "", false, limits)
}

fn walk_texts(v: &Json, path: &str, in_data: bool, limits: &Limits) -> Result<(), Error> {
    match v {
        Json::String(s) => limits.check_label(path, s),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| walk_texts(x, &format!("{path}[{i}]"), false, limits)),
        Json::Object(map) => map.iter().try_for_each(|(k, x)| {
            let p = join(path, k);
            limits.check_label(&p, k)?;
            if in_data && k == "values" {
                return Ok(());
            }
            walk_texts(x, &p, k == "data", limits)
        }),
        _ => Ok(()),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Checks a table's rows, fields and text values against `limits`. `source` names the
/// data in errors; `at` is the JSON path of its array of records (`data.values`, or the
/// `format.property` of a JSON file), prefixed to `[row].field` positions.
pub fn check_table(t: &Table, limits: &Limits, source: &str, at: &str) -> Result<(), Error> {
    let whole = |limit: Limit, what: &str, found: String| Error::Data {
        source: source.to_string(),
        at: Location::Whole,
        expected: limit.expected(limits, what),
        found,
    };
    if t.row_count() > limits.max_rows {
        return Err(whole(
            Limit::Rows,
            "rows",
            format!("{} rows", t.row_count()),
        ));
    }
    if t.columns().len() > limits.max_columns {
        return Err(whole(
            Limit::Columns,
            "fields",
            format!("{} fields", t.columns().len()),
        ));
    }
    for c in t.columns() {
        if let ColumnData::Text(text) = &c.data {
            if let Some((code, chars)) = longest_over(text, limits.max_cell_chars) {
                let row = text.codes.iter().position(|k| *k == code).unwrap_or(0);
                return Err(Error::Data {
                    source: source.to_string(),
                    at: Location::Json(format!("{at}[{row}].{}", c.name)),
                    expected: Limit::CellChars.expected(limits, "characters in a value"),
                    found: format!("{chars} characters"),
                });
            }
        }
    }
    Ok(())
}

/// The first dictionary entry of `text` longer than `max` characters: its code and length.
fn longest_over(text: &TextColumn, max: usize) -> Option<(u32, usize)> {
    text.dictionary.iter().enumerate().find_map(|(i, s)| {
        if s.len() <= max {
            return None;
        }
        let chars = s.chars().count();
        (chars > max).then_some((i as u32, chars))
    })
}

/// Checks, before any layout, what the chart will draw: the distinct values of every
/// discrete channel and facet field ([`Limits::max_categories`]), the length of every
/// category and text-mark label ([`Limits::max_label_chars`]) and the number of marks
/// ([`Limits::max_marks`]). It runs the views' transforms and encodings as layout does, and
/// adds a warning to `warnings` for each unit that leaves rows out for invalid values.
pub fn check_chart(
    spec: &ChartSpec,
    tables: &ViewTables,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let mut marks = 0usize;
    check_view(
        &spec.view,
        &Table::default(),
        tables,
        limits,
        &mut (&mut marks, warnings, spec.meta.time_locale),
    )
}

/// What the walk over the views counts: data marks so far, and the warnings; with the
/// language discrete time units are labelled in.
type Tally<'a, 'w> = (&'a mut usize, &'w mut Vec<Warning>, crate::spec::Locale);

fn check_view(
    view: &View,
    parent: &Table,
    tables: &ViewTables,
    limits: &Limits,
    tally: &mut Tally<'_, '_>,
) -> Result<(), Error> {
    let own = match view.data {
        Some(_) => tables.get(&view.path).unwrap_or(parent),
        None => parent,
    };
    let table = crate::transform::apply(own, &view.transform, &join(&view.path, "transform"))?;
    match &view.kind {
        ViewKind::Unit { mark, encoding } => {
            let e = crate::encode::encode(&table, mark, encoding, &view.path, tally.2)?;
            check_encoded(&e, limits)?;
            if let Some(w) = null_categories(&e, &view.path) {
                tally.1.push(w);
            }
            if e.invalid_left_out > 0 {
                tally.1.push(Warning {
                    path: join(&view.path, "encoding"),
                    message: format!(
                        "{} row{} left out: a continuous channel read null, NaN or an infinite value (Vega-Lite's invalid: \"filter\")",
                        e.invalid_left_out,
                        if e.invalid_left_out == 1 { "" } else { "s" }
                    ),
                });
            }
            if e.invalid_kept > 0 {
                let shown =
                    crate::spec::Invalid::of(mark.invalid, mark.kind) == crate::spec::Invalid::Show;
                tally.1.push(Warning {
                    path: join(&view.path, "mark.invalid"),
                    message: format!(
                        "{} row{} with null, NaN or an infinite value kept: {}",
                        e.invalid_kept,
                        if e.invalid_kept == 1 { "" } else { "s" },
                        if shown {
                            "drawn at zero, or at the scale's minimum where its domain leaves zero out (invalid: \"show\")"
                        } else if mark.invalid.is_none() {
                            "the line or area breaks at them (Vega-Lite's default invalid mode, \"break-paths-show-path-domains\")"
                        } else {
                            "the line or area breaks at them (invalid: \"break-paths-…\")"
                        }
                    ),
                });
            }
            *tally.0 = tally.0.saturating_add(e.rows());
            if *tally.0 > limits.max_marks {
                return Err(Error::Spec {
                    path: view.path.clone(),
                    expected: Limit::Marks.expected(limits, "data marks"),
                    found: format!("{} or more data marks", *tally.0),
                });
            }
            Ok(())
        }
        ViewKind::Layer { layers, .. } => layers
            .iter()
            .try_for_each(|l| check_view(l, &table, tables, limits, tally)),
        ViewKind::Concat { views, .. } => views
            .iter()
            .try_for_each(|v| check_view(v, &table, tables, limits, tally)),
        ViewKind::Facet {
            row, column, spec, ..
        } => {
            for f in [row, column].into_iter().flatten() {
                if let Some(c) = table.column(&f.field) {
                    check_categories(c, &join(&f.path, "field"), limits, true)?;
                }
            }
            check_view(spec, &table, tables, limits, tally)
        }
    }
}

/// Categories and label lengths of one encoded unit.
fn check_encoded(e: &Encoded, limits: &Limits) -> Result<(), Error> {
    for (channel, bound) in &e.channels {
        let Bound::Column { column, def } = bound else {
            continue;
        };
        let Some(c) = e.table.column(column) else {
            continue;
        };
        let path = join(&def.path, "field");
        if def.ty.is_discrete() {
            check_categories(c, &path, limits, true)?;
        } else if *channel == Channel::Text {
            check_categories(c, &path, limits, false)?;
        }
    }
    Ok(())
}

/// Distinct values of a category column (when `count` is set) and the length of its
/// text values.
fn check_categories(c: &Column, path: &str, limits: &Limits, count: bool) -> Result<(), Error> {
    let too_many = |n: usize| Error::Spec {
        path: path.to_string(),
        expected: Limit::Categories.expected(limits, "distinct values (categories)"),
        found: format!("{n} distinct values of \"{}\"", shorten(&c.name, 40)),
    };
    match &c.data {
        ColumnData::Text(text) => {
            if count && text.dictionary.len() > limits.max_categories {
                let mut used = vec![false; text.dictionary.len()];
                for &k in &text.codes {
                    if let Some(u) = used.get_mut(k as usize) {
                        *u = true;
                    }
                }
                let n = used.iter().filter(|u| **u).count();
                if n > limits.max_categories {
                    return Err(too_many(n));
                }
            }
            if let Some((code, chars)) = longest_over(text, limits.max_label_chars) {
                if let Some(row) = text.codes.iter().position(|k| *k == code) {
                    return Err(Error::Spec {
                        path: path.to_string(),
                        expected: Limit::LabelChars.expected(limits, "characters in one label"),
                        found: format!(
                            "a value of {chars} characters in row {} of \"{}\"",
                            row + 1,
                            shorten(&c.name, 40)
                        ),
                    });
                }
            }
        }
        ColumnData::Number(v) | ColumnData::Date(v) if count => {
            let mut seen = HashSet::new();
            for x in v.iter().filter(|x| !x.is_nan()) {
                seen.insert(x.to_bits());
                if seen.len() > limits.max_categories {
                    let n = v
                        .iter()
                        .filter(|x| !x.is_nan())
                        .map(|x| x.to_bits())
                        .collect::<HashSet<_>>()
                        .len();
                    return Err(too_many(n));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks a laid-out scene: at most [`Limits::max_marks`] data marks, no text longer
/// than [`Limits::max_label_chars`]. A safety net behind [`check_chart`] for what only
/// layout can count (facet cells, waffle squares).
pub fn check_scene(scene: &Scene, limits: &Limits) -> Result<(), Error> {
    if scene.items.len() > limits.max_marks {
        return Err(Error::Spec {
            path: String::new(),
            expected: Limit::Marks.expected(limits, "data marks"),
            found: format!("{} data marks", scene.items.len()),
        });
    }
    if let Some(t) = scene
        .texts()
        .into_iter()
        .find(|t| t.len() > limits.max_label_chars && t.chars().count() > limits.max_label_chars)
    {
        return Err(Error::Spec {
            path: String::new(),
            expected: Limit::LabelChars.expected(limits, "characters in one label"),
            found: format!("a label of {} characters", t.chars().count()),
        });
    }
    Ok(())
}

/// A warning counting the rows whose band (nominal or ordinal) position reads null: such a
/// row has no band, so stdviz draws no mark for it, where Vega-Lite draws a category
/// named "null". Never silent.
fn null_categories(e: &Encoded, view_path: &str) -> Option<Warning> {
    let banded: Vec<(Channel, &str, &str)> =
        [Channel::X, Channel::Y, Channel::XOffset, Channel::YOffset]
            .into_iter()
            .filter_map(|ch| {
                let (col, def) = e.field(ch)?;
                (def.ty.is_discrete() && def.bin.is_none()).then_some((ch, col, def.field.as_str()))
            })
            .collect();
    let mut first: Option<(Channel, &str)> = None;
    let mut count = 0usize;
    for r in 0..e.rows() {
        if let Some((ch, _, field)) = banded
            .iter()
            .find(|(_, col, _)| matches!(e.table.value(col, r), crate::table::Value::Null))
        {
            count += 1;
            first.get_or_insert((*ch, field));
        }
    }
    let (ch, field) = first?;
    Some(Warning {
        path: join(view_path, &format!("encoding.{}", ch.name())),
        message: format!(
            "{count} row{} with no value (null) in \"{}\" not drawn: stdviz draws no band for a missing category, where Vega-Lite draws one named \"null\"",
            if count == 1 { "" } else { "s" },
            shorten(field, 60)
        ),
    })
}
