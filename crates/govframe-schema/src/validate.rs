//! Validation at three levels — parse, schema, semantics — into one
//! [`ValidationReport`].
//!
//! 1. **Parse**: the JSON text (syntax, truncation, nesting deeper than 128 levels), an
//!    object with a known `kind`; then the typed document (value rules the schema cannot
//!    state: ranges with start after end, duplicated keys, …), with line and column.
//! 2. **Schema**: the exported JSON Schema of the kind, through the `jsonschema` crate with
//!    formats asserted; every error with its instance path.
//! 3. **Semantics**: the kind's [`Validate`](govframe_core::Validate) rules (references,
//!    uniqueness, ranges…).
//!
//! Each issue has a stable `rule`, a JSON Pointer `path` and, where the text is at hand,
//! `line` and `column`. Cross-document references are checked by a
//! [`Catalog`](crate::Catalog).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use govframe_core::error::shorten;
use govframe_core::{Issue, Level, Pointer, Severity, SpecVersion, ValidationReport};
use serde_json::Value;

use crate::registry::{Document, kind_info, known_kinds};

/// Issues beyond this count get no line and column (each lookup scans the text).
pub const MAX_LOCATED_ISSUES: usize = 1000;

/// The result of validating one text: the report, and the document when it could be read.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every issue found.
    pub report: ValidationReport,
    /// The typed document, when the text parsed into one (it may still have semantic errors).
    pub document: Option<Document>,
}

type Validators = HashMap<&'static str, Result<jsonschema::Validator, String>>;

fn schemas() -> &'static crate::Result<crate::Schemas> {
    static CELL: OnceLock<crate::Result<crate::Schemas>> = OnceLock::new();
    CELL.get_or_init(|| crate::export::generate(None))
}

fn validators() -> &'static Validators {
    static CELL: OnceLock<Validators> = OnceLock::new();
    CELL.get_or_init(|| {
        let schemas = schemas();
        crate::registry::KINDS
            .iter()
            .map(|k| {
                let v = match &schemas {
                    Ok(s) => match s.for_kind(k.kind) {
                        Some(schema) => jsonschema::draft202012::options()
                            .should_validate_formats(true)
                            .build(schema)
                            .map_err(|e| e.to_string()),
                        None => Err("no schema generated".to_owned()),
                    },
                    Err(e) => Err(e.to_string()),
                };
                (k.kind, v)
            })
            .collect()
    })
}

/// The compiled validator of a kind (built once per process).
pub fn validator_for(kind: &str) -> crate::Result<&'static jsonschema::Validator> {
    match validators().get(kind) {
        Some(Ok(v)) => Ok(v),
        Some(Err(message)) => Err(crate::Error::Schema {
            kind: kind.to_owned(),
            message: message.clone(),
        }),
        None => Err(crate::Error::Document {
            path: String::new(),
            message: format!("unknown kind {kind:?}; expected one of {}", known_kinds()),
        }),
    }
}

