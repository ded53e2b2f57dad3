//! # govframe-accounting
//!
//! Digital supply-use tables (work in progress).
