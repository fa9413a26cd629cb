//! Layout: a validated spec and its tables become a [`Scene`] at a given size.
//!
//! The view tree is first turned into nodes: a cartesian [`plot::Plot`] for units and
//! layers with x/y, a [`polar::Polar`] for arcs, and concatenations and facets of those.
//! Nodes measure what they need around their plots (axes, legends), then draw into the
//! rectangles the frame (title, subtitle, source line) leaves them. All text is measured
//! with [`crate::text`], never by a backend, so the scene is the same whatever draws it.

#[cfg(feature = "full")]
mod annotate;
mod axis;
mod boxes;
mod brush;
mod cells;
mod channels;
pub mod context;
mod datum;
mod facet_fields;
mod facet_headers;
mod frame;
mod gaps;
#[cfg(feature = "full")]
mod geoshape;
mod labels;
mod legend;
pub mod legend_gradient;
mod legend_side;
mod legend_size;
mod nested_facet;
#[cfg(feature = "full")]
mod news;
mod overlay;
mod plot;
mod polar;
pub mod scales;
mod share;
#[cfg(feature = "full")]
mod steps;
pub mod table_form;
mod trail;
mod view_frame;
mod zoom;

use crate::encode::{encode, Encoded};
use crate::error::Error;
use crate::scene::{ChartKind, HAlign, MarkGroup, Rect, Role, Scene, Shapes, TextStyle, VAlign};
use crate::spec::{
    Channel, ChannelDef, ChartSpec, Direction, Encoding, FacetField, Locale, Resolve, Size, Title,
    View, ViewKind,
};
use crate::table::{Table, Value};
use crate::text;
use context::Ctx;
use plot::Plot;
use polar::Polar;
use std::collections::HashMap;

/// The space a chart is laid out into, in CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Width available (the container's width).
    pub width: f32,
    /// Height available, used when the spec's height is `"container"`.
    pub height: Option<f32>,
}

/// What the reader has changed on a chart (see [`crate::interact`]): series hidden
/// from the legend, the drill-down path, the zoom window of a continuous x axis. The
/// default is the chart as its spec describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// Colour-field values whose marks are hidden (the legend still lists them).
    pub hidden: Vec<String>,
    /// Drill-down path: the category chosen at each level above the one shown.
    pub drill: Vec<String>,
    /// The x domain shown (data units: numbers, or ms for dates), when zoomed.
    pub zoom: Option<(f64, f64)>,
    /// The y domain shown, when the reader panned or zoomed a y axis bound to the scales
    /// (`bind: "scales"`; `layout::zoom::y_zoom`).
    pub zoom_y: Option<(f64, f64)>,
    /// The page prefers a dark colour scheme (unless the spec sets a background).
    pub dark: bool,
    /// Selections whose value the reader changed (`spec::params`); the others keep
    /// their initial value.
    pub selections: crate::spec::SelectionState,
    /// Where the reader drew each interval selection's brush: its name and the index of
    /// the plot in [`Scene::brush_plots`] (`layout::brush` draws it there only).
    pub brushes: Vec<(String, usize)>,
    /// Value parameters the reader set through their input elements, by name (the
    /// chart's spec is parsed again with them).
    pub values: Vec<(String, crate::spec::ParamValue)>,
}

/// Smallest chart width laid out; narrower containers get this width and scroll.
pub const MIN_WIDTH: f32 = 200.0;

/// Cell width (inside the padding) from which a legend sits beside the plot, not below.
pub const LEGEND_BESIDE_MIN: f32 = 480.0;

/// Gap between concatenated views and facet cells, px.
const GAP: f32 = 16.0;

/// Tables loaded for the views that bring their own data, by the view's JSON path.
pub type ViewTables = HashMap<String, Table>;

// One node per chart, laid out once: the size of the polar variant does not matter (it is
// only flagged in the lite build, which lacks the news variants that are as large).
#[cfg_attr(not(feature = "full"), allow(clippy::large_enum_variant))]
enum Node {
    #[cfg(feature = "full")]
    Cards(news::Cards),
    #[cfg(feature = "full")]
    Waffle(news::Waffle),
    Plot {
        plot: Box<Plot>,
        /// The same bars drawn horizontally, for widths at which the categories of a
        /// vertical bar chart cannot be set flat (`usermeta.stdviz.turnBars`).
        turned: Option<Box<Plot>>,
        width: Option<Size>,
        height: Option<Size>,
    },
    Polar {
        polar: Polar,
        width: Option<Size>,
        height: Option<Size>,
    },
    #[cfg(feature = "full")]
    Map {
        map: Box<geoshape::GeoMap>,
        width: Option<Size>,
        height: Option<Size>,
    },
    Concat {
        direction: Direction,
        children: Vec<(Option<Title>, Node)>,
        /// The one legend of the colour scale the views share, below them.
        legend: Option<legend::Legend>,
    },
    Facet {
        /// The facet fields' titles, above the grid (`facet_headers::header_title`).
        title: Vec<String>,
        /// Each cell's header lines (`facet_headers::cell_header`).
        headers: Vec<Vec<String>>,
        cells: Vec<Plot>,
        columns: usize,
        legend: Option<legend::Legend>,
        height: Option<Size>,
    },
}

