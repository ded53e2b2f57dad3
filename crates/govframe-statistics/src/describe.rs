//! A summary of a data set: series, dimensions, measures, areas, years and gaps.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use govframe_core::{
    DocumentMeta, Extensions, Id, Issues, LocalizedText, Pointer, SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::data::{DataCube, MeasureValue};
use crate::io::{AreaClass, AreaClassifier, AreaNote};
use crate::time::{Frequency, TimePeriod};

/// A dimension in a [`Summary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DimensionSummary {
    /// Component id.
    pub id: String,
    /// Distinct values.
    pub values: usize,
    /// Whether it is the time dimension.
    pub time: bool,
}

/// A measure in a [`Summary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasureSummary {
    /// Component id.
    pub id: String,
    /// Observations with a value.
    pub present: usize,
    /// Observations without one.
    pub missing: usize,
    /// Smallest number.
    pub min: Option<f64>,
    /// Largest number.
    pub max: Option<f64>,
    /// Whether the measure holds text.
    pub text: bool,
}

/// Areas of the reference-area dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaSummary {
    /// The dimension (`REF_AREA`).
    pub dimension: String,
    /// Distinct areas.
    pub areas: usize,
    /// Distinct countries (when a classifier was given).
    pub countries: Option<usize>,
    /// Aggregates.
    pub aggregates: Vec<AreaNote>,
    /// Unknown codes.
    pub unknown: Vec<AreaNote>,
}

/// Observations and areas in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct YearSummary {
    /// The year.
    pub year: i32,
    /// Observations with a value.
    pub observations: usize,
    /// Distinct areas with a value (countries only, when a classifier was given).
    pub areas: usize,
}

/// A series with missing periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GapExample {
    /// The series key (values joined with `.`).
    pub series: String,
    /// The first missing periods (at most 10).
    pub missing: Vec<String>,
    /// How many periods are missing.
    pub count: usize,
}

/// Gaps: periods missing between a series' first and last observation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GapSummary {
    /// Series checked (those with a regular frequency: annual to monthly).
    pub series_checked: usize,
    /// Series with at least one gap.
    pub series_with_gaps: usize,
    /// Missing periods, over all series.
    pub missing_periods: usize,
    /// The first series with gaps (at most 10).
    pub examples: Vec<GapExample>,
}

govframe_core::document_kind!(
    /// The kind tag of a dataset summary.
    DatasetSummaryKind = "datasetSummary"
);

