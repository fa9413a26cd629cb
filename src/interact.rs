//! Interaction as a pure state machine: `(state, event, scene) → state`.
//!
//! The browser glue turns DOM events into [`Event`]s, calls [`step`], and redraws only
//! when the state changed: a new [`ViewState`] (series hidden, drill path, zoom window)
//! needs a new layout; a new hover, focus or tooltip only a repaint of the same scene
//! with [`emphasise`]. Everything here is computed from the scene — the same geometry
//! that is drawn — so it is tested natively, without a browser.
//!
//! Marks are numbered in drawing order over the scene's data groups (the numbering of
//! [`Scene::mark_anchor`]); keyboard focus walks them in reading order
//! ([`Scene::reading_order`]), then the legend entries.

use crate::color::Color;
use crate::layout::ViewState;
use crate::scene::{MarkGroup, Paint, Rect, Role, Scene, Segments, Shapes};

/// What kind of pointer produced an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse (hover shows tooltips; click selects).
    Mouse,
    /// A finger (tap shows a tooltip; tap elsewhere closes it).
    Touch,
    /// A pen (treated as a finger).
    Pen,
}

/// Keys the chart answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Previous mark.
    Left,
    /// Next mark.
    Right,
    /// Previous mark.
    Up,
    /// Next mark.
    Down,
    /// First mark.
    Home,
    /// Last mark (or legend entry).
    End,
    /// Drill into the focused mark, select it, or toggle the focused legend entry.
    Enter,
    /// Close the tooltip, else go up a drill level, else reset the zoom.
    Escape,
}

/// An input event, in CSS px relative to the chart's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event {
    /// The pointer moved.
    PointerMove {
        /// Pointer id (several fingers).
        id: i32,
        /// x.
        x: f32,
        /// y.
        y: f32,
        /// Kind of pointer.
        kind: PointerKind,
    },
    /// A button or finger went down.
    PointerDown {
        /// Pointer id.
        id: i32,
        /// x.
        x: f32,
        /// y.
        y: f32,
        /// Kind of pointer.
        kind: PointerKind,
    },
    /// A button or finger went up.
    PointerUp {
        /// Pointer id.
        id: i32,
        /// x.
        x: f32,
        /// y.
        y: f32,
        /// Kind of pointer.
        kind: PointerKind,
    },
    /// The browser took the pointer over (e.g. for scrolling).
    PointerCancel {
        /// Pointer id.
        id: i32,
    },
    /// The mouse left the chart.
    PointerLeave,
    /// Wheel or trackpad scroll: `delta` > 0 zooms out, < 0 zooms in (CSS px); over a
    /// brush whose selection zooms, grows or shrinks the brush.
    Wheel {
        /// x.
        x: f32,
        /// y.
        y: f32,
        /// Vertical scroll amount.
        delta: f32,
    },
    /// Double click: resets the zoom.
    DoubleClick,
    /// A key press while the chart has focus.
    Key(Key),
    /// An arrow pressed with Alt held while the chart has focus: moves a drawn brush
    /// (interval `translate`) by a step.
    AltKey(Key),
    /// The chart received keyboard focus.
    Focus,
    /// The chart lost keyboard focus.
    Blur,
    /// A breadcrumb was chosen: show drill level `depth` (0 = top).
    DrillTo(usize),
    /// The reader touched or clicked the page outside the chart: close its tooltip.
    Outside,
    /// The reader set the `param`-th parameter's input (index into the spec's
    /// `params`): a slider or number field to `number`, a checkbox to `number != 0`, a
    /// drop-down or radio group to its option `number` (0-based).
    Input {
        /// Index of the parameter in the spec's `params`.
        param: usize,
        /// The new value, as above.
        number: f64,
    },
    /// The modifier keys now (sent with pointer presses and Shift key changes).
    Modifiers {
        /// Shift is held: a click adds a mark to a point selection, or removes it.
        shift: bool,
    },
}

/// What keyboard focus is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A data mark (index in drawing order over the data groups).
    Mark(usize),
    /// A legend entry (index into [`Scene::legend`]).
    Legend(usize),
}

/// The tooltip being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tooltip {
    /// The mark it describes.
    pub mark: usize,
    /// Opened by a tap or Enter: stays until dismissed.
    pub pinned: bool,
}

/// A pointer gesture in progress.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Gesture {
    /// Nothing pressed.
    #[default]
    Idle,
    /// Pressed, not (yet) moved far: a click or tap when released.
    Press {
        id: i32,
        x: f32,
        y: f32,
        kind: PointerKind,
    },
    /// Dragging the x axis (and a y axis bound to the scales) from (`x`, `y`): the
    /// domains shown when the drag began.
    Pan {
        id: i32,
        x: f32,
        y: f32,
        domain: Option<(f64, f64)>,
        domain_y: Option<(f64, f64)>,
    },
    /// Drawing an interval selection's brush from (`x`, `y`) in plot `plot` (index
    /// into [`Scene::brush_plots`]).
    Brush {
        id: i32,
        x: f32,
        y: f32,
        plot: usize,
    },
    /// Moving a drawn brush of plot `plot` (index into [`Scene::brush_plots`]) by a
    /// drag that began at (`x`, `y`) inside it ([`State`]'s `brush_start` holds its value
    /// then).
    Move {
        id: i32,
        x: f32,
        y: f32,
        plot: usize,
    },
    /// Two fingers zooming.
    Pinch {
        distance: f32,
        center: f64,
        domain: (f64, f64),
    },
}

