//! TopoJSON (`format: {"type": "topojson", "feature": NAME}` or `"mesh": NAME`): shared
//! arcs decoded (delta-encoded and quantized when the topology has a `transform`), an
//! object's geometries stitched from them into features.

use super::{flat_record, geo_error, join, Position, Shape};
use crate::error::Error;
use crate::table::Table;
use serde_json::Value as Json;

/// The topology's arcs in positions: with a `transform`, each arc's positions are
/// integer deltas from the previous one, scaled and translated after summing.
pub fn decode_arcs(topology: &Json, source: &str) -> Result<Vec<Vec<Position>>, Error> {
    let transform = match topology.get("transform") {
        None | Some(Json::Null) => None,
        Some(t) => {
            let pair = |key: &str| -> Result<(f64, f64), Error> {
                let v = t.get(key).unwrap_or(&Json::Null);
                match v.as_array().map(Vec::as_slice) {
                    Some([a, b]) => match (a.as_f64(), b.as_f64()) {
                        (Some(a), Some(b)) => Ok((a, b)),
                        _ => Err(geo_error(
                            source,
                            &format!("transform.{key}"),
                            "two numbers",
                            v,
                        )),
                    },
                    _ => Err(geo_error(
                        source,
                        &format!("transform.{key}"),
                        "two numbers",
                        v,
                    )),
                }
            };
            Some((pair("scale")?, pair("translate")?))
        }
    };
    let arcs = topology
        .get("arcs")
        .and_then(Json::as_array)
        .ok_or_else(|| {
            geo_error(
                source,
                "arcs",
                "an array of arcs",
                topology.get("arcs").unwrap_or(&Json::Null),
            )
        })?;
    let mut out = Vec::with_capacity(arcs.len());
    for (i, arc) in arcs.iter().enumerate() {
        let raw = super::positions(arc, &format!("arcs[{i}]"), source)?;
        out.push(match transform {
            None => raw,
            Some(((sx, sy), (tx, ty))) => {
                let (mut x, mut y) = (0.0, 0.0);
                raw.into_iter()
                    .map(|(dx, dy)| {
                        x += dx;
                        y += dy;
                        (x * sx + tx, y * sy + ty)
                    })
                    .collect()
            }
        });
    }
    Ok(out)
}

/// The features of object `name` (`feature`), or with `mesh` one feature holding every
/// arc the object uses once, as lines (the borders, drawn once each).
pub fn topojson_table(
    doc: &Json,
    name: &str,
    mesh: bool,
    path: &str,
    source: &str,
) -> Result<Table, Error> {
    if doc.get("type").and_then(Json::as_str) != Some("Topology") {
        return Err(geo_error(
            source,
            &join(path, "type"),
            "a TopoJSON topology (\"type\": \"Topology\")",
            doc.get("type").unwrap_or(doc),
        ));
    }
    let arcs = decode_arcs(doc, source)?;
    let objects_path = join(path, "objects");
    let object = doc
        .get("objects")
        .and_then(|o| o.get(name))
        .ok_or_else(|| {
            let names: Vec<String> = doc
                .get("objects")
                .and_then(Json::as_object)
                .map(|o| o.keys().map(|k| format!("\"{k}\"")).collect())
                .unwrap_or_default();
            crate::error::Error::Data {
                source: source.to_string(),
                at: crate::error::Location::Json(join(&objects_path, name)),
                expected: format!(
                    "an object named by format.feature/mesh (the topology has {})",
                    if names.is_empty() {
                        "none".into()
                    } else {
                        names.join(", ")
                    }
                ),
                found: "nothing".into(),
            }
        })?;
    let object_path = join(&objects_path, name);
    let geometries: Vec<(&Json, String)> =
        if object.get("type").and_then(Json::as_str) == Some("GeometryCollection") {
            let gp = join(&object_path, "geometries");
            object
                .get("geometries")
                .and_then(Json::as_array)
                .ok_or_else(|| geo_error(source, &gp, "an array of geometries", object))?
                .iter()
                .enumerate()
                .map(|(i, g)| (g, format!("{gp}[{i}]")))
                .collect()
        } else {
            vec![(object, object_path.clone())]
        };
    let stitcher = Stitcher {
        arcs: &arcs,
        source,
    };
    let mut records = Vec::new();
    if mesh {
        let mut used = vec![false; arcs.len()];
        for (g, gp) in &geometries {
            stitcher.arc_indices(g, gp, &mut used, 0)?;
        }
        let shape = Shape {
            lines: used
                .iter()
                .zip(&arcs)
                .filter(|(u, _)| **u)
                .map(|(_, a)| a.clone())
                .collect(),
            ..Shape::default()
        };
        records.push(flat_record(None, None, &shape));
    } else {
        for (g, gp) in &geometries {
            let mut shape = Shape::default();
            stitcher.add(g, gp, &mut shape, 0)?;
            records.push(flat_record(g.get("id"), g.get("properties"), &shape));
        }
    }
    crate::table::json::records_to_table(&Json::Array(records), &object_path, source)
}

struct Stitcher<'a> {
    arcs: &'a [Vec<Position>],
    source: &'a str,
}

