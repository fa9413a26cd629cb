//! Static-first publishing (`stdviz publish`): a chart as an HTML fragment that shows the
//! picture with no script and no wasm, ready to be hydrated into the live chart.
//!
//! A fragment holds, for each width of [`WIDTHS`], the chart laid out natively at that
//! width and written by [`crate::svg::to_svg`] — the very SVG `stdviz render --width W`
//! writes, with the accessible summary, a `<title>` with its figure on every data mark and
//! `data-` attributes naming each mark's row. CSS container queries show the widest
//! variant that fits the fragment's box (the 320-px variant shrinks below 320 px); each
//! SVG has its width and height in its attributes, so the page reserves the chart's height
//! before anything loads. A `<script type="application/json">` block carries the spec, and
//! its data files when they are small UTF-8 text ([`INLINE_DATA_MAX`] bytes in all), for
//! the live chart that `www/stdviz-lite.js` mounts over the picture (docs/EMBED.md).
//!
//! [`publish_page`] rewrites a page: every empty `<div … data-stdviz="SPEC.json"></div>`
//! becomes that spec's fragment, so a page written for the live embed serves the
//! pre-rendered form after one build step (the Trunk post_build hook runs it on
//! `gallery.html` and `article.html`).
//!
//! Native only: the core does no I/O, but this module reads spec and data files.

use crate::error::Error;
use crate::layout::Viewport;
use crate::limits::Options;
use crate::Chart;
use std::fmt;
use std::path::{Path, PathBuf};

/// The widths, in CSS px, at which a fragment carries the chart: phones (320, 375, 414),
/// a narrow column (640) and a wide one (960).
pub const WIDTHS: [u32; 5] = [320, 375, 414, 640, 960];

/// Data files up to this many bytes in all (and UTF-8) travel inside the fragment; larger
/// ones are fetched by the live chart from their `data.url`, relative to the page.
pub const INLINE_DATA_MAX: usize = 32 * 1024;

/// Why a chart could not be published.
#[derive(Debug)]
pub enum PublishError {
    /// The spec or its data is invalid (the message names the JSON path or line/column).
    Chart {
        /// The spec file.
        spec: PathBuf,
        /// What is wrong.
        error: Error,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
    /// A `data.url` was found neither beside the spec, nor in its parent folder, nor in
    /// the current folder.
    MissingData {
        /// The spec file.
        spec: PathBuf,
        /// The URL.
        url: String,
    },
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::Chart { spec, error } => write!(f, "{}: {error}", spec.display()),
            PublishError::Io { path, message } => {
                write!(f, "cannot read or write {}: {message}", path.display())
            }
            PublishError::MissingData { spec, url } => write!(
                f,
                "cannot find data.url \"{url}\" beside {} or in the current folder",
                spec.display()
            ),
        }
    }
}

impl std::error::Error for PublishError {}

/// Finds a relative `data.url`: beside the spec file, then in its parent folder (specs in
/// `www/specs/` name `data/…` relative to the page in `www/`), then in the current folder.
/// `stdviz render`, `bundle` and `publish` all resolve data this way.
pub fn resolve_data_url(spec: &Path, url: &str) -> Option<PathBuf> {
    if url.contains("://") {
        return None;
    }
    let dir = spec.parent().unwrap_or(Path::new("."));
    [dir.join(url), dir.join("..").join(url), PathBuf::from(url)]
        .into_iter()
        .find(|p| p.is_file())
}

/// A spec file read with the bytes of each of its `data.url`s.
pub struct SpecFiles {
    /// The spec file.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// `(url, bytes)` for each `data.url`, in the order the spec names them.
    pub files: Vec<(String, Vec<u8>)>,
}

impl SpecFiles {
    /// Reads `spec` and its data files; `data` (the CLI's `--data FILE`) serves every
    /// `data.url` when given.
    pub fn read(spec: &Path, data: Option<&Path>) -> Result<SpecFiles, PublishError> {
        let io = |path: &Path, e: std::io::Error| PublishError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let text = std::fs::read_to_string(spec).map_err(|e| io(spec, e))?;
        let urls = Chart::data_urls(&text).map_err(|error| PublishError::Chart {
            spec: spec.to_path_buf(),
            error,
        })?;
        let mut files = Vec::new();
        for url in urls {
            let path = match data {
                Some(d) => d.to_path_buf(),
                None => resolve_data_url(spec, &url).ok_or_else(|| PublishError::MissingData {
                    spec: spec.to_path_buf(),
                    url: url.clone(),
                })?,
            };
            let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
            files.push((url, bytes));
        }
        Ok(SpecFiles {
            path: spec.to_path_buf(),
            text,
            files,
        })
    }

    /// The chart, with `options`' limits.
    pub fn chart(&self, options: &Options) -> Result<Chart, PublishError> {
        let lookup = |u: &str| {
            self.files
                .iter()
                .find(|(k, _)| k == u)
                .map(|(_, b)| b.clone())
        };
        Chart::with_options(&self.text, &lookup, options).map_err(|error| PublishError::Chart {
            spec: self.path.clone(),
            error,
        })
    }
}

