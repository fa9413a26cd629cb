//! The DOM around a chart's canvas: the focusable wrapper, the tooltip, the live region,
//! the breadcrumb and the visually hidden data table. Every string from a spec or data
//! goes in through `textContent` or an attribute, never as HTML.

use crate::describe::TooltipText;
use crate::scene::Scene;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Most rows of the hidden data table.
const MAX_TABLE_ROWS: usize = 500;

/// Styles that keep an element readable by screen readers but invisible.
const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;\
     border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap";

/// Creates `<tag class=…>` with inline styles.
pub fn element(
    doc: &Document,
    tag: &str,
    class: &str,
    style: &str,
) -> Result<HtmlElement, JsValue> {
    let e: HtmlElement = doc.create_element(tag)?.dyn_into()?;
    e.set_class_name(class);
    if !style.is_empty() {
        // Through the CSSOM, which a Content-Security-Policy without
        // 'unsafe-inline' styles allows (a style attribute it would block).
        e.style().set_css_text(style);
    }
    Ok(e)
}

/// The parts a mounted chart adds to its container.
pub struct Parts {
    /// Focusable wrapper that receives pointer and key events.
    pub wrapper: HtmlElement,
    /// The drawing.
    pub canvas: web_sys::HtmlCanvasElement,
    /// Floating tooltip.
    pub tooltip: HtmlElement,
    /// Polite live region for the focused value.
    pub live: HtmlElement,
    /// Breadcrumb of a drill-down (empty at the top level).
    pub crumbs: HtmlElement,
    /// Visually hidden table of the chart's data.
    pub table: HtmlElement,
    /// What `table` shows, so that a redraw of the same data leaves it alone.
    table_shown: std::cell::RefCell<Option<TableContent>>,
    /// The input elements of bound parameters (`web::inputs`), after the chart.
    pub controls: Option<HtmlElement>,
}

impl Parts {
    /// Builds the parts inside `container`.
    pub fn new(container: &HtmlElement) -> Result<Parts, JsValue> {
        let doc = container
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the container is not in a document"))?;
        let wrapper = element(
            &doc,
            "div",
            "stdviz-chart",
            "position:relative;outline:none;-webkit-tap-highlight-color:transparent",
        )?;
        wrapper.set_tab_index(0);
        wrapper.set_attribute("role", "group")?;
        wrapper.set_attribute("aria-roledescription", "chart")?;
        let crumbs = element(&doc, "nav", "stdviz-breadcrumb", "display:none")?;
        let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        canvas.set_attribute("role", "img")?;
        canvas.set_class_name("stdviz-canvas");
        canvas.style().set_property("display", "block")?;
        let tooltip = element(
            &doc,
            "div",
            "stdviz-tooltip",
            "position:fixed;z-index:2147483000;display:none;pointer-events:none;max-width:min(320px,90vw);\
             padding:6px 9px;border-radius:4px;background:rgba(20,23,27,.94);color:#fff;\
             font:13px/1.45 system-ui,-apple-system,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;\
             box-shadow:0 2px 8px rgba(0,0,0,.25);white-space:normal;text-align:left;letter-spacing:normal;\
             line-break:strict;overflow-wrap:anywhere",
        )?;
        tooltip.set_attribute("aria-hidden", "true")?;
        let live = element(&doc, "div", "stdviz-live", VISUALLY_HIDDEN)?;
        live.set_attribute("aria-live", "polite")?;
        live.set_attribute("aria-atomic", "true")?;
        let table = element(&doc, "table", "stdviz-table", VISUALLY_HIDDEN)?;
        wrapper.append_child(&crumbs)?;
        wrapper.append_child(&canvas)?;
        wrapper.append_child(&tooltip)?;
        wrapper.append_child(&live)?;
        container.append_child(&wrapper)?;
        container.append_child(&table)?;
        Ok(Parts {
            wrapper,
            canvas,
            tooltip,
            live,
            crumbs,
            table,
            table_shown: Default::default(),
            controls: None,
        })
    }

    /// Removes everything the chart added.
    pub fn remove(&self) {
        self.wrapper.remove();
        self.table.remove();
        if let Some(c) = &self.controls {
            c.remove();
        }
    }

