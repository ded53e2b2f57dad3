//! Observations: `(series, area, year, value)` rows, grouped into sorted series.
//!
//! [`Observations`] is the plain input of the assessment: whatever reader produced the rows
//! (govframe-statistics' readers, the small readers here, or code of one's own), the store
//! groups them by series code and area, sorts each series by year and settles duplicate
//! years **independently of row order**: equal values merge, different values mark the
//! series as conflicting (it is then not assessed, reason `conflictingValues`).
//!
//! The small readers ([`read_itu_datahub`], [`read_wdi`]) exist so that the crate and its
//! command work on their own; they read the whole text in memory (O(size)).

use std::collections::BTreeMap;

use govframe_core::Id;

use crate::{Error, Result};

/// One series: its points, or the fact that its rows conflict.
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesData<'a> {
    /// Points sorted by year, one per year, finite values.
    Points(&'a [(i32, f64)]),
    /// Different values for the same year: not assessable.
    Conflicting,
}

#[derive(Debug, Clone, Default)]
struct Entry {
    points: Vec<(i32, f64)>,
    conflicting: bool,
    sorted: bool,
}

/// Rows grouped by series code and area. See the module docs.
///
/// ```
/// use govframe_monitoring::{Observations, SeriesData};
/// let mut obs = Observations::new();
/// obs.push("i99H", "KEN", 2016, 16.6)?;
/// obs.push("i99H", "KEN", 2015, 16.0)?;
/// obs.push("i99H", "KEN", 2016, 16.6)?; // an identical duplicate merges
/// obs.finish();
/// assert_eq!(obs.get("i99H", "KEN"), Some(SeriesData::Points(&[(2015, 16.0), (2016, 16.6)])));
/// # Ok::<(), govframe_monitoring::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Observations {
    map: BTreeMap<Id, BTreeMap<Id, Entry>>,
    rows: u64,
    skipped: u64,
}

impl Observations {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a row. Codes must be valid ids (`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`); a
    /// non-finite value is counted as skipped. Call [`Observations::finish`] after the last
    /// row. O(log s + log a).
    pub fn push(&mut self, series: &str, area: &str, year: i32, value: f64) -> Result<()> {
        if !value.is_finite() {
            self.skipped += 1;
            return Ok(());
        }
        let entry = match self.map.get_mut(series) {
            Some(m) => m,
            None => self.map.entry(Id::new(series)?).or_default(),
        };
        let e = match entry.get_mut(area) {
            Some(e) => e,
            None => entry.entry(Id::new(area)?).or_default(),
        };
        e.points.push((year, value));
        e.sorted = false;
        self.rows += 1;
        Ok(())
    }

    /// Sorts every series and settles duplicate years. O(n log n).
    pub fn finish(&mut self) {
        for areas in self.map.values_mut() {
            for e in areas.values_mut() {
                if e.sorted {
                    continue;
                }
                e.points
                    .sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
                e.points.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
                if e.points.windows(2).any(|w| w[0].0 == w[1].0) {
                    e.conflicting = true;
                }
                e.sorted = true;
            }
        }
    }

    /// The series of `series` in `area`. Call [`Observations::finish`] first.
    pub fn get(&self, series: &str, area: &str) -> Option<SeriesData<'_>> {
        let e = self.map.get(series)?.get(area)?;
        Some(if e.conflicting || !e.sorted {
            SeriesData::Conflicting
        } else {
            SeriesData::Points(&e.points)
        })
    }

    /// The areas with data for `series`, in code order.
    pub fn areas(&self, series: &str) -> impl Iterator<Item = &Id> {
        self.map.get(series).into_iter().flat_map(|m| m.keys())
    }

    /// The series codes, in order.
    pub fn series_codes(&self) -> impl Iterator<Item = &Id> {
        self.map.keys()
    }

    /// Rows stored.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows skipped (non-finite values, empty fields).
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Merges another store into this one (call [`Observations::finish`] afterwards).
    pub fn extend(&mut self, other: Observations) {
        for (s, areas) in other.map {
            let target = self.map.entry(s).or_default();
            for (a, e) in areas {
                let t = target.entry(a).or_default();
                t.points.extend(e.points);
                t.conflicting |= e.conflicting;
                t.sorted = false;
            }
        }
        self.rows += other.rows;
        self.skipped += other.skipped;
    }
}

