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
//! This module holds only the values (and the wording of their errors); the CSV/TSV
//! loader checks bytes, rows, columns and cells as it reads, and [`crate::check`] runs the
//! other checks on tables, spec texts, a dry run of the chart and the laid-out scene.
//!
//! Each failure is an [`Error`] whose `expected` text names the limit and says how to
//! raise it. The host sets them with [`Options`]: natively through
//! [`crate::Chart::with_options`]; in the browser as `options.limits` of the page glue,
//! with the camelCase names (`{limits: {maxRows: 5000000}}`), which [`Limits`]
//! deserializes (see docs/LIMITS.md).

use crate::error::Error;

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

impl Limits {
    /// The defaults (the module documentation's table), as a constant.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 256 * 1024 * 1024,
        max_rows: 2_000_000,
        max_columns: 1_000,
        max_cell_chars: 100_000,
        max_label_chars: 10_000,
        max_categories: 10_000,
        max_marks: 20_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
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
