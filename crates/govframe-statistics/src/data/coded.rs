//! Rows whose dimension and attribute values are already interned: what the chunk-parallel
//! SDMX-CSV reader hands to a [`Sink`](super::Sink). Each batch keeps its own dictionaries
//! (codes in order of first use within the batch), so that batches are built on several
//! threads at once; a sink that stores codes ([`CubeBuilder`](super::CubeBuilder)) merges a
//! batch by interning its few distinct values once and remapping the codes, any other sink
//! reads the batch as ordinary [`Rows`].

use super::column::{Bitmap, Codes, FxHasher, same};
use super::{MeasureValue, Rows};
use crate::{Action, StructureKind};

/// The distinct values of a column within one batch, as spans into the batch text, with a
/// small open-addressing table to find a value's code. Short values (up to eight bytes, the
/// usual codes and years) are compared as one machine word.
#[derive(Debug, Clone)]
pub(crate) struct LocalDict {
    /// Spans of the distinct values, in order of first use (the code is the index).
    values: Vec<(u32, u32)>,
    /// Per value: its bytes as a word when short, else a hash of them.
    keys: Vec<u64>,
    /// Table of value index + 1 (0 = empty); its length is a power of two.
    slots: Vec<u32>,
    /// The last value looked up: (key, length, code).
    last: (u64, u32, u32),
    /// Per code: the code that followed it last time (a guess for the next lookup: in
    /// sorted data, years and other cycling values follow each other in the same order).
    follow: Vec<u32>,
}

impl Default for LocalDict {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            keys: Vec::new(),
            slots: vec![0; 64],
            last: (0, u32::MAX, 0),
            follow: Vec::new(),
        }
    }
}

/// The bytes of `text[a..a + len]` (`len` ≤ 8) as a little-endian word, zero-padded.
#[inline]
fn short_key(text: &[u8], a: usize, len: usize) -> u64 {
    let mask = if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    };
    match text.get(a..a + 8) {
        Some(w) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            u64::from_le_bytes(b) & mask
        }
        None => {
            let mut b = [0u8; 8];
            for (dst, src) in b.iter_mut().zip(text.get(a..a + len).unwrap_or(&[])) {
                *dst = *src;
            }
            u64::from_le_bytes(b)
        }
    }
}

#[inline]
fn slot_of(key: u64, len: u32, mask: usize) -> usize {
    let h = (key ^ u64::from(len).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & mask
}

impl LocalDict {
    /// The code of the value `text[a..b]`, adding it when new. O(length) expected; a
    /// repeat of the previous value costs one comparison.
    #[inline(always)]
    pub(crate) fn code(&mut self, text: &[u8], a: u32, b: u32) -> u32 {
        let len = b.saturating_sub(a);
        let short = len <= 8;
        let key = if short {
            short_key(text, a as usize, len as usize)
        } else {
            let mut h = FxHasher::default();
            std::hash::Hasher::write(&mut h, text.get(a as usize..b as usize).unwrap_or(&[]));
            std::hash::Hasher::finish(&h)
        };
        let (last_key, last_len, last_code) = self.last;
        if key == last_key && len == last_len && (short || self.same_as(last_code, text, a, b)) {
            return last_code;
        }
        let guess = self
            .follow
            .get(last_code as usize)
            .copied()
            .unwrap_or(u32::MAX);
        if let (Some(&k), Some(&(va, vb))) = (
            self.keys.get(guess as usize),
            self.values.get(guess as usize),
        ) && k == key
            && vb - va == len
            && (short || self.same_as(guess, text, a, b))
        {
            self.last = (key, len, guess);
            return guess;
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, len, mask);
        let code = loop {
            let s = self.slots.get(i).copied().unwrap_or(0);
            if s == 0 {
                break self.insert(i, key, a, b);
            }
            let v = s - 1;
            let (va, vb) = self.values.get(v as usize).copied().unwrap_or((0, 0));
            if self.keys.get(v as usize) == Some(&key)
                && vb - va == len
                && (short || self.same_as(v, text, a, b))
            {
                break v;
            }
            i = (i + 1) & mask;
        };
        if last_len != u32::MAX
            && let Some(f) = self.follow.get_mut(last_code as usize)
        {
            *f = code;
        }
        self.last = (key, len, code);
        code
    }

    fn same_as(&self, code: u32, text: &[u8], a: u32, b: u32) -> bool {
        let (va, vb) = self.values.get(code as usize).copied().unwrap_or((0, 0));
        same(
            text.get(va as usize..vb as usize).unwrap_or(&[]),
            text.get(a as usize..b as usize).unwrap_or(&[]),
        )
    }

    fn insert(&mut self, slot: usize, key: u64, a: u32, b: u32) -> u32 {
        let code = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push((a, b));
        self.keys.push(key);
        self.follow.push(u32::MAX);
        if let Some(s) = self.slots.get_mut(slot) {
            *s = code + 1;
        }
        if self.values.len() * 2 > self.slots.len() {
            self.grow();
        }
        code
    }

    /// Doubles the table and places every value again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        let mask = size - 1;
        for (v, (&key, &(a, b))) in self.keys.iter().zip(&self.values).enumerate() {
            let mut i = slot_of(key, b - a, mask);
            while self.slots.get(i).is_some_and(|&s| s != 0) {
                i = (i + 1) & mask;
            }
            if let Some(s) = self.slots.get_mut(i) {
                *s = u32::try_from(v).unwrap_or(u32::MAX) + 1;
            }
        }
    }

    /// Empties the dictionary, keeping its memory.
    fn clear(&mut self) {
        self.values.clear();
        self.keys.clear();
        self.follow.clear();
        self.slots.fill(0);
        self.last = (0, u32::MAX, 0);
    }

    /// The spans of the distinct values, in code order.
    pub(crate) fn values(&self) -> &[(u32, u32)] {
        &self.values
    }
}

