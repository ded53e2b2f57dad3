//! Column storage: interned strings with adaptive-width codes, bitmaps, a fast hasher.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the FxHash mix) for interning; the keys come
/// from data files, so a hostile file can at worst make interning slower, never wrong.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// Distinct strings of a column, each with a dense code (0, 1, 2… in order of first use).
#[derive(Debug, Clone, Default)]
pub(crate) struct Dictionary {
    values: Vec<Box<str>>,
    map: FxMap<Box<str>, u32>,
    labels: Vec<Option<Box<str>>>,
}

impl Dictionary {
    /// The code of `s`, adding it when new. O(|s|) expected.
    #[inline]
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&c) = self.map.get(s) {
            return c;
        }
        let code = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push(s.into());
        self.map.insert(s.into(), code);
        code
    }

    /// The code of `s`, if present.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.map.get(s).copied()
    }

    /// The string of a code ("" for an unknown code).
    #[inline]
    pub(crate) fn value(&self, code: u32) -> &str {
        self.values.get(code as usize).map_or("", |v| v)
    }

    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(|v| &**v)
    }

    /// Sets the label of a code when it has none yet.
    pub(crate) fn set_label(&mut self, code: u32, label: &str) {
        let i = code as usize;
        if self.labels.len() <= i {
            self.labels.resize(i + 1, None);
        }
        if let Some(slot) = self.labels.get_mut(i)
            && slot.is_none()
            && !label.is_empty()
        {
            *slot = Some(label.into());
        }
    }

    pub(crate) fn label(&self, code: u32) -> Option<&str> {
        self.labels.get(code as usize).and_then(|l| l.as_deref())
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.values.iter().map(|v| v.len() * 2 + 48).sum::<usize>()
            + self
                .labels
                .iter()
                .flatten()
                .map(|l| l.len() + 16)
                .sum::<usize>()
    }
}

/// Codes of a column, stored as narrowly as the number of distinct values allows, and not at
/// all while every row has the same code.
#[derive(Debug, Clone)]
pub(crate) enum Codes {
    Const { code: u32, len: usize },
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Self::Const { code: 0, len: 0 }
    }
}

impl Codes {
    #[inline]
    pub(crate) fn push(&mut self, code: u32) {
        match self {
            Self::Const { code: c, len } => {
                if *len == 0 {
                    *c = code;
                    *len = 1;
                } else if *c == code {
                    *len += 1;
                } else {
                    let (c, len) = (*c, *len);
                    *self = Self::materialize(c, len, code);
                    self.push(code);
                }
            }
            Self::U8(v) => match u8::try_from(code) {
                Ok(b) => v.push(b),
                Err(_) => {
                    self.widen(code);
                    self.push(code);
                }
            },
            Self::U16(v) => match u16::try_from(code) {
                Ok(b) => v.push(b),
                Err(_) => {
                    self.widen(code);
                    self.push(code);
                }
            },
            Self::U32(v) => v.push(code),
        }
    }

    fn materialize(c: u32, len: usize, next: u32) -> Self {
        let max = c.max(next);
        if let (Ok(b), true) = (u8::try_from(c), max <= u32::from(u8::MAX)) {
            Self::U8(vec![b; len])
        } else if let (Ok(b), true) = (u16::try_from(c), max <= u32::from(u16::MAX)) {
            Self::U16(vec![b; len])
        } else {
            Self::U32(vec![c; len])
        }
    }

    fn widen(&mut self, code: u32) {
        *self = match std::mem::take(self) {
            Self::U8(v) if code <= u32::from(u16::MAX) => {
                Self::U16(v.into_iter().map(u16::from).collect())
            }
            Self::U8(v) => Self::U32(v.into_iter().map(u32::from).collect()),
            Self::U16(v) => Self::U32(v.into_iter().map(u32::from).collect()),
            other => other,
        };
    }

    /// Appends many codes: one dispatch for the batch, a plain copy in the common case
    /// where they fit the current width.
    pub(crate) fn extend(&mut self, codes: &[u32]) {
        let max = codes.iter().copied().max().unwrap_or(0);
        match self {
            Self::Const { code, len } if codes.iter().all(|c| c == code) || *len == 0 => {
                if *len == 0
                    && let Some(&first) = codes.first()
                    && codes.iter().any(|&c| c != first)
                {
                    for &c in codes {
                        self.push(c);
                    }
                    return;
                }
                if *len == 0
                    && let Some(&first) = codes.first()
                {
                    *code = first;
                }
                *len += codes.len();
            }
            Self::U8(v) if max <= u32::from(u8::MAX) => {
                v.extend(codes.iter().map(|&c| c as u8));
            }
            Self::U16(v) if max <= u32::from(u16::MAX) => {
                v.extend(codes.iter().map(|&c| c as u16));
            }
            Self::U32(v) => v.extend_from_slice(codes),
            _ => {
                for &c in codes {
                    self.push(c);
                }
            }
        }
    }

