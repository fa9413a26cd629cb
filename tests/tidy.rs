//! Tidy checks, as rust-analyzer's `tidy`: the code map of ARCHITECTURE.md holds in the
//! code. Every module under `src/` has a place in the map; no module imports what the
//! map's "must not know" column forbids it (the table [`RULES`] below says which
//! `crate::…` paths that column means); `web_sys` and `js_sys` appear only in `src/web/`;
//! no source file grows past [`MAX_LINES`].
//!
//! Modules are read from disk and the map from ARCHITECTURE.md on every run, so a new
//! module or a new row needs no change here unless it brings a new rule.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Most lines of one source file (COMMON rule: split a file by idea before it gets here).
const MAX_LINES: usize = 1_500;

/// Files over [`MAX_LINES`] today, each with the work that splits it. The test fails when a
/// listed file has shrunk under the limit, so the list only ever gets shorter.
const TOO_LONG_FOR_NOW: &[(&str, &str)] = &[];

/// What each module's "must not know" column in ARCHITECTURE.md forbids, as crate paths it
/// must not import (separated by spaces). A rule for a module also binds its submodules (`layout` binds
/// `layout::plot`). Paths are crate-relative; a forbidden path also forbids everything
/// below it.
const RULES: &[(&str, &str)] = &[
    // "anything about drawing"
    ("error", "layout scene render svg text theme web"),
    // "specs, pixels"
    ("table", "spec encode transform layout scene render svg web"),
    // "specs, the DOM"
    ("table::export", "spec web"),
    // "the resolved spec model … tables' contents, pixels"
    (
        "spec",
        "transform encode layout scene render svg explore web",
    ),
    // "which properties exist"
    ("spec::reader", "spec::parse spec::expr"),
    // "pixels, marks"
    ("transform", "encode layout scene render svg web"),
    // "pixels"
    ("encode", "layout scene render svg web"),
    // "marks, text"
    ("scale", "text encode layout scene render svg web"),
    // "charts"
    ("vocab", "spec transform encode layout scene render svg web"),
    // "backends"
    ("text", "render svg web"),
    // "specs"
    ("theme", "spec"),
    // "locales beyond that": a leaf beside the table and the spec
    ("format", "spec encode layout scene render svg web"),
    // "backends, the DOM"
    ("layout", "render svg web"),
    // "parsing"
    (
        "layout::plot",
        "spec::reader spec::parse spec::expr table::csv table::json",
    ),
    (
        "layout::polar",
        "spec::reader spec::parse spec::expr table::csv table::json",
    ),
    (
        "layout::news",
        "spec::reader spec::parse spec::expr table::csv table::json",
    ),
    // "scale computation" (it is handed the colour scale)
    ("layout::legend", "scale"),
    // "how it is drawn"
    ("scene", "render svg web"),
    // "scales"
    ("scene::clip", "scale layout::scales"),
    // "the DOM, timers"
    ("interact", "web"),
    // "the DOM"
    ("describe", "web"),
    // the plain values read nothing but `error`
    (
        "limits",
        "check table spec transform encode layout scene render svg explore web",
    ),
    // "drawing"
    ("check", "render svg web"),
    // "where the text comes from"
    ("decimal", "table spec explore web"),
    // "what is sorted"
    ("sort", "table spec scale encode layout scene explore web"),
    // "layout decisions"
    ("render", "layout web"),
    // "the browser"
    ("svg", "web"),
    // "layout, parsing, interaction rules (it calls the core)"
    ("web", "spec::reader spec::parse spec::expr"),
    // "scenes, charts, state"
    ("web::canvas", "layout interact spec"),
    // "the DOM, charts, the engine's rules (it calls `explore`)"
    (
        "web::dataset",
        "layout scene render interact web::dom web::canvas",
    ),
    // "layout"
    ("web::export", "layout::plot layout::polar layout::news"),
    // "the DOM, workers, wasm-bindgen, JSON forms, marks, layout, pixels"
    ("explore", "web encode layout scene render svg"),
    // "queries"
    ("explore::load", "explore::query transform"),
    // "JSON (the spec parser reads transforms; `web::dataset::wire` the query form)"
    ("explore::query", "spec::parse spec::reader web"),
    // "tables"
    ("explore::decimate", "table"),
    // "specs' JSON, the explorer's query form"
    (
        "transform::columnar",
        "spec::parse spec::reader explore web",
    ),
    // "wasm-bindgen, the engine's rules"
    (
        "web::dataset::wire",
        "transform layout scene render web::dom web::canvas",
    ),
    // "the browser"
    ("bin/stdviz.rs", "web"),
];

