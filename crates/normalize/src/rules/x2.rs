//! X2 (warning / info): xxgk had to align a table row's cells, or could not place some values (they are null); info: a row seen twice, digits read with doubt that a statutory sum confirms, or a recognised table 三 row whose label OCR could not read, placed by its position.
//!
//! Made of the table reader's notes where it aligns a row or leaves values null, and where
//! the statutory sums confirm a reading the engine was unsure of (`tables/proofread.rs`).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "X2",
    severity: Severity::Warning,
    origin: Origin::Extraction,
    levels: "warning / info",
    summary:
        "xxgk had to align a table row's cells, or could not place some values (they are null); info: a row seen twice, digits read with doubt that a statutory sum confirms, or a recognised table 三 row whose label OCR could not read, placed by its position between the two rows around it (its total the sum of its values)",
    summary_zh: "提取：表格行的单元格需对齐或无法定位（空值）；提示：重复的行，识别有疑问、经勾稽关系核对采用的数字，或标签未能识别、按所在位置读取的表三行",
};

/// An X2 warning: values the layout shows are left null.
fn left_null(zh: String, en: String, source: Option<SourceRef>, lang: Lang) -> Finding {
    let mut f = Finding::new("X2", Severity::Warning, Origin::Extraction, t(lang, zh, en));
    f.source = source;
    f
}

/// An X2 info finding on table 三's row `row`.
fn row_info(row: usize, zh: String, en: String, source: &SourceRef, lang: Lang) -> Finding {
    let mut f = Finding::new("X2", Severity::Info, Origin::Extraction, t(lang, zh, en));
    f.table = Some("applications".into());
    f.row = Some(APP_ROWS[row].into());
    f.source = Some(source.clone());
    f
}

/// The finding of a table reader's note about its reading (`None` for a note of another rule).
pub(super) fn finding(note: &Note, lang: Lang) -> Option<Finding> {
    Some(match note {
        Note::Unplaced {
            shown,
            source,
            what,
        } => unplaced(shown, source.clone(), what, lang),
        Note::Glued { shown, source } => {
            let shown = shown.join("、");
            left_null(
                format!("单元格里是用空格隔开的几个数（{shown}），无法确定各自的值和所属的列，按空值处理"),
                format!("a cell holds numbers separated by a space ({shown}): which value belongs where cannot be told; left null"),
                Some(source.clone()),
                lang,
            )
        }
        Note::Unread { shown, source } => left_null(
            format!("单元格里的数字没能全部识别（{shown}，� 为无法确定的字符），按空值处理，请对照原件"),
            format!("a cell's digits could not all be read ({shown}; � marks what could not be told); left null, check against the original"),
            Some(source.clone()),
            lang,
        ),
        Note::Stated {
            shown,
            stated,
            source,
        } => {
            let mut f = Finding::new(
                "X2",
                Severity::Info,
                Origin::Extraction,
                t(
                    lang,
                    format!("单元格里的数字识别没有把握（{shown}），按{stated}读取：与正文第一部分所述相符，请对照原件"),
                    format!("a cell's digits were read with doubt ({shown}); taken as {stated}, as section 1 states; check against the original"),
                ),
            );
            f.source = Some(source.clone());
            f
        }
        Note::Contradicted {
            shown,
            stated,
            source,
        } => left_null(
            format!("单元格识别为{shown}，而正文第一部分称{stated}件，两者不一致，按空值处理，请对照原件"),
            format!("a cell was recognised as {shown}, but section 1 states {stated}; left null, check against the original"),
            Some(source.clone()),
            lang,
        ),
        Note::Proofread {
            shown,
            value,
            index,
            rule,
            source,
        } => {
            let value = fmt(*value);
            let mut f = Finding::new(
                "X2",
                Severity::Info,
                Origin::Extraction,
                t(
                    lang,
                    format!("单元格里的数字识别没有把握（{shown}），按{value}读取：与勾稽关系（{rule}）相符，请对照原件"),
                    format!("a cell's digits were read with doubt ({shown}); taken as {value}, which the statutory sum ({rule}) confirms; check against the original"),
                ),
            );
            f.source = Some(source.clone());
            match xxgk_model::codebook().get(*index) {
                Some(code) => on_value(f, code),
                None => f,
            }
        }
        Note::Cut { shown, source } => {
            let shown = shown.join(" ");
            left_null(
                format!("版式把数值截断或折到另一行（{shown}），无法确定其值，按空值处理"),
                format!("the layout cut a number short or wrapped it onto another line ({shown}); it is left null"),
                Some(source.clone()),
                lang,
            )
        }
        Note::Aligned { row, how, source } => aligned(*row, *how, source.clone(), lang),
        Note::PlacedByOrder { row, shown, source } => {
            let (before, after) = (APP_ROW_LABELS[*row - 1], APP_ROW_LABELS[*row + 1]);
            let label = APP_ROW_LABELS[*row];
            row_info(
                *row,
                format!("表三一行的标签没能识别（{shown}），按其位置（在「{before}」与「{after}」之间）读作「{label}」，其总计与各列之和相符，请对照原件"),
                format!("the label of a table 3 row could not be recognised ({shown}); read as {} by its place between {} and {}, its total matching its columns; check against the original", APP_ROWS[*row], APP_ROWS[*row - 1], APP_ROWS[*row + 1]),
                source,
                lang,
            )
        }
        Note::Repeated { row, source } => row_info(
            *row,
            format!(
                "表三「{}」行重复出现，采用第一次出现的数值",
                APP_ROW_LABELS[*row]
            ),
            format!(
                "table 3 row {} appears again; the first one is used",
                APP_ROWS[*row]
            ),
            source,
            lang,
        ),
        Note::Unlabelled { count, source } => left_null(
            format!("一行{count}个无标签的数值无法对应到表四（应为15个）"),
            format!(
                "a row of {count} unlabelled numbers could not be placed in table 4 (which has 15)"
            ),
            source.clone(),
            lang,
        ),
        Note::ShortRow { .. } | Note::FeesInYuan { .. } => return None,
    })
}

