//! The national format's labels (format.md §2): table rows, table 二 items, column headers,
//! section headings and the 2019/2021 format markers, matched on folded text.

use crate::fold::strip_numbering;

/// Key phrases identifying each table 三 row (on folded, de-numbered label text).
/// Order matters only where one phrase could contain another; none here do.
const APP_ROW_PHRASES: [(usize, &[&str]); 24] = [
    (0, &["本年新收"]),
    (1, &["上年结转"]),
    (2, &["予以公开"]),
    (3, &["部分公开"]),
    (4, &["国家秘密"]),
    (5, &["禁止公开"]),
    (6, &["三安全一稳定", "三安全"]),
    (7, &["第三方合法权益"]),
    (8, &["内部事务"]),
    (9, &["过程性信息"]),
    (10, &["执法案卷"]),
    (11, &["查询事项"]),
    (12, &["不掌握"]),
    (13, &["另行制作"]),
    (14, &["仍不明确"]),
    (15, &["信访举报投诉", "信访举报"]),
    (16, &["重复申请"]),
    (17, &["公开出版物"]),
    (18, &["大量反复"]),
    (19, &["确认或重新出具", "重新出具"]),
    (20, &["逾期不补正"]),
    (21, &["缴纳费用", "收费通知"]),
    (23, &["总计"]),
    (24, &["结转下年度"]),
];

/// Index of `other_misc` in `APP_ROWS`.
pub const OTHER_MISC: usize = 22;

/// The table 三 row a label names. `last` is the last label cell, `all` every label cell joined
/// (both folded). `3.其他` is `other_misc`; so is the 2019 format's single `（六）其他处理` row.
pub fn app_row(last: &str, all: &str) -> Option<usize> {
    let bare = strip_numbering(last);
    if bare == "其他" || bare == "其他处理" {
        return Some(OTHER_MISC);
    }
    let find = |text: &str| {
        APP_ROW_PHRASES
            .iter()
            .find(|(_, phrases)| phrases.iter().any(|p| text.contains(p)))
            .map(|(i, _)| *i)
    };
    find(bare).or_else(|| find(all))
}

/// How many table 三 rows a label's text names by their key phrases (a cell that holds
/// several rows' labels — a ruling line missed in a scan — names more than one).
pub fn app_rows_named(text: &str) -> usize {
    APP_ROW_PHRASES
        .iter()
        .filter(|(_, phrases)| phrases.iter().any(|p| text.contains(p)))
        .count()
}

