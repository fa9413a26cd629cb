//! A cursor over one JSON object of the spec that remembers its JSON path and which keys
//! were read, so that every error names its path and every unread key is reported
//! (unknown keys as warnings, known-but-unsupported Vega-Lite keys as errors).

use crate::error::{Error, Warning};
use crate::table::json::describe;
use serde_json::{Map, Value as Json};

/// Joins a JSON path and a key: `encoding` + `x` → `encoding.x`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Builds a spec error.
pub fn spec_error(path: &str, expected: impl Into<String>, found: &Json) -> Error {
    Error::Spec {
        path: path.to_string(),
        expected: expected.into(),
        found: describe(found),
    }
}

/// A JSON object being read, with its path.
pub struct ObjReader<'a> {
    map: &'a Map<String, Json>,
    path: String,
    used: Vec<&'a str>,
}

impl<'a> ObjReader<'a> {
    /// Starts reading `value`, which must be an object, found at `path`.
    pub fn new(value: &'a Json, path: &str, what: &str) -> Result<Self, Error> {
        match value {
            Json::Object(map) => Ok(ObjReader {
                map,
                path: path.to_string(),
                used: Vec::new(),
            }),
            other => Err(spec_error(path, what, other)),
        }
    }

    /// The path of this object.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path of one of its keys.
    pub fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Whether the object has `key` (without marking it read).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The value under `key`, without marking it read.
    pub fn peek(&self, key: &str) -> Option<&'a Json> {
        self.map.get(key)
    }

    /// The value under `key`, marking it read.
    pub fn get(&mut self, key: &str) -> Option<&'a Json> {
        let (k, v) = self.map.get_key_value(key)?;
        self.used.push(k.as_str());
        Some(v)
    }

    /// A string under `key`, if present.
    pub fn opt_str(&mut self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(spec_error(&self.path_of(key), "a string", other)),
        }
    }

    /// A finite number under `key`, if present.
    pub fn opt_num(&mut self, key: &str) -> Result<Option<f64>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() => Ok(Some(v)),
                _ => Err(Error::Spec {
                    path: self.path_of(key),
                    expected: "a finite number".into(),
                    found: n.to_string(),
                }),
            },
            Some(other) => Err(spec_error(&self.path_of(key), "a number", other)),
        }
    }

    /// A non-negative number under `key`, if present.
    pub fn opt_non_negative(&mut self, key: &str) -> Result<Option<f64>, Error> {
        let v = self.opt_num(key)?;
        if let Some(n) = v {
            if n < 0.0 {
                return Err(Error::Spec {
                    path: self.path_of(key),
                    expected: "a number ≥ 0".into(),
                    found: n.to_string(),
                });
            }
        }
        Ok(v)
    }

    /// A boolean under `key`, if present.
    pub fn opt_bool(&mut self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(spec_error(&self.path_of(key), "true or false", other)),
        }
    }

    /// Ends reading: keys in `unsupported` (valid Vega-Lite that stdviz does not draw
    /// yet) are errors; any other unread key is a warning, since it is ignored.
    pub fn finish(self, unsupported: &[&str], warnings: &mut Vec<Warning>) -> Result<(), Error> {
        for (key, value) in self.map {
            if self.used.contains(&key.as_str()) {
                continue;
            }
            let path = join(&self.path, key);
            if unsupported.contains(&key.as_str()) {
                return Err(Error::Spec {
                    path,
                    expected: "a property stdviz supports (see docs/SPEC.md); this Vega-Lite property is not supported yet".into(),
                    found: describe(value),
                });
            }
            warnings.push(Warning {
                path,
                message: format!("unknown property \"{key}\" is ignored"),
            });
        }
        Ok(())
    }
}

/// Reads a value that must be one of `allowed` strings.
pub fn one_of<'v>(value: &'v Json, path: &str, allowed: &[&str]) -> Result<&'v str, Error> {
    match value.as_str() {
        Some(s) if allowed.contains(&s) => Ok(s),
        _ => Err(spec_error(
            path,
            format!("one of {}", allowed.join(", ")),
            value,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_keys_warn_with_their_path() {
        let v = json!({"a": 1, "zz": 2});
        let mut r = ObjReader::new(&v, "mark", "an object").unwrap();
        assert_eq!(r.opt_num("a").unwrap(), Some(1.0));
        let mut w = Vec::new();
        r.finish(&[], &mut w).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].path, "mark.zz");
    }

    #[test]
    fn unsupported_keys_are_errors() {
        let v = json!({"transform": []});
        let r = ObjReader::new(&v, "", "an object").unwrap();
        let e = r.finish(&["transform"], &mut Vec::new()).unwrap_err();
        assert!(e.to_string().starts_with("spec error at transform:"), "{e}");
    }

    #[test]
    fn wrong_type_names_path_and_found_value() {
        let v = json!({"height": "tall"});
        let mut r = ObjReader::new(&v, "", "an object").unwrap();
        let e = r.opt_num("height").unwrap_err();
        assert_eq!(
            e.to_string(),
            "spec error at height: expected a number, found \"tall\""
        );
    }

    #[test]
    fn negative_where_non_negative_expected() {
        let v = json!({"innerRadius": -3});
        let mut r = ObjReader::new(&v, "mark", "an object").unwrap();
        assert!(r.opt_non_negative("innerRadius").is_err());
    }
}
