//! Tables of typed columns: the first stage after bytes.
//!
//! A [`Table`] holds named columns, each either numbers or dictionary-encoded text, so
//! that a million rows are a few flat vectors and a category repeated a million times is
//! stored once. Loaders (`json`) turn bytes into tables and report positions on failure;
//! nothing downstream ever sees raw JSON or CSV text again.

pub mod csv;
pub mod date;
pub mod encoding;
pub mod export;
pub mod infer;
pub mod json;

use std::collections::HashMap;

/// One cell value, borrowed from a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// A number (never NaN; missing numbers are [`Value::Null`]).
    Number(f64),
    /// A text value.
    Text(&'a str),
    /// A date-time: milliseconds since 1970-01-01T00:00:00 UTC (see [`date`]).
    Date(f64),
    /// A missing value.
    Null,
}

impl Value<'_> {
    /// The value as a number, if it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as display text (numbers without a trailing `.0`).
    pub fn to_text(&self) -> String {
        match self {
            Value::Number(n) => format_plain_number(*n),
            Value::Text(t) => (*t).to_string(),
            Value::Date(ms) => date::format_iso(*ms),
            Value::Null => String::new(),
        }
    }
}

/// An owned cell value, used while building new columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// A date-time (ms since the epoch).
    Date(f64),
    /// Missing.
    Null,
}

impl From<Value<'_>> for Cell {
    fn from(v: Value<'_>) -> Cell {
        match v {
            Value::Number(n) => Cell::Number(n),
            Value::Text(t) => Cell::Text(t.to_string()),
            Value::Date(d) => Cell::Date(d),
            Value::Null => Cell::Null,
        }
    }
}

impl Cell {
    /// Borrows the cell as a [`Value`].
    pub fn as_value(&self) -> Value<'_> {
        match self {
            Cell::Number(n) if !n.is_nan() => Value::Number(*n),
            Cell::Text(t) => Value::Text(t),
            Cell::Date(d) if !d.is_nan() => Value::Date(*d),
            _ => Value::Null,
        }
    }
}

/// Builds a column from owned cells: numbers if every present cell is a number, dates if
/// every present cell is a date, text otherwise (numbers and dates written as text).
pub fn column_from_cells(name: &str, cells: Vec<Cell>) -> Column {
    let present = || cells.iter().filter(|c| !matches!(c, Cell::Null));
    let data = if present().all(|c| matches!(c, Cell::Number(_))) {
        ColumnData::Number(
            cells
                .iter()
                .map(|c| {
                    if let Cell::Number(n) = c {
                        *n
                    } else {
                        f64::NAN
                    }
                })
                .collect(),
        )
    } else if present().all(|c| matches!(c, Cell::Date(_))) {
        ColumnData::Date(
            cells
                .iter()
                .map(|c| if let Cell::Date(d) = c { *d } else { f64::NAN })
                .collect(),
        )
    } else {
        let mut t = TextColumn::default();
        for c in &cells {
            match c {
                Cell::Null => t.push(None),
                other => t.push(Some(&other.as_value().to_text())),
            }
        }
        ColumnData::Text(t)
    };
    Column {
        name: name.to_string(),
        data,
    }
}

/// Formats a number the way a person writes it: `80`, `12.5`, never `80.0`.
pub fn format_plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Text values stored once each, with one code per row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextColumn {
    /// Distinct values in order of first appearance.
    pub dictionary: Vec<String>,
    /// Per row: index into `dictionary`, or [`TextColumn::NULL`] for a missing value.
    pub codes: Vec<u32>,
    lookup: HashMap<String, u32>,
}

impl TextColumn {
    /// Code of a missing value.
    pub const NULL: u32 = u32::MAX;

    /// Appends a value (or a missing value).
    pub fn push(&mut self, value: Option<&str>) {
        let code = match value {
            None => Self::NULL,
            Some(v) => match self.lookup.get(v) {
                Some(code) => *code,
                None => {
                    let code = self.dictionary.len() as u32;
                    self.dictionary.push(v.to_string());
                    self.lookup.insert(v.to_string(), code);
                    code
                }
            },
        };
        self.codes.push(code);
    }