/// The rows a view works on: its own loaded table when it brings its own data, else its
/// parent's, after the view's transforms.
fn view_table(view: &View, parent: &Table, tables: &ViewTables) -> Result<Table, Error> {
    let own = match view.data {
        Some(_) => tables.get(&view.path).unwrap_or(parent),
        None => parent,
    };
    crate::transform::apply(own, &view.transform, &path_join(&view.path, "transform"))
}

/// The units (mark views) of a unit or layer view, encoded over their tables. With
/// series hidden by the reader, `out` gets the visible rows and `full` every row (the
/// colour scale and legend keep every series).
fn units(
    view: &View,
    parent: &Table,
    tables: &ViewTables,
    ctx: &Ctx,
    out: &mut Vec<Encoded>,
    full: &mut Vec<Encoded>,
) -> Result<(), Error> {
    let table = view_table(view, parent, tables)?;
    match &view.kind {
        ViewKind::Unit { mark, encoding } => {
            let drilled = drill_down(&table, encoding, ctx);
            let (table, encoding) = match &drilled {
                Some((t, e)) => (t, e),
                None => (&table, encoding),
            };
            match hide_series(table, encoding, &ctx.view.hidden) {
                Some(visible) => {
                    full.push(encode(table, mark, encoding, &view.path, ctx.time_locale)?);
                    out.push(encode(
                        &visible,
                        mark,
                        encoding,
                        &view.path,
                        ctx.time_locale,
                    )?);
                }
                None => out.push(encode(table, mark, encoding, &view.path, ctx.time_locale)?),
            }
            Ok(())
        }
        ViewKind::Layer { layers, .. } => layers
            .iter()
            .try_for_each(|l| units(l, &table, tables, ctx, out, full)),
        ViewKind::Concat { .. } | ViewKind::Facet { .. } => Err(Error::Spec {
            path: view.path.clone(),
            expected: "a unit or layer view inside a layer or facet".into(),
            found: "a concatenation or facet".into(),
        }),
    }
}

/// [`units`] of a unit or layer view; for a dual axis (a layer of two views whose y
/// scales or axes `resolve` makes independent) also where the second layer's units
/// start.
fn dual_units(
    view: &View,
    parent: &Table,
    tables: &ViewTables,
    ctx: &Ctx,
    out: &mut Vec<Encoded>,
    full: &mut Vec<Encoded>,
) -> Result<Option<plot::Dual>, Error> {
    let ViewKind::Layer { layers, resolve } = &view.kind else {
        return units(view, parent, tables, ctx, out, full).map(|_| None);
    };
    let (own_scale, axis) = (resolve.y_independent, resolve.y_axis_independent);
    let [first, second] = layers.as_slice() else {
        return units(view, parent, tables, ctx, out, full).map(|_| None);
    };
    if !(own_scale || axis) {
        return units(view, parent, tables, ctx, out, full).map(|_| None);
    }
    let table = view_table(view, parent, tables)?;
    units(first, &table, tables, ctx, out, full)?;
    let from = out.len();
    units(second, &table, tables, ctx, out, full)?;
    Ok(Some(plot::Dual { from, own_scale }))
}

/// The rows and encoding at the reader's drill-down level: rows of the chosen
/// categories above, the category channel reading the level's field. `None` at the top
/// level or without a hierarchy.
fn drill_down(table: &Table, encoding: &Encoding, ctx: &Ctx) -> Option<(Table, Encoding)> {
    let levels = &ctx.drill;
    let depth = ctx.view.drill.len().min(levels.len().saturating_sub(1));
    if depth == 0 {
        return None;
    }
    let rows: Vec<usize> = (0..table.row_count())
        .filter(|&r| {
            ctx.view.drill[..depth]
                .iter()
                .zip(levels)
                .all(|(chosen, level)| table.value(&level.field, r).to_text() == *chosen)
        })
        .collect();
    let mut encoding = encoding.clone();
    let (top, shown) = (&levels[0], &levels[depth]);
    for (_, def) in &mut encoding.channels {
        if let ChannelDef::Field(f) = def {
            if f.field == top.field {
                f.field = shown.field.clone();
                f.title = Some(Some(
                    shown.title.clone().unwrap_or_else(|| shown.field.clone()),
                ));
                f.sort = crate::spec::Sort::Ascending;
            }
        }
    }
    Some((table.select_rows(&rows), encoding))
}

/// The rows whose colour-field value is not hidden; `None` when nothing is hidden or the
/// colour channel reads no plain field.
fn hide_series(table: &Table, encoding: &Encoding, hidden: &[String]) -> Option<Table> {
    if hidden.is_empty() {
        return None;
    }
    let def = encoding.get(Channel::Color)?.field()?;
    if def.aggregate.is_some() || def.bin.is_some() || def.time_unit.is_some() {
        return None;
    }
    let rows: Vec<usize> = (0..table.row_count())
        .filter(|&r| !hidden.contains(&table.value(&def.field, r).to_text()))
        .collect();
    Some(table.select_rows(&rows))
}

