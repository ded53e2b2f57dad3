//! Records for the CSV readers, tokenized on the reader's thread for small inputs, or on a
//! second thread for large ones: that thread reads, splits records, checks UTF-8 and parses
//! the measure fields into numbers, in batches of about 1 MiB, while the caller maps fields
//! to components and feeds its sink. At most four batches exist at a time, so memory stays
//! bounded.

use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use super::tokenizer::{Record, Tokenizer};
use super::{Num, parse_number};
use crate::Result;

/// A source of records.
pub(crate) trait RecordSource {
    /// The next record, or `None` at the end.
    fn next_record(&mut self) -> Result<Option<Record<'_>>>;
}

impl<R: Read> RecordSource for Tokenizer<R> {
    fn next_record(&mut self) -> Result<Option<Record<'_>>> {
        Tokenizer::next_record(self)
    }
}

/// One record of a batch: where its fields and numbers are.
#[derive(Debug, Clone, Copy)]
struct Rec {
    fields: (u32, u32),
    nums: (u32, u32),
    line: u64,
    number: u64,
}

/// Records tokenized together: their text (one string, fields as offsets into it), fields
/// and parsed numbers.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    text: String,
    fields: Vec<(u32, u32)>,
    nums: Vec<Num>,
    recs: Vec<Rec>,
}

const BATCH_BYTES: usize = 1 << 20;
const BATCH_RECORDS: usize = 16_384;

impl Batch {
    /// Number of records.
    pub(crate) fn len(&self) -> usize {
        self.recs.len()
    }

    /// The text every field offset points into.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Record `i`.
    pub(crate) fn record(&self, i: usize) -> Option<Record<'_>> {
        let rec = self.recs.get(i)?;
        Some(Record {
            text: &self.text,
            fields: self
                .fields
                .get(rec.fields.0 as usize..rec.fields.1 as usize)
                .unwrap_or(&[]),
            line: rec.line,
            number: rec.number,
            nums: self
                .nums
                .get(rec.nums.0 as usize..rec.nums.1 as usize)
                .unwrap_or(&[]),
        })
    }

    fn clear(&mut self) {
        self.text.clear();
        self.fields.clear();
        self.nums.clear();
        self.recs.clear();
    }

    fn push(&mut self, rec: &Record<'_>, numeric: &[usize], decimal_comma: bool) -> bool {
        let base = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(rec.text);
        let f0 = u32::try_from(self.fields.len()).unwrap_or(u32::MAX);
        self.fields
            .extend(rec.fields.iter().map(|&(a, b)| (a + base, b + base)));
        let n0 = u32::try_from(self.nums.len()).unwrap_or(u32::MAX);
        self.nums.extend(
            numeric
                .iter()
                .map(|&c| parse_number(rec.field(c), decimal_comma)),
        );
        self.recs.push(Rec {
            fields: (f0, u32::try_from(self.fields.len()).unwrap_or(u32::MAX)),
            nums: (n0, u32::try_from(self.nums.len()).unwrap_or(u32::MAX)),
            line: rec.line,
            number: rec.number,
        });
        self.text.len() >= BATCH_BYTES || self.recs.len() >= BATCH_RECORDS
    }
}

/// A source of batches of records.
pub(crate) trait BatchSource {
    /// The next batch, or `None` at the end. Records of a batch come before any error.
    fn next_batch(&mut self) -> Result<Option<&Batch>>;
}

/// Batches made on the caller's thread (small inputs).
struct Direct<R> {
    tok: Tokenizer<R>,
    numeric: Vec<usize>,
    decimal_comma: bool,
    batch: Batch,
    error: Option<crate::Error>,
    done: bool,
}

impl<R: Read> BatchSource for Direct<R> {
    fn next_batch(&mut self) -> Result<Option<&Batch>> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.done {
            return Ok(None);
        }
        self.batch.clear();
        loop {
            match self.tok.next_record() {
                Ok(Some(rec)) => {
                    if self.batch.push(&rec, &self.numeric, self.decimal_comma) {
                        break;
                    }
                }
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Err(e) => {
                    self.done = true;
                    if self.batch.recs.is_empty() {
                        return Err(e);
                    }
                    self.error = Some(e);
                    break;
                }
            }
        }
        Ok((!self.batch.recs.is_empty()).then_some(&self.batch))
    }
}

