//! The accessible summary of a scene, in the spec's language: chart type, title, number
//! of items, largest and smallest, total. Read from the scene, the same data that is drawn.

use crate::format;
use crate::scene::{ChartKind, Item, Scene};
use crate::spec::Locale;

/// A data value as readers see it on the chart: vocabulary terms in English when the
/// chart is English (as its axes and legend show them), everything else as it is.
pub fn shown(locale: Locale, text: &str) -> String {
    match (locale, crate::vocab::recognise(text)) {
        (Locale::En, Some(term)) => crate::vocab::name(term, Locale::En).to_string(),
        _ => text.to_string(),
    }
}

/// The item's name for readers: its category, then its series when that says more
/// (a colour that repeats the category adds nothing).
pub fn item_name(item: &Item, locale: Locale) -> String {
    match item.series.as_deref() {
        Some(s) if !s.is_empty() && s != item.label => {
            format!("{} · {}", shown(locale, &item.label), shown(locale, s))
        }
        _ => shown(locale, &item.label),
    }
}

/// The item's series for readers, unless it repeats the category.
pub fn item_series(item: &Item) -> Option<&str> {
    item.series
        .as_deref()
        .filter(|s| !s.is_empty() && *s != item.label)
}

/// The item's value as written on the chart: the spec's format when it has one
/// (`41.4%`), else grouped digits and the unit (`80 项`).
/// With Chinese numbers the unit follows 万/亿 directly (`316.6万项`).
pub fn value_text(item: &Item, unit: Option<&str>, numbers: format::Numbers) -> String {
    if let Some(f) = &item.formatted {
        return f.clone();
    }
    format::Unit::of(unit).read_out(numbers, item.value)
}

