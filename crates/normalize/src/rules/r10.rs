//! R10 (warning): the number of requests stated in section 一 equals table 三's `new_received` total.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R10",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "the number of requests stated in section 一 equals table 三's `new_received` total",
    summary_zh: "正文第一部分所述申请数与表三一致",
};

/// R10: the request count stated in section 一 equals table 三 (warning).
pub(super) fn check(ck: &mut Checker) {
    let Some(prose) = ck.report.metadata.prose_new_requests.map(|n| n.0) else {
        return;
    };
    let Some(new) = ck.app(0, 6) else { return };
    let with_carried = ck.app(1, 6).map(|b| new + b);
    if prose == new || Some(prose) == with_carried {
        return;
    }
    ck.push(
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
        ck.out.last_mut(),
        &ck.report.metadata.prose_new_requests_source,
    ) {
        f.source = Some(src.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use xxgk_model::Num;

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
}
