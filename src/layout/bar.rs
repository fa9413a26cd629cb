//! Bars: vertical when x is discrete, horizontal when y is; stacked when several rows or
//! series share a category (Vega-Lite's default `stack: "zero"`).

use super::legend::Legend;
use super::LEGEND_BESIDE_MIN;
use crate::error::Error;
use crate::format;
use crate::scale::{nice_zero_domain, BandScale, LinearScale};
use crate::scene::{
    ChartKind, HAlign, Item, MarkGroup, Paint, Rect, Role, Scene, Shapes, TextStyle, VAlign,
};
use crate::spec::{ChartSpec, FieldDef};
use crate::text;
use crate::theme::Theme;
use crate::transform::{summarise, Summary};

/// Gap between tick labels and the plot, px.
const LABEL_GAP: f32 = 6.0;
/// Vega-Lite's default band step for a discrete axis without a size, px.
const DEFAULT_STEP: f32 = 20.0;

/// Everything a bar chart needs before it knows its body.
pub struct Plan {
    horizontal: bool,
    summary: Summary,
    colors: Vec<crate::color::Color>,
    legend: Option<Legend>,
    category_title: Option<String>,
    value_title: Option<String>,
    category_name: String,
    value_name: String,
    grid: bool,
    corner_radius: f32,
}

fn axis_title(def: &FieldDef) -> Option<String> {
    match &def.axis {
        None => None,
        Some(axis) => match &axis.title {
            Some(explicit) => explicit.clone(),
            None => Some(def.display_title()),
        },
    }
}

impl Plan {
    /// Summarises the data and decides colours and legend.
    pub fn new(
        spec: &ChartSpec,
        table: &crate::table::Table,
        theme: &Theme,
    ) -> Result<Plan, Error> {
        let enc = &spec.encoding;
        let (Some(x), Some(y)) = (&enc.x, &enc.y) else {
            return Err(Error::Spec {
                path: "encoding".into(),
                expected: "x and y for a bar mark".into(),
                found: "a missing channel".into(),
            });
        };
        let horizontal = y.ty.is_discrete();
        let (cat, val) = if horizontal { (y, x) } else { (x, y) };
        let color = enc.color.as_ref();
        let series_def = color.filter(|c| c.field != cat.field);
        let summary = summarise(table, Some(cat), series_def, val)?;
        let base = spec.mark.color.unwrap_or(theme.mark_color);
        let colors: Vec<_> = summary
            .cells
            .iter()
            .map(|c| {
                match (series_def, color) {
                    (Some(_), _) => theme.category_color(c.series.unwrap_or(0)),
                    (None, Some(_)) => theme.category_color(c.category),
                    (None, None) => base,
                }
                .with_opacity(spec.mark.opacity)
            })
            .collect();
        let legend = color.and_then(|c| {
            let l = c.legend.as_ref()?;
            let labels = if series_def.is_some() {
                summary.series.clone()
            } else {
                summary.categories.clone()
            };
            let title = match &l.title {
                Some(t) => t.clone(),
                None => Some(c.display_title()),
            };
            Some(Legend {
                title,
                colors: (0..labels.len()).map(|i| theme.category_color(i)).collect(),
                labels,
            })
        });
        Ok(Plan {
            horizontal,
            colors,
            legend,
            category_title: axis_title(cat),
            value_title: axis_title(val),
            category_name: cat.display_title(),
            value_name: val.display_title(),
            grid: val.axis.as_ref().and_then(|a| a.grid).unwrap_or(true) && val.axis.is_some(),
            corner_radius: spec.mark.corner_radius,
            summary,
        })
    }

    /// Vega-Lite's default plot width: 20 px per category for column bars.
    pub fn default_plot_width(&self) -> Option<f32> {
        (!self.horizontal).then(|| self.summary.categories.len().max(1) as f32 * DEFAULT_STEP)
    }

