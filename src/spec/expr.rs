//! The subset of Vega expressions used by `calculate` and filter strings:
//! `datum.a + datum['b'] * 2`, `datum.year >= 2020 && datum.level != '国家标准'`,
//! numbers, strings, `true`, `false`, `null`, `+ - * / %`, comparisons, `&& || !`,
//! `test ? a : b`, parentheses, the constants `PI` and `E`, and the functions of [`Func`]
//! (evaluated by `crate::transform::functions`).

use super::{BinOp, Expr};
use crate::error::Error;

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    path: &'a str,
    text: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ident(String),
    Op(&'static str),
    End,
}

const OPS: [&str; 24] = [
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "!", "(",
    ")", "[", "]", ".", "?", ":", ",",
];

/// A function of Vega's expression language that stdviz evaluates. Dates are UTC
/// everywhere in stdviz, so the local-time functions (`year`, `hours`, …) and their `utc`
/// forms give the same values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `if(test, then, else)`.
    If,
    /// `isValid(v)`: not null, not NaN.
    IsValid,
    /// `isNaN(v)`.
    IsNaN,
    /// `isFinite(v)`.
    IsFinite,
    /// `toNumber(v)`.
    ToNumber,
    /// `toDate(v)`: a date from a date text, a bare year or a timestamp.
    ToDate,
    /// `toString(v)`.
    ToString,
    /// `toBoolean(v)`.
    ToBoolean,
    /// `abs(x)`.
    Abs,
    /// `ceil(x)`.
    Ceil,
    /// `floor(x)`.
    Floor,
    /// `round(x)`.
    Round,
    /// `sqrt(x)`.
    Sqrt,
    /// `log(x)`, the natural logarithm.
    Log,
    /// `exp(x)`.
    Exp,
    /// `pow(x, y)`.
    Pow,
    /// `sin(x)`.
    Sin,
    /// `cos(x)`.
    Cos,
    /// `tan(x)`.
    Tan,
    /// `atan2(y, x)`.
    Atan2,
    /// `min(x, …)`.
    Min,
    /// `max(x, …)`.
    Max,
    /// `clamp(x, lo, hi)`.
    Clamp,
    /// `length(s)`.
    Length,
    /// `upper(s)`.
    Upper,
    /// `lower(s)`.
    Lower,
    /// `trim(s)`.
    Trim,
    /// `substring(s, start[, end])`.
    Substring,
    /// `slice(s, start[, end])` (negative positions count from the end).
    Slice,
    /// `indexof(s, t)`.
    IndexOf,
    /// `lastindexof(s, t)`.
    LastIndexOf,
    /// `replace(s, pattern, replacement)` with a text pattern (first occurrence).
    Replace,
    /// `format(x, specifier)`: d3-format, as `crate::format::NumberFormat`.
    Format,
    /// `timeFormat(d, specifier)` and `utcFormat`: d3-time-format, as `crate::format::time`.
    TimeFormat,
    /// `year(d)`.
    Year,
    /// `quarter(d)`: 1–4.
    Quarter,
    /// `month(d)`: 0–11, as JavaScript.
    Month,
    /// `date(d)`: day of the month, 1–31.
    Date,
    /// `day(d)`: day of the week, 0 (Sunday)–6.
    Day,
    /// `dayofyear(d)`: 1–366.
    DayOfYear,
    /// `hours(d)`.
    Hours,
    /// `minutes(d)`.
    Minutes,
    /// `seconds(d)`.
    Seconds,
    /// `milliseconds(d)`.
    Milliseconds,
    /// `time(d)`: milliseconds since the epoch.
    Time,
    /// `datetime(year, month0[, day, hours, minutes, seconds, ms])` and `utc(…)`.
    DateTime,
}

