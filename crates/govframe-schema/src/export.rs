//! JSON Schema generation (Draft 2020-12), export to a folder and the drift check.
//!
//! Schemas come from schemars with three transforms of our own, so that they work in ajv
//! (strict mode), Python jsonschema and the code generators:
//!
//! 1. integer formats (`int32`, `uint64`, …) become `minimum` / `maximum` bounds and other
//!    non-standard formats (`double`, `float`) are dropped;
//! 2. a single-value `enum` becomes `const`;
//! 3. every `oneOf` / `anyOf` variant gets a `title`;
//!
//! and a few that keep code generators' output clean: a `$ref` with sibling keywords is
//! wrapped in `allOf`, unit enums with documented variants become one `enum`, and Rust doc
//! examples are stripped from descriptions.
//!
//! Each file is self-contained (`$defs`, no remote `$ref`) and has
//! `$id = urn:govframe:schema:1.0:<kind>`, or `<base URI><file>` when a base URI is given.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::registry::KINDS;
use crate::{Error, Result};

/// The Draft 2020-12 meta-schema URI.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The generated schema files, by file name, in a stable order.
#[derive(Debug, Clone, PartialEq)]
pub struct Schemas {
    /// File name → schema (or the index).
    pub files: BTreeMap<String, Value>,
}

impl Schemas {
    /// The schema of one kind (`strategicPlan`) or `document`.
    pub fn for_kind(&self, kind: &str) -> Option<&Value> {
        if kind == "document" {
            return self.files.get("document.schema.json");
        }
        let info = crate::registry::kind_info(kind)?;
        self.files.get(&info.file_name())
    }

    /// The text of a file as written to disk (pretty JSON and a final newline).
    pub fn text(&self, file: &str) -> Option<String> {
        self.files.get(file).map(render)
    }
}

fn render(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// The `$id` of a kind's schema.
pub fn schema_id(kind: &str, file: &str, base_uri: Option<&str>) -> String {
    match base_uri {
        Some(base) => format!("{base}{file}"),
        None => format!(
            "urn:govframe:schema:{}:{kind}",
            govframe_core::SpecVersion::CURRENT
        ),
    }
}

fn check_base(base_uri: Option<&str>) -> Result<Option<String>> {
    let Some(base) = base_uri else {
        return Ok(None);
    };
    let scheme_ok = ["https://", "http://", "urn:", "file://"]
        .iter()
        .any(|p| base.starts_with(p));
    if !scheme_ok || base.chars().any(char::is_whitespace) || base.contains('#') {
        return Err(Error::BaseUri(base.to_owned()));
    }
    let mut b = base.to_owned();
    if !b.ends_with('/') && !b.ends_with(':') {
        b.push('/');
    }
    Ok(Some(b))
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12()
}

/// Generates every schema: one per kind, `document.schema.json` and `index.json`.
///
/// ```
/// let schemas = govframe_schema::generate(None)?;
/// let plan = schemas.for_kind("strategicPlan").unwrap();
/// assert_eq!(plan["$id"], "urn:govframe:schema:1.0:strategicPlan");
/// assert_eq!(plan["properties"]["kind"]["const"], "strategicPlan");
/// # Ok::<(), govframe_schema::Error>(())
/// ```
pub fn generate(base_uri: Option<&str>) -> Result<Schemas> {
    let base = check_base(base_uri)?;
    let base = base.as_deref();
    let mut files = BTreeMap::new();
    let mut index = Vec::new();
    for k in KINDS {
        let file = k.file_name();
        let id = schema_id(k.kind, &file, base);
        let mut value = k.root_schema(settings()).to_value();
        postprocess(&mut value);
        let value = order_root(value, &id, k.title, k.description);
        index.push(json!({"kind": k.kind, "title": k.title, "file": file, "$id": id, "description": k.description}));
        files.insert(file, value);
    }
    let mut generator = settings().into_generator();
    let refs: Vec<Value> = KINDS
        .iter()
        .map(|k| k.subschema(&mut generator).to_value())
        .collect();
    let defs = generator.take_definitions(true);
    let doc_id = schema_id("document", "document.schema.json", base);
    let mut doc = json!({
        "oneOf": refs,
        "$defs": Value::Object(defs),
    });
    postprocess(&mut doc);
    let doc = order_root(
        doc,
        &doc_id,
        "Document",
        "Any govframe document, told apart by its `kind`.",
    );
    files.insert("document.schema.json".to_owned(), doc);
    files.insert(
        "index.json".to_owned(),
        json!({
            "specVersion": govframe_core::SpecVersion::CURRENT,
            "baseUri": base,
            "document": {"file": "document.schema.json", "$id": doc_id},
            "kinds": index,
        }),
    );
    Ok(Schemas { files })
}

/// Puts `$schema`, `$id`, `title`, `description` first and `$defs` last.
fn order_root(value: Value, id: &str, title: &str, description: &str) -> Value {
    let Value::Object(mut map) = value else {
        return value;
    };
    let mut out = Map::new();
    out.insert("$schema".into(), json!(DRAFT_2020_12));
    out.insert("$id".into(), json!(id));
    out.insert("title".into(), json!(title));
    map.remove("$schema");
    map.remove("$id");
    map.remove("title");
    let desc = map
        .remove("description")
        .unwrap_or_else(|| json!(description));
    out.insert("description".into(), desc);
    let defs = map.remove("$defs");
    out.extend(map);
    if let Some(d) = defs {
        out.insert("$defs".into(), d);
    }
    Value::Object(out)
}

fn int_bounds(format: &str) -> Option<(f64, f64)> {
    Some(match format {
        "int8" => (i8::MIN as f64, i8::MAX as f64),
        "int16" => (i16::MIN as f64, i16::MAX as f64),
        "int32" => (i32::MIN as f64, i32::MAX as f64),
        "int64" | "int" => (i64::MIN as f64, i64::MAX as f64),
        "uint8" => (0.0, u8::MAX as f64),
        "uint16" => (0.0, u16::MAX as f64),
        "uint32" => (0.0, u32::MAX as f64),
        "uint64" | "uint" => (0.0, u64::MAX as f64),
        _ => return None,
    })
}

/// Formats defined by Draft 2020-12 (everything else is dropped).
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else if v >= 0.0 && v == u64::MAX as f64 {
        json!(u64::MAX)
    } else if v == i64::MIN as f64 {
        json!(i64::MIN)
    } else {
        json!(v)
    }
}

