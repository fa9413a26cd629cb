//! Axes of a cartesian plot: tick and category labels and axis titles, planned and
//! drawn by one routine for every side (x below or above the plot, y left or right of
//! it: `axis.orient`, a dual axis's second y), as Avenger's guides are parameterised by
//! orientation.
//!
//! The rule for category labels (band axes) is that a reader sees every one in full,
//! without hovering: set horizontally, wrapped onto up to [`MAX_LABEL_LINES`] lines
//! within the band; a vertical bar chart whose bands are still too narrow is drawn as
//! horizontal bars instead (the plot decides that, through [`Labels::fits_flat`]); only
//! then are labels rotated. Showing every n-th label is for continuous and temporal
//! axes, whose ticks are a sample by nature — and for a band axis only as the last
//! resort, when even rotated labels would overlap. A spec's `labelAngle` forces the
//! angle and its `labelLimit` cuts labels (with `…`), as in Vega-Lite.

use super::context::Ctx;
use super::scales::{Placed, PosKind, PosScale};
use crate::scene::{HAlign, MarkGroup, Rect, Role, Scene, Shapes, TextStyle, VAlign};
use crate::table::{column_from_cells, Cell, Table};
use crate::text;

/// Gap between tick labels and the plot, px, where the axis has no ticks and its spec
/// sets no `labelPadding`.
pub const LABEL_GAP: f32 = 6.0;

/// Vega's `labelPadding` beyond drawn ticks, px.
pub const TICK_LABEL_PADDING: f32 = 2.0;

/// Gap between the labels and the axis title, px, unless the spec sets `titlePadding`.
pub const TITLE_GAP: f32 = 4.0;

/// The room an axis takes between the plot and its labels and title: Vega-Lite's
/// `offset`, `tickSize`, `labelPadding` and `titlePadding`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisSpacing {
    /// `tickSize`: ticks drawn this long; `None` draws none.
    pub tick_size: Option<f32>,
    /// `labelPadding`, px.
    pub label_padding: Option<f32>,
    /// `offset`: the axis this far from the plot, px.
    pub offset: f32,
    /// `titlePadding`, px.
    pub title_padding: Option<f32>,
}

impl AxisSpacing {
    /// The spacing a spec's axis asks for.
    pub fn of(axis: &crate::spec::Axis) -> AxisSpacing {
        AxisSpacing {
            tick_size: axis.tick_size,
            label_padding: axis.label_padding,
            offset: axis.offset.unwrap_or(0.0),
            title_padding: axis.title_padding,
        }
    }

    /// From the plot's edge to the labels, px: the offset, then the ticks and Vega's
    /// padding of 2 px beyond them, or (no ticks) the label padding, [`LABEL_GAP`] unless
    /// set.
    pub fn label_gap(&self) -> f32 {
        self.offset
            + match self.tick_size {
                Some(t) => t + self.label_padding.unwrap_or(TICK_LABEL_PADDING),
                None => self.label_padding.unwrap_or(LABEL_GAP),
            }
    }

    /// From the labels to the axis title, px.
    pub fn title_gap(&self) -> f32 {
        self.title_padding.unwrap_or(TITLE_GAP)
    }

    /// The ticks drawn, px long (none at 0).
    pub fn ticks(&self) -> Option<f32> {
        self.tick_size.filter(|t| *t > 0.0)
    }
}

/// The most lines a category label wraps onto before the axis tries another way.
pub const MAX_LABEL_LINES: usize = 3;

/// Which side of the plot an axis is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Below the plot: the x axis by default.
    Bottom,
    /// Left of the plot: the y axis by default.
    Left,
    /// Above the plot: an x axis with `orient: "top"`.
    Top,
    /// Right of the plot: a y axis with `orient: "right"`, a dual axis's second y.
    Right,
}

impl Side {
    /// The side a spec's `orient` names, else `default`.
    pub fn of(orient: Option<crate::spec::AxisOrient>, default: Side) -> Side {
        use crate::spec::AxisOrient;
        match orient {
            Some(AxisOrient::Top) => Side::Top,
            Some(AxisOrient::Bottom) => Side::Bottom,
            Some(AxisOrient::Left) => Side::Left,
            Some(AxisOrient::Right) => Side::Right,
            None => default,
        }
    }

