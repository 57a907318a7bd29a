//! R8 (warning): across reports: an agency's `carried_over` of year N equals its `carried_forward` of year N−1, column by column (batch and check over several files).
//!
//! Checked across the reports of a batch (`cross.rs`), on the agency key.

use super::prelude::*;
use crate::cross::Groups;

pub(crate) const RULE: Rule = Rule {
    id: "R8",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "across reports: an agency's `carried_over` of year N equals its `carried_forward` of year N−1, column by column (batch and check over several files)",
    summary_zh: "本年上年结转＝上一年度报告结转下年度（同一机关，逐列）",
};

/// For each agency with reports of consecutive years, the first of each: carried over in year
/// N against carried forward in year N−1, column by column.
pub(crate) fn cross(groups: &Groups<'_>, lang: Lang, out: &mut Vec<(String, Finding)>) {
    use xxgk_model::layout::APP_OFFSET;
    for ((key, year), reports) in groups {
        let Some(prev) = groups.get(&(key.clone(), year - 1)) else {
            continue;
        };
        let (now, before) = (reports[0], prev[0]);
        let agency = &now.agency;
        for c in 0..7 {
            let (a, b) = (
                now.values[APP_OFFSET + 7 + c],
                before.values[APP_OFFSET + 24 * 7 + c],
            );
            if a.is_nan() || b.is_nan() || a == b {
                continue;
            }
            let (a, b) = (Num(a), Num(b));
            let mut f = Finding::new(
                "R8",
                Severity::Warning,
                Origin::Source,
                t(
                    lang,
                    format!(
                        "{agency}：{year}年「上年结转」{}列为{a}（{}），{}年「结转下年度继续办理」为{b}（{}）",
                        APP_COLUMN_LABELS[c], now.file, year - 1, before.file
                    ),
                    format!(
                        "{agency}: carried_over[{}] of {year} is {a} ({}), carried_forward of {} is {b} ({})",
                        APP_COLUMNS[c], now.file, year - 1, before.file
                    ),
                ),
            );
            f.table = Some("applications".into());
            f.row = Some("carried_over".into());
            f.column = Some(APP_COLUMNS[c].into());
            f.column_label = Some(APP_COLUMN_LABELS[c].into());
            f.expected = Some(b);
            f.found = Some(a);
            out.push((now.file.clone(), f));
        }
    }
}
