//! Data rows in motion: the [`Layout`] of a data set, the [`Row`] readers produce and the
//! [`Sink`]s that consume them (the in-memory [`DataCube`], the SDMX-CSV and dataset-JSON
//! writers, the duplicate-key check).
//!
//! Readers push rows into a sink one at a time and keep nothing per row, so a reader
//! connected to a writer converts a file of any size in constant memory.

mod coded;
pub(crate) mod column;
mod cube;
mod index;

pub use coded::CodedRows;
pub(crate) use cube::MeasureColumn;
pub use cube::{CubeBuilder, CubeRow, DataCube};
pub use index::{SeriesIndex, SeriesRef};

use govframe_core::Id;

use crate::structure::{ComponentDef, DataStructure};
use crate::{Action, Result, StructureKind};

/// How an attribute's values are written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ValueForm {
    /// One value.
    #[default]
    Single,
    /// Several values separated by the sub-field separator (SDMX-CSV `ATTR[]`).
    Multi,
    /// One text per language, `en:Text;fr:Texte` (SDMX-CSV `ATTR[en;fr]`).
    Multilingual(Vec<String>),
}

/// How a measure's values are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MeasureKind {
    /// Numbers; anything else is an error.
    Numeric,
    /// Text (SDMX 3.0 allows non-numeric measures).
    Text,
    /// Numbers, unless the first non-empty value of the column is not a number, in which
    /// case the column is text. A non-number after a number is an error.
    #[default]
    Auto,
}

/// A measure column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MeasureSpec {
    /// Component id.
    pub id: Id,
    /// How values are read.
    pub kind: MeasureKind,
}

/// An attribute column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AttributeSpec {
    /// Component id.
    pub id: Id,
    /// How values are written.
    pub form: ValueForm,
}

/// The components of a data set, in column order: dimensions (one of which may be the time
/// dimension), measures and attributes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    /// Dimension ids.
    pub dimensions: Vec<Id>,
    /// Which dimension is time.
    pub time_dimension: Option<usize>,
    /// Measures.
    pub measures: Vec<MeasureSpec>,
    /// Attributes.
    pub attributes: Vec<AttributeSpec>,
    /// The separator of multi-valued and multilingual values (SDMX-CSV `STRUCTURE[;]`).
    pub sub_separator: char,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            dimensions: Vec::new(),
            time_dimension: None,
            measures: Vec::new(),
            attributes: Vec::new(),
            sub_separator: ';',
        }
    }
}

impl Layout {
    /// The layout of a data structure: its dimensions with time last, its measures (text
    /// measures where the structure says so), its attributes (multi-valued where it says so).
    pub fn from_structure(dsd: &DataStructure) -> Self {
        let mut dimensions: Vec<Id> = dsd.dimensions.iter().map(|d| d.id.clone()).collect();
        let time_dimension = dsd.time_dimension.as_ref().map(|t| {
            dimensions.push(t.id.clone());
            dimensions.len() - 1
        });
        Self {
            dimensions,
            time_dimension,
            measures: dsd
                .measures
                .iter()
                .map(|m| MeasureSpec {
                    id: m.id.clone(),
                    kind: if m.is_numeric() {
                        MeasureKind::Numeric
                    } else {
                        MeasureKind::Text
                    },
                })
                .collect(),
            attributes: dsd
                .attributes
                .iter()
                .map(|a| AttributeSpec {
                    id: a.id.clone(),
                    form: if a.multi_valued {
                        ValueForm::Multi
                    } else {
                        ValueForm::Single
                    },
                })
                .collect(),
            sub_separator: ';',
        }
    }

    /// The index of the dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.as_str() == id)
    }

    /// The index of the measure with this id.
    pub fn measure(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.id.as_str() == id)
    }

    /// The index of the attribute with this id.
    pub fn attribute(&self, id: &str) -> Option<usize> {
        self.attributes.iter().position(|a| a.id.as_str() == id)
    }

    /// Whether any attribute is multi-valued or multilingual.
    pub fn has_sub_values(&self) -> bool {
        self.attributes.iter().any(|a| a.form != ValueForm::Single)
    }

    /// The time dimension's id.
    pub fn time_id(&self) -> Option<&Id> {
        self.time_dimension.and_then(|t| self.dimensions.get(t))
    }

    /// Every component id, in column order.
    pub fn component_ids(&self) -> impl Iterator<Item = &Id> {
        self.dimensions
            .iter()
            .chain(self.measures.iter().map(|m| &m.id))
            .chain(self.attributes.iter().map(|a| &a.id))
    }
}

