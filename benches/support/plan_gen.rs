//! A deterministic generator of large, valid `strategicPlan` documents for benchmarks.
//!
//! Shared by `benches/validation.rs` and `examples/generate_plan.rs` (included with
//! `#[path]`), so both measure the same documents. No `rand` crate: a 64-bit linear
//! congruential generator (Knuth's MMIX constants) seeded by [`PlanSpec::seed`] makes the
//! output a pure function of the spec — same spec, same bytes.
//!
//! The plan has `goals` goals (names in the six ITU languages), `targets` targets (every one
//! with a quantity, about 60 % with a baseline, one in seven with a French statement, one in
//! ten with a dated source) and `objectives` objectives (about 70 % sectoral with a sector,
//! 30 % inter-sectoral; each contributes to 1–3 goals, has 1–3 outcomes and outputs, 0–2 KPIs;
//! every inter-sectoral objective and some sectoral ones name 1–3 consultation mechanisms
//! such as `bench-platforms#p-17`).
//!
//! The JSON is compact, with one goal, target or objective per line; the text is ASCII except
//! for the translations of goal names and of the plan title, and the French statements and
//! objective names. Counts are whole numbers, percentages stay within 0–100, baselines come
//! before deadlines, and ids, codes and mechanisms are unique where the rules want them.

// The example uses only part of this module and the bench another part.
#![allow(dead_code)]

use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSpec {
    /// Number of strategic goals (at least 1).
    pub goals: usize,
    /// Number of targets.
    pub targets: usize,
    /// Number of objectives.
    pub objectives: usize,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

impl PlanSpec {
    /// The benchmark shape: `targets` targets, `targets / 10` objectives and
    /// `targets / 100` goals (between 5 and 10,000).
    pub fn with_targets(targets: usize) -> Self {
        Self {
            goals: default_goals(targets),
            targets,
            objectives: targets / 10,
            seed: 2024,
        }
    }
}

/// The default number of goals for a number of targets: `targets / 100`, clamped to 5..=10,000.
pub fn default_goals(targets: usize) -> usize {
    (targets / 100).clamp(5, 10_000)
}

/// A 64-bit LCG; the high bits are used, the low ones are poor.
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        let mut g = Self(seed ^ 0x9E37_79B9_7F4A_7C15);
        g.next_u32();
        g
    }

    /// The next 32 bits.
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next_u32()) * n as u64) >> 32) as usize
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct numbers in `0..n` (`k <= n`), in increasing order.
    pub fn distinct(&mut self, k: usize, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let x = self.below(n);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out.sort_unstable();
        out
    }
}

/// An indicator a target can measure, with the wording of its statement.
struct Indicator {
    code: &'static str,
    unit: &'static str,
    direction: &'static str,
    /// Range of target values, in tenths.
    range: (u32, u32),
    /// English statement: `{y}` year, `{v}` value, `{s}` scope.
    en: &'static str,
    /// French statement.
    fr: &'static str,
}

