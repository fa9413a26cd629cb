use super::*;
use crate::spec::expr;

const BAR: &str = r#"{
  "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
  "title": {"text": "阳泉市主持或参与制定的标准", "subtitle": "按标准层级", "anchor": "start"},
  "width": "container", "height": 240,
  "data": {"values": [{"level": "国家标准", "count": 80}, {"level": "行业标准", "count": 37}]},
  "mark": {"type": "bar", "cornerRadius": 2},
  "encoding": {
    "x": {"field": "level", "type": "nominal", "sort": null, "axis": {"title": null}},
    "y": {"field": "count", "type": "quantitative", "title": "项"}
  },
  "usermeta": {"stdviz": {"source": "来源:中国质量报", "unit": "项"}}
}"#;

fn unit(spec: &ChartSpec) -> (&Mark, &Encoding) {
    match &spec.view.kind {
        ViewKind::Unit { mark, encoding } => (mark, encoding),
        other => panic!("expected a unit view, got {other:?}"),
    }
}

#[test]
fn parses_a_full_bar_spec() {
    let p = parse(BAR).unwrap();
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let s = &p.spec;
    let (mark, enc) = unit(s);
    assert_eq!(mark.kind, MarkKind::Bar);
    assert_eq!(mark.corner_radius, 2.0);
    assert_eq!(s.width, Size::Container);
    assert_eq!(s.height, Size::Fixed(240.0));
    let t = s.title.as_ref().unwrap();
    assert_eq!(t.anchor, Anchor::Start);
    assert_eq!(t.subtitle.as_deref(), Some("按标准层级"));
    let x = enc.field(Channel::X).unwrap();
    assert_eq!(x.sort, Sort::DataOrder);
    assert_eq!(x.axis.as_ref().unwrap().title, Some(None));
    assert_eq!(
        enc.field(Channel::Y).unwrap().title,
        Some(Some("项".into()))
    );
    assert_eq!(s.meta.unit.as_deref(), Some("项"));
    match &s.view.data {
        Some(DataSource::Inline(t)) => assert_eq!(t.row_count(), 2),
        other => panic!("expected inline data, got {other:?}"),
    }
}

