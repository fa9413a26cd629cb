//! Benchmark of issue #16 (phone typography): for the founding bar chart and the three
//! densest examples (most texts at 320 px), at 320 and 375 px — categories and series shown
//! in full as text / all of them, overlapping text pairs, and the layout's time (median of
//! many `Chart::scene` calls, spec parsed once).
//!
//!   cargo run --release --example phone_layout [-- RUNS]
//!
//! Run it on two checkouts (before and after a change) to compare; see bench/phone/README.md.

use std::path::{Path, PathBuf};
use std::time::Instant;
use stdviz::layout::Viewport;
use stdviz::scene::{ChartKind, Scene};
use stdviz::Chart;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn chart(path: &Path) -> Chart {
    let text = std::fs::read_to_string(path).expect("spec");
    let www = root().join("www");
    Chart::with_files(&text, &|url| std::fs::read(www.join(url)).ok()).expect("valid chart")
}

fn scene(c: &Chart, width: f32) -> Scene {
    c.scene(Viewport {
        width,
        height: None,
    })
    .expect("layout")
}

/// A data value as the chart shows it (English charts translate vocabulary terms).
fn shown(s: &Scene, v: &str) -> String {
    match (s.locale, stdviz::vocab::recognise(v)) {
        (stdviz::spec::Locale::En, Some(t)) => stdviz::vocab::name(t, s.locale).into(),
        _ => v.to_string(),
    }
}

/// (shown in full, all) of the categories and series a reader must tell apart.
fn names_in_full(s: &Scene) -> (usize, usize) {
    let categorical = matches!(
        s.kind,
        ChartKind::ColumnBars | ChartKind::HorizontalBars | ChartKind::Pie | ChartKind::Donut
    );
    let mut names: Vec<String> = Vec::new();
    for i in &s.items {
        if categorical && !i.label.is_empty() {
            names.push(shown(s, &i.label));
        }
        if let Some(x) = i.series.as_ref().filter(|x| !x.is_empty()) {
            names.push(shown(s, x));
        }
    }
    names.sort();
    names.dedup();
    let texts: Vec<String> = s.texts().iter().map(|t| t.replace('\n', "")).collect();
    let full = names
        .iter()
        .filter(|n| texts.iter().any(|t| t == *n || t.contains(n.as_str())))
        .count();
    (full, names.len())
}

fn overlaps(s: &Scene) -> usize {
    let b = s.text_boxes();
    let mut n = 0;
    for i in 0..b.len() {
        for j in i + 1..b.len() {
            let (a, c) = (b[i].1, b[j].1);
            let ox = (a.x + a.width).min(c.x + c.width) - a.x.max(c.x);
            let oy = (a.y + a.height).min(c.y + c.height) - a.y.max(c.y);
            if ox > 0.5 && oy > 0.5 {
                n += 1;
            }
        }
    }
    n
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let founding = root().join("www/specs/standards-by-level-bar.json");
    let mut examples: Vec<(usize, PathBuf)> = std::fs::read_dir(root().join("www/examples"))
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name().is_some_and(|n| n != "index.json")
        })
        .map(|p| (scene(&chart(&p), 320.0).texts().len(), p))
        .collect();
    examples.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut specs = vec![founding];
    specs.extend(examples.into_iter().take(3).map(|(_, p)| p));
    println!("| spec | width | names in full / all | text overlaps | layout median (µs) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for p in &specs {
        let c = chart(p);
        for w in [320.0, 375.0] {
            let s = scene(&c, w);
            let (full, all) = names_in_full(&s);
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(scene(&c, w));
                    t.elapsed().as_secs_f64() * 1e6
                })
                .collect();
            times.sort_by(f64::total_cmp);
            println!(
                "| {} | {w} | {full} / {all} | {} | {:.0} |",
                p.file_name().unwrap_or_default().to_string_lossy(),
                overlaps(&s),
                times[times.len() / 2]
            );
        }
    }
}
