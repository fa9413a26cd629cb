//! Drawing a [`Scene`] through plotters' `DrawingBackend`: the one drawing routine for
//! the browser's `CanvasBackend` and the native `SVGBackend`.
//!
//! The renderer decides nothing about layout. It scales CSS pixels to device pixels
//! (`scale`, the devicePixelRatio on canvas), turns arcs and rounded corners into
//! polygons, and corrects one backend difference: plotters' SVG backend writes
//! `font-size` as the requested size divided by 1.24, while the canvas backend uses it
//! as is; [`TextConvention`] makes both come out at the scene's CSS size.

use crate::color::Color;
use crate::error::Error;
use crate::scene::{
    polar_point, HAlign, MarkGroup, Outline, Paint, Role, Scene, Shapes, Symbol, TextStyle, VAlign,
};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, FontFamily,
    FontStyle, FontTransform,
};
use std::f32::consts::FRAC_PI_2;

/// How a backend interprets a text size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TextConvention {
    /// The size is used as CSS px (plotters-canvas).
    Pixels,
    /// The size is divided by 1.24 before it is written (plotters-svg).
    PlottersSvg,
}

impl TextConvention {
    fn factor(self) -> f64 {
        match self {
            TextConvention::Pixels => 1.0,
            TextConvention::PlottersSvg => 1.24,
        }
    }
}

/// How to draw a scene onto a backend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    /// Device pixels per CSS pixel.
    pub scale: f32,
    /// The backend's text-size convention.
    pub text: TextConvention,
}

fn backend_color(c: Color) -> BackendColor {
    BackendColor {
        // Four decimals: 0.7, not the f32's 0.699999988079071, in the SVG's attributes.
        alpha: (f64::from(c.a) * 1e4).round() / 1e4,
        rgb: (c.r, c.g, c.b),
    }
}

/// A stroke or fill style.
pub(crate) struct Style {
    pub(crate) color: Color,
    pub(crate) width: u32,
}

impl BackendStyle for Style {
    fn color(&self) -> BackendColor {
        backend_color(self.color)
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style for backends that set text themselves (canvas, SVG). Glyph
/// rasterisation (`draw`) is never asked for by those backends.
pub(crate) struct Font<'a> {
    family: &'a str,
    size: f64,
    bold: bool,
    color: Color,
    anchor: Pos,
    angle: u16,
}

impl BackendTextStyle for Font<'_> {
    type FontError = std::fmt::Error;

