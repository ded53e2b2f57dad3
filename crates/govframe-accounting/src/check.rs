//! The accounting identities of a supply-use table, each a rule with a stable id, checked with
//! an absolute and a relative tolerance; and the `accountsCheckReport` document.
//!
//! | rule | identity | path |
//! |---|---|---|
//! | `accounting.identity.product-balance` | per product: output + imports + margins + taxes less subsidies = intermediate consumption + final uses | `/products/{i}` |
//! | `accounting.identity.margins-sum` | Σ trade and transport margins = 0 | `/supply/tradeAndTransportMargins` |
//! | `accounting.identity.industry-balance` | per industry: output = intermediate consumption + value added | `/industries/{j}` |
//! | `accounting.identity.gdp-expenditure` | GDP production = GDP expenditure | `` (the table) |
//! | `accounting.identity.gdp-income` | GDP production = GDP income | `` (the table) |
//! | `accounting.digital.split-mismatch` | a complete nature-of-transaction split sums to its flow's total | `/digital/transactions/{k}` |
//! | `accounting.digital.split-exceeds-total` | digital parts do not exceed their conventional total (splits without `notDigital`, digital industries per industry, digital products per product) | `/digital/transactions/{k}`, `/industries/{j}`, `/products/{i}` |
//! | `accounting.digital.part-identity` | per part of a digital industry: output = intermediate consumption + value added | `/digital/industries/{d}/parts/{k}` |
//!
//! Two numbers `a` and `b` agree when `|a − b| ≤ max(absolute, relative · max(|a|, |b|))`.
//! With a purely relative tolerance the verdicts do not change when every entry is scaled by
//! the same positive factor. All checks together are O(products + industries + cells).

use std::fmt::Write as _;

use govframe_core::{DocumentMeta, Id, Issues, LocalizedText, Pointer, SpecVersion, Validate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::digital::DigitalExtension;
use crate::table::SupplyUseTable;
use crate::totals::{Aggregates, Gdp, IdIndex, TableTotals};

/// Rule: supply equals use per product.
pub const PRODUCT_BALANCE: &str = "accounting.identity.product-balance";
/// Rule: margins sum to zero.
pub const MARGINS_SUM: &str = "accounting.identity.margins-sum";
/// Rule: output equals intermediate consumption plus value added per industry.
pub const INDUSTRY_BALANCE: &str = "accounting.identity.industry-balance";
/// Rule: GDP by the expenditure approach equals GDP by the production approach.
pub const GDP_EXPENDITURE: &str = "accounting.identity.gdp-expenditure";
/// Rule: GDP by the income approach equals GDP by the production approach.
pub const GDP_INCOME: &str = "accounting.identity.gdp-income";
/// Rule: a complete nature-of-transaction split sums to its total.
pub const SPLIT_MISMATCH: &str = "accounting.digital.split-mismatch";
/// Rule: digital parts do not exceed their conventional total.
pub const SPLIT_EXCEEDS_TOTAL: &str = "accounting.digital.split-exceeds-total";
/// Rule: a digital industry part satisfies output = intermediate consumption + value added.
pub const PART_IDENTITY: &str = "accounting.digital.part-identity";

/// Every tolerance-based check, in the order they run, with what it states.
pub const CHECK_RULES: [(&str, &str); 8] = [
    (
        PRODUCT_BALANCE,
        "supply at purchasers' prices equals total use, per product",
    ),
    (MARGINS_SUM, "trade and transport margins sum to zero"),
    (
        INDUSTRY_BALANCE,
        "output equals intermediate consumption plus value added, per industry",
    ),
    (
        GDP_EXPENDITURE,
        "GDP by the expenditure approach equals GDP by the production approach",
    ),
    (
        GDP_INCOME,
        "GDP by the income approach equals GDP by the production approach",
    ),
    (
        SPLIT_MISMATCH,
        "a nature-of-transaction split sums to its flow's total",
    ),
    (
        SPLIT_EXCEEDS_TOTAL,
        "digital parts do not exceed their conventional total",
    ),
    (
        PART_IDENTITY,
        "a digital industry part's output equals its intermediate consumption plus value added",
    ),
];

/// Whether `rule` is one of the tolerance-based checks of [`CHECK_RULES`] (as opposed to a
/// structural rule such as an unknown product). A table that fails only these can still be
/// checked, balanced and summarised.
pub fn is_check_rule(rule: &str) -> bool {
    CHECK_RULES.iter().any(|(r, _)| *r == rule)
}

/// How far two numbers may differ and still agree: `|a − b| ≤ max(absolute, relative ·
/// max(|a|, |b|))`. Both parts are finite and not negative.
///
/// ```
/// use govframe_accounting::Tolerance;
/// let t = Tolerance::new(1.0, 0.0)?;
/// assert!(t.agrees(75_266.0, 75_265.0));
/// assert!(!Tolerance::EXACT.agrees(75_266.0, 75_265.0));
/// assert!(Tolerance::new(-1.0, 0.0).is_err());
/// # Ok::<(), govframe_accounting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tolerance {
    /// Absolute tolerance, in the table's unit (e.g. 1 for figures rounded to units).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub absolute: f64,
    /// Relative tolerance, a fraction of the larger magnitude (e.g. 1e-9).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub relative: f64,
}