/// Imports a rule forbids but the code map names as the one exception (in the same row).
const EXCEPTIONS: &[(&str, &str)] = &[
    // vocab "must not know charts": it takes the language enum, nothing else of the spec.
    ("vocab", "spec::Locale"),
    // format "locales beyond that": its dates take the language enum and the time unit.
    ("format::dates", "spec::Locale"),
    ("format::dates", "spec::TimeUnit"),
];

/// Files outside `src/web/` that may name `js_sys`, and the one path they may use: the
/// wasm takes sine, cosine and atan2 from JavaScript's `Math` (ARCHITECTURE.md's
/// invariants).
const BROWSER_MATH: &[(&str, &str)] = &[("src/scene/mod.rs", "js_sys::Math::")];

/// The crate's root folder.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` (recursively) whose name ends with one of `exts`, sorted.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "node_modules" && name != "target" {
                    stack.push(path);
                }
            } else if exts.iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One Rust source file of `src/`.
struct Source {
    /// Path relative to the crate root, with `/` separators.
    rel: String,
    /// The module the file belongs to: `layout::plot`, `spec::parse` (for its `mod.rs`
    /// and its `tests.rs`), `bin/stdviz.rs` for a binary, empty for `lib.rs`.
    module: String,
    /// The module the file *is*, as `super::` sees it (`spec::parse::tests` for a
    /// `tests.rs`).
    own_module: String,
    /// The text with comments and the insides of string and character literals blanked.
    code: String,
}

/// Reads every `.rs` file under `src/`.
fn sources() -> Vec<Source> {
    let root = root();
    files(&root.join("src"), &[".rs"])
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).expect("source text");
            let (module, own_module) = module_of(&rel);
            Source {
                rel,
                module,
                own_module,
                code: blank_comments_and_literals(&text),
            }
        })
        .collect()
}

/// The module a file belongs to and the module it is (see [`Source`]).
fn module_of(rel: &str) -> (String, String) {
    let inside = rel.strip_prefix("src/").unwrap_or(rel);
    if inside.starts_with("bin/") {
        return (inside.to_string(), inside.to_string());
    }
    let mut parts: Vec<&str> = inside.trim_end_matches(".rs").split('/').collect();
    if matches!(parts.last(), Some(&"mod") | Some(&"lib")) {
        parts.pop();
    }
    let own = parts.join("::");
    if parts.last() == Some(&"tests") {
        parts.pop();
    }
    (parts.join("::"), own)
}

