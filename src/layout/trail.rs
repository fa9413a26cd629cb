//! The `trail` mark: a line whose width follows `size` point by point, drawn as one
//! filled outline per series (Vega-Lite maps `size` onto 1–4 px for trails); and the
//! step interpolations lines and areas share.

use crate::encode::{Bound, Encoded};
use crate::spec::{Channel, ConstValue, Interpolate};

use super::scales::MagnitudeScale;

/// Vega-Lite's `size` range on a trail (`config.scale.minStrokeWidth`/`maxStrokeWidth`).
const TRAIL_WIDTHS: (f64, f64) = (1.0, 4.0);

/// Vega-Lite's `size` range on points (px²).
const POINT_AREAS: (f64, f64) = (9.0, 361.0);

/// The default range of a plot's `size` scale: widths when it draws trails, else areas.
pub fn size_range(units: &[Encoded]) -> (f64, f64) {
    match units.iter().any(|u| u.mark.trail) {
        true => TRAIL_WIDTHS,
        false => POINT_AREAS,
    }
}

/// A trail's width at row `r`, px: the size condition's, the size field's through
/// `scale`, the size value's, else the mark's `size` (2 px by default, a line's width).
pub fn point_width(u: &Encoded, r: usize, scale: Option<&MagnitudeScale>) -> f32 {
    let width = match (u.condition(Channel::Size, r), u.get(Channel::Size)) {
        (Some(ConstValue::Number(n)), _) => *n,
        (_, Some(Bound::Column { column, .. })) => scale
            .and_then(|s| s.of_row(u, Channel::Size, column, r))
            .unwrap_or(2.0),
        (_, Some(Bound::Value(ConstValue::Number(n)))) => *n,
        _ => f64::from(u.mark.size.unwrap_or(2.0)),
    };
    width as f32
}

/// The outline of a trail through `pts` with the width `widths[i]` at point `i`: each
/// point moved half its width to either side along the mean of its segments' normals,
/// the left side forward and the right side back.
pub fn outline(pts: &[(f32, f32)], widths: &[f32]) -> Vec<(f32, f32)> {
    let n = pts.len().min(widths.len());
    if n < 2 {
        return Vec::new();
    }
    let normal = |a: (f32, f32), b: (f32, f32)| -> Option<(f32, f32)> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        (len > 1e-6).then(|| (-dy / len, dx / len))
    };
    let mut left = Vec::with_capacity(n);
    let mut right = Vec::with_capacity(n);
    for i in 0..n {
        let before = (i > 0).then(|| normal(pts[i - 1], pts[i])).flatten();
        let after = (i + 1 < n).then(|| normal(pts[i], pts[i + 1])).flatten();
        let (nx, ny) = match (before, after) {
            (Some(a), Some(b)) => {
                let (x, y) = (a.0 + b.0, a.1 + b.1);
                let len = (x * x + y * y).sqrt();
                if len > 1e-6 {
                    (x / len, y / len)
                } else {
                    a
                }
            }
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => (0.0, 0.0),
        };
        let half = widths[i].max(0.0) / 2.0;
        left.push((pts[i].0 + nx * half, pts[i].1 + ny * half));
        right.push((pts[i].0 - nx * half, pts[i].1 - ny * half));
    }
    left.extend(right.into_iter().rev());
    left
}

/// Steps a polyline for `step` interpolations (points along x, or along y when `along_y`).
pub fn step(pts: Vec<(f32, f32)>, how: Interpolate, along_y: bool) -> Vec<(f32, f32)> {
    if how == Interpolate::Linear || pts.len() < 2 {
        return pts;
    }
    let mut out = Vec::with_capacity(pts.len() * 2);
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        out.push(a);
        let mid = if along_y {
            (a.1 + b.1) / 2.0
        } else {
            (a.0 + b.0) / 2.0
        };
        let corners: Vec<(f32, f32)> = match (how, along_y) {
            (Interpolate::Step, false) => vec![(mid, a.1), (mid, b.1)],
            (Interpolate::StepAfter, false) => vec![(b.0, a.1)],
            (Interpolate::StepBefore, false) => vec![(a.0, b.1)],
            (Interpolate::Step, true) => vec![(a.0, mid), (b.0, mid)],
            (Interpolate::StepAfter, true) => vec![(a.0, b.1)],
            (Interpolate::StepBefore, true) => vec![(b.0, a.1)],
            _ => Vec::new(),
        };
        out.extend(corners);
    }
    if let Some(last) = pts.last() {
        out.push(*last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::outline;

    #[test]
    fn a_trail_is_as_wide_as_its_points_say() {
        // A horizontal trail 2 px wide at the start and 6 px at the end.
        let o = outline(&[(0.0, 10.0), (10.0, 10.0)], &[2.0, 6.0]);
        assert_eq!(o.len(), 4);
        let ys: Vec<f32> = o.iter().map(|p| p.1).collect();
        assert_eq!(ys, vec![11.0, 13.0, 7.0, 9.0]);
        assert!(outline(&[(0.0, 0.0)], &[3.0]).is_empty());
    }
}
