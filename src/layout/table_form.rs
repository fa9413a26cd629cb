//! The table form (`usermeta.stdviz.form: "table"`): a chart's rows as a readable data
//! table — the model the page turns into an HTML `<table>` and `stdviz publish` writes as
//! static HTML.
//!
//! The rows are the chart's own: the root view's table after its transforms and encoding
//! (filters and aggregates apply), read through the same unit a news form reads. The
//! columns are every encoded field in channel order, or `usermeta.stdviz.table.columns`.
//! Numbers are written by [`crate::format::Numbers`] as the chart writes them (the Chinese
//! way with 万/亿 when the chart or field asks for it), with the exact figure kept for a
//! title; heat-map cells take their colour from the continuous colour engine the charts use
//! ([`super::legend_gradient::Ramp`] over a scheme of [`crate::theme::ramps`]) and the text
//! colour that reads on it (WCAG contrast, [`crate::color`]).
//!
//! Sorting, search and pages are a pure state machine, [`TableModel::step`]; the glue only
//! turns [`TableView`] into DOM and DOM events into [`TableEvent`]s.

use super::context::Ctx;
use super::legend_gradient::Ramp;
use super::{form_unit, ViewTables};
use crate::color::Color;
use crate::encode::Bound;
use crate::error::Error;
use crate::spec::{Channel, ChartSpec, FieldDef, Locale, NewsForm, Sort};
use crate::table::Value;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The page sizes a reader may choose.
pub const PAGE_SIZES: [usize; 3] = [10, 25, 50];

/// The page size a table starts with.
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// One column of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumn {
    /// The field (column of the encoded rows) it shows.
    pub field: String,
    /// The header text.
    pub header: String,
    /// Whether its cells are numbers (right-aligned, sorted by value).
    pub numeric: bool,
}

/// One cell as the model keeps it.
#[derive(Debug, Clone, PartialEq)]
struct CellData {
    text: String,
    exact: Option<String>,
    heat: Option<(Color, Color)>,
    bar: Option<f32>,
}

/// How a column sorts: by number (missing last) or by the rank of its text.
#[derive(Debug, Clone, PartialEq)]
enum SortKeys {
    Numbers(Vec<f64>),
    Ranks(Vec<usize>),
}

/// A chart's rows as a table, with everything a view of it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TableModel {
    /// The chart's title, the table's caption.
    pub caption: Option<String>,
    /// The source and note lines under the table (`usermeta.stdviz.source`, `note`).
    pub notes: Vec<String>,
    /// The language of the table's own texts.
    pub locale: Locale,
    /// The columns, in order.
    pub columns: Vec<TableColumn>,
    /// Per column, per row.
    cells: Vec<Vec<CellData>>,
    keys: Vec<SortKeys>,
    /// Per row: its cells' texts (and exact figures), lower case, for the search.
    haystacks: Vec<String>,
    rows: usize,
}

/// Which way a column is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    /// Smallest first (text in stdviz's category order).
    Ascending,
    /// Largest first.
    Descending,
}

/// What the reader has done to a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableState {
    /// The sorted column and its direction; `None` is the chart's row order.
    pub sort: Option<(usize, SortDirection)>,
    /// The search text (rows holding it in any cell, ignoring case).
    pub search: String,
    /// The page shown, from 0.
    pub page: usize,
    /// Rows per page, one of [`PAGE_SIZES`].
    pub per_page: usize,
}

impl Default for TableState {
    fn default() -> Self {
        TableState {
            sort: None,
            search: String::new(),
            page: 0,
            per_page: DEFAULT_PAGE_SIZE,
        }
    }
}

/// What the reader can do to a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableEvent {
    /// Sort by column `n`: ascending first, then the other way at each repeat.
    Sort(usize),
    /// Show rows holding this text (back to the first page).
    Search(String),
    /// Show page `n` (from 0; clamped to the pages there are).
    Page(usize),
    /// Show this many rows per page (one of [`PAGE_SIZES`]; others are ignored).
    PerPage(usize),
}

/// A header as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderView {
    /// The header text.
    pub text: String,
    /// Numbers column: right-aligned.
    pub numeric: bool,
    /// The `aria-sort` value: `ascending`, `descending` or `none`.
    pub aria_sort: &'static str,
    /// The sort button's accessible description (what a click does).
    pub action: String,
}

