//! Colours: an RGBA value, parsed from the CSS notations specs use (`#4c78a8`, `#abc`,
//! `rgb(76,120,168)`, `rgba(…)`, a few names), and WCAG contrast arithmetic.

use std::fmt;

/// A colour with 8-bit channels and an opacity from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0.0 (transparent) to 1.0 (opaque).
    pub a: f32,
}

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 1.0 }
    }

    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(v: u32) -> Color {
        Color::rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    /// The same colour with its opacity multiplied by `opacity`.
    pub fn with_opacity(self, opacity: f32) -> Color {
        Color {
            a: (self.a * opacity).clamp(0.0, 1.0),
            ..self
        }
    }

    /// Parses a CSS colour: `#rgb`, `#rrggbb`, `rgb(r, g, b)`, `rgba(r, g, b, a)`, any of
    /// CSS's 148 named colours, or `transparent`. Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Color> {
        let t = text.trim().to_ascii_lowercase();
        if let Some(hex) = t.strip_prefix('#') {
            let digits: Vec<u8> = hex
                .chars()
                .map(|c| c.to_digit(16).map(|d| d as u8))
                .collect::<Option<_>>()?;
            return match digits.len() {
                3 => Some(Color::rgb(digits[0] * 17, digits[1] * 17, digits[2] * 17)),
                6 => Some(Color::rgb(
                    digits[0] * 16 + digits[1],
                    digits[2] * 16 + digits[3],
                    digits[4] * 16 + digits[5],
                )),
                _ => None,
            };
        }
        if let Some(inner) = t
            .strip_prefix("rgba(")
            .or_else(|| t.strip_prefix("rgb("))
            .and_then(|s| s.strip_suffix(')'))
        {
            let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
            if parts.len() != 3 && parts.len() != 4 {
                return None;
            }
            let channel = |s: &str| s.parse::<u8>().ok();
            let a = match parts.get(3) {
                // Parsed as f64 (one float parser in the wasm), then narrowed.
                Some(a) => crate::decimal::parse_f64(a)
                    .map(|a| a as f32)
                    .filter(|a| (0.0..=1.0).contains(a))?,
                None => 1.0,
            };
            return Some(Color {
                r: channel(parts[0])?,
                g: channel(parts[1])?,
                b: channel(parts[2])?,
                a,
            });
        }
        if t == "transparent" || t == "none" {
            return Some(Color {
                r: 0,
                g: 0,
                b: 0,
                a: 0.0,
            });
        }
        NAMED
            .binary_search_by(|(name, _)| (*name).cmp(t.as_str()))
            .ok()
            .map(|i| Color::hex(NAMED[i].1))
    }

    /// Relative luminance as WCAG 2 defines it (opacity ignored).
    pub fn luminance(&self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio between two opaque colours (1.0 to 21.0).
    pub fn contrast(&self, other: &Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

impl fmt::Display for Color {
    /// CSS notation: `#rrggbb` when opaque, `rgba(…)` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.a >= 1.0 {
            write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            write!(f, "rgba({},{},{},{})", self.r, self.g, self.b, self.a)
        }
    }
}

