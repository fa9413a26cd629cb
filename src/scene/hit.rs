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
                        let angle = wrap(dx.atan2(-dy));
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
                } => (0..tx.len()).rev().find(|&i| {
                    let w = crate::text::width(&text[i], style.size, style.bold);
                    let x0 = match style.align {
                        super::HAlign::Left => tx[i],
                        super::HAlign::Center => tx[i] - w / 2.0,
                        super::HAlign::Right => tx[i] - w,
                    };
                    let y0 = match style.baseline {
                        super::VAlign::Top => ty[i],
                        super::VAlign::Middle => ty[i] - style.size / 2.0,
                        super::VAlign::Bottom => ty[i] - style.size,
                    };
                    x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + style.size
                }),
                Shapes::Lines { .. } | Shapes::Paths { .. } | Shapes::Polygons { .. } => None,
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
        let mut seen = 0;
        for (_, g) in self.data_groups() {
            let n = g.items.len();
            if i >= seen + n {
                seen += n;
                continue;
            }
            let k = i - seen;
            return match &g.shapes {
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
                    let (x, y) = super::polar_point(
                        *cx,
                        *cy,
                        (inner + outer) / 2.0,
                        (start[k] + end[k]) / 2.0,
                    );
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
            };
        }
        None
    }
}
