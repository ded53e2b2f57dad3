//! Macros for code lists and document kinds.
//!
//! * [`open_code_list!`](crate::open_code_list) — an enum of known camelCase codes with an
//!   `Other(String)` fallback: any non-empty string is accepted, known codes become variants.
//! * [`document_kind!`](crate::document_kind) — the single-value `kind` of a document, which
//!   the schema writes as `"const"`.

/// Declares an open code list: known camelCase codes plus `Other(String)`.
///
/// ```
/// govframe_core::open_code_list! {
///     /// Where a target applies.
///     pub enum Scope {
///         /// The whole world.
///         Worldwide = "worldwide",
///         /// Developing countries.
///         DevelopingCountries = "developingCountries",
///     }
/// }
/// let s: Scope = serde_json::from_str("\"worldwide\"")?;
/// assert_eq!(s, Scope::Worldwide);
/// let o: Scope = serde_json::from_str("\"smallIslands\"")?;
/// assert_eq!(o, Scope::Other("smallIslands".into()));
/// assert_eq!(o.as_str(), "smallIslands");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! open_code_list {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A code outside the known list (any non-empty string).
            Other(String),
        }

        impl $name {
            /// Every known code, in declaration order.
            pub const KNOWN: &'static [&'static str] = &[$($value),+];

            /// The code as written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Other(s) => s.as_str(),
                }
            }

            /// Whether the code is one of [`Self::KNOWN`].
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $value => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                if s.is_empty() {
                    return Err(<D::Error as ::serde::de::Error>::custom(concat!(
                        "an empty string is not a code of ", stringify!($name)
                    )));
                }
                Ok(Self::from(s.as_ref()))
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "description": "An open code list: one of the known codes, or any other non-empty string.",
                    "anyOf": [
                        { "title": concat!("Known", stringify!($name)), "type": "string", "enum": [$($value),+] },
                        { "title": concat!("Other", stringify!($name)), "type": "string", "minLength": 1 }
                    ]
                })
            }
        }
    };
}

/// Declares the constant `kind` of a document: a single-variant enum that serializes to
/// `$value` and whose schema is `{"const": $value}` once exported.
///
/// ```
/// govframe_core::document_kind!(
///     /// The kind tag of a widget document.
///     WidgetKind = "widget"
/// );
/// assert_eq!(serde_json::to_string(&WidgetKind::Value)?, "\"widget\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! document_kind {
    ($(#[$meta:meta])* $name:ident = $value:literal) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Default,
            ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema,
        )]
        #[schemars(inline)]
        pub enum $name {
            /// The only value.
            #[default]
            #[serde(rename = $value)]
            Value,
        }

        impl $name {
            /// The kind as written in JSON.
            pub const KIND: &'static str = $value;
        }
    };
}
