//! The chart spec: a documented subset of Vega-Lite, parsed and resolved once.
//!
//! [`parse`] turns spec JSON into a [`ChartSpec`] in which every value is typed and every
//! reference carries its JSON path: downstream stages never look at JSON again. Anything
//! that stdviz accepts is valid Vega-Lite with the same meaning; stdviz's own additions
//! live under `usermeta.stdviz`, which Vega-Lite carries without interpreting.
//!
//! A spec is a tree of views: a unit view (one mark), a layer of views drawn over each
//! other with shared scales, a horizontal or vertical concatenation, or a facet (small
//! multiples). Each view may bring its own data and transforms; a view without data
//! uses its parent's.

mod config;
pub use config::{AxisConfig, FormatConfig, ViewConfig};
mod divide;
pub use divide::{Bin, TimeUnit};
mod shape;
pub use shape::PointShape;
mod ops;
pub use ops::{AggregateOp, WindowOp};
mod meta;
pub use meta::{
    Annotation, AnnotationTarget, Connector, DrillLevel, Locale, NewsForm, StdvizMeta, TableForm,
    ValueLabels,
};
pub(crate) mod expr;
pub use expr::Func;
pub mod params;
mod parse;
pub mod reader;

pub use params::{Extent, Param, ParamKind, ParamValue, SelectionState, SelectionValue};
pub use parse::{parse, parse_value, parse_value_with, Parsed};

/// Reads a Vega-Lite `transform` array (`path` its JSON path, for messages) with the spec
/// parser's own transform reader: the transforms and the warnings (unknown properties).
pub fn parse_transforms(
    v: &serde_json::Value,
    path: &str,
) -> Result<(Vec<Transform>, Vec<crate::error::Warning>), crate::error::Error> {
    let mut warnings = Vec::new();
    let transforms = parse::parse_transforms(v, path, &mut warnings)?;
    Ok((transforms, warnings))
}

use crate::color::Color;
use crate::table::Table;

/// A whole chart, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// Title and subtitle of the whole chart.
    pub title: Option<Title>,
    /// The spec's `description`, used as the accessible name when present.
    pub description: Option<String>,
    /// Width: of the plot area when fixed, of the whole chart when `"container"`.
    pub width: Size,
    /// Height of the plot area, or of the whole chart when `"container"`.
    pub height: Size,
    /// The root view.
    pub view: View,
    /// `config` settings.
    pub config: Config,
    /// stdviz's own additions (`usermeta.stdviz`).
    pub meta: StdvizMeta,
    /// `params` of every view (value parameters and selections), in spec order.
    pub params: Vec<Param>,
}

/// A width or height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Size {
    /// A fixed size in CSS pixels.
    Fixed(f32),
    /// Follow the container (`"container"`).
    Container,
    /// `{"step": n}`: n px per category of a discrete axis.
    Step(f32),
    /// Not given: Vega-Lite's default, 300 px for a continuous axis and 20 px per
    /// category for a discrete one.
    Default,
}

/// Where a title sits horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Left-aligned (`"start"`).
    Start,
    /// Centred (`"middle"`, Vega-Lite's default).
    Middle,
    /// Right-aligned (`"end"`).
    End,
}

/// A title.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// The title text.
    pub text: String,
    /// A second, smaller line.
    pub subtitle: Option<String>,
    /// Horizontal placement.
    pub anchor: Anchor,
    /// `limit`: the widest a title line may be, px; past it the title is cut with `…`.
    /// Without it titles wrap and are never cut.
    pub limit: Option<f32>,
    /// `fontSize` of the chart's title, px (over `config.title.fontSize`).
    pub font_size: Option<f32>,
    /// `subtitleFontSize` of the chart's title, px.
    pub subtitle_font_size: Option<f32>,
    /// `color` of the chart's title (over `config.title.color`).
    pub color: Option<Color>,
    /// `subtitleColor` of the chart's title (over `config.title.subtitleColor`).
    pub subtitle_color: Option<Color>,
    /// `frame: "group"`: an anchored title placed over the plot area rather than the
    /// chart's whole width (`"bounds"`, the default).
    pub frame_group: bool,
}

/// The file format of data text.
#[derive(Debug, Clone, PartialEq)]
pub enum DataFormat {
    /// JSON records; `property` picks the array out of a larger document.
    Json {
        /// Dot-separated path to the array (`format.property`).
        property: Option<String>,
        /// The view's leading `flatten` transforms, applied as the records are read
        /// (a table holds no arrays): each `(field, as)` pair of each transform in order.
        flatten: Vec<Vec<(String, String)>>,
    },
    /// A TopoJSON topology (`format.type: "topojson"`): the features of the object named
    /// by `feature`, or with `mesh` its arcs once each as lines.
    TopoJson {
        /// The object's name (`feature` or `mesh`).
        object: String,
        /// `mesh` rather than `feature`.
        mesh: bool,
    },
    /// Delimited text: CSV (`,`), TSV (`\t`) or `dsv` with a delimiter.
    Delimited {
        /// The delimiter, or `None` to detect it (CSV given by URL without a type).
        delimiter: Option<u8>,
    },
}

/// A `format.parse` instruction for one field (the loader's own type).
pub use crate::table::csv::ParseAs;

/// Where a view's rows come from.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    /// Rows given in the spec (`data.values` as records), already a table.
    Inline(Table),
    /// Text given in the spec (`data.values` as a CSV/TSV/JSON string).
    InlineText {
        /// The text.
        text: String,
        /// How to read it.
        format: DataFormat,
        /// `format.parse`.
        parse: Vec<(String, ParseAs)>,
    },
    /// Rows loaded from a URL, which the host fetches and hands over as bytes.
    Url {
        /// The URL as written in the spec.
        url: String,
        /// How to read it.
        format: DataFormat,
        /// `format.parse`.
        parse: Vec<(String, ParseAs)>,
    },
}

