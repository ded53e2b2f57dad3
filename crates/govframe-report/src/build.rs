//! Building an [`AnnualReport`] from typed documents with the framework crates' own APIs.

use std::collections::{BTreeMap, BTreeSet};

use govframe_accounting::SupplyUseTable;
use govframe_core::{DocumentMeta, Id, LanguageTag, LocalizedText, Ref, Source, SpecVersion};
use govframe_development::{
    CompiledIndex, CompositeIndex, IndexData, IndexOptions, IndexResult, NodeRole, Observation,
    UncertaintyOptions, YearRule, latest_common_year,
};
use govframe_monitoring::{AssessOptions, MonitoringFramework, Observations, ProgressReport};
use govframe_objectives::ObjectiveSet;
use govframe_platforms::{
    ConsensusResult, Consultation, Contribution, GovernanceLandscape, PlatformRegistry,
};
use govframe_statistics::{AttributeValue, Dataset, ObsValue};
use govframe_strategy::StrategicPlan;

use crate::model::{
    AnnualReport, AnnualReportKind, Cell, Chart, ChartKind, ChartPoint, ChartSeries, InputDocument,
    ReferenceLine, Section, SectionKind, SourceRef, Table,
};

/// ITU's six official languages: tag and English name.
pub const LANGUAGES: [(&str, &str); 6] = [
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
];

/// The typed documents a report is built from. Fields are independent; any may be empty, and
/// the section that needs it then says so.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// Strategic plans.
    pub plans: Vec<StrategicPlan>,
    /// Objectives kept outside plans (their `contributesTo` may name a plan's goals).
    pub objective_sets: Vec<ObjectiveSet>,
    /// Platform registries (names consultation mechanisms; meetings of the year).
    pub platform_registries: Vec<PlatformRegistry>,
    /// Consultations (decided with their decision rule).
    pub consultations: Vec<Consultation>,
    /// Consensus results computed elsewhere.
    pub consensus_results: Vec<ConsensusResult>,
    /// Contributions (proposals to plans).
    pub contributions: Vec<Contribution>,
    /// Governance landscapes.
    pub landscapes: Vec<GovernanceLandscape>,
    /// Datasets (indicator values: series × area × year).
    pub datasets: Vec<Dataset>,
    /// Monitoring frameworks (indicators bound to plan targets).
    pub monitoring_frameworks: Vec<MonitoringFramework>,
    /// Composite index definitions.
    pub composite_indices: Vec<CompositeIndex>,
    /// Composite index results computed elsewhere.
    pub index_results: Vec<IndexResult>,
    /// Supply-use tables.
    pub supply_use_tables: Vec<SupplyUseTable>,
    /// Documents of other kinds that were given but are not used: `(id, kind)`.
    pub unused: Vec<(String, String)>,
}

impl ReportInput {
    /// Whether no document was given.
    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
            && self.objective_sets.is_empty()
            && self.platform_registries.is_empty()
            && self.consultations.is_empty()
            && self.consensus_results.is_empty()
            && self.contributions.is_empty()
            && self.landscapes.is_empty()
            && self.datasets.is_empty()
            && self.monitoring_frameworks.is_empty()
            && self.composite_indices.is_empty()
            && self.index_results.is_empty()
            && self.supply_use_tables.is_empty()
    }
}

/// How to build a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The year reported on; `None`: the latest year with data (else the start of the latest
    /// plan).
    pub year: Option<i32>,
    /// The language (`ar`, `zh`, `en`, `fr`, `ru`, `es`).
    pub language: String,
    /// Monte Carlo runs of the index uncertainty analysis (0: none).
    pub uncertainty_samples: usize,
    /// The seed of that analysis (same seed, same result).
    pub seed: u64,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            year: None,
            language: "en".into(),
            uncertainty_samples: 200,
            seed: 20_241_231,
        }
    }
}

/// Why a report could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The language is not one of ITU's six.
    #[error("language {0:?} is not one of ITU's six languages (ar, zh, en, fr, ru, es)")]
    Language(String),
    /// No year was given and none could be found in the documents.
    #[error("no year given and none found in the documents (no data, no plan); give a year")]
    NoYear,
    /// The year is outside 1..=9999.
    #[error("year {0} is outside 1..=9999")]
    Year(i32),
    /// A core rule was broken.
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
}

/// Formats a number with `decimals` decimals (no `-0`).
pub fn fmt_num(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_owned()
    } else {
        s
    }
}

/// Formats a value without trailing zeros (up to 2 decimals).
fn fmt_auto(v: f64) -> String {
    let s = fmt_num(v, 2);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

struct Ctx {
    lang: String,
    texts: u32,
    in_lang: u32,
    documents: Vec<InputDocument>,
    chart_ids: BTreeSet<String>,
    table_ids: BTreeSet<String>,
}

impl Ctx {
    /// Text in the report's language where the document carries it.
    fn t(&mut self, text: &LocalizedText) -> String {
        self.texts += 1;
        let primary = self.lang.as_str();
        if text
            .languages()
            .any(|l| l.primary().eq_ignore_ascii_case(primary))
        {
            self.in_lang += 1;
        }
        text.best(&self.lang).to_owned()
    }

    fn unique(set: &mut BTreeSet<String>, base: &str) -> Id {
        let mut clean: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    '-'
                }
            })
            .take(100)
            .collect();
        if !clean.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            clean.insert(0, 'x');
        }
        let mut candidate = clean.clone();
        let mut n = 2;
        while set.contains(&candidate) {
            candidate = format!("{clean}-{n}");
            n += 1;
        }
        set.insert(candidate.clone());
        Id::new(candidate).unwrap_or_else(|_| Id::new("x").unwrap_or_else(|_| unreachable_id()))
    }

    /// A table with a fresh id made from `key`.
    fn table(
        &mut self,
        key: &str,
        caption: String,
        columns: &[&str],
        rows: Vec<Vec<Cell>>,
    ) -> Table {
        Table {
            id: self.table_id(key),
            caption,
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
        }
    }

    fn chart_id(&mut self, base: &str) -> Id {
        Self::unique(&mut self.chart_ids, base)
    }

    fn table_id(&mut self, base: &str) -> Id {
        Self::unique(&mut self.table_ids, &format!("table-{base}"))
    }

    fn add_document(&mut self, id: &Id, kind: &str, title: &LocalizedText, sources: &[Source]) {
        if self.documents.iter().any(|d| &d.id == id) {
            return;
        }
        let title = self.t(title);
        self.documents.push(InputDocument {
            id: id.clone(),
            kind: kind.to_owned(),
            title,
            sources: sources.to_vec(),
        });
    }

    /// The citation of a document: its first source with a URL (else its first source, else
    /// its title), with an optional locator.
    fn cite(&self, id: &Id, locator: Option<&str>) -> SourceRef {
        let doc = self.documents.iter().find(|d| &d.id == id);
        let first = doc.and_then(|d| {
            d.sources
                .iter()
                .find(|s| s.url.is_some())
                .or(d.sources.first())
        });
        SourceRef {
            document: id.clone(),
            title: first
                .map(|s| s.title.clone())
                .or_else(|| doc.map(|d| d.title.clone()))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| id.as_str().to_owned()),
            url: first.and_then(|s| s.url.clone()),
            locator: locator.map(str::to_owned),
        }
    }
}

