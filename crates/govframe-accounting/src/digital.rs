//! The digital extension of a supply-use table, after the OECD *Handbook on Compiling
//! Digital Supply and Use Tables* (2023): digital industries (the "who"), digital products
//! (the "what") and the nature of the transaction (the "how").
//!
//! Each part is a **split of a conventional total**, so it can be checked against the core
//! table:
//!
//! * a digital industry is made of parts of conventional industries (its output,
//!   intermediate consumption and value added in each); the parts of an industry may not
//!   exceed that industry's totals, and each part must satisfy output = intermediate
//!   consumption + value added;
//! * a digital product is made of parts of conventional products (output, imports,
//!   intermediate consumption and final uses in each); the parts of a product may not exceed
//!   its totals;
//! * a nature-of-transaction split divides one flow of one product (e.g. household
//!   consumption of product G) into digitally ordered (direct, via a resident platform, via a
//!   non-resident platform), platform enabled, digitally delivered and not digital; the parts
//!   sum to the flow's total (when `notDigital` is absent it is the remainder, and the
//!   digital parts may not exceed the total).
//!
//! The names of the seven digital industries and the layout of the nature-of-transaction
//! columns follow the project's reference notes, which mark them as not yet checked against
//! chapter 2 of the Handbook; the code lists are open, so other codes are accepted.

use govframe_core::{Id, LocalizedText};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

govframe_core::open_code_list! {
    /// The seven digital industries of the Digital SUT framework.
    pub enum DigitalIndustryCategory {
        /// Digitally enabling industries.
        DigitallyEnabling = "digitallyEnabling",
        /// Digital intermediary platforms charging a fee.
        IntermediaryPlatformsChargingAFee = "intermediaryPlatformsChargingAFee",
        /// Data and advertising driven digital platforms.
        DataAndAdvertisingDrivenPlatforms = "dataAndAdvertisingDrivenPlatforms",
        /// Firms dependent on intermediary platforms.
        DependentOnIntermediaryPlatforms = "dependentOnIntermediaryPlatforms",
        /// E-tailers.
        ETailers = "eTailers",
        /// Digital-only firms providing finance and insurance services.
        DigitalOnlyFinanceAndInsurance = "digitalOnlyFinanceAndInsurance",
        /// Other producers only operating digitally.
        OtherDigitalOnlyProducers = "otherDigitalOnlyProducers",
    }
}

govframe_core::open_code_list! {
    /// Groups of digital products.
    pub enum DigitalProductCategory {
        /// ICT goods.
        IctGoods = "ictGoods",
        /// Digital services (ICT and other digital services).
        DigitalServices = "digitalServices",
        /// Cloud computing services (CCS).
        CloudComputingServices = "cloudComputingServices",
        /// Digital intermediation services (DIS).
        DigitalIntermediationServices = "digitalIntermediationServices",
    }
}

/// The part of one conventional industry that belongs to a digital industry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndustryPart {
    /// The conventional industry, by id.
    pub industry: Id,
    /// Output of the part, at basic prices.
    pub output: f64,
    /// Intermediate consumption of the part, at purchasers' prices.
    pub intermediate_consumption: f64,
    /// Gross value added of the part.
    pub value_added: f64,
}

/// A digital industry: a new column made of parts of conventional industries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigitalIndustry {
    /// Id, unique in the document.
    pub id: Id,
    /// Which of the digital industries it is.
    pub category: DigitalIndustryCategory,
    /// Its name.
    pub name: LocalizedText,
    /// Its parts, at most one per conventional industry.
    pub parts: Vec<IndustryPart>,
}

/// The part of one conventional product that is a digital product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductPart {
    /// The conventional product, by id.
    pub product: Id,
    /// Output (all industries), at basic prices.
    pub output: f64,
    /// Imports, at basic prices.
    pub imports: f64,
    /// Intermediate consumption (all industries), at purchasers' prices.
    pub intermediate_consumption: f64,
    /// Final uses (household and government consumption, gross capital formation, exports),
    /// at purchasers' prices.
    pub final_uses: f64,
}

