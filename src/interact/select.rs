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
use crate::scene::Scene;
use crate::spec::params::{Clear, Gesture, ParamKind, Selection, SelectionKind};
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
fn current<'a>(view: &'a ViewState, name: &str, sel: &'a Selection) -> &'a SelectionValue {
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
            changed = true;
        }
    }
    changed
}

/// The interval selection a drag on the plot draws: the first one driven by a drag and
/// not bound to the scales, with the fields of its x and y ranges over the axes the
/// scene can brush ([`Scene::brush_axes`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct BrushTarget {
    /// The selection's name.
    name: String,
    /// The field of its x range, when it has one and the plot a continuous x.
    pub(super) x: Option<String>,
    /// The field of its y range, when it has one and the plot a continuous y.
    pub(super) y: Option<String>,
}

/// The interval selection a drag on `scene`'s plot draws (see [`BrushTarget`]).
pub(super) fn brush_target(s: &State, scene: &Scene) -> Option<BrushTarget> {
    use crate::spec::Channel;
    s.params.iter().find_map(|p| match &p.kind {
        ParamKind::Select(sel)
            if sel.kind == SelectionKind::Interval
                && sel.on == Gesture::Drag
                && sel.bind == crate::spec::params::SelectionBind::None =>
        {
            let axes = scene.brush_axes;
            let x = sel.field_of(Channel::X).filter(|_| axes.x.is_some());
            let y = sel.field_of(Channel::Y).filter(|_| axes.y.is_some());
            (x.is_some() || y.is_some()).then(|| BrushTarget {
                name: p.name.clone(),
                x: x.map(str::to_string),
                y: y.map(str::to_string),
            })
        }
        _ => None,
    })
}

/// The data range between pixels `a` and `b` on `axis`, each kept inside the plot's
/// span `lo`‥`hi` (as Vega keeps a brush inside its plot).
fn range_between(
    axis: Option<crate::scene::ZoomAxis>,
    a: f32,
    b: f32,
    (lo, hi): (f32, f32),
) -> Option<(f64, f64)> {
    let axis = axis?;
    let a = axis.value_at(a.clamp(lo, hi))?;
    let b = axis.value_at(b.clamp(lo, hi))?;
    Some((a.min(b), a.max(b)))
}

/// The brush now spans the rectangle from pixel `from` to pixel `to`: the selection's
/// x and y ranges in data units (the scene's continuous axes), each over the channels
/// the selection projects over.
pub(super) fn brush(s: &mut State, scene: &Scene, from: (f32, f32), to: (f32, f32)) {
    let Some(t) = brush_target(s, scene) else {
        return;
    };
    let (plot, axes) = (scene.plot, scene.brush_axes);
    let mut ranges = Vec::new();
    let x_span = (plot.x, plot.x + plot.width);
    if let (Some(f), Some((lo, hi))) = (t.x, range_between(axes.x, from.0, to.0, x_span)) {
        ranges.push((f, lo, hi));
    }
    let y_span = (plot.y, plot.y + plot.height);
    if let (Some(f), Some((lo, hi))) = (t.y, range_between(axes.y, from.1, to.1, y_span)) {
        ranges.push((f, lo, hi));
    }
    if !ranges.is_empty() {
        set(&mut s.view, &t.name, SelectionValue::Interval(ranges));
    }
}

/// The y axis the reader pans and zooms: the plot's, when a selection over y is bound to
/// the scales (`bind: "scales"`) and the plot allows it ([`Scene::brush_axes`]'s
/// `y_pans`).
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
        .brush_axes
        .y
        .filter(|_| bound && scene.brush_axes.y_pans)
}

/// Whether Shift+↑/↓ stretch a y range (the brush has one on this plot): then they move
/// the focus up and down the plot ([`vertical_step`]) instead of in reading order.
pub(super) fn brushes_y(s: &State, scene: &Scene) -> bool {
    s.shift && brush_target(s, scene).is_some_and(|t| t.y.is_some())
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
/// mark where Shift-stepping began to the focused one (the keyboard's brush): ←/→,
/// Home and End stretch its x range, ↑/↓ its y range (each the other when the brush has
/// only one), the other range kept as this stretch left it. Any other key ends the
/// stretch (the brush stays until Escape).
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
    let target = brush_target(s, scene);
    let Some(t) = target.filter(|_| moving && s.shift) else {
        s.brush_anchor = None;
        return;
    };
    let (Some(Target::Mark(from)), Some(Target::Mark(to))) = (before, s.focus) else {
        return;
    };
    let fresh = s.brush_anchor.is_none();
    let anchor = *s.brush_anchor.get_or_insert(from);
    let (Some(a), Some(b)) = (scene.mark_anchor(anchor), scene.mark_anchor(to)) else {
        return;
    };
    let vertical = matches!(key, Key::Up | Key::Down);
    let on_y = (vertical && t.y.is_some()) || t.x.is_none();
    let (plot, axes) = (scene.plot, scene.brush_axes);
    // Half a pixel beyond each end mark, so that both stay inside after rounding.
    let ends = |p: f32, q: f32| (p.min(q) - 0.5, p.max(q) + 0.5);
    let (field, range) = if on_y {
        let ((p, q), span) = (ends(a.1, b.1), (plot.y, plot.y + plot.height));
        (t.y.clone(), range_between(axes.y, p, q, span))
    } else {
        let ((p, q), span) = (ends(a.0, b.0), (plot.x, plot.x + plot.width));
        (t.x.clone(), range_between(axes.x, p, q, span))
    };
    let (Some(field), Some((lo, hi))) = (field, range) else {
        return;
    };
    let mut ranges = match s.view.selections.iter().find(|(n, _)| *n == t.name) {
        Some((_, SelectionValue::Interval(r))) if !fresh => r.clone(),
        _ => Vec::new(),
    };
    ranges.retain(|(f, _, _)| *f != field);
    ranges.push((field, lo, hi));
    // x's range first, as a drag writes them.
    if let Some(x) = &t.x {
        ranges.sort_by_key(|(f, _, _)| f != x);
    }
    set(&mut s.view, &t.name, SelectionValue::Interval(ranges));
}
