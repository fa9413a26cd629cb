//! What a cell of a grid of rects (a heatmap, a tile-grid map) stands for: its value is
//! the quantitative colour or opacity field, never its row and column, which only place
//! it; its name is the first tooltip field (a tile map's region) or "column, row"; a
//! continuous colour is not a series.

use crate::encode::Encoded;
use crate::scene::Item;
use crate::spec::{Channel, FieldType};
use crate::table::Value;

/// `item` (built with the colour channel as its value) made a grid cell's: the value of
/// the quantitative colour field, else of the opacity field, else none (NaN: a cell that
/// only shows where something is); the name from the tooltip's first field, else the
/// cell's column and row.
pub(super) fn grid_item(u: &Encoded, r: usize, mut item: Item) -> Item {
    let number = |ch: Channel| -> Option<f64> {
        let (column, def) = u.field(ch)?;
        if def.ty != FieldType::Quantitative {
            return None;
        }
        match u.table.value(column, r) {
            Value::Number(n) => Some(n),
            _ => None,
        }
    };
    let value = number(Channel::Color).or_else(|| number(Channel::Opacity));
    if number(Channel::Color).is_some() {
        // A continuous colour is the value itself, not a series.
        item.series = None;
    }
    item.value = value.unwrap_or(f64::NAN);
    if value.is_none() {
        item.formatted = None;
    }
    item.label = match (item.custom_tooltip, item.fields.first()) {
        (true, Some((_, name))) => name.clone(),
        // Column and row, leaving out one the series already names.
        _ => [Channel::X, Channel::Y]
            .into_iter()
            .map(|ch| u.value(ch, r).to_text())
            .filter(|t| Some(t) != item.series.as_ref())
            .collect::<Vec<_>>()
            .join(", "),
    };
    item
}
