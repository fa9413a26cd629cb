//! Facet fields with a `timeUnit` or `bin`: the panels are the units or bins of the field,
//! derived as an encoding derives them (one column per field, `crate::encode::derive`), so
//! a facet by `{"field": "date", "timeUnit": "year"}` has a panel per year headed "2004".

use crate::error::Error;
use crate::spec::{FacetField, FieldDef, FieldType};
use crate::table::Table;

/// `f` reading the column of its units or bins (added to `table`, units labelled in
/// `locale`); `f` itself when it has neither.
pub(super) fn derived(
    table: &mut Table,
    f: Option<&FacetField>,
    locale: crate::spec::Locale,
) -> Result<Option<FacetField>, Error> {
    let Some(f) = f else {
        return Ok(None);
    };
    if f.time_unit.is_none() && f.bin.is_none() {
        return Ok(Some(f.clone()));
    }
    let def = FieldDef {
        field: f.field.clone(),
        // A time unit as categories (labelled by the unit), a bin by its start.
        ty: if f.bin.is_some() {
            FieldType::Quantitative
        } else {
            FieldType::Ordinal
        },
        title: f.title.clone(),
        aggregate: None,
        arg_field: None,
        bin: f.bin,
        time_unit: f.time_unit,
        sort: f.sort.clone(),
        stack: None,
        scale: Default::default(),
        axis: None,
        legend: None,
        format: None,
        format_type: None,
        tooltip_format: None,
        time_format: None,
        path: f.path.clone(),
        impute: None,
        band_position: None,
    };
    let column = crate::encode::derive(table, &def, locale)?;
    // A time unit's panels in time order (`Jan` before `Feb`), not the labels' text order.
    let sort = f
        .time_unit
        .and_then(|unit| {
            let labels: Vec<String> = table
                .column(&column)
                .map(|c| {
                    (0..c.len())
                        .map(|r| c.value(r))
                        .filter(|v| !matches!(v, crate::table::Value::Null))
                        .map(|v| v.to_text())
                        .collect()
                })
                .unwrap_or_default();
            crate::scale::time_unit_order(&labels, unit, &f.sort, &Default::default())
        })
        .map_or_else(|| f.sort.clone(), crate::spec::Sort::Explicit);
    // Titled as the field was (`date (year)`), not by the derived column.
    let title = f.title.clone().or_else(|| {
        Some(Some(match f.time_unit {
            Some(unit) => format!("{} ({})", f.field, unit.title()),
            None => format!("{} (binned)", f.field),
        }))
    });
    Ok(Some(FacetField {
        field: column,
        time_unit: None,
        bin: None,
        sort,
        title,
        ..f.clone()
    }))
}
