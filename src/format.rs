//! Number formatting for labels: thousands separators and just enough decimals; dates
//! (`dates.rs`) and stated units (`unit.rs`).

mod dates;
mod ticks;
mod unit;
pub use dates::{
    axis_label, pattern_resolution, sort_position, time, time_in, unit_label, unit_label_order,
    unit_pattern,
};
pub use unit::Unit;

/// `v` with `decimals` digits after the point, as JavaScript's `toFixed` (and so d3-format
/// and Vega) writes it: an exact tie rounds away from zero (`0.25` → `0.3`, `2.5` → `3`,
/// as a reader rounds, 四舍五入), where Rust's formatting rounds it to even.
pub fn to_fixed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    if !v.is_finite() {
        return s;
    }
    // The exact decimal expansion past the kept digits: a tie is a 5 and then zeros.
    let long = format!("{:.*}", decimals + 40, v.abs());
    let cut = long.len() - 40;
    if !is_tie(&long[cut..]) {
        return s;
    }
    let kept = &long[..cut];
    let up = increment(kept.strip_suffix('.').unwrap_or(kept));
    if v < 0.0 {
        format!("-{up}")
    } else {
        up
    }
}

/// `v` in exponent form with `decimals` digits after the point (`7.3e3`), an exact tie
/// rounding away from zero as JavaScript's `toExponential`.
pub fn to_exponential(v: f64, decimals: usize) -> String {
    let s = format!("{:.*e}", decimals, v);
    if !v.is_finite() {
        return s;
    }
    let long = format!("{:.*e}", decimals + 40, v.abs());
    let Some((mantissa, exp)) = long.split_once('e') else {
        return s;
    };
    let cut = mantissa.len() - 40;
    if !is_tie(&mantissa[cut..]) {
        return s;
    }
    let kept = &mantissa[..cut];
    let mut up = increment(kept.strip_suffix('.').unwrap_or(kept));
    let mut exp: i32 = exp.parse().unwrap_or(0);
    if up.starts_with("10") {
        // 9.95 → 10.0: one digit more before the point; shift it back.
        let digits: String = up.chars().filter(char::is_ascii_digit).collect();
        let kept = &digits[..digits.len() - 1];
        up = if decimals == 0 {
            kept[..1].to_string()
        } else {
            format!("{}.{}", &kept[..1], &kept[1..])
        };
        exp += 1;
    }
    format!("{}{up}e{exp}", if v < 0.0 { "-" } else { "" })
}

/// Whether the digits past a rounding position make an exact tie: a 5, then only zeros.
fn is_tie(rest: &str) -> bool {
    let mut digits = rest.bytes().filter(u8::is_ascii_digit);
    digits.next() == Some(b'5') && digits.all(|b| b == b'0')
}

/// A non-negative decimal numeral (`"7.2"`, `"9.99"`, `"2"`) plus one unit in its last
/// place (`"7.3"`, `"10.00"`, `"3"`).
fn increment(numeral: &str) -> String {
    let mut out: Vec<u8> = numeral.bytes().collect();
    let mut i = out.len();
    loop {
        if i == 0 {
            out.insert(0, b'1');
            break;
        }
        i -= 1;
        match out[i] {
            b'.' => continue,
            b'9' => out[i] = b'0',
            d => {
                out[i] = d + 1;
                break;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| numeral.to_string())
}

/// Formats `v` with `,` thousands separators and `decimals` digits after the point.
pub fn grouped(v: f64, decimals: usize) -> String {
    let s = to_fixed(v.abs(), decimals);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    let negative = v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        format!("{MINUS}{out}")
    } else {
        out
    }
}

/// The minus sign of every number stdviz shows a reader (axis and value labels,
/// legends, tooltips, summaries): U+2212, as d3-format and so Vega write it — the
/// hyphen-minus `-` is narrower and can break a line. Machine outputs (CSV export, data
/// attributes, JSON) keep `-` through [`crate::table::format_plain_number`].
pub const MINUS: char = '\u{2212}';

/// `text` with a leading hyphen-minus written as [`MINUS`].
fn with_minus(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) => format!("{MINUS}{rest}"),
        None => text,
    }
}

/// Decimals needed to show multiples of `step` exactly (0 for whole steps, at most 6).
pub fn decimals_for_step(step: f64) -> usize {
    let mut d = 0;
    let mut s = step.abs();
    while d < 6 && (s - s.round()).abs() > 1e-9 * s.max(1.0) {
        s *= 10.0;
        d += 1;
    }
    d
}

