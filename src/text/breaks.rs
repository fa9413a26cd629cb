//! Where a line of text may end: UAX #14 line-break opportunities (through the
//! `unicode-linebreak` crate), adjusted for Chinese news text.
//!
//! UAX #14 already keeps closing punctuation (,。、)》) off the start of a line, opening
//! punctuation ((《“) off the end, Latin words and numbers with their separators
//! ("3,165,625", "GB/T") whole, and allows a break between any two ideographs. Two rules
//! of Chinese typesetting it does not know are added here:
//!
//! * **a number stays with its unit**: no break between a digit and the ideograph after
//!   it ("2024年", "80项", "316.6万", "19家"), nor between the ordinal prefix 第 and its
//!   number ("第3批");
//! * **a number stays with its sign**: "−5" is never split after the minus.
//!
//! Mandatory breaks (`\n`) are reported as such; callers lay out each paragraph alone.

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// A place where a line may end, as a byte offset into the text: the line is
/// `text[start..at]` and the next one starts at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// Byte offset of the first character of the next line.
    pub at: usize,
    /// The text requires a break here (a line feed).
    pub mandatory: bool,
}

/// True for the ideographs (and fullwidth forms) that a number's unit is written in.
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3ffff}')
}

/// Every break opportunity of `text` after its start, in order; the end of the text is
/// the last (mandatory). Empty for empty text.
pub fn breaks(text: &str) -> Vec<Break> {
    let mut out: Vec<Break> = Vec::new();
    let mut prev = (None, None);
    for (i, c) in text.char_indices() {
        // In Chinese text an ASCII comma, semicolon or colon after an ideograph ends a
        // clause as its full-width form does: a line may end after it even before a
        // digit (UAX #14 keeps "布;2023" together, reading a numeric separator).
        if let (Some(b), Some(p)) = prev {
            if matches!(p, ',' | ';' | ':') && is_ideograph(b) {
                out.push(Break {
                    at: i,
                    mandatory: false,
                });
            }
        }
        prev = (prev.1, Some(c));
    }
    for (at, kind) in linebreaks(text) {
        let mandatory = kind == BreakOpportunity::Mandatory;
        if !mandatory && glued(text, at) {
            continue;
        }
        out.push(Break { at, mandatory });
    }
    out.sort_by_key(|b| (b.at, !b.mandatory));
    out.dedup_by_key(|b| b.at);
    out
}

/// True when the UAX #14 opportunity at `at` would split a number from its unit or its
/// ordinal prefix.
fn glued(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return false;
    };
    (before.is_ascii_digit() && is_ideograph(after))
        || (before == '第' && after.is_ascii_digit())
        || (matches!(before, '-' | '−' | '+') && after.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of `text` between its break opportunities.
    fn pieces(text: &str) -> Vec<&str> {
        let mut start = 0;
        breaks(text)
            .into_iter()
            .map(|b| {
                let p = &text[start..b.at];
                start = b.at;
                p
            })
            .collect()
    }

    #[test]
    fn ideographs_break_between_any_two() {
        assert_eq!(pieces("国家标准"), ["国", "家", "标", "准"]);
    }

    #[test]
    fn numbers_with_separators_stay_whole() {
        assert_eq!(pieces("共3,165,625项"), ["共", "3,165,625项"]);
        assert_eq!(pieces("增长12.5%"), ["增", "长", "12.5%"]);
    }

    #[test]
    fn a_number_keeps_its_unit_and_its_ordinal_prefix() {
        assert_eq!(pieces("2024年"), ["2024年"]);
        assert_eq!(pieces("80项国家标准"), ["80项", "国", "家", "标", "准"]);
        assert_eq!(pieces("316.6万"), ["316.6万"]);
        assert_eq!(pieces("第3批试点"), ["第3批", "试", "点"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line_nor_opening_ends_one() {
        // The comma and the closing book-title mark stay with the character before
        // them; the opening mark with the character after it.
        assert_eq!(pieces("阳泉,太原"), ["阳", "泉,", "太", "原"]);
        assert_eq!(pieces("《报告》发布"), ["《报", "告》", "发", "布"]);
        assert_eq!(
            pieces("标准。试点、项目"),
            ["标", "准。", "试", "点、", "项", "目"]
        );
    }

    #[test]
    fn latin_words_break_only_at_spaces() {
        assert_eq!(pieces("National standards"), ["National ", "standards"]);
        assert_eq!(pieces("GB/T 15835"), ["GB/", "T ", "15835"]);
    }

    #[test]
    fn ascii_clause_punctuation_after_chinese_ends_a_clause() {
        assert_eq!(pieces("发布;2023年"), ["发", "布;", "2023年"]);
        // Between digits it stays a separator.
        assert_eq!(pieces("1,000项"), ["1,000项"]);
    }

    #[test]
    fn emoji_may_stand_alone() {
        assert_eq!(pieces("标准📈"), ["标", "准", "📈"]);
    }

    #[test]
    fn line_feeds_are_mandatory() {
        let b = breaks("标准\n试点");
        assert!(b.iter().any(|b| b.mandatory && b.at == "标准\n".len()));
    }
}
