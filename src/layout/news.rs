//! News chart forms (`usermeta.stdviz.form`): big-number cards and waffle charts.
//!
//! Both read the same encoded unit view a plain chart would: cards take the `text`
//! channel as the big number; a waffle takes a bar chart's category and value channels
//! and draws one square per `perSquare` units, so "80 standards" is 80 squares.

use super::context::Ctx;
use super::legend::Legend;
use crate::color::Color;
use crate::encode::{Bound, Encoded};
use crate::error::Error;
use crate::scene::{
    ChartKind, HAlign, Item, MarkGroup, Paint, Rect, Role, Scene, Shapes, TextStyle, VAlign,
};
use crate::spec::{Channel, FieldType};
use crate::table::Value;
use crate::text;

const CARD_MIN: f32 = 150.0;
const GAP: f32 = 10.0;
const VALUE_SIZE: f32 = 30.0;

/// One big-number card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    value: String,
    number: f64,
    unit: String,
    label: String,
    delta: Option<f64>,
}

/// Cards laid out in a grid.
pub struct Cards {
    cards: Vec<Card>,
    ctx: Ctx,
}

fn text_of(u: &Encoded, field: Option<&str>, r: usize) -> Option<String> {
    let f = field?;
    match u.table.value(f, r) {
        Value::Null => None,
        v => Some(v.to_text()),
    }
}

impl Cards {
    /// Cards from the rows of `u`: value from `text`, label/unit/delta from the named fields.
    pub fn new(
        u: &Encoded,
        label: Option<&str>,
        unit: Option<&str>,
        delta: Option<&str>,
        ctx: &Ctx,
        path: &str,
    ) -> Result<Cards, Error> {
        let Some(Bound::Column { column, def }) = u.get(Channel::Text) else {
            return Err(Error::Spec {
                path: format!("{path}encoding.text"),
                expected: "a text field definition: the big number of each card".into(),
                found: "nothing".into(),
            });
        };
        for f in [label, unit, delta].into_iter().flatten() {
            if u.table.column(f).is_none() {
                return Err(crate::transform::missing_field(
                    &u.table,
                    f,
                    &format!("{path}usermeta.stdviz.form"),
                ));
            }
        }
        let label_field = label.map(str::to_string).or_else(|| {
            [Channel::Y, Channel::X].iter().find_map(|c| {
                u.field(*c)
                    .filter(|(_, d)| d.ty.is_discrete())
                    .map(|(c, _)| c.to_string())
            })
        });
        let cards = (0..u.rows())
            .map(|r| {
                let v = u.table.value(column, r);
                Card {
                    value: ctx.format_value(
                        &v,
                        &crate::spec::FieldDef {
                            ty: FieldType::Quantitative,
                            ..(**def).clone()
                        },
                        crate::format::Place::Label,
                    ),
                    number: v.as_number().unwrap_or(f64::NAN),
                    unit: text_of(u, unit, r)
                        .or_else(|| ctx.unit.clone())
                        .unwrap_or_default(),
                    label: text_of(u, label_field.as_deref(), r).unwrap_or_default(),
                    delta: delta.and_then(|d| u.table.value(d, r).as_number()),
                }
            })
            .collect();
        Ok(Cards {
            cards,
            ctx: ctx.clone(),
        })
    }

    fn columns(&self, width: f32) -> usize {
        (((width + GAP) / (CARD_MIN + GAP)).floor() as usize).clamp(1, self.cards.len().max(1))
    }

    /// Width of one card when the cards share `width` px.
    fn card_width(&self, width: f32) -> f32 {
        let cols = self.columns(width);
        (width - GAP * (cols as f32 - 1.0)) / cols as f32
    }

    /// Lines of label every card reserves at card width `w`: the most any label needs
    /// (labels wrap, never cut), at least two so cards of one chart keep one height.
    fn label_lines(&self, w: f32) -> usize {
        self.cards
            .iter()
            .map(|c| text::lines(&c.label, self.ctx.theme.label_size, false, w - 24.0).len())
            .fold(2, usize::max)
    }

