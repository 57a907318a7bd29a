//! Normalizer and validator: `Document -> Report`, then `Report -> findings`.
//!
//! One code path for every file format: tables are found by their row and column labels (the
//! format is fixed by law, so labels are the anchor, not positions), tolerating split runs,
//! merged cells, full-width digits, blank/—/"/"/无 cells, tables split across pages, shifted
//! cells and wrong section numbering.
//!
//! **Architecture invariant:** knows the national format and nothing about file formats; it
//! never sees bytes, zip or XML.

mod fold;
mod labels;
mod meta;
mod msg;
mod number;
mod rules;
mod tables;

pub use fold::fold;
pub use number::{parse_cell, CellValue};
pub use rules::{validate, RULES};

use xxgk_model::{Document, Finding, Lang, Report};

/// What the normalizer needs besides the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Language of finding messages.
    pub lang: Lang,
    /// The file name, for agency and year when the content has no title.
    pub file_name: Option<String>,
}

/// Builds the Report from a Document: metadata, sections, the three tables, provenance, and
/// the findings of extraction and completeness. Arithmetic rules are [`validate`]'s job.
pub fn normalize(doc: &Document, opts: &Options) -> Report {
    let mut report = Report {
        file: opts.file_name.clone(),
        ..Report::default()
    };
    let mut findings: Vec<Finding> = Vec::new();
    let items = meta::flatten(doc);
    meta::read_metadata(&items, opts, &mut report, &mut findings);
    tables::read_tables(&items, opts.lang, &mut report, &mut findings);
    meta::read_prose_figures(&mut report);
    meta::completeness(doc, &items, opts.lang, &mut report, &mut findings);
    for d in &doc.diagnostics {
        let mut f = Finding::new(
            "X1",
            xxgk_model::Severity::Info,
            xxgk_model::Origin::Extraction,
            msg::t(
                opts.lang,
                format!("读取时跳过或无法确定的内容：{}", d.message),
                format!("content skipped or uncertain while reading: {}", d.message),
            ),
        );
        f.source = d.source.clone();
        findings.push(f);
    }
    report.findings = findings;
    report
}

/// Normalizes and validates: the Report with every finding, in a stable order.
pub fn process(doc: &Document, opts: &Options) -> Report {
    let mut report = normalize(doc, opts);
    let mut more = validate(&report, opts.lang);
    report.findings.append(&mut more);
    report.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| rule_order(&a.rule).cmp(&rule_order(&b.rule)))
    });
    report
}

fn rule_order(rule: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.id == rule)
        .unwrap_or(RULES.len())
}
