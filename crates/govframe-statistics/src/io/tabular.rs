//! Country × year tables: ITU DataHub exports, World Bank WDI files, and any CSV with a
//! column [`Mapping`]. All stream with memory bounded by the longest record plus what is
//! tracked per distinct area and series.
//!
//! * ITU DataHub (`seriesID,seriesCode,seriesName,seriesParent,seriesUnits,entityID,
//!   entityIso,entityName,dataValue,dataYear,dataNote,dataSource,seriesDescription`):
//!   `INDICATOR` = `seriesCode`, `REF_AREA` = `entityIso`, `TIME_PERIOD` = `dataYear`,
//!   `OBS_VALUE` = `dataValue` (C-style exponents such as `1.91018e+006` accepted);
//!   attributes `UNIT_LABEL` (`seriesUnits`, the source's label, kept as written),
//!   `COMMENT_OBS` (`dataNote`), `SOURCE_DETAIL` (`dataSource`); names of series and areas
//!   become labels. Series are told apart by their code, never by their unit label: labels
//!   shared by several series, and labels that contradict the values ("per 100" with values
//!   in the millions, "count" with small fractional values), are reported.
//! * WDI (`Country Name,Country Code,Year,Value`): `INDICATOR` from the options or the file
//!   name (`wdi-it.net.bbnd.p2.csv` → `IT.NET.BBND.P2`), `REF_AREA`, `TIME_PERIOD`,
//!   `OBS_VALUE`.
//! * Mapped CSV: any separator (sniffed from the header), each component from a column or
//!   a constant.
//!
//! Areas are counted and, when an [`AreaClassifier`](super::AreaClassifier) is given,
//! classified into countries, aggregates and unknown codes (reported as notes).

use std::collections::BTreeMap;
use std::io::Read;
use std::str::FromStr;

use govframe_core::{Id, Severity};

use super::areas::AreaTracker;
use super::records::{RecordSource, with_records};
use super::tokenizer::{Record, Tokenizer, sniff_separator};
use super::{Num, ReadOptions, ReadReport, parse_number};
use crate::data::{
    AttributeSpec, Layout, MeasureKind, MeasureSpec, MeasureValue, Row, Sink, SourceColumns,
};
use crate::error::{Location, Problem};
use crate::structure::known_id;
use crate::{Action, ArtefactRef, Error, Result, StructureKind};

/// Where a component's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A column, by header name.
    Column(String),
    /// The same value in every row.
    Const(String),
}

/// How the columns of a CSV file map to components.
///
/// ```
/// use govframe_statistics::io::tabular::Mapping;
/// let m: Mapping = "REF_AREA=Code, TIME_PERIOD=Year, OBS_VALUE=Value, INDICATOR:=POP"
///     .parse()?;
/// assert_eq!(m.dimensions.len(), 3);
/// assert_eq!(m.time, Some(1));
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Dimensions, in key order.
    pub dimensions: Vec<(Id, Source)>,
    /// Which dimension is time.
    pub time: Option<usize>,
    /// Measures, each from a column.
    pub measures: Vec<(Id, String)>,
    /// Attributes.
    pub attributes: Vec<(Id, Source)>,
    /// Label columns for dimension values (dimension id, column).
    pub labels: Vec<(Id, String)>,
    /// The dimension that holds reference areas (default `REF_AREA`).
    pub area_dimension: Option<Id>,
    /// The structure written for the rows (default `GOVFRAME:CSV(1.0)`).
    pub structure: Option<ArtefactRef>,
}

impl Mapping {
    /// Adds a dimension from a column.
    pub fn dimension(mut self, id: &str, column: &str) -> Result<Self> {
        self.dimensions
            .push((Id::new(id)?, Source::Column(column.to_owned())));
        Ok(self)
    }