/// A cell as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct CellView {
    /// The text shown.
    pub text: String,
    /// The exact figure when the text rounds it (`316.6万` → `3,165,625`).
    pub exact: Option<String>,
    /// Numbers cell: right-aligned.
    pub numeric: bool,
    /// Heat-map background and text colour (CSS).
    pub heat: Option<(String, String)>,
    /// Bar length as a share of the column's largest magnitude, 0–1.
    pub bar: Option<f32>,
}

/// The table as the reader sees it now: one page of the sorted, searched rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TableView {
    /// The caption (the chart's title), if any.
    pub caption: Option<String>,
    /// The source and note lines.
    pub notes: Vec<String>,
    /// The headers.
    pub headers: Vec<HeaderView>,
    /// The rows of this page.
    pub rows: Vec<Vec<CellView>>,
    /// The page shown (from 0) and the number of pages (at least 1).
    pub page: usize,
    /// Number of pages.
    pub pages: usize,
    /// Rows matching the search.
    pub matching: usize,
    /// Rows in the table.
    pub total: usize,
    /// Rows per page.
    pub per_page: usize,
    /// "第 1–25 行,共 1,234 行" / "Rows 1–25 of 1,234".
    pub status: String,
    /// The words of the controls, in the table's language.
    pub words: Words,
}

/// The words of a table's controls.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    /// The search box's label.
    pub search: &'static str,
    /// The page-size chooser's label.
    pub per_page: &'static str,
    /// The previous-page button.
    pub previous: &'static str,
    /// The next-page button.
    pub next: &'static str,
    /// A hint that the table scrolls sideways.
    pub scroll: &'static str,
}

impl Words {
    fn of(locale: Locale) -> Words {
        match locale {
            Locale::Zh => Words {
                search: "搜索",
                per_page: "每页行数",
                previous: "上一页",
                next: "下一页",
                scroll: "表格可左右滑动",
            },
            Locale::En => Words {
                search: "Search",
                per_page: "Rows per page",
                previous: "Previous",
                next: "Next",
                scroll: "The table scrolls sideways",
            },
        }
    }
}

/// The table-form options of `spec`, when it is a table.
pub fn table_form(spec: &ChartSpec) -> Option<&crate::spec::TableForm> {
    match &spec.meta.form {
        Some(NewsForm::Table(t)) => Some(t),
        _ => None,
    }
}

/// The header of a channel's field: its title, else Vega-Lite's default title.
fn header_of(def: &FieldDef) -> String {
    match &def.title {
        Some(Some(t)) => t.clone(),
        Some(None) => def.field.clone(),
        None => def.display_title(),
    }
}

/// The text colour that reads on `fill`: white or the page's near-black, whichever
/// contrasts more, or black where neither reaches WCAG AA's 4.5:1.
pub fn text_on(fill: Color) -> Color {
    let (white, dark) = (Color::hex(0xffffff), Color::hex(0x1f2328));
    let best = if fill.contrast(&white) >= fill.contrast(&dark) {
        white
    } else {
        dark
    };
    if fill.contrast(&best) >= 4.5 {
        best
    } else {
        Color::hex(0x000000)
    }
}

/// The name of the heat-map cells' ramp: `table.scheme`, else the ramp scheme of the
/// chart's colour channel, else Vega-Lite's sequential default (`blues`).
fn heat_scheme<'a>(
    options: &'a crate::spec::TableForm,
    channels: &'a [(Channel, Bound)],
) -> &'a str {
    let colour_scheme = channels.iter().find_map(|(c, b)| match (c, b) {
        (Channel::Color, Bound::Column { def, .. }) => def
            .scale
            .scheme
            .as_deref()
            .filter(|name| crate::theme::ramps::ramp(name).is_some()),
        _ => None,
    });
    options
        .scheme
        .as_deref()
        .or(colour_scheme)
        .unwrap_or(crate::theme::ramps::DEFAULT_SEQUENTIAL)
}

/// The ramp named `scheme` over the values `domain` (lowest, highest).
pub fn heat_ramp(scheme: &str, domain: (f64, f64)) -> Ramp {
    let stops = crate::theme::ramps::ramp(scheme)
        .or_else(|| crate::theme::ramps::ramp(crate::theme::ramps::DEFAULT_SEQUENTIAL))
        .unwrap_or_default();
    Ramp {
        stops: stops.iter().map(|&c| Color::hex(c)).collect(),
        domain,
        mid: None,
        reverse: false,
    }
}

