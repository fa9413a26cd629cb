//! Scenes as SVG text, through plotters' `SVGBackend`: the native path used by tests,
//! the CLI (`stdviz render`, `stdviz publish`) and exports. Same scene, same renderer as
//! the canvas.
//!
//! Every element is written by plotters' `SVGBackend`, exactly as it draws it. Around
//! them this module adds what a picture without script needs to be read:
//!
//! * on the root `<svg>`: `class="stdviz-svg"`, `role="img"`, the accessible summary
//!   ([`crate::describe::summary`]) as `aria-label`, and the data marks' reading order
//!   (`data-order`, mark numbers separated by spaces, for keyboard stepping);
//! * `<title>` (the chart's title, else the summary) and `<desc>` (the summary);
//! * a `<style>` that dims the other marks while one is hovered (or carries the class
//!   `on` while the root carries `dim`, which `www/stdviz-lite.js` sets for the keyboard),
//!   at the canvas's dimming opacity;
//! * each data mark in `<g class="m" data-mark data-label data-series data-value>` whose
//!   first child is a `<title>` holding the mark's tooltip ([`crate::describe::tooltip`]):
//!   the browser shows it on hover with no script at all. A mark drawn invisibly (the
//!   points of a line) gets a transparent circle to hover. Marks drawn one after another
//!   with the same figure (a waffle's cells of one category) share one group, so the
//!   figure is written once and the keyboard steps per figure (`data-order` lists the
//!   groups' marks).
//!
//! All text from data is escaped; nothing from the data becomes markup.

use crate::error::Error;
use crate::render::{draw_on, Font, RenderOptions, Sink, Style, TextConvention};
use crate::scene::Scene;
use plotters::prelude::SVGBackend;
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

/// The closing tag plotters' `SVGBackend` writes when it is dropped.
const CLOSE: &str = "</svg>\n";

/// Opacity of the marks around a hovered one (the canvas's `interact` dimming factor).
const DIM_OPACITY: &str = ".3";

/// Renders `scene` to an SVG document of the scene's CSS size (see the module docs for
/// what it carries besides the picture).
pub fn to_svg(scene: &Scene) -> Result<String, Error> {
    let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
    let mut writer = SvgWriter::new(scene, size);
    draw_on(
        &mut writer,
        scene,
        &RenderOptions {
            scale: 1.0,
            text: TextConvention::PlottersSvg,
        },
    )?;
    Ok(writer.finish())
}

/// Escapes `text` for an XML attribute value or text content.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The text of mark `mark`'s tooltip as one plain string: the title, then one line per
/// row (`label: value`, or the value alone).
pub fn tooltip_line(scene: &Scene, mark: usize) -> String {
    let tip = crate::describe::tooltip(scene, mark);
    let mut out = tip.title;
    for (label, value) in tip.rows {
        out.push('\n');
        if !label.is_empty() {
            out.push_str(&label);
            out.push_str(": ");
        }
        out.push_str(&value);
    }
    out
}

/// A [`Sink`] that writes each drawing call through a fresh `SVGBackend` (so elements are
/// byte for byte plotters' own) and wraps data marks in groups with their figures.
struct SvgWriter<'a> {
    scene: &'a Scene,
    size: (u32, u32),
    out: String,
    /// What the backend of one call writes.
    scratch: String,
    /// Length of the `<svg …>` line plotters writes first.
    header_len: usize,
    /// The open data-mark group's attributes and title (all but its mark number): a next
    /// mark with the same ones — a waffle's cells of one category — joins the group, so a
    /// picture carries each figure once.
    group: Option<String>,
    /// Whether the open group's mark has ended (its `</g>` waits until something that is
    /// not a mark of the same group is written).
    group_ended: bool,
    /// The marks that opened a group, in drawing order.
    group_marks: Vec<usize>,
    /// Where the root's `data-order` value goes in `out` (written at the end: the reading
    /// order of the groups).
    order_at: usize,
}

type SvgResult = Result<(), DrawingErrorKind<std::io::Error>>;

