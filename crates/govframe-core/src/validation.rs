//! The validation model: [`Issue`]s found at one of three [`Level`]s, collected in
//! [`Issues`] and reported as a [`ValidationReport`] document.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Extensions, Id, LocalizedText, SpecVersion};

/// How serious an issue is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The document is invalid.
    Error,
    /// Probably a mistake; the document is still valid.
    Warning,
    /// Worth knowing.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        })
    }
}

/// Which check found an issue.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Reading the JSON or the typed document (syntax, types, value rules).
    Parse,
    /// The JSON Schema of the document kind.
    Schema,
    /// Rules inside one document (references, uniqueness, ranges…).
    Semantics,
    /// Rules across documents (references resolved through a catalog).
    Catalog,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Parse => "parse",
            Self::Schema => "schema",
            Self::Semantics => "semantics",
            Self::Catalog => "catalog",
        })
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Issue {
    /// Which check found it.
    pub level: Level,
    /// How serious it is.
    pub severity: Severity,
    /// A stable rule id such as `strategy.target.unknown-goal` or `schema.required`.
    #[serde(deserialize_with = "crate::de::non_empty")]
    #[schemars(length(min = 1))]
    pub rule: String,
    /// Where: a JSON Pointer into the document (`""` is the whole document).
    pub path: String,
    /// 1-based line in the file, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub line: Option<u64>,
    /// 1-based column in the file, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub column: Option<u64>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Issue {
    /// A new issue.
    pub fn new(
        level: Level,
        severity: Severity,
        rule: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            level,
            severity,
            rule: rule.into(),
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint on how to fix the issue.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{} [{}] {}", self.severity, self.rule, path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, " — help: {h}")?;
        }
        Ok(())
    }
}

