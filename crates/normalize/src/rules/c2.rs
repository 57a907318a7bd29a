//! C2 (error): a statutory table is missing, empty, or not machine-readable (an image).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "C2",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "a statutory table is missing, empty, or not machine-readable (an image)",
    summary_zh: "法定表格缺失或无法机读",
};

fn active_empty(report: &Report) -> bool {
    let a = &report.active;
    [a.rules, a.normative_documents]
        .iter()
        .all(|t| t.issued.is_none() && t.repealed.is_none() && t.in_force.is_none())
        && a.licensing.is_none()
        && a.punishment.is_none()
        && a.enforcement.is_none()
        && a.fees.is_none()
}

/// A finding for each statutory table with no value: empty (its labels are there), missing
/// where the document has images (they are not machine-readable), or missing.
pub(super) fn check(r: &Read<'_>, findings: &mut Vec<Finding>) {
    let report = r.report;
    let tables: [(&str, &str, &str, bool); 3] = [
        (
            "active",
            "表二（主动公开）",
            "table 2 (active disclosure)",
            active_empty(report),
        ),
        (
            "applications",
            "表三（收到和处理申请）",
            "table 3 (requests)",
            report.applications.is_empty(),
        ),
        (
            "review_litigation",
            "表四（行政复议、行政诉讼）",
            "table 4 (review and litigation)",
            (0..3).all(|g| {
                report
                    .review_litigation
                    .group(g)
                    .iter()
                    .all(Option::is_none)
            }),
        ),
    ];
    for (key, zh, en, empty) in tables {
        if !empty {
            continue;
        }
        // A table whose labels are there but whose value cells are all blank (a template not
        // filled in) is empty, not missing.
        let printed = match key {
            "active" => ["行政规范性文件", "本年制发件数"],
            "applications" => [
                "本年新收政府信息公开申请数量",
                "上年结转政府信息公开申请数量",
            ],
            _ => ["未经复议直接起诉", "复议后起诉"],
        };
        let has_labels = r.items.iter().any(|i| match i {
            Item::Row { folded, .. } => {
                folded.iter().any(|f| printed.iter().any(|p| f.contains(p)))
            }
            _ => false,
        });
        let (zh_msg, en_msg) = if has_labels {
            (
                format!("{zh}为空：表格在，但没有填写任何数值"),
                format!("{en} is empty: the table is there, but no value is filled in"),
            )
        } else if r.has_images {
            (
                format!("{zh}缺失：文档中的表格可能是图片，无法机读"),
                format!("{en} is missing: the document has images where tables may be; they are not machine-readable"),
            )
        } else {
            (format!("缺少{zh}"), format!("{en} is missing"))
        };
        let mut f = Finding::new(
            "C2",
            Severity::Error,
            Origin::Source,
            t(r.lang, zh_msg, en_msg),
        );
        f.table = Some(key.to_string());
        findings.push(f);
    }
}
