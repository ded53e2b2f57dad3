//! Serde helpers for rules a plain `String` field cannot state by itself.
//!
//! Use them with `#[serde(deserialize_with = "…")]` next to the matching schemars attribute
//! (`#[schemars(length(min = 1))]`), so that serde and the schema accept the same values.

use serde::{Deserialize, Deserializer};

/// Reads a string that must not be empty.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct T {
///     #[serde(deserialize_with = "govframe_core::de::non_empty")]
///     name: String,
/// }
/// assert!(serde_json::from_str::<T>(r#"{"name": ""}"#).is_err());
/// assert_eq!(serde_json::from_str::<T>(r#"{"name": "x"}"#)?.name, "x");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let s = String::deserialize(deserializer)?;
    if s.is_empty() {
        return Err(serde::de::Error::custom(
            "an empty string is not allowed here",
        ));
    }
    Ok(s)
}