    fn card_height(&self, w: f32) -> f32 {
        let label = text::line_height(self.ctx.theme.label_size);
        let has_delta = self.cards.iter().any(|c| c.delta.is_some());
        12.0 + text::line_height(VALUE_SIZE)
            + self.label_lines(w) as f32 * label
            + if has_delta { label } else { 0.0 }
            + 10.0
    }

    /// Size for `width` px.
    pub fn size(&self, width: f32) -> (f32, f32) {
        let rows = self.cards.len().div_ceil(self.columns(width)).max(1) as f32;
        let h = self.card_height(self.card_width(width));
        (width, rows * h + (rows - 1.0) * GAP)
    }

    /// Draws into `rect`.
    pub fn draw(&self, rect: Rect, scene: &mut Scene) {
        let theme = &self.ctx.theme;
        let cols = self.columns(rect.width);
        let w = self.card_width(rect.width);
        let h = self.card_height(w);
        let label_lines = self.label_lines(w);
        let (mut bx, mut by, mut items) = (vec![], vec![], vec![]);
        let mut values = (vec![], vec![], vec![]);
        let mut units = (vec![], vec![], vec![]);
        let mut labels = (vec![], vec![], vec![]);
        let mut deltas: Vec<(f32, f32, String, Color)> = vec![];
        let label_lh = text::line_height(theme.label_size);
        for (i, c) in self.cards.iter().enumerate() {
            let (x, y) = (
                rect.x + (i % cols) as f32 * (w + GAP),
                rect.y + (i / cols) as f32 * (h + GAP),
            );
            bx.push(x);
            by.push(y);
            items.push(scene.items.len() as u32);
            scene.items.push(Item {
                label: c.label.clone(),
                series: None,
                value: c.number,
                share: None,
                fields: vec![(
                    c.label.clone(),
                    format!("{} {}", c.value, c.unit).trim().to_string(),
                )],
                custom_tooltip: false,
                datum: Vec::new(),
                formatted: None,
                box_stats: None,
                second_axis: false,
            });
            let value = text::fit(&c.value, VALUE_SIZE, true, w - 24.0);
            let vw = text::width(&value, VALUE_SIZE, true);
            values.0.push(x + 12.0);
            values.1.push(y + 12.0);
            values.2.push(value);
            if !c.unit.is_empty() {
                units.0.push(x + 12.0 + vw + 3.0);
                units.1.push(y + 12.0 + VALUE_SIZE * 0.45);
                units.2.push(text::fit(
                    &c.unit,
                    theme.subtitle_size,
                    false,
                    (w - 30.0 - vw).max(10.0),
                ));
            }
            for (k, line) in text::lines(&c.label, theme.label_size, false, w - 24.0)
                .into_iter()
                .enumerate()
            {
                labels.0.push(x + 12.0);
                labels
                    .1
                    .push(y + 12.0 + text::line_height(VALUE_SIZE) + k as f32 * label_lh);
                labels.2.push(line);
            }
            if let Some(d) = c.delta {
                let (sign, color) = if d > 0.0 {
                    ("▲ ", Color::hex(0x1a7f37))
                } else if d < 0.0 {
                    ("▼ ", Color::hex(0xcf222e))
                } else {
                    ("", theme.label_color)
                };
                deltas.push((
                    x + 12.0,
                    y + 12.0 + text::line_height(VALUE_SIZE) + label_lines as f32 * label_lh,
                    format!("{sign}{}", self.ctx.figure(d.abs())),
                    color,
                ));
            }
        }
        let n = bx.len();
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Rects {
                x: bx,
                y: by,
                width: vec![w; n],
                height: vec![h; n],
                fill: Paint::One(Color::hex(0xf3f5f7)),
                corner_radius: 6.0,
                corners: Vec::new(),
                outline: None,
            },
            items,
        });
        let style = |size: f32, bold: bool, color: Color, baseline: VAlign| TextStyle {
            size,
            bold,
            color,
            align: HAlign::Left,
            baseline,
            angle: 0,
        };
        scene.groups.push(MarkGroup {
            role: Role::DataLabel,
            shapes: Shapes::Texts {
                x: values.0,
                y: values.1,
                text: values.2,
                style: style(VALUE_SIZE, true, theme.title_color, VAlign::Top),
            },
            items: vec![],
        });
        scene.groups.push(MarkGroup {
            role: Role::DataLabel,
            shapes: Shapes::Texts {
                x: units.0,
                y: units.1,
                text: units.2,
                style: style(
                    theme.subtitle_size,
                    false,
                    theme.subtitle_color,
                    VAlign::Top,
                ),
            },
            items: vec![],
        });
        scene.groups.push(MarkGroup {
            role: Role::AxisLabel,
            shapes: Shapes::Texts {
                x: labels.0,
                y: labels.1,
                text: labels.2,
                style: style(theme.label_size, false, theme.label_color, VAlign::Top),
            },
            items: vec![],
        });
        for (x, y, t, c) in deltas {
            scene.groups.push(MarkGroup {
                role: Role::DataLabel,
                shapes: Shapes::Texts {
                    x: vec![x],
                    y: vec![y],
                    text: vec![t],
                    style: style(theme.label_size, true, c, VAlign::Top),
                },
                items: vec![],
            });
        }
        scene.kind = ChartKind::Cards;
    }
}