/// Everything the reader has done to a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// What needs a new layout: hidden series, drill path, zoom window.
    pub view: ViewState,
    /// The mark under the mouse.
    pub hover: Option<usize>,
    /// The legend entry under the mouse.
    pub hover_legend: Option<usize>,
    /// Keyboard focus.
    pub focus: Option<Target>,
    /// The tooltip shown.
    pub tooltip: Option<Tooltip>,
    /// The x domain before any zoom (set at the first zoom).
    pub full_x: Option<(f64, f64)>,
    /// The y domain before any zoom of a y axis bound to the scales.
    pub full_y: Option<(f64, f64)>,
    gesture: Gesture,
    /// Fingers down: id and position.
    touches: Vec<(i32, f32, f32)>,
    /// The spec's `params` (see [`State::with_params`]): the selections the reader drives.
    pub params: Vec<crate::spec::Param>,
    /// Shift is held (toggles a point selection; [`Event::Modifiers`]).
    pub shift: bool,
    /// The mark a keyboard brush (Shift+arrows) started from.
    brush_anchor: Option<usize>,
    /// The value of the brush a drag moves ([`Gesture::Move`]) when the drag began.
    brush_start: Vec<(String, crate::spec::params::Extent)>,
    /// Where the mouse is over the chart (for `nearest` hover selections).
    pointer: Option<(f32, f32)>,
    /// What the focused mark and the keyboard brush's first mark are, to find them
    /// again after a new layout renumbered the marks ([`State::after_layout`]; a brush
    /// in one view of a concatenation changes the marks of another).
    kept: [Option<MarkKey>; 2],
}

/// What a mark stands for, enough to find it after a new layout: its item's label,
/// series and value, and the plot it is in.
#[derive(Debug, Clone, PartialEq)]
struct MarkKey {
    label: String,
    series: Option<String>,
    value: u64,
    plot: Option<usize>,
}

/// The key of mark `m` on `scene`.
fn mark_key(scene: &Scene, m: usize) -> Option<MarkKey> {
    let item = scene.items.get(scene.mark_item(m)?)?;
    let (x, y, _) = scene.mark_anchor(m)?;
    Some(MarkKey {
        label: item.label.clone(),
        series: item.series.clone(),
        value: item.value.to_bits(),
        plot: select::plot_at(scene, x, y),
    })
}

/// Mark `m` of the scene before a new layout, found on `scene` by `key`: `m` itself
/// when it is still that mark, else the first mark with that key, else `m` as it is.
fn refind(scene: &Scene, m: usize, key: Option<&MarkKey>) -> usize {
    let Some(key) = key else {
        return m;
    };
    if mark_key(scene, m).as_ref() == Some(key) {
        return m;
    }
    (0..scene.mark_count())
        .find(|&k| mark_key(scene, k).as_ref() == Some(key))
        .unwrap_or(m)
}

/// What a step asks of the host besides the new state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// The reader chose this mark (click, Enter): the host may react (`stdviz:select`).
    pub selected: Option<usize>,
    /// A sentence for the live region (focus moved, series hidden, level changed).
    pub announce: Option<String>,
}

/// Movement (CSS px) after which a press is a drag, not a click.
const DRAG_SLOP: f32 = 5.0;
/// Narrowest zoom window, as a share of the full domain.
const MIN_ZOOM: f64 = 1e-3;

impl State {
    /// The initial state of a chart whose spec has `params`: its selections are driven
    /// by clicks, taps, hovering and keys (`interact::select`).
    pub fn with_params(params: &[crate::spec::Param]) -> State {
        State {
            params: params.to_vec(),
            ..State::default()
        }
    }

    /// The mark to emphasise: hovered, else focused, else the pinned tooltip's.
    pub fn emphasised_mark(&self) -> Option<usize> {
        self.hover
            .or(match self.focus {
                Some(Target::Mark(m)) => Some(m),
                _ => None,
            })
            .or(self.tooltip.map(|t| t.mark))
    }

    /// Keeps what still makes sense after a new layout (`scene`): indices that no
    /// longer exist are dropped; the pointer's hover is forgotten (the marks moved).
    pub fn after_layout(&mut self, scene: &Scene) {
        let marks = scene.mark_count();
        self.hover = None;
        self.hover_legend = None;
        let [focus_key, anchor_key] = std::mem::take(&mut self.kept);
        if let Some(Target::Mark(m)) = self.focus {
            self.focus = Some(Target::Mark(refind(scene, m, focus_key.as_ref())));
        }
        self.brush_anchor = self
            .brush_anchor
            .map(|m| refind(scene, m, anchor_key.as_ref()));
        self.focus = match self.focus {
            Some(Target::Mark(m)) if marks > 0 => Some(Target::Mark(m.min(marks - 1))),
            Some(Target::Legend(l)) if l < scene.legend.len() => Some(Target::Legend(l)),
            _ => None,
        };
        self.tooltip = self
            .tooltip
            .filter(|t| t.pinned && t.mark < marks)
            .or(match self.focus {
                Some(Target::Mark(m)) => Some(Tooltip {
                    mark: m,
                    pinned: false,
                }),
                _ => None,
            });
        self.keep(scene);
    }

