//! `usermeta.stdviz`: stdviz's own additions (source, unit, drill levels, news forms,
//! number writing, value labels, annotations, a data file's layout corrections and sheet).

use super::*;

pub(super) fn parse_usermeta(v: &Json, path: &str, w: &mut Warnings) -> Result<StdvizMeta, Error> {
    // usermeta belongs to the spec's author; only the "stdviz" key is ours to read.
    let Some(ours) = v.get("stdviz") else {
        ObjReader::new(v, path, "an object")?;
        return Ok(StdvizMeta::default());
    };
    let p = join(path, "stdviz");
    let mut r = ObjReader::new(ours, &p, "an object of stdviz options")?;
    let source = r.opt_str("source")?;
    let note = r.opt_str("note")?;
    let unit = r.opt_str("unit")?;
    let locale = match r.get("locale") {
        None => Locale::Zh,
        Some(l) => match one_of(l, &join(&p, "locale"), &["zh", "en"])? {
            "en" => Locale::En,
            _ => Locale::Zh,
        },
    };
    let mut form = match r.get("form") {
        None => None,
        Some(f) => Some(parse_form(f, &join(&p, "form"), w)?),
    };
    match (&mut form, r.get("table")) {
        (Some(NewsForm::Table(t)), Some(opts)) => {
            *t = parse_table_form(opts, &join(&p, "table"), w)?
        }
        (_, Some(_)) => {
            return Err(Error::Spec {
                path: join(&p, "table"),
                expected: "table options only with \"form\": \"table\"".into(),
                found: "another form or none".into(),
            })
        }
        _ => {}
    }
    let drill = match r.get("drill") {
        None => Vec::new(),
        Some(d) => parse_drill(d, &join(&p, "drill"))?,
    };
    let keep_columns = !r.opt_bool("turnBars")?.unwrap_or(true);
    // A yearbook table's layout corrections and a workbook's sheet (src/table/csv/layout.rs,
    // src/table/workbook.rs): data.format stays valid Vega-Lite.
    let layout = crate::table::csv::LayoutOptions {
        header_line: line_number(&mut r, "header", &p)?,
        data_end_line: line_number(&mut r, "dataEnd", &p)?,
    };
    let sheet = match r.get("sheet") {
        None => None,
        Some(Json::String(s)) => Some(s.clone()),
        Some(Json::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => Some(n.to_string()),
        Some(other) => {
            return Err(spec_error(
                &join(&p, "sheet"),
                "a sheet name or a sheet number from 1",
                other,
            ))
        }
    };
    let numbers = match r.get("numbers") {
        None => crate::format::Numbers::Plain,
        Some(n) => match one_of(n, &join(&p, "numbers"), &["zh", "plain"])? {
            "zh" => crate::format::Numbers::Zh,
            _ => crate::format::Numbers::Plain,
        },
    };
    let labels = match r.get("labels") {
        None | Some(Json::Bool(false)) => None,
        Some(Json::Bool(true)) => Some(ValueLabels::Auto),
        Some(l) => match one_of(l, &join(&p, "labels"), &["inside", "outside"])? {
            "inside" => Some(ValueLabels::Inside),
            _ => Some(ValueLabels::Outside),
        },
    };
    let annotations = match r.get("annotations") {
        None => Vec::new(),
        #[cfg(feature = "full")]
        Some(a) => parse_annotations(a, &join(&p, "annotations"), w)?,
        #[cfg(not(feature = "full"))]
        Some(_) => {
            return Err(Error::NeedsFull {
                path: join(&p, "annotations"),
                what: "annotations",
            })
        }
    };
    r.finish(&[], w)?;
    Ok(StdvizMeta {
        numbers,
        labels,
        annotations,
        source,
        note,
        unit,
        locale,
        time_locale: locale,
        form,
        drill,
        keep_columns,
        layout,
        sheet,
    })
}

/// `usermeta.stdviz.header` / `dataEnd`: a 1-based line number of the data file.
fn line_number(r: &mut ObjReader<'_>, key: &str, path: &str) -> Result<Option<u64>, Error> {
    match r.get(key) {
        None => Ok(None),
        Some(Json::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => Ok(n.as_u64()),
        Some(other) => Err(spec_error(
            &join(path, key),
            "a line number of the data file (a whole number from 1)",
            other,
        )),
    }
}

#[cfg(feature = "full")]
/// `usermeta.stdviz.annotations`: an array of notes, each `{"text", "at": {field: value}}`
/// or `{"text", "x", "y"}`, with an optional `"connector"` (`"line"`, `"arrow"`, `"none"`).
fn parse_annotations(v: &Json, path: &str, w: &mut Warnings) -> Result<Vec<Annotation>, Error> {
    let items = v
        .as_array()
        .ok_or_else(|| spec_error(path, "an array of annotations", v))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ip = format!("{path}[{i}]");
        let mut r = ObjReader::new(item, &ip, "an annotation object")?;
        let text = r
            .opt_str("text")?
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| missing(&join(&ip, "text"), "the note's text"))?;
        let connector = match r.get("connector") {
            None => Connector::Line,
            Some(c) => match one_of(c, &join(&ip, "connector"), &["line", "arrow", "none"])? {
                "arrow" => Connector::Arrow,
                "none" => Connector::None,
                _ => Connector::Line,
            },
        };
        let at = r.get("at");
        let x = r.get("x");
        let y = r.get("y");
        let target =
            match (at, x, y) {
                (Some(at), None, None) => {
                    let ap = join(&ip, "at");
                    let obj = at
                        .as_object()
                        .filter(|o| !o.is_empty())
                        .ok_or_else(|| spec_error(&ap, "an object of field values", at))?;
                    let fields = obj
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), parse_const(v, &join(&ap, k))?)))
                        .collect::<Result<Vec<_>, Error>>()?;
                    AnnotationTarget::Row(fields)
                }
                (None, x, y) if x.is_some() || y.is_some() => AnnotationTarget::Datum {
                    x: x.map(|v| parse_const(v, &join(&ip, "x"))).transpose()?,
                    y: y.map(|v| parse_const(v, &join(&ip, "y"))).transpose()?,
                },
                _ => return Err(missing(
                    &join(&ip, "at"),
                    "either \"at\" (field values of a data point) or \"x\"/\"y\" (data positions)",
                )),
            };
        r.finish(&[], w)?;
        out.push(Annotation {
            text,
            target,
            connector,
        });
    }
    Ok(out)
}

