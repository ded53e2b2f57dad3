//! # govframe
//!
//! Typed, validated models of global digital-governance frameworks, with JSON Schema export.
//! This facade re-exports the workspace crates as modules.
pub use govframe_core as core;
