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

#![warn(missing_docs)]

pub mod check;
pub mod color;
pub mod decimal;
pub mod describe;
pub mod encode;
pub mod error;
pub mod explore;
pub mod format;
pub mod geo;
pub mod interact;
pub mod layout;
pub mod limits;
pub mod publish;
pub mod render;
pub mod scale;
pub mod scene;
pub mod sort;
pub mod spec;
pub mod svg;
pub mod table;
pub mod text;
pub mod theme;
pub mod transform;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The explorer worker's JSON forms (`web::dataset::wire`), also compiled natively for the
/// tests (and for the browser's tests without feature `explore`).
#[cfg(all(test, not(all(target_arch = "wasm32", feature = "explore"))))]
#[path = "web/dataset/wire.rs"]
mod explore_wire;
#[cfg(all(test, target_arch = "wasm32", feature = "explore"))]
use web::dataset::wire as explore_wire;

/// The wasm build's allocator: talc, smaller than the default dlmalloc.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use error::{Error, Location, Warning};
use layout::{ViewTables, Viewport};
pub use limits::{Limits, Options};
use scene::Scene;
use spec::{ChartSpec, DataFormat, DataSource, ParseAs, View, ViewKind};
use table::Table;

/// A chart ready to lay out: a validated spec and the tables of its views.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The validated spec.
    pub spec: ChartSpec,
    /// The rows of every view that brings its own data, by the view's JSON path.
    pub tables: ViewTables,
    /// Warnings met while reading the spec and data.
    pub warnings: Vec<Warning>,
    /// The options the chart was made with (its resource limits).
    pub options: Options,
    /// The layout of the root view's delimited data file: where its header and rows are,
    /// and the title, unit and notes around them (`None` for JSON or inline records).
    pub data_layout: Option<table::csv::Layout>,
    /// The spec's JSON, kept when it has value parameters bound to input elements: a
    /// changed input parses it again with the new value ([`Chart::scene_with`],
    /// `ViewState::values`).
    pub bound_source: Option<std::sync::Arc<serde_json::Value>>,
}

impl Chart {
    /// Parses `spec_text` and loads its data: inline values, or `data_text` — the
    /// fetched contents of the spec's `data.url` (the same text serves every URL of the
    /// spec; use [`Chart::with_files`] for specs that load several files).
    pub fn new(spec_text: &str, data_text: Option<&str>) -> Result<Chart, Error> {
        Chart::with_files(spec_text, &|_| data_text.map(|t| t.as_bytes().to_vec()))
    }