#[test]
fn string_mark_and_string_title_get_vega_lite_defaults() {
    let p = parse(r#"{"title":"T","data":{"values":[]},"mark":"arc","encoding":{"theta":{"field":"n","type":"quantitative"}}}"#).unwrap();
    assert_eq!(p.spec.title.as_ref().unwrap().anchor, Anchor::Middle);
    assert_eq!(unit(&p.spec).0.inner_radius, 0.0);
    assert_eq!(p.spec.width, Size::Default);
}

#[test]
fn url_data_keeps_format_property_and_detects_csv_by_extension() {
    let p = parse(r#"{"data":{"url":"data/y.json","format":{"type":"json","property":"standards"}},"mark":"arc","encoding":{"theta":{"field":"n","type":"quantitative"}}}"#).unwrap();
    assert_eq!(
        p.spec.view.data,
        Some(DataSource::Url {
            url: "data/y.json".into(),
            format: DataFormat::Json {
                property: Some("standards".into()),
                flatten: Vec::new(),
            },
            parse: vec![]
        })
    );
    let p = parse(r#"{"data":{"url":"t.csv","format":{"parse":{"n":"number","d":"date:'%Y-%m'","s":null}}},"mark":"bar","encoding":{"x":{"field":"n","type":"quantitative"}}}"#).unwrap();
    match p.spec.view.data {
        Some(DataSource::Url { format, parse, .. }) => {
            assert_eq!(
                format,
                DataFormat::Delimited {
                    delimiter: Some(b',')
                }
            );
            assert_eq!(
                parse,
                vec![
                    ("n".into(), ParseAs::Number),
                    ("d".into(), ParseAs::DateFormat("%Y-%m".into())),
                    ("s".into(), ParseAs::Text)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inline_csv_text_needs_a_format_type() {
    let e = parse(r#"{"data":{"values":"a,b\n1,2"},"mark":"bar","encoding":{"x":{"field":"a","type":"quantitative"}}}"#).unwrap_err();
    assert!(
        e.to_string().starts_with("spec error at data.format.type"),
        "{e}"
    );
    let p = parse(r#"{"data":{"values":"a,b\n1,2","format":{"type":"csv"}},"mark":"bar","encoding":{"x":{"field":"a","type":"quantitative"}}}"#).unwrap();
    assert!(matches!(
        p.spec.view.data,
        Some(DataSource::InlineText { .. })
    ));
}

fn err(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn unknown_mark_names_path_and_choices() {
    assert_eq!(
        err(r#"{"data":{"values":[]},"mark":"pie"}"#),
        "spec error at mark: expected one of bar, line, area, point, circle, square, arc, text, rule, tick, rect, trail, geoshape, found \"pie\""
    );
}

#[test]
fn bad_type_names_channel_path() {
    assert_eq!(
        err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"banana"}}}"#),
        "spec error at encoding.x.type: expected one of nominal, ordinal, quantitative, temporal, found \"banana\""
    );
}

#[test]
fn missing_type_defaults_like_vega_lite_with_a_warning() {
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a"},"y":{"field":"n","scale":{"type":"log"}}}}"#).unwrap();
    let (_, enc) = unit(&p.spec);
    assert_eq!(enc.field(Channel::X).unwrap().ty, FieldType::Nominal);
    assert_eq!(enc.field(Channel::Y).unwrap().ty, FieldType::Quantitative);
    let paths: Vec<&str> = p.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, vec!["encoding.x.type", "encoding.y.type"]);
}

#[test]
fn unsupported_vega_lite_property_is_an_error_with_path() {
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","selection":{},"encoding":{"x":{"field":"a","type":"nominal"}}}"#).starts_with("spec error at selection: expected a property stdviz supports"));
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"color":{"field":"a","type":"nominal","impute":{}}}}"#).starts_with("spec error at encoding.color.impute"));
    assert!(err(r#"{"data":{"values":[]},"layer":[{"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"angle":{"field":"b","type":"nominal"}}}]}"#)
        .starts_with("spec error at layer[0].encoding.angle"));
}

#[test]
fn unknown_property_is_a_warning_with_path() {
    let p = parse(r#"{"data":{"values":[]},"mark":{"type":"arc","innerRadus":50},"encoding":{"theta":{"field":"n","type":"quantitative"}}}"#).unwrap();
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].path, "mark.innerRadus");
}

#[test]
fn bad_colour_and_opacity_name_their_paths() {
    assert!(
        err(r##"{"data":{"values":[]},"mark":{"type":"bar","color":"#12"}}"##)
            .starts_with("spec error at mark.color")
    );
    assert!(
        err(r#"{"data":{"values":[]},"mark":{"type":"bar","opacity":3}}"#)
            .starts_with("spec error at mark.opacity")
    );
}

#[test]
fn syntax_error_reports_line_and_column() {
    let e = err("{\n  \"mark\": bar\n}");
    assert!(e.contains("line 2 column"), "{e}");
}

#[test]
fn sort_forms() {
    use serde_json::json;
    assert_eq!(
        parse_sort(&json!("-y"), "s").unwrap(),
        Sort::ByChannel {
            channel: Channel::Y,
            descending: true
        }
    );
    assert_eq!(
        parse_sort(&json!(["b", "a"]), "s").unwrap(),
        Sort::Explicit(vec!["b".into(), "a".into()])
    );
    assert_eq!(
        parse_sort(
            &json!({"field": "n", "op": "mean", "order": "descending"}),
            "s"
        )
        .unwrap(),
        Sort::ByField {
            field: Some("n".into()),
            op: AggregateOp::Mean,
            descending: true
        }
    );
    assert!(parse_sort(&json!("sideways"), "s").is_err());
    assert!(parse_sort(&json!([{}]), "s")
        .unwrap_err()
        .to_string()
        .contains("s[0]"));
}

#[test]
fn data_needs_values_or_url_somewhere() {
    assert!(
        err(r#"{"data":{},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
            .starts_with("spec error at data: expected \"values\"")
    );
    assert!(
        err(r#"{"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
            .starts_with("spec error at data")
    );
    // Data given to every layer is enough.
    parse(r#"{"layer":[{"data":{"values":[]},"mark":"rule","encoding":{"y":{"datum":5}}}]}"#)
        .unwrap();
}

#[test]
fn sizes_are_bounded_and_steps_accepted() {
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","height":-1,"encoding":{"x":{"field":"a","type":"nominal"}}}"#).starts_with("spec error at height"));
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","width":1e9,"encoding":{"x":{"field":"a","type":"nominal"}}}"#).starts_with("spec error at width"));
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","width":{"step":30},"encoding":{"x":{"field":"a","type":"nominal"}}}"#).unwrap();
    assert_eq!(p.spec.width, Size::Step(30.0));
}

#[test]
fn layer_shares_encoding_with_its_layers() {
    let p = parse(r#"{
      "data": {"values": [{"k": "a", "n": 1}]},
      "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "n", "type": "quantitative"}},
      "layer": [{"mark": "bar"}, {"mark": {"type": "text", "dy": -4}, "encoding": {"text": {"field": "n", "type": "quantitative"}}}]
    }"#).unwrap();
    let ViewKind::Layer { layers, .. } = &p.spec.view.kind else {
        panic!()
    };
    assert_eq!(layers.len(), 2);
    for l in layers {
        let ViewKind::Unit { encoding, .. } = &l.kind else {
            panic!()
        };
        assert!(encoding.field(Channel::X).is_some() && encoding.field(Channel::Y).is_some());
    }
    let ViewKind::Unit { mark, encoding } = &layers[1].kind else {
        panic!()
    };
    assert_eq!(mark.dy, -4.0);
    assert!(encoding.field(Channel::Text).is_some());
}

#[test]
fn concat_and_facet_views() {
    let p = parse(r#"{"data":{"values":[]},"hconcat":[{"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}},{"mark":"arc","encoding":{"theta":{"field":"n","type":"quantitative"}}}]}"#).unwrap();
    assert!(
        matches!(&p.spec.view.kind, ViewKind::Concat { direction: Direction::Horizontal, views, .. } if views.len() == 2)
    );
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"n","type":"quantitative"},"column":{"field":"year","type":"ordinal"}}}"#).unwrap();
    assert!(
        matches!(&p.spec.view.kind, ViewKind::Facet { column: Some(c), row: None, .. } if c.field == "year")
    );
    let p = parse(r#"{"data":{"values":[]},"facet":{"row":{"field":"r","type":"nominal"}},"spec":{"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}}"#).unwrap();
    assert!(matches!(
        &p.spec.view.kind,
        ViewKind::Facet { row: Some(_), .. }
    ));
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","layer":[]}"#)
        .contains("expected one of \"mark\", \"layer\""));
}

#[test]
fn channel_forms_value_datum_tooltip_detail() {
    let p = parse(r##"{"data":{"values":[]},"mark":"rule","encoding":{
      "y":{"datum":50},"color":{"value":"#e45756"},"size":{"value":2},
      "tooltip":[{"field":"a","type":"nominal"},{"field":"n","type":"quantitative","format":",.0f"}],
      "detail":{"field":"g","type":"nominal"}}}"##).unwrap();
    let (_, enc) = unit(&p.spec);
    assert_eq!(
        enc.get(Channel::Y),
        Some(&ChannelDef::Datum(ConstValue::Number(50.0)))
    );
    assert_eq!(
        enc.get(Channel::Color),
        Some(&ChannelDef::Value(ConstValue::Text("#e45756".into())))
    );
    assert_eq!(enc.tooltip.as_ref().map(Vec::len), Some(2));
    assert_eq!(enc.detail.len(), 1);
    assert!(
        err(r#"{"data":{"values":[]},"mark":"rule","encoding":{"color":{"value":"nope"}}}"#)
            .starts_with("spec error at encoding.color.value")
    );
}

#[test]
fn field_properties_bin_timeunit_stack_scale_axis_legend_format() {
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{
      "x":{"field":"d","type":"temporal","timeUnit":"yearmonth","axis":{"format":"%Y-%m","labelAngle":-90,"tickCount":5,"grid":false}},
      "y":{"field":"n","type":"quantitative","aggregate":"median","stack":"normalize","scale":{"type":"sqrt","zero":false,"nice":false,"domain":[0,100]}},
      "color":{"field":"k","type":"nominal","scale":{"scheme":"dark2"},"legend":{"orient":"bottom","title":null}},
      "size":{"field":"m","bin":{"maxbins":20}}}}"#).unwrap();
    let (_, enc) = unit(&p.spec);
    let x = enc.field(Channel::X).unwrap();
    assert_eq!(x.time_unit, TimeUnit::from_name("yearmonth"));
    let ax = x.axis.as_ref().unwrap();
    assert_eq!(
        (ax.format.as_deref(), ax.label_angle, ax.tick_count, ax.grid),
        (Some("%Y-%m"), Some(-90.0), Some(5), Some(false))
    );
    let y = enc.field(Channel::Y).unwrap();
    assert_eq!(
        (
            y.aggregate,
            y.stack,
            y.scale.ty,
            y.scale.zero,
            y.scale.domain_numbers
        ),
        (
            Some(AggregateOp::Median),
            Some(Stack::Normalize),
            Some(ScaleType::Sqrt),
            Some(false),
            Some((0.0, 100.0))
        )
    );
    let c = enc.field(Channel::Color).unwrap();
    assert_eq!(c.scale.scheme.as_deref(), Some("dark2"));
    assert_eq!(
        c.legend.as_ref().unwrap().orient,
        Some(LegendOrient::Bottom)
    );
    let s = enc.field(Channel::Size).unwrap();
    assert_eq!(
        s.bin,
        Some(Bin {
            maxbins: 20,
            ..Bin::default()
        })
    );
    assert_eq!(s.ty, FieldType::Quantitative);
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"color":{"field":"k","type":"nominal","scale":{"scheme":"rainbowz"}}}}"#).starts_with("spec error at encoding.color.scale.scheme"));
}

#[test]
fn transforms_parse_with_paths() {
    let p = parse(r#"{"data":{"values":[]},"transform":[
      {"filter":{"and":[{"field":"level","oneOf":["国家标准","行业标准"]},{"not":{"field":"n","lt":5}},{"field":"y","range":[2019,null]}]}},
      {"calculate":"datum.n * 100 / datum['总数']","as":"pct"},
      {"fold":["a","b"],"as":["kind","n"]},
      {"aggregate":[{"op":"sum","field":"n","as":"total"}],"groupby":["kind"]},
      {"window":[{"op":"rank","as":"r"}],"sort":[{"field":"total","order":"descending"}]},
      {"filter":{"field":"r","lte":3}},
      {"joinaggregate":[{"op":"sum","field":"total","as":"all"}]}
    ],"mark":"bar","encoding":{"x":{"field":"kind","type":"nominal"}}}"#).unwrap();
    let t = &p.spec.view.transform;
    assert_eq!(t.len(), 7);
    assert!(matches!(&t[1], Transform::Calculate { as_name, .. } if as_name == "pct"));
    assert!(matches!(&t[2], Transform::Fold { as_names, .. } if as_names.0 == "kind"));
    // Expression filters are supported, and calls of the functions stdviz evaluates; an
    // unknown function is an error at the filter's path.
    assert!(parse(r#"{"data":{"values":[]},"transform":[{"filter":"year(datum.x) > 2"}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#).is_ok());
    assert!(err(r#"{"data":{"values":[]},"transform":[{"filter":"yr(datum.x) > 2"}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
        .starts_with("spec error at transform[0].filter"));
    assert!(err(r#"{"data":{"values":[]},"transform":[{"calculate":"datum.a ^ 2","as":"b"}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
        .starts_with("spec error at transform[0].calculate: expected an operator"));
    // A pivot needs its value field; a transform stdviz does not know names the choices.
    assert!(err(r#"{"data":{"values":[]},"transform":[{"pivot":"a"}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
        .starts_with("spec error at transform[0].value"));
    assert!(err(r#"{"data":{"values":[]},"transform":[{"sample":2}],"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}}}"#)
        .starts_with("spec error at transform[0]: expected one of filter"));
    // A data view's leading flatten goes to its JSON reader (here: a URL's format).
    let p = parse(r#"{"data":{"url":"d.json"},"transform":[{"flatten":["a","b"],"as":["x"]},{"flatten":["c"]},{"filter":"true"}],"mark":"bar","encoding":{"x":{"field":"x","type":"nominal"}}}"#).unwrap();
    match &p.spec.view.data {
        Some(DataSource::Url {
            format: DataFormat::Json { flatten, .. },
            ..
        }) => assert_eq!(
            flatten,
            &vec![
                vec![("a".to_string(), "x".to_string()), ("b".into(), "b".into())],
                vec![("c".into(), "c".into())]
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(p.spec.view.transform.len(), 1);
}

#[test]
fn expressions_respect_precedence() {
    let e = expr::parse_expr("1 + datum.a * 2", "p").unwrap();
    assert_eq!(
        e,
        Expr::Binary(
            Box::new(Expr::Number(1.0)),
            BinOp::Add,
            Box::new(Expr::Binary(
                Box::new(Expr::Field("a".into())),
                BinOp::Mul,
                Box::new(Expr::Number(2.0))
            ))
        )
    );
    assert!(expr::parse_expr("(datum.a", "p").is_err());
    assert!(expr::parse_expr("datum.a datum.b", "p").is_err());
}

#[test]
fn config_and_autosize() {
    let p = parse(r##"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"}},
      "autosize":{"type":"fit","contains":"padding"},
      "config":{"font":"Noto Sans CJK SC","background":"#fafafa","mark":{"color":"#333"},"axis":{"grid":false,"labelFontSize":11},"range":{"category":["#111","#222"]},"view":{"stroke":null}}}"##).unwrap();
    let c = &p.spec.config;
    assert_eq!(c.font.as_deref(), Some("Noto Sans CJK SC"));
    assert_eq!(c.axis_grid, Some(false));
    assert_eq!(c.category_colors.as_ref().map(Vec::len), Some(2));
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","autosize":"squeeze","encoding":{"x":{"field":"a","type":"nominal"}}}"#).starts_with("spec error at autosize"));
}

#[test]
fn news_forms_parse_with_defaults_and_errors_name_their_paths() {
    let base = r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"n","type":"quantitative"}},"usermeta":{"stdviz":{"form":FORM}}}"#;
    let p = parse(&base.replace("FORM", r#"{"type":"waffle"}"#)).unwrap();
    assert_eq!(
        p.spec.meta.form,
        Some(NewsForm::Waffle {
            columns: 20,
            per_square: 1.0
        })
    );
    let p = parse(&base.replace(
        "FORM",
        r#"{"type":"cards","label":"m","unit":"u","delta":"d"}"#,
    ))
    .unwrap();
    assert_eq!(
        p.spec.meta.form,
        Some(NewsForm::Cards {
            label: Some("m".into()),
            unit: Some("u".into()),
            delta: Some("d".into())
        })
    );
    assert!(
        err(&base.replace("FORM", r#"{"type":"waffle","columns":0}"#))
            .starts_with("spec error at usermeta.stdviz.form.columns")
    );
    assert!(err(&base.replace("FORM", r#"{"type":"sparkline"}"#))
        .starts_with("spec error at usermeta.stdviz.form.type"));
}

#[test]
fn label_angles_and_legend_orients_outside_what_is_drawn_are_errors_or_warnings() {
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal","axis":{"labelAngle":-45}}}}"#)
        .starts_with("spec error at encoding.x.axis.labelAngle: expected 0, 90, -90 or 270"));
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"color":{"field":"a","type":"nominal","legend":{"orient":"middle"}}}}"#)
        .starts_with("spec error at encoding.color.legend.orient: expected one of right, bottom"));
    // Vega-Lite's other orients are drawn at the nearer of stdviz's two places, with a warning.
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},"color":{"field":"a","type":"nominal","legend":{"orient":"top"}}}}"#).unwrap();
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert_eq!(p.warnings[0].path, "encoding.color.legend.orient");
    if let ViewKind::Unit { encoding, .. } = &p.spec.view.kind {
        let orient = encoding
            .field(Channel::Color)
            .and_then(|f| f.legend.as_ref())
            .and_then(|l| l.orient);
        assert_eq!(orient, Some(LegendOrient::Bottom));
    } else {
        panic!("a unit view");
    }
}

#[test]
fn number_formats_outside_the_subset_are_errors_time_formats_are_not() {
    assert!(err(r#"{"data":{"values":[]},"mark":"bar","encoding":{"y":{"field":"n","type":"quantitative","axis":{"format":"N.NN"}}}}"#)
        .starts_with("spec error at encoding.y.axis.format: expected a d3-format specifier"));
    assert!(err(r#"{"data":{"values":[]},"mark":"text","encoding":{"text":{"field":"n","type":"quantitative","format":"x"}}}"#)
        .starts_with("spec error at encoding.text.format"));
    parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"d","type":"temporal","axis":{"format":"%Y年"}}}}"#).unwrap();
}

#[test]
fn legend_bound_point_selections_and_interval_selections_are_accepted_and_misuse_named() {
    let ok = r#"{"data":{"values":[]},"mark":"bar","params":[{"name":"s","select":{"type":"point","fields":["b"]},"bind":"legend"}],"encoding":{"x":{"field":"a","type":"nominal"},"color":{"field":"b","type":"nominal"}}}"#;
    assert!(parse(ok).unwrap().warnings.is_empty());
    // Since selections are read (issue #18), an interval without a binding is a chart
    // (over the bars' band x and continuous y).
    let p = parse(
        r#"{"data":{"values":[]},"mark":"bar","params":[{"name":"s","select":"interval"}],"encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"n","type":"quantitative"}}}"#,
    )
    .unwrap();
    assert_eq!(p.spec.params.len(), 1);
    let e = err(
        r#"{"data":{"values":[]},"mark":"bar","params":[{"name":"s","select":{"type":"interval"},"bind":"legend"}],"encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"n","type":"quantitative"}}}"#,
    );
    assert!(e.starts_with("spec error at params[0].bind"), "{e}");
    let e = err(
        r#"{"data":{"values":[]},"mark":"bar","params":[{"name":"s","select":{"type":"brush"}}],"encoding":{"x":{"field":"a","type":"nominal"}}}"#,
    );
    assert!(e.starts_with("spec error at params[0].select.type"), "{e}");
    let e = err(
        r#"{"data":{"values":[]},"mark":"bar","params":{},"encoding":{"x":{"field":"a","type":"nominal"}}}"#,
    );
    assert!(
        e.starts_with("spec error at params: expected an array of params"),
        "{e}"
    );
}

#[test]
fn drill_levels_are_read_with_paths() {
    let p = parse(r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"year","type":"ordinal"}},"usermeta":{"stdviz":{"drill":["year",{"field":"level","title":"层级"}]}}}"#).unwrap();
    assert_eq!(p.spec.meta.drill.len(), 2);
    assert_eq!(p.spec.meta.drill[1].title.as_deref(), Some("层级"));
    let e = err(
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"year","type":"ordinal"}},"usermeta":{"stdviz":{"drill":["year"]}}}"#,
    );
    assert!(
        e.starts_with("spec error at usermeta.stdviz.drill: expected an array of at least two"),
        "{e}"
    );
    let e = err(
        r#"{"data":{"values":[]},"mark":"bar","encoding":{"x":{"field":"year","type":"ordinal"}},"usermeta":{"stdviz":{"drill":["year",{"title":"x"}]}}}"#,
    );
    assert!(
        e.starts_with("spec error at usermeta.stdviz.drill[1].field"),
        "{e}"
    );
}

#[test]
fn deeply_nested_or_long_expressions_are_errors_not_stack_overflows() {
    let spec = |expr: &str| {
        format!(
            r#"{{"data":{{"values":[{{"a":1}}]}},"transform":[{{"filter":"{expr}"}}],"mark":"bar","encoding":{{"x":{{"field":"a","type":"quantitative"}}}}}}"#
        )
    };
    let bangs = format!("{}datum.a", "!".repeat(100_000));
    let e = err(&spec(&bangs));
    assert!(
        e.starts_with("spec error at transform[0].filter") && e.contains("at most 64 nested"),
        "{e}"
    );
    let parens = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert!(err(&spec(&parens)).contains("at most 64 nested"));
    let chain = vec!["datum.a"; 10_000].join("+");
    assert!(err(&spec(&chain)).contains("at most 256 operators"));
    // Within the limits: fine.
    let ok = format!("{}datum.a > 0{}", "(".repeat(60), ")".repeat(60));
    parse(&spec(&ok)).unwrap();
    let ok = format!("{}datum.a", "!".repeat(60));
    parse(&spec(&ok)).unwrap();
    // Prefix operators inside parentheses and the other way round, many times in a row.
    let mixed = vec!["(-(!(-datum.a)))"; 100].join(" + ");
    parse(&spec(&mixed)).unwrap();
}

#[test]
fn config_scale_zero_reaches_quantitative_fields_without_their_own() {
    let p = parse(r#"{"config":{"scale":{"zero":false}},"data":{"values":[]},"mark":"point","encoding":{
        "x":{"field":"a","type":"quantitative"},"y":{"field":"b","type":"quantitative","scale":{"zero":true}},
        "color":{"field":"c","type":"nominal"}}}"#)
    .unwrap();
    let ViewKind::Unit { encoding, .. } = &p.spec.view.kind else {
        panic!("unit")
    };
    let zero = |ch| {
        encoding
            .get(ch)
            .and_then(|d| d.field())
            .and_then(|f| f.scale.zero)
    };
    assert_eq!(zero(Channel::X), Some(false));
    assert_eq!(zero(Channel::Y), Some(true), "the field's own zero wins");
    assert_eq!(zero(Channel::Color), None);
    assert!(err(r#"{"config":{"scale":{"round":true}},"data":{"values":[]},"mark":"point","encoding":{"x":{"field":"a","type":"quantitative"}}}"#)
        .starts_with("spec error at config.scale.round"));
    assert!(parse(r#"{"data":{"values":[]},"mark":"point","encoding":{"x":{"field":"b","type":"quantitative"},"color":{"field":"a","type":"nominal","scale":{"scheme":"category20b"}}}}"#).is_ok());
}

#[test]
fn escaped_field_names_and_date_time_ranges() {
    assert_eq!(encoding::unescape_field(r"a\.b"), "a.b");
    assert_eq!(encoding::unescape_field(r"x\[0\]"), "x[0]");
    assert_eq!(encoding::unescape_field("plain"), "plain");
    let p = parse(r#"{"data":{"values":[]},"transform":[{"filter":{"field":"d","range":[{"year":2005,"month":"Mar","date":2},{"year":2005,"quarter":3}]}}],"mark":"point","encoding":{"x":{"field":"d","type":"temporal"}}}"#).unwrap();
    let Transform::Filter(Predicate::Field {
        test: FieldTest::Range(lo, hi),
        ..
    }) = &p.spec.view.transform[0]
    else {
        panic!("range")
    };
    assert_eq!(*lo, Some(crate::table::date::to_ms(2005, 3, 2, 0, 0, 0)));
    assert_eq!(*hi, Some(crate::table::date::to_ms(2005, 7, 1, 0, 0, 0)));
    assert!(err(r#"{"data":{"values":[]},"transform":[{"filter":{"field":"d","range":[{"year":2005,"month":13},null]}}],"mark":"point","encoding":{"x":{"field":"d","type":"temporal"}}}"#)
        .starts_with("spec error at transform[0].filter.range[0].month"));
}

#[test]
fn already_binned_fields_are_read_as_they_are_and_quantitative() {
    // SYNTHETIC bins: starts and ends given in the data.
    let p = parse(
        r#"{"data": {"values": [{"s": 0, "e": 2, "n": 4}]}, "mark": "bar",
        "encoding": {"x": {"field": "s", "bin": {"binned": true, "step": 2}}, "x2": {"field": "e"},
          "y": {"field": "n", "type": "quantitative"}}}"#,
    )
    .unwrap();
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let (_, enc) = unit(&p.spec);
    let Some(ChannelDef::Field(x)) = enc.get(Channel::X) else {
        panic!("x is a field");
    };
    assert_eq!((x.bin.is_none(), x.ty), (true, FieldType::Quantitative));
    // A bin transform of binned data has nothing to do: an error.
    let err = parse(
        r#"{"data": {"values": []}, "transform": [{"bin": "binned", "field": "s", "as": "b"}],
        "mark": "bar"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("transform[0].bin"), "{err}");
}

#[test]
fn band_position_is_kept_for_time_units_and_checked_elsewhere() {
    let spec = |x: &str| {
        format!(
            r#"{{"data": {{"values": [{{"d": "2024-02-10", "n": 1}}]}}, "mark": "point",
            "encoding": {{"x": {x}, "y": {{"field": "n", "type": "quantitative"}}}}}}"#
        )
    };
    let p = parse(&spec(
        r#"{"field": "d", "type": "temporal", "timeUnit": "yearmonth", "bandPosition": 0.5}"#,
    ))
    .unwrap();
    let (_, enc) = unit(&p.spec);
    let Some(ChannelDef::Field(x)) = enc.get(Channel::X) else {
        panic!("x is a field");
    };
    assert_eq!(x.band_position, Some(0.5));
    // A band scale's marks stand in the middle: 0.5 is accepted, other positions not.
    assert!(parse(&spec(
        r#"{"field": "d", "type": "nominal", "bandPosition": 0.5}"#
    ))
    .is_ok());
    let err = parse(&spec(
        r#"{"field": "d", "type": "nominal", "bandPosition": 0}"#,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("encoding.x.bandPosition"), "{err}");
    let err = parse(&spec(
        r#"{"field": "d", "type": "temporal", "bandPosition": 2}"#,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("from 0 to 1"), "{err}");
}

#[test]
fn regression_and_loess_parse_with_defaults_and_paths() {
    let spec = |t: &str| {
        format!(
            r#"{{"data":{{"values":[]}},"transform":[{t}],"mark":"line","encoding":{{"x":{{"field":"x","type":"quantitative"}}}}}}"#
        )
    };
    let p = parse(&spec(
        r#"{"regression":"y","on":"x","method":"poly","order":2,"extent":[0,5],"groupby":["g"]}"#,
    ))
    .unwrap();
    assert!(matches!(
        &p.spec.view.transform[0],
        Transform::Regression { method: RegressionMethod::Poly(2), extent: Some((0.0, 5.0)), as_names, params: false, .. }
            if as_names.0 == "x" && as_names.1 == "y"
    ));
    let p = parse(&spec(r#"{"loess":"y","on":"x","as":["a","b"]}"#)).unwrap();
    assert!(matches!(
        &p.spec.view.transform[0],
        Transform::Loess { bandwidth, as_names, .. } if *bandwidth == 0.3 && as_names.1 == "b"
    ));
    let Err(e) = parse(&spec(r#"{"regression":"y","on":"x","method":"spline"}"#)) else {
        panic!("an unknown method is refused");
    };
    assert!(e.to_string().contains("transform[0].method"), "{e}");
    let Err(e) = parse(&spec(r#"{"loess":"y"}"#)) else {
        panic!("loess needs on");
    };
    assert!(e.to_string().contains("transform[0].on"), "{e}");
}

#[test]
fn axis_configs_fill_what_an_axis_leaves_unset_by_side_then_kind_then_all() {
    let p = parse(
        r##"{"data":{"values":[]},"mark":"bar","encoding":{
        "x":{"field":"k","type":"nominal"},
        "y":{"field":"v","type":"quantitative","axis":{"tickCount":3}}},
      "config":{"axis":{"grid":true,"tickCount":9,"labelFontSize":12},
        "axisX":{"labelAngle":90},"axisBand":{"grid":false,"labelAngle":0},
        "axisQuantitative":{"tickCount":5,"format":"d","labelColor":"red"},
        "axisY":{"labelAngle":45},
        "legend":{"orient":"bottom"},"title":{"color":"#123456","subtitleFontSize":9}}}"##,
    )
    .unwrap();
    let (_, e) = unit(&p.spec);
    let axis = |c: Channel| {
        e.get(c)
            .and_then(|d| d.field())
            .and_then(|f| f.axis.clone())
            .unwrap()
    };
    let (x, y) = (axis(Channel::X), axis(Channel::Y));
    // x: axisX's angle beats axisBand's; axisBand's grid beats axis's.
    assert_eq!(
        (x.label_angle, x.grid, x.tick_count),
        (Some(90.0), Some(false), Some(9))
    );
    // y: its own tickCount stays; axisQuantitative's format; axis's grid; axisY (45°,
    // which an axis refuses) is ignored with a warning, and so is labelColor.
    assert_eq!(
        (y.tick_count, y.format.as_deref(), y.grid),
        (Some(3), Some("d"), Some(true))
    );
    assert_eq!(y.label_angle, None);
    assert!(
        p.warnings.iter().any(|w| w.path == "config.axisY"),
        "{:?}",
        p.warnings
    );
    assert!(p
        .warnings
        .iter()
        .any(|w| w.path == "config.axisQuantitative.labelColor"));
    let c = &p.spec.config;
    assert_eq!(c.axis_label_size, Some(12.0));
    assert_eq!(c.legend_orient, Some(LegendOrient::Bottom));
    assert_eq!(
        c.title_color.map(|c| c.to_string()).as_deref(),
        Some("#123456")
    );
    assert_eq!(c.subtitle_size, Some(9.0));
}

#[test]
fn view_config_sets_default_sizes_and_frame() {
    let p = parse(r##"{"data":{"values":[]},"mark":"point","encoding":{"x":{"field":"a","type":"quantitative"}},
      "config":{"view":{"step":25,"continuousWidth":120,"continuousHeight":80,"discreteHeight":200,
        "stroke":"#ccc","strokeWidth":2,"fill":"transparent"},"legend":{"disable":true}}}"##)
    .unwrap();
    let v = &p.spec.config.view;
    assert_eq!(
        (v.continuous_width, v.continuous_height),
        (Some(120.0), Some(80.0))
    );
    assert_eq!(v.discrete_width, Some(Size::Step(25.0)));
    assert_eq!(v.discrete_height, Some(Size::Fixed(200.0)));
    assert_eq!(
        (v.stroke.is_some(), v.stroke_width, v.fill),
        (true, Some(2.0), None)
    );
    assert!(p.spec.config.legend_disable);
    assert!(err(
        r#"{"data":{"values":[]},"mark":"point","config":{"view":{"continuousWidth":-1}}}"#
    )
    .starts_with("spec error at config.view.continuousWidth"));
}

#[test]
fn time_unit_steps_parse_except_for_weeks_and_days() {
    let spec = |tu: &str| {
        format!(
            r#"{{"data":{{"values":[]}},"mark":"line","encoding":{{"x":{{"field":"d","type":"temporal","timeUnit":{tu}}}}}}}"#
        )
    };
    let p = parse(&spec(r#"{"unit":"year","step":2}"#)).unwrap();
    let (_, e) = unit(&p.spec);
    let tu = e
        .get(Channel::X)
        .and_then(|d| d.field())
        .and_then(|f| f.time_unit)
        .unwrap();
    assert_eq!((tu.name().as_str(), tu.step()), ("year", 2));
    assert!(err(&spec(r#"{"unit":"yearweek","step":2}"#))
        .starts_with("spec error at encoding.x.timeUnit.step"));
    assert!(err(&spec(r#"{"unit":"year","step":0.5}"#))
        .starts_with("spec error at encoding.x.timeUnit.step"));
}

#[test]
fn a_views_own_frameless_view_and_composition_configs_are_accepted() {
    let p = parse(r#"{"data":{"values":[]},"hconcat":[{"view":{"stroke":null},"mark":"point","encoding":{"x":{"field":"a","type":"quantitative"}}},
      {"view":{"fill":"gray"},"mark":"point","encoding":{"x":{"field":"a","type":"quantitative"}}}],
      "config":{"concat":{"spacing":10},"facet":{"spacing":5,"columns":2}}}"#).unwrap();
    let paths: Vec<&str> = p.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "config.concat.spacing",
            "config.facet.spacing",
            "config.facet.columns",
            "hconcat[1].view"
        ]
    );
    assert!(
        err(r#"{"data":{"values":[]},"mark":"point","config":{"concat":{"spacing":"wide"}}}"#)
            .starts_with("spec error at config.concat.spacing")
    );
}

#[cfg(feature = "full")]
#[test]
fn discretizing_scales_read_their_kind_cut_points_and_numeric_range() {
    // SYNTHETIC spec.
    let p = parse(
        r#"{"data":{"values":[]},"mark":"circle","encoding":{
      "y":{"field":"a","type":"nominal"},
      "color":{"field":"b","type":"quantitative","scale":{"type":"quantize","zero":true}},
      "size":{"field":"b","type":"quantitative",
              "scale":{"type":"threshold","domain":[30,70],"range":[80,200,320]}},
      "opacity":{"field":"b","type":"quantitative","scale":{"type":"quantile"}}}}"#,
    )
    .unwrap();
    let (_, enc) = unit(&p.spec);
    let color = &enc.field(Channel::Color).unwrap().scale;
    assert_eq!(
        (&color.steps, color.zero),
        (&Some(Steps::Quantize), Some(true))
    );
    let size = &enc.field(Channel::Size).unwrap().scale;
    assert_eq!(size.steps, Some(Steps::Threshold(vec![30.0, 70.0])));
    assert_eq!(size.range_steps, Some(vec![80.0, 200.0, 320.0]));
    assert_eq!(size.domain_numbers, None);
    let opacity = &enc.field(Channel::Opacity).unwrap().scale;
    assert_eq!(opacity.steps, Some(Steps::Quantile));
    // Cut points must ascend; a threshold scale needs them; position channels refuse steps.
    for (spec, at) in [
        (
            r#"{"data":{"values":[]},"mark":"point","encoding":{"y":{"field":"a"},"color":{"field":"b",
            "type":"quantitative","scale":{"type":"threshold","domain":[70,30]}}}}"#,
            "encoding.color.scale.domain",
        ),
        (
            r#"{"data":{"values":[]},"mark":"point","encoding":{"y":{"field":"a"},"color":{"field":"b",
            "type":"quantitative","scale":{"type":"threshold"}}}}"#,
            "encoding.color.scale.domain",
        ),
        (
            r#"{"data":{"values":[]},"mark":"point","encoding":{"x":{"field":"b",
            "type":"quantitative","scale":{"type":"quantize"}}}}"#,
            "encoding.x.scale.type",
        ),
    ] {
        match parse(spec) {
            Err(Error::Spec { path, .. }) => assert_eq!(path, at),
            other => panic!("{at}: {other:?}"),
        }
    }
}

#[test]
fn time_and_utc_scales_are_the_temporal_fields_own() {
    // SYNTHETIC spec: stdviz's dates are UTC, so `utc` and `time` mean its one time scale.
    for ty in ["utc", "time"] {
        let spec = format!(
            r#"{{"data":{{"values":[]}},"mark":"line","encoding":{{
            "x":{{"field":"d","type":"temporal","scale":{{"type":"{ty}"}}}}}}}}"#
        );
        let p = parse(&spec).unwrap();
        let (_, enc) = unit(&p.spec);
        assert_eq!(
            enc.field(Channel::X).unwrap().scale.ty,
            Some(ScaleType::Linear)
        );
    }
}

#[cfg(feature = "full")]
#[test]
fn extent_params_are_read_by_later_expressions_of_their_transform_list() {
    // SYNTHETIC spec: the extent of b, then a calculate and a filter reading it.
    let spec = r#"{"data":{"values":[{"a":"x","b":28},{"a":"y","b":91},{"a":"z","b":19}]},
      "transform":[{"extent":"b","param":"e"},
                   {"calculate":"(datum.b - e[0]) / (e[1] - e[0])","as":"share"},
                   {"filter":"datum.b > e[0]"}],
      "mark":"bar","encoding":{"x":{"field":"a","type":"nominal"},
                               "y":{"field":"share","type":"quantitative"}}}"#;
    let p = parse(spec).unwrap();
    assert!(matches!(
        p.spec.view.transform.first(),
        Some(Transform::Extent { field, param }) if field == "b" && param == "e"
    ));
    // Only [0] and [1]; the name is not known before its extent or outside its list.
    for (bad, at) in [
        (
            r#"[{"extent":"b","param":"e"},{"calculate":"e[2]","as":"s"}]"#,
            "transform[1].calculate",
        ),
        (
            r#"[{"calculate":"e[0]","as":"s"},{"extent":"b","param":"e"}]"#,
            "transform[0].calculate",
        ),
        (r#"[{"extent":"b"}]"#, "transform[0].param"),
    ] {
        let spec = format!(
            r#"{{"data":{{"values":[{{"a":"x","b":1}}]}},"transform":{bad},
            "mark":"bar","encoding":{{"x":{{"field":"a","type":"nominal"}}}}}}"#
        );
        match parse(&spec) {
            Err(Error::Spec { path, .. }) => assert_eq!(path, at, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

/// The selection of the spec's first param.
#[cfg(feature = "full")]
fn first_selection(spec: &str) -> crate::spec::params::Selection {
    match parse(spec).unwrap().spec.params.remove(0).kind {
        crate::spec::params::ParamKind::Select(s) => s,
        other => panic!("{other:?}"),
    }
}

#[test]
#[cfg(feature = "full")]
fn an_interval_projects_over_x_and_y_by_default_band_axes_too() {
    use crate::spec::Channel;
    let unit = |select: &str, x: &str, y: &str| {
        format!(
            r#"{{"data":{{"values":[]}},"mark":"point","params":[{{"name":"b","select":{select}}}],"encoding":{{"x":{{"field":"t","type":"{x}"}},"y":{{"field":"v","type":"{y}"}}}}}}"#
        )
    };
    // Vega-Lite's default: x and y.
    let s = first_selection(&unit(r#""interval""#, "quantitative", "quantitative"));
    assert_eq!(s.encodings, [Channel::X, Channel::Y]);
    assert_eq!(s.fields, ["t", "v"]);
    assert_eq!(s.field_of(Channel::X), Some("t"));
    assert_eq!(s.field_of(Channel::Y), Some("v"));
    // Dates are continuous; a band axis is brushed too (its values, not a range).
    let s = first_selection(&unit(r#""interval""#, "temporal", "quantitative"));
    assert_eq!(s.encodings, [Channel::X, Channel::Y]);
    let s = first_selection(&unit(r#""interval""#, "nominal", "quantitative"));
    assert_eq!(s.encodings, [Channel::X, Channel::Y]);
    assert_eq!(s.fields, ["t", "v"]);
    // Explicit channels.
    let s = first_selection(&unit(
        r#"{"type":"interval","encodings":["y"]}"#,
        "quantitative",
        "quantitative",
    ));
    assert_eq!(
        (s.encodings.as_slice(), s.field_of(Channel::X)),
        ([Channel::Y].as_slice(), None)
    );
    assert_eq!(s.field_of(Channel::Y), Some("v"));
    // `fields` before `encodings` do not shift the channels' fields.
    let s = first_selection(&unit(
        r#"{"type":"interval","fields":["w"],"encodings":["y"]}"#,
        "quantitative",
        "quantitative",
    ));
    assert_eq!(s.fields, ["w", "v"]);
    assert_eq!(s.field_of(Channel::Y), Some("v"));
    // The initial value keyed by channel, as Vega-Lite's.
    let p = parse(
        &unit(r#""interval""#, "quantitative", "quantitative").replace(
            r#""select":"interval""#,
            r#""select":"interval","value":{"x":[1,2],"y":[3,4]}"#,
        ),
    )
    .unwrap();
    let crate::spec::params::ParamKind::Select(s) = &p.spec.params[0].kind else {
        panic!()
    };
    assert_eq!(
        s.initial,
        crate::spec::SelectionValue::Interval(vec![
            ("t".into(), crate::spec::Extent::Range(1.0, 2.0)),
            ("v".into(), crate::spec::Extent::Range(3.0, 4.0))
        ])
    );
    // Over a band axis the initial value is an array of its values (Vega-Lite's).
    let p = parse(&unit(r#""interval""#, "ordinal", "quantitative").replace(
        r#""select":"interval""#,
        r#""select":"interval","value":{"x":["a","c"],"y":[3,4]}"#,
    ))
    .unwrap();
    let crate::spec::params::ParamKind::Select(s) = &p.spec.params[0].kind else {
        panic!()
    };
    let text = |t: &str| crate::spec::ConstValue::Text(t.into());
    assert_eq!(
        s.initial,
        crate::spec::SelectionValue::Interval(vec![
            (
                "t".into(),
                crate::spec::Extent::Values(vec![text("a"), text("c")])
            ),
            ("v".into(), crate::spec::Extent::Range(3.0, 4.0))
        ])
    );
    let e = err(&unit(r#""interval""#, "nominal", "ordinal").replace(
        r#""select":"interval""#,
        r#""select":"interval","value":{"x":"a"}"#,
    ));
    assert!(e.starts_with("spec error at params[0].value.x"), "{e}");
    let e = err(&unit(
        r#"{"type":"interval","encodings":["size"]}"#,
        "quantitative",
        "quantitative",
    ));
    assert!(
        e.starts_with("spec error at params[0].select.encodings[0]"),
        "{e}"
    );
    // Bound to the scales, a band axis stays as before (no brush is drawn).
    parse(&unit(r#""interval""#, "nominal", "ordinal").replace(
        r#""select":"interval""#,
        r#""select":"interval","bind":"scales""#,
    ))
    .unwrap();
}