    fn color(&self) -> BackendColor {
        backend_color(self.color)
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        match self.angle {
            90 => FontTransform::Rotate90,
            180 => FontTransform::Rotate180,
            270 => FontTransform::Rotate270,
            _ => FontTransform::None,
        }
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let w = crate::text::width(text, self.size as f32, self.bold);
        Ok(((0, 0), (w.round() as i32, self.size.round() as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
}

fn err<E: std::error::Error + Send + Sync>(e: plotters_backend::DrawingErrorKind<E>) -> Error {
    Error::Render {
        message: e.to_string(),
    }
}

/// Points along an arc of radius `r` around (`cx`, `cy`) from `a0` to `a1` (clockwise
/// from 12 o'clock), about one point per 2 device px.
fn arc_points(cx: f32, cy: f32, r: f32, a0: f32, a1: f32, out: &mut Vec<(f32, f32)>) {
    let steps = (((a1 - a0).abs() * r / 2.0).ceil() as usize).clamp(2, 720);
    for i in 0..=steps {
        out.push(polar_point(
            cx,
            cy,
            r,
            a0 + (a1 - a0) * i as f32 / steps as f32,
        ));
    }
}

/// Outline of a rectangle with rounded corners, radii `r` from the top-left clockwise
/// (a radius of 0 is a square corner).
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: [f32; 4]) -> Vec<(f32, f32)> {
    let r = r.map(|r| r.min(w / 2.0).min(h / 2.0).max(0.0));
    let mut pts = Vec::new();
    let corner = |cx: f32, cy: f32, r: f32, a0: f32, pts: &mut Vec<(f32, f32)>| {
        if r > 0.0 {
            arc_points(cx, cy, r, a0, a0 + FRAC_PI_2, pts);
        } else {
            pts.push((cx, cy));
        }
    };
    // Corners clockwise from top-left; angles measured clockwise from 12 o'clock.
    corner(x + r[0], y + r[0], r[0], 3.0 * FRAC_PI_2, &mut pts);
    corner(x + w - r[1], y + r[1], r[1], 0.0, &mut pts);
    corner(x + w - r[2], y + h - r[2], r[2], FRAC_PI_2, &mut pts);
    corner(x + r[3], y + h - r[3], r[3], 2.0 * FRAC_PI_2, &mut pts);
    pts
}

/// The drawing calls [`draw`] and [`draw_over`] make, object-safe: the drawing routine
/// below is compiled once, and each backend adds only these small adapters (the page has two backends,
/// canvas and the SVG export, and the routine is the larger part).
///
/// `begin_mark`/`end_mark` bracket the drawing of each data mark (numbered as
/// [`Scene::mark_count`] counts them) and `hit_area` stands for a mark drawn invisibly (the
/// points of a line); pixel backends ignore all three, the SVG writer (`crate::svg`) wraps
/// each mark in a group with its figure.
pub(crate) trait Sink {
    fn size(&self) -> (u32, u32);
    fn prepare(&mut self) -> Result<(), Error>;
    fn rect(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &Style,
        fill: bool,
    ) -> Result<(), Error>;
    fn line(&mut self, a: BackendCoord, b: BackendCoord, style: &Style) -> Result<(), Error>;
    fn path(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        style: &Style,
    ) -> Result<(), Error>;
    fn polygon(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        style: &Style,
    ) -> Result<(), Error>;
    fn circle(&mut self, c: BackendCoord, r: u32, style: &Style, fill: bool) -> Result<(), Error>;
    fn text(&mut self, text: &str, font: &Font<'_>, at: BackendCoord) -> Result<(), Error>;
    fn present(&mut self) -> Result<(), Error>;
    /// Data mark `mark` is drawn next.
    fn begin_mark(&mut self, _mark: usize) {}
    /// The data mark begun last is drawn.
    fn end_mark(&mut self) {}
    /// An invisible data mark (a line's point) centred at `c` with radius `r`, device px.
    fn hit_area(&mut self, _c: BackendCoord, _r: u32) {}
    /// A polyline dashed by `dash` (dash, gap, … in device px). plotters draws no
    /// dashes, so by default the dashes are cut out of the path and drawn as pieces; the
    /// SVG writer writes one path with `stroke-dasharray` instead.
    fn dashed_path(
        &mut self,
        points: &[BackendCoord],
        style: &Style,
        dash: &[f32],
    ) -> Result<(), Error> {
        for piece in dash_pieces(points, dash) {
            self.path(&mut piece.into_iter(), style)?;
        }
        Ok(())
    }
}

/// The dashes of the polyline `points` under the pattern `dash` (lengths alternately
/// drawn and skipped, in the points' units, repeated), as SVG's `stroke-dasharray` and
/// canvas's `setLineDash` cut it. A pattern of no positive length draws the whole line.
pub fn dash_pieces(points: &[BackendCoord], dash: &[f32]) -> Vec<Vec<BackendCoord>> {
    // An odd-length pattern repeats twice, as in SVG.
    let pattern: Vec<f32> = if dash.len() % 2 == 1 {
        dash.iter().chain(dash.iter()).copied().collect()
    } else {
        dash.to_vec()
    };
    let valid = pattern.iter().all(|d| d.is_finite() && *d >= 0.0);
    if !valid || pattern.iter().sum::<f32>() <= 0.0 || points.len() < 2 {
        return vec![points.to_vec()];
    }
    let mut pieces = Vec::new();
    let (mut k, mut left) = (0usize, pattern[0]);
    let mut current: Vec<(f32, f32)> = vec![(points[0].0 as f32, points[0].1 as f32)];
    let round = |p: (f32, f32)| (p.0.round() as i32, p.1.round() as i32);
    for w in points.windows(2) {
        let (a, b) = (
            (w[0].0 as f32, w[0].1 as f32),
            (w[1].0 as f32, w[1].1 as f32),
        );
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut done = 0.0;
        while length - done > left {
            done += left;
            let t = done / length;
            let at = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if k % 2 == 0 {
                current.push(at);
                pieces.push(current.iter().copied().map(round).collect::<Vec<_>>());
            }
            current = vec![at];
            k = (k + 1) % pattern.len();
            left = pattern[k];
        }
        left -= length - done;
        if k % 2 == 0 {
            current.push(b);
        } else {
            current = vec![b];
        }
    }
    if k % 2 == 0 && current.len() > 1 {
        pieces.push(current.into_iter().map(round).collect());
    }
    pieces.retain(|p: &Vec<BackendCoord>| p.len() > 1);
    pieces
}

impl<B: DrawingBackend> Sink for B {
    fn size(&self) -> (u32, u32) {
        self.get_size()
    }
    fn prepare(&mut self) -> Result<(), Error> {
        self.ensure_prepared().map_err(err)
    }
    fn rect(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &Style,
        fill: bool,
    ) -> Result<(), Error> {
        self.draw_rect(a, b, style, fill).map_err(err)
    }
    fn line(&mut self, a: BackendCoord, b: BackendCoord, style: &Style) -> Result<(), Error> {
        self.draw_line(a, b, style).map_err(err)
    }
    fn path(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        style: &Style,
    ) -> Result<(), Error> {
        self.draw_path(points, style).map_err(err)
    }
    fn polygon(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        style: &Style,
    ) -> Result<(), Error> {
        self.fill_polygon(points, style).map_err(err)
    }
    fn circle(&mut self, c: BackendCoord, r: u32, style: &Style, fill: bool) -> Result<(), Error> {
        self.draw_circle(c, r, style, fill).map_err(err)
    }
    fn text(&mut self, text: &str, font: &Font<'_>, at: BackendCoord) -> Result<(), Error> {
        self.draw_text(text, font, at).map_err(err)
    }
    fn present(&mut self) -> Result<(), Error> {
        DrawingBackend::present(self).map_err(err)
    }
}

/// Draws `scene` onto `backend`, whose size should be the scene's size × `opts.scale`.
pub fn draw<B: DrawingBackend>(
    backend: &mut B,
    scene: &Scene,
    opts: &RenderOptions,
) -> Result<(), Error> {
    draw_on(backend, scene, opts)
}

/// [`draw`] onto any [`Sink`] (the SVG writer's entry point).
pub(crate) fn draw_on(
    backend: &mut dyn Sink,
    scene: &Scene,
    opts: &RenderOptions,
) -> Result<(), Error> {
    backend.prepare()?;
    let (bw, bh) = backend.size();
    backend.rect(
        (0, 0),
        (bw as i32, bh as i32),
        &Style {
            color: scene.background,
            width: 0,
        },
        true,
    )?;
    // Data marks are numbered in drawing order over the data groups (`Scene::data_groups`).
    let mut next_mark = 0;
    for group in &scene.groups {
        let first_mark = if !group.items.is_empty() && group.role != Role::DataShape {
            next_mark += group.items.len();
            Some(next_mark - group.items.len())
        } else {
            None
        };
        draw_group(backend, group, &scene.font_family, opts, first_mark)?;
    }
    backend.present()
}

/// Draws `groups` over what `backend` shows (no background): the groups that emphasis
/// adds to a picture already drawn (see `interact::emphasised_groups`).
pub fn draw_over<B: DrawingBackend>(
    backend: &mut B,
    scene: &Scene,
    groups: &[MarkGroup],
    opts: &RenderOptions,
) -> Result<(), Error> {
    draw_over_on(backend, scene, groups, opts)
}

fn draw_over_on(
    backend: &mut dyn Sink,
    scene: &Scene,
    groups: &[MarkGroup],
    opts: &RenderOptions,
) -> Result<(), Error> {
    for group in groups {
        draw_group(backend, group, &scene.font_family, opts, None)?;
    }
    backend.present()
}

/// Draws one group; `first_mark` is the number of its first instance when its instances
/// are data marks.
fn draw_group(
    backend: &mut dyn Sink,
    group: &MarkGroup,
    font_family: &str,
    opts: &RenderOptions,
    first_mark: Option<usize>,
) -> Result<(), Error> {
    let s = opts.scale;
    let begin = |backend: &mut dyn Sink, i: usize| {
        if let Some(m) = first_mark {
            backend.begin_mark(m + i);
        }
    };
    let end_mark = |backend: &mut dyn Sink| {
        if first_mark.is_some() {
            backend.end_mark();
        }
    };
    let px = |v: f32| (v * s).round() as i32;
    let pt = |x: f32, y: f32| -> BackendCoord { (px(x), px(y)) };
    match &group.shapes {
        Shapes::Rects {
            x,
            y,
            width,
            height,
            fill,
            corner_radius,
            corners,
            outline,
        } => {
            for i in 0..x.len() {
                begin(backend, i);
                let style = Style {
                    color: fill_of(fill, i),
                    width: 0,
                };
                let radii = corners.get(i).copied().unwrap_or([*corner_radius; 4]);
                let (a, b) = (pt(x[i], y[i]), pt(x[i] + width[i], y[i] + height[i]));
                let rounded = radii.iter().any(|r| *r > 0.0) && width[i] > 0.0 && height[i] > 0.0;
                // The fill's own outline: the rounded corners, else the box.
                let edge: Vec<BackendCoord> = if rounded {
                    rounded_rect(
                        x[i] * s,
                        y[i] * s,
                        width[i] * s,
                        height[i] * s,
                        radii.map(|r| r * s),
                    )
                    .into_iter()
                    .map(|(a, b)| (a.round() as i32, b.round() as i32))
                    .collect()
                } else {
                    vec![a, (b.0, a.1), b, (a.0, b.1)]
                };
                if rounded {
                    backend.polygon(&mut edge.iter().copied(), &style)?;
                } else {
                    backend.rect(a, b, &style, true)?;
                }
                stroke_outline(backend, outline.as_deref(), i, &edge, s)?;
                end_mark(backend);
            }
        }
        Shapes::Arcs {
            cx,
            cy,
            inner,
            outer,
            start,
            end,
            fill,
            stroke,
            outline,
        } => {
            for i in 0..start.len() {
                begin(backend, i);
                let mut pts = Vec::new();
                arc_points(cx * s, cy * s, outer * s, start[i], end[i], &mut pts);
                if *inner > 0.0 {
                    let mut back = Vec::new();
                    arc_points(cx * s, cy * s, inner * s, start[i], end[i], &mut back);
                    pts.extend(back.into_iter().rev());
                } else {
                    pts.push((cx * s, cy * s));
                }
                let edge: Vec<BackendCoord> = pts
                    .into_iter()
                    .map(|(a, b)| (a.round() as i32, b.round() as i32))
                    .collect();
                backend.polygon(
                    &mut edge.iter().copied(),
                    &Style {
                        color: fill_of(fill, i),
                        width: 0,
                    },
                )?;
                stroke_outline(backend, outline.as_deref(), i, &edge, s)?;
                end_mark(backend);
            }
            if let (Some(color), None) = (stroke, outline) {
                // Separators along each slice's start edge, in the background colour.
                let style = Style {
                    color: *color,
                    width: (1.5 * s).round().max(1.0) as u32,
                };
                for a in start {
                    let (fx, fy) = polar_point(*cx, *cy, *inner, *a);
                    let (tx, ty) = polar_point(*cx, *cy, *outer, *a);
                    let (from, to) = (pt(fx, fy), pt(tx, ty));
                    backend.line(from, to, &style)?;
                }
            }
        }
        Shapes::Lines {
            x1,
            y1,
            x2,
            y2,
            stroke,
            stroke_width,
            dash,
        } => {
            let style = Style {
                color: *stroke,
                width: (stroke_width * s).round().max(1.0) as u32,
            };
            let dash: Vec<f32> = dash.iter().map(|d| d * s).collect();
            for i in 0..x1.len() {
                begin(backend, i);
                if dash.is_empty() {
                    backend.line(pt(x1[i], y1[i]), pt(x2[i], y2[i]), &style)?;
                } else {
                    backend.dashed_path(&[pt(x1[i], y1[i]), pt(x2[i], y2[i])], &style, &dash)?;
                }
                end_mark(backend);
            }
        }
        Shapes::Paths {
            paths,
            stroke,
            stroke_width,
            widths,
            dashes,
        } => {
            for (i, path) in paths.iter().enumerate() {
                let width = widths.get(i).copied().unwrap_or(*stroke_width);
                let style = Style {
                    color: stroke.get(i),
                    width: (width * s).round().max(1.0) as u32,
                };
                begin(backend, i);
                match dashes.get(i).filter(|d| !d.is_empty()) {
                    Some(dash) => {
                        let points: Vec<BackendCoord> =
                            path.iter().map(|(a, b)| pt(*a, *b)).collect();
                        let dash: Vec<f32> = dash.iter().map(|d| d * s).collect();
                        backend.dashed_path(&points, &style, &dash)?;
                    }
                    None => {
                        backend.path(&mut path.iter().map(|(a, b)| pt(*a, *b)), &style)?;
                    }
                }
                end_mark(backend);
            }
        }
        Shapes::Polygons {
            polygons,
            fill,
            outline,
        } => {
            for (i, poly) in polygons.iter().enumerate() {
                let style = Style {
                    color: fill.get(i),
                    width: 0,
                };
                begin(backend, i);
                let edge: Vec<BackendCoord> = poly.iter().map(|(a, b)| pt(*a, *b)).collect();
                backend.polygon(&mut edge.iter().copied(), &style)?;
                stroke_outline(backend, outline.as_deref(), i, &edge, s)?;
                end_mark(backend);
            }
        }
        Shapes::Points {
            x,
            y,
            radius,
            fill,
            stroke,
            symbols,
        } => {
            for i in 0..x.len() {
                let r = radius[i] * s;
                let (cx, cy) = (x[i] * s, y[i] * s);
                begin(backend, i);
                if fill.get(i).a <= 0.0 && stroke.is_none() {
                    // Invisible hit targets (the points of a line) cost nothing to draw;
                    // the SVG writer still marks where they are.
                    let center = (cx.round() as i32, cy.round() as i32);
                    backend.hit_area(center, r.round().max(3.0) as u32);
                    end_mark(backend);
                    continue;
                }
                let fill_style = Style {
                    color: fill.get(i),
                    width: 0,
                };
                let symbol = symbols.get(i).copied().unwrap_or(Symbol::Circle);
                if let Some(outline) = symbol.outline(cx, cy, r) {
                    let outline: Vec<BackendCoord> = outline
                        .into_iter()
                        .map(|(a, b)| (a.round() as i32, b.round() as i32))
                        .collect();
                    if fill_style.color.a > 0.0 {
                        backend.polygon(&mut outline.iter().copied(), &fill_style)?;
                    }
                    if let Some(st) = stroke {
                        let line = Style {
                            color: st.get(i),
                            width: (1.5 * s).round().max(1.0) as u32,
                        };
                        let closed = outline.iter().chain(outline.first()).copied();
                        backend.path(&mut closed.into_iter(), &line)?;
                    }
                } else if symbol == Symbol::Square {
                    let (a, b) = ((cx - r).round() as i32, (cy - r).round() as i32);
                    let (c, d) = ((cx + r).round() as i32, (cy + r).round() as i32);
                    backend.rect((a, b), (c, d), &fill_style, true)?;
                    if let Some(st) = stroke {
                        let line = Style {
                            color: st.get(i),
                            width: (1.5 * s).round().max(1.0) as u32,
                        };
                        backend.rect((a, b), (c, d), &line, false)?;
                    }
                } else {
                    let center = (cx.round() as i32, cy.round() as i32);
                    let rr = r.round().max(1.0) as u32;
                    backend.circle(center, rr, &fill_style, true)?;
                    if let Some(st) = stroke {
                        let line = Style {
                            color: st.get(i),
                            width: (1.5 * s).round().max(1.0) as u32,
                        };
                        backend.circle(center, rr, &line, false)?;
                    }
                }
                end_mark(backend);
            }
        }
        Shapes::Texts { x, y, text, style } => {
            let font = font_of(style, font_family, s, opts.text);
            for i in 0..x.len() {
                begin(backend, i);
                for (lx, ly, line) in crate::scene::text_lines(x[i], y[i], &text[i], style) {
                    backend.text(line, &font, pt(lx, ly))?;
                }
                end_mark(backend);
            }
        }
    }
    Ok(())
}

/// The vertices of `path` that draw it at device-pixel resolution: in each run of
/// vertices in one pixel column, the first, the lowest, the highest and the last, in
/// their order along the path.
pub fn thin_columns(path: impl IntoIterator<Item = BackendCoord>) -> Vec<BackendCoord> {
    let mut out: Vec<BackendCoord> = Vec::new();
    // The vertices of the current column.
    let mut run: Vec<BackendCoord> = Vec::new();
    let emit = |run: &mut Vec<BackendCoord>, out: &mut Vec<BackendCoord>| {
        if run.len() <= 4 {
            out.append(run);
            return;
        }
        let (first, last) = (0, run.len() - 1);
        let (mut lo, mut hi) = (0, 0);
        for (i, p) in run.iter().enumerate() {
            if p.1 < run[lo].1 {
                lo = i;
            }
            if p.1 > run[hi].1 {
                hi = i;
            }
        }
        let mut keep = [first, lo, hi, last];
        keep.sort_unstable();
        let mut prev = usize::MAX;
        for k in keep {
            if k != prev {
                out.push(run[k]);
                prev = k;
            }
        }
        run.clear();
    };
    for p in path {
        if run.last().is_some_and(|q| q.0 != p.0) {
            emit(&mut run, &mut out);
        }
        run.push(p);
    }
    emit(&mut run, &mut out);
    out
}

/// Strokes shape `i`'s outline along `edge`, the device-pixel polygon its fill was drawn
/// with (closed here).
fn stroke_outline(
    backend: &mut dyn Sink,
    outline: Option<&Outline>,
    i: usize,
    edge: &[BackendCoord],
    s: f32,
) -> Result<(), Error> {
    let Some(o) = outline else { return Ok(()) };
    let width = o.width_of(i) * s;
    if width <= 0.0 || o.color.a <= 0.0 || edge.len() < 2 {
        return Ok(());
    }
    let style = Style {
        color: o.color,
        width: width.round().max(1.0) as u32,
    };
    // Closed through the first two points again, so that the start is a corner too.
    let closed: Vec<BackendCoord> = edge.iter().chain(edge.iter().take(2)).copied().collect();
    if o.dash.is_empty() {
        backend.path(&mut closed.into_iter(), &style)
    } else {
        let dash: Vec<f32> = o.dash.iter().map(|d| d * s).collect();
        backend.dashed_path(&closed[..=edge.len()], &style, &dash)
    }
}

fn fill_of(paint: &Paint, i: usize) -> Color {
    paint.get(i)
}

fn font_of<'a>(style: &TextStyle, family: &'a str, scale: f32, text: TextConvention) -> Font<'a> {
    Font {
        family,
        size: f64::from(style.size * scale) * text.factor(),
        bold: style.bold,
        color: style.color,
        angle: style.angle,
        anchor: Pos::new(
            match style.align {
                HAlign::Left => HPos::Left,
                HAlign::Center => HPos::Center,
                HAlign::Right => HPos::Right,
            },
            match style.baseline {
                VAlign::Top => VPos::Top,
                VAlign::Middle => VPos::Center,
                VAlign::Bottom => VPos::Bottom,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arc_points_start_at_twelve_o_clock_and_run_clockwise() {
        let mut pts = Vec::new();
        arc_points(0.0, 0.0, 10.0, 0.0, FRAC_PI_2, &mut pts);
        let first = pts[0];
        let last = *pts.last().unwrap();
        assert!(
            (first.0).abs() < 1e-4 && (first.1 + 10.0).abs() < 1e-4,
            "{first:?}"
        );
        assert!(
            (last.0 - 10.0).abs() < 1e-4 && last.1.abs() < 1e-3,
            "{last:?}"
        );
    }

    #[test]
    fn thin_columns_keeps_first_extremes_and_last_in_order() {
        let path = [(0, 5), (1, 3), (1, 9), (1, 1), (1, 7), (1, 4), (2, 2)];
        assert_eq!(
            thin_columns(path),
            vec![(0, 5), (1, 3), (1, 9), (1, 1), (1, 4), (2, 2)]
        );
        // Short runs stay as they are.
        let short = [(0, 0), (0, 1), (1, 1), (1, 0)];
        assert_eq!(thin_columns(short), short.to_vec());
        assert!(thin_columns([]).is_empty());
    }

    #[test]
    fn rounded_rect_stays_inside_its_box() {
        for radii in [[4.0; 4], [4.0, 4.0, 0.0, 0.0], [0.0, 9.0, 0.0, 30.0]] {
            for (x, y) in rounded_rect(10.0, 20.0, 30.0, 40.0, radii) {
                assert!(
                    (10.0 - 1e-3..=40.0 + 1e-3).contains(&x)
                        && (20.0 - 1e-3..=60.0 + 1e-3).contains(&y)
                );
            }
        }
        // A square corner is the box's own corner; a round one is not reached.
        let pts = rounded_rect(10.0, 20.0, 30.0, 40.0, [4.0, 4.0, 0.0, 0.0]);
        let has = |x: f32, y: f32| {
            pts.iter()
                .any(|p| (p.0 - x).abs() < 1e-3 && (p.1 - y).abs() < 1e-3)
        };
        assert!(has(40.0, 60.0) && has(10.0, 60.0));
        assert!(!has(10.0, 20.0) && !has(40.0, 20.0));
    }
}