    /// Parses `spec_text`, asking `files` for the bytes of each `data.url` (the host
    /// fetches them; the core does no I/O). Default [`Options`].
    pub fn with_files(
        spec_text: &str,
        files: &dyn Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<Chart, Error> {
        Chart::with_options(spec_text, files, &Options::default())
    }

    /// [`Chart::with_files`] with the host's [`Options`]: the [`Limits`] on input size,
    /// rows, columns, text length, categories and marks. Every limit is checked here,
    /// before any layout, except the marks of forms that only layout can count (a
    /// waffle's squares), which [`Chart::scene`] checks.
    pub fn with_options(
        spec_text: &str,
        files: &dyn Fn(&str) -> Option<Vec<u8>>,
        options: &Options,
    ) -> Result<Chart, Error> {
        let limits = &options.limits;
        if spec_text.len() > limits.max_bytes {
            return Err(Error::Spec {
                path: String::new(),
                expected: limits::Limit::Bytes.expected(limits, "bytes of spec"),
                found: format!("{} bytes", spec_text.len()),
            });
        }
        let json: serde_json::Value =
            serde_json::from_str(spec_text).map_err(|e| Error::SpecSyntax {
                message: e.to_string(),
            })?;
        check::check_spec_texts(&json, limits)?;
        let mut parsed = spec::parse_value(&json)?;
        let bound_source = parsed
            .spec
            .params
            .iter()
            .any(|p| matches!(p.kind, spec::ParamKind::Value { bind: Some(_), .. }))
            .then(|| std::sync::Arc::new(json));
        let mut warnings = parsed.warnings;
        let mut tables = ViewTables::new();
        load_lookups(&mut parsed.spec.view, files, limits, &mut warnings)?;
        let mut loading = Loading {
            files,
            limits,
            layout_options: parsed.spec.meta.layout,
            sheet: parsed.spec.meta.sheet.clone(),
            tables: &mut tables,
            warnings: &mut warnings,
            root_layout: None,
        };
        loading.view(&parsed.spec.view)?;
        let root_layout = loading.root_layout.take();
        let mut spec = parsed.spec;
        if let Some(layout) = &root_layout {
            apply_layout(&mut spec, layout);
        }
        check::check_chart(&spec, &tables, limits, &mut warnings)?;
        // The lite build refuses the table form (Error::NeedsFull) before this point.
        #[cfg(feature = "full")]
        if layout::table_form::table_form(&spec).is_some() {
            // The table's fields are checked here, whatever then shows it (page, publish,
            // or the marks' picture).
            layout::table_form::TableModel::new(&spec, &tables)?;
        }
        Ok(Chart {
            spec,
            tables,
            warnings,
            options: *options,
            data_layout: root_layout,
            bound_source,
        })
    }

    /// The `data.url`s a spec needs, in order, without repeats.
    pub fn data_urls(spec_text: &str) -> Result<Vec<String>, Error> {
        let parsed = spec::parse(spec_text)?;
        let mut out = Vec::new();
        collect_urls(&parsed.spec.view, &mut out);
        Ok(out)
    }

    /// Whether `spec_text` asks for the table form (`usermeta.stdviz.form: "table"`): the
    /// page then mounts an HTML table instead of a canvas. False for a spec that does not
    /// parse (mounting it reports the error).
    pub fn is_table_form(spec_text: &str) -> bool {
        spec::parse(spec_text).is_ok_and(|p| layout::table_form::table_form(&p.spec).is_some())
    }

    /// Lays the chart out for `viewport`.
    /// Fails when the chart draws more than [`Limits::max_marks`] data marks or a
    /// label longer than [`Limits::max_label_chars`].
    pub fn scene(&self, viewport: Viewport) -> Result<Scene, Error> {
        let spec = spec::params::resolve(&self.spec, &Vec::new());
        let scene = layout::layout(&spec, &self.tables, viewport)?;
        check::check_scene(&scene, &self.options.limits)?;
        Ok(scene)
    }

    /// Lays the chart out for `viewport` as the reader left it (hidden series, drill
    /// path, zoom window; see [`interact`]).
    pub fn scene_with(&self, viewport: Viewport, view: &layout::ViewState) -> Result<Scene, Error> {
        let spec = match (&self.bound_source, view.values.is_empty()) {
            (Some(json), false) => {
                let parsed = spec::parse_value_with(json, &view.values)?;
                let mut respec = parsed.spec;
                if let Some(layout) = &self.data_layout {
                    apply_layout(&mut respec, layout);
                }
                spec::params::resolve(&respec, &view.selections)
            }
            _ => spec::params::resolve(&self.spec, &view.selections),
        };
        let scene = layout::layout_with(&spec, &self.tables, viewport, view)?;
        check::check_scene(&scene, &self.options.limits)?;
        Ok(scene)
    }

    /// The accessible summary of a scene of this chart: the spec's `description` when
    /// it has one, then the summary generated from the scene.
    pub fn summary(&self, scene: &Scene) -> String {
        let generated = describe::summary(scene, scene.locale);
        match &self.spec.description {
            Some(d) if !d.trim().is_empty() => format!("{} {generated}", d.trim()),
            _ => generated,
        }
    }
}

fn children(view: &View) -> Vec<&View> {
    match &view.kind {
        ViewKind::Unit { .. } => Vec::new(),
        ViewKind::Layer { layers, .. } => layers.iter().collect(),
        ViewKind::Concat { views, .. } => views.iter().collect(),
        ViewKind::Facet { spec, .. } => vec![spec.as_ref()],
    }
}

fn collect_urls(view: &View, out: &mut Vec<String>) {
    let lookups = view.transform.iter().filter_map(|t| match t {
        spec::Transform::Lookup { from, .. } => Some(&from.data),
        _ => None,
    });
    for data in view.data.iter().chain(lookups) {
        if let DataSource::Url { url, .. } = data {
            if !out.contains(url) {
                out.push(url.clone());
            }
        }
    }
    for c in children(view) {
        collect_urls(c, out);
    }
}

/// Replaces the secondary data of every `lookup` transform (a URL or CSV text) by its
/// rows, loaded as the views' own data are: transforms then only read tables.
fn load_lookups(
    view: &mut View,
    files: &dyn Fn(&str) -> Option<Vec<u8>>,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let path = view.path.clone();
    for (i, t) in view.transform.iter_mut().enumerate() {
        let spec::Transform::Lookup { from, .. } = t else {
            continue;
        };
        let at = if path.is_empty() {
            format!("transform[{i}].from.data")
        } else {
            format!("{path}.transform[{i}].from.data")
        };
        let table = match &from.data {
            DataSource::Inline(t) => {
                check::check_table(t, limits, "inline data", &format!("{at}.values"))?;
                continue;
            }
            DataSource::InlineText {
                text,
                format,
                parse,
            } => load_bytes(
                text.as_bytes(),
                format,
                parse,
                "inline data",
                limits,
                warnings,
            )?,
            DataSource::Url { url, format, parse } => {
                let bytes = files(url).ok_or_else(|| Error::Data {
                    source: url.clone(),
                    at: Location::Whole,
                    expected: format!("the contents of {at}.url, fetched by the host"),
                    found: "nothing".into(),
                })?;
                load_bytes(&bytes, format, parse, url, limits, warnings)?
            }
        };
        from.data = DataSource::Inline(table);
    }
    match &mut view.kind {
        ViewKind::Unit { .. } => Ok(()),
        ViewKind::Layer { layers: views, .. } | ViewKind::Concat { views, .. } => views
            .iter_mut()
            .try_for_each(|v| load_lookups(v, files, limits, warnings)),
        ViewKind::Facet { spec, .. } => load_lookups(spec, files, limits, warnings),
    }
}

/// What loading a spec's data needs and collects.
struct Loading<'a> {
    files: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    limits: &'a Limits,
    /// Corrections of the root view's delimited data layout (`usermeta.stdviz`).
    layout_options: table::csv::LayoutOptions,
    /// The root view's workbook sheet (`usermeta.stdviz.sheet`).
    sheet: Option<String>,
    tables: &'a mut ViewTables,
    warnings: &'a mut Vec<Warning>,
    /// The layout of the root view's delimited data (title, unit, notes around the rows).
    root_layout: Option<table::csv::Layout>,
}

