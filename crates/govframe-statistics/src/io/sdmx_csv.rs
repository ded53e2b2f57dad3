//! SDMX-CSV: read 1.0, 2.0 and 2.1; write 2.0.
//!
//! Reading (streaming, constant memory):
//!
//! * 2.x: `STRUCTURE` (its `[x]` gives the sub-field separator and the character after it
//!   the field separator), `STRUCTURE_ID`, optional `STRUCTURE_NAME`, optional `ACTION`
//!   (`I` when absent), optional `SERIES_KEY` / `OBS_KEY` (skipped: they repeat the
//!   dimensions), then the components in any order; custom columns are kept as attributes.
//! * 1.0: `DATAFLOW`, the components, and `SERIESKEY` (skipped).
//! * `labels=both` (`DIM_1: Dimension 1`, `A: Value A`): ids are kept, names become labels;
//!   `labels=name` (a `STRUCTURE_NAME` column, each component followed by a name column):
//!   the name columns become labels.
//! * `ATTR[]` multi-valued and `ATTR[en;fr]` multilingual attributes keep their text as
//!   written (see [`split_values`](crate::data::split_values)).
//! * `;` as field separator allows decimal commas in measures (`12,4`).
//! * Roles: from the structure when one is given; otherwise guessed from the column ids
//!   (`OBS_VALUE`/`MEAS…` measures, `TIME_PERIOD` time, `DIM…` dimensions, `ATTR…` and the
//!   cross-domain attribute concepts attributes) and from their place (before the first
//!   measure: dimensions; after: attributes).
//! * A record may end with extra empty fields (a trailing separator); any other extra field
//!   is an error, as are missing fields.
//! * Inputs of 1 MiB or more without labels or text measures are read in chunks of 1 MiB on
//!   every core: each chunk's values are interned into its own dictionaries and the chunks
//!   reach the sink in file order, as [`CodedRows`] (what a [`DataCube`](crate::data::DataCube)
//!   merges without interning every value again). Chunks with anything unusual (a quote, a
//!   blank line, an error) are read record by record, so rows, notes and errors are those of
//!   a sequential read.
//!
//! Writing: [`Writer`] writes SDMX-CSV 2.0 with the options `labels=id|name|both`,
//! `timeFormat=original|normalized` and `keys=none|series|obs|both`, and a `,` or `;`
//! separator (then with decimal commas); a cube written and read back is equal (with
//! `labels=name|both` too: the names come back as labels; `timeFormat=normalized` changes the
//! time values, by design).

use std::collections::HashMap;
use std::io::{Read, Write};

use govframe_core::{Id, Severity};

use super::chunked::{self, ChunkSink, FastCol, FastPlan};
use super::records::{BatchSource, with_batches};
use super::tokenizer::{Record, Tokenizer};
use super::{Num, ReadOptions, ReadReport, format_number, parse_number};
use crate::data::{
    AttributeSpec, CodedRows, Layout, MeasureKind, MeasureSpec, MeasureValue, Role, Row, Rows,
    Sink, SourceColumns, ValueForm, guess_role, role_in,
};
use crate::error::{Location, Problem};
use crate::sdmx::{Action, ArtefactRef, StructureKind, StructureUse};
use crate::{Error, Result};

/// Which SDMX-CSV version a header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// 1.0: `DATAFLOW` first.
    V1,
    /// 2.0 or 2.1: `STRUCTURE` first.
    V2,
}

/// What the first header field says: version, field separator, sub-field separator.
fn sniff(head: &[u8]) -> Option<(Version, u8, char)> {
    let upper: Vec<u8> = head.iter().take(64).map(u8::to_ascii_uppercase).collect();
    let (version, rest) = if upper.starts_with(b"STRUCTURE") {
        (Version::V2, head.get(9..).unwrap_or(&[]))
    } else if upper.starts_with(b"DATAFLOW") {
        (Version::V1, head.get(8..).unwrap_or(&[]))
    } else {
        return None;
    };
    let mut sub = ';';
    let mut rest = rest;
    if rest.first() == Some(&b'[') {
        let close = rest.iter().position(|&b| b == b']')?;
        let inner = std::str::from_utf8(rest.get(1..close)?).ok()?;
        sub = inner.chars().next().unwrap_or(';');
        rest = rest.get(close + 1..)?;
    }
    let sep = match rest.first() {
        Some(&b) if matches!(b, b',' | b';' | b'\t' | b'|') => b,
        _ => b',',
    };
    Some((version, sep, sub))
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Structure,
    StructureId,
    Ignore,
    Action,
    Dim(usize),
    DimLabel(usize),
    Measure(usize),
    Attr(usize),
}

/// A measure value in a row, without borrowing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Missing,
    Number(f64),
    Text(u32, u32),
    Dash,
}

/// Splits `ID: Name` into the id and the name (labels=both).
fn split_label(s: &str) -> (&str, Option<&str>) {
    match s.split_once(": ") {
        Some((id, name)) => (id, Some(name)),
        None => (s, None),
    }
}

/// The id of a structure field: before `: ` when labels are given, trimmed.
#[inline]
fn id_part(v: &str, labels: bool) -> &str {
    if labels { split_label(v).0 } else { v }.trim()
}

/// Strips bracket groups from a header (`ATTR[]`, `ATTR[en;fr]`, `CONTACT[].NAME[]`) and
/// says what they meant.
fn parse_component_header(header: &str, labels_both: bool) -> (String, ValueForm) {
    let header = if labels_both {
        split_label(header).0
    } else {
        header
    };
    let mut id = String::new();
    let mut form = ValueForm::Single;
    let mut rest = header.trim();
    while let Some(open) = rest.find('[') {
        id.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find(']') else {
            id.push_str(rest.get(open..).unwrap_or(""));
            rest = "";
            break;
        };
        let inner = after.get(..close).unwrap_or("");
        form = if inner.is_empty() {
            ValueForm::Multi
        } else {
            ValueForm::Multilingual(
                inner
                    .split([';', ',', '|'])
                    .map(|l| l.trim().to_owned())
                    .collect(),
            )
        };
        rest = after.get(close + 1..).unwrap_or("");
    }
    id.push_str(rest);
    (id, form)
}

