//! Exploration: load a table once, then filter, group, aggregate, rank and decimate it
//! quickly and often — the engine behind the explorer page (`www/index.html`).
//!
//! The page keeps one loaded [`Table`] in a Web Worker (`web::dataset`'s `Dataset`, which
//! also owns the JSON forms that cross the worker boundary) and asks it, on every change
//! of a control, for the small table the chart draws. This module is that engine,
//! natively testable, split by idea:
//!
//! * [`load()`] reads bytes (CSV, TSV, JSON; any encoding [`crate::table::encoding`]
//!   detects) into a [`Table`], picking the array of a JSON document by itself when no
//!   `format.property` is given;
//! * [`Explorer::query`] ([`query`]): a [`Query`] — filters (one of some values, or a
//!   numeric/date range), up to three group-by fields, one aggregate, top-N of the first
//!   group-by field — evaluated on the [`crate::transform::columnar`] engine, the one
//!   [`crate::transform::apply`] uses; [`Query::to_transforms`] and
//!   [`Query::from_transforms`] are the same query as typed Vega-Lite transforms, so the
//!   spec the page shows means exactly what the engine computed (tested against
//!   [`crate::transform::apply_with`] row by row on random tables);
//! * [`decimate_minmax`] and [`decimate_grid`] ([`decimate`]): visual-preserving
//!   decimation of lines and points, so a million points draw as a few thousand;
//! * [`Explorer::profile`], [`Explorer::distinct`], [`Explorer::extent`],
//!   [`Explorer::retype`] (here): what the controls need (field types, vocabulary, values
//!   with counts, ranges) and type corrections (Vega-Lite's `format.parse`).
//!
//! Semantics are Vega-Lite's as stdviz implements them in [`crate::transform`]: groups in
//! order of first appearance; missing values form their own group; `count` counts rows;
//! other ops skip missing values; `sum` of nothing is 0, the others are missing; numbers
//! group by their printed form (as `transform`'s group keys do); `oneOf` is strict (the
//! text `"2023"` is not the number 2023).

pub mod decimate;
pub mod load;
pub mod query;
mod reshape;

pub use decimate::{decimate_grid, decimate_minmax};
pub use load::{
    delimited_options, from_delimited, load, parse_as, starts_json, LoadOptions, Loaded,
};
pub use query::{
    Aggregate, Decimate, Filter, Query, QueryResult, MAX_GROUP_BY, TOP_RANK, TOP_TOTAL,
};
pub use reshape::{fold, pivot, wide_columns, Pivot, WideColumns, MAX_PIVOT_COLUMNS};

use crate::error::{shorten, Error, Location};
use crate::table::{
    self, date, format_plain_number, infer, Cell, Column, ColumnData, Table, TextColumn,
};
use crate::transform::columnar::{number_keys, KeyCol, NumKeys, NULL};
use crate::vocab::{self, Family};
use std::borrow::Cow;
use std::collections::HashMap;

#[cfg(test)]
mod tests;

/// A table ready for many queries: the table and the group codes of its number and date
/// columns, computed once per column on first use.
#[derive(Debug, Clone, Default)]
pub struct Explorer {
    table: Table,
    keys: HashMap<String, NumKeys>,
}

/// The type of a column, as the explorer shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Numbers.
    Number,
    /// Dates (milliseconds since the epoch).
    Date,
    /// Text.
    Text,
}

impl FieldKind {
    /// `"number"`, `"date"` or `"text"`.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Text => "text",
        }
    }

    fn of(c: &Column) -> FieldKind {
        match c.data {
            ColumnData::Number(_) => FieldKind::Number,
            ColumnData::Date(_) => FieldKind::Date,
            ColumnData::Text(_) => FieldKind::Text,
        }
    }
}

/// What the controls need to know about a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldInfo {
    /// The field's name.
    pub name: String,
    /// Its type.
    pub kind: FieldKind,
    /// Distinct present values (by printed form).
    pub distinct: usize,
    /// Missing values.
    pub missing: usize,
    /// The standardization vocabulary family of a text field whose values are all terms
    /// of one ([`vocab::vocabulary_of`]); only checked up to 64 distinct values.
    pub vocabulary: Option<Family>,
    /// Numbers that are all whole years 1000–2999 (a year column).
    pub year_like: bool,
    /// Smallest and largest present value of a number or date field.
    pub extent: Option<(f64, f64)>,
}

