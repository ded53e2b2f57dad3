//! Structural rules of a supply-use table: what must hold before any identity can be checked.
//!
//! | rule | what | path |
//! |---|---|---|
//! | `accounting.duplicate-id` | product, industry, digital industry and digital product ids are unique in the document | `/products/{i}/id`, … |
//! | `accounting.year-out-of-range` | the year is within 1..=9999 | `/year` |
//! | `accounting.invalid-tolerance` | the declared tolerance is finite and not negative | `/tolerance` |
//! | `accounting.unknown-product` | a cell, value-added row or split names a product the table does not list | `…/product` |
//! | `accounting.unknown-industry` | likewise for industries | `…/industry` |
//! | `accounting.duplicate-cell` | a cell (product × industry, product, industry, product × flow) appears twice | the repeat |
//! | `accounting.non-finite` | a value is NaN or infinite | the value |
//! | `accounting.negative-output` | an output cell is negative | `/supply/output/{k}/value` |
//! | `accounting.negative-intermediate-consumption` | an intermediate-consumption cell is negative | `/use/intermediateConsumption/{k}/value` |
//! | `accounting.negative-imports` | an import value is negative | `/supply/imports/{k}/value` |
//! | `accounting.negative-final-use` (warning) | household or government consumption or exports are negative | the value |
//! | `accounting.digital.negative-part` | a digital part is negative (gross capital formation splits excepted) | the value |
//!
//! Every rule runs in O(products + industries + cells) with hashing.

use std::collections::{HashMap, HashSet};

use govframe_core::{Issues, Pointer};

use crate::digital::Flow;
use crate::table::{MatrixCell, ProductValue, SupplyUseTable};
use crate::totals::IdIndex;

fn unknown_product(issues: &mut Issues, at: &Pointer, id: &str) {
    issues
        .error(
            "accounting.unknown-product",
            at.clone().key("product"),
            format!("product {id:?} is not in the table's products"),
        )
        .help = Some("add it to \"products\" or use the id of a listed product".into());
}

fn unknown_industry(issues: &mut Issues, at: &Pointer, id: &str) {
    issues
        .error(
            "accounting.unknown-industry",
            at.clone().key("industry"),
            format!("industry {id:?} is not in the table's industries"),
        )
        .help = Some("add it to \"industries\" or use the id of a listed industry".into());
}

fn finite(issues: &mut Issues, at: &Pointer, field: &str, v: f64) {
    if !v.is_finite() {
        issues.error(
            "accounting.non-finite",
            at.clone().key(field),
            format!("{field} is {v}, not a finite number"),
        );
    }
}

fn matrix(
    issues: &mut Issues,
    index: &IdIndex<'_>,
    table_key: &str,
    list_key: &str,
    cells: &[MatrixCell],
    negative_rule: &str,
    what: &str,
) {
    let mut seen: HashMap<(usize, usize), usize> = HashMap::with_capacity(cells.len());
    for (k, c) in cells.iter().enumerate() {
        let at = Pointer::root().key(table_key).key(list_key).index(k);
        let p = index.product(c.product.as_str());
        let i = index.industry(c.industry.as_str());
        if p.is_none() {
            unknown_product(issues, &at, c.product.as_str());
        }
        if i.is_none() {
            unknown_industry(issues, &at, c.industry.as_str());
        }
        finite(issues, &at, "value", c.value);
        if c.value < 0.0 {
            issues.error(
                negative_rule,
                at.clone().key("value"),
                format!(
                    "{what} of product {:?} by industry {:?} is {}; it cannot be negative",
                    c.product.as_str(),
                    c.industry.as_str(),
                    c.value
                ),
            );
        }
        if let (Some(p), Some(i)) = (p, i)
            && let Some(first) = seen.insert((p, i), k)
        {
            issues
                .error(
                    "accounting.duplicate-cell",
                    at.as_str(),
                    format!(
                        "the cell product {:?} × industry {:?} is already given at /{table_key}/{list_key}/{first}",
                        c.product.as_str(),
                        c.industry.as_str()
                    ),
                )
                .help = Some("give each cell once; a missing cell is zero".into());
        }
    }
}

