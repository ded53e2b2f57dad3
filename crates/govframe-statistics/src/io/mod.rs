//! Readers and writers.
//!
//! | format | read | write | module |
//! |---|---|---|---|
//! | SDMX-CSV 2.0 / 2.1 | yes (streaming) | yes (streaming) | [`sdmx_csv`] |
//! | SDMX-CSV 1.0 | yes (streaming) | — | [`sdmx_csv`] |
//! | SDMX-JSON 1.0, 2.0, 2.1 data messages | yes | — | [`sdmx_json`] |
//! | ITU DataHub CSV export | yes (streaming) | — | [`tabular`] |
//! | World Bank WDI CSV | yes (streaming) | — | [`tabular`] |
//! | any CSV, with a column mapping | yes (streaming) | — | [`tabular`] |
//! | govframe `dataset` JSON | yes | yes (streaming) | [`dataset_json`] |
//!
//! Every reader pushes rows into a [`data::Sink`](crate::data::Sink) and returns a
//! [`ReadReport`]; [`read_format`] picks the reader for a [`Format`].

pub mod areas;
pub(crate) mod chunked;
pub mod dataset_json;
pub(crate) mod records;
pub mod sdmx_csv;
pub mod sdmx_json;
pub mod tabular;
pub(crate) mod tokenizer;

use std::fmt;
use std::io::Read;
use std::str::FromStr;

use govframe_core::{Issue, Level, Severity};

use crate::data::column::FxHasher;
use crate::data::{Layout, Row, Sink};
use crate::error::{Location, Problem};
use crate::structure::DataStructure;
use crate::{Action, Error, Result};

pub use areas::{AreaClass, AreaClassifier, AreaNote, AreaReport};

/// A data format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// SDMX-CSV 1.0, 2.0 or 2.1 (`sdmx-csv`).
    SdmxCsv,
    /// SDMX-JSON 1.0, 2.0 or 2.1 data message (`sdmx-json`).
    SdmxJson,
    /// ITU DataHub CSV export (`itu-datahub`).
    ItuDatahub,
    /// World Bank WDI CSV, `Country Name,Country Code,Year,Value` (`wdi-csv`).
    WdiCsv,
    /// Any CSV, with a column mapping (`csv`).
    Csv,
    /// govframe `dataset` document (`dataset-json`).
    DatasetJson,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Self::SdmxCsv,
        Self::SdmxJson,
        Self::ItuDatahub,
        Self::WdiCsv,
        Self::Csv,
        Self::DatasetJson,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::SdmxCsv => "sdmx-csv",
            Self::SdmxJson => "sdmx-json",
            Self::ItuDatahub => "itu-datahub",
            Self::WdiCsv => "wdi-csv",
            Self::Csv => "csv",
            Self::DatasetJson => "dataset-json",
        }
    }

    /// Guesses the format from the first bytes of a file. O(length of `head`).
    ///
    /// ```
    /// use govframe_statistics::io::Format;
    /// assert_eq!(Format::detect(b"STRUCTURE,STRUCTURE_ID,ACTION,A\n"), Format::SdmxCsv);
    /// assert_eq!(Format::detect(b"Country Name,Country Code,Year,Value\r\n"), Format::WdiCsv);
    /// assert_eq!(Format::detect(b"{\"kind\": \"dataset\"}"), Format::DatasetJson);
    /// assert_eq!(Format::detect(b"{\"meta\": {}}"), Format::SdmxJson);
    /// ```
    pub fn detect(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let trimmed: &[u8] = match head.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => head.get(i..).unwrap_or(&[]),
            None => &[],
        };
        if trimmed.first() == Some(&b'{') {
            let text =
                String::from_utf8_lossy(trimmed.get(..trimmed.len().min(4096)).unwrap_or(&[]));
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            return if compact.contains("\"kind\":\"dataset\"") {
                Self::DatasetJson
            } else {
                Self::SdmxJson
            };
        }
        let first_line = trimmed.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let upper = String::from_utf8_lossy(first_line).to_ascii_uppercase();
        if upper.starts_with("STRUCTURE") || upper.starts_with("DATAFLOW") {
            Self::SdmxCsv
        } else if upper.contains("\"SERIESCODE\"") || upper.contains("SERIESCODE,") {
            Self::ItuDatahub
        } else if upper.starts_with("COUNTRY NAME,COUNTRY CODE,YEAR,VALUE")
            || upper.starts_with("\"COUNTRY NAME\",\"COUNTRY CODE\"")
        {
            Self::WdiCsv
        } else {
            Self::Csv
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown format {s:?}; expected one of {}",
                    Self::ALL.map(Format::name).join(", ")
                ))
            })
    }
}

