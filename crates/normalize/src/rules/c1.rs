//! C1 (error): one of the six sections is missing (info for bare spreadsheets).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "C1",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "one of the six sections is missing (info for bare spreadsheets)",
    summary_zh: "缺少六个部分之一",
};

/// The six sections' names, for the message.
pub(super) const SECTION_NAMES: [(&str, &str); 6] = [
    ("总体情况", "overview"),
    ("主动公开政府信息情况", "active disclosure"),
    (
        "收到和处理政府信息公开申请情况",
        "requests received and handled",
    ),
    (
        "政府信息公开行政复议、行政诉讼情况",
        "administrative review and litigation",
    ),
    ("存在的主要问题及改进情况", "problems and improvements"),
    ("其他需要报告的事项", "other matters"),
];

/// A finding for each section not found; info where the source has no prose at all (a bare
/// spreadsheet of the tables).
pub(super) fn check(r: &Read<'_>, findings: &mut Vec<Finding>) {
    for n in 1..=6u8 {
        if r.report.sections.iter().any(|s| s.number == n) {
            continue;
        }
        let (zh, en) = SECTION_NAMES[n as usize - 1];
        let severity = if r.has_prose {
            Severity::Error
        } else {
            Severity::Info
        };
        findings.push(Finding::new(
            "C1",
            severity,
            Origin::Source,
            t(
                r.lang,
                format!("缺少第{}部分「{}」", zh_numeral(n), zh),
                format!("section {n} ({en}) is missing"),
            ),
        ));
    }
}
