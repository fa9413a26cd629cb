//! The size legend of a quantitative `size` channel, as Vega draws it: a symbol of each
//! size at round values of the field (d3's ticks for five over the scale's domain, e.g.
//! 0, 50, 100, 150), each with its value, under the field's title ("Count of Records").
//! A column beside the plot, or wrapped rows below it on narrow screens, like the colour
//! legend; its entries are not hit-tested.

use crate::color::Color;
use crate::scene::{HAlign, MarkGroup, Paint, Rect, Role, Scene, Shapes, TextStyle, VAlign};
use crate::text;
use crate::theme::Theme;

use super::legend::Legend;
use super::scales::MagnitudeScale;

/// Gap between a symbol and its label, px.
const GAP: f32 = 6.0;
/// Gap between entries in the row form, px.
const ENTRY_GAP: f32 = 14.0;
/// Vega's legend tick count for continuous scales.
const VALUES: usize = 5;

/// A size legend to place.
#[derive(Debug, Clone, PartialEq)]
pub struct SizeLegend {
    /// Title, if shown.
    pub title: Option<String>,
    /// Each entry's symbol radius (px) and label, smallest first.
    pub entries: Vec<(f32, String)>,
    /// The symbols' colour.
    pub color: Color,
    /// Filled symbols (circle marks); else outlined (point marks).
    pub filled: bool,
    /// Squares instead of circles.
    pub square: bool,
}

/// Where each entry's symbol centre and label go, relative to the legend's top left.
struct Placement {
    /// Symbol centres (x, y).
    centres: Vec<(f32, f32)>,
    /// Label anchors (x, y): left, middle.
    labels: Vec<(f32, f32)>,
    /// Total width and height.
    size: (f32, f32),
}

impl SizeLegend {
    /// The legend of `scale`: the legend's own `values` (`given`), else d3's ticks for
    /// five over its domain (its ends when none fall inside), each drawn at the area the
    /// scale gives it.
    pub fn of(
        scale: &MagnitudeScale,
        title: Option<String>,
        color: Color,
        filled: bool,
        square: bool,
        given: &[f64],
    ) -> SizeLegend {
        let (lo, hi) = (
            scale.domain.0.min(scale.domain.1),
            scale.domain.0.max(scale.domain.1),
        );
        let mut values = match given {
            [] => crate::scale::ticks(lo, hi, VALUES),
            v => v.to_vec(),
        };
        if values.is_empty() {
            values = if hi > lo { vec![lo, hi] } else { vec![lo] };
        }
        let step = match values.as_slice() {
            [a, b, ..] if given.is_empty() => (b - a).abs(),
            _ => (hi - lo).abs(),
        };
        let decimals = crate::format::decimals_for_step(step);
        // Given values are written as they are (separators, at most two decimals).
        let label = |v: f64| match given {
            [] => crate::format::grouped(v, decimals),
            _ => crate::format::value(v),
        };
        let entries = values
            .iter()
            .map(|v| {
                let area = scale.map(*v).max(0.0);
                let radius = if square {
                    area.sqrt() / 2.0
                } else {
                    (area / std::f64::consts::PI).sqrt()
                };
                (radius as f32, label(*v))
            })
            .collect();
        SizeLegend {
            title,
            entries,
            color,
            filled,
            square,
        }
    }

    /// The size legend of a plot's `units` with size scale `scale`: none when the first
    /// size field hides its legend (`legend: null`); the legend's title, else the field's;
    /// symbols in the first sized mark's colour and opacity, filled as it is.
    pub fn for_units(
        units: &[crate::encode::Encoded],
        scale: &MagnitudeScale,
        ctx: &super::context::Ctx,
    ) -> Option<SizeLegend> {
        let (unit, def) = units
            .iter()
            .find_map(|u| u.field(crate::spec::Channel::Size).map(|(_, d)| (u, d)))?;
        let legend = def.legend.as_ref()?;
        let title = legend.title.clone().unwrap_or_else(|| match &def.title {
            Some(t) => t.clone(),
            None => Some(def.display_title()),
        });
        // The marks' own colour and opacity when they are constant (a colour field
        // draws the symbols in the mark's default colour).
        let color = super::plot::constant_color(ctx, unit)
            .with_opacity(super::plot::constant_opacity(unit).clamp(0.0, 1.0));
        Some(SizeLegend::of(
            scale,
            title,
            color,
            unit.mark.filled.unwrap_or(false),
            unit.mark.shape == crate::spec::PointShape::Square,
            &legend.values,
        ))
    }

