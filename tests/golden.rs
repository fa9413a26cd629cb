//! Golden SVG tests: every page spec and example, rendered natively at 640 CSS px, must
//! equal its reviewed SVG in `tests/golden/`. After a deliberate change, regenerate with
//! `STDVIZ_UPDATE_GOLDEN=1 cargo test --test golden` and review the diff like code.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::{Path, PathBuf};
use stdviz::layout::Viewport;
use stdviz::Chart;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn specs() -> Vec<PathBuf> {
    common::spec_files()
}

fn render(spec: &Path) -> String {
    let text = std::fs::read_to_string(spec).expect("spec");
    let www = root().join("www");
    let chart = Chart::with_files(&text, &|url| std::fs::read(www.join(url)).ok())
        .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    assert!(
        chart.warnings.is_empty(),
        "{}: {:?}",
        spec.display(),
        chart.warnings
    );
    let scene = chart
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .expect("layout");
    stdviz::svg::to_svg(&scene).expect("svg")
}

#[test]
fn every_example_matches_its_golden_svg() {
    let update = std::env::var_os("STDVIZ_UPDATE_GOLDEN").is_some();
    let golden_dir = root().join("tests/golden");
    std::fs::create_dir_all(&golden_dir).expect("golden folder");
    let mut failures = Vec::new();
    let all = specs();
    assert!(
        all.len() >= 10,
        "expected the page specs and examples, found {}",
        all.len()
    );
    for spec in &all {
        let name = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("spec")
            .to_string();
        let got = render(spec);
        let path = golden_dir.join(format!("{name}.svg"));
        if update {
            std::fs::write(&path, &got).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .map_or(0, |i| i + 1);
                std::fs::write(
                    std::env::temp_dir().join(format!("{name}.actual.svg")),
                    &got,
                )
                .ok();
                failures.push(format!("{name}: differs from tests/golden/{name}.svg from line {line} (actual written to the temp folder)"));
            }
            Err(_) => failures.push(format!(
                "{name}: no golden file; run with STDVIZ_UPDATE_GOLDEN=1 and review it"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rendering_is_deterministic() {
    for spec in specs() {
        assert_eq!(render(&spec), render(&spec), "{}", spec.display());
    }
}