/// What a reader found besides the rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadReport {
    /// Rows pushed into the sink.
    pub rows: u64,
    /// Warnings and notes (rule ids `statistics.read.*`), with lines where known.
    pub notes: Vec<Issue>,
    /// Reference areas by kind, for readers that know which column holds them.
    pub areas: Option<AreaReport>,
}

impl ReadReport {
    pub(crate) fn note(
        &mut self,
        severity: Severity,
        rule: &str,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> &mut Issue {
        let mut issue = Issue::new(Level::Parse, severity, rule, "", message);
        issue.line = line;
        self.notes.push(issue);
        let last = self.notes.len() - 1;
        &mut self.notes[last]
    }
}

/// Options shared by the readers; each uses the ones that apply to it.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// A structure: gives columns their roles and measures their types (SDMX-CSV, CSV).
    pub structure: Option<DataStructure>,
    /// Field separator, instead of the one the reader finds or assumes.
    pub separator: Option<u8>,
    /// Classifies reference areas as countries, aggregates or unknown (ITU, WDI, CSV).
    pub areas: Option<AreaClassifier>,
    /// The indicator code of a WDI file (default: from the file name, e.g.
    /// `wdi-it.net.bbnd.p2.csv` → `IT.NET.BBND.P2`).
    pub indicator: Option<String>,
    /// The column mapping of a plain CSV file.
    pub mapping: Option<tabular::Mapping>,
}

/// Reads `src` as `format` into `sink`. `file` names the input in messages.
pub fn read_format<R: Read + Send, S: Sink>(
    format: Format,
    src: R,
    file: &str,
    options: &ReadOptions,
    sink: &mut S,
) -> Result<ReadReport> {
    match format {
        Format::SdmxCsv => sdmx_csv::read(src, file, options, sink),
        Format::SdmxJson => sdmx_json::read(src, file, sink),
        Format::ItuDatahub => tabular::read_itu_datahub(src, file, options, sink),
        Format::WdiCsv => tabular::read_wdi(src, file, options, sink),
        Format::Csv => {
            let mapping = options
                .mapping
                .as_ref()
                .ok_or_else(|| Error::Usage("reading plain CSV needs a column mapping".into()))?;
            tabular::read_mapped(src, file, mapping, options, sink)
        }
        Format::DatasetJson => dataset_json::read(src, file, sink),
    }
}

/// A number read from a measure field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    Missing,
    Value(f64),
    Dash,
    NotNumber,
    NotFinite,
}

