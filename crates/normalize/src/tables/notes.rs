//! The reader's notes on what it could not read as laid out (values left null, glued cells,
//! aligned rows): recorded as data (`crate::notes`), made findings by the rules.

use super::*;

impl Reader<'_> {
    /// Numbers that could not be placed with certainty: kept until the end of the document.
    pub(super) fn unplaced(&mut self, v: Values, what: &str) {
        self.split.loose.push((v, what.to_string()));
    }

    /// Numbers that could not be placed with certainty are left null (X2).
    pub(super) fn report_unplaced(&mut self, v: &Values, what: &str) {
        self.notes.push(Note::Unplaced {
            // The values as printed; blank cells between them are places, not values.
            shown: v
                .cells
                .iter()
                .map(|c| c.text.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            source: v.cells.first().map(|c| c.source.clone()),
            what: what.to_string(),
        });
    }

    /// Cells holding two numbers or more (`409 47`): their values are left null (X2).
    pub(super) fn report_glued(&mut self, cells: &[Cell], parsed: &[CellValue]) {
        let glued: Vec<&Cell> = cells
            .iter()
            .zip(parsed)
            .filter(|(_, v)| **v == CellValue::Glued)
            .map(|(c, _)| c)
            .collect();
        if let Some(first) = glued.first() {
            self.notes.push(Note::Glued {
                shown: glued.iter().map(|c| c.text.trim().to_string()).collect(),
                source: first.source.clone(),
            });
        }
    }

    /// Cells of digits that could not all be read (`4�`): their values are left null (X2).
    pub(super) fn report_unread(&mut self, cells: &[Cell], parsed: &[CellValue]) {
        for (c, _) in cells
            .iter()
            .zip(parsed)
            .filter(|(_, v)| **v == CellValue::Unread)
        {
            self.notes.push(Note::Unread {
                shown: c.text.trim().to_string(),
                source: c.source.clone(),
            });
        }
    }

    /// A row whose columns were not read as laid out (X2).
    pub(super) fn alignment_note(&mut self, r: usize, how: Alignment, label: Option<&SourceRef>) {
        if how == Alignment::Exact || how == Alignment::Header {
            return;
        }
        self.notes.push(Note::Aligned {
            row: r,
            how,
            source: label.cloned(),
        });
    }
}
