//! The frame every chart shares: title and subtitle above, source and note below.

use crate::scene::{HAlign, MarkGroup, Rect, Role, Scene, Shapes, TextStyle, VAlign};
use crate::spec::{Anchor, ChartSpec};
use crate::text;
use crate::theme::Theme;

/// Width kept free at the right of the title block for the embed's menu button (28 px
/// wide, 4 px from the chart's edge, inside 12 px of padding), px.
pub const MENU_CORNER: f32 = 24.0;

/// One line of frame text, placed.
struct Line {
    text: String,
    y: f32,
    role: Role,
    size: f32,
    bold: bool,
    color: crate::color::Color,
}

/// The title's and subtitle's font sizes: the title's own, else the theme's (with
/// `config.title`).
fn sizes(title: &crate::spec::Title, theme: &Theme) -> (f32, f32) {
    (
        title.font_size.unwrap_or(theme.title_size),
        title.subtitle_font_size.unwrap_or(theme.subtitle_size),
    )
}

/// The title block, body and footer of one chart.
pub struct Frame {
    width: f32,
    padding: f32,
    anchor: Anchor,
    top: Vec<Line>,
    bottom: Vec<(String, f32, crate::color::Color)>,
    footer_size: f32,
    header_height: f32,
    body: Rect,
}

impl Frame {
    /// The chart width (padding and the menu corner included) at which the title and
    /// subtitle each fit on one line; 0 without a title or with a `title.limit`.
    pub fn title_width(spec: &ChartSpec, theme: &Theme) -> f32 {
        let Some(title) = spec.title.as_ref().filter(|t| t.limit.is_none()) else {
            return 0.0;
        };
        let corners = if title.anchor == Anchor::Middle {
            2.0
        } else {
            1.0
        };
        let (size, sub_size) = sizes(title, theme);
        let widest = text::width(&title.text, size, true).max(
            title
                .subtitle
                .as_deref()
                .map_or(0.0, |s| text::width(s, sub_size, false)),
        );
        widest + corners * MENU_CORNER + 2.0 * theme.padding
    }

    /// Measures the title and footer lines of `spec` for a chart `width` px wide.
    pub fn new(spec: &ChartSpec, theme: &Theme, width: f32) -> Frame {
        let pad = theme.padding;
        let inner = width - 2.0 * pad;
        let mut top = Vec::new();
        let mut y = pad;
        let anchor = spec.title.as_ref().map_or(Anchor::Start, |t| t.anchor);
        if let Some(title) = &spec.title {
            // Titles wrap onto as many lines as they need; only a spec's `title.limit`
            // cuts them (Vega-Lite's meaning: a width in px, ellipsised).
            // The top-right corner stays free for the page's chart menu (stdviz.js puts a
            // 28 px button there), on every backend, so the pre-rendered picture and the
            // live canvas agree.
            let corners = if anchor == Anchor::Middle { 2.0 } else { 1.0 };
            let room = (inner - corners * MENU_CORNER).max(inner / 2.0);
            let title_lines = |t: &str, size: f32, bold: bool| match title.limit {
                Some(limit) => text::wrap(t, size, bold, room.min(limit), 1),
                None => text::lines(t, size, bold, room),
            };
            let (size, sub_size) = sizes(title, theme);
            for l in title_lines(&title.text, size, true) {
                top.push(Line {
                    text: l,
                    y,
                    role: Role::Title,
                    size,
                    bold: true,
                    color: title.color.unwrap_or(theme.title_color),
                });
                y += text::line_height(size);
            }
            if let Some(sub) = &title.subtitle {
                y += 2.0;
                for l in title_lines(sub, sub_size, false) {
                    top.push(Line {
                        text: l,
                        y,
                        role: Role::Subtitle,
                        size: sub_size,
                        bold: false,
                        color: title.subtitle_color.unwrap_or(theme.subtitle_color),
                    });
                    y += text::line_height(sub_size);
                }
            }
            y += 10.0;
        }
        let mut bottom = Vec::new();
        for (line, color) in [
            (&spec.meta.source, theme.footer_color),
            (&spec.meta.note, theme.footer_color),
        ] {
            if let Some(t) = line {
                for l in text::lines_filled(t, theme.footer_size, false, inner, text::Fill::Greedy)
                {
                    bottom.push((l, 0.0, color));
                }
            }
        }
        Frame {
            width,
            padding: pad,
            anchor,
            top,
            bottom,
            footer_size: theme.footer_size,
            header_height: y,
            body: Rect::default(),
        }
    }

