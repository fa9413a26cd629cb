//! Browser glue: the only module that touches `web-sys`.
//!
//! It mounts a chart into a container element: creates the canvas, sizes its backing
//! store to CSS size × devicePixelRatio, lays the chart out at the container's width in
//! CSS pixels, draws the scene through a plotters `DrawingBackend` on the canvas
//! ([`canvas::BatchedCanvas`], `CanvasBackend` with batched fills), labels the canvas for
//! screen readers and signals "rendered". A ResizeObserver schedules at most one redraw
//! per animation frame, and none when width and pixel ratio are unchanged. Errors become
//! JS exceptions with the core's message; a panic's message is kept for [`last_panic`].

use crate::interact::{self, Event, State};
use crate::layout::Viewport;
use crate::render::{draw, draw_over, RenderOptions, TextConvention};
use crate::scene::Scene;
use crate::Chart;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ResizeObserver};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook that keeps the panic's message for [`last_panic`].
#[wasm_bindgen(start)]
pub fn start() {
    // The explorer's wasm decodes GB18030 itself (encoding_rs, much faster on big files).
    #[cfg(not(feature = "explore"))]
    crate::table::encoding::set_gb18030_decoder(browser_gb18030);
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&msg));
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// GB18030/GBK bytes decoded by the browser's own `TextDecoder`, so the wasm module
/// carries no decoding tables. Malformed sequences become U+FFFD.
#[cfg(not(feature = "explore"))]
fn browser_gb18030(bytes: &[u8]) -> String {
    match web_sys::TextDecoder::new_with_label("gb18030") {
        Ok(d) => d.decode_with_u8_array(bytes).unwrap_or_default(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The message of the last panic, if any (a panic aborts the wasm instance; the host
/// shows this in the chart's box).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

pub mod canvas;
// The explorer's data engine: only in the explorer's own wasm (feature `explore`).
#[cfg(feature = "explore")]
pub(crate) mod dataset;
mod dom;
mod events;
mod export;
#[cfg(feature = "full")]
mod inputs;
// The table form (`usermeta.stdviz.form: "table"`) is mounted by the full wasm only: the
// lite parser answers NeedsFull for it, before stdviz.js asks `isTableForm`.
#[cfg(feature = "full")]
mod table;

/// Whether `spec` asks for the table form: never in the lite wasm, whose parser answers
/// NeedsFull for it (stdviz.js then mounts it with the full wasm, whose `web::table`
/// answers this).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(js_name = isTableForm)]
pub fn is_table_form(_spec: &str) -> bool {
    false
}

/// How a chart picks its colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ThemeChoice {
    /// Dark when the reader prefers dark and the page supports it (its computed
    /// `color-scheme` includes `dark`): the chart matches the page around it.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The choice `options.theme` makes (`"light"`, `"dark"`, else automatic).
    fn of(options: &JsValue) -> ThemeChoice {
        match js_sys::Reflect::get(options, &JsValue::from_str("theme"))
            .ok()
            .and_then(|t| t.as_string())
            .as_deref()
        {
            Some("light") => ThemeChoice::Light,
            Some("dark") => ThemeChoice::Dark,
            _ => ThemeChoice::Auto,
        }
    }

    /// Whether a chart in `container` is dark now.
    fn is_dark(self, container: &HtmlElement) -> bool {
        match self {
            ThemeChoice::Light => false,
            ThemeChoice::Dark => true,
            ThemeChoice::Auto => {
                let prefers = web_sys::window()
                    .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                    .is_some_and(|m| m.matches());
                let supported = web_sys::window()
                    .and_then(|w| w.get_computed_style(container).ok().flatten())
                    .and_then(|s| s.get_property_value("color-scheme").ok())
                    .is_some_and(|v| v.contains("dark"));
                prefers && supported
            }
        }
    }
}

/// What one mounted chart holds between redraws.
struct View {
    container: HtmlElement,
    parts: dom::Parts,
    chart: Chart,
    /// The scene as laid out (before emphasis).
    scene: Option<Scene>,
    /// What the reader has done.
    state: State,
    theme: ThemeChoice,
    /// Width (CSS px) and pixel ratio of the last layout.
    drawn: Option<(u32, f64)>,
    /// The view state changed: lay out again at the next frame.
    needs_layout: bool,
    /// Hover, focus or tooltip changed: paint the same scene again.
    needs_paint: bool,
    frame_requested: bool,
    /// The tooltip on screen, so it is rebuilt only when it changes.
    tooltip_shown: Option<usize>,
    /// The groups last drawn on the canvas (after emphasis), to skip identical repaints.
    last_drawn: Option<Vec<crate::scene::MarkGroup>>,
    /// An offscreen copy of the plain picture (no emphasis), when `base_saved`: emphasis
    /// that only adds groups is drawn over it instead of redrawing every mark.
    base: web_sys::HtmlCanvasElement,
    base_saved: bool,
    /// Events for the host, sent once the view is no longer borrowed (a listener may
    /// call back into the chart).
    outbox: Vec<web_sys::CustomEvent>,
}

fn js_err(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

/// A core error as a JS `Error`; [`crate::error::Error::NeedsFull`] gets the name
/// `"NeedsFull"`, which tells stdviz.js to draw the chart with the full wasm instead.
fn chart_err(e: crate::error::Error) -> JsValue {
    let js = js_sys::Error::new(&e.to_string());
    if matches!(e, crate::error::Error::NeedsFull { .. }) {
        js.set_name("NeedsFull");
    }
    js.into()
}

impl View {
    /// Replaces the chart (a new spec or new data) and forgets everything derived from
    /// the old one: the next [`View::redraw`] lays the new chart out from scratch.
    fn replace_chart(&mut self, chart: Chart) {
        self.chart = chart;
        self.scene = None;
        self.drawn = None;
        let dark = self.state.view.dark;
        self.state = State::with_params(&self.chart.spec.params);
        self.state.view.dark = dark;
        self.tooltip_shown = None;
    }

    fn current_size(&self) -> (u32, f64) {
        let width = self
            .container
            .get_bounding_client_rect()
            .width()
            .floor()
            .max(0.0) as u32;
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        (width, if dpr > 0.0 { dpr } else { 1.0 })
    }

    /// Sets the dark flag from the page and the reader's preference; true if it changed.
    fn follow_color_scheme(&mut self) -> bool {
        let dark = self.theme.is_dark(&self.container);
        let changed = self.state.view.dark != dark;
        if changed {
            self.state.view.dark = dark;
            self.needs_layout = true;
        }
        changed
    }

    /// Lays out at the container's current size and draws.
    fn redraw(&mut self) -> Result<(), JsValue> {
        self.layout()?;
        self.paint()
    }

    /// Lays the chart out as the reader left it, at the container's current size, and
    /// refreshes everything derived from the scene: canvas size, summary, data table,
    /// breadcrumb.
    fn layout(&mut self) -> Result<(), JsValue> {
        let (width, dpr) = self.current_size();
        let height = self.container.client_height();
        let scene = self
            .chart
            .scene_with(
                Viewport {
                    width: width as f32,
                    height: (height > 0).then_some(height as f32),
                },
                &self.state.view,
            )
            .map_err(chart_err)?;
        let canvas = &self.parts.canvas;
        let (css_w, css_h) = (scene.width.ceil(), scene.height.ceil());
        let style = canvas.style();
        style.set_property("width", &format!("{css_w}px"))?;
        style.set_property("height", &format!("{css_h}px"))?;
        // Setting the size clears the canvas: the next paint draws in full.
        self.last_drawn = None;
        self.base_saved = false;
        canvas.set_width((f64::from(css_w) * dpr).round() as u32);
        canvas.set_height((f64::from(css_h) * dpr).round() as u32);
        let summary = self.chart.summary(&scene);
        canvas.set_attribute("aria-label", &summary)?;
        let zh = scene.locale == crate::spec::Locale::Zh;
        let how = match (zh, scene.mark_count() > 0) {
            (_, false) => String::new(),
            (true, true) => "。用方向键逐项浏览,回车选择,Esc 关闭".to_string(),
            (false, true) => {
                ". Arrow keys move between items, Enter selects, Escape closes".to_string()
            }
        };
        self.parts.wrapper.set_attribute(
            "aria-label",
            &format!(
                "{}{how}",
                scene
                    .title
                    .as_deref()
                    .unwrap_or(if zh { "图表" } else { "Chart" })
            ),
        )?;
        // Zoomable and brushable charts take the drags they use; the page keeps the rest.
        self.parts.wrapper.style().set_property(
            "touch-action",
            crate::interact::touch_action(&self.state, &scene),
        )?;
        self.parts.fill_table(&scene)?;
        self.parts.fill_crumbs(&scene)?;
        self.state.after_layout(&scene);
        self.scene = Some(scene);
        self.drawn = Some((width, dpr));
        self.needs_layout = false;
        self.needs_paint = true;
        self.container
            .set_attribute("data-stdviz-state", "rendered")?;
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        let event = web_sys::CustomEvent::new_with_event_init_dict("stdviz:rendered", &init)?;
        self.outbox.push(event);
        Ok(())
    }

    /// Draws the scene with the reader's emphasis and focus ring, and places the
    /// tooltip.
    fn paint(&mut self) -> Result<(), JsValue> {
        let Some(scene) = &mut self.scene else {
            return Ok(());
        };
        let dpr = self.drawn.map_or(1.0, |d| d.1);
        // Only the groups change with emphasis: the items (with their texts) are not
        // copied for a repaint.
        let drawn = interact::emphasised_groups(scene, &self.state);
        // Hovering the next point of a single line changes the state but not the
        // picture: then the canvas is left as it is.
        if self.last_drawn.as_ref() != Some(&drawn) {
            let mut backend = canvas::BatchedCanvas::new(&self.parts.canvas)
                .ok_or_else(|| js_err("this browser gives no 2D canvas context"))?;
            let options = RenderOptions {
                scale: dpr as f32,
                text: TextConvention::Pixels,
            };
            let n = scene.groups.len();
            // Emphasis that only adds groups (a ring over a large chart, a focus ring
            // without dimming) is drawn over a copy of the plain picture.
            let adds_only = drawn.len() > n && drawn[..n] == scene.groups[..];
            let plain = drawn == scene.groups;
            if adds_only && self.base_saved {
                backend.restore_from(&self.base)?;
                draw_over(&mut backend, scene, &drawn[n..], &options).map_err(js_err)?;
                self.last_drawn = Some(drawn);
            } else if adds_only || plain {
                // The copy is taken when emphasis first needs it, not at every redraw (a
                // whole-canvas copy is a fifth of redrawing a large line chart): from the
                // canvas itself when it shows the plain picture already.
                let shows_plain = self.last_drawn.as_deref() == Some(&scene.groups[..]);
                if !(adds_only && shows_plain) {
                    draw(&mut backend, scene, &options).map_err(js_err)?;
                }
                if adds_only {
                    backend.save_to(&self.base)?;
                    self.base_saved = true;
                    draw_over(&mut backend, scene, &drawn[n..], &options).map_err(js_err)?;
                }
                self.last_drawn = Some(drawn);
            } else {
                let base = std::mem::replace(&mut scene.groups, drawn);
                let result = draw(&mut backend, scene, &options);
                let drawn = std::mem::replace(&mut scene.groups, base);
                result.map_err(js_err)?;
                self.last_drawn = Some(drawn);
            }
        }
        let scene = &*scene;
        self.needs_paint = false;
        match self.state.tooltip {
            Some(t) => {
                let bounds = scene.mark_bounds(t.mark);
                let r = self.parts.canvas.get_bounding_client_rect();
                if let Some(b) = bounds {
                    // Above the mark's top edge (the middle of a slice or point).
                    let (ax, ay) = match scene.mark_anchor(t.mark) {
                        Some((x, y, _)) if scene.kind.is_polar() => (x, y),
                        _ => (b.x + b.width / 2.0, b.y),
                    };
                    if self.tooltip_shown != Some(t.mark) {
                        let tip = crate::describe::tooltip(scene, t.mark);
                        self.parts
                            .show_tooltip(&tip, r.left() as f32 + ax, r.top() as f32 + ay)?;
                        self.tooltip_shown = Some(t.mark);
                    }
                }
            }
            None => {
                // Always: the box may be showing after a layout forgot what it showed.
                self.tooltip_shown = None;
                self.parts.hide_tooltip()?;
            }
        }
        Ok(())
    }

    /// Runs `event` through the state machine; true when a redraw is needed.
    fn handle(&mut self, event: Event) -> bool {
        let Some(scene) = &self.scene else {
            return false;
        };
        let (next, out) = interact::step(&self.state, event, scene);
        if let Some(a) = &out.announce {
            self.parts.announce(a);
        }
        if let Some(item) = out.selected.and_then(|i| scene.items.get(i)) {
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            init.set_detail(&serde_wasm_bindgen::to_value(item).unwrap_or(JsValue::NULL));
            if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("stdviz:select", &init) {
                self.outbox.push(e);
            }
        }
        if next == self.state {
            return false;
        }
        if next.view != self.state.view {
            self.needs_layout = true;
        } else {
            self.needs_paint = true;
        }
        self.state = next;
        if matches!(event, Event::Focus | Event::Key(_)) {
            // Keyboard focus can land on a mark after a new layout: keep the ring in view.
            self.tooltip_shown = None;
        }
        true
    }

    /// One animation frame: lay out if the size or view state changed, paint if the
    /// emphasis changed. Errors stay in the chart's box.
    fn frame(&mut self) {
        let resized = self.drawn != Some(self.current_size());
        let result = if resized || self.needs_layout {
            self.tooltip_shown = None;
            self.redraw()
        } else if self.needs_paint {
            self.paint()
        } else {
            Ok(())
        };
        if let Err(e) = result {
            let msg = e.dyn_ref::<js_sys::Error>().map_or_else(
                || "redraw failed".to_string(),
                |e| String::from(e.message()),
            );
            self.container
                .set_attribute("data-stdviz-state", "error")
                .ok();
            self.container.set_attribute("data-stdviz-error", &msg).ok();
        }
    }
}

/// Sends the view's queued events to the host, with the view no longer borrowed.
fn flush(view: &Rc<RefCell<View>>) {
    let (container, events) = {
        let mut v = view.borrow_mut();
        (v.container.clone(), std::mem::take(&mut v.outbox))
    };
    for e in events {
        let _ = container.dispatch_event(&e);
    }
}

/// Asks for one redraw on the next animation frame, unless one is already pending.
fn schedule(view: &Rc<RefCell<View>>) {
    {
        let mut v = view.borrow_mut();
        if v.frame_requested {
            return;
        }
        v.frame_requested = true;
    }
    let view = Rc::clone(view);
    let callback = Closure::once_into_js(move || {
        {
            let mut v = view.borrow_mut();
            v.frame_requested = false;
            v.frame();
        }
        flush(&view);
    });
    if let Some(w) = web_sys::window() {
        // A window without animation frames has nothing to redraw for.
        let _ = w.request_animation_frame(callback.unchecked_ref());
    }
}

/// The `data.url`s a spec needs, for the host to fetch before mounting it.
#[wasm_bindgen(js_name = dataUrls)]
pub fn data_urls(spec: &str) -> Result<Vec<String>, JsValue> {
    Chart::data_urls(spec).map_err(chart_err)
}

/// A chart published as `stdviz publish` writes it (`publish::build`: the pictures at
/// every published width, their CSS, and the spec with its small data for the live
/// chart), for the explorer's embed code and a page's offline HTML. `data` as for
/// [`ChartView::new`]; `id` is the fragment's element id. Returns `{html, pictures}`.
/// Throws an Error naming where the spec or data is wrong. Full build only: a reader's
/// page never publishes, so the lite wasm every page fetches leaves the writer out.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = publishFragment)]
pub fn publish_fragment(spec: &str, data: JsValue, id: &str) -> Result<JsValue, JsValue> {
    let lookup = data_lookup(&data);
    let urls = Chart::data_urls(spec).map_err(js_err)?;
    let files: Vec<(String, Vec<u8>)> = urls
        .into_iter()
        .filter_map(|u| lookup(&u).map(|b| (u, b)))
        .collect();
    let chart = Chart::with_options(
        spec,
        &|u: &str| files.iter().find(|(k, _)| k == u).map(|(_, b)| b.clone()),
        &crate::Options::default(),
    )
    .map_err(js_err)?;
    let fragment = crate::publish::build(&chart, spec, &files, id, None).map_err(js_err)?;
    let out = js_sys::Object::new();
    for (key, value) in [("html", fragment.html), ("pictures", fragment.pictures)] {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), &JsValue::from_str(&value))?;
    }
    Ok(out.into())
}

/// Reads the fetched data the host hands over: one text for every URL, or an object
/// mapping each URL to its text.
fn data_lookup(data: &JsValue) -> impl Fn(&str) -> Option<Vec<u8>> + '_ {
    move |url: &str| {
        if let Some(text) = data.as_string() {
            return Some(text.into_bytes());
        }
        if data.is_object() {
            let v = js_sys::Reflect::get(data, &JsValue::from_str(url)).ok()?;
            if let Some(text) = v.as_string() {
                return Some(text.into_bytes());
            }
            if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
                return Some(bytes.to_vec());
            }
        }
        None
    }
}

