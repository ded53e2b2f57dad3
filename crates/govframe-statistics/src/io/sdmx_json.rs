//! SDMX-JSON data messages, read: versions 1.0 (`data.structure`), 2.0 and 2.1
//! (`data.structures[]`, each data set naming its structure).
//!
//! * Series layout (`series` → `observations`) and flat layout (`observations`, keyed by
//!   the series-level then the observation-level dimension indices).
//! * Dimensions at data-set level (one value), series level and observation level, put in
//!   key order by `keyPosition`.
//! * Attributes at data-set, dimension-group (`dimensionGroupAttributes`: one slot per
//!   dimension in level order — data set, series, observation — empty slots are wildcards), series and observation level; values by index into the
//!   component's `values` (coded: `id`; uncoded: `value`, `values` or `name`) or given as
//!   they are when the component lists no values; `null` or a missing trailing index takes
//!   the attribute's `default`.
//! * Observation arrays: measure values first, then observation-level attributes, then
//!   annotation indices (ignored). Data sets whose observations carry no measure value
//!   (`detail=nodata`: every first element is a non-numeric string) are read with the
//!   measures missing.
//! * Several data sets become one stream of rows, each with the data set's action and the
//!   structure its links name.
//!
//! The pre-1.0 draft layout (top-level `header`, `structure`, `dataSets`) is refused with
//! an "unsupported layout" error, as is a message without `data`.
//!
//! The whole message is held in memory while it is decoded (SDMX-JSON messages are
//! answers to queries; use SDMX-CSV for bulk data).

use std::collections::BTreeSet;
use std::io::Read;

use govframe_core::{Id, Severity};
use serde_json::Value;

use super::ReadReport;
use crate::data::{
    AttributeSpec, Layout, MeasureKind, MeasureSpec, MeasureValue, Row, Sink, ValueForm,
    join_values,
};
use crate::error::{Location, Problem};
use crate::{Action, Error, Result, StructureKind};

/// A decoded component of a message structure.
#[derive(Debug, Clone)]
struct Component {
    id: String,
    key_position: Option<u64>,
    values: Option<Vec<Value>>,
    default: Option<Value>,
    is_time: bool,
}

/// The components of one structure, by level.
#[derive(Debug, Clone, Default)]
struct Structure {
    dataset_dims: Vec<Component>,
    series_dims: Vec<Component>,
    obs_dims: Vec<Component>,
    measures: Vec<Component>,
    dataset_attrs: Vec<Component>,
    group_attrs: Vec<Component>,
    series_attrs: Vec<Component>,
    obs_attrs: Vec<Component>,
    link: Option<(StructureKind, String)>,
}

fn unsupported(file: &str, message: &str) -> Error {
    Error::input(
        Location::file(file),
        Problem::UnsupportedLayout(message.to_owned()),
    )
}

fn bad(file: &str, path: &str, message: impl Into<String>) -> Error {
    Error::input(
        Location {
            file: file.to_owned(),
            field: Some(path.to_owned()),
            ..Location::default()
        },
        Problem::BadValue(message.into()),
    )
}

fn level<'a>(obj: &'a Value, names: &[&str]) -> &'a [Value] {
    names
        .iter()
        .find_map(|n| obj.get(n).and_then(Value::as_array))
        .map_or(&[], Vec::as_slice)
}

fn components(list: &[Value], file: &str, path: &str) -> Result<Vec<Component>> {
    list.iter()
        .enumerate()
        .map(|(i, c)| {
            let id = c
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(file, &format!("{path}/{i}"), "a component has no id"))?;
            let roles: Vec<&str> = match (c.get("role"), c.get("roles")) {
                (Some(Value::String(r)), _) => vec![r.as_str()],
                (_, Some(Value::Array(rs))) => rs.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            Ok(Component {
                id: id.to_owned(),
                key_position: c.get("keyPosition").and_then(Value::as_u64),
                values: c.get("values").and_then(Value::as_array).cloned(),
                default: c.get("default").cloned(),
                is_time: id == "TIME_PERIOD" || roles.contains(&"TIME_PERIOD"),
            })
        })
        .collect()
}

