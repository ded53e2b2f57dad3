//! The govframe `dataset` document as a data format: read (whole document), write
//! (streaming, one observation per line).

use std::collections::BTreeMap;
use std::io::{Read, Write};

use govframe_core::{Id, LocalizedText, Severity, Validate};

use super::ReadReport;
use crate::data::{Layout, MeasureValue, Row, Sink};
use crate::dataset::{Dataset, ObsValue, attribute_text, observation};
use crate::error::{Location, Problem};
use crate::{Action, Error, GsbpmProcess, Result, StructureKind, StructureUse};

struct DatasetRow<'a> {
    obs: &'a crate::dataset::Observation,
    structure: Option<&'a StructureUse>,
    action: Action,
    attrs: Vec<String>,
    labels: Vec<Option<&'a str>>,
}

impl Row for DatasetRow<'_> {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        self.structure.map(|s| (s.kind, s.id.as_str()))
    }
    fn action(&self) -> Action {
        self.action
    }
    fn dimension(&self, i: usize) -> &str {
        self.obs.key.get(i).map_or("", String::as_str)
    }
    fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).copied().flatten()
    }
    fn measure(&self, i: usize) -> MeasureValue<'_> {
        match self.obs.values.get(i) {
            Some(Some(ObsValue::Number(x))) => MeasureValue::Number(*x),
            Some(Some(ObsValue::Text(t))) if t == "-" => MeasureValue::Dash,
            Some(Some(ObsValue::Text(t))) => MeasureValue::Text(t),
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

/// Reads a `dataset` document and pushes its observations into `sink`. Structural errors
/// (`statistics.dataset.*` rules at error level) fail the read with the path of the first.
/// O(size of the document) memory.
pub fn read<R: Read, S: Sink>(src: R, file: &str, sink: &mut S) -> Result<ReadReport> {
    let mut de = serde_json::Deserializer::from_reader(src);
    let dataset: Dataset = serde_path_to_error_free(&mut de, file)?;
    push(&dataset, file, sink)
}

/// Pushes a dataset's observations into `sink`.
pub fn push<S: Sink>(dataset: &Dataset, file: &str, sink: &mut S) -> Result<ReadReport> {
    let mut report = ReadReport::default();
    for issue in dataset.validate() {
        if issue.severity == Severity::Error {
            return Err(Error::input(
                Location {
                    file: file.to_owned(),
                    field: Some(issue.path.clone()),
                    ..Location::default()
                },
                Problem::BadValue(format!("[{}] {}", issue.rule, issue.message)),
            ));
        }
        report.notes.push(issue);
    }
    let layout = dataset.layout();
    let sep = layout.sub_separator;
    sink.start(&layout)?;
    for obs in &dataset.observations {
        let row = DatasetRow {
            obs,
            structure: obs
                .sdmx_structure
                .as_ref()
                .or(dataset.sdmx_structure.as_ref()),
            action: obs.action.unwrap_or(dataset.action),
            attrs: obs
                .attributes
                .iter()
                .map(|v| {
                    v.as_ref()
                        .map(|v| attribute_text(v, sep))
                        .unwrap_or_default()
                })
                .collect(),
            labels: dataset
                .dimensions
                .iter()
                .zip(&obs.key)
                .map(|(d, v)| {
                    dataset
                        .labels
                        .get(d.as_str())
                        .and_then(|m| m.get(v))
                        .map(String::as_str)
                })
                .collect(),
        };
        sink.row(&row)?;
        report.rows += 1;
    }
    sink.finish()?;
    Ok(report)
}

fn serde_path_to_error_free<R: Read>(
    de: &mut serde_json::Deserializer<serde_json::de::IoRead<R>>,
    file: &str,
) -> Result<Dataset> {
    use serde::Deserialize as _;
    let out = Dataset::deserialize(&mut *de).and_then(|d| de.end().map(|()| d));
    out.map_err(|e| {
        if e.is_io() {
            return Error::Io {
                path: file.to_owned(),
                source: std::io::Error::other(e.to_string()),
            };
        }
        let at = Location {
            file: file.to_owned(),
            line: Some(e.line() as u64),
            column: Some(e.column() as u64),
            record: None,
            field: None,
        };
        Error::input(at, Problem::Json(e.to_string()))
    })
}

/// What the dataset writer puts in the document header.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// The `dataStructure` document the data conform to.
    pub structure: Option<Id>,
    /// The `dataflow` document they belong to.
    pub dataflow: Option<Id>,
    /// The GSBPM process that produced them.
    pub process: Option<GsbpmProcess>,
}