    /// Places the body below the header. With `fill`, the body takes what is left of
    /// `viewport_height` after header and footer (at least `min`); otherwise it is
    /// `height` px tall.
    pub fn body(
        &mut self,
        height: f32,
        fill: bool,
        viewport_height: Option<f32>,
        min: f32,
    ) -> Rect {
        let footer = self.footer_height();
        let h = match (fill, viewport_height) {
            (true, Some(total)) => (total - self.header_height - footer).max(min),
            _ => height,
        };
        self.body = Rect {
            x: self.padding,
            y: self.header_height,
            width: self.width - 2.0 * self.padding,
            height: h,
        };
        self.body
    }

    fn footer_height(&self) -> f32 {
        if self.bottom.is_empty() {
            self.padding
        } else {
            8.0 + self.bottom.len() as f32 * text::line_height(self.footer_size) + self.padding
        }
    }

    /// Total chart height: header, body, footer.
    pub fn total_height(&self) -> f32 {
        (self.body.y + self.body.height + self.footer_height()).ceil()
    }

    /// Moves the title and subtitle drawn by [`Frame::draw`] over `plot` (`title.frame:
    /// "group"`): a start-anchored title starts at the plot's left edge, a centred one is
    /// centred over it, an end-anchored one ends at its right edge; kept inside the
    /// chart's padding (and the menu corner) when a line is wider than that allows.
    pub fn to_group(&self, scene: &mut Scene, plot: Rect) {
        let (lo, hi) = (self.padding, self.width - self.padding - MENU_CORNER);
        for g in &mut scene.groups {
            let Shapes::Texts { x, text, style, .. } = &mut g.shapes else {
                continue;
            };
            if !matches!(g.role, Role::Title | Role::Subtitle) {
                continue;
            }
            for (x, t) in x.iter_mut().zip(text.iter()) {
                let w = text::width(t, style.size, style.bold);
                let (want, left) = match style.align {
                    HAlign::Left => (plot.x, plot.x),
                    HAlign::Center => (plot.x + plot.width / 2.0, plot.x + (plot.width - w) / 2.0),
                    HAlign::Right => (plot.x + plot.width, plot.x + plot.width - w),
                };
                // How far the line may move before it leaves [lo, hi].
                let shift = (left.min(hi - w).max(lo) - left) + want - *x;
                *x += shift;
            }
        }
    }

    /// Adds the title, subtitle and footer text to the scene.
    pub fn draw(&self, scene: &mut Scene) {
        let (x, align) = match self.anchor {
            Anchor::Start => (self.padding, HAlign::Left),
            Anchor::Middle => (self.width / 2.0, HAlign::Center),
            Anchor::End => (self.width - self.padding - MENU_CORNER, HAlign::Right),
        };
        for line in &self.top {
            scene.groups.push(MarkGroup {
                role: line.role,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![line.y],
                    text: vec![line.text.clone()],
                    style: TextStyle {
                        size: line.size,
                        bold: line.bold,
                        color: line.color,
                        align,
                        baseline: VAlign::Top,
                        angle: 0,
                    },
                },
                items: Vec::new(),
            });
        }
        if self.bottom.is_empty() {
            return;
        }
        let lh = text::line_height(self.footer_size);
        let mut y = self.body.y + self.body.height + 8.0;
        let mut ys = Vec::new();
        for _ in &self.bottom {
            ys.push(y);
            y += lh;
        }
        scene.groups.push(MarkGroup {
            role: Role::Footer,
            shapes: Shapes::Texts {
                x: vec![self.padding; self.bottom.len()],
                y: ys,
                text: self.bottom.iter().map(|(t, _, _)| t.clone()).collect(),
                style: TextStyle {
                    size: self.footer_size,
                    bold: false,
                    color: self.bottom[0].2,
                    align: HAlign::Left,
                    baseline: VAlign::Top,
                    angle: 0,
                },
            },
            items: Vec::new(),
        });
    }
}
