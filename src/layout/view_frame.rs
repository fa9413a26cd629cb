//! The plot's frame that `config.view` asks for: `fill` behind the plot area and a
//! `stroke` (`strokeWidth` px, default 1) around it, both under the grid and the marks.
//! stdviz draws neither by default (Vega's default grey frame is left out on purpose).

use crate::scene::{MarkGroup, Paint, Role, Scene, Shapes};
use crate::spec::ViewConfig;

/// Runs `draw` (which draws one plot and sets `scene.plot` to its area), then slips the
/// frame `view` asks for under what it drew.
pub(super) fn framed(view: &ViewConfig, scene: &mut Scene, draw: impl FnOnce(&mut Scene)) {
    let at = scene.groups.len();
    draw(scene);
    let p = scene.plot;
    let mut frame = Vec::new();
    if let Some(fill) = view.fill {
        frame.push(MarkGroup {
            role: Role::Grid,
            shapes: Shapes::Rects {
                x: vec![p.x],
                y: vec![p.y],
                width: vec![p.width],
                height: vec![p.height],
                fill: Paint::One(fill),
                corner_radius: 0.0,
                corners: Vec::new(),
                outline: None,
            },
            items: Vec::new(),
        });
    }
    if let Some(stroke) = view.stroke {
        let stroke_width = view.stroke_width.unwrap_or(1.0);
        if stroke_width > 0.0 {
            let (x0, y0, x1, y1) = (p.x, p.y, p.x + p.width, p.y + p.height);
            frame.push(MarkGroup {
                role: Role::Grid,
                shapes: Shapes::Lines {
                    x1: vec![x0, x1, x1, x0],
                    y1: vec![y0, y0, y1, y1],
                    x2: vec![x1, x1, x0, x0],
                    y2: vec![y0, y1, y1, y0],
                    stroke,
                    stroke_width,
                    dash: Vec::new(),
                },
                items: Vec::new(),
            });
        }
    }
    let at = at.min(scene.groups.len());
    scene.groups.splice(at..at, frame);
}