    /// Adds the time dimension from a column (kept last when the key is built).
    pub fn time(mut self, id: &str, column: &str) -> Result<Self> {
        self.dimensions
            .push((Id::new(id)?, Source::Column(column.to_owned())));
        self.time = Some(self.dimensions.len() - 1);
        Ok(self)
    }

    /// Adds a dimension with the same value in every row.
    pub fn constant(mut self, id: &str, value: &str) -> Result<Self> {
        self.dimensions
            .push((Id::new(id)?, Source::Const(value.to_owned())));
        Ok(self)
    }

    /// Adds a measure from a column.
    pub fn measure(mut self, id: &str, column: &str) -> Result<Self> {
        self.measures.push((Id::new(id)?, column.to_owned()));
        Ok(self)
    }

    /// Adds an attribute from a column.
    pub fn attribute(mut self, id: &str, column: &str) -> Result<Self> {
        self.attributes
            .push((Id::new(id)?, Source::Column(column.to_owned())));
        Ok(self)
    }

    /// Names the values of a dimension from a column.
    pub fn label(mut self, dimension: &str, column: &str) -> Result<Self> {
        self.labels.push((Id::new(dimension)?, column.to_owned()));
        Ok(self)
    }
}

impl FromStr for Mapping {
    type Err = Error;

    /// Parses `ID=Column` items separated by commas: `TIME_PERIOD` (or `TIME`) is the time
    /// dimension, `OBS_VALUE…`/`MEAS…` are measures, `ATTR…` and known attribute concepts
    /// attributes, everything else a dimension; `ID:=value` is a constant dimension, and
    /// `ID~=Column` a label column for dimension `ID`.
    fn from_str(s: &str) -> Result<Self> {
        let mut m = Mapping::default();
        let mut seen_measure = false;
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            if let Some((id, value)) = item.split_once(":=") {
                m = m.constant(id.trim(), value.trim())?;
                continue;
            }
            if let Some((id, column)) = item.split_once("~=") {
                m = m.label(id.trim(), column.trim())?;
                continue;
            }
            let Some((id, column)) = item.split_once('=') else {
                return Err(Error::Usage(format!(
                    "mapping item {item:?} is not ID=Column, ID:=value or ID~=Column"
                )));
            };
            let (id, column) = (id.trim(), column.trim());
            match crate::data::guess_role(id, false, seen_measure) {
                crate::data::Role::Time => m = m.time(id, column)?,
                crate::data::Role::Measure => {
                    seen_measure = true;
                    m = m.measure(id, column)?;
                }
                crate::data::Role::Attribute => m = m.attribute(id, column)?,
                crate::data::Role::Dimension => m = m.dimension(id, column)?,
            }
        }
        if m.measures.is_empty() {
            return Err(Error::Usage(
                "the mapping names no measure (e.g. OBS_VALUE=Value)".into(),
            ));
        }
        Ok(m)
    }
}

/// A component's value in a record: a column or a constant.
#[derive(Debug, Clone)]
enum Src {
    Field(usize),
    Const(String),
}

/// A compiled mapping: column indices.
struct Plan {
    layout: Layout,
    dims: Vec<Src>,
    labels: Vec<Option<usize>>,
    measures: Vec<usize>,
    attrs: Vec<Src>,
    area_dim: Option<usize>,
    structure: String,
}

struct TabRow<'a> {
    rec: &'a Record<'a>,
    plan: &'a Plan,
    meas: &'a [Option<f64>],
}

impl TabRow<'_> {
    fn value<'s>(&'s self, src: Option<&'s Src>) -> &'s str {
        match src {
            Some(Src::Field(i)) => self.rec.field(*i).trim(),
            Some(Src::Const(c)) => c,
            None => "",
        }
    }
}

