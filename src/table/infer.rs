//! Cell text → typed values, and column type inference, for delimited text files.
//!
//! What analysts' spreadsheets actually contain:
//!
//! * **numbers**: `80`, `-3.5`, `+2`, `1.23E+06`, thousands separators (`44,499`,
//!   `3,165,625`), full-width digits (`４４４９９`), surrounding whitespace; Chinese unit
//!   suffixes `万` (×10⁴), `亿` (×10⁸) and `万亿` (×10¹²), e.g. `3.2万`, `1.5亿`; per-cent
//!   `12.5%` → `0.125` (the true value: charts format it back with a `%` format). The
//!   suffix shifts the decimal exponent in the text before parsing, so `3.2万` is exactly
//!   the `f64` nearest 32000 and `12.5%` exactly the one nearest 0.125;
//! * **dates**: `2024-01-10`, `2024/1/10`, `2024.1.10`, `2024年1月10日`, with an optional
//!   time (`2024-01-10 13:20:06`, `2024-01-10T13:20`, fractional seconds, `Z` or an offset
//!   such as `+08:00`, converted to UTC); months `2024-01`, `2024/1`, `2024年1月` (the
//!   first of the month); English month names as JavaScript's `Date.parse` reads them,
//!   `Jan 1 2000`, `January 1, 2000`, `Jan 2000`. Values are milliseconds since the epoch (UTC), as
//!   [`super::date`] computes them, valid before 1900 too;
//! * **invalid numbers**, as JavaScript reads them: `Infinity`, `+Infinity`, `-Infinity`
//!   and numbers beyond ±1.8e308 (`1e309`) are ±∞. They keep a column numeric; the chart
//!   leaves them out of its marks (Vega-Lite's `invalid: "filter"`, see `crate::encode`);
//! * **missing**: an empty cell, `NA`, `N/A`, `#N/A` (Excel), `null`, `NaN` (letters in any
//!   case), `-`, `--`, `—`, `——`, `–`, `－`;
//! * everything else is **text**.
//!
//! A bare 4-digit year such as `2019` is a number, never a date, so a year column stays
//! numeric. A column is numeric when all its present cells are numbers, a date column when
//! all are dates, and text otherwise. Nothing here allocates per cell.

use super::date;

/// Longest number text (after removing separators) that is read as a number.
const MAX_NUMBER_BYTES: usize = 100;

/// What one cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue {
    /// Empty or a missing-value marker.
    Missing,
    /// A number.
    Number(f64),
    /// A date-time, milliseconds since the epoch (UTC).
    Date(f64),
    /// Anything else.
    Text,
}

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Every present cell is a number (also a column with no present cells).
    Number,
    /// Every present cell is a date, and there is at least one.
    Date,
    /// Anything else.
    Text,
}

/// Whether a cell is missing: empty, blank, or one of the markers in the module docs.
pub fn is_missing(cell: &str) -> bool {
    is_missing_trimmed(trim(cell))
}

/// [`is_missing`] for a cell already trimmed.
pub(crate) fn is_missing_trimmed(s: &str) -> bool {
    if s.len() > 6 {
        return false;
    }
    s.is_empty()
        || matches!(s, "-" | "--" | "—" | "——" | "–" | "－")
        || ["na", "n/a", "#n/a", "null", "nan"]
            .iter()
            .any(|m| s.eq_ignore_ascii_case(m))
}

/// What a cell holds: missing, a number, a date, or text.
pub fn classify(cell: &str) -> CellValue {
    if is_missing(cell) {
        CellValue::Missing
    } else if let Some(n) = parse_number(cell) {
        CellValue::Number(n)
    } else if let Some(ms) = parse_date(cell) {
        CellValue::Date(ms)
    } else {
        CellValue::Text
    }
}

/// Running type inference for one column: feed it every cell, then ask
/// [`TypeTally::column_type`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TypeTally {
    /// Cells that are not missing.
    pub present: usize,
    /// Present cells that are numbers.
    pub numbers: usize,
    /// Present cells that are dates.
    pub dates: usize,
}

impl TypeTally {
    /// Counts one cell.
    pub fn observe(&mut self, cell: &str) {
        match classify(cell) {
            CellValue::Missing => {}
            CellValue::Number(_) => {
                self.present += 1;
                self.numbers += 1;
            }
            CellValue::Date(_) => {
                self.present += 1;
                self.dates += 1;
            }
            CellValue::Text => self.present += 1,
        }
    }

    /// The column's type from the cells seen so far.
    pub fn column_type(&self) -> ColumnType {
        if self.numbers == self.present {
            ColumnType::Number
        } else if self.dates == self.present {
            ColumnType::Date
        } else {
            ColumnType::Text
        }
    }
}

