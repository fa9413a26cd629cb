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
        for (gi, group) in self.groups.iter().enumerate().rev() {
            if group.items.is_empty() {
                continue;
            }
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
                Shapes::Lines { .. } | Shapes::Texts { .. } => None,
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
