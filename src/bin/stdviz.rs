//! The stdviz command line: render a spec to SVG, or check it.
//!
//! ```text
//! stdviz render SPEC.json [--data FILE] [--width PX] -o OUT.svg
//! stdviz check SPEC.json [--data FILE]
//! ```
//! Exit codes: 0 success, 1 invalid spec or data (message on stderr), 2 usage or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:\n  stdviz render SPEC.json [--data FILE] [--width PX] -o OUT.svg\n  stdviz check SPEC.json [--data FILE]";

struct Args {
    command: String,
    spec: PathBuf,
    data: Option<PathBuf>,
    out: Option<PathBuf>,
    width: f32,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it.next().ok_or(USAGE)?;
    let mut spec = None;
    let mut data = None;
    let mut out = None;
    let mut width = 640.0;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = Some(PathBuf::from(it.next().ok_or("--data needs a file")?)),
            "-o" | "--out" => out = Some(PathBuf::from(it.next().ok_or("-o needs a file")?)),
            "--width" => {
                width = it
                    .next()
                    .and_then(|w| w.parse().ok())
                    .filter(|w: &f32| *w > 0.0 && *w <= 10_000.0)
                    .ok_or("--width needs a number of pixels from 1 to 10000")?
            }
            _ if spec.is_none() && !a.starts_with('-') => spec = Some(PathBuf::from(a)),
            other => return Err(format!("unexpected argument {other}\n{USAGE}")),
        }
    }
    Ok(Args {
        command,
        spec: spec.ok_or(USAGE)?,
        data,
        out,
        width,
    })
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

fn run() -> Result<ExitCode, String> {
    let args = parse_args()?;
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
    match args.command.as_str() {
        "check" => {
            println!("{}: ok ({} marks)", args.spec.display(), scene.items.len());
            Ok(ExitCode::SUCCESS)
        }
        "render" => {
            let out = args.out.as_ref().ok_or("render needs -o OUT.svg")?;
            let svg = stdviz::svg::to_svg(&scene).map_err(|e| e.to_string())?;
            std::fs::write(out, svg).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other}\n{USAGE}")),
    }
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
