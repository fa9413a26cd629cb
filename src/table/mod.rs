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
/// The kind of workbook `bytes` start like: `"xlsx"` (a ZIP archive: .xlsx, .xlsm, .ods)
/// or `"xls"` (a compound document: Excel 97–2003). In every build, so that one without
/// [`workbook`] can say what it was given.
pub fn workbook_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("xlsx")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("xls")
    } else {
        None
    }
}

/// Workbooks need calamine: native builds, and the explorer's workbook wasm (feature
/// `workbook`).
#[cfg(any(not(target_arch = "wasm32"), feature = "workbook"))]
pub mod workbook;

use std::sync::Arc;

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
    if n.is_infinite() {
        // As JavaScript writes it (a category "Infinity" read from a CSV stays one).
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Text values stored once each, with one code per row.
#[derive(Debug, Clone, Default)]
pub struct TextColumn {
    /// Distinct values in order of first appearance.
    pub dictionary: Vec<String>,
    /// Per row: index into `dictionary`, or [`TextColumn::NULL`] for a missing value.
    pub codes: Vec<u32>,
    /// (hash, code) of each dictionary value (foldhash folded to 32 bits: eight bytes an
    /// entry, so that a column of a million distinct values costs 16 MB of table, not 32;
    /// the strings live only in `dictionary`, and growing the table never hashes them
    /// again). Built on the first [`TextColumn::push`] of a column made otherwise, and
    /// dropped by [`TextColumn::shrink`].
    lookup: hashbrown::HashTable<(u32, u32)>,
}

/// The hasher of dictionary lookups: fast and fixed (no per-process seed needed — the
/// table is not exposed to untrusted key choice beyond one file's values), folded to 32
/// bits.
fn text_hash(v: &str) -> u32 {
    use std::hash::BuildHasher;
    let h = foldhash::fast::FixedState::with_seed(0x5d_7a_11).hash_one(v);
    (h ^ (h >> 32)) as u32
}

/// Whether two texts are equal, compared eight bytes at a time: every cell of a text
/// column is compared with its dictionary entry while a file loads, and the wasm build's
/// `memcmp` (what `==` on texts calls) compares one byte at a time.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (a8, a_rest) = a.as_chunks::<8>();
    let (b8, b_rest) = b.as_chunks::<8>();
    a8.iter()
        .zip(b8)
        .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y))
        && a_rest.iter().zip(b_rest).all(|(x, y)| x == y)
}

/// A stored 32-bit hash as the table's 64-bit one (hashbrown takes its bucket from the
/// low bits and its tag from the top seven: both must vary).
fn wide(h: u32) -> u64 {
    u64::from(h) << 32 | u64::from(h)
}

impl PartialEq for TextColumn {
    fn eq(&self, other: &Self) -> bool {
        self.dictionary == other.dictionary && self.codes == other.codes
    }
}

impl TextColumn {
    /// Code of a missing value.
    pub const NULL: u32 = u32::MAX;

    /// A column from a dictionary and codes (each code < dictionary length, or NULL).
    pub fn from_parts(dictionary: Vec<String>, codes: Vec<u32>) -> TextColumn {
        TextColumn {
            dictionary,
            codes,
            lookup: hashbrown::HashTable::new(),
        }
    }

    /// Appends a value (or a missing value).
    pub fn push(&mut self, value: Option<&str>) {
        let code = match value {
            None => Self::NULL,
            Some(v) => self.code_of(v),
        };
        self.codes.push(code);
    }

    /// The code of `v`, adding it to the dictionary when new.
    fn code_of(&mut self, v: &str) -> u32 {
        if self.lookup.len() < self.dictionary.len() {
            // Made by from_parts: index the dictionary first.
            self.lookup.clear();
            for (code, d) in self.dictionary.iter().enumerate() {
                let h = text_hash(d);
                self.lookup
                    .insert_unique(wide(h), (h, code as u32), |e| wide(e.0));
            }
        }
        let hash = text_hash(v);
        let dict = &self.dictionary;
        if let Some(&(_, code)) = self.lookup.find(wide(hash), |&(h, c)| {
            h == hash && dict.get(c as usize).is_some_and(|d| same_text(d, v))
        }) {
            return code;
        }
        let code = self.dictionary.len() as u32;
        self.dictionary.push(v.to_string());
        self.lookup
            .insert_unique(wide(hash), (hash, code), |e| wide(e.0));
        code
    }

