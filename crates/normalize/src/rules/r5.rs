//! R5 (error): counts are whole numbers ≥ 0; fees a number ≥ 0.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R5",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "counts are whole numbers ≥ 0; fees a number ≥ 0",
    summary_zh: "数量应为非负整数，收费金额应为非负数",
};

/// R5: counts are integers >= 0, fees a number >= 0.
pub(super) fn check(ck: &mut Checker) {
    let values = ck.report.numbers().into_iter();
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
        ck.push(
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