impl Func {
    /// The function a name calls, with its least and most argument counts.
    pub fn from_name(name: &str) -> Option<(Func, usize, usize)> {
        use Func::*;
        let name = match name.strip_prefix("utc") {
            Some(rest) if !rest.is_empty() && rest != "Format" => rest,
            _ => name,
        };
        Some(match name {
            "if" => (If, 3, 3),
            "isValid" => (IsValid, 1, 1),
            "isNaN" => (IsNaN, 1, 1),
            "isFinite" => (IsFinite, 1, 1),
            "toNumber" => (ToNumber, 1, 1),
            "toDate" => (ToDate, 1, 1),
            "toString" => (ToString, 1, 1),
            "toBoolean" => (ToBoolean, 1, 1),
            "abs" => (Abs, 1, 1),
            "ceil" => (Ceil, 1, 1),
            "floor" => (Floor, 1, 1),
            "round" => (Round, 1, 1),
            "sqrt" => (Sqrt, 1, 1),
            "log" => (Log, 1, 1),
            "exp" => (Exp, 1, 1),
            "pow" => (Pow, 2, 2),
            "sin" => (Sin, 1, 1),
            "cos" => (Cos, 1, 1),
            "tan" => (Tan, 1, 1),
            "atan2" => (Atan2, 2, 2),
            "min" => (Min, 1, 64),
            "max" => (Max, 1, 64),
            "clamp" => (Clamp, 3, 3),
            "length" => (Length, 1, 1),
            "upper" => (Upper, 1, 1),
            "lower" => (Lower, 1, 1),
            "trim" => (Trim, 1, 1),
            "substring" => (Substring, 2, 3),
            "slice" => (Slice, 2, 3),
            "indexof" => (IndexOf, 2, 2),
            "lastindexof" => (LastIndexOf, 2, 2),
            "replace" => (Replace, 3, 3),
            "format" => (Format, 2, 2),
            "timeFormat" | "utcFormat" => (TimeFormat, 2, 2),
            "year" => (Year, 1, 1),
            "quarter" => (Quarter, 1, 1),
            "month" => (Month, 1, 1),
            "date" => (Date, 1, 1),
            "day" => (Day, 1, 1),
            "dayofyear" => (DayOfYear, 1, 1),
            "hours" => (Hours, 1, 1),
            "minutes" => (Minutes, 1, 1),
            "seconds" => (Seconds, 1, 1),
            "milliseconds" => (Milliseconds, 1, 1),
            "time" => (Time, 1, 1),
            "datetime" | "utc" => (DateTime, 2, 7),
            _ => return None,
        })
    }
}

impl Lexer<'_> {
    fn err(&self, expected: &str) -> Error {
        Error::Spec {
            path: self.path.to_string(),
            expected: format!("{expected} at character {} of the expression", self.pos + 1),
            found: format!("\"{}\"", crate::error::shorten(self.text, 60)),
        }
    }

    fn next(&mut self) -> Result<Tok, Error> {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
        let Some(&c) = self.chars.get(self.pos) else {
            return Ok(Tok::End);
        };
        if c.is_ascii_digit()
            || (c == '.'
                && self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(char::is_ascii_digit))
        {
            let start = self.pos;
            while self
                .chars
                .get(self.pos)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == 'e' || *c == 'E')
            {
                self.pos += 1;
            }
            let s: String = self.chars[start..self.pos].iter().collect();
            return crate::decimal::parse_f64(&s)
                .map(Tok::Num)
                .ok_or_else(|| self.err("a number"));
        }
        if c == '\'' || c == '"' {
            self.pos += 1;
            let start = self.pos;
            while self.chars.get(self.pos).is_some_and(|x| *x != c) {
                self.pos += 1;
            }
            if self.pos >= self.chars.len() {
                return Err(self.err("a closing quote"));
            }
            let s: String = self.chars[start..self.pos].iter().collect();
            self.pos += 1;
            return Ok(Tok::Str(s));
        }
        if c.is_alphabetic() || c == '_' || c == '$' {
            let start = self.pos;
            while self
                .chars
                .get(self.pos)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            {
                self.pos += 1;
            }
            return Ok(Tok::Ident(self.chars[start..self.pos].iter().collect()));
        }
        for op in OPS {
            let n = op.chars().count();
            if self
                .chars
                .get(self.pos..self.pos + n)
                .is_some_and(|w| w.iter().copied().eq(op.chars()))
            {
                self.pos += n;
                return Ok(Tok::Op(op));
            }
        }
        Err(self.err("an operator, a number, a string or datum.field"))
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    tok: Tok,
    /// Nesting of parentheses and prefix operators so far.
    depth: usize,
    /// Binary operators so far (a chain of them nests the tree as deep).
    operators: usize,
}

/// Deepest nesting of parentheses and prefix operators in an expression.
const MAX_NESTING: usize = 64;
/// Most binary operators in one expression.
const MAX_OPERATORS: usize = 256;

fn binary(op: &str) -> Option<(BinOp, u8)> {
    Some(match op {
        "||" => (BinOp::Or, 1),
        "&&" => (BinOp::And, 2),
        "==" | "===" => (BinOp::Eq, 3),
        "!=" | "!==" => (BinOp::Ne, 3),
        "<" => (BinOp::Lt, 4),
        "<=" => (BinOp::Le, 4),
        ">" => (BinOp::Gt, 4),
        ">=" => (BinOp::Ge, 4),
        "+" => (BinOp::Add, 5),
        "-" => (BinOp::Sub, 5),
        "*" => (BinOp::Mul, 6),
        "/" => (BinOp::Div, 6),
        "%" => (BinOp::Rem, 6),
        _ => return None,
    })
}

