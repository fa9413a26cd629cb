//! The field values behind a data mark (`scene::Item::datum`), which a point selection
//! reads when the reader picks the mark (`interact`).

use crate::encode::{Bound, Encoded};
use crate::spec::ConstValue;
use crate::table::Value;

/// The values of row `r` of the unit's plain field channels (no aggregate, bin or time
/// unit: the column holds the field's own values), by field name, first channel first.
pub(super) fn datum(u: &Encoded, r: usize) -> Vec<(String, ConstValue)> {
    let mut out: Vec<(String, ConstValue)> = Vec::new();
    for (_, b) in &u.channels {
        let Bound::Column { column, def } = b else {
            continue;
        };
        if def.aggregate.is_some() || def.bin.is_some() || def.time_unit.is_some() {
            continue;
        }
        if out.iter().any(|(f, _)| *f == def.field) {
            continue;
        }
        let value = match u.table.value(column, r) {
            Value::Number(n) | Value::Date(n) => ConstValue::Number(n),
            Value::Text(t) => ConstValue::Text(t.to_string()),
            Value::Null => continue,
        };
        out.push((def.field.clone(), value));
    }
    out
}
