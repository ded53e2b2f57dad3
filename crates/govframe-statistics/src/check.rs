//! Checks of a data set against its structure: components, codes, mandatory values,
//! attachment levels, one observation per key, time values and frequency.
//!
//! Each issue names a rule, the JSON Pointer of the value in the `dataset` form
//! (`/observations/{row}/key/{dimension}`, `/values/{measure}`, `/attributes/{attribute}`),
//! and the line and column in the source file when the data came from one. A problem found
//! in many rows is reported once, with the first row and the number of rows.
//!
//! | rule | severity |
//! |---|---|
//! | `statistics.check.missing-dimension` — a dimension of the structure is not in the data | error |
//! | `statistics.check.unknown-dimension` — the data have a dimension the structure lacks | error |
//! | `statistics.check.wrong-role` — a component is a dimension in one, not in the other | error |
//! | `statistics.check.unknown-component` — a measure or attribute the structure lacks | warning |
//! | `statistics.check.missing-measure` / `missing-attribute` — a mandatory column is absent | error |
//! | `statistics.check.unknown-codelist` — a codelist the structure names was not given | warning |
//! | `statistics.check.unknown-code` — a value is not in its codelist | error |
//! | `statistics.check.empty-dimension` — an observation has an empty key value | error |
//! | `statistics.check.missing-value` — a mandatory measure or attribute is empty | error |
//! | `statistics.check.attribute-varies` — a data-set, series or group attribute takes several values | error |
//! | `statistics.check.duplicate-key` — two observations have the same full key | error |
//! | `statistics.check.invalid-time` — a time value is not an SDMX time period | error |
//! | `statistics.check.time-frequency` — a time value does not match the series' frequency | error |
//! | `statistics.check.non-numeric-measure` — a numeric measure holds text | error |
//! | `statistics.check.truncated` — more issues of a rule than reported | info |
//!
//! Cost: O(rows × components) plus the series index (O(n) hashing, O(n log n) at worst).

use std::collections::{HashMap, HashSet};

use govframe_core::{Issue, Level, Pointer, Severity};

use crate::data::{DataCube, MeasureColumn, MeasureValue, Row, ValueForm, split_values};
use crate::structure::{AttachmentLevel, ComponentDef, DataStructure, Usage};
use crate::time::TimePeriod;
use crate::{Action, Codelist};

/// The most issues reported per rule.
pub const MAX_PER_RULE: usize = 50;

struct Collector<'a> {
    cube: &'a DataCube,
    issues: Vec<Issue>,
    counts: HashMap<&'static str, usize>,
}

#[derive(Clone, Copy)]
enum Place {
    Dim(usize),
    Measure(usize),
    Attr(usize),
    Whole,
}

impl Collector<'_> {
    fn push(
        &mut self,
        severity: Severity,
        rule: &'static str,
        row: Option<usize>,
        place: Place,
        message: String,
    ) -> Option<&mut Issue> {
        let n = self.counts.entry(rule).or_insert(0);
        *n += 1;
        if *n > MAX_PER_RULE {
            return None;
        }
        let mut path = Pointer::root();
        let mut column = None;
        if let Some(r) = row {
            path = path.key("observations").index(r);
            let cols = self.cube.source_columns();
            match place {
                Place::Dim(d) => {
                    path = path.key("key").index(d);
                    column = cols.dimensions.get(d).copied().flatten();
                }
                Place::Measure(m) => {
                    path = path.key("values").index(m);
                    column = cols.measures.get(m).copied().flatten();
                }
                Place::Attr(a) => {
                    path = path.key("attributes").index(a);
                    column = cols.attributes.get(a).copied().flatten();
                }
                Place::Whole => {}
            }
        }
        let mut issue = Issue::new(Level::Semantics, severity, rule, path, message);
        if let Some(r) = row {
            let line = self.cube.line(r);
            issue.line = (line > 0).then_some(line);
            issue.column = column;
        }
        self.issues.push(issue);
        self.issues.last_mut()
    }

    fn error(&mut self, rule: &'static str, row: Option<usize>, place: Place, message: String) {
        let _ = self.push(Severity::Error, rule, row, place, message);
    }

    fn finish(mut self) -> Vec<Issue> {
        let mut over: Vec<(&str, usize)> = self
            .counts
            .iter()
            .filter(|(_, n)| **n > MAX_PER_RULE)
            .map(|(r, n)| (*r, *n))
            .collect();
        over.sort();
        for (rule, n) in over {
            self.issues.push(Issue::new(
                Level::Semantics,
                Severity::Info,
                "statistics.check.truncated",
                "",
                format!("{rule}: {} more issue(s) not listed", n - MAX_PER_RULE),
            ));
        }
        self.issues
    }
}

