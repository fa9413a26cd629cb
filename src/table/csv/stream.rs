//! Delimited text parsed as its bytes arrive, so that a large file never sits in memory
//! whole: [`DelimitedStream`] reads the complete records at the front of a buffer into the
//! columns and removes their bytes, leaving the rest (a record still arriving) for later.
//!
//! It makes exactly the table [`super::parse_delimited`] makes, by doing less: it reads
//! UTF-8 text (with or without a byte-order mark) and GB18030/GBK text (Excel on Chinese
//! Windows) whose columns keep their first type guess and that holds nothing to report but
//! short rows and, in GB18030, replaced bytes. GB18030 is decoded a piece at a time (cut at
//! line breaks, which no GB18030 character contains), counting what the whole loader's
//! encoding detection counts, and checked at the end to be what it would have detected.
//! Anything else — UTF-16, a file that is mostly UTF-8 or mixes encodings, Excel's `sep=`
//! line, a NUL byte, a lone carriage return in GB18030, a column whose guess fails
//! part-way, an error — it hands back to [`super::parse_delimited`]: before it removed any bytes as
//! [`Fed::Whole`] (keep the bytes and parse them whole), after as [`Fed::Again`] (read the
//! input again from its start, whole). So every message, warning and fallback is the one
//! loader's, and the stream is only ever a faster way to the same table
//! (`tests::streamed_tables_equal_whole_ones` checks that on every kind of input).

use super::{
    binary_kind, compile_parsers, first_line_delimiter, layout, replaced_warning, Ctx,
    DelimitedOptions, Layout, Loaded, Rows,
};
use crate::error::Warning;
use crate::table::encoding::{gb18030, utf8_with_chinese, Utf8Counts, UTF8_BOM};

/// What [`DelimitedStream::feed`] or [`DelimitedStream::finish`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fed {
    /// The complete records at the front of the buffer were read (and their bytes
    /// removed); give it more bytes.
    More,
    /// Nothing was removed from the buffer, and this input is for
    /// [`super::parse_delimited`]: keep appending to the buffer and parse it whole.
    Whole,
    /// Bytes were already removed when something came up that only
    /// [`super::parse_delimited`] handles: read the input again from its start, whole.
    Again,
}

/// The state of one streamed load (see the module documentation).
#[derive(Debug)]
pub struct DelimitedStream {
    opts: DelimitedOptions,
    source: String,
    /// The input's expected size in bytes (0 when unknown), to size the columns.
    total: usize,
    /// Bytes removed from the front of the buffer so far (a byte-order mark included).
    read: usize,
    /// Line breaks in those bytes.
    lines: u64,
    delimiter: u8,
    /// The text encoding, decided from the first bytes.
    encoding: Encoding,
    /// The columns, once the header has been read.
    rows: Option<Rows>,
    /// The header's empty cells, when it has some (the next record may be its second row).
    header_gaps: Option<Vec<bool>>,
    warnings: Vec<Warning>,
}

/// The encoding of a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// ASCII so far (the same text in UTF-8 and GB18030): the first bytes that are not
    /// ASCII decide.
    Ascii,
    /// UTF-8: each record is checked as it is read.
    Utf8,
    /// GB18030, decoded a piece at a time; with what the bytes read so far count as UTF-8
    /// (the whole loader reads the file as UTF-8 when it is mostly UTF-8) and whether the
    /// text so far has replaced bytes.
    Gb18030 { counts: Utf8Counts, replaced: bool },
}

impl DelimitedStream {
    /// A stream of delimited text read as [`super::parse_delimited`] reads it with `opts`;
    /// `source` names the input in warnings; `total` is its size in bytes when known (0
    /// otherwise), used only to size the columns.
    pub fn new(opts: DelimitedOptions, source: &str, total: usize) -> DelimitedStream {
        DelimitedStream {
            opts,
            source: source.to_string(),
            total,
            read: 0,
            lines: 0,
            delimiter: b',',
            encoding: Encoding::Ascii,
            rows: None,
            header_gaps: None,
            warnings: Vec::new(),
        }
    }

