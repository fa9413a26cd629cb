//! Text encodings of data files: bytes → `str`, detecting what analysts' files really are.
//!
//! Excel on Chinese Windows saves "CSV" in GBK (the system code page 936); Excel's
//! "Unicode text" is UTF-16 with a byte-order mark; everything else is UTF-8, often with
//! a BOM. Detection, in order:
//!
//! 1. a byte-order mark: UTF-8, UTF-16LE or UTF-16BE (the BOM is removed);
//! 2. valid UTF-8;
//! 3. *mostly* UTF-8: the bytes hold many valid multi-byte UTF-8 characters and only a few
//!    malformed sequences (a file cut off mid-character, a stray byte) — decoded as UTF-8
//!    with the bad sequences replaced, rather than turning every Chinese character into
//!    GB18030 mojibake;
//! 4. otherwise GB18030, the superset of GBK.
//!
//! UTF-8 and UTF-16 are decoded by the standard library; GB18030 by encoding_rs natively
//! and in the explorer's wasm, by the browser's `TextDecoder` in the chart wasm (see
//! [`set_gb18030_decoder`]: chart pages carry no decoding tables); [`Decoded::replaced`]
//! says whether malformed sequences were replaced by U+FFFD so that the loader can warn.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The UTF-8 byte-order mark.
pub(crate) const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Text decoded from a data file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark. Borrowed when the input was UTF-8 already.
    pub text: Cow<'a, str>,
    /// The WHATWG name of the encoding used: `UTF-8`, `UTF-16LE`, `UTF-16BE` or
    /// `gb18030`.
    pub encoding: &'static str,
    /// Whether the input started with a byte-order mark.
    pub had_bom: bool,
    /// Whether malformed byte sequences had to be replaced by U+FFFD.
    pub replaced: bool,
    /// Whether the lines are in different encodings (a UTF-8 file with lines pasted from
    /// a GBK one): each line was then decoded in its own, UTF-8 or GB18030.
    pub mixed: bool,
}

/// The warning for [`Decoded::mixed`] input.
pub const MIXED_WARNING: &str = "the file mixes encodings (UTF-8 lines and GBK/GB18030 lines); each line was read in its own: save the file in one encoding";

/// A GB18030 decoder: bytes in, text with U+FFFD for malformed sequences out.
pub type Gb18030Decoder = fn(&[u8]) -> String;

static GB18030_DECODER: OnceLock<Gb18030Decoder> = OnceLock::new();

/// Installs the GB18030 decoder for targets without encoding_rs (the browser glue installs
/// the browser's own `TextDecoder("gb18030")`, so the wasm module carries no tables).
/// The first installed decoder stays.
pub fn set_gb18030_decoder(decoder: Gb18030Decoder) {
    let _ = GB18030_DECODER.set(decoder);
}

/// GB18030 text of `bytes`, malformed sequences replaced by U+FFFD. An ASCII byte is always
/// its own character (never part of a malformed sequence), so text cut at line breaks
/// decodes piece by piece to the same text. With encoding_rs natively and in the
/// explorer's wasm (feature `explore`).
#[cfg(any(not(target_arch = "wasm32"), feature = "explore"))]
pub(crate) fn gb18030(bytes: &[u8]) -> String {
    match GB18030_DECODER.get() {
        Some(d) => d(bytes),
        None => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// GB18030 text of `bytes` (see the native version), by the decoder the chart wasm's glue
/// installs (the browser's).
#[cfg(all(target_arch = "wasm32", not(feature = "explore")))]
pub(crate) fn gb18030(bytes: &[u8]) -> String {
    match GB18030_DECODER.get() {
        Some(d) => d(bytes),
        // No decoder installed: every non-ASCII byte is unreadable, and says so.
        None => bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '\u{fffd}' })
            .collect(),
    }
}

fn utf16(body: &[u8], big_endian: bool) -> (String, bool) {
    let units = body.chunks(2).map(|c| match (c, big_endian) {
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut replaced = body.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                replaced = true;
                '\u{fffd}'
            })
        })
        .collect();
    (text, replaced)
}

/// Decodes a data file's bytes, detecting the encoding (see the module documentation).
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let bom = |enc: &'static str, len: usize| Some((enc, len));
    let found = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => bom("UTF-8", 3),
        [0xFF, 0xFE, ..] => bom("UTF-16LE", 2),
        [0xFE, 0xFF, ..] => bom("UTF-16BE", 2),
        _ => None,
    };
    if let Some((encoding, len)) = found {
        let body = bytes.get(len..).unwrap_or_default();
        let (text, replaced) = match encoding {
            "UTF-8" => {
                let t = String::from_utf8_lossy(body);
                let replaced = matches!(t, Cow::Owned(_));
                (t, replaced)
            }
            e => {
                let (t, r) = utf16(body, e == "UTF-16BE");
                (Cow::Owned(t), r)
            }
        };
        return Decoded {
            text,
            encoding,
            had_bom: true,
            replaced,
            mixed: false,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            had_bom: false,
            replaced: false,
            mixed: false,
        };
    }
    if mostly_utf8(bytes) {
        return Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: "UTF-8",
            had_bom: false,
            replaced: true,
            mixed: false,
        };
    }
    if let Some(text) = mixed_lines(bytes) {
        let replaced = text.contains('\u{fffd}');
        return Decoded {
            text: Cow::Owned(text),
            encoding: "gb18030",
            had_bom: false,
            replaced,
            mixed: true,
        };
    }
    let text = gb18030(bytes);
    let replaced = text.contains('\u{fffd}');
    Decoded {
        text: Cow::Owned(text),
        encoding: "gb18030",
        had_bom: false,
        replaced,
        mixed: false,
    }
}