fn link_of(links: Option<&Value>) -> Option<(StructureKind, String)> {
    let links = links?.as_array()?;
    let order = [
        ("dataflow", StructureKind::Dataflow),
        ("datastructure", StructureKind::DataStructure),
        ("provisionagreement", StructureKind::DataProvision),
    ];
    for (rel, kind) in order {
        for l in links {
            if l.get("rel").and_then(Value::as_str) == Some(rel)
                && let Some(urn) = l.get("urn").and_then(Value::as_str)
                && let Some((_, id)) = urn.split_once('=')
                && id.parse::<crate::ArtefactRef>().is_ok()
            {
                return Some((kind, id.to_owned()));
            }
        }
    }
    None
}

fn structure(v: &Value, file: &str, path: &str) -> Result<Structure> {
    let dims = v.get("dimensions").unwrap_or(&Value::Null);
    let attrs = v.get("attributes").unwrap_or(&Value::Null);
    let measures = v.get("measures").unwrap_or(&Value::Null);
    let mut s = Structure {
        dataset_dims: components(
            level(dims, &["dataSet", "dataset"]),
            file,
            &format!("{path}/dimensions/dataSet"),
        )?,
        series_dims: components(
            level(dims, &["series"]),
            file,
            &format!("{path}/dimensions/series"),
        )?,
        obs_dims: components(
            level(dims, &["observation"]),
            file,
            &format!("{path}/dimensions/observation"),
        )?,
        measures: components(
            level(measures, &["observation"]),
            file,
            &format!("{path}/measures/observation"),
        )?,
        dataset_attrs: components(
            level(attrs, &["dataSet", "dataset"]),
            file,
            &format!("{path}/attributes/dataSet"),
        )?,
        group_attrs: components(
            level(attrs, &["dimensionGroup"]),
            file,
            &format!("{path}/attributes/dimensionGroup"),
        )?,
        series_attrs: components(
            level(attrs, &["series"]),
            file,
            &format!("{path}/attributes/series"),
        )?,
        obs_attrs: components(
            level(attrs, &["observation"]),
            file,
            &format!("{path}/attributes/observation"),
        )?,
        link: link_of(v.get("links")),
    };
    if s.measures.is_empty() {
        s.measures.push(Component {
            id: "OBS_VALUE".into(),
            key_position: None,
            values: None,
            default: None,
            is_time: false,
        });
    }
    Ok(s)
}

/// The text of a literal JSON value; arrays join with `;`, objects become `lang:text`.
fn literal_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(literal_text).collect();
            Some(join_values(&parts, ';'))
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|t| format!("{k}:{t}")))
                .collect();
            Some(join_values(&parts, ';'))
        }
    }
}

/// The text of an entry of a component's `values` list.
fn entry_text(entry: &Value) -> Option<String> {
    if let Some(id) = entry.get("id").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    if let Some(v) = entry.get("value") {
        return literal_text(v);
    }
    if let Some(v) = entry.get("values") {
        return literal_text(v);
    }
    match entry.get("name") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => literal_text(other),
        None => None,
    }
}

/// An attribute (or dimension) value: an index into `values`, or the value itself.
fn resolve(c: &Component, v: Option<&Value>) -> Option<String> {
    let given = v.filter(|v| !v.is_null());
    let text = match (&c.values, given) {
        (Some(values), Some(Value::Number(n))) => n
            .as_u64()
            .and_then(|i| values.get(usize::try_from(i).ok()?))
            .and_then(entry_text),
        (_, Some(other)) => literal_text(other),
        (_, None) => None,
    };
    text.or_else(|| c.default.as_ref().and_then(literal_text))
}

/// The form of an attribute, from the shapes its values take.
fn form_of(c: &Component, data_values: &[&Value]) -> ValueForm {
    let mut multi = false;
    let mut langs: BTreeSet<String> = BTreeSet::new();
    let mut look = |v: &Value| match v {
        Value::Array(_) => multi = true,
        Value::Object(m) => {
            langs.extend(m.keys().cloned());
        }
        _ => {}
    };
    if let Some(values) = &c.values {
        for e in values {
            if let Some(v) = e.get("values") {
                look(v);
            }
            if let Some(v) = e.get("value") {
                look(v);
            }
        }
    } else {
        for v in data_values {
            look(v);
        }
    }
    if !langs.is_empty() {
        ValueForm::Multilingual(langs.into_iter().collect())
    } else if multi {
        ValueForm::Multi
    } else {
        ValueForm::Single
    }
}

