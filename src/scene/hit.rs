//! Which data mark lies under a point: the scene's own geometry, searched topmost first.

use super::{Scene, Shapes};
use std::f32::consts::TAU;

/// A data mark found under a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HitTarget {
    /// Index of the group in [`Scene::groups`].
    pub group: usize,
    /// Index of the instance within the group.
    pub index: usize,
    /// Index into [`Scene::items`].
    pub item: usize,
}

/// Normalises an angle to `[0, τ)`.
fn wrap(a: f32) -> f32 {
    a.rem_euclid(TAU)
}

/// Whether (`x`, `y`) lies inside `polygon` by the even-odd rule (a hole joined to its
/// outline by a there-and-back seam crosses the seam twice, which cancels).
fn inside(polygon: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut odd = false;
    let n = polygon.len();
    for i in 0..n {
        let (xi, yi) = polygon[i];
        let (xj, yj) = polygon[(i + n - 1) % n];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            odd = !odd;
        }
    }
    odd
}

impl Scene {
    /// The data mark under (`x`, `y`) in CSS px, if any. Marks drawn later win.
    pub fn hit(&self, x: f32, y: f32) -> Option<HitTarget> {
        let groups: Vec<(usize, &super::MarkGroup)> = self.data_groups().collect();
        for &(gi, group) in groups.iter().rev() {
            let found = match &group.shapes {
                Shapes::Rects {
                    x: rx,
                    y: ry,
                    width,
                    height,
                    ..
                } => (0..rx.len()).rev().find(|&i| {
                    x >= rx[i] && x <= rx[i] + width[i] && y >= ry[i] && y <= ry[i] + height[i]
                }),
                Shapes::Arcs {
                    cx,
                    cy,
                    inner,
                    outer,
                    start,
                    end,
                    ..
                } => {
                    let (dx, dy) = (x - cx, y - cy);
                    let r = (dx * dx + dy * dy).sqrt();
                    if r < *inner || r > *outer {
                        None
                    } else {
                        // Clockwise from 12 o'clock.
                        let angle = wrap(super::atan2(dx, -dy));
                        (0..start.len()).find(|&i| {
                            let span = end[i] - start[i];
                            span > 0.0 && wrap(angle - start[i]) < span
                        })
                    }
                }
                Shapes::Points {
                    x: px,
                    y: py,
                    radius,
                    ..
                } => {
                    // The nearest point within its radius plus a finger's slack.
                    (0..px.len())
                        .filter(|&i| {
                            let (dx, dy) = (x - px[i], y - py[i]);
                            (dx * dx + dy * dy).sqrt() <= radius[i] + 6.0
                        })
                        .min_by(|&a, &b| {
                            let d = |i: usize| (x - px[i]).powi(2) + (y - py[i]).powi(2);
                            d(a).total_cmp(&d(b))
                        })
                }
                Shapes::Texts {
                    x: tx,
                    y: ty,
                    text,
                    style,
                } => (0..tx.len())
                    .rev()
                    .find(|&i| super::text_box(tx[i], ty[i], &text[i], style).contains(x, y)),
                // Filled polygons that show data (map shapes; areas are `DataShape`s).
                Shapes::Polygons { polygons, .. } => (0..polygons.len())
                    .rev()
                    .find(|&i| inside(&polygons[i], x, y)),
                Shapes::Lines { .. } | Shapes::Paths { .. } => None,
            };
            if let Some(index) = found {
                if let Some(item) = group.items.get(index) {
                    return Some(HitTarget {
                        group: gi,
                        index,
                        item: *item as usize,
                    });
                }
            }
        }
        None
    }
}

impl Scene {
    /// A point inside data mark `i` (counting the instances of data groups in drawing
    /// order) and its fill: the centre of a bar, the middle of a slice, a point's centre.
    /// Tests and hosts find marks from the scene this way instead of guessing pixels.
    pub fn mark_anchor(&self, i: usize) -> Option<(f32, f32, crate::color::Color)> {
        let (g, k) = self.locate(i)?;
        match &g.shapes {
            Shapes::Rects {
                x,
                y,
                width,
                height,
                fill,
                ..
            } => Some((x[k] + width[k] / 2.0, y[k] + height[k] / 2.0, fill.get(k))),
            Shapes::Arcs {
                cx,
                cy,
                inner,
                outer,
                start,
                end,
                fill,
                ..
            } => {
                let (x, y) =
                    super::polar_point(*cx, *cy, (inner + outer) / 2.0, (start[k] + end[k]) / 2.0);
                Some((x, y, fill.get(k)))
            }
            Shapes::Points {
                x, y, fill, stroke, ..
            } => {
                let c = fill.get(k);
                let visible = if c.a > 0.0 {
                    c
                } else {
                    stroke.as_ref().map_or(c, |s| s.get(k))
                };
                Some((x[k], y[k], visible))
            }
            _ => None,
        }
    }
}