/// Rows of a batch, stored row by row as spans into the batch's text.
#[derive(Debug, Default)]
struct Columns {
    n_dims: usize,
    n_meas: usize,
    n_attrs: usize,
    has_labels: bool,
    dims: Vec<(u32, u32)>,
    labels: Vec<(u32, u32)>,
    meas: Vec<Slot>,
    attrs: Vec<(u32, u32)>,
    structures: Vec<Option<(StructureKind, (u32, u32))>>,
    actions: Vec<Action>,
    lines: Vec<u64>,
}

impl Columns {
    fn clear(&mut self) {
        self.dims.clear();
        self.labels.clear();
        self.meas.clear();
        self.attrs.clear();
        self.structures.clear();
        self.actions.clear();
        self.lines.clear();
    }
}

/// A batch of SDMX-CSV rows for a [`Sink`].
struct CsvRows<'a> {
    text: &'a str,
    cols: &'a Columns,
}

impl CsvRows<'_> {
    #[inline]
    fn span(&self, s: (u32, u32)) -> &str {
        self.text.get(s.0 as usize..s.1 as usize).unwrap_or("")
    }
}

impl Rows for CsvRows<'_> {
    fn len(&self) -> usize {
        self.cols.lines.len()
    }
    fn structure(&self, r: usize) -> Option<(StructureKind, &str)> {
        self.cols
            .structures
            .get(r)
            .copied()
            .flatten()
            .map(|(k, s)| (k, self.span(s)))
    }
    fn action(&self, r: usize) -> Action {
        self.cols.actions.get(r).copied().unwrap_or_default()
    }
    #[inline]
    fn dimension(&self, r: usize, i: usize) -> &str {
        self.cols
            .dims
            .get(r * self.cols.n_dims + i)
            .map_or("", |&s| self.span(s))
    }
    fn label(&self, r: usize, i: usize) -> Option<&str> {
        if !self.cols.has_labels {
            return None;
        }
        self.cols
            .labels
            .get(r * self.cols.n_dims + i)
            .map(|&s| self.span(s))
            .filter(|l| !l.is_empty())
    }
    #[inline]
    fn measure(&self, r: usize, i: usize) -> MeasureValue<'_> {
        match self.cols.meas.get(r * self.cols.n_meas + i) {
            Some(Slot::Number(x)) => MeasureValue::Number(*x),
            Some(Slot::Text(a, b)) => MeasureValue::Text(self.span((*a, *b))),
            Some(Slot::Dash) => MeasureValue::Dash,
            _ => MeasureValue::Missing,
        }
    }
    #[inline]
    fn attribute(&self, r: usize, i: usize) -> &str {
        self.cols
            .attrs
            .get(r * self.cols.n_attrs + i)
            .map_or("", |&s| self.span(s))
    }
    fn line(&self, r: usize) -> u64 {
        self.cols.lines.get(r).copied().unwrap_or(0)
    }
}

fn at(file: &str, rec: &Record<'_>, col: usize, header: &[String]) -> Location {
    Location {
        file: file.to_owned(),
        line: Some(rec.line),
        column: Some(col as u64 + 1),
        record: Some(rec.number),
        field: header.get(col).cloned(),
    }
}

/// Reads SDMX-CSV (1.0, 2.0, 2.1) from `src` into `sink`; `file` names it in messages.
/// O(size of the input) time, memory bounded by the longest record.
///
/// ```
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::sdmx_csv;
/// let text = "STRUCTURE[|];STRUCTURE_ID;ACTION;DIM_1: Dimension 1;TIME_PERIOD;OBS_VALUE;ATTR_1[]\n\
///             dataflow;ESTAT:NA_MAIN(1.6.0): National accounts;I;A: Value A;2014-01;12,4;X|Y\n";
/// let cube = DataCube::read(|s| sdmx_csv::read(text.as_bytes(), "x.csv", &Default::default(), s))?;
/// assert_eq!(cube.dimension(0, 0), "A");
/// assert_eq!(cube.label(0, "A"), Some("Value A"));
/// assert_eq!(cube.measure(0, 0), govframe_statistics::data::MeasureValue::Number(12.4));
/// assert_eq!(cube.attribute(0, 0), "X|Y");
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
pub fn read<R: Read + Send, S: Sink>(
    src: R,
    file: &str,
    options: &ReadOptions,
    sink: &mut S,
) -> Result<ReadReport> {
    read_in_chunks(src, file, options, sink, None)
}

