//! Yearbook layouts: the lines around a statistical table that are not rows.
//!
//! Tables from statistical yearbooks, annual reports and Excel sheets saved as CSV carry
//! a title line ("表1 2019—2023年标准制修订情况"), a unit line ("单位:项"), sometimes a
//! header of two rows (merged cells: "发布国家标准" over "合计 / 其中:强制性"), and
//! footnotes below the rows ("注:……", "资料来源:……"). [`super::parse_delimited`] finds
//! them with these documented rules, and reports what it took in a [`Layout`]:
//!
//! * **Header.** The header is the first non-blank record that has at least two non-empty
//!   cells — the first row from which the table's field count holds. Records before it
//!   with one non-empty cell, in the first column or naming the unit (Excel leaves the
//!   rest of a title's row empty), or with a title and a unit side by side, are the
//!   preamble: the
//!   first that is not a unit is the title, a line naming the unit (`单位:项`, `(单位:万项)`,
//!   `计量单位:亿元`, `Unit: …`) gives the unit, other lines the subtitle. Only the first
//!   [`MAX_PREAMBLE`] records are looked at: when all of them look like preamble (a
//!   one-column file), the first record is the header, as in any CSV file.
//! * **Two-row header.** When the header has an empty cell inside its width and the next
//!   record starts with an empty cell, has a cell under one of the header's empty cells,
//!   and holds only text (no number or date), the two rows are one header: each top cell
//!   spans the empty cells to its right (a merged cell), and a column's name is
//!   `top·bottom` ("发布国家标准·强制性"; a leading "其中:" is dropped), or the one that is
//!   there.
//! * **Notes.** Trailing records are notes when the first of them starts with a note or
//!   source marker (注, 注释, 备注, 附注, 说明, 资料来源, 数据来源, 来源:, Note, Source, *, ※)
//!   and each of them has its text in the first cell (one non-empty cell, or a first cell
//!   with a marker: an unquoted comma in a note splits it into cells, which are joined
//!   again). A note that starts with a source marker, or the part of a note from "资料来源"
//!   or "数据来源" on, is a source line.
//!
//! A reader (the explorer's controls) or a spec (`usermeta.stdviz`) corrects the rules
//! with [`LayoutOptions`]: the header is line N, the data ends at line M (records starting
//! after it are notes). A correction that names no record start is an error at that line.

use super::{infer, Ctx, Fields, Records};
use crate::error::{Error, Location};

/// Most records read before the header when looking for a title and unit.
pub const MAX_PREAMBLE: usize = 10;

/// Corrections of the detected layout (1-based line numbers of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutOptions {
    /// The header is the record starting on this line; the lines before it are the
    /// preamble.
    pub header_line: Option<u64>,
    /// The last data record starts on or before this line; the records after it are notes.
    pub data_end_line: Option<u64>,
}

impl LayoutOptions {
    /// Whether nothing is corrected.
    pub fn is_empty(&self) -> bool {
        self.header_line.is_none() && self.data_end_line.is_none()
    }
}

/// What a footnote line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Where the figures come from (资料来源, 数据来源, 来源, Source).
    Source,
    /// Any other remark (注, 说明, …).
    Note,
}

/// One footnote line below the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The 1-based line the note starts on.
    pub line: u64,
    /// Its text, trimmed.
    pub text: String,
    /// Source or remark.
    pub kind: NoteKind,
}

/// What a delimited file holds besides its rows, and where its rows are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The title line before the header, as written ("表1 2019—2023年标准制修订情况").
    pub title: Option<String>,
    /// Other preamble lines that are neither title nor unit, joined by a space.
    pub subtitle: Option<String>,
    /// The unit the preamble names ("项", "万项", "亿元"), without "单位:".
    pub unit: Option<String>,
    /// The 1-based line of the header (0 when the file has no records).
    pub header_line: u64,
    /// Header rows: 1, or 2 for a header of merged cells over a second row.
    pub header_rows: u64,
    /// The line the last data record starts on (0 when there are no data rows).
    pub data_end_line: u64,
    /// Footnotes and source lines below the rows, in file order.
    pub notes: Vec<Note>,
}

