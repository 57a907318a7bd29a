//! R11 (error): where a report prints the `法人或其他组织` subtotal: it equals the five organisation columns.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R11",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "where a report prints the `法人或其他组织` subtotal: it equals the five organisation columns",
    summary_zh: "法人或其他组织小计＝五类组织之和",
};

/// R11: the extra 小计 column = sum of the five organisation columns.
pub(super) fn check(ck: &mut Checker) {
    let subtotals: Vec<(String, f64)> = ck
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
        let parts: Option<Vec<f64>> = (1..6).map(|c| ck.app(r, c)).collect();
        let Some(parts) = parts else { continue };
        let sum: f64 = parts.iter().sum();
        if sum != sub {
            ck.push(
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
