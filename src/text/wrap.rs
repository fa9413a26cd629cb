//! Lines from text: where to break a label, title or note so that every line fits.
//!
//! Break opportunities come from [`super::breaks`]. Among the breakings that use the
//! fewest lines, the one chosen has no one-character last line where another exists and
//! the most even lines ("省级地/方标准", not "省级地方标/准"), as CSS `text-wrap: balance`
//! sets a heading. A piece wider than the whole line (a long Latin word or a URL) is the
//! only thing ever broken inside, between characters, so no text is lost.

use super::breaks::breaks;
use super::{char_width, width};

/// A piece of text between two break opportunities, measured.
struct Piece<'a> {
    text: &'a str,
    /// Width with any trailing spaces, px.
    full: f32,
    /// Width without trailing spaces (as it ends a line), px.
    bare: f32,
}

/// The pieces of one paragraph (no line feeds), each no wider than `max_width` unless a
/// single character is.
fn pieces<'a>(para: &'a str, size: f32, bold: bool, max_width: f32) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    for b in breaks(para) {
        let piece = &para[start..b.at];
        start = b.at;
        if piece.is_empty() {
            continue;
        }
        if width(piece.trim_end(), size, bold) <= max_width {
            out.push(measure(piece, size, bold));
            continue;
        }
        // Too wide for any line: break between characters, as much as fits each time.
        let mut from = 0;
        let mut used = 0.0;
        for (i, c) in piece.char_indices() {
            let w = char_width(c, size, bold);
            if used + w > max_width && i > from {
                out.push(measure(&piece[from..i], size, bold));
                from = i;
                used = 0.0;
            }
            used += w;
        }
        if from < piece.len() {
            out.push(measure(&piece[from..], size, bold));
        }
    }
    out
}

fn measure(text: &str, size: f32, bold: bool) -> Piece<'_> {
    Piece {
        text,
        full: width(text, size, bold),
        bare: width(text.trim_end(), size, bold),
    }
}

/// True when a line ending with `piece` ends a clause: after a space or punctuation.
fn ends_clause(piece: &str) -> bool {
    piece.ends_with(|c: char| {
        " ,\u{ff0c}\u{3001};\u{ff1b}:\u{ff1a}\u{3002})\u{ff09}\u{300b}\u{300d}\u{201d}".contains(c)
    })
}