    /// Remembers which marks of `scene` the focus and the keyboard brush are on, to find
    /// them after a new layout ([`State::after_layout`]).
    fn keep(&mut self, scene: &Scene) {
        let key = |m: Option<usize>| m.and_then(|m| mark_key(scene, m));
        let focused = match self.focus {
            Some(Target::Mark(m)) => Some(m),
            _ => None,
        };
        self.kept = [key(focused), key(self.brush_anchor)];
    }
}

/// The next state after `event` on `scene` (the scene drawn for `state`).
pub fn step(state: &State, event: Event, scene: &Scene) -> (State, Outcome) {
    let mut s = state.clone();
    let mut out = Outcome::default();
    match event {
        Event::PointerMove { id, x, y, kind } => pointer_move(&mut s, id, x, y, kind, scene),
        Event::PointerDown { id, x, y, kind } => {
            if kind != PointerKind::Mouse {
                s.touches.retain(|t| t.0 != id);
                s.touches.push((id, x, y));
            }
            s.gesture = match (s.touches.len(), s.view.zoom.or(full(scene))) {
                (2, Some(domain)) if scene.zoom.is_some() => {
                    let (a, b) = (s.touches[0], s.touches[1]);
                    Gesture::Pinch {
                        distance: ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0),
                        center: data_at(scene, (a.1 + b.1) / 2.0).unwrap_or(domain.0),
                        domain: current(scene).unwrap_or(domain),
                    }
                }
                _ => Gesture::Press { id, x, y, kind },
            };
        }
        Event::PointerUp { id, x, y, kind } => {
            s.touches.retain(|t| t.0 != id);
            if let Gesture::Press { id: pid, .. } = s.gesture {
                if pid == id {
                    click(&mut s, &mut out, x, y, kind, scene);
                }
            }
            s.gesture = Gesture::Idle;
        }
        Event::PointerCancel { id } => {
            s.touches.retain(|t| t.0 != id);
            s.gesture = Gesture::Idle;
        }
        Event::PointerLeave => {
            s.pointer = None;
            s.hover = None;
            s.hover_legend = None;
            if s.tooltip.is_some_and(|t| !t.pinned) && !matches!(s.focus, Some(Target::Mark(_))) {
                s.tooltip = None;
            }
            if matches!(
                s.gesture,
                Gesture::Pan { .. }
                    | Gesture::Press { .. }
                    | Gesture::Brush { .. }
                    | Gesture::Move { .. }
            ) {
                s.gesture = Gesture::Idle;
            }
        }
        Event::Wheel { x, y, delta } => {
            let factor = 1.0015f64.powf(f64::from(delta.clamp(-500.0, 500.0)));
            if delta != 0.0 && move_brush::wheel(&mut s, scene, (x, y), factor) {
                // The wheel over a brush that zooms resizes it.
            } else if scene.plot.contains(x, y) && delta != 0.0 {
                if let (Some(c), Some(d)) = (data_at(scene, x), current(scene)) {
                    let t = (c - d.0) / (d.1 - d.0);
                    let w = (d.1 - d.0) * factor;
                    set_zoom(&mut s, scene, (c - t * w, c - t * w + w));
                }
                if let Some(axis) = select::scales_y(&s, scene) {
                    if let Some(c) = axis.value_at(y) {
                        let d = axis.domain;
                        let t = (c - d.0) / (d.1 - d.0);
                        let w = (d.1 - d.0) * factor;
                        set_zoom_y(&mut s, scene, (c - t * w, c - t * w + w));
                    }
                }
            }
        }
        Event::DoubleClick => {
            if !select::clear(&mut s, true) {
                s.view.zoom = None;
                s.view.zoom_y = None;
            }
        }
        Event::Modifiers { shift } => s.shift = shift,
        Event::AltKey(key) => {
            if move_brush::key(&mut s, scene, key) {
                out.announce = Some(if is_zh(scene) {
                    "已移动选择范围".into()
                } else {
                    "Selection moved".into()
                });
            }
        }
        Event::Input { param, number } => select::input(&mut s, param, number),
        Event::Key(key) => {
            let before = s.focus;
            key_press(&mut s, &mut out, key, scene);
            select::key_brush(&mut s, key, before, scene);
        }
        Event::Focus => {
            if s.focus.is_none() {
                s.focus = first_target(scene);
            }
            if let Some(Target::Mark(m)) = s.focus {
                s.tooltip = Some(Tooltip {
                    mark: m,
                    pinned: false,
                });
            }
            out.announce = s.focus.map(|t| announce_target(scene, t));
        }
        Event::Blur => {
            s.focus = None;
            if s.tooltip.is_some_and(|t| !t.pinned) {
                s.tooltip = None;
            }
        }
        Event::Outside => {
            s.hover = None;
            s.hover_legend = None;
            if s.focus.is_none() {
                s.tooltip = None;
            }
        }
        Event::DrillTo(depth) => {
            if depth < s.view.drill.len() {
                s.view.drill.truncate(depth);
                s.view.zoom = None;
                s.tooltip = None;
                out.announce = Some(level_announcement(scene, &s.view.drill));
            }
        }
    }
    let pointed = |st: &State| {
        st.hover.or(match st.focus {
            Some(Target::Mark(m)) => Some(m),
            _ => None,
        })
    };
    // Hover-driven selections follow the pointer (or focus); after a new layout the
    // hover is forgotten, so every pointer or focus event brings them up to date.
    let moved = matches!(
        event,
        Event::PointerMove { .. }
            | Event::PointerLeave
            | Event::PointerUp { .. }
            | Event::Key(_)
            | Event::Focus
            | Event::Blur
            | Event::Outside
    );
    let now = pointed(&s);
    if moved || now != pointed(state) {
        select::hover(&mut s, scene, now);
    }
    // A new layout may follow.
    s.keep(scene);
    (s, out)
}

