//! The validator: every arithmetic rule of format.md §4, each with a stable id, as findings.
//! A rule is skipped (not failed) when any operand is null.

use crate::msg::t;
use xxgk_model::APP_ROW_LABELS;
use xxgk_model::{
    Finding, FormatVersion, Lang, Num, Origin, Report, Severity, APP_COLUMNS, APP_COLUMN_LABELS,
    APP_ROWS, RL_COLUMNS, RL_GROUPS,
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
    /// What it checks, in Chinese.
    pub summary_zh: &'static str,
}

/// Every rule xxgk reports, in report order. Ids R1–R10, C1–C3, Y1, F1, S1 are format.md §4;
/// R11, D1, U1, X1, X2 are xxgk's own. R8 and D1 are checked across the reports of a batch.
pub const RULES: [Rule; 18] = [
    Rule {
        id: "R1",
        severity: Severity::Error,
        summary: "table 3, per column: new + carried over = total handled + carried forward",
        summary_zh: "表三各列：本年新收＋上年结转＝办理结果总计＋结转下年度",
    },
    Rule {
        id: "R2",
        severity: Severity::Error,
        summary: "table 3, per column: total handled = sum of the result rows",
        summary_zh: "表三各列：（七）总计＝各办理结果之和",
    },
    Rule {
        id: "R3",
        severity: Severity::Error,
        summary: "table 3, per row: total = sum of the six applicant columns",
        summary_zh: "表三各行：总计＝六类申请人之和",
    },
    Rule {
        id: "R4",
        severity: Severity::Error,
        summary: "table 4, per group: total = upheld + corrected + other + pending",
        summary_zh: "表四各组：总计＝维持＋纠正＋其他＋尚未审结",
    },
    Rule {
        id: "R5",
        severity: Severity::Error,
        summary: "counts are integers >= 0; fees a number >= 0",
        summary_zh: "数量应为非负整数，收费金额应为非负数",
    },
    Rule {
        id: "R10",
        severity: Severity::Warning,
        summary: "the request count stated in section 1 equals table 3",
        summary_zh: "正文第一部分所述申请数与表三一致",
    },
    Rule {
        id: "R8",
        severity: Severity::Warning,
        summary:
            "batch: carried over in year N = carried forward in year N-1, same agency, per column",
        summary_zh: "本年上年结转＝上一年度报告结转下年度（同一机关，逐列）",
    },
    Rule {
        id: "D1",
        severity: Severity::Warning,
        summary: "batch: two reports for the same agency and year",
        summary_zh: "同一机关同一年度有两份报告",
    },
    Rule {
        id: "R11",
        severity: Severity::Error,
        summary:
            "table 3 extra column: subtotal of legal persons and other organisations = sum of the five organisation columns",
        summary_zh: "法人或其他组织小计＝五类组织之和",
    },
    Rule {
        id: "C1",
        severity: Severity::Error,
        summary: "a section of the six is missing (info for spreadsheet-only sources)",
        summary_zh: "缺少六个部分之一",
    },
    Rule {
        id: "C2",
        severity: Severity::Error,
        summary: "a statutory table is missing or not machine-readable",
        summary_zh: "法定表格缺失或无法机读",
    },
    Rule {
        id: "C3",
        severity: Severity::Error,
        summary: "a table row is missing (error), or shows fewer values than columns (warning)",
        summary_zh: "表格缺行，或某行数值少于列数",
    },
    Rule {
        id: "Y1",
        severity: Severity::Error,
        summary: "the years of title, statistical period and file name disagree",
        summary_zh: "标题、统计期限和文件名中的年度不一致",
    },
    Rule {
        id: "F1",
        severity: Severity::Error,
        summary: "a report for 2021 or later uses the 2019 format",
        summary_zh: "2021年及以后的报告仍使用2019年格式（未按新格式）",
    },
    Rule {
        id: "S1",
        severity: Severity::Warning,
        summary: "section numbering wrong, out of order or repeated",
        summary_zh: "部分编号错误、顺序错乱或重复",
    },
    Rule {
        id: "U1",
        severity: Severity::Warning,
        summary: "a unit suffix contradicts the column unit (yuan in the 10,000-yuan column)",
        summary_zh: "单位与列单位矛盾（万元列中写元）",
    },
    Rule {
        id: "X1",
        severity: Severity::Info,
        summary: "extraction: content the reader skipped or could not read with certainty",
        summary_zh: "提取：读取时跳过或无法确定的内容",
    },
    Rule {
        id: "X2",
        severity: Severity::Warning,
        summary: "extraction: a table row whose cells had to be aligned or could not be placed",
        summary_zh: "提取：表格行的单元格需对齐或无法定位",
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
                        "column {}: total handled says {}; the result rows sum to {}",
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
                        "row {key}: total says {}; the six applicant columns sum to {}",
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
                        "table 4 {}: total says {}; upheld + corrected + other + pending = {}",
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
        let values = self.report.numbers().into_iter();
        for (code, v) in xxgk_model::codebook().iter().zip(values) {
            let Some(Num(n)) = v else { continue };
            let is_fees = code.unit == "万元";
            if n >= 0.0 && (is_fees || n.fract() == 0.0) {
                continue;
            }
            let (what, what_en) = if is_fees {
                ("非负数", "a number >= 0")
            } else {
                ("非负整数", "an integer >= 0")
            };
            let column = code
                .column_label
                .map_or(String::new(), |l| format!("“{l}”"));
            self.push(
                "R5",
                code.table,
                Some((code.row, code.row_label)),
                code.column.zip(code.column_label),
                Some(code.path.clone()),
                None,
                Some(n),
                format!(
                    "{}“{}”{column}的值为{}，应为{what}",
                    xxgk_model::catalogue::table_name(code.table, Lang::Zh),
                    code.row_label,
                    fmt(n)
                ),
                format!("{} is {}; it must be {what_en}", code.name, fmt(n)),
            );
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
                "section 1 states {} requests; table 3 new_received total is {}",
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
                        "row {key}: subtotal says {}; the five organisation columns sum to {}",
                        fmt(sub),
                        fmt(sum)
                    ),
                );
            }
        }
    }
}