    /// Frees the lookup table that [`TextColumn::push`] keeps (rebuilt if the column
    /// grows again): a loaded column of many distinct values holds it no longer.
    pub fn shrink(&mut self) {
        self.lookup = hashbrown::HashTable::new();
    }

    /// Reserves room for `additional` more rows.
    pub fn reserve(&mut self, additional: usize) {
        self.codes.reserve(additional);
    }

    /// The value of row `row`, or `None` if missing.
    pub fn get(&self, row: usize) -> Option<&str> {
        let code = *self.codes.get(row)?;
        self.dictionary.get(code as usize).map(String::as_str)
    }

    /// The rows `rows` (in that order), with a dictionary of only the values they use,
    /// in order of first appearance — no hashing: codes are remapped through a table.
    pub fn select(&self, rows: &[usize]) -> TextColumn {
        let mut remap = vec![Self::NULL; self.dictionary.len()];
        let mut dictionary = Vec::new();
        let codes = rows
            .iter()
            .map(|&r| match self.codes.get(r) {
                Some(&c) if (c as usize) < remap.len() => {
                    let slot = &mut remap[c as usize];
                    if *slot == Self::NULL {
                        *slot = dictionary.len() as u32;
                        dictionary.push(self.dictionary[c as usize].clone());
                    }
                    *slot
                }
                _ => Self::NULL,
            })
            .collect();
        TextColumn::from_parts(dictionary, codes)
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

/// A table: columns of equal length. Columns are shared between copies (a table passed
/// through a stage that keeps a column costs a reference count, not a copy).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    columns: Vec<Arc<Column>>,
    rows: usize,
}

impl Table {
    /// Builds a table from columns. Returns `None` if their lengths differ.
    pub fn new(columns: Vec<Column>) -> Option<Table> {
        let rows = columns.first().map_or(0, Column::len);
        if columns.iter().any(|c| c.len() != rows) {
            return None;
        }
        Some(Table {
            columns: columns.into_iter().map(Arc::new).collect(),
            rows,
        })
    }

    /// A table of `rows` rows and no columns: records with no fields, such as
    /// `"values": [{}]`, whose one row draws marks positioned by data or values alone.
    pub fn blank(rows: usize) -> Table {
        Table {
            columns: Vec::new(),
            rows,
        }
    }

    /// Number of rows.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    /// The columns in order.
    pub fn columns(&self) -> impl ExactSizeIterator<Item = &Column> + '_ {
        self.columns.iter().map(|c| c.as_ref())
    }

    /// Number of columns.
    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.as_ref())
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
            Some(slot) => *slot = Arc::new(column),
            None => self.columns.push(Arc::new(column)),
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
                    ColumnData::Text(t) => ColumnData::Text(t.select(rows)),
                },
            })
            .map(Arc::new)
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
    fn same_text_is_equality() {
        let texts = [
            "",
            "a",
            "国家标准",
            "国家标准化",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
            "合成示例 智能制造 工业机器人 安全要求 第2部分",
            "合成示例 智能制造 工业机器人 安全要求 第3部分",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn text_column_keeps_its_codes_after_shrink_and_many_values() {
        let mut t = TextColumn::default();
        let names: Vec<String> = (0..5000).map(|i| format!("T/SYN {i:07}")).collect();
        for n in &names {
            t.push(Some(n));
        }
        t.shrink();
        // Pushes after the lookup was dropped find the old values and add new ones.
        t.push(Some(&names[4321]));
        t.push(Some("new"));
        t.push(Some(&names[0]));
        assert_eq!(t.dictionary.len(), 5001);
        assert_eq!(t.codes[5000..], [4321, 5000, 0]);
        assert_eq!(t.get(5001), Some("new"));
    }

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
