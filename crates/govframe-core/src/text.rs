//! Language tags ([`LanguageTag`]) and localized text ([`LocalizedText`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result, shorten};

/// The pattern of a well-formed BCP 47 language tag (RFC 5646 `langtag`: language with
/// extended language subtags, script, region, variants, extensions and private use).
pub const LANGUAGE_TAG_PATTERN: &str = "^([A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?$";

/// The six official languages of the ITU: Arabic, Chinese, English, French, Russian, Spanish.
pub const ITU_LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

fn is_alpha(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
}
fn is_digit(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}
fn is_alnum(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Checks RFC 5646 well-formedness with a deterministic left-to-right parse of the subtags;
/// equivalent to [`LANGUAGE_TAG_PATTERN`] (a property test compares the two).
fn well_formed(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let mut i = 0;
    let at = |i: usize| subtags.get(i).copied();
    // language
    match at(i) {
        Some(s) if is_alpha(s, 2, 3) => {
            i += 1;
            let mut ext = 0;
            while ext < 3 && at(i).is_some_and(|s| is_alpha(s, 3, 3)) {
                i += 1;
                ext += 1;
            }
        }
        Some(s) if is_alpha(s, 4, 8) => i += 1,
        _ => return false,
    }
    if at(i).is_some_and(|s| is_alpha(s, 4, 4)) {
        i += 1;
    }
    if at(i).is_some_and(|s| is_alpha(s, 2, 2) || is_digit(s, 3)) {
        i += 1;
    }
    while at(i).is_some_and(|s| {
        is_alnum(s, 5, 8) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit() && is_alnum(s, 4, 4))
    }) {
        i += 1;
    }
    while let Some(s) = at(i) {
        if s.len() != 1 || !is_alnum(s, 1, 1) || s.eq_ignore_ascii_case("x") {
            break;
        }
        i += 1;
        let start = i;
        while at(i).is_some_and(|s| is_alnum(s, 2, 8)) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if at(i).is_some_and(|s| s.eq_ignore_ascii_case("x")) {
        i += 1;
        let start = i;
        while at(i).is_some_and(|s| is_alnum(s, 1, 8)) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == subtags.len()
}

/// A well-formed BCP 47 language tag such as `en`, `fr`, `zh-Hans` or `es-419`.
///
/// ```
/// use govframe_core::LanguageTag;
/// let zh: LanguageTag = "zh-Hans".parse()?;
/// assert!(zh.is_itu_language());
/// assert!("english".parse::<LanguageTag>().is_ok()); // well-formed (5-8 letters)
/// assert!("e".parse::<LanguageTag>().is_err());
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    /// Checks and wraps a tag.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        if well_formed(&value) {
            Ok(Self(value))
        } else {
            Err(Error::InvalidLanguageTag(shorten(&value)))
        }
    }

    /// The tag as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, lower-cased (`zh` for `zh-Hans`).
    pub fn primary(&self) -> String {
        self.0
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// Whether the primary language is one of the ITU's six official languages.
    pub fn is_itu_language(&self) -> bool {
        ITU_LANGUAGES.contains(&self.primary().as_str())
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::new(value)
    }
}

impl FromStr for LanguageTag {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::new(s)
    }
}

impl From<LanguageTag> for String {
    fn from(tag: LanguageTag) -> Self {
        tag.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for LanguageTag {
    fn schema_name() -> Cow<'static, str> {
        "LanguageTag".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::LanguageTag".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A well-formed BCP 47 language tag (ITU's six: ar, zh, en, fr, ru, es).",
            "pattern": LANGUAGE_TAG_PATTERN,
        })
    }
}

/// Text in one or more languages, keyed by BCP 47 tag: `{"en": "Growth", "fr": "Croissance"}`.
///
/// Holds at least one entry; no entry is empty; a language appears once (a duplicated JSON
/// key is an error, not a silent overwrite). Entries are kept in tag order, so the same text
/// always serializes to the same bytes.
///
/// ```
/// use govframe_core::LocalizedText;
/// let t: LocalizedText = serde_json::from_str(r#"{"en": "Growth", "fr": "Croissance"}"#)?;
/// assert_eq!(t.best("fr"), "Croissance");
/// assert_eq!(t.best("ru"), "Growth"); // falls back to English
/// assert!(serde_json::from_str::<LocalizedText>("{}").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct LocalizedText(BTreeMap<LanguageTag, String>);

impl LocalizedText {
    /// Text in English only. An empty `text` is stored as an em dash (U+2014) so that the
    /// value stays valid; use [`LocalizedText::new`] to get an error instead.
    pub fn en(text: impl Into<String>) -> Self {
        let mut map = BTreeMap::new();
        map.insert(LanguageTag("en".to_owned()), non_empty(text.into()));
        Self(map)
    }

