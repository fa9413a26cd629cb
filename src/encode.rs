//! The encoding applied to a view's table: one row per mark instance.
//!
//! For a unit view this derives binned and time-unit fields, aggregates when a channel
//! asks for it (grouping by every other field channel, as Vega-Lite does), and stacks
//! the measure of bars, areas and arcs. The result, [`Encoded`], says for each channel
//! which column of its table to read. Still no pixels here.

use crate::error::Error;
use crate::spec::{
    AggregateOp, Channel, ChannelDef, ConstValue, Encoding, FieldDef, FieldType, Locale, Mark,
    MarkKind, Stack,
};
use crate::table::{column_from_cells, Cell, ColumnData, Table, Value};
use crate::transform::aggregate::{compute, groups};
use crate::transform::derive::{bin_columns, time_unit_start};
use crate::transform::missing_field;
use std::collections::HashMap;

/// How a channel reads its value.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    /// From a column of [`Encoded::table`], described by the field definition.
    Column {
        /// The column.
        column: String,
        /// The definition it came from.
        def: Box<FieldDef>,
    },
    /// A constant in visual units (`value`).
    Value(ConstValue),
    /// A constant in data units (`datum`).
    Datum(ConstValue),
}

/// The stacked measure of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct Stacked {
    /// The stacked channel (x, y or theta).
    pub channel: Channel,
    /// Column of each mark's start.
    pub start: String,
    /// Column of each mark's end.
    pub end: String,
    /// The offset.
    pub offset: Stack,
}

/// A unit view's marks as rows, with the column each channel reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// One row per mark instance.
    pub table: Table,
    /// The mark.
    pub mark: Mark,
    /// Channel bindings.
    pub channels: Vec<(Channel, Bound)>,
    /// Columns of `detail` fields.
    pub detail: Vec<String>,
    /// Tooltip entries: title, column, definition.
    pub tooltip: Vec<(String, String, FieldDef)>,
    /// Whether the tooltip was asked for (`tooltip: true` or a tooltip channel).
    pub tooltip_on: bool,
    /// The stacked measure, if any.
    pub stack: Option<Stacked>,
    /// The view's JSON path.
    pub path: String,
    /// `condition`s on colour, opacity and size, their fields checked against `table`.
    pub conditions: Vec<(Channel, Vec<crate::spec::Condition>)>,
    /// Rows left out because a continuous channel read an invalid value (null, NaN, ±∞):
    /// Vega-Lite's default `invalid: "filter"`.
    pub invalid_left_out: usize,
    /// Rows kept although a continuous channel read an invalid value (`invalid` modes that
    /// show them): lines and areas break at them, other marks draw nothing for them.
    pub invalid_kept: usize,
}

impl Encoded {
    /// The binding of `channel`.
    pub fn get(&self, channel: Channel) -> Option<&Bound> {
        self.channels
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, b)| b)
    }

    /// The field definition and column of `channel`, if bound to a field.
    pub fn field(&self, channel: Channel) -> Option<(&str, &FieldDef)> {
        match self.get(channel) {
            Some(Bound::Column { column, def }) => Some((column.as_str(), def.as_ref())),
            _ => None,
        }
    }

    /// The value of `channel` in `row` (constants for every row).
    pub fn value(&self, channel: Channel, row: usize) -> Value<'_> {
        match self.get(channel) {
            Some(Bound::Column { column, .. }) => self.table.value(column, row),
            Some(Bound::Datum(ConstValue::Number(n)))
            | Some(Bound::Value(ConstValue::Number(n))) => Value::Number(*n),
            Some(Bound::Datum(ConstValue::Text(t))) | Some(Bound::Value(ConstValue::Text(t))) => {
                Value::Text(t)
            }
            None => Value::Null,
        }
    }

    /// Whether a field of the marks has a tooltip format of its own
    /// (`config.tooltipFormat`): the tooltip then lists the fields, each so written.
    pub fn tooltip_formatted(&self) -> bool {
        self.channels
            .iter()
            .any(|(_, b)| matches!(b, Bound::Column { def, .. } if def.tooltip_format.is_some()))
    }

    /// The value the first `condition` on `channel` that holds for `row` gives, if any.
    pub fn condition(&self, channel: Channel, row: usize) -> Option<&ConstValue> {
        let (_, conds) = self.conditions.iter().find(|(c, _)| *c == channel)?;
        conds
            .iter()
            .find(|c| match &c.when {
                crate::spec::ConditionTest::Test(p) => {
                    crate::transform::filter::holds(&self.table, p, row)
                }
            })
            .map(|c| &c.value)
    }

    /// Number of mark instances.
    pub fn rows(&self) -> usize {
        self.table.row_count()
    }
}

