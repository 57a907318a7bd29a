//! Table 三 (requests received and handled): a row's values placed by count, by the header's
//! columns or by the last full row, and written with provenance.

use super::*;

impl Reader<'_> {
    /// A table 三 row's values: `table` is the grid table (its header and reference columns
    /// place short rows), `None` for a whole flowing row of 7.
    pub(super) fn applications(
        &mut self,
        table: Option<usize>,
        r: usize,
        label: &SourceRef,
        cells: &[Cell],
        parsed: &[CellValue],
    ) {
        if self.app_seen[r] {
            self.repeated_row(r, label);
            return;
        }
        self.app_seen[r] = true;
        let mut flowing = ColumnState::default();
        let state = match table {
            Some(t) => self.columns.entry(t).or_default(),
            None => &mut flowing,
        };
        let width = if state.has_subtotal() { 8 } else { 7 };
        if parsed.contains(&CellValue::Glued) {
            self.glued_row(r, width, label, cells, parsed);
            return;
        }
        // Text's grid rows carry no spans, so their header's columns say little; a row that
        // shows every place says where its blanks are. Documents with real grids (DOCX, HTML,
        // spreadsheets) keep the header's and the last full row's columns first.
        let text_row = table.is_none()
            || cells
                .first()
                .is_some_and(|c| matches!(c.source, SourceRef::Line { .. }));
        let Some((slots, how)) = choose_slots(state, text_row, width, cells, parsed) else {
            // Fewer or more places than columns, and neither a header nor a full row says
            // which columns the values are in: right alignment would be a guess.
            self.report_unplaced(&Values::of_row(cells, parsed), APP_ROWS[r]);
            return;
        };
        self.write_app_row(r, width, &slots, cells, parsed, false, Some(label));
        self.alignment_note(r, how, Some(label));
    }

    /// A table 三 row seen again: the first one counts (X2, info).
    fn repeated_row(&mut self, r: usize, label: &SourceRef) {
        self.notes.push(Note::Repeated {
            row: r,
            source: label.clone(),
        });
    }

    /// A row whose cells a converter merged (`| 461 11 | 78 29 | 0 0 | 579 |`): no column can
    /// be trusted, but the values keep their order. Split, they are the row only if they are
    /// exactly its values, together, and add up (R3); otherwise left null with X2.
    fn glued_row(
        &mut self,
        r: usize,
        width: usize,
        label: &SourceRef,
        cells: &[Cell],
        parsed: &[CellValue],
    ) {
        let (cells_as_printed, parsed_as_printed) = (cells, parsed);
        let (cells, parsed) = unglue(cells, parsed);
        let run = trimmed_run(&parsed);
        let values: Vec<CellValue> = run.iter().map(|&i| parsed[i].clone()).collect();
        if width == 7 && sums_hold(&values) {
            let slots: Vec<Option<usize>> = run.iter().map(|&i| Some(i)).collect();
            self.write_app_row(r, width, &slots, &cells, &parsed, true, Some(label));
        } else {
            self.report_glued(cells_as_printed, parsed_as_printed);
        }
    }

    /// Writes a table 三 row from `slots` (slot -> cell index; with a 小计 column, slot 6 is
    /// the subtotal and goes to metadata), with C3 for values the row does not show.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_app_row(
        &mut self,
        r: usize,
        width: usize,
        slots: &[Option<usize>],
        cells: &[Cell],
        parsed: &[CellValue],
        inferred: bool,
        label: Option<&SourceRef>,
    ) {
        let key = APP_ROWS[r];
        self.row_lines[r] = slots
            .iter()
            .flatten()
            .find_map(|&i| line_of(&cells[i].source));
        // A recognised cell whose marks were read as no value (a seal over it, X2) shows a
        // value unread: no blank of the source's (C3).
        let shows = |i: usize| {
            parsed[i].shows_value()
                || parsed[i] == CellValue::Empty
                    && cells[i].recognised.is_some()
                    && !cells[i].text.trim().is_empty()
        };
        let mut shown = 0;
        for (k, slot) in slots.iter().enumerate() {
            let (col_key, path) = if width == 8 && k == 6 {
                (
                    "org_subtotal",
                    ["applications.", key, ".org_subtotal"].concat(),
                )
            } else {
                let c = if width == 8 && k == 7 { 6 } else { k };
                (APP_COLUMNS[c], grid_path("applications", key, c))
            };
            let value = slot.and_then(|i| parsed[i].number()).map(Num);
            if slot.is_some_and(shows) {
                shown += 1;
            }
            if col_key == "org_subtotal" {
                self.report
                    .metadata
                    .org_subtotals
                    .insert(key.to_string(), value);
            } else {
                let c = APP_COLUMNS.iter().position(|x| *x == col_key).unwrap_or(6);
                self.report.applications.row_mut(r)[c] = value;
            }
            if let Some(i) = slot {
                self.note(path, &cells[*i], inferred);
            }
        }
        let expected_shown = width;
        if shown < expected_shown {
            let missing: Vec<usize> = slots
                .iter()
                .enumerate()
                .filter(|(k, s)| !(s.is_some_and(shows) || width == 8 && *k == 6))
                .map(|(k, _)| if width == 8 && k == 7 { 6 } else { k })
                .collect();
            self.notes.push(Note::ShortRow {
                row: r,
                shown,
                expected: expected_shown,
                blank: missing,
                source: label.cloned(),
            });
        }
    }
}