/// Reads a measure field: empty or `NaN` is missing, `-` is the delete marker; C-style
/// exponents (`1.91018e+006`) are accepted; with `decimal_comma`, `12,4` is 12.4. O(length).
#[inline]
pub(crate) fn parse_number(s: &str, decimal_comma: bool) -> Num {
    let t = s.trim();
    if t.is_empty() {
        return Num::Missing;
    }
    if t == "-" {
        return Num::Dash;
    }
    let first = t.as_bytes().first().copied().unwrap_or(b'x');
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        if t.eq_ignore_ascii_case("nan") {
            return Num::Missing;
        }
        if t.eq_ignore_ascii_case("inf")
            || t.eq_ignore_ascii_case("+inf")
            || t.eq_ignore_ascii_case("infinity")
        {
            return Num::NotFinite;
        }
        return Num::NotNumber;
    }
    if let Some(v) = fast_decimal(t.as_bytes(), decimal_comma) {
        return Num::Value(v);
    }
    let parsed = if decimal_comma && t.contains(',') {
        let mut buf = [0u8; 64];
        let bytes = t.as_bytes();
        if bytes.len() > buf.len() {
            return Num::NotNumber;
        }
        for (dst, &b) in buf.iter_mut().zip(bytes) {
            *dst = if b == b',' { b'.' } else { b };
        }
        std::str::from_utf8(buf.get(..bytes.len()).unwrap_or(&[]))
            .ok()
            .and_then(|x| x.parse::<f64>().ok())
    } else {
        t.parse::<f64>().ok()
    };
    match parsed {
        Some(v) if v.is_finite() => Num::Value(v),
        Some(v) if v.is_nan() => Num::Missing,
        Some(_) => Num::NotFinite,
        None if t.eq_ignore_ascii_case("-inf") || t.eq_ignore_ascii_case("-infinity") => {
            Num::NotFinite
        }
        None => Num::NotNumber,
    }
}

/// Exact powers of ten (every one up to 10²² is a double).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `[-+]digits[.digits]` with at most 15 significant digits, read exactly: the digits form
/// an integer below 2⁵³ and the power of ten is exact, so one IEEE division gives the
/// correctly rounded result (Clinger's fast path). `None` sends the text to the full parser.
/// When it gives a number, [`parse_number`] gives the same.
#[inline]
pub(crate) fn fast_decimal(b: &[u8], decimal_comma: bool) -> Option<f64> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, b.get(1..)?),
        b'+' => (false, b.get(1..)?),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 17 {
        return None;
    }
    let mut m: u64 = 0;
    let mut n = 0usize;
    let mut frac: Option<usize> = None;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                n += 1;
            }
            b'.' if frac.is_none() => frac = Some(i),
            b',' if decimal_comma && frac.is_none() => frac = Some(i),
            _ => return None,
        }
    }
    if n == 0 || n > 15 {
        return None;
    }
    let scale = frac.map_or(0, |f| digits.len() - 1 - f);
    let v = (m as f64) / *POW10.get(scale)?;
    Some(if neg { -v } else { v })
}

/// Formats a finite number in its shortest round-trip form, without a trailing `.0`
/// (`12.4`, `3`, `1e-7`).
///
/// ```
/// let mut buf = zmij::Buffer::new();
/// assert_eq!(govframe_statistics::io::format_number(&mut buf, 3.0), "3");
/// assert_eq!(govframe_statistics::io::format_number(&mut buf, 12.4), "12.4");
/// assert_eq!(govframe_statistics::io::format_number(&mut buf, 1910180.0), "1910180");
/// ```
pub fn format_number(buf: &mut zmij::Buffer, x: f64) -> &str {
    let s = buf.format(x);
    s.strip_suffix(".0").unwrap_or(s)
}

/// A [`Sink`] that passes rows on and, at the end, fails if two rows have the same full key
/// (every dimension value and the structure equal), naming the lines of the first such pair
/// in file order. Delete rows and rows with an empty dimension (partial keys of attribute
/// rows) are not checked.
///
/// Memory: a 64-bit fingerprint and a line number per checked row (16 bytes), sorted at the
/// end (O(n log n)). Two different keys share a fingerprint with probability about n²/2⁶⁵
/// (3·10⁻⁶ for 10 million rows), which would report a false duplicate.
pub struct DuplicateCheck<S> {
    inner: S,
    file: String,
    seen: Vec<(u64, u64)>,
    dims: usize,
    row: u64,
}

impl<S> DuplicateCheck<S> {
    /// Wraps `inner`; `file` names the input in errors.
    pub fn new(inner: S, file: &str) -> Self {
        Self {
            inner,
            file: file.to_owned(),
            seen: Vec::new(),
            dims: 0,
            row: 0,
        }
    }

