//! Maps: GeoJSON and TopoJSON the user brings, read into a [`Table`] (one row per
//! feature), and the projections that draw them ([`project`]).
//!
//! A feature's row holds `type` ("Feature"), `id` (when the feature has one), each
//! `properties.X` as a field named `properties.X` (Vega-Lite reaches them by nested field
//! access; stdviz's records are flat, so the dotted name is the field's own), and
//! [`GEOMETRY_FIELD`]: the shape as compact text ([`Shape::to_text`]), which the
//! `geoshape` mark reads back ([`Shape::from_text`]). Transforms (filter, lookup, …)
//! carry that column like any other.

pub mod project;
mod topojson;

use crate::error::{Error, Location};
use crate::table::Table;
use serde_json::{Map, Value as Json};

pub use topojson::topojson_table;

/// The field holding each feature's shape.
pub const GEOMETRY_FIELD: &str = "geometry";

/// A longitude/latitude pair in degrees (or plain x/y for the identity projection).
pub type Position = (f64, f64);

/// A feature's shape in one flat form: polygons (each an outer ring then its holes),
/// lines and points. GeoJSON's Multi* and GeometryCollection types all fold into it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shape {
    /// Polygons: the first ring is the outline, the others are holes.
    pub polygons: Vec<Vec<Vec<Position>>>,
    /// Lines (LineString, MultiLineString, TopoJSON meshes).
    pub lines: Vec<Vec<Position>>,
    /// Points.
    pub points: Vec<Position>,
}

impl Shape {
    /// True when the shape has nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.polygons.is_empty() && self.lines.is_empty() && self.points.is_empty()
    }

    /// Every position of the shape, in order.
    pub fn positions(&self) -> impl Iterator<Item = Position> + '_ {
        self.polygons
            .iter()
            .flatten()
            .flatten()
            .chain(self.lines.iter().flatten())
            .chain(self.points.iter())
            .copied()
    }

    /// The shape as one line of text per ring, line or point: `A` starts a polygon with
    /// its outline, `H` adds a hole to it, `L` is a line, `M` a point; then `x,y` pairs
    /// separated by spaces (at most 7 decimals, about a centimetre on the ground).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut put = |tag: char, ring: &[Position]| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push(tag);
            for (i, (x, y)) in ring.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&short(*x));
                out.push(',');
                out.push_str(&short(*y));
            }
        };
        for polygon in &self.polygons {
            for (i, ring) in polygon.iter().enumerate() {
                put(if i == 0 { 'A' } else { 'H' }, ring);
            }
        }
        for line in &self.lines {
            put('L', line);
        }
        for p in &self.points {
            put('M', std::slice::from_ref(p));
        }
        out
    }

    /// Reads [`Shape::to_text`]'s form back; `None` for text not in that form.
    pub fn from_text(text: &str) -> Option<Shape> {
        let mut shape = Shape::default();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let mut chars = line.chars();
            let tag = chars.next()?;
            let ring: Vec<Position> = chars
                .as_str()
                .split(' ')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect::<Option<_>>()?;
            match tag {
                'A' => shape.polygons.push(vec![ring]),
                'H' => shape.polygons.last_mut()?.push(ring),
                'L' => shape.lines.push(ring),
                'M' => shape.points.extend(ring),
                _ => return None,
            }
        }
        Some(shape)
    }
}

