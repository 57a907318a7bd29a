//! The rules, one file each: its id, severity, origin and documentation ([`Rule`]), its check,
//! and its tests — the way ruff keeps its rules. This module lists them ([`RULES`], in report
//! order; docs/format.md's rule table is checked against it), runs the checks on what was read
//! ([`completeness`]) and on a finished Report ([`validate`]), and names the cells a finding is
//! about ([`operands`]).
//!
//! Adding a rule: a file here with `pub(crate) const RULE: Rule` and its check, then one line
//! in [`RULES`] and one where it runs (`validate`, `completeness`, or the reader that raises
//! it), and a row in docs/format.md's table.

mod c1;
mod c2;
mod c3;
pub(crate) mod d1;
mod f1;
pub(crate) mod j1;
pub(crate) mod k1;
pub(crate) mod p1;
mod r1;
mod r10;
mod r11;
mod r2;
mod r3;
mod r4;
mod r5;
pub(crate) mod r8;
pub(crate) mod s1;
#[cfg(test)]
mod testing;
mod u1;
pub(crate) mod x1;
mod x2;
pub(crate) mod y1;

/// What every rule file uses.
mod prelude {
    pub(super) use super::{app, fmt, on_value, rl, Checker, Equation, Read, Rule};
    pub(super) use crate::fold::{numeral_value, zh_numeral};
    pub(super) use crate::msg::t;
    pub(super) use crate::notes::{Alignment, Note};
    pub(super) use crate::stream::Item;
    pub(super) use xxgk_model::{
        grid_path, Document, Finding, FormatVersion, Lang, Num, Origin, Report, Severity,
        SourceRef, APP_COLUMNS, APP_COLUMN_LABELS, APP_ROWS, APP_ROW_LABELS, RL_COLUMNS,
        RL_COLUMN_LABELS, RL_GROUPS, RL_GROUP_LABELS,
    };
}

use crate::msg::t;
use crate::stream::Item;
use xxgk_model::{
    Finding, Lang, Num, Origin, Report, Severity, APP_COLUMNS, APP_ROWS, RL_COLUMNS, RL_GROUPS,
};

/// One rule: what people and programs know of it.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// Severity of its findings (the usual one; see `levels`).
    pub severity: Severity,
    /// Whether it is about the report (`Source`) or about xxgk's reading (`Extraction`).
    pub origin: Origin,
    /// Its severities as docs/format.md writes them (`error / warning`).
    pub levels: &'static str,
    /// What it checks, as docs/format.md writes it.
    pub summary: &'static str,
    /// What it checks, in Chinese.
    pub summary_zh: &'static str,
}

/// Every rule xxgk reports, in report order. Ids R1–R10, C1–C3, Y1, F1, S1 are the national
/// format's; R11, D1, J1, P1, U1, X1, X2, K1 are xxgk's own. R8, D1, J1 and P1 are checked across
/// the reports of a batch (`crate::cross`).
pub const RULES: [Rule; 21] = [
    r1::RULE,
    r2::RULE,
    r3::RULE,
    r4::RULE,
    r5::RULE,
    r10::RULE,
    r8::RULE,
    d1::RULE,
    j1::RULE,
    p1::RULE,
    r11::RULE,
    c1::RULE,
    c2::RULE,
    c3::RULE,
    y1::RULE,
    f1::RULE,
    s1::RULE,
    u1::RULE,
    x1::RULE,
    x2::RULE,
    k1::RULE,
];

/// The findings of the table reader's notes, in the order noted: X2 for what it left null,
/// aligned or saw twice, C3 for a short row, U1 for a unit against its column.
pub(crate) fn from_notes(notes: &[crate::notes::Note], lang: Lang, findings: &mut Vec<Finding>) {
    for note in notes {
        let f = x2::finding(note, lang)
            .or_else(|| c3::short_row(note, lang))
            .or_else(|| u1::finding(note, lang));
        findings.extend(f);
    }
}

/// What the completeness checks see: the document as read, and the Report built from it.
pub(crate) struct Read<'a> {
    pub(super) items: &'a [Item<'a>],
    pub(super) report: &'a Report,
    pub(super) lang: Lang,
    /// The document has prose (a bare spreadsheet of the tables has none).
    pub(super) has_prose: bool,
    /// The document has images (where tables may be).
    pub(super) has_images: bool,
}

