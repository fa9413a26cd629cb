//! A cartesian plot: one or more layered unit views sharing x and y scales, with axes,
//! grid, marks and a colour legend.

#[cfg(feature = "full")]
use super::annotate;
use super::axis::{self, Labels, Side};
use super::channels::StrokeScales;
use super::context::Ctx;
use super::labels;
use super::legend::Legend;
use super::legend_size::SizeLegend;
use super::scales::{self, ColorScale, MagnitudeScale, Placed, PosKind, PosScale};
use super::trail::{self, step};
use super::zoom::{x_window, zoomable};
use super::LEGEND_BESIDE_MIN;
use crate::color::Color;
use crate::encode::{Bound, Encoded};
use crate::format::{NumberFormat, Numbers, Place};
use crate::scene::{
    ChartKind, HAlign, Item, MarkGroup, Paint, Rect, Role, Scene, Segments, Shapes, TextStyle,
    VAlign,
};
use crate::spec::{
    Channel, ConstValue, FieldType, MarkKind, Orient, Size, TextAlign, TextBaseline,
};
use crate::table::Value;
use crate::text;

/// Space around a plot for axes and legend, px.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Chrome {
    /// Left of the plot.
    pub left: f32,
    /// Right of the plot.
    pub right: f32,
    /// Above the plot.
    pub top: f32,
    /// Below the plot.
    pub bottom: f32,
}

/// A planned cartesian plot.
pub struct Plot {
    units: Vec<Encoded>,
    x: Option<PosScale>,
    y: Option<PosScale>,
    color: Option<ColorScale>,
    pub(super) size: Option<MagnitudeScale>,
    opacity: Option<MagnitudeScale>,
    strokes: StrokeScales,
    ctx: Ctx,
    /// The x axis is continuous and the marks are lines, areas or points: the reader
    /// may zoom it.
    zoomable: bool,
    /// Whether the y axis may be panned and zoomed (`layout::zoom::y_zoomable`).
    y_zoomable: bool,
    /// The reader zoomed in: marks are clipped to the plot's x range.
    zoomed: bool,
    /// A dual axis's second y axis (`resolve` on a layer of two views).
    y2: Option<axes::SecondY>,
}

// The rect mark, in a file of its own (a child module: it draws with the plot's own
// scales and helpers).
#[path = "plot_rects.rs"]
mod rects;

// The axes: their room around the plot and their drawing, on each axis's side.
#[path = "plot_axes.rs"]
mod axes;
pub use axes::Dual;

/// A rule batch's stroke: colour, dash pattern, width.
type RuleStroke = (Color, Vec<f32>, f32);

/// Texts of one colour: the colour, x, y and the texts.
type TextBatch = (Color, Vec<f32>, Vec<f32>, Vec<String>);

fn label_lh(ctx: &Ctx) -> f32 {
    text::line_height(ctx.theme.label_size)
}

impl Plot {
    /// Resolves shared scales over `units`. `full` holds every row when the reader hid
    /// series (the colours and legend keep them); empty otherwise.
    pub fn new(units: Vec<Encoded>, full: &[Encoded], ctx: &Ctx) -> Plot {
        Plot::with_dual(units, full, ctx, None)
    }

    /// [`Plot::new`] for a dual axis: the units from `dual.from` on are the second
    /// layer's, measured on a second y axis.
    pub fn with_dual(
        mut units: Vec<Encoded>,
        full: &[Encoded],
        ctx: &Ctx,
        dual: Option<Dual>,
    ) -> Plot {
        let color = scales::color(if full.is_empty() { &units } else { full }, ctx);
        let mut x = scales::position(&units, Channel::X, ctx);
        let zoomable = zoomable(&units, x.as_ref());
        let mut zoomed = false;
        if let (true, Some((lo, hi)), Some(xs)) = (zoomable, ctx.view.zoom, x.as_mut()) {
            if let PosKind::Continuous {
                lo: a,
                hi: b,
                nice,
                fixed,
                ..
            } = &mut xs.kind
            {
                (*a, *b, *nice, *fixed) = (lo, hi, false, true);
                zoomed = true;
                for u in &mut units {
                    *u = x_window(u, lo, hi);
                }
            }
        }
        let (mut y, y2) = match dual {
            Some(d) => axes::dual_scales(&units, d, ctx),
            None => (scales::position(&units, Channel::Y, ctx), None),
        };
        // An x domain that an interval selection sets (`scale.domain: {"param": …}`)
        // clips lines, areas and points to it, as Vega-Lite clips marks under a
        // selection's domain (the y scale stays over every row, as Vega-Lite's).
        let brushed = units
            .iter()
            .find_map(|u| u.field(Channel::X))
            .filter(|(_, d)| d.scale.domain_param.is_some())
            .and_then(|(_, d)| d.scale.domain_numbers);
        if let (false, true, Some((lo, hi))) = (zoomed, zoomable, brushed) {
            zoomed = true;
            for u in &mut units {
                *u = x_window(u, lo.min(hi), lo.max(hi));
            }
        }
        let y_zoomable =
            y2.is_none() && super::zoom::y_zoom(&mut units, y.as_mut(), ctx.view.zoom_y);
        Plot {
            y,
            y2,
            x,
            color,
            zoomable,
            y_zoomable,
            zoomed,
            size: scales::magnitude(&units, Channel::Size, trail::size_range(&units)),
            opacity: scales::magnitude(&units, Channel::Opacity, (0.3, 0.8)),
            strokes: StrokeScales::of(&units),
            units,
            ctx: ctx.clone(),
        }
    }

    /// Copies of the x, y and colour scales (to share across facets).
    pub fn scales(&self) -> (Option<PosScale>, Option<PosScale>, Option<ColorScale>) {
        (self.x.clone(), self.y.clone(), self.color.clone())
    }

    /// The x, y and colour scales, to replace with shared ones.
    pub fn scales_mut(
        &mut self,
    ) -> (
        &mut Option<PosScale>,
        &mut Option<PosScale>,
        &mut Option<ColorScale>,
    ) {
        (&mut self.x, &mut self.y, &mut self.color)
    }

