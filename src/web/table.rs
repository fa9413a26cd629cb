//! The table form in the page (`usermeta.stdviz.form: "table"`): the core's
//! [`TableView`] turned into a real HTML `<table>` — caption, `<th scope>` headers with a
//! sort button and `aria-sort`, a search box, pages of 10/25/50 rows with the row range
//! stated — and DOM events turned into [`TableEvent`]s. Every text goes in through
//! `textContent` or an attribute. What to show is decided by
//! [`crate::layout::table_form`]; nothing here sorts, filters or writes a number.
//!
//! At 320 px the table scrolls sideways inside its box (a focusable, labelled region) with
//! the first column kept in view: no column is cut, numbers never wrap, and the reader
//! always sees which row a figure belongs to.

use super::dom::element;
use super::export::{csv_of, data_of};
use super::{data_lookup, js_err, limits_from};
use crate::layout::table_form::{TableEvent, TableModel, TableState, TableView, PAGE_SIZES};
use crate::Chart;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's text face, as the charts use it.
const FONT: &str = "font:14px/1.45 system-ui,-apple-system,'Noto Sans CJK SC','PingFang SC',\
     'Microsoft YaHei',sans-serif";

/// The table's colours as CSS custom properties on its root: the light page's, or those
/// of [`crate::theme::Theme::dark`] (the charts' dark theme) on a dark page. Heat-map
/// cells keep their ramp colours, whose text colour reads on them in either.
fn palette(dark: bool) -> [(&'static str, String); 8] {
    if dark {
        let t = crate::theme::Theme::default().dark();
        [
            ("color-scheme", "dark".into()),
            ("--stdviz-table-fg", t.title_color.to_string()),
            ("--stdviz-table-bg", t.background.to_string()),
            ("--stdviz-table-muted", t.label_color.to_string()),
            ("--stdviz-table-rule", t.grid_color.to_string()),
            ("--stdviz-table-strong", t.axis_color.to_string()),
            ("--stdviz-table-control", t.axis_color.to_string()),
            ("--stdviz-table-button", "#24282d".into()),
        ]
    } else {
        [
            ("color-scheme", "light".into()),
            ("--stdviz-table-fg", "#1f2328".into()),
            ("--stdviz-table-bg", "#fff".into()),
            ("--stdviz-table-muted", "#57606a".into()),
            ("--stdviz-table-rule", "#d0d7de".into()),
            ("--stdviz-table-strong", "#57606a".into()),
            ("--stdviz-table-control", "#8c959f".into()),
            ("--stdviz-table-button", "#f6f8fa".into()),
        ]
    }
}

/// Colours `root` light or dark.
fn apply_palette(root: &HtmlElement, dark: bool) -> Result<(), JsValue> {
    let style = root.style();
    for (name, value) in palette(dark) {
        style.set_property(name, &value)?;
    }
    root.set_attribute("data-theme", if dark { "dark" } else { "light" })
}

/// Whether `spec` (JSON text) asks for the table form; false for a spec that does not
/// parse (mounting it as a chart then reports the error).
#[wasm_bindgen(js_name = isTableForm)]
pub fn is_table_form(spec: &str) -> bool {
    Chart::is_table_form(spec)
}

/// The elements of a mounted table.
struct Parts {
    root: HtmlElement,
    search: HtmlElement,
    per_page: HtmlElement,
    /// The page-size chooser with its label (hidden for tables of one smallest page).
    size_label: HtmlElement,
    /// One `<th>` per column, with its sort button.
    headers: Vec<(HtmlElement, HtmlElement)>,
    body: HtmlElement,
    status: HtmlElement,
    pager: HtmlElement,
    previous: HtmlElement,
    next: HtmlElement,
}

/// What one mounted table holds.
struct Mount {
    container: HtmlElement,
    chart: Chart,
    model: TableModel,
    state: TableState,
    parts: Parts,
    /// Light, dark, or as the page and the reader's preference say.
    theme: super::ThemeChoice,
}

fn set_text(e: &Element, text: &str) {
    e.set_text_content(Some(text));
}

impl Mount {
    /// Colours the table light or dark, as its theme choice says now.
    fn recolour(&self) -> Result<(), JsValue> {
        apply_palette(&self.parts.root, self.theme.is_dark(&self.container))
    }

    fn build(container: &HtmlElement, model: &TableModel) -> Result<Parts, JsValue> {
        let doc: Document = container
            .owner_document()
            .ok_or_else(|| js_err("the chart's container is not in a document"))?;
        let view = model.view(&TableState::default());
        let words = &view.words;
        let root = element(
            &doc,
            "div",
            "stdviz-table",
            &format!("{FONT};color:var(--stdviz-table-fg);background:var(--stdviz-table-bg);max-width:100%"),
        )?;
        // Controls: search and page size.
        let controls = element(
            &doc,
            "div",
            "stdviz-table-controls",
            "display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:0 0 8px",
        )?;
        let search_label = element(&doc, "label", "", "display:flex;gap:6px;align-items:center")?;
        let search_word = element(&doc, "span", "", "")?;
        set_text(&search_word, words.search);
        let search = element(
            &doc,
            "input",
            "stdviz-table-search",
            "font:inherit;padding:4px 6px;border:1px solid var(--stdviz-table-control);border-radius:4px;\
             min-width:0;width:11em;color:inherit;background:var(--stdviz-table-bg)",
        )?;
        search.set_attribute("type", "search")?;
        search_label.append_child(&search_word)?;
        search_label.append_child(&search)?;
        let size_label = element(&doc, "label", "", "display:flex;gap:6px;align-items:center")?;
        let size_word = element(&doc, "span", "", "")?;
        set_text(&size_word, words.per_page);
        let per_page = element(
            &doc,
            "select",
            "stdviz-table-size",
            "font:inherit;color:inherit;background:var(--stdviz-table-bg);\
             border:1px solid var(--stdviz-table-control);border-radius:4px",
        )?;
        for n in PAGE_SIZES {
            let o = doc.create_element("option")?;
            o.set_attribute("value", &n.to_string())?;
            set_text(&o, &n.to_string());
            if n == view.per_page {
                o.set_attribute("selected", "")?;
            }
            per_page.append_child(&o)?;
        }
        size_label.append_child(&size_word)?;
        size_label.append_child(&per_page)?;
        controls.append_child(&search_label)?;
        controls.append_child(&size_label)?;
        root.append_child(&controls)?;
        // The table, scrolling sideways in its own labelled region.
        let scroll = element(
            &doc,
            "div",
            "stdviz-table-scroll",
            "overflow-x:auto;max-width:100%;outline-offset:2px",
        )?;
        scroll.set_attribute("role", "region")?;
        scroll.set_tab_index(0);
        let label = view.caption.as_deref().unwrap_or(words.search);
        scroll.set_attribute("aria-label", &format!("{label}({})", words.scroll))?;
        let table = element(
            &doc,
            "table",
            "",
            "border-collapse:separate;border-spacing:0;font:inherit",
        )?;
        if let Some(c) = &view.caption {
            let caption = element(
                &doc,
                "caption",
                "",
                "text-align:left;font-weight:600;font-size:16px;padding:0 0 6px",
            )?;
            set_text(&caption, c);
            table.append_child(&caption)?;
        }
        let head = doc.create_element("thead")?;
        let head_row = doc.create_element("tr")?;
        let mut headers = Vec::new();
        for (i, h) in view.headers.iter().enumerate() {
            let sticky = if i == 0 {
                "position:sticky;left:0;z-index:2;"
            } else {
                ""
            };
            let th = element(
                &doc,
                "th",
                "",
                &format!(
                    "{sticky}background:var(--stdviz-table-bg);padding:4px 6px;\
                     border-bottom:2px solid var(--stdviz-table-strong);\
                     vertical-align:bottom;white-space:nowrap;text-align:{}",
                    if h.numeric { "right" } else { "left" }
                ),
            )?;
            th.set_attribute("scope", "col")?;
            let button = element(
                &doc,
                "button",
                "stdviz-sort",
                "font:inherit;font-weight:600;color:inherit;background:none;border:0;\
                 padding:4px;margin:0;cursor:pointer;white-space:nowrap;text-align:inherit",
            )?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-sort", &i.to_string())?;
            th.append_child(&button)?;
            head_row.append_child(&th)?;
            headers.push((th, button));
        }
        head.append_child(&head_row)?;
        table.append_child(&head)?;
        let body = element(&doc, "tbody", "", "")?;
        table.append_child(&body)?;
        scroll.append_child(&table)?;
        root.append_child(&scroll)?;
        let status = element(
            &doc,
            "p",
            "stdviz-table-status",
            "margin:6px 0 0;font-size:13px;color:var(--stdviz-table-muted)",
        )?;
        status.set_attribute("aria-live", "polite")?;
        root.append_child(&status)?;
        let pager = element(
            &doc,
            "div",
            "stdviz-table-pager",
            "display:flex;gap:8px;margin:6px 0 0",
        )?;
        let button = |word: &str, page: &str| -> Result<HtmlElement, JsValue> {
            let b = element(
                &doc,
                "button",
                "",
                "font:inherit;padding:6px 12px;min-height:36px;\
                 border:1px solid var(--stdviz-table-control);border-radius:4px;\
                 background:var(--stdviz-table-button);color:inherit;cursor:pointer",
            )?;
            b.set_attribute("type", "button")?;
            b.set_attribute("data-page", page)?;
            set_text(&b, word);
            Ok(b)
        };
        let previous = button(words.previous, "previous")?;
        let next = button(words.next, "next")?;
        pager.append_child(&previous)?;
        pager.append_child(&next)?;
        root.append_child(&pager)?;
        for n in &view.notes {
            let p = element(
                &doc,
                "p",
                "stdviz-table-note",
                "margin:4px 0 0;font-size:12px;color:var(--stdviz-table-muted)",
            )?;
            set_text(&p, n);
            root.append_child(&p)?;
        }
        container.append_child(&root)?;
        Ok(Parts {
            root,
            search,
            per_page,
            size_label,
            headers,
            body,
            status,
            pager,
            previous,
            next,
        })
    }

    /// Shows the model as `state` says: header states, this page's rows, status, pager.
    fn render(&self) -> Result<(), JsValue> {
        let view: TableView = self.model.view(&self.state);
        let doc = self
            .container
            .owner_document()
            .ok_or_else(|| js_err("the chart's container is not in a document"))?;
        for ((th, button), h) in self.parts.headers.iter().zip(&view.headers) {
            th.set_attribute("aria-sort", h.aria_sort)?;
            let arrow = match h.aria_sort {
                "ascending" => " ▲",
                "descending" => " ▼",
                _ => "",
            };
            set_text(button, &format!("{}{arrow}", h.text));
            button.set_attribute("title", &h.action)?;
            button.set_attribute("aria-label", &format!("{}, {}", h.text, h.action))?;
        }
        let body = &self.parts.body;
        set_text(body, "");
        for row in &view.rows {
            let tr = doc.create_element("tr")?;
            for (i, cell) in row.iter().enumerate() {
                let (bg, fg) = cell
                    .heat
                    .clone()
                    .unwrap_or_else(|| ("var(--stdviz-table-bg)".into(), "inherit".into()));
                let sticky = if i == 0 {
                    "position:sticky;left:0;z-index:1;"
                } else {
                    ""
                };
                let td = element(
                    &doc,
                    if i == 0 { "th" } else { "td" },
                    "",
                    &format!(
                        "{sticky}background:{bg};color:{fg};padding:6px 10px;\
                         border-bottom:1px solid var(--stdviz-table-rule);white-space:nowrap;font-weight:normal;\
                         text-align:{};font-variant-numeric:tabular-nums",
                        if cell.numeric { "right" } else { "left" }
                    ),
                )?;
                if i == 0 {
                    td.set_attribute("scope", "row")?;
                }
                set_text(&td, &cell.text);
                if let Some(e) = &cell.exact {
                    td.set_attribute("title", e)?;
                }
                if let Some(b) = cell.bar {
                    // On a heat-map cell the bar takes the text's colour, which reads there.
                    let color = cell.heat.as_ref().map_or("#4c78a8", |(_, fg)| fg.as_str());
                    let bar = element(
                        &doc,
                        "span",
                        "stdviz-bar",
                        &format!(
                            "display:block;height:4px;margin:2px 0 0 auto;background:{color};width:{:.1}%",
                            f64::from(b) * 100.0
                        ),
                    )?;
                    bar.set_attribute("aria-hidden", "true")?;
                    td.append_child(&bar)?;
                }
                tr.append_child(&td)?;
            }
            body.append_child(&tr)?;
        }
        set_text(&self.parts.status, &view.status);
        let paged = view.pages > 1;
        let small = view.total <= PAGE_SIZES[0];
        self.parts
            .size_label
            .style()
            .set_property("display", if small { "none" } else { "flex" })?;
        self.parts
            .pager
            .style()
            .set_property("display", if paged { "flex" } else { "none" })?;
        for (b, off) in [
            (&self.parts.previous, view.page == 0),
            (&self.parts.next, view.page + 1 >= view.pages),
        ] {
            if off {
                b.set_attribute("disabled", "")?;
            } else {
                b.remove_attribute("disabled")?;
            }
        }
        self.container
            .set_attribute("data-stdviz-state", "rendered")?;
        Ok(())
    }

    /// Applies `event`; renders when the state changed.
    fn handle(&mut self, event: TableEvent) -> Result<(), JsValue> {
        let next = self.model.step(&self.state, event);
        if next != self.state {
            self.state = next;
            self.render()?;
        }
        Ok(())
    }
}

/// The text property `value` of an element (a search box, a select).
fn value_of(e: &HtmlElement) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A listener added to an element: the element, the event name, the callback.
type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// A table-form chart mounted in a container element: the JS API of [`super::ChartView`]
/// where it means something for a table (`update`, `redraw`, `warnings`, `summary`,
/// `markCount`, `toCSV`, `data`, `destroy`).
#[wasm_bindgen]
pub struct TableChart {
    mount: Rc<RefCell<Mount>>,
    listeners: Vec<Listener>,
}

fn model_of(chart: &Chart) -> Result<TableModel, JsValue> {
    TableModel::new(&chart.spec, &chart.tables).map_err(js_err)
}

#[wasm_bindgen]
impl TableChart {
    /// Mounts the table-form chart `spec` into `container` (arguments as
    /// [`super::ChartView::new`]'s). Throws an Error naming where the spec or data is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        container: HtmlElement,
        spec: &str,
        data: JsValue,
        options: JsValue,
    ) -> Result<TableChart, JsValue> {
        let limits = limits_from(&options)?;
        let chart = Chart::with_options(spec, &data_lookup(&data), &crate::Options { limits })
            .map_err(js_err)?;
        let model = model_of(&chart)?;
        let parts = Mount::build(&container, &model)?;
        let mount = Rc::new(RefCell::new(Mount {
            container,
            chart,
            model,
            state: TableState::default(),
            parts,
            theme: super::ThemeChoice::of(&options),
        }));
        if let Err(e) = mount.borrow().recolour() {
            mount.borrow().parts.root.remove();
            return Err(e);
        }
        if let Err(e) = mount.borrow().render() {
            mount.borrow().parts.root.remove();
            return Err(e);
        }
        let mut table = TableChart {
            mount,
            listeners: Vec::new(),
        };
        table.listen()?;
        table.rendered();
        Ok(table)
    }

    fn listen(&mut self) -> Result<(), JsValue> {
        let (root, search, per_page) = {
            let m = self.mount.borrow();
            (
                m.parts.root.clone(),
                m.parts.search.clone(),
                m.parts.per_page.clone(),
            )
        };
        let mount = Rc::clone(&self.mount);
        let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let mut m = mount.borrow_mut();
            let event = if let Ok(Some(b)) = target.closest("[data-sort]") {
                b.get_attribute("data-sort")
                    .and_then(|i| i.parse().ok())
                    .map(TableEvent::Sort)
            } else if let Ok(Some(b)) = target.closest("[data-page]") {
                let page = m.state.page;
                match b.get_attribute("data-page").as_deref() {
                    Some("previous") => Some(TableEvent::Page(page.saturating_sub(1))),
                    Some("next") => Some(TableEvent::Page(page + 1)),
                    _ => None,
                }
            } else {
                None
            };
            if let Some(event) = event {
                let _ = m.handle(event);
            }
        });
        let mount = Rc::clone(&self.mount);
        let search_box = search.clone();
        let on_input = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            let _ = mount
                .borrow_mut()
                .handle(TableEvent::Search(value_of(&search_box)));
        });
        let mount = Rc::clone(&self.mount);
        let chooser = per_page.clone();
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            if let Ok(n) = value_of(&chooser).parse() {
                let _ = mount.borrow_mut().handle(TableEvent::PerPage(n));
            }
        });
        for (target, name, f) in [
            (root, "click", on_click),
            (search, "input", on_input),
            (per_page, "change", on_change),
        ] {
            target.add_event_listener_with_callback(name, f.as_ref().unchecked_ref())?;
            self.listeners.push((target.into(), name, f));
        }
        // The reader switching between light and dark recolours the table, as a chart.
        let scheme = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        if let Some(mq) = scheme {
            let mount = Rc::clone(&self.mount);
            let on_scheme = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
                let _ = mount.borrow().recolour();
            });
            mq.add_event_listener_with_callback("change", on_scheme.as_ref().unchecked_ref())?;
            self.listeners.push((mq.into(), "change", on_scheme));
        }
        Ok(())
    }

    /// Replaces the spec and data; the reader's sort, search and page are kept when the
    /// columns stay the same. On error the old table stays and the error is thrown.
    pub fn update(&mut self, spec: &str, data: JsValue) -> Result<(), JsValue> {
        let options = self.mount.borrow().chart.options;
        let chart = Chart::with_options(spec, &data_lookup(&data), &options).map_err(js_err)?;
        let model = model_of(&chart)?;
        let rebuild = model.columns != self.mount.borrow().model.columns;
        if rebuild {
            self.unlisten();
            let mut m = self.mount.borrow_mut();
            m.parts.root.remove();
            let parts = Mount::build(&m.container, &model)?;
            m.parts = parts;
            m.state = TableState::default();
            m.recolour()?;
        }
        {
            let mut m = self.mount.borrow_mut();
            m.chart = chart;
            m.model = model;
            let page = m.state.page;
            m.state = m.model.step(&m.state, TableEvent::Page(page));
            m.render()?;
        }
        if rebuild {
            self.listen()?;
        }
        self.rendered();
        Ok(())
    }

    /// Tells the host the table is shown (`stdviz:rendered`, as a chart's glue does).
    fn rendered(&self) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("stdviz:rendered", &init) {
            let container = self.mount.borrow().container.clone();
            let _ = container.dispatch_event(&e);
        }
    }

    fn unlisten(&mut self) {
        for (target, name, f) in self.listeners.drain(..) {
            let _ = target.remove_event_listener_with_callback(name, f.as_ref().unchecked_ref());
        }
    }

    /// Shows the table again (nothing is laid out: the browser lays out a table).
    pub fn redraw(&self) -> Result<(), JsValue> {
        self.mount.borrow().render()
    }

    /// Warnings from reading the spec (unknown properties), each naming its JSON path.
    pub fn warnings(&self) -> Vec<String> {
        self.mount
            .borrow()
            .chart
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The caption and the row range shown.
    pub fn summary(&self) -> String {
        let m = self.mount.borrow();
        let view = m.model.view(&m.state);
        match &view.caption {
            Some(c) => format!("{c}:{}", view.status),
            None => view.status,
        }
    }

    /// Number of rows on the page shown.
    #[wasm_bindgen(js_name = markCount)]
    pub fn mark_count(&self) -> usize {
        let m = self.mount.borrow();
        m.model.view(&m.state).rows.len()
    }

    /// The chart's data as CSV (as [`super::ChartView::to_csv`]).
    #[wasm_bindgen(js_name = toCSV)]
    pub fn to_csv(&self, index: Option<usize>) -> Result<String, JsValue> {
        csv_of(&self.mount.borrow().chart, index)
    }

    /// The chart's data (as [`super::ChartView::data`]).
    pub fn data(&self) -> Result<js_sys::Array, JsValue> {
        data_of(&self.mount.borrow().chart)
    }

    /// A table has no picture: throws, pointing to CSV.
    #[wasm_bindgen(js_name = toSVG)]
    pub fn to_svg(&self) -> Result<String, JsValue> {
        Err(js_err(
            "a table-form chart has no picture; export it as CSV",
        ))
    }

    /// A table has no picture: throws, pointing to CSV.
    #[wasm_bindgen(js_name = exportCanvas)]
    pub fn export_canvas(&self, _scale: f64) -> Result<JsValue, JsValue> {
        Err(js_err(
            "a table-form chart has no picture; export it as CSV",
        ))
    }

    /// No marks to find in a table: `undefined`.
    #[wasm_bindgen(js_name = markAnchor)]
    pub fn mark_anchor(&self, _i: usize) -> JsValue {
        JsValue::UNDEFINED
    }

    /// No marks to find in a table: `undefined`.
    #[wasm_bindgen(js_name = hitTest)]
    pub fn hit_test(&self, _x: f32, _y: f32) -> JsValue {
        JsValue::UNDEFINED
    }

    /// No drawn texts (the browser sets the table's text): an empty array.
    #[wasm_bindgen(js_name = textBoxes)]
    pub fn text_boxes(&self) -> js_sys::Array {
        js_sys::Array::new()
    }

    /// Removes the table and its listeners.
    pub fn destroy(&mut self) {
        self.unlisten();
        let m = self.mount.borrow();
        m.parts.root.remove();
        m.container.remove_attribute("data-stdviz-state").ok();
    }
}
