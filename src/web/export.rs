//! Export of a mounted chart: the scene drawn again into an offscreen canvas at any pixel
//! scale (PNG), and the chart's data as CSV or as plain JS objects.
//!
//! Nothing here lays the chart out again: PNG export draws the scene already on screen,
//! so the image is the chart the reader sees, at `scale` device pixels per CSS pixel.

use super::{js_err, ChartView};
use crate::render::{draw, RenderOptions, TextConvention};
use crate::table::export::{cell_text, tables_in_order, to_csv};
use crate::table::{Table, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// Largest pixel scale an export accepts.
pub const MAX_EXPORT_SCALE: f64 = 8.0;

/// Largest side of an exported canvas, in device pixels (browsers refuse larger ones).
pub const MAX_EXPORT_SIDE: f64 = 16_384.0;

/// The rows of `table` as an array of plain objects: numbers as numbers, dates as ISO
/// text, missing values as `null`, text as text.
fn rows_to_js(table: &Table) -> Result<js_sys::Array, JsValue> {
    let rows = js_sys::Array::new();
    for row in 0..table.row_count() {
        let obj = js_sys::Object::new();
        for c in table.columns() {
            let v = match c.value(row) {
                Value::Number(n) => JsValue::from_f64(n),
                Value::Null => JsValue::NULL,
                other => JsValue::from_str(&cell_text(other)),
            };
            js_sys::Reflect::set(&obj, &JsValue::from_str(&c.name), &v)?;
        }
        rows.push(&obj);
    }
    Ok(rows)
}

#[wasm_bindgen]
impl ChartView {
    /// A new canvas (not in the document) holding the chart as drawn, at `scale` device
    /// pixels per CSS pixel: `scale` 2 gives an image twice the chart's CSS width and
    /// height. For PNG export: `canvas.toBlob(cb, "image/png")`. Throws when the chart has
    /// not been drawn or when `scale` is not in (0, 8] or the image would exceed 16384
    /// pixels on a side.
    #[wasm_bindgen(js_name = exportCanvas)]
    pub fn export_canvas(&self, scale: f64) -> Result<HtmlCanvasElement, JsValue> {
        if !(scale.is_finite() && scale > 0.0 && scale <= MAX_EXPORT_SCALE) {
            return Err(js_err(format!(
                "export scale must be a number above 0 and at most {MAX_EXPORT_SCALE}, got {scale}"
            )));
        }
        let v = self.view.borrow();
        let scene = v
            .scene
            .as_ref()
            .ok_or_else(|| js_err("the chart has not been drawn"))?;
        let width = (f64::from(scene.width.ceil()) * scale).round();
        let height = (f64::from(scene.height.ceil()) * scale).round();
        if width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE {
            return Err(js_err(format!(
                "a {width}×{height} px image is larger than {MAX_EXPORT_SIDE} px on a side; use a smaller scale"
            )));
        }
        let document = v
            .container
            .owner_document()
            .ok_or_else(|| js_err("the chart is not in a document"))?;
        let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        canvas.set_width(width as u32);
        canvas.set_height(height as u32);
        let mut backend = super::canvas::BatchedCanvas::new(&canvas)
            .ok_or_else(|| js_err("this browser gives no 2D canvas context"))?;
        let options = RenderOptions {
            scale: scale as f32,
            text: TextConvention::Pixels,
        };
        draw(&mut backend, scene, &options).map_err(js_err)?;
        Ok(canvas)
    }

    /// The chart's data as CSV text with a UTF-8 byte-order mark (so Excel reads Chinese
    /// text correctly): the rows of view table `index` (0, the default, is the first in
    /// JSON-path order, the root view's data when it has its own), as loaded, before the
    /// spec's transforms. Throws when there is no such table.
    #[wasm_bindgen(js_name = toCSV)]
    pub fn to_csv(&self, index: Option<usize>) -> Result<String, JsValue> {
        csv_of(&self.view.borrow().chart, index)
    }

    /// The chart's data: one entry per view that brings its own data, in JSON-path order,
    /// as `{view, fields, rows}` — `view` the JSON path of the view ("" for the root),
    /// `fields` the column names, `rows` plain objects (numbers, ISO date text, text or
    /// null).
    pub fn data(&self) -> Result<js_sys::Array, JsValue> {
        data_of(&self.view.borrow().chart)
    }
}

/// [`ChartView::to_csv`] of any mounted chart (also the table form's).
pub(super) fn csv_of(chart: &crate::Chart, index: Option<usize>) -> Result<String, JsValue> {
    let tables = tables_in_order(&chart.tables);
    let i = index.unwrap_or(0);
    let (_, table) = tables.get(i).ok_or_else(|| {
        js_err(format!(
            "the chart has {} data table(s); there is no table {i}",
            tables.len()
        ))
    })?;
    to_csv(table, true).map_err(js_err)
}

/// [`ChartView::data`] of any mounted chart (also the table form's).
pub(super) fn data_of(chart: &crate::Chart) -> Result<js_sys::Array, JsValue> {
    let out = js_sys::Array::new();
    for (path, table) in tables_in_order(&chart.tables) {
        let entry = js_sys::Object::new();
        js_sys::Reflect::set(&entry, &"view".into(), &JsValue::from_str(path))?;
        let fields: js_sys::Array = table
            .columns()
            .map(|c| JsValue::from_str(&c.name))
            .collect();
        js_sys::Reflect::set(&entry, &"fields".into(), &fields)?;
        js_sys::Reflect::set(&entry, &"rows".into(), &rows_to_js(table)?.into())?;
        out.push(&entry);
    }
    Ok(out)
}
