//! The error type of govframe-statistics.

use std::fmt;

/// Where in an input file a problem is.
///
/// `line` is the 1-based physical line where the record starts (a quoted field may span
/// several lines), `record` the 1-based record number (the header is record 1), `column` the
/// 1-based field number and `field` the header of that column, when known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (a path or a name given by the caller).
    pub file: String,
    /// 1-based physical line, when known.
    pub line: Option<u64>,
    /// 1-based column (field number in a CSV record, character in JSON), when known.
    pub column: Option<u64>,
    /// 1-based CSV record number (header = 1), when known.
    pub record: Option<u64>,
    /// The column header or component id, when known.
    pub field: Option<String>,
}

impl Location {
    /// A location in `file` with nothing more precise.
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            ..Self::default()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ": line {l}")?;
        }
        if let Some(c) = self.column {
            write!(f, ", column {c}")?;
        }
        if let Some(name) = &self.field {
            write!(f, " ({})", govframe_core::error::shorten(name))?;
        }
        if let (Some(r), Some(l)) = (self.record, self.line)
            && r != l
        {
            write!(f, " [record {r}]")?;
        }
        Ok(())
    }
}

/// What is wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A record has more non-empty fields than the header.
    TooManyFields {
        /// Fields in the header.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// A record has fewer fields than the header.
    TooFewFields {
        /// Fields in the header.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// A quoted field is not closed before the end of the file.
    UnterminatedQuote,
    /// A quote appears after the closing quote of a field, or inside an unquoted field.
    StrayQuote,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A measure value is not a number.
    NonNumericMeasure(String),
    /// A measure value is a number that is not finite (`inf`).
    NonFiniteMeasure(String),
    /// A dimension value is not in the codelist (found while reading with a structure).
    UnknownDimensionValue(String),
    /// The same full key appears twice.
    DuplicateKey {
        /// The key, values joined with `.` (empty when only fingerprints were kept).
        key: String,
        /// The line of the first occurrence.
        first_line: u64,
    },
    /// A required column is missing from the header.
    MissingColumn(String),
    /// A column header appears twice.
    DuplicateColumn(String),
    /// The file is empty or has no header.
    NoHeader,
    /// A value is not what the format allows (a bad ACTION, STRUCTURE, index…).
    BadValue(String),
    /// The document layout is not one this crate reads (e.g. pre-1.0 SDMX-JSON drafts).
    UnsupportedLayout(String),
    /// JSON syntax or type error.
    Json(String),
    /// A row could not be written.
    Output(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use govframe_core::error::shorten;
        match self {
            Self::TooManyFields { expected, found } => {
                write!(
                    f,
                    "too many fields: the header has {expected}, this record {found}"
                )
            }
            Self::TooFewFields { expected, found } => {
                write!(
                    f,
                    "too few fields: the header has {expected}, this record {found}"
                )
            }
            Self::UnterminatedQuote => f.write_str(
                "unterminated quote: a quoted field is not closed before the end of the file",
            ),
            Self::StrayQuote => f.write_str(
                "stray quote: a field with a quote must be quoted, and quotes inside it doubled",
            ),
            Self::InvalidUtf8 => f.write_str("invalid UTF-8: the file must be UTF-8 text"),
            Self::NonNumericMeasure(v) => {
                write!(f, "measure value {:?} is not a number", shorten(v))
            }
            Self::NonFiniteMeasure(v) => {
                write!(f, "measure value {:?} is not a finite number", shorten(v))
            }
            Self::UnknownDimensionValue(v) => {
                write!(f, "dimension value {:?} is not in its codelist", shorten(v))
            }
            Self::DuplicateKey { key, first_line } if key.is_empty() => write!(
                f,
                "duplicate key: an observation with the same dimension values is already at line {first_line}"
            ),
            Self::DuplicateKey { key, first_line } => write!(
                f,
                "duplicate key {:?}: the same observation is already at line {first_line}",
                shorten(key)
            ),
            Self::MissingColumn(c) => write!(f, "missing column {c:?}"),
            Self::DuplicateColumn(c) => write!(f, "column {:?} appears twice", shorten(c)),
            Self::NoHeader => f.write_str("no header: the file is empty"),
            Self::BadValue(m) => f.write_str(m),
            Self::UnsupportedLayout(m) => write!(f, "unsupported layout: {m}"),
            Self::Json(m) => write!(f, "invalid JSON: {m}"),
            Self::Output(m) => write!(f, "cannot write: {m}"),
        }
    }
}

/// Errors of govframe-statistics.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// An input file is malformed; says where and what.
    #[error("{at}: {problem}")]
    Input {
        /// Where.
        at: Box<Location>,
        /// What.
        problem: Problem,
    },
    /// An argument or option is not usable (a bad column mapping, an unknown format…).
    #[error("{0}")]
    Usage(String),
    /// A value broke a core rule (an id, a date…).
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
    /// A dataset is larger than this crate can index (more than 4 294 967 294 rows).
    #[error("too many rows: at most {max} are supported")]
    TooManyRows {
        /// The limit.
        max: u64,
    },
}

impl Error {
    /// An input error at `at`.
    pub fn input(at: Location, problem: Problem) -> Self {
        Self::Input {
            at: Box::new(at),
            problem,
        }
    }

    /// The problem, when this is an input error.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Self::Input { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// The location, when this is an input error.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::Input { at, .. } => Some(at),
            _ => None,
        }
    }
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
