//! The validator: every arithmetic rule of format.md §4, each with a stable id, as findings.
//! A rule is skipped (not failed) when any operand is null.

use crate::msg::t;
use crate::tables::APP_ROW_LABELS;
use xxgk_model::{
    Finding, FormatVersion, Lang, Num, Origin, Report, Severity, APP_COLUMNS, APP_COLUMN_LABELS,
    APP_ROWS, RL_COLUMNS, RL_COLUMN_LABELS, RL_GROUPS,
};

/// One documented rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// What it checks.
    pub summary: &'static str,
}

/// Every rule xxgk reports, in report order. Ids R1–R10, C1–C3, Y1, F1, S1 are format.md §4;
/// R11, D1, U1, X1, X2 are xxgk's own. R8 and D1 are checked across the reports of a batch.
pub const RULES: [Rule; 18] = [
    Rule {
        id: "R1",
        severity: Severity::Error,
        summary: "table 三, per column: new + carried over = total handled + carried forward",
    },
    Rule {
        id: "R2",
        severity: Severity::Error,
        summary: "table 三, per column: （七）总计 = sum of the result rows",
    },
    Rule {
        id: "R3",
        severity: Severity::Error,
        summary: "table 三, per row: 总计 = sum of the six applicant columns",
    },
    Rule {
        id: "R4",
        severity: Severity::Error,
        summary: "table 四, per group: 总计 = upheld + corrected + other + pending",
    },
    Rule {
        id: "R5",
        severity: Severity::Error,
        summary: "counts are integers >= 0; fees a number >= 0",
    },
    Rule {
        id: "R10",
        severity: Severity::Warning,
        summary: "the request count stated in section 一 equals table 三",
    },
    Rule {
        id: "R8",
        severity: Severity::Warning,
        summary:
            "batch: carried over in year N = carried forward in year N-1, same agency, per column",
    },
    Rule {
        id: "D1",
        severity: Severity::Warning,
        summary: "batch: two reports for the same agency and year",
    },
    Rule {
        id: "R11",
        severity: Severity::Error,
        summary:
            "table 三 extra column: 法人或其他组织 小计 = sum of the five organisation columns",
    },
    Rule {
        id: "C1",
        severity: Severity::Error,
        summary: "a section of the six is missing (info for spreadsheet-only sources)",
    },
    Rule {
        id: "C2",
        severity: Severity::Error,
        summary: "a statutory table is missing or not machine-readable",
    },
    Rule {
        id: "C3",
        severity: Severity::Error,
        summary: "a table row is missing (error), or shows fewer values than columns (warning)",
    },
    Rule {
        id: "Y1",
        severity: Severity::Error,
        summary: "the years of title, statistical period and file name disagree",
    },
    Rule {
        id: "F1",
        severity: Severity::Error,
        summary: "a report for 2021 or later uses the 2019 format",
    },
    Rule {
        id: "S1",
        severity: Severity::Warning,
        summary: "section numbering wrong, out of order or repeated",
    },
    Rule {
        id: "U1",
        severity: Severity::Warning,
        summary: "a unit suffix contradicts the column unit (元 in the 万元 column)",
    },
    Rule {
        id: "X1",
        severity: Severity::Info,
        summary: "extraction: content the reader skipped or could not read with certainty",
    },
    Rule {
        id: "X2",
        severity: Severity::Warning,
        summary: "extraction: a table row whose cells had to be aligned or could not be placed",
    },
];

struct Checker<'a> {
    report: &'a Report,
    lang: Lang,
    out: Vec<Finding>,
}

/// Checks a Report against the arithmetic and domain rules; returns the violations.
pub fn validate(report: &Report, lang: Lang) -> Vec<Finding> {
    let mut c = Checker {
        report,
        lang,
        out: Vec::new(),
    };
    c.r1();
    c.r2();
    c.r3();
    c.r4();
    c.r5();
    c.r10();
    c.r11();
    c.out
}

fn fmt(n: f64) -> String {
    Num(n).to_string()
}

