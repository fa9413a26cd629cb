//! A drawn brush moved and resized, as Vega-Lite's interval `translate` and `zoom` do:
//! a drag (mouse or one finger) that starts inside the brush moves it and keeps its size,
//! the wheel over it grows or shrinks it about the pointer, and Alt+arrows move it by a
//! step (a tenth of its width, or one band) for the keyboard. The brush stays inside its
//! plot: it cannot be moved past an axis's end. Over a band axis it moves by whole
//! bands; the wheel leaves a band axis's range as it is.
//!
//! The moved value is written like a drawn one ([`select::set_brush`]): a new layout, in
//! which every view that reads the selection follows.

use super::select::{self, BrushTarget};
use super::{Key, State};
use crate::scene::{BrushAxis, BrushPlot, Scene};
use crate::spec::params::{Extent, ParamKind, Selection};
use crate::spec::SelectionValue;

/// A brush as drawn in one plot: what a drag, the wheel or Alt+arrows act on.
struct Drawn {
    target: BrushTarget,
    /// `translate`: a drag inside moves it.
    translate: bool,
    /// `zoom`: the wheel over it resizes it.
    zoom: bool,
    /// Its value, by field.
    ranges: Vec<(String, Extent)>,
    /// Its rectangle: left, right, top, bottom (CSS px).
    rect: (f32, f32, f32, f32),
}

fn selection<'a>(s: &'a State, name: &str) -> Option<&'a Selection> {
    s.params.iter().find_map(|p| match &p.kind {
        ParamKind::Select(sel) if p.name == name => Some(sel),
        _ => None,
    })
}

/// The brush drawn in plot `k`, when the selection a drag there draws holds a range
/// and is drawn in that plot (the plot it was drawn in, else — an initial value — a
/// plot whose channels show its fields).
fn drawn(s: &State, scene: &Scene, k: usize) -> Option<Drawn> {
    let target = select::target_in(s, scene, k)?;
    let plot = scene.brush_plots.get(k)?;
    let sel = selection(s, &target.name)?;
    let SelectionValue::Interval(ranges) = select::current(&s.view, &target.name, sel) else {
        return None;
    };
    let home = s.view.brushes.iter().find(|(n, _)| *n == target.name);
    let shown = match home {
        Some(&(_, h)) => h == k,
        None => ranges
            .iter()
            .all(|(f, _)| Some(f) == target.x.as_ref() || Some(f) == target.y.as_ref()),
    };
    if !shown {
        return None;
    }
    let r = plot.rect;
    let span = |field: Option<&String>, axis: Option<&BrushAxis>, lo: f32, hi: f32| match field
        .and_then(|f| ranges.iter().find(|(g, _)| g == f))
    {
        None => Some((lo, hi, false)),
        Some((_, e)) => {
            let (a, b) = axis?.pixels(e)?;
            Some((a.max(lo), b.min(hi), true))
        }
    };
    let (left, right, on_x) = span(target.x.as_ref(), plot.x.as_ref(), r.x, r.x + r.width)?;
    let (top, bottom, on_y) = span(target.y.as_ref(), plot.y.as_ref(), r.y, r.y + r.height)?;
    if !(on_x || on_y) || right <= left || bottom <= top {
        return None;
    }
    Some(Drawn {
        translate: sel.translate,
        zoom: sel.zoom,
        ranges: ranges.clone(),
        target,
        rect: (left, right, top, bottom),
    })
}

/// The brush under the point (`x`, `y`).
fn under(s: &State, scene: &Scene, x: f32, y: f32) -> Option<Drawn> {
    let d = drawn(s, scene, select::plot_at(scene, x, y)?)?;
    let (left, right, top, bottom) = d.rect;
    (left <= x && x <= right && top <= y && y <= bottom).then_some(d)
}

/// A drag from (`x`, `y`) grabs the brush there when its selection translates: the plot
/// and the brush's value when the drag began.
pub(super) fn grab(
    s: &State,
    scene: &Scene,
    x: f32,
    y: f32,
) -> Option<(usize, Vec<(String, Extent)>)> {
    under(s, scene, x, y)
        .filter(|d| d.translate)
        .map(|d| (d.target.plot, d.ranges))
}

