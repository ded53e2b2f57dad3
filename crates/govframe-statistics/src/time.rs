//! SDMX time periods: parsing, ordering and frequency.
//!
//! Accepted forms (ISO 8601 and the SDMX reporting periods):
//!
//! | form | frequency |
//! |---|---|
//! | `2020`, `2020-A1` | annual (`A`) |
//! | `2020-S1` | half-year (`S`) |
//! | `2020-T1` | four-month period (`T`) |
//! | `2020-Q3` | quarter (`Q`) |
//! | `2020-07`, `2020-M07` | month (`M`) |
//! | `2020-W05` | week (`W`) |
//! | `2020-07-15`, `2020-D197` | day (`D`) |
//! | `2020-07-15T10:00:00[.fff][Z\|±hh:mm]` | date-time (`H`/`N`/`I`) |
//! | `2020-01-01/P1Y` | time range (any frequency) |

use std::cmp::Ordering;
use std::fmt;

/// How often a series is observed (the SDMX `FREQ` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    /// `A` annual.
    Annual,
    /// `S` half-yearly.
    HalfYear,
    /// `T` four-monthly (trimester).
    Trimester,
    /// `Q` quarterly.
    Quarterly,
    /// `M` monthly.
    Monthly,
    /// `W` weekly.
    Weekly,
    /// `D` daily.
    Daily,
    /// A date and time (matches `H` hourly, `N` minutely, `I` irregular).
    DateTime,
    /// A time range `start/duration` (matches any frequency).
    Range,
}