    /// An x axis's side (labels run along the plot's width).
    pub fn along_x(self) -> bool {
        matches!(self, Side::Bottom | Side::Top)
    }

    /// The other side of the plot.
    pub fn opposite(self) -> Side {
        match self {
            Side::Bottom => Side::Top,
            Side::Top => Side::Bottom,
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// How the labels of an axis are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelMode {
    /// Horizontal, possibly on several lines.
    Flat,
    /// Rotated to read upwards, one line each.
    Rotated,
}

/// The planned labels of one axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// How they are set.
    pub mode: LabelMode,
    /// Every n-th label is drawn (1: all of them).
    pub every: usize,
    /// One text per tick or category, in domain order; line feeds separate lines.
    pub texts: Vec<String>,
    /// Room the labels take across the axis, gap included: height below a bottom axis
    /// (above a top one), width beside a left or right axis, px.
    pub extent: f32,
    /// x band axes: every category fits horizontally on at most
    /// [`MAX_LABEL_LINES`] lines without breaking inside a word (or the spec forced the
    /// angle). False tells a vertical bar chart to turn horizontal.
    pub fits_flat: bool,
    /// From the plot's edge to the labels, px (the axis's [`AxisSpacing::label_gap`]).
    pub gap: f32,
    /// Where a flat x label stands against its tick (`labelAlign`; centred by
    /// default).
    pub align: HAlign,
}

/// The label of every tick or category of `scale`, placed as `placed`, rewritten by the
/// axis's `labelExpr` when it has one.
fn raw_labels(scale: &PosScale, placed: &Placed, ctx: &Ctx) -> Vec<String> {
    let (labels, values): (Vec<String>, Vec<Cell>) = match (placed, &scale.kind) {
        (Placed::Band { .. }, PosKind::Band { domain, .. }) => domain
            .iter()
            .map(|d| {
                // A time unit's category under an axis `format`: its time, so formatted.
                let timed = match (&scale.format, scale.band_time_unit) {
                    (super::scales::LabelFormat::Time(f, locale), Some(unit)) => {
                        crate::format::unit_label_order(d, unit)
                            .map(|ms| crate::format::time_in(ms, f, *locale))
                    }
                    _ => None,
                };
                (timed.unwrap_or_else(|| ctx.label(d)), Cell::Text(d.clone()))
            })
            .unzip(),
        (
            Placed::Continuous {
                ticks, temporal, ..
            },
            _,
        ) => ticks
            .iter()
            .map(|t| {
                let v = if *temporal {
                    Cell::Date(*t)
                } else {
                    Cell::Number(*t)
                };
                (scale.tick_label(*t, placed), v)
            })
            .unzip(),
        _ => (Vec::new(), Vec::new()),
    };
    // Explicit `values` on a band axis: the other categories go unlabelled.
    let labels = match (&scale.values, placed) {
        (Some(shown), Placed::Band { .. }) => {
            let shown: Vec<String> = shown.iter().map(axis_value_text).collect();
            labels
                .into_iter()
                .zip(&values)
                .map(|(l, v)| match v {
                    Cell::Text(t) if shown.contains(t) => l,
                    _ => String::new(),
                })
                .collect()
        }
        _ => labels,
    };
    let Some(expr) = &scale.label_expr else {
        return labels;
    };
    let cells = labels.iter().map(|l| Cell::Text(l.clone())).collect();
    let Some(table) = Table::new(vec![
        column_from_cells("label", cells),
        column_from_cells("value", values),
    ]) else {
        return labels;
    };
    (0..labels.len())
        .map(|r| match crate::transform::eval(&table, expr, r) {
            _ if labels[r].is_empty() => String::new(),
            Cell::Null => String::new(),
            c => c.as_value().to_text(),
        })
        .collect()
}

/// A band axis's explicit value as the category text it names (numbers as JavaScript
/// writes them, dates in ISO form).
fn axis_value_text(v: &crate::spec::AxisValue) -> String {
    use crate::spec::AxisValue;
    match v {
        AxisValue::Number(n) => crate::table::Value::Number(*n).to_text(),
        AxisValue::Text(t) => t.clone(),
        AxisValue::Date(d) => crate::table::Value::Date(*d).to_text(),
    }
}

/// The band step at which every category label of a band `scale` stands flat on one
/// line (after `labelExpr`), gap included, px: what a chart of default width gives each
/// category where the screen allows.
pub fn one_line_step(scale: &PosScale, ctx: &Ctx) -> f32 {
    let placed = scale.place((0.0, 100.0));
    raw_labels(scale, &placed, ctx)
        .iter()
        .map(|l| text::width(l, ctx.theme.label_size, false))
        .fold(0.0, f32::max)
        .ceil()
        + 8.0
}

/// Positions along the axis of every label, px.
fn positions(placed: &Placed) -> Vec<f32> {
    match placed {
        Placed::Band { band, .. } => (0..band.count).map(|i| band.center(i)).collect(),
        Placed::Continuous { scale, ticks, .. } => ticks.iter().map(|t| scale.map(*t)).collect(),
    }
}

/// Plans the labels of `scale` on `side`, placed as `placed`. `room` is, for a y axis,
/// the widest a label may be (longer ones wrap); an x axis takes its room from the
/// bands or tick spacing.
pub fn labels(scale: &PosScale, placed: &Placed, side: Side, room: f32, ctx: &Ctx) -> Labels {
    let mut l = planned(scale, placed, side, room, ctx);
    if let (true, LabelMode::Flat) = (side.along_x(), l.mode) {
        l.align = match scale.label_align {
            Some(crate::spec::TextAlign::Left) => HAlign::Left,
            Some(crate::spec::TextAlign::Right) => HAlign::Right,
            _ => HAlign::Center,
        };
    }
    l
}

/// [`labels`] before the spec's `labelAlign`.
fn planned(scale: &PosScale, placed: &Placed, side: Side, room: f32, ctx: &Ctx) -> Labels {
    let size = ctx.theme.label_size;
    let lh = text::line_height(size);
    let raw = raw_labels(scale, placed, ctx);
    let gap = scale.spacing.label_gap();
    // A spec's labelLimit: each label cut to that width, on one line.
    if let Some(limit) = scale.label_limit {
        let texts: Vec<String> = raw
            .iter()
            .map(|l| text::fit(l, size, false, limit))
            .collect();
        return one_line(texts, scale, placed, side, ctx);
    }
    // A spec's labelOverlap: a band axis may show a sample, as Vega does.
    if scale.label_overlap && scale.is_band() {
        let texts = raw.iter().map(|l| l.replace('\n', " ")).collect();
        return one_line(texts, scale, placed, side, ctx);
    }
    match (side, placed) {
        (s, Placed::Band { band, .. }) if s.along_x() => {
            let forced = scale.label_angle.map(|a| a.rem_euclid(360.0));
            let room = (band.step() - 4.0).max(size);
            let wrapped: Vec<Vec<String>> = raw
                .iter()
                .map(|l| text::lines(l, size, false, room))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let words_fit = raw.iter().all(|l| text::min_width(l, size, false) <= room);
            let fits = words_fit && lines <= MAX_LABEL_LINES;
            match forced {
                Some(a) if a != 0.0 => Labels {
                    fits_flat: true,
                    ..rotated(raw, band.step(), lh, size, gap)
                },
                // A spec's flat angle is kept while every word fits its band (the lines
                // may be many); a word wider than its band would be broken mid-word, so
                // the labels turn instead: readable in full wins over the angle asked.
                _ if fits || (forced == Some(0.0) && words_fit) => Labels {
                    mode: LabelMode::Flat,
                    every: 1,
                    texts: wrapped.iter().map(|ls| ls.join("\n")).collect(),
                    extent: gap + lines as f32 * lh,
                    fits_flat: true,
                    gap,
                    align: HAlign::Center,
                },
                _ => Labels {
                    fits_flat: false,
                    ..rotated(raw, band.step(), lh, size, gap)
                },
            }
        }
        (_, Placed::Band { band, .. }) => {
            let texts: Vec<String> = raw
                .iter()
                .map(|l| text::lines(l, size, false, room.max(size)).join("\n"))
                .collect();
            let lines = texts
                .iter()
                .map(|t| t.split('\n').count())
                .max()
                .unwrap_or(1);
            let needed = lines as f32 * lh;
            let widest = texts
                .iter()
                .flat_map(|t| t.split('\n'))
                .map(|l| text::width(l, size, false))
                .fold(0.0, f32::max);
            Labels {
                mode: LabelMode::Flat,
                // Last resort, where the plot could not be made tall enough (a fixed
                // facet cell): a sample of the categories rather than a pile of text.
                every: ((needed / band.step().max(1.0)).ceil() as usize).max(1),
                texts,
                extent: widest + gap,
                fits_flat: true,
                gap,
                align: HAlign::Center,
            }
        }
        (_, Placed::Continuous { .. }) => one_line(raw, scale, placed, side, ctx),
    }
}

/// Labels set on one line each: continuous ticks (every n-th where neighbours would
/// touch), or band labels a spec limited.
fn one_line(
    texts: Vec<String>,
    scale: &PosScale,
    placed: &Placed,
    side: Side,
    ctx: &Ctx,
) -> Labels {
    let size = ctx.theme.label_size;
    let lh = text::line_height(size);
    let gap = scale.spacing.label_gap();
    let widest = texts
        .iter()
        .map(|l| text::width(l, size, false))
        .fold(0.0, f32::max);
    let pos = positions(placed);
    let spacing = if pos.len() > 1 {
        (pos[1] - pos[0]).abs()
    } else {
        f32::INFINITY
    };
    match side {
        Side::Bottom | Side::Top => {
            if scale
                .label_angle
                .is_some_and(|a| a.rem_euclid(360.0) != 0.0)
            {
                return Labels {
                    fits_flat: true,
                    ..rotated(texts, spacing, lh, size, gap)
                };
            }
            let half: Vec<f32> = texts
                .iter()
                .map(|l| text::width(l, size, false) / 2.0)
                .collect();
            let every = if scale.is_band() {
                ((widest + 8.0) / spacing.max(1.0)).ceil().max(1.0) as usize
            } else {
                parity_every(&pos, &half, MIN_LABEL_GAP_EM * size)
            };
            Labels {
                mode: LabelMode::Flat,
                every,
                texts,
                extent: gap + lh,
                fits_flat: true,
                gap,
                align: HAlign::Center,
            }
        }
        Side::Left | Side::Right => Labels {
            mode: LabelMode::Flat,
            every: if scale.is_band() {
                ((lh / spacing.max(1.0)).ceil() as usize).max(1)
            } else {
                parity_every(&pos, &vec![lh / 2.0; pos.len()], MIN_LABEL_GAP_EM * size)
            },
            texts,
            extent: widest + gap,
            fits_flat: true,
            gap,
            align: HAlign::Center,
        },
    }
}

/// The least room between neighbouring tick labels of a continuous axis, in ems of the
/// label size (0.5 em: 6 px at our 12 px labels). Vega's `labelSeparation` is 0 at 10 px;
/// our larger labels keep a clear gap so that numbers never read as one.
pub const MIN_LABEL_GAP_EM: f32 = 0.5;

/// Vega's `labelOverlap: "parity"` for labels at positions `pos` (along the axis) that
/// reach `half[i]` px either side of their position: while two neighbouring shown labels
/// come closer than `gap`, every other one is dropped (the 1st, 3rd, … stay), again
/// until none overlap (Vega stops at three labels; we never let two overlap). Answers
/// the step of the labels kept (1, 2, 4, …).
pub fn parity_every(pos: &[f32], half: &[f32], gap: f32) -> usize {
    let mut every = 1;
    loop {
        let kept: Vec<usize> = (0..pos.len().min(half.len())).step_by(every).collect();
        let overlaps = kept
            .windows(2)
            .any(|w| (pos[w[1]] - pos[w[0]]).abs() < half[w[0]] + half[w[1]] + gap);
        if !overlaps {
            return every;
        }
        every *= 2;
    }
}

/// Labels rotated to read upwards, each whole on one line; every n-th only where the
/// bands are thinner than a line.
fn rotated(raw: Vec<String>, step: f32, lh: f32, size: f32, gap: f32) -> Labels {
    let texts: Vec<String> = raw.iter().map(|l| l.replace('\n', " ")).collect();
    let widest = texts
        .iter()
        .map(|l| text::width(l, size, false))
        .fold(0.0, f32::max);
    Labels {
        mode: LabelMode::Rotated,
        every: ((lh + 2.0) / step.max(1.0)).ceil().max(1.0) as usize,
        texts,
        extent: gap + widest,
        fits_flat: false,
        gap,
        align: HAlign::Center,
    }
}

/// Adds the labels of an axis on `side` of `plot` to the scene.
pub fn draw_labels(
    side: Side,
    labels: &Labels,
    placed: &Placed,
    plot: Rect,
    ctx: &Ctx,
    scene: &mut Scene,
) {
    let pos = positions(placed);
    let (xs, ys, texts): (Vec<f32>, Vec<f32>, Vec<String>) = pos
        .iter()
        .zip(&labels.texts)
        .step_by(labels.every.max(1))
        .filter(|(_, t)| !t.is_empty())
        .map(|(p, t)| match side {
            Side::Bottom => (*p, plot.y + plot.height + labels.gap, t.clone()),
            Side::Top => (*p, plot.y - labels.gap, t.clone()),
            Side::Left => (plot.x - labels.gap, *p, t.clone()),
            Side::Right => (plot.x + plot.width + labels.gap, *p, t.clone()),
        })
        .fold((vec![], vec![], vec![]), |mut acc, (x, y, t)| {
            acc.0.push(x);
            acc.1.push(y);
            acc.2.push(t);
            acc
        });
    // A flat label centred under a tick near the chart's edge (a long first date,
    // `Jan 01, 2012`) moves inwards rather than run off the picture.
    let xs: Vec<f32> = match (side.along_x(), labels.mode) {
        (true, LabelMode::Flat) if scene.width > 0.0 => xs
            .iter()
            .zip(&texts)
            .map(|(x, t)| {
                let w = t
                    .split('\n')
                    .map(|l| text::width(l, ctx.theme.label_size, false))
                    .fold(0.0, f32::max);
                // The room the label takes left and right of its anchor.
                let (before, after) = match labels.align {
                    HAlign::Left => (0.0, w),
                    HAlign::Right => (w, 0.0),
                    HAlign::Center => (w / 2.0, w / 2.0),
                };
                if w < scene.width {
                    x.clamp(before, scene.width - after)
                } else {
                    *x
                }
            })
            .collect(),
        _ => xs,
    };
    let (align, baseline, angle) = match (side, labels.mode) {
        (Side::Bottom, LabelMode::Flat) => (labels.align, VAlign::Top, 0),
        (Side::Bottom, LabelMode::Rotated) => (HAlign::Right, VAlign::Middle, 270),
        // Above the plot: flat labels stand on their anchor, turned ones start there.
        (Side::Top, LabelMode::Flat) => (labels.align, VAlign::Bottom, 0),
        (Side::Top, LabelMode::Rotated) => (HAlign::Left, VAlign::Middle, 270),
        (Side::Left, _) => (HAlign::Right, VAlign::Middle, 0),
        (Side::Right, _) => (HAlign::Left, VAlign::Middle, 0),
    };
    scene.groups.push(MarkGroup {
        role: Role::AxisLabel,
        shapes: Shapes::Texts {
            x: xs,
            y: ys,
            text: texts,
            style: TextStyle {
                size: ctx.theme.label_size,
                bold: false,
                color: ctx.theme.label_color,
                align,
                baseline,
                angle,
            },
        },
        items: Vec::new(),
    });
}

/// An axis title broken into lines no wider than `width`, joined by line feeds.
pub fn title_text(title: &str, width: f32, ctx: &Ctx) -> String {
    text::lines(title, ctx.theme.label_size, true, width).join("\n")
}

/// Height of an axis title set in `width` px, with `gap` px between it and what it
/// names (the axis's [`AxisSpacing::title_gap`]).
pub fn title_height(title: &str, width: f32, gap: f32, ctx: &Ctx) -> f32 {
    let n = text::lines(title, ctx.theme.label_size, true, width)
        .len()
        .max(1);
    n as f32 * text::line_height(ctx.theme.label_size) + gap
}

/// Adds the ticks of `scale`'s axis on `side` of `plot` (where its spec sets a
/// `tickSize`): one across the axis at each tick or category (only the categories of
/// explicit `values`), beyond the axis's `offset`.
pub fn draw_ticks(
    side: Side,
    scale: &PosScale,
    placed: &Placed,
    plot: Rect,
    ctx: &Ctx,
    scene: &mut Scene,
) {
    let spacing = &scale.spacing;
    let Some(length) = spacing.ticks() else {
        return;
    };
    // A band axis's explicit `values`: ticks at those categories only.
    let shown: Option<Vec<String>> = match (&scale.values, &scale.kind) {
        (Some(values), PosKind::Band { .. }) => Some(values.iter().map(axis_value_text).collect()),
        _ => None,
    };
    let domain = match &scale.kind {
        PosKind::Band { domain, .. } => domain.as_slice(),
        PosKind::Continuous { .. } => &[],
    };
    let mut ticks = crate::scene::Segments::default();
    for (i, p) in positions(placed).into_iter().enumerate() {
        if let (Some(shown), Some(category)) = (&shown, domain.get(i)) {
            if !shown.contains(category) {
                continue;
            }
        }
        match side {
            Side::Bottom => {
                let y = plot.y + plot.height + spacing.offset;
                ticks.push((p, y), (p, y + length));
            }
            Side::Top => {
                let y = plot.y - spacing.offset;
                ticks.push((p, y - length), (p, y));
            }
            Side::Left => {
                let x = plot.x - spacing.offset;
                ticks.push((x - length, p), (x, p));
            }
            Side::Right => {
                let x = plot.x + plot.width + spacing.offset;
                ticks.push((x, p), (x + length, p));
            }
        }
    }
    scene
        .groups
        .extend(ticks.into_group(Role::AxisLine, ctx.theme.axis_color, 1.0));
}

/// Adds an axis title, its top at `y`: a left y title starting at `x` (above the plot's
/// top-left corner), a right one ending at `x` (above its top-right corner), an x title
/// centred at `x` (below the bottom labels, or above the top ones).
pub fn draw_title(
    side: Side,
    title: &str,
    x: f32,
    y: f32,
    width: f32,
    ctx: &Ctx,
    scene: &mut Scene,
) {
    let theme = &ctx.theme;
    scene.groups.push(MarkGroup {
        role: Role::AxisTitle,
        shapes: Shapes::Texts {
            x: vec![x],
            y: vec![y],
            text: vec![title_text(title, width, ctx)],
            style: TextStyle {
                size: theme.label_size,
                bold: true,
                color: theme.subtitle_color,
                align: match side {
                    Side::Left => HAlign::Left,
                    Side::Right => HAlign::Right,
                    Side::Bottom | Side::Top => HAlign::Center,
                },
                baseline: VAlign::Top,
                angle: 0,
            },
        },
        items: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parity_keeps_every_label_that_fits() {
        // Labels 20 px wide every 40 px: none overlap.
        assert_eq!(parity_every(&[0.0, 40.0, 80.0, 120.0], &[10.0; 4], 6.0), 1);
    }

    #[test]
    fn parity_drops_every_other_label_until_none_overlap() {
        // 30 px wide every 30 px: every other (60 px apart) fits with a 6 px gap.
        let pos: Vec<f32> = (0..9).map(|i| i as f32 * 30.0).collect();
        assert_eq!(parity_every(&pos, &[15.0; 9], 6.0), 2);
        // 70 px wide every 30 px: 60 px apart still overlaps, 120 px does not.
        assert_eq!(parity_every(&pos, &[35.0; 9], 6.0), 4);
        // The gap counts: 24 px wide every 30 px touches at a 6 px gap, not at 0.
        assert_eq!(parity_every(&pos, &[12.0; 9], 6.0), 1);
        assert_eq!(parity_every(&pos, &[12.5; 9], 6.0), 2);
        // Two labels that overlap: the first alone is kept.
        assert_eq!(parity_every(&[0.0, 10.0], &[20.0; 2], 6.0), 2);
    }

    #[test]
    fn parity_reads_each_labels_own_width() {
        // A long label between short ones: its neighbours overlap it only.
        let pos = [0.0, 40.0, 80.0];
        assert_eq!(parity_every(&pos, &[5.0, 30.0, 5.0], 6.0), 2);
        assert_eq!(parity_every(&pos, &[5.0, 10.0, 5.0], 6.0), 1);
    }
}