fn path_join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn is_polar(units: &[Encoded]) -> bool {
    units
        .iter()
        .any(|u| u.mark.kind == crate::spec::MarkKind::Arc)
}

/// The one unit of the root view, encoded over its rows (loaded table → transforms →
/// encoding, as a chart reads them): what a news form shows.
fn form_unit(view: &View, tables: &ViewTables, ctx: &Ctx) -> Result<Encoded, Error> {
    let mut us = Vec::new();
    units(
        view,
        &Table::default(),
        tables,
        ctx,
        &mut us,
        &mut Vec::new(),
    )?;
    let (true, Some(u)) = (us.len() == 1, us.first()) else {
        return Err(Error::Spec {
            path: "usermeta.stdviz.form".into(),
            expected: "a single unit view (one mark) under a news form".into(),
            found: format!("{} views", us.len()),
        });
    };
    Ok(u.clone())
}

/// The news form of the root view (`usermeta.stdviz.form`), from its one unit.
fn build_form(
    form: &crate::spec::NewsForm,
    view: &View,
    tables: &ViewTables,
    ctx: &Ctx,
) -> Result<Node, Error> {
    Ok(match form {
        // The table is HTML (`table_form`); a picture of the spec is its marks.
        crate::spec::NewsForm::Table(_) => build(view, &Table::default(), tables, ctx)?,
        #[cfg(feature = "full")]
        crate::spec::NewsForm::Cards { label, unit, delta } => Node::Cards(news::Cards::new(
            &form_unit(view, tables, ctx)?,
            label.as_deref(),
            unit.as_deref(),
            delta.as_deref(),
            ctx,
            "",
        )?),
        #[cfg(feature = "full")]
        crate::spec::NewsForm::Waffle {
            columns,
            per_square,
        } => Node::Waffle(news::Waffle::new(
            &form_unit(view, tables, ctx)?,
            *columns,
            *per_square,
            ctx,
            "",
        )?),
        // The news forms are drawn by the full engine (the lite parser answers NeedsFull).
        #[cfg(not(feature = "full"))]
        _ => {
            return Err(Error::NeedsFull {
                path: "usermeta.stdviz.form".into(),
                what: "news forms (cards, waffle)",
            })
        }
    })
}

fn build(view: &View, parent: &Table, tables: &ViewTables, ctx: &Ctx) -> Result<Node, Error> {
    match &view.kind {
        ViewKind::Unit { .. } | ViewKind::Layer { .. } => {
            let (mut us, mut full) = (Vec::new(), Vec::new());
            let dual = dual_units(view, parent, tables, ctx, &mut us, &mut full)?;
            #[cfg(feature = "full")]
            if geoshape::is_map(&us) {
                return Ok(Node::Map {
                    map: Box::new(geoshape::GeoMap::new(us, &full, ctx)),
                    width: view.width,
                    height: view.height,
                });
            }
            if let Some(d) = dual {
                let plot = Plot::with_dual(us, &full, ctx, Some(d));
                plot.check_dual(view)?;
                return Ok(Node::Plot {
                    plot: Box::new(plot),
                    turned: None,
                    width: view.width,
                    height: view.height,
                });
            }
            Ok(if is_polar(&us) {
                Node::Polar {
                    polar: Polar::new(us, &full, ctx),
                    width: view.width,
                    height: view.height,
                }
            } else {
                let turned = (ctx.turn_bars && turnable(&us)).then(|| {
                    let t: Vec<Encoded> = us.iter().map(turn).collect();
                    let tf: Vec<Encoded> = full.iter().map(turn).collect();
                    Box::new(Plot::new(t, &tf, ctx))
                });
                Node::Plot {
                    plot: Box::new(Plot::new(us, &full, ctx)),
                    turned,
                    width: view.width,
                    height: view.height,
                }
            })
        }
        ViewKind::Concat {
            direction,
            views,
            resolve,
        } => {
            let table = view_table(view, parent, tables)?;
            let children = views
                .iter()
                .map(|v| Ok((v.title.clone(), build(v, &table, tables, ctx)?)))
                .collect::<Result<Vec<_>, Error>>()?;
            let mut node = Node::Concat {
                direction: *direction,
                children,
                legend: None,
            };
            if !resolve.color_independent {
                if let Some(shared) = share::shared_color(view, parent, tables, ctx)? {
                    share::apply(&mut node, &shared, resolve.legend_independent, ctx);
                    if let (Node::Concat { legend, .. }, false) =
                        (&mut node, resolve.legend_independent)
                    {
                        *legend = legend::Legend::of(&shared, ctx);
                    }
                }
            }
            Ok(node)
        }
        ViewKind::Facet {
            row,
            column,
            columns,
            spec,
            resolve,
        } => {
            let mut table = view_table(view, parent, tables)?;
            let row = facet_fields::derived(&mut table, row.as_ref(), ctx.time_locale)?;
            let column = facet_fields::derived(&mut table, column.as_ref(), ctx.time_locale)?;
            if let Some(flat) =
                nested_facet::flatten(&table, row.as_ref(), column.as_ref(), spec, ctx.time_locale)?
            {
                return facet(
                    &flat.table,
                    flat.row.as_ref(),
                    flat.column.as_ref(),
                    None,
                    flat.innermost,
                    tables,
                    ctx,
                    view,
                    *resolve,
                );
            }
            facet(
                &table,
                row.as_ref(),
                column.as_ref(),
                *columns,
                spec,
                tables,
                ctx,
                view,
                *resolve,
            )
        }
    }
}

