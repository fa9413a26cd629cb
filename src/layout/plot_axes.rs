//! The axes of a cartesian plot (`layout::plot`'s child module): the room they take
//! around the plot (labels and titles on each axis's side — x below or above, y left or
//! right, a dual axis's second y on the side the first leaves free) and their drawing,
//! through `layout::axis`'s one routine per side.

use super::*;
use crate::error::Error;
use crate::spec::View;

/// A dual axis (`resolve` on a layer of two views): the second layer's y axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dual {
    /// Where the second layer's units start among the plot's units.
    pub from: usize,
    /// The second layer has its own y scale (`resolve.scale.y: "independent"`); else it
    /// shares the first's and only draws an axis of its own (`resolve.axis.y`).
    pub own_scale: bool,
}

/// The second y axis of a plot: its scale (the first's, titled by the second layer,
/// when only the axis is independent) and the units it measures.
pub(super) struct SecondY {
    pub(super) scale: PosScale,
    pub(super) dual: Dual,
}

/// The room above the plot, px, top to bottom: the y titles, an x axis set on top
/// (labels and title), and what marks need beyond the plot's top (text over columns,
/// value labels).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Top {
    pub(super) titles: f32,
    pub(super) x_axis: f32,
    pub(super) marks: f32,
}

impl Plot {
    /// The y axes shown: the first and, on a dual axis, the second.
    pub(super) fn y_axes(&self) -> impl Iterator<Item = &PosScale> {
        let second = self.y2.as_ref().map(|s| &s.scale);
        self.y.iter().chain(second).filter(|y| y.show_axis)
    }

    /// The widest the y labels may be in a cell `inner_width` px wide, gap included:
    /// longer category labels wrap.
    pub(super) fn y_label_room(inner_width: f32) -> f32 {
        (inner_width * 0.4).max(90.0)
    }

    /// The labels of y axis `y` on a plot `height` px tall in a cell `inner_width` wide.
    pub(super) fn y_labels_of(
        &self,
        y: &PosScale,
        height: f32,
        inner_width: f32,
    ) -> (Labels, Placed) {
        let placed = y.place(if y.is_band() {
            (0.0, height)
        } else {
            (height, 0.0)
        });
        let room = Self::y_label_room(inner_width) - y.spacing.label_gap();
        (axis::labels(y, &placed, y.side, room, &self.ctx), placed)
    }

    /// The (first) y axis labels of a plot `height` px tall in a cell `inner_width` wide.
    pub(super) fn y_labels(&self, height: f32, inner_width: f32) -> Option<(Labels, Placed)> {
        let y = self.y.as_ref().filter(|y| y.show_axis)?;
        Some(self.y_labels_of(y, height, inner_width))
    }

    /// The room the y axes' labels take left and right of the plot, px.
    pub(super) fn y_rooms(&self, plot_h: f32, inner_width: f32) -> (f32, f32) {
        let (mut left, mut right) = (0.0f32, 0.0f32);
        for y in self.y_axes() {
            let extent = self.y_labels_of(y, plot_h, inner_width).0.extent.ceil();
            match y.side {
                Side::Right => right = right.max(extent),
                _ => left = left.max(extent),
            }
        }
        (left, right)
    }

    /// The x axis labels of a plot `plot_w` px wide.
    pub(super) fn x_labels(&self, plot_w: f32) -> Option<Labels> {
        let x = self.x.as_ref().filter(|x| x.show_axis)?;
        let placed = x.place((0.0, plot_w));
        Some(axis::labels(x, &placed, x.side, 0.0, &self.ctx))
    }

    /// True when every x category label can be set horizontally (wrapped within its
    /// band) in a cell `inner_width` px wide; false tells a vertical bar chart to turn.
    pub fn x_labels_fit(&self, inner_width: f32, plot_h: f32) -> bool {
        let c = self.chrome(inner_width, plot_h, true, true);
        let plot_w = (inner_width - c.left - c.right).max(10.0);
        self.x_labels(plot_w).is_none_or(|l| l.fits_flat)
    }

    /// The least plot height at which every y category label has room for all its lines
    /// in a cell `inner_width` px wide (0 without a y band axis).
    pub fn min_height(&self, inner_width: f32) -> f32 {
        if self
            .y
            .as_ref()
            .is_none_or(|y| y.label_overlap || !y.is_band())
        {
            return 0.0;
        }
        let probe = 1000.0;
        let Some((labels, Placed::Band { band, .. })) = self.y_labels(probe, inner_width) else {
            return 0.0;
        };
        let lines = labels
            .texts
            .iter()
            .map(|t| t.split('\n').count())
            .max()
            .unwrap_or(1);
        let needed = lines as f32 * label_lh(&self.ctx) + 2.0;
        (needed * probe / band.step().max(f32::EPSILON)).ceil()
    }

