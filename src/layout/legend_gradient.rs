//! Continuous colour: a quantitative field's value → a colour on a ramp (sequential, or
//! diverging around `domainMid`), and its gradient legend (a bar of the ramp with tick
//! labels: a column beside the chart, or a row under it on narrow screens).

use crate::color::Color;
use crate::scene::{HAlign, MarkGroup, Paint, Role, Scene, Shapes, TextStyle, VAlign};
use crate::text;
use crate::theme::Theme;

/// A continuous colour scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Ramp {
    /// The ramp's stops, evenly spaced from the low end to the high end.
    pub stops: Vec<Color>,
    /// The data values at the low and high ends.
    pub domain: (f64, f64),
    /// `domainMid`: the value placed at the ramp's middle (diverging schemes).
    pub mid: Option<f64>,
    /// `reverse`: the high end gets the first stop.
    pub reverse: bool,
}

impl Ramp {
    /// Where `v` falls on the ramp, 0 at the low end and 1 at the high end (clamped; with
    /// `domainMid`, each half of the domain onto each half of the ramp).
    pub fn position(&self, v: f64) -> f64 {
        let (lo, hi) = self.domain;
        let t = match self.mid {
            Some(m) if v < m && m > lo => 0.5 * (v - lo) / (m - lo),
            Some(m) if v >= m && hi > m => 0.5 + 0.5 * (v - m) / (hi - m),
            Some(_) => 0.5,
            None if hi > lo => (v - lo) / (hi - lo),
            None => 0.5,
        };
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        if self.reverse {
            1.0 - t
        } else {
            t
        }
    }

    /// The colour at ramp position `t` (0…1): linear in RGB between neighbouring stops.
    pub fn at(&self, t: f64) -> Color {
        let n = self.stops.len();
        match n {
            0 => return Color::rgb(0, 0, 0),
            1 => return self.stops[0],
            _ => {}
        }
        let x = t.clamp(0.0, 1.0) * (n - 1) as f64;
        let i = (x.floor() as usize).min(n - 2);
        let f = (x - i as f64) as f32;
        let (a, b) = (self.stops[i], self.stops[i + 1]);
        let mix = |p: u8, q: u8| (f32::from(p) + (f32::from(q) - f32::from(p)) * f).round() as u8;
        Color::rgb(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// The colour of data value `v`.
    pub fn color(&self, v: f64) -> Color {
        self.at(self.position(v))
    }
}

/// The bar's thickness and its length in the column form, px (Vega's gradient defaults).
const THICKNESS: f32 = 12.0;
const LENGTH: f32 = 160.0;
/// Slices the bar is drawn with.
const SLICES: usize = 64;

/// A gradient legend: the ramp, its title and its tick labels.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientLegend {
    /// The ramp.
    pub ramp: Ramp,
    /// Tick values with their labels (at least the domain's ends).
    pub ticks: Vec<(f64, String)>,
}

impl GradientLegend {
    /// The legend of `ramp`: d3's ticks for five inside its domain (Vega's legend values
    /// of a continuous scale), or its ends when none fall inside; labelled in `format`
    /// (a d3-format specifier) if given.
    pub fn of(ramp: &Ramp, format: Option<&str>) -> GradientLegend {
        let (lo, hi) = (
            ramp.domain.0.min(ramp.domain.1),
            ramp.domain.0.max(ramp.domain.1),
        );
        let mut ticks = crate::scale::ticks(lo, hi, 5);
        if ticks.is_empty() {
            ticks = vec![lo, hi];
        }
        let step = match ticks.as_slice() {
            [a, b, ..] => (b - a).abs(),
            _ => (hi - lo).abs(),
        };
        let decimals = crate::format::decimals_for_step(step);
        let given = format.and_then(crate::format::NumberFormat::parse);
        GradientLegend {
            ramp: ramp.clone(),
            ticks: ticks
                .into_iter()
                .map(|t| {
                    let label = match &given {
                        Some(f) => f.format(t),
                        None => crate::format::grouped(t, decimals),
                    };
                    (t, label)
                })
                .collect(),
        }
    }

