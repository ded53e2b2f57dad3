//! # govframe-monitoring
//!
//! Progress monitoring (work in progress).