fn parse_issue(rule: &str, message: impl Into<String>) -> Issue {
    Issue::new(Level::Parse, Severity::Error, rule, "", message)
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Cuts a long message in the middle so that it keeps its start and its end.
fn short_message(msg: String) -> String {
    const MAX: usize = 400;
    if msg.len() <= MAX {
        return msg;
    }
    let mut head = 240;
    while !msg.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = msg.len() - 120;
    while !msg.is_char_boundary(tail) {
        tail += 1;
    }
    format!(
        "{} … [{} bytes cut] … {}",
        &msg[..head],
        tail - head,
        &msg[tail..]
    )
}

fn json_error_issue(e: &serde_json::Error, typed: bool) -> Issue {
    let msg = strip_position(&e.to_string());
    let rule = if msg.contains("recursion limit exceeded") {
        "parse.too-deep"
    } else if e.is_eof() {
        "parse.truncated"
    } else if msg.starts_with("duplicate field") || msg.contains("appears twice") {
        "parse.duplicate-key"
    } else if typed {
        "parse.invalid-value"
    } else {
        "parse.syntax"
    };
    let mut issue = parse_issue(rule, short_message(msg));
    if e.line() > 0 {
        issue.line = Some(e.line() as u64);
        issue.column = Some(e.column().max(1) as u64);
    }
    issue.help = match rule {
        "parse.too-deep" => Some("JSON nested deeper than 128 levels is not read".into()),
        "parse.truncated" => {
            Some("the file ends before the JSON value does: is it complete?".into())
        }
        _ => None,
    };
    issue
}

/// Reads a document without schema or semantic checks, with the JSON path, line and column
/// of the first failure.
///
/// ```
/// let err = govframe_schema::validate::read_str(r#"{"kind": "strategicPlan", "specVersion": "1.0",
///   "id": "p", "title": {"en": "P"}, "period": {"startYear": 2027, "endYear": 2024}}"#).unwrap_err();
/// assert_eq!(err.path, "/period");
/// assert_eq!(err.line, Some(2));
/// ```
pub fn read_str(text: &str) -> Result<Document, Box<Issue>> {
    let kind = peek_kind(text)?;
    read_kind(text, &kind)
}

fn peek_kind(text: &str) -> Result<String, Box<Issue>> {
    #[derive(serde::Deserialize)]
    struct Peek {
        kind: Option<Value>,
    }
    let peek: Peek = serde_json::from_str(text).map_err(|e| {
        Box::new(if e.is_data() {
            parse_issue(
                "parse.not-object",
                "a document is a JSON object with a \"kind\"",
            )
        } else {
            json_error_issue(&e, false)
        })
    })?;
    match peek.kind {
        Some(Value::String(k)) => Ok(k),
        Some(_) => Err(Box::new(parse_issue(
            "parse.kind-missing",
            "\"kind\" must be a string",
        ))),
        None => Err(Box::new(
            parse_issue("parse.kind-missing", "the document has no \"kind\"")
                .with_help(format!("add \"kind\": one of {}", known_kinds())),
        )),
    }
}

fn read_kind(text: &str, kind: &str) -> Result<Document, Box<Issue>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let result = Document::deserialize_kind(
        kind,
        serde_path_to_error::Deserializer::new(&mut de, &mut track),
    );
    match result {
        Ok(Some(doc)) => Ok(doc),
        Ok(None) => Err(Box::new(unknown_kind(kind))),
        Err(e) => {
            let mut issue = json_error_issue(&e, true);
            let mut path = pointer_of(&track.path());
            // serde reports a repeated struct field at the struct: point at the field.
            if let Some(field) = issue
                .message
                .strip_prefix("duplicate field `")
                .and_then(|m| m.strip_suffix('`'))
            {
                path = format!("{path}{}", Pointer::root().key(field));
            }
            issue.path = path;
            Err(Box::new(issue))
        }
    }
}

fn unknown_kind(kind: &str) -> Issue {
    parse_issue(
        "parse.unknown-kind",
        format!("unknown kind {:?}", shorten(kind)),
    )
    .with_help(format!("expected one of {}", known_kinds()))
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut p = Pointer::root();
    for seg in path.iter() {
        p = match seg {
            serde_path_to_error::Segment::Seq { index } => p.index(*index),
            serde_path_to_error::Segment::Map { key } => p.key(key),
            serde_path_to_error::Segment::Enum { variant } => p.key(variant),
            serde_path_to_error::Segment::Unknown => p,
        };
    }
    p.into()
}

/// Schema issues of `value` against the schema of `kind`.
pub fn schema_issues(kind: &str, value: &Value) -> crate::Result<Vec<Issue>> {
    let validator = validator_for(kind)?;
    let mut out = Vec::new();
    if validator.is_valid(value) {
        return Ok(out);
    }
    for e in validator.iter_errors(value) {
        push_schema_error(kind, &e, &mut out, 0);
    }
    Ok(out)
}

