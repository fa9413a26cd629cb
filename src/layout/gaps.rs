//! Lines and areas broken where a row's continuous value is invalid (null, NaN, ±∞): the
//! `mark.invalid` modes that break paths (`"break-paths-…"`, Vega-Lite's default for
//! lines, areas and trails). Under `"show"` (or `null`) paths do not break: the invalid
//! value is drawn at zero or the scale's minimum (`Placed::pos_of`).

use crate::encode::{Bound, Encoded};
use crate::spec::Channel;

/// The pieces of one series' rows (in drawing order) between rows with an invalid
/// continuous position; those rows themselves are in no piece. Without kept invalid rows,
/// or under `"show"`, the series is one piece.
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

/// Whether row `r` reads an invalid value on a continuous position channel that does not
/// show them (`Mark::shows_invalid`: under `"show"` or with `config.scale.invalid`, the
/// value is drawn at zero or its output instead).
fn breaks_at(u: &Encoded, r: usize) -> bool {
    [Channel::X, Channel::Y, Channel::X2, Channel::Y2]
        .into_iter()
        .any(|ch| match u.get(ch) {
            Some(Bound::Column { column, def })
                if !def.ty.is_discrete() && u.mark.shows_invalid(ch.position_base()).is_none() =>
            {
                super::scales::invalid_value(&u.table.value(column, r))
            }
            _ => false,
        })
}