/// The table 三 row that a label read by OCR resembles (`3.危及“三安一全稳定”`: a misread
/// ideograph or two): the row whose official label shares the longest common subsequence of
/// ideographs with it (as printed or numbering aside, the closer), as a share of both (Dice:
/// 2·common / (ours + theirs)), at least 0.7 and 0.15 ahead of the next row — or at least 0.85
/// and two common ideographs more than any other row. Only for recognised text: a file's own
/// text is matched exactly.
pub fn resembled_app_row(label: &str) -> Option<usize> {
    use std::sync::LazyLock;
    // Each row's label as printed and without its numbering, in ideographs.
    static LABELS: LazyLock<Vec<[Vec<char>; 2]>> = LazyLock::new(|| {
        let table = &xxgk_model::layout::official_tables()[1];
        (0..25)
            .map(|r| {
                let first = xxgk_model::layout::APP_OFFSET + r * 7;
                let row = table
                    .cells
                    .iter()
                    .find(|c| c.kind == xxgk_model::layout::LayoutKind::Value(first))
                    .map_or(usize::MAX, |c| c.row);
                table
                    .cells
                    .iter()
                    .filter(|c| c.row == row)
                    .filter_map(|c| match c.kind {
                        xxgk_model::layout::LayoutKind::Label(l) => Some(l),
                        _ => None,
                    })
                    .next_back()
                    .map(|l| {
                        let folded = crate::fold::fold(l);
                        [ideographs(&folded), ideographs(strip_numbering(&folded))]
                    })
                    .unwrap_or_default()
            })
            .collect()
    });
    // A numbering OCR garbled (`(一靖子以公开`) is no numbering to strip: labels are compared
    // as printed and without their numbering, the closer of the two counting.
    let ours = [ideographs(label), ideographs(strip_numbering(label))];
    if ours[1] == ['其', '他'] || ours[1] == ['其', '他', '处', '理'] {
        // `3其.他`: the number's period misplaced.
        return Some(OTHER_MISC);
    }
    if ours[1].len() < 3 {
        return None;
    }
    // Dice, the ideographs in common, the row.
    let mut scores: Vec<(f32, usize, usize)> = LABELS
        .iter()
        .enumerate()
        .filter(|(_, theirs)| theirs[1].len() >= 3)
        .map(|(r, theirs)| {
            // The closer Dice of the two forms, and the more ideographs in common.
            ours.iter()
                .zip(theirs)
                .map(|(ours, theirs)| {
                    let common = common_subsequence(ours, theirs);
                    let dice = 2.0 * common as f32 / (ours.len() + theirs.len()) as f32;
                    (dice, common, r)
                })
                .fold((0.0_f32, 0, r), |a, b| (a.0.max(b.0), a.1.max(b.1), r))
        })
        .collect();
    scores.sort_by(|a, b| b.0.total_cmp(&a.0));
    let &[(best, common, r), (next, ..), ..] = scores.as_slice() else {
        return None;
    };
    // Rows that share most of their words (`本年新收…申请数量`, `上年结转…申请数量`) are far
    // apart by Dice only when every character is read: a very close label two ideographs
    // ahead of any other row names its row too.
    let ahead = scores[1..].iter().all(|&(_, c, _)| common >= c + 2);
    (best >= 0.7 && (best - next >= 0.15 || best >= 0.85 && ahead)).then_some(r)
}

/// The ideographs of a text, in order.
pub(crate) fn ideographs(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect()
}

/// The length of the longest common subsequence of two short texts.
pub(crate) fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A table 二 item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveItem {
    /// 规章.
    Rules,
    /// 行政规范性文件.
    NormativeDocuments,
    /// 行政许可.
    Licensing,
    /// 行政处罚.
    Punishment,
    /// 行政强制.
    Enforcement,
    /// 行政事业性收费.
    Fees,
}

impl ActiveItem {
    /// The JSON path of the item (its first value for rules and normative documents).
    pub fn key(self) -> &'static str {
        match self {
            ActiveItem::Rules => "rules",
            ActiveItem::NormativeDocuments => "normative_documents",
            ActiveItem::Licensing => "licensing",
            ActiveItem::Punishment => "punishment",
            ActiveItem::Enforcement => "enforcement",
            ActiveItem::Fees => "fees",
        }
    }
}

/// Column of a table 三 header cell: 0..=6 in `APP_COLUMNS` order, or 7 for a 小计 subtotal.
pub fn app_column(folded: &str) -> Option<usize> {
    Some(match folded {
        "自然人" => 0,
        "商业企业" => 1,
        "科研机构" => 2,
        "社会公益组织" | "社会组织" => 3,
        "法律服务机构" => 4,
        "其他" | "其他组织" => 5,
        "总计" | "合计" => 6,
        "小计" => 7,
        _ => return None,
    })
}

/// The six sections: canonical number, phrases a heading starts with (after its number).
const SECTION_PHRASES: [(u8, &[&str]); 6] = [
    (1, &["总体情况", "概述", "基本情况"]),
    (2, &["主动公开政府信息", "主动公开情况"]),
    (
        3,
        &[
            "收到和处理政府信息公开申请",
            "收到和处理政府信息公开",
            "依申请公开政府信息",
        ],
    ),
    (
        4,
        &[
            "政府信息公开行政复议",
            "因政府信息公开工作被申请行政复议",
            "因政府信息公开申请",
            "行政复议、行政诉讼",
            "行政复议和行政诉讼",
            "被申请行政复议",
        ],
    ),
    (
        5,
        &[
            "存在的主要问题",
            "政府信息公开工作存在的主要问题",
            "存在问题",
            "主要问题及改进",
        ],
    ),
    (6, &["其他需要报告"]),
];

