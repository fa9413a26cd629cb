//! Where the legend of a chart without axes (a pie, a map) goes: a column beside the
//! drawing from [`LEGEND_BESIDE_MIN`] px on, else wrapped rows below it. One rule for
//! both, so that a pie and a map at the same width place their legends alike.

use super::legend::Legend;
use super::LEGEND_BESIDE_MIN;
use crate::scene::{Rect, Scene};
use crate::theme::Theme;

/// Room between the drawing and a legend column, px.
const COLUMN_GAP: f32 = 24.0;
/// Room between the drawing and legend rows below it, px.
const ROWS_GAP: f32 = 12.0;
/// The widest a legend column grows, px.
const COLUMN_MAX: f32 = 240.0;

/// Whether `legend` stands beside a drawing in a cell `width` px wide.
pub fn beside(legend: Option<&Legend>, width: f32) -> bool {
    legend.is_some() && width >= LEGEND_BESIDE_MIN
}

/// Width a legend column takes beside the drawing (gap included), px; 0 without one.
pub fn column_room(legend: Option<&Legend>, theme: &Theme) -> f32 {
    legend.map_or(0.0, |l| l.column_width(theme, COLUMN_MAX) + COLUMN_GAP)
}

/// Height legend rows take below a drawing in a cell `width` px wide (gap included), px;
/// 0 without a legend or when it stands beside.
pub fn rows_room(legend: Option<&Legend>, width: f32, theme: &Theme) -> f32 {
    match legend {
        Some(l) if !beside(legend, width) => ROWS_GAP + l.flow_height(theme, width),
        _ => 0.0,
    }
}

/// The drawing's rectangle in `cell` once the legend has its room, and whether the
/// legend stands beside it.
pub fn drawing_rect(legend: Option<&Legend>, cell: Rect, theme: &Theme) -> (Rect, bool) {
    let side = beside(legend, cell.width);
    let (w, h) = match side {
        true => (column_room(legend, theme), 0.0),
        false => (0.0, rows_room(legend, cell.width, theme)),
    };
    let rect = Rect {
        x: cell.x,
        y: cell.y,
        width: (cell.width - w).max(10.0),
        height: (cell.height - h).max(10.0),
    };
    (rect, side)
}

/// Draws `legend` beside `drawing` (a column centred on `centre_y`, never above the
/// drawing's top) or in rows below it across `cell`.
pub fn draw(
    legend: &Legend,
    theme: &Theme,
    cell: Rect,
    drawing: Rect,
    centre_y: f32,
    scene: &mut Scene,
) {
    if beside(Some(legend), cell.width) {
        let width = column_room(Some(legend), theme) - COLUMN_GAP;
        let h = legend.column_height(theme, width);
        let x = drawing.x + drawing.width + COLUMN_GAP;
        let y = (centre_y - h / 2.0).max(drawing.y);
        legend.draw_column(theme, x, y, width, scene);
    } else {
        let y = drawing.y + drawing.height + ROWS_GAP;
        legend.draw_flow(theme, cell.x, y, cell.width, scene);
    }
}
