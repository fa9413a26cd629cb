//! Pies and donuts: arc units (and text layered on them) around one centre. Slices run
//! clockwise from 12 o'clock (Vega-Lite's theta), in the stack order.

use super::channels::StrokeScales;
use super::context::Ctx;
use super::legend::Legend;
use super::legend_side;
use super::plot::format_value;
use super::scales::{self, ColorScale};
use crate::encode::{Bound, Encoded};
use crate::scene::{
    ChartKind, HAlign, Item, MarkGroup, Paint, Rect, Role, Scene, Shapes, TextStyle, VAlign,
};
use crate::spec::{Channel, MarkKind};
use crate::table::Value;
use std::f32::consts::TAU;

/// A planned polar chart.
pub struct Polar {
    units: Vec<Encoded>,
    color: Option<ColorScale>,
    ctx: Ctx,
}

impl Polar {
    /// Plans a polar chart over `units`.
    /// `full` holds every row when the reader hid series (the colours and legend keep
    /// them); empty otherwise.
    pub fn new(units: Vec<Encoded>, full: &[Encoded], ctx: &Ctx) -> Polar {
        Polar {
            color: scales::color(if full.is_empty() { &units } else { full }, ctx),
            units,
            ctx: ctx.clone(),
        }
    }

    /// The legend; with value labels asked for (`usermeta.stdviz.labels`), each entry
    /// carries its slice's figure ("国家标准 80"), so a reader reads every figure without
    /// hovering however thin the slice.
    fn legend(&self) -> Option<Legend> {
        let mut legend = Legend::of(self.color.as_ref()?, &self.ctx)?;
        if self.ctx.labels.is_some() {
            for (label, key) in legend.labels.iter_mut().zip(&legend.keys) {
                if let Some(total) = self.series_total(key) {
                    let figure = self.ctx.figure(total);
                    let unit = self.ctx.unit.as_deref().unwrap_or("");
                    *label = format!("{label} {figure}{unit}");
                }
            }
        }
        Some(legend)
    }

    /// The sum of the theta values of series `key` over the arc units, if any.
    fn series_total(&self, key: &str) -> Option<f64> {
        let mut total = None;
        for u in self.units.iter().filter(|u| u.mark.kind == MarkKind::Arc) {
            let Some((color, _)) = u.field(Channel::Color) else {
                continue;
            };
            for r in 0..u.rows() {
                if u.table.value(color, r).to_text() == key {
                    if let Some(v) = u.value(Channel::Theta, r).as_number() {
                        *total.get_or_insert(0.0) += v;
                    }
                }
            }
        }
        total
    }

    /// Width of the legend column when beside, px.
    pub fn legend_width(&self) -> f32 {
        legend_side::column_room(self.legend().as_ref(), &self.ctx.theme)
    }

    /// Height needed below the pie for a legend on narrow screens.
    pub fn chrome_height(&self, inner_width: f32) -> f32 {
        legend_side::rows_room(self.legend().as_ref(), inner_width, &self.ctx.theme)
    }

    /// Angles (start, end) of each row of a unit, from its stacked theta.
    fn angles(u: &Encoded) -> Vec<Option<(f32, f32)>> {
        let Some(s) = &u.stack else {
            // Theta without a stack (stack: null): each value from zero.
            let max = (0..u.rows())
                .filter_map(|r| u.value(Channel::Theta, r).as_number())
                .fold(0.0f64, f64::max);
            return (0..u.rows())
                .map(|r| {
                    u.value(Channel::Theta, r)
                        .as_number()
                        .filter(|_| max > 0.0)
                        .map(|v| (0.0, (v / max) as f32 * TAU))
                })
                .collect();
        };
        let total = (0..u.rows())
            .filter_map(|r| u.table.value(&s.end, r).as_number())
            .fold(0.0f64, f64::max);
        (0..u.rows())
            .map(|r| {
                let a = u.table.value(&s.start, r).as_number()?;
                let b = u.table.value(&s.end, r).as_number()?;
                (total > 0.0 && b > a).then(|| ((a / total) as f32 * TAU, (b / total) as f32 * TAU))
            })
            .collect()
    }

