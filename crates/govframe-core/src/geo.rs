//! Countries ([`CountryCode`]) and ITU regions ([`ItuRegion`]).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, shorten};

/// An ISO 3166-1 alpha-3 country code such as `KEN` (three upper-case ASCII letters).
///
/// The check is syntactic: user-assigned codes used by statistical offices (`XKX` for
/// Kosovo) are accepted; whether a code is assigned is a question for a code list.
///
/// ```
/// use govframe_core::CountryCode;
/// let c: CountryCode = "CHN".parse()?;
/// assert_eq!(c.as_str(), "CHN");
/// assert!("cn".parse::<CountryCode>().is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    /// Checks and wraps a code.
    pub fn new(s: &str) -> Result<Self> {
        match s.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => Ok(Self([*a, *b, *c])),
            _ => Err(Error::InvalidCountryCode(shorten(s))),
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        // Always three ASCII upper-case letters, so always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl TryFrom<String> for CountryCode {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(&value)
    }
}

impl FromStr for CountryCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> Self {
        c.as_str().to_owned()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl JsonSchema for CountryCode {
    fn schema_name() -> Cow<'static, str> {
        "CountryCode".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::CountryCode".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "ISO 3166-1 alpha-3 country code.",
            "pattern": "^[A-Z]{3}$",
        })
    }
}

/// The six ITU-D regions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum ItuRegion {
    /// Africa.
    #[serde(rename = "AFR")]
    Afr,
    /// Americas.
    #[serde(rename = "AMS")]
    Ams,
    /// Arab States.
    #[serde(rename = "ARB")]
    Arb,
    /// Asia and the Pacific.
    #[serde(rename = "ASP")]
    Asp,
    /// Commonwealth of Independent States.
    #[serde(rename = "CIS")]
    Cis,
    /// Europe.
    #[serde(rename = "EUR")]
    Eur,
}

impl ItuRegion {
    /// All six regions.
    pub const ALL: [ItuRegion; 6] = [
        Self::Afr,
        Self::Ams,
        Self::Arb,
        Self::Asp,
        Self::Cis,
        Self::Eur,
    ];

    /// The code (`AFR`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Afr => "AFR",
            Self::Ams => "AMS",
            Self::Arb => "ARB",
            Self::Asp => "ASP",
            Self::Cis => "CIS",
            Self::Eur => "EUR",
        }
    }

    /// The English name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Afr => "Africa",
            Self::Ams => "Americas",
            Self::Arb => "Arab States",
            Self::Asp => "Asia and the Pacific",
            Self::Cis => "Commonwealth of Independent States",
            Self::Eur => "Europe",
        }
    }
}

impl FromStr for ItuRegion {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| Error::UnknownCode {
                list: "ItuRegion",
                value: shorten(s),
            })
    }
}