impl Loading<'_> {
    fn view(&mut self, view: &View) -> Result<(), Error> {
        let limits = self.limits;
        let root = view.path.is_empty();
        let file = if root {
            DataFile {
                layout: self.layout_options,
                sheet: self.sheet.as_deref(),
            }
        } else {
            DataFile::default()
        };
        if let Some(data) = &view.data {
            let (table, layout) = match data {
                DataSource::Inline(t) => {
                    let at = format!("{}values", data_path(&view.path));
                    check::check_table(t, limits, "inline data", &at)?;
                    (t.clone(), None)
                }
                DataSource::InlineText {
                    text,
                    format,
                    parse,
                } => load_data(
                    text.as_bytes(),
                    format,
                    parse,
                    &file,
                    "inline data",
                    limits,
                    self.warnings,
                )?,
                DataSource::Url { url, format, parse } => {
                    let bytes = (self.files)(url).ok_or_else(|| Error::Data {
                        source: url.clone(),
                        at: Location::Whole,
                        expected: "the contents of data.url, fetched by the host".into(),
                        found: "nothing".into(),
                    })?;
                    load_data(&bytes, format, parse, &file, url, limits, self.warnings)?
                }
            };
            if root {
                self.root_layout = layout;
            }
            self.tables.insert(view.path.clone(), table);
        }
        children(view).into_iter().try_for_each(|c| self.view(c))
    }
}

