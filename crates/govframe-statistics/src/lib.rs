//! # govframe-statistics
//!
//! Statistical framework and SDMX I/O (work in progress).
