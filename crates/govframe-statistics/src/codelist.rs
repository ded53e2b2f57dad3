//! Codelists: the controlled vocabularies of coded dimensions and attributes.

use std::collections::{HashMap, HashSet};

use govframe_core::{
    Date, DocumentMeta, Extensions, Id, Issues, LocalizedText, Pointer, Source, SpecVersion,
    Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::CodeId;

govframe_core::document_kind!(
    /// The kind tag of a codelist.
    CodelistKind = "codelist"
);

/// A code of a codelist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Code {
    /// The code (`KEN`, `_T`, `A`), unique in the codelist.
    pub id: CodeId,
    /// Its name.
    pub name: LocalizedText,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The code above it in a hierarchy (a code of the same list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<CodeId>,
    /// First day the code is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Last day the code is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
}

impl Code {
    /// A code with a name.
    pub fn new(id: CodeId, name: LocalizedText) -> Self {
        Self {
            id,
            name,
            description: None,
            parent: None,
            valid_from: None,
            valid_to: None,
        }
    }
}

/// A codelist document (`codelist`).
///
/// ```
/// use govframe_core::{LocalizedText, Validate};
/// use govframe_statistics::{Code, Codelist};
/// let mut cl = Codelist::new("cl-freq".parse()?, LocalizedText::en("Frequency"));
/// cl.codes.push(Code::new("A".parse()?, LocalizedText::en("Annual")));
/// cl.codes.push(Code::new("M".parse()?, LocalizedText::en("Monthly")));
/// assert!(cl.contains("A") && !cl.contains("Q"));
/// assert!(cl.validate().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Codelist")]
pub struct Codelist {
    /// Always `"codelist"`.
    pub kind: CodelistKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id (`cl-area`).
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// SDMX maintenance agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Artefact version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// What the list covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub codes: Vec<Code>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Codelist {
    /// An empty codelist.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: CodelistKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            agency: None,
            version: None,
            description: None,
            codes: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// Whether `code` is in the list. O(n); use [`Codelist::code_set`] for many lookups.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c.id.as_str() == code)
    }

    /// The code with this id.
    pub fn code(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id.as_str() == code)
    }

    /// Every code, for O(1) lookups.
    pub fn code_set(&self) -> HashSet<&str> {
        self.codes.iter().map(|c| c.id.as_str()).collect()
    }
}

impl DocumentMeta for Codelist {
    const KIND: &'static str = CodelistKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

/// (id, parent) pairs in order, for the hierarchy checks.
pub(crate) fn parent_map<'a>(
    items: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> Vec<(&'a str, Option<&'a str>)> {
    items.collect()
}

/// Reports parents that are not items of the list, and cycles. O(n·depth).
pub(crate) fn check_parents(
    issues: &mut Issues,
    items: &[(&str, Option<&str>)],
    list: &str,
    unknown_rule: &str,
    cycle_rule: &str,
) {
    let parent_of: HashMap<&str, Option<&str>> = items.iter().copied().collect();
    let mut in_cycle: HashSet<&str> = HashSet::new();
    for (i, (id, parent)) in items.iter().enumerate() {
        let Some(parent) = parent else { continue };
        let at = || String::from(Pointer::root().key(list).index(i).key("parent"));
        if !parent_of.contains_key(parent) {
            issues.error(
                unknown_rule,
                at(),
                format!("parent {parent:?} of {id:?} is not in the list"),
            );
            continue;
        }
        // Walk up at most n steps; coming back to `id` is a cycle.
        let mut cur = Some(*parent);
        let mut steps = 0;
        while let Some(c) = cur {
            if c == *id {
                if in_cycle.insert(id) {
                    issues.error(
                        cycle_rule,
                        at(),
                        format!("{id:?} is its own ancestor through its parents"),
                    );
                }
                break;
            }
            steps += 1;
            if steps > items.len() {
                break;
            }
            cur = parent_of.get(c).copied().flatten();
        }
    }
}

impl Validate for Codelist {
    /// Rules: codes are unique (`statistics.codelist.duplicate-code`); a parent is a code of
    /// the list (`statistics.codelist.unknown-parent`) without cycles
    /// (`statistics.codelist.parent-cycle`); `validFrom` is not after `validTo`
    /// (`statistics.codelist.validity-range`). O(n·depth).
    fn validate_into(&self, issues: &mut Issues) {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(self.codes.len());
        for (i, c) in self.codes.iter().enumerate() {
            if let Some(first) = seen.insert(c.id.as_str(), i) {
                issues
                    .error(
                        "statistics.codelist.duplicate-code",
                        Pointer::root().key("codes").index(i).key("id"),
                        format!("code {:?} is already at /codes/{first}", c.id.as_str()),
                    )
                    .help = Some("codes must be unique inside a codelist".into());
                seen.insert(c.id.as_str(), first);
            }
            if let (Some(from), Some(to)) = (c.valid_from, c.valid_to)
                && from > to
            {
                issues.error(
                    "statistics.codelist.validity-range",
                    Pointer::root().key("codes").index(i).key("validTo"),
                    format!("code {:?} is valid from {from} to {to}", c.id.as_str()),
                );
            }
        }
        let items = parent_map(
            self.codes
                .iter()
                .map(|c| (c.id.as_str(), c.parent.as_ref().map(CodeId::as_str))),
        );
        check_parents(
            issues,
            &items,
            "codes",
            "statistics.codelist.unknown-parent",
            "statistics.codelist.parent-cycle",
        );
    }
}
