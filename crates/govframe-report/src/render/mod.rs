//! Rendering an [`AnnualReport`]: one self-contained HTML page (inline CSS, inline SVG, nothing
//! loaded from other hosts) and Markdown with SVG chart files. Every text from the documents is
//! escaped.

mod charts;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::build::LANGUAGES;
use crate::model::{AnnualReport, Cell, Chart, Section, SectionKind, SourceRef, Table};

pub use charts::chart_svg;

/// Escapes text for HTML element content and attribute values (`&`, `<`, `>`, `"`, `'`).
///
/// ```
/// assert_eq!(govframe_report::escape_html("<script>alert(1)</script>"),
///            "&lt;script&gt;alert(1)&lt;/script&gt;");
/// ```
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown (CommonMark): `<`, `>` and `&` as entities (so no raw HTML
/// passes through), backslashes before the characters that start emphasis, links, code,
/// tables and headings; line breaks become spaces.
///
/// ```
/// assert_eq!(govframe_report::escape_markdown("<b>*x*</b> | [y]"),
///            "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\[y\\]");
/// ```
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The Markdown form of a report: the text, and the charts as `(file name, SVG)` to write
/// into `charts/` beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown {
    /// The Markdown text (links charts as `charts/<id>.svg`).
    pub text: String,
    /// The charts: file name (`<id>.svg`) and SVG text.
    pub charts: Vec<(String, String)>,
}

/// The numbered reference list: one entry per cited source (document, title, URL), in order
/// of first use, with the locators used.
struct References<'a> {
    order: Vec<(&'a SourceRef, Vec<&'a str>)>,
    index: BTreeMap<(&'a str, &'a str, Option<&'a str>), usize>,
}

fn key(s: &SourceRef) -> (&str, &str, Option<&str>) {
    (
        s.document.as_str(),
        s.title.as_str(),
        s.url.as_ref().map(|u| u.as_str()),
    )
}

impl<'a> References<'a> {
    fn new(report: &'a AnnualReport) -> Self {
        let mut r = Self {
            order: Vec::new(),
            index: BTreeMap::new(),
        };
        for s in report.cited_sources() {
            let n = match r.index.get(&key(s)) {
                Some(&n) => n,
                None => {
                    r.order.push((s, Vec::new()));
                    let n = r.order.len();
                    r.index.insert(key(s), n);
                    n
                }
            };
            if let (Some(loc), Some(entry)) = (s.locator.as_deref(), r.order.get_mut(n - 1))
                && !entry.1.contains(&loc)
            {
                entry.1.push(loc);
            }
        }
        r
    }

    fn number(&self, s: &SourceRef) -> usize {
        self.index.get(&key(s)).copied().unwrap_or(0)
    }