    /// Appends `n` copies of `code`.
    pub(crate) fn push_n(&mut self, code: u32, n: usize) {
        if n == 0 {
            return;
        }
        match self {
            Self::Const { code: c, len } if *len == 0 || *c == code => {
                *c = code;
                *len += n;
            }
            Self::U8(v) if code <= u32::from(u8::MAX) => v.resize(v.len() + n, code as u8),
            Self::U16(v) if code <= u32::from(u16::MAX) => v.resize(v.len() + n, code as u16),
            Self::U32(v) => v.resize(v.len() + n, code),
            _ => {
                self.push(code);
                self.push_n(code, n - 1);
            }
        }
    }

    #[inline]
    pub(crate) fn get(&self, row: usize) -> u32 {
        match self {
            Self::Const { code, .. } => *code,
            Self::U8(v) => v.get(row).map_or(0, |&b| u32::from(b)),
            Self::U16(v) => v.get(row).map_or(0, |&b| u32::from(b)),
            Self::U32(v) => v.get(row).copied().unwrap_or(0),
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Const { len, .. } => *len,
            Self::U8(v) => v.len(),
            Self::U16(v) => v.len(),
            Self::U32(v) => v.len(),
        }
    }

    pub(crate) fn shrink(&mut self) {
        match self {
            Self::Const { .. } => {}
            Self::U8(v) => v.shrink_to_fit(),
            Self::U16(v) => v.shrink_to_fit(),
            Self::U32(v) => v.shrink_to_fit(),
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        match self {
            Self::Const { .. } => 0,
            Self::U8(v) => v.capacity(),
            Self::U16(v) => v.capacity() * 2,
            Self::U32(v) => v.capacity() * 4,
        }
    }
}

/// Byte equality, eight bytes at a time, without a library call (most values in data
/// columns are a few bytes long, where the call costs more than the comparison).
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        let (mut wx, mut wy) = ([0u8; 8], [0u8; 8]);
        wx.copy_from_slice(x);
        wy.copy_from_slice(y);
        if u64::from_le_bytes(wx) != u64::from_le_bytes(wy) {
            return false;
        }
    }
    let (ra, rb) = (ca.remainder(), cb.remainder());
    if ra.is_empty() {
        return true;
    }
    // The last eight bytes at once when there are eight.
    let n = a.len();
    let word = |s: &[u8]| -> Option<u64> { Some(u64::from_le_bytes(s.try_into().ok()?)) };
    if n >= 8
        && let (Some(x), Some(y)) = (a.get(n - 8..).and_then(word), b.get(n - 8..).and_then(word))
    {
        return x == y;
    }
    ra.iter().zip(rb).all(|(x, y)| x == y)
}

/// Slots of the per-column cache of recent values.
const CACHE: usize = 64;

/// A cheap key for the cache: length, first byte and last two bytes (years, codes and
/// statuses differ there), never reading the whole value.
#[inline]
fn small_key(b: &[u8]) -> usize {
    let n = b.len();
    let first = b.first().copied().unwrap_or(0) as usize;
    let last = b.last().copied().unwrap_or(0) as usize;
    let before = if n >= 2 {
        b.get(n - 2).copied().unwrap_or(0) as usize
    } else {
        0
    };
    (n.wrapping_mul(31) ^ first.wrapping_mul(7) ^ last ^ before.wrapping_mul(13)) % CACHE
}

/// A column of interned strings.
#[derive(Debug, Clone)]
pub(crate) struct StrColumn {
    pub(crate) dict: Dictionary,
    pub(crate) codes: Codes,
    last: Option<u32>,
    /// The previous row's value when at most 16 bytes, kept here to compare without a
    /// pointer chase: (bytes, length); length 255 = not kept.
    last_inline: ([u8; 16], u8),
    /// Direct-mapped cache of recent values' codes (`u32::MAX` = empty), so that a column
    /// with few distinct values (time, status) rarely hashes.
    cache: [u32; CACHE],
}

impl Default for StrColumn {
    fn default() -> Self {
        Self {
            dict: Dictionary::default(),
            codes: Codes::default(),
            last: None,
            last_inline: ([0; 16], 255),
            cache: [u32::MAX; CACHE],
        }
    }
}

impl StrColumn {
    /// Appends a value; repeats of the previous row's value cost one comparison. Returns
    /// the code and whether the value is new to the column.
    #[inline]
    pub(crate) fn push(&mut self, s: &str) -> (u32, bool) {
        let (code, new) = self.code_of(s);
        self.codes.push(code);
        (code, new)
    }

