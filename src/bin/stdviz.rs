//! The stdviz command line: render a spec to SVG or PNG, or check it.
//!
//! ```text
//! stdviz render SPEC.json [--data FILE] [--width PX] [--scale N] -o OUT.svg|OUT.png
//! stdviz check SPEC.json [--data FILE] [--width PX]
//! stdviz bundle SPEC.json... -o REPORT.html [--dist DIR] [--title TEXT]
//! stdviz publish SPEC.json... -o DIR
//! stdviz publish --page PAGE.html...
//! stdviz --help
//! ```
//!
//! `render` draws exactly what the browser draws: the scene goes through plotters'
//! `SVGBackend` ([`stdviz::svg::to_svg`]); for `.png` that same SVG is rasterised by resvg,
//! with text shaped from the system's fonts (Noto Sans CJK from Debian's `fonts-noto-cjk`
//! for Chinese). The output format follows the extension of `-o`. `--scale N` (1, 2 or 3,
//! PNG only) multiplies the pixel size for HiDPI screens: a 640-px chart at `--scale 2` is
//! a 1280-px PNG. `data.url`s are read beside the spec, in its parent folder, or from
//! `--data FILE`.
//!
//! `bundle` writes ONE HTML file that shows every SPEC from `file://` with the network
//! off: the trunk-built wasm and wasm-bindgen glue (from `--dist`, default `dist/`), the
//! embed script `stdviz.js`, each spec and the files of its `data.url`s are inlined (wasm
//! and data as base64) into the shared template `www/bundle-template.html` (the page's
//! "offline HTML" action fills the same template). Its Content-Security-Policy allows no
//! request: `default-src 'none'`, the inline script and style by SHA-256 hash,
//! `'wasm-unsafe-eval'` to compile the wasm and `blob:` for the glue module. The size of
//! the file is reported.
//!
//! `publish` writes, for each SPEC, `DIR/<name>.html`: an HTML fragment with the chart
//! pre-rendered as SVG at each width of [`stdviz::publish::WIDTHS`] (the same SVG
//! `render --width W` writes), shown by CSS container queries, plus the spec and its
//! small data for the live chart (see [`stdviz::publish`] and docs/EMBED.md). With
//! `--page`, every `<div data-stdviz="SPEC.json"></div>` of each PAGE is replaced in place
//! by that spec's fragment.
//!
//! Exit codes:
//! * 0 — success;
//! * 1 — invalid spec or data (the message on stderr names the JSON path, or the line and
//!   column);
//! * 2 — usage error (unknown command, option or output extension) or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  stdviz render SPEC.json [--data FILE] [--width PX] [--scale N] [--limit NAME=N]... -o OUT.svg|OUT.png
  stdviz check SPEC.json [--data FILE] [--width PX] [--limit NAME=N]...
  stdviz bundle SPEC.json... -o REPORT.html [--dist DIR] [--title TEXT]
  stdviz publish SPEC.json... -o DIR
  stdviz publish --page PAGE.html...
  stdviz --help

options:
  --data FILE   data for the spec's data.url (default: found beside the spec)
  --width PX    chart width in CSS pixels, 1 to 10000 (default 640)
  --scale N     PNG pixels per CSS pixel: 1, 2 or 3 (default 1)
  --limit NAME=N  raise or lower a resource limit (docs/LIMITS.md): maxBytes, maxRows,
                maxColumns, maxCellChars, maxLabelChars, maxCategories, maxMarks
  -o, --out F   output file; .svg or .png picks the format (bundle: .html)
  --dist DIR    bundle: the trunk build to inline (default dist)
  --title TEXT  bundle: the page title (default: stdviz)
  --page PAGE   publish: replace each <div data-stdviz=\"SPEC.json\"></div> of PAGE in place

exit codes:
  0  success
  1  invalid spec or data (the message names the JSON path or line/column)
  2  usage or I/O error";

/// What `-o` asks for, from its extension.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Svg,
    Png,
}

struct Args {
    spec: PathBuf,
    data: Option<PathBuf>,
    out: Option<(PathBuf, Format)>,
    width: f32,
    scale: u32,
    options: stdviz::limits::Options,
}

/// What `stdviz bundle` was asked for.
struct BundleArgs {
    specs: Vec<PathBuf>,
    out: PathBuf,
    dist: PathBuf,
    title: String,
}

