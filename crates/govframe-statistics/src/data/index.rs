//! Series of a cube: rows grouped by series key (every dimension but time) and ordered by
//! time.

use std::cmp::Ordering;

use super::DataCube;
use super::column::FxMap;
use crate::time::TimePeriod;

/// How series keys are hashed: one `u64` (mixed radix over the dictionary sizes) when it
/// fits, else the codes themselves.
#[derive(Debug, Clone)]
enum KeyMap {
    Radix {
        multipliers: Vec<u64>,
        map: FxMap<u64, u32>,
    },
    Codes(FxMap<Box<[u32]>, u32>),
}

/// The series of a [`DataCube`]: for each series key, its rows in time order.
///
/// Built in O(n) hashing plus the cost of ordering rows that are not already in time order
/// within their series (O(n log n) at worst); holds 8 bytes per row.
#[derive(Debug, Clone)]
pub struct SeriesIndex {
    series_dims: Vec<usize>,
    keys: Vec<u32>,
    offsets: Vec<u32>,
    rows: Vec<u32>,
    row_series: Vec<u32>,
    map: KeyMap,
    time_rank: Vec<u32>,
}

/// One series of a [`SeriesIndex`].
#[derive(Debug, Clone, Copy)]
pub struct SeriesRef<'a> {
    index: &'a SeriesIndex,
    series: usize,
}

impl<'a> SeriesRef<'a> {
    /// Its rows, in time order (file order among equal times).
    pub fn rows(&self) -> &'a [u32] {
        let start = self.index.offsets.get(self.series).copied().unwrap_or(0) as usize;
        let end = self
            .index
            .offsets
            .get(self.series + 1)
            .copied()
            .unwrap_or(0) as usize;
        self.index.rows.get(start..end).unwrap_or(&[])
    }

    /// Its key: the values of the series dimensions, in layout order.
    pub fn key<'c>(&self, cube: &'c DataCube) -> Vec<&'c str> {
        let stride = self.index.series_dims.len();
        let codes = self
            .index
            .keys
            .get(self.series * stride..(self.series + 1) * stride)
            .unwrap_or(&[]);
        self.index
            .series_dims
            .iter()
            .zip(codes)
            .map(|(&d, &c)| cube.dims.get(d).map_or("", |col| col.dict.value(c)))
            .collect()
    }

    /// The series number.
    pub fn number(&self) -> usize {
        self.series
    }
}

impl DataCube {
    /// Groups rows into series and orders each by time. See [`SeriesIndex`].
    pub fn index(&self) -> SeriesIndex {
        SeriesIndex::build(self)
    }
}

/// Ranks of a time dimension's dictionary entries: parsed periods in time order, then
/// unparseable values in string order.
fn time_ranks(cube: &DataCube, dim: usize) -> Vec<u32> {
    let Some(col) = cube.dims.get(dim) else {
        return Vec::new();
    };
    let values: Vec<&str> = col.dict.values().collect();
    let parsed: Vec<Option<TimePeriod>> = values.iter().map(|v| TimePeriod::parse(v)).collect();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| match (&parsed[a], &parsed[b]) {
        (Some(x), Some(y)) => x.cmp(y).then_with(|| values[a].cmp(values[b])),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => values[a].cmp(values[b]),
    });
    let mut rank = vec![0u32; values.len()];
    for (r, &code) in order.iter().enumerate() {
        if let Some(slot) = rank.get_mut(code) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    rank
}

