//! The functions of expressions ([`Func`]), evaluated on cells. Like JavaScript, a
//! function given something it cannot use gives null (NaN) rather than failing: a
//! `calculate` never stops a chart row by row. Dates are UTC throughout stdviz.

use crate::format::NumberFormat;
use crate::spec::Func;
use crate::table::date::{civil_from_days, days_from_civil, DAY_MS};
use crate::table::Cell;

/// A cell as a number, as JavaScript's `Number(…)` reads it (`true` is 1, text is parsed,
/// null is none).
pub fn to_number(c: &Cell) -> Option<f64> {
    match c {
        Cell::Number(n) | Cell::Date(n) => Some(*n).filter(|n| !n.is_nan()),
        Cell::Text(s) if s == "true" => Some(1.0),
        Cell::Text(s) if s == "false" => Some(0.0),
        Cell::Text(s) if s.trim().is_empty() => Some(0.0),
        Cell::Text(s) => crate::decimal::parse_f64(s.trim()).filter(|n| !n.is_nan()),
        Cell::Null => None,
    }
}

/// A cell as a timestamp: a date, a number of milliseconds, or text that reads as a date
/// (`new Date("2023-08-19")` in JavaScript).
fn to_time(c: &Cell) -> Option<f64> {
    match c {
        // As JavaScript's `new Date(…)` reads text: a date, or a bare year.
        Cell::Text(s) => crate::table::infer::parse_temporal(s).or_else(|| to_number(c)),
        c => to_number(c),
    }
    .filter(|ms| ms.is_finite())
}

/// A cell as text, as JavaScript's `String(…)` writes it (null is "null").
fn to_text(c: &Cell) -> String {
    match c {
        Cell::Null => "null".to_string(),
        c => c.as_value().to_text(),
    }
}

fn number(v: f64) -> Cell {
    if v.is_nan() {
        Cell::Null
    } else {
        Cell::Number(v)
    }
}

fn boolean(b: bool) -> Cell {
    Cell::Text(if b { "true" } else { "false" }.to_string())
}

/// Characters of `s` from `start` to `end` (clamped, as `substring` does).
fn chars_between(s: &str, start: f64, end: Option<f64>) -> String {
    let n = s.chars().count() as f64;
    let clamp = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(0.0, n) };
    let (mut a, mut b) = (clamp(start.trunc()), clamp(end.unwrap_or(n).trunc()));
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    s.chars().skip(a as usize).take((b - a) as usize).collect()
}

/// Position of `needle` in `s` in characters, or -1.
fn char_index(s: &str, byte: Option<usize>) -> f64 {
    byte.map_or(-1.0, |b| s[..b].chars().count() as f64)
}

/// The civil fields of a timestamp: year, month 1–12, day, ms into the day.
fn civil(ms: f64) -> (i64, u32, u32, f64) {
    let days = (ms / DAY_MS).floor();
    let (y, m, d) = civil_from_days(days as i64);
    (y, m, d, ms - days * DAY_MS)
}

