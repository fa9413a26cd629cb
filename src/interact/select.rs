//! Selections (`spec::params`) driven by the reader: a click, tap or Enter on a mark
//! selects the mark's values of a point selection's fields (Shift adds or removes them
//! when the selection toggles; with `nearest`, a click, tap or hover anywhere in the plot
//! takes the nearest mark); hovering selects for `on: "pointerover"`-like selections; a
//! drag (mouse or one finger) or Shift+arrows brush an interval over x, y or both; a y
//! axis bound to the scales says which axis pans and zooms; Escape and double click
//! clear. The new values go into [`ViewState::selections`], so a changed selection is a
//! new layout, like any other change of the view.

use super::State;
use crate::layout::ViewState;
use crate::scene::{BrushAxis, Scene};
use crate::spec::params::{Clear, Extent, Gesture, ParamKind, Selection, SelectionKind};
use crate::spec::{ConstValue, Param, SelectionValue};

/// The point selections of `params` that a gesture drives.
fn points(params: &[Param], gesture: Gesture) -> impl Iterator<Item = (&str, &Selection)> {
    params.iter().filter_map(move |p| match &p.kind {
        ParamKind::Select(s) if s.kind == SelectionKind::Point && s.on == gesture => {
            Some((p.name.as_str(), s))
        }
        _ => None,
    })
}

/// Mark `m`'s values of the selection's fields, when it has them all.
fn tuple(scene: &Scene, m: usize, sel: &Selection) -> Option<Vec<ConstValue>> {
    let item = scene.items.get(scene.mark_item(m)?)?;
    sel.fields
        .iter()
        .map(|f| {
            item.datum
                .iter()
                .find(|(name, _)| name == f)
                .map(|(_, v)| v.clone())
        })
        .collect()
}

/// The current value of selection `name` (the reader's, else its initial one).
pub(super) fn current<'a>(
    view: &'a ViewState,
    name: &str,
    sel: &'a Selection,
) -> &'a SelectionValue {
    view.selections
        .iter()
        .find(|(n, _)| n == name)
        .map_or(&sel.initial, |(_, v)| v)
}

fn set(view: &mut ViewState, name: &str, value: SelectionValue) {
    match view.selections.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = value,
        None => view.selections.push((name.to_string(), value)),
    }
}

/// The mark nearest to (`x`, `y`) for the point selections `gesture` drives with
/// `nearest: true`: the data mark whose centre is closest, when the point is in the plot
/// (Vega's Voronoi cells). `None` when no such selection exists.
pub(super) fn nearest(s: &State, scene: &Scene, x: f32, y: f32, gesture: Gesture) -> Option<usize> {
    let wanted = points(&s.params, gesture).any(|(_, sel)| sel.nearest);
    if !wanted || !scene.plot.contains(x, y) {
        return None;
    }
    scene.nearest_mark(x, y)
}

/// Whether a hover-driven point selection with `nearest` follows the pointer's position
/// (not only the mark under it).
pub(super) fn tracks_pointer(s: &State) -> bool {
    points(&s.params, Gesture::Hover).any(|(_, sel)| sel.nearest)
}

/// The reader picked mark `m` (click, tap, Enter/Space; `hit`: the mark is under the
/// pointer or focused, else it is only the nearest one): every click-driven point
/// selection takes the mark's tuple (a nearest mark only those with `nearest`); with
/// Shift held a toggling selection adds it, or removes it when it is already selected.
/// True when a selection changed.
pub(super) fn pick(s: &mut State, scene: &Scene, m: usize, hit: bool) -> bool {
    let mut changed = false;
    let params = s.params.clone();
    for (name, sel) in points(&params, Gesture::Click) {
        if !(hit || sel.nearest) {
            continue;
        }
        let Some(t) = tuple(scene, m, sel) else {
            continue;
        };
        let next = match (s.shift && sel.toggle, current(&s.view, name, sel)) {
            (true, SelectionValue::Points(tuples)) => {
                let mut tuples = tuples.clone();
                match tuples.iter().position(|x| *x == t) {
                    Some(i) => {
                        tuples.remove(i);
                    }
                    None => tuples.push(t),
                }
                if tuples.is_empty() {
                    SelectionValue::Empty
                } else {
                    SelectionValue::Points(tuples)
                }
            }
            _ => SelectionValue::Points(vec![t]),
        };
        if *current(&s.view, name, sel) != next {
            set(&mut s.view, name, next);
            changed = true;
        }
    }
    changed
}