    /// Reads the complete records at the front of `buf` and removes their bytes from it.
    pub fn feed(&mut self, buf: &mut Vec<u8>) -> Fed {
        self.read_records(buf, false)
    }

    /// Reads what is left in `buf` (the end of the input) and returns the table, or how
    /// to load the input instead.
    pub fn finish(mut self, buf: &mut Vec<u8>) -> Result<Loaded, Fed> {
        match self.read_records(buf, true) {
            Fed::More => {}
            other => return Err(other),
        }
        let fallback = self.fallback();
        let encoding = match self.encoding {
            Encoding::Ascii | Encoding::Utf8 => "UTF-8",
            // The whole loader would have read a file that is mostly UTF-8 as UTF-8.
            Encoding::Gb18030 { counts, .. } if counts.mostly_utf8() => return Err(fallback),
            Encoding::Gb18030 { replaced, .. } => {
                if replaced {
                    self.warnings
                        .insert(0, replaced_warning(&self.source, "gb18030"));
                }
                "gb18030"
            }
        };
        match self.rows.take() {
            Some(rows) if buf.is_empty() => {
                let layout = Layout {
                    header_line: rows.header_line,
                    header_rows: 1,
                    data_end_line: rows.last_line,
                    ..Layout::default()
                };
                let table = rows
                    .finish(&self.source, &mut self.warnings)
                    .map_err(|_| fallback)?;
                Ok(Loaded {
                    table,
                    encoding,
                    delimiter: self.delimiter,
                    warnings: self.warnings,
                    layout,
                })
            }
            // No header at all (an empty or blank input): the whole loader says what that
            // makes.
            _ => Err(fallback),
        }
    }

    /// `bytes` streamed in chunks of `size` bytes, as a reader of a file hands them over
    /// (tests and the fuzz target compare this with [`super::parse_delimited`]).
    pub fn in_chunks(
        bytes: &[u8],
        size: usize,
        opts: DelimitedOptions,
        source: &str,
    ) -> Result<Loaded, Fed> {
        let mut stream = DelimitedStream::new(opts, source, bytes.len());
        let mut buf = Vec::new();
        for chunk in bytes.chunks(size.max(1)) {
            buf.extend_from_slice(chunk);
            match stream.feed(&mut buf) {
                Fed::More => {}
                other => return Err(other),
            }
        }
        stream.finish(&mut buf)
    }

    /// Where to go when the stream cannot read this input.
    fn fallback(&self) -> Fed {
        if self.read == 0 {
            Fed::Whole
        } else {
            Fed::Again
        }
    }

