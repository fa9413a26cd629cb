//! The canvas path in a real browser (headless Chromium via wasm-bindgen-test): a chart
//! mounted by the browser glue draws, through plotters' CanvasBackend, the scene that the
//! core lays out — checked pixel by pixel at the marks' centres.
#![cfg(target_arch = "wasm32")]

use stdviz::layout::Viewport;
use stdviz::scene::{Role, Shapes};
use stdviz::web::ChartView;
use stdviz::Chart;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const BAR: &str = include_str!("../www/specs/standards-by-level-bar.json");
const DONUT: &str = include_str!("../www/specs/standards-by-level-donut.json");
const DATA: &str = include_str!("../www/data/yangquan-2024.json");

/// A container of `width` CSS px attached to the document body.
fn container(width: u32) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    el.style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn canvas_in(el: &HtmlElement) -> HtmlCanvasElement {
    el.query_selector("canvas")
        .unwrap()
        .expect("a canvas")
        .dyn_into()
        .unwrap()
}

/// The 2D context of `canvas`.
fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// The RGBA of the backing-store pixel under CSS point (`x`, `y`).
fn pixel(canvas: &HtmlCanvasElement, x: f32, y: f32) -> [u8; 4] {
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let ctx = context(canvas);
    let data = ctx
        .get_image_data(
            (f64::from(x) * dpr).floor(),
            (f64::from(y) * dpr).floor(),
            1.0,
            1.0,
        )
        .unwrap()
        .data();
    [data[0], data[1], data[2], data[3]]
}

fn assert_close(got: [u8; 4], want: stdviz::color::Color, what: &str) {
    let want = [want.r, want.g, want.b, 255];
    let ok = got
        .iter()
        .zip(want)
        .all(|(g, w)| (i16::from(*g) - i16::from(w)).abs() <= 2);
    assert!(ok, "{what}: pixel {got:?}, expected {want:?}");
}

