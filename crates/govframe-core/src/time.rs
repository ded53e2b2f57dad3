//! Strict calendar dates ([`Date`]) and inclusive ranges ([`YearRange`], [`DateRange`]).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, shorten};

/// A calendar date written exactly `YYYY-MM-DD` (years 0001 to 9999).
///
/// Unlike chrono's parser alone, this rejects `2023-1-1`, `+2023-01-01`, surrounding white
/// space and impossible dates such as `2023-02-30`; its schema says `format: date`.
///
/// ```
/// use govframe_core::Date;
/// let d: Date = "2024-02-29".parse()?;
/// assert_eq!(d.year(), 2024);
/// assert!("2023-02-30".parse::<Date>().is_err());
/// assert!("2023-1-01".parse::<Date>().is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Self> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(Error::InvalidDate(shorten(s)));
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| Error::InvalidDate(s.to_owned()))?;
        if date.year() < 1 {
            return Err(Error::InvalidDate(s.to_owned()));
        }
        Ok(Self(date))
    }

    /// Builds a date from its parts.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self> {
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(d) if (1..=9999).contains(&year) => Ok(Self(d)),
            _ => Err(Error::InvalidDate(format!("{year:04}-{month:02}-{day:02}"))),
        }
    }

    /// The chrono date.
    pub fn naive(&self) -> NaiveDate {
        self.0
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.0.year()
    }
}

impl From<Date> for NaiveDate {
    fn from(d: Date) -> Self {
        d.0
    }
}

impl TryFrom<NaiveDate> for Date {
    type Error = Error;
    fn try_from(d: NaiveDate) -> Result<Self> {
        Self::from_ymd(d.year(), d.month(), d.day())
    }
}

impl TryFrom<String> for Date {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::parse(&value)
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> Self {
        d.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A calendar date, YYYY-MM-DD.",
            "format": "date",
        })
    }
}

/// The bounds every year in a document must lie within.
pub const MIN_YEAR: i32 = 1;
/// The bounds every year in a document must lie within.
pub const MAX_YEAR: i32 = 9999;

/// An inclusive range of years with `startYear <= endYear`.
///
/// ```
/// use govframe_core::YearRange;
/// let p = YearRange::new(2024, 2027)?;
/// assert!(p.contains(2027));
/// assert_eq!(p.len(), 4);
/// let err = serde_json::from_str::<YearRange>(r#"{"startYear": 2027, "endYear": 2024}"#);
/// assert!(err.is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    try_from = "RawYearRange"
)]
pub struct YearRange {
    start_year: i32,
    end_year: i32,
}

/// An inclusive range of years; startYear <= endYear.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "YearRange")]
struct RawYearRange {
    /// First year (inclusive).
    #[schemars(range(min = 1, max = 9999))]
    start_year: i32,
    /// Last year (inclusive).
    #[schemars(range(min = 1, max = 9999))]
    end_year: i32,
}

impl TryFrom<RawYearRange> for YearRange {
    type Error = Error;
    fn try_from(r: RawYearRange) -> Result<Self> {
        Self::new(r.start_year, r.end_year)
    }
}

impl YearRange {
    /// A range; fails when `start > end` or a year is outside 1..=9999.
    pub fn new(start_year: i32, end_year: i32) -> Result<Self> {
        for y in [start_year, end_year] {
            if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
                return Err(Error::InvalidRange {
                    what: "year range",
                    start: start_year.to_string(),
                    end: end_year.to_string(),
                });
            }
        }
        if start_year > end_year {
            return Err(Error::InvalidRange {
                what: "year range",
                start: start_year.to_string(),
                end: end_year.to_string(),
            });
        }
        Ok(Self {
            start_year,
            end_year,
        })
    }

    /// First year.
    pub fn start_year(&self) -> i32 {
        self.start_year
    }

    /// Last year.
    pub fn end_year(&self) -> i32 {
        self.end_year
    }

    /// Whether `year` lies in the range.
    pub fn contains(&self, year: i32) -> bool {
        (self.start_year..=self.end_year).contains(&year)
    }

    /// Number of years covered (at least 1).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u32 {
        (self.end_year - self.start_year) as u32 + 1
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start_year, self.end_year)
    }
}

/// An inclusive range of dates with `start <= end`.
///
/// ```
/// use govframe_core::DateRange;
/// let r: DateRange = serde_json::from_str(r#"{"start": "2024-07-01", "end": "2024-07-04"}"#)?;
/// assert_eq!(r.days(), 4);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    try_from = "RawDateRange"
)]
pub struct DateRange {
    start: Date,
    end: Date,
}

/// An inclusive range of dates; start <= end.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "DateRange")]
struct RawDateRange {
    /// First day (inclusive).
    start: Date,
    /// Last day (inclusive).
    end: Date,
}

impl TryFrom<RawDateRange> for DateRange {
    type Error = Error;
    fn try_from(r: RawDateRange) -> Result<Self> {
        Self::new(r.start, r.end)
    }
}

impl DateRange {
    /// A range; fails when `start > end`.
    pub fn new(start: Date, end: Date) -> Result<Self> {
        if start > end {
            return Err(Error::InvalidRange {
                what: "date range",
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        Ok(Self { start, end })
    }

    /// First day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// Last day.
    pub fn end(&self) -> Date {
        self.end
    }

    /// Number of days covered (at least 1).
    pub fn days(&self) -> i64 {
        (self.end.0 - self.start.0).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates() {
        for bad in [
            "2023-1-01",
            "+2023-01-01",
            " 2023-01-01",
            "2023-01-01\n",
            "2023-02-30",
            "0000-01-01",
            "２０２３-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn ranges() {
        assert!(YearRange::new(2020, 2019).is_err());
        assert!(YearRange::new(0, 2019).is_err());
        assert!(
            serde_json::from_str::<YearRange>(r#"{"startYear":2020,"endYear":2023,"x":1}"#)
                .is_err()
        );
        let r: YearRange = serde_json::from_str(r#"{"startYear":2020,"endYear":2023}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"startYear":2020,"endYear":2023}"#
        );
    }
}