/// Name of the column holding an aggregate (Vega-Lite's `sum_count`, `__count`).
fn derived_name(def: &FieldDef) -> String {
    match def.aggregate {
        Some(AggregateOp::Count) => "__count".to_string(),
        Some(op @ (AggregateOp::ArgMin | AggregateOp::ArgMax)) => format!(
            "{}_{}_{}",
            op.name(),
            def.arg_field.as_deref().unwrap_or_default(),
            def.field
        ),
        Some(op) => format!("{}_{}", op.name(), def.field),
        None => derived_column(def),
    }
}

/// Name of the column holding a binned or time-unit field (`bin_n`, `yearmonth_date`).
fn derived_column(def: &FieldDef) -> String {
    match (def.bin, def.time_unit) {
        (Some(_), _) => format!("bin_{}", def.field),
        (None, Some(u)) => format!("{}_{}", u.name(), def.field),
        _ => def.field.clone(),
    }
}

/// A quantitative field whose values are all numbers written as text (JSON `"2"`, as
/// Altair and hand-written specs give them) read as numbers, as Vega-Lite's implicit
/// `parse` reads a quantitative field. A text column with any other value stays text (a
/// numeric channel then names the first such value in its error).
fn numbers_from_text(t: &mut Table, enc: &Encoding) {
    for (_, def) in &enc.channels {
        let ChannelDef::Field(f) = def else { continue };
        if f.ty != FieldType::Quantitative || f.aggregate == Some(AggregateOp::Count) {
            continue;
        }
        let Some(col) = t.column(&f.field) else {
            continue;
        };
        if !matches!(col.data, ColumnData::Text(_)) {
            continue;
        }
        let cells: Option<Vec<Cell>> = (0..col.len())
            .map(|r| match col.value(r) {
                Value::Text(s) => crate::table::infer::parse_number(s).map(Cell::Number),
                _ => Some(Cell::Null),
            })
            .collect();
        if let Some(cells) = cells {
            let name = f.field.clone();
            t.set_column(column_from_cells(&name, cells));
        }
    }
}