impl Frequency {
    /// The SDMX code (`A`, `S`, `T`, `Q`, `M`, `W`, `D`; `H` for date-times; `I` for ranges).
    pub fn code(self) -> &'static str {
        match self {
            Self::Annual => "A",
            Self::HalfYear => "S",
            Self::Trimester => "T",
            Self::Quarterly => "Q",
            Self::Monthly => "M",
            Self::Weekly => "W",
            Self::Daily => "D",
            Self::DateTime => "H",
            Self::Range => "I",
        }
    }

    /// Periods per year, for the regular frequencies up to a month.
    pub fn per_year(self) -> Option<i64> {
        match self {
            Self::Annual => Some(1),
            Self::HalfYear => Some(2),
            Self::Trimester => Some(3),
            Self::Quarterly => Some(4),
            Self::Monthly => Some(12),
            _ => None,
        }
    }

    /// Whether a period of this form may appear in a series whose `FREQ` is `code`.
    ///
    /// `B` (business days) accepts days; `H` and `N` accept date-times; `I` (irregular) and
    /// ranges accept anything. Unknown codes accept anything.
    ///
    /// ```
    /// use govframe_statistics::time::Frequency;
    /// assert!(Frequency::Monthly.matches_code("M"));
    /// assert!(!Frequency::Monthly.matches_code("A"));
    /// assert!(Frequency::Daily.matches_code("B"));
    /// ```
    pub fn matches_code(self, code: &str) -> bool {
        if self == Self::Range {
            return true;
        }
        match code {
            "A" => self == Self::Annual,
            "S" => self == Self::HalfYear,
            "T" => self == Self::Trimester,
            "Q" => self == Self::Quarterly,
            "M" => self == Self::Monthly,
            "W" => self == Self::Weekly,
            "D" | "B" => self == Self::Daily,
            "H" | "N" => self == Self::DateTime,
            _ => true,
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A parsed time period: its frequency and where it starts, ordered by start then by
/// frequency (a year sorts before its first quarter, which sorts before its first month).
///
/// ```
/// use govframe_statistics::time::{Frequency, TimePeriod};
/// let q = TimePeriod::parse("2020-Q3").unwrap();
/// assert_eq!(q.frequency(), Frequency::Quarterly);
/// assert_eq!(q.year(), 2020);
/// assert_eq!(q.ordinal(), Some(2020 * 4 + 2));
/// assert!(TimePeriod::parse("2020").unwrap() < TimePeriod::parse("2020-01").unwrap());
/// assert!(TimePeriod::parse("2020-13").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimePeriod {
    freq: Frequency,
    /// Seconds since 0000-01-01T00:00:00 (proleptic Gregorian, UTC).
    start: i64,
    year: i32,
    /// Index of the period inside its year (0-based), for regular frequencies.
    index: u32,
}

impl PartialOrd for TimePeriod {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TimePeriod {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start
            .cmp(&other.start)
            .then(self.freq.cmp(&other.freq))
            .then(self.index.cmp(&other.index))
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 0000-03-01-based civil algorithm (Howard Hinnant), shifted to be non-negative
/// for years 0..=9999.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let d = i64::from(d);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

fn date_start(y: i32, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400)
}

fn year4(s: &str) -> Option<i32> {
    if s.len() != 4 {
        return None;
    }
    digits(s).and_then(|y| i32::try_from(y).ok())
}

impl TimePeriod {
    /// Parses a time period; `None` when it is not one of the accepted forms. O(length).
    pub fn parse(s: &str) -> Option<Self> {
        if let Some((start, duration)) = s.split_once('/') {
            let mut p = Self::parse(start)?;
            if !duration.starts_with('P') || duration.len() < 3 {
                return None;
            }
            p.freq = Frequency::Range;
            return Some(p);
        }
        let b = s.as_bytes();
        if b.len() < 4 {
            return None;
        }
        let year = year4(s.get(..4)?)?;
        if b.len() == 4 {
            return Self::regular(Frequency::Annual, year, 0);
        }
        if b[4] != b'-' {
            return None;
        }
        let rest = s.get(5..)?;
        let rb = rest.as_bytes();
        match rb.first()? {
            b'A' if rest == "A1" => Self::regular(Frequency::Annual, year, 0),
            b'S' => Self::numbered(Frequency::HalfYear, year, &rest[1..], 2),
            b'T' => Self::numbered(Frequency::Trimester, year, &rest[1..], 3),
            b'Q' => Self::numbered(Frequency::Quarterly, year, &rest[1..], 4),
            b'M' => {
                let m = digits(&rest[1..]).filter(|_| rest.len() == 3)?;
                Self::numbered_value(Frequency::Monthly, year, m, 12)
            }
            b'W' => {
                let w = digits(&rest[1..]).filter(|_| rest.len() == 3)?;
                if !(1..=53).contains(&w) {
                    return None;
                }
                // ISO week 1 contains January 4th; its Monday starts the week-year.
                let jan4 = days_from_civil(year, 1, 4);
                let weekday = (jan4 + 2).rem_euclid(7); // 0 = Monday
                let monday = jan4 - weekday + 7 * i64::from(w - 1);
                Some(Self {
                    freq: Frequency::Weekly,
                    start: monday * 86_400,
                    year,
                    index: w - 1,
                })
            }
            b'D' => {
                let d = digits(&rest[1..]).filter(|_| rest.len() == 4)?;
                let max = if is_leap(year) { 366 } else { 365 };
                if !(1..=max).contains(&d) {
                    return None;
                }
                Some(Self {
                    freq: Frequency::Daily,
                    start: (days_from_civil(year, 1, 1) + i64::from(d) - 1) * 86_400,
                    year,
                    index: d - 1,
                })
            }
            b'0'..=b'9' => Self::calendar(year, rest),
            _ => None,
        }
    }

    fn regular(freq: Frequency, year: i32, index: u32) -> Option<Self> {
        let per = u32::try_from(freq.per_year()?).ok()?;
        let month = 1 + index * (12 / per);
        Some(Self {
            freq,
            start: date_start(year, month, 1)?,
            year,
            index,
        })
    }

    fn numbered(freq: Frequency, year: i32, n: &str, max: u32) -> Option<Self> {
        if n.len() != 1 {
            return None;
        }
        Self::numbered_value(freq, year, digits(n)?, max)
    }

    fn numbered_value(freq: Frequency, year: i32, n: u32, max: u32) -> Option<Self> {
        if !(1..=max).contains(&n) {
            return None;
        }
        Self::regular(freq, year, n - 1)
    }

    /// `MM`, `MM-DD` or `MM-DDThh:mm[:ss[.f]][Z|±hh:mm]` after `YYYY-`.
    fn calendar(year: i32, rest: &str) -> Option<Self> {
        let month = digits(rest.get(..2)?)?;
        if rest.len() == 2 {
            return Self::numbered_value(Frequency::Monthly, year, month, 12);
        }
        if rest.as_bytes().get(2) != Some(&b'-') {
            return None;
        }
        let day = digits(rest.get(3..5)?)?;
        let start = date_start(year, month, day)?;
        if rest.len() == 5 {
            let doy = (start / 86_400 - days_from_civil(year, 1, 1)) as u32;
            return Some(Self {
                freq: Frequency::Daily,
                start,
                year,
                index: doy,
            });
        }
        let time = rest.get(5..)?.strip_prefix('T')?;
        let (clock, zone) = match time.find(['Z', '+', '-']) {
            Some(i) => (&time[..i], &time[i..]),
            None => (time, ""),
        };
        let mut parts = clock.split(':');
        let h = digits(parts.next()?).filter(|h| *h < 24)?;
        let m = digits(parts.next()?).filter(|m| *m < 60)?;
        let sec = match parts.next() {
            Some(sec) => {
                let whole = sec.split('.').next()?;
                let frac_ok = sec
                    .split_once('.')
                    .is_none_or(|(_, f)| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
                if whole.len() != 2 || !frac_ok {
                    return None;
                }
                digits(whole).filter(|s| *s < 61)?
            }
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        let offset = match zone {
            "" | "Z" => 0,
            z => {
                let sign = if z.starts_with('-') { -1 } else { 1 };
                let (zh, zm) = z.get(1..)?.split_once(':')?;
                let zh = i64::from(digits(zh).filter(|h| *h < 24)?);
                let zm = i64::from(digits(zm).filter(|m| *m < 60)?);
                sign * (zh * 3600 + zm * 60)
            }
        };
        Some(Self {
            freq: Frequency::DateTime,
            start: start + i64::from(h * 3600 + m * 60 + sec) - offset,
            year,
            index: 0,
        })
    }

    /// The frequency of the form.
    pub fn frequency(&self) -> Frequency {
        self.freq
    }

    /// The calendar year the period starts in (the ISO week-year for weeks).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// A running number for regular frequencies up to a month (`year × periods per year +
    /// index`), so that consecutive periods differ by one; `None` otherwise.
    pub fn ordinal(&self) -> Option<i64> {
        let per = self.freq.per_year()?;
        Some(i64::from(self.year) * per + i64::from(self.index))
    }

    /// Seconds since 0000-01-01, for ordering.
    pub fn start_seconds(&self) -> i64 {
        self.start
    }

    /// The period as an ISO 8601 calendar date (`YYYY-MM-DD`): its first or its last day,
    /// for the SDMX-CSV option `timeFormat=normalized`. `None` for date-times and ranges,
    /// which are already as granular as they get and are written as they are.
    ///
    /// SDMX-CSV 2.0 asks for "the most granular ISO 8601 representation taking into account
    /// the highest frequency of the data in the message and the moment in time when the
    /// lower-frequency values were collected". A streaming writer cannot know the highest
    /// frequency before the last row, so every period down to a day becomes a date — the
    /// representation of daily data — which makes all of them comparable.
    ///
    /// ```
    /// use govframe_statistics::time::{PeriodMoment, TimePeriod};
    /// let p = |s| TimePeriod::parse(s).unwrap();
    /// assert_eq!(p("2014").normalized(PeriodMoment::End).as_deref(), Some("2014-12-31"));
    /// assert_eq!(p("2014-01").normalized(PeriodMoment::Start).as_deref(), Some("2014-01-01"));
    /// assert_eq!(p("2024-Q1").normalized(PeriodMoment::End).as_deref(), Some("2024-03-31"));
    /// assert_eq!(p("2020-W53").normalized(PeriodMoment::End).as_deref(), Some("2021-01-03"));
    /// assert_eq!(p("2020-07-15T10:00:00Z").normalized(PeriodMoment::End), None);
    /// ```
    pub fn normalized(&self, moment: PeriodMoment) -> Option<String> {
        if matches!(self.freq, Frequency::DateTime | Frequency::Range) {
            return None;
        }
        let day = match moment {
            PeriodMoment::Start => self.start.div_euclid(86_400),
            PeriodMoment::End => self.next_start()?.div_euclid(86_400) - 1,
        };
        let (y, m, d) = civil_from_days(day);
        Some(format!("{y:04}-{m:02}-{d:02}"))
    }

    /// Where the next period of the same frequency starts, in seconds; `None` for
    /// date-times and ranges.
    fn next_start(&self) -> Option<i64> {
        match self.freq {
            Frequency::Weekly => Some(self.start + 7 * 86_400),
            Frequency::Daily => Some(self.start + 86_400),
            Frequency::DateTime | Frequency::Range => None,
            f => {
                let per = u32::try_from(f.per_year()?).ok()?;
                let next = self.index + 1;
                if next == per {
                    date_start(self.year + 1, 1, 1)
                } else {
                    date_start(self.year, 1 + next * (12 / per), 1)
                }
            }
        }
    }
}

/// Which day of a period stands for it when periods are written as dates
/// ([`TimePeriod::normalized`]): the moment the values were collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodMoment {
    /// The first day (`2014` → `2014-01-01`).
    #[default]
    Start,
    /// The last day (`2014` → `2014-12-31`).
    End,
}

/// The inverse of [`days_from_civil`] (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip() {
        for y in [0, 1, 1899, 1900, 1999, 2000, 2023, 2024, 2100, 9999] {
            for m in 1..=12 {
                for d in 1..=days_in_month(y, m) {
                    let z = days_from_civil(y, m, d);
                    assert_eq!(civil_from_days(z), (i64::from(y), m, d), "{y}-{m}-{d}");
                }
            }
        }
    }

    #[test]
    fn normalized_first_and_last_days() {
        let cases = [
            ("2014", "2014-01-01", "2014-12-31"),
            ("2014-A1", "2014-01-01", "2014-12-31"),
            ("2014-S2", "2014-07-01", "2014-12-31"),
            ("2014-T2", "2014-05-01", "2014-08-31"),
            ("2024-Q1", "2024-01-01", "2024-03-31"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2023-M02", "2023-02-01", "2023-02-28"),
            ("2020-W01", "2019-12-30", "2020-01-05"),
            ("2024-D060", "2024-02-29", "2024-02-29"),
            ("2024-12-31", "2024-12-31", "2024-12-31"),
        ];
        for (p, start, end) in cases {
            let t = TimePeriod::parse(p).unwrap();
            assert_eq!(
                t.normalized(PeriodMoment::Start).as_deref(),
                Some(start),
                "{p}"
            );
            assert_eq!(t.normalized(PeriodMoment::End).as_deref(), Some(end), "{p}");
        }
        let range = TimePeriod::parse("2020-01-01/P1Y").unwrap();
        assert_eq!(range.normalized(PeriodMoment::Start), None);
    }
}