/// The reader clicked (or pressed Enter on) legend entry `entry` of a legend bound to a
/// point selection (`bind: "legend"`): the selection takes the entry's value (Shift
/// adds or removes it when the selection toggles). The value is the one the marks carry
/// for the selection's field (a number stays a number), else the entry's text. `None`
/// when no legend-bound selection is about this legend; else whether the entry is now
/// selected.
pub(super) fn legend_pick(s: &mut State, scene: &Scene, series: &str) -> Option<bool> {
    use crate::layout::context::legend_value_is;
    use crate::spec::params::SelectionBind;
    let params = s.params.clone();
    let mut now = None;
    for p in &params {
        let ParamKind::Select(sel) = &p.kind else {
            continue;
        };
        if sel.kind != SelectionKind::Point || sel.bind != SelectionBind::Legend {
            continue;
        }
        let Some(field) = sel.fields.first() else {
            continue;
        };
        let value = scene
            .items
            .iter()
            .flat_map(|item| item.datum.iter())
            .find(|(name, v)| name == field && legend_value_is(v, series))
            .map_or_else(|| ConstValue::Text(series.to_string()), |(_, v)| v.clone());
        let t = vec![value];
        let next = match (s.shift && sel.toggle, current(&s.view, &p.name, sel)) {
            (true, SelectionValue::Points(tuples)) => {
                let mut tuples = tuples.clone();
                match tuples.iter().position(|x| *x == t) {
                    Some(i) => {
                        tuples.remove(i);
                    }
                    None => tuples.push(t.clone()),
                }
                if tuples.is_empty() {
                    SelectionValue::Empty
                } else {
                    SelectionValue::Points(tuples)
                }
            }
            _ => SelectionValue::Points(vec![t.clone()]),
        };
        now = Some(matches!(&next, SelectionValue::Points(ts) if ts.contains(&t)));
        set(&mut s.view, &p.name, next);
    }
    now
}

/// The pointer (or keyboard focus) is on mark `m`, or on no mark: hover-driven point
/// selections follow it (those with `nearest`, the mark nearest to the mouse in the
/// plot, [`State`]'s last pointer position); leaving the marks clears those whose
/// `clear` is `pointerout`.
pub(super) fn hover(s: &mut State, scene: &Scene, m: Option<usize>) {
    let params = s.params.clone();
    let near = m.or_else(|| {
        let (x, y) = s.pointer?;
        nearest(s, scene, x, y, Gesture::Hover)
    });
    for (name, sel) in points(&params, Gesture::Hover) {
        let m = if sel.nearest { near } else { m };
        let next = match m.and_then(|m| tuple(scene, m, sel)) {
            Some(t) => SelectionValue::Points(vec![t]),
            None if sel.clear == Clear::PointerOut => SelectionValue::Empty,
            None => continue,
        };
        if *current(&s.view, name, sel) != next {
            set(&mut s.view, name, next);
        }
    }
}

/// Escape or a double click: empties the selections that clear that way (all but
/// `clear: false`, and `pointerout`/`pointerup` ones only on Escape). True when one had
/// a value.
pub(super) fn clear(s: &mut State, double_click: bool) -> bool {
    let mut changed = false;
    let params = s.params.clone();
    for p in &params {
        let ParamKind::Select(sel) = &p.kind else {
            continue;
        };
        let clears = match sel.clear {
            Clear::Never => false,
            Clear::DoubleClick => true,
            Clear::PointerOut | Clear::PointerUp => !double_click,
        };
        if clears && *current(&s.view, &p.name, sel) != SelectionValue::Empty {
            set(&mut s.view, &p.name, SelectionValue::Empty);
            s.view.brushes.retain(|(n, _)| *n != p.name);
            changed = true;
        }
    }
    changed
}

/// The interval selection a drag in one plot draws: the first one driven by a drag and
/// not bound to the scales that a view drawn in that plot defines, with the fields of
/// its x and y ranges over the axes the plot can brush ([`Scene::brush_plots`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct BrushTarget {
    /// The selection's name.
    pub(super) name: String,
    /// The plot (index into [`Scene::brush_plots`]).
    pub(super) plot: usize,
    /// The field of its x range, when it has one and the plot a brushable x.
    pub(super) x: Option<String>,
    /// The field of its y range, when it has one and the plot a brushable y.
    pub(super) y: Option<String>,
}

