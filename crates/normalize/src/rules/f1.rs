//! F1 (error): a report on 2021 or later uses the 2019 format.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "F1",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "a report on 2021 or later uses the 2019 format",
    summary_zh: "2021年及以后的报告仍使用2019年格式（未按新格式）",
};

pub(super) fn check(r: &Read<'_>, findings: &mut Vec<Finding>) {
    if let (Some(year), Some(FormatVersion::V2019)) = (r.report.year, r.report.format) {
        if year >= 2021 {
            findings.push(Finding::new(
                "F1",
                Severity::Error,
                Origin::Source,
                t(
                    r.lang,
                    format!(
                        "{year}年度报告仍使用2019年试行格式（未按国办公开办函〔2021〕30号新格式）"
                    ),
                    format!(
                        "a {year} report uses the 2019 trial format instead of the 2021 format"
                    ),
                ),
            ));
        }
    }
}
