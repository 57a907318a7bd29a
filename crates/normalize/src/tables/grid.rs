//! Grid rows (DOCX, XLSX, HTML, tab-separated text): header rows teach the columns, data rows go
//! to the table their label names; provenance of every value read.

use super::*;

impl Reader<'_> {
    pub(super) fn row(&mut self, table: usize, cells: &[Cell], folded: &[Cow<'_, str>]) {
        // Only the row right before this one counts for placing a row by its position.
        let before = self.last_grid_row.take();
        let label_unread = self.label_unread.take();
        let mut parsed: Vec<CellValue> = folded.iter().map(|f| parse_folded(f)).collect();
        // A seal's strokes read over a row's last value (`规章 | 0 | 0 | 和`): said unread (X2),
        // and the cell counts as a blank — the row's values are placed as they are where that
        // cell is blank (as text it ended the row, which was then taken for a header).
        if let Some(i) = seal_over_last_value(cells, folded, &parsed) {
            self.notes.push(Note::Unread {
                shown: cells[i].text.trim().to_string(),
                source: cells[i].source.clone(),
            });
            parsed[i] = CellValue::Empty;
        }
        // A cell amid a row's values that OCR read as a character or two (`5 | 2 | 渤反 | 0`:
        // a digit misread as ideographs): no label stands between values, so a value stands
        // there, unread (X2), and the row is read as the values it is.
        for i in misread_amid_values(cells, folded, &parsed) {
            parsed[i] = CellValue::Unread;
        }
        let last_label = parsed.iter().rposition(|v| *v == CellValue::Text);
        let value_start = last_label.map_or(0, |i| i + 1);
        let has_values = parsed[value_start..]
            .iter()
            .any(|v| v.shows_value() || *v == CellValue::Glued);
        if has_values {
            self.report_unread(cells, &parsed);
        }
        if !has_values {
            self.learn_header(table, cells, folded);
            return;
        }
        let Some(li) = last_label else {
            self.report_glued(cells, &parsed);
            self.review_litigation(cells, &parsed);
            return;
        };
        let last = &folded[li];
        let item = crate::template::active_item(last).or_else(|| {
            cells[li]
                .recognised
                .and_then(|_| crate::template::resembled_active_item(last))
                .filter(|item| !self.named_items.contains(item))
        });
        if let Some(item) = item {
            self.report_glued(cells, &parsed);
            self.active(
                item,
                Some(table),
                &cells[value_start..],
                &parsed[value_start..],
            );
            return;
        }
        let all: String = folded[..=li].concat();
        if crate::template::names_review(&all) {
            // Table 四's header words and its numbers in one row (one cell per line).
            self.report_glued(cells, &parsed);
            self.review_litigation(&cells[value_start..], &parsed[value_start..]);
            return;
        }
        // A label read by OCR is named by its own cell only, and not where that cell holds
        // several rows' labels (a ruling line missed in the scan merged them); by resemblance
        // where its text names no row exactly.
        // A label cell taller than the row's values holds several rows' labels.
        let merged = cells[value_start..]
            .iter()
            .any(|c| c.row_span < cells[li].row_span);
        let row = if cells[li].recognised.is_some() {
            match crate::labels::app_rows_named(last) {
                _ if merged => None,
                0 => crate::labels::resembled_app_row(last),
                1 => app_row(last, last),
                _ => None,
            }
        } else {
            app_row(last, &all).or_else(|| crate::template::name(&all, &[]).last)
        };
        if row.is_none() {
            // Table 三 reports its own glued cells, once it knows whether they were read.
            self.report_glued(cells, &parsed);
            // Only a label that names no row at all: one naming several is no unread label.
            let unread = cells[li].recognised.is_some()
                && !merged
                && crate::labels::app_rows_named(last) == 0;
            if let Some((t, after)) = before.filter(|_| unread) {
                self.label_unread = (t == table).then(|| LabelUnread {
                    table,
                    after,
                    cells: cells[value_start..].to_vec(),
                    parsed: parsed[value_start..].to_vec(),
                    label: cells[li].clone(),
                });
            }
        }
        if let Some(r) = row {
            // A row seen before is dropped (the first counts): nothing is placed beside it.
            let fresh = !self.app_seen[r];
            if let (Some(u), true) = (label_unread, fresh) {
                self.place_by_order(u, table, r);
            }
            if r == OTHER_MISC && crate::fold::strip_numbering(last) == "其他处理" {
                self.single_other_row = true;
            }
            self.applications(
                Some(table),
                r,
                &cells[li].source,
                &cells[value_start..],
                &parsed[value_start..],
            );
            if fresh {
                self.last_grid_row = Some((table, r));
            }
        }
    }

    /// A recognised row whose label was not read, between the rows read as `u.after` and
    /// `next`: where exactly one row of the template lies between those two, not read yet,
    /// and the row's values are all read (digits read with doubt as shown) and its total is
    /// their sum (R3), it is that row, noted (X2). Anything less and it stays unread, as its
    /// label.
    fn place_by_order(&mut self, u: LabelUnread, table: usize, next: usize) {
        let r = u.after + 1;
        if u.table != table || next != u.after + 2 || self.app_seen[r] {
            return;
        }
        // A digit read with doubt counts as read for this check only: it stays unread.
        let numbers: Option<Vec<f64>> = u
            .parsed
            .iter()
            .zip(&u.cells)
            .map(|(v, c)| match v {
                CellValue::Unread => c.text.replace('\u{FFFD}', "").trim().parse().ok(),
                _ => v.number(),
            })
            .collect();
        // The table's width (a 法人或其他组织 subtotal column or not) decides the sum.
        let subtotal_col = self.columns.get(&table).is_some_and(|c| c.has_subtotal());
        let adds_up = match numbers.as_deref() {
            Some([person, orgs @ .., total]) if orgs.len() == 5 && !subtotal_col => {
                *total == *person + orgs.iter().sum::<f64>()
            }
            Some([person, orgs @ .., subtotal, total]) if orgs.len() == 5 && subtotal_col => {
                *subtotal == orgs.iter().sum::<f64>() && *total == *person + *subtotal
            }
            _ => false,
        };
        if !adds_up {
            return;
        }
        self.applications(Some(table), r, &u.label.source, &u.cells, &u.parsed);
        // Said only where the row was written as laid out.
        if self.report.applications.row(r).iter().any(Option::is_some) {
            self.notes.push(Note::PlacedByOrder {
                row: r,
                shown: u.label.text.trim().to_string(),
                source: u.label.source.clone(),
            });
        }
    }

    pub(super) fn learn_header(&mut self, table: usize, cells: &[Cell], folded: &[Cow<'_, str>]) {
        let state = self.columns.entry(table).or_default();
        for (c, f) in cells.iter().zip(folded) {
            // `现行有效件数（历史累计）`: a column name may carry a note after it
            if let Some(k) = ["本年制发件数", "本年废止件数", "现行有效件数"]
                .iter()
                .position(|h| f.starts_with(h))
            {
                state.active.insert(c.col, k);
            }
        }
        let labels: Vec<(u32, Option<usize>)> = cells
            .iter()
            .zip(folded)
            .map(|(c, f)| (c.col, app_column(f)))
            .collect();
        // Only a row that names 自然人, a company type or 小计 is table 三's header.
        let is_app_header = labels
            .iter()
            .any(|(_, c)| matches!(c, Some(0..=4) | Some(7)));
        let names_total = labels.iter().any(|(_, c)| *c == Some(6)) && !state.header.is_empty();
        if is_app_header || names_total {
            for (col, c) in labels {
                if let Some(c) = c {
                    state.header.insert(col, c);
                }
            }
        }
        if folded.iter().any(|f| f == "申请人情况") {
            // `申请人情况 … 总计` in the first header row: remember it once 自然人 is known.
            if let Some((c, _)) = cells.iter().zip(folded).find(|(_, f)| *f == "总计") {
                state.header.entry(c.col).or_insert(6);
            }
        }
    }

    pub(super) fn note_provenance(&mut self, path: String, cell: &Cell) {
        self.note(path, cell, false);
    }

    pub(super) fn note(&mut self, path: String, cell: &Cell, inferred: bool) {
        self.provenance.push((
            path,
            Provenance {
                text: cell.text.clone(),
                source: cell.source.clone(),
                inferred,
                recognised: cell.recognised,
            },
        ));
    }
}

/// The recognised cells of at most two characters read as text that stand between cells
/// showing values (see [`Reader::row`]): a value shows after it, and before it in a cell other
/// than the row's first (which may be the row's number: `1 | 规章 | 0 | 0 | 5`); and its text
/// names no row of the template.
fn misread_amid_values(
    cells: &[Cell],
    folded: &[Cow<'_, str>],
    parsed: &[CellValue],
) -> Vec<usize> {
    let (Some(first), Some(last)) = (
        parsed.iter().skip(1).position(CellValue::shows_value),
        parsed.iter().rposition(CellValue::shows_value),
    ) else {
        return Vec::new();
    };
    let names_a_row = |f: &str| {
        crate::template::active_item(f).is_some()
            || crate::labels::app_row(f, f).is_some()
            || crate::labels::resembled_app_row(f).is_some()
            || crate::template::names_review(f)
    };
    // `first` counts from the row's second cell.
    (first + 2..last)
        .filter(|&i| {
            parsed[i] == CellValue::Text
                && cells[i].recognised.is_some()
                && folded[i].trim().chars().count() <= 2
                && !names_a_row(&folded[i])
        })
        .collect()
}

/// The last filled cell of a row, where it is a recognised cell of one or two characters
/// (`和`, `AN`) after the values of a row a statutory label names: no label or value such a row
/// ends with, but a seal's or a stain's strokes read over its last value.
fn seal_over_last_value(
    cells: &[Cell],
    folded: &[Cow<'_, str>],
    parsed: &[CellValue],
) -> Option<usize> {
    let i = parsed.iter().rposition(|v| *v != CellValue::Empty)?;
    let short = folded[i].trim().chars().count() <= 2;
    if parsed[i] != CellValue::Text || !short || cells[i].recognised.is_none() {
        return None;
    }
    let first_value = parsed[..i].iter().position(CellValue::shows_value)?;
    let label = &folded[parsed[..first_value]
        .iter()
        .rposition(|v| *v == CellValue::Text)?];
    let statutory = crate::template::active_item(label)
        .or_else(|| crate::template::resembled_active_item(label))
        .is_some()
        || crate::labels::app_row(label, label).is_some()
        || crate::labels::resembled_app_row(label).is_some();
    statutory.then_some(i)
}
