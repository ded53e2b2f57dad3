//! Where a fact comes from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Date, WebUrl};

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
    #[serde(deserialize_with = "crate::de::non_empty")]
    #[schemars(length(min = 1))]
    pub title: String,
    /// Where to read it (absolute http or https URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
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
    /// A source with a title and URL; fails when the URL is not an absolute http(s) address.
    ///
    /// ```
    /// let s = govframe_core::Source::new("ITU Council", "https://www.itu.int/en/council/")?;
    /// assert_eq!(s.url.unwrap().as_str(), "https://www.itu.int/en/council/");
    /// # Ok::<(), govframe_core::Error>(())
    /// ```
    pub fn new(title: impl Into<String>, url: &str) -> crate::Result<Self> {
        let title = title.into();
        if title.is_empty() {
            return Err(crate::Error::Empty("a source title"));
        }
        Ok(Self {
            title,
            url: Some(WebUrl::new(url)?),
            publisher: None,
            date: None,
            locator: None,
        })
    }
}
