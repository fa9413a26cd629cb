//! Maps (feature `full`): `geoshape` units (and point/text units placed by longitude and
//! latitude, layered over them) drawn through one projection, fitted to the view unless
//! the spec gives `scale`/`translate`. Each feature is a filled polygon batch instance
//! (holes bridged into their outline, drawn non-zero), with its data item, so maps are
//! hit-tested, described and exported like other marks.

use super::context::Ctx;
use super::legend::Legend;
use super::legend_side;
use super::scales::{self, ColorScale};
use crate::color::Color;
use crate::encode::{Bound, Encoded};
use crate::geo::project::{Projection, ProjectionSpec};
use crate::geo::{Shape, GEOMETRY_FIELD};
use crate::scene::{ChartKind, Item, MarkGroup, Paint, Rect, Role, Scene, Shapes};
use crate::spec::{Channel, ConstValue, MarkKind};

/// Positions → screen px, through the map's projection.
type ProjectRing<'a> = dyn Fn(&[(f64, f64)]) -> Vec<(f32, f32)> + 'a;

/// A planned map.
pub struct GeoMap {
    units: Vec<Encoded>,
    color: Option<ColorScale>,
    /// Point areas by a size field (the plots' default range, px²).
    size: Option<scales::MagnitudeScale>,
    ctx: Ctx,
}

/// True when the units draw a map (a geoshape mark, or a unit placed by longitude).
pub fn is_map(units: &[Encoded]) -> bool {
    units.iter().any(|u| {
        u.mark.kind == MarkKind::Geoshape
            || u.get(Channel::Longitude).is_some()
            || u.mark.projection.is_some()
    })
}

/// The shapes of a unit's rows (`None` for a row without a readable shape).
fn shapes(u: &Encoded) -> Vec<Option<Shape>> {
    if u.table.column(GEOMETRY_FIELD).is_none() {
        return vec![None; u.rows()];
    }
    (0..u.rows())
        .map(|r| Shape::from_text(&u.table.value(GEOMETRY_FIELD, r).to_text()))
        .collect()
}

/// Twice the signed area of a ring (positive: clockwise on screen, y down).
fn signed_area(ring: &[(f32, f32)]) -> f32 {
    let mut a = 0.0;
    for (i, p) in ring.iter().enumerate() {
        let q = ring[(i + 1) % ring.len()];
        a += p.0 * q.1 - q.0 * p.1;
    }
    a
}

/// One outline holding its holes: each hole, turned against the outline, is joined to
/// the outline's first vertex by a there-and-back seam, so that a non-zero fill leaves
/// it empty.
fn bridged(mut outer: Vec<(f32, f32)>, holes: Vec<Vec<(f32, f32)>>) -> Vec<(f32, f32)> {
    let Some(&start) = outer.first() else {
        return outer;
    };
    if outer.last() != Some(&start) {
        outer.push(start);
    }
    let sign = signed_area(&outer).signum();
    for mut hole in holes.into_iter().filter(|h| h.len() > 2) {
        if signed_area(&hole).signum() == sign {
            hole.reverse();
        }
        let first = hole[0];
        let closed = hole.last() == Some(&first);
        outer.extend(hole);
        if !closed {
            outer.push(first);
        }
        outer.push(start);
    }
    outer
}

impl GeoMap {
    /// Plans a map over `units`; `full` holds every row when the reader hid series.
    pub fn new(units: Vec<Encoded>, full: &[Encoded], ctx: &Ctx) -> GeoMap {
        GeoMap {
            color: scales::color(if full.is_empty() { &units } else { full }, ctx),
            size: scales::magnitude(&units, Channel::Size, (9.0, 361.0)),
            units,
            ctx: ctx.clone(),
        }
    }

    fn legend(&self) -> Option<Legend> {
        Legend::of(self.color.as_ref()?, &self.ctx)
    }

    /// Width of the legend column when beside, px.
    pub fn legend_width(&self) -> f32 {
        legend_side::column_room(self.legend().as_ref(), &self.ctx.theme)
    }

    /// Height needed below the map for a legend on narrow screens.
    pub fn chrome_height(&self, inner_width: f32) -> f32 {
        legend_side::rows_room(self.legend().as_ref(), inner_width, &self.ctx.theme)
    }

    /// The projection: the first unit's (Vega-Lite's default equalEarth without one).
    fn projection_spec(&self) -> ProjectionSpec {
        self.units
            .iter()
            .find_map(|u| u.mark.projection.as_deref().cloned())
            .unwrap_or_default()
    }

