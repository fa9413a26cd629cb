//! Text measurement in CSS pixels, the same on every backend.
//!
//! plotters' backends measure text differently (the canvas by the browser's fonts, the SVG
//! backend not at all), and a layout that asks the backend comes out different on each —
//! TOOLCHAIN.md records a plot area squeezed on canvas only. So the layout measures text
//! here, with per-character advance widths that err on the wide side for the sans-serif
//! faces we name (Noto Sans CJK, PingFang, Microsoft YaHei, Arial): CJK ideographs are one
//! em, digits a little over half an em. Backends then only place text at given anchors.
//!
//! Where lines break is decided here too, once for every kind of text: [`breaks`] finds
//! the opportunities (UAX #14 plus the number-and-unit rule of Chinese typesetting) and
//! [`wrap`] chooses among them.

pub mod breaks;
pub mod wrap;

pub use wrap::{lines, lines_filled, min_width, widest, wrap, Fill};

/// Advance widths of the printable ASCII characters (space to `~`), in hundredths of an
/// em: Noto Sans CJK SC's (the face pages and the CLI name first, `fonts-noto-cjk`), as
/// Chromium's `measureText` reports them, plus 2 % and rounded up, so the layout errs on
/// the wide side. tests/web_text.rs checks every text of every example against the
/// browser.
const ASCII_REGULAR: [u8; 95] = [
    23, 33, 49, 57, 57, 94, 70, 29, 35, 35, 48, 57, 29, 36, 29, 40, 57, 57, 57, 57, 57, 57, 57, 57,
    57, 57, 29, 29, 57, 57, 57, 49, 97, 63, 68, 66, 71, 61, 57, 71, 75, 30, 55, 66, 56, 83, 74, 76,
    65, 76, 65, 61, 62, 74, 59, 90, 59, 55, 62, 35, 40, 35, 57, 58, 62, 58, 64, 53, 64, 57, 34, 58,
    62, 29, 29, 57, 29, 95, 63, 62, 64, 64, 40, 48, 39, 62, 54, 82, 51, 54, 49, 35, 28, 35, 57,
];

/// The same for bold text.
const ASCII_BOLD: [u8; 95] = [
    24, 38, 59, 61, 61, 99, 76, 34, 39, 39, 52, 61, 34, 38, 34, 40, 61, 61, 61, 61, 61, 61, 61, 61,
    61, 61, 34, 34, 61, 61, 61, 53, 103, 66, 70, 67, 73, 63, 60, 74, 78, 34, 58, 70, 59, 88, 77,
    79, 69, 79, 70, 64, 64, 77, 64, 94, 64, 60, 63, 39, 40, 39, 61, 58, 64, 61, 66, 54, 66, 60, 38,
    61, 66, 32, 32, 62, 33, 99, 66, 64, 66, 66, 45, 51, 43, 65, 59, 89, 58, 59, 53, 39, 31, 39, 61,
];

/// Advance width of one character in ems, regular weight.
pub fn char_em(c: char) -> f32 {
    char_em_weighted(c, false)
}

/// Advance width of one character in ems, bold or regular.
pub fn char_em_weighted(c: char, bold: bool) -> f32 {
    let table = if bold { &ASCII_BOLD } else { &ASCII_REGULAR };
    match c {
        ' '..='~' => f32::from(table[c as usize - 0x20]) / 100.0,
        // CJK, fullwidth forms, kana, Hangul, CJK punctuation — and the punctuation and
        // symbols that CJK faces set full width: curly quotes, ellipsis, middle dot,
        // bullets, arrows, ×, ÷, ±, ≤, ≥, ℃, ‰, geometric shapes (▲▼●■◆★).
        '\u{1100}'..='\u{11ff}'
        | '\u{2e80}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{3ffff}'
        | '\u{2018}'..='\u{201f}'
        | '\u{2022}'..='\u{2027}'
        | '\u{2030}'..='\u{2031}'
        | '\u{2100}'..='\u{21ff}'
        | '\u{2200}'..='\u{22ff}'
        | '\u{25a0}'..='\u{27bf}'
        | '\u{b7}'
        | '\u{b1}'
        | '\u{d7}'
        | '\u{f7}' => 1.0,
        // Dashes: the em dash is nine tenths of an em in CJK faces.
        '\u{2014}' | '\u{2015}' => 0.92,
        // Emoji and other pictographs are drawn wide.
        '\u{1f000}'..='\u{1faff}' => 1.25,
        _ => {
            if bold {
                0.72
            } else {
                0.66
            }
        }
    }
}

/// Width in CSS pixels of one character at `size` px.
pub fn char_width(c: char, size: f32, bold: bool) -> f32 {
    char_em_weighted(c, bold) * size
}

/// Estimated width in CSS pixels of `text` at `size` px.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let ems: f32 = text.chars().map(|c| char_em_weighted(c, bold)).sum();
    ems * size
}

/// Line height in CSS pixels used for a line of `size` px text.
pub fn line_height(size: f32) -> f32 {
    (size * 1.3).ceil()
}

/// Shortens `text` with a trailing `…` so that it fits `max_width` px; returns it
/// unchanged when it fits. Never splits a character.
pub fn fit(text: &str, size: f32, bold: bool, max_width: f32) -> String {
    if width(text, size, bold) <= max_width {
        return text.to_string();
    }
    let ellipsis = width("…", size, bold).max(size * 0.6);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_width(c, size, bold);
        if used + w + ellipsis > max_width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Whether `s` has a Chinese character (a CJK unified ideograph of the Basic Multilingual
/// Plane, extension A, or a compatibility ideograph): what tells a Chinese spec or chart
/// from one in another language.
pub fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_one_em_per_character() {
        assert_eq!(width("国家标准", 12.0, false), 48.0);
    }

    #[test]
    fn digits_are_narrower_than_cjk() {
        assert!(width("80", 12.0, false) < width("国家", 12.0, false));
    }

    #[test]
    fn fit_keeps_short_text_and_ellipsizes_long_text_within_the_width() {
        assert_eq!(fit("国家标准", 12.0, false, 100.0), "国家标准");
        let cut = fit("市级地方标准市级地方标准", 12.0, false, 60.0);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 12.0, false) <= 60.0 + 0.01, "{cut}");
    }

    #[test]
    fn fit_with_no_room_gives_just_the_ellipsis() {
        assert_eq!(fit("国家标准", 12.0, false, 1.0), "…");
    }
}
