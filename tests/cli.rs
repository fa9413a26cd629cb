//! The `stdviz` command line, run as a process: SVG and PNG output of a page spec, PNG
//! size and `--scale`, pixels of a bar and of the CJK title, exit codes.
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use resvg::tiny_skia::Pixmap;

const BAR_SPEC: &str = "standards-by-level-bar.json";

/// A fresh path in the temp folder, unique to this process and call.
fn temp_path(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("stdviz-cli-{}-{n}-{name}", std::process::id()))
}

/// Deletes its file when dropped, so a failed assertion leaves no litter.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> Self {
        TempFile(temp_path(name))
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn stdviz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stdviz"))
        .args(args)
        .output()
        .expect("run the stdviz binary")
}

fn bar_spec() -> String {
    common::www()
        .join("specs")
        .join(BAR_SPEC)
        .to_string_lossy()
        .into_owned()
}

/// Runs `stdviz render` on the bar spec and returns the output file's bytes.
fn render(out_name: &str, extra: &[&str]) -> Vec<u8> {
    let out = TempFile::new(out_name);
    let spec = bar_spec();
    let out_str = out.path().to_string_lossy().into_owned();
    let mut args = vec!["render", spec.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", &out_str]);
    let result = stdviz(&args);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "stdviz {args:?} failed: {stderr}");
    // Without the CJK fonts the CLI warns and draws boxes (tofu) for Chinese characters,
    // which the dark-pixel count below could mistake for glyphs.
    assert!(
        !stderr.contains("none of the fonts"),
        "fonts missing (scripts/setup.sh installs fonts-noto-cjk): {stderr}"
    );
    std::fs::read(out.path()).expect("output file written")
}

fn render_svg(extra: &[&str]) -> String {
    String::from_utf8(render("chart.svg", extra)).expect("SVG is UTF-8")
}

/// Width and height from a PNG's IHDR chunk (big-endian u32s at bytes 16..24).
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR", "IHDR comes first");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

/// The `width` and `height` attributes of the root `<svg>`.
fn svg_size(svg: &str) -> (u32, u32) {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let root = doc.root_element();
    let attr = |name: &str| -> u32 {
        root.attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("<svg {name}> is an integer"))
    };
    (attr("width"), attr("height"))
}

/// The unpremultiplied RGB of pixel (x, y).
fn rgb_at(pixmap: &Pixmap, x: u32, y: u32) -> [u8; 3] {
    let c = pixmap
        .pixel(x, y)
        .unwrap_or_else(|| panic!("pixel ({x}, {y}) inside the PNG"))
        .demultiply();
    [c.red(), c.green(), c.blue()]
}

#[test]
fn renders_svg_with_chinese_text() {
    let svg = render_svg(&["--width", "640"]);
    assert!(svg.starts_with("<svg"), "an SVG document");
    assert!(
        svg.contains("国家标准"),
        "the first category label is in the SVG"
    );
}

#[test]
fn png_has_the_scene_size_and_scale_multiplies_it() {
    let (svg_w, svg_h) = svg_size(&render_svg(&["--width", "640"]));
    assert_eq!(svg_w, 640);
    let png = render("chart.png", &["--width", "640"]);
    assert_eq!(png_size(&png), (640, svg_h), "1× PNG is the scene size");
    let png2 = render("chart@2x.png", &["--width", "640", "--scale", "2"]);
    assert_eq!(
        png_size(&png2),
        (1280, 2 * svg_h),
        "--scale 2 doubles both sides"
    );
}

