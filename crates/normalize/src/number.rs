//! Cell values: the project's convention (format.md §2.5). An explicit mark of nothing is 0, an
//! empty cell is null; full-width digits, thousands separators, spaces and unit suffixes are read.

use crate::fold::fold;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// No text at all: the value is not shown (`null`).
    Empty,
    /// An explicit mark of nothing (`—`, `-`, `/`, `无`, `無`): the number 0.
    ZeroMark,
    /// A number, with the unit suffix it carried (`元`, `件`, …), if any.
    Number(f64, Option<String>),
    /// Text that is not a number (a label).
    Text,
    /// Numbers printed in one cell with a space between them (`409 47`: a converter glued two
    /// cells): a value stands here, but which one cannot be read.
    Glued,
    /// Digits some of which could not be read (`4�`: a font with no Unicode map, or digits
    /// OCR was not sure of): a value stands here, but not which.
    Unread,
}

impl CellValue {
    /// The number this cell stands for: `Some(0)` for a zero mark, `None` for empty or text.
    pub fn number(&self) -> Option<f64> {
        match self {
            CellValue::ZeroMark => Some(0.0),
            CellValue::Number(n, _) => Some(*n),
            CellValue::Empty | CellValue::Text | CellValue::Glued | CellValue::Unread => None,
        }
    }

    /// True where the cell shows a value, read or not: a number, a zero mark, unread digits.
    pub fn shows_value(&self) -> bool {
        self.number().is_some() || *self == CellValue::Unread
    }
    /// True for anything that is a value position (number, zero mark, or empty).
    pub fn is_value_like(&self) -> bool {
        !matches!(self, CellValue::Text)
    }
}

const UNITS: [&str; 9] = ["万元", "元", "件", "个", "项", "条", "次", "人", "宗"];

/// Reads one cell's text.
pub fn parse_cell(text: &str) -> CellValue {
    parse_folded(&fold(text))
}

/// Reads one cell's text already folded ([`fold`]).
pub(crate) fn parse_folded(f: &str) -> CellValue {
    if f.is_empty() {
        return CellValue::Empty;
    }
    if matches!(f, "/" | "无" | "\\") || f.chars().all(|c| c == '-') {
        return CellValue::ZeroMark;
    }
    if f.contains('\u{FFFD}')
        && f.chars().any(|c| c.is_ascii_digit())
        && f.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '\u{FFFD}')
    {
        return CellValue::Unread;
    }
    let mut body = f;
    let mut unit = None;
    for u in UNITS {
        if let Some(b) = body.strip_suffix(u) {
            body = b;
            unit = Some(u.to_string());
            break;
        }
    }
    if body.contains(' ') {
        let numbers = body.split(' ').all(|part| {
            is_decimal(&part.replace(',', "")) || parse_folded(part) == CellValue::ZeroMark
        });
        return if numbers {
            CellValue::Glued
        } else {
            CellValue::Text
        };
    }
    if body.contains(',') && !grouped_in_thousands(body) {
        return CellValue::Text; // `10,` or `1,0`: a number cut short, not a number
    }
    let cleaned: std::borrow::Cow<str> = if body.contains(',') {
        body.chars()
            .filter(|c| *c != ',')
            .collect::<String>()
            .into()
    } else {
        body.into()
    };
    if is_decimal(&cleaned) {
        // Hundreds of digits are no count (and no finite number).
        if let Some(n) = cleaned.parse::<f64>().ok().filter(|n| n.is_finite()) {
            return CellValue::Number(n, unit);
        }
    }
    CellValue::Text
}

/// Thousands separators where they belong: `32,558`, `1,234,567.5`.
fn grouped_in_thousands(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or(s);
    let int = int.strip_prefix(['-', '+']).unwrap_or(int);
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = s.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_spellings() {
        assert_eq!(parse_cell("12").number(), Some(12.0));
        assert_eq!(parse_cell("１２").number(), Some(12.0));
        assert_eq!(parse_cell("32,558").number(), Some(32558.0));
        assert_eq!(parse_cell("３２，５５８").number(), Some(32558.0));
        assert_eq!(parse_cell("\u{3000}\u{3000}0").number(), Some(0.0));
        assert_eq!(parse_cell("\u{a0} 7 ").number(), Some(7.0));
        assert_eq!(parse_cell("1.25").number(), Some(1.25));
        assert_eq!(parse_cell("１．５").number(), Some(1.5));
        assert_eq!(parse_cell("-5").number(), Some(-5.0));
        assert_eq!(
            parse_cell("251000元"),
            CellValue::Number(251000.0, Some("元".into()))
        );
    }

    #[test]
    fn marks_of_nothing_are_zero_and_blanks_are_null() {
        for mark in ["—", "-", "/", "／", "无", "無", "——", "－"] {
            assert_eq!(parse_cell(mark), CellValue::ZeroMark, "{mark}");
            assert_eq!(parse_cell(mark).number(), Some(0.0));
        }
        for blank in ["", "  ", "\u{3000}", "\n"] {
            assert_eq!(parse_cell(blank), CellValue::Empty);
            assert_eq!(parse_cell(blank).number(), None);
        }
    }

    #[test]
    fn numbers_glued_across_a_space_are_never_one_number() {
        for glued in [
            "409 47", "4 356", "１ ２", "1,234 5", "- 5", "- -", "无 3", "/ 0",
        ] {
            assert_eq!(parse_cell(glued), CellValue::Glued, "{glued}");
            assert_eq!(parse_cell(glued).number(), None);
        }
        assert_eq!(parse_cell("3 页"), CellValue::Text);
    }

    #[test]
    fn labels_are_text() {
        assert_eq!(parse_cell("行政许可"), CellValue::Text);
        assert_eq!(parse_cell("1.属于国家秘密"), CellValue::Text);
        assert_eq!(parse_cell("2023年"), CellValue::Text);
        assert_eq!(parse_cell("1.2.3"), CellValue::Text);
        // a number cut short by a converter's column edge
        assert_eq!(parse_cell("１０，"), CellValue::Text);
        assert_eq!(parse_cell("4\u{FFFD}"), CellValue::Unread);
        assert_eq!(
            parse_cell("\u{FFFD}\u{FFFD}"),
            CellValue::Text,
            "no digit: a label"
        );
        assert_eq!(
            parse_cell("１０，\u{FFFD}"),
            CellValue::Text,
            "a number cut short stays text"
        );
        assert_eq!(parse_cell("属于\u{FFFD}"), CellValue::Text);
        assert_eq!(parse_cell("1,0"), CellValue::Text);
        assert_eq!(parse_cell("1,234,567.5").number(), Some(1234567.5));
    }
}