impl Row for TabRow<'_> {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        Some((StructureKind::Dataflow, &self.plan.structure))
    }
    fn action(&self) -> Action {
        Action::Information
    }
    fn dimension(&self, i: usize) -> &str {
        self.value(self.plan.dims.get(i))
    }
    fn label(&self, i: usize) -> Option<&str> {
        let col = self.plan.labels.get(i).copied().flatten()?;
        let l = self.rec.field(col).trim();
        (!l.is_empty()).then_some(l)
    }
    fn measure(&self, i: usize) -> MeasureValue<'_> {
        match self.meas.get(i) {
            Some(Some(x)) => MeasureValue::Number(*x),
            _ => MeasureValue::Missing,
        }
    }
    fn attribute(&self, i: usize) -> &str {
        self.value(self.plan.attrs.get(i))
    }
    fn line(&self) -> u64 {
        self.rec.line
    }
}

fn header_location(file: &str, line: u64) -> Location {
    Location {
        file: file.to_owned(),
        line: Some(line),
        column: None,
        record: Some(1),
        field: None,
    }
}

fn compile(mapping: &Mapping, header: &[String], file: &str, line: u64) -> Result<Plan> {
    let find = |name: &str| -> Result<usize> {
        header
            .iter()
            .position(|h| h == name)
            .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
            .ok_or_else(|| {
                Error::input(
                    header_location(file, line),
                    Problem::MissingColumn(name.to_owned()),
                )
            })
    };
    let src = |s: &Source| -> Result<Src> {
        Ok(match s {
            Source::Column(c) => Src::Field(find(c)?),
            Source::Const(v) => Src::Const(v.clone()),
        })
    };
    // Time last in the key.
    let mut order: Vec<usize> = (0..mapping.dimensions.len()).collect();
    if let Some(t) = mapping.time {
        order.retain(|&i| i != t);
        order.push(t);
    }
    let mut dims = Vec::new();
    let mut dim_ids = Vec::new();
    for &i in &order {
        if let Some((id, s)) = mapping.dimensions.get(i) {
            dims.push(src(s)?);
            dim_ids.push(id.clone());
        }
    }
    let time_dimension = mapping.time.map(|_| dim_ids.len() - 1);
    let mut labels = vec![None; dim_ids.len()];
    for (dim, col) in &mapping.labels {
        if let Some(i) = dim_ids.iter().position(|d| d == dim) {
            labels[i] = Some(find(col)?);
        }
    }
    let measures = mapping
        .measures
        .iter()
        .map(|(_, c)| find(c))
        .collect::<Result<Vec<_>>>()?;
    let attrs = mapping
        .attributes
        .iter()
        .map(|(_, s)| src(s))
        .collect::<Result<Vec<_>>>()?;
    let area_id = mapping
        .area_dimension
        .clone()
        .unwrap_or_else(|| known_id("REF_AREA"));
    let area_dim = dim_ids.iter().position(|d| *d == area_id);
    let layout = Layout {
        dimensions: dim_ids,
        time_dimension,
        measures: mapping
            .measures
            .iter()
            .map(|(id, _)| MeasureSpec {
                id: id.clone(),
                kind: MeasureKind::Numeric,
            })
            .collect(),
        attributes: mapping
            .attributes
            .iter()
            .map(|(id, _)| AttributeSpec {
                id: id.clone(),
                form: crate::data::ValueForm::Single,
            })
            .collect(),
        sub_separator: ';',
    };
    Ok(Plan {
        layout,
        dims,
        labels,
        measures,
        attrs,
        area_dim,
        structure: mapping
            .structure
            .as_ref()
            .map_or_else(|| "GOVFRAME:CSV(1.0)".to_owned(), ToString::to_string),
    })
}

/// What to watch per series while reading (ITU unit labels).
#[derive(Debug, Default)]
struct SeriesWatch {
    units: BTreeMap<String, String>,
    max_abs: BTreeMap<String, f64>,
    fractional: BTreeMap<String, (u64, u64)>,
}