fn pointer_move(s: &mut State, id: i32, x: f32, y: f32, kind: PointerKind, scene: &Scene) {
    if kind != PointerKind::Mouse {
        if let Some(t) = s.touches.iter_mut().find(|t| t.0 == id) {
            (t.1, t.2) = (x, y);
        }
    }
    match s.gesture {
        Gesture::Press {
            id: pid,
            x: x0,
            y: y0,
            ..
        } if pid == id => {
            let moved = ((x - x0).powi(2) + (y - y0).powi(2)).sqrt() > DRAG_SLOP;
            let on_plot = scene.plot.contains(x0, y0);
            let domain = current(scene);
            let domain_y = select::scales_y(s, scene).map(|a| a.domain);
            // A drag that starts inside a drawn brush moves it (`translate`).
            if let Some((plot, start)) = move_brush::grab(s, scene, x0, y0).filter(|_| moved) {
                s.gesture = Gesture::Move {
                    id,
                    x: x0,
                    y: y0,
                    plot,
                };
                move_brush::drag(s, scene, plot, &start, (x - x0, y - y0));
                s.brush_start = start;
                return;
            }
            if let Some(t) = select::brush_target(s, scene, x0, y0).filter(|_| moved) {
                let r = scene.brush_plots[t.plot].rect;
                s.gesture = Gesture::Brush {
                    id,
                    x: (x0 - r.x) / r.width.max(1.0),
                    y: (y0 - r.y) / r.height.max(1.0),
                    plot: t.plot,
                };
                select::brush(s, scene, t.plot, (x0, y0), (x, y));
            } else if moved && on_plot && (domain.is_some() || domain_y.is_some()) {
                s.gesture = Gesture::Pan {
                    id,
                    x: x0,
                    y: y0,
                    domain,
                    domain_y,
                };
                pan(s, scene, (x - x0, y - y0), (domain, domain_y));
            } else if moved {
                s.gesture = Gesture::Idle;
            }
            return;
        }
        Gesture::Pan {
            id: pid,
            x: x0,
            y: y0,
            domain,
            domain_y,
        } if pid == id => {
            pan(s, scene, (x - x0, y - y0), (domain, domain_y));
            return;
        }
        Gesture::Brush {
            id: pid,
            x: fx,
            y: fy,
            plot,
        } if pid == id => {
            if let Some(r) = scene.brush_plots.get(plot).map(|p| p.rect) {
                let start = (r.x + fx * r.width, r.y + fy * r.height);
                select::brush(s, scene, plot, start, (x, y));
            }
            return;
        }
        Gesture::Move {
            id: pid,
            x: x0,
            y: y0,
            plot,
        } if pid == id => {
            let start = std::mem::take(&mut s.brush_start);
            move_brush::drag(s, scene, plot, &start, (x - x0, y - y0));
            s.brush_start = start;
            return;
        }
        Gesture::Pinch {
            distance,
            center,
            domain,
        } if s.touches.len() == 2 => {
            let (a, b) = (s.touches[0], s.touches[1]);
            let now = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
            let w = (domain.1 - domain.0) * f64::from(distance / now);
            let t = (center - domain.0) / (domain.1 - domain.0);
            set_zoom(s, scene, (center - t * w, center - t * w + w));
            return;
        }
        _ => {}
    }
    if kind == PointerKind::Mouse {
        // Kept only where a `nearest` hover selection reads it: otherwise a move that
        // changes nothing must leave the state equal (no redraw).
        if select::tracks_pointer(s) {
            s.pointer = Some((x, y));
        }
        s.hover = mark_at(scene, x, y);
        s.hover_legend = legend_at(scene, x, y);
        let pinned = s.tooltip.filter(|t| t.pinned);
        s.tooltip = match (s.hover, pinned) {
            (Some(m), _) => Some(Tooltip {
                mark: m,
                pinned: false,
            }),
            (None, Some(p)) => Some(p),
            (None, None) => match s.focus {
                Some(Target::Mark(m)) => Some(Tooltip {
                    mark: m,
                    pinned: false,
                }),
                _ => None,
            },
        };
    }
}

