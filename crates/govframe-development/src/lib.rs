//! # govframe-development
//!
//! Composite indices (work in progress).