/// What `stdviz publish` was asked for.
struct PublishArgs {
    specs: Vec<PathBuf>,
    out: Option<PathBuf>,
    pages: Vec<PathBuf>,
}

/// What the command line asks for: help, or a command to run.
enum Parsed {
    Help,
    Run(Args),
    Bundle(BundleArgs),
    Publish(PublishArgs),
}

fn usage_error(msg: &str) -> String {
    format!("{msg}\n{USAGE}")
}

fn format_of(path: &Path) -> Result<Format, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Ok(Format::Svg),
        Some("png") => Ok(Format::Png),
        _ => Err(usage_error(&format!(
            "cannot tell the output format of {}: name it .svg or .png",
            path.display()
        ))),
    }
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let args: Vec<String> = args.into_iter().collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Parsed::Help);
    }
    let mut it = args.into_iter();
    let command = it.next().ok_or_else(|| usage_error("missing command"))?;
    if command == "bundle" {
        return parse_bundle(it).map(Parsed::Bundle);
    }
    if command == "publish" {
        return parse_publish(it).map(Parsed::Publish);
    }
    if command != "render" && command != "check" {
        return Err(usage_error(&format!("unknown command {command}")));
    }
    let mut spec = None;
    let mut data = None;
    let mut out = None;
    let mut width = 640.0;
    let mut scale = None;
    let mut options = stdviz::limits::Options::default();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--limit" => {
                let arg = it
                    .next()
                    .ok_or_else(|| usage_error("--limit needs NAME=N, e.g. maxMarks=100000"))?;
                let (limit, value) = parse_limit(&arg)?;
                limit.set(&mut options.limits, value);
            }
            "--data" => {
                data = Some(PathBuf::from(
                    it.next()
                        .ok_or_else(|| usage_error("--data needs a file"))?,
                ))
            }
            "-o" | "--out" => {
                let path = PathBuf::from(it.next().ok_or_else(|| usage_error("-o needs a file"))?);
                let format = format_of(&path)?;
                out = Some((path, format));
            }
            "--width" => {
                width = it
                    .next()
                    .and_then(|w| w.parse().ok())
                    .filter(|w: &f32| *w >= 1.0 && *w <= 10_000.0)
                    .ok_or_else(|| {
                        usage_error("--width needs a number of pixels from 1 to 10000")
                    })?
            }
            "--scale" => {
                scale = Some(
                    it.next()
                        .and_then(|s| s.parse().ok())
                        .filter(|s: &u32| (1..=3).contains(s))
                        .ok_or_else(|| usage_error("--scale needs 1, 2 or 3"))?,
                )
            }
            _ if spec.is_none() && !a.starts_with('-') => spec = Some(PathBuf::from(a)),
            other => return Err(usage_error(&format!("unexpected argument {other}"))),
        }
    }
    let spec = spec.ok_or_else(|| usage_error(&format!("{command} needs a SPEC.json")))?;
    match (&command[..], &out) {
        ("render", None) => return Err(usage_error("render needs -o OUT.svg or -o OUT.png")),
        ("render", Some((_, Format::Svg))) if scale.is_some_and(|s| s != 1) => {
            return Err(usage_error(
                "--scale applies to PNG output only (SVG has no pixel size)",
            ))
        }
        ("check", Some(_)) => return Err(usage_error("check writes no file; drop -o")),
        ("check", None) if scale.is_some() => {
            return Err(usage_error("check draws nothing; drop --scale"))
        }
        _ => {}
    }
    Ok(Parsed::Run(Args {
        spec,
        data,
        out,
        width,
        scale: scale.unwrap_or(1),
        options,
    }))
}