impl Layout {
    /// Whether the file is a plain table: the header on its first record, one header row,
    /// nothing before or after the rows.
    pub fn is_plain(&self) -> bool {
        self.title.is_none()
            && self.subtitle.is_none()
            && self.unit.is_none()
            && self.header_rows <= 1
            && self.notes.is_empty()
    }

    /// The title for a chart: [`Layout::title`] without a leading table number ("表1 ",
    /// "表 2-3:").
    pub fn chart_title(&self) -> Option<String> {
        let title = self.title.as_deref()?;
        let rest = title.strip_prefix('表').map(|r| r.trim_start());
        let stripped = rest.and_then(|r| {
            let digits = r
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '.' | '—' | '－')))
                .unwrap_or(r.len());
            (digits > 0)
                .then(|| r.get(digits..).unwrap_or_default())
                .map(|r| r.trim_start_matches([' ', '\u{3000}', ':', '\u{ff1a}', '.', '、']))
        });
        let text = stripped.filter(|s| !s.is_empty()).unwrap_or(title);
        Some(text.trim().to_string())
    }

    /// What was found, in one line for people: "title on line 1 (…), unit 项, header on
    /// line 3 (2 rows), data to line 7, notes on lines 9–10".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = &self.title {
            parts.push(format!("title \"{t}\""));
        }
        if let Some(u) = &self.unit {
            parts.push(format!("unit {u}"));
        }
        if self.header_rows > 1 {
            parts.push(format!(
                "header on lines {}–{} (merged cells)",
                self.header_line,
                self.header_line + self.header_rows - 1
            ));
        } else {
            parts.push(format!("header on line {}", self.header_line));
        }
        parts.push(format!("data to line {}", self.data_end_line));
        if let (Some(first), Some(last)) = (self.notes.first(), self.notes.last()) {
            if first.line == last.line {
                parts.push(format!("notes on line {}", first.line));
            } else {
                parts.push(format!("notes on lines {}–{}", first.line, last.line));
            }
        }
        parts.join(", ")
    }

    /// The layout as JSON for the explorer's page: `{plain, title, chartTitle, subtitle,
    /// unit, headerLine, headerRows, dataEndLine, source, note, notes: [{line, text,
    /// kind}]}` (`kind` is `"source"` or `"note"`; absent texts are `null`).
    pub fn to_json(&self) -> serde_json::Value {
        let notes: Vec<serde_json::Value> = self
            .notes
            .iter()
            .map(|n| {
                serde_json::json!({
                    "line": n.line,
                    "text": n.text,
                    "kind": match n.kind {
                        NoteKind::Source => "source",
                        NoteKind::Note => "note",
                    },
                })
            })
            .collect();
        serde_json::json!({
            "plain": self.is_plain(),
            "title": self.title,
            "chartTitle": self.chart_title(),
            "subtitle": self.subtitle,
            "unit": self.unit,
            "headerLine": self.header_line,
            "headerRows": self.header_rows,
            "dataEndLine": self.data_end_line,
            "source": self.source(),
            "note": self.note(),
            "notes": notes,
        })
    }

    /// The source lines, joined by a space (`None` when there are none).
    pub fn source(&self) -> Option<String> {
        joined(&self.notes, NoteKind::Source)
    }

    /// The remark lines (not sources), joined by a space.
    pub fn note(&self) -> Option<String> {
        joined(&self.notes, NoteKind::Note)
    }
}

fn joined(notes: &[Note], kind: NoteKind) -> Option<String> {
    let parts: Vec<&str> = notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.text.as_str())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Finds the header record (see the module documentation): its byte offset in