/// A waffle chart.
pub struct Waffle {
    categories: Vec<String>,
    values: Vec<f64>,
    squares: Vec<usize>,
    colors: Vec<Color>,
    columns: usize,
    ctx: Ctx,
}

impl Waffle {
    /// Squares from a bar chart's category (discrete x or y) and value channels.
    pub fn new(
        u: &Encoded,
        columns: usize,
        per_square: f64,
        ctx: &Ctx,
        path: &str,
    ) -> Result<Waffle, Error> {
        let (cat, val) = match (u.field(Channel::X), u.field(Channel::Y)) {
            (Some((c, cd)), Some((v, _))) if cd.ty.is_discrete() => (c.to_string(), v.to_string()),
            (Some((v, _)), Some((c, cd))) if cd.ty.is_discrete() => (c.to_string(), v.to_string()),
            _ => {
                return Err(Error::Spec {
                    path: format!("{path}encoding"),
                    expected: "a bar chart with one discrete and one quantitative position channel for a waffle".into(),
                    found: "another encoding".into(),
                })
            }
        };
        let mut categories: Vec<String> = Vec::new();
        let mut values: Vec<f64> = Vec::new();
        for r in 0..u.rows() {
            let k = u.table.value(&cat, r).to_text();
            let v = u.table.value(&val, r).as_number().unwrap_or(0.0).max(0.0);
            match categories.iter().position(|c| *c == k) {
                Some(i) => values[i] += v,
                None => {
                    categories.push(k);
                    values.push(v);
                }
            }
        }
        let units: Vec<Encoded> = vec![u.clone()];
        let def = u
            .field(
                if u.field(Channel::X).is_some_and(|(_, d)| d.ty.is_discrete()) {
                    Channel::X
                } else {
                    Channel::Y
                },
            )
            .map(|(_, d)| d.clone());
        if let Some(d) = def {
            let order = super::scales::ordered(categories.clone(), &d, &Default::default());
            let (c2, v2): (Vec<String>, Vec<f64>) = order
                .into_iter()
                .filter_map(|c| {
                    categories
                        .iter()
                        .position(|x| *x == c)
                        .map(|i| (c, values[i]))
                })
                .unzip();
            categories = c2;
            values = v2;
        }
        let squares: Vec<usize> = values
            .iter()
            .map(|v| (v / per_square).round() as usize)
            .collect();
        // Saturating: a huge value over a tiny perSquare must fail the check below, not wrap.
        let total: usize = squares.iter().fold(0, |a, b| a.saturating_add(*b));
        if total > 5000 {
            return Err(Error::Spec {
                path: format!("{path}usermeta.stdviz.form.perSquare"),
                expected: format!(
                    "at most 5,000 squares; a larger perSquare (e.g. {})",
                    (values.iter().sum::<f64>() / 1000.0).ceil()
                ),
                found: format!("{total} squares"),
            });
        }
        let color_scale = super::scales::color(&units, ctx);
        let distinct: Vec<&str> = categories.iter().map(String::as_str).collect();
        let vocab = crate::vocab::vocabulary_of(&distinct);
        let colors = categories
            .iter()
            .enumerate()
            .map(|(i, c)| match (&color_scale, &vocab) {
                (Some(s), _) => s.color(c),
                (None, Some(v)) => v.color(c).unwrap_or(ctx.theme.category_color(i)),
                (None, None) => ctx.theme.category_color(i),
            })
            .collect();
        Ok(Waffle {
            categories,
            values,
            squares,
            colors,
            columns,
            ctx: ctx.clone(),
        })
    }