/// Line by line, when some lines are UTF-8 with Chinese in them and others are not UTF-8
/// at all: the UTF-8 lines as UTF-8, the rest as GB18030. `None` when the input is not
/// such a mixture (a GBK line is valid UTF-8 with two or more multi-byte characters
/// almost never).
fn mixed_lines(bytes: &[u8]) -> Option<String> {
    let lines = || bytes.split_inclusive(|b| *b == b'\n');
    if !lines().any(utf8_with_chinese) {
        return None;
    }
    let mut out = String::with_capacity(bytes.len());
    for line in lines() {
        match std::str::from_utf8(line) {
            Ok(t) => out.push_str(t),
            Err(_) => out.push_str(&gb18030(line)),
        }
    }
    Some(out)
}

/// Whether a line (its bytes) is valid UTF-8 holding two or more multi-byte characters:
/// a UTF-8 line with Chinese in it, which a GBK line almost never is.
pub(crate) fn utf8_with_chinese(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|t| t.chars().filter(|c| c.len_utf8() > 1).nth(1).is_some())
}

/// How much of some bytes reads as UTF-8: valid multi-byte characters, malformed
/// sequences, and whether the bytes end inside a character. Counts of pieces cut at line
/// breaks add up to the counts of the whole (an ASCII byte ends any sequence).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Utf8Counts {
    /// Valid multi-byte characters.
    pub multibyte: usize,
    /// Malformed sequences.
    pub malformed: usize,
    /// Whether the bytes end inside a character (the last malformed sequence).
    pub cut_off: bool,
}

impl Utf8Counts {
    /// The counts of `bytes`: each malformed sequence is what `std::str::from_utf8` would
    /// report (its `error_len`, or the bytes' end inside a character), in one pass — GBK
    /// text is malformed UTF-8 every two bytes, and restarting the standard check after
    /// each error took seconds on a 100 MB file.
    pub(crate) fn of(bytes: &[u8]) -> Utf8Counts {
        let mut counts = Utf8Counts::default();
        let cont = |i: usize| bytes.get(i).map(|b| (0x80..=0xBF).contains(b));
        let mut i = 0;
        while let Some(&first) = bytes.get(i) {
            if first < 0x80 {
                i += 1;
                continue;
            }
            // (valid length, or the length of the malformed sequence; None: cut off).
            let second = bytes.get(i + 1).copied();
            let step: Result<usize, Option<usize>> = match first {
                0xC2..=0xDF => match cont(i + 1) {
                    Some(true) => Ok(2),
                    Some(false) => Err(Some(1)),
                    None => Err(None),
                },
                0xE0..=0xEF => {
                    let ok_second = match (first, second) {
                        (_, None) => None,
                        (0xE0, Some(b)) => Some((0xA0..=0xBF).contains(&b)),
                        (0xED, Some(b)) => Some((0x80..=0x9F).contains(&b)),
                        (_, Some(b)) => Some((0x80..=0xBF).contains(&b)),
                    };
                    match (ok_second, cont(i + 2)) {
                        (None, _) => Err(None),
                        (Some(false), _) => Err(Some(1)),
                        (Some(true), None) => Err(None),
                        (Some(true), Some(false)) => Err(Some(2)),
                        (Some(true), Some(true)) => Ok(3),
                    }
                }
                0xF0..=0xF4 => {
                    let ok_second = match (first, second) {
                        (_, None) => None,
                        (0xF0, Some(b)) => Some((0x90..=0xBF).contains(&b)),
                        (0xF4, Some(b)) => Some((0x80..=0x8F).contains(&b)),
                        (_, Some(b)) => Some((0x80..=0xBF).contains(&b)),
                    };
                    match (ok_second, cont(i + 2), cont(i + 3)) {
                        (None, _, _) => Err(None),
                        (Some(false), _, _) => Err(Some(1)),
                        (Some(true), None, _) => Err(None),
                        (Some(true), Some(false), _) => Err(Some(2)),
                        (Some(true), Some(true), None) => Err(None),
                        (Some(true), Some(true), Some(false)) => Err(Some(3)),
                        (Some(true), Some(true), Some(true)) => Ok(4),
                    }
                }
                _ => Err(Some(1)),
            };
            match step {
                Ok(len) => {
                    counts.multibyte += 1;
                    i += len;
                }
                Err(Some(len)) => {
                    counts.malformed += 1;
                    i += len;
                }
                Err(None) => {
                    counts.malformed += 1;
                    counts.cut_off = true;
                    return counts;
                }
            }
        }
        counts
    }

