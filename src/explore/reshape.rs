//! Wide tables to long: yearbooks put one variable across the columns ("2019年 … 2023年",
//! the standard levels, or the provinces), which a chart wants as one key column and one value column.
//! [`wide_columns`] finds such a run of columns (the explorer offers the reshape);
//! [`fold`] makes the long table through [`crate::transform`]'s own `fold` (one engine),
//! which is also the Vega-Lite transform the explorer's spec writes; [`pivot`] goes the
//! other way (a long table wide, Vega-Lite's `pivot`, through the transform's own pivot).

use crate::error::Error;
use crate::spec::Transform;
use crate::table::{ColumnData, Table};
use crate::vocab;

/// Columns that look like one variable, and the names the long table would give it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WideColumns {
    /// The columns, in table order.
    pub fields: Vec<String>,
    /// What they have in common: `"year"` (names are years), `"level"` (names are
    /// standard levels) or `"region"` (names are provincial-level regions).
    pub kind: &'static str,
    /// The key column's name (`年份`, `层级`, `地区`; `key` when the table has it already).
    pub key: String,
    /// The value column's name (`数值`; `value` when the table has it already).
    pub value: String,
}

/// The year a column name stands for: `2019`, `2019年`, `2019年度`, `2019年末`.
fn year_of(name: &str) -> Option<i32> {
    let name = name.trim();
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    let rest = name.get(digits.len()..)?.trim();
    let year: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    ((1900..=2100).contains(&year) && matches!(rest, "" | "年" | "年度" | "年末" | "年底"))
        .then_some(year)
}

/// The region a column name stands for (广东, 广东省, Guangdong, GD, 440000 — the
/// vocabulary's forms), except a bare two-digit code: a column named `11` or `44` is
/// more often a number than 北京 or 广东.
fn region_of(name: &str) -> Option<&'static vocab::regions::Region> {
    let name = name.trim();
    if name.len() <= 2 && name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    vocab::regions::region(name)
}

/// The run of number columns (at least two) whose names are years, or else standard
/// levels (国家标准, 行业标准, …), or else provincial-level regions (广东, 浙江省, …);
/// `None` when the table has no such run.
pub fn wide_columns(table: &Table) -> Option<WideColumns> {
    let numeric = |c: &&crate::table::Column| matches!(c.data, ColumnData::Number(_));
    let years: Vec<String> = table
        .columns()
        .filter(numeric)
        .filter(|c| year_of(&c.name).is_some())
        .map(|c| c.name.clone())
        .collect();
    let named = |is: &dyn Fn(&str) -> bool| -> Vec<String> {
        table
            .columns()
            .filter(numeric)
            .filter(|c| is(&c.name))
            .map(|c| c.name.clone())
            .collect()
    };
    let (fields, kind, key) = if years.len() >= 2 {
        (years, "year", "年份")
    } else {
        let levels = named(&|n| vocab::recognise_as(n, vocab::Family::Level).is_some());
        if levels.len() >= 2 {
            (levels, "level", "层级")
        } else {
            let regions = named(&|n| region_of(n).is_some());
            if regions.len() < 2 {
                return None;
            }
            (regions, "region", "地区")
        }
    };
    let free = |name: &str, fallback: &str| {
        if table.column(name).is_some() {
            fallback.to_string()
        } else {
            name.to_string()
        }
    };
    Some(WideColumns {
        key: free(key, "key"),
        value: free("数值", "value"),
        fields,
        kind,
    })
}

/// The long table: each row once per column of `wide`, with the column's name under
/// `wide.key` and its value under `wide.value` (Vega-Lite's `fold`).
pub fn fold(table: &Table, wide: &WideColumns) -> Result<Table, Error> {
    let t = Transform::Fold {
        fields: wide.fields.clone(),
        as_names: (wide.key.clone(), wide.value.clone()),
    };
    crate::transform::apply(table, &[t], "")
}

/// Most columns a pivot may make (the pivot field's distinct values): a wider table is
/// not one a reader can chart or read.
pub const MAX_PIVOT_COLUMNS: usize = 100;

/// A long table made wide (Vega-Lite's `pivot`): one column per value of `pivot`,
/// holding the aggregate (`op`: sum by default, as in Vega-Lite) of `value` over the rows
/// of each `groupby` group with that value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pivot {
    /// The field whose values become columns.
    pub pivot: String,
    /// The number field summed into them.
    pub value: String,
    /// The fields whose values make one row each.
    pub groupby: Vec<String>,
    /// The aggregate op's Vega-Lite name (one of [`PIVOT_OPS`]).
    pub op: String,
}

