//! The scene: everything that will be drawn, in CSS pixels, with the data behind it.
//!
//! A [`Scene`] is a list of [`MarkGroup`]s in drawing order. Each group is a columnar
//! batch of one shape kind (rects, arcs, lines, texts): one `Vec<f32>` per property, so
//! four bars and a million points are the same structure. Groups that show data carry,
//! per instance, an index into [`Scene::items`], the data values behind the mark. The
//! scene is the one geometry used for drawing ([`crate::render`]), hit testing ([`hit`]),
//! and the accessible description; nothing else recomputes positions.

pub mod clip;
pub mod hit;

use crate::color::Color;

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    /// Text starts at x.
    Left,
    /// Text is centred on x.
    Center,
    /// Text ends at x.
    Right,
}

/// Vertical text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    /// y is the top of the text.
    Top,
    /// y is the middle of the text.
    Middle,
    /// y is the bottom of the text.
    Bottom,
}

/// How a batch of text is set.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// Font size in CSS px.
    pub size: f32,
    /// Bold or regular.
    pub bold: bool,
    /// Colour.
    pub color: Color,
    /// Horizontal anchor.
    pub align: HAlign,
    /// Vertical anchor.
    pub baseline: VAlign,
    /// Rotation: 0, or 270 (reads bottom to top) or 90 (top to bottom), in degrees.
    pub angle: u16,
}

/// A colour for all instances, or one each.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// The same colour for every instance.
    One(Color),
    /// One colour per instance.
    Each(Vec<Color>),
}

impl Paint {
    /// The colour of instance `i`.
    pub fn get(&self, i: usize) -> Color {
        match self {
            Paint::One(c) => *c,
            Paint::Each(v) => v.get(i).copied().unwrap_or(Color::rgb(0, 0, 0)),
        }
    }
}

/// A point symbol, as Vega names and draws them (`shape`). The radius of a circle is
/// its radius; of every other symbol half its width (Vega's `sqrt(size) / 2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// `circle`.
    Circle,
    /// `square`.
    Square,
    /// `cross` (a plus sign with arms a fifth of the width thick).
    Cross,
    /// `diamond`.
    Diamond,
    /// `triangle-up` (also `triangle`).
    TriangleUp,
    /// `triangle-down`.
    TriangleDown,
    /// `triangle-right`.
    TriangleRight,
    /// `triangle-left`.
    TriangleLeft,
}

impl Symbol {
    /// Vega's default symbol range, the order a `shape` scale assigns symbols in.
    pub const RANGE: [Symbol; 8] = [
        Symbol::Circle,
        Symbol::Square,
        Symbol::TriangleUp,
        Symbol::Cross,
        Symbol::Diamond,
        Symbol::TriangleRight,
        Symbol::TriangleDown,
        Symbol::TriangleLeft,
    ];

    /// The symbol of a Vega shape name, if stdviz draws it.
    pub fn from_name(name: &str) -> Option<Symbol> {
        Some(match name {
            "circle" => Symbol::Circle,
            "square" => Symbol::Square,
            "cross" => Symbol::Cross,
            "diamond" => Symbol::Diamond,
            "triangle-up" | "triangle" => Symbol::TriangleUp,
            "triangle-down" => Symbol::TriangleDown,
            "triangle-right" => Symbol::TriangleRight,
            "triangle-left" => Symbol::TriangleLeft,
            _ => return None,
        })
    }

    /// The outline around (`cx`, `cy`) of half-width `r`, as Vega draws it; `None` for
    /// circles and squares, which backends draw themselves.
    pub fn outline(self, cx: f32, cy: f32, r: f32) -> Option<Vec<(f32, f32)>> {
        let h = r * 3f32.sqrt() / 2.0;
        let s = r / 2.5;
        let pts: Vec<(f32, f32)> = match self {
            Symbol::Circle | Symbol::Square => return None,
            Symbol::Cross => vec![
                (-r, -s),
                (-s, -s),
                (-s, -r),
                (s, -r),
                (s, -s),
                (r, -s),
                (r, s),
                (s, s),
                (s, r),
                (-s, r),
                (-s, s),
                (-r, s),
            ],
            Symbol::Diamond => vec![(-r, 0.0), (0.0, -r), (r, 0.0), (0.0, r)],
            Symbol::TriangleUp => vec![(0.0, -h), (r, h), (-r, h)],
            Symbol::TriangleDown => vec![(0.0, h), (-r, -h), (r, -h)],
            Symbol::TriangleRight => vec![(h, 0.0), (-h, r), (-h, -r)],
            Symbol::TriangleLeft => vec![(-h, 0.0), (h, -r), (h, r)],
        };
        Some(pts.into_iter().map(|(x, y)| (cx + x, cy + y)).collect())
    }
}