    fn numbers(&self, sources: &[&SourceRef]) -> Vec<usize> {
        let mut out: Vec<usize> = sources.iter().map(|s| self.number(s)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn language_name(tag: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(l, _)| *l == tag)
        .map_or("English", |(_, n)| n)
}

const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #5b5b60; --rule: #d9d9de; --accent: #0b4f8a; --paper: #ffffff; --tint: #f4f6f9; }
* { box-sizing: border-box; }
html { font-size: 17px; }
body { margin: 0; background: var(--paper); color: var(--ink); font-family: Georgia, "Times New Roman", "Noto Serif", serif; line-height: 1.55; }
.page { max-width: 60rem; margin: 0 auto; padding: 2.5rem 2rem 4rem; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 1.5rem; margin-bottom: 2rem; }
.kicker { font-family: "Helvetica Neue", Arial, "Noto Sans", sans-serif; text-transform: uppercase; letter-spacing: .12em; font-size: .78rem; color: var(--accent); margin: 0 0 .6rem; }
h1 { font-size: 2.3rem; line-height: 1.15; margin: 0 0 .8rem; font-weight: normal; }
h2 { font-size: 1.5rem; font-weight: normal; margin: 3rem 0 1rem; padding-top: .6rem; border-top: 1px solid var(--rule); }
h2 .num { color: var(--accent); margin-right: .5rem; }
.meta, .langnote, figcaption, .source, caption, .note, .method, nav.toc, table, footer { font-family: "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
.meta { color: var(--muted); margin: 0; }
.langnote { background: var(--tint); border-left: 3px solid var(--accent); padding: .6rem .9rem; font-size: .85rem; color: var(--muted); }
nav.toc { background: var(--tint); padding: 1rem 1.5rem; margin: 0 0 2rem; }
nav.toc h2 { font-size: 1rem; margin: 0 0 .5rem; border: 0; padding: 0; text-transform: uppercase; letter-spacing: .08em; }
nav.toc ol { margin: 0; padding-left: 1.4rem; }
nav.toc a { color: var(--ink); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
p.empty { font-style: italic; color: var(--muted); }
.method, .note { font-size: .85rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 1.2rem 0 .3rem; font-size: .82rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: .4rem; font-size: .88rem; }
th { text-align: left; border-bottom: 2px solid var(--ink); padding: .35rem .5rem; vertical-align: bottom; }
td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
sup { font-size: .7em; }
sup a { color: var(--accent); text-decoration: none; }
.source { font-size: .78rem; color: var(--muted); margin: .2rem 0 1.4rem; }
figure { margin: 1.8rem 0; padding: 1rem; border: 1px solid var(--rule); }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: .85rem; margin-top: .6rem; }
figcaption b { color: var(--accent); }
ol.references { font-size: .82rem; font-family: "Helvetica Neue", Arial, "Noto Sans", sans-serif; padding-left: 2rem; }
ol.references li { margin-bottom: .35rem; overflow-wrap: anywhere; }
.wrap { overflow-x: auto; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: 1rem; font-size: .78rem; color: var(--muted); }
@media print { .page { max-width: none; padding: 0; } figure, table { break-inside: avoid; } }
"#;

fn cites_html(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| format!("<a href=\"#ref-{n}\">[{n}]</a>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table_html(out: &mut String, refs: &References<'_>, t: &Table, number: &str) {
    let sources = t.sources();
    let numbers = refs.numbers(&sources);
    let per_cell = numbers.len() > 1;
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|c| {
            t.rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Number { .. })))
        })
        .collect();
    let _ = write!(
        out,
        "<div class=\"wrap\"><table id=\"{}\"><caption>Table {number}. {}</caption><thead><tr>",
        escape_html(t.id.as_str()),
        escape_html(&t.caption)
    );
    for (c, h) in t.columns.iter().enumerate() {
        let class = if numeric.get(c).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}</th>", escape_html(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            match cell {
                Cell::Text { text } => {
                    let _ = write!(out, "<td dir=\"auto\">{}</td>", escape_html(text));
                }
                Cell::Number {
                    display, source, ..
                } => {
                    let sup = if per_cell {
                        let n = refs.number(source);
                        format!("<sup><a href=\"#ref-{n}\">{n}</a></sup>")
                    } else {
                        String::new()
                    };
                    let _ = write!(out, "<td class=\"num\">{}{sup}</td>", escape_html(display));
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>\n");
    if !numbers.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"source\">Source{}: {}.</p>",
            if numbers.len() > 1 { "s" } else { "" },
            cites_html(&numbers)
        );
    }
}

fn figure_html(out: &mut String, refs: &References<'_>, c: &Chart, number: usize) {
    let numbers = refs.numbers(&c.sources());
    let svg = chart_svg(c);
    let _ = writeln!(
        out,
        "<figure id=\"{}\" role=\"group\">\n{}<figcaption><b>Figure {number}.</b> {}. Source{}: {}.</figcaption></figure>",
        escape_html(c.id.as_str()),
        svg,
        escape_html(&c.caption),
        if numbers.len() > 1 { "s" } else { "" },
        cites_html(&numbers)
    );
}

fn reference_html(out: &mut String, n: usize, s: &SourceRef, locators: &[&str]) {
    let _ = write!(
        out,
        "<li id=\"ref-{n}\" dir=\"auto\">{}",
        escape_html(&s.title)
    );
    if let Some(u) = &s.url {
        let u = escape_html(u.as_str());
        let _ = write!(out, ". <a href=\"{u}\">{u}</a>");
    }
    let _ = write!(
        out,
        " — document <code>{}</code>",
        escape_html(s.document.as_str())
    );
    if !locators.is_empty() {
        let _ = write!(out, " ({})", escape_html(&locators.join("; ")));
    }
    out.push_str("</li>\n");
}