const INDICATORS: &[Indicator] = &[
    Indicator {
        code: "individualsUsingInternet",
        unit: "percent",
        direction: "increase",
        range: (400, 1000),
        en: "By {y}, {v}% of individuals in {s} use the Internet",
        fr: "D'ici {y}, {v} % des personnes dans {s} utilisent l'Internet",
    },
    Indicator {
        code: "householdsWithInternet",
        unit: "percent",
        direction: "increase",
        range: (300, 1000),
        en: "By {y}, {v}% of households in {s} have access to the Internet",
        fr: "D'ici {y}, {v} % des ménages dans {s} ont accès à l'Internet",
    },
    Indicator {
        code: "broadbandBasketGniShare",
        unit: "percent",
        direction: "decrease",
        range: (5, 50),
        en: "By {y}, entry-level broadband in {s} costs less than {v}% of monthly gross national income per capita",
        fr: "D'ici {y}, le haut débit d'entrée de gamme dans {s} coûte moins de {v} % du revenu national brut mensuel par habitant",
    },
    Indicator {
        code: "mobileBroadbandCoverage4g",
        unit: "percent",
        direction: "increase",
        range: (600, 1000),
        en: "By {y}, 4G mobile broadband covers {v}% of the population in {s}",
        fr: "D'ici {y}, le haut débit mobile 4G couvre {v} % de la population dans {s}",
    },
    Indicator {
        code: "youthBasicDigitalSkills",
        unit: "percent",
        direction: "increase",
        range: (200, 900),
        en: "By {y}, {v}% of young people in {s} have basic digital skills",
        fr: "D'ici {y}, {v} % des jeunes dans {s} ont des compétences numériques de base",
    },
    Indicator {
        code: "internetUseGenderParity",
        unit: "ratio",
        direction: "parity",
        range: (8, 10),
        en: "By {y}, the gender parity score of Internet use in {s} reaches {v}",
        fr: "D'ici {y}, l'indice de parité entre les sexes de l'utilisation de l'Internet dans {s} atteint {v}",
    },
    Indicator {
        code: "nationalCybersecurityStrategies",
        unit: "count",
        direction: "increase",
        range: (100, 1930),
        en: "By {y}, {v} Member States in {s} have a national cybersecurity strategy",
        fr: "D'ici {y}, {v} États Membres dans {s} disposent d'une stratégie nationale de cybersécurité",
    },
    Indicator {
        code: "fixedBroadbandSubscriptions",
        unit: "perHundredInhabitants",
        direction: "increase",
        range: (20, 600),
        en: "By {y}, fixed broadband subscriptions in {s} reach {v} per 100 inhabitants",
        fr: "D'ici {y}, les abonnements au haut débit fixe dans {s} atteignent {v} pour 100 habitants",
    },
    Indicator {
        code: "eWasteRecyclingRate",
        unit: "percent",
        direction: "increase",
        range: (100, 600),
        en: "By {y}, {v}% of e-waste generated in {s} is documented as formally collected and recycled",
        fr: "D'ici {y}, {v} % des déchets d'équipements électriques et électroniques produits dans {s} sont collectés et recyclés",
    },
    Indicator {
        code: "ictDevelopmentIndex",
        unit: "index",
        direction: "increase",
        range: (400, 1000),
        en: "By {y}, the ICT Development Index score of {s} reaches {v}",
        fr: "D'ici {y}, le score de l'indice de développement des TIC dans {s} atteint {v}",
    },
];

/// Scope codes with their English and French labels (the last is an open-list code).
const SCOPES: &[(&str, &str, &str)] = &[
    ("worldwide", "the world", "le monde"),
    (
        "developingCountries",
        "developing countries",
        "les pays en développement",
    ),
    (
        "developedCountries",
        "developed countries",
        "les pays développés",
    ),
    (
        "leastDevelopedCountries",
        "the least developed countries",
        "les pays les moins avancés",
    ),
    (
        "landlockedDevelopingCountries",
        "landlocked developing countries",
        "les pays en développement sans littoral",
    ),
    (
        "smallIslandDevelopingStates",
        "small island developing States",
        "les petits États insulaires en développement",
    ),
    ("memberStates", "the Member States", "les États Membres"),
    ("ituRegionAfrica", "the Africa region", "la région Afrique"),
];

/// Goal themes in en, fr, es, ru, ar, zh.
const THEMES: &[[&str; 6]] = &[
    [
        "Universal connectivity",
        "Connectivité universelle",
        "Conectividad universal",
        "Всеобщая возможность подключения",
        "التوصيل الشامل",
        "普遍连接",
    ],
    [
        "Sustainable digital transformation",
        "Transformation numérique durable",
        "Transformación digital sostenible",
        "Устойчивая цифровая трансформация",
        "التحول الرقمي المستدام",
        "可持续数字化转型",
    ],
    [
        "Trust and security in the use of ICTs",
        "Confiance et sécurité dans l'utilisation des TIC",
        "Confianza y seguridad en la utilización de las TIC",
        "Укрепление доверия и безопасности при использовании ИКТ",
        "الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات",
        "使用信息通信技术的信任和安全",
    ],
    [
        "Inclusiveness",
        "Inclusion",
        "Inclusión",
        "Открытость для всех",
        "الشمول",
        "包容性",
    ],
    [
        "Innovation and partnership",
        "Innovation et partenariat",
        "Innovación y asociación",
        "Инновации и партнерство",
        "الابتكار والشراكة",
        "创新与伙伴关系",
    ],
];

const LANGS: [&str; 6] = ["en", "fr", "es", "ru", "ar", "zh"];

const SECTORS: &[(&str, &str, &str)] = &[
    ("ituR", "R", "Radiocommunication"),
    ("ituT", "T", "Standardization"),
    ("ituD", "D", "Development"),
    ("generalSecretariat", "GS", "Corporate"),
];

