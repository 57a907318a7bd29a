//! Extraction notes: values that could not be placed (left null), glued cells and aligned rows,
//! raised as X2 findings.

use super::*;

impl Reader<'_> {
    /// Numbers that could not be placed with certainty: kept until the end of the document.
    pub(super) fn unplaced(&mut self, v: Values, what: &str) {
        self.split.loose.push((v, what.to_string()));
    }

    /// X2: numbers that could not be placed with certainty are left null.
    pub(super) fn report_unplaced(&mut self, v: &Values, what: &str) {
        // The values as printed; blank cells between them are places, not values.
        let shown: Vec<&str> = v
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let (n, shown) = (shown.len(), shown.join(" "));
        let source = v.cells.first().map(|c| c.source.clone());
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
        let f = self.left_null(
            format!("{n}个数值（{shown}）的版式无法确定各自所属的行和列，未读取，按空值处理（{zh_what}）"),
            format!("{n} values ({shown}) could not be placed in a row and column with certainty; they are left null ({what})"),
            source,
        );
        if let Some(r) = APP_ROWS.iter().position(|k| *k == what) {
            f.table = Some("applications".into());
            f.row = Some(what.into());
            f.row_label = Some(APP_ROW_LABELS[r].into());
        }
    }

    /// X2 for cells holding two numbers or more (`409 47`): their values are left null.
    pub(super) fn report_glued(&mut self, cells: &[Cell], parsed: &[CellValue]) {
        let glued: Vec<&Cell> = cells
            .iter()
            .zip(parsed)
            .filter(|(_, v)| **v == CellValue::Glued)
            .map(|(c, _)| c)
            .collect();
        self.cells_left_null(&glued, "、", |shown| {
            (
                format!("单元格里是用空格隔开的几个数（{shown}），无法确定各自的值和所属的列，按空值处理"),
                format!("a cell holds numbers separated by a space ({shown}): which value belongs where cannot be told; left null"),
            )
        });
    }

    /// An X2 warning: values the layout shows are left null; returns it for its row.
    pub(super) fn left_null(
        &mut self,
        zh: String,
        en: String,
        source: Option<SourceRef>,
    ) -> &mut Finding {
        let mut f = Finding::new(
            "X2",
            Severity::Warning,
            Origin::Extraction,
            t(self.lang, zh, en),
        );
        f.source = source;
        self.findings.push(f);
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// X2 for a row whose columns were not read as laid out.
    pub(super) fn alignment_note(&mut self, r: usize, how: Alignment, label: Option<&SourceRef>) {
        if how == Alignment::Exact || how == Alignment::Header {
            return;
        }
        let key = APP_ROWS[r];
        let (zh, en) = how.describe();
        let mut f = Finding::new(
            "X2",
            if how == Alignment::RightAligned {
                Severity::Warning
            } else {
                Severity::Info
            },
            Origin::Extraction,
            t(
                self.lang,
                format!("表三「{}」行的单元格不规整，{zh}", APP_ROW_LABELS[r]),
                format!("table 3 row {key} has irregular cells; {en}"),
            ),
        );
        f.table = Some("applications".into());
        f.row = Some(key.into());
        f.source = label.cloned();
        self.findings.push(f);
    }
}
