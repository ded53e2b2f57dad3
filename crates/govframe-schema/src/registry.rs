//! Every document kind, and the [`Document`] union.
//!
//! The union is not tagged with `#[serde(tag = "kind")]`: each document carries its own
//! `kind` field, so reading peeks at `kind` and then reads the matching type (see the schema
//! rules in the design notes).

use govframe_core::{DocumentMeta, Entity, Id, Issue, LocalizedText, RefSite, Validate};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

/// Facts about one document kind.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// The `kind` value (`strategicPlan`).
    pub kind: &'static str,
    /// The Rust type's name, also the schema title (`StrategicPlan`).
    pub title: &'static str,
    /// The crate that defines it.
    pub crate_name: &'static str,
    /// One sentence on what it is.
    pub description: &'static str,
    generate: fn(&mut SchemaGenerator) -> schemars::Schema,
    root: fn(schemars::generate::SchemaSettings) -> schemars::Schema,
}

impl KindInfo {
    /// The schema file name: `strategic-plan.schema.json`.
    pub fn file_name(&self) -> String {
        let mut out = String::new();
        for c in self.kind.chars() {
            if c.is_ascii_uppercase() {
                out.push('-');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out.push_str(".schema.json");
        out
    }

    /// A `$ref` subschema for this kind in `generator` (adds its definitions there).
    pub fn subschema(&self, generator: &mut SchemaGenerator) -> schemars::Schema {
        (self.generate)(generator)
    }

    /// The root schema of this kind, generated with `settings`.
    pub fn root_schema(&self, settings: schemars::generate::SchemaSettings) -> schemars::Schema {
        (self.root)(settings)
    }
}

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident => $ty:ty, $krate:literal, $desc:literal; )+) => {
        /// Any govframe document.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum Document {
            $( $(#[$doc])* $variant(Box<$ty>), )+
        }

        /// Every document kind, in a stable order.
        pub static KINDS: &[KindInfo] = &[
            $( KindInfo {
                kind: <$ty as DocumentMeta>::KIND,
                title: stringify!($variant),
                crate_name: $krate,
                description: $desc,
                generate: |g| g.subschema_for::<$ty>(),
                root: |s| s.into_generator().into_root_schema_for::<$ty>(),
            }, )+
        ];

        impl Document {
            /// The `kind` of the document.
            pub fn kind(&self) -> &'static str {
                match self { $( Self::$variant(_) => <$ty as DocumentMeta>::KIND, )+ }
            }

            /// The document id.
            pub fn id(&self) -> &Id {
                match self { $( Self::$variant(d) => d.id(), )+ }
            }

            /// The document title.
            pub fn title(&self) -> &LocalizedText {
                match self { $( Self::$variant(d) => d.title(), )+ }
            }

            /// Entities the document defines.
            pub fn entities(&self) -> Vec<Entity<'_>> {
                match self { $( Self::$variant(d) => d.entities(), )+ }
            }

            /// References the document makes.
            pub fn references(&self) -> Vec<RefSite<'_>> {
                match self { $( Self::$variant(d) => d.references(), )+ }
            }

            /// Semantic issues of the document.
            pub fn validate(&self) -> Vec<Issue> {
                match self { $( Self::$variant(d) => d.validate(), )+ }
            }

            /// Reads a document of kind `kind` with any serde deserializer.
            /// Returns `Ok(None)` when the kind is unknown.
            pub fn deserialize_kind<'de, D: serde::Deserializer<'de>>(
                kind: &str,
                deserializer: D,
            ) -> Result<Option<Self>, D::Error> {
                $( if kind == <$ty as DocumentMeta>::KIND {
                    return <$ty>::deserialize(deserializer).map(|d| Some(Self::$variant(Box::new(d))));
                } )+
                Ok(None)
            }
        }

        $(
            impl From<$ty> for Document {
                fn from(d: $ty) -> Self {
                    Self::$variant(Box::new(d))
                }
            }
        )+
    };
}

kinds! {
    /// A strategic plan.
    StrategicPlan => govframe_strategy::StrategicPlan, "govframe-strategy",
        "A strategic plan: vision, mission, goals, targets, priorities, enablers and objectives.";
    /// A set of objectives outside a plan.
    ObjectiveSet => govframe_objectives::ObjectiveSet, "govframe-objectives",
        "Sectoral and inter-sectoral objectives kept outside a plan, e.g. proposed ones.";
    /// A coverage analysis of a plan.
    CoverageReport => govframe_strategy::CoverageReport, "govframe-strategy",
        "For each goal of a plan: its targets, objectives and consultation mechanisms.";
    /// The outcome of validating a document.
    ValidationReport => govframe_core::ValidationReport, "govframe-core",
        "The outcome of validating one document: every issue with its rule, path and place.";
}

/// The kind with this `kind` value.
pub fn kind_info(kind: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.kind == kind)
}

/// The list of known kinds, for messages.
pub fn known_kinds() -> String {
    KINDS.iter().map(|k| k.kind).collect::<Vec<_>>().join(", ")
}

impl<'de> Deserialize<'de> for Document {
    /// Reads any document: peeks at `kind` (through a JSON value), then reads the matching
    /// type. For precise line and column numbers use [`crate::validate::read_str`].
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(deserializer)?;
        let kind = value
            .get("kind")
            .and_then(|k| k.as_str())
            .ok_or_else(|| D::Error::custom("a document needs a string \"kind\""))?
            .to_owned();
        Document::deserialize_kind(&kind, value)
            .map_err(D::Error::custom)?
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown kind {kind:?}; expected one of {}",
                    known_kinds()
                ))
            })
    }
}

impl JsonSchema for Document {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Document".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        let variants: Vec<serde_json::Value> = KINDS
            .iter()
            .map(|k| k.subschema(generator).to_value())
            .collect();
        schemars::json_schema!({
            "description": "Any govframe document, told apart by its `kind`.",
            "oneOf": variants,
        })
    }
}