/// The brush of plot `k`, `start` when the drag began, moved by (`dx`, `dy`) pixels.
pub(super) fn drag(
    s: &mut State,
    scene: &Scene,
    k: usize,
    start: &[(String, Extent)],
    (dx, dy): (f32, f32),
) {
    let (Some(t), Some(plot)) = (select::target_in(s, scene, k), scene.brush_plots.get(k)) else {
        return;
    };
    let ranges = shifted(plot, &t, start, (dx, dy));
    select::set_brush(&mut s.view, &t.name, k, SelectionValue::Interval(ranges));
}

/// `ranges` moved by (`dx`, `dy`) pixels over the plot's axes.
fn shifted(
    plot: &BrushPlot,
    t: &BrushTarget,
    ranges: &[(String, Extent)],
    (dx, dy): (f32, f32),
) -> Vec<(String, Extent)> {
    ranges
        .iter()
        .map(|(f, e)| {
            let moved = if t.x.as_ref() == Some(f) {
                plot.x.as_ref().map(|a| shift(a, e, dx))
            } else if t.y.as_ref() == Some(f) {
                plot.y.as_ref().map(|a| shift(a, e, dy))
            } else {
                None
            };
            (f.clone(), moved.unwrap_or_else(|| e.clone()))
        })
        .collect()
}

/// `extent` moved by `d` pixels along `axis`, kept inside the axis: a range keeps its
/// width; a band axis's values move by whole bands (the nearest number of them).
fn shift(axis: &BrushAxis, extent: &Extent, d: f32) -> Extent {
    match (axis, extent) {
        (BrushAxis::Continuous(a), Extent::Range(lo, hi)) => {
            let span = f64::from(a.range.1 - a.range.0);
            if span.abs() < 1e-6 {
                return extent.clone();
            }
            let dv = f64::from(d) / span * (a.domain.1 - a.domain.0);
            let (min, max) = (a.domain.0.min(a.domain.1), a.domain.0.max(a.domain.1));
            let (least, most) = (min - lo, max - hi);
            let dv = if least <= most {
                dv.clamp(least, most)
            } else {
                0.0
            };
            Extent::Range(lo + dv, hi + dv)
        }
        (BrushAxis::Band(spans), Extent::Values(values)) => {
            let at: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, s)| values.contains(&s.value))
                .map(|(i, _)| i)
                .collect();
            let (Some(&first), Some(&last), [a, b, ..]) = (at.first(), at.last(), spans.as_slice())
            else {
                return extent.clone();
            };
            let step = b.from - a.from;
            if step.abs() < 1e-6 {
                return extent.clone();
            }
            let n = (d / step).round() as i64;
            let n = n.clamp(-(first as i64), (spans.len() - 1 - last) as i64);
            Extent::Values(
                at.iter()
                    .filter_map(|&i| spans.get((i as i64 + n) as usize))
                    .map(|s| s.value.clone())
                    .collect(),
            )
        }
        _ => extent.clone(),
    }
}

/// The wheel at (`x`, `y`) over a brush whose selection zooms: its continuous ranges
/// scaled by `factor` about the pointer (> 1 grows it), kept inside the axes. True when
/// the wheel was the brush's (the chart's own zoom then stays).
pub(super) fn wheel(s: &mut State, scene: &Scene, (x, y): (f32, f32), factor: f64) -> bool {
    let Some((d, plot)) = zoomable_at(s, scene, x, y) else {
        return false;
    };
    let scale = |axis: Option<&BrushAxis>, e: &Extent, at: f32| -> Option<Extent> {
        let a = axis?.continuous()?;
        let Extent::Range(lo, hi) = e else {
            return None;
        };
        let c = a.value_at(at)?;
        let (min, max) = (a.domain.0.min(a.domain.1), a.domain.0.max(a.domain.1));
        let (lo, hi) = (
            (c - (c - lo) * factor).max(min),
            (c + (hi - c) * factor).min(max),
        );
        (hi - lo > (max - min) * 1e-6).then_some(Extent::Range(lo, hi))
    };
    let ranges: Vec<(String, Extent)> = d
        .ranges
        .iter()
        .map(|(f, e)| {
            let scaled = if d.target.x.as_ref() == Some(f) {
                scale(plot.x.as_ref(), e, x)
            } else if d.target.y.as_ref() == Some(f) {
                scale(plot.y.as_ref(), e, y)
            } else {
                None
            };
            (f.clone(), scaled.unwrap_or_else(|| e.clone()))
        })
        .collect();
    select::set_brush(
        &mut s.view,
        &d.target.name,
        d.target.plot,
        SelectionValue::Interval(ranges),
    );
    true
}