/// The aggregate ops the explorer's pivot offers (Vega-Lite's `pivot.op`).
pub const PIVOT_OPS: [&str; 6] = ["sum", "mean", "median", "min", "max", "count"];

impl Pivot {
    /// The pivot of `pivot` and `value`, grouped by every other column of `table`
    /// (what stays a row: years, categories…).
    pub fn by_the_rest(table: &Table, pivot: &str, value: &str) -> Pivot {
        Pivot {
            pivot: pivot.to_string(),
            value: value.to_string(),
            op: "sum".to_string(),
            groupby: table
                .field_names()
                .into_iter()
                .filter(|n| n != pivot && n != value)
                .collect(),
        }
    }

    /// The Vega-Lite transform the explorer's spec writes.
    pub fn transform(&self) -> Transform {
        Transform::Pivot {
            pivot: self.pivot.clone(),
            value: self.value.clone(),
            groupby: self.groupby.clone(),
            op: crate::spec::AggregateOp::from_name(&self.op)
                .unwrap_or(crate::spec::AggregateOp::Sum),
            limit: 0,
        }
    }
}

/// The wide table of `p` through [`crate::transform`]'s own `pivot` (one engine). An
/// error when `p.value` is not a number column or `p.pivot` has more than
/// [`MAX_PIVOT_COLUMNS`] values.
pub fn pivot(table: &Table, p: &Pivot) -> Result<Table, Error> {
    if !PIVOT_OPS.contains(&p.op.as_str()) {
        return Err(Error::Spec {
            path: "transform[0].op".into(),
            expected: format!("one of {}", PIVOT_OPS.join(", ")),
            found: format!("{:?}", p.op),
        });
    }
    if let Some(c) = table.column(&p.value).filter(|_| p.op != "count") {
        if !matches!(c.data, ColumnData::Number(_)) {
            return Err(Error::Spec {
                path: "transform[0].value".into(),
                expected: "a number column (pivot sums numbers)".into(),
                found: format!("{:?}, not a number column", p.value),
            });
        }
    }
    if let Some(c) = table.column(&p.pivot) {
        let mut seen = std::collections::HashSet::new();
        for r in 0..table.row_count() {
            seen.insert(c.value(r).to_text());
            if seen.len() > MAX_PIVOT_COLUMNS {
                return Err(Error::Spec {
                    path: "transform[0].pivot".into(),
                    expected: format!("a field with at most {MAX_PIVOT_COLUMNS} values"),
                    found: format!("{:?}, with too many columns to pivot into", p.pivot),
                });
            }
        }
    }
    crate::transform::apply(table, &[p.transform()], "transform[0]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::csv::{parse_delimited, DelimitedOptions};

    fn table(text: &str) -> Table {
        match parse_delimited(text.as_bytes(), &DelimitedOptions::default(), "t.csv") {
            Ok(l) => l.table,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn years_across_the_columns_are_found_and_folded() {
        // Figures: national standards issued and industry standards filed, SOURCES.md §2.
        let t = table(
            "指标,2019年,2020年,2023年\n发布国家标准,2021,2252,2902\n备案行业标准,4880,8105,4141\n",
        );
        let wide = wide_columns(&t).unwrap_or_else(|| panic!("no wide columns found"));
        assert_eq!(wide.fields, ["2019年", "2020年", "2023年"]);
        assert_eq!(
            (wide.kind, wide.key.as_str(), wide.value.as_str()),
            ("year", "年份", "数值")
        );
        let long = fold(&t, &wide).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(long.row_count(), 6);
        // Vega-Lite's fold keeps every field and adds the key and value.
        assert_eq!(
            long.field_names(),
            ["指标", "2019年", "2020年", "2023年", "年份", "数值"]
        );
        let v = long.column("数值").map(|c| c.value(1).to_text());
        assert_eq!(v.as_deref(), Some("2252"));
    }

    #[test]
    fn levels_across_the_columns_are_found_too() {
        // Figures: the founding article's standards by level, SOURCES.md §1.
        let t = table("城市,国家标准,行业标准\n阳泉,80,37\n");
        let wide = wide_columns(&t).map(|w| (w.kind, w.fields.len()));
        assert_eq!(wide, Some(("level", 2)));
    }

    #[test]
    fn regions_across_the_columns_are_found_in_any_of_their_forms() {
        // Figures: group standards by region, 2022 year end, SOURCES.md §2.
        let t = table("指标,广东省,浙江,Shandong,BJ\n团体标准,6419,5640,2941,2808\n");
        let wide = wide_columns(&t).unwrap_or_else(|| panic!("no wide columns found"));
        assert_eq!(wide.kind, "region");
        assert_eq!(wide.key, "地区");
        assert_eq!(wide.fields, ["广东省", "浙江", "Shandong", "BJ"]);
        // Two-digit codes alone are numbers, not regions; one region is not a run.
        assert_eq!(wide_columns(&table("月,11,12\n一月,1,2\n")), None);
        assert_eq!(
            wide_columns(&table("指标,广东,合计\n团体标准,6419,9\n")),
            None
        );
    }

    #[test]
    fn a_pivot_takes_the_aggregate_asked_for() {
        // SYNTHETIC: two rows per year and level, to tell the ops apart.
        let t = table("年份,层级,数量\n2020,甲,1\n2020,甲,3\n2020,乙,10\n2021,甲,5\n");
        let run = |op: &str| {
            let p = Pivot {
                op: op.to_string(),
                ..Pivot::by_the_rest(&t, "层级", "数量")
            };
            let wide = pivot(&t, &p).unwrap_or_else(|e| panic!("{op}: {e}"));
            wide.column("甲").map(|c| c.value(0).to_text())
        };
        assert_eq!(run("sum").as_deref(), Some("4"));
        assert_eq!(run("mean").as_deref(), Some("2"));
        assert_eq!(run("min").as_deref(), Some("1"));
        assert_eq!(run("max").as_deref(), Some("3"));
        assert_eq!(run("count").as_deref(), Some("2"));
        let bad = Pivot {
            op: "product".into(),
            ..Pivot::by_the_rest(&t, "层级", "数量")
        };
        let e = pivot(&t, &bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("transform[0].op") && e.contains("median"), "{e}");
    }

    #[test]
    fn a_long_table_pivots_wide_and_folds_back_to_the_same_figures() {
        // Figures: standards in force by level, SOURCES.md §2.
        let t = table("年份,层级,数量\n2020,国家标准,39847\n2020,行业标准,72620\n2023,国家标准,44499\n2023,行业标准,80828\n");
        let p = Pivot::by_the_rest(&t, "层级", "数量");
        assert_eq!(p.groupby, ["年份"]);
        let wide = pivot(&t, &p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(wide.field_names(), ["年份", "国家标准", "行业标准"]);
        assert_eq!(wide.row_count(), 2);
        let cell = |f: &str, r| wide.column(f).map(|c| c.value(r).to_text());
        assert_eq!(cell("行业标准", 1).as_deref(), Some("80828"));
        // The wide table is one the fold control recognises (levels across the columns).
        let back = wide_columns(&wide).map(|w| (w.kind, w.fields));
        assert_eq!(
            back,
            Some(("level", vec!["国家标准".into(), "行业标准".into()]))
        );
    }

    #[test]
    fn a_pivot_needs_a_number_value_and_few_columns() {
        let t = table("层级,数量,备注\n国家标准,1,甲\n");
        let e = pivot(&t, &Pivot::by_the_rest(&t, "层级", "备注")).err();
        assert!(e.is_some_and(|e| e.to_string().contains("not a number column")));
        let many: String = (0..=MAX_PIVOT_COLUMNS)
            .map(|i| format!("k{i},1\n"))
            .collect();
        let t = table(&format!("k,v\n{many}"));
        let e = pivot(&t, &Pivot::by_the_rest(&t, "k", "v")).err();
        assert!(e.is_some_and(|e| e.to_string().contains("too many columns")));
        let e = pivot(&t, &Pivot::by_the_rest(&t, "nope", "v")).err();
        assert!(e.is_some_and(|e| e.to_string().contains("nope")));
    }

    #[test]
    fn a_tidy_table_has_no_wide_columns() {
        assert_eq!(
            wide_columns(&table("年份,数量\n2019,2021\n2020,2252\n")),
            None
        );
        assert_eq!(year_of("2019年度"), Some(2019));
        assert_eq!(year_of("20190"), None);
        assert_eq!(year_of("2019年增长"), None);
    }
}