/// A JSON Pointer (RFC 6901) under construction.
///
/// ```
/// use govframe_core::Pointer;
/// let p = Pointer::root().key("targets").index(3).key("a/b");
/// assert_eq!(p.as_str(), "/targets/3/a~1b");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document (`""`).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Appends an object key (escaping `~` and `/`).
    pub fn key(mut self, key: &str) -> Self {
        self.0.push('/');
        for ch in key.chars() {
            match ch {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        self
    }

    /// Appends an array index.
    pub fn index(mut self, i: usize) -> Self {
        let _ = write!(self.0, "/{i}");
        self
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> Self {
        p.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A collector of issues at one level, with helpers for common rules.
///
/// ```
/// use govframe_core::{Issues, Level, Id};
/// let mut issues = Issues::new(Level::Semantics);
/// let ids = ["a", "b", "a"].map(|s| s.parse::<Id>().unwrap());
/// issues.unique_ids("demo.duplicate-id", ids.iter().enumerate().map(|(i, id)| (id, i)), |i| format!("/items/{i}/id"));
/// assert_eq!(issues.errors(), 1);
/// assert_eq!(issues.as_slice()[0].path, "/items/2/id");
/// ```
#[derive(Debug, Clone)]
pub struct Issues {
    level: Level,
    list: Vec<Issue>,
}

impl Issues {
    /// An empty collector for `level`.
    pub fn new(level: Level) -> Self {
        Self {
            level,
            list: Vec::new(),
        }
    }

    /// Records an error.
    pub fn error(
        &mut self,
        rule: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Issue {
        self.push(Severity::Error, rule, path, message)
    }

    /// Records a warning.
    pub fn warning(
        &mut self,
        rule: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Issue {
        self.push(Severity::Warning, rule, path, message)
    }

    /// Records an informational note.
    pub fn info(
        &mut self,
        rule: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Issue {
        self.push(Severity::Info, rule, path, message)
    }

    fn push(
        &mut self,
        severity: Severity,
        rule: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Issue {
        self.list
            .push(Issue::new(self.level, severity, rule, path, message));
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    /// Reports every id seen before, with the path of the repeat. O(n) with hashing.
    pub fn unique_ids<'a, T>(
        &mut self,
        rule: &str,
        ids: impl IntoIterator<Item = (&'a Id, T)>,
        path: impl Fn(T) -> String,
    ) {
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for (id, at) in ids {
            if seen.insert(id.as_str(), ()).is_some() {
                self.error(
                    rule,
                    path(at),
                    format!("id {:?} is used more than once", id.as_str()),
                )
                .help = Some("ids must be unique inside a document".into());
            }
        }
    }

    /// Reports a non-finite number.
    pub fn finite(&mut self, rule: &str, value: f64, path: impl FnOnce() -> String) {
        if !value.is_finite() {
            self.error(rule, path(), format!("{value} is not a finite number"));
        }
    }

    /// Adds issues found elsewhere.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Issue>) {
        self.list.extend(other);
    }

    /// Number of errors so far.
    pub fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }

    /// The issues so far.
    pub fn as_slice(&self) -> &[Issue] {
        &self.list
    }

    /// The collected issues.
    pub fn into_vec(self) -> Vec<Issue> {
        self.list
    }
}

/// Semantic checks of a value: every rule the schema cannot express (references inside
/// the document, uniqueness, ranges, cross-field rules). Implementations report every
/// problem, not only the first, with a JSON Pointer to it.
pub trait Validate {
    /// Appends the issues of `self` to `issues`.
    fn validate_into(&self, issues: &mut Issues);

    /// All semantic issues of `self`.
    fn validate(&self) -> Vec<Issue> {
        let mut issues = Issues::new(Level::Semantics);
        self.validate_into(&mut issues);
        issues.into_vec()
    }
}

crate::document_kind!(
    /// The kind tag of a validation report.
    ValidationReportKind = "validationReport"
);

/// The outcome of validating one document: a document itself, so that tools can exchange it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "ValidationReport")]
pub struct ValidationReport {
    /// Always `"validationReport"`.
    pub kind: ValidationReportKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Id of the report.
    pub id: Id,
    /// Title of the report.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What was validated (a file path or a name).
    pub subject: String,
    /// The `kind` of the validated document, when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_kind: Option<String>,
    /// The `specVersion` checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_spec_version: Option<String>,
    /// The `$id` of the schema checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_id: Option<String>,
    /// The `id` of the validated document, when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// Whether there is no error.
    pub valid: bool,
    /// Number of errors.
    pub error_count: u32,
    /// Number of warnings.
    pub warning_count: u32,
    /// Every issue found.
    pub issues: Vec<Issue>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl ValidationReport {
    /// A report on `subject` with these issues; `valid` and the counts are derived.
    pub fn new(subject: impl Into<String>, issues: Vec<Issue>) -> Self {
        let subject = subject.into();
        let error_count = issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        let warning_count = issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count();
        Self {
            kind: ValidationReportKind::Value,
            spec_version: SpecVersion::V1_0,
            id: Id::known("validation-report"),
            title: LocalizedText::en(format!(
                "Validation report: {}",
                crate::error::shorten(&subject)
            )),
            schema: None,
            subject,
            checked_kind: None,
            checked_spec_version: None,
            schema_id: None,
            document_id: None,
            valid: error_count == 0,
            error_count: u32::try_from(error_count).unwrap_or(u32::MAX),
            warning_count: u32::try_from(warning_count).unwrap_or(u32::MAX),
            issues,
            extensions: None,
        }
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
}

impl crate::DocumentMeta for ValidationReport {
    const KIND: &'static str = ValidationReportKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for ValidationReport {
    fn validate_into(&self, issues: &mut Issues) {
        let errors = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        let warnings = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count();
        if self.error_count as usize != errors {
            issues.error(
                "validation-report.count-mismatch",
                "/errorCount",
                format!(
                    "errorCount is {} but {} issues are errors",
                    self.error_count, errors
                ),
            );
        }
        if self.warning_count as usize != warnings {
            issues.error(
                "validation-report.count-mismatch",
                "/warningCount",
                format!(
                    "warningCount is {} but {} issues are warnings",
                    self.warning_count, warnings
                ),
            );
        }
        if self.valid != (errors == 0) {
            issues.error(
                "validation-report.valid-mismatch",
                "/valid",
                format!("valid is {} but there are {} errors", self.valid, errors),
            );
        }
    }
}
