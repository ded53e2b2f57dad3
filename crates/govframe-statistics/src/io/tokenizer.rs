//! A streaming CSV tokenizer over any `Read`: RFC 4180 quoting (quoted fields may hold the
//! separator, doubled quotes and line breaks), LF or CRLF line ends, a UTF-8 byte-order mark
//! skipped, blank lines skipped, every record checked to be UTF-8.
//!
//! Records without a quote are split in place with `memchr` (no copy); records with quotes
//! are unescaped into a scratch buffer. Memory is the read buffer (grown only to hold the
//! longest record) plus the current record.

use std::io::Read;

use memchr::{memchr, memchr_iter};

use crate::error::{Location, Problem};
use crate::{Error, Result};

const INITIAL_BUFFER: usize = 1 << 20;

/// Which bytes the current record lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Home {
    Buffer { start: usize, end: usize },
    Scratch,
}

/// A CSV tokenizer.
pub(crate) struct Tokenizer<R> {
    src: R,
    file: String,
    buf: Vec<u8>,
    pos: usize,
    filled: usize,
    eof: bool,
    sep: u8,
    /// Line of the byte at `pos` (1-based).
    line: u64,
    records: u64,
    scratch: Vec<u8>,
    fields: Vec<(u32, u32)>,
    home: Home,
    rec_line: u64,
    started: bool,
}

/// The current record: its text and field spans.
pub(crate) struct Record<'a> {
    pub(crate) text: &'a str,
    pub(crate) fields: &'a [(u32, u32)],
    /// 1-based line where the record starts.
    pub(crate) line: u64,
    /// 1-based record number (the first record, usually the header, is 1).
    pub(crate) number: u64,
    /// Measure fields already parsed (by the tokenizing thread), in the reader's order.
    pub(crate) nums: &'a [super::Num],
}

impl<'a> Record<'a> {
    /// Field `i` ("" when out of range).
    #[inline]
    pub(crate) fn field(&self, i: usize) -> &'a str {
        self.fields
            .get(i)
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or("")
    }

    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }
}

impl<R: Read> Tokenizer<R> {
    pub(crate) fn new(src: R, file: &str, sep: u8) -> Self {
        Self::with_buffer(src, file, sep, vec![0; INITIAL_BUFFER])
    }

    fn with_buffer(src: R, file: &str, sep: u8, buf: Vec<u8>) -> Self {
        Self {
            src,
            file: file.to_owned(),
            buf,
            pos: 0,
            filled: 0,
            eof: false,
            sep,
            line: 1,
            records: 0,
            scratch: Vec::new(),
            fields: Vec::new(),
            home: Home::Scratch,
            rec_line: 0,
            started: false,
        }
    }

    /// A tokenizer that carries on where another stopped: `buffered` holds the next bytes
    /// of the input (read before), `src` the rest; `line` is the line of the first of them
    /// and `records` the number of records already read (for messages). No byte-order mark
    /// is looked for.
    pub(crate) fn resume(
        src: R,
        file: &str,
        sep: u8,
        buffered: Vec<u8>,
        eof: bool,
        (line, records): (u64, u64),
    ) -> Self {
        let filled = buffered.len();
        let mut buf = buffered;
        if buf.len() < INITIAL_BUFFER && !eof {
            buf.resize(INITIAL_BUFFER, 0);
        }
        Self {
            buf,
            filled,
            eof,
            line,
            records,
            started: true,
            ..Self::with_buffer(src, file, sep, Vec::new())
        }
    }

    /// Takes the tokenizer apart: the bytes read but not consumed, the source, whether it
    /// is at its end, and the (line, records) counters for [`Tokenizer::resume`].
    pub(crate) fn into_rest(mut self) -> (Vec<u8>, R, bool, (u64, u64)) {
        self.buf.truncate(self.filled);
        self.buf.drain(..self.pos);
        (self.buf, self.src, self.eof, (self.line, self.records))
    }

    /// Whether the rest of the input is already in the buffer (reading once more to know).
    pub(crate) fn is_all_buffered(&mut self) -> Result<bool> {
        if !self.eof && self.filled < self.buf.len() {
            self.refill()?;
        }
        Ok(self.eof)
    }

