//! Placeholder: benchmarks of govframe-statistics.
fn main() {}