/// An id that always parses (used only if a literal id were rejected, which cannot happen).
fn unreachable_id() -> Id {
    // "x" matches the id pattern; `Id::new` cannot fail on it.
    match Id::new("x") {
        Ok(id) => id,
        Err(_) => std::process::abort(),
    }
}

/// One data point with its source.
#[derive(Debug, Clone)]
struct Point {
    dataset: usize,
    series: String,
    area: String,
    year: i32,
    value: f64,
    source: SourceRef,
}

fn dataset_points(ctx: &Ctx, di: usize, d: &Dataset, notes: &mut Vec<String>) -> Vec<Point> {
    let pos = |names: &[&str]| {
        d.dimensions
            .iter()
            .position(|x| names.contains(&x.as_str()))
    };
    let (Some(ind), Some(area)) = (pos(&["INDICATOR", "SERIES"]), pos(&["REF_AREA"])) else {
        notes.push(format!(
            "dataset {}: no INDICATOR (or SERIES) and REF_AREA dimensions; not used",
            d.id
        ));
        return Vec::new();
    };
    let time = d
        .time_dimension
        .as_ref()
        .and_then(|t| d.dimensions.iter().position(|x| x == t))
        .or_else(|| pos(&["TIME_PERIOD"]));
    let Some(time) = time else {
        notes.push(format!("dataset {}: no time dimension; not used", d.id));
        return Vec::new();
    };
    let base = ctx.cite(&d.id, None);
    let mut out = Vec::with_capacity(d.observations.len());
    for o in &d.observations {
        let Some(Some(ObsValue::Number(v))) = o.values.first() else {
            continue;
        };
        if !v.is_finite() {
            continue;
        }
        let (Some(s), Some(a), Some(t)) = (o.key.get(ind), o.key.get(area), o.key.get(time)) else {
            continue;
        };
        let Ok(year) = t.get(..4).unwrap_or(t).parse::<i32>() else {
            continue;
        };
        // An observation-level source: the first attribute whose value is a web address.
        let mut source = base.clone();
        for a in o.attributes.iter().flatten() {
            if let AttributeValue::Text(text) = a
                && let Ok(url) = govframe_core::WebUrl::new(text.trim())
            {
                let title = d
                    .sources
                    .iter()
                    .find(|s| s.url.as_ref() == Some(&url))
                    .map(|s| s.title.clone())
                    .unwrap_or_else(|| base.title.clone());
                source = SourceRef {
                    document: d.id.clone(),
                    title,
                    url: Some(url),
                    locator: None,
                };
                break;
            }
        }
        out.push(Point {
            dataset: di,
            series: s.clone(),
            area: a.clone(),
            year,
            value: *v,
            source,
        });
    }
    out
}

fn label<'a>(d: &'a Dataset, dim: &str, code: &'a str) -> &'a str {
    d.labels
        .get(dim)
        .and_then(|m| m.get(code))
        .map(String::as_str)
        .unwrap_or(code)
}

fn series_label(datasets: &[Dataset], p: &Point) -> String {
    datasets.get(p.dataset).map_or_else(
        || p.series.clone(),
        |d| {
            let l = label(d, "INDICATOR", &p.series);
            if l == p.series {
                label(d, "SERIES", &p.series).to_owned()
            } else {
                l.to_owned()
            }
        },
    )
}

fn area_label(datasets: &[Dataset], p: &Point) -> String {
    datasets.get(p.dataset).map_or_else(
        || p.area.clone(),
        |d| {
            let l = label(d, "REF_AREA", &p.area);
            if l == p.area {
                l.to_owned()
            } else {
                format!("{l} ({})", p.area)
            }
        },
    )
}

/// Builds the report. Deterministic: the same input and options give the same report.
///
/// ```
/// use govframe_report::{build, ReportInput, ReportOptions, SectionKind};
/// let report = build(&ReportInput::default(), &ReportOptions { year: Some(2024), ..Default::default() })?;
/// let index = report.section(SectionKind::Index).unwrap();
/// assert_eq!(index.empty.as_deref(), Some("No composite index in the input."));
/// # Ok::<(), govframe_report::ReportError>(())
/// ```
pub fn build(input: &ReportInput, options: &ReportOptions) -> Result<AnnualReport, ReportError> {
    let lang = options.language.trim().to_ascii_lowercase();
    let Some((_, lang_name)) = LANGUAGES.iter().find(|(l, _)| *l == lang) else {
        return Err(ReportError::Language(options.language.clone()));
    };
    let language = LanguageTag::new(lang.as_str())?;
    let mut ctx = Ctx {
        lang: lang.clone(),
        texts: 0,
        in_lang: 0,
        documents: Vec::new(),
        chart_ids: BTreeSet::new(),
        table_ids: BTreeSet::new(),
    };
    register_documents(&mut ctx, input);
    let mut notes = Vec::new();
    let points: Vec<Point> = input
        .datasets
        .iter()
        .enumerate()
        .flat_map(|(i, d)| dataset_points(&ctx, i, d, &mut notes))
        .collect();
    let year = match options.year {
        Some(y) => y,
        None => points
            .iter()
            .map(|p| p.year)
            .max()
            .or_else(|| input.plans.iter().map(|p| p.period.start_year()).max())
            .ok_or(ReportError::NoYear)?,
    };
    if !(1..=9999).contains(&year) {
        return Err(ReportError::Year(year));
    }
    for (id, kind) in &input.unused {
        notes.push(format!("{kind} {id} is not used by the report"));
    }

    let sections = vec![
        plan_section(&mut ctx, input, year),
        progress_section(&mut ctx, input, &points, year),
        indicators_section(&mut ctx, input, &points, year),
        index_section(&mut ctx, input, &points, year, options),
        consensus_section(&mut ctx, input, year),
        landscape_section(&mut ctx, input),
        accounts_section(&mut ctx, input),
        sources_section(&ctx, input),
    ];
    let language_note = if ctx.texts == 0 {
        (lang != "en").then(|| {
            format!("The report's own headings and text are in English; no document text was shown in {lang_name}.")
        })
    } else if ctx.in_lang == ctx.texts {
        (lang != "en").then(|| {
            format!(
                "All {} texts taken from the documents are in {lang_name}; the report's own headings and text are in English.",
                ctx.texts
            )
        })
    } else {
        Some(format!(
            "{} of {} texts taken from the documents are in {lang_name}; the documents carry no {lang_name} text for the others, which are shown in English (or the one language they have){}.",
            ctx.in_lang,
            ctx.texts,
            if lang == "en" {
                ""
            } else {
                ". The report's own headings and text are in English"
            }
        ))
    };
    Ok(AnnualReport {
        kind: AnnualReportKind::Value,
        spec_version: SpecVersion::V1_0,
        id: Id::new(format!("annual-report-{year}"))?,
        title: LocalizedText::en(format!(
            "Annual research report on global digital governance, {year}"
        )),
        schema: None,
        year,
        language,
        language_note,
        documents: ctx.documents,
        sections,
        notes,
        extensions: None,
    })
}