/// Formats a data value: thousands separators, up to two decimals, none if whole.
pub fn value(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        grouped(v, 0)
    } else {
        let s = grouped(v, 2);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Formats a share 0–1 as a percentage with one decimal: `42.6%`.
pub fn percent(share: f64) -> String {
    with_minus(format!("{}%", to_fixed(share * 100.0, 1)))
}

#[cfg(test)]
mod tests {
    /// Exact ties round away from zero, as JavaScript's toFixed/toExponential and so
    /// d3-format and Vega; values just below a tie (0.35 is 0.34999…) round down.
    #[test]
    fn ties_round_away_from_zero_as_javascript_does() {
        assert_eq!(to_fixed(0.25, 1), "0.3");
        assert_eq!(to_fixed(2.5, 0), "3");
        assert_eq!(to_fixed(-2.5, 0), "-3");
        assert_eq!(to_fixed(9.995, 2), "9.99"); // 9.99499999… in binary
        assert_eq!(to_fixed(99.5, 0), "100");
        assert_eq!(to_fixed(0.35, 1), "0.3");
        assert_eq!(to_fixed(1.2345, 3), "1.234"); // 1.23449999…
        assert_eq!(to_exponential(7250.0, 1), "7.3e3");
        assert_eq!(to_exponential(9.5, 0), "1e1");
        assert_eq!(to_exponential(-0.125, 1), "-1.3e-1");
        let si = NumberFormat::parse(".2s").expect("a format");
        assert_eq!(si.format(7250.0), "7.3k");
        assert_eq!(si.format(34500.0), "35k");
        assert_eq!(grouped(12_345.5, 0), "12,346");
        assert_eq!(percent(0.125), "12.5%");
    }

    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(3_165_625.0, 0), "3,165,625");
        assert_eq!(grouped(80.0, 0), "80");
        assert_eq!(grouped(-44_499.5, 1), "\u{2212}44,499.5");
        assert_eq!(grouped(-0.0001, 0), "0");
    }

    #[test]
    fn decimals_follow_the_step() {
        assert_eq!(decimals_for_step(20.0), 0);
        assert_eq!(decimals_for_step(0.2), 1);
        assert_eq!(decimals_for_step(0.05), 2);
    }

    #[test]
    fn values_and_percentages() {
        assert_eq!(value(80.0), "80");
        assert_eq!(value(12.5), "12.5");
        assert_eq!(value(1234.567), "1,234.57");
        assert_eq!(percent(80.0 / 188.0), "42.6%");
    }

    #[test]
    fn negative_numbers_shown_take_the_minus_sign() {
        assert_eq!(value(-12.5), "\u{2212}12.5");
        assert_eq!(value(-0.001), "0");
        assert_eq!(percent(-0.25), "\u{2212}25.0%");
        let d3 = |spec: &str, v: f64| NumberFormat::parse(spec).map(|f| f.format(v));
        assert_eq!(d3(",.0f", -1234.0).as_deref(), Some("\u{2212}1,234"));
        assert_eq!(d3(".1f", -0.26).as_deref(), Some("\u{2212}0.3"));
        assert_eq!(d3("$,.2f", -3.5).as_deref(), Some("\u{2212}$3.50"));
        assert_eq!(d3("+.1f", 2.0).as_deref(), Some("+2.0"));
        // Machine output keeps the hyphen-minus.
        assert_eq!(crate::table::format_plain_number(-0.25), "-0.25");
    }
}

/// A parsed d3-format specifier (the subset Vega-Lite users write): `[,][.precision][~][type]`
/// with type `f` (fixed), `d` (integer), `%` (per cent), `s` (SI prefix), `e` (exponent),
/// `r`/`g` (significant digits) or none.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    sign: bool,
    grouping: bool,
    precision: Option<usize>,
    trim: bool,
    kind: char,
    prefix: String,
    /// `s` with one SI prefix for every value (d3's `formatPrefix`, which an axis's tick
    /// format uses): the power of ten (a multiple of 3) every value is written in.
    si_exponent: Option<i32>,
}