/// C1 (missing sections), C2 (missing tables), C3 (missing rows), F1 (old format), on a Report
/// once its tables are read.
pub(crate) fn completeness(
    items: &[Item<'_>],
    lang: Lang,
    report: &Report,
    findings: &mut Vec<Finding>,
) {
    let read = Read {
        items,
        report,
        lang,
        has_prose: items.iter().any(|i| matches!(i, Item::Para { .. })),
        has_images: items.iter().any(|i| matches!(i, Item::Image)),
    };
    c1::check(&read, findings);
    c2::check(&read, findings);
    c3::check(&read, findings);
    f1::check(&read, findings);
}

/// The context of the checks on a finished Report, and the findings they raise.
pub(crate) struct Checker<'a> {
    pub(super) report: &'a Report,
    pub(super) lang: Lang,
    pub(super) out: Vec<Finding>,
}

/// Checks a Report against the arithmetic and domain rules; returns the violations.
pub fn validate(report: &Report, lang: Lang) -> Vec<Finding> {
    let mut c = Checker {
        report,
        lang,
        out: Vec::new(),
    };
    r1::check(&mut c);
    r2::check(&mut c);
    r3::check(&mut c);
    r4::check(&mut c);
    r5::check(&mut c);
    r10::check(&mut c);
    r11::check(&mut c);
    if report.metadata.recognised {
        for f in &mut c.out {
            recognised(f, lang);
        }
    }
    c.out
}

/// An arithmetic finding on values read by OCR: the sums may fail because a digit was
/// misread, so its origin is the reading, and it says so.
fn recognised(f: &mut Finding, lang: Lang) {
    if matches!(f.rule.as_str(), "R1" | "R2" | "R3" | "R4" | "R11") {
        f.origin = xxgk_model::Origin::Extraction;
        f.message.push_str(match lang {
            Lang::Zh => "（这些数值由 OCR 从扫描件识别，也可能是识别错误，请对照原件核对）",
            Lang::En => " (these values were recognised by OCR in a scan: a misread digit may be the cause; check against the original)",
        });
    }
}

/// A finding made about one table value (by its codebook entry): its table, row and column,
/// by key and by label as printed.
pub(super) fn on_value(mut f: Finding, code: &xxgk_model::Code) -> Finding {
    f.table = Some(code.table.into());
    f.row = Some(code.row.into());
    f.row_label = Some(code.row_label.into());
    f.column = code.column.map(Into::into);
    f.column_label = code.column_label.map(Into::into);
    f
}

/// A number as a message prints it.
pub(super) fn fmt(n: f64) -> String {
    Num(n).to_string()
}

impl Checker<'_> {
    /// A table 三 value.
    pub(super) fn app(&self, row: usize, col: usize) -> Option<f64> {
        self.report.applications.row(row)[col].map(|n| n.0)
    }

    /// Raises a finding of `rule` (its severity from [`RULES`]) about a table cell.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &mut self,
        rule: &str,
        table: &str,
        row: Option<(&str, &str)>,
        column: Option<(&str, &str)>,
        path: Option<String>,
        expected: Option<f64>,
        found: Option<f64>,
        zh: String,
        en: String,
    ) {
        let severity = RULES
            .iter()
            .find(|r| r.id == rule)
            .map_or(Severity::Error, |r| r.severity);
        let mut f = Finding::new(rule, severity, Origin::Source, t(self.lang, zh, en));
        f.table = Some(table.to_string());
        if let Some((k, l)) = row {
            f.row = Some(k.to_string());
            f.row_label = Some(l.to_string());
        }
        if let Some((k, l)) = column {
            f.column = Some(k.to_string());
            f.column_label = Some(l.to_string());
        }
        f.source = path
            .and_then(|p| self.report.provenance.get(&p))
            .map(|p| p.source.clone());
        f.expected = expected.map(Num);
        f.found = found.map(Num);
        self.out.push(f);
    }
}