/// The title, unit, source and note lines a data file carries (a yearbook layout), set on
/// the spec where it has none of its own.
fn apply_layout(spec: &mut ChartSpec, layout: &table::csv::Layout) {
    if spec.title.is_none() {
        if let Some(text) = layout.chart_title() {
            spec.title = Some(spec::Title {
                text,
                subtitle: layout.subtitle.clone(),
                anchor: spec::Anchor::Start,
                limit: None,
                font_size: None,
                subtitle_font_size: None,
                color: None,
                subtitle_color: None,
                frame_group: false,
            });
        }
    }
    let meta = &mut spec.meta;
    if meta.unit.is_none() {
        meta.unit.clone_from(&layout.unit);
    }
    if meta.source.is_none() {
        meta.source = layout.source();
    }
    if meta.note.is_none() {
        meta.note = layout.note();
    }
}

/// `data.` under the view at `path` (`layer[1].data.`).
fn data_path(path: &str) -> String {
    if path.is_empty() {
        "data.".to_string()
    } else {
        format!("{path}.data.")
    }
}

/// Reads data bytes in `format`: JSON records, or delimited text through the CSV loader.
/// Both detect the text encoding (UTF-8, UTF-16 with BOM, GB18030/GBK). `limits` bound
/// the bytes, rows, fields and value length.
pub fn load_bytes(
    bytes: &[u8],
    format: &DataFormat,
    parse: &[(String, ParseAs)],
    source: &str,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<Table, Error> {
    let file = DataFile::default();
    load_data(bytes, format, parse, &file, source, limits, warnings).map(|(t, _)| t)
}

/// A GeoJSON document, or the TopoJSON object `format` names, as a table of features
/// (`geo`); `None` for plain records. Maps are the full build's.
fn geo_table(
    node: &serde_json::Value,
    format: &DataFormat,
    at: &str,
    source: &str,
) -> Result<Option<Table>, Error> {
    let topo = matches!(format, DataFormat::TopoJson { .. });
    if !topo && !geo::is_geojson(node) {
        return Ok(None);
    }
    #[cfg(not(feature = "full"))]
    {
        let _ = at;
        Err(Error::NeedsFull {
            path: source.to_string(),
            what: "maps (projection, geoshape, GeoJSON/TopoJSON)",
        })
    }
    #[cfg(feature = "full")]
    Ok(Some(match format {
        DataFormat::TopoJson { object, mesh } => {
            geo::topojson_table(node, object, *mesh, at, source)?
        }
        _ => geo::geojson_table(node, at, source)?,
    }))
}

/// What a spec says of its data file beyond `data.format` (`usermeta.stdviz`).
#[derive(Debug, Clone, Copy, Default)]
struct DataFile<'a> {
    /// Corrections of a delimited file's or sheet's layout (the lite chart wasm reads
    /// neither).
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "full")), allow(dead_code))]
    layout: table::csv::LayoutOptions,
    /// A workbook's sheet (the chart pages' wasm reads no workbooks).
    #[cfg_attr(
        all(target_arch = "wasm32", not(feature = "workbook")),
        allow(dead_code)
    )]
    sheet: Option<&'a str>,
}