/// Width of the line made of `pieces` (its trailing spaces not counted).
fn line_width(pieces: &[Piece<'_>]) -> f32 {
    match pieces.split_last() {
        Some((last, rest)) => rest.iter().map(|p| p.full).sum::<f32>() + last.bare,
        None => 0.0,
    }
}

/// The line made of `pieces`, trailing spaces removed.
fn line_text(pieces: &[Piece<'_>]) -> String {
    let s: String = pieces.iter().map(|p| p.text).collect();
    s.trim_end().to_string()
}

/// The piece index each line starts at when lines are filled greedily (each as full as
/// it can be).
fn greedy_starts(pieces: &[Piece<'_>], max_width: f32) -> Vec<usize> {
    let mut starts = vec![0];
    let mut start = 0;
    let mut end = 1;
    while end <= pieces.len() {
        if line_width(&pieces[start..end]) > max_width && end - 1 > start {
            // Where the line may also end after punctuation or a space and stay at least
            // three quarters full, it ends there: a clause is not split needlessly.
            let next = (start + 1..end)
                .rev()
                .find(|&i| {
                    pieces[i - 1].text.ends_with(|c: char| {
                        " ,\u{ff0c}\u{3001};\u{ff1b}:\u{ff1a}\u{3002})\u{ff09}\u{300b}\u{300d}"
                            .contains(c)
                    }) && line_width(&pieces[start..i]) >= 0.75 * max_width
                })
                .unwrap_or(end - 1);
            start = next;
            starts.push(start);
            end = start + 1;
            continue;
        }
        end += 1;
    }
    starts
}

/// Breaks one paragraph into exactly `n` lines no wider than `limit`, minimising
/// (`clauses` ? the number of lines ending inside a clause : 0, then the widest line).
/// Returns the piece index each line starts at and the widest line's width.
fn even_starts(
    pieces: &[Piece<'_>],
    n: usize,
    limit: f32,
    clauses: bool,
) -> Option<(Vec<usize>, f32)> {
    let k = pieces.len();
    if n == 0 || n > k {
        return None;
    }
    // best[j][l]: the least (inside-clause ends, widest line) laying pieces[..j] on l
    // lines, and the start of the last of those lines.
    let inf = (usize::MAX, f32::INFINITY);
    let mut best = vec![vec![(inf, 0usize); n + 1]; k + 1];
    best[0][0] = ((0, 0.0), 0);
    for l in 1..=n {
        for j in l..=k {
            for i in (l - 1)..j {
                let (prev_ends, prev_w) = best[i][l - 1].0;
                if prev_w == f32::INFINITY {
                    continue;
                }
                let w = line_width(&pieces[i..j]);
                if w > limit + 0.01 {
                    continue;
                }
                let inside = usize::from(clauses && j < k && !ends_clause(pieces[j - 1].text));
                let cost = (prev_ends + inside, prev_w.max(w));
                let old = best[j][l].0;
                if cost.0 < old.0 || (cost.0 == old.0 && cost.1 < old.1) {
                    best[j][l] = (cost, i);
                }
            }
        }
    }
    let widest = best[k][n].0 .1;
    if widest == f32::INFINITY {
        return None;
    }
    let mut starts = vec![0; n];
    let mut j = k;
    for l in (1..=n).rev() {
        let i = best[j][l].1;
        starts[l - 1] = i;
        j = i;
    }
    Some((starts, widest))
}

/// The most even breaking of one paragraph into `n` lines that fit `max_width`: the
/// least widest line — except that lines ending after punctuation win over lines ending
/// inside a clause while the widest line grows by at most three characters.
fn balanced(pieces: &[Piece<'_>], n: usize, max_width: f32, size: f32) -> Option<Vec<usize>> {
    let (starts, widest) = even_starts(pieces, n, max_width, false)?;
    let limit = max_width.min(widest + 3.0 * size);
    Some(even_starts(pieces, n, limit, true).map_or(starts, |(s, _)| s))
}

/// How the lines of a paragraph are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// As even as they can be, in the fewest lines: titles, labels, legend entries.
    Balanced,
    /// Each as full as it can be: running text such as source and note lines.
    Greedy,
}

/// One paragraph as lines.
fn paragraph(para: &str, size: f32, bold: bool, max_width: f32, fill: Fill) -> Vec<String> {
    let pieces = pieces(para, size, bold, max_width);
    if pieces.is_empty() {
        return vec![String::new()];
    }
    let greedy = greedy_starts(&pieces, max_width);
    let n = greedy.len();
    let lines_from = |starts: &[usize]| -> Vec<String> {
        starts
            .iter()
            .enumerate()
            .map(|(l, &s)| {
                let e = starts.get(l + 1).copied().unwrap_or(pieces.len());
                line_text(&pieces[s..e])
            })
            .collect()
    };
    if n == 1 {
        return vec![line_text(&pieces)];
    }
    let starts = match fill {
        Fill::Greedy => greedy,
        Fill::Balanced => balanced(&pieces, n, max_width, size).unwrap_or(greedy),
    };
    let lines = lines_from(&starts);
    // A one-character last line, where moving the break back keeps the same count and
    // leaves more than one character there: take the balanced breaking of the pieces
    // before the last two, so the orphan gets company.
    if lines.last().is_some_and(|l| l.chars().count() == 1) && pieces.len() > n {
        let mut starts2 = starts.clone();
        if let Some(last) = starts2.last_mut() {
            if *last > 0 && *last - 1 > starts[n - 2] {
                *last -= 1;
                let ok = (0..n).all(|l| {
                    let e = starts2.get(l + 1).copied().unwrap_or(pieces.len());
                    line_width(&pieces[starts2[l]..e]) <= max_width + 0.01
                });
                if ok {
                    return lines_from(&starts2);
                }
            }
        }
    }
    lines
}

/// Breaks `text` into lines no wider than `max_width` px (at `size` px, bold or not),
/// never dropping or shortening anything: line feeds are kept, breaks follow
/// [`super::breaks`], lines are balanced, and only a piece wider than a whole line is
/// split between characters.
pub fn lines(text: &str, size: f32, bold: bool, max_width: f32) -> Vec<String> {
    lines_filled(text, size, bold, max_width, Fill::Balanced)
}

/// As [`lines`], with the lines filled as `fill` says (running text fills greedily).
pub fn lines_filled(text: &str, size: f32, bold: bool, max_width: f32, fill: Fill) -> Vec<String> {
    text.split('\n')
        .flat_map(|para| paragraph(para, size, bold, max_width.max(size), fill))
        .collect()
}

/// As [`lines`], but at most `max_lines` lines: when more are needed the last one shown
/// ends in `…` — only for limits a spec asked for (Vega-Lite's `labelLimit`,
/// `title.limit`) or a caller that says so on screen.
pub fn wrap(text: &str, size: f32, bold: bool, max_width: f32, max_lines: usize) -> Vec<String> {
    let mut all = lines(text, size, bold, max_width);
    if all.len() > max_lines.max(1) {
        let keep = max_lines.max(1);
        let rest = all[keep - 1..].concat();
        all.truncate(keep - 1);
        all.push(super::fit(&rest, size, bold, max_width));
    }
    all
}

/// The width of the widest piece of `text` that no break may split, px: the narrowest
/// width `text` can wrap to without breaking inside a word or a number with its unit.
pub fn min_width(text: &str, size: f32, bold: bool) -> f32 {
    text.split('\n')
        .flat_map(|para| pieces(para, size, bold, f32::INFINITY))
        .map(|p| p.bare)
        .fold(0.0, f32::max)
}

/// Width of the widest of `lines`, px.
pub fn widest(lines: &[String], size: f32, bold: bool) -> f32 {
    lines
        .iter()
        .map(|l| width(l, size, bold))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: f32 = 12.0;

    /// The lines of `text` at a width of `chars` ideographs.
    fn at(text: &str, chars: f32) -> Vec<String> {
        lines(text, S, false, chars * S)
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(at("国家标准", 10.0), ["国家标准"]);
    }

    #[test]
    fn two_lines_are_balanced_not_greedy() {
        // Greedy would give 省级地方标 / 准.
        assert_eq!(at("省级地方标准", 5.0), ["省级地", "方标准"]);
        assert_eq!(at("市级地方标准", 4.0), ["市级地", "方标准"]);
    }

    #[test]
    fn even_lines_prefer_to_end_a_clause() {
        // Not "年末现行国家、行业(备" / "案)、地方(备案)标准,单位:项".
        let ls = at("年末现行国家、行业(备案)、地方(备案)标准,单位:项", 22.0);
        assert_eq!(ls.len(), 2);
        assert!(ls[0].ends_with('、') || ls[0].ends_with(','), "{ls:?}");
    }

    #[test]
    fn no_one_character_last_line_when_another_break_exists() {
        let ls = at("阳泉市主持制定的国家标准", 11.0);
        assert_eq!(ls.len(), 2);
        assert!(ls.iter().all(|l| l.chars().count() > 1), "{ls:?}");
    }

    #[test]
    fn numbers_stay_whole_with_their_unit() {
        for ls in [at("共发布3,165,625项标准", 6.0), at("2024年发布80项", 4.0)] {
            let joined = ls.concat();
            assert!(
                ls.iter()
                    .all(|l| !l.starts_with('年') && !l.starts_with('项')),
                "{ls:?}"
            );
            assert!(joined.contains("3,165,625项") || joined.contains("2024年"));
            for l in &ls {
                assert!(!l.ends_with(','), "{ls:?}");
            }
        }
        let ls = at("共发布3,165,625项标准", 6.0);
        assert!(ls.iter().any(|l| l.contains("3,165,625项")), "{ls:?}");
        let ls = at("2024年发布80项", 4.0);
        assert!(ls.iter().any(|l| l.contains("2024年")), "{ls:?}");
        assert!(ls.iter().any(|l| l.contains("80项")), "{ls:?}");
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // From the widest piece that no break may split (",2024年", 3.5 em) up.
        for w in 4..12 {
            let ls = at("来源:《中国质量报》,2024年1月10日。", w as f32);
            for l in &ls {
                let first = l.chars().next().unwrap_or(' ');
                assert!(!",。、)》”:".contains(first), "width {w}: {ls:?}");
                let last = l.chars().last().unwrap_or(' ');
                assert!(!"(《“".contains(last), "width {w}: {ls:?}");
            }
            assert_eq!(ls.concat(), "来源:《中国质量报》,2024年1月10日。");
        }
    }

    #[test]
    fn latin_words_are_never_split_when_they_fit() {
        let ls = lines("National standards in force", S, false, 100.0);
        assert!(ls.len() > 1, "{ls:?}");
        for l in &ls {
            for word in l.split(' ') {
                assert!(
                    ["National", "standards", "in", "force"].contains(&word),
                    "{ls:?}"
                );
            }
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_split_and_kept_whole_in_sum() {
        let url = "https://www.sac.gov.cn/xxgk/zcwj/";
        let ls = lines(url, S, false, 60.0);
        assert!(ls.len() > 1);
        assert_eq!(ls.concat(), url);
        assert!(
            ls.iter().all(|l| width(l, S, false) <= 60.0 + 0.01),
            "{ls:?}"
        );
    }

    #[test]
    fn every_line_fits_and_nothing_is_lost() {
        let s = "来源:国家市场监督管理总局、国家标准化管理委员会《中国标准化发展年度报告》(2022年度报告2023-04-19发布)";
        for w in [60.0, 100.0, 200.0, 320.0] {
            let ls = lines(s, 11.0, false, w);
            assert_eq!(ls.concat(), s, "width {w}");
            assert!(
                ls.iter().all(|l| width(l, 11.0, false) <= w + 0.01),
                "{ls:?}"
            );
        }
    }

    #[test]
    fn running_text_fills_greedily_but_leaves_no_orphan() {
        let s = "来源:国家市场监督管理总局《中国标准化发展年度报告》";
        let greedy = lines_filled(s, S, false, 20.0 * S, Fill::Greedy);
        assert_eq!(greedy[0].chars().count(), 20, "{greedy:?}");
        let even = lines(s, S, false, 20.0 * S);
        assert!(even[0].chars().count() < 20, "{even:?}");
        // 21 characters at 20 a line: greedy would leave the last one alone, so one more
        // moves down to keep it company.
        let g = lines_filled(
            "国家标准国家标准国家标准国家标准国家标准国",
            S,
            false,
            20.0 * S,
            Fill::Greedy,
        );
        assert!(g.last().is_some_and(|l| l.chars().count() > 1), "{g:?}");
    }

    #[test]
    fn line_feeds_start_new_lines() {
        assert_eq!(at("国家标准\n80项", 10.0), ["国家标准", "80项"]);
    }

    #[test]
    fn wrap_cuts_only_past_its_line_limit() {
        assert_eq!(
            wrap("省级地方标准", S, false, 3.0 * S, 2),
            ["省级地", "方标准"]
        );
        let cut = wrap("省级地方标准市级地方标准", S, false, 3.0 * S, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
    }

    #[test]
    fn min_width_is_the_widest_unbreakable_piece() {
        assert_eq!(min_width("国家标准", S, false), S);
        assert!(min_width("2024年", S, false) > 2.0 * S);
    }
}