/// Writes a `dataset` document as rows arrive: the header when the first row comes (its
/// structure and action become the dataset's), one observation per line, then the labels.
/// Memory: the labels (one per distinct dimension value that has one).
pub struct Writer<W: Write> {
    out: W,
    file: String,
    options: WriteOptions,
    layout: Layout,
    header_written: bool,
    first: bool,
    default_structure: Option<StructureUse>,
    default_action: Action,
    labels: BTreeMap<String, BTreeMap<String, String>>,
    buf: Vec<u8>,
}

impl<W: Write> Writer<W> {
    /// A writer into `out`; `file` names it in messages.
    pub fn new(out: W, file: &str, options: WriteOptions) -> Self {
        Self {
            out,
            file: file.to_owned(),
            options,
            layout: Layout::default(),
            header_written: false,
            first: true,
            default_structure: None,
            default_action: Action::Information,
            labels: BTreeMap::new(),
            buf: Vec::with_capacity(1 << 16),
        }
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn json_error(&self, e: serde_json::Error) -> Error {
        Error::input(Location::file(&self.file), Problem::Output(e.to_string()))
    }

    fn flush_buf(&mut self) -> Result<()> {
        self.out.write_all(&self.buf).map_err(|source| Error::Io {
            path: self.file.clone(),
            source,
        })?;
        self.buf.clear();
        Ok(())
    }

    fn header(&mut self) -> Result<()> {
        let mut d = Dataset::new(
            self.options.id.clone(),
            self.options.title.clone(),
            &self.layout,
        );
        d.structure = self.options.structure.clone();
        d.dataflow = self.options.dataflow.clone();
        d.process = self.options.process;
        d.sdmx_structure = self.default_structure.clone();
        d.action = self.default_action;
        let text = serde_json::to_string_pretty(&d).map_err(|e| self.json_error(e))?;
        // Reopen the object: drop its closing brace and append the observations.
        let text = text.trim_end();
        let body = text.strip_suffix('}').unwrap_or(text).trim_end();
        self.buf.extend_from_slice(body.as_bytes());
        self.buf.extend_from_slice(b",\n  \"observations\": [");
        self.header_written = true;
        Ok(())
    }
}

impl<W: Write> Sink for Writer<W> {
    fn start(&mut self, layout: &Layout) -> Result<()> {
        self.layout = layout.clone();
        Ok(())
    }

    fn row<R: Row + ?Sized>(&mut self, row: &R) -> Result<()> {
        if !self.header_written {
            self.default_structure = crate::dataset::structure_use(row.structure());
            self.default_action = row.action();
            self.header()?;
        }
        for (i, dim) in self.layout.dimensions.iter().enumerate() {
            if let Some(label) = row.label(i) {
                let v = row.dimension(i);
                let names = self.labels.entry(dim.to_string()).or_default();
                if !names.contains_key(v) {
                    names.insert(v.to_owned(), label.to_owned());
                }
            }
        }
        let obs = observation(
            row,
            &self.layout,
            &self.default_structure,
            self.default_action,
            self.layout.sub_separator,
        );
        self.buf
            .extend_from_slice(if self.first { b"\n    " } else { b",\n    " });
        self.first = false;
        serde_json::to_writer(&mut self.buf, &obs).map_err(|e| self.json_error(e))?;
        if self.buf.len() >= 1 << 16 {
            self.flush_buf()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if !self.header_written {
            self.header()?;
        }
        self.buf
            .extend_from_slice(if self.first { b"]" } else { b"\n  ]" });
        if !self.labels.is_empty() {
            self.buf.extend_from_slice(b",\n  \"labels\": ");
            let labels = std::mem::take(&mut self.labels);
            serde_json::to_writer(&mut self.buf, &labels).map_err(|e| self.json_error(e))?;
        }
        self.buf.extend_from_slice(b"\n}\n");
        self.flush_buf()?;
        self.out.flush().map_err(|source| Error::Io {
            path: self.file.clone(),
            source,
        })
    }
}