    /// The size legend of a plot (none where its scale's legend is off, as in facet
    /// cells), and whether it stands beside the plot: where the colour legend does
    /// (`colour_beside`), else where a cell `width` px wide leaves room beside it.
    pub fn for_plot(
        units: &[crate::encode::Encoded],
        scale: &MagnitudeScale,
        colour_beside: Option<bool>,
        width: f32,
        ctx: &super::context::Ctx,
    ) -> Option<(SizeLegend, bool)> {
        let legend = Self::for_units(units, scale.legend.then_some(scale)?, ctx)?;
        Some((
            legend,
            colour_beside.unwrap_or(width >= super::LEGEND_BESIDE_MIN),
        ))
    }

    fn line_height(theme: &Theme) -> f32 {
        text::line_height(theme.label_size)
    }

    fn title_text(&self, theme: &Theme, room: f32) -> Option<String> {
        self.title
            .as_ref()
            .map(|t| text::lines(t, theme.label_size, true, room.max(theme.label_size)).join("\n"))
    }

    fn title_height(&self, theme: &Theme, room: f32) -> f32 {
        self.title_text(theme, room).map_or(0.0, |t| {
            t.split('\n').count() as f32 * Self::line_height(theme) + 4.0
        })
    }

    /// The widest symbol, px.
    fn symbol_width(&self) -> f32 {
        self.entries
            .iter()
            .map(|(r, _)| 2.0 * r)
            .fold(0.0, f32::max)
    }

    /// Entries in a column (`flow: false`) or in rows wrapping at `width`, each row as
    /// tall as its largest symbol (or a line), entries centred on the row's middle.
    fn place(&self, theme: &Theme, width: f32, flow: bool) -> Placement {
        let lh = Self::line_height(theme);
        let top = self.title_height(theme, width);
        let column_w = self.symbol_width();
        let height = |r: f32| (2.0 * r).max(lh) + 4.0;
        let label_w = |l: &str| text::width(l, theme.label_size, false);
        let mut centres = Vec::new();
        let mut labels = Vec::new();
        let mut widest = 0.0f32;
        let mut y = top;
        if flow {
            // Rows: (first entry, entries, height).
            let mut rows: Vec<(usize, usize, f32)> = Vec::new();
            let mut x = 0.0f32;
            for (i, (r, label)) in self.entries.iter().enumerate() {
                let w = 2.0 * r + GAP + label_w(label);
                match rows.last_mut() {
                    Some(row) if x + w <= width || x == 0.0 => {
                        row.1 += 1;
                        row.2 = row.2.max(height(*r));
                    }
                    _ => {
                        rows.push((i, 1, height(*r)));
                        x = 0.0;
                    }
                }
                x += w + ENTRY_GAP;
                widest = widest.max(x - ENTRY_GAP);
            }
            for (first, count, h) in rows {
                let mut x = 0.0f32;
                for (r, label) in &self.entries[first..first + count] {
                    centres.push((x + r, y + h / 2.0));
                    labels.push((x + 2.0 * r + GAP, y + h / 2.0));
                    x += 2.0 * r + GAP + label_w(label) + ENTRY_GAP;
                }
                y += h;
            }
        } else {
            for (r, label) in &self.entries {
                // Symbols centred in one column, labels aligned after the widest.
                let h = height(*r);
                centres.push((column_w / 2.0, y + h / 2.0));
                labels.push((column_w + GAP, y + h / 2.0));
                y += h;
                widest = widest.max(column_w + GAP + label_w(label));
            }
        }
        let title_w = self.title_text(theme, width).map_or(0.0, |t| {
            t.split('\n')
                .map(|l| text::width(l, theme.label_size, true))
                .fold(0.0, f32::max)
        });
        Placement {
            centres,
            labels,
            size: (widest.max(title_w), y),
        }
    }

    /// Width of the column form, at most `max`.
    pub fn column_width(&self, theme: &Theme, max: f32) -> f32 {
        // A pixel of slack: the title set in exactly its own width stays on one line.
        (self.place(theme, max, false).size.0.ceil() + 1.0).min(max)
    }

    /// Height of the row form wrapping at `width`.
    pub fn flow_height(&self, theme: &Theme, width: f32) -> f32 {
        self.place(theme, width, true).size.1
    }

    /// The room the legend takes around a plot `inner_width` px wide (`beside` it, or
    /// below): width on the right (with `bar_room` for value labels), height below.
    pub fn room(&self, theme: &Theme, beside: bool, inner_width: f32, bar_room: f32) -> (f32, f32) {
        if beside {
            (self.column_width(theme, 200.0) + 16.0 + bar_room, 0.0)
        } else {
            (0.0, 10.0 + self.flow_height(theme, inner_width))
        }
    }