    /// The separator.
    pub(crate) fn set_separator(&mut self, sep: u8) {
        self.sep = sep;
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// The bytes not yet consumed, reading until at least `n` are there or the input ends.
    pub(crate) fn peek(&mut self, n: usize) -> Result<&[u8]> {
        while self.filled - self.pos < n.max(3) && !self.eof {
            self.refill()?;
        }
        if !self.started {
            self.started = true;
            if self.buf.get(self.pos..self.pos + 3) == Some(b"\xEF\xBB\xBF".as_slice()) {
                self.pos += 3;
            }
        }
        Ok(self.buf.get(self.pos..self.filled).unwrap_or(&[]))
    }

    fn io_error(&self, source: std::io::Error) -> Error {
        Error::Io {
            path: self.file.clone(),
            source,
        }
    }

    /// Moves unread bytes to the front, grows the buffer when full, reads more.
    fn refill(&mut self) -> Result<()> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            self.pos = 0;
        }
        if self.filled == self.buf.len() {
            let grown = self.buf.len() * 2;
            self.buf.resize(grown, 0);
        }
        loop {
            let dst = self.buf.get_mut(self.filled..).unwrap_or(&mut []);
            match self.src.read(dst) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io_error(e)),
            }
        }
    }

    fn location(&self, line: u64, field: usize) -> Location {
        Location {
            file: self.file.clone(),
            line: Some(line),
            column: Some(field as u64 + 1),
            record: Some(self.records + 1),
            field: None,
        }
    }

    /// The next record, or `None` at the end of the input. O(record length).
    pub(crate) fn next_record(&mut self) -> Result<Option<Record<'_>>> {
        if !self.started {
            self.peek(3)?;
        }
        loop {
            let window = self.buf.get(self.pos..self.filled).unwrap_or(&[]);
            // One pass over the line: separators, its end, or a quote that sends the record
            // to the slow path.
            let scan = scan_line(window, self.sep, &mut self.fields);
            match scan {
                Scan::Quote => match self.quoted_record()? {
                    true => {}
                    false => {
                        self.refill()?;
                        continue;
                    }
                },
                Scan::NoEnd if !self.eof => {
                    self.refill()?;
                    continue;
                }
                Scan::NoEnd | Scan::Line(_) => {
                    let nl = match scan {
                        Scan::Line(nl) => nl,
                        _ => window.len(),
                    };
                    if window.is_empty() {
                        return Ok(None);
                    }
                    let mut line_end = nl;
                    if line_end > 0 && window.get(line_end - 1) == Some(&b'\r') {
                        line_end -= 1;
                        if let Some(last) = self.fields.last_mut() {
                            last.1 = last.1.min(u32::try_from(line_end).unwrap_or(u32::MAX));
                        }
                    }
                    if line_end == 0 {
                        // A blank line.
                        self.pos += (nl + 1).min(window.len());
                        self.line += 1;
                        continue;
                    }
                    self.home = Home::Buffer {
                        start: self.pos,
                        end: self.pos + line_end,
                    };
                    self.rec_line = self.line;
                    self.pos += (nl + 1).min(window.len());
                    self.line += 1;
                }
            }
            self.records += 1;
            return self.current().map(Some);
        }
    }

    /// Parses a record with quotes from `pos`. Returns `false` when more input is needed.
    fn quoted_record(&mut self) -> Result<bool> {
        let window = self.buf.get(self.pos..self.filled).unwrap_or(&[]);
        self.scratch.clear();
        self.fields.clear();
        let sep = self.sep;
        let mut i = 0usize;
        let mut newlines = 0u64;
        let mut field_start = 0usize;
        loop {
            // At the start of a field.
            if window.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    let Some(q) = memchr(b'"', window.get(i..).unwrap_or(&[])) else {
                        if self.eof {
                            let at = self.location(self.line, self.fields.len());
                            return Err(Error::input(at, Problem::UnterminatedQuote));
                        }
                        return Ok(false);
                    };
                    let chunk = window.get(i..i + q).unwrap_or(&[]);
                    newlines += memchr_iter(b'\n', chunk).count() as u64;
                    self.scratch.extend_from_slice(chunk);
                    i += q + 1;
                    match window.get(i) {
                        Some(b'"') => {
                            self.scratch.push(b'"');
                            i += 1;
                        }
                        None if !self.eof => return Ok(false),
                        _ => break,
                    }
                }
                // After the closing quote: a separator, a line end or the end of input.
                match window.get(i) {
                    Some(&b) if b == sep => {
                        i += 1;
                        push_field(&mut self.fields, field_start, self.scratch.len());
                        field_start = self.scratch.len();
                        continue;
                    }
                    Some(b'\n') => {
                        i += 1;
                        break;
                    }
                    Some(b'\r') if window.get(i + 1) == Some(&b'\n') => {
                        i += 2;
                        break;
                    }
                    Some(b'\r') if window.get(i + 1).is_none() && !self.eof => return Ok(false),
                    None if self.eof => break,
                    None => return Ok(false),
                    Some(_) => {
                        let at = self.location(self.line + newlines, self.fields.len());
                        return Err(Error::input(at, Problem::StrayQuote));
                    }
                }
            } else {
                // Unquoted: up to the separator or the line end; a quote inside is literal.
                let rest = window.get(i..).unwrap_or(&[]);
                let stop = rest.iter().position(|&b| b == sep || b == b'\n');
                match stop {
                    Some(k) => {
                        let mut chunk = rest.get(..k).unwrap_or(&[]);
                        let is_sep = rest.get(k) == Some(&sep);
                        if !is_sep && chunk.last() == Some(&b'\r') {
                            chunk = chunk.get(..chunk.len() - 1).unwrap_or(&[]);
                        }
                        self.scratch.extend_from_slice(chunk);
                        i += k + 1;
                        if is_sep {
                            push_field(&mut self.fields, field_start, self.scratch.len());
                            field_start = self.scratch.len();
                            continue;
                        }
                        break;
                    }
                    None if self.eof => {
                        let mut chunk = rest;
                        if chunk.last() == Some(&b'\r') {
                            chunk = chunk.get(..chunk.len() - 1).unwrap_or(&[]);
                        }
                        self.scratch.extend_from_slice(chunk);
                        i += rest.len();
                        break;
                    }
                    None => return Ok(false),
                }
            }
        }
        push_field(&mut self.fields, field_start, self.scratch.len());
        self.home = Home::Scratch;
        self.rec_line = self.line;
        self.pos += i;
        self.line += 1 + newlines;
        Ok(true)
    }

    fn current(&self) -> Result<Record<'_>> {
        let bytes = match self.home {
            Home::Buffer { start, end } => self.buf.get(start..end).unwrap_or(&[]),
            Home::Scratch => &self.scratch,
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let bad = u32::try_from(e.valid_up_to()).unwrap_or(u32::MAX);
                let field = self
                    .fields
                    .iter()
                    .position(|&(_, end)| bad < end)
                    .unwrap_or(self.fields.len().saturating_sub(1));
                let at = self.location(self.rec_line, field);
                return Err(Error::input(at, Problem::InvalidUtf8));
            }
        };
        Ok(Record {
            text,
            fields: &self.fields,
            line: self.rec_line,
            number: self.records,
            nums: &[],
        })
    }
}

