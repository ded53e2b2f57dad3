//! The input of an index: a units × series matrix of optional values ([`IndexData`]),
//! built from `(unit, series, year, value)` [`Observation`]s, and a small reader for the CSV
//! files such observations usually come in (ITU DataHub exports, World Bank WDI files, and
//! a plain long format).
//!
//! ```
//! use govframe_development::{IndexData, Observation, YearRule};
//! let obs = vec![
//!     Observation::new("KEN", "i99H", 2022, 40.8),
//!     Observation::new("KEN", "i99H", 2023, 45.0),
//!     Observation::new("SEN", "i99H", 2022, 58.1),
//! ];
//! let data = IndexData::from_observations(&obs, YearRule::Exact(2022), |_| true)?;
//! assert_eq!(data.units.len(), 2);
//! assert_eq!(data.value(0, 0), Some(40.8));
//! let latest = IndexData::from_observations(&obs, YearRule::LatestUpTo { year: 2023, window: 1 }, |_| true)?;
//! assert_eq!(latest.value(0, 0), Some(45.0));
//! # Ok::<(), govframe_development::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;

use govframe_core::Id;

use crate::{Error, Result};

/// One observed value.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The unit (a country code, usually).
    pub unit: String,
    /// The series code.
    pub series: String,
    /// The year.
    pub year: i32,
    /// The value (finite).
    pub value: f64,
    /// The unit's name, when the source gives it.
    pub unit_name: Option<String>,
}

impl Observation {
    /// An observation without unit name.
    pub fn new(unit: impl Into<String>, series: impl Into<String>, year: i32, value: f64) -> Self {
        Self {
            unit: unit.into(),
            series: series.into(),
            year,
            value,
            unit_name: None,
        }
    }
}

/// A unit of the data.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitInfo {
    /// Its id (`KEN`).
    pub id: Id,
    /// Its name.
    pub name: Option<String>,
    /// Its group for group-mean imputation (a region, an income group…).
    pub group: Option<String>,
}

/// Which year's value to take for each unit and series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRule {
    /// Exactly this year.
    Exact(i32),
    /// The latest year not after `year` and not before `year − window`.
    LatestUpTo {
        /// The reference year.
        year: i32,
        /// How many years back a value may come from.
        window: u32,
    },
}

/// A units × series matrix of optional values: the input of an index computation.
///
/// Units are kept in the order given (sorted by id when built from observations); a value
/// is `None` when missing.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexData {
    /// The units (rows).
    pub units: Vec<UnitInfo>,
    /// The series codes (columns).
    pub series: Vec<String>,
    values: Vec<Option<f64>>,
}

impl IndexData {
    /// A matrix with every value missing.
    pub fn new(units: Vec<UnitInfo>, series: Vec<String>) -> Self {
        let n = units.len() * series.len();
        Self {
            units,
            series,
            values: vec![None; n],
        }
    }

