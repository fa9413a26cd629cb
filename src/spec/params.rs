//! Vega-Lite `params`: value parameters and selections, and how a selection's current
//! value turns the spec's `{"param": …}` predicates into plain predicates.
//!
//! A value parameter (`{"name": "cutoff", "value": 5, "bind": {"input": "range"}}`) is
//! a constant the spec's expressions read by name; the parser folds its current value
//! into every expression (change it, parse again). A selection (`"select": "point"` or
//! `"interval"`) holds field values chosen by the reader. Conditions (`condition:
//! {"param": "s"}`) and filters (`filter: {"param": "s"}`) are parsed as
//! [`Predicate::Param`]; before a layout, [`resolve`] replaces each with the predicate
//! the selection's current value means — an empty selection holds for every row unless
//! `empty: false` (Vega-Lite's rule), a point selection is "the row's fields equal one
//! of the chosen tuples", an interval is "every field within its range".

use super::{Channel, ChartSpec, ConstValue, FieldTest, Predicate, Transform, View, ViewKind};

/// One entry of a `params` array (of any view: names are global, as in Vega-Lite).
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its `name`.
    pub name: String,
    /// Its JSON path (`params[0]`, `layer[1].params[0]`).
    pub path: String,
    /// Value parameter or selection.
    pub kind: ParamKind,
}

/// What a parameter is.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamKind {
    /// A value read by expressions, possibly bound to an input element.
    Value {
        /// The initial `value` (or the constant `expr` folded at parse time).
        value: ParamValue,
        /// `bind`: the input element that changes it.
        bind: Option<InputBinding>,
    },
    /// A point or interval selection.
    Select(Selection),
}

/// A parameter's value: what Vega's expression language can hold that stdviz reads.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// `null` (or no initial value).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// An input element bound to a parameter (`bind: {"input": …}`).
#[derive(Debug, Clone, PartialEq)]
pub struct InputBinding {
    /// What kind of element.
    pub input: InputKind,
    /// Its label (`name`), else the parameter's (or field's) name.
    pub label: Option<String>,
    /// `placeholder` of a text field.
    pub placeholder: Option<String>,
}

/// The input elements Vega-Lite binds to.
#[derive(Debug, Clone, PartialEq)]
pub enum InputKind {
    /// `range`: a slider.
    Range {
        /// `min` (Vega's default: the smaller of 0 and the value).
        min: Option<f64>,
        /// `max` (Vega's default: the larger of 100 and the value).
        max: Option<f64>,
        /// `step` (Vega's default: 1 when the range is wider than 1... chosen by the page).
        step: Option<f64>,
    },
    /// `select`: a drop-down of `options`, shown with `labels` when given.
    Select {
        /// The values.
        options: Vec<ParamValue>,
        /// Their labels.
        labels: Vec<String>,
    },
    /// `radio`: one button per option.
    Radio {
        /// The values.
        options: Vec<ParamValue>,
        /// Their labels.
        labels: Vec<String>,
    },
    /// `checkbox`: a boolean.
    Checkbox,
    /// Any other HTML input type (`text`, `search`, `number`, `color`, `date`…): a text
    /// field whose text is the value.
    Text(String),
}

/// A `select` of a parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// Point or interval.
    pub kind: SelectionKind,
    /// `fields` given, then the fields of `encodings` in the view that holds the
    /// selection (resolved by the parser).
    pub fields: Vec<String>,
    /// `encodings` given (an interval's default: x and y, those of them that are
    /// continuous).
    pub encodings: Vec<Channel>,
    /// The field each channel of `encodings` shows, for those with a field.
    pub channel_fields: Vec<(Channel, String)>,
    /// The time unit of each of those fields that a channel shows through one
    /// (`timeUnit`): an interval over its band holds the unit's values
    /// ([`Extent::Values`]), tested through it.
    pub time_units: Vec<(String, super::TimeUnit)>,
    /// The gesture that selects (`on`, mapped to stdviz's gestures; docs/SPEC.md).
    pub on: Gesture,
    /// `clear`: what empties the selection.
    pub clear: Clear,
    /// `nearest`: the nearest mark is chosen, not only a mark under the pointer.
    pub nearest: bool,
    /// `toggle`: shift-click adds or removes a tuple (false: a click replaces).
    pub toggle: bool,
    /// The initial value (`value`), empty when none.
    pub initial: SelectionValue,
    /// `bind`.
    pub bind: SelectionBind,
    /// `resolve` across facets/concatenated views (stdviz keeps one global value).
    pub resolve: Resolve,
    /// Interval only: `translate` — the brush can be dragged.
    pub translate: bool,
    /// Interval only: `zoom` — the wheel resizes the brush.
    pub zoom: bool,
    /// JSON path of the view that holds it.
    pub view_path: String,
    /// Every view that defines it (a selection defined in several views of a
    /// concatenation or repeat is one selection): each view's path and the fields its
    /// channels show there (a repeated view's x may show another field).
    pub views: Vec<SelectionView>,
}