/// What [`scan_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// The line ends at this offset (the `\n`); fields are set.
    Line(usize),
    /// A quote: the record needs the quoting rules.
    Quote,
    /// No line end in the window; fields are set up to its end.
    NoEnd,
}

/// A one in every byte (times a byte: that byte in every byte of a word).
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// 0x80 in every byte of `v` that is zero, nothing elsewhere.
#[inline]
pub(crate) fn zero_bytes(v: u64) -> u64 {
    !(((v & LOW7).wrapping_add(LOW7)) | v | LOW7)
}

/// Splits the line at the start of `window` at `sep`, eight bytes at a time. O(line length).
#[inline]
fn scan_line(window: &[u8], sep: u8, fields: &mut Vec<(u32, u32)>) -> Scan {
    fields.clear();
    let seps = ONES * u64::from(sep);
    let quotes = ONES * u64::from(b'"');
    let newlines = ONES * u64::from(b'\n');
    let mut start = 0u32;
    let mut chunks = window.chunks_exact(8);
    let mut base = 0usize;
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let v = u64::from_le_bytes(w);
        let mut mask = zero_bytes(v ^ seps) | zero_bytes(v ^ quotes) | zero_bytes(v ^ newlines);
        while mask != 0 {
            let at = base + (mask.trailing_zeros() / 8) as usize;
            mask &= mask - 1;
            match window.get(at) {
                Some(&b'\n') => {
                    fields.push((start, u32::try_from(at).unwrap_or(u32::MAX)));
                    return Scan::Line(at);
                }
                Some(&b'"') => return Scan::Quote,
                _ => {
                    let end = u32::try_from(at).unwrap_or(u32::MAX);
                    fields.push((start, end));
                    start = end + 1;
                }
            }
        }
        base += 8;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        let at = base + k;
        if c == b'\n' {
            fields.push((start, u32::try_from(at).unwrap_or(u32::MAX)));
            return Scan::Line(at);
        } else if c == b'"' {
            return Scan::Quote;
        } else if c == sep {
            let end = u32::try_from(at).unwrap_or(u32::MAX);
            fields.push((start, end));
            start = end + 1;
        }
    }
    fields.push((start, u32::try_from(window.len()).unwrap_or(u32::MAX)));
    Scan::NoEnd
}