/// The type of a column of cells.
pub fn infer_column<'a>(cells: impl IntoIterator<Item = &'a str>) -> ColumnType {
    let mut tally = TypeTally::default();
    for cell in cells {
        tally.observe(cell);
    }
    tally.column_type()
}

/// A fixed-size buffer for the normalised number text; no allocation per cell.
struct NumberText {
    bytes: [u8; MAX_NUMBER_BYTES + 16],
    len: usize,
}

impl NumberText {
    fn push(&mut self, b: u8) -> Option<()> {
        let slot = self.bytes.get_mut(self.len)?;
        *slot = b;
        self.len += 1;
        Some(())
    }

    fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self.bytes.get(..self.len)?).ok()
    }
}

/// Reads a number (see the module docs), or `None` if the cell is not one. The result may
/// be ±∞ (`Infinity`, `1e309`), never NaN.
pub fn parse_number(cell: &str) -> Option<f64> {
    let s = trim(cell);
    if s.len() > MAX_NUMBER_BYTES {
        return None;
    }
    match s {
        "Infinity" | "+Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    if is_plain_decimal(s.as_bytes()) {
        // The common case, `80` or `-3.5`: Rust's parser reads it exactly as it is.
        return crate::decimal::parse_f64(s).filter(|v| v.is_finite());
    }
    grouped_integer(s.as_bytes()).or_else(|| parse_number_general(s))
}

/// The next most common case, `44,499` or `-3,165,625`, read exactly without building text.
/// `None` means "not this shape", not "not a number".
fn grouped_integer(b: &[u8]) -> Option<f64> {
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, b.get(1..)?),
        Some(b'+') => (false, b.get(1..)?),
        _ => (false, b),
    };
    if digits.first() == Some(&b'0') || digits.len() > 19 {
        return None;
    }
    let mut value: u64 = 0;
    let mut group = 0;
    let mut groups = 0;
    for &c in digits {
        if c.is_ascii_digit() {
            value = value * 10 + u64::from(c - b'0');
            group += 1;
            if groups > 0 && group > 3 {
                return None;
            }
        } else if c == b',' && group > 0 && group <= 3 && (groups == 0 || group == 3) {
            groups += 1;
            group = 0;
        } else {
            return None;
        }
    }
    // At most 15 digits (19 bytes with separators): exact in an f64.
    if groups == 0 || group != 3 {
        return None;
    }
    let v = value as f64;
    Some(if negative { -v } else { v })
}

/// `cell` without surrounding whitespace; skips `str::trim` when neither end can be
/// whitespace, judged from the end bytes (every Unicode space starts with a byte of at most
/// 0x20 or one of C2 E1 E2 E3, and ends with one of at most 0x20, 80–8A, 9F, A0, A8, A9, AF).
pub(crate) fn trim(cell: &str) -> &str {
    let b = cell.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return cell;
    };
    let may_start = first <= b' ' || matches!(first, 0xC2 | 0xE1..=0xE3);
    let may_end = last <= b' ' || matches!(last, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF);
    if !may_start && !may_end {
        return cell;
    }
    let mut chars = cell.chars();
    let clean = (!may_start || chars.next().is_some_and(|c| !is_space(c)))
        && (!may_end || chars.next_back().is_none_or(|c| !is_space(c)));
    if clean {
        cell
    } else {
        cell.trim()
    }
}

/// `char::is_whitespace` (Unicode White_Space), as one match instead of a table lookup.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// Whether `b` is `[+-]?digits[.digits]` (or `.digits`, `digits.`) with at least one digit.
fn is_plain_decimal(b: &[u8]) -> bool {
    let body = match b.first() {
        Some(b'+' | b'-') => b.get(1..).unwrap_or_default(),
        _ => b,
    };
    let mut digits = 0usize;
    let mut dots = 0usize;
    for &c in body {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c == b'.' {
            dots += 1;
        } else {
            return false;
        }
    }
    digits > 0 && dots <= 1
}

/// One character of number text, full-width forms folded to ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sym {
    Digit(u8),
    Comma,
    Dot,
    Plus,
    Minus,
    Exp,
    Other,
}

/// The symbol at the start of `b` and its length in bytes.
fn sym(b: &[u8]) -> (Sym, usize) {
    match b {
        [c @ b'0'..=b'9', ..] => (Sym::Digit(*c), 1),
        [b',', ..] => (Sym::Comma, 1),
        [b'.', ..] => (Sym::Dot, 1),
        [b'+', ..] => (Sym::Plus, 1),
        [b'-', ..] => (Sym::Minus, 1),
        [b'e' | b'E', ..] => (Sym::Exp, 1),
        // Full-width forms U+FF0B..U+FF19: ＋ ， － ． ／ ０-９.
        [0xEF, 0xBC, c @ 0x90..=0x99, ..] => (Sym::Digit(b'0' + (c - 0x90)), 3),
        [0xEF, 0xBC, 0x8C, ..] => (Sym::Comma, 3),
        [0xEF, 0xBC, 0x8E, ..] => (Sym::Dot, 3),
        [0xEF, 0xBC, 0x8B, ..] => (Sym::Plus, 3),
        [0xEF, 0xBC, 0x8D, ..] => (Sym::Minus, 3),
        // U+2212 MINUS SIGN.
        [0xE2, 0x88, 0x92, ..] => (Sym::Minus, 3),
        _ => (Sym::Other, 1),
    }
}

