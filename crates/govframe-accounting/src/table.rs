//! The `supplyUseTable` document: products and industries as code lists, the supply table at
//! basic prices, the use table at purchasers' prices, value added by industry, and the
//! optional digital extension.
//!
//! # JSON form
//!
//! Tables are stored **sparsely**, as lists of non-empty cells that name their product and
//! industry by id; a missing cell is zero. Matrices (product × industry) are lists of
//! `{"product", "industry", "value"}`; product columns (imports, margins, taxes, final uses)
//! are lists of `{"product", "value"}`; value added is one row per industry. The lists may be
//! in any order; a cell may appear at most once.
//!
//! ```json
//! "supply": {
//!   "output": [{"product": "G", "industry": "I1", "value": 100}],
//!   "imports": [{"product": "G", "value": 30}],
//!   "tradeAndTransportMargins": [{"product": "G", "value": 12}, {"product": "S", "value": -12}],
//!   "taxesLessSubsidiesOnProducts": [{"product": "G", "value": 8}]
//! }
//! ```
//!
//! In memory the document keeps this form (it is what people exchange); computations first
//! index it ([`crate::TableTotals`] for the checks, a CSR matrix for balancing), in O(nnz)
//! with hashing of the ids.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use govframe_core::error::shorten;
use govframe_core::{
    CountryCode, DocumentMeta, Entity, Extensions, Id, LocalizedText, Pointer, Source, SpecVersion,
};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::Tolerance;
use crate::digital::DigitalExtension;

govframe_core::document_kind!(
    /// The kind tag of a supply-use table.
    SupplyUseTableKind = "supplyUseTable"
);

govframe_core::open_code_list! {
    /// The multiplier of every value in a table (values in millions of the currency, …).
    pub enum UnitMultiplier {
        /// Values in units of the currency.
        Units = "units",
        /// Values in thousands.
        Thousands = "thousands",
        /// Values in millions.
        Millions = "millions",
        /// Values in billions (thousand millions).
        Billions = "billions",
    }
}

/// An ISO 4217 alphabetic currency code such as `EUR` (three upper-case ASCII letters).
///
/// ```
/// use govframe_accounting::CurrencyCode;
/// let c: CurrencyCode = "BGN".parse()?;
/// assert_eq!(c.as_str(), "BGN");
/// assert!("eur".parse::<CurrencyCode>().is_err());
/// # Ok::<(), govframe_accounting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CurrencyCode([u8; 3]);

impl CurrencyCode {
    /// Checks and wraps a code.
    pub fn new(s: &str) -> crate::Result<Self> {
        match s.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => Ok(Self([*a, *b, *c])),
            _ => Err(crate::Error::InvalidCurrency(shorten(s))),
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        // Always three ASCII upper-case letters, so always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl TryFrom<String> for CurrencyCode {
    type Error = crate::Error;
    fn try_from(value: String) -> crate::Result<Self> {
        Self::new(&value)
    }
}

impl FromStr for CurrencyCode {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        Self::new(s)
    }
}

impl From<CurrencyCode> for String {
    fn from(c: CurrencyCode) -> Self {
        c.as_str().to_owned()
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl JsonSchema for CurrencyCode {
    fn schema_name() -> Cow<'static, str> {
        "CurrencyCode".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_accounting::CurrencyCode".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "ISO 4217 alphabetic currency code.",
            "pattern": "^[A-Z]{3}$",
        })
    }
}

/// A product (a row of the tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    /// Id, unique in the document; cells name the product by it.
    pub id: Id,
    /// Code in a classification (`CPA_C26`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
}

impl Product {
    /// A product with an id and a name.
    pub fn new(id: Id, name: LocalizedText) -> Self {
        Self {
            id,
            code: None,
            name,
        }
    }
}

/// An industry (a column of the supply and use tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Industry {
    /// Id, unique in the document; cells name the industry by it.
    pub id: Id,
    /// Code in a classification (`NACE_J62`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
}

impl Industry {
    /// An industry with an id and a name.
    pub fn new(id: Id, name: LocalizedText) -> Self {
        Self {
            id,
            code: None,
            name,
        }
    }
}

