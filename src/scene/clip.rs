//! Clipping of lines and areas to a vertical band (the plot's x range when zoomed).

/// The parts of the polyline `pts` that lie within `x0 ≤ x ≤ x1`, each a polyline of
/// its own (a line that leaves the band and comes back gives two parts).
pub fn polyline_x(pts: &[(f32, f32)], (x0, x1): (f32, f32)) -> Vec<Vec<(f32, f32)>> {
    let inside = |p: (f32, f32)| p.0 >= x0 && p.0 <= x1;
    let mut parts: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut current: Vec<(f32, f32)> = Vec::new();
    if let [only] = pts {
        if inside(*only) {
            parts.push(vec![*only]);
        }
        return parts;
    }
    for w in pts.windows(2) {
        let Some((a, b)) = segment_x(w[0], w[1], x0, x1) else {
            if current.len() > 1 {
                parts.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        };
        if current.last() != Some(&a) {
            if current.len() > 1 {
                parts.push(std::mem::take(&mut current));
            }
            current = vec![a];
        }
        current.push(b);
    }
    if current.len() > 1 {
        parts.push(current);
    }
    parts
}

/// The segment from `a` to `b` cut to `x0 ≤ x ≤ x1`, if any of it is inside.
fn segment_x(a: (f32, f32), b: (f32, f32), x0: f32, x1: f32) -> Option<((f32, f32), (f32, f32))> {
    let (lo, hi) = if a.0 <= b.0 { (a, b) } else { (b, a) };
    if hi.0 < x0 || lo.0 > x1 {
        return None;
    }
    let at = |x: f32| {
        if (b.0 - a.0).abs() < f32::EPSILON {
            (x, a.1)
        } else {
            (x, a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0))
        }
    };
    let cut = |p: (f32, f32)| {
        if p.0 < x0 {
            at(x0)
        } else if p.0 > x1 {
            at(x1)
        } else {
            p
        }
    };
    Some((cut(a), cut(b)))
}

/// The polygon `poly` cut to `x0 ≤ x ≤ x1` (Sutherland–Hodgman against the two edges).
pub fn polygon_x(poly: &[(f32, f32)], (x0, x1): (f32, f32)) -> Vec<(f32, f32)> {
    let left = clip_half(poly, |p| p.0 >= x0, x0);
    clip_half(&left, |p| p.0 <= x1, x1)
}

fn clip_half(poly: &[(f32, f32)], keep: impl Fn((f32, f32)) -> bool, edge: f32) -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(poly.len() + 2);
    let Some(&last) = poly.last() else {
        return out;
    };
    let mut prev = last;
    for &p in poly {
        let cross = |a: (f32, f32), b: (f32, f32)| {
            let t = (edge - a.0) / (b.0 - a.0);
            (edge, a.1 + (b.1 - a.1) * t)
        };
        match (keep(prev), keep(p)) {
            (true, true) => out.push(p),
            (true, false) => out.push(cross(prev, p)),
            (false, true) => {
                out.push(cross(prev, p));
                out.push(p);
            }
            (false, false) => {}
        }
        prev = p;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_through_the_band_is_cut_at_its_edges() {
        let parts = polyline_x(&[(0.0, 0.0), (10.0, 10.0), (20.0, 0.0)], (5.0, 15.0));
        assert_eq!(parts, vec![vec![(5.0, 5.0), (10.0, 10.0), (15.0, 5.0)]]);
    }

    #[test]
    fn a_line_leaving_and_coming_back_gives_two_parts() {
        let parts = polyline_x(
            &[(1.0, 0.0), (30.0, 0.0), (30.0, 5.0), (1.0, 5.0)],
            (0.0, 10.0),
        );
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().flatten().all(|p| p.0 >= 0.0 && p.0 <= 10.0));
    }

    #[test]
    fn a_line_outside_is_dropped() {
        assert!(polyline_x(&[(20.0, 0.0), (30.0, 1.0)], (0.0, 10.0)).is_empty());
    }

    #[test]
    fn an_area_is_cut_to_the_band() {
        let square = [(0.0, 0.0), (20.0, 0.0), (20.0, 10.0), (0.0, 10.0)];
        let cut = polygon_x(&square, (5.0, 15.0));
        assert!(cut.iter().all(|p| p.0 >= 5.0 && p.0 <= 15.0));
        let xs: Vec<f32> = cut.iter().map(|p| p.0).collect();
        assert!(xs.contains(&5.0) && xs.contains(&15.0));
        assert_eq!(cut.len(), 4);
    }
}
