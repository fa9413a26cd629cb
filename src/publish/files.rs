//! The file side of publishing (native only): specs and their `data.url`s read from disk
//! (`SpecFiles`, `resolve_data_url`), one chart published from files ([`fragment`]) and a
//! page's empty `data-stdviz` boxes replaced by fragments ([`publish_page`]).

use crate::error::Error;
use crate::limits::Options;
use crate::Chart;
use std::fmt;

use super::fragment::{self, element_id, Fragment};
use std::path::{Path, PathBuf};

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
    fragment::build(&chart, &spec.text, &spec.files, id, reference).map_err(|error| {
        PublishError::Chart {
            spec: spec.path.clone(),
            error,
        }
    })
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
    fn attributes_and_ids() {
        let tag = r#"<div class="stdviz" data-stdviz="specs/a&amp;b.json">"#;
        assert_eq!(
            attribute(tag, "data-stdviz").as_deref(),
            Some("specs/a&b.json")
        );
        assert_eq!(attribute(tag, "data-x"), None);
    }
}