impl Tolerance {
    /// Exact agreement.
    pub const EXACT: Tolerance = Tolerance {
        absolute: 0.0,
        relative: 0.0,
    };

    /// What checks use when neither the caller nor the table says: relative 1e-9 (floating
    /// point noise), absolute 0.
    pub const DEFAULT: Tolerance = Tolerance {
        absolute: 0.0,
        relative: 1e-9,
    };

    /// A tolerance; both parts must be finite and not negative.
    pub fn new(absolute: f64, relative: f64) -> crate::Result<Self> {
        for (what, v) in [("absolute", absolute), ("relative", relative)] {
            if !v.is_finite() || v < 0.0 {
                return Err(crate::Error::InvalidTolerance(format!(
                    "the {what} tolerance is {v}; it must be a finite number ≥ 0"
                )));
            }
        }
        Ok(Self { absolute, relative })
    }

    /// The largest difference allowed between `a` and `b`.
    pub fn allowance(&self, a: f64, b: f64) -> f64 {
        self.absolute.max(self.relative * a.abs().max(b.abs()))
    }

    /// Whether `a` and `b` agree.
    pub fn agrees(&self, a: f64, b: f64) -> bool {
        (a - b).abs() <= self.allowance(a, b)
    }

    /// Whether `a` is at most `b`, with this tolerance.
    pub fn at_most(&self, a: f64, b: f64) -> bool {
        a - b <= self.allowance(a, b)
    }
}

impl Default for Tolerance {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl<'de> Deserialize<'de> for Tolerance {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        struct Repr {
            #[serde(default)]
            absolute: f64,
            #[serde(default)]
            relative: f64,
        }
        let r = Repr::deserialize(deserializer)?;
        Tolerance::new(r.absolute, r.relative).map_err(serde::de::Error::custom)
    }
}

/// A check that did not hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckFailure {
    /// The rule (see [`CHECK_RULES`]).
    pub rule: String,
    /// JSON Pointer into the table: the product, industry or split concerned.
    pub path: String,
    /// The id of the product, industry or split's product, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Left-hand side of the identity (e.g. supply).
    pub left: f64,
    /// Right-hand side of the identity (e.g. use).
    pub right: f64,
    /// `left − right`.
    pub residual: f64,
    /// The largest residual the tolerance allowed here.
    pub allowed: f64,
    /// What is wrong, naming the product or industry.
    pub message: String,
}

/// How one rule fared over the whole table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleSummary {
    /// The rule.
    pub rule: String,
    /// What it states.
    pub description: String,
    /// How many times it was evaluated (products, industries, splits…).
    pub checked: u32,
    /// How many of those failed.
    pub failed: u32,
    /// The largest absolute residual seen (for one-sided checks, the largest excess; 0 when
    /// nothing was checked).
    pub max_residual: f64,
}

govframe_core::document_kind!(
    /// The kind tag of an accounts check report.
    AccountsCheckReportKind = "accountsCheckReport"
);

