//! The accessible summary of a scene, in the spec's language: chart type, title, number
//! of items, largest and smallest, total. Read from the scene, the same data that is drawn.

use crate::format;
use crate::scene::{ChartKind, Scene};
use crate::spec::Locale;

/// A one-paragraph description of the chart for screen readers (`aria-label`).
pub fn summary(scene: &Scene, locale: Locale) -> String {
    let items = &scene.items;
    let unit = scene.unit.clone().unwrap_or_default();
    let kind = match (scene.kind, locale) {
        (ChartKind::ColumnBars, Locale::Zh) => "柱状图",
        (ChartKind::HorizontalBars, Locale::Zh) => "条形图",
        (ChartKind::Pie, Locale::Zh) => "饼图",
        (ChartKind::Donut, Locale::Zh) => "环形图",
        (ChartKind::ColumnBars, Locale::En) => "Column chart",
        (ChartKind::HorizontalBars, Locale::En) => "Bar chart",
        (ChartKind::Pie, Locale::En) => "Pie chart",
        (ChartKind::Donut, Locale::En) => "Donut chart",
        (ChartKind::Line, Locale::Zh) => "折线图",
        (ChartKind::Area, Locale::Zh) => "面积图",
        (ChartKind::Scatter, Locale::Zh) => "散点图",
        (ChartKind::Other, Locale::Zh) => "图表",
        (ChartKind::Cards, Locale::Zh) => "关键数字",
        (ChartKind::Waffle, Locale::Zh) => "方块图",
        (ChartKind::Cards, Locale::En) => "Key figures",
        (ChartKind::Waffle, Locale::En) => "Waffle chart",
        (ChartKind::Line, Locale::En) => "Line chart",
        (ChartKind::Area, Locale::En) => "Area chart",
        (ChartKind::Scatter, Locale::En) => "Scatter plot",
        (ChartKind::Other, Locale::En) => "Chart",
    };
    let value = |v: f64| match locale {
        Locale::Zh => format!(
            "{}{}{}",
            format::value(v),
            if unit.is_empty() { "" } else { " " },
            unit
        ),
        Locale::En => format::value(v),
    };
    let mut out = match (&scene.title, locale) {
        (Some(t), Locale::Zh) => format!("{kind}:{t}。"),
        (Some(t), Locale::En) => format!("{kind}: {t}. "),
        (None, Locale::Zh) => format!("{kind}。"),
        (None, Locale::En) => format!("{kind}. "),
    };
    if items.is_empty() {
        out.push_str(match locale {
            Locale::Zh => "没有数据。",
            Locale::En => "No data.",
        });
        return out;
    }
    let max = items.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    let min = items.iter().min_by(|a, b| a.value.total_cmp(&b.value));
    let total: f64 = items.iter().map(|i| i.value).sum();
    let name = |i: &crate::scene::Item| match &i.series {
        Some(s) => format!("{} {}", i.label, s),
        None => i.label.clone(),
    };
    if let (Some(max), Some(min)) = (max, min) {
        match locale {
            Locale::Zh => out.push_str(&format!(
                "共 {} 项。最大:{} {};最小:{} {};合计 {}。",
                items.len(),
                name(max),
                value(max.value),
                name(min),
                value(min.value),
                value(total)
            )),
            Locale::En => out.push_str(&format!(
                "{} items. Largest: {} {}; smallest: {} {}; total {}.",
                items.len(),
                name(max),
                value(max.value),
                name(min),
                value(min.value),
                value(total)
            )),
        }
    }
    out
}

/// A tooltip's text: a title line and label–value rows, all plain text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TooltipText {
    /// The category (and series) of the mark.
    pub title: String,
    /// Rows of (label, value); a row with an empty label is a value alone.
    pub rows: Vec<(String, String)>,
}

/// The tooltip of mark `mark`: the fields of the spec's `encoding.tooltip` when it has
/// one; otherwise the category as the title and the value with its unit
/// (`80 项`), plus the share of the total for slices (`42.6%`).
pub fn tooltip(scene: &Scene, mark: usize) -> TooltipText {
    let Some(item) = scene.mark_item(mark).and_then(|i| scene.items.get(i)) else {
        return TooltipText {
            title: String::new(),
            rows: Vec::new(),
        };
    };
    let zh = scene.locale == Locale::Zh;
    let title = match &item.series {
        Some(s) if *s != item.label && !s.is_empty() => format!("{} · {}", item.label, s),
        _ => item.label.clone(),
    };
    if item.custom_tooltip {
        return TooltipText {
            title,
            rows: item.fields.clone(),
        };
    }
    let unit = scene.unit.as_deref().unwrap_or("");
    let mut rows = Vec::new();
    if item.value.is_finite() {
        let v = format::value(item.value);
        let with_unit = match (unit.is_empty(), zh) {
            (true, _) => v,
            (false, true) => format!("{v} {unit}"),
            (false, false) => format!("{v} {unit}"),
        };
        rows.push((scene.value_title.clone(), with_unit));
    }
    if let Some(share) = item.share {
        rows.push((
            if zh { "占比" } else { "Share" }.to_string(),
            format::percent(share),
        ));
    }
    TooltipText { title, rows }
}
