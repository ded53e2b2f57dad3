//! The error type of govframe-core.

/// Errors raised when a value breaks one of the core rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An identifier does not match `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`.
    #[error("invalid id {value:?}: {reason}")]
    InvalidId {
        /// The offending value (shortened when long).
        value: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A reference is neither `id` nor `document#id`.
    #[error("invalid reference {value:?}: {reason}")]
    InvalidRef {
        /// The offending value (shortened when long).
        value: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A language tag is not a well-formed BCP 47 tag.
    #[error(
        "invalid language tag {0:?}: expected a BCP 47 tag such as \"en\", \"zh-Hans\" or \"es-419\""
    )]
    InvalidLanguageTag(String),
    /// A localized text has no entry, an empty entry or a duplicated language.
    #[error("invalid localized text: {0}")]
    InvalidLocalizedText(String),
    /// A date is not a real calendar date written `YYYY-MM-DD`.
    #[error("invalid date {0:?}: expected a calendar date written YYYY-MM-DD")]
    InvalidDate(String),
    /// A range starts after it ends.
    #[error("{what} starts after it ends: {start} > {end}")]
    InvalidRange {
        /// What kind of range (`year range`, `date range`).
        what: &'static str,
        /// The start, as written.
        start: String,
        /// The end, as written.
        end: String,
    },
    /// A country code is not three upper-case letters.
    #[error("invalid country code {0:?}: expected an ISO 3166-1 alpha-3 code such as \"KEN\"")]
    InvalidCountryCode(String),
    /// An extension namespace is malformed.
    #[error("invalid extension namespace {0:?}: expected ^[A-Za-z][A-Za-z0-9._-]{{0,63}}$")]
    InvalidNamespace(String),
    /// A web address is not an absolute http(s) URL of printable ASCII.
    #[error(
        "invalid URL {0:?}: expected an absolute http:// or https:// address without spaces (percent-encode other characters)"
    )]
    InvalidUrl(String),
    /// A text that must not be empty is empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// A code is not in a closed code list.
    #[error("unknown code {value:?} for {list}")]
    UnknownCode {
        /// The code list.
        list: &'static str,
        /// The offending value.
        value: String,
    },
}

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shortens a value for an error message so that a 10 MB string never reaches a terminal.
pub fn shorten(value: &str) -> String {
    const MAX: usize = 64;
    if value.len() <= MAX {
        return value.to_owned();
    }
    let mut end = MAX;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &value[..end], value.len())
}
