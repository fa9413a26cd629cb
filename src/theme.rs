//! The look: fonts, text sizes, colours and the categorical palette, decided once.
//!
//! The palette is Vega-Lite's default `tableau10`, so a spec pasted into the Vega editor
//! colours alike; text colours reach WCAG AA (4.5:1) on the background, which a test checks.

use crate::color::Color;

pub mod ramps;

/// Visual constants for one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// CSS font family list (no quotes, so it is valid in SVG attributes and canvas fonts).
    pub font_family: String,
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

/// Vega's `category10` scheme.
pub const CATEGORY10: [Color; 10] = [
    Color::hex(0x1f77b4),
    Color::hex(0xff7f0e),
    Color::hex(0x2ca02c),
    Color::hex(0xd62728),
    Color::hex(0x9467bd),
    Color::hex(0x8c564b),
    Color::hex(0xe377c2),
    Color::hex(0x7f7f7f),
    Color::hex(0xbcbd22),
    Color::hex(0x17becf),
];

/// Vega's `set2` scheme (ColorBrewer).
pub const SET2: [Color; 8] = [
    Color::hex(0x66c2a5),
    Color::hex(0xfc8d62),
    Color::hex(0x8da0cb),
    Color::hex(0xe78ac3),
    Color::hex(0xa6d854),
    Color::hex(0xffd92f),
    Color::hex(0xe5c494),
    Color::hex(0xb3b3b3),
];

/// Vega's `dark2` scheme (ColorBrewer).
pub const DARK2: [Color; 8] = [
    Color::hex(0x1b9e77),
    Color::hex(0xd95f02),
    Color::hex(0x7570b3),
    Color::hex(0xe7298a),
    Color::hex(0x66a61e),
    Color::hex(0xe6ab02),
    Color::hex(0xa6761d),
    Color::hex(0x666666),
];

/// Vega's `category20` scheme (d3's category20).
pub const CATEGORY20: [Color; 20] = [
    Color::hex(0x1f77b4),
    Color::hex(0xaec7e8),
    Color::hex(0xff7f0e),
    Color::hex(0xffbb78),
    Color::hex(0x2ca02c),
    Color::hex(0x98df8a),
    Color::hex(0xd62728),
    Color::hex(0xff9896),
    Color::hex(0x9467bd),
    Color::hex(0xc5b0d5),
    Color::hex(0x8c564b),
    Color::hex(0xc49c94),
    Color::hex(0xe377c2),
    Color::hex(0xf7b6d2),
    Color::hex(0x7f7f7f),
    Color::hex(0xc7c7c7),
    Color::hex(0xbcbd22),
    Color::hex(0xdbdb8d),
    Color::hex(0x17becf),
    Color::hex(0x9edae5),
];

/// Vega's `category20b` scheme (d3's category20b).
pub const CATEGORY20B: [Color; 20] = [
    Color::hex(0x393b79),
    Color::hex(0x5254a3),
    Color::hex(0x6b6ecf),
    Color::hex(0x9c9ede),
    Color::hex(0x637939),
    Color::hex(0x8ca252),
    Color::hex(0xb5cf6b),
    Color::hex(0xcedb9c),
    Color::hex(0x8c6d31),
    Color::hex(0xbd9e39),
    Color::hex(0xe7ba52),
    Color::hex(0xe7cb94),
    Color::hex(0x843c39),
    Color::hex(0xad494a),
    Color::hex(0xd6616b),
    Color::hex(0xe7969c),
    Color::hex(0x7b4173),
    Color::hex(0xa55194),
    Color::hex(0xce6dbd),
    Color::hex(0xde9ed6),
];

/// Vega's `category20c` scheme (d3's category20c).
pub const CATEGORY20C: [Color; 20] = [
    Color::hex(0x3182bd),
    Color::hex(0x6baed6),
    Color::hex(0x9ecae1),
    Color::hex(0xc6dbef),
    Color::hex(0xe6550d),
    Color::hex(0xfd8d3c),
    Color::hex(0xfdae6b),
    Color::hex(0xfdd0a2),
    Color::hex(0x31a354),
    Color::hex(0x74c476),
    Color::hex(0xa1d99b),
    Color::hex(0xc7e9c0),
    Color::hex(0x756bb1),
    Color::hex(0x9e9ac8),
    Color::hex(0xbcbddc),
    Color::hex(0xdadaeb),
    Color::hex(0x636363),
    Color::hex(0x969696),
    Color::hex(0xbdbdbd),
    Color::hex(0xd9d9d9),
];

/// Vega's `tableau20` scheme (Tableau 20, as Vega lists it).
pub const TABLEAU20: [Color; 20] = [
    Color::hex(0x4c78a8),
    Color::hex(0x9ecae9),
    Color::hex(0xf58518),
    Color::hex(0xffbf79),
    Color::hex(0x54a24b),
    Color::hex(0x88d27a),
    Color::hex(0xb79a20),
    Color::hex(0xf2cf5b),
    Color::hex(0x439894),
    Color::hex(0x83bcb6),
    Color::hex(0xe45756),
    Color::hex(0xff9d98),
    Color::hex(0x79706e),
    Color::hex(0xbab0ac),
    Color::hex(0xd67195),
    Color::hex(0xfcbfd2),
    Color::hex(0xb279a2),
    Color::hex(0xd6a5c9),
    Color::hex(0x9e765f),
    Color::hex(0xd8b5a5),
];

