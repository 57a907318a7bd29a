//! R3 (error): table 三, each row: `total` = the sum of the six applicant columns.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R3",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "table 三, each row: `total` = the sum of the six applicant columns",
    summary_zh: "表三各行：总计＝六类申请人之和",
};

/// R3's equations, one per row: the six applicant columns = the total.
pub(crate) fn equations() -> impl Iterator<Item = Equation> {
    (0..APP_ROWS.len()).map(|r| Equation {
        rule: "R3",
        left: (0..6).map(|c| app(r, c)).collect(),
        right: vec![app(r, 6)],
    })
}

/// R3: the 总计 column = sum of the six applicant columns, per row.
pub(super) fn check(ck: &mut Checker) {
    for (r, key) in APP_ROWS.iter().enumerate() {
        let parts: Option<Vec<f64>> = (0..6).map(|c| ck.app(r, c)).collect();
        let (Some(parts), Some(total)) = (parts, ck.app(r, 6)) else {
            continue;
        };
        let sum: f64 = parts.iter().sum();
        if sum != total {
            ck.push(
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