/// The outline drawn around each filled shape of a batch (`mark.stroke` on bars, rects,
/// areas and arcs), centred on the shape's edge as Vega strokes it, along the same
/// geometry as the fill (rounded corners included).
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Colour; its alpha is the stroke's opacity.
    pub color: Color,
    /// Width, px.
    pub width: f32,
    /// Each shape's own width (the `strokeWidth` channel or its condition), px; empty:
    /// `width` for every shape. A width of 0 draws no outline.
    pub widths: Vec<f32>,
    /// Dash pattern (dash, gap, … in CSS px); empty: solid.
    pub dash: Vec<f32>,
}

impl Outline {
    /// The width of shape `i`'s outline, px.
    pub fn width_of(&self, i: usize) -> f32 {
        self.widths.get(i).copied().unwrap_or(self.width)
    }
}

/// Columnar geometry of one batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Shapes {
    /// Axis-aligned rectangles.
    Rects {
        /// Left edges.
        x: Vec<f32>,
        /// Top edges.
        y: Vec<f32>,
        /// Widths (≥ 0).
        width: Vec<f32>,
        /// Heights (≥ 0).
        height: Vec<f32>,
        /// Fill.
        fill: Paint,
        /// Corner radius, px.
        corner_radius: f32,
        /// Each rectangle's own corner radii (top-left, top-right, bottom-right,
        /// bottom-left), px, where they differ (a bar rounded at its value end only);
        /// empty: `corner_radius` at every corner.
        corners: Vec<[f32; 4]>,
        /// The rectangles' outline, if they have one.
        outline: Option<Box<Outline>>,
    },
    /// Annular sectors around one centre. Angles in radians, clockwise from 12 o'clock
    /// (Vega-Lite's theta convention).
    Arcs {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Inner radius (0 for a pie).
        inner: f32,
        /// Outer radius.
        outer: f32,
        /// Start angles.
        start: Vec<f32>,
        /// End angles.
        end: Vec<f32>,
        /// Fill.
        fill: Paint,
        /// Separator stroke drawn between slices (the background colour), if any.
        stroke: Option<Color>,
        /// The slices' outline (`mark.stroke`), if they have one; it replaces the
        /// separators.
        outline: Option<Box<Outline>>,
    },
    /// Straight line segments.
    Lines {
        /// Start x.
        x1: Vec<f32>,
        /// Start y.
        y1: Vec<f32>,
        /// End x.
        x2: Vec<f32>,
        /// End y.
        y2: Vec<f32>,
        /// Colour.
        stroke: Color,
        /// Width, px.
        stroke_width: f32,
        /// Dash pattern (dash, gap, … in CSS px); empty for a solid line.
        dash: Vec<f32>,
    },
    /// Polylines (lines), one per series.
    Paths {
        /// Points of each path, in drawing order.
        paths: Vec<Vec<(f32, f32)>>,
        /// Stroke colour per path.
        stroke: Paint,
        /// Width, px.
        stroke_width: f32,
        /// Each path's own width (the `strokeWidth` channel), px; empty: `stroke_width`.
        widths: Vec<f32>,
        /// Each path's dash pattern (dash, gap, … in CSS px; empty: solid); an empty
        /// list draws every path solid.
        dashes: Vec<Vec<f32>>,
    },
    /// Filled polygons (areas), one per series.
    Polygons {
        /// Outline of each polygon.
        polygons: Vec<Vec<(f32, f32)>>,
        /// Fill per polygon.
        fill: Paint,
        /// The polygons' outline, if they have one.
        outline: Option<Box<Outline>>,
    },
    /// Point symbols.
    Points {
        /// Centre x.
        x: Vec<f32>,
        /// Centre y.
        y: Vec<f32>,
        /// Radius (half the side of squares), px.
        radius: Vec<f32>,
        /// Fill (transparent for hollow points).
        fill: Paint,
        /// Outline, for hollow points.
        stroke: Option<Paint>,
        /// Each point's symbol; an empty list draws every point as a circle.
        symbols: Vec<Symbol>,
    },
    /// Text labels.
    Texts {
        /// Anchor x.
        x: Vec<f32>,
        /// Anchor y.
        y: Vec<f32>,
        /// The strings as drawn (possibly shortened with `…`).
        text: Vec<String>,
        /// How they are set.
        style: TextStyle,
    },
}