/// A view of the spec tree.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Its own data, if any (otherwise the parent's).
    pub data: Option<DataSource>,
    /// Transforms applied to the data, in order.
    pub transform: Vec<Transform>,
    /// Its own width (for views inside concatenations and layers).
    pub width: Option<Size>,
    /// Its own height.
    pub height: Option<Size>,
    /// Its own title (sub-charts of a concatenation).
    pub title: Option<Title>,
    /// What the view is.
    pub kind: ViewKind,
    /// The JSON path of the view, for errors found later.
    pub path: String,
}

/// Direction of a concatenation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Side by side (`hconcat`).
    Horizontal,
    /// One above the other (`vconcat`).
    Vertical,
}

/// The kinds of view.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewKind {
    /// One mark with its encoding.
    Unit {
        /// The mark.
        mark: Mark,
        /// Field-to-channel mappings.
        encoding: Encoding,
    },
    /// Views drawn over each other with shared scales and axes (a dual axis where
    /// `resolve` makes y independent).
    Layer {
        /// The layers, bottom first.
        layers: Vec<View>,
        /// Whether the two layers keep their own y scale (`resolve.scale.y`) or share it
        /// with an axis each (`resolve.axis.y`): a second y axis, on the right.
        resolve: Resolve,
    },
    /// Views placed side by side or one above the other.
    Concat {
        /// Direction.
        direction: Direction,
        /// The views.
        views: Vec<View>,
        /// Whether the views' colour scale and legend are their own (`resolve`);
        /// position scales are always each view's own.
        resolve: Resolve,
    },
    /// Small multiples: the inner view once per value of the row/column field.
    Facet {
        /// Field for rows of the grid.
        row: Option<FacetField>,
        /// Field for columns of the grid.
        column: Option<FacetField>,
        /// Wrap after this many columns (`facet` with `columns`).
        columns: Option<usize>,
        /// The repeated view.
        spec: Box<View>,
        /// Which position scales each cell keeps to itself (`resolve.scale`).
        resolve: Resolve,
    },
}

/// What a composed view's `resolve` changed from Vega-Lite's defaults that stdviz
/// follows: a facet's cells share every scale unless x or y is independent; a
/// concatenation's views keep their own position scales and share colour scale and
/// legend unless those are independent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resolve {
    /// Each facet cell's x scale is its own (`resolve.scale.x: "independent"`).
    pub x_independent: bool,
    /// Each facet cell's y scale is its own; in a layer of two views, each layer's (a
    /// dual axis).
    pub y_independent: bool,
    /// A layer of two views sharing their y scale draws an axis for each
    /// (`resolve.axis.y: "independent"`): the second on the right.
    pub y_axis_independent: bool,
    /// Each concatenated view keeps its own colour scale and legend
    /// (`resolve.scale.color: "independent"`).
    pub color_independent: bool,
    /// Each concatenated view draws its own legend of the shared colour scale
    /// (`resolve.legend.color: "independent"`).
    pub legend_independent: bool,
}

/// A `regression` transform's model (`method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegressionMethod {
    /// y = a + b·x.
    Linear,
    /// y = a + b·ln x.
    Log,
    /// y = a·e^(b·x).
    Exp,
    /// y = a·x^b.
    Pow,
    /// A polynomial of the given order (`quad` is order 2).
    Poly(usize),
}

/// A facet field (`facet.row`, `facet.column`, or `encoding.row/column/facet`).
#[derive(Debug, Clone, PartialEq)]
pub struct FacetField {
    /// The field.
    pub field: String,
    /// Its type (discrete).
    pub ty: FieldType,
    /// Header title.
    pub title: Option<Option<String>>,
    /// Order of the panels.
    pub sort: Sort,
    /// JSON path.
    pub path: String,
    /// `timeUnit`: panels per unit of the dates (`year`: a panel per year).
    pub time_unit: Option<TimeUnit>,
    /// `bin`: panels per bin of the numbers, headed by the bin's start.
    pub bin: Option<Bin>,
}

/// Kinds of mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// Bars.
    Bar,
    /// A line through points.
    Line,
    /// A filled area.
    Area,
    /// Points (`point`, `circle`, `square`).
    Point,
    /// Pie and donut slices.
    Arc,
    /// Text labels.
    Text,
    /// Rules (lines across the plot or between two positions).
    Rule,
    /// Short ticks.
    Tick,
    /// Rectangles from x/x2 and y/y2 (shaded ranges) or filling bands (heatmaps).
    Rect,
    /// Map shapes (GeoJSON/TopoJSON features) through a projection (`geo::project`).
    Geoshape,
}

impl MarkKind {
    /// The Vega-Lite name of the mark.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Bar => "bar",
            MarkKind::Line => "line",
            MarkKind::Area => "area",
            MarkKind::Point => "point",
            MarkKind::Arc => "arc",
            MarkKind::Text => "text",
            MarkKind::Rule => "rule",
            MarkKind::Tick => "tick",
            MarkKind::Rect => "rect",
            MarkKind::Geoshape => "geoshape",
        }
    }

    /// Whether the mark is a filled shape whose `stroke` is an outline (bar, rect, area,
    /// arc, geoshape), rather than a stroke whose colour is the mark's one colour.
    pub fn is_filled(self) -> bool {
        matches!(
            self,
            MarkKind::Bar | MarkKind::Rect | MarkKind::Area | MarkKind::Arc | MarkKind::Geoshape
        )
    }
}

/// Horizontal alignment of text marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAlign {
    /// `left`.
    Left,
    /// `center`.
    Center,
    /// `right`.
    Right,
}

/// Vertical alignment of text marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextBaseline {
    /// `top`.
    Top,
    /// `middle`.
    Middle,
    /// `bottom` or `alphabetic`.
    Bottom,
}

/// Bar orientation (`orient`), when the encoding leaves it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orient {
    /// Vertical.
    Vertical,
    /// Horizontal.
    Horizontal,
}