fn facet_values(t: &Table, f: &FacetField) -> Result<Vec<String>, Error> {
    let col = t.column(&f.field).ok_or_else(|| {
        crate::transform::missing_field(t, &f.field, &path_join(&f.path, "field"))
    })?;
    let values: Vec<String> = (0..col.len())
        .filter_map(|r| match col.value(r) {
            Value::Null => None,
            v => Some(v.to_text()),
        })
        .collect();
    Ok(crate::scale::ordered(
        values,
        &f.sort,
        &Default::default(),
        &HashMap::new(),
    ))
}

#[allow(clippy::too_many_arguments)]
fn facet(
    table: &Table,
    row: Option<&FacetField>,
    column: Option<&FacetField>,
    wrap: Option<usize>,
    spec: &View,
    tables: &ViewTables,
    ctx: &Ctx,
    view: &View,
    resolve: Resolve,
) -> Result<Node, Error> {
    let rows = match row {
        Some(f) => facet_values(table, f)?,
        None => vec![String::new()],
    };
    let cols = match column {
        Some(f) => facet_values(table, f)?,
        None => vec![String::new()],
    };
    if rows.len() * cols.len() > 400 {
        return Err(Error::Spec {
            path: view.path.clone(),
            expected: "at most 400 facet cells".into(),
            found: format!("{} cells", rows.len() * cols.len()),
        });
    }
    // Shared scales: plan once over all rows, then once per cell with the shared scales.
    let (mut all, mut all_full) = (Vec::new(), Vec::new());
    units(spec, table, tables, ctx, &mut all, &mut all_full)?;
    let shared = Plot::new(all, &all_full, ctx);
    let mut cells = Vec::new();
    let mut headers = Vec::new();
    // Each row's cell, found once (not once per cell: 400 cells × 2,000,000 rows).
    let key = |f: Option<&FacetField>, r: usize| {
        f.map_or(String::new(), |f| table.value(&f.field, r).to_text())
    };
    let mut cell_rows: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for r in 0..table.row_count() {
        cell_rows
            .entry((key(row, r), key(column, r)))
            .or_default()
            .push(r);
    }
    for rv in &rows {
        for cv in &cols {
            let keep = cell_rows
                .get(&(rv.clone(), cv.clone()))
                .map_or(&[][..], Vec::as_slice);
            let sub = table.select_rows(keep);
            let mut us = Vec::new();
            units(spec, &sub, tables, ctx, &mut us, &mut Vec::new())?;
            cells.push(Plot::new(us, &[], ctx));
            headers.push(facet_headers::cell_header(rv, cv, ctx));
        }
    }
    // Shared scales: discrete domains in the order of the whole data, continuous extents
    // the union of the cells' own (each cell stacks only its own rows).
    let (sx, sy, sc) = shared.scales();
    let unify = |base: Option<scales::PosScale>,
                 pick: &dyn Fn(&Plot) -> Option<scales::PosScale>| {
        let mut base = base?;
        if let scales::PosKind::Continuous {
            lo,
            hi,
            fixed: false,
            ..
        } = &mut base.kind
        {
            let cell_kinds: Vec<scales::PosKind> = cells
                .iter()
                .filter_map(|c| pick(c).map(|s| s.kind))
                .collect();
            let mut first = true;
            for k in cell_kinds {
                if let scales::PosKind::Continuous { lo: a, hi: b, .. } = k {
                    if first {
                        (*lo, *hi) = (a, b);
                        first = false;
                    } else {
                        *lo = lo.min(a);
                        *hi = hi.max(b);
                    }
                }
            }
        }
        Some(base)
    };
    let ux = unify(sx, &|c: &Plot| c.scales().0);
    let uy = unify(sy, &|c: &Plot| c.scales().1);
    for p in cells.iter_mut() {
        let (x, y, c) = p.scales_mut();
        // An independent scale stays the cell's own (`resolve.scale`).
        if !resolve.x_independent {
            *x = ux.clone();
        }
        if !resolve.y_independent {
            *y = uy.clone();
        }
        *c = sc.clone().map(|mut c| {
            c.legend = false;
            c
        });
    }
    // One size scale across the cells, as Vega-Lite shares it; no size legend per cell.
    let size_domain = (cells.iter())
        .filter_map(|p| p.size.as_ref().map(|s| s.domain))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
    for s in cells.iter_mut().filter_map(|p| p.size.as_mut()) {
        (s.domain, s.legend) = (size_domain.unwrap_or(s.domain), false);
    }
    let legend = shared.color().and_then(|c| legend::Legend::of(c, ctx));
    let columns = match (row, wrap) {
        (None, Some(w)) => w.min(cols.len()).max(1),
        _ => cols.len().max(1),
    };
    Ok(Node::Facet {
        title: facet_headers::header_title(row, column),
        headers,
        cells,
        columns,
        legend,
        height: spec.height.or(view.height),
    })
}