/// `usermeta.stdviz.drill`: at least two levels, each a field name or
/// `{"field": …, "title": …}`.
pub(super) fn parse_drill(v: &Json, path: &str) -> Result<Vec<DrillLevel>, Error> {
    let expected =
        "an array of at least two fields (names or {\"field\", \"title\"}), top level first";
    let Json::Array(levels) = v else {
        return Err(spec_error(path, expected, v));
    };
    if levels.len() < 2 {
        return Err(spec_error(path, expected, v));
    }
    let mut out = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        let lp = format!("{path}[{i}]");
        out.push(match l {
            Json::String(f) if !f.is_empty() => DrillLevel {
                field: f.clone(),
                title: None,
            },
            Json::Object(_) => {
                let mut r = ObjReader::new(l, &lp, "a drill level object")?;
                let field = r
                    .opt_str("field")?
                    .filter(|f| !f.is_empty())
                    .ok_or_else(|| missing(&join(&lp, "field"), "a field name"))?;
                let title = r.opt_str("title")?;
                r.finish(&[], &mut Vec::new())?;
                DrillLevel { field, title }
            }
            other => {
                return Err(spec_error(
                    &lp,
                    "a field name or {\"field\", \"title\"}",
                    other,
                ))
            }
        });
    }
    Ok(out)
}

