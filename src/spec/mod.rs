//! The chart spec: a documented subset of Vega-Lite, parsed and resolved once.
//!
//! [`parse`] turns spec JSON into a [`ChartSpec`] in which every default is filled in
//! and every value is typed: downstream stages never look at JSON again. Anything that
//! stdviz accepts is valid Vega-Lite with the same meaning; stdviz's own additions live
//! under `usermeta.stdviz`, which Vega-Lite carries without interpreting.

mod parse;
pub mod reader;

pub use parse::{parse, parse_value, Parsed};

use crate::color::Color;
use crate::table::Table;

/// A whole chart, validated and with defaults resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// Title and subtitle, if any.
    pub title: Option<Title>,
    /// The spec's `description`, used as the accessible name when present.
    pub description: Option<String>,
    /// Width: of the plot area when fixed, of the whole chart when `"container"`.
    pub width: Size,
    /// Height of the plot area.
    pub height: Size,
    /// Where the rows come from.
    pub data: DataSource,
    /// The mark and its fixed properties.
    pub mark: Mark,
    /// Field-to-channel mappings.
    pub encoding: Encoding,
    /// stdviz's own additions (`usermeta.stdviz`).
    pub meta: StdvizMeta,
}

/// A width or height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Size {
    /// A fixed size in CSS pixels.
    Fixed(f32),
    /// Follow the container (`"container"`).
    Container,
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

/// A chart title.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// The title text.
    pub text: String,
    /// A second, smaller line.
    pub subtitle: Option<String>,
    /// Horizontal placement.
    pub anchor: Anchor,
}

/// The file format of data loaded by URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataFormat {
    /// JSON records; `property` picks the array out of a larger document.
    Json {
        /// Dot-separated path to the array (`format.property`).
        property: Option<String>,
    },
}

/// Where the chart's rows come from.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    /// Rows given in the spec (`data.values`), already a table.
    Inline(Table),
    /// Rows loaded from a URL, which the host fetches and hands over as text.
    Url {
        /// The URL as written in the spec.
        url: String,
        /// How to read the fetched text.
        format: DataFormat,
    },
}

/// Kinds of mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// Bars (vertical or horizontal, decided by which axis is quantitative).
    Bar,
    /// Pie and donut slices.
    Arc,
}

impl MarkKind {
    /// The Vega-Lite name of the mark.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Bar => "bar",
            MarkKind::Arc => "arc",
        }
    }
}

/// A mark and its fixed properties (Vega-Lite's mark definition object).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The kind of mark.
    pub kind: MarkKind,
    /// Fill colour for every instance (overridden by a colour encoding).
    pub color: Option<Color>,
    /// Opacity 0–1.
    pub opacity: f32,
    /// Inner radius of arcs in CSS px (a donut when > 0).
    pub inner_radius: f32,
    /// Outer radius of arcs in CSS px; `None` fills the plot area.
    pub outer_radius: Option<f32>,
    /// Corner radius of bars in CSS px.
    pub corner_radius: f32,
    /// Angular gap between slices, in radians.
    pub pad_angle: f32,
    /// Whether marks show tooltips (`tooltip: true`).
    pub tooltip: bool,
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
}

impl FieldType {
    /// True for nominal and ordinal.
    pub fn is_discrete(self) -> bool {
        matches!(self, FieldType::Nominal | FieldType::Ordinal)
    }
}

/// Aggregations over the rows of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// Sum of the field.
    Sum,
    /// Number of rows (no field needed).
    Count,
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
}

/// Encoding channels stdviz knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Horizontal position.
    X,
    /// Vertical position.
    Y,
    /// Fill colour.
    Color,
    /// Angle of an arc.
    Theta,
}

impl Channel {
    /// The Vega-Lite name of the channel.
    pub fn name(self) -> &'static str {
        match self {
            Channel::X => "x",
            Channel::Y => "y",
            Channel::Color => "color",
            Channel::Theta => "theta",
        }
    }
}

/// Axis properties (`axis`); `None` in [`FieldDef::axis`] means `axis: null`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Axis {
    /// Title override; `Some(None)` means `title: null` (no title).
    pub title: Option<Option<String>>,
    /// Grid lines (default: on for quantitative axes).
    pub grid: Option<bool>,
}

/// Legend properties (`legend`); `None` in [`FieldDef::legend`] means `legend: null`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legend {
    /// Title override; `Some(None)` means `title: null`.
    pub title: Option<Option<String>>,
}

/// One channel's field definition.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The data field (for `count`, may be empty).
    pub field: String,
    /// Measurement type.
    pub ty: FieldType,
    /// Display title (`title`), defaulting to the field name.
    pub title: Option<String>,
    /// Aggregation, if any.
    pub aggregate: Option<Aggregate>,
    /// Order of categories (discrete channels).
    pub sort: Sort,
    /// Axis properties; `None` hides the axis.
    pub axis: Option<Axis>,
    /// Legend properties; `None` hides the legend.
    pub legend: Option<Legend>,
    /// The JSON path of this definition, for errors found later (e.g. a missing field).
    pub path: String,
}

impl FieldDef {
    /// The title to show: explicit title, else `Sum of count`-style default, else field.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        match self.aggregate {
            Some(Aggregate::Count) => "Count of Records".to_string(),
            Some(Aggregate::Sum) => format!("Sum of {}", self.field),
            None => self.field.clone(),
        }
    }
}

/// The channels of a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Encoding {
    /// `x`.
    pub x: Option<FieldDef>,
    /// `y`.
    pub y: Option<FieldDef>,
    /// `color`.
    pub color: Option<FieldDef>,
    /// `theta`.
    pub theta: Option<FieldDef>,
}

impl Encoding {
    /// The definition on `channel`.
    pub fn get(&self, channel: Channel) -> Option<&FieldDef> {
        match channel {
            Channel::X => self.x.as_ref(),
            Channel::Y => self.y.as_ref(),
            Channel::Color => self.color.as_ref(),
            Channel::Theta => self.theta.as_ref(),
        }
    }
}

/// stdviz's own additions, read from `usermeta.stdviz`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StdvizMeta {
    /// Source line drawn under the chart (e.g. `来源:中国质量报,2024-01-10`).
    pub source: Option<String>,
    /// A note line drawn under the source.
    pub note: Option<String>,
    /// Unit appended to values in labels and descriptions (e.g. `项`).
    pub unit: Option<String>,
    /// Language of generated text (`zh` or `en`).
    pub locale: Locale,
}

/// Language of generated text (summaries, default titles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}