fn vector(
    issues: &mut Issues,
    index: &IdIndex<'_>,
    table_key: &str,
    list_key: &str,
    cells: &[ProductValue],
    negative: Option<(&str, bool)>,
) {
    let mut seen: HashMap<usize, usize> = HashMap::with_capacity(cells.len());
    for (k, c) in cells.iter().enumerate() {
        let at = Pointer::root().key(table_key).key(list_key).index(k);
        let p = index.product(c.product.as_str());
        if p.is_none() {
            unknown_product(issues, &at, c.product.as_str());
        }
        finite(issues, &at, "value", c.value);
        if let Some((rule, error)) = negative
            && c.value < 0.0
        {
            let msg = format!(
                "{list_key} of product {:?} is {}; it should not be negative",
                c.product.as_str(),
                c.value
            );
            if error {
                issues.error(rule, at.clone().key("value"), msg);
            } else {
                issues.warning(rule, at.clone().key("value"), msg);
            }
        }
        if let Some(p) = p
            && let Some(first) = seen.insert(p, k)
        {
            issues
                .error(
                    "accounting.duplicate-cell",
                    at.as_str(),
                    format!(
                        "product {:?} is already given at /{table_key}/{list_key}/{first}",
                        c.product.as_str()
                    ),
                )
                .help = Some("give each cell once; a missing cell is zero".into());
        }
    }
}

fn unique<'a>(ids: &mut HashMap<&'a str, String>, issues: &mut Issues, id: &'a str, path: Pointer) {
    if let Some(first) = ids.get(id) {
        issues
            .error(
                "accounting.duplicate-id",
                path.as_str(),
                format!("id {id:?} is already used at {first}"),
            )
            .help = Some("ids must be unique inside a document".into());
    } else {
        ids.insert(id, path.into());
    }
}

/// Appends the structural issues of `t`.
pub(crate) fn structure(t: &SupplyUseTable, issues: &mut Issues) {
    // Unique ids across products, industries and the digital extension.
    let mut ids: HashMap<&str, String> = HashMap::new();
    let ids = &mut ids;
    for (i, p) in t.products.iter().enumerate() {
        unique(
            ids,
            issues,
            p.id.as_str(),
            Pointer::root().key("products").index(i).key("id"),
        );
    }
    for (i, p) in t.industries.iter().enumerate() {
        unique(
            ids,
            issues,
            p.id.as_str(),
            Pointer::root().key("industries").index(i).key("id"),
        );
    }
    if let Some(d) = &t.digital {
        for (i, p) in d.industries.iter().enumerate() {
            unique(
                ids,
                issues,
                p.id.as_str(),
                Pointer::root()
                    .key("digital")
                    .key("industries")
                    .index(i)
                    .key("id"),
            );
        }
        for (i, p) in d.products.iter().enumerate() {
            unique(
                ids,
                issues,
                p.id.as_str(),
                Pointer::root()
                    .key("digital")
                    .key("products")
                    .index(i)
                    .key("id"),
            );
        }
    }
    if !(1..=9999).contains(&t.year) {
        issues.error(
            "accounting.year-out-of-range",
            "/year",
            format!("year {} is outside 1..=9999", t.year),
        );
    }
    if let Some(tol) = &t.tolerance {
        for (field, v) in [("absolute", tol.absolute), ("relative", tol.relative)] {
            if !v.is_finite() || v < 0.0 {
                issues.error(
                    "accounting.invalid-tolerance",
                    Pointer::root().key("tolerance").key(field),
                    format!("the {field} tolerance is {v}; it must be a finite number ≥ 0"),
                );
            }
        }
    }

    let index = IdIndex::new(t);
    matrix(
        issues,
        &index,
        "supply",
        "output",
        &t.supply.output,
        "accounting.negative-output",
        "output",
    );
    matrix(
        issues,
        &index,
        "use",
        "intermediateConsumption",
        &t.use_table.intermediate_consumption,
        "accounting.negative-intermediate-consumption",
        "intermediate consumption",
    );
    vector(
        issues,
        &index,
        "supply",
        "imports",
        &t.supply.imports,
        Some(("accounting.negative-imports", true)),
    );
    vector(
        issues,
        &index,
        "supply",
        "tradeAndTransportMargins",
        &t.supply.trade_and_transport_margins,
        None,
    );
    vector(
        issues,
        &index,
        "supply",
        "taxesLessSubsidiesOnProducts",
        &t.supply.taxes_less_subsidies_on_products,
        None,
    );
    let final_use = Some(("accounting.negative-final-use", false));
    vector(
        issues,
        &index,
        "use",
        "householdConsumption",
        &t.use_table.household_consumption,
        final_use,
    );
    vector(
        issues,
        &index,
        "use",
        "governmentConsumption",
        &t.use_table.government_consumption,
        final_use,
    );
    vector(
        issues,
        &index,
        "use",
        "grossCapitalFormation",
        &t.use_table.gross_capital_formation,
        None,
    );
    vector(
        issues,
        &index,
        "use",
        "exports",
        &t.use_table.exports,
        final_use,
    );

    let mut seen: HashMap<usize, usize> = HashMap::with_capacity(t.value_added.len());
    for (k, va) in t.value_added.iter().enumerate() {
        let at = Pointer::root().key("valueAdded").index(k);
        let i = index.industry(va.industry.as_str());
        if i.is_none() {
            unknown_industry(issues, &at, va.industry.as_str());
        }
        finite(
            issues,
            &at,
            "compensationOfEmployees",
            va.compensation_of_employees,
        );
        finite(
            issues,
            &at,
            "otherTaxesLessSubsidiesOnProduction",
            va.other_taxes_less_subsidies_on_production,
        );
        finite(
            issues,
            &at,
            "grossOperatingSurplusAndMixedIncome",
            va.gross_operating_surplus_and_mixed_income,
        );
        if let Some(i) = i
            && let Some(first) = seen.insert(i, k)
        {
            issues.error(
                "accounting.duplicate-cell",
                at.as_str(),
                format!(
                    "the value added of industry {:?} is already given at /valueAdded/{first}",
                    va.industry.as_str()
                ),
            );
        }
    }

    if let Some(d) = &t.digital {
        digital(t, d, &index, issues);
    }
}

