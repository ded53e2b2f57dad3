//! Digital-economy indicators derived from a supply-use table and its digital extension, as
//! the `accountsIndicators` document.
//!
//! * value added of each digital industry and its share of GDP (production approach);
//! * supply (output + imports, basic prices) and use (intermediate consumption + final uses,
//!   purchasers' prices) of each digital product and their shares of total supply and use;
//! * expenditure by nature of transaction: over every split of a use flow, each nature's
//!   share of the split expenditure, overall and per flow, with the share of total use the
//!   splits cover.
//!
//! Shares are fractions (0.05 = 5 %), absent when the denominator is 0. Digital products are
//! taken as disjoint: list cloud computing and digital intermediation services as their own
//! products, not also inside "digital services", or their totals count them twice.
//! O(products + industries + cells).

use std::fmt::Write as _;

use govframe_core::{CountryCode, DocumentMeta, Id, Issues, LocalizedText, SpecVersion, Validate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::digital::{DigitalIndustryCategory, DigitalProductCategory, Flow, NatureOfTransaction};
use crate::table::{CurrencyCode, SupplyUseTable, UnitMultiplier};
use crate::totals::{Gdp, IdIndex, TableTotals};

govframe_core::document_kind!(
    /// The kind tag of an accounts indicators document.
    AccountsIndicatorsKind = "accountsIndicators"
);

/// Indicators of one digital industry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigitalIndustryIndicator {
    /// The digital industry (its id in the table).
    pub industry: Id,
    /// Its category.
    pub category: DigitalIndustryCategory,
    /// Its output (sum of its parts).
    pub output: f64,
    /// Its gross value added (sum of its parts).
    pub value_added: f64,
    /// Value added as a fraction of GDP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_gdp: Option<f64>,
}

/// Indicators of one digital product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigitalProductIndicator {
    /// The digital product (its id in the table).
    pub product: Id,
    /// Its category.
    pub category: DigitalProductCategory,
    /// Supply at basic prices: output + imports.
    pub supply: f64,
    /// Use at purchasers' prices: intermediate consumption + final uses.
    #[serde(rename = "use")]
    pub use_value: f64,
    /// Supply as a fraction of total supply at basic prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_supply: Option<f64>,
    /// Use as a fraction of total use at purchasers' prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_use: Option<f64>,
}

/// Expenditure of one nature of transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NatureShare {
    /// The nature of transaction.
    pub nature: NatureOfTransaction,
    /// Expenditure of that nature.
    pub expenditure: f64,
    /// Its fraction of the split expenditure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// Expenditure by nature of transaction for one use flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlowShares {
    /// The use flow.
    pub flow: Flow,
    /// Expenditure covered by splits of this flow.
    pub covered: f64,
    /// Per nature, in the order of [`NatureOfTransaction::ALL`].
    pub natures: Vec<NatureShare>,
}

/// Digital-economy indicators of a supply-use table, as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "AccountsIndicators")]
pub struct AccountsIndicators {
    /// Always `"accountsIndicators"`.
    pub kind: AccountsIndicatorsKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The table the indicators come from (its document id).
    pub table: Id,
    /// Its economy.
    pub economy: CountryCode,
    /// Its year.
    #[schemars(range(min = 1, max = 9999))]
    pub year: i32,
    /// Its currency.
    pub currency: CurrencyCode,
    /// Its unit multiplier.
    pub unit: UnitMultiplier,
    /// GDP by the three approaches; shares of GDP use the production approach.
    pub gdp: Gdp,
    /// Per digital industry, in the table's order.
    pub digital_industries: Vec<DigitalIndustryIndicator>,
    /// Value added of all digital industries.
    pub digital_value_added: f64,
    /// That value added as a fraction of GDP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_value_added_share_of_gdp: Option<f64>,
    /// Total supply at basic prices (output + imports, all products).
    pub total_supply: f64,
    /// Total use at purchasers' prices (intermediate consumption + final uses, all products).
    pub total_use: f64,
    /// Per digital product, in the table's order.
    pub digital_products: Vec<DigitalProductIndicator>,
    /// Supply of all digital products.
    pub digital_supply: f64,
    /// That supply as a fraction of total supply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_supply_share: Option<f64>,
    /// Use of all digital products.
    pub digital_use: f64,
    /// That use as a fraction of total use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_use_share: Option<f64>,
    /// Expenditure (use flows) split by nature of transaction.
    pub split_expenditure: f64,
    /// That expenditure as a fraction of total use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_coverage: Option<f64>,
    /// Per nature of transaction, over every split use flow.
    pub expenditure: Vec<NatureShare>,
    /// Per use flow that has splits, in the order of [`Flow::ALL`].
    pub expenditure_by_flow: Vec<FlowShares>,
}

