//! Colour legends: a swatch and a label per series, in a column beside the chart or in
//! wrapped rows below it (narrow screens).

use crate::color::Color;
use crate::scene::{
    HAlign, LegendEntry, MarkGroup, Paint, Rect, Role, Scene, Shapes, Symbol, TextStyle, VAlign,
};
use crate::text;
use crate::theme::Theme;

use super::legend_gradient::GradientLegend;

const SWATCH: f32 = 11.0;
const GAP: f32 = 6.0;
const ENTRY_GAP: f32 = 14.0;

/// A legend to place.
pub struct Legend {
    /// Title, if shown.
    pub title: Option<String>,
    /// Entry labels in order.
    pub labels: Vec<String>,
    /// Entry colours in order.
    pub colors: Vec<Color>,
    /// The colour-field value of each entry (what the reader toggles).
    pub keys: Vec<String>,
    /// Whether each entry's series is hidden by the reader.
    pub hidden: Vec<bool>,
    /// Whether each entry is selected by a legend-bound selection (`None`: the legend
    /// hides series; `Some(false)` entries are drawn faded, as Vega dims them).
    pub selected: Vec<Option<bool>>,
    /// A continuous colour scale's gradient legend (then there are no entries).
    pub gradient: Option<GradientLegend>,
    /// Each entry's point symbol (a `shape` legend); empty: colour swatches.
    pub symbols: Vec<Symbol>,
    /// Each entry's dash pattern (a `strokeDash` legend, empty: solid); an empty list:
    /// colour swatches.
    pub dashes: Vec<Vec<f32>>,
    /// Whether the symbols are outlines (hollow points), not filled.
    pub hollow: bool,
}

/// Swatch and label colour of a series the reader hid.
const HIDDEN: Color = Color::rgb(190, 190, 190);

impl Legend {
    /// The legend of a colour scale (none when the spec hides it), with its values as
    /// shown (vocabulary terms in the chart's language).
    pub fn of(scale: &super::scales::ColorScale, ctx: &super::context::Ctx) -> Option<Legend> {
        if !scale.legend {
            return None;
        }
        if let Some(ramp) = &scale.ramp {
            return Some(Legend {
                title: scale.legend_title.clone().flatten(),
                labels: Vec::new(),
                colors: Vec::new(),
                keys: Vec::new(),
                hidden: Vec::new(),
                selected: Vec::new(),
                gradient: Some(GradientLegend::of(ramp, scale.legend_format.as_deref())),
                symbols: Vec::new(),
                dashes: Vec::new(),
                hollow: false,
            });
        }
        // A discretizing scale's entries name steps, not series: drawn as a key, without
        // entries to hide (its steps are cut from all the rows; hiding would move them).
        if scale.steps.is_some() {
            return Some(Legend {
                gradient: None,
                title: scale.legend_title.clone().flatten(),
                labels: scale.domain.clone(),
                colors: scale.colors.clone(),
                keys: Vec::new(),
                hidden: Vec::new(),
                selected: Vec::new(),
                symbols: Vec::new(),
                dashes: Vec::new(),
                hollow: false,
            });
        }
        scale.legend.then(|| Legend {
            gradient: None,
            symbols: Vec::new(),
            dashes: Vec::new(),
            hollow: false,
            title: scale.legend_title.clone().flatten(),
            labels: scale.domain.iter().map(|d| ctx.label(d)).collect(),
            colors: scale.colors.clone(),
            keys: scale.domain.clone(),
            hidden: scale
                .domain
                .iter()
                .map(|d| ctx.view.hidden.contains(d))
                .collect(),
            selected: scale
                .domain
                .iter()
                .map(|d| ctx.legend_selected(d, &scale.domain))
                .collect(),
        })
    }

    fn row_height(theme: &Theme) -> f32 {
        text::line_height(theme.label_size).max(SWATCH) + 4.0
    }

    /// Each entry's label broken into lines no wider than `room` px (legend labels wrap,
    /// never cut), lines joined by line feeds.
    fn wrapped(&self, theme: &Theme, room: f32) -> Vec<String> {
        self.labels
            .iter()
            .map(|l| text::lines(l, theme.label_size, false, room.max(theme.label_size)).join("\n"))
            .collect()
    }

    /// The title broken into lines no wider than `room` px.
    fn title_text(&self, theme: &Theme, room: f32) -> Option<String> {
        self.title
            .as_ref()
            .map(|t| text::lines(t, theme.label_size, true, room.max(theme.label_size)).join("\n"))
    }