/// `maxMarks=100000` (or `max_marks=100000`) → the limit and its value.
fn parse_limit(arg: &str) -> Result<(stdviz::limits::Limit, usize), String> {
    use stdviz::limits::Limit;
    let names = || {
        Limit::ALL
            .iter()
            .map(|l| l.js_name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (name, value) = arg.split_once('=').ok_or_else(|| {
        usage_error(&format!(
            "--limit {arg}: write NAME=N, e.g. maxMarks=100000"
        ))
    })?;
    let limit = Limit::from_name(name).ok_or_else(|| {
        usage_error(&format!(
            "--limit {arg}: unknown limit {name}; the limits are {}",
            names()
        ))
    })?;
    let value = value
        .replace('_', "")
        .parse::<usize>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| {
            usage_error(&format!(
                "--limit {arg}: {name} needs a whole number above 0"
            ))
        })?;
    Ok((limit, value))
}

fn parse_bundle(mut it: impl Iterator<Item = String>) -> Result<BundleArgs, String> {
    let mut specs = Vec::new();
    let mut out = None;
    let mut dist = PathBuf::from("dist");
    let mut title = "stdviz".to_string();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--out" => {
                let path = PathBuf::from(it.next().ok_or_else(|| usage_error("-o needs a file"))?);
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if !matches!(ext.as_deref(), Some("html" | "htm")) {
                    return Err(usage_error(&format!(
                        "bundle writes HTML: name the output {}.html",
                        path.display()
                    )));
                }
                out = Some(path);
            }
            "--dist" => {
                dist = PathBuf::from(
                    it.next()
                        .ok_or_else(|| usage_error("--dist needs a folder"))?,
                )
            }
            "--title" => {
                title = it
                    .next()
                    .ok_or_else(|| usage_error("--title needs a text"))?
            }
            _ if !a.starts_with('-') => specs.push(PathBuf::from(a)),
            other => return Err(usage_error(&format!("unexpected argument {other}"))),
        }
    }
    if specs.is_empty() {
        return Err(usage_error("bundle needs at least one SPEC.json"));
    }
    let out = out.ok_or_else(|| usage_error("bundle needs -o REPORT.html"))?;
    Ok(BundleArgs {
        specs,
        out,
        dist,
        title,
    })
}

fn parse_publish(mut it: impl Iterator<Item = String>) -> Result<PublishArgs, String> {
    let mut args = PublishArgs {
        specs: Vec::new(),
        out: None,
        pages: Vec::new(),
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--out" => {
                args.out = Some(PathBuf::from(
                    it.next().ok_or_else(|| usage_error("-o needs a folder"))?,
                ))
            }
            "--page" => args.pages.push(PathBuf::from(
                it.next()
                    .ok_or_else(|| usage_error("--page needs an HTML file"))?,
            )),
            _ if !a.starts_with('-') => args.specs.push(PathBuf::from(a)),
            other => return Err(usage_error(&format!("unexpected argument {other}"))),
        }
    }
    match (args.specs.is_empty(), args.pages.is_empty(), &args.out) {
        (true, true, _) => Err(usage_error(
            "publish needs SPEC.json... -o DIR, or --page PAGE.html",
        )),
        (false, _, None) => Err(usage_error("publish needs -o DIR for its fragments")),
        (true, false, Some(_)) => Err(usage_error(
            "publish --page rewrites pages in place; drop -o",
        )),
        _ => Ok(args),
    }
}