/// `text` with comments, string literals and character literals replaced by spaces
/// (newlines kept), so that a path in a doc comment or a message is not an import.
fn blank_comments_and_literals(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && matches!(next, Some('"') | Some('#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            while c.get(j) == Some(&'#') {
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            out.extend(std::iter::repeat_n(' ', j - i + 1));
            i = j + 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&ch) = c.get(i) {
                    out.push(blank(ch));
                }
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c[i] == '\'' {
            // A character literal ('x', '\n', '\u{1F600}') or a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 2..c.len().min(i + 12)).find(|&k| c[k] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.extend(std::iter::repeat_n(' ', e - i + 1));
                    i = e + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Whether `c` may be part of an identifier.
fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The crate paths `code` names, crate-relative (`layout::scales::Scales`): every
/// `crate::…` (or `stdviz::…` in a binary) and `super::…`, with `{…}` groups expanded.
/// `own_module` resolves `super`.
fn imports(code: &str, own_module: &str, is_bin: bool) -> BTreeSet<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = BTreeSet::new();
    let own: Vec<String> = own_module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let mut i = 0;
    while i < chars.len() {
        if i > 0 && (ident_char(chars[i - 1]) || chars[i - 1] == ':') {
            i += 1;
            continue;
        }
        let rest = |k: usize, word: &str| {
            word.chars()
                .enumerate()
                .all(|(n, w)| chars.get(k + n) == Some(&w))
        };
        let (base, mut j) = if rest(i, "crate::") {
            (Vec::new(), i + "crate::".len())
        } else if is_bin && rest(i, "stdviz::") {
            (Vec::new(), i + "stdviz::".len())
        } else if rest(i, "super::") {
            let mut base = own.clone();
            let mut j = i;
            while rest(j, "super::") {
                base.pop();
                j += "super::".len();
            }
            (base, j)
        } else {
            i += 1;
            continue;
        };
        use_tree(&chars, &mut j, base, &mut out);
        i = j.max(i + 1);
    }
    out
}

/// Reads a use tree (`a::b`, `a::{b, c::d}`, `*`) at `chars[*at..]` under `prefix`,
/// adding each path it names to `out`.
fn use_tree(chars: &[char], at: &mut usize, prefix: Vec<String>, out: &mut BTreeSet<String>) {
    let skip_space = |at: &mut usize| {
        while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
            *at += 1;
        }
    };
    let mut path = prefix;
    loop {
        skip_space(at);
        if chars.get(*at) == Some(&'{') {
            *at += 1;
            loop {
                skip_space(at);
                match chars.get(*at) {
                    None => return,
                    Some('}') => {
                        *at += 1;
                        return;
                    }
                    Some(',') => *at += 1,
                    Some(_) => {
                        let before = *at;
                        use_tree(chars, at, path.clone(), out);
                        if *at == before {
                            *at += 1;
                        }
                    }
                }
            }
        }
        let start = *at;
        while chars.get(*at).is_some_and(|c| ident_char(*c)) {
            *at += 1;
        }
        if *at == start {
            break;
        }
        let segment: String = chars[start..*at].iter().collect();
        if segment == "self" {
            break;
        }
        path.push(segment);
        if chars.get(*at) == Some(&':') && chars.get(*at + 1) == Some(&':') {
            *at += 2;
        } else {
            break;
        }
    }
    if !path.is_empty() {
        out.insert(path.join("::"));
    }
}

/// Whether crate path `path` is `module` or lies below it.
fn within(path: &str, module: &str) -> bool {
    path == module
        || path
            .strip_prefix(module)
            .is_some_and(|rest| rest.starts_with("::"))
}

/// One row of the code map: the module it names and the whole row's text.
struct Row {
    module: String,
    text: String,
}

/// The rows of ARCHITECTURE.md's code map (the table of `src/` modules).
fn code_map() -> Vec<Row> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let section = doc
        .split("## Code map")
        .nth(1)
        .expect("a \"## Code map\" section");
    let section = section.split("Outside `src/`").next().unwrap_or(section);
    let mut rows = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
        assert_eq!(
            cells.len(),
            3,
            "a code map row needs three cells (module | owns | must not know): {line}"
        );
        let module = cells[0]
            .split('`')
            .nth(1)
            .expect("a module name in backticks")
            .to_string();
        rows.push(Row {
            module,
            text: line.to_string(),
        });
    }
    assert!(rows.len() > 10, "the code map has {} rows", rows.len());
    rows
}

/// Where `word` stands in `text` as a whole word (not inside a longer identifier).
fn words_at<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(ident_char) && !after.is_some_and(ident_char)
        })
}

/// Whether `text` has `word` as a whole word.
fn names_word(text: &str, word: &str) -> bool {
    words_at(text, word).next().is_some()
}

/// The modules named by a code map row's first cell: `explore` for "`explore` (+ …)".
fn mapped(rows: &[Row], module: &str) -> bool {
    rows.iter().any(|r| r.module == module)
}