/// The 148 named colours of CSS Color Module Level 4, sorted by name (Vega-Lite specs use
/// them: "skyblue", "coral", "purple"…).
const NAMED: &[(&str, u32)] = &[
    ("aliceblue", 0xf0f8ff),
    ("antiquewhite", 0xfaebd7),
    ("aqua", 0x00ffff),
    ("aquamarine", 0x7fffd4),
    ("azure", 0xf0ffff),
    ("beige", 0xf5f5dc),
    ("bisque", 0xffe4c4),
    ("black", 0x000000),
    ("blanchedalmond", 0xffebcd),
    ("blue", 0x0000ff),
    ("blueviolet", 0x8a2be2),
    ("brown", 0xa52a2a),
    ("burlywood", 0xdeb887),
    ("cadetblue", 0x5f9ea0),
    ("chartreuse", 0x7fff00),
    ("chocolate", 0xd2691e),
    ("coral", 0xff7f50),
    ("cornflowerblue", 0x6495ed),
    ("cornsilk", 0xfff8dc),
    ("crimson", 0xdc143c),
    ("cyan", 0x00ffff),
    ("darkblue", 0x00008b),
    ("darkcyan", 0x008b8b),
    ("darkgoldenrod", 0xb8860b),
    ("darkgray", 0xa9a9a9),
    ("darkgreen", 0x006400),
    ("darkgrey", 0xa9a9a9),
    ("darkkhaki", 0xbdb76b),
    ("darkmagenta", 0x8b008b),
    ("darkolivegreen", 0x556b2f),
    ("darkorange", 0xff8c00),
    ("darkorchid", 0x9932cc),
    ("darkred", 0x8b0000),
    ("darksalmon", 0xe9967a),
    ("darkseagreen", 0x8fbc8f),
    ("darkslateblue", 0x483d8b),
    ("darkslategray", 0x2f4f4f),
    ("darkslategrey", 0x2f4f4f),
    ("darkturquoise", 0x00ced1),
    ("darkviolet", 0x9400d3),
    ("deeppink", 0xff1493),
    ("deepskyblue", 0x00bfff),
    ("dimgray", 0x696969),
    ("dimgrey", 0x696969),
    ("dodgerblue", 0x1e90ff),
    ("firebrick", 0xb22222),
    ("floralwhite", 0xfffaf0),
    ("forestgreen", 0x228b22),
    ("fuchsia", 0xff00ff),
    ("gainsboro", 0xdcdcdc),
    ("ghostwhite", 0xf8f8ff),
    ("gold", 0xffd700),
    ("goldenrod", 0xdaa520),
    ("gray", 0x808080),
    ("green", 0x008000),
    ("greenyellow", 0xadff2f),
    ("grey", 0x808080),
    ("honeydew", 0xf0fff0),
    ("hotpink", 0xff69b4),
    ("indianred", 0xcd5c5c),
    ("indigo", 0x4b0082),
    ("ivory", 0xfffff0),
    ("khaki", 0xf0e68c),
    ("lavender", 0xe6e6fa),
    ("lavenderblush", 0xfff0f5),
    ("lawngreen", 0x7cfc00),
    ("lemonchiffon", 0xfffacd),
    ("lightblue", 0xadd8e6),
    ("lightcoral", 0xf08080),
    ("lightcyan", 0xe0ffff),
    ("lightgoldenrodyellow", 0xfafad2),
    ("lightgray", 0xd3d3d3),
    ("lightgreen", 0x90ee90),
    ("lightgrey", 0xd3d3d3),
    ("lightpink", 0xffb6c1),
    ("lightsalmon", 0xffa07a),
    ("lightseagreen", 0x20b2aa),
    ("lightskyblue", 0x87cefa),
    ("lightslategray", 0x778899),
    ("lightslategrey", 0x778899),
    ("lightsteelblue", 0xb0c4de),
    ("lightyellow", 0xffffe0),
    ("lime", 0x00ff00),
    ("limegreen", 0x32cd32),
    ("linen", 0xfaf0e6),
    ("magenta", 0xff00ff),
    ("maroon", 0x800000),
    ("mediumaquamarine", 0x66cdaa),
    ("mediumblue", 0x0000cd),
    ("mediumorchid", 0xba55d3),
    ("mediumpurple", 0x9370db),
    ("mediumseagreen", 0x3cb371),
    ("mediumslateblue", 0x7b68ee),
    ("mediumspringgreen", 0x00fa9a),
    ("mediumturquoise", 0x48d1cc),
    ("mediumvioletred", 0xc71585),
    ("midnightblue", 0x191970),
    ("mintcream", 0xf5fffa),
    ("mistyrose", 0xffe4e1),
    ("moccasin", 0xffe4b5),
    ("navajowhite", 0xffdead),
    ("navy", 0x000080),
    ("oldlace", 0xfdf5e6),
    ("olive", 0x808000),
    ("olivedrab", 0x6b8e23),
    ("orange", 0xffa500),
    ("orangered", 0xff4500),
    ("orchid", 0xda70d6),
    ("palegoldenrod", 0xeee8aa),
    ("palegreen", 0x98fb98),
    ("paleturquoise", 0xafeeee),
    ("palevioletred", 0xdb7093),
    ("papayawhip", 0xffefd5),
    ("peachpuff", 0xffdab9),
    ("peru", 0xcd853f),
    ("pink", 0xffc0cb),
    ("plum", 0xdda0dd),
    ("powderblue", 0xb0e0e6),
    ("purple", 0x800080),
    ("rebeccapurple", 0x663399),
    ("red", 0xff0000),
    ("rosybrown", 0xbc8f8f),
    ("royalblue", 0x4169e1),
    ("saddlebrown", 0x8b4513),
    ("salmon", 0xfa8072),
    ("sandybrown", 0xf4a460),
    ("seagreen", 0x2e8b57),
    ("seashell", 0xfff5ee),
    ("sienna", 0xa0522d),
    ("silver", 0xc0c0c0),
    ("skyblue", 0x87ceeb),
    ("slateblue", 0x6a5acd),
    ("slategray", 0x708090),
    ("slategrey", 0x708090),
    ("snow", 0xfffafa),
    ("springgreen", 0x00ff7f),
    ("steelblue", 0x4682b4),
    ("tan", 0xd2b48c),
    ("teal", 0x008080),
    ("thistle", 0xd8bfd8),
    ("tomato", 0xff6347),
    ("turquoise", 0x40e0d0),
    ("violet", 0xee82ee),
    ("wheat", 0xf5deb3),
    ("white", 0xffffff),
    ("whitesmoke", 0xf5f5f5),
    ("yellow", 0xffff00),
    ("yellowgreen", 0x9acd32),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_short_long_rgb_and_names() {
        assert_eq!(Color::parse("#4c78a8"), Some(Color::rgb(0x4c, 0x78, 0xa8)));
        assert_eq!(Color::parse("#FFF"), Some(Color::rgb(255, 255, 255)));
        assert_eq!(Color::parse("rgb(1, 2, 3)"), Some(Color::rgb(1, 2, 3)));
        assert_eq!(
            Color::parse("rgba(1,2,3,0.5)"),
            Some(Color {
                r: 1,
                g: 2,
                b: 3,
                a: 0.5
            })
        );
        assert_eq!(Color::parse("SteelBlue"), Some(Color::hex(0x4682b4)));
        // Names Vega-Lite's gallery uses.
        assert_eq!(Color::parse("skyblue"), Some(Color::hex(0x87ceeb)));
        assert_eq!(Color::parse("coral"), Some(Color::hex(0xff7f50)));
        assert_eq!(Color::parse("purple"), Some(Color::hex(0x800080)));
        assert_eq!(Color::parse("rebeccapurple"), Some(Color::hex(0x663399)));
        assert_eq!(Color::parse("notacolour"), None);
        // The table is sorted: it is searched by halves.
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn alpha_reads_as_an_f32_parse_would() {
        for a in [
            "0",
            "0.1",
            "0.33",
            "0.5",
            "0.999",
            "0.123456789",
            "1",
            "1.00000001",
        ] {
            let c = Color::parse(&format!("rgba(1,2,3,{a})")).unwrap();
            assert_eq!(c.a, a.parse::<f32>().unwrap(), "{a}");
        }
    }

    #[test]
    fn rejects_malformed_colours() {
        for bad in [
            "#12",
            "#ggg",
            "rgb(1,2)",
            "rgb(300,0,0)",
            "rgba(1,2,3,2)",
            "blurple",
            "",
        ] {
            assert_eq!(Color::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let c = Color::rgb(0, 0, 0).contrast(&Color::rgb(255, 255, 255));
        assert!((c - 21.0).abs() < 1e-9);
    }

    #[test]
    fn displays_as_css() {
        assert_eq!(Color::hex(0x4c78a8).to_string(), "#4c78a8");
        assert_eq!(
            Color::rgb(1, 2, 3).with_opacity(0.5).to_string(),
            "rgba(1,2,3,0.5)"
        );
    }
}