/// `stdviz publish`: fragments into a folder, or pages rewritten in place.
fn run_publish(args: &PublishArgs) -> Result<ExitCode, String> {
    use stdviz::publish::{element_id, fragment, publish_page, PublishError, SpecFiles};
    let options = stdviz::limits::Options::default();
    let report = |e: PublishError| match e {
        PublishError::Chart { .. } => {
            eprintln!("{e}");
            Ok(ExitCode::from(1))
        }
        other => Err(other.to_string()),
    };
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    for spec_path in &args.specs {
        let Some(dir) = &args.out else { break };
        let stem = spec_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("chart");
        let published = match SpecFiles::read(spec_path, None)
            .and_then(|spec| fragment(&spec, &element_id(stem), None, &options))
        {
            Ok(p) => p,
            Err(e) => return report(e),
        };
        let out = dir.join(format!("{stem}.html"));
        std::fs::write(&out, &published.html)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        println!(
            "wrote {}: {} bytes, {} widths, data {}",
            out.display(),
            published.html.len(),
            published.svgs.len(),
            if published.data_inline {
                "inline"
            } else {
                "fetched by the live chart"
            }
        );
    }
    for page_path in &args.pages {
        let page = read(page_path)?;
        let (html, done) = match publish_page(&page, page_path, &options) {
            Ok(r) => r,
            Err(e) => return report(e),
        };
        std::fs::write(page_path, html)
            .map_err(|e| format!("cannot write {}: {e}", page_path.display()))?;
        println!(
            "published {} chart(s) into {}: {}",
            done.published.len(),
            page_path.display(),
            done.published.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Finds a relative `data.url` as `publish` does ([`stdviz::publish::resolve_data_url`]).
fn resolve(spec: &Path, url: &str) -> Option<PathBuf> {
    stdviz::publish::resolve_data_url(spec, url)
}

/// The generic CSS families, which any installed font satisfies.
const GENERIC_FAMILIES: &[&str] = &["serif", "sans-serif", "monospace", "cursive", "fantasy"];

/// Sans-serif fonts common on Linux, for `sans-serif` when the theme's fonts are missing.
const FALLBACK_SANS: &[&str] = &["Noto Sans", "DejaVu Sans", "Liberation Sans", "FreeSans"];

/// Rasterises `svg` (as written by [`stdviz::svg::to_svg`]) to PNG bytes at `scale` device
/// pixels per CSS pixel, with text in the system's fonts.
fn svg_to_png(svg: &str, scale: u32) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};

    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    // resvg silently drops glyphs no font covers; say so when the theme's fonts are absent.
    let theme = stdviz::theme::Theme::default();
    let named: Vec<&str> = theme
        .font_family
        .split(',')
        .map(str::trim)
        .filter(|f| !GENERIC_FAMILIES.contains(f))
        .collect();
    let families: Vec<_> = named
        .iter()
        .map(|f| usvg::fontdb::Family::Name(f))
        .collect();
    let query = usvg::fontdb::Query {
        families: &families,
        ..Default::default()
    };
    if fonts.query(&query).is_none() {
        eprintln!(
            "warning: none of the fonts {} is installed; Chinese text may be missing from the PNG \
             (on Debian: apt-get install fonts-noto-cjk)",
            named.join(", ")
        );
        // `sans-serif` means Arial to fontdb; without it no text at all would be drawn.
        // Prefer a common Linux sans-serif so that at least Latin text and digits show.
        let installed = |name: &&&str| {
            fonts
                .query(&usvg::fontdb::Query {
                    families: &[usvg::fontdb::Family::Name(name)],
                    ..Default::default()
                })
                .is_some()
        };
        if let Some(name) = FALLBACK_SANS.iter().find(installed) {
            fonts.set_sans_serif_family(*name);
        }
    }

    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| format!("cannot read the rendered SVG back: {e}"))?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width() * scale, size.height() * scale);
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot allocate a {width}×{height} PNG"))?;
    let s = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