/// The plot (index into [`Scene::brush_plots`]) that holds the point (`x`, `y`).
pub(super) fn plot_at(scene: &Scene, x: f32, y: f32) -> Option<usize> {
    scene.brush_plots.iter().position(|p| p.rect.contains(x, y))
}

/// The interval selection a drag in plot `k` draws (see [`BrushTarget`]).
pub(super) fn target_in(s: &State, scene: &Scene, k: usize) -> Option<BrushTarget> {
    use crate::spec::Channel;
    let plot = scene.brush_plots.get(k)?;
    s.params.iter().find_map(|p| match &p.kind {
        ParamKind::Select(sel)
            if sel.kind == SelectionKind::Interval
                && sel.on == Gesture::Drag
                && sel.bind == crate::spec::params::SelectionBind::None =>
        {
            let def = sel.view_in(&plot.views)?;
            let x = def.field_of(Channel::X).filter(|_| plot.x.is_some());
            let y = def.field_of(Channel::Y).filter(|_| plot.y.is_some());
            (x.is_some() || y.is_some()).then(|| BrushTarget {
                name: p.name.clone(),
                plot: k,
                x: x.map(str::to_string),
                y: y.map(str::to_string),
            })
        }
        _ => None,
    })
}

/// The interval selection a drag from (`x`, `y`) draws: the one of the plot there.
pub(super) fn brush_target(s: &State, scene: &Scene, x: f32, y: f32) -> Option<BrushTarget> {
    target_in(s, scene, plot_at(scene, x, y)?)
}

/// Every plot's brush target (for the finger drags the chart keeps).
pub(super) fn brush_targets<'a>(
    s: &'a State,
    scene: &'a Scene,
) -> impl Iterator<Item = BrushTarget> + 'a {
    (0..scene.brush_plots.len()).filter_map(move |k| target_in(s, scene, k))
}

/// What the brush holds between pixels `a` and `b` on `axis`, each kept inside the
/// plot's span `lo`‥`hi` (as Vega keeps a brush inside its plot): a continuous axis's
/// range in data units; a band axis's values whose bands the pixels reach (Vega's band
/// `invertRange`), `None` when they reach none.
fn extent_between(
    axis: Option<&BrushAxis>,
    a: f32,
    b: f32,
    (lo, hi): (f32, f32),
) -> Option<Extent> {
    let (a, b) = (a.clamp(lo, hi), b.clamp(lo, hi));
    match axis? {
        BrushAxis::Continuous(axis) => {
            let (a, b) = (axis.value_at(a)?, axis.value_at(b)?);
            Some(Extent::Range(a.min(b), a.max(b)))
        }
        BrushAxis::Band(spans) => {
            let (p, q) = (a.min(b), a.max(b));
            let values: Vec<ConstValue> = spans
                .iter()
                .filter(|s| s.from <= q && s.to >= p)
                .map(|s| s.value.clone())
                .collect();
            (!values.is_empty()).then_some(Extent::Values(values))
        }
    }
}

/// Sets an interval selection drawn in plot `k` (the brush is drawn there).
pub(super) fn set_brush(view: &mut ViewState, name: &str, k: usize, value: SelectionValue) {
    set(view, name, value);
    match view.brushes.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = k,
        None => view.brushes.push((name.to_string(), k)),
    }
}

/// The brush of plot `k` now spans the rectangle from pixel `from` to pixel `to`: the
/// selection's x and y extents (the plot's axes), each over the channels the selection
/// projects over.
pub(super) fn brush(s: &mut State, scene: &Scene, k: usize, from: (f32, f32), to: (f32, f32)) {
    let (Some(t), Some(plot)) = (target_in(s, scene, k), scene.brush_plots.get(k)) else {
        return;
    };
    let r = plot.rect;
    let mut ranges = Vec::new();
    let x_span = (r.x, r.x + r.width);
    if let (Some(f), Some(e)) = (t.x, extent_between(plot.x.as_ref(), from.0, to.0, x_span)) {
        ranges.push((f, e));
    }
    let y_span = (r.y, r.y + r.height);
    if let (Some(f), Some(e)) = (t.y, extent_between(plot.y.as_ref(), from.1, to.1, y_span)) {
        ranges.push((f, e));
    }
    if !ranges.is_empty() {
        set_brush(&mut s.view, &t.name, k, SelectionValue::Interval(ranges));
    }
}