impl Parser<'_> {
    fn bump(&mut self) -> Result<(), Error> {
        self.tok = self.lex.next()?;
        Ok(())
    }

    /// A whole expression: a conditional `test ? a : b` (right-associative, lowest
    /// precedence) or a binary chain.
    fn full(&mut self) -> Result<Expr, Error> {
        let test = self.expr(0)?;
        if self.tok != Tok::Op("?") {
            return Ok(test);
        }
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.lex.err(&format!(
                "at most {MAX_NESTING} nested parentheses, conditionals and prefix operators"
            )));
        }
        self.bump()?;
        let then = self.full()?;
        if self.tok != Tok::Op(":") {
            return Err(self.lex.err("\":\" of a conditional (test ? a : b)"));
        }
        self.bump()?;
        let otherwise = self.full()?;
        self.depth = self.depth.saturating_sub(1);
        Ok(Expr::Cond(
            Box::new(test),
            Box::new(then),
            Box::new(otherwise),
        ))
    }

    fn expr(&mut self, min_prec: u8) -> Result<Expr, Error> {
        let mut lhs = self.atom()?;
        loop {
            let Tok::Op(op) = self.tok else {
                return Ok(lhs);
            };
            let Some((op, prec)) = binary(op) else {
                return Ok(lhs);
            };
            if prec < min_prec {
                return Ok(lhs);
            }
            self.operators += 1;
            if self.operators > MAX_OPERATORS {
                return Err(self.lex.err(&format!(
                    "at most {MAX_OPERATORS} operators in one expression"
                )));
            }
            self.bump()?;
            let rhs = self.expr(prec + 1)?;
            lhs = Expr::Binary(Box::new(lhs), op, Box::new(rhs));
        }
    }

    fn atom(&mut self) -> Result<Expr, Error> {
        let nests = matches!(self.tok, Tok::Op("-" | "!" | "("));
        if nests {
            self.depth += 1;
            if self.depth > MAX_NESTING {
                return Err(self.lex.err(&format!(
                    "at most {MAX_NESTING} nested parentheses and prefix operators"
                )));
            }
        }
        let e = self.atom_inner();
        if nests {
            self.depth = self.depth.saturating_sub(1);
        }
        self.index(e?)
    }

    /// `e[i]` after an atom: the character at `i` of a text (`datum.label[0]`, the first
    /// letter), as `substring(e, i, i + 1)` — JavaScript's string index, with "" where it
    /// answers `undefined`. A function of the full build, as `substring` is.
    fn index(&mut self, mut e: Expr) -> Result<Expr, Error> {
        while self.tok == Tok::Op("[") {
            if cfg!(not(feature = "full")) {
                return Err(Error::NeedsFull {
                    path: self.lex.path.to_string(),
                    what: "expression functions",
                });
            }
            self.operators += 1;
            if self.operators > MAX_OPERATORS {
                return Err(self.lex.err(&format!(
                    "at most {MAX_OPERATORS} operators in one expression"
                )));
            }
            self.bump()?;
            let i = self.full()?;
            if self.tok != Tok::Op("]") {
                return Err(self.lex.err("\"]\" after an index"));
            }
            self.bump()?;
            let next = Expr::Binary(Box::new(i.clone()), BinOp::Add, Box::new(Expr::Number(1.0)));
            e = Expr::Call(Func::Substring, vec![e, i, next]);
        }
        Ok(e)
    }

    /// `[0]` or `[1]` after the name of an `extent` transform's parameter (its min or max).
    #[cfg(feature = "full")]
    fn param_item(&mut self, name: String) -> Result<Expr, Error> {
        let want = format!("\"{name}[0]\" or \"{name}[1]\" (an extent's min or max)");
        if self.tok != Tok::Op("[") {
            return Err(self.lex.err(&want));
        }
        self.bump()?;
        let index = match &self.tok {
            Tok::Num(n) if *n == 0.0 || *n == 1.0 => *n as usize,
            _ => return Err(self.lex.err(&want)),
        };
        self.bump()?;
        if self.tok != Tok::Op("]") {
            return Err(self.lex.err(&want));
        }
        self.bump()?;
        Ok(Expr::ParamItem(name, index))
    }

    fn atom_inner(&mut self) -> Result<Expr, Error> {
        match std::mem::replace(&mut self.tok, Tok::End) {
            Tok::Num(n) => {
                self.bump()?;
                Ok(Expr::Number(n))
            }
            Tok::Str(s) => {
                self.bump()?;
                Ok(Expr::Text(s))
            }
            Tok::Op("-") => {
                self.bump()?;
                Ok(Expr::Neg(Box::new(self.atom()?)))
            }
            Tok::Op("!") => {
                self.bump()?;
                Ok(Expr::Not(Box::new(self.atom()?)))
            }
            Tok::Op("(") => {
                self.bump()?;
                let e = self.full()?;
                if self.tok != Tok::Op(")") {
                    return Err(self.lex.err("a closing parenthesis"));
                }
                self.bump()?;
                Ok(e)
            }
            Tok::Ident(id) if id == "true" || id == "false" => {
                self.bump()?;
                Ok(Expr::Bool(id == "true"))
            }
            Tok::Ident(id) if id == "null" => {
                self.bump()?;
                Ok(Expr::Null)
            }
            Tok::Ident(id) if id == "datum" => {
                self.bump()?;
                match std::mem::replace(&mut self.tok, Tok::End) {
                    Tok::Op(".") => {
                        self.bump()?;
                        match std::mem::replace(&mut self.tok, Tok::End) {
                            Tok::Ident(f) => {
                                self.bump()?;
                                Ok(Expr::Field(f))
                            }
                            _ => Err(self.lex.err("a field name after \"datum.\"")),
                        }
                    }
                    Tok::Op("[") => {
                        self.bump()?;
                        let Tok::Str(f) = std::mem::replace(&mut self.tok, Tok::End) else {
                            return Err(self.lex.err("a quoted field name in datum[...]"));
                        };
                        self.bump()?;
                        if self.tok != Tok::Op("]") {
                            return Err(self.lex.err("\"]\""));
                        }
                        self.bump()?;
                        Ok(Expr::Field(f))
                    }
                    _ => Err(self.lex.err("\".field\" or \"['field']\" after datum")),
                }
            }
            Tok::Ident(id) if id == "PI" || id == "E" => {
                self.bump()?;
                Ok(Expr::Number(if id == "PI" {
                    std::f64::consts::PI
                } else {
                    std::f64::consts::E
                }))
            }
            Tok::Ident(id) => {
                let start = self.lex.pos;
                self.bump()?;
                if self.tok != Tok::Op("(") {
                    // Only the full build's extent transform puts a parameter in scope.
                    #[cfg(feature = "full")]
                    if let Some(Expr::ParamItem(name, usize::MAX)) = scope_value(&id) {
                        return self.param_item(name);
                    }
                    if let Some(value) = scope_value(&id) {
                        return Ok(value);
                    }
                    return Err(self.lex.err(&format!(
                        "datum.field, true, false, null, PI, E or a function call, not \"{id}\""
                    )));
                }
                let Some((func, least, most)) = Func::from_name(&id) else {
                    self.lex.pos = start;
                    return Err(self.lex.err(&format!(
                        "a function stdviz evaluates (docs/SPEC.md, \"calculate\"), not \"{id}\""
                    )));
                };
                // The lite build evaluates `if` only; the other functions are the full
                // build's (transform::functions), so the host draws with the full wasm.
                #[cfg(not(feature = "full"))]
                if func != Func::If {
                    return Err(Error::NeedsFull {
                        path: self.lex.path.to_string(),
                        what: "expression functions",
                    });
                }
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    return Err(self.lex.err(&format!(
                        "at most {MAX_NESTING} nested parentheses and calls"
                    )));
                }
                self.bump()?;
                let mut args = Vec::new();
                if self.tok != Tok::Op(")") {
                    loop {
                        args.push(self.full()?);
                        if self.tok == Tok::Op(",") {
                            self.bump()?;
                            continue;
                        }
                        break;
                    }
                }
                if self.tok != Tok::Op(")") {
                    return Err(self.lex.err("\",\" or \")\" in the arguments of a call"));
                }
                if args.len() < least || args.len() > most {
                    return Err(self.lex.err(&if least == most {
                        format!("{least} argument(s) to {id}(), found {}", args.len())
                    } else {
                        format!(
                            "{least} to {most} arguments to {id}(), found {}",
                            args.len()
                        )
                    }));
                }
                self.depth = self.depth.saturating_sub(1);
                self.bump()?;
                Ok(Expr::Call(func, args))
            }
            _ => Err(self.lex.err(
                "a number, a string, datum.field, true, false, null, a function call or \"(\"",
            )),
        }
    }
}