/// A non-empty cell of a product × industry matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MatrixCell {
    /// The product (row), by id.
    pub product: Id,
    /// The industry (column), by id.
    pub industry: Id,
    /// The value (finite).
    pub value: f64,
}

impl MatrixCell {
    /// A cell.
    pub fn new(product: Id, industry: Id, value: f64) -> Self {
        Self {
            product,
            industry,
            value,
        }
    }
}

/// A non-empty cell of a product column (imports, margins, taxes, a final use).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductValue {
    /// The product, by id.
    pub product: Id,
    /// The value (finite).
    pub value: f64,
}

impl ProductValue {
    /// A cell.
    pub fn new(product: Id, value: f64) -> Self {
        Self { product, value }
    }
}

/// The supply table at basic prices, with the columns that take supply to purchasers' prices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SupplyTable {
    /// Output by product × industry at basic prices (P1; the make matrix `V`). Never negative.
    #[serde(default)]
    pub output: Vec<MatrixCell>,
    /// Imports by product (P7), at basic prices.
    #[serde(default)]
    pub imports: Vec<ProductValue>,
    /// Trade and transport margins by product; margin products carry the negative entries,
    /// so the column sums to zero.
    #[serde(default)]
    pub trade_and_transport_margins: Vec<ProductValue>,
    /// Taxes less subsidies on products (D21 − D31) by product.
    #[serde(default)]
    pub taxes_less_subsidies_on_products: Vec<ProductValue>,
}

/// The use table at purchasers' prices.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UseTable {
    /// Intermediate consumption by product × industry (P2; the matrix `U`). Never negative.
    #[serde(default)]
    pub intermediate_consumption: Vec<MatrixCell>,
    /// Final consumption expenditure of households (and NPISHs) by product (P3).
    #[serde(default)]
    pub household_consumption: Vec<ProductValue>,
    /// Final consumption expenditure of general government by product (P3).
    #[serde(default)]
    pub government_consumption: Vec<ProductValue>,
    /// Gross capital formation by product (P5, with changes in inventories).
    #[serde(default)]
    pub gross_capital_formation: Vec<ProductValue>,
    /// Exports by product (P6).
    #[serde(default)]
    pub exports: Vec<ProductValue>,
}

/// The value added of one industry, by component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueAdded {
    /// The industry, by id.
    pub industry: Id,
    /// Compensation of employees (D1).
    pub compensation_of_employees: f64,
    /// Other taxes less other subsidies on production (D29 − D39).
    pub other_taxes_less_subsidies_on_production: f64,
    /// Gross operating surplus and mixed income (B2G + B3G).
    pub gross_operating_surplus_and_mixed_income: f64,
}

impl ValueAdded {
    /// Gross value added: the sum of the three components.
    pub fn total(&self) -> f64 {
        self.compensation_of_employees
            + self.other_taxes_less_subsidies_on_production
            + self.gross_operating_surplus_and_mixed_income
    }
}

/// A supply-use table of one economy and year, with its optional digital extension.
///
/// Identities (see [`mod@crate::check`]): per product, supply at purchasers' prices equals total
/// use; margins sum to zero; per industry, output equals intermediate consumption plus value
/// added; GDP by the production, expenditure and income approaches agree; every digital split
/// sums to its conventional total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "SupplyUseTable")]
pub struct SupplyUseTable {
    /// Always `"supplyUseTable"`.
    pub kind: SupplyUseTableKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the table covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The economy (ISO 3166-1 alpha-3; user-assigned codes such as `XXX` for synthetic data).
    pub economy: CountryCode,
    /// The reference year.
    #[schemars(range(min = 1, max = 9999))]
    pub year: i32,
    /// The currency of every value.
    pub currency: CurrencyCode,
    /// The multiplier of every value.
    pub unit: UnitMultiplier,
    /// The rounding tolerance the compiler declares; checks use it unless given another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Tolerance>,
    /// The products (rows).
    pub products: Vec<Product>,
    /// The industries (columns).
    pub industries: Vec<Industry>,
    /// The supply table at basic prices.
    pub supply: SupplyTable,
    /// The use table at purchasers' prices.
    #[serde(rename = "use")]
    pub use_table: UseTable,
    /// Value added by industry (an industry without a row has none).
    #[serde(default)]
    pub value_added: Vec<ValueAdded>,
    /// The digital extension (digital industries, digital products, nature of transaction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital: Option<DigitalExtension>,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Editorial notes (e.g. what is estimated or uncertain).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<LocalizedText>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl SupplyUseTable {
    /// An empty table (no products, industries or cells).
    pub fn new(
        id: Id,
        title: LocalizedText,
        economy: CountryCode,
        year: i32,
        currency: CurrencyCode,
        unit: UnitMultiplier,
    ) -> Self {
        Self {
            kind: SupplyUseTableKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            economy,
            year,
            currency,
            unit,
            tolerance: None,
            products: Vec::new(),
            industries: Vec::new(),
            supply: SupplyTable::default(),
            use_table: UseTable::default(),
            value_added: Vec::new(),
            digital: None,
            sources: Vec::new(),
            notes: Vec::new(),
            extensions: None,
        }
    }

