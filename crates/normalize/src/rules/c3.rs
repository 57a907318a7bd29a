//! C3 (error / warning): a table row is missing (error); a row shows fewer values than it has columns (warning).
//!
//! Raised on a finished table (table 三 rows missing, table 四 values blank), and made of the
//! table reader's note of a row read with fewer values than columns.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "C3",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error / warning",
    summary:
        "a table row is missing (error); a row shows fewer values than it has columns (warning)",
    summary_zh: "表格缺行，或某行数值少于列数",
};

/// Table 三 rows missing (error, placed at the last row read), table 四 values blank (warning).
pub(super) fn check(r: &Read<'_>, findings: &mut Vec<Finding>) {
    let (report, lang) = (r.report, r.lang);
    if !report.applications.is_empty() {
        let missing: Vec<usize> = (0..APP_ROWS.len())
            .filter(|&i| report.applications.row(i).iter().all(Option::is_none))
            .filter(|&i| !(report.format == Some(FormatVersion::V2019) && (i == 20 || i == 21)))
            .filter(|&i| {
                !report
                    .provenance
                    .contains_key(&format!("applications.{}[0]", APP_ROWS[i]))
            })
            .collect();
        if !missing.is_empty() {
            let labels: Vec<&str> = missing.iter().map(|&i| APP_ROW_LABELS[i]).collect();
            let keys: Vec<&str> = missing.iter().map(|&i| APP_ROWS[i]).collect();
            let mut f = Finding::new(
                "C3",
                Severity::Error,
                Origin::Source,
                t(
                    lang,
                    format!("表三不完整，缺少{}行：{}", missing.len(), labels.join("；")),
                    format!(
                        "table 3 is incomplete: {} rows missing: {}",
                        missing.len(),
                        keys.join(", ")
                    ),
                ),
            );
            // The place is the table's last row read (the missing ones belong after it, or
            // around it), not one of the missing rows: a finding about many rows names none.
            f.table = Some("applications".into());
            f.source = (0..APP_ROWS.len()).rev().find_map(|i| {
                (0..7).find_map(|c| {
                    report
                        .provenance
                        .get(&format!("applications.{}[{c}]", APP_ROWS[i]))
                        .map(|p| p.source.clone())
                })
            });
            findings.push(f);
        }
    }
    let rl = &report.review_litigation;
    // A recognised cell that shows something it could not read is no blank of the source's:
    // X2 says it was not read.
    let unread = |g: usize, k: usize| {
        report
            .provenance
            .get(&grid_path("review_litigation", RL_GROUPS[g], k))
            .is_some_and(|p| p.recognised.is_some() && !p.text.trim().is_empty())
    };
    let null: Vec<(usize, usize)> = (0..3)
        .flat_map(|g| (0..5).map(move |k| (g, k)))
        .filter(|&(g, k)| rl.group(g)[k].is_none())
        .collect();
    let blank: Vec<(usize, usize)> = null
        .iter()
        .copied()
        .filter(|&(g, k)| !unread(g, k))
        .collect();
    if !blank.is_empty() && null.len() < 15 {
        let names = |groups: &[&str], columns: &[&str], form: fn(&str, &str) -> String| {
            blank
                .iter()
                .map(|&(g, k)| form(groups[g], columns[k]))
                .collect::<Vec<String>>()
        };
        let zh = names(&RL_GROUP_LABELS, &RL_COLUMN_LABELS, |g, c| {
            format!("{g}“{c}”")
        });
        let en = names(&RL_GROUPS, &RL_COLUMNS, |g, c| format!("{g}[{c}]"));
        let mut f = Finding::new(
            "C3",
            Severity::Warning,
            Origin::Source,
            t(
                lang,
                format!("表四有{}个数值空缺：{}", blank.len(), zh.join("、")),
                format!(
                    "table 4 shows {} blank values: {}",
                    blank.len(),
                    en.join(", ")
                ),
            ),
        );
        f.table = Some("review_litigation".into());
        let (g, k) = blank[0];
        f.row = Some(RL_GROUPS[g].into());
        f.source = report
            .provenance
            .get(&grid_path("review_litigation", RL_GROUPS[g], k))
            .map(|p| p.source.clone());
        findings.push(f);
    }
}

/// A table 三 row that shows fewer values than its columns (the table reader's note): a
/// warning naming the blank columns.
pub(super) fn short_row(note: &Note, lang: Lang) -> Option<Finding> {
    let Note::ShortRow {
        row,
        shown,
        expected,
        blank,
        source,
    } = note
    else {
        return None;
    };
    let (r, key) = (*row, APP_ROWS[*row]);
    let names = |of: &[&str; 7], sep: &str| {
        let names: Vec<&str> = blank.iter().map(|&k| of[k]).collect();
        names.join(sep)
    };
    let mut f = Finding::new(
        "C3",
        Severity::Warning,
        Origin::Source,
        t(
            lang,
            format!(
                "表三「{}」行只显示{}个数值（应为{}个），空缺：{}",
                APP_ROW_LABELS[r],
                shown,
                expected,
                names(&APP_COLUMN_LABELS, "、")
            ),
            format!(
                "table 3 row {key} shows {shown} values of {expected}; blank: {}",
                names(&APP_COLUMNS, ", ")
            ),
        ),
    );
    f.table = Some("applications".into());
    f.row = Some(key.into());
    f.row_label = Some(APP_ROW_LABELS[r].into());
    f.source = source.clone();
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::{grid_path, Provenance, SourceRef};

    #[test]
    fn a_recognised_table_four_cell_left_unread_is_no_blank() {
        let mut r = consistent();
        r.review_litigation.review[0] = None;
        r.review_litigation.review[2] = None;
        let cell = |text: &str| Provenance {
            text: text.into(),
            source: SourceRef::Paragraph { paragraph: 1 },
            inferred: false,
            recognised: Some(0.3),
        };
        let path = |k| grid_path("review_litigation", "review", k);
        r.provenance.insert(path(0), cell("4\u{FFFD}"));
        r.provenance.insert(path(2), cell(""));
        let mut c3 = Vec::new();
        super::super::completeness(&[], Lang::En, &r, &mut c3);
        c3.retain(|f| f.rule == "C3");
        assert_eq!(c3.len(), 1, "{c3:?}");
        assert!(
            c3[0].message.contains("1 blank values: review[other]"),
            "{}",
            c3[0].message
        );
    }
}
