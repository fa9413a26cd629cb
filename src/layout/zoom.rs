//! The reader's x zoom window on a plot: which plots may zoom (a continuous x under lines,
//! areas or points, nothing stacked along x) and the rows a window keeps; and the y
//! window of a y axis bound to the scales (`bind: "scales"`: points only).

use super::scales::{self, PosKind, PosScale};
use crate::encode::Encoded;
use crate::spec::{Channel, MarkKind};

/// Whether the reader may zoom this plot's x axis: a continuous linear (or time) scale
/// under lines, areas or points, with no bars or arcs and nothing stacked along x.
pub(super) fn zoomable(units: &[Encoded], x: Option<&PosScale>) -> bool {
    let continuous = matches!(
        x.map(|x| &x.kind),
        Some(PosKind::Continuous {
            ty: crate::spec::ScaleType::Linear,
            ..
        })
    );
    continuous
        && units.iter().any(|u| {
            matches!(
                u.mark.kind,
                MarkKind::Line | MarkKind::Area | MarkKind::Point
            )
        })
        && units.iter().all(|u| {
            !matches!(u.mark.kind, MarkKind::Bar | MarkKind::Arc | MarkKind::Rect)
                && u.stack.as_ref().is_none_or(|s| s.channel != Channel::X)
        })
}

/// The rows of `u` whose x lies in `[lo, hi]`, plus, for lines and areas, the rows at
/// the nearest x outside on each side (so the line runs to the window's edge; it is
/// clipped there).
pub(super) fn x_window(u: &Encoded, lo: f64, hi: f64) -> Encoded {
    let xs: Vec<Option<f64>> = (0..u.rows())
        .map(|r| scales::number_of(&u.value(Channel::X, r)))
        .collect();
    let (mut before, mut after) = (f64::NEG_INFINITY, f64::INFINITY);
    if matches!(u.mark.kind, MarkKind::Line | MarkKind::Area) {
        for v in xs.iter().flatten() {
            if *v < lo {
                before = before.max(*v);
            } else if *v > hi {
                after = after.min(*v);
            }
        }
    }
    let rows: Vec<usize> = xs
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_some_and(|v| (lo..=hi).contains(&v) || v == before || v == after))
        .map(|(r, _)| r)
        .collect();
    Encoded {
        table: u.table.select_rows(&rows),
        ..u.clone()
    }
}

/// Whether the reader may pan and zoom this plot's y axis when a selection binds it to
/// the scales: a continuous linear y under points only, nothing stacked along y (the
/// window drops the points outside it; lines and areas would need clipping across).
fn y_zoomable(units: &[Encoded], y: Option<&PosScale>) -> bool {
    matches!(
        y.map(|y| &y.kind),
        Some(PosKind::Continuous {
            ty: crate::spec::ScaleType::Linear,
            ..
        })
    ) && !units.is_empty()
        && units.iter().all(|u| {
            u.mark.kind == MarkKind::Point
                && u.stack.as_ref().is_none_or(|s| s.channel != Channel::Y)
        })
}

/// Applies the reader's y window (`ViewState::zoom_y`) to a plot that may take it: the
/// y scale's domain becomes the window and the points outside it are left out. Returns
/// whether the plot's y may be panned and zoomed at all. Only the full build reads the
/// `params` that bind a y axis.
pub(super) fn y_zoom(
    units: &mut [Encoded],
    y: Option<&mut PosScale>,
    window: Option<(f64, f64)>,
) -> bool {
    if !cfg!(feature = "full") || !y_zoomable(units, y.as_deref()) {
        return false;
    }
    let (Some((lo, hi)), Some(ys)) = (window, y) else {
        return true;
    };
    if let PosKind::Continuous {
        lo: a,
        hi: b,
        nice,
        fixed,
        ..
    } = &mut ys.kind
    {
        (*a, *b, *nice, *fixed) = (lo, hi, false, true);
        for u in units.iter_mut() {
            let rows: Vec<usize> = (0..u.rows())
                .filter(|&r| {
                    scales::number_of(&u.value(Channel::Y, r))
                        .is_some_and(|v| (lo..=hi).contains(&v))
                })
                .collect();
            u.table = u.table.select_rows(&rows);
        }
    }
    true
}