    /// Longitude/latitude of a point unit's row, if both are numbers.
    fn lon_lat(u: &Encoded, r: usize) -> Option<(f64, f64)> {
        let lon = u.value(Channel::Longitude, r).as_number()?;
        let lat = u.value(Channel::Latitude, r).as_number()?;
        (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
    }

    fn fill_of(&self, u: &Encoded, r: usize) -> Color {
        let theme = &self.ctx.theme;
        let base = match u.get(Channel::Color) {
            Some(Bound::Column { column, .. }) => self
                .color
                .as_ref()
                .map_or(theme.mark_color, |c| c.of_row(u, column, r)),
            _ => super::plot::constant_color(&self.ctx, u),
        };
        base.with_opacity(u.mark.opacity.unwrap_or(1.0))
    }

    /// The data item of row `r`: its label (the colour field's value, else a feature
    /// name, else the row number), tooltip fields and datum.
    fn item(&self, u: &Encoded, r: usize) -> Item {
        let format = |column: &str, def: &crate::spec::FieldDef| {
            self.ctx.format_value(
                &u.table.value(column, r),
                def,
                crate::format::Place::Tooltip,
            )
        };
        let mut fields = Vec::new();
        for (title, col, def) in &u.tooltip {
            fields.push((title.clone(), format(col, def)));
        }
        if fields.is_empty() {
            for (ch, b) in &u.channels {
                if let (Channel::Color | Channel::Text, Bound::Column { column, def }) = (ch, b) {
                    fields.push((def.display_title(), format(column, def)));
                }
            }
        }
        let label = match u.field(Channel::Color) {
            Some((c, _)) => u.table.value(c, r).to_text(),
            None => ["properties.name", "id"]
                .iter()
                .find(|f| u.table.column(f).is_some())
                .map(|f| u.table.value(f, r).to_text())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| (r + 1).to_string()),
        };
        let value = u
            .field(Channel::Color)
            .and_then(|(c, _)| u.table.value(c, r).as_number())
            .unwrap_or(f64::NAN);
        Item {
            label,
            series: None,
            value,
            share: None,
            fields,
            custom_tooltip: !u.tooltip.is_empty(),
            datum: super::datum::datum(u, r),
            formatted: None,
            box_stats: None,
            second_axis: false,
        }
    }

    /// Draws into `cell`.
    pub fn draw(&self, cell: Rect, scene: &mut Scene) {
        let theme = &self.ctx.theme;
        let legend = self.legend();
        let (plot, _) = legend_side::drawing_rect(legend.as_ref(), cell, theme);
        scene.plot = plot;
        scene.kind = ChartKind::Other;
        let unit_shapes: Vec<Vec<Option<Shape>>> = self.units.iter().map(shapes).collect();
        let spec = self.projection_spec();
        let positions = unit_shapes
            .iter()
            .flatten()
            .flatten()
            .flat_map(|s| s.positions())
            .chain(
                self.units
                    .iter()
                    .flat_map(|u| (0..u.rows()).filter_map(move |r| Self::lon_lat(u, r))),
            );
        let projection = Projection::new(
            &spec,
            positions.collect::<Vec<_>>(),
            plot.width as f64,
            plot.height as f64,
        );
        let at = |p: (f64, f64)| {
            let (x, y) = projection.apply(p);
            (plot.x + x as f32, plot.y + y as f32)
        };
        // Positions the projection does not draw (albersUsa's outside) are left out.
        let ring = |r: &[(f64, f64)]| {
            r.iter()
                .map(|p| at(*p))
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .collect::<Vec<_>>()
        };
        for (u, rows) in self.units.iter().zip(&unit_shapes) {
            match u.mark.kind {
                MarkKind::Geoshape => self.draw_shapes(u, rows, &ring, scene),
                MarkKind::Point | MarkKind::Text => self.draw_points(u, &at, scene),
                _ => {}
            }
        }
        if let Some(legend) = &legend {
            legend_side::draw(legend, theme, cell, plot, plot.y + plot.height / 2.0, scene);
        }
    }