/// The brush under (`x`, `y`) that the wheel resizes: its selection zooms and it holds
/// a range over a continuous axis of its plot.
fn zoomable_at<'a>(s: &State, scene: &'a Scene, x: f32, y: f32) -> Option<(Drawn, &'a BrushPlot)> {
    let d = under(s, scene, x, y).filter(|d| d.zoom)?;
    let plot = scene.brush_plots.get(d.target.plot)?;
    let continuous = |field: Option<&String>, axis: Option<&BrushAxis>| {
        field.is_some_and(|f| d.ranges.iter().any(|(g, _)| g == f))
            && axis.and_then(BrushAxis::continuous).is_some()
    };
    (continuous(d.target.x.as_ref(), plot.x.as_ref())
        || continuous(d.target.y.as_ref(), plot.y.as_ref()))
    .then_some((d, plot))
}

/// The first brush drawn whose selection translates (what Alt+arrows move).
fn movable(s: &State, scene: &Scene) -> Option<Drawn> {
    (0..scene.brush_plots.len()).find_map(|k| drawn(s, scene, k).filter(|d| d.translate))
}

/// Whether a drawn brush translates: the glue then keeps Alt+arrows from the browser.
pub(super) fn moves(s: &State, scene: &Scene) -> bool {
    movable(s, scene).is_some()
}

/// Whether the wheel at (`x`, `y`) resizes a drawn brush ([`wheel`]).
pub(super) fn zooms_at(s: &State, scene: &Scene, x: f32, y: f32) -> bool {
    zoomable_at(s, scene, x, y).is_some()
}

/// Alt+←/→ move the drawn brush's x range, Alt+↑/↓ its y range, by a tenth of its
/// width or height (one band over a band axis). True when it moved.
pub(super) fn key(s: &mut State, scene: &Scene, key: Key) -> bool {
    let Some(d) = movable(s, scene) else {
        return false;
    };
    let Some(plot) = scene.brush_plots.get(d.target.plot) else {
        return false;
    };
    let (left, right, top, bottom) = d.rect;
    let (field, axis, size) = match key {
        Key::Left | Key::Right => (d.target.x.as_ref(), plot.x.as_ref(), right - left),
        Key::Up | Key::Down => (d.target.y.as_ref(), plot.y.as_ref(), bottom - top),
        _ => return false,
    };
    if !field.is_some_and(|f| d.ranges.iter().any(|(g, _)| g == f)) {
        return false;
    }
    let step = match axis {
        Some(BrushAxis::Band(spans)) => match spans.as_slice() {
            [a, b, ..] => (b.from - a.from).abs(),
            _ => return false,
        },
        Some(BrushAxis::Continuous(_)) => size / 10.0,
        None => return false,
    };
    let d_px = match key {
        Key::Left | Key::Up => -step,
        _ => step,
    };
    let delta = match key {
        Key::Left | Key::Right => (d_px, 0.0),
        _ => (0.0, d_px),
    };
    let ranges = shifted(plot, &d.target, &d.ranges, delta);
    if ranges == d.ranges {
        return false;
    }
    select::set_brush(
        &mut s.view,
        &d.target.name,
        d.target.plot,
        SelectionValue::Interval(ranges),
    );
    true
}