    /// The value of row `row`, or `None` if missing.
    pub fn get(&self, row: usize) -> Option<&str> {
        let code = *self.codes.get(row)?;
        self.dictionary.get(code as usize).map(String::as_str)
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Numbers; a missing value is NaN.
    Number(Vec<f64>),
    /// Dictionary-encoded text.
    Text(TextColumn),
    /// Date-times in milliseconds since the epoch (UTC); a missing value is NaN.
    Date(Vec<f64>),
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The field name used in specs.
    pub name: String,
    /// The values.
    pub data: ColumnData,
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match &self.data {
            ColumnData::Number(v) | ColumnData::Date(v) => v.len(),
            ColumnData::Text(t) => t.codes.len(),
        }
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value in row `row`.
    pub fn value(&self, row: usize) -> Value<'_> {
        match &self.data {
            ColumnData::Number(v) => match v.get(row) {
                Some(n) if !n.is_nan() => Value::Number(*n),
                _ => Value::Null,
            },
            ColumnData::Text(t) => t.get(row).map_or(Value::Null, Value::Text),
            ColumnData::Date(v) => match v.get(row) {
                Some(ms) if !ms.is_nan() => Value::Date(*ms),
                _ => Value::Null,
            },
        }
    }

    /// True for a numeric column.
    pub fn is_numeric(&self) -> bool {
        matches!(self.data, ColumnData::Number(_))
    }
}

/// A table: columns of equal length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    columns: Vec<Column>,
    rows: usize,
}

impl Table {
    /// Builds a table from columns. Returns `None` if their lengths differ.
    pub fn new(columns: Vec<Column>) -> Option<Table> {
        let rows = columns.first().map_or(0, Column::len);
        if columns.iter().any(|c| c.len() != rows) {
            return None;
        }
        Some(Table { columns, rows })
    }

    /// Number of rows.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    /// The columns in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The names of all columns, in order.
    pub fn field_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// Adds (or replaces) a column; returns `false` and changes nothing if its length
    /// differs from the table's (an empty table takes any length).
    pub fn set_column(&mut self, column: Column) -> bool {
        if !self.columns.is_empty() && column.len() != self.rows {
            return false;
        }
        self.rows = column.len();
        match self.columns.iter_mut().find(|c| c.name == column.name) {
            Some(slot) => *slot = column,
            None => self.columns.push(column),
        }
        true
    }

    /// A table of the given rows, in the given order (rows may repeat).
    pub fn select_rows(&self, rows: &[usize]) -> Table {
        let columns = self
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                data: match &c.data {
                    ColumnData::Number(v) => ColumnData::Number(
                        rows.iter()
                            .map(|&r| v.get(r).copied().unwrap_or(f64::NAN))
                            .collect(),
                    ),
                    ColumnData::Date(v) => ColumnData::Date(
                        rows.iter()
                            .map(|&r| v.get(r).copied().unwrap_or(f64::NAN))
                            .collect(),
                    ),
                    ColumnData::Text(t) => {
                        let mut out = TextColumn::default();
                        for &r in rows {
                            out.push(t.get(r));
                        }
                        ColumnData::Text(out)
                    }
                },
            })
            .collect();
        Table {
            columns,
            rows: rows.len(),
        }
    }

    /// The value of `field` in `row` (`Null` if the field is absent).
    pub fn value(&self, field: &str, row: usize) -> Value<'_> {
        self.column(field).map_or(Value::Null, |c| c.value(row))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_column_stores_each_distinct_value_once() {
        let mut t = TextColumn::default();
        for v in [Some("国家标准"), Some("行业标准"), Some("国家标准"), None] {
            t.push(v);
        }
        assert_eq!(t.dictionary, vec!["国家标准", "行业标准"]);
        assert_eq!(t.codes, vec![0, 1, 0, TextColumn::NULL]);
        assert_eq!(t.get(2), Some("国家标准"));
        assert_eq!(t.get(3), None);
    }

    #[test]
    fn table_rejects_columns_of_unequal_length() {
        let a = Column {
            name: "a".into(),
            data: ColumnData::Number(vec![1.0, 2.0]),
        };
        let b = Column {
            name: "b".into(),
            data: ColumnData::Number(vec![1.0]),
        };
        assert!(Table::new(vec![a.clone(), b]).is_none());
        assert_eq!(Table::new(vec![a]).map(|t| t.row_count()), Some(2));
    }

    #[test]
    fn nan_reads_as_null() {
        let c = Column {
            name: "n".into(),
            data: ColumnData::Number(vec![f64::NAN, 3.0]),
        };
        assert_eq!(c.value(0), Value::Null);
        assert_eq!(c.value(1), Value::Number(3.0));
    }

    #[test]
    fn plain_numbers_have_no_trailing_zeroes() {
        assert_eq!(format_plain_number(80.0), "80");
        assert_eq!(format_plain_number(12.5), "12.5");
        assert_eq!(format_plain_number(-0.25), "-0.25");
    }
}