    fn draw_shapes(
        &self,
        u: &Encoded,
        rows: &[Option<Shape>],
        ring: &ProjectRing<'_>,
        scene: &mut Scene,
    ) {
        let filled = u.mark.filled != Some(false);
        let (mut polygons, mut fills, mut items) = (vec![], vec![], vec![]);
        let (mut lines, mut line_colors) = (vec![], vec![]);
        let mut outlines = Vec::new();
        for (r, shape) in rows.iter().enumerate() {
            let Some(shape) = shape else { continue };
            if shape.is_empty() {
                continue;
            }
            let color = self.fill_of(u, r);
            let item = scene.items.len() as u32;
            let mut drawn = false;
            for polygon in &shape.polygons {
                let mut rings = polygon.iter().map(|r| ring(r));
                let Some(outer) = rings.next() else { continue };
                if outer.len() < 3 {
                    continue;
                }
                let holes: Vec<_> = rings.collect();
                if u.mark.outline.is_some() || !filled {
                    outlines.push(outer.clone());
                    outlines.extend(holes.iter().cloned());
                }
                if filled {
                    polygons.push(bridged(outer, holes));
                    fills.push(color);
                    items.push(item);
                    drawn = true;
                }
            }
            for line in &shape.lines {
                lines.push(ring(line));
                line_colors.push(color);
            }
            if drawn {
                scene.items.push(self.item(u, r));
            }
        }
        if !polygons.is_empty() {
            scene.groups.push(MarkGroup {
                role: Role::Data,
                shapes: Shapes::Polygons {
                    polygons,
                    fill: Paint::Each(fills),
                    outline: None,
                },
                items,
            });
        }
        let outline_color = u
            .mark
            .outline
            .or_else(|| (!filled).then(|| u.mark.color.unwrap_or(self.ctx.theme.mark_color)));
        if let (Some(color), false) = (outline_color, outlines.is_empty()) {
            scene.groups.push(MarkGroup {
                role: Role::DataShape,
                shapes: Shapes::Paths {
                    paths: outlines
                        .into_iter()
                        .map(|mut o| {
                            if let Some(&first) = o.first() {
                                o.push(first);
                            }
                            o
                        })
                        .collect(),
                    stroke: Paint::One(color),
                    stroke_width: u.mark.stroke_width.unwrap_or(1.0),
                    widths: Vec::new(),
                    dashes: Vec::new(),
                },
                items: Vec::new(),
            });
        }
        if !lines.is_empty() {
            // Lines (and meshes) are strokes: Vega-Lite draws them unfilled.
            let stroke = match (u.mark.outline, u.get(Channel::Color)) {
                (Some(c), _) => Paint::One(c),
                (None, Some(_)) => Paint::Each(line_colors),
                (None, None) => Paint::One(u.mark.color.unwrap_or(self.ctx.theme.mark_color)),
            };
            scene.groups.push(MarkGroup {
                role: Role::DataShape,
                shapes: Shapes::Paths {
                    paths: lines,
                    stroke,
                    stroke_width: u.mark.stroke_width.unwrap_or(1.0),
                    widths: Vec::new(),
                    dashes: Vec::new(),
                },
                items: Vec::new(),
            });
        }
    }

    fn draw_points(&self, u: &Encoded, at: &dyn Fn((f64, f64)) -> (f32, f32), scene: &mut Scene) {
        let (mut x, mut y, mut fill, mut items, mut texts) =
            (vec![], vec![], vec![], vec![], vec![]);
        let mut areas = Vec::new();
        for r in 0..u.rows() {
            let Some(p) = Self::lon_lat(u, r) else {
                continue;
            };
            let (px, py) = at(p);
            if !px.is_finite() || !py.is_finite() {
                continue;
            }
            x.push(px + u.mark.dx);
            y.push(py + u.mark.dy);
            fill.push(self.fill_of(u, r));
            areas.push(match (u.field(Channel::Size), &self.size) {
                (Some((c, _)), Some(scale)) => {
                    scale.of_row(u, Channel::Size, c, r).map(|v| v as f32)
                }
                _ => None,
            });
            if u.mark.kind == MarkKind::Text {
                texts.push(self.ctx.text_content(u, r));
            } else {
                items.push(scene.items.len() as u32);
                scene.items.push(self.item(u, r));
            }
        }
        let size_value = match u.get(Channel::Size) {
            Some(Bound::Value(ConstValue::Number(n))) => Some(*n as f32),
            _ => None,
        };
        if u.mark.kind == MarkKind::Text {
            let theme = &self.ctx.theme;
            let opacity = match u.get(Channel::Opacity) {
                Some(Bound::Value(ConstValue::Number(n))) => Some(*n as f32),
                _ => u.mark.opacity,
            };
            scene.groups.push(MarkGroup {
                role: Role::DataLabel,
                shapes: Shapes::Texts {
                    x,
                    y,
                    text: texts,
                    style: crate::scene::TextStyle {
                        size: size_value.or(u.mark.size).unwrap_or(theme.label_size),
                        bold: false,
                        color: u
                            .mark
                            .color
                            .unwrap_or(theme.title_color)
                            .with_opacity(opacity.unwrap_or(1.0)),
                        align: crate::scene::HAlign::Center,
                        baseline: crate::scene::VAlign::Middle,
                        angle: 0,
                    },
                },
                items: Vec::new(),
            });
            return;
        }
        // Vega-Lite's default point size is 30 px² of area.
        let area = size_value.or(u.mark.size).unwrap_or(30.0);
        let radius: Vec<f32> = areas
            .iter()
            .map(|a| (a.unwrap_or(area).max(0.0) / std::f32::consts::PI).sqrt())
            .collect();
        let filled = u.mark.filled == Some(true);
        // A point mark's own symbol (`mark.shape`, or the `square` mark) for every point.
        let symbols = match u.mark.shape {
            crate::spec::PointShape::Circle => Vec::new(),
            shape => vec![super::channels::symbol_of(shape); x.len()],
        };
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Points {
                x,
                y,
                radius,
                fill: if filled {
                    Paint::Each(fill.clone())
                } else {
                    Paint::One(Color::rgb(0, 0, 0).with_opacity(0.0))
                },
                stroke: (!filled).then_some(Paint::Each(fill)),
                symbols,
            },
            items,
        });
    }
}