/// `ctx.body` and its line, with the preamble's title, subtitle and unit put in `layout`;
/// `None` when the input has no records.
pub(super) fn find_header(
    ctx: &Ctx<'_>,
    opts: &LayoutOptions,
    layout: &mut Layout,
) -> Result<Option<(usize, u64)>, Error> {
    let mut records = ctx.records();
    let mut preamble: Vec<String> = Vec::new();
    if let Some(wanted) = opts.header_line {
        let mut previous = None;
        loop {
            let Some(line) = records.next()? else {
                // A line before the end of the text is blank or inside the last record.
                let lines = ctx.line_offset
                    + ctx.body.iter().filter(|b| **b == b'\n').count() as u64
                    + u64::from(!ctx.body.ends_with(b"\n"));
                return Err(header_line_error(ctx, wanted, previous, wanted > lines));
            };
            if line == wanted {
                break;
            }
            if line > wanted {
                return Err(header_line_error(ctx, wanted, previous, false));
            }
            preamble.push(record_text(records.fields(), b' '));
            previous = Some(line);
        }
    } else {
        loop {
            if records.next()?.is_none() {
                if preamble.is_empty() {
                    return Ok(None);
                }
                // Nothing but one-cell records: a one-column file, header first.
                return first_record(ctx);
            }
            if !is_preamble_record(records.fields()) {
                break;
            }
            if preamble.len() + 1 >= MAX_PREAMBLE {
                return first_record(ctx);
            }
            preamble.push(record_text(records.fields(), b' '));
        }
    }
    if let Some(end) = opts.data_end_line.filter(|end| *end < records.line) {
        return Err(Error::Data {
            source: ctx.source.to_string(),
            at: Location::Cell {
                line: end,
                column: 1,
            },
            expected: format!(
                "the data's last line at or after the header on line {} (usermeta.stdviz.dataEnd)",
                records.line
            ),
            found: format!("line {end}"),
        });
    }
    read_preamble(&preamble, layout);
    Ok(Some((records.start, records.line)))
}

/// The first record's offset and line (the header of a file without a preamble).
fn first_record(ctx: &Ctx<'_>) -> Result<Option<(usize, u64)>, Error> {
    let mut records = ctx.records();
    Ok(records.next()?.map(|line| (records.start, line)))
}

/// The error for a header line (a correction) on which no record starts.
fn header_line_error(ctx: &Ctx<'_>, wanted: u64, previous: Option<u64>, ended: bool) -> Error {
    let found = match (ended, previous) {
        (true, Some(last)) => {
            format!("the end of the data (the last record starts on line {last})")
        }
        (true, None) => "the end of the data".to_string(),
        (false, Some(p)) => {
            format!("a blank line, or a line inside the record that starts on line {p}")
        }
        (false, None) => "a blank line".to_string(),
    };
    Error::Data {
        source: ctx.source.to_string(),
        at: Location::Cell {
            line: wanted,
            column: 1,
        },
        expected: "a record starting on this line, the header line given (usermeta.stdviz.header)"
            .to_string(),
        found,
    }
}

/// When the record `records` just read (on `line`) starts the notes — the data end line
/// given lies before it, or it and every record after it are note lines — the notes.
pub(super) fn notes_from(
    ctx: &Ctx<'_>,
    records: &Records<'_>,
    line: u64,
    opts: &LayoutOptions,
) -> Result<Option<Vec<Note>>, Error> {
    let after_end = opts.data_end_line.is_some_and(|end| line > end);
    if !after_end
        && (opts.data_end_line.is_some()
            || !starts_note(records.fields().get(0).unwrap_or_default()))
    {
        return Ok(None);
    }
    let rest = Ctx {
        body: ctx.body.get(records.start..).unwrap_or_default(),
        line_offset: line.saturating_sub(1),
        ..*ctx
    };
    let mut notes = Vec::new();
    let mut reader = rest.records();
    loop {
        let next = match reader.next() {
            Ok(next) => next,
            // A broken record among the notes: the rows' loop reports it.
            Err(e) if after_end => return Err(e),
            Err(_) => return Ok(None),
        };
        let Some(at) = next else { break };
        if !after_end && !is_note_record(reader.fields()) {
            return Ok(None);
        }
        notes_of(&record_text(reader.fields(), ctx.delimiter), at, &mut notes);
    }
    if reader.open_quote_in_last().is_some() && !after_end {
        return Ok(None);
    }
    Ok(Some(notes))
}