/// Canonical number of the section a (folded) heading names, with the numeral printed before
/// it. Sub-headings such as `（一）主动公开情况` are not section headings.
pub fn section_heading(folded: &str) -> Option<(u8, Option<String>)> {
    if folded.starts_with('(') || folded.chars().count() > 70 {
        return None;
    }
    let printed = crate::fold::leading_numeral(folded);
    let rest = match &printed {
        Some(n) => {
            let r = &folded[n.len()..];
            let trimmed = r.trim_start_matches(['、', '.', ',', '．', ':']);
            if trimmed.len() == r.len() {
                return None; // 一是… / 二是… prose, not a heading
            }
            trimmed
        }
        None if folded.chars().count() <= 24 => folded,
        None => return None,
    };
    SECTION_PHRASES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| rest.starts_with(p)))
        .map(|(n, _)| (*n, printed))
}

/// The section a short line names with its numbering garbled (`人总体情况`, `一"总体情况`,
/// `入、其他需要报告的事项`) or a word lost (`四、政府信息行政复议、行政诉讼情况`): one of the
/// section's phrases starts within its first six characters and ends within four of its end,
/// and the line ends as a heading does (`情况`, `事项`, or the phrase). Prose is none: a line
/// with a clause's punctuation, or `是` before the phrase (`二是依申请公开…`). With it, whether
/// the line is numbered as a heading is (one or two characters and `、` before the phrase).
/// Only a candidate: the caller takes it where the section's own heading is nowhere and the
/// line stands between its neighbours'.
pub fn garbled_section_heading(folded: &str) -> Option<(u8, bool)> {
    let count = folded.chars().count();
    if folded.starts_with('(') || count > 24 || folded.contains(['。', ',', ';', '，', '；']) {
        return None;
    }
    SECTION_PHRASES.iter().find_map(|(n, phrases)| {
        phrases.iter().find_map(|p| {
            folded.match_indices(p).find_map(|(at, _)| {
                let (head, tail) = (&folded[..at], &folded[at + p.len()..]);
                let before = head.chars().count();
                let ends = tail.is_empty() || tail.ends_with("情况") || tail.ends_with("事项");
                let fits = before <= 6 && tail.chars().count() <= 4 && ends && !head.contains('是');
                let numbered = (2..=3).contains(&before) && head.ends_with('、');
                fits.then_some((*n, numbered))
            })
        })
    })
}

/// Labels that only the 2021 format prints.
pub const MARKERS_2021: [&str; 5] = [
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "逾期不补正",
];

