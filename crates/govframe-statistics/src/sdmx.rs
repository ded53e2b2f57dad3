//! SDMX vocabulary shared by documents and data: artefact references
//! (`AGENCY:ID(VERSION)`), the kind of structure a data row uses, the action of a row, and
//! code identifiers.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use govframe_core::error::shorten;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The pattern of a [`CodeId`].
pub const CODE_ID_PATTERN: &str = "^[A-Za-z0-9_@$-]([A-Za-z0-9_@$.-]{0,126}[A-Za-z0-9_@$-])?$";

/// The pattern of an [`ArtefactRef`].
pub const ARTEFACT_REF_PATTERN: &str =
    "^[A-Za-z0-9_@$-]+(\\.[A-Za-z0-9_@$-]+)*:[A-Za-z0-9_@$-]+(\\([0-9A-Za-z.+*-]+\\))?$";

fn is_code_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'$' | b'-')
}

/// The identifier of a code in a codelist: SDMX's `[A-Za-z0-9_@$-]+`, plus inner dots for
/// codes such as World Bank indicator codes (`IT.NET.BBND.P2`). Codes may start with `_`
/// (`_T` = total, `_Z` = not applicable), which a govframe [`Id`](govframe_core::Id) may not.
///
/// A dot inside a code clashes with SDMX keys, whose values are joined with dots; prefer
/// underscores in codelists meant for SDMX exchange.
///
/// ```
/// use govframe_statistics::CodeId;
/// assert!("_T".parse::<CodeId>().is_ok());
/// assert!("IT.NET.BBND.P2".parse::<CodeId>().is_ok());
/// assert!("A B".parse::<CodeId>().is_err());
/// assert!(".A".parse::<CodeId>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CodeId(String);

impl CodeId {
    /// Checks and wraps a code.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        let b = value.as_bytes();
        let ok = !b.is_empty()
            && b.len() <= 128
            && b.iter().all(|&c| is_code_char(c) || c == b'.')
            && b.first().is_some_and(|&c| c != b'.')
            && b.last().is_some_and(|&c| c != b'.');
        if ok {
            Ok(Self(value))
        } else {
            Err(Error::Usage(format!(
                "invalid code {:?}: expected letters, digits, _ @ $ - and inner dots (at most 128)",
                shorten(&value)
            )))
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CodeId {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(value)
    }
}

impl FromStr for CodeId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl From<CodeId> for String {
    fn from(c: CodeId) -> Self {
        c.0
    }
}

impl fmt::Display for CodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for CodeId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for CodeId {
    fn schema_name() -> Cow<'static, str> {
        "CodeId".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_statistics::CodeId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A code of a codelist: letters, digits, _ @ $ - and inner dots.",
            "pattern": CODE_ID_PATTERN,
        })
    }
}

/// A reference to an SDMX artefact, `AGENCY:ID(VERSION)`, e.g. `ESTAT:NA_MAIN(1.6.0)`; the
/// version may be left out (`AGENCY:DF_ID`), as SDMX 3.0 allows for non-versioned artefacts.
///
/// ```
/// use govframe_statistics::ArtefactRef;
/// let r: ArtefactRef = "ESTAT:NA_MAIN(1.6.0)".parse()?;
/// assert_eq!((r.agency(), r.id(), r.version()), ("ESTAT", "NA_MAIN", Some("1.6.0")));
/// assert_eq!(r.to_string(), "ESTAT:NA_MAIN(1.6.0)");
/// assert!("NA_MAIN".parse::<ArtefactRef>().is_err());
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ArtefactRef {
    text: String,
    colon: usize,
    paren: Option<usize>,
}

impl ArtefactRef {
    /// Parses `AGENCY:ID(VERSION)` or `AGENCY:ID`.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let text = value.into();
        match Self::split(&text) {
            Some((colon, paren)) => Ok(Self { text, colon, paren }),
            None => Err(Error::Usage(format!(
                "invalid SDMX artefact reference {:?}: expected AGENCY:ID(VERSION), e.g. ESTAT:NA_MAIN(1.6.0)",
                shorten(&text)
            ))),
        }
    }

    /// Builds a reference from its parts.
    pub fn from_parts(agency: &str, id: &str, version: Option<&str>) -> Result<Self> {
        match version {
            Some(v) => Self::new(format!("{agency}:{id}({v})")),
            None => Self::new(format!("{agency}:{id}")),
        }
    }

    fn split(s: &str) -> Option<(usize, Option<usize>)> {
        let colon = s.find(':')?;
        let agency = &s[..colon];
        if agency.is_empty()
            || agency
                .split('.')
                .any(|p| p.is_empty() || !p.bytes().all(is_code_char))
        {
            return None;
        }
        let rest = &s[colon + 1..];
        let (id, paren) = match rest.find('(') {
            Some(p) => {
                let version = rest[p + 1..].strip_suffix(')')?;
                let version_ok = !version.is_empty()
                    && version.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'*' | b'-')
                    });
                if !version_ok {
                    return None;
                }
                (&rest[..p], Some(colon + 1 + p))
            }
            None => (rest, None),
        };
        if id.is_empty() || !id.bytes().all(is_code_char) {
            return None;
        }
        Some((colon, paren))
    }

    /// The maintenance agency (`ESTAT`).
    pub fn agency(&self) -> &str {
        &self.text[..self.colon]
    }

    /// The artefact id (`NA_MAIN`).
    pub fn id(&self) -> &str {
        match self.paren {
            Some(p) => &self.text[self.colon + 1..p],
            None => &self.text[self.colon + 1..],
        }
    }

    /// The version (`1.6.0`), when given.
    pub fn version(&self) -> Option<&str> {
        self.paren
            .map(|p| &self.text[p + 1..self.text.len().saturating_sub(1)])
    }

    /// The reference as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl TryFrom<String> for ArtefactRef {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(value)
    }
}