    /// The y titles set above the plot with the width each may take: the first's from
    /// the cell's left edge, a second's (a dual axis) ending at its right edge, each in
    /// its half of the cell when both are shown. The first's title stays where its axis
    /// is hidden (facet panels align), as wide as the panel with the axis.
    pub(super) fn y_titles(
        &self,
        inner_width: f32,
        plot_h: f32,
        show_y: bool,
    ) -> Vec<(&PosScale, &str, f32)> {
        let second = self
            .y2
            .as_ref()
            .map(|s| &s.scale)
            .filter(|y| show_y && y.show_axis);
        let mut out = Vec::new();
        let first = self.y.as_ref().and_then(|y| Some((y, y.title.as_deref()?)));
        let second = second.and_then(|y| Some((y, y.title.as_deref()?)));
        let halves = first.is_some() && second.is_some();
        if let Some((y, t)) = first {
            let axis_w = match show_y {
                true => 0.0,
                false => self
                    .y_labels(plot_h, inner_width)
                    .map_or(0.0, |(labels, _)| labels.extent.ceil()),
            };
            let w = if halves {
                (inner_width - TITLES_APART) / 2.0
            } else {
                inner_width + axis_w
            };
            out.push((y, t, w));
        }
        if let Some((y, t)) = second {
            let w = if halves {
                (inner_width - TITLES_APART) / 2.0
            } else {
                inner_width
            };
            out.push((y, t, w));
        }
        out
    }

    /// The room above the plot (see [`Top`]).
    pub(super) fn top_room(
        &self,
        inner_width: f32,
        plot_h: f32,
        plot_w: f32,
        show: (bool, bool),
    ) -> Top {
        let (show_x, show_y) = show;
        let titles = self
            .y_titles(inner_width, plot_h, show_y)
            .iter()
            .map(|(y, t, w)| axis::title_height(t, *w, y.spacing.title_gap(), &self.ctx))
            .fold(0.0, f32::max);
        let x_axis = match self.x.as_ref() {
            Some(x) if show_x && x.side == Side::Top => self.x_axis_room(x, plot_w),
            _ => 0.0,
        };
        let mut marks = 0.0;
        // Value labels over the tallest column reach above the plot: room for one line,
        // so they never sit on the y title.
        if self.units.iter().any(|u| u.mark.kind == MarkKind::Text)
            && self.y.as_ref().is_some_and(|y| !y.is_band())
        {
            marks += label_lh(&self.ctx);
        }
        // Value labels on bars (`usermeta.stdviz.labels`) may sit beyond the longest bar.
        let (column_labels, _) = self.value_label_texts();
        marks += labels::room(&column_labels, false, &self.ctx.theme);
        Top {
            titles,
            x_axis,
            marks,
        }
    }

    /// The room an x axis takes across the plot's edge: its labels and its title.
    fn x_axis_room(&self, x: &PosScale, plot_w: f32) -> f32 {
        let labels = self.x_labels(plot_w).map_or(0.0, |l| l.extent);
        let title = x.title.as_deref().map_or(0.0, |t| {
            axis::title_height(t, plot_w, x.spacing.title_gap(), &self.ctx)
        });
        labels + title
    }