/// Calls `func` on evaluated arguments (their count was checked when parsing).
pub fn call(func: Func, args: &[Cell]) -> Cell {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Cell::Null);
    let num = |i: usize| to_number(&arg(i));
    let math = |f: fn(f64) -> f64| num(0).map_or(Cell::Null, |x| number(f(x)));
    let time = |i: usize| to_time(&arg(i));
    let date = |i: usize| time(i).map(civil);
    match func {
        Func::If => eager_if(args),
        Func::IsValid => boolean(match arg(0) {
            Cell::Null => false,
            Cell::Number(n) | Cell::Date(n) => !n.is_nan(),
            Cell::Text(_) => true,
        }),
        Func::IsNaN => boolean(num(0).is_none_or(f64::is_nan)),
        Func::IsFinite => boolean(num(0).is_some_and(f64::is_finite)),
        Func::ToNumber => num(0).map_or(Cell::Null, number),
        Func::ToDate => time(0).map_or(Cell::Null, Cell::Date),
        Func::ToString => match arg(0) {
            Cell::Null => Cell::Null,
            c => Cell::Text(to_text(&c)),
        },
        Func::ToBoolean => match arg(0) {
            Cell::Null => Cell::Null,
            c => boolean(super::truthy(&c)),
        },
        Func::Abs => math(f64::abs),
        Func::Ceil => math(f64::ceil),
        Func::Floor => math(f64::floor),
        // JavaScript's Math.round: halves go up (-2.5 → -2).
        Func::Round => math(|x| (x + 0.5).floor()),
        Func::Sqrt => math(f64::sqrt),
        Func::Log => math(f64::ln),
        Func::Exp => math(f64::exp),
        Func::Sin => math(f64::sin),
        Func::Cos => math(f64::cos),
        Func::Tan => math(f64::tan),
        Func::Pow => match (num(0), num(1)) {
            (Some(x), Some(y)) => number(x.powf(y)),
            _ => Cell::Null,
        },
        Func::Atan2 => match (num(0), num(1)) {
            (Some(y), Some(x)) => number(y.atan2(x)),
            _ => Cell::Null,
        },
        Func::Min | Func::Max => {
            let mut out: Option<f64> = None;
            for c in args {
                let Some(x) = to_number(c) else {
                    return Cell::Null;
                };
                out = Some(match out {
                    None => x,
                    Some(o) if func == Func::Min => o.min(x),
                    Some(o) => o.max(x),
                });
            }
            out.map_or(Cell::Null, number)
        }
        Func::Clamp => match (num(0), num(1), num(2)) {
            (Some(x), Some(lo), Some(hi)) if lo <= hi => number(x.clamp(lo, hi)),
            _ => Cell::Null,
        },
        Func::Length => match arg(0) {
            Cell::Text(s) => Cell::Number(s.chars().count() as f64),
            Cell::Null => Cell::Null,
            c => Cell::Number(to_text(&c).chars().count() as f64),
        },
        Func::Upper => text_fn(&arg(0), |s| s.to_uppercase()),
        Func::Lower => text_fn(&arg(0), |s| s.to_lowercase()),
        Func::Trim => text_fn(&arg(0), |s| s.trim().to_string()),
        Func::Substring => match (arg(0), num(1)) {
            (Cell::Null, _) | (_, None) => Cell::Null,
            (c, Some(start)) => Cell::Text(chars_between(&to_text(&c), start, num(2))),
        },
        Func::Slice => match (arg(0), num(1)) {
            (Cell::Null, _) | (_, None) => Cell::Null,
            (c, Some(start)) => {
                let s = to_text(&c);
                let n = s.chars().count() as f64;
                let from_end = |x: f64| if x < 0.0 { (n + x).max(0.0) } else { x.min(n) };
                let (a, b) = (
                    from_end(start.trunc()),
                    from_end(num(2).unwrap_or(n).trunc()),
                );
                Cell::Text(if a < b {
                    chars_between(&s, a, Some(b))
                } else {
                    String::new()
                })
            }
        },
        Func::IndexOf | Func::LastIndexOf => match (arg(0), arg(1)) {
            (Cell::Null, _) => Cell::Null,
            (hay, needle) => {
                let (hay, needle) = (to_text(&hay), to_text(&needle));
                let at = if func == Func::IndexOf {
                    hay.find(&needle)
                } else {
                    hay.rfind(&needle)
                };
                Cell::Number(char_index(&hay, at))
            }
        },
        Func::Replace => match arg(0) {
            Cell::Null => Cell::Null,
            c => Cell::Text(to_text(&c).replacen(&to_text(&arg(1)), &to_text(&arg(2)), 1)),
        },
        Func::Format => match (num(0), arg(1)) {
            (Some(x), Cell::Text(spec)) => match NumberFormat::parse(&spec) {
                Some(f) => Cell::Text(f.format(x)),
                None => Cell::Null,
            },
            _ => Cell::Null,
        },
        Func::TimeFormat => match (time(0), arg(1)) {
            (Some(ms), Cell::Text(spec)) => Cell::Text(crate::format::time(ms, &spec)),
            _ => Cell::Null,
        },
        Func::Year => date(0).map_or(Cell::Null, |(y, ..)| Cell::Number(y as f64)),
        Func::Quarter => date(0).map_or(Cell::Null, |(_, m, ..)| {
            Cell::Number(f64::from((m - 1) / 3 + 1))
        }),
        Func::Month => date(0).map_or(Cell::Null, |(_, m, ..)| Cell::Number(f64::from(m - 1))),
        Func::Date => date(0).map_or(Cell::Null, |(_, _, d, _)| Cell::Number(f64::from(d))),
        Func::Day => time(0).map_or(Cell::Null, |ms| {
            // 1970-01-01 was a Thursday (4).
            Cell::Number(((ms / DAY_MS).floor() + 4.0).rem_euclid(7.0))
        }),
        Func::DayOfYear => date(0).map_or(Cell::Null, |(y, m, d, _)| {
            let first = days_from_civil(y, 1, 1);
            Cell::Number((days_from_civil(y, m, d) - first + 1) as f64)
        }),
        Func::Hours => date(0).map_or(Cell::Null, |(.., t)| {
            Cell::Number((t / 3_600_000.0).floor())
        }),
        Func::Minutes => date(0).map_or(Cell::Null, |(.., t)| {
            Cell::Number((t / 60_000.0).floor().rem_euclid(60.0))
        }),
        Func::Seconds => date(0).map_or(Cell::Null, |(.., t)| {
            Cell::Number((t / 1_000.0).floor().rem_euclid(60.0))
        }),
        Func::Milliseconds => date(0).map_or(Cell::Null, |(.., t)| {
            Cell::Number(t.rem_euclid(1_000.0).floor())
        }),
        Func::Time => time(0).map_or(Cell::Null, Cell::Date),
        Func::DateTime => {
            let part = |i: usize, default: f64| {
                if i < args.len() {
                    num(i)
                } else {
                    Some(default)
                }
            };
            let parts: Option<Vec<f64>> = [
                (0, 1970.0),
                (1, 0.0),
                (2, 1.0),
                (3, 0.0),
                (4, 0.0),
                (5, 0.0),
                (6, 0.0),
            ]
            .iter()
            .map(|&(i, d)| part(i, d).filter(|x| x.is_finite() && x.abs() < 1e7))
            .collect();
            let Some(p) = parts else {
                return Cell::Null;
            };
            // Months and days overflow into the next ones, as JavaScript's Date.UTC.
            let months = p[0].trunc() as i64 * 12 + p[1].trunc() as i64;
            let (y, m0) = (months.div_euclid(12), months.rem_euclid(12));
            let days = days_from_civil(y, m0 as u32 + 1, 1) as f64 + p[2].trunc() - 1.0;
            Cell::Date(days * DAY_MS + p[3] * 3_600_000.0 + p[4] * 60_000.0 + p[5] * 1_000.0 + p[6])
        }
    }
}

/// `if` on evaluated arguments; `super::eval` evaluates it lazily instead (only the branch
/// taken).
fn eager_if(args: &[Cell]) -> Cell {
    match args {
        [test, then, otherwise] => {
            if super::truthy(test) {
                then.clone()
            } else {
                otherwise.clone()
            }
        }
        _ => Cell::Null,
    }
}

fn text_fn(c: &Cell, f: impl Fn(&str) -> String) -> Cell {
    match c {
        Cell::Null => Cell::Null,
        c => Cell::Text(f(&to_text(c))),
    }
}
