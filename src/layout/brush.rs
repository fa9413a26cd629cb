//! The brush of an interval selection (`spec::params`): each plot's axes recorded as a
//! [`BrushPlot`] (what a drag in that plot reads: a continuous linear axis maps data to
//! pixels and back, a band axis lists each category's band), and the brush drawn over
//! the marks of the plot it belongs to — a translucent rectangle over the selected x and
//! y ranges (a band across the whole plot when the selection is over one of them; over
//! a band axis, from the first selected band to the last).
//!
//! In a concatenation, repeat or facet the brush belongs to the views whose `params`
//! define the selection: it is drawn in the plot where the reader drew it
//! ([`ViewState::brushes`]), or, for an initial `value`, in every plot of those views
//! whose channels show the value's fields. Every other view only reads the value.

use super::scales::Placed;
use super::ViewState;
use crate::color::Color;
use crate::encode::{Bound, Encoded};
use crate::scene::{
    BandSpan, BrushAxis, BrushPlot, MarkGroup, Paint, Rect, Role, Scene, Shapes, ZoomAxis,
};
use crate::spec::params::{ParamKind, SelectionBind, SelectionKind};
use crate::spec::{Channel, ChartSpec, ConstValue, SelectionValue};
use crate::table::Value;
use std::collections::HashMap;

/// Records the plot drawn at `rect` (its units, its placed x and y) in
/// [`Scene::brush_plots`]: continuous linear axes, and band axes when `bands` (the spec
/// has an interval selection: listing the bands' values reads every row); a log or sqrt
/// scale none. `y_pans`: whether its y may be panned and zoomed. Only selections read
/// them, and only the full build reads `params`.
pub(super) fn axes(
    rect: Rect,
    (px, py): (Option<&Placed>, Option<&Placed>),
    (units, bands): (&[Encoded], bool),
    y_pans: bool,
    scene: &mut Scene,
) {
    if !cfg!(feature = "full") {
        return;
    }
    let axis = |p: Option<&Placed>, channel: Channel| match p? {
        Placed::Continuous { scale, .. } if scale.kind == crate::spec::ScaleType::Linear => {
            Some(BrushAxis::Continuous(ZoomAxis {
                domain: scale.domain,
                range: scale.range,
            }))
        }
        Placed::Continuous { .. } => None,
        Placed::Band { .. } if !bands => None,
        Placed::Band { band, index, .. } => {
            let values = band_values(units, channel)?;
            let mut spans: Vec<(usize, BandSpan)> = index
                .iter()
                .filter_map(|(text, &i)| {
                    let (a, b) = (band.start(i), band.start(i) + band.bandwidth());
                    let span = BandSpan {
                        value: values.get(text.as_str())?.clone(),
                        from: a.min(b),
                        to: a.max(b),
                    };
                    Some((i, span))
                })
                .collect();
            spans.sort_by_key(|(i, _)| *i);
            Some(BrushAxis::Band(spans.into_iter().map(|(_, s)| s).collect()))
        }
    };
    let y = axis(py, Channel::Y);
    scene.brush_plots.push(BrushPlot {
        rect,
        x: axis(px, Channel::X),
        y_pans: y_pans && matches!(y, Some(BrushAxis::Continuous(_))),
        y,
        views: units.iter().map(|u| u.path.clone()).collect(),
    });
}

/// The value an interval holds for each band of `channel`, by the band's text: the
/// plain field's values of the units' rows; for a field shown through a time unit, the
/// unit's value of the band's label (what `transform::filter` compares through that
/// unit). `None` when the channel shows an aggregate or bin, which no row's own field
/// holds.
fn band_values(units: &[Encoded], channel: Channel) -> Option<HashMap<String, ConstValue>> {
    let mut out = HashMap::new();
    let mut any = false;
    for u in units {
        let Some(Bound::Column { column, def }) = u.get(channel) else {
            continue;
        };
        if def.aggregate.is_some() || def.bin.is_some() {
            return None;
        }
        any = true;
        for r in 0..u.table.row_count() {
            let v = u.table.value(column, r);
            let text = v.to_text();
            if out.contains_key(&text) {
                continue;
            }
            let value = match (def.time_unit, v) {
                (Some(unit), _) => {
                    let at = crate::format::unit_label_order(&text, unit)?;
                    match crate::transform::filter::time_unit_value(at, unit) {
                        Value::Number(n) | Value::Date(n) => ConstValue::Number(n),
                        _ => continue,
                    }
                }
                (None, Value::Number(n) | Value::Date(n)) => ConstValue::Number(n),
                (None, Value::Text(t)) => ConstValue::Text(t.to_string()),
                (None, Value::Null) => continue,
            };
            out.insert(text, value);
        }
    }
    any.then_some(out)
}

/// Adds the rectangle of every interval selection whose value is a range, in the plot
/// it belongs to.
pub(super) fn draw(spec: &ChartSpec, view: &ViewState, scene: &mut Scene) {
    let mut rects = Vec::new();
    for p in &spec.params {
        let ParamKind::Select(sel) = &p.kind else {
            continue;
        };
        if sel.kind != SelectionKind::Interval || sel.bind == SelectionBind::Scales {
            continue;
        }
        let value = view
            .selections
            .iter()
            .find(|(n, _)| *n == p.name)
            .map_or(&sel.initial, |(_, v)| v);
        let SelectionValue::Interval(ranges) = value else {
            continue;
        };
        let home = view.brushes.iter().find(|(n, _)| *n == p.name).map(|h| h.1);
        for (k, plot) in scene.brush_plots.iter().enumerate() {
            let Some(def) = sel.view_in(&plot.views) else {
                continue;
            };
            let (fx, fy) = (def.field_of(Channel::X), def.field_of(Channel::Y));
            let shown = match home {
                Some(h) => h == k,
                // An initial value: in each plot whose channels show all its fields.
                None => ranges
                    .iter()
                    .all(|(f, _)| Some(f.as_str()) == fx || Some(f.as_str()) == fy),
            };
            if !shown {
                continue;
            }
            let r = plot.rect;
            // The pixel span of the channel's extent, clipped to `(lo, hi)`; the whole
            // span when the value has nothing over it; `None` when it cannot be drawn.
            let span = |field: Option<&str>, axis: Option<&BrushAxis>, lo: f32, hi: f32| {
                let extent = field.and_then(|f| ranges.iter().find(|(g, _)| g == f));
                match (extent, axis) {
                    (None, _) => Some((lo, hi, false)),
                    (Some((_, e)), Some(axis)) => {
                        let (a, b) = axis.pixels(e)?;
                        Some((a.max(lo), b.min(hi), true))
                    }
                    (Some(_), None) => None,
                }
            };
            let (Some((left, right, on_x)), Some((top, bottom, on_y))) = (
                span(fx, plot.x.as_ref(), r.x, r.x + r.width),
                span(fy, plot.y.as_ref(), r.y, r.y + r.height),
            ) else {
                continue;
            };
            if !(on_x || on_y) || right <= left || bottom <= top {
                continue;
            }
            rects.push((left, top, right - left, bottom - top));
        }
    }
    for (x, y, width, height) in rects {
        scene.groups.push(MarkGroup {
            role: Role::Rule,
            shapes: Shapes::Rects {
                x: vec![x],
                y: vec![y],
                width: vec![width],
                height: vec![height],
                fill: Paint::One(Color::rgb(51, 51, 51).with_opacity(0.125)),
                corner_radius: 0.0,
                corners: Vec::new(),
                outline: None,
            },
            items: Vec::new(),
        });
    }
}
