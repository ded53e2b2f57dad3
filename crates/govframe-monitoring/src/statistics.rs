//! Reading data through govframe-statistics: any format its readers know (SDMX-CSV,
//! SDMX-JSON, ITU DataHub, WDI CSV, `dataset` JSON) into [`Observations`].
//!
//! The series code is the `INDICATOR` dimension (or `SERIES`; for WDI files the indicator of
//! the file name), the area `REF_AREA`, the year the time dimension when it is a plain year
//! (`2015`; other periods are skipped and counted), the value the `OBS_VALUE` measure (or the
//! first measure). Rows with delete actions or without a numeric value are skipped.

use std::path::Path;

use govframe_statistics::Action;
use govframe_statistics::data::{Layout, MeasureValue, Row, Sink};
use govframe_statistics::io::{Format, ReadOptions, ReadReport, read_format};

use crate::{Error, Observations, Result};

/// A [`Sink`] that stores rows as observations.
#[derive(Debug)]
pub struct ObservationSink<'a> {
    obs: &'a mut Observations,
    series: Option<usize>,
    area: usize,
    time: usize,
    measure: usize,
    constant: Option<String>,
    /// Rows skipped (no value, not a year, deletions, invalid codes).
    pub skipped: u64,
}

impl<'a> ObservationSink<'a> {
    /// A sink into `obs`; `series` names the series when the data have no `INDICATOR`
    /// dimension.
    pub fn new(obs: &'a mut Observations, series: Option<String>) -> Self {
        Self {
            obs,
            series: None,
            area: 0,
            time: 0,
            measure: 0,
            constant: series,
            skipped: 0,
        }
    }
}

fn usage(msg: String) -> govframe_statistics::Error {
    govframe_statistics::Error::Usage(msg)
}

impl Sink for ObservationSink<'_> {
    fn start(&mut self, layout: &Layout) -> govframe_statistics::Result<()> {
        self.series = layout
            .dimension("INDICATOR")
            .or_else(|| layout.dimension("SERIES"));
        if self.series.is_none() && self.constant.is_none() {
            return Err(usage(
                "the data have no INDICATOR or SERIES dimension; name the series".into(),
            ));
        }
        self.area = layout
            .dimension("REF_AREA")
            .ok_or_else(|| usage("the data have no REF_AREA dimension".into()))?;
        self.time = layout
            .time_dimension
            .ok_or_else(|| usage("the data have no time dimension".into()))?;
        self.measure = layout
            .measure("OBS_VALUE")
            .or_else(|| (!layout.measures.is_empty()).then_some(0))
            .ok_or_else(|| usage("the data have no measure".into()))?;
        Ok(())
    }

    fn row<R: Row + ?Sized>(&mut self, row: &R) -> govframe_statistics::Result<()> {
        if row.action() == Action::Delete {
            self.skipped += 1;
            return Ok(());
        }
        let time = row.dimension(self.time).trim();
        let year = (time.len() == 4)
            .then(|| time.parse::<i32>().ok())
            .flatten();
        let value = match row.measure(self.measure) {
            MeasureValue::Number(v) => Some(v),
            _ => None,
        };
        let series = match (self.series, &self.constant) {
            (Some(i), _) => row.dimension(i),
            (None, Some(c)) => c.as_str(),
            (None, None) => "",
        };
        match (year, value) {
            (Some(y), Some(v)) => {
                if self
                    .obs
                    .push(series, row.dimension(self.area).trim(), y, v)
                    .is_err()
                {
                    self.skipped += 1;
                }
            }
            _ => self.skipped += 1,
        }
        Ok(())
    }

    fn finish(&mut self) -> govframe_statistics::Result<()> {
        Ok(())
    }
}

/// Reads a data file in any format govframe-statistics knows (detected from its first bytes)
/// into `obs`; WDI files take their series code from the file name. Returns the read report
/// and the rows skipped. O(file size).
pub fn read_file(path: &Path, obs: &mut Observations) -> Result<(ReadReport, u64)> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Input {
        file: name.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    read_bytes(&bytes, &name, obs)
}

/// Like [`read_file`], from bytes; `name` names the input (and gives WDI files their series
/// code).
pub fn read_bytes(bytes: &[u8], name: &str, obs: &mut Observations) -> Result<(ReadReport, u64)> {
    let format = Format::detect(bytes.get(..4096.min(bytes.len())).unwrap_or(bytes));
    let constant = match format {
        Format::WdiCsv => Some(govframe_statistics::io::tabular::wdi_indicator_from_file(
            name,
        )),
        _ => None,
    };
    let mut sink = ObservationSink::new(obs, constant);
    let report =
        read_format(format, bytes, name, &ReadOptions::default(), &mut sink).map_err(|e| {
            Error::Input {
                file: name.to_owned(),
                line: 0,
                message: e.to_string(),
            }
        })?;
    let skipped = sink.skipped;
    obs.finish();
    Ok((report, skipped))
}