/// The outcome of checking a supply-use table's identities, as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "AccountsCheckReport")]
pub struct AccountsCheckReport {
    /// Always `"accountsCheckReport"`.
    pub kind: AccountsCheckReportKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Report id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The table checked (its document id).
    pub table: Id,
    /// The tolerance used.
    pub tolerance: Tolerance,
    /// Whether every check held.
    pub passed: bool,
    /// The economy-wide aggregates of the table.
    pub aggregates: Aggregates,
    /// GDP by the three approaches.
    pub gdp: Gdp,
    /// Per rule, in the order of [`CHECK_RULES`].
    pub rules: Vec<RuleSummary>,
    /// Every check that failed, in the order found.
    pub failures: Vec<CheckFailure>,
}

impl DocumentMeta for AccountsCheckReport {
    const KIND: &'static str = AccountsCheckReportKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for AccountsCheckReport {
    /// Rules: `accounts-check-report.summary-mismatch` (a rule's `failed` count differs from
    /// the failures listed), `accounts-check-report.passed-mismatch`.
    fn validate_into(&self, issues: &mut Issues) {
        for (i, r) in self.rules.iter().enumerate() {
            let listed = self.failures.iter().filter(|f| f.rule == r.rule).count();
            if r.failed as usize != listed {
                issues.error(
                    "accounts-check-report.summary-mismatch",
                    Pointer::root().key("rules").index(i).key("failed"),
                    format!(
                        "rule {} counts {} failures but {listed} are listed",
                        r.rule, r.failed
                    ),
                );
            }
        }
        if self.passed != self.failures.is_empty() {
            issues.error(
                "accounts-check-report.passed-mismatch",
                "/passed",
                format!(
                    "passed is {} but {} failures are listed",
                    self.passed,
                    self.failures.len()
                ),
            );
        }
    }
}

/// Runs the checks and records every evaluation.
struct Checker {
    tolerance: Tolerance,
    rules: Vec<RuleSummary>,
    failures: Vec<CheckFailure>,
}

/// One evaluation of a rule.
struct Eval<'a> {
    rule: &'static str,
    left: f64,
    right: f64,
    /// Two-sided (`agrees`) or one-sided (`left ≤ right`).
    one_sided: bool,
    path: &'a dyn Fn() -> String,
    subject: Option<&'a str>,
    message: &'a dyn Fn(f64, f64) -> String,
}

impl Checker {
    fn new(tolerance: Tolerance) -> Self {
        Self {
            tolerance,
            rules: CHECK_RULES
                .iter()
                .map(|(rule, description)| RuleSummary {
                    rule: (*rule).to_owned(),
                    description: (*description).to_owned(),
                    checked: 0,
                    failed: 0,
                    max_residual: 0.0,
                })
                .collect(),
            failures: Vec::new(),
        }
    }

    fn eval(&mut self, e: Eval<'_>) {
        let residual = e.left - e.right;
        let allowed = self.tolerance.allowance(e.left, e.right);
        let ok = if e.one_sided {
            residual <= allowed
        } else {
            residual.abs() <= allowed
        };
        // NaN never passes.
        let ok = ok && residual.is_finite();
        // A one-sided check measures only the excess.
        let measured = if e.one_sided {
            residual.max(0.0)
        } else {
            residual.abs()
        };
        if let Some(summary) = self.rules.iter_mut().find(|r| r.rule == e.rule) {
            summary.checked = summary.checked.saturating_add(1);
            if measured > summary.max_residual || residual.is_nan() {
                summary.max_residual = if residual.is_nan() {
                    f64::MAX
                } else {
                    measured
                };
            }
            if !ok {
                summary.failed = summary.failed.saturating_add(1);
            }
        }
        if !ok {
            self.failures.push(CheckFailure {
                rule: e.rule.to_owned(),
                path: (e.path)(),
                subject: e.subject.map(str::to_owned),
                left: e.left,
                right: e.right,
                residual,
                allowed,
                message: (e.message)(e.left, e.right),
            });
        }
    }
}

