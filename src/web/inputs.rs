//! The input elements of a spec's bound parameters (`bind: {"input": …}`), drawn as
//! plain, accessible form controls after the chart: each in a `<label>` whose text is
//! the binding's `name` (else the parameter's), options written as text. Their changes
//! reach the core as `interact::Event::Input` (`web::events::listen_inputs`).

use super::dom::element;
use crate::spec::params::{InputBinding, InputKind, ParamKind, ParamValue, SelectionBind};
use crate::spec::Param;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

/// How a control's state becomes `Event::Input`'s number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// `value` as a number (sliders, number fields).
    Number,
    /// `checked` as 1 or 0.
    Checked,
    /// `value` is the option's index.
    Option,
}

/// One control: the element that fires `input`/`change`, the parameter it sets.
pub struct Control {
    /// The element to listen on.
    pub element: Element,
    /// Index of the parameter in the spec's `params`.
    pub param: usize,
    /// How to read it.
    pub reading: Reading,
}

fn text_of(v: &ParamValue) -> String {
    match v {
        ParamValue::Null => "null".into(),
        ParamValue::Bool(b) => b.to_string(),
        ParamValue::Number(n) => crate::format::value(*n),
        ParamValue::Text(t) => t.clone(),
    }
}

/// Builds the controls of `params` in a `<div class="stdviz-inputs">` (`None` when no
/// parameter is bound to an input stdviz draws). Text inputs other than `number` are
/// not drawn: `interact::Event::Input` carries numbers.
pub fn build(
    doc: &Document,
    params: &[Param],
) -> Result<Option<(HtmlElement, Vec<Control>)>, JsValue> {
    let root = element(
        doc,
        "div",
        "stdviz-inputs",
        "display:flex;flex-wrap:wrap;gap:6px 16px;margin-top:6px;font:13px system-ui,sans-serif",
    )?;
    let mut controls = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let (binding, value): (&InputBinding, ParamValue) = match &p.kind {
            ParamKind::Value {
                value,
                bind: Some(b),
            } => (b, value.clone()),
            ParamKind::Select(sel) => match &sel.bind {
                SelectionBind::Inputs(inputs) => match inputs.first() {
                    Some((_, b)) => (b, ParamValue::Null),
                    None => continue,
                },
                _ => continue,
            },
            _ => continue,
        };
        let label = element(
            doc,
            "label",
            "stdviz-input",
            "display:inline-flex;align-items:center;gap:6px",
        )?;
        let caption = element(doc, "span", "", "")?;
        caption.set_text_content(Some(binding.label.as_deref().unwrap_or(&p.name)));
        label.append_child(&caption)?;
        let (control, reading): (Element, Reading) = match &binding.input {
            InputKind::Range { min, max, step } => {
                let e = doc.create_element("input")?;
                e.set_attribute("type", "range")?;
                let v = match value {
                    ParamValue::Number(n) => n,
                    _ => 0.0,
                };
                e.set_attribute("min", &min.unwrap_or(v.min(0.0)).to_string())?;
                e.set_attribute("max", &max.unwrap_or(v.max(100.0)).to_string())?;
                e.set_attribute("step", &step.map_or("any".to_string(), |s| s.to_string()))?;
                e.set_attribute("value", &v.to_string())?;
                (e, Reading::Number)
            }
            InputKind::Checkbox => {
                let e = doc.create_element("input")?;
                e.set_attribute("type", "checkbox")?;
                if value == ParamValue::Bool(true) {
                    e.set_attribute("checked", "")?;
                }
                (e, Reading::Checked)
            }
            InputKind::Select { options, labels } => {
                let e = doc.create_element("select")?;
                for (k, o) in options.iter().enumerate() {
                    let opt = doc.create_element("option")?;
                    opt.set_attribute("value", &k.to_string())?;
                    opt.set_text_content(Some(
                        &labels.get(k).cloned().unwrap_or_else(|| text_of(o)),
                    ));
                    if *o == value {
                        opt.set_attribute("selected", "")?;
                    }
                    e.append_child(&opt)?;
                }
                (e, Reading::Option)
            }
            InputKind::Radio { options, labels } => {
                let group = element(doc, "span", "", "display:inline-flex;gap:8px")?;
                group.set_attribute("role", "radiogroup")?;
                for (k, o) in options.iter().enumerate() {
                    let item = doc.create_element("label")?;
                    let r = doc.create_element("input")?;
                    r.set_attribute("type", "radio")?;
                    r.set_attribute("name", &format!("stdviz-{}-{i}", p.name))?;
                    r.set_attribute("value", &k.to_string())?;
                    if *o == value {
                        r.set_attribute("checked", "")?;
                    }
                    item.append_child(&r)?;
                    let t = doc.create_element("span")?;
                    t.set_text_content(Some(&labels.get(k).cloned().unwrap_or_else(|| text_of(o))));
                    item.append_child(&t)?;
                    group.append_child(&item)?;
                }
                // `change` bubbles from each radio to the group.
                (group.into(), Reading::Option)
            }
            InputKind::Text(kind) if kind == "number" => {
                let e = doc.create_element("input")?;
                e.set_attribute("type", "number")?;
                if let ParamValue::Number(n) = value {
                    e.set_attribute("value", &n.to_string())?;
                }
                (e, Reading::Number)
            }
            InputKind::Text(_) => continue,
        };
        if let Some(ph) = &binding.placeholder {
            control.set_attribute("placeholder", ph)?;
        }
        label.append_child(&control)?;
        root.append_child(&label)?;
        controls.push(Control {
            element: control,
            param: i,
            reading,
        });
    }
    Ok((!controls.is_empty()).then_some((root, controls)))
}
