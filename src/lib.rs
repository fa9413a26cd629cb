//! # stdviz
//!
//! Charts of standardization statistics — how many national, industry and local standards
//! a city's organisations drafted, how many pilot projects it runs — from JSON specs in a
//! documented subset of Vega-Lite, drawn through plotters: on an HTML canvas in the
//! browser (WebAssembly) and as SVG natively.
//!
//! Data flows one way, each stage testable without a browser:
//!
//! ```text
//! bytes ─▶ table (typed columns) ─▶ spec (validated) ─▶ transform ─▶ scene ─▶ DrawingBackend
//! ```
//!
//! ```
//! let spec = r#"{
//!   "width": 300,
//!   "data": {"values": [{"level": "国家标准", "count": 80}, {"level": "行业标准", "count": 37}]},
//!   "mark": "bar",
//!   "encoding": {
//!     "x": {"field": "level", "type": "nominal", "sort": null},
//!     "y": {"field": "count", "type": "quantitative"}
//!   }
//! }"#;
//! let chart = stdviz::Chart::new(spec, None).unwrap();
//! let scene = chart.scene(stdviz::layout::Viewport { width: 400.0, height: None }).unwrap();
//! assert_eq!(scene.items.len(), 2);
//! let svg = stdviz::svg::to_svg(&scene).unwrap();
//! assert!(svg.contains("国家标准"));
//! ```

pub mod color;
pub mod describe;
pub mod error;
pub mod format;
pub mod layout;
pub mod render;
pub mod scale;
pub mod scene;
pub mod spec;
pub mod svg;
pub mod table;
pub mod text;
pub mod theme;
pub mod transform;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod web;

use error::{Error, Warning};
use layout::Viewport;
use scene::Scene;
use spec::{ChartSpec, DataFormat, DataSource};
use table::Table;

/// A chart ready to lay out: a validated spec and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The validated spec.
    pub spec: ChartSpec,
    /// The rows.
    pub table: Table,
    /// Warnings met while reading the spec.
    pub warnings: Vec<Warning>,
}

impl Chart {
    /// Parses `spec_text` and loads its data: inline values, or `data_text` (the fetched
    /// contents of the spec's `data.url`, which the host reads; the core does no I/O).
    pub fn new(spec_text: &str, data_text: Option<&str>) -> Result<Chart, Error> {
        let parsed = spec::parse(spec_text)?;
        let table = load_table(&parsed.spec, data_text)?;
        Ok(Chart {
            spec: parsed.spec,
            table,
            warnings: parsed.warnings,
        })
    }

    /// Lays the chart out for `viewport`.
    pub fn scene(&self, viewport: Viewport) -> Result<Scene, Error> {
        layout::layout(&self.spec, &self.table, viewport)
    }

    /// The accessible summary of a scene of this chart.
    pub fn summary(&self, scene: &Scene) -> String {
        describe::summary(scene, self.spec.meta.locale)
    }
}

/// The table a spec's data section describes.
pub fn load_table(spec: &ChartSpec, data_text: Option<&str>) -> Result<Table, Error> {
    match &spec.data {
        DataSource::Inline(t) => Ok(t.clone()),
        DataSource::Url { url, format } => {
            let text = data_text.ok_or_else(|| Error::Data {
                source: url.clone(),
                at: error::Location::Whole,
                expected: "the contents of data.url, fetched by the host".into(),
                found: "nothing".into(),
            })?;
            match format {
                DataFormat::Json { property } => {
                    table::json::parse_records(text, property.as_deref(), url)
                }
            }
        }
    }
}