/// A statutory sum as an equation over [`Report::values`] indexes: the values of `left` add up
/// to those of `right`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Equation {
    /// The rule that checks it.
    pub rule: &'static str,
    pub left: Vec<usize>,
    pub right: Vec<usize>,
}

/// The index of table 三's value at `row`, `col` in [`Report::values`].
pub(crate) fn app(row: usize, col: usize) -> usize {
    xxgk_model::layout::APP_OFFSET + row * APP_COLUMNS.len() + col
}

/// The index of table 四's value `k` of group `g` in [`Report::values`].
pub(crate) fn rl(group: usize, k: usize) -> usize {
    xxgk_model::layout::RL_OFFSET + group * RL_COLUMNS.len() + k
}

/// The statutory sums R1–R4 check, as equations (R2's rows by the report's format).
pub(crate) fn equations(format: Option<xxgk_model::FormatVersion>) -> Vec<Equation> {
    let old = format == Some(xxgk_model::FormatVersion::V2019);
    r1::equations()
        .chain(r2::equations(old))
        .chain(r3::equations())
        .chain(r4::equations())
        .collect()
}

/// The values that take part in a finding, as indexes into [`Report::values`]: the whole
/// equation of an arithmetic rule (R1 the column's four rows, R2 the column's result rows and
/// total, R3 the row, R4 the group, R11 the five organisation columns), the cell of a
/// single-cell finding, and the blank cells of a row a C3 finding is about.
pub fn operands(report: &Report, f: &Finding) -> Vec<usize> {
    use xxgk_model::layout::APP_OFFSET;
    let row = f.row.as_deref().unwrap_or("");
    let app_row = APP_ROWS.iter().position(|k| *k == row);
    let app_col = f
        .column
        .as_deref()
        .and_then(|c| APP_COLUMNS.iter().position(|k| *k == c));
    match (f.table.as_deref(), f.rule.as_str()) {
        (Some("applications"), "R1") => app_col
            .map(|c| [0, 1, 23, 24].map(|r| app(r, c)).to_vec())
            .unwrap_or_default(),
        (Some("applications"), "R2") => app_col
            .map(|c| (2..24).map(|r| app(r, c)).collect())
            .unwrap_or_default(),
        (Some("applications"), "R3") => app_row
            .map(|r| (0..7).map(|c| app(r, c)).collect())
            .unwrap_or_default(),
        (Some("applications"), "R11") => app_row
            .map(|r| (1..6).map(|c| app(r, c)).collect())
            .unwrap_or_default(),
        (Some("applications"), _) => match (app_row, app_col) {
            (Some(r), Some(c)) => vec![app(r, c)],
            (Some(r), None) => (0..7)
                .filter(|&c| report.applications.row(r)[c].is_none())
                .map(|c| app(r, c))
                .collect(),
            _ => Vec::new(),
        },
        (Some("review_litigation"), rule) => {
            let Some(g) = RL_GROUPS.iter().position(|k| *k == row) else {
                return Vec::new();
            };
            let col = f
                .column
                .as_deref()
                .and_then(|c| RL_COLUMNS.iter().position(|k| *k == c));
            let group = report.review_litigation.group(g);
            (0..5)
                .filter(|&i| match (rule, col) {
                    ("R4", _) => true,
                    (_, Some(c)) => i == c,
                    (_, None) => group[i].is_none(),
                })
                .map(|i| rl(g, i))
                .collect()
        }
        (Some("active"), _) => {
            let path = format!("active.{row}");
            (0..APP_OFFSET)
                .find(|&i| Report::value_path(i) == Some(path.as_str()))
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use xxgk_model::Num;

    #[test]
    fn each_equation_is_the_sum_its_rule_checks() {
        // On a consistent report every equation holds; one more in any of its values breaks
        // it, and its rule says so.
        for format in [None, Some(xxgk_model::FormatVersion::V2019)] {
            let mut base = consistent();
            base.format = format;
            let values = base.numbers();
            for e in equations(format) {
                let mut all: Vec<usize> = e.left.iter().chain(&e.right).copied().collect();
                all.sort_unstable();
                all.dedup();
                assert_eq!(
                    all.len(),
                    e.left.len() + e.right.len(),
                    "a value twice: {e:?}"
                );
                let sum =
                    |side: &[usize]| -> f64 { side.iter().map(|&i| values[i].unwrap().0).sum() };
                assert_eq!(sum(&e.left), sum(&e.right), "{e:?}");
                for &i in e.left.iter().chain(&e.right) {
                    let mut r = base.clone();
                    let v = r.number_mut(i).unwrap();
                    *v = v.map(|n| Num(n.0 + 1.0));
                    assert!(
                        rules_of(&r).iter().any(|f| f.0 == e.rule),
                        "{} does not see value {i} of {e:?}",
                        e.rule
                    );
                }
            }
        }
    }

    #[test]
    fn operands_are_the_cells_of_the_broken_equation() {
        let mut r = consistent();
        r.applications.row_mut(24)[1] = Some(Num(5.0));
        r.applications.row_mut(24)[6] = Some(Num(6.0));
        r.review_litigation.review[4] = Some(Num(9.0));
        r.applications.row_mut(3)[2] = None;
        let values = r.values();
        let mut c3 = Finding::new("C3", Severity::Warning, Origin::Source, String::new());
        c3.table = Some("applications".into());
        c3.row = Some("partially_granted".into());
        let mut findings = validate(&r, Lang::En);
        findings.push(c3);
        let mut seen: Vec<(String, Vec<String>)> = findings
            .iter()
            .map(|f| {
                let cells = operands(&r, f)
                    .iter()
                    .map(|&i| values[i].0.clone())
                    .collect();
                (
                    format!("{}:{}", f.rule, f.column.as_deref().unwrap_or("")),
                    cells,
                )
            })
            .collect();
        seen.sort();
        let app = |k: &str, c: usize| format!("applications.{k}[{c}]");
        let rl: Vec<String> = (0..5)
            .map(|i| format!("review_litigation.review[{i}]"))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("C3:".into(), vec![app("partially_granted", 2)]),
                (
                    "R1:commercial".into(),
                    [
                        "new_received",
                        "carried_over",
                        "total_handled",
                        "carried_forward"
                    ]
                    .map(|k| app(k, 1))
                    .to_vec()
                ),
                (
                    "R1:total".into(),
                    [
                        "new_received",
                        "carried_over",
                        "total_handled",
                        "carried_forward"
                    ]
                    .map(|k| app(k, 6))
                    .to_vec()
                ),
                ("R4:total".into(), rl),
            ]
        );
    }
    #[test]
    fn a_consistent_report_passes_every_rule() {
        assert!(
            rules_of(&consistent()).is_empty(),
            "{:?}",
            rules_of(&consistent())
        );
    }
    #[test]
    fn rules_are_skipped_when_an_operand_is_null() {
        let mut r = consistent();
        r.applications.row_mut(24)[0] = None;
        r.applications.row_mut(23)[6] = Some(Num(99.0));
        let got = rules_of(&r);
        // R1 natural_person skipped (null); total column R1, R2, R3 on total_handled fire.
        assert!(
            got.iter().all(|f| f.2.as_deref() != Some("natural_person")),
            "{got:?}"
        );
        assert!(got.iter().any(|f| f.0 == "R3"));
    }
    #[test]
    fn every_rule_id_is_documented_once() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    /// docs/format.md's rule table is the rules' own documentation, row for row.
    #[test]
    fn the_format_documents_every_rule_as_its_file_does() {
        let doc = include_str!("../../../../docs/format.md");
        let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| ")).collect();
        for rule in RULES {
            let row = format!("| {} | {} | {} |", rule.id, rule.levels, rule.summary);
            assert!(rows.contains(&row.as_str()), "docs/format.md lacks: {row}");
            let word = rule.severity.as_str();
            assert!(rule.levels.contains(word), "{}: {word}", rule.id);
        }
        let documented = rows
            .iter()
            .filter(|l| {
                l.split('|').nth(1).map(str::trim).is_some_and(|id| {
                    id.len() <= 3
                        && id.starts_with(|c: char| c.is_ascii_uppercase())
                        && id[1..].bytes().all(|b| b.is_ascii_digit())
                        && id.len() > 1
                })
            })
            .count();
        assert_eq!(
            documented,
            RULES.len(),
            "a rule in docs/format.md that xxgk lacks"
        );
    }
}
