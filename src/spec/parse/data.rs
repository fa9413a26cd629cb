//! `data`: inline values (read into a `Table` here), URLs, names, and their `format`.

use super::*;

pub(super) fn parse_format(
    v: Option<&Json>,
    path: &str,
    url: Option<&str>,
    w: &mut Warnings,
) -> Result<(DataFormat, Vec<(String, ParseAs)>), Error> {
    let by_extension = || {
        let lower = url.unwrap_or("").to_ascii_lowercase();
        let base = lower.split(['?', '#']).next().unwrap_or("");
        if base.ends_with(".csv") {
            DataFormat::Delimited {
                delimiter: Some(b','),
            }
        } else if base.ends_with(".tsv") {
            DataFormat::Delimited {
                delimiter: Some(b'\t'),
            }
        } else {
            DataFormat::Json {
                property: None,
                flatten: Vec::new(),
            }
        }
    };
    let Some(v) = v else {
        return Ok((by_extension(), Vec::new()));
    };
    let mut r = ObjReader::new(v, path, "a format object")?;
    let property = r.opt_str("property")?;
    let delimiter = r.opt_str("delimiter")?;
    let format = match r.get("type") {
        None => match by_extension() {
            DataFormat::Json { .. } => DataFormat::Json {
                property: property.clone(),
                flatten: Vec::new(),
            },
            other => other,
        },
        Some(t) => match one_of(
            t,
            &join(path, "type"),
            &["json", "csv", "tsv", "dsv", "topojson"],
        )? {
            "topojson" => {
                let feature = r.opt_str("feature")?;
                let mesh = r.opt_str("mesh")?;
                match (feature, mesh) {
                    (Some(object), None) => DataFormat::TopoJson {
                        object,
                        mesh: false,
                    },
                    (None, Some(object)) => DataFormat::TopoJson { object, mesh: true },
                    _ => {
                        return Err(Error::Spec {
                            path: join(path, "feature"),
                            expected: "either \"feature\" or \"mesh\" (an object's name) with type \"topojson\"".into(),
                            found: "both or neither".into(),
                        })
                    }
                }
            }
            "csv" => DataFormat::Delimited {
                delimiter: Some(b','),
            },
            "tsv" => DataFormat::Delimited {
                delimiter: Some(b'\t'),
            },
            "dsv" => {
                let d = delimiter.as_deref().unwrap_or("");
                match d.as_bytes() {
                    [b] if d.is_ascii() => DataFormat::Delimited {
                        delimiter: Some(*b),
                    },
                    _ => {
                        return Err(Error::Spec {
                            path: join(path, "delimiter"),
                            expected: "one ASCII character (required with type \"dsv\")".into(),
                            found: format!("\"{d}\""),
                        })
                    }
                }
            }
            _ => DataFormat::Json {
                property: property.clone(),
                flatten: Vec::new(),
            },
        },
    };
    let mut parse = Vec::new();
    if let Some(p) = r.get("parse") {
        let pp = join(path, "parse");
        let obj = p
            .as_object()
            .ok_or_else(|| spec_error(&pp, "an object of field: type", p))?;
        for (field, kind) in obj {
            let kp = join(&pp, field);
            let how = match kind {
                Json::Null => ParseAs::Text,
                Json::String(s) if s == "number" => ParseAs::Number,
                Json::String(s) if s == "boolean" => ParseAs::Boolean,
                Json::String(s) if s == "date" => ParseAs::Date,
                Json::String(s) if s.starts_with("date:") || s.starts_with("utc:") => {
                    let pat = s.split_once(':').map(|x| x.1).unwrap_or("").trim();
                    let pat = pat.trim_matches(|c| c == '\'' || c == '"');
                    if let Err(why) = crate::table::infer::DateFormat::compile(pat) {
                        return Err(Error::Spec {
                            path: kp,
                            expected: format!("a supported date format ({why})"),
                            found: format!("\"{pat}\""),
                        });
                    }
                    ParseAs::DateFormat(pat.to_string())
                }
                other => {
                    return Err(spec_error(
                        &kp,
                        "\"number\", \"boolean\", \"date\", \"date:'%Y-%m-%d'\" or null",
                        other,
                    ))
                }
            };
            parse.push((field.clone(), how));
        }
    }
    r.finish(&[], w)?;
    Ok((format, parse))
}