/// A [`Summary`] as a document (`datasetSummary`): what `govframe stats describe --format
/// json` writes, so that tools can read it with a schema.
///
/// ```
/// use govframe_core::Validate;
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::describe::DatasetSummary;
/// use govframe_statistics::io::sdmx_csv;
/// let csv = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
///            dataflow,X:Y(1.0),I,KEN,2019,1\ndataflow,X:Y(1.0),I,KEN,2022,2\n";
/// let cube = DataCube::read(|s| sdmx_csv::read(csv.as_bytes(), "d.csv", &Default::default(), s))?;
/// let summary = govframe_statistics::describe(&cube, None, None);
/// let doc = DatasetSummary::new("d-summary".parse().unwrap(), "d.csv", "sdmx-csv", summary);
/// assert!(doc.validate().is_empty());
/// let json = serde_json::to_string(&doc).unwrap();
/// assert!(json.starts_with(r#"{"kind":"datasetSummary","specVersion":"1.0","id":"d-summary""#));
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "DatasetSummary")]
pub struct DatasetSummary {
    /// Always `"datasetSummary"`.
    pub kind: DatasetSummaryKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The file summarised, as it was named.
    pub input: String,
    /// Its format (`sdmx-csv`, `sdmx-json`, `itu-datahub`, `wdi-csv`, `csv`,
    /// `dataset-json`).
    pub format: String,
    /// The summary.
    pub summary: Summary,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl DatasetSummary {
    /// The summary of `input` (read as `format`), titled after the file.
    pub fn new(id: Id, input: &str, format: &str, summary: Summary) -> Self {
        Self {
            kind: DatasetSummaryKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title: LocalizedText::en(format!("Summary of {input}")),
            schema: None,
            input: input.to_owned(),
            format: format.to_owned(),
            summary,
            extensions: None,
        }
    }
}

impl DocumentMeta for DatasetSummary {
    const KIND: &'static str = DatasetSummaryKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for DatasetSummary {
    /// Rules:
    ///
    /// * `statistics.summary.counts` — the measure counts (`present + missing`) differ from
    ///   `rows`, or the yearly observations add up to more than `rows`;
    /// * `statistics.summary.range` — a measure's `min` is above its `max`.
    fn validate_into(&self, issues: &mut Issues) {
        let s = &self.summary;
        for (i, m) in s.measures.iter().enumerate() {
            let at = Pointer::root().key("summary").key("measures").index(i);
            if m.present + m.missing != s.rows {
                issues.error(
                    "statistics.summary.counts",
                    at.clone(),
                    format!(
                        "measure {}: {} present + {} missing is not the {} rows",
                        m.id, m.present, m.missing, s.rows
                    ),
                );
            }
            if let (Some(lo), Some(hi)) = (m.min, m.max)
                && lo > hi
            {
                issues.error(
                    "statistics.summary.range",
                    at,
                    format!("measure {}: min {lo} is above max {hi}", m.id),
                );
            }
        }
        let by_year: usize = s.years.iter().map(|y| y.observations).sum();
        if by_year > s.rows {
            issues.error(
                "statistics.summary.counts",
                Pointer::root().key("summary").key("years"),
                format!(
                    "the years hold {by_year} observations, more than the {} rows",
                    s.rows
                ),
            );
        }
    }
}

/// What `govframe stats describe` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Summary {
    /// Observations.
    pub rows: usize,
    /// Series (distinct keys without time).
    pub series: usize,
    /// Structures the rows name.
    pub structures: Vec<String>,
    /// Dimensions.
    pub dimensions: Vec<DimensionSummary>,
    /// Measures.
    pub measures: Vec<MeasureSummary>,
    /// Attributes and their distinct values.
    pub attributes: BTreeMap<String, usize>,
    /// Areas, when a reference-area dimension is found (`REF_AREA`, or the dimension
    /// named by the caller).
    pub areas: Option<AreaSummary>,
    /// First and last period.
    pub first_period: Option<String>,
    /// Last period.
    pub last_period: Option<String>,
    /// Per year.
    pub years: Vec<YearSummary>,
    /// Gaps.
    pub gaps: GapSummary,
}

fn period_text(freq: Frequency, ordinal: i64) -> String {
    let per = freq.per_year().unwrap_or(1);
    let (y, i) = (ordinal.div_euclid(per), ordinal.rem_euclid(per) + 1);
    match freq {
        Frequency::Annual => format!("{y}"),
        Frequency::HalfYear => format!("{y}-S{i}"),
        Frequency::Trimester => format!("{y}-T{i}"),
        Frequency::Quarterly => format!("{y}-Q{i}"),
        Frequency::Monthly => format!("{y}-{i:02}"),
        _ => format!("{y}"),
    }
}