/// Adds the bin or time-unit column a definition needs; returns the column to read.
/// A discrete time unit is labelled in `locale` (`crate::format::unit_label`).
pub(crate) fn derive(t: &mut Table, def: &FieldDef, locale: Locale) -> Result<String, Error> {
    if def.aggregate == Some(AggregateOp::Count) {
        return Ok(String::new());
    }
    let col = t
        .column(&def.field)
        .ok_or_else(|| missing_field(t, &def.field, &format!("{}.field", def.path)))?;
    let name = derived_column(def);
    if let Some(bin) = &def.bin {
        let ends = format!("{name}_end");
        *t = bin_columns(
            t,
            &def.field,
            bin,
            &(name.clone(), ends),
            &format!("{}.field", def.path),
        )?;
        return Ok(name);
    }
    if let (Some(unit), true) = (def.time_unit, def.ty.is_discrete()) {
        // A discrete time unit is a category: label it by the unit ("2023", "Jan 2023",
        // "2023年1月"); scales order the labels by time (`crate::format::unit_label_order`).
        let pattern = crate::format::unit_pattern(unit, locale);
        let pattern = pattern.as_str();
        let cells: Vec<Cell> = (0..col.len())
            .map(|r| {
                let ms = match col.value(r) {
                    Value::Date(d) => Some(d),
                    Value::Text(s) => crate::table::infer::parse_date(s),
                    Value::Number(y) if (1.0..=9999.0).contains(&y) && y.fract() == 0.0 => {
                        Some(crate::table::date::to_ms(y as i64, 1, 1, 0, 0, 0))
                    }
                    _ => None,
                };
                ms.map_or(Cell::Null, |d| {
                    Cell::Text(crate::format::time_in(
                        time_unit_start(d, unit),
                        pattern,
                        locale,
                    ))
                })
            })
            .collect();
        t.set_column(column_from_cells(&name, cells));
        return Ok(name);
    }
    if let Some(unit) = def.time_unit {
        let at = def.band_position.unwrap_or(0.0);
        let place = |d: f64| Cell::Date(crate::transform::derive::time_unit_at(d, unit, at));
        let cells: Vec<Cell> = (0..col.len())
            .map(|r| match col.value(r) {
                Value::Date(d) => place(d),
                Value::Text(s) => crate::table::infer::parse_date(s).map_or(Cell::Null, place),
                // A bare year number is read as 1 January of that year.
                Value::Number(y) if (1.0..=9999.0).contains(&y) && y.fract() == 0.0 => {
                    place(crate::table::date::to_ms(y as i64, 1, 1, 0, 0, 0))
                }
                _ => Cell::Null,
            })
            .collect();
        t.set_column(column_from_cells(&name, cells));
        return Ok(name);
    }
    if def.ty == FieldType::Temporal && !matches!(col.data, ColumnData::Date(_)) {
        // Temporal fields given as numbers (years) or text dates become dates.
        let cells: Vec<Cell> = (0..col.len())
            .map(|r| match col.value(r) {
                Value::Number(y) if (1.0..=9999.0).contains(&y) && y.fract() == 0.0 => {
                    Cell::Date(crate::table::date::to_ms(y as i64, 1, 1, 0, 0, 0))
                }
                Value::Number(ms) => Cell::Date(ms),
                Value::Text(s) => {
                    crate::table::infer::parse_temporal(s).map_or(Cell::Null, Cell::Date)
                }
                Value::Date(d) => Cell::Date(d),
                Value::Null => Cell::Null,
            })
            .collect();
        let derived = format!("__date_{}", def.field);
        t.set_column(column_from_cells(&derived, cells));
        return Ok(derived);
    }
    Ok(def.field.clone())
}

/// The channel a bar/area/arc stacks, if any, with its dimension channel.
fn stacked_channel(mark: &Mark, enc: &Encoding) -> Option<(Channel, Option<Channel>)> {
    if enc.field(Channel::Theta).is_some() {
        return Some((Channel::Theta, None));
    }
    let q = |c: Channel| {
        enc.field(c)
            .is_some_and(|f| f.ty == FieldType::Quantitative && f.bin.is_none())
    };
    let (x, y) = (q(Channel::X), q(Channel::Y));
    match (x, y) {
        (false, true) => Some((Channel::Y, Some(Channel::X))),
        (true, false) => Some((Channel::X, Some(Channel::Y))),
        (true, true) => {
            // Both quantitative: the aggregated one is the measure; else honour orient.
            let agg = |c: Channel| enc.field(c).is_some_and(|f| f.aggregate.is_some());
            if mark.orient == Some(crate::spec::Orient::Horizontal)
                || (agg(Channel::X) && !agg(Channel::Y))
            {
                Some((Channel::X, Some(Channel::Y)))
            } else {
                Some((Channel::Y, Some(Channel::X)))
            }
        }
        (false, false) => None,
    }
}