fn click(s: &mut State, out: &mut Outcome, x: f32, y: f32, kind: PointerKind, scene: &Scene) {
    // A tap drives `nearest` hover selections as a mouse's hover does.
    if select::tracks_pointer(s) {
        s.pointer = Some((x, y));
    }
    if let Some(l) = legend_at(scene, x, y) {
        toggle(s, out, scene, l);
        return;
    }
    let hit = mark_at(scene, x, y);
    let near = select::nearest(s, scene, x, y, crate::spec::params::Gesture::Click);
    if let Some(m) = hit.or(near) {
        if select::pick(s, scene, m, hit.is_some()) {
            out.selected = scene.mark_item(m);
        }
    }
    match (mark_at(scene, x, y), kind) {
        (Some(m), PointerKind::Mouse) => choose(s, out, scene, m),
        (Some(m), _) => {
            // A tap shows the tooltip; tapping the same mark again chooses it.
            if s.tooltip
                == Some(Tooltip {
                    mark: m,
                    pinned: true,
                })
            {
                choose(s, out, scene, m);
            } else {
                s.hover = Some(m);
                s.tooltip = Some(Tooltip {
                    mark: m,
                    pinned: true,
                });
                out.announce = Some(announce_target(scene, Target::Mark(m)));
            }
        }
        (None, _) => {
            s.hover = None;
            s.tooltip = None;
        }
    }
}

/// The reader chose mark `m`: drill into it when the chart has a deeper level, and
/// tell the host either way.
fn choose(s: &mut State, out: &mut Outcome, scene: &Scene, m: usize) {
    out.selected = scene.mark_item(m);
    let Some(drill) = &scene.drill else { return };
    if drill.depth + 1 >= drill.levels {
        return;
    }
    let Some(item) = scene.mark_item(m).and_then(|i| scene.items.get(i)) else {
        return;
    };
    s.view.drill = drill.path.clone();
    s.view.drill.push(item.label.clone());
    s.view.zoom = None;
    s.tooltip = None;
    s.hover = None;
    s.focus = s.focus.map(|_| Target::Mark(0));
    out.announce = Some(level_announcement(scene, &s.view.drill));
}

fn toggle(s: &mut State, out: &mut Outcome, scene: &Scene, l: usize) {
    let Some(entry) = scene.legend.get(l) else {
        return;
    };
    let zh = is_zh(scene);
    if entry.selected.is_some() {
        // A legend bound to a point selection selects; it does not hide.
        if let Some(now) = select::legend_pick(s, scene, &entry.series) {
            out.announce = Some(match (zh, now) {
                (true, true) => format!("已选择 {}", entry.label),
                (true, false) => format!("已取消选择 {}", entry.label),
                (false, true) => format!("{} selected", entry.label),
                (false, false) => format!("{} deselected", entry.label),
            });
            s.tooltip = None;
            s.hover = None;
            return;
        }
    }
    if let Some(i) = s.view.hidden.iter().position(|h| *h == entry.series) {
        s.view.hidden.remove(i);
        out.announce = Some(if zh {
            format!("已显示 {}", entry.label)
        } else {
            format!("{} shown", entry.label)
        });
    } else {
        let visible = scene
            .legend
            .iter()
            .filter(|e| !s.view.hidden.contains(&e.series))
            .count();
        if visible <= 1 {
            out.announce = Some(if zh {
                format!("{} 是唯一显示的系列,不能隐藏", entry.label)
            } else {
                format!("{} is the only series shown and stays", entry.label)
            });
            return;
        }
        s.view.hidden.push(entry.series.clone());
        out.announce = Some(if zh {
            format!("已隐藏 {}", entry.label)
        } else {
            format!("{} hidden", entry.label)
        });
    }
    s.tooltip = None;
    s.hover = None;
}

fn key_press(s: &mut State, out: &mut Outcome, key: Key, scene: &Scene) {
    let mut order: Vec<Target> = scene
        .reading_order()
        .into_iter()
        .map(Target::Mark)
        .chain((0..scene.legend.len()).map(Target::Legend))
        .collect();
    // Stretching a brush (Shift held), the focus stays among the marks of its plot.
    if let Some(k) = select::brushing_plot(s, scene) {
        order.retain(|t| match t {
            Target::Mark(m) => scene
                .mark_anchor(*m)
                .is_some_and(|(x, y, _)| select::plot_at(scene, x, y) == Some(k)),
            Target::Legend(_) => false,
        });
    }
    let at = s.focus.and_then(|f| order.iter().position(|t| *t == f));
    let next = match key {
        // With a brush over y, Shift+↑/↓ walk up and down the plot (`select::key_brush`).
        Key::Up | Key::Down if select::brushes_y(s, scene) => {
            select::vertical_step(scene, &order, at, key == Key::Up).or(Some(0))
        }
        Key::Left | Key::Up => Some(at.map_or(0, |i| i.saturating_sub(1))),
        Key::Right | Key::Down => {
            Some(at.map_or(0, |i| (i + 1).min(order.len().saturating_sub(1))))
        }
        Key::Home => Some(0),
        Key::End => Some(order.len().saturating_sub(1)),
        Key::Enter => {
            match s.focus {
                Some(Target::Mark(m)) => {
                    select::pick(s, scene, m, true);
                    choose(s, out, scene, m);
                    if out.announce.is_none() {
                        s.tooltip = Some(Tooltip {
                            mark: m,
                            pinned: true,
                        });
                    }
                }
                Some(Target::Legend(l)) => toggle(s, out, scene, l),
                None => {}
            }
            None
        }
        Key::Escape => {
            if s.tooltip.is_some() {
                s.tooltip = None;
            } else if select::clear(s, false) {
                out.announce = Some(if is_zh(scene) {
                    "已清除选择".into()
                } else {
                    "Selection cleared".into()
                });
            } else if !s.view.drill.is_empty() {
                s.view.drill.pop();
                s.view.zoom = None;
                out.announce = Some(level_announcement(scene, &s.view.drill));
            } else {
                s.view.zoom = None;
                s.view.zoom_y = None;
            }
            None
        }
    };
    if let Some(i) = next {
        let Some(&target) = order.get(i) else { return };
        // The keyboard takes over from the mouse.
        s.hover = None;
        s.hover_legend = None;
        s.focus = Some(target);
        s.tooltip = match target {
            Target::Mark(m) => Some(Tooltip {
                mark: m,
                pinned: false,
            }),
            Target::Legend(_) => None,
        };
        out.announce = Some(announce_target(scene, target));
    }
}