/// Steps over a symbol of `n` bytes and reads the next.
fn advance(b: &mut &[u8], n: usize) -> (Sym, usize) {
    *b = b.get(n..).unwrap_or_default();
    sym(b)
}

/// Numbers with separators, suffixes, full-width characters or exponents.
fn parse_number_general(s: &str) -> Option<f64> {
    let mut b = s.as_bytes();
    // Unit suffix: a shift of the decimal exponent.
    let mut shift: i32 = 0;
    if let Some(rest) = b.strip_suffix(b"%") {
        b = rest;
        shift = -2;
    } else if b.last().is_some_and(|c| *c >= 0x80) {
        for (suffix, by) in [("万亿", 12), ("亿", 8), ("万", 4), ("％", -2)] {
            if let Some(rest) = b.strip_suffix(suffix.as_bytes()) {
                b = rest;
                shift = by;
                break;
            }
        }
    }
    if shift != 0 {
        // `3.2 万`: spaces between the number and its unit.
        while let Some((last, rest)) = b.split_last() {
            if !last.is_ascii_whitespace() {
                break;
            }
            b = rest;
        }
    }
    let mut out = NumberText {
        bytes: [0; MAX_NUMBER_BYTES + 16],
        len: 0,
    };
    let (mut s, mut n) = sym(b);
    match s {
        Sym::Minus => {
            out.push(b'-')?;
            (s, n) = advance(&mut b, n);
        }
        Sym::Plus => (s, n) = advance(&mut b, n),
        _ => {}
    }
    // Integer part, with optional thousands separators in groups of three.
    let mut int_digits = 0usize;
    let mut group = 0usize; // digits since the last separator (or the start)
    let mut separators = 0usize;
    let mut leading_zero = false;
    while !b.is_empty() {
        match s {
            Sym::Digit(d) => {
                if int_digits == 0 && d == b'0' {
                    leading_zero = true;
                }
                out.push(d)?;
                int_digits += 1;
                group += 1;
                if separators > 0 && group > 3 {
                    return None;
                }
            }
            Sym::Comma => {
                // First group 1–3 digits (not starting with 0), later groups exactly 3.
                if group == 0 || (separators == 0 && (group > 3 || leading_zero)) {
                    return None;
                }
                if separators > 0 && group != 3 {
                    return None;
                }
                separators += 1;
                group = 0;
            }
            _ => break,
        }
        (s, n) = advance(&mut b, n);
    }
    if separators > 0 && group != 3 {
        return None;
    }
    // Fraction.
    let mut frac_digits = 0usize;
    if !b.is_empty() && s == Sym::Dot {
        out.push(b'.')?;
        (s, n) = advance(&mut b, n);
        while let (false, Sym::Digit(d)) = (b.is_empty(), s) {
            out.push(d)?;
            frac_digits += 1;
            (s, n) = advance(&mut b, n);
        }
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    // Exponent (as Excel writes large numbers: 1.23E+06), not with separators.
    let mut exponent: i32 = 0;
    if !b.is_empty() && s == Sym::Exp {
        if separators > 0 {
            return None;
        }
        (s, n) = advance(&mut b, n);
        let negative = match s {
            Sym::Minus if !b.is_empty() => {
                (s, n) = advance(&mut b, n);
                true
            }
            Sym::Plus if !b.is_empty() => {
                (s, n) = advance(&mut b, n);
                false
            }
            _ => false,
        };
        let mut exp_digits = 0;
        while let (false, Sym::Digit(d)) = (b.is_empty(), s) {
            exp_digits += 1;
            if exp_digits > 6 {
                return None;
            }
            exponent = exponent * 10 + i32::from(d - b'0');
            (s, n) = advance(&mut b, n);
        }
        if exp_digits == 0 {
            return None;
        }
        if negative {
            exponent = -exponent;
        }
    }
    if !b.is_empty() {
        return None;
    }
    let exponent = exponent + shift;
    if exponent != 0 {
        out.push(b'e')?;
        if exponent < 0 {
            out.push(b'-')?;
        }
        let e = exponent.unsigned_abs();
        let mut started = false;
        for div in [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1] {
            let d = (e / div % 10) as u8;
            if d != 0 || started || div == 1 {
                out.push(b'0' + d)?;
                started = true;
            }
        }
    }
    if out.len > MAX_NUMBER_BYTES {
        return None;
    }
    // Beyond ±1.8e308 the value is ±∞, as JavaScript's `Number("1e309")`.
    crate::decimal::parse_f64(out.as_str()?).filter(|v| !v.is_nan())
}

/// A cursor over ASCII digits and separators of a date.
struct Cursor<'a> {
    s: &'a str,
}

