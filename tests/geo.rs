//! Maps (feature `full`): geoshape over inline GeoJSON/TopoJSON, projections fitted to
//! the view, longitude/latitude points, hit testing, errors. All shapes here are
//! SYNTHETIC (made-up squares; no real places or figures).
#![cfg(feature = "full")]

use stdviz::error::Error;
use stdviz::layout::Viewport;
use stdviz::scene::{Role, Scene, Shapes};
use stdviz::Chart;

/// SYNTHETIC: square "a" (0..10° × 0..10°) with a hole (4..6 × 4..6), and "b", two
/// squares east of it.
const SQUARES: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": 1, "properties": {"name": "a", "n": 3},
   "geometry": {"type": "Polygon", "coordinates": [
     [[0,0],[10,0],[10,10],[0,10],[0,0]],
     [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
  {"type": "Feature", "id": 2, "properties": {"name": "b", "n": 8},
   "geometry": {"type": "MultiPolygon", "coordinates": [
     [[[20,0],[30,0],[30,10],[20,10],[20,0]]],
     [[[40,0],[50,0],[50,10],[40,10],[40,0]]]]}}
]}"#;

fn map_spec(projection: &str, extra_layer: &str) -> String {
    format!(
        r#"{{"description": "synthetic test data", "width": 400, "height": 200,
            "projection": {projection},
            "layer": [
              {{"data": {{"values": {SQUARES}, "format": {{"property": "features"}}}},
                "mark": {{"type": "geoshape", "stroke": "white", "strokeWidth": 0.5}},
                "encoding": {{"color": {{"field": "properties.name", "type": "nominal"}},
                             "tooltip": [{{"field": "properties.n", "type": "quantitative"}}]}}}}
              {extra_layer}
            ]}}"#
    )
}

fn scene(spec: &str) -> Scene {
    let chart = Chart::new(spec, None).unwrap_or_else(|e| panic!("{e}"));
    chart
        .scene(Viewport {
            width: 600.0,
            height: None,
        })
        .unwrap_or_else(|e| panic!("{e}"))
}

