//! The `rect` mark of a cartesian plot (`layout::plot`'s child module): heatmap cells and
//! shaded ranges.

use super::*;

impl Plot {
    /// `rect` marks: each spans its x/x2 and y/y2 (a band where the scale is discrete,
    /// the whole plot where a channel is absent). Rects bound to data are data marks
    /// with items (heatmaps); rects placed only by `datum`/`value` (shaded ranges) are
    /// drawn once, behind later layers, and are not data.
    pub(super) fn rects(
        &self,
        u: &Encoded,
        plot: Rect,
        px: Option<&Placed>,
        py: Option<&Placed>,
        scene: &mut Scene,
    ) {
        let data = u
            .channels
            .iter()
            .any(|(_, b)| matches!(b, Bound::Column { .. }));
        let rows = if data { u.rows() } else { u.rows().min(1) };
        let (mut x, mut y, mut w, mut h, mut fill, mut items) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut drawn = Vec::new();
        for r in 0..rows {
            let span = |ch: Channel, p: Option<&Placed>, full: (f32, f32)| {
                let ch2 = if ch == Channel::X {
                    Channel::X2
                } else {
                    Channel::Y2
                };
                match (u.get(ch), u.get(ch2)) {
                    (None, None) => Some(full),
                    (None, Some(_)) => self.at(u, ch2, r, p, plot).map(|b| (b, b)),
                    (Some(_), Some(_)) => {
                        let a = match p.and_then(|p| p.band(&u.value(ch, r))) {
                            Some((s, _)) => Some(s),
                            None => self.at(u, ch, r, p, plot),
                        };
                        let b = match p.and_then(|p| p.band(&u.value(ch2, r))) {
                            Some((s, bw)) => Some(s + bw),
                            None => self.at(u, ch2, r, p, plot),
                        };
                        a.zip(b).map(|(a, b)| (a.min(b), a.max(b)))
                    }
                    (Some(_), None) => self.extent(u, r, ch, p, full),
                }
            };
            let xs = span(Channel::X, px, (plot.x, plot.x + plot.width));
            let ys = span(Channel::Y, py, (plot.y, plot.y + plot.height));
            let (Some((x0, x1)), Some((y0, y1))) = (xs, ys) else {
                continue;
            };
            // A range is cut to the plot (a datum may lie beyond the data's domain).
            let (x0, x1) = (x0.max(plot.x), x1.min(plot.x + plot.width));
            let (y0, y1) = (y0.max(plot.y), y1.min(plot.y + plot.height));
            if x1 < x0 || y1 < y0 {
                continue;
            }
            x.push(x0);
            y.push(y0);
            w.push(x1 - x0);
            h.push(y1 - y0);
            fill.push(self.mark_color(u, r));
            drawn.push(r);
            if data {
                items.push(scene.items.len() as u32);
                let (x_band, y_band) = (
                    self.x.as_ref().is_some_and(PosScale::is_band),
                    self.y.as_ref().is_some_and(PosScale::is_band),
                );
                let (label_ch, value_ch) = if y_band && !x_band {
                    (Channel::Y, Channel::X)
                } else {
                    (Channel::X, Channel::Y)
                };
                let item = if x_band && y_band {
                    crate::layout::cells::grid_item(u, r, self.item(u, r, label_ch, Channel::Color))
                } else {
                    self.item(u, r, label_ch, value_ch)
                };
                scene.items.push(item);
            }
        }
        scene.groups.push(MarkGroup {
            role: if data { Role::Data } else { Role::Rule },
            shapes: Shapes::Rects {
                x,
                y,
                width: w,
                height: h,
                fill: Paint::Each(fill),
                corner_radius: u.mark.corner_radius,
                corners: Vec::new(),
                outline: self.strokes.outline(u, &drawn),
            },
            items,
        });
        // A chart of data rects (a heatmap, a tile map) is not a bar chart: its cells are
        // not categories on an axis.
        if data && scene.kind == ChartKind::ColumnBars && !scene.items.is_empty() {
            scene.kind = ChartKind::Other;
        }
    }
}
