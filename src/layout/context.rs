//! What every part of a layout shares: the theme (with `config` applied), the language
//! and unit of generated text.

use crate::spec::{ChartSpec, Locale};
use crate::theme::Theme;

/// Shared layout settings.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Fonts, sizes, colours.
    pub theme: Theme,
    /// Language of generated text.
    pub locale: Locale,
    /// Language of dates (`StdvizMeta::time_locale`).
    pub time_locale: Locale,
    /// Unit of values (`usermeta.stdviz.unit`).
    pub unit: Option<String>,
    /// `config.axis.grid`.
    pub axis_grid: Option<bool>,
    /// `config.view`: default plot sizes and the plot's frame.
    pub view_config: crate::spec::ViewConfig,
    /// `config.scale.bandPaddingInner`/`bandPaddingOuter`: band scales' defaults.
    pub band_padding: (Option<f32>, Option<f32>),
    /// Categorical colours from `config.range.category`.
    pub category_colors: Option<Vec<crate::color::Color>>,
    /// `config.<mark>.color` per mark kind.
    pub mark_kind_colors: Vec<(crate::spec::MarkKind, crate::color::Color)>,
    /// What the reader changed: hidden series, drill path, zoom window.
    pub view: super::ViewState,
    /// The spec's drill-down hierarchy (`usermeta.stdviz.drill`).
    pub drill: Vec<crate::spec::DrillLevel>,
    /// How numbers are written (`usermeta.stdviz.numbers`).
    pub numbers: crate::format::Numbers,
    /// Value labels on bars (`usermeta.stdviz.labels`, on in the news forms).
    pub labels: Option<crate::spec::ValueLabels>,
    /// Notes at data points (`usermeta.stdviz.annotations`).
    pub annotations: Vec<crate::spec::Annotation>,
    /// Vertical bar charts turn horizontal where their category labels cannot be set
    /// flat (`usermeta.stdviz.turnBars`, on unless a spec turns it off).
    pub turn_bars: bool,
    /// The point selections bound to the legend (`bind: "legend"`): name, field and
    /// initial value. Their entries select instead of hiding a series.
    pub legend_selections: Vec<(String, String, crate::spec::SelectionValue)>,
    /// The spec has an interval selection: plots record their axes for it
    /// (`layout::brush::axes`).
    pub intervals: bool,
}

impl Ctx {
    /// The default colour of a mark kind: `config.<mark>.color`, else `config.mark.color`,
    /// else the theme's.
    pub fn mark_color(&self, kind: crate::spec::MarkKind) -> crate::color::Color {
        self.mark_kind_colors
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(self.theme.mark_color, |(_, c)| *c)
    }

    /// A data value as shown: standardization terms in English when the chart's locale
    /// is English (bilingual labels); everything else as it is.
    pub fn label(&self, value: &str) -> String {
        // Only English charts translate: skip the vocabulary look-up (the slow part of
        // laying out thousands of categories) for the others.
        if self.locale != Locale::En {
            return value.to_string();
        }
        match crate::vocab::recognise(value) {
            Some(term) => crate::vocab::name(term, Locale::En).to_string(),
            None => value.to_string(),
        }
    }

    /// How the values of `def` are written: the Chinese way when the field asks for
    /// it (`formatType: "zh"`) or the chart does (`usermeta.stdviz.numbers: "zh"`) and
    /// the field has no d3 format of its own.
    pub fn numbers_for(&self, def: &crate::spec::FieldDef) -> crate::format::Numbers {
        use crate::format::Numbers;
        let zh_field = def.format_type == Some(crate::spec::FormatType::Zh);
        if zh_field || (self.numbers == Numbers::Zh && def.format.is_none()) {
            Numbers::Zh
        } else {
            Numbers::Plain
        }
    }

    /// A figure in the chart's unit as a label writes it: the chart's way, at its real
    /// magnitude in a scaled unit ([`crate::format::Unit::write`]; `1.2亿` for 12,345万项).
    pub fn figure(&self, v: f64) -> String {
        crate::format::Unit::of(self.unit.as_deref()).write(
            self.numbers,
            v,
            crate::format::Place::Label,
        )
    }

    /// What a text mark writes for row `r` of unit `u`: its `text` field's value as a label
    /// writes it, a `text` value or datum (numbers the chart's way), else `mark.text`.
    pub fn text_content(&self, u: &crate::encode::Encoded, r: usize) -> String {
        use crate::encode::Bound;
        use crate::spec::{Channel, ConstValue};
        match u.get(Channel::Text) {
            Some(Bound::Column { column, def }) => {
                self.format_value(&u.table.value(column, r), def, crate::format::Place::Label)
            }
            Some(Bound::Value(v)) | Some(Bound::Datum(v)) => match v {
                ConstValue::Text(s) => s.clone(),
                ConstValue::Number(n) => self.figure(*n),
            },
            None => u.mark.text.clone().unwrap_or_default(),
        }
    }

