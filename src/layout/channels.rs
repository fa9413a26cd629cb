//! The `shape`, `strokeDash` and `strokeWidth` channels as Vega-Lite scales them: a
//! discrete field onto Vega's symbol range (circle, square, triangle-up, cross, …) or
//! Vega-Lite's dash range, a quantitative field onto widths from 1 to 4 px; and each
//! row's symbol, dash pattern and width, else the mark's own.

use crate::color::Color;
use crate::encode::{Bound, Encoded};
#[cfg(feature = "full")]
use crate::scene::Role;
use crate::scene::{MarkGroup, Outline, Symbol};
#[cfg(feature = "full")]
use crate::scene::{Paint, Shapes};
#[cfg(feature = "full")]
use crate::spec::MarkKind;
use crate::spec::{Channel, ConstValue, FieldDef, PointShape};

use super::context::Ctx;
use super::legend::Legend;
use super::scales::{self, ColorScale, MagnitudeScale};

/// Vega-Lite's default `strokeDash` range, in the order a scale assigns it.
#[cfg(feature = "full")]
pub const DASHES: [&[f32]; 5] = [
    &[1.0, 0.0],
    &[4.0, 2.0],
    &[2.0, 1.0],
    &[1.0, 1.0],
    &[1.0, 2.0, 4.0, 2.0],
];

/// Vega-Lite's default `strokeWidth` range (`config.scale.minStrokeWidth`/`maxStrokeWidth`).
#[cfg(feature = "full")]
const WIDTHS: (f64, f64) = (1.0, 4.0);

/// A discrete field's values onto a list of outputs, repeated when there are more values.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrete<T> {
    /// The field definition (its name, title and legend).
    pub def: FieldDef,
    /// The values in order.
    pub domain: Vec<String>,
    /// The outputs, one per value of the domain (cycled).
    pub range: Vec<T>,
}

impl<T: Clone> Discrete<T> {
    /// The output of `key` (the first output for values outside the domain).
    pub fn get(&self, key: &str) -> Option<T> {
        let i = self.domain.iter().position(|d| d == key).unwrap_or(0);
        self.range.get(i % self.range.len().max(1)).cloned()
    }

    #[cfg(feature = "full")]
    fn over(units: &[Encoded], ch: Channel, range: Vec<T>) -> Option<Discrete<T>> {
        let def = units
            .iter()
            .find_map(|u| u.field(ch).map(|(_, d)| d))?
            .clone();
        let mut values = Vec::new();
        for u in units {
            if let Some((col, _)) = u.field(ch) {
                for r in 0..u.rows() {
                    match u.table.value(col, r) {
                        crate::table::Value::Null => {}
                        v => values.push(v.to_text()),
                    }
                }
            }
        }
        let domain = scales::ordered(values, &def, &Default::default());
        Some(Discrete { def, domain, range })
    }
}

/// The symbol of a spec's point shape.
pub fn symbol_of(shape: PointShape) -> Symbol {
    match shape {
        PointShape::Circle => Symbol::Circle,
        PointShape::Square => Symbol::Square,
        PointShape::Cross => Symbol::Cross,
        PointShape::Diamond => Symbol::Diamond,
        PointShape::TriangleUp => Symbol::TriangleUp,
        PointShape::TriangleDown => Symbol::TriangleDown,
        PointShape::TriangleRight => Symbol::TriangleRight,
        PointShape::TriangleLeft => Symbol::TriangleLeft,
    }
}

/// The scales of a plot's shape, dash and width channels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StrokeScales {
    /// `shape` over a discrete field.
    pub shape: Option<Discrete<Symbol>>,
    /// `strokeDash` over a discrete field.
    pub dash: Option<Discrete<Vec<f32>>>,
    /// `strokeWidth` over a quantitative field.
    pub width: Option<MagnitudeScale>,
}

impl StrokeScales {
    /// The lite build's parser answers NeedsFull for these channels: no scales.
    #[cfg(not(feature = "full"))]
    pub fn of(_units: &[Encoded]) -> StrokeScales {
        StrokeScales::default()
    }