impl NumberFormat {
    /// Parses a specifier; `None` if it is outside the supported subset.
    pub fn parse(spec: &str) -> Option<NumberFormat> {
        let mut s = spec;
        let mut prefix = String::new();
        let mut sign = false;
        if let Some(rest) = s.strip_prefix('+') {
            sign = true;
            s = rest;
        } else if let Some(rest) = s.strip_prefix('-') {
            s = rest;
        }
        if let Some(rest) = s.strip_prefix('$') {
            prefix.push('$');
            s = rest;
        }
        let grouping = s.starts_with(',');
        if grouping {
            s = &s[1..];
        }
        let mut precision = None;
        if let Some(rest) = s.strip_prefix('.') {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            precision = Some(digits.parse().ok()?);
            s = &rest[digits.len()..];
        }
        let trim = s.starts_with('~');
        if trim {
            s = &s[1..];
        }
        let kind = match s {
            "" => ' ',
            "f" | "d" | "%" | "s" | "e" | "r" | "g" => s.chars().next()?,
            _ => return None,
        };
        Some(NumberFormat {
            sign,
            grouping,
            precision,
            trim,
            kind,
            prefix,
            si_exponent: None,
        })
    }

    /// Formats `v` as d3-format does.
    pub fn format(&self, v: f64) -> String {
        if !v.is_finite() {
            return String::new();
        }
        let trim = |s: String| -> String {
            match s.split_once(['e', '%']) {
                _ if !s.contains('.') => s,
                Some((m, _)) => {
                    let rest = &s[m.len()..];
                    format!("{}{rest}", m.trim_end_matches('0').trim_end_matches('.'))
                }
                None => s.trim_end_matches('0').trim_end_matches('.').to_string(),
            }
        };
        let fixed = |v: f64, p: usize| {
            if self.grouping {
                grouped(v, p)
            } else {
                to_fixed(v, p)
            }
        };
        // d3 writes exponents with a sign: 4.45e+4.
        let exponent = |v: f64, p: usize| {
            let s = to_exponential(v, p);
            match s.split_once('e') {
                Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
                _ => s,
            }
        };
        let significant = |v: f64, p: usize, keep: bool| {
            let p = p.max(1);
            let mag = if v == 0.0 {
                0
            } else {
                v.abs().log10().floor() as i32
            };
            if mag < -6 || mag >= p as i32 {
                let s = exponent(v, p - 1);
                if keep {
                    s
                } else {
                    trim(s)
                }
            } else {
                let s = fixed(v, (p as i32 - 1 - mag).max(0) as usize);
                if keep {
                    s
                } else {
                    trim(s)
                }
            }
        };
        let body = match self.kind {
            'd' => fixed(v.round(), 0),
            'f' => {
                let s = fixed(v, self.precision.unwrap_or(6));
                if self.trim {
                    trim(s)
                } else {
                    s
                }
            }
            '%' => {
                let s = fixed(v * 100.0, self.precision.unwrap_or(6));
                format!("{}%", if self.trim { trim(s) } else { s })
            }
            'e' => {
                let s = exponent(v, self.precision.unwrap_or(6));
                if self.trim {
                    trim(s)
                } else {
                    s
                }
            }
            's' if self.si_exponent.is_some() => self.with_prefix(v, &fixed, &trim),
            's' => {
                let p = self.precision.unwrap_or(6).max(1);
                let exp = if v == 0.0 {
                    0
                } else {
                    (v.abs().log10().floor() as i32).div_euclid(3) * 3
                };
                let exp = exp.clamp(-24, 24);
                let prefixes = [
                    "y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z",
                    "Y",
                ];
                let scaled = v / 10f64.powi(exp);
                let digits = (p as i32
                    - 1
                    - if scaled == 0.0 {
                        0
                    } else {
                        scaled.abs().log10().floor() as i32
                    })
                .max(0) as usize;
                let s = to_fixed(scaled, digits);
                format!(
                    "{}{}",
                    if self.trim { trim(s) } else { s },
                    prefixes[((exp + 24) / 3) as usize]
                )
            }
            'r' => {
                let p = self.precision.unwrap_or(6).max(1) as i32;
                let mag = if v == 0.0 {
                    0
                } else {
                    v.abs().log10().floor() as i32
                };
                let digits = (p - 1 - mag).max(0) as usize;
                let rounded = if digits == 0 {
                    let f = 10f64.powi(mag + 1 - p);
                    (v / f).round() * f
                } else {
                    v
                };
                let s = fixed(rounded, digits);
                if self.trim {
                    trim(s)
                } else {
                    s
                }
            }
            'g' => significant(v, self.precision.unwrap_or(6), !self.trim),
            _ => match self.precision {
                // No type with a precision: d3's "~g"-like default (significant digits, trimmed).
                Some(p) => significant(v, p, false),
                None => {
                    if self.grouping {
                        value(v)
                    } else {
                        crate::table::format_plain_number(v)
                    }
                }
            },
        };
        let sign = if self.sign && v >= 0.0 { "+" } else { "" };
        match body.strip_prefix(['-', MINUS]) {
            Some(rest) => format!("{MINUS}{}{rest}", self.prefix),
            None => format!("{sign}{}{body}", self.prefix),
        }
    }
}