impl DocumentMeta for AccountsIndicators {
    const KIND: &'static str = AccountsIndicatorsKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for AccountsIndicators {
    /// Rules: `accounts-indicators.non-finite` (every number finite).
    fn validate_into(&self, issues: &mut Issues) {
        let mut numbers: Vec<(String, f64)> = vec![
            ("/digitalValueAdded".into(), self.digital_value_added),
            ("/totalSupply".into(), self.total_supply),
            ("/totalUse".into(), self.total_use),
            ("/digitalSupply".into(), self.digital_supply),
            ("/digitalUse".into(), self.digital_use),
            ("/splitExpenditure".into(), self.split_expenditure),
        ];
        for (i, d) in self.digital_industries.iter().enumerate() {
            numbers.push((format!("/digitalIndustries/{i}/valueAdded"), d.value_added));
        }
        for (i, d) in self.digital_products.iter().enumerate() {
            numbers.push((format!("/digitalProducts/{i}/supply"), d.supply));
        }
        for (path, v) in numbers {
            issues.finite("accounts-indicators.non-finite", v, || path);
        }
    }
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0 && whole.is_finite()).then(|| part / whole)
}

fn natures(values: &[f64; 6], total: f64) -> Vec<NatureShare> {
    NatureOfTransaction::ALL
        .iter()
        .zip(values)
        .map(|(&nature, &expenditure)| NatureShare {
            nature,
            expenditure,
            share: share(expenditure, total),
        })
        .collect()
}

