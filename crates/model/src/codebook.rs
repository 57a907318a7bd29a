//! The codebook: every table value as a dataset column — its key-named column, its table,
//! its row and column keys and their labels as printed in the national format, and its unit.
//! One list, in the order of [`crate::Report::values`], used by everything that names a value
//! for people (findings, the codebook file) or machines (dataset columns).

use crate::{APP_COLUMNS, APP_COLUMN_LABELS, APP_ROWS, RL_COLUMNS, RL_COLUMN_LABELS, RL_GROUPS};

/// Table 三 row labels as printed in the 2021 format, in [`APP_ROWS`] order.
pub const APP_ROW_LABELS: [&str; 25] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开",
    "（三）1.属于国家秘密",
    "（三）2.其他法律行政法规禁止公开",
    "（三）3.危及“三安全一稳定”",
    "（三）4.保护第三方合法权益",
    "（三）5.属于三类内部事务信息",
    "（三）6.属于四类过程性信息",
    "（三）7.属于行政执法案卷",
    "（三）8.属于行政查询事项",
    "（四）1.本机关不掌握相关政府信息",
    "（四）2.没有现成信息需要另行制作",
    "（四）3.补正后申请内容仍不明确",
    "（五）1.信访举报投诉类申请",
    "（五）2.重复申请",
    "（五）3.要求提供公开出版物",
    "（五）4.无正当理由大量反复申请",
    "（五）5.要求行政机关确认或重新出具已获取信息",
    "（六）1.申请人无正当理由逾期不补正",
    "（六）2.申请人逾期未按收费通知要求缴纳费用",
    "（六）3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

/// Table 四 group labels, in [`RL_GROUPS`] order.
pub const RL_GROUP_LABELS: [&str; 3] = [
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];

/// A table 二 row: key, label, the columns (key, label) of its values (none: one value), unit.
type ActiveRow = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// Table 二 rows.
const ACTIVE: [ActiveRow; 6] = [
    ("rules", "规章", &DOCUMENT_COLUMNS, "件"),
    (
        "normative_documents",
        "行政规范性文件",
        &DOCUMENT_COLUMNS,
        "件",
    ),
    ("licensing", "行政许可", &[], "件"),
    ("punishment", "行政处罚", &[], "件"),
    ("enforcement", "行政强制", &[], "件"),
    ("fees", "行政事业性收费", &[], "万元"),
];

const DOCUMENT_COLUMNS: [(&str, &str); 3] = [
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
];

/// One table value as a dataset column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The column name, by keys: `applications.granted.natural_person`, `active.fees`.
    pub name: String,
    /// The value path of the report JSON: `applications.granted[0]`.
    pub path: String,
    /// Table key: `active`, `applications`, `review_litigation`.
    pub table: &'static str,
    /// Row key.
    pub row: &'static str,
    /// Row label as printed.
    pub row_label: &'static str,
    /// Column key (`None`: the row has one value).
    pub column: Option<&'static str>,
    /// Column label as printed.
    pub column_label: Option<&'static str>,
    /// 件 (count) or 万元 (amount).
    pub unit: &'static str,
}

/// Every table value, in the order of [`crate::Report::values`].
pub fn codebook() -> &'static [Code] {
    &CODEBOOK
}

/// The label as printed of a row of a table, by keys.
pub fn row_label(table: &str, row: &str) -> Option<&'static str> {
    CODEBOOK
        .iter()
        .find(|c| c.table == table && c.row == row)
        .map(|c| c.row_label)
}

/// The label as printed of a column of a table, by keys.
pub fn column_label(table: &str, column: &str) -> Option<&'static str> {
    CODEBOOK
        .iter()
        .find(|c| c.table == table && c.column == Some(column))
        .and_then(|c| c.column_label)
}

static CODEBOOK: std::sync::LazyLock<Vec<Code>> = std::sync::LazyLock::new(|| {
    let mut out = Vec::with_capacity(200);
    for (row, row_label, columns, unit) in ACTIVE {
        let code = |column: Option<(&'static str, &'static str)>, path: String| Code {
            name: path.clone(),
            path,
            table: "active",
            row,
            row_label,
            column: column.map(|c| c.0),
            column_label: column.map(|c| c.1),
            unit,
        };
        if columns.is_empty() {
            out.push(code(None, ["active.", row].concat()));
        }
        for &(c, l) in columns {
            out.push(code(Some((c, l)), ["active.", row, ".", c].concat()));
        }
    }
    let grid = |table: &'static str,
                rows: &[&'static str],
                labels: &[&'static str],
                columns: &[&'static str],
                column_labels: &[&'static str]| {
        let mut out = Vec::new();
        for (row, row_label) in rows.iter().zip(labels) {
            for (i, (column, column_label)) in columns.iter().zip(column_labels).enumerate() {
                out.push(Code {
                    name: [table, ".", row, ".", column].concat(),
                    path: crate::grid_path(table, row, i),
                    table,
                    row,
                    row_label,
                    column: Some(column),
                    column_label: Some(column_label),
                    unit: "件",
                });
            }
        }
        out
    };
    out.extend(grid(
        "applications",
        &APP_ROWS,
        &APP_ROW_LABELS,
        &APP_COLUMNS,
        &APP_COLUMN_LABELS,
    ));
    out.extend(grid(
        "review_litigation",
        &RL_GROUPS,
        &RL_GROUP_LABELS,
        &RL_COLUMNS,
        &RL_COLUMN_LABELS,
    ));
    out
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codebook_follows_the_report_values() {
        let paths: Vec<String> = crate::Report::default()
            .values()
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let book: Vec<String> = codebook().iter().map(|c| c.path.clone()).collect();
        assert_eq!(book, paths);
        let names: std::collections::HashSet<&str> =
            codebook().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), codebook().len(), "column names are unique");
        assert_eq!(row_label("active", "fees"), Some("行政事业性收费"));
        assert_eq!(row_label("review_litigation", "review"), Some("行政复议"));
        let granted = &codebook()[10 + 2 * 7];
        assert_eq!(granted.name, "applications.granted.natural_person");
        assert_eq!(granted.row_label, "（一）予以公开");
    }
}
