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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_in_yuan_are_a_warning_with_the_amount_in_both_units() {
        let note = Note::FeesInYuan {
            text: "5000元".into(),
            yuan: 5000.0,
            source: SourceRef::Paragraph { paragraph: 3 },
        };
        let f = finding(&note, Lang::Zh).unwrap_or_else(|| panic!("no finding"));
        assert_eq!((f.rule.as_str(), f.severity), ("U1", Severity::Warning));
        assert_eq!(
            (f.table.as_deref(), f.row.as_deref()),
            (Some("active"), Some("fees"))
        );
        assert_eq!(f.found, Some(Num(5000.0)));
        assert!(f.message.contains("5000 元 = 0.5 万元"), "{}", f.message);
        let other = Note::Repeated {
            row: 0,
            source: SourceRef::Paragraph { paragraph: 1 },
        };
        assert!(finding(&other, Lang::Zh).is_none());
    }
}
