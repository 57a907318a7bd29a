//! Table 二 (active disclosure): its items and their one or three values.

use super::*;

impl Reader<'_> {
    pub(super) fn active(
        &mut self,
        item: ActiveItem,
        table: Option<usize>,
        cells: &[Cell],
        parsed: &[CellValue],
    ) {
        if self.active_seen.contains(&item) {
            return;
        }
        self.active_seen.push(item);
        let old_format = self.report.format == Some(FormatVersion::V2019);
        match item {
            ActiveItem::Rules | ActiveItem::NormativeDocuments => {
                if !old_format {
                    // 2019 columns measure other things (format.md §3): null
                    self.active_documents(item, table, cells, parsed);
                }
            }
            // The 2019 format has no amount column.
            ActiveItem::Fees if old_format => {}
            _ => self.active_count(item, old_format, cells, parsed),
        }
    }

    /// Rules or normative documents: the three columns by the header's grid columns, else by
    /// count; a blank whose column is unknown leaves the row unread rather than shifted.
    fn active_documents(
        &mut self,
        item: ActiveItem,
        table: Option<usize>,
        cells: &[Cell],
        parsed: &[CellValue],
    ) {
        let header = table
            .and_then(|t| self.columns.get(&t))
            .map(|s| &s.active)
            .filter(|a| a.len() == 3);
        // Empty cells past the third are a merged neighbour's padding.
        let three_places = cells.len() >= 3 && parsed[3..].iter().all(|v| *v == CellValue::Empty);
        let run: Vec<usize> = match header {
            // Every place shown: the row says where its blanks are.
            _ if three_places => vec![0, 1, 2],
            Some(cols) => {
                let mut slots = vec![usize::MAX; 3];
                for (i, c) in cells.iter().enumerate() {
                    if let Some(&k) = cols.get(&c.col) {
                        slots[k] = i;
                    }
                }
                slots.retain(|&i| i != usize::MAX);
                slots
            }
            None => trimmed_run(parsed),
        };
        if run.len() != 3 {
            self.report_unplaced(&Values::of_row(cells, parsed), item.key());
            return;
        }
        let trio = if item == ActiveItem::Rules {
            &mut self.report.active.rules
        } else {
            &mut self.report.active.normative_documents
        };
        let slots = [&mut trio.issued, &mut trio.repealed, &mut trio.in_force];
        let mut notes = Vec::new();
        for (k, slot) in slots.into_iter().enumerate() {
            if let Some(&i) = run.get(k) {
                *slot = parsed[i].number().map(Num);
                notes.push((["issued", "repealed", "in_force"][k], i));
            }
        }
        for (name, i) in notes {
            self.note_provenance(["active.", item.key(), ".", name].concat(), &cells[i]);
        }
    }

    /// An item of one value (licensing, punishment, enforcement, fees): the first value shown
    /// (2019 format: the third of three).
    fn active_count(
        &mut self,
        item: ActiveItem,
        old_format: bool,
        cells: &[Cell],
        parsed: &[CellValue],
    ) {
        let filled: Vec<usize> = (0..cells.len())
            .filter(|&i| is_filled(&parsed[i]))
            .collect();
        let pick = if old_format && filled.len() == 3 {
            filled.get(2)
        } else {
            filled.first()
        };
        let Some(&i) = pick.or_else(|| (!cells.is_empty()).then_some(&0)) else {
            return;
        };
        let value = parsed[i].number().map(Num);
        if item == ActiveItem::Fees {
            self.fees_unit(&cells[i], &parsed[i]);
        }
        let a = &mut self.report.active;
        match item {
            ActiveItem::Licensing => a.licensing = value,
            ActiveItem::Punishment => a.punishment = value,
            ActiveItem::Enforcement => a.enforcement = value,
            _ => a.fees = value,
        }
        self.note_provenance(["active.", item.key()].concat(), &cells[i]);
    }

    /// Fees are in 万元: a cell that says 元 contradicts the column (U1).
    fn fees_unit(&mut self, cell: &Cell, value: &CellValue) {
        if let CellValue::Number(n, Some(unit)) = value {
            if unit == "元" {
                self.notes.push(Note::FeesInYuan {
                    text: cell.text.trim().to_string(),
                    yuan: *n,
                    source: cell.source.clone(),
                });
            }
        }
    }
}
