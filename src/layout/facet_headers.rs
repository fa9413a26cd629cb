//! The headers of a facet grid, as Vega-Lite's read: above the grid the facet fields'
//! titles (the header title: `Origin`, `Cylinders`; a nested facet's two fields in one
//! direction as `Origin / Cylinders`), and above each cell its values, one per line in
//! the same order (`Europe`, `4`) — each cell names its own values, so the grid may wrap
//! into more rows at phone widths and every header still reads in full.

use super::context::Ctx;
use crate::scene::{HAlign, MarkGroup, Role, Scene, Shapes, TextStyle, VAlign};
use crate::spec::FacetField;
use crate::text;

/// The narrowest a facet cell is set before the grid wraps into more rows (px): room
/// for a short header and three tick labels.
pub(super) const MIN_CELL_WIDTH: f32 = 80.0;

/// The separator of an outer and an inner value in a nested facet's keys.
pub(super) const JOIN: &str = " · ";

/// A facet field's header title: its `title`, else its field; `None` for `title: null`.
pub(super) fn field_title(f: &FacetField) -> Option<String> {
    match &f.title {
        Some(t) => t.clone(),
        None => Some(f.field.clone()),
    }
}

/// The header title of a facet: the row field's title, then the column field's (the
/// order of the values in each cell's header).
pub(super) fn header_title(row: Option<&FacetField>, column: Option<&FacetField>) -> Vec<String> {
    [row, column]
        .into_iter()
        .flatten()
        .filter_map(field_title)
        .collect()
}

/// The header of the cell at row value `rv` and column value `cv` (either empty when the
/// facet has no such field): each value on its own line, a nested facet's pair of values
/// (`Europe · 4`) as two lines, standardization terms in the chart's language.
pub(super) fn cell_header(rv: &str, cv: &str, ctx: &Ctx) -> Vec<String> {
    [rv, cv]
        .into_iter()
        .filter(|v| !v.is_empty())
        .flat_map(|v| v.split(JOIN))
        .map(|v| ctx.label(v))
        .collect()
}

/// How many columns a facet grid of `columns` columns sets in `avail` px: fewer when the
/// cells would be narrower than [`MIN_CELL_WIDTH`], at least one.
pub(super) fn columns_at(columns: usize, avail: f32, gap: f32) -> usize {
    let fit = ((avail + gap) / (MIN_CELL_WIDTH + gap)).floor().max(1.0) as usize;
    columns.min(fit).max(1)
}

/// `lines` broken to `width` px (each line wrapped on its own), joined by line feeds.
pub(super) fn text_of(lines: &[String], width: f32, ctx: &Ctx) -> String {
    lines
        .iter()
        .flat_map(|l| text::lines(l, ctx.theme.label_size, true, width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Height of `lines` set `width` px wide (0 without lines).
pub(super) fn lines_height(lines: &[String], width: f32, ctx: &Ctx) -> f32 {
    let n: usize = lines
        .iter()
        .map(|l| text::lines(l, ctx.theme.label_size, true, width).len())
        .sum();
    n as f32 * text::line_height(ctx.theme.label_size)
}

/// Height of the cells' headers `width` px wide: the lines of the tallest.
pub(super) fn headers_height(headers: &[Vec<String>], width: f32, ctx: &Ctx) -> f32 {
    headers
        .iter()
        .map(|h| lines_height(h, width, ctx))
        .fold(text::line_height(ctx.theme.label_size), f32::max)
}

/// Height of the header title over a grid `width` px wide, its gap included.
pub(super) fn title_height(title: &[String], width: f32, ctx: &Ctx) -> f32 {
    if title.is_empty() {
        0.0
    } else {
        lines_height(title, width, ctx) + 6.0
    }
}

/// Draws the header title at (`x`, `y`), `width` px wide.
pub(super) fn draw_title(
    title: &[String],
    x: f32,
    y: f32,
    width: f32,
    ctx: &Ctx,
    scene: &mut Scene,
) {
    if title.is_empty() {
        return;
    }
    scene.groups.push(MarkGroup {
        role: Role::HeaderTitle,
        shapes: Shapes::Texts {
            x: vec![x],
            y: vec![y],
            text: vec![text_of(title, width, ctx)],
            style: TextStyle {
                size: ctx.theme.label_size,
                bold: false,
                color: ctx.theme.subtitle_color,
                align: HAlign::Left,
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
    fn grids_wrap_where_cells_would_be_too_narrow() {
        assert_eq!(columns_at(9, 640.0, 16.0), 6);
        assert_eq!(columns_at(9, 320.0, 16.0), 3);
        // Three small multiples stay side by side down to 280 px.
        assert_eq!(columns_at(3, 280.0, 16.0), 3);
        assert_eq!(columns_at(3, 960.0, 16.0), 3);
        assert_eq!(columns_at(4, 50.0, 16.0), 1);
    }

    #[test]
    fn titles_follow_the_values_order_and_null_hides_one() {
        let f = |field: &str, title: Option<Option<String>>| FacetField {
            field: field.into(),
            ty: crate::spec::FieldType::Nominal,
            title,
            sort: crate::spec::Sort::Ascending,
            path: String::new(),
            time_unit: None,
            bin: None,
        };
        let (r, c) = (f("Cylinders", None), f("Origin", None));
        assert_eq!(header_title(Some(&r), Some(&c)), ["Cylinders", "Origin"]);
        let hidden = f("level", Some(None));
        assert!(header_title(None, Some(&hidden)).is_empty());
        let named = f("c", Some(Some("Kind".into())));
        assert_eq!(header_title(None, Some(&named)), ["Kind"]);
    }
}