/// [`read`], with the chunk size of the parallel path: `None` for the default (and the
/// sequential path for inputs of less than 1 MiB), `Some(0)` for the sequential path
/// whatever the input size, `Some(n)` for chunks of `n` bytes whatever the input size (tests).
pub(crate) fn read_in_chunks<R: Read + Send, S: Sink>(
    src: R,
    file: &str,
    options: &ReadOptions,
    sink: &mut S,
    chunk: Option<usize>,
) -> Result<ReadReport> {
    let mut tok = Tokenizer::new(src, file, b',');
    let head = tok.peek(4096)?;
    let Some((version, sniffed_sep, sub_sep)) = sniff(head) else {
        let at = Location {
            file: file.to_owned(),
            line: Some(1),
            column: Some(1),
            record: Some(1),
            field: None,
        };
        return Err(Error::input(
            at,
            Problem::BadValue(
                "not SDMX-CSV: the first column must be STRUCTURE (2.0) or DATAFLOW (1.0)".into(),
            ),
        ));
    };
    let sep = options.separator.unwrap_or(sniffed_sep);
    tok.set_separator(sep);
    let decimal_comma = sep == b';';
    let mut report = ReadReport::default();

    // Header.
    let Some(header_rec) = tok.next_record()? else {
        return Err(Error::input(Location::file(file), Problem::NoHeader));
    };
    let header: Vec<String> = (0..header_rec.len())
        .map(|i| header_rec.field(i).trim().to_owned())
        .collect();
    let header_line = header_rec.line;
    let labels_name = header
        .iter()
        .any(|h| h.eq_ignore_ascii_case("STRUCTURE_NAME"));
    let labels_both = header.iter().skip(1).any(|h| h.contains(": "));
    let mut layout = Layout {
        sub_separator: sub_sep,
        ..Layout::default()
    };
    let mut cols: Vec<Col> = Vec::with_capacity(header.len());
    let mut seen_measure = false;
    let mut ids: Vec<String> = Vec::new();
    let mut expect_name_for: Option<Col> = None;
    for (i, h) in header.iter().enumerate() {
        let upper = h.to_ascii_uppercase();
        let upper_id = split_label(&upper).0.to_owned();
        if i == 0 {
            cols.push(Col::Structure);
            continue;
        }
        if let Some(owner) = expect_name_for.take() {
            cols.push(match owner {
                Col::Dim(d) => Col::DimLabel(d),
                _ => Col::Ignore,
            });
            continue;
        }
        let special = match (version, upper_id.as_str()) {
            (Version::V2, "STRUCTURE_ID") => Some(Col::StructureId),
            (Version::V2, "STRUCTURE_NAME") => Some(Col::Ignore),
            (Version::V2, "ACTION") => Some(Col::Action),
            (_, "SERIES_KEY" | "OBS_KEY" | "SERIESKEY" | "OBSKEY") => Some(Col::Ignore),
            _ => None,
        };
        if let Some(c) = special {
            cols.push(c);
            continue;
        }
        let (id, form) = parse_component_header(h, labels_both);
        let id_value = Id::new(id.clone()).map_err(|e| {
            Error::input(
                Location {
                    file: file.to_owned(),
                    line: Some(header_line),
                    column: Some(i as u64 + 1),
                    record: Some(1),
                    field: Some(h.clone()),
                },
                Problem::BadValue(format!("bad column header: {e}")),
            )
        })?;
        if ids.contains(&id) {
            return Err(Error::input(
                Location {
                    file: file.to_owned(),
                    line: Some(header_line),
                    column: Some(i as u64 + 1),
                    record: Some(1),
                    field: Some(h.clone()),
                },
                Problem::DuplicateColumn(id),
            ));
        }
        ids.push(id.clone());
        let role = match &options.structure {
            Some(dsd) => match role_in(dsd, &id) {
                Some(r) => r,
                None => {
                    report
                        .note(
                            Severity::Info,
                            "statistics.read.custom-column",
                            Some(header_line),
                            format!("column {id:?} is not a component of the structure; kept as an attribute"),
                        )
                        .column = Some(i as u64 + 1);
                    Role::Attribute
                }
            },
            None => guess_role(&id, form != ValueForm::Single, seen_measure),
        };
        let col = match role {
            Role::Dimension | Role::Time => {
                if role == Role::Time {
                    layout.time_dimension = Some(layout.dimensions.len());
                }
                layout.dimensions.push(id_value);
                Col::Dim(layout.dimensions.len() - 1)
            }
            Role::Measure => {
                seen_measure = true;
                let kind = match &options.structure {
                    Some(dsd) => match dsd.component(&id) {
                        Some(crate::structure::ComponentDef::Measure(m)) if !m.is_numeric() => {
                            MeasureKind::Text
                        }
                        _ => MeasureKind::Numeric,
                    },
                    None => MeasureKind::Auto,
                };
                layout.measures.push(MeasureSpec { id: id_value, kind });
                Col::Measure(layout.measures.len() - 1)
            }
            Role::Attribute => {
                let form = match (&options.structure, form) {
                    (Some(dsd), ValueForm::Single) => match dsd.component(&id) {
                        Some(crate::structure::ComponentDef::Attribute(a)) if a.multi_valued => {
                            ValueForm::Multi
                        }
                        _ => ValueForm::Single,
                    },
                    (_, f) => f,
                };
                layout.attributes.push(AttributeSpec { id: id_value, form });
                Col::Attr(layout.attributes.len() - 1)
            }
        };
        if labels_name {
            expect_name_for = Some(col);
        }
        cols.push(col);
    }
    if version == Version::V2 && !cols.contains(&Col::StructureId) {
        return Err(Error::input(
            Location {
                file: file.to_owned(),
                line: Some(header_line),
                column: None,
                record: Some(1),
                field: None,
            },
            Problem::MissingColumn("STRUCTURE_ID".into()),
        ));
    }
    sink.start(&layout)?;
    let mut columns = SourceColumns {
        dimensions: vec![None; layout.dimensions.len()],
        measures: vec![None; layout.measures.len()],
        attributes: vec![None; layout.attributes.len()],
    };
    for (i, c) in cols.iter().enumerate() {
        let slot = match *c {
            Col::Dim(d) => columns.dimensions.get_mut(d),
            Col::Measure(m) => columns.measures.get_mut(m),
            Col::Attr(a) => columns.attributes.get_mut(a),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = Some(i as u64 + 1);
        }
    }
    sink.source_columns(&columns);

    // Column lists by role, so that a record is mapped without a match per field.
    let pick = |f: fn(Col) -> Option<usize>| -> Vec<(usize, usize)> {
        cols.iter()
            .enumerate()
            .filter_map(|(i, &c)| f(c).map(|slot| (i, slot)))
            .collect()
    };
    let col_of = |want: Col| cols.iter().position(|&c| c == want);
    let plan = Plan {
        file,
        header: &header,
        version,
        labels_both,
        has_labels: labels_both || labels_name,
        decimal_comma,
        n_cols: cols.len(),
        dim_cols: pick(|c| if let Col::Dim(d) = c { Some(d) } else { None }),
        label_cols: pick(|c| {
            if let Col::DimLabel(d) = c {
                Some(d)
            } else {
                None
            }
        }),
        measure_cols: pick(|c| {
            if let Col::Measure(m) = c {
                Some(m)
            } else {
                None
            }
        }),
        attr_cols: pick(|c| if let Col::Attr(a) = c { Some(a) } else { None }),
        attr_coded: layout
            .attributes
            .iter()
            .map(|a| {
                options.structure.as_ref().map(|dsd| {
                    matches!(
                        dsd.component(a.id.as_str()),
                        Some(crate::structure::ComponentDef::Attribute(x)) if x.codelist.is_some()
                    )
                })
            })
            .collect(),
        structure_col: col_of(Col::Structure),
        structure_id_col: col_of(Col::StructureId),
        action_col: col_of(Col::Action),
    };
    let numeric: Vec<usize> = plan.measure_cols.iter().map(|&(c, _)| c).collect();
    let state = State {
        kinds: layout.measures.iter().map(|m| m.kind).collect(),
        dims: vec![(0, 0); layout.dimensions.len()],
        labels: vec![(0, 0); layout.dimensions.len()],
        meas: vec![Slot::Missing; layout.measures.len()],
        attrs: vec![(0, 0); layout.attributes.len()],
        last_structure_text: String::new(),
        last_kind: None,
        trailing_noted: false,
    };
    let columns = Columns {
        n_dims: layout.dimensions.len(),
        n_meas: layout.measures.len(),
        n_attrs: layout.attributes.len(),
        has_labels: plan.has_labels,
        ..Columns::default()
    };
    let fast = plan.fast(&cols, &layout, sep);
    let mut consumer = Consumer {
        plan: &plan,
        state,
        columns,
        report: &mut report,
        sink,
    };
    let chunked = match (&fast, chunk) {
        (None, _) | (_, Some(0)) => false,
        (Some(_), Some(_)) => true,
        (Some(_), None) => !tok.is_all_buffered()?,
    };
    match fast {
        Some(fast) if chunked => {
            let size = chunk.unwrap_or(chunked::CHUNK_BYTES);
            chunked::read(tok, &fast, size, &mut consumer)?;
        }
        _ => {
            with_batches(tok, numeric, decimal_comma, |s| consumer.records(s))?;
        }
    }
    consumer.sink.finish()?;
    Ok(report)
}