fn first_target(scene: &Scene) -> Option<Target> {
    scene
        .reading_order()
        .first()
        .map(|&m| Target::Mark(m))
        .or((!scene.legend.is_empty()).then_some(Target::Legend(0)))
}

/// The CSS `touch-action` of the chart's box for `state` on `scene`: a brush over y
/// (in any plot) takes every finger drag (`none`); a zoomable x axis or a brush over x
/// only takes horizontal ones (`pan-y`); otherwise the page keeps them all.
pub fn touch_action(state: &State, scene: &Scene) -> &'static str {
    let targets: Vec<_> = select::brush_targets(state, scene).collect();
    match targets.first() {
        Some(_) if targets.iter().any(|t| t.y.is_some()) => "none",
        Some(_) => "pan-y",
        None if select::scales_y(state, scene).is_some() => "none",
        None if scene.zoom.is_some() => "pan-y",
        None => "pan-x pan-y pinch-zoom",
    }
}

/// Whether the wheel at (`x`, `y`) zooms this chart (its x zoom, or a y axis bound to
/// the scales) or resizes the drawn brush there (interval `zoom`); otherwise the glue
/// leaves the wheel to the page.
pub fn takes_wheel(state: &State, scene: &Scene, (x, y): (f32, f32)) -> bool {
    scene.zoom.is_some()
        || select::scales_y(state, scene).is_some()
        || move_brush::zooms_at(state, scene, x, y)
}

/// Whether Alt+arrows move a drawn brush of this chart ([`Event::AltKey`]); otherwise
/// the glue leaves them to the browser.
pub fn moves_brush(state: &State, scene: &Scene) -> bool {
    move_brush::moves(state, scene)
}

/// The mark under a point, as a mark index.
fn mark_at(scene: &Scene, x: f32, y: f32) -> Option<usize> {
    scene.hit(x, y).map(|h| scene.mark_of(h))
}

fn legend_at(scene: &Scene, x: f32, y: f32) -> Option<usize> {
    scene.legend.iter().position(|e| e.rect.contains(x, y))
}

/// The x domain shown now.
fn current(scene: &Scene) -> Option<(f64, f64)> {
    scene.zoom.map(|z| z.domain)
}

/// The unzoomed domain, when the scene shows it.
fn full(scene: &Scene) -> Option<(f64, f64)> {
    current(scene)
}

/// The data value at pixel `x` on the zoom axis.
fn data_at(scene: &Scene, x: f32) -> Option<f64> {
    let z = scene.zoom?;
    let span = f64::from(z.range.1 - z.range.0);
    if span.abs() < 1e-6 {
        return None;
    }
    let t = f64::from(x - z.range.0) / span;
    Some(z.domain.0 + t * (z.domain.1 - z.domain.0))
}

/// An axis's domain when a gesture began, if the axis moves.
type Domain = Option<(f64, f64)>;

/// A drag by (`dx`, `dy`) from where the x and y domains were (`domain_x`, `domain_y`): the x window
/// follows the pointer, and the y window of a y axis bound to the scales.
fn pan(s: &mut State, scene: &Scene, (dx, dy): (f32, f32), (domain_x, domain_y): (Domain, Domain)) {
    if let (Some(axis), Some(d)) = (select::scales_y(s, scene), domain_y) {
        let span = f64::from(axis.range.1 - axis.range.0);
        if span.abs() > 1e-6 && s.view.zoom_y.is_some() {
            let shift = -f64::from(dy) / span * (d.1 - d.0);
            set_zoom_y(s, scene, (d.0 + shift, d.1 + shift));
        }
    }
    let Some(domain) = domain_x else { return };
    pan_x(s, scene, dx, domain);
}

fn pan_x(s: &mut State, scene: &Scene, dx: f32, domain: (f64, f64)) {
    let Some(z) = scene.zoom else { return };
    let span = f64::from(z.range.1 - z.range.0);
    if span.abs() < 1e-6 {
        return;
    }
    let shift = -f64::from(dx) / span * (domain.1 - domain.0);
    if s.view.zoom.is_none() {
        // Panning the whole domain moves nothing: the window is already everything.
        return;
    }
    set_zoom(s, scene, (domain.0 + shift, domain.1 + shift));
}

