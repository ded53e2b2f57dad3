//! Where a fact comes from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Date;

/// A citation: every fact taken from elsewhere carries at least one.
///
/// ```
/// use govframe_core::Source;
/// let s: Source = serde_json::from_str(r#"{
///   "title": "Resolution 71 (Rev. Bucharest, 2022)",
///   "url": "https://www.itu.int/",
///   "publisher": "ITU",
///   "locator": "Annex 1, §2.1"
/// }"#)?;
/// assert_eq!(s.publisher.as_deref(), Some("ITU"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// Title of the cited document or page.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Where to read it (absolute http or https URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https?://[^\s]+$"))]
    pub url: Option<String>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication or access date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where in the document (section, page, paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl Source {
    /// A source with a title and URL.
    pub fn new(title: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            url: Some(url.into()),
            publisher: None,
            date: None,
            locator: None,
        }
    }
}
