//! Value labels on bars (`usermeta.stdviz.labels`): each bar's figure inside its end or
//! just beyond it, written as the chart writes numbers (`crate::format::Numbers`).

use crate::color::Color;
use crate::scene::{HAlign, MarkGroup, Role, Shapes, TextStyle, VAlign};
use crate::spec::ValueLabels;
use crate::text;
use crate::theme::Theme;

/// Gap between a label and its bar's end, in CSS px.
pub const GAP: f32 = 3.0;

/// One drawn bar and the label it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct BarLabel {
    /// The bar's left edge.
    pub x0: f32,
    /// The bar's top edge.
    pub y0: f32,
    /// The bar's right edge.
    pub x1: f32,
    /// The bar's bottom edge.
    pub y1: f32,
    /// Whether the value is below zero (the bar grows left or down).
    pub negative: bool,
    /// The label text.
    pub text: String,
    /// The bar's fill (inside labels take a colour that reads on it).
    pub fill: Color,
    /// A segment of a stack: only inside, where it cannot cover the next segment.
    pub stacked: bool,
}

/// One placed label: anchor, text and style.
struct Placed {
    x: f32,
    y: f32,
    text: String,
    style: TextStyle,
}

/// The text colour that reads on `fill`: white or near-black, whichever contrasts more.
fn on(fill: Color) -> Color {
    let white = Color::hex(0xffffff);
    let dark = Color::hex(0x1f2328);
    if fill.contrast(&white) >= fill.contrast(&dark) {
        white
    } else {
        dark
    }
}

/// The labels of `bars` as text groups (one per anchor and colour), role
/// [`Role::DataLabel`]. `horizontal`: bars grow along x.
pub fn groups(
    bars: &[BarLabel],
    horizontal: bool,
    how: ValueLabels,
    theme: &Theme,
) -> Vec<MarkGroup> {
    let size = theme.label_size;
    let lh = text::line_height(size);
    let mut placed: Vec<Placed> = Vec::new();
    for b in bars {
        let w = text::width(&b.text, size, false);
        let (len, thick) = if horizontal {
            (b.x1 - b.x0, b.y1 - b.y0)
        } else {
            (b.y1 - b.y0, b.x1 - b.x0)
        };
        // Inside needs the text's length plus a gap each side within the outer half of
        // the bar (the middle stays the bar's colour, where a reader's eye and a focus
        // ring find it), and the text's other dimension across it.
        let (along, across) = if horizontal { (w, lh) } else { (lh, w) };
        let fits = along + 2.0 * GAP <= len / 2.0 && across <= thick;
        let inside = match how {
            ValueLabels::Outside => b.stacked && fits,
            ValueLabels::Inside | ValueLabels::Auto => fits,
        };
        if b.stacked && !inside {
            // A label beyond a stacked segment would sit on the next one.
            continue;
        }
        let color = if inside {
            on(b.fill)
        } else {
            theme.label_color
        };
        let style = |align, baseline| TextStyle {
            size,
            bold: false,
            color,
            align,
            baseline,
            angle: 0,
        };
        let cy = (b.y0 + b.y1) / 2.0;
        let cx = (b.x0 + b.x1) / 2.0;
        let p = match (horizontal, b.negative, inside) {
            (true, false, true) => (b.x1 - GAP, cy, style(HAlign::Right, VAlign::Middle)),
            (true, false, false) => (b.x1 + GAP, cy, style(HAlign::Left, VAlign::Middle)),
            (true, true, true) => (b.x0 + GAP, cy, style(HAlign::Left, VAlign::Middle)),
            (true, true, false) => (b.x0 - GAP, cy, style(HAlign::Right, VAlign::Middle)),
            (false, false, true) => (cx, b.y0 + GAP, style(HAlign::Center, VAlign::Top)),
            (false, false, false) => (cx, b.y0 - GAP, style(HAlign::Center, VAlign::Bottom)),
            (false, true, true) => (cx, b.y1 - GAP, style(HAlign::Center, VAlign::Bottom)),
            (false, true, false) => (cx, b.y1 + GAP, style(HAlign::Center, VAlign::Top)),
        };
        placed.push(Placed {
            x: p.0,
            y: p.1,
            text: b.text.clone(),
            style: p.2,
        });
    }
    // One text group per style, in the order the styles first appear.
    let mut out: Vec<MarkGroup> = Vec::new();
    for p in placed {
        let group = out
            .iter_mut()
            .find(|g| matches!(&g.shapes, Shapes::Texts { style, .. } if *style == p.style));
        match group {
            Some(MarkGroup {
                shapes: Shapes::Texts { x, y, text, .. },
                ..
            }) => {
                x.push(p.x);
                y.push(p.y);
                text.push(p.text);
            }
            _ => out.push(MarkGroup {
                role: Role::DataLabel,
                shapes: Shapes::Texts {
                    x: vec![p.x],
                    y: vec![p.y],
                    text: vec![p.text],
                    style: p.style,
                },
                items: Vec::new(),
            }),
        }
    }
    out
}

/// Room a chart needs beyond its plot for labels outside the longest bar: a line
/// above columns, or the widest label's width right of horizontal bars.
pub fn room(texts: &[String], horizontal: bool, theme: &Theme) -> f32 {
    if texts.is_empty() {
        return 0.0;
    }
    if horizontal {
        texts
            .iter()
            .map(|t| text::width(t, theme.label_size, false))
            .fold(0.0, f32::max)
            + GAP
    } else {
        text::line_height(theme.label_size) + GAP
    }
}

/// Room beyond the plot's right edge for left-aligned text marks placed along a
/// continuous x (a figure after each horizontal bar, `align: "left"`), px: the widest
/// text past the largest x plus its `dx`, or 0. A nice domain usually leaves that room
/// inside the plot; a domain that ends just past the largest bar does not.
pub fn text_marks_right(
    units: &[crate::encode::Encoded],
    x: Option<&super::scales::PosScale>,
    ctx: &super::context::Ctx,
) -> f32 {
    use crate::encode::Bound;
    use crate::spec::{Channel, MarkKind, TextAlign};
    if x.is_none_or(|x| x.is_band()) {
        return 0.0;
    }
    units
        .iter()
        .filter(|u| u.mark.kind == MarkKind::Text && u.mark.align == Some(TextAlign::Left))
        .filter_map(|u| match u.get(Channel::Text) {
            Some(Bound::Column { column, def }) => Some((u, column, def)),
            _ => None,
        })
        .flat_map(|(u, column, def)| {
            let size = u.mark.size.unwrap_or(ctx.theme.label_size);
            (0..u.rows()).map(move |r| {
                let content =
                    ctx.format_value(&u.table.value(column, r), def, crate::format::Place::Label);
                text::width(&content, size, false) + u.mark.dx.max(0.0)
            })
        })
        .fold(0.0, f32::max)
}