    fn title_height(theme: &Theme, title: Option<&str>) -> f32 {
        title.map_or(0.0, |_| text::line_height(theme.label_size) + 4.0)
    }

    fn label_width(&self, theme: &Theme) -> f32 {
        self.ticks
            .iter()
            .map(|(_, l)| text::width(l, theme.label_size, false))
            .fold(0.0, f32::max)
    }

    /// Width of the column form: bar, gap, widest label (or the title).
    pub fn column_width(&self, theme: &Theme, title: Option<&str>, max: f32) -> f32 {
        let title_w = title.map_or(0.0, |t| text::width(t, theme.label_size, true));
        (THICKNESS + 4.0 + self.label_width(theme))
            .max(title_w)
            .min(max)
    }

    /// Height of the column form.
    pub fn column_height(&self, theme: &Theme, title: Option<&str>) -> f32 {
        Self::title_height(theme, title) + LENGTH + text::line_height(theme.label_size) / 2.0
    }

    /// Height of the row form.
    pub fn flow_height(&self, theme: &Theme, title: Option<&str>) -> f32 {
        Self::title_height(theme, title) + THICKNESS + 4.0 + text::line_height(theme.label_size)
    }

    /// The tick position along a bar of `length` px, from its start (the low end; the top
    /// of a vertical bar is the high end, as in Vega).
    fn along(&self, v: f64, length: f32) -> f32 {
        let t = self.ramp.position(v);
        let t = if self.ramp.reverse { 1.0 - t } else { t };
        t as f32 * length
    }

    /// Adds the column form at (`x`, `y`): a vertical bar, high values at the top.
    pub fn draw_column(
        &self,
        theme: &Theme,
        title: Option<&str>,
        x: f32,
        y: f32,
        scene: &mut Scene,
    ) {
        let top = y + Self::title_height(theme, title) + text::line_height(theme.label_size) / 4.0;
        self.title(theme, title, x, y, scene);
        let step = LENGTH / SLICES as f32;
        let (mut xs, mut ys, mut fills) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..SLICES {
            let t = i as f64 / (SLICES - 1) as f64;
            xs.push(x);
            ys.push(top + LENGTH - (i + 1) as f32 * step);
            fills.push(self.ramp.at(if self.ramp.reverse { 1.0 - t } else { t }));
        }
        self.bar(
            xs,
            ys,
            vec![THICKNESS; SLICES],
            vec![step + 0.5; SLICES],
            fills,
            scene,
        );
        let (lx, ly): (Vec<f32>, Vec<f32>) = self
            .ticks
            .iter()
            .map(|(v, _)| (x + THICKNESS + 4.0, top + LENGTH - self.along(*v, LENGTH)))
            .unzip();
        self.labels(theme, lx, ly, HAlign::Left, VAlign::Middle, scene);
    }

    /// Adds the row form at (`x`, `y`), at most `width` px long: a horizontal bar, low
    /// values at the left, labels under it.
    pub fn draw_flow(
        &self,
        theme: &Theme,
        title: Option<&str>,
        x: f32,
        y: f32,
        width: f32,
        scene: &mut Scene,
    ) {
        self.title(theme, title, x, y, scene);
        let top = y + Self::title_height(theme, title);
        let half = self.label_width(theme) / 2.0;
        let length = (width - 2.0 * half).clamp(40.0, 240.0);
        let x0 = x + half;
        let step = length / SLICES as f32;
        let (mut xs, mut fills) = (Vec::new(), Vec::new());
        for i in 0..SLICES {
            let t = i as f64 / (SLICES - 1) as f64;
            xs.push(x0 + i as f32 * step);
            fills.push(self.ramp.at(if self.ramp.reverse { 1.0 - t } else { t }));
        }
        self.bar(
            xs,
            vec![top; SLICES],
            vec![step + 0.5; SLICES],
            vec![THICKNESS; SLICES],
            fills,
            scene,
        );
        let (lx, ly): (Vec<f32>, Vec<f32>) = self
            .ticks
            .iter()
            .map(|(v, _)| (x0 + self.along(*v, length), top + THICKNESS + 4.0))
            .unzip();
        self.labels(theme, lx, ly, HAlign::Center, VAlign::Top, scene);
    }

