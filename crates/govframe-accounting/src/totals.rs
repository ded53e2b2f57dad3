//! Row and column totals of a table, indexed by product and industry position: what the
//! identity checks and the indicators need (never the whole matrix).

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::digital::Flow;
use crate::table::{MatrixCell, ProductValue, SupplyUseTable};

/// The totals of one product (one row of the tables).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProductTotals {
    /// Output, all industries (basic prices).
    pub output: f64,
    /// Imports.
    pub imports: f64,
    /// Trade and transport margins.
    pub margins: f64,
    /// Taxes less subsidies on products.
    pub taxes_less_subsidies: f64,
    /// Intermediate consumption, all industries (purchasers' prices).
    pub intermediate_consumption: f64,
    /// Household final consumption.
    pub household_consumption: f64,
    /// Government final consumption.
    pub government_consumption: f64,
    /// Gross capital formation.
    pub gross_capital_formation: f64,
    /// Exports.
    pub exports: f64,
}

impl ProductTotals {
    /// Supply at basic prices: output plus imports.
    pub fn supply_basic(&self) -> f64 {
        self.output + self.imports
    }

    /// Supply at purchasers' prices: supply at basic prices plus margins plus taxes less
    /// subsidies on products.
    pub fn supply_purchasers(&self) -> f64 {
        self.supply_basic() + self.margins + self.taxes_less_subsidies
    }

    /// Final uses: consumption, gross capital formation and exports.
    pub fn final_uses(&self) -> f64 {
        self.household_consumption
            + self.government_consumption
            + self.gross_capital_formation
            + self.exports
    }

    /// Total use at purchasers' prices: intermediate consumption plus final uses.
    pub fn total_use(&self) -> f64 {
        self.intermediate_consumption + self.final_uses()
    }

    /// The total of one flow.
    pub fn flow(&self, flow: Flow) -> f64 {
        match flow {
            Flow::Output => self.output,
            Flow::Imports => self.imports,
            Flow::IntermediateConsumption => self.intermediate_consumption,
            Flow::HouseholdConsumption => self.household_consumption,
            Flow::GovernmentConsumption => self.government_consumption,
            Flow::GrossCapitalFormation => self.gross_capital_formation,
            Flow::Exports => self.exports,
        }
    }
}

/// The totals of one industry (one column).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IndustryTotals {
    /// Output, all products (basic prices).
    pub output: f64,
    /// Intermediate consumption, all products (purchasers' prices).
    pub intermediate_consumption: f64,
    /// Compensation of employees.
    pub compensation_of_employees: f64,
    /// Other taxes less subsidies on production.
    pub other_taxes_less_subsidies_on_production: f64,
    /// Gross operating surplus and mixed income.
    pub gross_operating_surplus_and_mixed_income: f64,
}

impl IndustryTotals {
    /// Gross value added from its components.
    pub fn value_added(&self) -> f64 {
        self.compensation_of_employees
            + self.other_taxes_less_subsidies_on_production
            + self.gross_operating_surplus_and_mixed_income
    }
}

/// The economy-wide aggregates the three GDP approaches are computed from (ESA/SNA codes in
/// brackets). All may be given directly (published aggregates) or derived from a table
/// ([`TableTotals::aggregates`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Aggregates {
    /// Output at basic prices (P1).
    pub output: f64,
    /// Intermediate consumption (P2).
    pub intermediate_consumption: f64,
    /// Taxes less subsidies on products (D21 − D31).
    pub taxes_less_subsidies_on_products: f64,
    /// Final consumption expenditure (P3).
    pub final_consumption: f64,
    /// Gross capital formation (P5).
    pub gross_capital_formation: f64,
    /// Exports (P6).
    pub exports: f64,
    /// Imports (P7).
    pub imports: f64,
    /// Compensation of employees (D1).
    pub compensation_of_employees: f64,
    /// Gross operating surplus and mixed income (B2G + B3G).
    pub gross_operating_surplus_and_mixed_income: f64,
    /// Taxes on production and imports less subsidies (D2 − D3): taxes less subsidies on
    /// products plus other taxes less subsidies on production.
    pub taxes_less_subsidies_on_production_and_imports: f64,
}