    /// Height of an entry (or title) of `text`: a row per line.
    fn entry_height(theme: &Theme, text: &str) -> f32 {
        let lines = text.split('\n').count().max(1) as f32;
        Self::row_height(theme) + (lines - 1.0) * text::line_height(theme.label_size)
    }

    /// Width of the widest entry (swatch, gap, label) with labels wrapped to fit `max`.
    pub fn column_width(&self, theme: &Theme, max: f32) -> f32 {
        if let Some(g) = &self.gradient {
            return g.column_width(theme, self.title.as_deref(), max);
        }
        let room = max - SWATCH - GAP;
        let lines = self.wrapped(theme, room);
        let label_w = lines
            .iter()
            .flat_map(|l| l.split('\n'))
            .map(|l| text::width(l, theme.label_size, false))
            .chain(
                self.title_text(theme, max)
                    .iter()
                    .flat_map(|t| {
                        t.split('\n')
                            .map(|l| text::width(l, theme.label_size, true))
                    })
                    .collect::<Vec<_>>(),
            )
            .fold(0.0, f32::max);
        (SWATCH + GAP + label_w).min(max)
    }

    /// Positions of each entry in the column form `width` px wide, relative to the
    /// legend's top left, with the labels as set and the total height.
    fn column(&self, theme: &Theme, width: f32) -> (Vec<(f32, f32)>, Vec<String>, f32) {
        let labels = self.wrapped(theme, width - SWATCH - GAP);
        let mut y = self
            .title_text(theme, width)
            .map_or(0.0, |t| Self::entry_height(theme, &t));
        let mut pos = Vec::new();
        for l in &labels {
            pos.push((0.0, y));
            y += Self::entry_height(theme, l);
        }
        (pos, labels, y)
    }

    /// Height of the column form `width` px wide.
    pub fn column_height(&self, theme: &Theme, width: f32) -> f32 {
        if let Some(g) = &self.gradient {
            return g.column_height(theme, self.title.as_deref());
        }
        self.column(theme, width).2
    }

    /// Positions of each entry in the row form, wrapping at `width`, with the labels as
    /// set and the total height. A row is as tall as its tallest entry.
    fn flow(&self, theme: &Theme, width: f32) -> (Vec<(f32, f32)>, Vec<String>, f32) {
        let labels = self.wrapped(theme, width - SWATCH - GAP);
        let mut y = self
            .title_text(theme, width)
            .map_or(0.0, |t| Self::entry_height(theme, &t));
        let mut x = 0.0;
        let mut row = 0.0f32;
        let mut pos = Vec::new();
        for label in &labels {
            let label_w = label
                .split('\n')
                .map(|l| text::width(l, theme.label_size, false))
                .fold(0.0, f32::max);
            let w = (SWATCH + GAP + label_w).min(width);
            if x > 0.0 && x + w > width {
                x = 0.0;
                y += row;
                row = 0.0;
            }
            pos.push((x, y));
            row = row.max(Self::entry_height(theme, label));
            x += w + ENTRY_GAP;
        }
        (pos, labels, y + row)
    }

    /// Height of the row form at `width`.
    pub fn flow_height(&self, theme: &Theme, width: f32) -> f32 {
        if let Some(g) = &self.gradient {
            return g.flow_height(theme, self.title.as_deref());
        }
        self.flow(theme, width).2
    }

    /// Adds the legend as a column at (`x`, `y`), `width` wide.
    pub fn draw_column(&self, theme: &Theme, x: f32, y: f32, width: f32, scene: &mut Scene) {
        if let Some(g) = &self.gradient {
            return g.draw_column(theme, self.title.as_deref(), x, y, scene);
        }
        let (pos, labels, _) = self.column(theme, width);
        self.emit(theme, x, y, width, &pos, &labels, scene);
    }