    /// These counts followed by those of the bytes after them.
    pub(crate) fn then(self, next: Utf8Counts) -> Utf8Counts {
        Utf8Counts {
            multibyte: self.multibyte + next.multibyte,
            malformed: self.malformed + next.malformed,
            cut_off: next.cut_off,
        }
    }

    /// Whether invalid UTF-8 is still best read as UTF-8: at least four valid multi-byte
    /// characters for every malformed sequence. GBK text almost never forms valid UTF-8
    /// sequences, so a GBK file fails this at once; a UTF-8 file with one damaged
    /// character passes. An input that is malformed only at its very end (cut off
    /// mid-character) passes when nothing else is wrong.
    pub(crate) fn mostly_utf8(self) -> bool {
        self.multibyte > 0
            && (self.multibyte >= self.malformed.saturating_mul(4)
                || (self.malformed == 1 && self.cut_off))
    }
}

/// See [`Utf8Counts::mostly_utf8`].
fn mostly_utf8(bytes: &[u8]) -> bool {
    Utf8Counts::of(bytes).mostly_utf8()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lead bytes of multi-byte characters in valid UTF-8.
    fn count_lead_bytes(valid: &[u8]) -> usize {
        valid.iter().filter(|b| **b >= 0xC0).count()
    }

    /// [`Utf8Counts::of`] as the standard library's checker counts: restarted after each
    /// error.
    fn counts_by_std(bytes: &[u8]) -> Utf8Counts {
        let mut rest = bytes;
        let mut counts = Utf8Counts::default();
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    counts.multibyte += count_lead_bytes(valid.as_bytes());
                    return counts;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    counts.multibyte += count_lead_bytes(valid);
                    counts.malformed += 1;
                    match e.error_len() {
                        None => {
                            counts.cut_off = true;
                            return counts;
                        }
                        Some(len) => rest = after.get(len..).unwrap_or_default(),
                    }
                }
            }
        }
    }

    #[test]
    fn utf8_counts_are_the_standard_checkers() {
        // Every sequence of up to three bytes drawn from the bytes that matter, and text.
        let interesting = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ];
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
        for &a in &interesting {
            inputs.push(vec![a]);
            for &b in &interesting {
                inputs.push(vec![a, b]);
                for &c in &interesting {
                    inputs.push(vec![a, b, c]);
                    inputs.push(vec![a, b, c, 0x80]);
                    inputs.push(vec![0xF0, a, b, c]);
                }
            }
        }
        inputs.push("国家标准,80\n𠀀é".as_bytes().to_vec());
        inputs.push(b"\xb9\xfa\xbc\xd2\xb1\xea\xd7\xbc,80\n\xc4\xbf,1\n".to_vec());
        for input in &inputs {
            assert_eq!(Utf8Counts::of(input), counts_by_std(input), "{input:x?}");
        }
    }

    #[test]
    fn valid_utf8_is_borrowed_not_copied() {
        let d = decode("level,count\n国家标准,80\n".as_bytes());
        assert_eq!(d.encoding, "UTF-8");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(!d.had_bom && !d.replaced);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFa,b\n");
        assert_eq!(
            (d.text.as_ref(), d.encoding, d.had_bom),
            ("a,b\n", "UTF-8", true)
        );
    }

    #[test]
    fn utf16le_and_utf16be_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "国家标准,80".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&le);
        assert_eq!((d.text.as_ref(), d.encoding), ("国家标准,80", "UTF-16LE"));
        let d = decode(&be);
        assert_eq!((d.text.as_ref(), d.encoding), ("国家标准,80", "UTF-16BE"));
    }

    #[test]
    fn gbk_bytes_are_read_as_gb18030() {
        // "国家标准,80" in GBK.
        let gbk = b"\xB9\xFA\xBC\xD2\xB1\xEA\xD7\xBC,80";
        let d = decode(gbk);
        assert_eq!((d.text.as_ref(), d.encoding), ("国家标准,80", "gb18030"));
        assert!(!d.replaced);
    }

    #[test]
    fn utf8_cut_off_mid_character_stays_utf8_and_says_replaced() {
        let mut bytes = "国家标准".as_bytes().to_vec();
        bytes.pop();
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.replaced);
        assert_eq!(d.text, "国家标\u{FFFD}");
    }

    #[test]
    fn one_stray_byte_in_utf8_chinese_text_stays_utf8() {
        let mut bytes = "国家标准,行业标准,地方标准\n".as_bytes().to_vec();
        bytes.insert(3, 0xFF);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.replaced);
        assert!(d.text.starts_with("国\u{FFFD}家"));
    }

    #[test]
    fn malformed_gb18030_says_replaced() {
        // 0xB9 alone at the end is an incomplete GBK character.
        let d = decode(b"\xB9\xFA,\xB9");
        assert_eq!(d.encoding, "gb18030");
        assert!(d.replaced);
        assert_eq!(d.text, "国,\u{FFFD}");
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        let d = decode(b"");
        assert_eq!(
            (d.text.as_ref(), d.encoding, d.had_bom),
            ("", "UTF-8", false)
        );
    }
}