/// The host's limits from a mount's `options` (`options.limits`; unknown keys are an
/// error), else the defaults.
fn limits_from(options: &JsValue) -> Result<crate::Limits, JsValue> {
    match js_sys::Reflect::get(options, &JsValue::from_str("limits")) {
        Ok(v) if !v.is_undefined() && !v.is_null() => {
            // serde-wasm-bindgen reads only the fields it knows: a typo would keep a
            // default silently, so unknown keys are refused here.
            use crate::limits::Limit;
            if let Some(obj) = v.dyn_ref::<js_sys::Object>() {
                for k in js_sys::Object::keys(obj).iter() {
                    let k = k.as_string().unwrap_or_default();
                    if !Limit::ALL.iter().any(|l| l.js_name() == k) {
                        let keys: Vec<&str> = Limit::ALL.iter().map(|l| l.js_name()).collect();
                        return Err(js_err(format!(
                            "options.limits: unknown limit \"{k}\", expected one of {}",
                            keys.join(", ")
                        )));
                    }
                }
            }
            serde_wasm_bindgen::from_value::<crate::Limits>(v)
                .map_err(|e| js_err(format!("options.limits: {e}")))
        }
        _ => Ok(crate::Limits::default()),
    }
}

/// A chart mounted in a container element.
#[wasm_bindgen]
pub struct ChartView {
    view: Rc<RefCell<View>>,
    observer: Option<ResizeObserver>,
    _on_resize: Option<Closure<dyn FnMut(js_sys::Array)>>,
    listeners: events::Listeners,
}