impl Shapes {
    /// Number of instances.
    pub fn len(&self) -> usize {
        match self {
            Shapes::Rects { x, .. }
            | Shapes::Lines { x1: x, .. }
            | Shapes::Texts { x, .. }
            | Shapes::Points { x, .. } => x.len(),
            Shapes::Arcs { start, .. } => start.len(),
            Shapes::Paths { paths, .. } => paths.len(),
            Shapes::Polygons { polygons, .. } => polygons.len(),
        }
    }

    /// True when the batch is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Line segments collected for one [`Shapes::Lines`] batch.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segments {
    x1: Vec<f32>,
    y1: Vec<f32>,
    x2: Vec<f32>,
    y2: Vec<f32>,
}

impl Segments {
    /// Adds the segment from `a` to `b`.
    pub fn push(&mut self, a: (f32, f32), b: (f32, f32)) {
        self.x1.push(a.0);
        self.y1.push(a.1);
        self.x2.push(b.0);
        self.y2.push(b.1);
    }

    /// The batch, or `None` when there is no segment.
    pub fn into_group(self, role: Role, stroke: Color, stroke_width: f32) -> Option<MarkGroup> {
        (!self.x1.is_empty()).then(|| MarkGroup {
            role,
            shapes: Shapes::Lines {
                x1: self.x1,
                y1: self.y1,
                x2: self.x2,
                y2: self.y2,
                stroke,
                stroke_width,
                dash: Vec::new(),
            },
            items: Vec::new(),
        })
    }
}

/// What a group is for; tests and the accessible description find groups by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Chart title.
    Title,
    /// Chart subtitle.
    Subtitle,
    /// Grid lines.
    Grid,
    /// Axis domain line and ticks.
    AxisLine,
    /// Axis tick labels.
    AxisLabel,
    /// Axis title.
    AxisTitle,
    /// Marks that show data (bars, slices).
    Data,
    /// Legend colour swatches.
    LegendSymbol,
    /// Legend labels.
    LegendLabel,
    /// Legend title.
    LegendTitle,
    /// Source and note lines.
    Footer,
    /// Facet and concatenated-view headers.
    Header,
    /// The title of a facet's headers: the facet fields' titles, above the grid.
    HeaderTitle,
    /// Lines and areas drawn for data (their points carry the items).
    DataShape,
    /// Text marks (value labels).
    DataLabel,
    /// Rule and tick marks (and `rect` ranges placed by `datum`).
    Rule,
    /// Newsroom annotations: a note's text and its connector.
    Annotation,
}

/// One batch of shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkGroup {
    /// What the group is for.
    pub role: Role,
    /// The shapes.
    pub shapes: Shapes,
    /// For data groups: per instance, an index into [`Scene::items`]. Empty otherwise.
    pub items: Vec<u32>,
}

/// The data behind one data mark.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Item {
    /// The category (bar label, slice label).
    pub label: String,
    /// The series (colour field value), if the chart has one.
    pub series: Option<String>,
    /// The value (height of the bar segment, size of the slice).
    pub value: f64,
    /// Share of the total (slices), 0–1.
    pub share: Option<f64>,
    /// Tooltip lines: title and formatted value, in order.
    pub fields: Vec<(String, String)>,
    /// The spec chose the tooltip's fields (`encoding.tooltip`) or their format
    /// (`config.tooltipFormat`): show `fields` as they are.
    pub custom_tooltip: bool,
    /// The mark's plain field values by field name (what a point selection reads when
    /// the reader picks the mark); empty for marks that stand for no single row.
    #[serde(skip)]
    pub datum: Vec<(String, crate::spec::ConstValue)>,
    /// The value written with the measure's own format (`format`/`axis.format`, e.g.
    /// `41.4%`), when the spec gives one; text for readers uses it instead of `value`.
    pub formatted: Option<String>,
    /// The five figures of a box plot's box (`boxplot`), when the mark is one: what the
    /// accessible summary reads for its group instead of a single value.
    #[serde(skip)]
    pub box_stats: Option<BoxStats>,
    /// The mark is measured on a dual axis's second y axis (its own scale): read with
    /// [`Scene::second_value_title`], never summed with the first axis's marks.
    #[serde(skip)]
    pub second_axis: bool,
}