    /// Shows `tip` near (`x`, `y`) in viewport coordinates, kept inside the viewport.
    pub fn show_tooltip(&self, tip: &TooltipText, x: f32, y: f32) -> Result<(), JsValue> {
        let doc = self.tooltip.owner_document().ok_or("no document")?;
        let title = element(&doc, "div", "stdviz-tooltip-title", "font-weight:600")?;
        title.set_text_content(Some(&tip.title));
        self.tooltip.replace_children_with_node_1(&title);
        for (k, v) in &tip.rows {
            let row = element(&doc, "div", "stdviz-tooltip-row", "")?;
            if !k.is_empty() {
                let key = element(&doc, "span", "stdviz-tooltip-key", "opacity:.8")?;
                key.set_text_content(Some(&format!("{k} ")));
                row.append_child(&key)?;
            }
            let value = element(&doc, "span", "stdviz-tooltip-value", "font-weight:600")?;
            value.set_text_content(Some(v));
            row.append_child(&value)?;
            self.tooltip.append_child(&row)?;
        }
        let style = self.tooltip.style();
        style.set_property("display", "block")?;
        style.set_property("left", "0px")?;
        style.set_property("top", "0px")?;
        let rect = self.tooltip.get_bounding_client_rect();
        let window = web_sys::window().ok_or("no window")?;
        let vw = window.inner_width()?.as_f64().unwrap_or(1024.0) as f32;
        let vh = window.inner_height()?.as_f64().unwrap_or(768.0) as f32;
        let (left, top) = crate::interact::place_tooltip(
            (x, y),
            (rect.width() as f32, rect.height() as f32),
            (vw, vh),
        );
        style.set_property("left", &format!("{left}px"))?;
        style.set_property("top", &format!("{top}px"))?;
        Ok(())
    }

    /// Hides the tooltip.
    pub fn hide_tooltip(&self) -> Result<(), JsValue> {
        self.tooltip.style().set_property("display", "none")
    }

    /// Says `text` in the live region.
    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// Rebuilds the visually hidden data table from the scene's items.
    pub fn fill_table(&self, scene: &Scene) -> Result<(), JsValue> {
        let content = table_content(scene);
        // A redraw of the same data (a resize, a hover that needed a layout) keeps the
        // table: rebuilding hundreds of rows costs more than the chart's own layout.
        if self.table_shown.borrow().as_ref() == Some(&content) {
            return Ok(());
        }
        let doc = self.table.owner_document().ok_or("no document")?;
        let caption = doc.create_element("caption")?;
        caption.set_text_content(Some(&content.caption));
        self.table.replace_children_with_node_1(&caption);
        let thead = doc.create_element("thead")?;
        let tr = row(&doc, "th", &content.head)?;
        thead.append_child(&tr)?;
        self.table.append_child(&thead)?;
        let tbody = doc.create_element("tbody")?;
        for cells in &content.rows {
            let tr = row(&doc, "td", cells)?;
            tbody.append_child(&tr)?;
        }
        self.table.append_child(&tbody)?;
        *self.table_shown.borrow_mut() = Some(content);
        Ok(())
    }

