//! R2 (error): table 三, each column: `total_handled` = the sum of the outcome rows （一）…（六）.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R2",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "table 三, each column: `total_handled` = the sum of the outcome rows （一）…（六）",
    summary_zh: "表三各列：（七）总计＝各办理结果之和",
};

/// R2's equations, one per column: the result rows (without （五）3–4 in the 2019 format) =
/// total handled.
pub(crate) fn equations(old: bool) -> impl Iterator<Item = Equation> {
    (0..7).map(move |c| Equation {
        rule: "R2",
        left: (2..23)
            .filter(|&r| !(old && (r == 20 || r == 21)))
            .map(|r| app(r, c))
            .collect(),
        right: vec![app(23, c)],
    })
}

/// R2: （七）总计 = sum of the result rows, per column.
pub(super) fn check(ck: &mut Checker) {
    let old = ck.report.format == Some(FormatVersion::V2019);
    for c in 0..7 {
        let rows: Vec<usize> = (2..23)
            .filter(|&r| !(old && (r == 20 || r == 21)))
            .collect();
        let parts: Option<Vec<f64>> = rows.iter().map(|&r| ck.app(r, c)).collect();
        let (Some(parts), Some(total)) = (parts, ck.app(23, c)) else {
            continue;
        };
        let sum: f64 = parts.iter().sum();
        if sum != total {
            ck.push(
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