#[test]
fn every_module_has_a_place_in_the_code_map() {
    let rows = code_map();
    let mut missing = Vec::new();
    let modules: BTreeSet<String> = sources()
        .into_iter()
        .map(|s| s.module)
        .filter(|m| !m.is_empty())
        .collect();
    for module in &modules {
        if mapped(&rows, module) {
            continue;
        }
        // A submodule may instead be named in its parent's row (as a word).
        let covered = module.rsplit_once("::").is_some_and(|(parent, name)| {
            rows.iter()
                .any(|r| r.module == parent && names_word(&r.text, name))
        });
        if !covered {
            missing.push(module.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a row in ARCHITECTURE.md's code map (nor a `name` in their parent's row): {missing:?}"
    );
    let stale: Vec<&str> = rows
        .iter()
        .map(|r| r.module.as_str())
        .filter(|m| !modules.contains(*m))
        .collect();
    assert!(
        stale.is_empty(),
        "code map rows naming modules that are not in src/: {stale:?}"
    );
}

#[test]
fn every_rule_is_a_row_of_the_code_map() {
    let rows = code_map();
    for (module, _) in RULES {
        assert!(
            mapped(&rows, module),
            "tidy.rs has a rule for `{module}`, which has no row in the code map"
        );
    }
}

#[test]
fn no_module_imports_what_it_must_not_know() {
    let mut broken = Vec::new();
    for source in sources() {
        let is_bin = source.module.starts_with("bin/");
        for path in imports(&source.code, &source.own_module, is_bin) {
            for (module, forbidden) in RULES {
                if !within(&source.module, module) {
                    continue;
                }
                let excepted = EXCEPTIONS
                    .iter()
                    .any(|(m, p)| within(&source.module, m) && within(&path, p));
                if excepted {
                    continue;
                }
                if let Some(f) = forbidden.split_whitespace().find(|f| within(&path, f)) {
                    broken.push(format!(
                        "{} uses crate::{path}, but `{module}` must not know `{f}` (ARCHITECTURE.md)",
                        source.rel
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn only_the_web_glue_touches_the_browser() {
    let mut broken = Vec::new();
    for source in sources() {
        if source.rel.starts_with("src/web/") {
            continue;
        }
        for (n, line) in source.code.lines().enumerate() {
            for name in ["web_sys", "js_sys"] {
                let found = line.match_indices(name).any(|(at, _)| {
                    let before = line[..at].chars().next_back();
                    let after = line[at + name.len()..].chars().next();
                    let allowed = BROWSER_MATH
                        .iter()
                        .any(|(file, path)| source.rel == *file && line[at..].starts_with(path));
                    !allowed && !before.is_some_and(ident_char) && !after.is_some_and(ident_char)
                });
                if found {
                    broken.push(format!("{}:{}: {name}", source.rel, n + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "web_sys/js_sys outside src/web/ (ARCHITECTURE.md: the core never touches them):\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_source_file_is_too_long() {
    let root = root();
    let mut long = Vec::new();
    let mut listed_but_short = Vec::new();
    for dir in ["src", "tests", "www", "bench", "scripts"] {
        for path in files(
            &root.join(dir),
            &[".rs", ".js", ".mjs", ".ts", ".sh", ".css", ".html"],
        ) {
            let rel = path
                .strip_prefix(&root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            let lines = std::fs::read_to_string(&path)
                .map(|t| t.lines().count())
                .unwrap_or(0);
            let listed = TOO_LONG_FOR_NOW.iter().find(|(f, _)| *f == rel);
            match (lines > MAX_LINES, listed) {
                (true, None) => long.push(format!("{rel}: {lines} lines")),
                (false, Some((f, why))) => {
                    listed_but_short.push(format!("{f} ({lines} lines; was waiting for {why})"))
                }
                _ => {}
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (split them by idea):\n{}",
        long.join("\n")
    );
    assert!(
        listed_but_short.is_empty(),
        "remove from TOO_LONG_FOR_NOW in tests/tidy.rs, now under {MAX_LINES} lines: {}",
        listed_but_short.join(", ")
    );
}

/// The checker itself: paths in comments and strings are not imports, groups expand,
/// `super` resolves from the file's own module.
#[test]
fn imports_are_read_from_code_only() {
    let code = blank_comments_and_literals(
        r#"//! See [`crate::web`].
use crate::{encode::{Bound, Encoded}, error::Error};
use super::scales::Scales;
let s = "crate::render::x"; let c = '"'; let lt: &'static str = "";
/* crate::svg */ fn f() { crate::text::width(); }
"#,
    );
    let got = imports(&code, "layout::plot", false);
    let want: BTreeSet<String> = [
        "encode::Bound",
        "encode::Encoded",
        "error::Error",
        "layout::scales::Scales",
        "text::width",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        module_of("src/spec/parse/tests.rs"),
        ("spec::parse".to_string(), "spec::parse::tests".to_string())
    );
    assert_eq!(module_of("src/layout/mod.rs").0, "layout");
    assert!(within("layout::scales::Scales", "layout::scales"));
    assert!(!within("layout::scalesx", "layout::scales"));
    assert!(names_word("filter predicates, `derive`", "derive"));
    assert!(!names_word("filtering", "filter"));
}