/// The engine shared by every tabular reader.
fn run<R: Read + Send, S: Sink>(
    tok: Tokenizer<R>,
    plan: Plan,
    header: &[String],
    options: &ReadOptions,
    sink: &mut S,
    mut watch: Option<(&mut SeriesWatch, usize, Option<usize>)>,
) -> Result<ReadReport> {
    let file = tok.file().to_owned();
    let mut report = ReadReport::default();
    let mut areas = AreaTracker::default();
    let n_cols = header.len();
    sink.start(&plan.layout)?;
    let col_of = |s: &Src| match s {
        Src::Field(i) => Some(*i as u64 + 1),
        _ => None,
    };
    sink.source_columns(&SourceColumns {
        dimensions: plan.dims.iter().map(col_of).collect(),
        measures: plan.measures.iter().map(|&i| Some(i as u64 + 1)).collect(),
        attributes: plan.attrs.iter().map(col_of).collect(),
    });
    let consume = |source: &mut dyn RecordSource| -> Result<()> {
        let mut meas: Vec<Option<f64>> = vec![None; plan.measures.len()];
        while let Some(rec) = source.next_record()? {
            let n = rec.len();
            let bad_count = if n > n_cols {
                (n_cols..n)
                    .find(|&i| !rec.field(i).trim().is_empty())
                    .map(|i| {
                        (
                            i,
                            Problem::TooManyFields {
                                expected: n_cols,
                                found: n,
                            },
                        )
                    })
            } else if n < n_cols {
                Some((
                    n,
                    Problem::TooFewFields {
                        expected: n_cols,
                        found: n,
                    },
                ))
            } else {
                None
            };
            if let Some((col, problem)) = bad_count {
                return Err(Error::input(
                    Location {
                        file: file.clone(),
                        line: Some(rec.line),
                        column: Some(col as u64 + 1),
                        record: Some(rec.number),
                        field: header.get(col).cloned(),
                    },
                    problem,
                ));
            }
            for (k, (slot, &col)) in meas.iter_mut().zip(&plan.measures).enumerate() {
                let v = rec.field(col);
                let num = match rec.nums.get(k) {
                    Some(n) => *n,
                    None => parse_number(v, false),
                };
                *slot = match num {
                    Num::Value(x) => Some(x),
                    Num::Missing => None,
                    Num::NotFinite => {
                        return Err(Error::input(
                            Location {
                                file: file.clone(),
                                line: Some(rec.line),
                                column: Some(col as u64 + 1),
                                record: Some(rec.number),
                                field: header.get(col).cloned(),
                            },
                            Problem::NonFiniteMeasure(v.to_owned()),
                        ));
                    }
                    Num::Dash | Num::NotNumber => {
                        return Err(Error::input(
                            Location {
                                file: file.clone(),
                                line: Some(rec.line),
                                column: Some(col as u64 + 1),
                                record: Some(rec.number),
                                field: header.get(col).cloned(),
                            },
                            Problem::NonNumericMeasure(v.to_owned()),
                        ));
                    }
                };
            }
            let row = TabRow {
                rec: &rec,
                plan: &plan,
                meas: &meas,
            };
            if let Some(a) = plan.area_dim {
                areas.add(row.dimension(a), row.label(a));
            }
            if let Some((w, series_dim, unit_col)) = watch.as_mut() {
                let code = row.dimension(*series_dim).to_owned();
                if let Some(uc) = unit_col {
                    w.units
                        .entry(code.clone())
                        .or_insert_with(|| rec.field(*uc).trim().to_owned());
                }
                if let Some(Some(x)) = meas.first() {
                    let m = w.max_abs.entry(code.clone()).or_insert(0.0);
                    *m = m.max(x.abs());
                    let f = w.fractional.entry(code).or_insert((0, 0));
                    f.1 += 1;
                    if x.fract() != 0.0 {
                        f.0 += 1;
                    }
                }
            }
            sink.row(&row)?;
            report.rows += 1;
        }
        Ok(())
    };
    with_records(tok, plan.measures.clone(), false, consume)?;
    sink.finish()?;
    let area_report = areas.report(options.areas.as_ref());
    for a in &area_report.aggregates {
        report.note(
            Severity::Info,
            "statistics.read.aggregate-area",
            None,
            format!(
                "{} ({}) is an aggregate, not a country: {} row(s)",
                a.code,
                a.name.as_deref().unwrap_or("?"),
                a.rows
            ),
        );
    }
    for a in &area_report.unknown {
        report.note(
            Severity::Warning,
            "statistics.read.unknown-area",
            None,
            format!(
                "{} ({}) is neither an ISO 3166-1 alpha-3 country nor a known aggregate: {} row(s)",
                a.code,
                a.name.as_deref().unwrap_or("?"),
                a.rows
            ),
        );
    }
    report.areas = Some(area_report);
    Ok(report)
}