/// Encodes a unit view: `table` is the view's data after its transforms; discrete time
/// units are labelled in `locale`.
pub fn encode(
    table: &Table,
    mark: &Mark,
    enc: &Encoding,
    path: &str,
    locale: Locale,
) -> Result<Encoded, Error> {
    let mut t = table.clone();
    numbers_from_text(&mut t, enc);
    // 1. Derived fields and the column each field channel reads before aggregation.
    let mut fields: Vec<(Channel, FieldDef, String)> = Vec::new();
    for (ch, def) in &enc.channels {
        if let ChannelDef::Field(f) = def {
            // A colour by a temporal time unit has a swatch per unit, labelled as the unit
            // is ("2004", "Jan 2004"), not by its first instant.
            let col =
                if *ch == Channel::Color && f.ty == FieldType::Temporal && f.time_unit.is_some() {
                    let labelled = FieldDef {
                        ty: FieldType::Ordinal,
                        ..(**f).clone()
                    };
                    derive(&mut t, &labelled, locale)?
                } else {
                    derive(&mut t, f, locale)?
                };
            fields.push((*ch, (**f).clone(), col));
        }
    }
    let mut detail: Vec<(FieldDef, String)> = Vec::new();
    for f in &enc.detail {
        let col = derive(&mut t, f, locale)?;
        detail.push((f.clone(), col));
    }
    let mut tips: Vec<(FieldDef, String)> = Vec::new();
    for f in enc.tooltip.iter().flatten() {
        let col = derive(&mut t, f, locale)?;
        tips.push((f.clone(), col));
    }
    // Binned position fields read their end from `<bin>_end` unless x2/y2 is given.
    let mut extra: Vec<(Channel, FieldDef, String)> = Vec::new();
    for (ch, f, col) in &fields {
        let end_channel = match ch {
            Channel::X => Channel::X2,
            Channel::Y => Channel::Y2,
            _ => continue,
        };
        if f.bin.is_some()
            && enc.get(end_channel).is_none()
            && matches!(mark.kind, MarkKind::Bar | MarkKind::Rect)
        {
            extra.push((end_channel, f.clone(), format!("{col}_end")));
        }
    }
    fields.extend(extra);
    // `mark.invalid`: left out (and counted), or kept for paths to break at.
    let keep_invalid = crate::spec::Invalid::keeps(mark.invalid, mark.kind);
    let invalid_rows = drop_invalid(&mut t, &fields, &mark.invalid_outputs, keep_invalid);
    let (invalid_left_out, invalid_kept) = if keep_invalid {
        (0, invalid_rows)
    } else {
        (invalid_rows, 0)
    };

    // 2. Aggregation: group by every non-aggregated field, aggregate the others.
    let aggregated = fields.iter().any(|(_, f, _)| f.aggregate.is_some())
        || tips.iter().any(|(f, _)| f.aggregate.is_some());
    if aggregated {
        let mut keys: Vec<String> = Vec::new();
        for col in fields
            .iter()
            .filter(|(_, f, _)| f.aggregate.is_none())
            .map(|(_, _, c)| c)
            .chain(detail.iter().map(|(_, c)| c))
            .chain(
                tips.iter()
                    .filter(|(f, _)| f.aggregate.is_none())
                    .map(|(_, c)| c),
            )
        {
            if !keys.contains(col) {
                keys.push(col.clone());
            }
        }
        let gs = groups(&t, &keys);
        let firsts: Vec<usize> = gs.iter().map(|g| g[0]).collect();
        let base = t.select_rows(&firsts);
        let mut out = Table::default();
        for k in &keys {
            if let Some(c) = base.column(k) {
                out.set_column(c.clone());
            }
        }
        if gs.is_empty() {
            for k in &keys {
                if let Some(c) = t.column(k) {
                    out.set_column(c.clone());
                }
            }
        }
        let agg_col = |f: &FieldDef, out: &mut Table| -> Result<String, Error> {
            let Some(op) = f.aggregate else {
                return Ok(String::new());
            };
            if op != AggregateOp::Count && t.column(&f.field).is_none() {
                return Err(missing_field(&t, &f.field, &format!("{}.field", f.path)));
            }
            if let (true, Some(by)) = (op.is_arg(), f.arg_field.as_deref()) {
                let path = format!("{}.aggregate.{}", f.path, op.name());
                if t.column(by).is_none() {
                    return Err(missing_field(&t, by, &path));
                }
                let name = derived_name(f);
                // The encoded field's value in each group's row where `by` is least or
                // greatest: the one aggregate engine picks the row.
                let cells: Vec<Cell> = gs
                    .iter()
                    .map(|rows| {
                        crate::transform::aggregate::arg_row(&t, op, by, rows)
                            .map_or(Cell::Null, |r| Cell::from(t.value(&f.field, r)))
                    })
                    .collect();
                out.set_column(column_from_cells(&name, cells));
                return Ok(name);
            }
            if op != AggregateOp::Count && op != AggregateOp::Distinct {
                if let Some(ColumnData::Text(_)) = t.column(&f.field).map(|c| &c.data) {
                    return Err(Error::Spec {
                        path: format!("{}.field", f.path),
                        expected: format!(
                            "numbers for \"{}\", but \"{}\" holds text",
                            op.name(),
                            f.field
                        ),
                        found: format!(
                            "\"{}\"",
                            crate::error::shorten(&first_non_number(&t, &f.field), 30)
                        ),
                    });
                }
            }
            let name = derived_name(f);
            if out.column(&name).is_none() {
                let cells: Vec<Cell> = gs
                    .iter()
                    .map(|rows| compute(&t, op, Some(&f.field), rows))
                    .collect();
                out.set_column(column_from_cells(&name, cells));
            }
            Ok(name)
        };
        for (_, f, col) in fields.iter_mut() {
            if f.aggregate.is_some() {
                *col = agg_col(f, &mut out)?;
            }
        }
        for (f, col) in tips.iter_mut() {
            if f.aggregate.is_some() {
                *col = agg_col(f, &mut out)?;
            }
        }
        t = out;
    }

    // 2b. (full build only: the lite parser answers NeedsFull) `impute` on x or y: a row for each value of the other position that a series
    // (colour and detail fields) lacks, after aggregation, as Vega-Lite does.
    #[cfg(feature = "full")]
    {
        let imputed = fields
            .iter()
            .find(|(ch, f, _)| matches!(ch, Channel::X | Channel::Y) && f.impute.is_some())
            .cloned();
        if let Some((ch, f, col)) = imputed {
            let other = if ch == Channel::X {
                Channel::Y
            } else {
                Channel::X
            };
            if let (Some(params), Some((_, _, key))) =
                (&f.impute, fields.iter().find(|(c, _, _)| *c == other))
            {
                let mut groupby: Vec<String> = fields
                    .iter()
                    .filter(|(c, _, _)| *c == Channel::Color)
                    .map(|(_, _, c)| c.clone())
                    .collect();
                groupby.extend(detail.iter().map(|(_, c)| c.clone()));
                let how = match params.method {
                    Some(op) => crate::transform::impute::Method::Aggregate(op),
                    None => crate::transform::impute::Method::Value(params.value.as_ref()),
                };
                t = crate::transform::impute::apply(
                    &t,
                    &col,
                    key,
                    &params.keyvals,
                    &groupby,
                    how,
                    params.frame,
                    &f.path,
                )?;
            }
        }
    }

    // 3. Quantitative channels need numbers (or dates).
    for (ch, f, col) in &fields {
        let numeric_channel = matches!(
            ch,
            Channel::X
                | Channel::Y
                | Channel::X2
                | Channel::Y2
                | Channel::Theta
                | Channel::Radius
                | Channel::Size
                | Channel::Opacity
        );
        if numeric_channel && matches!(f.ty, FieldType::Quantitative | FieldType::Temporal) {
            if let Some(c) = t.column(col) {
                if let ColumnData::Text(text) = &c.data {
                    return Err(Error::Spec {
                        path: format!("{}.field", f.path),
                        expected: format!(
                            "numbers for a {} {} channel, but \"{}\" holds text",
                            if f.ty == FieldType::Temporal {
                                "temporal"
                            } else {
                                "quantitative"
                            },
                            ch.name(),
                            f.field
                        ),
                        found: format!(
                            "\"{}\"",
                            crate::error::shorten(
                                text.dictionary
                                    .iter()
                                    .find(|v| crate::table::infer::parse_number(v).is_none())
                                    .or(text.dictionary.first())
                                    .map_or("", String::as_str),
                                30
                            )
                        ),
                    });
                }
            }
        }
    }

    let mut channels: Vec<(Channel, Bound)> = fields
        .iter()
        .map(|(ch, f, col)| {
            (
                *ch,
                Bound::Column {
                    column: col.clone(),
                    def: Box::new(f.clone()),
                },
            )
        })
        .collect();
    for (ch, def) in &enc.channels {
        match def {
            ChannelDef::Value(v) => channels.push((*ch, Bound::Value(v.clone()))),
            ChannelDef::Datum(v) => channels.push((*ch, Bound::Datum(v.clone()))),
            ChannelDef::Field(_) => {}
        }
    }
    let tooltip: Vec<(String, String, FieldDef)> = tips
        .into_iter()
        .map(|(f, col)| (f.display_title(), col, f))
        .collect();
    let mut encoded = Encoded {
        table: t,
        mark: mark.clone(),
        channels,
        detail: detail.into_iter().map(|(_, c)| c).collect(),
        tooltip_on: mark.tooltip || enc.tooltip.as_ref().is_some_and(|t| !t.is_empty()),
        tooltip,
        stack: None,
        path: path.to_string(),
        conditions: enc.conditions.clone(),
        invalid_left_out,
        invalid_kept,
    };
    for (_, conds) in &mut encoded.conditions {
        for c in conds.iter_mut() {
            let crate::spec::ConditionTest::Test(p) = &mut c.when;
            to_derived_time_units(p, &encoded.table);
        }
    }
    for (ch, conds) in &encoded.conditions {
        for (i, c) in conds.iter().enumerate() {
            match &c.when {
                crate::spec::ConditionTest::Test(p) => crate::transform::filter::check_fields(
                    &encoded.table,
                    p,
                    &crate::spec::reader::join(
                        path,
                        &format!("encoding.{}.condition[{i}].test", ch.name()),
                    ),
                )?,
            }
        }
    }
    check_slices(&encoded)?;
    stack(&mut encoded, enc, aggregated)?;
    check_finite(&encoded)?;
    Ok(encoded)
}