/// Distinct values of a field with their counts (see [`Explorer::distinct`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Distinct {
    /// Values (text, number or date) and their row counts, most frequent first, ties in
    /// order of first appearance.
    pub values: Vec<(Cell, usize)>,
    /// Distinct present values in the field (not only the ones listed).
    pub total: usize,
    /// Rows where the field is missing.
    pub missing: usize,
    /// Whether more values matched than were listed.
    pub more: bool,
}

use crate::transform::missing_field;

impl Explorer {
    /// Takes a loaded table.
    pub fn new(table: Table) -> Explorer {
        Explorer {
            table,
            keys: HashMap::new(),
        }
    }

    /// The table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Rows `range` of the table (those that exist).
    pub fn preview(&self, range: std::ops::Range<usize>) -> Table {
        let rows: Vec<usize> = range.filter(|&r| r < self.table.row_count()).collect();
        self.table.select_rows(&rows)
    }

    fn column(&self, field: &str, path: &str) -> Result<&Column, Error> {
        self.table
            .column(field)
            .ok_or_else(|| missing_field(&self.table, field, path))
    }

    /// Computes the group codes of a number or date column once.
    fn ensure_keys(&mut self, field: &str) {
        if self.keys.contains_key(field) {
            return;
        }
        let Some(c) = self.table.column(field) else {
            return;
        };
        let keys = match &c.data {
            ColumnData::Number(v) => number_keys(v, false),
            ColumnData::Date(v) => number_keys(v, true),
            ColumnData::Text(_) => return,
        };
        self.keys.insert(field.to_string(), keys);
    }

