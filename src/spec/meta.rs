//! stdviz's own additions to a spec, read from `usermeta.stdviz` (Vega-Lite carries
//! `usermeta` without interpreting it): source and note lines, number and label forms,
//! annotations, drill levels, news forms, the table form, the locale.

use super::*;

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
    /// Language of dates (month and weekday names, time-unit forms; see
    /// `crate::format::unit_pattern`): `locale` when the spec gives it, else Chinese when
    /// the spec's text has Chinese characters and English (Vega-Lite's forms) when not.
    pub time_locale: Locale,
    /// A news chart form drawn instead of the plain marks (`usermeta.stdviz.form`).
    pub form: Option<NewsForm>,
    /// The drill-down hierarchy (`usermeta.stdviz.drill`): the category field of each
    /// level, top first. Clicking a mark at level `k` shows level `k + 1` for that
    /// mark's category.
    pub drill: Vec<DrillLevel>,
    /// Corrections of the layout of the chart's delimited data file (a yearbook table):
    /// `usermeta.stdviz.header` and `usermeta.stdviz.dataEnd`, 1-based lines.
    pub layout: crate::table::csv::LayoutOptions,
    /// The sheet of a workbook data file (`usermeta.stdviz.sheet`: a name or a number).
    pub sheet: Option<String>,
    /// How numbers are written (`usermeta.stdviz.numbers`: `"zh"` for 万/亿).
    pub numbers: crate::format::Numbers,
    /// Value labels on bars (`usermeta.stdviz.labels`); `None` when not asked for.
    pub labels: Option<ValueLabels>,
    /// Notes pointing at data points (`usermeta.stdviz.annotations`).
    pub annotations: Vec<Annotation>,
    /// `turnBars: false`: a vertical bar chart keeps its columns at every width, its
    /// category labels rotated where they cannot be set flat. By default (`true`) it is
    /// drawn as horizontal bars at such widths.
    pub keep_columns: bool,
}

/// A newsroom note on the chart (`usermeta.stdviz.annotations[i]`): text placed near a
/// point, clear of marks and other text, with a connector to the point.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// The note's text (wrapped to the room there is).
    pub text: String,
    /// The point it is about.
    pub target: AnnotationTarget,
    /// How the note is tied to the point.
    pub connector: Connector,
}

/// Where an annotation points.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationTarget {
    /// The mark of the first row whose fields have these values (`"at": {"year": 2023}`),
    /// at its value end (a bar's top, a point's centre, a stack segment's end).
    Row(Vec<(String, ConstValue)>),
    /// A position in data units (`"x": 2023, "y": 44499`); a missing one is the middle
    /// of the plot on that axis.
    Datum {
        /// x in data units (a number, a category or an ISO date).
        x: Option<ConstValue>,
        /// y in data units.
        y: Option<ConstValue>,
    },
}

/// The line from an annotation to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    /// A thin line.
    Line,
    /// A thin line with an arrowhead at the point.
    Arrow,
    /// No connector (the note sits next to its point).
    None,
}

/// Where value labels sit on bars (`usermeta.stdviz.labels`: `true`, `"inside"`,
/// `"outside"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueLabels {
    /// Inside the bar's end when the label fits there, else just beyond it.
    Auto,
    /// Inside the bar's end (beyond it only when the bar is too short to hold it).
    Inside,
    /// Just beyond the bar's end.
    Outside,
}

/// One level of a drill-down hierarchy.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillLevel {
    /// The category field shown at this level.
    pub field: String,
    /// Axis or legend title at this level (else the field name).
    pub title: Option<String>,
}

/// News chart forms beyond plain marks. The spec underneath stays a valid Vega-Lite
/// chart of the same data (cards: a `text` mark; waffle: a `bar` chart), which is what
/// Vega shows; stdviz draws the form.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsForm {
    /// Big-number cards: one card per row, the `text` channel as the big number.
    Cards {
        /// Field holding each card's label.
        label: Option<String>,
        /// Field holding each card's unit (else `usermeta.stdviz.unit`).
        unit: Option<String>,
        /// Field holding each card's change against a previous figure.
        delta: Option<String>,
    },
    /// A waffle (unit) chart: one square per `per_square` of the bar chart's values.
    Waffle {
        /// Squares per row.
        columns: usize,
        /// How many units one square stands for.
        per_square: f64,
    },
    /// A readable data table (`"table"`, drawn as an HTML `<table>` by the page and by
    /// `stdviz publish`; the spec's marks are what Vega and the SVG render draw).
    Table(TableForm),
}

/// The options of the table form (`usermeta.stdviz.table`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableForm {
    /// The fields shown as columns, in order (else every encoded field, in channel order).
    pub columns: Option<Vec<String>>,
    /// Number fields whose cells are coloured by value (a heat map).
    pub heat: Vec<String>,
    /// Number fields whose cells carry a bar as long as the value.
    pub bars: Vec<String>,
    /// `scheme`: the continuous colour ramp of the heat-map cells (a name of
    /// [`crate::theme::ramps`]); else the colour channel's ramp scheme, else Vega-Lite's
    /// sequential default.
    pub scheme: Option<String>,
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