/// A mark and its fixed properties (Vega-Lite's mark definition object).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The kind of mark.
    pub kind: MarkKind,
    /// Point shape (for `point`, `circle`, `square`).
    pub shape: PointShape,
    /// Fill/stroke colour for every instance (overridden by a colour encoding).
    pub color: Option<Color>,
    /// Opacity 0–1; `None` uses the mark's default.
    pub opacity: Option<f32>,
    /// Whether points are filled (`filled`; `circle`/`square` default true).
    pub filled: Option<bool>,
    /// Size: area of points in px², font size of text, thickness of ticks and rules.
    pub size: Option<f32>,
    /// Stroke width of lines and rules, or of a filled mark's outline (1 by default).
    pub stroke_width: Option<f32>,
    /// Dash pattern of lines and rules, or of a filled mark's outline (`strokeDash`:
    /// dash, gap, … in px); empty: solid.
    pub stroke_dash: Vec<f32>,
    /// Inner radius of arcs in CSS px (a donut when > 0).
    pub inner_radius: f32,
    /// Outer radius of arcs in CSS px; `None` fills the plot area.
    pub outer_radius: Option<f32>,
    /// Radius of text placed around a pie (`radius`), px.
    pub radius: Option<f32>,
    /// Corner radius of bars in CSS px.
    pub corner_radius: f32,
    /// `cornerRadiusEnd`: the radius of a bar's two corners at its value end (away from
    /// its baseline), px, instead of `corner_radius` there.
    pub corner_radius_end: Option<f32>,
    /// An area's top drawn as a line (`line`: `true` or `{"color": …}`): `Some` with the
    /// line's own colour, if it has one (else the area's); `None` without the overlay.
    pub line: Option<Option<crate::color::Color>>,
    /// The gap between the bars of adjacent bins (`binSpacing`), CSS px; Vega-Lite's 1
    /// by default.
    pub bin_spacing: f32,
    /// Angular gap between slices, in radians.
    pub pad_angle: f32,
    /// Whether marks show tooltips.
    pub tooltip: bool,
    /// Points drawn on a line or area (`point: true`).
    pub point: bool,
    /// A `trail`: a line (kind `Line`) drawn as an outline whose width follows `size`.
    pub trail: bool,
    /// Orientation of bars, ticks and rules when ambiguous.
    pub orient: Option<Orient>,
    /// Text alignment.
    pub align: Option<TextAlign>,
    /// Text baseline.
    pub baseline: Option<TextBaseline>,
    /// Text offset in x, px.
    pub dx: f32,
    /// Text offset in y, px.
    pub dy: f32,
    /// Text for `text` marks without a text channel.
    pub text: Option<String>,
    /// Thickness of ticks, px.
    pub thickness: Option<f32>,
    /// Interpolation of lines and areas.
    pub interpolate: Interpolate,
    /// What becomes of rows whose continuous channels read null, NaN or ±∞
    /// (`mark.invalid`, else `config.mark.invalid`, else Vega-Lite's default
    /// `"break-paths-show-path-domains"`: [`Invalid::of`]).
    pub invalid: Option<Invalid>,
    /// `config.scale.invalid`: the output of channels whose invalid values Vega-Lite
    /// shows whatever the mode (such a channel never filters a row nor breaks a path).
    pub invalid_outputs: Vec<(Channel, InvalidOutput)>,
    /// `mark.x`, `mark.y`, `mark.x2`, `mark.y2`: positions in pixels from the plot's top
    /// left, or `"width"`/`"height"`, for channels the encoding leaves out.
    pub positions: Vec<(Channel, ConstValue)>,
    /// The view's `projection` (its own or inherited from an enclosing layer), for
    /// `geoshape` marks and longitude/latitude positions; `None` elsewhere.
    pub projection: Option<Box<crate::geo::project::ProjectionSpec>>,
    /// The outline colour of a filled mark (`mark.stroke` on a bar, rect, area, arc or
    /// geoshape, its alpha `strokeOpacity`; none by default, as Vega-Lite draws them).
    pub outline: Option<Color>,
}

/// Vega-Lite's `invalid` modes: which marks leave out rows with invalid values and which
/// keep them (paths then break at them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// `"filter"`: every mark leaves them out, and so do the scales.
    Filter,
    /// `"break-paths-filter-domains"`, `"break-paths-show-domains"`: lines, areas and
    /// trails break at them, other marks leave them out. (stdviz counts the kept rows in
    /// the scales of their other channels in both; see docs/SPEC.md.)
    BreakPaths,
    /// `"break-paths-show-path-domains"`, Vega-Lite's default: `BreakPaths` for lines,
    /// areas and trails, `Filter` for other marks.
    PathsBreak,
    /// `"show"` or `null`: kept by every mark; an invalid position is drawn where zero is
    /// (or the scale's minimum, when its domain leaves zero out), so lines do not break.
    Show,
}

impl Invalid {
    /// The mode a `kind` mark follows when its own is `mode` (`None`: Vega-Lite's
    /// default, `"break-paths-show-path-domains"`), as Vega-Lite normalises it: never
    /// `PathsBreak`.
    pub fn of(mode: Option<Invalid>, kind: MarkKind) -> Invalid {
        let path = matches!(kind, MarkKind::Line | MarkKind::Area);
        match mode.unwrap_or(Invalid::PathsBreak) {
            Invalid::PathsBreak if path => Invalid::BreakPaths,
            Invalid::PathsBreak => Invalid::Filter,
            Invalid::BreakPaths if !path => Invalid::Filter,
            m => m,
        }
    }

    /// Whether a `kind` mark keeps rows with invalid values.
    pub fn keeps(mode: Option<Invalid>, kind: MarkKind) -> bool {
        Invalid::of(mode, kind) != Invalid::Filter
    }
}

/// What a channel shows for an invalid value (`config.scale.invalid.<channel>`).
#[derive(Debug, Clone, PartialEq)]
pub enum InvalidOutput {
    /// `"zero-or-min"`: what the scale gives zero, or its domain's minimum when the domain
    /// leaves zero out.
    ZeroOrMin,
    /// `{"value": …}`: a colour for `color`, pixels for `x`/`y`.
    Value(ConstValue),
}

impl Mark {
    /// Whether `ch` shows invalid values instead of leaving them out: under `"show"`, or
    /// when `config.scale.invalid` gives the channel an output; with that output
    /// (`ZeroOrMin` by default).
    pub fn shows_invalid(&self, ch: Channel) -> Option<&InvalidOutput> {
        static ZERO_OR_MIN: InvalidOutput = InvalidOutput::ZeroOrMin;
        match self.invalid_outputs.iter().find(|(c, _)| *c == ch) {
            Some((_, out)) => Some(out),
            None if Invalid::of(self.invalid, self.kind) == Invalid::Show => Some(&ZERO_OR_MIN),
            None => None,
        }
    }
}