/// GDP by the three approaches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gdp {
    /// Production approach: P1 − P2 + (D21 − D31).
    pub production: f64,
    /// Expenditure approach: P3 + P5 + P6 − P7.
    pub expenditure: f64,
    /// Income approach: D1 + (B2G + B3G) + (D2 − D3).
    pub income: f64,
}

impl Aggregates {
    /// Gross value added: P1 − P2 (B1G).
    pub fn value_added(&self) -> f64 {
        self.output - self.intermediate_consumption
    }

    /// GDP by the three approaches.
    ///
    /// ```
    /// use govframe_accounting::Aggregates;
    /// // Bulgaria, ESA 95 (methods.md §3.3 a): the production approach is 1 above the others.
    /// let bg = Aggregates {
    ///     output: 162_295.0, intermediate_consumption: 97_464.0,
    ///     taxes_less_subsidies_on_products: 10_947.0 - 512.0,
    ///     final_consumption: 57_392.0, gross_capital_formation: 17_364.0,
    ///     exports: 50_061.0, imports: 49_552.0,
    ///     compensation_of_employees: 27_966.0, gross_operating_surplus_and_mixed_income: 37_320.0,
    ///     taxes_less_subsidies_on_production_and_imports: 11_380.0 - 1_401.0,
    /// };
    /// let gdp = bg.gdp();
    /// assert_eq!((gdp.production, gdp.expenditure, gdp.income), (75_266.0, 75_265.0, 75_265.0));
    /// ```
    pub fn gdp(&self) -> Gdp {
        Gdp {
            production: self.value_added() + self.taxes_less_subsidies_on_products,
            expenditure: self.final_consumption + self.gross_capital_formation + self.exports
                - self.imports,
            income: self.compensation_of_employees
                + self.gross_operating_surplus_and_mixed_income
                + self.taxes_less_subsidies_on_production_and_imports,
        }
    }
}

/// Row totals by product and column totals by industry, in the order of the table's
/// `products` and `industries`. Cells that name an unknown id are left out (validation
/// reports them). Built in O(products + industries + cells).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableTotals {
    /// Per product, in the table's order.
    pub products: Vec<ProductTotals>,
    /// Per industry, in the table's order.
    pub industries: Vec<IndustryTotals>,
}

/// Position of each product and industry id (the first, when an id is repeated).
pub(crate) struct IdIndex<'a> {
    pub products: HashMap<&'a str, usize>,
    pub industries: HashMap<&'a str, usize>,
}

impl<'a> IdIndex<'a> {
    pub fn new(table: &'a SupplyUseTable) -> Self {
        let mut products = HashMap::with_capacity(table.products.len());
        for (i, p) in table.products.iter().enumerate() {
            products.entry(p.id.as_str()).or_insert(i);
        }
        let mut industries = HashMap::with_capacity(table.industries.len());
        for (i, p) in table.industries.iter().enumerate() {
            industries.entry(p.id.as_str()).or_insert(i);
        }
        Self {
            products,
            industries,
        }
    }

    pub fn product(&self, id: &str) -> Option<usize> {
        self.products.get(id).copied()
    }

    pub fn industry(&self, id: &str) -> Option<usize> {
        self.industries.get(id).copied()
    }
}

impl TableTotals {
    /// Computes the totals of `table`.
    pub fn new(table: &SupplyUseTable) -> Self {
        Self::with_index(table, &IdIndex::new(table))
    }