fn register_documents(ctx: &mut Ctx, input: &ReportInput) {
    for d in &input.plans {
        ctx.add_document(&d.id, "strategicPlan", d.title(), &plan_sources(d));
    }
    for d in &input.objective_sets {
        ctx.add_document(&d.id, "objectiveSet", d.title(), &d.sources);
    }
    for d in &input.platform_registries {
        ctx.add_document(&d.id, "platformRegistry", d.title(), &d.sources);
    }
    for d in &input.consultations {
        ctx.add_document(&d.id, "consultation", d.title(), &d.sources);
    }
    for d in &input.consensus_results {
        ctx.add_document(&d.id, "consensusResult", d.title(), &[]);
    }
    for d in &input.contributions {
        ctx.add_document(&d.id, "contribution", d.title(), &d.sources);
    }
    for d in &input.landscapes {
        ctx.add_document(&d.id, "governanceLandscape", d.title(), &d.sources);
    }
    for d in &input.datasets {
        ctx.add_document(&d.id, "dataset", d.title(), &d.sources);
    }
    for d in &input.monitoring_frameworks {
        ctx.add_document(&d.id, "monitoringFramework", d.title(), &d.sources);
    }
    for d in &input.composite_indices {
        ctx.add_document(&d.id, "compositeIndex", d.title(), &d.sources);
    }
    for d in &input.index_results {
        ctx.add_document(&d.id, "indexResult", d.title(), &[]);
    }
    for d in &input.supply_use_tables {
        ctx.add_document(&d.id, "supplyUseTable", d.title(), &d.sources);
    }
}

/// A plan's own sources, else the sources of its adopting instrument.
fn plan_sources(p: &StrategicPlan) -> Vec<Source> {
    if p.sources.is_empty() {
        p.adopting_instrument
            .as_ref()
            .map(|i| i.sources.clone())
            .unwrap_or_default()
    } else {
        p.sources.clone()
    }
}

/// Plans in force in `year`, else every plan.
fn plans_for_year(input: &ReportInput, year: i32) -> (Vec<&StrategicPlan>, bool) {
    let in_force: Vec<&StrategicPlan> = input
        .plans
        .iter()
        .filter(|p| p.period.contains(year))
        .collect();
    if in_force.is_empty() {
        (input.plans.iter().collect(), false)
    } else {
        (in_force, true)
    }
}

fn mechanism_name(input: &ReportInput, r: &Ref) -> Option<LocalizedText> {
    let doc = r.document()?;
    if let Some(reg) = input
        .platform_registries
        .iter()
        .find(|g| g.id.as_str() == doc)
    {
        return reg
            .platforms
            .iter()
            .find(|p| p.id.as_str() == r.local())
            .map(|p| p.name.clone());
    }
    if let Some(l) = input.landscapes.iter().find(|g| g.id.as_str() == doc) {
        return l
            .mechanisms
            .iter()
            .find(|m| m.id.as_str() == r.local())
            .map(|m| m.name.clone());
    }
    None
}

