//! R4 (error): table 四, each group: `total` = `upheld` + `corrected` + `other` + `pending`.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R4",
    severity: Severity::Error,
    origin: Origin::Source,
    levels: "error",
    summary: "table 四, each group: `total` = `upheld` + `corrected` + `other` + `pending`",
    summary_zh: "表四各组：总计＝维持＋纠正＋其他＋尚未审结",
};

/// R4's equations, one per group: the four results = the group's total.
pub(crate) fn equations() -> impl Iterator<Item = Equation> {
    (0..RL_GROUPS.len()).map(|g| Equation {
        rule: "R4",
        left: (0..4).map(|k| rl(g, k)).collect(),
        right: vec![rl(g, 4)],
    })
}

/// R4: table 四 group totals.
pub(super) fn check(ck: &mut Checker) {
    const GROUP_LABELS: [&str; 3] = [
        "行政复议",
        "行政诉讼（未经复议直接起诉）",
        "行政诉讼（复议后起诉）",
    ];
    for g in 0..3 {
        let v = ck.report.review_litigation.group(g);
        let parts: Option<Vec<f64>> = v[..4].iter().map(|x| x.map(|n| n.0)).collect();
        let (Some(parts), Some(total)) = (parts, v[4].map(|n| n.0)) else {
            continue;
        };
        let sum: f64 = parts.iter().sum();
        if sum != total {
            ck.push(
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