    /// The scales over every unit of a plot.
    #[cfg(feature = "full")]
    pub fn of(units: &[Encoded]) -> StrokeScales {
        let shape_def = units.iter().find_map(|u| u.field(Channel::Shape));
        let symbols = match shape_def.and_then(|(_, d)| d.scale.range_shapes.clone()) {
            Some(shapes) => shapes.into_iter().map(symbol_of).collect(),
            None => Symbol::RANGE.to_vec(),
        };
        let dash_def = units.iter().find_map(|u| u.field(Channel::StrokeDash));
        let dashes = match dash_def.and_then(|(_, d)| d.scale.range_dashes.clone()) {
            Some(d) => d,
            None => DASHES.iter().map(|d| d.to_vec()).collect(),
        };
        let width = units
            .iter()
            .find_map(|u| u.field(Channel::StrokeWidth))
            .filter(|(_, d)| !d.ty.is_discrete())
            .and_then(|_| scales::magnitude(units, Channel::StrokeWidth, WIDTHS));
        StrokeScales {
            shape: Discrete::over(units, Channel::Shape, symbols),
            dash: Discrete::over(units, Channel::StrokeDash, dashes),
            width,
        }
    }

    /// Row `r`'s symbol: the shape field's, the shape value's, else the mark's.
    pub fn symbol(&self, u: &Encoded, r: usize) -> Symbol {
        match (u.get(Channel::Shape), &self.shape) {
            (Some(Bound::Column { column, .. }), Some(s)) => s
                .get(&u.table.value(column, r).to_text())
                .unwrap_or(Symbol::Circle),
            (Some(Bound::Value(ConstValue::Text(t))), _) => {
                Symbol::from_name(t).unwrap_or(symbol_of(u.mark.shape))
            }
            _ => symbol_of(u.mark.shape),
        }
    }

    /// Row `r`'s dash pattern (empty: solid): the dash field's, the value's, else the
    /// mark's `strokeDash`.
    pub fn dash(&self, u: &Encoded, r: usize) -> Vec<f32> {
        let dash = match (u.get(Channel::StrokeDash), &self.dash) {
            (Some(Bound::Column { column, .. }), Some(s)) => s
                .get(&u.table.value(column, r).to_text())
                .unwrap_or_default(),
            (Some(Bound::Value(ConstValue::Text(t))), _) => t
                .split(',')
                .filter_map(|d| crate::decimal::parse_f64(d.trim()))
                .map(|d| d as f32)
                .collect(),
            _ => u.mark.stroke_dash.clone(),
        };
        solid_if_gapless(dash)
    }

    /// Row `r`'s stroke width, if the width channel sets one.
    pub fn width(&self, u: &Encoded, r: usize) -> Option<f32> {
        match (u.get(Channel::StrokeWidth), &self.width) {
            (Some(Bound::Column { column, .. }), Some(s)) => {
                scales::number_of(&u.table.value(column, r)).map(|v| s.map(v) as f32)
            }
            (Some(Bound::Value(ConstValue::Number(n))), _) => Some(*n as f32),
            _ => None,
        }
    }

    /// The outline of a filled mark's shapes (`mark.stroke`), `None` without one: the
    /// mark's colour, width (1 px by default, as Vega strokes) and dash; where the
    /// `strokeWidth` channel (or its condition) is given, each of `rows`' own width.
    pub fn outline(&self, u: &Encoded, rows: &[usize]) -> Option<Box<Outline>> {
        let color = u.mark.outline?;
        let width = u.mark.stroke_width.unwrap_or(1.0);
        let own = u.get(Channel::StrokeWidth).is_some()
            || u.conditions.iter().any(|(c, _)| *c == Channel::StrokeWidth);
        let widths = match own {
            true => rows
                .iter()
                .map(|&r| match u.condition(Channel::StrokeWidth, r) {
                    Some(ConstValue::Number(n)) => *n as f32,
                    _ => self.width(u, r).unwrap_or(width),
                })
                .collect(),
            false => Vec::new(),
        };
        Some(Box::new(Outline {
            color,
            width,
            widths,
            dash: solid_if_gapless(u.mark.stroke_dash.clone()),
        }))
    }