/// Codes of a column of a [`CodedRows`] batch as runs: (first row, code) where the code
/// changes. Sorted data (series after series) change codes rarely, so most rows cost
/// nothing here.
#[derive(Debug, Clone, Default)]
pub(crate) struct Runs {
    runs: Vec<(u32, u32)>,
}

impl Runs {
    /// Row `row` (appended in order) has `code`.
    #[inline]
    pub(crate) fn push(&mut self, row: usize, code: u32) {
        if self.runs.last().is_none_or(|&(_, c)| c != code) {
            self.runs
                .push((u32::try_from(row).unwrap_or(u32::MAX), code));
        }
    }

    fn clear(&mut self) {
        self.runs.clear();
    }

    /// Runs as (code, number of rows), for `n` rows in all.
    pub(crate) fn lengths(&self, n: usize) -> impl Iterator<Item = (u32, usize)> + '_ {
        let next = self
            .runs
            .iter()
            .skip(1)
            .map(|&(r, _)| r as usize)
            .chain(std::iter::once(n));
        self.runs
            .iter()
            .zip(next)
            .map(|(&(r, c), end)| (c, end.saturating_sub(r as usize)))
    }

    /// Appends every row's code, `c` becoming `map[c]`, to `out`. O(rows).
    pub(crate) fn expand(&self, n: usize, map: &[u32], out: &mut Codes) {
        let code = |c: u32| map.get(c as usize).copied().unwrap_or(0);
        // The usual case, one byte per code: no dispatch per run.
        if let Codes::U8(v) = out
            && map.iter().all(|&c| c <= u32::from(u8::MAX))
        {
            for (c, len) in self.lengths(n) {
                let b = code(c) as u8;
                if len == 1 {
                    v.push(b);
                } else {
                    v.resize(v.len() + len, b);
                }
            }
            return;
        }
        for (c, len) in self.lengths(n) {
            out.push_n(code(c), len);
        }
    }

    /// Every row's code. O(rows).
    fn dense(&self, n: usize) -> Vec<u32> {
        let mut out = Vec::with_capacity(n);
        for (c, len) in self.lengths(n) {
            out.resize(out.len() + len, c);
        }
        out
    }
}

/// A dimension or attribute column of a [`CodedRows`] batch.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodedColumn {
    pub(crate) dict: LocalDict,
    pub(crate) codes: Runs,
}

/// A numeric measure column of a [`CodedRows`] batch (missing values are cleared bits).
#[derive(Debug, Clone, Default)]
pub(crate) struct CodedMeasure {
    pub(crate) values: Vec<f64>,
    pub(crate) present: Bitmap,
}

impl CodedMeasure {
    /// The value of row `r`.
    pub(crate) fn get(&self, r: usize) -> MeasureValue<'static> {
        match self.values.get(r) {
            Some(&x) if self.present.get(r) => MeasureValue::Number(x),
            _ => MeasureValue::Missing,
        }
    }
}

/// Consecutive rows with interned values: per dimension and attribute, the batch's own
/// dictionary and the codes of its rows; numeric measures with presence bits; structures
/// and actions as codes. Rows are on consecutive lines of the source. Sinks receive them in
/// [`Sink::coded_rows`](super::Sink::coded_rows).
#[derive(Debug, Clone, Default)]
pub struct CodedRows {
    /// The source text every span points into.
    pub(crate) text: String,
    pub(crate) len: usize,
    /// Line of the first row (1-based).
    pub(crate) first_line: u64,
    /// Distinct structures of the batch (id as a span), in order of first use.
    pub(crate) structures: Vec<Option<(StructureKind, (u32, u32))>>,
    pub(crate) structure_codes: Runs,
    /// Per row: [`Action::index`].
    pub(crate) actions: Runs,
    pub(crate) dims: Vec<CodedColumn>,
    pub(crate) attrs: Vec<CodedColumn>,
    pub(crate) measures: Vec<CodedMeasure>,
}