/// How lines and areas join their points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interpolate {
    /// Straight segments.
    Linear,
    /// Steps, the change half-way (`step`).
    Step,
    /// Steps, the change after the point (`step-after`).
    StepAfter,
    /// Steps, the change before the point (`step-before`).
    StepBefore,
}

/// Vega-Lite measurement types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Unordered categories.
    Nominal,
    /// Ordered categories.
    Ordinal,
    /// Numbers.
    Quantitative,
    /// Dates and times.
    Temporal,
}

impl FieldType {
    /// True for nominal and ordinal.
    pub fn is_discrete(self) -> bool {
        matches!(self, FieldType::Nominal | FieldType::Ordinal)
    }
}

/// How the categories of a discrete channel are ordered.
#[derive(Debug, Clone, PartialEq)]
pub enum Sort {
    /// Ascending by value (Vega-Lite's default).
    Ascending,
    /// Descending by value.
    Descending,
    /// The order in which values first appear in the data (`sort: null`).
    DataOrder,
    /// This order; values not listed follow in ascending order.
    Explicit(Vec<String>),
    /// By the value of another channel (`"-y"`, `"x"`, …).
    ByChannel {
        /// The channel whose values order the categories.
        channel: Channel,
        /// Largest first when true.
        descending: bool,
    },
    /// By an aggregate of a field (`{"field": …, "op": …, "order": …}`).
    ByField {
        /// The field (none for `count`).
        field: Option<String>,
        /// The aggregate.
        op: AggregateOp,
        /// Largest first when true.
        descending: bool,
    },
}

/// Stacking (`stack`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    /// From zero (`"zero"` or `true`).
    Zero,
    /// To 100% (`"normalize"`).
    Normalize,
    /// Centred (`"center"`).
    Center,
    /// Not stacked (`null` or `false`).
    None,
}

/// Scale types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleType {
    /// Linear.
    Linear,
    /// Logarithmic (base 10).
    Log,
    /// Square root.
    Sqrt,
}

/// The discretizing scale types (`quantize`, `quantile`, `threshold`): a continuous
/// domain cut into steps, each step one value of the range (feature `full`).
#[derive(Debug, Clone, PartialEq)]
pub enum Steps {
    /// `quantize`: the domain's extent cut into equal steps, one per range value.
    Quantize,
    /// `quantile`: the data's quantiles as cut points, one step per range value.
    Quantile,
    /// `threshold`: the `domain`'s values as cut points (n cuts, n + 1 steps).
    Threshold(Vec<f64>),
}

/// `scale` properties of a channel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScaleSpec {
    /// Scale type for quantitative channels.
    pub ty: Option<ScaleType>,
    /// A discretizing scale type (`quantize`, `quantile`, `threshold`) on colour, size
    /// or opacity; then `ty` is `None`.
    pub steps: Option<Steps>,
    /// A discretizing scale's numeric `range` of more than two values (sizes, opacities).
    pub range_steps: Option<Vec<f64>>,
    /// Explicit numeric domain.
    pub domain_numbers: Option<(f64, f64)>,
    /// Explicit discrete domain.
    pub domain_values: Option<Vec<String>>,
    /// `domain: {"param": …}`: the domain is an interval selection's extent over this
    /// channel's field while it holds one, else the data's (`params::resolve` fills
    /// `domain_numbers` or `domain_values` from it before a layout).
    pub domain_param: Option<DomainParam>,
    /// Explicit colour range.
    pub range_colors: Option<Vec<Color>>,
    /// Explicit numeric range (sizes, opacities, radii).
    pub range_numbers: Option<(f64, f64)>,
    /// Explicit shape range (`shape`: Vega's symbol names).
    pub range_shapes: Option<Vec<PointShape>>,
    /// Explicit dash range (`strokeDash`: one dash array per value).
    pub range_dashes: Option<Vec<Vec<f32>>>,
    /// Include zero.
    pub zero: Option<bool>,
    /// Round the domain to nice values.
    pub nice: Option<bool>,
    /// A named colour scheme.
    pub scheme: Option<String>,
    /// `scheme.count`: the colours a quantize or quantile scale takes from the scheme.
    pub scheme_count: Option<usize>,
    /// `domainMid`: the value at the middle of a continuous colour ramp (diverging).
    pub domain_mid: Option<f64>,
    /// `reverse`: the continuous colour ramp runs from its last stop; on x/y the axis
    /// runs from its largest value (or its last category).
    pub reverse: Option<bool>,
    /// `clamp`: values beyond a continuous x/y domain are drawn at its ends.
    pub clamp: Option<bool>,
    /// A band scale's `paddingInner` (`padding` sets it too), a fraction of the step.
    pub padding_inner: Option<f32>,
    /// A band scale's `paddingOuter` (`padding` sets it too), a fraction of the step.
    pub padding_outer: Option<f32>,
}

/// A scale domain taken from an interval selection (`"domain": {"param": "brush"}`).
#[derive(Debug, Clone, PartialEq)]
pub struct DomainParam {
    /// The selection's name.
    pub name: String,
    /// `encoding`: the channel of the selection whose extent is the domain.
    pub encoding: Option<Channel>,
    /// `field`: the field of the selection whose extent is the domain.
    pub field: Option<String>,
}

