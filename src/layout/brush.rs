//! The brush of an interval selection (`spec::params`): a translucent rectangle over the
//! plot across the selected x and y ranges (a band across the whole plot when the
//! selection is over one of them), drawn over the marks, when the plot has a continuous
//! linear axis for each ([`Scene::brush_axes`], which map data to pixels).

use super::scales::Placed;
use super::ViewState;
use crate::color::Color;
use crate::scene::{MarkGroup, Paint, Role, Scene, Shapes, ZoomAxis};
use crate::spec::params::{ParamKind, SelectionBind, SelectionKind};
use crate::spec::{Channel, ChartSpec, SelectionValue};

/// Records the plot's continuous linear x and y axes in [`Scene::brush_axes`] (the first
/// plot's; `layout` forgets them for a chart of several plots), and whether its y may be
/// panned and zoomed (`y_pans`). Only selections read them, and only the full build
/// reads `params`.
pub(super) fn axes(px: Option<&Placed>, py: Option<&Placed>, y_pans: bool, scene: &mut Scene) {
    if !cfg!(feature = "full") {
        return;
    }
    let linear = |p: Option<&Placed>| match p {
        Some(Placed::Continuous { scale, .. }) if scale.kind == crate::spec::ScaleType::Linear => {
            Some(ZoomAxis {
                domain: scale.domain,
                range: scale.range,
            })
        }
        _ => None,
    };
    if scene.brush_axes.x.is_none() && scene.brush_axes.y.is_none() {
        scene.brush_axes.x = linear(px);
        scene.brush_axes.y = linear(py);
        scene.brush_axes.y_pans = y_pans && scene.brush_axes.y.is_some();
    }
}

/// Adds the rectangle of every interval selection whose value is a range.
pub(super) fn draw(spec: &ChartSpec, view: &ViewState, scene: &mut Scene) {
    let plot = scene.plot;
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
        // The pixel span of the channel's range, clipped to `(lo, hi)`; the whole span
        // when the value has no range over it; `None` when it cannot be drawn.
        let span = |channel: Channel, axis: Option<ZoomAxis>, lo: f32, hi: f32| {
            let range = sel
                .field_of(channel)
                .and_then(|f| ranges.iter().find(|(g, _, _)| g == f))
                .map(|(_, a, b)| (*a, *b));
            match (range, axis) {
                (None, _) => Some((lo, hi, false)),
                (Some((a, b)), Some(axis)) => {
                    let (a, b) = (axis.pixel_of(a), axis.pixel_of(b));
                    Some((a.min(b).max(lo), a.max(b).min(hi), true))
                }
                (Some(_), None) => None,
            }
        };
        let (Some((left, right, on_x)), Some((top, bottom, on_y))) = (
            span(Channel::X, scene.brush_axes.x, plot.x, plot.x + plot.width),
            span(Channel::Y, scene.brush_axes.y, plot.y, plot.y + plot.height),
        ) else {
            continue;
        };
        if !(on_x || on_y) || right <= left || bottom <= top {
            continue;
        }
        scene.groups.push(MarkGroup {
            role: Role::Rule,
            shapes: Shapes::Rects {
                x: vec![left],
                y: vec![top],
                width: vec![right - left],
                height: vec![bottom - top],
                fill: Paint::One(Color::rgb(51, 51, 51).with_opacity(0.125)),
                corner_radius: 0.0,
                corners: Vec::new(),
            },
            items: Vec::new(),
        });
    }
}