    /// Space around the plot when the cell is `inner_width` wide and the plot `plot_h` tall.
    pub fn chrome(&self, inner_width: f32, plot_h: f32, show_x: bool, show_y: bool) -> Chrome {
        let mut c = Chrome::default();
        let (left, right_axis) = match show_y {
            true => self.y_rooms(plot_h, inner_width),
            false => (0.0, 0.0),
        };
        c.left = left;
        c.right = right_axis;
        let (_, bar_labels) = self.value_label_texts();
        let bar_room = labels::room(&bar_labels, true, &self.ctx.theme).ceil();
        if let Some(l) = self.legend() {
            if self.legend_beside(inner_width) {
                c.right += l.column_width(&self.ctx.theme, 200.0) + 16.0 + bar_room;
            } else {
                c.bottom += 10.0 + l.flow_height(&self.ctx.theme, inner_width);
            }
        }
        if let Some((l, beside)) = self.size_legend(inner_width) {
            let (right, bottom) = l.room(&self.ctx.theme, beside, inner_width, bar_room);
            (c.right, c.bottom) = (c.right.max(right + right_axis), c.bottom + bottom);
        }
        if show_x {
            // The last tick label of a continuous x axis is centred on the plot's edge.
            if let Some(x) = self.x.as_ref().filter(|x| x.show_axis && !x.is_band()) {
                let placed = x.place((0.0, inner_width));
                if let Placed::Continuous { ticks, .. } = &placed {
                    if let Some(last) = ticks.last() {
                        let label = x.tick_label(*last, &placed);
                        let half = text::width(&label, self.ctx.theme.label_size, false) / 2.0;
                        c.right = c.right.max(half.ceil());
                    }
                }
            }
            let text_room = labels::text_marks_right(&self.units, self.x.as_ref(), &self.ctx);
            c.right = c.right.max(bar_room).max(text_room.ceil());
        }
        let plot_w = (inner_width - c.left - c.right).max(10.0);
        let top = self.top_room(inner_width, plot_h, plot_w, (show_x, show_y));
        c.top = top.titles + top.x_axis + top.marks;
        if let Some(x) = self.x.as_ref().filter(|x| show_x && x.side == Side::Bottom) {
            c.bottom += self.x_axis_room(x, plot_w);
        }
        c
    }

    /// The chrome [`Plot::draw`] gives a cell `width` × `height`: it depends on the plot
    /// height only through the y tick labels, measured with the height the cell leaves
    /// after a first estimate.
    pub fn cell_chrome(&self, width: f32, height: f32, show_x: bool, show_y: bool) -> Chrome {
        let estimate = self.chrome(width, height, show_x, show_y);
        let plot_h = (height - estimate.top - estimate.bottom).max(10.0);
        self.chrome(width, plot_h, show_x, show_y)
    }

    /// Draws the axes of `plot` in `cell`: domain lines, ticks, labels and titles, each
    /// on its side. `py2` is the second y axis's placed scale.
    pub(super) fn draw_axes(
        &self,
        (cell, plot): (Rect, Rect),
        (px, py, py2): (Option<&Placed>, Option<&Placed>, Option<&Placed>),
        (show_x, show_y): (bool, bool),
        scene: &mut Scene,
    ) {
        let theme = &self.ctx.theme;
        // Domain lines: the x axis's on its side (below: at the y baseline), a band y
        // axis's beside the plot.
        let mut dl = Segments::default();
        if let Some(x) = self.x.as_ref().filter(|x| show_x && x.show_axis) {
            let bottom = plot.y + plot.height;
            let base = match (x.side, py, &self.y) {
                (Side::Top, _, _) => plot.y - x.spacing.offset,
                (_, Some(p @ Placed::Continuous { .. }), Some(y)) if !y.reversed => p.baseline(),
                _ => bottom,
            };
            // An axis `offset` moves the line at the plot's edge with the axis.
            let base = if (base - bottom).abs() < 0.5 {
                bottom + x.spacing.offset
            } else {
                base
            };
            dl.push((plot.x, base), (plot.x + plot.width, base));
        }
        if let (true, Some(y), true) = (show_y, self.y.as_ref(), self.x.is_some()) {
            if y.show_axis && y.is_band() {
                // On the left the line stands at x's baseline (horizontal bars' zero);
                // on the right at the plot's edge, as Vega draws a right axis's domain.
                let base = match y.side {
                    Side::Right => plot.x + plot.width + y.spacing.offset,
                    _ => {
                        let base = px.map_or(plot.x, Placed::baseline);
                        if (base - plot.x).abs() < 0.5 {
                            plot.x - y.spacing.offset
                        } else {
                            base
                        }
                    }
                };
                dl.push((base, plot.y), (base, plot.y + plot.height));
            }
        }
        scene
            .groups
            .extend(dl.into_group(Role::AxisLine, theme.axis_color, 1.0));

        // Y labels, and their titles above the plot.
        if show_y {
            let second = self.y2.as_ref().map(|s| &s.scale);
            let axes = [(self.y.as_ref(), py), (second, py2)];
            for (y, p) in axes {
                let (Some(y), Some(p)) = (y.filter(|y| y.show_axis), p) else {
                    continue;
                };
                let room = Self::y_label_room(cell.width) - y.spacing.label_gap();
                let labels = axis::labels(y, p, y.side, room, &self.ctx);
                axis::draw_ticks(y.side, y, p, plot, &self.ctx, scene);
                axis::draw_labels(y.side, &labels, p, plot, &self.ctx, scene);
            }
        }
        let titles = self.y_titles(cell.width, plot.height, show_y);
        for (y, t, w) in titles.into_iter().filter(|_| show_y) {
            let x = match y.side {
                Side::Right => cell.x + cell.width,
                _ => cell.x,
            };
            axis::draw_title(y.side, t, x, cell.y, w, &self.ctx, scene);
        }

        // X labels and title, below the plot or above it (clear of the marks' room).
        if let (true, Some(x), Some(p)) = (show_x, self.x.as_ref().filter(|x| x.show_axis), px) {
            let marks = match x.side {
                Side::Top => {
                    let show = (show_x, show_y);
                    self.top_room(cell.width, plot.height, plot.width, show)
                        .marks
                }
                _ => 0.0,
            };
            let at = Rect {
                y: plot.y - marks,
                height: plot.height + marks,
                ..plot
            };
            let labels = axis::labels(x, p, x.side, 0.0, &self.ctx);
            axis::draw_ticks(x.side, x, p, at, &self.ctx, scene);
            axis::draw_labels(x.side, &labels, p, at, &self.ctx, scene);
            if let Some(t) = &x.title {
                let gap = x.spacing.title_gap();
                let top = match x.side {
                    Side::Top => {
                        at.y - labels.extent - axis::title_height(t, plot.width, gap, &self.ctx)
                    }
                    _ => plot.y + plot.height + labels.extent + gap,
                };
                let mid = plot.x + plot.width / 2.0;
                axis::draw_title(x.side, t, mid, top, plot.width, &self.ctx, scene);
            }
        }
    }
}