/// Summarises a cube. Areas come from the dimension `area_dimension` (default
/// `REF_AREA`), classified with `areas` when given. O(n) plus the series index.
///
/// ```
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::sdmx_csv;
/// let csv = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
///            dataflow,X:Y(1.0),I,KEN,2019,1\ndataflow,X:Y(1.0),I,KEN,2022,2\n";
/// let cube = DataCube::read(|s| sdmx_csv::read(csv.as_bytes(), "d.csv", &Default::default(), s))?;
/// let summary = govframe_statistics::describe(&cube, None, None);
/// assert_eq!(summary.series, 1);
/// assert_eq!(summary.gaps.missing_periods, 2); // 2020 and 2021
/// assert_eq!(summary.gaps.examples[0].missing, ["2020", "2021"]);
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
pub fn describe(
    cube: &DataCube,
    area_dimension: Option<&str>,
    areas: Option<&AreaClassifier>,
) -> Summary {
    let layout = cube.layout();
    let index = cube.index();
    let time = layout.time_dimension;
    let mut structures: Vec<String> = Vec::new();
    for (k, id) in cube.structures.iter().flatten() {
        let text = format!("{}={id}", k.csv_name());
        if !structures.contains(&text) {
            structures.push(text);
        }
    }
    let dimensions = layout
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, id)| DimensionSummary {
            id: id.to_string(),
            values: cube.dims.get(i).map_or(0, |c| c.dict.len()),
            time: Some(i) == time,
        })
        .collect();
    let measures = layout
        .measures
        .iter()
        .enumerate()
        .map(|(m, spec)| {
            let mut s = MeasureSummary {
                id: spec.id.to_string(),
                present: 0,
                missing: 0,
                min: None,
                max: None,
                text: cube.is_text_measure(m),
            };
            for row in 0..cube.len() {
                match cube.measure(row, m) {
                    MeasureValue::Number(x) => {
                        s.present += 1;
                        s.min = Some(s.min.map_or(x, |v: f64| v.min(x)));
                        s.max = Some(s.max.map_or(x, |v: f64| v.max(x)));
                    }
                    MeasureValue::Text(_) => s.present += 1,
                    MeasureValue::Missing | MeasureValue::Dash => s.missing += 1,
                }
            }
            s
        })
        .collect();
    let attributes = layout
        .attributes
        .iter()
        .enumerate()
        .map(|(a, spec)| {
            let n = cube
                .attrs
                .get(a)
                .map_or(0, |c| c.dict.values().filter(|v| !v.is_empty()).count());
            (spec.id.to_string(), n)
        })
        .collect();

    // Areas.
    let area_dim = layout.dimension(area_dimension.unwrap_or("REF_AREA"));
    let has_value = |row: usize| {
        (0..layout.measures.len()).any(|m| {
            matches!(
                cube.measure(row, m),
                MeasureValue::Number(_) | MeasureValue::Text(_)
            )
        })
    };
    let area_summary = area_dim.map(|d| {
        let mut rows_per: Vec<u64> = vec![0; cube.dims.get(d).map_or(0, |c| c.dict.len())];
        for row in 0..cube.len() {
            if let Some(n) = rows_per.get_mut(cube.dim_code(row, d) as usize) {
                *n += 1;
            }
        }
        let mut summary = AreaSummary {
            dimension: layout.dimensions[d].to_string(),
            areas: rows_per.len(),
            countries: areas.map(|_| 0),
            aggregates: Vec::new(),
            unknown: Vec::new(),
        };
        if let Some(classifier) = areas {
            for (code, value) in cube.dimension_values(d).into_iter().enumerate() {
                let note = || AreaNote {
                    code: value.to_owned(),
                    name: cube.label(d, value).map(str::to_owned),
                    rows: rows_per.get(code).copied().unwrap_or(0),
                };
                match classifier.classify(value) {
                    AreaClass::Country => {
                        if let Some(c) = summary.countries.as_mut() {
                            *c += 1;
                        }
                    }
                    AreaClass::Aggregate => summary.aggregates.push(note()),
                    AreaClass::Unknown => summary.unknown.push(note()),
                }
            }
        }
        summary
    });

    // Time: first, last, per year.
    let mut first_period = None;
    let mut last_period = None;
    let mut years: Vec<YearSummary> = Vec::new();
    let mut gaps = GapSummary::default();
    if let Some(t) = time
        && let Some(col) = cube.dims.get(t)
    {
        let parsed: Vec<Option<TimePeriod>> = col.dict.values().map(TimePeriod::parse).collect();
        let mut sorted: Vec<(TimePeriod, &str)> = parsed
            .iter()
            .zip(col.dict.values())
            .filter_map(|(p, v)| p.map(|p| (p, v)))
            .collect();
        sorted.sort();
        first_period = sorted.first().map(|(_, v)| (*v).to_owned());
        last_period = sorted.last().map(|(_, v)| (*v).to_owned());
        let mut per_year: BTreeMap<i32, (usize, HashSet<u32>)> = BTreeMap::new();
        for row in 0..cube.len() {
            if !has_value(row) {
                continue;
            }
            let Some(Some(p)) = parsed.get(cube.dim_code(row, t) as usize) else {
                continue;
            };
            let entry = per_year.entry(p.year()).or_default();
            entry.0 += 1;
            if let Some(d) = area_dim {
                let code = cube.dim_code(row, d);
                let counted = match areas {
                    Some(c) => c.classify(cube.dimension(row, d)) == AreaClass::Country,
                    None => true,
                };
                if counted {
                    entry.1.insert(code);
                }
            }
        }
        years = per_year
            .into_iter()
            .map(|(year, (observations, a))| YearSummary {
                year,
                observations,
                areas: a.len(),
            })
            .collect();

        // Gaps per series, for regular frequencies.
        for s in index.iter() {
            let mut ordinals: Vec<(i64, Frequency)> = s
                .rows()
                .iter()
                .filter(|&&r| has_value(r as usize))
                .filter_map(|&r| {
                    let p = parsed
                        .get(cube.dim_code(r as usize, t) as usize)?
                        .as_ref()?;
                    Some((p.ordinal()?, p.frequency()))
                })
                .collect();
            let Some(&(_, freq)) = ordinals.first() else {
                continue;
            };
            if ordinals.iter().any(|(_, f)| *f != freq) {
                continue;
            }
            ordinals.dedup();
            gaps.series_checked += 1;
            let mut missing = Vec::new();
            let mut count = 0;
            for w in ordinals.windows(2) {
                for o in w[0].0 + 1..w[1].0 {
                    count += 1;
                    if missing.len() < 10 {
                        missing.push(period_text(freq, o));
                    }
                }
            }
            if count > 0 {
                gaps.series_with_gaps += 1;
                gaps.missing_periods += count;
                if gaps.examples.len() < 10 {
                    gaps.examples.push(GapExample {
                        series: s.key(cube).join("."),
                        missing,
                        count,
                    });
                }
            }
        }
    }
    Summary {
        rows: cube.len(),
        series: index.len(),
        structures,
        dimensions,
        measures,
        attributes,
        areas: area_summary,
        first_period,
        last_period,
        years,
        gaps,
    }
}

