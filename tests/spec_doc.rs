#![cfg(not(target_arch = "wasm32"))]
//! Every example in `docs/SPEC.md` is a test.
//!
//! The test reads the reference, takes each fenced block whose info string starts with
//! `json`, and runs it the way the page does: parse the spec and load its data
//! (`data.url` read from `www/`), lay it out 640 px wide, render it to SVG. The info
//! string says what must happen:
//!
//! | info string | expectation |
//! | --- | --- |
//! | `json` | succeeds with no warnings |
//! | `json error:TEXT` | fails (while parsing, loading, laying out or rendering) with a message containing `TEXT` — the JSON path, or for data errors the line and column (the rest of the info string) |
//! | `json warning:PATH` | succeeds, and a warning's path is exactly `PATH` |
//!
//! Failures are collected and reported together, each named by the line of its opening
//! fence in `SPEC.md`.

use std::path::{Path, PathBuf};
use stdviz::layout::Viewport;
use stdviz::Chart;

/// What the reference says a block must do.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Ok,
    Error(String),
    Warning(String),
}

/// One example: the line of its opening fence, what it must do, and its text.
#[derive(Debug, Clone)]
struct Example {
    line: usize,
    expect: Expect,
    text: String,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ```json blocks of a Markdown document.
fn examples(markdown: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Option<Expect>, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_start();
        match open.as_mut() {
            None => {
                let Some(info) = trimmed.strip_prefix("```") else {
                    continue;
                };
                let info = info.trim();
                let (lang, rest) = info.split_once(' ').unwrap_or((info, ""));
                let rest = rest.trim();
                let expect = match lang {
                    "json" => Some(
                        match (rest.strip_prefix("error:"), rest.strip_prefix("warning:")) {
                            _ if rest.is_empty() => Expect::Ok,
                            (Some(e), _) if !e.trim().is_empty() => {
                                Expect::Error(e.trim().to_string())
                            }
                            (_, Some(w)) if !w.trim().is_empty() && !w.contains(' ') => {
                                Expect::Warning(w.trim().to_string())
                            }
                            _ => {
                                return Err(format!(
                                    "SPEC.md:{n}: unknown info string \"{info}\" (use json, \
                                     json error:TEXT or json warning:PATH)"
                                ))
                            }
                        },
                    ),
                    _ => None,
                };
                open = Some((n, expect, String::new()));
            }
            Some((start, expect, text)) => {
                if trimmed.starts_with("```") {
                    if let Some(expect) = expect.take() {
                        out.push(Example {
                            line: *start,
                            expect,
                            text: std::mem::take(text),
                        });
                    }
                    open = None;
                } else if expect.is_some() {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    if let Some((start, _, _)) = open {
        return Err(format!("SPEC.md:{start}: code block is never closed"));
    }
    Ok(out)
}

/// Parses, loads, lays out and renders a spec as the page would, 640 px wide.
fn run(text: &str, www: &Path) -> Result<Chart, String> {
    let chart = Chart::with_files(text, &|url| std::fs::read(www.join(url)).ok())
        .map_err(|e| e.to_string())?;
    let scene = chart
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .map_err(|e| e.to_string())?;
    let svg = stdviz::svg::to_svg(&scene).map_err(|e| e.to_string())?;
    if !svg.contains("<svg") {
        return Err("the SVG output has no <svg> element".into());
    }
    Ok(chart)
}

fn warnings_of(chart: &Chart) -> String {
    chart
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks one example.
fn check(ex: &Example, www: &Path) -> Result<(), String> {
    match &ex.expect {
        Expect::Ok => match run(&ex.text, www) {
            Ok(chart) if chart.warnings.is_empty() => Ok(()),
            Ok(chart) => Err(format!(
                "expected no warnings, got: {}",
                warnings_of(&chart)
            )),
            Err(e) => Err(format!("expected success, got: {e}")),
        },
        Expect::Warning(path) => match run(&ex.text, www) {
            Ok(chart) if chart.warnings.iter().any(|w| w.path == *path) => Ok(()),
            Ok(chart) => Err(format!(
                "expected a warning at {path}, got: [{}]",
                warnings_of(&chart)
            )),
            Err(e) => Err(format!(
                "expected success with a warning at {path}, got: {e}"
            )),
        },
        Expect::Error(path) => match run(&ex.text, www) {
            Ok(_) => Err(format!("expected an error naming {path}, but it succeeded")),
            Err(e) if e.contains(path.as_str()) => Ok(()),
            Err(e) => Err(format!("expected an error naming {path}, got: {e}")),
        },
    }
}

#[test]
fn every_example_in_the_spec_reference_behaves_as_documented() {
    let doc_path = manifest_dir().join("docs").join("SPEC.md");
    let doc = std::fs::read_to_string(&doc_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", doc_path.display()));
    let www = manifest_dir().join("www");
    let examples = examples(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        examples.len() >= 60,
        "docs/SPEC.md has {} json examples; the reference promises at least 60",
        examples.len()
    );
    let mut failures = Vec::new();
    for ex in &examples {
        if let Err(e) = check(ex, &www) {
            failures.push(format!("SPEC.md:{}: {e}", ex.line));
        }
    }
    eprintln!(
        "spec_doc: {} examples, {} failed",
        examples.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} examples in docs/SPEC.md failed:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

#[test]
fn the_extractor_reads_info_strings() {
    let md = "text\n```json\n{}\n```\n```json error:encoding.x.type\n{\"a\": 1}\n```\n\
              ```sh\nls\n```\n```json warning:padding\n{}\n```\n";
    let ex = examples(md).unwrap();
    let got: Vec<(usize, Expect)> = ex.iter().map(|e| (e.line, e.expect.clone())).collect();
    assert_eq!(
        got,
        vec![
            (2, Expect::Ok),
            (5, Expect::Error("encoding.x.type".into())),
            (11, Expect::Warning("padding".into())),
        ]
    );
    assert_eq!(ex[1].text, "{\"a\": 1}\n");
    assert!(examples("```json bogus\n{}\n```\n").is_err());
    assert!(examples("```json warning:a b\n{}\n```\n").is_err());
    let cell = examples("```json error:line 3, column 2\n{}\n```\n").unwrap();
    assert_eq!(cell[0].expect, Expect::Error("line 3, column 2".into()));
    assert!(examples("```json\n{}\n").is_err());
}