fn where_row(cube: &DataCube, row: usize) -> String {
    let line = cube.line(row);
    if line > 0 {
        format!("line {line}")
    } else {
        format!("observation {row}")
    }
}

/// For each code flagged in `bad`: (code, rows using it, first row), in first-row order.
/// One pass over the rows.
fn code_rows(
    codes: &crate::data::column::Codes,
    bad: &[bool],
    len: usize,
) -> Vec<(u32, usize, usize)> {
    if !bad.iter().any(|b| *b) {
        return Vec::new();
    }
    let mut stats: Vec<(usize, usize)> = vec![(0, usize::MAX); bad.len()];
    for row in 0..len {
        let code = codes.get(row) as usize;
        if bad.get(code).copied().unwrap_or(false)
            && let Some(s) = stats.get_mut(code)
        {
            s.0 += 1;
            s.1 = s.1.min(row);
        }
    }
    let mut out: Vec<(u32, usize, usize)> = stats
        .into_iter()
        .enumerate()
        .filter(|(_, (n, _))| *n > 0)
        .map(|(code, (n, first))| (u32::try_from(code).unwrap_or(u32::MAX), n, first))
        .collect();
    out.sort_by_key(|(_, _, first)| *first);
    out
}

/// Whether a row is an observation (not a delete, not an attribute-only partial key).
fn is_observation(cube: &DataCube, row: usize) -> bool {
    let r = cube.row(row);
    r.action() != Action::Delete
        && (cube.layout().measures.is_empty()
            || (0..cube.layout().measures.len()).any(|m| r.measure(m) != MeasureValue::Missing))
}