    /// The colour scale.
    pub fn color(&self) -> Option<&ColorScale> {
        self.color.as_ref()
    }

    /// What the plot is, for descriptions.
    pub fn kind(&self) -> ChartKind {
        match self.units.first().map(|u| u.mark.kind) {
            Some(MarkKind::Bar) if self.horizontal_bars(&self.units[0]) => {
                ChartKind::HorizontalBars
            }
            Some(MarkKind::Bar) => ChartKind::ColumnBars,
            Some(MarkKind::Line) => ChartKind::Line,
            Some(MarkKind::Area) => ChartKind::Area,
            Some(MarkKind::Point) => ChartKind::Scatter,
            _ => ChartKind::Other,
        }
    }

    fn horizontal_bars(&self, u: &Encoded) -> bool {
        let y_band = self.y.as_ref().is_some_and(PosScale::is_band);
        let x_band = self.x.as_ref().is_some_and(PosScale::is_band);
        let binned = |c: Channel| u.field(c).is_some_and(|(_, d)| d.bin.is_some());
        match u.mark.orient {
            Some(Orient::Horizontal) => true,
            Some(Orient::Vertical) => false,
            None => {
                (y_band && !x_band)
                    || u.stack.as_ref().is_some_and(|s| s.channel == Channel::X)
                    || (binned(Channel::Y) && !binned(Channel::X))
            }
        }
    }

    /// Default plot width: `step` px per category (by default as much as sets every
    /// category label flat on one line, at least Vega-Lite's 20; the node narrows it to the
    /// screen, where labels wrap), or 300.
    pub fn default_width(&self, step: Option<f32>) -> f32 {
        let view = &self.ctx.view_config;
        match (&self.x, view.discrete_width) {
            (Some(s), Some(Size::Fixed(w))) if s.is_band() && step.is_none() => w,
            (Some(s), configured) if s.is_band() => {
                let configured = configured.and_then(|c| match c {
                    Size::Step(st) => Some(st),
                    _ => None,
                });
                let step = step
                    .or(configured)
                    .unwrap_or_else(|| axis::one_line_step(s, &self.ctx).max(20.0));
                s.count().max(1) as f32 * step
            }
            _ => view.continuous_width.unwrap_or(300.0),
        }
    }

    /// Default plot height: 20 px per category, or 300.
    pub fn default_height(&self, step: Option<f32>) -> f32 {
        let view = &self.ctx.view_config;
        match (&self.y, view.discrete_height) {
            (Some(s), Some(Size::Fixed(h))) if s.is_band() && step.is_none() => h,
            (Some(s), Some(Size::Step(st))) if s.is_band() => {
                s.count().max(1) as f32 * step.unwrap_or(st)
            }
            (Some(s), _) if s.is_band() => s.count().max(1) as f32 * step.unwrap_or(20.0),
            _ => view.continuous_height.unwrap_or(300.0),
        }
    }

    fn legend(&self) -> Option<Legend> {
        let (units, ctx) = (&self.units, &self.ctx);
        super::channels::legend(self.color.as_ref(), &self.strokes, units, ctx)
    }

    /// The size legend in a cell `w` px wide, and whether it stands beside the plot.
    fn size_legend(&self, w: f32) -> Option<(SizeLegend, bool)> {
        let beside = self.legend().map(|_| self.legend_beside(w));
        SizeLegend::for_plot(&self.units, self.size.as_ref()?, beside, w, &self.ctx)
    }

    fn legend_beside(&self, inner_width: f32) -> bool {
        let orient = self.color.as_ref().and_then(|c| c.orient);
        matches!(orient, None | Some(crate::spec::LegendOrient::Right))
            && inner_width >= LEGEND_BESIDE_MIN
    }