    /// A data value of `def` as written at `place`: its tooltip format on tooltips
    /// (`config.tooltipFormat`), numbers of quantitative fields the chart's way
    /// ([`Ctx::numbers_for`]), everything else by the field's format (or `config`'s,
    /// filled in while parsing).
    pub fn format_value(
        &self,
        v: &crate::table::Value<'_>,
        def: &crate::spec::FieldDef,
        place: crate::format::Place,
    ) -> String {
        use crate::spec::FieldType;
        // `config.tooltipFormat` on tooltips, where the field gives no format of its own.
        let tip = def.tooltip_format.as_ref();
        if let (Some(f), crate::format::Place::Tooltip) = (tip, place) {
            return super::plot::format_value(v, Some(f), def.ty);
        }
        match (v, self.numbers_for(def), def.ty) {
            (_, _, FieldType::Nominal | FieldType::Ordinal) => {}
            (crate::table::Value::Number(n), crate::format::Numbers::Zh, _) => {
                // In the source's unit (`单位:万项`): at its real magnitude.
                return crate::format::Unit::of(self.unit.as_deref()).write(
                    crate::format::Numbers::Zh,
                    *n,
                    place,
                );
            }
            _ => {}
        }
        // A time unit's value is written in that unit's form (`Jan 2012`, `2012年1月`,
        // `Mon`), as on its axis, not as a full date.
        if let (crate::table::Value::Date(ms), None, Some(unit)) =
            (v, def.format.as_deref(), def.time_unit)
        {
            return crate::format::unit_label(*ms, unit, self.time_locale);
        }
        // `config.timeFormat` for a date without a format or time unit.
        let format = def.format.as_deref().or(def.time_format.as_deref());
        super::plot::format_value(v, format, def.ty)
    }

    /// The context for `spec`.
    pub fn new(spec: &ChartSpec) -> Ctx {
        let mut theme = Theme::default();
        let c = &spec.config;
        if let Some(bg) = c.background {
            theme.background = bg;
        }
        if let Some(m) = c.mark_color {
            theme.mark_color = m;
        }
        if let Some(s) = c.axis_label_size {
            theme.label_size = s.clamp(6.0, 40.0);
        }
        if let Some(s) = c.title_size {
            theme.title_size = s.clamp(8.0, 60.0);
        }
        if let Some(s) = c.subtitle_size {
            theme.subtitle_size = s.clamp(6.0, 60.0);
        }
        if let Some(col) = c.title_color {
            theme.title_color = col;
        }
        if let Some(col) = c.subtitle_color {
            theme.subtitle_color = col;
        }
        if let Some(f) = &c.font {
            // Keep the CJK fallbacks behind the requested face.
            theme.font_family = format!(
                "{}, {}",
                f.replace(['"', '<', '>', '&'], ""),
                theme.font_family
            );
        }
        Ctx {
            theme,
            locale: spec.meta.locale,
            time_locale: spec.meta.time_locale,
            turn_bars: !spec.meta.keep_columns,
            unit: spec.meta.unit.clone(),
            axis_grid: c.axis_grid,
            view_config: c.view.clone(),
            band_padding: c.band_padding,
            category_colors: c.category_colors.clone(),
            mark_kind_colors: c.mark_kind_colors.clone(),
            view: super::ViewState::default(),
            drill: spec.meta.drill.clone(),
            numbers: spec.meta.numbers,
            labels: spec.meta.labels,
            annotations: spec.meta.annotations.clone(),
            legend_selections: legend_selections(&spec.params),
            intervals: spec.params.iter().any(|p| {
                matches!(&p.kind, crate::spec::ParamKind::Select(s)
                    if s.kind == crate::spec::params::SelectionKind::Interval)
            }),
        }
    }

    /// Whether the legend entry of colour value `key` is selected by a legend-bound
    /// selection: `None` when no such selection is about this legend's values (then an
    /// entry hides its series), else whether `key` is among the selected values (every
    /// entry is while the selection is empty, as an empty selection holds for all).
    /// `keys` are all the legend's values.
    pub fn legend_selected(&self, key: &str, keys: &[String]) -> Option<bool> {
        use crate::spec::SelectionValue;
        for (name, _, initial) in &self.legend_selections {
            let value = self
                .view
                .selections
                .iter()
                .find(|(n, _)| n == name)
                .map_or(initial, |(_, v)| v);
            let tuples = match value {
                SelectionValue::Points(t) if !t.is_empty() => t,
                _ => return Some(true),
            };
            let chosen = |k: &str| {
                tuples
                    .iter()
                    .any(|t| t.first().is_some_and(|v| legend_value_is(v, k)))
            };
            // A selection of values this legend does not list is about another field.
            if keys.iter().any(|k| chosen(k)) {
                return Some(chosen(key));
            }
        }
        (!self.legend_selections.is_empty()).then_some(true)
    }
}

/// Whether a selected value is the legend value `key` (legend values are text; a
/// number is compared as the legend writes it).
pub fn legend_value_is(v: &crate::spec::ConstValue, key: &str) -> bool {
    match v {
        crate::spec::ConstValue::Text(t) => t == key,
        crate::spec::ConstValue::Number(n) => {
            crate::format::value(*n) == key || n.to_string() == key
        }
    }
}

/// The point selections of `params` bound to the legend, on one field.
fn legend_selections(
    params: &[crate::spec::Param],
) -> Vec<(String, String, crate::spec::SelectionValue)> {
    use crate::spec::params::{ParamKind, SelectionBind, SelectionKind};
    params
        .iter()
        .filter_map(|p| match &p.kind {
            ParamKind::Select(s)
                if s.kind == SelectionKind::Point && s.bind == SelectionBind::Legend =>
            {
                let field = s.fields.first()?;
                Some((p.name.clone(), field.clone(), s.initial.clone()))
            }
            _ => None,
        })
        .collect()
}
