//! The parts of `config` that set defaults of views, axes and formats: `config.view`, the
//! `config.axis*` objects and the number and time formats.

use super::{Axis, Color, Size};

/// `config.view`: the default size of a plot and its frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewConfig {
    /// Plot width when x is continuous or absent (`continuousWidth`, or `width`).
    pub continuous_width: Option<f32>,
    /// Plot height when y is continuous or absent (`continuousHeight`, or `height`).
    pub continuous_height: Option<f32>,
    /// Plot width when x is discrete: a width or a step per category
    /// (`discreteWidth`, `width` or `step`).
    pub discrete_width: Option<Size>,
    /// Plot height when y is discrete (`discreteHeight`, `height` or `step`).
    pub discrete_height: Option<Size>,
    /// The frame's outline colour (`stroke`; none by default in stdviz).
    pub stroke: Option<Color>,
    /// The frame's outline width, px (`strokeWidth`, default 1).
    pub stroke_width: Option<f32>,
    /// The plot area's background (`fill`).
    pub fill: Option<Color>,
}

/// Axis defaults from `config`: for every axis, for x or y axes, and by the kind of
/// scale. An axis's own property wins, then x/y, then the kind of scale, then `axis`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AxisConfig {
    /// `config.axis`.
    pub all: Option<Axis>,
    /// `config.axisX`.
    pub x: Option<Axis>,
    /// `config.axisY`.
    pub y: Option<Axis>,
    /// `config.axisBand`: axes of band scales (discrete fields of bars and rects).
    pub band: Option<Axis>,
    /// `config.axisPoint`: axes of point scales (discrete fields of other marks).
    pub point: Option<Axis>,
    /// `config.axisDiscrete`: band and point axes.
    pub discrete: Option<Axis>,
    /// `config.axisQuantitative`.
    pub quantitative: Option<Axis>,
    /// `config.axisTemporal`.
    pub temporal: Option<Axis>,
}

/// `config.numberFormat`, `numberFormatType`, `normalizedNumberFormat`, `timeFormat` and
/// `tooltipFormat`: the formats of fields that give none of their own, filled into their
/// definitions once the views are read (`FieldDef::format`, `tooltip_format`,
/// `time_format`). A field's own `format`/`formatType` wins; these win over
/// `usermeta.stdviz.numbers` and stdviz's plain defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormatConfig {
    /// `numberFormat`: a d3-format specifier for quantitative fields.
    pub number: Option<String>,
    /// `numberFormatType: "zh"`: quantitative fields written the Chinese way.
    pub zh: bool,
    /// `normalizedNumberFormat`: for fields stacked with `"normalize"`.
    pub normalized: Option<String>,
    /// `timeFormat`: a d3-time-format pattern for temporal fields without a time unit, in
    /// text marks and tooltips (axes keep their calendar form, as in Vega-Lite).
    pub time: Option<String>,
    /// `tooltipFormat.numberFormat`: quantitative fields' tooltips.
    pub tooltip_number: Option<String>,
    /// `tooltipFormat.timeFormat`: temporal fields' tooltips.
    pub tooltip_time: Option<String>,
}
