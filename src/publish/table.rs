//! A table-form chart (`usermeta.stdviz.form: "table"`) published as static HTML: a real
//! `<table>` that reads with no script, its colours and bar lengths as classes of the
//! fragment's own style block. Each row carries its place in every sorted order
//! (`data-sort`: per column, ascending then descending, as [`TableModel::order`] sorts),
//! so `www/stdviz-lite.js` gives the headers sort buttons with no sorting of its own.
//!
//! [`TableModel::order`]: crate::layout::table_form::TableModel::order

/// Most rows a published table writes (the page has no script to page through more).
pub const TABLE_ROWS_MAX: usize = 2_000;

/// The styles of a published table: it scrolls sideways inside its box with the first
/// column kept in view (no column is cut at 320 px; numbers never wrap), numbers
/// right-aligned in tabular figures.
pub(crate) const TABLE_CSS: &str = ".stdviz-pub-table{display:block;max-width:100%}\
     .stdviz-pub-table .stdviz-scroll{overflow-x:auto;max-width:100%}\
     .stdviz-pub-table table{border-collapse:separate;border-spacing:0;font:14px/1.45 system-ui,-apple-system,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;color:#1f2328}\
     .stdviz-pub-table caption{text-align:left;font-weight:600;font-size:16px;padding:0 0 6px}\
     .stdviz-pub-table th,.stdviz-pub-table td{padding:6px 10px;border-bottom:1px solid #d0d7de;white-space:nowrap;text-align:left;background:#fff}\
     .stdviz-pub-table th{border-bottom:2px solid #57606a;vertical-align:bottom}\
     .stdviz-pub-table thead th{padding-right:24px}\
     .stdviz-pub-table thead th:not(:first-child){position:relative}\
     .stdviz-pub-table button.sort{font:inherit;color:inherit;background:none;border:0;padding:0;margin:0;text-align:inherit;cursor:pointer}\
     .stdviz-pub-table th[aria-sort]::after{content:'\\2195';position:absolute;right:8px;color:#57606a;font-weight:400}\
     .stdviz-pub-table th[aria-sort=ascending]::after{content:'\\2191';color:inherit}\
     .stdviz-pub-table th[aria-sort=descending]::after{content:'\\2193';color:inherit}\
     .stdviz-pub-table .num{text-align:right;font-variant-numeric:tabular-nums}\
     .stdviz-pub-table tr>:first-child{position:sticky;left:0;z-index:1}\
     .stdviz-pub-table .bar{display:block;height:4px;background:#4c78a8;margin-top:2px;margin-left:auto}\
     .stdviz-pub-table .status{font-size:13px;color:#57606a;margin:6px 0 0}";

/// A table-form chart as static HTML: a real `<table>` with its caption, column headers
/// (`scope="col"`), the first cell of each row as its header (`scope="row"`) and every
/// row in the chart's order (up to [`TABLE_ROWS_MAX`]); all data text escaped.
pub fn table_html(model: &crate::layout::table_form::TableModel) -> String {
    use crate::layout::table_form::TableState;
    let esc = crate::svg::escape_xml;
    let state = TableState {
        per_page: model.rows().clamp(1, TABLE_ROWS_MAX),
        ..TableState::default()
    };
    let view = model.view(&state);
    let shown = model.order(&state);
    let places = sort_places(model);
    let mut rules: Vec<String> = Vec::new();
    let mut h = String::from("<div class=\"stdviz-scroll\" role=\"region\" tabindex=\"0\"");
    if let Some(c) = &view.caption {
        h.push_str(&format!(" aria-label=\"{}\"", esc(c)));
    }
    h.push_str(">\n<table>\n");
    if let Some(c) = &view.caption {
        h.push_str(&format!("<caption>{}</caption>\n", esc(c)));
    }
    h.push_str("<thead><tr>");
    for head in &view.headers {
        let class = if head.numeric { " class=\"num\"" } else { "" };
        h.push_str(&format!(
            "<th scope=\"col\"{class}>{}</th>",
            esc(&head.text)
        ));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (row, r) in view.rows.iter().zip(&shown) {
        let place: Vec<String> = places
            .iter()
            .map(|p| p.get(*r).map_or(String::new(), usize::to_string))
            .collect();
        h.push_str(&format!("<tr data-sort=\"{}\">", place.join(" ")));
        for (i, cell) in row.iter().enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let mut attrs = String::new();
            if let Some(e) = &cell.exact {
                attrs.push_str(&format!(" title=\"{}\"", esc(e)));
            }
            // Colours and bar lengths as classes of the fragment's own style block: a page's
            // Content-Security-Policy may refuse style attributes.
            let mut classes: Vec<String> = Vec::new();
            if cell.numeric {
                classes.push("num".into());
            }
            if let Some((bg, fg)) = &cell.heat {
                let rule = format!("background:{bg};color:{fg}");
                classes.push(style_class(&mut rules, rule));
            }
            let bar = cell.bar.map_or(String::new(), |b| {
                // On a heat-map cell the bar takes the text's colour, which reads there.
                let color = cell.heat.as_ref().map_or("#4c78a8", |(_, fg)| fg.as_str());
                let rule = format!(
                    "width:{}%;background:{color}",
                    (f64::from(b) * 100.0).round()
                );
                format!(
                    "<span class=\"bar {}\"></span>",
                    style_class(&mut rules, rule)
                )
            });
            if !classes.is_empty() {
                attrs = format!(" class=\"{}\"{attrs}", classes.join(" "));
            }
            let close = if i == 0 { "th" } else { "td" };
            h.push_str(&format!("<{tag}{attrs}>{}{bar}</{close}>", esc(&cell.text)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h.push_str(&format!("<p class=\"status\">{}</p>\n", esc(&view.status)));
    for n in &view.notes {
        h.push_str(&format!("<p class=\"status\">{}</p>\n", esc(n)));
    }
    let css: String = rules
        .iter()
        .enumerate()
        .map(|(i, r)| format!(".stdviz-pub-table .s{i}{{{r}}}"))
        .collect();
    format!("<style>{css}</style>\n{h}")
}

/// For each column, ascending then descending: each row's place in that order.
fn sort_places(model: &crate::layout::table_form::TableModel) -> Vec<Vec<usize>> {
    use crate::layout::table_form::{SortDirection, TableState};
    let mut out = Vec::new();
    for c in 0..model.columns.len() {
        for dir in [SortDirection::Ascending, SortDirection::Descending] {
            let order = model.order(&TableState {
                sort: Some((c, dir)),
                ..TableState::default()
            });
            let mut place = vec![0; model.rows()];
            for (i, r) in order.into_iter().enumerate() {
                if let Some(p) = place.get_mut(r) {
                    *p = i;
                }
            }
            out.push(place);
        }
    }
    out
}

/// The class (`s0`, `s1`, …) of the style rule `rule`, added to `rules` when new.
fn style_class(rules: &mut Vec<String>, rule: String) -> String {
    let i = match rules.iter().position(|r| *r == rule) {
        Some(i) => i,
        None => {
            rules.push(rule);
            rules.len() - 1
        }
    };
    format!("s{i}")
}