/// Objective topics in English and French.
const OBJECTIVE_TOPICS: &[(&str, &str)] = &[
    (
        "spectrum management and satellite orbit resources",
        "gestion du spectre et ressources orbitales des satellites",
    ),
    (
        "international standards for emerging technologies",
        "normes internationales pour les technologies émergentes",
    ),
    (
        "enabling policy and regulatory environments",
        "environnements politiques et réglementaires propices",
    ),
    (
        "affordable broadband infrastructure in rural areas",
        "infrastructures large bande abordables dans les zones rurales",
    ),
    (
        "digital skills for women and girls",
        "compétences numériques des femmes et des filles",
    ),
    (
        "cybersecurity capacity in national institutions",
        "capacités de cybersécurité des institutions nationales",
    ),
    (
        "emergency telecommunications and early warning",
        "télécommunications d'urgence et alerte précoce",
    ),
    (
        "measurement of the information society",
        "mesure de la société de l'information",
    ),
    (
        "artificial intelligence governance",
        "gouvernance de l'intelligence artificielle",
    ),
    (
        "e-waste and the circular economy",
        "déchets électroniques et économie circulaire",
    ),
    (
        "global consensus on digital governance",
        "consensus mondial sur la gouvernance numérique",
    ),
    (
        "digital public infrastructure",
        "infrastructure publique numérique",
    ),
];

const OUTCOMES: &[&str] = &[
    "Improved policy and regulatory frameworks",
    "Increased interoperability of networks and services",
    "Strengthened capacity of Member States",
    "Wider participation of developing countries in decision-making",
    "Better availability of comparable statistics",
    "Broader consensus among stakeholders on common principles",
    "More efficient use of spectrum and orbit resources",
];

const OUTPUTS: &[(&str, &str)] = &[
    ("product", "Regulatory toolkit"),
    ("product", "Technical report"),
    ("product", "Database of national policies"),
    ("product", "ITU-T Recommendations"),
    ("service", "Regional capacity-building workshops"),
    ("service", "Expert assistance to Member States"),
    ("service", "High-level dialogue sessions"),
];

const KPIS: &[(&str, &str, &str)] = &[
    ("Countries using the toolkit", "count", "increase"),
    (
        "Share of Member States participating",
        "percent",
        "increase",
    ),
    ("Recommendations approved", "count", "increase"),
    ("Participants trained", "count", "increase"),
    ("Satisfaction of participants", "percent", "maintain"),
];

const PLAN_START: i32 = 2026;
const PLAN_END: i32 = 2029;

/// Writes `s` as a JSON string (quotes, backslashes and control characters escaped).
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes a number given in tenths: `635` → `63.5`, `630` → `63`.
fn push_tenths(out: &mut String, tenths: u32) {
    if tenths.is_multiple_of(10) {
        let _ = write!(out, "{}", tenths / 10);
    } else {
        let _ = write!(out, "{}.{}", tenths / 10, tenths % 10);
    }
}

fn tenths_text(tenths: u32) -> String {
    let mut s = String::new();
    push_tenths(&mut s, tenths);
    s
}

fn fill(template: &str, year: i32, value: &str, scope: &str) -> String {
    template
        .replace("{y}", &year.to_string())
        .replace("{v}", value)
        .replace("{s}", scope)
}