#[test]
fn png_shows_the_bars_and_the_chinese_title() {
    let svg = render_svg(&["--width", "640"]);
    for scale in [1u32, 2] {
        let scale_arg = scale.to_string();
        let png = render("pixels.png", &["--width", "640", "--scale", &scale_arg]);
        let pixmap = Pixmap::decode_png(&png).expect("a decodable PNG");

        // The first bar, read from the same SVG: its centre has the bar colour.
        let bar = common::filled_shapes(&svg)
            .into_iter()
            .find(|s| s.fill.eq_ignore_ascii_case("#4C78A8"))
            .expect("a bar filled #4C78A8 in the SVG");
        let s = f64::from(scale);
        let (cx, cy) = ((bar.x0 + bar.x1) / 2.0 * s, (bar.y0 + bar.y1) / 2.0 * s);
        let got = rgb_at(&pixmap, cx as u32, cy as u32);
        let want = [0x4c, 0x78, 0xa8];
        assert!(
            got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= 3),
            "{scale}×: pixel at the first bar's centre ({cx}, {cy}) is {got:?}, want {want:?}"
        );

        // The title's CJK glyphs are drawn: dark pixels in the top 30 CSS px. Missing
        // fonts make resvg drop the glyphs and this area stays white.
        let top = (30 * scale).min(pixmap.height());
        let dark = (0..top)
            .flat_map(|y| (0..pixmap.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| rgb_at(&pixmap, x, y).iter().all(|&c| c < 0x80))
            .count();
        let need = 100 * (scale * scale) as usize;
        assert!(
            dark > need,
            "{scale}×: only {dark} dark pixels in the title area (need > {need}); \
             are CJK fonts installed (fonts-noto-cjk)?"
        );
    }
}