impl BatchSource for Pipelined {
    fn next_batch(&mut self) -> Result<Option<&Batch>> {
        let Ok(next) = self.rx.recv() else {
            return Ok(None);
        };
        let done = std::mem::replace(&mut self.current, next?);
        let _ = self.back.try_send(done);
        self.pos = self.current.recs.len();
        Ok(Some(&self.current))
    }
}

/// Like [`with_records`], a batch at a time.
pub(crate) fn with_batches<R: Read + Send, T>(
    tok: Tokenizer<R>,
    numeric: Vec<usize>,
    decimal_comma: bool,
    consume: impl FnOnce(&mut dyn BatchSource) -> Result<T>,
) -> Result<T> {
    let mut tok = tok;
    if tok.is_all_buffered()? {
        let mut direct = Direct {
            tok,
            numeric,
            decimal_comma,
            batch: Batch::default(),
            error: None,
            done: false,
        };
        return consume(&mut direct);
    }
    let (tx, rx) = sync_channel::<Result<Batch>>(2);
    let (back, spare) = sync_channel::<Batch>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || produce(tok, &numeric, decimal_comma, &tx, &spare));
        let mut source = Pipelined {
            rx,
            back,
            current: Batch::default(),
            pos: 0,
        };
        consume(&mut source)
    })
}

/// The consuming end of the pipeline.
struct Pipelined {
    rx: Receiver<Result<Batch>>,
    back: SyncSender<Batch>,
    current: Batch,
    pos: usize,
}

impl RecordSource for Pipelined {
    fn next_record(&mut self) -> Result<Option<Record<'_>>> {
        while self.pos >= self.current.recs.len() {
            let Ok(next) = self.rx.recv() else {
                return Ok(None);
            };
            let done = std::mem::replace(&mut self.current, next?);
            // Hand the spent batch back for reuse; if the producer is gone, drop it.
            if let Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) =
                self.back.try_send(done)
            {}
            self.pos = 0;
        }
        let Some(rec) = self.current.recs.get(self.pos) else {
            return Ok(None);
        };
        self.pos += 1;
        let b = &self.current;
        Ok(Some(Record {
            text: &b.text,
            fields: b
                .fields
                .get(rec.fields.0 as usize..rec.fields.1 as usize)
                .unwrap_or(&[]),
            line: rec.line,
            number: rec.number,
            nums: b
                .nums
                .get(rec.nums.0 as usize..rec.nums.1 as usize)
                .unwrap_or(&[]),
        }))
    }
}

fn produce<R: Read>(
    mut tok: Tokenizer<R>,
    numeric: &[usize],
    decimal_comma: bool,
    tx: &SyncSender<Result<Batch>>,
    spare: &Receiver<Batch>,
) {
    let mut batch = spare.try_recv().unwrap_or_default();
    loop {
        match tok.next_record() {
            Ok(Some(rec)) => {
                if batch.push(&rec, numeric, decimal_comma) {
                    let mut next = spare.try_recv().unwrap_or_default();
                    next.clear();
                    if tx.send(Ok(std::mem::replace(&mut batch, next))).is_err() {
                        return;
                    }
                }
            }
            Ok(None) => {
                if !batch.recs.is_empty() {
                    let _ = tx.send(Ok(batch));
                }
                return;
            }
            Err(e) => {
                if !batch.recs.is_empty() && tx.send(Ok(batch)).is_err() {
                    return;
                }
                let _ = tx.send(Err(e));
                return;
            }
        }
    }
}

/// Runs `consume` over the records of `tok`: on this thread when the input is already all
/// in the tokenizer's buffer, else with a tokenizing thread. `numeric` lists the columns to
/// parse as numbers on that thread (records then carry them in `nums`).
pub(crate) fn with_records<R: Read + Send, T>(
    tok: Tokenizer<R>,
    numeric: Vec<usize>,
    decimal_comma: bool,
    consume: impl FnOnce(&mut dyn RecordSource) -> Result<T>,
) -> Result<T> {
    let mut tok = tok;
    if tok.is_all_buffered()? {
        return consume(&mut tok);
    }
    let (tx, rx) = sync_channel::<Result<Batch>>(2);
    let (back, spare) = sync_channel::<Batch>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || produce(tok, &numeric, decimal_comma, &tx, &spare));
        let mut source = Pipelined {
            rx,
            back,
            current: Batch::default(),
            pos: 0,
        };
        // The producer stops when `source` (its receiver) is dropped at the end of the scope.
        consume(&mut source)
    })
}