    /// The code of a value (interning it when new), without appending it: for batches,
    /// whose codes are appended together with [`Codes::extend`].
    #[inline]
    pub(crate) fn code_of(&mut self, s: &str) -> (u32, bool) {
        let b = s.as_bytes();
        let (inline, n) = &self.last_inline;
        if usize::from(*n) == b.len()
            && let Some(c) = self.last
            && inline.get(..b.len()).is_some_and(|x| same(x, b))
        {
            return (c, false);
        }
        let slot = small_key(b);
        let cached = self.cache.get(slot).copied().unwrap_or(u32::MAX);
        let (code, new) = if cached != u32::MAX && same(self.dict.value(cached).as_bytes(), b) {
            (cached, false)
        } else {
            let before = self.dict.len();
            let c = self.dict.intern(s);
            if let Some(e) = self.cache.get_mut(slot) {
                *e = c;
            }
            (c, self.dict.len() > before)
        };
        self.last = Some(code);
        if let Some(dst) = self.last_inline.0.get_mut(..b.len()) {
            dst.copy_from_slice(b);
            self.last_inline.1 = u8::try_from(b.len()).unwrap_or(255);
        } else {
            self.last_inline.1 = 255;
        }
        (code, new)
    }

    #[inline]
    pub(crate) fn get(&self, row: usize) -> &str {
        self.dict.value(self.codes.get(row))
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.dict.heap_bytes() + self.codes.heap_bytes()
    }
}

/// A growable bitmap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Bitmap {
    words: Vec<u64>,
    len: usize,
}

impl Bitmap {
    #[inline]
    pub(crate) fn push(&mut self, bit: bool) {
        let (w, b) = (self.len / 64, self.len % 64);
        if w == self.words.len() {
            self.words.push(0);
        }
        if bit && let Some(word) = self.words.get_mut(w) {
            *word |= 1 << b;
        }
        self.len += 1;
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Appends the bits of `other`. O(words).
    pub(crate) fn append(&mut self, other: &Bitmap) {
        let shift = self.len % 64;
        if shift == 0 {
            self.words.truncate(self.len / 64);
            self.words.extend_from_slice(&other.words);
        } else {
            for &w in &other.words {
                if let Some(last) = self.words.last_mut() {
                    *last |= w << shift;
                }
                self.words.push(w >> (64 - shift));
            }
        }
        self.len += other.len;
        self.words.truncate(self.len.div_ceil(64));
    }

    /// Whether any bit is set.
    pub(crate) fn any(&self) -> bool {
        self.words.iter().any(|&w| w != 0)
    }

    /// Empties the bitmap, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.words.clear();
        self.len = 0;
    }

    /// A bitmap of `len` zeros.
    pub(crate) fn zeros(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    #[cfg(test)]
    pub(crate) fn count_ones(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    pub(crate) fn shrink(&mut self) {
        self.words.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_widen_and_stay_readable() {
        let mut c = Codes::default();
        for _ in 0..3 {
            c.push(7);
        }
        assert!(matches!(c, Codes::Const { code: 7, len: 3 }));
        c.push(1);
        assert!(matches!(c, Codes::U8(_)));
        c.push(300);
        assert!(matches!(c, Codes::U16(_)));
        c.push(70_000);
        assert!(matches!(c, Codes::U32(_)));
        let got: Vec<u32> = (0..c.len()).map(|i| c.get(i)).collect();
        assert_eq!(got, [7, 7, 7, 1, 300, 70_000]);
        for start in [vec![], vec![5], vec![5, 6]] {
            for batch in [vec![], vec![5, 5], vec![5, 9], vec![300, 1], vec![70_000]] {
                let mut one = Codes::default();
                let mut many = Codes::default();
                for &c in start.iter().chain(&batch) {
                    one.push(c);
                }
                for &c in &start {
                    many.push(c);
                }
                many.extend(&batch);
                let a: Vec<u32> = (0..one.len()).map(|i| one.get(i)).collect();
                let b: Vec<u32> = (0..many.len()).map(|i| many.get(i)).collect();
                assert_eq!(a, b, "{start:?} {batch:?}");
            }
        }
    }

    #[test]
    fn str_column_interns() {
        let mut col = StrColumn::default();
        for s in ["a", "a", "b", "a", ""] {
            col.push(s);
        }
        assert_eq!(col.dict.len(), 3);
        assert_eq!(
            (0..5).map(|i| col.get(i)).collect::<Vec<_>>(),
            ["a", "a", "b", "a", ""]
        );
    }

    #[test]
    fn bitmap() {
        let mut b = Bitmap::default();
        for i in 0..130 {
            b.push(i % 3 == 0);
        }
        assert!(b.get(0) && !b.get(1) && b.get(129));
        assert_eq!(b.count_ones(), 44);
    }
}