/// Applies the three transforms to every subschema, recursively (iteratively, no stack
/// growth with depth).
pub fn postprocess(root: &mut Value) {
    let mut stack: Vec<&mut Value> = vec![root];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                fix_object(map);
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn fix_object(map: &mut Map<String, Value>) {
    if let Some(Value::String(d)) = map.get_mut("description") {
        *d = strip_code_blocks(d);
    }
    merge_single_one_of(map);
    string_enum_from_consts(map);
    wrap_ref_with_siblings(map);
    if let Some(Value::String(format)) = map.get("format").cloned() {
        if let Some((lo, hi)) = int_bounds(&format) {
            map.remove("format");
            let min = map
                .get("minimum")
                .and_then(Value::as_f64)
                .map_or(lo, |m| m.max(lo));
            let max = map
                .get("maximum")
                .and_then(Value::as_f64)
                .map_or(hi, |m| m.min(hi));
            map.insert("minimum".into(), number(min));
            map.insert("maximum".into(), number(max));
        } else if !STANDARD_FORMATS.contains(&format.as_str()) {
            map.remove("format");
        }
    }
    if let Some(Value::Array(values)) = map.get("enum")
        && values.len() == 1
    {
        let only = values[0].clone();
        map.remove("enum");
        map.insert("const".into(), only);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(variants)) = map.get_mut(key) {
            for variant in variants.iter_mut() {
                let Value::Object(vm) = variant else { continue };
                if vm.contains_key("title") || vm.contains_key("$ref") {
                    continue;
                }
                if let Some(t) = variant_title(vm) {
                    vm.insert("title".into(), json!(t));
                }
            }
        }
    }
}

/// `{"$ref": R, "description": …}` becomes `{"allOf": [{"$ref": R}], "description": …}`:
/// json-schema-to-typescript copies a referenced type once per `$ref` that has siblings
/// (`LocalizedText1`, `LocalizedText2`, …); behind `allOf` it keeps the one named type, and
/// the property keeps its own description. Validators give the same verdicts.
fn wrap_ref_with_siblings(map: &mut Map<String, Value>) {
    if map.len() > 1
        && let Some(r) = map.remove("$ref")
    {
        map.insert("allOf".into(), json!([{ "$ref": r }]));
    }
}

/// Removes fenced code blocks (the Rust doc examples) from a description.
fn strip_code_blocks(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push(line);
        }
    }
    out.join("\n").trim().to_owned()
}

/// `{"oneOf": [X]}` (one branch, no `$ref`) becomes X merged into the object; the object's
/// own keys (such as its description) win.
fn merge_single_one_of(map: &mut Map<String, Value>) {
    let single = matches!(map.get("oneOf"), Some(Value::Array(a)) if a.len() == 1 && a[0].get("$ref").is_none());
    if !single {
        return;
    }
    if let Some(Value::Array(mut a)) = map.remove("oneOf")
        && let Some(Value::Object(inner)) = a.pop()
    {
        for (k, v) in inner {
            if k == "title" {
                continue;
            }
            map.entry(k).or_insert(v);
        }
    }
}