fn num(v: f64) -> String {
    // Short, stable: integers without a fraction, tiny numbers in exponent form, others with
    // up to 6 decimals.
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else if v != 0.0 && v.abs() < 1e-3 {
        format!("{v:e}")
    } else {
        let s = format!("{v:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_owned()
    }
}

/// Runs every check of `table` with `tolerance` and returns the failures with per-rule
/// summaries. O(products + industries + cells).
pub(crate) fn run(
    table: &SupplyUseTable,
    totals: &TableTotals,
    index: &IdIndex<'_>,
    tolerance: Tolerance,
) -> (Vec<RuleSummary>, Vec<CheckFailure>) {
    let mut c = Checker::new(tolerance);
    for (i, (p, t)) in table.products.iter().zip(&totals.products).enumerate() {
        let id = p.id.as_str();
        c.eval(Eval {
            rule: PRODUCT_BALANCE,
            left: t.supply_purchasers(),
            right: t.total_use(),
            one_sided: false,
            path: &|| Pointer::root().key("products").index(i).into(),
            subject: Some(id),
            message: &|l, r| {
                format!(
                    "product {id:?}: supply at purchasers' prices {} ≠ total use {} (residual {})",
                    num(l),
                    num(r),
                    num(l - r)
                )
            },
        });
    }
    let (plus, minus) =
        table
            .supply
            .trade_and_transport_margins
            .iter()
            .fold((0.0, 0.0), |(p, m), v| {
                if v.value >= 0.0 {
                    (p + v.value, m)
                } else {
                    (p, m - v.value)
                }
            });
    c.eval(Eval {
        rule: MARGINS_SUM,
        left: plus,
        right: minus,
        one_sided: false,
        path: &|| "/supply/tradeAndTransportMargins".to_owned(),
        subject: None,
        message: &|l, r| {
            format!(
                "trade and transport margins sum to {} (positive {}, negative {}), not 0",
                num(l - r),
                num(l),
                num(-r)
            )
        },
    });
    for (j, (ind, t)) in table.industries.iter().zip(&totals.industries).enumerate() {
        let id = ind.id.as_str();
        let ic = t.intermediate_consumption;
        let va = t.value_added();
        c.eval(Eval {
            rule: INDUSTRY_BALANCE,
            left: t.output,
            right: ic + va,
            one_sided: false,
            path: &|| Pointer::root().key("industries").index(j).into(),
            subject: Some(id),
            message: &|l, r| {
                format!(
                    "industry {id:?}: output {} ≠ intermediate consumption {} + value added {} = {} (residual {})",
                    num(l),
                    num(ic),
                    num(va),
                    num(r),
                    num(l - r)
                )
            },
        });
    }
    let gdp = totals.aggregates().gdp();
    gdp_checks(&mut c, &gdp);
    if let Some(d) = &table.digital {
        digital_checks(&mut c, table, d, totals, index);
    }
    (c.rules, c.failures)
}

fn gdp_checks(c: &mut Checker, gdp: &Gdp) {
    c.eval(Eval {
        rule: GDP_EXPENDITURE,
        left: gdp.production,
        right: gdp.expenditure,
        one_sided: false,
        path: &String::new,
        subject: None,
        message: &|l, r| {
            format!(
                "GDP by the production approach {} ≠ GDP by the expenditure approach {} (residual {})",
                num(l),
                num(r),
                num(l - r)
            )
        },
    });
    c.eval(Eval {
        rule: GDP_INCOME,
        left: gdp.production,
        right: gdp.income,
        one_sided: false,
        path: &String::new,
        subject: None,
        message: &|l, r| {
            format!(
                "GDP by the production approach {} ≠ GDP by the income approach {} (residual {})",
                num(l),
                num(r),
                num(l - r)
            )
        },
    });
}

fn digital_checks(
    c: &mut Checker,
    table: &SupplyUseTable,
    d: &DigitalExtension,
    totals: &TableTotals,
    index: &IdIndex<'_>,
) {
    // Nature-of-transaction splits.
    for (k, s) in d.transactions.iter().enumerate() {
        let Some(t) = index
            .product(s.product.as_str())
            .and_then(|p| totals.products.get(p))
        else {
            continue;
        };
        let total = t.flow(s.flow);
        let id = s.product.as_str();
        let flow = s.flow.as_str();
        let path = || {
            Pointer::root()
                .key("digital")
                .key("transactions")
                .index(k)
                .into()
        };
        match s.not_digital {
            Some(nd) => c.eval(Eval {
                rule: SPLIT_MISMATCH,
                left: s.digital_total() + nd,
                right: total,
                one_sided: false,
                path: &path,
                subject: Some(id),
                message: &|l, r| {
                    format!(
                        "product {id:?}, {flow}: the nature-of-transaction parts sum to {}, but the {flow} total is {} (residual {})",
                        num(l),
                        num(r),
                        num(l - r)
                    )
                },
            }),
            None => {
                let digital = s.digital_total();
                let (left, right) = if total >= 0.0 {
                    (digital, total)
                } else {
                    (-digital, -total)
                };
                c.eval(Eval {
                    rule: SPLIT_EXCEEDS_TOTAL,
                    left,
                    right,
                    one_sided: true,
                    path: &path,
                    subject: Some(id),
                    message: &|_, _| {
                        format!(
                            "product {id:?}, {flow}: the digital parts sum to {}, more than the {flow} total {}",
                            num(digital),
                            num(total)
                        )
                    },
                });
            }
        }
    }

    // Digital industries: parts per conventional industry, and each part's identity.
    let mut per_industry = vec![(0.0f64, 0.0f64, false); totals.industries.len()];
    for (di, ind) in d.industries.iter().enumerate() {
        for (k, part) in ind.parts.iter().enumerate() {
            let did = ind.id.as_str();
            let cid = part.industry.as_str();
            let ic = part.intermediate_consumption;
            let va = part.value_added;
            c.eval(Eval {
                rule: PART_IDENTITY,
                left: part.output,
                right: ic + va,
                one_sided: false,
                path: &|| {
                    Pointer::root()
                        .key("digital")
                        .key("industries")
                        .index(di)
                        .key("parts")
                        .index(k)
                        .into()
                },
                subject: Some(did),
                message: &|l, r| {
                    format!(
                        "digital industry {did:?}, part of {cid:?}: output {} ≠ intermediate consumption {} + value added {} = {}",
                        num(l),
                        num(ic),
                        num(va),
                        num(r)
                    )
                },
            });
            if let Some(acc) = index.industry(cid).and_then(|j| per_industry.get_mut(j)) {
                acc.0 += part.output;
                acc.1 += part.intermediate_consumption;
                acc.2 = true;
            }
        }
    }
    for (j, (&(output, ic, any), t)) in per_industry.iter().zip(&totals.industries).enumerate() {
        if !any {
            continue;
        }
        let Some(id) = table.industries.get(j).map(|x| x.id.as_str()) else {
            continue;
        };
        let path = || Pointer::root().key("industries").index(j).into();
        for (what, parts, total) in [
            ("output", output, t.output),
            ("intermediate consumption", ic, t.intermediate_consumption),
        ] {
            c.eval(Eval {
                rule: SPLIT_EXCEEDS_TOTAL,
                left: parts,
                right: total,
                one_sided: true,
                path: &path,
                subject: Some(id),
                message: &|l, r| {
                    format!(
                        "industry {id:?}: its digital-industry parts have {what} {}, more than the industry's {what} {}",
                        num(l),
                        num(r)
                    )
                },
            });
        }
    }

    // Digital products: parts per conventional product.
    let mut per_product = vec![([0.0f64; 4], false); totals.products.len()];
    for dp in &d.products {
        for part in &dp.parts {
            if let Some(acc) = index
                .product(part.product.as_str())
                .and_then(|i| per_product.get_mut(i))
            {
                acc.0[0] += part.output;
                acc.0[1] += part.imports;
                acc.0[2] += part.intermediate_consumption;
                acc.0[3] += part.final_uses;
                acc.1 = true;
            }
        }
    }
    for (i, ((sums, any), t)) in per_product.iter().zip(&totals.products).enumerate() {
        if !any {
            continue;
        }
        let Some(id) = table.products.get(i).map(|x| x.id.as_str()) else {
            continue;
        };
        let path = || Pointer::root().key("products").index(i).into();
        for (what, parts, total) in [
            ("output", sums[0], t.output),
            ("imports", sums[1], t.imports),
            (
                "intermediate consumption",
                sums[2],
                t.intermediate_consumption,
            ),
            ("final uses", sums[3], t.final_uses()),
        ] {
            c.eval(Eval {
                rule: SPLIT_EXCEEDS_TOTAL,
                left: parts,
                right: total,
                one_sided: true,
                path: &path,
                subject: Some(id),
                message: &|l, r| {
                    format!(
                        "product {id:?}: its digital-product parts have {what} {}, more than the product's {what} {}",
                        num(l),
                        num(r)
                    )
                },
            });
        }
    }
}

/// Checks every identity of `table` with `tolerance` and reports the outcome as a document.
/// O(products + industries + cells).
///
/// ```
/// use govframe_accounting::{check, Tolerance};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/demo-sut.json"))?;
/// let table: govframe_accounting::SupplyUseTable = serde_json::from_str(&text)?;
/// let report = check(&table, Tolerance::EXACT);
/// assert!(report.passed, "{:?}", report.failures);
/// assert_eq!(report.gdp.production, 116.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(table: &SupplyUseTable, tolerance: Tolerance) -> AccountsCheckReport {
    let index = IdIndex::new(table);
    let totals = TableTotals::with_index(table, &index);
    let (rules, failures) = run(table, &totals, &index, tolerance);
    let aggregates = totals.aggregates();
    let id = Id::new(format!("check-{}", table.id.as_str()))
        .or_else(|_| Id::new("accounts-check"))
        .unwrap_or_else(|_| table.id.clone());
    AccountsCheckReport {
        kind: AccountsCheckReportKind::Value,
        spec_version: SpecVersion::V1_0,
        id,
        title: LocalizedText::en(format!("Accounts check of {}", table.title.best("en"))),
        schema: None,
        table: table.id.clone(),
        tolerance,
        passed: failures.is_empty(),
        gdp: aggregates.gdp(),
        aggregates,
        rules,
        failures,
    }
}

