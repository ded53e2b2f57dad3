//! Placeholder: benchmarks of govframe-accounting.
fn main() {}
