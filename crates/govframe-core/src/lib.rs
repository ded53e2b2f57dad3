//! # govframe-core
//!
//! The shared vocabulary of every govframe crate: identifiers and references, localized text
//! and language tags, strict dates and inclusive ranges, sources, countries, ITU regions,
//! stakeholder kinds, extensions, and the validation model (issues, reports, the
//! [`Validate`] trait).
//!
//! Every type here serializes to the JSON conventions of the project (camelCase names,
//! closed objects) and carries a JSON Schema (schemars) that states the same rules serde
//! enforces: a value that deserializes is a value the schema accepts, and the other way round.
//!
//! ```
//! use govframe_core::{Id, LocalizedText, Ref, YearRange};
//!
//! let id: Id = "goal-1".parse()?;
//! let r: Ref = "itu-sp-2024-2027#goal-1".parse()?;
//! assert_eq!(r.document(), Some("itu-sp-2024-2027"));
//! assert_eq!(r.local(), "goal-1");
//! assert!("no spaces".parse::<Id>().is_err());
//!
//! let title = LocalizedText::en("Growth").with("fr", "Croissance")?;
//! assert_eq!(title.get("fr"), Some("Croissance"));
//!
//! let period = YearRange::new(2024, 2027)?;
//! assert!(YearRange::new(2027, 2024).is_err());
//! # let _ = (id, period);
//! # Ok::<(), govframe_core::Error>(())
//! ```

pub mod codelist;
pub mod de;
pub mod document;
pub mod error;
pub mod ext;
pub mod geo;
pub mod id;
pub mod quantity;
pub mod source;
pub mod stakeholder;
pub mod text;
pub mod time;
pub mod url;
pub mod validation;

pub use document::{DocumentMeta, Entity, RefSite, SpecVersion};
pub use error::{Error, Result};
pub use ext::Extensions;
pub use geo::{CountryCode, ItuRegion};
pub use id::{Id, Ref};
pub use quantity::{Direction, Unit, YearValue};
pub use source::Source;
pub use stakeholder::StakeholderKind;
pub use text::{LanguageTag, LocalizedText};
pub use time::{Date, DateRange, YearRange};
pub use url::WebUrl;
pub use validation::{
    Issue, Issues, Level, Pointer, Severity, Validate, ValidationReport, ValidationReportKind,
};
