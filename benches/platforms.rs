//! Placeholder: benchmarks of govframe-platforms.
fn main() {}