fn polygons(scene: &Scene) -> Vec<&Vec<(f32, f32)>> {
    scene
        .groups
        .iter()
        .filter(|g| g.role == Role::Data)
        .flat_map(|g| match &g.shapes {
            Shapes::Polygons { polygons, .. } => polygons.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn each_feature_is_a_filled_path_with_its_item_and_outline() {
    let s = scene(&map_spec(r#"{"type": "equirectangular"}"#, ""));
    let polys = polygons(&s);
    // "a" is one polygon (its hole bridged in), "b" two: three shapes, two items.
    assert_eq!(polys.len(), 3);
    assert_eq!(s.items.len(), 2);
    assert_eq!(s.items[0].label, "a");
    assert_eq!(s.items[1].label, "b");
    assert_eq!(s.items[0].fields[0].1, "3");
    // The outline and hole: 5 + 5 positions, plus the seam back to the start.
    assert_eq!(polys[0].len(), 5 + 5 + 1);
    // Outlines: four rings (a, its hole, b's two squares) stroked white.
    let outlines: usize = s
        .groups
        .iter()
        .filter_map(|g| match &g.shapes {
            Shapes::Paths { paths, .. } if g.role == Role::DataShape => Some(paths.len()),
            _ => None,
        })
        .sum();
    assert_eq!(outlines, 4);
    // Fitted: the shapes span 0..50° × 0..10°, width binds (400 px for 50°), so every
    // vertex lies inside the plot and the extremes touch its left and right edges.
    let plot = s.plot;
    let xs: Vec<f32> = polys.iter().flat_map(|p| p.iter().map(|v| v.0)).collect();
    let min = xs.iter().copied().fold(f32::MAX, f32::min);
    let max = xs.iter().copied().fold(f32::MIN, f32::max);
    assert!((min - plot.x).abs() < 0.5, "{min} vs {}", plot.x);
    assert!(
        (max - (plot.x + plot.width)).abs() < 0.5,
        "{max} vs {plot:?}"
    );
    // SVG: the shapes are drawn.
    let svg = stdviz::svg::to_svg(&s).unwrap();
    assert!(svg.matches("<polygon").count() >= 3, "{svg}");
}

#[test]
fn shapes_are_hit_tested_and_holes_are_empty() {
    let s = scene(&map_spec(r#"{"type": "equirectangular"}"#, ""));
    let polys = polygons(&s);
    // The centre of square a is in its hole; a point between outline and hole is in a.
    let (x0, y0) = polys[0][0]; // (0°, 0°)
    let (x2, y2) = polys[0][2]; // (10°, 10°)
    let at = |fx: f32, fy: f32| (x0 + (x2 - x0) * fx, y0 + (y2 - y0) * fy);
    let (cx, cy) = at(0.5, 0.5);
    assert!(s.hit(cx, cy).is_none(), "the hole is not part of a");
    let (ex, ey) = at(0.2, 0.2);
    let hit = s.hit(ex, ey).expect("a point inside a");
    assert_eq!(s.items[hit.item].label, "a");
}

#[test]
fn points_by_longitude_and_latitude_share_the_projection() {
    // A point at (25°, 5°) lies in the middle of b's first square.
    let layer = r#", {"data": {"values": [{"lon": 25, "lat": 5, "what": "p"}]},
        "mark": "circle",
        "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                     "latitude": {"field": "lat", "type": "quantitative"}}}"#;
    let s = scene(&map_spec(r#"{"type": "mercator"}"#, layer));
    let polys = polygons(&s);
    let square = polys[1];
    let (x, y) = s
        .groups
        .iter()
        .find_map(|g| match &g.shapes {
            Shapes::Points { x, y, .. } => Some((x[0], y[0])),
            _ => None,
        })
        .expect("a point");
    let (xa, xb) = (square[0].0, square[1].0);
    assert!(x > xa && x < xb, "{x} between {xa} and {xb}");
    let (ya, yb) = (square[2].1, square[0].1);
    assert!(y > ya && y < yb, "{y} between {ya} and {yb}");
}

#[test]
fn conic_projections_draw_and_keep_shapes_inside_the_view() {
    for p in [
        r#"{"type": "conicEqualArea", "parallels": [25, 47], "rotate": [-105, 0]}"#,
        r#"{"type": "conicConformal", "parallels": [25, 47], "center": [25, 5]}"#,
        r#"{"type": "equalEarth"}"#,
    ] {
        let s = scene(&map_spec(p, ""));
        let plot = s.plot;
        for poly in polygons(&s) {
            for (x, y) in poly {
                assert!(
                    *x >= plot.x - 0.5
                        && *x <= plot.x + plot.width + 0.5
                        && *y >= plot.y - 0.5
                        && *y <= plot.y + plot.height + 0.5,
                    "{p}: ({x}, {y}) outside {plot:?}"
                );
            }
        }
    }
}

#[test]
fn inline_topojson_draws_its_features() {
    // SYNTHETIC topology: two squares sharing an edge, quantized.
    let spec = r#"{"description": "synthetic test data",
      "data": {"values": {"type": "Topology",
          "transform": {"scale": [1, 1], "translate": [0, 0]},
          "arcs": [[[10,0],[-10,0],[0,10],[10,0]], [[10,0],[0,10]], [[10,10],[10,0],[0,-10],[-10,0]]],
          "objects": {"tiles": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, -2]], "properties": {"name": "west"}},
            {"type": "Polygon", "arcs": [[1, 2]], "properties": {"name": "east"}}]}}},
        "format": {"type": "topojson", "feature": "tiles"}},
      "mark": "geoshape",
      "encoding": {"color": {"field": "properties.name", "type": "nominal"}}}"#;
    let s = scene(spec);
    assert_eq!(polygons(&s).len(), 2);
    let labels: Vec<&str> = s.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["west", "east"]);
}

#[test]
fn errors_name_their_paths() {
    let err = |spec: &str| match Chart::new(spec, None) {
        Err(e) => e,
        Ok(_) => panic!("expected an error: {spec}"),
    };
    let ortho = err(&map_spec(r#"{"type": "orthographic"}"#, ""));
    assert!(
        matches!(&ortho, Error::Spec { path, .. } if path == "projection.type"),
        "{ortho}"
    );
    let bad_center = err(&map_spec(r#"{"type": "mercator", "center": [1]}"#, ""));
    assert!(
        bad_center.to_string().contains("projection.center"),
        "{bad_center}"
    );
    let no_object = err(
        r#"{"data": {"values": {"type": "Topology", "arcs": [], "objects": {"a": {"type": "GeometryCollection", "geometries": []}}},
        "format": {"type": "topojson", "feature": "b"}}, "mark": "geoshape"}"#,
    );
    assert!(
        no_object.to_string().contains("data.values.objects.b"),
        "{no_object}"
    );
    let bad_shape = err(r#"{"data": {"values": {"type": "Feature", "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1]]]}}}, "mark": "geoshape"}"#);
    assert!(
        bad_shape
            .to_string()
            .contains("data.values.geometry.coordinates[0][1]"),
        "{bad_shape}"
    );
}
