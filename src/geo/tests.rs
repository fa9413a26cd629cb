//! Decoding tests over SYNTHETIC shapes (made-up squares and lines, no real places).

use super::*;
use serde_json::json;

#[test]
fn shape_text_round_trips() {
    let shape = Shape {
        polygons: vec![vec![
            vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)],
            vec![(2.0, 2.0), (3.0, 2.0), (3.0, 3.0), (2.0, 2.0)],
        ]],
        lines: vec![vec![(-1.25, 0.5), (1.0, 1.0)]],
        points: vec![(0.1234567, -89.0)],
    };
    assert_eq!(Shape::from_text(&shape.to_text()), Some(shape));
    assert_eq!(Shape::from_text("X1,2"), None);
}

#[test]
fn feature_collection_becomes_rows_with_dotted_properties() {
    // SYNTHETIC: two made-up squares.
    let doc = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": 7, "properties": {"name": "a", "n": 1},
         "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}},
        {"type": "Feature", "properties": {"name": "b", "n": 2},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[2,0],[3,0],[3,1],[2,0]]], [[[4,0],[5,0],[5,1],[4,0]]]]}}
    ]});
    assert!(is_geojson(&doc));
    let t = geojson_table(&doc, "data.values", "inline data").unwrap();
    assert_eq!(t.row_count(), 2);
    assert_eq!(t.value("properties.name", 1).to_text(), "b");
    assert_eq!(t.value("properties.n", 0).as_number(), Some(1.0));
    assert_eq!(t.value("id", 0).as_number(), Some(7.0));
    let shape = Shape::from_text(&t.value(GEOMETRY_FIELD, 1).to_text()).unwrap();
    assert_eq!(shape.polygons.len(), 2);
}

#[test]
fn bad_coordinates_name_their_path() {
    let doc = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,"x"]]]}}
    ]});
    let err = geojson_table(&doc, "data.values", "inline data").unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("data.values.features[0].geometry.coordinates[0][1]"),
        "{text}"
    );
}

#[test]
fn topojson_arcs_are_delta_decoded_and_stitched() {
    // SYNTHETIC topology: quantized with scale (0.5, 0.25) and translate (10, 20).
    // Arc 0 deltas (0,0) (4,0) (0,4) sum to (0,0) (4,0) (4,4) → (10,20) (12,20) (12,21);
    // arc 1 deltas (4,4) (-4,0) (0,-4) → (4,4) (0,4) (0,0) → (12,21) (10,21) (10,20).
    let topo = json!({
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0,0],[4,0],[0,4]], [[4,4],[-4,0],[0,-4]]],
        "objects": {"squares": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "s1", "properties": {"k": 1}},
            {"type": "Polygon", "arcs": [[-2, -1]], "id": "s2"}
        ]}}
    });
    let arcs = topojson::decode_arcs(&topo, "t.json").unwrap();
    assert_eq!(arcs[0], vec![(10.0, 20.0), (12.0, 20.0), (12.0, 21.0)]);
    assert_eq!(arcs[1], vec![(12.0, 21.0), (10.0, 21.0), (10.0, 20.0)]);
    let t = topojson_table(&topo, "squares", false, "", "t.json").unwrap();
    assert_eq!(t.row_count(), 2);
    assert_eq!(t.value("properties.k", 0).as_number(), Some(1.0));
    let s1 = Shape::from_text(&t.value(GEOMETRY_FIELD, 0).to_text()).unwrap();
    // The ring joins the arcs, the shared position kept once: 5 positions, closed.
    assert_eq!(
        s1.polygons[0][0],
        vec![
            (10.0, 20.0),
            (12.0, 20.0),
            (12.0, 21.0),
            (10.0, 21.0),
            (10.0, 20.0)
        ]
    );
    // ~1 is arc 1 reversed, then ~0 arc 0 reversed: the same ring the other way round.
    let s2 = Shape::from_text(&t.value(GEOMETRY_FIELD, 1).to_text()).unwrap();
    assert_eq!(
        s2.polygons[0][0],
        vec![
            (10.0, 20.0),
            (10.0, 21.0),
            (12.0, 21.0),
            (12.0, 20.0),
            (10.0, 20.0)
        ]
    );
    // The mesh: each arc once, as lines.
    let mesh = topojson_table(&topo, "squares", true, "", "t.json").unwrap();
    let m = Shape::from_text(&mesh.value(GEOMETRY_FIELD, 0).to_text()).unwrap();
    assert_eq!(m.lines.len(), 2);
}

#[test]
fn topojson_errors_name_the_object_and_arc() {
    let topo = json!({"type": "Topology", "arcs": [[[0,0],[1,1]]],
        "objects": {"a": {"type": "Polygon", "arcs": [[5]]}}});
    let missing = topojson_table(&topo, "b", false, "", "t.json")
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("objects.b") && missing.contains("\"a\""),
        "{missing}"
    );
    let bad = topojson_table(&topo, "a", false, "", "t.json")
        .unwrap_err()
        .to_string();
    assert!(bad.contains("objects.a.arcs[0][0]"), "{bad}");
}