#[test]
fn check_of_a_bad_spec_exits_1_naming_the_path() {
    let spec = TempFile::new("bad-spec.json");
    std::fs::write(spec.path(), r#"{"data":{"values":[]},"mark":"pie"}"#).expect("write spec");
    let result = stdviz(&["check", &spec.path().to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("mark"), "stderr names the path: {stderr}");
}

#[test]
fn unknown_output_extension_exits_2() {
    let out = TempFile::new("chart.gif");
    let result = stdviz(&["render", &bar_spec(), "-o", &out.path().to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains(".png"),
        "stderr says which formats exist: {stderr}"
    );
    assert!(!out.path().exists(), "nothing written");
}

#[test]
fn usage_errors_exit_2() {
    let out = TempFile::new("chart.png");
    let out = out.path().to_string_lossy().into_owned();
    for args in [
        &[][..],
        &["draw", "x.json"],
        &["render", &bar_spec()],
        &["render", &bar_spec(), "-o", &out, "--scale", "4"],
        &["render", "/nonexistent/spec.json", "-o", &out],
    ] {
        let result = stdviz(args);
        assert_eq!(result.status.code(), Some(2), "stdviz {args:?}");
    }
}

#[test]
fn help_exits_0_and_documents_exit_codes() {
    for flag in ["--help", "-h"] {
        let result = stdviz(&[flag]);
        assert_eq!(result.status.code(), Some(0), "stdviz {flag}");
        let stdout = String::from_utf8_lossy(&result.stdout);
        assert!(stdout.contains("stdviz render"), "{stdout}");
        assert!(stdout.contains("--scale"), "{stdout}");
        assert!(stdout.contains("exit codes"), "{stdout}");
    }
}

/// A stand-in trunk build: the embed script, a glue module and "wasm" bytes, so the
/// bundle can be checked without trunk. Deleted when dropped.
struct FakeDist(PathBuf);

impl FakeDist {
    fn new(wasm: &[u8]) -> Self {
        let dir = temp_path("dist");
        std::fs::create_dir_all(&dir).expect("temp dist");
        std::fs::write(
            dir.join("stdviz.js"),
            "const loader = 1; // the embed script\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("stdviz-0123abcd.js"),
            "export default function init() {}\n",
        )
        .unwrap();
        std::fs::write(dir.join("stdviz-0123abcd_bg.wasm"), wasm).unwrap();
        FakeDist(dir)
    }
}

impl Drop for FakeDist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The text between `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let len = s[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"));
    &s[from..from + len]
}

#[test]
fn bundle_inlines_wasm_glue_specs_and_data_under_a_strict_policy() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let wasm: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let dist = FakeDist::new(&wasm);
    let out = TempFile::new("report.html");
    let bar = bar_spec();
    let donut = common::www()
        .join("specs/standards-by-level-donut.json")
        .to_string_lossy()
        .into_owned();
    let out_str = out.path().to_string_lossy().into_owned();
    let dist_str = dist.0.to_string_lossy().into_owned();
    let args = [
        "bundle",
        &bar,
        &donut,
        "-o",
        &out_str,
        "--dist",
        &dist_str,
        "--title",
        "R&D <报告>",
    ];
    let result = stdviz(&args);
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let html = std::fs::read_to_string(out.path()).expect("bundle written");
    // The size is reported, with the thousands separated.
    let size = html.len().to_string();
    assert!(stdout.contains("2 chart(s)"), "{stdout}");
    assert!(
        stdout.replace(',', "").contains(&format!("{size} bytes")),
        "{stdout} should report {size} bytes"
    );
    assert!(html.contains("<title>R&amp;D &lt;报告&gt;</title>"));

    // The policy forbids every request and allows the inline script and style by hash.
    let csp = between(
        &html,
        "http-equiv=\"Content-Security-Policy\" content=\"",
        "\"",
    );
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("http"),
        "{csp}"
    );
    let hash = |t: &str| {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(t.as_bytes()))
        )
    };
    let loader = between(
        &html,
        "<script type=\"module\" data-stdviz-loader>",
        "</script>",
    );
    assert_eq!(loader, "const loader = 1; // the embed script\n");
    assert!(
        csp.contains(&format!(
            "script-src {} blob: 'wasm-unsafe-eval'",
            hash(loader)
        )),
        "{csp}"
    );
    let style = between(&html, "<style>", "</style>");
    assert!(csp.contains(&format!("style-src {}", hash(style))), "{csp}");

    // The data block: the glue, the wasm bytes and each spec with its data file.
    let block = between(
        &html,
        "<script type=\"application/json\" id=\"stdviz-bundle\">",
        "</script>",
    );
    assert!(!block.contains('<'), "the data block escapes <");
    let data: serde_json::Value = serde_json::from_str(block).expect("data block is JSON");
    assert_eq!(data["stdvizBundle"], 1);
    assert_eq!(data["glue"], "export default function init() {}\n");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(data["wasm"].as_str().unwrap())
        .unwrap();
    assert_eq!(decoded, wasm);
    let charts = data["charts"].as_array().unwrap();
    assert_eq!(charts.len(), 2);
    assert_eq!(
        charts[0]["spec"].as_str().unwrap(),
        std::fs::read_to_string(&bar).unwrap()
    );
    let file = base64::engine::general_purpose::STANDARD
        .decode(
            charts[1]["files"]["data/yangquan-2024.json"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
    assert_eq!(
        file,
        std::fs::read(common::www().join("data/yangquan-2024.json")).unwrap()
    );
    for i in 0..2 {
        assert!(html.contains(&format!("data-stdviz=\"bundle:{i}\"")));
    }
}

#[test]
fn bundle_of_a_bad_spec_exits_1_and_of_a_missing_dist_exits_2() {
    let dist = FakeDist::new(b"\0asm");
    let out = TempFile::new("bad.html");
    let bad = TempFile::new("bad.json");
    std::fs::write(bad.path(), r#"{"data": {"values": []}, "mark": "pie"}"#).unwrap();
    let out_str = out.path().to_string_lossy().into_owned();
    let dist_str = dist.0.to_string_lossy().into_owned();
    let bad_str = bad.path().to_string_lossy().into_owned();
    let r = stdviz(&["bundle", &bad_str, "-o", &out_str, "--dist", &dist_str]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("mark"));
    let bar = bar_spec();
    let r = stdviz(&[
        "bundle",
        &bar,
        "-o",
        &out_str,
        "--dist",
        "/nonexistent/dist",
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("trunk build"));
    let r = stdviz(&["bundle", &bar, "-o", "x.svg"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(!out.path().exists());
}

#[test]
fn check_reads_a_yearbook_csv_and_says_what_it_took_from_it() {
    // A spec beside a corpus file (`--data` gives the file for the spec's data.url).
    let spec = TempFile::new("yearbook.json");
    std::fs::write(
        spec.path(),
        r#"{"width": "container", "data": {"url": "t.csv"}, "mark": "bar",
            "encoding": {"x": {"field": "层级", "type": "nominal"}, "y": {"field": "数量", "type": "quantitative"}}}"#,
    )
    .expect("write the spec");
    let data =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/yearbook/yangquan-2024-utf8.csv");
    let spec_str = spec.path().to_string_lossy().into_owned();
    let data_str = data.to_string_lossy().into_owned();
    let out = stdviz(&["check", &spec_str, "--data", &data_str]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (4 marks)"));
    assert!(
        stderr.contains("data layout: title \"阳泉市19家企事业单位主持或参与制定修订的标准\", unit 项, header on line 4, data to line 8, notes on line 11"),
        "{stderr}"
    );
}