/// Parses CSV text (RFC 4180: quoted fields with `""`, separators and line breaks inside
/// quotes; CRLF or LF; a leading UTF-8 BOM is dropped). O(size).
///
/// ```
/// let rows = govframe_monitoring::data::parse_csv("a,\"b,c\"\r\n1,\"say \"\"hi\"\"\"\n", b',');
/// assert_eq!(rows, vec![vec!["a", "b,c"], vec!["1", "say \"hi\""]]);
/// ```
pub fn parse_csv(text: &str, sep: u8) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = char::from(sep);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == sep {
            row.push(std::mem::take(&mut field));
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            if !(row.len() == 1 && row[0].is_empty()) {
                rows.push(std::mem::take(&mut row));
            } else {
                row.clear();
            }
            any = false;
        } else {
            field.push(c);
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A header lookup.
pub(crate) struct Header(Vec<String>);

impl Header {
    pub(crate) fn new(row: &[String]) -> Self {
        Self(row.iter().map(|h| h.trim().to_owned()).collect())
    }

    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|h| h.eq_ignore_ascii_case(name))
    }

    pub(crate) fn need(&self, name: &str, file: &str) -> Result<usize> {
        self.find(name).ok_or_else(|| Error::Input {
            file: file.to_owned(),
            line: 1,
            message: format!("no column {name:?}"),
        })
    }
}

fn parse_year(s: &str) -> Option<i32> {
    let s = s.trim();
    // "2015-16" → 2015, as Open SDG reads reference periods.
    let head = s.get(..4).filter(|_| s.len() >= 4).unwrap_or(s);
    head.parse().ok()
}

fn parse_value(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads an ITU DataHub CSV export (`seriesCode`, `entityIso`, `dataYear`, `dataValue`)
/// into `obs`. Rows with an empty value are skipped; an area code that is not a valid id is
/// skipped too. Returns the rows read.
pub fn read_itu_datahub(text: &str, file: &str, obs: &mut Observations) -> Result<u64> {
    read_columns(
        text,
        file,
        obs,
        Columns::Named("seriesCode"),
        "entityIso",
        "dataYear",
        "dataValue",
    )
}

/// Reads a World Bank WDI CSV (`Country Name,Country Code,Year,Value`) whose series code is
/// `series` into `obs`. Returns the rows read.
pub fn read_wdi(text: &str, file: &str, series: &str, obs: &mut Observations) -> Result<u64> {
    read_columns(
        text,
        file,
        obs,
        Columns::Constant(series),
        "Country Code",
        "Year",
        "Value",
    )
}

enum Columns<'a> {
    Named(&'a str),
    Constant(&'a str),
}

fn read_columns(
    text: &str,
    file: &str,
    obs: &mut Observations,
    series: Columns<'_>,
    area: &str,
    year: &str,
    value: &str,
) -> Result<u64> {
    let rows = parse_csv(text, b',');
    let Some(head) = rows.first() else {
        return Err(Error::Input {
            file: file.to_owned(),
            line: 1,
            message: "the file is empty".into(),
        });
    };
    let h = Header::new(head);
    let s_col = match series {
        Columns::Named(n) => Some(h.need(n, file)?),
        Columns::Constant(_) => None,
    };
    let (a_col, y_col, v_col) = (
        h.need(area, file)?,
        h.need(year, file)?,
        h.need(value, file)?,
    );
    let mut read = 0;
    for (i, row) in rows.iter().enumerate().skip(1) {
        let get = |c: usize| row.get(c).map_or("", |s| s.trim());
        let code = match (&series, s_col) {
            (Columns::Constant(c), _) => *c,
            (_, Some(c)) => get(c),
            _ => "",
        };
        let Some(y) = parse_year(get(y_col)) else {
            return Err(Error::Input {
                file: file.to_owned(),
                line: i as u64 + 1,
                message: format!("year {:?} is not a year", get(y_col)),
            });
        };
        let Some(v) = parse_value(get(v_col)) else {
            obs.skipped += 1;
            continue;
        };
        let a = get(a_col);
        if obs.push(code, a, y, v).is_err() {
            obs.skipped += 1;
            continue;
        }
        read += 1;
    }
    Ok(read)
}
