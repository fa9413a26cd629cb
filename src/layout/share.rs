//! One colour scale and one legend across a concatenation (and so a `repeat`), as
//! Vega-Lite resolves them by default: the views' colour domains are united, every
//! view colours its marks from the united scale, and the legend is drawn once for the
//! whole concatenation instead of once per view. `resolve.scale.color: "independent"`
//! keeps each view's own scale; `resolve.legend.color: "independent"` keeps each view's
//! own legend of the shared scale.

use super::legend::Legend;
use super::scales::{self, ColorScale};
use super::{units, view_table, Ctx, Node, ViewTables};
use crate::encode::Encoded;
use crate::error::Error;
use crate::spec::{Channel, View, ViewKind};
use crate::table::Table;

/// Every encoded unit below `view` (with all rows, also those the reader hid), each
/// facet's units over the facet's whole table.
fn all_units(
    view: &View,
    parent: &Table,
    tables: &ViewTables,
    ctx: &Ctx,
    out: &mut Vec<Encoded>,
) -> Result<(), Error> {
    match &view.kind {
        ViewKind::Unit { .. } | ViewKind::Layer { .. } => {
            let (mut shown, mut full) = (Vec::new(), Vec::new());
            units(view, parent, tables, ctx, &mut shown, &mut full)?;
            out.extend(if full.is_empty() { shown } else { full });
            Ok(())
        }
        ViewKind::Concat { views, .. } => {
            let table = view_table(view, parent, tables)?;
            views
                .iter()
                .try_for_each(|v| all_units(v, &table, tables, ctx, out))
        }
        ViewKind::Facet { spec, .. } => {
            let table = view_table(view, parent, tables)?;
            all_units(spec, &table, tables, ctx, out)
        }
    }
}

/// The colour scale the views of the concatenation `view` share: `None` when fewer
/// than two views colour by a field, or when they colour by different fields (Vega-Lite
/// would unite unrelated domains under one legend; stdviz keeps each view's own).
pub(super) fn shared_color(
    view: &View,
    parent: &Table,
    tables: &ViewTables,
    ctx: &Ctx,
) -> Result<Option<ColorScale>, Error> {
    let ViewKind::Concat { views, .. } = &view.kind else {
        return Ok(None);
    };
    let table = view_table(view, parent, tables)?;
    let mut all = Vec::new();
    let mut coloured_views = 0;
    for v in views {
        let before = all.len();
        all_units(v, &table, tables, ctx, &mut all)?;
        if all[before..]
            .iter()
            .any(|u| u.field(Channel::Color).is_some())
        {
            coloured_views += 1;
        }
    }
    let mut fields = all
        .iter()
        .filter_map(|u| u.field(Channel::Color).map(|(_, d)| (&d.field, d.ty)));
    let Some(first) = fields.next() else {
        return Ok(None);
    };
    if coloured_views < 2 || fields.any(|f| f != first) {
        return Ok(None);
    }
    let coloured: Vec<Encoded> = all
        .into_iter()
        .filter(|u| u.field(Channel::Color).is_some())
        .collect();
    Ok(scales::color(&coloured, ctx))
}

/// Gives every plot and facet below `node` that colours by a field the `shared` scale;
/// each keeps a legend only when `own_legends`.
pub(super) fn apply(node: &mut Node, shared: &ColorScale, own_legends: bool, ctx: &Ctx) {
    let replace = |c: &mut Option<ColorScale>| {
        if let Some(own) = c {
            *own = ColorScale {
                legend: own.legend && own_legends && shared.legend,
                ..shared.clone()
            };
        }
    };
    match node {
        Node::Plot { plot, turned, .. } => {
            replace(plot.scales_mut().2);
            if let Some(t) = turned {
                replace(t.scales_mut().2);
            }
        }
        Node::Facet { cells, legend, .. } => {
            cells.iter_mut().for_each(|c| replace(c.scales_mut().2));
            if legend.is_some() {
                *legend = own_legends.then(|| Legend::of(shared, ctx)).flatten();
            }
        }
        Node::Concat {
            children, legend, ..
        } => {
            *legend = None;
            children
                .iter_mut()
                .for_each(|(_, c)| apply(c, shared, own_legends, ctx));
        }
        // Pies and donuts and the news forms keep their own colours.
        Node::Polar { .. } => {}
        #[cfg(feature = "full")]
        Node::Cards(_) | Node::Waffle(_) | Node::Map { .. } => {}
    }
}