/// A number with at most 7 decimals, without trailing zeros.
fn short(v: f64) -> String {
    let r = (v * 1e7).round() / 1e7;
    let s = format!("{r}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// A decoding error at `path` of `source`.
pub(crate) fn geo_error(source: &str, path: &str, expected: &str, found: &Json) -> Error {
    Error::Data {
        source: source.to_string(),
        at: Location::Json(path.to_string()),
        expected: expected.to_string(),
        found: crate::table::json::describe(found),
    }
}

const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// True when `node` is GeoJSON: a FeatureCollection, a Feature, a geometry object, or an
/// array whose first element is a Feature.
pub fn is_geojson(node: &Json) -> bool {
    let ty = |n: &Json| n.get("type").and_then(Json::as_str).map(str::to_string);
    match node {
        Json::Object(_) => match ty(node).as_deref() {
            Some("FeatureCollection" | "Feature") => true,
            Some(t) => {
                GEOMETRY_TYPES.contains(&t) && node.get("coordinates").is_some()
                    || t == "GeometryCollection"
            }
            None => false,
        },
        Json::Array(items) => items
            .first()
            .is_some_and(|f| ty(f).as_deref() == Some("Feature")),
        _ => false,
    }
}

/// The features of a GeoJSON document as a table (module documentation); errors name
/// the JSON path under `path` in `source`.
pub fn geojson_table(node: &Json, path: &str, source: &str) -> Result<Table, Error> {
    let mut records = Vec::new();
    match node {
        Json::Array(items) => {
            for (i, f) in items.iter().enumerate() {
                records.push(feature_record(f, &format!("{path}[{i}]"), source)?);
            }
        }
        _ => match node.get("type").and_then(Json::as_str) {
            Some("FeatureCollection") => {
                let fp = join(path, "features");
                let items = node
                    .get("features")
                    .and_then(Json::as_array)
                    .ok_or_else(|| {
                        geo_error(
                            source,
                            &fp,
                            "an array of features",
                            node.get("features").unwrap_or(&Json::Null),
                        )
                    })?;
                for (i, f) in items.iter().enumerate() {
                    records.push(feature_record(f, &format!("{fp}[{i}]"), source)?);
                }
            }
            Some("Feature") => records.push(feature_record(node, path, source)?),
            _ => {
                let shape = read_geometry(node, path, source)?;
                let mut rec = Map::new();
                rec.insert("type".into(), Json::String("Feature".into()));
                rec.insert(GEOMETRY_FIELD.into(), Json::String(shape.to_text()));
                records.push(Json::Object(rec));
            }
        },
    }
    crate::table::json::records_to_table(&Json::Array(records), path, source)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// One feature as a flat record: `type`, `id`, `properties.X`, the shape's text.
fn feature_record(f: &Json, path: &str, source: &str) -> Result<Json, Error> {
    if f.get("type").and_then(Json::as_str) != Some("Feature") {
        return Err(geo_error(
            source,
            &join(path, "type"),
            "\"Feature\"",
            f.get("type").unwrap_or(f),
        ));
    }
    let geometry = f.get("geometry").unwrap_or(&Json::Null);
    let shape = if geometry.is_null() {
        Shape::default()
    } else {
        read_geometry(geometry, &join(path, "geometry"), source)?
    };
    Ok(flat_record(f.get("id"), f.get("properties"), &shape))
}

/// The flat record of a feature with `id`, `properties` and `shape`.
pub(crate) fn flat_record(id: Option<&Json>, properties: Option<&Json>, shape: &Shape) -> Json {
    let mut rec = Map::new();
    rec.insert("type".into(), Json::String("Feature".into()));
    if let Some(id) = id.filter(|v| v.is_number() || v.is_string()) {
        rec.insert("id".into(), id.clone());
    }
    if let Some(Json::Object(props)) = properties {
        for (k, v) in props {
            let v = match v {
                Json::Object(_) | Json::Array(_) => Json::String(v.to_string()),
                other => other.clone(),
            };
            rec.insert(format!("properties.{k}"), v);
        }
    }
    rec.insert(GEOMETRY_FIELD.into(), Json::String(shape.to_text()));
    Json::Object(rec)
}

fn position(v: &Json, path: &str, source: &str) -> Result<Position, Error> {
    match v.as_array().map(Vec::as_slice) {
        Some([x, y, ..]) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Ok((x, y)),
            _ => Err(geo_error(source, path, "a position [x, y] of numbers", v)),
        },
        _ => Err(geo_error(source, path, "a position [x, y]", v)),
    }
}

fn positions(v: &Json, path: &str, source: &str) -> Result<Vec<Position>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| geo_error(source, path, "an array of positions", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, p)| position(p, &format!("{path}[{i}]"), source))
        .collect()
}

fn rings(v: &Json, path: &str, source: &str) -> Result<Vec<Vec<Position>>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| geo_error(source, path, "an array of rings", v))?;
    items
        .iter()
        .enumerate()
        .map(|(i, r)| positions(r, &format!("{path}[{i}]"), source))
        .collect()
}

/// A GeoJSON geometry object as a [`Shape`].
pub fn read_geometry(g: &Json, path: &str, source: &str) -> Result<Shape, Error> {
    let mut shape = Shape::default();
    add_geometry(g, path, source, &mut shape, 0)?;
    Ok(shape)
}

fn add_geometry(
    g: &Json,
    path: &str,
    source: &str,
    shape: &mut Shape,
    depth: usize,
) -> Result<(), Error> {
    let ty = g.get("type").and_then(Json::as_str).unwrap_or("");
    if ty == "GeometryCollection" && depth < 8 {
        let gp = join(path, "geometries");
        let items = g
            .get("geometries")
            .and_then(Json::as_array)
            .ok_or_else(|| geo_error(source, &gp, "an array of geometries", g))?;
        for (i, item) in items.iter().enumerate() {
            add_geometry(item, &format!("{gp}[{i}]"), source, shape, depth + 1)?;
        }
        return Ok(());
    }
    let cp = join(path, "coordinates");
    let coords = g.get("coordinates").unwrap_or(&Json::Null);
    match ty {
        "Point" => shape.points.push(position(coords, &cp, source)?),
        "MultiPoint" => shape.points.extend(positions(coords, &cp, source)?),
        "LineString" => shape.lines.push(positions(coords, &cp, source)?),
        "MultiLineString" => shape.lines.extend(rings(coords, &cp, source)?),
        "Polygon" => shape.polygons.push(rings(coords, &cp, source)?),
        "MultiPolygon" => {
            let items = coords
                .as_array()
                .ok_or_else(|| geo_error(source, &cp, "an array of polygons", coords))?;
            for (i, p) in items.iter().enumerate() {
                shape.polygons.push(rings(p, &format!("{cp}[{i}]"), source)?);
            }
        }
        _ => {
            return Err(geo_error(
                source,
                &join(path, "type"),
                "a GeoJSON geometry type (Point, LineString, Polygon, their Multi forms, GeometryCollection)",
                g.get("type").unwrap_or(g),
            ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