fn read_header<R: Read>(tok: &mut Tokenizer<R>) -> Result<(Vec<String>, u64)> {
    let file = tok.file().to_owned();
    let Some(rec) = tok.next_record()? else {
        return Err(Error::input(Location::file(&file), Problem::NoHeader));
    };
    Ok((
        (0..rec.len())
            .map(|i| rec.field(i).trim().to_owned())
            .collect(),
        rec.line,
    ))
}

/// Reads a CSV file with a column mapping. See the module docs.
pub fn read_mapped<R: Read + Send, S: Sink>(
    src: R,
    file: &str,
    mapping: &Mapping,
    options: &ReadOptions,
    sink: &mut S,
) -> Result<ReadReport> {
    let mut tok = Tokenizer::new(src, file, b',');
    let sep = match options.separator {
        Some(s) => s,
        None => sniff_separator(tok.peek(4096)?),
    };
    tok.set_separator(sep);
    let (header, line) = read_header(&mut tok)?;
    let plan = compile(mapping, &header, file, line)?;
    run(tok, plan, &header, options, sink, None)
}

/// Reads an ITU DataHub CSV export. See the module docs.
///
/// ```
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::tabular;
/// let csv = "seriesID,seriesCode,seriesName,seriesParent,seriesUnits,entityID,entityIso,entityName,dataValue,dataYear,dataNote,dataSource,seriesDescription\n\
///            1,\"i271mw\",\"Active mobile-broadband subscriptions\",,\"count\",4,\"ABW\",\"Aruba\",\"1.91018e+006\",2012,\"\",\"ITU\",\"\"\n";
/// let cube = DataCube::read(|s| tabular::read_itu_datahub(csv.as_bytes(), "itu.csv", &Default::default(), s))?;
/// assert_eq!(cube.measure(0, 0), govframe_statistics::data::MeasureValue::Number(1_910_180.0));
/// assert_eq!(cube.label(1, "ABW"), Some("Aruba"));
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
pub fn read_itu_datahub<R: Read + Send, S: Sink>(
    src: R,
    file: &str,
    options: &ReadOptions,
    sink: &mut S,
) -> Result<ReadReport> {
    let mut tok = Tokenizer::new(src, file, options.separator.unwrap_or(b','));
    let (header, line) = read_header(&mut tok)?;
    let has = |c: &str| header.iter().any(|h| h == c);
    let mut mapping = Mapping::default()
        .dimension("INDICATOR", "seriesCode")?
        .dimension("REF_AREA", "entityIso")?
        .time("TIME_PERIOD", "dataYear")?
        .measure("OBS_VALUE", "dataValue")?;
    for (id, col) in [
        ("UNIT_LABEL", "seriesUnits"),
        ("COMMENT_OBS", "dataNote"),
        ("SOURCE_DETAIL", "dataSource"),
    ] {
        if has(col) {
            mapping = mapping.attribute(id, col)?;
        }
    }
    if has("seriesName") {
        mapping = mapping.label("INDICATOR", "seriesName")?;
    }
    if has("entityName") {
        mapping = mapping.label("REF_AREA", "entityName")?;
    }
    mapping.structure = Some("GOVFRAME:ITU_DATAHUB(1.0)".parse()?);
    let plan = compile(&mapping, &header, file, line)?;
    let unit_col = header.iter().position(|h| h == "seriesUnits");
    let mut watch = SeriesWatch::default();
    let mut report = run(
        tok,
        plan,
        &header,
        options,
        sink,
        Some((&mut watch, 0, unit_col)),
    )?;
    unit_notes(&watch, &mut report);
    Ok(report)
}