/// The non-empty cells of a record, trimmed.
fn filled(fields: Fields<'_>) -> impl Iterator<Item = &str> {
    fields.iter().map(infer::trim).filter(|c| !c.is_empty())
}

/// Whether a record before the header may be preamble: one non-empty cell, in the first
/// column or naming the unit; or two, a title and a unit side by side.
pub(super) fn is_preamble_record(fields: Fields<'_>) -> bool {
    let mut n = 0;
    let mut units = 0;
    let mut first_column = false;
    for (i, cell) in fields.iter().enumerate() {
        let cell = infer::trim(cell);
        if cell.is_empty() {
            continue;
        }
        n += 1;
        first_column |= i == 0;
        if unit_of(cell).is_some() {
            units += 1;
        }
    }
    (n == 1 && (first_column || units == 1)) || (n == 2 && units >= 1)
}

/// The preamble's title, subtitle and unit, from its lines' texts.
pub(super) fn read_preamble(lines: &[String], layout: &mut Layout) {
    let mut rest = Vec::new();
    for line in lines {
        let mut text = line.as_str();
        let owned;
        if let Some((unit, without)) = split_unit(text) {
            if layout.unit.is_none() {
                layout.unit = Some(unit);
            }
            owned = without;
            text = owned.as_str();
        }
        if text.is_empty() {
            continue;
        }
        if layout.title.is_none() {
            layout.title = Some(text.to_string());
        } else {
            rest.push(text.to_string());
        }
    }
    if !rest.is_empty() {
        layout.subtitle = Some(rest.join(" "));
    }
}

/// The text of a preamble or note record: its non-empty cells, joined by the delimiter.
pub(super) fn record_text(fields: Fields<'_>, delimiter: u8) -> String {
    let sep = char::from(delimiter).to_string();
    let sep = if delimiter == b'\t' {
        " "
    } else {
        sep.as_str()
    };
    filled(fields).collect::<Vec<_>>().join(sep)
}

/// The unit a text names ("单位:项" → "项"), if it names one.
pub fn unit_of(text: &str) -> Option<String> {
    split_unit(text).map(|(unit, _)| unit)
}

/// The unit a text names, and the text without the unit phrase (and its brackets).
fn split_unit(text: &str) -> Option<(String, String)> {
    let (at, label) = ["计量单位", "单位", "Unit", "unit", "UNIT"]
        .iter()
        .find_map(|l| text.find(l).map(|at| (at, *l)))?;
    let after = text.get(at + label.len()..)?.trim_start();
    let after = after.strip_prefix([':', '\u{ff1a}'])?;
    // The unit runs to a closing bracket, a separator or the end.
    let end = after
        .find([
            ')', '\u{ff09}', ']', '】', ',', '\u{ff0c}', ';', '\u{ff1b}', '。',
        ])
        .unwrap_or(after.len());
    let unit = after.get(..end)?.trim();
    if unit.is_empty() || unit.chars().count() > 12 {
        return None;
    }
    // The phrase with an opening bracket right before it and the closing one after.
    let before = text.get(..at)?.trim_end();
    let (before, opened) = match before.char_indices().next_back() {
        Some((i, '(' | '\u{ff08}' | '[' | '【')) => (before.get(..i).unwrap_or_default(), true),
        _ => (before, false),
    };
    let mut rest_after = after.get(end..).unwrap_or_default();
    if opened {
        if let Some(c) = rest_after.chars().next() {
            if matches!(c, ')' | '\u{ff09}' | ']' | '】') {
                rest_after = rest_after.get(c.len_utf8()..).unwrap_or_default();
            }
        }
    }
    let without = format!("{}{}", before.trim_end(), rest_after.trim_start());
    Some((unit.to_string(), without.trim().to_string()))
}