/// Built-in tables, by the name a spec gives them (`{"name": "stdviz:…"}`).
pub const BUILT_IN_DATA: [&str; 1] = ["stdviz:cn-provinces-grid"];

/// A view's `data`; `flatten` holds the `(field, as)` pairs of the view's leading
/// `flatten` transforms, applied to JSON records as they are read.
pub(super) fn parse_data(
    v: &Json,
    path: &str,
    flatten: Vec<Vec<(String, String)>>,
    w: &mut Warnings,
) -> Result<DataSource, Error> {
    let mut r = ObjReader::new(v, path, "a data object")?;
    // Only JSON records have arrays to flatten.
    let not_records = |at: &str| Error::Spec {
        path: join(path, at),
        expected: "JSON records (a flatten transform expands arrays in JSON data)".into(),
        found: "data without arrays".into(),
    };
    let name = r.get("name");
    if let Some(Json::String(n)) = name {
        if n.starts_with("stdviz:") && !r.has("values") && !r.has("url") {
            if n != BUILT_IN_DATA[0] {
                return Err(Error::Spec {
                    path: join(path, "name"),
                    expected: format!("a built-in table: {}", BUILT_IN_DATA.join(", ")),
                    found: format!("\"{}\"", crate::error::shorten(n, 60)),
                });
            }
            r.finish(&[], w)?;
            if !flatten.is_empty() {
                return Err(not_records("name"));
            }
            return Ok(DataSource::Inline(crate::vocab::regions::grid_table()));
        }
    }
    // A dataset named in the top-level `datasets`, or a `sequence`, read as inline values
    // (their errors name `datasets.<name>` or the sequence).
    let generated: Option<(Json, String)> = match (r.get("sequence"), name) {
        (Some(seq), _) => {
            let sp = join(path, "sequence");
            Some((super::datasets::sequence(seq, &sp, w)?, sp))
        }
        (None, Some(Json::String(n))) if !r.has("values") && !r.has("url") => {
            match super::datasets::named(n) {
                Some(values) => Some((values, join("datasets", n))),
                None => {
                    let known = super::datasets::names();
                    return Err(Error::Spec {
                        path: join(path, "name"),
                        expected: if known.is_empty() {
                            "a dataset of the top-level \"datasets\" (this spec has none), or \"values\" or \"url\" beside the name".into()
                        } else {
                            format!(
                                "a dataset of the top-level \"datasets\": {}",
                                known
                                    .iter()
                                    .map(|k| format!("\"{}\"", crate::error::shorten(k, 40)))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        },
                        found: format!("\"{}\"", crate::error::shorten(n, 60)),
                    });
                }
            }
        }
        _ => None,
    };
    let values = r.get("values").or(generated.as_ref().map(|(v, _)| v));
    let url = r.opt_str("url")?;
    let (mut format, parse) =
        parse_format(r.get("format"), &join(path, "format"), url.as_deref(), w)?;
    match &mut format {
        DataFormat::Json { flatten: f, .. } => *f = flatten.clone(),
        _ if !flatten.is_empty() => return Err(not_records("format.type")),
        _ => {}
    }
    // The delimited reader (CSV/TSV/DSV, with its type guessing and yearbook layouts) is
    // the full build's: the founding chart and most pages read JSON.
    #[cfg(not(feature = "full"))]
    if matches!(format, DataFormat::Delimited { .. }) {
        return Err(Error::NeedsFull {
            path: join(path, if url.is_some() { "url" } else { "format" }),
            what: "CSV/TSV/DSV data",
        });
    }
    let source = match (values, url) {
        (Some(Json::String(text)), None) => match format {
            DataFormat::Json { .. } if !text.trim_start().starts_with(['[', '{']) => {
                return Err(Error::Spec {
                    path: join(path, "format.type"),
                    expected: "\"csv\" or \"tsv\" for text values".into(),
                    found: "nothing (JSON assumed)".into(),
                })
            }
            format => DataSource::InlineText {
                text: text.clone(),
                format,
                parse,
            },
        },
        (Some(values), None) => {
            let mut node = values;
            let mut node_path = match &generated {
                Some((_, p)) => p.clone(),
                None => join(path, "values"),
            };
            if let DataFormat::Json {
                property: Some(p), ..
            } = &format
            {
                for key in p.split('.') {
                    node_path = join(&node_path, key);
                    node = node.get(key).ok_or_else(|| {
                        missing(&node_path, "a property named by format.property")
                    })?;
                }
            }
            if let Some(table) = geo_values(node, &format, &node_path, path)? {
                if !flatten.is_empty() {
                    return Err(not_records("values"));
                }
                r.finish(&["sphere", "graticule"], w)?;
                return Ok(DataSource::Inline(table));
            }
            #[cfg_attr(not(feature = "full"), allow(unused_mut))]
            let mut node = normalise_values(node);
            // Only the full build reads flatten (the lite one answers NeedsFull).
            #[cfg(feature = "full")]
            if !flatten.is_empty() {
                node = crate::table::json::flatten_records(&node, &flatten);
            }
            if let Some((field, _)) = parse.first() {
                w.push(Warning {
                    path: join(path, &format!("format.parse.{field}")),
                    message: "format.parse applies to CSV/TSV text; inline JSON values keep their JSON types".into(),
                });
            }
            DataSource::Inline(records_to_table(&node, &node_path, "inline data")?)
        }
        (None, Some(url)) => DataSource::Url { url, format, parse },
        (Some(_), Some(_)) => {
            return Err(Error::Spec {
                path: path.into(),
                expected: "either \"values\" or \"url\", not both".into(),
                found: "both".into(),
            })
        }
        (None, None) => {
            return Err(Error::Spec {
                path: path.into(),
                expected: "\"values\" (inline rows) or \"url\"".into(),
                found: "neither".into(),
            })
        }
    };
    r.finish(&["sphere", "graticule"], w)?;
    Ok(source)
}

/// Inline GeoJSON (a FeatureCollection, a Feature, a geometry, or an array of features)
/// or a TopoJSON topology (`format.type: "topojson"`) as a table of features; `None`
/// for plain records. Maps are the full build's.
fn geo_values(
    node: &Json,
    format: &DataFormat,
    node_path: &str,
    path: &str,
) -> Result<Option<Table>, Error> {
    let topo = matches!(format, DataFormat::TopoJson { .. });
    if !topo && !crate::geo::is_geojson(node) {
        return Ok(None);
    }
    #[cfg(not(feature = "full"))]
    {
        let _ = node_path;
        Err(Error::NeedsFull {
            path: join(path, if topo { "format" } else { "values" }),
            what: "maps (projection, geoshape, GeoJSON/TopoJSON)",
        })
    }
    #[cfg(feature = "full")]
    {
        let _ = path;
        Ok(Some(match format {
            DataFormat::TopoJson { object, mesh } => {
                crate::geo::topojson_table(node, object, *mesh, node_path, "inline data")?
            }
            _ => crate::geo::geojson_table(node, node_path, "inline data")?,
        }))
    }
}

/// Vega-Lite accepts an array of plain values as `{"data": …}` records.
pub(super) fn normalise_values(node: &Json) -> Json {
    match node.as_array() {
        Some(items)
            if items.iter().any(|i| !i.is_object()) && items.iter().all(|i| !i.is_object()) =>
        {
            Json::Array(
                items
                    .iter()
                    .map(|i| serde_json::json!({ "data": i }))
                    .collect(),
            )
        }
        _ => node.clone(),
    }
}