/// Reports unit labels shared by several series, and labels the values contradict.
fn unit_notes(watch: &SeriesWatch, report: &mut ReadReport) {
    let mut by_label: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (code, label) in &watch.units {
        by_label
            .entry(label.as_str())
            .or_default()
            .push(code.as_str());
    }
    for (label, codes) in by_label {
        if codes.len() > 1 && !label.is_empty() {
            report.note(
                Severity::Warning,
                "statistics.read.unit-label-shared",
                None,
                format!(
                    "series {} all give the unit label {label:?}; series are told apart by code (INDICATOR), not by unit label",
                    codes.join(", ")
                ),
            );
        }
    }
    for (code, label) in &watch.units {
        let lower = label.to_ascii_lowercase();
        let max = watch.max_abs.get(code).copied().unwrap_or(0.0);
        let (frac, n) = watch.fractional.get(code).copied().unwrap_or((0, 0));
        let rate_label =
            lower.contains("per 100") || lower.contains('%') || lower.contains("percent");
        let count_label = lower == "count" || lower.contains("number");
        let suspect = if rate_label && max > 1000.0 {
            Some(format!("its values reach {max}, far above a rate"))
        } else if count_label && n > 0 && frac * 2 > n && max <= 1000.0 {
            Some(format!(
                "{frac} of its {n} values are fractional and none exceeds {max}: it looks like a rate"
            ))
        } else {
            None
        };
        if let Some(why) = suspect {
            report.note(
                Severity::Warning,
                "statistics.read.unit-label-suspect",
                None,
                format!("series {code} gives the unit label {label:?} but {why}; the label is kept as written in UNIT_LABEL"),
            );
        }
    }
}

/// The WDI indicator code from a file name: `wdi-it.net.bbnd.p2.csv` → `IT.NET.BBND.P2`.
pub fn wdi_indicator_from_file(file: &str) -> String {
    let name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".csv")
        .or_else(|| name.strip_suffix(".CSV"))
        .unwrap_or(&name);
    let stem = stem.strip_prefix("wdi-").unwrap_or(stem);
    stem.to_ascii_uppercase()
}

/// Reads a World Bank WDI CSV (`Country Name,Country Code,Year,Value`). See the module
/// docs.
pub fn read_wdi<R: Read + Send, S: Sink>(
    src: R,
    file: &str,
    options: &ReadOptions,
    sink: &mut S,
) -> Result<ReadReport> {
    let mut tok = Tokenizer::new(src, file, options.separator.unwrap_or(b','));
    let (header, line) = read_header(&mut tok)?;
    let indicator = options
        .indicator
        .clone()
        .unwrap_or_else(|| wdi_indicator_from_file(file));
    if indicator.is_empty() {
        return Err(Error::Usage(
            "the WDI indicator code is not in the file name; give it".into(),
        ));
    }
    let mut mapping = Mapping::default()
        .constant("INDICATOR", &indicator)?
        .dimension("REF_AREA", "Country Code")?
        .time("TIME_PERIOD", "Year")?
        .measure("OBS_VALUE", "Value")?
        .label("REF_AREA", "Country Name")?;
    mapping.structure = Some("GOVFRAME:WDI(1.0)".parse()?);
    let plan = compile(&mapping, &header, file, line)?;
    run(tok, plan, &header, options, sink, None)
}