/// Markers that start a source line.
const SOURCE_MARKERS: [&str; 6] = [
    "资料来源",
    "数据来源",
    "来源:",
    "来源\u{ff1a}",
    "Source",
    "出处",
];

/// Markers that start a remark.
const NOTE_MARKERS: [&str; 7] = ["注释", "备注", "附注", "Note", "*", "※", "说明"];

/// Whether a first cell starts a note or source line (see the module documentation).
pub fn starts_note(cell: &str) -> bool {
    let cell = infer::trim(cell);
    if SOURCE_MARKERS
        .iter()
        .chain(&NOTE_MARKERS)
        .any(|m| has_marker(cell, m))
    {
        return true;
    }
    // "注" alone is the first character of many words (注册): only with a colon, a
    // number, a bracket or a space after it.
    cell.strip_prefix('注').is_some_and(|rest| {
        rest.chars().next().is_some_and(|c| {
            matches!(
                c,
                ':' | '\u{ff1a}' | '(' | '\u{ff08}' | ' ' | '\u{3000}' | '、'
            ) || c.is_ascii_digit()
                || ('①'..='⑳').contains(&c)
        })
    })
}

/// Whether `text` starts with `marker` (an English word only as a word: "Notes:" but
/// not "Notebook").
fn has_marker(text: &str, marker: &str) -> bool {
    let Some(rest) = text
        .get(..marker.len())
        .filter(|p| p.eq_ignore_ascii_case(marker))
        .and_then(|_| text.get(marker.len()..))
    else {
        return false;
    };
    if !marker.bytes().all(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    let rest = rest.strip_prefix(['s', 'S']).unwrap_or(rest);
    !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Whether a record after a note's first line continues the notes: its text is in its
/// first cell.
pub(super) fn is_note_record(fields: Fields<'_>) -> bool {
    let first = fields.get(0).map(infer::trim).unwrap_or_default();
    !first.is_empty() && (starts_note(first) || filled(fields).nth(1).is_none())
}

/// A note record as note lines: one, or two when a remark goes on with its source.
pub(super) fn notes_of(text: &str, line: u64, out: &mut Vec<Note>) {
    let is_source = |t: &str| SOURCE_MARKERS.iter().any(|m| has_marker(t, m));
    if is_source(text) {
        out.push(Note {
            line,
            text: text.to_string(),
            kind: NoteKind::Source,
        });
        return;
    }
    let split = ["资料来源", "数据来源"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .filter(|at| *at > 0);
    let (remark, source) = match split {
        Some(at) => (
            text.get(..at).unwrap_or(text),
            text.get(at..).unwrap_or_default(),
        ),
        None => (text, ""),
    };
    let remark = remark
        .trim()
        .trim_end_matches([';', '\u{ff1b}', ',', '\u{ff0c}']);
    if !remark.is_empty() {
        out.push(Note {
            line,
            text: remark.to_string(),
            kind: NoteKind::Note,
        });
    }
    if !source.trim().is_empty() {
        out.push(Note {
            line,
            text: source.trim().to_string(),
            kind: NoteKind::Source,
        });
    }
}

/// For each cell of a header, whether it is empty.
pub(super) fn empty_cells(fields: Fields<'_>) -> Vec<bool> {
    fields.iter().map(|c| infer::trim(c).is_empty()).collect()
}

/// Whether a header (given by its empty cells) has an empty cell (a merged cell's span)
/// beside a non-empty one.
pub(super) fn has_gap(header_empty: &[bool]) -> bool {
    header_empty.iter().any(|e| *e) && header_empty.iter().any(|e| !*e)
}

/// Whether `next`, the record after a header whose empty cells are `header_empty`, is
/// the header's second row (see the module documentation).
pub(super) fn is_second_header_row(header_empty: &[bool], next: Fields<'_>) -> bool {
    if !has_gap(header_empty) {
        return false;
    }
    let first_empty = next.get(0).is_none_or(|c| infer::trim(c).is_empty());
    if !first_empty {
        return false;
    }
    let mut under_gap = false;
    for (i, cell) in next.iter().enumerate() {
        let cell = infer::trim(cell);
        if cell.is_empty() {
            continue;
        }
        if !matches!(infer::classify(cell), infer::CellValue::Text) {
            return false;
        }
        if header_empty.get(i).copied().unwrap_or(true) {
            under_gap = true;
        }
    }
    under_gap
}

/// The names of a two-row header: a top cell spans the empty cells to its right.
pub(super) fn flatten_header(top: Fields<'_>, bottom: Fields<'_>) -> Vec<String> {
    let width = top.len().max(bottom.len());
    let mut names = Vec::with_capacity(width);
    let mut spanning: Option<&str> = None;
    for i in 0..width {
        let t = top.get(i).map(infer::trim).unwrap_or_default();
        let b = bottom.get(i).map(infer::trim).unwrap_or_default();
        if !t.is_empty() {
            spanning = Some(t);
        }
        let b = ["其中:", "其中\u{ff1a}", "其中"]
            .iter()
            .find_map(|p| b.strip_prefix(p))
            .map_or(b, str::trim);
        let name = match (spanning, b.is_empty()) {
            (Some(t), true) => t.to_string(),
            (Some(t), false) if t == b => t.to_string(),
            (Some(t), false) => format!("{t}·{b}"),
            (None, _) => b.to_string(),
        };
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read_from_unit_lines_and_titles() {
        assert_eq!(unit_of("单位:项").as_deref(), Some("项"));
        assert_eq!(unit_of("单位\u{ff1a}万项").as_deref(), Some("万项"));
        assert_eq!(unit_of("计量单位：亿元").as_deref(), Some("亿元"));
        assert_eq!(unit_of("Unit: items").as_deref(), Some("items"));
        assert_eq!(
            split_unit("表3 国家标准发布数量\u{ff08}单位\u{ff1a}项\u{ff09}"),
            Some(("项".to_string(), "表3 国家标准发布数量".to_string()))
        );
        // "单位" inside a sentence without a colon names no unit.
        assert_eq!(unit_of("阳泉:19家单位主持或参与制定修订的标准"), None);
        assert_eq!(unit_of("单位:"), None);
    }

    #[test]
    fn note_markers_need_their_punctuation() {
        for note in [
            "注:x",
            "注\u{ff1a}x",
            "注1.x",
            "注①x",
            "资料来源:x",
            "数据来源x",
            "来源\u{ff1a}x",
            "说明:x",
            "Note: x",
            "source: x",
            "*x",
            "※x",
            "备注x",
        ] {
            assert!(starts_note(note), "{note}");
        }
        for data in ["注册标准", "来源地", "国家标准", "", "Notebook", "Sourced"] {
            assert!(!starts_note(data), "{data}");
        }
    }

    #[test]
    fn a_remark_with_its_source_is_two_lines() {
        let mut notes = Vec::new();
        notes_of("注:2021年未列出。资料来源:年度报告", 9, &mut notes);
        assert_eq!(
            notes,
            [
                Note {
                    line: 9,
                    text: "注:2021年未列出。".into(),
                    kind: NoteKind::Note
                },
                Note {
                    line: 9,
                    text: "资料来源:年度报告".into(),
                    kind: NoteKind::Source
                },
            ]
        );
    }

    #[test]
    fn chart_titles_drop_the_table_number() {
        let title = |t: &str| {
            Layout {
                title: Some(t.into()),
                ..Layout::default()
            }
            .chart_title()
        };
        assert_eq!(
            title("表1 2019—2023年标准").as_deref(),
            Some("2019—2023年标准")
        );
        assert_eq!(title("表 2-3:有效标准").as_deref(), Some("有效标准"));
        assert_eq!(title("表格说明").as_deref(), Some("表格说明"));
        assert_eq!(title("阳泉").as_deref(), Some("阳泉"));
    }
}