    /// Draws the plot into `cell` (plot plus its chrome).
    pub fn draw(&self, cell: Rect, show_x: bool, show_y: bool, scene: &mut Scene) {
        let theme = &self.ctx.theme;
        let chrome = self.cell_chrome(cell.width, cell.height, show_x, show_y);
        let plot = Rect {
            x: cell.x + chrome.left,
            y: cell.y + chrome.top,
            width: (cell.width - chrome.left - chrome.right).max(10.0),
            height: (cell.height - chrome.top - chrome.bottom).max(10.0),
        };
        scene.plot = plot;
        let px = self
            .x
            .as_ref()
            .map(|x| x.place((plot.x, plot.x + plot.width)));
        if let (true, None, Some(Placed::Continuous { scale, .. })) =
            (self.zoomable, scene.zoom, px.as_ref())
        {
            scene.zoom = Some(crate::scene::ZoomAxis {
                domain: scale.domain,
                range: scale.range,
            });
        }
        let py = self.y.as_ref().map(|y| {
            let range = if y.is_band() {
                (plot.y, plot.y + plot.height)
            } else {
                (plot.y + plot.height, plot.y)
            };
            y.place(range)
        });
        let placed = (px.as_ref(), py.as_ref());
        let (units, bands) = (&self.units, self.ctx.intervals);
        super::brush::axes(plot, placed, (units, bands), self.y_zoomable, scene);
        // Grid first, under the marks.
        let mut grid = Segments::default();
        if let (Some(y), Some(Placed::Continuous { scale, ticks, .. })) = (&self.y, &py) {
            if y.grid {
                for t in ticks {
                    let p = scale.map(*t);
                    grid.push((plot.x, p), (plot.x + plot.width, p));
                }
            }
        }
        if let (Some(x), Some(Placed::Continuous { scale, ticks, .. })) = (&self.x, &px) {
            if x.grid {
                for t in ticks {
                    let p = scale.map(*t);
                    grid.push((p, plot.y), (p, plot.y + plot.height));
                }
            }
        }
        scene
            .groups
            .extend(grid.into_group(Role::Grid, theme.grid_color, 1.0));

        // A dual axis's second layer is measured on its own y scale, its marks' items
        // marked as the second axis's (`Item::second_axis`).
        let py2 = self
            .y2
            .as_ref()
            .map(|s| s.scale.place((plot.y + plot.height, plot.y)));
        for (i, u) in self.units.iter().enumerate() {
            let second = self.y2.as_ref().is_some_and(|s| i >= s.dual.from);
            let on = match (second, self.y2.as_ref()) {
                (true, Some(s)) if s.dual.own_scale => py2.as_ref(),
                _ => py.as_ref(),
            };
            let first_item = scene.items.len();
            self.draw_unit(u, plot, px.as_ref(), on, scene);
            if second && self.y2.as_ref().is_some_and(|s| s.dual.own_scale) {
                self.second_axis_items(&mut scene.items[first_item..]);
            }
        }

        let placed = (px.as_ref(), py.as_ref(), py2.as_ref());
        self.draw_axes((cell, plot), placed, (show_x, show_y), scene);

        // Legends stand beyond a right y axis.
        let right_axis = match show_y {
            true => self.y_rooms(plot.height, cell.width).1,
            false => 0.0,
        };
        let beyond = Rect {
            width: plot.width + right_axis,
            ..plot
        };
        if let Some((sizes, beside)) = self.size_legend(cell.width) {
            let frame = (beyond, cell, chrome.right - right_axis - 16.0);
            sizes.draw(theme, beside, self.legend().as_ref(), frame, scene);
        }
        if let Some(legend) = self.legend() {
            if self.legend_beside(cell.width) {
                legend.draw_column(
                    theme,
                    beyond.x + beyond.width + 16.0,
                    plot.y,
                    chrome.right - right_axis - 16.0,
                    scene,
                );
            } else {
                let h = 10.0 + legend.flow_height(theme, cell.width);
                legend.draw_flow(
                    theme,
                    cell.x,
                    cell.y + cell.height - h + 10.0,
                    cell.width,
                    scene,
                );
            }
        }
        // Notes last, clear of everything the plot drew (full build only: the lite parser
        // answers NeedsFull for annotations).
        #[cfg(feature = "full")]
        {
            let targets: Vec<annotate::Target> = self
                .ctx
                .annotations
                .iter()
                .filter_map(|a| annotate::resolve(a, &self.units, px.as_ref(), py.as_ref(), plot))
                .collect();
            annotate::place(&targets, plot, theme, scene);
        }
        if scene.kind == ChartKind::ColumnBars && scene.items.is_empty() {
            scene.kind = self.kind();
        }
        if scene.value_title.is_empty() {
            let measure = match self.kind() {
                ChartKind::HorizontalBars => self.x.as_ref(),
                _ => self.y.as_ref(),
            };
            if let Some(t) = measure.and_then(|m| m.title.clone()) {
                scene.value_title = t;
            }
        }
        if let Some(t) = self.y2.as_ref().and_then(|s| s.scale.title.clone()) {
            scene.second_value_title = t;
        }
    }

    /// A bar's value label: the field's own format when it has one, else the chart's
    /// number writing (`316.6万` with `numbers: "zh"`).
    fn value_label(&self, item: &Item) -> String {
        item.formatted
            .clone()
            .unwrap_or_else(|| self.ctx.figure(item.value))
    }

    /// The value labels the bars will carry, of columns and of horizontal bars, for
    /// the room they need beyond the plot; both empty when labels are off.
    fn value_label_texts(&self) -> (Vec<String>, Vec<String>) {
        let (mut columns, mut bars) = (Vec::new(), Vec::new());
        if self.ctx.labels.is_none() {
            return (columns, bars);
        }
        for u in self.units.iter().filter(|u| u.mark.kind == MarkKind::Bar) {
            let horizontal = self.horizontal_bars(u);
            let (label_ch, value_ch) = if horizontal {
                (Channel::Y, Channel::X)
            } else {
                (Channel::X, Channel::Y)
            };
            for r in 0..u.rows() {
                let item = self.item(u, r, label_ch, value_ch);
                if item.value.is_finite() && !stacked_segments(u) {
                    let t = self.value_label(&item);
                    if horizontal {
                        bars.push(t);
                    } else {
                        columns.push(t);
                    }
                }
            }
        }
        (columns, bars)
    }

    fn mark_color(&self, u: &Encoded, r: usize) -> Color {
        let conditioned = u.condition(Channel::Color, r).and_then(|c| match c {
            ConstValue::Text(t) => Color::parse(t),
            ConstValue::Number(_) => None,
        });
        let base = match (conditioned, u.get(Channel::Color)) {
            (Some(c), _) => c,
            (None, Some(Bound::Column { column, .. })) => match &self.color {
                Some(c) => c.of_row(u, column, r),
                None => self.ctx.theme.mark_color,
            },
            _ => constant_color(&self.ctx, u),
        };
        let opacity = match (u.condition(Channel::Opacity, r), u.get(Channel::Opacity)) {
            (Some(ConstValue::Number(n)), _) => *n as f32,
            (_, Some(Bound::Column { column, def })) if !def.ty.is_discrete() => self
                .opacity
                .as_ref()
                .and_then(|s| s.of_row(u, Channel::Opacity, column, r).map(|v| v as f32))
                .unwrap_or(1.0),
            _ => constant_opacity(u),
        };
        base.with_opacity(opacity.clamp(0.0, 1.0))
    }