/// The least room between a dual axis's two y titles above the plot, px.
const TITLES_APART: f32 = 12.0;

/// The y scales of a dual axis over `units`: the first layer's (or the shared one) and
/// the second axis. The chart's unit (`usermeta.stdviz.unit`) is the first axis's: the
/// second measures something else.
pub(super) fn dual_scales(
    units: &[Encoded],
    dual: Dual,
    ctx: &Ctx,
) -> (Option<PosScale>, Option<SecondY>) {
    let from = dual.from.min(units.len());
    let (first, second) = units.split_at(from);
    let own = Ctx {
        unit: None,
        ..ctx.clone()
    };
    let y = match dual.own_scale {
        true => scales::position(first, Channel::Y, ctx),
        false => scales::position(units, Channel::Y, ctx),
    };
    let y2 = scales::position(second, Channel::Y, &own).map(|mut scale| {
        if let (false, Some(shared)) = (dual.own_scale, y.as_ref()) {
            scale.kind = shared.kind.clone();
        }
        // The side the first leaves free, unless the second names its own (the parser
        // refuses one side for both; a config's `axisY.orient` gives both the same).
        let first = y.as_ref().map_or(Side::Left, |y| y.side);
        if scale.orient.is_none() || scale.side == first {
            scale.side = first.opposite();
        }
        SecondY { scale, dual }
    });
    (y, y2)
}

impl Plot {
    /// A dual axis the layout can draw from `view` (the layer): both layers measured on
    /// continuous y scales.
    pub(in crate::layout) fn check_dual(&self, view: &View) -> Result<(), Error> {
        let Some(y2) = self.y2.as_ref() else {
            return Err(Error::Spec {
                path: format!("{}.layer[1].encoding.y", view.path)
                    .trim_start_matches('.')
                    .into(),
                expected:
                    "a y field or datum: the second layer of a dual axis has a y axis of its own"
                        .into(),
                found: "none".into(),
            });
        };
        let band = self.y.as_ref().is_some_and(PosScale::is_band) || y2.scale.is_band();
        if band || self.y.is_none() {
            return Err(Error::Spec {
                path: format!("{}.resolve", view.path).trim_start_matches('.').into(),
                expected: "continuous y scales in both layers of a dual axis (independent band scales are not supported yet)".into(),
                found: "a discrete or missing y".into(),
            });
        }
        Ok(())
    }

    /// Items of the second layer's marks: measured on the second axis, their value written
    /// without the chart's unit (which is the first axis's).
    pub(super) fn second_axis_items(&self, items: &mut [Item]) {
        for item in items {
            item.second_axis = true;
            if item.formatted.is_none() && item.value.is_finite() {
                item.formatted = Some(crate::format::value(item.value));
            }
        }
    }
}