/// Axis properties (`axis`); `None` in [`FieldDef::axis`] means `axis: null`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Axis {
    /// Title override; `Some(None)` means `title: null` (no title).
    pub title: Option<Option<String>>,
    /// Grid lines (default: on for quantitative axes).
    pub grid: Option<bool>,
    /// Label format (d3-format or time format, by `format_type`).
    pub format: Option<String>,
    /// `formatType`: `number` or `time`.
    pub format_type: Option<FormatType>,
    /// Label angle in degrees.
    pub label_angle: Option<f32>,
    /// `labelLimit`: the widest a label may be, px; longer ones are cut with `…`.
    /// Without it, category labels wrap and are never cut.
    pub label_limit: Option<f32>,
    /// `labelOverlap` (`true`, `"parity"`, `"greedy"`): the spec allows a band axis to
    /// show every n-th label where they would overlap, instead of wrapping and turning.
    pub label_overlap: Option<bool>,
    /// `labelExpr`: each label rewritten by an expression over `datum.label` and
    /// `datum.value` (the subset of Vega's expressions that `calculate` reads).
    pub label_expr: Option<Expr>,
    /// Approximate number of ticks.
    pub tick_count: Option<usize>,
    /// `values`: the ticks (continuous axes) or categories (band axes) that are labelled,
    /// instead of the scale's own; continuous ones outside the domain are left out.
    pub values: Option<Vec<AxisValue>>,
    /// `tickSize`: ticks this long (px) are drawn across the axis line, and the labels
    /// stand beyond them; `None`: no ticks (stdviz's style, Vega-Lite's `ticks: false`).
    pub tick_size: Option<f32>,
    /// `labelPadding`: px between the tick ends (or the axis line) and the labels.
    pub label_padding: Option<f32>,
    /// `offset`: px the whole axis (line, ticks, labels, title) stands away from the plot.
    pub offset: Option<f32>,
    /// `titlePadding`: px between the labels and the axis title.
    pub title_padding: Option<f32>,
    /// `labelAlign`: where an x axis's flat label stands against its tick (its start at
    /// the tick for `left`); the y axis's labels stay right-aligned.
    pub label_align: Option<TextAlign>,
    /// `orient`: the side of the plot the axis is drawn on (x: top or bottom, y: left or
    /// right); `None`: Vega-Lite's default (x below, y left; a dual axis's second y
    /// right).
    pub orient: Option<AxisOrient>,
}

/// The side of the plot an axis stands on (`axis.orient`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisOrient {
    /// Above the plot (x).
    Top,
    /// Below the plot (x; its default).
    Bottom,
    /// Left of the plot (y; its default).
    Left,
    /// Right of the plot (y).
    Right,
}

/// One of an axis's explicit `values`.
#[derive(Debug, Clone, PartialEq)]
pub enum AxisValue {
    /// A number: a tick of a quantitative axis, a timestamp (ms) of a temporal one, or a
    /// category written as JavaScript writes the number.
    Number(f64),
    /// A text: a category, or a date a temporal axis parses.
    Text(String),
    /// A Vega-Lite date-time object, as ms since the epoch (UTC).
    Date(f64),
}

/// Where a legend sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendOrient {
    /// Beside the plot, to the right (Vega-Lite's default).
    Right,
    /// Below the plot.
    Bottom,
}

/// Legend properties (`legend`); `None` in [`FieldDef::legend`] means `legend: null`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legend {
    /// Title override; `Some(None)` means `title: null`.
    pub title: Option<Option<String>>,
    /// Placement.
    pub orient: Option<LegendOrient>,
    /// `format`: a d3-format specifier for a quantitative field's legend labels (a
    /// gradient legend's ticks, a discretizing scale's step bounds).
    pub format: Option<String>,
    /// `values`: the values a size legend shows, instead of d3's five ticks (numbers;
    /// other legends refuse them).
    pub values: Vec<f64>,
}

/// How `format` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatType {
    /// d3-format.
    Number,
    /// d3-time-format.
    Time,
    /// The Chinese way, 万/亿/万亿 (a named custom `formatType`, `"zh"`; Vega shows the
    /// plain number where no such format is registered): see [`crate::format::Numbers`].
    Zh,
}

/// One channel's field definition.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The data field (empty for `count`).
    pub field: String,
    /// Measurement type.
    pub ty: FieldType,
    /// Display title (`title`); `Some(None)` is `title: null`.
    pub title: Option<Option<String>>,
    /// Aggregation, if any.
    pub aggregate: Option<AggregateOp>,
    /// For `argmin`/`argmax` (`{"argmax": "by"}`): the field whose least or greatest value
    /// picks the row whose `field` is shown.
    pub arg_field: Option<String>,
    /// Binning, if any.
    pub bin: Option<Bin>,
    /// Time unit, if any.
    pub time_unit: Option<TimeUnit>,
    /// Order of categories (discrete channels) or direction (continuous).
    pub sort: Sort,
    /// Stacking (`None` when not given: the mark's default).
    pub stack: Option<Stack>,
    /// Scale properties.
    pub scale: ScaleSpec,
    /// Axis properties; `None` hides the axis.
    pub axis: Option<Axis>,
    /// Legend properties; `None` hides the legend.
    pub legend: Option<Legend>,
    /// Value format (text and tooltip channels, legends).
    pub format: Option<String>,
    /// How `format` is read.
    pub format_type: Option<FormatType>,
    /// The format of this field's tooltips where it gives none (`config.tooltipFormat`).
    pub tooltip_format: Option<String>,
    /// A temporal field's format in text marks and tooltips where it gives none and has
    /// no time unit (`config.timeFormat`; axes keep their own form).
    pub time_format: Option<String>,
    /// The JSON path of this definition, for errors found later.
    pub path: String,
    /// `impute` (x or y): rows for the other position's values a series lacks.
    pub impute: Option<EncodingImpute>,
    /// `bandPosition` of a temporal field with a time unit: where in its period a value
    /// is placed (0 its start, stdviz's default; 0.5 its middle; 1 its end).
    pub band_position: Option<f64>,
}

/// `impute` on a position channel: what a missing (key, series) row gets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EncodingImpute {
    /// `method` (`mean`, `median`, `min`, `max`); `None` for `value`.
    pub method: Option<AggregateOp>,
    /// `value` (null when absent).
    pub value: Option<ConstValue>,
    /// `keyvals` (an array, or a `{start, stop, step}` sequence expanded).
    pub keyvals: Vec<ConstValue>,
    /// `frame`: rows before and after a missing one whose values `method` aggregates
    /// (`None`: unbounded; `[null, null]`, the default, is the whole group).
    pub frame: (Option<u32>, Option<u32>),
}