impl Scene {
    /// The data mark whose centre ([`Scene::mark_anchor`]) is nearest to (`x`, `y`) in
    /// CSS px (Euclidean distance; the earlier mark on a tie), if any mark has a centre.
    pub fn nearest_mark(&self, x: f32, y: f32) -> Option<usize> {
        (0..self.mark_count())
            .filter_map(|m| {
                let (mx, my, _) = self.mark_anchor(m)?;
                Some((m, (mx - x).powi(2) + (my - y).powi(2)))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(m, _)| m)
    }

    /// Number of data marks (instances of the data groups).
    pub fn mark_count(&self) -> usize {
        self.data_groups().map(|(_, g)| g.items.len()).sum()
    }

    /// The mark number of a hit (its place in drawing order over the data groups).
    pub fn mark_of(&self, hit: HitTarget) -> usize {
        self.data_groups()
            .take_while(|(gi, _)| *gi < hit.group)
            .map(|(_, g)| g.items.len())
            .sum::<usize>()
            + hit.index
    }

    /// The index into [`Scene::items`] of mark `mark`.
    pub fn mark_item(&self, mark: usize) -> Option<usize> {
        let (g, k) = self.locate(mark)?;
        g.items.get(k).map(|&i| i as usize)
    }

    /// The data group holding mark `mark` and the mark's index within it. Walks the
    /// groups, not the marks: callers run once per mark (tables, keyboard order), so
    /// this must not be linear in the number of marks.
    fn locate(&self, mark: usize) -> Option<(&super::MarkGroup, usize)> {
        let mut seen = 0;
        for (_, g) in self.data_groups() {
            if mark < seen + g.items.len() {
                return Some((g, mark - seen));
            }
            seen += g.items.len();
        }
        None
    }

    /// The marks in reading order: left to right (bottom to top within a column) for
    /// columns, lines and points; top to bottom for horizontal bars; clockwise for
    /// slices (their drawing order).
    pub fn reading_order(&self) -> Vec<usize> {
        let mut marks: Vec<(usize, f32, f32)> = (0..self.mark_count())
            .filter_map(|m| self.mark_anchor(m).map(|(x, y, _)| (m, x, y)))
            .collect();
        let key = |v: f32| (v * 2.0).round() as i64;
        match self.kind {
            super::ChartKind::Pie | super::ChartKind::Donut => {}
            super::ChartKind::HorizontalBars => crate::sort::by(&mut marks, &mut |a, b| {
                (key(a.2), key(a.1), a.0).cmp(&(key(b.2), key(b.1), b.0))
            }),
            _ => crate::sort::by(&mut marks, &mut |a, b| {
                (key(a.1), -key(a.2), a.0).cmp(&(key(b.1), -key(b.2), b.0))
            }),
        }
        marks.into_iter().map(|(m, _, _)| m).collect()
    }

    /// The bounding box of mark `mark`, CSS px.
    pub fn mark_bounds(&self, mark: usize) -> Option<super::Rect> {
        let (g, k) = self.locate(mark)?;
        match &g.shapes {
            Shapes::Rects {
                x,
                y,
                width,
                height,
                ..
            } => Some(super::Rect {
                x: x[k],
                y: y[k],
                width: width[k],
                height: height[k],
            }),
            Shapes::Arcs {
                cx,
                cy,
                inner,
                outer,
                start,
                end,
                ..
            } => {
                let steps = 16;
                let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
                for i in 0..=steps {
                    let a = start[k] + (end[k] - start[k]) * i as f32 / steps as f32;
                    for r in [*inner, *outer] {
                        let (px, py) = super::polar_point(*cx, *cy, r, a);
                        (x0, y0, x1, y1) = (x0.min(px), y0.min(py), x1.max(px), y1.max(py));
                    }
                }
                Some(super::Rect {
                    x: x0,
                    y: y0,
                    width: x1 - x0,
                    height: y1 - y0,
                })
            }
            Shapes::Points { x, y, radius, .. } => {
                let r = radius[k].max(3.0);
                Some(super::Rect {
                    x: x[k] - r,
                    y: y[k] - r,
                    width: 2.0 * r,
                    height: 2.0 * r,
                })
            }
            Shapes::Texts { x, y, text, style } => {
                Some(super::text_box(x[k], y[k], &text[k], style))
            }
            _ => None,
        }
    }
}