    pub(crate) fn with_index(table: &SupplyUseTable, index: &IdIndex<'_>) -> Self {
        let mut products = vec![ProductTotals::default(); table.products.len()];
        let mut industries = vec![IndustryTotals::default(); table.industries.len()];
        let matrix = |cells: &[MatrixCell],
                      products: &mut [ProductTotals],
                      industries: &mut [IndustryTotals],
                      row: fn(&mut ProductTotals) -> &mut f64,
                      col: fn(&mut IndustryTotals) -> &mut f64| {
            for c in cells {
                if let (Some(p), Some(i)) = (
                    index.product(c.product.as_str()),
                    index.industry(c.industry.as_str()),
                ) && let (Some(pt), Some(it)) = (products.get_mut(p), industries.get_mut(i))
                {
                    *row(pt) += c.value;
                    *col(it) += c.value;
                }
            }
        };
        matrix(
            &table.supply.output,
            &mut products,
            &mut industries,
            |p| &mut p.output,
            |i| &mut i.output,
        );
        matrix(
            &table.use_table.intermediate_consumption,
            &mut products,
            &mut industries,
            |p| &mut p.intermediate_consumption,
            |i| &mut i.intermediate_consumption,
        );
        let vector = |cells: &[ProductValue],
                      products: &mut [ProductTotals],
                      field: fn(&mut ProductTotals) -> &mut f64| {
            for c in cells {
                if let Some(pt) = index
                    .product(c.product.as_str())
                    .and_then(|p| products.get_mut(p))
                {
                    *field(pt) += c.value;
                }
            }
        };
        vector(&table.supply.imports, &mut products, |p| &mut p.imports);
        vector(
            &table.supply.trade_and_transport_margins,
            &mut products,
            |p| &mut p.margins,
        );
        vector(
            &table.supply.taxes_less_subsidies_on_products,
            &mut products,
            |p| &mut p.taxes_less_subsidies,
        );
        vector(&table.use_table.household_consumption, &mut products, |p| {
            &mut p.household_consumption
        });
        vector(
            &table.use_table.government_consumption,
            &mut products,
            |p| &mut p.government_consumption,
        );
        vector(
            &table.use_table.gross_capital_formation,
            &mut products,
            |p| &mut p.gross_capital_formation,
        );
        vector(&table.use_table.exports, &mut products, |p| &mut p.exports);
        for va in &table.value_added {
            if let Some(it) = index
                .industry(va.industry.as_str())
                .and_then(|i| industries.get_mut(i))
            {
                it.compensation_of_employees += va.compensation_of_employees;
                it.other_taxes_less_subsidies_on_production +=
                    va.other_taxes_less_subsidies_on_production;
                it.gross_operating_surplus_and_mixed_income +=
                    va.gross_operating_surplus_and_mixed_income;
            }
        }
        Self {
            products,
            industries,
        }
    }

    /// The economy-wide aggregates of the table.
    pub fn aggregates(&self) -> Aggregates {
        let mut a = Aggregates::default();
        for p in &self.products {
            a.output += p.output;
            a.intermediate_consumption += p.intermediate_consumption;
            a.taxes_less_subsidies_on_products += p.taxes_less_subsidies;
            a.final_consumption += p.household_consumption + p.government_consumption;
            a.gross_capital_formation += p.gross_capital_formation;
            a.exports += p.exports;
            a.imports += p.imports;
        }
        let mut other_taxes = 0.0;
        for i in &self.industries {
            a.compensation_of_employees += i.compensation_of_employees;
            a.gross_operating_surplus_and_mixed_income +=
                i.gross_operating_surplus_and_mixed_income;
            other_taxes += i.other_taxes_less_subsidies_on_production;
        }
        a.taxes_less_subsidies_on_production_and_imports =
            a.taxes_less_subsidies_on_products + other_taxes;
        a
    }

    /// Total supply at basic prices (output plus imports, all products).
    pub fn supply_basic(&self) -> f64 {
        self.products.iter().map(ProductTotals::supply_basic).sum()
    }

    /// Total use at purchasers' prices (intermediate consumption plus final uses).
    pub fn total_use(&self) -> f64 {
        self.products.iter().map(ProductTotals::total_use).sum()
    }
}