impl Checker<'_> {
    fn app(&self, row: usize, col: usize) -> Option<f64> {
        self.report.applications.row(row)[col].map(|n| n.0)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &str,
        table: &str,
        row: Option<(&str, &str)>,
        column: Option<(&str, &str)>,
        path: Option<String>,
        expected: Option<f64>,
        found: Option<f64>,
        zh: String,
        en: String,
    ) {
        let severity = RULES
            .iter()
            .find(|r| r.id == rule)
            .map_or(Severity::Error, |r| r.severity);
        let mut f = Finding::new(rule, severity, Origin::Source, t(self.lang, zh, en));
        f.table = Some(table.to_string());
        if let Some((k, l)) = row {
            f.row = Some(k.to_string());
            f.row_label = Some(l.to_string());
        }
        if let Some((k, l)) = column {
            f.column = Some(k.to_string());
            f.column_label = Some(l.to_string());
        }
        f.source = path
            .and_then(|p| self.report.provenance.get(&p))
            .map(|p| p.source.clone());
        f.expected = expected.map(Num);
        f.found = found.map(Num);
        self.out.push(f);
    }

    /// R1: new + carried over = total handled + carried forward, per column.
    fn r1(&mut self) {
        for c in 0..7 {
            let (Some(a), Some(b), Some(h), Some(f)) = (
                self.app(0, c),
                self.app(1, c),
                self.app(23, c),
                self.app(24, c),
            ) else {
                continue;
            };
            if a + b != h + f {
                self.push(
                    "R1",
                    "applications",
                    None,
                    Some((APP_COLUMNS[c], APP_COLUMN_LABELS[c])),
                    Some(format!("applications.carried_forward[{c}]")),
                    Some(a + b),
                    Some(h + f),
                    format!("「{}」列：本年新收{}＋上年结转{}＝{}，而办理结果总计{}＋结转下年度{}＝{}", APP_COLUMN_LABELS[c], fmt(a), fmt(b), fmt(a + b), fmt(h), fmt(f), fmt(h + f)),
                    format!("column {}: new {} + carried over {} = {}, but total handled {} + carried forward {} = {}", APP_COLUMNS[c], fmt(a), fmt(b), fmt(a + b), fmt(h), fmt(f), fmt(h + f)),
                );
            }
        }
    }

    /// R2: （七）总计 = sum of the result rows, per column.
    fn r2(&mut self) {
        let old = self.report.format == Some(FormatVersion::V2019);
        for c in 0..7 {
            let rows: Vec<usize> = (2..23)
                .filter(|&r| !(old && (r == 20 || r == 21)))
                .collect();
            let parts: Option<Vec<f64>> = rows.iter().map(|&r| self.app(r, c)).collect();
            let (Some(parts), Some(total)) = (parts, self.app(23, c)) else {
                continue;
            };
            let sum: f64 = parts.iter().sum();
            if sum != total {
                self.push(
                    "R2",
                    "applications",
                    Some(("total_handled", APP_ROW_LABELS[23])),
                    Some((APP_COLUMNS[c], APP_COLUMN_LABELS[c])),
                    Some(format!("applications.total_handled[{c}]")),
                    Some(sum),
                    Some(total),
                    format!(
                        "「{}」列：（七）总计为{}，各办理结果之和为{}",
                        APP_COLUMN_LABELS[c],
                        fmt(total),
                        fmt(sum)
                    ),
                    format!(
                        "column {}: （七）总计 says {}; the result rows sum to {}",
                        APP_COLUMNS[c],
                        fmt(total),
                        fmt(sum)
                    ),
                );
            }
        }
    }

    /// R3: the 总计 column = sum of the six applicant columns, per row.
    fn r3(&mut self) {
        for (r, key) in APP_ROWS.iter().enumerate() {
            let parts: Option<Vec<f64>> = (0..6).map(|c| self.app(r, c)).collect();
            let (Some(parts), Some(total)) = (parts, self.app(r, 6)) else {
                continue;
            };
            let sum: f64 = parts.iter().sum();
            if sum != total {
                self.push(
                    "R3",
                    "applications",
                    Some((key, APP_ROW_LABELS[r])),
                    Some(("total", "总计")),
                    Some(format!("applications.{key}[6]")),
                    Some(sum),
                    Some(total),
                    format!(
                        "「{}」行：总计为{}，六类申请人之和为{}",
                        APP_ROW_LABELS[r],
                        fmt(total),
                        fmt(sum)
                    ),
                    format!(
                        "row {key}: 总计 says {}; the six applicant columns sum to {}",
                        fmt(total),
                        fmt(sum)
                    ),
                );
            }
        }
    }

    /// R4: table 四 group totals.
    fn r4(&mut self) {
        const GROUP_LABELS: [&str; 3] = [
            "行政复议",
            "行政诉讼（未经复议直接起诉）",
            "行政诉讼（复议后起诉）",
        ];
        for g in 0..3 {
            let v = self.report.review_litigation.group(g);
            let parts: Option<Vec<f64>> = v[..4].iter().map(|x| x.map(|n| n.0)).collect();
            let (Some(parts), Some(total)) = (parts, v[4].map(|n| n.0)) else {
                continue;
            };
            let sum: f64 = parts.iter().sum();
            if sum != total {
                self.push(
                    "R4",
                    "review_litigation",
                    Some((RL_GROUPS[g], GROUP_LABELS[g])),
                    Some(("total", "总计")),
                    Some(format!("review_litigation.{}[4]", RL_GROUPS[g])),
                    Some(sum),
                    Some(total),
                    format!(
                        "表四「{}」：总计为{}，维持、纠正、其他、尚未审结之和为{}",
                        GROUP_LABELS[g],
                        fmt(total),
                        fmt(sum)
                    ),
                    format!(
                        "table 四 {}: 总计 says {}; upheld + corrected + other + pending = {}",
                        RL_GROUPS[g],
                        fmt(total),
                        fmt(sum)
                    ),
                );
            }
        }
    }

    /// R5: counts are integers >= 0, fees a number >= 0.
    fn r5(&mut self) {
        let values = self.report.values();
        for (path, v) in values {
            let Some(Num(n)) = v else { continue };
            let is_fees = path == "active.fees";
            let bad = n < 0.0 || (!is_fees && n.fract() != 0.0);
            if !bad {
                continue;
            }
            let (table, rest) = path.split_once('.').unwrap_or(("", path.as_str()));
            let (row, column) = match rest.split_once('[') {
                Some((r, c)) => {
                    let idx: usize = c.trim_end_matches(']').parse().unwrap_or(0);
                    let col = if table == "applications" {
                        APP_COLUMNS.get(idx)
                    } else {
                        RL_COLUMNS.get(idx)
                    };
                    let label = if table == "applications" {
                        APP_COLUMN_LABELS.get(idx)
                    } else {
                        RL_COLUMN_LABELS.get(idx)
                    };
                    (r.to_string(), col.copied().zip(label.copied()))
                }
                None => (rest.to_string(), None),
            };
            let what = if is_fees { "非负数" } else { "非负整数" };
            let what_en = if is_fees {
                "a number >= 0"
            } else {
                "an integer >= 0"
            };
            self.push(
                "R5",
                table,
                Some((row.as_str(), "")),
                column,
                Some(path.clone()),
                None,
                Some(n),
                format!("{path} 的值为{}，应为{what}", fmt(n)),
                format!("{path} is {}; it must be {what_en}", fmt(n)),
            );
            if let Some(f) = self.out.last_mut() {
                f.row_label = None;
            }
        }
    }

    /// R10: the request count stated in section 一 equals table 三 (warning).
    fn r10(&mut self) {
        let Some(prose) = self.report.metadata.prose_new_requests.map(|n| n.0) else {
            return;
        };
        let Some(new) = self.app(0, 6) else { return };
        let with_carried = self.app(1, 6).map(|b| new + b);
        if prose == new || Some(prose) == with_carried {
            return;
        }
        self.push(
            "R10",
            "applications",
            Some(("new_received", APP_ROW_LABELS[0])),
            Some(("total", "总计")),
            Some("applications.new_received[6]".into()),
            Some(new),
            Some(prose),
            format!(
                "正文第一部分称收到申请{}件，表三本年新收总计为{}件",
                fmt(prose),
                fmt(new)
            ),
            format!(
                "section 一 states {} requests; table 三 new_received total is {}",
                fmt(prose),
                fmt(new)
            ),
        );
        if let (Some(f), Some(src)) = (
            self.out.last_mut(),
            &self.report.metadata.prose_new_requests_source,
        ) {
            f.source = Some(src.clone());
        }
    }

    /// R11: the extra 小计 column = sum of the five organisation columns.
    fn r11(&mut self) {
        let subtotals: Vec<(String, f64)> = self
            .report
            .metadata
            .org_subtotals
            .iter()
            .filter_map(|(k, v)| v.map(|n| (k.clone(), n.0)))
            .collect();
        for (key, sub) in subtotals {
            let Some(r) = APP_ROWS.iter().position(|k| *k == key) else {
                continue;
            };
            let parts: Option<Vec<f64>> = (1..6).map(|c| self.app(r, c)).collect();
            let Some(parts) = parts else { continue };
            let sum: f64 = parts.iter().sum();
            if sum != sub {
                self.push(
                    "R11",
                    "applications",
                    Some((APP_ROWS[r], APP_ROW_LABELS[r])),
                    Some(("org_subtotal", "法人或其他组织小计")),
                    Some(format!("applications.{key}.org_subtotal")),
                    Some(sum),
                    Some(sub),
                    format!(
                        "「{}」行：法人或其他组织小计为{}，五类组织之和为{}",
                        APP_ROW_LABELS[r],
                        fmt(sub),
                        fmt(sum)
                    ),
                    format!(
                        "row {key}: 小计 says {}; the five organisation columns sum to {}",
                        fmt(sub),
                        fmt(sum)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::Num;

    /// A finding as (rule, row, column, expected, found).
    type Seen = (
        String,
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<f64>,
    );

    /// A consistent report: 3 new, 1 carried over, 2 granted + 1 not held, 1 carried forward.
    fn consistent() -> Report {
        let mut r = Report::default();
        let set = |r: &mut Report, row: usize, v: [f64; 7]| {
            *r.applications.row_mut(row) = v.map(|x| Some(Num(x)));
        };
        for row in 0..25 {
            set(&mut r, row, [0.0; 7]);
        }
        set(&mut r, 0, [2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 3.0]);
        set(&mut r, 1, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        set(&mut r, 2, [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 2.0]);
        set(&mut r, 12, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        set(&mut r, 23, [2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 3.0]);
        set(&mut r, 24, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        r.review_litigation.review = [1.0, 0.0, 0.0, 1.0, 2.0].map(|x| Some(Num(x)));
        r.review_litigation.litigation_direct = [Some(Num(0.0)); 5];
        r.review_litigation.litigation_after_review = [Some(Num(0.0)); 5];
        r.active.licensing = Some(Num(12.0));
        r.active.fees = Some(Num(0.5));
        r.metadata.prose_new_requests = Some(Num(3.0));
        r
    }

    fn rules_of(r: &Report) -> Vec<Seen> {
        validate(r, Lang::En)
            .into_iter()
            .map(|f| {
                (
                    f.rule,
                    f.row,
                    f.column,
                    f.expected.map(|n| n.0),
                    f.found.map(|n| n.0),
                )
            })
            .collect()
    }

    fn one(
        rule: &str,
        row: Option<&str>,
        col: Option<&str>,
        expected: Option<f64>,
        found: Option<f64>,
    ) -> Vec<Seen> {
        vec![(
            rule.into(),
            row.map(Into::into),
            col.map(Into::into),
            expected,
            found,
        )]
    }

    #[test]
    fn a_consistent_report_passes_every_rule() {
        assert!(
            rules_of(&consistent()).is_empty(),
            "{:?}",
            rules_of(&consistent())
        );
    }

    #[test]
    fn r1_fails_on_unbalanced_columns() {
        let mut r = consistent();
        // Keep R2 and R3 true: move one request from carried forward to nowhere in both columns.
        r.applications.row_mut(1)[0] = Some(Num(2.0));
        r.applications.row_mut(1)[6] = Some(Num(2.0));
        assert_eq!(
            rules_of(&r),
            [
                one("R1", None, Some("natural_person"), Some(4.0), Some(3.0)),
                one("R1", None, Some("total"), Some(5.0), Some(4.0))
            ]
            .concat()
        );
    }

    #[test]
    fn r2_fails_when_results_do_not_add_up() {
        let mut r = consistent();
        r.applications.row_mut(3)[1] = Some(Num(1.0)); // partially_granted commercial
        r.applications.row_mut(3)[6] = Some(Num(1.0));
        assert_eq!(
            rules_of(&r),
            [
                one(
                    "R2",
                    Some("total_handled"),
                    Some("commercial"),
                    Some(2.0),
                    Some(1.0)
                ),
                one(
                    "R2",
                    Some("total_handled"),
                    Some("total"),
                    Some(4.0),
                    Some(3.0)
                )
            ]
            .concat()
        );
    }

    #[test]
    fn r3_fails_on_a_wrong_row_total() {
        let mut r = consistent();
        r.applications.row_mut(12)[6] = Some(Num(2.0));
        let got = rules_of(&r);
        assert!(
            got.contains(
                &one(
                    "R3",
                    Some("unavailable_not_held"),
                    Some("total"),
                    Some(1.0),
                    Some(2.0)
                )[0]
            ),
            "{got:?}"
        );
    }

    #[test]
    fn r4_fails_on_a_wrong_group_total() {
        let mut r = consistent();
        r.review_litigation.litigation_direct[4] = Some(Num(3.0));
        assert_eq!(
            rules_of(&r),
            one(
                "R4",
                Some("litigation_direct"),
                Some("total"),
                Some(0.0),
                Some(3.0)
            )
        );
    }

    #[test]
    fn r5_fails_on_negative_or_fractional_counts() {
        let mut r = consistent();
        r.active.licensing = Some(Num(-5.0));
        assert_eq!(
            rules_of(&r),
            one("R5", Some("licensing"), None, None, Some(-5.0))
        );
        let mut r = consistent();
        r.active.punishment = Some(Num(1.5));
        assert_eq!(
            rules_of(&r),
            one("R5", Some("punishment"), None, None, Some(1.5))
        );
        let mut r = consistent();
        r.active.fees = Some(Num(2.75)); // fees may have decimals
        assert!(rules_of(&r).is_empty());
    }

    #[test]
    fn r10_warns_when_prose_and_table_disagree() {
        let mut r = consistent();
        r.metadata.prose_new_requests = Some(Num(4.0)); // new + carried over: fine
        assert!(rules_of(&r).is_empty());
        r.metadata.prose_new_requests = Some(Num(38.0));
        assert_eq!(
            rules_of(&r),
            one(
                "R10",
                Some("new_received"),
                Some("total"),
                Some(3.0),
                Some(38.0)
            )
        );
        let f = validate(&r, Lang::Zh);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message.contains("38"));
    }

    #[test]
    fn r11_checks_the_subtotal_column() {
        let mut r = consistent();
        r.metadata
            .org_subtotals
            .insert("new_received".into(), Some(Num(1.0)));
        assert!(rules_of(&r).is_empty());
        r.metadata
            .org_subtotals
            .insert("new_received".into(), Some(Num(2.0)));
        assert_eq!(
            rules_of(&r),
            one(
                "R11",
                Some("new_received"),
                Some("org_subtotal"),
                Some(1.0),
                Some(2.0)
            )
        );
    }

    #[test]
    fn rules_are_skipped_when_an_operand_is_null() {
        let mut r = consistent();
        r.applications.row_mut(24)[0] = None;
        r.applications.row_mut(23)[6] = Some(Num(99.0));
        let got = rules_of(&r);
        // R1 natural_person skipped (null); total column R1, R2, R3 on total_handled fire.
        assert!(
            got.iter().all(|f| f.2.as_deref() != Some("natural_person")),
            "{got:?}"
        );
        assert!(got.iter().any(|f| f.0 == "R3"));
    }

    #[test]
    fn every_rule_id_is_documented_once() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