/// Checks the three GDP approaches of published aggregates with `tolerance` (rules
/// `accounting.identity.gdp-expenditure` and `accounting.identity.gdp-income`).
///
/// ```
/// use govframe_accounting::{check_aggregates, Aggregates, Tolerance};
/// let a = Aggregates { output: 10.0, intermediate_consumption: 4.0, final_consumption: 6.0,
///                      compensation_of_employees: 6.0, ..Aggregates::default() };
/// assert!(check_aggregates(&a, Tolerance::EXACT).is_empty());
/// ```
pub fn check_aggregates(aggregates: &Aggregates, tolerance: Tolerance) -> Vec<CheckFailure> {
    let mut c = Checker::new(tolerance);
    gdp_checks(&mut c, &aggregates.gdp());
    c.failures
}

impl AccountsCheckReport {
    /// The report as text for people.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Accounts check of {} — {} (tolerance: absolute {}, relative {})",
            self.table,
            if self.passed { "passed" } else { "FAILED" },
            num(self.tolerance.absolute),
            num(self.tolerance.relative)
        );
        let _ = writeln!(
            out,
            "GDP: production {}, expenditure {}, income {}",
            num(self.gdp.production),
            num(self.gdp.expenditure),
            num(self.gdp.income)
        );
        let width = self.rules.iter().map(|r| r.rule.len()).max().unwrap_or(0);
        for r in &self.rules {
            let _ = writeln!(
                out,
                "  {:<width$}  {:>6} checked  {:>6} failed  max residual {}",
                r.rule,
                r.checked,
                r.failed,
                num(r.max_residual)
            );
        }
        for f in &self.failures {
            let path = if f.path.is_empty() { "/" } else { &f.path };
            let _ = writeln!(out, "  error[{}] {path}: {}", f.rule, f.message);
        }
        out
    }
}

impl Validate for SupplyUseTable {
    /// Structural rules (see [`crate::validate`]) and every check of [`CHECK_RULES`], with
    /// the table's declared tolerance or [`Tolerance::DEFAULT`]. O(products + industries +
    /// cells).
    fn validate_into(&self, issues: &mut Issues) {
        crate::validate::structure(self, issues);
        let index = IdIndex::new(self);
        let totals = TableTotals::with_index(self, &index);
        let (_, failures) = run(self, &totals, &index, self.tolerance_or_default());
        for f in failures {
            let help = match f.rule.as_str() {
                PRODUCT_BALANCE | INDUSTRY_BALANCE | GDP_EXPENDITURE | GDP_INCOME => {
                    "correct the figures, declare the rounding tolerance in \"tolerance\", or balance the table (govframe accounts balance)"
                }
                MARGINS_SUM => {
                    "margin products carry negative margins equal to the margins added to the other products"
                }
                _ => {
                    "a digital split divides a conventional total: its parts cannot add up to more (or, when complete, to anything else)"
                }
            };
            issues.error(&f.rule, f.path, f.message).help = Some(help.into());
        }
    }
}