impl Node {
    /// Whether the node draws one plot (`scene.plot` is its plot area): a cartesian plot
    /// or a pie.
    fn is_one_plot(&self) -> bool {
        matches!(self, Node::Plot { .. } | Node::Polar { .. })
    }

    /// Outer size (with axes and legends) for `avail` px of width.
    fn size(&self, avail: f32, root_w: Size, root_h: Size, ctx: &Ctx) -> (f32, f32) {
        match self {
            #[cfg(feature = "full")]
            Node::Cards(c) => c.size(avail),
            #[cfg(feature = "full")]
            Node::Waffle(w) => w.size(avail),
            Node::Plot {
                plot,
                turned,
                width,
                height,
            } => {
                let (w, h) = (width.unwrap_or(root_w), height.unwrap_or(root_h));
                let plot_h = plot_height(plot, h);
                let outer_w = match w {
                    Size::Container => avail,
                    Size::Fixed(pw) => {
                        let c = plot.chrome(pw + 200.0, plot_h, true, true);
                        pw + c.left + c.right
                    }
                    Size::Step(s) => {
                        let pw = plot.default_width(Some(s));
                        let c = plot.chrome(pw + 200.0, plot_h, true, true);
                        pw + c.left + c.right
                    }
                    Size::Default => {
                        let pw = plot.default_width(None);
                        let c = plot.chrome(pw + 200.0, plot_h, true, true);
                        (pw + c.left + c.right).min(avail.max(MIN_WIDTH))
                    }
                };
                let plot = pick(plot, turned, outer_w, h);
                let plot_h = plot_height(plot, h).max(plot.min_height(outer_w));
                let c = plot.chrome(outer_w, plot_h, true, true);
                (outer_w, plot_h + c.top + c.bottom)
            }
            Node::Polar {
                polar,
                width,
                height,
            } => {
                let (w, h) = (width.unwrap_or(root_w), height.unwrap_or(root_h));
                let side = match h {
                    Size::Fixed(h) => h,
                    _ => 300.0,
                };
                let outer_w = match w {
                    Size::Container => avail,
                    Size::Fixed(pw) => pw + polar.legend_width(),
                    _ => (side + polar.legend_width()).min(avail.max(MIN_WIDTH)),
                };
                (outer_w, side + polar.chrome_height(outer_w))
            }
            #[cfg(feature = "full")]
            Node::Map { map, width, height } => {
                // Vega-Lite's default view for maps: config.view's 300 × 300.
                let (w, h) = (width.unwrap_or(root_w), height.unwrap_or(root_h));
                let plot_h = match h {
                    Size::Fixed(h) => h,
                    _ => 300.0,
                };
                let outer_w = match w {
                    Size::Container => avail,
                    Size::Fixed(pw) => pw + map.legend_width(),
                    _ => (300.0 + map.legend_width()).min(avail.max(MIN_WIDTH)),
                };
                (outer_w, plot_h + map.chrome_height(outer_w))
            }
            Node::Concat {
                direction,
                children,
                legend,
            } => {
                let legend_h = legend
                    .as_ref()
                    .map_or(0.0, |l| 10.0 + l.flow_height(&ctx.theme, avail));
                let n = children.len().max(1) as f32;
                let title_h = |t: &Option<Title>, w: f32| {
                    t.as_ref().map_or(0.0, |t| {
                        headers_height(std::slice::from_ref(&t.text), w, ctx) + 6.0
                    })
                };
                match direction {
                    Direction::Horizontal => {
                        let each = ((avail - GAP * (n - 1.0)) / n).max(60.0);
                        let sizes: Vec<(f32, f32)> = children
                            .iter()
                            .map(|(t, c)| {
                                let (w, h) = c.size(each, fill(root_w), root_h, ctx);
                                (w, h + title_h(t, w))
                            })
                            .collect();
                        (
                            sizes.iter().map(|s| s.0).sum::<f32>() + GAP * (n - 1.0),
                            sizes.iter().map(|s| s.1).fold(0.0, f32::max) + legend_h,
                        )
                    }
                    Direction::Vertical => {
                        let sizes: Vec<(f32, f32)> = children
                            .iter()
                            .map(|(t, c)| {
                                let (w, h) = c.size(avail, fill(root_w), root_h, ctx);
                                (w, h + title_h(t, w))
                            })
                            .collect();
                        (
                            sizes.iter().map(|s| s.0).fold(0.0, f32::max),
                            sizes.iter().map(|s| s.1).sum::<f32>() + GAP * (n - 1.0) + legend_h,
                        )
                    }
                }
            }
            Node::Facet {
                title,
                headers,
                cells,
                columns,
                legend,
                height,
            } => {
                let cols = facet_headers::columns_at(*columns, avail, GAP) as f32;
                let rows = cells.len().div_ceil(*columns).max(1) as f32;
                let each = ((avail - GAP * (cols - 1.0)) / cols).max(60.0);
                let plot_h = match height.unwrap_or(root_h) {
                    Size::Fixed(h) => h,
                    _ => 200.0,
                };
                let cell_h = cells.first().map_or(plot_h, |p| {
                    let c = p.chrome(each, plot_h, true, true);
                    plot_h + c.top + c.bottom
                }) + facet_headers::headers_height(headers, each, ctx)
                    + 4.0;
                let legend_h = legend
                    .as_ref()
                    .map_or(0.0, |l| 10.0 + l.flow_height(&ctx.theme, avail));
                let title_h = facet_headers::title_height(title, avail, ctx);
                (
                    avail,
                    title_h + rows * cell_h + GAP * (rows - 1.0) + legend_h,
                )
            }
        }
    }