/// Labels that only the 2019 format prints.
pub const MARKERS_2019: [&str; 7] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "政府集中采购",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn row_labels_in_their_spellings() {
        let m = |s: &str| app_row(&fold(s), &fold(s));
        assert_eq!(m("一、本年新收政府信息公开申请数量"), Some(0));
        assert_eq!(m("三、本（一）予以公开"), Some(2));
        assert_eq!(
            m("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"),
            Some(3)
        );
        assert_eq!(m("1. 属于国家秘密"), Some(4));
        assert_eq!(m("1．屬於國家秘密"), Some(4));
        assert_eq!(m("3.危及“三安全一稳定”"), Some(6));
        assert_eq!(m("5.要求行政机关确认或重新\n出具已获取信息"), Some(19));
        assert_eq!(m("3.其他"), Some(OTHER_MISC));
        assert_eq!(m("（六）其他处理"), Some(OTHER_MISC));
        assert_eq!(m("(七) 总计"), Some(23));
        assert_eq!(m("四、结转下年度继续办理"), Some(24));
        assert_eq!(m("行政许可"), None);
        // the group cell is not what decides the row
        assert_eq!(
            app_row(&fold("2.重复申请"), &fold("（五）不予处理2.重复申请")),
            Some(16)
        );
    }

    #[test]
    fn section_headings_tolerate_numbering() {
        let h = |s: &str| section_heading(&fold(s));
        assert_eq!(h("一、总体情况"), Some((1, Some("一".into()))));
        assert_eq!(
            h("二、收到和处理政府信息公开申请情况"),
            Some((3, Some("二".into())))
        );
        assert_eq!(h("收到和处理政府信息公开申请情况"), Some((3, None)));
        assert_eq!(
            h("四、政府信息公开行政复议、行政诉讼情况（仅限因政府信息公开申请引起行政复议或行政诉讼的）表格部分建议转换成图片"),
            Some((4, Some("四".into())))
        );
        assert_eq!(
            h("五、政府信息公开工作存在的主要问题及改进情况"),
            Some((5, Some("五".into())))
        );
        assert_eq!(h("六．其他需要報告的事項"), Some((6, Some("六".into()))));
        assert_eq!(h("（一）主动公开情况"), None);
        assert_eq!(h("一是严格按照上级要求"), None);
    }

    #[test]
    fn garbled_headings_are_short_lines_that_end_as_headings_do() {
        let g = |s: &str| garbled_section_heading(&fold(s));
        assert_eq!(g("人总体情况"), Some((1, false)));
        assert_eq!(g("入、其他需要报告的事项"), Some((6, true)));
        assert_eq!(g("四、政府信息行政复议、行政诉讼情况"), Some((4, false)));
        // Prose: a clause's punctuation, `是` before the phrase, more after it, another end.
        assert_eq!(g("及时主动公开政府信息。"), None);
        assert_eq!(g("二是依申请公开政府信息"), None);
        assert_eq!(g("主动公开政府信息渠道不断拓宽"), None);
        assert_eq!(g("主动公开政府信息数量"), None);
        // An Arabic-numbered line is no section's numbering.
        assert_eq!(g("2.依申请公开政府信息情况"), Some((3, false)));
    }

    #[test]
    fn active_items_and_columns() {
        use crate::template::active_item;
        assert_eq!(
            active_item(&fold("行政规范性文件")),
            Some(ActiveItem::NormativeDocuments)
        );
        assert_eq!(active_item(&fold("属于行政执法案卷")), None);
        assert_eq!(app_column(&fold("科研\n机构")), Some(2));
        assert_eq!(app_column("小计"), Some(7));
    }

    #[test]
    fn an_ocr_misread_label_names_the_row_it_resembles() {
        assert_eq!(resembled_app_row(&fold("3.危及“三安一全稳定”")), Some(6));
        assert_eq!(
            resembled_app_row(&fold(
                "1.申请人无正当理由这谊期不补补正、、行政机关不再处理其政府信息公开申请"
            )),
            Some(20)
        );
        assert_eq!(
            resembled_app_row(&fold("4.无正当理由大量反复申请")),
            Some(18)
        );
        assert_eq!(
            resembled_app_row(&fold("一、未年新收政府信息公开申请数量")),
            Some(0)
        );
        assert_eq!(resembled_app_row(&fold("(一靖子以公开")), Some(2));
        assert_eq!(
            resembled_app_row(&fold("年新收政府信息公开申请数量")),
            Some(0)
        );
        assert_eq!(resembled_app_row(&fold("重复")), None, "too short to tell");
        assert_eq!(resembled_app_row(&fold("3其.他")), Some(OTHER_MISC));
        assert_eq!(
            resembled_app_row(&fold("政府信息公开工作")),
            None,
            "resembles no row"
        );
    }
}