fn run() -> Result<ExitCode, String> {
    let args = match parse_args(std::env::args().skip(1))? {
        Parsed::Help => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Parsed::Run(args) => args,
        Parsed::Bundle(args) => return bundle::run(&args),
        Parsed::Publish(args) => return run_publish(&args),
    };
    let spec_text = read(&args.spec)?;
    let fail = |e: stdviz::error::Error| {
        eprintln!("{}: {e}", args.spec.display());
        Ok(ExitCode::from(1))
    };
    let urls = match stdviz::Chart::data_urls(&spec_text) {
        Ok(u) => u,
        Err(e) => return fail(e),
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for url in &urls {
        let path = match &args.data {
            Some(d) => d.clone(),
            None => resolve(&args.spec, url).ok_or_else(|| format!("cannot find data.url \"{url}\" beside {} or in the current folder; pass --data FILE", args.spec.display()))?,
        };
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        files.push((url.clone(), bytes));
    }
    let lookup = |u: &str| files.iter().find(|(k, _)| k == u).map(|(_, b)| b.clone());
    let chart = match stdviz::Chart::with_options(&spec_text, &lookup, &args.options) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    for w in &chart.warnings {
        eprintln!("{}: {w}", args.spec.display());
    }
    if let Some(layout) = chart.data_layout.as_ref().filter(|l| !l.is_plain()) {
        eprintln!(
            "{}: data layout: {}",
            args.spec.display(),
            layout.describe()
        );
    }
    let scene = match chart.scene(stdviz::layout::Viewport {
        width: args.width,
        height: None,
    }) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let Some((out, format)) = &args.out else {
        println!("{}: ok ({} marks)", args.spec.display(), scene.items.len());
        return Ok(ExitCode::SUCCESS);
    };
    // A drawing failure is the backend's, not the spec's: exit 2 as for I/O.
    let svg = stdviz::svg::to_svg(&scene).map_err(|e| e.to_string())?;
    let bytes = match format {
        Format::Svg => svg.into_bytes(),
        Format::Png => svg_to_png(&svg, args.scale)?,
    };
    std::fs::write(out, bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

/// `stdviz bundle`: one offline HTML file with the wasm, the JS, the specs and their data.
mod bundle {
    use super::{read, resolve, BundleArgs};
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    /// The template shared with the page's "offline HTML" action (www/stdviz.js).
    pub const TEMPLATE: &str = include_str!("../../www/bundle-template.html");

    /// Version of the data block that www/stdviz.js reads.
    const VERSION: u32 = 1;

    /// The trunk build's pieces: the embed script, the wasm-bindgen glue and the wasm.
    pub struct Dist {
        pub loader: String,
        pub glue: String,
        pub wasm: Vec<u8>,
    }

    /// Reads `stdviz.js`, the one full chart wasm `full-engine-*_bg.wasm` (every chart of
    /// a bundle draws with it; scripts/full-wasm.sh) or, in a build without it, the one
    /// `stdviz-*_bg.wasm`, and the wasm's glue, from `dir`.
    pub fn read_dist(dir: &Path) -> Result<Dist, String> {
        let full = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                            n.starts_with("full-engine-") && n.ends_with("_bg.wasm")
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            format!(
                "cannot read the trunk build in {}: {e} (build it with `trunk build --release`, or pass --dist DIR)",
                dir.display()
            )
        })?;
        let mut wasm_files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("stdviz") && n.ends_with("_bg.wasm"))
            })
            .collect();
        wasm_files.sort();
        let wasm_path = match (full.as_slice(), wasm_files.as_slice()) {
            ([one], _) | ([], [one]) => one.clone(),
            ([], []) => {
                return Err(format!(
                    "no stdviz-*_bg.wasm in {}: build the page with `trunk build --release`",
                    dir.display()
                ))
            }
            ([], many) | (many, _) => {
                return Err(format!(
                    "{} wasm files in {} ({}): remove old builds",
                    many.len(),
                    dir.display(),
                    many.iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        };
        let name = wasm_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let glue_path = dir.join(format!("{}.js", name.trim_end_matches("_bg.wasm")));
        let wasm = std::fs::read(&wasm_path)
            .map_err(|e| format!("cannot read {}: {e}", wasm_path.display()))?;
        Ok(Dist {
            loader: read(&dir.join("stdviz.js"))?,
            glue: read(&glue_path)?,
            wasm,
        })
    }

    /// One chart of the bundle: its spec text, the bytes of each `data.url`, and its
    /// pre-rendered pictures (`stdviz::publish::Fragment::pictures`), shown in its box
    /// until the live chart mounts.
    pub struct Entry {
        pub spec: String,
        pub files: Vec<(String, Vec<u8>)>,
        pub pictures: String,
    }

    /// Escapes text for HTML content and attribute values.
    pub fn escape_html(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    /// `'sha256-…'` of `text`, as a CSP source expression.
    pub fn csp_hash(text: &str) -> String {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    }

    /// Replaces every `{{NAME}}` of `template` in one pass (values are not scanned again);
    /// an unknown name is an error.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> Result<String, String> {
        let mut out =
            String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
        let mut rest = template;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after
                .find("}}")
                .ok_or_else(|| "the bundle template has an unclosed {{".to_string())?;
            let name = &after[..end];
            let value = values
                .iter()
                .find(|(k, _)| *k == name)
                .ok_or_else(|| format!("the bundle template names an unknown {{{{{name}}}}}"))?;
            out.push_str(value.1);
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The offline HTML for `entries`, filled into [`TEMPLATE`].
    pub fn build(title: &str, dist: &Dist, entries: &[Entry]) -> Result<String, String> {
        let lower = dist.loader.to_ascii_lowercase();
        if lower.contains("</script") || lower.contains("<!--") {
            return Err(
                "stdviz.js contains a closing script tag or a comment opener; it cannot be inlined"
                    .into(),
            );
        }
        let style = TEMPLATE
            .split_once("<style>")
            .and_then(|(_, rest)| rest.split_once("</style>"))
            .map(|(style, _)| style)
            .ok_or_else(|| "the bundle template has no <style> element".to_string())?;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        let charts: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                let files: serde_json::Map<String, serde_json::Value> = e
                    .files
                    .iter()
                    .map(|(url, bytes)| (url.clone(), serde_json::Value::String(b64(bytes))))
                    .collect();
                serde_json::json!({"spec": e.spec, "files": files})
            })
            .collect();
        let payload = serde_json::json!({
            "stdvizBundle": VERSION,
            "glue": dist.glue,
            "wasm": b64(&dist.wasm),
            "template": TEMPLATE,
            "charts": charts,
        });
        // `<` only occurs inside JSON strings, where \u003c means the same: the block can
        // then hold neither a closing script tag nor a comment opener.
        let payload = payload.to_string().replace('<', "\\u003c");
        let figures: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| format!("<figure class=\"chart\"><div class=\"stdviz\" data-stdviz=\"bundle:{i}\"><div class=\"stdviz-pub\">{}</div></div></figure>", e.pictures))
            .collect();
        let title = escape_html(title);
        let script_hash = csp_hash(&dist.loader);
        // The template's style, and the pictures' (the same two texts for every chart).
        let mut styles = vec![style];
        for e in entries {
            for text in stdviz::publish::style_texts(&e.pictures) {
                if !styles.contains(&text) {
                    styles.push(text);
                }
            }
        }
        let style_hash = styles
            .iter()
            .map(|s| csp_hash(s))
            .collect::<Vec<_>>()
            .join(" ");
        let charts = figures.join("\n");
        fill(
            TEMPLATE,
            &[
                ("TITLE", &title),
                ("SCRIPT_HASH", &script_hash),
                ("STYLE_HASH", &style_hash),
                ("CHARTS", &charts),
                ("BUNDLE", &payload),
                ("LOADER", &dist.loader),
            ],
        )
    }

    fn thousands(n: usize) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// Reads each spec and its data, checks that it draws, and writes the bundle.
    pub fn run(args: &BundleArgs) -> Result<ExitCode, String> {
        let mut entries = Vec::new();
        for spec_path in &args.specs {
            let spec = read(spec_path)?;
            let urls = match stdviz::Chart::data_urls(&spec) {
                Ok(u) => u,
                Err(e) => {
                    eprintln!("{}: {e}", spec_path.display());
                    return Ok(ExitCode::from(1));
                }
            };
            let mut files = Vec::new();
            for url in urls {
                let path = resolve(spec_path, &url).ok_or_else(|| {
                    format!(
                        "cannot find data.url \"{url}\" beside {} or in the current folder",
                        spec_path.display()
                    )
                })?;
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                files.push((url, bytes));
            }
            // Drawn at every published width: the check that it draws, and its pictures.
            let spec_files = stdviz::publish::SpecFiles {
                path: spec_path.clone(),
                text: spec,
                files,
            };
            let options = stdviz::limits::Options::default();
            let published = match stdviz::publish::fragment(&spec_files, "bundle", None, &options) {
                Ok(p) => p,
                Err(e @ stdviz::publish::PublishError::Chart { .. }) => {
                    eprintln!("{e}");
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.to_string()),
            };
            entries.push(Entry {
                spec: spec_files.text,
                files: spec_files.files,
                pictures: published.pictures,
            });
        }
        let dist = read_dist(&args.dist)?;
        let html = build(&args.title, &dist, &entries)?;
        std::fs::write(&args.out, &html)
            .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
        let data: usize = entries
            .iter()
            .map(|e| e.spec.len() + e.files.iter().map(|f| f.1.len()).sum::<usize>())
            .sum();
        println!(
            "wrote {}: {} bytes, {} chart(s) (inside: wasm {} bytes as base64, glue {} bytes, stdviz.js {} bytes, specs and data {} bytes)",
            args.out.display(),
            thousands(html.len()),
            entries.len(),
            thousands(dist.wasm.len()),
            thousands(dist.glue.len()),
            thousands(dist.loader.len()),
            thousands(data),
        );
        Ok(ExitCode::SUCCESS)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn placeholders_are_filled_in_one_pass() {
            let out = fill("a {{X}} b {{Y}} {{X}}", &[("X", "{{Y}}"), ("Y", "2")]).unwrap();
            assert_eq!(out, "a {{Y}} b 2 {{Y}}");
            assert!(fill("{{Z}}", &[]).is_err());
            assert!(fill("{{open", &[]).is_err());
        }

        #[test]
        fn hashes_are_csp_sha256_sources() {
            // SHA-256 of "" is e3b0c442…; base64 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=.
            assert_eq!(
                csp_hash(""),
                "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
            );
        }

        #[test]
        fn the_template_has_every_placeholder_and_a_strict_policy() {
            for name in [
                "TITLE",
                "SCRIPT_HASH",
                "STYLE_HASH",
                "CHARTS",
                "BUNDLE",
                "LOADER",
            ] {
                assert!(TEMPLATE.contains(&format!("{{{{{name}}}}}")), "{name}");
            }
            assert!(TEMPLATE.contains("default-src 'none'"));
            // Inline style attributes only (set by the wasm glue), never inline script.
            assert!(!TEMPLATE.contains("script-src 'unsafe-inline'"));
        }

        #[test]
        fn text_is_escaped_and_scripts_cannot_close_early() {
            let dist = Dist {
                loader: "console.log(1)".into(),
                glue: "export const x = '</script><!--';".into(),
                wasm: vec![0, 97, 115, 109],
            };
            let entries = [Entry {
                spec: r#"{"title": "</script>"}"#.into(),
                files: vec![("d.csv".into(), "a\n<b>".into())],
                pictures: "<style>.x{}</style><div class=\"stdviz-w\"></div>".into(),
            }];
            let html = build("A & <B>", &dist, &entries).unwrap();
            assert!(html.contains("<title>A &amp; &lt;B&gt;</title>"));
            assert_eq!(
                html.matches("</script>").count(),
                2,
                "only the two real closing tags"
            );
            assert!(!html.contains("<!--'"));
            let bad = Dist {
                loader: "x = '</script>'".into(),
                ..dist
            };
            assert!(build("t", &bad, &entries).is_err());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Parsed, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    fn run_args(args: &[&str]) -> Args {
        match parse(args) {
            Ok(Parsed::Run(a)) => a,
            Ok(Parsed::Help) => panic!("help for {args:?}"),
            Ok(Parsed::Bundle(_)) => panic!("bundle for {args:?}"),
            Ok(Parsed::Publish(_)) => panic!("publish for {args:?}"),
            Err(e) => panic!("{args:?}: {e}"),
        }
    }

    #[test]
    fn output_format_follows_the_extension() {
        let a = run_args(&["render", "s.json", "-o", "OUT.PNG", "--scale", "2"]);
        assert_eq!(a.out.map(|o| o.1), Some(Format::Png));
        assert_eq!(a.scale, 2);
        let a = run_args(&["render", "s.json", "-o", "out.svg"]);
        assert_eq!(a.out.map(|o| o.1), Some(Format::Svg));
        assert_eq!(a.scale, 1);
        for bad in ["x.gif", "x", "x.svg.txt"] {
            assert!(parse(&["render", "s.json", "-o", bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_are_set_by_either_name() {
        let a = run_args(&[
            "check",
            "s.json",
            "--limit",
            "maxMarks=100_000",
            "--limit",
            "max_rows=7",
        ]);
        assert_eq!(a.options.limits.max_marks, 100_000);
        assert_eq!(a.options.limits.max_rows, 7);
        let defaults = stdviz::limits::Limits::default();
        assert_eq!(a.options.limits.max_columns, defaults.max_columns);
    }

    #[test]
    fn usage_errors() {
        for bad in [
            &["render", "s.json"][..],
            &["render", "s.json", "-o", "x.png", "--scale", "4"],
            &["render", "s.json", "-o", "x.png", "--scale", "0"],
            &["render", "s.json", "-o", "x.svg", "--scale", "2"],
            &["render", "s.json", "-o", "x.svg", "--width", "0"],
            &["check", "s.json", "-o", "x.svg"],
            &["draw", "s.json"],
            &["render", "-o", "x.svg"],
            &[],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        for bad in [
            "maxMarks",
            "maxMark=5",
            "maxMarks=0",
            "maxMarks=-1",
            "maxMarks=x",
        ] {
            assert!(
                parse(&["check", "s.json", "--limit", bad]).is_err(),
                "--limit {bad}"
            );
        }
        assert!(matches!(parse(&["render", "-h"]), Ok(Parsed::Help)));
        assert!(matches!(parse(&["--help"]), Ok(Parsed::Help)));
    }
}
