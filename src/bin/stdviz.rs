//! The stdviz command line: render a spec to SVG or PNG, or check it.
//!
//! ```text
//! stdviz render SPEC.json [--data FILE] [--width PX] [--scale N] -o OUT.svg|OUT.png
//! stdviz check SPEC.json [--data FILE] [--width PX]
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
//! Exit codes:
//! * 0 — success;
//! * 1 — invalid spec or data (the message on stderr names the JSON path, or the line and
//!   column);
//! * 2 — usage error (unknown command, option or output extension) or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  stdviz render SPEC.json [--data FILE] [--width PX] [--scale N] -o OUT.svg|OUT.png
  stdviz check SPEC.json [--data FILE] [--width PX]
  stdviz --help

options:
  --data FILE   data for the spec's data.url (default: found beside the spec)
  --width PX    chart width in CSS pixels, 1 to 10000 (default 640)
  --scale N     PNG pixels per CSS pixel: 1, 2 or 3 (default 1)
  -o, --out F   output file; .svg or .png picks the format

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
}

/// What the command line asks for: help, or a command to run.
enum Parsed {
    Help,
    Run(Args),
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
    if command != "render" && command != "check" {
        return Err(usage_error(&format!("unknown command {command}")));
    }
    let mut spec = None;
    let mut data = None;
    let mut out = None;
    let mut width = 640.0;
    let mut scale = None;
    while let Some(a) = it.next() {
        match a.as_str() {
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
    }))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Finds a relative `data.url`: beside the spec file, then in its parent folder (specs in
/// `www/specs/` name `data/…` relative to the page in `www/`), then in the current folder.
fn resolve(spec: &Path, url: &str) -> Option<PathBuf> {
    if url.contains("://") {
        return None;
    }
    let dir = spec.parent().unwrap_or(Path::new("."));
    [dir.join(url), dir.join("..").join(url), PathBuf::from(url)]
        .into_iter()
        .find(|p| p.is_file())
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
    let chart = match stdviz::Chart::with_files(&spec_text, &lookup) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    for w in &chart.warnings {
        eprintln!("{}: {w}", args.spec.display());
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
        assert!(matches!(parse(&["render", "-h"]), Ok(Parsed::Help)));
        assert!(matches!(parse(&["--help"]), Ok(Parsed::Help)));
    }
}