thread_local! {
    /// The value parameters in scope while a spec is parsed (see [`with_scope`]).
    static SCOPE: std::cell::RefCell<Vec<(String, Expr)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with `vars` readable by name in every expression parsed meanwhile: a bare
/// name (`cutoff`, not `datum.cutoff`) becomes its value, folded into the expression —
/// how a spec's value parameters reach its expressions (`spec::params`). The previous
/// scope is restored afterwards.
pub fn with_scope<T>(vars: Vec<(String, Expr)>, f: impl FnOnce() -> T) -> T {
    let before = SCOPE.with(|s| std::mem::replace(&mut *s.borrow_mut(), vars));
    let out = f();
    SCOPE.with(|s| *s.borrow_mut() = before);
    out
}

/// Runs `f`, then forgets the variables it added to the scope (an `extent` transform's
/// parameter is read by the expressions of its own transform list only).
pub fn keep_scope<T>(f: impl FnOnce() -> T) -> T {
    let len = SCOPE.with(|s| s.borrow().len());
    let out = f();
    SCOPE.with(|s| s.borrow_mut().truncate(len));
    out
}

/// Adds one variable to the current scope (a parameter defined after the scope began).
// Only params (the full build) use it.
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub fn scope_push(name: &str, value: Expr) {
    SCOPE.with(|s| s.borrow_mut().push((name.to_string(), value)));
}

/// The value of `name` in the current scope (the last definition wins).
fn scope_value(name: &str) -> Option<Expr> {
    SCOPE.with(|s| {
        s.borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    })
}

/// The constant an expression without fields folds to: literals, `-`, `!`, arithmetic,
/// comparisons, `&&`/`||` and `?:` over literals; `None` for anything else.
// Only params (the full build) use it.
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub fn fold_constant(e: &Expr) -> Option<Expr> {
    use BinOp as B;
    let num = |e: &Expr| match e {
        Expr::Number(n) => Some(*n),
        Expr::Bool(b) => Some(f64::from(u8::from(*b))),
        Expr::Null => Some(0.0),
        _ => None,
    };
    let truthy = |e: &Expr| match e {
        Expr::Number(n) => *n != 0.0 && !n.is_nan(),
        Expr::Bool(b) => *b,
        Expr::Text(t) => !t.is_empty(),
        _ => false,
    };
    Some(match e {
        Expr::Number(_) | Expr::Text(_) | Expr::Bool(_) | Expr::Null => e.clone(),
        Expr::Neg(a) => Expr::Number(-num(&fold_constant(a)?)?),
        Expr::Not(a) => Expr::Bool(!truthy(&fold_constant(a)?)),
        Expr::Cond(t, a, b) => {
            if truthy(&fold_constant(t)?) {
                fold_constant(a)?
            } else {
                fold_constant(b)?
            }
        }
        Expr::Binary(a, op, b) => {
            let (a, b) = (fold_constant(a)?, fold_constant(b)?);
            match op {
                B::And => {
                    if truthy(&a) {
                        b
                    } else {
                        a
                    }
                }
                B::Or => {
                    if truthy(&a) {
                        a
                    } else {
                        b
                    }
                }
                B::Add => match (&a, &b) {
                    (Expr::Text(x), Expr::Text(y)) => Expr::Text(format!("{x}{y}")),
                    _ => Expr::Number(num(&a)? + num(&b)?),
                },
                B::Eq | B::Ne => {
                    let same = a == b;
                    Expr::Bool(same == (*op == B::Eq))
                }
                _ => {
                    let (x, y) = (num(&a)?, num(&b)?);
                    match op {
                        B::Sub => Expr::Number(x - y),
                        B::Mul => Expr::Number(x * y),
                        B::Div => Expr::Number(x / y),
                        B::Rem => Expr::Number(x % y),
                        B::Lt => Expr::Bool(x < y),
                        B::Le => Expr::Bool(x <= y),
                        B::Gt => Expr::Bool(x > y),
                        _ => Expr::Bool(x >= y),
                    }
                }
            }
        }
        Expr::Field(_) | Expr::Call(..) | Expr::ParamItem(..) => return None,
    })
}

/// Parses an expression found at `path`.
pub fn parse_expr(text: &str, path: &str) -> Result<Expr, Error> {
    let mut p = Parser {
        lex: Lexer {
            chars: text.chars().collect(),
            pos: 0,
            path,
            text,
        },
        tok: Tok::End,
        depth: 0,
        operators: 0,
    };
    p.bump()?;
    let e = p.full()?;
    if p.tok != Tok::End {
        return Err(p.lex.err("an operator or the end of the expression"));
    }
    Ok(e)
}
