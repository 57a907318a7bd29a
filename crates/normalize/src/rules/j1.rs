//! J1 (info): across reports: a value that changed more than fivefold, or to under a fifth, from the same agency's report of the year before (both at least 10).
//!
//! Checked across the reports of a batch (`cross.rs`), on the agency key. Both values must be
//! at least [`FLOOR`], so that small counts (0 → 2, 3 → 20) raise nothing: a jump is a fact
//! for a reviewer to confirm (a misprint, a unit in 元 for 万元, a merged agency), not an error.

use super::prelude::*;
use crate::cross::Groups;

pub(crate) const RULE: Rule = Rule {
    id: "J1",
    severity: Severity::Info,
    origin: Origin::Source,
    levels: "info",
    summary: "across reports: a value that changed more than fivefold, or to under a fifth, from the same agency's report of the year before (both at least 10)",
    summary_zh: "同一机关相邻两年同一数值变化超过5倍或不足五分之一（两年均不少于10）",
};

/// Both values of a jump are at least this.
pub(crate) const FLOOR: f64 = 10.0;
/// A jump: one value over this many times the other.
pub(crate) const FACTOR: f64 = 5.0;

/// For each agency with reports of consecutive years, the first of each: every table value.
pub(crate) fn cross(groups: &Groups<'_>, lang: Lang, out: &mut Vec<(String, Finding)>) {
    for ((key, year), reports) in groups {
        let Some(prev) = groups.get(&(key.clone(), year - 1)) else {
            continue;
        };
        let (now, before) = (reports[0], prev[0]);
        let codes = xxgk_model::codebook();
        for (code, (&a, &b)) in codes.iter().zip(now.values.iter().zip(&before.values)) {
            if !(a >= FLOOR && b >= FLOOR) || (a <= b * FACTOR && a * FACTOR >= b) {
                continue;
            }
            let (up, (na, nb)) = (a > b, (Num(a), Num(b)));
            let table = xxgk_model::catalogue::table_name(code.table, Lang::Zh);
            let column = code
                .column_label
                .map_or(String::new(), |l| format!("“{l}”"));
            let f = Finding::new(
                "J1",
                Severity::Info,
                Origin::Source,
                t(
                    lang,
                    format!(
                        "{}：{table}“{}”{column}由{}年的{nb}（{}）变为{year}年的{na}（{}），{}",
                        now.agency,
                        code.row_label,
                        year - 1,
                        before.file,
                        now.file,
                        if up {
                            "增加超过5倍"
                        } else {
                            "减少到不足五分之一"
                        }
                    ),
                    format!(
                        "{}: {} went from {nb} in {} ({}) to {na} in {year} ({}), {}",
                        now.agency,
                        code.name,
                        year - 1,
                        before.file,
                        now.file,
                        if up {
                            "more than fivefold"
                        } else {
                            "to under a fifth"
                        }
                    ),
                ),
            );
            let mut f = on_value(f, code);
            f.expected = Some(nb);
            f.found = Some(na);
            out.push((now.file.clone(), f));
        }
    }
}
