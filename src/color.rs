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

    /// Parses a CSS colour: `#rgb`, `#rrggbb`, `rgb(r, g, b)`, `rgba(r, g, b, a)` or a
    /// basic named colour. Returns `None` for anything else.
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
            .iter()
            .find(|(name, _)| *name == t)
            .map(|(_, v)| Color::hex(*v))
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

const NAMED: &[(&str, u32)] = &[
    ("black", 0x000000),
    ("white", 0xffffff),
    ("gray", 0x808080),
    ("grey", 0x808080),
    ("red", 0xff0000),
    ("green", 0x008000),
    ("blue", 0x0000ff),
    ("orange", 0xffa500),
    ("steelblue", 0x4682b4),
    ("firebrick", 0xb22222),
    ("teal", 0x008080),
    ("navy", 0x000080),
    ("darkgray", 0xa9a9a9),
    ("lightgray", 0xd3d3d3),
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