/// One view that defines a selection.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectionView {
    /// The view's JSON path (where its `params` stand).
    pub path: String,
    /// The field each channel of the selection's `encodings` shows in that view.
    pub channel_fields: Vec<(Channel, String)>,
}

impl SelectionView {
    /// Whether this definition applies to a unit view at `unit`: the definition's view
    /// is the unit itself or one of its ancestors (a layer, or a concatenation whose
    /// params Vega-Lite gives to every unit below).
    pub fn applies_to(&self, unit: &str) -> bool {
        let p = self.path.as_str();
        unit == p
            || p.is_empty()
            || unit
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    }

    /// The field of `channel` in this view, when the selection projects over it.
    pub fn field_of(&self, channel: Channel) -> Option<&str> {
        self.channel_fields
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, f)| f.as_str())
    }
}

/// `point` or `interval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionKind {
    /// Discrete tuples (`"point"`).
    Point,
    /// A continuous range per field (`"interval"`).
    Interval,
}

/// When a selection takes a value: stdviz's gestures for Vega's event streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gesture {
    /// Click or tap (`click`, the point default; also `dblclick`); keyboard Enter/Space.
    Click,
    /// Hover (`pointerover`, `mouseover`, `pointermove`…); touch and keyboard use the
    /// tap and the focused mark instead.
    Hover,
    /// Drag (the interval default, and Vega's `[pointerdown, pointerup] > pointermove`
    /// streams); keyboard: see docs/SPEC.md.
    Drag,
    /// `timer` and other streams no reader causes: the selection keeps its initial value.
    Never,
}

/// What empties a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clear {
    /// Vega-Lite's default (`dblclick`); stdviz also clears on Escape.
    DoubleClick,
    /// `pointerout`/`mouseout`: leaving the marks.
    PointerOut,
    /// `pointerup`: releasing the pointer.
    PointerUp,
    /// `clear: false`: never.
    Never,
}

/// A selection's `bind`.
#[derive(Debug, Clone, PartialEq)]
pub enum SelectionBind {
    /// Not bound.
    None,
    /// `"scales"`: the interval is the view's scale domain (pan and zoom).
    Scales,
    /// `"legend"`: clicking a legend entry selects its value.
    Legend,
    /// Input elements, one per field (`bind: {"input": …}` or `{field: {"input": …}}`).
    Inputs(Vec<(String, InputBinding)>),
}

/// `resolve` of a selection over several views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolve {
    /// One value for all views (`global`, the default).
    Global,
    /// `union` of the views' values.
    Union,
    /// `intersect` of the views' values.
    Intersect,
}

/// A selection's value: nothing, chosen tuples, or ranges.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SelectionValue {
    /// Nothing selected.
    #[default]
    Empty,
    /// Point selection: one tuple per chosen mark, the selection's fields in order.
    Points(Vec<Vec<ConstValue>>),
    /// Interval selection: what it holds of each field, in field order.
    Interval(Vec<(String, Extent)>),
}

/// What an interval selection holds of one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Extent {
    /// An inclusive range over a continuous axis (data units; dates in ms since the
    /// epoch).
    Range(f64, f64),
    /// The values of a band (nominal or ordinal) axis whose bands the brush covers, in
    /// the axis's order (Vega's band `invertRange`); for a field shown through a time
    /// unit, the unit's values (`transform::filter::time_unit_value`).
    Values(Vec<ConstValue>),
}