    fn item(&self, u: &Encoded, r: usize, label_ch: Channel, value_ch: Channel) -> Item {
        let measure = u.value(value_ch, r);
        let label = u.value(label_ch, r);
        let series = u
            .field(Channel::Color)
            .map(|(c, _)| u.table.value(c, r).to_text());
        let mut fields = Vec::new();
        if !u.tooltip.is_empty() {
            for (title, col, def) in &u.tooltip {
                fields.push((
                    title.clone(),
                    self.ctx
                        .format_value(&u.table.value(col, r), def, Place::Tooltip),
                ));
            }
        } else {
            for (ch, b) in &u.channels {
                if let Bound::Column { column, def } = b {
                    if matches!(
                        ch,
                        Channel::X
                            | Channel::Y
                            | Channel::Color
                            | Channel::Text
                            | Channel::Size
                            | Channel::Theta
                            | Channel::X2
                            | Channel::Y2
                            | Channel::XOffset
                    ) {
                        let title = def.display_title();
                        if !fields.iter().any(|(t, _)| *t == title) {
                            fields.push((
                                title,
                                self.ctx.format_value(
                                    &u.table.value(column, r),
                                    def,
                                    Place::Tooltip,
                                ),
                            ));
                        }
                    }
                }
            }
        }
        // Dates are named as their axis writes them (`2020`, not `2020-01-01`).
        let label_text = match u.field(label_ch) {
            Some((_, def)) if def.ty == FieldType::Temporal => {
                let f = def
                    .axis
                    .as_ref()
                    .and_then(|a| a.format.as_deref())
                    .or(def.format.as_deref());
                match f {
                    Some(f) => format_value(&label, Some(f), def.ty),
                    // A date as tooltips write it: a time unit's value in that unit's form
                    // (`Jan 2012`), as its axis.
                    None if matches!(label, Value::Date(_)) => {
                        self.ctx.format_value(&label, def, Place::Label)
                    }
                    None => label.to_text(),
                }
            }
            _ => label.to_text(),
        };
        let item = Item {
            label: label_text,
            series,
            value: measure.as_number().unwrap_or(f64::NAN),
            share: None,
            fields,
            custom_tooltip: !u.tooltip.is_empty() || u.tooltip_formatted(),
            datum: super::datum::datum(u, r),
            formatted: u.field(value_ch).and_then(|(_, def)| {
                if def.format_type == Some(crate::spec::FormatType::Zh) {
                    return measure.as_number().map(|n| {
                        crate::format::Unit::of(self.ctx.unit.as_deref()).write(
                            Numbers::Zh,
                            n,
                            crate::format::Place::Label,
                        )
                    });
                }
                let f = def
                    .axis
                    .as_ref()
                    .and_then(|a| a.format.as_deref())
                    .or(def.format.as_deref())?;
                Some(format_value(&measure, Some(f), def.ty))
            }),
            box_stats: None,
            second_axis: false,
        };
        super::boxes::with_stats(u, r, value_ch, item)
    }

    /// The pixel position of `ch` in row `r`: a `value` is pixels from the plot's
    /// top-left; a field or datum goes through the scale.
    fn at(
        &self,
        u: &Encoded,
        ch: Channel,
        r: usize,
        p: Option<&Placed>,
        plot: Rect,
    ) -> Option<f32> {
        pixel_value(u, ch, plot).or_else(|| p.and_then(|p| p.pos_of(u, ch, &u.value(ch, r))))
    }

    fn draw_unit(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        match u.mark.kind {
            MarkKind::Bar => self.bars(u, plot, px, py, scene),
            MarkKind::Line | MarkKind::Area => self.lines(u, plot, px, py, scene),
            MarkKind::Point => self.points(u, plot, px, py, scene),
            MarkKind::Text => self.texts(u, plot, px, py, scene),
            MarkKind::Rule | MarkKind::Tick => self.rules(u, plot, px, py, scene),
            MarkKind::Rect => self.rects(u, plot, px, py, scene),
            MarkKind::Arc | MarkKind::Geoshape => {}
        }
    }

    /// The pixel extent of a mark along one axis: from the stack, the 2-channel, a band,
    /// or the baseline.
    fn extent(
        &self,
        u: &Encoded,
        r: usize,
        ch: Channel,
        p: Option<&Placed>,
        full: (f32, f32),
    ) -> Option<(f32, f32)> {
        let ch2 = if ch == Channel::X {
            Channel::X2
        } else {
            Channel::Y2
        };
        let Some(p) = p else { return Some(full) };
        if let Some(s) = u.stack.as_ref().filter(|s| s.channel == ch) {
            let a = p.pos_of(u, s.channel, &u.table.value(&s.start, r))?;
            let b = p.pos_of(u, s.channel, &u.table.value(&s.end, r))?;
            return Some((a.min(b), a.max(b)));
        }
        let v = u.value(ch, r);
        if let Some((start, width)) = p.band(&v) {
            let off_ch = if ch == Channel::X {
                Channel::XOffset
            } else {
                Channel::YOffset
            };
            if u.get(off_ch).is_some() {
                return p
                    .sub_band(start, &u.value(off_ch, r))
                    .map(|(s, w)| (s, s + w));
            }
            return Some((start, start + width));
        }
        let a = p.pos(&v)?;
        let b = match u.get(ch2) {
            Some(_) => p.pos_of(u, ch2, &u.value(ch2, r))?,
            None => p.baseline(),
        };
        Some((a.min(b), a.max(b)))
    }

