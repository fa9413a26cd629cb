//! Colour legends: a swatch and a label per series, in a column beside the chart or in
//! wrapped rows below it (narrow screens).

use crate::color::Color;
use crate::scene::{
    HAlign, LegendEntry, MarkGroup, Paint, Rect, Role, Scene, Shapes, TextStyle, VAlign,
};
use crate::text;
use crate::theme::Theme;

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
}

/// Swatch and label colour of a series the reader hid.
const HIDDEN: Color = Color::rgb(190, 190, 190);

impl Legend {
    /// The legend of a colour scale (none when the spec hides it), with its values as
    /// shown (vocabulary terms in the chart's language).
    pub fn of(scale: &super::scales::ColorScale, ctx: &super::context::Ctx) -> Option<Legend> {
        scale.legend.then(|| Legend {
            title: scale.legend_title.clone().flatten(),
            labels: scale.domain.iter().map(|d| ctx.label(d)).collect(),
            colors: scale.colors.clone(),
            keys: scale.domain.clone(),
            hidden: scale
                .domain
                .iter()
                .map(|d| ctx.view.hidden.contains(d))
                .collect(),
        })
    }

    fn row_height(theme: &Theme) -> f32 {
        text::line_height(theme.label_size).max(SWATCH) + 4.0
    }

    /// Width of the widest entry (swatch, gap, label), capped at `max`.
    pub fn column_width(&self, theme: &Theme, max: f32) -> f32 {
        let label_w = self
            .labels
            .iter()
            .map(|l| text::width(l, theme.label_size, false))
            .chain(
                self.title
                    .iter()
                    .map(|t| text::width(t, theme.label_size, true)),
            )
            .fold(0.0, f32::max);
        (SWATCH + GAP + label_w).min(max)
    }

    /// Height of the column form.
    pub fn column_height(&self, theme: &Theme) -> f32 {
        let title = if self.title.is_some() {
            Self::row_height(theme)
        } else {
            0.0
        };
        title + self.labels.len() as f32 * Self::row_height(theme)
    }

    /// Positions of each entry in the row form, wrapping at `width`; returns the
    /// positions (relative to the legend's top left) and the total height.
    fn flow(&self, theme: &Theme, width: f32) -> (Vec<(f32, f32)>, f32) {
        let rh = Self::row_height(theme);
        let mut y = if self.title.is_some() { rh } else { 0.0 };
        let mut x = 0.0;
        let mut pos = Vec::new();
        for label in &self.labels {
            let w = (SWATCH + GAP + text::width(label, theme.label_size, false)).min(width);
            if x > 0.0 && x + w > width {
                x = 0.0;
                y += rh;
            }
            pos.push((x, y));
            x += w + ENTRY_GAP;
        }
        (pos, if self.labels.is_empty() { y } else { y + rh })
    }

    /// Height of the row form at `width`.
    pub fn flow_height(&self, theme: &Theme, width: f32) -> f32 {
        self.flow(theme, width).1
    }

    /// Adds the legend as a column at (`x`, `y`), `width` wide.
    pub fn draw_column(&self, theme: &Theme, x: f32, y: f32, width: f32, scene: &mut Scene) {
        let rh = Self::row_height(theme);
        let start = if self.title.is_some() { rh } else { 0.0 };
        let pos: Vec<(f32, f32)> = (0..self.labels.len())
            .map(|i| (0.0, start + i as f32 * rh))
            .collect();
        self.emit(theme, x, y, width, &pos, scene);
    }

    /// Adds the legend as wrapped rows at (`x`, `y`), `width` wide.
    pub fn draw_flow(&self, theme: &Theme, x: f32, y: f32, width: f32, scene: &mut Scene) {
        let (pos, _) = self.flow(theme, width);
        self.emit(theme, x, y, width, &pos, scene);
    }

    fn emit(
        &self,
        theme: &Theme,
        x: f32,
        y: f32,
        width: f32,
        pos: &[(f32, f32)],
        scene: &mut Scene,
    ) {
        let rh = Self::row_height(theme);
        if let Some(title) = &self.title {
            scene.groups.push(MarkGroup {
                role: Role::LegendTitle,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![y + rh / 2.0],
                    text: vec![text::fit(title, theme.label_size, true, width)],
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
        let is_hidden = |i: usize| self.hidden.get(i).copied().unwrap_or(false);
        scene.groups.push(MarkGroup {
            role: Role::LegendSymbol,
            shapes: Shapes::Rects {
                x: pos.iter().map(|p| x + p.0).collect(),
                y: pos.iter().map(|p| y + p.1 + (rh - SWATCH) / 2.0).collect(),
                width: vec![SWATCH; n],
                height: vec![SWATCH; n],
                fill: Paint::Each(
                    (0..n)
                        .map(|i| match is_hidden(i) {
                            true => HIDDEN,
                            false => self.colors.get(i).copied().unwrap_or(HIDDEN),
                        })
                        .collect(),
                ),
                corner_radius: 2.0,
            },
            items: Vec::new(),
        });
        let label_room = (width - SWATCH - GAP).max(0.0);
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
                    y: shown.iter().map(|&i| y + pos[i].1 + rh / 2.0).collect(),
                    text: shown
                        .iter()
                        .map(|&i| text::fit(&self.labels[i], theme.label_size, false, label_room))
                        .collect(),
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
            let label_w = text::width(
                &text::fit(&self.labels[i], theme.label_size, false, label_room),
                theme.label_size,
                false,
            );
            scene.legend.push(LegendEntry {
                series: self.keys[i].clone(),
                label: self.labels[i].clone(),
                rect: Rect {
                    x: x + p.0,
                    y: y + p.1,
                    width: SWATCH + GAP + label_w,
                    height: rh,
                },
                hidden: is_hidden(i),
            });
        }
    }
}
