//! The floor of stdviz's fixed stack (see README.md): the least a chart page built from
//! wasm-bindgen, web-sys, plotters, plotters-canvas, serde, serde_json and
//! serde-wasm-bindgen must download — parse a JSON spec, draw a labelled bar chart with
//! axes on a canvas through plotters, hand a value back to JS through serde-wasm-bindgen.
//! No validation, no error paths, no layout of its own, no legend, no interaction, no
//! accessibility: everything stdviz adds comes on top of these bytes.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
struct Row {
    label: String,
    value: f64,
}

#[derive(Deserialize)]
struct Spec {
    title: String,
    values: Vec<Row>,
}

fn js(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// Draws `spec` (`{"title": …, "values": [{"label": …, "value": …}]}`) on `canvas`;
/// returns `[bars, max]`.
#[wasm_bindgen]
pub fn draw(canvas: web_sys::HtmlCanvasElement, spec: &str) -> Result<JsValue, JsValue> {
    let spec: Spec = serde_json::from_str(spec).map_err(js)?;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(js)?;
    let max = spec.values.iter().map(|r| r.value).fold(0.0, f64::max);
    let n = spec.values.len();
    let mut chart = ChartBuilder::on(&root)
        .caption(&spec.title, ("sans-serif", 16))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d((0..n).into_segmented(), 0.0..max * 1.1)
        .map_err(js)?;
    let labels: Vec<String> = spec.values.iter().map(|r| r.label.clone()).collect();
    chart
        .configure_mesh()
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(js)?;
    chart
        .draw_series(spec.values.iter().enumerate().map(|(i, r)| {
            Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), r.value),
                ],
                BLUE.filled(),
            )
        }))
        .map_err(js)?;
    root.present().map_err(js)?;
    serde_wasm_bindgen::to_value(&(n, max)).map_err(js)
}
