//! `resolve` (shared or independent scales, axes and legends) and the composition
//! properties that only place views (`spacing`, `align`, `bounds`, `center`).
//!
//! stdviz's composition follows Vega-Lite's defaults: a layer's views share every scale,
//! axis and legend; a concatenation's (and so a repeat's) views keep their own position
//! scales and axes and share the colour scale and its one legend, unless colour is
//! `"independent"`; a facet's cells share everything but may keep their own x or y
//! scale; a layer of two views may keep a y scale (or only a y axis) each: a dual axis,
//! the second on the right. A `resolve` that asks for what stdviz can draw is accepted; one that asks for
//! something else is an error naming its path.

use super::*;

/// What a view's `resolve` may ask for, by the kind of view it is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Composition {
    Layer,
    Concat,
    Facet,
    Unit,
}

/// Reads `resolve` and the placement properties of a view of `kind`; returns the facet
/// resolution (all shared for other views).
pub(super) fn parse_composition(
    r: &mut ObjReader<'_>,
    kind: &ViewKind,
    path: &str,
    w: &mut Warnings,
) -> Result<Resolve, Error> {
    for key in ["spacing", "align", "bounds", "center"] {
        if let Some(v) = r.get(key) {
            let ok = match key {
                "spacing" => v.is_number() || v.is_object(),
                "align" => v.is_string() || v.is_object(),
                "bounds" => matches!(v.as_str(), Some("full" | "flush")),
                _ => v.is_boolean() || v.is_object(),
            };
            if !ok {
                return Err(spec_error(
                    &join(path, key),
                    "a Vega-Lite composition value (spacing: pixels, align: \"all\"/\"each\"/\"none\", bounds: \"full\"/\"flush\", center: true/false)",
                    v,
                ));
            }
            w.push(Warning {
                path: join(path, key),
                message: format!(
                    "\"{key}\" has no effect: stdviz places composed views with its own spacing"
                ),
            });
        }
    }
    let (composition, layers) = match kind {
        ViewKind::Layer { layers, .. } => (Composition::Layer, layers.len()),
        ViewKind::Concat { .. } => (Composition::Concat, 0),
        ViewKind::Facet { .. } => (Composition::Facet, 0),
        ViewKind::Unit { .. } => (Composition::Unit, 0),
    };
    let mut out = Resolve::default();
    let Some(v) = r.get("resolve") else {
        return Ok(out);
    };
    let rp = join(path, "resolve");
    let mut rr = ObjReader::new(
        v,
        &rp,
        "a resolve object with \"scale\", \"axis\" or \"legend\"",
    )?;
    for part in ["scale", "axis", "legend"] {
        let Some(modes) = rr.get(part) else {
            continue;
        };
        let pp = join(&rp, part);
        let Json::Object(o) = modes else {
            return Err(spec_error(
                &pp,
                "an object of channel: \"shared\" | \"independent\"",
                modes,
            ));
        };
        for (channel, mode) in o {
            let cp = join(&pp, channel);
            let independent = match mode.as_str() {
                Some("independent") => true,
                Some("shared") => false,
                _ => return Err(spec_error(&cp, "\"shared\" or \"independent\"", mode)),
            };
            let position = matches!(channel.as_str(), "x" | "y" | "theta" | "radius");
            let colour = matches!(channel.as_str(), "color" | "fill" | "stroke");
            // What stdviz does for this view, channel and part.
            let does_independent = match composition {
                // A dual axis: two layers, each with its own y scale (or y axis).
                Composition::Layer if channel == "y" && part != "legend" && independent => {
                    if layers != 2 {
                        return Err(spec_error(
                            &cp,
                            format!("\"shared\" (independent y scales or axes need exactly two layers, one axis on each side; this layer has {layers})"),
                            mode,
                        ));
                    }
                    if let ViewKind::Layer { layers, .. } = kind {
                        dual_layers(layers, path)?;
                    }
                    if part == "scale" {
                        out.y_independent = true;
                    } else {
                        out.y_axis_independent = true;
                    }
                    continue;
                }
                Composition::Layer | Composition::Unit => false,
                Composition::Concat if colour => {
                    if part == "scale" {
                        out.color_independent |= independent;
                    } else if part == "legend" {
                        out.legend_independent |= independent;
                    }
                    continue;
                }
                Composition::Concat => true,
                Composition::Facet => {
                    if part == "scale" && matches!(channel.as_str(), "x" | "y") {
                        if channel == "x" {
                            out.x_independent = independent;
                        } else {
                            out.y_independent = independent;
                        }
                        continue;
                    }
                    // A facet's axes follow its scales: one per cell when independent.
                    part == "axis" && position && independent
                }
            };
            if independent == does_independent {
                continue;
            }
            if part == "scale" || composition == Composition::Unit {
                let what = match composition {
                    Composition::Layer => "\"shared\" (a layer's views share their scales; only y may be independent — a dual axis)",
                    Composition::Concat => "\"independent\" (concatenated views keep their own scales; shared ones are not supported yet)",
                    Composition::Facet => "\"shared\" (a facet's cells share this scale; only x and y may be independent yet)",
                    Composition::Unit => "no resolve on a single view (it has nothing to share)",
                };
                return Err(spec_error(&cp, what, mode));
            }
            w.push(Warning {
                path: cp,
                message: format!(
                    "\"{}\" has no effect: stdviz draws this {part} as its {} rule says",
                    mode.as_str().unwrap_or_default(),
                    match composition {
                        Composition::Layer => "layer",
                        Composition::Concat => "concatenation",
                        _ => "facet",
                    }
                ),
            });
        }
    }
    rr.finish(&[], w)?;
    Ok(out)
}

/// The y encodings of a view's units, first to last.
fn y_defs(view: &View) -> Vec<&ChannelDef> {
    match &view.kind {
        ViewKind::Unit { encoding, .. } => encoding.get(Channel::Y).into_iter().collect(),
        ViewKind::Layer { layers, .. } => layers.iter().flat_map(y_defs).collect(),
        _ => Vec::new(),
    }
}

/// What a dual axis needs of its two layers (at the view at `path`): a y in the second,
/// and the two axes on different sides.
fn dual_layers(layers: &[View], path: &str) -> Result<(), Error> {
    let [first, second] = layers else {
        return Ok(());
    };
    let y = join(&join(path, "layer[1]"), "encoding.y");
    let Some(second_y) = y_defs(second).first().copied() else {
        return Err(Error::Spec {
            path: y,
            expected: "a y field or datum: the second layer of a dual axis has a y axis of its own"
                .into(),
            found: "none".into(),
        });
    };
    let orient = |d: &ChannelDef| {
        d.field()
            .and_then(|f| f.axis.as_ref())
            .and_then(|a| a.orient)
    };
    let right = |o: Option<AxisOrient>| o == Some(AxisOrient::Right);
    let first_orient = y_defs(first).first().and_then(|d| orient(d));
    if let Some(o) = orient(second_y) {
        if right(first_orient) == right(Some(o)) {
            return Err(Error::Spec {
                path: join(&y, "axis.orient"),
                expected: "the side the first layer's y axis leaves free (a dual axis's axes stand on both sides of the plot)".into(),
                found: format!("{o:?}").to_lowercase(),
            });
        }
    }
    Ok(())
}
