//! Helpers shared by the native integration tests: load the page's specs with their data,
//! parse SVG output, and measure text boxes in a scene.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use stdviz::interact::{step, Event, PointerKind, State};
use stdviz::layout::Viewport;
use stdviz::scene::Scene;
use stdviz::Chart;

/// The repository's `www/` folder.
pub fn www() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www")
}

/// Every page spec (`www/specs/`) and example (`www/examples/`, but its `index.json`), in
/// order: what the golden, phone and browser-text tests go over.
pub fn spec_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["specs", "examples"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(www().join(dir))
            .expect("spec folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && p.file_name().is_some_and(|n| n != "index.json")
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// A spec from `www/specs/` with its `data.url` read from `www/`, as the page loads it.
pub fn page_chart(name: &str) -> Chart {
    let spec_text = std::fs::read_to_string(www().join("specs").join(name)).expect("spec file");
    let json: serde_json::Value = serde_json::from_str(&spec_text).expect("spec JSON");
    let data = json["data"]["url"]
        .as_str()
        .map(|url| std::fs::read_to_string(www().join(url)).expect("data file"));
    Chart::new(&spec_text, data.as_deref()).expect("valid chart")
}

/// Lays a chart out at `width` CSS px.
pub fn scene_at(chart: &Chart, width: f32) -> Scene {
    chart
        .scene(Viewport {
            width,
            height: None,
        })
        .expect("layout")
}

/// A chart laid out at `width` CSS px and written as SVG.
pub fn svg_at(spec: &str, width: f32) -> String {
    let chart = Chart::new(spec, None).expect("valid chart");
    stdviz::svg::to_svg(&scene_at(&chart, width)).expect("svg")
}

/// A shape found in SVG output: its fill and bounding box.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgShape {
    pub fill: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl SvgShape {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

fn num(node: roxmltree::Node<'_, '_>, attr: &str) -> f64 {
    node.attribute(attr)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// Every filled `<rect>` and `<polygon>` in the SVG, with its bounding box.
pub fn filled_shapes(svg: &str) -> Vec<SvgShape> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let mut out = Vec::new();
    for n in doc.descendants() {
        let Some(fill) = n.attribute("fill") else {
            continue;
        };
        if fill == "none" {
            continue;
        }
        match n.tag_name().name() {
            "rect" => {
                let (x, y) = (num(n, "x"), num(n, "y"));
                out.push(SvgShape {
                    fill: fill.to_string(),
                    x0: x,
                    y0: y,
                    x1: x + num(n, "width"),
                    y1: y + num(n, "height"),
                });
            }
            "polygon" => {
                let pts: Vec<(f64, f64)> = n
                    .attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .filter_map(|p| p.split_once(','))
                    .filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                    .collect();
                let fold = |f: fn(f64, f64) -> f64, init: f64, sel: fn(&(f64, f64)) -> f64| {
                    pts.iter().map(sel).fold(init, f)
                };
                out.push(SvgShape {
                    fill: fill.to_string(),
                    x0: fold(f64::min, f64::INFINITY, |p| p.0),
                    y0: fold(f64::min, f64::INFINITY, |p| p.1),
                    x1: fold(f64::max, f64::NEG_INFINITY, |p| p.0),
                    y1: fold(f64::max, f64::NEG_INFINITY, |p| p.1),
                });
            }
            _ => {}
        }
    }
    out
}

/// The text of a `<text>` node as SVG renders it (plotters wraps it in newlines, which
/// SVG's default white-space handling strips).
pub fn text_of(n: roxmltree::Node<'_, '_>) -> String {
    n.text().unwrap_or("").trim().to_string()
}

/// The first `<text>` element whose text is `wanted`.
pub fn find_text<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    wanted: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .find(|n| n.has_tag_name("text") && text_of(*n) == wanted)
}

/// The text content of every `<text>` element.
pub fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(text_of)
        .collect()
}

/// Bounding boxes (x0, y0, x1, y1) of every text in the scene, measured the way the
/// layout measures them.
pub fn text_boxes(scene: &Scene) -> Vec<(String, [f32; 4])> {
    scene
        .text_boxes()
        .into_iter()
        .map(|(t, r)| (t.to_string(), [r.x, r.y, r.x + r.width, r.y + r.height]))
        .collect()
}

/// Pairs of texts whose boxes overlap by more than half a pixel.
pub fn overlapping_texts(scene: &Scene) -> Vec<(String, String)> {
    let boxes = text_boxes(scene);
    let mut out = Vec::new();
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            let (a, b) = (&boxes[i].1, &boxes[j].1);
            let ox = a[2].min(b[2]) - a[0].max(b[0]);
            let oy = a[3].min(b[3]) - a[1].max(b[1]);
            if ox > 0.5 && oy > 0.5 {
                out.push((boxes[i].0.clone(), boxes[j].0.clone()));
            }
        }
    }
    out
}

/// Steps `state` through `events` as the page does: `interact::step` on each, and a new
/// layout at `view` (then `State::after_layout`) whenever the view state changes.
pub fn drive_from(
    chart: &Chart,
    view: Viewport,
    mut state: State,
    events: &[Event],
) -> (State, Scene) {
    let mut scene = chart.scene_with(view, &state.view).unwrap();
    for e in events {
        let (next, _) = step(&state, *e, &scene);
        if next.view != state.view {
            scene = chart.scene_with(view, &next.view).unwrap();
            state = next;
            state.after_layout(&scene);
        } else {
            state = next;
        }
    }
    (state, scene)
}

/// A drag from `a` to `b` by pointer 5 of `kind`: down, four moves, up.
pub fn drag(a: (f32, f32), b: (f32, f32), kind: PointerKind) -> Vec<Event> {
    let mut out = vec![Event::PointerDown {
        id: 5,
        x: a.0,
        y: a.1,
        kind,
    }];
    for k in 1..=4 {
        let f = k as f32 / 4.0;
        out.push(Event::PointerMove {
            id: 5,
            x: a.0 + (b.0 - a.0) * f,
            y: a.1 + (b.1 - a.1) * f,
            kind,
        });
    }
    out.push(Event::PointerUp {
        id: 5,
        x: b.0,
        y: b.1,
        kind,
    });
    out
}

/// The translucent brush rectangles of an SVG (opacity under 0.5).
pub fn brush_rects(svg: &str) -> Vec<stdviz::scene::Rect> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is XML");
    let num = |n: &roxmltree::Node, a: &str| -> f32 {
        n.attribute(a)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f32::NAN)
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "rect")
        .filter(|n| {
            n.attribute("opacity")
                .and_then(|o| o.parse::<f32>().ok())
                .is_some_and(|o| o < 0.5)
        })
        .map(|n| stdviz::scene::Rect {
            x: num(&n, "x"),
            y: num(&n, "y"),
            width: num(&n, "width"),
            height: num(&n, "height"),
        })
        .collect()
}