/// The figures a box plot's box stands for, in data units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxStats {
    /// The lower whisker's end (the minimum, or the lowest value within the fences).
    pub lower_whisker: f64,
    /// The first quartile (the box's low edge).
    pub q1: f64,
    /// The median.
    pub median: f64,
    /// The third quartile (the box's high edge).
    pub q3: f64,
    /// The upper whisker's end.
    pub upper_whisker: f64,
}

/// The kind of chart, for descriptions and interaction defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Vertical bars.
    ColumnBars,
    /// Horizontal bars.
    HorizontalBars,
    /// A pie.
    Pie,
    /// A donut.
    Donut,
    /// Lines.
    Line,
    /// Areas.
    Area,
    /// Points.
    Scatter,
    /// Big-number cards.
    Cards,
    /// A waffle (unit) chart.
    Waffle,
    /// Text, rules or ticks only, or a mixture of views.
    Other,
}

impl ChartKind {
    /// Pies and donuts.
    pub fn is_polar(self) -> bool {
        matches!(self, ChartKind::Pie | ChartKind::Donut)
    }
}

/// The point at `radius` from (`cx`, `cy`) at `angle` radians clockwise from 12 o'clock
/// (Vega-Lite's theta convention, used by arcs, their labels and their hit tests).
pub fn polar_point(cx: f32, cy: f32, radius: f32, angle: f32) -> (f32, f32) {
    let (sin, cos) = sin_cos(angle - std::f32::consts::FRAC_PI_2);
    (cx + radius * cos, cy + radius * sin)
}

/// Sine and cosine of `a` radians. In the browser from JavaScript's `Math` (in f64, then
/// rounded to f32: at most one unit in the last place from f32's own functions, about
/// 10⁻⁵ px on a chart), so that the wasm carries no sine, cosine or argument reduction
/// of its own (6 KB).
pub(crate) fn sin_cos(a: f32) -> (f32, f32) {
    #[cfg(target_arch = "wasm32")]
    {
        let a = f64::from(a);
        (js_sys::Math::sin(a) as f32, js_sys::Math::cos(a) as f32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        a.sin_cos()
    }
}

/// `y.atan2(x)`, in the browser from JavaScript's `Math` (see [`sin_cos`]).
pub(crate) fn atan2(y: f32, x: f32) -> f32 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::atan2(f64::from(y), f64::from(x)) as f32
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        y.atan2(x)
    }
}

/// A rectangle in CSS px.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// True when the point lies inside (edges included).
    pub fn contains(&self, px: f32, py: f32) -> bool {
        px >= self.x && px <= self.x + self.width && py >= self.y && py <= self.y + self.height
    }
}

/// A legend entry the reader can click to show or hide its series.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// The colour-field value (the series).
    pub series: String,
    /// The label as shown (vocabulary terms in the chart's language).
    pub label: String,
    /// Swatch and label, in CSS px.
    pub rect: Rect,
    /// Whether the series is hidden.
    pub hidden: bool,
    /// Whether the entry is selected, when the legend is bound to a point selection
    /// (`bind: "legend"`; then a click selects instead of hiding); `None` otherwise.
    pub selected: Option<bool>,
}

/// The continuous x axis of a line, area or point chart, which the reader can zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoomAxis {
    /// The x domain shown (data units; ms since the epoch for dates).
    pub domain: (f64, f64),
    /// Its pixel range (left, right), CSS px.
    pub range: (f32, f32),
}

/// A plot an interval selection can brush ([`Scene::brush_plots`]): its area, the axes
/// a brush reads and draws through, and the unit views it draws (whose `params` say
/// which selections brush in it).
#[derive(Debug, Clone, PartialEq)]
pub struct BrushPlot {
    /// The plot area, CSS px.
    pub rect: Rect,
    /// Its x axis, when a brush can use it.
    pub x: Option<BrushAxis>,
    /// Its y axis, when a brush can use it (a continuous one runs bottom to top).
    pub y: Option<BrushAxis>,
    /// The y axis may be panned and zoomed (a selection bound to the scales over y;
    /// points only, nothing stacked along y; a chart of one plot).
    pub y_pans: bool,
    /// The JSON paths of the unit views drawn in it.
    pub views: Vec<String>,
}