/// The columns of a table 三 row's values (cell index per column; `None`: no value shown), and
/// how they were found: a row of as many places or values as columns; eight values with one
/// extra zero; the header's columns; the last full row's columns (as numbered and as counted
/// from the label, the row's own sum deciding where they differ). `None` when nothing says
/// which columns the values are in.
fn choose_slots(
    state: &mut ColumnState,
    text_row: bool,
    width: usize,
    cells: &[Cell],
    parsed: &[CellValue],
) -> Option<(Vec<Option<usize>>, Alignment)> {
    let run = trimmed_run(parsed);
    let filled: Vec<usize> = (0..cells.len())
        .filter(|&i| is_filled(&parsed[i]))
        .collect();
    // Columns as numbered, and counted from the first cell after the label: where a
    // group label shows on a row's first line only, or a label's span is padded with an
    // empty cell, text gives no spans, and the two numberings can disagree.
    let first_col = cells.first().map_or(0, |c| c.col);
    let cols_of = |idx: &[usize]| -> (Vec<u32>, Vec<u32>) {
        idx.iter()
            .map(|&i| (cells[i].col, cells[i].col.saturating_sub(first_col)))
            .unzip()
    };
    let by_grid = |map: &dyn Fn(u32) -> Option<usize>| -> Option<Vec<Option<usize>>> {
        let mut slots = vec![None; width];
        for &i in &filled {
            let slot = map(cells[i].col)?;
            slots[slot] = Some(i);
        }
        // Blank cells at known columns keep their provenance too.
        for (i, c) in cells.iter().enumerate() {
            if let Some(slot) = map(c.col) {
                slots[slot].get_or_insert(i);
            }
        }
        Some(slots)
    };
    let header_slot = |col: u32| -> Option<usize> {
        let c = *state.header.get(&col)?;
        Some(if width == 8 {
            subtotal_slot(c)
        } else if c < 7 {
            c
        } else {
            return None;
        })
    };
    let mut how = Alignment::Exact;
    if run.len() == width {
        state.reference = Some(cols_of(&run));
    }
    let slots: Vec<Option<usize>> = if cells.len() == width && text_row {
        // Every cell is a value's place (a flowing row's unread ones included).
        (0..width).map(Some).collect()
    } else if run.len() == width {
        run.iter().map(|&i| Some(i)).collect()
    } else if run.len() == 8 && width == 7 && filled.len() == 8 {
        how = Alignment::DroppedExtra;
        match drop_extra(parsed, &run) {
            Some(s) => s,
            None => vec![None; 7],
        }
    } else if let Some(s) = state
        .complete_header()
        .then(|| by_grid(&header_slot))
        .flatten()
    {
        how = Alignment::Header;
        s
    } else if let Some(s) = state.reference.clone().and_then(|(cols, relative)| {
        let numbered = by_grid(&|col| cols.iter().position(|&c| c == col));
        let counted = by_grid(&|col| {
            let col = col.checked_sub(first_col)?;
            relative.iter().position(|&c| c == col)
        });
        match (numbered, counted) {
            (Some(a), Some(b)) if a == b => Some(a),
            (Some(a), Some(b)) => {
                // Where the two readings differ, the row's own sum decides if it can.
                let holds = |s: &[Option<usize>]| row_sum_holds(s, parsed);
                match (holds(&a), holds(&b)) {
                    (true, false) => Some(a),
                    (false, true) => Some(b),
                    _ => None,
                }
            }
            (a, b) => a.or(b),
        }
    }) {
        how = Alignment::Reference;
        s
    } else if run.is_empty() {
        vec![None; width] // no value shown: the row is blank
    } else {
        return None;
    };
    Some((slots, how))
}
