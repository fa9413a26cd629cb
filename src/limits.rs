//! Resource bounds: how much input a chart may bring and how much it may draw.
//!
//! Charts render data from spreadsheets, CMS fields and URLs; a runaway file must end in
//! a clear error, never in a hung tab or a page that eats all memory. [`Limits`] bounds
//! every stage that grows with its input:
//!
//! | limit | default | checked |
//! | --- | --- | --- |
//! | [`max_bytes`](Limits::max_bytes) | 256 MiB | spec text and each data file, before parsing |
//! | [`max_rows`](Limits::max_rows) | 2,000,000 | rows of each table (CSV, JSON, inline values) |
//! | [`max_columns`](Limits::max_columns) | 1,000 | fields of each table |
//! | [`max_cell_chars`](Limits::max_cell_chars) | 100,000 | characters of one data value |
//! | [`max_label_chars`](Limits::max_label_chars) | 10,000 | characters of one spec text (title, subtitle, axis title, source, …) and of one category drawn as a label |
//! | [`max_categories`](Limits::max_categories) | 10,000 | distinct values of one discrete channel or facet field |
//! | [`max_marks`](Limits::max_marks) | 20,000 | data marks of a chart (bars, points, slices, …) |
//!
//! Each failure is an [`Error`] whose `expected` text names the limit and says how to
//! raise it. The host sets them with [`Options`]: natively through
//! [`crate::Chart::with_options`]; in the browser as `options.limits` of the page glue,
//! with the camelCase names (`{limits: {maxRows: 5000000}}`), which [`Limits`]
//! deserializes (see docs/LIMITS.md).

use crate::encode::{Bound, Encoded};
use crate::error::{shorten, Error, Location, Warning};
use crate::layout::ViewTables;
use crate::scene::Scene;
use crate::spec::{Channel, ChartSpec, View, ViewKind};
use crate::table::{Column, ColumnData, Table, TextColumn};
use serde_json::Value as Json;
use std::collections::HashSet;

/// Resource bounds of one chart (see the module documentation for the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Limits {
    /// Largest spec text and largest data file, in bytes (default 256 MiB).
    pub max_bytes: usize,
    /// Most rows of one table, not counting a CSV header (default 2,000,000).
    pub max_rows: usize,
    /// Most fields of one table (default 1,000).
    pub max_columns: usize,
    /// Most characters of one data value (default 100,000).
    pub max_cell_chars: usize,
    /// Most characters of one text of the spec (title, subtitle, axis or legend title,
    /// source, note, description) and of one category label drawn (default 10,000).
    pub max_label_chars: usize,
    /// Most distinct values of one discrete channel (x, y, colour, …) or facet field
    /// (default 10,000).
    pub max_categories: usize,
    /// Most data marks of one chart: bars, points, slices, line vertices, waffle cells
    /// (default 20,000).
    pub max_marks: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let loader = crate::table::csv::Limits::default();
        Limits {
            max_bytes: loader.max_bytes,
            max_rows: loader.max_rows,
            max_columns: loader.max_columns,
            max_cell_chars: loader.max_cell_chars,
            max_label_chars: 10_000,
            max_categories: 10_000,
            max_marks: 20_000,
        }
    }
}

/// Which limit an error is about: its Rust field name and its browser option name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`Limits::max_bytes`].
    Bytes,
    /// [`Limits::max_rows`].
    Rows,
    /// [`Limits::max_columns`].
    Columns,
    /// [`Limits::max_cell_chars`].
    CellChars,
    /// [`Limits::max_label_chars`].
    LabelChars,
    /// [`Limits::max_categories`].
    Categories,
    /// [`Limits::max_marks`].
    Marks,
}

impl Limit {
    /// Every limit, in the order of the documentation's table.
    pub const ALL: [Limit; 7] = [
        Limit::Bytes,
        Limit::Rows,
        Limit::Columns,
        Limit::CellChars,
        Limit::LabelChars,
        Limit::Categories,
        Limit::Marks,
    ];

    /// The limit called `name`: its field name (`max_marks`) or browser option name
    /// (`maxMarks`).
    pub fn from_name(name: &str) -> Option<Limit> {
        Limit::ALL
            .into_iter()
            .find(|l| l.name() == name || l.js_name() == name)
    }

    /// Sets this limit in `limits` to `value`.
    pub fn set(self, limits: &mut Limits, value: usize) {
        let field = match self {
            Limit::Bytes => &mut limits.max_bytes,
            Limit::Rows => &mut limits.max_rows,
            Limit::Columns => &mut limits.max_columns,
            Limit::CellChars => &mut limits.max_cell_chars,
            Limit::LabelChars => &mut limits.max_label_chars,
            Limit::Categories => &mut limits.max_categories,
            Limit::Marks => &mut limits.max_marks,
        };
        *field = value;
    }