    /// The wrapped sink.
    pub fn into_inner(self) -> S {
        self.inner
    }

    /// The first repeated key in file order: (its line, the line of its first use).
    fn first_repeat(&mut self) -> Option<(u64, u64)> {
        self.seen.sort_unstable();
        let mut best: Option<(u64, u64)> = None;
        for run in self.seen.chunk_by(|a, b| a.0 == b.0) {
            if let [first, second, ..] = run
                && best.is_none_or(|(line, _)| second.1 < line)
            {
                best = Some((second.1, first.1));
            }
        }
        best
    }
}

impl<S: Sink> Sink for DuplicateCheck<S> {
    fn start(&mut self, layout: &Layout) -> Result<()> {
        self.dims = layout.dimensions.len();
        self.inner.start(layout)
    }

    fn source_columns(&mut self, columns: &crate::data::SourceColumns) {
        self.inner.source_columns(columns);
    }

    fn row<R: Row + ?Sized>(&mut self, row: &R) -> Result<()> {
        use std::hash::Hasher as _;
        self.row += 1;
        let partial = (0..self.dims).any(|i| row.dimension(i).is_empty());
        if row.action() != Action::Delete && !partial && self.dims > 0 {
            let mut h = FxHasher::default();
            if let Some((k, id)) = row.structure() {
                h.write(k.csv_name().as_bytes());
                h.write(id.as_bytes());
            }
            for i in 0..self.dims {
                h.write_u8(0xff);
                h.write(row.dimension(i).as_bytes());
            }
            // A second mix so that short keys spread over all 64 bits.
            let fp = h
                .finish()
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(29);
            let line = if row.line() > 0 { row.line() } else { self.row };
            self.seen.push((fp, line));
        }
        self.inner.row(row)
    }

    fn finish(&mut self) -> Result<()> {
        if let Some((line, first_line)) = self.first_repeat() {
            let at = Location {
                file: self.file.clone(),
                line: Some(line),
                column: None,
                record: None,
                field: None,
            };
            return Err(Error::input(
                at,
                Problem::DuplicateKey {
                    key: String::new(),
                    first_line,
                },
            ));
        }
        self.seen = Vec::new();
        self.inner.finish()
    }
}

/// A [`Sink`] that passes rows on and fails on the first coded dimension value that is not
/// in its codelist, with the line and column of the value. Memory: the codelists.
pub struct CodeCheck<S> {
    inner: S,
    file: String,
    /// Per dimension of the layout: the codes allowed and the field name, when coded.
    allowed: Vec<Option<(std::collections::HashSet<String>, String)>>,
    lists: Vec<(String, std::collections::HashSet<String>, String)>,
    columns: Vec<Option<u64>>,
    last_ok: Vec<Option<String>>,
}

impl<S> CodeCheck<S> {
    /// Wraps `inner`: dimensions of `structure` bound to one of `codelists` (by document
    /// id) are checked. Without a structure, nothing is.
    pub fn new(
        inner: S,
        file: &str,
        structure: Option<&DataStructure>,
        codelists: &[crate::Codelist],
    ) -> Self {
        let mut lists = Vec::new();
        if let Some(dsd) = structure {
            for d in &dsd.dimensions {
                let Some(cl) = &d.codelist else { continue };
                if let Some(list) = codelists.iter().find(|c| c.id == *cl) {
                    let set = list
                        .codes
                        .iter()
                        .map(|c| c.id.as_str().to_owned())
                        .collect();
                    lists.push((d.id.as_str().to_owned(), set, cl.as_str().to_owned()));
                }
            }
        }
        Self {
            inner,
            file: file.to_owned(),
            allowed: Vec::new(),
            lists,
            columns: Vec::new(),
            last_ok: Vec::new(),
        }
    }