    /// Vega-Lite's default plot height: 20 px per category for horizontal bars.
    pub fn default_plot_height(&self) -> Option<f32> {
        self.horizontal
            .then(|| self.summary.categories.len().max(1) as f32 * DEFAULT_STEP)
    }

    fn value_ticks(&self, plot_len: f32) -> ((f64, f64), Vec<f64>) {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for i in 0..self.summary.categories.len() {
            let (mut pos, mut neg) = (0.0, 0.0);
            for c in self.summary.cells.iter().filter(|c| c.category == i) {
                if c.value >= 0.0 {
                    pos += c.value;
                } else {
                    neg += c.value;
                }
            }
            hi = hi.max(pos);
            lo = lo.min(neg);
        }
        let count = ((plot_len / 40.0).ceil() as usize).clamp(2, 10);
        nice_zero_domain(lo, hi, count)
    }

    fn tick_labels(ticks: &[f64]) -> Vec<String> {
        let step = if ticks.len() > 1 {
            ticks[1] - ticks[0]
        } else {
            1.0
        };
        let d = format::decimals_for_step(step);
        ticks.iter().map(|t| format::grouped(*t, d)).collect()
    }

    /// Width of the left axis: value tick labels (column bars) or category labels
    /// (horizontal bars), capped at 40% of `total`.
    fn left_width(&self, theme: &Theme, total: f32) -> f32 {
        let labels: Vec<String> = if self.horizontal {
            self.summary.categories.clone()
        } else {
            // Tick labels depend on the domain only through their longest text; measure
            // the largest value's label, which is the widest in practice.
            Self::tick_labels(&self.value_ticks(300.0).1)
        };
        let w = labels
            .iter()
            .map(|l| text::width(l, theme.label_size, false))
            .fold(0.0, f32::max);
        (w + LABEL_GAP).min(total * 0.4).ceil()
    }

    fn legend_beside(&self, inner_width: f32) -> bool {
        self.legend.is_some() && inner_width >= LEGEND_BESIDE_MIN
    }

    /// Total chart width for a plot `plot` px wide.
    pub fn width_for_plot(&self, plot: f32, theme: &Theme) -> f32 {
        let legend = self
            .legend
            .as_ref()
            .map_or(0.0, |l| l.column_width(theme, 200.0) + 16.0);
        plot + self.left_width(theme, plot * 2.0) + legend + 2.0 * theme.padding
    }

    /// Height needed around the plot: axis labels, axis titles, legend below.
    pub fn chrome_height(&self, theme: &Theme, inner_width: f32) -> f32 {
        let lh = text::line_height(theme.label_size);
        let mut h = LABEL_GAP + lh; // labels under the plot
        if self.value_title.is_some() {
            h += lh + 4.0; // value title: above the plot (column) or below labels (horizontal)
        }
        if !self.horizontal && self.category_title.is_some() {
            h += lh + 2.0;
        }
        if let Some(l) = &self.legend {
            if !self.legend_beside(inner_width) {
                h += 10.0 + l.flow_height(theme, inner_width);
            }
        }
        h
    }