/// [`load_bytes`] with what the spec says of the file ([`DataFile`]), and the layout found
/// (`None` for JSON).
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "full")),
    allow(unused_variables)
)]
fn load_data(
    bytes: &[u8],
    format: &DataFormat,
    parse: &[(String, ParseAs)],
    file: &DataFile<'_>,
    source: &str,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<(Table, Option<table::csv::Layout>), Error> {
    // A workbook is told by its bytes, whatever the URL's extension made of the format.
    #[cfg(any(not(target_arch = "wasm32"), feature = "workbook"))]
    if table::workbook::kind(bytes).is_some() {
        let book = table::workbook::WorkbookOptions {
            sheet: file.sheet.map(str::to_string),
            delimited: table::csv::DelimitedOptions {
                delimiter: None,
                parse: parse.to_vec(),
                limits: *limits,
                layout: file.layout,
            },
        };
        let read = table::workbook::parse_workbook(bytes, &book, source)?;
        warnings.extend(read.loaded.warnings);
        return Ok((read.loaded.table, Some(read.loaded.layout)));
    }
    match format {
        DataFormat::Json { .. } | DataFormat::TopoJson { .. } => {
            let (property, flatten) = match format {
                DataFormat::Json { property, flatten } => (property.as_deref(), &flatten[..]),
                _ => (None, &[][..]),
            };
            if bytes.len() > limits.max_bytes {
                return Err(Error::Data {
                    source: source.to_string(),
                    at: Location::Whole,
                    expected: limits::Limit::Bytes.expected(limits, "bytes"),
                    found: format!("{} bytes", bytes.len()),
                });
            }
            let decoded = table::encoding::decode(bytes);
            if decoded.replaced {
                warnings.push(Warning {
                    path: source.to_string(),
                    message: format!("malformed {} bytes were replaced", decoded.encoding),
                });
            }
            if decoded.mixed {
                warnings.push(Warning {
                    path: source.to_string(),
                    message: table::encoding::MIXED_WARNING.into(),
                });
            }
            let doc = table::json::parse_document(&decoded.text, source)?;
            let (node, at) = table::json::select_property(&doc, property, source)?;
            let t = if let Some(t) = geo_table(node, format, &at, source)? {
                // A shape's text may be long: the row and field limits still hold.
                let shapes = Limits {
                    max_cell_chars: usize::MAX,
                    ..*limits
                };
                check::check_table(&t, &shapes, source, &at)?;
                t
            } else {
                // Only the full build reads flatten (the lite one answers NeedsFull).
                #[cfg(feature = "full")]
                let flat;
                #[cfg(feature = "full")]
                let node = if flatten.is_empty() {
                    node
                } else {
                    flat = table::json::flatten_records(node, flatten);
                    &flat
                };
                #[cfg(not(feature = "full"))]
                let _ = flatten;
                let t = table::json::records_to_table(node, &at, source)?;
                check::check_table(&t, limits, source, property.unwrap_or(""))?;
                t
            };
            if let Some((field, _)) = parse.first() {
                warnings.push(Warning {
                    path: format!("data.format.parse.{field}"),
                    message: "format.parse applies to CSV/TSV; JSON values keep their JSON types"
                        .into(),
                });
            }
            Ok((t, None))
        }
        // The lite parser answers NeedsFull for delimited data.
        #[cfg(not(feature = "full"))]
        DataFormat::Delimited { .. } => Err(Error::NeedsFull {
            path: source.to_string(),
            what: "CSV/TSV/DSV data",
        }),
        #[cfg(feature = "full")]
        DataFormat::Delimited { delimiter } => {
            let opts = table::csv::DelimitedOptions {
                delimiter: *delimiter,
                parse: parse.to_vec(),
                limits: *limits,
                layout: file.layout,
            };
            let loaded = table::csv::parse_delimited(bytes, &opts, source)?;
            warnings.extend(loaded.warnings);
            Ok((loaded.table, Some(loaded.layout)))
        }
    }
}