    /// Draws into `cell`.
    pub fn draw(&self, cell: Rect, scene: &mut Scene) {
        let theme = &self.ctx.theme;
        let legend = self.legend();
        let (plot, _) = legend_side::drawing_rect(legend.as_ref(), cell, theme);
        let fit = (plot.width.min(plot.height) / 2.0 - 1.0).max(4.0);
        let (cx, cy) = (plot.x + plot.width / 2.0, plot.y + plot.height / 2.0);
        scene.plot = plot;
        for u in &self.units {
            let angles = Self::angles(u);
            let outer = u.mark.outer_radius.map_or(fit, |r| r.min(fit));
            let inner = if u.mark.outer_radius.is_some() {
                u.mark.inner_radius.min(outer)
            } else {
                u.mark.inner_radius.min(outer * 0.85)
            };
            let total: f64 = (0..u.rows())
                .filter_map(|r| u.value(Channel::Theta, r).as_number())
                .filter(|v| *v > 0.0)
                .sum();
            match u.mark.kind {
                MarkKind::Arc => {
                    let (mut start, mut end, mut fill, mut items) =
                        (vec![], vec![], vec![], vec![]);
                    for (r, a) in angles.iter().enumerate() {
                        let Some((a0, a1)) = a else { continue };
                        let pad = u.mark.pad_angle.min((a1 - a0) / 2.0);
                        start.push(a0 + pad / 2.0);
                        end.push(a1 - pad / 2.0);
                        let color = match u.get(Channel::Color) {
                            Some(Bound::Column { column, .. }) => self
                                .color
                                .as_ref()
                                .map_or(theme.mark_color, |c| c.of_row(u, column, r)),
                            _ => super::plot::constant_color(&self.ctx, u),
                        };
                        fill.push(color.with_opacity(u.mark.opacity.unwrap_or(1.0)));
                        let value = u.value(Channel::Theta, r).as_number().unwrap_or(0.0);
                        if scene.value_title.is_empty() {
                            if let Some((_, def)) = u.field(Channel::Theta) {
                                scene.value_title = def.display_title();
                            }
                        }
                        let mut fields = Vec::new();
                        for (title, col, def) in &u.tooltip {
                            fields.push((
                                title.clone(),
                                self.ctx.format_value(
                                    &u.table.value(col, r),
                                    def,
                                    crate::format::Place::Tooltip,
                                ),
                            ));
                        }
                        if fields.is_empty() {
                            for (ch, b) in &u.channels {
                                if let (
                                    Channel::Color | Channel::Theta,
                                    Bound::Column { column, def },
                                ) = (ch, b)
                                {
                                    fields.push((
                                        def.display_title(),
                                        self.ctx.format_value(
                                            &u.table.value(column, r),
                                            def,
                                            crate::format::Place::Tooltip,
                                        ),
                                    ));
                                }
                            }
                        }
                        items.push(scene.items.len() as u32);
                        scene.items.push(Item {
                            label: u.field(Channel::Color).map_or_else(
                                || (r + 1).to_string(),
                                |(c, _)| u.table.value(c, r).to_text(),
                            ),
                            series: None,
                            value,
                            share: (total > 0.0).then(|| value / total),
                            fields,
                            custom_tooltip: !u.tooltip.is_empty(),
                            datum: super::datum::datum(u, r),
                            formatted: u.field(Channel::Theta).and_then(|(_, def)| {
                                def.format
                                    .as_deref()
                                    .map(|f| format_value(&Value::Number(value), Some(f), def.ty))
                            }),
                            box_stats: None,
                            second_axis: false,
                        });
                    }
                    let n = start.len();
                    let outline = StrokeScales::default().outline(u, &[]);
                    let radius_of = |r: usize| {
                        u.field(Channel::Radius)
                            .and_then(|(c, _)| u.table.value(c, r).as_number())
                    };
                    if u.field(Channel::Radius).is_some() {
                        // Radial pie: each slice's outer radius on a zero-based sqrt scale
                        // (Vega-Lite's default for radius), one batch per slice.
                        let rows: Vec<usize> = angles
                            .iter()
                            .enumerate()
                            .filter(|(_, a)| a.is_some())
                            .map(|(r, _)| r)
                            .collect();
                        let max = rows
                            .iter()
                            .filter_map(|&r| radius_of(r))
                            .fold(0.0f64, f64::max);
                        for (k, &r) in rows.iter().enumerate() {
                            let v = radius_of(r).unwrap_or(0.0).max(0.0);
                            let ro = if max > 0.0 {
                                (outer * (v / max).sqrt() as f32).max(inner + 1.0)
                            } else {
                                outer
                            };
                            scene.groups.push(MarkGroup {
                                role: Role::Data,
                                shapes: Shapes::Arcs {
                                    cx,
                                    cy,
                                    inner,
                                    outer: ro,
                                    start: vec![start[k]],
                                    end: vec![end[k]],
                                    fill: Paint::One(fill[k]),
                                    stroke: None,
                                    outline: outline.clone(),
                                },
                                items: vec![items[k]],
                            });
                        }
                    } else {
                        scene.groups.push(MarkGroup {
                            role: Role::Data,
                            shapes: Shapes::Arcs {
                                cx,
                                cy,
                                inner,
                                outer,
                                start,
                                end,
                                fill: Paint::Each(fill),
                                stroke: (n > 1).then_some(theme.background),
                                outline,
                            },
                            items,
                        });
                    }
                    scene.kind = if inner > 0.0 {
                        ChartKind::Donut
                    } else {
                        ChartKind::Pie
                    };
                }
                MarkKind::Text => {
                    let radius = u.mark.radius.unwrap_or(if inner > 0.0 {
                        (inner + outer) / 2.0
                    } else {
                        outer * 0.7
                    });
                    let (mut x, mut y, mut t) = (vec![], vec![], vec![]);
                    for (r, a) in angles.iter().enumerate() {
                        let Some((a0, a1)) = a else { continue };
                        let (px, py) = crate::scene::polar_point(cx, cy, radius, (a0 + a1) / 2.0);
                        let content = self.ctx.text_content(u, r);
                        x.push(px + u.mark.dx);
                        y.push(py + u.mark.dy);
                        t.push(content);
                    }
                    scene.groups.push(MarkGroup {
                        role: Role::DataLabel,
                        shapes: Shapes::Texts {
                            x,
                            y,
                            text: t,
                            style: TextStyle {
                                size: u.mark.size.unwrap_or(theme.label_size),
                                bold: false,
                                color: u.mark.color.unwrap_or(theme.title_color),
                                align: HAlign::Center,
                                baseline: VAlign::Middle,
                                angle: 0,
                            },
                        },
                        items: Vec::new(),
                    });
                }
                _ => {}
            }
        }
        if let Some(legend) = &legend {
            legend_side::draw(legend, theme, cell, plot, cy, scene);
        }
    }
}
