//! D1 (warning): across reports: two reports for the same agency and year.
//!
//! Checked across the reports of a batch (`cross.rs`); the copies get the batch status
//! `duplicate`.

use super::prelude::*;
use crate::cross::{Groups, Seen};

pub(crate) const RULE: Rule = Rule {
    id: "D1",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "across reports: two reports for the same agency and year",
    summary_zh: "同一机关同一年度有两份报告",
};

/// One finding per report of a group of one agency and year, naming a few of the others (a
/// crawl can hold a thousand copies of one report): the first in input order is kept.
pub(crate) fn cross(groups: &Groups<'_>, lang: Lang, out: &mut Vec<(String, Finding)>) {
    for ((_, year), keys) in groups {
        if keys.len() < 2 {
            continue;
        }
        let agency = &keys[0].agency;
        for (i, key) in keys.iter().enumerate() {
            let f = Finding::new(
                "D1",
                Severity::Warning,
                Origin::Source,
                message(lang, agency, *year, keys, i),
            );
            out.push((key.file.clone(), f));
        }
    }
}

/// D1's message for the `i`th of the reports `keys` of one agency and year: the first (kept)
/// names its copies, a copy names the one kept and the other copies, up to three of each.
fn message(lang: Lang, agency: &str, year: i32, keys: &[&Seen], i: usize) -> String {
    let others: Vec<&str> = keys
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, k)| k.file.as_str())
        .collect();
    // A copy names the one kept, then the other copies.
    let others: Vec<&str> = match i {
        0 => others,
        _ => others.into_iter().skip(1).collect(),
    };
    let shown = others[..others.len().min(3)].join("；");
    let more = others.len().saturating_sub(3);
    let (zh_more, en_more) = if more > 0 {
        (format!("等{}份", others.len()), format!(" and {more} more"))
    } else {
        (String::new(), String::new())
    };
    t(
        lang,
        match i {
            0 => format!(
                "{agency}{year}年度报告重复：保留本份（输入顺序的第一份）；\
                 副本 {shown}{zh_more}"
            ),
            _ if others.is_empty() => format!(
                "{agency}{year}年度报告重复：本份是副本，保留 {}（输入顺序的第一份）",
                keys[0].file
            ),
            _ => format!(
                "{agency}{year}年度报告重复：本份是副本，保留 {}（输入顺序的第一份）；\
                 其他副本 {shown}{zh_more}",
                keys[0].file
            ),
        },
        match i {
            0 => format!(
                "duplicate reports for {agency} {year}: this copy is kept (the \
                 first in input order); copies: {}{en_more}",
                others[..others.len().min(3)].join("; ")
            ),
            _ if others.is_empty() => format!(
                "duplicate reports for {agency} {year}: this is a copy; the one \
                 kept is {} (the first in input order)",
                keys[0].file
            ),
            _ => format!(
                "duplicate reports for {agency} {year}: this is a copy; the one \
                 kept is {} (the first in input order); other copies: {}{en_more}",
                keys[0].file,
                others[..others.len().min(3)].join("; ")
            ),
        },
    )
}