    /// Adds the legend to a plot drawn in `frame` (the plot, its cell, and the column
    /// width right of the plot): beside the plot under the colour legend's column, or in
    /// rows above the colour legend's rows at the cell's bottom.
    pub fn draw(
        &self,
        theme: &Theme,
        beside: bool,
        colour: Option<&Legend>,
        frame: (Rect, Rect, f32),
        scene: &mut Scene,
    ) {
        let (plot, cell, width) = frame;
        if beside {
            let below = colour.map_or(0.0, |l| l.column_height(theme, width) + 12.0);
            let x = plot.x + plot.width + 16.0;
            self.draw_column(theme, x, plot.y + below, width, scene);
        } else {
            let colour_h = colour.map_or(0.0, |l| 10.0 + l.flow_height(theme, cell.width));
            let h = 10.0 + self.flow_height(theme, cell.width);
            let y = cell.y + cell.height - colour_h - h + 10.0;
            self.draw_flow(theme, cell.x, y, cell.width, scene);
        }
    }

    /// Adds the legend as a column at (`x`, `y`), `width` wide.
    pub fn draw_column(&self, theme: &Theme, x: f32, y: f32, width: f32, scene: &mut Scene) {
        let p = self.place(theme, width, false);
        self.emit(theme, x, y, width, &p, scene);
    }

    /// Adds the legend as wrapped rows at (`x`, `y`), `width` wide.
    pub fn draw_flow(&self, theme: &Theme, x: f32, y: f32, width: f32, scene: &mut Scene) {
        let p = self.place(theme, width, true);
        self.emit(theme, x, y, width, &p, scene);
    }

    fn emit(&self, theme: &Theme, x: f32, y: f32, width: f32, p: &Placement, scene: &mut Scene) {
        let style = |bold: bool, color: Color| TextStyle {
            size: theme.label_size,
            bold,
            color,
            align: HAlign::Left,
            baseline: VAlign::Top,
            angle: 0,
        };
        if let Some(title) = self.title_text(theme, width) {
            scene.groups.push(MarkGroup {
                role: Role::LegendTitle,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![y],
                    text: vec![title],
                    style: style(true, theme.title_color),
                },
                items: Vec::new(),
            });
        }
        let n = self.entries.len();
        let hollow = Color {
            a: 0.0,
            ..self.color
        };
        scene.groups.push(MarkGroup {
            role: Role::LegendSymbol,
            shapes: Shapes::Points {
                x: p.centres.iter().map(|c| x + c.0).collect(),
                y: p.centres.iter().map(|c| y + c.1).collect(),
                radius: self.entries.iter().map(|(r, _)| r.max(0.5)).collect(),
                fill: Paint::One(if self.filled { self.color } else { hollow }),
                stroke: (!self.filled).then_some(Paint::One(self.color)),
                symbols: if self.square {
                    vec![crate::scene::Symbol::Square; n]
                } else {
                    Vec::new()
                },
            },
            items: Vec::new(),
        });
        scene.groups.push(MarkGroup {
            role: Role::LegendLabel,
            shapes: Shapes::Texts {
                x: p.labels.iter().map(|l| x + l.0).collect(),
                y: p.labels.iter().map(|l| y + l.1).collect(),
                text: self.entries.iter().map(|(_, l)| l.clone()).collect(),
                style: TextStyle {
                    baseline: VAlign::Middle,
                    ..style(false, theme.label_color)
                },
            },
            items: Vec::new(),
        });
        debug_assert_eq!(n, p.centres.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend(domain: (f64, f64)) -> SizeLegend {
        let scale = MagnitudeScale {
            domain,
            range: (9.0, 361.0),
            legend: true,
            steps: None,
        };
        SizeLegend::of(
            &scale,
            Some("Count of Records".into()),
            Color::rgb(0, 0, 0),
            true,
            false,
            &[],
        )
    }

    #[test]
    fn values_are_d3s_five_ticks_as_vega_labels_them() {
        let labels = |d| {
            legend(d)
                .entries
                .into_iter()
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
        };
        assert_eq!(labels((0.0, 170.0)), ["0", "50", "100", "150"]);
        assert_eq!(
            labels((0.0, 1300.0)),
            ["0", "200", "400", "600", "800", "1,000", "1,200"]
        );
        assert_eq!(labels((0.0, 0.9)), ["0.0", "0.2", "0.4", "0.6", "0.8"]);
    }

    #[test]
    fn symbols_grow_with_the_value_and_entries_do_not_overlap() {
        let l = legend((0.0, 170.0));
        let radii: Vec<f32> = l.entries.iter().map(|(r, _)| *r).collect();
        assert!(radii.windows(2).all(|w| w[0] < w[1]), "{radii:?}");
        let theme = Theme::default();
        for flow in [false, true] {
            let p = l.place(&theme, 200.0, flow);
            for i in 1..p.centres.len() {
                let (a, b) = (p.centres[i - 1], p.centres[i]);
                let (ra, rb) = (radii[i - 1], radii[i]);
                let apart = if flow && (a.1 - b.1).abs() < 1e-3 {
                    b.0 - a.0
                } else {
                    b.1 - a.1
                };
                assert!(apart >= ra + rb, "{flow}: {a:?} {b:?}");
            }
            assert!(p.size.0 <= 200.0);
        }
    }
}