/// Where the rows of a read go: the mapping state, the report and the sink.
struct Consumer<'a, S> {
    plan: &'a Plan<'a>,
    state: State,
    columns: Columns,
    report: &'a mut ReadReport,
    sink: &'a mut S,
}

impl<S: Sink> ChunkSink for Consumer<'_, S> {
    fn coded(&mut self, rows: &CodedRows) -> Result<bool> {
        // A column that became text reads its numbers as written: only the general path
        // keeps them.
        if self.state.kinds.contains(&MeasureKind::Text) {
            return Ok(false);
        }
        self.sink.coded_rows(rows)?;
        self.report.rows += rows.len as u64;
        for (kind, m) in self.state.kinds.iter_mut().zip(&rows.measures) {
            if *kind == MeasureKind::Auto && m.present.any() {
                *kind = MeasureKind::Numeric;
            }
        }
        Ok(true)
    }

    fn records(&mut self, source: &mut dyn BatchSource) -> Result<u64> {
        let mut records = 0u64;
        while let Some(batch) = source.next_batch()? {
            self.columns.clear();
            let mut failure = None;
            for k in 0..batch.len() {
                let Some(rec) = batch.record(k) else { break };
                if let Err(e) = self
                    .plan
                    .map(&rec, &mut self.state, &mut self.columns, self.report)
                {
                    failure = Some(e);
                    break;
                }
            }
            // The rows before a bad one still reach the sink, in order.
            let n = self.columns.lines.len() as u64;
            if n > 0 {
                self.sink.rows(&CsvRows {
                    text: batch.text(),
                    cols: &self.columns,
                })?;
                self.report.rows += n;
                records += n;
            }
            if let Some(e) = failure {
                return Err(e);
            }
        }
        Ok(records)
    }
}

/// How the columns of a file map to components.
struct Plan<'a> {
    file: &'a str,
    header: &'a [String],
    version: Version,
    labels_both: bool,
    has_labels: bool,
    decimal_comma: bool,
    n_cols: usize,
    dim_cols: Vec<(usize, usize)>,
    label_cols: Vec<(usize, usize)>,
    measure_cols: Vec<(usize, usize)>,
    attr_cols: Vec<(usize, usize)>,
    /// Per attribute: whether the structure codes it (`None` without a structure).
    attr_coded: Vec<Option<bool>>,
    structure_col: Option<usize>,
    structure_id_col: Option<usize>,
    action_col: Option<usize>,
}

/// What mapping carries from record to record.
struct State {
    kinds: Vec<MeasureKind>,
    dims: Vec<(u32, u32)>,
    labels: Vec<(u32, u32)>,
    meas: Vec<Slot>,
    attrs: Vec<(u32, u32)>,
    last_structure_text: String,
    last_kind: Option<(String, StructureKind)>,
    trailing_noted: bool,
}