/// Derives the digital-economy indicators of `table`. Cells that name unknown ids are left
/// out (validate the table first). O(products + industries + cells).
///
/// ```
/// use govframe_accounting::indicators;
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/demo-sut.json"))?;
/// let table: govframe_accounting::SupplyUseTable = serde_json::from_str(&text)?;
/// let ind = indicators(&table);
/// assert_eq!(ind.gdp.production, 116.0);
/// assert!(ind.digital_value_added_share_of_gdp.unwrap() > 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn indicators(table: &SupplyUseTable) -> AccountsIndicators {
    let index = IdIndex::new(table);
    let totals = TableTotals::with_index(table, &index);
    let gdp = totals.aggregates().gdp();
    let total_supply = totals.supply_basic();
    let total_use = totals.total_use();
    let empty = crate::digital::DigitalExtension::default();
    let d = table.digital.as_ref().unwrap_or(&empty);

    let digital_industries: Vec<DigitalIndustryIndicator> = d
        .industries
        .iter()
        .map(|ind| {
            let output = ind.parts.iter().map(|p| p.output).sum();
            let value_added: f64 = ind.parts.iter().map(|p| p.value_added).sum();
            DigitalIndustryIndicator {
                industry: ind.id.clone(),
                category: ind.category.clone(),
                output,
                value_added,
                share_of_gdp: share(value_added, gdp.production),
            }
        })
        .collect();
    let digital_value_added: f64 = digital_industries.iter().map(|d| d.value_added).sum();

    let digital_products: Vec<DigitalProductIndicator> = d
        .products
        .iter()
        .map(|p| {
            let supply: f64 = p.parts.iter().map(|x| x.supply()).sum();
            let use_value: f64 = p.parts.iter().map(|x| x.total_use()).sum();
            DigitalProductIndicator {
                product: p.id.clone(),
                category: p.category.clone(),
                supply,
                use_value,
                share_of_supply: share(supply, total_supply),
                share_of_use: share(use_value, total_use),
            }
        })
        .collect();
    let digital_supply: f64 = digital_products.iter().map(|p| p.supply).sum();
    let digital_use: f64 = digital_products.iter().map(|p| p.use_value).sum();

    let mut by_flow: Vec<(Flow, f64, [f64; 6])> = Flow::ALL
        .iter()
        .filter(|f| f.is_use())
        .map(|&f| (f, 0.0, [0.0; 6]))
        .collect();
    for s in &d.transactions {
        if !s.flow.is_use() {
            continue;
        }
        let Some(t) = index
            .product(s.product.as_str())
            .and_then(|p| totals.products.get(p))
        else {
            continue;
        };
        let total = t.flow(s.flow);
        if let Some(entry) = by_flow.iter_mut().find(|e| e.0 == s.flow) {
            entry.1 += total;
            for (acc, nature) in entry.2.iter_mut().zip(NatureOfTransaction::ALL) {
                *acc += s.part(nature, total);
            }
        }
    }
    let split_expenditure: f64 = by_flow.iter().map(|e| e.1).sum();
    let mut overall = [0.0; 6];
    for e in &by_flow {
        for (o, v) in overall.iter_mut().zip(e.2) {
            *o += v;
        }
    }
    let expenditure_by_flow = by_flow
        .iter()
        .filter(|e| e.1 != 0.0 || e.2.iter().any(|v| *v != 0.0))
        .map(|(flow, covered, values)| FlowShares {
            flow: *flow,
            covered: *covered,
            natures: natures(values, *covered),
        })
        .collect();

    let id = Id::new(format!("indicators-{}", table.id.as_str()))
        .or_else(|_| Id::new("accounts-indicators"))
        .unwrap_or_else(|_| table.id.clone());
    AccountsIndicators {
        kind: AccountsIndicatorsKind::Value,
        spec_version: SpecVersion::V1_0,
        id,
        title: LocalizedText::en(format!(
            "Digital-economy indicators of {}",
            table.title.best("en")
        )),
        schema: None,
        table: table.id.clone(),
        economy: table.economy,
        year: table.year,
        currency: table.currency,
        unit: table.unit.clone(),
        gdp,
        digital_value_added_share_of_gdp: share(digital_value_added, gdp.production),
        digital_industries,
        digital_value_added,
        total_supply,
        total_use,
        digital_supply_share: share(digital_supply, total_supply),
        digital_use_share: share(digital_use, total_use),
        digital_products,
        digital_supply,
        digital_use,
        split_coverage: share(split_expenditure, total_use),
        expenditure: natures(&overall, split_expenditure),
        split_expenditure,
        expenditure_by_flow,
    }
}

fn pct(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{:.2} %", x * 100.0),
        None => "–".to_owned(),
    }
}

fn amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

impl AccountsIndicators {
    /// The indicators as text for people.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Digital-economy indicators of {} ({} {}, {} {})",
            self.table, self.economy, self.year, self.currency, self.unit
        );
        let _ = writeln!(
            out,
            "GDP (production approach): {}",
            amount(self.gdp.production)
        );
        let _ = writeln!(
            out,
            "\nDigital industries: value added {} = {} of GDP",
            amount(self.digital_value_added),
            pct(self.digital_value_added_share_of_gdp)
        );
        for d in &self.digital_industries {
            let _ = writeln!(
                out,
                "  {:<24} {:<36} value added {:>12}  {:>9} of GDP",
                d.industry.as_str(),
                d.category.as_str(),
                amount(d.value_added),
                pct(d.share_of_gdp)
            );
        }
        let _ = writeln!(
            out,
            "\nDigital products: supply {} = {} of supply; use {} = {} of use",
            amount(self.digital_supply),
            pct(self.digital_supply_share),
            amount(self.digital_use),
            pct(self.digital_use_share)
        );
        for p in &self.digital_products {
            let _ = writeln!(
                out,
                "  {:<24} {:<30} supply {:>12} ({:>9})  use {:>12} ({:>9})",
                p.product.as_str(),
                p.category.as_str(),
                amount(p.supply),
                pct(p.share_of_supply),
                amount(p.use_value),
                pct(p.share_of_use)
            );
        }
        let _ = writeln!(
            out,
            "\nExpenditure by nature of transaction: {} split ({} of total use)",
            amount(self.split_expenditure),
            pct(self.split_coverage)
        );
        for n in &self.expenditure {
            let _ = writeln!(
                out,
                "  {:<38} {:>12}  {:>9}",
                n.nature.as_str(),
                amount(n.expenditure),
                pct(n.share)
            );
        }
        out
    }
}