impl FieldDef {
    /// The title to show: explicit title, else Vega-Lite's default, the first of these
    /// rules that applies: `Count of Records` for a count, `field (binned)` for a bin,
    /// `field (year-month)` for a time unit (not a `binned…` one), `field for max by` for
    /// `{"argmax": "by"}`, `Sum of field` for another aggregate (`Average of field` as
    /// written), else the field.
    pub fn display_title(&self) -> String {
        if let Some(Some(t)) = &self.title {
            return t.clone();
        }
        match (self.aggregate, self.bin, self.time_unit) {
            (Some(AggregateOp::Count), _, _) => "Count of Records".to_string(),
            (_, Some(_), _) => format!("{} (binned)", self.field),
            (_, None, Some(unit)) if !unit.binned() => {
                format!("{} ({})", self.field, unit.title())
            }
            (Some(AggregateOp::ArgMin | AggregateOp::ArgMax), _, _) => {
                let by = self.arg_field.as_deref().unwrap_or_default();
                let which = if self.aggregate == Some(AggregateOp::ArgMin) {
                    "min"
                } else {
                    "max"
                };
                format!("{} for {which} {by}", self.field)
            }
            (Some(op), _, _) => {
                let mut name = op.name().to_string();
                if let Some(first) = name.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                format!("{name} of {}", self.field)
            }
            _ => self.field.clone(),
        }
    }
}

/// A constant value for a channel (`{"value": …}`).
#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue {
    /// A number.
    Number(f64),
    /// Text (also colours, given as CSS text).
    Text(String),
}

/// What a channel is bound to.
#[derive(Debug, Clone, PartialEq)]
pub enum ChannelDef {
    /// A data field.
    Field(Box<FieldDef>),
    /// A constant (`value`).
    Value(ConstValue),
    /// A data-space constant (`datum`), e.g. a rule at y = 50.
    Datum(ConstValue),
}

impl ChannelDef {
    /// The field definition, if the channel is bound to a field.
    pub fn field(&self) -> Option<&FieldDef> {
        match self {
            ChannelDef::Field(f) => Some(f),
            _ => None,
        }
    }
}

/// Encoding channels stdviz knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// Horizontal position.
    X,
    /// Horizontal end position.
    X2,
    /// Vertical position.
    Y,
    /// Vertical end position.
    Y2,
    /// Position within an x band (grouped bars).
    XOffset,
    /// Position within a y band.
    YOffset,
    /// Colour.
    Color,
    /// Angle of an arc.
    Theta,
    /// Radius of an arc.
    Radius,
    /// Opacity.
    Opacity,
    /// Size.
    Size,
    /// Text of text marks.
    Text,
    /// Stacking and drawing order.
    Order,
    /// Point symbol (`shape`).
    Shape,
    /// Dash pattern of lines and rules (`strokeDash`).
    StrokeDash,
    /// Stroke width of lines (`strokeWidth`).
    StrokeWidth,
    /// Longitude, degrees (projected with the view's projection).
    Longitude,
    /// Latitude, degrees.
    Latitude,
}

impl Channel {
    /// The channel whose scale this one shares: `x` for `x2`, `y` for `y2`, else itself.
    pub fn position_base(self) -> Channel {
        match self {
            Channel::X2 => Channel::X,
            Channel::Y2 => Channel::Y,
            c => c,
        }
    }

    /// Every channel with a single definition, in parsing order.
    pub const ALL: [Channel; 18] = [
        Channel::X,
        Channel::X2,
        Channel::Y,
        Channel::Y2,
        Channel::XOffset,
        Channel::YOffset,
        Channel::Color,
        Channel::Theta,
        Channel::Radius,
        Channel::Opacity,
        Channel::Size,
        Channel::Text,
        Channel::Order,
        Channel::Shape,
        Channel::StrokeDash,
        Channel::StrokeWidth,
        Channel::Longitude,
        Channel::Latitude,
    ];

    /// The Vega-Lite name of the channel.
    pub fn name(self) -> &'static str {
        match self {
            Channel::X => "x",
            Channel::X2 => "x2",
            Channel::Y => "y",
            Channel::Y2 => "y2",
            Channel::XOffset => "xOffset",
            Channel::YOffset => "yOffset",
            Channel::Color => "color",
            Channel::Theta => "theta",
            Channel::Radius => "radius",
            Channel::Opacity => "opacity",
            Channel::Size => "size",
            Channel::Text => "text",
            Channel::Order => "order",
            Channel::Shape => "shape",
            Channel::StrokeDash => "strokeDash",
            Channel::StrokeWidth => "strokeWidth",
            Channel::Longitude => "longitude",
            Channel::Latitude => "latitude",
        }
    }
}

/// The channels of a view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Encoding {
    /// Single-definition channels.
    pub channels: Vec<(Channel, ChannelDef)>,
    /// `detail`: fields that group without a visual change.
    pub detail: Vec<FieldDef>,
    /// `tooltip`: fields shown in the tooltip, in order (`Some(vec![])` is `tooltip: null`).
    pub tooltip: Option<Vec<FieldDef>>,
    /// `condition`s on colour, opacity and size: the first whose predicate holds for a
    /// row gives its value; otherwise the channel's own definition applies.
    pub conditions: Vec<(Channel, Vec<Condition>)>,
    /// Whether the colour channel was given as `stroke` (an outline on filled marks,
    /// see [`Mark::outline`]; the line's colour on lines, rules and points).
    pub color_from_stroke: bool,
    /// A `stroke` given beside `color` or `fill` (at its path): on filled marks a
    /// `value` is the outline's colour; elsewhere it is ignored with a warning.
    pub stroke_beside: Option<(String, ChannelDef)>,
}

/// One branch of a Vega-Lite `condition`: when it holds, the channel takes `value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// When the branch holds.
    pub when: ConditionTest,
    /// The value it gives (a colour as CSS text, an opacity or a size).
    pub value: ConstValue,
}

/// What a condition tests (a selection is the predicate [`Predicate::Param`]).
#[derive(Debug, Clone, PartialEq)]
pub enum ConditionTest {
    /// `test`: a predicate on the row, as in a `filter` transform; `param` (with
    /// `empty`) as [`Predicate::Param`].
    Test(Predicate),
}

