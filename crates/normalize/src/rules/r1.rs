//! R1 (error): table 三, each column: `new_received` + `carried_over` = `total_handled` + `carried_forward`.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R1",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "table 三, each column: `new_received` + `carried_over` = `total_handled` + `carried_forward`",
    summary_zh: "表三各列：本年新收＋上年结转＝办理结果总计＋结转下年度",
};

/// R1's equations, one per column: new + carried over = total handled + carried forward.
pub(crate) fn equations() -> impl Iterator<Item = Equation> {
    (0..7).map(|c| Equation {
        rule: "R1",
        left: vec![app(0, c), app(1, c)],
        right: vec![app(23, c), app(24, c)],
    })
}

/// R1: new + carried over = total handled + carried forward, per column.
pub(super) fn check(ck: &mut Checker) {
    for c in 0..7 {
        let (Some(a), Some(b), Some(h), Some(f)) =
            (ck.app(0, c), ck.app(1, c), ck.app(23, c), ck.app(24, c))
        else {
            continue;
        };
        if a + b != h + f {
            ck.push(
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