/// The branches of a failed `anyOf` / `oneOf` that are worth reporting: a branch whose only
/// error is a wrong type at the union's own place (the `null` of an optional field, the
/// other variants of a union) is dropped.
fn relevant_branches<'a>(
    at: &str,
    context: &'a [Vec<jsonschema::ValidationError<'static>>],
) -> Vec<&'a Vec<jsonschema::ValidationError<'static>>> {
    use jsonschema::error::ValidationErrorKind as K;
    context
        .iter()
        .filter(|branch| {
            !(branch.len() == 1
                && matches!(branch[0].kind(), K::Type { .. } | K::Constant { .. })
                && branch[0].instance_path().as_str() == at)
        })
        .collect()
}

fn push_schema_error(
    kind: &str,
    e: &jsonschema::ValidationError<'_>,
    out: &mut Vec<Issue>,
    depth: usize,
) {
    use jsonschema::error::ValidationErrorKind as K;
    // A union with exactly one plausible branch reports that branch's errors instead of
    // "not valid under any of the schemas": `{"date": "2023-02-30"}` in an optional field
    // then says `format` at `/date`, not `anyOf` at the parent.
    if depth < 16
        && let K::AnyOf { context } | K::OneOfNotValid { context } = e.kind()
    {
        let branches = relevant_branches(e.instance_path().as_str(), context);
        if let [only] = branches.as_slice() {
            for inner in only.iter() {
                push_schema_error(kind, inner, out, depth + 1);
            }
            return;
        }
    }
    let keyword = e.kind().keyword().to_owned();
    let mut path = e.instance_path().as_str().to_owned();
    let instance_len = serde_json::to_string(e.instance().as_ref()).map_or(0, |s| s.len());
    let message = if instance_len > 120 {
        let shown = match e.instance().as_ref() {
            Value::String(s) => format!("{:?}", shorten(s)),
            Value::Array(a) => format!("an array of {} items", a.len()),
            Value::Object(o) => format!("an object with {} properties", o.len()),
            other => shorten(&other.to_string()),
        };
        e.masked_with(shown).to_string()
    } else {
        e.to_string()
    };
    let mut help = None;
    if let K::AdditionalProperties { unexpected } = e.kind() {
        let allowed = allowed_properties(kind, e.schema_path().as_str());
        if let [one] = unexpected.as_slice() {
            path = format!("{path}{}", Pointer::root().key(one));
            help = Some(match closest(one, &allowed) {
                Some(best) => {
                    format!("did you mean {best:?}? Data of your own goes under \"extensions\"")
                }
                None => "objects are closed; data of your own goes under \"extensions\"".to_owned(),
            });
        } else if !allowed.is_empty() {
            help = Some(format!("allowed here: {}", allowed.join(", ")));
        }
    }
    let mut issue = Issue::new(
        Level::Schema,
        Severity::Error,
        format!("schema.{keyword}"),
        path,
        short_message(message),
    );
    issue.help = help;
    out.push(issue);
}

