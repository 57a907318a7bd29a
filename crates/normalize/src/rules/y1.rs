//! Y1 (error): the years of the title, the statistical period and the file name disagree.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "Y1",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "the years of the title, the statistical period and the file name disagree",
    summary_zh: "标题、统计期限和文件名中的年度不一致",
};

/// Compares the years of the title, the statistical period and the file name, where known.
pub(crate) fn check(
    report: &Report,
    period_year: Option<i32>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let named = [
        ("标题", "title", report.metadata.title_year),
        ("统计期限", "statistical period", period_year),
        ("文件名", "file name", report.metadata.file_year),
    ];
    let known: Vec<_> = named.iter().filter(|(_, _, y)| y.is_some()).collect();
    if known.windows(2).any(|w| w[0].2 != w[1].2) {
        let zh: Vec<String> = known
            .iter()
            .map(|(z, _, y)| format!("{z}{}年", y.unwrap_or(0)))
            .collect();
        let en: Vec<String> = known
            .iter()
            .map(|(_, e, y)| format!("{e} {}", y.unwrap_or(0)))
            .collect();
        findings.push(Finding::new(
            "Y1",
            Severity::Error,
            Origin::Source,
            t(
                lang,
                format!("年份不一致：{}", zh.join("，")),
                format!("years disagree: {}", en.join(", ")),
            ),
        ));
    }
}