#[cfg(test)]
mod d3_tests {
    use super::*;

    fn f(spec: &str, v: f64) -> String {
        NumberFormat::parse(spec).unwrap().format(v)
    }

    #[test]
    fn d3_number_formats() {
        assert_eq!(f(",", 3_165_625.0), "3,165,625");
        assert_eq!(f(",.0f", 44_499.4), "44,499");
        assert_eq!(f(".1f", 12.345), "12.3");
        assert_eq!(f(".1%", 80.0 / 188.0), "42.6%");
        assert_eq!(f(".0%", 0.5), "50%");
        assert_eq!(f("d", 7.6), "8");
        assert_eq!(f(".2s", 3_165_625.0), "3.2M");
        assert_eq!(f("~s", 1500.0), "1.5k");
        assert_eq!(f(".3r", 44_499.0), "44500");
        // As d3-format writes them.
        assert_eq!(f(".2e", 44_499.0), "4.45e+4");
        assert_eq!(f(".3g", 44_499.0), "4.45e+4");
        assert_eq!(f("g", 2.5), "2.50000");
        assert_eq!(f(".2", 1.23456), "1.2");
        assert_eq!(f("+.1f", 5.0), "+5.0");
        assert_eq!(f("+.1f", -5.0), "\u{2212}5.0");
        assert_eq!(f("$,.2f", 1234.5), "$1,234.50");
        assert_eq!(f(".2~f", 2.50), "2.5");
        assert_eq!(f("", 80.0), "80");
        assert!(NumberFormat::parse("x!").is_none());
    }

    #[test]
    fn time_formats() {
        let t = crate::table::date::to_ms(2024, 1, 10, 13, 20, 6);
        assert_eq!(time(t, "%Y-%m-%d"), "2024-01-10");
        assert_eq!(time(t, "%Y年%m月"), "2024年01月");
        assert_eq!(time(t, "%b %Y"), "Jan 2024");
        assert_eq!(time(t, "%H:%M:%S"), "13:20:06");
        assert_eq!(time(t, "Q%q %y"), "Q1 24");
        assert_eq!(time(t, "100%%"), "100%");
    }
}

/// How numbers are written: grouped digits (`3,165,625`), or the Chinese way with the
/// large-number units 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²) — `usermeta.stdviz.numbers: "zh"`
/// or `formatType: "zh"`. The Chinese writing follows GB/T 15835 and the practice of
/// Chinese official statistics: below 10,000 a number is written as it is; from 10,000 on
/// with one decimal and the largest unit it reaches (316.6万, 1.2亿), never 十/百/千/百万;
/// on an axis one unit for every tick ([`ZhAxis`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbers {
    /// Grouped digits, up to two decimals (`3,165,625`, `12.5`).
    #[default]
    Plain,
    /// 万/亿/万亿 with one decimal (`316.6万`).
    Zh,
}

/// Where a value is written: on the chart (labels, cards, summaries) or in a tooltip,
/// which may add the exact figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Value labels, text marks, cards, the accessible summary.
    Label,
    /// Tooltips.
    Tooltip,
}

/// The Chinese large-number units, largest first: value, name.
const ZH_UNITS: [(f64, &str); 3] = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")];

/// The unit (value, name) in which `magnitude` is written with one decimal: the largest
/// unit it reaches, or the next one when rounding to one decimal reaches that
/// (99,999,999 is 1.0亿, not 10000.0万); `(1, "")` below 10,000.
fn zh_unit(magnitude: f64) -> (f64, &'static str) {
    let m = magnitude.abs();
    for (i, (unit, name)) in ZH_UNITS.iter().copied().enumerate() {
        if m >= unit {
            // ZH_UNITS runs largest first: the next larger unit is at i - 1.
            return match i.checked_sub(1).map(|j| ZH_UNITS[j]) {
                Some((up, up_name)) if (m / unit * 10.0).round() / 10.0 * unit >= up => {
                    (up, up_name)
                }
                _ => (unit, name),
            };
        }
    }
    (1.0, "")
}