#[wasm_bindgen_test]
fn bar_chart_pixels_at_bar_centres_have_the_bar_colour() {
    let el = container(640);
    let _view = ChartView::new(
        el.clone(),
        BAR,
        wasm_bindgen::JsValue::from_str(DATA),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    let canvas = canvas_in(&el);
    // The same scene, computed by the core on its own.
    let scene = Chart::new(BAR, Some(DATA))
        .unwrap()
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap();
    let bars = scene.groups_with(Role::Data).next().unwrap();
    let Shapes::Rects {
        x,
        y,
        width,
        height,
        fill,
        ..
    } = &bars.shapes
    else {
        panic!("bars are rects")
    };
    assert_eq!(x.len(), 4);
    for i in 0..4 {
        let (cx, cy) = (x[i] + width[i] / 2.0, y[i] + height[i] / 2.0);
        assert_close(pixel(&canvas, cx, cy), fill.get(i), &format!("bar {i}"));
    }
    // Between the first two bars there is background, not bar.
    let gap = (x[0] + width[0] + x[1]) / 2.0;
    assert_close(
        pixel(&canvas, gap, y[2] + height[2] / 2.0),
        scene.background,
        "gap between bars",
    );
    el.remove();
}

#[wasm_bindgen_test]
fn canvas_backing_store_is_css_size_times_device_pixel_ratio() {
    let el = container(500);
    let _view = ChartView::new(
        el.clone(),
        DONUT,
        wasm_bindgen::JsValue::from_str(DATA),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    let canvas = canvas_in(&el);
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let css_w: f64 = canvas
        .style()
        .get_property_value("width")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    let css_h: f64 = canvas
        .style()
        .get_property_value("height")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert_eq!(css_w, 500.0);
    assert_eq!(f64::from(canvas.width()), (css_w * dpr).round());
    assert_eq!(f64::from(canvas.height()), (css_h * dpr).round());
    assert_eq!(
        el.get_attribute("data-stdviz-state").as_deref(),
        Some("rendered")
    );
    el.remove();
}

#[wasm_bindgen_test]
fn donut_slices_are_drawn_in_their_colours_and_the_hole_is_empty() {
    let el = container(640);
    let view = ChartView::new(
        el.clone(),
        DONUT,
        wasm_bindgen::JsValue::from_str(DATA),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    let canvas = canvas_in(&el);
    let scene = Chart::new(DONUT, Some(DATA))
        .unwrap()
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap();
    let Shapes::Arcs {
        cx,
        cy,
        inner,
        outer,
        start,
        end,
        fill,
        ..
    } = &scene.groups_with(Role::Data).next().unwrap().shapes
    else {
        panic!("slices are arcs")
    };
    for i in 0..start.len() {
        let a = (start[i] + end[i]) / 2.0 - std::f32::consts::FRAC_PI_2;
        let r = (inner + outer) / 2.0;
        assert_close(
            pixel(&canvas, cx + r * a.cos(), cy + r * a.sin()),
            fill.get(i),
            &format!("slice {i}"),
        );
    }
    assert_close(pixel(&canvas, *cx, *cy), scene.background, "donut hole");
    assert_eq!(view.mark_count(), 4);
    el.remove();
}

#[wasm_bindgen_test]
fn hit_test_finds_the_bar_under_a_point() {
    let el = container(640);
    let view = ChartView::new(
        el.clone(),
        BAR,
        wasm_bindgen::JsValue::from_str(DATA),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    let scene = Chart::new(BAR, Some(DATA))
        .unwrap()
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap();
    let Shapes::Rects {
        x,
        y,
        width,
        height,
        ..
    } = &scene.groups_with(Role::Data).next().unwrap().shapes
    else {
        panic!()
    };
    let hit = view.hit_test(x[3] + width[3] / 2.0, y[3] + height[3] / 2.0);
    let label = js_sys::Reflect::get(&hit, &"label".into())
        .unwrap()
        .as_string();
    let value = js_sys::Reflect::get(&hit, &"value".into())
        .unwrap()
        .as_f64();
    assert_eq!(label.as_deref(), Some("市级地方标准"));
    assert_eq!(value, Some(63.0));
    assert!(view.hit_test(1.0, 1.0).is_undefined());
    el.remove();
}

#[wasm_bindgen_test]
fn several_data_urls_are_read_from_a_map() {
    let el = container(640);
    let spec = r#"{"layer":[
      {"data":{"url":"a.json"},"mark":"bar","encoding":{"x":{"field":"k","type":"nominal"},"y":{"field":"n","type":"quantitative"}}},
      {"data":{"url":"b.csv"},"mark":"rule","encoding":{"y":{"field":"n","type":"quantitative"}}}]}"#;
    assert_eq!(
        stdviz::web::data_urls(spec).unwrap(),
        vec!["a.json".to_string(), "b.csv".to_string()]
    );
    let map = js_sys::Object::new();
    js_sys::Reflect::set(
        &map,
        &"a.json".into(),
        &r#"[{"k":"国家标准","n":80}]"#.into(),
    )
    .unwrap();
    js_sys::Reflect::set(&map, &"b.csv".into(), &"n\n50\n".into()).unwrap();
    let view = ChartView::new(
        el.clone(),
        spec,
        map.into(),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(view.mark_count(), 1);
    el.remove();
}

#[wasm_bindgen_test]
fn a_bad_spec_throws_an_error_naming_its_path_and_adds_nothing() {
    let el = container(400);
    let err = ChartView::new(
        el.clone(),
        r#"{"data":{"values":[]},"mark":"pie"}"#,
        wasm_bindgen::JsValue::UNDEFINED,
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .err()
    .expect("an error");
    let msg: String = err.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert_eq!(
        msg,
        "spec error at mark: expected one of bar, line, area, point, circle, square, arc, text, rule, tick, rect, trail, geoshape, found \"pie\""
    );
    assert!(el.query_selector("canvas").unwrap().is_none());
    el.remove();
}

#[wasm_bindgen_test]
fn gbk_csv_is_decoded_by_the_browser() {
    stdviz::web::start();
    // 国家标准,80 as GBK bytes (what Excel on Chinese Windows writes).
    let mut bytes: Vec<u8> = b"level,count\r\n".to_vec();
    bytes.extend([0xB9, 0xFA, 0xBC, 0xD2, 0xB1, 0xEA, 0xD7, 0xBC]);
    bytes.extend(b",80\r\n");
    let d = stdviz::table::encoding::decode(&bytes);
    assert_eq!(d.encoding, "gb18030");
    assert!(d.text.contains("国家标准"), "{}", d.text);
    assert!(!d.replaced);
}

/// Resolves after the next animation frame (when the glue has redrawn).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn pointer(kind: &str, x: f64, y: f64) -> web_sys::PointerEvent {
    let init = web_sys::PointerEventInit::new();
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_bubbles(true);
    init.set_pointer_type("mouse");
    init.set_pointer_id(1);
    web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap()
}

/// Moves the mouse to CSS point (`x`, `y`) of `canvas`, then waits for the next frame.
async fn hover_at(canvas: &HtmlCanvasElement, x: f32, y: f32) {
    let r = canvas.get_bounding_client_rect();
    canvas
        .dispatch_event(&pointer(
            "pointermove",
            r.left() + f64::from(x),
            r.top() + f64::from(y),
        ))
        .unwrap();
    next_frame().await;
}

#[wasm_bindgen_test]
async fn hovering_a_bar_shows_its_tooltip_and_dims_the_other_bars() {
    let el = container(640);
    let view = ChartView::new(
        el.clone(),
        BAR,
        wasm_bindgen::JsValue::from_str(DATA),
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    let canvas = canvas_in(&el);
    let scene = Chart::new(BAR, Some(DATA))
        .unwrap()
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap();
    let (x0, y0, c0) = scene.mark_anchor(0).unwrap();
    let (x1, y1, c1) = scene.mark_anchor(1).unwrap();
    hover_at(&canvas, x0, y0).await;
    let tip: HtmlElement = el
        .query_selector(".stdviz-tooltip")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(tip.style().get_property_value("display").unwrap(), "block");
    let text = tip.text_content().unwrap();
    assert!(
        text.contains("国家标准") && text.contains("80 项"),
        "{text}"
    );
    // The hovered bar keeps its colour; the next one is faded towards the background.
    assert_close(pixel(&canvas, x0, y0), c0, "hovered bar");
    let faded = pixel(&canvas, x1, y1);
    assert!(
        faded[0] > c1.r.saturating_add(60) || faded[1] > c1.g.saturating_add(60),
        "other bar dimmed: {faded:?} vs {c1}"
    );
    // Leaving restores everything.
    canvas
        .dispatch_event(&pointer("pointerleave", 0.0, 0.0))
        .unwrap();
    next_frame().await;
    assert_eq!(tip.style().get_property_value("display").unwrap(), "none");
    assert_close(pixel(&canvas, x1, y1), c1, "other bar restored");
    drop(view);
    el.remove();
}

#[wasm_bindgen_test]
fn host_limits_apply_and_unknown_limit_keys_are_refused() {
    let el = container(400);
    let options = js_sys::JSON::parse(r#"{"limits":{"maxMarks":2}}"#).unwrap();
    let err = ChartView::new(
        el.clone(),
        BAR,
        wasm_bindgen::JsValue::from_str(DATA),
        options,
    )
    .err()
    .expect("4 bars exceed maxMarks 2");
    let msg: String = err.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.contains('2'), "{msg}");
    let typo = js_sys::JSON::parse(r#"{"limits":{"maxMark":2}}"#).unwrap();
    let err = ChartView::new(el.clone(), BAR, wasm_bindgen::JsValue::from_str(DATA), typo)
        .err()
        .expect("unknown key");
    let msg: String = err.dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(msg.starts_with("options.limits"), "{msg}");
    let roomy = js_sys::JSON::parse(r#"{"limits":{"maxMarks":10}}"#).unwrap();
    let view = ChartView::new(
        el.clone(),
        BAR,
        wasm_bindgen::JsValue::from_str(DATA),
        roomy,
    )
    .unwrap();
    assert_eq!(view.mark_count(), 4);
    el.remove();
}

/// The pixels of `scene` drawn at `scale` onto a new canvas through `backend`'s kind.
fn drawn_pixels(scene: &stdviz::scene::Scene, batched: bool) -> Vec<u8> {
    use stdviz::render::{draw, RenderOptions, TextConvention};
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (scene.width.ceil() as u32, scene.height.ceil() as u32);
    canvas.set_width(w);
    canvas.set_height(h);
    let options = RenderOptions {
        scale: 1.0,
        text: TextConvention::Pixels,
    };
    if batched {
        let mut b = stdviz::web::canvas::BatchedCanvas::new(&canvas).unwrap();
        draw(&mut b, scene, &options).unwrap();
    } else {
        let mut b = plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()).unwrap();
        draw(&mut b, scene, &options).unwrap();
    }
    let ctx = context(&canvas);
    ctx.get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap()
        .data()
        .0
}

/// The batched backend draws what plotters' CanvasBackend draws, shape by shape: the
/// same pixels except along anti-aliased edges that merged fills no longer overlap and
/// in the columns of long lines it thins (a few per mille of the pixels at most).
#[wasm_bindgen_test]
fn batched_canvas_draws_the_pixels_of_canvas_backend() {
    // A line of 3,000 points (several per pixel column), translucent overlapping points,
    // bars and a donut: every batching rule and the line thinning.
    let wave: Vec<String> = (0..3000)
        .map(|i| {
            let v = ((i as f64) * 0.37).sin() * 40.0 + ((i as f64) * 0.011).cos() * 25.0;
            format!(r#"{{"i":{i},"v":{v:.3},"g":"{}"}}"#, ["a", "b", "c"][i % 3])
        })
        .collect();
    let values = format!("[{}]", wave.join(","));
    let line = format!(
        r#"{{"data":{{"values":{values}}},"mark":"line","width":500,"height":200,
        "encoding":{{"x":{{"field":"i","type":"quantitative"}},"y":{{"field":"v","type":"quantitative"}}}}}}"#
    );
    let points = format!(
        r#"{{"data":{{"values":{values}}},"mark":{{"type":"point","filled":true,"opacity":0.5}},"width":500,"height":200,
        "encoding":{{"x":{{"field":"i","type":"quantitative"}},"y":{{"field":"v","type":"quantitative"}},"color":{{"field":"g"}}}}}}"#
    );
    // Unaggregated bars of one category overlap: translucent fills must not merge.
    let overlapping = r#"{"data":{"values":[{"k":"a","v":3},{"k":"a","v":5},{"k":"a","v":8},
        {"k":"b","v":2},{"k":"b","v":6}]},"mark":{"type":"bar","opacity":0.5},"width":300,"height":200,
        "encoding":{"x":{"field":"k","type":"nominal"},"y":{"field":"v","type":"quantitative","stack":null}}}"#;
    let yq = |spec: &str| Chart::with_files(spec, &|_| Some(DATA.as_bytes().to_vec())).unwrap();
    let charts = [
        ("line", Chart::new(&line, None).unwrap()),
        ("points", Chart::new(&points, None).unwrap()),
        ("overlapping bars", Chart::new(overlapping, None).unwrap()),
        ("bar", yq(BAR)),
        ("donut", yq(DONUT)),
    ];
    for (name, chart) in charts {
        let scene = chart
            .scene(Viewport {
                width: 600.0,
                height: None,
            })
            .unwrap();
        let (a, b) = (drawn_pixels(&scene, false), drawn_pixels(&scene, true));
        assert_eq!(a.len(), b.len());
        let pixels = a.len() / 4;
        let differ = a
            .chunks(4)
            .zip(b.chunks(4))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
            .count();
        assert!(
            differ * 1000 <= pixels * 5,
            "{name}: {differ} of {pixels} pixels differ"
        );
        // And the picture is not empty: the test would pass for two blank canvases.
        let inked = b.chunks(4).filter(|p| p[0] < 200 || p[1] < 200).count();
        assert!(inked > pixels / 200, "{name}: only {inked} pixels inked");
    }
}