    /// The tolerance checks use by default: the document's, else [`Tolerance::DEFAULT`].
    pub fn tolerance_or_default(&self) -> Tolerance {
        self.tolerance.unwrap_or(Tolerance::DEFAULT)
    }

    /// Multiplies every value of the table (and of its digital extension) by `factor`.
    /// The declared tolerance's absolute part is scaled too. O(cells).
    pub fn scale(&mut self, factor: f64) {
        let cells = self
            .supply
            .output
            .iter_mut()
            .chain(self.use_table.intermediate_consumption.iter_mut())
            .map(|c| &mut c.value);
        let vectors = [
            &mut self.supply.imports,
            &mut self.supply.trade_and_transport_margins,
            &mut self.supply.taxes_less_subsidies_on_products,
            &mut self.use_table.household_consumption,
            &mut self.use_table.government_consumption,
            &mut self.use_table.gross_capital_formation,
            &mut self.use_table.exports,
        ];
        for v in cells {
            *v *= factor;
        }
        for list in vectors {
            for c in list.iter_mut() {
                c.value *= factor;
            }
        }
        for va in &mut self.value_added {
            va.compensation_of_employees *= factor;
            va.other_taxes_less_subsidies_on_production *= factor;
            va.gross_operating_surplus_and_mixed_income *= factor;
        }
        if let Some(d) = &mut self.digital {
            d.scale(factor);
        }
        if let Some(t) = &mut self.tolerance {
            *t = Tolerance {
                absolute: t.absolute * factor.abs(),
                relative: t.relative,
            };
        }
    }
}

impl DocumentMeta for SupplyUseTable {
    const KIND: &'static str = SupplyUseTableKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    fn entities(&self) -> Vec<Entity<'_>> {
        let mut out = Vec::with_capacity(self.products.len() + self.industries.len());
        for (i, p) in self.products.iter().enumerate() {
            out.push(Entity {
                id: &p.id,
                entity: "product",
                path: Pointer::root().key("products").index(i).key("id").into(),
                name: Some(&p.name),
            });
        }
        for (i, p) in self.industries.iter().enumerate() {
            out.push(Entity {
                id: &p.id,
                entity: "industry",
                path: Pointer::root().key("industries").index(i).key("id").into(),
                name: Some(&p.name),
            });
        }
        if let Some(d) = &self.digital {
            for (i, p) in d.industries.iter().enumerate() {
                out.push(Entity {
                    id: &p.id,
                    entity: "digitalIndustry",
                    path: Pointer::root()
                        .key("digital")
                        .key("industries")
                        .index(i)
                        .key("id")
                        .into(),
                    name: Some(&p.name),
                });
            }
            for (i, p) in d.products.iter().enumerate() {
                out.push(Entity {
                    id: &p.id,
                    entity: "digitalProduct",
                    path: Pointer::root()
                        .key("digital")
                        .key("products")
                        .index(i)
                        .key("id")
                        .into(),
                    name: Some(&p.name),
                });
            }
        }
        out
    }
}