/// Numbers that could not be placed with certainty are left null; the row, item or table
/// they may belong to is named as printed.
fn unplaced(shown: &[String], source: Option<SourceRef>, what: &str, lang: Lang) -> Finding {
    // The values as printed; blank cells between them are places, not values.
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    let (n, shown) = (shown.len(), shown.join(" "));
    // The place in Chinese: a table's or a row's label as printed, not its key.
    let zh_what: Vec<&str> = what
        .split('/')
        .map(
            |key| match xxgk_model::catalogue::table_name(key, Lang::Zh) {
                name if name != key => name,
                _ => xxgk_model::codebook()
                    .iter()
                    .find(|c| c.row == key)
                    .map_or(key, |c| c.row_label),
            },
        )
        .collect();
    let zh_what = zh_what.join("／");
    let mut f = left_null(
        format!("{n}个数值（{shown}）的版式无法确定各自所属的行和列，未读取，按空值处理（{zh_what}）"),
        format!("{n} values ({shown}) could not be placed in a row and column with certainty; they are left null ({what})"),
        source,
        lang,
    );
    if let Some(r) = APP_ROWS.iter().position(|k| *k == what) {
        f.table = Some("applications".into());
        f.row = Some(what.into());
        f.row_label = Some(APP_ROW_LABELS[r].into());
    }
    f
}

/// A table 三 row whose columns were not read as laid out: info, or a warning where the
/// values were right-aligned.
fn aligned(r: usize, how: Alignment, source: Option<SourceRef>, lang: Lang) -> Finding {
    let key = APP_ROWS[r];
    let (zh, en) = match how {
        Alignment::Reference => (
            "数值按上一行的列位置对齐",
            "values aligned to the columns of the row above",
        ),
        Alignment::DroppedExtra => (
            "多出一个单元格；去掉一个内部单元格后读数唯一",
            "one cell too many; dropping one interior cell gives a single reading",
        ),
        _ => (
            "无法确定列位置，数值按右对齐（总计在最后一列）读取",
            "column positions unknown; values read right-aligned (total last)",
        ),
    };
    let mut f = Finding::new(
        "X2",
        if how == Alignment::RightAligned {
            Severity::Warning
        } else {
            Severity::Info
        },
        Origin::Extraction,
        t(
            lang,
            format!("表三「{}」行的单元格不规整，{zh}", APP_ROW_LABELS[r]),
            format!("table 3 row {key} has irregular cells; {en}"),
        ),
    );
    f.table = Some("applications".into());
    f.row = Some(key.into());
    f.source = source;
    f
}