/// One published chart.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// The HTML fragment.
    pub html: String,
    /// The SVG of each width of [`WIDTHS`], as in the fragment.
    pub svgs: Vec<(u32, String)>,
    /// Whether the data files travel inside the fragment.
    pub data_inline: bool,
    /// The pictures alone: the fragment's `<style>` and one element per width, for a page
    /// that brings the live chart its own way (`stdviz bundle` puts it inside the chart's
    /// `data-stdviz` box, shown until the chart mounts). Wrap it in an element of class
    /// `stdviz-pub`.
    pub pictures: String,
}

/// The text of every distinct `<style>` element of `html`, in order of appearance (for
/// a Content-Security-Policy that allows them by hash).
pub fn style_texts(html: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style>") {
        let body = &rest[start + "<style>".len()..];
        let Some(end) = body.find("</style>") else {
            break;
        };
        if !out.contains(&&body[..end]) {
            out.push(&body[..end]);
        }
        rest = &body[end..];
    }
    out
}

/// An element id made of `name`'s ASCII letters and digits (others become `-`).
pub fn element_id(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("stdviz-{}", id.trim_matches('-'))
}

/// The CSS of a fragment: the variant of each width shown by a container query on the
/// fragment's own box (the widest that fits; the narrowest below it, shrunk).
fn fragment_css() -> String {
    let mut css = String::from(
        ".stdviz-pub{display:block;container-type:inline-size;position:relative}\
         .stdviz-pub>.stdviz-w{display:none}\
         .stdviz-pub>.stdviz-w>svg{display:block;max-width:100%;height:auto}",
    );
    for (i, w) in WIDTHS.iter().enumerate() {
        let lower = if i == 0 {
            String::new()
        } else {
            format!("(min-width:{w}px)")
        };
        let upper = WIDTHS
            .get(i + 1)
            .map(|next| format!("(max-width:{}.98px)", next - 1));
        let query = match (lower.is_empty(), upper) {
            (true, Some(u)) => u,
            (false, Some(u)) => format!("{lower} and {u}"),
            (_, None) => lower,
        };
        css.push_str(&format!(
            "@container {query}{{.stdviz-pub>.w{w}{{display:block}}}}"
        ));
    }
    // Browsers without container queries show the 640-px chart, shrunk to fit.
    css.push_str("@supports not (container-type:inline-size){.stdviz-pub>.w640{display:block}}");
    css
}

/// Publishes one chart: `spec` laid out at each of [`WIDTHS`], with `id` as the
/// fragment's element id and `reference` (the page's spec URL, when it has one) as its
/// `data-ref`: the live chart's element carries it as `data-stdviz`, as a markup chart does.
pub fn fragment(
    spec: &SpecFiles,
    id: &str,
    reference: Option<&str>,
    options: &Options,
) -> Result<Fragment, PublishError> {
    let chart = spec.chart(options)?;
    if crate::layout::table_form::table_form(&chart.spec).is_some() {
        let model = crate::layout::table_form::TableModel::new(&chart.spec, &chart.tables)
            .map_err(|error| PublishError::Chart {
                spec: spec.path.clone(),
                error,
            })?;
        let pictures = format!(
            "<style>{TABLE_CSS}</style>\n<div class=\"stdviz-pub-table\">\n{}</div>\n",
            table_html(&model)
        );
        let html = format!(
            "<div class=\"stdviz-pub-static\" id=\"{}\"{}>\n{pictures}</div>\n",
            crate::svg::escape_xml(id),
            reference
                .map(|r| format!(" data-ref=\"{}\"", crate::svg::escape_xml(r)))
                .unwrap_or_default(),
        );
        return Ok(Fragment {
            html,
            svgs: Vec::new(),
            data_inline: false,
            pictures,
        });
    }
    let mut svgs = Vec::new();
    for w in WIDTHS {
        let scene = chart
            .scene(Viewport {
                width: w as f32,
                height: None,
            })
            .map_err(|error| PublishError::Chart {
                spec: spec.path.clone(),
                error,
            })?;
        let svg = crate::svg::to_svg(&scene).map_err(|error| PublishError::Chart {
            spec: spec.path.clone(),
            error,
        })?;
        svgs.push((w, svg));
    }
    let total: usize = spec.files.iter().map(|(_, b)| b.len()).sum();
    let texts: Option<Vec<(&str, &str)>> = spec
        .files
        .iter()
        .map(|(u, b)| std::str::from_utf8(b).ok().map(|t| (u.as_str(), t)))
        .collect();
    let inline = texts.filter(|_| total <= INLINE_DATA_MAX);
    let data_inline = inline.is_some();
    let files: serde_json::Map<String, serde_json::Value> = inline
        .unwrap_or_default()
        .into_iter()
        .map(|(u, t)| (u.to_string(), serde_json::Value::String(t.to_string())))
        .collect();
    let block = serde_json::json!({ "spec": spec.text, "files": files })
        .to_string()
        // `<` only occurs inside JSON strings, where \u003c means the same: the block
        // can hold neither a closing script tag nor a comment opener.
        .replace('<', "\\u003c");
    let widths: Vec<String> = WIDTHS.iter().map(u32::to_string).collect();
    let mut pictures = format!("<style>{}</style>\n", fragment_css());
    for (w, svg) in &svgs {
        pictures.push_str(&format!(
            "<div class=\"stdviz-w w{w}\" data-width=\"{w}\">\n{svg}</div>\n"
        ));
    }
    let mut html = format!(
        "<div class=\"stdviz-pub\" id=\"{}\"{} data-stdviz-pub=\"1\" data-widths=\"{}\">\n{pictures}",
        crate::svg::escape_xml(id),
        reference
            .map(|r| format!(" data-ref=\"{}\"", crate::svg::escape_xml(r)))
            .unwrap_or_default(),
        widths.join(" "),
    );
    html.push_str(&format!(
        "<script type=\"application/json\" class=\"stdviz-pub-spec\">{block}</script>\n</div>\n"
    ));
    Ok(Fragment {
        html,
        svgs,
        data_inline,
        pictures,
    })
}