impl SeriesIndex {
    fn build(cube: &DataCube) -> Self {
        let time = cube.layout.time_dimension;
        let series_dims: Vec<usize> = (0..cube.layout.dimensions.len())
            .filter(|&d| Some(d) != time)
            .collect();
        let mut multipliers = Vec::with_capacity(series_dims.len());
        let mut acc: Option<u64> = Some(1);
        for &d in &series_dims {
            let size = cube.dims.get(d).map_or(1, |c| c.dict.len().max(1)) as u64;
            multipliers.push(acc.unwrap_or(0));
            acc = acc.and_then(|a| a.checked_mul(size));
        }
        let mut map = if acc.is_some() {
            KeyMap::Radix {
                multipliers,
                map: FxMap::default(),
            }
        } else {
            KeyMap::Codes(FxMap::default())
        };
        let mut keys: Vec<u32> = Vec::new();
        let mut row_series: Vec<u32> = Vec::with_capacity(cube.len);
        let mut counts: Vec<u32> = Vec::new();
        let mut scratch: Vec<u32> = vec![0; series_dims.len()];
        let mut last: Option<(Vec<u32>, u32)> = None;
        for row in 0..cube.len {
            for (slot, &d) in scratch.iter_mut().zip(&series_dims) {
                *slot = cube.dim_code(row, d);
            }
            let series = match &last {
                Some((k, s)) if *k == scratch => *s,
                _ => {
                    let next = u32::try_from(counts.len()).unwrap_or(u32::MAX);
                    let s = match &mut map {
                        KeyMap::Radix { multipliers, map } => {
                            let k: u64 = scratch
                                .iter()
                                .zip(multipliers.iter())
                                .map(|(&c, &m)| u64::from(c).wrapping_mul(m))
                                .fold(0u64, u64::wrapping_add);
                            *map.entry(k).or_insert(next)
                        }
                        KeyMap::Codes(map) => match map.get(scratch.as_slice()) {
                            Some(&s) => s,
                            None => {
                                map.insert(scratch.clone().into_boxed_slice(), next);
                                next
                            }
                        },
                    };
                    if s == next {
                        keys.extend_from_slice(&scratch);
                        counts.push(0);
                    }
                    last = Some((scratch.clone(), s));
                    s
                }
            };
            if let Some(c) = counts.get_mut(series as usize) {
                *c += 1;
            }
            row_series.push(series);
        }
        // Counting sort of rows by series (stable: file order inside a series).
        let mut offsets = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        offsets.push(0);
        for c in &counts {
            total += c;
            offsets.push(total);
        }
        let mut fill: Vec<u32> = offsets.iter().take(counts.len()).copied().collect();
        let mut rows = vec![0u32; cube.len];
        for (row, &s) in row_series.iter().enumerate() {
            if let Some(pos) = fill.get_mut(s as usize) {
                if let Some(slot) = rows.get_mut(*pos as usize) {
                    *slot = u32::try_from(row).unwrap_or(u32::MAX);
                }
                *pos += 1;
            }
        }
        let time_rank = time.map(|t| time_ranks(cube, t)).unwrap_or_default();
        if let Some(t) = time {
            let rank = |row: u32| {
                let code = cube.dim_code(row as usize, t);
                time_rank.get(code as usize).copied().unwrap_or(u32::MAX)
            };
            for w in offsets.windows(2) {
                let (a, b) = (w[0] as usize, w[1] as usize);
                if let Some(slice) = rows.get_mut(a..b)
                    && !slice.windows(2).all(|p| rank(p[0]) <= rank(p[1]))
                {
                    slice.sort_by_key(|&r| rank(r));
                }
            }
        }
        Self {
            series_dims,
            keys,
            offsets,
            rows,
            row_series,
            map,
            time_rank,
        }
    }

    /// Number of series.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Whether there is no series.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Series number `i`.
    pub fn series(&self, i: usize) -> SeriesRef<'_> {
        SeriesRef {
            index: self,
            series: i,
        }
    }

    /// Every series, in order of first appearance.
    pub fn iter(&self) -> impl Iterator<Item = SeriesRef<'_>> {
        (0..self.len()).map(|i| self.series(i))
    }

    /// The series of a row.
    pub fn series_of(&self, row: usize) -> Option<usize> {
        self.row_series.get(row).map(|&s| s as usize)
    }

    /// The dimensions that make up a series key (every dimension but time), in order.
    pub fn series_dimensions(&self) -> &[usize] {
        &self.series_dims
    }

    /// The rank of a row's time value among the cube's distinct time values, in time order
    /// (values that are not time periods last); `None` without a time dimension.
    pub fn time_rank(&self, cube: &DataCube, row: usize) -> Option<u32> {
        let t = cube.layout.time_dimension?;
        self.time_rank.get(cube.dim_code(row, t) as usize).copied()
    }

    /// The series whose key has these values (one per series dimension, in layout order).
    /// O(key length).
    pub fn find(&self, cube: &DataCube, key: &[&str]) -> Option<usize> {
        if key.len() != self.series_dims.len() {
            return None;
        }
        let codes: Option<Vec<u32>> = self
            .series_dims
            .iter()
            .zip(key)
            .map(|(&d, v)| cube.dims.get(d).and_then(|c| c.dict.get(v)))
            .collect();
        let codes = codes?;
        match &self.map {
            KeyMap::Radix { multipliers, map } => {
                let k = codes
                    .iter()
                    .zip(multipliers)
                    .map(|(&c, &m)| u64::from(c).wrapping_mul(m))
                    .fold(0u64, u64::wrapping_add);
                map.get(&k).map(|&s| s as usize)
            }
            KeyMap::Codes(map) => map.get(codes.as_slice()).map(|&s| s as usize),
        }
    }
}
