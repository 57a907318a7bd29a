//! What the rules' tests share: a consistent report, and the findings of [`validate`] in a
//! form a test compares.

pub(super) use super::validate;
use xxgk_model::Num;
pub(super) use xxgk_model::{Lang, Report, Severity};

/// A finding as (rule, row, column, expected, found).
pub(super) type Seen = (
    String,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
);

/// A consistent report: 3 new, 1 carried over, 2 granted + 1 not held, 1 carried forward.
pub(super) fn consistent() -> Report {
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

pub(super) fn rules_of(r: &Report) -> Vec<Seen> {
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

pub(super) fn one(
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