/// A heat-map cell's background (the ramp's colour of `value`) and the text colour that
/// reads on it.
pub fn heat_colors(ramp: &Ramp, value: f64) -> (Color, Color) {
    let fill = ramp.color(value);
    (fill, text_on(fill))
}

impl TableModel {
    /// The table of `spec` (a table form or not) over its loaded `tables`.
    pub fn new(spec: &ChartSpec, tables: &ViewTables) -> Result<TableModel, Error> {
        let ctx = Ctx::new(spec);
        let u = form_unit(&spec.view, tables, &ctx)?;
        let options = table_form(spec).cloned().unwrap_or_default();
        // The encoded fields in channel order, each once, with the definition that names it.
        let mut encoded: Vec<(String, &FieldDef)> = Vec::new();
        for (_, b) in &u.channels {
            if let Bound::Column { column, def } = b {
                let titled = |d: &FieldDef| matches!(d.title, Some(Some(_)));
                match encoded.iter_mut().find(|(c, _)| c == column) {
                    None => encoded.push((column.clone(), def)),
                    // A later channel of the same field may carry its title (a colour
                    // legend's "标准层级" after an untitled xOffset).
                    Some(seen) if !titled(seen.1) && titled(def) => seen.1 = def,
                    Some(_) => {}
                }
            }
        }
        let fields: Vec<(String, Option<&FieldDef>)> = match &options.columns {
            Some(list) => list
                .iter()
                .map(|f| {
                    // The definition that names it, one with a title first.
                    let names = |(c, d): &&(String, &FieldDef)| c == f || d.field == *f;
                    let def = encoded
                        .iter()
                        .filter(names)
                        .find(|(_, d)| matches!(d.title, Some(Some(_))))
                        .or_else(|| encoded.iter().find(names))
                        .map(|(_, d)| *d);
                    let column = encoded
                        .iter()
                        .find(|(_, d)| d.field == *f)
                        .map_or(f.clone(), |(c, _)| c.clone());
                    (column, def)
                })
                .collect(),
            None => encoded.iter().map(|(c, d)| (c.clone(), Some(*d))).collect(),
        };
        for (key, list) in [
            ("columns", options.columns.as_deref().unwrap_or(&[])),
            ("heat", &options.heat[..]),
            ("bars", &options.bars[..]),
        ] {
            for (i, f) in list.iter().enumerate() {
                let known =
                    u.table.column(f).is_some() || encoded.iter().any(|(_, d)| d.field == *f);
                if !known {
                    return Err(crate::transform::missing_field(
                        &u.table,
                        f,
                        &format!("usermeta.stdviz.table.{key}[{i}]"),
                    ));
                }
            }
        }
        let rows = u.rows();
        let scheme = heat_scheme(&options, &u.channels);
        let mut columns = Vec::new();
        let mut cells = Vec::new();
        let mut keys = Vec::new();
        for (column, def) in &fields {
            let numeric = u.table.column(column).is_some_and(|c| c.is_numeric())
                && def.is_none_or(|d| !d.ty.is_discrete());
            let named = |list: &[String]| {
                list.iter()
                    .any(|f| f == column || def.is_some_and(|d| d.field == *f))
            };
            let heat = numeric && named(&options.heat);
            let bar = numeric && named(&options.bars);
            let values: Vec<Value<'_>> = (0..rows).map(|r| u.table.value(column, r)).collect();
            let numbers: Vec<f64> = values
                .iter()
                .map(|v| {
                    v.as_number()
                        .filter(|n| numeric && n.is_finite())
                        .unwrap_or(f64::NAN)
                })
                .collect();
            let (lo, hi) = numbers
                .iter()
                .filter(|n| !n.is_nan())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), n| {
                    (a.min(*n), b.max(*n))
                });
            let largest = lo.abs().max(hi.abs());
            let ramp = heat_ramp(scheme, (lo, hi));
            let column_cells = values
                .iter()
                .zip(&numbers)
                .map(|(v, n)| {
                    let (text, exact) = cell_text(v, *def, numeric, &ctx);
                    let has = !n.is_nan();
                    CellData {
                        text,
                        exact,
                        heat: (heat && has).then(|| heat_colors(&ramp, *n)),
                        bar: (bar && has && largest > 0.0).then(|| (n.abs() / largest) as f32),
                    }
                })
                .collect::<Vec<_>>();
            keys.push(if numeric {
                SortKeys::Numbers(numbers)
            } else {
                text_ranks(&column_cells)
            });
            cells.push(column_cells);
            columns.push(TableColumn {
                field: column.clone(),
                header: def.map_or_else(|| column.clone(), header_of),
                numeric,
            });
        }
        let haystacks = (0..rows)
            .map(|r| {
                let mut h = String::new();
                for c in &cells {
                    h.push_str(&c[r].text.to_lowercase());
                    h.push('\u{1f}');
                    if let Some(e) = &c[r].exact {
                        h.push_str(e);
                        h.push('\u{1f}');
                    }
                }
                h
            })
            .collect();
        Ok(TableModel {
            caption: spec.title.as_ref().map(|t| t.text.clone()),
            notes: [&spec.meta.source, &spec.meta.note]
                .into_iter()
                .flatten()
                .filter(|t| !t.trim().is_empty())
                .cloned()
                .collect(),
            locale: spec.meta.locale,
            columns,
            cells,
            keys,
            haystacks,
            rows,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The state after `event` (the same state when nothing changes).
    pub fn step(&self, state: &TableState, event: TableEvent) -> TableState {
        let mut next = state.clone();
        match event {
            TableEvent::Sort(c) if c < self.columns.len() => {
                next.sort = Some(match state.sort {
                    Some((s, SortDirection::Ascending)) if s == c => (c, SortDirection::Descending),
                    _ => (c, SortDirection::Ascending),
                });
                next.page = 0;
            }
            TableEvent::Sort(_) => {}
            TableEvent::Search(text) => {
                if text != state.search {
                    next.search = text;
                    next.page = 0;
                }
            }
            TableEvent::Page(p) => next.page = p,
            TableEvent::PerPage(n) if PAGE_SIZES.contains(&n) => {
                // Keep the first row shown on screen.
                let first = state.page * state.per_page;
                next.per_page = n;
                next.page = first / n;
            }
            TableEvent::PerPage(_) => {}
        }
        let pages = self
            .matching(&next.search)
            .len()
            .div_ceil(next.per_page)
            .max(1);
        next.page = next.page.min(pages - 1);
        next
    }

    /// The rows holding `search` in any cell (ignoring case), in the chart's order.
    fn matching(&self, search: &str) -> Vec<usize> {
        let needle = search.trim().to_lowercase();
        if needle.is_empty() {
            return (0..self.rows).collect();
        }
        (0..self.rows)
            .filter(|&r| self.haystacks[r].contains(&needle))
            .collect()
    }

    /// The row order for `state`: matching rows, sorted (stable; missing values last).
    pub fn order(&self, state: &TableState) -> Vec<usize> {
        let mut rows = self.matching(&state.search);
        if let Some((c, dir)) = state.sort {
            let Some(keys) = self.keys.get(c) else {
                return rows;
            };
            let flip = |o: Ordering| match dir {
                SortDirection::Ascending => o,
                SortDirection::Descending => o.reverse(),
            };
            crate::sort::indices(&mut rows, &mut |a, b| match keys {
                SortKeys::Numbers(n) => match (n[a].is_nan(), n[b].is_nan()) {
                    (false, false) => flip(n[a].total_cmp(&n[b])),
                    (a_missing, b_missing) => a_missing.cmp(&b_missing),
                },
                SortKeys::Ranks(r) => match (r[a] == usize::MAX, r[b] == usize::MAX) {
                    (false, false) => flip(r[a].cmp(&r[b])),
                    (a_missing, b_missing) => a_missing.cmp(&b_missing),
                },
            });
        }
        rows
    }

    /// The table as shown for `state`.
    pub fn view(&self, state: &TableState) -> TableView {
        let zh = self.locale == Locale::Zh;
        let order = self.order(state);
        let per_page = state.per_page.max(1);
        let pages = order.len().div_ceil(per_page).max(1);
        let page = state.page.min(pages - 1);
        let shown =
            &order[(page * per_page).min(order.len())..((page + 1) * per_page).min(order.len())];
        let rows = shown
            .iter()
            .map(|&r| {
                self.columns
                    .iter()
                    .zip(&self.cells)
                    .map(|(col, cells)| {
                        let c = &cells[r];
                        CellView {
                            text: c.text.clone(),
                            exact: c.exact.clone(),
                            numeric: col.numeric,
                            heat: c.heat.map(|(bg, fg)| (bg.to_string(), fg.to_string())),
                            bar: c.bar,
                        }
                    })
                    .collect()
            })
            .collect();
        let headers = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let now = state.sort.filter(|(s, _)| *s == i).map(|(_, d)| d);
                let aria_sort = match now {
                    Some(SortDirection::Ascending) => "ascending",
                    Some(SortDirection::Descending) => "descending",
                    None => "none",
                };
                let descending_next = now == Some(SortDirection::Ascending);
                let action = match (zh, descending_next) {
                    (true, false) => format!("按“{}”升序排列", c.header),
                    (true, true) => format!("按“{}”降序排列", c.header),
                    (false, false) => format!("Sort by {} ascending", c.header),
                    (false, true) => format!("Sort by {} descending", c.header),
                };
                HeaderView {
                    text: c.header.clone(),
                    numeric: c.numeric,
                    aria_sort,
                    action,
                }
            })
            .collect();
        let count = |n: usize| crate::format::grouped(n as f64, 0);
        let (first, last) = (page * per_page + 1, page * per_page + shown.len());
        let filtered = order.len() != self.rows;
        let status = match (zh, shown.is_empty(), filtered) {
            (true, true, _) => "没有匹配的行".to_string(),
            (false, true, _) => "No matching rows".to_string(),
            (true, false, false) => {
                format!(
                    "第 {}–{} 行,共 {} 行",
                    count(first),
                    count(last),
                    count(order.len())
                )
            }
            (true, false, true) => format!(
                "第 {}–{} 行,共 {} 行(筛选自 {} 行)",
                count(first),
                count(last),
                count(order.len()),
                count(self.rows)
            ),
            (false, false, false) => {
                format!(
                    "Rows {}–{} of {}",
                    count(first),
                    count(last),
                    count(order.len())
                )
            }
            (false, false, true) => format!(
                "Rows {}–{} of {} (filtered from {})",
                count(first),
                count(last),
                count(order.len()),
                count(self.rows)
            ),
        };
        TableView {
            caption: self.caption.clone(),
            notes: self.notes.clone(),
            headers,
            rows,
            page,
            pages,
            matching: order.len(),
            total: self.rows,
            per_page,
            status,
            words: Words::of(self.locale),
        }
    }
}

