//! The template that lets a label be recognised from any piece of it.
//!
//! A converter breaks labels in every way: wrapped around their numbers (pdftotext), cut off
//! at a column edge (html2text), broken one character per line (a vertical group label), with
//! group labels and headers printed in between. The official layout (`model::layout`) fixes
//! every label, so each table 三 row is indexed by its *distinctive* substrings: every run of
//! 3 to 8 ideographs of its label (folded, numbering removed) that no other label, group
//! label or header of the three tables contains. A piece of text names a row when it contains
//! one of that row's distinctive substrings; where several rows are named, the one whose
//! substring ends last (nearest the numbers that follow) is the row those numbers belong to.
//!
//! Alternate spellings (the 2019 wording, typos that real reports print) are extra labels of
//! the same row; their substrings only make more pieces recognisable.

use crate::fold::{fold, strip_numbering};
use crate::labels::ActiveItem;
use std::collections::HashMap;
use std::sync::LazyLock;
use xxgk_model::layout::{official_tables, LayoutKind, APP_OFFSET};

/// Shortest and longest substring indexed.
const MIN_GRAM: usize = 3;
const MAX_GRAM: usize = 8;

/// Extra spellings of table 三 rows seen in real reports (row index, label).
const VARIANTS: [(usize, &str); 4] = [
    (5, "其他法律行政止公开"),
    (6, "危及三安全一稳定"),
    (20, "申请人无正当理由逾期不补正"),
    (21, "申请人逾期未按收费通知要求缴纳费用"),
];

/// Words of table 四's header: any of them before a run of numbers marks table 四.
const REVIEW_HEADER: [&str; 7] = [
    "未经复议直接起诉",
    "复议后起诉",
    "直接起诉",
    "尚未审结",
    "结果维持",
    "结果纠正",
    "行政法复议",
];

/// Table 二 items as printed, with the 2019 wording.
const ACTIVE_LABELS: [(&str, ActiveItem); 7] = [
    ("规章", ActiveItem::Rules),
    ("行政规范性文件", ActiveItem::NormativeDocuments),
    ("规范性文件", ActiveItem::NormativeDocuments),
    ("行政许可", ActiveItem::Licensing),
    ("行政处罚", ActiveItem::Punishment),
    ("行政强制", ActiveItem::Enforcement),
    ("行政事业性收费", ActiveItem::Fees),
];

/// Substring -> the table 三 row it names (`None`: shared by several labels, names nothing).
struct Index {
    grams: HashMap<String, Option<usize>>,
}

static INDEX: LazyLock<Index> = LazyLock::new(Index::build);

impl Index {
    fn build() -> Index {
        let mut rows: Vec<(usize, String)> = Vec::new();
        let mut noise: Vec<String> = Vec::new();
        for table in official_tables() {
            let mut row_label: HashMap<usize, &str> = HashMap::new();
            let mut row_value: HashMap<usize, usize> = HashMap::new();
            for cell in &table.cells {
                match cell.kind {
                    LayoutKind::Label(text)
                        if cell.row_span == 1 && table.key == "applications" =>
                    {
                        row_label.insert(cell.row, text);
                    }
                    LayoutKind::Label(text) | LayoutKind::Header(text) => noise.push(fold(text)),
                    LayoutKind::Value(i) => {
                        row_value.entry(cell.row).or_insert(i);
                    }
                }
            }
            for (grid_row, label) in row_label {
                if let Some(&v) = row_value.get(&grid_row) {
                    rows.push(((v - APP_OFFSET) / 7, bare(label)));
                }
            }
        }
        rows.extend(VARIANTS.iter().map(|&(r, l)| (r, bare(l))));
        noise.extend(ACTIVE_LABELS.iter().map(|(l, _)| fold(l)));
        noise.extend(xxgk_model::layout::SECTION_HEADINGS.iter().map(|h| fold(h)));
        let mut grams: HashMap<String, Option<usize>> = HashMap::new();
        for (row, label) in &rows {
            for g in substrings(label) {
                grams
                    .entry(g)
                    .and_modify(|r| {
                        if *r != Some(*row) {
                            *r = None;
                        }
                    })
                    .or_insert(Some(*row));
            }
        }
        for text in &noise {
            for g in substrings(text) {
                if let Some(r) = grams.get_mut(&g) {
                    *r = None;
                }
            }
        }
        Index { grams }
    }

