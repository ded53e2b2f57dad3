//! Chunk-parallel reading of large SDMX-CSV inputs.
//!
//! The input is cut into chunks of about [`CHUNK_BYTES`] that end at a line end. As long as
//! no chunk holds a double quote, every line end is a record end, so chunks are independent:
//! each thread (the caller's and the workers') takes the next chunk, checks it is UTF-8,
//! splits its records eight bytes at a time and interns every dimension and attribute value
//! into the chunk's own dictionaries ([`CodedRows`]); the caller's thread hands the chunks
//! to the sink in file order. A sink that stores codes merges a chunk by interning its few
//! distinct values once.
//!
//! The fast path takes only ordinary records: the right number of fields, numeric measures,
//! known structure and action values, no blank line. Any chunk with something else (an
//! error to report, a text measure, a trailing separator, `-`) goes through the general
//! record-by-record path ([`BatchSource`]) with the same line and record numbers, so rows,
//! notes and errors are those of a sequential read. From the first chunk with a quote on,
//! the rest of the input is read sequentially (a quoted field may hold line ends).
//!
//! Memory: at most a few chunks per thread in flight, whatever the input size.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Mutex;
use std::sync::mpsc::sync_channel;

use memchr::{memchr, memchr_iter, memrchr};

use super::records::{BatchSource, with_batches};
use super::tokenizer::{ONES, Tokenizer, zero_bytes};
use super::{Num, fast_decimal, parse_number};
use crate::data::CodedRows;
use crate::sdmx::ArtefactRef;
use crate::{Action, Error, Result, StructureKind};

/// The size of a chunk.
pub(crate) const CHUNK_BYTES: usize = 1 << 20;

/// What a column is, for the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FastCol {
    /// Not read (`STRUCTURE_NAME`, `SERIES_KEY`…).
    Skip,
    /// SDMX-CSV 2.x `STRUCTURE`: the kind of structure.
    Kind,
    /// The structure id (`STRUCTURE_ID`, or 1.0's `DATAFLOW`).
    StructureId,
    /// `ACTION`.
    Action,
    /// Dimension `i` of the layout.
    Dim(usize),
    /// Numeric measure `i`.
    Measure(usize),
    /// Attribute `i`.
    Attr(usize),
}

/// How records map to a layout, for the fast path (no labels, no text measures).
#[derive(Debug, Clone)]
pub(crate) struct FastPlan {
    /// Per column of the header.
    pub(crate) cols: Vec<FastCol>,
    pub(crate) n_dims: usize,
    pub(crate) n_measures: usize,
    pub(crate) n_attrs: usize,
    pub(crate) sep: u8,
    pub(crate) decimal_comma: bool,
    /// Columns parsed as numbers by the general path's tokenizing thread.
    pub(crate) numeric: Vec<usize>,
}

/// The consumer of chunks, on the caller's thread, in file order.
pub(crate) trait ChunkSink {
    /// Takes a coded chunk; `false` when it cannot now (the chunk then goes through
    /// [`ChunkSink::records`]).
    fn coded(&mut self, rows: &CodedRows) -> Result<bool>;
    /// Takes records through the general path; returns how many records it read.
    fn records(&mut self, source: &mut dyn BatchSource) -> Result<u64>;
}

/// What a chunk became.
enum Outcome<R> {
    /// Coded by the fast path.
    Coded(CodedRows),
    /// Complete, quote-free records for the general path.
    Records(Vec<u8>),
    /// The rest of the input (bytes read, the source, whether it is at its end).
    Tail(Vec<u8>, R, bool),
    /// A read error.
    Failed(Error),
}

/// Cuts the input into chunks. Shared by the threads behind a mutex.
struct Feed<R> {
    src: Option<R>,
    file: String,
    carry: Vec<u8>,
    eof: bool,
    seq: u64,
    size: usize,
    done: bool,
    /// Buffers and batches of merged chunks, for reuse.
    spare: Vec<Vec<u8>>,
    spare_rows: Vec<CodedRows>,
}

impl<R: Read> Feed<R> {
    /// The next chunk with a spent batch to code it into.
    fn take(&mut self) -> Option<(u64, Outcome<R>, Option<CodedRows>)> {
        let (seq, work) = self.next()?;
        Some((seq, work, self.spare_rows.pop()))
    }

