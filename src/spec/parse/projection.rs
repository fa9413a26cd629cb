//! `projection` (feature `full`: maps are the full build's; the lite parser answers
//! [`Error::NeedsFull`]): the type and its parameters, inherited by a layer's units.

use super::*;
use crate::geo::project::ProjectionSpec;

/// Reads a view's `projection`.
#[cfg(not(feature = "full"))]
pub(super) fn parse_projection(
    _v: &Json,
    path: &str,
    _w: &mut Warnings,
) -> Result<ProjectionSpec, Error> {
    Err(Error::NeedsFull {
        path: path.to_string(),
        what: "maps (projection, geoshape, GeoJSON/TopoJSON)",
    })
}

/// Reads a view's `projection`.
#[cfg(feature = "full")]
pub(super) fn parse_projection(
    v: &Json,
    path: &str,
    w: &mut Warnings,
) -> Result<ProjectionSpec, Error> {
    use crate::geo::project::ProjectionType;
    let mut r = ObjReader::new(v, path, "a projection object")?;
    let mut spec = ProjectionSpec::default();
    if let Some(t) = r.get("type") {
        let name = one_of(t, &join(path, "type"), &ProjectionType::NAMES)?;
        spec.kind = ProjectionType::from_name(name).unwrap_or(ProjectionType::EqualEarth);
    }
    let numbers = |r: &mut ObjReader<'_>, key: &str, min: usize, max: usize| {
        let Some(v) = r.get(key) else {
            return Ok(None);
        };
        let kp = join(path, key);
        let what = if min == max {
            format!("an array of {min} numbers")
        } else {
            format!("an array of {min} to {max} numbers")
        };
        let items = v.as_array().ok_or_else(|| spec_error(&kp, &what, v))?;
        if items.len() < min || items.len() > max {
            return Err(spec_error(&kp, &what, v));
        }
        items
            .iter()
            .map(|n| {
                n.as_f64()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| spec_error(&kp, &what, v))
            })
            .collect::<Result<Vec<f64>, Error>>()
            .map(Some)
    };
    spec.center = numbers(&mut r, "center", 2, 2)?.map(|c| (c[0], c[1]));
    if let Some(rot) = numbers(&mut r, "rotate", 2, 3)? {
        spec.rotate = [rot[0], rot[1], rot.get(2).copied().unwrap_or(0.0)];
    }
    spec.parallels = numbers(&mut r, "parallels", 2, 2)?.map(|c| (c[0], c[1]));
    spec.translate = numbers(&mut r, "translate", 2, 2)?.map(|c| (c[0], c[1]));
    spec.scale = r.opt_non_negative("scale")?;
    spec.reflect_x = r.opt_bool("reflectX")?.unwrap_or(false);
    spec.reflect_y = r.opt_bool("reflectY")?.unwrap_or(false);
    r.finish(
        &[
            "clipAngle",
            "clipExtent",
            "fit",
            "extent",
            "size",
            "pointRadius",
            "coefficient",
            "distance",
            "fraction",
            "lobes",
            "parallel",
            "radius",
            "ratio",
            "spacing",
            "tilt",
        ],
        w,
    )?;
    Ok(spec)
}

/// Whether some unit under `kind` draws through a projection: a geoshape, or a mark
/// placed by longitude and latitude.
fn projects(kind: &ViewKind) -> bool {
    match kind {
        ViewKind::Unit { mark, encoding } => {
            mark.kind == MarkKind::Geoshape
                || (encoding.get(Channel::Longitude).is_some()
                    && encoding.get(Channel::Latitude).is_some())
        }
        ViewKind::Layer { layers, .. } => layers.iter().any(|l| projects(&l.kind)),
        ViewKind::Facet { spec, .. } => projects(&spec.kind),
        ViewKind::Concat { .. } => false,
    }
}

/// Gives every unit under `kind` (itself, a layer's layers, a facet's spec) the
/// projection, unless it has its own.
/// A projection over views that draw no map is an error at `path`.
pub(super) fn inherit(
    kind: &mut ViewKind,
    projection: &ProjectionSpec,
    path: &str,
) -> Result<(), Error> {
    if !projects(kind) {
        return Err(Error::Spec {
            path: path.to_string(),
            expected: "a geoshape mark, or longitude and latitude channels, under a projection"
                .into(),
            found: "a projection over marks placed by x and y".into(),
        });
    }
    give(kind, projection);
    Ok(())
}

fn give(kind: &mut ViewKind, projection: &ProjectionSpec) {
    match kind {
        ViewKind::Unit { mark, .. } => {
            if mark.projection.is_none() {
                mark.projection = Some(Box::new(projection.clone()));
            }
        }
        ViewKind::Layer { layers, .. } => {
            for l in layers {
                give(&mut l.kind, projection);
            }
        }
        ViewKind::Facet { spec, .. } => give(&mut spec.kind, projection),
        ViewKind::Concat { .. } => {}
    }
}