    /// A matrix from unit ids, series codes and rows of values (`rows[u][s]`).
    pub fn from_rows(units: &[&str], series: &[&str], rows: &[Vec<Option<f64>>]) -> Result<Self> {
        let units = units
            .iter()
            .map(|u| {
                Ok(UnitInfo {
                    id: Id::new(*u)?,
                    name: None,
                    group: None,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut data = Self::new(units, series.iter().map(|s| (*s).to_owned()).collect());
        if rows.len() != data.units.len() {
            return Err(Error::Usage(format!(
                "{} rows for {} units",
                rows.len(),
                data.units.len()
            )));
        }
        for (u, row) in rows.iter().enumerate() {
            if row.len() != data.series.len() {
                return Err(Error::Usage(format!(
                    "row {u} has {} values for {} series",
                    row.len(),
                    data.series.len()
                )));
            }
            for (s, v) in row.iter().enumerate() {
                data.set(u, s, *v)?;
            }
        }
        Ok(data)
    }

    /// The value of unit `u` for series `s`.
    pub fn value(&self, u: usize, s: usize) -> Option<f64> {
        self.values
            .get(u * self.series.len() + s)
            .copied()
            .flatten()
    }

    /// Sets the value of unit `u` for series `s`; fails on an index out of range or a value
    /// that is not finite.
    pub fn set(&mut self, u: usize, s: usize, value: Option<f64>) -> Result<()> {
        if let Some(v) = value
            && !v.is_finite()
        {
            return Err(Error::Usage(format!("value {v} is not finite")));
        }
        let n = self.series.len();
        if u >= self.units.len() || s >= n {
            return Err(Error::Usage(format!(
                "cell ({u}, {s}) lies outside the {} × {n} matrix",
                self.units.len()
            )));
        }
        self.values[u * n + s] = value;
        Ok(())
    }

    /// The column of series `code`, if present.
    pub fn series_index(&self, code: &str) -> Option<usize> {
        self.series.iter().position(|s| s == code)
    }

    /// Assigns groups (for group-mean imputation) from a map unit id → group.
    pub fn set_groups(&mut self, groups: &HashMap<String, String>) {
        for u in &mut self.units {
            u.group = groups.get(u.id.as_str()).cloned();
        }
    }

    /// Builds the matrix from observations: one row per unit that `keep` accepts (sorted by
    /// id), one column per series (sorted by code), the value chosen by `year`. Fails on a
    /// unit code that is not a valid id, or the same unit, series and year twice.
    /// O(n log n).
    pub fn from_observations(
        obs: &[Observation],
        year: YearRule,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Self> {
        let (lo, hi) = match year {
            YearRule::Exact(y) => (y, y),
            YearRule::LatestUpTo { year, window } => (
                year.saturating_sub(i32::try_from(window).unwrap_or(i32::MAX)),
                year,
            ),
        };
        // (unit, series) -> (year, value)
        let mut best: BTreeMap<(&str, &str), (i32, f64)> = BTreeMap::new();
        let mut seen: HashMap<(&str, &str, i32), ()> = HashMap::new();
        let mut names: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        let mut series: BTreeSet<&str> = BTreeSet::new();
        for o in obs {
            if seen.insert((&o.unit, &o.series, o.year), ()).is_some() {
                return Err(Error::DuplicateObservation {
                    unit: o.unit.clone(),
                    series: o.series.clone(),
                    year: o.year,
                });
            }
            series.insert(&o.series);
            if !keep(&o.unit) || o.year < lo || o.year > hi || !o.value.is_finite() {
                continue;
            }
            let name = names.entry(&o.unit).or_insert(None);
            if name.is_none() {
                *name = o.unit_name.as_deref();
            }
            let e = best
                .entry((&o.unit, &o.series))
                .or_insert((o.year, o.value));
            if o.year > e.0 {
                *e = (o.year, o.value);
            }
        }
        let units = names
            .iter()
            .map(|(u, n)| {
                Ok(UnitInfo {
                    id: Id::new(*u)?,
                    name: n.map(str::to_owned),
                    group: None,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let series: Vec<String> = series.into_iter().map(str::to_owned).collect();
        let col: HashMap<&str, usize> = series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        let row: HashMap<&str, usize> = names.keys().enumerate().map(|(i, u)| (*u, i)).collect();
        let mut data = Self::new(units, series.clone());
        for ((u, s), (_, v)) in best {
            if let (Some(&r), Some(&c)) = (row.get(u), col.get(s)) {
                data.set(r, c, Some(v))?;
            }
        }
        Ok(data)
    }
}

/// The latest year in which every one of `series` has at least one observation from a unit
/// `keep` accepts; `None` when there is none. O(n).
pub fn latest_common_year(
    obs: &[Observation],
    series: &[&str],
    keep: impl Fn(&str) -> bool,
) -> Option<i32> {
    let mut years: HashMap<&str, BTreeSet<i32>> = HashMap::new();
    for o in obs {
        if series.contains(&o.series.as_str()) && keep(&o.unit) {
            years.entry(&o.series).or_default().insert(o.year);
        }
    }
    let mut common: Option<BTreeSet<i32>> = None;
    for s in series {
        let ys = years.get(s).cloned().unwrap_or_default();
        common = Some(match common {
            None => ys,
            Some(c) => c.intersection(&ys).copied().collect(),
        });
    }
    common.and_then(|c| c.last().copied())
}

/// Splits one CSV record (RFC 4180 quotes; a quoted field may not span lines here).
fn split_record(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == ',' {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

/// Reads observations from a CSV file in one of three layouts, told apart by the header:
///
/// * ITU DataHub exports (`seriesCode`, `entityIso`, `entityName`, `dataValue`, `dataYear`);
/// * World Bank WDI files (`Country Name`, `Country Code`, `Year`, `Value`), the series code
///   taken from the file name (`wdi-it.net.bbnd.p2.csv` → `IT.NET.BBND.P2`);
/// * a long format with the columns `unit`, `series`, `year`, `value` (and optionally
///   `unitName`).
///
/// Empty values are skipped; a value that is not a number, or a year that is not an
/// integer, is an error with its line. Streams line by line: O(file size) time, memory
/// O(observations).
pub fn read_observations_csv<R: BufRead>(src: R, file: &str) -> Result<Vec<Observation>> {
    let mut lines = src.lines();
    let err = |line: usize, message: String| Error::Csv {
        file: file.to_owned(),
        line,
        message,
    };
    let header = match lines.next() {
        Some(h) => h.map_err(|e| err(1, e.to_string()))?,
        None => return Err(err(1, "the file is empty".into())),
    };
    let header = split_record(header.trim_start_matches('\u{feff}').trim_end_matches('\r'));
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    enum Layout {
        Itu {
            s: usize,
            u: usize,
            n: Option<usize>,
            v: usize,
            y: usize,
        },
        Wdi {
            u: usize,
            n: usize,
            y: usize,
            v: usize,
            series: String,
        },
        Long {
            u: usize,
            s: usize,
            y: usize,
            v: usize,
            n: Option<usize>,
        },
    }
    let layout = if let (Some(s), Some(u), Some(v), Some(y)) = (
        col("seriesCode"),
        col("entityIso"),
        col("dataValue"),
        col("dataYear"),
    ) {
        Layout::Itu {
            s,
            u,
            n: col("entityName"),
            v,
            y,
        }
    } else if let (Some(n), Some(u), Some(y), Some(v)) = (
        col("Country Name"),
        col("Country Code"),
        col("Year"),
        col("Value"),
    ) {
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.strip_suffix(".csv").unwrap_or(&name);
        let stem = stem.strip_prefix("wdi-").unwrap_or(stem);
        Layout::Wdi {
            u,
            n,
            y,
            v,
            series: stem.to_ascii_uppercase(),
        }
    } else if let (Some(u), Some(s), Some(y), Some(v)) =
        (col("unit"), col("series"), col("year"), col("value"))
    {
        Layout::Long {
            u,
            s,
            y,
            v,
            n: col("unitName"),
        }
    } else {
        return Err(err(
            1,
            "unknown layout: expected an ITU DataHub export (seriesCode, entityIso, dataValue, dataYear), a WDI file (Country Name, Country Code, Year, Value) or the columns unit, series, year, value".into(),
        ));
    };
    let mut out = Vec::new();
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        let line = line.map_err(|e| err(line_no, e.to_string()))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let f = split_record(line);
        let get = |k: usize| f.get(k).map(|s| s.trim()).unwrap_or("");
        let (unit, series, year, value, name) = match &layout {
            Layout::Itu { s, u, n, v, y } => {
                (get(*u), get(*s).to_owned(), get(*y), get(*v), n.map(get))
            }
            Layout::Wdi { u, n, y, v, series } => {
                (get(*u), series.clone(), get(*y), get(*v), Some(get(*n)))
            }
            Layout::Long { u, s, y, v, n } => {
                (get(*u), get(*s).to_owned(), get(*y), get(*v), n.map(get))
            }
        };
        if value.is_empty() {
            continue;
        }
        let value: f64 = value
            .parse()
            .map_err(|_| err(line_no, format!("value {value:?} is not a number")))?;
        if !value.is_finite() {
            continue;
        }
        let year: i32 = year
            .parse()
            .map_err(|_| err(line_no, format!("year {year:?} is not an integer")))?;
        if unit.is_empty() {
            return Err(err(line_no, "the unit code is empty".into()));
        }
        out.push(Observation {
            unit: unit.to_owned(),
            series,
            year,
            value,
            unit_name: name.filter(|n| !n.is_empty()).map(str::to_owned),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_layouts() {
        let itu = "\u{feff}\"seriesID\",\"seriesCode\",\"entityIso\",\"entityName\",\"dataValue\",\"dataYear\"\n1,\"i99H\",\"ABW\",\"Aruba, the\",\"15.4\",2000\n";
        let o = read_observations_csv(itu.as_bytes(), "x.csv").unwrap();
        assert_eq!(o[0].series, "i99H");
        assert_eq!(o[0].unit_name.as_deref(), Some("Aruba, the"));
        let wdi = "Country Name,Country Code,Year,Value\nAruba,ABW,2010,88.3\n";
        let o = read_observations_csv(wdi.as_bytes(), "dir/wdi-it.net.secr.p6.csv").unwrap();
        assert_eq!(o[0].series, "IT.NET.SECR.P6");
        let long = "unit,series,year,value\nKEN,a,2020,\nKEN,b,2020,1e3\n";
        let o = read_observations_csv(long.as_bytes(), "l.csv").unwrap();
        assert_eq!(o.len(), 1);
        let bad = "unit,series,year,value\nKEN,a,20x,1\n";
        let e = read_observations_csv(bad.as_bytes(), "l.csv").unwrap_err();
        assert!(e.to_string().contains("l.csv:2"), "{e}");
    }

    #[test]
    fn duplicates_are_errors() {
        let obs = vec![
            Observation::new("A", "s", 2020, 1.0),
            Observation::new("A", "s", 2020, 2.0),
        ];
        assert!(IndexData::from_observations(&obs, YearRule::Exact(2020), |_| true).is_err());
    }

    #[test]
    fn latest_common() {
        let obs = vec![
            Observation::new("A", "s", 2020, 1.0),
            Observation::new("A", "s", 2021, 1.0),
            Observation::new("A", "t", 2020, 1.0),
        ];
        assert_eq!(latest_common_year(&obs, &["s", "t"], |_| true), Some(2020));
        assert_eq!(latest_common_year(&obs, &["s", "u"], |_| true), None);
    }
}