    fn bars(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        let horizontal = self.horizontal_bars(u);
        let (mut x, mut y, mut w, mut h, mut fill, mut items) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let (mut corners, mut rows, mut value_labels) = (Vec::new(), Vec::new(), Vec::new());
        // Bars stack by default; they are segments only when colour or detail splits them.
        let segmented = stacked_segments(u);
        let default_thickness = |p: Option<&Placed>, len: f32| match p {
            Some(Placed::Continuous { .. }) => {
                (len / (u.rows().max(1) as f32 + 1.0) * 0.8).clamp(1.0, 20.0)
            }
            _ => len,
        };
        for r in 0..u.rows() {
            let (xs, ys) = if horizontal {
                let ys = match py {
                    Some(Placed::Continuous { .. }) if u.get(Channel::Y2).is_none() => {
                        let Some(c) =
                            py.and_then(|p| p.pos_of(u, Channel::Y, &u.value(Channel::Y, r)))
                        else {
                            continue;
                        };
                        let t = u
                            .mark
                            .size
                            .unwrap_or_else(|| default_thickness(py, plot.height));
                        Some((c - t / 2.0, c + t / 2.0))
                    }
                    _ => self.extent(u, r, Channel::Y, py, (plot.y, plot.y + plot.height)),
                };
                (
                    self.extent(u, r, Channel::X, px, (plot.x, plot.x + plot.width)),
                    ys,
                )
            } else {
                let xs = match px {
                    Some(Placed::Continuous { .. }) if u.get(Channel::X2).is_none() => {
                        let Some(c) =
                            px.and_then(|p| p.pos_of(u, Channel::X, &u.value(Channel::X, r)))
                        else {
                            continue;
                        };
                        let t = u
                            .mark
                            .size
                            .unwrap_or_else(|| default_thickness(px, plot.width));
                        Some((c - t / 2.0, c + t / 2.0))
                    }
                    Some(Placed::Continuous { .. }) => {
                        let gap = u.mark.bin_spacing / 2.0;
                        self.extent(u, r, Channel::X, px, (plot.x, plot.x + plot.width))
                            .map(|(a, b)| (a + gap, (b - gap).max(a + gap)))
                    }
                    _ => self.extent(u, r, Channel::X, px, (plot.x, plot.x + plot.width)),
                };
                (
                    xs,
                    self.extent(u, r, Channel::Y, py, (plot.y, plot.y + plot.height)),
                )
            };
            // A `size` on a band axis is the bar's thickness, centred in its band.
            let size = match u.condition(Channel::Size, r) {
                Some(ConstValue::Number(n)) => Some(*n as f32),
                _ => u.mark.size,
            };
            let thin = |span: Option<(f32, f32)>, band: bool| match (span, size, band) {
                (Some((a, b)), Some(t), true) if t < b - a => {
                    Some(((a + b - t) / 2.0, (a + b + t) / 2.0))
                }
                _ => span,
            };
            let band_x = matches!(px, Some(Placed::Band { .. }));
            let band_y = matches!(py, Some(Placed::Band { .. }));
            let (xs, ys) = if horizontal {
                (xs, thin(ys, band_y))
            } else {
                (thin(xs, band_x), ys)
            };
            let (Some((x0, x1)), Some((y0, y1))) = (xs, ys) else {
                continue;
            };
            x.push(x0);
            y.push(y0);
            w.push(x1 - x0);
            h.push(y1 - y0);
            fill.push(self.mark_color(u, r));
            items.push(scene.items.len() as u32);
            rows.push(r);
            let (label_ch, value_ch) = if horizontal {
                (Channel::Y, Channel::X)
            } else {
                (Channel::X, Channel::Y)
            };
            // `cornerRadiusEnd`: the two corners at the value's end (the edge nearer the
            // value's pixel; the far end of a negative bar, of each stacked segment).
            if let Some(end) = u.mark.corner_radius_end {
                let c = u.mark.corner_radius;
                let value_at =
                    if horizontal { px } else { py }.and_then(|p| p.pos(&u.value(value_ch, r)));
                corners.push(match (horizontal, value_at) {
                    (false, Some(p)) if (p - y1).abs() < (p - y0).abs() => [c, c, end, end],
                    (false, _) => [end, end, c, c],
                    (true, Some(p)) if (p - x0).abs() < (p - x1).abs() => [end, c, c, end],
                    (true, _) => [c, end, end, c],
                });
            }
            let item = self.item(u, r, label_ch, value_ch);
            if self.ctx.labels.is_some() && item.value.is_finite() {
                value_labels.push(labels::BarLabel {
                    x0,
                    y0,
                    x1,
                    y1,
                    negative: item.value < 0.0,
                    text: self.value_label(&item),
                    fill: self.mark_color(u, r),
                    stacked: segmented,
                });
            }
            scene.items.push(item);
        }
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Rects {
                x,
                y,
                width: w,
                height: h,
                fill: Paint::Each(fill),
                corner_radius: u.mark.corner_radius,
                corners,
                outline: self.strokes.outline(u, &rows),
            },
            items,
        });
        if let Some(how) = self.ctx.labels {
            scene.groups.extend(labels::groups(
                &value_labels,
                horizontal,
                how,
                &self.ctx.theme,
            ));
        }
        if scene.kind == ChartKind::ColumnBars {
            scene.kind = if horizontal {
                ChartKind::HorizontalBars
            } else {
                ChartKind::ColumnBars
            };
        }
    }

    /// Rows grouped into series (colour and detail), each series in x (or order) order.
    fn series(&self, u: &Encoded, along: Channel) -> Vec<Vec<usize>> {
        let keys: Vec<String> = u
            .field(Channel::Color)
            .map(|(c, _)| c.to_string())
            .into_iter()
            .chain(u.detail.iter().cloned())
            .chain(StrokeScales::series_fields(u))
            .collect();
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for r in 0..u.rows() {
            let k = crate::transform::group_key(&u.table, &keys, r);
            match groups.iter_mut().find(|(g, _)| *g == k) {
                Some((_, rows)) => rows.push(r),
                None => groups.push((k, vec![r])),
            }
        }
        let sort_key = |r: usize| -> f64 {
            if let Some((col, _)) = u.field(Channel::Order) {
                return u.table.value(col, r).as_number().unwrap_or(f64::INFINITY);
            }
            match (along, self.x.as_ref(), self.y.as_ref()) {
                (Channel::X, Some(s), _) | (Channel::Y, _, Some(s)) => match &s.kind {
                    scales::PosKind::Band { domain, .. } => {
                        let v = u.value(along, r).to_text();
                        domain
                            .iter()
                            .position(|d| *d == v)
                            .map_or(f64::INFINITY, |i| i as f64)
                    }
                    _ => u
                        .value(along, r)
                        .as_number()
                        .or(match u.value(along, r) {
                            Value::Date(d) => Some(d),
                            _ => None,
                        })
                        .unwrap_or(f64::INFINITY),
                },
                _ => r as f64,
            }
        };
        groups
            .into_iter()
            .map(|(_, mut rows)| {
                crate::sort::indices(&mut rows, &mut |a, b| {
                    sort_key(a).total_cmp(&sort_key(b)).then(a.cmp(&b))
                });
                rows
            })
            .collect()
    }

    fn lines(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        // Lines run along x unless x is the measure and y the dimension.
        let along_y = self.y.as_ref().is_some_and(PosScale::is_band)
            && !self.x.as_ref().is_some_and(PosScale::is_band)
            || u.stack.as_ref().is_some_and(|s| s.channel == Channel::X);
        let along = if along_y { Channel::Y } else { Channel::X };
        let measure = if along_y { Channel::X } else { Channel::Y };
        let (pa, pm) = if along_y { (py, px) } else { (px, py) };
        let mut paths = Vec::new();
        let mut polys = Vec::new();
        let mut top_lines = Vec::new();
        let (mut colors, mut dashes, mut widths) = (Vec::new(), Vec::new(), Vec::new());
        // One item per shape (a point of its series), so emphasis knows its series.
        let mut shape_items: Vec<u32> = Vec::new();
        let (mut ptx, mut pty, mut pcol, mut items) = (vec![], vec![], vec![], vec![]);
        let mut symbols = Vec::new();
        let pieces = self.series(u, along).into_iter();
        for rows in pieces.flat_map(|rows| super::gaps::pieces(u, rows)) {
            let mut pts: Vec<(f32, f32)> = Vec::new();
            let (mut base, mut widths_at) = (Vec::new(), Vec::new());
            for &r in &rows {
                let a = match pa {
                    Some(p) => p.pos_of(u, along, &u.value(along, r)),
                    None => Some(if along_y {
                        plot.y + plot.height / 2.0
                    } else {
                        plot.x + plot.width / 2.0
                    }),
                };
                let (m, m0) = match (pm, u.stack.as_ref().filter(|s| s.channel == measure)) {
                    (Some(p), Some(s)) => (
                        p.pos_of(u, s.channel, &u.table.value(&s.end, r)),
                        p.pos_of(u, s.channel, &u.table.value(&s.start, r)),
                    ),
                    (Some(p), None) => {
                        let measure2 = if along_y { Channel::X2 } else { Channel::Y2 };
                        let m0 = match u.get(measure2) {
                            Some(_) => p.pos_of(u, measure2, &u.value(measure2, r)),
                            None => Some(p.baseline()),
                        };
                        (p.pos_of(u, measure, &u.value(measure, r)), m0)
                    }
                    (None, _) => (
                        Some(if along_y {
                            plot.x + plot.width / 2.0
                        } else {
                            plot.y + plot.height / 2.0
                        }),
                        None,
                    ),
                };
                let (Some(a), Some(m)) = (a, m) else { continue };
                let pt = if along_y { (m, a) } else { (a, m) };
                pts.push(pt);
                widths_at.push(trail::point_width(u, r, self.size.as_ref()));
                if let Some(m0) = m0 {
                    base.push(if along_y { (m0, a) } else { (a, m0) });
                }
                if self.zoomed && (pt.0 < plot.x - 0.5 || pt.0 > plot.x + plot.width + 0.5) {
                    // Kept for the line's way into the window; not a mark the reader sees.
                    continue;
                }
                ptx.push(pt.0);
                pty.push(pt.1);
                pcol.push(self.mark_color(u, r));
                symbols.push(self.strokes.symbol(u, r));
                items.push(scene.items.len() as u32);
                scene.items.push(self.item(u, r, along, measure));
            }
            let Some(&first) = rows.first() else { continue };
            let color = self.mark_color(u, first);
            let pts = match u.mark.trail {
                true => pts,
                false => step(pts, u.mark.interpolate, along_y),
            };
            let x_range = (plot.x, plot.x + plot.width);
            let series_item = items.last().copied().filter(|_| !ptx.is_empty());
            if u.mark.trail {
                polys.push(trail::outline(&pts, &widths_at));
                colors.push(color);
                shape_items.extend(series_item);
            } else if u.mark.kind == MarkKind::Area {
                let mut poly = pts.clone();
                poly.extend(step(base, u.mark.interpolate, along_y).into_iter().rev());
                if self.zoomed {
                    poly = crate::scene::clip::polygon_x(&poly, x_range);
                }
                polys.push(poly);
                colors.push(color);
                shape_items.extend(series_item);
                if let Some(line_color) = u.mark.line {
                    top_lines.push((pts, line_color.unwrap_or(color)));
                }
            } else {
                let pieces = match self.zoomed {
                    true => crate::scene::clip::polyline_x(&pts, x_range),
                    false => vec![pts],
                };
                let width = self.strokes.width(u, first);
                for piece in pieces {
                    paths.push(piece);
                    colors.push(color);
                    dashes.push(self.strokes.dash(u, first));
                    widths.push(width.or(u.mark.stroke_width).unwrap_or(2.0));
                    shape_items.extend(series_item);
                }
            }
        }
        // Shapes carry an item of their series only when every shape has one.
        // Areas and trails are filled outlines.
        let outlined = u.mark.kind == MarkKind::Area || u.mark.trail;
        let shape_count = if outlined { polys.len() } else { paths.len() };
        if shape_items.len() != shape_count {
            shape_items.clear();
        }
        if outlined {
            scene.groups.push(MarkGroup {
                role: Role::DataShape,
                shapes: Shapes::Polygons {
                    polygons: polys,
                    fill: Paint::Each(colors),
                    outline: self.strokes.outline(u, &[]),
                },
                items: shape_items,
            });
            let tops = super::overlay::area_tops(top_lines, self.zoomed.then_some(plot), u);
            scene.groups.extend(tops);
        } else {
            let width = u.mark.stroke_width.unwrap_or(2.0);
            scene.groups.push(MarkGroup {
                role: Role::DataShape,
                shapes: Shapes::Paths {
                    paths,
                    stroke: Paint::Each(colors),
                    stroke_width: width,
                    widths,
                    dashes,
                },
                items: shape_items,
            });
        }
        // Points carry the data: visible with `point: true`, else invisible hit targets.
        let n = ptx.len();
        let fill = if u.mark.point {
            Paint::Each(pcol.iter().map(|c| c.with_opacity(1.0)).collect())
        } else {
            Paint::One(Color {
                a: 0.0,
                ..Color::rgb(0, 0, 0)
            })
        };
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Points {
                x: ptx,
                y: pty,
                radius: vec![if u.mark.point { 3.0 } else { 2.0 }; n],
                fill,
                stroke: None,
                symbols,
            },
            items,
        });
        if scene.kind == ChartKind::ColumnBars && scene.items.len() == n {
            scene.kind = if u.mark.kind == MarkKind::Area {
                ChartKind::Area
            } else {
                ChartKind::Line
            };
        }
    }

    fn points(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        let (mut x, mut y, mut rad, mut fill, mut stroke, mut items) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut symbols = Vec::new();
        let filled = u.mark.filled.unwrap_or(false);
        for r in 0..u.rows() {
            let cx = match (u.get(Channel::X), px) {
                (None, None) => Some(plot.x + plot.width / 2.0),
                _ => self.at(u, Channel::X, r, px, plot),
            };
            let cy = match (u.get(Channel::Y), py) {
                (None, None) => Some(plot.y + plot.height / 2.0),
                _ => self.at(u, Channel::Y, r, py, plot),
            };
            let (Some(cx), Some(cy)) = (cx, cy) else {
                continue;
            };
            let area = match (u.condition(Channel::Size, r), u.get(Channel::Size)) {
                (Some(ConstValue::Number(n)), _) => *n,
                (_, Some(Bound::Column { column, .. })) => self
                    .size
                    .as_ref()
                    .and_then(|s| s.of_row(u, Channel::Size, column, r))
                    .unwrap_or(30.0),
                (_, Some(Bound::Value(ConstValue::Number(n)))) => *n,
                _ => f64::from(u.mark.size.unwrap_or(30.0)),
            };
            let symbol = self.strokes.symbol(u, r);
            let radius = super::channels::point_radius(symbol, area);
            symbols.push(symbol);
            let c = self.mark_color(u, r);
            x.push(cx);
            y.push(cy);
            rad.push(radius.max(0.5));
            if filled {
                fill.push(c);
                stroke.push(c);
            } else {
                fill.push(Color { a: 0.0, ..c });
                stroke.push(c);
            }
            items.push(scene.items.len() as u32);
            // A dot plot with its categories down the side is named by them.
            let (label_ch, value_ch) =
                super::boxes::point_channels(self.x.as_ref(), self.y.as_ref());
            scene.items.push(self.item(u, r, label_ch, value_ch));
        }
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Points {
                x,
                y,
                radius: rad,
                fill: Paint::Each(fill),
                stroke: if filled {
                    None
                } else {
                    Some(Paint::Each(stroke))
                },
                symbols,
            },
            items,
        });
        if scene.kind == ChartKind::ColumnBars && scene.items.len() == u.rows() {
            scene.kind = ChartKind::Scatter;
        }
    }

    fn texts(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        let theme = &self.ctx.theme;
        let size = u.mark.size.unwrap_or(theme.label_size);
        // One batch per colour (texts coloured by a field or a condition differ by row).
        let mut batches: Vec<TextBatch> = Vec::new();
        for r in 0..u.rows() {
            let at = |ch: Channel, p: Option<&Placed>, center: f32| -> Option<f32> {
                if let Some(px) = pixel_value(u, ch, plot) {
                    return Some(px);
                }
                match (p, u.stack.as_ref().filter(|s| s.channel == ch)) {
                    (Some(p), Some(s)) => p.pos_of(u, s.channel, &u.table.value(&s.end, r)),
                    (Some(p), None) => p.pos_of(u, ch, &u.value(ch, r)),
                    (None, _) => Some(center),
                }
            };
            let (Some(cx), Some(cy)) = (
                at(Channel::X, px, plot.x + plot.width / 2.0),
                at(Channel::Y, py, plot.y + plot.height / 2.0),
            ) else {
                continue;
            };
            let content = self.ctx.text_content(u, r);
            if content.is_empty() {
                continue;
            }
            let color = match u.get(Channel::Color) {
                Some(_) => self.mark_color(u, r),
                None => u.mark.color.unwrap_or(theme.title_color),
            };
            let i = match batches.iter().position(|b| b.0 == color) {
                Some(i) => i,
                None => {
                    batches.push((color, vec![], vec![], vec![]));
                    batches.len() - 1
                }
            };
            batches[i].1.push(cx + u.mark.dx);
            batches[i].2.push(cy + u.mark.dy);
            batches[i].3.push(content);
        }
        if batches.is_empty() {
            batches.push((theme.title_color, vec![], vec![], vec![]));
        }
        for (color, x, y, t) in batches {
            let style = TextStyle {
                size,
                bold: false,
                color,
                align: match u.mark.align.unwrap_or(TextAlign::Center) {
                    TextAlign::Left => HAlign::Left,
                    TextAlign::Center => HAlign::Center,
                    TextAlign::Right => HAlign::Right,
                },
                baseline: match u.mark.baseline.unwrap_or(TextBaseline::Middle) {
                    TextBaseline::Top => VAlign::Top,
                    TextBaseline::Middle => VAlign::Middle,
                    TextBaseline::Bottom => VAlign::Bottom,
                },
                angle: 0,
            };
            scene.groups.push(MarkGroup {
                role: Role::DataLabel,
                shapes: Shapes::Texts {
                    x,
                    y,
                    text: t,
                    style,
                },
                items: Vec::new(),
            });
        }
    }

    fn rules(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        // One batch per colour: rules coloured by a field keep their own colours.
        let mut by_color: Vec<(RuleStroke, Segments)> = Vec::new();
        let tick = u.mark.kind == MarkKind::Tick;
        let width =
            (u.mark.stroke_width.or(u.mark.thickness)).unwrap_or(if tick { 1.5 } else { 1.0 });
        for r in 0..u.rows() {
            let pos = |ch: Channel, p: Option<&Placed>| self.at(u, ch, r, p, plot);
            let has = |ch: Channel| u.get(ch).is_some();
            let seg = if tick {
                // A short line across the band (or 18 px) at the continuous position.
                let vertical = match (px, py) {
                    (Some(Placed::Continuous { .. }), _) => true,
                    (_, Some(Placed::Continuous { .. })) => false,
                    _ => true,
                };
                if vertical {
                    let x = pos(Channel::X, px);
                    let (c, half) = match py.and_then(|p| p.band(&u.value(Channel::Y, r))) {
                        Some((s, w)) => (s + w / 2.0, w * 0.375),
                        None => (
                            pos(Channel::Y, py).unwrap_or(plot.y + plot.height / 2.0),
                            9.0,
                        ),
                    };
                    x.map(|x| (x, c - half, x, c + half))
                } else {
                    let y = pos(Channel::Y, py);
                    let (c, half) = match px.and_then(|p| p.band(&u.value(Channel::X, r))) {
                        Some((s, w)) => (s + w / 2.0, w * 0.375),
                        None => (
                            pos(Channel::X, px).unwrap_or(plot.x + plot.width / 2.0),
                            9.0,
                        ),
                    };
                    y.map(|y| (c - half, y, c + half, y))
                }
            } else if has(Channel::Y) && !has(Channel::X) && !has(Channel::X2) {
                pos(Channel::Y, py).map(|y| (plot.x, y, plot.x + plot.width, y))
            } else if has(Channel::X) && !has(Channel::Y) && !has(Channel::Y2) {
                pos(Channel::X, px).map(|x| (x, plot.y, x, plot.y + plot.height))
            } else if has(Channel::X2) {
                match (
                    pos(Channel::X, px),
                    pos(Channel::X2, px),
                    pos(Channel::Y, py),
                ) {
                    (Some(a), Some(b), Some(y)) => Some((a, y, b, y)),
                    _ => None,
                }
            } else {
                match (
                    pos(Channel::X, px),
                    pos(Channel::Y, py),
                    pos(Channel::Y2, py),
                ) {
                    (Some(x), Some(a), Some(b)) => Some((x, a, x, b)),
                    (Some(x), Some(a), None) => Some((x, a, x, py.map_or(a, Placed::baseline))),
                    _ => None,
                }
            };
            let Some((a, b, c, d)) = seg else { continue };
            let own_width = self.strokes.width(u, r).unwrap_or(width);
            let color = (self.mark_color(u, r), self.strokes.dash(u, r), own_width);
            match by_color.iter_mut().find(|(k, _)| *k == color) {
                Some((_, segs)) => segs.push((a, b), (c, d)),
                None => {
                    let mut segs = Segments::default();
                    segs.push((a, b), (c, d));
                    by_color.push((color, segs));
                }
            }
        }
        for ((color, dash, width), segs) in by_color {
            let mut group = segs.into_group(Role::Rule, color, width);
            if let Some(Shapes::Lines { dash: d, .. }) = group.as_mut().map(|g| &mut g.shapes) {
                *d = dash;
            }
            scene.groups.extend(group);
        }
    }
}

