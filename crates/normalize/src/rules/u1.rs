//! U1 (warning): a unit written in a cell contradicts the column's unit (元 in the 万元 column).
//!
//! Made of the table reader's note of a cell read with its unit.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "U1",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "a unit written in a cell contradicts the column's unit (元 in the 万元 column)",
    summary_zh: "单位与列单位矛盾（万元列中写元）",
};

/// Fees written in 元 in the 万元 column (the table reader's note).
pub(super) fn finding(note: &Note, lang: Lang) -> Option<Finding> {
    let Note::FeesInYuan { text, yuan, source } = note else {
        return None;
    };
    let (n, wan) = (*yuan, yuan / 10000.0);
    let mut f = Finding::new(
        "U1",
        Severity::Warning,
        Origin::Source,
        t(
            lang,
            format!("行政事业性收费单位应为万元，但单元格写作「{text}」（{n} 元 = {wan} 万元）"),
            format!(
                "fees are in 10,000 yuan but the cell reads \"{text}\" ({n} yuan = {wan} x 10,000 yuan)"
            ),
        ),
    );
    f.table = Some("active".into());
    f.row = Some("fees".into());
    f.source = Some(source.clone());
    f.found = Some(Num(n));
    Some(f)
}