/// Sets the zoom window, kept inside the full domain and no narrower than
/// [`MIN_ZOOM`] of it; a window as wide as the full domain is no zoom at all.
fn set_zoom(s: &mut State, scene: &Scene, (a, b): (f64, f64)) {
    let Some(full) = s.full_x.or(current(scene)) else {
        return;
    };
    s.full_x = Some(full);
    let full_w = full.1 - full.0;
    if full_w.is_nan() || full_w <= 0.0 || !a.is_finite() || !b.is_finite() {
        return;
    }
    let w = (b - a).clamp(full_w * MIN_ZOOM, full_w);
    if w >= full_w * 0.999 {
        s.view.zoom = None;
        return;
    }
    let lo = a.clamp(full.0, full.1 - w);
    s.view.zoom = Some((lo, lo + w));
    s.tooltip = s.tooltip.filter(|t| t.pinned);
}

/// Sets the y window of a y axis bound to the scales, as [`set_zoom`] sets the x one.
fn set_zoom_y(s: &mut State, scene: &Scene, (a, b): (f64, f64)) {
    let Some(full) = s
        .full_y
        .or(select::scales_y(s, scene).map(|axis| axis.domain))
    else {
        return;
    };
    s.full_y = Some(full);
    let full_w = full.1 - full.0;
    if full_w.is_nan() || full_w <= 0.0 || !a.is_finite() || !b.is_finite() {
        return;
    }
    let w = (b - a).clamp(full_w * MIN_ZOOM, full_w);
    if w >= full_w * 0.999 {
        s.view.zoom_y = None;
        return;
    }
    let lo = a.clamp(full.0, full.1 - w);
    s.view.zoom_y = Some((lo, lo + w));
    s.tooltip = s.tooltip.filter(|t| t.pinned);
}

fn is_zh(scene: &Scene) -> bool {
    scene.locale == crate::spec::Locale::Zh
}

/// What the live region says when focus lands on `target`.
pub fn announce_target(scene: &Scene, target: Target) -> String {
    match target {
        Target::Mark(m) => {
            let n = scene.mark_count();
            let order = scene.reading_order();
            let pos = order.iter().position(|&x| x == m).map_or(m, |p| p) + 1;
            let tip = crate::describe::tooltip(scene, m);
            let body = tip
                .rows
                .iter()
                .map(|(k, v)| {
                    if k.is_empty() {
                        v.clone()
                    } else {
                        format!("{k} {v}")
                    }
                })
                .collect::<Vec<_>>();
            if is_zh(scene) {
                format!("{}:{}。第 {pos} 项,共 {n} 项", tip.title, body.join(","))
            } else {
                format!("{}: {}. {pos} of {n}", tip.title, body.join(", "))
            }
        }
        Target::Legend(l) => {
            let Some(e) = scene.legend.get(l) else {
                return String::new();
            };
            if let Some(selected) = e.selected {
                return match (is_zh(scene), selected) {
                    (true, true) => format!("图例 {}:已选中,按回车只选它", e.label),
                    (true, false) => format!("图例 {}:未选中,按回车选择", e.label),
                    (false, true) => format!(
                        "Legend {}: selected, press Enter to select only it",
                        e.label
                    ),
                    (false, false) => {
                        format!("Legend {}: not selected, press Enter to select", e.label)
                    }
                };
            }
            match (is_zh(scene), e.hidden) {
                (true, false) => format!("图例 {}:显示中,按回车隐藏", e.label),
                (true, true) => format!("图例 {}:已隐藏,按回车显示", e.label),
                (false, false) => format!("Legend {}: shown, press Enter to hide", e.label),
                (false, true) => format!("Legend {}: hidden, press Enter to show", e.label),
            }
        }
    }
}

fn level_announcement(scene: &Scene, path: &[String]) -> String {
    match (is_zh(scene), path.last()) {
        (true, Some(p)) => format!("已进入 {p},按 Esc 返回上一级"),
        (true, None) => "已返回全部".to_string(),
        (false, Some(p)) => format!("Showing {p}; Escape goes back up"),
        (false, None) => "Showing all".to_string(),
    }
}

/// Opacity of marks that are not emphasised while something is.
const DIM: f32 = 0.3;
/// Charts of more marks than this are not dimmed on hover (every mark would be drawn
/// again for each move): the emphasised mark gets a ring over the unchanged picture.
pub const DIM_MAX_MARKS: usize = 5_000;
/// Focus ring colour (blue with ≥ 3:1 contrast on white and on the dark background).
pub const FOCUS_RING: Color = Color::rgb(0x1a, 0x6d, 0xe0);

/// The scene as drawn for `state`: with a mark emphasised (hover, focus or tooltip),
/// the other marks, and the lines and areas of other series, are dimmed; the legend
/// entry of the emphasised series is underlined; the focused mark or legend entry gets
/// a focus ring. Without any of these the scene is returned unchanged. Charts of more
/// than [`DIM_MAX_MARKS`] marks are not dimmed: the emphasised mark is ringed instead.
pub fn emphasise(scene: &Scene, state: &State) -> Scene {
    let mut out = scene.clone();
    out.groups = emphasised_groups(scene, state);
    out
}

