//! The subset of Vega expressions used by `calculate` and filter strings:
//! `datum.a + datum['b'] * 2`, `datum.year >= 2020 && datum.level != '国家标准'`,
//! numbers, strings, `true`, `false`, `null`, `+ - * / %`, comparisons, `&& || !`,
//! parentheses.

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

const OPS: [&str; 21] = [
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "!", "(",
    ")", "[", "]", ".",
];

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
        e
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
                let e = self.expr(0)?;
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
            _ => Err(self.lex.err("a number, a string, datum.field, true, false, null or \"(\" (functions are not supported)")),
        }
    }
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
    let e = p.expr(0)?;
    if p.tok != Tok::End {
        return Err(p.lex.err("an operator or the end of the expression"));
    }
    Ok(e)
}