    /// The wrapped sink.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: Sink> Sink for CodeCheck<S> {
    fn start(&mut self, layout: &Layout) -> Result<()> {
        self.allowed = layout
            .dimensions
            .iter()
            .map(|d| {
                self.lists
                    .iter()
                    .find(|(id, ..)| id == d.as_str())
                    .map(|(id, set, cl)| (set.clone(), format!("{id} (codelist {cl})")))
            })
            .collect();
        self.last_ok = vec![None; layout.dimensions.len()];
        self.inner.start(layout)
    }

    fn source_columns(&mut self, columns: &crate::data::SourceColumns) {
        self.columns = columns.dimensions.clone();
        self.inner.source_columns(columns);
    }

    fn row<R: Row + ?Sized>(&mut self, row: &R) -> Result<()> {
        for (i, allowed) in self.allowed.iter().enumerate() {
            let Some((set, name)) = allowed else { continue };
            let v = row.dimension(i);
            if v.is_empty() || self.last_ok.get(i).and_then(|l| l.as_deref()) == Some(v) {
                continue;
            }
            if set.contains(v) {
                if let Some(slot) = self.last_ok.get_mut(i) {
                    *slot = Some(v.to_owned());
                }
                continue;
            }
            let at = Location {
                file: self.file.clone(),
                line: (row.line() > 0).then_some(row.line()),
                column: self.columns.get(i).copied().flatten(),
                record: None,
                field: Some(name.clone()),
            };
            return Err(Error::input(
                at,
                Problem::UnknownDimensionValue(v.to_owned()),
            ));
        }
        self.inner.row(row)
    }

    fn finish(&mut self) -> Result<()> {
        self.inner.finish()
    }
}

/// A [`Sink`] that drops every row (to check a file without keeping it).
#[derive(Debug, Default, Clone, Copy)]
pub struct Discard;

impl Sink for Discard {
    fn start(&mut self, _: &Layout) -> Result<()> {
        Ok(())
    }
    fn row<R: Row + ?Sized>(&mut self, _: &R) -> Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1.91018e+006", false), Num::Value(1_910_180.0));
        assert_eq!(parse_number(" 12.4 ", false), Num::Value(12.4));
        assert_eq!(parse_number("12,4", true), Num::Value(12.4));
        assert_eq!(parse_number("12,4", false), Num::NotNumber);
        assert_eq!(parse_number("", false), Num::Missing);
        assert_eq!(parse_number("NaN", false), Num::Missing);
        assert_eq!(parse_number("-", false), Num::Dash);
        assert_eq!(parse_number("inf", false), Num::NotFinite);
        assert_eq!(parse_number("-inf", false), Num::NotFinite);
        assert_eq!(parse_number("1e999", false), Num::NotFinite);
        assert_eq!(parse_number("abc", false), Num::NotNumber);
        assert_eq!(parse_number("1.2.3", false), Num::NotNumber);
        assert_eq!(parse_number("-0.5", false), Num::Value(-0.5));
        assert_eq!(parse_number("-0", false), Num::Value(-0.0));
        assert_eq!(parse_number(".5", false), Num::Value(0.5));
        assert_eq!(parse_number("5.", false), Num::Value(5.0));
        assert_eq!(parse_number(".", false), Num::NotNumber);
        assert_eq!(parse_number("+", false), Num::NotNumber);
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_full_parser(
            s in "[-+]?[0-9]{0,12}(\\.[0-9]{0,8})?"
        ) {
            let full = s.parse::<f64>().ok();
            let fast = fast_decimal(s.as_bytes(), false);
            if let Some(v) = fast {
                proptest::prop_assert_eq!(Some(v.to_bits()), full.map(f64::to_bits), "{}", s);
            }
        }
    }

    #[test]
    fn shortest_numbers_round_trip() {
        let mut buf = zmij::Buffer::new();
        for x in [
            0.1,
            1.0 / 3.0,
            1e-300,
            123456789.0,
            -2.5,
            1.91018e6,
            f64::MAX,
        ] {
            let s = format_number(&mut buf, x).to_owned();
            assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
        }
    }
}