    /// The next chunk and its number, or `None` at the end.
    fn next(&mut self) -> Option<(u64, Outcome<R>)> {
        if self.done {
            return None;
        }
        let seq = self.seq;
        self.seq += 1;
        let mut buf = self.spare.pop().unwrap_or_default();
        buf.clear();
        buf.append(&mut self.carry);
        let mut target = self.size;
        loop {
            if !self.eof
                && buf.len() < target
                && let Some(src) = self.src.as_mut()
            {
                let want = target - buf.len();
                match src.by_ref().take(want as u64).read_to_end(&mut buf) {
                    Ok(n) if n < want => self.eof = true,
                    Ok(_) => {}
                    Err(source) => {
                        self.done = true;
                        let path = self.file.clone();
                        return Some((seq, Outcome::Failed(Error::Io { path, source })));
                    }
                }
            }
            if memchr(b'"', &buf).is_some() {
                self.done = true;
                let src = self.src.take()?;
                return Some((seq, Outcome::Tail(buf, src, self.eof)));
            }
            match memrchr(b'\n', &buf) {
                Some(p) => {
                    self.carry
                        .extend_from_slice(buf.get(p + 1..).unwrap_or(&[]));
                    buf.truncate(p + 1);
                    break;
                }
                None if self.eof => break,
                None => target = buf.len() + self.size,
            }
        }
        if buf.is_empty() {
            self.done = true;
            return None;
        }
        Some((seq, Outcome::Records(buf)))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Codes a chunk of records into `rows` (a spent batch, for its memory), or gives it back
/// for the general path.
fn process<R>(work: Outcome<R>, plan: &FastPlan, rows: Option<CodedRows>) -> Outcome<R> {
    let Outcome::Records(bytes) = work else {
        return work;
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Outcome::Records(e.into_bytes()),
    };
    let mut rows = rows.unwrap_or_default();
    rows.reset(plan.n_dims, plan.n_attrs, plan.n_measures);
    if Coder::new(plan).code(&text, &mut rows) {
        rows.text = text;
        Outcome::Coded(rows)
    } else {
        Outcome::Records(text.into_bytes())
    }
}

/// Reads the records after the header of `tok` into `sink`, chunk by chunk on several
/// threads (see the module documentation). `chunk` is the chunk size.
pub(crate) fn read<R: Read + Send>(
    tok: Tokenizer<R>,
    plan: &FastPlan,
    chunk: usize,
    sink: &mut dyn ChunkSink,
) -> Result<()> {
    let file = tok.file().to_owned();
    let (rest, src, eof, (mut line, mut records)) = tok.into_rest();
    let feed = Mutex::new(Feed {
        src: Some(src),
        file: file.clone(),
        carry: rest,
        eof,
        seq: 0,
        size: chunk.max(1),
        done: false,
        spare: Vec::new(),
        spare_rows: Vec::new(),
    });
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(2, 8)
        - 1;
    let (tx, rx) = sync_channel::<(u64, Outcome<R>)>(workers * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let feed = &feed;
            scope.spawn(move || {
                loop {
                    let Some((seq, work, rows)) = lock(feed).take() else {
                        return;
                    };
                    if tx.send((seq, process(work, plan, rows))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<u64, Outcome<R>> = BTreeMap::new();
        let mut next = 0u64;
        let mut taking = true;
        let mut workers_gone = false;
        // Chunks done but not merged, at most (plus those in the channel): memory stays
        // bounded when the sink is slower than the coding (a writer).
        let limit = 2 * workers + 2;
        let result = loop {
            while pending.len() < limit && !pending.contains_key(&next) {
                let Ok((seq, o)) = rx.try_recv() else { break };
                pending.insert(seq, o);
            }
            if let Some(o) = pending.remove(&next) {
                next += 1;
                let step = match o {
                    Outcome::Coded(rows) => {
                        let mut rows = rows;
                        rows.first_line = line;
                        let n = rows.len as u64;
                        match sink.coded(&rows) {
                            Ok(true) => {
                                let text = std::mem::take(&mut rows.text).into_bytes();
                                let mut feed = lock(&feed);
                                feed.spare.push(text);
                                feed.spare_rows.push(rows);
                                Ok((n, n))
                            }
                            Ok(false) => records_of(
                                rows.text.into_bytes(),
                                &file,
                                plan,
                                (line, records),
                                sink,
                            ),
                            Err(e) => Err(e),
                        }
                    }
                    Outcome::Records(bytes) => {
                        records_of(bytes, &file, plan, (line, records), sink)
                    }
                    Outcome::Tail(bytes, src, eof) => {
                        let tok =
                            Tokenizer::resume(src, &file, plan.sep, bytes, eof, (line, records));
                        break with_batches(tok, plan.numeric.clone(), plan.decimal_comma, |s| {
                            sink.records(s)
                        })
                        .map(|_| ());
                    }
                    Outcome::Failed(e) => Err(e),
                };
                match step {
                    Ok(n) => {
                        line += n.0;
                        records += n.1;
                    }
                    Err(e) => break Err(e),
                }
                continue;
            }
            if taking && (pending.len() < limit || workers_gone) {
                let job = lock(&feed).take();
                match job {
                    Some((seq, work, rows)) => {
                        pending.insert(seq, process(work, plan, rows));
                    }
                    None => taking = false,
                }
                continue;
            }
            if workers_gone {
                // Every chunk taken has been merged.
                break Ok(());
            }
            match rx.recv() {
                Ok((seq, o)) => {
                    pending.insert(seq, o);
                }
                Err(_) => workers_gone = true,
            }
        };
        lock(&feed).done = true;
        drop(rx);
        result
    })
}

/// Runs quote-free complete records through the general path; returns the lines and
/// records they took.
fn records_of(
    bytes: Vec<u8>,
    file: &str,
    plan: &FastPlan,
    at: (u64, u64),
    sink: &mut dyn ChunkSink,
) -> Result<(u64, u64)> {
    let lines = memchr_iter(b'\n', &bytes).count() as u64;
    let tok = Tokenizer::resume(std::io::empty(), file, plan.sep, bytes, true, at);
    let records = with_batches(tok, plan.numeric.clone(), plan.decimal_comma, |s| {
        sink.records(s)
    })?;
    Ok((lines, records))
}

/// The fast path over one chunk.
///
/// Sorted SDMX data repeat most of a row in the next one (`dataflow,AG:DF(1.0),I,A,KEN,IND,`
/// then a new year and value): each line is first compared with the previous one, eight
/// bytes at a time, and the fields that lie wholly in the common prefix keep their codes
/// (runs make that free); the scan for separators starts after them.
struct Coder<'p> {
    plan: &'p FastPlan,
    /// The last `STRUCTURE` text and its kind.
    kind_text: Option<(u32, u32)>,
    kind: StructureKind,
    /// The last structure id (checked).
    id: Option<(u32, u32)>,
    /// Whether the row's structure may differ from the previous row's.
    changed: bool,
    structure: u32,
    action: u32,
    /// Per column of the previous record: where its field ends (separator or line end),
    /// from the start of the line.
    ends: Vec<u32>,
    /// The previous line's start, when there is one in this chunk.
    prev: Option<usize>,
    /// The last value of each measure (value, present).
    last: Vec<(f64, bool)>,
    /// (column, measure) of every measure column.
    measure_cols: Vec<(usize, usize)>,
    /// How many leading fields the last record shared with the one before.
    kept: usize,
    /// Records coded.
    rows: usize,
}

/// Eight bytes from `at`, when there are eight.
#[inline]
fn word(b: &[u8], at: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

impl<'p> Coder<'p> {
    fn new(plan: &'p FastPlan) -> Self {
        let measure_cols = plan
            .cols
            .iter()
            .enumerate()
            .filter_map(|(c, col)| match col {
                FastCol::Measure(m) => Some((c, *m)),
                _ => None,
            })
            .collect();
        Self {
            plan,
            kind_text: None,
            kind: StructureKind::Dataflow,
            id: None,
            changed: true,
            structure: 0,
            action: 0,
            ends: vec![0; plan.cols.len()],
            prev: None,
            last: vec![(0.0, false); plan.n_measures],
            measure_cols,
            kept: 0,
            rows: 0,
        }
    }

    /// Codes every record of `text` into `out`; `false` when a record needs the general
    /// path. O(length of `text`).
    fn code(&mut self, text: &str, out: &mut CodedRows) -> bool {
        let b = text.as_bytes();
        let mut line = 0usize;
        while line < b.len() {
            match self.line(text, line, out) {
                Some(next) => line = next,
                None => return false,
            }
        }
        out.len = self.rows;
        true
    }

    /// Codes the record of the line at `s`; returns where the next line starts, or `None`
    /// when the record needs the general path.
    #[inline]
    fn line(&mut self, text: &str, s: usize, out: &mut CodedRows) -> Option<usize> {
        let b = text.as_bytes();
        let n_cols = self.plan.cols.len();
        let mut field = 0usize;
        let mut start = s;
        if let Some(ps) = self.prev {
            // Fields 0..kept are byte for byte those of the previous line (with their
            // separators): first the count of the previous line, then one more at a time.
            let len = s - ps;
            let from = |k: usize| match k.checked_sub(1).and_then(|k| self.ends.get(k)) {
                Some(&e) => e as usize + 1,
                None => 0,
            };
            let equal = |x: usize, y: usize| {
                y <= len
                    && match (b.get(ps + x..ps + y), b.get(s + x..s + y)) {
                        (Some(p), Some(q)) => crate::data::column::same(p, q),
                        _ => false,
                    }
            };
            let mut kept = self.kept;
            if kept > 0 && !equal(0, from(kept)) {
                kept = 0;
            }
            while kept < n_cols && equal(from(kept), from(kept + 1)) {
                kept += 1;
            }
            self.kept = kept;
            for &(c, m) in &self.measure_cols {
                if c < kept {
                    let (x, present) = self.last.get(m).copied().unwrap_or((0.0, false));
                    let col = out.measures.get_mut(m)?;
                    col.values.push(x);
                    col.present.push(present);
                }
            }
            if kept == n_cols {
                // The same line again.
                self.prev = Some(s);
                self.end_row(text, out);
                return Some(s + (s - ps));
            }
            field = kept;
            if let Some(&e) = kept.checked_sub(1).and_then(|k| self.ends.get(k)) {
                start = s + e as usize + 1;
            }
        }
        let seps = ONES * u64::from(self.plan.sep);
        let newlines = ONES * u64::from(b'\n');
        let mut pos = start;
        loop {
            let (mut mask, nl) = match word(b, pos) {
                Some(v) => {
                    let nl = zero_bytes(v ^ newlines);
                    (zero_bytes(v ^ seps) | nl, nl)
                }
                None => {
                    // The last bytes, one at a time.
                    let (mut mask, mut nl) = (0u64, 0u64);
                    for (k, &c) in b.get(pos..).unwrap_or(&[]).iter().enumerate() {
                        if c == b'\n' {
                            nl |= 0x80 << (8 * k);
                        }
                        if c == b'\n' || c == self.plan.sep {
                            mask |= 0x80 << (8 * k);
                        }
                    }
                    if nl == 0 {
                        // No line end: the record ends with the input.
                        let k = b.len() - pos;
                        if k < 8 {
                            nl |= 0x80 << (8 * k);
                            mask |= 0x80 << (8 * k);
                        }
                    }
                    (mask, nl)
                }
            };
            while mask != 0 {
                let bit = mask & mask.wrapping_neg();
                let at = pos + (bit.trailing_zeros() / 8) as usize;
                mask ^= bit;
                if let Some(e) = self.ends.get_mut(field) {
                    *e = (at - s) as u32;
                }
                if nl & bit != 0 {
                    let mut end = at.min(b.len());
                    if end > start && b.get(end - 1) == Some(&b'\r') {
                        end -= 1;
                    }
                    if field + 1 != n_cols || (field == 0 && end == start) {
                        return None;
                    }
                    self.field(text, field, start, end, out)?;
                    self.end_row(text, out);
                    self.prev = Some(s);
                    return Some(at + 1);
                }
                if field + 1 >= n_cols {
                    return None;
                }
                self.field(text, field, start, at, out)?;
                field += 1;
                start = at + 1;
            }
            pos += 8;
        }
    }

    /// One field of the current record; `None` when it needs the general path.
    #[inline(always)]
    fn field(
        &mut self,
        text: &str,
        i: usize,
        a: usize,
        e: usize,
        out: &mut CodedRows,
    ) -> Option<()> {
        let b = text.as_bytes();
        let (a32, e32) = (a as u32, e as u32);
        let row = self.rows;
        match self.plan.cols.get(i).copied().unwrap_or(FastCol::Skip) {
            FastCol::Dim(d) => {
                let col = out.dims.get_mut(d)?;
                col.codes.push(row, col.dict.code(b, a32, e32));
            }
            FastCol::Attr(x) => {
                let col = out.attrs.get_mut(x)?;
                col.codes.push(row, col.dict.code(b, a32, e32));
            }
            FastCol::Measure(m) => {
                let col = out.measures.get_mut(m)?;
                // Plain decimals (what `parse_number` reads first) without the checks
                // for blanks, markers and words.
                let dc = self.plan.decimal_comma;
                let (x, present) = match fast_decimal(b.get(a..e).unwrap_or(&[]), dc) {
                    Some(x) => (x, true),
                    None => match parse_number(text.get(a..e).unwrap_or(""), dc) {
                        Num::Value(x) => (x, true),
                        Num::Missing => (0.0, false),
                        _ => return None,
                    },
                };
                col.values.push(x);
                col.present.push(present);
                *self.last.get_mut(m)? = (x, present);
            }
            FastCol::Kind => {
                let v = b.get(a..e).unwrap_or(&[]);
                let same = self.kind_text.is_some_and(|(x, y)| {
                    crate::data::column::same(b.get(x as usize..y as usize).unwrap_or(&[]), v)
                });
                if !same {
                    self.kind = StructureKind::from_csv(text.get(a..e).unwrap_or(""))?;
                    self.kind_text = Some((a32, e32));
                    self.changed = true;
                }
            }
            FastCol::StructureId => {
                let raw = text.get(a..e).unwrap_or("");
                let id = raw.trim();
                let from = a + (id.as_ptr() as usize - raw.as_ptr() as usize);
                let span = (from as u32, (from + id.len()) as u32);
                let same = self.id.is_some_and(|(x, y)| {
                    crate::data::column::same(
                        b.get(x as usize..y as usize).unwrap_or(&[]),
                        id.as_bytes(),
                    )
                });
                if !same {
                    ArtefactRef::new(id).ok()?;
                    self.changed = true;
                }
                self.id = Some(span);
            }
            FastCol::Action => {
                let action = match b.get(a..e).unwrap_or(&[]) {
                    [c] => Action::from_letter(*c)?,
                    _ => {
                        let s = text.get(a..e).unwrap_or("");
                        if s.trim().is_empty() {
                            Action::Information
                        } else {
                            Action::parse(s)?
                        }
                    }
                };
                self.action = u32::from(action.index());
            }
            FastCol::Skip => {}
        }
        Some(())
    }

    /// Ends a record: its structure and action.
    #[inline(always)]
    fn end_row(&mut self, text: &str, out: &mut CodedRows) {
        if self.changed {
            self.changed = false;
            let s = self.id.map(|span| (self.kind, span));
            let key = s.map(|(k, span)| (k, text.get(span.0 as usize..span.1 as usize)));
            let found = out.structures.iter().position(|cur| {
                cur.map(|(k, span)| (k, text.get(span.0 as usize..span.1 as usize))) == key
            });
            self.structure = match found {
                Some(p) => p as u32,
                None => {
                    out.structures.push(s);
                    (out.structures.len() - 1) as u32
                }
            };
        }
        out.structure_codes.push(self.rows, self.structure);
        out.actions.push(self.rows, self.action);
        self.rows += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{FastCol, FastPlan, Outcome, process};
    use crate::data::DataCube;
    use crate::io::sdmx_csv::{self, read_in_chunks};
    use crate::io::{ReadOptions, ReadReport};

    /// What a read gives: the cube with its lines and value orders and the report, or the
    /// error with its place.
    fn cube_of(input: &[u8], chunk: Option<usize>) -> String {
        let got = DataCube::read_with(|s| {
            read_in_chunks(input, "t.csv", &ReadOptions::default(), s, chunk)
        });
        match got {
            Ok((cube, report)) => describe(&cube, &report),
            Err(e) => format!("error {e} at {:?}", e.location()),
        }
    }

    fn describe(cube: &DataCube, report: &ReadReport) -> String {
        let layout = cube.layout();
        let mut out = format!("{layout:?}\n{report:?}\n");
        for d in 0..layout.dimensions.len() {
            out += &format!("dim {d}: {:?}\n", cube.dimension_values(d));
        }
        for a in 0..layout.attributes.len() {
            out += &format!("attr {a}: {:?}\n", cube.attribute_values(a));
        }
        for r in 0..cube.len() {
            out += &format!("line {}\n", cube.line(r));
            let row = cube.row(r);
            use crate::data::Row as _;
            out += &format!(
                "{:?} {:?} {:?} {:?}\n",
                row.structure(),
                row.action(),
                (0..layout.dimensions.len())
                    .map(|i| row.dimension(i))
                    .collect::<Vec<_>>(),
                (0..layout.measures.len())
                    .map(|i| row.measure(i))
                    .collect::<Vec<_>>(),
            );
            out += &format!(
                "{:?}\n",
                (0..layout.attributes.len())
                    .map(|i| row.attribute(i))
                    .collect::<Vec<_>>()
            );
        }
        out
    }

    /// What a streaming convert gives: the bytes written and the report, or the error.
    fn written(input: &[u8], chunk: Option<usize>) -> String {
        let mut w = sdmx_csv::Writer::new(Vec::new(), "o.csv", Default::default());
        let got = read_in_chunks(input, "t.csv", &ReadOptions::default(), &mut w, chunk);
        let text = String::from_utf8_lossy(&w.into_inner()).into_owned();
        match got {
            Ok(report) => format!("{report:?}\n{text}"),
            Err(e) => format!("error {e} at {:?}\n{text}", e.location()),
        }
    }

    /// The first line where two texts differ.
    fn first_difference(a: &str, b: &str) -> Option<(usize, String, String)> {
        let (mut x, mut y) = (a.lines(), b.lines());
        for i in 0.. {
            match (x.next(), y.next()) {
                (None, None) => return None,
                (p, q) if p == q => {}
                (p, q) => return Some((i, p.unwrap_or("").into(), q.unwrap_or("").into())),
            }
        }
        None
    }

    /// The chunked read agrees with the sequential one for every chunk size.
    fn agree(input: &[u8]) {
        let want = cube_of(input, None);
        let want_written = written(input, None);
        for chunk in [1, 7, 33, 64, 100, 1000] {
            let got = cube_of(input, Some(chunk));
            assert_eq!(first_difference(&got, &want), None, "chunks of {chunk}");
            let got = written(input, Some(chunk));
            assert_eq!(
                first_difference(&got, &want_written),
                None,
                "chunks of {chunk}"
            );
        }
    }

    const HEAD: &str =
        "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT\n";

    fn rows(n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            let area = ["KEN", "UGA", "TZA"][i / 7 % 3];
            let status = ["A", "E", "A", "P"][i % 4];
            s += &format!(
                "dataflow,ITU:ICT(1.0),I,A,{area},{},{}.{},{status},0\n",
                2000 + i % 7,
                i * 3,
                i % 10
            );
        }
        s
    }

    #[test]
    fn plain_sorted_rows_agree() {
        agree(format!("{HEAD}{}", rows(60)).as_bytes());
        // Repeated lines, a last line without its line end, CRLF, a BOM.
        let mut text = format!("\u{feff}{HEAD}{}", rows(20));
        text += "dataflow,ITU:ICT(1.0),I,A,KEN,2030,1,A,0\n";
        text += "dataflow,ITU:ICT(1.0),I,A,KEN,2030,1,A,0\n";
        text += &rows(5).replace('\n', "\r\n");
        text += "dataflow,ITU:ICT(1.0),I,A,KEN,2031,,A,0";
        agree(text.as_bytes());
    }

    #[test]
    fn quotes_spanning_chunks_agree() {
        let mut text = format!("{HEAD}{}", rows(30));
        text += "dataflow,ITU:ICT(1.0),I,A,\"KEN\",2040,5,\"two\nlines, and a comma\",0\n";
        text += &rows(30);
        agree(text.as_bytes());
        text += "dataflow,ITU:ICT(1.0),I,A,\"KEN,2041,5,A,0\n";
        agree(text.as_bytes());
    }

    #[test]
    fn errors_in_a_later_chunk_have_their_places() {
        let base = format!("{HEAD}{}", rows(40));
        let bad_rows = [
            "dataflow,ITU:ICT(1.0),I,A,KEN,2050,abc,A,0\n",
            "dataflow,ITU:ICT(1.0),X,A,KEN,2050,1,A,0\n",
            "dataflow,ITU:ICT(1.0),I,A,KEN,2050,1,A\n",
            "dataflow,ITU:ICT(1.0),I,A,KEN,2050,1,A,0,9\n",
            "dataflow,ITU:ICT(1.0),I,A,KEN,2050,1,A,0,\n",
            "dataflow,bad id,I,A,KEN,2050,1,A,0\n",
            "dataflaw,ITU:ICT(1.0),I,A,KEN,2050,1,A,0\n",
            "dataflow,ITU:ICT(1.0),I,A,KEN,2050,inf,A,0\n",
            "dataflow,ITU:ICT(1.0),I,A,KEN,2050,1,A\"B,0\n",
        ];
        for bad in bad_rows {
            agree(format!("{base}{bad}{}", rows(10)).as_bytes());
        }
        let mut bytes = base.into_bytes();
        bytes.extend_from_slice(b"dataflow,ITU:ICT(1.0),I,A,K\xffN,2050,1,A,0\n");
        bytes.extend_from_slice(rows(10).as_bytes());
        agree(&bytes);
        let e = DataCube::read(|s| {
            read_in_chunks(
                bytes.as_slice(),
                "t.csv",
                &ReadOptions::default(),
                s,
                Some(64),
            )
        })
        .unwrap_err();
        assert_eq!(e.location().unwrap().line, Some(42));
        assert_eq!(e.location().unwrap().column, Some(5));
    }

    #[test]
    fn unusual_but_valid_records_agree() {
        let mut text = format!("{HEAD}{}", rows(20));
        // Blank lines, a delete row with a dash and wildcards, a lower-case action,
        // another structure, a missing value, a spaced structure id.
        text += "\n\r\n";
        text += "dataflow,ITU:ICT(1.0),D,A,,2001,-,,\n";
        text += "dataflow,ITU:ICT(1.0),i,A,KEN,2002,1,A,0\n";
        text += "datastructure, ITU:ICT_DSD(2.0) ,I,A,KEN,2002,NaN,A,0\n";
        text += &rows(20);
        agree(text.as_bytes());
        // A measure that turns out to be text (its first value is not a number) later on.
        let mut text = HEAD.to_string();
        for i in 0..30 {
            text += &format!("dataflow,ITU:ICT(1.0),I,A,KEN,{},,A,0\n", 1990 + i);
        }
        text += "dataflow,ITU:ICT(1.0),I,A,KEN,2030,high,A,0\n";
        text += &rows(30);
        agree(text.as_bytes());
        // SDMX-CSV 1.0, `;` with decimal commas.
        let v1 = format!(
            "DATAFLOW;REF_AREA;TIME_PERIOD;OBS_VALUE\n{}",
            (0..50)
                .map(|i| format!("ITU:ICT(1.0);KEN;{};{i},5\n", 1970 + i))
                .collect::<String>()
        );
        agree(v1.as_bytes());
    }

    #[test]
    fn ordinary_chunks_take_the_fast_path() {
        let plan = FastPlan {
            cols: vec![
                FastCol::Kind,
                FastCol::StructureId,
                FastCol::Action,
                FastCol::Dim(0),
                FastCol::Dim(1),
                FastCol::Dim(2),
                FastCol::Measure(0),
                FastCol::Attr(0),
                FastCol::Attr(1),
            ],
            n_dims: 3,
            n_measures: 1,
            n_attrs: 2,
            sep: b',',
            decimal_comma: false,
            numeric: vec![6],
        };
        let coded =
            |text: String| match process(Outcome::<&[u8]>::Records(text.into_bytes()), &plan, None)
            {
                Outcome::Coded(rows) => Some(rows.len),
                _ => None,
            };
        assert_eq!(coded(rows(50)), Some(50));
        assert_eq!(coded(rows(50).replace('\n', "\r\n")), Some(50));
        assert_eq!(coded(format!("{}\n{}", rows(2), rows(2))), None);
        assert_eq!(coded(format!("{}x,y\n", rows(2))), None);
    }

    #[test]
    fn large_inputs_agree_with_the_sequential_read() {
        // 4 MiB: several default-size chunks, then a quoted field with a line end, so that
        // the rest (over 1 MiB) is read sequentially on a tokenizing thread; an error at the
        // very end, after 100,000 rows.
        let mut text = format!("{HEAD}{}", rows(60_000));
        text += "dataflow,ITU:ICT(1.0),I,A,\"KEN\",2040,5,\"two\nlines\",0\n";
        text += &rows(40_000);
        let read = |input: &[u8], chunk| {
            DataCube::read_with(|s| {
                read_in_chunks(input, "t.csv", &ReadOptions::default(), s, chunk)
            })
            .map(|(cube, report)| describe(&cube, &report))
            .map_err(|e| format!("{e}"))
        };
        let want = read(text.as_bytes(), Some(0));
        assert!(want.is_ok());
        assert_eq!(read(text.as_bytes(), None), want);
        text += "dataflow,ITU:ICT(1.0),I,A,KEN,2050,abc,A,0\n";
        let want = read(text.as_bytes(), Some(0));
        assert!(
            want.as_ref()
                .is_err_and(|e| e.contains("line 100004, column 7 (OBS_VALUE) [record 100003]")),
            "{want:?}"
        );
        assert_eq!(read(text.as_bytes(), None), want);
        // Without the quote: every chunk coded in parallel.
        let plain = format!("{HEAD}{}", rows(100_000));
        assert_eq!(
            read(plain.as_bytes(), None),
            read(plain.as_bytes(), Some(0))
        );
    }

    /// A reader that fails after `left` bytes.
    struct Failing<'a> {
        data: &'a [u8],
        left: usize,
    }

    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.left).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.left -= n;
            Ok(n)
        }
    }

    #[test]
    fn read_errors_name_the_file() {
        let text = format!("{HEAD}{}", rows(2_000));
        for chunk in [Some(0), Some(100), None] {
            let src = Failing {
                data: text.as_bytes(),
                left: 50_000,
            };
            let e =
                DataCube::read(|s| read_in_chunks(src, "t.csv", &ReadOptions::default(), s, chunk))
                    .unwrap_err();
            assert!(
                matches!(&e, crate::Error::Io { path, .. } if path == "t.csv"),
                "{e}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn random_files_agree(
            picks in proptest::collection::vec((0usize..40, 0usize..6, 0usize..12, 0usize..10), 1..60),
        ) {
            const AREAS: [&str; 6] = ["KEN", "UGA", "", "\"KE\nN\"", "K;N", "TZ\u{e9}"];
            const VALUES: [&str; 12] = ["1", "2.5", "", "-", "NaN", "abc", "1e5", "12,5", "-0", "x\"y", " 7 ", "1.25"];
            let mut text = String::from(HEAD);
            for (year, area, value, shape) in picks {
                let line = format!(
                    "dataflow,ITU:ICT(1.0),I,A,{},{},{},A,0",
                    AREAS[area], 1990 + year, VALUES[value]
                );
                match shape {
                    0 => text += &format!("{line}\r\n"),
                    1 => text += &format!("{line},\n"),
                    2 => text += &format!("{line}\n\n"),
                    3 => text += &format!("{}\n", line.replacen(",I,", ",D,", 1)),
                    _ => text += &format!("{line}\n"),
                }
            }
            let want = cube_of(text.as_bytes(), None);
            for chunk in [1, 16, 50, 200] {
                proptest::prop_assert_eq!(cube_of(text.as_bytes(), Some(chunk)), want.clone());
            }
        }
    }
}