    fn read_records(&mut self, buf: &mut Vec<u8>, last: bool) -> Fed {
        let fallback = self.fallback();
        if self.read.saturating_add(buf.len()) > self.opts.limits.max_bytes
            || !self.opts.layout.is_empty()
        {
            return fallback;
        }
        let mut skip = 0;
        if self.rows.is_none() {
            if buf.len() < 8 && !last {
                return Fed::More;
            }
            let utf16 = matches!(buf.as_slice(), [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
            if utf16 || binary_kind(buf).is_some() {
                return fallback;
            }
            if buf.starts_with(&UTF8_BOM) {
                skip = UTF8_BOM.len();
            }
            let body = buf.get(skip..).unwrap_or_default();
            if body.starts_with(b"sep=") {
                return fallback;
            }
            let (delimiter, ended) = match self.opts.delimiter {
                Some(d) => (d, true),
                None => first_line_delimiter(body),
            };
            if !ended && !last {
                return Fed::More;
            }
            self.delimiter = delimiter;
        }

        // The bytes up to the last line break (always a character boundary, in UTF-8 and
        // in GB18030), or all of them at the end.
        let bytes = buf.get(skip..).unwrap_or_default();
        let upto = if last {
            bytes.len()
        } else {
            match bytes.iter().rposition(|b| *b == b'\n') {
                Some(at) => at + 1,
                None => return Fed::More,
            }
        };
        let raw = bytes.get(..upto).unwrap_or_default();
        if raw.contains(&0) {
            return fallback;
        }
        if self.rows.is_none() || self.encoding == Encoding::Ascii {
            self.encoding = match first_encoding(raw, skip > 0) {
                Some(e) => e,
                None => return fallback,
            };
        }
        // UTF-8 is not checked here: the CSV reader checks each record as it reads it, and
        // an error hands the input back (bytes between records are line breaks).
        let decoded = match self.encoding {
            Encoding::Ascii | Encoding::Utf8 => None,
            Encoding::Gb18030 { .. } if lone_carriage_return(raw) => return fallback,
            Encoding::Gb18030 { .. } => Some(gb18030(raw)),
        };
        let text = decoded.as_deref().map_or(raw, str::as_bytes);
        // The CSV reader drops a byte-order mark at the start of its input: right at the
        // start of the file (as the whole loader's reader does), never before a later record.
        if self.rows.is_some() && text.starts_with(&UTF8_BOM) {
            return fallback;
        }
        let ctx = Ctx {
            source: &self.source,
            body: text,
            delimiter: self.delimiter,
            line_offset: self.lines,
        };
        let mut records = ctx.records();
        // The bytes of `text` whose records have been read.
        let mut consumed = 0;
        // A record that reaches the end of `text` may go on in the next bytes (a quoted
        // field with line breaks): it is read when more bytes have come, or at the end.
        let complete = |records: &super::Records<'_>| last || records.end < text.len();
        if self.rows.is_none() {
            match records.next() {
                Ok(Some(line)) if complete(&records) => {
                    // A title or unit line before the header: the whole loader's layout
                    // rules decide.
                    if layout::is_preamble_record(records.fields()) {
                        return fallback;
                    }
                    let gaps = layout::empty_cells(records.fields());
                    self.header_gaps = layout::has_gap(&gaps).then_some(gaps);
                    let Ok(parsers) = compile_parsers(&self.opts.parse) else {
                        return fallback;
                    };
                    let limits = self.opts.limits;
                    let header = records.fields();
                    match Rows::start(
                        &ctx,
                        &records,
                        header,
                        None,
                        line,
                        parsers,
                        limits,
                        &mut self.warnings,
                    ) {
                        Ok(rows) => self.rows = Some(rows),
                        Err(_) => return fallback,
                    }
                    consumed = records.end;
                }
                Ok(Some(_)) => return Fed::More,
                Ok(None) if !last => return Fed::More,
                Ok(None) | Err(_) => return fallback,
            }
        }
        let Some(rows) = self.rows.as_mut() else {
            return fallback;
        };
        loop {
            match records.next() {
                Ok(Some(line)) => {
                    if !complete(&records) {
                        break;
                    }
                    // A second header row or a footnote: the whole loader's layout rules.
                    let fields = records.fields();
                    let second_header = rows.rows == 0
                        && self
                            .header_gaps
                            .as_ref()
                            .is_some_and(|gaps| layout::is_second_header_row(gaps, fields));
                    if second_header || layout::starts_note(fields.get(0).unwrap_or_default()) {
                        return fallback;
                    }
                    let read = self.read + skip + records.end;
                    if rows.push(&ctx, &records, line, read, self.total).is_err() {
                        return fallback;
                    }
                    consumed = records.end;
                }
                Ok(None) => {
                    if last {
                        consumed = text.len();
                    }
                    break;
                }
                Err(_) => return fallback,
            }
        }
        if last && records.open_quote_in_last().is_some() {
            return fallback;
        }
        if !rows.failed().is_empty() {
            return fallback;
        }
        let done = text.get(..consumed).unwrap_or_default();
        let drained_raw = match self.encoding {
            Encoding::Ascii | Encoding::Utf8 => consumed,
            Encoding::Gb18030 {
                ref mut counts,
                ref mut replaced,
            } => {
                let at = if consumed == text.len() {
                    raw.len()
                } else {
                    after_same_line_ends(raw, done)
                };
                let piece = raw.get(..at).unwrap_or_default();
                // A line that is UTF-8 with Chinese in it: the whole loader reads the file
                // line by line in two encodings.
                if piece
                    .split_inclusive(|b| *b == b'\n')
                    .any(utf8_with_chinese)
                {
                    return fallback;
                }
                *counts = counts.then(Utf8Counts::of(piece));
                *replaced |= done.windows(3).any(|w| w == "\u{fffd}".as_bytes());
                at
            }
        };
        self.lines += done.iter().filter(|b| **b == b'\n').count() as u64;
        let drained = skip + drained_raw;
        self.read += drained;
        buf.drain(..drained);
        Fed::More
    }
}

/// The encoding of a file whose first bytes not all ASCII (up to a line break, or all of
/// it) are `raw`: still undecided when they are ASCII too; UTF-8 after a byte-order mark
/// (`bom`) or when valid; GB18030 when they are neither mostly UTF-8 nor hold a UTF-8 line
/// with Chinese in it; `None` (the whole loader decides) otherwise. Bytes before them are
/// ASCII, which changes nothing the whole loader's detection counts.
fn first_encoding(raw: &[u8], bom: bool) -> Option<Encoding> {
    if !bom && raw.is_ascii() {
        return Some(Encoding::Ascii);
    }
    if bom || simdutf8::basic::from_utf8(raw).is_ok() {
        return Some(Encoding::Utf8);
    }
    let mixed = raw.split_inclusive(|b| *b == b'\n').any(utf8_with_chinese);
    (!mixed && !Utf8Counts::of(raw).mostly_utf8()).then_some(Encoding::Gb18030 {
        counts: Utf8Counts::default(),
        replaced: false,
    })
}

/// Whether `raw` has a carriage return that no line feed follows: the CSV reader ends a
/// record there, and cutting GB18030 text at such a record end could split what the whole
/// loader's encoding detection reads as one line.
fn lone_carriage_return(raw: &[u8]) -> bool {
    raw.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n')
}

/// The length of the start of `raw` that holds as many line ends (`\r`, `\n`) as `text`,
/// its decoded start that ends right after one: GB18030 decodes every ASCII byte to itself
/// and never makes one out of other bytes, so line ends correspond one to one.
fn after_same_line_ends(raw: &[u8], text: &[u8]) -> usize {
    let is_end = |b: &u8| matches!(b, b'\r' | b'\n');
    let n = text.iter().filter(|b| is_end(b)).count();
    if n == 0 {
        return 0;
    }
    raw.iter()
        .enumerate()
        .filter(|(_, b)| is_end(b))
        .nth(n - 1)
        .map_or(raw.len(), |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::super::{parse_delimited, ParseAs};
    use super::*;

    fn stream(bytes: &[u8], size: usize, opts: &DelimitedOptions) -> Result<Loaded, Fed> {
        DelimitedStream::in_chunks(bytes, size, opts.clone(), "t.csv")
    }

    /// A table as text, to compare tables with missing numbers (NaN ≠ NaN).
    fn same(loaded: &Loaded) -> String {
        format!("{loaded:?}")
    }

    /// Inputs of every kind the loader meets: each either streams to the very table (and
    /// warnings) `parse_delimited` makes, or is handed back to it.
    const INPUTS: &[&str] = &[
        "层级,数量\n国家标准,80\n行业标准,37\n地方标准(省级),8\n地方标准(市级),63\n",
        "\u{feff}层级,数量\r\n国家标准,80\r\n行业标准,37\r\n",
        "a;b;c\n1;2;3\n4;5\n\n\n6;;x\n",
        "a\tb\n\"x\ny\"\t2\n\"q\"\"uote\"\t3\n",
        "year,n\n2019,1\n2020,2\n2021,NA\n2022,—\n2023,3万\n",
        "date,v\n2024-01-10,1\n2024年1月11日,2\n2024/1/12,3\n",
        "a,b\n1,2\n3,x\n5,6\n",
        "a,b\n1,2\n3\n4\n5,6\n",
        "a,b\n1,2,3\n",
        "a,b\n1,\"open\n2,3\n",
        "sep=;\na;b\n1;2\n",
        "",
        "\n\n  \n",
        "a,b",
        "a,b\n1,2",
        "a,a,\n1,2,3\n",
        "x,y\r1,2\r3,4\r",
        "x,y\r\n\r\n\r\n1,2\r\n",
        "a,b\n5\" screen,\"quoted, with comma\"\n\"\",x\n",
        "a,b\n1,2\n\u{0}\n",
        // Yearbook layouts (synthetic figures): title and unit lines, a two-row header,
        // notes, a row that starts like a note and is followed by data.
        "表1 示例,,\n单位:项,,\n指标,2019年,2020年\n甲,\"2,021\",3\n\n注:示例。资料来源:测试\n",
        "指标,发布数,,\n,合计,其中:强制性,\n2020年,5,1,\n2021年,6,2,\n",
        "a,b\n1,2\n*备注\n3,4\n",
        "a,b\n1,2\n注:x\n说明:y\n",
        "\n\n\n\n `\n\u{feff}\n\n",
        "\u{feff}\u{feff}a,b\n\u{feff}1,2\n\u{feff},\n",
    ];

    /// Streams `input` in chunks of every size from 1 byte to 1 MiB; each streamed table
    /// must be the whole loader's. Returns the encodings of those that streamed.
    fn streams_as_whole(input: &[u8], opts: &DelimitedOptions) -> Vec<&'static str> {
        let whole = parse_delimited(input, opts, "t.csv");
        let mut streamed = Vec::new();
        for size in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
            match stream(input, size, opts) {
                Ok(loaded) => {
                    assert_eq!(
                        Ok(same(&loaded)),
                        whole.as_ref().map(same),
                        "{input:?} in chunks of {size}"
                    );
                    streamed.push(loaded.encoding);
                }
                Err(Fed::Whole | Fed::Again) => {}
                Err(Fed::More) => panic!("finish never says More"),
            }
        }
        streamed
    }

    #[test]
    fn streamed_tables_equal_whole_ones() {
        let opts = DelimitedOptions::default();
        let streamed: usize = INPUTS
            .iter()
            .map(|input| streams_as_whole(input.as_bytes(), &opts).len())
            .sum();
        // Most inputs stream (the rest are the fallbacks' cases).
        assert!(streamed >= 10 * 8, "only {streamed} streamed");
    }

    /// `text` as GBK bytes (what Excel on Chinese Windows saves).
    #[cfg(not(target_arch = "wasm32"))]
    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn gbk_streams_to_the_whole_loaders_table() {
        let opts = DelimitedOptions::default();
        let mut inputs: Vec<Vec<u8>> = INPUTS.iter().map(|t| gbk(t)).collect();
        // Malformed GBK (replaced, with a warning), a UTF-8 line with Chinese after GBK
        // ones (the whole loader reads such a file line by line), CRLF and lone CR line
        // ends, a GB18030 four-byte character.
        inputs.push(b"\xb2\xe3\xbc\xb6,n\n\xff\xfe\x81,1\n\xb9\xfa,2\n".to_vec());
        let mut mixed = gbk("层级,数量\n国家标准,80\n");
        mixed.extend_from_slice("行业标准,37\n".as_bytes());
        inputs.push(mixed);
        inputs.push(gbk("层级,数量\r\n国家标准,80\r\n行业标准,37\r\n"));
        inputs.push(gbk("层级,数量\r国家标准,80\r行业标准,37\r"));
        inputs.push(
            encoding_rs::GB18030
                .encode("名称,n\n𠀀,1\n国,2\n")
                .0
                .into_owned(),
        );
        // A GBK header over UTF-8 lines of one accented letter each: no line is UTF-8
        // "with Chinese", but the file is mostly UTF-8, which the whole loader reads as such.
        let mut mostly = gbk("层级,数量\n");
        mostly.extend_from_slice("é,1\n".repeat(50).as_bytes());
        inputs.push(mostly);
        let streamed = inputs
            .iter()
            .flat_map(|input| streams_as_whole(input, &opts))
            .filter(|e| *e == "gb18030")
            .count();
        // Every input with Chinese in it but the mixed one and the lone-CR one, in every
        // chunk size.
        assert!(streamed >= 7 * 8, "only {streamed} streamed as gb18030");
        // The malformed one streams, with the whole loader's warning first.
        let malformed = &inputs[INPUTS.len()];
        let Ok(loaded) = stream(malformed, 4, &opts) else {
            panic!("malformed GBK did not stream");
        };
        assert!(loaded.warnings[0].message.contains("not valid gb18030"));
        // The mixed one never does: the whole loader reads it in two encodings.
        assert!(stream(&inputs[INPUTS.len() + 1], 4, &opts).is_err());
    }

    #[test]
    fn what_only_the_whole_loader_handles_is_handed_back() {
        let opts = DelimitedOptions::default();
        let cases: &[(&[u8], Fed)] = &[
            (b"sep=;\na;b\n1;2\n", Fed::Whole),
            (b"\xff\xfea\x00,\x00b\x00\n\x00", Fed::Whole),
            (b"PK\x03\x04rest of a zip file", Fed::Whole),
            (b"a,b\n1,2\n3,x\n5,6\n", Fed::Whole),
        ];
        for (input, fed) in cases {
            assert_eq!(stream(input, 1 << 20, &opts).err(), Some(*fed), "{input:?}");
        }
        // Found after records were read and removed: the input must be read again.
        let mut late = b"a,b\n".to_vec();
        for _ in 0..100 {
            late.extend_from_slice(b"1,2\n");
        }
        late.extend_from_slice(b"3,x\n");
        assert_eq!(stream(&late, 64, &opts).err(), Some(Fed::Again));
        let mut gbk_late = late.clone();
        gbk_late.extend_from_slice(b"\xb9\xfa,1\n");
        assert_eq!(stream(&gbk_late, 64, &opts).err(), Some(Fed::Again));
    }

    #[test]
    fn format_parse_and_a_given_delimiter_stream_too() {
        let opts = DelimitedOptions {
            delimiter: Some(b'\t'),
            parse: vec![
                ("year".into(), ParseAs::Date),
                ("code".into(), ParseAs::Text),
            ],
            ..DelimitedOptions::default()
        };
        let input = "year\tcode\tn\n2019\t007\t1\n2020\tNA\t2\n";
        let whole = parse_delimited(input.as_bytes(), &opts, "t.csv");
        for size in [1, 4, 1 << 20] {
            let streamed = stream(input.as_bytes(), size, &opts);
            assert_eq!(
                streamed.as_ref().map(same).ok(),
                whole.as_ref().map(same).ok()
            );
        }
        assert!(whole.is_ok());
    }

    #[test]
    fn lines_of_short_row_warnings_count_every_chunk() {
        let mut input = String::from("a,b\n");
        for i in 0..500 {
            input.push_str(&format!("\"{i}\nx\",{i}\n"));
        }
        input.push_str("short\n");
        let opts = DelimitedOptions::default();
        let whole = parse_delimited(input.as_bytes(), &opts, "t.csv").map_err(|e| e.to_string());
        let Ok(loaded) = stream(input.as_bytes(), 100, &opts) else {
            panic!("did not stream");
        };
        assert_eq!(Ok(same(&loaded)), whole.as_ref().map(same));
        assert!(
            loaded.warnings[0].path.ends_with("line 1002"),
            "{:?}",
            loaded.warnings
        );
    }
}
