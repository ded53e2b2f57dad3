//! # govframe-itu
//!
//! Curated ITU reference documents (work in progress).