#[wasm_bindgen]
impl ChartView {
    /// Mounts the chart described by `spec` (JSON text) into `container` and draws it.
    /// `data` is the fetched content of the spec's `data.url`: a string (for every URL)
    /// or an object mapping each URL (see [`data_urls`]) to a string or `Uint8Array`.
    /// `options` (optional): `{theme: "auto" | "light" | "dark", limits: {maxMarks, …}}`
    /// (limits: docs/LIMITS.md; unknown keys are an error).
    /// Throws an Error whose message names where the spec or data is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        container: HtmlElement,
        spec: &str,
        data: JsValue,
        options: JsValue,
    ) -> Result<ChartView, JsValue> {
        let limits = limits_from(&options)?;
        let chart = Chart::with_options(spec, &data_lookup(&data), &crate::Options { limits })
            .map_err(chart_err)?;
        let theme = ThemeChoice::of(&options);
        #[cfg_attr(not(feature = "full"), allow(unused_mut))]
        let mut parts = dom::Parts::new(&container)?;
        // Input elements bound to params (`web::inputs`): params are the full build's.
        #[cfg(feature = "full")]
        let controls = {
            let doc = container
                .owner_document()
                .ok_or_else(|| js_err("the chart's container is not in a document"))?;
            match inputs::build(&doc, &chart.spec.params)? {
                Some((root, controls)) => {
                    container.append_child(&root)?;
                    parts.controls = Some(root);
                    controls
                }
                None => Vec::new(),
            }
        };
        let base = container
            .owner_document()
            .ok_or_else(|| js_err("the chart's container is not in a document"))?
            .create_element("canvas")?
            .dyn_into()?;
        let view = Rc::new(RefCell::new(View {
            container: container.clone(),
            parts,
            state: State::with_params(&chart.spec.params),
            chart,
            scene: None,
            theme,
            drawn: None,
            needs_layout: true,
            needs_paint: false,
            frame_requested: false,
            tooltip_shown: None,
            last_drawn: None,
            base,
            base_saved: false,
            outbox: Vec::new(),
        }));
        {
            let mut v = view.borrow_mut();
            v.follow_color_scheme();
            if let Err(e) = v.redraw() {
                v.parts.remove();
                return Err(e);
            }
        }
        let wrapper = view.borrow().parts.wrapper.clone();
        #[cfg_attr(not(feature = "full"), allow(unused_mut))]
        let mut listeners = events::listen(&view, &wrapper)?;
        #[cfg(feature = "full")]
        events::listen_inputs(&view, &controls, &mut listeners)?;
        let for_observer = Rc::clone(&view);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            schedule(&for_observer);
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(&container);
        flush(&view);
        Ok(ChartView {
            view,
            observer: Some(observer),
            _on_resize: Some(on_resize),
            listeners,
        })
    }

    /// Replaces the spec and data (same forms as the constructor) and draws the new
    /// chart. On error the old chart stays on screen and the error is thrown.
    pub fn update(&self, spec: &str, data: JsValue) -> Result<(), JsValue> {
        // The host's limits stay those the chart was mounted with.
        let options = self.view.borrow().chart.options;
        let chart = Chart::with_options(spec, &data_lookup(&data), &options).map_err(chart_err)?;
        let result = {
            let mut v = self.view.borrow_mut();
            v.replace_chart(chart);
            v.redraw()
        };
        flush(&self.view);
        result
    }

    /// Lays out and draws again now (e.g. after the host changed the container).
    pub fn redraw(&self) -> Result<(), JsValue> {
        let result = self.view.borrow_mut().redraw();
        flush(&self.view);
        result
    }

    /// Warnings from reading the spec (unknown properties), each naming its JSON path.
    pub fn warnings(&self) -> Vec<String> {
        self.view
            .borrow()
            .chart
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The accessible summary of the chart as drawn.
    pub fn summary(&self) -> String {
        let v = self.view.borrow();
        v.scene
            .as_ref()
            .map(|s| v.chart.summary(s))
            .unwrap_or_default()
    }

    /// Number of data marks (bars, slices) drawn.
    #[wasm_bindgen(js_name = markCount)]
    pub fn mark_count(&self) -> usize {
        self.view
            .borrow()
            .scene
            .as_ref()
            .map_or(0, Scene::mark_count)
    }

    /// The data behind the mark under (`x`, `y`) in CSS px relative to the canvas:
    /// `{label, series, value, share}`, or `undefined`.
    #[wasm_bindgen(js_name = hitTest)]
    pub fn hit_test(&self, x: f32, y: f32) -> JsValue {
        let v = self.view.borrow();
        let Some(scene) = &v.scene else {
            return JsValue::UNDEFINED;
        };
        match scene.hit(x, y).and_then(|h| scene.items.get(h.item)) {
            Some(item) => serde_wasm_bindgen::to_value(item).unwrap_or(JsValue::UNDEFINED),
            None => JsValue::UNDEFINED,
        }
    }

    /// A point inside data mark `i` (CSS px, relative to the canvas) and its colour as
    /// CSS text: `[x, y, "#4c78a8"]`; `undefined` when there is no such mark. Lets tests
    /// and hosts find marks from the scene instead of guessing pixels.
    #[wasm_bindgen(js_name = markAnchor)]
    pub fn mark_anchor(&self, i: usize) -> JsValue {
        let v = self.view.borrow();
        let Some(scene) = &v.scene else {
            return JsValue::UNDEFINED;
        };
        let Some((x, y, color)) = scene.mark_anchor(i) else {
            return JsValue::UNDEFINED;
        };
        let out = js_sys::Array::new();
        out.push(&JsValue::from_f64(f64::from(x)));
        out.push(&JsValue::from_f64(f64::from(y)));
        out.push(&JsValue::from_str(&color.to_string()));
        out.into()
    }

    /// Every text drawn, with its box in CSS px relative to the canvas:
    /// `[[text, x0, y0, x1, y1], …]`. Lets tests check that no labels overlap.
    #[wasm_bindgen(js_name = textBoxes)]
    pub fn text_boxes(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        if let Some(scene) = &self.view.borrow().scene {
            for (t, r) in scene.text_boxes() {
                let b = js_sys::Array::new();
                b.push(&JsValue::from_str(t));
                for v in [r.x, r.y, r.x + r.width, r.y + r.height] {
                    b.push(&JsValue::from_f64(f64::from(v)));
                }
                out.push(&b);
            }
        }
        out
    }

    /// The chart as SVG text, drawn from the same scene as the canvas.
    #[wasm_bindgen(js_name = toSVG)]
    pub fn to_svg(&self) -> Result<String, JsValue> {
        let v = self.view.borrow();
        let scene = v
            .scene
            .as_ref()
            .ok_or_else(|| js_err("the chart has not been drawn"))?;
        crate::svg::to_svg(scene).map_err(js_err)
    }

    /// Stops observing the container and removes the canvas.
    pub fn destroy(&mut self) {
        if let Some(o) = self.observer.take() {
            o.disconnect();
        }
        self._on_resize = None;
        self.listeners.remove_all();
        let v = self.view.borrow();
        v.parts.remove();
        v.container.remove_attribute("data-stdviz-state").ok();
    }
}