/// Over `stdviz::interact::DIM_MAX_MARKS` marks, hover rings the point over a copy of
/// the plain picture: the ring appears, the other points keep their colour, and leaving
/// restores the picture exactly.
#[wasm_bindgen_test]
async fn hovering_a_large_chart_rings_the_point_over_the_unchanged_picture() {
    // Synthetic points on a grid (test data, not published figures).
    let n = stdviz::interact::DIM_MAX_MARKS + 500;
    let values: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"x":{},"y":{}}}"#, i % 100, i / 100))
        .collect();
    let spec = format!(
        r#"{{"data":{{"values":[{}]}},"mark":{{"type":"point","filled":true}},"height":300,
        "encoding":{{"x":{{"field":"x","type":"quantitative"}},"y":{{"field":"y","type":"quantitative"}}}}}}"#,
        values.join(",")
    );
    let el = container(640);
    let view = ChartView::new(
        el.clone(),
        &spec,
        wasm_bindgen::JsValue::UNDEFINED,
        wasm_bindgen::JsValue::UNDEFINED,
    )
    .unwrap();
    next_frame().await;
    let canvas = canvas_in(&el);
    let scene = Chart::new(&spec, None)
        .unwrap()
        .scene(Viewport {
            width: 640.0,
            height: None,
        })
        .unwrap();
    let m = 3_050;
    let (x, y, _) = scene.mark_anchor(m).unwrap();
    let b = scene.mark_bounds(m).unwrap();
    // Just outside the point, where the ring is drawn (3 px out), and a far point.
    let (rx, ry) = (b.x - 3.0, y);
    let (fx, fy, _) = scene.mark_anchor(10).unwrap();
    let before_ring = pixel(&canvas, rx, ry);
    let before_far = pixel(&canvas, fx, fy);
    assert!(
        before_far[0] < 200,
        "a point is drawn there: {before_far:?}"
    );
    hover_at(&canvas, x, y).await;
    let ring = pixel(&canvas, rx, ry);
    assert!(
        ring[..3]
            .iter()
            .zip(&before_ring[..3])
            .any(|(a, b)| a.abs_diff(*b) > 60),
        "a ring next to the hovered point: {ring:?} was {before_ring:?}"
    );
    assert_eq!(
        pixel(&canvas, fx, fy),
        before_far,
        "a far point keeps its colour"
    );
    canvas
        .dispatch_event(&pointer("pointerleave", 0.0, 0.0))
        .unwrap();
    next_frame().await;
    assert_eq!(pixel(&canvas, rx, ry), before_ring, "the ring is gone");
    // Again: now over the copy taken at the first hover.
    hover_at(&canvas, x, y).await;
    assert_eq!(pixel(&canvas, rx, ry), ring, "the same ring again");
    assert_eq!(pixel(&canvas, fx, fy), before_far, "over the same picture");
    drop(view);
    el.remove();
}