impl<'a> Cursor<'a> {
    /// Takes `min..=max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let mut n = 0;
        let mut value: u32 = 0;
        for &b in self.s.as_bytes() {
            if n == max || !b.is_ascii_digit() {
                break;
            }
            value = value.saturating_mul(10).saturating_add(u32::from(b - b'0'));
            n += 1;
        }
        if n < min {
            return None;
        }
        self.s = self.s.get(n..)?;
        Some(value)
    }

    /// Takes `prefix` if the rest starts with it.
    fn eat(&mut self, prefix: &str) -> bool {
        if self.s.as_bytes().first() != prefix.as_bytes().first() {
            return false;
        }
        match self.s.strip_prefix(prefix) {
            Some(rest) => {
                self.s = rest;
                true
            }
            None => false,
        }
    }

    fn is_empty(&self) -> bool {
        self.s.is_empty()
    }
}

/// A date where a value is known to be temporal (a temporal field, a temporal scale's
/// domain or axis values): [`parse_date`], or a bare year ([`parse_year`]: `"2019"`, as
/// JavaScript's `Date` reads it, 1 January). Type inference does not use it, so a column
/// of year texts stays what it was.
pub fn parse_temporal(cell: &str) -> Option<f64> {
    parse_date(cell).or_else(|| parse_year(cell))
}

/// Reads a date or date-time (see the module docs) as milliseconds since the epoch (UTC),
/// or `None` if the cell is not one. A bare year is not a date here (see [`parse_year`]).
pub fn parse_date(cell: &str) -> Option<f64> {
    let text = trim(cell);
    if text.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return english_month_date(text);
    }
    let mut c = Cursor { s: text };
    let year = i64::from(c.digits(4, 4)?);
    if c.eat("年") {
        let month = c.digits(1, 2)?;
        if !c.eat("月") {
            return None;
        }
        if c.is_empty() {
            return date::is_valid(year, month, 1).then(|| date::to_ms(year, month, 1, 0, 0, 0));
        }
        let day = c.digits(1, 2)?;
        c.eat("日");
        if c.is_empty() {
            return date::is_valid(year, month, day)
                .then(|| date::to_ms(year, month, day, 0, 0, 0));
        }
        if !c.eat(" ") {
            return None;
        }
        c.s = c.s.trim_start();
        return with_time(year, month, day, c);
    }
    let sep = ["-", "/", "."].into_iter().find(|sep| c.eat(sep))?;
    let month = c.digits(1, 2)?;
    if c.is_empty() {
        // `2024.01` would be a number; only `-` and `/` make months.
        return (sep != "." && date::is_valid(year, month, 1))
            .then(|| date::to_ms(year, month, 1, 0, 0, 0));
    }
    if !c.eat(sep) {
        return None;
    }
    let day = c.digits(1, 2)?;
    if c.is_empty() {
        return date::is_valid(year, month, day).then(|| date::to_ms(year, month, day, 0, 0, 0));
    }
    if !(c.eat("T") || c.eat(" ")) {
        return None;
    }
    c.s = c.s.trim_start();
    with_time(year, month, day, c)
}

/// English month names, as JavaScript's `Date.parse` reads them in data such as
/// Vega's `stocks.csv`: `Jan 1 2000`, `January 1, 2000`, `Jan 2000` (the first of the
/// month), a three-letter abbreviation or the full name in any case.
fn english_month_date(text: &str) -> Option<f64> {
    // RFC 2822 / HTTP dates (JavaScript's `toUTCString`): "Sun, 01 Jan 2012 00:00:00 GMT".
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    if let Some((day_name, rest)) = text.split_once(',') {
        let d = day_name.trim().to_ascii_lowercase();
        if d.len() >= 3 && WEEKDAYS.iter().any(|w| d.starts_with(w)) {
            return day_month_year(rest.trim_start());
        }
    }
    let word_end = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let month = month_of(text.get(..word_end)?)?;
    let mut c = Cursor {
        s: text.get(word_end..)?.trim_start_matches('.').trim_start(),
    };
    let first = c.digits(1, 4)?;
    let (day, year) = if c.is_empty() {
        (1, first)
    } else {
        if first > 31 {
            return None;
        }
        c.eat(",");
        c.s = c.s.trim_start();
        let year = c.digits(4, 4)?;
        (first, year)
    };
    if !c.is_empty() || year < 1000 {
        return None;
    }
    let year = i64::from(year);
    date::is_valid(year, month, day).then(|| date::to_ms(year, month, day, 0, 0, 0))
}