impl Plan<'_> {
    /// The plan of the chunk-parallel fast path, when the file suits it: no labels and no
    /// text measures.
    fn fast(&self, cols: &[Col], layout: &Layout, sep: u8) -> Option<FastPlan> {
        if self.has_labels || layout.measures.iter().any(|m| m.kind == MeasureKind::Text) {
            return None;
        }
        let cols = cols
            .iter()
            .map(|c| match (*c, self.version) {
                (Col::Structure, Version::V2) => FastCol::Kind,
                (Col::Structure, Version::V1) | (Col::StructureId, _) => FastCol::StructureId,
                (Col::Action, _) => FastCol::Action,
                (Col::Dim(d), _) => FastCol::Dim(d),
                (Col::Measure(m), _) => FastCol::Measure(m),
                (Col::Attr(a), _) => FastCol::Attr(a),
                (Col::Ignore | Col::DimLabel(_), _) => FastCol::Skip,
            })
            .collect();
        Some(FastPlan {
            cols,
            n_dims: layout.dimensions.len(),
            n_measures: layout.measures.len(),
            n_attrs: layout.attributes.len(),
            sep,
            decimal_comma: self.decimal_comma,
            numeric: self.measure_cols.iter().map(|&(c, _)| c).collect(),
        })
    }

    fn error(&self, rec: &Record<'_>, col: usize, problem: Problem) -> Error {
        Error::input(at(self.file, rec, col, self.header), problem)
    }

    /// Checks one record and appends its row to `out`. O(fields).
    fn map(
        &self,
        rec: &Record<'_>,
        st: &mut State,
        out: &mut Columns,
        report: &mut ReadReport,
    ) -> Result<()> {
        let n = rec.len();
        let n_cols = self.n_cols;
        if n > n_cols {
            match (n_cols..n).find(|&i| !rec.field(i).trim().is_empty()) {
                Some(i) => {
                    return Err(self.error(
                        rec,
                        i,
                        Problem::TooManyFields {
                            expected: n_cols,
                            found: n,
                        },
                    ));
                }
                None if !st.trailing_noted => {
                    st.trailing_noted = true;
                    report.note(
                        Severity::Info,
                        "statistics.read.trailing-separator",
                        Some(rec.line),
                        format!(
                            "records end with {} empty field(s) the header does not have; they are ignored",
                            n - n_cols
                        ),
                    );
                }
                None => {}
            }
        } else if n < n_cols {
            return Err(self.error(
                rec,
                n,
                Problem::TooFewFields {
                    expected: n_cols,
                    found: n,
                },
            ));
        }
        let span = |i: usize| rec.fields.get(i).copied().unwrap_or((0, 0));
        if self.has_labels {
            st.labels.fill((0, 0));
        }
        for &(c, d) in &self.dim_cols {
            let (a, b) = span(c);
            let value = if self.labels_both {
                match rec.field(c).split_once(": ") {
                    Some((id, _)) => {
                        let cut = a + u32::try_from(id.len()).unwrap_or(0);
                        if let Some(l) = st.labels.get_mut(d) {
                            *l = (cut + 2, b);
                        }
                        (a, cut)
                    }
                    None => (a, b),
                }
            } else {
                (a, b)
            };
            if let Some(slot) = st.dims.get_mut(d) {
                *slot = value;
            }
        }
        for &(c, d) in &self.label_cols {
            if let Some(l) = st.labels.get_mut(d) {
                *l = span(c);
            }
        }
        for (k, &(c, m)) in self.measure_cols.iter().enumerate() {
            let (a, b) = span(c);
            let v = rec.field(c);
            let kind = st.kinds.get(m).copied().unwrap_or_default();
            let slot = if kind == MeasureKind::Text {
                match v {
                    "" => Slot::Missing,
                    "-" => Slot::Dash,
                    _ => Slot::Text(a, b),
                }
            } else {
                let num = match rec.nums.get(k) {
                    Some(n) => *n,
                    None => parse_number(v, self.decimal_comma),
                };
                match num {
                    Num::Missing => Slot::Missing,
                    Num::Dash => Slot::Dash,
                    Num::Value(x) => {
                        if kind == MeasureKind::Auto
                            && let Some(kk) = st.kinds.get_mut(m)
                        {
                            *kk = MeasureKind::Numeric;
                        }
                        Slot::Number(x)
                    }
                    Num::NotNumber if kind == MeasureKind::Auto => {
                        if let Some(kk) = st.kinds.get_mut(m) {
                            *kk = MeasureKind::Text;
                        }
                        report.note(
                            Severity::Warning,
                            "statistics.read.text-measure",
                            Some(rec.line),
                            format!(
                                "measure {:?} starts with the non-number {:?}; the column is read as text",
                                self.header.get(c).map_or("", String::as_str),
                                govframe_core::error::shorten(v)
                            ),
                        );
                        Slot::Text(a, b)
                    }
                    Num::NotNumber => {
                        return Err(self.error(rec, c, Problem::NonNumericMeasure(v.to_owned())));
                    }
                    Num::NotFinite => {
                        return Err(self.error(rec, c, Problem::NonFiniteMeasure(v.to_owned())));
                    }
                }
            };
            if let Some(s) = st.meas.get_mut(m) {
                *s = slot;
            }
        }
        for &(c, x) in &self.attr_cols {
            let (a, b) = span(c);
            // With labels=both, a coded value is written `ID: Name` and a free-text one as
            // it is, so `Source: survey` may be either. The structure says which attributes
            // are coded; without one, only an id-like part without lower-case letters
            // (`A`, `PT_HH`, `3`) counts as a code, so that free text keeps its words.
            let coded = self.attr_coded.get(x).copied().flatten();
            let value = if self.labels_both && coded != Some(false) {
                match rec.field(c).split_once(": ") {
                    Some((id, _))
                        if !id.is_empty()
                            && id.bytes().all(|ch| {
                                ch.is_ascii_alphanumeric()
                                    || matches!(ch, b'_' | b'@' | b'$' | b'.' | b'-')
                            })
                            && (coded == Some(true)
                                || !id.bytes().any(|ch| ch.is_ascii_lowercase())) =>
                    {
                        (a, a + u32::try_from(id.len()).unwrap_or(0))
                    }
                    _ => (a, b),
                }
            } else {
                (a, b)
            };
            if let Some(slot) = st.attrs.get_mut(x) {
                *slot = value;
            }
        }
        // Structure and action.
        let mut kind = StructureKind::Dataflow;
        let mut struct_id: Option<(usize, &str)> = None;
        if let Some(c) = self.structure_col {
            let v = rec.field(c);
            match self.version {
                Version::V2 => {
                    kind = match &st.last_kind {
                        Some((text, k))
                            if crate::data::column::same(text.as_bytes(), v.as_bytes()) =>
                        {
                            *k
                        }
                        _ => {
                            let k = StructureKind::from_csv(v).ok_or_else(|| {
                                self.error(
                                    rec,
                                    c,
                                    Problem::BadValue(format!(
                                        "STRUCTURE must be dataflow, datastructure or dataprovision, not {:?}",
                                        govframe_core::error::shorten(v)
                                    )),
                                )
                            })?;
                            st.last_kind = Some((v.to_owned(), k));
                            k
                        }
                    };
                }
                Version::V1 => struct_id = Some((c, id_part(v, self.labels_both))),
            }
        }
        if let Some(c) = self.structure_id_col {
            struct_id = Some((c, id_part(rec.field(c), self.labels_both)));
        }
        let action = match self.action_col {
            None => Action::Information,
            Some(c) => {
                let v = rec.field(c);
                if let [b] = v.as_bytes()
                    && let Some(a) = Action::from_letter(*b)
                {
                    a
                } else if v.trim().is_empty() {
                    Action::Information
                } else {
                    Action::parse(v).ok_or_else(|| {
                        self.error(
                            rec,
                            c,
                            Problem::BadValue(format!(
                                "ACTION must be I, A, M, R or D, not {:?}",
                                govframe_core::error::shorten(v)
                            )),
                        )
                    })?
                }
            }
        };
        let mut structure = None;
        if let Some((i, id)) = struct_id {
            if !crate::data::column::same(id.as_bytes(), st.last_structure_text.as_bytes()) {
                ArtefactRef::new(id)
                    .map_err(|e| self.error(rec, i, Problem::BadValue(e.to_string())))?;
                st.last_structure_text.clear();
                st.last_structure_text.push_str(id);
            }
            // The id is a sub-slice of the record text: its offsets in the batch.
            let base = rec.text.as_ptr() as usize;
            let start = (id.as_ptr() as usize).saturating_sub(base);
            let start = u32::try_from(start).unwrap_or(0);
            let end = start + u32::try_from(id.len()).unwrap_or(0);
            structure = Some((kind, (start, end)));
        }
        out.dims.extend_from_slice(&st.dims);
        if self.has_labels {
            out.labels.extend_from_slice(&st.labels);
        }
        out.meas.extend_from_slice(&st.meas);
        out.attrs.extend_from_slice(&st.attrs);
        out.structures.push(structure);
        out.actions.push(action);
        out.lines.push(rec.line);
        Ok(())
    }
}