    fn draw(&self, rect: Rect, root_w: Size, root_h: Size, ctx: &Ctx, scene: &mut Scene) {
        // A header's text, already broken into lines.
        let header = |x: f32, y: f32, lines: String, scene: &mut Scene| {
            scene.groups.push(MarkGroup {
                role: Role::Header,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![y],
                    text: vec![lines],
                    style: TextStyle {
                        size: ctx.theme.label_size,
                        bold: true,
                        color: ctx.theme.title_color,
                        align: HAlign::Left,
                        baseline: VAlign::Top,
                        angle: 0,
                    },
                },
                items: Vec::new(),
            });
        };
        match self {
            #[cfg(feature = "full")]
            Node::Cards(c) => c.draw(rect, scene),
            #[cfg(feature = "full")]
            Node::Waffle(w) => w.draw(rect, scene),
            Node::Plot {
                plot,
                turned,
                height,
                ..
            } => view_frame::framed(&ctx.view_config, scene, |scene| {
                pick(plot, turned, rect.width, height.unwrap_or(root_h))
                    .draw(rect, true, true, scene)
            }),
            Node::Polar { polar, .. } => polar.draw(rect, scene),
            #[cfg(feature = "full")]
            Node::Map { map, .. } => map.draw(rect, scene),
            Node::Concat {
                direction,
                children,
                legend,
            } => {
                let legend_h = legend
                    .as_ref()
                    .map_or(0.0, |l| 10.0 + l.flow_height(&ctx.theme, rect.width));
                let n = children.len().max(1) as f32;
                let mut at = match direction {
                    Direction::Horizontal => rect.x,
                    Direction::Vertical => rect.y,
                };
                let each = ((rect.width - GAP * (n - 1.0)) / n).max(60.0);
                for (title, child) in children {
                    let (w, h) = child.size(
                        if *direction == Direction::Horizontal {
                            each
                        } else {
                            rect.width
                        },
                        fill(root_w),
                        root_h,
                        ctx,
                    );
                    let th = title.as_ref().map_or(0.0, |t| {
                        headers_height(std::slice::from_ref(&t.text), w, ctx) + 6.0
                    });
                    let (x, y) = match direction {
                        Direction::Horizontal => (at, rect.y),
                        Direction::Vertical => (rect.x, at),
                    };
                    if let Some(t) = title {
                        header(x, y, header_text(&t.text, w, ctx), scene);
                    }
                    child.draw(
                        Rect {
                            x,
                            y: y + th,
                            width: w,
                            height: if *direction == Direction::Horizontal {
                                rect.height - legend_h - th
                            } else {
                                h
                            },
                        },
                        fill(root_w),
                        root_h,
                        ctx,
                        scene,
                    );
                    at += match direction {
                        Direction::Horizontal => w + GAP,
                        Direction::Vertical => h + th + GAP,
                    };
                }
                if let Some(l) = legend {
                    l.draw_flow(
                        &ctx.theme,
                        rect.x,
                        rect.y + rect.height - legend_h + 10.0,
                        rect.width,
                        scene,
                    );
                }
            }
            Node::Facet {
                title,
                headers,
                cells,
                columns,
                legend,
                ..
            } => {
                let title_h = facet_headers::title_height(title, rect.width, ctx);
                facet_headers::draw_title(title, rect.x, rect.y, rect.width, ctx, scene);
                let rect = Rect {
                    y: rect.y + title_h,
                    height: rect.height - title_h,
                    ..rect
                };
                let cols = facet_headers::columns_at(*columns, rect.width, GAP);
                let rows = cells.len().div_ceil(cols).max(1);
                let legend_h = legend
                    .as_ref()
                    .map_or(0.0, |l| 10.0 + l.flow_height(&ctx.theme, rect.width));
                let full_h = (rect.height - legend_h - GAP * (rows as f32 - 1.0)) / rows as f32;
                // Only the first column draws the y axis: it gets that axis's room on top
                // of its share, so that every plot is as wide as the others.
                let share = |room: f32| {
                    ((rect.width - room - GAP * (cols as f32 - 1.0)) / cols as f32).max(60.0)
                };
                let axis_w = |w: f32, h: f32, shows_x: bool| match cells.first() {
                    Some(p) if cols > 1 => p.cell_chrome(w, h, shows_x, true).left,
                    _ => 0.0,
                };
                let mut y_axis_w = axis_w(share(0.0), full_h, true);
                let mut each_w = share(y_axis_w);
                // Only the cells at the bottom of their column draw the x axis: the rows
                // share out the height without it, and those cells reach down by its
                // room, so that every plot is as tall as the others.
                // Measured on the first column's cell, whose plot is as wide as every
                // other (its x labels wrap or turn as theirs do).
                let x_axis_h = cells.first().map_or(0.0, |p| {
                    let w = each_w + y_axis_w;
                    let with = p.chrome(w, full_h, true, true).bottom;
                    (with - p.chrome(w, full_h, false, true).bottom).max(0.0)
                });
                let x_axis_h = if rows > 1 { x_axis_h } else { 0.0 };
                let each_h = (full_h - x_axis_h / rows as f32).max(40.0);
                let head_h = facet_headers::headers_height(headers, each_w, ctx) + 4.0;
                // Measured again at the first cell's own size, as it will be drawn.
                let first_shows_x = rows == 1 || cols >= cells.len();
                let first_h = each_h - head_h + if first_shows_x { x_axis_h } else { 0.0 };
                y_axis_w = axis_w(each_w + y_axis_w, first_h, first_shows_x);
                each_w = share(y_axis_w);
                for (i, (cell, head)) in cells.iter().zip(headers).enumerate() {
                    let (r, c) = (i / cols, i % cols);
                    let x = rect.x + c as f32 * (each_w + GAP) + if c > 0 { y_axis_w } else { 0.0 };
                    let cell_w = each_w + if c == 0 { y_axis_w } else { 0.0 };
                    let y = rect.y + r as f32 * (each_h + GAP);
                    let shows_x = r + 1 == rows || i + cols >= cells.len();
                    // Headers stand over the plots, clear of the first column's axis.
                    let plot_x = x + if c == 0 { y_axis_w } else { 0.0 };
                    header(plot_x, y, facet_headers::text_of(head, each_w, ctx), scene);
                    view_frame::framed(&ctx.view_config, scene, |scene| {
                        cell.draw(
                            Rect {
                                x,
                                y: y + head_h,
                                width: cell_w,
                                height: each_h - head_h + if shows_x { x_axis_h } else { 0.0 },
                            },
                            shows_x,
                            c == 0,
                            scene,
                        )
                    });
                }
                if let Some(l) = legend {
                    l.draw_flow(
                        &ctx.theme,
                        rect.x,
                        rect.y + rect.height - legend_h + 10.0,
                        rect.width,
                        scene,
                    );
                }
            }
        }
    }
}