/// A `oneOf` of documented string constants (what schemars writes for a unit enum whose
/// variants have doc comments) becomes one `enum`; the variants' docs move into the
/// description. Code generators then emit a plain union of literals or one enum class.
fn string_enum_from_consts(map: &mut Map<String, Value>) {
    let Some(Value::Array(variants)) = map.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut docs = Vec::new();
    for v in variants {
        let Some(obj) = v.as_object() else { return };
        if obj
            .keys()
            .any(|k| !matches!(k.as_str(), "type" | "const" | "description" | "title"))
        {
            return;
        }
        let Some(c) = obj.get("const").and_then(Value::as_str) else {
            return;
        };
        values.push(json!(c));
        if let Some(d) = obj.get("description").and_then(Value::as_str) {
            docs.push(format!("- `{c}`: {d}"));
        }
    }
    map.remove("oneOf");
    map.insert("type".into(), json!("string"));
    map.insert("enum".into(), Value::Array(values));
    if !docs.is_empty() {
        let head = map
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let text = if head.is_empty() {
            docs.join("\n")
        } else {
            format!("{head}\n\n{}", docs.join("\n"))
        };
        map.insert("description".into(), json!(text));
    }
}

/// A title for an untitled union variant: its `const` (or tag property's `const`, or the
/// single value of an `enum`), in PascalCase.
fn variant_title(vm: &Map<String, Value>) -> Option<String> {
    let c = vm
        .get("const")
        .or_else(|| {
            vm.get("enum")
                .and_then(|e| e.as_array())
                .filter(|a| a.len() == 1)
                .and_then(|a| a.first())
        })
        .or_else(|| {
            vm.get("properties")
                .and_then(|p| p.get("type"))
                .and_then(|t| t.get("const"))
        })
        .and_then(Value::as_str)?;
    let mut out = String::new();
    let mut up = true;
    for ch in c.chars() {
        if ch.is_ascii_alphanumeric() {
            if up {
                out.push(ch.to_ascii_uppercase());
            } else {
                out.push(ch);
            }
            up = false;
        } else {
            up = true;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Writes every schema into `dir` (created if needed). Each file is written to a temporary
/// file in the same folder and renamed, so a reader never sees a half-written schema.
/// Returns the paths written.
pub fn export_dir(dir: &Path, base_uri: Option<&str>) -> Result<Vec<PathBuf>> {
    let schemas = generate(base_uri)?;
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut written = Vec::new();
    for (name, value) in &schemas.files {
        let path = dir.join(name);
        write_atomic(&path, render(value).as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// The difference between a folder and freshly generated schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOutcome {
    /// Files that should exist but do not.
    pub missing: Vec<String>,
    /// Files whose content differs, with the first differing line (1-based).
    pub changed: Vec<(String, usize)>,
    /// `*.schema.json` files that no kind produces.
    pub extra: Vec<String>,
}

impl CheckOutcome {
    /// Whether the folder matches.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for CheckOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_clean() {
            return write!(f, "schemas are up to date");
        }
        for m in &self.missing {
            writeln!(f, "missing: {m}")?;
        }
        for (c, line) in &self.changed {
            writeln!(f, "changed: {c} (first difference at line {line})")?;
        }
        for e in &self.extra {
            writeln!(f, "extra:   {e} (no document kind produces it)")?;
        }
        write!(f, "regenerate with: cargo run -- schema export --out <dir>")
    }
}

/// Compares `dir` with freshly generated schemas. The base URI is read from the folder's
/// `index.json` (`baseUri`), so a folder exported with `--base-uri` checks clean.
pub fn check_dir(dir: &Path) -> Result<CheckOutcome> {
    let io = |source| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    let index_path = dir.join("index.json");
    let base = match std::fs::read_to_string(&index_path) {
        Ok(text) => serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("baseUri").and_then(Value::as_str).map(str::to_owned)),
        Err(_) => None,
    };
    let schemas = generate(base.as_deref())?;
    let mut outcome = CheckOutcome::default();
    for (name, value) in &schemas.files {
        let expected = render(value);
        match std::fs::read_to_string(dir.join(name)) {
            Ok(actual) if actual == expected => {}
            Ok(actual) => {
                let line = actual
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()))
                    + 1;
                outcome.changed.push((name.clone(), line));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                outcome.missing.push(name.clone())
            }
            Err(e) => return Err(io(e)),
        }
    }
    let entries = std::fs::read_dir(dir).map_err(io)?;
    for entry in entries {
        let name = entry
            .map_err(io)?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".schema.json") && !schemas.files.contains_key(&name) {
            outcome.extra.push(name);
        }
    }
    outcome.extra.sort();
    Ok(outcome)
}