/// The groups of [`emphasise`]'s scene: all that differs from `scene` (its items and
/// texts stay as they are), so that a repaint need not copy the items.
pub fn emphasised_groups(scene: &Scene, state: &State) -> Vec<MarkGroup> {
    let mut groups = scene.groups.clone();
    let mark = state.emphasised_mark();
    let series: Option<String> = match (state.hover_legend, mark) {
        (Some(l), _) => scene.legend.get(l).map(|e| e.series.clone()),
        (None, Some(m)) => scene
            .mark_item(m)
            .and_then(|i| scene.items.get(i))
            .and_then(|i| i.series.clone()),
        _ => None,
    };
    if scene.mark_count() > DIM_MAX_MARKS {
        // Too many marks to redraw dimmed within a frame: ring the emphasised mark
        // instead, drawn over the picture as it is.
        if let Some(r) = mark.and_then(|m| scene.mark_bounds(m)) {
            groups.extend(ring(r, scene_text_color(scene), 1.5));
        }
    } else if mark.is_some() || series.is_some() {
        let mut first_mark = 0;
        for g in groups.iter_mut() {
            let is_mark = !g.items.is_empty() && g.role != Role::DataShape;
            if g.items.is_empty() {
                continue;
            }
            let keep: Vec<bool> = g
                .items
                .iter()
                .enumerate()
                .map(|(k, &item)| {
                    let same_series = series.is_some()
                        && scene
                            .items
                            .get(item as usize)
                            .and_then(|i| i.series.as_ref())
                            == series.as_ref();
                    match (is_mark, state.hover_legend.is_some()) {
                        (true, false) => {
                            mark == Some(first_mark + k) || (mark.is_none() && same_series)
                        }
                        (true, true) => same_series,
                        (false, _) => same_series || series.is_none(),
                    }
                })
                .collect();
            if is_mark {
                first_mark += g.items.len();
            }
            dim(&mut g.shapes, &keep);
        }
        if let Some(s) = &series {
            if let Some(e) = scene.legend.iter().find(|e| e.series == *s) {
                let mut seg = Segments::default();
                let y = e.rect.y + e.rect.height - 1.0;
                seg.push((e.rect.x, y), (e.rect.x + e.rect.width, y));
                groups.extend(seg.into_group(Role::LegendSymbol, scene_text_color(scene), 1.5));
            }
        }
    }
    let ring = match state.focus {
        Some(Target::Mark(m)) => scene.mark_bounds(m),
        Some(Target::Legend(l)) => scene.legend.get(l).map(|e| e.rect),
        None => None,
    };
    if let Some(r) = ring {
        groups.extend(focus_ring(r));
    }
    groups
}

fn scene_text_color(scene: &Scene) -> Color {
    let bg = scene.background;
    if bg.luminance() < 0.4 {
        Color::rgb(235, 235, 235)
    } else {
        Color::rgb(40, 40, 40)
    }
}

fn dim(shapes: &mut Shapes, keep: &[bool]) {
    let fade = |paint: &mut Paint, n: usize| {
        let colors: Vec<Color> = (0..n)
            .map(|i| {
                let c = paint.get(i);
                if keep.get(i).copied().unwrap_or(true) {
                    c
                } else {
                    c.with_opacity(c.a * DIM)
                }
            })
            .collect();
        *paint = Paint::Each(colors);
    };
    let n = shapes.len();
    match shapes {
        Shapes::Rects { fill, .. } | Shapes::Arcs { fill, .. } | Shapes::Polygons { fill, .. } => {
            fade(fill, n)
        }
        Shapes::Paths { stroke, .. } => fade(stroke, n),
        Shapes::Points { fill, stroke, .. } => {
            fade(fill, n);
            if let Some(s) = stroke {
                fade(s, n);
            }
        }
        Shapes::Texts { .. } | Shapes::Lines { .. } => {}
    }
}

/// A 2 px ring 3 px outside `r`.
fn focus_ring(r: Rect) -> Option<MarkGroup> {
    ring(r, FOCUS_RING, 2.0)
}

/// A rectangle 3 px outside `r`, stroked in `color`.
fn ring(r: Rect, color: Color, width: f32) -> Option<MarkGroup> {
    let (x0, y0) = (r.x - 3.0, r.y - 3.0);
    let (x1, y1) = (r.x + r.width + 3.0, r.y + r.height + 3.0);
    let mut seg = Segments::default();
    seg.push((x0, y0), (x1, y0));
    seg.push((x1, y0), (x1, y1));
    seg.push((x1, y1), (x0, y1));
    seg.push((x0, y1), (x0, y0));
    seg.into_group(Role::Rule, color, width)
}

/// Where to put a tooltip box of `size` next to `anchor` (both CSS px, in the
/// viewport's coordinates) so that it stays inside `viewport` (width, height): above
/// the anchor when there is room, else below; shifted sideways to fit.
pub fn place_tooltip(anchor: (f32, f32), size: (f32, f32), viewport: (f32, f32)) -> (f32, f32) {
    const GAP: f32 = 10.0;
    const MARGIN: f32 = 4.0;
    let (w, h) = size;
    let x = (anchor.0 - w / 2.0).clamp(MARGIN, (viewport.0 - w - MARGIN).max(MARGIN));
    let above = anchor.1 - GAP - h;
    let y = if above >= MARGIN {
        above
    } else {
        (anchor.1 + GAP).min((viewport.1 - h - MARGIN).max(MARGIN))
    };
    (x, y)
}

mod move_brush;
mod select;
#[cfg(test)]
mod tests;