impl Numbers {
    /// A value label or a value in running text: `316.6万`, `1.2亿`, `-5.0万`; below
    /// 10,000 as [`value`] writes it (`9,999`, `0.5`).
    pub fn value(self, v: f64) -> String {
        match self {
            Numbers::Plain => value(v),
            Numbers::Zh => {
                if !v.is_finite() {
                    return String::new();
                }
                match zh_unit(v) {
                    (u, name) if u > 1.0 => format!("{}{name}", grouped(v / u, 1)),
                    _ => value(v),
                }
            }
        }
    }

    /// A value written for `place`: [`Numbers::value`] on the chart,
    /// [`Numbers::tooltip`] in a tooltip.
    pub fn write(self, v: f64, place: Place) -> String {
        match place {
            Place::Label => self.value(v),
            Place::Tooltip => self.tooltip(v),
        }
    }

    /// A value in a tooltip: as [`Numbers::value`], with the exact figure after it when a
    /// unit rounded it: `316.6万(3,165,625)`.
    pub fn tooltip(self, v: f64) -> String {
        let short = self.value(v);
        match self {
            Numbers::Zh if v.is_finite() && zh_unit(v).0 > 1.0 => {
                format!("{short}({})", value(v))
            }
            _ => short,
        }
    }
}

/// An axis written the Chinese way: one unit for every tick, chosen from the axis's
/// largest value (and span), stated once in the axis title (`单位:万项`), and the same decimals on every tick.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZhAxis {
    /// The unit's value (1, 10⁴, 10⁸ or 10¹²).
    pub unit: f64,
    /// The unit's name (`""`, `万`, `亿`, `万亿`).
    pub name: &'static str,
    /// Decimals on every tick (the fewest that write every tick exactly, at most 2).
    pub decimals: usize,
}

impl ZhAxis {
    /// The unit and decimals for these ticks (the axis spans them).
    pub fn for_ticks(ticks: &[f64]) -> ZhAxis {
        let finite = ticks.iter().copied().filter(|t| t.is_finite());
        let lo = finite.clone().fold(f64::INFINITY, f64::min);
        let hi = finite.fold(f64::NEG_INFINITY, f64::max);
        if lo > hi {
            return ZhAxis::new(0.0, 0.0, ticks);
        }
        ZhAxis::new(lo, hi, ticks)
    }

    /// The unit for an axis over `lo..hi`: the largest unit that both its largest value
    /// reaches and its span covers (so the ticks need at most a decimal or two of it: an
    /// axis from 39,500 to 44,500 stays in 项, one from 0 to 24,000 goes to 万), and the
    /// decimals that write every one of `ticks` exactly in it.
    pub fn new(lo: f64, hi: f64, ticks: &[f64]) -> ZhAxis {
        let largest = lo.abs().max(hi.abs());
        let span = (hi - lo).abs();
        let (unit, name) = ZH_UNITS
            .iter()
            .copied()
            .find(|(u, _)| largest >= *u && span >= *u)
            .unwrap_or((1.0, ""));
        let decimals = ticks
            .iter()
            .filter(|t| t.is_finite())
            .map(|t| decimals_for_step(t / unit))
            .max()
            .unwrap_or(0)
            .min(2);
        ZhAxis {
            unit,
            name,
            decimals,
        }
    }

    /// A tick's label, in the axis unit, without the unit (stated in the title).
    pub fn label(&self, v: f64) -> String {
        grouped(v / self.unit, self.decimals)
    }

    /// The axis title with the axis unit stated once. A title that already ends in its
    /// unit in brackets (`unit`, or one character when there is none) takes 万/亿 inside them (`标准数量(项)` → `标准数量(万项)`, as
    /// Chinese statistical tables write it); another title gets `(单位:万项)` after it;
    /// no title becomes `单位:万项`. Unchanged when the axis needs no large unit.
    pub fn title(&self, title: Option<&str>, unit: Option<&str>) -> Option<String> {
        let title = title.filter(|t| !t.is_empty());
        if self.name.is_empty() {
            return title.map(str::to_string);
        }
        let unit = unit.unwrap_or("");
        let Some(t) = title else {
            return Some(format!("单位:{}{unit}", self.name));
        };
        for (open, close) in [('(', ')'), ('(', ')')] {
            if let Some(inner) = t.strip_suffix(close) {
                if let Some(at) = inner.rfind(open) {
                    let (head, bracketed) = inner.split_at(at);
                    let inside = &bracketed[open.len_utf8()..];
                    // The bracket holds the unit: the chart's, or without one a single
                    // character (项, 个, 家); `数值(合计)` names an aggregate, not a unit.
                    let is_unit = match unit {
                        "" => inside.chars().count() == 1,
                        u => inside == u,
                    };
                    if is_unit && !inside.starts_with(['万', '亿']) {
                        return Some(format!("{head}{open}{}{inside}{close}", self.name));
                    }
                }
            }
        }
        Some(format!("{t}(单位:{}{unit})", self.name))
    }
}