impl FromStr for ArtefactRef {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl From<ArtefactRef> for String {
    fn from(r: ArtefactRef) -> Self {
        r.text
    }
}

impl fmt::Display for ArtefactRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl JsonSchema for ArtefactRef {
    fn schema_name() -> Cow<'static, str> {
        "ArtefactRef".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_statistics::ArtefactRef".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An SDMX artefact reference, AGENCY:ID(VERSION), e.g. ESTAT:NA_MAIN(1.6.0).",
            "pattern": ARTEFACT_REF_PATTERN,
        })
    }
}

/// Which kind of SDMX structure a data row conforms to (SDMX-CSV `STRUCTURE` column).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum StructureKind {
    /// A dataflow (`dataflow`).
    Dataflow,
    /// A data structure definition (`datastructure`).
    #[serde(rename = "dataStructure")]
    DataStructure,
    /// A provision agreement (`dataprovision`).
    #[serde(rename = "dataProvision")]
    DataProvision,
}

impl StructureKind {
    /// The value of the SDMX-CSV `STRUCTURE` column.
    pub fn csv_name(self) -> &'static str {
        match self {
            Self::Dataflow => "dataflow",
            Self::DataStructure => "datastructure",
            Self::DataProvision => "dataprovision",
        }
    }

    /// Reads the SDMX-CSV `STRUCTURE` column (case-insensitive).
    pub fn from_csv(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("dataflow") {
            Some(Self::Dataflow)
        } else if s.eq_ignore_ascii_case("datastructure") {
            Some(Self::DataStructure)
        } else if s.eq_ignore_ascii_case("dataprovision") {
            Some(Self::DataProvision)
        } else {
            None
        }
    }
}

/// The structure a data row conforms to: its kind and reference.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StructureUse {
    /// Dataflow, data structure or provision agreement.
    #[serde(rename = "type")]
    pub kind: StructureKind,
    /// `AGENCY:ID(VERSION)`.
    pub id: ArtefactRef,
}

impl StructureUse {
    /// A dataflow reference.
    pub fn dataflow(id: ArtefactRef) -> Self {
        Self {
            kind: StructureKind::Dataflow,
            id,
        }
    }
}

impl fmt::Display for StructureUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.kind.csv_name(), self.id)
    }
}

/// What a data row asks the receiver to do (SDMX-CSV `ACTION`, SDMX-JSON `action`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// `I`: information (treated as append when loaded). The default.
    #[default]
    Information,
    /// `A`: append.
    Append,
    /// `M`: merge (SDMX-CSV 2.1, SDMX-JSON 2.1).
    Merge,
    /// `R`: replace.
    Replace,
    /// `D`: delete (a `-` marks values to delete; empty dimensions are wildcards).
    Delete,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 5] = [
        Self::Information,
        Self::Append,
        Self::Merge,
        Self::Replace,
        Self::Delete,
    ];

    /// The one-letter SDMX-CSV code.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Information => "I",
            Self::Append => "A",
            Self::Merge => "M",
            Self::Replace => "R",
            Self::Delete => "D",
        }
    }

    /// Reads an SDMX-CSV letter (`I`, `A`, `M`, `R`, `D`) or an SDMX-JSON word
    /// (`Information`, `Append`, `Merge`, `Replace`, `Delete`); case-insensitive.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|a| s.eq_ignore_ascii_case(a.letter()) || s.eq_ignore_ascii_case(a.word()))
    }

    /// Reads an upper-case SDMX-CSV letter. O(1).
    #[inline]
    pub(crate) fn from_letter(b: u8) -> Option<Self> {
        match b {
            b'I' => Some(Self::Information),
            b'A' => Some(Self::Append),
            b'M' => Some(Self::Merge),
            b'R' => Some(Self::Replace),
            b'D' => Some(Self::Delete),
            _ => None,
        }
    }

    /// The SDMX-JSON word.
    pub fn word(self) -> &'static str {
        match self {
            Self::Information => "Information",
            Self::Append => "Append",
            Self::Merge => "Merge",
            Self::Replace => "Replace",
            Self::Delete => "Delete",
        }
    }

    /// A small number for compact storage.
    pub(crate) fn index(self) -> u8 {
        match self {
            Self::Information => 0,
            Self::Append => 1,
            Self::Merge => 2,
            Self::Replace => 3,
            Self::Delete => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn code_ids_match_their_pattern(s in "[ -~]{0,12}|[A-Za-z0-9_@$.-]{1,12}") {
            let re = regex::Regex::new(CODE_ID_PATTERN).unwrap();
            prop_assert_eq!(CodeId::new(s.clone()).is_ok(), re.is_match(&s));
        }

        #[test]
        fn artefact_refs_match_their_pattern(
            s in "[A-Z.:()0-9_*+-]{0,16}|[A-Z]{1,4}(\\.[A-Z]{1,3})?:[A-Z_]{1,6}(\\([0-9.]{1,5}\\))?"
        ) {
            let re = regex::Regex::new(ARTEFACT_REF_PATTERN).unwrap();
            prop_assert_eq!(ArtefactRef::new(s.clone()).is_ok(), re.is_match(&s), "{}", s);
        }
    }

    #[test]
    fn code_length_limit() {
        assert!(CodeId::new("A".repeat(128)).is_ok());
        assert!(CodeId::new("A".repeat(129)).is_err());
    }

    #[test]
    fn actions() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.letter()), Some(a));
            assert_eq!(Action::parse(a.word()), Some(a));
        }
        assert_eq!(Action::parse("X"), None);
    }
}