/// `usermeta.stdviz.table`: `{"columns": [field…], "heat": [field…], "bars": [field…],
/// "scheme": ramp}`.
fn parse_table_form(v: &Json, path: &str, w: &mut Warnings) -> Result<TableForm, Error> {
    let mut r = ObjReader::new(v, path, "an object of table options")?;
    let mut fields = |key: &str| -> Result<Option<Vec<String>>, Error> {
        let Some(list) = r.get(key) else {
            return Ok(None);
        };
        let kp = join(path, key);
        let items = list
            .as_array()
            .ok_or_else(|| spec_error(&kp, "an array of field names", list))?;
        items
            .iter()
            .enumerate()
            .map(|(i, f)| match f {
                Json::String(s) if !s.is_empty() => Ok(s.clone()),
                other => Err(spec_error(&format!("{kp}[{i}]"), "a field name", other)),
            })
            .collect::<Result<Vec<_>, Error>>()
            .map(Some)
    };
    let columns = fields("columns")?;
    let heat = fields("heat")?.unwrap_or_default();
    let bars = fields("bars")?.unwrap_or_default();
    let scheme = match r.get("scheme") {
        None => None,
        Some(Json::String(name)) if crate::theme::ramps::ramp(name).is_some() => Some(name.clone()),
        Some(other) => {
            let names: Vec<&str> = crate::theme::ramps::ramp_names().collect();
            return Err(spec_error(
                &join(path, "scheme"),
                format!("a continuous scheme: one of {}", names.join(", ")),
                other,
            ));
        }
    };
    r.finish(&[], w)?;
    Ok(TableForm {
        columns,
        heat,
        bars,
        scheme,
    })
}

// In the lite build every form answers NeedsFull (the arms below all return).
#[cfg_attr(not(feature = "full"), allow(unreachable_code, unused_variables))]
pub(super) fn parse_form(v: &Json, path: &str, w: &mut Warnings) -> Result<NewsForm, Error> {
    if v.as_str() == Some("table") {
        // The table form (an HTML table: layout::table_form, web::table) is the full
        // build's.
        #[cfg(not(feature = "full"))]
        return Err(Error::NeedsFull {
            path: path.to_string(),
            what: "the table form",
        });
        #[cfg(feature = "full")]
        return Ok(NewsForm::Table(TableForm::default()));
    }
    let mut r = ObjReader::new(
        v,
        path,
        "\"table\" or a form object such as {\"type\": \"cards\"}",
    )?;
    let ty = r
        .get("type")
        .ok_or_else(|| missing(&join(path, "type"), "\"cards\", \"waffle\" or \"table\""))?;
    let form = match one_of(ty, &join(path, "type"), &["cards", "waffle", "table"])? {
        #[cfg(not(feature = "full"))]
        "table" => {
            return Err(Error::NeedsFull {
                path: path.to_string(),
                what: "the table form",
            })
        }
        #[cfg(feature = "full")]
        "table" => NewsForm::Table(TableForm::default()),
        // The news forms are drawn by the full engine, and so is the table form.
        #[cfg(not(feature = "full"))]
        _ => {
            return Err(Error::NeedsFull {
                path: path.to_string(),
                what: "news forms (cards, waffle)",
            })
        }
        #[cfg(feature = "full")]
        "cards" => NewsForm::Cards {
            label: r.opt_str("label")?,
            unit: r.opt_str("unit")?,
            delta: r.opt_str("delta")?,
        },
        #[cfg(feature = "full")]
        _ => {
            let columns = match r.opt_num("columns")? {
                None => 20,
                Some(c) if (1.0..=200.0).contains(&c) && c.fract() == 0.0 => c as usize,
                Some(c) => {
                    return Err(Error::Spec {
                        path: join(path, "columns"),
                        expected: "a whole number from 1 to 200".into(),
                        found: c.to_string(),
                    })
                }
            };
            let per_square = match r.opt_num("perSquare")? {
                None => 1.0,
                Some(x) if x > 0.0 => x,
                Some(x) => {
                    return Err(Error::Spec {
                        path: join(path, "perSquare"),
                        expected: "a number > 0".into(),
                        found: x.to_string(),
                    })
                }
            };
            NewsForm::Waffle {
                columns,
                per_square,
            }
        }
    };
    r.finish(&[], w)?;
    Ok(form)
}