impl Extent {
    /// The test a field's value passes when it lies in this extent.
    pub fn test(&self) -> FieldTest {
        match self {
            Extent::Range(lo, hi) => FieldTest::Range(Some(lo.min(*hi)), Some(lo.max(*hi))),
            Extent::Values(values) => FieldTest::OneOf(values.clone()),
        }
    }
}

impl Selection {
    /// The field of `channel` when the selection projects over it (`encodings`).
    pub fn field_of(&self, channel: Channel) -> Option<&str> {
        self.channel_fields
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, f)| f.as_str())
    }

    /// The definition of the selection that applies to a plot drawing the unit views
    /// `units` (see [`SelectionView::applies_to`]), the first that does.
    pub fn view_in<'a>(&'a self, units: &[String]) -> Option<&'a SelectionView> {
        self.views
            .iter()
            .find(|v| units.iter().any(|u| v.applies_to(u)))
    }

    /// The predicate "this row is selected" for `value`; `empty` is what an empty
    /// selection means.
    pub fn predicate(&self, value: &SelectionValue, empty: bool) -> Predicate {
        let constant = |holds: bool| {
            if holds {
                Predicate::And(Vec::new())
            } else {
                Predicate::Or(Vec::new())
            }
        };
        match value {
            SelectionValue::Empty => constant(empty),
            SelectionValue::Points(tuples) if tuples.is_empty() => constant(empty),
            SelectionValue::Points(tuples) => Predicate::Or(
                tuples
                    .iter()
                    .map(|tuple| {
                        Predicate::And(
                            self.fields
                                .iter()
                                .zip(tuple)
                                .map(|(field, v)| Predicate::Field {
                                    field: field.clone(),
                                    time_unit: None,
                                    test: FieldTest::Equal(v.clone()),
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ),
            SelectionValue::Interval(ranges) if ranges.is_empty() => constant(empty),
            SelectionValue::Interval(ranges) => Predicate::And(
                ranges
                    .iter()
                    .map(|(field, extent)| Predicate::Field {
                        field: field.clone(),
                        time_unit: match extent {
                            Extent::Range(..) => None,
                            Extent::Values(_) => self
                                .time_units
                                .iter()
                                .find(|(f, _)| f == field)
                                .map(|(_, u)| *u),
                        },
                        test: extent.test(),
                    })
                    .collect(),
            ),
        }
    }
}

/// The current values of a chart's selections that differ from their initial values,
/// by parameter name (part of [`crate::layout::ViewState`]).
pub type SelectionState = Vec<(String, SelectionValue)>;

/// The spec with every [`Predicate::Param`] replaced by what the selections' current
/// values mean (`state` first, else each selection's initial value). A value parameter
/// used as a predicate holds when its value is truthy.
pub fn resolve(spec: &ChartSpec, state: &SelectionState) -> ChartSpec {
    let mut out = spec.clone();
    // The lite build refuses `params` (Error::NeedsFull), so it never resolves any.
    if cfg!(feature = "full") && !spec.params.is_empty() {
        resolve_view(&mut out.view, &spec.params, state);
    }
    out
}

fn resolve_view(view: &mut View, params: &[Param], state: &SelectionState) {
    for t in &mut view.transform {
        match t {
            Transform::Filter(p) => resolve_predicate(p, params, state),
            Transform::Bin { field, bin, .. } => resolve_bin_extent(bin, field, params, state),
            _ => {}
        }
    }
    match &mut view.kind {
        ViewKind::Unit { encoding, .. } => {
            for (_, def) in &mut encoding.channels {
                if let super::ChannelDef::Field(def) = def {
                    resolve_domain(def, params, state);
                    if let Some(bin) = &mut def.bin {
                        resolve_bin_extent(bin, &def.field, params, state);
                    }
                }
            }
            for (_, conds) in &mut encoding.conditions {
                for c in conds {
                    let super::ConditionTest::Test(p) = &mut c.when;
                    resolve_predicate(p, params, state);
                }
            }
        }
        ViewKind::Layer { layers, .. } => {
            for v in layers {
                resolve_view(v, params, state);
            }
        }
        ViewKind::Concat { views, .. } => {
            for v in views {
                resolve_view(v, params, state);
            }
        }
        ViewKind::Facet { spec, .. } => resolve_view(spec, params, state),
    }
}

/// A scale domain taken from an interval selection (`domain: {"param": …}`): the
/// selection's extent over the field its `encoding` or `field` names (else over the
/// channel's own field, else its only one) while it holds one; otherwise the data's.
fn resolve_domain(def: &mut super::FieldDef, params: &[Param], state: &SelectionState) {
    let Some(dp) = &def.scale.domain_param else {
        return;
    };
    let Some(sel) = selection(params, &dp.name) else {
        return;
    };
    let value = state
        .iter()
        .find(|(n, _)| *n == dp.name)
        .map_or(&sel.initial, |(_, v)| v);
    let SelectionValue::Interval(ranges) = value else {
        return;
    };
    let wanted = match (&dp.field, dp.encoding) {
        (Some(f), _) => Some(f.as_str()),
        (None, Some(ch)) => sel.field_of(ch),
        (None, None) => Some(def.field.as_str()),
    };
    let extent = ranges
        .iter()
        .find(|(f, _)| Some(f.as_str()) == wanted)
        .or(match (ranges.as_slice(), &dp.field, dp.encoding) {
            ([only], None, None) => Some(only),
            _ => None,
        })
        .map(|(_, e)| e.clone());
    match extent {
        Some(Extent::Range(lo, hi)) => def.scale.domain_numbers = Some((lo.min(hi), lo.max(hi))),
        Some(Extent::Values(values)) => {
            def.scale.domain_values = Some(
                values
                    .iter()
                    .map(|v| match v {
                        ConstValue::Number(n) => n.to_string(),
                        ConstValue::Text(t) => t.clone(),
                    })
                    .collect(),
            );
        }
        None => {}
    }
}

/// A bin's extent taken from an interval selection (`bin.extent: {"param": …}`): its
/// range over the binned field (else its only range) while it holds one; otherwise the
/// data's extent.
fn resolve_bin_extent(bin: &mut super::Bin, field: &str, params: &[Param], state: &SelectionState) {
    let Some(p) = bin.extent_param.and_then(|i| params.get(i)) else {
        return;
    };
    let ParamKind::Select(sel) = &p.kind else {
        return;
    };
    let value = state
        .iter()
        .find(|(n, _)| *n == p.name)
        .map_or(&sel.initial, |(_, v)| v);
    let SelectionValue::Interval(ranges) = value else {
        return;
    };
    let range = match ranges.as_slice() {
        [(_, e)] => Some(e),
        _ => ranges.iter().find(|(f, _)| f == field).map(|(_, e)| e),
    };
    if let Some(Extent::Range(lo, hi)) = range {
        if lo < hi && (hi - lo).is_finite() {
            bin.extent = Some((*lo, *hi));
        }
    }
}

fn resolve_predicate(p: &mut Predicate, params: &[Param], state: &SelectionState) {
    match p {
        Predicate::Param { name, empty } => {
            let Some(param) = params.iter().find(|q| &q.name == name) else {
                // The parser refuses unknown names; nothing to resolve.
                return;
            };
            *p = match &param.kind {
                ParamKind::Select(sel) => {
                    let value = state
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v)
                        .unwrap_or(&sel.initial);
                    sel.predicate(value, *empty)
                }
                ParamKind::Value { value, .. } => {
                    let truthy = match value {
                        ParamValue::Null => false,
                        ParamValue::Bool(b) => *b,
                        ParamValue::Number(n) => *n != 0.0 && !n.is_nan(),
                        ParamValue::Text(t) => !t.is_empty(),
                    };
                    if truthy {
                        Predicate::And(Vec::new())
                    } else {
                        Predicate::Or(Vec::new())
                    }
                }
            };
        }
        Predicate::And(items) | Predicate::Or(items) => {
            for q in items {
                resolve_predicate(q, params, state);
            }
        }
        Predicate::Not(q) => resolve_predicate(q, params, state),
        Predicate::Field { .. } | Predicate::Expr(_) => {}
    }
}

/// The selection named `name`, if the spec has one.
pub fn selection<'a>(params: &'a [Param], name: &str) -> Option<&'a Selection> {
    params.iter().find_map(|p| match &p.kind {
        ParamKind::Select(s) if p.name == name => Some(s),
        _ => None,
    })
}
