//! A facet of a facet (Vega-Lite's nested facets) drawn as one grid: the outer and inner
//! row fields make the grid's rows, the outer and inner column fields its columns. A cell
//! is a pair of values ("Europe · 4", headed by the two values on two lines, see
//! `facet_headers`), in the outer field's order, then the inner's; pairs without rows are
//! left out. The pair's header title is the two fields' titles, "Origin / Cylinders", as
//! Vega-Lite writes it.

use super::facet_values;
use crate::error::Error;
use crate::spec::{FacetField, FieldType, Sort, View, ViewKind};
use crate::table::{column_from_cells, Cell, Table, Value};

use super::facet_headers::JOIN;

/// One facet field from an outer and an inner one (either may be absent): with both, a
/// column of their value pairs added to `table`.
fn merge(
    table: &mut Table,
    outer: Option<&FacetField>,
    inner: Option<&FacetField>,
) -> Result<Option<FacetField>, Error> {
    let (o, i) = match (outer, inner) {
        (Some(o), Some(i)) => (o, i),
        (one, other) => return Ok(one.or(other).cloned()),
    };
    let (outer_values, inner_values) = (facet_values(table, o)?, facet_values(table, i)?);
    let name = format!("{}{JOIN}{}", o.field, i.field);
    let mut present = std::collections::HashSet::new();
    let cells: Vec<Cell> = (0..table.row_count())
        .map(|r| {
            let (a, b) = (table.value(&o.field, r), table.value(&i.field, r));
            if matches!(a, Value::Null) || matches!(b, Value::Null) {
                return Cell::Null;
            }
            let key = format!("{}{JOIN}{}", a.to_text(), b.to_text());
            present.insert(key.clone());
            Cell::Text(key)
        })
        .collect();
    let order: Vec<String> = outer_values
        .iter()
        .flat_map(|a| inner_values.iter().map(move |b| format!("{a}{JOIN}{b}")))
        .filter(|k| present.contains(k))
        .collect();
    table.set_column(column_from_cells(&name, cells));
    let titles: Vec<String> = [o, i]
        .into_iter()
        .filter_map(super::facet_headers::field_title)
        .collect();
    Ok(Some(FacetField {
        field: name,
        ty: FieldType::Nominal,
        title: Some((!titles.is_empty()).then(|| titles.join(" / "))),
        sort: Sort::Explicit(order),
        path: i.path.clone(),
        time_unit: None,
        bin: None,
    }))
}

/// A nested facet as one facet.
pub(super) struct Flattened<'v> {
    /// The rows with the pair columns.
    pub table: Table,
    /// The merged row field.
    pub row: Option<FacetField>,
    /// The merged column field.
    pub column: Option<FacetField>,
    /// The view in each cell.
    pub innermost: &'v View,
}

/// For a facet whose inner view is itself a facet (of a unit or layer): the table with
/// the pair columns, the merged row and column fields, and the innermost view. `None`
/// when the inner view is no facet.
pub(super) fn flatten<'v>(
    table: &Table,
    row: Option<&FacetField>,
    column: Option<&FacetField>,
    spec: &'v View,
    locale: crate::spec::Locale,
) -> Result<Option<Flattened<'v>>, Error> {
    let ViewKind::Facet {
        row: inner_row,
        column: inner_column,
        spec: innermost,
        ..
    } = &spec.kind
    else {
        return Ok(None);
    };
    let mut table = crate::transform::apply(
        table,
        &spec.transform,
        &super::path_join(&spec.path, "transform"),
    )?;
    let inner_row = super::facet_fields::derived(&mut table, inner_row.as_ref(), locale)?;
    let inner_column = super::facet_fields::derived(&mut table, inner_column.as_ref(), locale)?;
    let row = merge(&mut table, row, inner_row.as_ref())?;
    let column = merge(&mut table, column, inner_column.as_ref())?;
    Ok(Some(Flattened {
        table,
        row,
        column,
        innermost,
    }))
}