    /// The key column of `field`: a text column's codes, or the codes [`Self::ensure_keys`]
    /// computed.
    fn key_col(&self, field: &str) -> Option<KeyCol<'_>> {
        let (codes, card) = match &self.table.column(field)?.data {
            ColumnData::Text(t) => (&t.codes, t.dictionary.len()),
            _ => self.keys.get(field).map(|k| (&k.codes, k.values.len()))?,
        };
        Some(KeyCol {
            codes: Cow::Borrowed(codes),
            card,
        })
    }

    /// The key codes of `field` (see [`Self::key_col`]).
    fn key_codes(&self, field: &str) -> Option<&[u32]> {
        match &self.table.column(field)?.data {
            ColumnData::Text(t) => Some(&t.codes),
            _ => self.keys.get(field).map(|k| k.codes.as_slice()),
        }
    }

    /// Every field's type, distinct count, vocabulary and extent.
    pub fn profile(&mut self) -> Vec<FieldInfo> {
        let names = self.table.field_names();
        for n in &names {
            self.ensure_keys(n);
        }
        names
            .iter()
            .filter_map(|n| {
                let c = self.table.column(n)?;
                let key = self.key_col(n)?;
                let missing = key.codes.iter().filter(|&&c| c == NULL).count();
                let kind = FieldKind::of(c);
                let (vocabulary, year_like, extent) = match &c.data {
                    ColumnData::Text(t) if t.dictionary.len() <= 64 => {
                        let values: Vec<&str> = t.dictionary.iter().map(String::as_str).collect();
                        (
                            vocab::vocabulary_of(&values).map(|v| v.family()),
                            false,
                            None,
                        )
                    }
                    ColumnData::Text(_) => (None, false, None),
                    ColumnData::Number(v) | ColumnData::Date(v) => {
                        let e = extent_of(v);
                        let years = kind == FieldKind::Number
                            && e.is_some()
                            && self.keys.get(n).is_some_and(|k| {
                                k.values
                                    .iter()
                                    .all(|y| y.fract() == 0.0 && (1000.0..3000.0).contains(y))
                            });
                        (None, years, e)
                    }
                };
                Some(FieldInfo {
                    name: n.clone(),
                    kind,
                    distinct: key.card,
                    missing,
                    vocabulary,
                    year_like,
                    extent,
                })
            })
            .collect()
    }

    /// The smallest and largest present value of a number or date field (`None` when it
    /// has none); an error for a text field.
    pub fn extent(&self, field: &str) -> Result<Option<(f64, f64)>, Error> {
        match &self.column(field, "extent.field")?.data {
            ColumnData::Number(v) | ColumnData::Date(v) => Ok(extent_of(v)),
            ColumnData::Text(_) => Err(Error::Spec {
                path: "extent.field".into(),
                expected: "a number or date field".into(),
                found: format!("the text field \"{field}\""),
            }),
        }
    }

    /// The distinct values of `field` with their row counts, most frequent first (ties
    /// in order of first appearance), at most `limit`; with `search`, only values whose
    /// printed form contains it (ignoring case).
    pub fn distinct(
        &mut self,
        field: &str,
        limit: usize,
        search: Option<&str>,
    ) -> Result<Distinct, Error> {
        self.column(field, "distinct.field")?;
        self.ensure_keys(field);
        let key = self
            .key_col(field)
            .ok_or_else(|| missing_field(&self.table, field, "distinct.field"))?;
        let mut counts = vec![0usize; key.card];
        let mut missing = 0;
        for &c in key.codes.iter() {
            match counts.get_mut(c as usize) {
                Some(n) => *n += 1,
                None => missing += 1,
            }
        }
        let needle = search.map(str::to_lowercase).filter(|s| !s.is_empty());
        let mut order: Vec<usize> = (0..key.card)
            .filter(|&code| {
                needle.as_ref().is_none_or(|n| {
                    self.key_text(field, code)
                        .is_some_and(|t| t.to_lowercase().contains(n.as_str()))
                })
            })
            .collect();
        order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
        let more = order.len() > limit;
        order.truncate(limit);
        let values = order
            .into_iter()
            .map(|code| (self.key_cell(field, code), counts[code]))
            .collect();
        Ok(Distinct {
            values,
            total: key.card,
            missing,
            more,
        })
    }

    /// The printed form of key `code` of `field`.
    fn key_text(&self, field: &str, code: usize) -> Option<String> {
        match &self.table.column(field)?.data {
            ColumnData::Text(t) => t.dictionary.get(code).cloned(),
            ColumnData::Number(_) => self
                .keys
                .get(field)?
                .values
                .get(code)
                .map(|v| format_plain_number(*v)),
            ColumnData::Date(_) => self
                .keys
                .get(field)?
                .values
                .get(code)
                .map(|v| date::format_iso(*v)),
        }
    }

    /// The value of key `code` of `field`: a number, a date or a text.
    fn key_cell(&self, field: &str, code: usize) -> Cell {
        let value = || {
            self.keys
                .get(field)
                .and_then(|k| k.values.get(code))
                .copied()
        };
        match self.table.column(field).map(|c| &c.data) {
            Some(ColumnData::Number(_)) => value().map_or(Cell::Null, Cell::Number),
            Some(ColumnData::Date(_)) => value().map_or(Cell::Null, Cell::Date),
            _ => self.key_text(field, code).map_or(Cell::Null, Cell::Text),
        }
    }

    /// Changes the type of `field` as Vega-Lite's `format.parse` would have read it:
    /// `"number"`, `"date"`, `"date:'%Y-%m'"`, `"boolean"` (text `true`/`false`), or
    /// `"text"` (`null` in `format.parse`). Every distinct value is read from its printed
    /// form; one that does not fit (and is not a missing-value marker such as `-` or
    /// `NA`) is an error naming it and its first row, and the column stays as it was.
    pub fn retype(&mut self, field: &str, to: &str) -> Result<(), Error> {
        let path = format!("format.parse.{field}");
        let c = self.column(field, &path)?;
        let parse = parse_as(to).ok_or_else(|| Error::Spec {
            path: path.clone(),
            expected: "\"number\", \"date\", \"date:'…'\", \"boolean\" or \"text\"".into(),
            found: format!("\"{}\"", shorten(to, 30)),
        })?;
        let format = match &parse {
            table::csv::ParseAs::DateFormat(f) => {
                Some(infer::DateFormat::compile(f).map_err(|why| Error::Spec {
                    path: path.clone(),
                    expected: format!("a date format ({why})"),
                    found: format!("\"{}\"", shorten(f, 30)),
                })?)
            }
            _ => None,
        };
        let already = matches!(
            (&parse, &c.data),
            (table::csv::ParseAs::Number, ColumnData::Number(_))
                | (table::csv::ParseAs::Text, ColumnData::Text(_))
                | (table::csv::ParseAs::Date, ColumnData::Date(_))
        );
        if already {
            return Ok(());
        }
        self.ensure_keys(field);
        let key = self
            .key_col(field)
            .ok_or_else(|| missing_field(&self.table, field, &path))?;
        let texts: Vec<String> = (0..key.card)
            .map(|code| self.key_text(field, code).unwrap_or_default())
            .collect();
        enum Out {
            Num(Vec<f64>),
            Text(Vec<Option<String>>),
        }
        let fail = |code: usize, expected: &str| {
            let row = key
                .codes
                .iter()
                .position(|&c| c as usize == code)
                .unwrap_or(0);
            Error::Data {
                source: field.to_string(),
                at: Location::Json(format!("[{row}].{field}")),
                expected: format!("{expected} (format.parse of \"{field}\")"),
                found: format!("\"{}\"", shorten(&texts[code], 40)),
            }
        };
        let number = |code: usize, v: Option<f64>, what: &str| match v {
            Some(v) => Ok(v),
            None if infer::is_missing(&texts[code]) => Ok(f64::NAN),
            None => Err(fail(code, what)),
        };
        let out = match &parse {
            table::csv::ParseAs::Number => Out::Num(
                (0..key.card)
                    .map(|i| number(i, infer::parse_number(&texts[i]), "a number"))
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::Date => Out::Num(
                (0..key.card)
                    .map(|i| {
                        let t = &texts[i];
                        number(
                            i,
                            infer::parse_date(t).or_else(|| infer::parse_year(t)),
                            "a date",
                        )
                    })
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::DateFormat(f) => Out::Num(
                (0..key.card)
                    .map(|i| {
                        let v = format.as_ref().and_then(|d| d.parse(&texts[i]));
                        number(i, v, &format!("a date in the format \"{f}\""))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::Boolean => Out::Text(
                (0..key.card)
                    .map(|i| match infer::parse_boolean(&texts[i]) {
                        Some(b) => Ok(Some(b.to_string())),
                        None if infer::is_missing(&texts[i]) => Ok(None),
                        None => Err(fail(i, "true or false")),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            table::csv::ParseAs::Text => Out::Text(
                texts
                    .iter()
                    .map(|t| (!t.trim().is_empty()).then(|| t.trim().to_string()))
                    .collect(),
            ),
        };
        let data = match out {
            Out::Num(values) => {
                let per_row = key
                    .codes
                    .iter()
                    .map(|&c| values.get(c as usize).copied().unwrap_or(f64::NAN))
                    .collect();
                match parse {
                    table::csv::ParseAs::Number => ColumnData::Number(per_row),
                    _ => ColumnData::Date(per_row),
                }
            }
            Out::Text(values) => {
                // The dictionary in first-appearance order, equal texts merged.
                let mut dictionary: Vec<String> = Vec::new();
                let mut seen: HashMap<&str, u32> = HashMap::new();
                let code_of: Vec<u32> = values
                    .iter()
                    .map(|v| match v {
                        None => TextColumn::NULL,
                        Some(t) => *seen.entry(t.as_str()).or_insert_with(|| {
                            dictionary.push(t.clone());
                            dictionary.len() as u32 - 1
                        }),
                    })
                    .collect();
                let codes = key
                    .codes
                    .iter()
                    .map(|&c| code_of.get(c as usize).copied().unwrap_or(TextColumn::NULL))
                    .collect();
                ColumnData::Text(TextColumn::from_parts(dictionary, codes))
            }
        };
        self.keys.remove(field);
        self.table.set_column(Column {
            name: field.to_string(),
            data,
        });
        Ok(())
    }
}

fn numbers_of(c: &Column) -> Option<&[f64]> {
    match &c.data {
        ColumnData::Number(v) | ColumnData::Date(v) => Some(v),
        ColumnData::Text(_) => None,
    }
}

fn extent_of(v: &[f64]) -> Option<(f64, f64)> {
    let mut e: Option<(f64, f64)> = None;
    for &x in v.iter().filter(|x| !x.is_nan()) {
        e = Some(match e {
            None => (x, x),
            Some((lo, hi)) => (lo.min(x), hi.max(x)),
        });
    }
    e
}

/// A column of the given rows, keeping the column's type.
fn pick(c: &Column, rows: impl Iterator<Item = usize>) -> Column {
    let data = match &c.data {
        ColumnData::Number(v) => ColumnData::Number(
            rows.map(|r| v.get(r).copied().unwrap_or(f64::NAN))
                .collect(),
        ),
        ColumnData::Date(v) => ColumnData::Date(
            rows.map(|r| v.get(r).copied().unwrap_or(f64::NAN))
                .collect(),
        ),
        ColumnData::Text(t) => {
            let rows: Vec<usize> = rows.collect();
            ColumnData::Text(t.select(&rows))
        }
    };
    Column {
        name: c.name.clone(),
        data,
    }
}