#[cfg(test)]
mod zh_tests {
    use super::*;

    /// The issue's table: each value in each context. Ticks are read on an axis whose
    /// largest tick is the value itself (its ticks 0 and the value).
    #[test]
    fn chinese_numbers_in_every_context() {
        // value, tick (axis 0..value), label, tooltip
        let table: [(f64, &str, &str, &str); 8] = [
            (0.0, "0", "0", "0"),
            (9_999.0, "9,999", "9,999", "9,999"),
            (10_000.0, "1", "1.0万", "1.0万(10,000)"),
            (12_345.0, "1.23", "1.2万", "1.2万(12,345)"),
            (3_165_625.0, "316.56", "316.6万", "316.6万(3,165,625)"),
            (1.2e8, "1.2", "1.2亿", "1.2亿(120,000,000)"),
            (
                -5e4,
                "\u{2212}5",
                "\u{2212}5.0万",
                "\u{2212}5.0万(\u{2212}50,000)",
            ),
            (0.5, "0.5", "0.5", "0.5"),
        ];
        for (v, tick, label, tooltip) in table {
            let axis = ZhAxis::for_ticks(&[0.0, v]);
            assert_eq!(axis.label(v), tick, "tick of {v}");
            assert_eq!(Numbers::Zh.value(v), label, "label of {v}");
            assert_eq!(Numbers::Zh.tooltip(v), tooltip, "tooltip of {v}");
        }
        assert_eq!(Numbers::Plain.tooltip(3_165_625.0), "3,165,625");
    }

    #[test]
    fn rounding_moves_to_the_next_unit() {
        assert_eq!(Numbers::Zh.value(99_999_999.0), "1.0亿");
        assert_eq!(Numbers::Zh.value(9_999.96), "9,999.96");
        assert_eq!(Numbers::Zh.value(99_999_000.0), "9,999.9万");
        assert_eq!(Numbers::Zh.value(2.5e12), "2.5万亿");
        assert_eq!(Numbers::Zh.value(f64::NAN), "");
    }

    #[test]
    fn an_axis_has_one_unit_and_one_decimal_count() {
        let ticks = [0.0, 1e6, 2e6, 3e6, 3.5e6];
        let a = ZhAxis::for_ticks(&ticks);
        assert_eq!((a.unit, a.name, a.decimals), (1e4, "万", 0));
        let labels: Vec<String> = ticks.iter().map(|t| a.label(*t)).collect();
        assert_eq!(labels, ["0", "100", "200", "300", "350"]);
        // Ticks in steps of 0.5亿 all get one decimal, 0 included.
        let ticks = [0.0, 5e7, 1e8, 1.5e8];
        let a = ZhAxis::for_ticks(&ticks);
        let labels: Vec<String> = ticks.iter().map(|t| a.label(*t)).collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5"]);
        assert_eq!(
            a.title(Some("数量"), Some("项")).as_deref(),
            Some("数量(单位:亿项)")
        );
        assert_eq!(a.title(None, None).as_deref(), Some("单位:亿"));
        let small = ZhAxis::for_ticks(&[0.0, 2000.0, 4000.0]);
        assert_eq!(
            small.title(Some("数量"), Some("项")).as_deref(),
            Some("数量")
        );
        // A title that names its unit in brackets takes the large unit inside them.
        let wan = ZhAxis::for_ticks(&[0.0, 5e4]);
        assert_eq!(
            wan.title(Some("标准数量(项)"), Some("项")).as_deref(),
            Some("标准数量(万项)")
        );
        assert_eq!(
            wan.title(Some("现行标准(项)"), None).as_deref(),
            Some("现行标准(万项)")
        );
        assert_eq!(
            wan.title(Some("数量"), None).as_deref(),
            Some("数量(单位:万)")
        );
        assert_eq!(small.label(4000.0), "4,000");
        // A bracket that holds something else (the explorer's aggregate) is not the unit.
        assert_eq!(
            wan.title(Some("数值(合计)"), Some("项")).as_deref(),
            Some("数值(合计)(单位:万项)")
        );
        assert_eq!(
            wan.title(Some("数值(合计)"), None).as_deref(),
            Some("数值(合计)(单位:万)")
        );
    }
}