/// Most rows a published table writes (the page has no script to page through more).
pub const TABLE_ROWS_MAX: usize = 2_000;

/// The styles of a published table: it scrolls sideways inside its box with the first
/// column kept in view (no column is cut at 320 px; numbers never wrap), numbers
/// right-aligned in tabular figures.
const TABLE_CSS: &str = ".stdviz-pub-table{display:block;max-width:100%}\
     .stdviz-pub-table .stdviz-scroll{overflow-x:auto;max-width:100%}\
     .stdviz-pub-table table{border-collapse:separate;border-spacing:0;font:14px/1.45 system-ui,-apple-system,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;color:#1f2328}\
     .stdviz-pub-table caption{text-align:left;font-weight:600;font-size:16px;padding:0 0 6px}\
     .stdviz-pub-table th,.stdviz-pub-table td{padding:6px 10px;border-bottom:1px solid #d0d7de;white-space:nowrap;text-align:left;background:#fff}\
     .stdviz-pub-table th{border-bottom:2px solid #57606a;vertical-align:bottom}\
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
    for row in &view.rows {
        h.push_str("<tr>");
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

/// What [`publish_page`] did.
#[derive(Debug, Clone, Default)]
pub struct PageReport {
    /// The spec references replaced by fragments.
    pub published: Vec<String>,
    /// The element ids given to the fragments, in order.
    pub ids: Vec<String>,
}

/// Rewrites `page` (HTML text at `page_path`): each empty `<div … data-stdviz="REF"></div>`
/// whose REF names a spec file (not inline JSON) becomes that spec's fragment; the spec
/// is found relative to the page's folder. Other markup is left as it is.
pub fn publish_page(
    page: &str,
    page_path: &Path,
    options: &Options,
) -> Result<(String, PageReport), PublishError> {
    let dir = page_path.parent().unwrap_or(Path::new("."));
    let mut out = String::with_capacity(page.len() * 4);
    let mut report = PageReport::default();
    let mut rest = page;
    while let Some(start) = rest.find("<div") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let Some(tag_end) = from.find('>') else {
            rest = from;
            break;
        };
        let tag = &from[..=tag_end];
        let after = &from[tag_end + 1..];
        let reference = attribute(tag, "data-stdviz").filter(|r| {
            let r = r.trim();
            !r.is_empty() && !r.starts_with('{') && !r.contains("://") && r.ends_with(".json")
        });
        match reference {
            Some(reference) if after.starts_with("</div>") => {
                let spec_path = dir.join(&reference);
                let spec = SpecFiles::read(&spec_path, None)?;
                let stem = Path::new(&reference)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("chart");
                // Ids stay unique when a page shows one spec twice.
                let base = element_id(stem);
                let mut id = base.clone();
                let mut n = 1;
                while report.ids.contains(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                let published = fragment(&spec, &id, Some(&reference), options)?;
                report.ids.push(id);
                out.push_str(&published.html);
                report.published.push(reference);
                rest = &after["</div>".len()..];
            }
            _ => {
                out.push_str(tag);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok((out, report))
}

/// The value of attribute `name` (double-quoted) in the start tag `tag`, with the HTML
/// escapes `&amp;`, `&quot;`, `&lt;`, `&gt;` read back.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_queries_cover_every_width_once() {
        let css = fragment_css();
        for w in WIDTHS {
            assert_eq!(
                css.matches(&format!(".w{w}{{display:block}}")).count(),
                if w == 640 { 2 } else { 1 }
            );
        }
        assert!(css.contains("@container (max-width:374.98px)"));
        assert!(css.contains("@container (min-width:375px) and (max-width:413.98px)"));
        assert!(css.contains("@container (min-width:960px){"));
    }

    #[test]
    fn attributes_and_ids() {
        let tag = r#"<div class="stdviz" data-stdviz="specs/a&amp;b.json">"#;
        assert_eq!(
            attribute(tag, "data-stdviz").as_deref(),
            Some("specs/a&b.json")
        );
        assert_eq!(attribute(tag, "data-x"), None);
        assert_eq!(
            element_id("Standards by level"),
            "stdviz-standards-by-level"
        );
    }
}
