//! Errors and warnings with positions.
//!
//! Every failure that input can cause is a value of [`Error`] that says *where* (a JSON
//! path such as `encoding.x.field`, or a line and column of a data file) and *what was
//! expected*. Nothing on an input path panics; the browser shows these messages in the
//! chart's own box.

use std::fmt;

/// Where in the input a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A JSON path into the spec or a JSON data file, e.g. `encoding.x.field` or `[3].count`.
    Json(String),
    /// A 1-based line and column of a text data file (column counts fields, not bytes).
    Cell {
        /// 1-based line number in the file.
        line: u64,
        /// 1-based field number on that line.
        column: u64,
    },
    /// No single position applies (e.g. an empty file).
    Whole,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Json(path) if path.is_empty() => f.write_str("(top level)"),
            Location::Json(path) => f.write_str(path),
            Location::Cell { line, column } => write!(f, "line {line}, column {column}"),
            Location::Whole => f.write_str("(whole input)"),
        }
    }
}

/// Everything that can go wrong between input bytes and a drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The spec is not valid JSON at all.
    SpecSyntax {
        /// serde_json's message, which carries line and column.
        message: String,
    },
    /// A spec property has a value of the wrong kind or one stdviz does not support.
    Spec {
        /// JSON path of the offending property.
        path: String,
        /// What would have been accepted.
        expected: String,
        /// What was found, shortened for display.
        found: String,
    },
    /// A data file or inline data could not be read as a table.
    Data {
        /// Name of the data source (file name, URL or `inline`).
        source: String,
        /// Where in that source.
        at: Location,
        /// What was expected there.
        expected: String,
        /// What was found, shortened for display.
        found: String,
    },
    /// The spec names a field that the data does not have.
    MissingField {
        /// JSON path of the field reference in the spec.
        path: String,
        /// The field name the spec asked for.
        field: String,
        /// The fields the data does have.
        available: Vec<String>,
    },
    /// The spec needs a part of the engine that this build leaves out: the lite chart
    /// wasm (built without feature `full`) answers this, and the host then draws the chart
    /// with the full wasm. Never returned by a build with feature `full`.
    NeedsFull {
        /// JSON path of the property that needs the part.
        path: String,
        /// The part, e.g. "the density transform".
        what: &'static str,
    },
    /// The backend failed while drawing (canvas or SVG).
    Render {
        /// The backend's message.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::SpecSyntax { message } => write!(f, "spec is not valid JSON: {message}"),
            Error::Spec {
                path,
                expected,
                found,
            } => write!(
                f,
                "spec error at {}: expected {expected}, found {found}",
                Location::Json(path.clone())
            ),
            Error::Data {
                source,
                at,
                expected,
                found,
            } => write!(
                f,
                "data error in {source} at {at}: expected {expected}, found {found}"
            ),
            Error::MissingField {
                path,
                field,
                available,
            } if available.is_empty() => write!(
                f,
                "spec error at {path}: field \"{field}\" is not in the data (the data is empty: no fields)"
            ),
            Error::MissingField {
                path,
                field,
                available,
            } => write!(
                f,
                "spec error at {path}: field \"{field}\" is not in the data (fields: {})",
                available.join(", ")
            ),
            Error::NeedsFull { path, what } => write!(
                f,
                "spec at {path} needs {what}, which this lite build leaves out (use the full build)"
            ),
            Error::Render { message } => write!(f, "drawing failed: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// A problem that does not stop the chart, such as an unknown property that was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON path of the property concerned.
    pub path: String,
    /// What happened, in one sentence.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning at {}: {}", self.path, self.message)
    }
}

/// Shortens a value for an error message to at most `max` characters, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_error_names_path_expected_and_found() {
        let e = Error::Spec {
            path: "encoding.x.type".into(),
            expected: "one of nominal, ordinal, quantitative".into(),
            found: "\"banana\"".into(),
        };
        assert_eq!(
            e.to_string(),
            "spec error at encoding.x.type: expected one of nominal, ordinal, quantitative, found \"banana\""
        );
    }

    #[test]
    fn data_error_names_line_and_column() {
        let e = Error::Data {
            source: "a.csv".into(),
            at: Location::Cell { line: 3, column: 2 },
            expected: "a number".into(),
            found: "\"x\"".into(),
        };
        assert_eq!(
            e.to_string(),
            "data error in a.csv at line 3, column 2: expected a number, found \"x\""
        );
    }

    #[test]
    fn shorten_keeps_short_text_and_cuts_long_text_on_char_boundaries() {
        assert_eq!(shorten("国家标准", 10), "国家标准");
        assert_eq!(shorten("国家标准国家标准", 4), "国家标…");
    }
}
