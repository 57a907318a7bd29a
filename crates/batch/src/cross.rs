//! Cross-report checks over a batch: R8 (carried over in year N equals carried forward in year
//! N-1, per column, same agency) and D1 (two reports for the same agency and year). Keeps only
//! a few numbers per report, so memory stays small.

use std::collections::BTreeMap;
use xxgk::model::{Finding, Lang, Num, Origin, Report, Severity, APP_COLUMNS, APP_COLUMN_LABELS};

struct Key {
    file: String,
    carried_over: [Option<Num>; 7],
    carried_forward: [Option<Num>; 7],
}

#[derive(Default)]
pub(crate) struct Cross {
    by_agency: BTreeMap<(String, i32), Vec<Key>>,
}

fn t(lang: Lang, zh: String, en: String) -> String {
    if lang == Lang::En {
        en
    } else {
        zh
    }
}

impl Cross {
    pub(crate) fn add(&mut self, file: &str, r: &Report) {
        let (Some(agency), Some(year)) = (&r.agency, r.year) else {
            return;
        };
        let row = |k: &str| r.applications.get(k).copied().unwrap_or([None; 7]);
        self.by_agency
            .entry((agency.clone(), year))
            .or_default()
            .push(Key {
                file: file.to_string(),
                carried_over: row("carried_over"),
                carried_forward: row("carried_forward"),
            });
    }

    /// The copies: every report of an agency and year but the first in input order (D1 names
    /// the one kept).
    pub(crate) fn copies(&self) -> Vec<String> {
        self.by_agency
            .values()
            .flat_map(|keys| keys.iter().skip(1).map(|k| k.file.clone()))
            .collect()
    }

    /// The findings, each with the file it is reported on.
    pub(crate) fn findings(&self, lang: Lang) -> Vec<(String, Finding)> {
        let mut out = Vec::new();
        for ((agency, year), keys) in &self.by_agency {
            if keys.len() > 1 {
                // One finding per file of the group, naming a few of the others: a crawl can
                // hold a thousand copies of one report.
                for (i, key) in keys.iter().enumerate() {
                    let f = Finding::new(
                        "D1",
                        Severity::Warning,
                        Origin::Source,
                        // The copy to keep is the first in input order; the others say so.
                        duplicate_message(lang, agency, *year, keys, i),
                    );
                    out.push((key.file.clone(), f));
                }
            }
            let Some(prev) = self.by_agency.get(&(agency.clone(), year - 1)) else {
                continue;
            };
            let (now, before) = (&keys[0], &prev[0]);
            for c in 0..7 {
                let (Some(a), Some(b)) = (now.carried_over[c], before.carried_forward[c]) else {
                    continue;
                };
                if a != b {
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
        out
    }
}

/// D1's message for the `i`th of the reports `keys` of one agency and year: the first (kept)
/// names its copies, a copy names the one kept and the other copies, up to three of each.
fn duplicate_message(lang: Lang, agency: &str, year: i32, keys: &[Key], i: usize) -> String {
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
