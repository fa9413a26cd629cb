//! A published chart's HTML, from a chart already read: the pictures at each of [`WIDTHS`]
//! with the CSS that shows one of them, and the JSON block with the spec and its small
//! data for the live chart. Pure (no I/O): the CLI (`stdviz publish`, `stdviz bundle`)
//! and the browser (the explorer's embed code, the pages' offline HTML) write the same
//! fragment from the same scene.

use crate::error::Error;
use crate::layout::Viewport;
use crate::Chart;

/// The widths, in CSS px, at which a fragment carries the chart: phones (320, 375, 414),
/// a narrow column (640) and a wide one (960).
pub const WIDTHS: [u32; 5] = [320, 375, 414, 640, 960];

/// Data files up to this many bytes in all (and UTF-8) travel inside the fragment; larger
/// ones are fetched by the live chart from their `data.url`, relative to the page.
pub const INLINE_DATA_MAX: usize = 32 * 1024;

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

/// Lays `chart` out at each of [`WIDTHS`] and writes its fragment: `spec_text` and the
/// `files` it was read with (`(url, bytes)`) travel in the JSON block when they are small
/// UTF-8 text ([`INLINE_DATA_MAX`] bytes in all); `id` is the fragment's element id and
/// `reference` (the page's spec URL, when it has one) its `data-ref`: the live chart's
/// element carries it as `data-stdviz`, as a markup chart does.
pub fn build(
    chart: &Chart,
    spec_text: &str,
    files: &[(String, Vec<u8>)],
    id: &str,
    reference: Option<&str>,
) -> Result<Fragment, Error> {
    if crate::layout::table_form::table_form(&chart.spec).is_some() {
        return table_fragment(chart, id, reference);
    }
    let mut svgs = Vec::new();
    for w in WIDTHS {
        let scene = chart.scene(Viewport {
            width: w as f32,
            height: None,
        })?;
        svgs.push((w, crate::svg::to_svg(&scene)?));
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let texts: Option<Vec<(&str, &str)>> = files
        .iter()
        .map(|(u, b)| std::str::from_utf8(b).ok().map(|t| (u.as_str(), t)))
        .collect();
    let inline = texts.filter(|_| total <= INLINE_DATA_MAX);
    let data_inline = inline.is_some();
    let inline_files: serde_json::Map<String, serde_json::Value> = inline
        .unwrap_or_default()
        .into_iter()
        .map(|(u, t)| (u.to_string(), serde_json::Value::String(t.to_string())))
        .collect();
    let block = serde_json::json!({ "spec": spec_text, "files": inline_files })
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

/// A table-form chart's fragment: the static `<table>` of `super::table`, no pictures
/// and no live chart to mount (it reads with no script).
fn table_fragment(chart: &Chart, id: &str, reference: Option<&str>) -> Result<Fragment, Error> {
    let model = crate::layout::table_form::TableModel::new(&chart.spec, &chart.tables)?;
    let pictures = format!(
        "<style>{}</style>\n<div class=\"stdviz-pub-table\">\n{}</div>\n",
        super::table::TABLE_CSS,
        super::table::table_html(&model)
    );
    let html = format!(
        "<div class=\"stdviz-pub-static\" id=\"{}\"{}>\n{pictures}</div>\n",
        crate::svg::escape_xml(id),
        reference
            .map(|r| format!(" data-ref=\"{}\"", crate::svg::escape_xml(r)))
            .unwrap_or_default(),
    );
    Ok(Fragment {
        html,
        svgs: Vec::new(),
        data_inline: false,
        pictures,
    })
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
    fn ids_are_ascii() {
        assert_eq!(
            element_id("Standards by level"),
            "stdviz-standards-by-level"
        );
    }
}