/// Vega's `accent` scheme (ColorBrewer Accent, as Vega lists it).
pub const ACCENT: [Color; 8] = [
    Color::hex(0x7fc97f),
    Color::hex(0xbeaed4),
    Color::hex(0xfdc086),
    Color::hex(0xffff99),
    Color::hex(0x386cb0),
    Color::hex(0xf0027f),
    Color::hex(0xbf5b17),
    Color::hex(0x666666),
];

/// Vega's `paired` scheme (ColorBrewer Paired, as Vega lists it).
pub const PAIRED: [Color; 12] = [
    Color::hex(0xa6cee3),
    Color::hex(0x1f78b4),
    Color::hex(0xb2df8a),
    Color::hex(0x33a02c),
    Color::hex(0xfb9a99),
    Color::hex(0xe31a1c),
    Color::hex(0xfdbf6f),
    Color::hex(0xff7f00),
    Color::hex(0xcab2d6),
    Color::hex(0x6a3d9a),
    Color::hex(0xffff99),
    Color::hex(0xb15928),
];

/// Vega's `pastel1` scheme (ColorBrewer Pastel1, as Vega lists it).
pub const PASTEL1: [Color; 9] = [
    Color::hex(0xfbb4ae),
    Color::hex(0xb3cde3),
    Color::hex(0xccebc5),
    Color::hex(0xdecbe4),
    Color::hex(0xfed9a6),
    Color::hex(0xffffcc),
    Color::hex(0xe5d8bd),
    Color::hex(0xfddaec),
    Color::hex(0xf2f2f2),
];

/// Vega's `pastel2` scheme (ColorBrewer Pastel2, as Vega lists it).
pub const PASTEL2: [Color; 8] = [
    Color::hex(0xb3e2cd),
    Color::hex(0xfdcdac),
    Color::hex(0xcbd5e8),
    Color::hex(0xf4cae4),
    Color::hex(0xe6f5c9),
    Color::hex(0xfff2ae),
    Color::hex(0xf1e2cc),
    Color::hex(0xcccccc),
];

/// Vega's `set1` scheme (ColorBrewer Set1, as Vega lists it).
pub const SET1: [Color; 9] = [
    Color::hex(0xe41a1c),
    Color::hex(0x377eb8),
    Color::hex(0x4daf4a),
    Color::hex(0x984ea3),
    Color::hex(0xff7f00),
    Color::hex(0xffff33),
    Color::hex(0xa65628),
    Color::hex(0xf781bf),
    Color::hex(0x999999),
];

/// Vega's `set3` scheme (ColorBrewer Set3, as Vega lists it).
pub const SET3: [Color; 12] = [
    Color::hex(0x8dd3c7),
    Color::hex(0xffffb3),
    Color::hex(0xbebada),
    Color::hex(0xfb8072),
    Color::hex(0x80b1d3),
    Color::hex(0xfdb462),
    Color::hex(0xb3de69),
    Color::hex(0xfccde5),
    Color::hex(0xd9d9d9),
    Color::hex(0xbc80bd),
    Color::hex(0xccebc5),
    Color::hex(0xffed6f),
];

/// The categorical schemes `scale.scheme` accepts, by Vega name.
pub fn scheme(name: &str) -> Option<&'static [Color]> {
    match name {
        "tableau10" => Some(&TABLEAU10),
        "category10" => Some(&CATEGORY10),
        "set2" => Some(&SET2),
        "dark2" => Some(&DARK2),
        "category20" => Some(&CATEGORY20),
        "category20b" => Some(&CATEGORY20B),
        "category20c" => Some(&CATEGORY20C),
        "tableau20" => Some(&TABLEAU20),
        "accent" => Some(&ACCENT),
        "paired" => Some(&PAIRED),
        "pastel1" => Some(&PASTEL1),
        "pastel2" => Some(&PASTEL2),
        "set1" => Some(&SET1),
        "set3" => Some(&SET3),
        _ => None,
    }
}

/// Names of the schemes `scale.scheme` accepts.
pub fn scheme_names() -> &'static [&'static str] {
    &[
        "tableau10",
        "category10",
        "set2",
        "dark2",
        "category20",
        "category20b",
        "category20c",
        "tableau20",
        "accent",
        "paired",
        "pastel1",
        "pastel2",
        "set1",
        "set3",
    ]
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            font_family: "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, Helvetica Neue, Arial, sans-serif".to_string(),
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
    /// The same theme for a dark page (`prefers-color-scheme: dark`): dark background,
    /// light text reaching WCAG AA, dimmer grid. Mark colours stay (the categorical
    /// palettes read on both).
    pub fn dark(mut self) -> Theme {
        self.background = Color::hex(0x17191c);
        self.title_color = Color::hex(0xf0f2f4);
        self.subtitle_color = Color::hex(0xb9c0c8);
        self.label_color = Color::hex(0xb9c0c8);
        self.footer_color = Color::hex(0xa3abb5);
        self.grid_color = Color::hex(0x33383e);
        self.axis_color = Color::hex(0x6e7781);
        self
    }

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
    fn dark_text_colours_reach_wcag_aa_too() {
        let t = Theme::default().dark();
        for c in [
            t.title_color,
            t.subtitle_color,
            t.label_color,
            t.footer_color,
        ] {
            assert!(c.contrast(&t.background) >= 4.5, "{c}");
        }
    }

    #[test]
    fn palette_cycles() {
        let t = Theme::default();
        assert_eq!(t.category_color(0), t.category_color(10));
    }
}
