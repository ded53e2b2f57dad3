//! What every document shares: its spec version and the [`DocumentMeta`] trait through which
//! catalogs find a document's entities and references.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Id, LocalizedText, Ref};

/// The version of the govframe document specification. Only `"1.0"` exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(inline)]
pub enum SpecVersion {
    /// Version 1.0.
    #[default]
    #[serde(rename = "1.0")]
    V1_0,
}

impl SpecVersion {
    /// The version as written in JSON.
    pub const CURRENT: &'static str = "1.0";

    /// The version as written in JSON.
    pub fn as_str(&self) -> &'static str {
        Self::CURRENT
    }
}

/// An entity that a document defines and that references may point at.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity<'a> {
    /// Its id.
    pub id: &'a Id,
    /// What it is (`goal`, `target`, `objective`, `platform`, …).
    pub entity: &'static str,
    /// Where it is in the document (JSON Pointer).
    pub path: String,
    /// Its name, when it has one.
    pub name: Option<&'a LocalizedText>,
}

/// A place where a document refers to an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct RefSite<'a> {
    /// The reference as written.
    pub target: &'a Ref,
    /// Entity kinds it may point at (see [`Entity::entity`]).
    pub expects: &'static [&'static str],
    /// Where the reference is in the document (JSON Pointer).
    pub path: String,
}

/// Common metadata of every document kind.
pub trait DocumentMeta {
    /// The `kind` tag in JSON (e.g. `"strategicPlan"`).
    const KIND: &'static str;

    /// The document id.
    fn id(&self) -> &Id;

    /// The document title.
    fn title(&self) -> &LocalizedText;

    /// Entities defined by the document that references may point at (O(n) in their number).
    fn entities(&self) -> Vec<Entity<'_>> {
        Vec::new()
    }

    /// Every reference the document makes (O(n) in their number).
    fn references(&self) -> Vec<RefSite<'_>> {
        Vec::new()
    }
}