    fn title(&self, theme: &Theme, title: Option<&str>, x: f32, y: f32, scene: &mut Scene) {
        let Some(t) = title else { return };
        scene.groups.push(MarkGroup {
            role: Role::LegendTitle,
            shapes: Shapes::Texts {
                x: vec![x],
                y: vec![y + text::line_height(theme.label_size) / 2.0],
                text: vec![t.to_string()],
                style: TextStyle {
                    size: theme.label_size,
                    bold: true,
                    color: theme.title_color,
                    align: HAlign::Left,
                    baseline: VAlign::Middle,
                    angle: 0,
                },
            },
            items: Vec::new(),
        });
    }

    fn bar(
        &self,
        x: Vec<f32>,
        y: Vec<f32>,
        width: Vec<f32>,
        height: Vec<f32>,
        fills: Vec<Color>,
        scene: &mut Scene,
    ) {
        scene.groups.push(MarkGroup {
            role: Role::LegendSymbol,
            shapes: Shapes::Rects {
                x,
                y,
                width,
                height,
                fill: Paint::Each(fills),
                corner_radius: 0.0,
                corners: Vec::new(),
                outline: None,
            },
            items: Vec::new(),
        });
    }

    fn labels(
        &self,
        theme: &Theme,
        x: Vec<f32>,
        y: Vec<f32>,
        align: HAlign,
        baseline: VAlign,
        scene: &mut Scene,
    ) {
        // Vega's parity thinning, as on axes: every other label dropped until none come
        // within half an em of the next, along the bar (x in rows, y in the column).
        let widths: Vec<f32> = self
            .ticks
            .iter()
            .map(|(_, l)| text::width(l, theme.label_size, false) / 2.0)
            .collect();
        let gap = super::axis::MIN_LABEL_GAP_EM * theme.label_size;
        let every = if align == HAlign::Center {
            super::axis::parity_every(&x, &widths, gap)
        } else {
            let half = vec![text::line_height(theme.label_size) / 2.0; y.len()];
            super::axis::parity_every(&y, &half, gap)
        };
        let keep = |i: &usize| i.is_multiple_of(every);
        let pick = |v: Vec<f32>| -> Vec<f32> {
            v.into_iter()
                .enumerate()
                .filter(|(i, _)| keep(i))
                .map(|(_, p)| p)
                .collect()
        };
        scene.groups.push(MarkGroup {
            role: Role::LegendLabel,
            shapes: Shapes::Texts {
                x: pick(x),
                y: pick(y),
                text: self
                    .ticks
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| keep(i))
                    .map(|(_, (_, l))| l.clone())
                    .collect(),
                style: TextStyle {
                    size: theme.label_size,
                    bold: false,
                    color: theme.label_color,
                    align,
                    baseline,
                    angle: 0,
                },
            },
            items: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend(domain: (f64, f64)) -> GradientLegend {
        GradientLegend::of(
            &Ramp {
                stops: vec![Color::rgb(0, 0, 0), Color::rgb(255, 255, 255)],
                domain,
                mid: None,
                reverse: false,
            },
            None,
        )
    }

    #[test]
    fn values_are_d3s_five_ticks() {
        let values = |d| {
            legend(d)
                .ticks
                .into_iter()
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
        };
        // Vega's legend of 1 … 2: 1.0, 1.2, … 2.0; of 0 … 55: 0, 10, … 50.
        assert_eq!(
            values((1.0, 2.0)),
            ["1.0", "1.2", "1.4", "1.6", "1.8", "2.0"]
        );
        assert_eq!(values((0.0, 55.0)), ["0", "10", "20", "30", "40", "50"]);
    }
}