/// Generates the JSON text of a valid strategic plan. O(targets + objectives).
pub fn generate(spec: &PlanSpec) -> String {
    let goals = spec.goals.max(1);
    let mut rng = Lcg::new(spec.seed);
    let mut out = String::with_capacity(spec.targets * 420 + spec.objectives * 900 + 4096);
    let id = format!("bench-sp-{}-{}", spec.targets, spec.objectives);

    out.push_str("{\"kind\":\"strategicPlan\",\"specVersion\":\"1.0\",\"id\":");
    push_str(&mut out, &id);
    let _ = write!(
        out,
        ",\"title\":{{\"en\":\"Benchmark Strategic Plan {PLAN_START}-{PLAN_END} ({} targets)\",\
         \"fr\":\"Plan stratégique de référence {PLAN_START}-{PLAN_END}\",\
         \"ru\":\"Эталонный стратегический план на {PLAN_START}-{PLAN_END} годы\",\
         \"zh\":\"{PLAN_START}-{PLAN_END}年基准战略规划\"}}",
        spec.targets
    );
    out.push_str(
        ",\"organization\":{\"name\":{\"en\":\"Benchmark Digital Agency\"},\"acronym\":\"BDA\",\
         \"url\":\"https://example.org/bda\"}",
    );
    let _ = write!(
        out,
        ",\"period\":{{\"startYear\":{PLAN_START},\"endYear\":{PLAN_END}}}"
    );
    out.push_str(
        ",\"vision\":{\"en\":\"A connected world where everyone benefits from digital technologies.\"}\
         ,\"mission\":{\"en\":\"To promote affordable and universal connectivity through cooperation.\"}\
         ,\"values\":[{\"id\":\"value-transparency\",\"name\":{\"en\":\"Transparency\"}},\
         {\"id\":\"value-inclusiveness\",\"name\":{\"en\":\"Inclusiveness\"}}]",
    );

    // Goals.
    out.push_str(",\"goals\":[");
    for g in 0..goals {
        if g > 0 {
            out.push(',');
        }
        let theme = &THEMES[g % THEMES.len()];
        let _ = write!(
            out,
            "\n{{\"id\":\"goal-{}\",\"code\":\"{}\",\"name\":{{",
            g + 1,
            g + 1
        );
        for (i, (lang, name)) in LANGS.iter().zip(theme.iter()).enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "\"{lang}\":");
            if g < THEMES.len() {
                push_str(&mut out, name);
            } else {
                push_str(&mut out, &format!("{name} {}", g + 1));
            }
        }
        let _ = write!(
            out,
            "}},\"statement\":{{\"en\":\"{} for all, leaving no one behind\"}}}}",
            theme[0]
        );
    }
    out.push(']');

    // Targets.
    let mut per_goal = vec![0usize; goals];
    out.push_str(",\"targets\":[");
    for t in 0..spec.targets {
        if t > 0 {
            out.push(',');
        }
        let g = rng.below(goals);
        per_goal[g] += 1;
        let ind = rng.pick(INDICATORS);
        let (scope, scope_en, scope_fr) = *rng.pick(SCOPES);
        let year = PLAN_START + 1 + rng.below(4) as i32;
        let mut value = ind.range.0 + rng.below((ind.range.1 - ind.range.0 + 1) as usize) as u32;
        if ind.unit == "count" {
            value -= value % 10;
        }
        let value_text = tenths_text(value);
        let value_fr = value_text.replace('.', ",");
        let _ = write!(
            out,
            "\n{{\"id\":\"target-{g1}.{k}\",\"code\":\"{g1}.{k}\",\"goal\":\"goal-{g1}\",\"statement\":{{\"en\":",
            g1 = g + 1,
            k = per_goal[g]
        );
        push_str(&mut out, &fill(ind.en, year, &value_text, scope_en));
        if t % 7 == 3 {
            out.push_str(",\"fr\":");
            push_str(&mut out, &fill(ind.fr, year, &value_fr, scope_fr));
        }
        let _ = write!(
            out,
            "}},\"quantity\":{{\"indicator\":\"{}\",\"scope\":\"{scope}\",\"unit\":\"{}\",\
             \"direction\":\"{}\",\"value\":{value_text},\"year\":{year}",
            ind.code, ind.unit, ind.direction
        );
        if rng.chance(3, 5) {
            let by = 2019 + rng.below(7) as i32;
            // A baseline on the other side of the target, within the same range.
            let span = ind.range.1 - ind.range.0;
            let b = match ind.direction {
                "decrease" => (value + rng.below(span as usize + 1) as u32).min(ind.range.1 * 2),
                _ => value.saturating_sub(rng.below(span as usize + 1) as u32),
            };
            let b = match ind.unit {
                "percent" => b.min(1000),
                "count" => b - b % 10,
                _ => b,
            };
            let _ = write!(out, ",\"baseline\":{{\"year\":{by},\"value\":");
            push_tenths(&mut out, b);
            out.push('}');
        }
        out.push('}');
        if t % 10 == 9 {
            let _ = write!(
                out,
                ",\"sources\":[{{\"title\":\"Measuring digital development: Facts and Figures {}\",\
                 \"url\":\"https://www.itu.int/itu-d/reports/statistics/facts-figures-{}/\",\
                 \"publisher\":\"ITU\",\"date\":\"{}-11-{:02}\"}}]",
                2019 + t % 6,
                2019 + t % 6,
                2019 + t % 6,
                1 + t % 28
            );
        }
        out.push('}');
    }
    out.push(']');

    out.push_str(
        ",\"enablers\":[{\"id\":\"enabler-1\",\"name\":{\"en\":\"Membership engagement\"}},\
         {\"id\":\"enabler-2\",\"name\":{\"en\":\"Financial sustainability\"}}]",
    );

    // Objectives.
    out.push_str(",\"objectives\":[");
    for o in 0..spec.objectives {
        if o > 0 {
            out.push(',');
        }
        let n = o + 1;
        let sectoral = rng.chance(7, 10);
        let (topic, topic_fr) = *rng.pick(OBJECTIVE_TOPICS);
        let _ = write!(out, "\n{{\"id\":\"obj-{n}\"");
        if sectoral {
            let (sector, prefix, label) = *rng.pick(SECTORS);
            let _ = write!(
                out,
                ",\"code\":\"{prefix}.{n}\",\"type\":\"sectoral\",\"sector\":\"{sector}\",\
                 \"name\":{{\"en\":\"{label}: {topic}\""
            );
        } else {
            let _ = write!(
                out,
                ",\"code\":\"I.{n}\",\"type\":\"interSectoral\",\
                 \"name\":{{\"en\":\"Inter-sectoral: {topic}\""
            );
        }
        if o % 4 == 0 {
            let _ = write!(out, ",\"fr\":\"Objectif {n} : {topic_fr}\"");
        }
        out.push('}');
        if o % 3 == 0 {
            let _ = write!(
                out,
                ",\"description\":{{\"en\":\"Work of the {} on {topic}, with Member States, Sector Members and academia.\"}}",
                if sectoral {
                    "Sector"
                } else {
                    "Sectors and the General Secretariat"
                }
            );
        }
        out.push_str(",\"contributesTo\":[");
        let k = 1 + rng.below(3);
        for (i, g) in rng.distinct(k, goals).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "\"goal-{}\"", g + 1);
        }
        out.push(']');
        if !sectoral || rng.chance(1, 3) {
            out.push_str(",\"mechanisms\":[");
            let k = 1 + rng.below(3);
            for (i, p) in rng.distinct(k, 50).iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "\"bench-platforms#p-{p}\"");
            }
            out.push(']');
        }
        out.push_str(",\"outcomes\":[");
        for j in 0..1 + rng.below(3) {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{{\"id\":\"obj-{n}-outcome-{}\",\"statement\":{{\"en\":\"{} ({topic})\"}}}}",
                j + 1,
                rng.pick(OUTCOMES)
            );
        }
        out.push_str("],\"outputs\":[");
        let k = 1 + rng.below(3);
        for (j, &which) in rng.distinct(k, OUTPUTS.len()).iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let (kind, name) = OUTPUTS[which];
            let _ = write!(
                out,
                "{{\"id\":\"obj-{n}-output-{}\",\"type\":\"{kind}\",\"name\":{{\"en\":\"{name} on {topic}\"}}}}",
                j + 1
            );
        }
        out.push(']');
        let kpis = rng.below(3);
        if kpis > 0 {
            out.push_str(",\"kpis\":[");
            for j in 0..kpis {
                if j > 0 {
                    out.push(',');
                }
                let (name, unit, direction) = *rng.pick(KPIS);
                let (base, goal) = if unit == "percent" {
                    let b = rng.below(600) as u32;
                    (b, b + rng.below(400) as u32)
                } else {
                    let b = rng.below(100) as u32 * 10;
                    (b, b + 10 * (1 + rng.below(200) as u32))
                };
                let _ = write!(
                    out,
                    "{{\"id\":\"obj-{n}-kpi-{}\",\"name\":{{\"en\":\"{name}\"}},\"unit\":\"{unit}\",\
                     \"direction\":\"{direction}\",\"baseline\":{{\"year\":{},\"value\":",
                    j + 1,
                    PLAN_START - 1
                );
                push_tenths(&mut out, base);
                let _ = write!(out, "}},\"target\":{{\"year\":{PLAN_END},\"value\":");
                push_tenths(&mut out, goal);
                out.push_str("}}");
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push(']');

    out.push_str(
        ",\"sources\":[{\"title\":\"Generated by govframe's benchmark plan generator\",\
         \"url\":\"https://example.org/govframe/bench\",\"date\":\"2026-01-15\"}]\
         ,\"notes\":[{\"en\":\"A synthetic plan for benchmarks; its numbers are random.\"}]}\n",
    );
    out
}