/// A row assembled from a message.
struct JsonRow {
    structure: Option<(StructureKind, String)>,
    action: Action,
    dims: Vec<String>,
    labels: Vec<Option<String>>,
    measures: Vec<Measure>,
    attrs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Measure {
    Missing,
    Number(f64),
    Text(String),
}

impl Row for JsonRow {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        self.structure.as_ref().map(|(k, s)| (*k, s.as_str()))
    }
    fn action(&self) -> Action {
        self.action
    }
    fn dimension(&self, i: usize) -> &str {
        self.dims.get(i).map_or("", String::as_str)
    }
    fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).and_then(|l| l.as_deref())
    }
    fn measure(&self, i: usize) -> MeasureValue<'_> {
        match self.measures.get(i) {
            Some(Measure::Number(x)) => MeasureValue::Number(*x),
            Some(Measure::Text(t)) if t == "-" => MeasureValue::Dash,
            Some(Measure::Text(t)) => MeasureValue::Text(t),
            _ => MeasureValue::Missing,
        }
    }
    fn attribute(&self, i: usize) -> &str {
        self.attrs.get(i).map_or("", String::as_str)
    }
    fn line(&self) -> u64 {
        0
    }
}

fn parse_key(key: &str) -> Option<Vec<usize>> {
    if key.is_empty() {
        return Some(Vec::new());
    }
    key.split(':').map(|p| p.parse().ok()).collect()
}

