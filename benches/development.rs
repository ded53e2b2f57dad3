//! Placeholder: benchmarks of govframe-development.
fn main() {}