impl ProductPart {
    /// Supply at basic prices: output plus imports.
    pub fn supply(&self) -> f64 {
        self.output + self.imports
    }

    /// Use at purchasers' prices: intermediate consumption plus final uses.
    pub fn total_use(&self) -> f64 {
        self.intermediate_consumption + self.final_uses
    }
}

/// A digital product: a new row made of parts of conventional products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigitalProduct {
    /// Id, unique in the document.
    pub id: Id,
    /// Which group of digital products it belongs to.
    pub category: DigitalProductCategory,
    /// Its name.
    pub name: LocalizedText,
    /// Its parts, at most one per conventional product.
    pub parts: Vec<ProductPart>,
}

/// A flow of a product that a nature-of-transaction split divides.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Flow {
    /// Output (all industries).
    Output,
    /// Imports.
    Imports,
    /// Intermediate consumption (all industries).
    IntermediateConsumption,
    /// Household final consumption.
    HouseholdConsumption,
    /// Government final consumption.
    GovernmentConsumption,
    /// Gross capital formation.
    GrossCapitalFormation,
    /// Exports.
    Exports,
}

impl Flow {
    /// Every flow.
    pub const ALL: [Flow; 7] = [
        Self::Output,
        Self::Imports,
        Self::IntermediateConsumption,
        Self::HouseholdConsumption,
        Self::GovernmentConsumption,
        Self::GrossCapitalFormation,
        Self::Exports,
    ];

    /// The flow as written in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Output => "output",
            Self::Imports => "imports",
            Self::IntermediateConsumption => "intermediateConsumption",
            Self::HouseholdConsumption => "householdConsumption",
            Self::GovernmentConsumption => "governmentConsumption",
            Self::GrossCapitalFormation => "grossCapitalFormation",
            Self::Exports => "exports",
        }
    }

    /// Whether the flow is a use (an expenditure), not a supply.
    pub fn is_use(&self) -> bool {
        !matches!(self, Self::Output | Self::Imports)
    }
}

/// How a transaction was ordered or delivered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum NatureOfTransaction {
    /// Digitally ordered, directly from a counterparty.
    DigitallyOrderedDirect,
    /// Digitally ordered via a resident digital intermediary platform.
    DigitallyOrderedResidentPlatform,
    /// Digitally ordered via a non-resident digital intermediary platform.
    DigitallyOrderedNonResidentPlatform,
    /// Platform enabled.
    PlatformEnabled,
    /// Digitally delivered.
    DigitallyDelivered,
    /// Neither digitally ordered nor digitally delivered.
    NotDigital,
}

impl NatureOfTransaction {
    /// Every nature, in the order of the columns.
    pub const ALL: [NatureOfTransaction; 6] = [
        Self::DigitallyOrderedDirect,
        Self::DigitallyOrderedResidentPlatform,
        Self::DigitallyOrderedNonResidentPlatform,
        Self::PlatformEnabled,
        Self::DigitallyDelivered,
        Self::NotDigital,
    ];

    /// The nature as written in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::DigitallyOrderedDirect => "digitallyOrderedDirect",
            Self::DigitallyOrderedResidentPlatform => "digitallyOrderedResidentPlatform",
            Self::DigitallyOrderedNonResidentPlatform => "digitallyOrderedNonResidentPlatform",
            Self::PlatformEnabled => "platformEnabled",
            Self::DigitallyDelivered => "digitallyDelivered",
            Self::NotDigital => "notDigital",
        }
    }
}

/// One flow of one product, split by nature of transaction. Absent digital parts are zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionSplit {
    /// The product, by id.
    pub product: Id,
    /// The flow split.
    pub flow: Flow,
    /// Digitally ordered, directly from a counterparty.
    #[serde(default)]
    pub digitally_ordered_direct: f64,
    /// Digitally ordered via a resident digital intermediary platform.
    #[serde(default)]
    pub digitally_ordered_resident_platform: f64,
    /// Digitally ordered via a non-resident digital intermediary platform.
    #[serde(default)]
    pub digitally_ordered_non_resident_platform: f64,
    /// Platform enabled.
    #[serde(default)]
    pub platform_enabled: f64,
    /// Digitally delivered.
    #[serde(default)]
    pub digitally_delivered: f64,
    /// Neither digitally ordered nor delivered; when absent, the remainder of the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_digital: Option<f64>,
}