/// Reads an SDMX-JSON data message from `src` into `sink`.
///
/// ```
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::sdmx_json;
/// let msg = r#"{"meta": {"schema": "sdmx-json 2.0"}, "data": {
///   "structures": [{"links": [{"rel": "dataflow", "urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ECB:EXR(1.0)"}],
///     "dimensions": {"dataSet": [{"id": "FREQ", "keyPosition": 0, "values": [{"id": "D"}]}],
///                    "series": [{"id": "CURRENCY", "keyPosition": 1, "values": [{"id": "NZD"}, {"id": "RUB"}]}],
///                    "observation": [{"id": "TIME_PERIOD", "keyPosition": 2, "values": [{"id": "2013-01-18"}]}]},
///     "attributes": {"observation": [{"id": "OBS_STATUS", "default": "A", "values": [{"id": "A"}, {"id": "E"}]}]}}],
///   "dataSets": [{"structure": 0, "action": "Information",
///     "series": {"0": {"observations": {"0": [1.5931]}}, "1": {"observations": {"0": [40.3426, 1]}}}}]}}"#;
/// let cube = DataCube::read(|s| sdmx_json::read(msg.as_bytes(), "exr.json", s))?;
/// assert_eq!(cube.len(), 2);
/// assert_eq!(cube.dimension(1, 1), "RUB");
/// assert_eq!(cube.attribute(0, 0), "A"); // the default
/// assert_eq!(cube.attribute(1, 0), "E");
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
pub fn read<R: Read, S: Sink>(src: R, file: &str, sink: &mut S) -> Result<ReadReport> {
    let message: Value = serde_json::from_reader(src).map_err(|e| {
        if e.is_io() {
            Error::Io {
                path: file.to_owned(),
                source: std::io::Error::other(e.to_string()),
            }
        } else {
            Error::input(
                Location {
                    file: file.to_owned(),
                    line: Some(e.line() as u64),
                    column: Some(e.column() as u64),
                    record: None,
                    field: None,
                },
                Problem::Json(e.to_string()),
            )
        }
    })?;
    if !message.is_object() {
        return Err(unsupported(file, "an SDMX-JSON message is a JSON object"));
    }
    if message.get("data").is_none() {
        if message.get("header").is_some()
            || message.get("structure").is_some()
            || message.get("dataSets").is_some()
        {
            return Err(unsupported(
                file,
                "this is the pre-1.0 SDMX-JSON draft layout (top-level header, structure and \
                 dataSets); SDMX-JSON 1.0 and later put them under meta and data — re-export \
                 the data as SDMX-JSON 1.0 or later, or as SDMX-CSV",
            ));
        }
        if message.get("errors").is_some() {
            return Err(unsupported(file, "the message holds errors and no data"));
        }
        return Err(unsupported(
            file,
            "no data: an SDMX-JSON data message has a data member",
        ));
    }
    let data = message.get("data").unwrap_or(&Value::Null);
    let structures: Vec<Structure> = match (data.get("structures"), data.get("structure")) {
        (Some(Value::Array(list)), _) => list
            .iter()
            .enumerate()
            .map(|(i, s)| structure(s, file, &format!("/data/structures/{i}")))
            .collect::<Result<_>>()?,
        (_, Some(s @ Value::Object(_))) => vec![structure(s, file, "/data/structure")?],
        _ => {
            return Err(unsupported(
                file,
                "data has neither structures (2.x) nor structure (1.0)",
            ));
        }
    };
    let datasets = data
        .get("dataSets")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);

    // The layout: the union of every structure's components.
    let mut dims: Vec<(String, Option<u64>, bool)> = Vec::new();
    let mut measures: Vec<String> = Vec::new();
    let mut attrs: Vec<(String, ValueForm)> = Vec::new();
    for (si, s) in structures.iter().enumerate() {
        let mut ds: Vec<&Component> = s
            .dataset_dims
            .iter()
            .chain(&s.series_dims)
            .chain(&s.obs_dims)
            .collect();
        ds.sort_by_key(|c| (c.is_time, c.key_position.unwrap_or(u64::MAX)));
        for c in ds {
            if !dims.iter().any(|(id, ..)| *id == c.id) {
                dims.push((c.id.clone(), c.key_position, c.is_time));
            }
        }
        for m in &s.measures {
            if !measures.contains(&m.id) {
                measures.push(m.id.clone());
            }
        }
        for a in s
            .dataset_attrs
            .iter()
            .chain(&s.group_attrs)
            .chain(&s.series_attrs)
            .chain(&s.obs_attrs)
        {
            if attrs.iter().any(|(id, _)| *id == a.id) {
                continue;
            }
            let data_values = attribute_data_values(datasets, si, s, &a.id);
            attrs.push((a.id.clone(), form_of(a, &data_values)));
        }
    }
    // Time last.
    dims.sort_by_key(|(_, _, t)| *t);
    let to_id = |s: &str| {
        Id::new(s).map_err(|e| bad(file, "/data/structures", format!("component id: {e}")))
    };
    let layout = Layout {
        time_dimension: dims.iter().position(|(_, _, t)| *t),
        dimensions: dims
            .iter()
            .map(|(id, ..)| to_id(id))
            .collect::<Result<_>>()?,
        measures: measures
            .iter()
            .map(|m| {
                Ok(MeasureSpec {
                    id: to_id(m)?,
                    kind: MeasureKind::Auto,
                })
            })
            .collect::<Result<_>>()?,
        attributes: attrs
            .iter()
            .map(|(a, form)| {
                Ok(AttributeSpec {
                    id: to_id(a)?,
                    form: form.clone(),
                })
            })
            .collect::<Result<_>>()?,
        sub_separator: ';',
    };
    let mut report = ReadReport::default();
    sink.start(&layout)?;
    for (di, ds) in datasets.iter().enumerate() {
        let path = format!("/data/dataSets/{di}");
        let si = ds.get("structure").and_then(Value::as_u64).unwrap_or(0) as usize;
        let s = structures
            .get(si)
            .ok_or_else(|| bad(file, &format!("{path}/structure"), "no such structure"))?;
        let action = match ds.get("action").and_then(Value::as_str) {
            Some(a) => Action::parse(a).ok_or_else(|| {
                bad(
                    file,
                    &format!("{path}/action"),
                    format!("unknown action {a:?}"),
                )
            })?,
            None => Action::Information,
        };
        let link = link_of(ds.get("links")).or_else(|| s.link.clone());
        let decoder = Decoder {
            file,
            layout: &layout,
            s,
            ds,
            action,
            link,
            path: &path,
        };
        decoder.decode(sink, &mut report)?;
    }
    sink.finish()?;
    Ok(report)
}