impl CodedRows {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// An empty batch for these numbers of dimensions, attributes and measures, reusing the
    /// memory of `self`.
    pub(crate) fn reset(&mut self, dims: usize, attrs: usize, measures: usize) {
        self.text.clear();
        self.len = 0;
        self.first_line = 0;
        self.structures.clear();
        self.structure_codes.clear();
        self.actions.clear();
        for (cols, n) in [(&mut self.dims, dims), (&mut self.attrs, attrs)] {
            cols.resize_with(n, CodedColumn::default);
            for c in cols.iter_mut() {
                c.dict.clear();
                c.codes.clear();
            }
        }
        self.measures.resize_with(measures, CodedMeasure::default);
        for m in &mut self.measures {
            m.values.clear();
            m.present.clear();
        }
    }

    /// The text of a span.
    #[inline]
    pub(crate) fn span(&self, (a, b): (u32, u32)) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or("")
    }

    /// The rows with a code per row and column, to read them as [`Rows`]. O(rows × columns).
    pub(crate) fn dense(&self) -> DenseRows<'_> {
        let n = self.len;
        DenseRows {
            src: self,
            structures: self.structure_codes.dense(n),
            actions: self.actions.dense(n),
            dims: self.dims.iter().map(|c| c.codes.dense(n)).collect(),
            attrs: self.attrs.iter().map(|c| c.codes.dense(n)).collect(),
        }
    }
}

/// A [`CodedRows`] batch readable as [`Rows`].
pub(crate) struct DenseRows<'a> {
    src: &'a CodedRows,
    structures: Vec<u32>,
    actions: Vec<u32>,
    dims: Vec<Vec<u32>>,
    attrs: Vec<Vec<u32>>,
}

impl DenseRows<'_> {
    fn value(&self, col: Option<&CodedColumn>, codes: Option<&Vec<u32>>, r: usize) -> &str {
        let code = codes.and_then(|c| c.get(r)).copied().unwrap_or(0);
        col.and_then(|c| c.dict.values().get(code as usize).copied())
            .map_or("", |s| self.src.span(s))
    }
}

impl Rows for DenseRows<'_> {
    fn len(&self) -> usize {
        self.src.len
    }
    fn structure(&self, r: usize) -> Option<(StructureKind, &str)> {
        let code = self.structures.get(r).copied().unwrap_or(0) as usize;
        self.src
            .structures
            .get(code)
            .copied()
            .flatten()
            .map(|(k, s)| (k, self.src.span(s)))
    }
    fn action(&self, r: usize) -> Action {
        let code = self.actions.get(r).copied().unwrap_or(0);
        Action::ALL
            .into_iter()
            .find(|a| u32::from(a.index()) == code)
            .unwrap_or_default()
    }
    fn dimension(&self, r: usize, i: usize) -> &str {
        self.value(self.src.dims.get(i), self.dims.get(i), r)
    }
    fn label(&self, _: usize, _: usize) -> Option<&str> {
        None
    }
    fn measure(&self, r: usize, i: usize) -> MeasureValue<'_> {
        self.src
            .measures
            .get(i)
            .map_or(MeasureValue::Missing, |m| m.get(r))
    }
    fn attribute(&self, r: usize, i: usize) -> &str {
        self.value(self.src.attrs.get(i), self.attrs.get(i), r)
    }
    fn line(&self, r: usize) -> u64 {
        self.src.first_line + r as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_dictionary_finds_short_and_long_values() {
        let text = b"A,BB,A,longer than eight,A,longer than eight,BB,\0,,longer than eighT";
        let mut d = LocalDict::default();
        let mut spans = Vec::new();
        let mut start = 0u32;
        for (i, &c) in text.iter().enumerate() {
            if c == b',' {
                spans.push((start, i as u32));
                start = i as u32 + 1;
            }
        }
        spans.push((start, text.len() as u32));
        let codes: Vec<u32> = spans.iter().map(|&(a, b)| d.code(text, a, b)).collect();
        assert_eq!(codes, [0, 1, 0, 2, 0, 2, 1, 3, 4, 5]);
        // Many values: the table grows and keeps every code.
        let many: String = (0..500).map(|i| format!("V{i},")).collect();
        let mut d = LocalDict::default();
        let mut start = 0u32;
        let mut got = Vec::new();
        for (i, c) in many.bytes().enumerate() {
            if c == b',' {
                got.push(d.code(many.as_bytes(), start, i as u32));
                start = i as u32 + 1;
            }
        }
        assert_eq!(got, (0..500).collect::<Vec<u32>>());
        assert_eq!(d.code(many.as_bytes(), 0, 2), 0);
        assert_eq!(d.code(many.as_bytes(), 6, 8), 2);
    }
}