impl Stitcher<'_> {
    /// The arc of index `i` (`!i`, i.e. `-i - 1`, is arc `i` reversed).
    fn arc(&self, v: &Json, path: &str) -> Result<(usize, bool), Error> {
        let i = v
            .as_i64()
            .ok_or_else(|| geo_error(self.source, path, "an arc index", v))?;
        let (index, reversed) = if i < 0 { (!i, true) } else { (i, false) };
        match usize::try_from(index).ok().filter(|k| *k < self.arcs.len()) {
            Some(k) => Ok((k, reversed)),
            None => Err(geo_error(
                self.source,
                path,
                &format!("an arc index below {}", self.arcs.len()),
                v,
            )),
        }
    }

    /// A line or ring: its arcs joined, each arc's first position (the previous arc's
    /// last) dropped after the first.
    fn line(&self, indices: &Json, path: &str) -> Result<Vec<Position>, Error> {
        let items = indices
            .as_array()
            .ok_or_else(|| geo_error(self.source, path, "an array of arc indices", indices))?;
        let mut out: Vec<Position> = Vec::new();
        for (n, v) in items.iter().enumerate() {
            let (k, reversed) = self.arc(v, &format!("{path}[{n}]"))?;
            let arc = &self.arcs[k];
            let skip = usize::from(!out.is_empty());
            if reversed {
                out.extend(arc.iter().rev().skip(skip));
            } else {
                out.extend(arc.iter().skip(skip));
            }
        }
        Ok(out)
    }

    fn rings(&self, v: &Json, path: &str) -> Result<Vec<Vec<Position>>, Error> {
        let items = v
            .as_array()
            .ok_or_else(|| geo_error(self.source, path, "an array of rings", v))?;
        items
            .iter()
            .enumerate()
            .map(|(i, r)| self.line(r, &format!("{path}[{i}]")))
            .collect()
    }

    fn add(&self, g: &Json, path: &str, shape: &mut Shape, depth: usize) -> Result<(), Error> {
        let ty = g.get("type").and_then(Json::as_str).unwrap_or("");
        let ap = join(path, "arcs");
        let arcs = g.get("arcs").unwrap_or(&Json::Null);
        let coords = g.get("coordinates").unwrap_or(&Json::Null);
        let cp = join(path, "coordinates");
        match ty {
            "GeometryCollection" if depth < 8 => {
                let gp = join(path, "geometries");
                let items = g
                    .get("geometries")
                    .and_then(Json::as_array)
                    .ok_or_else(|| geo_error(self.source, &gp, "an array of geometries", g))?;
                for (i, item) in items.iter().enumerate() {
                    self.add(item, &format!("{gp}[{i}]"), shape, depth + 1)?;
                }
            }
            "Point" => shape
                .points
                .push(super::position(coords, &cp, self.source)?),
            "MultiPoint" => shape
                .points
                .extend(super::positions(coords, &cp, self.source)?),
            "LineString" => shape.lines.push(self.line(arcs, &ap)?),
            "MultiLineString" => shape.lines.extend(self.rings(arcs, &ap)?),
            "Polygon" => shape.polygons.push(self.rings(arcs, &ap)?),
            "MultiPolygon" => {
                let items = arcs
                    .as_array()
                    .ok_or_else(|| geo_error(self.source, &ap, "an array of polygons", arcs))?;
                for (i, p) in items.iter().enumerate() {
                    shape.polygons.push(self.rings(p, &format!("{ap}[{i}]"))?);
                }
            }
            // TopoJSON's null geometry: a feature without a shape.
            "" if g.get("type").is_some_and(Json::is_null) => {}
            _ => {
                return Err(geo_error(
                    self.source,
                    &join(path, "type"),
                    "a TopoJSON geometry type",
                    g.get("type").unwrap_or(g),
                ))
            }
        }
        Ok(())
    }

    /// Marks the arcs `g` uses (for a mesh).
    fn arc_indices(
        &self,
        g: &Json,
        path: &str,
        used: &mut [bool],
        depth: usize,
    ) -> Result<(), Error> {
        if depth > 8 {
            return Ok(());
        }
        if let Some(items) = g.get("geometries").and_then(Json::as_array) {
            for (i, item) in items.iter().enumerate() {
                self.arc_indices(item, &format!("{path}.geometries[{i}]"), used, depth + 1)?;
            }
        }
        fn walk(
            s: &Stitcher<'_>,
            v: &Json,
            path: &str,
            used: &mut [bool],
            depth: usize,
        ) -> Result<(), Error> {
            match v {
                Json::Array(items) if depth < 4 => {
                    for (i, item) in items.iter().enumerate() {
                        walk(s, item, &format!("{path}[{i}]"), used, depth + 1)?;
                    }
                }
                Json::Number(_) => {
                    let (k, _) = s.arc(v, path)?;
                    used[k] = true;
                }
                _ => return Err(geo_error(s.source, path, "arc indices", v)),
            }
            Ok(())
        }
        if let Some(arcs) = g.get("arcs") {
            walk(self, arcs, &join(path, "arcs"), used, 0)?;
        }
        Ok(())
    }
}
