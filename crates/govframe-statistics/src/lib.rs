//! # govframe-statistics
//!
//! The statistical framework of govframe: the SDMX information model as typed, validated
//! documents, an in-memory columnar data set fit for tens of millions of observations, and
//! readers and writers for what statisticians exchange.
//!
//! **Documents** (each with a JSON Schema, see `govframe-schema`):
//!
//! | kind | type | what |
//! |---|---|---|
//! | `conceptScheme` | [`ConceptScheme`] | concepts components stand for |
//! | `codelist` | [`Codelist`] | codes with names, parents and validity |
//! | `dataStructure` | [`DataStructure`] | dimensions (time last), measures, attributes with attachment level, bound to concepts and codelists |
//! | `dataflow` | [`Dataflow`] | a structure put to use |
//! | `dataset` | [`Dataset`] | observations in readable JSON (small data) |
//! | `indicatorMetadata` | [`IndicatorMetadata`] | the SDG metadata template, sections 0–7 with their concept ids |
//!
//! [`GsbpmProcess`] is GSBPM v5.1 (8 phases, 44 sub-processes) as a closed code list.
//!
//! **Data**: [`data::DataCube`] stores observations by column — interned dimension and
//! attribute values (1, 2 or 4 bytes per value, nothing for a constant column), `f64`
//! measures with a presence bitmap — with series lookup by key and time ordering
//! ([`data::SeriesIndex`]), checks against a structure ([`check()`]) and a summary
//! ([`describe()`]).
//!
//! **I/O** ([`io`]): SDMX-CSV 1.0/2.0/2.1 read and 2.0 write, SDMX-JSON 1.0/2.0/2.1 read,
//! ITU DataHub and World Bank WDI CSV, any CSV with a column mapping, and the `dataset`
//! JSON. Readers push rows into a [`data::Sink`]; connecting a reader to a writer converts a
//! file of any size in constant memory.
//!
//! ```
//! use govframe_statistics::data::DataCube;
//! use govframe_statistics::io::{sdmx_csv, ReadOptions};
//!
//! let csv = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
//!            dataflow,ITU:ICT(1.0),I,A,KEN,2021,28.8\n\
//!            dataflow,ITU:ICT(1.0),I,A,KEN,2022,40.8\n";
//! let cube = DataCube::read(|sink| sdmx_csv::read(csv.as_bytes(), "ict.csv", &ReadOptions::default(), sink))?;
//!
//! // Write it back as SDMX-CSV 2.0 and read it again: the same data set.
//! let mut out = Vec::new();
//! cube.write_to(&mut sdmx_csv::Writer::new(&mut out, "out.csv", Default::default()))?;
//! let again = DataCube::read(|sink| sdmx_csv::read(out.as_slice(), "out.csv", &ReadOptions::default(), sink))?;
//! assert_eq!(cube, again);
//! # Ok::<(), govframe_statistics::Error>(())
//! ```

pub mod check;
mod codelist;
mod concept;
pub mod data;
mod dataset;
pub mod describe;
pub mod error;
mod gsbpm;
pub mod io;
pub mod metadata;
mod sdmx;
pub mod structure;
pub mod time;

pub use check::check;
pub use codelist::{Code, Codelist, CodelistKind};
pub use concept::{Concept, ConceptRef, ConceptScheme, ConceptSchemeKind};
pub use dataset::{
    AttributeColumn, AttributeForm, AttributeValue, Dataset, DatasetKind, ObsValue, Observation,
};
pub use describe::{DatasetSummary, DatasetSummaryKind, describe};
pub use error::{Error, Location, Problem, Result};
pub use gsbpm::GsbpmProcess;
pub use metadata::{
    DataReporter, DataSource, Definition, IndicatorInformation, IndicatorMetadata,
    IndicatorMetadataKind, Methodology, ProcessStep, ReportingType, TemplateField, TemplateValue,
};
pub use sdmx::{
    ARTEFACT_REF_PATTERN, Action, ArtefactRef, CODE_ID_PATTERN, CodeId, StructureKind, StructureUse,
};
pub use structure::{
    AttachmentLevel, Attribute, ComponentRole, DataStructure, DataStructureKind, Dataflow,
    DataflowKind, Dimension, Measure, TextType, TimeDimension, Usage,
};