/// A view or facet header broken into lines `width` px wide, joined by line feeds.
fn header_text(t: &str, width: f32, ctx: &Ctx) -> String {
    text::lines(t, ctx.theme.label_size, true, width).join("\n")
}

/// Height of the headers of facet cells `width` px wide: the lines of the longest.
fn headers_height(headers: &[String], width: f32, ctx: &Ctx) -> f32 {
    let lines = headers
        .iter()
        .map(|h| text::lines(h, ctx.theme.label_size, true, width).len())
        .fold(1, usize::max);
    lines as f32 * text::line_height(ctx.theme.label_size)
}

/// The plot height a plot node asks for under the height setting `h`.
fn plot_height(plot: &Plot, h: Size) -> f32 {
    match h {
        Size::Fixed(h) => h,
        Size::Step(s) => plot.default_height(Some(s)),
        Size::Default | Size::Container => plot.default_height(None),
    }
}

/// The plot a plot node draws `outer_w` px wide: the vertical bars as given while their
/// category labels can be set flat, else the same bars turned horizontal.
fn pick<'a>(plot: &'a Plot, turned: &'a Option<Box<Plot>>, outer_w: f32, h: Size) -> &'a Plot {
    match turned {
        Some(t) if !plot.x_labels_fit(outer_w, plot_height(plot, h)) => t,
        _ => plot,
    }
}

/// True for a plot that may be turned into horizontal bars: only bar marks, categories
/// on x and measures on y, no orientation set by the spec.
fn turnable(units: &[Encoded]) -> bool {
    !units.is_empty()
        && units.iter().all(|u| {
            u.mark.kind == crate::spec::MarkKind::Bar
                && u.mark.orient.is_none()
                && u.field(Channel::X).is_some_and(|(_, d)| d.ty.is_discrete())
                && u.field(Channel::Y)
                    .is_some_and(|(_, d)| d.ty == crate::spec::FieldType::Quantitative)
                && u.stack.as_ref().is_none_or(|s| s.channel == Channel::Y)
        })
}

/// `u` with x and y exchanged: categories down the side, measures across.
fn turn(u: &Encoded) -> Encoded {
    let swap = |c: Channel| match c {
        Channel::X => Channel::Y,
        Channel::Y => Channel::X,
        Channel::X2 => Channel::Y2,
        Channel::Y2 => Channel::X2,
        Channel::XOffset => Channel::YOffset,
        Channel::YOffset => Channel::XOffset,
        other => other,
    };
    let mut t = u.clone();
    for (c, _) in &mut t.channels {
        *c = swap(*c);
    }
    if let Some(st) = &mut t.stack {
        st.channel = swap(st.channel);
    }
    t.mark.orient = Some(crate::spec::Orient::Horizontal);
    t
}

