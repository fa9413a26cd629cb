//! Point selections (`spec::params`) driven by the reader: a click, tap or Enter on a mark
//! selects the mark's values of the selection's fields (Shift adds or removes them when
//! the selection toggles); hovering selects for `on: "pointerover"`-like selections;
//! Escape and double click clear. The new values go into [`ViewState::selections`], so a
//! changed selection is a new layout, like any other change of the view.

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

/// The reader picked mark `m` (click, tap, Enter/Space): every click-driven point
/// selection takes the mark's tuple; with Shift held a toggling selection adds it, or
/// removes it when it is already selected. True when a selection changed.
pub(super) fn pick(s: &mut State, scene: &Scene, m: usize) -> bool {
    let mut changed = false;
    let params = s.params.clone();
    for (name, sel) in points(&params, Gesture::Click) {
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
/// selections follow it; leaving the marks clears those whose `clear` is `pointerout`.
pub(super) fn hover(s: &mut State, scene: &Scene, m: Option<usize>) {
    let params = s.params.clone();
    for (name, sel) in points(&params, Gesture::Hover) {
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

/// The interval selection a drag on the plot draws (the first one dragged over x and
/// not bound to the scales), with the field its x range is on.
pub(super) fn brush_target(s: &State) -> Option<(String, String)> {
    s.params.iter().find_map(|p| match &p.kind {
        ParamKind::Select(sel)
            if sel.kind == SelectionKind::Interval
                && sel.on == Gesture::Drag
                && sel.bind == crate::spec::params::SelectionBind::None =>
        {
            let at = sel
                .encodings
                .iter()
                .position(|c| *c == crate::spec::Channel::X)?;
            let field = sel.fields.get(at)?;
            Some((p.name.clone(), field.clone()))
        }
        _ => None,
    })
}

/// The brush now spans pixels `x0`‥`x1` of the plot's x axis: the selection's range in
/// data units (the scene's continuous x axis, `Scene::zoom`).
pub(super) fn brush(s: &mut State, scene: &Scene, x0: f32, x1: f32) {
    let (Some((name, field)), Some(a), Some(b)) = (
        brush_target(s),
        super::data_at(scene, x0),
        super::data_at(scene, x1),
    ) else {
        return;
    };
    set(
        &mut s.view,
        &name,
        SelectionValue::Interval(vec![(field, a.min(b), a.max(b))]),
    );
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

/// Shift with an arrow, Home or End moves the focus and stretches an x interval from
/// the mark where Shift-stepping began to the focused one (the keyboard's brush); any
/// other key ends the stretch (the brush stays until Escape).
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
    if !(moving && s.shift) || brush_target(s).is_none() {
        s.brush_anchor = None;
        return;
    }
    let (Some(Target::Mark(from)), Some(Target::Mark(to))) = (before, s.focus) else {
        return;
    };
    let anchor = *s.brush_anchor.get_or_insert(from);
    let (Some(a), Some(b)) = (scene.mark_anchor(anchor), scene.mark_anchor(to)) else {
        return;
    };
    brush(s, scene, a.0, b.0);
}