impl Encoding {
    /// The definition on `channel`.
    pub fn get(&self, channel: Channel) -> Option<&ChannelDef> {
        self.channels
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, d)| d)
    }

    /// The field definition on `channel`.
    pub fn field(&self, channel: Channel) -> Option<&FieldDef> {
        self.get(channel).and_then(ChannelDef::field)
    }
}

/// A comparison in a filter predicate.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldTest {
    /// `equal`.
    Equal(ConstValue),
    /// `oneOf`.
    OneOf(Vec<ConstValue>),
    /// `range`: inclusive; either end may be open.
    Range(Option<f64>, Option<f64>),
    /// `lt`.
    Lt(f64),
    /// `lte`.
    Lte(f64),
    /// `gt`.
    Gt(f64),
    /// `gte`.
    Gte(f64),
    /// `valid`: true keeps rows whose value is present and not NaN.
    Valid(bool),
}

/// A filter predicate.
#[derive(Debug, Clone, PartialEq)]
pub enum Predicate {
    /// A test on one field (optionally through a time unit).
    Field {
        /// The field.
        field: String,
        /// Time unit applied before testing.
        time_unit: Option<TimeUnit>,
        /// The test.
        test: FieldTest,
    },
    /// All must hold.
    And(Vec<Predicate>),
    /// Any must hold.
    Or(Vec<Predicate>),
    /// Must not hold.
    Not(Box<Predicate>),
    /// An expression string (`"datum.year >= 2020"`), true when truthy.
    Expr(Expr),
    /// `{"param": name}`: the row is in the selection (or the value parameter is
    /// truthy). [`params::resolve`] replaces it before a layout; left unresolved it
    /// holds, as an empty selection does by default.
    Param {
        /// The parameter's name.
        name: String,
        /// `empty`: whether an empty selection holds for every row (default true).
        empty: bool,
    },
}

/// Expressions of `calculate` and of filter strings: a subset of Vega's expression
/// language — `datum.field`, numbers, strings, `true`/`false`/`null`, arithmetic,
/// comparisons, logic, `?:` and the function calls of [`Func`].
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Number(f64),
    /// A string literal.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `datum.field` or `datum['field']`.
    Field(String),
    /// Unary minus.
    Neg(Box<Expr>),
    /// Logical not (`!`).
    Not(Box<Expr>),
    /// A binary operation.
    Binary(Box<Expr>, BinOp, Box<Expr>),
    /// `test ? then : else`.
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A function call, arguments checked in number.
    Call(Func, Vec<Expr>),
    /// `name[0]` or `name[1]`: an item of an `extent` transform's parameter (its min or
    /// max), bound when the transforms run (`usize::MAX`: the whole parameter, only in the
    /// parser's scope).
    ParamItem(String, usize),
}