    /// The columns that split a line into series besides colour and detail.
    pub fn series_fields(u: &Encoded) -> Vec<String> {
        [Channel::Shape, Channel::StrokeDash, Channel::StrokeWidth]
            .into_iter()
            .filter_map(|c| u.field(c).map(|(col, _)| col.to_string()))
            .collect()
    }
}

/// `[1, 0]` and every pattern without a gap (Vega-Lite's first dash) is a solid line:
/// no pattern.
pub fn solid_if_gapless(dash: Vec<f32>) -> Vec<f32> {
    // An odd-length pattern repeats twice (SVG's rule): its gaps are every entry.
    let gaps_from = if dash.len() % 2 == 1 { 0 } else { 1 };
    let step = if dash.len() % 2 == 1 { 1 } else { 2 };
    if dash
        .iter()
        .skip(gaps_from)
        .step_by(step)
        .all(|gap| *gap <= 0.0)
    {
        Vec::new()
    } else {
        dash
    }
}

/// A plot's legend: the colour legend (the lite build has no shape or dash scales).
#[cfg(not(feature = "full"))]
pub fn legend(
    color: Option<&ColorScale>,
    _strokes: &StrokeScales,
    _units: &[Encoded],
    ctx: &Ctx,
) -> Option<Legend> {
    color.and_then(|c| Legend::of(c, ctx))
}

/// The symbols or dashes of a legend's entries centred at `centres` (each entry's left
/// edge and middle) in `colors`, `swatch` px wide; none for a colour legend (it draws
/// swatches) and in the lite build.
#[cfg(not(feature = "full"))]
pub fn legend_marks(
    legend: &Legend,
    _centres: &[(f32, f32)],
    _colors: &[Color],
    _swatch: f32,
) -> Vec<MarkGroup> {
    let _ = (&legend.symbols, &legend.dashes, legend.hollow);
    Vec::new()
}

/// The symbols or dashes of a legend's entries centred at `centres` (each entry's left
/// edge and middle) in `colors`, `swatch` px wide; none for a colour legend (it draws
/// swatches).
#[cfg(feature = "full")]
pub fn legend_marks(
    legend: &Legend,
    centres: &[(f32, f32)],
    colors: &[Color],
    swatch: f32,
) -> Vec<MarkGroup> {
    let mut groups = Vec::new();
    if !legend.dashes.is_empty() {
        // A short line per entry, dashed as its series.
        for (i, &(x, y)) in centres.iter().enumerate() {
            let mut segs = crate::scene::Segments::default();
            segs.push((x, y), (x + swatch, y));
            let color = colors.get(i).copied().unwrap_or(Color::rgb(0, 0, 0));
            let mut group = segs.into_group(Role::LegendSymbol, color, 2.0);
            if let Some(Shapes::Lines { dash, .. }) = group.as_mut().map(|g| &mut g.shapes) {
                *dash = legend.dashes.get(i).cloned().unwrap_or_default();
            }
            groups.extend(group);
        }
    } else if !legend.symbols.is_empty() {
        let fill = match legend.hollow {
            true => colors.iter().map(|c| Color { a: 0.0, ..*c }).collect(),
            false => colors.to_vec(),
        };
        groups.push(MarkGroup {
            role: Role::LegendSymbol,
            shapes: Shapes::Points {
                x: centres.iter().map(|c| c.0 + swatch / 2.0).collect(),
                y: centres.iter().map(|c| c.1).collect(),
                radius: vec![swatch / 2.0 - 1.0; centres.len()],
                fill: Paint::Each(fill),
                stroke: legend.hollow.then(|| Paint::Each(colors.to_vec())),
                symbols: legend.symbols.clone(),
            },
            items: Vec::new(),
        });
    }
    groups
}