/// The y axis the reader pans and zooms: the plot's, when a selection over y is bound to
/// the scales (`bind: "scales"`) and the plot allows it ([`crate::scene::BrushPlot`]'s
/// `y_pans`, a chart of one plot).
pub(super) fn scales_y(s: &State, scene: &Scene) -> Option<crate::scene::ZoomAxis> {
    let bound = s.params.iter().any(|p| match &p.kind {
        ParamKind::Select(sel) => {
            sel.kind == SelectionKind::Interval
                && sel.bind == crate::spec::params::SelectionBind::Scales
                && sel.field_of(crate::spec::Channel::Y).is_some()
        }
        _ => false,
    });
    scene
        .brush_plots
        .iter()
        .find(|p| bound && p.y_pans)
        .and_then(|p| p.y.as_ref()?.continuous())
}

/// The brush target of the plot that holds mark `m` (its anchor).
fn target_of_mark(s: &State, scene: &Scene, m: usize) -> Option<BrushTarget> {
    let (x, y, _) = scene.mark_anchor(m)?;
    brush_target(s, scene, x, y)
}

/// The plot whose brush Shift+arrows stretch: with Shift held, the plot of the mark
/// where Shift-stepping began (else the focused one), when a selection brushes there.
pub(super) fn brushing_plot(s: &State, scene: &Scene) -> Option<usize> {
    let m = match (s.brush_anchor, s.focus) {
        (Some(m), _) | (None, Some(super::Target::Mark(m))) => m,
        _ => return None,
    };
    s.shift
        .then(|| target_of_mark(s, scene, m))?
        .map(|t| t.plot)
}

/// Whether Shift+↑/↓ stretch a y range (the brush of the focused mark's plot has one):
/// then they move the focus up and down the plot ([`vertical_step`]) instead of in
/// reading order.
pub(super) fn brushes_y(s: &State, scene: &Scene) -> bool {
    let Some(super::Target::Mark(m)) = s.focus else {
        return false;
    };
    s.shift && target_of_mark(s, scene, m).is_some_and(|t| t.y.is_some())
}

/// The place in `order` of the mark next above (`up`) or below the one at `at`: the
/// nearest in y among the marks strictly above (below) it, the nearest in x among
/// those; `at` itself when there is none.
pub(super) fn vertical_step(
    scene: &Scene,
    order: &[super::Target],
    at: Option<usize>,
    up: bool,
) -> Option<usize> {
    use super::Target;
    let here = at?;
    let Some(Target::Mark(m)) = order.get(here) else {
        return Some(here);
    };
    let (x0, y0, _) = scene.mark_anchor(*m)?;
    let best = order
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match t {
            Target::Mark(k) => scene.mark_anchor(*k).map(|(x, y, _)| (i, x, y)),
            Target::Legend(_) => None,
        })
        .filter(|&(_, _, y)| if up { y < y0 - 0.5 } else { y > y0 + 0.5 })
        .min_by(|a, b| {
            let key = |&(_, x, y): &(usize, f32, f32)| ((y - y0).abs(), (x - x0).abs());
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        });
    Some(best.map_or(here, |(i, _, _)| i))
}