impl TransactionSplit {
    /// A split with every part zero and `notDigital` left as the remainder.
    pub fn new(product: Id, flow: Flow) -> Self {
        Self {
            product,
            flow,
            digitally_ordered_direct: 0.0,
            digitally_ordered_resident_platform: 0.0,
            digitally_ordered_non_resident_platform: 0.0,
            platform_enabled: 0.0,
            digitally_delivered: 0.0,
            not_digital: None,
        }
    }

    /// The sum of the five digital parts.
    pub fn digital_total(&self) -> f64 {
        self.digitally_ordered_direct
            + self.digitally_ordered_resident_platform
            + self.digitally_ordered_non_resident_platform
            + self.platform_enabled
            + self.digitally_delivered
    }

    /// The value of one nature; `notDigital` is `total − digital parts` when absent.
    pub fn part(&self, nature: NatureOfTransaction, total: f64) -> f64 {
        match nature {
            NatureOfTransaction::DigitallyOrderedDirect => self.digitally_ordered_direct,
            NatureOfTransaction::DigitallyOrderedResidentPlatform => {
                self.digitally_ordered_resident_platform
            }
            NatureOfTransaction::DigitallyOrderedNonResidentPlatform => {
                self.digitally_ordered_non_resident_platform
            }
            NatureOfTransaction::PlatformEnabled => self.platform_enabled,
            NatureOfTransaction::DigitallyDelivered => self.digitally_delivered,
            NatureOfTransaction::NotDigital => self
                .not_digital
                .unwrap_or_else(|| total - self.digital_total()),
        }
    }

    fn values_mut(&mut self) -> impl Iterator<Item = &mut f64> {
        [
            &mut self.digitally_ordered_direct,
            &mut self.digitally_ordered_resident_platform,
            &mut self.digitally_ordered_non_resident_platform,
            &mut self.platform_enabled,
            &mut self.digitally_delivered,
        ]
        .into_iter()
        .chain(self.not_digital.as_mut())
    }

    /// Every value given, with its JSON field name.
    pub fn values(&self) -> impl Iterator<Item = (&'static str, f64)> {
        [
            ("digitallyOrderedDirect", self.digitally_ordered_direct),
            (
                "digitallyOrderedResidentPlatform",
                self.digitally_ordered_resident_platform,
            ),
            (
                "digitallyOrderedNonResidentPlatform",
                self.digitally_ordered_non_resident_platform,
            ),
            ("platformEnabled", self.platform_enabled),
            ("digitallyDelivered", self.digitally_delivered),
        ]
        .into_iter()
        .chain(self.not_digital.map(|v| ("notDigital", v)))
    }
}

/// The digital extension of a supply-use table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DigitalExtension {
    /// Digital industries (the "who").
    #[serde(default)]
    pub industries: Vec<DigitalIndustry>,
    /// Digital products (the "what").
    #[serde(default)]
    pub products: Vec<DigitalProduct>,
    /// Nature-of-transaction splits (the "how"), at most one per product and flow.
    #[serde(default)]
    pub transactions: Vec<TransactionSplit>,
}

impl DigitalExtension {
    /// Multiplies every value by `factor`.
    pub fn scale(&mut self, factor: f64) {
        for d in &mut self.industries {
            for p in &mut d.parts {
                p.output *= factor;
                p.intermediate_consumption *= factor;
                p.value_added *= factor;
            }
        }
        for d in &mut self.products {
            for p in &mut d.parts {
                p.output *= factor;
                p.imports *= factor;
                p.intermediate_consumption *= factor;
                p.final_uses *= factor;
            }
        }
        for t in &mut self.transactions {
            for v in t.values_mut() {
                *v *= factor;
            }
        }
    }
}