    /// The field of [`Limits`] (`max_rows`).
    pub fn name(self) -> &'static str {
        match self {
            Limit::Bytes => "max_bytes",
            Limit::Rows => "max_rows",
            Limit::Columns => "max_columns",
            Limit::CellChars => "max_cell_chars",
            Limit::LabelChars => "max_label_chars",
            Limit::Categories => "max_categories",
            Limit::Marks => "max_marks",
        }
    }

    /// The key of the browser option (`maxRows`).
    pub fn js_name(self) -> &'static str {
        match self {
            Limit::Bytes => "maxBytes",
            Limit::Rows => "maxRows",
            Limit::Columns => "maxColumns",
            Limit::CellChars => "maxCellChars",
            Limit::LabelChars => "maxLabelChars",
            Limit::Categories => "maxCategories",
            Limit::Marks => "maxMarks",
        }
    }

    /// The value of this limit in `limits`.
    pub fn of(self, limits: &Limits) -> usize {
        match self {
            Limit::Bytes => limits.max_bytes,
            Limit::Rows => limits.max_rows,
            Limit::Columns => limits.max_columns,
            Limit::CellChars => limits.max_cell_chars,
            Limit::LabelChars => limits.max_label_chars,
            Limit::Categories => limits.max_categories,
            Limit::Marks => limits.max_marks,
        }
    }

    /// The `expected` text of an error: `at most 10000 <what> (limit max_categories; …)`.
    pub fn expected(self, limits: &Limits, what: &str) -> String {
        self.expected_max(self.of(limits), what)
    }

    /// [`Limit::expected`] for a limit of `max`.
    pub fn expected_max(self, max: usize, what: &str) -> String {
        format!(
            "at most {max} {what} (limit {}; the host can raise it: Limits::{} natively, --limit {}=N with the CLI, limits.{} in the browser)",
            self.name(),
            self.name(),
            self.js_name(),
            self.js_name()
        )
    }
}

/// Options a host passes with a chart (see [`crate::Chart::with_options`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Resource bounds.
    pub limits: Limits,
}

impl Limits {
    /// The part of the limits the CSV/TSV loader checks while it reads.
    pub fn loader(&self) -> crate::table::csv::Limits {
        crate::table::csv::Limits {
            max_bytes: self.max_bytes,
            max_rows: self.max_rows,
            max_columns: self.max_columns,
            max_cell_chars: self.max_cell_chars,
        }
    }

    /// An error for spec text at `path` longer than [`Limits::max_label_chars`], if it is.
    pub fn check_label(&self, path: &str, text: &str) -> Result<(), Error> {
        // Bytes bound characters from above: count only when the bytes exceed the limit.
        if text.len() <= self.max_label_chars {
            return Ok(());
        }
        let chars = text.chars().count();
        if chars <= self.max_label_chars {
            return Ok(());
        }
        Err(Error::Spec {
            path: path.to_string(),
            expected: Limit::LabelChars.expected(self, "characters of text"),
            found: format!("{chars} characters"),
        })
    }
}

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
        &mut (&mut marks, warnings),
    )
}

/// What the walk over the views counts: data marks so far, and the warnings.
type Tally<'a, 'w> = (&'a mut usize, &'w mut Vec<Warning>);

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
            let e = crate::encode::encode(&table, mark, encoding, &view.path)?;
            check_encoded(&e, limits)?;
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
        ViewKind::Layer { layers } => layers
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_text_names_the_limit_both_ways() {
        let l = Limits::default();
        assert_eq!(
            Limit::Categories.expected(&l, "categories"),
            "at most 10000 categories (limit max_categories; the host can raise it: Limits::max_categories natively, --limit maxCategories=N with the CLI, limits.maxCategories in the browser)"
        );
    }

    #[test]
    fn label_check_counts_characters_not_bytes() {
        let l = Limits {
            max_label_chars: 3,
            ..Limits::default()
        };
        assert!(l.check_label("title", "国家标").is_ok());
        let e = l.check_label("title", "国家标准").unwrap_err();
        assert_eq!(
            e.to_string(),
            "spec error at title: expected at most 3 characters of text (limit max_label_chars; the host can raise it: Limits::max_label_chars natively, --limit maxLabelChars=N with the CLI, limits.maxLabelChars in the browser), found 4 characters"
        );
    }

    #[test]
    fn options_read_camel_case_and_refuse_unknown_keys() {
        let o: Options =
            serde_json::from_str(r#"{"limits": {"maxRows": 5, "maxMarks": 7}}"#).unwrap();
        assert_eq!(o.limits.max_rows, 5);
        assert_eq!(o.limits.max_marks, 7);
        assert_eq!(o.limits.max_bytes, Limits::default().max_bytes);
        assert!(serde_json::from_str::<Options>(r#"{"limits": {"maxRow": 5}}"#).is_err());
    }
}
