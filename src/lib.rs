//! # govframe
//!
//! Typed, validated models of global digital-governance frameworks — strategic plans,
//! objectives, meeting platforms and consensus — with JSON Schema export, so that tools in any
//! language can produce and check the same documents.
//!
//! This facade re-exports the workspace crates as modules; depend on a single crate
//! (`govframe-strategy`, …) when you need only that part.
//!
//! ```
//! use govframe::schema::validate::validate_str;
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/demo-plan.json"))?;
//! let outcome = validate_str(&text, "demo-plan.json");
//! assert!(outcome.report.valid);
//! # Ok::<(), std::io::Error>(())
//! ```

pub use govframe_accounting as accounting;
pub use govframe_core as core;
pub use govframe_development as development;
pub use govframe_itu as itu;
pub use govframe_monitoring as monitoring;
pub use govframe_objectives as objectives;
pub use govframe_platforms as platforms;
pub use govframe_report as report;
pub use govframe_schema as schema;
pub use govframe_statistics as statistics;
pub use govframe_strategy as strategy;