/// Nested views fill the width their parent gives them.
fn fill(root: Size) -> Size {
    match root {
        Size::Fixed(_) | Size::Step(_) => root,
        _ => Size::Container,
    }
}

/// Lays out `spec` over its tables into a scene for `viewport`.
pub fn layout(spec: &ChartSpec, tables: &ViewTables, viewport: Viewport) -> Result<Scene, Error> {
    layout_with(spec, tables, viewport, &ViewState::default())
}

/// Lays out `spec` as the reader left it (`view`: hidden series, drill path, zoom).
pub fn layout_with(
    spec: &ChartSpec,
    tables: &ViewTables,
    viewport: Viewport,
    view: &ViewState,
) -> Result<Scene, Error> {
    let mut ctx = Ctx::new(spec);
    ctx.view = view.clone();
    if view.dark && spec.config.background.is_none() {
        ctx.theme = ctx.theme.clone().dark();
    }
    let theme = &ctx.theme;
    let node = match &spec.meta.form {
        Some(form) => build_form(form, &spec.view, tables, &ctx)?,
        None => build(&spec.view, &Table::default(), tables, &ctx)?,
    };
    let pad = theme.padding;
    let avail = (viewport.width.max(MIN_WIDTH) - 2.0 * pad).max(10.0);
    let (w, h) = node.size(avail, spec.width, spec.height, &ctx);
    let width = match spec.width {
        Size::Container => viewport.width.max(MIN_WIDTH),
        _ => (w + 2.0 * pad).round(),
    };
    // A chart narrower than its title (a few bars of a fixed step) widens, as far as the
    // viewport allows, so that the title stands on one line as Vega sets it; the views
    // keep their own width at the left.
    let titled = frame::Frame::title_width(spec, theme)
        .min(viewport.width.max(MIN_WIDTH))
        .ceil();
    let (width, body_width) = if spec.width != Size::Container && titled > width {
        (titled, w)
    } else {
        (width, width - 2.0 * pad)
    };
    let mut frame = frame::Frame::new(spec, theme, width);
    let fill_height = spec.height == Size::Container;
    let body = frame.body(h, fill_height, viewport.height, 80.0);
    let body = Rect {
        width: body_width,
        ..body
    };
    let mut scene = Scene {
        width,
        height: frame.total_height(),
        background: theme.background,
        font_family: theme.font_family.clone(),
        groups: Vec::new(),
        items: Vec::new(),
        kind: ChartKind::ColumnBars,
        plot: body,
        title: spec.title.as_ref().map(|t| t.text.clone()),
        category_title: String::new(),
        value_title: String::new(),
        second_value_title: String::new(),
        unit: spec.meta.unit.clone(),
        numbers: spec.meta.numbers,
        legend: Vec::new(),
        zoom: None,
        brush_plots: Vec::new(),
        locale: ctx.locale,
        drill: (ctx.drill.len() >= 2).then(|| {
            let depth = view.drill.len().min(ctx.drill.len() - 1);
            crate::scene::Drill {
                depth,
                levels: ctx.drill.len(),
                path: view.drill[..depth].to_vec(),
            }
        }),
    };
    frame.draw(&mut scene);
    node.draw(body, spec.width, spec.height, &ctx, &mut scene);
    if spec.title.as_ref().is_some_and(|t| t.frame_group) && node.is_one_plot() {
        let plot = scene.plot;
        frame.to_group(&mut scene, plot);
    }
    if !matches!(node, Node::Plot { .. }) {
        // Zoom follows one plot's x axis; small multiples and concatenations have many.
        // (A brush belongs to its own plot, but the y bound to the scales pans only a
        // chart of one.)
        scene.zoom = None;
        for p in &mut scene.brush_plots {
            p.y_pans = false;
        }
    }
    brush::draw(spec, view, &mut scene);
    // A spec that names no language and has no Chinese (locale left at its default,
    // dates detected as English) and whose chart shows no Chinese either — a Vega-Lite
    // spec written in English — is described, announced and labelled for its reader in
    // English; Chinese data from a URL keeps the chart Chinese.
    if spec.meta.locale == Locale::Zh
        && spec.meta.time_locale == Locale::En
        && !shows_chinese(&scene)
    {
        scene.locale = Locale::En;
    }
    if matches!(node, Node::Concat { .. } | Node::Facet { .. })
        && !matches!(scene.kind, ChartKind::Pie | ChartKind::Donut)
    {
        scene.kind = ChartKind::Other;
    }
    Ok(scene)
}

/// Whether any text the scene draws, or any of its marks' labels, has Chinese characters.
fn shows_chinese(scene: &Scene) -> bool {
    let han = text::has_chinese;
    scene.groups.iter().any(|g| match &g.shapes {
        crate::scene::Shapes::Texts { text, .. } => text.iter().any(|t| han(t)),
        _ => false,
    }) || scene
        .items
        .iter()
        .any(|i| han(&i.label) || i.series.as_deref().is_some_and(han))
}