/// The reader changed the input element of the `param`-th parameter (see
/// [`super::Event::Input`]): its new value goes into [`ViewState::values`], and a point
/// selection bound to a drop-down or radio group takes the option as its tuple
/// (`null` — Vega's "all" option — empties it).
pub(super) fn input(s: &mut State, param: usize, number: f64) {
    use crate::spec::params::{InputKind, SelectionBind};
    use crate::spec::ParamValue;
    let Some(p) = s.params.get(param).cloned() else {
        return;
    };
    let pick = |kind: &InputKind| -> Option<ParamValue> {
        match kind {
            InputKind::Range { .. } | InputKind::Text(_) => Some(ParamValue::Number(number)),
            InputKind::Checkbox => Some(ParamValue::Bool(number != 0.0)),
            InputKind::Select { options, .. } | InputKind::Radio { options, .. } => {
                if number < 0.0 || !number.is_finite() {
                    return None;
                }
                options.get(number as usize).cloned()
            }
        }
    };
    match &p.kind {
        ParamKind::Value {
            bind: Some(binding),
            ..
        } => {
            let Some(value) = pick(&binding.input) else {
                return;
            };
            match s.view.values.iter_mut().find(|(n, _)| *n == p.name) {
                Some(entry) => entry.1 = value,
                None => s.view.values.push((p.name.clone(), value)),
            }
        }
        ParamKind::Select(sel) => {
            let SelectionBind::Inputs(inputs) = &sel.bind else {
                return;
            };
            // One input per field; the first decides (Vega-Lite's usual single field).
            let Some((_, binding)) = inputs.first() else {
                return;
            };
            let next = match pick(&binding.input) {
                None | Some(ParamValue::Null) => SelectionValue::Empty,
                Some(ParamValue::Number(n)) => {
                    SelectionValue::Points(vec![vec![ConstValue::Number(n)]])
                }
                Some(ParamValue::Text(t)) => {
                    SelectionValue::Points(vec![vec![ConstValue::Text(t)]])
                }
                Some(ParamValue::Bool(b)) => {
                    SelectionValue::Points(vec![vec![ConstValue::Text(b.to_string())]])
                }
            };
            set(&mut s.view, &p.name, next);
        }
        ParamKind::Value { bind: None, .. } => {}
    }
}

/// Shift with an arrow, Home or End moves the focus and stretches the brush from the
/// mark where Shift-stepping began to the focused one (the keyboard's brush, in the plot
/// of that first mark): ←/→, Home and End stretch its x range, ↑/↓ its y range (each
/// the other when the brush has only one), the other range kept as this stretch left
/// it. Any other key ends the stretch (the brush stays until Escape).
pub(super) fn key_brush(
    s: &mut State,
    key: super::Key,
    before: Option<super::Target>,
    scene: &Scene,
) {
    use super::{Key, Target};
    let moving = matches!(
        key,
        Key::Left | Key::Right | Key::Up | Key::Down | Key::Home | Key::End
    );
    let (Some(Target::Mark(from)), Some(Target::Mark(to))) = (before, s.focus) else {
        s.brush_anchor = None;
        return;
    };
    let fresh = s.brush_anchor.is_none();
    let anchor = s.brush_anchor.unwrap_or(from);
    let target = target_of_mark(s, scene, anchor);
    let Some(t) = target.filter(|_| moving && s.shift) else {
        s.brush_anchor = None;
        return;
    };
    s.brush_anchor = Some(anchor);
    let (Some(a), Some(b), Some(plot)) = (
        scene.mark_anchor(anchor),
        scene.mark_anchor(to),
        scene.brush_plots.get(t.plot),
    ) else {
        return;
    };
    let vertical = matches!(key, Key::Up | Key::Down);
    let on_y = (vertical && t.y.is_some()) || t.x.is_none();
    let r = plot.rect;
    // Half a pixel beyond each end mark, so that both stay inside after rounding.
    let ends = |p: f32, q: f32| (p.min(q) - 0.5, p.max(q) + 0.5);
    let (field, extent) = if on_y {
        let ((p, q), span) = (ends(a.1, b.1), (r.y, r.y + r.height));
        (t.y.clone(), extent_between(plot.y.as_ref(), p, q, span))
    } else {
        let ((p, q), span) = (ends(a.0, b.0), (r.x, r.x + r.width));
        (t.x.clone(), extent_between(plot.x.as_ref(), p, q, span))
    };
    let (Some(field), Some(extent)) = (field, extent) else {
        return;
    };
    let mut ranges = match s.view.selections.iter().find(|(n, _)| *n == t.name) {
        Some((_, SelectionValue::Interval(r))) if !fresh => r.clone(),
        _ => Vec::new(),
    };
    ranges.retain(|(f, _)| *f != field);
    ranges.push((field, extent));
    // x's range first, as a drag writes them.
    if let Some(x) = &t.x {
        ranges.sort_by_key(|(f, _)| f != x);
    }
    set_brush(
        &mut s.view,
        &t.name,
        t.plot,
        SelectionValue::Interval(ranges),
    );
}