fn negative_part(issues: &mut Issues, at: &Pointer, field: &str, v: f64, owner: &str) {
    if v < 0.0 {
        issues.error(
            "accounting.digital.negative-part",
            at.clone().key(field),
            format!("{owner}: {field} is {v}; a digital part cannot be negative"),
        );
    }
}

fn digital(
    _t: &SupplyUseTable,
    d: &crate::digital::DigitalExtension,
    index: &IdIndex<'_>,
    issues: &mut Issues,
) {
    for (di, ind) in d.industries.iter().enumerate() {
        let mut seen: HashSet<usize> = HashSet::with_capacity(ind.parts.len());
        for (k, part) in ind.parts.iter().enumerate() {
            let at = Pointer::root()
                .key("digital")
                .key("industries")
                .index(di)
                .key("parts")
                .index(k);
            let owner = format!(
                "digital industry {:?}, part of {:?}",
                ind.id.as_str(),
                part.industry.as_str()
            );
            match index.industry(part.industry.as_str()) {
                None => unknown_industry(issues, &at, part.industry.as_str()),
                Some(j) => {
                    if !seen.insert(j) {
                        issues.error(
                            "accounting.duplicate-cell",
                            at.as_str(),
                            format!("{owner}: the industry appears twice in the parts"),
                        );
                    }
                }
            }
            for (field, v) in [
                ("output", part.output),
                ("intermediateConsumption", part.intermediate_consumption),
                ("valueAdded", part.value_added),
            ] {
                finite(issues, &at, field, v);
            }
            negative_part(issues, &at, "output", part.output, &owner);
            negative_part(
                issues,
                &at,
                "intermediateConsumption",
                part.intermediate_consumption,
                &owner,
            );
        }
    }
    for (di, prod) in d.products.iter().enumerate() {
        let mut seen: HashSet<usize> = HashSet::with_capacity(prod.parts.len());
        for (k, part) in prod.parts.iter().enumerate() {
            let at = Pointer::root()
                .key("digital")
                .key("products")
                .index(di)
                .key("parts")
                .index(k);
            let owner = format!(
                "digital product {:?}, part of {:?}",
                prod.id.as_str(),
                part.product.as_str()
            );
            match index.product(part.product.as_str()) {
                None => unknown_product(issues, &at, part.product.as_str()),
                Some(p) => {
                    if !seen.insert(p) {
                        issues.error(
                            "accounting.duplicate-cell",
                            at.as_str(),
                            format!("{owner}: the product appears twice in the parts"),
                        );
                    }
                }
            }
            for (field, v) in [
                ("output", part.output),
                ("imports", part.imports),
                ("intermediateConsumption", part.intermediate_consumption),
                ("finalUses", part.final_uses),
            ] {
                finite(issues, &at, field, v);
                negative_part(issues, &at, field, v, &owner);
            }
        }
    }
    let mut seen: HashMap<(usize, Flow), usize> = HashMap::with_capacity(d.transactions.len());
    for (k, s) in d.transactions.iter().enumerate() {
        let at = Pointer::root().key("digital").key("transactions").index(k);
        let owner = format!("product {:?}, {}", s.product.as_str(), s.flow.as_str());
        match index.product(s.product.as_str()) {
            None => unknown_product(issues, &at, s.product.as_str()),
            Some(p) => {
                if let Some(first) = seen.insert((p, s.flow), k) {
                    issues.error(
                        "accounting.duplicate-cell",
                        at.as_str(),
                        format!("{owner}: already split at /digital/transactions/{first}"),
                    );
                }
            }
        }
        for (field, v) in s.values() {
            finite(issues, &at, field, v);
            if s.flow != Flow::GrossCapitalFormation {
                negative_part(issues, &at, field, v, &owner);
            }
        }
    }
}