/// A wrapped text as one line again: lines joined directly after CJK text, with a space
/// between Latin words.
fn unwrapped(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if i > 0 && latin(out.chars().last()) && latin(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

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
    let boxes = items.iter().any(|i| i.box_stats.is_some());
    let kind = match (boxes, locale) {
        (true, Locale::Zh) => "箱线图",
        (true, Locale::En) => "Box plot",
        (false, _) => kind,
    };
    let value = |v: f64| match locale {
        Locale::Zh => format::Unit::parse(&unit).read_out(scene.numbers, v),
        Locale::En => format::Unit::parse(&unit).write(scene.numbers, v, format::Place::Label),
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
    if boxes {
        out.push_str(&box_plot(items, locale, &value));
        notes(scene, locale, &mut out);
        return out;
    }
    // A dual axis's two measures are read apart, each under its axis's title: a count
    // and a rate have no common largest, and no total.
    if items.iter().any(|i| i.second_axis) {
        for (second, title) in [
            (false, &scene.value_title),
            (true, &scene.second_value_title),
        ] {
            let part: Vec<&Item> = items.iter().filter(|i| i.second_axis == second).collect();
            if second && locale == Locale::En {
                out.push(' ');
            }
            out.push_str(&figures(&part, Some(title), locale, &value));
        }
    } else {
        let all: Vec<&Item> = items.iter().collect();
        out.push_str(&figures(&all, None, locale, &value));
    }
    notes(scene, locale, &mut out);
    out
}

/// The figures of `items` for readers: how many, the largest and smallest, the total
/// (unless a value has its own format), after `title` when the chart has two measures.
fn figures(
    items: &[&Item],
    title: Option<&str>,
    locale: Locale,
    value: &dyn Fn(f64) -> String,
) -> String {
    let mut out = match (title, locale) {
        (Some(t), Locale::Zh) if !t.is_empty() => format!("{t}:"),
        (Some(t), Locale::En) if !t.is_empty() => format!("{t}: "),
        _ => String::new(),
    };
    // Marks without a value (a tile map's regions with no figure) are not figures.
    let valued: Vec<&Item> = items
        .iter()
        .copied()
        .filter(|i| i.value.is_finite())
        .collect();
    let items = &valued;
    let max = items
        .iter()
        .copied()
        .max_by(|a, b| a.value.total_cmp(&b.value));
    let min = items
        .iter()
        .copied()
        .min_by(|a, b| a.value.total_cmp(&b.value));
    let total: f64 = items.iter().map(|i| i.value).sum();
    let name = |i: &Item| item_name(i, locale);
    // A value with its own format (a rate, a share) is written that way, and a total
    // of such values means nothing.
    let formatted = items.iter().any(|i| i.formatted.is_some());
    let said = |i: &Item| match &i.formatted {
        Some(f) => f.clone(),
        None => value(i.value),
    };
    if let (Some(max), Some(min)) = (max, min) {
        let total = match (formatted, locale) {
            (true, _) => String::new(),
            (false, Locale::Zh) => format!("合计 {}。", value(total)),
            (false, Locale::En) => format!(" total {}.", value(total)),
        };
        match locale {
            Locale::Zh => out.push_str(&format!(
                "共 {} 项。最大:{} {};最小:{} {}{}{total}",
                items.len(),
                name(max),
                said(max),
                name(min),
                said(min),
                if formatted { "。" } else { ";" },
            )),
            Locale::En => out.push_str(&format!(
                "{} items. Largest: {} {}; smallest: {} {}{}{total}",
                items.len(),
                name(max),
                said(max),
                name(min),
                said(min),
                if formatted { "." } else { ";" },
            )),
        }
    }
    out
}

/// The notes on the chart (`usermeta.stdviz.annotations`), read out after the figures.
fn notes(scene: &Scene, locale: Locale, out: &mut String) {
    for g in scene.groups_with(crate::scene::Role::Annotation) {
        if let crate::scene::Shapes::Texts { text, .. } = &g.shapes {
            let note = text.iter().map(|t| unwrapped(t)).collect::<String>();
            match locale {
                Locale::Zh => out.push_str(&format!("注:{note}。")),
                Locale::En => out.push_str(&format!(" Note: {note}.")),
            }
        }
    }
}

/// The most outliers a box plot's summary names one by one.
const OUTLIERS_NAMED: usize = 5;

/// A box plot's figures for readers: per group its median, quartiles and whiskers, then
/// the outliers (the other marks with a value). A box plot has no total and no largest
/// box: each group is read as a reader reads its box.
fn box_plot(items: &[Item], locale: Locale, value: &dyn Fn(f64) -> String) -> String {
    let zh = locale == Locale::Zh;
    let groups: Vec<String> = items
        .iter()
        .filter_map(|i| i.box_stats.map(|b| (item_name(i, locale), b)))
        .map(|(name, b)| {
            let (median, q1, q3) = (value(b.median), value(b.q1), value(b.q3));
            let (lo, hi) = (value(b.lower_whisker), value(b.upper_whisker));
            if zh {
                format!("{name}:中位数 {median},四分位数 {q1} 至 {q3},须线 {lo} 至 {hi}")
            } else {
                format!("{name}: median {median}, quartiles {q1} to {q3}, whiskers {lo} to {hi}")
            }
        })
        .collect();
    let outliers: Vec<&Item> = items
        .iter()
        .filter(|i| i.box_stats.is_none() && i.value.is_finite())
        .collect();
    let mut out = if zh {
        format!("共 {} 组。{}。", groups.len(), groups.join(";"))
    } else {
        let s = if groups.len() == 1 { "" } else { "s" };
        format!("{} group{s}. {}.", groups.len(), groups.join("; "))
    };
    if !outliers.is_empty() {
        let named: Vec<String> = outliers
            .iter()
            .take(OUTLIERS_NAMED)
            .map(|i| format!("{} {}", item_name(i, locale), value(i.value)))
            .collect();
        let more = if outliers.len() > OUTLIERS_NAMED {
            if zh {
                "等"
            } else {
                " and more"
            }
        } else {
            ""
        };
        out.push_str(&if zh {
            format!("离群值 {} 个:{}{more}。", outliers.len(), named.join(";"))
        } else {
            let s = if outliers.len() == 1 { "" } else { "s" };
            format!(
                " {} outlier{s}: {}{more}.",
                outliers.len(),
                named.join("; ")
            )
        });
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
    let title = item_name(item, scene.locale);
    if item.custom_tooltip {
        return TooltipText {
            title,
            rows: item.fields.clone(),
        };
    }
    let mut rows = Vec::new();
    if item.value.is_finite() {
        let mut v = value_text(item, scene.unit.as_deref(), scene.numbers);
        // A figure rounded to 万/亿 shows the exact one beside it: 316.6万项(3,165,625).
        if item.formatted.is_none()
            && scene.numbers.tooltip(item.value) != scene.numbers.value(item.value)
        {
            v = format!("{v}({})", format::value(item.value));
        }
        let title = match item.second_axis {
            true => &scene.second_value_title,
            false => &scene.value_title,
        };
        rows.push((title.clone(), v));
    }
    if let Some(share) = item.share {
        rows.push((
            if zh { "占比" } else { "Share" }.to_string(),
            format::percent(share),
        ));
    }
    TooltipText { title, rows }
}