/// A condition's test of a field through a time unit (an interval over a band of
/// months) reads the derived column of that unit (`month_date`, its labels) where the
/// encoding aggregated the field away, as Vega-Lite's selection names that column.
fn to_derived_time_units(p: &mut crate::spec::Predicate, t: &Table) {
    use crate::spec::Predicate;
    match p {
        Predicate::Field {
            field,
            time_unit: Some(u),
            ..
        } if t.column(field).is_none() => {
            let derived = format!("{}_{}", u.name(), field);
            if t.column(&derived).is_some() {
                *field = derived;
            }
        }
        Predicate::And(ps) | Predicate::Or(ps) => {
            ps.iter_mut().for_each(|q| to_derived_time_units(q, t));
        }
        Predicate::Not(q) => to_derived_time_units(q, t),
        _ => {}
    }
}

/// Vega-Lite's default `invalid: "filter"`: rows whose continuous position, size, colour,
/// opacity, angle or radius value is invalid are left out of the marks (and so of the
/// scales). Null and NaN count as invalid for a field read as it is; ±∞ also for a field
/// that is aggregated (aggregates already skip missing values). Lines and areas then join
/// the remaining points. Returns how many rows were left out; with `keep` (the `invalid`
/// modes that show them) the rows stay and are only counted.
fn drop_invalid(
    t: &mut Table,
    fields: &[(Channel, FieldDef, String)],
    outputs: &[(Channel, crate::spec::InvalidOutput)],
    keep_them: bool,
) -> usize {
    let checked: Vec<(&str, bool)> = fields
        .iter()
        .filter(|(ch, f, _)| {
            !f.ty.is_discrete()
                && f.aggregate != Some(AggregateOp::Count)
                && !matches!(ch, Channel::Text | Channel::Order)
                // `config.scale.invalid` gives the channel an output: always valid.
                && !outputs.iter().any(|(c, _)| *c == ch.position_base())
        })
        .map(|(_, f, col)| {
            let source = if f.aggregate.is_some() {
                f.field.as_str()
            } else {
                col.as_str()
            };
            (source, f.aggregate.is_none())
        })
        .filter(|(col, _)| {
            t.column(col)
                .is_some_and(|c| !matches!(c.data, ColumnData::Text(_)))
        })
        .collect();
    if checked.is_empty() {
        return 0;
    }
    let invalid = |row: usize| {
        checked
            .iter()
            .any(|(col, nulls_too)| match t.value(col, row) {
                Value::Number(v) | Value::Date(v) => !v.is_finite(),
                Value::Null => *nulls_too,
                _ => false,
            })
    };
    let keep: Vec<usize> = (0..t.row_count()).filter(|&r| !invalid(r)).collect();
    let left_out = t.row_count() - keep.len();
    if left_out > 0 && !keep_them {
        *t = t.select_rows(&keep);
    }
    left_out
}