fn allowed_properties(kind: &str, schema_path: &str) -> Vec<String> {
    let Ok(schemas) = schemas() else {
        return Vec::new();
    };
    let Some(schema) = schemas.for_kind(kind) else {
        return Vec::new();
    };
    let parent = schema_path
        .strip_suffix("/additionalProperties")
        .unwrap_or(schema_path);
    let mut node = schema.pointer(parent);
    // Follow a $ref at the parent when the keyword sits inside a referenced definition.
    if let Some(r) = node.and_then(|n| n.get("$ref")).and_then(Value::as_str) {
        node = r.strip_prefix('#').and_then(|p| schema.pointer(p));
    }
    node.and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn closest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Adds line and column to the first [`MAX_LOCATED_ISSUES`] issues that have a path but no
/// position.
pub fn locate_issues(text: &str, issues: &mut [Issue]) {
    for issue in issues
        .iter_mut()
        .filter(|i| i.line.is_none())
        .take(MAX_LOCATED_ISSUES)
    {
        if let Some((l, c)) = crate::locate(text, &issue.path) {
            issue.line = Some(l);
            issue.column = Some(c);
        }
    }
}

/// Validates a JSON text at all three levels. `subject` names it in the report (a path).
pub fn validate_str(text: &str, subject: &str) -> Outcome {
    let mut issues = Vec::new();
    let finish = |issues: Vec<Issue>,
                  value: Option<&Value>,
                  kind: Option<&str>,
                  document: Option<Document>| {
        let mut report = ValidationReport::new(subject, issues);
        if let Some(kind) = kind {
            report.checked_kind = Some(kind.to_owned());
            if let Some(info) = kind_info(kind) {
                report.checked_spec_version = Some(SpecVersion::CURRENT.to_owned());
                report.schema_id = Some(crate::export::schema_id(kind, &info.file_name(), None));
            }
        }
        report.document_id = value
            .and_then(|v| v.get("id"))
            .and_then(Value::as_str)
            .map(shorten);
        Outcome { report, document }
    };

    // 1. Parse: syntax.
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return finish(vec![json_error_issue(&e, false)], None, None, None),
    };
    let kind = match value.get("kind") {
        Some(Value::String(k)) => k.clone(),
        _ => {
            let issue = match &value {
                Value::Object(_) => {
                    parse_issue("parse.kind-missing", "the document has no string \"kind\"")
                        .with_help(format!("add \"kind\": one of {}", known_kinds()))
                }
                _ => parse_issue(
                    "parse.not-object",
                    "a document is a JSON object with a \"kind\"",
                ),
            };
            return finish(vec![issue], Some(&value), None, None);
        }
    };
    if kind_info(&kind).is_none() {
        return finish(vec![unknown_kind(&kind)], Some(&value), Some(&kind), None);
    }

    // 2. Schema.
    match schema_issues(&kind, &value) {
        Ok(found) => issues.extend(found),
        Err(e) => issues.push(Issue::new(
            Level::Schema,
            Severity::Error,
            "schema.unavailable",
            "",
            e.to_string(),
        )),
    }
    if !issues.is_empty() {
        locate_issues(text, &mut issues);
        issues.push(Issue::new(
            Level::Semantics,
            Severity::Info,
            "validate.semantics-skipped",
            "",
            "semantic checks were not run because the document does not match its schema",
        ));
        return finish(issues, Some(&value), Some(&kind), None);
    }

    // 1b. Parse: the typed document.
    let document = match read_kind(text, &kind) {
        Ok(d) => d,
        Err(mut issue) => {
            if issue.line.is_none() {
                locate_issues(text, std::slice::from_mut(&mut *issue));
            }
            return finish(vec![*issue], Some(&value), Some(&kind), None);
        }
    };
    drop(value);

    // 3. Semantics.
    let mut semantic = document.validate();
    locate_issues(text, &mut semantic);
    issues.extend(semantic);
    let id = document.id().as_str().to_owned();
    let mut outcome = finish(issues, None, Some(&kind), Some(document));
    outcome.report.document_id = Some(id);
    outcome
}

/// Reads and validates a file. An unreadable file gives a report with one `io.read` error.
pub fn validate_file(path: &Path) -> Outcome {
    let subject = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => validate_str(&text, &subject),
        Err(e) => Outcome {
            report: ValidationReport::new(
                &subject,
                vec![parse_issue(
                    "io.read",
                    format!("cannot read {subject}: {e}"),
                )],
            ),
            document: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelled_field_gets_a_suggestion() {
        let text = r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "p", "title": {"en": "P"},
            "period": {"startYear": 2024, "endYear": 2027}, "goals": [{"id": "g", "nmae": {"en": "x"}}]}"#;
        let out = validate_str(text, "t");
        let extra = out
            .report
            .issues
            .iter()
            .find(|i| i.rule == "schema.additionalProperties")
            .unwrap();
        assert_eq!(extra.path, "/goals/0/nmae");
        assert!(
            extra.help.as_deref().unwrap().contains("\"name\""),
            "{extra:?}"
        );
        assert_eq!(extra.line, Some(2));
    }

    #[test]
    fn levenshtein_basics() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