    /// Shows the breadcrumb of a drill-down: a button per level above the one shown.
    /// `labels[0]` is the top level's name; each button carries its depth.
    pub fn fill_crumbs(&self, scene: &Scene) -> Result<(), JsValue> {
        let Some(drill) = scene.drill.as_ref().filter(|d| d.depth > 0) else {
            self.crumbs.replace_children_with_node_0();
            return self.crumbs.style().set_property("display", "none");
        };
        let doc = self.crumbs.owner_document().ok_or("no document")?;
        let zh = scene.locale == crate::spec::Locale::Zh;
        self.crumbs.set_attribute(
            "aria-label",
            if zh {
                "层级导航"
            } else {
                "Drill-down levels"
            },
        )?;
        self.crumbs.replace_children_with_node_0();
        let names: Vec<String> = std::iter::once((if zh { "全部" } else { "All" }).to_string())
            .chain(drill.path.iter().cloned())
            .collect();
        for (depth, name) in names.iter().enumerate() {
            if depth > 0 {
                let sep = element(
                    &doc,
                    "span",
                    "stdviz-breadcrumb-sep",
                    "margin:0 4px;opacity:.6",
                )?;
                sep.set_text_content(Some("›"));
                sep.set_attribute("aria-hidden", "true")?;
                self.crumbs.append_child(&sep)?;
            }
            if depth == drill.depth {
                let here = element(&doc, "span", "stdviz-breadcrumb-here", "font-weight:600")?;
                here.set_attribute("aria-current", "page")?;
                here.set_text_content(Some(name));
                self.crumbs.append_child(&here)?;
            } else {
                let b = element(
                    &doc,
                    "button",
                    "stdviz-breadcrumb-up",
                    "font:inherit;color:inherit;background:none;border:0;padding:2px 0;text-decoration:underline;cursor:pointer",
                )?;
                b.set_attribute("type", "button")?;
                b.set_attribute("data-depth", &depth.to_string())?;
                b.set_text_content(Some(name));
                self.crumbs.append_child(&b)?;
            }
        }
        let style = self.crumbs.style();
        style.set_property("font", "13px/1.8 system-ui, sans-serif")?;
        style.set_property("padding", "0 12px")?;
        style.set_property("display", "block")
    }
}

/// What the visually hidden data table shows.
#[derive(Debug, PartialEq)]
struct TableContent {
    caption: String,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The data table of `scene`: a row per mark in reading order (at most
/// `MAX_TABLE_ROWS`), with category, series, value and share as the chart has them.
fn table_content(scene: &Scene) -> TableContent {
    let zh = scene.locale == crate::spec::Locale::Zh;
    let mut caption = scene
        .title
        .as_deref()
        .unwrap_or(if zh { "图表数据" } else { "Chart data" })
        .to_string();
    let has_series = scene
        .items
        .iter()
        .any(|i| crate::describe::item_series(i).is_some());
    let has_share = scene.items.iter().any(|i| i.share.is_some());
    // A dual axis's two measures share the value column: its head names neither.
    let value_head = if scene.value_title.is_empty() || !scene.second_value_title.is_empty() {
        (if zh { "数值" } else { "Value" }).to_string()
    } else {
        scene.value_title.clone()
    };
    let mut head = vec![if scene.category_title.is_empty() {
        (if zh { "类别" } else { "Category" }).to_string()
    } else {
        scene.category_title.clone()
    }];
    if has_series {
        head.push((if zh { "系列" } else { "Series" }).to_string());
    }
    head.push(value_head);
    if has_share {
        head.push((if zh { "占比" } else { "Share" }).to_string());
    }
    let unit = scene.unit.as_deref();
    let order = scene.reading_order();
    let shown = |t: &str| crate::describe::shown(scene.locale, t);
    let rows = order
        .iter()
        .take(MAX_TABLE_ROWS)
        .filter_map(|&m| scene.mark_item(m).and_then(|i| scene.items.get(i)))
        .map(|item| {
            let mut cells = vec![shown(&item.label)];
            if has_series {
                cells.push(
                    crate::describe::item_series(item)
                        .map(shown)
                        .unwrap_or_default(),
                );
            }
            // The data table gives exact figures, whatever the chart writes.
            cells.push(crate::describe::value_text(
                item,
                unit,
                crate::format::Numbers::Plain,
            ));
            if has_share {
                cells.push(item.share.map(crate::format::percent).unwrap_or_default());
            }
            cells
        })
        .collect();
    if order.len() > MAX_TABLE_ROWS {
        // A screen reader cannot use thousands of rows; the summary has the extremes.
        caption = if zh {
            format!("{caption}(前 {MAX_TABLE_ROWS} 项,共 {} 项)", order.len())
        } else {
            format!(
                "{caption} (first {MAX_TABLE_ROWS} of {} items)",
                order.len()
            )
        };
    }
    TableContent {
        caption,
        head,
        rows,
    }
}

fn row(doc: &Document, cell: &str, texts: &[String]) -> Result<Element, JsValue> {
    let tr = doc.create_element("tr")?;
    for t in texts {
        let c = doc.create_element(cell)?;
        if cell == "th" {
            c.set_attribute("scope", "col")?;
        }
        c.set_text_content(Some(t));
        tr.append_child(&c)?;
    }
    Ok(tr)
}