/// A position axis as a brush reads it: data ↔ pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum BrushAxis {
    /// A continuous linear axis (the zoom window's domain when zoomed).
    Continuous(ZoomAxis),
    /// A band axis (nominal or ordinal): each category's value and the pixels of its
    /// band, in the axis's order.
    Band(Vec<BandSpan>),
}

/// One category of a band axis ([`BrushAxis::Band`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BandSpan {
    /// The value the marks carry for it.
    pub value: crate::spec::ConstValue,
    /// Where its band starts, CSS px (the smaller end).
    pub from: f32,
    /// Where its band ends, CSS px.
    pub to: f32,
}

impl BrushAxis {
    /// The continuous axis, when it is one.
    pub fn continuous(&self) -> Option<ZoomAxis> {
        match self {
            BrushAxis::Continuous(a) => Some(*a),
            BrushAxis::Band(_) => None,
        }
    }

    /// The pixels `extent` covers on this axis, the smaller end first (a band axis's
    /// from the first selected band to the last); `None` when the extent is not of
    /// this axis's kind or selects no band.
    pub fn pixels(&self, extent: &crate::spec::params::Extent) -> Option<(f32, f32)> {
        use crate::spec::params::Extent;
        match (self, extent) {
            (BrushAxis::Continuous(a), Extent::Range(lo, hi)) => {
                let (p, q) = (a.pixel_of(*lo), a.pixel_of(*hi));
                Some((p.min(q), p.max(q)))
            }
            (BrushAxis::Band(spans), Extent::Values(values)) => spans
                .iter()
                .filter(|s| values.contains(&s.value))
                .fold(None, |acc, s| match acc {
                    None => Some((s.from, s.to)),
                    Some((a, b)) => Some((f32::min(a, s.from), f32::max(b, s.to))),
                }),
            _ => None,
        }
    }
}

impl ZoomAxis {
    /// The data value at pixel `p` (linear between the ends; `None` for an empty range).
    pub fn value_at(&self, p: f32) -> Option<f64> {
        let span = f64::from(self.range.1 - self.range.0);
        if span.abs() < 1e-6 {
            return None;
        }
        let t = f64::from(p - self.range.0) / span;
        Some(self.domain.0 + t * (self.domain.1 - self.domain.0))
    }

    /// The pixel of data value `v`.
    pub fn pixel_of(&self, v: f64) -> f32 {
        let span = self.domain.1 - self.domain.0;
        if span.abs() < f64::EPSILON {
            return self.range.0;
        }
        self.range.0 + ((v - self.domain.0) / span) as f32 * (self.range.1 - self.range.0)
    }
}

/// The box of one text anchored at (`x`, `y`) in `style`. Rotated labels hang below
/// their anchor, centred across it.
pub fn text_box(x: f32, y: f32, text: &str, style: &TextStyle) -> Rect {
    let w = text
        .split('\n')
        .map(|l| crate::text::width(l, style.size, style.bold))
        .fold(0.0, f32::max);
    let lines = text.split('\n').count().max(1) as f32;
    let h = style.size + (lines - 1.0) * crate::text::line_height(style.size);
    if style.angle == 270 || style.angle == 90 {
        // The block's lines advance to the right (270) or left (90) of the first.
        let x0 = if style.angle == 270 {
            x - style.size / 2.0
        } else {
            x + style.size / 2.0 - h
        };
        return Rect {
            x: x0,
            y,
            width: h,
            height: w,
        };
    }
    let x0 = match style.align {
        HAlign::Left => x,
        HAlign::Center => x - w / 2.0,
        HAlign::Right => x - w,
    };
    let y0 = match style.baseline {
        VAlign::Top => y,
        VAlign::Middle => y - h / 2.0,
        VAlign::Bottom => y - h,
    };
    Rect {
        x: x0,
        y: y0,
        width: w,
        height: h,
    }
}