/// The month of an English month name or its first three letters (any case), 1–12.
fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            word.len() >= 3 && m.starts_with(word.as_str()) && (word.len() == 3 || word == *m)
        })
        .map(|m| m as u32 + 1)
}

/// `DD Mon YYYY`, then an optional time (`HH:MM[:SS]`) and zone (`GMT`, `UTC`, `Z`,
/// `±HHMM`), as an RFC 2822 date after its weekday.
fn day_month_year(text: &str) -> Option<f64> {
    let mut c = Cursor { s: text };
    let day = c.digits(1, 2)?;
    c.s = c.s.trim_start();
    let word_end =
        c.s.find(|ch: char| !ch.is_ascii_alphabetic())
            .unwrap_or(c.s.len());
    let month = month_of(c.s.get(..word_end)?)?;
    c.s = c.s.get(word_end..)?.trim_start();
    let year = i64::from(c.digits(4, 4)?);
    if c.is_empty() {
        return date::is_valid(year, month, day).then(|| date::to_ms(year, month, day, 0, 0, 0));
    }
    c.s = c.s.trim_start();
    let zoneless =
        c.s.strip_suffix(" GMT")
            .or_else(|| c.s.strip_suffix(" UTC"))
            .unwrap_or(c.s);
    let zoneless = zoneless.trim_end();
    // `+0000` after a space, as RFC 2822 writes it, joined to the time for `with_time`.
    let joined = match zoneless.rsplit_once(' ') {
        Some((time, zone)) if zone.starts_with(['+', '-']) => format!("{time}{zone}"),
        _ => zoneless.to_string(),
    };
    with_time(year, month, day, Cursor { s: &joined })
}

/// Reads `HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` after a date and returns the whole date-time.
fn with_time(year: i64, month: u32, day: u32, mut c: Cursor<'_>) -> Option<f64> {
    if !date::is_valid(year, month, day) {
        return None;
    }
    let hour = c.digits(1, 2)?;
    if !c.eat(":") {
        return None;
    }
    let minute = c.digits(2, 2)?;
    let mut second = 0;
    let mut millis = 0.0;
    if c.eat(":") {
        second = c.digits(2, 2)?;
        if c.eat(".") || c.eat(",") {
            let digits = c.s.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            let (frac, rest) = c.s.split_at(digits);
            c.s = rest;
            millis = crate::decimal::parse_f64(frac)? / 10f64.powi(digits as i32) * 1000.0;
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut offset_minutes: i64 = 0;
    let utc = c.eat("Z") || c.eat("z");
    if !utc && !c.is_empty() {
        let sign = if c.eat("+") {
            1
        } else if c.eat("-") {
            -1
        } else {
            return None;
        };
        let oh = c.digits(2, 2)?;
        c.eat(":");
        let om = c.digits(2, 2)?;
        if oh > 23 || om > 59 {
            return None;
        }
        offset_minutes = sign * i64::from(oh * 60 + om);
    }
    if !c.is_empty() {
        return None;
    }
    Some(
        date::to_ms(year, month, day, hour, minute, second) + millis
            - offset_minutes as f64 * 60_000.0,
    )
}

/// A bare year (`2024`, or `2024年`) as 1 January of that year, for columns the spec asks
/// to parse as dates (Vega-Lite's `format.parse: {"year": "date"}`).
pub fn parse_year(cell: &str) -> Option<f64> {
    let s = cell.trim();
    let s = s.strip_suffix('年').unwrap_or(s);
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i64 = s.parse().ok()?;
    Some(date::to_ms(year, 1, 1, 0, 0, 0))
}

/// Reads a boolean: `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0` (any case), `是`/`否`.
pub fn parse_boolean(cell: &str) -> Option<bool> {
    let s = cell.trim();
    let is = |words: &[&str]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
    if is(&["true", "yes", "y", "1", "是", "真"]) {
        Some(true)
    } else if is(&["false", "no", "n", "0", "否", "假"]) {
        Some(false)
    } else {
        None
    }
}

/// One piece of a date format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Year,
    ShortYear,
    Month,
    MonthName,
    Day,
    Hour,
    Minute,
    Second,
    Literal(char),
}

/// A compiled date format in the strftime subset Vega-Lite specs use
/// (`"parse": {"month": "date:'%Y-%m'"}`): `%Y` (year, up to 4 digits), `%y` (2 digits:
/// 69–99 → 1969–1999, 00–68 → 2000–2068, as d3-time-format), `%m`, `%d`, `%e`, `%H`,
/// `%M`, `%S` (1–2 digits, leading spaces allowed), `%b` (`Jan` … `Dec`, any case), `%%`,
/// and any other character literally. The padding flags `%-m`, `%_m`, `%0m` are accepted
/// and ignored, as d3 does when parsing. Fields not in the format default to January, the
/// 1st, 00:00:00.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    text: String,
    pieces: Vec<Piece>,
}

