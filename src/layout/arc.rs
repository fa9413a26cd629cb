//! Arcs: pies and donuts. Slices run clockwise from 12 o'clock (Vega-Lite's theta), in
//! the order of the colour field's sort; a legend names them.

use super::legend::Legend;
use super::LEGEND_BESIDE_MIN;
use crate::error::Error;
use crate::scene::{ChartKind, Item, MarkGroup, Paint, Rect, Role, Scene, Shapes};
use crate::spec::ChartSpec;
use crate::theme::Theme;
use crate::transform::{summarise, Summary};
use std::f32::consts::TAU;

/// Everything a pie or donut needs before it knows its body.
pub struct Plan {
    summary: Summary,
    colors: Vec<crate::color::Color>,
    legend: Option<Legend>,
    inner: f32,
    outer: Option<f32>,
    pad_angle: f32,
    category_name: String,
    value_name: String,
    background: crate::color::Color,
}

impl Plan {
    /// Summarises the data (one slice per colour value) and decides colours and legend.
    pub fn new(
        spec: &ChartSpec,
        table: &crate::table::Table,
        theme: &Theme,
    ) -> Result<Plan, Error> {
        let enc = &spec.encoding;
        let Some(theta) = &enc.theta else {
            return Err(Error::Spec {
                path: "encoding.theta".into(),
                expected: "a theta field definition for an arc mark".into(),
                found: "nothing".into(),
            });
        };
        let color = enc.color.as_ref();
        let mut summary = summarise(table, color, None, theta)?;
        // A slice cannot be negative: Vega-Lite draws such rows as nothing.
        summary.cells.retain(|c| c.value > 0.0);
        let base = spec.mark.color.unwrap_or(theme.mark_color);
        let colors = summary
            .cells
            .iter()
            .map(|c| {
                match color {
                    Some(_) => theme.category_color(c.category),
                    None => base,
                }
                .with_opacity(spec.mark.opacity)
            })
            .collect();
        let legend = color.and_then(|c| {
            let l = c.legend.as_ref()?;
            Some(Legend {
                title: match &l.title {
                    Some(t) => t.clone(),
                    None => Some(c.display_title()),
                },
                colors: (0..summary.categories.len())
                    .map(|i| theme.category_color(i))
                    .collect(),
                labels: summary.categories.clone(),
            })
        });
        Ok(Plan {
            colors,
            legend,
            inner: spec.mark.inner_radius,
            outer: spec.mark.outer_radius,
            pad_angle: spec.mark.pad_angle,
            category_name: color.map_or_else(String::new, |c| c.display_title()),
            value_name: theta.display_title(),
            background: theme.background,
            summary,
        })
    }

    fn legend_beside(&self, inner_width: f32) -> bool {
        self.legend.is_some() && inner_width >= LEGEND_BESIDE_MIN
    }

    /// Total chart width for a plot `plot` px wide.
    pub fn width_for_plot(&self, plot: f32, theme: &Theme) -> f32 {
        let legend = self
            .legend
            .as_ref()
            .map_or(0.0, |l| l.column_width(theme, 240.0) + 24.0);
        plot + legend + 2.0 * theme.padding
    }

    /// Height needed besides the pie: the legend below it on narrow screens.
    pub fn chrome_height(&self, theme: &Theme, inner_width: f32) -> f32 {
        match &self.legend {
            Some(l) if !self.legend_beside(inner_width) => 12.0 + l.flow_height(theme, inner_width),
            _ => 0.0,
        }
    }

    /// Adds slices and legend for `body` to the scene.
    pub fn draw(self, theme: &Theme, body: Rect, scene: &mut Scene) {
        let beside = self.legend_beside(body.width);
        let (legend_w, legend_h) = match (&self.legend, beside) {
            (Some(l), true) => (l.column_width(theme, 240.0) + 24.0, 0.0),
            (Some(l), false) => (0.0, 12.0 + l.flow_height(theme, body.width)),
            (None, _) => (0.0, 0.0),
        };
        let plot = Rect {
            x: body.x,
            y: body.y,
            width: (body.width - legend_w).max(10.0),
            height: (body.height - legend_h).max(10.0),
        };
        let fit = (plot.width.min(plot.height) / 2.0 - 1.0).max(4.0);
        let outer = self.outer.map_or(fit, |r| r.min(fit));
        // A donut's hole keeps its spec size but never swallows the ring.
        let inner = if self.outer.is_some() {
            self.inner.min(outer)
        } else {
            self.inner.min(outer * 0.85)
        };
        let cx = plot.x + plot.width / 2.0;
        let cy = plot.y + plot.height / 2.0;

        let total: f64 = self.summary.cells.iter().map(|c| c.value).sum();
        let mut start = Vec::new();
        let mut end = Vec::new();
        let mut items = Vec::new();
        let mut acc = 0.0f64;
        for cell in &self.summary.cells {
            let a0 = (acc / total) as f32 * TAU;
            acc += cell.value;
            let a1 = (acc / total) as f32 * TAU;
            let pad = self.pad_angle.min((a1 - a0) / 2.0);
            start.push(a0 + pad / 2.0);
            end.push(a1 - pad / 2.0);
            items.push(scene.items.len() as u32);
            scene.items.push(Item {
                label: self.summary.categories[cell.category].clone(),
                series: None,
                value: cell.value,
                share: Some(cell.value / total),
            });
        }
        scene.plot = plot;
        scene.kind = if inner > 0.0 {
            ChartKind::Donut
        } else {
            ChartKind::Pie
        };
        scene.category_title = self.category_name.clone();
        scene.value_title = self.value_name.clone();
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Arcs {
                cx,
                cy,
                inner,
                outer,
                start,
                end,
                fill: Paint::Each(self.colors.clone()),
                stroke: (self.summary.cells.len() > 1).then_some(self.background),
            },
            items,
        });
        if let Some(legend) = &self.legend {
            if beside {
                let h = legend.column_height(theme);
                let y = (cy - h / 2.0).max(plot.y);
                legend.draw_column(theme, plot.x + plot.width + 24.0, y, legend_w - 24.0, scene);
            } else {
                legend.draw_flow(
                    theme,
                    body.x,
                    plot.y + plot.height + 12.0,
                    body.width,
                    scene,
                );
            }
        }
    }
}