    /// Adds the legend as wrapped rows at (`x`, `y`), `width` wide.
    pub fn draw_flow(&self, theme: &Theme, x: f32, y: f32, width: f32, scene: &mut Scene) {
        if let Some(g) = &self.gradient {
            return g.draw_flow(theme, self.title.as_deref(), x, y, width, scene);
        }
        let (pos, labels, _) = self.flow(theme, width);
        self.emit(theme, x, y, width, &pos, &labels, scene);
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        theme: &Theme,
        x: f32,
        y: f32,
        width: f32,
        pos: &[(f32, f32)],
        labels: &[String],
        scene: &mut Scene,
    ) {
        let rh = Self::row_height(theme);
        let lh = text::line_height(theme.label_size);
        // A block of lines is anchored by its middle: the first line sits where a
        // one-line entry would, beside the swatch.
        let middle = |text: &str| rh / 2.0 + (text.split('\n').count() as f32 - 1.0) * lh / 2.0;
        if let Some(title) = self.title_text(theme, width) {
            scene.groups.push(MarkGroup {
                role: Role::LegendTitle,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![y + middle(&title)],
                    text: vec![title],
                    style: TextStyle {
                        size: theme.label_size,
                        bold: true,
                        color: theme.title_color,
                        align: HAlign::Left,
                        baseline: VAlign::Middle,
                        angle: 0,
                    },
                },
                items: Vec::new(),
            });
        }
        let n = pos.len();
        let selected = |i: usize| self.selected.get(i).copied().flatten();
        // Hidden series and entries a legend selection leaves out are drawn faded.
        let is_hidden =
            |i: usize| self.hidden.get(i).copied().unwrap_or(false) || selected(i) == Some(false);
        let color = |i: usize| match is_hidden(i) {
            true => HIDDEN,
            false => self.colors.get(i).copied().unwrap_or(HIDDEN),
        };
        let centres: Vec<(f32, f32)> = pos.iter().map(|p| (x + p.0, y + p.1 + rh / 2.0)).collect();
        let colors: Vec<Color> = (0..n).map(color).collect();
        let marked = super::channels::legend_marks(self, &centres, &colors, SWATCH);
        if marked.is_empty() {
            self.swatches(x, y, rh, pos, &color, scene);
        }
        scene.groups.extend(marked);
        self.labels_and_entries(theme, x, y, pos, labels, scene);
    }

    /// The colour swatches of entries at `pos`.
    fn swatches(
        &self,
        x: f32,
        y: f32,
        rh: f32,
        pos: &[(f32, f32)],
        color: &dyn Fn(usize) -> Color,
        scene: &mut Scene,
    ) {
        let n = pos.len();
        scene.groups.push(MarkGroup {
            role: Role::LegendSymbol,
            shapes: Shapes::Rects {
                x: pos.iter().map(|p| x + p.0).collect(),
                y: pos.iter().map(|p| y + p.1 + (rh - SWATCH) / 2.0).collect(),
                width: vec![SWATCH; n],
                height: vec![SWATCH; n],
                fill: Paint::Each((0..n).map(color).collect()),
                corner_radius: 2.0,
                corners: Vec::new(),
                outline: None,
            },
            items: Vec::new(),
        });
    }

    /// The entries' labels, and the entries the reader may toggle.
    fn labels_and_entries(
        &self,
        theme: &Theme,
        x: f32,
        y: f32,
        pos: &[(f32, f32)],
        labels: &[String],
        scene: &mut Scene,
    ) {
        let n = pos.len();
        let rh = Self::row_height(theme);
        let lh = text::line_height(theme.label_size);
        let middle = |text: &str| rh / 2.0 + (text.split('\n').count() as f32 - 1.0) * lh / 2.0;
        let selected = |i: usize| self.selected.get(i).copied().flatten();
        let is_hidden =
            |i: usize| self.hidden.get(i).copied().unwrap_or(false) || selected(i) == Some(false);
        // Labels of hidden series in a lighter batch of their own.
        for hidden in [false, true] {
            let shown: Vec<usize> = (0..n).filter(|&i| is_hidden(i) == hidden).collect();
            if shown.is_empty() {
                continue;
            }
            scene.groups.push(MarkGroup {
                role: Role::LegendLabel,
                shapes: Shapes::Texts {
                    x: shown.iter().map(|&i| x + pos[i].0 + SWATCH + GAP).collect(),
                    y: shown
                        .iter()
                        .map(|&i| y + pos[i].1 + middle(&labels[i]))
                        .collect(),
                    text: shown.iter().map(|&i| labels[i].clone()).collect(),
                    style: TextStyle {
                        size: theme.label_size,
                        bold: false,
                        color: if hidden { HIDDEN } else { theme.label_color },
                        align: HAlign::Left,
                        baseline: VAlign::Middle,
                        angle: 0,
                    },
                },
                items: Vec::new(),
            });
        }
        for (i, p) in pos.iter().enumerate().filter(|(i, _)| *i < self.keys.len()) {
            let label_w = labels[i]
                .split('\n')
                .map(|l| text::width(l, theme.label_size, false))
                .fold(0.0, f32::max);
            scene.legend.push(LegendEntry {
                series: self.keys[i].clone(),
                label: self.labels[i].clone(),
                rect: Rect {
                    x: x + p.0,
                    y: y + p.1,
                    width: SWATCH + GAP + label_w,
                    height: Self::entry_height(theme, &labels[i]),
                },
                hidden: self.hidden.get(i).copied().unwrap_or(false),
                selected: selected(i),
            });
        }
    }
}
