//! Layout: a validated spec and its table become a [`Scene`] at a given size.
//!
//! The frame (title, subtitle, source line) is shared by every chart; `bar` and `arc`
//! plan their own bodies: first they measure what they need around the plot (axes,
//! legend), then they draw into the body the frame gives them. All text is measured with
//! [`crate::text`], never by a backend, so the scene is the same whatever draws it.

mod arc;
mod bar;
mod frame;
mod legend;

use crate::error::Error;
use crate::scene::{ChartKind, Rect, Scene};
use crate::spec::{ChartSpec, MarkKind, Size};
use crate::table::Table;
use crate::theme::Theme;

/// The space a chart is laid out into, in CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Width available (the container's width).
    pub width: f32,
    /// Height available, used when the spec's height is `"container"`.
    pub height: Option<f32>,
}

/// Smallest chart width laid out; narrower containers get this width and scroll.
pub const MIN_WIDTH: f32 = 200.0;

/// Body width (inside the padding) from which a legend sits beside the plot, not below.
pub const LEGEND_BESIDE_MIN: f32 = 480.0;

/// Vega-Lite's default size of a continuous axis, px.
const CONTINUOUS_DEFAULT: f32 = 300.0;

/// A mark's plan for its body.
enum Plan {
    Bar(bar::Plan),
    Arc(arc::Plan),
}

impl Plan {
    fn width_for_plot(&self, plot: f32, theme: &Theme) -> f32 {
        match self {
            Plan::Bar(p) => p.width_for_plot(plot, theme),
            Plan::Arc(p) => p.width_for_plot(plot, theme),
        }
    }
    fn default_plot_width(&self) -> f32 {
        match self {
            Plan::Bar(p) => p.default_plot_width().unwrap_or(CONTINUOUS_DEFAULT),
            Plan::Arc(_) => CONTINUOUS_DEFAULT,
        }
    }
    fn default_plot_height(&self) -> f32 {
        match self {
            Plan::Bar(p) => p.default_plot_height().unwrap_or(CONTINUOUS_DEFAULT),
            Plan::Arc(_) => CONTINUOUS_DEFAULT,
        }
    }
    fn chrome_height(&self, theme: &Theme, inner_width: f32) -> f32 {
        match self {
            Plan::Bar(p) => p.chrome_height(theme, inner_width),
            Plan::Arc(p) => p.chrome_height(theme, inner_width),
        }
    }
    fn draw(self, theme: &Theme, body: Rect, scene: &mut Scene) {
        match self {
            Plan::Bar(p) => p.draw(theme, body, scene),
            Plan::Arc(p) => p.draw(theme, body, scene),
        }
    }
}

/// Lays out `spec` over `table` into a scene for `viewport`.
pub fn layout(spec: &ChartSpec, table: &Table, viewport: Viewport) -> Result<Scene, Error> {
    let theme = Theme::default();
    let plan = match spec.mark.kind {
        MarkKind::Bar => Plan::Bar(bar::Plan::new(spec, table, &theme)?),
        MarkKind::Arc => Plan::Arc(arc::Plan::new(spec, table, &theme)?),
    };
    let width = match spec.width {
        Size::Container => viewport.width.max(MIN_WIDTH),
        Size::Fixed(w) => plan.width_for_plot(w, &theme),
        Size::Default => plan.width_for_plot(plan.default_plot_width(), &theme),
    }
    .round();
    let mut frame = frame::Frame::new(spec, &theme, width);
    let inner = width - 2.0 * theme.padding;
    let chrome = plan.chrome_height(&theme, inner);
    let plot_height = match spec.height {
        Size::Fixed(h) => h,
        Size::Default => plan.default_plot_height(),
        Size::Container => CONTINUOUS_DEFAULT,
    };
    let fill = spec.height == Size::Container;
    let body = frame.body(plot_height + chrome, fill, viewport.height, chrome + 60.0);
    let mut scene = Scene {
        width,
        height: frame.total_height(),
        background: theme.background,
        font_family: theme.font_family.to_string(),
        groups: Vec::new(),
        items: Vec::new(),
        kind: ChartKind::ColumnBars,
        plot: body,
        title: spec.title.as_ref().map(|t| t.text.clone()),
        category_title: String::new(),
        value_title: String::new(),
        unit: spec.meta.unit.clone(),
    };
    frame.draw(&mut scene);
    plan.draw(&theme, body, &mut scene);
    Ok(scene)
}
