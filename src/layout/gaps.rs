//! Lines and areas broken where a row's continuous value is invalid (null, NaN, ±∞): the
//! `mark.invalid` modes that keep such rows (`"break-paths-…"`, `"show"`, `null`).

use crate::encode::{Bound, Encoded};
use crate::spec::Channel;
use crate::table::Value;

/// The pieces of one series' rows (in drawing order) between rows with an invalid
/// continuous position; those rows themselves are in no piece. Without kept invalid rows
/// the series is one piece.
pub(super) fn pieces(u: &Encoded, rows: Vec<usize>) -> Vec<Vec<usize>> {
    if u.invalid_kept == 0 {
        return vec![rows];
    }
    let mut out = Vec::new();
    let mut piece = Vec::new();
    for r in rows {
        if breaks_at(u, r) {
            if !piece.is_empty() {
                out.push(std::mem::take(&mut piece));
            }
        } else {
            piece.push(r);
        }
    }
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Whether row `r` reads an invalid value on a continuous position channel.
fn breaks_at(u: &Encoded, r: usize) -> bool {
    [Channel::X, Channel::Y, Channel::X2, Channel::Y2]
        .into_iter()
        .any(|ch| match u.get(ch) {
            Some(Bound::Column { column, def }) if !def.ty.is_discrete() => {
                match u.table.value(column, r) {
                    Value::Null => true,
                    Value::Number(v) | Value::Date(v) => !v.is_finite(),
                    _ => false,
                }
            }
            _ => false,
        })
}