/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing
/// loaded from other hosts; every text from the documents is escaped.
///
/// ```
/// use govframe_report::{build, render_html, ReportInput, ReportOptions};
/// let report = build(&ReportInput::default(), &ReportOptions { year: Some(2024), ..Default::default() })?;
/// let html = render_html(&report);
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("No strategic plan in the input."));
/// # Ok::<(), govframe_report::ReportError>(())
/// ```
pub fn render_html(report: &AnnualReport) -> String {
    let refs = References::new(report);
    let lang = report.language.as_str();
    let title = report.title.best(lang);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">\n<header class=\"cover\">\n<p class=\"kicker\">govframe · Annual research report</p>\n<h1>{}</h1>\n<p class=\"meta\">Year {} · {} · {} document(s) · {} figure(s)</p>\n",
        escape_html(lang),
        escape_html(title),
        escape_html(title),
        report.year,
        language_name(report.language.primary().as_str()),
        report.documents.len(),
        report.charts().count(),
    );
    if let Some(note) = &report.language_note {
        let _ = writeln!(out, "<p class=\"langnote\">{}</p>", escape_html(note));
    }
    out.push_str(
        "</header>\n<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n",
    );
    for s in &report.sections {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            s.section.as_str(),
            escape_html(&s.heading)
        );
    }
    out.push_str("</ol>\n</nav>\n<main>\n");
    let mut figure = 0;
    for (si, s) in report.sections.iter().enumerate() {
        section_html(&mut out, &refs, s, si + 1, &mut figure);
        if s.section == SectionKind::Sources {
            out.push_str("<h3>References</h3>\n<ol class=\"references\">\n");
            for (i, (src, locs)) in refs.order.iter().enumerate() {
                reference_html(&mut out, i + 1, src, locs);
            }
            out.push_str("</ol>\n");
        }
    }
    for n in &report.notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape_html(n));
    }
    let _ = write!(
        out,
        "</main>\n<footer>Computed by govframe from the documents listed above; report id <code>{}</code>. Every number names its source.</footer>\n</div>\n</body>\n</html>\n",
        escape_html(report.id.as_str())
    );
    out
}

fn section_html(
    out: &mut String,
    refs: &References<'_>,
    s: &Section,
    number: usize,
    figure: &mut usize,
) {
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2><span class=\"num\">{number}</span>{}</h2>",
        s.section.as_str(),
        escape_html(&s.heading)
    );
    if let Some(e) = &s.empty {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", escape_html(e));
    }
    for p in &s.paragraphs {
        let _ = writeln!(out, "<p dir=\"auto\">{}</p>", escape_html(p));
    }
    for (ti, t) in s.tables.iter().enumerate() {
        table_html(out, refs, t, &format!("{number}.{}", ti + 1));
    }
    for c in &s.charts {
        *figure += 1;
        figure_html(out, refs, c, *figure);
    }
    for m in &s.methods {
        let _ = writeln!(
            out,
            "<p class=\"method\"><strong>Method.</strong> {}</p>",
            escape_html(m)
        );
    }
    for n in &s.notes {
        let _ = writeln!(
            out,
            "<p class=\"note\"><strong>Note.</strong> {}</p>",
            escape_html(n)
        );
    }
    out.push_str("</section>\n");
}