/// The lines of a text item (its text split at line feeds) with each line's anchor, CSS
/// px: the block of lines is anchored at (`x`, `y`) as one line would be (its top,
/// middle or bottom at `y` by `style.baseline`), and lines advance downwards (to the
/// right when the text reads upwards, to the left when it reads downwards).
pub fn text_lines<'a>(
    x: f32,
    y: f32,
    text: &'a str,
    style: &TextStyle,
) -> impl Iterator<Item = (f32, f32, &'a str)> + 'a {
    let n = text.split('\n').count().max(1) as f32;
    let lh = crate::text::line_height(style.size);
    let first = match style.baseline {
        VAlign::Top => 0.0,
        VAlign::Middle => -(n - 1.0) * lh / 2.0,
        VAlign::Bottom => -(n - 1.0) * lh,
    };
    let (dx, dy) = match style.angle {
        270 => (1.0, 0.0),
        90 => (-1.0, 0.0),
        _ => (0.0, 1.0),
    };
    text.split('\n').enumerate().map(move |(k, line)| {
        let off = first + k as f32 * lh;
        (x + dx * off, y + dy * off, line)
    })
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width in CSS px.
    pub width: f32,
    /// Height in CSS px.
    pub height: f32,
    /// Background colour.
    pub background: Color,
    /// Font family list for all text.
    pub font_family: String,
    /// Groups in drawing order.
    pub groups: Vec<MarkGroup>,
    /// Data behind the data marks.
    pub items: Vec<Item>,
    /// The kind of chart.
    pub kind: ChartKind,
    /// The plot area.
    pub plot: Rect,
    /// Title text, for descriptions.
    pub title: Option<String>,
    /// Name of the category field (axis or legend title).
    pub category_title: String,
    /// Name of the value field.
    pub value_title: String,
    /// A dual axis's second value (the second y axis's title); empty without one.
    pub second_value_title: String,
    /// Unit of values (from `usermeta.stdviz.unit`).
    pub unit: Option<String>,
    /// How numbers are written (`usermeta.stdviz.numbers`), for summaries and tables.
    pub numbers: crate::format::Numbers,
    /// Legend entries, in order (empty without a colour legend).
    pub legend: Vec<LegendEntry>,
    /// The zoomable x axis, when the chart has one.
    pub zoom: Option<ZoomAxis>,
    /// Every plot an interval selection may brush, in drawing order (a concatenation's
    /// views, a facet's cells), with the axes a brush reads and draws through (none for
    /// a log or sqrt scale). Filled in the full build only.
    pub brush_plots: Vec<BrushPlot>,
    /// The drill-down levels: titles of each level and the depth shown (0 = top), when
    /// the spec has a hierarchy (`usermeta.stdviz.drill`).
    pub drill: Option<Drill>,
    /// Language of generated text (tooltips, announcements, summary).
    pub locale: crate::spec::Locale,
}

/// Where a drill-down chart stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Drill {
    /// The level shown (0 = top).
    pub depth: usize,
    /// Number of levels.
    pub levels: usize,
    /// The categories chosen above the level shown (the breadcrumb).
    pub path: Vec<String>,
}

impl Scene {
    /// The groups whose instances are data marks (bars, slices, points, text marks), in
    /// drawing order; their instances count as marks for anchors, hit tests and focus.
    /// Lines and areas carry an item of their series for emphasis, but are not marks.
    pub fn data_groups(&self) -> impl Iterator<Item = (usize, &MarkGroup)> {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| !g.items.is_empty() && g.role != Role::DataShape)
    }

    /// The groups with role `role`.
    pub fn groups_with(&self, role: Role) -> impl Iterator<Item = &MarkGroup> {
        self.groups.iter().filter(move |g| g.role == role)
    }

    /// Every text drawn with its box (CSS px), measured the way the layout measures
    /// text. Tests and the page check with these that no two labels overlap.
    pub fn text_boxes(&self) -> Vec<(&str, Rect)> {
        let mut out = Vec::new();
        for g in &self.groups {
            if let Shapes::Texts { x, y, text, style } = &g.shapes {
                for i in 0..x.len() {
                    out.push((text[i].as_str(), text_box(x[i], y[i], &text[i], style)));
                }
            }
        }
        out
    }

    /// Every text string drawn, in drawing order.
    pub fn texts(&self) -> Vec<&str> {
        self.groups
            .iter()
            .filter_map(|g| match &g.shapes {
                Shapes::Texts { text, .. } => Some(text.iter().map(String::as_str)),
                _ => None,
            })
            .flatten()
            .collect()
    }
}