/// The first value of a text column that is not a number, for error messages.
fn first_non_number(t: &Table, field: &str) -> String {
    let rows = t.row_count();
    (0..rows)
        .map(|r| t.value(field, r).to_text())
        .find(|v| !v.is_empty() && crate::table::infer::parse_number(v).is_none())
        .unwrap_or_else(|| t.value(field, 0).to_text())
}

/// A pie or donut cannot show a negative part of a whole: an error names the value,
/// rather than a slice silently left out.
fn check_slices(e: &Encoded) -> Result<(), Error> {
    if e.mark.kind != MarkKind::Arc {
        return Ok(());
    }
    let Some((col, def)) = e.field(Channel::Theta) else {
        return Ok(());
    };
    let Some(r) =
        (0..e.rows()).find(|&r| e.table.value(col, r).as_number().is_some_and(|v| v < 0.0))
    else {
        return Ok(());
    };
    let which = e
        .field(Channel::Color)
        .map(|(c, _)| {
            format!(
                " for \"{}\"",
                crate::error::shorten(&e.table.value(c, r).to_text(), 40)
            )
        })
        .unwrap_or_default();
    Err(Error::Spec {
        path: format!("{}.field", def.path),
        expected: format!(
            "values of at least 0 for the slices of a pie or donut (a slice cannot be negative; draw \"{}\" as bars)",
            def.field
        ),
        found: format!("{}{which}", e.table.value(col, r).to_text()),
    })
}

