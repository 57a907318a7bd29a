//! K1 (info): a value a reviewer corrected (`xxgk serve`): as read, corrected, why and when.
//!
//! A correction is applied to a finished Report ([`correct`]): the value changes, the
//! correction is kept in `Report::corrections`, the arithmetic rules (those of
//! [`crate::validate`]) are checked again on the corrected values, and a K1 finding names each
//! correction, so no output shows a corrected value as if it had been read. Findings about
//! the source itself (a missing row, a cell xxgk had to align) stay: the file is unchanged.

use super::prelude::*;
use xxgk_model::Correction;

pub(crate) const RULE: Rule = Rule {
    id: "K1",
    severity: Severity::Info,
    origin: Origin::Source,
    levels: "info",
    summary: "a value a reviewer corrected (`xxgk serve`): the value read, the corrected one, why and when",
    summary_zh: "审核人员更正的数值（`xxgk serve`）：读取值、更正值、原因和时间",
};

/// The rules [`crate::validate`] checks, found again after a correction.
const ARITHMETIC: [&str; 7] = ["R1", "R2", "R3", "R4", "R5", "R10", "R11"];

/// Applies `corrections` (in order; one naming no known value is left out) to `report`: the
/// values change, each is kept with the value it replaced, the arithmetic is checked again,
/// and each gets its K1 finding.
pub fn correct(report: &mut Report, corrections: &[Correction], lang: Lang) {
    let codes = xxgk_model::codebook();
    let mut notes = Vec::new();
    for c in corrections {
        let Some(i) = codes.iter().position(|code| code.name == c.value) else {
            continue;
        };
        let Some(slot) = report.number_mut(i) else {
            continue;
        };
        let old = std::mem::replace(slot, c.new);
        let kept = Correction { old, ..c.clone() };
        notes.push(finding(&codes[i], &kept, lang));
        report.corrections.push(kept);
    }
    if notes.is_empty() {
        return;
    }
    report
        .findings
        .retain(|f| !ARITHMETIC.contains(&f.rule.as_str()));
    report.findings.extend(super::validate(report, lang));
    report.findings.extend(notes);
    // In the order `process` gives them: severity, then the rules' order.
    let order = |id: &str| super::RULES.iter().position(|r| r.id == id);
    report.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| order(&a.rule).cmp(&order(&b.rule)))
    });
}

fn finding(code: &xxgk_model::Code, c: &Correction, lang: Lang) -> Finding {
    let show = |v: Option<Num>| v.map_or_else(|| "—".to_string(), |n| n.to_string());
    let table = xxgk_model::catalogue::table_name(code.table, Lang::Zh);
    let column = code
        .column_label
        .map_or(String::new(), |l| format!("“{l}”列"));
    let f = Finding::new(
        "K1",
        Severity::Info,
        Origin::Source,
        t(
            lang,
            format!(
                "审核更正：{table}“{}”行{column}由{}改为{}（{}，{}）",
                code.row_label,
                show(c.old),
                show(c.new),
                c.reason,
                c.time
            ),
            format!(
                "corrected by a reviewer: {} from {} to {} ({}, {})",
                code.name,
                show(c.old),
                show(c.new),
                c.reason,
                c.time
            ),
        ),
    );
    let mut f = on_value(f, code);
    f.expected = c.old;
    f.found = c.new;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_changes_the_value_and_the_arithmetic_follows() {
        let mut r = Report::default();
        // Table 四, review: 1 + 0 + 0 + 0 printed as a total of 2 (R4).
        *r.review_litigation.group_mut(0) = [1.0, 0.0, 0.0, 0.0, 2.0].map(|v| Some(Num(v)));
        r.findings = super::super::validate(&r, Lang::Zh);
        assert!(r.findings.iter().any(|f| f.rule == "R4"));
        let fix = Correction {
            value: "review_litigation.review.total".into(),
            old: None,
            new: Some(Num(1.0)),
            reason: "原件为1".into(),
            time: "2026-12-02T14:30:00Z".into(),
        };
        let unknown = Correction {
            value: "no.such.value".into(),
            ..fix.clone()
        };
        correct(&mut r, &[fix, unknown], Lang::Zh);
        assert_eq!(r.review_litigation.group(0)[4], Some(Num(1.0)));
        assert!(
            !r.findings.iter().any(|f| f.rule == "R4"),
            "{:?}",
            r.findings
        );
        assert_eq!(r.corrections.len(), 1);
        assert_eq!(
            r.corrections[0].old,
            Some(Num(2.0)),
            "the value read is kept"
        );
        let k1: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "K1").collect();
        assert_eq!(k1.len(), 1);
        assert!(
            k1[0].message.contains("由2改为1（原件为1"),
            "{}",
            k1[0].message
        );
    }
}
