//! The look: fonts, text sizes, colours and the categorical palette, decided once.
//!
//! The palette is Vega-Lite's default `tableau10`, so a spec pasted into the Vega editor
//! colours alike; text colours reach WCAG AA (4.5:1) on the background, which a test checks.

use crate::color::Color;

/// Visual constants for one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// CSS font family list (no quotes, so it is valid in SVG attributes and canvas fonts).
    pub font_family: &'static str,
    /// Title size, px.
    pub title_size: f32,
    /// Subtitle size, px.
    pub subtitle_size: f32,
    /// Axis and legend label size, px.
    pub label_size: f32,
    /// Source/note line size, px.
    pub footer_size: f32,
    /// Page background behind the chart.
    pub background: Color,
    /// Title colour.
    pub title_color: Color,
    /// Subtitle and axis-title colour.
    pub subtitle_color: Color,
    /// Axis label colour.
    pub label_color: Color,
    /// Source line colour.
    pub footer_color: Color,
    /// Grid line colour.
    pub grid_color: Color,
    /// Axis domain line colour.
    pub axis_color: Color,
    /// Default mark colour (Vega-Lite's `#4c78a8`).
    pub mark_color: Color,
    /// Categorical palette.
    pub palette: &'static [Color],
    /// Padding around the whole chart, px.
    pub padding: f32,
}

/// Vega-Lite's `tableau10` scheme.
pub const TABLEAU10: [Color; 10] = [
    Color::hex(0x4c78a8),
    Color::hex(0xf58518),
    Color::hex(0xe45756),
    Color::hex(0x72b7b2),
    Color::hex(0x54a24b),
    Color::hex(0xeeca3b),
    Color::hex(0xb279a2),
    Color::hex(0xff9da6),
    Color::hex(0x9d755d),
    Color::hex(0xbab0ac),
];

impl Default for Theme {
    fn default() -> Self {
        Theme {
            font_family: "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, Helvetica Neue, Arial, sans-serif",
            title_size: 17.0,
            subtitle_size: 13.0,
            label_size: 12.0,
            footer_size: 11.0,
            background: Color::hex(0xffffff),
            title_color: Color::hex(0x1f2328),
            subtitle_color: Color::hex(0x4d5560),
            label_color: Color::hex(0x4d5560),
            footer_color: Color::hex(0x5f6873),
            grid_color: Color::hex(0xe3e6ea),
            axis_color: Color::hex(0x8c959f),
            mark_color: Color::hex(0x4c78a8),
            palette: &TABLEAU10,
            padding: 12.0,
        }
    }
}

impl Theme {
    /// The palette colour for the `i`-th category (cycling).
    pub fn category_color(&self, i: usize) -> Color {
        self.palette[i % self.palette.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colours_reach_wcag_aa_on_the_background() {
        let t = Theme::default();
        for c in [
            t.title_color,
            t.subtitle_color,
            t.label_color,
            t.footer_color,
        ] {
            assert!(
                c.contrast(&t.background) >= 4.5,
                "{c} has contrast {}",
                c.contrast(&t.background)
            );
        }
    }

    #[test]
    fn palette_cycles() {
        let t = Theme::default();
        assert_eq!(t.category_color(0), t.category_color(10));
    }
}