    /// Text in one language.
    pub fn new(lang: &str, text: impl Into<String>) -> Result<Self> {
        let text = text.into();
        if text.is_empty() {
            return Err(Error::InvalidLocalizedText(format!(
                "the {lang:?} entry is empty"
            )));
        }
        let mut map = BTreeMap::new();
        map.insert(LanguageTag::new(lang)?, text);
        Ok(Self(map))
    }

    /// Adds (or replaces) the text in another language.
    pub fn with(mut self, lang: &str, text: impl Into<String>) -> Result<Self> {
        let text = text.into();
        if text.is_empty() {
            return Err(Error::InvalidLocalizedText(format!(
                "the {lang:?} entry is empty"
            )));
        }
        self.0.insert(LanguageTag::new(lang)?, text);
        Ok(self)
    }

    /// The text in exactly this language tag, if present.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str().eq_ignore_ascii_case(lang))
            .map(|(_, v)| v.as_str())
    }

    /// The best text for `lang`: the exact tag, then the same primary language, then English,
    /// then the first entry.
    pub fn best(&self, lang: &str) -> &str {
        if let Some(t) = self.get(lang) {
            return t;
        }
        let primary = lang.split('-').next().unwrap_or_default();
        self.0
            .iter()
            .find(|(k, _)| k.primary().eq_ignore_ascii_case(primary))
            .or_else(|| self.0.iter().find(|(k, _)| k.primary() == "en"))
            .or_else(|| self.0.iter().next())
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// The languages present, in tag order.
    pub fn languages(&self) -> impl Iterator<Item = &LanguageTag> {
        self.0.keys()
    }

    /// All entries in tag order.
    pub fn iter(&self) -> impl Iterator<Item = (&LanguageTag, &str)> {
        self.0.iter().map(|(k, v)| (k, v.as_str()))
    }

    /// Number of languages (at least one).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a localized text has at least one entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn non_empty(s: String) -> String {
    if s.is_empty() {
        "\u{2014}".to_owned()
    } else {
        s
    }
}

impl fmt::Display for LocalizedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.best("en"))
    }
}

impl<'de> Deserialize<'de> for LocalizedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LocalizedText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an object of BCP 47 language tag to non-empty text, with at least one entry",
                )
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<LocalizedText, A::Error> {
                use serde::de::Error as _;
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let tag = LanguageTag::new(key).map_err(A::Error::custom)?;
                    let text: String = map.next_value()?;
                    if text.is_empty() {
                        return Err(A::Error::custom(format!(
                            "the {:?} entry is empty",
                            tag.as_str()
                        )));
                    }
                    if out.contains_key(&tag) {
                        return Err(A::Error::custom(format!(
                            "language {:?} appears twice",
                            tag.as_str()
                        )));
                    }
                    out.insert(tag, text);
                }
                if out.is_empty() {
                    return Err(A::Error::custom(
                        "localized text needs at least one language, e.g. {\"en\": \"…\"}",
                    ));
                }
                Ok(LocalizedText(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl JsonSchema for LocalizedText {
    fn schema_name() -> Cow<'static, str> {
        "LocalizedText".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_core::LocalizedText".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Text keyed by BCP 47 language tag, at least one entry, e.g. {\"en\": \"Growth\", \"fr\": \"Croissance\"}.",
            "minProperties": 1,
            "propertyNames": { "pattern": LANGUAGE_TAG_PATTERN },
            "additionalProperties": { "type": "string", "minLength": 1 },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tag_rule_matches_schema_pattern(
            s in "[a-zA-Z]{1,9}(-[a-zA-Z0-9]{1,9}){0,6}|[a-zA-Z0-9xX-]{0,16}"
        ) {
            let re = regex::Regex::new(LANGUAGE_TAG_PATTERN).unwrap();
            prop_assert_eq!(well_formed(&s), re.is_match(&s), "{}", s);
        }
    }

    #[test]
    fn known_tags() {
        for ok in [
            "en",
            "fr",
            "zh-Hans",
            "zh-Hant-TW",
            "es-419",
            "sr-Latn-RS",
            "de-CH-1996",
            "en-US-x-twain",
            "zh-cmn-Hans-CN",
            "hy-Latn-IT-arevela",
            "en-a-bbb-x-a-ccc",
            "ar",
        ] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "en-",
            "-en",
            "en--US",
            "123",
            "en-a",
            "en-x",
            "toolongtag",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn rejects_duplicates_and_empties() {
        assert!(serde_json::from_str::<LocalizedText>(r#"{"en":"a","en":"b"}"#).is_err());
        assert!(serde_json::from_str::<LocalizedText>(r#"{"en":""}"#).is_err());
        assert!(serde_json::from_str::<LocalizedText>(r#"{"not a tag":"x"}"#).is_err());
    }
}
