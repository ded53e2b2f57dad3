//! # govframe-schema
//!
//! The glue that makes govframe documents exchangeable:
//!
//! * [`Document`] — the union of every document kind, told apart by its `kind` field;
//! * [`registry`] — every kind with its Rust type, title and schema file;
//! * [`export`] — JSON Schema (Draft 2020-12) generation, export to a folder, and a check
//!   that a folder still matches the code;
//! * [`validate`] — validation at three levels (parse, schema, semantics) into one
//!   [`ValidationReport`](govframe_core::ValidationReport);
//! * [`Catalog`] — several loaded documents, with `documentId#entityId` references resolved
//!   across them.
//!
//! ```
//! use govframe_schema::validate::validate_str;
//!
//! let text = r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "p",
//!                "title": {"en": "Plan"}, "period": {"startYear": 2024, "endYear": 2027},
//!                "goals": [{"id": "g1", "name": {"en": "Growth"}}],
//!                "targets": [{"id": "t1", "goal": "g9", "statement": {"en": "…"}}]}"#;
//! let outcome = validate_str(text, "plan.json");
//! assert!(!outcome.report.valid);
//! let issue = &outcome.report.issues[0];
//! assert_eq!(issue.rule, "strategy.target.unknown-goal");
//! assert_eq!(issue.path, "/targets/0/goal");
//! assert_eq!(issue.line, Some(4));
//! ```

pub mod catalog;
pub mod export;
mod locate;
pub mod registry;
mod report_input;
pub mod validate;

pub use catalog::{Catalog, Resolved};
pub use export::{CheckOutcome, Schemas, check_dir, export_dir, generate};
pub use locate::locate;
pub use registry::{Document, KINDS, KindInfo};
pub use report_input::add_to_report;

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A document could not be read.
    #[error("{path}: {message}")]
    Document {
        /// Where.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The base URI for schema ids is not usable.
    #[error(
        "invalid base URI {0:?}: expected an absolute URI such as https://example.org/schemas/"
    )]
    BaseUri(String),
    /// JSON (de)serialization failed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// A generated schema does not compile (a bug in govframe).
    #[error("the generated schema for {kind} does not compile: {message}")]
    Schema {
        /// The kind.
        kind: String,
        /// What the validator said.
        message: String,
    },
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