/// A camelCase code as words: `targetAchieved` → `target achieved`.
fn words(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 4);
    for c in code.chars() {
        if c.is_ascii_uppercase() {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

fn plan_section(ctx: &mut Ctx, input: &ReportInput, year: i32) -> Section {
    let mut s = Section::new(
        SectionKind::Plan,
        "The strategic plan and its coverage by consultation mechanisms",
    );
    if input.plans.is_empty() {
        s.empty = Some("No strategic plan in the input.".into());
        return s;
    }
    let (plans, in_force) = plans_for_year(input, year);
    if !in_force {
        s.notes.push(format!(
            "No plan in the input covers {year}; every plan is shown."
        ));
    }
    let extra: Vec<(&Id, &govframe_objectives::Objective)> = input
        .objective_sets
        .iter()
        .flat_map(|set| set.objectives.iter().map(move |o| (&set.id, o)))
        .collect();
    s.methods.push(
        "Coverage (govframe-strategy): for each goal, the objectives whose contributesTo names it and the consultation mechanisms those objectives list; mechanism names are resolved in the platform registries and landscapes given.".into(),
    );
    for plan in plans {
        let cov = govframe_strategy::coverage(plan, &extra, |r| mechanism_name(input, r));
        let src = ctx.cite(&plan.id, Some("goals, targets and objectives"));
        let title = ctx.t(&plan.title);
        s.paragraphs.push(format!(
            "{title} ({}–{}) sets {} goals and {} targets, {} of them with a number. {} of its {} goals have at least one consultation mechanism behind them{}.",
            plan.period.start_year(),
            plan.period.end_year(),
            plan.goals.len(),
            plan.targets.len(),
            plan.targets.iter().filter(|t| t.quantity.is_some()).count(),
            cov.summary.goals_with_mechanism,
            cov.summary.goals,
            if cov.summary.uncovered_goals.is_empty() {
                String::new()
            } else {
                format!(
                    "; the others ({}) have none",
                    cov.summary
                        .uncovered_goals
                        .iter()
                        .map(|g| plan
                            .goals
                            .iter()
                            .find(|x| &x.id == g)
                            .and_then(|x| x.code.clone())
                            .unwrap_or_else(|| g.as_str().to_owned()))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
        let mut rows = Vec::new();
        let mut bars = Vec::new();
        for (i, g) in cov.goals.iter().enumerate() {
            let code = g.code.clone().unwrap_or_else(|| g.goal.as_str().to_owned());
            let name = ctx.t(&g.name);
            let mechs: Vec<String> = g
                .mechanisms
                .iter()
                .map(|m| match &m.name {
                    Some(n) => ctx.t(n),
                    None => m.mechanism.as_str().to_owned(),
                })
                .collect();
            let n_mech = g.mechanisms.len() as f64;
            rows.push(vec![
                Cell::text(format!("{code} {name}")),
                Cell::number(g.targets.len() as f64, g.targets.len().to_string(), &src),
                Cell::number(
                    f64::from(g.quantified_targets),
                    g.quantified_targets.to_string(),
                    &src,
                ),
                Cell::number(
                    g.objectives.len() as f64,
                    g.objectives.len().to_string(),
                    &src,
                ),
                Cell::number(n_mech, g.mechanisms.len().to_string(), &src),
                Cell::text(if mechs.is_empty() {
                    "none".to_owned()
                } else {
                    mechs.join("; ")
                }),
            ]);
            bars.push(ChartPoint {
                label: code,
                x: i as f64,
                value: n_mech,
                low: None,
                high: None,
                source: src.clone(),
            });
        }
        let table = ctx.table(
            &format!("coverage-{}", plan.id),
            format!("Goals of {title} and the consultation mechanisms behind them"),
            &[
                "Goal",
                "Targets",
                "With a number",
                "Objectives",
                "Mechanisms",
                "Consultation mechanisms",
            ],
            rows,
        );
        s.tables.push(table);
        let cid = ctx.chart_id(&format!("coverage-{}", plan.id));
        s.charts.push(Chart {
            id: cid,
            chart_type: ChartKind::Bar,
            caption: format!("Consultation mechanisms behind each goal of {title}"),
            x_label: "Consultation mechanisms".into(),
            y_label: "Goal".into(),
            series: vec![ChartSeries {
                name: "Mechanisms".into(),
                points: bars,
            }],
            reference_lines: Vec::new(),
        });
        // Proposals to this plan.
        let mut rows = Vec::new();
        for c in &input.contributions {
            for p in &c.proposals {
                let amends = p
                    .target
                    .as_ref()
                    .and_then(Ref::document)
                    .or(p.document.as_ref().map(|d| d.as_str()));
                if amends != Some(plan.id.as_str()) {
                    continue;
                }
                let ctitle = ctx.t(&c.title);
                let text = p.text.as_ref().map(|t| ctx.t(t)).unwrap_or_default();
                let name = match &c.document_number {
                    Some(n) => format!("{ctitle} ({n})"),
                    None => ctitle,
                };
                rows.push(vec![
                    Cell::text(name),
                    Cell::text(p.code.clone().unwrap_or_else(|| p.id.as_str().to_owned())),
                    Cell::text(p.marker.symbol()),
                    Cell::text(
                        p.target
                            .as_ref()
                            .map(|t| t.as_str().to_owned())
                            .or_else(|| p.provision.clone())
                            .unwrap_or_default(),
                    ),
                    Cell::text(shorten(&text, 400)),
                ]);
            }
        }
        if !rows.is_empty() {
            let table = ctx.table(
                &format!("proposals-{}", plan.id),
                format!("Proposals to {title} in the contributions given"),
                &["Contribution", "Proposal", "Marker", "Target", "Text"],
                rows,
            );
            s.tables.push(table);
        }
    }
    s
}

/// The status of each plan target from the scorecards of every monitoring framework:
/// `(plan id, target id)` → (status, latest year, latest value, score).
type Scores = BTreeMap<(String, String), (String, Option<i32>, Option<f64>, Id)>;

fn observations(points: &[Point], year: i32) -> Observations {
    let mut obs = Observations::new();
    for p in points.iter().filter(|p| p.year <= year) {
        // Invalid codes are skipped by the reader (counted by `Observations::skipped`).
        let _ = obs.push(&p.series, &p.area, p.year, p.value);
    }
    obs.finish();
    obs
}

/// The scorecards of every monitoring framework for every plan it measures. A plan's targets
/// are judged on the data up to their deadline (the latest target year of the plan) or up to
/// the report year, whichever comes first: a target "by 2020" is met or missed in 2020.
fn scorecards(input: &ReportInput, points: &[Point], year: i32) -> Vec<(Id, ProgressReport)> {
    let mut out = Vec::new();
    for fw in &input.monitoring_frameworks {
        let mut wanted: Vec<&str> = fw
            .indicators
            .iter()
            .flat_map(|i| i.targets.iter())
            .filter_map(|t| fw.target_document(t))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        for plan_id in wanted {
            if let Some(plan) = input.plans.iter().find(|p| p.id.as_str() == plan_id) {
                let deadline = plan
                    .targets
                    .iter()
                    .filter_map(|t| t.quantity.as_ref().map(|q| q.year))
                    .max()
                    .map_or(year, |d| d.min(year));
                let obs = observations(points, deadline);
                let r =
                    govframe_monitoring::scorecard(plan, fw, &obs, None, &AssessOptions::default());
                out.push((fw.id.clone(), r));
            }
        }
    }
    out
}

fn progress_section(ctx: &mut Ctx, input: &ReportInput, points: &[Point], year: i32) -> Section {
    let mut s = Section::new(
        SectionKind::Progress,
        "Progress toward the targets that have a number",
    );
    let quantified: usize = input
        .plans
        .iter()
        .map(|p| p.targets.iter().filter(|t| t.quantity.is_some()).count())
        .sum();
    if quantified == 0 {
        s.empty = Some("No target with a number in the input.".into());
        return s;
    }
    let cards = scorecards(input, points, year);
    let mut scores: Scores = BTreeMap::new();
    for (fw, r) in &cards {
        for t in &r.targets {
            let Some(plan) = r.plans.first() else {
                continue;
            };
            let latest = r
                .assessments
                .iter()
                .filter(|a| a.target.as_ref() == Some(&t.subject) && a.area == t.area)
                .filter_map(|a| Some((a.inputs.latest_year?, a.inputs.latest_value?)))
                .max_by_key(|(y, _)| *y);
            scores
                .entry((plan.as_str().to_owned(), t.subject.local().to_owned()))
                .or_insert((
                    words(t.status.as_str()),
                    latest.map(|l| l.0),
                    latest.map(|l| l.1),
                    fw.clone(),
                ));
        }
    }
    if input.monitoring_frameworks.is_empty() {
        s.paragraphs.push(
            "No monitoring framework in the input: the targets are listed without an assessment."
                .into(),
        );
    } else if points.is_empty() {
        s.paragraphs.push(
            "No indicator data in the input: the targets are listed without an assessment.".into(),
        );
    }
    s.methods.push(format!(
        "Scorecards (govframe-monitoring): each monitoring framework's indicators are assessed against the plan targets they measure, in the area of the target's scope, with the indicator's own method (UNSD CAGR, Open SDG or ESCAP), on the data up to the plan's target year (its deadline) or up to {year}, whichever is earlier."
    ));
    for plan in &input.plans {
        let src = ctx.cite(&plan.id, Some("targets"));
        let ptitle = ctx.t(&plan.title);
        let mut rows = Vec::new();
        for t in &plan.targets {
            let Some(q) = &t.quantity else { continue };
            let statement = ctx.t(&t.statement);
            let tsrc = target_source(plan, t).unwrap_or_else(|| src.clone());
            let mut row = vec![
                Cell::text(format!(
                    "{} {}",
                    t.code.clone().unwrap_or_else(|| t.id.as_str().to_owned()),
                    shorten(&statement, 160)
                )),
                Cell::number(q.value, format!("{} {}", fmt_auto(q.value), q.unit), &tsrc),
                Cell::number(f64::from(q.year), q.year.to_string(), &tsrc),
            ];
            match &q.baseline {
                Some(b) => row.push(Cell::number(
                    b.value,
                    format!("{} ({})", fmt_auto(b.value), b.year),
                    &tsrc,
                )),
                None => row.push(Cell::text("–")),
            }
            match scores.get(&(plan.id.as_str().to_owned(), t.id.as_str().to_owned())) {
                Some((status, ly, lv, fw)) => {
                    match (ly, lv) {
                        (Some(ly), Some(lv)) => {
                            let dsrc = points
                                .iter()
                                .filter(|p| p.year == *ly && (p.value - lv).abs() < 1e-9)
                                .map(|p| p.source.clone())
                                .next()
                                .unwrap_or_else(|| ctx.cite(fw, None));
                            row.push(Cell::number(
                                *lv,
                                format!("{} ({ly})", fmt_auto(*lv)),
                                &dsrc,
                            ));
                        }
                        _ => row.push(Cell::text("–")),
                    }
                    row.push(Cell::text(status.clone()));
                }
                None => {
                    row.push(Cell::text("–"));
                    row.push(Cell::text("not assessed (no indicator bound)"));
                }
            }
            rows.push(row);
        }
        if rows.is_empty() {
            continue;
        }
        let table = ctx.table(
            &format!("targets-{}", plan.id),
            format!("Targets with a number: {ptitle}"),
            &[
                "Target",
                "Target value",
                "By",
                "Baseline",
                "Latest value",
                "Status",
            ],
            rows,
        );
        s.tables.push(table);
    }
    // Trend charts: every framework indicator with data, per series, in the assessed areas.
    for (fw_id, r) in &cards {
        let Some(fw) = input.monitoring_frameworks.iter().find(|f| &f.id == fw_id) else {
            continue;
        };
        for ind in &fw.indicators {
            let areas: BTreeSet<&str> = r
                .assessments
                .iter()
                .filter(|a| a.indicator == ind.id)
                .map(|a| a.area.as_str())
                .collect();
            let Some(plan_id) = r.plans.first() else {
                continue;
            };
            for b in &ind.series {
                let cid_base = format!("trend-{}-{}-{}", plan_id, ind.id, b.code);
                if ctx.chart_ids.contains(&cid_base) {
                    continue;
                }
                let mut series = Vec::new();
                for area in &areas {
                    let pts: Vec<ChartPoint> = points
                        .iter()
                        .filter(|p| {
                            p.series == b.code.as_str() && p.area == *area && p.year <= year
                        })
                        .map(|p| ChartPoint {
                            label: p.year.to_string(),
                            x: f64::from(p.year),
                            value: p.value,
                            low: None,
                            high: None,
                            source: p.source.clone(),
                        })
                        .collect();
                    if !pts.is_empty() {
                        let name = points
                            .iter()
                            .find(|p| p.area == *area)
                            .map(|p| area_label(&input.datasets, p))
                            .unwrap_or_else(|| (*area).to_owned());
                        series.push(ChartSeries {
                            name,
                            points: sorted(pts),
                        });
                    }
                }
                if series.is_empty() {
                    continue;
                }
                let mut lines = Vec::new();
                if let Some(tv) = ind.target_value {
                    let src = ctx.cite(&fw.id, Some(&format!("indicator {}", ind.id)));
                    lines.push(ReferenceLine {
                        label: match ind.target_year {
                            Some(y) => format!("target {} by {y}", fmt_auto(tv)),
                            None => format!("target {}", fmt_auto(tv)),
                        },
                        value: tv,
                        source: src,
                    });
                } else {
                    for t in ind
                        .targets
                        .iter()
                        .filter(|t| fw.target_document(t) == Some(plan_id.as_str()))
                    {
                        if let Some(q) = input
                            .plans
                            .iter()
                            .find(|p| Some(p.id.as_str()) == fw.target_document(t))
                            .and_then(|p| {
                                p.targets
                                    .iter()
                                    .find(|x| x.id.as_str() == t.local())
                                    .map(|x| (p, x))
                            })
                            .and_then(|(p, x)| x.quantity.as_ref().map(|q| (p, x, q)))
                        {
                            let (p, x, q) = q;
                            let src = target_source(p, x)
                                .unwrap_or_else(|| ctx.cite(&p.id, Some("targets")));
                            lines.push(ReferenceLine {
                                label: format!(
                                    "target {} {} by {}",
                                    x.code.clone().unwrap_or_else(|| x.id.as_str().to_owned()),
                                    fmt_auto(q.value),
                                    q.year
                                ),
                                value: q.value,
                                source: src,
                            });
                        }
                    }
                }
                let name = ctx.t(&ind.name);
                let cid = ctx.chart_id(&cid_base);
                s.charts.push(Chart {
                    id: cid,
                    chart_type: ChartKind::Line,
                    caption: match input.plans.iter().find(|p| &p.id == plan_id) {
                        Some(p) => {
                            let ptitle = ctx.t(&p.title);
                            format!("{name} ({}), against the targets of {ptitle}", b.code)
                        }
                        None => format!("{name} ({})", b.code),
                    },
                    x_label: "Year".into(),
                    y_label: ind.unit.to_string(),
                    series,
                    reference_lines: lines,
                });
            }
        }
    }
    s
}

fn sorted(mut pts: Vec<ChartPoint>) -> Vec<ChartPoint> {
    pts.sort_by(|a, b| a.x.total_cmp(&b.x));
    pts.dedup_by(|a, b| a.x == b.x);
    pts
}

fn target_source(plan: &StrategicPlan, t: &govframe_strategy::Target) -> Option<SourceRef> {
    let s = t
        .sources
        .iter()
        .find(|s| s.url.is_some())
        .or(t.sources.first())?;
    Some(SourceRef {
        document: plan.id.clone(),
        title: s.title.clone(),
        url: s.url.clone(),
        locator: s.locator.clone(),
    })
}

fn indicators_section(ctx: &mut Ctx, input: &ReportInput, points: &[Point], year: i32) -> Section {
    let mut s = Section::new(SectionKind::Indicators, "Indicator values in the data");
    if points.is_empty() {
        s.empty = Some("No indicator data in the input.".into());
        return s;
    }
    // Latest value up to the year per (series, area).
    let mut latest: BTreeMap<(&str, &str), &Point> = BTreeMap::new();
    for p in points.iter().filter(|p| p.year <= year) {
        let e = latest.entry((&p.series, &p.area)).or_insert(p);
        if p.year > e.year {
            *e = p;
        }
    }
    if latest.is_empty() {
        s.empty = Some(format!("No indicator value up to {year} in the input."));
        return s;
    }
    s.methods.push(format!(
        "Latest value up to {year} of each series in each area, as published in the datasets; nothing is estimated or interpolated."
    ));
    let mut rows = Vec::new();
    let mut by_series: BTreeMap<&str, Vec<&Point>> = BTreeMap::new();
    for ((series, _), p) in &latest {
        by_series.entry(series).or_default().push(p);
        rows.push(vec![
            Cell::text(series_label(&input.datasets, p)),
            Cell::text(area_label(&input.datasets, p)),
            Cell::number(f64::from(p.year), p.year.to_string(), &p.source),
            Cell::number(p.value, fmt_auto(p.value), &p.source),
        ]);
    }
    let table = ctx.table(
        "latest-values",
        format!("Latest value up to {year}, by series and area"),
        &["Series", "Area", "Year", "Value"],
        rows,
    );
    s.tables.push(table);
    for (series, pts) in by_series {
        if pts.len() < 2 {
            continue;
        }
        let mut pts = pts;
        pts.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.area.cmp(&b.area)));
        let name = pts
            .first()
            .map(|p| series_label(&input.datasets, p))
            .unwrap_or_else(|| series.to_owned());
        let cid = ctx.chart_id(&format!("latest-{series}"));
        s.charts.push(Chart {
            id: cid,
            chart_type: ChartKind::Bar,
            caption: format!("{name}: latest value up to {year} by area"),
            x_label: "Value".into(),
            y_label: "Area".into(),
            series: vec![ChartSeries {
                name: name.clone(),
                points: pts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| ChartPoint {
                        label: format!("{} ({})", area_label(&input.datasets, p), p.year),
                        x: i as f64,
                        value: p.value,
                        low: None,
                        high: None,
                        source: p.source.clone(),
                    })
                    .collect(),
            }],
            reference_lines: Vec::new(),
        });
    }
    s
}

fn index_section(
    ctx: &mut Ctx,
    input: &ReportInput,
    points: &[Point],
    year: i32,
    options: &ReportOptions,
) -> Section {
    let mut s = Section::new(
        SectionKind::Index,
        "The composite index: ranks, pillar scores and uncertainty",
    );
    if input.composite_indices.is_empty() && input.index_results.is_empty() {
        s.empty = Some("No composite index in the input.".into());
        return s;
    }
    // One value per unit, series and year: the first dataset that gives it.
    let mut first: BTreeMap<(&str, &str, i32), &Point> = BTreeMap::new();
    let mut conflicts = 0;
    for p in points.iter().filter(|p| p.year <= year) {
        match first.get(&(p.area.as_str(), p.series.as_str(), p.year)) {
            Some(q) if q.value != p.value => conflicts += 1,
            Some(_) => {}
            None => {
                first.insert((p.area.as_str(), p.series.as_str(), p.year), p);
            }
        }
    }
    if conflicts > 0 {
        s.notes.push(format!(
            "{conflicts} value(s) given again with another value by a later dataset were left out; the first dataset's value is used."
        ));
    }
    let obs: Vec<Observation> = first
        .values()
        .map(|p| Observation::new(p.area.clone(), p.series.clone(), p.year, p.value))
        .collect();
    let mut shown = 0;
    for def in &input.composite_indices {
        let title = ctx.t(&def.title);
        let series: Vec<&str> = def.indicators.iter().map(|i| i.series.as_str()).collect();
        let Some(y) = latest_common_year(&obs, &series, |_| true) else {
            s.notes.push(format!(
                "{title}: no index data in the input (no year up to {year} has values for every series: {})",
                series.join(", ")
            ));
            continue;
        };
        let datasets: BTreeSet<&str> = points
            .iter()
            .filter(|p| p.year == y && series.contains(&p.series.as_str()))
            .filter_map(|p| input.datasets.get(p.dataset).map(|d| d.id.as_str()))
            .collect();
        let computed = IndexData::from_observations(&obs, YearRule::Exact(y), |_| true)
            .map_err(|e| e.to_string())
            .and_then(|data| {
                let opts = IndexOptions {
                    drop_empty_indicators: false,
                    year: Some(y),
                    result_id: None,
                };
                let model = CompiledIndex::new(def, &data, &opts).map_err(|e| e.to_string())?;
                if def.uncertainty.is_empty() || options.uncertainty_samples == 0 {
                    model.nominal().map_err(|e| e.to_string())
                } else {
                    model
                        .uncertainty(&UncertaintyOptions {
                            samples: options.uncertainty_samples,
                            seed: options.seed,
                            sensitivity: false,
                            interval: 0.9,
                            threads: Some(1),
                        })
                        .map_err(|e| e.to_string())
                }
            });
        match computed {
            Ok(result) => {
                let locator = format!(
                    "scores computed with govframe-development from {}",
                    datasets.into_iter().collect::<Vec<_>>().join(", ")
                );
                let src = ctx.cite(&def.id, Some(&locator));
                index_tables(ctx, &mut s, &result, &title, &src);
                shown += 1;
            }
            Err(e) => s.notes.push(format!("{title}: could not be computed: {e}")),
        }
    }
    for r in &input.index_results {
        let title = ctx.t(&r.title);
        let src = ctx.cite(&r.id, None);
        index_tables(ctx, &mut s, r, &title, &src);
        shown += 1;
    }
    s.methods.push(format!(
        "Composite indices (govframe-development): indicators normalised, weighted and aggregated as each definition says, on the latest year up to {year} with data for every indicator; ranks with ties; where the definition names uncertain assumptions, a Monte Carlo analysis of {} runs with seed {} gives 90 % rank intervals (5th to 95th percentile).",
        options.uncertainty_samples, options.seed
    ));
    if shown == 0 {
        s.empty = Some("No index data in the input.".into());
    }
    s
}

fn index_tables(ctx: &mut Ctx, s: &mut Section, r: &IndexResult, title: &str, src: &SourceRef) {
    let pillars: Vec<&govframe_development::ResultNode> = r
        .nodes
        .iter()
        .filter(|n| n.role == NodeRole::Aggregate && n.depth == 1)
        .collect();
    let mut columns = vec!["Rank".to_owned(), "Unit".to_owned(), "Score".to_owned()];
    for p in &pillars {
        columns.push(ctx.t(&p.name));
    }
    let with_q = r.uncertainty.is_some();
    if with_q {
        columns.push("Median rank [90 % interval]".into());
    }
    let mut rows = Vec::new();
    let mut pts = Vec::new();
    for (i, u) in r.units.iter().enumerate() {
        let name = match &u.name {
            Some(n) if n != u.unit.as_str() => format!("{n} ({})", u.unit),
            _ => u.unit.as_str().to_owned(),
        };
        let mut row = vec![
            match u.rank {
                Some(k) => Cell::number(f64::from(k), k.to_string(), src),
                None => Cell::text("–"),
            },
            Cell::text(name.clone()),
            match u.score {
                Some(v) => Cell::number(v, fmt_num(v, 2), src),
                None => Cell::text("–"),
            },
        ];
        for p in &pillars {
            match u.scores.iter().find(|x| x.node == p.id) {
                Some(x) => row.push(Cell::number(x.score, fmt_num(x.score, 2), src)),
                None => row.push(Cell::text("–")),
            }
        }
        if with_q {
            match &u.uncertainty {
                Some(q) => {
                    row.push(Cell::Number {
                        value: q.median,
                        display: format!(
                            "{} [{}, {}]",
                            fmt_auto(q.median),
                            fmt_auto(q.low),
                            fmt_auto(q.high)
                        ),
                        low: Some(q.low),
                        high: Some(q.high),
                        source: src.clone(),
                    });
                    pts.push(ChartPoint {
                        label: name,
                        x: i as f64,
                        value: q.median,
                        low: Some(q.low),
                        high: Some(q.high),
                        source: src.clone(),
                    });
                }
                None => row.push(Cell::text("–")),
            }
        } else if let Some(v) = u.score {
            pts.push(ChartPoint {
                label: name,
                x: i as f64,
                value: v,
                low: None,
                high: None,
                source: src.clone(),
            });
        }
        rows.push(row);
    }
    let year = r.year.map(|y| format!(", {y}")).unwrap_or_default();
    let tid = ctx.table_id(&format!("index-{}", r.definition));
    s.tables.push(Table {
        id: tid,
        caption: format!("{title}{year}: ranks, scores and pillar scores"),
        columns,
        rows,
    });
    pts.truncate(40);
    if !pts.is_empty() {
        let cid = ctx.chart_id(&format!("index-{}", r.definition));
        s.charts.push(Chart {
            id: cid,
            chart_type: if with_q {
                ChartKind::Interval
            } else {
                ChartKind::Bar
            },
            caption: if with_q {
                format!("{title}{year}: median rank and 90 % interval")
            } else {
                format!("{title}{year}: scores")
            },
            x_label: if with_q {
                "Rank".into()
            } else {
                "Score".into()
            },
            y_label: "Unit".into(),
            series: vec![ChartSeries {
                name: title.to_owned(),
                points: pts,
            }],
            reference_lines: Vec::new(),
        });
    }
}

fn consensus_section(ctx: &mut Ctx, input: &ReportInput, year: i32) -> Section {
    let mut s = Section::new(
        SectionKind::Consensus,
        format!("Consultations and consensus in {year}"),
    );
    // Meetings of the year.
    let mut rows = Vec::new();
    for reg in &input.platform_registries {
        let src = ctx.cite(&reg.id, Some("editions"));
        for (p, e) in reg.editions() {
            let in_year = e.start.year() == year || e.end.is_some_and(|d| d.year() == year);
            if !in_year {
                continue;
            }
            let pname = ctx.t(&p.name);
            let ename = match &e.name {
                Some(n) => ctx.t(n),
                None => e.code.clone().unwrap_or_else(|| e.id.as_str().to_owned()),
            };
            let esrc = e
                .sources
                .iter()
                .find(|x| x.url.is_some())
                .map(|x| SourceRef {
                    document: reg.id.clone(),
                    title: x.title.clone(),
                    url: x.url.clone(),
                    locator: None,
                })
                .unwrap_or_else(|| src.clone());
            let dates = match e.end {
                Some(end) if end != e.start => format!("{} to {}", e.start, end),
                _ => e.start.to_string(),
            };
            rows.push((
                e.start.to_string(),
                vec![
                    Cell::text(match &p.acronym {
                        Some(a) => format!("{pname} ({a})"),
                        None => pname,
                    }),
                    Cell::text(ename),
                    Cell::text(dates),
                    Cell::text(
                        e.venue
                            .as_ref()
                            .map(|v| v.describe(&ctx.lang))
                            .unwrap_or_else(|| "–".into()),
                    ),
                    Cell::number(f64::from(e.start.year()), e.start.year().to_string(), &esrc),
                ],
            ));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let meetings = rows.len();
    if meetings > 0 {
        let table = ctx.table(
            "meetings",
            format!("Meetings of the platforms held in {year}"),
            &["Platform", "Edition", "Dates", "Venue", "Year"],
            rows.into_iter().map(|r| r.1).collect(),
        );
        s.tables.push(table);
    }
    // Consultations of the year (dated in the year, or undated).
    let mut consultations = 0;
    for c in &input.consultations {
        let dates: Vec<i32> = c
            .rounds
            .iter()
            .filter_map(|r| r.date.map(|d| d.year()))
            .chain(c.decisions.iter().filter_map(|d| d.date.map(|x| x.year())))
            .collect();
        if !dates.is_empty() && !dates.contains(&year) {
            continue;
        }
        if dates.is_empty() {
            s.notes.push(format!(
                "Consultation {} carries no dates; it is shown as part of {year}.",
                c.id
            ));
        }
        consultations += 1;
        let result = govframe_platforms::decide(c);
        let title = ctx.t(&c.title);
        let src = ctx.cite(
            &c.id,
            Some("positions; outcomes computed with govframe-platforms"),
        );
        consensus_tables(ctx, &mut s, c, &result, &title, &src);
    }
    for r in &input.consensus_results {
        if input.consultations.iter().any(|c| c.id == r.consultation) {
            continue;
        }
        consultations += 1;
        let title = ctx.t(&r.title);
        let src = ctx.cite(&r.id, None);
        let rows: Vec<Vec<Cell>> = r
            .proposals
            .iter()
            .map(|p| proposal_row(p, p.proposal.as_str().to_owned(), &src))
            .collect();
        let tid = ctx.table_id(&format!("consensus-{}", r.id));
        s.tables.push(Table {
            id: tid,
            caption: format!("{title}: outcome per proposal"),
            columns: proposal_columns(),
            rows,
        });
    }
    s.methods.push(
        "Consensus (govframe-platforms): each proposal's positions per round are counted under the consultation's decision rule (consensus, or a majority with quorum and ITU-style standing); the consensus measure is the share of support among positions taken by participants with a vote.".into(),
    );
    if meetings == 0 && consultations == 0 {
        s.empty = Some(format!(
            "No consultation, consensus result or platform meeting of {year} in the input."
        ));
    } else {
        s.paragraphs.push(format!(
            "{meetings} meeting(s) of the platforms in the registries given were held in {year}; {consultations} consultation(s) are reported."
        ));
    }
    s
}

fn proposal_columns() -> Vec<String> {
    vec![
        "Proposal".into(),
        "Rounds".into(),
        "Final outcome".into(),
        "First measure".into(),
        "Last measure".into(),
        "Trend".into(),
    ]
}

fn proposal_row(
    p: &govframe_platforms::ProposalResult,
    name: String,
    src: &SourceRef,
) -> Vec<Cell> {
    let share = |v: Option<govframe_platforms::Share>| match v {
        Some(v) => Cell::number(v.get(), format!("{:.0} %", v.get() * 100.0), src),
        None => Cell::text("–"),
    };
    vec![
        Cell::text(name),
        Cell::number(p.rounds.len() as f64, p.rounds.len().to_string(), src),
        Cell::text(
            p.final_outcome
                .map(|o| words(o.as_str()))
                .unwrap_or_else(|| "not taken up".into()),
        ),
        share(p.trend.first),
        share(p.trend.last),
        Cell::text(words(p.trend.direction.as_str())),
    ]
}

fn consensus_tables(
    ctx: &mut Ctx,
    s: &mut Section,
    c: &Consultation,
    result: &ConsensusResult,
    title: &str,
    src: &SourceRef,
) {
    let mut rows = Vec::new();
    let mut series = Vec::new();
    for p in &result.proposals {
        let name = c
            .proposals
            .iter()
            .find(|x| x.id == p.proposal)
            .map(|x| {
                let t = ctx.t(&x.title);
                match &x.code {
                    Some(code) => format!("{code} {t}"),
                    None => t,
                }
            })
            .unwrap_or_else(|| p.proposal.as_str().to_owned());
        rows.push(proposal_row(p, name.clone(), src));
        let pts: Vec<ChartPoint> = p
            .rounds
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let m = r.consensus_measure?;
                Some(ChartPoint {
                    label: r.round.as_str().to_owned(),
                    x: (i + 1) as f64,
                    value: m.get() * 100.0,
                    low: None,
                    high: None,
                    source: src.clone(),
                })
            })
            .collect();
        if !pts.is_empty() {
            series.push(ChartSeries {
                name: shorten(&name, 40),
                points: pts,
            });
        }
    }
    let tid = ctx.table_id(&format!("consensus-{}", c.id));
    s.tables.push(Table {
        id: tid,
        caption: format!("{title}: outcome and consensus measure per proposal"),
        columns: proposal_columns(),
        rows,
    });
    let mut rows = Vec::new();
    for d in &c.decisions {
        let t = ctx.t(&d.title);
        rows.push(vec![
            Cell::text(match &d.code {
                Some(code) => format!("{code} {t}"),
                None => t,
            }),
            Cell::text(d.round.as_str()),
            Cell::text(words(d.outcome.as_str())),
            Cell::text(d.date.map(|x| x.to_string()).unwrap_or_else(|| "–".into())),
        ]);
    }
    if !rows.is_empty() {
        let table = ctx.table(
            &format!("decisions-{}", c.id),
            format!("{title}: decisions"),
            &["Decision", "Round", "Outcome", "Date"],
            rows,
        );
        s.tables.push(table);
    }
    if !series.is_empty() {
        let cid = ctx.chart_id(&format!("consensus-{}", c.id));
        s.charts.push(Chart {
            id: cid,
            chart_type: ChartKind::Line,
            caption: format!("{title}: consensus measure across rounds"),
            x_label: "Round".into(),
            y_label: "Support among positions taken (%)".into(),
            series,
            reference_lines: Vec::new(),
        });
    }
}

fn landscape_section(ctx: &mut Ctx, input: &ReportInput) -> Section {
    let mut s = Section::new(
        SectionKind::Landscape,
        "The governance landscape and its fragmentation by theme",
    );
    if input.landscapes.is_empty() {
        s.empty = Some("No governance landscape in the input.".into());
        return s;
    }
    s.methods.push(
        "Landscape (govframe-platforms): per theme, the mechanisms covering it, the countries they cover (share of the landscape's universe), the mean Jaccard overlap of their memberships, and fragmentation 1 − Σ s² over the mechanisms' shares of memberships.".into(),
    );
    for l in &input.landscapes {
        let a = govframe_platforms::analyze(l, None);
        let title = ctx.t(&l.title);
        let src = ctx.cite(&l.id, Some("analysed with govframe-platforms"));
        s.paragraphs.push(format!(
            "{title}: {} mechanisms over {} countries and {} themes.",
            a.mechanisms,
            a.countries,
            a.themes.len()
        ));
        let mut rows = Vec::new();
        let mut pts = Vec::new();
        for (i, t) in a.themes.iter().enumerate() {
            rows.push(vec![
                Cell::text(t.theme.as_str()),
                Cell::number(
                    t.mechanisms.len() as f64,
                    t.mechanisms.len().to_string(),
                    &src,
                ),
                Cell::number(
                    f64::from(t.countries_covered),
                    t.countries_covered.to_string(),
                    &src,
                ),
                Cell::number(
                    t.coverage_share.get(),
                    format!("{:.0} %", t.coverage_share.get() * 100.0),
                    &src,
                ),
                match t.mean_jaccard {
                    Some(j) => Cell::number(j.get(), fmt_num(j.get(), 2), &src),
                    None => Cell::text("–"),
                },
                Cell::number(
                    t.fragmentation.get(),
                    fmt_num(t.fragmentation.get(), 2),
                    &src,
                ),
            ]);
            pts.push(ChartPoint {
                label: t.theme.as_str().to_owned(),
                x: i as f64,
                value: t.fragmentation.get(),
                low: None,
                high: None,
                source: src.clone(),
            });
        }
        let table = ctx.table(
            &format!("landscape-{}", l.id),
            format!("{title}: coverage, overlap and fragmentation by theme"),
            &[
                "Theme",
                "Mechanisms",
                "Countries covered",
                "Coverage",
                "Mean Jaccard overlap",
                "Fragmentation",
            ],
            rows,
        );
        s.tables.push(table);
        if !pts.is_empty() {
            let cid = ctx.chart_id(&format!("landscape-{}", l.id));
            s.charts.push(Chart {
                id: cid,
                chart_type: ChartKind::Bar,
                caption: format!("{title}: fragmentation by theme (1 − Σ s²)"),
                x_label: "Fragmentation".into(),
                y_label: "Theme".into(),
                series: vec![ChartSeries {
                    name: "Fragmentation".into(),
                    points: pts,
                }],
                reference_lines: Vec::new(),
            });
        }
    }
    s
}

fn accounts_section(ctx: &mut Ctx, input: &ReportInput) -> Section {
    let mut s = Section::new(SectionKind::Accounts, "The digital-economy accounts");
    if input.supply_use_tables.is_empty() {
        s.empty = Some("No supply-use table in the input.".into());
        return s;
    }
    s.methods.push(
        "Accounts (govframe-accounting): the supply-use identities checked with the table's tolerance (GDP by the production, expenditure and income approaches), and the digital-economy indicators of the table's digital extension.".into(),
    );
    for t in &input.supply_use_tables {
        let title = ctx.t(&t.title);
        let src = ctx.cite(&t.id, Some("computed with govframe-accounting"));
        let check = govframe_accounting::check(t, t.tolerance_or_default());
        let ind = govframe_accounting::indicators(t);
        s.paragraphs.push(format!(
            "{title} ({}, {}, {} {}): the identities {}.",
            t.economy,
            t.year,
            t.currency,
            t.unit,
            if check.passed {
                "hold within the tolerance".to_owned()
            } else {
                format!("fail in {} place(s)", check.failures.len())
            }
        ));
        let money = |v: f64| format!("{} {}", fmt_num(v, 0), t.currency);
        let pct = |v: f64| format!("{} %", fmt_num(v * 100.0, 1));
        let mut rows = vec![
            vec![
                Cell::text("GDP, production approach"),
                Cell::number(check.gdp.production, money(check.gdp.production), &src),
            ],
            vec![
                Cell::text("GDP, expenditure approach"),
                Cell::number(check.gdp.expenditure, money(check.gdp.expenditure), &src),
            ],
            vec![
                Cell::text("GDP, income approach"),
                Cell::number(check.gdp.income, money(check.gdp.income), &src),
            ],
            vec![
                Cell::text("Value added of the digital industries"),
                Cell::number(
                    ind.digital_value_added,
                    money(ind.digital_value_added),
                    &src,
                ),
            ],
        ];
        for (label, v) in [
            (
                "Digital value added, share of GDP",
                ind.digital_value_added_share_of_gdp,
            ),
            (
                "Digital products, share of supply",
                ind.digital_supply_share,
            ),
            ("Digital products, share of use", ind.digital_use_share),
        ] {
            if let Some(v) = v {
                rows.push(vec![Cell::text(label), Cell::number(v, pct(v), &src)]);
            }
        }
        let table = ctx.table(
            &format!("accounts-{}", t.id),
            format!("{title}: GDP and digital-economy indicators ({})", t.unit),
            &["Measure", "Value"],
            rows,
        );
        s.tables.push(table);
        let pts: Vec<ChartPoint> = ind
            .digital_industries
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let name = t
                    .industries
                    .iter()
                    .find(|x| x.id == d.industry)
                    .map(|x| ctx.t(&x.name))
                    .unwrap_or_else(|| d.industry.as_str().to_owned());
                ChartPoint {
                    label: name,
                    x: i as f64,
                    value: d.value_added,
                    low: None,
                    high: None,
                    source: src.clone(),
                }
            })
            .collect();
        if !pts.is_empty() {
            let cid = ctx.chart_id(&format!("accounts-{}", t.id));
            s.charts.push(Chart {
                id: cid,
                chart_type: ChartKind::Bar,
                caption: format!("{title}: value added of the digital industries"),
                x_label: format!("Value added ({} {})", t.currency, t.unit),
                y_label: "Industry".into(),
                series: vec![ChartSeries {
                    name: "Value added".into(),
                    points: pts,
                }],
                reference_lines: Vec::new(),
            });
        }
    }
    s
}

fn sources_section(ctx: &Ctx, input: &ReportInput) -> Section {
    let mut s = Section::new(SectionKind::Sources, "Sources and methods");
    s.paragraphs.push(format!(
        "The report was computed by govframe from {} document(s); every number names the document it comes from and that document's own citation. Numbers are those published in the sources or computed from them by the methods stated in each section; nothing is estimated, interpolated or typed in by hand.",
        ctx.documents.len()
    ));
    if !input.unused.is_empty() {
        s.notes.push(format!(
            "{} document(s) of kinds the report does not use were left out.",
            input.unused.len()
        ));
    }
    let rows = ctx
        .documents
        .iter()
        .map(|d| {
            let cite = d
                .sources
                .iter()
                .map(|x| match &x.url {
                    Some(u) => format!("{} <{}>", x.title, u.as_str()),
                    None => x.title.clone(),
                })
                .collect::<Vec<_>>();
            vec![
                Cell::text(d.id.as_str()),
                Cell::text(d.kind.clone()),
                Cell::text(d.title.clone()),
                Cell::text(if cite.is_empty() {
                    "(the document cites no source)".to_owned()
                } else {
                    shorten(&cite.join("; "), 600)
                }),
            ]
        })
        .collect();
    s.tables.push(Table {
        id: Id::new("table-input-documents").unwrap_or_else(|_| unreachable_id()),
        caption: "Documents used".into(),
        columns: vec![
            "Document".into(),
            "Kind".into(),
            "Title".into(),
            "Its sources".into(),
        ],
        rows,
    });
    s
}