/// Formats a data value for labels and tooltips with an optional d3 format.
pub fn format_value(v: &Value<'_>, format: Option<&str>, ty: FieldType) -> String {
    match (v, format) {
        (Value::Number(n), Some(f)) => {
            NumberFormat::parse(f).map_or_else(|| crate::format::value(*n), |nf| nf.format(*n))
        }
        (Value::Number(n), None) if ty != FieldType::Nominal && ty != FieldType::Ordinal => {
            crate::format::value(*n)
        }
        (Value::Date(d), Some(f)) => crate::format::time(*d, f),
        (Value::Date(d), None) => crate::table::date::format_iso(*d),
        (other, _) => other.to_text(),
    }
}

/// Whether a bar unit's bars are segments of stacks (split by colour or detail).
fn stacked_segments(u: &Encoded) -> bool {
    u.stack.is_some() && (u.field(Channel::Color).is_some() || !u.detail.is_empty())
}

/// A position channel's `value` in pixels: a number from the plot's top left, `"width"` or
/// `"height"` its far edge; `None` when the channel is not a value.
fn pixel_value(u: &Encoded, ch: Channel, plot: Rect) -> Option<f32> {
    let horizontal = matches!(ch, Channel::X | Channel::X2);
    match u.get(ch)? {
        Bound::Value(ConstValue::Number(n)) => Some(if horizontal {
            plot.x + *n as f32
        } else {
            plot.y + *n as f32
        }),
        Bound::Value(ConstValue::Text(t)) if horizontal && t == "width" => {
            Some(plot.x + plot.width)
        }
        Bound::Value(ConstValue::Text(t)) if !horizontal && t == "height" => {
            Some(plot.y + plot.height)
        }
        _ => None,
    }
}

/// A unit's colour where no field or condition decides it: its `color` value, else its
/// mark's colour, else the theme's for its kind (marks and the size legend's symbols).
pub(super) fn constant_color(ctx: &Ctx, u: &Encoded) -> Color {
    match u.get(Channel::Color) {
        Some(Bound::Value(ConstValue::Text(t))) => Color::parse(t).unwrap_or(ctx.theme.mark_color),
        _ => u.mark.color.unwrap_or(ctx.mark_color(u.mark.kind)),
    }
}

/// A unit's opacity where no field or condition decides it: its `opacity` value, else its
/// mark's, else the default (0.7 for points, as Vega-Lite; for unstacked coloured areas).
pub(super) fn constant_opacity(u: &Encoded) -> f32 {
    if let Some(Bound::Value(ConstValue::Number(n))) = u.get(Channel::Opacity) {
        return *n as f32;
    }
    let default = match u.mark.kind {
        MarkKind::Point => 0.7,
        MarkKind::Area if u.stack.is_none() && u.get(Channel::Color).is_some() => 0.7,
        _ => 1.0,
    };
    u.mark.opacity.unwrap_or(default)
}