/// Which key columns to write (SDMX-CSV `keys` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keys {
    /// None (`keys=none`). The default.
    #[default]
    None,
    /// `SERIES_KEY`: every dimension but time, joined with `.`.
    Series,
    /// `OBS_KEY`: every dimension, joined with `.`.
    Obs,
    /// Both.
    Both,
}

/// What identifies structures, components and coded values (SDMX-CSV `labels` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Labels {
    /// Ids only (`labels=id`). The default.
    #[default]
    Id,
    /// Each id column followed by a column with its name (`labels=name`), and a
    /// `STRUCTURE_NAME` column after `STRUCTURE_ID`. A name column is empty when there is no
    /// name.
    Name,
    /// `ID: Name` in one column (`labels=both`); the id alone when there is no name.
    Both,
}

/// How time periods are written (SDMX-CSV `timeFormat` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// As recorded (`timeFormat=original`). The default.
    #[default]
    Original,
    /// As ISO 8601 dates (`timeFormat=normalized`): each period becomes its first or its
    /// last day (see [`TimePeriod::normalized`](crate::time::TimePeriod::normalized));
    /// date-times, ranges and values that are not periods are written as recorded.
    Normalized(crate::time::PeriodMoment),
}

/// The names written with `labels=name|both`. Value names given by the rows themselves (a
/// source read with labels) come first; these maps fill in the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Structure names by structure id as written (`ESTAT:NA_MAIN(1.6.0)`).
    pub structures: HashMap<String, String>,
    /// Component names by component id.
    pub components: HashMap<String, String>,
    /// Names of coded values: component id → value → name.
    pub values: HashMap<String, HashMap<String, String>>,
}

impl Names {
    /// The names a data structure gives: each component's own name, else the name of its
    /// concept in `concepts`; and the code names of the codelists in `codelists` that code
    /// its dimensions and attributes. Text in `lang`, with the usual fallbacks
    /// ([`LocalizedText::best`](govframe_core::LocalizedText::best)).
    pub fn from_structure(
        dsd: &crate::structure::DataStructure,
        concepts: &[&crate::ConceptScheme],
        codelists: &[&crate::Codelist],
        lang: &str,
    ) -> Self {
        use govframe_core::{LocalizedText, Ref};
        let mut names = Self::default();
        let concept_name = |r: &Ref| {
            concepts
                .iter()
                .filter(|s| r.document().is_none_or(|d| d == s.id.as_str()))
                .flat_map(|s| s.concepts.iter())
                .find(|c| c.id.as_str() == r.local())
                .map(|c| c.name.best(lang).to_owned())
        };
        let mut add = |id: &Id,
                       name: Option<&LocalizedText>,
                       concept: Option<&Ref>,
                       codelist: Option<&Id>| {
            let n = name
                .map(|n| n.best(lang).to_owned())
                .or_else(|| concept.and_then(concept_name));
            if let Some(n) = n {
                names.components.insert(id.to_string(), n);
            }
            if let Some(cl) = codelist.and_then(|r| codelists.iter().find(|c| c.id == *r)) {
                let codes = cl
                    .codes
                    .iter()
                    .map(|c| (c.id.to_string(), c.name.best(lang).to_owned()))
                    .collect();
                names.values.insert(id.to_string(), codes);
            }
        };
        for d in &dsd.dimensions {
            add(
                &d.id,
                d.name.as_ref(),
                d.concept.as_ref(),
                d.codelist.as_ref(),
            );
        }
        if let Some(t) = &dsd.time_dimension {
            add(&t.id, t.name.as_ref(), t.concept.as_ref(), None);
        }
        for m in &dsd.measures {
            add(&m.id, m.name.as_ref(), m.concept.as_ref(), None);
        }
        for a in &dsd.attributes {
            add(
                &a.id,
                a.name.as_ref(),
                a.concept.as_ref(),
                a.codelist.as_ref(),
            );
        }
        if let Some(sdmx) = &dsd.sdmx_id {
            names
                .structures
                .insert(sdmx.to_string(), dsd.title.best(lang).to_owned());
        }
        names
    }
}