fn cites_md(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| format!("\\[{n}\\]"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn md_url(u: &str) -> String {
    if u.contains(['<', '>', ' ', '\\']) {
        escape_markdown(u)
    } else {
        format!("<{u}>")
    }
}

fn table_md(out: &mut String, refs: &References<'_>, t: &Table, number: &str) {
    let numbers = refs.numbers(&t.sources());
    let per_cell = numbers.len() > 1;
    let _ = writeln!(out, "**Table {number}.** {}\n", escape_markdown(&t.caption));
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|c| {
            t.rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Number { .. })))
        })
        .collect();
    out.push('|');
    for h in &t.columns {
        let _ = write!(out, " {} |", escape_markdown(h));
    }
    out.push_str("\n|");
    for n in &numeric {
        out.push_str(if *n { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in &t.rows {
        out.push('|');
        for cell in row {
            match cell {
                Cell::Text { text } => {
                    let _ = write!(out, " {} |", escape_markdown(text));
                }
                Cell::Number {
                    display, source, ..
                } => {
                    let sup = if per_cell {
                        format!(" \\[{}\\]", refs.number(source))
                    } else {
                        String::new()
                    };
                    let _ = write!(out, " {}{sup} |", escape_markdown(display));
                }
            }
        }
        out.push('\n');
    }
    if !numbers.is_empty() {
        let _ = write!(
            out,
            "\nSource{}: {}.\n",
            if numbers.len() > 1 { "s" } else { "" },
            cites_md(&numbers)
        );
    }
    out.push('\n');
}

/// The report as Markdown, with each chart as an SVG file to write into `charts/`.
///
/// ```
/// use govframe_report::{build, render_markdown, ReportInput, ReportOptions};
/// let report = build(&ReportInput::default(), &ReportOptions { year: Some(2024), ..Default::default() })?;
/// let md = render_markdown(&report);
/// assert!(md.text.starts_with("# Annual research report"));
/// assert!(md.charts.is_empty());
/// # Ok::<(), govframe_report::ReportError>(())
/// ```
pub fn render_markdown(report: &AnnualReport) -> Markdown {
    let refs = References::new(report);
    let lang = report.language.as_str();
    let mut out = String::with_capacity(32 * 1024);
    let mut charts = Vec::new();
    let _ = writeln!(
        out,
        "# {}\n\n*Year {} · {} · {} document(s) · computed by govframe*\n",
        escape_markdown(report.title.best(lang)),
        report.year,
        language_name(report.language.primary().as_str()),
        report.documents.len()
    );
    if let Some(note) = &report.language_note {
        let _ = writeln!(out, "> {}\n", escape_markdown(note));
    }
    out.push_str("## Contents\n\n");
    for (i, s) in report.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. [{}](#{})",
            i + 1,
            escape_markdown(&s.heading),
            s.section.as_str()
        );
    }
    out.push('\n');
    let mut figure = 0;
    for (si, s) in report.sections.iter().enumerate() {
        let number = si + 1;
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n\n## {number}. {}\n",
            s.section.as_str(),
            escape_markdown(&s.heading)
        );
        if let Some(e) = &s.empty {
            let _ = writeln!(out, "*{}*\n", escape_markdown(e));
        }
        for p in &s.paragraphs {
            let _ = writeln!(out, "{}\n", escape_markdown(p));
        }
        for (ti, t) in s.tables.iter().enumerate() {
            table_md(&mut out, &refs, t, &format!("{number}.{}", ti + 1));
        }
        for c in &s.charts {
            figure += 1;
            let file = format!("{}.svg", c.id.as_str());
            let numbers = refs.numbers(&c.sources());
            let _ = writeln!(
                out,
                "![Figure {figure}. {}](charts/{file})\n\n*Figure {figure}.* {}. Source{}: {}.\n",
                escape_markdown(&c.caption),
                escape_markdown(&c.caption),
                if numbers.len() > 1 { "s" } else { "" },
                cites_md(&numbers)
            );
            charts.push((file, chart_svg(c)));
        }
        for m in &s.methods {
            let _ = writeln!(out, "*Method.* {}\n", escape_markdown(m));
        }
        for n in &s.notes {
            let _ = writeln!(out, "*Note.* {}\n", escape_markdown(n));
        }
        if s.section == SectionKind::Sources {
            out.push_str("### References\n\n");
            for (i, (src, locs)) in refs.order.iter().enumerate() {
                let _ = write!(out, "{}. {}", i + 1, escape_markdown(&src.title));
                if let Some(u) = &src.url {
                    let _ = write!(out, ". {}", md_url(u.as_str()));
                }
                let _ = write!(out, " — document `{}`", src.document.as_str());
                if !locs.is_empty() {
                    let _ = write!(out, " ({})", escape_markdown(&locs.join("; ")));
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
    for n in &report.notes {
        let _ = writeln!(out, "*Note.* {}\n", escape_markdown(n));
    }
    Markdown { text: out, charts }
}