    /// Adds axes, grid, bars and legend for `body` to the scene.
    pub fn draw(self, theme: &Theme, body: Rect, scene: &mut Scene) {
        let lh = text::line_height(theme.label_size);
        let beside = self.legend_beside(body.width);
        let legend_w = match (&self.legend, beside) {
            (Some(l), true) => l.column_width(theme, 200.0) + 16.0,
            _ => 0.0,
        };
        let legend_h = match (&self.legend, beside) {
            (Some(l), false) => 10.0 + l.flow_height(theme, body.width),
            _ => 0.0,
        };
        let left = self.left_width(theme, body.width);
        let mut top = body.y;
        let mut bottom = body.y + body.height - legend_h - LABEL_GAP - lh;
        if self.value_title.is_some() && !self.horizontal {
            top += lh + 4.0;
        }
        if self.value_title.is_some() && self.horizontal {
            bottom -= lh + 4.0;
        }
        if !self.horizontal && self.category_title.is_some() {
            bottom -= lh + 2.0;
        }
        let plot = Rect {
            x: body.x + left,
            y: top,
            width: (body.width - left - legend_w).max(10.0),
            height: (bottom - top).max(10.0),
        };
        scene.plot = plot;
        scene.kind = if self.horizontal {
            ChartKind::HorizontalBars
        } else {
            ChartKind::ColumnBars
        };
        scene.category_title = self.category_name.clone();
        scene.value_title = self.value_name.clone();

        let value_len = if self.horizontal {
            plot.width
        } else {
            plot.height
        };
        let (domain, ticks) = self.value_ticks(value_len);
        let scale = LinearScale {
            domain,
            range: if self.horizontal {
                (plot.x, plot.x + plot.width)
            } else {
                (plot.y + plot.height, plot.y)
            },
        };
        let cat_range = if self.horizontal {
            (plot.y, plot.y + plot.height)
        } else {
            (plot.x, plot.x + plot.width)
        };
        let band = BandScale {
            count: self.summary.categories.len(),
            range: cat_range,
            padding_inner: 0.1,
            padding_outer: 0.05,
        };

        let label_style = |align, baseline| TextStyle {
            size: theme.label_size,
            bold: false,
            color: theme.label_color,
            align,
            baseline,
        };

        // Grid and value-axis labels.
        let tick_pos: Vec<f32> = ticks.iter().map(|t| scale.map(*t)).collect();
        if self.grid {
            let (x1, y1, x2, y2) = if self.horizontal {
                (
                    tick_pos.clone(),
                    vec![plot.y; ticks.len()],
                    tick_pos.clone(),
                    vec![plot.y + plot.height; ticks.len()],
                )
            } else {
                (
                    vec![plot.x; ticks.len()],
                    tick_pos.clone(),
                    vec![plot.x + plot.width; ticks.len()],
                    tick_pos.clone(),
                )
            };
            scene.groups.push(MarkGroup {
                role: Role::Grid,
                shapes: Shapes::Lines {
                    x1,
                    y1,
                    x2,
                    y2,
                    stroke: theme.grid_color,
                    stroke_width: 1.0,
                },
                items: Vec::new(),
            });
        }
        let labels = Self::tick_labels(&ticks);
        let (lx, ly, style) = if self.horizontal {
            (
                tick_pos.clone(),
                vec![plot.y + plot.height + LABEL_GAP; ticks.len()],
                label_style(HAlign::Center, VAlign::Top),
            )
        } else {
            (
                vec![plot.x - LABEL_GAP; ticks.len()],
                tick_pos.clone(),
                label_style(HAlign::Right, VAlign::Middle),
            )
        };
        scene.groups.push(MarkGroup {
            role: Role::AxisLabel,
            shapes: Shapes::Texts {
                x: lx,
                y: ly,
                text: labels,
                style,
            },
            items: Vec::new(),
        });

        // Bars, stacked from zero: positives upward, negatives downward.
        let n_cat = self.summary.categories.len();
        let mut pos = vec![0.0f64; n_cat];
        let mut neg = vec![0.0f64; n_cat];
        let (mut rx, mut ry, mut rw, mut rh) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut items = Vec::new();
        for cell in &self.summary.cells {
            let c = cell.category;
            let base = if cell.value >= 0.0 {
                &mut pos[c]
            } else {
                &mut neg[c]
            };
            let (v0, v1) = (*base, *base + cell.value);
            *base = v1;
            let (p0, p1) = (scale.map(v0), scale.map(v1));
            if self.horizontal {
                rx.push(p0.min(p1));
                rw.push((p1 - p0).abs());
                ry.push(band.start(c));
                rh.push(band.bandwidth());
            } else {
                rx.push(band.start(c));
                rw.push(band.bandwidth());
                ry.push(p0.min(p1));
                rh.push((p1 - p0).abs());
            }
            items.push(scene.items.len() as u32);
            scene.items.push(Item {
                label: self.summary.categories[c].clone(),
                series: cell.series.map(|s| self.summary.series[s].clone()),
                value: cell.value,
                share: None,
            });
        }
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Rects {
                x: rx,
                y: ry,
                width: rw,
                height: rh,
                fill: Paint::Each(self.colors.clone()),
                corner_radius: self.corner_radius,
            },
            items,
        });

        // Baseline at zero.
        let zero = scale.map(0.0);
        let (x1, y1, x2, y2) = if self.horizontal {
            (zero, plot.y, zero, plot.y + plot.height)
        } else {
            (plot.x, zero, plot.x + plot.width, zero)
        };
        scene.groups.push(MarkGroup {
            role: Role::AxisLine,
            shapes: Shapes::Lines {
                x1: vec![x1],
                y1: vec![y1],
                x2: vec![x2],
                y2: vec![y2],
                stroke: theme.axis_color,
                stroke_width: 1.0,
            },
            items: Vec::new(),
        });

        // Category labels, thinned when the bands are too narrow for them.
        let step = band.step();
        let every = if self.horizontal {
            ((lh / step).ceil() as usize).max(1)
        } else {
            ((theme.label_size * 2.0 / step).ceil() as usize).max(1)
        };
        let shown: Vec<usize> = (0..n_cat).step_by(every).collect();
        let texts: Vec<String> = shown
            .iter()
            .map(|&i| {
                let room = if self.horizontal {
                    left - LABEL_GAP
                } else {
                    step * every as f32 - 2.0
                };
                text::fit(&self.summary.categories[i], theme.label_size, false, room)
            })
            .collect();
        let (cx, cy, style) = if self.horizontal {
            (
                vec![plot.x - LABEL_GAP; shown.len()],
                shown.iter().map(|&i| band.center(i)).collect(),
                label_style(HAlign::Right, VAlign::Middle),
            )
        } else {
            (
                shown.iter().map(|&i| band.center(i)).collect(),
                vec![plot.y + plot.height + LABEL_GAP; shown.len()],
                label_style(HAlign::Center, VAlign::Top),
            )
        };
        scene.groups.push(MarkGroup {
            role: Role::AxisLabel,
            shapes: Shapes::Texts {
                x: cx,
                y: cy,
                text: texts,
                style,
            },
            items: Vec::new(),
        });

        // Axis titles: the value title sits horizontally above the plot (column bars) or
        // under the value labels (horizontal bars); the category title under its labels.
        let title_style = |align| TextStyle {
            size: theme.label_size,
            bold: true,
            color: theme.subtitle_color,
            align,
            baseline: VAlign::Top,
        };
        let push_title = |x: f32, y: f32, t: &str, room: f32, scene: &mut Scene, align| {
            scene.groups.push(MarkGroup {
                role: Role::AxisTitle,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![y],
                    text: vec![text::fit(t, theme.label_size, true, room)],
                    style: title_style(align),
                },
                items: Vec::new(),
            });
        };
        if let Some(t) = &self.value_title {
            if self.horizontal {
                let y = plot.y + plot.height + LABEL_GAP + lh + 4.0;
                push_title(
                    plot.x + plot.width / 2.0,
                    y,
                    t,
                    plot.width,
                    scene,
                    HAlign::Center,
                );
            } else {
                push_title(body.x, body.y, t, body.width, scene, HAlign::Left);
            }
        }
        if let (false, Some(t)) = (self.horizontal, &self.category_title) {
            let y = plot.y + plot.height + LABEL_GAP + lh + 2.0;
            push_title(
                plot.x + plot.width / 2.0,
                y,
                t,
                plot.width,
                scene,
                HAlign::Center,
            );
        }

        if let Some(legend) = &self.legend {
            if beside {
                let x = plot.x + plot.width + 16.0;
                legend.draw_column(theme, x, plot.y, legend_w - 16.0, scene);
            } else {
                let y = body.y + body.height - legend_h + 10.0;
                legend.draw_flow(theme, body.x, y, body.width, scene);
            }
        }
    }
}