impl Summary {
    /// The summary as text for people.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "observations: {}", self.rows);
        let _ = writeln!(s, "series:       {}", self.series);
        if !self.structures.is_empty() {
            let _ = writeln!(s, "structures:   {}", self.structures.join(", "));
        }
        let dims: Vec<String> = self
            .dimensions
            .iter()
            .map(|d| {
                format!(
                    "{}{} ({})",
                    d.id,
                    if d.time { " [time]" } else { "" },
                    d.values
                )
            })
            .collect();
        let _ = writeln!(s, "dimensions:   {}", dims.join(", "));
        for m in &self.measures {
            let range = match (m.min, m.max) {
                (Some(a), Some(b)) => format!(", min {a}, max {b}"),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "measure:      {}: {} values, {} missing{range}{}",
                m.id,
                m.present,
                m.missing,
                if m.text { " (text)" } else { "" }
            );
        }
        if !self.attributes.is_empty() {
            let attrs: Vec<String> = self
                .attributes
                .iter()
                .map(|(id, n)| format!("{id} ({n})"))
                .collect();
            let _ = writeln!(s, "attributes:   {}", attrs.join(", "));
        }
        if let Some(a) = &self.areas {
            match a.countries {
                Some(c) => {
                    let _ = writeln!(
                        s,
                        "areas:        {} in {}: {c} countries, {} aggregates, {} unknown",
                        a.areas,
                        a.dimension,
                        a.aggregates.len(),
                        a.unknown.len()
                    );
                }
                None => {
                    let _ = writeln!(s, "areas:        {} in {}", a.areas, a.dimension);
                }
            }
            for (what, list) in [("aggregate", &a.aggregates), ("unknown", &a.unknown)] {
                for n in list {
                    let _ = writeln!(
                        s,
                        "  {what}: {} {} ({} rows)",
                        n.code,
                        n.name.as_deref().unwrap_or(""),
                        n.rows
                    );
                }
            }
        }
        if let (Some(f), Some(l)) = (&self.first_period, &self.last_period) {
            let _ = writeln!(s, "periods:      {f} to {l}, {} year(s)", self.years.len());
        }
        if !self.years.is_empty() {
            let _ = writeln!(s, "per year:     year observations areas");
            for y in &self.years {
                let _ = writeln!(
                    s,
                    "              {} {:>12} {:>5}",
                    y.year, y.observations, y.areas
                );
            }
        }
        let _ = writeln!(
            s,
            "gaps:         {} of {} series have gaps, {} missing period(s)",
            self.gaps.series_with_gaps, self.gaps.series_checked, self.gaps.missing_periods
        );
        for g in &self.gaps.examples {
            let more = if g.count > g.missing.len() {
                ", …"
            } else {
                ""
            };
            let _ = writeln!(s, "  {}: {}{more}", g.series, g.missing.join(", "));
        }
        s
    }
}