/// A role inferred for a column when no structure is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Dimension,
    Time,
    Measure,
    Attribute,
}

/// Cross-domain attribute concepts (SDMX content-oriented guidelines) that are attributes
/// wherever they appear.
const KNOWN_ATTRIBUTES: &[&str] = &[
    "OBS_STATUS",
    "OBS_CONF",
    "OBS_PRE_BREAK",
    "OBS_COM",
    "OBS_COMMENT",
    "COMMENT_OBS",
    "COMMENT_TS",
    "COMMENT_DSET",
    "UNIT_MULT",
    "UNIT_MEASURE",
    "DECIMALS",
    "TITLE",
    "TITLE_COMPL",
    "TIME_FORMAT",
    "TIME_PER_COLLECT",
    "EMBARGO_TIME",
    "SOURCE_DETAIL",
    "NATURE",
    "BASE_PER",
    "COMPILING_ORG",
    "DATA_COMP",
    "CURRENCY_MULT",
    "REPYEARSTART",
    "REPYEAREND",
    "UPDATED",
];

/// Guesses a column's role from its id, and from where it stands: before the first measure
/// a column is a dimension, after it an attribute.
///
/// Measures: `OBS_VALUE…`, `MEAS…`; time: `TIME_PERIOD`, `TIME`; dimensions: `DIM…`;
/// attributes: `ATTR…`, multi-valued or multilingual headers, and the cross-domain attribute
/// concepts (`OBS_STATUS`, `UNIT_MULT`…).
pub(crate) fn guess_role(id: &str, bracketed: bool, after_measure: bool) -> Role {
    let upper = id.to_ascii_uppercase();
    if upper.starts_with("OBS_VALUE") || upper.starts_with("MEAS") {
        Role::Measure
    } else if upper == "TIME_PERIOD" || upper == "TIME" {
        Role::Time
    } else if upper.starts_with("DIM") {
        Role::Dimension
    } else if upper.starts_with("ATTR")
        || bracketed
        || KNOWN_ATTRIBUTES.contains(&upper.as_str())
        || after_measure
    {
        Role::Attribute
    } else {
        Role::Dimension
    }
}

/// The role a structure gives a component id.
pub(crate) fn role_in(dsd: &DataStructure, id: &str) -> Option<Role> {
    dsd.component(id).map(|c| match c {
        ComponentDef::Dimension(..) => Role::Dimension,
        ComponentDef::Time(_) => Role::Time,
        ComponentDef::Measure(_) => Role::Measure,
        ComponentDef::Attribute(_) => Role::Attribute,
    })
}

/// A measure value in a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MeasureValue<'a> {
    /// No value (empty field, `NaN`, JSON `null`).
    Missing,
    /// A finite number.
    Number(f64),
    /// A text value (text measures).
    Text(&'a str),
    /// `-`: delete this value (in rows whose action is delete).
    Dash,
}

/// One row of data: a structure reference, an action, and one value per component of the
/// [`Layout`] it was produced with.
pub trait Row {
    /// The structure the row conforms to.
    fn structure(&self) -> Option<(StructureKind, &str)>;
    /// What the row asks for.
    fn action(&self) -> Action;
    /// The value of dimension `i` (`""` when empty, a wildcard in delete rows).
    fn dimension(&self, i: usize) -> &str;
    /// The name of dimension `i`'s value, when the source gives one.
    fn label(&self, i: usize) -> Option<&str> {
        let _ = i;
        None
    }
    /// The value of measure `i`.
    fn measure(&self, i: usize) -> MeasureValue<'_>;
    /// The value of attribute `i` as written (`""` when absent; multi-valued values joined
    /// with the sub-field separator, quoted where needed).
    fn attribute(&self, i: usize) -> &str;
    /// The 1-based line the row comes from (0 when unknown).
    fn line(&self) -> u64;
}

/// Where each component is in the source file (1-based column numbers), for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceColumns {
    /// Per dimension.
    pub dimensions: Vec<Option<u64>>,
    /// Per measure.
    pub measures: Vec<Option<u64>>,
    /// Per attribute.
    pub attributes: Vec<Option<u64>>,
}

