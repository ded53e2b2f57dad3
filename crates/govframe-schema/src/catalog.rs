//! A [`Catalog`] of loaded documents that resolves `documentId#entityId` references.

use std::collections::HashMap;

use govframe_core::{Issue, Level, LocalizedText, Ref, Severity};

use crate::registry::Document;

/// One entity as the catalog knows it.
#[derive(Debug, Clone, PartialEq)]
struct EntityInfo {
    entity: &'static str,
    name: Option<LocalizedText>,
}

/// A loaded document with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Where it was read from (a path, or a name).
    pub source: String,
    /// The document.
    pub document: Document,
    entities: HashMap<String, EntityInfo>,
}

/// What a reference resolved to.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved<'a> {
    /// The entity exists.
    Found {
        /// The document it is in.
        document: &'a Document,
        /// What it is (`goal`, `platform`, …).
        entity: &'static str,
        /// Its name, when it has one.
        name: Option<&'a LocalizedText>,
    },
    /// No loaded document has the reference's document id.
    UnknownDocument,
    /// The document is loaded but has no entity with that id.
    UnknownEntity,
}

/// Documents loaded together, so that references across them can be resolved.
///
/// ```
/// use govframe_schema::{Catalog, Resolved};
/// use govframe_schema::validate::read_str;
///
/// let plan = read_str(r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "plan",
///   "title": {"en": "P"}, "period": {"startYear": 2024, "endYear": 2027},
///   "goals": [{"id": "g1", "name": {"en": "Growth"}}]}"#).unwrap();
/// let mut catalog = Catalog::new();
/// catalog.add(plan, "plan.json").unwrap();
/// let r = catalog.resolve(&"plan#g1".parse().unwrap());
/// assert!(matches!(r, Resolved::Found { entity: "goal", .. }));
/// assert_eq!(catalog.resolve(&"plan#g9".parse().unwrap()), Resolved::UnknownEntity);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    docs: Vec<Loaded>,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document. Fails with a `catalog.duplicate-document` issue when a document with
    /// the same id is already loaded (the catalog keeps the first). O(entities).
    pub fn add(&mut self, document: Document, source: impl Into<String>) -> Result<(), Box<Issue>> {
        let source = source.into();
        let id = document.id().as_str().to_owned();
        if let Some(&i) = self.by_id.get(&id) {
            return Err(Box::new(Issue::new(
                Level::Catalog,
                Severity::Error,
                "catalog.duplicate-document",
                "/id",
                format!(
                    "document id {id:?} is already used by {}",
                    self.docs[i].source
                ),
            )));
        }
        let entities = document
            .entities()
            .into_iter()
            .map(|e| {
                (
                    e.id.as_str().to_owned(),
                    EntityInfo {
                        entity: e.entity,
                        name: e.name.cloned(),
                    },
                )
            })
            .collect();
        self.by_id.insert(id, self.docs.len());
        self.docs.push(Loaded {
            source,
            document,
            entities,
        });
        Ok(())
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> impl Iterator<Item = &Loaded> {
        self.docs.iter()
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &self.docs[i].document)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Resolves a document-qualified reference. A local reference (no `#`) resolves in no
    /// document and gives [`Resolved::UnknownDocument`]; use [`Catalog::resolve_from`].
    pub fn resolve(&self, r: &Ref) -> Resolved<'_> {
        match r.document() {
            Some(doc) => self.resolve_in(doc, r.local()),
            None => Resolved::UnknownDocument,
        }
    }

    /// Resolves a reference written inside document `from` (local references point there).
    pub fn resolve_from(&self, from: &str, r: &Ref) -> Resolved<'_> {
        self.resolve_in(r.document().unwrap_or(from), r.local())
    }

    fn resolve_in(&self, doc: &str, local: &str) -> Resolved<'_> {
        let Some(&i) = self.by_id.get(doc) else {
            return Resolved::UnknownDocument;
        };
        let loaded = &self.docs[i];
        match loaded.entities.get(local) {
            Some(info) => Resolved::Found {
                document: &loaded.document,
                entity: info.entity,
                name: info.name.as_ref(),
            },
            None => Resolved::UnknownEntity,
        }
    }

    /// The name of the entity a reference points at, when it resolves and has one.
    pub fn name_of(&self, r: &Ref) -> Option<LocalizedText> {
        match self.resolve(r) {
            Resolved::Found { name, .. } => name.cloned(),
            _ => None,
        }
    }

    /// Checks every cross-document reference of every document. Returns, per document (by
    /// position), its catalog issues:
    ///
    /// * `catalog.unknown-entity` (error): the document is loaded but has no such entity;
    /// * `catalog.wrong-entity-kind` (error): the entity is not of a kind the place expects;
    /// * `catalog.unknown-document` (warning): the document is not loaded, so the reference
    ///   could not be checked.
    ///
    /// Local references are the document's own semantic rules. O(total references).
    pub fn check_references(&self) -> Vec<Vec<Issue>> {
        self.docs
            .iter()
            .map(|loaded| {
                let own = loaded.document.id().as_str();
                let mut issues = Vec::new();
                for site in loaded.document.references() {
                    let Some(doc) = site.target.document() else {
                        continue;
                    };
                    if doc == own {
                        continue;
                    }
                    let issue = match self.resolve(site.target) {
                        Resolved::Found { entity, .. } if site.expects.contains(&entity) => {
                            continue;
                        }
                        Resolved::Found { entity, .. } => Issue::new(
                            Level::Catalog,
                            Severity::Error,
                            "catalog.wrong-entity-kind",
                            site.path,
                            format!(
                                "{} is a {entity}, but a {} is expected here",
                                site.target,
                                site.expects.join(" or ")
                            ),
                        ),
                        Resolved::UnknownEntity => Issue::new(
                            Level::Catalog,
                            Severity::Error,
                            "catalog.unknown-entity",
                            site.path,
                            format!(
                                "document {doc:?} has no {} with id {:?}",
                                site.expects.join(" or "),
                                site.target.local()
                            ),
                        ),
                        Resolved::UnknownDocument => Issue::new(
                            Level::Catalog,
                            Severity::Warning,
                            "catalog.unknown-document",
                            site.path,
                            format!(
                                "{} points into document {doc:?}, which is not loaded",
                                site.target
                            ),
                        )
                        .with_help(
                            "validate it together with that document to check the reference",
                        ),
                    };
                    issues.push(issue);
                }
                issues
            })
            .collect()
    }
}