fn push_field(fields: &mut Vec<(u32, u32)>, start: usize, end: usize) {
    let a = u32::try_from(start).unwrap_or(u32::MAX);
    let b = u32::try_from(end).unwrap_or(u32::MAX);
    fields.push((a, b));
}

/// Guesses the separator from a header line: the most frequent of `,` `;` `\t` `|`
/// outside quotes (`,` on a tie).
pub(crate) fn sniff_separator(header: &[u8]) -> u8 {
    let line = match memchr(b'\n', header) {
        Some(n) => header.get(..n).unwrap_or(header),
        None => header,
    };
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = candidates.iter().position(|&c| c == b) {
            counts[i] += 1;
        }
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], sep: u8) -> Result<Vec<(u64, Vec<String>)>> {
        let mut t = Tokenizer::new(input, "t.csv", sep);
        let mut out = Vec::new();
        while let Some(r) = t.next_record()? {
            out.push((
                r.line,
                (0..r.len()).map(|i| r.field(i).to_owned()).collect(),
            ));
        }
        Ok(out)
    }

    #[test]
    fn plain_quoted_and_multiline() {
        let input =
            b"\xEF\xBB\xBFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\r\nlines\",3\n4,,";
        let got = all(input, b',').unwrap();
        assert_eq!(got[0], (1, vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(
            got[1],
            (2, vec!["1".into(), "x, y".into(), "say \"hi\"".into()])
        );
        assert_eq!(
            got[2],
            (4, vec!["2".into(), "two\r\nlines".into(), "3".into()])
        );
        assert_eq!(got[3], (6, vec!["4".into(), "".into(), "".into()]));
    }

    #[test]
    fn errors_have_places() {
        let e = all(b"a,b\n1,\"open\n2,3\n", b',').unwrap_err();
        assert_eq!(e.problem(), Some(&Problem::UnterminatedQuote));
        assert_eq!(e.location().unwrap().line, Some(2));
        assert_eq!(e.location().unwrap().column, Some(2));
        let e = all(b"a,b\n1,\xFF\n", b',').unwrap_err();
        assert_eq!(e.problem(), Some(&Problem::InvalidUtf8));
        assert_eq!(e.location().unwrap().column, Some(2));
        let e = all(b"a,b\n\"x\"y,2\n", b',').unwrap_err();
        assert_eq!(e.problem(), Some(&Problem::StrayQuote));
    }

    #[test]
    fn records_longer_than_the_buffer() {
        let long = "x".repeat(3 * INITIAL_BUFFER);
        let input = format!("a,b\n\"{long}\",1\n{long},2\n");
        let got = all(input.as_bytes(), b',').unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].1[0].len(), long.len());
        assert_eq!(got[2].1[1], "2");
    }

    #[test]
    fn swar_scan_matches_a_byte_loop() {
        let lines: [&[u8]; 7] = [
            b"a,b,c\nrest",
            b",,,,,,,,,,,,,,,,,\n",
            b"0123456789,0123456789,x\r\n",
            b"no end at all, really",
            b"abc,\"quoted\",d\n",
            b"\n",
            b"",
        ];
        for line in lines {
            let mut fields = Vec::new();
            let got = scan_line(line, b',', &mut fields);
            let nl = line.iter().position(|&b| b == b'\n');
            let q = line.iter().position(|&b| b == b'"');
            match (q, nl) {
                (Some(q), Some(n)) if q < n => assert_eq!(got, Scan::Quote),
                (Some(_), None) => assert_eq!(got, Scan::Quote),
                (_, Some(n)) => {
                    assert_eq!(got, Scan::Line(n));
                    let text = &line[..n];
                    let want: Vec<&[u8]> = text.split(|&b| b == b',').collect();
                    let have: Vec<&[u8]> = fields
                        .iter()
                        .map(|&(a, b)| &line[a as usize..b as usize])
                        .collect();
                    assert_eq!(have, want);
                }
                (None, None) => assert_eq!(got, Scan::NoEnd),
            }
        }
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_separator(b"a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_separator(b"\"a;b\",c"), b',');
        assert_eq!(sniff_separator(b"a\tb"), b'\t');
    }
}
