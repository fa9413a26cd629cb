//! Newsroom annotations (`usermeta.stdviz.annotations`): a note at a data point, wrapped
//! to the room there is (`crate::text::wrap`), placed where it covers no mark, no other
//! text and no other note, and tied to its point by a line or an arrow. Placement runs
//! on the plot's finished scene at every width, so notes move with the layout.

use super::scales::Placed;
use crate::encode::Encoded;
use crate::scene::{HAlign, MarkGroup, Rect, Role, Scene, Segments, Shapes, TextStyle, VAlign};
use crate::spec::{
    Annotation, AnnotationTarget, Channel, Connector, ConstValue, FieldTest, Predicate,
};
use crate::table::Value;
use crate::text;
use crate::theme::Theme;

/// Widest a note is, CSS px (narrower when the plot is); it takes as many lines as
/// its text needs.
const MAX_WIDTH: f32 = 180.0;
/// Distances tried between a point and its note, CSS px, nearest first (the far ones
/// step off a wide bar whose top the point is).
const DISTANCES: [f32; 8] = [12.0, 24.0, 44.0, 72.0, 110.0, 160.0, 230.0, 320.0];
/// Arrowhead length, CSS px.
const ARROW: f32 = 6.0;
/// cos 0.45 and sin 0.45: the arrowhead's strokes turn 0.45 rad off its line.
const ARROW_COS: f32 = 0.900_447_1;
/// See [`ARROW_COS`].
const ARROW_SIN: f32 = 0.434_965_53;

/// A note with the point it is about, in CSS px.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The point.
    pub x: f32,
    /// The point.
    pub y: f32,
    /// The note's text.
    pub text: String,
    /// The tie to the point.
    pub connector: Connector,
}

/// Where `a` points on this plot: the value end of the first mark whose row has the
/// `at` values, or the `x`/`y` data position; `None` when that point is not drawn
/// (filtered out, a hidden series, outside the zoom window, off the scales).
pub fn resolve(
    a: &Annotation,
    units: &[Encoded],
    px: Option<&Placed>,
    py: Option<&Placed>,
    plot: Rect,
) -> Option<Target> {
    let (x, y) = match &a.target {
        // Only units that place their marks by data (not a `datum` range or rule layer).
        AnnotationTarget::Row(fields) => units.iter().filter(|u| data_placed(u)).find_map(|u| {
            let row = (0..u.rows()).find(|&r| {
                fields.iter().all(|(f, v)| {
                    u.table.column(f).is_some()
                        && crate::transform::filter::holds(
                            &u.table,
                            &Predicate::Field {
                                field: f.clone(),
                                time_unit: None,
                                test: FieldTest::Equal(v.clone()),
                            },
                            r,
                        )
                })
            })?;
            Some((
                end_of(u, row, Channel::X, px, plot)?,
                end_of(u, row, Channel::Y, py, plot)?,
            ))
        })?,
        AnnotationTarget::Datum { x, y } => (
            datum_at(x.as_ref(), px, plot.x + plot.width / 2.0)?,
            datum_at(y.as_ref(), py, plot.y + plot.height / 2.0)?,
        ),
    };
    let inside = x >= plot.x - 0.5
        && x <= plot.x + plot.width + 0.5
        && y >= plot.y - 0.5
        && y <= plot.y + plot.height + 0.5;
    inside.then(|| Target {
        x,
        y,
        text: a.text.clone(),
        connector: a.connector,
    })
}

/// Whether a unit places its marks by data: a field on x or y.
fn data_placed(u: &Encoded) -> bool {
    u.field(Channel::X).is_some() || u.field(Channel::Y).is_some()
}

