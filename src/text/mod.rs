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

/// Advance width of one character in ems.
pub fn char_em(c: char) -> f32 {
    match c {
        ' ' => 0.28,
        '0'..='9' => 0.56,
        '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'i' | 'l' | 'j' | '(' | ')' | '[' | ']' => 0.3,
        'f' | 't' | 'r' | 'I' | '-' | '/' => 0.38,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.86,
        'a'..='z' => 0.54,
        'A'..='Z' => 0.66,
        '\u{0}'..='\u{7f}' => 0.56,
        // CJK, fullwidth forms, kana, Hangul, CJK punctuation: one em.
        '\u{1100}'..='\u{11ff}'
        | '\u{2e80}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{20000}'..='\u{3ffff}' => 1.0,
        // Emoji and other pictographs are drawn wide.
        '\u{1f000}'..='\u{1faff}' => 1.25,
        _ => 0.62,
    }
}

/// Estimated width in CSS pixels of `text` at `size` px (bold is 6% wider).
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let ems: f32 = text.chars().map(char_em).sum();
    ems * size * if bold { 1.06 } else { 1.0 }
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
    let scale = if bold { 1.06 } else { 1.0 };
    for c in text.chars() {
        let w = char_em(c) * size * scale;
        if used + w + ellipsis > max_width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
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
