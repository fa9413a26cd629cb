//! The canvas drawing backend: plotters' `CanvasBackend`, with fewer calls into the
//! browser.
//!
//! [`crate::render::draw`] issues one backend call per shape. `CanvasBackend` answers
//! each with a new CSS colour string (`rgba(…)`, parsed again by the canvas) and a path of
//! its own. [`BatchedCanvas`] implements plotters' `DrawingBackend` over the same canvas
//! and draws the same picture with less work:
//!
//! * the fill and stroke styles are set only when they change;
//! * consecutive opaque fills of one colour (bars, points, slices, polygons) go into one
//!   path, filled once when something else is drawn. An opaque union looks the same as
//!   the shapes filled one by one; translucent fills are never merged, since overlaps
//!   would no longer darken;
//! * a polyline with several vertices in one device-pixel column keeps only the first,
//!   lowest, highest and last of them (the column's ink is the same), so a 10,000-point
//!   line costs the canvas about four vertices per pixel column.
//!
//! Text goes to the inner `CanvasBackend` unchanged.
//!
//! Must not know: scenes, charts or state (it only draws what `render::draw` asks).

use crate::render::thin_columns;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A colour as the canvas is told it: RGB and alpha.
type Rgba = ((u8, u8, u8), f64);

/// plotters' `DrawingBackend` on a 2D canvas that batches fills and caches styles.
pub struct BatchedCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
    fill: Option<Rgba>,
    stroke: Option<(Rgba, u32)>,
    /// The colour of the open path of merged opaque fills, if one is open.
    batch: Option<Rgba>,
}

fn rgba(c: BackendColor) -> Rgba {
    (c.rgb, c.alpha)
}

fn css(c: Rgba) -> String {
    let ((r, g, b), a) = c;
    if a >= 1.0 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{a})")
    }
}

fn js_error(e: JsValue) -> DrawingErrorKind<CanvasFailure> {
    DrawingErrorKind::DrawingError(CanvasFailure(
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "canvas error".to_string()),
    ))
}

/// A drawing call the canvas refused, with the browser's message.
#[derive(Debug)]
pub struct CanvasFailure(String);

impl std::fmt::Display for CanvasFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the canvas refused to draw: {}", self.0)
    }
}

impl std::error::Error for CanvasFailure {}

impl BatchedCanvas {
    /// The backend for `canvas`, or `None` when the browser gives no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(BatchedCanvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            ctx,
            size: (canvas.width(), canvas.height()),
            fill: None,
            stroke: None,
            batch: None,
        })
    }

    /// Copies the whole picture of `source` (a canvas of the same pixel size) onto this
    /// canvas, replacing what it shows.
    pub fn restore_from(&mut self, source: &HtmlCanvasElement) -> Result<(), JsValue> {
        self.flush();
        self.ctx
            .clear_rect(0.0, 0.0, f64::from(self.size.0), f64::from(self.size.1));
        self.ctx
            .draw_image_with_html_canvas_element(source, 0.0, 0.0)
    }

    /// Copies this canvas's picture into `target`, sized to match.
    pub fn save_to(&mut self, target: &HtmlCanvasElement) -> Result<(), JsValue> {
        self.flush();
        if (target.width(), target.height()) != self.size {
            target.set_width(self.size.0);
            target.set_height(self.size.1);
        }
        let ctx: CanvasRenderingContext2d = target
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("this browser gives no 2D canvas context"))?
            .dyn_into()?;
        ctx.clear_rect(0.0, 0.0, f64::from(self.size.0), f64::from(self.size.1));
        let source = self
            .ctx
            .canvas()
            .ok_or_else(|| JsValue::from_str("the canvas context has no canvas"))?;
        ctx.draw_image_with_html_canvas_element(&source, 0.0, 0.0)
    }

    fn set_fill(&mut self, c: Rgba) {
        if self.fill != Some(c) {
            self.ctx.set_fill_style_str(&css(c));
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgba, width: u32) {
        if self.stroke != Some((c, width)) {
            self.ctx.set_stroke_style_str(&css(c));
            self.ctx.set_line_width(f64::from(width));
            self.stroke = Some((c, width));
        }
    }

    /// Adds the polyline through `points` to the current path, as a new sub-path.
    fn trace(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        let mut points = points.into_iter();
        if let Some(first) = points.next() {
            self.ctx.move_to(f64::from(first.0), f64::from(first.1));
        }
        for p in points {
            self.ctx.line_to(f64::from(p.0), f64::from(p.1));
        }
    }

    /// Fills the open batch, if any.
    fn flush(&mut self) {
        if let Some(c) = self.batch.take() {
            self.set_fill(c);
            self.ctx.fill();
        }
    }

    /// Starts or continues a path to fill in `c`: merged with the open batch when `c` is
    /// opaque and the batch's colour. Returns whether the caller must fill it at once.
    fn open_fill(&mut self, c: Rgba) -> bool {
        if c.1 >= 1.0 {
            if self.batch != Some(c) {
                self.flush();
                self.ctx.begin_path();
                self.batch = Some(c);
            }
            false
        } else {
            self.flush();
            self.ctx.begin_path();
            true
        }
    }

    fn close_fill(&mut self, now: bool, c: Rgba) {
        if now {
            self.set_fill(c);
            self.ctx.fill();
        }
    }
}

impl DrawingBackend for BatchedCanvas {
    type ErrorType = CanvasFailure;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        self.flush();
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let c = rgba(style.color());
        if c.1 <= 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_stroke(c, style.stroke_width());
        // As CanvasBackend: horizontal and vertical lines on half pixels stay crisp.
        let (mut a, mut b) = ((from.0 as f64, from.1 as f64), (to.0 as f64, to.1 as f64));
        if from.0 == to.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if from.1 == to.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let c = rgba(style.color());
        if c.1 <= 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if fill {
            let now = self.open_fill(c);
            self.ctx.rect(x, y, w, h);
            self.close_fill(now, c);
        } else {
            self.flush();
            self.set_stroke(c, style.stroke_width());
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let c = rgba(style.color());
        if c.1 <= 0.0 {
            return Ok(());
        }
        let points = thin_columns(path);
        if points.is_empty() {
            return Ok(());
        }
        self.flush();
        self.set_stroke(c, style.stroke_width());
        self.ctx.begin_path();
        self.trace(points);
        self.ctx.stroke();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let c = rgba(style.color());
        if c.1 <= 0.0 {
            return Ok(());
        }
        let mut vert = vert.into_iter().peekable();
        if vert.peek().is_none() {
            return Ok(());
        }
        let now = self.open_fill(c);
        self.trace(vert);
        self.ctx.close_path();
        self.close_fill(now, c);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        let c = rgba(style.color());
        if c.1 <= 0.0 {
            return Ok(());
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        if fill {
            let now = self.open_fill(c);
            // A new sub-path: without the move, arcs of one batch would be joined by lines.
            self.ctx.move_to(x + r, y);
            self.ctx
                .arc(x, y, r, 0.0, std::f64::consts::TAU)
                .map_err(js_error)?;
            self.close_fill(now, c);
        } else {
            self.flush();
            self.set_stroke(c, style.stroke_width());
            self.ctx.begin_path();
            self.ctx
                .arc(x, y, r, 0.0, std::f64::consts::TAU)
                .map_err(js_error)?;
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        self.flush();
        // The inner backend sets its own fill style.
        self.fill = None;
        self.inner.draw_text(text, style, pos).map_err(|e| match e {
            DrawingErrorKind::DrawingError(e) => {
                DrawingErrorKind::DrawingError(CanvasFailure(e.to_string()))
            }
            DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
        })
    }
}