/// A mark's position on one axis at its value end: the stack's end when stacked along
/// this axis, the band's centre or the value's position otherwise; the plot's middle
/// without a scale.
fn end_of(u: &Encoded, r: usize, ch: Channel, p: Option<&Placed>, plot: Rect) -> Option<f32> {
    let Some(p) = p else {
        return Some(match ch {
            Channel::X => plot.x + plot.width / 2.0,
            _ => plot.y + plot.height / 2.0,
        });
    };
    if let Some(s) = u.stack.as_ref().filter(|s| s.channel == ch) {
        return p.pos_of(u, s.channel, &u.table.value(&s.end, r));
    }
    if u.get(ch).is_none() {
        return Some(match ch {
            Channel::X => plot.x + plot.width / 2.0,
            _ => plot.y + plot.height / 2.0,
        });
    }
    p.pos_of(u, ch, &u.value(ch, r))
}

/// A data position on one axis: a number, a category, or an ISO date.
fn datum_at(v: Option<&ConstValue>, p: Option<&Placed>, middle: f32) -> Option<f32> {
    let (Some(v), Some(p)) = (v, p) else {
        return Some(middle);
    };
    match v {
        ConstValue::Number(n) => p
            .pos(&Value::Number(*n))
            .or_else(|| p.pos(&Value::Text(&crate::table::format_plain_number(*n)))),
        ConstValue::Text(t) => p
            .pos(&Value::Text(t))
            .or_else(|| crate::table::infer::parse_date(t).and_then(|d| p.pos(&Value::Date(d)))),
    }
}

/// What a note must keep clear of: boxes (text, bars, points) and segments (lines,
/// rules, area outlines).
#[derive(Debug, Default)]
struct Obstacles {
    texts: Vec<Rect>,
    marks: Vec<Rect>,
    segments: Vec<((f32, f32), (f32, f32))>,
}

impl Obstacles {
    fn of(scene: &Scene) -> Obstacles {
        let mut o = Obstacles {
            texts: scene.text_boxes().into_iter().map(|(_, r)| r).collect(),
            ..Obstacles::default()
        };
        for g in &scene.groups {
            if matches!(g.role, Role::Grid | Role::AxisLine) {
                continue;
            }
            match &g.shapes {
                Shapes::Rects {
                    x,
                    y,
                    width,
                    height,
                    ..
                } if g.role != Role::Rule => {
                    for i in 0..x.len() {
                        o.marks.push(Rect {
                            x: x[i],
                            y: y[i],
                            width: width[i],
                            height: height[i],
                        });
                    }
                }
                Shapes::Points { x, y, radius, .. } => {
                    for i in 0..x.len() {
                        o.marks.push(Rect {
                            x: x[i] - radius[i],
                            y: y[i] - radius[i],
                            width: 2.0 * radius[i],
                            height: 2.0 * radius[i],
                        });
                    }
                }
                Shapes::Paths { paths, .. } => {
                    for path in paths {
                        o.segments.extend(path.windows(2).map(|w| (w[0], w[1])));
                    }
                }
                Shapes::Polygons { polygons, .. } => {
                    for poly in polygons {
                        o.segments.extend(poly.windows(2).map(|w| (w[0], w[1])));
                    }
                }
                Shapes::Lines { x1, y1, x2, y2, .. } => {
                    for i in 0..x1.len() {
                        o.segments.push(((x1[i], y1[i]), (x2[i], y2[i])));
                    }
                }
                _ => {}
            }
        }
        o
    }

    /// The obstacles that touch `reach` (so a note's many candidate spots are tested
    /// against what is near its point, not against every point of a long line).
    fn near(&self, reach: Rect) -> Obstacles {
        Obstacles {
            texts: self
                .texts
                .iter()
                .copied()
                .filter(|r| overlap(*r, reach) > 0.0)
                .collect(),
            marks: self
                .marks
                .iter()
                .copied()
                .filter(|r| overlap(*r, reach) > 0.0)
                .collect(),
            segments: self
                .segments
                .iter()
                .copied()
                .filter(|(p, q)| segment_hits(*p, *q, reach))
                .collect(),
        }
    }

