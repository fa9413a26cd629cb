//! DOM events → [`interact::Event`]s. The only place that reads browser events; it
//! decides nothing about the chart: every event goes through [`interact::step`] in
//! [`super::View::handle`], which schedules a redraw only when the state changed.

use super::{schedule, View};
use crate::interact::{Event, Key, PointerKind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, HtmlElement, KeyboardEvent, PointerEvent, WheelEvent};

/// One registered listener: where, which event, the callback.
type Registered = (
    EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// Event listeners a chart registered, removed together on destroy.
#[derive(Default)]
pub struct Listeners {
    registered: Vec<Registered>,
}

impl Listeners {
    fn add(
        &mut self,
        target: &EventTarget,
        kind: &'static str,
        passive: bool,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Result<(), JsValue> {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let opts = web_sys::AddEventListenerOptions::new();
        opts.set_passive(passive);
        target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            closure.as_ref().unchecked_ref(),
            &opts,
        )?;
        self.registered.push((target.clone(), kind, closure));
        Ok(())
    }

    /// Removes every listener (their closures are dropped with them).
    pub fn remove_all(&mut self) {
        for (target, kind, closure) in self.registered.drain(..) {
            let _ =
                target.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        }
    }
}

fn pointer_kind(e: &PointerEvent) -> PointerKind {
    match e.pointer_type().as_str() {
        "touch" => PointerKind::Touch,
        "pen" => PointerKind::Pen,
        _ => PointerKind::Mouse,
    }
}

/// The pointer's position relative to the canvas, CSS px.
fn local(view: &Rc<RefCell<View>>, client_x: i32, client_y: i32) -> (f32, f32) {
    let r = view.borrow().parts.canvas.get_bounding_client_rect();
    (
        (f64::from(client_x) - r.left()) as f32,
        (f64::from(client_y) - r.top()) as f32,
    )
}

fn key_of(e: &KeyboardEvent) -> Option<Key> {
    Some(match e.key().as_str() {
        "ArrowLeft" => Key::Left,
        "ArrowRight" => Key::Right,
        "ArrowUp" => Key::Up,
        "ArrowDown" => Key::Down,
        "Home" => Key::Home,
        "End" => Key::End,
        "Enter" | " " => Key::Enter,
        "Escape" | "Esc" => Key::Escape,
        _ => return None,
    })
}

/// Sends `event` through the state machine.
fn send(view: &Rc<RefCell<View>>, event: Event) {
    let changed = view.borrow_mut().handle(event);
    super::flush(view);
    if changed {
        schedule(view);
    }
}

/// Listens on the chart's wrapper (pointer, wheel, keys, focus), its breadcrumb, and
/// the window (resize, page zoom, colour scheme).
pub fn listen(view: &Rc<RefCell<View>>, wrapper: &HtmlElement) -> Result<Listeners, JsValue> {
    let mut l = Listeners::default();
    let target: &EventTarget = wrapper.as_ref();
    let pointer = |make: fn(i32, f32, f32, PointerKind) -> Event| {
        let view = Rc::clone(view);
        move |e: web_sys::Event| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let (x, y) = local(&view, e.client_x(), e.client_y());
            if view.borrow().state.shift != e.shift_key() {
                send(
                    &view,
                    Event::Modifiers {
                        shift: e.shift_key(),
                    },
                );
            }
            send(&view, make(e.pointer_id(), x, y, pointer_kind(e)));
        }
    };
    l.add(
        target,
        "pointermove",
        true,
        pointer(|id, x, y, kind| Event::PointerMove { id, x, y, kind }),
    )?;
    l.add(
        target,
        "pointerdown",
        true,
        pointer(|id, x, y, kind| Event::PointerDown { id, x, y, kind }),
    )?;
    l.add(
        target,
        "pointerup",
        true,
        pointer(|id, x, y, kind| Event::PointerUp { id, x, y, kind }),
    )?;
    {
        let view = Rc::clone(view);
        l.add(target, "pointercancel", true, move |e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                send(&view, Event::PointerCancel { id: e.pointer_id() });
            }
        })?;
    }
    {
        let view = Rc::clone(view);
        l.add(target, "pointerleave", true, move |e| {
            // A finger lifting also "leaves": only the mouse leaving clears hover.
            if e.dyn_ref::<PointerEvent>()
                .is_some_and(|p| pointer_kind(p) == PointerKind::Mouse)
            {
                send(&view, Event::PointerLeave);
            }
        })?;
    }
    {
        // The wheel zooms only when the reader asked for the chart: it has keyboard
        // focus, or Ctrl/⌘ is held (also what trackpad pinches send). Otherwise the
        // page scrolls as usual.
        let view = Rc::clone(view);
        let wrapper = wrapper.clone();
        l.add(target, "wheel", false, move |e| {
            let Some(w) = e.dyn_ref::<WheelEvent>() else {
                return;
            };
            // `:focus` holds inside a shadow root too (document.activeElement would be
            // the shadow host).
            let focused = wrapper.matches(":focus").unwrap_or(false);
            if !(w.ctrl_key() || w.meta_key() || focused) {
                return;
            }
            let (x, y) = local(&view, w.client_x(), w.client_y());
            let takes = {
                let v = view.borrow();
                v.scene
                    .as_ref()
                    .is_some_and(|s| crate::interact::takes_wheel(&v.state, s, (x, y)))
            };
            if !takes {
                return;
            }
            let scale = match w.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            e.prevent_default();
            send(
                &view,
                Event::Wheel {
                    x,
                    y,
                    delta: (w.delta_y() * scale) as f32,
                },
            );
        })?;
    }
    {
        let view = Rc::clone(view);
        l.add(target, "dblclick", true, move |_| {
            send(&view, Event::DoubleClick)
        })?;
    }
    {
        let view = Rc::clone(view);
        let wrapper = wrapper.clone();
        l.add(target, "keydown", false, move |e| {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            // Keys on the breadcrumb's buttons are theirs.
            if e.target().as_ref() != Some(wrapper.as_ref()) || k.ctrl_key() || k.meta_key() {
                return;
            }
            if k.alt_key() {
                // Alt+arrows move a drawn brush; otherwise they stay the browser's.
                let key = key_of(k).filter(|key| {
                    matches!(key, Key::Left | Key::Right | Key::Up | Key::Down) && {
                        let v = view.borrow();
                        v.scene
                            .as_ref()
                            .is_some_and(|s| crate::interact::moves_brush(&v.state, s))
                    }
                });
                if let Some(key) = key {
                    e.prevent_default();
                    send(&view, Event::AltKey(key));
                }
                return;
            }
            if let Some(key) = key_of(k) {
                e.prevent_default();
                if view.borrow().state.shift != k.shift_key() {
                    send(
                        &view,
                        Event::Modifiers {
                            shift: k.shift_key(),
                        },
                    );
                }
                send(&view, Event::Key(key));
            }
        })?;
    }
    {
        let view = Rc::clone(view);
        let wrapper = wrapper.clone();
        l.add(target, "focus", true, move |_| {
            // Keyboard focus only: a mouse click focuses the wrapper too, and must not
            // open the first mark's tooltip.
            if wrapper.matches(":focus-visible").unwrap_or(true) {
                send(&view, Event::Focus);
            }
        })?;
    }
    {
        let view = Rc::clone(view);
        let wrapper = wrapper.clone();
        l.add(target, "blur", true, move |_| {
            let _ = &wrapper;
            send(&view, Event::Blur);
        })?;
    }
    {
        let view = Rc::clone(view);
        let crumbs: EventTarget = view.borrow().parts.crumbs.clone().into();
        l.add(&crumbs, "click", true, move |e| {
            let depth = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button[data-depth]").ok().flatten())
                .and_then(|b| b.get_attribute("data-depth"))
                .and_then(|d| d.parse::<usize>().ok());
            if let Some(depth) = depth {
                send(&view, Event::DrillTo(depth));
                let wrapper = view.borrow().parts.wrapper.clone();
                let _ = wrapper.focus();
            }
        })?;
    }
    if let Some(doc) = wrapper.owner_document() {
        // A tap or click anywhere else on the page closes a pinned tooltip. The chart
        // may sit in a shadow root: look along the event's composed path.
        let view = Rc::clone(view);
        let wrapper = wrapper.clone();
        l.add(doc.as_ref(), "pointerdown", true, move |e| {
            let inside = e.composed_path().includes(wrapper.as_ref(), 0);
            if !inside && view.borrow().state.tooltip.is_some() {
                send(&view, Event::Outside);
            }
        })?;
    }
    if let Some(window) = web_sys::window() {
        // Page zoom changes devicePixelRatio, sometimes without resizing the container.
        let view_r = Rc::clone(view);
        l.add(window.as_ref(), "resize", true, move |_| schedule(&view_r))?;
        if let Ok(Some(mq)) = window.match_media("(prefers-color-scheme: dark)") {
            let view = Rc::clone(view);
            l.add(mq.as_ref(), "change", true, move |_| {
                let changed = view.borrow_mut().follow_color_scheme();
                if changed {
                    schedule(&view);
                }
            })?;
        }
    }
    Ok(l)
}

/// Listens on the controls of bound parameters (`web::inputs`): each change is an
/// `Event::Input` with the control's number (full build only, as params are).
#[cfg(feature = "full")]
pub fn listen_inputs(
    view: &Rc<RefCell<View>>,
    controls: &[super::inputs::Control],
    l: &mut Listeners,
) -> Result<(), JsValue> {
    use super::inputs::Reading;
    for c in controls {
        let (param, reading) = (c.param, c.reading);
        let view = Rc::clone(view);
        let kind = if reading == Reading::Number {
            "input"
        } else {
            "change"
        };
        l.add(c.element.as_ref(), kind, true, move |e| {
            let Some(target) = e.target() else { return };
            let read = |key: &str| js_sys::Reflect::get(&target, &JsValue::from_str(key)).ok();
            let number = match reading {
                Reading::Checked => read("checked")
                    .and_then(|v| v.as_bool())
                    .map(|b| f64::from(u8::from(b))),
                Reading::Number | Reading::Option => read("value")
                    .and_then(|v| v.as_string())
                    .and_then(|t| crate::decimal::parse_f64(t.trim())),
            };
            if let Some(number) = number {
                send(&view, Event::Input { param, number });
            }
        })?;
    }
    Ok(())
}
