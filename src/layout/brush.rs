//! The brush of an interval selection (`spec::params`): a translucent band over the
//! plot across the selected x range, drawn over the marks, when the plot has one
//! continuous x axis (`Scene::zoom`, which maps data to pixels).

use super::ViewState;
use crate::color::Color;
use crate::scene::{MarkGroup, Paint, Role, Scene, Shapes};
use crate::spec::params::{ParamKind, SelectionBind, SelectionKind};
use crate::spec::{Channel, ChartSpec, SelectionValue};

/// Adds the band of every interval selection over x whose value is a range.
pub(super) fn draw(spec: &ChartSpec, view: &ViewState, scene: &mut Scene) {
    let Some(z) = scene.zoom else { return };
    let span = z.domain.1 - z.domain.0;
    if span.abs() < f64::EPSILON {
        return;
    }
    let px = |v: f64| z.range.0 + ((v - z.domain.0) / span) as f32 * (z.range.1 - z.range.0);
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
        let Some(field) = sel
            .encodings
            .iter()
            .position(|c| *c == Channel::X)
            .and_then(|i| sel.fields.get(i))
        else {
            continue;
        };
        let Some((_, lo, hi)) = ranges.iter().find(|(f, _, _)| f == field) else {
            continue;
        };
        let (a, b) = (px(*lo), px(*hi));
        let left = a.min(b).max(scene.plot.x);
        let right = a.max(b).min(scene.plot.x + scene.plot.width);
        if right <= left {
            continue;
        }
        scene.groups.push(MarkGroup {
            role: Role::Rule,
            shapes: Shapes::Rects {
                x: vec![left],
                y: vec![scene.plot.y],
                width: vec![right - left],
                height: vec![scene.plot.height],
                fill: Paint::One(Color::rgb(51, 51, 51).with_opacity(0.125)),
                corner_radius: 0.0,
            },
            items: Vec::new(),
        });
    }
}