/// Options of the SDMX-CSV writer.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Field separator: `,` (default) or `;` (then measures use a decimal comma).
    pub separator: u8,
    /// Key columns.
    pub keys: Keys,
    /// The structure written for rows that carry none (data read from non-SDMX sources).
    pub default_structure: Option<StructureUse>,
    /// Ids, names or both.
    pub labels: Labels,
    /// The names used with `labels=name|both`.
    pub names: Names,
    /// Time periods as recorded or normalised to dates.
    pub time_format: TimeFormat,
}

impl Default for WriteOptions {
    fn default() -> Self {
        Self {
            separator: b',',
            keys: Keys::None,
            default_structure: None,
            labels: Labels::Id,
            names: Names::default(),
            time_format: TimeFormat::Original,
        }
    }
}

/// Writes SDMX-CSV 2.0: a [`Sink`] over any `Write`. Rows are formatted into an internal
/// buffer and written in blocks of 256 KiB; memory is constant.
///
/// ```
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::sdmx_csv::{self, Labels, Names, TimeFormat, WriteOptions};
/// use govframe_statistics::time::PeriodMoment;
///
/// let csv = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
///            dataflow,ITU:ICT(1.0),I,KEN,2023,35\n";
/// let cube = DataCube::read(|s| sdmx_csv::read(csv.as_bytes(), "in.csv", &Default::default(), s))?;
/// let mut names = Names::default();
/// names.components.insert("REF_AREA".into(), "Reference area".into());
/// names.values.insert("REF_AREA".into(), [("KEN".to_owned(), "Kenya".to_owned())].into());
/// let options = WriteOptions {
///     labels: Labels::Both,
///     names,
///     time_format: TimeFormat::Normalized(PeriodMoment::End),
///     ..WriteOptions::default()
/// };
/// let mut w = sdmx_csv::Writer::new(Vec::new(), "out.csv", options);
/// cube.write_to(&mut w)?;
/// let out = String::from_utf8(w.into_inner()).unwrap();
/// assert_eq!(
///     out.lines().next(),
///     Some("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA: Reference area,TIME_PERIOD: TIME_PERIOD,OBS_VALUE: OBS_VALUE")
/// );
/// assert_eq!(out.lines().nth(1), Some("dataflow,ITU:ICT(1.0),I,KEN: Kenya,2023-12-31,35"));
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
pub struct Writer<W: Write> {
    out: W,
    file: String,
    options: WriteOptions,
    buf: Vec<u8>,
    layout: Layout,
    num: zmij::Buffer,
    rows: u64,
}

impl<W: Write> Writer<W> {
    /// A writer into `out`; `file` names it in messages.
    pub fn new(out: W, file: &str, options: WriteOptions) -> Self {
        Self {
            out,
            file: file.to_owned(),
            options,
            buf: Vec::with_capacity(1 << 18),
            layout: Layout::default(),
            num: zmij::Buffer::new(),
            rows: 0,
        }
    }

    /// Rows written.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn flush_buf(&mut self) -> Result<()> {
        self.out.write_all(&self.buf).map_err(|source| Error::Io {
            path: self.file.clone(),
            source,
        })?;
        self.buf.clear();
        Ok(())
    }

    /// A value with its name: `ID: Name` in one field (`labels=both`; the value alone when
    /// it has no name), or the value and its name in two fields (`labels=name`).
    fn labelled(buf: &mut Vec<u8>, sep: u8, labels: Labels, value: &str, name: Option<&str>) {
        match (labels, name) {
            (Labels::Both, Some(n)) => Self::field(buf, sep, &format!("{value}: {n}")),
            (Labels::Name, n) => {
                Self::field(buf, sep, value);
                buf.push(sep);
                Self::field(buf, sep, n.unwrap_or(""));
            }
            _ => Self::field(buf, sep, value),
        }
    }

    fn field(buf: &mut Vec<u8>, sep: u8, s: &str) {
        let needs_quotes = s
            .bytes()
            .any(|b| b == sep || b == b'"' || b == b'\n' || b == b'\r');
        if needs_quotes {
            buf.push(b'"');
            for b in s.bytes() {
                if b == b'"' {
                    buf.push(b'"');
                }
                buf.push(b);
            }
            buf.push(b'"');
        } else {
            buf.extend_from_slice(s.as_bytes());
        }
    }
}

impl<W: Write> Sink for Writer<W> {
    fn start(&mut self, layout: &Layout) -> Result<()> {
        self.layout = layout.clone();
        let sep = self.options.separator;
        let labels = self.options.labels;
        let mut head = String::from("STRUCTURE");
        if layout.has_sub_values() || layout.sub_separator != ';' {
            head.push('[');
            head.push(layout.sub_separator);
            head.push(']');
        }
        let mut cols = vec![head, "STRUCTURE_ID".into()];
        if labels == Labels::Name {
            cols.push("STRUCTURE_NAME".into());
        }
        cols.push("ACTION".into());
        if matches!(self.options.keys, Keys::Series | Keys::Both) {
            cols.push("SERIES_KEY".into());
        }
        if matches!(self.options.keys, Keys::Obs | Keys::Both) {
            cols.push("OBS_KEY".into());
        }
        let mut components: Vec<(String, &Id)> = Vec::new();
        components.extend(layout.dimensions.iter().map(|d| (d.to_string(), d)));
        components.extend(layout.measures.iter().map(|m| (m.id.to_string(), &m.id)));
        for a in &layout.attributes {
            let header = match &a.form {
                ValueForm::Single => a.id.to_string(),
                ValueForm::Multi => format!("{}[]", a.id),
                ValueForm::Multilingual(langs) => {
                    format!(
                        "{}[{}]",
                        a.id,
                        langs.join(&layout.sub_separator.to_string())
                    )
                }
            };
            components.push((header, &a.id));
        }
        for (header, id) in components {
            // A component without a name is named by its id, so that a reader can tell
            // `labels=both` from the header alone.
            let name = self
                .options
                .names
                .components
                .get(id.as_str())
                .map_or(id.as_str(), String::as_str);
            match labels {
                Labels::Id => cols.push(header),
                Labels::Both => cols.push(format!("{header}: {name}")),
                Labels::Name => {
                    cols.push(header);
                    cols.push(name.to_owned());
                }
            }
        }
        for (i, c) in cols.iter().enumerate() {
            if i > 0 {
                self.buf.push(sep);
            }
            Self::field(&mut self.buf, sep, c);
        }
        self.buf.push(b'\n');
        Ok(())
    }