/// Every literal value an attribute takes in the data sets (for its form).
fn attribute_data_values<'a>(
    datasets: &'a [Value],
    si: usize,
    s: &Structure,
    id: &str,
) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let same = |ds: &Value| ds.get("structure").and_then(Value::as_u64).unwrap_or(0) as usize == si;
    if let Some(i) = s.dataset_attrs.iter().position(|a| a.id == id) {
        for ds in datasets.iter().filter(|d| same(d)) {
            if let Some(v) = ds.get("attributes").and_then(|a| a.get(i)) {
                out.push(v);
            }
        }
    }
    if let Some(i) = s.group_attrs.iter().position(|a| a.id == id) {
        for ds in datasets.iter().filter(|d| same(d)) {
            if let Some(groups) = ds
                .get("dimensionGroupAttributes")
                .and_then(Value::as_object)
            {
                out.extend(groups.values().filter_map(|g| g.get(i)));
            }
        }
    }
    out
}

struct Decoder<'a> {
    file: &'a str,
    layout: &'a Layout,
    s: &'a Structure,
    ds: &'a Value,
    action: Action,
    link: Option<(StructureKind, String)>,
    path: &'a str,
}

impl Decoder<'_> {
    fn dim_slot(&self, id: &str) -> Option<usize> {
        self.layout.dimension(id)
    }

    fn attr_slot(&self, id: &str) -> Option<usize> {
        self.layout.attribute(id)
    }

    fn value_of(
        &self,
        c: &Component,
        index: usize,
        path: &str,
    ) -> Result<(String, Option<String>)> {
        let entry = c
            .values
            .as_ref()
            .and_then(|v| v.get(index))
            .ok_or_else(|| {
                bad(
                    self.file,
                    path,
                    format!("index {index} is not a value of {}", c.id),
                )
            })?;
        let text = entry_text(entry).unwrap_or_default();
        let name = match entry.get("name") {
            Some(Value::String(n)) if *n != text => Some(n.clone()),
            _ => None,
        };
        Ok((text, name))
    }

    fn decode<S: Sink>(&self, sink: &mut S, report: &mut ReadReport) -> Result<()> {
        let s = self.s;
        let n_dims = self.layout.dimensions.len();
        let mut base = JsonRow {
            structure: self.link.clone(),
            action: self.action,
            dims: vec![String::new(); n_dims],
            labels: vec![None; n_dims],
            measures: vec![Measure::Missing; self.layout.measures.len()],
            attrs: vec![String::new(); self.layout.attributes.len()],
        };
        // Data-set level dimensions: their single value.
        for c in &s.dataset_dims {
            if let (Some(slot), true) = (
                self.dim_slot(&c.id),
                c.values.as_ref().is_some_and(|v| !v.is_empty()),
            ) {
                let (v, name) = self.value_of(c, 0, self.path)?;
                base.dims[slot] = v;
                base.labels[slot] = name;
            }
        }
        // Data-set level attributes.
        let ds_attrs = self.ds.get("attributes").and_then(Value::as_array);
        for (i, c) in s.dataset_attrs.iter().enumerate() {
            if let Some(slot) = self.attr_slot(&c.id) {
                base.attrs[slot] = resolve(c, ds_attrs.and_then(|a| a.get(i))).unwrap_or_default();
            }
        }
        // Group attributes: keys list the dimensions in level order (data set, series,
        // observation), as the samples' relationships show; empty slots are wildcards.
        let key_order: Vec<&Component> = s
            .dataset_dims
            .iter()
            .chain(&s.series_dims)
            .chain(&s.obs_dims)
            .collect();
        let mut groups: Vec<(Vec<Option<usize>>, &Vec<Value>)> = Vec::new();
        if let Some(g) = self
            .ds
            .get("dimensionGroupAttributes")
            .and_then(Value::as_object)
        {
            for (key, values) in g {
                let Some(values) = values.as_array() else {
                    continue;
                };
                let parts: Vec<Option<usize>> = key
                    .split(':')
                    .map(|p| {
                        if p.is_empty() || p == "~" {
                            None
                        } else {
                            p.parse().ok()
                        }
                    })
                    .collect();
                groups.push((parts, values));
            }
        }
        let obs_attr_count = s.obs_attrs.len();
        let n_measures = s.measures.len();
        let measure_slots = if self.has_measure_values() {
            n_measures
        } else {
            report.note(
                Severity::Info,
                "statistics.read.no-measure-values",
                None,
                format!(
                    "{}: the observations carry no measure values (detail=nodata); measures are left empty",
                    self.path
                ),
            );
            0
        };
        let emit = |row: &mut JsonRow,
                    idx: &[(&Component, usize)],
                    obs: &[Value],
                    opath: &str,
                    sink: &mut S,
                    report: &mut ReadReport|
         -> Result<()> {
            // Group attributes whose key matches this observation's indices.
            if !groups.is_empty() {
                let pos_of =
                    |c: &Component| idx.iter().find(|(k, _)| k.id == c.id).map(|(_, i)| *i);
                for (parts, values) in &groups {
                    let matches = key_order.iter().zip(parts).all(|(c, want)| match want {
                        None => true,
                        Some(w) => pos_of(c).is_none_or(|have| have == *w),
                    });
                    if matches {
                        for (i, c) in s.group_attrs.iter().enumerate() {
                            if let (Some(slot), Some(v)) = (self.attr_slot(&c.id), values.get(i))
                                && !v.is_null()
                                && let Some(text) = resolve(c, Some(v))
                            {
                                row.attrs[slot] = text;
                            }
                        }
                    }
                }
            }
            for (m, c) in s.measures.iter().enumerate().take(measure_slots) {
                let Some(slot) = self.layout.measure(&c.id) else {
                    continue;
                };
                row.measures[slot] = match obs.get(m) {
                    None | Some(Value::Null) => Measure::Missing,
                    Some(Value::Number(n)) if c.values.is_none() => match n.as_f64() {
                        Some(x) if x.is_finite() => Measure::Number(x),
                        _ => {
                            return Err(Error::input(
                                Location {
                                    file: self.file.to_owned(),
                                    field: Some(format!("{opath}/{m}")),
                                    ..Location::default()
                                },
                                Problem::NonFiniteMeasure(n.to_string()),
                            ));
                        }
                    },
                    Some(v) => {
                        let text = resolve(c, Some(v)).unwrap_or_default();
                        match super::parse_number(&text, false) {
                            super::Num::Value(x) => Measure::Number(x),
                            super::Num::Missing => Measure::Missing,
                            super::Num::Dash => Measure::Text("-".into()),
                            _ => Measure::Text(text),
                        }
                    }
                };
            }
            for (i, c) in s.obs_attrs.iter().enumerate() {
                if let Some(slot) = self.attr_slot(&c.id) {
                    row.attrs[slot] = resolve(c, obs.get(measure_slots + i)).unwrap_or_default();
                }
            }
            let _ = obs_attr_count;
            sink.row(&*row)?;
            report.rows += 1;
            Ok(())
        };
        if let Some(series) = self.ds.get("series").and_then(Value::as_object) {
            for (skey, sv) in series {
                let spath = format!("{}/series/{skey}", self.path);
                let sidx = parse_key(skey)
                    .filter(|k| k.len() == s.series_dims.len())
                    .ok_or_else(|| bad(self.file, &spath, "bad series key"))?;
                let mut row = JsonRow {
                    structure: base.structure.clone(),
                    action: base.action,
                    dims: base.dims.clone(),
                    labels: base.labels.clone(),
                    measures: base.measures.clone(),
                    attrs: base.attrs.clone(),
                };
                let mut idx: Vec<(&Component, usize)> = Vec::new();
                for (c, &i) in s.series_dims.iter().zip(&sidx) {
                    let (v, name) = self.value_of(c, i, &spath)?;
                    if let Some(slot) = self.dim_slot(&c.id) {
                        row.dims[slot] = v;
                        row.labels[slot] = name;
                    }
                    idx.push((c, i));
                }
                let sattrs = sv.get("attributes").and_then(Value::as_array);
                for (i, c) in s.series_attrs.iter().enumerate() {
                    if let Some(slot) = self.attr_slot(&c.id) {
                        row.attrs[slot] =
                            resolve(c, sattrs.and_then(|a| a.get(i))).unwrap_or_default();
                    }
                }
                let observations = sv.get("observations").and_then(Value::as_object);
                for (okey, ov) in observations.into_iter().flatten() {
                    let opath = format!("{spath}/observations/{okey}");
                    let oidx = parse_key(okey)
                        .filter(|k| k.len() == s.obs_dims.len())
                        .ok_or_else(|| bad(self.file, &opath, "bad observation key"))?;
                    let mut r = JsonRow {
                        structure: row.structure.clone(),
                        action: row.action,
                        dims: row.dims.clone(),
                        labels: row.labels.clone(),
                        measures: row.measures.clone(),
                        attrs: row.attrs.clone(),
                    };
                    let mut idx2 = idx.clone();
                    for (c, &i) in s.obs_dims.iter().zip(&oidx) {
                        let (v, name) = self.value_of(c, i, &opath)?;
                        if let Some(slot) = self.dim_slot(&c.id) {
                            r.dims[slot] = v;
                            r.labels[slot] = name;
                        }
                        idx2.push((c, i));
                    }
                    let arr = ov.as_array().map_or(&[][..], Vec::as_slice);
                    emit(&mut r, &idx2, arr, &opath, sink, report)?;
                }
            }
        }
        if let Some(observations) = self.ds.get("observations").and_then(Value::as_object) {
            let key_dims: Vec<&Component> = s.series_dims.iter().chain(&s.obs_dims).collect();
            for (okey, ov) in observations {
                let opath = format!("{}/observations/{okey}", self.path);
                let oidx = parse_key(okey)
                    .filter(|k| k.len() == key_dims.len())
                    .ok_or_else(|| bad(self.file, &opath, "bad observation key"))?;
                let mut r = JsonRow {
                    structure: base.structure.clone(),
                    action: base.action,
                    dims: base.dims.clone(),
                    labels: base.labels.clone(),
                    measures: base.measures.clone(),
                    attrs: base.attrs.clone(),
                };
                let mut idx: Vec<(&Component, usize)> = Vec::new();
                for (c, &i) in key_dims.iter().zip(&oidx) {
                    let (v, name) = self.value_of(c, i, &opath)?;
                    if let Some(slot) = self.dim_slot(&c.id) {
                        r.dims[slot] = v;
                        r.labels[slot] = name;
                    }
                    idx.push((c, i));
                }
                let arr = ov.as_array().map_or(&[][..], Vec::as_slice);
                emit(&mut r, &idx, arr, &opath, sink, report)?;
            }
        }
        Ok(())
    }

    /// False when every observation array that has a first element starts with a
    /// non-numeric string (a `detail=nodata` answer): the arrays then hold attributes only.
    fn has_measure_values(&self) -> bool {
        let mut arrays: Vec<&Value> = Vec::new();
        if let Some(series) = self.ds.get("series").and_then(Value::as_object) {
            for sv in series.values() {
                if let Some(o) = sv.get("observations").and_then(Value::as_object) {
                    arrays.extend(o.values());
                }
            }
        }
        if let Some(o) = self.ds.get("observations").and_then(Value::as_object) {
            arrays.extend(o.values());
        }
        let firsts: Vec<&Value> = arrays
            .iter()
            .filter_map(|a| a.as_array().and_then(|a| a.first()))
            .collect();
        if firsts.is_empty() || self.s.measures.iter().any(|m| m.values.is_some()) {
            return true;
        }
        !firsts.iter().all(|v| {
            v.as_str().is_some_and(|t| {
                !matches!(
                    super::parse_number(t, false),
                    super::Num::Value(_) | super::Num::Missing | super::Num::Dash
                )
            })
        })
    }
}
