//! An area's `line` overlay (`mark.line`): its top edge drawn as a line in the series'
//! colour (or the overlay's own), solid, over the area, as Vega-Lite draws it. The line is
//! chrome of the area: its points already carry the data, so it carries no items.

use crate::color::Color;
use crate::encode::Encoded;
use crate::scene::{MarkGroup, Paint, Rect, Role, Shapes};

/// Vega-Lite's width of a line mark, px.
const LINE_WIDTH: f32 = 2.0;

/// The group of lines along the areas' tops (`tops`: each area's top edge and colour),
/// cut to `window`'s x range when the plot is zoomed; none without tops.
pub(super) fn area_tops(
    tops: Vec<(Vec<(f32, f32)>, Color)>,
    window: Option<Rect>,
    u: &Encoded,
) -> Option<MarkGroup> {
    if tops.is_empty() {
        return None;
    }
    let (mut paths, mut colors) = (Vec::new(), Vec::new());
    for (pts, color) in tops {
        // The line is solid where the area beneath is see-through.
        let color = Color { a: 1.0, ..color };
        match window {
            Some(plot) => {
                for piece in crate::scene::clip::polyline_x(&pts, (plot.x, plot.x + plot.width)) {
                    paths.push(piece);
                    colors.push(color);
                }
            }
            None => {
                paths.push(pts);
                colors.push(color);
            }
        }
    }
    Some(MarkGroup {
        role: Role::DataShape,
        shapes: Shapes::Paths {
            paths,
            stroke: Paint::Each(colors),
            stroke_width: u.mark.stroke_width.unwrap_or(LINE_WIDTH),
            widths: Vec::new(),
            dashes: Vec::new(),
        },
        items: Vec::new(),
    })
}