    fn row<R: Row + ?Sized>(&mut self, row: &R) -> Result<()> {
        let sep = self.options.separator;
        let (kind, id): (StructureKind, &str) = match row.structure() {
            Some(s) => s,
            None => match &self.options.default_structure {
                Some(s) => (s.kind, s.id.as_str()),
                None => {
                    return Err(Error::input(
                        Location {
                            file: self.file.clone(),
                            line: (row.line() > 0).then_some(row.line()),
                            ..Location::default()
                        },
                        Problem::Output(
                            "the row names no structure; give a default STRUCTURE_ID".into(),
                        ),
                    ));
                }
            },
        };
        let labels = self.options.labels;
        let names = &self.options.names;
        let buf = &mut self.buf;
        buf.extend_from_slice(kind.csv_name().as_bytes());
        buf.push(sep);
        let structure_name = names.structures.get(id).map(String::as_str);
        match (labels, structure_name) {
            (Labels::Both, Some(n)) => Self::field(buf, sep, &format!("{id}: {n}")),
            (Labels::Name, n) => {
                Self::field(buf, sep, id);
                buf.push(sep);
                Self::field(buf, sep, n.unwrap_or(""));
            }
            _ => Self::field(buf, sep, id),
        }
        buf.push(sep);
        buf.extend_from_slice(row.action().letter().as_bytes());
        let n_dims = self.layout.dimensions.len();
        let time = self.layout.time_dimension;
        let normalized_time = match (self.options.time_format, time) {
            (TimeFormat::Normalized(moment), Some(t)) => {
                crate::time::TimePeriod::parse(row.dimension(t)).and_then(|p| p.normalized(moment))
            }
            _ => None,
        };
        let dim = |i: usize| match &normalized_time {
            Some(v) if Some(i) == time => v.as_str(),
            _ => row.dimension(i),
        };
        let key = |with_time: bool| {
            (0..n_dims)
                .filter(|&i| with_time || Some(i) != time)
                .map(dim)
                .collect::<Vec<_>>()
                .join(".")
        };
        if matches!(self.options.keys, Keys::Series | Keys::Both) {
            buf.push(sep);
            Self::field(buf, sep, &key(false));
        }
        if matches!(self.options.keys, Keys::Obs | Keys::Both) {
            buf.push(sep);
            Self::field(buf, sep, &key(true));
        }
        let value_name = |component: &Id, value: &str| {
            names
                .values
                .get(component.as_str())
                .and_then(|m| m.get(value))
                .map(String::as_str)
        };
        for i in 0..n_dims {
            buf.push(sep);
            let value = dim(i);
            if labels == Labels::Id {
                Self::field(buf, sep, value);
                continue;
            }
            let name = if Some(i) == time {
                // A time period is not coded: its "name" is the value itself.
                (labels == Labels::Name).then_some(value)
            } else {
                row.label(i)
                    .or_else(|| value_name(&self.layout.dimensions[i], value))
            };
            Self::labelled(buf, sep, labels, value, name);
        }
        for i in 0..self.layout.measures.len() {
            buf.push(sep);
            match row.measure(i) {
                MeasureValue::Missing => {}
                MeasureValue::Dash => buf.push(b'-'),
                MeasureValue::Number(x) => {
                    let s = format_number(&mut self.num, x);
                    if sep == b';' {
                        buf.extend(s.bytes().map(|b| if b == b'.' { b',' } else { b }));
                    } else {
                        buf.extend_from_slice(s.as_bytes());
                    }
                }
                MeasureValue::Text(t) => Self::field(buf, sep, t),
            }
            if labels == Labels::Name {
                buf.push(sep);
            }
        }
        for (i, spec) in self.layout.attributes.iter().enumerate() {
            buf.push(sep);
            let value = row.attribute(i);
            if labels == Labels::Id {
                Self::field(buf, sep, value);
                continue;
            }
            // Coded single values get their names; multi-valued and multilingual values
            // are written as they are.
            let name = match spec.form {
                ValueForm::Single if !value.is_empty() => value_name(&spec.id, value),
                _ => None,
            };
            Self::labelled(buf, sep, labels, value, name);
        }
        buf.push(b'\n');
        self.rows += 1;
        if self.buf.len() >= 1 << 18 {
            self.flush_buf()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush_buf()?;
        self.out.flush().map_err(|source| Error::Io {
            path: self.file.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            parse_component_header("ATTR_1[]", false),
            ("ATTR_1".into(), ValueForm::Multi)
        );
        assert_eq!(
            parse_component_header("ATTR_1[en;fr]", false),
            (
                "ATTR_1".into(),
                ValueForm::Multilingual(vec!["en".into(), "fr".into()])
            )
        );
        assert_eq!(
            parse_component_header("CONTACT[].NAME[]", false).0,
            "CONTACT.NAME"
        );
        assert_eq!(
            parse_component_header("DIM_1: Dimension 1", true).0,
            "DIM_1"
        );
        assert_eq!(
            sniff(b"STRUCTURE[|];STRUCTURE_ID"),
            Some((Version::V2, b';', '|'))
        );
        assert_eq!(sniff(b"DATAFLOW;DIM_1"), Some((Version::V1, b';', ';')));
        assert_eq!(sniff(b"A,B"), None);
    }
}