impl<'a> SvgWriter<'a> {
    fn new(scene: &'a Scene, size: (u32, u32)) -> Self {
        let mut scratch = String::new();
        drop(SVGBackend::with_string(&mut scratch, size));
        let header_len = scratch.len().saturating_sub(CLOSE.len());
        // plotters' root element, with our attributes before its closing `>\n`.
        let root = scratch[..header_len].trim_end().trim_end_matches('>');
        let summary = crate::describe::summary(scene, scene.locale);
        let title = scene.title.clone().unwrap_or_else(|| summary.clone());
        let mut out = format!(
            "{root} class=\"stdviz-svg\" role=\"img\" aria-label=\"{}\" data-order=\"\">\n\
             <title>{}</title>\n<desc>{}</desc>\n\
             <style>.stdviz-svg .m{{transition:opacity .1s}}\
             .stdviz-svg:has(.m:hover) .m:not(:hover),.stdviz-svg.dim .m:not(.on){{opacity:{DIM_OPACITY}}}</style>\n",
            escape_xml(&summary),
            escape_xml(&title),
            escape_xml(&summary),
        );
        let order_at = out
            .find("data-order=\"\"")
            .map_or(0, |i| i + "data-order=\"".len());
        out.reserve(4096);
        SvgWriter {
            scene,
            size,
            out,
            scratch,
            header_len,
            group: None,
            group_ended: false,
            group_marks: Vec::new(),
            order_at,
        }
    }

    /// Closes the data-mark group whose mark has ended.
    fn close_group(&mut self) {
        if self.group_ended {
            self.out.push_str("</g>\n");
            self.group = None;
            self.group_ended = false;
        }
    }

    /// The document: the last group closed, the reading order of the groups written.
    fn finish(mut self) -> String {
        self.close_group();
        let order: Vec<String> = self
            .scene
            .reading_order()
            .into_iter()
            .filter(|m| self.group_marks.contains(m))
            .map(|m| m.to_string())
            .collect();
        self.out.insert_str(self.order_at, &order.join(" "));
        self.out.push_str(CLOSE);
        self.out
    }