/// A consumer of rows.
pub trait Sink {
    /// Called once, before the first row.
    fn start(&mut self, layout: &Layout) -> Result<()>;
    /// Called after `start` by readers that know where components are in the file.
    fn source_columns(&mut self, columns: &SourceColumns) {
        let _ = columns;
    }
    /// Called for every row, in order.
    fn row<R: Row + ?Sized>(&mut self, row: &R) -> Result<()>;
    /// Called with consecutive rows in a batch (readers that batch call this instead of
    /// [`Sink::row`]); the default passes them to `row` one by one. Sinks that store by
    /// column ([`CubeBuilder`]) take a batch column by column.
    fn rows<R: Rows + ?Sized>(&mut self, rows: &R) -> Result<()> {
        for r in 0..rows.len() {
            self.row(&RowOf { rows, at: r })?;
        }
        Ok(())
    }
    /// Called with a batch of rows whose values are already interned (the SDMX-CSV reader
    /// on large inputs calls this instead of [`Sink::rows`]); the default reads the batch as
    /// [`Rows`]. [`CubeBuilder`] merges the batch's codes instead of interning every value.
    fn coded_rows(&mut self, rows: &CodedRows) -> Result<()> {
        self.rows(&rows.dense())
    }
    /// Called once after the last row.
    fn finish(&mut self) -> Result<()>;
}

/// Consecutive rows, addressed by number: the batch form of [`Row`].
pub trait Rows {
    /// Number of rows.
    fn len(&self) -> usize;
    /// Whether there is no row.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The structure of row `r`.
    fn structure(&self, r: usize) -> Option<(StructureKind, &str)>;
    /// The action of row `r`.
    fn action(&self, r: usize) -> Action;
    /// Dimension `i` of row `r`.
    fn dimension(&self, r: usize, i: usize) -> &str;
    /// The label of dimension `i` of row `r`.
    fn label(&self, r: usize, i: usize) -> Option<&str>;
    /// Measure `i` of row `r`.
    fn measure(&self, r: usize, i: usize) -> MeasureValue<'_>;
    /// Attribute `i` of row `r`.
    fn attribute(&self, r: usize, i: usize) -> &str;
    /// The source line of row `r` (0 when unknown).
    fn line(&self, r: usize) -> u64;
}

/// Row `at` of a batch.
pub struct RowOf<'a, R: ?Sized> {
    /// The batch.
    pub rows: &'a R,
    /// The row number in it.
    pub at: usize,
}

impl<R: Rows + ?Sized> Row for RowOf<'_, R> {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        self.rows.structure(self.at)
    }
    fn action(&self) -> Action {
        self.rows.action(self.at)
    }
    fn dimension(&self, i: usize) -> &str {
        self.rows.dimension(self.at, i)
    }
    fn label(&self, i: usize) -> Option<&str> {
        self.rows.label(self.at, i)
    }
    fn measure(&self, i: usize) -> MeasureValue<'_> {
        self.rows.measure(self.at, i)
    }
    fn attribute(&self, i: usize) -> &str {
        self.rows.attribute(self.at, i)
    }
    fn line(&self) -> u64 {
        self.rows.line(self.at)
    }
}

/// Splits a multi-valued field at `sep`, honouring double quotes around sub-values
/// (`"a;b";c` → `a;b`, `c`). O(length).
///
/// ```
/// use govframe_statistics::data::{join_values, split_values};
/// assert_eq!(split_values("X;Y", ';'), ["X", "Y"]);
/// assert_eq!(split_values(r#""a;b";;"say ""hi""""#, ';'), ["a;b", "", r#"say "hi""#]);
/// assert_eq!(join_values(&["a;b", "c"], ';'), r#""a;b";c"#);
/// assert_eq!(split_values("", ';'), Vec::<String>::new());
/// ```
pub fn split_values(text: &str, sep: char) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == sep {
            out.push(std::mem::take(&mut cur));
            at_start = true;
            continue;
        } else if c == '"' && at_start {
            quoted = true;
        } else {
            cur.push(c);
        }
        at_start = false;
    }
    out.push(cur);
    out
}

/// Joins sub-values with `sep`, quoting those that hold `sep` or a quote. The inverse of
/// [`split_values`].
pub fn join_values<S: AsRef<str>>(values: &[S], sep: char) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        let v = v.as_ref();
        if v.contains(sep) || v.starts_with('"') {
            out.push('"');
            out.push_str(&v.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(v);
        }
    }
    out
}

/// Splits a multilingual value `en:Text;fr:Texte` into (language, text) pairs; `None` when
/// a part has no language.
pub fn split_languages(text: &str, sep: char) -> Option<Vec<(String, String)>> {
    split_values(text, sep)
        .into_iter()
        .map(|part| {
            let (lang, t) = part.split_once(':')?;
            Some((lang.trim().to_owned(), t.to_owned()))
        })
        .collect()
}