/// Binary operators of expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+` (numbers add; text concatenates).
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%`.
    Rem,
    /// `==` or `===`.
    Eq,
    /// `!=` or `!==`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `&&`.
    And,
    /// `||`.
    Or,
}

/// One output of an `aggregate` or `joinaggregate` transform.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateField {
    /// The operation.
    pub op: AggregateOp,
    /// The input field (none for `count`).
    pub field: Option<String>,
    /// The output field name.
    pub as_name: String,
}

/// One output of a `window` transform.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowField {
    /// The operation.
    pub op: WindowOp,
    /// The field an aggregate op reads.
    pub field: Option<String>,
    /// The output field's name.
    pub as_name: String,
}

/// Where a `lookup` transform finds its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupFrom {
    /// The secondary data: inline rows, a built-in table, or a URL the loader replaces by
    /// its rows (`Chart::with_files`) before any transform runs.
    pub data: DataSource,
    /// The key field of the secondary data.
    pub key: String,
    /// The fields to copy (all when empty).
    pub fields: Vec<String>,
}

/// A sort key of a window transform.
#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    /// The field.
    pub field: String,
    /// Largest first.
    pub descending: bool,
}

/// A data transform.
#[derive(Debug, Clone, PartialEq)]
pub enum Transform {
    /// Keep rows for which the predicate holds.
    Filter(Predicate),
    /// Add a computed field.
    Calculate {
        /// The expression.
        expr: Expr,
        /// The new field's name.
        as_name: String,
    },
    /// Turn columns into key/value rows.
    Fold {
        /// The columns to fold.
        fields: Vec<String>,
        /// Names of the key and value fields (default `key`, `value`).
        as_names: (String, String),
    },
    /// Group and aggregate.
    Aggregate {
        /// The aggregates.
        ops: Vec<AggregateField>,
        /// The grouping fields.
        groupby: Vec<String>,
    },
    /// Rank and number rows within groups, or aggregate over a frame of rows around each.
    Window {
        /// The operations, their fields and output names.
        ops: Vec<WindowField>,
        /// The grouping fields.
        groupby: Vec<String>,
        /// The ordering within each group.
        sort: Vec<SortKey>,
        /// Rows before and after the current one in the frame (`None`: unbounded);
        /// Vega-Lite's default `[null, 0]`.
        frame: (Option<u32>, Option<u32>),
        /// `ignorePeers`: frames end at the row itself, not at its last tie.
        ignore_peers: bool,
    },
    /// `bin` as a transform: each value's bin start and end as two new fields.
    Bin {
        /// The binned field.
        field: String,
        /// The binning.
        bin: Bin,
        /// The names of the start and end fields.
        as_names: (String, String),
    },
    /// `timeUnit` as a transform: each date's unit start as a new field.
    TimeUnit {
        /// The date field.
        field: String,
        /// The unit.
        unit: TimeUnit,
        /// The new field's name.
        as_name: String,
    },
    /// `lookup`: a left join with secondary data.
    Lookup {
        /// The field holding the key.
        field: String,
        /// The secondary data and its key.
        from: Box<LookupFrom>,
        /// New names of the copied fields (their own names when empty).
        as_names: Vec<String>,
        /// The value for rows without a match (null when absent).
        default: Option<ConstValue>,
    },
    /// `impute`: rows for the key values a group lacks, with a filled-in value.
    Impute {
        /// The field to fill in.
        field: String,
        /// The key field whose values every group should have.
        key: String,
        /// Extra key values (`keyvals` as an array).
        keyvals: Vec<ConstValue>,
        /// The grouping fields.
        groupby: Vec<String>,
        /// `method` (`mean`, `median`, `min`, `max`); `None` for `value`.
        method: Option<AggregateOp>,
        /// `value`, for the method `value`.
        value: Option<ConstValue>,
        /// `frame` of the method's window (see [`EncodingImpute::frame`]).
        frame: (Option<u32>, Option<u32>),
    },
    /// `extent`: the field's [min, max] as the parameter `param` (read as `param[0]` and
    /// `param[1]` in later `calculate` and filter expressions); the rows pass unchanged.
    Extent {
        /// The numeric field.
        field: String,
        /// The parameter's name.
        param: String,
    },
    /// `quantile`: per group, one row per probability with the quantile of a field.
    Quantile {
        /// The numeric field.
        field: String,
        /// The grouping fields.
        groupby: Vec<String>,
        /// `probs` (`None`: those of `step`).
        probs: Option<Vec<f64>>,
        /// `step` (default 0.01), when there are no `probs`.
        step: f64,
        /// `as`: the probability and value field names.
        as_names: (String, String),
    },
    /// `stack`: each row's start and end within its group's stack.
    Stack {
        /// The numeric field stacked.
        field: String,
        /// The grouping fields.
        groupby: Vec<String>,
        /// The order within each stack.
        sort: Vec<SortKey>,
        /// `offset` (`zero`, `normalize`, `center`).
        offset: Stack,
        /// `as`: the start and end fields.
        as_names: (String, String),
    },
    /// `regression`: a least-squares curve of `field` on `on` per group.
    Regression {
        /// The dependent field (y).
        field: String,
        /// The independent field (x).
        on: String,
        /// The grouping fields.
        groupby: Vec<String>,
        /// The model (`method`, with `order` for `poly`).
        method: RegressionMethod,
        /// `extent`: the x range the curve spans (`None`: each group's).
        extent: Option<(f64, f64)>,
        /// `params`: coefficients and R² instead of the curve.
        params: bool,
        /// `as`: the x and y field names.
        as_names: (String, String),
    },
    /// `loess`: a locally weighted regression of `field` on `on` per group.
    Loess {
        /// The dependent field (y).
        field: String,
        /// The independent field (x).
        on: String,
        /// The grouping fields.
        groupby: Vec<String>,
        /// `bandwidth`, the share of points each local fit reads.
        bandwidth: f64,
        /// `as`: the x and y field names.
        as_names: (String, String),
    },
    /// `density`: a kernel density estimate per group, sampled evenly.
    Density {
        /// The numeric field.
        field: String,
        /// The grouping fields.
        groupby: Vec<String>,
        /// `bandwidth` (`None`: estimated).
        bandwidth: Option<f64>,
        /// `extent` (`None`: the data's).
        extent: Option<(f64, f64)>,
        /// `steps`, the number of sample points (default 100).
        steps: usize,
        /// `counts`.
        counts: bool,
        /// `cumulative`.
        cumulative: bool,
        /// `as`: the sample and estimate field names.
        as_names: (String, String),
    },
    /// `pivot`: one column per distinct value, aggregated per group.
    Pivot {
        /// The field whose values become columns.
        pivot: String,
        /// The field aggregated into them.
        value: String,
        /// The grouping fields.
        groupby: Vec<String>,
        /// The aggregate (sum by default).
        op: AggregateOp,
        /// At most this many columns (0: all).
        limit: usize,
    },
    /// Aggregate within groups and attach the result to every row.
    JoinAggregate {
        /// The aggregates.
        ops: Vec<AggregateField>,
        /// The grouping fields.
        groupby: Vec<String>,
    },
}

/// `config`: defaults for fonts, colours, axes and the view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// `config.font`.
    pub font: Option<String>,
    /// `config.background`.
    pub background: Option<Color>,
    /// `config.range.category` or `config.mark.color` based palette.
    pub category_colors: Option<Vec<Color>>,
    /// `config.mark.color`.
    pub mark_color: Option<Color>,
    /// `config.bar.color`, `config.line.color`, …: colours for one mark kind.
    pub mark_kind_colors: Vec<(MarkKind, Color)>,
    /// `config.axis.grid`.
    pub axis_grid: Option<bool>,
    /// `config.scale.bandPaddingInner` and `bandPaddingOuter`: band scales' defaults.
    pub band_padding: (Option<f32>, Option<f32>),
    /// `config.axis.labelFontSize`.
    pub axis_label_size: Option<f32>,
    /// `config.title.fontSize`.
    pub title_size: Option<f32>,
    /// `config.view`: default plot sizes and the plot's frame.
    pub view: ViewConfig,
    /// `config.axis`, `config.axisX`, `config.axisBand`, …: defaults of the axes'
    /// properties (applied to the field definitions while parsing).
    pub axes: AxisConfig,
    /// `config.title.color`.
    pub title_color: Option<Color>,
    /// `config.legend.orient`: where colour legends without their own `orient` sit.
    pub legend_orient: Option<LegendOrient>,
    /// `config.legend.disable`: no colour legends.
    pub legend_disable: bool,
    /// `config.title.subtitleFontSize`.
    pub subtitle_size: Option<f32>,
    /// `config.title.subtitleColor`.
    pub subtitle_color: Option<Color>,
    /// `config.scale.zero`: whether quantitative scales without their own `zero` include
    /// zero (applied to the field definitions while parsing).
    pub scale_zero: Option<bool>,
    /// `config.mark.invalid`: the mode of marks without their own.
    pub mark_invalid: Option<Invalid>,
    /// `config.scale.invalid`: per channel, what an invalid value is drawn as.
    pub scale_invalid: Vec<(Channel, InvalidOutput)>,
    /// `config.numberFormat`, `timeFormat`, …: formats of fields without their own.
    pub formats: FormatConfig,
}