    fn geometry(&self, width: f32) -> (f32, f32, usize) {
        let c = self.columns as f32;
        let side = ((width - (c - 1.0) * 2.0) / c).clamp(4.0, 24.0);
        let gap = (side * 0.15).max(1.0);
        let rows = self
            .squares
            .iter()
            .sum::<usize>()
            .div_ceil(self.columns)
            .max(1);
        (side, gap, rows)
    }

    fn legend(&self) -> Legend {
        Legend {
            gradient: None,
            symbols: Vec::new(),
            dashes: Vec::new(),
            hollow: false,
            title: None,
            labels: self
                .categories
                .iter()
                .zip(&self.values)
                .map(|(c, v)| format!("{} {}", self.ctx.label(c), self.ctx.figure(*v)))
                .collect(),
            colors: self.colors.clone(),
            // A waffle's parts are not series the reader toggles.
            keys: Vec::new(),
            hidden: Vec::new(),
            selected: Vec::new(),
        }
    }

    /// Size for `width` px.
    pub fn size(&self, width: f32) -> (f32, f32) {
        let (side, gap, rows) = self.geometry(width);
        (
            width,
            rows as f32 * (side + gap) - gap
                + 12.0
                + self.legend().flow_height(&self.ctx.theme, width),
        )
    }

    /// Draws into `rect`.
    pub fn draw(&self, rect: Rect, scene: &mut Scene) {
        let (side, gap, rows) = self.geometry(rect.width);
        let first_item = scene.items.len();
        for (i, c) in self.categories.iter().enumerate() {
            scene.items.push(Item {
                label: c.clone(),
                series: None,
                value: self.values[i],
                share: None,
                fields: vec![(
                    self.ctx.label(c),
                    self.ctx
                        .numbers
                        .write(self.values[i], crate::format::Place::Tooltip),
                )],
                custom_tooltip: false,
                datum: Vec::new(),
                formatted: None,
                box_stats: None,
                second_axis: false,
            });
        }
        let (mut x, mut y, mut fill, mut items) = (vec![], vec![], vec![], vec![]);
        let mut k = 0usize;
        for (i, n) in self.squares.iter().enumerate() {
            for _ in 0..*n {
                x.push(rect.x + (k % self.columns) as f32 * (side + gap));
                y.push(rect.y + (k / self.columns) as f32 * (side + gap));
                fill.push(self.colors[i]);
                items.push((first_item + i) as u32);
                k += 1;
            }
        }
        let n = x.len();
        scene.groups.push(MarkGroup {
            role: Role::Data,
            shapes: Shapes::Rects {
                x,
                y,
                width: vec![side; n],
                height: vec![side; n],
                fill: Paint::Each(fill),
                corner_radius: (side * 0.12).min(2.0),
                corners: Vec::new(),
                outline: None,
            },
            items,
        });
        let top = rect.y + rows as f32 * (side + gap) - gap + 12.0;
        self.legend()
            .draw_flow(&self.ctx.theme, rect.x, top, rect.width, scene);
        scene.kind = ChartKind::Waffle;
    }
}