/// Checks `cube` against `dsd`, with the codelists the structure names (a codelist is
/// matched by its document id). Returns every issue; see the module docs for the rules.
///
/// ```
/// use govframe_core::LocalizedText;
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::sdmx_csv;
/// use govframe_statistics::*;
/// let mut dsd = DataStructure::new("dsd".parse()?, LocalizedText::en("Demo"));
/// dsd.dimensions.push(Dimension::new("REF_AREA".parse()?).coded("cl-area".parse()?));
/// dsd.measures.push(Measure::new("OBS_VALUE".parse()?));
/// let mut areas = Codelist::new("cl-area".parse()?, LocalizedText::en("Areas"));
/// areas.codes.push(Code::new("KEN".parse()?, LocalizedText::en("Kenya")));
/// let csv = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
///            dataflow,X:Y(1.0),I,KEN,2021,1\ndataflow,X:Y(1.0),I,XKX,2021,2\n\
///            dataflow,X:Y(1.0),I,KEN,2021,3\n";
/// let cube = DataCube::read(|s| sdmx_csv::read(csv.as_bytes(), "d.csv", &Default::default(), s))?;
/// let issues = check(&cube, &dsd, &[areas]);
/// let rules: Vec<&str> = issues.iter().map(|i| i.rule.as_str()).collect();
/// assert_eq!(rules, ["statistics.check.unknown-code", "statistics.check.duplicate-key"]);
/// assert_eq!((issues[0].line, issues[0].column), (Some(3), Some(4)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(cube: &DataCube, dsd: &DataStructure, codelists: &[Codelist]) -> Vec<Issue> {
    let mut c = Collector {
        cube,
        issues: Vec::new(),
        counts: HashMap::new(),
    };
    let layout = cube.layout();
    let codes: HashMap<&str, HashSet<&str>> = codelists
        .iter()
        .map(|cl| (cl.id.as_str(), cl.code_set()))
        .collect();

    // Components.
    for id in dsd.key_ids() {
        if layout.dimension(id).is_none() {
            let (rule, msg) = if layout.measure(id).is_some() || layout.attribute(id).is_some() {
                (
                    "statistics.check.wrong-role",
                    format!("{id} is a dimension of the structure but not of the data"),
                )
            } else {
                (
                    "statistics.check.missing-dimension",
                    format!("dimension {id} of the structure is not in the data"),
                )
            };
            c.error(rule, None, Place::Whole, msg);
        }
    }
    for (d, id) in layout.dimensions.iter().enumerate() {
        match dsd.component(id.as_str()) {
            Some(ComponentDef::Dimension(..) | ComponentDef::Time(_)) => {}
            Some(_) => c.error(
                "statistics.check.wrong-role",
                None,
                Place::Dim(d),
                format!("{id} is a dimension of the data but not of the structure"),
            ),
            None => c.error(
                "statistics.check.unknown-dimension",
                None,
                Place::Dim(d),
                format!("dimension {id} is not in the structure"),
            ),
        }
    }
    for id in layout
        .measures
        .iter()
        .map(|m| &m.id)
        .chain(layout.attributes.iter().map(|a| &a.id))
    {
        if dsd.component(id.as_str()).is_none() {
            let _ = c.push(
                Severity::Warning,
                "statistics.check.unknown-component",
                None,
                Place::Whole,
                format!("{id} is not a component of the structure"),
            );
        }
    }
    for m in &dsd.measures {
        if m.usage == Usage::Mandatory && layout.measure(m.id.as_str()).is_none() {
            c.error(
                "statistics.check.missing-measure",
                None,
                Place::Whole,
                format!("mandatory measure {} is not in the data", m.id),
            );
        }
    }
    for a in &dsd.attributes {
        if a.usage == Usage::Mandatory && layout.attribute(a.id.as_str()).is_none() {
            c.error(
                "statistics.check.missing-attribute",
                None,
                Place::Whole,
                format!("mandatory attribute {} is not in the data", a.id),
            );
        }
    }

    // Codes, per distinct value.
    let mut codelist_of_dim: Vec<Option<&str>> = vec![None; layout.dimensions.len()];
    for (d, id) in layout.dimensions.iter().enumerate() {
        if let Some(ComponentDef::Dimension(_, dim)) = dsd.component(id.as_str()) {
            codelist_of_dim[d] = dim.codelist.as_ref().map(|c| c.as_str());
        }
    }
    let mut warned_lists: HashSet<&str> = HashSet::new();
    for (d, list) in codelist_of_dim.iter().enumerate() {
        let Some(list) = list else { continue };
        let Some(set) = codes.get(list) else {
            if warned_lists.insert(list) {
                let _ = c.push(
                    Severity::Warning,
                    "statistics.check.unknown-codelist",
                    None,
                    Place::Whole,
                    format!("codelist {list} was not given; its codes are not checked"),
                );
            }
            continue;
        };
        let Some(col) = cube.dims.get(d) else {
            continue;
        };
        let bad: Vec<bool> = col
            .dict
            .values()
            .map(|v| !v.is_empty() && !set.contains(v))
            .collect();
        for (code, n, first) in code_rows(&col.codes, &bad, cube.len()) {
            c.error(
                "statistics.check.unknown-code",
                Some(first),
                Place::Dim(d),
                format!(
                    "{} {:?} is not in codelist {list} ({n} row(s), first at {})",
                    layout.dimensions[d],
                    col.dict.value(code),
                    where_row(cube, first)
                ),
            );
        }
    }
    for (a, spec) in layout.attributes.iter().enumerate() {
        let Some(ComponentDef::Attribute(attr)) = dsd.component(spec.id.as_str()) else {
            continue;
        };
        let Some(list) = attr.codelist.as_ref().map(|l| l.as_str()) else {
            continue;
        };
        let Some(set) = codes.get(list) else {
            if warned_lists.insert(list) {
                let _ = c.push(
                    Severity::Warning,
                    "statistics.check.unknown-codelist",
                    None,
                    Place::Whole,
                    format!("codelist {list} was not given; its codes are not checked"),
                );
            }
            continue;
        };
        let Some(col) = cube.attrs.get(a) else {
            continue;
        };
        let bad_values: Vec<Vec<String>> = col
            .dict
            .values()
            .map(|value| {
                match spec.form {
                    ValueForm::Single => vec![value.to_owned()],
                    _ => split_values(value, layout.sub_separator),
                }
                .into_iter()
                .filter(|v| !v.is_empty() && v != "-" && !set.contains(v.as_str()))
                .collect()
            })
            .collect();
        let bad: Vec<bool> = bad_values.iter().map(|b| !b.is_empty()).collect();
        for (code, n, first) in code_rows(&col.codes, &bad, cube.len()) {
            let values = bad_values
                .get(code as usize)
                .map(|b| b.join(";"))
                .unwrap_or_default();
            c.error(
                "statistics.check.unknown-code",
                Some(first),
                Place::Attr(a),
                format!(
                    "{} {values:?} is not in codelist {list} ({n} row(s), first at {})",
                    spec.id,
                    where_row(cube, first)
                ),
            );
        }
    }

    // Row-level rules: empty key values, mandatory values, attachment levels.
    let mandatory_measures: Vec<usize> = dsd
        .measures
        .iter()
        .filter(|m| m.usage == Usage::Mandatory)
        .filter_map(|m| layout.measure(m.id.as_str()))
        .collect();
    let mandatory_attrs: Vec<usize> = dsd
        .attributes
        .iter()
        .filter(|a| a.usage == Usage::Mandatory)
        .filter_map(|a| layout.attribute(a.id.as_str()))
        .collect();
    let mut empty_dim: Vec<(usize, usize)> = vec![(0, usize::MAX); layout.dimensions.len()];
    let mut missing_measure: Vec<(usize, usize)> = vec![(0, usize::MAX); layout.measures.len()];
    let mut missing_attr: Vec<(usize, usize)> = vec![(0, usize::MAX); layout.attributes.len()];
    for row in 0..cube.len() {
        if !is_observation(cube, row) {
            continue;
        }
        let r = cube.row(row);
        for (d, slot) in empty_dim.iter_mut().enumerate() {
            if r.dimension(d).is_empty() {
                slot.0 += 1;
                slot.1 = slot.1.min(row);
            }
        }
        for &m in &mandatory_measures {
            if r.measure(m) == MeasureValue::Missing
                && let Some(slot) = missing_measure.get_mut(m)
            {
                slot.0 += 1;
                slot.1 = slot.1.min(row);
            }
        }
        for &a in &mandatory_attrs {
            if r.attribute(a).is_empty()
                && let Some(slot) = missing_attr.get_mut(a)
            {
                slot.0 += 1;
                slot.1 = slot.1.min(row);
            }
        }
    }
    for (d, (n, first)) in empty_dim.into_iter().enumerate() {
        if n > 0 {
            c.error(
                "statistics.check.empty-dimension",
                Some(first),
                Place::Dim(d),
                format!(
                    "{} is empty in {n} observation(s), first at {}",
                    layout.dimensions[d],
                    where_row(cube, first)
                ),
            );
        }
    }
    for (m, (n, first)) in missing_measure.into_iter().enumerate() {
        if n > 0 {
            c.error(
                "statistics.check.missing-value",
                Some(first),
                Place::Measure(m),
                format!(
                    "mandatory measure {} is empty in {n} observation(s), first at {}",
                    layout.measures[m].id,
                    where_row(cube, first)
                ),
            );
        }
    }
    for (a, (n, first)) in missing_attr.into_iter().enumerate() {
        if n > 0 {
            c.error(
                "statistics.check.missing-value",
                Some(first),
                Place::Attr(a),
                format!(
                    "mandatory attribute {} is empty in {n} observation(s), first at {}",
                    layout.attributes[a].id,
                    where_row(cube, first)
                ),
            );
        }
    }

    // Numeric measures holding text.
    for (m, spec) in layout.measures.iter().enumerate() {
        if let Some(ComponentDef::Measure(def)) = dsd.component(spec.id.as_str())
            && def.is_numeric()
            && let Some(MeasureColumn::Text(_)) = cube.measures.get(m)
        {
            let first =
                (0..cube.len()).find(|&r| matches!(cube.measure(r, m), MeasureValue::Text(_)));
            if let Some(first) = first {
                let v = match cube.measure(first, m) {
                    MeasureValue::Text(t) => t.to_owned(),
                    _ => String::new(),
                };
                c.error(
                    "statistics.check.non-numeric-measure",
                    Some(first),
                    Place::Measure(m),
                    format!("measure {} holds the non-number {v:?}", spec.id),
                );
            }
        }
    }

    let index = cube.index();

    // Attachment levels.
    for (a, spec) in layout.attributes.iter().enumerate() {
        let Some(ComponentDef::Attribute(def)) = dsd.component(spec.id.as_str()) else {
            continue;
        };
        let group_dims: Vec<usize> = match def.attachment {
            AttachmentLevel::Observation => continue,
            AttachmentLevel::Dataset => Vec::new(),
            AttachmentLevel::Series => index.series_dimensions().to_vec(),
            AttachmentLevel::Group => def
                .related_dimensions
                .iter()
                .filter_map(|d| layout.dimension(d.as_str()))
                .collect(),
        };
        let mut seen: HashMap<Vec<u32>, (u32, usize)> = HashMap::new();
        for row in 0..cube.len() {
            let code = cube.attr_code(row, a);
            if cube.attribute(row, a).is_empty() || cube.row(row).action() == Action::Delete {
                continue;
            }
            let key: Vec<u32> = group_dims.iter().map(|&d| cube.dim_code(row, d)).collect();
            match seen.get(&key) {
                None => {
                    seen.insert(key, (code, row));
                }
                Some(&(first_code, first_row)) if first_code != code => {
                    c.error(
                        "statistics.check.attribute-varies",
                        Some(row),
                        Place::Attr(a),
                        format!(
                            "{} is attached to the {} but is {:?} here and {:?} at {}",
                            spec.id,
                            match def.attachment {
                                AttachmentLevel::Dataset => "data set",
                                AttachmentLevel::Series => "series",
                                _ => "group",
                            },
                            cube.attribute(row, a),
                            cube.attribute(first_row, a),
                            where_row(cube, first_row)
                        ),
                    );
                    // Report each group once.
                    seen.insert(key, (code, row));
                }
                Some(_) => {}
            }
        }
    }

    // One observation per full key: within a series, rows in time order; equal times are
    // neighbours.
    let time = layout.time_dimension;
    for s in index.iter() {
        let rows: Vec<usize> = s
            .rows()
            .iter()
            .map(|&r| r as usize)
            .filter(|&r| {
                cube.row(r).action() != Action::Delete
                    && !(0..layout.dimensions.len()).any(|d| cube.dimension(r, d).is_empty())
            })
            .collect();
        for w in rows.windows(2) {
            let (a, b) = (w[0], w[1]);
            let same_time = time.is_none_or(|t| cube.dim_code(a, t) == cube.dim_code(b, t));
            if same_time && cube.row(a).structure() == cube.row(b).structure() {
                let key: Vec<&str> = (0..layout.dimensions.len())
                    .map(|d| cube.dimension(b, d))
                    .collect();
                c.error(
                    "statistics.check.duplicate-key",
                    Some(b),
                    Place::Dim(time.unwrap_or(0)),
                    format!(
                        "key {} is already used at {}",
                        key.join("."),
                        where_row(cube, a)
                    ),
                );
            }
        }
    }

    // Time values and frequency.
    if let Some(t) = time
        && let Some(col) = cube.dims.get(t)
    {
        let parsed: Vec<Option<TimePeriod>> = col.dict.values().map(TimePeriod::parse).collect();
        for (code, p) in parsed.iter().enumerate() {
            if p.is_some() || col.dict.value(code as u32).is_empty() {
                continue;
            }
            let first = (0..cube.len()).find(|&r| col.codes.get(r) as usize == code);
            if let Some(first) = first {
                c.error(
                    "statistics.check.invalid-time",
                    Some(first),
                    Place::Dim(t),
                    format!(
                        "{:?} is not an SDMX time period (e.g. 2020, 2020-Q1, 2020-07, 2020-07-15)",
                        col.dict.value(code as u32)
                    ),
                );
            }
        }
        let freq = dsd.frequency_component().map(|f| f.as_str()).or_else(|| {
            layout
                .dimension("FREQ")
                .or(layout.attribute("FREQ"))
                .map(|_| "FREQ")
        });
        let freq_place = freq.and_then(|f| {
            layout
                .dimension(f)
                .map(|d| (true, d))
                .or_else(|| layout.attribute(f).map(|a| (false, a)))
        });
        if let Some((is_dim, fi)) = freq_place {
            let mut pairs: HashMap<(u32, u32), usize> = HashMap::new();
            for row in 0..cube.len() {
                let fcode = if is_dim {
                    cube.dim_code(row, fi)
                } else {
                    cube.attr_code(row, fi)
                };
                pairs.entry((fcode, col.codes.get(row))).or_insert(row);
            }
            let mut pairs: Vec<((u32, u32), usize)> = pairs.into_iter().collect();
            pairs.sort_by_key(|(_, row)| *row);
            for ((_, tcode), row) in pairs {
                let f = if is_dim {
                    cube.dimension(row, fi)
                } else {
                    cube.attribute(row, fi)
                };
                if let Some(Some(p)) = parsed.get(tcode as usize)
                    && !f.is_empty()
                    && !p.frequency().matches_code(f)
                {
                    c.error(
                        "statistics.check.time-frequency",
                        Some(row),
                        Place::Dim(t),
                        format!(
                            "time {:?} is a {} period but the frequency is {f}",
                            col.dict.value(tcode),
                            p.frequency()
                        ),
                    );
                }
            }
        }
    }
    c.finish()
}
