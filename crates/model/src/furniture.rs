//! Page numbers as printed on a page (`-3-`, `第3页 共9页`, `3/9`, `Page 3 of 9`): the one rule
//! for every adapter that sees pages — the PDF adapter on a page's margins, the text adapter on
//! the page breaks that PDF-to-text converters leave in.

/// True for a page number in its usual forms. A bare number (`7`) counts only where
/// `bare` is true: where the line's place on the page (a margin) already says furniture.
pub fn is_page_number(text: &str, bare: bool) -> bool {
    if text.len() > 48 {
        return false; // `第 1234 页 共 5678 页` and `Page 1234 of 5678` are shorter
    }
    let decorated = text.trim().chars().any(|c| !c.is_ascii_digit());
    let kept: String = text
        .chars()
        .map(|c| {
            if "-—–－·•第页共/／PpageOof".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let groups: Vec<&str> = kept.split_whitespace().collect();
    (bare || decorated)
        && (1..=2).contains(&groups.len())
        && groups
            .iter()
            .all(|g| g.len() <= 4 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for t in [
            "-3-",
            "- 12 -",
            "第 3 页",
            "第3页 共9页",
            "3/9",
            "Page 3 of 9",
        ] {
            assert!(is_page_number(t, false), "{t}");
        }
        assert!(is_page_number("7", true));
        assert!(!is_page_number("7", false));
        for t in [
            "2022年",
            "（一）",
            "第三页",
            "12 件",
            "0 0 0 0 0 0 0",
            "12345",
        ] {
            assert!(!is_page_number(t, true), "{t}");
        }
    }
}
