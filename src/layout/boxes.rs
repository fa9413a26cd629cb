//! What a box plot's marks stand for, for readers: a box (the `boxplot` expansion's bar
//! from `lower_box_F` to `upper_box_F`, the names Vega-Lite's expansion gives its
//! columns) carries all five figures of its group, and its value is the group's median;
//! an outlier drawn beside a category axis down the side is named by its category.

use super::scales::PosScale;
use crate::encode::Encoded;
use crate::scene::{BoxStats, Item};
use crate::spec::Channel;

/// `item` with the five figures of its box when row `r` of `u` is a box plot's box whose
/// figures lie along `value_ch`: then its value is the median and its own format (which
/// wrote the low quartile) is dropped. Any other item is returned as it is.
pub(super) fn with_stats(u: &Encoded, r: usize, value_ch: Channel, mut item: Item) -> Item {
    let Some(stats) = stats(u, r, value_ch) else {
        return item;
    };
    item.value = stats.median;
    item.formatted = None;
    item.box_stats = Some(stats);
    item
}

/// The five figures of row `r`, when `value_ch` reads a box's `lower_box_F` column and
/// the row holds every other figure of field `F`, all numbers.
fn stats(u: &Encoded, r: usize, value_ch: Channel) -> Option<BoxStats> {
    let (column, _) = u.field(value_ch)?;
    let field = column.strip_prefix("lower_box_")?;
    let figure = |prefix: &str| {
        u.table
            .value(&format!("{prefix}{field}"), r)
            .as_number()
            .filter(|v| v.is_finite())
    };
    Some(BoxStats {
        lower_whisker: figure("lower_whisker_")?,
        q1: figure("lower_box_")?,
        median: figure("mid_box_")?,
        q3: figure("upper_box_")?,
        upper_whisker: figure("upper_whisker_")?,
    })
}

/// The channels that name a point and give its value: its y category when only y is a
/// band (a horizontal box plot's outliers, a dot plot), else x and y.
pub(super) fn point_channels(x: Option<&PosScale>, y: Option<&PosScale>) -> (Channel, Channel) {
    let (x_band, y_band) = (
        x.is_some_and(PosScale::is_band),
        y.is_some_and(PosScale::is_band),
    );
    if y_band && !x_band {
        (Channel::Y, Channel::X)
    } else {
        (Channel::X, Channel::Y)
    }
}