/// The values that take part in a finding, as indexes into [`Report::values`]: the whole
/// equation of an arithmetic rule (R1 the column's four rows, R2 the column's result rows and
/// total, R3 the row, R4 the group, R11 the five organisation columns), the cell of a
/// single-cell finding, and the blank cells of a row a C3 finding is about.
pub fn operands(report: &Report, f: &Finding) -> Vec<usize> {
    use xxgk_model::layout::{APP_OFFSET, RL_OFFSET};
    let app = |r: usize, c: usize| APP_OFFSET + r * 7 + c;
    let row = f.row.as_deref().unwrap_or("");
    let app_row = APP_ROWS.iter().position(|k| *k == row);
    let app_col = f
        .column
        .as_deref()
        .and_then(|c| APP_COLUMNS.iter().position(|k| *k == c));
    match (f.table.as_deref(), f.rule.as_str()) {
        (Some("applications"), "R1") => app_col
            .map(|c| [0, 1, 23, 24].map(|r| app(r, c)).to_vec())
            .unwrap_or_default(),
        (Some("applications"), "R2") => app_col
            .map(|c| (2..24).map(|r| app(r, c)).collect())
            .unwrap_or_default(),
        (Some("applications"), "R3") => app_row
            .map(|r| (0..7).map(|c| app(r, c)).collect())
            .unwrap_or_default(),
        (Some("applications"), "R11") => app_row
            .map(|r| (1..6).map(|c| app(r, c)).collect())
            .unwrap_or_default(),
        (Some("applications"), _) => match (app_row, app_col) {
            (Some(r), Some(c)) => vec![app(r, c)],
            (Some(r), None) => (0..7)
                .filter(|&c| report.applications.row(r)[c].is_none())
                .map(|c| app(r, c))
                .collect(),
            _ => Vec::new(),
        },
        (Some("review_litigation"), rule) => {
            let Some(g) = RL_GROUPS.iter().position(|k| *k == row) else {
                return Vec::new();
            };
            let col = f
                .column
                .as_deref()
                .and_then(|c| RL_COLUMNS.iter().position(|k| *k == c));
            let group = report.review_litigation.group(g);
            (0..5)
                .filter(|&i| match (rule, col) {
                    ("R4", _) => true,
                    (_, Some(c)) => i == c,
                    (_, None) => group[i].is_none(),
                })
                .map(|i| RL_OFFSET + g * 5 + i)
                .collect()
        }
        (Some("active"), _) => {
            let path = format!("active.{row}");
            (0..APP_OFFSET)
                .find(|&i| Report::value_path(i) == Some(path.as_str()))
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
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
    fn operands_are_the_cells_of_the_broken_equation() {
        let mut r = consistent();
        r.applications.row_mut(24)[1] = Some(Num(5.0));
        r.applications.row_mut(24)[6] = Some(Num(6.0));
        r.review_litigation.review[4] = Some(Num(9.0));
        r.applications.row_mut(3)[2] = None;
        let values = r.values();
        let mut c3 = Finding::new("C3", Severity::Warning, Origin::Source, String::new());
        c3.table = Some("applications".into());
        c3.row = Some("partially_granted".into());
        let mut findings = validate(&r, Lang::En);
        findings.push(c3);
        let mut seen: Vec<(String, Vec<String>)> = findings
            .iter()
            .map(|f| {
                let cells = operands(&r, f)
                    .iter()
                    .map(|&i| values[i].0.clone())
                    .collect();
                (
                    format!("{}:{}", f.rule, f.column.as_deref().unwrap_or("")),
                    cells,
                )
            })
            .collect();
        seen.sort();
        let app = |k: &str, c: usize| format!("applications.{k}[{c}]");
        let rl: Vec<String> = (0..5)
            .map(|i| format!("review_litigation.review[{i}]"))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("C3:".into(), vec![app("partially_granted", 2)]),
                (
                    "R1:commercial".into(),
                    [
                        "new_received",
                        "carried_over",
                        "total_handled",
                        "carried_forward"
                    ]
                    .map(|k| app(k, 1))
                    .to_vec()
                ),
                (
                    "R1:total".into(),
                    [
                        "new_received",
                        "carried_over",
                        "total_handled",
                        "carried_forward"
                    ]
                    .map(|k| app(k, 6))
                    .to_vec()
                ),
                ("R4:total".into(), rl),
            ]
        );
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