/// Every number a channel reads is finite: sums and stacks of huge values (1e308 + 1e308)
/// overflow to infinity, which has no position.
fn check_finite(e: &Encoded) -> Result<(), Error> {
    let overflow = |path: String, field: &str| Error::Spec {
        path,
        expected: format!("values of \"{field}\" whose sums and stacks stay within ±1.8e308"),
        found: "a sum beyond that (infinity)".into(),
    };
    for (_, bound) in &e.channels {
        let Bound::Column { column, def } = bound else {
            continue;
        };
        if def.ty.is_discrete() {
            continue; // a category "Infinity" is a name, not a position
        }
        if let Some(ColumnData::Number(v)) = e.table.column(column).map(|c| &c.data) {
            if v.iter().any(|x| x.is_infinite()) {
                return Err(overflow(format!("{}.field", def.path), &def.field));
            }
        }
    }
    if let Some(s) = &e.stack {
        let infinite = |c: &str| matches!(e.table.column(c).map(|c| &c.data), Some(ColumnData::Number(v)) if v.iter().any(|x| x.is_infinite()));
        if infinite(&s.start) || infinite(&s.end) {
            let (path, field) = e
                .field(s.channel)
                .map_or((e.path.clone(), String::new()), |(_, d)| {
                    (format!("{}.field", d.path), d.field.clone())
                });
            return Err(overflow(path, &field));
        }
    }
    Ok(())
}