/// A plot's legend: the colour legend, its entries drawn with the shape or dash of their
/// value when the shape or dash channel shows the colour's field (Vega merges those
/// legends); without a colour legend, the shape legend, else the dash legend, in the
/// mark's colour. A shape or dash field other than the colour's has no legend of its own.
#[cfg(feature = "full")]
pub fn legend(
    color: Option<&ColorScale>,
    strokes: &StrokeScales,
    units: &[Encoded],
    ctx: &Ctx,
) -> Option<Legend> {
    let hollow = units
        .iter()
        .all(|u| u.mark.kind == MarkKind::Point && !u.mark.filled.unwrap_or(false));
    let color_field = units
        .iter()
        .find_map(|u| u.field(Channel::Color))
        .map(|(_, d)| d.field.clone());
    if let Some(mut l) = color.and_then(|c| Legend::of(c, ctx)) {
        if l.gradient.is_some() {
            return Some(l);
        }
        let same = |def: &FieldDef| color_field.as_deref() == Some(def.field.as_str());
        if let Some(s) = strokes.shape.as_ref().filter(|s| same(&s.def)) {
            l.symbols = l.keys.iter().filter_map(|k| s.get(k)).collect();
            l.hollow = hollow;
        } else if let Some(d) = strokes.dash.as_ref().filter(|d| same(&d.def)) {
            l.dashes = l
                .keys
                .iter()
                .map(|k| solid_if_gapless(d.get(k).unwrap_or_default()))
                .collect();
        }
        return Some(l);
    }
    if color.is_some() {
        return None;
    }
    let mark_color = units
        .first()
        .map(|u| u.mark.color.unwrap_or(ctx.mark_color(u.mark.kind)))?;
    let entries = |def: &FieldDef, domain: &[String]| -> Option<Legend> {
        def.legend.as_ref()?;
        Some(Legend {
            title: def.legend.as_ref().and_then(|l| match &l.title {
                Some(t) => t.clone(),
                None => match &def.title {
                    Some(t) => t.clone(),
                    None => Some(def.display_title()),
                },
            }),
            labels: domain.iter().map(|d| ctx.label(d)).collect(),
            colors: vec![mark_color; domain.len()],
            // Not series the reader toggles: hiding works on colour's series.
            keys: Vec::new(),
            hidden: Vec::new(),
            selected: Vec::new(),
            gradient: None,
            symbols: Vec::new(),
            dashes: Vec::new(),
            hollow,
        })
    };
    if let Some(s) = &strokes.shape {
        let mut l = entries(&s.def, &s.domain)?;
        l.symbols = s.domain.iter().filter_map(|k| s.get(k)).collect();
        return Some(l);
    }
    let d = strokes.dash.as_ref()?;
    let mut l = entries(&d.def, &d.domain)?;
    l.dashes = d
        .domain
        .iter()
        .map(|k| solid_if_gapless(d.get(k).unwrap_or_default()))
        .collect();
    Some(l)
}

/// The radius a point of `area` px² is drawn with: a circle's radius, half the width of
/// every other symbol (Vega's `sqrt(size) / 2`).
pub fn point_radius(symbol: Symbol, area: f64) -> f32 {
    match symbol {
        Symbol::Circle => (area / std::f64::consts::PI).sqrt() as f32,
        _ => (area.sqrt() / 2.0) as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gapless_dashes_are_solid_and_radii_follow_vega() {
        assert!(solid_if_gapless(vec![1.0, 0.0]).is_empty());
        assert!(solid_if_gapless(vec![0.0]).is_empty());
        assert_eq!(solid_if_gapless(vec![3.0]), vec![3.0]);
        assert_eq!(solid_if_gapless(vec![4.0, 2.0]), vec![4.0, 2.0]);
        assert_eq!(point_radius(Symbol::Square, 100.0), 5.0);
        assert_eq!(point_radius(Symbol::Diamond, 64.0), 4.0);
        assert!((point_radius(Symbol::Circle, std::f64::consts::PI * 9.0) - 3.0).abs() < 1e-6);
    }
}