    /// The rows named in `text`, each at the end of its longest distinctive substring, in
    /// order of that end.
    fn rows_in(&self, text: &str) -> Vec<(usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        let mut found: Vec<(usize, usize)> = Vec::new(); // (end, row)
        let mut gram = String::with_capacity(MAX_GRAM * 4);
        for start in 0..chars.len() {
            for len in (MIN_GRAM..=MAX_GRAM).rev() {
                let Some(piece) = chars.get(start..start + len) else {
                    continue;
                };
                gram.clear();
                gram.extend(piece);
                if let Some(Some(row)) = self.grams.get(gram.as_str()) {
                    found.push((start + len, *row));
                    break;
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// A label folded and stripped of its outline number.
fn bare(label: &str) -> String {
    strip_numbering(&fold(label)).to_string()
}

/// Every substring of `MIN_GRAM..=MAX_GRAM` ideographs. Punctuation is left out: `公开（`
/// would otherwise tie the end of one label to the bracket that opens the next.
fn substrings(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for start in 0..chars.len() {
        for len in MIN_GRAM..=MAX_GRAM {
            match chars.get(start..start + len) {
                Some(piece) if piece.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)) => {
                    out.push(piece.iter().collect());
                }
                _ => break,
            }
        }
    }
    out
}

/// What a stretch of label text before a run of numbers names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// Table 三 rows named, in the order they are named (each once).
    pub rows: Vec<usize>,
    /// The row named last: the one the numbers that follow belong to, unless table 四's
    /// header comes after it.
    pub last: Option<usize>,
    /// Table 四's header is named after every table 三 row.
    pub review: bool,
}

/// True when folded text holds a word of table 四's header (`结果维持`, `复议后起诉`, …).
pub(crate) fn names_review(text: &str) -> bool {
    REVIEW_HEADER.iter().any(|w| text.contains(w))
}

/// Reads the folded label text gathered before a run of numbers. `more` are rows named
/// otherwise (short labels such as `3.其他`), each with the character offset where it ends.
pub(crate) fn name(text: &str, more: &[(usize, usize)]) -> Named {
    let mut found: Vec<(usize, usize)> = INDEX.rows_in(text);
    found.extend(more.iter().map(|&(row, end)| (end, row)));
    found.sort_unstable();
    let mut rows: Vec<usize> = Vec::new();
    for &(_, r) in &found {
        if !rows.contains(&r) {
            rows.push(r);
        }
    }
    let last_end = found.last().map(|&(end, _)| end);
    let review_end = REVIEW_HEADER
        .iter()
        .filter_map(|w| text.rfind(w).map(|i| text[..i + w.len()].chars().count()))
        .max();
    let review = match (review_end, last_end) {
        (Some(r), Some(l)) => r > l,
        (Some(_), None) => true,
        _ => false,
    };
    Named {
        last: if review {
            None
        } else {
            found.last().map(|&(_, r)| r)
        },
        rows,
        review,
    }
}

/// Rows whose label is too short to be distinctive: `3.其他` and `（七）总计`, recognised only
/// with their own outline number, since a bare `其他` or `总计` is also a column header and
/// `（六）其他` is the start of a group label cut by a converter.
pub(crate) fn short_row(folded: &str) -> Option<usize> {
    let bare = strip_numbering(folded);
    let number = &folded[..folded.len() - bare.len()];
    match bare {
        "其他" if number.starts_with(|c: char| c.is_ascii_digit()) => {
            Some(crate::labels::OTHER_MISC)
        }
        "总计" if number.contains('七') => Some(23),
        _ => None,
    }
}

/// The table 二 item a label fragment names: the item's label, or a cut-off start of it of at
/// least four characters (`行政规范性` for 行政规范性文件).
pub(crate) fn active_item(folded: &str) -> Option<ActiveItem> {
    let bare = strip_numbering(folded).trim_end_matches('\u{FFFD}');
    ACTIVE_LABELS.iter().find_map(|&(label, item)| {
        let cut = bare.chars().count() >= 4 && label.starts_with(bare);
        (bare == label || cut).then_some(item)
    })
}

/// The table 二 item a label read by OCR resembles (`行政处区` for 行政处罚): a label all but one
/// of whose characters are one item's, in place; where two items are one character away
/// (`行政处可`), none. Shorter than four characters, the characters kept must be that item's
/// alone (`1章` is 规章; `规草` could be 规范性文件's start). Only for recognised text: a file's
/// own text is matched exactly.
pub(crate) fn resembled_active_item(folded: &str) -> Option<ActiveItem> {
    let ours: Vec<char> = strip_numbering(folded).chars().collect();
    if ours.len() < 2 {
        return None;
    }
    // A character no other item's label has.
    let own = |item: ActiveItem, c: char| {
        ACTIVE_LABELS
            .iter()
            .all(|&(other, i)| i == item || !other.contains(c))
    };
    let mut near = ACTIVE_LABELS.iter().filter(|&&(label, item)| {
        let kept: Vec<char> = label
            .chars()
            .zip(&ours)
            .filter(|(a, b)| a == *b)
            .map(|(a, _)| a)
            .collect();
        label.chars().count() == ours.len()
            && kept.len() + 1 == ours.len()
            && (ours.len() >= 4 || kept.iter().all(|&c| own(item, c)))
    });
    match (near.next(), near.next()) {
        (Some(&(_, item)), None) => Some(item),
        _ => None,
    }
}

/// A table 二 item label with its values glued on (`规章000`, `行政许可460`: a page that lost
/// the cells' separators): the item and its values. Only where the split is certain: one
/// number for a one-value item, three single digits for 规章 and 规范性文件.
pub(crate) fn glued_item(folded: &str) -> Option<(ActiveItem, Vec<String>)> {
    let digits = folded.len()
        - folded
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    let (label, tail) = folded.split_at(folded.len() - digits);
    let bare = strip_numbering(label);
    let item = ACTIVE_LABELS
        .iter()
        .find_map(|&(l, item)| (l == bare).then_some(item))?;
    let values: Vec<String> = match item {
        ActiveItem::Rules | ActiveItem::NormativeDocuments => (tail.len() == 3
            && tail.bytes().all(|b| b.is_ascii_digit()))
        .then(|| tail.chars().map(String::from).collect())?,
        _ => {
            let whole = !tail.is_empty()
                && (tail == "0" || !tail.starts_with('0'))
                && tail.matches('.').count() <= 1
                && !tail.starts_with('.')
                && !tail.ends_with('.');
            whole.then(|| vec![tail.to_string()])?
        }
    };
    Some((item, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_with_their_values_glued_on() {
        let split = |t: &str| glued_item(&fold(t)).map(|(_, v)| v);
        assert_eq!(
            split("规章000"),
            Some(vec!["0".into(), "0".into(), "0".into()])
        );
        assert_eq!(split("行政许可460"), Some(vec!["460".into()]));
        assert_eq!(split("行政事业性收费5125.11"), Some(vec!["5125.11".into()]));
        // not certain: four digits for three values, a leading zero, no label of its own
        assert_eq!(split("规章1040"), None);
        assert_eq!(split("行政许可046"), None);
        assert_eq!(split("作出行政许可决定434"), None);
        assert_eq!(split("规章"), None);
    }

    fn last(text: &str) -> Option<usize> {
        name(&fold(text), &[]).last
    }

    #[test]
    fn labels_wrapped_cut_and_interrupted() {
        // wrapped around its numbers: the part before them is enough
        assert_eq!(last("（二）部分公开（区分处理的，只计这一情"), Some(3));
        assert_eq!(last("2.没有现成信息需要另行制"), Some(13));
        // cut off by a converter's column
        assert_eq!(last("4.保护第三方合法\u{FFFD}"), Some(7));
        assert_eq!(
            last("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信"),
            Some(20)
        );
        // a group label and a wrap of the row before, between
        assert_eq!(last("形，不计其他情形）（三）不予1.属于国家秘密"), Some(4));
        assert_eq!(
            last("（六）其他2.申请人逾期未按收费通知要求处理缴纳费用、行政机关不再处理其"),
            Some(21)
        );
        // typos real reports print
        assert_eq!(last("2.其他法律行政止公开"), Some(5));
    }

    #[test]
    fn headers_and_group_labels_name_no_row() {
        assert_eq!(
            last("申请人情况自然人法人或其他组织商业企业科研机构总计"),
            None
        );
        assert_eq!(
            last("（三）不予公开（四）无法提供（五）不予处理（六）其他处理"),
            None
        );
        assert_eq!(last("三、本年度办理结果"), None);
    }

    #[test]
    fn review_header_after_the_last_row() {
        let n = name(
            &fold("四、结转下年度继续办理四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼未经复议直接起诉复议后起诉"),
            &[],
        );
        assert!(n.review);
        assert_eq!(n.last, None);
        assert_eq!(n.rows, vec![24]);
    }

    #[test]
    fn short_labels_only_with_their_number() {
        assert_eq!(short_row("3.其他"), Some(22));
        assert_eq!(short_row("(七)总计"), Some(23));
        assert_eq!(short_row("其他"), None);
        assert_eq!(short_row("(六)其他"), None);
        assert_eq!(short_row("总计"), None);
        let n = name(&fold("1.申请人无正当理由逾期不补正3.其他"), &[(22, 18)]);
        assert_eq!((n.rows, n.last), (vec![20, 22], Some(22)));
    }

    #[test]
    fn active_items_exact_or_cut_off() {
        assert_eq!(active_item("规章"), Some(ActiveItem::Rules));
        assert_eq!(
            active_item("行政规范性\u{FFFD}"),
            Some(ActiveItem::NormativeDocuments)
        );
        assert_eq!(active_item("行政事业性"), Some(ActiveItem::Fees));
        assert_eq!(active_item("行政"), None);
        assert_eq!(active_item("行政许可决定书"), None);
    }

    #[test]
    fn active_items_resembled_by_one_character() {
        assert_eq!(
            resembled_active_item("行政处区"),
            Some(ActiveItem::Punishment)
        );
        assert_eq!(
            resembled_active_item("行政事业性收赛"),
            Some(ActiveItem::Fees)
        );
        // one character from two items, two from any, too short, or longer than any
        assert_eq!(resembled_active_item("行政处可"), None);
        assert_eq!(resembled_active_item("行政复议"), None);
        assert_eq!(resembled_active_item("规草"), None);
        assert_eq!(resembled_active_item("1章"), Some(ActiveItem::Rules));
        assert_eq!(resembled_active_item("章"), None);
        assert_eq!(resembled_active_item("行政处罚决定"), None);
    }
}