/// Applies Vega-Lite's stacking to bars, areas and arcs (and to other marks that ask).
fn stack(e: &mut Encoded, enc: &Encoding, aggregated: bool) -> Result<(), Error> {
    let Some((measure, dimension)) = stacked_channel(&e.mark, enc) else {
        return Ok(());
    };
    let Some((measure_col, measure_def)) =
        e.field(measure).map(|(c, d)| (c.to_string(), d.clone()))
    else {
        return Ok(());
    };
    // Vega-Lite does not stack on a log scale: a stack starts from zero.
    if measure_def.scale.ty == Some(crate::spec::ScaleType::Log) {
        return Ok(());
    }
    let by_default = matches!(e.mark.kind, MarkKind::Bar | MarkKind::Area | MarkKind::Arc);
    let offset = match measure_def.stack {
        Some(Stack::None) => return Ok(()),
        Some(s) => s,
        None if by_default => Stack::Zero,
        None => return Ok(()),
    };
    // Channels that split a dimension into stacked parts.
    let stack_by: Vec<String> = [Channel::Color, Channel::Opacity, Channel::Size]
        .iter()
        .filter_map(|c| {
            e.field(*c)
                .filter(|(_, d)| d.aggregate.is_none())
                .map(|(col, _)| col.to_string())
        })
        .chain(e.detail.iter().cloned())
        .collect();
    if aggregated
        && stack_by.is_empty()
        && e.mark.kind != MarkKind::Arc
        && measure_def.stack.is_none()
    {
        return Ok(());
    }
    if e.get(match measure {
        Channel::X => Channel::X2,
        Channel::Y => Channel::Y2,
        _ => Channel::Order,
    })
    .is_some()
        && measure != Channel::Theta
    {
        return Ok(());
    }
    // Grouped bars: an offset channel on the dimension places series side by side.
    let offset_channel = match dimension {
        Some(Channel::X) => Some(Channel::XOffset),
        Some(Channel::Y) => Some(Channel::YOffset),
        _ => None,
    };
    if offset_channel.is_some_and(|o| e.get(o).is_some()) && measure_def.stack.is_none() {
        return Ok(());
    }
    let dim_col = dimension.and_then(|d| e.field(d).map(|(c, _)| c.to_string()));
    let t = &e.table;
    let n = t.row_count();
    // Stack order: the order channel, else the colour domain (its sort), else row order.
    let order_key: Vec<f64> = match e.field(Channel::Order) {
        Some((col, def)) => {
            let sign = if def.sort == crate::spec::Sort::Descending {
                -1.0
            } else {
                1.0
            };
            (0..n)
                .map(|r| {
                    t.value(col, r)
                        .as_number()
                        .map_or(f64::INFINITY, |v| v * sign)
                })
                .collect()
        }
        None => match e.field(Channel::Color) {
            Some((col, def)) => {
                let values: Vec<String> = (0..n).map(|r| t.value(col, r).to_text()).collect();
                let domain =
                    crate::scale::ordered(values.clone(), &def.sort, &def.scale, &HashMap::new());
                let pos: HashMap<&str, usize> = domain
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v.as_str(), i))
                    .collect();
                values
                    .iter()
                    .map(|v| pos.get(v.as_str()).copied().unwrap_or(usize::MAX) as f64)
                    .collect()
            }
            None => (0..n).map(|r| r as f64).collect(),
        },
    };
    let mut by_dim: HashMap<String, Vec<usize>> = HashMap::new();
    let mut dims: Vec<String> = Vec::new();
    for r in 0..n {
        let key = dim_col
            .as_ref()
            .map_or(String::new(), |c| t.value(c, r).to_text());
        by_dim.entry(key.clone()).or_insert_with(|| {
            dims.push(key.clone());
            Vec::new()
        });
        if let Some(v) = by_dim.get_mut(&key) {
            v.push(r);
        }
    }
    let mut start = vec![Cell::Null; n];
    let mut end = vec![Cell::Null; n];
    for key in &dims {
        let Some(rows) = by_dim.get_mut(key) else {
            continue;
        };
        crate::sort::indices(rows, &mut |a, b| {
            order_key[a].total_cmp(&order_key[b]).then(a.cmp(&b))
        });
        let values: Vec<f64> = rows
            .iter()
            .map(|&r| t.value(&measure_col, r).as_number().unwrap_or(0.0))
            .collect();
        for (&r, (a, b)) in rows
            .iter()
            .zip(crate::transform::stack::offsets(&values, offset))
        {
            start[r] = Cell::Number(a);
            end[r] = Cell::Number(b);
        }
    }
    e.table
        .set_column(column_from_cells("__stack_start", start));
    e.table.set_column(column_from_cells("__stack_end", end));
    e.stack = Some(Stacked {
        channel: measure,
        start: "__stack_start".into(),
        end: "__stack_end".into(),
        offset,
    });
    Ok(())
}

#[cfg(test)]
mod tests;
