//! Identifiers ([`Id`]) and references ([`Ref`]).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, shorten};

/// The pattern every [`Id`] matches.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
/// The pattern every [`Ref`] matches: an id, optionally preceded by a document id and `#`.
pub const REF_PATTERN: &str =
    "^([A-Za-z0-9][A-Za-z0-9._:-]{0,127}#)?[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

fn id_problem(s: &str) -> Option<&'static str> {
    let bytes = s.as_bytes();
    match bytes.first() {
        None => return Some("it is empty"),
        Some(b) if !b.is_ascii_alphanumeric() => {
            return Some("it must start with an ASCII letter or digit");
        }
        _ => {}
    }
    if bytes.len() > 128 {
        return Some("it is longer than 128 characters");
    }
    if bytes[1..]
        .iter()
        .any(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-')))
    {
        return Some("only ASCII letters, digits and . _ : - are allowed");
    }
    None
}

/// An identifier, unique inside its document: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`.
///
/// Human codes such as `"1.1"` or `"GSR-24"` may also be ids, but belong in a `code` field.
///
/// ```
/// use govframe_core::Id;
/// let id: Id = "target-2.1".parse()?;
/// assert_eq!(id.as_str(), "target-2.1");
/// assert!(Id::new("-starts-with-dash").is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

impl Id {
    /// Checks and wraps an identifier.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        match id_problem(&value) {
            None => Ok(Self(value)),
            Some(reason) => Err(Error::InvalidId {
                value: shorten(&value),
                reason: reason.to_owned(),
            }),
        }
    }

    /// Wraps a literal the crate knows to be valid.
    pub(crate) fn known(value: &'static str) -> Self {
        debug_assert!(id_problem(value).is_none());
        Self(value.to_owned())
    }

    /// The identifier as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A local reference to this id.
    pub fn to_ref(&self) -> Ref {
        Ref {
            sep: None,
            text: self.0.clone(),
        }
    }

    /// A reference to this id inside document `doc`.
    pub fn in_document(&self, doc: &Id) -> Ref {
        Ref {
            sep: Some(doc.0.len()),
            text: format!("{}#{}", doc.0, self.0),
        }
    }
}

impl TryFrom<String> for Id {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(value)
    }
}

impl TryFrom<&str> for Id {
    type Error = Error;
    fn try_from(value: &str) -> Result<Self> {
        Self::new(value)
    }
}

impl FromStr for Id {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> Self {
        id.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An identifier, unique inside its document.",
            "pattern": ID_PATTERN,
        })
    }
}

/// A reference to an entity: `"goal-1"` inside the same document, or
/// `"itu-sp-2024-2027#goal-1"` to an entity of another document (resolved by a catalog).
///
/// ```
/// use govframe_core::Ref;
/// let local: Ref = "goal-1".parse()?;
/// assert_eq!(local.document(), None);
/// let remote: Ref = "itu-platforms#gsr".parse()?;
/// assert_eq!((remote.document(), remote.local()), (Some("itu-platforms"), "gsr"));
/// assert!("a#b#c".parse::<Ref>().is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ref {
    /// Byte offset of `#`, when the reference names a document.
    sep: Option<usize>,
    text: String,
}

impl Ref {
    /// Checks and wraps a reference.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let text = value.into();
        let sep = text.find('#');
        let (doc, local) = match sep {
            Some(i) => (Some(&text[..i]), &text[i + 1..]),
            None => (None, text.as_str()),
        };
        let problem = doc
            .and_then(|d| id_problem(d).map(|p| format!("document part: {p}")))
            .or_else(|| id_problem(local).map(|p| format!("entity part: {p}")));
        match problem {
            None => Ok(Self { sep, text }),
            Some(reason) => Err(Error::InvalidRef {
                value: shorten(&text),
                reason,
            }),
        }
    }

    /// The document part, if the reference points into another document.
    pub fn document(&self) -> Option<&str> {
        self.sep.map(|i| &self.text[..i])
    }

    /// The entity id part.
    pub fn local(&self) -> &str {
        match self.sep {
            Some(i) => &self.text[i + 1..],
            None => &self.text,
        }
    }

    /// Whether the reference points inside the same document.
    pub fn is_local(&self) -> bool {
        self.sep.is_none()
    }

    /// The whole reference as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ref({:?})", self.text)
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl TryFrom<String> for Ref {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(value)
    }
}

impl TryFrom<&str> for Ref {
    type Error = Error;
    fn try_from(value: &str) -> Result<Self> {
        Self::new(value)
    }
}

impl FromStr for Ref {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl From<Ref> for String {
    fn from(r: Ref) -> Self {
        r.text
    }
}

impl From<Id> for Ref {
    fn from(id: Id) -> Self {
        Ref {
            sep: None,
            text: id.0,
        }
    }
}

impl JsonSchema for Ref {
    fn schema_name() -> Cow<'static, str> {
        "Ref".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::Ref".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A reference: an id in the same document, or `documentId#entityId`.",
            "pattern": REF_PATTERN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn id_rule_matches_schema_pattern(s in "[ -~]{0,140}|[A-Za-z0-9][A-Za-z0-9._:-]{0,130}") {
            let re = regex::Regex::new(ID_PATTERN).unwrap();
            prop_assert_eq!(Id::new(s.clone()).is_ok(), re.is_match(&s));
        }

        #[test]
        fn ref_rule_matches_schema_pattern(s in "[A-Za-z0-9#._:-]{0,20}|[ -~]{0,30}") {
            let re = regex::Regex::new(REF_PATTERN).unwrap();
            prop_assert_eq!(Ref::new(s.clone()).is_ok(), re.is_match(&s));
        }
    }

    #[test]
    fn long_values_are_shortened_in_errors() {
        let long = "a b".repeat(1_000_000);
        let msg = Id::new(long).unwrap_err().to_string();
        assert!(msg.len() < 200, "{msg}");
    }

    #[test]
    fn id_length_limit() {
        assert!(Id::new("a".repeat(128)).is_ok());
        assert!(Id::new("a".repeat(129)).is_err());
    }
}
