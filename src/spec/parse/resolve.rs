//! `resolve` (shared or independent scales, axes and legends) and the composition
//! properties that only place views (`spacing`, `align`, `bounds`, `center`).
//!
//! stdviz's composition follows Vega-Lite's defaults: a layer's views share every scale,
//! axis and legend; a concatenation's (and so a repeat's) views keep their own position
//! scales and axes and share the colour scale and its one legend, unless colour is
//! `"independent"`; a facet's cells share everything but may keep their own x or y
//! scale. A `resolve` that asks for what stdviz can draw is accepted; one that asks for
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
    let composition = match kind {
        ViewKind::Layer { .. } => Composition::Layer,
        ViewKind::Concat { .. } => Composition::Concat,
        ViewKind::Facet { .. } => Composition::Facet,
        ViewKind::Unit { .. } => Composition::Unit,
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
                    Composition::Layer => "\"shared\" (a layer's views share their scales; independent ones — dual axes — are not supported yet)",
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
