//! Placeholder: benchmarks of govframe-monitoring.
fn main() {}
