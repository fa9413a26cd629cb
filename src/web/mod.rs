//! Browser glue: the only module that touches `web-sys`.
//!
//! It mounts a chart into a container element: creates the canvas, sizes its backing
//! store to CSS size × devicePixelRatio, lays the chart out at the container's width in
//! CSS pixels, draws the scene through plotters' `CanvasBackend`, labels the canvas for
//! screen readers and signals "rendered". A ResizeObserver schedules at most one redraw
//! per animation frame, and none when width and pixel ratio are unchanged. Errors become
//! JS exceptions with the core's message; a panic's message is kept for [`last_panic`].

use crate::layout::Viewport;
use crate::render::{draw, RenderOptions, TextConvention};
use crate::scene::Scene;
use crate::Chart;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, ResizeObserver};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook that keeps the panic's message for [`last_panic`].
#[wasm_bindgen(start)]
pub fn start() {
    crate::table::encoding::set_gb18030_decoder(browser_gb18030);
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&msg));
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// GB18030/GBK bytes decoded by the browser's own `TextDecoder`, so the wasm module
/// carries no decoding tables. Malformed sequences become U+FFFD.
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

/// What one mounted chart holds between redraws.
struct View {
    container: HtmlElement,
    canvas: HtmlCanvasElement,
    chart: Chart,
    scene: Option<Scene>,
    /// Width (CSS px) and pixel ratio of the last drawing.
    drawn: Option<(u32, f64)>,
    frame_requested: bool,
}

fn js_err(e: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&e.to_string()).into()
}

impl View {
    /// Replaces the chart (a new spec or new data) and forgets everything derived from
    /// the old one: the next [`View::redraw`] lays the new chart out from scratch.
    fn replace_chart(&mut self, chart: Chart) {
        self.chart = chart;
        self.scene = None;
        self.drawn = None;
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

    /// Lays out and draws at the container's current size.
    fn redraw(&mut self) -> Result<(), JsValue> {
        let (width, dpr) = self.current_size();
        let height = self.container.client_height();
        let scene = self
            .chart
            .scene(Viewport {
                width: width as f32,
                height: (height > 0).then_some(height as f32),
            })
            .map_err(js_err)?;
        let (css_w, css_h) = (scene.width.ceil(), scene.height.ceil());
        let style = self.canvas.style();
        style.set_property("width", &format!("{css_w}px"))?;
        style.set_property("height", &format!("{css_h}px"))?;
        self.canvas
            .set_width((f64::from(css_w) * dpr).round() as u32);
        self.canvas
            .set_height((f64::from(css_h) * dpr).round() as u32);
        let mut backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| js_err("this browser gives no 2D canvas context"))?;
        let options = RenderOptions {
            scale: dpr as f32,
            text: TextConvention::Pixels,
        };
        draw(&mut backend, &scene, &options).map_err(js_err)?;
        self.canvas
            .set_attribute("aria-label", &self.chart.summary(&scene))?;
        self.scene = Some(scene);
        self.drawn = Some((width, dpr));
        self.container
            .set_attribute("data-stdviz-state", "rendered")?;
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        let event = web_sys::CustomEvent::new_with_event_init_dict("stdviz:rendered", &init)?;
        self.container.dispatch_event(&event)?;
        Ok(())
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
        let mut v = view.borrow_mut();
        v.frame_requested = false;
        if v.drawn == Some(v.current_size()) {
            return;
        }
        if let Err(e) = v.redraw() {
            let msg = e.dyn_ref::<js_sys::Error>().map_or_else(
                || "redraw failed".to_string(),
                |e| String::from(e.message()),
            );
            v.container.set_attribute("data-stdviz-state", "error").ok();
            v.container.set_attribute("data-stdviz-error", &msg).ok();
        }
    });
    if let Some(w) = web_sys::window() {
        // A window without animation frames has nothing to redraw for.
        let _ = w.request_animation_frame(callback.unchecked_ref());
    }
}

/// The `data.url`s a spec needs, for the host to fetch before mounting it.
#[wasm_bindgen(js_name = dataUrls)]
pub fn data_urls(spec: &str) -> Result<Vec<String>, JsValue> {
    Chart::data_urls(spec).map_err(js_err)
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

/// A chart mounted in a container element.
#[wasm_bindgen]
pub struct ChartView {
    view: Rc<RefCell<View>>,
    observer: Option<ResizeObserver>,
    _on_resize: Option<Closure<dyn FnMut(js_sys::Array)>>,
}

#[wasm_bindgen]
impl ChartView {
    /// Mounts the chart described by `spec` (JSON text) into `container` and draws it.
    /// `data` is the fetched content of the spec's `data.url`: a string (for every URL)
    /// or an object mapping each URL (see [`data_urls`]) to a string or `Uint8Array`.
    /// Throws an Error whose message names where the spec or data is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(container: HtmlElement, spec: &str, data: JsValue) -> Result<ChartView, JsValue> {
        let chart = Chart::with_files(spec, &data_lookup(&data)).map_err(js_err)?;
        let document = container
            .owner_document()
            .ok_or_else(|| js_err("the container is not in a document"))?;
        let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        canvas.set_attribute("role", "img")?;
        canvas.set_class_name("stdviz-canvas");
        canvas.style().set_property("display", "block")?;
        container.append_child(&canvas)?;
        let view = Rc::new(RefCell::new(View {
            container: container.clone(),
            canvas,
            chart,
            scene: None,
            drawn: None,
            frame_requested: false,
        }));
        view.borrow_mut().redraw()?;

        let for_observer = Rc::clone(&view);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            schedule(&for_observer);
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(&container);
        Ok(ChartView {
            view,
            observer: Some(observer),
            _on_resize: Some(on_resize),
        })
    }

    /// Replaces the spec and data (same forms as the constructor) and draws the new
    /// chart. On error the old chart stays on screen and the error is thrown.
    pub fn update(&self, spec: &str, data: JsValue) -> Result<(), JsValue> {
        let chart = Chart::with_files(spec, &data_lookup(&data)).map_err(js_err)?;
        let mut v = self.view.borrow_mut();
        v.replace_chart(chart);
        v.redraw()
    }

    /// Lays out and draws again now (e.g. after the host changed the container).
    pub fn redraw(&self) -> Result<(), JsValue> {
        self.view.borrow_mut().redraw()
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
            .map_or(0, |s| s.items.len())
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
        let v = self.view.borrow();
        v.canvas.remove();
        v.container.remove_attribute("data-stdviz-state").ok();
    }
}
