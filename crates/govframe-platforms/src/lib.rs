//! # govframe-platforms
//!
//! Meeting platforms and consensus (work in progress).