    /// How badly `b` collides: overlapped area of text and marks, plus a fixed cost per
    /// crossed segment.
    fn cost(&self, b: Rect) -> f32 {
        let texts: f32 = self.texts.iter().map(|t| overlap(b, *t)).sum();
        let marks: f32 = self.marks.iter().map(|m| overlap(b, *m)).sum();
        let crossings = self
            .segments
            .iter()
            .filter(|(p, q)| segment_hits(*p, *q, b))
            .count();
        texts * 4.0 + marks + crossings as f32 * 60.0
    }
}

/// The overlapped area of two boxes.
fn overlap(a: Rect, b: Rect) -> f32 {
    let w = (a.x + a.width).min(b.x + b.width) - a.x.max(b.x);
    let h = (a.y + a.height).min(b.y + b.height) - a.y.max(b.y);
    if w > 0.0 && h > 0.0 {
        w * h
    } else {
        0.0
    }
}

/// Whether the segment p–q passes through box `b` (Liang–Barsky clipping).
fn segment_hits(p: (f32, f32), q: (f32, f32), b: Rect) -> bool {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (den, num) in [
        (-dx, p.0 - b.x),
        (dx, b.x + b.width - p.0),
        (-dy, p.1 - b.y),
        (dy, b.y + b.height - p.1),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return false;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// The point of box `b`'s border nearest to `(x, y)`.
fn nearest_on(b: Rect, x: f32, y: f32) -> (f32, f32) {
    let cx = x.clamp(b.x, b.x + b.width);
    let cy = y.clamp(b.y, b.y + b.height);
    if cx > b.x && cx < b.x + b.width && cy > b.y && cy < b.y + b.height {
        // Inside: to the nearest edge.
        let d = [cx - b.x, b.x + b.width - cx, cy - b.y, b.y + b.height - cy];
        let m = d.iter().copied().fold(f32::INFINITY, f32::min);
        return if m == d[0] {
            (b.x, cy)
        } else if m == d[1] {
            (b.x + b.width, cy)
        } else if m == d[2] {
            (cx, b.y)
        } else {
            (cx, b.y + b.height)
        };
    }
    (cx, cy)
}

/// Places every note of `targets` inside `area` (the plot) and adds its text and
/// connector to `scene`, role [`Role::Annotation`]. Each note takes the candidate spot
/// around its point that collides least with what is drawn (and with the notes placed
/// before it), nearer spots first.
pub fn place(targets: &[Target], area: Rect, theme: &Theme, scene: &mut Scene) {
    if targets.is_empty() {
        return;
    }
    let size = theme.label_size;
    let lh = text::line_height(size);
    let mut obstacles = Obstacles::of(scene);
    // Every point is an obstacle for every note (a note never covers another's point).
    for t in targets {
        obstacles.marks.push(Rect {
            x: t.x - 3.0,
            y: t.y - 3.0,
            width: 6.0,
            height: 6.0,
        });
    }
    let max_width = MAX_WIDTH.min(area.width * 0.5).max(60.0);
    let mut connectors = Segments::default();
    for t in targets {
        // Every word of the note is kept: it wraps, never shortens.
        let lines = text::lines(&t.text, size, false, max_width);
        let w = text::widest(&lines, size, false);
        let h = size + lines.len().saturating_sub(1) as f32 * lh;
        let far = DISTANCES[DISTANCES.len() - 1];
        let near = obstacles.near(Rect {
            x: t.x - far - w,
            y: t.y - far - h,
            width: 2.0 * (far + w),
            height: 2.0 * (far + h),
        });
        let mut best: Option<(f32, Rect)> = None;
        for (k, d) in DISTANCES.iter().enumerate() {
            // Above-right, above-left, right, left, below-right, below-left, above, below.
            let spots = [
                (t.x + d * 0.7, t.y - d * 0.7 - h),
                (t.x - d * 0.7 - w, t.y - d * 0.7 - h),
                (t.x + d, t.y - h / 2.0),
                (t.x - d - w, t.y - h / 2.0),
                (t.x + d * 0.7, t.y + d * 0.7),
                (t.x - d * 0.7 - w, t.y + d * 0.7),
                (t.x - w / 2.0, t.y - d - h),
                (t.x - w / 2.0, t.y + d),
            ];
            for (j, (x, y)) in spots.into_iter().enumerate() {
                let b = Rect {
                    x: x.clamp(area.x, (area.x + area.width - w).max(area.x)),
                    y: y.clamp(area.y, (area.y + area.height - h).max(area.y)),
                    width: w,
                    height: h,
                };
                // Nearer and earlier spots win ties; a spot clamped onto its own point
                // is as bad as covering a mark.
                let on_point = t.x >= b.x && t.x <= b.x + w && t.y >= b.y && t.y <= b.y + h;
                let cost = near.cost(b)
                    + if on_point { 10_000.0 } else { 0.0 }
                    + k as f32 * 8.0
                    + j as f32;
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, b));
                }
            }
        }
        let Some((_, b)) = best else { continue };
        obstacles.texts.push(b);
        scene.groups.push(MarkGroup {
            role: Role::Annotation,
            shapes: Shapes::Texts {
                x: vec![b.x],
                y: vec![b.y],
                text: vec![lines.join("\n")],
                style: TextStyle {
                    size,
                    bold: false,
                    color: theme.title_color,
                    align: HAlign::Left,
                    baseline: VAlign::Top,
                    angle: 0,
                },
            },
            items: Vec::new(),
        });
        if t.connector == Connector::None {
            continue;
        }
        let (ex, ey) = nearest_on(b, t.x, t.y);
        let (dx, dy) = (ex - t.x, ey - t.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 6.0 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        // The line stops 2 px short of the point and of the text.
        let start = (t.x + ux * 2.0, t.y + uy * 2.0);
        let end = (ex - ux * 2.0, ey - uy * 2.0);
        connectors.push(start, end);
        if t.connector == Connector::Arrow {
            // The head's two strokes, turned ±0.45 rad (≈26°) off the line: sine and
            // cosine written out, so the wasm carries no trigonometry for them.
            let c = ARROW_COS;
            for s in [ARROW_SIN, -ARROW_SIN] {
                let hx = ux * c - uy * s;
                let hy = ux * s + uy * c;
                connectors.push(start, (start.0 + hx * ARROW, start.1 + hy * ARROW));
            }
        }
    }
    scene
        .groups
        .extend(connectors.into_group(Role::Annotation, theme.label_color, 1.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrowhead_constants_are_the_sine_and_cosine_of_its_turn() {
        assert!((ARROW_COS - 0.45f32.cos()).abs() < 1e-6);
        assert!((ARROW_SIN - 0.45f32.sin()).abs() < 1e-6);
    }

    #[test]
    fn segments_crossing_and_missing_a_box() {
        let b = Rect {
            x: 10.0,
            y: 10.0,
            width: 10.0,
            height: 10.0,
        };
        assert!(segment_hits((0.0, 15.0), (30.0, 15.0), b));
        assert!(segment_hits((12.0, 12.0), (13.0, 13.0), b));
        assert!(!segment_hits((0.0, 0.0), (30.0, 5.0), b));
        assert!(!segment_hits((0.0, 25.0), (5.0, 0.0), b));
    }

    #[test]
    fn the_connector_ends_on_the_nearest_border_point() {
        let b = Rect {
            x: 10.0,
            y: 10.0,
            width: 10.0,
            height: 10.0,
        };
        assert_eq!(nearest_on(b, 0.0, 15.0), (10.0, 15.0));
        assert_eq!(nearest_on(b, 30.0, 30.0), (20.0, 20.0));
        assert_eq!(nearest_on(b, 11.0, 15.0), (10.0, 15.0));
    }
}
