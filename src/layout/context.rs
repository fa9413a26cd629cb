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
    /// Unit of values (`usermeta.stdviz.unit`).
    pub unit: Option<String>,
    /// `config.axis.grid`.
    pub axis_grid: Option<bool>,
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

    /// A data value of `def` as written at `place`: numbers of quantitative fields the
    /// chart's way ([`Ctx::numbers_for`]), everything else by the field's format.
    pub fn format_value(
        &self,
        v: &crate::table::Value<'_>,
        def: &crate::spec::FieldDef,
        place: crate::format::Place,
    ) -> String {
        use crate::spec::FieldType;
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
        super::plot::format_value(v, def.format.as_deref(), def.ty)
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
            turn_bars: !spec.meta.keep_columns,
            unit: spec.meta.unit.clone(),
            axis_grid: c.axis_grid,
            band_padding: c.band_padding,
            category_colors: c.category_colors.clone(),
            mark_kind_colors: c.mark_kind_colors.clone(),
            view: super::ViewState::default(),
            drill: spec.meta.drill.clone(),
            numbers: spec.meta.numbers,
            labels: spec.meta.labels,
            annotations: spec.meta.annotations.clone(),
        }
    }
}
