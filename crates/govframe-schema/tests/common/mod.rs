//! Helpers shared by the round-trip property tests.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// Each test file uses a part of these helpers.
#![allow(dead_code)]

pub mod strategies;

use govframe_schema::Document;
use proptest::prelude::*;

/// Serializes, checks against the exported schema, reads back (typed and through the
/// `Document` union) and compares.
pub fn check<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize
        + serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug
        + Clone
        + Into<Document>,
{
    let json = serde_json::to_value(value).unwrap();
    let kind = json["kind"].as_str().unwrap().to_owned();
    let issues = govframe_schema::validate::schema_issues(&kind, &json).unwrap();
    prop_assert!(
        issues.is_empty(),
        "schema rejects a serialized {kind}: {issues:#?}\n{json:#}"
    );
    let text = serde_json::to_string(&json).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    prop_assert_eq!(&back, value);
    let doc = govframe_schema::validate::read_str(&text)
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    prop_assert_eq!(doc, value.clone().into());
    Ok(())
}