/// Month abbreviations for `%b`.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl DateFormat {
    /// Compiles a format; the error says what is wrong (e.g. `%j is not supported`).
    pub fn compile(format: &str) -> Result<DateFormat, String> {
        let mut pieces = Vec::new();
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                pieces.push(Piece::Literal(c));
                continue;
            }
            let mut d = chars.next();
            if let Some('-' | '_' | '0') = d {
                d = chars.next();
            }
            pieces.push(match d {
                Some('Y') => Piece::Year,
                Some('y') => Piece::ShortYear,
                Some('m') => Piece::Month,
                Some('b') => Piece::MonthName,
                Some('d' | 'e') => Piece::Day,
                Some('H') => Piece::Hour,
                Some('M') => Piece::Minute,
                Some('S') => Piece::Second,
                Some('%') => Piece::Literal('%'),
                Some(other) => return Err(format!("%{other} is not supported")),
                None => return Err("a lone % ends the format".to_string()),
            });
        }
        Ok(DateFormat {
            text: format.to_string(),
            pieces,
        })
    }

    /// The format as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Reads a cell in this format as milliseconds since the epoch (UTC).
    pub fn parse(&self, cell: &str) -> Option<f64> {
        let mut c = Cursor { s: cell.trim() };
        let (mut year, mut month, mut day) = (1970i64, 1u32, 1u32);
        let (mut hour, mut minute, mut second) = (0u32, 0u32, 0u32);
        for piece in &self.pieces {
            if !matches!(piece, Piece::Literal(_)) {
                c.s = c.s.trim_start_matches(' ');
            }
            match piece {
                Piece::Year => year = i64::from(c.digits(1, 4)?),
                Piece::ShortYear => {
                    let y = i64::from(c.digits(2, 2)?);
                    year = if y > 68 { 1900 + y } else { 2000 + y };
                }
                Piece::Month => month = c.digits(1, 2)?,
                Piece::MonthName => {
                    let head = c.s.get(..3)?;
                    let index = MONTHS.iter().position(|m| head.eq_ignore_ascii_case(m))?;
                    month = index as u32 + 1;
                    c.s = c.s.get(3..)?;
                }
                Piece::Day => day = c.digits(1, 2)?,
                Piece::Hour => hour = c.digits(1, 2)?,
                Piece::Minute => minute = c.digits(1, 2)?,
                Piece::Second => second = c.digits(1, 2)?,
                Piece::Literal(l) => {
                    let mut buf = [0u8; 4];
                    if !c.eat(l.encode_utf8(&mut buf)) {
                        return None;
                    }
                }
            }
        }
        if !c.is_empty() || !date::is_valid(year, month, day) {
            return None;
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        Some(date::to_ms(year, month, day, hour, minute, second))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::date::to_ms;

    #[test]
    fn plain_integers_and_decimals_with_sign_and_whitespace() {
        assert_eq!(parse_number("80"), Some(80.0));
        assert_eq!(parse_number(" -3.5 "), Some(-3.5));
        assert_eq!(parse_number("+2"), Some(2.0));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("0"), Some(0.0));
        assert_eq!(parse_number("1.23E+06"), Some(1_230_000.0));
        assert_eq!(parse_number("2.5e-3"), Some(0.0025));
    }

    #[test]
    fn thousands_separators_in_groups_of_three() {
        assert_eq!(parse_number("44,499"), Some(44_499.0));
        assert_eq!(parse_number("3,165,625"), Some(3_165_625.0));
        assert_eq!(parse_number("-1,234.5"), Some(-1_234.5));
        for bad in [
            "1,2", "1,2345", ",123", "1,,234", "0,123", "1234,567", "1,234e3",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn full_width_digits_and_signs() {
        assert_eq!(parse_number("４４，４９９"), Some(44_499.0));
        assert_eq!(parse_number("－１２．５％"), Some(-0.125));
    }

    #[test]
    fn wan_and_yi_suffixes_scale_exactly() {
        assert_eq!(parse_number("3.2万"), Some(32_000.0));
        assert_eq!(parse_number("1.5亿"), Some(150_000_000.0));
        assert_eq!(parse_number("5万"), Some(50_000.0));
        assert_eq!(parse_number("1.2万亿"), Some(1.2e12));
        assert_eq!(parse_number("0.0001万"), Some(1.0));
        assert_eq!(parse_number("3.2 万"), Some(32_000.0));
        assert_eq!(parse_number("万"), None);
    }

    #[test]
    fn per_cent_is_the_true_fraction() {
        assert_eq!(parse_number("12.5%"), Some(0.125));
        assert_eq!(parse_number("100%"), Some(1.0));
        assert_eq!(parse_number("-0.3%"), Some(-0.003));
        assert_eq!(parse_number("7％"), Some(0.07));
    }

    #[test]
    fn not_numbers() {
        for text in [
            "", "-", "abc", "inf", "NaN", "infinity", "0x10", "1.2.3", "12 34", "1e", "GB/T 1.1",
            "2024-01", "12%%", "1_000",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
        let long = "1".repeat(200);
        assert_eq!(parse_number(&long), None);
    }

    #[test]
    fn infinities_and_overflow_are_numbers_as_javascript_reads_them() {
        assert_eq!(parse_number("Infinity"), Some(f64::INFINITY));
        assert_eq!(parse_number(" +Infinity "), Some(f64::INFINITY));
        assert_eq!(parse_number("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_number("1e309"), Some(f64::INFINITY));
        assert_eq!(parse_number("-1e400"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_number("1e-400"), Some(0.0));
        assert_eq!(
            infer_column(["1", "Infinity", "1e309", "NaN", "-2.5"]),
            ColumnType::Number
        );
    }

    #[test]
    fn english_month_names_as_javascript_reads_them() {
        assert_eq!(parse_date("Jan 1 2000"), Some(to_ms(2000, 1, 1, 0, 0, 0)));
        assert_eq!(
            parse_date("January 15, 2024"),
            Some(to_ms(2024, 1, 15, 0, 0, 0))
        );
        assert_eq!(parse_date("sep 30 1999"), Some(to_ms(1999, 9, 30, 0, 0, 0)));
        assert_eq!(parse_date("Feb 2006"), Some(to_ms(2006, 2, 1, 0, 0, 0)));
        for text in [
            "Feb 30 2000",
            "Janu 1 2000",
            "Ja 1 2000",
            "Mayday 2000",
            "Jan 1",
            "Jan 1 2000x",
            "Jan 99",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(infer_column(["Jan 1 2000", "Feb 1 2000"]), ColumnType::Date);
    }

    /// RFC 2822 dates, as JavaScript's `toUTCString` writes them and `Date` reads them.
    #[test]
    fn rfc_2822_dates_with_their_weekday() {
        assert_eq!(
            parse_date("Sun, 01 Jan 2012 00:05:00"),
            Some(to_ms(2012, 1, 1, 0, 5, 0))
        );
        assert_eq!(
            parse_date("Tue, 15 Nov 1994 08:12:31 GMT"),
            Some(to_ms(1994, 11, 15, 8, 12, 31))
        );
        assert_eq!(
            parse_date("Wed, 02 Oct 2002 15:00:00 +0200"),
            Some(to_ms(2002, 10, 2, 13, 0, 0))
        );
        assert_eq!(
            parse_date("Mon, 3 June 2024"),
            Some(to_ms(2024, 6, 3, 0, 0, 0))
        );
        for text in [
            "Sun, 32 Jan 2012",
            "Sun, 01 Foo 2012",
            "Noday, 01 Jan 2012",
            "Sun, 01 Jan 2012 25:00",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn dates_in_every_form() {
        let d = to_ms(2024, 1, 10, 0, 0, 0);
        for text in [
            "2024-01-10",
            "2024/1/10",
            "2024.1.10",
            "2024年1月10日",
            "2024年01月10",
            " 2024-1-10 ",
        ] {
            assert_eq!(parse_date(text), Some(d), "{text}");
        }
        let t = to_ms(2024, 1, 10, 13, 20, 6);
        for text in [
            "2024-01-10 13:20:06",
            "2024-01-10T13:20:06",
            "2024/01/10 13:20:06",
            "2024年1月10日 13:20:06",
            "2024-01-10T13:20:06Z",
            "2024-01-10T21:20:06+08:00",
            "2024-01-10T05:20:06-0800",
        ] {
            assert_eq!(parse_date(text), Some(t), "{text}");
        }
        assert_eq!(
            parse_date("2024-01-10T13:20"),
            Some(to_ms(2024, 1, 10, 13, 20, 0))
        );
        assert_eq!(parse_date("2024-01-10 13:20:06.250"), Some(t + 250.0));
    }

    #[test]
    fn months_are_the_first_of_the_month() {
        let m = to_ms(2024, 1, 1, 0, 0, 0);
        for text in ["2024-01", "2024/1", "2024年1月"] {
            assert_eq!(parse_date(text), Some(m), "{text}");
        }
        assert_eq!(parse_date("2024.01"), None);
    }

    #[test]
    fn dates_before_1900() {
        assert_eq!(parse_date("1850-03-01"), Some(to_ms(1850, 3, 1, 0, 0, 0)));
        assert!(parse_date("1850-03-01").is_some_and(|ms| ms < 0.0));
    }

    #[test]
    fn impossible_or_malformed_dates_are_not_dates() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-00",
            "2024-01-32",
            "2024-01/10",
            "2024",
            "24-01-10",
            "2024-01-10 25:00",
            "2024-01-10T13",
            "2024-01-10 13:20:61",
            "2024年1月10日x",
            "2019-2020",
            "2024-01-10+08:00",
            "２０２４-01-10",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn bare_years_are_numbers_not_dates() {
        assert_eq!(classify("2019"), CellValue::Number(2019.0));
        assert_eq!(
            infer_column(["2019", "2020", "", "2023"]),
            ColumnType::Number
        );
        assert_eq!(parse_year("2019"), Some(to_ms(2019, 1, 1, 0, 0, 0)));
        assert_eq!(parse_year("2019年"), Some(to_ms(2019, 1, 1, 0, 0, 0)));
        assert_eq!(parse_year("19"), None);
    }

    #[test]
    fn missing_markers() {
        for text in [
            "", "  ", "NA", "na", "N/A", "#N/A", "null", "NULL", "NaN", "-", "—", "——", "–",
        ] {
            assert!(is_missing(text), "{text:?}");
            assert_eq!(classify(text), CellValue::Missing);
        }
        for text in ["0", "none", "N", "x"] {
            assert!(!is_missing(text), "{text:?}");
        }
    }

    #[test]
    fn column_types() {
        assert_eq!(
            infer_column(["3.2万", "15000", "1.5亿", "NA"]),
            ColumnType::Number
        );
        assert_eq!(
            infer_column(["2024-01-10", "2024年2月", ""]),
            ColumnType::Date
        );
        assert_eq!(infer_column(["2024-01-10", "2024"]), ColumnType::Text);
        assert_eq!(infer_column(["80", "国家标准"]), ColumnType::Text);
        assert_eq!(infer_column(["", "N/A"]), ColumnType::Number);
        assert_eq!(infer_column([]), ColumnType::Number);
    }

    #[test]
    fn is_space_matches_char_is_whitespace() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{:?}", c);
        }
        assert_eq!(trim("\u{3000}国家标准\u{A0}"), "国家标准");
        assert_eq!(trim("国家标准"), "国家标准");
        assert_eq!(trim(" "), "");
        assert_eq!(trim("准"), "准");
        assert_eq!(trim("\u{2003}x"), "x");
        assert_eq!(trim("x\u{202F}"), "x");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("{c}a{c}");
            assert_eq!(trim(&s), s.trim(), "{:?}", c);
        }
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_boolean(" TRUE "), Some(true));
        assert_eq!(parse_boolean("否"), Some(false));
        assert_eq!(parse_boolean("0"), Some(false));
        assert_eq!(parse_boolean("maybe"), None);
    }

    #[test]
    fn date_formats_in_the_strftime_subset() {
        let f = DateFormat::compile("%Y-%m").unwrap();
        assert_eq!(f.parse("2024-03"), Some(to_ms(2024, 3, 1, 0, 0, 0)));
        assert_eq!(f.parse("2024-3"), Some(to_ms(2024, 3, 1, 0, 0, 0)));
        assert_eq!(f.parse("2024-03-01"), None);
        let f = DateFormat::compile("%d/%m/%Y %H:%M:%S").unwrap();
        assert_eq!(
            f.parse("10/01/2024 13:20:06"),
            Some(to_ms(2024, 1, 10, 13, 20, 6))
        );
        let f = DateFormat::compile("%e %b %y").unwrap();
        assert_eq!(f.parse(" 1 Mar 50"), Some(to_ms(2050, 3, 1, 0, 0, 0)));
        assert_eq!(f.parse("1 mar 99"), Some(to_ms(1999, 3, 1, 0, 0, 0)));
        let f = DateFormat::compile("%Y年%-m月").unwrap();
        assert_eq!(f.parse("1850年3月"), Some(to_ms(1850, 3, 1, 0, 0, 0)));
        assert_eq!(f.parse("1850年13月"), None);
        let f = DateFormat::compile("%Y%%").unwrap();
        assert_eq!(f.parse("2024%"), Some(to_ms(2024, 1, 1, 0, 0, 0)));
        assert_eq!(f.parse("2024"), None);
    }

    #[test]
    fn unsupported_date_format_directives_are_named() {
        assert_eq!(
            DateFormat::compile("%Y-%j"),
            Err("%j is not supported".to_string())
        );
        assert_eq!(
            DateFormat::compile("%Y%"),
            Err("a lone % ends the format".to_string())
        );
    }

    #[test]
    fn month_name_on_a_multibyte_boundary_does_not_panic() {
        let f = DateFormat::compile("%b").unwrap();
        assert_eq!(f.parse("国家标准"), None);
        assert_eq!(f.parse("J国"), None);
    }
}