    /// Runs one drawing call on a fresh backend and keeps the elements it wrote.
    fn element(
        &mut self,
        call: impl FnOnce(&mut SVGBackend<'_>) -> SvgResult,
    ) -> Result<(), Error> {
        self.close_group();
        self.scratch.clear();
        let result = {
            let mut backend = SVGBackend::with_string(&mut self.scratch, self.size);
            call(&mut backend)
        };
        result.map_err(|e| Error::Render {
            message: e.to_string(),
        })?;
        let end = self.scratch.len().saturating_sub(CLOSE.len());
        if let Some(body) = self.scratch.get(self.header_len..end) {
            self.out.push_str(body);
        }
        Ok(())
    }
}

/// plotters' SVG backend places top-, middle- and bottom-anchored text with fixed `dy`
/// offsets (`0.76em`, `0.5ex`, `-0.5ex`); the canvas places it on the font's em box
/// (`textBaseline` top, middle, bottom), which for CJK fonts (Noto Sans CJK, Source Han,
/// PingFang: ideographic em box 0.88 above and 0.12 below the alphabetic baseline, as
/// Chromium's `measureText` reports it) is 0.88em, 0.38em and -0.12em from the anchor.
/// The pre-rendered SVG and the live canvas are to be the same picture, so the offsets of
/// the element just written (from `start` in `out`) become the canvas's. Only attribute
/// text is touched: data text is escaped, so it cannot hold `dy="`.
fn canvas_baseline(out: &mut String, start: usize) {
    const OFFSETS: [(&str, &str); 3] = [
        ("dy=\"0.76em\"", "dy=\"0.88em\""),
        ("dy=\"0.5ex\"", "dy=\"0.38em\""),
        ("dy=\"-0.5ex\"", "dy=\"-0.12em\""),
    ];
    let Some(written) = out.get(start..) else {
        return;
    };
    for (from, to) in OFFSETS {
        if let Some(at) = written.find(from) {
            out.replace_range(start + at..start + at + from.len(), to);
            return;
        }
    }
}

impl Sink for SvgWriter<'_> {
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn prepare(&mut self) -> Result<(), Error> {
        Ok(())
    }
    fn rect(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &Style,
        fill: bool,
    ) -> Result<(), Error> {
        self.element(|bk| bk.draw_rect(a, b, style, fill))
    }
    fn line(&mut self, a: BackendCoord, b: BackendCoord, style: &Style) -> Result<(), Error> {
        self.element(|bk| bk.draw_line(a, b, style))
    }
    fn path(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        style: &Style,
    ) -> Result<(), Error> {
        self.element(|bk| bk.draw_path(points, style))
    }
    fn polygon(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        style: &Style,
    ) -> Result<(), Error> {
        self.element(|bk| bk.fill_polygon(points, style))
    }
    fn circle(&mut self, c: BackendCoord, r: u32, style: &Style, fill: bool) -> Result<(), Error> {
        self.element(|bk| bk.draw_circle(c, r, style, fill))
    }
    fn text(&mut self, text: &str, font: &Font<'_>, at: BackendCoord) -> Result<(), Error> {
        let start = self.out.len();
        self.element(|bk| bk.draw_text(text, font, at))?;
        canvas_baseline(&mut self.out, start);
        Ok(())
    }
    fn present(&mut self) -> Result<(), Error> {
        Ok(())
    }
    fn begin_mark(&mut self, mark: usize) {
        let item = self
            .scene
            .mark_item(mark)
            .and_then(|i| self.scene.items.get(i));
        let mut group = String::new();
        if let Some(item) = item {
            group.push_str(&format!(" data-label=\"{}\"", escape_xml(&item.label)));
            if let Some(series) = crate::describe::item_series(item) {
                group.push_str(&format!(" data-series=\"{}\"", escape_xml(series)));
            }
            if item.value.is_finite() {
                group.push_str(&format!(" data-value=\"{}\"", item.value));
            }
        }
        let tip = tooltip_line(self.scene, mark);
        group.push_str(&format!(">\n<title>{}</title>\n", escape_xml(&tip)));
        if self.group_ended && self.group.as_deref() == Some(group.as_str()) {
            // The same figure again (the next cell of a waffle's category): one group.
            self.group_ended = false;
            return;
        }
        self.close_group();
        self.out
            .push_str(&format!("<g class=\"m\" data-mark=\"{mark}\"{group}"));
        self.group = Some(group);
        self.group_marks.push(mark);
    }
    fn end_mark(&mut self) {
        self.group_ended = true;
    }
    fn dashed_path(
        &mut self,
        points: &[BackendCoord],
        style: &Style,
        dash: &[f32],
    ) -> Result<(), Error> {
        let start = self.out.len();
        self.element(|bk| bk.draw_path(points.iter().copied(), style))?;
        // As f64: the one float printing the wasm already carries.
        let array: Vec<String> = dash
            .iter()
            .map(|d| ((f64::from(*d) * 1000.0).round() / 1000.0).to_string())
            .collect();
        if let Some(at) = self.out.get(start..).and_then(|w| w.find("<polyline")) {
            let at = start + at + "<polyline".len();
            self.out
                .insert_str(at, &format!(" stroke-dasharray=\"{}\"", array.join(" ")));
        }
        Ok(())
    }
    fn hit_area(&mut self, c: BackendCoord, r: u32) {
        self.close_group();
        self.out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\" fill=\"#000000\" fill-opacity=\"0\"/>\n",
            c.0, c.1
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::canvas_baseline;

    #[test]
    fn text_offsets_become_the_canvas_em_box_offsets() {
        for (written, expected) in [
            (
                "<text dy=\"0.76em\">a</text>",
                "<text dy=\"0.88em\">a</text>",
            ),
            (
                "<text dy=\"0.5ex\">a</text>",
                "<text dy=\"0.38em\">a</text>",
            ),
            (
                "<text dy=\"-0.5ex\">a</text>",
                "<text dy=\"-0.12em\">a</text>",
            ),
        ] {
            let mut out = format!("<g>{written}");
            canvas_baseline(&mut out, 3);
            assert_eq!(out, format!("<g>{expected}"));
        }
        // What was written before `start` is not this element's and stays.
        let mut out = "<text dy=\"0.76em\">a</text><rect/>".to_string();
        canvas_baseline(&mut out, 26);
        assert_eq!(out, "<text dy=\"0.76em\">a</text><rect/>");
    }
}