/// A cell's text and, when the text rounds a number, its exact figure.
fn cell_text(
    v: &Value<'_>,
    def: Option<&FieldDef>,
    numeric: bool,
    ctx: &Ctx,
) -> (String, Option<String>) {
    match (v, numeric) {
        (Value::Null, _) => (String::new(), None),
        (Value::Number(n), true) => {
            let text = match def {
                Some(d) => ctx.format_value(v, d, crate::format::Place::Label),
                None => ctx.numbers.value(*n),
            };
            // The exact figure: grouped digits, as a tooltip writes it after a rounded value.
            let exact = crate::format::value(*n);
            let exact = (exact != text).then_some(exact);
            (text, exact)
        }
        (other, _) => (
            match def {
                Some(d) => ctx.format_value(other, d, crate::format::Place::Label),
                None => match other {
                    Value::Date(d) => crate::table::date::format_iso(*d),
                    o => o.to_text(),
                },
            },
            None,
        ),
    }
}

/// Each cell's rank in the order stdviz gives categories (the vocabulary's hierarchy when
/// every value is a term of one family, else numbers by value and text by code point);
/// `usize::MAX` for an empty cell.
fn text_ranks(cells: &[CellData]) -> SortKeys {
    let values: Vec<String> = cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| c.text.clone())
        .collect();
    let ordered = crate::scale::ordered(
        values,
        &Sort::Ascending,
        &Default::default(),
        &HashMap::new(),
    );
    let rank: HashMap<&str, usize> = ordered
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    SortKeys::Ranks(
        cells
            .iter()
            .map(|c| rank.get(c.text.as_str()).copied().unwrap_or(usize::MAX))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table model of a spec with inline data (SYNTHETIC figures).
    fn model(spec: &str) -> TableModel {
        let chart = crate::Chart::new(spec, None).unwrap();
        TableModel::new(&chart.spec, &chart.tables).unwrap()
    }

    fn texts(m: &TableModel, s: &TableState, col: usize) -> Vec<String> {
        m.view(s).rows.iter().map(|r| r[col].text.clone()).collect()
    }

    const LEVELS: &str = r#"{
      "title": "标准数量(合成数据)",
      "data": {"values": [
        {"level": "地方标准", "year": 2021, "n": 9},
        {"level": "国家标准", "year": 2021, "n": 100},
        {"level": "行业标准", "year": 2021, "n": 10},
        {"level": "国家标准", "year": 2022, "n": 3165625},
        {"level": "团体标准", "year": 2022, "n": null, "note": "合成"}
      ]},
      "mark": "bar",
      "encoding": {
        "x": {"field": "level", "type": "nominal", "title": "层级"},
        "y": {"field": "n", "type": "quantitative", "title": "数量"},
        "color": {"field": "year", "type": "ordinal"}
      },
      "usermeta": {"stdviz": {"form": "table", "numbers": "zh",
        "table": {"heat": ["n"], "bars": ["n"]}}}
    }"#;

    #[test]
    fn columns_are_the_encoded_fields_in_channel_order() {
        let m = model(LEVELS);
        let headers: Vec<&str> = m.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["层级", "数量", "year"]);
        let numeric: Vec<bool> = m.columns.iter().map(|c| c.numeric).collect();
        // An ordinal year is a category, not a number to right-align.
        assert_eq!(numeric, [false, true, false]);
        assert_eq!(m.caption.as_deref(), Some("标准数量(合成数据)"));
        // The chart's pipeline leaves out a bar whose value is missing (Vega-Lite's
        // `invalid: "filter"`): so does its table.
        assert_eq!(m.rows(), 4);
    }

    #[test]
    fn numbers_sort_by_value_not_as_text() {
        let m = model(LEVELS);
        let s = m.step(&TableState::default(), TableEvent::Sort(1));
        assert_eq!(s.sort, Some((1, SortDirection::Ascending)));
        assert_eq!(texts(&m, &s, 1), ["9", "10", "100", "316.6万"]);
        let s = m.step(&s, TableEvent::Sort(1));
        assert_eq!(s.sort, Some((1, SortDirection::Descending)));
        assert_eq!(texts(&m, &s, 1), ["316.6万", "100", "10", "9"]);
        let v = m.view(&s);
        assert_eq!(v.headers[1].aria_sort, "descending");
        assert_eq!(v.headers[0].aria_sort, "none");
    }

    #[test]
    fn missing_values_sort_last_both_ways() {
        let m = model(
            r#"{"data": {"values": [{"k": "a", "v": 2}, {"k": "b"}, {"k": "c", "v": 1}]},
            "mark": "point", "encoding": {"x": {"field": "k", "type": "nominal"}},
            "usermeta": {"stdviz": {"form": "table", "table": {"columns": ["k", "v"]}}}}"#,
        );
        let s = m.step(&TableState::default(), TableEvent::Sort(1));
        assert_eq!(texts(&m, &s, 0), ["c", "a", "b"]);
        let s = m.step(&s, TableEvent::Sort(1));
        assert_eq!(texts(&m, &s, 0), ["a", "c", "b"]);
        assert_eq!(texts(&m, &s, 1), ["2", "1", ""]);
    }

    #[test]
    fn text_sorts_in_stdviz_category_order() {
        let m = model(LEVELS);
        // Standard levels: the vocabulary's hierarchy (national, industry, local, group),
        // not code-point order (团 < 国 < 地 < 行).
        let s = m.step(&TableState::default(), TableEvent::Sort(0));
        assert_eq!(
            texts(&m, &s, 0),
            ["国家标准", "国家标准", "行业标准", "地方标准"]
        );
        // Other text: code-point order, as category axes sort it.
        let other = model(
            r#"{"data": {"values": [{"k": "乙"}, {"k": "b"}, {"k": "甲"}, {"k": "A"}]},
            "mark": "point", "encoding": {"x": {"field": "k", "type": "nominal"}},
            "usermeta": {"stdviz": {"form": "table"}}}"#,
        );
        let s = other.step(&TableState::default(), TableEvent::Sort(0));
        assert_eq!(texts(&other, &s, 0), ["A", "b", "乙", "甲"]);
    }

    #[test]
    fn numbers_are_written_the_charts_way_with_the_exact_figure() {
        let m = model(LEVELS);
        let v = m.view(&TableState::default());
        let big = &v.rows[3][1];
        assert_eq!(big.text, "316.6万");
        assert_eq!(big.exact.as_deref(), Some("3,165,625"));
        assert!(big.numeric);
        assert_eq!(v.rows[0][1].exact, None);
        let plain = model(&LEVELS.replace("\"numbers\": \"zh\",", ""));
        assert_eq!(
            plain.view(&TableState::default()).rows[3][1].text,
            "3,165,625"
        );
    }

    #[test]
    fn search_finds_rows_by_any_cell_and_goes_back_to_page_one() {
        let m = model(LEVELS);
        let s = TableState {
            page: 0,
            ..TableState::default()
        };
        let s = m.step(&s, TableEvent::Search("国家".into()));
        let v = m.view(&s);
        assert_eq!(v.matching, 2);
        assert_eq!(v.status, "第 1–2 行,共 2 行(筛选自 4 行)");
        // The exact figure is searched too, and case is ignored.
        assert_eq!(
            m.view(&m.step(&s, TableEvent::Search("3,165,625".into())))
                .matching,
            1
        );
        let en = model(&LEVELS.replace(
            "\"form\": \"table\"",
            "\"form\": \"table\", \"locale\": \"en\"",
        ));
        let s = en.step(&TableState::default(), TableEvent::Search("NOTHING".into()));
        assert_eq!(en.view(&s).status, "No matching rows");
        assert!(en.view(&s).rows.is_empty());
    }

    /// 1,234 SYNTHETIC rows: row i has value i.
    fn many() -> TableModel {
        let values: Vec<String> = (0..1234)
            .map(|i| format!("{{\"name\": \"item {i}\", \"v\": {i}}}"))
            .collect();
        model(&format!(
            r#"{{"data": {{"values": [{}]}}, "mark": "bar",
            "encoding": {{"y": {{"field": "name", "type": "nominal", "sort": null}},
            "x": {{"field": "v", "type": "quantitative"}}}},
            "usermeta": {{"stdviz": {{"form": "table"}}}}}}"#,
            values.join(",")
        ))
    }

    #[test]
    fn pages_of_25_with_the_row_range_stated() {
        let m = many();
        let s = TableState::default();
        let v = m.view(&s);
        assert_eq!((v.rows.len(), v.pages, v.total), (25, 50, 1234));
        assert_eq!(v.status, "第 1–25 行,共 1,234 行");
        let s = m.step(&s, TableEvent::Page(49));
        let v = m.view(&s);
        assert_eq!(v.rows.len(), 9);
        assert_eq!(v.status, "第 1,226–1,234 行,共 1,234 行");
        // Past the end: the last page.
        assert_eq!(m.step(&s, TableEvent::Page(999)).page, 49);
        // A new page size keeps the first row shown on screen.
        let s = m.step(&m.step(&s, TableEvent::Page(3)), TableEvent::PerPage(50));
        assert_eq!((s.per_page, s.page), (50, 1));
        // Columns in channel order: x (the value) before y (the name).
        assert_eq!(m.view(&s).rows[0][0].text, "50");
        assert_eq!(m.view(&s).rows[0][1].text, "item 50");
        assert_eq!(m.step(&s, TableEvent::PerPage(7)), s);
        // Sorting goes back to page one.
        let s = m.step(&s, TableEvent::Sort(0));
        let s = m.step(&s, TableEvent::Sort(0));
        assert_eq!(s.page, 0);
        assert_eq!(m.view(&s).rows[0][0].text, "1,233");
    }

    #[test]
    fn transforms_and_aggregates_give_the_rows() {
        let m = model(
            r#"{"data": {"values": [
              {"k": "a", "v": 1}, {"k": "a", "v": 2}, {"k": "b", "v": 5}, {"k": "c", "v": 7}]},
            "transform": [{"filter": "datum.k != 'c'"}],
            "mark": "bar",
            "encoding": {"x": {"field": "k", "type": "nominal"},
              "y": {"aggregate": "sum", "field": "v", "type": "quantitative"}},
            "usermeta": {"stdviz": {"form": "table", "locale": "en"}}}"#,
        );
        let v = m.view(&TableState::default());
        let rows: Vec<Vec<&str>> = v
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(rows, [["a", "3"], ["b", "5"]]);
        assert_eq!(v.headers[1].text, "Sum of v");
        assert_eq!(v.status, "Rows 1–2 of 2");
    }

    #[test]
    fn heat_cells_read_at_aa_contrast_and_bars_scale_to_the_largest() {
        let m = model(LEVELS);
        let v = m.view(&TableState::default());
        let (bg, fg) = v.rows[3][1].heat.clone().unwrap();
        assert_ne!(bg, v.rows[0][1].heat.clone().unwrap().0);
        assert!(
            Color::parse(&bg)
                .unwrap()
                .contrast(&Color::parse(&fg).unwrap())
                >= 4.5
        );
        assert_eq!(v.rows[3][1].bar, Some(1.0));
        assert!(v.rows[0][1].bar.unwrap() < 0.001);
        assert_eq!(v.rows[0][0].heat, None, "only the named fields");
        // Every step of every ramp a table may name.
        for name in crate::theme::ramps::ramp_names() {
            let ramp = heat_ramp(name, (0.0, 100.0));
            for i in 0..=100 {
                let (fill, text) = heat_colors(&ramp, f64::from(i));
                let c = fill.contrast(&text);
                assert!(c >= 4.5, "{name}: {fill} with {text}: {c:.2}:1");
            }
        }
    }

    #[test]
    fn heat_cells_take_the_charts_colour_ramp() {
        // The row order of LEVELS: 9 (lowest), 100, 10, 3,165,625 (highest); the null is
        // dropped as the bar chart drops it.
        let colours = |spec: &str| -> Vec<Option<String>> {
            let m = model(spec);
            let v = m.view(&TableState::default());
            v.rows
                .iter()
                .map(|r| r[1].heat.clone().map(|(bg, _)| bg))
                .collect()
        };
        let stops = |name: &str| crate::theme::ramps::ramp(name).unwrap().to_vec();
        let css = |c: u32| Color::hex(c).to_string();
        // Default: Vega-Lite's sequential scheme, its ends at the column's extent.
        let blues = stops(crate::theme::ramps::DEFAULT_SEQUENTIAL);
        let default = colours(LEVELS);
        assert_eq!(default[0], Some(css(blues[0])));
        assert_eq!(default[3], Some(css(blues[blues.len() - 1])));
        assert_eq!(
            default.len(),
            4,
            "the null row is not one of the chart's rows"
        );
        // table.scheme names another ramp.
        let named = colours(&LEVELS.replace(
            "\"heat\": [\"n\"]",
            "\"heat\": [\"n\"], \"scheme\": \"viridis\"",
        ));
        let viridis = stops("viridis");
        assert_eq!(named[0], Some(css(viridis[0])));
        assert_eq!(named[3], Some(css(viridis[viridis.len() - 1])));
        // Else the colour channel's ramp scheme.
        let from_channel = colours(&LEVELS.replace(
            "\"color\": {\"field\": \"year\", \"type\": \"ordinal\"}",
            "\"color\": {\"field\": \"year\", \"type\": \"ordinal\", \"scale\": {\"scheme\": \"greens\"}}",
        ));
        assert_eq!(from_channel[0], Some(css(stops("greens")[0])));
        // A name that is not a continuous scheme is an error at its path.
        let e = crate::Chart::new(
            &LEVELS.replace(
                "\"heat\": [\"n\"]",
                "\"heat\": [\"n\"], \"scheme\": \"tableau10\"",
            ),
            None,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("usermeta.stdviz.table.scheme"),
            "{e}"
        );
    }

    #[test]
    fn unknown_fields_are_errors_at_their_path() {
        // Checked when the chart is made, whatever then shows it.
        let e = crate::Chart::new(
            &LEVELS.replace("\"heat\": [\"n\"]", "\"heat\": [\"nope\"]"),
            None,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("usermeta.stdviz.table.heat[0]"),
            "{e}"
        );
        let e = crate::Chart::new(
            r#"{"data": {"values": [{"a": 1}]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "quantitative"}},
            "usermeta": {"stdviz": {"table": {"heat": ["a"]}}}}"#,
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("usermeta.stdviz.table"), "{e}");
        // The columns option picks and orders fields; each must exist.
        let picked = model(&LEVELS.replace("\"heat\": [\"n\"]", "\"columns\": [\"year\", \"n\"]"));
        let h: Vec<&str> = picked.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(h, ["year", "数量"]);
    }
}
