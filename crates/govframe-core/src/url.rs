//! Web addresses ([`WebUrl`]).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::error::{Error, shorten};

/// The pattern of a [`WebUrl`].
pub const WEB_URL_PATTERN: &str = "^https?://[!-~]+$";

/// An absolute `http` or `https` address of printable ASCII characters without spaces,
/// checked by serde and by the schema alike (`^https?://[!-~]+$`; percent-encode anything
/// else, as RFC 3986 asks).
///
/// ```
/// use govframe_core::WebUrl;
/// let u: WebUrl = "https://example.org/gsr".parse()?;
/// assert_eq!(u.as_str(), "https://example.org/gsr");
/// assert!("ftp://example.org".parse::<WebUrl>().is_err());
/// assert!("https://exa mple.org".parse::<WebUrl>().is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    /// Checks and wraps an address.
    pub fn new(value: impl Into<String>) -> Result<Self, Error> {
        let value = value.into();
        let rest = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"));
        match rest {
            Some(r) if !r.is_empty() && r.bytes().all(|b| (b'!'..=b'~').contains(&b)) => {
                Ok(Self(value))
            }
            _ => Err(Error::InvalidUrl(shorten(&value))),
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebUrl {
    type Error = Error;
    fn try_from(value: String) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl FromStr for WebUrl {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl From<WebUrl> for String {
    fn from(u: WebUrl) -> Self {
        u.0
    }
}

impl std::ops::Deref for WebUrl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for WebUrl {
    fn schema_name() -> Cow<'static, str> {
        "WebUrl".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::WebUrl".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An absolute http or https address: printable ASCII, no spaces.",
            "pattern": WEB_URL_PATTERN,
        })
    }
}
