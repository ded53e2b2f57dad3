//! Extensions: a user's own data under a namespace.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The pattern of an extension namespace.
pub const NAMESPACE_PATTERN: &str = "^[A-Za-z][A-Za-z0-9._-]{0,63}$";

fn namespace_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphabetic()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// Data of one's own, keyed by a namespace (`"org.example"`), each value a JSON object.
///
/// Objects in govframe are closed; this is the one open place.
///
/// ```
/// use govframe_core::Extensions;
/// let e: Extensions = serde_json::from_str(r#"{"org.example": {"owner": "team-a"}}"#)?;
/// assert!(e.get("org.example").is_some());
/// assert!(serde_json::from_str::<Extensions>(r#"{"org.example": 5}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Extensions(BTreeMap<String, serde_json::Map<String, serde_json::Value>>);

impl Extensions {
    /// The object stored under `namespace`.
    pub fn get(&self, namespace: &str) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.0.get(namespace)
    }

    /// Stores an object under `namespace`; fails when the namespace is malformed.
    pub fn insert(
        &mut self,
        namespace: &str,
        value: serde_json::Map<String, serde_json::Value>,
    ) -> crate::Result<()> {
        if !namespace_ok(namespace) {
            return Err(crate::Error::InvalidNamespace(crate::error::shorten(
                namespace,
            )));
        }
        self.0.insert(namespace.to_owned(), value);
        Ok(())
    }

    /// Whether there are no extensions.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extensions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object keyed by namespace, each value an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
                use serde::de::Error as _;
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !namespace_ok(&key) {
                        return Err(A::Error::custom(crate::Error::InvalidNamespace(
                            crate::error::shorten(&key),
                        )));
                    }
                    let value: serde_json::Map<String, serde_json::Value> = map.next_value()?;
                    if out.insert(key.clone(), value).is_some() {
                        return Err(A::Error::custom(format!("namespace {key:?} appears twice")));
                    }
                }
                Ok(Extensions(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl JsonSchema for Extensions {
    fn schema_name() -> Cow<'static, str> {
        "Extensions".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::Extensions".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Data of one's own, keyed by namespace (e.g. \"org.example\"); each value is an object.",
            "propertyNames": { "pattern": NAMESPACE_PATTERN },
            "additionalProperties": { "type": "object" },
        })
    }
}
